//! A college's specialty lines (`/api/orgs/{org}/specialties`) and the region's college
//! campaign (`/api/admin/college-campaign/{year}`, public `/api/public/college-campaign/...`):
//! the director (or ОСО) manages the lines, the executor reads them, another college's
//! director neither; the region admin sets the campaign of a year, anyone reads it.

use api_tests::*;

scenarios!(
    the_director_manages_the_lines,
    lines_are_refused_to_others_and_to_bad_input,
    the_admin_sets_the_campaign_and_the_public_reads_it,
);

const LINE: &str = "06130100-ru-full_time-grade9";

/// A college in astana, created by the harness's admin, with a fresh director.
async fn college(h: &Harness) -> School {
    let admin = h.admin().await;
    let director = h.person("Директор Колледжев").await;
    let mut body = school_body(&director.iin);
    body["kind"] = json!("college");
    body["name"] = json!({"ru": "Высший колледж «Сапа»", "kk": "«Сапа» жоғары колледжі"});
    let (s, org) = h.post("/api/admin/orgs", Some(&admin.token), &body).await;
    assert_eq!(s, 201, "create college: {org}");
    School {
        org_id: str_field(&org, "id"),
        director,
        limit_id: String::new(),
    }
}

fn line_body(state: u32, paid: u32) -> Value {
    json!({
        "code": "06130100",
        "name": {"ru": "Программное обеспечение", "kk": "Бағдарламалық қамтамасыз ету"},
        "qualification": {
            "ru": "4S06130103 Разработчик программного обеспечения",
            "kk": "4S06130103 Бағдарламалық қамтамасыз етуді әзірлеуші",
        },
        "language": "ru",
        "form": "full_time",
        "basis": "grade9",
        "state_places": state,
        "paid_places": paid,
    })
}

fn lines_path(org: &School) -> String {
    format!("/api/orgs/{}/specialties", org.org_id)
}

async fn put_line(
    h: &Harness,
    org: &School,
    who: &Person,
    line: &str,
    body: &Value,
) -> (u16, Value) {
    h.put(
        &format!("{}/{line}", lines_path(org)),
        Some(&who.token),
        body,
    )
    .await
}

/// `PUT` with `Accept-Language: kk`.
async fn put_kk(h: &Harness, path: &str, who: &Person, body: &Value) -> (u16, Value) {
    h.request(
        Method::PUT,
        path,
        Some(&who.token),
        Body::Json(body),
        Some("kk"),
    )
    .await
}

/// Asserts a 422 `validation_failed` on `field`, its message in `lang`.
#[track_caller]
fn refused(resp: &(u16, Value), field: &str, lang: Lang) {
    assert_error(resp, 422, "validation_failed", lang);
    assert_eq!(resp.1["error"]["field"], field, "{}", resp.1);
}

/// The college's lines as `who` lists them, asserting 200.
async fn lines(h: &Harness, org: &School, who: &Person) -> Vec<Value> {
    let (s, list) = h.get(&lines_path(org), Some(&who.token)).await;
    assert_eq!(s, 200, "list lines: {list}");
    list["items"]
        .as_array()
        .unwrap_or_else(|| panic!("no items in {list}"))
        .clone()
}

async fn the_director_manages_the_lines(h: Harness) {
    let c = college(&h).await;
    let d = c.director.clone();
    assert!(lines(&h, &c, &d).await.is_empty());

    let (s, line) = put_line(&h, &c, &d, LINE, &line_body(25, 10)).await;
    assert_eq!(s, 200, "put: {line}");
    assert_eq!(line["id"], LINE, "{line}");
    assert_eq!(line["state_places"], 25, "{line}");
    assert_eq!(lines(&h, &c, &d).await, vec![line]);

    // Changed in place: still one line, the new places.
    let (s, changed) = put_line(&h, &c, &d, LINE, &line_body(30, 5)).await;
    assert_eq!(s, 200, "change: {changed}");
    let listed = lines(&h, &c, &d).await;
    assert_eq!(listed.len(), 1, "{listed:?}");
    assert_eq!(
        (&listed[0]["state_places"], &listed[0]["paid_places"]),
        (&json!(30), &json!(5))
    );
    // Another line of the same code: another language is another line.
    let mut kk = line_body(20, 0);
    kk["language"] = json!("kk");
    let kk_line = "06130100-kk-full_time-grade9";
    let (s, b) = put_line(&h, &c, &d, kk_line, &kk).await;
    assert_eq!(s, 200, "kk line: {b}");
    assert_eq!(lines(&h, &c, &d).await.len(), 2);

    // The executor reads the lines but does not change them.
    let executor = hire_executor(&h, &c).await;
    assert_eq!(lines(&h, &c, &executor).await.len(), 2);
    let resp = put_line(&h, &c, &executor, LINE, &line_body(1, 1)).await;
    assert_error(&resp, 403, "forbidden", Lang::Ru);
    let path = format!("{}/{LINE}", lines_path(&c));
    let resp = h.delete(&path, Some(&executor.token)).await;
    assert_error(&resp, 403, "forbidden", Lang::Ru);

    let (s, b) = h.delete(&path, Some(&d.token)).await;
    assert_eq!((s, &b), (204, &Value::Null), "remove");
    let left = lines(&h, &c, &d).await;
    assert_eq!(left.len(), 1, "{left:?}");
    assert_eq!(left[0]["id"], kk_line);
    let resp = h.delete(&path, Some(&d.token)).await;
    assert_error(&resp, 404, "not_found", Lang::Ru);
    assert_unauthorized(&h.get(&lines_path(&c), None).await);
}

async fn lines_are_refused_to_others_and_to_bad_input(h: Harness) {
    let c = college(&h).await;
    let d = c.director.clone();
    let other = college(&h).await;

    // Another college's director: neither reads nor writes.
    let resp = put_line(&h, &c, &other.director, LINE, &line_body(5, 5)).await;
    assert_error(&resp, 403, "forbidden", Lang::Ru);
    let resp = h.get(&lines_path(&c), Some(&other.director.token)).await;
    assert_error(&resp, 403, "forbidden", Lang::Ru);
    let resp = h
        .delete(
            &format!("{}/{LINE}", lines_path(&c)),
            Some(&other.director.token),
        )
        .await;
    assert_error(&resp, 403, "forbidden", Lang::Ru);

    // A code that is not 8 digits, in Kazakh.
    let mut bad = line_body(5, 5);
    bad["code"] = json!("0613010");
    let path = format!("{}/0613010-ru-full_time-grade9", lines_path(&c));
    refused(&put_kk(&h, &path, &d, &bad).await, "code", Lang::Kk);
    // The path names another line than the body.
    let resp = put_line(&h, &c, &d, "06130100-ru-evening-grade9", &line_body(5, 5)).await;
    refused(&resp, "id", Lang::Ru);
    // An empty Kazakh name; places beyond reason.
    let mut bad = line_body(5, 5);
    bad["name"]["kk"] = json!("  ");
    let resp = put_line(&h, &c, &d, LINE, &bad).await;
    refused(&resp, "name.kk", Lang::Ru);
    let resp = put_line(&h, &c, &d, LINE, &line_body(10_001, 0)).await;
    refused(&resp, "state_places", Lang::Ru);
    assert!(lines(&h, &c, &d).await.is_empty());

    // A school's director may manage places, but a school has no specialty lines.
    let school = h.school().await;
    let resp = put_line(&h, &school, &school.director, LINE, &line_body(5, 5)).await;
    refused(&resp, "org", Lang::Ru);
}

const YEAR_PATH: &str = "/api/admin/college-campaign/2026-2027";
const PUBLIC: &str = "/api/public/college-campaign/astana/2026-2027";

/// The shares of order No. 261, by category, in basis points.
const ORDER_261: [(&str, u64); 6] = [
    ("disability", 100),
    ("veterans", 50),
    ("rural_youth", 3500),
    ("kandas", 400),
    ("orphans", 100),
    ("large_families", 500),
];

async fn the_admin_sets_the_campaign_and_the_public_reads_it(h: Harness) {
    let admin = h.admin().await;
    let (s, default) = h.get(YEAR_PATH, Some(&admin.token)).await;
    assert_eq!(s, 200, "default: {default}");
    assert_eq!(default["academic_year"], YEAR);
    assert_eq!(
        (&default["opens"], &default["closes"]),
        (&json!("2026-06-20"), &json!("2026-08-25"))
    );
    let shares: Vec<(String, u64)> = default["quotas"]
        .as_array()
        .unwrap_or_else(|| panic!("no quotas in {default}"))
        .iter()
        .map(|q| {
            (
                str_field(q, "category"),
                q["basis_points"].as_u64().unwrap(),
            )
        })
        .collect();
    let expected: Vec<(String, u64)> = ORDER_261.iter().map(|(c, b)| (c.to_string(), *b)).collect();
    assert_eq!(shares, expected);
    let (s, public) = h.get(PUBLIC, None).await;
    assert_eq!((s, &public), (200, &default), "public default");

    // Nobody but a region admin reads or sets it; nobody unsigned sets it.
    let person = h.person("Кто Угодно").await;
    let resp = h.get(YEAR_PATH, Some(&person.token)).await;
    assert_error(&resp, 403, "forbidden", Lang::Ru);
    let resp = h.put(YEAR_PATH, Some(&person.token), &default).await;
    assert_error(&resp, 403, "forbidden", Lang::Ru);
    assert_unauthorized(&h.put(YEAR_PATH, None, &default).await);

    // The path's year is the body's; the period is in order; the year is a year.
    let mut other_year = default.clone();
    other_year["academic_year"] = json!("2027-2028");
    let resp = h.put(YEAR_PATH, Some(&admin.token), &other_year).await;
    refused(&resp, "academic_year", Lang::Ru);
    let mut reversed = default.clone();
    reversed["opens"] = json!("2026-08-26");
    let resp = put_kk(&h, YEAR_PATH, &admin, &reversed).await;
    refused(&resp, "opens", Lang::Kk);
    let resp = h
        .get("/api/admin/college-campaign/2026", Some(&admin.token))
        .await;
    assert_error(&resp, 422, "invalid_academic_year", Lang::Ru);

    // Set: a longer period, no veterans' share; read back by the admin and the public.
    let mut set = default.clone();
    set["opens"] = json!("2026-06-01");
    set["closes"] = json!("2026-08-31");
    set["quotas"] = json!([
        {"category": "rural_youth", "basis_points": 3000},
        {"category": "large_families", "basis_points": 1000},
    ]);
    let (s, stored) = h.put(YEAR_PATH, Some(&admin.token), &set).await;
    assert_eq!((s, &stored), (200, &set), "put campaign");
    let (s, read) = h.get(YEAR_PATH, Some(&admin.token)).await;
    assert_eq!((s, &read), (200, &set), "admin reads it back");
    let (s, public) = h.get(PUBLIC, None).await;
    assert_eq!((s, &public), (200, &set), "public reads it");
    // Another year and another region keep their defaults (the demo sets Astana's 2027-2028).
    let (s, next) = h
        .get("/api/public/college-campaign/astana/2028-2029", None)
        .await;
    assert_eq!((s, &next["opens"]), (200, &json!("2028-06-20")), "{next}");
    let (s, karaganda) = h
        .get("/api/public/college-campaign/karaganda/2026-2027", None)
        .await;
    assert_eq!((s, &karaganda), (200, &default), "karaganda");
    let resp = h
        .get("/api/public/college-campaign/ASTANA!/2026-2027", None)
        .await;
    assert_error(&resp, 404, "not_found", Lang::Ru);
}
