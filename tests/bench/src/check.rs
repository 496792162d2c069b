//! Reading back after a run, through the staff's journal: every application stored, numbers
//! unique and gap-free per school, order by number = order by submission instant; and, after
//! the lifecycle, every application in a final state and no school's seats overbooked.

use std::collections::BTreeMap;

use api_tests::{Api, School, str_field};
use chrono::{DateTime, FixedOffset};
use serde_json::Value;

/// The school's whole journal (every status), as its director reads it.
pub async fn journal(api: &Api, school: &School) -> Vec<Value> {
    let mut items = Vec::new();
    let mut token: Option<String> = None;
    loop {
        let page = token
            .as_ref()
            .map(|t| format!("?page_token={t}"))
            .unwrap_or_default();
        let path = format!("/api/orgs/{}/applications{page}", school.org_id);
        let (s, b) = api.get(&path, Some(&school.director.token)).await;
        assert_eq!(s, 200, "journal of {}: {b}", school.org_id);
        items.extend(b["items"].as_array().cloned().unwrap_or_default());
        match b["next_page_token"].as_str() {
            Some(t) => token = Some(t.to_string()),
            None => return items,
        }
    }
}

/// What the rush's read-back found wrong (empty when all holds); `expected`: each school's
/// count of 201 answers.
pub async fn rush(
    api: &Api,
    schools: &[School],
    expected: &BTreeMap<String, usize>,
) -> (usize, Vec<String>) {
    let mut stored = 0;
    let mut wrong = Vec::new();
    for school in schools {
        let items = journal(api, school).await;
        stored += items.len();
        let want = expected.get(&school.org_id).copied().unwrap_or(0);
        if items.len() != want {
            wrong.push(format!(
                "{}: {} stored, {want} answered 201",
                school.org_id,
                items.len()
            ));
        }
        let mut by_number: Vec<(u64, DateTime<FixedOffset>)> = items
            .iter()
            .map(|a| {
                let at = DateTime::parse_from_rfc3339(&str_field(a, "submitted_at"))
                    .expect("submitted_at");
                (a["number"].as_u64().expect("number"), at)
            })
            .collect();
        by_number.sort();
        let numbers: Vec<u64> = by_number.iter().map(|(n, _)| *n).collect();
        if numbers != (1..=items.len() as u64).collect::<Vec<_>>() {
            wrong.push(format!(
                "{}: numbers not 1..={} each once",
                school.org_id,
                items.len()
            ));
        }
        if let Some(w) = by_number.windows(2).find(|w| w[1].1 < w[0].1) {
            wrong.push(format!(
                "{}: №{} has an earlier instant than №{}",
                school.org_id, w[1].0, w[0].0
            ));
        }
    }
    (stored, wrong)
}

/// The lifecycle's read-back: every application accepted or rejected (signed), the limit's
/// taken seats equal to the accepted applications and within its seats and quotas.
pub async fn lifecycle(api: &Api, schools: &[School], expected: usize) -> (usize, Vec<String>) {
    let mut finished = 0;
    let mut wrong = Vec::new();
    for school in schools {
        let items = journal(api, school).await;
        let accepted = items.iter().filter(|a| a["status"] == "accepted").count();
        let rejected = items.iter().filter(|a| a["status"] == "rejected").count();
        finished += accepted + rejected;
        if accepted + rejected != items.len() {
            wrong.push(format!(
                "{}: {} not in a final state",
                school.org_id,
                items.len() - accepted - rejected
            ));
        }
        let limit = api.limit_of(school).await;
        let n = |f: &str| {
            limit[f]
                .as_u64()
                .unwrap_or_else(|| panic!("no {f} in {limit}"))
        };
        let taken = n("taken_outside") + n("taken_microdistrict");
        if taken != accepted as u64 || taken > n("seats") || n("taken_outside") > n("quota_outside")
        {
            wrong.push(format!(
                "{}: {accepted} accepted, limit {limit}",
                school.org_id
            ));
        }
    }
    if finished != expected {
        wrong.push(format!(
            "{finished} applications finished, {expected} submitted"
        ));
    }
    (finished, wrong)
}
