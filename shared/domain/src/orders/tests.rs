use proptest::prelude::*;
use serde_json::json;

use super::*;

fn signature(name: &str) -> SignatureRecord {
    serde_json::from_value(json!({
        "payload": "p", "signature": "s", "algorithm": "ECDSA-SHA256",
        "certificates": [], "certificate_serial": "0A", "signer_iin": "850315400015",
        "signer_name": name, "bin": "123456789012",
        "signed_at": "2026-06-02T16:14:00+05:00"
    }))
    .unwrap()
}

fn application(id: &str, status: &str, signed: bool) -> Application {
    let mut a: Application = serde_json::from_value(json!({
        "id": id, "number": 48, "service": "grade1", "org_id": "org",
        "academic_year": "2026-2027", "grade": 1, "language": "ru", "status": status,
        "admission_type": "microdistrict",
        // 23:30 in UTC is already the next day in Almaty: the basis names Almaty's day.
        "submitted_at": "2026-05-13T23:30:00Z", "due_at": "2026-06-03T10:00:00+05:00",
        "overdue": false, "applicant_iin": "880808300004", "applicant_name": "Мурат Аида Марат",
        "child": {"iin": "190530600123", "last_name": "Мурат", "first_name": "Малика",
                  "middle_name": "Ерланқызы", "birth_date": "2019-05-30", "sex": "female"},
        "applicant": {"phone": "+77011234567", "relation": "mother"},
        "registered_address_id": null, "actual_address": null,
        "transport_requested": false, "special_needs": false, "documents": []
    }))
    .unwrap();
    if signed {
        a.signature = Some(signature("Смагулова Шолпан"));
    }
    a
}

fn order(children: Vec<OrderChild>) -> Order {
    Order {
        id: "order-1".into(),
        org_id: "org".into(),
        academic_year: "2026-2027".parse().unwrap(),
        kind: OrderKind::Enrolment,
        language: None,
        status: OrderStatus::Draft,
        title: enrolment_title(),
        children,
        classes: Vec::new(),
        prepared_by_name: Some("Бекенова Асемгуль".into()),
        prepared_at: DateTime::parse_from_rfc3339("2026-05-14T16:03:00+05:00").unwrap(),
        registration: None,
        signature: None,
    }
}

fn registered(mut o: Order, number: u32, date: &str, seq: u32) -> Order {
    o.status = OrderStatus::Registered;
    o.registration = Some(Registration {
        number,
        date: date.parse().unwrap(),
        seq,
        registered_by_name: Some("Манашева Эльмира".into()),
        registered_at: DateTime::parse_from_rfc3339("2026-05-14T16:10:00+05:00").unwrap(),
    });
    o
}

#[test]
fn only_a_signed_first_grade_acceptance_goes_into_an_order() {
    let child = OrderChild::of(&application("a", "accepted", true)).expect("orderable");
    assert_eq!(child.full_name(), "Мурат Малика Ерланқызы");
    assert_eq!(child.applied_on.to_string(), "2026-05-14");
    assert_eq!(
        basis(std::slice::from_ref(&child), MsgLang::Ru),
        "Основание: заявление родителей от 14.05.2026 №48"
    );
    assert_eq!(
        basis(std::slice::from_ref(&child), MsgLang::Kk),
        "Негіздеме: ата-аналардың 14.05.2026 жылғы № 48 өтініші"
    );
    let second = OrderChild {
        application_number: 52,
        ..child.clone()
    };
    assert_eq!(
        basis(&[child.clone(), second], MsgLang::Ru),
        "Основание: заявления родителей от 14.05.2026 №48, от 14.05.2026 №52"
    );
    assert!(OrderChild::of(&application("a", "accepted", false)).is_none());
    assert!(OrderChild::of(&application("a", "on_signing", false)).is_none());
    assert!(OrderChild::of(&application("a", "rejected", true)).is_none());
    let mut college = application("a", "accepted", true);
    college.service = Service::College;
    assert!(OrderChild::of(&college).is_none());
}

#[test]
fn a_new_order_names_itself_and_one_to_ninety_distinct_applications() {
    let new = |id: &str, ids: Vec<String>| NewOrder {
        order_id: id.into(),
        kind: OrderKind::Enrolment,
        academic_year: "2026-2027".parse().unwrap(),
        application_ids: ids,
        language: None,
    };
    let ok = new("0b7c6a4e-3f0e", vec!["b".into(), "a".into(), "b".into()])
        .validate()
        .unwrap();
    assert_eq!(ok.application_ids, ["a", "b"], "sorted, once each");
    let field = |r: Result<NewOrder, DomainError>| r.unwrap_err().field;
    assert_eq!(
        field(new("no", vec!["a".into()]).validate()).as_deref(),
        Some("order_id")
    );
    assert_eq!(
        field(new("0b7c6a4e-3f0e", vec![]).validate()).as_deref(),
        Some("application_ids")
    );
    let too_many = (0..=MAX_CHILDREN).map(|i| format!("app-{i}")).collect();
    assert_eq!(
        field(new("0b7c6a4e-3f0e", too_many).validate()).as_deref(),
        Some("application_ids")
    );
    // A class-composition order names its language, not its children.
    let classes = |language| NewOrder {
        kind: OrderKind::Classes,
        language,
        ..new("0b7c6a4e-3f0e", vec![])
    };
    assert!(classes(Some(Lang::Kk)).validate().is_ok());
    assert_eq!(field(classes(None).validate()).as_deref(), Some("language"));
}

#[test]
fn a_registration_needs_a_number_in_range_and_a_plausible_date() {
    let reg = |number, date: &str| RegisterOrder {
        number,
        date: date.parse().unwrap(),
    };
    assert!(reg(Some(152), "2026-05-14").validate().is_ok());
    assert!(reg(None, "2026-05-14").validate().is_ok());
    for bad in [Some(0), Some(MAX_NUMBER + 1)] {
        let e = reg(bad, "2026-05-14").validate().unwrap_err();
        assert_eq!(e.field.as_deref(), Some("number"));
    }
    let e = reg(Some(1), "1999-12-31").validate().unwrap_err();
    assert_eq!(e.field.as_deref(), Some("date"));
}

#[test]
fn the_book_of_a_year_lists_registered_orders_by_running_number() {
    let child = OrderChild::of(&application("a", "accepted", true)).unwrap();
    let mut signed = registered(order(vec![child.clone()]), 152, "2026-05-14", 184);
    signed.id = "signed".into();
    signed.status = OrderStatus::Signed;
    signed.signature = Some(signature("Смагулова Шолпан"));
    let mut earlier = registered(order(vec![child.clone()]), 7, "2026-05-04", 171);
    earlier.id = "earlier".into();
    let mut last_year = registered(order(vec![child.clone()]), 1, "2025-12-30", 300);
    last_year.id = "last-year".into();
    let draft = order(vec![child]);
    let rows = book(&[signed, draft, last_year, earlier], 2026);
    assert_eq!(
        rows.iter()
            .map(|r| (r.seq, r.number, r.order_id.as_str()))
            .collect::<Vec<_>>(),
        [(171, 7, "earlier"), (184, 152, "signed")]
    );
    assert_eq!(rows[0].signed_by, None, "not signed yet");
    assert_eq!(
        rows[1].signed_by.as_deref(),
        Some("Смагулова Шолпан, Директор")
    );
    assert_eq!(rows[1].title.ru, "О зачислении учащихся");
}

#[test]
fn the_signed_text_covers_the_registration_and_every_child() {
    let child = OrderChild::of(&application("app-1", "accepted", true)).unwrap();
    let o = registered(order(vec![child]), 152, "2026-05-14", 184);
    assert_eq!(
        payload(&o, "123456789012"),
        "format=qabyldau.order.v1\n\
         order_id=order-1\n\
         kind=enrolment\n\
         org_bin=123456789012\n\
         academic_year=2026-2027\n\
         number=152\n\
         date=2026-05-14\n\
         prepared_at=2026-05-14T16:03:00.000000+05:00\n\
         child=app-1,48,190530600123,Мурат Малика Ерланқызы\n"
    );
    assert_eq!(o.reference().unwrap().ru, "Пр. № 152");
    // A class-composition order signs which child is in which class under which teacher.
    let mut classes = o.clone();
    classes.kind = OrderKind::Classes;
    classes.classes = vec![OrderClass {
        letter: "Ә".into(),
        teacher: Some("Жунусова П. Т.".into()),
        children: o.children.clone(),
    }];
    let text = payload(&classes, "1");
    assert!(text.contains("\nkind=classes\n"), "{text}");
    assert!(text.ends_with("\nclass=Ә,Жунусова П. Т.,app-1\n"), "{text}");
    // Another number is another text: a signature cannot move to a renumbered order.
    let other = registered(o.clone(), 153, "2026-05-14", 184);
    assert_ne!(payload(&o, "1"), payload(&other, "1"));
}

proptest! {
    #[test]
    fn no_name_can_forge_a_line(name in "\\PC{0,20}[\n\r]\\PC{0,20}") {
        let mut child = OrderChild::of(&application("a", "accepted", true)).unwrap();
        child.last_name = name;
        let text = payload(&order(vec![child]), "1");
        prop_assert_eq!(text.lines().count(), 9);
        prop_assert_eq!(text.lines().filter(|l| l.starts_with("org_bin=")).count(), 1);
    }

    #[test]
    fn children_sort_the_same_whatever_order_they_come_in(
        names in proptest::collection::vec(("[А-Я]{1,3}", "[а-я]{1,3}"), 1..12),
        seed in any::<u64>(),
    ) {
        let base = OrderChild::of(&application("a", "accepted", true)).unwrap();
        let children: Vec<OrderChild> = names
            .iter()
            .enumerate()
            .map(|(i, (last, first))| OrderChild {
                application_id: format!("app-{i}"),
                last_name: last.clone(),
                first_name: first.clone(),
                ..base.clone()
            })
            .collect();
        let mut sorted = children.clone();
        sort_children(&mut sorted);
        let mut shuffled = children;
        shuffled.rotate_left((seed as usize) % names.len());
        shuffled.reverse();
        sort_children(&mut shuffled);
        prop_assert_eq!(&sorted, &shuffled);
        prop_assert!(sorted.windows(2).all(|w| w[0].last_name.to_lowercase() <= w[1].last_name.to_lowercase()));
    }
}
