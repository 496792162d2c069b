//! Response templates and messages to an applicant (seed 003; `functions/replies`): a school's
//! staff keep templates only they see, and a message sent from the card reaches the applicant
//! once (in-app notice in both languages and one SMS), however often the request is retried,
//! and stays in the history of both sides.

use api_tests::*;

scenarios!(
    templates_are_the_schools_own,
    a_message_reaches_the_applicant_once,
);

fn templates_path(org: &str) -> String {
    format!("/api/orgs/{org}/reply-templates")
}

fn template() -> Value {
    json!({
        "title": "Справка о прививках",
        "text": {
            "ru": "Принесите, пожалуйста, справку о прививках (форма 063).",
            "kk": "Егу туралы анықтаманы (063 нысаны) әкеліңіз."
        }
    })
}

async fn templates_are_the_schools_own(h: Harness) {
    let school = h.school().await;
    let director = &school.director.token;
    let path = templates_path(&school.org_id);
    let (s, created) = h.post(&path, Some(director), &template()).await;
    assert_eq!(s, 201, "{created}");
    let id = str_field(&created, "id");
    assert_eq!(created["text"]["kk"], template()["text"]["kk"], "{created}");

    // An executor of the school sees the templates and adds one with Russian only.
    let executor = hire_executor(&h, &school).await;
    let (s, b) = h
        .post(
            &path,
            Some(&executor.token),
            &json!({ "title": "  Адрес  ", "text": { "ru": "Уточните адрес проживания." } }),
        )
        .await;
    assert_eq!(s, 201, "{b}");
    assert_eq!(b["title"], "Адрес", "{b}");
    assert!(b["text"].get("kk").is_none(), "{b}");
    let (s, list) = h.get(&path, Some(&executor.token)).await;
    assert_eq!(s, 200, "{list}");
    let titles: Vec<&str> = list["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["title"].as_str().unwrap())
        .collect();
    assert_eq!(titles, ["Адрес", "Справка о прививках"], "by title");

    // Edited, then removed.
    let one = format!("{path}/{id}");
    let mut edited = template();
    edited["title"] = json!("Справка 063");
    let (s, b) = h.put(&one, Some(director), &edited).await;
    assert_eq!((s, b["title"].as_str()), (200, Some("Справка 063")), "{b}");
    let (s, b) = h.delete(&one, Some(director)).await;
    assert_eq!(s, 204, "{b}");
    let (s, list) = h.get(&path, Some(director)).await;
    assert_eq!(s, 200);
    assert_eq!(list["items"].as_array().unwrap().len(), 1, "{list}");
    assert_error(
        &h.put(&one, Some(director), &edited).await,
        404,
        "not_found",
        Lang::Ru,
    );
    assert_error(
        &h.delete(&one, Some(director)).await,
        404,
        "not_found",
        Lang::Ru,
    );

    // Bad input names its field, in the caller's language.
    let blank = h
        .request(
            Method::POST,
            &path,
            Some(director),
            Body::Json(&json!({ "title": "Пусто", "text": { "ru": "  ", "kk": "" } })),
            Some("kk"),
        )
        .await;
    assert_error(&blank, 422, "text_required", Lang::Kk);
    assert_eq!(blank.1["error"]["field"], "text", "{}", blank.1);
    let untitled = h
        .post(
            &path,
            Some(director),
            &json!({ "title": " ", "text": { "ru": "x" } }),
        )
        .await;
    assert_error(&untitled, 422, "validation_failed", Lang::Ru);
    assert_eq!(untitled.1["error"]["field"], "title", "{}", untitled.1);

    // Nobody outside the school: another school's director, a parent, no sign-in.
    let other = h.school().await;
    let parent = h.person("Ата-Ана Бөтен").await;
    for token in [&other.director.token, &parent.token] {
        assert_error(&h.get(&path, Some(token)).await, 403, "forbidden", Lang::Ru);
        let (s, b) = h.post(&path, Some(token), &template()).await;
        assert_error(&(s, b), 403, "forbidden", Lang::Ru);
    }
    assert_unauthorized(&h.get(&path, None).await);
}

async fn a_message_reaches_the_applicant_once(h: Harness) {
    let school = h.school().await;
    let (parent, _child, app) = h.applied(&school).await;
    let id = str_field(&app, "id");
    let number = app["number"].as_u64().expect("number");
    let path = app_path(&school.org_id, &id, "messages");
    let body = json!({
        "message_id": "0b6f1e2d-3c4b-4c1a-9a57-5f0c2a1e7d4b",
        "text": {
            "ru": "Принесите справку 063 до пятницы.",
            "kk": "063 анықтамасын жұмаға дейін әкеліңіз."
        }
    });
    let (s, sent) = h.post(&path, Some(&school.director.token), &body).await;
    assert_eq!(s, 201, "{sent}");
    // The same request again (a retry after a lost answer): the same message, not a second one.
    let (s, again) = h.post(&path, Some(&school.director.token), &body).await;
    assert_eq!(s, 200, "{again}");
    assert_eq!(again["at"], sent["at"], "{again}");

    let notices = h.notices(&parent, 2).await;
    let about: Vec<&Value> = notices
        .iter()
        .filter(|n| {
            n["text"]["ru"]
                .as_str()
                .unwrap_or("")
                .contains("справку 063")
        })
        .collect();
    assert_eq!(about.len(), 1, "one notice of the message: {notices:?}");
    let kk = about[0]["text"]["kk"].as_str().unwrap();
    assert!(
        kk.contains("063 анықтамасын") && kk.contains(&format!("№{number}")),
        "{kk}"
    );

    let sms_text = format!(
        "Qabyldau, №{number}: 063 анықтамасын жұмаға дейін әкеліңіз. / Принесите справку 063 до пятницы."
    );
    let mut count = 0;
    for _ in 0..50 {
        let (s, b) = h.get("/api/dev/sms", None).await;
        assert_eq!(s, 200, "{b}");
        count = b["items"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|m| m["text"] == sms_text.as_str())
            .count();
        if count > 0 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }
    assert_eq!(count, 1, "one SMS «{sms_text}»");

    // The history: the applicant reads the text without the writer; the school sees who wrote.
    let seen = h.history(&parent.token, &id).await;
    let message = seen
        .iter()
        .find(|e| e["action"] == "message")
        .unwrap_or_else(|| panic!("no message in {seen:?}"));
    assert!(
        message["comment"]
            .as_str()
            .unwrap()
            .contains("Принесите справку 063"),
        "{message}"
    );
    assert_eq!(message["actor"], "", "{message}");
    let staff_side = h.history(&school.director.token, &id).await;
    let message = staff_side
        .iter()
        .find(|e| e["action"] == "message")
        .unwrap();
    assert_eq!(message["actor"], school.director.iin.as_str(), "{message}");
    assert_eq!(
        staff_side
            .iter()
            .filter(|e| e["action"] == "message")
            .count(),
        1
    );

    // Bad input; other schools and the parent cannot write as the school.
    let (s, b) = h
        .post(
            &path,
            Some(&school.director.token),
            &json!({ "message_id": "0b6f1e2d-0000-4c1a-9a57-5f0c2a1e7d4b", "text": { "ru": " " } }),
        )
        .await;
    assert_error(&(s, b), 422, "text_required", Lang::Ru);
    let (s, b) = h
        .post(
            &path,
            Some(&school.director.token),
            &json!({ "message_id": "x", "text": { "ru": "text" } }),
        )
        .await;
    assert_error(&(s, b.clone()), 422, "validation_failed", Lang::Ru);
    assert_eq!(b["error"]["field"], "message_id", "{b}");
    let other = h.school().await;
    let (s, b) = h.post(&path, Some(&other.director.token), &body).await;
    assert_error(&(s, b), 403, "forbidden", Lang::Ru);
    // Through its own organisation's path, another school finds no such application.
    let foreign = app_path(&other.org_id, &id, "messages");
    let (s, b) = h.post(&foreign, Some(&other.director.token), &body).await;
    assert_error(&(s, b), 404, "not_found", Lang::Ru);
    let (s, b) = h.post(&path, Some(&parent.token), &body).await;
    assert_error(&(s, b), 403, "forbidden", Lang::Ru);
}
