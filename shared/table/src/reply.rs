//! Response templates of an organisation, and the marker of each message sent to an applicant
//! (a retried send finds it and sends nothing twice).
//!
//! | item | pk | sk |
//! |---|---|---|
//! | response template | `ORG#{org}` | `REPLY#{id}` |
//! | message sent | `APP#{id}` | `MESSAGE#{message_id}` |

use domain::replies::{ReplyTemplate, SentMessage};
use store::{Condition, Key, Query, SortCondition, Store, StoreError, WriteOp};

use crate::keys;

const TEMPLATE_PREFIX: &str = "REPLY#";

fn template_key(org: &str, id: &str) -> Key {
    Key::new(keys::org_partition(org), format!("{TEMPLATE_PREFIX}{id}"))
}

fn message_key(application_id: &str, message_id: &str) -> Key {
    Key::new(
        keys::application_partition(application_id),
        format!("MESSAGE#{message_id}"),
    )
}

/// The organisation's templates, by title.
pub async fn templates(store: &dyn Store, org: &str) -> Result<Vec<ReplyTemplate>, StoreError> {
    let query = Query::table(keys::org_partition(org))
        .sk(SortCondition::BeginsWith(TEMPLATE_PREFIX.into()));
    let mut list: Vec<ReplyTemplate> = crate::all(store, query).await?;
    list.sort_by_key(|t| t.title.to_lowercase());
    Ok(list)
}

pub async fn template(
    store: &dyn Store,
    org: &str,
    id: &str,
) -> Result<Option<ReplyTemplate>, StoreError> {
    crate::get(store, &template_key(org, id)).await
}

/// Writes a template: a new one must not exist, an edited one must.
pub fn put_template(org: &str, t: &ReplyTemplate, new: bool) -> Result<WriteOp, StoreError> {
    Ok(WriteOp::Put {
        item: store::to_item(&template_key(org, &t.id), t)?,
        condition: Some(if new {
            Condition::NotExists
        } else {
            Condition::Exists
        }),
    })
}

pub fn delete_template(org: &str, id: &str) -> WriteOp {
    WriteOp::Delete {
        key: template_key(org, id),
        condition: Some(Condition::Exists),
    }
}

/// The marker of a sent message, put only if this message id was never sent.
pub fn put_message(m: &SentMessage) -> Result<WriteOp, StoreError> {
    Ok(WriteOp::Put {
        item: store::to_item(&message_key(&m.application_id, &m.message_id), m)?,
        condition: Some(Condition::NotExists),
    })
}

pub async fn message(
    store: &dyn Store,
    application_id: &str,
    message_id: &str,
) -> Result<Option<SentMessage>, StoreError> {
    crate::get(store, &message_key(application_id, message_id)).await
}
