//! Class composition (seed 003, «Автоматическое распределение детей по классам», «О
//! комплектовании классов»): the accepted children of a year and language dealt into the
//! limit's number of classes, and the classes' letters.
//!
//! The deal is deterministic and needs no randomness: the children are ordered by sex, then
//! birth date, then id, and dealt round-robin. Every class then gets ⌊n/k⌋ or ⌈n/k⌉ children,
//! and of each sex ⌊·⌋ or ⌈·⌉ (a sex is a contiguous run of the deal), and each class's birth
//! dates run from the oldest to the youngest of its sex rather than clustering.

use chrono::NaiveDate;

use crate::{Lang, Sex};

/// A child to place: what the deal balances on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pupil {
    /// The application's id (unique; orders children born the same day).
    pub id: String,
    pub sex: Sex,
    pub birth_date: NaiveDate,
}

/// The Kazakh alphabet's capitals in its order, as class letters («А», «Ә», «Б», «В» …).
const KAZAKH: [&str; 39] = [
    "А", "Ә", "Б", "В", "Г", "Ғ", "Д", "Е", "Ж", "З", "И", "Й", "К", "Қ", "Л", "М", "Н", "Ң", "О",
    "Ө", "П", "Р", "С", "Т", "У", "Ұ", "Ү", "Ф", "Х", "Һ", "Ц", "Ч", "Ш", "Щ", "Ы", "І", "Э", "Ю",
    "Я",
];

/// The Russian capitals schools use as class letters: no Ё, Й, Ъ, Ы, Ь.
const RUSSIAN: [&str; 28] = [
    "А", "Б", "В", "Г", "Д", "Е", "Ж", "З", "И", "К", "Л", "М", "Н", "О", "П", "Р", "С", "Т", "У",
    "Ф", "Х", "Ц", "Ч", "Ш", "Щ", "Э", "Ю", "Я",
];

/// The most classes of one language in a year: beyond the letters of the shorter alphabet.
pub const MAX_CLASSES: usize = RUSSIAN.len();

/// The letters of `count` parallel classes of the language's classes, in the alphabet's order
/// (Kazakh for Kazakh classes, Russian otherwise). `None` when there are more classes than
/// letters.
pub fn letters(language: Lang, count: usize) -> Option<Vec<&'static str>> {
    let alphabet: &[&'static str] = match language {
        Lang::Kk => &KAZAKH,
        Lang::Ru | Lang::En => &RUSSIAN,
    };
    (count <= alphabet.len()).then(|| alphabet[..count].to_vec())
}

/// Deals `pupils` into `classes` classes; returns each class's pupils (indices into
/// `pupils`, in the deal's order). The same input, in any order, gives the same classes.
/// No classes (`classes == 0`) places nobody.
pub fn distribute(pupils: &[Pupil], classes: usize) -> Vec<Vec<usize>> {
    let mut out = vec![Vec::new(); classes];
    if classes == 0 {
        return out;
    }
    let mut order: Vec<usize> = (0..pupils.len()).collect();
    order.sort_by(|&a, &b| {
        let (a, b) = (&pupils[a], &pupils[b]);
        (a.sex.as_str(), a.birth_date, &a.id).cmp(&(b.sex.as_str(), b.birth_date, &b.id))
    });
    for (n, i) in order.into_iter().enumerate() {
        out[n % classes].push(i);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn pupil(n: usize, sex: Sex, day: u32) -> Pupil {
        Pupil {
            id: format!("app-{n:03}"),
            sex,
            birth_date: NaiveDate::from_ymd_opt(2019, 1, 1).unwrap()
                + chrono::Days::new(day.into()),
        }
    }

    #[test]
    fn eighty_seven_children_into_four_kazakh_classes() {
        let pupils: Vec<Pupil> = (0..87)
            .map(|n| {
                pupil(
                    n,
                    if n % 2 == 0 { Sex::Female } else { Sex::Male },
                    (n * 4) as u32,
                )
            })
            .collect();
        let classes = distribute(&pupils, 4);
        let sizes: Vec<usize> = classes.iter().map(Vec::len).collect();
        assert_eq!(sizes, [22, 22, 22, 21]);
        assert_eq!(letters(Lang::Kk, 4).unwrap(), ["А", "Ә", "Б", "В"]);
        assert_eq!(letters(Lang::Ru, 4).unwrap(), ["А", "Б", "В", "Г"]);
        // 44 girls and 43 boys: 11 girls each, boys 11/11/11/10.
        for class in &classes {
            let girls = class
                .iter()
                .filter(|&&i| pupils[i].sex == Sex::Female)
                .count();
            assert_eq!(girls, 11, "{classes:?}");
        }
    }

    #[test]
    fn letters_run_out_past_the_alphabet() {
        assert_eq!(letters(Lang::Kk, 39).unwrap().last(), Some(&"Я"));
        assert!(letters(Lang::Kk, 40).is_none());
        assert_eq!(letters(Lang::Ru, MAX_CLASSES).unwrap().last(), Some(&"Я"));
        assert!(letters(Lang::Ru, MAX_CLASSES + 1).is_none());
        assert_eq!(letters(Lang::Ru, 0).unwrap(), Vec::<&str>::new());
    }

    #[test]
    fn birth_dates_are_spread_not_clustered() {
        // 40 girls born a week apart into 4 classes: each class gets the whole range.
        let pupils: Vec<Pupil> = (0..40)
            .map(|n| pupil(n, Sex::Female, (n * 7) as u32))
            .collect();
        for class in distribute(&pupils, 4) {
            let days: Vec<NaiveDate> = class.iter().map(|&i| pupils[i].birth_date).collect();
            let span = *days.iter().max().unwrap() - *days.iter().min().unwrap();
            assert!(span.num_days() >= 7 * 36, "{days:?}");
        }
    }

    fn arb_pupils() -> impl Strategy<Value = Vec<Pupil>> {
        prop::collection::vec((any::<bool>(), 0u32..730), 0..120).prop_map(|v| {
            v.into_iter()
                .enumerate()
                .map(|(n, (girl, day))| pupil(n, if girl { Sex::Female } else { Sex::Male }, day))
                .collect()
        })
    }

    proptest! {
        #[test]
        fn every_child_once_sizes_within_one_and_deterministic(
            pupils in arb_pupils(),
            classes in 1usize..10,
            seed in any::<u64>(),
        ) {
            let dealt = distribute(&pupils, classes);
            prop_assert_eq!(dealt.len(), classes);
            let mut placed: Vec<usize> = dealt.iter().flatten().copied().collect();
            placed.sort_unstable();
            prop_assert_eq!(placed, (0..pupils.len()).collect::<Vec<_>>());
            let sizes: Vec<usize> = dealt.iter().map(Vec::len).collect();
            prop_assert!(sizes.iter().max().unwrap() - sizes.iter().min().unwrap() <= 1);
            for sex in [Sex::Female, Sex::Male] {
                let of: Vec<usize> = dealt
                    .iter()
                    .map(|c| c.iter().filter(|&&i| pupils[i].sex == sex).count())
                    .collect();
                prop_assert!(of.iter().max().unwrap() - of.iter().min().unwrap() <= 1);
            }
            // The same children given in another order make the same classes.
            let mut shuffled = pupils.clone();
            let k = (seed as usize) % (shuffled.len().max(1));
            shuffled.rotate_left(k);
            shuffled.reverse();
            let again = distribute(&shuffled, classes);
            let ids = |d: &Vec<Vec<usize>>, p: &[Pupil]| -> Vec<Vec<String>> {
                d.iter().map(|c| c.iter().map(|&i| p[i].id.clone()).collect()).collect()
            };
            prop_assert_eq!(ids(&dealt, &pupils), ids(&again, &shuffled));
        }
    }
}
