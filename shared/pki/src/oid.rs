//! The object identifiers this crate reads and writes (each feature uses some of them).
#![allow(dead_code)]

use der::asn1::ObjectIdentifier as Oid;

// Subject attributes (X.520).
pub const COMMON_NAME: Oid = Oid::new_unwrap("2.5.4.3");
pub const SERIAL_NUMBER: Oid = Oid::new_unwrap("2.5.4.5");
pub const COUNTRY: Oid = Oid::new_unwrap("2.5.4.6");
pub const ORGANIZATION: Oid = Oid::new_unwrap("2.5.4.10");
pub const ORGANIZATIONAL_UNIT: Oid = Oid::new_unwrap("2.5.4.11");
pub const ORGANIZATION_IDENTIFIER: Oid = Oid::new_unwrap("2.5.4.97");

// Extensions (RFC 5280).
pub const KEY_USAGE: Oid = Oid::new_unwrap("2.5.29.15");
pub const BASIC_CONSTRAINTS: Oid = Oid::new_unwrap("2.5.29.19");

// Keys and signatures.
pub const EC_PUBLIC_KEY: Oid = Oid::new_unwrap("1.2.840.10045.2.1");
pub const P256: Oid = Oid::new_unwrap("1.2.840.10045.3.1.7");
pub const RSA_ENCRYPTION: Oid = Oid::new_unwrap("1.2.840.113549.1.1.1");
pub const ECDSA_WITH_SHA256: Oid = Oid::new_unwrap("1.2.840.10045.4.3.2");
pub const SHA256_WITH_RSA: Oid = Oid::new_unwrap("1.2.840.113549.1.1.11");
pub const SHA384_WITH_RSA: Oid = Oid::new_unwrap("1.2.840.113549.1.1.12");
pub const SHA512_WITH_RSA: Oid = Oid::new_unwrap("1.2.840.113549.1.1.13");

// PKCS#7 / CMS content types and PKCS#12 bags.
#[cfg(feature = "keystore")]
pub mod p12 {
    use super::Oid;

    pub const DATA: Oid = Oid::new_unwrap("1.2.840.113549.1.7.1");
    pub const ENCRYPTED_DATA: Oid = Oid::new_unwrap("1.2.840.113549.1.7.6");
    pub const KEY_BAG: Oid = Oid::new_unwrap("1.2.840.113549.1.12.10.1.1");
    pub const SHROUDED_KEY_BAG: Oid = Oid::new_unwrap("1.2.840.113549.1.12.10.1.2");
    pub const CERT_BAG: Oid = Oid::new_unwrap("1.2.840.113549.1.12.10.1.3");
    pub const X509_CERTIFICATE: Oid = Oid::new_unwrap("1.2.840.113549.1.9.22.1");
    pub const LOCAL_KEY_ID: Oid = Oid::new_unwrap("1.2.840.113549.1.9.21");
    pub const FRIENDLY_NAME: Oid = Oid::new_unwrap("1.2.840.113549.1.9.20");
    pub const SHA1: Oid = Oid::new_unwrap("1.3.14.3.2.26");
    pub const SHA256: Oid = Oid::new_unwrap("2.16.840.1.101.3.4.2.1");
}
