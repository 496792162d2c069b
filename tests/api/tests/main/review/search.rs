//! The journal's search and filters of seed 002: by the applicant's IIN and name, by the
//! responsible, by «Решение»; pages stay whole and in order with filters.

use super::*;

scenarios!(search_and_decision, responsible_and_pages);

async fn search_and_decision(h: Harness) {
    let school = h.school().await;
    let org = school.org_id.clone();
    let dir = &school.director;
    let (first, mine) = submit_as(&h, &org, "Сәуле Ахметова", 2).await;
    let (second, theirs) = submit_as(&h, &org, "Бауыржан Қасымов", 1).await;
    let (a0, a1, b0) = (
        str_field(&mine[0], "id"),
        str_field(&mine[1], "id"),
        str_field(&theirs[0], "id"),
    );

    // The applicant's IIN (all twelve digits) finds their applications only.
    assert_eq!(
        ids(&journal(&h, dir, &org, &format!("q={}", first.iin)).await),
        vec![a0.clone(), a1.clone()]
    );
    assert_eq!(
        ids(&journal(&h, dir, &org, &format!("q={}", second.iin)).await),
        vec![b0.clone()]
    );
    // The applicant's name, any part, any case.
    for q in ["қасымов", "ҚАСЫМОВ", "Бауыржан"] {
        assert_eq!(
            ids(&journal(&h, dir, &org, &format!("q={q}")).await),
            vec![b0.clone()],
            "{q}"
        );
    }

    // «Решение»: none before any decision; then accept / reject / none split them.
    assert_eq!(
        ids(&journal(&h, dir, &org, "decision=none").await),
        vec![a0.clone(), a1.clone(), b0.clone()]
    );
    let (s, _) = decide(&h, &dir.token, &org, &mine[0], &reject("non_compliance")).await;
    assert_eq!(s, 200);
    let (s, _) = decide(&h, &dir.token, &org, &mine[1], &accept()).await;
    assert_eq!(s, 200);
    assert_eq!(
        ids(&journal(&h, dir, &org, "decision=reject").await),
        vec![a0.clone()]
    );
    assert_eq!(
        ids(&journal(&h, dir, &org, "decision=accept").await),
        vec![a1.clone()]
    );
    assert_eq!(
        ids(&journal(&h, dir, &org, "decision=none").await),
        vec![b0.clone()]
    );
    // Filters combine.
    assert_eq!(
        ids(&journal(
            &h,
            dir,
            &org,
            &format!("decision=accept&status=on_signing&q={}", first.iin)
        )
        .await),
        vec![a1.clone()]
    );
    assert!(ids(&journal(&h, dir, &org, "decision=accept&status=in_review").await).is_empty());

    // Bad values name the parameter, in the caller's language.
    let resp = journal(&h, dir, &org, "decision=maybe").await;
    assert_error(&resp, 422, "validation_failed", Lang::Ru);
    assert_eq!(error_field(&resp), "decision");
    let resp = h
        .request(
            Method::GET,
            &format!("/api/orgs/{org}/applications?decision=positive"),
            Some(&dir.token),
            Body::None,
            Some("kk"),
        )
        .await;
    assert_error(&resp, 422, "validation_failed", Lang::Kk);
    assert_eq!(error_field(&resp), "decision");
    let resp = journal(&h, dir, &org, "assignee=123456789012").await;
    assert_error(&resp, 422, "invalid_iin", Lang::Ru);
    assert_eq!(error_field(&resp), "assignee");
}

/// Pages of a filtered journal: every match once, in queue order, never more than the limit.
async fn pages(h: &Harness, who: &Person, org: &str, filter: &str, limit: u32) -> Vec<String> {
    let mut seen = Vec::new();
    let mut token: Option<String> = None;
    for _ in 0..20 {
        let q = match &token {
            Some(t) => format!("{filter}&limit={limit}&page_token={t}"),
            None => format!("{filter}&limit={limit}"),
        };
        let resp = journal(h, who, org, &q).await;
        let page = ids(&resp);
        assert!(page.len() <= limit as usize, "{q}: {}", resp.1);
        seen.extend(page);
        match resp.1["next_page_token"].as_str() {
            Some(t) => token = Some(t.to_string()),
            None => return seen,
        }
    }
    panic!("{filter}: the pages do not end");
}

async fn responsible_and_pages(h: Harness) {
    let school = h.school().await;
    let org = school.org_id.clone();
    let dir = &school.director;
    me_signs_in(&h, dir).await;
    let executor = h.person("Сейтова Динара").await;
    h.hire(&school, &executor, "teacher", &["executor"]).await;
    let (_, apps) = submit_n(&h, &org, 7).await;
    let id = |i: usize| str_field(&apps[i], "id");

    // The executor is responsible for every other application, the director for the last.
    let (s, got) = assign_many(
        &h,
        dir,
        &org,
        &json!({"application_ids": [id(1), id(3), id(5)], "executor_iin": executor.iin}),
        None,
    )
    .await;
    assert_eq!(s, 200, "{got}");
    let (s, got) = h
        .put(
            &app_path(&org, &id(6), "assignee"),
            Some(&dir.token),
            &json!({"iin": dir.iin}),
        )
        .await;
    assert_eq!(s, 200, "{got}");

    let by_executor = format!("assignee={}", executor.iin);
    let resp = journal(&h, dir, &org, &by_executor).await;
    assert_eq!(ids(&resp), vec![id(1), id(3), id(5)]);
    for item in resp.1["items"].as_array().into_iter().flatten() {
        assert_eq!(item["assignee_name"], "Сейтова Динара", "{item}");
    }
    assert_eq!(
        ids(&journal(&h, dir, &org, &format!("assignee={}", dir.iin)).await),
        vec![id(6)]
    );
    // The search box finds the responsible by name too (seed 002).
    assert_eq!(
        ids(&journal(&h, dir, &org, "q=сейтова").await),
        vec![id(1), id(3), id(5)]
    );

    // Filtered pages: each match once, in order, whatever the page size.
    for limit in [1, 2, 3] {
        assert_eq!(
            pages(&h, dir, &org, &by_executor, limit).await,
            vec![id(1), id(3), id(5)],
            "limit {limit}"
        );
    }
    assert_eq!(
        pages(&h, dir, &org, "status=in_review&q=ахметова", 2).await,
        (0..7).map(id).collect::<Vec<_>>()
    );

    // Decided in order: «Решение» and the responsible combine.
    for (i, body) in [(0, accept()), (1, reject("non_compliance"))] {
        let (s, got) = decide(&h, &dir.token, &org, &apps[i], &body).await;
        assert_eq!(s, 200, "{got}");
    }
    assert_eq!(
        pages(&h, dir, &org, &format!("{by_executor}&decision=none"), 1).await,
        vec![id(3), id(5)]
    );
    assert_eq!(
        ids(&journal(&h, dir, &org, &format!("{by_executor}&decision=reject")).await),
        vec![id(1)]
    );
    assert!(
        ids(&journal(&h, dir, &org, &format!("{by_executor}&decision=accept")).await).is_empty()
    );
    // The executor reads the same journal.
    assert_eq!(
        ids(&journal(&h, &executor, &org, &by_executor).await),
        vec![id(1), id(3), id(5)]
    );
}
