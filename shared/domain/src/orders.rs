//! Orders of a school (seed 003, «Приказы»): the enrolment order «О зачислении учащихся» that
//! gathers signed acceptances, its registration by the office («канцелярия»: a number and a
//! date), the director's signature with the legal-entity certificate, and the registry book
//! «Книга регистрации приказов».
//!
//! An order goes draft → registered → signed. Its number is unique within the organisation and
//! the calendar year of its date (the book is kept per calendar year); the book's own running
//! number («№ п/п») counts registrations in that year.

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, SecondsFormat};
use serde::{Deserialize, Serialize};

use crate::api::{Application, SignatureRecord, Text};
use crate::wire::wire_enum;
use crate::{AcademicYear, DomainError, ErrorCode, Lang, MsgLang, Service, Sex, Status};

/// The most children one order lists: its creation writes a marker per child in one
/// transaction (DynamoDB takes 100 writes), so a larger intake is split into several orders.
pub const MAX_CHILDREN: usize = 90;

/// The largest order number an office registers.
pub const MAX_NUMBER: u32 = 999_999;

wire_enum! {
    /// What an order orders.
    OrderKind {
        /// «О зачислении учащихся»: enrols the children of signed acceptances.
        Enrolment => "enrolment",
        /// «О комплектовании классов на YYYY-YYYY учебный год»: a year's classes of one
        /// language, each with its teacher and children (`crate::classes`).
        Classes => "classes",
    }
}

wire_enum! {
    /// Where an order is in its life.
    OrderStatus {
        /// «Проект»: prepared, not yet registered; may be discarded.
        Draft => "draft",
        /// «Зарегистрирован»: numbered and dated by the office, waiting for the signature.
        Registered => "registered",
        /// «Подписан»: signed by the director; final.
        Signed => "signed",
    }
}

impl OrderStatus {
    pub fn title(self, lang: MsgLang) -> &'static str {
        match self {
            OrderStatus::Draft => lang.pick("Проект", "Жоба"),
            OrderStatus::Registered => lang.pick("Зарегистрирован", "Тіркелген"),
            OrderStatus::Signed => lang.pick("Подписан", "Қол қойылған"),
        }
    }
}

/// The enrolment order's title, as the book and the paper name it.
pub fn enrolment_title() -> Text {
    Text {
        ru: "О зачислении учащихся".into(),
        kk: "Оқушыларды қабылдау туралы".into(),
    }
}

/// «О комплектовании классов на 2026-2027 учебный год».
pub fn classes_title(year: AcademicYear) -> Text {
    Text {
        ru: format!("О комплектовании классов на {year} учебный год"),
        kk: format!("{year} оқу жылына сыныптарды жасақтау туралы"),
    }
}

/// A class of a class-composition order (or of a composition being made): its letter, its
/// teacher («кл. руководитель») and its children, listed by name.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderClass {
    pub letter: String,
    #[serde(default)]
    pub teacher: Option<String>,
    pub children: Vec<OrderChild>,
}

/// A child the order enrols, as their application had it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderChild {
    pub application_id: String,
    /// The application's number («заявление … №…»).
    pub application_number: u64,
    /// The day the parent applied («заявление родителей от …»), Almaty time.
    pub applied_on: NaiveDate,
    pub child_iin: String,
    pub last_name: String,
    pub first_name: String,
    #[serde(default)]
    pub middle_name: Option<String>,
    pub birth_date: NaiveDate,
    pub sex: Sex,
}

impl OrderChild {
    /// The child of a signed acceptance; `None` for any other application.
    pub fn of(application: &Application) -> Option<OrderChild> {
        if !orderable(application) {
            return None;
        }
        let c = &application.child;
        Some(OrderChild {
            application_id: application.id.clone(),
            application_number: application.number,
            applied_on: crate::to_almaty(application.submitted_at.to_utc()).date_naive(),
            child_iin: c.iin.clone(),
            last_name: c.last_name.clone(),
            first_name: c.first_name.clone(),
            middle_name: c.middle_name.clone(),
            birth_date: c.birth_date,
            sex: c.sex,
        })
    }

    pub fn full_name(&self) -> String {
        crate::api::full_name(
            &self.last_name,
            &self.first_name,
            self.middle_name.as_deref(),
        )
    }
}

/// «Основание: заявление родителей от 14.05.2018 №48» (seed 003); with several children, each
/// application in turn: «заявления родителей от 14.05.2018 №48, от 15.05.2018 №52».
pub fn basis(children: &[OrderChild], lang: MsgLang) -> String {
    let date = |c: &OrderChild| c.applied_on.format("%d.%m.%Y").to_string();
    let n = |c: &OrderChild| c.application_number;
    match lang {
        MsgLang::Kk => {
            let each: Vec<String> = children
                .iter()
                .map(|c| format!("{} жылғы № {}", date(c), n(c)))
                .collect();
            let noun = if children.len() == 1 {
                "өтініші"
            } else {
                "өтініштері"
            };
            format!("Негіздеме: ата-аналардың {} {noun}", each.join(", "))
        }
        _ => {
            let each: Vec<String> = children
                .iter()
                .map(|c| format!("от {} №{}", date(c), n(c)))
                .collect();
            let noun = if children.len() == 1 {
                "заявление"
            } else {
                "заявления"
            };
            format!("Основание: {noun} родителей {}", each.join(", "))
        }
    }
}

/// Whether an application may go into an enrolment order: a 1st-grade acceptance, signed.
pub fn orderable(application: &Application) -> bool {
    application.service == Service::Grade1
        && application.status == Status::Accepted
        && application.signature.is_some()
}

/// The office's registration: the order's number and date, and its place in the book.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Registration {
    /// «№ приказа».
    pub number: u32,
    /// «Дата издания».
    pub date: NaiveDate,
    /// «№ п/п»: the registration's running number in the book of the date's year.
    pub seq: u32,
    pub registered_by_name: Option<String>,
    pub registered_at: DateTime<FixedOffset>,
}

/// An order, as stored and served.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Order {
    pub id: String,
    pub org_id: String,
    pub academic_year: AcademicYear,
    #[serde(default = "enrolment")]
    pub kind: OrderKind,
    /// The classes' language (a class-composition order).
    #[serde(default)]
    pub language: Option<Lang>,
    pub status: OrderStatus,
    pub title: Text,
    /// In the order the order lists them (by surname, then name); every class's children, for
    /// a class-composition order.
    pub children: Vec<OrderChild>,
    /// A class-composition order's classes, in letter order.
    #[serde(default)]
    pub classes: Vec<OrderClass>,
    /// «Исп.»: who prepared it.
    pub prepared_by_name: Option<String>,
    pub prepared_at: DateTime<FixedOffset>,
    pub registration: Option<Registration>,
    pub signature: Option<SignatureRecord>,
}

impl Order {
    /// Whether it lists the child of this application.
    pub fn lists(&self, application_id: &str) -> bool {
        self.children
            .iter()
            .any(|c| c.application_id == application_id)
    }

    /// Whether it is the enrolment order of the child of this application (a class-composition
    /// order lists children without enrolling them).
    pub fn enrols(&self, application_id: &str) -> bool {
        self.kind == OrderKind::Enrolment && self.lists(application_id)
    }

    /// «Пр. № 152» (ru) / «№ 152 бұйрық» (kk): how a register refers to it once registered.
    pub fn reference(&self) -> Option<Text> {
        let n = self.registration.as_ref()?.number;
        Some(Text {
            ru: format!("Пр. № {n}"),
            kk: format!("№ {n} бұйрық"),
        })
    }
}

fn enrolment() -> OrderKind {
    OrderKind::Enrolment
}

/// `POST /api/orgs/{org}/orders`: the client names the order (a retry finds it). An enrolment
/// order names its applications; a class-composition order its language (its classes are the
/// composition's).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewOrder {
    pub order_id: String,
    #[serde(default = "enrolment")]
    pub kind: OrderKind,
    pub academic_year: AcademicYear,
    #[serde(default)]
    pub application_ids: Vec<String>,
    #[serde(default)]
    pub language: Option<Lang>,
}

impl NewOrder {
    /// A client id (`api::is_client_id`); for an enrolment order 1 to [`MAX_CHILDREN`]
    /// distinct applications (sorted, so a retry with them in another order is the same
    /// request), for a class-composition order a language.
    pub fn validate(mut self) -> Result<NewOrder, DomainError> {
        let invalid = |field| DomainError::new(ErrorCode::ValidationFailed).field(field);
        if !crate::api::is_client_id(&self.order_id) {
            return Err(invalid("order_id"));
        }
        if self.kind == OrderKind::Classes {
            return match self.language {
                Some(Lang::Kk | Lang::Ru) => Ok(self),
                _ => Err(invalid("language")),
            };
        }
        self.application_ids.sort();
        self.application_ids.dedup();
        if self.application_ids.is_empty()
            || self.application_ids.len() > MAX_CHILDREN
            || self
                .application_ids
                .iter()
                .any(|id| id.is_empty() || id.len() > 64)
        {
            return Err(invalid("application_ids"));
        }
        Ok(self)
    }
}

/// Orders the children as the order lists them: by surname, name, patronymic, then birth date.
pub fn sort_children(children: &mut [OrderChild]) {
    children.sort_by(|a, b| {
        let key = |c: &OrderChild| {
            (
                c.last_name.to_lowercase(),
                c.first_name.to_lowercase(),
                c.middle_name.clone().unwrap_or_default().to_lowercase(),
                c.birth_date,
                c.application_id.clone(),
            )
        };
        key(a).cmp(&key(b))
    });
}

/// `POST /api/orgs/{org}/orders/{id}/register`: the number (the next free one when absent)
/// and the date.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegisterOrder {
    #[serde(default)]
    pub number: Option<u32>,
    pub date: NaiveDate,
}

impl RegisterOrder {
    pub fn validate(self) -> Result<RegisterOrder, DomainError> {
        if matches!(self.number, Some(n) if n == 0 || n > MAX_NUMBER) {
            return Err(DomainError::new(ErrorCode::ValidationFailed).field("number"));
        }
        // A book year the service can hold: not before the service's first campaigns.
        if !(2000..=2200).contains(&self.date.year()) {
            return Err(DomainError::new(ErrorCode::ValidationFailed).field("date"));
        }
        Ok(self)
    }
}

/// One line of «Книга регистрации приказов».
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BookRow {
    /// «№ п/п».
    pub seq: u32,
    /// «№ приказа».
    pub number: u32,
    /// «Дата издания».
    pub date: NaiveDate,
    /// «Название приказа».
    pub title: Text,
    /// «Кем подписан (Фамилия, имя, отчество, должность)»: once signed.
    pub signed_by: Option<String>,
    pub order_id: String,
}

/// The book of `year` from the organisation's orders (any order): the registered ones dated
/// in that year, by running number.
pub fn book(orders: &[Order], year: i32) -> Vec<BookRow> {
    let mut rows: Vec<BookRow> = orders
        .iter()
        .filter_map(|o| {
            let r = o.registration.as_ref().filter(|r| r.date.year() == year)?;
            Some(BookRow {
                seq: r.seq,
                number: r.number,
                date: r.date,
                title: o.title.clone(),
                // The director signs orders; «Директор» reads the same in both languages.
                signed_by: o
                    .signature
                    .as_ref()
                    .map(|s| format!("{}, Директор", s.signer_name)),
                order_id: o.id.clone(),
            })
        })
        .collect();
    rows.sort_by_key(|r| (r.seq, r.number));
    rows
}

/// The first line of every order's signed text (see [`crate::signing`] for the decision's).
pub const FORMAT: &str = "qabyldau.order.v1";

/// The canonical text the director signs: the order, its registration and each child, one
/// `key=value` per line. `org_bin=` is read back by the record check, as for a decision.
pub fn payload(order: &Order, org_bin: &str) -> String {
    let registration = order.registration.as_ref();
    let number = registration
        .map(|r| r.number.to_string())
        .unwrap_or_default();
    let date = registration.map(|r| r.date.to_string()).unwrap_or_default();
    let prepared = order
        .prepared_at
        .to_rfc3339_opts(SecondsFormat::Micros, false);
    let mut lines = vec![
        ("format", FORMAT.to_string()),
        ("order_id", order.id.clone()),
        ("kind", order.kind.as_str().to_string()),
        ("org_bin", org_bin.to_string()),
        ("academic_year", order.academic_year.to_string()),
        ("number", number),
        ("date", date),
        ("prepared_at", prepared),
    ];
    for c in &order.children {
        let line = format!(
            "{},{},{},{}",
            c.application_id,
            c.application_number,
            c.child_iin,
            c.full_name()
        );
        lines.push(("child", line));
    }
    // A class-composition order: which child is in which class, under which teacher.
    for class in &order.classes {
        let ids: Vec<&str> = class
            .children
            .iter()
            .map(|c| c.application_id.as_str())
            .collect();
        let teacher = class.teacher.as_deref().unwrap_or("");
        let line = format!("{},{},{}", class.letter, teacher, ids.join(";"));
        lines.push(("class", line));
    }
    crate::signing::canonical(lines.iter().map(|(k, v)| (*k, v.as_str())))
}

#[cfg(test)]
mod tests;
