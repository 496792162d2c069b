//! JSON values as DynamoDB attribute values and back, and page tokens.

use super::*;

/// A JSON value as an attribute value: string S, number N, bool BOOL, null NULL, array L,
/// object M.
pub fn to_attr(v: &Value) -> AttributeValue {
    match v {
        Value::String(s) => AttributeValue::S(s.clone()),
        Value::Number(n) => AttributeValue::N(n.to_string()),
        Value::Bool(b) => AttributeValue::Bool(*b),
        Value::Null => AttributeValue::Null(true),
        Value::Array(a) => AttributeValue::L(a.iter().map(to_attr).collect()),
        Value::Object(m) => AttributeValue::M(to_attrs(m)),
    }
}

pub fn to_attrs(item: &Item) -> Attrs {
    item.iter().map(|(k, v)| (k.clone(), to_attr(v))).collect()
}

/// An attribute value as JSON. Numbers come back as integers when integral; string and number
/// sets (written by other tools) become arrays; binary values are not part of the port.
pub fn from_attr(a: &AttributeValue) -> Result<Value, StoreError> {
    Ok(match a {
        AttributeValue::S(s) => Value::String(s.clone()),
        AttributeValue::N(n) => Value::Number(parse_number(n)?),
        AttributeValue::Bool(b) => Value::Bool(*b),
        AttributeValue::Null(_) => Value::Null,
        AttributeValue::L(l) => Value::Array(l.iter().map(from_attr).collect::<Result<_, _>>()?),
        AttributeValue::M(m) => Value::Object(from_attrs(m)?),
        AttributeValue::Ss(ss) => Value::Array(ss.iter().cloned().map(Value::String).collect()),
        AttributeValue::Ns(ns) => Value::Array(
            ns.iter()
                .map(|n| parse_number(n).map(Value::Number))
                .collect::<Result<_, _>>()?,
        ),
        other => {
            return Err(StoreError::Invalid(format!(
                "unsupported attribute value {other:?}"
            )));
        }
    })
}

pub fn from_attrs(m: &Attrs) -> Result<Item, StoreError> {
    m.iter()
        .map(|(k, v)| Ok((k.clone(), from_attr(v)?)))
        .collect()
}

pub(super) fn parse_number(n: &str) -> Result<Number, StoreError> {
    if let Ok(i) = n.parse::<i64>() {
        return Ok(Number::from(i));
    }
    if let Ok(u) = n.parse::<u64>() {
        return Ok(Number::from(u));
    }
    n.parse::<f64>()
        .ok()
        .and_then(Number::from_f64)
        .map(|f| eval::normalize_number(&f))
        .ok_or_else(|| StoreError::Invalid(format!("not a number: {n}")))
}

pub(super) fn key_attrs(key: &Key) -> Attrs {
    HashMap::from([
        ("pk".to_owned(), AttributeValue::S(key.pk.clone())),
        ("sk".to_owned(), AttributeValue::S(key.sk.clone())),
    ])
}

/// LastEvaluatedKey as an opaque token: base64url of its JSON.
pub(super) fn encode_token(key: &Attrs) -> Result<String, StoreError> {
    let json =
        serde_json::to_vec(&from_attrs(key)?).map_err(|e| StoreError::Invalid(e.to_string()))?;
    Ok(URL_SAFE_NO_PAD.encode(json))
}

pub(super) fn decode_token(token: &str) -> Result<Attrs, StoreError> {
    let bad = || StoreError::Invalid("malformed page token".into());
    let bytes = URL_SAFE_NO_PAD.decode(token).map_err(|_| bad())?;
    let item: Item = serde_json::from_slice(&bytes).map_err(|_| bad())?;
    Ok(to_attrs(&item))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn json_round_trips_through_attribute_values() {
        let v = json!({"s": "", "i": -3, "u": u64::MAX, "f": 1.5, "g": 2.0, "b": true, "n": null,
                       "l": [1, "x", [false]], "m": {"k": {"z": 0}}});
        let Value::Object(item) = v else {
            unreachable!()
        };
        let back = from_attrs(&to_attrs(&item)).unwrap();
        let mut expected = item.clone();
        expected.insert("g".into(), json!(2));
        assert_eq!(back, expected);
    }

    #[test]
    fn page_tokens_round_trip() {
        let key = key_attrs(&Key::new("p", "s\0x"));
        assert_eq!(decode_token(&encode_token(&key).unwrap()).unwrap(), key);
        assert!(decode_token("!!").is_err());
    }
}
