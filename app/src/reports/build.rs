//! Builds a report from the database's counts: each section's tables, with
//! every count from 1 to 4 hidden (and a second cell wherever a total would
//! give a hidden one away), and a plain-English summary made from the same
//! suppressed numbers. Pure: the same counts always give the same report.

use super::answers::count_answers;
use super::inputs::{Participation, RatingGroup, ReportInputs, RightsCounts};
use super::{Cell, Chart, Report, Row, Section, Table, TREND_PERIODS};
use crate::domain::concern::{ConcernKind, Outcome};
use crate::domain::face_scale::FACES;
use crate::domain::suppression::{suppress_with_total, Shown, SMALLEST_SHOWN};
use crate::domain::working_days::{stage_one_due, working_days_between};
use crate::domain::{AgeBand, Cohort, Period};
use crate::promises::Promise;

pub fn build(inputs: &ReportInputs) -> Report {
    Report {
        period: inputs.period,
        built_at: inputs.built_at,
        sections: vec![
            participation(inputs),
            promises(inputs),
            surveys(inputs),
            forums(inputs),
            rights(inputs),
            quotes(inputs),
            actions(inputs),
        ],
    }
}

// ---- shared shapes -------------------------------------------------------

/// Rows of a breakdown and a "Total" row: each column is suppressed on its
/// own, as each is a breakdown of its own total.
fn breakdown(labels: &[String], columns: &[Vec<u32>]) -> Vec<Row> {
    let shown: Vec<(Vec<Shown>, Shown)> = columns
        .iter()
        .map(|counts| suppress_with_total(counts))
        .collect();
    let mut rows: Vec<Row> = labels
        .iter()
        .enumerate()
        .map(|(i, label)| Row {
            label: label.clone(),
            cells: shown
                .iter()
                .map(|(cells, _)| Cell::Count(cells.get(i).copied().unwrap_or(Shown::Count(0))))
                .collect(),
        })
        .collect();
    rows.push(Row {
        label: "Total".into(),
        cells: shown.iter().map(|(_, total)| Cell::Count(*total)).collect(),
    });
    rows
}

/// A line per answer with its count and its share of those who answered.
fn shares(lines: &[(String, u32)], answered: u32) -> Vec<Row> {
    let counts: Vec<u32> = lines.iter().map(|(_, n)| *n).collect();
    let (cells, _) = suppress_with_total(&counts);
    let answered = Shown::of(answered);
    lines
        .iter()
        .zip(cells)
        .map(|((label, _), count)| Row {
            label: label.clone(),
            cells: vec![
                Cell::Count(count),
                Cell::Percent(count.percent_of(answered)),
            ],
        })
        .collect()
}

fn table(
    id: impl Into<String>,
    title: impl Into<String>,
    columns: &[&str],
    rows: Vec<Row>,
) -> Table {
    Table {
        id: id.into(),
        title: title.into(),
        columns: columns.iter().map(|c| c.to_string()).collect(),
        rows,
        chart: None,
    }
}

fn charted(mut table: Table, chart: Chart) -> Table {
    table.chart = Some(chart);
    table
}

fn total_of(rows: &[Row], column: usize) -> Shown {
    match rows.last().map(|row| &row.cells[column]) {
        Some(Cell::Count(shown)) => *shown,
        _ => Shown::Count(0),
    }
}

fn row_count(rows: &[Row], label: &str, column: usize) -> Shown {
    match rows
        .iter()
        .find(|r| r.label == label)
        .map(|r| &r.cells[column])
    {
        Some(Cell::Count(shown)) => *shown,
        _ => Shown::Count(0),
    }
}

/// " (up from 280 last period)" when both numbers can be shown.
fn change(now: Shown, before: Shown) -> String {
    match (now.count(), before.count()) {
        (Some(a), Some(b)) if a > b => format!(" (up from {b} last period)"),
        (Some(a), Some(b)) if a < b => format!(" (down from {b} last period)"),
        (Some(_), Some(_)) => " (the same as last period)".into(),
        _ => String::new(),
    }
}

/// A count in a sentence: a withheld count is not called "fewer than 5",
/// as it may be more.
fn words(shown: Shown) -> String {
    match shown {
        Shown::Withheld => "an undisclosed number".into(),
        shown => shown.label(),
    }
}

fn labels<T>(items: &[T], label: impl Fn(&T) -> String) -> Vec<String> {
    items.iter().map(label).collect()
}

// ---- participation ---------------------------------------------------------

fn reached_where(p: &Participation, wanted: impl Fn(&super::inputs::ReachedGroup) -> bool) -> u32 {
    p.reached
        .iter()
        .filter(|g| wanted(g))
        .map(|g| g.people)
        .sum()
}

fn participation(inputs: &ReportInputs) -> Section {
    let (now, before) = (&inputs.participation, &inputs.participation_before);
    let columns = [
        "Young people",
        &inputs.period.name(),
        &inputs.period.previous().name(),
    ];
    let both = |count: &dyn Fn(&Participation) -> Vec<u32>| vec![count(now), count(before)];

    let by_cohort = breakdown(
        &labels(&Cohort::ALL, |c| cohort_label(*c).to_string()),
        &both(&|p| {
            Cohort::ALL
                .iter()
                .map(|c| reached_where(p, |g| g.cohort == Some(*c)))
                .collect()
        }),
    );
    let by_band = breakdown(
        &labels(&AgeBand::ALL, |b| b.label().to_string()),
        &both(&|p| {
            AgeBand::ALL
                .iter()
                .map(|b| reached_where(p, |g| g.age_band == Some(*b)))
                .collect()
        }),
    );
    let new_or_returning = breakdown(
        &[
            "Taking part for the first time".into(),
            "Taken part before".into(),
        ],
        &both(&|p| {
            vec![
                reached_where(p, |g| !g.returning),
                reached_where(p, |g| g.returning),
            ]
        }),
    );
    let surveys = breakdown(
        &["Signed in".into(), "Through an anonymous link".into()],
        &both(&|p| vec![p.responses_signed_in, p.responses_anonymous]),
    );
    // By the forums of this period, matched by name in the one before.
    let attendance_counts = both(&|p| {
        now.forums
            .iter()
            .map(|forum| {
                p.forums
                    .iter()
                    .filter(|f| f.forum == forum.forum)
                    .map(|f| f.attendance)
                    .sum()
            })
            .collect()
    });
    let mut attendance = breakdown(
        &labels(&now.forums, |f| f.forum.clone()),
        &attendance_counts,
    );
    let sessions: Vec<u32> = now.forums.iter().map(|f| f.sessions).collect();
    for (row, held) in attendance.iter_mut().zip(
        sessions
            .iter()
            .chain(std::iter::once(&sessions.iter().sum())),
    ) {
        // Sessions held count meetings, not people: they are never hidden.
        row.cells.insert(0, Cell::Text(held.to_string()));
    }

    let reached = total_of(&by_cohort, 0);
    let mut summary = vec![format!(
        "We heard from {} young people{}.",
        words(reached),
        change(reached, total_of(&by_cohort, 1))
    )];
    if reached.count().is_some_and(|n| n > 0) {
        summary.push(format!(
            "{} of them took part for the first time.",
            capitalised(&words(row_count(
                &new_or_returning,
                "Taking part for the first time",
                0
            )))
        ));
    }
    summary.push(
        "Young people are counted once however often they took part; answers through \
         anonymous links are in the surveys completed but cannot be counted as people."
            .into(),
    );
    let completed = total_of(&surveys, 0);
    summary.push(format!(
        "Surveys completed: {}{}, {} of them through anonymous links.",
        words(completed),
        change(completed, total_of(&surveys, 1)),
        words(row_count(&surveys, "Through an anonymous link", 0))
    ));
    let places = total_of(&attendance, 1);
    summary.push(format!(
        "Forum sessions held: {}; places taken: {}{}.",
        sessions.iter().sum::<u32>(),
        words(places),
        change(places, total_of(&attendance, 2))
    ));
    Section {
        id: "participation".into(),
        heading: "Participation".into(),
        summary,
        tables: vec![
            charted(
                table(
                    "reached-by-cohort",
                    "Young people reached, by cohort",
                    &columns,
                    by_cohort,
                ),
                Chart::Bars { column: 0 },
            ),
            charted(
                table(
                    "reached-by-age-band",
                    "Young people reached, by age band",
                    &columns,
                    by_band,
                ),
                Chart::Bars { column: 0 },
            ),
            table(
                "new-and-returning",
                "New and returning participants",
                &columns,
                new_or_returning,
            ),
            table(
                "surveys-completed",
                "Surveys completed",
                &["Surveys completed", columns[1], columns[2]],
                surveys,
            ),
            charted(
                table(
                    "forum-attendance",
                    "Attendance at forum sessions",
                    &[
                        "Forum",
                        "Sessions held",
                        &format!("Places taken, {}", columns[1]),
                        &format!("Places taken, {}", columns[2]),
                    ],
                    attendance,
                ),
                Chart::Bars { column: 1 },
            ),
        ],
    }
}

/// A cohort as a report's row names it.
fn cohort_label(cohort: Cohort) -> &'static str {
    match cohort {
        Cohort::ChildInCare => "Children in care",
        Cohort::CareLeaver => "Care leavers",
    }
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

// ---- promises --------------------------------------------------------------

/// A promise's ratings in one period, by one cohort or everyone.
struct Spread {
    /// Faces 1 to 5, then "not sure".
    counts: [u32; 6],
}

impl Spread {
    fn of(
        ratings: &[RatingGroup],
        period: Period,
        promise: Option<i64>,
        cohort: Option<Cohort>,
    ) -> Spread {
        let mut counts = [0u32; 6];
        for group in ratings.iter().filter(|g| {
            g.period == period
                && promise.is_none_or(|id| g.promise_id == id)
                && cohort.is_none_or(|c| g.cohort == Some(c))
        }) {
            let cell = match group.score {
                Some(score @ 1..=5) => usize::from(score) - 1,
                _ => 5,
            };
            counts[cell] += group.ratings;
        }
        Spread { counts }
    }

    fn ratings(&self) -> u32 {
        self.counts.iter().sum()
    }

    /// The mean face, to one decimal place, when at least 5 chose a face.
    fn mean(&self) -> Option<f64> {
        let faces: u32 = self.counts[..5].iter().sum();
        (faces >= SMALLEST_SHOWN).then(|| {
            let sum: u32 = (1..=5u32).zip(&self.counts[..5]).map(|(s, n)| s * n).sum();
            (f64::from(sum) / f64::from(faces) * 10.0).round() / 10.0
        })
    }
}

/// Rows name a promise by its number (the wording would make every table too
/// wide for a phone); the section's first table gives each number's words.
fn promise_label(promise: &Promise) -> String {
    format!("Promise {}", promise.position)
}

fn face_labels() -> Vec<String> {
    FACES
        .iter()
        .map(|(_, words)| words.to_string())
        .chain(std::iter::once("Not sure".to_string()))
        .collect()
}

fn promises(inputs: &ReportInputs) -> Section {
    let period = inputs.period;
    let ratings = &inputs.ratings;
    let rated: Vec<&Promise> = inputs
        .promises
        .iter()
        .filter(|p| !p.retired || Spread::of(ratings, period, Some(p.id), None).ratings() > 0)
        .collect();

    let mut columns = vec!["Promise".to_string(), "Ratings".into()];
    columns.extend(face_labels());
    columns.extend(["Mean (1 to 5)".into(), "Change since last period".into()]);
    let mut means: Vec<(&Promise, f64)> = Vec::new();
    let score_rows: Vec<Row> = rated
        .iter()
        .map(|promise| {
            let now = Spread::of(ratings, period, Some(promise.id), None);
            let before = Spread::of(ratings, period.previous(), Some(promise.id), None);
            let (cells, total) = suppress_with_total(&now.counts);
            let mean = now.mean();
            if let Some(mean) = mean {
                means.push((promise, mean));
            }
            let mut row = vec![Cell::Count(total)];
            row.extend(cells.into_iter().map(Cell::Count));
            row.push(Cell::Mean(mean));
            row.push(Cell::Change(
                mean.zip(before.mean())
                    .map(|(a, b)| ((a - b) * 10.0).round() / 10.0),
            ));
            Row {
                label: promise_label(promise),
                cells: row,
            }
        })
        .collect();

    let everyone = Spread::of(ratings, period, None, None);
    let spread = shares(
        &face_labels()
            .into_iter()
            .zip(everyone.counts)
            .collect::<Vec<_>>(),
        everyone.ratings(),
    );

    let cohort_rows: Vec<Row> = rated
        .iter()
        .map(|promise| Row {
            label: promise_label(promise),
            cells: Cohort::ALL
                .iter()
                .flat_map(|cohort| {
                    let spread = Spread::of(ratings, period, Some(promise.id), Some(*cohort));
                    [
                        Cell::Count(Shown::of(spread.ratings())),
                        Cell::Mean(spread.mean()),
                    ]
                })
                .collect(),
        })
        .collect();

    let trend_periods: Vec<Period> = {
        let mut periods = vec![period];
        while periods.len() < TREND_PERIODS {
            let earliest = *periods.last().expect("one period at least");
            periods.push(earliest.previous());
        }
        periods.reverse();
        periods
    };
    let mut trend_columns = vec!["Promise".to_string()];
    trend_columns.extend(trend_periods.iter().map(|p| p.name()));
    let trend_rows: Vec<Row> = rated
        .iter()
        .map(|promise| Row {
            label: promise_label(promise),
            cells: trend_periods
                .iter()
                .map(|p| Cell::Mean(Spread::of(ratings, *p, Some(promise.id), None).mean()))
                .collect(),
        })
        .collect();

    let mut summary = vec![format!(
        "Young people gave {} ratings of the promises.",
        words(Shown::of(everyone.ratings()))
    )];
    let highest = means.iter().max_by(|a, b| a.1.total_cmp(&b.1));
    let lowest = means.iter().min_by(|a, b| a.1.total_cmp(&b.1));
    if let (Some((high, high_mean)), Some((low, low_mean))) = (highest, lowest) {
        summary.push(format!(
            "Highest rated: promise {} ({high_mean:.1} out of 5). Lowest rated: promise {} ({low_mean:.1}).",
            high.position, low.position
        ));
    } else {
        summary.push("Too few ratings to give a mean for any promise.".into());
    }

    let column_refs: Vec<&str> = columns.iter().map(String::as_str).collect();
    let cohort_columns = [
        "Promise",
        "Ratings, children in care",
        "Mean, children in care",
        "Ratings, care leavers",
        "Mean, care leavers",
    ];
    let trend_refs: Vec<&str> = trend_columns.iter().map(String::as_str).collect();
    Section {
        id: "promises".into(),
        heading: "Our promises".into(),
        summary,
        tables: vec![
            charted(
                table(
                    "promise-scores",
                    "Ratings of each promise",
                    &column_refs,
                    score_rows,
                ),
                Chart::Bars {
                    column: column_refs.len() - 3,
                },
            ),
            charted(
                table(
                    "promise-faces",
                    "How all the ratings spread over the faces",
                    &["Face", "Ratings", "Share"],
                    spread,
                ),
                Chart::Bars { column: 0 },
            ),
            table(
                "promise-by-cohort",
                "Ratings by cohort",
                &cohort_columns,
                cohort_rows,
            ),
            charted(
                table(
                    "promise-trend",
                    "Mean rating over the last three years",
                    &trend_refs,
                    trend_rows,
                ),
                Chart::Trend,
            ),
        ],
    }
}

// ---- surveys ---------------------------------------------------------------

fn surveys(inputs: &ReportInputs) -> Section {
    let mut tables = Vec::new();
    let mut summary = Vec::new();
    if inputs.surveys.is_empty() {
        summary.push("No surveys were open in this period.".into());
    }
    for (index, survey) in inputs.surveys.iter().enumerate() {
        let number = index + 1;
        let responses = breakdown(
            &[
                cohort_label(Cohort::ChildInCare).to_string(),
                cohort_label(Cohort::CareLeaver).to_string(),
                "Through an anonymous link".into(),
            ],
            &[vec![
                survey.children_in_care,
                survey.care_leavers,
                survey.anonymous,
            ]],
        );
        summary.push(format!(
            "“{}” (open {} to {}): {} responses.",
            survey.title,
            survey.opens_on.format("%-d %B %Y"),
            survey.closes_on.format("%-d %B %Y"),
            words(total_of(&responses, 0))
        ));
        tables.push(table(
            format!("survey-{number}-responses"),
            format!("{}: responses", survey.title),
            &["Responses", "Number"],
            responses,
        ));
        for (position, question) in survey.questions.iter().enumerate() {
            let groups: Vec<_> = survey
                .answers
                .iter()
                .filter(|(id, _, _)| *id == question.id)
                .map(|(_, answer, n)| (answer, *n))
                .collect();
            let Some(counted) = count_answers(question, &groups, &inputs.promises) else {
                continue;
            };
            tables.push(charted(
                table(
                    format!("survey-{number}-question-{}", question.id),
                    format!("{}: {}. {}", survey.title, position + 1, question.prompt),
                    &["Answer", "Number", "Share"],
                    shares(&counted.lines, counted.answered),
                ),
                Chart::Bars { column: 0 },
            ));
        }
    }
    Section {
        id: "surveys".into(),
        heading: "What you told us".into(),
        summary,
        tables,
    }
}

// ---- forums ----------------------------------------------------------------

fn forums(inputs: &ReportInputs) -> Section {
    let mut summary: Vec<String> = inputs
        .participation
        .forums
        .iter()
        .map(|forum| {
            format!(
                "{}: {} sessions, {} places taken.",
                forum.forum,
                forum.sessions,
                words(Shown::of(forum.attendance))
            )
        })
        .collect();
    if inputs.sessions.is_empty() {
        summary.push("No forum sessions were held in this period.".into());
    }
    let session_label = |s: &super::inputs::SessionCounts| {
        format!(
            "{} · {}: {}",
            s.held_on.format("%-d %B %Y"),
            s.forum,
            s.title
        )
    };
    let mut tables = vec![table(
        "sessions",
        "Sessions held",
        &["Session", "Attendance"],
        inputs
            .sessions
            .iter()
            .map(|s| Row {
                label: session_label(s),
                cells: vec![Cell::Count(Shown::of(s.attendance))],
            })
            .collect(),
    )];
    for (index, session) in inputs.sessions.iter().enumerate() {
        for (position, activity) in session.activities.iter().enumerate() {
            let groups: Vec<_> = activity.answers.iter().map(|(a, n)| (a, *n)).collect();
            let Some(counted) = count_answers(&activity.question, &groups, &inputs.promises) else {
                continue;
            };
            tables.push(charted(
                table(
                    format!("session-{}-activity-{}", index + 1, position + 1),
                    format!("{}: {}", session_label(session), activity.question.prompt),
                    &["Answer", "Number", "Share"],
                    shares(&counted.lines, counted.answered),
                ),
                Chart::Bars { column: 0 },
            ));
        }
    }
    Section {
        id: "forums".into(),
        heading: "Forums".into(),
        summary,
        tables,
    }
}

// ---- Right to Rights -------------------------------------------------------

fn kind_counts(rights: &RightsCounts) -> Vec<u32> {
    ConcernKind::ALL
        .iter()
        .map(|kind| {
            rights
                .by_kind
                .iter()
                .filter(|(k, _)| k == kind)
                .map(|(_, n)| n)
                .sum()
        })
        .collect()
}

fn rights(inputs: &ReportInputs) -> Section {
    let period = inputs.period;
    let kinds = breakdown(
        &labels(&ConcernKind::ALL, |k| report_kind_label(*k).to_string()),
        &[
            kind_counts(&inputs.rights),
            kind_counts(&inputs.rights_before),
        ],
    );
    let outcomes: Vec<Option<Outcome>> = Outcome::ALL
        .iter()
        .copied()
        .map(Some)
        .chain(std::iter::once(None))
        .collect();
    let outcome_counts: Vec<u32> = outcomes
        .iter()
        .map(|outcome| {
            inputs
                .rights
                .by_outcome
                .iter()
                .filter(|(o, _)| o == outcome)
                .map(|(_, n)| n)
                .sum()
        })
        .collect();
    let outcome_rows = breakdown(
        &labels(&outcomes, |o| {
            o.map_or("Not closed yet".to_string(), |o| o.label().to_string())
        }),
        &[outcome_counts],
    );

    // The statutory clock: a stage 1 response within 10 working days.
    let holidays = &inputs.holidays;
    let stage_one = &inputs.rights.stage_one;
    let within = stage_one
        .iter()
        .filter(|(received, answered)| {
            answered.is_some_and(|day| day <= stage_one_due(*received, false, holidays))
        })
        .count() as u32;
    let needing = stage_one.len() as u32;
    let mut days: Vec<i64> = stage_one
        .iter()
        .filter_map(|(received, answered)| {
            answered.map(|day| working_days_between(*received, day, holidays))
        })
        .collect();
    days.sort_unstable();
    let median = (days.len() as u32 >= SMALLEST_SHOWN).then(|| median_of(&days));
    let (clock_cells, needing_shown) = suppress_with_total(&[within, needing - within]);
    let timeliness = vec![
        Row {
            label: "Needed a stage 1 response".into(),
            cells: vec![Cell::Count(needing_shown), Cell::Text(String::new())],
        },
        Row {
            label: "Answered within 10 working days".into(),
            cells: vec![
                Cell::Count(clock_cells[0]),
                Cell::Percent(clock_cells[0].percent_of(needing_shown)),
            ],
        },
        Row {
            label: "Median working days to a stage 1 response".into(),
            cells: vec![
                Cell::Text(median.map_or(String::new(), |m| format!("{m:.1}"))),
                Cell::Text(String::new()),
            ],
        },
    ];

    let received = total_of(&kinds, 0);
    let compliments = row_count(&kinds, report_kind_label(ConcernKind::Compliment), 0);
    let mut summary = vec![format!(
        "Right to Rights received {} items{}, {} of them compliments.",
        words(received),
        change(received, total_of(&kinds, 1)),
        words(compliments)
    )];
    match (clock_cells[0].percent_of(needing_shown), median) {
        (Some(percent), Some(median)) => summary.push(format!(
            "{percent}% had a stage 1 response within 10 working days; the median was {median:.1} working days."
        )),
        _ => summary.push(
            "Too few items needed a response to report the 10-day clock without identifying anyone."
                .into(),
        ),
    }
    let columns = ["Type", &period.name(), &period.previous().name()];
    Section {
        id: "rights".into(),
        heading: "Right to Rights".into(),
        summary,
        tables: vec![
            charted(
                table("rights-by-type", "Items received, by type", &columns, kinds),
                Chart::Bars { column: 0 },
            ),
            table(
                "rights-outcomes",
                "Outcomes of the items received",
                &["Outcome", "Items"],
                outcome_rows,
            ),
            table(
                "rights-timeliness",
                "The 10 working day clock",
                &["Measure", "Number", "Share"],
                timeliness,
            ),
        ],
    }
}

/// Short names for the report's rows.
fn report_kind_label(kind: ConcernKind) -> &'static str {
    match kind {
        ConcernKind::Concern => "Concerns",
        ConcernKind::Help => "Requests for help",
        ConcernKind::Advocate => "Requests for an advocate",
        ConcernKind::Compliment => "Compliments",
    }
}

/// The middle of sorted numbers (the mean of the middle two when even).
fn median_of(sorted: &[i64]) -> f64 {
    let middle = sorted.len() / 2;
    if sorted.len() % 2 == 1 {
        sorted[middle] as f64
    } else {
        (sorted[middle - 1] + sorted[middle]) as f64 / 2.0
    }
}

// ---- quotes and actions ----------------------------------------------------

fn quotes(inputs: &ReportInputs) -> Section {
    let rows: Vec<Row> = inputs
        .quotes
        .iter()
        .map(|q| Row {
            label: q.quote.clone(),
            cells: vec![Cell::Text(q.about.clone())],
        })
        .collect();
    Section {
        id: "quotes".into(),
        heading: "In their words".into(),
        summary: vec![if rows.is_empty() {
            "No quotes have been chosen for this report yet.".into()
        } else {
            format!(
                "{} things young people told us, in their own words.",
                rows.len()
            )
        }],
        tables: vec![table("quotes", "Quotes", &["Quote", "About"], rows)],
    }
}

fn actions(inputs: &ReportInputs) -> Section {
    let position = |id: &i64| {
        inputs
            .promises
            .iter()
            .find(|p| p.id == *id)
            .map(|p| p.position.to_string())
    };
    let rows: Vec<Row> = inputs
        .actions
        .iter()
        .map(|a| Row {
            label: a.you_said.clone(),
            cells: vec![
                Cell::Text(a.we_did.clone()),
                Cell::Text(a.status.label().to_string()),
                Cell::Text(
                    a.promises
                        .iter()
                        .filter_map(position)
                        .collect::<Vec<_>>()
                        .join(", "),
                ),
            ],
        })
        .collect();
    let done = inputs
        .actions
        .iter()
        .filter(|a| a.status == crate::promises::ActionStatus::Done)
        .count();
    Section {
        id: "you-said-we-did".into(),
        heading: "You said, we did".into(),
        summary: vec![format!(
            "{} actions this period, {done} of them done.",
            rows.len()
        )],
        tables: vec![table(
            "you-said-we-did",
            "You said, we did",
            &["You said", "We did", "Status", "Promises"],
            rows,
        )],
    }
}

#[cfg(test)]
mod tests;
