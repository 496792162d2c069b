//! Submitting and reading an application, and what a submission must carry.

use chrono::NaiveDate;

use super::*;

scenarios!(
    submit_and_read,
    duplicate_application,
    invalid_child_iin,
    missing_document,
    age_not_eligible,
    document_of_another_parent,
);

async fn submit_and_read(h: Harness) {
    let school = h.school().await;
    let parent = h.person("Сәуле Ахметова").await;
    let child = new_child();
    let (s, app) = h.apply(&parent, &school.org_id, &child).await;
    assert_eq!(s, 201, "submit: {app}");
    let id = str_field(&app, "id");
    let number = app["number"]
        .as_u64()
        .unwrap_or_else(|| panic!("number is not an integer ≥ 0: {app}"));
    assert!(number >= 1, "{app}");
    assert_eq!(app["status"], "in_review", "{app}");
    assert_eq!(app["admission_type"], "outside", "{app}");
    assert_eq!(app["overdue"], false, "{app}");
    let submitted = time_plus5(&app, "submitted_at");
    let due = time_plus5(&app, "due_at");
    assert!(
        due > submitted,
        "due_at {due} is not after submitted_at {submitted}"
    );

    // The applicant reads it.
    let (s, got) = h
        .get(&format!("/api/applications/{id}"), Some(&parent.token))
        .await;
    assert_eq!(s, 200, "applicant reads: {got}");
    assert_eq!(got["id"], id.as_str(), "{got}");
    assert_eq!(got["status"], "in_review", "{got}");
    assert_eq!(got["number"].as_u64(), Some(number), "{got}");

    // Staff of its organisation read it too.
    let (s, got) = h
        .get(
            &format!("/api/applications/{id}"),
            Some(&school.director.token),
        )
        .await;
    assert_eq!(s, 200, "the director reads: {got}");

    // It is in the applicant's list.
    let (s, mine) = h.get("/api/me/applications", Some(&parent.token)).await;
    assert_eq!(s, 200, "{mine}");
    let items = mine["items"]
        .as_array()
        .unwrap_or_else(|| panic!("no items in {mine}"));
    assert!(
        items.iter().any(|a| a["id"] == id.as_str()),
        "{id} not in /api/me/applications: {mine}"
    );

    // Its history starts with the submission.
    let events = h.history(&parent.token, &id).await;
    assert!(
        events.iter().any(|e| e["action"] == "submitted"),
        "no submitted event: {events:?}"
    );

    // Another parent sees nothing of it.
    let other = h.person("Чужой Родитель").await;
    assert_error(
        &h.get(&format!("/api/applications/{id}"), Some(&other.token))
            .await,
        404,
        "not_found",
        Lang::Ru,
    );
    assert_error(
        &h.get(
            &format!("/api/applications/{id}/history"),
            Some(&other.token),
        )
        .await,
        404,
        "not_found",
        Lang::Ru,
    );
    let (s, theirs) = h.get("/api/me/applications", Some(&other.token)).await;
    assert_eq!(s, 200, "{theirs}");
    assert!(
        !theirs["items"]
            .as_array()
            .is_some_and(|a| a.iter().any(|a| a["id"] == id.as_str())),
        "another parent's list shows {id}: {theirs}"
    );
    // An unknown application is not found either.
    assert_error(
        &h.get("/api/applications/no-such-application", Some(&parent.token))
            .await,
        404,
        "not_found",
        Lang::Ru,
    );
}

async fn duplicate_application(h: Harness) {
    let school = h.school().await;
    let parent = h.person("Дубль Родителев").await;
    let other_parent = h.person("Второй Родитель").await;
    let child = new_child();
    h.register_child(&child.iin, &[&parent, &other_parent], None)
        .await;
    let (s, first) = h.apply_registered(&parent, &school.org_id, &child).await;
    assert_eq!(s, 201, "first: {first}");

    // The same child again, to the same school.
    assert_error(
        &h.apply_registered(&parent, &school.org_id, &child).await,
        409,
        "duplicate_application",
        Lang::Ru,
    );
    // ... to another school.
    let other_school = h.school().await;
    assert_error(
        &h.apply_registered(&parent, &other_school.org_id, &child)
            .await,
        409,
        "duplicate_application",
        Lang::Ru,
    );
    // ... by the other legal representative.
    assert_error(
        &h.apply_registered(&other_parent, &school.org_id, &child)
            .await,
        409,
        "duplicate_application",
        Lang::Ru,
    );

    // A sibling is fine.
    let (s, sibling) = h.apply(&parent, &school.org_id, &new_child()).await;
    assert_eq!(s, 201, "sibling: {sibling}");
}

async fn invalid_child_iin(h: Harness) {
    let school = h.school().await;
    let parent = h.person("Ошибка Иинова").await;
    let docs = h.upload_documents(&parent.token).await;
    let mut child = child_born(NaiveDate::from_ymd_opt(2019, 5, 10).unwrap(), true);
    child.iin = INVALID_IIN.to_string();
    let body = application(&school.org_id, &child, &docs);

    let ru = assert_error(
        &h.submit(Some(&parent.token), &body).await,
        422,
        "invalid_iin",
        Lang::Ru,
    );
    let kk_resp = h
        .request(
            Method::POST,
            "/api/applications",
            Some(&parent.token),
            Body::Json(&body),
            Some("kk"),
        )
        .await;
    let kk = assert_error(&kk_resp, 422, "invalid_iin", Lang::Kk);
    assert_ne!(ru, kk, "the Kazakh message equals the Russian one");
    // Any other language gives Russian.
    let en_resp = h
        .request(
            Method::POST,
            "/api/applications",
            Some(&parent.token),
            Body::Json(&body),
            Some("en"),
        )
        .await;
    let en = assert_error(&en_resp, 422, "invalid_iin", Lang::Ru);
    assert_eq!(
        en, ru,
        "Accept-Language: en should give the Russian message"
    );

    // A valid IIN whose birth date or sex does not match the child's.
    let good = child_born(NaiveDate::from_ymd_opt(2019, 5, 10).unwrap(), true);
    let mut wrong_date = good.clone();
    wrong_date.birth_date = "2019-05-11".into();
    assert_error(
        &h.submit(
            Some(&parent.token),
            &application(&school.org_id, &wrong_date, &docs),
        )
        .await,
        422,
        "iin_mismatch",
        Lang::Ru,
    );
    let mut wrong_sex = good.clone();
    wrong_sex.sex = "female";
    assert_error(
        &h.submit(
            Some(&parent.token),
            &application(&school.org_id, &wrong_sex, &docs),
        )
        .await,
        422,
        "iin_mismatch",
        Lang::Ru,
    );
}

async fn missing_document(h: Harness) {
    let school = h.school().await;
    let parent = h.person("Без Паспорта").await;
    let docs: Vec<_> = h
        .upload_documents(&parent.token)
        .await
        .into_iter()
        .filter(|(kind, _)| kind != "health_passport")
        .collect();
    let body = application(&school.org_id, &new_child(), &docs);
    assert_error(
        &h.submit(Some(&parent.token), &body).await,
        422,
        "missing_document",
        Lang::Ru,
    );
    // No documents at all.
    let body = application(&school.org_id, &new_child(), &[]);
    assert_error(
        &h.submit(Some(&parent.token), &body).await,
        422,
        "missing_document",
        Lang::Ru,
    );
}

async fn age_not_eligible(h: Harness) {
    let school = h.school().await;
    let parent = h.person("Старший Ребёнков").await;
    let too_old = child_born(NaiveDate::from_ymd_opt(2015, 3, 14).unwrap(), false);
    assert_error(
        &h.apply(&parent, &school.org_id, &too_old).await,
        422,
        "age_not_eligible",
        Lang::Ru,
    );
    let too_young = child_born(NaiveDate::from_ymd_opt(2022, 3, 14).unwrap(), true);
    assert_error(
        &h.apply(&parent, &school.org_id, &too_young).await,
        422,
        "age_not_eligible",
        Lang::Ru,
    );
    // The bounds of the age window for 2026-2027: 2018-09-02 ..= 2020-12-31.
    let first_day = child_born(NaiveDate::from_ymd_opt(2018, 9, 2).unwrap(), true);
    let (s, b) = h.apply(&parent, &school.org_id, &first_day).await;
    assert_eq!(s, 201, "born 2018-09-02: {b}");
    let last_day = child_born(NaiveDate::from_ymd_opt(2020, 12, 31).unwrap(), false);
    let (s, b) = h.apply(&parent, &school.org_id, &last_day).await;
    assert_eq!(s, 201, "born 2020-12-31: {b}");
    let day_before = child_born(NaiveDate::from_ymd_opt(2018, 9, 1).unwrap(), true);
    assert_error(
        &h.apply(&parent, &school.org_id, &day_before).await,
        422,
        "age_not_eligible",
        Lang::Ru,
    );
}

async fn document_of_another_parent(h: Harness) {
    let school = h.school().await;
    let owner = h.person("Хозяин Файлов").await;
    let thief = h.person("Чужой Файлов").await;
    let owner_docs = h.upload_documents(&owner.token).await;
    let mut thief_docs = h.upload_documents(&thief.token).await;
    // The thief's own photo is replaced with the owner's.
    thief_docs[0] = owner_docs[0].clone();
    let body = application(&school.org_id, &new_child(), &thief_docs);
    assert_error(
        &h.submit(Some(&thief.token), &body).await,
        422,
        "document_not_found",
        Lang::Ru,
    );
    // A file id that does not exist at all.
    let mut bogus = owner_docs.clone();
    bogus[1].1 = "no-such-file".into();
    assert_error(
        &h.submit(
            Some(&owner.token),
            &application(&school.org_id, &new_child(), &bogus),
        )
        .await,
        422,
        "document_not_found",
        Lang::Ru,
    );
}
