//! What the department's pages share, kept at the root so that it outlives a page: the
//! department itself (its scope and territories, asked once), the journal's filters (back from
//! a card, the journal shows what it showed), the report's period, service and tab, and the
//! organisations the journal has met (the organisation filter's choices). One reducer: pages
//! dispatch actions and read the state from the context.

use std::rc::Rc;

use domain::monitoring::OrgRef;
use yew::prelude::*;

use crate::hooks::{Department, Remote};

/// A journal filter, as its query parameter takes it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum JournalField {
    /// The ministry's journal reads one region at a time.
    Region,
    Service,
    Status,
    Decision,
    Org,
    Locality,
    Overdue,
    From,
    To,
    Search,
}

impl JournalField {
    pub const ALL: [JournalField; 10] = [
        JournalField::Region,
        JournalField::Service,
        JournalField::Status,
        JournalField::Decision,
        JournalField::Org,
        JournalField::Locality,
        JournalField::Overdue,
        JournalField::From,
        JournalField::To,
        JournalField::Search,
    ];

    /// The query parameter of `GET /api/monitoring/applications` (and its export).
    pub fn param(self) -> &'static str {
        match self {
            JournalField::Region => "region",
            JournalField::Service => "service",
            JournalField::Status => "status",
            JournalField::Decision => "decision",
            JournalField::Org => "org",
            JournalField::Locality => "locality",
            JournalField::Overdue => "overdue",
            JournalField::From => "from",
            JournalField::To => "to",
            JournalField::Search => "q",
        }
    }
}

/// The journal's filters: one value per [`JournalField`], empty for none.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct JournalFilter([String; 10]);

impl JournalFilter {
    pub fn get(&self, f: JournalField) -> &str {
        &self.0[f as usize]
    }

    /// The query parameters, empty ones included (the query string drops them).
    pub fn params(&self) -> Vec<(&'static str, String)> {
        JournalField::ALL
            .iter()
            .map(|f| (f.param(), self.get(*f).trim().to_string()))
            .collect()
    }
}

/// The report's tabs «ТАБЛИЦА / ДИАГРАММА».
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub enum ReportTab {
    #[default]
    Table,
    Chart,
}

/// The report's input as typed: `from`/`to` as `YYYY-MM-DDTHH:MM` (empty: the server's
/// default, the last 20 days up to now) and the service (empty: «Все услуги»).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ReportForm {
    pub from: String,
    pub to: String,
    pub service: String,
}

impl ReportForm {
    pub fn params(&self) -> Vec<(&'static str, String)> {
        vec![
            ("from", self.from.clone()),
            ("to", self.to.clone()),
            ("service", self.service.clone()),
        ]
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct EduState {
    pub department: Remote<Department>,
    pub journal: JournalFilter,
    pub report: ReportForm,
    pub tab: ReportTab,
    /// The organisations met in the journal's rows, by name.
    pub orgs: Vec<OrgRef>,
}

impl Default for EduState {
    fn default() -> Self {
        EduState {
            department: Remote::Loading,
            journal: JournalFilter::default(),
            report: ReportForm::default(),
            tab: ReportTab::Table,
            orgs: Vec::new(),
        }
    }
}

pub enum EduAction {
    Department(Remote<Department>),
    Filter(JournalField, String),
    ResetFilters,
    Report(ReportForm),
    Tab(ReportTab),
    /// Organisations seen in a page of the journal.
    Seen(Vec<OrgRef>),
}

impl Reducible for EduState {
    type Action = EduAction;

    fn reduce(self: Rc<Self>, action: EduAction) -> Rc<Self> {
        let mut s = (*self).clone();
        match action {
            EduAction::Department(d) => s.department = d,
            EduAction::Filter(f, v) => s.journal.0[f as usize] = v,
            EduAction::ResetFilters => s.journal = JournalFilter::default(),
            EduAction::Report(r) => s.report = r,
            EduAction::Tab(t) => s.tab = t,
            EduAction::Seen(orgs) => {
                let before = s.orgs.len();
                for o in orgs {
                    if !s.orgs.iter().any(|k| k.id == o.id) {
                        s.orgs.push(o);
                    }
                }
                if s.orgs.len() == before {
                    return self;
                }
                s.orgs.sort_by(|a, b| a.name.ru.cmp(&b.name.ru));
            }
        }
        Rc::new(s)
    }
}

pub type Edu = UseReducerHandle<EduState>;

#[hook]
pub fn use_edu() -> Edu {
    use_context::<Edu>().expect("the department's state is provided at the root")
}

#[cfg(test)]
mod tests {
    use super::*;
    use domain::api::Text;

    fn org(id: &str, name: &str) -> OrgRef {
        OrgRef {
            id: id.into(),
            name: Text {
                ru: name.into(),
                kk: name.into(),
            },
            bin: "000000000000".into(),
        }
    }

    #[test]
    fn filters_set_reset_and_read_as_parameters() {
        let s = Rc::new(EduState::default());
        let s = s.reduce(EduAction::Filter(JournalField::Status, "in_review".into()));
        let s = s.reduce(EduAction::Filter(JournalField::Search, " 42 ".into()));
        let params = s.journal.params();
        assert!(params.contains(&("status", "in_review".into())));
        assert!(params.contains(&("q", "42".into())));
        assert!(params.contains(&("org", String::new())));
        let s = s.reduce(EduAction::ResetFilters);
        assert_eq!(s.journal, JournalFilter::default());
    }

    #[test]
    fn organisations_seen_are_kept_once_by_name() {
        let s = Rc::new(EduState::default());
        let s = s.reduce(EduAction::Seen(vec![
            org("b", "Школа Б"),
            org("a", "Школа А"),
        ]));
        let s2 = s.clone().reduce(EduAction::Seen(vec![org("a", "Школа А")]));
        assert!(Rc::ptr_eq(&s, &s2), "nothing new, no new state");
        let names: Vec<_> = s2.orgs.iter().map(|o| o.id.as_str()).collect();
        assert_eq!(names, ["a", "b"]);
    }
}
