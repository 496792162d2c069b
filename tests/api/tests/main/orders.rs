//! Enrolment orders and their registry book (seed 003; `functions/orders`, the paper in
//! `functions/paperwork`): an executor gathers signed acceptances into a draft, the office
//! registers it as № 152, the director signs it with the school's legal-entity certificate; the
//! book lists it, the intake register names it, each of the children's parents (and nobody
//! else) downloads it, and two registrations racing for one number never both get it.

use api_tests::*;

scenarios!(
    an_order_of_three_is_registered_signed_and_downloaded_by_their_parents,
    concurrent_registrations_never_share_a_number,
);

fn orders_path(org: &str) -> String {
    format!("/api/orgs/{org}/orders")
}

fn order_id() -> String {
    format!("order-{:08}", next_counter())
}

/// A parent whose application the school accepted and the director signed.
async fn accepted(h: &Harness, school: &School, key: &KeyBundle) -> (Person, ChildData, String) {
    let (parent, child, app) = h.applied(school).await;
    let id = str_field(&app, "id");
    h.decided(&school.director.token, &school.org_id, &id, &accept())
        .await;
    h.signed(school, &id, key).await;
    (parent, child, id)
}

/// A draft order of `ids` prepared by `who`, asserting 201.
async fn prepared(h: &Harness, school: &School, who: &Person, ids: &[&String]) -> Value {
    let body = json!({ "order_id": order_id(), "academic_year": YEAR, "application_ids": ids });
    let (s, order) = h
        .post(&orders_path(&school.org_id), Some(&who.token), &body)
        .await;
    assert_eq!(s, 201, "{order}");
    order
}

async fn register(
    h: &Harness,
    school: &School,
    who: &Person,
    id: &str,
    body: Value,
) -> (u16, Value) {
    let path = format!("{}/{id}/register", orders_path(&school.org_id));
    h.post(&path, Some(&who.token), &body).await
}

async fn an_order_of_three_is_registered_signed_and_downloaded_by_their_parents(h: Harness) {
    let school = h.school().await;
    let org = &school.org_id;
    let key = h.director_key(&school, "ecdsa").await;
    let mut families = Vec::new();
    for _ in 0..3 {
        families.push(accepted(&h, &school, &key).await);
    }
    // A fourth family, still in review: not a candidate.
    let (waiting_parent, _, waiting) = h.applied(&school).await;
    let waiting_id = str_field(&waiting, "id");
    let executor = hire_executor(&h, &school).await;
    let office = h.person("Манашева Эльмира").await;
    h.hire(&school, &office, "Секретарь", &["office"]).await;

    let candidates = format!("/api/orgs/{org}/order-candidates?academic_year={YEAR}");
    let (s, c) = h.get(&candidates, Some(&executor.token)).await;
    assert_eq!(s, 200, "{c}");
    let mut listed = ids_of(&c, "application_id");
    listed.sort();
    let mut ids: Vec<String> = families.iter().map(|f| f.2.clone()).collect();
    ids.sort();
    assert_eq!(listed, ids, "the signed acceptances only");

    // The office does not prepare orders, and nobody orders an application still in review.
    let body =
        json!({ "order_id": order_id(), "academic_year": YEAR, "application_ids": [&ids[0]] });
    let (s, b) = h.post(&orders_path(org), Some(&office.token), &body).await;
    assert_error(&(s, b), 403, "forbidden", Lang::Ru);
    let body =
        json!({ "order_id": order_id(), "academic_year": YEAR, "application_ids": [&waiting_id] });
    let (s, b) = h
        .post(&orders_path(org), Some(&executor.token), &body)
        .await;
    assert_error(&(s, b.clone()), 409, "not_orderable", Lang::Ru);
    assert_eq!(b["error"]["field"], "application_ids", "{b}");

    let id_refs: Vec<&String> = ids.iter().collect();
    let body = json!({ "order_id": order_id(), "academic_year": YEAR, "application_ids": id_refs });
    let (s, draft) = h
        .post(&orders_path(org), Some(&executor.token), &body)
        .await;
    assert_eq!(s, 201, "{draft}");
    assert_eq!(draft["status"], "draft", "{draft}");
    assert_eq!(draft["children"].as_array().unwrap().len(), 3, "{draft}");
    assert_eq!(draft["prepared_by_name"], executor.name.as_str(), "{draft}");
    let order = str_field(&draft, "id");
    // A retry is the same order, not a second one.
    let (s, again) = h
        .post(&orders_path(org), Some(&executor.token), &body)
        .await;
    assert_eq!((s, &again["id"]), (200, &draft["id"]), "{again}");
    let (_, c) = h.get(&candidates, Some(&executor.token)).await;
    assert_eq!(c["items"], json!([]), "in an order now");

    // The executor does not register; the office does, with the seed's number.
    let number = json!({ "number": 152, "date": "2026-05-14" });
    let (s, b) = register(&h, &school, &executor, &order, number.clone()).await;
    assert_error(&(s, b), 403, "forbidden", Lang::Ru);
    // No signature before registration.
    let payload_path = format!("{}/{order}/signing-payload", orders_path(org));
    let (s, b) = h.get(&payload_path, Some(&school.director.token)).await;
    assert_error(&(s, b), 409, "invalid_status", Lang::Ru);
    let (s, registered) = register(&h, &school, &office, &order, number.clone()).await;
    assert_eq!(s, 200, "{registered}");
    assert_eq!(registered["registration"]["number"], 152, "{registered}");
    assert_eq!(registered["registration"]["seq"], 1, "{registered}");
    let (s, again) = register(&h, &school, &office, &order, number).await;
    assert_eq!(
        (s, &again["registration"]),
        (200, &registered["registration"])
    );

    // The director signs with the school's legal-entity certificate, not a personal one.
    let (s, p) = h.get(&payload_path, Some(&school.director.token)).await;
    assert_eq!(s, 200, "{p}");
    let payload = str_field(&p, "payload");
    assert!(payload.contains("\nnumber=152\n"), "{payload}");
    let sign_path = format!("{}/{order}/sign", orders_path(org));
    let personal = h.certificate_for(&school.director.iin, None, "ecdsa").await;
    let body = json!({ "signature": signature_of(&personal, &payload), "certificates": chain_of(&personal) });
    let (s, b) = h
        .post(&sign_path, Some(&school.director.token), &body)
        .await;
    assert_eq!(s, 422, "{b}");
    let (s, b) = h.post(&sign_path, Some(&office.token), &body).await;
    assert_error(&(s, b), 403, "forbidden", Lang::Ru);
    let body = json!({ "signature": signature_of(&key, &payload), "certificates": chain_of(&key) });
    let (s, signed) = h
        .post(&sign_path, Some(&school.director.token), &body)
        .await;
    assert_eq!(s, 200, "{signed}");
    assert_eq!(signed["status"], "signed", "{signed}");
    let signer = str_field(&signed["signature"], "signer_name");

    // «Книга регистрации приказов».
    let (s, book) = h
        .get(
            &format!("/api/orgs/{org}/order-book?year=2026"),
            Some(&office.token),
        )
        .await;
    assert_eq!(s, 200, "{book}");
    let rows = book["items"].as_array().unwrap();
    assert_eq!(rows.len(), 1, "{book}");
    assert_eq!(
        (rows[0]["seq"].as_u64(), rows[0]["number"].as_u64()),
        (Some(1), Some(152))
    );
    assert_eq!(rows[0]["date"], "2026-05-14");
    assert_eq!(rows[0]["title"]["ru"], "О зачислении учащихся");
    assert_eq!(rows[0]["signed_by"], format!("{signer}, Директор").as_str());

    // Each parent downloads the order with their child; the history says it was signed.
    for (parent, child, id) in &families {
        let path = format!("/api/applications/{id}/papers/order");
        let (s, kind, bytes) = h.download(&path, Some(&parent.token)).await;
        assert_eq!(
            (s, kind.as_str()),
            (200, "application/pdf"),
            "{}",
            String::from_utf8_lossy(&bytes)
        );
        let text = pdf_text(&bytes);
        for wanted in [
            "Бұйрық / Приказ",
            "№ 152 14.05.2026",
            "О зачислении учащихся",
            "Основание: заявления родителей от",
            &signer,
            &child.first_name,
        ] {
            assert!(text.contains(wanted), "«{wanted}» is not in:\n{text}");
        }
        let history = h.history(&parent.token, id).await;
        assert!(
            history
                .iter()
                .any(|e| e["action"] == "order_signed" && e["comment"] == "№ 152"),
            "{history:?}"
        );
    }
    // Nobody else: not the parent of a child in no order, not for another's child.
    let (s, b) = h
        .get(
            &format!("/api/applications/{waiting_id}/papers/order"),
            Some(&waiting_parent.token),
        )
        .await;
    assert_error(&(s, b), 404, "not_found", Lang::Ru);
    let (s, b) = h
        .get(
            &format!("/api/applications/{}/papers/order", ids[0]),
            Some(&waiting_parent.token),
        )
        .await;
    assert_error(&(s, b), 404, "not_found", Lang::Ru);

    // The intake register names the order as the enrolment's result.
    let (_, intake) = h
        .get(
            &format!("/api/orgs/{org}/intake-journal?academic_year={YEAR}"),
            Some(&office.token),
        )
        .await;
    let row = intake["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["application_id"] == ids[0].as_str())
        .cloned()
        .unwrap_or_default();
    assert_eq!(row["result"]["ru"], "Принято, Пр. № 152", "{intake}");
}

async fn concurrent_registrations_never_share_a_number(h: Harness) {
    let school = h.school().await;
    let key = h.director_key(&school, "ecdsa").await;
    let office = h.person("Кеңсе Қызметкері").await;
    h.hire(&school, &office, "clerk", &["office"]).await;
    let mut orders = Vec::new();
    for _ in 0..4 {
        let (_, _, id) = accepted(&h, &school, &key).await;
        let order = prepared(&h, &school, &school.director, &[&id]).await;
        orders.push(str_field(&order, "id"));
    }
    // A discarded draft frees its child.
    let (_, _, spare) = accepted(&h, &school, &key).await;
    let discarded = str_field(
        &prepared(&h, &school, &school.director, &[&spare]).await,
        "id",
    );
    let path = format!("{}/{discarded}", orders_path(&school.org_id));
    let (s, _) = h.delete(&path, Some(&school.director.token)).await;
    assert_eq!(s, 204);
    prepared(&h, &school, &school.director, &[&spare]).await;

    // Two registrations of № 7 at once: one gets it.
    let seven = json!({ "number": 7, "date": "2026-06-01" });
    let (a, b) = tokio::join!(
        register(&h, &school, &office, &orders[0], seven.clone()),
        register(&h, &school, &office, &orders[1], seven.clone()),
    );
    let mut statuses = [a.0, b.0];
    statuses.sort();
    assert_eq!(statuses, [200, 409], "{} / {}", a.1, b.1);
    let loser = if a.0 == 409 { &a } else { &b };
    assert_error(loser, 409, "order_number_taken", Lang::Ru);
    assert_eq!(loser.1["error"]["field"], "number", "{}", loser.1);
    let loser_id = if a.0 == 409 { &orders[0] } else { &orders[1] };

    // Three at once with no number: the next free ones, each once, and their own book lines.
    let next = json!({ "date": "2026-06-02" });
    let (x, y, z) = tokio::join!(
        register(&h, &school, &office, loser_id, next.clone()),
        register(&h, &school, &office, &orders[2], next.clone()),
        register(&h, &school, &office, &orders[3], next.clone()),
    );
    let mut numbers = Vec::new();
    let mut seqs = Vec::new();
    for (s, b) in [x, y, z] {
        assert_eq!(s, 200, "{b}");
        numbers.push(b["registration"]["number"].as_u64().unwrap());
        seqs.push(b["registration"]["seq"].as_u64().unwrap());
    }
    numbers.sort();
    seqs.sort();
    assert_eq!(numbers, [8, 9, 10]);
    assert_eq!(seqs, [2, 3, 4]);
    let (_, book) = h
        .get(
            &format!("/api/orgs/{}/order-book?year=2026", school.org_id),
            Some(&office.token),
        )
        .await;
    let listed: Vec<u64> = book["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["number"].as_u64().unwrap())
        .collect();
    assert_eq!(listed.len(), 4, "{book}");
    let mut unique = listed.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique, [7, 8, 9, 10], "{book}");
}

/// The values of `field` of a list's items.
fn ids_of(list: &Value, field: &str) -> Vec<String> {
    list["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| str_field(i, field))
        .collect()
}
