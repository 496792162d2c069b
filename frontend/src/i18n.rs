//! The interface's texts in Russian and Kazakh.
//!
//! Texts live in `frontend/i18n/<area>.<lang>` files of `key = text` lines (one file per area
//! and language, so each catalogue reads as a whole). Texts of the service's rules (statuses,
//! reasons, error messages, document kinds) come from `domain`, never from here. A test checks
//! that both catalogues have the same keys and that every key the code asks for exists.

use std::collections::HashMap;
use std::sync::OnceLock;

use domain::MsgLang;

/// `(area, Russian catalogue, Kazakh catalogue)`.
pub const CATALOGUES: &[(&str, &str, &str)] = &[
    (
        "common",
        include_str!("../i18n/common.ru"),
        include_str!("../i18n/common.kk"),
    ),
    (
        "parent",
        include_str!("../i18n/parent.ru"),
        include_str!("../i18n/parent.kk"),
    ),
    (
        "staff",
        include_str!("../i18n/staff.ru"),
        include_str!("../i18n/staff.kk"),
    ),
];

/// The `key = text` pairs of one catalogue file, in order; `#` starts a comment line.
pub fn parse(src: &str) -> Result<Vec<(&str, &str)>, String> {
    let mut out = Vec::new();
    for (n, line) in src.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let (key, text) = line
            .split_once(" = ")
            .ok_or_else(|| format!("line {}: expected `key = text`", n + 1))?;
        out.push((key.trim(), text.trim()));
    }
    Ok(out)
}

type Table = HashMap<&'static str, &'static str>;

fn tables() -> &'static (Table, Table) {
    static TABLES: OnceLock<(Table, Table)> = OnceLock::new();
    TABLES.get_or_init(|| {
        let mut ru = Table::new();
        let mut kk = Table::new();
        for (_, ru_src, kk_src) in CATALOGUES {
            ru.extend(parse(ru_src).unwrap_or_default());
            kk.extend(parse(kk_src).unwrap_or_default());
        }
        (ru, kk)
    })
}

/// The text of `key` in `lang`; the key itself when missing (the catalogue test prevents it).
pub fn tr(lang: MsgLang, key: &'static str) -> &'static str {
    let (ru, kk) = tables();
    let table = match lang {
        MsgLang::Ru => ru,
        MsgLang::Kk => kk,
    };
    table.get(key).copied().unwrap_or(key)
}

/// `tr` with `{name}` placeholders filled in.
pub fn trf(lang: MsgLang, key: &'static str, args: &[(&str, &str)]) -> String {
    let mut s = tr(lang, key).to_string();
    for (name, value) in args {
        s = s.replace(&format!("{{{name}}}"), value);
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    fn keys(src: &str) -> BTreeSet<&str> {
        parse(src).unwrap().into_iter().map(|(k, _)| k).collect()
    }

    #[test]
    fn every_catalogue_parses_without_duplicates_or_empty_texts() {
        for (area, ru, kk) in CATALOGUES {
            for (lang, src) in [("ru", ru), ("kk", kk)] {
                let pairs = parse(src).unwrap_or_else(|e| panic!("{area}.{lang}: {e}"));
                let mut seen = BTreeSet::new();
                for (k, v) in pairs {
                    assert!(seen.insert(k), "{area}.{lang}: key `{k}` twice");
                    assert!(!v.is_empty(), "{area}.{lang}: `{k}` is empty");
                }
            }
        }
    }

    #[test]
    fn russian_and_kazakh_have_the_same_keys() {
        for (area, ru, kk) in CATALOGUES {
            let (ru, kk) = (keys(ru), keys(kk));
            let only_ru: Vec<_> = ru.difference(&kk).collect();
            let only_kk: Vec<_> = kk.difference(&ru).collect();
            assert!(only_ru.is_empty(), "{area}: missing in kk: {only_ru:?}");
            assert!(only_kk.is_empty(), "{area}: missing in ru: {only_kk:?}");
        }
    }

    #[test]
    fn no_key_is_in_two_areas() {
        let mut seen = BTreeSet::new();
        for (area, ru, _) in CATALOGUES {
            for k in keys(ru) {
                assert!(seen.insert(k), "{area}: key `{k}` also in another area");
            }
        }
    }

    /// Every `.t("…")`, `.tf("…"`, `tr(lang, "…")` and `trf(lang, "…"` in the sources names a key
    /// of the catalogues (keys are always literals, so this scan sees them all).
    #[test]
    fn every_key_the_code_uses_exists() {
        let all: BTreeSet<&str> = CATALOGUES.iter().flat_map(|(_, ru, _)| keys(ru)).collect();
        let mut used = Vec::new();
        let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        collect_used(&src, &mut used);
        assert!(
            used.len() > 20,
            "the scan found too few keys: {}",
            used.len()
        );
        let missing: Vec<_> = used
            .iter()
            .filter(|(k, _)| !all.contains(k.as_str()))
            .collect();
        assert!(
            missing.is_empty(),
            "keys used but not in the catalogues: {missing:?}"
        );
    }

    fn collect_used(dir: &std::path::Path, out: &mut Vec<(String, String)>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                collect_used(&path, out);
                continue;
            }
            if path.extension().is_none_or(|e| e != "rs") || path.ends_with("i18n.rs") {
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            for marker in [".t(\"", ".tf(\"", "tr(lang, \"", "trf(lang, \""] {
                for (i, _) in text.match_indices(marker) {
                    let rest = &text[i + marker.len()..];
                    if let Some(end) = rest.find('"') {
                        out.push((rest[..end].to_string(), path.display().to_string()));
                    }
                }
            }
        }
    }
}
