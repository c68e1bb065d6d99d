//! Voice reports over HTTP: a generated council's three years, recounted
//! here in plain Rust (not SQL) and checked against every number the report
//! shows; small groups hidden on the page and in every CSV; snapshots that
//! never change; and the files kept to participation officers.

mod common;

use app::domain::concern::ConcernKind;
use app::domain::period::uk_date;
use app::domain::working_days::BankHolidays;
use app::domain::{Cohort, Period, Shown};
use app::promises::Promise;
use app::reports::build::build;
use app::reports::inputs::{
    ActionLine, ActivityCounts, ChosenQuote, ForumAttendance, Participation, RatingGroup,
    ReachedGroup, ReportInputs, RightsCounts, SessionCounts, SurveyCounts,
};
use app::reports::server_fns::BuiltReport;
use app::reports::{Cell, Report, TREND_PERIODS};
use app::surveys::questions::Answer;
use chrono::{DateTime, Utc};
use common::{spawn, Backend, TestApp};
use server::generate::{generate, insert, DataSet, Scale};
use std::collections::{BTreeMap, BTreeSet};

const OFFICER: &str = "officer@voice.example";

async fn officer(app: &TestApp) -> reqwest::Client {
    app.add_staff(OFFICER, "participation_officer").await;
    app.signed_in(OFFICER).await
}

fn now(app: &TestApp) -> DateTime<Utc> {
    use app::clock::Clock;
    app.clock.now()
}

async fn generated(app: &TestApp, scale: &Scale) -> (DataSet, BankHolidays) {
    let holidays = app::rights::store::bank_holidays(&app.db)
        .await
        .expect("bank holidays");
    let data = generate(7, scale, uk_date(now(app)), &holidays);
    insert(&app.db, &data).await.expect("insert generated data");
    (data, holidays)
}

async fn built(app: &TestApp, client: &reqwest::Client, period: &str) -> Report {
    let answer = app
        .call(client, "build-report", &[("period", period)])
        .await;
    assert_eq!(answer.status, 200, "{}", answer.body);
    serde_json::from_str::<BuiltReport>(&answer.body)
        .expect("a built report")
        .report
}

// ---- the recount: the same questions answered from the generated rows ----

fn in_period(moment: DateTime<Utc>, period: Period) -> bool {
    moment >= period.starts_at() && moment < period.ends_at()
}

fn held_in(day: chrono::NaiveDate, period: Period) -> bool {
    day >= period.first_day() && day <= period.last_day()
}

/// Tallies equal keys: the recount's GROUP BY.
fn tally<K: Ord>(keys: impl Iterator<Item = K>) -> BTreeMap<K, u32> {
    let mut counts = BTreeMap::new();
    for key in keys {
        *counts.entry(key).or_insert(0) += 1;
    }
    counts
}

fn participation(data: &DataSet, period: Period, forums: &[String]) -> Participation {
    let people_in = |before: bool| -> BTreeSet<usize> {
        let when = |moment: DateTime<Utc>| {
            if before {
                moment < period.starts_at()
            } else {
                in_period(moment, period)
            }
        };
        let mut people = BTreeSet::new();
        people.extend(
            data.responses
                .iter()
                .filter(|r| when(r.submitted_at))
                .filter_map(|r| r.person),
        );
        people.extend(
            data.ratings
                .iter()
                .filter(|r| {
                    if before {
                        r.period < period
                    } else {
                        r.period == period
                    }
                })
                .map(|r| r.person),
        );
        for session in &data.sessions {
            let counts = if before {
                session.held_on < period.first_day()
            } else {
                held_in(session.held_on, period)
            };
            if counts {
                people.extend(session.seats.iter().filter_map(|s| s.person));
            }
        }
        people.extend(
            data.concerns
                .iter()
                .filter(|c| when(c.received_at))
                .map(|c| c.person),
        );
        people
    };
    let (now, earlier) = (people_in(false), people_in(true));
    let reached = tally(now.iter().map(|&p| {
        (
            data.people[p].cohort.as_str(),
            data.age_band(p, period).as_str(),
            earlier.contains(&p),
        )
    }))
    .into_iter()
    .map(|((cohort, band, returning), people)| ReachedGroup {
        cohort: Cohort::parse(cohort),
        age_band: app::domain::AgeBand::parse(band),
        returning,
        people,
    })
    .collect();
    let sent: Vec<_> = data
        .responses
        .iter()
        .filter(|r| in_period(r.submitted_at, period))
        .collect();
    Participation {
        reached,
        responses_signed_in: sent.iter().filter(|r| r.person.is_some()).count() as u32,
        responses_anonymous: sent.iter().filter(|r| r.person.is_none()).count() as u32,
        forums: forums
            .iter()
            .enumerate()
            .map(|(index, forum)| {
                let held: Vec<_> = data
                    .sessions
                    .iter()
                    .filter(|s| s.forum_id == index as i64 + 1 && held_in(s.held_on, period))
                    .collect();
                ForumAttendance {
                    forum: forum.clone(),
                    sessions: held.len() as u32,
                    attendance: held.iter().map(|s| s.seats.len() as u32).sum(),
                }
            })
            .collect(),
    }
}

fn counted_answers<'a>(answers: impl Iterator<Item = &'a Answer>) -> Vec<(Answer, u32)> {
    let mut groups: Vec<(Answer, u32)> = Vec::new();
    for answer in answers.filter(|a| !matches!(a, Answer::Text { .. })) {
        match groups.iter_mut().find(|(a, _)| a == answer) {
            Some((_, n)) => *n += 1,
            None => groups.push((answer.clone(), 1)),
        }
    }
    groups
}

fn rights(data: &DataSet, period: Period) -> RightsCounts {
    let received: Vec<_> = data
        .concerns
        .iter()
        .filter(|c| in_period(c.received_at, period))
        .collect();
    RightsCounts {
        by_kind: ConcernKind::ALL
            .iter()
            .map(|kind| {
                (
                    *kind,
                    received.iter().filter(|c| c.kind == *kind).count() as u32,
                )
            })
            .collect(),
        by_outcome: tally(received.iter().map(|c| c.outcome.map(|o| o.as_str())))
            .into_iter()
            .map(|(outcome, n)| (outcome.and_then(app::domain::concern::Outcome::parse), n))
            .collect(),
        stage_one: received
            .iter()
            .filter(|c| c.kind != ConcernKind::Compliment)
            .map(|c| (c.received_on, c.first_response_at.map(uk_date)))
            .collect(),
    }
}

/// Everything the report should be built from, counted from the rows.
fn recount(
    data: &DataSet,
    period: Period,
    built_at: DateTime<Utc>,
    promises: &[Promise],
    forums: &[String],
    holidays: &BankHolidays,
) -> ReportInputs {
    let mut earliest = period;
    for _ in 1..TREND_PERIODS {
        earliest = earliest.previous();
    }
    let ratings = tally(
        data.ratings
            .iter()
            .filter(|r| r.period >= earliest && r.period <= period)
            .map(|r| (r.period, r.promise_id, r.cohort.as_str(), r.score)),
    )
    .into_iter()
    .map(
        |((period, promise_id, cohort, score), ratings)| RatingGroup {
            period,
            promise_id,
            cohort: Cohort::parse(cohort),
            score,
            ratings,
        },
    )
    .collect();

    let mut open: Vec<(usize, &server::generate::GeneratedSurvey)> = data
        .surveys
        .iter()
        .enumerate()
        .filter(|(_, s)| s.opens_on <= period.last_day() && s.closes_on >= period.first_day())
        .collect();
    open.sort_by(|a, b| {
        (a.1.opens_on, &a.1.title, &a.1.id).cmp(&(b.1.opens_on, &b.1.title, &b.1.id))
    });
    let surveys = open
        .into_iter()
        .map(|(index, survey)| {
            let sent: Vec<_> = data
                .responses
                .iter()
                .filter(|r| r.survey == index && in_period(r.submitted_at, period))
                .collect();
            let with =
                |cohort: Option<Cohort>| sent.iter().filter(|r| r.cohort == cohort).count() as u32;
            SurveyCounts {
                title: survey.title.clone(),
                opens_on: survey.opens_on,
                closes_on: survey.closes_on,
                children_in_care: with(Some(Cohort::ChildInCare)),
                care_leavers: with(Some(Cohort::CareLeaver)),
                anonymous: with(None),
                questions: survey.questions.clone(),
                answers: survey
                    .questions
                    .iter()
                    .flat_map(|q| {
                        counted_answers(sent.iter().flat_map(|r| {
                            r.answers
                                .iter()
                                .filter(|(id, _)| *id == q.id)
                                .map(|(_, a)| a)
                        }))
                        .into_iter()
                        .map(|(answer, n)| (q.id, answer, n))
                    })
                    .collect(),
            }
        })
        .collect();

    let mut held: Vec<_> = data
        .sessions
        .iter()
        .filter(|s| held_in(s.held_on, period))
        .collect();
    held.sort_by(|a, b| (a.held_on, a.created_at, &a.id).cmp(&(b.held_on, b.created_at, &b.id)));
    let sessions = held
        .into_iter()
        .map(|s| SessionCounts {
            forum: forums[s.forum_id as usize - 1].clone(),
            title: s.title.clone(),
            held_on: s.held_on,
            attendance: s.seats.len() as u32,
            activities: s
                .activities
                .iter()
                .enumerate()
                .map(|(index, question)| ActivityCounts {
                    question: question.clone(),
                    answers: counted_answers(s.seats.iter().flat_map(|seat| {
                        seat.answers
                            .iter()
                            .filter(|(i, _)| *i == index)
                            .map(|(_, a)| a)
                    })),
                })
                .collect(),
        })
        .collect();

    let mut quotes: Vec<_> = data
        .quotes
        .iter()
        .filter(|q| data.ratings[q.rating].period == period)
        .collect();
    quotes.sort_by(|a, b| (a.approved_at, &a.id).cmp(&(b.approved_at, &b.id)));
    let mut actions: Vec<_> = data.actions.iter().filter(|a| a.period == period).collect();
    actions.sort_by(|a, b| b.published_at.cmp(&a.published_at).then(a.id.cmp(&b.id)));

    ReportInputs {
        period,
        built_at: built_at.timestamp(),
        promises: promises.to_vec(),
        participation: participation(data, period, forums),
        participation_before: participation(data, period.previous(), forums),
        ratings,
        surveys,
        sessions,
        rights: rights(data, period),
        rights_before: rights(data, period.previous()),
        holidays: holidays.clone(),
        quotes: quotes
            .into_iter()
            .map(|q| ChosenQuote {
                quote: q.quote.clone(),
                about: format!("Promise {}", data.ratings[q.rating].promise_id),
            })
            .collect(),
        actions: actions
            .into_iter()
            .map(|a| ActionLine {
                you_said: a.you_said.clone(),
                we_did: a.we_did.clone(),
                status: a.status,
                promises: vec![a.promise_id],
            })
            .collect(),
    }
}

fn cell<'a>(report: &'a Report, table: &str, row: &str, column: usize) -> &'a Cell {
    let table = report
        .table(table)
        .unwrap_or_else(|| panic!("table {table}"));
    &table
        .rows
        .iter()
        .find(|r| r.label == row)
        .unwrap_or_else(|| panic!("row {row} of {}", table.id))
        .cells[column]
}

async fn every_number_matches_a_recount_of_the_generated_rows(backend: Backend) {
    let app = spawn(backend).await;
    let client = officer(&app).await;
    let (data, holidays) = generated(&app, &Scale::council()).await;
    assert_eq!(data.people.len(), 820);
    let promises = app::promises::store::all_promises(&app.db)
        .await
        .expect("promises");
    let forums: Vec<String> = sqlx::query_scalar("SELECT name FROM forums ORDER BY id")
        .fetch_all(&app.db)
        .await
        .expect("forums");

    let last_complete = Period::at(now(&app)).previous();
    for period in [last_complete, last_complete.previous().previous()] {
        let report = built(&app, &client, &period.key()).await;
        let expected = build(&recount(
            &data,
            period,
            now(&app),
            &promises,
            &forums,
            &holidays,
        ));
        assert_eq!(report.sections.len(), expected.sections.len());
        for (got, want) in report.sections.iter().zip(&expected.sections) {
            assert_eq!(got.summary, want.summary, "{} summary", got.id);
            assert_eq!(got.tables.len(), want.tables.len(), "{} tables", got.id);
            for (got, want) in got.tables.iter().zip(&want.tables) {
                assert_eq!(got, want, "table {} for {}", got.id, period.key());
            }
        }
        assert_eq!(
            report,
            Report {
                built_at: report.built_at,
                ..expected
            }
        );

        // And two numbers straight from the rows, with no builder between.
        let reached: BTreeSet<usize> = data
            .ratings
            .iter()
            .filter(|r| r.period == period)
            .map(|r| r.person)
            .collect();
        let total = cell(&report, "reached-by-cohort", "Total", 0);
        assert!(
            matches!(total, Cell::Count(Shown::Count(n)) if *n as usize >= reached.len()),
            "{total:?} reached, at least {} rated",
            reached.len()
        );
        let promise_one = data
            .ratings
            .iter()
            .filter(|r| r.period == period && r.promise_id == 1)
            .count() as u32;
        assert_eq!(
            cell(&report, "promise-scores", "Promise 1", 0),
            &Cell::Count(Shown::Count(promise_one))
        );
    }
}

/// 12 children in care and 3 care leavers who take part in everything.
fn three_care_leavers() -> Scale {
    Scale {
        children_in_care: 12,
        care_leavers: 3,
        active: 1.0,
        rates: 1.0,
        answers_survey: 1.0,
        attends_session: 1.0,
        raises_concern: 0.0,
        anonymous_per_survey: 0,
        anonymous_seats: 0..=0,
        ..Scale::council()
    }
}

async fn a_group_of_three_shows_nowhere_on_the_page_or_in_any_csv(backend: Backend) {
    let app = spawn(backend).await;
    let client = officer(&app).await;
    generated(&app, &three_care_leavers()).await;
    let period = Period::at(now(&app)).previous().key();
    let report = built(&app, &client, &period).await;
    assert_eq!(
        cell(&report, "reached-by-cohort", "Care leavers", 0),
        &Cell::Count(Shown::FewerThanFive)
    );
    // The 12 goes with the 3: 15 less 12 would give the 3 away.
    assert_eq!(
        cell(&report, "reached-by-cohort", "Children in care", 0),
        &Cell::Count(Shown::Withheld)
    );

    let page = client
        .get(format!(
            "{}/officer/reports/report?period={period}",
            app.address
        ))
        .send()
        .await
        .expect("page");
    assert_eq!(page.status(), 200);
    let html = page.text().await.expect("html");
    assert!(html.contains("fewer than 5"));
    assert!(!html.contains(">3<"), "a 3 on the page");
    for table in report.tables() {
        let csv = client
            .get(format!(
                "{}/officer/reports/csv?period={period}&table={}",
                app.address, table.id
            ))
            .send()
            .await
            .expect("csv");
        assert_eq!(csv.status(), 200, "{}", table.id);
        let text = csv.text().await.expect("csv text");
        for field in text.lines().skip(1).flat_map(|line| line.split(',')) {
            assert_ne!(field, "3", "a 3 in {}: {text}", table.id);
        }
    }
}

/// Saves the period's report as a snapshot; returns the snapshot's id.
async fn save_snapshot(app: &TestApp, client: &reqwest::Client, period: Period) -> String {
    let saved = app
        .call(client, "save-report-snapshot", &[("period", &period.key())])
        .await;
    assert_eq!(saved.status, 200, "{}", saved.body);
    saved
        .redirect_after("/officer/reports/snapshots/")
        .expect("the snapshot's address")
}

async fn text_of(client: &reqwest::Client, url: &str) -> String {
    let response = client.get(url).send().await.expect("a response");
    assert_eq!(response.status(), 200, "{url}");
    response.text().await.expect("text")
}

async fn a_snapshot_keeps_its_numbers_and_is_compared_with_the_one_before(backend: Backend) {
    let app = spawn(backend).await;
    let client = officer(&app).await;
    let (data, _) = generated(&app, &Scale::council()).await;
    let period = Period::at(now(&app)).previous();
    let first_id = save_snapshot(&app, &client, period).await;
    let first_csv_url = format!(
        "{}/officer/reports/snapshots/{first_id}/csv?table=promise-scores",
        app.address
    );
    let csv_then = text_of(&client, &first_csv_url).await;

    // A late rating arrives for the period: the built report moves, the snapshot does not.
    let rated: BTreeSet<usize> = data
        .ratings
        .iter()
        .filter(|r| r.period == period)
        .map(|r| r.person)
        .collect();
    let newcomer = (0..)
        .find(|p| !rated.contains(p))
        .expect("someone who did not rate");
    let person = &data.people[newcomer].id;
    sqlx::query(
        "INSERT INTO promise_ratings (id, account_id, promise_id, period, score, cohort, age_band, rated_at, changed_at) \
         VALUES ('late', $1, 9, $2, 1, 'child_in_care', '11-18', 0, 0)",
    )
    .bind(person)
    .bind(period.key())
    .execute(&app.db)
    .await
    .expect("a late rating");
    let rebuilt = built(&app, &client, &period.key()).await;
    let csv_now = text_of(&client, &first_csv_url).await;
    assert_eq!(csv_then, csv_now, "a snapshot never changes");
    assert!(csv_then.starts_with("Promise,Ratings,"));

    app.clock.advance(chrono::Duration::minutes(5));
    let second_id = save_snapshot(&app, &client, period).await;
    let answer = app
        .call(&client, "get-report-snapshot", &[("id", &second_id)])
        .await;
    let snapshot: Option<app::reports::Snapshot> =
        serde_json::from_str(&answer.body).expect("snapshot");
    let snapshot = snapshot.expect("found");
    assert_eq!(snapshot.report.sections, rebuilt.sections);
    let (before, old) = snapshot.previous.expect("the one before");
    assert_eq!(before.id, first_id);
    let changes = app::reports::compare::differences(&old, &snapshot.report);
    assert!(
        changes.iter().any(|c| c.row.starts_with("Promise 9")),
        "the late rating shows as a change: {changes:?}"
    );
    let overview = app.call(&client, "reports-overview", &[]).await;
    let overview: app::reports::server_fns::ReportsIndex =
        serde_json::from_str(&overview.body).expect("overview");
    assert_eq!(overview.snapshots.len(), 2);
    assert_eq!(overview.snapshots[0].id, second_id);
    assert_eq!(overview.default_period, period);

    // The page shows the comparison; concern content is nowhere in it.
    let page = text_of(
        &client,
        &format!("{}/officer/reports/snapshots/{second_id}", app.address),
    )
    .await;
    assert!(page.contains("Compared with the previous snapshot"));
    assert!(!page.contains(&data.concerns[0].details));
}

async fn only_the_quotes_an_officer_chooses_are_in_the_report(backend: Backend) {
    let app = spawn(backend).await;
    let client = officer(&app).await;
    let (data, _) = generated(&app, &Scale::council()).await;
    let period = Period::at(now(&app)).previous();
    let approved: Vec<&server::generate::Quote> = data
        .quotes
        .iter()
        .filter(|q| data.ratings[q.rating].period == period)
        .collect();
    assert!(
        approved.len() >= 2,
        "the generator approves quotes each period"
    );
    let quotes_in = |report: &Report| -> Vec<String> {
        report
            .table("quotes")
            .expect("a quotes table")
            .rows
            .iter()
            .map(|r| r.label.clone())
            .collect()
    };
    let answer = app
        .call(
            &client,
            "choose-report-quotes",
            &[
                ("period", &period.key()),
                ("quote_ids[]", &approved[1].id),
                // A quote from another period is not taken.
                ("quote_ids[]", &data.quotes[0].id),
            ],
        )
        .await;
    assert!(answer.redirect().is_some(), "{}", answer.body);
    let answer = app
        .call(&client, "build-report", &[("period", &period.key())])
        .await;
    let with_choices: BuiltReport = serde_json::from_str(&answer.body).expect("built");
    assert_eq!(
        quotes_in(&with_choices.report),
        vec![approved[1].quote.clone()]
    );
    let chosen: Vec<bool> = with_choices
        .quote_choices
        .iter()
        .map(|(_, _, c)| *c)
        .collect();
    assert_eq!(chosen.iter().filter(|c| **c).count(), 1);
    app.call(
        &client,
        "choose-report-quotes",
        &[("period", &period.key())],
    )
    .await;
    assert!(quotes_in(&built(&app, &client, &period.key()).await).is_empty());
}

async fn report_files_are_for_participation_officers_only(backend: Backend) {
    let app = spawn(backend).await;
    app.add_young_person("sam.young").await;
    app.add_staff("advocate@voice.example", "advocate").await;
    let young = app.signed_in("sam.young").await;
    let advocate = app.signed_in("advocate@voice.example").await;
    let url = format!(
        "{}/officer/reports/csv?period=2026-04&table=reached-by-cohort",
        app.address
    );
    let snapshot_url = format!(
        "{}/officer/reports/snapshots/x/csv?table=quotes",
        app.address
    );
    for (client, status) in [(common::client(), 401), (young, 403), (advocate, 403)] {
        for url in [&url, &snapshot_url] {
            let response = client.get(url).send().await.expect("csv");
            assert_eq!(response.status().as_u16(), status, "{url}");
        }
    }
    let officer = officer(&app).await;
    let response = officer.get(&url).send().await.expect("csv");
    assert_eq!(response.status().as_u16(), 200);
    let missing = officer
        .get(format!(
            "{}/officer/reports/csv?period=2026-04&table=nothing",
            app.address
        ))
        .send()
        .await
        .expect("csv");
    assert_eq!(missing.status().as_u16(), 404);
    // A bad period is refused beside the field, not by breaking.
    let bad = app
        .call(&officer, "save-report-snapshot", &[("period", "2026-05")])
        .await;
    assert_eq!(bad.status, 200);
    assert!(
        bad.body.contains("Choose a reporting period"),
        "{}",
        bad.body
    );
}

on_both_databases!(
    every_number_matches_a_recount_of_the_generated_rows,
    a_group_of_three_shows_nowhere_on_the_page_or_in_any_csv,
    a_snapshot_keeps_its_numbers_and_is_compared_with_the_one_before,
    report_files_are_for_participation_officers_only,
    only_the_quotes_an_officer_chooses_are_in_the_report,
);
