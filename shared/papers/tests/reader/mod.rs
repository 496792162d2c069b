//! The text of a PDF as a reader gets it, for the tests: `pdf-extract` parses the file, decodes
//! the fonts and their ToUnicode maps and runs the content streams; the characters it reports
//! are put into lines here by their position.
//!
//! Why not `pdf_extract::extract_text_from_mem` alone: it reads the text correctly but joins
//! lines without a space or a new line (`…для` + `обучения` → `дляобучения`). pdf-extract
//! 0.12.1 misreads the `c_first c_last width` form of a CID font's `/W` array, which krilla
//! writes (it takes both the last code and the width from the first element, and its range
//! excludes the last code), so every glyph is 0 wide and its spacing guesses never fire. Here
//! a line is what one text positioning (`Tm`) starts, and lines are ordered by position.

#![allow(dead_code)]

use pdf_extract::{MediaBox, OutputDev, OutputError, Transform};

/// A run of text drawn from one position: `(y from the top, x, text)`.
type Run = (f64, f64, String);

#[derive(Default)]
struct Collector {
    pages: Vec<Vec<Run>>,
    run: Option<Run>,
    height: f64,
}

impl Collector {
    fn flush(&mut self) {
        if let (Some(run), Some(page)) = (self.run.take(), self.pages.last_mut()) {
            page.push(run);
        }
    }
}

impl OutputDev for Collector {
    fn begin_page(
        &mut self,
        _: u32,
        media: &MediaBox,
        _: Option<(f64, f64, f64, f64)>,
    ) -> Result<(), OutputError> {
        self.flush();
        self.height = media.ury - media.lly;
        self.pages.push(Vec::new());
        Ok(())
    }
    fn end_page(&mut self) -> Result<(), OutputError> {
        self.flush();
        Ok(())
    }
    fn output_character(
        &mut self,
        trm: &Transform,
        _: f64,
        _: f64,
        _: f64,
        c: &str,
    ) -> Result<(), OutputError> {
        let height = self.height;
        let run = self
            .run
            .get_or_insert_with(|| (height - trm.m32, trm.m31, String::new()));
        run.2.push_str(c);
        Ok(())
    }
    fn begin_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
    fn end_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
    fn end_line(&mut self) -> Result<(), OutputError> {
        self.flush();
        Ok(())
    }
}

/// A PDF read back: each page's lines, top to bottom; the runs of one line (table cells) joined
/// by a space, left to right.
pub struct Read {
    pub pages: Vec<Vec<String>>,
}

impl Read {
    pub fn of(pdf: &[u8]) -> Read {
        assert!(pdf.starts_with(b"%PDF-"), "a PDF");
        // The plain API reads it too (and gets every character).
        let plain = pdf_extract::extract_text_from_mem(pdf).expect("pdf-extract reads the PDF");
        let doc = pdf_extract::Document::load_mem(pdf).expect("pdf-extract loads the PDF");
        let mut collector = Collector::default();
        pdf_extract::output_doc(&doc, &mut collector).expect("pdf-extract runs the pages");
        let pages: Vec<Vec<String>> = collector.pages.into_iter().map(lines).collect();
        let chars = |s: &str| s.chars().filter(|c| !c.is_whitespace()).count();
        let ours: usize = pages.iter().flatten().map(|l| chars(l)).sum();
        assert_eq!(
            ours,
            chars(&plain),
            "both readings have the same characters"
        );
        Read { pages }
    }

    /// All lines, page after page.
    pub fn lines(&self) -> Vec<&str> {
        self.pages.iter().flatten().map(String::as_str).collect()
    }

    /// The whole text as one line: a phrase wrapped over two lines is found.
    pub fn flat(&self) -> String {
        self.lines().join(" ")
    }
}

fn lines(mut runs: Vec<Run>) -> Vec<String> {
    runs.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.total_cmp(&b.1)));
    let mut lines: Vec<(f64, String)> = Vec::new();
    for (y, _, text) in runs {
        match lines.last_mut() {
            Some((last, line)) if (y - *last).abs() < 1.0 => {
                line.push(' ');
                line.push_str(&text);
            }
            _ => lines.push((y, text)),
        }
    }
    lines.into_iter().map(|(_, l)| l).collect()
}
