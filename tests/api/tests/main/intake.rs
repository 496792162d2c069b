//! «Журнал регистраций поступления заявлений» (seed 003; `functions/review`): the school's
//! register of a year in arrival order with the seed's columns, as JSON and as `.xlsx` read back
//! by a spreadsheet reader; only the school's staff with the journal read it.

use api_tests::*;
use calamine::Data;

scenarios!(the_register_of_a_year_in_arrival_order);

async fn the_register_of_a_year_in_arrival_order(h: Harness) {
    let school = h.school().await;
    let (first_parent, _, first) = h.applied(&school).await;
    let (_, _, second) = h.applied(&school).await;
    let first_id = str_field(&first, "id");
    h.decided(&school.director.token, &school.org_id, &first_id, &accept())
        .await;
    let key = h.director_key(&school, "ecdsa").await;
    let signed = h.signed(&school, &first_id, &key).await;
    let signer = str_field(&signed["signature"], "signer_name");

    let path = format!(
        "/api/orgs/{}/intake-journal?academic_year={YEAR}",
        school.org_id
    );
    let (s, b) = h.get(&path, Some(&school.director.token)).await;
    assert_eq!(s, 200, "{b}");
    let rows = b["items"].as_array().unwrap();
    assert_eq!(rows.len(), 2, "{b}");
    let (one, two) = (&rows[0], &rows[1]);
    assert_eq!((one["n"].as_u64(), two["n"].as_u64()), (Some(1), Some(2)));
    assert_eq!(one["application_id"], first_id.as_str(), "arrival order");
    assert_eq!(two["application_id"], second["id"]);
    assert_eq!(one["applicant_name"], first_parent.name.as_str());
    // A photo and two one-page PDFs.
    assert_eq!(one["pages"], 3, "{one}");
    assert_eq!(one["resolution"], signer.as_str(), "{one}");
    assert_eq!(one["result"]["ru"], "Принято", "{one}");
    assert!(one["served_at"].is_string(), "{one}");
    assert!(
        two["resolution"].is_null() && two["result"].is_null(),
        "{two}"
    );

    // The spreadsheet: the seed's columns, the same rows.
    let (s, content_type, bytes) = h
        .download(&format!("{path}&format=xlsx"), Some(&school.director.token))
        .await;
    assert_eq!(s, 200, "{}", String::from_utf8_lossy(&bytes));
    assert!(content_type.contains("spreadsheetml"), "{content_type}");
    let cells = xlsx_cells(bytes);
    let text = |c: &Data| c.to_string();
    assert!(text(&cells[0][0]).starts_with("Журнал регистраций поступления заявлений"));
    let header: Vec<String> = cells[4].iter().map(text).collect();
    for column in [
        "№",
        "Дата поступления",
        "Данные об услугополучателе",
        "Краткое содержание",
        "Количество страниц прилагаемых документов",
        "Резолюция первого руководителя",
        "Исполнитель",
        "Результат оказания услуги",
        "Дата фактического оказания услуги",
    ] {
        assert!(
            header.iter().any(|h| h == column),
            "no column {column}: {header:?}"
        );
    }
    assert_eq!(cells[5][0], Data::Float(1.0));
    assert_eq!(text(&cells[5][2]), first_parent.name);
    assert_eq!(cells[5][4], Data::Float(3.0));
    assert_eq!(text(&cells[5][5]), signer);
    assert_eq!(text(&cells[5][8]), "Принято");
    assert!(
        matches!(cells[5][1], Data::DateTime(_)),
        "{:?}",
        cells[5][1]
    );
    assert_eq!(cells.len(), 7, "the header rows and two applications");

    // Another year has none; the year is required; outsiders read nothing.
    let other_year = format!(
        "/api/orgs/{}/intake-journal?academic_year=2027-2028",
        school.org_id
    );
    let (s, b) = h.get(&other_year, Some(&school.director.token)).await;
    assert_eq!(
        (s, b["items"].as_array().map(Vec::len)),
        (200, Some(0)),
        "{b}"
    );
    let bare = format!("/api/orgs/{}/intake-journal", school.org_id);
    let (s, b) = h.get(&bare, Some(&school.director.token)).await;
    assert_error(&(s, b.clone()), 422, "validation_failed", Lang::Ru);
    assert_eq!(b["error"]["field"], "academic_year");
    let other = h.school().await;
    for token in [&other.director.token, &first_parent.token] {
        assert_error(&h.get(&path, Some(token)).await, 403, "forbidden", Lang::Ru);
    }
}
