//! The files are read back with a real reader (calamine): cells, their types, the header rows,
//! and the column widths in the sheet's XML.

use std::io::{Cursor, Read};

use calamine::{Data, Reader, Xlsx};
use chrono::DateTime;
use domain::api::Text;
use domain::journal::DecisionFilter;
use domain::monitoring::{Counts, JournalRow, OrgRef, Report, ReportQuery, RowLevel};
use domain::territory::TerritoryRef;
use domain::{MsgLang, Service, Status};
use export::{JournalHeading, TABLE_ROW, journal_xlsx, report_xlsx};

fn at(s: &str) -> DateTime<chrono::FixedOffset> {
    DateTime::parse_from_rfc3339(s).unwrap()
}

fn territory(id: &str, ru: &str, kato: Option<&str>) -> TerritoryRef {
    TerritoryRef {
        id: id.into(),
        name: Text {
            ru: ru.into(),
            kk: format!("{ru} (kk)"),
        },
        kato: kato.map(str::to_string),
    }
}

fn sheet(bytes: Vec<u8>) -> (calamine::Range<Data>, Vec<u8>) {
    let mut book = Xlsx::new(Cursor::new(bytes.clone())).expect("an xlsx");
    let name = book.sheet_names()[0].clone();
    let range = book.worksheet_range(&name).expect("a sheet");
    // The widths live in the sheet's XML (`<cols>`), which calamine does not expose.
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut xml = Vec::new();
    archive
        .by_name("xl/worksheets/sheet1.xml")
        .unwrap()
        .read_to_end(&mut xml)
        .unwrap();
    (range, xml)
}

fn num(range: &calamine::Range<Data>, row: u32, col: u32) -> f64 {
    match range.get_value((row, col)) {
        Some(Data::Float(f)) => *f,
        Some(Data::Int(i)) => *i as f64,
        other => panic!("({row},{col}) is not a number cell: {other:?}"),
    }
}

fn text(range: &calamine::Range<Data>, row: u32, col: u32) -> String {
    match range.get_value((row, col)) {
        Some(Data::String(s)) => s.clone(),
        other => panic!("({row},{col}) is not a text cell: {other:?}"),
    }
}

#[test]
fn the_report_reads_back_with_numbers_headers_and_widths() {
    let query = ReportQuery {
        from: at("2026-06-01T09:00:00+05:00"),
        to: at("2026-06-20T18:17:00+05:00"),
        service: Some(Service::Grade1),
    };
    let akmola = Counts {
        received: 13,
        processing: 27,
        on_signing: 2,
        positive: 39,
        negative: 32,
        withdrawn: 0,
        overdue: 4,
    };
    let astana = Counts {
        received: 23,
        processing: 13,
        on_signing: 1,
        positive: 12,
        negative: 9,
        withdrawn: 8,
        overdue: 0,
    };
    let report = Report::new(
        &query,
        RowLevel::Region,
        vec![
            (
                territory("akmola", "Акмолинская область", Some("110000000")),
                akmola,
            ),
            (territory("astana", "г. Астана", Some("710000000")), astana),
        ],
    );
    let (range, xml) = sheet(report_xlsx(&report, MsgLang::Ru).unwrap());
    let xml = String::from_utf8(xml).unwrap();

    assert_eq!(
        text(&range, 0, 0),
        "Мониторинг оказания государственных услуг"
    );
    assert_eq!(
        text(&range, 1, 0),
        "Период: с 01.06.2026 09:00 по 20.06.2026 18:17"
    );
    assert!(text(&range, 2, 0).starts_with("Услуга: Прием документов"));
    let h = TABLE_ROW;
    let headers: Vec<String> = (0..10).map(|c| text(&range, h, c)).collect();
    assert_eq!(
        headers,
        [
            "№",
            "Регион",
            "Поступило",
            "В обработке",
            "На подписи",
            "Положительно",
            "Отрицательно",
            "Отозвано",
            "Всего",
            "Просрочено"
        ]
    );
    assert_eq!(num(&range, h + 1, 0), 1.0);
    assert_eq!(text(&range, h + 1, 1), "Акмолинская область [110000000]");
    let row1: Vec<f64> = (2..10).map(|c| num(&range, h + 1, c)).collect();
    assert_eq!(row1, [13.0, 27.0, 2.0, 39.0, 32.0, 0.0, 113.0, 4.0]);
    assert_eq!(text(&range, h + 2, 1), "г. Астана [710000000]");
    assert_eq!(num(&range, h + 2, 8), 66.0);
    assert_eq!(text(&range, h + 3, 1), "Всего по статусу");
    let total: Vec<f64> = (2..10).map(|c| num(&range, h + 3, c)).collect();
    assert_eq!(total, [36.0, 40.0, 3.0, 51.0, 41.0, 8.0, 179.0, 4.0]);
    assert_eq!(
        range.get_size().0 as u32,
        h + 4,
        "nothing below the total row"
    );
    assert!(xml.contains("<cols>"), "column widths are set");
    assert!(xml.contains(r#"width="40.7109375""#), "{xml}");
}

#[test]
fn the_report_speaks_kazakh_and_names_localities() {
    let query = ReportQuery {
        from: at("2026-06-01T00:00:00+05:00"),
        to: at("2026-06-20T00:00:00+05:00"),
        service: None,
    };
    let report = Report::new(
        &query,
        RowLevel::Locality,
        vec![(
            territory("karaganda", "г. Караганда", None),
            Counts::default(),
        )],
    );
    let (range, _) = sheet(report_xlsx(&report, MsgLang::Kk).unwrap());
    assert_eq!(text(&range, 2, 0), "Қызмет: Барлық қызметтер");
    assert_eq!(text(&range, TABLE_ROW, 1), "Елді мекен");
    assert_eq!(text(&range, TABLE_ROW + 1, 1), "г. Караганда (kk)");
    assert_eq!(num(&range, TABLE_ROW + 2, 8), 0.0);
}

fn row(number: u64, iin: &str, overdue: bool) -> JournalRow {
    JournalRow {
        id: format!("app-{number}"),
        number,
        service: Service::Grade1,
        iin: iin.into(),
        full_name: "Қасымова Айару Ерланқызы".into(),
        submitted_at: at("2026-06-02T10:15:00+05:00"),
        status: Status::OnSigning,
        decision: DecisionFilter::Accept,
        assignee_name: Some("Ахметова Гульнар".into()),
        org: OrgRef {
            id: "org-1".into(),
            name: Text {
                ru: "Школа-лицей № 72".into(),
                kk: "№ 72 мектеп-лицей".into(),
            },
            bin: "050940001234".into(),
        },
        locality: territory("astana", "г. Астана", Some("710000000")),
        overdue,
    }
}

#[test]
fn a_journal_reads_back_cell_by_cell() {
    let heading = JournalHeading {
        of: "Школа-лицей № 72".into(),
        from: Some(at("2026-06-01T00:00:00+05:00")),
        to: None,
        service: None,
        generated_at: at("2026-06-03T12:00:00+05:00"),
    };
    let rows = [
        row(17, "060101600012", true),
        row(18, "150505500011", false),
    ];
    let (range, xml) = sheet(journal_xlsx(&rows, &heading, MsgLang::Ru).unwrap());
    assert_eq!(text(&range, 0, 0), "Журнал заявлений: Школа-лицей № 72");
    assert_eq!(text(&range, 1, 0), "Период: с 01.06.2026 00:00");
    assert_eq!(
        text(&range, 2, 0),
        "Услуга: Все услуги. Сформировано: 03.06.2026 12:00"
    );
    let h = TABLE_ROW;
    assert_eq!(text(&range, h, 1), "Номер заявки");
    assert_eq!(text(&range, h, 11), "Просрочено");
    assert_eq!(num(&range, h + 1, 0), 1.0);
    assert_eq!(num(&range, h + 1, 1), 17.0);
    assert!(text(&range, h + 1, 2).starts_with("Прием документов"));
    assert_eq!(
        text(&range, h + 1, 3),
        "060101600012",
        "an IIN keeps its zeros"
    );
    assert_eq!(text(&range, h + 1, 4), "Қасымова Айару Ерланқызы");
    match range.get_value((h + 1, 5)) {
        Some(Data::DateTime(d)) => {
            let t = d.as_datetime().unwrap();
            assert_eq!(t.to_string(), "2026-06-02 10:15:00", "Almaty time");
        }
        other => panic!("not a date cell: {other:?}"),
    }
    assert_eq!(text(&range, h + 1, 6), "На подписании");
    assert_eq!(text(&range, h + 1, 7), "Положительно");
    assert_eq!(text(&range, h + 1, 8), "Ахметова Гульнар");
    assert_eq!(text(&range, h + 1, 9), "050940001234");
    assert_eq!(text(&range, h + 1, 10), "г. Астана [710000000]");
    assert_eq!(text(&range, h + 1, 11), "Да");
    assert_eq!(num(&range, h + 2, 1), 18.0);
    assert_eq!(range.get_size().0 as u32, h + 3);
    assert!(String::from_utf8(xml).unwrap().contains("<cols>"));
}
