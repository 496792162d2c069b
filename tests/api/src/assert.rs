//! Assertions on answers: error bodies in the expected language, `401`s, and times rendered in
//! Almaty's +05:00.

use serde_json::Value;

/// The language an error message is expected in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lang {
    /// Russian: the default, and the answer to any `Accept-Language` but `kk`. The message must
    /// contain a Cyrillic letter.
    Ru,
    /// Kazakh (`Accept-Language: kk`). The message must contain a Kazakh-specific letter.
    Kk,
}

/// True if `s` contains a Cyrillic letter.
pub fn has_cyrillic(s: &str) -> bool {
    s.chars().any(|c| ('\u{0400}'..='\u{04FF}').contains(&c))
}

/// True if `s` contains a letter specific to Kazakh (ә ғ қ ң ө ұ ү һ і, either case).
pub fn has_kazakh_letter(s: &str) -> bool {
    s.chars().any(|c| "әғқңөұүһіӘҒҚҢӨҰҮҺІ".contains(c))
}

/// Asserts an error answer: the status, `error.code`, and an `error.message` in `lang` (Russian:
/// it has a Cyrillic letter; Kazakh: it has a Kazakh-specific letter). Returns the message.
#[track_caller]
pub fn assert_error(resp: &(u16, Value), status: u16, code: &str, lang: Lang) -> String {
    let (s, b) = resp;
    assert_eq!(
        (*s, b["error"]["code"].as_str()),
        (status, Some(code)),
        "expected {status} {code}, got {s} {b}"
    );
    let msg = b["error"]["message"]
        .as_str()
        .unwrap_or_else(|| panic!("no error.message in {b}"))
        .to_string();
    match lang {
        Lang::Ru => assert!(
            has_cyrillic(&msg),
            "the default (Russian) message of {code} has no Cyrillic: {msg:?}"
        ),
        Lang::Kk => assert!(
            has_kazakh_letter(&msg),
            "the Kazakh message of {code} has no Kazakh-specific letter: {msg:?}"
        ),
    }
    msg
}

/// Asserts a `401` answer (whatever its code), with an error body.
#[track_caller]
pub fn assert_unauthorized(resp: &(u16, Value)) {
    let (s, b) = resp;
    assert_eq!(*s, 401, "expected 401, got {s} {b}");
    assert!(
        b["error"]["code"].as_str().is_some_and(|c| !c.is_empty()),
        "401 without error.code: {b}"
    );
}

/// Parses an RFC 3339 time rendered in +05:00, asserting the offset.
#[track_caller]
pub fn time_plus5(v: &Value, field: &str) -> chrono::DateTime<chrono::FixedOffset> {
    let s = v[field]
        .as_str()
        .unwrap_or_else(|| panic!("no {field} in {v}"));
    assert!(
        s.ends_with("+05:00"),
        "{field} {s:?} is not rendered in +05:00"
    );
    chrono::DateTime::parse_from_rfc3339(s)
        .unwrap_or_else(|e| panic!("{field} {s:?} is not RFC 3339: {e}"))
}

/// The text of a PDF as a PDF reader extracts it (`pdf-extract`): what a person could search
/// and copy in it.
pub fn pdf_text(bytes: &[u8]) -> String {
    pdf_extract::extract_text_from_mem(bytes).unwrap_or_else(|e| panic!("not a readable PDF: {e}"))
}

/// The first sheet's cells of an `.xlsx`, as a spreadsheet reader (calamine) reads them, from
/// the top left cell (row 0 is the sheet's first row).
pub fn xlsx_cells(bytes: Vec<u8>) -> Vec<Vec<calamine::Data>> {
    use calamine::Reader;
    let mut book = calamine::Xlsx::new(std::io::Cursor::new(bytes)).expect("an .xlsx");
    let range = book
        .worksheet_range_at(0)
        .expect("a sheet")
        .expect("readable");
    assert_eq!(range.start(), Some((0, 0)), "the sheet starts at A1");
    range.rows().map(<[calamine::Data]>::to_vec).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn letters() {
        assert!(has_kazakh_letter("Қате"));
        assert!(!has_kazakh_letter("Ошибка"));
        assert!(has_cyrillic("Ошибка"));
    }

    #[test]
    fn error_in_either_language() {
        let ru = (422, json!({"error": {"code": "x", "message": "Ошибка"}}));
        let kk = (422, json!({"error": {"code": "x", "message": "Қате"}}));
        assert_eq!(assert_error(&ru, 422, "x", Lang::Ru), "Ошибка");
        assert_eq!(assert_error(&kk, 422, "x", Lang::Kk), "Қате");
        let wrong = std::panic::catch_unwind(|| assert_error(&ru, 422, "x", Lang::Kk));
        assert!(wrong.is_err(), "a Russian message passed as Kazakh");
    }
}
