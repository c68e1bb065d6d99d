//! A young person's concern (Right to Rights), written and sent through
//! HTTP as the concern pages do it, for the rights and safety tests.

use super::TestApp;

/// Starts a concern draft of `kind` ("concern", "help", ...) as `young`:
/// the draft's id and the address of its first page.
pub async fn start_concern(app: &TestApp, young: &reqwest::Client, kind: &str) -> (String, String) {
    let started = app.call(young, "start-concern", &[("kind", kind)]).await;
    let first_page = started.redirect_to("/rights/new/").expect("the first page");
    let id = first_page.split('/').nth(3).expect("draft id").to_string();
    (id, first_page)
}

/// Saves one page (`step`) of the draft `id` with `fields`, and gives the
/// server's answer.
pub async fn save_concern_step(
    app: &TestApp,
    young: &reqwest::Client,
    id: &str,
    step: &str,
    fields: &[(&str, &str)],
) -> String {
    let mut form = vec![("concern_id", id), ("step", step)];
    form.extend_from_slice(fields);
    app.call(young, "save-concern-step", &form).await.body
}

/// A new concern draft with `details` written, and its id.
pub async fn concern_draft(app: &TestApp, young: &reqwest::Client, details: &str) -> String {
    let (id, _) = start_concern(app, young, "concern").await;
    save_concern_step(app, young, &id, "details", &[("details", details)]).await;
    id
}

/// The key the check page puts in the send form of the draft `id`.
pub async fn concern_submission_key(app: &TestApp, young: &reqwest::Client, id: &str) -> String {
    let draft = app
        .call(young, "concern-draft", &[("concern_id", id)])
        .await;
    let json: serde_json::Value = serde_json::from_str(&draft.body).expect("json");
    json["submission_key"].as_str().expect("a key").to_string()
}

/// Sends the draft `id` with `key`, and gives the server's answer (which
/// must say it was sent).
pub async fn send_concern(app: &TestApp, young: &reqwest::Client, id: &str, key: &str) -> String {
    let sent = app
        .call(
            young,
            "send-concern",
            &[("concern_id", id), ("submission_key", key)],
        )
        .await;
    assert!(
        sent.redirect().is_some_and(|path| path.contains("?sent=1")),
        "{}",
        sent.body
    );
    sent.body
}
