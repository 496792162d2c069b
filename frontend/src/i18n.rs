//! The interface's texts in Russian and Kazakh.
//!
//! Texts live in `frontend/i18n/<area>.<lang>` files of `key = text` lines (one file per area
//! and language, so each catalogue reads as a whole). Texts of the service's rules (statuses,
//! reasons, error messages, document kinds) come from `domain`, never from here. A test checks
//! that both catalogues have the same keys and that every key the code asks for exists.
//!
//! The site serves the files as they are (trunk copies `i18n/` into the dist) and the app
//! fetches only the chosen language's, once: the wasm carries no catalogue, and a visitor
//! downloads one language, not two.

use std::cell::RefCell;
use std::collections::HashMap;

use domain::MsgLang;

/// The areas of the catalogue, one file per language each.
pub const AREAS: [&str; 6] = ["common", "parent", "staff", "preschool", "college", "edu"];

/// What each bundle fetches: the main app (the parents' site and the staff cabinet), the
/// kindergarten service's app (`frontend/preschool`) and the college service's
/// (`frontend/college`). `common` holds the texts of what both
/// run (the shell, sign-in, shared components); each bundle downloads only its own areas.
pub const MAIN_AREAS: [&str; 3] = ["common", "parent", "staff"];
pub const PRESCHOOL_AREAS: [&str; 2] = ["common", "preschool"];
/// The college service's app (`frontend/college`) runs the main app's staff pages (journal,
/// card, signing) and so loads their texts too.
pub const COLLEGE_AREAS: [&str; 3] = ["common", "staff", "college"];
/// The education department's app (`frontend/edu`) shows the main app's card and the staff
/// journal's words, and so loads their texts too.
pub const EDU_AREAS: [&str; 3] = ["common", "staff", "edu"];

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

thread_local! {
    /// The loaded catalogues: `[ru, kk]`.
    static TABLES: RefCell<[Option<Table>; 2]> = const { RefCell::new([None, None]) };
}

fn slot(lang: MsgLang) -> usize {
    match lang {
        MsgLang::Ru => 0,
        MsgLang::Kk => 1,
    }
}

/// Whether the catalogue of `lang` is loaded.
pub fn loaded(lang: MsgLang) -> bool {
    TABLES.with(|t| t.borrow()[slot(lang)].is_some())
}

/// Keeps a fetched catalogue (the concatenated area files of one language) for the session.
/// Its text lives as long as the page: it is leaked once per language on purpose.
pub fn install(lang: MsgLang, src: String) -> Result<(), String> {
    let src: &'static str = Box::leak(src.into_boxed_str());
    let table: Table = parse(src)?.into_iter().collect();
    TABLES.with(|t| t.borrow_mut()[slot(lang)] = Some(table));
    Ok(())
}

/// Fetches and installs the catalogue of `lang`: the files of `areas` (`/i18n/<area>.<lang>`,
/// revalidated with the server so a new release's texts are never stale).
pub async fn load(lang: MsgLang, areas: &[&str]) -> Result<(), String> {
    let mut src = String::new();
    for area in areas {
        let url = format!("/i18n/{area}.{}", lang.as_str());
        let resp = gloo_net::http::Request::get(&url)
            .cache(web_sys::RequestCache::NoCache)
            .send()
            .await
            .map_err(|e| format!("{url}: {e}"))?;
        if !resp.ok() {
            return Err(format!("{url}: HTTP {}", resp.status()));
        }
        src.push_str(&resp.text().await.map_err(|e| format!("{url}: {e}"))?);
        src.push('\n');
    }
    install(lang, src)
}

/// The text of `key` in `lang`: while that language is still loading, the other one's; the
/// key itself when missing (the catalogue test prevents it).
#[inline(never)]
pub fn tr(lang: MsgLang, key: &'static str) -> &'static str {
    TABLES.with(|t| {
        let t = t.borrow();
        let other = 1 - slot(lang);
        t[slot(lang)]
            .as_ref()
            .and_then(|m| m.get(key))
            .or_else(|| t[other].as_ref().and_then(|m| m.get(key)))
            .copied()
            .unwrap_or(key)
    })
}

/// `tr` with `{name}` placeholders filled in.
#[inline(never)]
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

    /// `(area, Russian catalogue, Kazakh catalogue)`, read from the files the site serves.
    static CATALOGUES: std::sync::LazyLock<Vec<(&str, String, String)>> =
        std::sync::LazyLock::new(|| {
            let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("i18n");
            let read = |name: String| {
                std::fs::read_to_string(dir.join(&name)).unwrap_or_else(|e| panic!("{name}: {e}"))
            };
            AREAS
                .iter()
                .map(|a| (*a, read(format!("{a}.ru")), read(format!("{a}.kk"))))
                .collect()
        });

    #[test]
    fn an_installed_catalogue_answers_and_the_other_language_stands_in() {
        install(
            MsgLang::Ru,
            "greeting = Здравствуйте\nbye = До свидания\n".into(),
        )
        .unwrap();
        assert_eq!(tr(MsgLang::Ru, "greeting"), "Здравствуйте");
        // Kazakh not loaded yet: Russian stands in rather than a bare key.
        assert_eq!(tr(MsgLang::Kk, "greeting"), "Здравствуйте");
        install(MsgLang::Kk, "greeting = Сәлеметсіз бе\n".into()).unwrap();
        assert_eq!(tr(MsgLang::Kk, "greeting"), "Сәлеметсіз бе");
        assert_eq!(tr(MsgLang::Kk, "missing"), "missing");
        assert!(install(MsgLang::Kk, "no equals sign".into()).is_err());
    }

    fn keys(src: &str) -> BTreeSet<&str> {
        parse(src).unwrap().into_iter().map(|(k, _)| k).collect()
    }

    #[test]
    fn every_catalogue_parses_without_duplicates_or_empty_texts() {
        for (area, ru, kk) in CATALOGUES.iter() {
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
        for (area, ru, kk) in CATALOGUES.iter() {
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
        for (area, ru, _) in CATALOGUES.iter() {
            for k in keys(ru) {
                assert!(seen.insert(k), "{area}: key `{k}` also in another area");
            }
        }
    }

    /// The keys of the catalogue files of `areas`.
    fn keys_of(areas: &[&str]) -> BTreeSet<&'static str> {
        CATALOGUES
            .iter()
            .filter(|(a, _, _)| areas.contains(a))
            .flat_map(|(_, ru, _)| keys(ru))
            .collect()
    }

    /// Every `.t("…")`, `.tf("…"`, `tr(lang, "…")` and `trf(lang, "…"` in the sources names a key
    /// of the areas its bundle loads (keys are always literals, so this scan sees them all): the
    /// main app's of [`MAIN_AREAS`], the preschool app's (`frontend/preschool/src`) of
    /// [`PRESCHOOL_AREAS`], the college app's (`frontend/college/src`) of [`COLLEGE_AREAS`], the department's
    /// (`frontend/edu/src`) of [`EDU_AREAS`], and the modules both run (the shell, sign-in, shared components) of
    /// `common` alone.
    #[test]
    fn every_key_the_code_uses_exists_in_what_its_bundle_loads() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut main = Vec::new();
        collect_used(&dir.join("src"), &mut main);
        let mut preschool = Vec::new();
        collect_used(&dir.join("preschool/src"), &mut preschool);
        let mut college = Vec::new();
        collect_used(&dir.join("college/src"), &mut college);
        let mut edu = Vec::new();
        collect_used(&dir.join("edu/src"), &mut edu);
        let shared_files = [
            "shell.rs",
            "upload.rs",
            "withdraw.rs",
            "components.rs",
            "hooks.rs",
            "api.rs",
            "pages.rs",
            "state.rs",
        ];
        let shared: Vec<_> = main
            .iter()
            .filter(|(_, file)| {
                shared_files
                    .iter()
                    .any(|f| file.ends_with(&format!("src/{f}")))
            })
            .cloned()
            .collect();
        for (bundle, used, areas, at_least) in [
            ("main", &main, &MAIN_AREAS[..], 20),
            ("preschool", &preschool, &PRESCHOOL_AREAS[..], 5),
            ("college", &college, &COLLEGE_AREAS[..], 5),
            ("edu", &edu, &EDU_AREAS[..], 5),
            ("shared", &shared, &["common"][..], 10),
        ] {
            assert!(
                used.len() > at_least,
                "{bundle}: the scan found too few keys: {}",
                used.len()
            );
            let known = keys_of(areas);
            let missing: Vec<_> = used
                .iter()
                .filter(|(k, _)| !known.contains(k.as_str()))
                .collect();
            assert!(
                missing.is_empty(),
                "{bundle}: keys used but not in {areas:?}: {missing:?}"
            );
        }
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
