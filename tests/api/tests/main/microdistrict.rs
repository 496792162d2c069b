//! Black-box tests of the address register and microdistricts (API.md «Addresses and
//! microdistrict»): search, attach/detach, the admission type at submission (from the
//! population register's registered address) and the public school listing. The runner loads the dev seed, so the register of Astana and Karaganda exists.

use api_tests::*;

scenarios!(
    search_addresses,
    attach_street_decides_admission_type,
    attach_rules,
    schools_listing,
);

/// Percent-encodes a query value.
fn enc(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

fn micro_path(org: &str) -> String {
    format!("/api/orgs/{org}/microdistrict")
}

// ---------------------------------------------------------------------------------------------

async fn search_addresses(h: Harness) {
    let p = h.person("Айгүл Іздеуші").await;
    let path = format!("/api/addresses?locality_id=astana&q={}", enc("е 117"));
    let (s, b) = h.get(&path, Some(&p.token)).await;
    assert_eq!(s, 200, "{b}");
    assert_eq!(
        ids(&b),
        ["astana-e117", "astana-e117-37", "astana-e117-39"],
        "{b}"
    );
    assert_eq!(b["next_page_token"], Value::Null, "{b}");
    let street = &b["items"][0];
    assert_eq!(street["kind"], "street", "{b}");
    assert_eq!(street["street_id"], "astana-e117", "{b}");
    assert!(
        street["text"]
            .as_str()
            .unwrap_or("")
            .contains("Улица Е 117"),
        "{b}"
    );
    let house = &b["items"][1];
    assert_eq!(house["kind"], "building", "{b}");
    assert_eq!(house["street_id"], "astana-e117", "{b}");
    assert!(house["text"].as_str().unwrap_or("").contains("37"), "{b}");

    // Case-insensitive, anywhere in the text; Kazakh under Accept-Language kk.
    let path = format!(
        "/api/addresses?locality_id=astana&q={}",
        enc("УЛИЦА е 117, ДОМ 39")
    );
    let (s, b) = h.get(&path, None).await;
    assert_eq!(
        (s, ids(&b)),
        (200, vec!["astana-e117-39".to_string()]),
        "{b}"
    );
    let path = format!("/api/addresses?locality_id=astana&q={}", enc("е 117"));
    let (s, b) = h
        .request(Method::GET, &path, Some(&p.token), Body::None, Some("kk"))
        .await;
    assert_eq!(s, 200, "{b}");
    let text = b["items"][0]["text"].as_str().unwrap_or("").to_string();
    assert!(text.contains("көшесі"), "not Kazakh: {b}");
    assert!(has_kazakh_letter(&text), "not Kazakh: {b}");

    // The locality bounds the search; at most 50 items; locality_id is required.
    let (s, b) = h
        .get("/api/addresses?locality_id=karaganda&q=117", None)
        .await;
    assert_eq!((s, ids(&b).len()), (200, 0), "{b}");
    let (s, b) = h.get("/api/addresses?locality_id=astana", None).await;
    assert_eq!(s, 200, "{b}");
    assert_eq!(ids(&b).len(), 50, "{b}");
    assert_error(
        &h.get("/api/addresses?q=117", None).await,
        422,
        "validation_failed",
        Lang::Ru,
    );
}

async fn attach_street_decides_admission_type(h: Harness) {
    let school = h.school().await;
    let director = &school.director;
    let parent = h.person("Ата-ана Мекенжайлы").await;
    let path = micro_path(&school.org_id);

    // Attaching a whole street: 201, then 200 for the same address again (idempotent).
    let body = json!({"address_id": "astana-e117"});
    let (s, b) = h.post(&path, Some(&director.token), &body).await;
    assert_eq!(s, 201, "{b}");
    assert_eq!(
        (b["id"].clone(), b["kind"].clone()),
        (json!("astana-e117"), json!("street"))
    );
    let (s, b) = h.post(&path, Some(&director.token), &body).await;
    assert_eq!(s, 200, "{b}");
    let (s, b) = h.get(&path, Some(&director.token)).await;
    assert_eq!((s, ids(&b)), (200, vec!["astana-e117".to_string()]), "{b}");

    // A child registered at a house of that street is in the microdistrict, one elsewhere not.
    let (s, a) = h
        .apply_at(&parent, &school.org_id, Some("astana-e117-37"))
        .await;
    assert_eq!(s, 201, "{a}");
    assert_eq!(a["admission_type"], "microdistrict", "{a}");
    let (s, a) = h
        .apply_at(&parent, &school.org_id, Some("astana-kabanbay-11"))
        .await;
    assert_eq!(s, 201, "{a}");
    assert_eq!(a["admission_type"], "outside", "{a}");
    let (s, a) = h.apply_at(&parent, &school.org_id, None).await;
    assert_eq!(
        (s, a["admission_type"].clone()),
        (201, json!("outside")),
        "{a}"
    );

    // Detached: later submissions from that street are outside; detaching again is 404.
    let del = format!("{path}/astana-e117");
    let (s, b) = h.delete(&del, Some(&director.token)).await;
    assert_eq!(s, 200, "{b}");
    assert_error(
        &h.delete(&del, Some(&director.token)).await,
        404,
        "not_found",
        Lang::Ru,
    );
    let (s, b) = h.get(&path, Some(&director.token)).await;
    assert_eq!((s, ids(&b).len()), (200, 0), "{b}");
    let (s, a) = h
        .apply_at(&parent, &school.org_id, Some("astana-e117-37"))
        .await;
    assert_eq!(
        (s, a["admission_type"].clone()),
        (201, json!("outside")),
        "{a}"
    );

    // One building attached: that house is in, its neighbour is not.
    let body = json!({"address_id": "astana-e117-39"});
    let (s, b) = h.post(&path, Some(&director.token), &body).await;
    assert_eq!(s, 201, "{b}");
    let (_, a) = h
        .apply_at(&parent, &school.org_id, Some("astana-e117-39"))
        .await;
    assert_eq!(a["admission_type"], "microdistrict", "{a}");
    let (_, a) = h
        .apply_at(&parent, &school.org_id, Some("astana-e117-37"))
        .await;
    assert_eq!(a["admission_type"], "outside", "{a}");
}

async fn attach_rules(h: Harness) {
    let school = h.school().await;
    let director = &school.director;
    let path = micro_path(&school.org_id);

    // Only streets of the school's own locality.
    let resp = h
        .post(
            &path,
            Some(&director.token),
            &json!({"address_id": "karaganda-gogolya"}),
        )
        .await;
    assert_error(&resp, 422, "address_outside_locality", Lang::Ru);
    let resp = h
        .post(
            &path,
            Some(&director.token),
            &json!({"address_id": "astana-nowhere"}),
        )
        .await;
    assert_error(&resp, 404, "not_found", Lang::Ru);
    assert_error(
        &h.post(&path, Some(&director.token), &json!({})).await,
        422,
        "validation_failed",
        Lang::Ru,
    );

    // A parent (no role in the school) can neither attach, detach nor list.
    let parent = h.person("Ата-ана Бөгде").await;
    let body = json!({"address_id": "astana-e767"});
    assert_error(
        &h.post(&path, Some(&parent.token), &body).await,
        403,
        "forbidden",
        Lang::Ru,
    );
    assert_error(
        &h.delete(&format!("{path}/astana-e767"), Some(&parent.token))
            .await,
        403,
        "forbidden",
        Lang::Ru,
    );
    assert_error(
        &h.get(&path, Some(&parent.token)).await,
        403,
        "forbidden",
        Lang::Ru,
    );
    assert_unauthorized(&h.post(&path, None, &body).await);

    // The director of another school cannot attach to this one.
    let other = h.school().await;
    assert_error(
        &h.post(&path, Some(&other.director.token), &body).await,
        403,
        "forbidden",
        Lang::Ru,
    );
    let (s, b) = h.get(&path, Some(&director.token)).await;
    assert_eq!((s, ids(&b).len()), (200, 0), "{b}");
}

async fn schools_listing(h: Harness) {
    let ours = h.school().await;
    let theirs = h.school().await;
    let body = json!({"address_id": "astana-e117-39"});
    let (s, b) = h
        .post(&micro_path(&ours.org_id), Some(&ours.director.token), &body)
        .await;
    assert_eq!(s, 201, "{b}");

    let path = "/api/schools?locality_id=astana&language=ru&address_id=astana-e117-39";
    let (s, b) = h.get(path, None).await;
    assert_eq!(s, 200, "{b}");
    assert_eq!(b["next_page_token"], Value::Null, "{b}");
    let items = b["items"].as_array().cloned().unwrap_or_default();
    let find = |id: &str| {
        items
            .iter()
            .position(|i| i["id"] == id)
            .unwrap_or_else(|| panic!("school {id} not listed: {b}"))
    };
    let (o, t) = (find(&ours.org_id), find(&theirs.org_id));
    assert_eq!(items[o]["in_microdistrict"], true, "{b}");
    assert_eq!(items[t]["in_microdistrict"], false, "{b}");
    // Attached schools first (the demo school No. 72 has the whole street).
    let first_outside = items
        .iter()
        .position(|i| i["in_microdistrict"] == false)
        .unwrap_or(items.len());
    assert!(
        items[first_outside..]
            .iter()
            .all(|i| i["in_microdistrict"] == false),
        "{b}"
    );
    assert!(
        items[..first_outside]
            .iter()
            .any(|i| i["name"]["ru"].as_str().unwrap_or("").contains("№ 72")),
        "{b}"
    );
    let seats = &items[o]["free_seats"];
    assert_eq!(
        seats,
        &json!([{"academic_year": YEAR, "language": "ru", "seats": 40, "free_total": 40, "free_outside": 10}]),
        "{b}"
    );
    assert_eq!(items[o]["languages"], json!(["kk", "ru"]), "{b}");
    assert_eq!(items[o]["provides_transport"], false, "{b}");
    assert!(items[o]["name"]["kk"].is_string(), "{b}");
    assert!(items[o]["address"].is_string(), "{b}");

    // Without an address nothing is marked; a language no school teaches lists none;
    // Karaganda's schools are not Astana's.
    let (s, b) = h.get("/api/schools?locality_id=astana", None).await;
    assert_eq!(s, 200, "{b}");
    assert!(
        b["items"]
            .as_array()
            .is_some_and(|v| v.iter().all(|i| i["in_microdistrict"] == false)),
        "{b}"
    );
    let (s, b) = h
        .get("/api/schools?locality_id=astana&language=en", None)
        .await;
    assert_eq!((s, ids(&b).len()), (200, 0), "{b}");
    let (s, b) = h.get("/api/schools?locality_id=karaganda", None).await;
    assert_eq!(s, 200, "{b}");
    assert!(!ids(&b).contains(&ours.org_id), "{b}");
    assert_eq!(ids(&b).len(), 1, "{b}");
    assert_error(
        &h.get("/api/schools", None).await,
        422,
        "validation_failed",
        Lang::Ru,
    );
    assert_error(
        &h.get("/api/schools?locality_id=astana&address_id=nowhere", None)
            .await,
        422,
        "validation_failed",
        Lang::Ru,
    );
}
