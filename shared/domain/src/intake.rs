//! «Журнал регистраций поступления заявлений на оказание государственной услуги» (seed 003): the
//! register a school keeps of every application it received in an academic year, one row each
//! in the order they came, with the seed's columns. Built from the applications as stored, so it
//! is never written by hand and never disagrees with the cards.

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use crate::Status;
use crate::api::{Application, Text};
use crate::orders::Order;
use crate::services::rules;

/// One row, with the seed's columns.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct IntakeRow {
    /// «№»: the row's place in the register (1, 2, …, by arrival).
    pub n: u32,
    pub application_id: String,
    /// The application's own number in the organisation.
    pub number: u64,
    /// «Дата поступления».
    pub received_at: DateTime<FixedOffset>,
    /// «Данные об услугополучателе»: the applicant.
    pub applicant_name: String,
    /// «Краткое содержание»: what is applied for.
    pub summary: Text,
    /// «Количество страниц прилагаемых документов».
    pub pages: u32,
    /// «Резолюция первого руководителя»: the director who signed the decision.
    pub resolution: Option<String>,
    /// «Исполнитель»: the responsible executor, else whoever decided.
    pub executor: Option<String>,
    /// «Результат оказания услуги»: the signed outcome, with the enrolment order's reference
    /// once it is registered.
    pub result: Option<Text>,
    /// «Дата фактического оказания услуги»: when the decision was signed.
    pub served_at: Option<DateTime<FixedOffset>>,
}

/// «Принято, Пр. № 152»: the signed outcome, and the order that enrolled the child once one is
/// registered.
fn result(a: &Application, orders: &[Order]) -> Text {
    let reference = orders
        .iter()
        .filter(|o| o.enrols(&a.id))
        .find_map(Order::reference);
    Text::of(|l| {
        let status = a.status.title(l);
        match &reference {
            Some(r) => format!("{status}, {}", l.pick(&r.ru, &r.kk)),
            None => status.to_string(),
        }
    })
}

/// The pages an application's documents add up to; a document stored before pages were
/// counted is one page.
pub fn pages(application: &Application) -> u32 {
    application
        .documents
        .iter()
        .map(|d| d.pages.unwrap_or(1))
        .sum()
}

/// The register of `applications` (any order): by arrival (submission instant, then number),
/// numbered from 1. An enrolment's result names its registered order, out of `orders`.
pub fn rows(applications: &[Application], orders: &[Order]) -> Vec<IntakeRow> {
    let mut sorted: Vec<&Application> = applications.iter().collect();
    sorted
        .sort_by(|a, b| (a.submitted_at, a.number, &a.id).cmp(&(b.submitted_at, b.number, &b.id)));
    sorted
        .into_iter()
        .enumerate()
        .map(|(i, a)| {
            let signed = a
                .signature
                .as_ref()
                .filter(|_| matches!(a.status, Status::Accepted | Status::Rejected));
            let executor = a
                .assignee_name
                .clone()
                .or_else(|| a.decision.as_ref().and_then(|d| d.decided_by_name.clone()));
            IntakeRow {
                n: i as u32 + 1,
                application_id: a.id.clone(),
                number: a.number,
                received_at: a.submitted_at,
                applicant_name: a.applicant_name.clone(),
                summary: Text::of(|l| rules(a.service).title(l).to_string()),
                pages: pages(a),
                resolution: signed
                    .map(|s| s.signer_name.clone())
                    .filter(|n| !n.is_empty()),
                executor,
                result: signed.map(|_| result(a, orders)),
                served_at: signed.map(|s| s.signed_at),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::MsgLang;

    fn application(id: &str, number: u64, at: &str, status: &str) -> Application {
        serde_json::from_value(serde_json::json!({
            "id": id, "number": number, "service": "grade1", "org_id": "org",
            "academic_year": "2026-2027", "grade": 1, "language": "ru", "status": status,
            "admission_type": "microdistrict",
            "submitted_at": at, "due_at": "2026-06-03T10:00:00+05:00",
            "overdue": false, "applicant_iin": "880808300004", "applicant_name": "Мурат Аида Марат",
            "child": {"iin": "190101500123", "last_name": "Мурат", "first_name": "Алихан",
                      "birth_date": "2019-01-01", "sex": "male"},
            "applicant": {"phone": "+77011234567", "relation": "mother"},
            "registered_address_id": null, "actual_address": null,
            "transport_requested": false, "special_needs": false,
            "documents": [
                {"kind": "photo", "file_id": "f1", "pages": 1},
                {"kind": "vaccination_card", "file_id": "f2", "pages": 3},
                {"kind": "health_passport", "file_id": "f3"}
            ],
            "assignee_name": "Бекенова Асемгуль"
        }))
        .unwrap()
    }

    #[test]
    fn rows_come_in_arrival_order_with_the_seeds_columns() {
        let mut signed = application("b", 2, "2026-06-01T09:00:00+05:00", "accepted");
        signed.signature = Some(
            serde_json::from_value(serde_json::json!({
                "payload": "p", "signature": "s", "algorithm": "ecdsa-p256-sha256",
                "certificates": [], "certificate_serial": "0A", "signer_iin": "850315400015",
                "signer_name": "Смагулова Шолпан", "bin": "123456789012",
                "signed_at": "2026-06-02T16:14:00+05:00"
            }))
            .unwrap(),
        );
        let waiting = application("a", 1, "2026-06-01T10:00:00+05:00", "in_review");
        let rows = rows(&[waiting, signed.clone()], &[]);
        assert_eq!(rows.iter().map(|r| r.n).collect::<Vec<_>>(), [1, 2]);
        assert_eq!(rows[0].application_id, "b", "the earlier arrival first");
        let r = &rows[0];
        assert_eq!(r.pages, 5, "1 + 3 + one page for a document not counted");
        assert_eq!(
            r.summary.ru,
            rules(crate::Service::Grade1).title(MsgLang::Ru)
        );
        assert_eq!(r.resolution.as_deref(), Some("Смагулова Шолпан"));
        assert_eq!(r.executor.as_deref(), Some("Бекенова Асемгуль"));
        assert_eq!(
            r.result.as_ref().map(|t| t.ru.as_str()),
            Some(Status::Accepted.title(MsgLang::Ru))
        );
        assert!(r.served_at.is_some());
        // Not signed yet: no resolution, result or date.
        let open = &rows[1];
        assert_eq!(
            (open.resolution.clone(), open.result.clone(), open.served_at),
            (None, None, None)
        );
        // Once the child's enrolment order is registered, the result names it.
        let order: crate::orders::Order = serde_json::from_value(serde_json::json!({
            "id": "o", "org_id": "org", "academic_year": "2026-2027", "status": "registered",
            "title": {"ru": "О зачислении учащихся", "kk": "Оқушыларды қабылдау туралы"},
            "children": [{"application_id": "b", "application_number": 2,
                          "applied_on": "2026-06-01", "child_iin": "190101500123",
                          "last_name": "Мурат", "first_name": "Алихан",
                          "birth_date": "2019-01-01", "sex": "male"}],
            "prepared_by_name": null, "prepared_at": "2026-06-02T16:03:00+05:00",
            "registration": {"number": 152, "date": "2026-06-02", "seq": 184,
                             "registered_by_name": null,
                             "registered_at": "2026-06-02T16:10:00+05:00"},
            "signature": null
        }))
        .unwrap();
        let named = super::rows(&[signed], &[order]);
        let result = named[0].result.clone().unwrap();
        assert_eq!(result.ru, "Принято, Пр. № 152");
        assert_eq!(result.kk, "Қабылданды, № 152 бұйрық");
    }
}
