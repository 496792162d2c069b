//! Writing a PKCS#12 file the way OpenSSL 3 does by default: the key in a PBES2 shrouded key
//! bag, the certificates in PBES2-encrypted data (PBKDF2-HMAC-SHA256, AES-256-CBC, 2048
//! iterations), and an HMAC-SHA256 MAC over both.

use der::asn1::{Any, BmpString, OctetString, SetOfVec};
use der::{Decode, Encode};
use pkcs5::pbes2;
use rand_core::{OsRng, RngCore};
use sha2::{Digest, Sha256};
use x509_cert::attr::Attribute;
use x509_cert::spki::AlgorithmIdentifierOwned;

use super::e;
use crate::keystore::{
    CertBag, ContentInfo, DigestInfo, EncryptedContentInfo, EncryptedData, KeyBundle, MacData, Pfx,
    SafeBag, mac_sha256,
};
use crate::oid::p12;

/// OpenSSL's default (`PKCS12_DEFAULT_ITER`).
const ITERATIONS: u32 = 2048;

/// The bundle as a PKCS#12 file opened by `password`; the key and its certificate carry the
/// friendly name `name`.
pub fn write_p12(bundle: &KeyBundle, password: &str, name: &str) -> Result<Vec<u8>, String> {
    let leaf = bundle.certificates.first().ok_or("no certificate")?;
    let leaf_der = leaf.to_der().map_err(e)?;
    let key_id = Sha256::digest(&leaf_der)[..20].to_vec();
    let attributes = attributes(&key_id, name)?;

    // The key, encrypted in its bag.
    let (salt, iv) = (random::<16>(), random::<16>());
    let scheme: pkcs5::EncryptionScheme =
        pbes2::Parameters::pbkdf2_sha256_aes256cbc(ITERATIONS, &salt, &iv)
            .map_err(e)?
            .into();
    let encrypted_key = scheme.encrypt(password, &bundle.private_key).map_err(e)?;
    let key_info = pkcs8::EncryptedPrivateKeyInfo {
        encryption_algorithm: scheme,
        encrypted_data: &encrypted_key,
    };
    let key_bag = SafeBag {
        bag_id: p12::SHROUDED_KEY_BAG,
        bag_value: Any::from_der(&key_info.to_der().map_err(e)?).map_err(e)?,
        bag_attributes: Some(attributes.clone()),
    };

    // The certificates, the leaf with the key's id.
    let mut cert_bags = Vec::new();
    for (i, cert) in bundle.certificates.iter().enumerate() {
        let bag = CertBag {
            cert_id: p12::X509_CERTIFICATE,
            cert_value: OctetString::new(cert.to_der().map_err(e)?).map_err(e)?,
        };
        cert_bags.push(SafeBag {
            bag_id: p12::CERT_BAG,
            bag_value: Any::encode_from(&bag).map_err(e)?,
            bag_attributes: (i == 0).then(|| attributes.clone()),
        });
    }
    let (salt, iv) = (random::<16>(), random::<16>());
    let scheme: pkcs5::EncryptionScheme =
        pbes2::Parameters::pbkdf2_sha256_aes256cbc(ITERATIONS, &salt, &iv)
            .map_err(e)?
            .into();
    let encrypted_certs = scheme
        .encrypt(password, &cert_bags.to_der().map_err(e)?)
        .map_err(e)?;
    let encrypted = EncryptedData {
        version: 0,
        content: EncryptedContentInfo {
            content_type: p12::DATA,
            algorithm: Any::encode_from(&scheme).map_err(e)?,
            encrypted: Some(OctetString::new(encrypted_certs).map_err(e)?),
        },
    };

    let auth_safe = vec![
        ContentInfo {
            content_type: p12::ENCRYPTED_DATA,
            content: Any::encode_from(&encrypted).map_err(e)?,
        },
        data(vec![key_bag].to_der().map_err(e)?)?,
    ]
    .to_der()
    .map_err(e)?;
    let mac_salt = random::<8>();
    let mac = mac_sha256(password, &mac_salt, ITERATIONS, &auth_safe)
        .map_err(|err| format!("{err:?}"))?;
    Pfx {
        version: 3,
        auth_safe: data(auth_safe)?,
        mac_data: Some(MacData {
            mac: DigestInfo {
                algorithm: AlgorithmIdentifierOwned {
                    oid: p12::SHA256,
                    parameters: Some(Any::null()),
                },
                digest: OctetString::new(mac).map_err(e)?,
            },
            salt: OctetString::new(mac_salt.to_vec()).map_err(e)?,
            iterations: ITERATIONS,
        }),
    }
    .to_der()
    .map_err(e)
}

fn data(bytes: Vec<u8>) -> Result<ContentInfo, String> {
    Ok(ContentInfo {
        content_type: p12::DATA,
        content: Any::encode_from(&OctetString::new(bytes).map_err(e)?).map_err(e)?,
    })
}

fn attributes(key_id: &[u8], name: &str) -> Result<SetOfVec<Attribute>, String> {
    let one = |oid, value: Any| -> Result<Attribute, String> {
        Ok(Attribute {
            oid,
            values: SetOfVec::try_from(vec![value]).map_err(e)?,
        })
    };
    let id = Any::encode_from(&OctetString::new(key_id).map_err(e)?).map_err(e)?;
    let name = Any::encode_from(&BmpString::from_utf8(name).map_err(e)?).map_err(e)?;
    SetOfVec::try_from(vec![
        one(p12::LOCAL_KEY_ID, id)?,
        one(p12::FRIENDLY_NAME, name)?,
    ])
    .map_err(e)
}

fn random<const N: usize>() -> [u8; N] {
    let mut bytes = [0u8; N];
    OsRng.fill_bytes(&mut bytes);
    bytes
}
