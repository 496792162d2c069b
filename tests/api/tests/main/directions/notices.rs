//! Every direction event tells the parent in Kazakh and Russian: the in-app notice
//! (`GET /api/me/notifications`) and the SMS (the runner's sink, `GET /api/dev/sms`) — issued,
//! extended, enrolled, revoked, expired (stop-list) and removed (second expiry).

use std::time::Duration as Wait;

use api_tests::*;
use chrono::{DateTime, Duration, FixedOffset};

use super::fixtures::*;

scenarios!(every_direction_event_is_told_in_kk_and_ru);

/// What one event's notice and SMS say, in each language.
struct Said {
    ru: &'static str,
    kk: &'static str,
    sms_kk: &'static str,
    sms_ru: &'static str,
}

const ISSUED: Said = Said {
    ru: "выдано направление в частный детский сад",
    kk: "жеке балабақшасына жолдама берілді",
    sms_kk: "жолдама берілді",
    sms_ru: "выдано направление",
};
const EXTENDED: Said = Said {
    ru: "направление продлено до",
    kk: "ұзартылды",
    sms_kk: "жолдама",
    sms_ru: "направление продлено",
};
const ENROLLED: Said = Said {
    ru: "ребёнок зачислен в детский сад",
    kk: "балабақшасына қабылданды",
    sms_kk: "балабақшаға қабылданды",
    sms_ru: "ребёнок зачислен",
};
const REVOKED: Said = Said {
    ru: "вы отказались от направления",
    kk: "жолдамадан бас тарттыңыз",
    sms_kk: "жолдамадан бас тартылды",
    sms_ru: "направление отозвано",
};
const EXPIRED: Said = Said {
    ru: "направление аннулировано",
    kk: "жолдама жойылды",
    sms_kk: "стоп-тізімде",
    sms_ru: "стоп-листе",
};
const REMOVED: Said = Said {
    ru: "снят с очереди: дважды истёк срок направления",
    kk: "кезектен алынды: жолдаманың мерзімі екі рет өтіп кетті",
    sms_kk: "кезектен алынды",
    sms_ru: "снят с очереди",
};

/// A parent in the queue with the phone their SMS go to.
struct Family {
    parent: Person,
    app: Value,
    phone: &'static str,
}

impl Family {
    async fn new(h: &Harness, birth: chrono::NaiveDate, phone: &'static str) -> Family {
        let (parent, app) = in_queue_with_phone(h, birth, phone).await;
        Family { parent, app, phone }
    }

    fn number(&self) -> String {
        str_field(&self.app, "number")
    }
}

/// Polls until the parent has an in-app notice of the application saying `said` in Russian;
/// asserts its Kazakh text, and that one SMS to the parent's phone says it in both languages,
/// Kazakh first. Returns the notice.
async fn told(h: &Harness, f: &Family, said: &Said) -> Value {
    let number = f.number();
    let mut notice = None;
    for _ in 0..50 {
        let (s, b) = h.get("/api/me/notifications", Some(&f.parent.token)).await;
        assert_eq!(s, 200, "notifications: {b}");
        notice = b["items"].as_array().and_then(|items| {
            items
                .iter()
                .find(|n| {
                    n["text"]["ru"]
                        .as_str()
                        .is_some_and(|t| t.contains(said.ru))
                })
                .cloned()
        });
        if notice.is_some() {
            break;
        }
        tokio::time::sleep(Wait::from_millis(200)).await;
    }
    let notice = notice.unwrap_or_else(|| panic!("no notice saying «{}»", said.ru));
    let (ru, kk) = (
        notice["text"]["ru"].as_str().unwrap_or_default(),
        notice["text"]["kk"].as_str().unwrap_or_default(),
    );
    assert!(ru.contains(&number) && kk.contains(&number), "{notice}");
    assert!(kk.contains(said.kk), "kk: {notice}");
    assert!(has_kazakh_letter(kk), "kk: {notice}");
    assert_eq!(notice["application_id"], f.app["id"], "{notice}");

    let mut sms = Vec::new();
    for _ in 0..50 {
        let (s, b) = h.get("/api/dev/sms", None).await;
        assert_eq!(s, 200, "dev sms: {b}");
        sms = b["items"]
            .as_array()
            .cloned()
            .unwrap_or_default()
            .into_iter()
            .filter(|m| m["to"] == f.phone)
            .filter_map(|m| m["text"].as_str().map(str::to_string))
            .filter(|t| t.contains(said.sms_ru))
            .collect();
        if !sms.is_empty() {
            break;
        }
        tokio::time::sleep(Wait::from_millis(200)).await;
    }
    assert_eq!(sms.len(), 1, "one SMS saying «{}»: {sms:?}", said.sms_ru);
    let (kk, ru) = sms[0].split_once(" / ").expect("kk / ru");
    assert!(kk.contains(&number) && kk.contains(said.sms_kk), "{kk}");
    assert!(has_kazakh_letter(kk), "{kk}");
    assert!(ru.contains(&number), "{ru}");
    notice
}

fn at(app: &Value, field: &str) -> DateTime<FixedOffset> {
    time_plus5(app, field)
}

/// The day a period ending at 00:00 Almaty begins the next one, as `dd.mm.yyyy`.
fn first_day(end: DateTime<FixedOffset>) -> String {
    end.format("%d.%m.%Y").to_string()
}

async fn every_direction_event_is_told_in_kk_and_ru(h: Harness) {
    h.set_clock("2026-06-10T10:00:00+05:00").await;
    let kg = kindergarten(&h).await;
    assert_eq!(
        put_places(&h, &kg, &kg.director, 2022, "kk", 3).await.0,
        200
    );

    // Issued, extended, enrolled.
    let a = Family::new(&h, date(2022, 3, 1), "+77015550101").await;
    let (s, b) = choose(&h, &a.parent, &a.app, &kg, "kk").await;
    assert_eq!(s, 201, "{b}");
    let issued = told(&h, &a, &ISSUED).await;
    for lang in ["ru", "kk"] {
        let t = issued["text"][lang].as_str().unwrap_or_default();
        assert!(t.contains("Балапан"), "names the kindergarten: {t}");
    }
    let extend = path(&a.app, "direction/extend");
    let (s, b) = h
        .post(&extend, Some(&a.parent.token), &json!({"days": 3}))
        .await;
    assert_eq!(s, 200, "{b}");
    told(&h, &a, &EXTENDED).await;
    let id = str_field(&a.app, "id");
    let (s, b) = h
        .post(
            &format!("/api/orgs/{}/directions/{id}/arrival", kg.org_id),
            Some(&kg.director.token),
            &json!({}),
        )
        .await;
    assert_eq!(s, 200, "{b}");
    told(&h, &a, &ENROLLED).await;

    // Revoked within 24 h.
    let b_ = Family::new(&h, date(2022, 4, 1), "+77015550102").await;
    assert_eq!(choose(&h, &b_.parent, &b_.app, &kg, "kk").await.0, 201);
    let revoke = path(&b_.app, "direction/revoke");
    let (s, b) = h.post(&revoke, Some(&b_.parent.token), &json!({})).await;
    assert_eq!(s, 200, "{b}");
    told(&h, &b_, &REVOKED).await;

    // Expired: stop-listed, told from which day a kindergarten may be chosen again.
    let c = Family::new(&h, date(2022, 5, 1), "+77015550103").await;
    let (s, directed) = choose(&h, &c.parent, &c.app, &kg, "kk").await;
    assert_eq!(s, 201, "{directed}");
    let expires = at(&directed["direction"], "expires_at");
    h.set_clock(&(expires + Duration::minutes(1)).to_rfc3339())
        .await;
    assert_eq!(expiry(&h).await, 1);
    let expired = told(&h, &c, &EXPIRED).await;
    let (s, now) = h
        .get(
            &format!("/api/preschool/applications/{}", str_field(&c.app, "id")),
            Some(&c.parent.token),
        )
        .await;
    assert_eq!(s, 200, "{now}");
    let stop_until = at(&now, "stop_until");
    let free_from = first_day(stop_until);
    for lang in ["ru", "kk"] {
        let t = expired["text"][lang].as_str().unwrap_or_default();
        assert!(t.contains(&free_from), "names {free_from}: {t}");
    }
    // Stop-listed through the day before: that day may not be named as the first free one.
    h.set_clock(&(stop_until - Duration::minutes(1)).to_rfc3339())
        .await;
    assert_eq!(
        code(&choose(&h, &c.parent, &c.app, &kg, "kk").await, 422),
        "stop_listed"
    );

    // Removed at the second expiry.
    h.set_clock(&(stop_until + Duration::minutes(1)).to_rfc3339())
        .await;
    let (s, again) = choose(&h, &c.parent, &c.app, &kg, "kk").await;
    assert_eq!(s, 201, "{again}");
    let expires = at(&again["direction"], "expires_at");
    h.set_clock(&(expires + Duration::minutes(1)).to_rfc3339())
        .await;
    assert_eq!(expiry(&h).await, 1);
    told(&h, &c, &REMOVED).await;
}
