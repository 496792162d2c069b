//! «Журнал регистраций поступления заявлений» (seed 003) as one sheet: the school's register of
//! an academic year, one row per application in the order they came, the seed's columns.

use chrono::{DateTime, FixedOffset};
use domain::intake::IntakeRow;
use domain::{AcademicYear, MsgLang};
use rust_xlsxwriter::Workbook;

use super::{ExportError, Formats, TABLE_ROW, generated_line, write_headers, write_heading};

/// The register of `rows` for the organisation `of` and `year`, made at `generated_at`.
pub fn intake_xlsx(
    rows: &[IntakeRow],
    of: &str,
    year: AcademicYear,
    generated_at: DateTime<FixedOffset>,
    lang: MsgLang,
) -> Result<Vec<u8>, ExportError> {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name(lang.pick("Журнал регистрации", "Тіркеу журналы"))?;
    let f = Formats::new();
    let title = lang.pick(
        "Журнал регистраций поступления заявлений на оказание государственной услуги",
        "Мемлекеттік қызмет көрсетуге өтініштердің түсуін тіркеу журналы",
    );
    let lines = [format!("{of}, {year}"), generated_line(generated_at, lang)];
    write_heading(sheet, &f, title, &lines)?;
    let headers = [
        ("№", 6.0),
        (lang.pick("Дата поступления", "Түскен күні"), 17.0),
        (
            lang.pick("Данные об услугополучателе", "Көрсетілетін қызметті алушы"),
            30.0,
        ),
        (lang.pick("Краткое содержание", "Қысқаша мазмұны"), 30.0),
        (
            lang.pick(
                "Количество страниц прилагаемых документов",
                "Қоса берілген құжаттардың бет саны",
            ),
            14.0,
        ),
        (
            lang.pick(
                "Резолюция первого руководителя",
                "Бірінші басшының бұрыштамасы",
            ),
            26.0,
        ),
        (lang.pick("Исполнитель", "Орындаушы"), 26.0),
        (lang.pick("Номер заявления", "Өтініш нөмірі"), 11.0),
        (
            lang.pick("Результат оказания услуги", "Қызмет көрсету нәтижесі"),
            18.0,
        ),
        (
            lang.pick(
                "Дата фактического оказания услуги",
                "Қызметтің нақты көрсетілген күні",
            ),
            17.0,
        ),
    ];
    write_headers(sheet, &headers, &f)?;
    let local = |t: &DateTime<FixedOffset>| domain::to_almaty(t.to_utc()).naive_local();
    for (i, r) in rows.iter().enumerate() {
        let row = TABLE_ROW + 1 + i as u32;
        sheet.write_number_with_format(row, 0, r.n as f64, &f.number)?;
        sheet.write_datetime_with_format(row, 1, local(&r.received_at), &f.datetime)?;
        sheet.write_string_with_format(row, 2, &r.applicant_name, &f.text)?;
        sheet.write_string_with_format(row, 3, lang.pick(&r.summary.ru, &r.summary.kk), &f.text)?;
        sheet.write_number_with_format(row, 4, r.pages as f64, &f.number)?;
        let text = |s: &Option<String>| s.clone().unwrap_or_default();
        sheet.write_string_with_format(row, 5, text(&r.resolution), &f.text)?;
        sheet.write_string_with_format(row, 6, text(&r.executor), &f.text)?;
        sheet.write_number_with_format(row, 7, r.number as f64, &f.number)?;
        let result = r
            .result
            .as_ref()
            .map(|t| lang.pick(&t.ru, &t.kk))
            .unwrap_or("");
        sheet.write_string_with_format(row, 8, result, &f.text)?;
        match &r.served_at {
            Some(t) => sheet.write_datetime_with_format(row, 9, local(t), &f.datetime)?,
            None => sheet.write_string_with_format(row, 9, "", &f.text)?,
        };
    }
    sheet.set_freeze_panes(TABLE_ROW + 1, 0)?;
    Ok(book.save_to_buffer()?)
}
