//! Admission campaigns (seed 003 «Период кампании»): per region, service and academic year, the
//! days applications are accepted (whole days, Almaty time, both included). A region's
//! education department sets them; a service without a period (the preschool queue registers
//! all year) has none.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::{AcademicYear, Service};

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_follow_the_seeds() {
        let y: AcademicYear = "2027-2028".parse().unwrap();
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
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
