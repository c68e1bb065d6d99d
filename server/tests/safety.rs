//! Young people's words as hostile input, through HTTP on both databases:
//! every place they write goes through the one safety check, markup they
//! write stays text on every staff page, markup and formulas stay inert in
//! the officer's CSV downloads, and flagged writing reaches the duty
//! advocate only.

mod common;

use app::rights::safeguarding::WritingPlace;
use common::concerns::{
    concern_draft, concern_submission_key, save_concern_step, send_concern, start_concern,
};
use common::live::{activity, facilitator, open_session, show, Session};
use common::surveys::{survey_with_link, AnonymousPhone, SurveyWithLink};
use common::{redirect_path, spawn, Backend, TestApp};

on_both_databases!(
    every_place_young_people_write_is_checked,
    markup_young_people_write_stays_text_on_every_staff_page,
    markup_and_formulas_young_people_write_stay_inert_in_csv_downloads,
    flagged_writing_is_never_offered_as_a_quote,
    control_characters_are_refused_with_a_clear_message,
    the_audit_log_keeps_the_fact_not_the_words,
);

/// Markup that, unescaped, would end a `<textarea>` and send the reader's
/// browser to another site after five seconds.
const MARKUP: &str = r#"</textarea><h1 id="pwned">x</h1><meta http-equiv="refresh" content="5;url=https://evil.example/">"#;

/// The start of a cell that a spreadsheet, unguarded, would run as a
/// formula: a link that sends what the officer clicks to another site.
const FORMULA: &str = r#"=HYPERLINK("https://evil.example")"#;

/// Everything a test needs to write in every place: a survey link, a
/// young person with a sent concern, and a live session showing a words
/// activity.
struct World {
    app: TestApp,
    officer: reqwest::Client,
    survey: String,
    link: String,
    young: reqwest::Client,
    sent_concern: String,
    session: Session,
    words_activity: String,
}

async fn world(backend: Backend) -> World {
    let app = spawn(backend).await;
    let SurveyWithLink {
        officer,
        survey,
        link,
    } = survey_with_link(&app).await;
    app.add_young_person("robin").await;
    let young = app.signed_in("robin").await;
    let sent_concern = concern_draft(&app, &young, "Nobody tells me when contact is").await;
    fill_in_and_send(&app, &young, &sent_concern, "", "").await;
    let facilitator = facilitator(&app, "fran@voice.example").await;
    let session = open_session(
        &app,
        facilitator,
        &[&[("kind", "short_text"), ("prompt", "One word for today")]],
    )
    .await;
    let words_activity = activity(&app, &session, 1).await;
    show(&app, &session, &words_activity).await;
    World {
        app,
        officer,
        survey,
        link,
        young,
        sent_concern,
        session,
        words_activity,
    }
}

/// Fills in the rest of a draft and sends it.
async fn fill_in_and_send(
    app: &TestApp,
    young: &reqwest::Client,
    id: &str,
    wanted: &str,
    safe_times: &str,
) {
    save_concern_step(app, young, id, "wanted", &[("wanted", wanted)]).await;
    let contact = [("contact_method", "in_app"), ("safe_times", safe_times)];
    save_concern_step(app, young, id, "contact", &contact).await;
    let key = concern_submission_key(app, young, id).await;
    send_concern(app, young, id, &key).await;
}

/// Starts an anonymous response through the survey link and says yes to
/// the first question, so the written question comes next.
async fn anonymous_response(world: &World) -> AnonymousPhone {
    let phone = AnonymousPhone::start(&world.app, &world.link).await;
    phone.answer(&world.app, "1", "yes").await;
    phone
}

/// Writes `words` in `place` as a young person would, each time in a new
/// piece of writing, and gives the server's answer to the form that held them.
async fn write_at(world: &World, place: WritingPlace, words: &str) -> String {
    let app = &world.app;
    let young = &world.young;
    let rate = |why, better| {
        vec![
            ("promise_id", "3"),
            ("rating", "4"),
            ("why", why),
            ("better", better),
        ]
    };
    match place {
        WritingPlace::SurveyAnswer => {
            let phone = anonymous_response(world).await;
            phone.answer(app, "2", words).await.body
        }
        WritingPlace::ConcernDetails => {
            let (id, _) = start_concern(app, young, "concern").await;
            save_concern_step(app, young, &id, "details", &[("details", words)]).await
        }
        WritingPlace::ConcernWanted => {
            let id = concern_draft(app, young, "My contact keeps being cancelled").await;
            save_concern_step(app, young, &id, "wanted", &[("wanted", words)]).await
        }
        WritingPlace::ConcernSafeTimes => {
            let id = concern_draft(app, young, "My contact keeps being cancelled").await;
            let fields = [("contact_method", "in_app"), ("safe_times", words)];
            save_concern_step(app, young, &id, "contact", &fields).await
        }
        WritingPlace::ConcernMessage => {
            let form = [("concern_id", world.sent_concern.as_str()), ("body", words)];
            app.call(young, "concern-message", &form).await.body
        }
        WritingPlace::LiveWords => {
            let phone = common::client();
            let joined = app
                .call(&phone, "join-session", &[("code", &world.session.code)])
                .await;
            assert!(joined.redirect().is_some(), "{}", joined.body);
            let form = [
                ("session_id", world.session.id.as_str()),
                ("activity_id", world.words_activity.as_str()),
                ("answer", words),
            ];
            app.call(&phone, "live-answer", &form).await.body
        }
        WritingPlace::PromiseWhy => app.call(young, "rate-promise", &rate(words, "")).await.body,
        WritingPlace::PromiseBetter => app.call(young, "rate-promise", &rate("", words)).await.body,
    }
}

async fn flags_with(app: &TestApp, source: &str, words: &str) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM harm_flags WHERE source = $1 AND words = $2")
        .bind(source)
        .bind(words)
        .fetch_one(&app.db)
        .await
        .unwrap()
}

async fn every_place_young_people_write_is_checked(backend: Backend) {
    let world = world(backend).await;
    for place in WritingPlace::ALL {
        for words in ["I want to kill myself, he hits me", "someone is hurting me"] {
            let before = flags_with(&world.app, place.source(), words).await;
            let reply = write_at(&world, place, words).await;
            assert!(
                redirect_path(&reply, "/safe/").is_some(),
                "{place:?} did not show the help page for {words:?}: {reply}"
            );
            assert_eq!(
                flags_with(&world.app, place.source(), words).await,
                before + 1,
                "{place:?} did not flag {words:?} for the duty advocate"
            );
        }
        // Where the line is: a word of pain alone is not a flag.
        let ordinary = "I was hurting to get home";
        let reply = write_at(&world, place, ordinary).await;
        assert!(redirect_path(&reply, "/").is_some(), "{place:?}: {reply}");
        assert!(
            redirect_path(&reply, "/safe/").is_none(),
            "{place:?}: {reply}"
        );
    }
    // The duty advocate sees the promise comment's flag in the queue.
    app_queue_has(&world, "I want to kill myself, he hits me").await;
}

async fn app_queue_has(world: &World, words: &str) {
    let app = &world.app;
    app.add_staff("advocate@voice.example", "advocate").await;
    let advocate = app.signed_in("advocate@voice.example").await;
    let flag: String = sqlx::query_scalar(
        "SELECT id FROM harm_flags WHERE source = 'promise_comment' AND words = $1",
    )
    .bind(words)
    .fetch_one(&app.db)
    .await
    .unwrap();
    let queue = app.call(&advocate, "concern-queue", &[]).await;
    assert!(queue.body.contains(&flag), "{}", queue.body);
}

/// What `client` gets from `path`, which must be there (200).
async fn get_found(app: &TestApp, client: &reqwest::Client, path: &str) -> reqwest::Response {
    let response = client
        .get(format!("{}{path}", app.address))
        .send()
        .await
        .expect("request");
    assert_eq!(response.status(), 200, "{path}");
    response
}

/// A page as a browser gets it, with JavaScript off.
async fn page(app: &TestApp, client: &reqwest::Client, path: &str) -> String {
    let response = get_found(app, client, path).await;
    response.text().await.expect("body")
}

/// The page shows the markup, and shows it only as text.
fn assert_only_escaped(path: &str, html: &str) {
    assert!(
        html.contains("&lt;/textarea&gt;&lt;h1 id=\"pwned\"&gt;"),
        "{path} does not show the words at all"
    );
    assert!(
        !html.contains("<h1 id=\"pwned\""),
        "{path} has the young person's markup as an element"
    );
    assert!(
        !html.to_lowercase().contains("<meta http-equiv=\"refresh\""),
        "{path} has the young person's meta refresh as an element"
    );
}

async fn markup_young_people_write_stays_text_on_every_staff_page(backend: Backend) {
    let world = world(backend).await;
    let app = &world.app;
    // The words go in everywhere (and are ordinary enough not to be flagged).
    for place in WritingPlace::ALL {
        write_at(&world, place, MARKUP).await;
    }
    // A sent survey answer, for the results.
    let phone = anonymous_response(&world).await;
    phone.answer(app, "2", MARKUP).await;
    phone.answer(app, "3", "5").await;
    phone.send(app).await;
    // Staff copy the words too: an advocate's case note, an officer's quote.
    app.add_staff("advocate@voice.example", "advocate").await;
    let advocate = app.signed_in("advocate@voice.example").await;
    let note = [
        ("concern_id", world.sent_concern.as_str()),
        ("kind", "note"),
        ("body", MARKUP),
    ];
    let noted = app.call(&advocate, "write-on-concern", &note).await;
    assert!(noted.redirect().is_some(), "{}", noted.body);
    let rating: String = sqlx::query_scalar("SELECT id FROM promise_ratings")
        .fetch_one(&app.db)
        .await
        .unwrap();
    let quote = [
        ("source", format!("promise_rating/{rating}/why")),
        ("quote", MARKUP.to_string()),
    ];
    let quote: Vec<(&str, &str)> = quote.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let approved = app.call(&world.officer, "approve-quote", &quote).await;
    assert!(approved.redirect().is_some(), "{}", approved.body);
    // A sent concern with the words in each of its fields.
    let concern = concern_draft(app, &world.young, MARKUP).await;
    fill_in_and_send(app, &world.young, &concern, MARKUP, MARKUP).await;

    let pages = [
        (
            &world.officer,
            format!("/officer/surveys/{}/results", world.survey),
        ),
        (&world.officer, "/officer/quotes".to_string()),
        (
            &advocate,
            format!("/advocate/concerns/{}", world.sent_concern),
        ),
        (&advocate, format!("/advocate/concerns/{concern}")),
        (
            &world.session.facilitator,
            format!("/facilitator/sessions/{}", world.session.id),
        ),
    ];
    for (client, path) in pages {
        assert_only_escaped(&path, &page(app, client, &path).await);
    }
}

/// A CSV download as an officer's browser gets it, which must be a file to
/// save and never a page to show; gives its text.
async fn csv_file(app: &TestApp, client: &reqwest::Client, path: &str) -> String {
    let response = get_found(app, client, path).await;
    let header = |name: &str| {
        response
            .headers()
            .get(name)
            .and_then(|value| value.to_str().ok())
            .unwrap_or_default()
            .to_ascii_lowercase()
    };
    let content_type = header("content-type");
    assert!(
        content_type.starts_with("text/csv") && !content_type.contains("html"),
        "{path} is served as {content_type:?}"
    );
    assert_eq!(header("x-content-type-options"), "nosniff", "{path}");
    let disposition = header("content-disposition");
    assert!(
        disposition.starts_with("attachment"),
        "{path} may open in the browser: {disposition:?}"
    );
    response.text().await.expect("body")
}

/// The cells of a CSV file as a spreadsheet reads them: quoted cells
/// without their quotes, doubled quotes single.
fn csv_cells(text: &str) -> Vec<String> {
    let mut cells = Vec::new();
    let mut cell = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                chars.next();
                cell.push('"');
            }
            '"' if quoted => quoted = false,
            '"' if cell.is_empty() => quoted = true,
            ',' | '\n' if !quoted => cells.push(std::mem::take(&mut cell)),
            c => cell.push(c),
        }
    }
    cells
}

/// No cell of the file starts as a formula (=, +, - or @) would.
fn assert_no_formula(path: &str, text: &str) {
    for cell in csv_cells(text) {
        assert!(
            !cell.starts_with(['=', '+', '-', '@']),
            "{path} has a cell a spreadsheet would run: {cell:?}"
        );
    }
}

async fn markup_and_formulas_young_people_write_stay_inert_in_csv_downloads(backend: Backend) {
    let world = world(backend).await;
    let app = &world.app;
    let words = format!("{FORMULA}{MARKUP}");
    // A sent survey answer, written through the anonymous link.
    let phone = anonymous_response(&world).await;
    let answered = phone.answer(app, "2", &words).await;
    assert!(
        answered.redirect_to("/safe/").is_none(),
        "{}",
        answered.body
    );
    phone.answer(app, "3", "5").await;
    phone.send(app).await;

    // The results count the written answer and never copy its words.
    let path = format!("/officer/surveys/{}/results.csv", world.survey);
    let results = csv_file(app, &world.officer, &path).await;
    assert!(
        results.contains("2. What is its name?,Wrote an answer,fewer than 5,"),
        "{results}"
    );
    assert!(!results.contains("evil.example"), "{results}");
    assert_no_formula(&path, &results);

    // Quoted in the report, the words are in its quotes table, whole and
    // behind a quote mark.
    let source = format!("survey_answer/{}/2", phone.response);
    let quote = [("source", source.as_str()), ("quote", words.as_str())];
    let approved = app.call(&world.officer, "approve-quote", &quote).await;
    assert!(approved.redirect().is_some(), "{}", approved.body);
    let (quote_id, period): (String, String) =
        sqlx::query_as("SELECT id, period FROM approved_quotes WHERE source_id = $1")
            .bind(&phone.response)
            .fetch_one(&app.db)
            .await
            .unwrap();
    let choice = [
        ("period", period.as_str()),
        ("quote_ids[]", quote_id.as_str()),
    ];
    let chosen = app
        .call(&world.officer, "choose-report-quotes", &choice)
        .await;
    assert!(chosen.redirect().is_some(), "{}", chosen.body);
    let path = format!("/officer/reports/csv?period={period}&table=quotes");
    let quotes = csv_file(app, &world.officer, &path).await;
    assert_no_formula(&path, &quotes);
    assert!(
        csv_cells(&quotes).contains(&format!("'{words}")),
        "the quote is not there as text: {quotes}"
    );
}

async fn flagged_writing_is_never_offered_as_a_quote(backend: Backend) {
    let world = world(backend).await;
    let app = &world.app;
    let flagged = "I want to die, he hits me";
    write_at(&world, WritingPlace::PromiseWhy, flagged).await;
    write_at(&world, WritingPlace::PromiseBetter, "More trips out").await;
    let phone = anonymous_response(&world).await;
    phone.answer(app, "2", flagged).await;
    phone.answer(app, "3", "5").await;
    phone.send(app).await;

    let dashboard = app.call(&world.officer, "promise-comments", &[]).await;
    assert!(
        dashboard.body.contains("More trips out"),
        "{}",
        dashboard.body
    );
    let results = app
        .call(
            &world.officer,
            "survey-results",
            &[("survey_id", &world.survey)],
        )
        .await;
    for path in [
        "/officer/quotes".to_string(),
        format!("/officer/surveys/{}/results", world.survey),
    ] {
        let html = page(app, &world.officer, &path).await;
        assert!(!html.contains("want to die"), "{path} offers flagged words");
    }
    for answer in [dashboard.body, results.body] {
        assert!(!answer.contains("want to die"), "{answer}");
    }
    // The duty advocate has both.
    let flags: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM harm_flags WHERE words = $1")
        .bind(flagged)
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(flags, 2);
}

async fn status_of(app: &TestApp, client: &reqwest::Client, path: &str) -> u16 {
    client
        .get(format!("{}{path}", app.address))
        .send()
        .await
        .expect("request")
        .status()
        .as_u16()
}

async fn control_characters_are_refused_with_a_clear_message(backend: Backend) {
    let world = world(backend).await;
    let app = &world.app;
    let refused = "hidden control character";
    // In a server function's fields: free text, ids and codes, signed in or not.
    let phone = anonymous_response(&world).await;
    let rating = [
        ("promise_id", "3"),
        ("rating", "4"),
        ("why", "my carer\0 listens"),
        ("better", ""),
    ];
    let signed_out = common::client();
    let calls = [
        (&world.young, "rate-promise", rating.to_vec()),
        (&world.young, "concern-draft", vec![("concern_id", "\0")]),
        (
            &world.young,
            "start-concern",
            vec![("kind", "concern\u{1b}")],
        ),
        (
            &phone.phone,
            "answer-question",
            vec![
                ("survey_id", ""),
                ("link", world.link.as_str()),
                ("response", phone.response.as_str()),
                ("question_id", "2"),
                ("answer", "Biscuit\u{7}"),
            ],
        ),
        (&signed_out, "join-session", vec![("code", "AB\0CD")]),
    ];
    for (client, endpoint, form) in calls {
        let answer = app.call(client, endpoint, &form).await;
        assert_eq!(answer.status, 400, "{endpoint}: {}", answer.body);
        assert!(answer.body.contains(refused), "{endpoint}: {}", answer.body);
    }
    // In an address: ids in paths and queries.
    for path in [
        format!("/advocate/concerns/{}%00", world.sent_concern),
        format!("/s/{}%00", world.link),
        "/safe/x?then=%2F%00".to_string(),
        format!("/officer/surveys/{}%1B/results.csv", world.survey),
    ] {
        assert_eq!(status_of(app, &world.officer, &path).await, 400, "{path}");
    }
    // Without JavaScript: the page again, the message beside the field,
    // and what was typed kept (less the control character).
    let body = form_urlencoded::Serializer::new(String::new())
        .append_pair("_action", "/api/rate-promise")
        .extend_pairs(rating)
        .finish();
    let page = world
        .young
        .post(format!("{}/promises/rate/3", app.address))
        .header("content-type", "application/x-www-form-urlencoded")
        .header("sec-fetch-site", "same-origin")
        .body(body)
        .send()
        .await
        .expect("request");
    assert_eq!(page.status(), 200);
    let page = page.text().await.expect("body");
    assert!(
        page.contains("id=\"why-error\""),
        "no message beside the field"
    );
    assert!(page.contains(refused));
    assert!(page.contains("my carer listens"), "what was typed is kept");
    // New lines, carriage returns and tabs are ordinary writing.
    let written = "my carer listens\r\nand\thelps";
    let rating = [
        ("promise_id", "3"),
        ("rating", "4"),
        ("why", written),
        ("better", ""),
    ];
    let saved = app.call(&world.young, "rate-promise", &rating).await;
    assert!(saved.redirect().is_some(), "{}", saved.body);
    let kept: String = sqlx::query_scalar("SELECT why FROM promise_ratings")
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(kept, written);
}

async fn the_audit_log_keeps_the_fact_not_the_words(backend: Backend) {
    let world = world(backend).await;
    let app = &world.app;
    app.add_staff("advocate@voice.example", "advocate").await;
    let advocate = app.signed_in("advocate@voice.example").await;
    let reason = "Robin's mum is in hospital until the 14th";
    let extended = app
        .call(
            &advocate,
            "extend-concern",
            &[("concern_id", &world.sent_concern), ("reason", reason)],
        )
        .await;
    assert!(extended.redirect().is_some(), "{}", extended.body);
    write_at(&world, WritingPlace::ConcernDetails, "my stepdad hits me").await;
    let flag: String = sqlx::query_scalar("SELECT id FROM harm_flags")
        .fetch_one(&app.db)
        .await
        .unwrap();
    let note = "Called Robin, safe at Nan's in Maltby tonight";
    let handled = app
        .call(
            &advocate,
            "handle-flag",
            &[("flag_id", &flag), ("note", note)],
        )
        .await;
    assert!(handled.redirect().is_some(), "{}", handled.body);

    let entries: Vec<(String, String, String)> =
        sqlx::query_as("SELECT action, subject, detail FROM audit_log ORDER BY id")
            .fetch_all(&app.db)
            .await
            .unwrap();
    // The facts are there...
    assert!(
        entries
            .iter()
            .any(|(action, _, detail)| action == "concern.extended" && detail == "due 2026-12-21"),
        "{entries:#?}"
    );
    assert!(entries
        .iter()
        .any(|(action, subject, _)| action == "flag.handled" && *subject == flag));
    // ...and none of the words.
    for words in ["hospital", "Maltby", "stepdad"] {
        assert!(
            !entries
                .iter()
                .any(|(_, subject, detail)| subject.contains(words) || detail.contains(words)),
            "{words:?} copied into the audit log: {entries:#?}"
        );
    }
}
