//! The data of each paper from an application as stored: dates in Almaty time as people write
//! them (`dd.mm.yyyy`), every title in both languages from `domain`, so a paper says what the
//! site says. Shared by the function that serves the papers and the one that e-mails the notice.

use domain::api::{Application, DecisionKind, Org, Text};
use domain::notices::transport_text;
use domain::{MsgLang, Role, Service, Status, to_almaty};

use crate::{
    ApplicationPaper, Both, DocumentLine, NoticePaper, OrderPaper, OrderPaperChild,
    OrderPaperClass, PaperSignature, ReceiptPaper,
};

/// Both languages of a pair of texts written in each.
fn both(title: impl Fn(MsgLang) -> &'static str) -> Both {
    Both {
        ru: title(MsgLang::Ru).to_string(),
        kk: title(MsgLang::Kk).to_string(),
    }
}

fn text(t: &Text) -> Both {
    Both {
        ru: t.ru.clone(),
        kk: t.kk.clone(),
    }
}

/// `31.07.2018`, as the seed writes dates.
fn date(d: chrono::NaiveDate) -> String {
    d.format("%d.%m.%Y").to_string()
}

fn day(t: chrono::DateTime<chrono::FixedOffset>) -> String {
    date(to_almaty(t.to_utc()).date_naive())
}

fn minute(t: chrono::DateTime<chrono::FixedOffset>) -> String {
    to_almaty(t.to_utc()).format("%d.%m.%Y %H:%M").to_string()
}

fn documents(a: &Application) -> Vec<Both> {
    a.documents
        .iter()
        .map(|d| both(|l| d.kind.title(l)))
        .collect()
}

pub fn application(a: &Application, org: &Org, director: Option<String>) -> ApplicationPaper {
    ApplicationPaper {
        number: a.number,
        submitted_at: minute(a.submitted_at),
        academic_year: a.academic_year.to_string(),
        org_name: text(&org.name),
        org_address: org.address.clone(),
        director_name: director,
        applicant_name: a.applicant_name.clone(),
        applicant_iin: a.applicant_iin.clone(),
        applicant_phone: a.applicant.phone.clone(),
        applicant_email: domain::api::given_email(&a.applicant.email),
        relation: both(|l| a.applicant.relation.title(l)),
        child_name: a.child.full_name(),
        child_iin: a.child.iin.clone(),
        child_birth_date: date(a.child.birth_date),
        child_sex: both(|l| a.child.sex.title(l)),
        registered_address: a.registered_address.as_ref().map(|t| t.ru.clone()),
        actual_address: a.actual_address.clone(),
        language: both(|l| a.language.title(l)),
        transport_requested: a.transport_requested,
        special_needs: a.special_needs,
        documents: documents(a),
    }
}

/// The receipt names the director as the person responsible for the documents received: an
/// application sent online is registered by the service itself, on the director's behalf.
pub fn receipt(a: &Application, org: &Org, director: Option<String>) -> ReceiptPaper {
    ReceiptPaper {
        number: a.number,
        received_on: day(a.submitted_at),
        org_name: text(&org.name),
        org_address: org.address.clone(),
        org_phone: org.phone.clone(),
        applicant_name: a.applicant_name.clone(),
        // Unnamed until the director has signed in once (their token gives the name).
        responsible_name: director.unwrap_or_default(),
        responsible_role: both(|l| Role::Director.title(l)),
        documents: documents(a),
    }
}

/// The decision notice, once the decision is signed (`None` before).
pub fn notice(a: &Application, org: &Org, verify_url: &str) -> Option<NoticePaper> {
    let signature = a.signature.as_ref()?;
    let decision = a.decision.as_ref()?;
    if !matches!(a.status, Status::Accepted | Status::Rejected) {
        return None;
    }
    let accepted = decision.decision == DecisionKind::Accept;
    Some(NoticePaper {
        number: a.number,
        application_id: a.id.clone(),
        submitted_at: minute(a.submitted_at),
        accepted,
        decision: both(|l| a.status.title(l)),
        reason: decision
            .reason
            .filter(|_| !accepted)
            .map(|r| both(|l| r.text(l))),
        comment: decision.comment.clone().filter(|c| !c.trim().is_empty()),
        org_name: text(&org.name),
        org_address: org.address.clone(),
        org_label: match a.service {
            Service::College => both(|l| l.pick("Колледж", "Колледж")),
            _ => both(|l| l.pick("Школа", "Мектеп")),
        },
        language: both(|l| a.language.title(l)),
        details: a.college.as_ref().map(college_lines).unwrap_or_default(),
        // Transport is answered with an acceptance only.
        transport: decision
            .transport
            .filter(|_| accepted)
            .map(|t| both(|l| transport_text(t, l))),
        child_name: a.child.full_name(),
        child_birth_date: date(a.child.birth_date),
        applicant_name: a.applicant_name.clone(),
        signer_name: signature.signer_name.clone(),
        certificate_serial: signature.certificate_serial.clone(),
        signed_at: minute(signature.signed_at),
        verify_url: verify_url.to_string(),
    })
}

/// The enrolment order as it stands: a draft has no number or date yet, and no signature until
/// the director signs. `director` names the director while unsigned; the signer, once signed.
pub fn order(o: &domain::orders::Order, org: &Org, director: Option<String>) -> OrderPaper {
    let registration = o.registration.as_ref();
    OrderPaper {
        title: text(&o.title),
        number: registration.map(|r| r.number),
        date: registration.map(|r| date(r.date)),
        academic_year: o.academic_year.to_string(),
        org_name: text(&org.name),
        org_address: org.address.clone(),
        children: order_children(&o.children),
        classes: o
            .classes
            .iter()
            .map(|c| OrderPaperClass {
                letter: c.letter.clone(),
                teacher: c.teacher.clone(),
                children: order_children(&c.children),
            })
            .collect(),
        total: o.children.len(),
        basis: text(&Text::of(|l| domain::orders::basis(&o.children, l))),
        director_name: o
            .signature
            .as_ref()
            .map(|s| s.signer_name.clone())
            .or(director),
        executor_name: o.prepared_by_name.clone(),
        signature: o.signature.as_ref().map(|s| PaperSignature {
            signer_name: s.signer_name.clone(),
            certificate_serial: s.certificate_serial.clone(),
            signed_at: minute(s.signed_at),
        }),
    }
}

/// A kindergarten queue document («Общие документы») as the domain writes it.
pub fn document(d: &domain::preschool::documents::DocumentContent) -> crate::DocumentPaper {
    crate::DocumentPaper {
        title: text(&d.title),
        number: d.number.clone(),
        date: date(d.date),
        statement: text(&d.statement),
        lines: d
            .lines
            .iter()
            .map(|l| DocumentLine {
                label: text(&l.label),
                value: text(&l.value),
            })
            .collect(),
    }
}

fn order_children(children: &[domain::orders::OrderChild]) -> Vec<OrderPaperChild> {
    children
        .iter()
        .map(|c| OrderPaperChild {
            name: c.full_name(),
            birth_date: date(c.birth_date),
        })
        .collect()
}

/// What a college's decision rests on: the basis, the certificate's average score, the lines in
/// priority order and the quota claimed.
fn college_lines(c: &domain::college::api::CollegeDetails) -> Vec<DocumentLine> {
    let line = |label: (&str, &str), value: Both| DocumentLine {
        label: Both {
            ru: label.0.into(),
            kk: label.1.into(),
        },
        value,
    };
    let same = |v: String| Both {
        ru: v.clone(),
        kk: v,
    };
    let choices = Both {
        ru: choices(c, MsgLang::Ru),
        kk: choices(c, MsgLang::Kk),
    };
    let mut lines = vec![
        line(("На базе", "Негізінде"), both(|l| c.basis.title(l))),
        line(
            ("Средний балл аттестата", "Аттестаттың орташа балы"),
            same(c.average_score.to_string()),
        ),
        line(
            (
                "Специальности по приоритету",
                "Мамандықтар басымдық бойынша",
            ),
            choices,
        ),
    ];
    if let Some(q) = c.quota {
        lines.push(line(("Квота", "Квота"), both(|l| q.title(l))));
    }
    lines
}

/// «1. 06130100, Казахский язык, Очная; 2. …».
fn choices(c: &domain::college::api::CollegeDetails, lang: MsgLang) -> String {
    let each: Vec<String> = c
        .choices
        .iter()
        .enumerate()
        .map(|(i, ch)| {
            format!(
                "{}. {}, {}, {}",
                i + 1,
                ch.code,
                ch.language.title(lang),
                ch.form.title(lang)
            )
        })
        .collect();
    each.join("; ")
}

/// The site's origin when configured (`SITE_ORIGIN`; deployed, API Gateway and the notify
/// function do not see the site's host). `*` and blank are "not configured".
pub fn site_origin() -> Option<String> {
    std::env::var("SITE_ORIGIN")
        .ok()
        .map(|o| o.trim().trim_end_matches('/').to_string())
        .filter(|o| !o.is_empty() && o != "*")
}

/// Where a notice's QR code leads: the site's public check of the decision.
pub fn verify_url(origin: &str, id: &str) -> String {
    format!("{}/verify/{id}", origin.trim_end_matches('/'))
}
