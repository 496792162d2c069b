//! The printable papers of the service (PDF): the parent's application, the receipt for the
//! documents received, the signed decision notice, the orders and the kindergarten queue's
//! documents.
//!
//! A paper is a [minijinja](https://docs.rs/minijinja) template (`templates/<name>.txt`,
//! embedded at build time so the Lambda is self-contained) that renders to a small line markup;
//! this crate lays the markup out on A4 pages (20 mm margins, 10 pt body, lines wrapped by
//! measured glyph widths, automatic page breaks) and writes a PDF with real, searchable text in
//! embedded DejaVu Sans (subset on output), which covers Kazakh and Russian. Changing a paper's
//! wording is an edit of its template and a rebuild: no Rust.
//!
//! # Markup
//!
//! One block per line; the first characters of a line say what it is:
//!
//! | Line | Block |
//! |---|---|
//! | `# text` | title: bold, larger, centred; the first one is also the PDF's title |
//! | `## text` | heading: bold |
//! | `^ text` | centred line(s) |
//! | `> text` | right-aligned line(s) |
//! | `! text` | bold paragraph |
//! | `- text` | list item with a bullet (hanging indent) |
//! | `1. text` | numbered list item: the number is the marker (hanging indent) |
//! | `\| a \| b \|` | table row; consecutive rows make one table, the first row is its bold header |
//! | `---` | horizontal rule |
//! | `[qr] URL` | a QR code of the URL (30 mm square) with the URL beneath |
//! | empty line | vertical space |
//! | anything else | paragraph, wrapped |
//!
//! Tables span the text width; columns get widths in proportion to their content, text wraps
//! inside cells, borders are thin, and a table longer than a page continues on the next one with
//! its header repeated. Tables are set in 9 pt, those of more than 6 columns in 8 pt, so that a
//! 10-column journal stays legible on portrait A4.
//!
//! # Values cannot make markup
//!
//! Every value a template prints (`{{ child_name }}`) has its control characters (newlines,
//! tabs) turned into spaces and is enclosed in invisible marks that the markup reader honours: a
//! line that starts with a value is a paragraph whatever the value starts with (`# Fake` stays
//! text), and a `|` inside a value in a table row is text, not a cell border. The marks are
//! removed before layout. Only the template's own characters are markup; `{{ x|safe }}` opts out.
//!
//! Templates are rendered with `trim_blocks` and `lstrip_blocks` (a line holding only a
//! `{% tag %}` leaves no empty line), undefined variables are errors, and `none` prints as nothing.

mod data;
pub mod fill;
mod fonts;
mod layout;
mod markup;
mod pdf;
mod table;
mod template;
#[cfg(test)]
mod tests;

pub use data::{
    ApplicationPaper, Both, DocumentLine, DocumentPaper, NoticePaper, OrderPaper, OrderPaperChild,
    OrderPaperClass, PaperSignature, ReceiptPaper,
};

/// The media type of every paper.
pub const PDF: &str = "application/pdf";

/// A printable paper; each has its template, `templates/<name>.txt`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Paper {
    /// «Өтініш / Заявление»: the parent's application as submitted; data: [`ApplicationPaper`].
    Application,
    /// «Қолхат / Расписка о приеме документов»: data: [`ReceiptPaper`].
    Receipt,
    /// «Хабарлама / Уведомление»: the signed decision, with a QR code of its check; data:
    /// [`NoticePaper`].
    Notice,
    /// «Бұйрық / Приказ»: an enrolment or class-composition order; data: [`OrderPaper`].
    Order,
    /// A document of one application with its lines (the kindergarten queue's «Общие
    /// документы»); data: [`DocumentPaper`].
    Document,
}

impl Paper {
    /// Every paper, for callers (and tests) that go through them all.
    pub const ALL: [Paper; 5] = [
        Paper::Application,
        Paper::Receipt,
        Paper::Notice,
        Paper::Order,
        Paper::Document,
    ];

    /// The papers of a 1st-grade application, by the name its download route gives.
    pub const OF_APPLICATION: [Paper; 4] = [
        Paper::Application,
        Paper::Receipt,
        Paper::Notice,
        Paper::Order,
    ];

    /// The paper's name: its template's file name and a good file name for the PDF.
    pub fn name(self) -> &'static str {
        match self {
            Paper::Application => "application",
            Paper::Receipt => "receipt",
            Paper::Notice => "notice",
            Paper::Order => "order",
            Paper::Document => "document",
        }
    }
}

/// Why a paper could not be made. Both are bugs of a template or of this crate, not of the
/// caller's data (any string renders).
#[derive(Debug, thiserror::Error)]
pub enum PaperError {
    /// The template failed: a syntax error, an undefined variable, data of the wrong shape.
    #[error("template: {0}")]
    Template(String),
    /// The markup could not be laid out or written as PDF.
    #[error("layout: {0}")]
    Layout(String),
}

/// Renders `paper` with `data` (the paper's data struct, or anything serialising to the same
/// fields) into a PDF. The PDF's title metadata is the paper's first `#` line.
pub fn render<T: serde::Serialize>(paper: Paper, data: &T) -> Result<Vec<u8>, PaperError> {
    let markup = template::render(paper.name(), data)?;
    render_markup(&markup)
}

/// Lays out and writes a markup text (what a template renders to).
fn render_markup(markup: &str) -> Result<Vec<u8>, PaperError> {
    let blocks = markup::parse(markup);
    let laid = layout::lay_out(&blocks)?;
    pdf::write(&laid)
}
