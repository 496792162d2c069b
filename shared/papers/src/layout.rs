//! Blocks laid out on A4 pages: every line of text placed, wrapped and paginated, as drawing
//! operations in points from the page's top left corner (krilla's coordinates).

use crate::PaperError;
use crate::fonts::Measure;
use crate::markup::{self, Block};

/// A4 in points.
pub(crate) const PAGE_WIDTH: f32 = 595.276;
pub(crate) const PAGE_HEIGHT: f32 = 841.89;
/// 20 mm on every side.
pub(crate) const MARGIN: f32 = 56.693;
pub(crate) const LEFT: f32 = MARGIN;
pub(crate) const TEXT_WIDTH: f32 = PAGE_WIDTH - 2.0 * MARGIN;
const BOTTOM: f32 = PAGE_HEIGHT - MARGIN;
pub(crate) const TEXT_HEIGHT: f32 = BOTTOM - MARGIN;

const BODY: f32 = 10.0;
const TITLE: f32 = 14.0;
const HEADING: f32 = 11.5;
/// The URL under a QR code.
const SMALL: f32 = 9.0;
/// Line height over font size.
pub(crate) const LEADING: f32 = 1.3;
/// DejaVu Sans's ascent and descent over its em: the glyphs are centred in the line height.
const ASCENT: f32 = 0.928;
const DESCENT: f32 = 0.236;
/// The hanging indent of list items.
const INDENT: f32 = 20.0;
/// 30 mm.
const QR_SIZE: f32 = 85.04;
/// An empty line of markup.
const SPACE: f32 = 8.0;

/// What to draw.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Op {
    /// One line of text; `baseline` is its y.
    Text {
        x: f32,
        baseline: f32,
        size: f32,
        bold: bool,
        text: String,
    },
    /// A straight line of the given stroke width.
    Line {
        from: (f32, f32),
        to: (f32, f32),
        width: f32,
    },
    /// Filled rectangles `[x, y, width, height]` in a grey level (0 black, 255 white).
    Rects { rects: Vec<[f32; 4]>, grey: u8 },
}

/// A laid out paper.
#[derive(Debug)]
pub(crate) struct Laid {
    pub(crate) title: Option<String>,
    /// Never empty: a paper has at least one page.
    pub(crate) pages: Vec<Vec<Op>>,
}

#[derive(Clone, Copy, PartialEq)]
pub(crate) enum Align {
    Left,
    Centre,
    Right,
}

/// The position on the current page, and the pages so far.
pub(crate) struct Cursor {
    pub(crate) measure: Measure,
    pages: Vec<Vec<Op>>,
    /// The top of the next line.
    pub(crate) y: f32,
}

impl Cursor {
    pub(crate) fn push(&mut self, op: Op) {
        if let Some(page) = self.pages.last_mut() {
            page.push(op);
        }
    }

    fn at_top(&self) -> bool {
        self.y <= MARGIN + 0.01
    }

    /// The height left on the page.
    pub(crate) fn room(&self) -> f32 {
        BOTTOM - self.y
    }

    /// Vertical space between blocks; none at the top of a page.
    pub(crate) fn gap(&mut self, height: f32) {
        if !self.at_top() {
            self.y += height;
        }
    }

    /// Makes room for `height`: a new page unless it fits (or this page is empty anyway).
    pub(crate) fn fit(&mut self, height: f32) {
        if height > self.room() + 0.01 && !self.at_top() {
            self.new_page();
        }
    }

    pub(crate) fn new_page(&mut self) {
        self.pages.push(Vec::new());
        self.y = MARGIN;
    }

    /// One line of text at the cursor, aligned in `[x, x + width]`.
    pub(crate) fn line(
        &mut self,
        text: &str,
        size: f32,
        bold: bool,
        align: Align,
        x: f32,
        width: f32,
    ) {
        let height = size * LEADING;
        self.fit(height);
        let x = match align {
            Align::Left => x,
            Align::Centre => x + (width - self.measure.width(text, bold, size)) / 2.0,
            Align::Right => x + width - self.measure.width(text, bold, size),
        };
        let baseline = baseline(self.y, size);
        self.push(Op::Text {
            x,
            baseline,
            size,
            bold,
            text: text.to_string(),
        });
        self.y += height;
    }

    /// A bold title or heading: never the last thing on a page, it goes with (room for) two
    /// lines of what follows.
    fn heading(&mut self, text: &str, size: f32, align: Align) {
        let lines = self.measure.wrap(text, true, size, TEXT_WIDTH);
        self.fit(lines.len() as f32 * size * LEADING + 2.0 * BODY * LEADING);
        for line in lines {
            self.line(&line, size, true, align, LEFT, TEXT_WIDTH);
        }
    }

    /// A wrapped text across the text width.
    fn text(&mut self, text: &str, size: f32, bold: bool, align: Align) {
        for line in self.measure.wrap(text, bold, size, TEXT_WIDTH) {
            self.line(&line, size, bold, align, LEFT, TEXT_WIDTH);
        }
    }
}

/// The baseline of a line of `size` whose box starts at `top`.
pub(crate) fn baseline(top: f32, size: f32) -> f32 {
    top + size * ((LEADING - ASCENT - DESCENT) / 2.0 + ASCENT)
}

/// Lays the blocks out on as many pages as they need.
pub(crate) fn lay_out(blocks: &[Block]) -> Result<Laid, PaperError> {
    let mut cur = Cursor {
        measure: Measure::new()?,
        pages: vec![Vec::new()],
        y: MARGIN,
    };
    for block in blocks {
        match block {
            Block::Title(text) => {
                cur.gap(6.0);
                cur.heading(text, TITLE, Align::Centre);
                cur.gap(6.0);
            }
            Block::Heading(text) => {
                cur.gap(8.0);
                cur.heading(text, HEADING, Align::Left);
                cur.gap(3.0);
            }
            Block::Centred(text) => cur.text(text, BODY, false, Align::Centre),
            Block::Right(text) => cur.text(text, BODY, false, Align::Right),
            Block::Bold(text) => {
                cur.text(text, BODY, true, Align::Left);
                cur.gap(3.0);
            }
            Block::Paragraph(text) => {
                cur.text(text, BODY, false, Align::Left);
                cur.gap(3.0);
            }
            Block::Item(marker, text) => {
                item(&mut cur, marker, text);
                cur.gap(2.0);
            }
            Block::Table(rows) => {
                cur.gap(4.0);
                crate::table::lay_out(&mut cur, rows);
                cur.gap(6.0);
            }
            Block::Rule => {
                cur.gap(4.0);
                cur.fit(1.0);
                let y = cur.y;
                cur.push(Op::Line {
                    from: (LEFT, y),
                    to: (LEFT + TEXT_WIDTH, y),
                    width: 0.75,
                });
                cur.y += 1.0;
                cur.gap(4.0);
            }
            Block::Qr(url) => {
                cur.gap(6.0);
                qr(&mut cur, url)?;
                cur.gap(4.0);
            }
            Block::Space => cur.gap(SPACE),
        }
    }
    let title = markup::title(blocks).map(str::to_string);
    Ok(Laid {
        title,
        pages: cur.pages,
    })
}

/// A list item: the marker, then the text wrapped with a hanging indent.
fn item(cur: &mut Cursor, marker: &str, text: &str) {
    let lines = cur.measure.wrap(text, false, BODY, TEXT_WIDTH - INDENT);
    for (i, line) in lines.iter().enumerate() {
        if i == 0 {
            // The marker goes on the first line's page and baseline.
            cur.fit(BODY * LEADING);
            let baseline = baseline(cur.y, BODY);
            let text = marker.to_string();
            cur.push(Op::Text {
                x: LEFT + 4.0,
                baseline,
                size: BODY,
                bold: false,
                text,
            });
        }
        cur.line(
            line,
            BODY,
            false,
            Align::Left,
            LEFT + INDENT,
            TEXT_WIDTH - INDENT,
        );
    }
}

/// A QR code of `url` with the URL beneath, kept together on one page.
fn qr(cur: &mut Cursor, url: &str) -> Result<(), PaperError> {
    let lines = cur.measure.wrap(url, false, SMALL, TEXT_WIDTH);
    cur.fit(QR_SIZE + 4.0 + lines.len() as f32 * SMALL * LEADING);
    let rects = qr_modules(url, LEFT, cur.y, QR_SIZE)?;
    cur.push(Op::Rects { rects, grey: 0 });
    cur.y += QR_SIZE + 4.0;
    for line in lines {
        cur.line(&line, SMALL, false, Align::Left, LEFT, TEXT_WIDTH);
    }
    Ok(())
}

/// The dark modules of the QR code of `data` as rectangles in a `size` square at `(x, y)`; a
/// run of dark modules in a row is one rectangle (a smaller PDF). The page's white around the
/// code is its quiet zone.
pub(crate) fn qr_modules(
    data: &str,
    x: f32,
    y: f32,
    size: f32,
) -> Result<Vec<[f32; 4]>, PaperError> {
    let code = qrcode::QrCode::new(data.as_bytes())
        .map_err(|e| PaperError::Layout(format!("QR code: {e}")))?;
    let n = code.width();
    let dark: Vec<bool> = code
        .to_colors()
        .into_iter()
        .map(|c| c == qrcode::Color::Dark)
        .collect();
    let module = size / n as f32;
    let mut rects = Vec::new();
    for row in 0..n {
        let mut col = 0;
        while col < n {
            if !dark[row * n + col] {
                col += 1;
                continue;
            }
            let start = col;
            while col < n && dark[row * n + col] {
                col += 1;
            }
            let left = x + start as f32 * module;
            let top = y + row as f32 * module;
            rects.push([left, top, (col - start) as f32 * module, module]);
        }
    }
    Ok(rects)
}
