//! The full lifecycle under load: each school's parents submit, the director decides in queue
//! order (accepting while seats last, then refusing for overfilled classes), signs each
//! decision with the school's dev-CA certificate, and each parent's decision notice is
//! awaited. The schools run side by side; a school's own steps follow its queue order, as the
//! strict order rule requires.

use std::time::{Duration, Instant};

use api_tests::{
    Api, ChildData, KeyBundle, School, application, chain_of, signature_of, str_field,
};
use serde_json::{Value, json};

/// A parent (signed in) and the child they apply for.
pub struct Case {
    pub token: String,
    /// The parent's uploaded documents: `(kind, file_id)`.
    pub docs: Vec<(String, String)>,
    pub child: ChildData,
}

pub struct Lifecycle {
    pub done: usize,
    pub elapsed: Duration,
    pub errors: Vec<String>,
}

/// Runs every school's cases to a delivered notice; `cases[i]` belong to `schools[i]`.
pub async fn run(api: &Api, schools: Vec<(School, KeyBundle, Vec<Case>)>) -> Lifecycle {
    let started = Instant::now();
    let tasks: Vec<_> = schools
        .into_iter()
        .map(|(school, key, cases)| {
            let api = api.clone();
            tokio::spawn(async move { one_school(&api, &school, &key, &cases).await })
        })
        .collect();
    let (mut done, mut errors) = (0, Vec::new());
    for t in tasks {
        let (d, e) = t.await.expect("lifecycle worker");
        done += d;
        errors.extend(e);
    }
    Lifecycle {
        done,
        elapsed: started.elapsed(),
        errors,
    }
}

fn code(b: &Value) -> &str {
    b["error"]["code"].as_str().unwrap_or("")
}

/// One school's cases: how many reached a delivered decision notice, and what went wrong.
async fn one_school(
    api: &Api,
    school: &School,
    key: &KeyBundle,
    cases: &[Case],
) -> (usize, Vec<String>) {
    let mut errors = Vec::new();
    let mut submitted = Vec::new();
    for case in cases {
        let (s, b) = api
            .submit(
                Some(&case.token),
                &application(&school.org_id, &case.child, &case.docs),
            )
            .await;
        match s {
            201 => submitted.push((case, str_field(&b, "id"))),
            _ => errors.push(format!("submit: {s} {b}")),
        }
    }
    let director = &school.director.token;
    let path = |id: &str, action: &str| api_tests::app_path(&school.org_id, id, action);
    let mut signed = Vec::new();
    for (case, id) in submitted {
        let (mut s, mut b) = api
            .post(
                &path(&id, "decision"),
                Some(director),
                &json!({"decision": "accept"}),
            )
            .await;
        if code(&b) == "limit_exhausted" {
            let refuse = json!({"decision": "reject", "reason": "classes_overfilled"});
            (s, b) = api
                .post(&path(&id, "decision"), Some(director), &refuse)
                .await;
        }
        if s != 200 {
            errors.push(format!("decision on {id}: {s} {b}"));
            continue;
        }
        let (s, b) = api.get(&path(&id, "signing-payload"), Some(director)).await;
        if s != 200 {
            errors.push(format!("signing payload of {id}: {s} {b}"));
            continue;
        }
        let signature = signature_of(key, &str_field(&b, "payload"));
        let body = json!({"signature": signature, "certificates": chain_of(key)});
        let (s, b) = api.post(&path(&id, "sign"), Some(director), &body).await;
        match s {
            200 => signed.push((case, id)),
            _ => errors.push(format!("sign {id}: {s} {b}")),
        }
    }
    // Delivered: the decision's notice is in the parent's notifications (after the receipt).
    let mut delivered = 0;
    for (case, id) in signed {
        // Past the queue's 30 s visibility timeout: a notice whose first try failed is late, not lost.
        let deadline = Instant::now() + Duration::from_secs(90);
        loop {
            let (s, b) = api.get("/api/me/notifications", Some(&case.token)).await;
            let notices = b["items"].as_array().map_or(0, |items| {
                items
                    .iter()
                    .filter(|n| n["application_id"] == id.as_str())
                    .count()
            });
            if s == 200 && notices >= 2 {
                delivered += 1;
                break;
            }
            if Instant::now() > deadline {
                errors.push(format!(
                    "no decision notice for {id} within 90 s ({s}, {notices} notices)"
                ));
                break;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }
    (delivered, errors)
}
