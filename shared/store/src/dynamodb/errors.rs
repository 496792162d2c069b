//! SDK failures as store errors.

use super::*;

/// Maps an SDK failure: a failed condition, a conflict with a concurrent transaction, a request
/// DynamoDB calls invalid, or (throttling, server errors, network) unavailability.
pub(super) fn sdk_error<E, R>(e: SdkError<E, R>) -> StoreError
where
    E: ProvideErrorMetadata + std::error::Error + Send + Sync + 'static,
    R: std::fmt::Debug + Send + Sync + 'static,
{
    let text = DisplayErrorContext(&e).to_string();
    match &e {
        SdkError::ServiceError(se) => match se.err().code() {
            Some("ConditionalCheckFailedException") => StoreError::ConditionFailed { index: 0 },
            Some("TransactionConflictException") => StoreError::Conflict,
            Some("ValidationException" | "SerializationException") => StoreError::Invalid(text),
            _ => StoreError::Unavailable(text),
        },
        SdkError::ConstructionFailure(_) => StoreError::Invalid(text),
        _ => StoreError::Unavailable(text),
    }
}

/// Maps a cancelled transaction by its per-write reasons: the first failed condition names
/// its write; otherwise a conflict, a validation error or unavailability.
pub(super) fn cancelled(reasons: &[CancellationReason], message: Option<&str>) -> StoreError {
    let mut codes: Vec<String> = reasons
        .iter()
        .map(|r| r.code().unwrap_or("None").to_owned())
        .collect();
    if codes.is_empty() {
        // Some servers send the reasons only in the message: "... [None, ConditionalCheckFailed]".
        if let Some(list) = message
            .and_then(|m| m.rsplit_once('['))
            .and_then(|(_, rest)| rest.split_once(']'))
            .map(|(list, _)| list)
        {
            codes = list.split(',').map(|c| c.trim().to_owned()).collect();
        }
    }
    let text = format!("transaction cancelled: {}", message.unwrap_or("no message"));
    if let Some(index) = codes.iter().position(|c| c == "ConditionalCheckFailed") {
        StoreError::ConditionFailed { index }
    } else if codes.iter().any(|c| c == "TransactionConflict") {
        StoreError::Conflict
    } else if codes.iter().any(|c| c == "ValidationError") {
        StoreError::Invalid(text)
    } else {
        StoreError::Unavailable(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cancellation_reasons_map_to_errors() {
        let r = |c: &str| CancellationReason::builder().code(c).build();
        assert_eq!(
            cancelled(&[r("None"), r("ConditionalCheckFailed"), r("None")], None),
            StoreError::ConditionFailed { index: 1 }
        );
        assert_eq!(
            cancelled(&[r("TransactionConflict"), r("None")], None),
            StoreError::Conflict
        );
        assert!(matches!(
            cancelled(&[r("ValidationError")], None),
            StoreError::Invalid(_)
        ));
        assert!(matches!(
            cancelled(&[r("ThrottlingError")], None),
            StoreError::Unavailable(_)
        ));
        assert_eq!(
            cancelled(
                &[],
                Some("Transaction cancelled [None, None, ConditionalCheckFailed]")
            ),
            StoreError::ConditionFailed { index: 2 }
        );
    }
}
