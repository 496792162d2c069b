//! The profile (seed 002, 5.7; `GET/PUT /api/me/profile`): the name of the identity token until
//! the person saves theirs; name parts, e-mail, phone and position are checked field by field.

use api_tests::*;

scenarios!(a_person_edits_their_profile);

const PROFILE: &str = "/api/me/profile";

async fn a_person_edits_their_profile(h: Harness) {
    let me = h.person("Серікова Дана Ержанқызы").await;
    let (s, p) = h.get(PROFILE, Some(&me.token)).await;
    assert_eq!(s, 200, "{p}");
    assert_eq!(
        (&p["last_name"], &p["first_name"], &p["middle_name"]),
        (&json!("Серікова"), &json!("Дана"), &json!("Ержанқызы")),
        "{p}"
    );

    let body = json!({
        "last_name": " Серікова ", "first_name": "Дана", "middle_name": "",
        "email": "dana@example.kz", "phone": "8 701 234 56 78",
        "position": {"ru": "Главный специалист", "kk": "Бас маман"},
    });
    let (s, saved) = h.put(PROFILE, Some(&me.token), &body).await;
    assert_eq!(s, 200, "{saved}");
    assert_eq!(saved["phone"], "+77012345678", "{saved}");
    assert!(saved.get("middle_name").is_none(), "{saved}");
    let (s, p) = h.get(PROFILE, Some(&me.token)).await;
    assert_eq!((s, &p), (200, &saved));
    // Another person's is their own.
    let other = h.person("Омаров Бауыржан").await;
    let (_, p) = h.get(PROFILE, Some(&other.token)).await;
    assert_eq!(p["last_name"], "Омаров", "{p}");

    for (field, value) in [
        ("first_name", json!(" ")),
        ("email", json!("dana@")),
        ("phone", json!("12345")),
    ] {
        let mut bad = body.clone();
        bad[field] = value;
        let resp = h
            .request(
                Method::PUT,
                PROFILE,
                Some(&me.token),
                Body::Json(&bad),
                Some("kk"),
            )
            .await;
        assert_error(&resp, 422, "validation_failed", Lang::Kk);
        assert_eq!(resp.1["error"]["field"], field, "{}", resp.1);
    }
    let mut bad = body.clone();
    bad["position"]["kk"] = json!("");
    let resp = h.put(PROFILE, Some(&me.token), &bad).await;
    assert_eq!(resp.1["error"]["field"], "position.kk", "{}", resp.1);
    let resp = h.get(PROFILE, None).await;
    assert_error(&resp, 401, "unauthorized", Lang::Ru);
}
