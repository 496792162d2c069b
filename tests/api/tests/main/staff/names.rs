//! Positions from the reference list (seed 001: «Выберите должность из справочника») and the
//! staff's names, which come from their identity tokens.

use super::*;

scenarios!(positions_from_the_list, names_from_the_token);

#[track_caller]
fn entry<'a>(list: &'a [Value], iin: &str) -> &'a Value {
    list.iter()
        .find(|m| m["iin"] == iin)
        .unwrap_or_else(|| panic!("{iin} not in {list:?}"))
}

async fn positions_from_the_list(h: Harness) {
    let school = h.school().await;
    let org = school.org_id.clone();

    // A code, or the name in Russian or Kazakh in any case: the answer carries the code.
    for (given, code) in [
        ("teacher", "teacher"),
        ("социальный педагог", "social_pedagogue"),
        ("Іс жүргізуші", "clerk"),
    ] {
        let (s, inv) = h.invite(&school, &adult_iin(), given, &["executor"]).await;
        assert_eq!(s, 202, "{given}: {inv}");
        assert_eq!(inv["position"], code, "{inv}");
    }

    // Not of the list, none, or the director's own (the region admin appoints directors): 422
    // naming the field, in the caller's language.
    for position in ["Космонавт", "director", "Директор", "", " "] {
        let resp = h.invite(&school, &adult_iin(), position, &["oso"]).await;
        assert_error(&resp, 422, "validation_failed", Lang::Ru);
        assert_eq!(
            resp.1["error"]["field"], "position",
            "{position}: {}",
            resp.1
        );
    }
    let resp = h
        .request(
            Method::POST,
            &format!("/api/orgs/{org}/staff"),
            Some(&school.director.token),
            Body::Json(&json!({"iin": adult_iin(), "position": "janitor", "roles": ["oso"]})),
            Some("kk"),
        )
        .await;
    assert_error(&resp, 422, "validation_failed", Lang::Kk);
    assert_eq!(resp.1["error"]["field"], "position", "{}", resp.1);

    // Hired: the position stays with the membership; the appointed director's reads as such.
    let person = h.person("Бекенова Асемгүл").await;
    h.hire(&school, &person, "psychologist", &["executor"])
        .await;
    let list = staff(&h, &school.director, &org).await;
    assert_eq!(entry(&list, &person.iin)["position"], "psychologist");
    assert_eq!(entry(&list, &school.director.iin)["position"], "director");
}

async fn names_from_the_token(h: Harness) {
    let school = h.school().await;
    let org = school.org_id.clone();
    let dir = &school.director;

    // The director the region admin appointed is named at their first sign-in (the site asks
    // `GET /api/me` then): the admin's request could not name them.
    let list = staff(&h, dir, &org).await;
    assert!(entry(&list, &dir.iin)["name"].is_null(), "{list:?}");
    me(&h, dir).await;
    let list = staff(&h, dir, &org).await;
    assert_eq!(entry(&list, &dir.iin)["name"], dir.name.as_str());

    // An employee is named by their token when they consent (tidied); an invitation has no
    // name yet, only the IIN the director typed.
    let person = h.person("  Сейтова   Динара ").await;
    let (s, inv) = h
        .invite(&school, &person.iin, "secretary", &["executor"])
        .await;
    assert_eq!(s, 202, "{inv}");
    assert!(inv["name"].is_null(), "{inv}");
    let list = staff(&h, dir, &org).await;
    assert!(entry(&list, &person.iin)["name"].is_null(), "{list:?}");
    let (s, member) = h
        .answer_consent(&person, &str_field(&inv, "consent_id"), true)
        .await;
    assert_eq!(s, 200, "{member}");
    assert_eq!(member["name"], "Сейтова Динара", "{member}");
    let list = staff(&h, dir, &org).await;
    let e = entry(&list, &person.iin);
    assert_eq!(
        (e["name"].as_str(), e["position"].as_str()),
        (Some("Сейтова Динара"), Some("secretary")),
        "{e}"
    );

    // The token is the authority on a name: a new one replaces the kept one at sign-in.
    let renamed = h.login_as(&person.iin, "Сейтова-Ахметова Динара").await;
    me(&h, &renamed).await;
    let list = staff(&h, dir, &org).await;
    assert_eq!(entry(&list, &person.iin)["name"], "Сейтова-Ахметова Динара");
    // A parent's sign-in names nobody in any staff.
    let parent = h.person("Ата-ана Біреу").await;
    me(&h, &parent).await;
    assert!(
        staff(&h, dir, &org)
            .await
            .iter()
            .all(|m| m["iin"] != parent.iin.as_str())
    );
}
