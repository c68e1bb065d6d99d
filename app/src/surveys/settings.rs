//! A survey's settings: title, introduction, who it is for, when it is open
//! and whether it may be answered anonymously. Pure rules.

use crate::domain::AgeBand;
use crate::forms::FieldErrors;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

pub const MAX_TITLE_CHARS: usize = 120;
pub const MAX_INTRODUCTION_CHARS: usize = 2000;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SurveySettings {
    pub title: String,
    pub introduction: String,
    pub audience: Vec<AgeBand>,
    pub opens_on: NaiveDate,
    pub closes_on: NaiveDate,
    pub allow_anonymous: bool,
}

impl SurveySettings {
    /// Whether a young person in this age band is asked, on this day.
    pub fn is_for(&self, band: AgeBand, today: NaiveDate) -> bool {
        self.audience.contains(&band) && self.opens_on <= today && today <= self.closes_on
    }
}

/// Stored as "8-10,11-18".
pub fn audience_key(audience: &[AgeBand]) -> String {
    audience
        .iter()
        .map(|band| band.as_str())
        .collect::<Vec<_>>()
        .join(",")
}

pub fn parse_audience_key(key: &str) -> Option<Vec<AgeBand>> {
    key.split(',').map(AgeBand::parse).collect()
}

/// Checks the settings form.
pub fn parse_settings(
    title: &str,
    introduction: &str,
    audience: &[String],
    opens_on: &str,
    closes_on: &str,
    allow_anonymous: bool,
) -> Result<SurveySettings, FieldErrors> {
    let mut errors = FieldErrors::default();
    let title = errors.text("title", title, MAX_TITLE_CHARS, Some("Enter a title"));
    let introduction = errors.text("introduction", introduction, MAX_INTRODUCTION_CHARS, None);
    let chosen: Vec<AgeBand> = AgeBand::ALL
        .into_iter()
        .filter(|band| audience.iter().any(|a| a == band.as_str()))
        .collect();
    if chosen.is_empty() || chosen.len() != audience.len() {
        errors.add("audience", "Choose who the survey is for");
    }
    let opens = errors.check("opens_on", parse_date(opens_on, "Enter the date it opens"));
    let closes = errors.check(
        "closes_on",
        parse_date(closes_on, "Enter the date it closes"),
    );
    if let (Some(opens), Some(closes)) = (opens, closes) {
        if closes < opens {
            errors.add(
                "closes_on",
                "The closing date must be on or after the opening date",
            );
        }
    }
    match (opens, closes) {
        (Some(opens_on), Some(closes_on)) if errors.is_empty() => Ok(SurveySettings {
            title,
            introduction,
            audience: chosen,
            opens_on,
            closes_on,
            allow_anonymous,
        }),
        _ => Err(errors),
    }
}

/// A date from a date field (YYYY-MM-DD).
pub fn parse_date(value: &str, missing: &'static str) -> Result<NaiveDate, &'static str> {
    let value = value.trim();
    if value.is_empty() {
        return Err(missing);
    }
    crate::domain::Day::from_input(value).ok_or("Enter a real date, like 2026-12-01")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(values: &[&str]) -> Vec<String> {
        values.iter().map(|v| v.to_string()).collect()
    }

    #[test]
    fn dates_must_be_in_order() {
        let errors = parse_settings(
            "Title",
            "",
            &strings(&["11-18"]),
            "2026-12-10",
            "2026-12-01",
            false,
        )
        .unwrap_err();
        assert_eq!(
            errors.get("closes_on"),
            Some("The closing date must be on or after the opening date")
        );
        let same_day = parse_settings(
            "Title",
            "",
            &strings(&["11-18"]),
            "2026-12-01",
            "2026-12-01",
            false,
        );
        assert!(same_day.is_ok());
    }

    #[test]
    fn every_field_is_checked_at_once() {
        let errors =
            parse_settings(" ", "", &strings(&["99-100"]), "", "31/12/2026", true).unwrap_err();
        assert_eq!(errors.get("title"), Some("Enter a title"));
        assert_eq!(errors.get("audience"), Some("Choose who the survey is for"));
        assert_eq!(errors.get("opens_on"), Some("Enter the date it opens"));
        assert_eq!(
            errors.get("closes_on"),
            Some("Enter a real date, like 2026-12-01")
        );
    }

    #[test]
    fn a_survey_is_for_its_bands_while_open() {
        let settings = parse_settings(
            "T",
            "",
            &strings(&["8-10", "16-25"]),
            "2026-12-01",
            "2026-12-31",
            false,
        )
        .unwrap();
        assert_eq!(audience_key(&settings.audience), "8-10,16-25");
        assert_eq!(
            parse_audience_key("8-10,16-25"),
            Some(settings.audience.clone())
        );
        assert_eq!(parse_audience_key("8-10,9-99"), None);
        let day = |d| NaiveDate::from_ymd_opt(2026, 12, d).unwrap();
        assert!(settings.is_for(AgeBand::ChildUnder11, day(1)));
        assert!(settings.is_for(AgeBand::CareLeaver16To25, day(31)));
        assert!(!settings.is_for(AgeBand::Child11To18, day(10)));
        assert!(!settings.is_for(
            AgeBand::ChildUnder11,
            NaiveDate::from_ymd_opt(2027, 1, 1).unwrap()
        ));
    }
}
