//! Where the activation key comes from: `VOICE_SECRET_KEY`, else the file
//! `VOICE_SECRET_KEY_FILE` names, else `voice.key` beside the SQLite
//! database (`data/voice.key` with PostgreSQL), made with a new random
//! secret, readable by Voice's user only, on first start. Kept out of the
//! database, so a copy of the database alone cannot activate anyone.

use anyhow::Context;
use app::activation_key::ActivationKey;
use app::db::{create_private_file, sqlite_path};
use std::io::Write;
use std::path::{Path, PathBuf};

pub fn activation_key(database_url: &str) -> anyhow::Result<ActivationKey> {
    if let Some(secret) = std::env::var("VOICE_SECRET_KEY")
        .ok()
        .filter(|s| !s.is_empty())
    {
        return ActivationKey::from_secret(&secret)
            .map_err(|problem| anyhow::anyhow!("VOICE_SECRET_KEY: {problem}"));
    }
    let file = std::env::var_os("VOICE_SECRET_KEY_FILE")
        .filter(|f| !f.is_empty())
        .map_or_else(|| default_key_file(database_url), PathBuf::from);
    let secret = read_or_create(&file)?;
    ActivationKey::from_secret(&secret)
        .map_err(|problem| anyhow::anyhow!("the key file {}: {problem}", file.display()))
}

/// `voice.key` beside the SQLite database, or in `data/` for PostgreSQL.
fn default_key_file(database_url: &str) -> PathBuf {
    sqlite_path(database_url)
        .map(Path::new)
        .and_then(Path::parent)
        .unwrap_or(Path::new("data"))
        .join("voice.key")
}

fn read_or_create(file: &Path) -> anyhow::Result<String> {
    if let Some(folder) = file.parent().filter(|f| !f.as_os_str().is_empty()) {
        std::fs::create_dir_all(folder)
            .with_context(|| format!("creating the folder for {}", file.display()))?;
    }
    match create_private_file(file) {
        Ok(mut created) => {
            let secret = ActivationKey::new_secret();
            writeln!(created, "{secret}")
                .with_context(|| format!("writing the new key file {}", file.display()))?;
            tracing::info!("made a new activation key file at {}", file.display());
            Ok(secret)
        }
        Err(error) if error.kind() == std::io::ErrorKind::AlreadyExists => {
            let secret = std::fs::read_to_string(file)
                .with_context(|| format!("reading the key file {}", file.display()))?;
            Ok(secret.trim().to_string())
        }
        Err(error) => {
            Err(error).with_context(|| format!("creating the key file {}", file.display()))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_key_file_sits_beside_the_sqlite_database() {
        assert_eq!(
            default_key_file("sqlite:///srv/voice/voice.db"),
            PathBuf::from("/srv/voice/voice.key")
        );
        assert_eq!(
            default_key_file("postgres://voice@db/voice"),
            PathBuf::from("data/voice.key")
        );
    }

    #[test]
    fn a_new_key_file_is_made_once_and_read_after() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("keys/voice.key");
        let made = read_or_create(&file).unwrap();
        assert_eq!(read_or_create(&file).unwrap(), made);
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&file).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
}
