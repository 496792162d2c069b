//! Spreadsheets people download («ЭКСПОРТИРОВАТЬ», seed 002): the monitoring report, a journal
//! of applications and a school's intake register (seed 003) as `.xlsx`. A sheet starts with header rows (what it is, the period,
//! the service), then a table whose figures are number cells and whose times are date cells, with
//! column widths set, so it opens ready to read and to sum.

use chrono::{DateTime, FixedOffset};
use domain::monitoring::{self, Column, Counts, JournalRow, Report, RowLevel};
use domain::{MsgLang, Service};
use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError};

mod intake;

pub use intake::intake_xlsx;

/// The media type of an `.xlsx` file.
pub const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// A spreadsheet could not be written (not the caller's fault).
#[derive(Debug)]
pub struct ExportError(pub String);

impl std::fmt::Display for ExportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "xlsx: {}", self.0)
    }
}

impl std::error::Error for ExportError {}

impl From<XlsxError> for ExportError {
    fn from(e: XlsxError) -> Self {
        ExportError(e.to_string())
    }
}

/// The header rows of a journal export: whose journal, the period and service filtered by (none:
/// all), and when the file was made.
#[derive(Clone, Debug)]
pub struct JournalHeading {
    /// The organisation's or territory's name.
    pub of: String,
    pub from: Option<DateTime<FixedOffset>>,
    pub to: Option<DateTime<FixedOffset>>,
    pub service: Option<Service>,
    pub generated_at: DateTime<FixedOffset>,
}

/// The first row of the table (after the header rows), 0-based.
pub const TABLE_ROW: u32 = 4;

/// «Мониторинг оказания государственных услуг» as one sheet.
pub fn report_xlsx(report: &Report, lang: MsgLang) -> Result<Vec<u8>, ExportError> {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name(lang.pick("Мониторинг", "Мониторинг"))?;
    let f = Formats::new();
    let title = lang.pick(
        "Мониторинг оказания государственных услуг",
        "Мемлекеттік қызметтер көрсетуді мониторингтеу",
    );
    let lines = [
        period_line(Some(report.from), Some(report.to), lang),
        service_line(report.service, lang),
    ];
    write_heading(sheet, &f, title, &lines)?;

    let territory = match report.rows_level {
        RowLevel::Region => lang.pick("Регион", "Өңір"),
        RowLevel::Locality => lang.pick("Населенный пункт", "Елді мекен"),
    };
    let mut headers = vec![("№", 6.0), (territory, 40.0)];
    headers.extend(Column::ALL.iter().map(|c| (c.title(lang), 14.0)));
    headers.push((monitoring::total_title(lang), 12.0));
    headers.push((monitoring::overdue_title(lang), 14.0));
    write_headers(sheet, &headers, &f)?;

    let mut row = TABLE_ROW + 1;
    for (i, r) in report.rows.iter().enumerate() {
        sheet.write_number_with_format(row, 0, (i + 1) as f64, &f.number)?;
        sheet.write_string_with_format(row, 1, r.territory.label(lang), &f.text)?;
        write_counts(sheet, row, &r.counts, &f.number)?;
        row += 1;
    }
    sheet.write_string_with_format(row, 0, "", &f.total_text)?;
    sheet.write_string_with_format(row, 1, monitoring::total_row_title(lang), &f.total_text)?;
    write_counts(sheet, row, &report.total, &f.total_number)?;
    sheet.set_freeze_panes(TABLE_ROW + 1, 0)?;
    Ok(book.save_to_buffer()?)
}

/// The status columns, «Всего» and «Просрочено» of a row, from column 2.
fn write_counts(sheet: &mut Worksheet, row: u32, c: &Counts, f: &Format) -> Result<(), XlsxError> {
    let mut col = 2;
    for column in Column::ALL {
        sheet.write_number_with_format(row, col, c.get(column) as f64, f)?;
        col += 1;
    }
    sheet.write_number_with_format(row, col, c.total() as f64, f)?;
    sheet.write_number_with_format(row, col + 1, c.overdue as f64, f)?;
    Ok(())
}

/// «Журнал заявлений» as one sheet, in the order given, with seed 002's columns.
pub fn journal_xlsx(
    rows: &[JournalRow],
    heading: &JournalHeading,
    lang: MsgLang,
) -> Result<Vec<u8>, ExportError> {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name(lang.pick("Журнал", "Журнал"))?;
    let f = Formats::new();
    let title = format!(
        "{}: {}",
        lang.pick("Журнал заявлений", "Өтініштер журналы"),
        heading.of
    );
    let lines = [
        period_line(heading.from, heading.to, lang),
        format!(
            "{}. {}",
            service_line(heading.service, lang),
            generated_line(heading.generated_at, lang)
        ),
    ];
    write_heading(sheet, &f, &title, &lines)?;
    let headers = [
        ("№", 6.0),
        (lang.pick("Номер заявки", "Өтінім нөмірі"), 12.0),
        (lang.pick("Тип заявки", "Өтінім түрі"), 30.0),
        (lang.pick("ИИН", "ЖСН"), 15.0),
        (lang.pick("ФИО", "Аты-жөні"), 32.0),
        (lang.pick("Дата, время", "Күні, уақыты"), 17.0),
        (lang.pick("Статус", "Мәртебесі"), 16.0),
        (lang.pick("Решение", "Шешім"), 15.0),
        (lang.pick("Ответственный", "Жауапты"), 28.0),
        (lang.pick("БИН", "БСН"), 15.0),
        (lang.pick("Населенный пункт", "Елді мекен"), 24.0),
        (monitoring::overdue_title(lang), 12.0),
    ];
    write_headers(sheet, &headers, &f)?;
    for (i, r) in rows.iter().enumerate() {
        let row = TABLE_ROW + 1 + i as u32;
        sheet.write_number_with_format(row, 0, (i + 1) as f64, &f.number)?;
        sheet.write_number_with_format(row, 1, r.number as f64, &f.number)?;
        let service = domain::services::rules(r.service).title(lang);
        sheet.write_string_with_format(row, 2, service, &f.text)?;
        // An IIN is a code, not a number: its leading zeros stay.
        sheet.write_string_with_format(row, 3, &r.iin, &f.text)?;
        sheet.write_string_with_format(row, 4, &r.full_name, &f.text)?;
        let local = domain::to_almaty(r.submitted_at.to_utc()).naive_local();
        sheet.write_datetime_with_format(row, 5, local, &f.datetime)?;
        sheet.write_string_with_format(row, 6, r.status.title(lang), &f.text)?;
        sheet.write_string_with_format(row, 7, r.decision.title(lang), &f.text)?;
        let assignee = r.assignee_name.as_deref().unwrap_or("");
        sheet.write_string_with_format(row, 8, assignee, &f.text)?;
        sheet.write_string_with_format(row, 9, &r.org.bin, &f.text)?;
        sheet.write_string_with_format(row, 10, r.locality.label(lang), &f.text)?;
        let overdue = if r.overdue {
            lang.pick("Да", "Иә")
        } else {
            ""
        };
        sheet.write_string_with_format(row, 11, overdue, &f.text)?;
    }
    sheet.set_freeze_panes(TABLE_ROW + 1, 0)?;
    Ok(book.save_to_buffer()?)
}

/// The rows above a sheet's table: its title in bold, then one line each (rows 1, 2, …).
fn write_heading(
    sheet: &mut Worksheet,
    f: &Formats,
    title: &str,
    lines: &[String],
) -> Result<(), XlsxError> {
    sheet.write_string_with_format(0, 0, title, &f.title)?;
    for (row, line) in (1..).zip(lines) {
        sheet.write_string(row, 0, line)?;
    }
    Ok(())
}

/// «Сформировано: 03.12.2026 18:30»: when the file was made.
fn generated_line(at: DateTime<FixedOffset>, lang: MsgLang) -> String {
    format!(
        "{}: {}",
        lang.pick("Сформировано", "Жасалды"),
        at.format("%d.%m.%Y %H:%M")
    )
}

fn write_headers(
    sheet: &mut Worksheet,
    headers: &[(&str, f64)],
    f: &Formats,
) -> Result<(), XlsxError> {
    for (col, (name, width)) in headers.iter().enumerate() {
        let col = col as u16;
        sheet.write_string_with_format(TABLE_ROW, col, *name, &f.header)?;
        sheet.set_column_width(col, *width)?;
    }
    Ok(())
}

/// «Период: с 08.10.2020 10:05 по 28.10.2020 10:05» (Almaty time), or «за всё время».
pub fn period_line(
    from: Option<DateTime<FixedOffset>>,
    to: Option<DateTime<FixedOffset>>,
    lang: MsgLang,
) -> String {
    let t = |d: DateTime<FixedOffset>| {
        domain::to_almaty(d.to_utc())
            .format("%d.%m.%Y %H:%M")
            .to_string()
    };
    let label = lang.pick("Период", "Кезең");
    match (from, to, lang) {
        (None, None, _) => format!("{label}: {}", lang.pick("за всё время", "барлық уақыт")),
        (Some(a), Some(b), MsgLang::Ru) => format!("{label}: с {} по {}", t(a), t(b)),
        (Some(a), None, MsgLang::Ru) => format!("{label}: с {}", t(a)),
        (None, Some(b), MsgLang::Ru) => format!("{label}: по {}", t(b)),
        (Some(a), Some(b), MsgLang::Kk) => format!("{label}: {} – {}", t(a), t(b)),
        (Some(a), None, MsgLang::Kk) => format!("{label}: {} бастап", t(a)),
        (None, Some(b), MsgLang::Kk) => format!("{label}: {} дейін", t(b)),
    }
}

/// «Услуга: Все услуги» or the service's name.
pub fn service_line(service: Option<Service>, lang: MsgLang) -> String {
    let name = match service {
        Some(s) => domain::services::rules(s).title(lang),
        None => lang.pick("Все услуги", "Барлық қызметтер"),
    };
    format!("{}: {name}", lang.pick("Услуга", "Қызмет"))
}

struct Formats {
    title: Format,
    header: Format,
    text: Format,
    number: Format,
    datetime: Format,
    total_text: Format,
    total_number: Format,
}

impl Formats {
    fn new() -> Formats {
        let cell = Format::new().set_border(FormatBorder::Thin);
        Formats {
            title: Format::new().set_bold().set_font_size(13),
            header: cell
                .clone()
                .set_bold()
                .set_text_wrap()
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter)
                .set_background_color("#E8EEF4"),
            text: cell.clone(),
            number: cell.clone().set_num_format("0"),
            datetime: cell.clone().set_num_format("dd.mm.yyyy hh:mm"),
            total_text: cell.clone().set_bold(),
            total_number: cell.set_bold().set_num_format("0"),
        }
    }
}
