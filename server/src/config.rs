//! Settings from the environment. Every variable is listed in the README.

use anyhow::Context;
use app::client_address::TrustedProxies;
use app::db::DEFAULT_DATABASE_URL;
use app::live_hub::StreamCaps;
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
        let trusted_proxies = match std::env::var("VOICE_TRUSTED_PROXIES") {
            Ok(list) => TrustedProxies::parse(&list).map_err(|item| {
                anyhow::anyhow!(
                    "VOICE_TRUSTED_PROXIES must list addresses or ranges like 10.0.0.0/8, separated by commas; {item} is neither"
                )
            })?,
            Err(_) => TrustedProxies::default(),
        };
        let defaults = StreamCaps::default();
        let live_streams = StreamCaps {
            per_address: count_from_env("VOICE_LIVE_STREAMS_PER_ADDRESS", defaults.per_address)?,
            total: count_from_env("VOICE_LIVE_STREAMS_TOTAL", defaults.total)?,
        };
        let activation_key = crate::secret_key::activation_key(&database_url)?;
        Ok(Config {
            database_url,
            server: ServerConfig {
                public_url,
                session_idle_minutes,
                trusted_proxies,
                live_streams,
                activation_key,
            },
        })
    }
}

/// A whole number of at least 1 from `name`, or `default` when it is not set.
fn count_from_env(name: &str, default: usize) -> anyhow::Result<usize> {
    match std::env::var(name) {
        Ok(value) => value
            .trim()
            .parse::<usize>()
            .ok()
            .filter(|&count| count >= 1)
            .with_context(|| format!("{name} must be a whole number of at least 1, not {value:?}")),
        Err(_) => Ok(default),
    }
}
