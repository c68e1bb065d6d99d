//! What public pages give away, through HTTP on both databases: the "Are you
//! OK?" page sends people only to pages of Voice, a sent anonymous response
//! cannot be read again from its address, and no survey count beside a
//! hidden one is exact.

mod common;

use common::surveys::{results_csv, survey_with_link, AnonymousPhone, SurveyWithLink};
use common::{spawn, Backend, TestApp};

on_both_databases!(
    the_safety_check_sends_people_only_to_pages_of_voice,
    a_sent_anonymous_response_shows_only_that_it_was_sent,
    survey_counts_never_show_a_small_number_exactly,
);

/// The addresses a hostile link might put after `?then=`, as the issue found
/// them and their near relations.
const OFF_SITE: &[&str] = &[
    "/\\evil.example",
    "/\t/evil.example",
    "//evil.example",
    "https://evil.example",
    "/%2F/evil.example",
];

/// A page of `phone`'s response, as the browser loads it.
async fn response_page(app: &TestApp, phone: &AnonymousPhone, rest: &str) -> String {
    get_page(
        app,
        &phone.phone,
        &format!("/s/{}/{}{rest}", phone.link, phone.response),
    )
    .await
}

async fn get_page(app: &TestApp, client: &reqwest::Client, path: &str) -> String {
    let response = client
        .get(format!("{}{path}", app.address))
        .header("accept", "text/html")
        .send()
        .await
        .expect("page");
    assert_eq!(response.status(), 200, "{path}");
    response.text().await.expect("page body")
}

/// A new world with the officer's survey, and a phone that has started
/// answering it through the anonymous link.
async fn started(backend: Backend) -> (TestApp, SurveyWithLink, AnonymousPhone) {
    let app = spawn(backend).await;
    let survey = survey_with_link(&app).await;
    let phone = AnonymousPhone::start(&app, &survey.link).await;
    (app, survey, phone)
}

async fn the_safety_check_sends_people_only_to_pages_of_voice(backend: Backend) {
    let (app, SurveyWithLink { link, .. }, phone) = started(backend).await;
    phone.answer(&app, "1", "yes").await;
    let answered = phone.answer(&app, "2", "He hits me").await;
    let safety = answered.redirect_to("/safe/").expect("the safety check");
    let flag = safety
        .trim_start_matches("/safe/")
        .split('?')
        .next()
        .expect("the flag id")
        .to_string();

    for hostile in OFF_SITE {
        let then: String = form_urlencoded::byte_serialize(hostile.as_bytes()).collect();
        // The page's "Carry on" link.
        let page = get_page(&app, &phone.phone, &format!("/safe/{flag}?then={then}")).await;
        assert!(
            !page.contains("evil.example"),
            "{hostile:?} is on the page: {}",
            page.lines()
                .find(|line| line.contains("evil.example"))
                .unwrap_or_default()
        );
        // Before the question is answered, and after.
        let carry_on = [
            r#"<a href="/">Carry on without answering</a>"#,
            r#"<a href="/" class="button">Carry on</a>"#,
        ];
        assert!(
            carry_on.iter().any(|link| page.contains(link)),
            "{hostile:?}: {page}"
        );

        // The answer sent with JavaScript.
        let form = [
            ("flag_id", flag.as_str()),
            ("wanted", "no"),
            ("then", hostile),
        ];
        let replied = app.call(&phone.phone, "contact-me", &form).await;
        assert!(
            replied.redirect().as_deref() == Some("/"),
            "{hostile:?}: {}",
            replied.body
        );

        // The answer posted without JavaScript: the 302.
        let mut fields = vec![("_action", "/api/contact-me")];
        fields.extend(form);
        let posted = app
            .post_page(&phone.phone, &format!("/safe/{flag}?then={then}"), &fields)
            .await;
        assert_eq!(posted.status(), 302, "{hostile:?}");
        assert_eq!(posted.headers()["location"], "/", "{hostile:?}");
    }

    // An address inside Voice is followed.
    let back = format!("/s/{link}/{}/check", phone.response);
    let form = [
        ("flag_id", flag.as_str()),
        ("wanted", "no"),
        ("then", &back),
    ];
    let replied = app.call(&phone.phone, "contact-me", &form).await;
    assert!(replied.body.contains(&back), "{}", replied.body);
}

async fn a_sent_anonymous_response_shows_only_that_it_was_sent(backend: Backend) {
    let (app, SurveyWithLink { link, .. }, phone) = started(backend).await;
    phone.answer(&app, "1", "yes").await;
    phone.answer(&app, "2", "Marmalade the tabby").await;
    phone.answer(&app, "3", "4").await;
    assert!(
        response_page(&app, &phone, "/check")
            .await
            .contains("Marmalade"),
        "before sending, the check page shows the answers"
    );
    phone.send(&app).await;

    // Anyone who opens the address from the tablet's history afterwards,
    // without the phone's cookies or with them, sees only that it was sent.
    let someone_else = AnonymousPhone {
        phone: common::client(),
        link: link.clone(),
        response: phone.response.clone(),
    };
    for visitor in [&phone, &someone_else] {
        for rest in ["/check", "/questions/1", "/questions/2", "/questions/3"] {
            let page = response_page(&app, visitor, rest).await;
            assert!(!page.contains("Marmalade"), "{rest} shows the answer");
            assert!(!page.contains("How is school?"), "{rest} shows a question");
            assert!(
                page.contains("These answers have been sent"),
                "{rest}: {page}"
            );
        }
        let check = app
            .call(&visitor.phone, "survey-check", &visitor.place())
            .await;
        assert!(!check.body.contains("Marmalade"), "{}", check.body);
        let mut question = visitor.place();
        question.push(("question_id", "2"));
        let question = app.call(&visitor.phone, "survey-question", &question).await;
        assert!(!question.body.contains("Marmalade"), "{}", question.body);
    }
    // Answering again changes nothing and shows nothing.
    let again = phone.answer(&app, "2", "Something else").await;
    assert!(
        again.redirect().is_some_and(|path| path.contains("/done")),
        "{}",
        again.body
    );
}

async fn survey_counts_never_show_a_small_number_exactly(backend: Backend) {
    let (
        app,
        SurveyWithLink {
            officer, survey, ..
        },
        phone,
    ) = started(backend).await;
    phone.answer(&app, "1", "no").await;
    phone.answer(&app, "3", "5").await;
    phone.send(&app).await;

    for path in [
        "/officer/surveys".to_string(),
        format!("/officer/surveys/{survey}"),
        format!("/officer/surveys/{survey}/results"),
    ] {
        let page = get_page(&app, &officer, &path).await;
        for exact in ["1 sent", "1 answers", "<td>1</td>"] {
            assert!(!page.contains(exact), "{path} shows {exact:?}");
        }
        assert!(page.contains("fewer than 5"), "{path}");
    }
    let results = app
        .call(&officer, "survey-results", &[("survey_id", &survey)])
        .await;
    assert!(
        !results.body.contains(r#""responses":1"#),
        "{}",
        results.body
    );
    let csv = results_csv(&app, &officer, &survey)
        .await
        .text()
        .await
        .expect("csv body");
    assert!(
        csv.contains("Where you live,1,Responses,All,fewer than 5,\n"),
        "{csv}"
    );
    assert!(!csv.contains(",1,\n"), "{csv}");
}
