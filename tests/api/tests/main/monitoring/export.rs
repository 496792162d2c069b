//! The journals as `.xlsx`: read back with calamine, the rows' cells are the journal's.

use api_tests::*;
use calamine::Data;

use super::*;

scenarios!(journals_export_as_spreadsheets);

const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
/// The first row of the table (`export::TABLE_ROW`), 0-based: headers, then the rows.
const TABLE_ROW: usize = 4;

fn text(cell: &Data) -> String {
    match cell {
        Data::String(s) => s.clone(),
        other => panic!("not text: {other:?}"),
    }
}

async fn journals_export_as_spreadsheets(h: Harness) {
    let school = h.school().await;
    let mut rows = Vec::new();
    for _ in 0..2 {
        let (_, child, app) = h.applied(&school).await;
        rows.push((str_field(&app, "id"), child));
    }
    let bin = h.bin_of(&school.org_id).await;
    let region = h.login_as(ASTANA_EDU, "Серікова Дана").await;
    let path = format!("{JOURNAL}/export?org={}&from=2000-01-01", school.org_id);
    let (s, ct, bytes) = h.download(&path, Some(&region.token)).await;
    assert_eq!((s, ct.as_str()), (200, XLSX));
    let sheet = xlsx_cells(bytes);
    assert!(text(&sheet[1][0]).contains("01.01.2000"), "{:?}", sheet[1]);
    assert_eq!(sheet.len(), TABLE_ROW + 1 + rows.len(), "{sheet:?}");
    assert_eq!(text(&sheet[TABLE_ROW][3]), "ИИН");
    let (_, page) = h
        .get(
            &format!("{JOURNAL}?org={}", school.org_id),
            Some(&region.token),
        )
        .await;
    for (i, (_, child)) in rows.iter().enumerate() {
        let line = &sheet[TABLE_ROW + 1 + i];
        let row = &page["items"][i];
        assert_eq!(line[0], Data::Float((i + 1) as f64), "{line:?}");
        assert_eq!(
            line[1],
            Data::Float(row["number"].as_f64().unwrap()),
            "{line:?}"
        );
        assert_eq!(text(&line[3]), child.iin, "{line:?}");
        assert_eq!(text(&line[4]), str_field(row, "full_name"), "{line:?}");
        assert_eq!(text(&line[9]), bin, "{line:?}");
        assert_eq!(text(&line[10]), "г. Астана [710000000]", "{line:?}");
    }

    // The school's own journal, for its staff who read it.
    let path = format!("/api/orgs/{}/applications/export", school.org_id);
    let (s, ct, bytes) = h.download(&path, Some(&school.director.token)).await;
    assert_eq!((s, ct.as_str()), (200, XLSX));
    let sheet = xlsx_cells(bytes);
    assert_eq!(sheet.len(), TABLE_ROW + 1 + rows.len(), "{sheet:?}");
    assert_eq!(text(&sheet[TABLE_ROW + 2][3]), rows[1].1.iin);
    for who in [&region, &h.person("Бөгде Адам").await] {
        let (s, _, _) = h.download(&path, Some(&who.token)).await;
        assert_eq!(s, 403);
    }
    let (s, _, _) = h
        .download(&format!("{JOURNAL}/export"), Some(&school.director.token))
        .await;
    assert_eq!(s, 403);
}
