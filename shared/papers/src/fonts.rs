//! The embedded faces (DejaVu Sans: Cyrillic with every Kazakh letter, cut to the scripts papers
//! print by `fonts/subset.sh`, 200 KB a face instead of 750) and the measurement of text with
//! them.

use std::collections::HashMap;
use std::sync::LazyLock;

use rustybuzz::{Face, UnicodeBuffer};

use crate::PaperError;

/// DejaVu Sans, the body face (licence: `fonts/LICENSE`).
pub(crate) const REGULAR: &[u8] = include_bytes!("../fonts/DejaVuSans.ttf");
/// DejaVu Sans Bold, for titles, headings, bold paragraphs and table headers.
pub(crate) const BOLD: &[u8] = include_bytes!("../fonts/DejaVuSans-Bold.ttf");

/// The faces parsed once per process (regular, bold); `None` if a font were invalid.
static FACES: LazyLock<Option<[Face<'static>; 2]>> =
    LazyLock::new(|| Some([Face::from_slice(REGULAR, 0)?, Face::from_slice(BOLD, 0)?]));

/// Measures text as krilla will draw it: shaped by the same shaper (kerning included), so a
/// wrapped line fits and a centred line is centred.
pub(crate) struct Measure {
    faces: &'static [Face<'static>; 2],
    /// Widths at 1 pt by text, regular and bold: a paper measures the same words many times.
    cache: [HashMap<String, f32>; 2],
}

impl Measure {
    pub(crate) fn new() -> Result<Self, PaperError> {
        let faces = FACES
            .as_ref()
            .ok_or_else(|| PaperError::Layout("a font is invalid".into()))?;
        Ok(Self {
            faces,
            cache: Default::default(),
        })
    }

    /// The width of `text` in points at `size`.
    pub(crate) fn width(&mut self, text: &str, bold: bool, size: f32) -> f32 {
        if text.is_empty() {
            return 0.0;
        }
        let cache = &mut self.cache[usize::from(bold)];
        if let Some(w) = cache.get(text) {
            return w * size;
        }
        let face = &self.faces[usize::from(bold)];
        let mut buffer = UnicodeBuffer::new();
        buffer.push_str(text);
        buffer.guess_segment_properties();
        let shaped = rustybuzz::shape(face, &[], buffer);
        let units: i32 = shaped.glyph_positions().iter().map(|p| p.x_advance).sum();
        let w = units as f32 / face.units_per_em() as f32;
        cache.insert(text.to_string(), w);
        w * size
    }

    /// Breaks `text` into lines no wider than `width` at spaces; a word wider than a line is
    /// broken between characters (an IIN in a narrow column, a long URL). Runs of white space
    /// become one space. No lines for a text without words.
    pub(crate) fn wrap(&mut self, text: &str, bold: bool, size: f32, width: f32) -> Vec<String> {
        // Rounding must not push a word that measures exactly the width to the next line.
        let width = width + 0.01;
        let space = self.width(" ", bold, size);
        let mut lines = Vec::new();
        let mut line = String::new();
        let mut line_width = 0.0;
        for word in text.split_whitespace() {
            let w = self.width(word, bold, size);
            if !line.is_empty() && line_width + space + w <= width {
                line.push(' ');
                line.push_str(word);
                line_width += space + w;
                continue;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            if w <= width {
                line = word.to_string();
                line_width = w;
                continue;
            }
            let mut pieces = self.break_word(word, bold, size, width);
            let last = pieces.pop().unwrap_or_default();
            lines.extend(pieces);
            line_width = self.width(&last, bold, size);
            line = last;
        }
        if !line.is_empty() {
            lines.push(line);
        }
        lines
    }

    /// Pieces of a word, each as wide as fits (at least one character, so a column narrower
    /// than a letter still makes progress).
    fn break_word(&mut self, word: &str, bold: bool, size: f32, width: f32) -> Vec<String> {
        let mut pieces = Vec::new();
        let mut piece = String::new();
        let mut piece_width = 0.0;
        let mut buf = [0u8; 4];
        for c in word.chars() {
            let w = self.width(c.encode_utf8(&mut buf), bold, size);
            if !piece.is_empty() && piece_width + w > width {
                pieces.push(std::mem::take(&mut piece));
                piece_width = 0.0;
            }
            piece.push(c);
            piece_width += w;
        }
        if !piece.is_empty() {
            pieces.push(piece);
        }
        pieces
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kazakh_letters_have_glyphs() {
        for data in [REGULAR, BOLD] {
            let face = Face::from_slice(data, 0).unwrap();
            for c in "әғқңөұүһіӘҒҚҢӨҰҮҺІ№«»—".chars() {
                assert!(face.glyph_index(c).is_some(), "{c}");
            }
        }
    }

    #[test]
    fn wraps_within_the_width() {
        let mut m = Measure::new().unwrap();
        let text = "Прошу зачислить моего ребенка для обучения в 1 класс, Өтініш қабылданды";
        let lines = m.wrap(text, false, 10.0, 120.0);
        assert!(lines.len() > 2);
        assert_eq!(lines.join(" "), text);
        for line in &lines {
            assert!(m.width(line, false, 10.0) <= 120.01, "{line}");
        }
        let long = m.wrap(
            "https://example.kz/verify/0123456789abcdef",
            false,
            10.0,
            40.0,
        );
        assert!(long.len() > 3);
        assert_eq!(long.concat(), "https://example.kz/verify/0123456789abcdef");
        assert!(m.wrap("  ", false, 10.0, 40.0).is_empty());
    }
}
