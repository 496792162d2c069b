//! DynamoDB's semantics of conditions, updates and item validation, evaluated in memory by the
//! embedded adapter. Each rule here mirrors what DynamoDB does, so that the local runner accepts
//! and refuses exactly what a deployment would.

use std::cmp::Ordering;

use serde_json::{Number, Value};

use crate::table::TableDef;
use crate::{CmpOp, Condition, Item, Key, Operand, StoreError, Update};

/// DynamoDB's item size limit, approximated by the item's JSON size.
pub const MAX_ITEM_BYTES: usize = 400 * 1024;

/// DynamoDB's limits on key values: not empty, at most 2048 bytes of partition key and 1024
/// bytes of sort key.
pub fn check_key(key: &Key) -> Result<(), StoreError> {
    if key.pk.is_empty() || key.sk.is_empty() {
        return Err(StoreError::Invalid("pk and sk must not be empty".into()));
    }
    if key.pk.len() > 2048 || key.sk.len() > 1024 {
        return Err(StoreError::Invalid(
            "pk is limited to 2048 bytes and sk to 1024".into(),
        ));
    }
    Ok(())
}

/// Static checks DynamoDB makes on a condition expression before reading anything: ordering
/// comparisons and `begins_with` only take strings and numbers.
pub fn check_condition(c: &Condition) -> Result<(), StoreError> {
    match c {
        Condition::Cmp(attr, op, Operand::Value(v)) => {
            let orderable = matches!(v, Value::String(_) | Value::Number(_));
            if !matches!(op, CmpOp::Eq | CmpOp::Ne) && !orderable {
                return Err(StoreError::Invalid(format!(
                    "condition on {attr}: {op:?} needs a string or a number"
                )));
            }
            Ok(())
        }
        Condition::And(cs) | Condition::Or(cs) => cs.iter().try_for_each(check_condition),
        Condition::Not(c) => check_condition(c),
        _ => Ok(()),
    }
}

/// Evaluates a condition against the item as it is now (`None`: there is none). A comparison
/// that involves a missing attribute is false, whatever the operator.
pub fn eval(c: &Condition, item: Option<&Item>) -> bool {
    let attr = |name: &str| item.and_then(|i| i.get(name));
    match c {
        Condition::Exists => item.is_some(),
        Condition::NotExists => item.is_none(),
        Condition::AttrExists(a) => attr(a).is_some(),
        Condition::AttrNotExists(a) => attr(a).is_none(),
        Condition::Cmp(a, op, rhs) => {
            let rhs = match rhs {
                Operand::Attr(b) => attr(b),
                Operand::Value(v) => Some(v),
            };
            match (attr(a), rhs) {
                (Some(l), Some(r)) => compare(l, *op, r),
                _ => false,
            }
        }
        Condition::BeginsWith(a, prefix) => {
            matches!(attr(a), Some(Value::String(s)) if s.starts_with(prefix.as_str()))
        }
        Condition::And(cs) => cs.iter().all(|c| eval(c, item)),
        Condition::Or(cs) => cs.iter().any(|c| eval(c, item)),
        Condition::Not(c) => !eval(c, item),
    }
}

/// `l op r` for two present values: `=`/`<>` compare any values (different types are unequal);
/// the ordering operators compare two numbers or two strings and are false otherwise.
pub fn compare(l: &Value, op: CmpOp, r: &Value) -> bool {
    match op {
        CmpOp::Eq => equal(l, r),
        CmpOp::Ne => !equal(l, r),
        _ => match order(l, r) {
            Some(o) => match op {
                CmpOp::Lt => o.is_lt(),
                CmpOp::Le => o.is_le(),
                CmpOp::Gt => o.is_gt(),
                CmpOp::Ge => o.is_ge(),
                CmpOp::Eq | CmpOp::Ne => false,
            },
            None => false,
        },
    }
}

/// The order of two numbers (by value) or two strings (by UTF-8 bytes); `None` for other pairs.
pub fn order(l: &Value, r: &Value) -> Option<Ordering> {
    match (l, r) {
        (Value::Number(a), Value::Number(b)) => number_order(a, b),
        (Value::String(a), Value::String(b)) => Some(a.as_bytes().cmp(b.as_bytes())),
        _ => None,
    }
}

/// Deep equality where numbers are equal by value (`1` = `1.0`, as DynamoDB's N type).
pub fn equal(l: &Value, r: &Value) -> bool {
    match (l, r) {
        (Value::Number(a), Value::Number(b)) => number_order(a, b) == Some(Ordering::Equal),
        (Value::Array(a), Value::Array(b)) => {
            a.len() == b.len() && a.iter().zip(b).all(|(x, y)| equal(x, y))
        }
        (Value::Object(a), Value::Object(b)) => {
            a.len() == b.len() && a.iter().all(|(k, x)| b.get(k).is_some_and(|y| equal(x, y)))
        }
        _ => l == r,
    }
}

fn integer(n: &Number) -> Option<i128> {
    n.as_i64()
        .map(i128::from)
        .or_else(|| n.as_u64().map(i128::from))
}

fn number_order(a: &Number, b: &Number) -> Option<Ordering> {
    match (integer(a), integer(b)) {
        (Some(x), Some(y)) => Some(x.cmp(&y)),
        _ => a.as_f64()?.partial_cmp(&b.as_f64()?),
    }
}

/// A number as DynamoDB gives it back: integral values are integers (`2.0` reads back as `2`).
pub fn normalize_number(n: &Number) -> Number {
    if integer(n).is_some() {
        return n.clone();
    }
    match n.as_f64() {
        Some(f) if f.fract() == 0.0 && f >= i64::MIN as f64 && f < i64::MAX as f64 => {
            Number::from(f as i64)
        }
        _ => n.clone(),
    }
}

/// Applies [`normalize_number`] throughout a value.
pub fn normalize(v: Value) -> Value {
    match v {
        Value::Number(n) => Value::Number(normalize_number(&n)),
        Value::Array(a) => Value::Array(a.into_iter().map(normalize).collect()),
        Value::Object(m) => Value::Object(m.into_iter().map(|(k, v)| (k, normalize(v))).collect()),
        other => other,
    }
}

/// Checks an item as DynamoDB checks a write: `pk`/`sk` and every other key attribute of the
/// table or an index, when present, must have its declared type and not be an empty string;
/// the item must fit in the size limit.
pub fn validate_item(def: &TableDef, item: &Item) -> Result<Key, StoreError> {
    let key = Key::of(item)
        .ok_or_else(|| StoreError::Invalid("an item needs string pk and sk attributes".into()))?;
    check_key(&key)?;
    if item.contains_key("") {
        return Err(StoreError::Invalid(
            "attribute names must not be empty".into(),
        ));
    }
    for (name, ty) in &def.attributes {
        let Some(v) = item.get(name) else { continue };
        let ok = match (ty.as_str(), v) {
            ("S", Value::String(s)) => !s.is_empty(),
            ("N", Value::Number(_)) => true,
            _ => false,
        };
        if !ok {
            return Err(StoreError::Invalid(format!(
                "key attribute {name} must be a non-empty value of type {ty}"
            )));
        }
    }
    let size = serde_json::to_vec(item).map(|b| b.len()).unwrap_or(0);
    if size > MAX_ITEM_BYTES {
        return Err(StoreError::Invalid(format!(
            "item size {size} exceeds {MAX_ITEM_BYTES} bytes"
        )));
    }
    Ok(key)
}

/// Static checks DynamoDB makes on an update expression: the key (`pk`, `sk`) cannot change,
/// and an attribute may appear in one clause only. An empty update is refused too: a
/// transaction's update needs an expression, and servers other than DynamoDB mishandle
/// UpdateItem without one, so the port has no empty update.
pub fn check_update(u: &Update) -> Result<(), StoreError> {
    if *u == Update::default() {
        return Err(StoreError::Invalid(
            "an update must change something".into(),
        ));
    }
    let names = u
        .set
        .iter()
        .map(|(n, _)| n)
        .chain(u.add.iter().map(|(n, _)| n))
        .chain(u.remove.iter());
    let mut seen = std::collections::HashSet::new();
    for n in names {
        if n == "pk" || n == "sk" {
            return Err(StoreError::Invalid(format!(
                "cannot update attribute {n}: it is part of the key"
            )));
        }
        if !seen.insert(n) {
            return Err(StoreError::Invalid(format!(
                "attribute {n} appears twice in one update"
            )));
        }
    }
    Ok(())
}

/// The item after an update: a missing item starts as its key; `add` on a missing attribute
/// starts from 0; `add` on anything but a number is a type error, as in DynamoDB.
pub fn apply_update(key: &Key, current: Option<Item>, u: &Update) -> Result<Item, StoreError> {
    let mut item = current.unwrap_or_else(|| {
        let mut m = Item::new();
        m.insert("pk".into(), Value::String(key.pk.clone()));
        m.insert("sk".into(), Value::String(key.sk.clone()));
        m
    });
    for (name, v) in &u.set {
        item.insert(name.clone(), normalize(v.clone()));
    }
    for (name, n) in &u.add {
        let sum = match item.get(name) {
            None => Number::from(*n),
            Some(Value::Number(old)) => add(old, *n),
            Some(_) => {
                return Err(StoreError::Invalid(format!(
                    "ADD on {name}: the attribute is not a number"
                )));
            }
        };
        item.insert(name.clone(), Value::Number(sum));
    }
    for name in &u.remove {
        item.remove(name);
    }
    Ok(item)
}

fn add(old: &Number, n: i64) -> Number {
    if let Some(sum) = integer(old).map(|x| x + i128::from(n)) {
        if let Ok(v) = i64::try_from(sum) {
            return Number::from(v);
        }
        if let Ok(v) = u64::try_from(sum) {
            return Number::from(v);
        }
    }
    let f = old.as_f64().unwrap_or(0.0) + n as f64;
    normalize_number(&Number::from_f64(f).unwrap_or_else(|| Number::from(0)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn item(v: Value) -> Item {
        match v {
            Value::Object(m) => m,
            _ => unreachable!(),
        }
    }

    #[test]
    fn comparisons_follow_dynamodb() {
        let i =
            item(json!({"pk": "p", "sk": "s", "n": 5, "f": 2.5, "s": "b", "t": true, "quota": 10}));
        let i = Some(&i);
        assert!(eval(&Condition::cmp("n", CmpOp::Lt, 6), i));
        assert!(
            eval(&Condition::cmp("n", CmpOp::Eq, 5.0), i),
            "numbers compare by value"
        );
        assert!(eval(&Condition::cmp("f", CmpOp::Gt, 2), i));
        assert!(eval(&Condition::cmp("s", CmpOp::Gt, "a"), i));
        assert!(eval(&Condition::cmp("s", CmpOp::Lt, "ba"), i));
        assert!(
            !eval(&Condition::cmp("s", CmpOp::Lt, 3), i),
            "mixed types never order"
        );
        assert!(
            eval(&Condition::cmp("s", CmpOp::Ne, 3), i),
            "mixed types are unequal"
        );
        assert!(eval(&Condition::cmp_attr("n", CmpOp::Lt, "quota"), i));
        assert!(!eval(&Condition::cmp_attr("n", CmpOp::Lt, "missing"), i));
        assert!(eval(&Condition::eq("t", true), i));
        // Numbers by value, not by text: 10 > 9.
        assert!(eval(&Condition::cmp("quota", CmpOp::Gt, 9), i));
    }

    #[test]
    fn missing_attributes_make_comparisons_false() {
        let i = item(json!({"pk": "p", "sk": "s"}));
        for op in [
            CmpOp::Eq,
            CmpOp::Ne,
            CmpOp::Lt,
            CmpOp::Le,
            CmpOp::Gt,
            CmpOp::Ge,
        ] {
            assert!(!eval(&Condition::cmp("x", op, 1), Some(&i)), "{op:?}");
            assert!(!eval(&Condition::cmp("x", op, 1), None), "{op:?}");
        }
        assert!(eval(
            &Condition::Not(Box::new(Condition::cmp("x", CmpOp::Lt, 1))),
            Some(&i)
        ));
        assert!(!eval(
            &Condition::BeginsWith("x".into(), "".into()),
            Some(&i)
        ));
    }

    #[test]
    fn existence_and_logic() {
        let i = item(json!({"pk": "p", "sk": "s", "a": "abc"}));
        assert!(eval(&Condition::Exists, Some(&i)));
        assert!(!eval(&Condition::Exists, None));
        assert!(eval(&Condition::NotExists, None));
        assert!(eval(&Condition::AttrExists("a".into()), Some(&i)));
        assert!(eval(&Condition::AttrNotExists("b".into()), Some(&i)));
        assert!(eval(
            &Condition::BeginsWith("a".into(), "ab".into()),
            Some(&i)
        ));
        assert!(!eval(
            &Condition::BeginsWith("a".into(), "b".into()),
            Some(&i)
        ));
        assert!(eval(&Condition::And(vec![]), Some(&i)));
        assert!(!eval(&Condition::Or(vec![]), Some(&i)));
        let either = Condition::Or(vec![Condition::eq("a", "x"), Condition::eq("a", "abc")]);
        assert!(eval(&either, Some(&i)));
        let both = Condition::And(vec![Condition::eq("a", "x"), Condition::eq("a", "abc")]);
        assert!(!eval(&both, Some(&i)));
    }

    #[test]
    fn deep_equality_compares_numbers_by_value() {
        assert!(equal(
            &json!({"a": [1, {"b": 2.0}]}),
            &json!({"a": [1.0, {"b": 2}]})
        ));
        assert!(!equal(&json!([1, 2]), &json!([2, 1])));
        assert!(!equal(&json!({"a": 1}), &json!({"a": 1, "b": 2})));
    }

    #[test]
    fn ordering_a_non_scalar_value_is_invalid() {
        assert!(check_condition(&Condition::cmp("a", CmpOp::Lt, true)).is_err());
        assert!(
            check_condition(&Condition::Not(Box::new(Condition::cmp(
                "a",
                CmpOp::Ge,
                json!([])
            ))))
            .is_err()
        );
        assert!(check_condition(&Condition::eq("a", true)).is_ok());
    }

    #[test]
    fn updates() {
        let key = Key::new("p", "s");
        let u = Update::new().set("a", 1.0).add("n", 2).remove("gone");
        let created = apply_update(&key, None, &u).unwrap();
        assert_eq!(
            Value::Object(created),
            json!({"pk": "p", "sk": "s", "a": 1, "n": 2})
        );
        let old = item(json!({"pk": "p", "sk": "s", "n": 40, "f": 0.5, "gone": 1, "s": "x"}));
        let new = apply_update(&key, Some(old.clone()), &u.clone().add("f", 1)).unwrap();
        assert_eq!(new["n"], json!(42));
        assert_eq!(new["f"], json!(1.5));
        assert!(!new.contains_key("gone"));
        assert!(apply_update(&key, Some(old), &Update::new().add("s", 1)).is_err());
        let big = item(json!({"pk": "p", "sk": "s", "n": i64::MAX}));
        let new = apply_update(&key, Some(big), &Update::new().add("n", 1)).unwrap();
        assert_eq!(new["n"], json!(i64::MAX as u64 + 1));
    }

    #[test]
    fn update_checks() {
        assert!(check_update(&Update::new()).is_err());
        assert!(check_update(&Update::new().set("pk", "x")).is_err());
        assert!(check_update(&Update::new().remove("sk")).is_err());
        assert!(check_update(&Update::new().set("a", 1).add("a", 1)).is_err());
        assert!(check_update(&Update::new().set("a", 1).add("b", 1)).is_ok());
    }

    #[test]
    fn item_checks() {
        let def = TableDef::deployed();
        let ok = item(json!({"pk": "p", "sk": "s", "gsi1pk": "x", "e": ""}));
        assert_eq!(validate_item(&def, &ok).unwrap(), Key::new("p", "s"));
        for bad in [
            json!({"pk": "p"}),
            json!({"pk": "", "sk": "s"}),
            json!({"pk": "p", "sk": 1}),
            json!({"pk": "p", "sk": "s", "gsi1pk": ""}),
            json!({"pk": "p", "sk": "s", "gsi2sk": 3}),
            json!({"pk": "p", "sk": "s", "": 3}),
            json!({"pk": "p".repeat(2049), "sk": "s"}),
            json!({"pk": "p", "sk": "s".repeat(1025)}),
            json!({"pk": "p", "sk": "s", "big": "x".repeat(MAX_ITEM_BYTES)}),
        ] {
            assert!(validate_item(&def, &item(bad.clone())).is_err(), "{bad}");
        }
    }

    #[test]
    fn normalizes_integral_floats() {
        assert_eq!(
            normalize(json!({"a": [2.0, 2.5, -3.0]})),
            json!({"a": [2, 2.5, -3]})
        );
    }
}
