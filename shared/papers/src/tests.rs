//! Layout checks through a real PDF reader (`pdf-extract`): what a reader gets out of the file,
//! not what this crate believes it drew.

#[path = "../tests/reader/mod.rs"]
mod reader;

use crate::layout::{self, Op};
use crate::markup;
use crate::render_markup;
use reader::Read;

fn text_of(pdf: &[u8]) -> String {
    Read::of(pdf).flat()
}

/// Pages as a reader counts them: one `/Type/Page` object each (not `/Type/Pages`; krilla
/// writes dictionaries without spaces).
fn page_count(pdf: &[u8]) -> usize {
    let needle = b"/Type/Page";
    pdf.windows(needle.len() + 1)
        .filter(|w| &w[..needle.len()] == needle && w[needle.len()] != b's')
        .count()
}

/// An intake journal: 10 columns, 120 rows, longer texts in some columns.
fn journal() -> String {
    let mut src = String::from("# Журнал\n");
    src.push_str("| № | Күні / Дата | Өтініш беруші / Заявитель | ЖСН / ИИН | Бала / Ребенок | Туған күні | Тіл / Язык | Мекенжай / Адрес | Мәртебе / Статус | Ескерту |\n");
    for i in 1..=120 {
        src.push_str(&format!(
            "| R{i:03} | 14.05.2025 | Мурат Аида Марат | 990424400123 | Мурат Малика Ерланқызы | 30.05.2018 | Қазақ тілі | Қарағанды қ., Шығыс 2 ш/а, 1 үй, 1 пәтер | Қабылданды | Z{i:03} |\n"
        ));
    }
    src
}

#[test]
fn a_long_wide_table_paginates_with_every_row_once() {
    let pdf = render_markup(&journal()).unwrap();
    let read = Read::of(&pdf);
    let pages = read.pages.len();
    assert!(pages > 2, "{pages} pages");
    assert_eq!(page_count(&pdf), pages);
    let text = read.flat();
    for i in 1..=120 {
        for token in [format!("R{i:03}"), format!("Z{i:03}")] {
            assert_eq!(text.matches(&token).count(), 1, "{token}");
        }
        // A row's first line reads across its cells, left to right.
        let line = read
            .lines()
            .into_iter()
            .find(|l| l.starts_with(&format!("R{i:03} ")));
        let line = line.unwrap_or_else(|| panic!("row {i}"));
        assert!(
            line.contains("14.05.2025") && line.contains(&format!("Z{i:03}")),
            "{line}"
        );
    }
    // The header is repeated at the top of every page (after the title on the first).
    for (n, page) in read.pages.iter().enumerate() {
        let header = page
            .iter()
            .position(|l| l.starts_with("№ Күні"))
            .expect("a header");
        assert_eq!(header, usize::from(n == 0), "page {n}: {page:?}");
    }
    // Kazakh letters survive in a small font too.
    assert_eq!(text.matches("Қарағанды").count(), 120);
}

#[test]
fn table_text_stays_inside_its_columns_and_the_page() {
    let blocks = markup::parse(&journal());
    let laid = layout::lay_out(&blocks).unwrap();
    let mut measure = crate::fonts::Measure::new().unwrap();
    for page in &laid.pages {
        // The column borders: the vertical lines' x.
        let mut borders: Vec<f32> = page
            .iter()
            .filter_map(|op| match op {
                Op::Line { from, to, .. } if from.0 == to.0 => Some(from.0),
                _ => None,
            })
            .collect();
        borders.sort_by(f32::total_cmp);
        borders.dedup_by(|a, b| (*a - *b).abs() < 0.01);
        assert_eq!(borders.len(), 11, "10 columns");
        for op in page {
            let Op::Text {
                x,
                baseline,
                size,
                bold,
                text,
            } = op
            else {
                continue;
            };
            assert!(*baseline <= layout::PAGE_HEIGHT - layout::MARGIN, "{text}");
            if text == "Журнал" {
                continue;
            }
            // Wide tables use the small font.
            assert_eq!(*size, 8.0);
            let right = x + measure.width(text, *bold, *size);
            let column = borders.windows(2).find(|b| b[0] < *x && *x < b[1]);
            let column = column.unwrap_or_else(|| panic!("{text} at {x} is in no column"));
            assert!(
                right <= column[1] + 0.01,
                "{text} crosses its column's right border"
            );
        }
    }
}

#[test]
fn a_row_taller_than_a_page_is_split() {
    let long = "слово ".repeat(3000);
    let src = format!("| A | B |\n| {long} | x |\n| after | y |");
    let pdf = render_markup(&src).unwrap();
    assert!(page_count(&pdf) >= 2);
    let text = text_of(&pdf);
    assert_eq!(text.matches("слово").count(), 3000);
    assert!(text.contains("after"));
}

#[test]
fn qr_modules_are_a_qr_code() {
    let url = "https://qabyldau.kz/verify/01JABCDEF0123456789";
    let rects = layout::qr_modules(url, 0.0, 0.0, 85.0).unwrap();
    let code = qrcode::QrCode::new(url).unwrap();
    let n = code.width();
    assert_eq!((n - 17) % 4, 0, "a QR code is 21, 25, 29… modules wide");
    let module = 85.0 / n as f32;
    let dark: usize = rects.iter().map(|r| (r[2] / module).round() as usize).sum();
    assert_eq!(
        dark,
        code.to_colors()
            .iter()
            .filter(|c| **c == qrcode::Color::Dark)
            .count()
    );
    // About half the modules are dark; the three finder patterns alone are 3 × 33.
    assert!(dark > 99 && dark < n * n * 7 / 10, "{dark} of {}", n * n);
    // The top-left finder pattern: a full dark row of 7 modules from the corner.
    assert!(
        rects
            .iter()
            .any(|r| r[0] == 0.0 && r[1] == 0.0 && (r[2] / module).round() == 7.0)
    );
    // Everything inside the square.
    assert!(
        rects
            .iter()
            .all(|r| r[0] + r[2] <= 85.01 && r[1] + r[3] <= 85.01)
    );
}

#[test]
fn blocks_lay_out_and_the_title_is_the_metadata() {
    let src = "# Первый\n## Екінші\n^ c\n> r\n! b\n- item\n2. two\n---\n\n[qr] https://x.kz/v/1\n# Second";
    let pdf = render_markup(src).unwrap();
    assert!(pdf.starts_with(b"%PDF-"));
    let text = text_of(&pdf);
    for s in [
        "Первый",
        "Екінші",
        "item",
        "2.",
        "two",
        "https://x.kz/v/1",
        "Second",
    ] {
        assert!(text.contains(s), "{s} in {text}");
    }
    // krilla writes the document title in the Info dictionary as a UTF-16 text string.
    let utf16: Vec<u8> = "Первый".encode_utf16().flat_map(u16::to_be_bytes).collect();
    let hex: String = utf16.iter().map(|b| format!("{b:02X}")).collect();
    let raw = pdf.windows(utf16.len()).any(|w| w == utf16.as_slice());
    let in_hex = String::from_utf8_lossy(&pdf).to_uppercase().contains(&hex);
    assert!(raw || in_hex, "the title is in the PDF");
}

#[test]
fn empty_markup_is_one_empty_page() {
    let pdf = render_markup("").unwrap();
    assert_eq!(page_count(&pdf), 1);
}

/// The markup of a paper from injected data has the same blocks, kind by kind, as from harmless
/// data: no value made a title, a rule, a QR code or a table row.
#[test]
fn injected_values_make_the_same_blocks_as_plain_ones() {
    use crate::markup::Block;
    let kinds = |name: &str| -> Vec<std::mem::Discriminant<Block>> {
        let data = serde_json::json!({
            "number": 1, "submitted_at": "01.01.2025 10:00", "academic_year": "2025-2026",
            "org_name": {"ru": "Школа", "kk": "Мектеп"}, "org_address": "Астана",
            "director_name": name, "applicant_name": name, "applicant_iin": name,
            "applicant_phone": name, "applicant_email": name,
            "relation": {"ru": name, "kk": name}, "child_name": name, "child_iin": "1",
            "child_birth_date": "1", "child_sex": {"ru": "Ж", "kk": "Ә"},
            "registered_address": name, "actual_address": null,
            "language": {"ru": name, "kk": name}, "transport_requested": false,
            "special_needs": false, "documents": [{"ru": name, "kk": name}],
        });
        let src = crate::template::render("application", &data).unwrap();
        let blocks = markup::parse(&src);
        if let Some(Block::Table(rows)) = blocks.iter().find(|b| matches!(b, Block::Table(_))) {
            assert!(rows.iter().all(|r| r.len() == 2), "{rows:?}");
        }
        blocks.iter().map(std::mem::discriminant).collect()
    };
    let injected = "# Fake\n---\n| a | b |\n[qr] https://evil\n- item\n1. one";
    assert_eq!(kinds(injected), kinds("Harmless"));
}
