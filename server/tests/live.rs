//! Live forum sessions through HTTP, on both databases.

mod common;

use common::live::{self, activity, facilitator, show, Session};
use common::redirect_path;
use common::{client, spawn, spawn_with, Backend, TestApp};

on_both_databases!(
    one_answer_per_phone_per_activity_and_results_wait_for_enough,
    written_answers_need_approval_and_harm_is_never_shown,
    a_closed_session_refuses_answers_and_keeps_attendance,
    another_facilitators_session_is_not_found,
    projectors_hear_of_each_answer_and_phones_of_each_activity,
    a_phone_keeps_its_seat_only_until_the_browser_closes,
    made_up_ids_have_no_stream_and_leave_nothing_behind,
    only_the_sessions_facilitator_has_its_projector_stream,
    a_closed_session_has_no_streams,
    streams_beyond_the_caps_are_refused_with_503,
    one_phone_cannot_flood_the_duty_advocate,
);

/// An open session with a poll ("Bowling" or "Cinema") and a word activity,
/// results shown from 3 answers.
async fn open_session(app: &TestApp) -> Session {
    let facilitator = facilitator(app, "fran@voice.example").await;
    live::open_session(
        app,
        facilitator,
        &[
            &[
                ("kind", "single_choice"),
                ("prompt", "Where shall we go?"),
                ("options", "Bowling\nCinema"),
            ],
            &[("kind", "short_text"), ("prompt", "One word for today")],
        ],
    )
    .await
}

/// A phone that has joined with the code (lower case, as phones type it).
async fn phone(app: &TestApp, session: &Session) -> reqwest::Client {
    let phone = client();
    let joined = app
        .call(
            &phone,
            "join-session",
            &[("code", &session.code.to_lowercase())],
        )
        .await;
    assert!(
        joined.body.contains(&format!("/live/{}", session.id)),
        "{}",
        joined.body
    );
    phone
}

async fn answer(
    app: &TestApp,
    phone: &reqwest::Client,
    session: &Session,
    activity: &str,
    value: &str,
) -> String {
    app.call(
        phone,
        "live-answer",
        &[
            ("session_id", &session.id),
            ("activity_id", activity),
            ("answer", value),
        ],
    )
    .await
    .body
}

async fn projector(app: &TestApp, session: &Session) -> serde_json::Value {
    let view = app
        .call(
            &session.facilitator,
            "projector-view",
            &[("session_id", &session.id)],
        )
        .await;
    serde_json::from_str(&view.body).expect("json")
}

/// What the facilitator's run page is given.
async fn run_page(app: &TestApp, session: &Session) -> serde_json::Value {
    let run = app
        .call(
            &session.facilitator,
            "run-session",
            &[("session_id", &session.id)],
        )
        .await;
    serde_json::from_str(&run.body).unwrap()
}

async fn one_answer_per_phone_per_activity_and_results_wait_for_enough(backend: Backend) {
    let app = spawn(backend).await;
    let session = open_session(&app).await;
    let poll = activity(&app, &session, 1).await;
    show(&app, &session, &poll).await;
    let first = phone(&app, &session).await;
    assert!(answer(&app, &first, &session, &poll, "Bowling")
        .await
        .contains("answered="));
    // The same phone changes its mind: one answer, the new one.
    answer(&app, &first, &session, &poll, "Cinema").await;
    let rows: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM live_answers WHERE activity_id = $1")
        .bind(poll.parse::<i64>().unwrap())
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(rows, 1);
    let seen = projector(&app, &session).await;
    assert_eq!(seen["current"]["answered"], 1);
    assert_eq!(seen["current"]["results"]["Waiting"]["needed"], 3);

    for choice in ["Bowling", "Bowling"] {
        let phone = phone(&app, &session).await;
        answer(&app, &phone, &session, &poll, choice).await;
    }
    let seen = projector(&app, &session).await;
    assert_eq!(seen["phones"], 3);
    let bars = &seen["current"]["results"]["Bars"];
    assert_eq!(bars[0]["label"], "Bowling");
    assert_eq!(bars[0]["count"], 2);
    assert_eq!(bars[1]["count"], 1);

    // A choice that is not offered is refused beside the answer.
    let wrong = answer(&app, &first, &session, &poll, "Skydiving").await;
    assert!(wrong.contains("Invalid"), "{wrong}");
    // An activity not showing takes no answers.
    let words = activity(&app, &session, 2).await;
    let early = answer(&app, &first, &session, &words, "hello").await;
    assert!(early.contains("closed"), "{early}");
}

async fn written_answers_need_approval_and_harm_is_never_shown(backend: Backend) {
    let app = spawn(backend).await;
    let session = open_session(&app).await;
    let words = activity(&app, &session, 2).await;
    show(&app, &session, &words).await;
    for text in ["Pizza", "Bowling again", "Fun"] {
        let phone = phone(&app, &session).await;
        answer(&app, &phone, &session, &words, text).await;
    }
    let worried = phone(&app, &session).await;
    let flagged = answer(&app, &worried, &session, &words, "my stepdad hits me").await;
    assert!(redirect_path(&flagged, "/safe/").is_some(), "{flagged}");
    let account: Option<String> =
        sqlx::query_scalar("SELECT account_id FROM harm_flags WHERE source = 'session_comment'")
            .fetch_one(&app.db)
            .await
            .unwrap();
    assert_eq!(account, None, "an anonymous phone's flag points to nobody");

    let seen = projector(&app, &session).await;
    assert_eq!(seen["current"]["answered"], 4);
    assert_eq!(seen["current"]["results"]["Words"], serde_json::json!([]));
    // The facilitator is offered the three, never the flagged one.
    let run = run_page(&app, &session).await;
    let written = run["written"].as_array().unwrap();
    assert_eq!(written.len(), 3);
    assert!(!run.to_string().contains("stepdad"));
    let pizza = written.iter().find(|w| w["words"] == "Pizza").unwrap()["answer_id"].to_string();
    let approved = app
        .call(
            &session.facilitator,
            "approve-answer",
            &[("session_id", &session.id), ("answer_id", &pizza)],
        )
        .await;
    assert!(approved.redirect().is_some(), "{}", approved.body);
    let flagged_id: i64 = sqlx::query_scalar("SELECT id FROM live_answers WHERE flagged = 1")
        .fetch_one(&app.db)
        .await
        .unwrap();
    app.call(
        &session.facilitator,
        "approve-answer",
        &[
            ("session_id", &session.id),
            ("answer_id", &flagged_id.to_string()),
        ],
    )
    .await;
    let seen = projector(&app, &session).await;
    assert_eq!(
        seen["current"]["results"]["Words"],
        serde_json::json!(["Pizza"])
    );
}

async fn a_closed_session_refuses_answers_and_keeps_attendance(backend: Backend) {
    let app = spawn(backend).await;
    let session = open_session(&app).await;
    let poll = activity(&app, &session, 1).await;
    show(&app, &session, &poll).await;
    // A member joins as themselves; their name is the attendance record.
    app.add_young_person("casey").await;
    let member = app.signed_in("casey").await;
    let joined = app
        .call(
            &member,
            "join-session",
            &[("code", &session.code), ("as_member", "yes")],
        )
        .await;
    assert!(joined.redirect().is_some(), "{}", joined.body);
    let anonymous = phone(&app, &session).await;
    answer(&app, &anonymous, &session, &poll, "Bowling").await;

    let closed = app
        .call(
            &session.facilitator,
            "close-session",
            &[
                ("session_id", &session.id),
                ("notes", "Good turnout"),
                ("actions", "Book the bowling"),
            ],
        )
        .await;
    assert!(closed.redirect().is_some(), "{}", closed.body);
    let refused = answer(&app, &anonymous, &session, &poll, "Cinema").await;
    assert!(refused.contains("finished"), "{refused}");
    let late = app
        .call(&client(), "join-session", &[("code", &session.code)])
        .await;
    assert!(late.body.contains("No session is running"), "{}", late.body);

    let run = run_page(&app, &session).await;
    assert_eq!(run["phones"], 2);
    assert_eq!(run["members"], serde_json::json!(["Jordan"]));
    assert_eq!(run["actions"], "Book the bowling");
    assert_eq!(run["session"]["status"], "Closed");
}

async fn another_facilitators_session_is_not_found(backend: Backend) {
    let app = spawn(backend).await;
    let session = open_session(&app).await;
    let other = facilitator(&app, "sam@voice.example").await;
    for endpoint in ["run-session", "projector-view"] {
        let seen = app
            .call(&other, endpoint, &[("session_id", &session.id)])
            .await;
        assert_eq!(seen.body, "null", "{endpoint}");
    }
    let poll = activity(&app, &session, 1).await;
    let shown = app
        .call(
            &other,
            "show-activity",
            &[("session_id", &session.id), ("activity_id", &poll)],
        )
        .await;
    assert!(shown.redirect().is_none(), "{}", shown.body);
    let bad = app.call(&client(), "join-session", &[("code", "12")]).await;
    assert!(bad.body.contains("6 letters and numbers"), "{}", bad.body);
}

async fn projectors_hear_of_each_answer_and_phones_of_each_activity(backend: Backend) {
    let app = spawn(backend).await;
    let session = open_session(&app).await;
    let poll = activity(&app, &session, 1).await;
    show(&app, &session, &poll).await;
    let mut events = session
        .facilitator
        .get(format!("{}/live/{}/events", app.address, session.id))
        .send()
        .await
        .expect("events");
    assert_eq!(
        events.headers()["content-type"].to_str().unwrap(),
        "text/event-stream"
    );
    // One event on connecting, so a page that reconnects catches up.
    let first = events.chunk().await.unwrap().expect("an event");
    assert!(String::from_utf8_lossy(&first).contains("data: changed"));
    let phone = phone(&app, &session).await;
    let joined = events
        .chunk()
        .await
        .unwrap()
        .expect("an event for the join");
    assert!(String::from_utf8_lossy(&joined).contains("changed"));
    let mut phone_events = phone
        .get(format!("{}/live/{}/phone-events", app.address, session.id))
        .send()
        .await
        .expect("phone events");
    let connected = phone_events
        .chunk()
        .await
        .unwrap()
        .expect("an event on connecting");
    assert!(String::from_utf8_lossy(&connected).contains("changed"));
    answer(&app, &phone, &session, &poll, "Cinema").await;
    let answered = events
        .chunk()
        .await
        .unwrap()
        .expect("an event for the answer");
    assert!(String::from_utf8_lossy(&answered).contains("changed"));
    // Phones hear of the next activity (not of each other's answers).
    let words = activity(&app, &session, 2).await;
    show(&app, &session, &words).await;
    let next = phone_events
        .chunk()
        .await
        .unwrap()
        .expect("an event for the next activity");
    assert!(String::from_utf8_lossy(&next).contains("changed"));
}

/// The seat cookie has no lifetime of its own: a shared phone or tablet
/// forgets its seat when the browser closes.
async fn a_phone_keeps_its_seat_only_until_the_browser_closes(backend: Backend) {
    let app = spawn(backend).await;
    let session = open_session(&app).await;
    let joined = app
        .call(&client(), "join-session", &[("code", &session.code)])
        .await;
    let cookie = joined
        .headers
        .get_all("set-cookie")
        .iter()
        .filter_map(|value| value.to_str().ok())
        .find(|value| value.starts_with("voice_seat="))
        .expect("a seat cookie")
        .to_ascii_lowercase();
    assert!(
        !cookie.contains("max-age") && !cookie.contains("expires"),
        "a browser-session cookie: {cookie}"
    );
    assert!(cookie.contains("httponly") && cookie.contains("samesite=lax"));
}

/// Opens `path` with `client` and returns the status; the stream is kept
/// open (returned) when it was accepted.
async fn open_stream(
    app: &TestApp,
    client: &reqwest::Client,
    path: &str,
) -> (u16, reqwest::Response) {
    let response = client
        .get(format!("{}{path}", app.address))
        .send()
        .await
        .expect("stream");
    (response.status().as_u16(), response)
}

async fn made_up_ids_have_no_stream_and_leave_nothing_behind(backend: Backend) {
    let app = spawn(backend).await;
    let session = open_session(&app).await;
    let stranger = client();
    for n in 0..2_000 {
        let made_up = format!("{n:04}{}", "x".repeat(1_000));
        let (phone, _) =
            open_stream(&app, &stranger, &format!("/live/{made_up}/phone-events")).await;
        let (projector, _) = open_stream(
            &app,
            &session.facilitator,
            &format!("/live/{made_up}/events"),
        )
        .await;
        assert_eq!((phone, projector), (404, 404), "made-up id {n}");
    }
    assert_eq!(app.live.channel_count(), 0);

    // A real stream's channel goes when its watcher does.
    let (status, stream) = open_stream(
        &app,
        &stranger,
        &format!("/live/{}/phone-events", session.id),
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(app.live.channel_count(), 1);
    drop(stream);
    // The server notices a closed connection when it next writes to it:
    // changes make it write, until it has noticed.
    for _ in 0..500 {
        if app.live.channel_count() == 0 {
            break;
        }
        app.live.activity_changed(&session.id.as_str().into());
        tokio::time::sleep(std::time::Duration::from_millis(10)).await;
    }
    assert_eq!(
        app.live.channel_count(),
        0,
        "the channel outlived its watcher"
    );
}

async fn only_the_sessions_facilitator_has_its_projector_stream(backend: Backend) {
    let app = spawn(backend).await;
    let session = open_session(&app).await;
    let events = format!("/live/{}/events", session.id);
    app.add_young_person("jordan").await;
    let young = app.signed_in("jordan").await;
    let other = facilitator(&app, "sam@voice.example").await;
    assert_eq!(open_stream(&app, &client(), &events).await.0, 401);
    assert_eq!(open_stream(&app, &young, &events).await.0, 403);
    assert_eq!(open_stream(&app, &other, &events).await.0, 404);
    assert_eq!(
        open_stream(&app, &session.facilitator, &events).await.0,
        200
    );
}

async fn a_closed_session_has_no_streams(backend: Backend) {
    let app = spawn(backend).await;
    let session = open_session(&app).await;
    let closed = app
        .call(
            &session.facilitator,
            "close-session",
            &[
                ("session_id", session.id.as_str()),
                ("notes", ""),
                ("actions", ""),
            ],
        )
        .await;
    assert!(closed.redirect().is_some(), "{}", closed.body);
    for (client, path) in [
        (&session.facilitator, format!("/live/{}/events", session.id)),
        (&client(), format!("/live/{}/phone-events", session.id)),
    ] {
        assert_eq!(open_stream(&app, client, &path).await.0, 404, "{path}");
    }
    assert_eq!(app.live.channel_count(), 0);
}

async fn streams_beyond_the_caps_are_refused_with_503(backend: Backend) {
    use app::live_hub::StreamCaps;
    use app::state::ServerConfig;
    let app = spawn_with(
        backend,
        ServerConfig {
            live_streams: StreamCaps {
                per_address: 2,
                total: 10,
            },
            ..ServerConfig::default()
        },
    )
    .await;
    let session = open_session(&app).await;
    let phones = format!("/live/{}/phone-events", session.id);
    let (first, _first) = open_stream(&app, &client(), &phones).await;
    let (second, _second) = open_stream(&app, &client(), &phones).await;
    let (third, refused) = open_stream(&app, &client(), &phones).await;
    assert_eq!((first, second, third), (200, 200, 503));
    assert!(refused.text().await.unwrap().contains("Too many screens"));
}

/// One phone sending writing as fast as it can: its seat runs out of room,
/// and the phone beside it (the same Wi-Fi, so the same address) can still
/// write.
async fn one_phone_cannot_flood_the_duty_advocate(backend: Backend) {
    let app = std::sync::Arc::new(spawn(backend).await);
    let session = std::sync::Arc::new(open_session(&app).await);
    let words = activity(&app, &session, 2).await;
    show(&app, &session, &words).await;
    let flooding = phone(&app, &session).await;
    let sends: Vec<_> = (0..50)
        .map(|_| {
            let (app, session, flooding, words) = (
                app.clone(),
                session.clone(),
                flooding.clone(),
                words.clone(),
            );
            tokio::spawn(
                async move { answer(&app, &flooding, &session, &words, "I want to die").await },
            )
        })
        .collect();
    let mut refused = 0;
    for send in sends {
        if send.await.unwrap().contains("a lot of writing") {
            refused += 1;
        }
    }
    let flags: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM harm_flags")
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(
        flags,
        app::rights::writing_limits::PER_SEAT.attempts as i64,
        "flags from one phone"
    );
    assert_eq!(flags + refused, 50);
    let beside = phone(&app, &session).await;
    let written = answer(&app, &beside, &session, &words, "Pizza").await;
    assert!(written.contains("answered="), "{written}");
}
