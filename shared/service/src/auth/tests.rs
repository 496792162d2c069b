use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use rsa::pkcs1v15::SigningKey as RsaSigningKey;
use rsa::signature::{SignatureEncoding, Signer as _};
use rsa::traits::PublicKeyParts;
use serde_json::json;

use super::*;

const IIN: &str = "800101300016";
const NOW: i64 = 1_000_000;

/// Two RSA keys for the whole test binary: generating one takes a while.
fn rsa_keys() -> &'static [rsa::RsaPrivateKey; 2] {
    static KEYS: OnceLock<[rsa::RsaPrivateKey; 2]> = OnceLock::new();
    KEYS.get_or_init(|| {
        let mut rng = rand_core::OsRng;
        [
            rsa::RsaPrivateKey::new(&mut rng, 2048).unwrap(),
            rsa::RsaPrivateKey::new(&mut rng, 2048).unwrap(),
        ]
    })
}

fn rsa_jwk(key: &rsa::RsaPrivateKey, kid: &str) -> Value {
    json!({
        "alg": "RS256", "use": "sig", "kty": "RSA", "kid": kid,
        "n": B64.encode(key.n().to_bytes_be()),
        "e": B64.encode(key.e().to_bytes_be()),
        "x-extra": {"ignored": true},
    })
}

fn ec_jwk(key: &SigningKey, kid: &str) -> Value {
    let mut jwk: Value = serde_json::from_str(&public_jwk(key)).unwrap();
    jwk["kid"] = kid.into();
    jwk["use"] = "sig".into();
    jwk["alg"] = "ES256".into();
    jwk
}

fn set(keys: &[Value]) -> String {
    json!({ "keys": keys }).to_string()
}

fn rs256(key: &rsa::RsaPrivateKey, kid: Option<&str>, claims: &Value) -> String {
    let mut header = json!({"alg": "RS256", "typ": "JWT"});
    if let Some(kid) = kid {
        header["kid"] = kid.into();
    }
    let signed = format!(
        "{}.{}",
        B64.encode(header.to_string()),
        B64.encode(claims.to_string())
    );
    let sig = RsaSigningKey::<sha2::Sha256>::new(key.clone()).sign(signed.as_bytes());
    format!("{signed}.{}", B64.encode(sig.to_bytes()))
}

fn es256(key: &SigningKey, kid: Option<&str>, claims: &Value) -> String {
    let mut header = json!({"alg": "ES256", "typ": "JWT"});
    if let Some(kid) = kid {
        header["kid"] = kid.into();
    }
    let signed = format!(
        "{}.{}",
        B64.encode(header.to_string()),
        B64.encode(claims.to_string())
    );
    let sig: Signature = key.sign(signed.as_bytes());
    format!("{signed}.{}", B64.encode(sig.to_bytes()))
}

/// An id token of the Cognito pool `iss` for the client `aud`.
fn id_claims() -> Value {
    json!({
        "sub": "5f1e0c2a-1111-2222-3333-444455556666",
        "custom:iin": IIN, "name": "Ахметова Гульнар", "phone_number": "+77010000000",
        "iss": "iss", "aud": "client", "token_use": "id",
        "auth_time": NOW - 10, "iat": NOW - 10, "exp": NOW + 3600,
    })
}

pub(super) fn cognito_config(static_keys: Option<String>, jwks_url: Option<String>) -> JwtConfig {
    JwtConfig {
        issuer: "iss".into(),
        audience: "client".into(),
        jwks_url,
        static_keys,
        iin_claim: "custom:iin".into(),
        name_claim: "name".into(),
        token_use: Some("id".into()),
    }
}

fn ec_key() -> SigningKey {
    SigningKey::random(&mut rand_core::OsRng)
}

/// A verifier trusting the first RSA key (`r1`) and `ec` (`e1`) statically.
fn verifier(ec: &SigningKey, token_use: Option<&str>) -> TokenVerifier {
    let keys = set(&[rsa_jwk(&rsa_keys()[0], "r1"), ec_jwk(ec, "e1")]);
    let mut config = cognito_config(Some(keys), None);
    config.token_use = token_use.map(String::from);
    TokenVerifier::from_config(&config).unwrap()
}

#[test]
fn rs256_and_es256_tokens_verify() {
    let ec = ec_key();
    let v = verifier(&ec, Some("id"));
    let want = Identity {
        iin: Iin::parse(IIN).unwrap(),
        name: "Ахметова Гульнар".into(),
    };
    let t = rs256(&rsa_keys()[0], Some("r1"), &id_claims());
    assert_eq!(v.verify(&t, NOW), Ok(want.clone()));
    let t = es256(&ec, Some("e1"), &id_claims());
    assert_eq!(v.verify(&t, NOW), Ok(want.clone()));
    // A token without a key id is tried against every key of its kind.
    let t = rs256(&rsa_keys()[0], None, &id_claims());
    assert_eq!(v.verify(&t, NOW), Ok(want));
}

#[test]
fn a_remembered_token_still_lapses_and_a_changed_one_is_verified_in_full() {
    let ec = ec_key();
    let v = verifier(&ec, Some("id"));
    let t = es256(&ec, Some("e1"), &id_claims());
    let first = v.verify(&t, NOW);
    assert!(first.is_ok(), "{first:?}");
    // Remembered: the same answer again, and in a clone (the verifier a handler gets).
    assert_eq!(v.clone().verify(&t, NOW + 60), first);
    // Past `exp` (and the leeway) it is refused like any expired token.
    assert_eq!(v.verify(&t, NOW + 3600 + 31), Err(AuthError::Expired));
    // One changed character of the signature: not the remembered token, and it fails.
    let mut forged = t.clone().into_bytes();
    let last = forged.len() - 2;
    forged[last] = if forged[last] == b'A' { b'B' } else { b'A' };
    let forged = String::from_utf8(forged).unwrap();
    assert_eq!(v.verify(&forged, NOW), Err(AuthError::Signature));
    // Claims changed under the same signature: refused too.
    let mut parts: Vec<&str> = t.split('.').collect();
    let mut claims = id_claims();
    claims["custom:iin"] = "990101300005".into();
    let other = B64.encode(claims.to_string());
    parts[1] = &other;
    assert_eq!(v.verify(&parts.join("."), NOW), Err(AuthError::Signature));
}

#[test]
fn a_token_of_another_key_fails() {
    let ec = ec_key();
    let v = verifier(&ec, Some("id"));
    let t = rs256(&rsa_keys()[1], Some("r1"), &id_claims());
    assert_eq!(v.verify(&t, NOW), Err(AuthError::Signature));
    let t = es256(&ec_key(), Some("e1"), &id_claims());
    assert_eq!(v.verify(&t, NOW), Err(AuthError::Signature));
    let t = rs256(&rsa_keys()[0], Some("r9"), &id_claims());
    assert_eq!(v.verify(&t, NOW), Err(AuthError::UnknownKey));
    // An ES256 token naming the RSA key's id: no key of that kind has it.
    let t = es256(&ec, Some("r1"), &id_claims());
    assert_eq!(v.verify(&t, NOW), Err(AuthError::UnknownKey));
}

#[test]
fn tampered_claims_fail() {
    let v = verifier(&ec_key(), Some("id"));
    let t = rs256(&rsa_keys()[0], Some("r1"), &id_claims());
    let parts: Vec<&str> = t.split('.').collect();
    let mut c = id_claims();
    c["custom:iin"] = "061211600012".into();
    let tampered = format!("{}.{}.{}", parts[0], B64.encode(c.to_string()), parts[2]);
    assert_eq!(v.verify(&tampered, NOW), Err(AuthError::Signature));
}

#[test]
fn other_algorithms_and_shapes_are_refused() {
    let v = verifier(&ec_key(), Some("id"));
    let claims = B64.encode(id_claims().to_string());
    for alg in ["none", "HS256", "RS512", "PS256", "ES384"] {
        let header = B64.encode(json!({"alg": alg, "kid": "r1"}).to_string());
        let t = format!("{header}.{claims}.{}", B64.encode("sig"));
        assert_eq!(v.verify(&t, NOW), Err(AuthError::Algorithm), "{alg}");
    }
    let crit = B64.encode(json!({"alg": "RS256", "crit": ["exp"]}).to_string());
    assert_eq!(
        v.verify(&format!("{crit}.{claims}.AA"), NOW),
        Err(AuthError::Algorithm)
    );
    assert_eq!(v.verify("a.b", NOW), Err(AuthError::Malformed));
    assert_eq!(v.verify("", NOW), Err(AuthError::Malformed));
    assert_eq!(v.verify("a.b.c.d", NOW), Err(AuthError::Malformed));
}

/// The claims with `change` applied, as an RS256 token of `r1`, checked by `v`.
fn check(v: &TokenVerifier, change: impl Fn(&mut Value)) -> Result<Identity, AuthError> {
    let mut c = id_claims();
    change(&mut c);
    v.verify(&rs256(&rsa_keys()[0], Some("r1"), &c), NOW)
}

#[test]
fn expiry_and_not_before_are_checked_with_a_small_leeway() {
    let v = verifier(&ec_key(), Some("id"));
    assert_eq!(
        check(&v, |c| c["exp"] = (NOW - 31).into()),
        Err(AuthError::Expired)
    );
    assert!(check(&v, |c| c["exp"] = (NOW - 29).into()).is_ok());
    assert_eq!(
        check(&v, |c| c["nbf"] = (NOW + 60).into()),
        Err(AuthError::Expired)
    );
    assert!(check(&v, |c| c["nbf"] = (NOW + 10).into()).is_ok());
    let no_exp = check(&v, |c| {
        c.as_object_mut().unwrap().remove("exp");
    });
    assert_eq!(no_exp, Err(AuthError::Expired));
}

#[test]
fn the_issuer_must_be_trusted() {
    let v = verifier(&ec_key(), Some("id"));
    assert_eq!(
        check(&v, |c| c["iss"] = "evil".into()),
        Err(AuthError::Issuer)
    );
    let no_iss = check(&v, |c| {
        c.as_object_mut().unwrap().remove("iss");
    });
    assert_eq!(no_iss, Err(AuthError::Issuer));
}

#[test]
fn the_audience_is_aud_or_for_access_tokens_client_id() {
    let v = verifier(&ec_key(), None);
    assert!(check(&v, |c| c["aud"] = json!(["other", "client"])).is_ok());
    assert_eq!(
        check(&v, |c| c["aud"] = "other".into()),
        Err(AuthError::Audience)
    );
    assert_eq!(
        check(&v, |c| c["aud"] = json!(["other"])),
        Err(AuthError::Audience)
    );
    let access = |client_id: &str| {
        let client_id = client_id.to_string();
        move |c: &mut Value| {
            c.as_object_mut().unwrap().remove("aud");
            c["client_id"] = client_id.clone().into();
            c["token_use"] = "access".into();
        }
    };
    assert!(check(&v, access("client")).is_ok());
    assert_eq!(check(&v, access("other")), Err(AuthError::Audience));
    // `aud` decides when present: a matching client_id does not save a wrong one.
    assert_eq!(
        check(&v, |c| {
            c["aud"] = "other".into();
            c["client_id"] = "client".into();
        }),
        Err(AuthError::Audience)
    );
}

#[test]
fn token_use_is_checked_when_configured() {
    let id_only = verifier(&ec_key(), Some("id"));
    assert_eq!(
        check(&id_only, |c| c["token_use"] = "access".into()),
        Err(AuthError::TokenUse)
    );
    let none = check(&id_only, |c| {
        c.as_object_mut().unwrap().remove("token_use");
    });
    assert_eq!(none, Err(AuthError::TokenUse));
    let any = verifier(&ec_key(), None);
    assert!(check(&any, |c| c["token_use"] = "access".into()).is_ok());
}

#[test]
fn the_iin_claim_must_hold_an_iin_and_the_name_may_be_missing() {
    let v = verifier(&ec_key(), Some("id"));
    assert_eq!(
        check(&v, |c| c["custom:iin"] = "800101300017".into()),
        Err(AuthError::Iin)
    );
    assert_eq!(
        check(&v, |c| c["custom:iin"] = "80010130001".into()),
        Err(AuthError::Iin)
    );
    assert_eq!(
        check(&v, |c| c["custom:iin"] = 800101300016_i64.into()),
        Err(AuthError::Iin)
    );
    let missing = check(&v, |c| {
        c.as_object_mut().unwrap().remove("custom:iin");
    });
    assert_eq!(missing, Err(AuthError::Iin));
    // `sub` is Cognito's user id here, not the IIN.
    assert_eq!(
        check(&v, |c| c["custom:iin"] = c["sub"].clone()),
        Err(AuthError::Iin)
    );
    let nameless = check(&v, |c| {
        c.as_object_mut().unwrap().remove("name");
    });
    assert_eq!(
        nameless.map(|i| (i.iin.into_string(), i.name)),
        Ok((IIN.into(), String::new()))
    );
}

#[test]
fn dev_tokens_carry_the_iin_in_sub_and_each_issuer_has_its_own_keys() {
    let dev_key = ec_key();
    let dev = TokenVerifier::with_static_keys(&public_jwk(&dev_key), "dev", "app").unwrap();
    let both = dev.and(verifier(&ec_key(), Some("id")));
    assert_eq!(both.issuers(), ["dev", "iss"]);
    let claims = Claims {
        sub: IIN.into(),
        name: "Админ".into(),
        iss: "dev".into(),
        aud: Audience::One("app".into()),
        exp: NOW + 60,
        nbf: None,
        iat: None,
    };
    assert_eq!(
        both.verify(&issue(&dev_key, Some("local"), &claims), NOW)
            .unwrap()
            .name,
        "Админ"
    );
    assert!(
        both.verify(&rs256(&rsa_keys()[0], Some("r1"), &id_claims()), NOW)
            .is_ok()
    );
    // The dev key cannot sign for the provider.
    let t = es256(&dev_key, None, &id_claims());
    assert_eq!(both.verify(&t, NOW), Err(AuthError::Signature));
}

/// Cognito's `/.well-known/jwks.json` as it comes (two RS256 keys), with members and keys of
/// other kinds a provider may add.
const COGNITO_JWKS: &str = r#"{"keys":[
 {"alg":"RS256","e":"AQAB","kid":"abcdEFGH1234abcdEFGH1234abcdEFGH1234abcd/00=","kty":"RSA","n":"qxzanm74GKYXg8Xzm7h-belbqXAg6N-n8woGLMINTmvUjTKxGhYlGmoKr7i_y1MfSK6sqBfaXv6mRQTIrdV0MA79UiKazm-1akzA6BWJ9StHDL3KWvV_Ai2YQcTcY4Ao98tuEYZaKUwYY0mEtPA9bGzPi9_eCsXXj0t7dYAGtMxb04V-Kw1RFd1jQiJhfPOGqimpYeaUvN47UiQ-8zEOvPpCC-PUDF6FRVYtTLqpAFZ1XIjiz9-qgaLJpbxAe6T_D1WvlEmvn6KXItp7nSTZk3d4DMUwmNZ76vGripdfWGdjVnZQs1xO3GTjOD2Dds5B1YpfSX1PNKnp1mv1qeQTqQ","use":"sig"},
 {"alg":"RS256","e":"AQAB","kid":"wxyzWXYZ5678wxyzWXYZ5678wxyzWXYZ5678wxyz/11=","kty":"RSA","n":"xwjuqmn5LP6oA3NkxRfvq1DNCsSyi1JiECtmuGRCH0_They2JKoWPl1N0N40ARfkNLLkpXRpEGRgJfhCIDRuL6pjj5FZNYm_U5TLENe9trLkat_ei6QwKEq2NJDukdXCnTZEX4RedrhAGrZIuHRlCGJ2v-JE8brvEAghpenv9plQpHFsFMLbXknATZTakVYyXH65WgrGUrSQIw-o0kFIH9DxnoS7D0Wk-ZCLhiIxFLce2fTbxzm7kiwWyLLkc7liuxh0QfDHLsl2JMkuY840ct21iSZZJ208bi0R04udxRepK38A-GcEEVp1vLmWtahYbOBJH3t0Fbp_n4MKXN5ehQ","use":"sig","x5t":"ignored"},
 {"kty":"RSA","use":"enc","kid":"enc1","e":"AQAB","n":"xwjuqmn5LP6oA3NkxRfvq1DNCsSyi1JiECtmuGRCH0_They2JKoWPl1N0N40ARfkNLLkpXRpEGRgJfhCIDRuL6pjj5FZNYm_U5TLENe9trLkat_ei6QwKEq2NJDukdXCnTZEX4RedrhAGrZIuHRlCGJ2v-JE8brvEAghpenv9plQpHFsFMLbXknATZTakVYyXH65WgrGUrSQIw-o0kFIH9DxnoS7D0Wk-ZCLhiIxFLce2fTbxzm7kiwWyLLkc7liuxh0QfDHLsl2JMkuY840ct21iSZZJ208bi0R04udxRepK38A-GcEEVp1vLmWtahYbOBJH3t0Fbp_n4MKXN5ehQ"},
 {"kty":"RSA","alg":"RS512","kid":"rs512","e":"AQAB","n":"xwjuqmn5LP6oA3NkxRfvq1DNCsSyi1JiECtmuGRCH0_They2JKoWPl1N0N40ARfkNLLkpXRpEGRgJfhCIDRuL6pjj5FZNYm_U5TLENe9trLkat_ei6QwKEq2NJDukdXCnTZEX4RedrhAGrZIuHRlCGJ2v-JE8brvEAghpenv9plQpHFsFMLbXknATZTakVYyXH65WgrGUrSQIw-o0kFIH9DxnoS7D0Wk-ZCLhiIxFLce2fTbxzm7kiwWyLLkc7liuxh0QfDHLsl2JMkuY840ct21iSZZJ208bi0R04udxRepK38A-GcEEVp1vLmWtahYbOBJH3t0Fbp_n4MKXN5ehQ"},
 {"kty":"EC","crv":"P-384","kid":"p384","x":"AA","y":"AA"},
 {"kty":"OKP","crv":"Ed25519","kid":"ed","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"},
 {"kty":"RSA","kid":"short","e":"AQAB","n":"AQAB"}
]}"#;

#[test]
fn a_cognito_jwks_document_parses_and_other_kinds_are_skipped() {
    let keys = parse_jwks(COGNITO_JWKS).unwrap();
    let kids: Vec<_> = keys.iter().map(|k| k.kid.as_deref().unwrap()).collect();
    assert_eq!(
        kids,
        [
            "abcdEFGH1234abcdEFGH1234abcdEFGH1234abcd/00=",
            "wxyzWXYZ5678wxyzWXYZ5678wxyzWXYZ5678wxyz/11="
        ]
    );
    assert!(keys.iter().all(|k| k.key.alg() == keys::Alg::Rs256));
    assert!(parse_jwks(r#"{"keys":[]}"#).unwrap().is_empty());
    assert!(parse_jwks("[1]").is_err());
    assert!(parse_jwks("not json").is_err());
    // A static set without a usable key is a configuration error.
    let config = cognito_config(
        Some(r#"{"keys":[{"kty":"oct","k":"c2VjcmV0"}]}"#.into()),
        None,
    );
    assert!(TokenVerifier::from_config(&config).is_err());
}

#[test]
fn config_from_the_template_variables() {
    let vars = |pairs: &'static [(&str, &str)]| {
        move |name: &str| {
            pairs
                .iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| v.to_string())
        }
    };
    assert_eq!(JwtConfig::from_vars(vars(&[])), Ok(None));
    assert_eq!(JwtConfig::from_vars(vars(&[("JWT_ISSUER", " ")])), Ok(None));
    let c = JwtConfig::from_vars(vars(&[
        (
            "JWT_ISSUER",
            "https://cognito-idp.eu-central-1.amazonaws.com/pool",
        ),
        ("JWT_AUDIENCE", "client"),
        (
            "JWT_JWKS_URL",
            "https://cognito-idp.eu-central-1.amazonaws.com/pool/.well-known/jwks.json",
        ),
        ("JWT_TOKEN_USE", ""),
    ]))
    .unwrap()
    .unwrap();
    assert_eq!(
        (c.iin_claim.as_str(), c.name_claim.as_str()),
        ("custom:iin", "name")
    );
    assert_eq!((c.token_use, c.static_keys), (None, None));
    let c = JwtConfig::from_vars(vars(&[
        ("JWT_ISSUER", "i"),
        ("JWT_AUDIENCE", "a"),
        ("JWT_PUBLIC_KEYS", "{}"),
        ("JWT_IIN_CLAIM", "iin"),
        ("JWT_NAME_CLAIM", "fio"),
        ("JWT_TOKEN_USE", "id"),
    ]))
    .unwrap()
    .unwrap();
    assert_eq!(
        (c.iin_claim.as_str(), c.name_claim.as_str()),
        ("iin", "fio")
    );
    assert_eq!(c.token_use.as_deref(), Some("id"));
    assert!(JwtConfig::from_vars(vars(&[("JWT_ISSUER", "i"), ("JWT_AUDIENCE", "a")])).is_err());
    assert!(JwtConfig::from_vars(vars(&[("JWT_AUDIENCE", "a"), ("JWT_JWKS_URL", "u")])).is_err());
}

mod jwks_fetch;
