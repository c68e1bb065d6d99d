//! Writing sent after a session timed out is kept through signing in
//! again, on both databases, with the clock moved on instead of waited for.

mod common;

use common::concerns::start_concern;
use common::redirect_path;
use common::{spawn, Backend, TestApp, PASSWORD};

on_both_databases!(a_concern_written_after_the_session_ended_is_kept_through_signing_in,);

const WORDS: &str = "It took me a long time to write this. My carer shouts at night.";

async fn get_page(app: &TestApp, client: &reqwest::Client, path: &str) -> String {
    client
        .get(format!("{}{path}", app.address))
        .header("accept", "text/html")
        .send()
        .await
        .expect("page")
        .text()
        .await
        .expect("page body")
}

async fn sign_in(app: &TestApp, client: &reqwest::Client, login: &str) -> String {
    let answer = app
        .call(
            client,
            "sign-in",
            &[("login", login), ("password", PASSWORD)],
        )
        .await;
    assert!(answer.redirect().is_some(), "{}", answer.body);
    answer.body
}

async fn a_concern_written_after_the_session_ended_is_kept_through_signing_in(backend: Backend) {
    let app = spawn(backend).await;
    app.add_young_person("jordan").await;
    app.add_young_person("sam").await;
    let browser = app.signed_in("jordan").await;
    let (draft, page) = start_concern(&app, &browser, "concern").await;

    // Half an hour of writing: the session times out meanwhile.
    app.clock.advance(chrono::Duration::minutes(31));
    let refused = app
        .post_page(
            &browser,
            &page,
            &[
                ("_action", "/api/save-concern-step"),
                ("concern_id", &draft),
                ("step", "details"),
                ("details", WORDS),
            ],
        )
        .await;
    assert_eq!(refused.status(), 401);
    let refused = refused.text().await.expect("page");
    assert!(refused.contains("Please sign in"), "{refused}");
    assert!(
        !refused.contains("Signed in as"),
        "the header says who is signed in"
    );

    // Someone else signing in on the same browser is not sent to it.
    let other = sign_in(&app, &browser, "sam").await;
    assert!(!other.contains(&page), "{other}");
    assert!(!get_page(&app, &browser, &page).await.contains("my carer"));

    // Jordan signs in again and is back at the page, with every word.
    let again = sign_in(&app, &browser, "jordan").await;
    assert_eq!(
        redirect_path(&again, "/rights/").as_deref(),
        Some(page.as_str()),
        "{again}"
    );
    let back = get_page(&app, &browser, &page).await;
    assert!(back.contains("My carer shouts at night."), "{back}");
    assert!(back.contains("we kept what you wrote"), "{back}");

    // Sent again, it is saved.
    let saved = app
        .call(
            &browser,
            "save-concern-step",
            &[
                ("concern_id", &draft),
                ("step", "details"),
                ("details", WORDS),
            ],
        )
        .await;
    assert!(
        saved
            .redirect()
            .is_some_and(|path| path.contains("/wanted")),
        "{}",
        saved.body
    );
}
