//! The wizard's read of the registration (`GET /api/children/{iin}/registration`) and the dev
//! endpoint that records a family (`POST /api/dev/population`).

use super::*;

scenarios!(registration_read, dev_endpoint_validates);

async fn registration_read(h: Harness) {
    let school = h.school().await;
    h.attach(&school, "astana-e117-37").await;
    let other = h.school().await;
    let parent = h.person("Тіркеу Оқушы").await;
    let stranger = h.person("Бөгде Оқушы").await;
    let child = new_child();
    h.register_child(&child.iin, &[&parent], Some("astana-e117-37"))
        .await;

    // The parent reads the registered address and the admission type at a school.
    let (s, r) = h
        .registration(Some(&parent.token), &child.iin, Some(&school.org_id))
        .await;
    assert_eq!(s, 200, "{r}");
    assert_eq!(r["registered_address"]["id"], "astana-e117-37", "{r}");
    assert_eq!(r["registered_address"]["locality_id"], "astana", "{r}");
    let kk = r["registered_address"]["text"]["kk"]
        .as_str()
        .unwrap_or_default();
    assert!(kk.contains("көшесі"), "{r}");
    assert_eq!(r["admission_type"], "microdistrict", "{r}");
    assert_eq!(r["relation"], "mother", "{r}");
    let (_, r) = h
        .registration(Some(&parent.token), &child.iin, Some(&other.org_id))
        .await;
    assert_eq!(r["admission_type"], "outside", "{r}");
    let (s, r) = h.registration(Some(&parent.token), &child.iin, None).await;
    assert_eq!((s, &r["admission_type"]), (200, &Value::Null), "{r}");

    // Without an address in the register: none, and outside.
    let homeless = new_child();
    h.register_child(&homeless.iin, &[&parent], None).await;
    let (s, r) = h
        .registration(Some(&parent.token), &homeless.iin, Some(&school.org_id))
        .await;
    assert_eq!(s, 200, "{r}");
    assert_eq!(r["registered_address"], Value::Null, "{r}");
    assert_eq!(r["admission_type"], "outside", "{r}");

    // Nobody else reads it; an unknown child reads the same refusal.
    let resp = h
        .registration(Some(&stranger.token), &child.iin, None)
        .await;
    assert_not_representative(&resp, Lang::Ru);
    let path = format!("/api/children/{}/registration", child.iin);
    let resp = h
        .request(
            Method::GET,
            &path,
            Some(&stranger.token),
            Body::None,
            Some("kk"),
        )
        .await;
    assert_not_representative(&resp, Lang::Kk);
    let resp = h
        .registration(Some(&stranger.token), &new_child().iin, None)
        .await;
    assert_not_representative(&resp, Lang::Ru);
    assert_unauthorized(&h.registration(None, &child.iin, None).await);
    assert_error(
        &h.registration(Some(&parent.token), INVALID_IIN, None).await,
        422,
        "invalid_iin",
        Lang::Ru,
    );
    let resp = h
        .registration(Some(&parent.token), &child.iin, Some("no-such-org"))
        .await;
    assert_error(&resp, 404, "not_found", Lang::Ru);
}

async fn dev_endpoint_validates(h: Harness) {
    let parent = h.person("Тізім Жүргізуші").await;
    let child = new_child();
    let family = |reps: Value, address: Value| json!({"child_iin": child.iin, "representatives": reps, "registered_address_id": address});
    let mother = json!([{"iin": parent.iin, "relation": "mother"}]);

    // Recorded (201), then replaced (200), answered with the family.
    let (s, b) = h
        .record_family(&family(mother.clone(), json!("astana-e117-39")))
        .await;
    assert_eq!(s, 201, "{b}");
    assert_eq!(b["child_iin"], child.iin.as_str(), "{b}");
    assert_eq!(b["representatives"][0]["relation"], "mother", "{b}");
    let (s, b) = h.record_family(&family(mother.clone(), Value::Null)).await;
    assert_eq!((s, &b["registered_address_id"]), (200, &Value::Null), "{b}");

    // Each bad value named by its field.
    let refused = |resp: &(u16, Value), status: u16, code: &str, field: &str| {
        assert_error(resp, status, code, Lang::Ru);
        assert_eq!(resp.1["error"]["field"], field, "{}", resp.1);
    };
    let mut bad = family(mother.clone(), Value::Null);
    bad["child_iin"] = json!(INVALID_IIN);
    refused(
        &h.record_family(&bad).await,
        422,
        "invalid_iin",
        "child_iin",
    );
    let reps = json!([{"iin": parent.iin, "relation": "mother"}, {"iin": INVALID_IIN, "relation": "father"}]);
    let resp = h.record_family(&family(reps, Value::Null)).await;
    refused(&resp, 422, "invalid_iin", "representatives.1.iin");
    let resp = h.record_family(&family(json!([]), Value::Null)).await;
    refused(&resp, 422, "validation_failed", "representatives");
    let reps = json!([{"iin": parent.iin, "relation": "neighbour"}]);
    let resp = h.record_family(&family(reps, Value::Null)).await;
    refused(
        &resp,
        422,
        "validation_failed",
        "representatives.0.relation",
    );
    let reps = json!([{"iin": child.iin, "relation": "guardian"}]);
    let resp = h.record_family(&family(reps, Value::Null)).await;
    refused(&resp, 422, "validation_failed", "representatives.0.iin");
    // The registered address is a building of the address register.
    for address in ["astana-e117", "astana-nowhere-1"] {
        let resp = h
            .record_family(&family(mother.clone(), json!(address)))
            .await;
        refused(&resp, 422, "validation_failed", "registered_address_id");
    }
    let resp = h
        .request(
            Method::POST,
            "/api/dev/population",
            None,
            Body::Raw(b"{not json", "application/json"),
            Some("kk"),
        )
        .await;
    assert_error(&resp, 400, "bad_request", Lang::Kk);
    // Nothing refused changed the record: the child is still the parent's, without an address.
    let (s, r) = h.registration(Some(&parent.token), &child.iin, None).await;
    assert_eq!((s, &r["registered_address"]), (200, &Value::Null), "{r}");
}
