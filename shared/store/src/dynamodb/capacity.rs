//! How DynamoDB bills a request, from the sizes of the items it touches (on-demand and
//! provisioned alike): reads in 4 KB units (eventually consistent: half a unit; transactional:
//! two), writes in 1 KB units (transactional: two), every request at least one unit, a query
//! billed on the summed size of the items it returns. Servers like moto answer
//! `ReturnConsumedCapacity` with placeholder figures, so the adapter also computes the units
//! itself with these rules ([`super::usage`]).
//!
//! Item sizes follow the DynamoDB developer guide: each attribute's name plus its value;
//! strings and binaries by their bytes, numbers about one byte per two significant digits plus
//! one, booleans and nulls one byte, lists and maps three bytes plus one per element.

use aws_sdk_dynamodb::types::AttributeValue;

use super::Attrs;

/// A read unit covers 4 KB; a write unit 1 KB.
pub const READ_UNIT_BYTES: u64 = 4 * 1024;
pub const WRITE_UNIT_BYTES: u64 = 1024;

/// How a read is made: what it costs per 4 KB.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReadKind {
    /// GetItem/Query without `ConsistentRead`, and every GSI query: half a unit.
    Eventual,
    /// `ConsistentRead: true`: one unit.
    Strong,
    /// TransactGetItems: two units.
    Transactional,
}

/// The read units of a read of `bytes` (one item's size, or a query page's summed sizes).
pub fn read_units(bytes: u64, kind: ReadKind) -> f64 {
    let units = bytes.div_ceil(READ_UNIT_BYTES).max(1) as f64;
    match kind {
        ReadKind::Eventual => units / 2.0,
        ReadKind::Strong => units,
        ReadKind::Transactional => units * 2.0,
    }
}

/// The write units of writing one item of `bytes` (a transaction's writes cost double).
pub fn write_units(bytes: u64, transactional: bool) -> f64 {
    let units = bytes.div_ceil(WRITE_UNIT_BYTES).max(1) as f64;
    if transactional { units * 2.0 } else { units }
}

/// The size DynamoDB counts for an item.
pub fn item_size(item: &Attrs) -> u64 {
    item.iter()
        .map(|(name, v)| name.len() as u64 + value_size(v))
        .sum()
}

/// The size of one attribute value (its name not included).
pub fn value_size(v: &AttributeValue) -> u64 {
    match v {
        AttributeValue::S(s) => s.len() as u64,
        AttributeValue::N(n) => number_size(n),
        AttributeValue::B(b) => b.as_ref().len() as u64,
        AttributeValue::Bool(_) | AttributeValue::Null(_) => 1,
        AttributeValue::L(l) => 3 + l.iter().map(|e| 1 + value_size(e)).sum::<u64>(),
        AttributeValue::M(m) => {
            3 + m
                .iter()
                .map(|(k, e)| 1 + k.len() as u64 + value_size(e))
                .sum::<u64>()
        }
        AttributeValue::Ss(ss) => ss.iter().map(|s| s.len() as u64).sum(),
        AttributeValue::Ns(ns) => ns.iter().map(|n| number_size(n)).sum(),
        AttributeValue::Bs(bs) => bs.iter().map(|b| b.as_ref().len() as u64).sum(),
        _ => 0,
    }
}

/// A number's size: one byte per two significant digits (leading and trailing zeros are not
/// significant), plus one.
pub fn number_size(n: &str) -> u64 {
    let mantissa = n.split(['e', 'E']).next().unwrap_or("");
    let digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
    let significant = digits.trim_start_matches('0').trim_end_matches('0').len() as u64;
    significant.div_ceil(2) + 1
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn s(v: &str) -> AttributeValue {
        AttributeValue::S(v.into())
    }

    #[test]
    fn reads_bill_4kb_units_halved_when_eventual_doubled_in_transactions() {
        // Any read costs at least one unit, even of a missing or tiny item.
        assert_eq!(read_units(0, ReadKind::Strong), 1.0);
        assert_eq!(read_units(1, ReadKind::Eventual), 0.5);
        assert_eq!(read_units(4096, ReadKind::Strong), 1.0);
        assert_eq!(read_units(4097, ReadKind::Strong), 2.0);
        assert_eq!(read_units(4097, ReadKind::Eventual), 1.0);
        assert_eq!(read_units(4097, ReadKind::Transactional), 4.0);
        assert_eq!(read_units(10_000, ReadKind::Transactional), 6.0);
    }

    #[test]
    fn writes_bill_1kb_units_doubled_in_transactions() {
        assert_eq!(write_units(0, false), 1.0);
        assert_eq!(write_units(1024, false), 1.0);
        assert_eq!(write_units(1025, false), 2.0);
        assert_eq!(write_units(1025, true), 4.0);
        assert_eq!(write_units(3000, true), 6.0);
    }

    #[test]
    fn item_size_counts_names_and_values() {
        let item: Attrs = HashMap::from([
            ("pk".to_string(), s("app#1")),                       // 2 + 5
            ("ok".to_string(), AttributeValue::Bool(true)),       // 2 + 1
            ("n".to_string(), AttributeValue::N("12345".into())), // 1 + 4
            (
                "l".to_string(),
                AttributeValue::L(vec![s("ab"), AttributeValue::Null(true)]),
            ), // 1 + 3 + (1+2) + (1+1)
            (
                "m".to_string(),
                AttributeValue::M(HashMap::from([("k".to_string(), s("v"))])),
            ), // 1 + 3 + 1 + 1 + 1
        ]);
        assert_eq!(item_size(&item), 7 + 3 + 5 + 9 + 7);
        // Non-ASCII strings count their UTF-8 bytes: «Әйгерім» is 7 letters, 14 bytes.
        assert_eq!(value_size(&s("Әйгерім")), 14);
    }

    #[test]
    fn numbers_take_a_byte_per_two_significant_digits_plus_one() {
        assert_eq!(number_size("0"), 1);
        assert_eq!(number_size("7"), 2);
        assert_eq!(number_size("-12"), 2);
        assert_eq!(number_size("123"), 3);
        assert_eq!(number_size("1000000"), 2);
        assert_eq!(number_size("0.0015"), 2);
        assert_eq!(number_size("1.5e10"), 2);
    }
}
