//! The address register (localities → streets → buildings) and school microdistricts: the
//! register as imported, addresses as stored and shown, the search match, and the public
//! school listing's types.
//!
//! A street's id is given by the register (`astana-e117`); a building's id is its street's id
//! and its number (`astana-e117-37`, a `/` in a number becomes `-`: ids travel in URL paths).

use serde::{Deserialize, Serialize};

use crate::api::Text;
use crate::{AcademicYear, Lang, MsgLang};

/// What an address names: a whole street or one building of it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AddressKind {
    Street,
    Building,
}

// ---------------------------------------------------------------- the register as imported

/// A locality of the register with its streets and their buildings (the import format, also
/// the `localities` of `infra/seed/demo.json`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RegisterLocality {
    pub id: String,
    pub region: String,
    pub name: Text,
    /// The district whose education department it belongs to, if the region has districts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub district: Option<String>,
    /// Its KATO code, where known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kato: Option<String>,
    pub streets: Vec<RegisterStreet>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RegisterStreet {
    pub id: String,
    pub name: Text,
    /// House numbers as written (`37`, `24/1`).
    pub buildings: Vec<String>,
}

/// An address as stored (in its locality's partition and under its own id).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AddressItem {
    pub id: String,
    pub kind: AddressKind,
    pub locality_id: String,
    pub street_id: String,
    /// The street's name (for a building too, so that a search by street finds its houses).
    pub street_name: Text,
    /// The house number, for a building.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number: Option<String>,
    /// The full address.
    pub text: Text,
}

/// The id of a building of a street.
pub fn building_id(street_id: &str, number: &str) -> String {
    format!("{street_id}-{}", number.trim().replace('/', "-"))
}

/// Every address of a locality (each street, then its buildings), checked: ids and names are
/// non-empty and ids unique within the locality. Errors name the offending entry.
pub fn register_addresses(locality: &RegisterLocality) -> Result<Vec<AddressItem>, String> {
    let mut out = Vec::new();
    let mut seen = std::collections::BTreeSet::new();
    let blank = |s: &str| s.trim().is_empty();
    if blank(&locality.id) || blank(&locality.name.ru) || blank(&locality.name.kk) {
        return Err(format!("locality {:?}: empty id or name", locality.id));
    }
    for street in &locality.streets {
        if blank(&street.id) || blank(&street.name.ru) || blank(&street.name.kk) {
            return Err(format!("street {:?}: empty id or name", street.id));
        }
        if street.id.contains('/') || !seen.insert(street.id.clone()) {
            return Err(format!("street {:?}: invalid or duplicate id", street.id));
        }
        out.push(AddressItem {
            id: street.id.clone(),
            kind: AddressKind::Street,
            locality_id: locality.id.clone(),
            street_id: street.id.clone(),
            street_name: street.name.clone(),
            number: None,
            text: street_text(&locality.name, &street.name),
        });
        for number in &street.buildings {
            let number = number.trim();
            let id = building_id(&street.id, number);
            if blank(number) || !seen.insert(id.clone()) {
                return Err(format!("building {id:?}: empty or duplicate number"));
            }
            out.push(AddressItem {
                id,
                kind: AddressKind::Building,
                locality_id: locality.id.clone(),
                street_id: street.id.clone(),
                street_name: street.name.clone(),
                number: Some(number.to_string()),
                text: building_text(&locality.name, &street.name, number),
            });
        }
    }
    Ok(out)
}

/// «г. Астана, Улица Е 117» / «Астана қ., Е 117 көшесі».
pub fn street_text(locality: &Text, street: &Text) -> Text {
    Text {
        ru: format!("{}, {}", locality.ru, street.ru),
        kk: format!("{}, {}", locality.kk, street.kk),
    }
}

/// «г. Астана, Улица Е 117, дом 37» / «Астана қ., Е 117 көшесі, 37 үй».
pub fn building_text(locality: &Text, street: &Text, number: &str) -> Text {
    Text {
        ru: format!("{}, {}, дом {number}", locality.ru, street.ru),
        kk: format!("{}, {}, {number} үй", locality.kk, street.kk),
    }
}

// ---------------------------------------------------------------- search and display

/// Lowercase, `ё` as `е`, runs of whitespace collapsed to one space: what a search compares.
pub fn normalize(s: &str) -> String {
    let lower = s.to_lowercase().replace('ё', "е");
    lower.split_whitespace().collect::<Vec<_>>().join(" ")
}

impl AddressItem {
    /// Whether `q` (already [`normalize`]d) occurs in the street's name or the full address,
    /// in either language. An empty `q` matches everything.
    pub fn matches(&self, q: &str) -> bool {
        q.is_empty()
            || [
                &self.street_name.ru,
                &self.street_name.kk,
                &self.text.ru,
                &self.text.kk,
            ]
            .iter()
            .any(|s| normalize(s).contains(q))
    }

    /// The address as the API shows it, in the caller's language.
    pub fn view(&self, lang: MsgLang) -> Address {
        Address {
            id: self.id.clone(),
            kind: self.kind,
            text: lang.pick(&self.text.ru, &self.text.kk).to_string(),
            street_id: self.street_id.clone(),
        }
    }

    /// Display order: by street name, the street before its buildings, houses by number
    /// (numerically: 5 before 37 before 124).
    pub fn order_key(&self) -> (String, String, AddressKind, u64, String) {
        let number = self.number.clone().unwrap_or_default();
        let digits: String = number.chars().take_while(|c| c.is_ascii_digit()).collect();
        (
            normalize(&self.street_name.ru),
            self.street_id.clone(),
            self.kind,
            digits.parse().unwrap_or(u64::MAX),
            number,
        )
    }
}

/// A locality of the register, as `GET /api/localities` lists it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Locality {
    pub id: String,
    pub region: String,
    pub name: Text,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub district: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kato: Option<String>,
}

/// `{"id","kind","text","street_id"}`
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Address {
    pub id: String,
    pub kind: AddressKind,
    pub text: String,
    pub street_id: String,
}

/// `POST /api/orgs/{org}/microdistrict`
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AttachAddress {
    pub address_id: String,
}

// ---------------------------------------------------------------- public school listing

/// Free seats of one grade-1 limit.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FreeSeats {
    pub academic_year: AcademicYear,
    pub language: Lang,
    pub seats: u32,
    pub free_total: u32,
    pub free_outside: u32,
}

/// A school of `GET /api/schools`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SchoolListing {
    pub id: String,
    pub name: Text,
    pub address: String,
    pub languages: Vec<Lang>,
    pub provides_transport: bool,
    pub in_microdistrict: bool,
    pub free_seats: Vec<FreeSeats>,
}

/// The listing order: schools whose microdistrict holds the address first, then by name.
pub fn sort_schools(schools: &mut [SchoolListing]) {
    schools.sort_by_key(|s| (!s.in_microdistrict, normalize(&s.name.ru), s.id.clone()));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(ru: &str, kk: &str) -> Text {
        Text {
            ru: ru.into(),
            kk: kk.into(),
        }
    }

    fn astana() -> RegisterLocality {
        RegisterLocality {
            id: "astana".into(),
            region: "astana".into(),
            name: t("г. Астана", "Астана қ."),
            district: None,
            kato: Some("710000000".into()),
            streets: vec![
                RegisterStreet {
                    id: "astana-e117".into(),
                    name: t("Улица Е 117", "Е 117 көшесі"),
                    buildings: vec!["39".into(), "37".into()],
                },
                RegisterStreet {
                    id: "astana-mangilik-el".into(),
                    name: t("Проспект Мангилик Ел", "Мәңгілік Ел даңғылы"),
                    buildings: vec!["24/1".into(), "124".into(), "5".into()],
                },
            ],
        }
    }

    #[test]
    fn register_builds_streets_and_buildings() {
        let items = register_addresses(&astana()).unwrap();
        assert_eq!(items.len(), 7);
        let b = items.iter().find(|i| i.id == "astana-e117-37").unwrap();
        assert_eq!(b.kind, AddressKind::Building);
        assert_eq!(b.street_id, "astana-e117");
        assert_eq!(b.text.ru, "г. Астана, Улица Е 117, дом 37");
        assert_eq!(b.text.kk, "Астана қ., Е 117 көшесі, 37 үй");
        assert!(items.iter().any(|i| i.id == "astana-mangilik-el-24-1"));
        let s = &items[0];
        assert_eq!(
            (s.kind, s.text.ru.as_str()),
            (AddressKind::Street, "г. Астана, Улица Е 117")
        );
    }

    #[test]
    fn register_rejects_duplicates_and_blanks() {
        let mut l = astana();
        l.streets[0].buildings.push("37".into());
        assert!(register_addresses(&l).is_err());
        let mut l = astana();
        l.streets[1].id = "astana-e117".into();
        assert!(register_addresses(&l).is_err());
        let mut l = astana();
        l.streets[0].buildings.push(" ".into());
        assert!(register_addresses(&l).is_err());
    }

    #[test]
    fn search_is_case_insensitive_anywhere() {
        let items = register_addresses(&astana()).unwrap();
        let found: Vec<_> = items
            .iter()
            .filter(|i| i.matches(&normalize("  е   117 ")))
            .map(|i| i.id.as_str())
            .collect();
        assert_eq!(found, ["astana-e117", "astana-e117-39", "astana-e117-37"]);
        let kk: Vec<_> = items
            .iter()
            .filter(|i| i.matches(&normalize("МӘҢГІЛІК")))
            .collect();
        assert_eq!(kk.len(), 4);
        assert!(items.iter().all(|i| i.matches("")));
        assert_eq!(
            items[1].view(MsgLang::Kk).text,
            "Астана қ., Е 117 көшесі, 39 үй"
        );
    }

    #[test]
    fn order_puts_streets_first_and_numbers_numerically() {
        let mut items = register_addresses(&astana()).unwrap();
        items.sort_by_key(AddressItem::order_key);
        let ids: Vec<_> = items.iter().map(|i| i.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "astana-mangilik-el",
                "astana-mangilik-el-5",
                "astana-mangilik-el-24-1",
                "astana-mangilik-el-124",
                "astana-e117",
                "astana-e117-37",
                "astana-e117-39",
            ]
        );
    }

    #[test]
    fn attached_schools_come_first() {
        let school = |id: &str, name: &str, in_micro: bool| SchoolListing {
            id: id.into(),
            name: t(name, name),
            address: String::new(),
            languages: vec![],
            provides_transport: false,
            in_microdistrict: in_micro,
            free_seats: vec![],
        };
        let mut v = vec![school("a", "Школа 1", false), school("b", "Школа 2", true)];
        sort_schools(&mut v);
        assert_eq!(v[0].id, "b");
    }
}
