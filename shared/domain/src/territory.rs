//! Territories: the regions (области and cities of republican significance) and the districts
//! whose education departments watch the services, with their official KATO codes where known
//! (data with its source: `data/territories.json`). Localities are the address register's and
//! name their district there.
//!
//! An education department's appointment has a [`Scope`]: the whole country (the ministry), a
//! region, or a district of a region; what it sees follows from it.

use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use crate::MsgLang;
use crate::api::Text;
use crate::permissions::Permission;
use crate::wire::wire_enum;

const DATA: &str = include_str!("../data/territories.json");

wire_enum! {
    /// The level of an education department.
    TerritoryLevel {
        /// The ministry: every region.
        Ministry => "ministry",
        /// A region's education department («управление образования»).
        Region => "region",
        /// A district's or a city's education department («районный отдел образования»).
        District => "district",
    }
}

impl TerritoryLevel {
    /// Whether an education department appointment at this level keeps `permission` of its
    /// role (`permissions::permits` says what the role grants). The kindergarten pages of a
    /// region (its places, directions and privileges to confirm) and its campaigns are the
    /// region's department's: a district's or the ministry's staff only monitor.
    pub fn grants(self, permission: Permission) -> bool {
        match self {
            TerritoryLevel::Region => true,
            TerritoryLevel::District | TerritoryLevel::Ministry => !matches!(
                permission,
                Permission::ConfirmPrivileges | Permission::ViewRegion | Permission::ManageCampaign
            ),
        }
    }

    /// Broader levels first: the ministry, a region, a district.
    pub fn breadth(self) -> u8 {
        match self {
            TerritoryLevel::Ministry => 2,
            TerritoryLevel::Region => 1,
            TerritoryLevel::District => 0,
        }
    }
}

/// A region with its KATO code.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Region {
    pub id: String,
    pub kato: Option<String>,
    pub name: Text,
}

/// A district of a region with its KATO code.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct District {
    pub id: String,
    pub region: String,
    pub kato: Option<String>,
    pub name: Text,
}

#[derive(Deserialize)]
struct Data {
    regions: Vec<Region>,
    districts: Vec<District>,
}

fn data() -> &'static Data {
    static DATA_: OnceLock<Data> = OnceLock::new();
    DATA_.get_or_init(|| serde_json::from_str(DATA).expect("data/territories.json is valid"))
}

/// Every region, in the data's order.
pub fn regions() -> &'static [Region] {
    &data().regions
}

pub fn region(id: &str) -> Option<&'static Region> {
    regions().iter().find(|r| r.id == id)
}

/// The districts of a region.
pub fn districts(region: &str) -> impl Iterator<Item = &'static District> {
    data().districts.iter().filter(move |d| d.region == region)
}

pub fn district(id: &str) -> Option<&'static District> {
    data().districts.iter().find(|d| d.id == id)
}

/// A territory as a report row or a journal column names it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TerritoryRef {
    pub id: String,
    pub name: Text,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kato: Option<String>,
}

impl TerritoryRef {
    /// As seed 002 shows it: «Акмолинская область [110000000]», or the bare name without a
    /// known code.
    pub fn label(&self, lang: MsgLang) -> String {
        let name = lang.pick(&self.name.ru, &self.name.kk);
        match &self.kato {
            Some(code) => format!("{name} [{code}]"),
            None => name.to_string(),
        }
    }
}

impl From<&Region> for TerritoryRef {
    fn from(r: &Region) -> Self {
        TerritoryRef {
            id: r.id.clone(),
            name: r.name.clone(),
            kato: r.kato.clone(),
        }
    }
}

/// What an education department's appointment covers. On the wire
/// `{"level":"region","region":"astana"}`: read and written through a flat [`ScopeWire`], as
/// an internally tagged enum's derived serde buffers its input and costs the site's wasm
/// kilobytes for every type that holds one.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "ScopeWire", into = "ScopeWire")]
pub enum Scope {
    Ministry,
    Region { region: String },
    District { region: String, district: String },
}

/// [`Scope`] as it travels: the level and the territories it needs.
#[derive(Serialize, Deserialize)]
struct ScopeWire {
    level: TerritoryLevel,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    region: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    district: Option<String>,
}

impl TryFrom<ScopeWire> for Scope {
    type Error = &'static str;

    fn try_from(w: ScopeWire) -> Result<Self, Self::Error> {
        match (w.level, w.region, w.district) {
            (TerritoryLevel::Ministry, _, _) => Ok(Scope::Ministry),
            (TerritoryLevel::Region, Some(region), _) => Ok(Scope::Region { region }),
            (TerritoryLevel::District, Some(region), Some(district)) => {
                Ok(Scope::District { region, district })
            }
            _ => Err("a region or district scope names its region (and district)"),
        }
    }
}

impl From<Scope> for ScopeWire {
    fn from(s: Scope) -> Self {
        let level = s.level();
        let (region, district) = match s {
            Scope::Ministry => (None, None),
            Scope::Region { region } => (Some(region), None),
            Scope::District { region, district } => (Some(region), Some(district)),
        };
        ScopeWire {
            level,
            region,
            district,
        }
    }
}

impl Scope {
    pub fn level(&self) -> TerritoryLevel {
        match self {
            Scope::Ministry => TerritoryLevel::Ministry,
            Scope::Region { .. } => TerritoryLevel::Region,
            Scope::District { .. } => TerritoryLevel::District,
        }
    }

    /// The region, below the ministry.
    pub fn region(&self) -> Option<&str> {
        match self {
            Scope::Ministry => None,
            Scope::Region { region } | Scope::District { region, .. } => Some(region),
        }
    }

    /// Whether the scope sees a record of `region` in a locality of `district` (the register's
    /// district of the locality, if it has one).
    pub fn covers(&self, region: &str, district: Option<&str>) -> bool {
        match self {
            Scope::Ministry => true,
            Scope::Region { region: r } => r == region,
            Scope::District {
                region: r,
                district: d,
            } => r == region && district == Some(d.as_str()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_region_is_unique_and_codes_are_nine_digits() {
        let mut ids: Vec<_> = regions().iter().map(|r| r.id.as_str()).collect();
        assert_eq!(ids.len(), 20);
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), 20);
        let codes = regions()
            .iter()
            .filter_map(|r| r.kato.as_deref())
            .chain(data().districts.iter().filter_map(|d| d.kato.as_deref()));
        for code in codes {
            assert!(
                code.len() == 9 && code.bytes().all(|b| b.is_ascii_digit()),
                "{code}"
            );
        }
        for d in &data().districts {
            assert!(region(&d.region).is_some(), "{}", d.id);
            let (Some(dk), Some(rk)) = (&d.kato, &region(&d.region).unwrap().kato) else {
                continue;
            };
            // A district's code begins with its region's two digits.
            assert_eq!(dk[..2], rk[..2], "{}", d.id);
        }
    }

    #[test]
    fn a_label_shows_the_code_as_the_seed_does() {
        let r: TerritoryRef = region("akmola").unwrap().into();
        assert_eq!(r.label(MsgLang::Ru), "Акмолинская область [110000000]");
        assert_eq!(r.label(MsgLang::Kk), "Ақмола облысы [110000000]");
        let r: TerritoryRef = region("ulytau").unwrap().into();
        assert_eq!(r.label(MsgLang::Ru), "Улытауская область");
    }

    #[test]
    fn only_the_region_level_keeps_the_region_pages() {
        for p in Permission::ALL {
            assert!(TerritoryLevel::Region.grants(p), "{p:?}");
        }
        for level in [TerritoryLevel::District, TerritoryLevel::Ministry] {
            assert!(level.grants(Permission::Monitor));
            for p in [
                Permission::ConfirmPrivileges,
                Permission::ViewRegion,
                Permission::ManageCampaign,
            ] {
                assert!(!level.grants(p), "{level:?} {p:?}");
            }
        }
        assert!(TerritoryLevel::Ministry.breadth() > TerritoryLevel::Region.breadth());
        assert!(TerritoryLevel::Region.breadth() > TerritoryLevel::District.breadth());
    }

    #[test]
    fn a_scope_covers_its_territory_only() {
        let region = Scope::Region {
            region: "karaganda".into(),
        };
        let district = Scope::District {
            region: "karaganda".into(),
            district: "karaganda-city".into(),
        };
        assert!(Scope::Ministry.covers("astana", None));
        assert!(region.covers("karaganda", None));
        assert!(region.covers("karaganda", Some("karaganda-city")));
        assert!(!region.covers("astana", None));
        assert!(district.covers("karaganda", Some("karaganda-city")));
        assert!(!district.covers("karaganda", Some("bukhar-zhyrau")));
        assert!(!district.covers("karaganda", None));
        assert!(!district.covers("astana", Some("karaganda-city")));
        let v = serde_json::to_value(&district).unwrap();
        assert_eq!(v["level"], "district");
        assert_eq!(serde_json::from_value::<Scope>(v).unwrap(), district);
        assert_eq!(district.level(), TerritoryLevel::District);
        assert_eq!(Scope::Ministry.region(), None);
    }

    #[test]
    fn a_scope_travels_flat_with_its_level() {
        use serde_json::json;
        let cases = [
            (Scope::Ministry, json!({"level": "ministry"})),
            (
                Scope::Region {
                    region: "astana".into(),
                },
                json!({"level": "region", "region": "astana"}),
            ),
            (
                Scope::District {
                    region: "karaganda".into(),
                    district: "karaganda-city".into(),
                },
                json!({"level": "district", "region": "karaganda", "district": "karaganda-city"}),
            ),
        ];
        for (scope, wire) in cases {
            assert_eq!(serde_json::to_value(&scope).unwrap(), wire);
            assert_eq!(serde_json::from_value::<Scope>(wire).unwrap(), scope);
        }
        for bad in [
            json!({"level": "region"}),
            json!({"level": "district", "region": "karaganda"}),
            json!({"level": "country"}),
        ] {
            assert!(serde_json::from_value::<Scope>(bad).is_err());
        }
    }
}
