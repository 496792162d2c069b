//! Cognito's pre sign-up trigger: a person signs up with their IIN in `custom:iin`, and the pool
//! accepts them only when it is a valid IIN (12 digits, a birth date, the check digit), so that
//! every token of the pool names a real IIN. Cognito shows the error's message to the person
//! (hence Russian and Kazakh together). The phone number is confirmed by the SMS code, not here:
//! auto-confirm stays off.

use aws_lambda_events::event::cognito::CognitoEventUserPoolsPreSignup;
use domain::{ErrorCode, Iin, MsgLang};

/// The user attribute holding the IIN (the pool's schema, `infra/template.yaml`).
pub const IIN_ATTRIBUTE: &str = "custom:iin";

/// Why a sign-up was refused: the message Cognito shows, in Russian and Kazakh.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal(pub String);

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Refusal {}

/// The event back with nothing confirmed or verified automatically when the IIN is valid, or
/// the refusal.
pub fn pre_sign_up(
    mut event: CognitoEventUserPoolsPreSignup,
) -> Result<CognitoEventUserPoolsPreSignup, Refusal> {
    let iin = event.request.user_attributes.get(IIN_ATTRIBUTE);
    if iin.is_none_or(|iin| Iin::parse(iin).is_err()) {
        return Err(Refusal(format!(
            "{} / {}",
            ErrorCode::InvalidIin.message(MsgLang::Ru),
            ErrorCode::InvalidIin.message(MsgLang::Kk)
        )));
    }
    event.response.auto_confirm_user = false;
    event.response.auto_verify_phone = false;
    event.response.auto_verify_email = false;
    Ok(event)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A pre sign-up event as Cognito sends it, with `custom:iin` when given.
    fn event(iin: Option<&str>) -> CognitoEventUserPoolsPreSignup {
        let mut attributes = serde_json::json!({
            "phone_number": "+77010000000",
            "name": "Ахметова Гульнар",
        });
        if let Some(iin) = iin {
            attributes["custom:iin"] = iin.into();
        }
        serde_json::from_value(serde_json::json!({
            "version": "1",
            "triggerSource": "PreSignUp_SignUp",
            "region": "eu-central-1",
            "userPoolId": "eu-central-1_abcdEFGH",
            "userName": "5f1e0c2a-1111-2222-3333-444455556666",
            "callerContext": {"awsSdkVersion": "aws-sdk-unknown-unknown", "clientId": "client"},
            "request": {"userAttributes": attributes, "validationData": null},
            "response": {"autoConfirmUser": false, "autoVerifyEmail": false, "autoVerifyPhone": false}
        }))
        .unwrap()
    }

    #[test]
    fn a_valid_iin_signs_up_unconfirmed() {
        let out = pre_sign_up(event(Some("800101300016"))).unwrap();
        assert!(!out.response.auto_confirm_user);
        assert!(!out.response.auto_verify_phone);
        let json = serde_json::to_value(&out).unwrap();
        assert_eq!(json["response"]["autoConfirmUser"], false);
        assert_eq!(
            json["request"]["userAttributes"]["custom:iin"],
            "800101300016"
        );
    }

    #[test]
    fn an_invalid_or_missing_iin_is_refused_in_russian_and_kazakh() {
        for iin in [
            Some("800101300017"),  // check digit
            Some("80010130001"),   // 11 digits
            Some("8001013000160"), // 13 digits
            Some("80010130001a"),
            Some(""),
            None,
        ] {
            let refusal = pre_sign_up(event(iin)).unwrap_err();
            assert!(
                refusal.0.contains("ИИН указан неверно"),
                "{iin:?}: {refusal}"
            );
            assert!(refusal.0.contains("ЖСН қате"), "{iin:?}: {refusal}");
        }
    }

    #[test]
    fn a_confirmation_asked_for_is_not_given() {
        let mut e = event(Some("061211600012"));
        e.response.auto_confirm_user = true;
        assert!(!pre_sign_up(e).unwrap().response.auto_confirm_user);
    }
}
