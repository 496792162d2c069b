//! Phone numbers as the applicant types them, and the one form they are kept in.

/// Normalises a Kazakhstan mobile number to `+77XXXXXXXXX`.
///
/// Accepts `+7 701 234 56 78`, `+7 (701) 234-56-78`, `87012345678`, `77012345678`,
/// `7012345678`. Mobile means the national number starts with 70x, 74x, 75x, 76x or 77x;
/// landlines (71x–73x, e.g. Astana 7172, Almaty 727) and other countries are refused.
pub fn normalize_phone(s: &str) -> Option<String> {
    let s = s.trim();
    let (plus, rest) = match s.strip_prefix('+') {
        Some(rest) => (true, rest),
        None => (false, s),
    };
    let mut digits = String::with_capacity(11);
    for c in rest.chars() {
        match c {
            '0'..='9' => digits.push(c),
            ' ' | '-' | '(' | ')' | '\u{a0}' => {}
            _ => return None,
        }
    }
    let national = match (plus, digits.len()) {
        (true, 11) => digits.strip_prefix('7')?,
        (false, 11) => digits.strip_prefix(['7', '8'])?,
        (false, 10) => digits.as_str(),
        _ => return None,
    };
    let mut chars = national.chars();
    let mobile = chars.next() == Some('7') && matches!(chars.next(), Some('0' | '4'..='7'));
    mobile.then(|| format!("+7{national}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn phones() {
        for s in [
            "+7 701 234 56 78",
            "+7 (701) 234-56-78",
            "+77012345678",
            "87012345678",
            "8 701 234 5678",
            "77012345678",
            "7012345678",
            " +7\u{a0}701\u{a0}234\u{a0}56\u{a0}78 ",
        ] {
            assert_eq!(normalize_phone(s).as_deref(), Some("+77012345678"), "{s:?}");
        }
        assert_eq!(
            normalize_phone("+7 747 000 00 00").as_deref(),
            Some("+77470000000")
        );
        assert_eq!(
            normalize_phone("+7 777 123 45 67").as_deref(),
            Some("+77771234567")
        );
        for s in [
            "",
            "12",
            "+7",
            "+8 701 234 56 78",
            "+77012345678 ext 1",
            "++77012345678",
            "+7 7172 55 55 55",
            "+7 727 255 55 55",
            "+7 916 123 45 67",
            "89161234567",
            "+770123456789",
            "770123456",
            "+7 701 234 56 7８",
            "+7-701-234-56-78+",
        ] {
            assert_eq!(normalize_phone(s), None, "{s:?}");
        }
    }

    proptest! {

        #[test]
        fn phone_normalisation_is_idempotent(s in "\\+?[0-9 ()-]{0,20}") {
            if let Some(p) = normalize_phone(&s) {
                prop_assert_eq!(p.len(), 12);
                prop_assert_eq!(normalize_phone(&p), Some(p.clone()));
            }
        }

        #[test]
        fn normalize_phone_never_panics(s in ".*") {
            let _ = normalize_phone(&s);
        }
    }
}
