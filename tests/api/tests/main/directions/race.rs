//! The race for the last places: 100 parents choose the same kindergarten with 5 free places
//! at once; exactly 5 directions are issued, on both stores.

use api_tests::*;

use super::fixtures::*;

scenarios!(a_hundred_parents_race_for_five_places);

const PARENTS: usize = 100;
const PLACES: i64 = 5;

async fn a_hundred_parents_race_for_five_places(h: Harness) {
    h.set_clock("2026-06-10T10:00:00+05:00").await;
    let kg = kindergarten(&h).await;
    assert_eq!(
        put_places(&h, &kg, &kg.director, 2022, "kk", PLACES)
            .await
            .0,
        200
    );
    let mut choices = Vec::new();
    for n in 0..PARENTS {
        let birth = date(2022, 1, 1) + chrono::Days::new(n as u64);
        let (parent, app) = in_queue(&h, birth).await;
        let key = personal_key(&h, &parent).await;
        let body = choice(&app, &key, &kg.org_id, "kk");
        choices.push((parent.token, path(&app, "direction"), body));
    }
    let mut tasks = tokio::task::JoinSet::new();
    for (token, path, body) in choices {
        let api = h.api.clone();
        tasks.spawn(async move { api.post(&path, Some(&token), &body).await });
    }
    let (mut issued, mut refused) = (0, 0);
    while let Some(done) = tasks.join_next().await {
        let (s, b) = done.unwrap();
        match s {
            201 => issued += 1,
            409 if b["error"]["code"] == "no_free_places" => refused += 1,
            _ => panic!("{s} {b}"),
        }
    }
    assert_eq!((issued, refused), (PLACES, PARENTS as i64 - PLACES));
    let p = place(&h, &kg, 2022, "kk").await;
    assert_eq!(
        (p["taken"].as_i64(), p["count"].as_i64()),
        (Some(PLACES), Some(PLACES))
    );
}
