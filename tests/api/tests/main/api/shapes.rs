//! A body of the wrong shape is refused with the field it concerns, in the caller's language:
//! a wrong enum value, a wrong type, a missing field, at any depth.

use super::*;

scenarios!(shape_errors_name_the_field);

/// A change that spoils one field of a valid body.
type Edit = fn(&mut Value);

async fn shape_errors_name_the_field(h: Harness) {
    let school = h.school().await;
    let parent = h.person("Форма Полева").await;
    let docs = h.upload_documents(&parent.token).await;
    let valid = application(&school.org_id, &new_child(), &docs);
    let cases: [(&str, Edit); 5] = [
        ("language", |b| b["language"] = json!("de")),
        ("transport_requested", |b| {
            b["transport_requested"] = json!("yes")
        }),
        ("child.sex", |b| b["child"]["sex"] = json!("unknown")),
        ("applicant.relation", |b| {
            b["applicant"]["relation"] = json!(42)
        }),
        ("documents[0].kind", |b| {
            b["documents"][0]["kind"] = json!("passport_of_the_moon")
        }),
    ];
    for (i, (field, edit)) in cases.into_iter().enumerate() {
        let mut body = valid.clone();
        edit(&mut body);
        let lang = if i % 2 == 0 { "ru" } else { "kk" };
        let resp = h
            .request(
                Method::POST,
                "/api/applications",
                Some(&parent.token),
                Body::Json(&body),
                Some(lang),
            )
            .await;
        let expected = if lang == "ru" { Lang::Ru } else { Lang::Kk };
        assert_error(&resp, 422, "validation_failed", expected);
        assert_eq!(resp.1["error"]["field"], field, "{}", resp.1);
    }
    // A missing field is named where it is missing.
    let mut body = valid.clone();
    body["child"].as_object_mut().unwrap().remove("last_name");
    let resp = h.submit(Some(&parent.token), &body).await;
    assert_error(&resp, 422, "validation_failed", Lang::Ru);
    assert_eq!(resp.1["error"]["field"], "child.last_name", "{}", resp.1);
}
