//! Invitations, positions of the list, names from tokens.

use super::*;

const DIRECTOR: &str = "850101300015";
const PERSON: &str = "900215400013";

fn add(iin: &str, position: &str, roles: &[Role]) -> AddStaff {
    AddStaff {
        iin: iin.into(),
        position: position.into(),
        roles: roles.to_vec(),
    }
}

fn code(r: Result<ValidStaff, DomainError>) -> (ErrorCode, Option<String>) {
    let e = r.unwrap_err();
    (e.code, e.field)
}

#[test]
fn fixtures_are_valid_iins() {
    assert!(Iin::parse(DIRECTOR).is_ok());
    assert!(Iin::parse(PERSON).is_ok());
}

#[test]
fn a_valid_invitation_normalises_roles() {
    let v = add(
        PERSON,
        "  teacher  ",
        &[Role::Oso, Role::Executor, Role::Oso],
    )
    .validate(DIRECTOR)
    .unwrap();
    assert_eq!(v.iin.as_str(), PERSON);
    assert_eq!(v.position, Position::Teacher);
    assert_eq!(v.roles, vec![Role::Executor, Role::Oso]);
}

#[test]
fn invalid_invitations_name_the_field() {
    assert_eq!(
        code(add("061211600013", "teacher", &[Role::Oso]).validate(DIRECTOR)),
        (ErrorCode::InvalidIin, Some("iin".into()))
    );
    assert_eq!(
        code(add(DIRECTOR, "teacher", &[Role::Oso]).validate(DIRECTOR)),
        (ErrorCode::ValidationFailed, Some("iin".into()))
    );
    for position in [
        " ",
        "x",
        "Космонавт",
        "director",
        "Директор",
        &"x".repeat(201),
    ] {
        assert_eq!(
            code(add(PERSON, position, &[Role::Oso]).validate(DIRECTOR)),
            (ErrorCode::ValidationFailed, Some("position".into())),
            "{position}"
        );
    }
    for roles in [&[][..], &[Role::Director], &[Role::Executor, Role::Admin]] {
        assert_eq!(
            code(add(PERSON, "clerk", roles).validate(DIRECTOR)),
            (ErrorCode::ValidationFailed, Some("roles".into()))
        );
    }
}

#[test]
fn positions_read_as_codes_or_names() {
    for p in Position::ALL {
        assert_eq!(Position::parse_input(p.as_str()), Some(p));
        assert_eq!(Position::parse_input(p.title(MsgLang::Ru)), Some(p));
        assert_eq!(Position::parse_input(p.title(MsgLang::Kk)), Some(p));
        assert_eq!(
            Position::parse_input(&p.title(MsgLang::Kk).to_uppercase()),
            Some(p)
        );
        assert_eq!(
            serde_json::to_value(p).unwrap(),
            serde_json::Value::String(p.as_str().into())
        );
    }
    assert_eq!(
        Position::parse_input(" заместитель ДИРЕКТОРА "),
        Some(Position::DeputyDirector)
    );
    assert_eq!(
        Position::parse_input("Завуч"),
        Some(Position::DeputyDirector)
    );
    assert_eq!(
        Position::parse_input("Әлеуметтік педагог"),
        Some(Position::SocialPedagogue)
    );
    assert_eq!(Position::parse_input("Библиотекарь"), None);
    assert_eq!(Position::parse_input(""), None);
    // The list of seed 001 and the names the seeds use are there.
    for ru in [
        "Директор",
        "Заместитель директора",
        "Секретарь",
        "Учитель",
        "Психолог",
        "Социальный педагог",
        "Делопроизводитель",
        "Методист",
    ] {
        assert!(Position::parse_input(ru).is_some(), "{ru}");
    }
    assert!(!Position::Director.invitable());
    assert!(Position::ALL.iter().filter(|p| p.invitable()).count() == 9);
}

#[test]
fn stored_free_text_positions_read_tolerantly() {
    assert_eq!(Position::read("Учитель"), Position::Teacher);
    assert_eq!(
        Position::read("Заместитель директора по УР"),
        Position::DeputyDirector
    );
    assert_eq!(Position::read("Библиотекарь"), Position::Other);
    #[derive(Deserialize)]
    struct Stored {
        #[serde(default, deserialize_with = "stored_position")]
        position: Option<Position>,
    }
    let read = |v: serde_json::Value| serde_json::from_value::<Stored>(v).unwrap().position;
    assert_eq!(read(serde_json::json!({})), None);
    assert_eq!(read(serde_json::json!({"position": null})), None);
    assert_eq!(read(serde_json::json!({"position": " "})), None);
    assert_eq!(
        read(serde_json::json!({"position": "director"})),
        Some(Position::Director)
    );
    assert_eq!(
        read(serde_json::json!({"position": "Завхоз"})),
        Some(Position::Other)
    );
}

#[test]
fn names_from_tokens_are_tidied() {
    assert_eq!(
        person_name("  Ахметова   Гульнар\tСериковна "),
        Some("Ахметова Гульнар Сериковна".into())
    );
    assert_eq!(person_name("   "), None);
    assert_eq!(
        person_name(&"я".repeat(300)).map(|n| n.chars().count()),
        Some(MAX_NAME_CHARS)
    );
}

#[test]
fn statuses_travel_as_codes() {
    for s in StaffStatus::ALL {
        assert_eq!(
            serde_json::to_value(s).unwrap(),
            serde_json::Value::String(s.as_str().into())
        );
    }
    assert_eq!(StaffStatus::AwaitingConsent.as_str(), "awaiting_consent");
}
