//! What Voice leaves on the server's disk and in its output: the SQLite
//! database and its backups readable by Voice's own user only, and the demo
//! passwords never in the output that is kept as the server's log.

use std::io::{BufRead, BufReader, Read};
use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::{Command, Stdio};

/// A file's permissions, in octal as `ls` and `chmod` write them.
fn mode(path: &Path) -> String {
    let mode = std::fs::metadata(path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .permissions()
        .mode();
    format!("{:o}", mode & 0o777)
}

fn voice() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_voice"));
    command
        .env_remove("VOICE_DEMO_PASSWORD")
        .env("LEPTOS_SITE_ADDR", "127.0.0.1:0")
        .env("RUST_LOG", "info")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    command
}

#[tokio::test]
async fn the_database_and_its_journal_are_readable_by_voice_only() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("voice.db");
    // The migrations have written, so the journal files exist while it is open.
    let _db = app::db::connect(&format!("sqlite://{}", file.display()))
        .await
        .unwrap();
    for name in ["voice.db", "voice.db-wal", "voice.db-shm"] {
        assert_eq!(mode(&dir.path().join(name)), "600", "{name}");
    }
}

#[tokio::test]
async fn a_database_made_readable_by_others_is_closed_at_start() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("voice.db");
    std::fs::File::create(&file).unwrap();
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o644)).unwrap();
    let _db = app::db::connect(&format!("sqlite://{}", file.display()))
        .await
        .unwrap();
    assert_eq!(mode(&file), "600");
}

#[test]
fn a_backup_is_readable_by_voice_only() {
    let dir = tempfile::tempdir().unwrap();
    let backup = dir.path().join("backup.db");
    let output = voice()
        .env(
            "DATABASE_URL",
            format!("sqlite://{}/voice.db", dir.path().display()),
        )
        .arg("backup")
        .arg(&backup)
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    assert_eq!(mode(&backup), "600");
}

/// Starts `voice serve --seed-demo-if-empty` on a new database, waits until
/// it serves, stops it, and returns all it wrote to stdout and stderr.
fn output_of_first_start(demo_password: Option<&str>) -> String {
    let dir = tempfile::tempdir().unwrap();
    let mut command = voice();
    command.env(
        "DATABASE_URL",
        format!("sqlite://{}/voice.db", dir.path().display()),
    );
    if let Some(password) = demo_password {
        command.env("VOICE_DEMO_PASSWORD", password);
    }
    let mut server = command
        .args(["serve", "--seed-demo-if-empty"])
        .spawn()
        .unwrap();
    let mut stdout = BufReader::new(server.stdout.take().unwrap());
    let mut output = String::new();
    while !output.contains("Voice is running") {
        let read = stdout.read_line(&mut output).unwrap();
        assert!(read > 0, "the server stopped: {output}");
    }
    server.kill().unwrap();
    server.wait().unwrap();
    stdout.read_to_string(&mut output).unwrap();
    server
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut output)
        .unwrap();
    output
}

#[test]
fn demo_passwords_never_reach_the_server_output() {
    let chosen = "kept out of the log";
    let output = output_of_first_start(Some(chosen));
    assert!(!output.contains(chosen), "{output}");
    assert!(
        output.contains("demo.young") && output.contains("VOICE_DEMO_PASSWORD"),
        "it still says how to sign in: {output}"
    );

    let output = output_of_first_start(None);
    for line in output.lines().filter(|line| line.contains("sign in as")) {
        assert!(!line.contains("password"), "{line}");
    }
}
