//! A live session with 500 phones connected to it: the time from a phone's
//! answer to the projector's update (p50 and p95), answers accepted per
//! second when every phone answers at once, and the server's memory idle,
//! with the phones connected and after the load, on SQLite.
//!
//! Baseline, in the same run and by the same procedure: a bare axum server
//! with one table, an event stream fed by a broadcast channel (one event on
//! connecting and one per answer), an answer that is one insert and then a
//! broadcast, and a "view" that is one count. Each server runs in a process
//! of its own (this program, started again with `--serve-voice` or
//! `--serve-baseline`), so its memory is its own. Run with `bench/live.sh`
//! (or `cargo bench -p server --bench live_session` with `ulimit -n` of at
//! least 2500: the phones hold two sockets each, in both processes).

#[path = "../tests/common/mod.rs"]
mod common;

use app::accounts::NewAccount;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::routing::{get, post};
use axum::Form;
use common::redirect_path;
use common::{spawn, Backend};
use futures_util::stream::{self, Stream};
use reqwest::header::CONTENT_TYPE;
use std::convert::Infallible;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::sync::broadcast::error::RecvError;
use tokio::sync::{broadcast, watch, Notify, Semaphore};
use tokio::task::JoinHandle;

/// Phones connected to the session.
const PHONES: usize = 500;
/// Answers sent one at a time, each from a different phone, to time the
/// projector's update.
const PROBES: usize = 200;
/// Answers each phone sends, one after another, when all answer at once.
const ROUNDS: usize = 4;
/// Phones joining at the same moment while they connect (a room fills in a
/// minute or so, not in one instant).
const JOINING_AT_ONCE: usize = 50;
/// How long an answer may take to reach the projector before it counts as lost.
const PATIENCE: Duration = Duration::from_secs(30);
const CHOICES: [&str; 2] = ["Bowling", "Cinema"];
const FACILITATOR: &str = "fran@voice.example";

#[derive(Clone, Copy, Debug, PartialEq)]
enum Kind {
    Baseline,
    Voice,
}

impl Kind {
    fn flag(self) -> &'static str {
        match self {
            Kind::Baseline => "--serve-baseline",
            Kind::Voice => "--serve-voice",
        }
    }
}

// ---------------------------------------------------------------------------
// The servers, each in a process of its own.

/// Writes the port where the bench can read it: whole, or not at all.
fn write_port(port_file: &Path, port: u16) {
    let partial = port_file.with_extension("partial");
    std::fs::write(&partial, port.to_string()).expect("write the port");
    std::fs::rename(&partial, port_file).expect("publish the port");
}

/// The bench closes a server's stdin to stop it (or its stdin closes when
/// the bench ends, however it ends).
async fn until_stdin_closes() {
    let _ =
        tokio::task::spawn_blocking(|| std::io::copy(&mut std::io::stdin(), &mut std::io::sink()))
            .await;
}

/// Voice exactly as the tests run it, with a facilitator to sign in as.
async fn serve_voice(port_file: &Path) {
    let app = spawn(Backend::Sqlite).await;
    let account =
        NewAccount::parse_staff("Fran", FACILITATOR, Some("facilitator")).expect("valid staff");
    server::demo::create_active(&app.db, &account, common::PASSWORD)
        .await
        .expect("create the facilitator");
    let port = app
        .address
        .rsplit(':')
        .next()
        .and_then(|port| port.parse().ok())
        .expect("a port");
    write_port(port_file, port);
    until_stdin_closes().await;
    // Dropping the app removes its database.
    drop(app);
}

#[derive(Clone)]
struct Baseline {
    db: app::db::Db,
    changes: broadcast::Sender<()>,
    /// What phones hear: a new screen (never, in this bench), as in Voice.
    screen_changes: broadcast::Sender<()>,
}

/// The same stream as Voice's `/live/{id}/events`, from one channel.
async fn baseline_events(
    State(baseline): State<Baseline>,
) -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
    event_stream(baseline.changes.subscribe())
}

/// The same stream as Voice's `/live/{id}/phone-events`.
async fn baseline_phone_events(
    State(baseline): State<Baseline>,
) -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
    event_stream(baseline.screen_changes.subscribe())
}

fn event_stream(
    changes: broadcast::Receiver<()>,
) -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
    let events = stream::unfold((changes, true), |(mut changes, first)| async move {
        if !first {
            match changes.recv().await {
                Ok(()) | Err(RecvError::Lagged(_)) => {}
                Err(RecvError::Closed) => return None,
            }
        }
        Some((Ok(Event::default().data("changed")), (changes, false)))
    });
    Sse::new(events).keep_alive(KeepAlive::default())
}

#[derive(serde::Deserialize)]
struct BaselineAnswer {
    seat: String,
    answer: String,
}

async fn baseline_answer(
    State(baseline): State<Baseline>,
    Form(form): Form<BaselineAnswer>,
) -> StatusCode {
    match sqlx::query("INSERT INTO answers (seat, answer) VALUES ($1, $2)")
        .bind(form.seat)
        .bind(form.answer)
        .execute(&baseline.db)
        .await
    {
        Ok(_) => {
            // Nobody listening is not a failure.
            let _ = baseline.changes.send(());
            StatusCode::OK
        }
        Err(_) => StatusCode::INTERNAL_SERVER_ERROR,
    }
}

async fn baseline_count(State(baseline): State<Baseline>) -> Result<String, StatusCode> {
    sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM answers")
        .fetch_one(&baseline.db)
        .await
        .map(|count| count.to_string())
        .map_err(|_| StatusCode::INTERNAL_SERVER_ERROR)
}

async fn serve_baseline(port_file: &Path) {
    let dir = tempfile::tempdir().expect("temp dir");
    let url = format!("sqlite://{}/baseline.db", dir.path().display());
    let db = app::db::connect(&url).await.expect("sqlite database");
    sqlx::query("CREATE TABLE answers (id INTEGER PRIMARY KEY, seat TEXT, answer TEXT)")
        .execute(&db)
        .await
        .expect("baseline table");
    let baseline = Baseline {
        db,
        // As many waiting changes as Voice keeps per session.
        changes: broadcast::channel(4).0,
        screen_changes: broadcast::channel(4).0,
    };
    let router = axum::Router::new()
        .route("/events", get(baseline_events))
        .route("/phone-events", get(baseline_phone_events))
        .route("/answer", post(baseline_answer))
        .route("/count", get(baseline_count))
        .with_state(baseline);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let port = listener.local_addr().expect("address").port();
    tokio::spawn(async move { axum::serve(listener, router).await });
    write_port(port_file, port);
    until_stdin_closes().await;
    drop(dir);
}

fn serve(kind: Kind, port_file: &Path) {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("runtime");
    match kind {
        Kind::Voice => runtime.block_on(serve_voice(port_file)),
        Kind::Baseline => runtime.block_on(serve_baseline(port_file)),
    }
}

/// A server process, stopped when this is dropped (however the bench ends).
struct Server {
    process: Child,
    address: String,
    _dir: tempfile::TempDir,
}

impl Server {
    async fn start(kind: Kind) -> Server {
        let dir = tempfile::tempdir().expect("temp dir");
        let port_file = dir.path().join("port");
        let process = Command::new(std::env::current_exe().expect("this program"))
            .arg(kind.flag())
            .arg(&port_file)
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .spawn()
            .expect("start the server");
        let mut server = Server {
            process,
            address: String::new(),
            _dir: dir,
        };
        // Migrations, and for Voice hashing the facilitator's password, come first.
        let deadline = Instant::now() + Duration::from_secs(120);
        loop {
            let port = std::fs::read_to_string(&port_file)
                .ok()
                .and_then(|port| port.trim().parse::<u16>().ok());
            if let Some(port) = port {
                server.address = format!("http://127.0.0.1:{port}");
                return server;
            }
            if let Ok(Some(status)) = server.process.try_wait() {
                panic!("the {kind:?} server stopped before it was ready: {status}");
            }
            assert!(
                Instant::now() < deadline,
                "the {kind:?} server was not ready in 2 minutes"
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// The server's resident memory, in MiB.
    fn memory(&self) -> f64 {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.process.id()))
            .expect("/proc/<pid>/status");
        let kib: f64 = status
            .lines()
            .find_map(|line| line.strip_prefix("VmRSS:"))
            .and_then(|rest| rest.trim().trim_end_matches("kB").trim().parse().ok())
            .expect("VmRSS");
        kib / 1024.0
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        // Closing its stdin asks it to stop and remove its database; a
        // server that has not stopped within 5 seconds is killed.
        drop(self.process.stdin.take());
        let deadline = Instant::now() + Duration::from_secs(5);
        while Instant::now() < deadline {
            match self.process.try_wait() {
                Ok(Some(_)) => return,
                Ok(None) => std::thread::sleep(Duration::from_millis(20)),
                Err(_) => break,
            }
        }
        let _ = self.process.kill();
        let _ = self.process.wait();
    }
}

// ---------------------------------------------------------------------------
// The bench's side: phones and a projector, over HTTP.

/// Posts a form; a request that failed answers status 0 and the error.
async fn send_form(client: &reqwest::Client, url: &str, form: &[(&str, &str)]) -> (u16, String) {
    let body: String = form_urlencoded::Serializer::new(String::new())
        .extend_pairs(form)
        .finish();
    let sent = client
        .post(url)
        .header(CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(body)
        .send()
        .await;
    match sent {
        Ok(response) => {
            let status = response.status().as_u16();
            match response.text().await {
                Ok(body) => (status, body),
                Err(error) => (0, error.to_string()),
            }
        }
        Err(error) => (0, error.to_string()),
    }
}

/// Calls a server function as the Leptos client does; answers the body.
async fn call(
    client: &reqwest::Client,
    address: &str,
    endpoint: &str,
    form: &[(&str, &str)],
) -> String {
    send_form(client, &format!("{address}/api/{endpoint}"), form)
        .await
        .1
}

/// A session made as the facilitator makes it: a poll, opened and showing.
struct Session {
    id: String,
    code: String,
    activity: String,
    facilitator: reqwest::Client,
}

/// What the bench talks to: Voice's session, or the baseline's routes.
struct Target {
    address: String,
    session: Option<Session>,
}

impl Target {
    async fn voice(address: String) -> Target {
        let facilitator = common::client();
        let signed_in = call(
            &facilitator,
            &address,
            "sign-in",
            &[("login", FACILITATOR), ("password", common::PASSWORD)],
        )
        .await;
        assert!(signed_in.contains("Redirect"), "sign in: {signed_in}");
        let created = call(
            &facilitator,
            &address,
            "create-session",
            &[
                ("forum_id", "1"),
                ("title", "December LACC"),
                ("held_on", "2026-12-03"),
                ("min_answers", "5"),
            ],
        )
        .await;
        let id = redirect_path(&created, "/facilitator/sessions/")
            .unwrap_or_else(|| panic!("create session: {created}"))
            .trim_start_matches("/facilitator/sessions/")
            .to_string();
        let added = call(
            &facilitator,
            &address,
            "add-activity",
            &[
                ("session_id", &id),
                ("kind", "single_choice"),
                ("prompt", "Where shall we go?"),
                ("options", "Bowling\nCinema"),
            ],
        )
        .await;
        assert!(added.contains("Redirect"), "add activity: {added}");
        let opened = call(
            &facilitator,
            &address,
            "open-session",
            &[("session_id", &id)],
        )
        .await;
        assert!(opened.contains("Redirect"), "open session: {opened}");
        let run = call(
            &facilitator,
            &address,
            "run-session",
            &[("session_id", &id)],
        )
        .await;
        let run: serde_json::Value = serde_json::from_str(&run).expect("run-session JSON");
        let code = run["session"]["join_code"]
            .as_str()
            .expect("a join code")
            .to_string();
        let activity = run["activities"][0]["id"]
            .as_i64()
            .expect("the poll's id")
            .to_string();
        let shown = call(
            &facilitator,
            &address,
            "show-activity",
            &[("session_id", &id), ("activity_id", &activity)],
        )
        .await;
        assert!(shown.contains("Redirect"), "show activity: {shown}");
        Target {
            address,
            session: Some(Session {
                id,
                code,
                activity,
                facilitator,
            }),
        }
    }

    /// The projector's event stream.
    fn events(&self) -> String {
        match &self.session {
            Some(session) => format!("{}/live/{}/events", self.address, session.id),
            None => format!("{}/events", self.address),
        }
    }

    /// A phone's event stream: it hears only of a new screen.
    fn phone_events(&self) -> String {
        match &self.session {
            Some(session) => format!("{}/live/{}/phone-events", self.address, session.id),
            None => format!("{}/phone-events", self.address),
        }
    }

    /// Voice: join with the code, which gives the phone its seat cookie.
    async fn join(&self, phone: &reqwest::Client) -> Result<(), String> {
        let Some(session) = &self.session else {
            return Ok(());
        };
        let url = format!("{}/api/join-session", self.address);
        let (status, body) = send_form(phone, &url, &[("code", &session.code)]).await;
        if status == 200 && body.contains(&format!("/live/{}", session.id)) {
            Ok(())
        } else {
            Err(format!("join: {status} {body}"))
        }
    }

    /// Whether the answer was accepted.
    async fn answer(&self, phone: &reqwest::Client, seat: usize, choice: &str) -> bool {
        match &self.session {
            Some(session) => {
                let url = format!("{}/api/live-answer", self.address);
                let form = [
                    ("session_id", session.id.as_str()),
                    ("activity_id", session.activity.as_str()),
                    ("answer", choice),
                ];
                let (status, body) = send_form(phone, &url, &form).await;
                status == 200 && body.contains("Redirect")
            }
            None => {
                let url = format!("{}/answer", self.address);
                let seat = format!("phone {seat}");
                send_form(phone, &url, &[("seat", &seat), ("answer", choice)])
                    .await
                    .0
                    == 200
            }
        }
    }

    /// The client the projector uses: Voice's is the facilitator's.
    fn projector_client(&self) -> reqwest::Client {
        match &self.session {
            Some(session) => session.facilitator.clone(),
            None => common::client(),
        }
    }

    /// What the projector fetches on each event; the number answered.
    async fn answered(&self, projector: &reqwest::Client) -> Option<i64> {
        match &self.session {
            Some(session) => {
                let url = format!("{}/api/projector-view", self.address);
                let (status, body) =
                    send_form(projector, &url, &[("session_id", &session.id)]).await;
                if status != 200 {
                    return None;
                }
                let view: serde_json::Value = serde_json::from_str(&body).ok()?;
                view["current"]["answered"].as_i64()
            }
            None => {
                let response = projector
                    .get(format!("{}/count", self.address))
                    .send()
                    .await
                    .ok()?;
                response.text().await.ok()?.trim().parse().ok()
            }
        }
    }
}

/// A phone with its event stream open (read, and thrown away, as it comes).
struct Phone {
    client: reqwest::Client,
    reader: JoinHandle<()>,
}

impl Phone {
    async fn connect(target: &Target) -> Result<Phone, String> {
        let client = common::client();
        target.join(&client).await?;
        let mut events = client
            .get(target.phone_events())
            .send()
            .await
            .map_err(|e| format!("events: {e}"))?;
        if !events.status().is_success() {
            return Err(format!("events: {}", events.status()));
        }
        // Connected once the first event (sent on connecting) has arrived.
        match events.chunk().await {
            Ok(Some(_)) => {}
            other => return Err(format!("no first event: {other:?}")),
        }
        let reader = tokio::spawn(async move { while let Ok(Some(_)) = events.chunk().await {} });
        Ok(Phone { client, reader })
    }
}

impl Drop for Phone {
    fn drop(&mut self) {
        self.reader.abort();
    }
}

/// Connects the phones; answers those connected and the first error, if any.
async fn connect_phones(target: &Arc<Target>) -> (Vec<Phone>, Option<String>) {
    let gate = Arc::new(Semaphore::new(JOINING_AT_ONCE));
    let joining: Vec<_> = (0..PHONES)
        .map(|_| {
            let (target, gate) = (target.clone(), gate.clone());
            tokio::spawn(async move {
                let _turn = gate.acquire_owned().await.expect("gate");
                Phone::connect(&target).await
            })
        })
        .collect();
    let mut phones = Vec::new();
    let mut first_error = None;
    for phone in joining {
        match phone.await.expect("phone") {
            Ok(phone) => phones.push(phone),
            Err(error) => {
                first_error.get_or_insert(error);
            }
        }
    }
    (phones, first_error)
}

/// The projector: on every event it fetches its view again. Events that
/// arrive during a fetch make one more fetch, not one each (as the page's
/// resource does when its signal changes several times).
struct Projector {
    /// The number answered, as of the latest fetch (-1 before the first).
    seen: watch::Receiver<i64>,
    fetches: Arc<AtomicUsize>,
    tasks: [JoinHandle<()>; 2],
}

impl Projector {
    async fn start(target: Arc<Target>) -> Projector {
        let client = target.projector_client();
        let mut events = client
            .get(target.events())
            .send()
            .await
            .expect("the projector's events");
        let nudge = Arc::new(Notify::new());
        let heard = nudge.clone();
        let reader = tokio::spawn(async move {
            while let Ok(Some(_)) = events.chunk().await {
                heard.notify_one();
            }
        });
        let (show, seen) = watch::channel(-1);
        let fetches = Arc::new(AtomicUsize::new(0));
        let counted = fetches.clone();
        let fetcher = tokio::spawn(async move {
            loop {
                nudge.notified().await;
                counted.fetch_add(1, Ordering::Relaxed);
                match target.answered(&client).await {
                    Some(answered) => {
                        show.send_replace(answered);
                    }
                    // A failed fetch is tried again shortly.
                    None => {
                        tokio::time::sleep(Duration::from_millis(100)).await;
                        nudge.notify_one();
                    }
                }
            }
        });
        let mut projector = Projector {
            seen,
            fetches,
            tasks: [reader, fetcher],
        };
        tokio::time::timeout(PATIENCE, projector.seen.wait_for(|n| *n >= 0))
            .await
            .expect("the projector's first view in time")
            .expect("the projector's first view");
        projector
    }

    /// Waits until the projector shows at least `answered`; false if it did not in time.
    async fn shows(&self, answered: i64) -> bool {
        let mut seen = self.seen.clone();
        let shown = tokio::time::timeout(PATIENCE, seen.wait_for(|n| *n >= answered)).await;
        matches!(shown, Ok(Ok(_)))
    }
}

impl Drop for Projector {
    fn drop(&mut self) {
        for task in &self.tasks {
            task.abort();
        }
    }
}

// ---------------------------------------------------------------------------
// The measurements.

#[derive(Default)]
struct Figures {
    connected: usize,
    connect_error: Option<String>,
    /// Answer sent to the projector showing it, for each probe.
    latencies: Vec<Duration>,
    probes_lost: usize,
    load_time: Duration,
    accepted: usize,
    failed: usize,
    /// From the last answer of the load being accepted to the projector showing all.
    caught_up: Option<Duration>,
    fetches_during_load: usize,
    idle_mib: f64,
    connected_mib: f64,
    loaded_mib: f64,
}

impl Figures {
    fn answers_per_second(&self) -> f64 {
        self.accepted as f64 / self.load_time.as_secs_f64().max(1e-9)
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

async fn measure(kind: Kind) -> Figures {
    let server = Server::start(kind).await;
    let target = Arc::new(match kind {
        Kind::Voice => Target::voice(server.address.clone()).await,
        Kind::Baseline => Target {
            address: server.address.clone(),
            session: None,
        },
    });
    let mut figures = Figures {
        idle_mib: server.memory(),
        ..Figures::default()
    };
    let (phones, connect_error) = connect_phones(&target).await;
    figures.connected = phones.len();
    figures.connect_error = connect_error;
    figures.connected_mib = server.memory();
    let projector = Projector::start(target.clone()).await;

    // One answer at a time, each from a phone that has not answered yet, so
    // the number answered goes up by one each time.
    for (seat, phone) in phones.iter().enumerate().take(PROBES) {
        let expected = *projector.seen.borrow() + 1;
        let sent = Instant::now();
        let shown = async {
            let shown = projector.shows(expected).await;
            (shown, sent.elapsed())
        };
        let (accepted, (shown, took)) =
            tokio::join!(target.answer(&phone.client, seat, CHOICES[seat % 2]), shown);
        if accepted && shown {
            figures.latencies.push(took);
        } else {
            figures.probes_lost += 1;
        }
    }

    // Every phone at once, each changing its answer `ROUNDS` times.
    let fetches_before = projector.fetches.load(Ordering::Relaxed);
    let began = Instant::now();
    let answering: Vec<_> = phones
        .iter()
        .enumerate()
        .map(|(seat, phone)| {
            let (target, client) = (target.clone(), phone.client.clone());
            tokio::spawn(async move {
                let mut accepted = 0;
                for round in 0..ROUNDS {
                    let choice = CHOICES[(seat + round + 1) % 2];
                    if target.answer(&client, seat, choice).await {
                        accepted += 1;
                    }
                }
                accepted
            })
        })
        .collect();
    for phone in answering {
        figures.accepted += phone.await.expect("phone");
    }
    figures.load_time = began.elapsed();
    figures.failed = phones.len() * ROUNDS - figures.accepted;
    let finished = Instant::now();
    if let Some(all) = target.answered(&target.projector_client()).await {
        if projector.shows(all).await {
            figures.caught_up = Some(finished.elapsed());
        }
    }
    figures.fetches_during_load = projector.fetches.load(Ordering::Relaxed) - fetches_before;
    figures.loaded_mib = server.memory();

    // Hang up before the server stops.
    drop(projector);
    drop(phones);
    figures
}

fn report(baseline: &mut Figures, voice: &mut Figures) {
    println!(
        "\nSQLite, {PHONES} phones connected to one session: {PROBES} answers one at a time, then every phone answering {ROUNDS} times at once"
    );
    println!(
        "  {:<42} {:>10} {:>10} {:>15}",
        "", "baseline", "Voice", "Voice/baseline"
    );
    let row = |label: &str, baseline: f64, voice: f64| {
        println!(
            "  {label:<42} {baseline:>10.1} {voice:>10.1} {:>15.2}",
            voice / baseline.max(1e-9)
        );
    };
    for (label, fraction) in [
        ("answer to projector update, p50 (ms)", 0.5),
        ("answer to projector update, p95 (ms)", 0.95),
    ] {
        row(
            label,
            ms(percentile(&mut baseline.latencies, fraction)),
            ms(percentile(&mut voice.latencies, fraction)),
        );
    }
    row(
        "answers accepted per second",
        baseline.answers_per_second(),
        voice.answers_per_second(),
    );
    row(
        "server memory idle (MiB)",
        baseline.idle_mib,
        voice.idle_mib,
    );
    row(
        &format!("server memory, {PHONES} phones connected (MiB)"),
        baseline.connected_mib,
        voice.connected_mib,
    );
    row(
        "server memory after the load (MiB)",
        baseline.loaded_mib,
        voice.loaded_mib,
    );
    for (name, figures) in [("baseline", &*baseline), ("Voice", &*voice)] {
        let caught_up = match figures.caught_up {
            Some(took) => format!("the projector showed them all {:.0} ms later", ms(took)),
            None => "the projector never showed them all".to_string(),
        };
        println!(
            "  {name}: {} of {PHONES} phones connected; {} probes lost; {} answers accepted in {:.2} s, {} failed; {caught_up}, after {} fetches during the load",
            figures.connected,
            figures.probes_lost,
            figures.accepted,
            figures.load_time.as_secs_f64(),
            figures.failed,
            figures.fetches_during_load,
        );
        if let Some(error) = &figures.connect_error {
            println!("  {name}: first phone that could not connect: {error}");
        }
    }
}

fn main() {
    // Started again as one of the servers?
    let arguments: Vec<String> = std::env::args().collect();
    if let [_, flag, port_file, ..] = arguments.as_slice() {
        for kind in [Kind::Baseline, Kind::Voice] {
            if flag == kind.flag() {
                return serve(kind, Path::new(port_file));
            }
        }
    }
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let mut baseline = runtime.block_on(measure(Kind::Baseline));
    let mut voice = runtime.block_on(measure(Kind::Voice));
    report(&mut baseline, &mut voice);
}
