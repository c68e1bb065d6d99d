use super::*;
use crate::domain::working_days::BankHolidays;
use crate::reports::inputs::{ForumAttendance, ReachedGroup, SurveyCounts};
use crate::surveys::questions::{Answer, Question, QuestionKind};
use chrono::NaiveDate;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn period() -> Period {
    Period::parse_key("2026-04").unwrap()
}

fn promise(id: i64) -> Promise {
    Promise {
        id,
        position: id,
        wording: format!("Promise wording {id}"),
        easy_read: String::new(),
        retired: false,
    }
}

fn reached(cohort: Cohort, band: AgeBand, returning: bool, people: u32) -> ReachedGroup {
    ReachedGroup {
        cohort: Some(cohort),
        age_band: Some(band),
        returning,
        people,
    }
}

fn inputs() -> ReportInputs {
    ReportInputs {
        period: period(),
        built_at: 0,
        promises: vec![promise(1), promise(2)],
        participation: Participation::default(),
        participation_before: Participation::default(),
        ratings: Vec::new(),
        surveys: Vec::new(),
        sessions: Vec::new(),
        rights: RightsCounts::default(),
        rights_before: RightsCounts::default(),
        holidays: BankHolidays::default(),
        quotes: Vec::new(),
        actions: Vec::new(),
    }
}

fn cells(report: &Report, table: &str, row: &str) -> Vec<Cell> {
    report
        .table(table)
        .unwrap()
        .rows
        .iter()
        .find(|r| r.label == row)
        .unwrap_or_else(|| panic!("{row} in {table}"))
        .cells
        .clone()
}

fn hidden() -> Cell {
    Cell::Count(Shown::FewerThanFive)
}

#[test]
fn three_care_leavers_are_hidden_with_the_group_that_would_give_them_away() {
    let mut inputs = inputs();
    inputs.participation.reached = vec![
        reached(Cohort::ChildInCare, AgeBand::Child11To18, false, 12),
        reached(Cohort::CareLeaver, AgeBand::CareLeaver16To25, true, 3),
    ];
    inputs.participation.forums = vec![ForumAttendance {
        forum: "LACC".into(),
        sessions: 3,
        attendance: 14,
    }];
    let report = build(&inputs);
    assert_eq!(
        cells(&report, "reached-by-cohort", "Care leavers")[0],
        hidden()
    );
    assert_eq!(
        cells(&report, "reached-by-cohort", "Children in care")[0],
        Cell::Count(Shown::Withheld)
    );
    assert_eq!(
        cells(&report, "reached-by-cohort", "Total")[0],
        Cell::Count(Shown::Count(15))
    );
    // Returning is the same 3, and hidden the same way.
    assert_eq!(
        cells(&report, "new-and-returning", "Taken part before")[0],
        hidden()
    );
    let summary = &report.sections[0].summary;
    assert_eq!(
        summary[0],
        "We heard from 15 young people (up from 0 last period)."
    );
    assert_eq!(
        summary[1],
        "An undisclosed number of them took part for the first time."
    );
    // Sessions held count meetings, not people.
    assert_eq!(
        cells(&report, "forum-attendance", "LACC")[0],
        Cell::Text("3".into())
    );
}

#[test]
fn changes_since_last_period_are_said_only_when_both_numbers_show() {
    let mut inputs = inputs();
    inputs.participation.reached =
        vec![reached(Cohort::ChildInCare, AgeBand::Child11To18, true, 20)];
    inputs.participation_before.reached =
        vec![reached(Cohort::ChildInCare, AgeBand::Child11To18, false, 4)];
    assert_eq!(
        build(&inputs).sections[0].summary[0],
        "We heard from 20 young people."
    );
    inputs.participation_before.reached[0].people = 26;
    assert_eq!(
        build(&inputs).sections[0].summary[0],
        "We heard from 20 young people (down from 26 last period)."
    );
}

fn ratings(period: Period, promise_id: i64, score: Option<u8>, ratings: u32) -> RatingGroup {
    RatingGroup {
        period,
        promise_id,
        cohort: Some(Cohort::ChildInCare),
        score,
        ratings,
    }
}

#[test]
fn promise_means_changes_and_the_highest_and_lowest() {
    let mut inputs = inputs();
    let now = period();
    inputs.ratings = vec![
        ratings(now, 1, Some(5), 6),
        ratings(now, 1, Some(4), 4),
        ratings(now, 1, None, 2),
        ratings(now.previous(), 1, Some(3), 10),
        ratings(now, 2, Some(2), 5),
        ratings(now, 2, Some(1), 1),
    ];
    let report = build(&inputs);
    let one = cells(&report, "promise-scores", "Promise 1");
    assert_eq!(one[0], Cell::Count(Shown::Count(12)));
    // Faces 1 to 5, then not sure: the 4 and the 2 are hidden, and with two
    // hidden nothing more need go.
    assert_eq!(
        one[1..7],
        [
            Cell::Count(Shown::Count(0)),
            Cell::Count(Shown::Count(0)),
            Cell::Count(Shown::Count(0)),
            hidden(),
            Cell::Count(Shown::Count(6)),
            hidden()
        ]
    );
    assert_eq!(one[7], Cell::Mean(Some(4.6)));
    assert_eq!(one[8], Cell::Change(Some(1.6)));
    let two = cells(&report, "promise-scores", "Promise 2");
    assert_eq!(two[7], Cell::Mean(Some(1.8)));
    assert_eq!(two[8], Cell::Change(None));
    assert_eq!(
        report.sections[1].summary[1],
        "Highest rated: promise 1 (4.6 out of 5). Lowest rated: promise 2 (1.8)."
    );
    // The trend runs over six periods, oldest first; a period with too few
    // ratings has no mean.
    let trend = cells(&report, "promise-trend", "Promise 1");
    assert_eq!(trend.len(), TREND_PERIODS);
    assert_eq!(trend[4], Cell::Mean(Some(3.0)));
    assert_eq!(trend[5], Cell::Mean(Some(4.6)));
    assert_eq!(trend[0], Cell::Mean(None));
}

#[test]
fn the_ten_day_clock_counts_working_days_and_hides_small_numbers() {
    let mut inputs = inputs();
    // Received Friday 1 May 2026; Monday 4 May is a bank holiday.
    inputs.holidays = BankHolidays::new([day(2026, 5, 4)]);
    let received = day(2026, 5, 1);
    let late = (received, Some(day(2026, 5, 19))); // 11 working days
    inputs.rights.stage_one = vec![
        (received, Some(day(2026, 5, 5))),  // 1 working day
        (received, Some(day(2026, 5, 15))), // 9
        (received, Some(day(2026, 5, 18))), // 10: the last day in time
        (received, Some(day(2026, 5, 8))),  // 4
        (received, Some(day(2026, 5, 7))),  // 3
        late,
        late,
        late,
        late,
        (received, None),
    ];
    let report = build(&inputs);
    assert_eq!(
        cells(
            &report,
            "rights-timeliness",
            "Answered within 10 working days"
        ),
        vec![Cell::Count(Shown::Count(5)), Cell::Percent(Some(50))]
    );
    assert_eq!(
        cells(
            &report,
            "rights-timeliness",
            "Median working days to a stage 1 response"
        )[0],
        Cell::Text("10.0".into())
    );
    // Five in time of six: the one late would show by subtraction, so the
    // five are withheld.
    inputs.rights.stage_one.truncate(6);
    assert_eq!(
        cells(
            &build(&inputs),
            "rights-timeliness",
            "Answered within 10 working days"
        ),
        vec![Cell::Count(Shown::Withheld), Cell::Percent(None)]
    );
    inputs.rights.stage_one.truncate(3);
    let report = build(&inputs);
    assert_eq!(
        cells(
            &report,
            "rights-timeliness",
            "Answered within 10 working days"
        ),
        vec![hidden(), Cell::Percent(None)]
    );
    assert_eq!(
        cells(
            &report,
            "rights-timeliness",
            "Median working days to a stage 1 response"
        )[0],
        Cell::Text(String::new())
    );
}

#[test]
fn a_surveys_answers_become_a_table_per_counted_question() {
    let mut inputs = inputs();
    let yes_no = Question {
        id: 1,
        prompt: "Do you have a pet?".into(),
        hint: String::new(),
        kind: QuestionKind::YesNoNotSure,
        required: false,
        show_if: None,
    };
    let written = Question {
        id: 2,
        kind: QuestionKind::ShortText,
        prompt: "Why?".into(),
        ..yes_no.clone()
    };
    let choice = |value: &str| Answer::Choice {
        value: value.into(),
    };
    inputs.surveys = vec![SurveyCounts {
        title: "Pets".into(),
        opens_on: day(2026, 5, 1),
        closes_on: day(2026, 6, 1),
        children_in_care: 9,
        care_leavers: 0,
        anonymous: 2,
        questions: vec![yes_no, written],
        answers: vec![(1, choice("yes"), 7), (1, choice("no"), 4)],
    }];
    let report = build(&inputs);
    assert!(
        report.table("survey-1-question-2").is_none(),
        "written answers are quoted, not counted"
    );
    assert_eq!(
        cells(&report, "survey-1-question-1", "Yes"),
        vec![Cell::Count(Shown::Withheld), Cell::Percent(None)]
    );
    assert_eq!(cells(&report, "survey-1-question-1", "No")[0], hidden());
    assert_eq!(
        cells(&report, "survey-1-responses", "Through an anonymous link")[0],
        hidden()
    );
    assert_eq!(
        report.sections[2].summary[0],
        "“Pets” (open 1 May 2026 to 1 June 2026): 11 responses."
    );
}
