//! What the applicant reads besides the application: its history («История изменений»), its
//! documents («Общие документы») and the notices of each change.

use super::*;

scenarios!(history_documents_and_notices);

/// `GET` a document: status, content type, content disposition, and the text a PDF reader
/// reads in it with its spaces removed (a wrapped line's words are joined without one).
async fn download(h: &Api, who: &Person, id: &str, kind: &str) -> (u16, String, String, String) {
    let resp = h
        .client
        .get(h.url(&app_path(id, &format!("/documents/{kind}"))))
        .bearer_auth(&who.token)
        .send()
        .await
        .expect("download");
    let header = |name: &str| {
        resp.headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_string()
    };
    let (status, ct, cd) = (
        resp.status().as_u16(),
        header("content-type"),
        header("content-disposition"),
    );
    let bytes = resp.bytes().await.unwrap_or_default();
    let text = if bytes.starts_with(b"%PDF-") {
        pdf_text(&bytes)
    } else {
        String::from_utf8_lossy(&bytes).into_owned()
    };
    (status, ct, cd, flat(&text))
}

fn flat(text: &str) -> String {
    text.split_whitespace().collect()
}

async fn history_documents_and_notices(h: Harness) {
    h.set_clock(NOW).await;
    let father = h.person("Құжатов Арман").await;
    let kid = child("2022-02-22", true);
    let proof = privilege_proof(&h, &father).await;
    let app = registered(&h, &father, &with_privilege(&kid, "first_priority", &proof)).await;
    let id = str_field(&app, "id");
    let number = str_field(&app, "number");

    // The registration's notice: in-app in kk and ru, and one SMS, naming the number.
    let items = h.notices(&father, 1).await;
    let n = &items[0];
    assert!(
        text(n, "ru").contains(&number) && text(n, "kk").contains(&number),
        "{n}"
    );
    assert!(text(n, "ru").contains("поставлен в очередь"), "{n}");
    assert!(has_kazakh_letter(text(n, "kk")), "{n}");
    assert_eq!(n["application_id"], id.as_str(), "{n}");
    let sent = sms_naming(&h, &number, 1).await;
    assert_eq!(sent.len(), 1, "{sent:?}");

    // «Общие документы»: the registration's four, dated on its day.
    let (s, docs) = read(&h, &father, &id, "/documents").await;
    assert_eq!(s, 200, "{docs}");
    let kinds: Vec<&str> = docs["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|d| d["kind"].as_str().unwrap_or_default())
        .collect();
    assert_eq!(
        kinds,
        [
            "registration_notice",
            "documents_receipt",
            "registry_book",
            "child_card"
        ]
    );
    for d in docs["items"].as_array().unwrap() {
        assert_eq!(d["date"], "2026-06-02", "{d}");
        assert!(
            d["title"]["ru"].is_string() && d["title"]["kk"].is_string(),
            "{d}"
        );
    }
    // Each downloads as a PDF in Kazakh and Russian with the child's name and the number.
    for kind in kinds {
        let (s, ct, cd, pdf) = download(&h, &father, &id, kind).await;
        assert_eq!(s, 200, "{kind}: {pdf}");
        assert_eq!(ct, "application/pdf");
        assert!(cd.starts_with("attachment; filename=\"UO.2026."), "{cd}");
        assert!(cd.ends_with(&format!("-{kind}.pdf\"")), "{cd}");
        assert!(
            pdf.contains("Өтініш№") && pdf.contains("Заявление№"),
            "{pdf}"
        );
        assert!(
            pdf.contains(&flat("Құжатов Арман")) || kind == "registry_book",
            "{kind}"
        );
        assert!(
            pdf.matches(&flat("Ахметов Нұрсұлтан Серікұлы")).count() >= 2,
            "{kind}: {pdf}"
        );
        assert!(pdf.matches(number.as_str()).count() >= 2, "{kind}");
        assert!(pdf.contains(&kid.iin), "{kind}");
    }
    let (_, _, _, notice) = download(&h, &father, &id, "registration_notice").await;
    assert!(
        notice.contains(&flat("Уведомление о регистрации"))
            && notice.contains(&flat("Тіркеу туралы хабарлама"))
    );
    assert!(
        notice.contains(&flat("Первоочередная (На подтверждении)")),
        "{notice}"
    );
    assert!(notice.contains(&flat("02.06.2026 10:00")), "{notice}");
    // No direction yet; no such kind; nobody else's.
    assert_eq!(download(&h, &father, &id, "direction").await.0, 404);
    assert_eq!(download(&h, &father, &id, "passport").await.0, 404);
    let stranger = h.person("Бөгде").await;
    assert_eq!(download(&h, &stranger, &id, "child_card").await.0, 404);
    assert_eq!(read(&h, &stranger, &id, "/documents").await.0, 404);
    assert_eq!(read(&h, &stranger, &id, "/history").await.0, 404);

    // Changes, then leaving (told in kk and ru, and by SMS).
    h.set_clock("2026-06-03T11:00:00+05:00").await;
    let path = app_path(&id, "/privilege");
    let (s, _) = h
        .post(&path, Some(&father.token), &json!({"privilege": "none"}))
        .await;
    assert_eq!(s, 200);
    h.set_clock("2026-06-04T12:00:00+05:00").await;
    let (s, _) = h
        .post(&app_path(&id, "/leave"), Some(&father.token), &json!({}))
        .await;
    assert_eq!(s, 200);
    let items = h.notices(&father, 2).await;
    let left = &items[0];
    assert!(text(left, "ru").contains("снят с очереди"), "{left}");
    assert!(text(left, "kk").contains("алынды"), "{left}");
    assert_eq!(sms_naming(&h, &number, 2).await.len(), 2);

    // «История изменений»: every change, its time and who acted.
    let (s, hist) = read(&h, &father, &id, "/history").await;
    assert_eq!(s, 200, "{hist}");
    let events = hist["items"].as_array().expect("items");
    let actions: Vec<&str> = events
        .iter()
        .map(|e| e["action"].as_str().unwrap_or_default())
        .collect();
    assert_eq!(
        actions,
        ["registered", "privilege_changed", "removed"],
        "{hist}"
    );
    for e in events {
        assert_eq!(e["actor"], father.iin.as_str(), "{e}");
        assert_eq!(e["actor_name"], "Құжатов Арман", "{e}");
        assert_eq!(e["role"], "applicant", "{e}");
    }
    assert_eq!(
        time_plus5(&events[1], "at").date_naive().to_string(),
        "2026-06-03"
    );
    assert_eq!(events[1]["comment"], "none", "{hist}");
    assert_eq!(events[2]["comment"], "by_applicant", "{hist}");
    // The documents stay, the queue state they print is the present one.
    let (_, _, _, card) = download(&h, &father, &id, "child_card").await;
    assert!(
        card.contains(&flat("Снят с очереди")) && card.contains(&flat("Кезектен алынды")),
        "{card}"
    );
}
