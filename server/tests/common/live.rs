//! A live forum session, set up through HTTP as a facilitator sets it up,
//! for the live tests and the safety tests.

use super::TestApp;

/// An open session: its id, its join code and the facilitator running it.
pub struct Session {
    pub id: String,
    pub code: String,
    pub facilitator: reqwest::Client,
}

/// A facilitator account with `email`, signed in.
pub async fn facilitator(app: &TestApp, email: &str) -> reqwest::Client {
    app.add_staff(email, "facilitator").await;
    app.signed_in(email).await
}

/// Creates "December LACC" (forum 1, held on 24 November, results shown
/// from 3 answers) as `facilitator`, adds `activities` (each its form
/// fields, such as kind and prompt) in order, and opens it.
pub async fn open_session(
    app: &TestApp,
    facilitator: reqwest::Client,
    activities: &[&[(&str, &str)]],
) -> Session {
    let created = app
        .call(
            &facilitator,
            "create-session",
            &[
                ("forum_id", "1"),
                ("title", "December LACC"),
                ("held_on", "2026-11-24"),
                ("min_answers", "3"),
            ],
        )
        .await;
    let path = created
        .redirect_to("/facilitator/sessions/")
        .expect("the run page");
    let id = path
        .trim_start_matches("/facilitator/sessions/")
        .to_string();
    for fields in activities {
        let mut form = vec![("session_id", id.as_str())];
        form.extend_from_slice(fields);
        let added = app.call(&facilitator, "add-activity", &form).await;
        assert!(added.redirect().is_some(), "{}", added.body);
    }
    let opened = app
        .call(&facilitator, "open-session", &[("session_id", &id)])
        .await;
    assert!(opened.redirect().is_some(), "{}", opened.body);
    let code: String = sqlx::query_scalar("SELECT join_code FROM live_sessions WHERE id = $1")
        .bind(&id)
        .fetch_one(&app.db)
        .await
        .unwrap();
    Session {
        id,
        code,
        facilitator,
    }
}

/// The id of the session's activity at `position` (from 1).
pub async fn activity(app: &TestApp, session: &Session, position: i64) -> String {
    let id: i64 = sqlx::query_scalar(
        "SELECT id FROM live_activities WHERE session_id = $1 AND position = $2",
    )
    .bind(&session.id)
    .bind(position)
    .fetch_one(&app.db)
    .await
    .unwrap();
    id.to_string()
}

/// Shows `activity` on the session's screens.
pub async fn show(app: &TestApp, session: &Session, activity: &str) {
    let shown = app
        .call(
            &session.facilitator,
            "show-activity",
            &[("session_id", &session.id), ("activity_id", activity)],
        )
        .await;
    assert!(shown.redirect().is_some(), "{}", shown.body);
}
