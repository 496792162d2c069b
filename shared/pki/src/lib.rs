//! Electronic signatures (ЭЦП) bound to X.509 certificates, as the national certifying centre
//! (НУЦ РК) issues them: a key and its certificate in a PKCS#12 file with a password.
//!
//! - [`cert`] (always): certificates as they travel (PEM or base64 DER) and what their subject
//!   says (`SERIALNUMBER=IIN…`, `OU=BIN…`, `CN`).
//! - `verify` (feature `verify`, the server): [`verify()`] checks a signature and its chain up to
//!   a configured trust anchor, the validity at signing time, the key usage and the subject,
//!   and refuses each failure with its own [`CertificateError`].
//! - [`keystore`] (feature `keystore`, also the browser's signer): reads a key file, PKCS#12
//!   (PBES2, as OpenSSL 3 writes it) or PEM, into the private key and the chain.
//! - [`dev`] (feature `issue`: the local runner and the tests, never a Lambda): a dev CA that
//!   issues certificates and PKCS#12 files like the national one.
//!
//! Algorithms: RSA (PKCS#1 v1.5) and ECDSA P-256, both with SHA-256. GOST 34.310 is not
//! supported: its certificates are refused as untrusted or not for signing.

pub mod cert;
mod oid;

#[cfg(feature = "verify")]
mod verify;
#[cfg(feature = "verify")]
pub use verify::{Algorithm, CertificateError, Expected, MAX_CHAIN, Signed, TrustAnchors, verify};

#[cfg(feature = "keystore")]
pub mod keystore;

#[cfg(feature = "issue")]
pub mod dev;

pub use x509_cert::Certificate;
