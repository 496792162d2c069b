//! A college application on the shared review → decision → signature/return → notice →
//! deadline pipeline, unchanged: the executor decides with the college's refusal reasons, the
//! director signs with the college's legal-entity certificate or returns with a reason, the
//! applicant is told in Kazakh and Russian, and an application past its working day is marked
//! overdue and still processed.

use super::*;

scenarios!(
    the_executor_decides_with_college_reasons,
    the_director_signs_or_returns,
    overdue_and_still_processable,
);

/// A refusal on `reason`.
fn reject(reason: &str) -> Value {
    json!({"decision": "reject", "reason": reason})
}

fn text<'a>(notice: &'a Value, lang: &str) -> &'a str {
    notice["text"][lang]
        .as_str()
        .unwrap_or_else(|| panic!("no {lang} text in {notice}"))
}

async fn the_executor_decides_with_college_reasons(h: Harness) {
    h.set_clock(OPEN).await;
    let (college, executor, [(_, first), (_, second)]) = college_with_two(&h, (4.1, 3.9)).await;
    let (first, second) = (str_field(&first, "id"), str_field(&second, "id"));

    // No strict order: the later one may be decided first.
    let org = &college.org_id;
    h.decided(&executor.token, org, &second, &accept()).await;
    // «Переполненность класс-комплектов» is no ground for a college.
    let r = h
        .decide(&executor.token, org, &first, &reject("classes_overfilled"))
        .await;
    assert_error(&r, 422, "reason_required", Lang::Ru);
    assert_eq!(r.1["error"]["field"], "reason", "{}", r.1);
    let b = h
        .decided(&executor.token, org, &first, &reject("non_compliance"))
        .await;
    assert_eq!(b["decision"]["reason"], "non_compliance", "{b}");
    assert_eq!(b["decision"]["decided_role"], "executor", "{b}");

    // The executor does not sign.
    let key = h.director_key(&college, "ecdsa").await;
    let payload = h.signing_payload(&college, &first).await;
    let r = h
        .sign(
            &college,
            &executor,
            &first,
            &signature_of(&key, &payload),
            &chain_of(&key),
        )
        .await;
    assert_error(&r, 403, "forbidden", Lang::Ru);
}

async fn the_director_signs_or_returns(h: Harness) {
    h.set_clock(OPEN).await;
    let (college, executor, [(me, app), (_, other)]) = college_with_two(&h, (4.4, 3.5)).await;
    let (id, other) = (str_field(&app, "id"), str_field(&other, "id"));
    let number = app["number"].as_u64().expect("number");
    let org = &college.org_id;

    // The receipt, in both languages, in the college's words.
    let receipt = &h.notices(&me, 1).await[0];
    assert!(
        text(receipt, "ru").contains(&format!("Заявление №{number}")),
        "{receipt}"
    );
    assert!(
        text(receipt, "ru").contains("о приёме документов"),
        "{receipt}"
    );
    assert!(
        text(receipt, "kk").contains("колледжіне құжаттарды қабылдау"),
        "{receipt}"
    );

    // Returned with a reason (an empty one is refused): back in review.
    h.decided(&executor.token, org, &other, &accept()).await;
    let path = app_path(org, &other, "return");
    let r = h
        .post(
            &path,
            Some(&college.director.token),
            &json!({"comment": "  "}),
        )
        .await;
    assert_error(&r, 422, "comment_required", Lang::Ru);
    let (s, b) = h
        .post(
            &path,
            Some(&college.director.token),
            &json!({"comment": "Аттестат нечитаем"}),
        )
        .await;
    assert_eq!(s, 200, "return: {b}");
    assert_eq!(b["status"], "in_review", "{b}");
    let told = h.notices(&executor, 1).await;
    assert!(
        text(&told[0], "ru").contains("Аттестат нечитаем"),
        "{told:?}"
    );

    // Signed with the college's legal-entity certificate: final.
    h.decided(&executor.token, org, &id, &accept()).await;
    let key = h.director_key(&college, "ecdsa").await;
    let payload = h.signing_payload(&college, &id).await;
    assert!(payload.contains("\nservice=college\n"), "{payload}");
    assert!(payload.contains("\naverage_score=4.40\n"), "{payload}");
    let b = h.signed(&college, &id, &key).await;
    assert_eq!(b["status"], "accepted", "{b}");
    assert_eq!(b["signature"]["bin"], h.bin_of(org).await.as_str(), "{b}");
    // Another organisation's certificate does not sign for the college.
    h.decided(&executor.token, org, &other, &accept()).await;
    let school_key = h
        .certificate_for(&college.director.iin, Some(&bin(7)), "ecdsa")
        .await;
    let r = h.sign_with(&college, &other, &school_key).await;
    assert_error(&r, 422, "certificate_subject_mismatch", Lang::Ru);

    // The applicant is told the decision in Kazakh and Russian.
    let items = h.notices(&me, 2).await;
    let decided = &items[0];
    assert_eq!(decided["application_id"], id.as_str(), "{decided}");
    assert_eq!(decided["service"], "college", "{decided}");
    assert!(
        text(decided, "ru").contains(&format!("Решение по заявлению №{number}")),
        "{decided}"
    );
    assert!(text(decided, "ru").contains("Принято"), "{decided}");
    assert!(
        text(decided, "kk").contains(&format!("№{number} өтініш бойынша шешім")),
        "{decided}"
    );
    assert!(text(decided, "kk").contains("Қабылданды"), "{decided}");
    // The applicant reads the final decision with the college part.
    let got = h.read_application(&me.token, &id).await;
    assert_eq!(got["status"], "accepted", "{got}");
    assert_eq!(got["college"]["choices"].as_array().map(Vec::len), Some(2));
    // «Скачать уведомление»: the notice PDF, in the college's words; a college has no other paper.
    let paper = |p: &str| format!("/api/applications/{id}/papers/{p}");
    let (s, kind, bytes) = h.download(&paper("notice"), Some(&me.token)).await;
    assert_eq!(
        (s, kind.as_str()),
        (200, "application/pdf"),
        "{}",
        String::from_utf8_lossy(&bytes)
    );
    let flat = |t: &str| t.split_whitespace().collect::<String>();
    let notice = flat(&pdf_text(&bytes));
    for wanted in [
        "Уведомление",
        "Хабарлама",
        "Принято",
        "Колледж",
        "Средний балл аттестата",
        "4.40",
        "Специальности по приоритету",
        &format!("/verify/{id}"),
    ] {
        assert!(
            notice.contains(&flat(wanted)),
            "«{wanted}» is not in:\n{notice}"
        );
    }
    assert!(!notice.contains("Школа"), "{notice}");
    let (s, b) = h.get(&paper("receipt"), Some(&me.token)).await;
    assert_error(&(s, b), 404, "not_found", Lang::Ru);

    // «Обработанные заявки»: the journal filtered to final statuses lists it.
    let (s, list) = h
        .get(
            &format!("/api/orgs/{org}/applications?status=accepted"),
            Some(&college.director.token),
        )
        .await;
    assert_eq!(s, 200, "journal: {list}");
    assert_eq!(ids(&list), vec![id], "{list}");
}

async fn overdue_and_still_processable(h: Harness) {
    h.set_clock(OPEN).await;
    let college = college(&h).await;
    let (me, app) = applied_alone(&h, &college, &LINES[..1], 4.0).await;
    let id = str_field(&app, "id");
    // One working day: Wednesday 10:00 → Thursday 10:00.
    let due = time_plus5(&app, "due_at");
    assert_eq!(
        due.date_naive(),
        NaiveDate::from_ymd_opt(2026, 7, 2).unwrap(),
        "{app}"
    );
    let sweep = |h: &Harness| {
        let api = h.api.clone();
        async move {
            let (s, out) = api
                .post("/api/dev/jobs/deadline-sweep", None, &json!({}))
                .await;
            assert_eq!(s, 200, "deadline-sweep: {out}");
            out["processed"].as_u64().expect("processed")
        }
    };
    h.set_clock(&(due - chrono::Duration::minutes(1)).to_rfc3339())
        .await;
    assert_eq!(sweep(&h).await, 0);
    h.set_clock(&(due + chrono::Duration::minutes(1)).to_rfc3339())
        .await;
    assert_eq!(sweep(&h).await, 1);
    let got = h.read_application(&college.director.token, &id).await;
    assert_eq!(got["overdue"], true, "{got}");
    assert_eq!(got["status"], "in_review", "{got}");

    // Still processed: decided and signed afterwards.
    let director = &college.director;
    let b = h
        .decided(&director.token, &college.org_id, &id, &accept())
        .await;
    assert_eq!(b["overdue"], true, "{b}");
    let key = h.director_key(&college, "ecdsa").await;
    let b = h.signed(&college, &id, &key).await;
    assert_eq!(b["status"], "accepted", "{b}");
    assert_eq!(
        h.read_application(&me.token, &id).await["status"],
        "accepted"
    );
    assert_eq!(sweep(&h).await, 0);
}
