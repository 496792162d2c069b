//! The data of each paper, as its template sees it (field names are the template's variables).
//! Every string is already formatted by the caller: dates `dd.mm.yyyy`, times
//! `dd.mm.yyyy HH:MM`.

use serde::Serialize;

/// A text in both languages.
#[derive(Clone, Debug, Serialize)]
pub struct Both {
    pub ru: String,
    pub kk: String,
}

/// «Өтініш / Заявление»: the parent's application as submitted (seed 003: «Директору …
/// Заявление. Прошу зачислить моего ребенка … для обучения в 1 класс …»).
#[derive(Clone, Debug, Serialize)]
pub struct ApplicationPaper {
    /// The application's number in the organisation.
    pub number: u64,
    pub submitted_at: String,
    /// For example `2025-2026`.
    pub academic_year: String,
    pub org_name: Both,
    pub org_address: String,
    pub director_name: Option<String>,
    pub applicant_name: String,
    pub applicant_iin: String,
    pub applicant_phone: String,
    pub applicant_email: Option<String>,
    /// The applicant's relation to the child («Мать / Ана»).
    pub relation: Both,
    pub child_name: String,
    pub child_iin: String,
    pub child_birth_date: String,
    pub child_sex: Both,
    pub registered_address: Option<String>,
    pub actual_address: Option<String>,
    /// The language of instruction asked for.
    pub language: Both,
    pub transport_requested: bool,
    pub special_needs: bool,
    /// Titles of the attached documents.
    pub documents: Vec<Both>,
}

/// «Қолхат / Расписка о приеме документов № N» (seed 003): the organisation, the documents
/// received, the date, the responsible person and the applicant.
#[derive(Clone, Debug, Serialize)]
pub struct ReceiptPaper {
    /// The application's number: the receipt has the same.
    pub number: u64,
    pub received_on: String,
    pub org_name: Both,
    pub org_address: String,
    pub org_phone: Option<String>,
    pub applicant_name: String,
    pub responsible_name: String,
    pub responsible_role: Both,
    /// Titles of the documents received; the template lists the application itself first
    /// («Өтініш / Заявление»).
    pub documents: Vec<Both>,
}

/// «Хабарлама / Уведомление»: the bilingual decision notice, signed.
#[derive(Clone, Debug, Serialize)]
pub struct NoticePaper {
    pub number: u64,
    pub application_id: String,
    pub submitted_at: String,
    pub accepted: bool,
    /// The decision's name («Принято / Қабылданды»).
    pub decision: Both,
    /// The ground of a refusal.
    pub reason: Option<Both>,
    pub comment: Option<String>,
    pub org_name: Both,
    pub org_address: String,
    /// What the organisation is: «Школа / Мектеп», «Колледж / Колледж».
    pub org_label: Both,
    pub language: Both,
    /// What else the decision rests on (a college's basis, score, lines and quota).
    pub details: Vec<DocumentLine>,
    /// What the decision says about transport (acceptances only).
    pub transport: Option<Both>,
    pub child_name: String,
    pub child_birth_date: String,
    pub applicant_name: String,
    pub signer_name: String,
    pub certificate_serial: String,
    pub signed_at: String,
    /// Where the signature is checked: shown as text and as a QR code.
    pub verify_url: String,
}

/// «Бұйрық / Приказ» (seed 003): «О зачислении учащихся» with the children, their birth dates
/// and the basis, or «О комплектовании классов» with each class's count, teacher and children;
/// the director and the executor, and the signature once signed.
#[derive(Clone, Debug, Serialize)]
pub struct OrderPaper {
    pub title: Both,
    /// Until the office registers it, a draft has no number and no date.
    pub number: Option<u32>,
    pub date: Option<String>,
    pub academic_year: String,
    pub org_name: Both,
    pub org_address: String,
    pub children: Vec<OrderPaperChild>,
    /// «Основание: заявление родителей от … №…».
    pub basis: Both,
    pub director_name: Option<String>,
    /// «Исп.»: who prepared it.
    pub executor_name: Option<String>,
    pub signature: Option<PaperSignature>,
    /// A class-composition order's classes (empty for an enrolment order).
    pub classes: Vec<OrderPaperClass>,
    /// Every child of the order.
    pub total: usize,
}

/// A class of «О комплектовании классов»: «1 "А" класс 22 учащихся, кл. руководитель …».
#[derive(Clone, Debug, Serialize)]
pub struct OrderPaperClass {
    pub letter: String,
    pub teacher: Option<String>,
    pub children: Vec<OrderPaperChild>,
}

#[derive(Clone, Debug, Serialize)]
pub struct OrderPaperChild {
    pub name: String,
    pub birth_date: String,
}

/// The electronic signature a paper shows («ЭЦП»).
#[derive(Clone, Debug, Serialize)]
pub struct PaperSignature {
    pub signer_name: String,
    pub certificate_serial: String,
    pub signed_at: String,
}

/// A certificate-like document of one application (the kindergarten queue's «Общие документы»,
/// seed 004): its title, number and date, what it certifies, and its lines, in Kazakh and
/// Russian.
#[derive(Clone, Debug, Serialize)]
pub struct DocumentPaper {
    pub title: Both,
    pub number: String,
    pub date: String,
    pub statement: Both,
    pub lines: Vec<DocumentLine>,
}

/// One line of a [`DocumentPaper`]: what it is and its value.
#[derive(Clone, Debug, Serialize)]
pub struct DocumentLine {
    pub label: Both,
    pub value: Both,
}
