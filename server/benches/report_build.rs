//! How long a voice report takes to build over a million survey answers
//! and about 200,000 promise ratings, on SQLite and on PostgreSQL, beside
//! the same aggregates written by hand as plain SQL and run in the same
//! run (the baseline: the database's share of the work, with nothing of
//! Voice's around it: no decoding of answers, no per-survey questions, no
//! suppression or tables). Run by bench/reports.sh; not a test.

#[path = "../tests/common/mod.rs"]
mod common;

use app::db::Db;
use app::domain::{Day, Period};
use app::reports::{build::build, queries::report_inputs};
use chrono::{NaiveDate, TimeZone, Utc};
use common::{spawn, Backend};
use server::generate::{generate, insert, Scale};
use std::time::{Duration, Instant};

/// Each report (and each baseline) is timed this many times; the median counts.
const RUNS: usize = 5;

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

fn ms(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1000.0
}

/// The report's aggregates as hand-written SQL, fetched and left as rows.
async fn hand_written(db: &Db, period: Period) -> usize {
    let (from, to) = (period.starts_at().timestamp(), period.ends_at().timestamp());
    let (first, last) = (
        Day(period.first_day()).as_stored(),
        Day(period.last_day()).as_stored(),
    );
    let mut earliest = period;
    for _ in 1..app::reports::TREND_PERIODS {
        earliest = earliest.previous();
    }
    let mut rows = 0;
    for previous in [false, true] {
        let p = if previous { period.previous() } else { period };
        let (f, t) = (p.starts_at().timestamp(), p.ends_at().timestamp());
        let (d1, d2) = (
            Day(p.first_day()).as_stored(),
            Day(p.last_day()).as_stored(),
        );
        // Young people reached: each once, with whether they came before.
        let reached: Vec<(Option<String>, Option<String>, i64, i64)> = sqlx::query_as(
            "SELECT cohort, age_band, seen_before, COUNT(*) FROM ( \
               SELECT u.account_id, MAX(u.cohort) AS cohort, MAX(u.age_band) AS age_band, \
                 CASE WHEN EXISTS (SELECT 1 FROM survey_responses x WHERE x.account_id = u.account_id AND x.submitted_at < $1) \
                   OR EXISTS (SELECT 1 FROM promise_ratings x WHERE x.account_id = u.account_id AND x.period < $3) \
                   OR EXISTS (SELECT 1 FROM live_seats x JOIN live_sessions s ON s.id = x.session_id \
                              WHERE x.account_id = u.account_id AND s.held_on < $4 AND s.status <> 'draft') \
                   OR EXISTS (SELECT 1 FROM concerns x WHERE x.account_id = u.account_id AND x.received_at < $1) \
                   THEN 1 ELSE 0 END AS seen_before \
               FROM (SELECT account_id, cohort, age_band FROM survey_responses \
                       WHERE account_id IS NOT NULL AND submitted_at >= $1 AND submitted_at < $2 \
                     UNION ALL SELECT account_id, cohort, age_band FROM promise_ratings WHERE period = $3 \
                     UNION ALL SELECT x.account_id, x.cohort, x.age_band FROM live_seats x \
                       JOIN live_sessions s ON s.id = x.session_id \
                       WHERE x.account_id IS NOT NULL AND s.held_on >= $4 AND s.held_on <= $5 AND s.status <> 'draft' \
                     UNION ALL SELECT account_id, cohort, age_band FROM concerns \
                       WHERE received_at >= $1 AND received_at < $2) u \
               GROUP BY u.account_id) people GROUP BY cohort, age_band, seen_before",
        )
        .bind(f)
        .bind(t)
        .bind(p.key())
        .bind(&d1)
        .bind(&d2)
        .fetch_all(db)
        .await
        .expect("reached");
        rows += reached.len();
        let responses: Vec<(String, Option<String>, i64, i64)> = sqlx::query_as(
            "SELECT survey_id, cohort, CASE WHEN account_id IS NULL THEN 1 ELSE 0 END, COUNT(*) \
             FROM survey_responses WHERE submitted_at >= $1 AND submitted_at < $2 GROUP BY 1, 2, 3",
        )
        .bind(f)
        .bind(t)
        .fetch_all(db)
        .await
        .expect("responses");
        rows += responses.len();
        let forums: Vec<(String, i64, i64)> = sqlx::query_as(
            "SELECT f.name, COUNT(DISTINCT s.id), COUNT(x.id) FROM forums f \
             LEFT JOIN live_sessions s ON s.forum_id = f.id AND s.held_on >= $1 AND s.held_on <= $2 \
               AND s.status <> 'draft' \
             LEFT JOIN live_seats x ON x.session_id = s.id GROUP BY f.id, f.name",
        )
        .bind(&d1)
        .bind(&d2)
        .fetch_all(db)
        .await
        .expect("forums");
        rows += forums.len();
        let kinds: Vec<(String, Option<String>, i64)> = sqlx::query_as(
            "SELECT kind, outcome, COUNT(*) FROM concerns WHERE received_at >= $1 AND received_at < $2 \
             GROUP BY kind, outcome",
        )
        .bind(f)
        .bind(t)
        .fetch_all(db)
        .await
        .expect("concerns");
        rows += kinds.len();
    }
    // (period, promise, cohort, score, ratings)
    type RatingRow = (String, i64, Option<String>, Option<i64>, i64);
    let ratings: Vec<RatingRow> = sqlx::query_as(
        "SELECT period, promise_id, cohort, score, COUNT(*) FROM promise_ratings \
         WHERE period >= $1 AND period <= $2 GROUP BY period, promise_id, cohort, score",
    )
    .bind(earliest.key())
    .bind(period.key())
    .fetch_all(db)
    .await
    .expect("ratings");
    let answers: Vec<(String, i64, String, i64)> = sqlx::query_as(
        "SELECT r.survey_id, a.question_id, a.answer, COUNT(*) FROM survey_answers a \
         JOIN survey_responses r ON r.id = a.response_id \
         WHERE r.submitted_at >= $1 AND r.submitted_at < $2 AND a.answer NOT LIKE '{\"answer\":\"text\"%' \
         GROUP BY r.survey_id, a.question_id, a.answer",
    )
    .bind(from)
    .bind(to)
    .fetch_all(db)
    .await
    .expect("answers");
    let live: Vec<(i64, String, i64)> = sqlx::query_as(
        "SELECT a.activity_id, a.answer, COUNT(*) FROM live_answers a \
         JOIN live_activities v ON v.id = a.activity_id JOIN live_sessions s ON s.id = v.session_id \
         WHERE s.held_on >= $1 AND s.held_on <= $2 AND a.answer NOT LIKE '{\"answer\":\"text\"%' \
         GROUP BY a.activity_id, a.answer",
    )
    .bind(&first)
    .bind(&last)
    .fetch_all(db)
    .await
    .expect("live answers");
    let clock: Vec<(Option<String>, Option<i64>)> = sqlx::query_as(
        "SELECT received_on, first_response_at FROM concerns \
         WHERE received_at >= $1 AND received_at < $2 AND kind <> 'compliment'",
    )
    .bind(from)
    .bind(to)
    .fetch_all(db)
    .await
    .expect("clock");
    rows + ratings.len() + answers.len() + live.len() + clock.len()
}

async fn count(db: &Db, sql: &str) -> i64 {
    sqlx::query_scalar(sql).fetch_one(db).await.expect("count")
}

async fn bench(backend: Backend) {
    let app = spawn(backend).await;
    let db = &app.db;
    let today = NaiveDate::from_ymd_opt(2026, 11, 24).expect("a day");
    let now = Utc.with_ymd_and_hms(2026, 11, 24, 12, 0, 0).unwrap();
    let holidays = app::rights::store::bank_holidays(db)
        .await
        .expect("holidays");
    let started = Instant::now();
    let data = generate(7, &Scale::bench(), today, &holidays);
    insert(db, &data).await.expect("insert");
    // Fresh planner statistics, as a database in use would have.
    sqlx::query("ANALYZE").execute(db).await.expect("analyse");
    println!(
        "{backend:?}: made and inserted in {:.1} s: {} survey answers, {} promise ratings, {} responses, \
         {} live answers, {} Right to Rights items",
        started.elapsed().as_secs_f64(),
        count(db, "SELECT COUNT(*) FROM survey_answers").await,
        count(db, "SELECT COUNT(*) FROM promise_ratings").await,
        count(db, "SELECT COUNT(*) FROM survey_responses").await,
        count(db, "SELECT COUNT(*) FROM live_answers").await,
        count(db, "SELECT COUNT(*) FROM concerns").await,
    );
    println!(
        "{:<26} {:>10} {:>12} {:>12} {:>8}",
        "period", "answers", "report ms", "SQL ms", "ratio"
    );
    let (mut report_total, mut sql_total) = (Duration::ZERO, Duration::ZERO);
    for period in &data.periods {
        let answers: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM survey_answers a JOIN survey_responses r ON r.id = a.response_id \
             WHERE r.submitted_at >= $1 AND r.submitted_at < $2",
        )
        .bind(period.starts_at().timestamp())
        .bind(period.ends_at().timestamp())
        .fetch_one(db)
        .await
        .expect("answers in the period");
        let mut report_runs = Vec::new();
        let mut sql_runs = Vec::new();
        for _ in 0..RUNS {
            let start = Instant::now();
            let report = build(
                &report_inputs(db, *period, now)
                    .await
                    .expect("report counts"),
            );
            report_runs.push(start.elapsed());
            std::hint::black_box(report);
            let start = Instant::now();
            std::hint::black_box(hand_written(db, *period).await);
            sql_runs.push(start.elapsed());
        }
        let (report, sql) = (median(report_runs), median(sql_runs));
        report_total += report;
        sql_total += sql;
        println!(
            "{:<26} {:>10} {:>12.1} {:>12.1} {:>8.2}",
            period.name(),
            answers,
            ms(report),
            ms(sql),
            report.as_secs_f64() / sql.as_secs_f64()
        );
    }
    println!(
        "{:<26} {:>10} {:>12.1} {:>12.1} {:>8.2}\n",
        "all six reports",
        "",
        ms(report_total),
        ms(sql_total),
        report_total.as_secs_f64() / sql_total.as_secs_f64()
    );
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    println!(
        "Report build over Scale::bench() (seed 7), median of {RUNS} runs per period; \
         ratio = report / hand-written SQL of the same aggregates.\n"
    );
    bench(Backend::Sqlite).await;
    bench(Backend::Postgres).await;
}
