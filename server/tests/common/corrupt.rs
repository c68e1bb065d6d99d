//! Stored values no Voice writes (a status from a newer version, a date
//! mangled by hand), put straight into the database past its CHECK
//! constraints, and what the server logged about them.

use super::{Backend, TestApp};
use std::io::Write;
use std::sync::{Arc, Mutex, OnceLock};

/// Runs `update` with the table's CHECK constraints out of the way: SQLite
/// ignores them on one connection; PostgreSQL (a database made for this
/// test alone) loses `dropped_check`.
pub async fn force_update(app: &TestApp, backend: Backend, dropped_check: &str, update: &str) {
    let mut connection = app.db.acquire().await.expect("a connection");
    match backend {
        Backend::Sqlite => {
            sqlx::query("PRAGMA ignore_check_constraints = ON")
                .execute(&mut *connection)
                .await
                .expect("checks off");
        }
        Backend::Postgres => {
            let table = update.split_whitespace().nth(1).expect("UPDATE <table>");
            sqlx::query(&format!(
                "ALTER TABLE {table} DROP CONSTRAINT IF EXISTS {dropped_check}"
            ))
            .execute(&mut *connection)
            .await
            .expect("check dropped");
        }
    }
    sqlx::query(update)
        .execute(&mut *connection)
        .await
        .expect("the corrupt value stored");
    if let Backend::Sqlite = backend {
        sqlx::query("PRAGMA ignore_check_constraints = OFF")
            .execute(&mut *connection)
            .await
            .expect("checks on");
    }
}

/// Everything the server logged while this test binary ran (one subscriber
/// per binary: look for something only your test logs).
#[derive(Clone)]
pub struct CapturedLog(Arc<Mutex<Vec<u8>>>);

impl CapturedLog {
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.0.lock().expect("log")).into_owned()
    }
}

impl Write for CapturedLog {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().expect("log").extend_from_slice(bytes);
        Ok(bytes.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl<'a> tracing_subscriber::fmt::MakeWriter<'a> for CapturedLog {
    type Writer = CapturedLog;
    fn make_writer(&'a self) -> CapturedLog {
        self.clone()
    }
}

pub fn captured_log() -> CapturedLog {
    static LOG: OnceLock<CapturedLog> = OnceLock::new();
    LOG.get_or_init(|| {
        let log = CapturedLog(Arc::default());
        let _ = tracing_subscriber::fmt()
            .with_writer(log.clone())
            .with_ansi(false)
            .try_init();
        log
    })
    .clone()
}
