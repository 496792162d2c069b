//! The overdue dashboard: the territory's open overdue applications by organisation.

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use super::*;

/// An overdue application on the dashboard.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OverdueItem {
    pub id: String,
    pub number: u64,
    pub service: Service,
    pub full_name: String,
    pub status: Status,
    pub submitted_at: DateTime<FixedOffset>,
    pub due_at: DateTime<FixedOffset>,
    /// Whole minutes since the deadline, at the dashboard's `now`.
    pub overdue_minutes: i64,
}

impl OverdueItem {
    /// An open overdue application as the dashboard shows it at `now`.
    pub fn of(app: &Application, now: DateTime<FixedOffset>) -> OverdueItem {
        OverdueItem {
            id: app.id.clone(),
            number: app.number,
            service: app.service,
            full_name: app.child.full_name(),
            status: app.status,
            submitted_at: app.submitted_at,
            due_at: app.due_at,
            overdue_minutes: (now - app.due_at).num_minutes().max(0),
        }
    }
}

/// An organisation's overdue applications, most overdue first.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OverdueGroup {
    pub org: OrgRef,
    pub locality: TerritoryRef,
    pub items: Vec<OverdueItem>,
}

/// `GET /api/monitoring/overdue`: the caller's territory's open overdue applications now,
/// grouped by organisation (the group with the most overdue one first).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OverdueDashboard {
    pub now: DateTime<FixedOffset>,
    pub groups: Vec<OverdueGroup>,
}

impl OverdueDashboard {
    /// The dashboard of these groups: each group's items most overdue first, and the group
    /// with the most overdue item first (ties by organisation id, so the order is stable).
    pub fn new(now: DateTime<FixedOffset>, mut groups: Vec<OverdueGroup>) -> OverdueDashboard {
        for g in &mut groups {
            g.items.sort_by(|a, b| {
                b.overdue_minutes
                    .cmp(&a.overdue_minutes)
                    .then(a.number.cmp(&b.number))
            });
        }
        groups.retain(|g| !g.items.is_empty());
        let most = |g: &OverdueGroup| g.items.first().map_or(0, |i| i.overdue_minutes);
        groups.sort_by(|a, b| most(b).cmp(&most(a)).then_with(|| a.org.id.cmp(&b.org.id)));
        OverdueDashboard { now, groups }
    }
}

/// How long something is overdue, as the dashboard says it: «2 д 3 ч», «45 мин».
pub fn overdue_text(minutes: i64, lang: MsgLang) -> String {
    let minutes = minutes.max(0);
    let (d, h, m) = (minutes / 1440, minutes % 1440 / 60, minutes % 60);
    let (dl, hl, ml) = match lang {
        MsgLang::Ru => ("д", "ч", "мин"),
        MsgLang::Kk => ("тәул", "сағ", "мин"),
    };
    match (d, h) {
        (0, 0) => format!("{m} {ml}"),
        (0, h) => format!("{h} {hl} {m} {ml}"),
        (d, h) => format!("{d} {dl} {h} {hl}"),
    }
}
