//! Promise ratings and "you said, we did", through HTTP against a real
//! server on both databases.

mod common;

use app::domain::FaceRating;
use app::promises::rating::RatingOverview;
use app::promises::PromiseHistory;
use common::corrupt::{captured_log, force_update};
use common::{client, spawn, Backend};

on_both_databases!(
    a_promise_is_rated_once_per_period_and_can_be_changed,
    nobody_sees_another_young_persons_ratings,
    the_dashboard_hides_small_groups_and_shows_large_ones,
    a_published_action_shows_beside_its_promise,
    bad_ratings_are_explained_and_nothing_is_saved,
    a_stored_score_outside_the_faces_is_refused_and_logged,
);

async fn count_ratings(app: &common::TestApp) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM promise_ratings")
        .fetch_one(&app.db)
        .await
        .unwrap()
}

fn rate<'a>(promise: &'a str, rating: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("promise_id", promise),
        ("rating", rating),
        ("why", "my carer listens"),
        ("better", ""),
    ]
}

async fn a_promise_is_rated_once_per_period_and_can_be_changed(backend: Backend) {
    let app = spawn(backend).await;
    app.add_young_person("jordan").await;
    let young = app.signed_in("jordan").await;

    let first = app.call(&young, "rate-promise", &rate("1", "4")).await;
    assert_eq!(first.status, 200);
    assert!(
        first.redirect().as_deref() == Some("/promises/rate/2"),
        "goes on to promise 2: {}",
        first.body
    );
    // The same promise again in the same period changes the rating.
    app.call(&young, "rate-promise", &rate("1", "2")).await;
    assert_eq!(count_ratings(&app).await, 1);
    let score: Option<i64> = sqlx::query_scalar("SELECT score FROM promise_ratings")
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(score, Some(2));
    let overview = app.call(&young, "promises-to-rate", &[]).await;
    assert_eq!(my_ratings(&overview), [FaceRating::Score(2)]);

    // Six months on is a new period: a new rating, and the old one is history.
    app.clock.advance(chrono::Duration::days(183));
    let young = app.signed_in("jordan").await;
    let overview = app.call(&young, "promises-to-rate", &[]).await;
    assert_eq!(my_ratings(&overview), [], "nothing rated yet this period");
    app.call(&young, "rate-promise", &rate("1", "not_sure"))
        .await;
    assert_eq!(count_ratings(&app).await, 2);
    let history = app.call(&young, "my-promise-history", &[]).await;
    let rated: Vec<(String, FaceRating)> = history
        .json::<Vec<PromiseHistory>>()
        .into_iter()
        .flat_map(|promise| promise.ratings)
        .map(|(period, rating)| (period.key(), rating))
        .collect();
    assert_eq!(
        rated,
        [
            ("2027-04".to_string(), FaceRating::NotSure),
            ("2026-10".to_string(), FaceRating::Score(2))
        ]
    );
}

async fn nobody_sees_another_young_persons_ratings(backend: Backend) {
    let app = spawn(backend).await;
    app.add_young_person("jordan").await;
    app.add_young_person("riley").await;
    let jordan = app.signed_in("jordan").await;
    let riley = app.signed_in("riley").await;
    app.call(&jordan, "rate-promise", &rate("3", "5")).await;

    let rileys = app.call(&riley, "promises-to-rate", &[]).await;
    assert_eq!(rileys.status, 200);
    assert_eq!(my_ratings(&rileys), [], "{}", rileys.body);
    let history = app.call(&riley, "my-promise-history", &[]).await;
    let rated = history.json::<Vec<PromiseHistory>>();
    assert!(
        rated.iter().all(|promise| promise.ratings.is_empty()),
        "{}",
        history.body
    );
    // Staff cannot read young people's ratings through the rating pages either.
    app.add_staff("officer@voice.example", "participation_officer")
        .await;
    let officer = app.signed_in("officer@voice.example").await;
    assert_eq!(
        app.call(&officer, "promises-to-rate", &[]).await.status,
        403
    );
}

async fn the_dashboard_hides_small_groups_and_shows_large_ones(backend: Backend) {
    let app = spawn(backend).await;
    // The test young people are children in care aged 14.
    for n in 0..6 {
        let name = format!("young{n}");
        app.add_young_person(&name).await;
        let young = app.signed_in(&name).await;
        app.call(&young, "rate-promise", &rate("1", "4")).await;
        if n < 3 {
            app.call(&young, "rate-promise", &rate("2", "1")).await;
        }
    }
    app.add_staff("officer@voice.example", "participation_officer")
        .await;
    let officer = app.signed_in("officer@voice.example").await;
    let dashboard = app.call(&officer, "promise-dashboard", &[]).await;
    assert_eq!(dashboard.status, 200);
    let body: serde_json::Value = serde_json::from_str(&dashboard.body).unwrap();
    let everyone = |position: i64| {
        body["promises"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["promise"]["position"] == position)
            .unwrap()["groups"][0]["now"]
            .clone()
    };
    assert_eq!(everyone(1)["ratings"], serde_json::json!({"Count": 6}));
    assert_eq!(everyone(1)["mean"], serde_json::json!(4.0));
    assert_eq!(everyone(2)["ratings"], serde_json::json!("FewerThanFive"));
    assert_eq!(everyone(2)["mean"], serde_json::Value::Null);
    assert_eq!(
        body["waiting_comments"],
        serde_json::json!(9),
        "each rating's why"
    );
    // Comments come without names or account ids.
    let comments = app.call(&officer, "promise-comments", &[]).await;
    assert!(
        comments.body.contains("my carer listens"),
        "{}",
        comments.body
    );
    assert!(!comments.body.contains("young0") && !dashboard.body.contains("young0"));
}

async fn a_published_action_shows_beside_its_promise(backend: Backend) {
    let app = spawn(backend).await;
    app.add_staff("officer@voice.example", "participation_officer")
        .await;
    let officer = app.signed_in("officer@voice.example").await;
    let published = app
        .call(
            &officer,
            "publish-action",
            &[
                ("you_said", "Reviews are boring"),
                ("we_did", "Young people now chair their own reviews"),
                ("status", "in_progress"),
                ("period", "2026-10"),
                ("promise_ids[]", "2"),
                ("promise_ids[]", "4"),
            ],
        )
        .await;
    assert!(published.redirect().is_some(), "{}", published.body);

    let anyone = client();
    let for_two = app
        .call(&anyone, "list-actions", &[("promise_id", "2")])
        .await;
    assert!(for_two.body.contains("chair their own reviews"));
    let for_three = app
        .call(&anyone, "list-actions", &[("promise_id", "3")])
        .await;
    assert_eq!(for_three.body, "[]");
    let audit: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM audit_log WHERE action = 'action.published'")
            .fetch_one(&app.db)
            .await
            .unwrap();
    assert_eq!(audit, 1);
}

async fn bad_ratings_are_explained_and_nothing_is_saved(backend: Backend) {
    let app = spawn(backend).await;
    app.add_young_person("jordan").await;
    let young = app.signed_in("jordan").await;
    let long = "x".repeat(1001);
    for form in [
        vec![
            ("promise_id", "1"),
            ("rating", "9"),
            ("why", ""),
            ("better", ""),
        ],
        vec![("promise_id", "1"), ("why", ""), ("better", "")],
        vec![
            ("promise_id", "1"),
            ("rating", "3"),
            ("why", long.as_str()),
            ("better", ""),
        ],
        vec![
            ("promise_id", "999"),
            ("rating", "3"),
            ("why", ""),
            ("better", ""),
        ],
    ] {
        let answer = app.call(&young, "rate-promise", &form).await;
        assert_eq!(answer.status, 200);
        assert!(answer.field_errors().is_some(), "{}", answer.body);
    }
    let malformed = app
        .call(
            &young,
            "rate-promise",
            &[("promise_id", "one"), ("why", ""), ("better", "")],
        )
        .await;
    assert_eq!(malformed.status, 400, "{}", malformed.body);
    assert_eq!(
        serde_json::from_str::<app::errors::VoiceError>(&malformed.body).ok(),
        Some(app::errors::VoiceError::unreadable())
    );
    assert_eq!(count_ratings(&app).await, 0);
}

/// A score no face has (a 9, put past the CHECK) is an error, logged, on the
/// young person's history and on the dashboard: never a guess or "not sure".
async fn a_stored_score_outside_the_faces_is_refused_and_logged(backend: Backend) {
    let log = captured_log();
    let app = spawn(backend).await;
    app.add_young_person("jordan").await;
    let young = app.signed_in("jordan").await;
    app.call(&young, "rate-promise", &rate("1", "4")).await;
    app.add_staff("officer@voice.example", "participation_officer")
        .await;
    let officer = app.signed_in("officer@voice.example").await;
    force_update(
        &app,
        backend,
        "promise_ratings_score_check",
        "UPDATE promise_ratings SET score = 9",
    )
    .await;
    for (reader, call) in [
        (&young, "my-promise-history"),
        (&officer, "promise-dashboard"),
    ] {
        let reply = app.call(reader, call, &[]).await;
        assert_eq!(reply.status, 500, "{call}: {}", reply.body);
        assert!(!reply.body.contains("Score"), "{call}: {}", reply.body);
    }
    assert!(
        log.text().contains("face score (1 to 5)"),
        "the score is not in the log:\n{}",
        log.text()
    );
}

/// The ratings this period's overview says the caller has given.
fn my_ratings(overview: &common::Answer) -> Vec<FaceRating> {
    overview
        .json::<RatingOverview>()
        .promises
        .into_iter()
        .filter_map(|(_, mine)| mine.map(|mine| mine.rating))
        .collect()
}
