//! The language of messages shown to people: Russian by default, Kazakh on request.
//!
//! This is separate from [`crate::Lang`], the language of instruction of a class, which also
//! knows English.

use crate::wire::wire_enum;

wire_enum! {
    /// The language a message is written in for the caller (`Accept-Language`).
    MsgLang {
        Ru => "ru",
        Kk => "kk",
    }
}

impl Default for MsgLang {
    /// Russian, as API.md prescribes for anything that does not ask for Kazakh.
    fn default() -> Self {
        MsgLang::Ru
    }
}

impl MsgLang {
    /// Picks the language from an `Accept-Language` header.
    ///
    /// Of the tags whose primary subtag is `kk` or `ru` (any region, any case) the one with the
    /// highest `q` wins, the earlier one on a tie; entries with `q=0` or a malformed `q` are
    /// ignored, as are all other languages. Without a `kk` or `ru` tag the answer is Russian.
    pub fn from_accept_language(header: Option<&str>) -> MsgLang {
        let Some(header) = header else {
            return MsgLang::Ru;
        };
        let mut best: Option<(MsgLang, f32)> = None;
        for entry in header.split(',') {
            let mut parts = entry.split(';');
            let tag = parts.next().unwrap_or_default().trim();
            let primary = tag.split(['-', '_']).next().unwrap_or_default();
            let lang = if primary.eq_ignore_ascii_case("kk") {
                MsgLang::Kk
            } else if primary.eq_ignore_ascii_case("ru") {
                MsgLang::Ru
            } else {
                continue;
            };
            let Some(q) = quality(parts) else { continue };
            if q > 0.0 && best.is_none_or(|(_, best_q)| q > best_q) {
                best = Some((lang, q));
            }
        }
        best.map_or(MsgLang::Ru, |(lang, _)| lang)
    }

    /// The text in this language, of a pair written in both.
    pub fn pick<'a>(self, ru: &'a str, kk: &'a str) -> &'a str {
        match self {
            MsgLang::Ru => ru,
            MsgLang::Kk => kk,
        }
    }
}

/// The `q` parameter of one `Accept-Language` entry: 1 when absent, `None` when malformed.
fn quality<'a>(params: impl Iterator<Item = &'a str>) -> Option<f32> {
    for param in params {
        let Some((name, value)) = param.split_once('=') else {
            continue;
        };
        if name.trim().eq_ignore_ascii_case("q") {
            return value
                .trim()
                .parse::<f32>()
                .ok()
                .filter(|q| (0.0..=1.0).contains(q));
        }
    }
    Some(1.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lang(h: &str) -> MsgLang {
        MsgLang::from_accept_language(Some(h))
    }

    #[test]
    fn kazakh_when_asked_first_or_best() {
        for h in [
            "kk",
            "KK",
            "kk-KZ",
            "kk_KZ",
            "kk;q=0.9,ru;q=0.8",
            "kk-KZ,kk;q=0.9,ru-RU;q=0.8,ru;q=0.7,en;q=0.5",
            "en-US,en;q=0.9,kk;q=0.8,ru;q=0.5",
            "ru;q=0.5, kk",
            " kk ; q=1 ",
        ] {
            assert_eq!(lang(h), MsgLang::Kk, "{h}");
        }
    }

    #[test]
    fn russian_otherwise() {
        assert_eq!(MsgLang::from_accept_language(None), MsgLang::Ru);
        for h in [
            "",
            "ru",
            "ru-RU,ru;q=0.9,kk;q=0.8",
            "en",
            "en-US,en;q=0.9",
            "*",
            "kk;q=0",
            "kk;q=abc",
            "kk;q=2",
            "kkk",
            "kaz",
            "ru,kk",
            "kk;q=0.5,ru;q=0.5x,ru;q=0.6",
            ",,,;;;==",
        ] {
            assert_eq!(lang(h), MsgLang::Ru, "{h}");
        }
    }

    #[test]
    fn codes_and_pick() {
        assert_eq!(MsgLang::default(), MsgLang::Ru);
        assert_eq!("kk".parse::<MsgLang>(), Ok(MsgLang::Kk));
        assert!("kz".parse::<MsgLang>().is_err());
        assert_eq!(MsgLang::Kk.pick("да", "иә"), "иә");
        assert_eq!(serde_json::to_string(&MsgLang::Kk).unwrap(), "\"kk\"");
    }
}
