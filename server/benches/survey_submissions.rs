//! Survey submissions per second, and their latency, with 300 phones
//! answering at once through an anonymous link, on SQLite and PostgreSQL.
//!
//! Baseline, in the same run and on the same database: a bare axum handler
//! that does one insert per request, called by the same 300 clients the
//! same number of times. Run with `bench/surveys.sh` (or
//! `cargo bench -p server --bench survey_submissions`).

#[path = "../tests/common/mod.rs"]
mod common;

use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::post;
use common::surveys::{anonymous_link, officer, open_survey, submission_key};
use common::{redirect_path, spawn, Backend, TestApp};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Phones answering at the same time.
const PHONES: usize = 300;
/// Surveys each phone sends, one after another.
const ROUNDS: usize = 3;
/// Calls one submission takes: start, three answers (the second is skipped
/// by the first answer "no", so two), the check page, the send.
const CALLS_PER_SUBMISSION: usize = 5;

#[derive(Default)]
struct Timings {
    /// Every call's latency.
    calls: Vec<Duration>,
    /// The final send's latency only.
    sends: Vec<Duration>,
    failures: usize,
}

impl Timings {
    fn merge(&mut self, other: Timings) {
        self.calls.extend(other.calls);
        self.sends.extend(other.sends);
        self.failures += other.failures;
    }
}

fn percentile(samples: &mut [Duration], fraction: f64) -> Duration {
    if samples.is_empty() {
        return Duration::ZERO;
    }
    samples.sort();
    let index = ((samples.len() as f64 * fraction).ceil() as usize).clamp(1, samples.len()) - 1;
    samples[index]
}

fn ms(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1000.0
}

/// One phone sends `ROUNDS` anonymous responses, one after another.
async fn phone(app: Arc<TestApp>, link: String) -> Timings {
    let mut timings = Timings::default();
    for _ in 0..ROUNDS {
        let client = common::client();
        let timed = |endpoint: &'static str, form: Vec<(&'static str, String)>| {
            let (app, client) = (&app, &client);
            async move {
                let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
                let started = Instant::now();
                let answer = app.call(client, endpoint, &form).await;
                (answer, started.elapsed())
            }
        };
        let (started, took) = timed("start-anonymous", vec![("link", link.clone())]).await;
        timings.calls.push(took);
        let Some(path) = redirect_path(&started.body, "/s/") else {
            timings.failures += 1;
            continue;
        };
        let response = path.split('/').nth(3).unwrap_or_default().to_string();
        let place = vec![
            ("survey_id", String::new()),
            ("link", link.clone()),
            ("response", response.clone()),
        ];
        for (question, value) in [("1", "no"), ("3", "4")] {
            let mut form = place.clone();
            form.extend([
                ("question_id", question.to_string()),
                ("answer", value.to_string()),
            ]);
            let (answer, took) = timed("answer-question", form).await;
            timings.calls.push(took);
            if !answer.body.contains("Redirect") {
                timings.failures += 1;
            }
        }
        let borrowed: Vec<(&str, &str)> = place.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let started = Instant::now();
        let key = submission_key(&app, &client, &borrowed).await;
        timings.calls.push(started.elapsed());
        let mut send = place.clone();
        send.push(("submission_key", key));
        let (sent, took) = timed("send-survey", send).await;
        timings.calls.push(took);
        timings.sends.push(took);
        if !sent.body.contains("/done") {
            timings.failures += 1;
        }
    }
    timings
}

async fn one_insert(State(db): State<app::db::Db>) -> StatusCode {
    let id = app::db::new_id();
    match sqlx::query("INSERT INTO bench_inserts (id, body) VALUES ($1, $2)")
        .bind(&id)
        .bind("yes")
        .execute(&db)
        .await
    {
        Ok(_) => StatusCode::NO_CONTENT,
        Err(_) => StatusCode::INTERNAL_SERVER_ERROR,
    }
}

/// The baseline: the same clients, as many calls, each one insert.
async fn baseline(app: &TestApp) -> (Duration, Timings) {
    sqlx::query("CREATE TABLE bench_inserts (id TEXT PRIMARY KEY, body TEXT NOT NULL)")
        .execute(&app.db)
        .await
        .expect("baseline table");
    let router = axum::Router::new()
        .route("/insert", post(one_insert))
        .with_state(app.db.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let address = format!("http://{}/insert", listener.local_addr().expect("address"));
    tokio::spawn(async move { axum::serve(listener, router).await });
    let began = Instant::now();
    let clients: Vec<_> = (0..PHONES)
        .map(|_| {
            let address = address.clone();
            tokio::spawn(async move {
                let client = common::client();
                let mut timings = Timings::default();
                for _ in 0..ROUNDS * CALLS_PER_SUBMISSION {
                    let started = Instant::now();
                    let ok = client
                        .post(&address)
                        .send()
                        .await
                        .is_ok_and(|r| r.status() == StatusCode::NO_CONTENT);
                    timings.calls.push(started.elapsed());
                    if !ok {
                        timings.failures += 1;
                    }
                }
                timings
            })
        })
        .collect();
    let mut all = Timings::default();
    for client in clients {
        all.merge(client.await.expect("baseline client"));
    }
    (began.elapsed(), all)
}

async fn surveys(app: Arc<TestApp>) -> (Duration, Timings) {
    let officer = officer(&app).await;
    let survey = open_survey(&app, &officer).await;
    let link = anonymous_link(&app, &officer, &survey, "").await;
    let began = Instant::now();
    let phones: Vec<_> = (0..PHONES)
        .map(|_| tokio::spawn(phone(app.clone(), link.clone())))
        .collect();
    let mut all = Timings::default();
    for phone in phones {
        all.merge(phone.await.expect("phone"));
    }
    (began.elapsed(), all)
}

async fn run(backend: Backend) {
    let app = Arc::new(spawn(backend).await);
    let (baseline_time, mut baseline) = baseline(&app).await;
    let (survey_time, mut survey) = surveys(app.clone()).await;
    let sent: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM survey_responses WHERE submitted_at IS NOT NULL")
            .fetch_one(&app.db)
            .await
            .expect("count");

    let baseline_per_second = baseline.calls.len() as f64 / baseline_time.as_secs_f64();
    let calls_per_second = survey.calls.len() as f64 / survey_time.as_secs_f64();
    let sends_per_second = sent as f64 / survey_time.as_secs_f64();
    let baseline_p99 = percentile(&mut baseline.calls, 0.99);
    let call_p99 = percentile(&mut survey.calls, 0.99);
    let send_p99 = percentile(&mut survey.sends, 0.99);
    println!("\n{backend:?}, {PHONES} phones at once, {ROUNDS} surveys each");
    println!(
        "  baseline (one insert per call): {} calls in {:.2} s = {baseline_per_second:.0}/s, p50 {:.1} ms, p99 {:.1} ms, {} failed",
        baseline.calls.len(),
        baseline_time.as_secs_f64(),
        ms(percentile(&mut baseline.calls, 0.5)),
        ms(baseline_p99),
        baseline.failures,
    );
    println!(
        "  surveys: {sent} sent in {:.2} s = {sends_per_second:.1} submissions/s ({} calls = {calls_per_second:.0}/s, {:.3} of the baseline's rate), {} failed",
        survey_time.as_secs_f64(),
        survey.calls.len(),
        calls_per_second / baseline_per_second,
        survey.failures,
    );
    println!(
        "  survey call p50 {:.1} ms, p99 {:.1} ms ({:.1}x the baseline's p99); send p99 {:.1} ms",
        ms(percentile(&mut survey.calls, 0.5)),
        ms(call_p99),
        ms(call_p99) / ms(baseline_p99).max(0.001),
        ms(send_p99),
    );
}

fn main() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("runtime");
    for backend in [Backend::Sqlite, Backend::Postgres] {
        runtime.block_on(run(backend));
    }
}
