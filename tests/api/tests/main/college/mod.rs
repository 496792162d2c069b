//! Black-box tests of college admission (seed 000, issue 12): the submission and who may make
//! it ([`submit`]), the shared pipeline serving a college application — the college's refusal
//! reasons, the director's signature or return, the notices, the deadline ([`pipeline`]) — and
//! the ranked lists ([`ranking`]), each scenario on both stores.
//!
//! The clock stands on Wednesday 1 July 2026, inside the default campaign of 2026-2027
//! (20 June – 25 August). A college here is a [`School`] without a class limit (`limit_id`
//! empty), so the staff helpers (hiring, the director's key, signing) serve it as they are.

use api_tests::*;
use chrono::NaiveDate;

mod pipeline;
mod ranking;
mod submit;

/// Wednesday 1 July 2026, 10:00 in Almaty: a working day inside the default campaign.
pub const OPEN: &str = "2026-07-01T10:00:00+05:00";

/// A specialty line of a college: code, language, form, basis.
#[derive(Clone, Copy, Debug)]
pub struct Line {
    pub code: &'static str,
    pub language: &'static str,
    pub form: &'static str,
    pub basis: &'static str,
}

impl Line {
    pub const fn grade9(code: &'static str, language: &'static str) -> Line {
        Line {
            code,
            language,
            form: "full_time",
            basis: "grade9",
        }
    }

    /// The line's id in URLs: `06130100-ru-full_time-grade9`.
    pub fn id(&self) -> String {
        format!(
            "{}-{}-{}-{}",
            self.code, self.language, self.form, self.basis
        )
    }

    /// The choice of this line in an application.
    pub fn choice(&self) -> Value {
        json!({"code": self.code, "language": self.language, "form": self.form})
    }
}

/// Four lines every college of these tests offers.
pub const LINES: [Line; 4] = [
    Line::grade9("06130100", "ru"),
    Line::grade9("06130100", "kk"),
    Line::grade9("07130100", "ru"),
    Line::grade9("10130300", "kk"),
];

/// The body of `POST /api/admin/orgs` for a college in astana, with `director_iin` or none.
pub fn college_body(director_iin: Option<&str>) -> Value {
    let mut body = school_body(director_iin.unwrap_or_default());
    let n = next_counter();
    body["kind"] = json!("college");
    body["name"] = json!({"ru": format!("Колледж №{n}"), "kk": format!("№{n} колледж")});
    if director_iin.is_none() {
        body.as_object_mut()
            .expect("an object")
            .remove("director_iin");
    }
    body
}

/// The region admin sets the campaign of [`YEAR`]: the period and the quota shares, asserting
/// success; returns the campaign sent.
pub async fn set_campaign(h: &Harness, opens: &str, closes: &str, quotas: Value) -> Value {
    let admin = h.admin().await;
    let campaign = json!({
        "academic_year": YEAR, "opens": opens, "closes": closes, "quotas": quotas,
    });
    let path = format!("/api/admin/college-campaign/{YEAR}");
    let (s, c) = h.put(&path, Some(&admin.token), &campaign).await;
    assert!(s == 200 || s == 201, "set the campaign: {s} {c}");
    campaign
}

/// A college (see [`college`]) with an executor the director hired, and two applications of
/// students applying alone: the first naming two lines with `scores.0`, the second one line with
/// `scores.1`. Returns the college, the executor and both (student, application).
pub async fn college_with_two(
    h: &Harness,
    scores: (f64, f64),
) -> (School, Person, [(Person, Value); 2]) {
    let college = college(h).await;
    let executor = hire_executor(h, &college).await;
    let first = applied_alone(h, &college, &LINES[..2], scores.0).await;
    let second = applied_alone(h, &college, &LINES[..1], scores.1).await;
    (college, executor, [first, second])
}

/// The director puts a line with `state_places` state-order places, asserting success.
pub async fn put_line(h: &Harness, college: &School, line: Line, state_places: u32) {
    let body = json!({
        "code": line.code,
        "name": {"ru": format!("Специальность {}", line.code), "kk": format!("{} мамандығы", line.code)},
        "qualification": {"ru": "Техник-программист", "kk": "Техник-бағдарламашы"},
        "language": line.language, "form": line.form, "basis": line.basis,
        "state_places": state_places, "paid_places": 5,
    });
    let (s, b) = h
        .put(
            &format!("/api/orgs/{}/specialties/{}", college.org_id, line.id()),
            Some(&college.director.token),
            &body,
        )
        .await;
    assert!(s == 200 || s == 201, "put line {}: {s} {b}", line.id());
}

/// A college created by the admin with a fresh director, offering [`LINES`] (10 state-order
/// places each).
pub async fn college(h: &Harness) -> School {
    let admin = h.admin().await;
    let director = h.person("Директор Колледжев").await;
    let (s, org) = h
        .post(
            "/api/admin/orgs",
            Some(&admin.token),
            &college_body(Some(&director.iin)),
        )
        .await;
    assert_eq!(s, 201, "create college: {org}");
    let college = School {
        org_id: str_field(&org, "id"),
        director,
        limit_id: String::new(),
    };
    for line in LINES {
        put_line(h, &college, line, 10).await;
    }
    college
}

/// A student born on `birth`, signed in as themselves.
pub async fn student(h: &Harness, birth: NaiveDate) -> (ChildData, Person) {
    let data = child_born(birth, next_counter().is_multiple_of(2));
    let person = h
        .login_as(
            &data.iin,
            &format!("{} {}", data.last_name, data.first_name),
        )
        .await;
    (data, person)
}

/// Born 1 May 2009: 17 on [`OPEN`], applies alone.
pub fn seventeen() -> NaiveDate {
    NaiveDate::from_ymd_opt(2009, 5, 1).unwrap()
}

/// Born 10 January 2011: 15 on [`OPEN`], applies through a legal representative.
pub fn fifteen() -> NaiveDate {
    NaiveDate::from_ymd_opt(2011, 1, 10).unwrap()
}

/// Uploads the documents of a college application as `token`: the certificate, the photo,
/// the 075/у medical certificate, and a quota's supporting document when `quota`.
pub async fn college_documents(h: &Harness, token: &str, quota: bool) -> Vec<Value> {
    let mut kinds = vec![
        ("education_document", "application/pdf"),
        ("photo", "image/jpeg"),
        ("medical_certificate", "application/pdf"),
    ];
    if quota {
        kinds.push(("quota_proof", "application/pdf"));
    }
    let mut out = Vec::new();
    for (kind, ct) in kinds {
        let bytes = if ct == "image/jpeg" {
            fake_jpeg(1500)
        } else {
            fake_pdf(2000)
        };
        let id = h.upload(token, kind, ct, &bytes).await;
        out.push(json!({"kind": kind, "file_id": id}));
    }
    out
}

/// A complete college application for `student` to `org_id` naming `lines` in order, with
/// `score` and the `documents` given.
pub fn college_application(
    org_id: &str,
    student: &ChildData,
    lines: &[Line],
    score: f64,
    documents: Vec<Value>,
) -> Value {
    json!({
        "org_id": org_id,
        "academic_year": YEAR,
        "student": student.json(),
        "applicant": {"phone": "+77017654321", "email": "s@example.kz", "relation": "student"},
        "basis": "grade9",
        "certificate_number": "ЖОБ 0012345",
        "average_score": score,
        "choices": lines.iter().map(Line::choice).collect::<Vec<_>>(),
        "quota": null,
        "disability": false,
        "dormitory": true,
        "documents": documents,
    })
}

/// `POST /api/college/applications` with `body` as `who`.
pub async fn submit_college(h: &Harness, who: &Person, body: &Value) -> (u16, Value) {
    h.post("/api/college/applications", Some(&who.token), body)
        .await
}

/// A 17-year-old applies alone to the college for `lines` with `score`, asserting 201;
/// returns the student (signed in) and the application.
pub async fn applied_alone(
    h: &Harness,
    college: &School,
    lines: &[Line],
    score: f64,
) -> (Person, Value) {
    let (data, me) = student(h, seventeen()).await;
    let docs = college_documents(h, &me.token, false).await;
    let body = college_application(&college.org_id, &data, lines, score, docs);
    let (s, app) = submit_college(h, &me, &body).await;
    assert_eq!(s, 201, "college application: {app}");
    (me, app)
}
