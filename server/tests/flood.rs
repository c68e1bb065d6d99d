//! One visitor sending anonymous writing as fast as they can: what they may
//! send is limited, and their repeats show once in the duty advocate's
//! queue, so a real young person's flag is not buried.

mod common;

use app::rights::writing_limits::PER_ADDRESS;
use common::surveys::{survey_with_link, AnonymousPhone};
use common::{spawn, Backend, TestApp};
use std::sync::Arc;

on_both_databases!(
    anonymous_writing_from_one_address_is_limited,
    repeated_writing_shows_once_in_the_queue_beside_a_real_flag,
);

const HARM: &str = "I want to die";

/// An anonymous response to the pet survey, at the written question
/// ("What is its name?", shown after "yes").
async fn anonymous_response(app: &TestApp, link: &str) -> AnonymousPhone {
    let phone = AnonymousPhone::start(app, link).await;
    let yes = phone.answer(app, "1", "yes").await.body;
    assert!(yes.contains("Redirect"), "{yes}");
    phone
}

/// Writes `words` as the answer to `question`, and gives the server's answer.
async fn write(app: &TestApp, phone: &AnonymousPhone, question: &str, words: &str) -> String {
    phone.answer(app, question, words).await.body
}

async fn flags(app: &TestApp) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM harm_flags")
        .fetch_one(&app.db)
        .await
        .unwrap()
}

async fn anonymous_writing_from_one_address_is_limited(backend: Backend) {
    let app = Arc::new(spawn(backend).await);
    let link = survey_with_link(&app).await.link;
    let phone = anonymous_response(&app, &link).await;

    let sends: Vec<_> = (0..200)
        .map(|_| {
            let (app, phone) = (app.clone(), phone.clone());
            tokio::spawn(async move { write(&app, &phone, "2", HARM).await })
        })
        .collect();
    let mut refused = 0;
    for send in sends {
        let body = send.await.unwrap();
        if body.contains("a lot of writing") {
            refused += 1;
        } else {
            assert!(body.contains("/safe/"), "{body}");
        }
    }
    let raised = flags(&app).await;
    assert_eq!(
        raised, PER_ADDRESS.attempts as i64,
        "flags from one address in one moment"
    );
    assert_eq!(raised + refused, 200, "every send was flagged or refused");

    // A new response from the same address is still limited, and the
    // limit passes with time.
    let other = anonymous_response(&app, &link).await;
    let refused = write(&app, &other, "2", "Biscuit").await;
    assert!(refused.contains("a lot of writing"), "{refused}");
    assert!(
        refused.contains(r#""answer""#),
        "beside the field: {refused}"
    );
    app.clock.advance(chrono::Duration::minutes(11));
    let accepted = write(&app, &other, "2", "Biscuit").await;
    assert!(accepted.contains("Redirect"), "{accepted}");
}

async fn repeated_writing_shows_once_in_the_queue_beside_a_real_flag(backend: Backend) {
    let app = spawn(backend).await;
    let link = survey_with_link(&app).await.link;
    let phone = anonymous_response(&app, &link).await;
    for _ in 0..12 {
        let flagged = write(&app, &phone, "2", HARM).await;
        assert!(flagged.contains("/safe/"), "{flagged}");
    }
    app.clock.advance(chrono::Duration::minutes(5));
    let child = anonymous_response(&app, &link).await;
    let real = write(&app, &child, "2", "my dad hits me").await;
    assert!(real.contains("/safe/"), "{real}");

    app.add_staff("advocate@voice.example", "advocate").await;
    let advocate = app.signed_in("advocate@voice.example").await;
    let queue = app.page_text(&advocate, "/advocate").await;
    assert_eq!(
        queue.matches("/advocate/flags/").count(),
        2,
        "the repeats show once, the real flag on its own: {queue}"
    );
    assert!(queue.contains("Sent 12 times"), "{queue}");

    // Dealing with the repeats deals with all of them, and only them.
    let first: String =
        sqlx::query_scalar("SELECT id FROM harm_flags WHERE words = $1 ORDER BY raised_at LIMIT 1")
            .bind(HARM)
            .fetch_one(&app.db)
            .await
            .unwrap();
    let page = app
        .page_text(&advocate, &format!("/advocate/flags/{first}"))
        .await;
    assert!(
        page.contains("sent 12 times") && page.contains("covers them all"),
        "the flag says it stands for its repeats: {page}"
    );
    let handled = app
        .call(
            &advocate,
            "handle-flag",
            &[
                ("flag_id", &first),
                ("note", "The same words sent again and again"),
            ],
        )
        .await;
    assert!(handled.redirect().is_some(), "{}", handled.body);
    let open: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM harm_flags WHERE handled_at IS NULL")
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(open, 1, "the real flag is still open");
}
