//! Who the runner trusts and what it tells the site: its own dev tokens (ES256, the key in the
//! data dir, the IIN in `sub`) in every mode, and beside them the tokens of an identity
//! provider configured as the Lambda functions are (`JWT_*`); `/config.json` from
//! `SITE_CONFIG_JSON`, or the dev login's in dev mode.

use p256::ecdsa::SigningKey;
use service::auth::{JwtConfig, TokenVerifier};

/// Tokens of the runner's own login say this issuer and audience.
pub const ISSUER: &str = "qabyldau-local";
pub const AUDIENCE: &str = "qabyldau";
/// The key id of the runner's dev tokens.
pub const KID: &str = "local";

/// The site's sign-in mode in dev mode without `SITE_CONFIG_JSON`.
const DEV_SITE_CONFIG: &str = r#"{"auth":{"mode":"dev"}}"#;

/// The dev tokens' issuer, and the provider's when `JWT_*` configure one.
pub fn verifier(
    signing_key: &SigningKey,
    provider: Option<&JwtConfig>,
) -> Result<TokenVerifier, String> {
    let mut jwk: serde_json::Value = serde_json::from_str(&service::auth::public_jwk(signing_key))
        .map_err(|e| format!("dev key: {e}"))?;
    jwk["kid"] = KID.into();
    let dev = TokenVerifier::with_static_keys(&jwk.to_string(), ISSUER, AUDIENCE)?;
    match provider {
        Some(config) if config.issuer == ISSUER => Err(format!(
            "JWT_ISSUER may not be {ISSUER} (the dev tokens' issuer)"
        )),
        Some(config) => Ok(dev.and(TokenVerifier::from_config(config)?)),
        None => Ok(dev),
    }
}

/// What `/config.json` answers: `site_config` (`SITE_CONFIG_JSON`) when set, which must be a
/// JSON object; else the dev login's in dev mode; else nothing (404, as a deployment without
/// its config.json).
pub fn site_config(site_config: Option<String>, dev: bool) -> Result<Option<String>, String> {
    match site_config.filter(|s| !s.trim().is_empty()) {
        Some(json) => match serde_json::from_str::<serde_json::Value>(&json) {
            Ok(serde_json::Value::Object(_)) => Ok(Some(json)),
            _ => Err("SITE_CONFIG_JSON is not a JSON object".into()),
        },
        None => Ok(dev.then(|| DEV_SITE_CONFIG.to_string())),
    }
}

#[cfg(test)]
mod tests {
    use service::auth::{Audience, Claims, issue};

    use super::*;

    fn claims(iss: &str, aud: &str) -> Claims {
        let now = chrono::Utc::now().timestamp();
        Claims {
            sub: "800101300016".into(),
            name: "Тест".into(),
            iss: iss.into(),
            aud: Audience::One(aud.into()),
            exp: now + 60,
            nbf: None,
            iat: None,
        }
    }

    fn key() -> SigningKey {
        SigningKey::random(&mut rand_core::OsRng)
    }

    #[test]
    fn dev_tokens_and_the_providers_are_both_accepted() {
        let (dev_key, provider_key) = (key(), key());
        let provider = JwtConfig::with_static_keys(
            &service::auth::public_jwk(&provider_key),
            "https://idp.test",
            "site",
        );
        let v = verifier(&dev_key, Some(&provider)).unwrap();
        let now = chrono::Utc::now().timestamp();
        let dev = issue(&dev_key, Some(KID), &claims(ISSUER, AUDIENCE));
        assert_eq!(v.verify(&dev, now).unwrap().iin.as_str(), "800101300016");
        let theirs = issue(&provider_key, None, &claims("https://idp.test", "site"));
        assert_eq!(v.verify(&theirs, now).unwrap().name, "Тест");
        // Neither key signs for the other issuer.
        let crossed = issue(&dev_key, None, &claims("https://idp.test", "site"));
        assert!(v.verify(&crossed, now).is_err());
        let crossed = issue(&provider_key, Some(KID), &claims(ISSUER, AUDIENCE));
        assert!(v.verify(&crossed, now).is_err());
        // Without a provider only the dev tokens.
        let dev_only = verifier(&dev_key, None).unwrap();
        assert!(dev_only.verify(&dev, now).is_ok());
        assert!(dev_only.verify(&theirs, now).is_err());
    }

    #[test]
    fn a_provider_may_not_pose_as_the_dev_issuer() {
        let provider = JwtConfig::with_static_keys(&service::auth::public_jwk(&key()), ISSUER, "x");
        assert!(verifier(&key(), Some(&provider)).is_err());
    }

    #[test]
    fn config_json_comes_from_site_config_json_then_dev_mode() {
        let oidc =
            r#"{"auth":{"mode":"oidc","issuer":"http://127.0.0.1:9000","client_id":"site"}}"#;
        assert_eq!(site_config(Some(oidc.into()), true), Ok(Some(oidc.into())));
        assert_eq!(site_config(Some(oidc.into()), false), Ok(Some(oidc.into())));
        assert_eq!(site_config(None, true), Ok(Some(DEV_SITE_CONFIG.into())));
        assert_eq!(
            site_config(Some(" ".into()), true),
            Ok(Some(DEV_SITE_CONFIG.into()))
        );
        assert_eq!(site_config(None, false), Ok(None));
        assert!(site_config(Some("{oops".into()), true).is_err());
        assert!(site_config(Some("[1]".into()), true).is_err());
    }
}
