//! The overdue sweep (seeds 000/001: an application is processed within one working day;
//! overdue ones are marked but stay processable), through `POST /api/dev/jobs/deadline-sweep`
//! and the dev clock.

use api_tests::*;

scenarios!(
    overdue_is_marked_once_and_stays_processable,
    withdrawn_is_never_overdue,
);

/// Runs the sweep now; how many it marked.
async fn sweep(h: &Harness) -> u64 {
    let (s, out) = h
        .post("/api/dev/jobs/deadline-sweep", None, &json!({}))
        .await;
    assert_eq!(s, 200, "deadline-sweep: {out}");
    out["processed"]
        .as_u64()
        .unwrap_or_else(|| panic!("no processed in {out}"))
}

async fn overdue_is_marked_once_and_stays_processable(h: Harness) {
    let school = h.school().await;
    let director = &school.director;
    let parent = h.person("Сәуле Мерзімова").await;
    // Thursday 12:30 in Almaty.
    h.set_clock("2026-05-14T12:30:00+05:00").await;
    let (s, app) = h.apply(&parent, &school.org_id, &new_child()).await;
    assert_eq!(s, 201, "submit: {app}");
    let id = str_field(&app, "id");
    // The deadline is whatever the working calendar says; read it, don't assume it.
    let due = time_plus5(&app, "due_at");
    assert!(due > time_plus5(&app, "submitted_at"), "{app}");

    // Before the deadline nothing is overdue.
    h.set_clock(&(due - chrono::Duration::minutes(1)).to_rfc3339())
        .await;
    assert_eq!(sweep(&h).await, 0);
    assert_eq!(
        h.read_application(&parent.token, &id).await["overdue"],
        false
    );

    // A minute past it the sweep marks it: flag, instant in +05:00, history event.
    let late = due + chrono::Duration::minutes(1);
    h.set_clock(&late.to_rfc3339()).await;
    assert_eq!(sweep(&h).await, 1);
    let got = h.read_application(&director.token, &id).await;
    assert_eq!(got["overdue"], true, "{got}");
    let at = time_plus5(&got, "overdue_at");
    assert!(
        at >= late && at < late + chrono::Duration::minutes(1),
        "{got}"
    );
    assert_eq!(
        got["status"], "in_review",
        "overdue is a flag, not a status: {got}"
    );
    let events = h.history(&director.token, &id).await;
    let overdue: Vec<&Value> = events.iter().filter(|e| e["action"] == "overdue").collect();
    assert_eq!(overdue.len(), 1, "{events:?}");
    assert_eq!(overdue[0]["role"], "system", "{events:?}");

    // Idempotent: nothing new to mark.
    assert_eq!(sweep(&h).await, 0);

    // The journal's overdue filter lists it.
    let (s, list) = h
        .get(
            &format!("/api/orgs/{}/applications?overdue=true", school.org_id),
            Some(&director.token),
        )
        .await;
    assert_eq!(s, 200, "journal: {list}");
    assert_eq!(ids(&list), vec![id.clone()], "{list}");

    // Still processable: the director decides it.
    let (s, decided) = h
        .decide(&director.token, &school.org_id, &id, &accept())
        .await;
    assert_eq!(s, 200, "decision on an overdue application: {decided}");
    assert_eq!(decided["overdue"], true, "{decided}");
    // Decided (on signing) is still open but no longer due: nothing to mark again.
    assert_eq!(sweep(&h).await, 0);
}

/// A withdrawn application leaves the due index: past its deadline the sweep does not mark it.
async fn withdrawn_is_never_overdue(h: Harness) {
    let school = h.school().await;
    let parent = h.person("Сәуле Қайтарова").await;
    h.set_clock("2026-05-14T12:30:00+05:00").await;
    let (s, kept) = h.apply(&parent, &school.org_id, &new_child()).await;
    assert_eq!(s, 201, "submit: {kept}");
    let (s, gone) = h.apply(&parent, &school.org_id, &new_child()).await;
    assert_eq!(s, 201, "submit: {gone}");
    let gone_id = str_field(&gone, "id");
    let (s, out) = h.withdraw(&parent, &gone_id).await;
    assert_eq!(s, 200, "withdraw: {out}");

    let due = time_plus5(&gone, "due_at").max(time_plus5(&kept, "due_at"));
    h.set_clock(&(due + chrono::Duration::minutes(1)).to_rfc3339())
        .await;
    assert_eq!(sweep(&h).await, 1, "only the open one");
    let got = h.read_application(&parent.token, &gone_id).await;
    assert_eq!(got["overdue"], false, "{got}");
    assert_eq!(got["status"], "withdrawn", "{got}");
    let got = h
        .read_application(&parent.token, &str_field(&kept, "id"))
        .await;
    assert_eq!(got["overdue"], true, "{got}");
}
