//! Surveys: participation officers write them, young people answer them on
//! their phones (signed in, or through an anonymous link), and officers
//! read the results.

pub mod answer_pages;
pub mod answering;
pub mod authoring;
pub mod editor;
pub mod preview;
pub mod questions;
pub mod results;
pub mod results_page;
pub mod settings;
#[cfg(feature = "ssr")]
pub mod store;

use crate::domain::stored_enum::stored_enum;
use crate::domain::SurveyId;
use serde::{Deserialize, Serialize};
use settings::SurveySettings;

stored_enum! {
    /// Where a survey has got to.
    pub enum SurveyStatus as "survey status" {
        /// Being written; only officers see it.
        Draft = "draft" => "Draft",
        /// Young people in its audience can answer it between its dates.
        Open = "open" => "Open",
        Closed = "closed" => "Closed",
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Survey {
    pub id: SurveyId,
    pub settings: SurveySettings,
    pub status: SurveyStatus,
    /// The version new answers go to.
    pub version: i64,
}

/// A link for answering a survey without an account.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SurveyLink {
    /// The secret part of the link's address.
    pub id: String,
    pub survey_id: SurveyId,
    pub label: String,
    pub max_responses: Option<i64>,
    pub expires_on: Option<chrono::NaiveDate>,
    /// Responses sent through it so far.
    pub responses: i64,
}

impl SurveyLink {
    /// Why the link can no longer be used, if it cannot.
    pub fn refusal(&self, today: chrono::NaiveDate) -> Option<&'static str> {
        if self.expires_on.is_some_and(|last_day| today > last_day) {
            Some("This link has run out. Ask the person who gave it to you for a new one.")
        } else if self.max_responses.is_some_and(|max| self.responses >= max) {
            Some("This link has had all the answers it can take. Thank you for wanting to help.")
        } else {
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    #[test]
    fn a_link_stops_at_its_limit_and_after_its_last_day() {
        let day = |d| NaiveDate::from_ymd_opt(2026, 12, d).unwrap();
        let mut link = SurveyLink {
            id: "x".into(),
            survey_id: "s".into(),
            label: String::new(),
            max_responses: Some(2),
            expires_on: Some(day(10)),
            responses: 1,
        };
        assert_eq!(link.refusal(day(10)), None);
        assert!(link.refusal(day(11)).is_some());
        link.responses = 2;
        assert!(link.refusal(day(1)).is_some());
        link.max_responses = None;
        link.expires_on = None;
        assert_eq!(link.refusal(day(31)), None);
    }
}
