//! Who may do what, by role and endpoint group: the staff list is the director's, the oso
//! keeps to limits and the microdistrict, an executor to the journal and cards; a region admin
//! creates organisations only in a locality of their own region; dev mode listens on loopback
//! only.

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use api_tests::*;

scenarios!(
    each_role_reaches_its_own_endpoints,
    admins_stay_in_their_region,
);

/// The region admin of Karaganda in the demo seed (the dev runner loads it).
const KARAGANDA_ADMIN: &str = "790620300013";

async fn each_role_reaches_its_own_endpoints(h: Harness) {
    let school = h.school().await;
    let org = school.org_id.clone();
    let director = school.director.clone();
    let executor = hire_executor(&h, &school).await;
    let oso = h.person("Оспанова Сәуле").await;
    h.hire(&school, &oso, "Методист", &["oso"]).await;
    let parent = h.person("Ата-ана Бөтен").await;
    let (_, _, first) = h.applied(&school).await;
    let (_, _, second) = h.applied(&school).await;
    let (first, second) = (str_field(&first, "id"), str_field(&second, "id"));
    h.decided(&director.token, &org, &first, &accept()).await;
    let file = str_field(
        &h.read_application(&director.token, &second).await["documents"][0],
        "file_id",
    );

    let limit = format!("/api/orgs/{org}/limits/{}", school.limit_id);
    let seats = json!({"seats": 40, "classes": 2});
    let attach = json!({"address_id": "astana-e767"});
    let invite = json!({"iin": adult_iin(), "position": "Учитель", "roles": ["executor"]});
    let assign = json!({"iin": executor.iin});
    let app = |id: &str, action: &str| app_path(&org, id, action);
    // What is asked → the statuses of director, executor, oso and a parent; 0: not asked. The
    // director is asked last: their answers change the state (hire, assign, return).
    let rows = [
        row(
            "journal",
            "GET",
            format!("/api/orgs/{org}/applications"),
            None,
            [200, 200, 403, 403],
        ),
        row(
            "card",
            "GET",
            format!("/api/applications/{second}"),
            None,
            [200, 200, 404, 404],
        ),
        row(
            "history",
            "GET",
            format!("/api/applications/{second}/history"),
            None,
            [200, 200, 404, 404],
        ),
        row(
            "document",
            "GET",
            format!("/api/applications/{second}/documents/{file}"),
            None,
            [200, 200, 403, 404],
        ),
        row(
            "staff list",
            "GET",
            format!("/api/orgs/{org}/staff"),
            None,
            [200, 403, 403, 403],
        ),
        row(
            "hire",
            "POST",
            format!("/api/orgs/{org}/staff"),
            Some(invite),
            [202, 403, 403, 403],
        ),
        row(
            "limits",
            "GET",
            format!("/api/orgs/{org}/limits?academic_year={YEAR}"),
            None,
            [200, 200, 200, 403],
        ),
        row(
            "edit a limit",
            "PUT",
            limit,
            Some(seats),
            [200, 403, 200, 403],
        ),
        row(
            "microdistrict",
            "GET",
            format!("/api/orgs/{org}/microdistrict"),
            None,
            [200, 200, 200, 403],
        ),
        row(
            "attach",
            "POST",
            format!("/api/orgs/{org}/microdistrict"),
            Some(attach),
            [0, 403, 201, 403],
        ),
        row(
            "assign",
            "PUT",
            app(&second, "assignee"),
            Some(assign),
            [200, 403, 403, 403],
        ),
        row(
            "signing payload",
            "GET",
            app(&first, "signing-payload"),
            None,
            [200, 403, 403, 403],
        ),
        row(
            "decide",
            "POST",
            app(&second, "decision"),
            Some(accept()),
            [0, 200, 403, 403],
        ),
        row(
            "return",
            "POST",
            app(&first, "return"),
            Some(json!({"comment": "нет"})),
            [200, 403, 403, 403],
        ),
        row(
            "create an org",
            "POST",
            "/api/admin/orgs".into(),
            Some(school_body(&adult_iin())),
            [403; 4],
        ),
    ];
    for r in rows {
        let [by_director, by_executor, by_oso, by_parent] = r.want;
        for (who, want) in [
            (&executor, by_executor),
            (&oso, by_oso),
            (&parent, by_parent),
            (&director, by_director),
        ] {
            if want == 0 {
                continue;
            }
            let body = r.body.as_ref().map_or(Body::None, Body::Json);
            let method = Method::from_bytes(r.method.as_bytes()).expect("method");
            let (s, b) = h
                .request(method, &r.path, Some(&who.token), body, None)
                .await;
            assert_eq!(s, want, "{} as {}: {b}", r.what, who.name);
            if s == 403 {
                assert_error(&(s, b), 403, "forbidden", Lang::Ru);
            }
        }
    }
}

/// One request of [`each_role_reaches_its_own_endpoints`] and whom it answers how.
struct Row {
    what: &'static str,
    method: &'static str,
    path: String,
    body: Option<Value>,
    /// The statuses of the director, an executor, the oso and a parent.
    want: [u16; 4],
}

fn row(
    what: &'static str,
    method: &'static str,
    path: String,
    body: Option<Value>,
    want: [u16; 4],
) -> Row {
    Row {
        what,
        method,
        path,
        body,
        want,
    }
}

async fn admins_stay_in_their_region(h: Harness) {
    let admin = h.admin().await;
    let director = h.person("Директор Өңірлік").await;
    let create = |who: &Person, region: &str, locality: &str, lang: Option<&'static str>| {
        let mut body = school_body(&director.iin);
        body["region"] = json!(region);
        body["locality_id"] = json!(locality);
        let (h, token) = (&h, who.token.clone());
        async move {
            h.request(
                Method::POST,
                "/api/admin/orgs",
                Some(&token),
                Body::Json(&body),
                lang,
            )
            .await
        }
    };
    // A locality of another region, whatever region the body names.
    let resp = create(&admin, REGION, "karaganda", None).await;
    assert_error(&resp, 403, "outside_region", Lang::Ru);
    assert_eq!(resp.1["error"]["field"], "locality_id", "{}", resp.1);
    let resp = create(&admin, "karaganda", "karaganda", Some("kk")).await;
    assert_error(&resp, 403, "outside_region", Lang::Kk);
    assert_eq!(resp.1["error"]["field"], "region", "{}", resp.1);
    // A locality the register does not know.
    let resp = create(&admin, REGION, "atlantis", None).await;
    assert_error(&resp, 422, "validation_failed", Lang::Ru);
    assert_eq!(resp.1["error"]["field"], "locality_id", "{}", resp.1);
    // Each admin in their own.
    let (s, org) = create(&admin, REGION, "astana", None).await;
    assert_eq!(s, 201, "{org}");
    let karaganda = h.login_as(KARAGANDA_ADMIN, "Жумабаева Алия").await;
    let (s, org) = create(&karaganda, "karaganda", "karaganda", None).await;
    assert_eq!(s, 201, "{org}");
    assert_eq!(org["locality_id"], "karaganda", "{org}");
    let resp = create(&karaganda, "karaganda", "astana", None).await;
    assert_error(&resp, 403, "outside_region", Lang::Ru);
}

/// Dev mode trusts any IIN at its login: the runner refuses to start with it anywhere but on
/// loopback, and says why.
#[test]
fn dev_mode_refuses_a_non_loopback_address() {
    let data = tempfile::tempdir().expect("temp dir");
    for host in ["0.0.0.0", "::"] {
        let mut child = Command::new(runner_bin())
            .args(["--dev", "--host", host, "--port"])
            .arg(testkit::free_port().to_string())
            .arg("--data-dir")
            .arg(data.path())
            .current_dir(workspace_root())
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn the runner");
        let deadline = Instant::now() + Duration::from_secs(20);
        let status = loop {
            if let Some(status) = child.try_wait().expect("wait") {
                break status;
            }
            if Instant::now() > deadline {
                let _ = child.kill();
                panic!("the runner started in dev mode on {host}");
            }
            std::thread::sleep(Duration::from_millis(50));
        };
        let mut stderr = String::new();
        std::io::Read::read_to_string(&mut child.stderr.take().expect("stderr"), &mut stderr)
            .expect("stderr");
        assert!(!status.success(), "{host}: {status}");
        assert!(
            stderr.contains("--dev") && stderr.contains("loopback"),
            "{stderr}"
        );
    }
}
