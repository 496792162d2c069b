//! The order-preserving byte encoding of item and index keys, and the items' stored form.

use super::unavailable;
use crate::table::IndexDef;
use crate::{Item, Key, StoreError};
//
// Each string component is its UTF-8 bytes with NUL escaped as 00 FF, followed by the
// terminator 00 01. Byte order of encodings is then the byte order of the component tuples
// (a shorter string sorts before its extensions), and any string, NUL included, is a valid key.

pub(super) fn push_escaped(out: &mut Vec<u8>, s: &str) {
    for b in s.bytes() {
        if b == 0 {
            out.extend_from_slice(&[0, 0xFF]);
        } else {
            out.push(b);
        }
    }
}

pub(super) fn push_component(out: &mut Vec<u8>, s: &str) {
    push_escaped(out, s);
    out.extend_from_slice(&[0, 1]);
}

pub(super) fn item_key(key: &Key) -> Vec<u8> {
    let mut out = Vec::with_capacity(key.pk.len() + key.sk.len() + 4);
    push_component(&mut out, &key.pk);
    push_component(&mut out, &key.sk);
    out
}

/// The item's entry in an index, if it has the index's key attributes as strings (sparse).
pub(super) fn index_key(ix: &IndexDef, item: &Item, key: &Key) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    push_component(&mut out, item.get(&ix.hash_key)?.as_str()?);
    if let Some(rk) = &ix.range_key {
        push_component(&mut out, item.get(rk)?.as_str()?);
    }
    push_component(&mut out, &key.pk);
    push_component(&mut out, &key.sk);
    Some(out)
}

/// The smallest byte string greater than every string starting with `prefix`, if any.
pub(super) fn prefix_end(prefix: &[u8]) -> Option<Vec<u8>> {
    let mut end = prefix.to_vec();
    while let Some(last) = end.pop() {
        if last < 0xFF {
            end.push(last + 1);
            return Some(end);
        }
    }
    None
}

pub(super) fn decode_item(bytes: &[u8]) -> Result<Item, StoreError> {
    serde_json::from_slice(bytes).map_err(|e| unavailable(format!("stored item is corrupt: {e}")))
}

pub(super) fn encode_item(item: &Item) -> Result<Vec<u8>, StoreError> {
    serde_json::to_vec(item).map_err(|e| StoreError::Invalid(e.to_string()))
}
