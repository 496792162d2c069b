//! Configuration from the environment (the SAM template sets these for every function).

use std::collections::BTreeMap;

#[derive(Clone, Debug, Default)]
pub struct Config {
    pub table_name: String,
    pub queue_url: Option<String>,
    pub files_bucket: Option<String>,
    /// The sign-in tokens' issuer, audience, keys and claims (`JWT_*`).
    pub jwt: crate::auth::JwtConfig,
    /// Region admins: IIN → region.
    pub region_admins: BTreeMap<String, String>,
    /// `TRUSTED_CA_CERTIFICATES`: a PEM bundle of the CAs whose certificates may sign
    /// decisions; empty where nothing is signed.
    pub trusted_cas: pki::TrustAnchors,
}

impl Config {
    pub fn from_env() -> Result<Config, String> {
        let var = |name: &str| std::env::var(name).ok().filter(|v| !v.trim().is_empty());
        let required = |name: &str| var(name).ok_or_else(|| format!("{name} is not set"));
        Ok(Config {
            table_name: required("TABLE_NAME")?,
            queue_url: var("QUEUE_URL"),
            files_bucket: var("FILES_BUCKET"),
            jwt: crate::auth::JwtConfig::from_env()?.ok_or("JWT_ISSUER is not set")?,
            region_admins: parse_admins(&var("REGION_ADMINS").unwrap_or_default())?,
            trusted_cas: pki::TrustAnchors::from_pem_bundle(
                &var("TRUSTED_CA_CERTIFICATES").unwrap_or_default(),
            )
            .map_err(|e| format!("TRUSTED_CA_CERTIFICATES: {e}"))?,
        })
    }
}

/// `IIN:REGION[,IIN:REGION...]`
pub fn parse_admins(s: &str) -> Result<BTreeMap<String, String>, String> {
    let mut admins = BTreeMap::new();
    for entry in s.split(',').map(str::trim).filter(|e| !e.is_empty()) {
        let (iin, region) = entry
            .split_once(':')
            .ok_or_else(|| format!("admin entry {entry:?} is not IIN:REGION"))?;
        let iin = domain::Iin::parse(iin).map_err(|e| format!("admin IIN {iin:?}: {e}"))?;
        if region.trim().is_empty() {
            return Err(format!("admin entry {entry:?} has no region"));
        }
        admins.insert(iin.as_str().to_string(), region.trim().to_string());
    }
    Ok(admins)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn admins_parse() {
        let a = parse_admins("800101300016:astana, 061211600012:karaganda").unwrap();
        assert_eq!(a.get("800101300016").map(String::as_str), Some("astana"));
        assert_eq!(a.len(), 2);
        assert!(parse_admins("800101300016").is_err());
        assert!(parse_admins("800101300017:astana").is_err());
        assert!(parse_admins("").unwrap().is_empty());
    }
}
