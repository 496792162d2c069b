use chrono::{DateTime, FixedOffset, NaiveDate, TimeDelta};
use proptest::prelude::*;

use super::api::*;
use super::rank::{Entry, Seat, rank};
use super::*;
use crate::api::{Applicant, Child, DocumentRef};
use crate::{DocumentKind, ErrorCode, Lang, Relation, Sex, first_valid_iin};

fn at(s: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(s).unwrap()
}

#[test]
fn scores_are_hundredths_from_three_to_five() {
    assert_eq!(Score::parse(4.25).unwrap().hundredths(), 425);
    assert_eq!(Score::parse(3.0).unwrap().to_string(), "3.00");
    assert_eq!(Score::parse(5.0).unwrap(), Score::MAX);
    for bad in [2.99, 5.01, 4.255, f64::NAN, f64::INFINITY, -4.0] {
        assert_eq!(Score::parse(bad), None, "{bad}");
    }
    let json = serde_json::to_string(&Score::parse(4.6).unwrap()).unwrap();
    assert_eq!(json, "4.6");
    assert!(serde_json::from_str::<Score>("5.5").is_err());
}

#[test]
fn offer_ids_round_trip() {
    let key = OfferKey {
        code: "06130100".into(),
        language: Lang::Kk,
        form: StudyForm::PartTime,
        basis: EducationBasis::Grade11,
    };
    assert_eq!(key.id(), "06130100-kk-part_time-grade11");
    assert_eq!(OfferKey::parse_id(&key.id()), Some(key));
    for bad in [
        "0613010-kk-full_time-grade9",
        "06130100-kk-full_time",
        "x-y-z-w-v",
    ] {
        assert_eq!(OfferKey::parse_id(bad), None, "{bad}");
    }
}

#[test]
fn the_default_campaign_is_20_june_to_25_august_with_order_261() {
    let c = Campaign::default_for("2027-2028".parse().unwrap());
    assert_eq!(c.opens, NaiveDate::from_ymd_opt(2027, 6, 20).unwrap());
    assert_eq!(c.closes, NaiveDate::from_ymd_opt(2027, 8, 25).unwrap());
    assert_eq!(c.share(QuotaCategory::RuralYouth), 3500);
    assert_eq!(c.share(QuotaCategory::Veterans), 50);
    // Almaty days: 19 June 23:59 local is closed, 20 June 00:00 local open, 25 August open.
    assert!(!c.is_open(at("2027-06-19T23:59:00+05:00").to_utc()));
    assert!(c.is_open(at("2027-06-20T00:00:00+05:00").to_utc()));
    assert!(c.is_open(at("2027-08-25T23:00:00+05:00").to_utc()));
    assert!(!c.is_open(at("2027-08-26T00:00:00+05:00").to_utc()));
    assert!(c.validate().is_ok());
}

#[test]
fn a_campaign_is_refused_when_out_of_order_or_over_100_percent() {
    let mut c = Campaign::default_for("2027-2028".parse().unwrap());
    c.closes = c.opens - TimeDelta::days(1);
    assert_eq!(c.validate().unwrap_err().field.as_deref(), Some("opens"));
    let mut c = Campaign::default_for("2027-2028".parse().unwrap());
    c.opens = NaiveDate::from_ymd_opt(2026, 11, 1).unwrap();
    assert!(c.validate().is_ok(), "an early intake from the year before");
    c.closes = NaiveDate::from_ymd_opt(2029, 1, 10).unwrap();
    assert_eq!(c.validate().unwrap_err().field.as_deref(), Some("closes"));
    let mut c = Campaign::default_for("2027-2028".parse().unwrap());
    c.quotas.push(QuotaShare {
        category: QuotaCategory::Orphans,
        basis_points: 10,
    });
    assert_eq!(c.validate().unwrap_err().field.as_deref(), Some("quotas.6"));
    let mut c = Campaign::default_for("2027-2028".parse().unwrap());
    c.quotas[2].basis_points = 9_800;
    assert_eq!(c.validate().unwrap_err().field.as_deref(), Some("quotas"));
}

#[test]
fn documents_follow_disability_and_quota() {
    use DocumentKind::*;
    assert_eq!(
        required_documents(false, None),
        vec![EducationDocument, Photo, MedicalCertificate]
    );
    assert!(required_documents(true, None).contains(&MseConclusion));
    let disability = required_documents(false, Some(QuotaCategory::Disability));
    assert!(disability.contains(&MseConclusion) && !disability.contains(&QuotaProof));
    assert!(required_documents(false, Some(QuotaCategory::Orphans)).contains(&QuotaProof));
}

#[test]
fn sixteen_applies_alone() {
    let birth = NaiveDate::from_ymd_opt(2010, 7, 1).unwrap();
    assert!(!may_apply_alone(
        birth,
        NaiveDate::from_ymd_opt(2026, 6, 30).unwrap()
    ));
    assert!(may_apply_alone(
        birth,
        NaiveDate::from_ymd_opt(2026, 7, 1).unwrap()
    ));
}

fn submission() -> SubmitCollegeApplication {
    let birth = NaiveDate::from_ymd_opt(2010, 3, 2).unwrap();
    SubmitCollegeApplication {
        org_id: "c".into(),
        academic_year: "2026-2027".parse().unwrap(),
        student: Child {
            iin: first_valid_iin(birth, Sex::Female).as_str().into(),
            last_name: "Сейтова".into(),
            first_name: "Аружан".into(),
            middle_name: None,
            birth_date: birth,
            sex: Sex::Female,
        },
        applicant: Applicant {
            phone: "+7 701 000 00 01".into(),
            email: None,
            relation: Relation::Student,
        },
        basis: EducationBasis::Grade9,
        certificate_number: " ЖОБ 0012345 ".into(),
        average_score: 4.7,
        choices: (0..4)
            .map(|i| Choice {
                code: format!("0613010{i}"),
                language: Lang::Ru,
                form: StudyForm::FullTime,
            })
            .collect(),
        quota: None,
        disability: false,
        dormitory: true,
        documents: [
            DocumentKind::EducationDocument,
            DocumentKind::Photo,
            DocumentKind::MedicalCertificate,
        ]
        .into_iter()
        .map(|kind| DocumentRef {
            kind,
            file_id: "f".into(),
            sha256: None,
            pages: None,
        })
        .collect(),
    }
}

#[test]
fn a_submission_with_four_choices_passes_and_keeps_its_details() {
    let (_, phone, details) = submission().validate().unwrap();
    assert_eq!(phone, "+77010000001");
    assert_eq!(details.certificate_number, "ЖОБ 0012345");
    assert_eq!(details.average_score.hundredths(), 470);
    assert_eq!(details.choices.len(), 4);
}

#[test]
fn a_submission_names_the_field_it_fails_on() {
    let field = |s: SubmitCollegeApplication| {
        let e = s.validate().unwrap_err();
        (e.code, e.field.unwrap())
    };
    let mut s = submission();
    s.documents
        .retain(|d| d.kind != DocumentKind::MedicalCertificate);
    assert_eq!(
        field(s),
        (
            ErrorCode::MissingDocument,
            "documents.medical_certificate".into()
        )
    );
    let mut s = submission();
    s.average_score = 5.2;
    assert_eq!(
        field(s),
        (ErrorCode::ValidationFailed, "average_score".into())
    );
    let mut s = submission();
    s.choices.push(s.choices[0].clone());
    assert_eq!(field(s), (ErrorCode::ValidationFailed, "choices".into()));
    let mut s = submission();
    s.choices[2] = s.choices[0].clone();
    assert_eq!(field(s), (ErrorCode::ValidationFailed, "choices.2".into()));
    let mut s = submission();
    s.student.sex = Sex::Male;
    assert_eq!(field(s), (ErrorCode::IinMismatch, "student.sex".into()));
    let mut s = submission();
    s.quota = Some(QuotaCategory::LargeFamilies);
    assert_eq!(
        field(s),
        (ErrorCode::MissingDocument, "documents.quota_proof".into())
    );
}

fn entry(i: u64, score: u16, quota: Option<QuotaCategory>) -> Entry {
    Entry {
        application_id: format!("a{i}"),
        number: i,
        iin: format!("{i:012}"),
        name: format!("N{i}"),
        score: Score::from_hundredths(score).unwrap(),
        submitted_at: at("2026-07-01T09:00:00+05:00") + TimeDelta::minutes(i as i64),
        quota,
        priority: 1,
    }
}

#[test]
fn thirty_for_ten_places_with_a_ten_percent_quota() {
    // Scores 5.00, 4.95, …: number i has 500 - 5i. Numbers 12 and 25 claim the quota; 12 is
    // the better of them and takes the one quota seat (10% of 10); 25 competes in general.
    let quotas = [QuotaShare {
        category: QuotaCategory::LargeFamilies,
        basis_points: 1_000,
    }];
    let entries = (0..30)
        .map(|i| {
            let q = [12, 25]
                .contains(&i)
                .then_some(QuotaCategory::LargeFamilies);
            entry(i, 500 - 5 * i as u16, q)
        })
        .collect();
    let (split, ranked) = rank(10, &quotas, entries);
    assert_eq!(split.general_seats, 9);
    assert_eq!(split.quota_seats[0].seats, 1);
    assert_eq!(split.quota_seats[0].taken, 1);
    // General: numbers 0..=8 (9 seats); the cut-off is number 8's 4.60.
    assert_eq!(split.cut_off.unwrap().to_string(), "4.60");
    let seat_of = |n: u64| ranked.iter().find(|r| r.entry.number == n).unwrap();
    assert_eq!(seat_of(8).seat, Seat::General);
    assert_eq!(seat_of(9).seat, Seat::Outside);
    assert_eq!(seat_of(12).seat, Seat::Quota(QuotaCategory::LargeFamilies));
    assert_eq!(seat_of(12).position, 13);
    assert_eq!(seat_of(25).seat, Seat::Outside);
    assert_eq!(
        ranked.iter().filter(|r| r.seat != Seat::Outside).count(),
        10
    );
}

#[test]
fn an_unused_quota_seat_goes_to_the_general_competition() {
    let quotas = [QuotaShare {
        category: QuotaCategory::Orphans,
        basis_points: 2_000,
    }];
    let (split, ranked) = rank(10, &quotas, (0..12).map(|i| entry(i, 450, None)).collect());
    assert_eq!(split.quota_seats[0].seats, 2);
    assert_eq!(split.quota_seats[0].taken, 0);
    assert_eq!(split.general_seats, 10);
    // Equal scores: the earlier submission ranks first.
    assert_eq!(ranked[0].entry.number, 0);
    assert_eq!(ranked[9].seat, Seat::General);
    assert_eq!(ranked[10].seat, Seat::Outside);
}

#[test]
fn a_quota_applicant_above_the_quota_competes_in_general() {
    let quotas = [QuotaShare {
        category: QuotaCategory::Orphans,
        basis_points: 1_000,
    }];
    let entries = (0..5)
        .map(|i| entry(i, 480 - i as u16, Some(QuotaCategory::Orphans)))
        .collect();
    let (split, ranked) = rank(3, &quotas, entries);
    // 10% of 3 rounds down to 0 quota seats: everyone in general, 3 seats.
    assert_eq!(split.quota_seats[0].seats, 0);
    assert_eq!(split.general_seats, 3);
    assert_eq!(ranked[2].seat, Seat::General);
    assert_eq!(ranked[3].seat, Seat::Outside);
}

proptest! {
    #[test]
    fn never_more_seated_than_places(
        places in 0u32..40,
        share in 0u16..5_000,
        scores in proptest::collection::vec((300u16..=500, any::<bool>()), 0..60),
    ) {
        let quotas = [QuotaShare { category: QuotaCategory::RuralYouth, basis_points: share }];
        let entries = scores
            .iter()
            .enumerate()
            .map(|(i, (s, q))| entry(i as u64, *s, q.then_some(QuotaCategory::RuralYouth)))
            .collect::<Vec<_>>();
        let n = entries.len() as u32;
        let (split, ranked) = rank(places, &quotas, entries);
        let seated = ranked.iter().filter(|r| r.seat != Seat::Outside).count() as u32;
        prop_assert_eq!(seated, places.min(n));
        prop_assert!(split.quota_seats[0].taken <= split.quota_seats[0].seats);
        prop_assert_eq!(split.general_seats + split.quota_seats[0].taken, places);
        // Positions follow the order; no general seat below an outside one.
        for w in ranked.windows(2) {
            prop_assert!(w[0].entry.score >= w[1].entry.score);
            prop_assert!(!(w[0].seat == Seat::Outside && w[1].seat == Seat::General));
        }
    }
}

#[test]
fn the_admission_year_turns_in_september() {
    let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
    assert_eq!(admission_year(d(2026, 7, 1)).to_string(), "2026-2027");
    assert_eq!(admission_year(d(2026, 8, 31)).to_string(), "2026-2027");
    assert_eq!(admission_year(d(2026, 12, 2)).to_string(), "2027-2028");
}

#[test]
fn a_row_shows_the_name_to_staff_only_and_the_iin_masked_to_all() {
    let (_, ranked) = rank(1, &[], vec![entry(7, 450, None)]);
    let public = RankRow::of(&ranked[0], false);
    assert_eq!(public.iin_masked, "********0007");
    assert_eq!((public.name, public.application_id), (None, None));
    assert_eq!(public.seat, Seat::General);
    let staff = RankRow::of(&ranked[0], true);
    assert_eq!(staff.name.as_deref(), Some("N7"));
    assert_eq!(staff.application_id.as_deref(), Some("a7"));
    assert_eq!(staff.iin_masked, public.iin_masked);
}
