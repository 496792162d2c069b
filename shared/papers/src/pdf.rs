//! The laid out pages drawn as PDF with krilla: text in the embedded fonts (subset, with
//! ToUnicode maps so it can be searched and copied), lines and filled rectangles.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use krilla::Document;
use krilla::color::luma;
use krilla::geom::{PathBuilder, Point, Rect};
use krilla::metadata::Metadata;
use krilla::page::PageSettings;
use krilla::paint::{Fill, Stroke};
use krilla::surface::Surface;
use krilla::text::{Font, TextDirection};

use crate::PaperError;
use crate::fonts::{BOLD, REGULAR};
use crate::layout::{Laid, Op, PAGE_HEIGHT, PAGE_WIDTH};

/// The fonts read once per process (krilla hashes a font's 700 kB when it is made); `None` if
/// a font were invalid.
static FONTS: LazyLock<Option<[Font; 2]>> =
    LazyLock::new(|| Some([Font::new(REGULAR.into(), 0)?, Font::new(BOLD.into(), 0)?]));

/// Writes the pages as a PDF.
pub(crate) fn write(laid: &Laid) -> Result<Vec<u8>, PaperError> {
    let fonts = FONTS
        .as_ref()
        .ok_or_else(|| PaperError::Layout("a font is invalid".into()))?;
    let settings = PageSettings::from_wh(PAGE_WIDTH, PAGE_HEIGHT)
        .ok_or_else(|| PaperError::Layout("the page size".into()))?;

    let mut document = Document::new();
    let mut metadata = Metadata::new().creator("Qabyldau".to_string());
    if let Some(title) = &laid.title {
        metadata = metadata.title(title.clone());
    }
    document.set_metadata(metadata);
    for ops in &laid.pages {
        let mut page = document.start_page_with(settings.clone());
        let mut surface = page.surface();
        draw(&mut surface, ops, fonts);
        surface.finish();
        page.finish();
    }
    document
        .finish()
        .map_err(|e| PaperError::Layout(format!("writing the PDF: {e:?}")))
}

/// Draws one page: the rectangles and text in order (a header's background under its text),
/// then all lines as one path per stroke width (a long table has thousands of border lines).
fn draw(surface: &mut Surface, ops: &[Op], fonts: &[Font; 2]) {
    let mut lines: BTreeMap<u32, PathBuilder> = BTreeMap::new();
    for op in ops {
        match op {
            Op::Text {
                x,
                baseline,
                size,
                bold,
                text,
            } => {
                surface.set_stroke(None);
                surface.set_fill(Some(Fill::default()));
                let font = fonts[usize::from(*bold)].clone();
                let at = Point::from_xy(*x, *baseline);
                surface.draw_text(at, font, *size, text, false, TextDirection::Auto);
            }
            Op::Rects { rects, grey } => {
                let mut path = PathBuilder::new();
                for [x, y, w, h] in rects {
                    if let Some(rect) = Rect::from_xywh(*x, *y, *w, *h) {
                        path.push_rect(rect);
                    }
                }
                if let Some(path) = path.finish() {
                    surface.set_stroke(None);
                    let paint = luma::Color::new(*grey).into();
                    surface.set_fill(Some(Fill {
                        paint,
                        ..Fill::default()
                    }));
                    surface.draw_path(&path);
                }
            }
            Op::Line { from, to, width } => {
                let path = lines.entry(width.to_bits()).or_default();
                path.move_to(from.0, from.1);
                path.line_to(to.0, to.1);
            }
        }
    }
    for (width, path) in lines {
        if let Some(path) = path.finish() {
            surface.set_fill(None);
            let width = f32::from_bits(width);
            surface.set_stroke(Some(Stroke {
                width,
                ..Stroke::default()
            }));
            surface.draw_path(&path);
        }
    }
}
