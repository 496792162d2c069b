//! Names the pages share: a service, a decision, and a report column's colour.

use domain::Service;
use domain::journal::DecisionFilter;
use domain::monitoring::Column;
use frontend::state::{App as AppHandle, Texts};

/// A service as the department's pages name it.
pub fn service(app: &AppHandle, s: Service) -> &'static str {
    match s {
        Service::Grade1 => app.t("ed_svc_grade1"),
        Service::Preschool => app.t("ed_svc_preschool"),
        Service::College => app.t("ed_svc_college"),
    }
}

/// «Положительно» / «Отрицательно» / «Нет решения» (seed 002's «Решение» column).
pub fn decision(app: &AppHandle, d: DecisionFilter) -> &'static str {
    match d {
        DecisionFilter::Accept => app.t("st_decision_accept"),
        DecisionFilter::Reject => app.t("st_decision_reject"),
        DecisionFilter::None => app.t("st_decision_none"),
    }
}

/// A column's colour in the chart: seed 002's decisions green and red, the others distinct
/// (each readable against white and the dark theme's surface, and apart from its neighbours).
pub fn colour(c: Column) -> &'static str {
    match c {
        Column::Received => "#2f6fdf",
        Column::Processing => "#d98a00",
        Column::OnSigning => "#8a4fd1",
        Column::Positive => "#1f9d55",
        Column::Negative => "#d0342c",
        Column::Withdrawn => "#6b7280",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_column_has_its_own_colour_and_decisions_keep_the_seeds() {
        let mut colours: Vec<_> = Column::ALL.iter().map(|c| colour(*c)).collect();
        colours.sort();
        colours.dedup();
        assert_eq!(colours.len(), Column::ALL.len());
        assert_eq!(colour(Column::Positive), "#1f9d55");
        assert_eq!(colour(Column::Negative), "#d0342c");
    }
}
