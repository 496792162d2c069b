//! What the population register says of a child: who the legal representatives are and where
//! the child is registered. The register's answer (the gateway's JSON, the local seed file),
//! the dev endpoint's request that adds a family, and the wizard's read of the registration
//! share these types.

use serde::{Deserialize, Serialize};

use crate::api::Text;
use crate::{AdmissionType, DomainError, ErrorCode, Iin, Relation};

/// A legal representative of a child, as the register knows them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Representative {
    pub iin: Iin,
    pub relation: Relation,
}

/// The register's record of a child.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChildRecord {
    pub representatives: Vec<Representative>,
    /// The registered address: an address id of the address register (a building), if any.
    #[serde(default)]
    pub registered_address_id: Option<String>,
}

impl ChildRecord {
    /// What `iin` is to the child, when they are one of its legal representatives.
    pub fn relation_of(&self, iin: &Iin) -> Option<Relation> {
        self.representatives
            .iter()
            .find(|r| r.iin == *iin)
            .map(|r| r.relation)
    }
}

/// A family as the local register's seed file and `POST /api/dev/population` give it: the
/// child's IIN beside its record.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Family {
    pub child_iin: Iin,
    #[serde(flatten)]
    pub record: ChildRecord,
}

/// `POST /api/dev/population` as sent: read as text, so that each bad value is reported with
/// its field.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FamilyInput {
    pub child_iin: String,
    pub representatives: Vec<RepresentativeInput>,
    #[serde(default)]
    pub registered_address_id: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RepresentativeInput {
    pub iin: String,
    pub relation: Relation,
}

/// A register holds at most this many representatives of a child (parents, guardians).
const MAX_REPRESENTATIVES: usize = 8;

impl FamilyInput {
    /// The family, once every IIN is valid, there is at least one representative, none twice,
    /// none the child itself, and the address id (if any) is not blank. Whether the address
    /// exists is the caller's check (it needs the address register).
    pub fn parse(&self) -> Result<Family, DomainError> {
        let invalid_iin = |field: String| DomainError::new(ErrorCode::InvalidIin).field(field);
        let child_iin = Iin::parse(&self.child_iin).map_err(|_| invalid_iin("child_iin".into()))?;
        if self.representatives.is_empty() || self.representatives.len() > MAX_REPRESENTATIVES {
            return Err(DomainError::new(ErrorCode::ValidationFailed).field("representatives"));
        }
        let mut representatives: Vec<Representative> = Vec::new();
        for (i, r) in self.representatives.iter().enumerate() {
            let field = format!("representatives.{i}.iin");
            let iin = Iin::parse(&r.iin).map_err(|_| invalid_iin(field.clone()))?;
            if iin == child_iin || representatives.iter().any(|x| x.iin == iin) {
                return Err(DomainError::new(ErrorCode::ValidationFailed).field(field));
            }
            representatives.push(Representative {
                iin,
                relation: r.relation,
            });
        }
        let registered_address_id = match self.registered_address_id.as_deref().map(str::trim) {
            None => None,
            Some("") => {
                return Err(
                    DomainError::new(ErrorCode::ValidationFailed).field("registered_address_id")
                );
            }
            Some(id) => Some(id.to_string()),
        };
        Ok(Family {
            child_iin,
            record: ChildRecord {
                representatives,
                registered_address_id,
            },
        })
    }
}

/// The registered address as the wizard shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegisteredAddress {
    pub id: String,
    pub locality_id: String,
    pub text: Text,
}

/// `GET /api/children/{iin}/registration`: what the register says of the child, to one of its
/// legal representatives.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Registration {
    /// `null` when the register has no address of the child (or one the address register does
    /// not know): the child applies from outside every microdistrict.
    pub registered_address: Option<RegisteredAddress>,
    /// For the organisation asked about (`?org=`), else `null`.
    #[serde(default)]
    pub admission_type: Option<AdmissionType>,
    /// What the caller is to the child.
    pub relation: Relation,
}

#[cfg(test)]
mod tests {
    use super::*;

    const CHILD: &str = "190315500101";
    const FATHER: &str = "880808300004";
    const MOTHER: &str = "910304400079";

    fn input(reps: &[(&str, Relation)], address: Option<&str>) -> FamilyInput {
        FamilyInput {
            child_iin: CHILD.into(),
            representatives: reps
                .iter()
                .map(|(iin, relation)| RepresentativeInput {
                    iin: (*iin).into(),
                    relation: *relation,
                })
                .collect(),
            registered_address_id: address.map(Into::into),
        }
    }

    #[test]
    fn a_family_parses_and_names_its_representatives() {
        let f = input(
            &[(FATHER, Relation::Father), (MOTHER, Relation::Mother)],
            Some(" astana-e117-37 "),
        )
        .parse()
        .unwrap();
        assert_eq!(f.child_iin.as_str(), CHILD);
        let father = Iin::parse(FATHER).unwrap();
        assert_eq!(f.record.relation_of(&father), Some(Relation::Father));
        assert_eq!(f.record.relation_of(&f.child_iin), None);
        assert_eq!(
            f.record.registered_address_id.as_deref(),
            Some("astana-e117-37")
        );
        // The JSON of the seed file and of the gateway.
        let json = serde_json::to_value(&f).unwrap();
        assert_eq!(json["representatives"][0]["relation"], "father");
        assert_eq!(serde_json::from_value::<Family>(json).unwrap(), f);
    }

    #[test]
    fn bad_input_names_its_field() {
        let field = |i: FamilyInput| i.parse().unwrap_err().field.unwrap();
        let mut bad_child = input(&[(FATHER, Relation::Father)], None);
        bad_child.child_iin = "190315500102".into();
        assert_eq!(field(bad_child), "child_iin");
        assert_eq!(
            field(input(
                &[(FATHER, Relation::Father), ("123", Relation::Mother)],
                None
            )),
            "representatives.1.iin"
        );
        assert_eq!(field(input(&[], None)), "representatives");
        assert_eq!(
            field(input(
                &[(FATHER, Relation::Father), (FATHER, Relation::Guardian)],
                None
            )),
            "representatives.1.iin"
        );
        assert_eq!(
            field(input(&[(CHILD, Relation::Guardian)], None)),
            "representatives.0.iin"
        );
        assert_eq!(
            field(input(&[(FATHER, Relation::Father)], Some("  "))),
            "registered_address_id"
        );
    }

    #[test]
    fn a_record_without_an_address_reads() {
        let r: ChildRecord = serde_json::from_str(
            r#"{"representatives":[{"iin":"880808300004","relation":"adoptive_parent"}]}"#,
        )
        .unwrap();
        assert_eq!(r.registered_address_id, None);
        assert_eq!(r.representatives[0].relation, Relation::AdoptiveParent);
        // An invalid IIN in the register's answer is refused, not taken on trust.
        assert!(
            serde_json::from_str::<ChildRecord>(
                r#"{"representatives":[{"iin":"880808300005","relation":"father"}]}"#
            )
            .is_err()
        );
    }
}
