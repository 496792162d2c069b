//! Notices by e-mail (`functions/notify`, the dev sink `GET /api/dev/email`): an applicant who
//! gave an address gets the receipt, the signed decision with its notice PDF attached (read back
//! by a PDF reader) and the school's messages by e-mail too, each once; the SMS and the in-app
//! notice still come; staff notices are not e-mailed.

use api_tests::*;
use base64::Engine;

scenarios!(notices_by_email_with_the_signed_notice_attached);

/// The e-mails of the dev sink, polled until `wanted` holds for one (the runner drains the
/// notifications queue every second).
async fn emails_until(h: &Harness, what: &str, wanted: impl Fn(&Value) -> bool) -> Vec<Value> {
    for _ in 0..50 {
        let (s, b) = h.get("/api/dev/email", None).await;
        assert_eq!(s, 200, "dev email: {b}");
        let items = b["items"].as_array().cloned().unwrap_or_default();
        if items.iter().any(&wanted) {
            return items;
        }
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }
    panic!("no e-mail {what} within 10 s");
}

fn subject(m: &Value) -> &str {
    m["subject"].as_str().unwrap_or_default()
}

async fn notices_by_email_with_the_signed_notice_attached(h: Harness) {
    let school = h.school().await;
    let (parent, _child, app) = h.applied(&school).await;
    let id = str_field(&app, "id");
    let number = app["number"].as_u64().expect("number");
    let receipt = format!("№{number} өтініш берілді");
    let mails = emails_until(&h, "of the receipt", |m| subject(m).contains(&receipt)).await;
    let m = mails
        .iter()
        .find(|m| subject(m).contains(&receipt))
        .unwrap();
    assert_eq!(m["to"], "a@example.kz", "{m}");
    let text = m["text"].as_str().unwrap();
    assert!(has_kazakh_letter(text) && text.contains("подано"), "{text}");
    assert_eq!(m["attachments"].as_array().unwrap().len(), 0, "{m}");

    h.decided(&school.director.token, &school.org_id, &id, &accept())
        .await;
    let key = h.director_key(&school, "ecdsa").await;
    h.signed(&school, &id, &key).await;
    let decision = format!("решение по заявлению №{number}");
    let mails = emails_until(&h, "of the decision", |m| subject(m).contains(&decision)).await;
    let decided: Vec<&Value> = mails
        .iter()
        .filter(|m| subject(m).contains(&decision))
        .collect();
    assert_eq!(decided.len(), 1, "{decided:?}");
    let attachments = decided[0]["attachments"].as_array().unwrap();
    assert_eq!(attachments.len(), 1, "{attachments:?}");
    let pdf = &attachments[0];
    assert_eq!(pdf["filename"], format!("notice-{number}.pdf").as_str());
    assert_eq!(pdf["content_type"], "application/pdf");
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(pdf["base64"].as_str().unwrap())
        .unwrap();
    let paper = pdf_text(&bytes);
    for wanted in [
        "Уведомление",
        "Хабарлама",
        "Принято",
        &format!("/verify/{id}"),
    ] {
        assert!(
            paper.contains(wanted),
            "«{wanted}» is not in the notice:\n{paper}"
        );
    }
    // The e-mail came beside the in-app notice, not instead of it.
    let notices = h.notices(&parent, 2).await;
    assert!(
        notices
            .iter()
            .any(|n| n["text"]["ru"].as_str().unwrap_or("").contains("Решение")),
        "{notices:?}"
    );

    // A message of the school is e-mailed too.
    let path = app_path(&school.org_id, &id, "messages");
    let body = json!({ "message_id": "5f0c2a1e-7d4b-4c1a-9a57-0b6f1e2d3c4b",
                       "text": { "ru": "Ждём вас 1 сентября." } });
    let (s, b) = h.post(&path, Some(&school.director.token), &body).await;
    assert_eq!(s, 201, "{b}");
    let mails = emails_until(&h, "of the message", |m| {
        m["text"]
            .as_str()
            .unwrap_or("")
            .contains("Ждём вас 1 сентября.")
    })
    .await;
    let with_message = |m: &&Value| m["text"].as_str().unwrap_or("").contains("1 сентября");
    assert_eq!(mails.iter().filter(with_message).count(), 1);

    // Every e-mail was to the applicant: the director's notices are not e-mailed.
    for m in &mails {
        assert_eq!(m["to"], "a@example.kz", "{m}");
    }
}
