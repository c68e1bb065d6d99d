//! The database: SQLite by default (a file created on first run), PostgreSQL
//! when `DATABASE_URL` names one. Queries are written once, in SQL both
//! understand, through sqlx's `Any` driver; only the migrations differ.

use sqlx::any::{install_default_drivers, AnyPoolOptions};
use sqlx::{migrate::Migrator, Executor};
use std::path::Path;
use std::time::Duration;

pub type Db = sqlx::AnyPool;

/// A transaction on the pool: a change and its audit line, kept together.
pub type Tx = sqlx::Transaction<'static, sqlx::Any>;

/// Where one statement runs: the pool (`&state.db`), or an open transaction
/// (`&mut *tx`), so that a change and its audit line commit together.
pub trait Runs<'c>: sqlx::Executor<'c, Database = sqlx::Any> {}
impl<'c, T: sqlx::Executor<'c, Database = sqlx::Any>> Runs<'c> for T {}

/// One connection, for several statements in a row: an open transaction
/// (`&mut tx`) or a connection from the pool (`&mut *state.db.acquire().await?`).
pub type Conn = sqlx::AnyConnection;

pub const DEFAULT_DATABASE_URL: &str = "sqlite://data/voice.db";

/// A new random id for a row: 128 bits as hex, unguessable, so an id in an
/// address gives nothing away.
pub fn new_id() -> String {
    use rand::RngCore;
    let mut bytes = [0u8; 16];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    hex::encode(bytes)
}

static SQLITE_MIGRATIONS: Migrator = sqlx::migrate!("./migrations/sqlite");
static POSTGRES_MIGRATIONS: Migrator = sqlx::migrate!("./migrations/postgres");

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    pub fn of_url(url: &str) -> Result<Backend, DbError> {
        if url.starts_with("sqlite:") {
            Ok(Backend::Sqlite)
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Ok(Backend::Postgres)
        } else {
            Err(DbError::UnsupportedUrl(
                url.split(':').next().unwrap_or_default().to_string(),
            ))
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum DbError {
    #[error("DATABASE_URL starts with {0:?}: Voice supports sqlite:// and postgres:// only")]
    UnsupportedUrl(String),
    #[error("could not create the folder for the SQLite database at {path}: {source}")]
    CreateFolder {
        path: String,
        source: std::io::Error,
    },
    #[error("could not make the SQLite database {path} readable by Voice only: {source}")]
    MakePrivate {
        path: String,
        source: std::io::Error,
    },
    #[error("could not connect to the database: {0}")]
    Connect(#[source] sqlx::Error),
    #[error("could not bring the database schema up to date: {0}")]
    Migrate(#[source] sqlx::migrate::MigrateError),
}

/// The file an SQLite URL points at, if it is a file.
pub fn sqlite_path(url: &str) -> Option<&str> {
    let rest = url
        .strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))?;
    let path = rest.split('?').next().unwrap_or(rest);
    (!path.is_empty() && path != ":memory:").then_some(path)
}

/// Connects, creating the SQLite file and its folder if needed, and runs the
/// migrations for the backend.
pub async fn connect(url: &str) -> Result<Db, DbError> {
    install_default_drivers();
    let backend = Backend::of_url(url)?;
    let url = match backend {
        Backend::Sqlite => prepare_sqlite_file(url)?,
        Backend::Postgres => url.to_string(),
    };
    let options = AnyPoolOptions::new()
        .max_connections(match backend {
            Backend::Sqlite => 8,
            Backend::Postgres => 16,
        })
        .acquire_timeout(Duration::from_secs(10));
    let options = if backend == Backend::Sqlite {
        options.after_connect(|connection, _| {
            Box::pin(async move {
                // WAL lets readers carry on while one writer writes; the busy
                // timeout makes a second writer wait instead of failing.
                connection
                    .execute(
                        "PRAGMA journal_mode = WAL; PRAGMA busy_timeout = 5000; \
                         PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL;",
                    )
                    .await?;
                Ok(())
            })
        })
    } else {
        options
    };
    let db = options.connect(&url).await.map_err(DbError::Connect)?;
    let migrator = match backend {
        Backend::Sqlite => &SQLITE_MIGRATIONS,
        Backend::Postgres => &POSTGRES_MIGRATIONS,
    };
    migrator.run(&db).await.map_err(DbError::Migrate)?;
    Ok(db)
}

/// A plain connection pool with no migrations: for creating and dropping
/// test databases on a PostgreSQL server.
pub async fn connect_without_migrations(url: &str) -> Result<Db, DbError> {
    install_default_drivers();
    AnyPoolOptions::new()
        .max_connections(1)
        .connect(url)
        .await
        .map_err(DbError::Connect)
}

/// Creates a new, empty file that only the user Voice runs as can read or
/// write (0600). Fails if the file exists.
pub fn create_private_file(path: &Path) -> std::io::Result<std::fs::File> {
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)
}

/// The database and its journal files hold children's personal details:
/// readable by Voice's own user only. A new database is created 0600 before
/// SQLite opens it (SQLite gives the `-wal` and `-shm` files the database's
/// mode); one made readable by others earlier is closed at start.
fn make_database_private(path: &Path) -> Result<(), DbError> {
    use std::os::unix::fs::PermissionsExt;
    let private = |source| DbError::MakePrivate {
        path: path.display().to_string(),
        source,
    };
    match create_private_file(path) {
        Ok(_) => return Ok(()),
        Err(error) if error.kind() == std::io::ErrorKind::AlreadyExists => {}
        Err(error) => return Err(private(error)),
    }
    for suffix in ["", "-wal", "-shm"] {
        let file = std::path::PathBuf::from(format!("{}{suffix}", path.display()));
        let Ok(metadata) = std::fs::metadata(&file) else {
            continue;
        };
        if metadata.permissions().mode() & 0o077 != 0 {
            std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o600))
                .map_err(private)?;
        }
    }
    Ok(())
}

fn prepare_sqlite_file(url: &str) -> Result<String, DbError> {
    if let Some(path) = sqlite_path(url).map(Path::new) {
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent).map_err(|source| DbError::CreateFolder {
                path: parent.display().to_string(),
                source,
            })?;
        }
        make_database_private(path)?;
    }
    Ok(if url.contains("mode=") {
        url.to_string()
    } else if url.contains('?') {
        format!("{url}&mode=rwc")
    } else {
        format!("{url}?mode=rwc")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_backend_follows_the_url() {
        assert_eq!(
            Backend::of_url("sqlite://data/voice.db").unwrap(),
            Backend::Sqlite
        );
        assert_eq!(
            Backend::of_url("postgres://root@localhost/voice").unwrap(),
            Backend::Postgres
        );
        assert_eq!(
            Backend::of_url("postgresql://x/y").unwrap(),
            Backend::Postgres
        );
        assert!(
            matches!(Backend::of_url("mysql://x/y"), Err(DbError::UnsupportedUrl(s)) if s == "mysql")
        );
    }

    #[test]
    fn finds_the_sqlite_file() {
        assert_eq!(sqlite_path("sqlite://data/voice.db"), Some("data/voice.db"));
        assert_eq!(
            sqlite_path("sqlite:///tmp/x.db?mode=rwc"),
            Some("/tmp/x.db")
        );
        assert_eq!(sqlite_path("sqlite::memory:"), None);
    }
}
