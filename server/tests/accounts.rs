//! Signing in and out, activation codes, sessions and the admin's account
//! actions, through HTTP against a real server on both databases.

mod common;

use app::accounts::{CLOSED_ACCOUNT, WRONG_CODE, WRONG_SIGN_IN};
use app::audit::{log::AuditLog, AuditAction};
use common::accounts::{activation_code, admin, create_young_person};
use common::{client, session_cookie, spawn, Backend, TestApp, PASSWORD};

on_both_databases!(
    signing_in_starts_an_http_only_session,
    unknown_user_and_wrong_password_get_the_same_answer,
    signing_out_ends_the_session_on_the_server,
    sign_in_is_rate_limited_per_account_until_the_window_passes,
    an_activation_code_works_once,
    the_session_id_is_renewed_at_sign_in,
    a_closed_account_is_refused_and_signed_out,
    an_idle_session_times_out,
    admin_actions_are_written_to_the_audit_log,
    audit_times_are_uk_time_and_say_so,
    a_copy_of_the_database_cannot_activate_an_account,
);

async fn signing_in_starts_an_http_only_session(backend: Backend) {
    let app = spawn(backend).await;
    app.add_young_person("jordan").await;
    let client = client();

    let answer = app
        .call(
            &client,
            "sign-in",
            &[("login", "Jordan"), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(answer.status, 200);
    assert!(answer.redirect().as_deref() == Some("/"), "{}", answer.body);
    let cookie = session_cookie(&answer.headers).expect("a session cookie");
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"),
        "{cookie}"
    );

    let me = app
        .call(&client, "current-user", &[])
        .await
        .json::<Option<app::auth::SessionUser>>()
        .expect("signed in");
    assert_eq!(
        (me.display_name.as_str(), me.role),
        ("Jordan", app::domain::Role::YoungPerson)
    );
}

async fn unknown_user_and_wrong_password_get_the_same_answer(backend: Backend) {
    let app = spawn(backend).await;
    app.add_young_person("jordan").await;
    let wrong_password = app
        .call(
            &client(),
            "sign-in",
            &[("login", "jordan"), ("password", "not it at all")],
        )
        .await;
    let unknown = app
        .call(
            &client(),
            "sign-in",
            &[("login", "nobody"), ("password", "not it at all")],
        )
        .await;
    assert!(
        wrong_password.body.contains(WRONG_SIGN_IN),
        "{}",
        wrong_password.body
    );
    assert_eq!(wrong_password.body, unknown.body);
    assert!(session_cookie(&wrong_password.headers).is_none());
}

async fn signing_out_ends_the_session_on_the_server(backend: Backend) {
    let app = spawn(backend).await;
    app.add_young_person("jordan").await;
    let first = client();
    let answer = app
        .call(
            &first,
            "sign-in",
            &[("login", "jordan"), ("password", PASSWORD)],
        )
        .await;
    let token = session_cookie(&answer.headers)
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .to_string();

    let signed_out = app.call(&first, "sign-out", &[]).await;
    assert!(session_cookie(&signed_out.headers)
        .unwrap()
        .contains("Max-Age=0"));

    // Replaying the old cookie from elsewhere does not work: the session is gone.
    let replay = client()
        .post(format!("{}/api/current-user", app.address))
        .header("cookie", token)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert_eq!(replay, "null");
}

async fn sign_in_is_rate_limited_per_account_until_the_window_passes(backend: Backend) {
    let app = spawn(backend).await;
    app.add_young_person("jordan").await;
    for _ in 0..5 {
        let answer = app
            .call(
                &client(),
                "sign-in",
                &[("login", "jordan"), ("password", "wrong password")],
            )
            .await;
        assert!(answer.body.contains(WRONG_SIGN_IN));
    }
    let held = app
        .call(
            &client(),
            "sign-in",
            &[("login", "jordan"), ("password", PASSWORD)],
        )
        .await;
    assert!(
        held.body.contains("Too many attempts. Wait 15 minutes"),
        "{}",
        held.body
    );
    assert!(session_cookie(&held.headers).is_none());

    // Someone else can still sign in from the same address.
    app.add_young_person("casey").await;
    app.signed_in("casey").await;

    app.clock.advance(chrono::Duration::minutes(15));
    app.signed_in("jordan").await;
}

async fn an_activation_code_works_once(backend: Backend) {
    let app = spawn(backend).await;
    let admin = admin(&app).await;

    let created = create_young_person(&app, &admin, "riley").await;
    assert_eq!(created.status, 200, "{}", created.body);
    let code = activation_code(&created);
    assert!(
        created.body.contains("<svg"),
        "a QR code comes with the code"
    );

    // Before activation the account cannot sign in at all.
    let early = app
        .call(
            &client(),
            "sign-in",
            &[("login", "riley"), ("password", PASSWORD)],
        )
        .await;
    assert!(early.body.contains(WRONG_SIGN_IN));

    let young = client();
    let activated = app
        .call(
            &young,
            "activate",
            &[
                ("code", &code.to_lowercase()),
                ("password", "blue river stone"),
                ("password_confirmation", "blue river stone"),
            ],
        )
        .await;
    assert!(activated.redirect().is_some(), "{}", activated.body);
    assert!(app
        .call(&young, "current-user", &[])
        .await
        .body
        .contains("Riley"));

    let again = app
        .call(
            &client(),
            "activate",
            &[
                ("code", &code),
                ("password", "another long one"),
                ("password_confirmation", "another long one"),
            ],
        )
        .await;
    assert!(again.body.contains(WRONG_CODE), "{}", again.body);
    let signed_in = app
        .call(
            &client(),
            "sign-in",
            &[("login", "riley"), ("password", "blue river stone")],
        )
        .await;
    assert!(signed_in.redirect().is_some());
}

async fn the_session_id_is_renewed_at_sign_in(backend: Backend) {
    let app = spawn(backend).await;
    app.add_young_person("jordan").await;
    let client = client();
    let first = app
        .call(
            &client,
            "sign-in",
            &[("login", "jordan"), ("password", PASSWORD)],
        )
        .await;
    let second = app
        .call(
            &client,
            "sign-in",
            &[("login", "jordan"), ("password", PASSWORD)],
        )
        .await;
    let first_token = session_cookie(&first.headers)
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .to_string();
    let second_token = session_cookie(&second.headers)
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .to_string();
    assert_ne!(first_token, second_token);
    let old = common::client()
        .post(format!("{}/api/current-user", app.address))
        .header("cookie", first_token)
        .send()
        .await
        .unwrap();
    assert_eq!(
        old.text().await.unwrap(),
        "null",
        "the session from before sign-in is ended"
    );
}

async fn a_closed_account_is_refused_and_signed_out(backend: Backend) {
    let app = spawn(backend).await;
    app.add_staff("admin@voice.example", "admin").await;
    app.add_young_person("jordan").await;
    let admin = app.signed_in("admin@voice.example").await;
    let young = app.signed_in("jordan").await;
    let (id,): (String,) = sqlx::query_as("SELECT id FROM accounts WHERE username = 'jordan'")
        .fetch_one(&app.db)
        .await
        .unwrap();

    let closed = app
        .call(&admin, "deactivate-account", &[("account_id", &id)])
        .await;
    assert!(closed.redirect().is_some(), "{}", closed.body);

    assert_eq!(app.call(&young, "current-user", &[]).await.body, "null");
    let refused = app
        .call(
            &client(),
            "sign-in",
            &[("login", "jordan"), ("password", PASSWORD)],
        )
        .await;
    assert!(refused.body.contains(CLOSED_ACCOUNT), "{}", refused.body);
    assert!(session_cookie(&refused.headers).is_none());
}

async fn an_idle_session_times_out(backend: Backend) {
    let app = spawn(backend).await;
    app.add_young_person("jordan").await;
    let young = app.signed_in("jordan").await;
    app.clock.advance(chrono::Duration::minutes(29));
    assert!(
        app.call(&young, "current-user", &[])
            .await
            .body
            .contains("Jordan"),
        "still active at 29 minutes"
    );
    app.clock.advance(chrono::Duration::minutes(31));
    assert_eq!(app.call(&young, "current-user", &[]).await.body, "null");
}

async fn admin_actions_are_written_to_the_audit_log(backend: Backend) {
    let app = spawn(backend).await;
    app.add_staff("admin@voice.example", "admin").await;
    app.add_young_person("jordan").await;
    let admin = app.signed_in("admin@voice.example").await;
    let (id,): (String,) = sqlx::query_as("SELECT id FROM accounts WHERE username = 'jordan'")
        .fetch_one(&app.db)
        .await
        .unwrap();

    create_advocate(&app, &admin).await;
    app.call(&admin, "reissue-code", &[("account_id", &id)])
        .await;
    app.call(&admin, "deactivate-account", &[("account_id", &id)])
        .await;

    let log = app
        .call(&admin, "audit-entries", &[])
        .await
        .json::<AuditLog>();
    let actions: Vec<AuditAction> = log
        .found
        .list
        .items
        .iter()
        .map(|entry| entry.action)
        .collect();
    for action in [
        AuditAction::AccountCreated,
        AuditAction::AccountCodeReissued,
        AuditAction::AccountDeactivated,
    ] {
        assert!(
            actions.contains(&action),
            "{action:?} missing from {actions:?}"
        );
    }
    let by_the_admin: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM audit_log WHERE actor_account_id IS NOT NULL")
            .fetch_one(&app.db)
            .await
            .unwrap();
    assert_eq!(
        by_the_admin, 3,
        "each of the admin's three actions names the admin"
    );
}

fn unkeyed_hash(code: &str) -> String {
    use sha2::{Digest, Sha256};
    let canonical: String = code.chars().filter(|c| *c != '-').collect();
    Sha256::digest(canonical.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Someone with a copy of the database knows how codes are hashed but not
/// the server's key: what is stored cannot be matched to a code, and a code
/// they write in themselves does not activate the account.
async fn a_copy_of_the_database_cannot_activate_an_account(backend: Backend) {
    let app = spawn(backend).await;
    let admin = admin(&app).await;
    let code = activation_code(&create_young_person(&app, &admin, "riley").await);
    let letters = code.chars().filter(char::is_ascii_alphanumeric).count();
    assert!(
        letters >= 12,
        "a code long enough not to be guessed: {code}"
    );
    let stored: String =
        sqlx::query_scalar("SELECT activation_code_hash FROM accounts WHERE username = 'riley'")
            .fetch_one(&app.db)
            .await
            .unwrap();
    assert_ne!(
        stored,
        unkeyed_hash(&code),
        "not the plain SHA-256 of the code"
    );

    let planted = code.chars().rev().collect::<String>();
    sqlx::query("UPDATE accounts SET activation_code_hash = $1 WHERE username = 'riley'")
        .bind(unkeyed_hash(&planted))
        .execute(&app.db)
        .await
        .unwrap();
    let activated = app
        .call(
            &client(),
            "activate",
            &[
                ("code", &planted),
                ("password", "blue river stone"),
                ("password_confirmation", "blue river stone"),
            ],
        )
        .await;
    assert!(activated.body.contains(WRONG_CODE), "{}", activated.body);
}

async fn audit_times_are_uk_time_and_say_so(backend: Backend) {
    let app = spawn(backend).await;
    app.add_staff("admin@voice.example", "admin").await;
    // From 23 November 2026, 10:00 UTC, to 11 June 2027, 10:00 UTC: 11:00 in
    // British Summer Time.
    app.clock.advance(chrono::Duration::days(200));
    let admin = app.signed_in("admin@voice.example").await;
    create_advocate(&app, &admin).await;
    let log = app
        .call(&admin, "audit-entries", &[])
        .await
        .json::<AuditLog>();
    let created = log
        .found
        .list
        .items
        .iter()
        .find(|entry| entry.action == AuditAction::AccountCreated)
        .expect("the new account's line");
    assert_eq!(created.at, "11 Jun 2027 11:00 UK time");
}

/// The admin adds Ash, an advocate (an audited action).
async fn create_advocate(app: &TestApp, admin: &reqwest::Client) {
    app.call(
        admin,
        "create-staff",
        &[
            ("display_name", "Ash"),
            ("email", "ash@voice.example"),
            ("role", "advocate"),
        ],
    )
    .await;
}
