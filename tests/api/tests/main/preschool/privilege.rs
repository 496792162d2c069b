//! Privileges: the applicant changes one (back to the department), the region's education
//! department lists the claims of its region and confirms or refuses them; nobody else does.

use super::*;

scenarios!(the_applicant_changes_the_privilege, the_department_decides);

async fn the_applicant_changes_the_privilege(h: Harness) {
    h.set_clock(NOW).await;
    let mother = h.person("Жеңілдік Ана").await;
    let kid = child("2021-12-12", false);
    let proof = privilege_proof(&h, &mother).await;
    let app = registered(&h, &mother, &with_privilege(&kid, "first_priority", &proof)).await;
    let id = str_field(&app, "id");
    assert_eq!(app["privilege"]["category"], "first_priority", "{app}");
    assert_eq!(app["privilege"]["status"], "pending", "{app}");
    assert_eq!(
        app["privilege"]["document"]["file_id"],
        proof.as_str(),
        "{app}"
    );
    assert_eq!(
        app["privilege"]["document"]["sha256"]
            .as_str()
            .map(str::len),
        Some(64),
        "{app}"
    );
    // Until confirmed the child queues without it.
    assert_eq!(position(&h, &mother, &id).await, (1, 0));

    // «Изменить льготность»: another category and document, pending again.
    let proof2 = privilege_proof(&h, &mother).await;
    let path = app_path(&id, "/privilege");
    let change = json!({"privilege": "extraordinary",
        "privilege_document": {"kind": "privilege_proof", "file_id": proof2}});
    let (s, changed) = h.post(&path, Some(&mother.token), &change).await;
    assert_eq!(s, 200, "{changed}");
    assert_eq!(
        changed["privilege"]["category"], "extraordinary",
        "{changed}"
    );
    assert_eq!(changed["privilege"]["status"], "pending", "{changed}");
    assert_eq!(changed["privilege"]["document"]["file_id"], proof2.as_str());
    assert!(
        changed["changed_at"].as_str() > app["changed_at"].as_str(),
        "{changed}"
    );
    // Without a document: refused; to none: no claim, no document.
    let resp = h
        .post(
            &path,
            Some(&mother.token),
            &json!({"privilege": "first_priority"}),
        )
        .await;
    assert_error(&resp, 422, "missing_document", Lang::Ru);
    assert_eq!(resp.1["error"]["field"], "privilege_document");
    let (s, none) = h
        .post(&path, Some(&mother.token), &json!({"privilege": "none"}))
        .await;
    assert_eq!(s, 200, "{none}");
    assert_eq!(none["privilege"]["status"], "not_claimed", "{none}");
    assert_eq!(none["privilege"]["document"], Value::Null, "{none}");
    // Someone else: 404; out of the queue: invalid_status.
    let stranger = h.person("Бөгде").await;
    let resp = h.post(&path, Some(&stranger.token), &change).await;
    assert_error(&resp, 404, "not_found", Lang::Ru);
    let (s, _) = h
        .post(&app_path(&id, "/leave"), Some(&mother.token), &json!({}))
        .await;
    assert_eq!(s, 200);
    let resp = h.post(&path, Some(&mother.token), &change).await;
    assert_error(&resp, 409, "invalid_status", Lang::Ru);
}

/// The demo seed's education department staff (the dev runner loads the seed).
const ASTANA_EDU: &str = "820411400100";
const KARAGANDA_EDU: &str = "780923300108";

/// The application ids of the department's list, as `who`.
async fn claims(h: &Api, who: &Person) -> Vec<String> {
    let (s, list) = h.get("/api/region/privileges", Some(&who.token)).await;
    assert_eq!(s, 200, "privileges: {list}");
    list["items"]
        .as_array()
        .unwrap_or_else(|| panic!("no items in {list}"))
        .iter()
        .map(|c| str_field(c, "application_id"))
        .collect()
}

async fn the_department_decides(h: Harness) {
    h.set_clock(NOW).await;
    let edu = h.login_as(ASTANA_EDU, "Серікова Дана").await;
    let other_edu = h.login_as(KARAGANDA_EDU, "Омаров Бауыржан").await;
    let first = h.person("Бірінші Ана").await;
    let mother = h.person("Жеңілдікті Ана").await;
    // A child without a privilege registered first, then one with a first-priority claim.
    registered(&h, &first, &registration(&child("2022-06-01", true))).await;
    let proof = privilege_proof(&h, &mother).await;
    let kid = child("2022-07-07", false);
    let app = registered(&h, &mother, &with_privilege(&kid, "first_priority", &proof)).await;
    let id = str_field(&app, "id");
    let number = str_field(&app, "number");
    assert_eq!(
        position(&h, &mother, &id).await,
        (2, 0),
        "pending: no privileged number"
    );

    // The department of Astana sees the claim (oldest first), reads the application; no one
    // else does.
    let (s, list) = h.get("/api/region/privileges", Some(&edu.token)).await;
    assert_eq!(s, 200, "{list}");
    let line = list["items"]
        .as_array()
        .expect("items")
        .iter()
        .find(|c| c["application_id"] == id.as_str())
        .unwrap_or_else(|| panic!("no claim of {id} in {list}"))
        .clone();
    assert_eq!(line["number"], number.as_str(), "{line}");
    assert_eq!(line["child_name"], "Ахметова Әйгерім Серікқызы", "{line}");
    assert_eq!(line["privilege"]["status"], "pending", "{line}");
    assert_eq!(line["locality_id"], "astana", "{line}");
    time_plus5(&line, "claimed_at");
    assert_eq!(position(&h, &edu, &id).await, (2, 0));
    assert!(!claims(&h, &other_edu).await.contains(&id));
    assert_eq!(read(&h, &other_edu, &id, "").await.0, 404);
    let resp = h.get("/api/region/privileges", Some(&mother.token)).await;
    assert_error(&resp, 403, "forbidden", Lang::Ru);
    let resp = h
        .get(
            "/api/region/privileges?page_token=garbage",
            Some(&edu.token),
        )
        .await;
    assert_error(&resp, 422, "validation_failed", Lang::Ru);

    // The supporting document opens for the department and the applicant, nobody else; a
    // child without a claimed privilege has none.
    let doc = app_path(&id, "/privilege/document");
    for who in [&edu, &mother] {
        let (s, link) = h.get(&doc, Some(&who.token)).await;
        assert_eq!(s, 200, "{link}");
        assert_eq!(link["changed"], false, "{link}");
        assert!(
            link["url"].as_str().is_some_and(|u| !u.is_empty()),
            "{link}"
        );
    }
    let resp = h.get(&doc, Some(&other_edu.token)).await;
    assert_error(&resp, 404, "not_found", Lang::Ru);
    let resp = h.get(&doc, Some(&first.token)).await;
    assert_error(&resp, 404, "not_found", Lang::Ru);

    // Decisions: only the region's department, a refusal only with a comment.
    let path = app_path(&id, "/privilege/decision");
    let confirm = json!({"confirm": true});
    let resp = h.post(&path, Some(&other_edu.token), &confirm).await;
    assert_error(&resp, 404, "not_found", Lang::Ru);
    let resp = h.post(&path, Some(&mother.token), &confirm).await;
    assert_error(&resp, 403, "forbidden", Lang::Ru);
    let refuse = h
        .request(
            Method::POST,
            &path,
            Some(&edu.token),
            Body::Json(&json!({"confirm": false, "comment": "  "})),
            Some("kk"),
        )
        .await;
    assert_error(&refuse, 422, "comment_required", Lang::Kk);
    assert_eq!(refuse.1["error"]["field"], "comment");

    // Confirmed: the privileged number appears; the claim leaves the list; the mother is told.
    let (s, done) = h.post(&path, Some(&edu.token), &confirm).await;
    assert_eq!(s, 200, "{done}");
    assert_eq!(done["privilege"]["status"], "confirmed", "{done}");
    time_plus5(&done["privilege"], "decided_at");
    assert_eq!(
        done["position"],
        json!({"number": 2, "privileged": 1}),
        "{done}"
    );
    assert_eq!(position(&h, &mother, &id).await, (2, 1));
    assert!(!claims(&h, &edu).await.contains(&id));
    let again = h.post(&path, Some(&edu.token), &confirm).await;
    assert_error(&again, 409, "invalid_status", Lang::Ru);
    let told = h.notices(&mother, 2).await;
    assert!(text(&told[0], "ru").contains("подтверждена"), "{}", told[0]);
    assert!(text(&told[0], "kk").contains("расталды"), "{}", told[0]);
    assert_eq!(sms_naming(&h, &number, 2).await.len(), 2);

    // Changed by the mother: pending again, no privileged number; refused with a comment.
    let proof2 = privilege_proof(&h, &mother).await;
    let change = json!({"privilege": "extraordinary",
        "privilege_document": {"kind": "privilege_proof", "file_id": proof2}});
    let (s, _) = h
        .post(&app_path(&id, "/privilege"), Some(&mother.token), &change)
        .await;
    assert_eq!(s, 200);
    assert_eq!(position(&h, &mother, &id).await, (2, 0));
    assert!(claims(&h, &edu).await.contains(&id));
    let refusal = json!({"confirm": false, "comment": "Справка просрочена"});
    let (s, refused) = h.post(&path, Some(&edu.token), &refusal).await;
    assert_eq!(s, 200, "{refused}");
    assert_eq!(refused["privilege"]["status"], "refused", "{refused}");
    assert_eq!(
        refused["privilege"]["comment"], "Справка просрочена",
        "{refused}"
    );
    assert_eq!(refused["position"], json!({"number": 2, "privileged": 0}));
    let told = h.notices(&mother, 3).await;
    assert!(
        text(&told[0], "ru").contains("Справка просрочена"),
        "{}",
        told[0]
    );
    assert!(text(&told[0], "kk").contains("расталмады"), "{}", told[0]);
    assert_eq!(sms_naming(&h, &number, 3).await.len(), 3);

    // The history names the department by role and name, never by IIN.
    let (_, hist) = read(&h, &mother, &id, "/history").await;
    let events = hist["items"].as_array().expect("items");
    let actions: Vec<&str> = events
        .iter()
        .map(|e| e["action"].as_str().unwrap_or_default())
        .collect();
    assert_eq!(
        actions,
        [
            "registered",
            "privilege_confirmed",
            "privilege_changed",
            "privilege_refused"
        ]
    );
    for e in [&events[1], &events[3]] {
        assert_eq!(e["role"], "edu_department", "{e}");
        assert_eq!(e["actor_name"], "Серікова Дана", "{e}");
        assert_eq!(e["actor"], "", "{e}");
    }
    assert_eq!(events[3]["comment"], "Справка просрочена");
    assert!(!hist.to_string().contains(ASTANA_EDU), "{hist}");
    // The department reads the same history.
    let (s, theirs) = read(&h, &edu, &id, "/history").await;
    assert_eq!(
        (s, theirs["items"].as_array().map(Vec::len)),
        (200, Some(4))
    );
}
