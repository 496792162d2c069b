//! The route table, read from the SAM template: the runner mounts each function's handler at
//! exactly the routes API Gateway gives it, so there is one route table, not two.

use std::collections::BTreeMap;

use serde_yaml_ng::Value;
use std::time::Duration;

use service::lambda::{Consumer, Handler, Job};

pub const TEMPLATE: &str = include_str!("../../template.yaml");

#[derive(Clone)]
pub struct Route {
    pub method: String,
    pub path: String,
    pub handler: Handler,
}

/// Every function the runner can host, by the binary name the template builds.
pub fn handlers() -> BTreeMap<&'static str, Handler> {
    BTreeMap::from([
        ("me", me::handler as Handler),
        ("orgs", orgs::handler as Handler),
        ("limits", limits::handler as Handler),
        ("files", files::handler as Handler),
        ("submit", submit::handler as Handler),
        ("staff", staff::handler as Handler),
        ("microdistrict", microdistrict::handler as Handler),
        ("review", review::handler as Handler),
        ("sign", sign::handler as Handler),
        ("withdraw", withdraw::handler as Handler),
        ("notices", notices::handler as Handler),
        ("preschool", preschool::handler as Handler),
        ("kindergarten", kindergarten::handler as Handler),
        ("directions", directions::handler as Handler),
        ("college", college::handler as Handler),
        ("specialties", specialties::handler as Handler),
        ("report", report::handler as Handler),
        ("monitoring", monitoring::handler as Handler),
        ("overdue", overdue::handler as Handler),
        ("campaigns", campaigns::handler as Handler),
        ("paperwork", paperwork::handler as Handler),
        ("replies", replies::handler as Handler),
        ("orders", orders::handler as Handler),
    ])
}

/// Every scheduled job the runner can run, by binary name.
pub fn jobs() -> BTreeMap<&'static str, Job> {
    BTreeMap::from([
        ("outbox-relay", outbox_relay::job as Job),
        ("deadline-sweep", deadline_sweep::job as Job),
        ("direction-expiry", direction_expiry::job as Job),
    ])
}

/// Every queue consumer the runner can drive, by binary name.
pub fn consumers() -> BTreeMap<&'static str, Consumer> {
    BTreeMap::from([("notify", notify::consumer as Consumer)])
}

/// The binary name and the events of every function of the template.
fn functions(template: &str) -> Result<Vec<(String, Vec<Value>)>, String> {
    let doc: Value = serde_yaml_ng::from_str(template).map_err(|e| format!("template: {e}"))?;
    let resources = doc
        .get("Resources")
        .and_then(Value::as_mapping)
        .ok_or("template has no Resources")?;
    let mut out = Vec::new();
    for (name, resource) in resources {
        if resource.get("Type").and_then(Value::as_str) != Some("AWS::Serverless::Function") {
            continue;
        }
        let name = name.as_str().unwrap_or("?");
        let binary = resource
            .get("Metadata")
            .and_then(|m| m.get("BuildProperties"))
            .and_then(|b| b.get("Binary"))
            .and_then(Value::as_str)
            .ok_or_else(|| format!("{name}: no Metadata.BuildProperties.Binary"))?;
        let events = resource
            .get("Properties")
            .and_then(|p| p.get("Events"))
            .and_then(Value::as_mapping)
            .map(|m| m.values().cloned().collect())
            .unwrap_or_default();
        out.push((binary.to_string(), events));
    }
    Ok(out)
}

/// `(binary, period)` of every `Schedule` event with a `rate(...)` expression.
pub fn template_schedules(template: &str) -> Result<Vec<(String, Duration)>, String> {
    let mut out = Vec::new();
    for (binary, events) in functions(template)? {
        for event in events {
            if event.get("Type").and_then(Value::as_str) != Some("Schedule") {
                continue;
            }
            let expr = event
                .get("Properties")
                .and_then(|p| p.get("Schedule"))
                .and_then(Value::as_str)
                .ok_or_else(|| format!("{binary}: a Schedule event without Schedule"))?;
            out.push((
                binary.clone(),
                parse_rate(expr).ok_or_else(|| format!("{binary}: cannot run {expr:?}"))?,
            ));
        }
    }
    Ok(out)
}

/// Binaries triggered by an `SQS` event.
pub fn template_consumers(template: &str) -> Result<Vec<String>, String> {
    Ok(functions(template)?
        .into_iter()
        .filter(|(_, events)| {
            events
                .iter()
                .any(|e| e.get("Type").and_then(Value::as_str) == Some("SQS"))
        })
        .map(|(binary, _)| binary)
        .collect())
}

/// `rate(5 minutes)` → 300 s (EventBridge's rate expressions).
fn parse_rate(expr: &str) -> Option<Duration> {
    let inner = expr.trim().strip_prefix("rate(")?.strip_suffix(')')?;
    let (n, unit) = inner.trim().split_once(' ')?;
    let n: u64 = n.parse().ok()?;
    let secs = match unit.trim() {
        "minute" | "minutes" => 60,
        "hour" | "hours" => 3600,
        "day" | "days" => 86_400,
        _ => return None,
    };
    Some(Duration::from_secs(n * secs))
}

/// `(binary, method, path)` of every HttpApi event of every function in the template.
pub fn template_routes(template: &str) -> Result<Vec<(String, String, String)>, String> {
    let mut routes = Vec::new();
    for (binary, events) in functions(template)? {
        for event in events {
            if event.get("Type").and_then(Value::as_str) != Some("HttpApi") {
                continue;
            }
            let props = event.get("Properties");
            let path = props.and_then(|p| p.get("Path")).and_then(Value::as_str);
            let method = props.and_then(|p| p.get("Method")).and_then(Value::as_str);
            match (path, method) {
                (Some(path), Some(method)) => {
                    routes.push((binary.clone(), method.to_uppercase(), path.to_string()))
                }
                _ => return Err(format!("{binary}: an HttpApi event without Path or Method")),
            }
        }
    }
    Ok(routes)
}

/// The template's routes bound to this build's handlers; a template function the runner
/// cannot host is an error, so the two can never drift apart silently.
pub fn table() -> Result<Vec<Route>, String> {
    let handlers = handlers();
    template_routes(TEMPLATE)?
        .into_iter()
        .map(|(function, method, path)| {
            let handler = *handlers.get(function.as_str()).ok_or_else(|| {
                format!("the template routes to `{function}`, which the runner does not host")
            })?;
            Ok(Route {
                method,
                path,
                handler,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_route_of_the_template_has_a_handler() {
        let table = table().unwrap();
        for (m, p) in [
            ("GET", "/api/me"),
            ("POST", "/api/admin/orgs"),
            ("POST", "/api/admin/edu-staff"),
            ("GET", "/api/admin/edu-staff"),
            ("DELETE", "/api/admin/edu-staff/{iin}"),
            ("GET", "/api/orgs/{org}"),
            ("POST", "/api/orgs/{org}/limits"),
            ("PUT", "/api/orgs/{org}/limits/{limit_id}"),
            ("POST", "/api/files"),
            ("POST", "/api/applications"),
            ("GET", "/api/applications/{id}"),
            ("GET", "/api/me/applications"),
        ] {
            assert!(
                table.iter().any(|r| r.method == m && r.path == p),
                "{m} {p} missing"
            );
        }
    }

    #[test]
    fn every_scheduled_job_and_consumer_is_hosted() {
        let jobs = jobs();
        let schedules = template_schedules(TEMPLATE).unwrap();
        assert!(!schedules.is_empty());
        for (binary, _) in &schedules {
            assert!(
                jobs.contains_key(binary.as_str()),
                "{binary} is scheduled but not hosted"
            );
        }
        for name in jobs.keys() {
            assert!(
                schedules.iter().any(|(b, _)| b == name),
                "{name} has no schedule"
            );
        }
        let consumers = template_consumers(TEMPLATE).unwrap();
        assert_eq!(consumers, vec!["notify".to_string()]);
        assert_eq!(
            parse_rate("rate(5 minutes)"),
            Some(Duration::from_secs(300))
        );
        assert_eq!(parse_rate("rate(1 minute)"), Some(Duration::from_secs(60)));
        assert_eq!(parse_rate("cron(0 * * * ? *)"), None);
    }

    #[test]
    fn every_hosted_function_is_in_the_template() {
        let routes = template_routes(TEMPLATE).unwrap();
        for name in handlers().keys() {
            assert!(
                routes.iter().any(|(f, _, _)| f == name),
                "{name} has no route in the template"
            );
        }
    }

    /// The OpenAPI document lists exactly the operations the template routes.
    #[test]
    fn the_openapi_document_matches_the_template() {
        let doc: Value =
            serde_yaml_ng::from_str(include_str!("../../../docs/openapi.yaml")).unwrap();
        let mut documented = Vec::new();
        for (path, item) in doc.get("paths").and_then(Value::as_mapping).unwrap() {
            for (method, _) in item.as_mapping().unwrap() {
                let method = method.as_str().unwrap();
                if ["get", "post", "put", "delete", "patch"].contains(&method) {
                    documented.push((method.to_uppercase(), path.as_str().unwrap().to_string()));
                }
            }
        }
        let mut routed: Vec<(String, String)> = template_routes(TEMPLATE)
            .unwrap()
            .into_iter()
            .map(|(_, m, p)| (m, p))
            .collect();
        documented.sort();
        routed.sort();
        assert_eq!(documented, routed);
    }
}
