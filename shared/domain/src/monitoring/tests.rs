use super::*;
use crate::DomainError;
use chrono::Duration;
use std::collections::HashMap;

fn at(s: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(s).unwrap()
}

fn q(pairs: &[(&str, &str)]) -> Result<ReportQuery, DomainError> {
    let m: HashMap<_, _> = pairs.iter().copied().collect();
    ReportQuery::parse(|k| m.get(k).copied(), at("2026-12-02T10:00:00+05:00"))
}

#[test]
fn the_default_period_is_the_last_twenty_days() {
    let r = q(&[]).unwrap();
    assert_eq!(r.to, at("2026-12-02T10:00:00+05:00"));
    assert_eq!(r.from, at("2026-11-12T10:00:00+05:00"));
    assert_eq!(r.service, None);
    assert_eq!(r.services(), Service::ALL.to_vec());
}

#[test]
fn a_period_reads_local_times_and_dates() {
    let r = q(&[
        ("from", "2026-06-01T09:30"),
        ("to", "2026-06-20"),
        ("service", "grade1"),
    ])
    .unwrap();
    assert_eq!(r.from, at("2026-06-01T09:30:00+05:00"));
    assert_eq!(r.to, at("2026-06-20T23:59:59+05:00"));
    assert_eq!(r.services(), vec![Service::Grade1]);
}

#[test]
fn bad_periods_name_their_field() {
    for (pairs, field) in [
        (vec![("from", "вчера")], "from"),
        (vec![("from", "2026-06-02"), ("to", "2026-06-01")], "to"),
        (vec![("from", "2020-01-01"), ("to", "2026-01-01")], "from"),
        (vec![("service", "taxi")], "service"),
    ] {
        let e = q(&pairs).unwrap_err();
        assert_eq!(e.field.as_deref(), Some(field), "{pairs:?}");
    }
}

#[test]
fn each_status_has_one_column_and_the_total_sums_them() {
    assert_eq!(Column::of_state(Status::InReview, false), Column::Received);
    assert_eq!(Column::of_state(Status::InReview, true), Column::Processing);
    assert_eq!(Column::of_state(Status::OnSigning, true), Column::OnSigning);
    assert_eq!(Column::of_state(Status::Accepted, true), Column::Positive);
    assert_eq!(Column::of_state(Status::Rejected, false), Column::Negative);
    assert_eq!(
        Column::of_state(Status::Withdrawn, false),
        Column::Withdrawn
    );
    let mut c = Counts::default();
    for (i, col) in Column::ALL.into_iter().enumerate() {
        c.add(col, i as u64 + 1);
    }
    c.overdue = 100;
    assert_eq!(c.total(), 21, "overdue is not a status column");
    assert_eq!(c.plus(&c).total(), 42);
    assert_eq!(c.plus(&c).overdue, 200);
}

#[test]
fn the_seed_row_sums_as_the_seed_does() {
    // Seed 002, Рисунок 17, «Акмолинская область»: 13 27 2 39 32 0 → 113.
    let c = Counts {
        received: 13,
        processing: 27,
        on_signing: 2,
        positive: 39,
        negative: 32,
        withdrawn: 0,
        overdue: 0,
    };
    assert_eq!(c.total(), 113);
}

#[test]
fn the_dashboard_puts_the_most_overdue_first() {
    let now = at("2026-06-10T12:00:00+05:00");
    let item = |number: u64, minutes: i64| OverdueItem {
        id: format!("a{number}"),
        number,
        service: Service::Grade1,
        full_name: "Абаев Нурлан".into(),
        status: Status::InReview,
        submitted_at: now,
        due_at: now - Duration::minutes(minutes),
        overdue_minutes: minutes,
    };
    let group = |org: &str, items: Vec<OverdueItem>| OverdueGroup {
        org: OrgRef {
            id: org.into(),
            name: Text {
                ru: org.into(),
                kk: org.into(),
            },
            bin: "000000000000".into(),
        },
        locality: TerritoryRef {
            id: "astana".into(),
            name: Text {
                ru: "Астана".into(),
                kk: "Астана".into(),
            },
            kato: None,
        },
        items,
    };
    let d = OverdueDashboard::new(
        now,
        vec![
            group("school-a", vec![item(1, 30), item(2, 600)]),
            group("school-b", vec![item(3, 2000)]),
            group("school-c", vec![]),
        ],
    );
    let order: Vec<(&str, Vec<u64>)> = d
        .groups
        .iter()
        .map(|g| {
            (
                g.org.id.as_str(),
                g.items.iter().map(|i| i.number).collect(),
            )
        })
        .collect();
    assert_eq!(order, vec![("school-b", vec![3]), ("school-a", vec![2, 1])]);
}

#[test]
fn overdue_reads_in_both_languages() {
    assert_eq!(overdue_text(45, MsgLang::Ru), "45 мин");
    assert_eq!(overdue_text(185, MsgLang::Ru), "3 ч 5 мин");
    assert_eq!(overdue_text(3060, MsgLang::Ru), "2 д 3 ч");
    assert_eq!(overdue_text(3060, MsgLang::Kk), "2 тәул 3 сағ");
    assert_eq!(overdue_text(-5, MsgLang::Ru), "0 мин");
}
