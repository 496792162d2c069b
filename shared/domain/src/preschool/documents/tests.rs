use chrono::{DateTime, FixedOffset, NaiveDate};

use super::*;
use crate::api::{Child, DocumentRef};
use crate::preschool::DirectionState;
use crate::preschool::api::{Privilege, QueueApplicant, QueuePosition};
use crate::{DocumentKind, Lang, Relation, Sex};

fn at(s: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(s).unwrap()
}

fn app() -> QueueApplication {
    QueueApplication {
        id: "a1".into(),
        number: "УО.2026.000024.1".into(),
        registered_at: at("2026-06-02T17:29:09+05:00"),
        child: Child {
            iin: "230625600123".into(),
            last_name: "Ахметова".into(),
            first_name: "Айша".into(),
            middle_name: None,
            birth_date: NaiveDate::from_ymd_opt(2023, 6, 25).unwrap(),
            sex: Sex::Female,
        },
        applicant: QueueApplicant {
            iin: "880808300004".into(),
            full_name: "Ахметов Серик".into(),
            phone: "+77011234567".into(),
            email: None,
            relation: Relation::Father,
        },
        region: "astana".into(),
        locality_id: "astana".into(),
        language: Lang::Kk,
        privilege: Privilege {
            category: PrivilegeCategory::FirstPriority,
            status: PrivilegeStatus::Pending,
            document: Some(DocumentRef {
                kind: DocumentKind::PrivilegeProof,
                file_id: "f1".into(),
                sha256: None,
                pages: None,
            }),
            decided_at: None,
            comment: None,
        },
        state: QueueState::InQueue,
        changed_at: at("2026-06-02T17:29:09+05:00"),
        queued_since: Some(at("2026-06-02T17:29:09+05:00")),
        position: Some(QueuePosition {
            number: 7,
            privileged: 0,
        }),
        stop_until: None,
        expiries: 0,
        removal: None,
        direction: None,
        choice_blocked: None,
    }
}

fn direction() -> Direction {
    Direction {
        n: 1,
        org_id: "org".into(),
        org_name: Text {
            ru: "Детский сад «Балапан»".into(),
            kk: "«Балапан» балабақшасы".into(),
        },
        org_address: "Астана, ул. Е 117, 39".into(),
        language: Lang::Ru,
        age_group: 2023,
        issued_at: at("2026-08-03T11:00:00+05:00"),
        expires_at: at("2026-08-11T00:00:00+05:00"),
        extended_days: None,
        state: DirectionState::Issued,
        closed_at: None,
        signature_serial: "1A2B3C".into(),
        signed_by: "Ахметов Серик".into(),
    }
}

fn astana() -> Text {
    Text {
        ru: "Астана".into(),
        kk: "Астана қаласы".into(),
    }
}

#[test]
fn four_documents_of_the_registration_then_the_direction() {
    let a = app();
    let docs = list(&a, None);
    let kinds: Vec<_> = docs.iter().map(|d| d.kind).collect();
    assert_eq!(
        kinds,
        [
            QueueDocumentKind::RegistrationNotice,
            QueueDocumentKind::DocumentsReceipt,
            QueueDocumentKind::RegistryBook,
            QueueDocumentKind::ChildCard,
        ]
    );
    let registered = NaiveDate::from_ymd_opt(2026, 6, 2).unwrap();
    assert!(docs.iter().all(|d| d.date == registered));
    assert_eq!(docs[0].title.ru, "Уведомление о регистрации");

    let d = direction();
    let docs = list(&a, Some(&d));
    assert_eq!(docs.len(), 5);
    assert_eq!(docs[4].kind, QueueDocumentKind::Direction);
    assert_eq!(docs[4].title.ru, "Направление в частный ДДО");
    assert_eq!(docs[4].date, NaiveDate::from_ymd_opt(2026, 8, 3).unwrap());
}

/// Every document names the application, the registration instant and the child, in both
/// languages, with labels that differ between them.
#[test]
fn every_document_names_number_and_child_in_both_languages() {
    let (a, d, locality) = (app(), direction(), astana());
    let facts = DocumentFacts {
        app: &a,
        locality: &locality,
        direction: Some(&d),
    };
    for kind in QueueDocumentKind::ALL {
        let doc = content(kind, &facts).unwrap();
        assert_eq!(doc.kind, kind);
        assert_eq!(doc.number, "УО.2026.000024.1");
        assert_ne!(doc.statement.ru, doc.statement.kk);
        for l in &doc.lines {
            assert_ne!(l.label.ru, l.label.kk, "{:?}", l.label);
        }
        let value = |label: &str| {
            doc.lines
                .iter()
                .find(|l| l.label.ru == label)
                .map(|l| l.value.clone())
                .unwrap_or_else(|| panic!("{kind}: no {label}"))
        };
        assert_eq!(value("ФИО ребёнка").kk, "Ахметова Айша");
        assert_eq!(value("ИИН ребёнка").ru, "230625600123");
        assert_eq!(value("Дата рождения").ru, "25.06.2023");
        assert_eq!(value("Дата регистрации").ru, "02.06.2026 17:29:09");
        assert_eq!(value("Номер заявления").kk, "УО.2026.000024.1");
    }
}

#[test]
fn the_queue_lines_say_where_the_child_stands() {
    let (a, locality) = (app(), astana());
    let facts = DocumentFacts {
        app: &a,
        locality: &locality,
        direction: None,
    };
    let doc = content(QueueDocumentKind::ChildCard, &facts).unwrap();
    let value = |label: &str| {
        doc.lines
            .iter()
            .find(|l| l.label.ru == label)
            .map(|l| l.value.clone())
            .unwrap()
    };
    assert_eq!(value("Населённый пункт").kk, "Астана қаласы");
    assert_eq!(value("Язык обучения").ru, "Казахский");
    assert_eq!(value("Тип льготы").ru, "Первоочередная (На подтверждении)");
    assert_eq!(value("Тип льготы").kk, "Бірінші кезектегі (Растауда)");
    assert_eq!(
        value("Текущее состояние").ru,
        "В очереди (в очереди с 02.06.2026 17:29:09)"
    );
    assert_eq!(value("Номер очереди").ru, "7");
    assert_eq!(value("Номер очереди по льготной категории").ru, "0");
    assert_eq!(value("Заявитель").ru, "Ахметов Серик");
    assert_eq!(value("Кем приходится ребёнку").kk, "Әке");

    // Without a privilege: «Без льготы»; out of the queue: no numbers.
    let mut plain = app();
    plain.privilege.category = PrivilegeCategory::None;
    plain.privilege.status = PrivilegeStatus::NotClaimed;
    plain.privilege.document = None;
    plain.state = QueueState::Removed;
    plain.position = None;
    let facts = DocumentFacts {
        app: &plain,
        locality: &locality,
        direction: None,
    };
    let doc = content(QueueDocumentKind::RegistryBook, &facts).unwrap();
    let labels: Vec<&str> = doc.lines.iter().map(|l| l.label.ru.as_str()).collect();
    assert!(!labels.contains(&"Номер очереди"), "{labels:?}");
    let privilege = doc
        .lines
        .iter()
        .find(|l| l.label.ru == "Тип льготы")
        .unwrap();
    assert_eq!(privilege.value.ru, "Без льготы");
    let receipt = content(QueueDocumentKind::DocumentsReceipt, &facts).unwrap();
    let received = receipt.lines.last().unwrap();
    assert_eq!(received.value.ru, "Заявление");
    let facts = DocumentFacts {
        app: &a,
        locality: &locality,
        direction: None,
    };
    let receipt = content(QueueDocumentKind::DocumentsReceipt, &facts).unwrap();
    assert!(receipt.lines.last().unwrap().value.ru.contains("; "));
}

#[test]
fn the_direction_names_the_kindergarten_its_days_and_the_signature() {
    let (a, d, locality) = (app(), direction(), astana());
    let none = DocumentFacts {
        app: &a,
        locality: &locality,
        direction: None,
    };
    assert_eq!(content(QueueDocumentKind::Direction, &none), None);
    let facts = DocumentFacts {
        direction: Some(&d),
        ..none
    };
    let doc = content(QueueDocumentKind::Direction, &facts).unwrap();
    assert_eq!(doc.date, NaiveDate::from_ymd_opt(2026, 8, 3).unwrap());
    let value = |label: &str| {
        doc.lines
            .iter()
            .find(|l| l.label.ru == label)
            .map(|l| l.value.clone())
            .unwrap_or_else(|| panic!("no {label}"))
    };
    assert_eq!(value("Детский сад").kk, "«Балапан» балабақшасы");
    assert_eq!(value("Адрес").ru, "Астана, ул. Е 117, 39");
    assert_eq!(value("Язык обучения").kk, "Орыс тілі");
    assert_eq!(value("Возрастная группа (год рождения)").ru, "2023");
    assert_eq!(value("Дата выдачи направления").ru, "03.08.2026 11:00:00");
    // Expires at 00:00 on the 11th: valid through the 10th.
    assert_eq!(value("Действительно по").ru, "10.08.2026");
    assert_eq!(value("Состояние направления").ru, "Действует");
    assert_eq!(value("Подписано (ЭЦП)").ru, "Ахметов Серик, 1A2B3C");
}
