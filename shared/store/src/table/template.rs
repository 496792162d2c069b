//! Reading the table's key schema from a CloudFormation/SAM template: `build.rs` reads the
//! repository's when the crate is built, the tests read others. The library itself parses no
//! YAML.

use serde_yaml_ng::Value as Yaml;

use super::schema::{IndexDef, TableDef};

/// The lines of one top-level resource of a template: from `  {name}:` to the next line indented
/// as little (the next resource, or the next section); blank and comment lines do not end it.
pub fn resource_text<'a>(template: &'a str, name: &str) -> Result<&'a str, String> {
    let head = format!("\n  {name}:\n");
    let start = template
        .find(&head)
        .map(|i| i + 1)
        .ok_or_else(|| format!("template has no resource {name}"))?;
    let ends = |line: &str| {
        let rest = line.trim_start_matches(' ');
        line.len() - rest.len() <= 2 && !rest.is_empty() && !rest.starts_with('#')
    };
    let mut end = start;
    for line in template[start..].split_inclusive('\n') {
        if end > start && ends(line.trim_end_matches('\n')) {
            break;
        }
        end += line.len();
    }
    Ok(&template[start..end])
}

impl TableDef {
    /// Reads `Resources.Table.Properties` of a CloudFormation/SAM template. CloudFormation short
    /// tags (`!Ref`, `!Sub`, `!GetAtt`...) anywhere in the file are kept as tagged values and
    /// ignored; inside the key schema a tagged value is an error (it could not be resolved here).
    pub fn from_template(yaml: &str) -> Result<TableDef, String> {
        let doc: Yaml =
            serde_yaml_ng::from_str(yaml).map_err(|e| format!("template is not YAML: {e}"))?;
        let props = doc
            .get("Resources")
            .and_then(|r| r.get("Table"))
            .and_then(|t| t.get("Properties"))
            .ok_or("template has no Resources.Table.Properties")?;

        let attributes = seq(props, "AttributeDefinitions")?
            .iter()
            .map(|a| {
                let name = string(a, "AttributeName")?;
                let ty = string(a, "AttributeType")?;
                if !matches!(ty.as_str(), "S" | "N" | "B") {
                    return Err(format!("attribute {name}: unknown type {ty}"));
                }
                Ok((name, ty))
            })
            .collect::<Result<Vec<_>, String>>()?;

        let (hash_key, range_key) = key_schema(props).map_err(|e| format!("table: {e}"))?;

        let indexes = match props.get("GlobalSecondaryIndexes") {
            None => Vec::new(),
            Some(_) => seq(props, "GlobalSecondaryIndexes")?
                .iter()
                .map(|i| {
                    let name = string(i, "IndexName")?;
                    let (hash_key, range_key) =
                        key_schema(i).map_err(|e| format!("index {name}: {e}"))?;
                    Ok(IndexDef {
                        name,
                        hash_key,
                        range_key,
                    })
                })
                .collect::<Result<Vec<_>, String>>()?,
        };

        let def = TableDef {
            attributes,
            hash_key,
            range_key,
            indexes,
        };
        check(&def)?;
        Ok(def)
    }
}

/// Every key attribute must be declared (DynamoDB requires it), and the port addresses
/// items by the string attributes `pk` and `sk`.
fn check(def: &TableDef) -> Result<(), String> {
    if def.hash_key != "pk" || def.range_key.as_deref() != Some("sk") {
        return Err("the table's key must be (pk, sk)".into());
    }
    let keys = std::iter::once((&def.hash_key, &def.range_key))
        .chain(def.indexes.iter().map(|i| (&i.hash_key, &i.range_key)));
    for (h, r) in keys {
        for k in std::iter::once(h).chain(r.iter()) {
            match def.attribute_type(k) {
                Some("S") => {}
                Some(t) => return Err(format!("key attribute {k} has type {t}, not S")),
                None => {
                    return Err(format!("key attribute {k} is not in AttributeDefinitions"));
                }
            }
        }
    }
    Ok(())
}

fn seq<'a>(v: &'a Yaml, field: &str) -> Result<&'a Vec<Yaml>, String> {
    v.get(field)
        .and_then(Yaml::as_sequence)
        .ok_or_else(|| format!("{field} is missing or not a list"))
}

fn string(v: &Yaml, field: &str) -> Result<String, String> {
    v.get(field)
        .and_then(Yaml::as_str)
        .map(str::to_owned)
        .ok_or_else(|| format!("{field} is missing or not a plain string"))
}

/// `(HASH, RANGE)` of a `KeySchema`.
fn key_schema(v: &Yaml) -> Result<(String, Option<String>), String> {
    let mut hash = None;
    let mut range = None;
    for k in seq(v, "KeySchema")? {
        let name = string(k, "AttributeName")?;
        match string(k, "KeyType")?.as_str() {
            "HASH" if hash.is_none() => hash = Some(name),
            "RANGE" if range.is_none() => range = Some(name),
            other => return Err(format!("unexpected or repeated KeyType {other}")),
        }
    }
    Ok((hash.ok_or("KeySchema has no HASH key")?, range))
}
