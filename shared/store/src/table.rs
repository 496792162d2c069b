//! The table's key schema, from the SAM template, so that the deployed table, the tables the
//! contract suite creates and the embedded store's indexes all come from one definition.
//!
//! `build.rs` reads the template's `Table` resource when the crate is built (a broken key
//! schema fails the build) and writes the definition as Rust: a function's cold start parsed
//! that YAML every time (a sixth of `me`'s own code at start, in its profile), and linked the
//! YAML parser and the whole template to do it.

mod schema;
#[cfg(test)]
mod template;

pub use schema::{IndexDef, TableDef};

/// The SAM template of the deployment; `Resources.Table` is the one table.
#[cfg(test)]
const TEMPLATE: &str = include_str!("../../../infra/template.yaml");

impl TableDef {
    /// The table the repository's template deploys (`infra/template.yaml`, read by `build.rs`).
    pub fn deployed() -> TableDef {
        include!(concat!(env!("OUT_DIR"), "/table_def.rs"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use template::resource_text;

    #[test]
    fn reads_the_repository_template() {
        let def = TableDef::deployed();
        assert_eq!(def.hash_key, "pk");
        assert_eq!(def.range_key.as_deref(), Some("sk"));
        let names: Vec<_> = def.indexes.iter().map(|i| i.name.as_str()).collect();
        assert!(names.starts_with(&["gsi1", "gsi2", "gsi3"]), "{names:?}");
        for i in &def.indexes {
            assert_eq!(i.hash_key, format!("{}pk", i.name));
            assert_eq!(i.range_key, Some(format!("{}sk", i.name)));
            assert_eq!(def.attribute_type(&i.hash_key), Some("S"));
        }
        // The table's lines alone read as the whole template does.
        assert_eq!(def, TableDef::from_template(TEMPLATE).unwrap());
        let table = resource_text(TEMPLATE, "Table").unwrap();
        assert!(
            table.starts_with("  Table:\n") && table.contains("gsi6"),
            "{table}"
        );
        assert!(!table.contains("AWS::SQS::Queue"), "{table}");
        assert!(resource_text(TEMPLATE, "NoSuchResource").is_err());
    }

    const TAGGED: &str = r#"
Parameters:
  Stage: { Type: String }
Conditions:
  On: !Not [!Equals [!Ref Stage, ""]]
Resources:
  Table:
    Type: AWS::DynamoDB::Table
    Properties:
      TableName: !Sub "${Stage}-table"
      AttributeDefinitions:
        - { AttributeName: pk, AttributeType: S }
        - { AttributeName: sk, AttributeType: S }
        - { AttributeName: byx, AttributeType: S }
      KeySchema:
        - { AttributeName: pk, KeyType: HASH }
        - { AttributeName: sk, KeyType: RANGE }
      GlobalSecondaryIndexes:
        - IndexName: x
          KeySchema:
            - { AttributeName: byx, KeyType: HASH }
          Projection: { ProjectionType: ALL }
  Queue:
    Type: AWS::SQS::Queue
    Properties:
      RedrivePolicy:
        deadLetterTargetArn: !GetAtt Dlq.Arn
      Other: !Sub "arn:${AWS::Partition}:s3:::${Bucket}/*"
"#;

    #[test]
    fn tolerates_short_tags_elsewhere() {
        let def = TableDef::from_template(TAGGED).unwrap();
        assert_eq!(
            def.indexes,
            vec![IndexDef {
                name: "x".into(),
                hash_key: "byx".into(),
                range_key: None
            }]
        );
    }

    #[test]
    fn rejects_undeclared_key_attributes() {
        let broken = TAGGED.replace("- { AttributeName: byx, AttributeType: S }", "");
        let err = TableDef::from_template(&broken).unwrap_err();
        assert!(err.contains("byx"), "{err}");
    }

    #[test]
    fn rejects_a_template_without_the_table() {
        assert!(TableDef::from_template("Resources: {}").is_err());
        assert!(TableDef::from_template(": : :").is_err());
    }
}
