//! Quotes for reports, approved from promise comments and survey answers,
//! through HTTP against a real server on both databases.

mod common;

use common::surveys::{anonymous_link, officer, open_survey, AnonymousPhone};
use common::{spawn, Backend, TestApp};

on_both_databases!(
    a_promise_comment_is_quoted_edited_and_withdrawn,
    a_sent_survey_answer_is_quoted_and_shown_with_the_results,
    bad_quotes_are_explained_and_nothing_is_saved,
    the_comment_queue_loses_what_is_dealt_with_a_page_at_a_time,
    forty_dismissals_at_once_keep_one_and_audit_it_once,
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

    let queue = app.call(&officer, "promise-comments", &[]).await;
    assert!(queue.body.contains(&rating), "{}", queue.body);
    let approved = approve_quote(&app, &officer, &source, " My carer listens ").await;
    assert_eq!(
        approved.redirect().as_deref(),
        Some("/officer/quotes"),
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
    let approved_list = app
        .call(&officer, "promise-comments", &[("show", "approved")])
        .await;
    assert!(approved_list.body.contains("[My carer] listens"));

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

/// 30 young people each wrote "Comment NN" on promise NN % 9 + 1 this
/// period (the test clock's, October 2026 to March 2027).
async fn thirty_comments(app: &TestApp) {
    for n in 0..30i64 {
        sqlx::query(
            "INSERT INTO accounts (id, role, display_name, username, cohort, birth_year, birth_month, created_at) \
             VALUES ($1, 'young_person', 'Jo', $2, 'child_in_care', 2012, 1, 1700000000)",
        )
        .bind(format!("young{n:02}"))
        .bind(format!("jo.{n:02}"))
        .execute(&app.db)
        .await
        .unwrap();
        sqlx::query(
            "INSERT INTO promise_ratings (id, account_id, promise_id, period, score, why, better, cohort, \
             age_band, rated_at, changed_at) \
             VALUES ($1, $2, $3, '2026-10', 3, $4, '', 'child_in_care', '11-18', $5, $5)",
        )
        .bind(format!("r{n:02}"))
        .bind(format!("young{n:02}"))
        .bind(n % 9 + 1)
        .bind(format!("Comment {n:02}"))
        .bind(1_790_000_000 + n)
        .execute(&app.db)
        .await
        .unwrap();
    }
}

async fn the_comment_queue_loses_what_is_dealt_with_a_page_at_a_time(backend: Backend) {
    use app::domain::paging::PAGE_SIZE;
    use app::promises::comments::{CommentQueue, CommentState};
    let app = spawn(backend).await;
    let officer = officer(&app).await;
    thirty_comments(&app).await;
    let queue = |address: Vec<(&'static str, &'static str)>| {
        let (app, officer) = (&app, &officer);
        async move {
            let answer = app.call(officer, "promise-comments", &address).await;
            assert_eq!(answer.status, 200, "{}", answer.body);
            answer.json::<CommentQueue>().found
        }
    };

    let waiting = queue(vec![]).await;
    assert_eq!(
        (waiting.list.total, waiting.list.items.len() as u64),
        (30, PAGE_SIZE)
    );
    assert_eq!(waiting.filter.state, CommentState::Waiting);
    assert_eq!(queue(vec![("page", "2")]).await.list.items.len(), 5);
    assert_eq!(
        queue(vec![("page", "-1"), ("show", "everything")])
            .await
            .list
            .total,
        30
    );
    let on_promise_one = queue(vec![("promise", "1")]).await;
    assert_eq!(on_promise_one.list.total, 4, "comments 00, 09, 18 and 27");
    assert_eq!(queue(vec![("period", "2026-04")]).await.list.total, 0);

    // Dismissed, twice over (a double click): it leaves the queue once, the
    // officer goes back to the page of the queue they were on, and both the
    // dismissal and the audit line say who.
    let source = "promise_rating/r00/why";
    for _ in 0..2 {
        let dismissed = app
            .call(
                &officer,
                "dismiss-writing",
                &[("source", source), ("then", "/officer/quotes?promise=1")],
            )
            .await;
        assert_eq!(
            dismissed.redirect().as_deref(),
            Some("/officer/quotes?promise=1"),
            "{}",
            dismissed.body
        );
    }
    assert_eq!(queue(vec![("promise", "1")]).await.list.total, 3);
    let not_quoted = queue(vec![("promise", "1"), ("show", "dismissed")]).await;
    assert_eq!(
        not_quoted
            .list
            .items
            .iter()
            .map(|w| w.text.as_str())
            .collect::<Vec<_>>(),
        ["Comment 00"]
    );
    let dismissals: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM dismissed_writing d JOIN accounts a ON a.id = d.dismissed_by \
         WHERE a.role = 'participation_officer'",
    )
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert_eq!(dismissals, 1);

    // Approving it after all takes the dismissal back; an address to
    // another site is not followed.
    let approved = app
        .call(
            &officer,
            "approve-quote",
            &[
                ("source", source),
                ("quote", "Comment"),
                ("then", "//evil.example"),
            ],
        )
        .await;
    assert_eq!(
        approved.redirect().as_deref(),
        Some("/officer/quotes"),
        "{}",
        approved.body
    );
    assert_eq!(queue(vec![("show", "dismissed")]).await.list.total, 0);
    assert_eq!(queue(vec![("show", "approved")]).await.list.total, 1);
    assert_eq!(queue(vec![]).await.list.total, 29);

    let page = app.page_text(&officer, "/officer/quotes?page=2").await;
    assert!(
        page.contains("Page 2 of 2") && page.contains("Do not quote"),
        "{page}"
    );
    assert!(
        page.contains(r#"name="then" value="/officer/quotes?page=2""#),
        "{page}"
    );
}

/// The same "Do not quote" sent 40 times at once (clicks, tabs, retries):
/// every one is answered with the way back, one dismissal is kept, and the
/// audit log says it once.
async fn forty_dismissals_at_once_keep_one_and_audit_it_once(backend: Backend) {
    let app = spawn(backend).await;
    let officer = officer(&app).await;
    thirty_comments(&app).await;
    let sends = (0..40).map(|_| {
        app.call(
            &officer,
            "dismiss-writing",
            &[
                ("source", "promise_rating/r07/why"),
                ("then", "/officer/quotes"),
            ],
        )
    });
    for answer in futures_util::future::join_all(sends).await {
        assert_eq!(
            answer.redirect().as_deref(),
            Some("/officer/quotes"),
            "{}",
            answer.body
        );
    }
    let count = |sql: &'static str| {
        let db = app.db.clone();
        async move {
            sqlx::query_scalar::<_, i64>(sql)
                .fetch_one(&db)
                .await
                .unwrap()
        }
    };
    assert_eq!(count("SELECT COUNT(*) FROM dismissed_writing").await, 1);
    assert_eq!(
        count("SELECT COUNT(*) FROM audit_log WHERE action = 'quote.dismissed'").await,
        1
    );
}
