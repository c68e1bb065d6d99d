//! The council's promises: young people rate them each reporting period,
//! officers see how the ratings move, and everyone sees "you said, we did".

pub mod admin;
pub mod comments;
pub mod dashboard;
pub mod rating;
#[cfg(feature = "ssr")]
pub mod store;
pub mod you_said_we_did;

use crate::domain::rating_summary::RatingSummary;
use crate::domain::stored_enum::stored_enum;
use crate::domain::{FaceRating, Period};
use serde::{Deserialize, Serialize};

/// A promise as young people see it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Promise {
    pub id: i64,
    /// Its number in the list young people see (1 to 9 for the Rotherham promises).
    pub position: i64,
    pub wording: String,
    pub easy_read: String,
    pub retired: bool,
}

/// What a young person said about one promise in one period.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyRating {
    pub rating: FaceRating,
    pub why: String,
    pub better: String,
}

/// One promise on the rating pages, with this period's rating if there is one.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PromiseToRate {
    pub promise: Promise,
    pub mine: Option<MyRating>,
    /// The promise after this one, where "Save and continue" goes.
    pub next_id: Option<i64>,
    pub period: Period,
}

/// A young person's ratings of one promise, period by period, newest first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PromiseHistory {
    pub promise: Promise,
    pub ratings: Vec<(Period, FaceRating)>,
}

stored_enum! {
    /// The status of a "you said, we did" action.
    pub enum ActionStatus as "action status" {
        Planned = "planned" => "Planned",
        InProgress = "in_progress" => "In progress",
        Done = "done" => "Done",
    }
}

/// One "you said, we did" action.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Action {
    pub id: String,
    pub you_said: String,
    pub we_did: String,
    pub period: Period,
    pub status: ActionStatus,
    /// The promises it answers, by position and wording.
    pub promises: Vec<Promise>,
}

/// One group's ratings of a promise in a period.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GroupScores {
    /// "Everyone", a cohort or an age band.
    pub group: String,
    pub now: RatingSummary,
    pub change: Option<f64>,
}

/// The officer's view of one promise.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PromiseScores {
    pub promise: Promise,
    pub groups: Vec<GroupScores>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Dashboard {
    pub period: Period,
    pub previous: Period,
    pub promises: Vec<PromiseScores>,
    /// What young people wrote with their ratings this period, to quote.
    pub waiting_comments: u64,
}

/// The longest "why?" or "what would make it better?" kept.
pub const MAX_COMMENT_CHARS: usize = 1000;

/// Reads a rating form: a face or "not sure", and two optional comments.
pub fn parse_rating(
    rating: Option<&str>,
    why: &str,
    better: &str,
) -> Result<MyRating, crate::forms::FieldErrors> {
    let mut errors = crate::forms::FieldErrors::default();
    let rating = errors.check("rating", FaceRating::parse(rating));
    let why = errors.text("why", why, MAX_COMMENT_CHARS, None);
    let better = errors.text("better", better, MAX_COMMENT_CHARS, None);
    match rating {
        Some(rating) if errors.is_empty() => Ok(MyRating {
            rating,
            why,
            better,
        }),
        _ => Err(errors),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_face_with_or_without_comments_is_a_rating() {
        let rating = parse_rating(Some("4"), "  my carer listens ", "").unwrap();
        assert_eq!(rating.rating, FaceRating::Score(4));
        assert_eq!(rating.why, "my carer listens");
        assert_eq!(
            parse_rating(Some("not_sure"), "", "").unwrap().rating,
            FaceRating::NotSure
        );
    }

    #[test]
    fn every_problem_is_reported_against_its_field() {
        let long = "a".repeat(MAX_COMMENT_CHARS + 1);
        let errors = parse_rating(None, &long, "fine").unwrap_err();
        assert_eq!(
            errors.get("rating"),
            Some("Choose a face, or choose Not sure")
        );
        assert_eq!(errors.get("why"), Some("Write 1000 characters or fewer"));
        assert_eq!(errors.get("better"), None);
        let exactly = "é".repeat(MAX_COMMENT_CHARS);
        assert!(parse_rating(Some("2"), &exactly, "").is_ok());
    }
}
