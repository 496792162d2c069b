//! PKCS#12 (RFC 7292): the file's structures, reading one, and its MAC with the PKCS#12 key
//! derivation.

use der::asn1::{Any, BmpString, ObjectIdentifier, OctetString, SetOfVec};
use der::{Decode, Encode, Sequence};
use hmac::{Hmac, Mac};
use sha2::digest::core_api::BlockSizeUser;
use sha2::{Digest, Sha256};
use x509_cert::Certificate;
use x509_cert::attr::Attribute;
use zeroize::Zeroizing;

use super::{KeyBundle, KeyError, bundle, decrypt, decrypt_private_key, first_end_entity};
use crate::oid::p12;

// ------------------------------------------------------------------------- PKCS#12 structures

#[derive(Sequence)]
pub(crate) struct Pfx {
    pub version: u8,
    pub auth_safe: ContentInfo,
    pub mac_data: Option<MacData>,
}

#[derive(Sequence)]
pub(crate) struct ContentInfo {
    pub content_type: ObjectIdentifier,
    #[asn1(context_specific = "0", tag_mode = "EXPLICIT")]
    pub content: Any,
}

#[derive(Sequence)]
pub(crate) struct MacData {
    pub mac: DigestInfo,
    pub salt: OctetString,
    #[asn1(default = "one")]
    pub iterations: u32,
}

fn one() -> u32 {
    1
}

#[derive(Sequence)]
pub(crate) struct DigestInfo {
    pub algorithm: x509_cert::spki::AlgorithmIdentifierOwned,
    pub digest: OctetString,
}

#[derive(Sequence)]
pub(crate) struct SafeBag {
    pub bag_id: ObjectIdentifier,
    #[asn1(context_specific = "0", tag_mode = "EXPLICIT")]
    pub bag_value: Any,
    pub bag_attributes: Option<SetOfVec<Attribute>>,
}

#[derive(Sequence)]
pub(crate) struct CertBag {
    pub cert_id: ObjectIdentifier,
    #[asn1(context_specific = "0", tag_mode = "EXPLICIT")]
    pub cert_value: OctetString,
}

/// CMS `EncryptedData` (RFC 5652), the encrypted certificates of a PKCS#12 file.
#[derive(Sequence)]
pub(crate) struct EncryptedData {
    pub version: u8,
    pub content: EncryptedContentInfo,
}

#[derive(Sequence)]
pub(crate) struct EncryptedContentInfo {
    pub content_type: ObjectIdentifier,
    pub algorithm: Any,
    #[asn1(context_specific = "0", tag_mode = "IMPLICIT", optional = "true")]
    pub encrypted: Option<OctetString>,
}

/// Opens a PKCS#12 file with its password.
pub fn read_p12(bytes: &[u8], password: &str) -> Result<KeyBundle, KeyError> {
    let pfx = Pfx::from_der(bytes).map_err(|_| KeyError::Unreadable)?;
    if pfx.auth_safe.content_type != p12::DATA {
        return Err(KeyError::Unsupported);
    }
    let auth_safe = octets(&pfx.auth_safe.content)?;
    if let Some(mac) = &pfx.mac_data
        && !mac_matches(mac, password, &auth_safe)?
    {
        return Err(KeyError::WrongPassword);
    }
    let contents = Vec::<ContentInfo>::from_der(&auth_safe).map_err(|_| KeyError::Unreadable)?;
    let mut bags = Vec::new();
    for info in contents {
        let safe_contents = match info.content_type {
            p12::DATA => octets(&info.content)?,
            p12::ENCRYPTED_DATA => {
                let data: EncryptedData =
                    info.content.decode_as().map_err(|_| KeyError::Unreadable)?;
                let ciphertext = data.content.encrypted.ok_or(KeyError::Unreadable)?;
                let algorithm = data
                    .content
                    .algorithm
                    .to_der()
                    .map_err(|_| KeyError::Unreadable)?;
                Zeroizing::new(decrypt(&algorithm, password, ciphertext.as_bytes())?).to_vec()
            }
            _ => return Err(KeyError::Unsupported),
        };
        bags.extend(Vec::<SafeBag>::from_der(&safe_contents).map_err(|_| KeyError::Unreadable)?);
    }
    let mut key = None;
    let mut key_id = None;
    let mut certs = Vec::new();
    for bag in bags {
        let id = local_key_id(&bag);
        match bag.bag_id {
            p12::SHROUDED_KEY_BAG if key.is_none() => {
                let der = bag.bag_value.to_der().map_err(|_| KeyError::Unreadable)?;
                key = Some(decrypt_private_key(&der, password)?);
                key_id = id;
            }
            p12::KEY_BAG if key.is_none() => {
                key = Some(Zeroizing::new(
                    bag.bag_value.to_der().map_err(|_| KeyError::Unreadable)?,
                ));
                key_id = id;
            }
            p12::CERT_BAG => {
                let cert_bag: CertBag = bag
                    .bag_value
                    .decode_as()
                    .map_err(|_| KeyError::Unreadable)?;
                if cert_bag.cert_id == p12::X509_CERTIFICATE {
                    let cert = Certificate::from_der(cert_bag.cert_value.as_bytes())
                        .map_err(|_| KeyError::Unreadable)?;
                    certs.push((id, cert));
                }
            }
            _ => {}
        }
    }
    let private_key = key.ok_or(KeyError::NoKey)?;
    // The key's certificate is the one with the key's localKeyId, when the file says.
    let leaf = certs
        .iter()
        .position(|(id, _)| key_id.is_some() && *id == key_id)
        .or_else(|| first_end_entity(certs.iter().map(|(_, c)| c)));
    bundle(
        private_key,
        certs.into_iter().map(|(_, c)| c).collect(),
        leaf,
    )
}

fn local_key_id(bag: &SafeBag) -> Option<Vec<u8>> {
    bag.bag_attributes
        .as_ref()?
        .iter()
        .find(|a| a.oid == p12::LOCAL_KEY_ID)?
        .values
        .iter()
        .next()
        .and_then(|v| v.decode_as::<OctetString>().ok())
        .map(|o| o.as_bytes().to_vec())
}

fn octets(content: &Any) -> Result<Vec<u8>, KeyError> {
    content
        .decode_as::<OctetString>()
        .map(|o| o.into_bytes())
        .map_err(|_| KeyError::Unreadable)
}

// ------------------------------------------------------------------------------- the MAC

/// Whether the file's MAC (HMAC with the PKCS#12 key derivation) matches: the password check.
/// A MAC of another digest is not checked; decryption still needs the password.
fn mac_matches(mac: &MacData, password: &str, data: &[u8]) -> Result<bool, KeyError> {
    let (salt, iterations) = (mac.salt.as_bytes(), mac.iterations);
    let got = match mac.mac.algorithm.oid {
        p12::SHA256 => mac_sha256(password, salt, iterations, data)?,
        p12::SHA1 => {
            let key = derive_key::<sha1::Sha1>(password, salt, 3, iterations, 20)?;
            let mut m = <Hmac<sha1::Sha1> as Mac>::new_from_slice(&key)
                .map_err(|_| KeyError::Unreadable)?;
            m.update(data);
            m.finalize().into_bytes().to_vec()
        }
        _ => return Ok(true),
    };
    Ok(got == mac.mac.digest.as_bytes())
}

/// HMAC-SHA-256 of `data` under the PKCS#12 MAC key of the password.
pub(crate) fn mac_sha256(
    password: &str,
    salt: &[u8],
    iterations: u32,
    data: &[u8],
) -> Result<Vec<u8>, KeyError> {
    let key = derive_key::<Sha256>(password, salt, 3, iterations, 32)?;
    let mut m = <Hmac<Sha256> as Mac>::new_from_slice(&key).map_err(|_| KeyError::Unreadable)?;
    m.update(data);
    Ok(m.finalize().into_bytes().to_vec())
}

/// RFC 7292 appendix B.2: the PKCS#12 key derivation, over the password as a NUL-terminated
/// BMPString. `id` 3 derives a MAC key.
fn derive_key<D: Digest + BlockSizeUser>(
    password: &str,
    salt: &[u8],
    id: u8,
    iterations: u32,
    len: usize,
) -> Result<Zeroizing<Vec<u8>>, KeyError> {
    let v = <D as BlockSizeUser>::block_size();
    let u = <D as Digest>::output_size();
    let mut pass = BmpString::from_utf8(password)
        .map_err(|_| KeyError::Unreadable)?
        .into_bytes()
        .to_vec();
    pass.extend([0, 0]);
    let fill = |src: &[u8]| -> Vec<u8> {
        let n = v * src.len().div_ceil(v);
        (0..n).map(|i| src[i % src.len()]).collect()
    };
    let mut input = Zeroizing::new([fill(salt), fill(&pass)].concat());
    let mut out = Zeroizing::new(Vec::with_capacity(len));
    loop {
        let mut a = D::new()
            .chain_update(vec![id; v])
            .chain_update(&*input)
            .finalize();
        for _ in 1..iterations.max(1) {
            a = D::digest(&a);
        }
        let take = u.min(len - out.len());
        out.extend_from_slice(&a[..take]);
        if out.len() == len {
            return Ok(out);
        }
        // I_j = (I_j + B + 1) mod 2^(8v), B = A repeated to v bytes.
        for block in input.chunks_mut(v) {
            let mut carry = 1u16;
            for k in (0..v).rev() {
                let sum = u16::from(block[k]) + u16::from(a[k % u]) + carry;
                block[k] = sum as u8;
                carry = sum >> 8;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// RFC 7292 has no vectors; these are OpenSSL's (`PKCS12_key_gen_utf8`, SHA-1, id 1,
    /// password "smeg", salt 0A58CF64530D823F, 1 iteration, 24 bytes).
    #[test]
    fn the_key_derivation_matches_openssl() {
        let salt = [0x0a, 0x58, 0xcf, 0x64, 0x53, 0x0d, 0x82, 0x3f];
        let key = derive_key::<sha1::Sha1>("smeg", &salt, 1, 1, 24).unwrap();
        let hex: String = key.iter().map(|b| format!("{b:02X}")).collect();
        assert_eq!(hex, "8AAAE6297B6CB04642AB5B077851284EB7128F1A2A7FBCA3");
    }
}
