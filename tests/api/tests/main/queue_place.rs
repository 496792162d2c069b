//! «Ваша очередь: N»: the applicant sees their application's place in the school's review
//! queue, and it moves as earlier applications are decided, withdrawn or returned.

use api_tests::*;

scenarios!(the_place_moves_as_the_queue_does);

/// The place each of `apps` shows its applicant now (`None`: out of the queue).
async fn places(h: &Harness, apps: &[(Person, String)]) -> Vec<Option<u64>> {
    let mut out = Vec::new();
    for (parent, id) in apps {
        let a = h.read_application(&parent.token, id).await;
        out.push(a["queue_place"].as_u64());
    }
    out
}

async fn the_place_moves_as_the_queue_does(h: Harness) {
    let school = h.school().await;
    let mut apps = Vec::new();
    for _ in 0..4 {
        let (parent, _, app) = h.applied(&school).await;
        apps.push((parent, str_field(&app, "id")));
    }
    let id = |k: usize| apps[k].1.clone();
    assert_eq!(
        places(&h, &apps).await,
        [Some(1), Some(2), Some(3), Some(4)]
    );

    // The first is decided: it leaves the queue and everyone behind it moves up.
    h.decided(&school.director.token, &school.org_id, &id(0), &accept())
        .await;
    assert_eq!(places(&h, &apps).await, [None, Some(1), Some(2), Some(3)]);

    // The third's parent withdraws: the fourth moves up, the second stays first.
    let (s, b) = h.withdraw(&apps[2].0, &id(2)).await;
    assert_eq!(s, 200, "withdraw: {b}");
    assert_eq!(places(&h, &apps).await, [None, Some(1), None, Some(2)]);

    // The director returns the first for rework: it is back at the head.
    let (s, b) = h
        .post(
            &app_path(&school.org_id, &id(0), "return"),
            Some(&school.director.token),
            &json!({"comment": "Проверьте справку"}),
        )
        .await;
    assert_eq!(s, 200, "return: {b}");
    assert_eq!(places(&h, &apps).await, [Some(1), Some(2), None, Some(3)]);

    // The staff's card shows the same place; a stranger learns nothing.
    let staff = h
        .get(
            &format!("/api/applications/{}", id(3)),
            Some(&school.director.token),
        )
        .await;
    assert_eq!(staff.1["queue_place"], 3, "{}", staff.1);
    let stranger = h.person("Чужой Родитель").await;
    let (s, _) = h
        .get(
            &format!("/api/applications/{}", id(3)),
            Some(&stranger.token),
        )
        .await;
    assert_eq!(s, 404);
}
