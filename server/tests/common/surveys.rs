//! An officer's survey, made through HTTP as the survey pages make it, for
//! the survey tests and the submissions bench.

use super::TestApp;

pub async fn officer(app: &TestApp) -> reqwest::Client {
    app.add_staff("officer@voice.example", "participation_officer")
        .await;
    app.signed_in("officer@voice.example").await
}

pub fn settings(opens: &'static str, closes: &'static str) -> Vec<(&'static str, &'static str)> {
    vec![
        ("title", "Where you live"),
        ("introduction", "Tell us about your home."),
        ("audience[]", "11-18"),
        ("audience[]", "16-25"),
        ("opens_on", opens),
        ("closes_on", closes),
        ("allow_anonymous", "yes"),
    ]
}

/// Creates a survey and returns its id (from the redirect).
pub async fn create_survey(app: &TestApp, officer: &reqwest::Client) -> String {
    let created = app
        .call(
            officer,
            "save-survey",
            &settings("2026-11-01", "2026-12-31"),
        )
        .await;
    assert_eq!(created.status, 200, "{}", created.body);
    created
        .redirect_after("/officer/surveys/")
        .expect("redirect to the new survey")
}

pub async fn add_question<'a>(
    app: &TestApp,
    officer: &reqwest::Client,
    survey: &'a str,
    fields: &[(&'a str, &'a str)],
) -> super::Answer {
    let mut form = vec![("survey_id", survey), ("hint", "")];
    form.extend_from_slice(fields);
    app.call(officer, "add-question", &form).await
}

/// An open survey: "Do you have a pet?" (yes/no), "What is its name?" only
/// after yes, then a face question.
pub async fn open_survey(app: &TestApp, officer: &reqwest::Client) -> String {
    let survey = create_survey(app, officer).await;
    for fields in [
        vec![
            ("kind", "yes_no"),
            ("prompt", "Do you have a pet?"),
            ("required", "yes"),
        ],
        vec![
            ("kind", "short_text"),
            ("prompt", "What is its name?"),
            ("show_if", "1=yes"),
        ],
        vec![
            ("kind", "face_scale"),
            ("prompt", "How is school?"),
            ("required", "yes"),
        ],
    ] {
        let added = add_question(app, officer, &survey, &fields).await;
        assert!(added.redirect().is_some(), "{}", added.body);
    }
    let opened = app
        .call(
            officer,
            "set-survey-status",
            &[("survey_id", &survey), ("status", "open")],
        )
        .await;
    assert!(opened.redirect().is_some(), "{}", opened.body);
    survey
}

/// The key the check page puts in the send form.
pub async fn submission_key(
    app: &TestApp,
    client: &reqwest::Client,
    form: &[(&str, &str)],
) -> String {
    let check = app.call(client, "survey-check", form).await;
    let page: app::surveys::answering::CheckPage =
        serde_json::from_str(&check.body).expect("the check page");
    page.submission_key
}

/// Makes an anonymous link to `survey` (no limit, no last day) and returns its id.
pub async fn anonymous_link(
    app: &TestApp,
    officer: &reqwest::Client,
    survey: &str,
    max_responses: &str,
) -> String {
    let made = app
        .call(
            officer,
            "create-survey-link",
            &[
                ("survey_id", survey),
                ("label", "LACC"),
                ("max_responses", max_responses),
            ],
        )
        .await;
    assert!(made.redirect().is_some(), "{}", made.body);
    sqlx::query_scalar("SELECT id FROM survey_links WHERE survey_id = $1 ORDER BY created_at DESC")
        .bind(survey)
        .fetch_one(&app.db)
        .await
        .expect("the new link")
}

/// A phone that started answering a survey through an anonymous link: the
/// phone, and the page's place fields.
#[derive(Clone)]
pub struct AnonymousPhone {
    pub phone: reqwest::Client,
    pub link: String,
    pub response: String,
}

impl AnonymousPhone {
    /// A new phone that opens `link` and is sent to the first question.
    pub async fn start(app: &TestApp, link: &str) -> AnonymousPhone {
        let phone = super::client();
        let started = app.call(&phone, "start-anonymous", &[("link", link)]).await;
        let first = started.redirect_to("/s/").expect("the first question");
        let response = first.split('/').nth(3).expect("a response id").to_string();
        AnonymousPhone {
            phone,
            link: link.to_string(),
            response,
        }
    }

    /// The fields that say which response a form is about.
    pub fn place(&self) -> Vec<(&str, &str)> {
        vec![
            ("survey_id", ""),
            ("link", self.link.as_str()),
            ("response", self.response.as_str()),
        ]
    }

    /// Answers `question` (its id) with `answer`.
    pub async fn answer(&self, app: &TestApp, question: &str, answer: &str) -> super::Answer {
        let mut form = self.place();
        form.extend([("question_id", question), ("answer", answer)]);
        app.call(&self.phone, "answer-question", &form).await
    }

    /// Sends the response from its check page, as the send button does.
    pub async fn send(&self, app: &TestApp) {
        let key = submission_key(app, &self.phone, &self.place()).await;
        let mut form = self.place();
        form.push(("submission_key", &key));
        let sent = app.call(&self.phone, "send-survey", &form).await;
        assert!(
            sent.redirect().is_some_and(|path| path.contains("/done")),
            "{}",
            sent.body
        );
    }
}

/// Answers `survey` as the signed-in `young`, each (question id, answer) in
/// turn, and sends it.
pub async fn answer_and_send(
    app: &TestApp,
    young: &reqwest::Client,
    survey: &str,
    answers: &[(&str, &str)],
) {
    for &(question, value) in answers {
        app.call(
            young,
            "answer-question",
            &[
                ("survey_id", survey),
                ("question_id", question),
                ("answer", value),
            ],
        )
        .await;
    }
    let key = submission_key(app, young, &[("survey_id", survey)]).await;
    app.call(
        young,
        "send-survey",
        &[("survey_id", survey), ("submission_key", &key)],
    )
    .await;
}

/// The officer's download of `survey`'s results as CSV, as `client` asks for it.
pub async fn results_csv(
    app: &TestApp,
    client: &reqwest::Client,
    survey: &str,
) -> reqwest::Response {
    client
        .get(format!(
            "{}/officer/surveys/{survey}/results.csv",
            app.address
        ))
        .send()
        .await
        .expect("csv")
}

/// An officer's open survey (see `open_survey`) with an anonymous link to
/// it that takes any number of responses.
pub struct SurveyWithLink {
    pub officer: reqwest::Client,
    pub survey: String,
    pub link: String,
}

/// Signs in the officer, opens the survey and makes the link.
pub async fn survey_with_link(app: &TestApp) -> SurveyWithLink {
    let officer = officer(app).await;
    let survey = open_survey(app, &officer).await;
    let link = anonymous_link(app, &officer, &survey, "").await;
    SurveyWithLink {
        officer,
        survey,
        link,
    }
}
