//! Class composition (seed 003 «Автоматическое распределение детей по классам», «О
//! комплектовании классов»; `functions/orders`): 87 signed Kazakh acceptances dealt into the
//! limit's 4 classes as 22/22/22/21 lettered А/Ә/Б/В, the same again when dealt again, a child
//! moved and a teacher named by hand, then the order made of it (which freezes it), registered,
//! signed and read back as PDF with its sections.

use api_tests::*;

scenarios!(eighty_seven_children_into_four_kazakh_classes_and_their_order);

const CHILDREN: usize = 87;

/// Applications submitted at once, per batch (the DynamoDB runs go through one moto).
const BATCH: usize = 8;

/// The application's number and id.
async fn apply_kk(h: &Harness, school: &School) -> (u64, String) {
    let parent = h.person("Ата-ана Қазақбаева").await;
    let child = new_child();
    // In the school's microdistrict: its quota holds them all.
    h.register_child(&child.iin, &[&parent], Some("astana-e117-37"))
        .await;
    let docs = h.upload_documents(&parent.token).await;
    let mut body = application(&school.org_id, &child, &docs);
    body["language"] = json!("kk");
    let (s, app) = h.submit(Some(&parent.token), &body).await;
    assert_eq!(s, 201, "apply: {app}");
    (
        app["number"].as_u64().expect("number"),
        str_field(&app, "id"),
    )
}

/// The classes' letters and sizes, and each class's application ids.
fn shape(c: &Value) -> (Vec<(String, usize)>, Vec<Vec<String>>) {
    let classes = c["classes"].as_array().expect("classes");
    let ids = |class: &Value| -> Vec<String> {
        class["children"]
            .as_array()
            .unwrap()
            .iter()
            .map(|x| str_field(x, "application_id"))
            .collect()
    };
    (
        classes
            .iter()
            .map(|x| (str_field(x, "letter"), ids(x).len()))
            .collect(),
        classes.iter().map(ids).collect(),
    )
}

async fn eighty_seven_children_into_four_kazakh_classes_and_their_order(h: Harness) {
    let school = h.school().await;
    let (org, director) = (&school.org_id, &school.director);
    // 120 seats: 90 for the microdistrict, where every child of the test lives.
    let (s, limit) = h.create_limit(&director.token, org, "kk", 120, 4).await;
    assert_eq!(s, 201, "{limit}");
    h.attach(&school, "astana-e117").await;
    let mut applied = Vec::new();
    while applied.len() < CHILDREN {
        let n = BATCH.min(CHILDREN - applied.len());
        let batch = (0..n).map(|_| apply_kk(&h, &school));
        applied.extend(futures::future::join_all(batch).await);
    }
    // Decided in queue order, as the review requires.
    applied.sort();
    let ids: Vec<String> = applied.into_iter().map(|(_, id)| id).collect();
    let key = h.director_key(&school, "ecdsa").await;
    for id in &ids {
        h.decided(&director.token, org, id, &accept()).await;
        h.signed(&school, id, &key).await;
    }
    // A Russian-class child is not in the Kazakh classes.
    let (_, _, ru) = h.applied(&school).await;
    let ru = str_field(&ru, "id");
    h.decided(&director.token, org, &ru, &accept()).await;
    h.signed(&school, &ru, &key).await;
    let office = h.person("Кеңсе Қызметкері").await;
    h.hire(&school, &office, "secretary", &["office"]).await;

    let base = format!("/api/orgs/{org}/classes/{YEAR}/kk");
    let (s, b) = h.get(&base, Some(&director.token)).await;
    assert_error(&(s, b), 404, "not_found", Lang::Ru);
    let (s, b) = h
        .post(
            &format!("{base}/distribute"),
            Some(&office.token),
            &json!({}),
        )
        .await;
    assert_error(&(s, b), 403, "forbidden", Lang::Ru);
    let (s, dealt) = h
        .post(
            &format!("{base}/distribute"),
            Some(&director.token),
            &json!({}),
        )
        .await;
    assert_eq!(s, 200, "{dealt}");
    let (sizes, classes) = shape(&dealt);
    let expected: Vec<(String, usize)> = [("А", 22), ("Ә", 22), ("Б", 22), ("В", 21)]
        .iter()
        .map(|(l, n)| (l.to_string(), *n))
        .collect();
    assert_eq!(sizes, expected);
    let mut placed: Vec<String> = classes.iter().flatten().cloned().collect();
    placed.sort();
    let mut all = ids.clone();
    all.sort();
    assert_eq!(placed, all, "every Kazakh-class child once, no other");
    // Dealt again, the same classes.
    let (_, again) = h
        .post(
            &format!("{base}/distribute"),
            Some(&director.token),
            &json!({}),
        )
        .await;
    assert_eq!(shape(&again).1, classes, "deterministic");

    // By hand: a child of «А» into «В», and «Ә»'s teacher; the office reads it.
    let moved = &classes[0][0];
    let (s, c) = h
        .put(
            &format!("{base}/children/{moved}"),
            Some(&director.token),
            &json!({"class": 4}),
        )
        .await;
    assert_eq!(s, 200, "{c}");
    assert_eq!(
        shape(&c).0.iter().map(|x| x.1).collect::<Vec<_>>(),
        [21, 22, 22, 22]
    );
    let (s, c) = h
        .put(
            &format!("{base}/2"),
            Some(&director.token),
            &json!({"teacher": "Жунусова П. Т."}),
        )
        .await;
    assert_eq!(s, 200, "{c}");
    let (s, read) = h.get(&base, Some(&office.token)).await;
    assert_eq!(s, 200, "{read}");
    assert_eq!(read["classes"][1]["teacher"], "Жунусова П. Т.", "{read}");

    // A draft of it discarded thaws it, and leaves the children's enrolment orders alone.
    let enrolment = json!({ "order_id": format!("enrol-{:08}", next_counter()),
        "academic_year": YEAR, "application_ids": [&ids[0]] });
    let (s, b) = h
        .post(
            &format!("/api/orgs/{org}/orders"),
            Some(&director.token),
            &enrolment,
        )
        .await;
    assert_eq!(s, 201, "{b}");
    let draft = json!({ "order_id": format!("classes-{:08}", next_counter()), "kind": "classes",
        "academic_year": YEAR, "language": "kk" });
    let (s, b) = h
        .post(
            &format!("/api/orgs/{org}/orders"),
            Some(&director.token),
            &draft,
        )
        .await;
    assert_eq!(s, 201, "{b}");
    let (s, _) = h
        .delete(
            &format!("/api/orgs/{org}/orders/{}", str_field(&b, "id")),
            Some(&director.token),
        )
        .await;
    assert_eq!(s, 204);
    let (s, c) = h
        .put(
            &format!("{base}/3"),
            Some(&director.token),
            &json!({"teacher": "Алимова А. С."}),
        )
        .await;
    assert_eq!(s, 200, "thawed: {c}");
    let paper = format!("/api/applications/{}/papers/order", ids[0]);
    let (s, b) = h.get(&paper, Some(&director.token)).await;
    assert_error(&(s, b), 409, "invalid_status", Lang::Ru);

    // The order of it, which freezes it; registered by the office, signed by the director.
    let body = json!({
        "order_id": format!("classes-{:08}", next_counter()), "kind": "classes",
        "academic_year": YEAR, "language": "kk",
    });
    let (s, order) = h
        .post(
            &format!("/api/orgs/{org}/orders"),
            Some(&director.token),
            &body,
        )
        .await;
    assert_eq!(s, 201, "{order}");
    assert_eq!(
        order["title"]["ru"],
        format!("О комплектовании классов на {YEAR} учебный год")
    );
    assert_eq!(order["children"].as_array().unwrap().len(), CHILDREN);
    // Being in the class order does not enrol: the children in no enrolment order are still
    // candidates for one (all but the one in the enrolment draft, and the Russian-class child).
    let (_, c) = h
        .get(
            &format!("/api/orgs/{org}/order-candidates?academic_year={YEAR}"),
            Some(&director.token),
        )
        .await;
    assert_eq!(c["items"].as_array().map(Vec::len), Some(CHILDREN), "{c}");
    let id = str_field(&order, "id");
    let (s, b) = h
        .put(
            &format!("{base}/1"),
            Some(&director.token),
            &json!({"teacher": "Кто-то"}),
        )
        .await;
    assert_error(&(s, b), 409, "invalid_status", Lang::Ru);
    let orders = format!("/api/orgs/{org}/orders/{id}");
    let (s, r) = h
        .post(
            &format!("{orders}/register"),
            Some(&office.token),
            &json!({"date": "2026-08-25"}),
        )
        .await;
    assert_eq!(s, 200, "{r}");
    let (_, p) = h
        .get(&format!("{orders}/signing-payload"), Some(&director.token))
        .await;
    let payload = str_field(&p, "payload");
    assert!(payload.contains("\nkind=classes\n"), "{payload}");
    assert!(payload.contains("\nclass=Ә,Жунусова П. Т.,"), "{payload}");
    let sig = json!({ "signature": signature_of(&key, &payload), "certificates": chain_of(&key) });
    let (s, signed) = h
        .post(&format!("{orders}/sign"), Some(&director.token), &sig)
        .await;
    assert_eq!(s, 200, "{signed}");

    let (s, kind, bytes) = h
        .download(&format!("{orders}/paper"), Some(&office.token))
        .await;
    assert_eq!((s, kind.as_str()), (200, "application/pdf"));
    // Compared without spaces: a reader joins a wrapped line's words without one.
    let flat = |t: &str| t.split_whitespace().collect::<String>();
    let text = pdf_text(&bytes);
    for wanted in [
        "О комплектовании классов на 2026-2027 учебный год",
        "1 «А» класс 21 учащихся, кл. руководитель —",
        "1 «Ә» класс 22 учащихся, кл. руководитель Жунусова П. Т.",
        "1 «В» класс 22 учащихся",
        "1 «Б» класс 22 учащихся, кл. руководитель Алимова А. С.",
        "Итого 87 учащихся на начало 2026-2027 учебного года",
        "Считать зачисленными учащихся в 1 «Б» класс",
        "22. ",
    ] {
        assert!(
            flat(&text).contains(&flat(wanted)),
            "«{wanted}» is not in:\n{text}"
        );
    }
    let (_, book) = h
        .get(
            &format!("/api/orgs/{org}/order-book?year=2026"),
            Some(&office.token),
        )
        .await;
    assert_eq!(
        book["items"][0]["title"]["ru"], order["title"]["ru"],
        "{book}"
    );
}
