//! Class composition (seed 003, «Автоматическое распределение детей по классам», «О
//! комплектовании классов»): the accepted children of a year and language dealt into the
//! limit's number of classes, and the classes' letters.
//!
//! The deal is deterministic and needs no randomness: the children are ordered by sex, then
//! birth date, then id, and dealt round-robin. Every class then gets ⌊n/k⌋ or ⌈n/k⌉ children,
//! and of each sex ⌊·⌋ or ⌈·⌉ (a sex is a contiguous run of the deal), and each class's birth
//! dates run from the oldest to the youngest of its sex rather than clustering.

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::orders::{OrderChild, OrderClass, sort_children};
use crate::{AcademicYear, DomainError, ErrorCode, Lang, Sex};

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

/// A year's classes of one language as the school composes them («Комплектование классов»):
/// dealt by [`distribute`], then changed by hand (a child moved, a teacher named) until a
/// class-composition order is made of them, which freezes them (`order_id`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Composition {
    pub org_id: String,
    pub academic_year: AcademicYear,
    pub language: Lang,
    pub classes: Vec<OrderClass>,
    /// The class-composition order made of it, if any.
    #[serde(default)]
    pub order_id: Option<String>,
    pub updated_at: DateTime<FixedOffset>,
    /// Moves with every change: a change is written only over the version it read.
    #[serde(default)]
    pub version: u64,
}

/// The classes of `children` (any order) for `classes` classes of `language`: lettered in its
/// alphabet, dealt by [`distribute`], each listed by name. 422 `validation_failed` on
/// `classes` when there are none or more than letters.
pub fn compose(
    children: &[OrderChild],
    language: Lang,
    classes: usize,
) -> Result<Vec<OrderClass>, DomainError> {
    let letters = letters(language, classes)
        .filter(|l| !l.is_empty())
        .ok_or_else(|| DomainError::new(ErrorCode::ValidationFailed).field("classes"))?;
    let pupils: Vec<Pupil> = children
        .iter()
        .map(|c| Pupil {
            id: c.application_id.clone(),
            sex: c.sex,
            birth_date: c.birth_date,
        })
        .collect();
    Ok(distribute(&pupils, classes)
        .into_iter()
        .zip(letters)
        .map(|(dealt, letter)| {
            let mut children: Vec<OrderChild> =
                dealt.iter().map(|&i| children[i].clone()).collect();
            sort_children(&mut children);
            OrderClass {
                letter: letter.to_string(),
                teacher: None,
                children,
            }
        })
        .collect())
}

impl Composition {
    /// 409 `invalid_status` once an order is made of it.
    fn unfrozen(&self) -> Result<(), DomainError> {
        match self.order_id {
            Some(_) => Err(DomainError::new(ErrorCode::InvalidStatus)),
            None => Ok(()),
        }
    }

    fn class_mut(&mut self, n: usize) -> Result<&mut OrderClass, DomainError> {
        n.checked_sub(1)
            .and_then(|i| self.classes.get_mut(i))
            .ok_or_else(|| DomainError::new(ErrorCode::ValidationFailed).field("class"))
    }

    /// Moves a child into the `n`th class (from 1); 404 when no class lists the child.
    pub fn move_child(&mut self, application_id: &str, n: usize) -> Result<(), DomainError> {
        self.unfrozen()?;
        self.class_mut(n)?;
        let from = self
            .classes
            .iter()
            .position(|c| {
                c.children
                    .iter()
                    .any(|p| p.application_id == application_id)
            })
            .ok_or_else(|| DomainError::new(ErrorCode::NotFound))?;
        let at = self.classes[from]
            .children
            .iter()
            .position(|p| p.application_id == application_id)
            .expect("found above");
        let child = self.classes[from].children.remove(at);
        let class = self.class_mut(n)?;
        class.children.push(child);
        sort_children(&mut class.children);
        Ok(())
    }

    /// Names the `n`th class's teacher (blank: none), 200 characters at most.
    pub fn set_teacher(&mut self, n: usize, teacher: Option<&str>) -> Result<(), DomainError> {
        self.unfrozen()?;
        let teacher = teacher.map(str::trim).filter(|t| !t.is_empty());
        if teacher.is_some_and(|t| t.chars().count() > 200) {
            return Err(DomainError::new(ErrorCode::ValidationFailed).field("teacher"));
        }
        self.class_mut(n)?.teacher = teacher.map(str::to_string);
        Ok(())
    }

    /// Every child, class after class.
    pub fn children(&self) -> Vec<OrderChild> {
        self.classes
            .iter()
            .flat_map(|c| c.children.iter().cloned())
            .collect()
    }
}

/// `PUT …/classes/{year}/{language}/children/{application_id}`: the class to move the child
/// into; `PUT …/classes/{year}/{language}/{n}`: the class's teacher.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClassChange {
    #[serde(default)]
    pub class: Option<usize>,
    #[serde(default)]
    pub teacher: Option<String>,
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

    fn child(n: usize, sex: Sex) -> OrderChild {
        OrderChild {
            application_id: format!("app-{n:03}"),
            application_number: n as u64,
            applied_on: NaiveDate::from_ymd_opt(2026, 4, 1).unwrap(),
            child_iin: format!("{n:012}"),
            last_name: format!("Фамилия{n:03}"),
            first_name: "Имя".into(),
            middle_name: None,
            birth_date: NaiveDate::from_ymd_opt(2019, 1, 1).unwrap() + chrono::Days::new(n as u64),
            sex,
        }
    }

    #[test]
    fn a_composition_is_lettered_dealt_and_changed_by_hand_until_ordered() {
        let children: Vec<OrderChild> = (0..87)
            .map(|n| child(n, if n % 2 == 0 { Sex::Female } else { Sex::Male }))
            .collect();
        let classes = compose(&children, Lang::Kk, 4).unwrap();
        let shape: Vec<(&str, usize)> = classes
            .iter()
            .map(|c| (c.letter.as_str(), c.children.len()))
            .collect();
        assert_eq!(shape, [("А", 22), ("Ә", 22), ("Б", 22), ("В", 21)]);
        assert!(
            classes[0]
                .children
                .is_sorted_by_key(|c| c.last_name.clone())
        );
        let mut composition = Composition {
            org_id: "org".into(),
            academic_year: "2026-2027".parse().unwrap(),
            language: Lang::Kk,
            classes,
            order_id: None,
            updated_at: DateTime::parse_from_rfc3339("2026-08-20T10:00:00+05:00").unwrap(),
            version: 1,
        };
        let moved = composition.classes[0].children[0].application_id.clone();
        composition.move_child(&moved, 4).unwrap();
        assert_eq!(composition.classes[0].children.len(), 21);
        assert!(
            composition.classes[3]
                .children
                .iter()
                .any(|c| c.application_id == moved)
        );
        assert_eq!(composition.children().len(), 87, "nobody lost or doubled");
        composition
            .set_teacher(2, Some("  Жунусова П. Т. "))
            .unwrap();
        assert_eq!(
            composition.classes[1].teacher.as_deref(),
            Some("Жунусова П. Т.")
        );
        let field = |e: DomainError| e.field;
        assert_eq!(
            field(composition.move_child(&moved, 5).unwrap_err()).as_deref(),
            Some("class")
        );
        assert_eq!(
            composition.move_child("nobody", 1).unwrap_err().code,
            ErrorCode::NotFound
        );
        assert_eq!(
            field(compose(&children, Lang::Ru, 0).unwrap_err()).as_deref(),
            Some("classes")
        );
        composition.order_id = Some("order".into());
        assert_eq!(
            composition.set_teacher(1, None).unwrap_err().code,
            ErrorCode::InvalidStatus,
            "frozen once ordered"
        );
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
