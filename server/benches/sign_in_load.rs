//! Sign-ins under load, and made-up live-stream ids, against release
//! servers (bench/sign-in-load.sh); not a test.
//!
//! For each server binary given (Voice as built now, and optionally an older
//! build to compare with), each phase starts a fresh server on a fresh
//! SQLite database with the demo accounts, in a process of its own, and
//! reads its memory from `/proc/<pid>/status` (VmHWM is the peak):
//! - 30, then 120, sign-ins sent at the same moment, each to a different
//!   name (so no per-account limit stops one before its password is
//!   checked: each costs a full argon2 hash): peak memory, memory after,
//!   password checks answered per second, and how many were told Voice is
//!   busy;
//! - 2,000 made-up live-session ids of 16 KB on `/live/{id}/phone-events`:
//!   memory after.
//!
//! The baseline in the same run is argon2id itself with Voice's parameters
//! on every core of this machine, with nothing else running: the most
//! sign-ins per second any server could manage here.
//!
//! Settings (environment): `VOICE_BIN` (default the workspace's
//! `target/release/voice`), `VOICE_BASELINE_BIN` (an older build, optional);
//! give absolute paths (cargo runs benches from `server/`).

use argon2::password_hash::{rand_core::OsRng, PasswordHasher, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};
use tokio::task::JoinSet;

const DEMO_PASSWORD: &str = "bench demo password";
const DEMO_LOGIN: &str = "demo.young";

/// One server process on its own database.
struct Server {
    process: Child,
    address: String,
    _folder: tempfile::TempDir,
}

impl Server {
    async fn start(binary: &Path) -> Server {
        let folder = tempfile::tempdir().expect("a folder for the database");
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|listener| listener.local_addr())
            .expect("a free port")
            .port();
        let process = Command::new(binary)
            .args(["serve", "--seed-demo-if-empty"])
            .env(
                "DATABASE_URL",
                format!("sqlite://{}/voice.db", folder.path().display()),
            )
            .env("VOICE_DEMO_PASSWORD", DEMO_PASSWORD)
            .env("LEPTOS_SITE_ADDR", format!("127.0.0.1:{port}"))
            .env("RUST_LOG", "error")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("starting {}: {e}", binary.display()));
        let server = Server {
            process,
            address: format!("http://127.0.0.1:{port}"),
            _folder: folder,
        };
        let client = reqwest::Client::new();
        while client
            .post(format!("{}/api/current-user", server.address))
            .send()
            .await
            .is_err()
        {
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        server
    }

    /// (now, peak) resident memory in MiB.
    fn memory(&self) -> (f64, f64) {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.process.id()))
            .expect("the server's /proc status");
        let field = |name: &str| {
            status
                .lines()
                .find_map(|line| line.strip_prefix(name))
                .and_then(|rest| rest.split_whitespace().next())
                .and_then(|kib| kib.parse::<f64>().ok())
                .map_or(f64::NAN, |kib| kib / 1024.0)
        };
        (field("VmRSS:"), field("VmHWM:"))
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.process.kill();
        let _ = self.process.wait();
    }
}

/// Memory settles a moment after the last answer (threads finish, buffers go).
async fn settle() {
    tokio::time::sleep(Duration::from_secs(1)).await;
}

async fn sign_ins_at_once(binary: &Path, count: usize) {
    let server = Server::start(binary).await;
    let (idle, _) = server.memory();
    let started = Instant::now();
    let mut calls = JoinSet::new();
    for n in 0..count {
        let url = format!("{}/api/sign-in", server.address);
        calls.spawn(async move {
            let login = format!("{DEMO_LOGIN}{n}");
            let answer = reqwest::Client::new()
                .post(url)
                .form(&[("login", login.as_str()), ("password", DEMO_PASSWORD)])
                .send()
                .await;
            match answer {
                Ok(answer) => answer.text().await.unwrap_or_default(),
                Err(error) => format!("failed: {error}"),
            }
        });
    }
    let bodies = calls.join_all().await;
    let seconds = started.elapsed().as_secs_f64();
    let checked = bodies.iter().filter(|b| b.contains("is not right")).count();
    let busy = bodies.iter().filter(|b| b.contains("busy")).count();
    let (_, peak) = server.memory();
    settle().await;
    let (after, _) = server.memory();
    println!(
        "  {count:>3} sign-ins at once: {checked} passwords checked, {busy} told busy, {} other; \
         {:.1} checked/s; RSS idle {idle:.0} MiB, peak {peak:.0} MiB, after {after:.0} MiB",
        count - checked - busy,
        checked as f64 / seconds,
    );
}

async fn made_up_stream_ids(binary: &Path) {
    let server = Server::start(binary).await;
    let (idle, _) = server.memory();
    let mut statuses = std::collections::BTreeMap::<u16, usize>::new();
    // 50 at a time, each opened, its first event read, then closed.
    for batch in 0..40 {
        let mut calls = JoinSet::new();
        for n in 0..50 {
            let url = format!(
                "{}/live/{:05}{}/phone-events",
                server.address,
                batch * 50 + n,
                "x".repeat(16 * 1024)
            );
            calls.spawn(async move {
                let mut response = reqwest::get(url).await.ok()?;
                let status = response.status().as_u16();
                if status == 200 {
                    let _ = response.chunk().await;
                }
                Some(status)
            });
        }
        for status in calls.join_all().await.into_iter().flatten() {
            *statuses.entry(status).or_default() += 1;
        }
    }
    settle().await;
    let (after, _) = server.memory();
    println!(
        "  2,000 made-up ids of 16 KB: answers {statuses:?}; RSS idle {idle:.0} MiB, after {after:.0} MiB (+{:.0} MiB)",
        after - idle
    );
}

/// Hashes per second with Voice's argon2id parameters on every core.
fn raw_hash_rate() -> f64 {
    let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
    let per_core = 20;
    let started = Instant::now();
    let threads: Vec<_> = (0..cores)
        .map(|_| {
            std::thread::spawn(move || {
                let params = Params::new(19 * 1024, 2, 1, None).expect("parameters");
                let argon2 = Argon2::new(Algorithm::Argon2id, Version::V0x13, params);
                for _ in 0..per_core {
                    let salt = SaltString::generate(&mut OsRng);
                    argon2
                        .hash_password(DEMO_PASSWORD.as_bytes(), &salt)
                        .expect("hash");
                }
            })
        })
        .collect();
    for thread in threads {
        thread.join().expect("hashing thread");
    }
    (cores * per_core) as f64 / started.elapsed().as_secs_f64()
}

#[tokio::main]
async fn main() {
    let mut binaries = vec![(
        "Voice now",
        std::env::var("VOICE_BIN").unwrap_or_else(|_| {
            concat!(env!("CARGO_MANIFEST_DIR"), "/../target/release/voice").into()
        }),
    )];
    if let Ok(baseline) = std::env::var("VOICE_BASELINE_BIN") {
        binaries.push(("older build", baseline));
    }
    let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
    println!("# Sign-in load, {cores} cores");
    let raw = raw_hash_rate();
    println!("baseline: argon2id m=19456 KiB t=2 p=1 on {cores} threads: {raw:.1} hashes/s\n");
    for (label, binary) in &binaries {
        let binary = Path::new(binary);
        println!("## {label}: {}", binary.display());
        for count in [30, 120] {
            sign_ins_at_once(binary, count).await;
        }
        made_up_stream_ids(binary).await;
        println!();
    }
    println!(
        "sign-ins/s divided by {raw:.1} (the raw hash rate) gives the share of the machine's hashing that reached people."
    );
}
