//! What the database counts for a report, before anything is suppressed:
//! the input to `build`. Every number here is a count the database made with
//! GROUP BY; no row about a single young person reaches this far, apart from
//! the dates of Right to Rights items (for the median and the 10-day clock).

use crate::domain::concern::{ConcernKind, Outcome};
use crate::domain::working_days::BankHolidays;
use crate::domain::{AgeBand, Cohort, Period};
use crate::promises::{ActionStatus, Promise};
use crate::surveys::questions::{Answer, Question};
use chrono::NaiveDate;

/// Young people reached in a period who share a cohort, an age band and
/// whether they had taken part before it.
#[derive(Clone, Debug, PartialEq)]
pub struct ReachedGroup {
    pub cohort: Option<Cohort>,
    pub age_band: Option<AgeBand>,
    pub returning: bool,
    pub people: u32,
}

/// Attendance at one forum's sessions in a period.
#[derive(Clone, Debug, PartialEq)]
pub struct ForumAttendance {
    pub forum: String,
    pub sessions: u32,
    /// Phones that joined, signed in or not.
    pub attendance: u32,
}

/// The participation counts for one period.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Participation {
    pub reached: Vec<ReachedGroup>,
    pub responses_signed_in: u32,
    pub responses_anonymous: u32,
    /// Every forum, in order, even those that met not at all.
    pub forums: Vec<ForumAttendance>,
}

/// Ratings of one promise in one period by one cohort with one score
/// (`None` is "not sure").
#[derive(Clone, Debug, PartialEq)]
pub struct RatingGroup {
    pub period: Period,
    pub promise_id: i64,
    pub cohort: Option<Cohort>,
    pub score: Option<u8>,
    pub ratings: u32,
}

/// A survey open during the period, with its answers counted.
#[derive(Clone, Debug, PartialEq)]
pub struct SurveyCounts {
    pub title: String,
    pub opens_on: NaiveDate,
    pub closes_on: NaiveDate,
    pub children_in_care: u32,
    pub care_leavers: u32,
    pub anonymous: u32,
    /// The questions of its current version.
    pub questions: Vec<Question>,
    /// How many gave each distinct answer to each question (written
    /// answers are left out: they are quoted, not counted).
    pub answers: Vec<(u32, Answer, u32)>,
}

/// One activity of a session, with its answers counted.
#[derive(Clone, Debug, PartialEq)]
pub struct ActivityCounts {
    pub question: Question,
    pub answers: Vec<(Answer, u32)>,
}

/// A forum session held in the period.
#[derive(Clone, Debug, PartialEq)]
pub struct SessionCounts {
    pub forum: String,
    pub title: String,
    pub held_on: NaiveDate,
    pub attendance: u32,
    pub activities: Vec<ActivityCounts>,
}

/// Right to Rights items received in a period: numbers and dates only.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RightsCounts {
    pub by_kind: Vec<(ConcernKind, u32)>,
    /// `None`: not closed yet.
    pub by_outcome: Vec<(Option<Outcome>, u32)>,
    /// For each item needing a response (not compliments): the day it was
    /// received and the UK day of its first response, if there has been one.
    pub stage_one: Vec<(NaiveDate, Option<NaiveDate>)>,
}

/// An approved quote chosen for the report.
#[derive(Clone, Debug, PartialEq)]
pub struct ChosenQuote {
    pub quote: String,
    /// "Promise 3", or the survey's title.
    pub about: String,
}

/// An action of the period.
#[derive(Clone, Debug, PartialEq)]
pub struct ActionLine {
    pub you_said: String,
    pub we_did: String,
    pub status: ActionStatus,
    pub promises: Vec<i64>,
}

/// Everything a report is built from.
#[derive(Clone, Debug, PartialEq)]
pub struct ReportInputs {
    pub period: Period,
    pub built_at: i64,
    pub promises: Vec<Promise>,
    pub participation: Participation,
    pub participation_before: Participation,
    /// The period's and the trend periods' ratings.
    pub ratings: Vec<RatingGroup>,
    pub surveys: Vec<SurveyCounts>,
    pub sessions: Vec<SessionCounts>,
    pub rights: RightsCounts,
    pub rights_before: RightsCounts,
    pub holidays: BankHolidays,
    pub quotes: Vec<ChosenQuote>,
    pub actions: Vec<ActionLine>,
}
