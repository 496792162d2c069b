//! Admission campaigns (seed 003 «Период кампании»): per region, service and academic year, the
//! days applications are accepted (whole days, Almaty time, both included). A region's
//! education department sets them; a service without a period (the preschool queue registers
//! all year) has none.

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::api::Text;
use crate::{AcademicYear, DomainError, ErrorCode, Service};

/// A service's default period for an academic year, when the region set none: 1st grade
/// 1 June – 30 August (seed 003: «Прием документов в первый класс доступен с 01 июня до
/// 30 августа»), college 20 June – 25 August (seed 000); the preschool queue has none.
pub fn default_period(service: Service, year: AcademicYear) -> Option<(NaiveDate, NaiveDate)> {
    let y = year.first_year();
    let day = |m, d| NaiveDate::from_ymd_opt(y, m, d).expect("a date");
    match service {
        Service::Grade1 => Some((day(6, 1), day(8, 30))),
        Service::College => Some((day(6, 20), day(8, 25))),
        Service::Preschool => None,
    }
}

/// A service's campaign in a region for a year, as `GET /api/public/campaigns/{region}/{year}`
/// lists it and `GET /api/campaigns/{service}/{year}` shows it to the department.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CampaignPeriod {
    pub service: Service,
    pub region: String,
    pub academic_year: AcademicYear,
    pub opens: NaiveDate,
    pub closes: NaiveDate,
    /// Whether the region set it (false: the service's default).
    pub set_by_region: bool,
    /// Whether applications are accepted now (by the service's clock).
    pub open: bool,
}

impl CampaignPeriod {
    /// The campaign of a service in a region for a year at `now`: the region's period if it set
    /// one, else the service's default; `None` for a service without a period.
    pub fn of(
        service: Service,
        region: &str,
        academic_year: AcademicYear,
        set: Option<(NaiveDate, NaiveDate)>,
        now: DateTime<Utc>,
    ) -> Option<CampaignPeriod> {
        let (opens, closes) = set.or_else(|| default_period(service, academic_year))?;
        Some(CampaignPeriod {
            service,
            region: region.to_string(),
            academic_year,
            opens,
            closes,
            set_by_region: set.is_some(),
            open: CampaignPeriod::covers(opens, closes, now),
        })
    }

    /// 422 `campaign_closed` on `academic_year` unless it is open; its text names the dates.
    pub fn require_open(&self) -> Result<(), DomainError> {
        if self.open {
            return Ok(());
        }
        Err(DomainError::new(ErrorCode::CampaignClosed).field("academic_year"))
    }

    /// What a closed campaign's refusal says: «Приём заявлений в 1 класс ведётся с 1 июня по
    /// 30 августа 2027 г.»
    pub fn closed_text(&self) -> Text {
        let (ru_what, kk_what) = match self.service {
            Service::Grade1 => ("в 1 класс", "1-сыныпқа"),
            Service::College => ("в колледжи", "колледждерге"),
            Service::Preschool => ("в детские сады", "балабақшаларға"),
        };
        let (ru_dates, kk_dates) = dates_text(self.opens, self.closes);
        Text {
            ru: format!(
                "Приём заявлений {ru_what} ведётся {ru_dates}: сейчас заявление подать нельзя."
            ),
            kk: format!(
                "{kk_what} өтініш қабылдау {kk_dates} жүргізіледі: қазір өтініш беру мүмкін емес.",
                kk_what = capitalise(kk_what)
            ),
        }
    }

    /// Whether `now` falls in `opens..=closes` (Almaty days).
    pub fn covers(opens: NaiveDate, closes: NaiveDate, now: DateTime<Utc>) -> bool {
        let today = crate::to_almaty(now).date_naive();
        opens <= today && today <= closes
    }
}

/// `PUT /api/campaigns/{service}/{year}`: the region's period for the service and year.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SetCampaignPeriod {
    pub opens: NaiveDate,
    pub closes: NaiveDate,
}

impl SetCampaignPeriod {
    /// The period in order, within the year before the academic year to its end (as the
    /// college campaign: early intakes open the year before); 422 naming the field.
    pub fn validate(&self, academic_year: AcademicYear) -> Result<(), DomainError> {
        let err = |field: &str| DomainError::new(ErrorCode::ValidationFailed).field(field);
        let years = academic_year.first_year() - 1..=academic_year.second_year();
        if self.opens > self.closes || !years.contains(&self.opens.year()) {
            return Err(err("opens"));
        }
        if !years.contains(&self.closes.year()) {
            return Err(err("closes"));
        }
        Ok(())
    }
}

const MONTHS_RU: [&str; 12] = [
    "января",
    "февраля",
    "марта",
    "апреля",
    "мая",
    "июня",
    "июля",
    "августа",
    "сентября",
    "октября",
    "ноября",
    "декабря",
];
const MONTHS_KK: [&str; 12] = [
    "қаңтар",
    "ақпан",
    "наурыз",
    "сәуір",
    "мамыр",
    "маусым",
    "шілде",
    "тамыз",
    "қыркүйек",
    "қазан",
    "қараша",
    "желтоқсан",
];

/// «с 1 июня по 30 августа 2027 г.» / «2027 жылғы 1 маусым мен 30 тамыз аралығында» (each year
/// named when the two differ).
pub fn dates_text(opens: NaiveDate, closes: NaiveDate) -> (String, String) {
    let ru = |d: NaiveDate| format!("{} {}", d.day(), MONTHS_RU[d.month0() as usize]);
    let kk = |d: NaiveDate| format!("{} {}", d.day(), MONTHS_KK[d.month0() as usize]);
    if opens.year() == closes.year() {
        (
            format!("с {} по {} {} г.", ru(opens), ru(closes), closes.year()),
            format!(
                "{} жылғы {} мен {} аралығында",
                closes.year(),
                kk(opens),
                kk(closes)
            ),
        )
    } else {
        (
            format!(
                "с {} {} г. по {} {} г.",
                ru(opens),
                opens.year(),
                ru(closes),
                closes.year()
            ),
            format!(
                "{} жылғы {} мен {} жылғы {} аралығында",
                opens.year(),
                kk(opens),
                closes.year(),
                kk(closes)
            ),
        )
    }
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn a_closed_campaign_names_its_dates() {
        let y: AcademicYear = "2027-2028".parse().unwrap();
        let at = DateTime::parse_from_rfc3339("2027-08-31T09:00:00+05:00")
            .unwrap()
            .to_utc();
        let c = CampaignPeriod::of(Service::Grade1, "astana", y, None, at).unwrap();
        assert!(!c.open && !c.set_by_region);
        let e = c.require_open().unwrap_err();
        assert_eq!(e.code, ErrorCode::CampaignClosed);
        assert_eq!(e.field.as_deref(), Some("academic_year"));
        let t = c.closed_text();
        assert!(
            t.ru.contains("в 1 класс ведётся с 1 июня по 30 августа 2027 г."),
            "{}",
            t.ru
        );
        assert!(
            t.kk.contains("2027 жылғы 1 маусым мен 30 тамыз аралығында"),
            "{}",
            t.kk
        );
        assert!(t.kk.starts_with("1-сыныпқа"), "{}", t.kk);

        let set = Some((d("2026-11-01"), d("2027-08-30")));
        let c = CampaignPeriod::of(Service::College, "astana", y, set, at).unwrap();
        assert!(c.set_by_region);
        let t = c.closed_text();
        assert!(t.ru.contains("в колледжи ведётся с 1 ноября 2026 г. по 30 августа 2027 г."));
        assert!(t.kk.starts_with("Колледждерге"), "{}", t.kk);
        assert_eq!(
            CampaignPeriod::of(Service::Preschool, "astana", y, None, at),
            None
        );
    }

    #[test]
    fn a_period_is_in_order_and_near_its_year() {
        let y: AcademicYear = "2027-2028".parse().unwrap();
        let p = |o: &str, c: &str| SetCampaignPeriod {
            opens: d(o),
            closes: d(c),
        };
        assert!(p("2026-11-01", "2027-08-30").validate(y).is_ok());
        assert!(p("2027-06-01", "2028-05-31").validate(y).is_ok());
        for (period, field) in [
            (p("2027-08-30", "2027-06-01"), "opens"),
            (p("2025-12-31", "2027-06-01"), "opens"),
            (p("2027-06-01", "2029-01-01"), "closes"),
        ] {
            let e = period.validate(y).unwrap_err();
            assert_eq!(e.field.as_deref(), Some(field), "{period:?}");
        }
    }

    #[test]
    fn defaults_follow_the_seeds() {
        let y: AcademicYear = "2027-2028".parse().unwrap();
        assert_eq!(
            default_period(Service::Grade1, y),
            Some((d("2027-06-01"), d("2027-08-30")))
        );
        assert_eq!(
            default_period(Service::College, y),
            Some((d("2027-06-20"), d("2027-08-25")))
        );
        assert_eq!(default_period(Service::Preschool, y), None);
        let at = |s: &str| DateTime::parse_from_rfc3339(s).unwrap().to_utc();
        let (o, c) = default_period(Service::Grade1, y).unwrap();
        assert!(CampaignPeriod::covers(
            o,
            c,
            at("2027-08-30T23:59:00+05:00")
        ));
        assert!(!CampaignPeriod::covers(
            o,
            c,
            at("2027-08-31T00:00:00+05:00")
        ));
        assert!(!CampaignPeriod::covers(
            o,
            c,
            at("2027-05-31T23:59:00+05:00")
        ));
    }
}
