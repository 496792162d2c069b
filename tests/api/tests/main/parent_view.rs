//! What a parent sees of their application, field by field: before the director signs, the
//! status only (no decision, reason, comment or staff IIN) and the public events of the
//! history; after signing, the decision with its reason. Staff keep everything. Notices and
//! SMS carry nothing internal to the parent.

use api_tests::*;

scenarios!(
    the_parent_sees_the_decision_only_when_signed,
    a_withdrawal_on_signing_shows_no_decision,
    staff_applying_for_their_own_child_see_the_parent_view,
);

const REASON: &str = "unreliable_documents";
const DECISION_COMMENT: &str = "Фотография нечёткая";
const RETURN_COMMENT: &str = "Уточните основание отказа";

/// Whether any string of `v` contains `needle`.
fn holds(v: &Value, needle: &str) -> bool {
    v.to_string().contains(needle)
}

fn reject() -> Value {
    json!({"decision": "reject", "reason": REASON, "comment": DECISION_COMMENT})
}

/// What the parent reads before signing: the status, no trace of the decision or of the staff.
fn assert_nothing_internal(app: &Value, status: &str, staff: &[&Person], what: &str) {
    assert_eq!(app["status"], status, "{what}: {app}");
    for field in ["decision", "assignee_iin", "signature"] {
        assert!(app[field].is_null(), "{what}: {field} shown: {app}");
    }
    for person in staff {
        assert!(!holds(app, &person.iin), "{what}: {} in {app}", person.name);
        assert!(
            !holds(app, &person.name),
            "{what}: {} named in {app}",
            person.name
        );
    }
    for hidden in [REASON, DECISION_COMMENT, RETURN_COMMENT] {
        assert!(!holds(app, hidden), "{what}: {hidden:?} in {app}");
    }
}

/// The parent's history: only public actions, staff named by no IIN, decisions without codes.
fn assert_public_history(events: &[Value], actions: &[&str], staff: &[&Person]) {
    let seen: Vec<&str> = events.iter().filter_map(|e| e["action"].as_str()).collect();
    assert_eq!(seen, actions, "{events:?}");
    for e in events {
        for person in staff {
            assert!(!holds(e, &person.iin), "{} in {e}", person.name);
            assert!(!holds(e, &person.name), "{} named in {e}", person.name);
        }
        if e["action"] == "decided" {
            assert!(e["comment"].is_null(), "a decision's codes: {e}");
        }
        for hidden in [REASON, DECISION_COMMENT, RETURN_COMMENT] {
            assert!(!holds(e, hidden), "{hidden:?} in {e}");
        }
    }
}

/// The parent's one item of `GET /api/me/applications`.
async fn listed(h: &Harness, parent: &Person, id: &str) -> Value {
    let (s, b) = h.get("/api/me/applications", Some(&parent.token)).await;
    assert_eq!(s, 200, "{b}");
    b["items"]
        .as_array()
        .and_then(|items| items.iter().find(|a| a["id"] == id))
        .cloned()
        .unwrap_or_else(|| panic!("{id} not listed: {b}"))
}

async fn the_parent_sees_the_decision_only_when_signed(h: Harness) {
    let school = h.school().await;
    let director = school.director.clone();
    let executor = hire_executor(&h, &school).await;
    let staff = [&director, &executor];
    let (parent, _, app) = h.applied(&school).await;
    let id = str_field(&app, "id");
    let (s, b) = h
        .put(
            &app_path(&school.org_id, &id, "assignee"),
            Some(&director.token),
            &json!({"iin": executor.iin}),
        )
        .await;
    assert_eq!(s, 200, "assign: {b}");
    h.decided(&executor.token, &school.org_id, &id, &reject())
        .await;

    // On signing: the parent sees the status alone, in the card, the list and the history.
    let seen = h.read_application(&parent.token, &id).await;
    assert_nothing_internal(&seen, "on_signing", &staff, "on signing");
    assert_eq!(seen["applicant_iin"], parent.iin.as_str(), "{seen}");
    assert_eq!(
        seen["documents"], app["documents"],
        "their own documents stay"
    );
    assert_nothing_internal(
        &listed(&h, &parent, &id).await,
        "on_signing",
        &staff,
        "my list",
    );
    assert_public_history(
        &h.history(&parent.token, &id).await,
        &["submitted", "decided"],
        &staff,
    );
    // Staff see it all.
    let full = h.read_application(&director.token, &id).await;
    assert_eq!(full["assignee_iin"], executor.iin.as_str(), "{full}");
    assert_eq!(full["decision"]["reason"], REASON, "{full}");
    assert_eq!(full["decision"]["comment"], DECISION_COMMENT, "{full}");
    assert_eq!(full["decision"]["decided_by"], executor.iin.as_str());

    // Returned for rework: the director's comment is the executor's, not the parent's.
    let (s, b) = h
        .post(
            &app_path(&school.org_id, &id, "return"),
            Some(&director.token),
            &json!({"comment": RETURN_COMMENT}),
        )
        .await;
    assert_eq!(s, 200, "return: {b}");
    let seen = h.read_application(&parent.token, &id).await;
    assert_nothing_internal(&seen, "in_review", &staff, "returned");
    assert_public_history(
        &h.history(&parent.token, &id).await,
        &["submitted", "decided"],
        &staff,
    );
    let executor_notices = h.notices(&executor, 1).await;
    assert!(
        executor_notices
            .iter()
            .any(|n| holds(&n["text"], RETURN_COMMENT)),
        "the executor is told the comment: {executor_notices:?}"
    );
    // Only the receipt reached the parent, in the app and by SMS.
    let parent_notices = h.notices(&parent, 1).await;
    assert_eq!(parent_notices.len(), 1, "{parent_notices:?}");
    for hidden in [
        RETURN_COMMENT,
        DECISION_COMMENT,
        &executor.iin,
        &director.iin,
    ] {
        assert!(
            !holds(&parent_notices[0], hidden),
            "{hidden:?}: {parent_notices:?}"
        );
    }
    let (s, sms) = h.get("/api/dev/sms", None).await;
    assert_eq!(s, 200, "{sms}");
    let phone = app["applicant"]["phone"].as_str().unwrap_or_default();
    let to_parent: Vec<&Value> = sms["items"]
        .as_array()
        .map(|items| items.iter().filter(|m| m["to"] == phone).collect())
        .unwrap_or_default();
    assert_eq!(to_parent.len(), 1, "the receipt only: {sms}");
    assert!(!holds(to_parent[0], RETURN_COMMENT), "{sms}");

    // Decided again and signed: now the parent reads the decision and its reason.
    h.decided(&executor.token, &school.org_id, &id, &reject())
        .await;
    assert_nothing_internal(
        &h.read_application(&parent.token, &id).await,
        "on_signing",
        &staff,
        "decided again",
    );
    let key = h.director_key(&school, "ecdsa").await;
    let payload = h.signing_payload(&school, &id).await;
    h.signed(&school, &id, &key).await;

    let seen = h.read_application(&parent.token, &id).await;
    assert_eq!(seen["status"], "rejected", "{seen}");
    assert_eq!(seen["decision"]["decision"], "reject", "{seen}");
    assert_eq!(seen["decision"]["reason"], REASON, "{seen}");
    assert_eq!(seen["decision"]["comment"], DECISION_COMMENT, "{seen}");
    time_plus5(&seen["decision"], "decided_at");
    assert_eq!(
        seen["decision"],
        h.read_application(&director.token, &id).await["decision"],
        "the decision as signed"
    );
    assert!(seen["assignee_iin"].is_null(), "{seen}");
    assert_eq!(seen["signature"]["payload"], payload.as_str(), "{seen}");
    assert_eq!(listed(&h, &parent, &id).await["decision"], seen["decision"]);
    let events = h.history(&parent.token, &id).await;
    assert_public_history(
        &events,
        &["submitted", "decided", "decided", "signed"],
        &staff,
    );
    assert_eq!(events[3]["comment"], "rejected", "{events:?}");
    assert_eq!(events[0]["actor"], parent.iin.as_str(), "{events:?}");
    // The signed decision's notice gives the reason's full text.
    let parent_notices = h.notices(&parent, 2).await;
    let decided = &parent_notices[0];
    assert!(
        text_of(decided, "ru").contains("Установление недостоверности документов"),
        "{decided}"
    );
    assert!(
        !holds(decided, RETURN_COMMENT) && !holds(decided, &executor.iin),
        "{decided}"
    );

    // Staff keep the whole history, with who did what.
    let staff_events = h.history(&director.token, &id).await;
    let actions: Vec<&str> = staff_events
        .iter()
        .filter_map(|e| e["action"].as_str())
        .collect();
    assert_eq!(
        actions,
        [
            "submitted",
            "assigned",
            "decided",
            "returned",
            "decided",
            "signed"
        ]
    );
    assert_eq!(staff_events[3]["comment"], RETURN_COMMENT);
    assert_eq!(staff_events[2]["actor"], executor.iin.as_str());
    assert!(
        staff_events[2]["comment"]
            .as_str()
            .is_some_and(|c| c.contains(REASON)),
        "{staff_events:?}"
    );
}

fn text_of<'a>(notice: &'a Value, lang: &str) -> &'a str {
    notice["text"][lang].as_str().unwrap_or_default()
}

async fn a_withdrawal_on_signing_shows_no_decision(h: Harness) {
    let school = h.school().await;
    let (parent, _, app) = h.applied(&school).await;
    let id = str_field(&app, "id");
    h.decided(&school.director.token, &school.org_id, &id, &reject())
        .await;
    let (s, b) = h.withdraw(&parent, &id).await;
    assert_eq!(s, 200, "withdraw: {b}");
    assert_nothing_internal(&b, "withdrawn", &[&school.director], "withdraw answer");
    assert_nothing_internal(
        &h.read_application(&parent.token, &id).await,
        "withdrawn",
        &[&school.director],
        "withdrawn",
    );
    assert_public_history(
        &h.history(&parent.token, &id).await,
        &["submitted", "decided", "withdrawn"],
        &[&school.director],
    );
}

async fn staff_applying_for_their_own_child_see_the_parent_view(h: Harness) {
    let school = h.school().await;
    let executor = hire_executor(&h, &school).await;
    let (s, app) = h.apply(&executor, &school.org_id, &new_child()).await;
    assert_eq!(s, 201, "{app}");
    let id = str_field(&app, "id");
    h.decided(&school.director.token, &school.org_id, &id, &reject())
        .await;
    // On the parent's endpoints the executor is the applicant: no decision before signing.
    let seen = h.read_application(&executor.token, &id).await;
    assert_nothing_internal(&seen, "on_signing", &[&school.director], "own child");
    assert_public_history(
        &h.history(&executor.token, &id).await,
        &["submitted", "decided"],
        &[&school.director],
    );
    // Another executor of the school reads it in full.
    let colleague = hire_executor(&h, &school).await;
    let full = h.read_application(&colleague.token, &id).await;
    assert_eq!(full["decision"]["reason"], REASON, "{full}");
}
