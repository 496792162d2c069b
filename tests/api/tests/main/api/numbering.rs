//! Application numbers: they increase, under concurrent submissions too, and survive a
//! restart (embedded only).

use std::collections::BTreeSet;

use super::*;

scenarios!(
    numbers_increase,
    concurrent_submissions_of_different_children,
    concurrent_submissions_of_the_same_child,
);

async fn numbers_increase(h: Harness) {
    let school = h.school().await;
    let parent = h.person("Номер Номеров").await;
    let (s, a) = h.apply(&parent, &school.org_id, &new_child()).await;
    assert_eq!(s, 201, "{a}");
    let (s, b) = h.apply(&parent, &school.org_id, &new_child()).await;
    assert_eq!(s, 201, "{b}");
    let (na, nb) = (a["number"].as_u64(), b["number"].as_u64());
    assert!(
        na.is_some() && nb > na,
        "numbers do not increase: {a} then {b}"
    );
    assert_ne!(a["id"], b["id"]);
}

async fn concurrent_submissions_of_different_children(h: Harness) {
    const N: u64 = 20;
    let school = h.school().await;
    // Prepare sequentially (keeps moto traffic smooth), then submit all at once.
    let mut bodies = Vec::new();
    for i in 0..N {
        let parent = h.person(&format!("Параллельный Родитель {i}")).await;
        let docs = h.upload_documents(&parent.token).await;
        let body = application(&school.org_id, &new_child(), &docs);
        h.register_applicant(&body, &parent).await;
        bodies.push((parent.token, body));
    }
    let mut set = tokio::task::JoinSet::new();
    for (token, body) in bodies {
        let api = h.api.clone();
        set.spawn(async move {
            let resp = api.submit(Some(&token), &body).await;
            (token, resp)
        });
    }
    let mut numbers = BTreeSet::new();
    let mut ids = BTreeSet::new();
    let mut created = Vec::new();
    while let Some(r) = set.join_next().await {
        let (token, (s, b)) = r.expect("join");
        assert_eq!(s, 201, "concurrent submission: {b}");
        let number = b["number"].as_u64().unwrap_or_else(|| panic!("{b}"));
        numbers.insert(number);
        ids.insert(str_field(&b, "id"));
        created.push((token, str_field(&b, "id"), number));
    }
    assert_eq!(ids.len() as u64, N, "ids not distinct");
    assert_eq!(
        numbers,
        (1..=N).collect::<BTreeSet<_>>(),
        "numbers are not 1..={N}"
    );
    // Every acknowledged application is stored, with the number it was given.
    for (token, id, number) in &created {
        let (s, got) = h.get(&format!("/api/applications/{id}"), Some(token)).await;
        assert_eq!(
            s, 200,
            "acknowledged application {id} (№{number}) is gone: {got}"
        );
        assert_eq!(got["number"].as_u64(), Some(*number), "{got}");
    }
}

async fn concurrent_submissions_of_the_same_child(h: Harness) {
    const N: usize = 10;
    let school = h.school().await;
    let child = new_child();
    // Every legal representative of the child (four), several submissions each.
    let mut parents = Vec::new();
    for i in 0..4 {
        parents.push(h.person(&format!("Представитель {i}")).await);
    }
    h.register_child(&child.iin, &parents.iter().collect::<Vec<_>>(), None)
        .await;
    let mut bodies = Vec::new();
    for i in 0..N {
        let parent = &parents[i % parents.len()];
        let docs = h.upload_documents(&parent.token).await;
        bodies.push((
            parent.token.clone(),
            application(&school.org_id, &child, &docs),
        ));
    }
    let mut set = tokio::task::JoinSet::new();
    for (token, body) in bodies {
        let api = h.api.clone();
        set.spawn(async move {
            let resp = api.submit(Some(&token), &body).await;
            (token, resp)
        });
    }
    let mut created = Vec::new();
    let mut duplicates = 0;
    while let Some(r) = set.join_next().await {
        let (token, resp) = r.expect("join");
        if resp.0 == 201 {
            created.push((token, str_field(&resp.1, "id")));
        } else {
            assert_error(&resp, 409, "duplicate_application", Lang::Ru);
            duplicates += 1;
        }
    }
    assert_eq!((created.len(), duplicates), (1, N - 1));
    // The one that won is stored.
    let (token, id) = &created[0];
    let (s, got) = h.get(&format!("/api/applications/{id}"), Some(token)).await;
    assert_eq!(s, 200, "the acknowledged application {id} is gone: {got}");
    assert_eq!(got["status"], "in_review", "{got}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn embedded_persistence_across_restart() {
    let mut h = Harness::start(StoreKind::Embedded).await;
    let school = h.school().await;
    let parent = h.person("Тұрақты Родитель").await;
    let child = new_child();
    let (s, app) = h.apply(&parent, &school.org_id, &child).await;
    assert_eq!(s, 201, "{app}");
    let id = str_field(&app, "id");
    let number = app["number"].as_u64().expect("number");
    // A family the dev endpoint recorded is still known after the restart.
    let sibling = new_child();
    h.register_child(&sibling.iin, &[&parent], Some("astana-e117-37"))
        .await;

    h.restart().await;

    let parent = h.login_as(&parent.iin, &parent.name).await;
    let (s, got) = h
        .get(&format!("/api/applications/{id}"), Some(&parent.token))
        .await;
    assert_eq!(s, 200, "after restart: {got}");
    assert_eq!(got["status"], "in_review", "{got}");
    assert_eq!(got["number"].as_u64(), Some(number), "{got}");
    let (s, mine) = h.get("/api/me/applications", Some(&parent.token)).await;
    assert_eq!(s, 200, "{mine}");
    assert!(
        mine["items"]
            .as_array()
            .is_some_and(|a| a.iter().any(|a| a["id"] == id.as_str())),
        "{id} not listed after restart: {mine}"
    );
    // The school, its limit, the director's membership and the duplicate rule survive too.
    let (s, profile) = h.get(&format!("/api/orgs/{}", school.org_id), None).await;
    assert_eq!(s, 200, "{profile}");
    assert_error(
        &h.apply(&parent, &school.org_id, &child).await,
        409,
        "duplicate_application",
        Lang::Ru,
    );
    // The numbering goes on from where it was, for the family recorded before the restart.
    let (s, next) = h.apply_registered(&parent, &school.org_id, &sibling).await;
    assert_eq!(s, 201, "{next}");
    assert!(
        next["number"].as_u64() > Some(number),
        "the number after restart {next} is not above {number}"
    );
}
