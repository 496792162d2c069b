//! Submissions against the register: a stranger is refused and the parent then applies, the
//! admission type and the relation are the register's, and an application of someone who is
//! no longer a representative gives way to the representative's.

use super::*;

scenarios!(
    stranger_refused_parent_applies,
    admission_type_follows_the_register,
    stale_guard_holder_gives_way,
);

async fn stranger_refused_parent_applies(h: Harness) {
    let school = h.school().await;
    let parent = h.person("Ана Заңды").await;
    let stranger = h.person("Бөгде Адам").await;
    let child = new_child();
    h.register_child(&child.iin, &[&parent], None).await;

    // The stranger is refused, in Russian and in Kazakh, and takes nothing.
    let docs = h.upload_documents(&stranger.token).await;
    let body = application(&school.org_id, &child, &docs);
    let ru = assert_not_representative(&h.submit(Some(&stranger.token), &body).await, Lang::Ru);
    let kk = assert_not_representative(&submit_kk(&h, &stranger, &body).await, Lang::Kk);
    assert_ne!(ru, kk);
    // A child the register does not know is refused alike: nothing tells who is registered.
    let unknown = application(&school.org_id, &new_child(), &docs);
    assert_not_representative(&h.submit(Some(&stranger.token), &unknown).await, Lang::Ru);
    let (s, mine) = h.get("/api/me/applications", Some(&stranger.token)).await;
    assert_eq!(
        (s, mine["items"].as_array().map(Vec::len)),
        (200, Some(0)),
        "{mine}"
    );

    // The real parent applies.
    let (s, app) = h.apply_registered(&parent, &school.org_id, &child).await;
    assert_eq!(s, 201, "the parent applies: {app}");
    assert_eq!(app["applicant_iin"], parent.iin.as_str(), "{app}");
    // Still refused to the stranger now that the child has an application.
    assert_not_representative(&h.submit(Some(&stranger.token), &body).await, Lang::Ru);
}

async fn admission_type_follows_the_register(h: Harness) {
    let school = h.school().await;
    h.attach(&school, "astana-e117").await;
    let parent = h.person("Мекенжай Тіркеулі").await;
    let docs = h.upload_documents(&parent.token).await;
    let apply = |address: Option<&'static str>, sent: Option<&'static str>| {
        let (h, parent, docs, org) = (&h, &parent, &docs, &school.org_id);
        async move {
            let child = new_child();
            h.register_child(&child.iin, &[parent], address).await;
            let mut body = application(org, &child, docs);
            // What the parent sends as the registered address is not taken.
            body["registered_address_id"] = json!(sent);
            body["applicant"]["relation"] = json!("father");
            let (s, app) = h.submit(Some(&parent.token), &body).await;
            assert_eq!(s, 201, "{app}");
            app
        }
    };

    // A house of the attached street: by microdistrict, with the register's address.
    let app = apply(Some("astana-e117-37"), None).await;
    assert_eq!(app["admission_type"], "microdistrict", "{app}");
    assert_eq!(app["registered_address_id"], "astana-e117-37", "{app}");
    let text = app["registered_address"]["ru"].as_str().unwrap_or_default();
    assert!(text.contains("Е 117") && text.contains("37"), "{app}");
    // The relation is the register's (mother), not the one sent.
    assert_eq!(app["applicant"]["relation"], "mother", "{app}");

    // Elsewhere, even when the parent names an attached house: outside.
    let app = apply(Some("astana-kabanbay-11"), Some("astana-e117-37")).await;
    assert_eq!(app["admission_type"], "outside", "{app}");
    assert_eq!(app["registered_address_id"], "astana-kabanbay-11", "{app}");

    // No address in the register: outside, and no registered address.
    let app = apply(None, Some("astana-e117-39")).await;
    assert_eq!(app["admission_type"], "outside", "{app}");
    assert_eq!(app["registered_address_id"], Value::Null, "{app}");
    assert!(
        app.get("registered_address").is_none_or(Value::is_null),
        "{app}"
    );
}

async fn stale_guard_holder_gives_way(h: Harness) {
    let school = h.school().await;
    let former = h.person("Бұрынғы Қорғаншы").await;
    let parent = h.person("Жаңа Ата-ана").await;
    let child = new_child();
    // The child's guardian applies, and the director's accept decision takes a seat.
    h.register_child(&child.iin, &[&former], None).await;
    let (s, old) = h.apply_registered(&former, &school.org_id, &child).await;
    assert_eq!(s, 201, "{old}");
    let old_id = str_field(&old, "id");
    h.decided(&school.director.token, &school.org_id, &old_id, &accept())
        .await;
    assert_eq!(h.limit_of(&school).await["taken_outside"], 1);

    // The register now names another representative: the former guardian's application no
    // longer blocks the child, and the former guardian may no longer apply.
    h.register_child(&child.iin, &[&parent], None).await;
    assert_not_representative(
        &h.apply_registered(&former, &school.org_id, &child).await,
        Lang::Ru,
    );
    let (s, new) = h.apply_registered(&parent, &school.org_id, &child).await;
    assert_eq!(s, 201, "the representative applies: {new}");

    // The old application is withdrawn by the system, its seat freed, in its history.
    let old = h.read_application(&former.token, &old_id).await;
    assert_eq!(old["status"], "withdrawn", "{old}");
    assert_eq!(h.limit_of(&school).await["taken_outside"], 0);
    let events = h.history(&former.token, &old_id).await;
    let last = events.last().unwrap_or_else(|| panic!("no history"));
    assert_eq!(
        (last["action"].as_str(), last["role"].as_str()),
        (Some("withdrawn"), Some("system")),
        "{events:?}"
    );

    // The representative's application holds the guard now.
    assert_error(
        &h.apply_registered(&parent, &school.org_id, &child).await,
        409,
        "duplicate_application",
        Lang::Ru,
    );
}
