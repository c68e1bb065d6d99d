//! Quotes for reports, approved from promise comments and survey answers,
//! through HTTP against a real server on both databases.

mod common;

use common::surveys::{anonymous_link, officer, open_survey, AnonymousPhone};
use common::{spawn, Backend, TestApp};

on_both_databases!(
    a_promise_comment_is_quoted_edited_and_withdrawn,
    a_sent_survey_answer_is_quoted_and_shown_with_the_results,
    bad_quotes_are_explained_and_nothing_is_saved,
);

async fn quotes(app: &TestApp) -> Vec<(String, String, String, String)> {
    sqlx::query_as(
        "SELECT source_kind, source_field, period, quote FROM approved_quotes ORDER BY source_kind",
    )
    .fetch_all(&app.db)
    .await
    .unwrap()
}

/// The id of the one promise rating, and the source that names its "why?"
/// words.
async fn rating_and_its_why(app: &TestApp) -> (String, String) {
    let rating: String = sqlx::query_scalar("SELECT id FROM promise_ratings")
        .fetch_one(&app.db)
        .await
        .unwrap();
    let source = format!("promise_rating/{rating}/why");
    (rating, source)
}

/// Has `officer` approve `quote` from the words at `source`.
async fn approve_quote(
    app: &TestApp,
    officer: &reqwest::Client,
    source: &str,
    quote: &str,
) -> common::Answer {
    app.call(
        officer,
        "approve-quote",
        &[("source", source), ("quote", quote)],
    )
    .await
}

async fn a_promise_comment_is_quoted_edited_and_withdrawn(backend: Backend) {
    let app = spawn(backend).await;
    let officer = officer(&app).await;
    app.add_young_person("jordan").await;
    let young = app.signed_in("jordan").await;
    let rate = |why: &'static str| {
        vec![
            ("promise_id", "3"),
            ("rating", "4"),
            ("why", why),
            ("better", ""),
        ]
    };
    app.call(&young, "rate-promise", &rate("Sam my carer listens"))
        .await;
    let (rating, source) = rating_and_its_why(&app).await;

    let dashboard = app.call(&officer, "promise-dashboard", &[]).await;
    assert!(dashboard.body.contains(&rating), "{}", dashboard.body);
    let approved = approve_quote(&app, &officer, &source, " My carer listens ").await;
    assert!(
        approved
            .redirect()
            .is_some_and(|path| path.contains("/officer/promises#comments")),
        "{}",
        approved.body
    );
    // Approving again replaces the words.
    approve_quote(&app, &officer, &source, "[My carer] listens").await;
    assert_eq!(
        quotes(&app).await,
        vec![(
            "promise_rating".into(),
            "why".into(),
            "2026-10".into(),
            "[My carer] listens".into()
        )]
    );
    let dashboard = app.call(&officer, "promise-dashboard", &[]).await;
    assert!(dashboard.body.contains("[My carer] listens"));

    // Words the young person changes are no longer theirs to quote.
    app.call(&young, "rate-promise", &rate("they listen")).await;
    assert!(quotes(&app).await.is_empty());

    approve_quote(&app, &officer, &source, "they listen").await;
    let withdrawn = app
        .call(&officer, "withdraw-quote", &[("source", &source)])
        .await;
    assert!(withdrawn.redirect().is_some(), "{}", withdrawn.body);
    assert!(quotes(&app).await.is_empty());
    let audit: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM audit_log WHERE action LIKE 'quote.%'")
            .fetch_one(&app.db)
            .await
            .unwrap();
    assert_eq!(audit, 4, "three approvals and a withdrawal");
}

/// Answers the survey from `open_survey` through an anonymous link, naming
/// the pet, and gives the response id (sent only if `send`).
async fn answer_anonymously(app: &TestApp, link: &str, send: bool) -> String {
    let phone = AnonymousPhone::start(app, link).await;
    for (question, value) in [("1", "yes"), ("2", "Biscuit, says Kai"), ("3", "5")] {
        phone.answer(app, question, value).await;
    }
    if send {
        phone.send(app).await;
    }
    phone.response
}

async fn a_sent_survey_answer_is_quoted_and_shown_with_the_results(backend: Backend) {
    let app = spawn(backend).await;
    let officer = officer(&app).await;
    let survey = open_survey(&app, &officer).await;
    let link = anonymous_link(&app, &officer, &survey, "").await;
    let sent = answer_anonymously(&app, &link, true).await;
    let unsent = answer_anonymously(&app, &link, false).await;

    let approved = approve_quote(
        &app,
        &officer,
        &format!("survey_answer/{sent}/2"),
        "Biscuit",
    )
    .await;
    assert!(
        approved.body.contains(&format!(
            "/officer/surveys/{survey}/results?version=1#question-2"
        )),
        "{}",
        approved.body
    );
    assert_eq!(
        quotes(&app).await,
        vec![(
            "survey_answer".into(),
            "2".into(),
            "2026-10".into(),
            "Biscuit".into()
        )]
    );
    let results = app
        .call(&officer, "survey-results", &[("survey_id", &survey)])
        .await;
    assert!(
        results.body.contains(r#""approved":"Biscuit""#),
        "{}",
        results.body
    );

    // Words not sent yet, and questions that were not written answers, are not there to quote.
    for source in [
        format!("survey_answer/{unsent}/2"),
        format!("survey_answer/{sent}/9"),
    ] {
        let refused = approve_quote(&app, &officer, &source, "Biscuit").await;
        assert!(
            refused.body.contains("could not be found"),
            "{}",
            refused.body
        );
    }
    assert_eq!(quotes(&app).await.len(), 1);
}

async fn bad_quotes_are_explained_and_nothing_is_saved(backend: Backend) {
    let app = spawn(backend).await;
    let officer = officer(&app).await;
    app.add_young_person("jordan").await;
    let young = app.signed_in("jordan").await;
    app.call(
        &young,
        "rate-promise",
        &[
            ("promise_id", "1"),
            ("rating", "2"),
            ("why", "no one calls back"),
            ("better", ""),
        ],
    )
    .await;
    let (rating, source) = rating_and_its_why(&app).await;
    let empty = approve_quote(&app, &officer, &source, "   ").await;
    assert!(
        empty
            .body
            .contains(&format!("quote-promise-rating-{rating}-why")),
        "the error is beside the card's own field: {}",
        empty.body
    );
    assert!(empty.body.contains("Enter the words to quote"));
    let long = "x".repeat(1001);
    let too_long = approve_quote(&app, &officer, &source, &long).await;
    assert!(too_long.body.contains("1000 characters or fewer"));
    for wrong in [
        "promise_rating/no-such-rating/why",
        &format!("promise_rating/{rating}/name"),
        "nonsense",
    ] {
        let refused = approve_quote(&app, &officer, wrong, "fine words").await;
        assert!(
            refused.body.contains("could not be found"),
            "{}",
            refused.body
        );
    }
    assert!(quotes(&app).await.is_empty());
}
