//! Settings from the environment. Every variable is listed in the README.

use anyhow::Context;
use app::db::DEFAULT_DATABASE_URL;
use app::state::ServerConfig;

pub struct Config {
    pub database_url: String,
    pub server: ServerConfig,
}

impl Config {
    pub fn from_env() -> anyhow::Result<Config> {
        let database_url =
            std::env::var("DATABASE_URL").unwrap_or_else(|_| DEFAULT_DATABASE_URL.to_string());
        let public_url = std::env::var("VOICE_PUBLIC_URL")
            .ok()
            .filter(|url| !url.trim().is_empty());
        let session_idle_minutes = match std::env::var("VOICE_SESSION_IDLE_MINUTES") {
            Ok(value) => value
                .trim()
                .parse::<i64>()
                .ok()
                .filter(|minutes| (1..=24 * 60).contains(minutes))
                .with_context(|| format!("VOICE_SESSION_IDLE_MINUTES must be a whole number of minutes from 1 to 1440, not {value:?}"))?,
            Err(_) => ServerConfig::default().session_idle_minutes,
        };
        let activation_key = crate::secret_key::activation_key(&database_url)?;
        Ok(Config {
            database_url,
            server: ServerConfig {
                public_url,
                session_idle_minutes,
                activation_key,
            },
        })
    }
}
