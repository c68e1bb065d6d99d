//! The limits on guessing, through HTTP with many requests at the same
//! moment, on both databases: sign-in, activation codes, join codes, and the
//! client address they are counted against.

mod common;

use app::accounts::{WRONG_CODE, WRONG_SIGN_IN};
use common::accounts::{activation_code, admin, create_young_person};
use common::{client, spawn, spawn_with, Backend, TestApp, PASSWORD};
use std::sync::Arc;
use tokio::task::JoinSet;

on_both_databases!(
    parallel_wrong_passwords_for_one_account_verify_at_most_five,
    parallel_wrong_activation_codes_try_at_most_ten,
    parallel_join_code_guesses_from_one_address_stop_at_forty,
    failures_from_one_address_do_not_refuse_a_correct_password,
    through_a_trusted_proxy_each_client_is_limited_on_its_own,
    forwarding_headers_from_an_untrusted_peer_are_ignored,
);

const TOO_MANY: &str = "Too many attempts";

/// Sends the same server function call `times` times at once, each from a
/// fresh browser, and returns the bodies of the answers.
async fn all_at_once(
    app: &Arc<TestApp>,
    endpoint: &'static str,
    times: usize,
    form: impl Fn(usize) -> Vec<(&'static str, String)>,
) -> Vec<String> {
    let mut calls = JoinSet::new();
    for n in 0..times {
        let (app, fields) = (app.clone(), form(n));
        calls.spawn(async move {
            let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
            let answer = app.call(&client(), endpoint, &fields).await;
            assert_eq!(answer.status, 200, "{}", answer.body);
            answer.body
        });
    }
    calls.join_all().await
}

fn count(bodies: &[String], text: &str) -> usize {
    bodies.iter().filter(|body| body.contains(text)).count()
}

async fn parallel_wrong_passwords_for_one_account_verify_at_most_five(backend: Backend) {
    let app = Arc::new(spawn(backend).await);
    app.add_young_person("jordan").await;
    let bodies = all_at_once(&app, "sign-in", 40, |n| {
        vec![
            ("login", "jordan".into()),
            ("password", format!("wrong password {n}")),
        ]
    })
    .await;
    let verified = count(&bodies, WRONG_SIGN_IN);
    assert!(
        verified <= 5,
        "{verified} of 40 wrong passwords were checked against a limit of 5"
    );
    assert_eq!(verified + count(&bodies, TOO_MANY), 40, "{bodies:?}");
}

async fn parallel_wrong_activation_codes_try_at_most_ten(backend: Backend) {
    let app = Arc::new(spawn(backend).await);
    let admin = admin(&app).await;
    let created = create_young_person(&app, &admin, "riley").await;
    let real_code = activation_code(&created).replace('-', "");
    let bodies = all_at_once(&app, "activate", 60, |n| {
        vec![
            ("code", wrong_code(&real_code, n)),
            ("password", "blue river stone".into()),
            ("password_confirmation", "blue river stone".into()),
        ]
    })
    .await;
    let tried = count(&bodies, WRONG_CODE);
    assert!(
        tried <= 10,
        "{tried} of 60 wrong codes were tried against a limit of 10"
    );
    assert_eq!(tried + count(&bodies, TOO_MANY), 60, "{bodies:?}");
}

/// The `n`th of many codes that are each one character away from `real`.
fn wrong_code(real: &str, n: usize) -> String {
    use app::domain::activation_code::ALPHABET;
    let position = n % real.len();
    let shift = 1 + n / real.len();
    real.bytes()
        .enumerate()
        .map(|(at, byte)| {
            if at != position {
                return byte as char;
            }
            let index = ALPHABET.iter().position(|&b| b == byte).unwrap_or(0);
            ALPHABET[(index + shift) % ALPHABET.len()] as char
        })
        .collect()
}

async fn parallel_join_code_guesses_from_one_address_stop_at_forty(backend: Backend) {
    let app = Arc::new(spawn(backend).await);
    let bodies = all_at_once(&app, "join-session", 60, |n| {
        let guess = app::domain::join_code::JoinCode::from_random([n as u8, 1, 2, 3, 4, 5]);
        vec![("code", guess.as_str().to_string())]
    })
    .await;
    let tried = count(&bodies, "No session is running with that code");
    assert!(
        tried <= 40,
        "{tried} of 60 join codes were looked up against a limit of 40"
    );
    let refused = count(&bodies, "Too many codes have been tried from here");
    assert_eq!(tried + refused, 60, "{bodies:?}");
    // The message is beside the code field.
    assert!(
        bodies
            .iter()
            .any(|body| body.contains(r#"["code","Too many codes"#)),
        "{bodies:?}"
    );
}

/// Sends a wrong password for each of `logins` from `forwarded_for`.
async fn wrong_passwords(app: &TestApp, logins: &[String], forwarded_for: &str) -> Vec<String> {
    let mut bodies = Vec::new();
    for login in logins {
        bodies.push(sign_in_from(app, login, "not the password", forwarded_for).await);
    }
    bodies
}

async fn sign_in_from(app: &TestApp, login: &str, password: &str, forwarded_for: &str) -> String {
    client()
        .post(format!("{}/api/sign-in", app.address))
        .header("x-forwarded-for", forwarded_for)
        .form(&[("login", login), ("password", password)])
        .send()
        .await
        .expect("sign in")
        .text()
        .await
        .expect("body")
}

fn guessed_names(count: usize) -> Vec<String> {
    (0..count).map(|n| format!("guess{n}")).collect()
}

async fn failures_from_one_address_do_not_refuse_a_correct_password(backend: Backend) {
    let app = spawn(backend).await;
    app.add_young_person("jordan").await;
    app.add_young_person("casey").await;
    let failed = wrong_passwords(&app, &guessed_names(30), "198.51.100.1").await;
    assert_eq!(count(&failed, WRONG_SIGN_IN), 30);

    let jordan = sign_in_from(&app, "jordan", PASSWORD, "198.51.100.1").await;
    assert!(jordan.contains("Redirect"), "{jordan}");
    // Someone mistyping after the address used its allowance gets one try
    // per account, not five.
    let first = sign_in_from(&app, "casey", "not it", "198.51.100.1").await;
    let second = sign_in_from(&app, "casey", PASSWORD, "198.51.100.1").await;
    assert!(first.contains(WRONG_SIGN_IN), "{first}");
    assert!(second.contains(TOO_MANY), "{second}");
}

async fn through_a_trusted_proxy_each_client_is_limited_on_its_own(backend: Backend) {
    use app::client_address::TrustedProxies;
    use app::state::ServerConfig;
    let app = spawn_with(
        backend,
        ServerConfig {
            trusted_proxies: TrustedProxies::parse("127.0.0.1").unwrap(),
            ..ServerConfig::default()
        },
    )
    .await;
    // The proxy appends who it heard from: the client's own entry on the
    // left is not believed.
    wrong_passwords(&app, &guessed_names(30), "10.9.9.9, 198.51.100.1").await;
    let busy = wrong_passwords(&app, &["sam".into(), "sam".into()], "198.51.100.1").await;
    assert!(busy[1].contains(TOO_MANY), "{busy:?}");
    let other = wrong_passwords(&app, &["riley".into(), "riley".into()], "198.51.100.2").await;
    assert_eq!(count(&other, WRONG_SIGN_IN), 2, "{other:?}");
}

async fn forwarding_headers_from_an_untrusted_peer_are_ignored(backend: Backend) {
    let app = spawn(backend).await;
    for n in 0..30 {
        let login = format!("guess{n}");
        sign_in_from(&app, &login, "not it", &format!("203.0.113.{n}")).await;
    }
    // A new X-Forwarded-For does not make a new client.
    let bodies = wrong_passwords(&app, &["sam".into(), "sam".into()], "203.0.113.200").await;
    assert!(bodies[1].contains(TOO_MANY), "{bodies:?}");
}
