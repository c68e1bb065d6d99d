//! Each test gets its own world: a fresh database (a temporary SQLite file,
//! or a PostgreSQL database created for it and dropped after), the real
//! router on a real port, and a clock the test moves by hand.
#![allow(dead_code)] // each test binary uses a different part of this

pub mod accounts;
pub mod concerns;
pub mod corrupt;
pub mod live;
pub mod surveys;

use app::accounts::NewAccount;
use app::clock::ManualClock;
use app::db::{self, Db};
use app::forms::{FieldErrors, FormReply};
use app::live_hub::LiveHub;
use app::state::{AppState, ServerConfig};
use chrono::{TimeZone, Utc};
use leptos::config::LeptosOptions;
use rand::RngCore;
use reqwest::header::{HeaderMap, CONTENT_TYPE};
use std::sync::Arc;

pub const PASSWORD: &str = "purple tiger lamp";

#[derive(Clone, Copy, Debug)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// Runs each named `async fn(Backend)` once on SQLite and once on PostgreSQL.
#[macro_export]
macro_rules! on_both_databases {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $( #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
               async fn $name() { super::$name($crate::common::Backend::Sqlite).await } )*
        }
        mod postgres {
            $( #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
               async fn $name() { super::$name($crate::common::Backend::Postgres).await } )*
        }
    };
}

enum World {
    Sqlite(#[allow(dead_code)] tempfile::TempDir),
    Postgres {
        server_url: String,
        database: String,
    },
}

impl Drop for World {
    fn drop(&mut self) {
        if let World::Postgres {
            server_url,
            database,
        } = self
        {
            let (server_url, name) = (server_url.clone(), database.clone());
            // Drop runs outside async; a small runtime of its own drops the database.
            let dropped = std::thread::spawn(move || {
                tokio::runtime::Runtime::new()
                    .expect("runtime")
                    .block_on(async move {
                        let admin = db::connect_without_migrations(&server_url)
                            .await
                            .expect("connect to drop");
                        sqlx::query(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                            .execute(&admin)
                            .await
                            .expect("drop the test database");
                    })
            })
            .join();
            if dropped.is_err() {
                eprintln!("could not drop test database {database}");
            }
        }
    }
}

pub struct TestApp {
    pub address: String,
    pub db: Db,
    pub clock: Arc<ManualClock>,
    /// Who is watching which live session.
    pub live: Arc<LiveHub>,
    _site: tempfile::TempDir,
    _world: World,
}

fn postgres_server_url() -> String {
    std::env::var("VOICE_TEST_POSTGRES_URL")
        .unwrap_or_else(|_| "postgres://root@127.0.0.1:5432/test".into())
}

fn random_suffix() -> String {
    let mut bytes = [0u8; 6];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

async fn new_database(backend: Backend) -> (Db, World) {
    match backend {
        Backend::Sqlite => {
            let dir = tempfile::tempdir().expect("temp dir");
            let url = format!("sqlite://{}/voice.db", dir.path().display());
            (
                db::connect(&url).await.expect("sqlite test database"),
                World::Sqlite(dir),
            )
        }
        Backend::Postgres => {
            let server_url = postgres_server_url();
            let database = format!("voice_test_{}", random_suffix());
            let admin = db::connect_without_migrations(&server_url)
                .await
                .unwrap_or_else(|e| {
                    panic!("PostgreSQL must be running at {server_url} for these tests: {e}")
                });
            sqlx::query(&format!("CREATE DATABASE {database}"))
                .execute(&admin)
                .await
                .expect("create test database");
            admin.close().await;
            let (base, _) = server_url
                .rsplit_once('/')
                .expect("a database name in the URL");
            let db = db::connect(&format!("{base}/{database}"))
                .await
                .expect("postgres test database");
            (
                db,
                World::Postgres {
                    server_url,
                    database,
                },
            )
        }
    }
}

pub async fn spawn(backend: Backend) -> TestApp {
    spawn_with(backend, ServerConfig::default()).await
}

/// A world whose server runs with these settings.
pub async fn spawn_with(backend: Backend, config: ServerConfig) -> TestApp {
    let (db, world) = new_database(backend).await;
    let clock = Arc::new(ManualClock::starting_at(
        Utc.with_ymd_and_hms(2026, 11, 23, 10, 0, 0).unwrap(),
    ));
    // The site's static files, as cargo-leptos copies them from public/.
    let site = tempfile::tempdir().expect("site root");
    let public = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../public");
    for file in std::fs::read_dir(public).expect("public/") {
        let file = file.expect("a file in public/");
        if file.path().is_file() {
            std::fs::copy(file.path(), site.path().join(file.file_name())).expect("copy");
        }
    }
    let live = Arc::new(LiveHub::default());
    let state = AppState {
        db: db.clone(),
        clock: clock.clone(),
        limits: Arc::default(),
        live: live.clone(),
        config: Arc::new(config),
        leptos_options: LeptosOptions::builder()
            .output_name("voice")
            .site_root(site.path().to_string_lossy().to_string())
            .build(),
    };
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let address = format!("http://{}", listener.local_addr().expect("address"));
    tokio::spawn(server::serve(listener, state));
    TestApp {
        address,
        db,
        clock,
        live,
        _site: site,
        _world: world,
    }
}

/// A browser-like client: keeps cookies, does not follow redirects.
pub fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client")
}

/// What a server function answered: its status and body.
pub struct Answer {
    pub status: u16,
    pub body: String,
    pub headers: HeaderMap,
}

/// The page a form's server function answered `body` sends the browser
/// to, if it redirects and the page starts with `prefix`.
pub fn redirect_path(body: &str, prefix: &str) -> Option<String> {
    match serde_json::from_str::<FormReply<serde_json::Value>>(body).ok()? {
        FormReply::Redirect(path) => Some(path).filter(|path| path.starts_with(prefix)),
        _ => None,
    }
}

/// A server function's reply, read as the app's own types rather than
/// searched as text.
impl Answer {
    /// The reply of a form's server function, if it answered with one (an
    /// error answers `None`; see [`Answer::error`]).
    pub fn form_reply<T: serde::de::DeserializeOwned>(&self) -> Option<FormReply<T>> {
        serde_json::from_str(&self.body).ok()
    }

    /// The page the server function sends the browser to, if it did.
    pub fn redirect(&self) -> Option<String> {
        redirect_path(&self.body, "/")
    }

    /// The page the server function sends the browser to, if it starts
    /// with `prefix`.
    pub fn redirect_to(&self, prefix: &str) -> Option<String> {
        redirect_path(&self.body, prefix)
    }

    /// The redirect's address after `prefix` (a new thing's id), if it
    /// redirected there.
    pub fn redirect_after(&self, prefix: &str) -> Option<String> {
        self.redirect()?.strip_prefix(prefix).map(str::to_string)
    }

    /// The messages beside the fields, if the form was refused.
    pub fn field_errors(&self) -> Option<FieldErrors> {
        match self.form_reply::<serde_json::Value>()? {
            FormReply::Invalid(errors) => Some(errors),
            _ => None,
        }
    }

    /// The message beside `field`, if the form was refused for it.
    pub fn field_error(&self, field: &str) -> Option<String> {
        self.field_errors()?.get(field).map(str::to_string)
    }

    /// The reply, read as the server function's own return type.
    pub fn json<T: serde::de::DeserializeOwned>(&self) -> T {
        serde_json::from_str(&self.body)
            .unwrap_or_else(|error| panic!("{error} in the reply {}", self.body))
    }
}

impl TestApp {
    /// Calls a server function as the Leptos client does.
    pub async fn call(
        &self,
        client: &reqwest::Client,
        endpoint: &str,
        form: &[(&str, &str)],
    ) -> Answer {
        let body: String = form_urlencoded::Serializer::new(String::new())
            .extend_pairs(form)
            .finish();
        let response = client
            .post(format!("{}/api/{endpoint}", self.address))
            .header(CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(body)
            .send()
            .await
            .expect("request");
        let status = response.status().as_u16();
        let headers = response.headers().clone();
        Answer {
            status,
            headers,
            body: response.text().await.expect("body"),
        }
    }

    /// The page at `path` as `client` gets it, whatever its status.
    pub async fn page_text(&self, client: &reqwest::Client, path: &str) -> String {
        client
            .get(format!("{}{path}", self.address))
            .send()
            .await
            .expect("get")
            .text()
            .await
            .expect("body")
    }

    /// Posts `fields` to the page at `path` as a browser without JavaScript
    /// does: a form from the same site, wanting a page back.
    pub async fn post_page(
        &self,
        client: &reqwest::Client,
        path: &str,
        fields: &[(&str, &str)],
    ) -> reqwest::Response {
        let body = form_urlencoded::Serializer::new(String::new())
            .extend_pairs(fields)
            .finish();
        client
            .post(format!("{}{path}", self.address))
            .header("content-type", "application/x-www-form-urlencoded")
            .header("accept", "text/html")
            .header("sec-fetch-site", "same-origin")
            .body(body)
            .send()
            .await
            .expect("post")
    }

    pub async fn add_young_person(&self, username: &str) {
        let account = NewAccount::parse_young_person(
            "Jordan",
            username,
            Some("child_in_care"),
            "2012-03",
            self.clock_today(),
        )
        .expect("valid young person");
        server::demo::create_active(&self.db, &account, PASSWORD)
            .await
            .expect("create young person");
    }

    pub async fn add_staff(&self, email: &str, role: &str) {
        let account = NewAccount::parse_staff("Sam", email, Some(role)).expect("valid staff");
        server::demo::create_active(&self.db, &account, PASSWORD)
            .await
            .expect("create staff");
    }

    fn clock_today(&self) -> chrono::NaiveDate {
        use app::clock::Clock;
        self.clock.now().date_naive()
    }

    /// A client signed in as `login`.
    pub async fn signed_in(&self, login: &str) -> reqwest::Client {
        let client = client();
        let answer = self
            .call(
                &client,
                "sign-in",
                &[("login", login), ("password", PASSWORD)],
            )
            .await;
        assert!(
            answer.redirect().is_some(),
            "sign in as {login} failed: {}",
            answer.body
        );
        client
    }
}

/// The session token a response set, if any.
pub fn session_cookie(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(reqwest::header::SET_COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .find(|value| value.starts_with("voice_session="))
        .map(str::to_string)
}
