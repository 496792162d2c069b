//! Creating the table and waiting for it (tests, the local runner on a DynamoDB endpoint).

use super::*;

impl DynamoStore {
    /// Creates the table (on-demand billing, every GSI projecting ALL) and waits until it and
    /// its indexes are ACTIVE. A table that already exists is left as it is.
    pub async fn create_table(&self, def: &TableDef) -> Result<(), StoreError> {
        let invalid = |e: aws_sdk_dynamodb::error::BuildError| StoreError::Invalid(e.to_string());
        let key_schema = |hash: &str, range: Option<&str>| {
            let mut ks = vec![
                KeySchemaElement::builder()
                    .attribute_name(hash)
                    .key_type(KeyType::Hash)
                    .build()
                    .map_err(invalid)?,
            ];
            if let Some(r) = range {
                ks.push(
                    KeySchemaElement::builder()
                        .attribute_name(r)
                        .key_type(KeyType::Range)
                        .build()
                        .map_err(invalid)?,
                );
            }
            Ok::<_, StoreError>(ks)
        };
        let mut req = self
            .client
            .create_table()
            .table_name(&self.table)
            .billing_mode(BillingMode::PayPerRequest)
            .set_key_schema(Some(key_schema(&def.hash_key, def.range_key.as_deref())?));
        for (name, ty) in &def.attributes {
            req = req.attribute_definitions(
                AttributeDefinition::builder()
                    .attribute_name(name)
                    .attribute_type(ScalarAttributeType::from(ty.as_str()))
                    .build()
                    .map_err(invalid)?,
            );
        }
        for ix in &def.indexes {
            req = req.global_secondary_indexes(
                GlobalSecondaryIndex::builder()
                    .index_name(&ix.name)
                    .set_key_schema(Some(key_schema(&ix.hash_key, ix.range_key.as_deref())?))
                    .projection(
                        Projection::builder()
                            .projection_type(ProjectionType::All)
                            .build(),
                    )
                    .build()
                    .map_err(invalid)?,
            );
        }
        match req.send().await {
            Ok(_) => {}
            Err(SdkError::ServiceError(e))
                if matches!(e.err(), CreateTableError::ResourceInUseException(_)) => {}
            Err(e) => return Err(sdk_error(e)),
        }
        self.wait_until_active().await
    }

    /// Creates the table from the template's definition if it is missing.
    pub async fn ensure_table(&self) -> Result<(), StoreError> {
        let def = TableDef::deployed();
        self.create_table(&def).await
    }

    /// Polls DescribeTable until the table and all its GSIs are ACTIVE (a new table on AWS
    /// takes seconds to minutes; local servers are ready at once).
    async fn wait_until_active(&self) -> Result<(), StoreError> {
        let deadline = tokio::time::Instant::now() + Duration::from_secs(600);
        let mut pause = Duration::from_millis(50);
        loop {
            let out = self
                .client
                .describe_table()
                .table_name(&self.table)
                .send()
                .await
                .map_err(sdk_error)?;
            if let Some(t) = out.table() {
                let indexes_ready = t
                    .global_secondary_indexes()
                    .iter()
                    .all(|i| i.index_status().is_none_or(|s| *s == IndexStatus::Active));
                if t.table_status() == Some(&TableStatus::Active) && indexes_ready {
                    return Ok(());
                }
            }
            if tokio::time::Instant::now() >= deadline {
                return Err(StoreError::Unavailable(format!(
                    "table {} did not become ACTIVE",
                    self.table
                )));
            }
            tokio::time::sleep(pause).await;
            pause = (pause * 2).min(Duration::from_secs(2));
        }
    }
}
