//! Accounts an admin makes through HTTP, for the account and limits tests.

use super::{Answer, TestApp};

/// An admin account, signed in.
pub async fn admin(app: &TestApp) -> reqwest::Client {
    app.add_staff("admin@voice.example", "admin").await;
    app.signed_in("admin@voice.example").await
}

/// Has `admin` make the young person Riley (`username`, a care leaver born
/// June 2007); the answer holds Riley's activation code.
pub async fn create_young_person(app: &TestApp, admin: &reqwest::Client, username: &str) -> Answer {
    app.call(
        admin,
        "create-young-person",
        &[
            ("display_name", "Riley"),
            ("username", username),
            ("cohort", "care_leaver"),
            ("birth_month", "2007-06"),
        ],
    )
    .await
}

/// The activation code in an answer from `create_young_person`, as the
/// admin is shown it.
pub fn activation_code(created: &Answer) -> String {
    created
        .body
        .split(r#""code":""#)
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("a code")
        .to_string()
}
