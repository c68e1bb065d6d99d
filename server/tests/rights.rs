//! Right to Rights and safeguarding through HTTP, on both databases.

mod common;

use common::concerns::{concern_submission_key, save_concern_step, send_concern, start_concern};
use common::corrupt::{captured_log, force_update};
use common::surveys::{survey_with_link, AnonymousPhone};
use common::{spawn, Backend, TestApp};

on_both_databases!(
    a_concern_is_sent_once_with_a_reference_and_a_due_date,
    every_staff_view_is_in_the_audit_log_and_officers_are_refused,
    a_young_person_cannot_reach_another_young_persons_concern,
    an_advocate_works_a_concern_through_to_the_next_stage,
    bad_input_is_explained_beside_the_field,
    anonymous_writing_that_suggests_harm_is_flagged_and_stays_anonymous,
    a_stored_status_or_due_date_that_does_not_read_is_refused_and_logged,
    a_change_whose_audit_line_cannot_be_written_is_not_made,
);

/// Raises a concern as `young` through every page and returns its id and
/// the key to send it with.
async fn raise(app: &TestApp, young: &reqwest::Client, details: &str) -> (String, String) {
    let (id, _) = start_concern(app, young, "concern").await;
    for (step, fields) in [
        ("details", vec![("details", details)]),
        ("wanted", vec![("wanted", "Somebody to talk to my carer")]),
        (
            "contact",
            vec![
                ("contact_method", "text"),
                ("contact_number", "07700 900 982"),
                ("safe_times", "Not after 6pm"),
            ],
        ),
    ] {
        let saved = save_concern_step(app, young, &id, step, &fields).await;
        assert!(saved.contains("Redirect"), "{step}: {saved}");
    }
    let key = concern_submission_key(app, young, &id).await;
    (id, key)
}

async fn young_person(app: &TestApp, username: &str) -> reqwest::Client {
    app.add_young_person(username).await;
    app.signed_in(username).await
}

async fn advocate(app: &TestApp) -> reqwest::Client {
    app.add_staff("advocate@voice.example", "advocate").await;
    app.signed_in("advocate@voice.example").await
}

async fn count(app: &TestApp, sql: &str, bind: &str) -> i64 {
    sqlx::query_scalar(sql)
        .bind(bind)
        .fetch_one(&app.db)
        .await
        .expect("count")
}

async fn a_concern_is_sent_once_with_a_reference_and_a_due_date(backend: Backend) {
    let app = spawn(backend).await;
    let young = young_person(&app, "robin").await;
    let (id, key) = raise(&app, &young, "My placement moved without anyone asking me").await;
    send_concern(&app, &young, &id, &key).await;
    // The same send again (a retry after a dropped connection) changes nothing.
    send_concern(&app, &young, &id, &key).await;
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM concerns WHERE account_id IN (SELECT id FROM accounts WHERE username = $1)", "robin").await,
        1
    );
    let (reference, status, received_on, due_on, cohort): (String, String, String, String, String) =
        sqlx::query_as(
            "SELECT reference, status, received_on, due_on, cohort FROM concerns WHERE id = $1",
        )
        .bind(&id)
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert!(
        reference.starts_with("RTR-") && reference.len() == 8,
        "{reference}"
    );
    assert_eq!(status, "received");
    // Received Monday 23 November 2026: 10 working days later.
    assert_eq!(received_on, "2026-11-23");
    assert_eq!(due_on, "2026-12-07");
    assert_eq!(cohort, "child_in_care");

    let mine = app.call(&young, "my-concern", &[("concern_id", &id)]).await;
    assert!(mine.body.contains(&reference), "{}", mine.body);
    assert!(mine.body.contains("My placement moved"), "{}", mine.body);
    let list = app.call(&young, "my-concerns", &[]).await;
    assert!(list.body.contains(&reference));
}

async fn every_staff_view_is_in_the_audit_log_and_officers_are_refused(backend: Backend) {
    let app = spawn(backend).await;
    let young = young_person(&app, "robin").await;
    let (id, key) = raise(&app, &young, "Secret words about my placement").await;
    send_concern(&app, &young, &id, &key).await;
    let advocate = advocate(&app).await;
    for _ in 0..2 {
        let case = app
            .call(&advocate, "concern-case", &[("concern_id", &id)])
            .await;
        assert!(case.body.contains("Secret words"), "{}", case.body);
    }
    let reference: String = sqlx::query_scalar("SELECT reference FROM concerns WHERE id = $1")
        .bind(&id)
        .fetch_one(&app.db)
        .await
        .unwrap();
    let views = count(
        &app,
        "SELECT COUNT(*) FROM audit_log WHERE action = 'concern.viewed' AND subject = $1 \
         AND actor_account_id = (SELECT id FROM accounts WHERE email = 'advocate@voice.example')",
        &reference,
    )
    .await;
    assert_eq!(views, 2, "each opening is audited");

    for (email, role) in [
        ("officer@voice.example", "participation_officer"),
        ("facilitator@voice.example", "facilitator"),
    ] {
        app.add_staff(email, role).await;
        let staff = app.signed_in(email).await;
        for endpoint in ["concern-case", "concern-queue"] {
            let refused = app.call(&staff, endpoint, &[("concern_id", &id)]).await;
            assert_eq!(refused.status, 403, "{role} {endpoint}");
            assert!(!refused.body.contains("Secret words"));
        }
    }
}

async fn a_young_person_cannot_reach_another_young_persons_concern(backend: Backend) {
    let app = spawn(backend).await;
    let robin = young_person(&app, "robin").await;
    let (id, key) = raise(&app, &robin, "Only Robin and the advocates may read this").await;
    let other = young_person(&app, "sky").await;
    // Not while it is a draft...
    let draft = app
        .call(&other, "concern-draft", &[("concern_id", &id)])
        .await;
    assert_eq!(draft.body, "null");
    let stolen = app
        .call(
            &other,
            "send-concern",
            &[("concern_id", &id), ("submission_key", "k")],
        )
        .await;
    assert!(stolen.redirect().is_none(), "{}", stolen.body);
    send_concern(&app, &robin, &id, &key).await;
    // ...nor once sent, by changing the address.
    let read = app.call(&other, "my-concern", &[("concern_id", &id)]).await;
    assert_eq!(read.body, "null");
    let write = app
        .call(
            &other,
            "concern-message",
            &[("concern_id", &id), ("body", "hello")],
        )
        .await;
    assert!(write.redirect().is_none(), "{}", write.body);
    let feedback = app
        .call(
            &other,
            "concern-feedback",
            &[("concern_id", &id), ("happy", "no")],
        )
        .await;
    assert!(feedback.redirect().is_none(), "{}", feedback.body);
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM concern_messages WHERE concern_id = $1",
            &id
        )
        .await,
        0
    );
    let list = app.call(&other, "my-concerns", &[]).await;
    assert_eq!(list.body, "[]");
}

async fn an_advocate_works_a_concern_through_to_the_next_stage(backend: Backend) {
    let app = spawn(backend).await;
    let young = young_person(&app, "robin").await;
    let (id, key) = raise(&app, &young, "Nobody tells me when contact is").await;
    send_concern(&app, &young, &id, &key).await;
    let advocate = advocate(&app).await;
    let advocate_id: String =
        sqlx::query_scalar("SELECT id FROM accounts WHERE email = 'advocate@voice.example'")
            .fetch_one(&app.db)
            .await
            .unwrap();
    let given = app
        .call(
            &advocate,
            "allocate-concern",
            &[("concern_id", &id), ("advocate_id", &advocate_id)],
        )
        .await;
    assert!(given.redirect().is_some(), "{}", given.body);

    // An illegal move is refused in words.
    let illegal = app
        .call(
            &advocate,
            "move-concern",
            &[("concern_id", &id), ("status", "received")],
        )
        .await;
    assert!(illegal.field_errors().is_some(), "{}", illegal.body);

    let note = app
        .call(
            &advocate,
            "write-on-concern",
            &[
                ("concern_id", &id),
                ("kind", "note"),
                ("body", "Called the social worker"),
            ],
        )
        .await;
    assert!(note.redirect().is_some(), "{}", note.body);
    let reply = app
        .call(
            &advocate,
            "write-on-concern",
            &[
                ("concern_id", &id),
                ("kind", "reply"),
                ("body", "Your contact is every Saturday"),
            ],
        )
        .await;
    assert!(reply.redirect().is_some(), "{}", reply.body);

    let extended = app
        .call(
            &advocate,
            "extend-concern",
            &[
                ("concern_id", &id),
                ("reason", "Waiting for the contact team"),
            ],
        )
        .await;
    assert!(extended.redirect().is_some(), "{}", extended.body);
    let due: String = sqlx::query_scalar("SELECT due_on FROM concerns WHERE id = $1")
        .bind(&id)
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(due, "2026-12-21", "20 working days from 23 November");
    let again = app
        .call(
            &advocate,
            "extend-concern",
            &[("concern_id", &id), ("reason", "More time")],
        )
        .await;
    assert!(again.body.contains("extended already"), "{}", again.body);

    let answered = app
        .call(
            &advocate,
            "move-concern",
            &[("concern_id", &id), ("status", "answered")],
        )
        .await;
    assert!(answered.redirect().is_some(), "{}", answered.body);

    // The young person sees the reply but never the note.
    let mine = app.call(&young, "my-concern", &[("concern_id", &id)]).await;
    assert!(mine.body.contains("every Saturday"), "{}", mine.body);
    assert!(!mine.body.contains("social worker"), "{}", mine.body);

    let unhappy = app
        .call(
            &young,
            "concern-feedback",
            &[("concern_id", &id), ("happy", "no")],
        )
        .await;
    assert!(unhappy.body.contains("not_happy"), "{}", unhappy.body);
    let (status, stage): (String, i64) =
        sqlx::query_as("SELECT status, stage FROM concerns WHERE id = $1")
            .bind(&id)
            .fetch_one(&app.db)
            .await
            .unwrap();
    assert_eq!((status.as_str(), stage), ("being_looked_into", 2));

    let closed = app
        .call(
            &advocate,
            "close-concern",
            &[("concern_id", &id), ("outcome", "partly_resolved")],
        )
        .await;
    assert!(closed.redirect().is_some(), "{}", closed.body);
    let queue = app.call(&advocate, "concern-queue", &[]).await;
    assert!(!queue.body.contains(&id), "closed items leave the queue");
}

async fn bad_input_is_explained_beside_the_field(backend: Backend) {
    let app = spawn(backend).await;
    let young = young_person(&app, "robin").await;
    let none = app.call(&young, "start-concern", &[]).await;
    assert!(
        none.body.contains("Choose what you would like to do"),
        "{}",
        none.body
    );
    let (id, _) = start_concern(&app, &young, "help").await;
    let empty = app
        .call(
            &young,
            "save-concern-step",
            &[("concern_id", &id), ("step", "details"), ("details", "  ")],
        )
        .await;
    assert!(empty.field_error("details").is_some(), "{}", empty.body);
    let long = "a".repeat(4001);
    let too_long = app
        .call(
            &young,
            "save-concern-step",
            &[("concern_id", &id), ("step", "details"), ("details", &long)],
        )
        .await;
    assert!(
        too_long.body.contains("4000 characters or fewer"),
        "{}",
        too_long.body
    );
    let no_number = app
        .call(
            &young,
            "save-concern-step",
            &[
                ("concern_id", &id),
                ("step", "contact"),
                ("contact_method", "phone"),
                ("contact_number", "12"),
            ],
        )
        .await;
    assert!(
        no_number.field_error("contact_number").is_some(),
        "{}",
        no_number.body
    );
    // Sending before the pages are filled in is refused.
    let early = app
        .call(
            &young,
            "send-concern",
            &[("concern_id", &id), ("submission_key", "k1")],
        )
        .await;
    assert!(early.body.contains("missing"), "{}", early.body);
}

async fn anonymous_writing_that_suggests_harm_is_flagged_and_stays_anonymous(backend: Backend) {
    let app = spawn(backend).await;
    let survey = survey_with_link(&app).await;
    let phone = AnonymousPhone::start(&app, &survey.link).await;
    phone.answer(&app, "1", "yes").await;
    let answered = phone
        .answer(&app, "2", "My dad HITS ME when he is angry")
        .await;
    let safety = answered.redirect_to("/safe/").expect("the safety check");
    let flag_id = safety
        .trim_start_matches("/safe/")
        .split('?')
        .next()
        .unwrap()
        .to_string();

    let (account, source, words): (Option<String>, String, String) =
        sqlx::query_as("SELECT account_id, source, words FROM harm_flags WHERE id = $1")
            .bind(&flag_id)
            .fetch_one(&app.db)
            .await
            .unwrap();
    assert_eq!(account, None, "an anonymous answer's flag points to nobody");
    assert_eq!(source, "survey_answer");
    assert!(words.contains("HITS ME"));

    // They choose to be contacted, and give a first name and a number.
    let contact = app
        .call(
            &phone.phone,
            "contact-me",
            &[
                ("flag_id", &flag_id),
                ("wanted", "yes"),
                ("name", "Jo"),
                ("contact_method", "phone"),
                ("contact_number", "07700900982"),
                ("safe_times", "after school"),
                ("then", "/s/x"),
            ],
        )
        .await;
    assert!(contact.redirect().is_some(), "{}", contact.body);

    // The duty advocate sees it at the top of the queue.
    let advocate = advocate(&app).await;
    let queue = app.call(&advocate, "concern-queue", &[]).await;
    assert!(queue.body.contains(&flag_id), "{}", queue.body);
    let opened = app
        .call(&advocate, "harm-flag", &[("flag_id", &flag_id)])
        .await;
    assert!(opened.body.contains("07700900982"), "{}", opened.body);
    let handled = app
        .call(
            &advocate,
            "handle-flag",
            &[
                ("flag_id", &flag_id),
                ("note", "Called Jo, safe at a friend's"),
            ],
        )
        .await;
    assert!(handled.redirect().is_some(), "{}", handled.body);
    let queue = app.call(&advocate, "concern-queue", &[]).await;
    assert!(!queue.body.contains(&flag_id));

    // Ordinary writing is not flagged.
    let answered = phone
        .answer(&app, "2", "Biscuit, she is white and fluffy")
        .await;
    assert!(
        answered.redirect_to("/safe/").is_none(),
        "{}",
        answered.body
    );
}

/// A stored value no Voice writes (a status from a newer version, a due
/// date mangled by hand) is refused with the error logged, never read as a
/// default: "received", or due on 1 January 1970.
async fn a_stored_status_or_due_date_that_does_not_read_is_refused_and_logged(backend: Backend) {
    let log = captured_log();
    let app = spawn(backend).await;
    let young = young_person(&app, "robin").await;
    let advocate = advocate(&app).await;
    let (id, key) = raise(&app, &young, "My social worker never calls back").await;
    send_concern(&app, &young, &id, &key).await;
    let stored = |column: &str| {
        let sql = format!("SELECT {column} FROM concerns WHERE id = $1");
        let (app, id) = (&app, id.clone());
        async move {
            sqlx::query_scalar::<_, String>(&sql)
                .bind(id)
                .fetch_one(&app.db)
                .await
                .expect("stored")
        }
    };
    let pages = [
        (&young, format!("/rights/{id}")),
        (&advocate, format!("/advocate/concerns/{id}")),
        (&advocate, "/advocate".to_string()),
    ];
    for (column, corrupt) in [("due_on", "2026-13-45"), ("status", "lost_in_the_post")] {
        let good = stored(column).await;
        let update = format!("UPDATE concerns SET {column} = '{corrupt}' WHERE id = '{id}'");
        force_update(&app, backend, "concerns_status_check", &update).await;
        for (reader, page) in &pages {
            let body = app.page_text(reader, page).await;
            assert!(
                body.contains("Something went wrong on our side"),
                "{page} with {column} = {corrupt:?} did not refuse it: {body}"
            );
            assert!(
                !body.contains("1970"),
                "{page} shows a default date: {body}"
            );
        }
        assert!(
            log.text().contains(corrupt),
            "{corrupt:?} is not in the log:\n{}",
            log.text()
        );
        let restore = format!("UPDATE concerns SET {column} = '{good}' WHERE id = '{id}'");
        force_update(&app, backend, "concerns_status_check", &restore).await;
        for (reader, page) in &pages {
            let body = app.page_text(reader, page).await;
            assert!(
                !body.contains("Something went wrong"),
                "{page} after restoring {column}"
            );
        }
    }
}

/// A change and its audit line commit together: with the audit log out of
/// reach, closing a concern fails and leaves it open; with it back, the
/// close and its line are both there.
async fn a_change_whose_audit_line_cannot_be_written_is_not_made(backend: Backend) {
    let app = spawn(backend).await;
    let young = young_person(&app, "robin").await;
    let advocate = advocate(&app).await;
    let (id, key) = raise(&app, &young, "My social worker never calls back").await;
    send_concern(&app, &young, &id, &key).await;
    let status = || async {
        sqlx::query_scalar::<_, String>("SELECT status FROM concerns WHERE id = $1")
            .bind(&id)
            .fetch_one(&app.db)
            .await
            .expect("status")
    };
    let closed_lines = || async {
        sqlx::query_scalar::<_, i64>(
            "SELECT COUNT(*) FROM audit_log WHERE action = 'concern.closed'",
        )
        .fetch_one(&app.db)
        .await
        .expect("count")
    };
    let close = [("concern_id", id.as_str()), ("outcome", "resolved")];
    let before = status().await;

    let rename = |from: &str, to: &str| format!("ALTER TABLE {from} RENAME TO {to}");
    sqlx::query(&rename("audit_log", "audit_log_away"))
        .execute(&app.db)
        .await
        .expect("audit log moved away");
    let refused = app.call(&advocate, "close-concern", &close).await;
    assert_eq!(refused.status, 500, "{}", refused.body);
    sqlx::query(&rename("audit_log_away", "audit_log"))
        .execute(&app.db)
        .await
        .expect("audit log back");
    assert_eq!(status().await, before, "closed without its audit line");
    assert_eq!(closed_lines().await, 0);

    let closed = app.call(&advocate, "close-concern", &close).await;
    assert!(closed.redirect().is_some(), "{}", closed.body);
    assert_eq!(status().await, "closed");
    assert_eq!(closed_lines().await, 1);
}
