//! The `presignup` Lambda (Cognito pre sign-up trigger): wiring only; the rule is in lib.rs.

use aws_lambda_events::event::cognito::CognitoEventUserPoolsPreSignup;
use lambda_runtime::{Error, LambdaEvent, service_fn};

#[tokio::main]
async fn main() -> Result<(), Error> {
    lambda_runtime::tracing::init_default_subscriber();
    lambda_runtime::run(service_fn(
        |event: LambdaEvent<CognitoEventUserPoolsPreSignup>| async move {
            presignup::pre_sign_up(event.payload).map_err(|refusal| {
                // No IIN in the log: only that one was refused.
                tracing::info!("sign-up refused: invalid IIN");
                Error::from(refusal)
            })
        },
    ))
    .await
}
