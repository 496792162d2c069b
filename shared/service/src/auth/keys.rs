//! The keys a token may be signed with: RS256 (RSA PKCS#1 v1.5 with SHA-256, what Cognito and
//! most OpenID providers publish) and ES256 (ECDSA P-256, the runner's dev tokens), read from
//! JWK sets.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD as B64;
use p256::ecdsa::signature::Verifier as _;

/// The signature algorithms a token may name; any other (`none`, `HS256`, ...) is refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Alg {
    Rs256,
    Es256,
}

impl Alg {
    pub fn parse(alg: &str) -> Option<Alg> {
        match alg {
            "RS256" => Some(Alg::Rs256),
            "ES256" => Some(Alg::Es256),
            _ => None,
        }
    }
}

/// RSA keys shorter than this are refused (a provider would not publish one).
const MIN_RSA_BITS: usize = 2048;

#[derive(Clone, Debug)]
pub enum PublicKey {
    Rsa(rsa::pkcs1v15::VerifyingKey<sha2::Sha256>),
    Es256(p256::ecdsa::VerifyingKey),
}

impl PublicKey {
    pub fn alg(&self) -> Alg {
        match self {
            PublicKey::Rsa(_) => Alg::Rs256,
            PublicKey::Es256(_) => Alg::Es256,
        }
    }

    /// Whether `signature` (the token's third part, decoded) signs `message` with this key.
    pub fn verifies(&self, message: &[u8], signature: &[u8]) -> bool {
        match self {
            PublicKey::Rsa(key) => rsa::pkcs1v15::Signature::try_from(signature)
                .is_ok_and(|s| key.verify(message, &s).is_ok()),
            PublicKey::Es256(key) => p256::ecdsa::Signature::from_slice(signature)
                .is_ok_and(|s| key.verify(message, &s).is_ok()),
        }
    }
}

/// A key with the id the set gives it (`kid`; none for a lone key).
#[derive(Clone, Debug)]
pub struct Key {
    pub kid: Option<String>,
    pub key: PublicKey,
}

/// The keys that may have signed a token with this `kid` and `alg`: the same kind of key, and
/// the same id where both the token and the key name one.
pub fn candidates<'a>(
    keys: &'a [Key],
    kid: Option<&'a str>,
    alg: Alg,
) -> impl Iterator<Item = &'a Key> + 'a {
    keys.iter().filter(move |k| {
        k.key.alg() == alg
            && match (kid, k.kid.as_deref()) {
                (Some(want), Some(have)) => want == have,
                _ => true,
            }
    })
}

/// The signing keys of a JWK set (`{"keys":[...]}`) or of one JWK. Keys of another kind (RSA
/// for encryption, P-384, Ed25519, ...) are skipped, not an error: a provider's set may hold
/// them beside the ones we use. Errors only when the document is not a JWK set at all.
pub fn parse_jwks(doc: &str) -> Result<Vec<Key>, String> {
    let value: serde_json::Value =
        serde_json::from_str(doc).map_err(|e| format!("JWK set is not JSON: {e}"))?;
    let list = match value.get("keys") {
        Some(serde_json::Value::Array(keys)) => keys.clone(),
        Some(_) => return Err("JWK set: `keys` is not a list".into()),
        None if value.get("kty").is_some() => vec![value],
        None => return Err("neither a JWK set nor a JWK".into()),
    };
    let mut keys = Vec::new();
    for jwk in &list {
        match parse_jwk(jwk) {
            Ok(Some(key)) => keys.push(key),
            Ok(None) => {}
            Err(e) => tracing::warn!(kid = ?jwk.get("kid"), error = %e, "JWK skipped"),
        }
    }
    Ok(keys)
}

/// One JWK: `Ok(None)` for a key we do not verify tokens with.
fn parse_jwk(jwk: &serde_json::Value) -> Result<Option<Key>, String> {
    let member = |name: &str| jwk.get(name).and_then(|v| v.as_str());
    if member("use").is_some_and(|u| u != "sig") {
        return Ok(None);
    }
    let kid = member("kid").map(String::from);
    let bytes = |name: &str| -> Result<Vec<u8>, String> {
        B64.decode(member(name).ok_or_else(|| format!("no `{name}`"))?)
            .map_err(|_| format!("`{name}` is not base64url"))
    };
    let key = match (member("kty"), member("alg")) {
        (Some("RSA"), None | Some("RS256")) => {
            let n = rsa::BigUint::from_bytes_be(&bytes("n")?);
            let e = rsa::BigUint::from_bytes_be(&bytes("e")?);
            let key = rsa::RsaPublicKey::new(n, e).map_err(|e| format!("RSA key: {e}"))?;
            if rsa::traits::PublicKeyParts::size(&key) * 8 < MIN_RSA_BITS {
                return Err("RSA key shorter than 2048 bits".into());
            }
            PublicKey::Rsa(rsa::pkcs1v15::VerifyingKey::new(key))
        }
        (Some("EC"), None | Some("ES256")) if member("crv") == Some("P-256") => {
            let (x, y) = (bytes("x")?, bytes("y")?);
            if x.len() != 32 || y.len() != 32 {
                return Err("P-256 coordinates are not 32 bytes".into());
            }
            let mut point = vec![0x04];
            point.extend_from_slice(&x);
            point.extend_from_slice(&y);
            let key = p256::ecdsa::VerifyingKey::from_sec1_bytes(&point)
                .map_err(|_| "not a P-256 point".to_string())?;
            PublicKey::Es256(key)
        }
        _ => return Ok(None),
    };
    Ok(Some(Key { kid, key }))
}
