//! Directions to private kindergartens (seed 004): the kindergarten's places, the parent's
//! signed choice, the 5 working days, the expiry job with its stop-list and removal, extension,
//! revocation, arrival — each scenario on both stores. The job's bounded reads over 10,000
//! outstanding directions are measured in `functions/direction-expiry/tests/expiry.rs`.

use api_tests::*;
use chrono::Duration;

mod fixtures;
mod notices;
mod race;
mod region;

use fixtures::*;

scenarios!(
    places_of_a_private_kindergarten,
    choice_at_three_expiry_stop_list_and_removal,
    extension_revocation_and_arrival,
);

async fn places_of_a_private_kindergarten(h: Harness) {
    h.set_clock("2026-06-03T10:00:00+05:00").await;
    let kg = kindergarten(&h).await;
    let d = &kg.director;
    let (s, p) = put_places(&h, &kg, d, 2023, "kk", 2).await;
    assert_eq!(s, 200, "{p}");
    assert_eq!(
        (p["count"].as_u64(), p["taken"].as_u64()),
        (Some(2), Some(0))
    );
    assert_eq!(
        code(&put_places(&h, &kg, d, 2023, "kk", 1001).await, 422),
        "validation_failed"
    );
    assert_eq!(
        code(&put_places(&h, &kg, d, 2015, "kk", 1).await, 422),
        "validation_failed"
    );
    assert_eq!(
        code(&put_places(&h, &kg, d, 2027, "kk", 1).await, 422),
        "validation_failed"
    );
    // A parent, or another kindergarten's director, may not.
    let stranger = h.person("Бөтен Адам").await;
    assert_eq!(
        code(&put_places(&h, &kg, &stranger, 2023, "kk", 1).await, 403),
        "forbidden"
    );
    let other = kindergarten(&h).await;
    assert_eq!(
        code(
            &put_places(&h, &kg, &other.director, 2023, "kk", 1).await,
            403
        ),
        "forbidden"
    );
    // A state school has no state-order places.
    let school = h.school().await;
    let school_kg = Kindergarten {
        org_id: school.org_id.clone(),
        director: school.director,
    };
    let refused = put_places(&h, &school_kg, &school_kg.director, 2023, "kk", 1).await;
    assert_eq!(code(&refused, 422), "validation_failed");
    assert_eq!(refused.1["error"]["field"], "org", "{}", refused.1);

    // One direction stands: the count never goes below it.
    let (parent, app) = in_queue(&h, date(2023, 1, 15)).await;
    let (s, b) = choose(&h, &parent, &app, &kg, "kk").await;
    assert_eq!(s, 201, "{b}");
    assert_eq!(place(&h, &kg, 2023, "kk").await["taken"], 1);
    assert_eq!(
        code(&put_places(&h, &kg, d, 2023, "kk", 0).await, 409),
        "places_below_outstanding"
    );
    let kk = h
        .request(
            Method::PUT,
            &format!("/api/orgs/{}/places", kg.org_id),
            Some(&d.token),
            Body::Json(&json!({"age_group": 2023, "language": "kk", "count": 0})),
            Some("kk"),
        )
        .await;
    assert_error(&kk, 409, "places_below_outstanding", Lang::Kk);
    assert_eq!(put_places(&h, &kg, d, 2023, "kk", 1).await.0, 200);
}

async fn choice_at_three_expiry_stop_list_and_removal(h: Harness) {
    // Wednesday; the child turns 3 a week later.
    h.set_clock("2026-06-03T10:00:00+05:00").await;
    let kg = kindergarten(&h).await;
    assert_eq!(
        put_places(&h, &kg, &kg.director, 2023, "kk", 1).await.0,
        200
    );
    let (parent, app) = in_queue(&h, date(2023, 6, 10)).await;
    let places = path(&app, "places");
    assert_eq!(
        code(&h.get(&places, Some(&parent.token)).await, 422),
        "too_young_to_choose"
    );
    assert_eq!(
        code(&choose(&h, &parent, &app, &kg, "kk").await, 422),
        "too_young_to_choose"
    );
    // Another family's application does not exist for this parent.
    let stranger = h.person("Бөтен Ата-ана").await;
    assert_eq!(
        code(&h.get(&places, Some(&stranger.token)).await, 404),
        "not_found"
    );

    // Thursday 2 July: the 5 working days cross Capital Day (Monday 6 July).
    h.set_clock("2026-07-02T10:00:00+05:00").await;
    let (s, free) = h.get(&places, Some(&parent.token)).await;
    assert_eq!(s, 200, "{free}");
    // (The demo seed's kindergarten of the locality is listed too.)
    let ours = free_at(&free, &kg).unwrap_or_else(|| panic!("{free}"));
    assert_eq!(ours["free"], 1, "{free}");
    // The warning must be accepted; the signature must be the parent's own.
    let key = personal_key(&h, &parent).await;
    let mut body = choice(&app, &key, &kg.org_id, "kk");
    body["warning_accepted"] = json!(false);
    let refused = h
        .post(&path(&app, "direction"), Some(&parent.token), &body)
        .await;
    assert_eq!(code(&refused, 422), "warning_not_accepted");
    let other_key = personal_key(&h, &stranger).await;
    let forged = choice(&app, &other_key, &kg.org_id, "kk");
    let refused = h
        .post(&path(&app, "direction"), Some(&parent.token), &forged)
        .await;
    assert_eq!(code(&refused, 422), "certificate_subject_mismatch");
    assert_eq!(
        code(&choose(&h, &parent, &app, &kg, "ru").await, 422),
        "validation_failed"
    );

    let (s, directed) = choose(&h, &parent, &app, &kg, "kk").await;
    assert_eq!(s, 201, "{directed}");
    assert_eq!(directed["state"], "directed", "{directed}");
    assert!(
        directed.get("queued_since").is_none(),
        "left the queue: {directed}"
    );
    let expires = time_plus5(&directed["direction"], "expires_at");
    // 3, 7, 8, 9, 10 July: valid through Friday 10 July.
    assert_eq!(expires.to_rfc3339(), "2026-07-11T00:00:00+05:00");
    assert_eq!(place(&h, &kg, 2023, "kk").await["taken"], 1);
    // The last place is gone for the next child: not listed, not to be chosen.
    let (parent2, app2) = in_queue(&h, date(2023, 2, 1)).await;
    let (s, free) = h.get(&path(&app2, "places"), Some(&parent2.token)).await;
    assert!(s == 200 || s == 409, "{free}");
    assert!(free_at(&free, &kg).is_none(), "{free}");
    let refused = choose(&h, &parent2, &app2, &kg, "kk").await;
    assert_eq!(code(&refused, 409), "no_free_places");
    assert_eq!(refused.1["error"]["field"], "org_id", "{}", refused.1);
    // The kindergarten sees it with the working days left.
    let (s, lines) = h
        .get(
            &format!("/api/orgs/{}/directions", kg.org_id),
            Some(&kg.director.token),
        )
        .await;
    assert_eq!(s, 200, "{lines}");
    assert_eq!(lines["items"][0]["working_days_left"], 5, "{lines}");

    // Just before the expiry the job leaves it; after, it is cancelled.
    h.set_clock(&(expires - Duration::minutes(1)).to_rfc3339())
        .await;
    assert_eq!(expiry(&h).await, 0);
    h.set_clock(&(expires + Duration::minutes(1)).to_rfc3339())
        .await;
    assert_eq!(expiry(&h).await, 1);
    assert_eq!(expiry(&h).await, 0, "once");
    assert_eq!(
        place(&h, &kg, 2023, "kk").await["taken"],
        0,
        "the place is back"
    );
    // Stop-listed for 10 working days after Saturday 11 July (13–17, 20–24 July).
    assert_eq!(
        code(&h.get(&places, Some(&parent.token)).await, 422),
        "stop_listed"
    );
    assert_eq!(
        code(&choose(&h, &parent, &app, &kg, "kk").await, 422),
        "stop_listed"
    );
    h.set_clock("2026-07-24T23:59:00+05:00").await;
    assert_eq!(
        code(&h.get(&places, Some(&parent.token)).await, 422),
        "stop_listed"
    );
    h.set_clock("2026-07-25T00:01:00+05:00").await;
    assert_eq!(h.get(&places, Some(&parent.token)).await.0, 200);

    // The second expiry removes the child from the queue.
    let (s, again) = choose(&h, &parent, &app, &kg, "kk").await;
    assert_eq!(s, 201, "{again}");
    assert_eq!(again["direction"]["n"], 2, "{again}");
    let expires = time_plus5(&again["direction"], "expires_at");
    h.set_clock(&(expires + Duration::minutes(1)).to_rfc3339())
        .await;
    assert_eq!(expiry(&h).await, 1);
    assert_eq!(
        code(&h.get(&places, Some(&parent.token)).await, 409),
        "not_in_queue"
    );
}

async fn extension_revocation_and_arrival(h: Harness) {
    h.set_clock("2026-06-10T10:00:00+05:00").await;
    let kg = kindergarten(&h).await;
    assert_eq!(
        put_places(&h, &kg, &kg.director, 2022, "ru", 5).await.0,
        200
    );
    let (parent, app) = in_queue(&h, date(2022, 3, 1)).await;
    let (s, directed) = choose(&h, &parent, &app, &kg, "ru").await;
    assert_eq!(s, 201, "{directed}");
    let old = time_plus5(&directed["direction"], "expires_at");
    let extend = path(&app, "direction/extend");
    for days in [0, 31] {
        let refused = h
            .post(&extend, Some(&parent.token), &json!({"days": days}))
            .await;
        assert_eq!(code(&refused, 422), "validation_failed");
        assert_eq!(refused.1["error"]["field"], "days");
    }
    let (s, extended) = h
        .post(&extend, Some(&parent.token), &json!({"days": 30}))
        .await;
    assert_eq!(s, 200, "{extended}");
    let new = time_plus5(&extended["direction"], "expires_at");
    assert_eq!(new - old, Duration::days(30));
    let again = h
        .post(&extend, Some(&parent.token), &json!({"days": 1}))
        .await;
    assert_eq!(code(&again, 409), "already_extended");
    // Another family may not touch it.
    let stranger = h.person("Бөтен Ата-ана").await;
    assert_eq!(
        code(
            &h.post(&extend, Some(&stranger.token), &json!({"days": 1}))
                .await,
            404
        ),
        "not_found"
    );
    // The job at the old expiry leaves it.
    h.set_clock(&(old + Duration::minutes(1)).to_rfc3339())
        .await;
    assert_eq!(expiry(&h).await, 0);
    // Past 24 h: no revocation.
    let revoke = path(&app, "direction/revoke");
    assert_eq!(
        code(&h.post(&revoke, Some(&parent.token), &json!({})).await, 422),
        "revoke_window_passed"
    );

    // Arrival: another kindergarten's director may not confirm; this one's may, once.
    let other = kindergarten(&h).await;
    let id = str_field(&app, "id");
    let arrival = |org: &str| format!("/api/orgs/{org}/directions/{id}/arrival");
    let refused = h
        .post(
            &arrival(&kg.org_id),
            Some(&other.director.token),
            &json!({}),
        )
        .await;
    assert_eq!(code(&refused, 403), "forbidden");
    let refused = h
        .post(
            &arrival(&other.org_id),
            Some(&other.director.token),
            &json!({}),
        )
        .await;
    assert_eq!(code(&refused, 404), "not_found");
    let (s, line) = h
        .post(&arrival(&kg.org_id), Some(&kg.director.token), &json!({}))
        .await;
    assert_eq!(s, 200, "{line}");
    assert_eq!(line["direction"]["state"], "enrolled", "{line}");
    let again = h
        .post(&arrival(&kg.org_id), Some(&kg.director.token), &json!({}))
        .await;
    assert_eq!(code(&again, 409), "invalid_status");
    h.set_clock(&(new + Duration::minutes(1)).to_rfc3339())
        .await;
    assert_eq!(
        expiry(&h).await,
        0,
        "an enrolled child's direction never expires"
    );
    assert_eq!(
        place(&h, &kg, 2022, "ru").await["taken"],
        1,
        "the enrolled child keeps it"
    );

    // Revocation at 23 h: back in the queue, place freed; at 25 h: too late.
    let start = chrono::DateTime::parse_from_rfc3339("2026-08-03T10:00:00+05:00").unwrap();
    h.set_clock(&start.to_rfc3339()).await;
    let (p1, a1) = in_queue(&h, date(2022, 4, 1)).await;
    let (p2, a2) = in_queue(&h, date(2022, 5, 1)).await;
    assert_eq!(choose(&h, &p1, &a1, &kg, "ru").await.0, 201);
    assert_eq!(choose(&h, &p2, &a2, &kg, "ru").await.0, 201);
    assert_eq!(place(&h, &kg, 2022, "ru").await["taken"], 3);
    h.set_clock(&(start + Duration::hours(23)).to_rfc3339())
        .await;
    let (s, back) = h
        .post(&path(&a1, "direction/revoke"), Some(&p1.token), &json!({}))
        .await;
    assert_eq!(s, 200, "{back}");
    assert_eq!(back["state"], "in_queue", "{back}");
    assert_eq!(back["direction"]["state"], "revoked", "{back}");
    let since = time_plus5(&back, "queued_since") - (start + Duration::hours(23));
    assert!(
        since >= Duration::zero() && since < Duration::seconds(5),
        "{back}"
    );
    assert_eq!(place(&h, &kg, 2022, "ru").await["taken"], 2);
    h.set_clock(&(start + Duration::hours(25)).to_rfc3339())
        .await;
    let late = h
        .post(&path(&a2, "direction/revoke"), Some(&p2.token), &json!({}))
        .await;
    assert_eq!(code(&late, 422), "revoke_window_passed");
}
