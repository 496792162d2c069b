//! The route table, read from the SAM template: the runner mounts each function's handler at
//! exactly the routes API Gateway gives it, so there is one route table, not two.

use std::collections::BTreeMap;

use serde_yaml_ng::Value;
use service::lambda::Handler;

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
    ])
}

/// `(binary, method, path)` of every HttpApi event of every function in the template.
pub fn template_routes(template: &str) -> Result<Vec<(String, String, String)>, String> {
    let doc: Value = serde_yaml_ng::from_str(template).map_err(|e| format!("template: {e}"))?;
    let resources = doc
        .get("Resources")
        .and_then(Value::as_mapping)
        .ok_or("template has no Resources")?;
    let mut routes = Vec::new();
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
        let Some(events) = resource
            .get("Properties")
            .and_then(|p| p.get("Events"))
            .and_then(Value::as_mapping)
        else {
            continue;
        };
        for (_, event) in events {
            if event.get("Type").and_then(Value::as_str) != Some("HttpApi") {
                continue;
            }
            let props = event.get("Properties");
            let path = props.and_then(|p| p.get("Path")).and_then(Value::as_str);
            let method = props.and_then(|p| p.get("Method")).and_then(Value::as_str);
            match (path, method) {
                (Some(path), Some(method)) => {
                    routes.push((binary.to_string(), method.to_uppercase(), path.to_string()))
                }
                _ => return Err(format!("{name}: an HttpApi event without Path or Method")),
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
