//! What every request handler and server function can reach.

use crate::activation_key::ActivationKey;
use crate::client_address::TrustedProxies;
use crate::clock::Clock;
use crate::db::Db;
use crate::limits::Limits;
use crate::live_hub::{LiveHub, StreamCaps};
use axum::extract::FromRef;
use leptos::config::LeptosOptions;
use std::sync::Arc;

#[derive(Clone)]
pub struct AppState {
    pub db: Db,
    pub clock: Arc<dyn Clock>,
    /// Attempts at sign-in, activation and the like (see `crate::limits`).
    pub limits: Arc<Limits>,
    pub config: Arc<ServerConfig>,
    pub leptos_options: LeptosOptions,
    /// Who is watching which live session.
    pub live: Arc<LiveHub>,
}

/// Settings read from the environment at start-up (see the README).
#[derive(Clone, Debug)]
pub struct ServerConfig {
    /// The address people use, like `https://voice.example.gov.uk`; used for
    /// activation links and QR codes and to mark cookies Secure.
    pub public_url: Option<String>,
    /// Signed-in sessions end after this many minutes without a request.
    pub session_idle_minutes: i64,
    /// Proxies whose `X-Forwarded-For` / `Forwarded` headers say who the
    /// client is (see `crate::client_address`).
    pub trusted_proxies: TrustedProxies,
    /// How many live event streams may be open at once.
    pub live_streams: StreamCaps,
    /// The secret activation codes are hashed with (random in tests).
    pub activation_key: ActivationKey,
}

impl ServerConfig {
    /// Whether people reach Voice over https (`VOICE_PUBLIC_URL`).
    pub fn served_over_https(&self) -> bool {
        self.public_url
            .as_deref()
            .is_some_and(|url| url.starts_with("https://"))
    }

    /// Cookies are marked Secure when Voice is served over https.
    pub fn cookies_are_secure(&self) -> bool {
        self.served_over_https()
    }
}

impl Default for ServerConfig {
    fn default() -> Self {
        ServerConfig {
            public_url: None,
            session_idle_minutes: 30,
            trusted_proxies: TrustedProxies::default(),
            live_streams: StreamCaps::default(),
            activation_key: ActivationKey::default(),
        }
    }
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}

impl AppState {
    pub fn now(&self) -> chrono::DateTime<chrono::Utc> {
        self.clock.now()
    }
}
