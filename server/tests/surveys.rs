//! Surveys through HTTP against a real server on both databases.

mod common;

use app::surveys::answering::{QuestionPage, SurveyIntro};
use common::surveys::{
    add_question, anonymous_link, answer_and_send, create_survey, officer, open_survey,
    results_csv, settings, submission_key, AnonymousPhone,
};
use common::{spawn, Backend, TestApp};

on_both_databases!(
    an_officer_writes_a_survey_and_opens_it,
    skip_logic_and_moves_never_look_forward,
    bad_settings_are_explained_and_nothing_is_saved,
    a_sent_survey_is_recorded_once,
    rewording_an_answered_question_makes_a_new_version,
    anonymous_answers_keep_nothing_that_points_to_a_person,
    nobody_reads_or_changes_another_young_persons_answers,
    results_and_csv_count_what_was_sent,
    an_answer_with_prefer_not_to_say_as_well_is_asked_about,
    written_answers_show_a_few_among_the_results_and_are_read_a_page_at_a_time,
);

async fn questions(app: &TestApp, survey: &str) -> String {
    sqlx::query_scalar(
        "SELECT questions FROM survey_versions WHERE survey_id = $1 ORDER BY version DESC",
    )
    .bind(survey)
    .fetch_one(&app.db)
    .await
    .unwrap()
}

async fn an_officer_writes_a_survey_and_opens_it(backend: Backend) {
    let app = spawn(backend).await;
    let officer = officer(&app).await;
    let survey = create_survey(&app, &officer).await;

    // Opening needs a question.
    let early = app
        .call(
            &officer,
            "set-survey-status",
            &[("survey_id", &survey), ("status", "open")],
        )
        .await;
    assert!(early.body.contains("Add a question"), "{}", early.body);

    let added = add_question(
        &app,
        &officer,
        &survey,
        &[
            ("kind", "single_choice"),
            ("prompt", "Where do you live?"),
            ("options", "Foster care\nChildren's home\nWith family"),
            ("required", "yes"),
        ],
    )
    .await;
    assert!(added.redirect().is_some(), "{}", added.body);
    assert!(questions(&app, &survey).await.contains("Children's home"));

    let opened = app
        .call(
            &officer,
            "set-survey-status",
            &[("survey_id", &survey), ("status", "open")],
        )
        .await;
    assert!(opened.redirect().is_some(), "{}", opened.body);
    let status: String = sqlx::query_scalar("SELECT status FROM surveys WHERE id = $1")
        .bind(&survey)
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(status, "open");

    let page = app
        .call(&officer, "officer-survey", &[("survey_id", &survey)])
        .await;
    assert!(page.body.contains("Where do you live?"), "{}", page.body);
    let audit: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM audit_log WHERE subject = $1 AND action LIKE 'survey.%'",
    )
    .bind(&survey)
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert_eq!(audit, 3, "created, question added, opened");
}

async fn skip_logic_and_moves_never_look_forward(backend: Backend) {
    let app = spawn(backend).await;
    let officer = officer(&app).await;
    let survey = create_survey(&app, &officer).await;
    add_question(
        &app,
        &officer,
        &survey,
        &[("kind", "yes_no"), ("prompt", "Do you have a pet?")],
    )
    .await;
    // A condition on a question that does not exist is refused.
    let wrong = add_question(
        &app,
        &officer,
        &survey,
        &[
            ("kind", "short_text"),
            ("prompt", "What is its name?"),
            ("show_if", "2=yes"),
        ],
    )
    .await;
    assert!(wrong.field_error("show_if").is_some(), "{}", wrong.body);
    let right = add_question(
        &app,
        &officer,
        &survey,
        &[
            ("kind", "short_text"),
            ("prompt", "What is its name?"),
            ("show_if", "1=yes"),
        ],
    )
    .await;
    assert!(right.redirect().is_some(), "{}", right.body);
    // The preview shows every question, saying when it is shown.
    let preview = app
        .call(
            &officer,
            "preview-question",
            &[("survey_id", &survey), ("number", "2")],
        )
        .await;
    assert!(
        preview
            .body
            .contains("Shown only if the answer to question 1 is “Yes”"),
        "{}",
        preview.body
    );
    let beyond = app
        .call(
            &officer,
            "preview-question",
            &[("survey_id", &survey), ("number", "3")],
        )
        .await;
    assert_eq!(beyond.body, "null");

    // The follow-up cannot move above the question it depends on, and
    // that question cannot be removed while the follow-up needs it.
    for (question, change) in [("2", "up"), ("1", "down"), ("1", "remove")] {
        let refused = app
            .call(
                &officer,
                "change-question",
                &[
                    ("survey_id", &survey),
                    ("question_id", question),
                    ("change", change),
                ],
            )
            .await;
        assert!(
            refused.field_errors().is_some(),
            "{change}: {}",
            refused.body
        );
    }
    let removed = app
        .call(
            &officer,
            "change-question",
            &[
                ("survey_id", &survey),
                ("question_id", "2"),
                ("change", "remove"),
            ],
        )
        .await;
    assert!(removed.redirect().is_some(), "{}", removed.body);
    assert!(!questions(&app, &survey).await.contains("its name"));
}

async fn bad_settings_are_explained_and_nothing_is_saved(backend: Backend) {
    let app = spawn(backend).await;
    let officer = officer(&app).await;
    let refused = app
        .call(
            &officer,
            "save-survey",
            &settings("2026-12-31", "2026-11-01"),
        )
        .await;
    assert_eq!(refused.status, 200);
    assert!(
        refused
            .body
            .contains("The closing date must be on or after the opening date"),
        "{}",
        refused.body
    );
    let count: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM surveys")
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(count, 0);
}

async fn count(app: &TestApp, sql: &str) -> i64 {
    sqlx::query_scalar(sql).fetch_one(&app.db).await.unwrap()
}

async fn rewording_an_answered_question_makes_a_new_version(backend: Backend) {
    let app = spawn(backend).await;
    let officer = officer(&app).await;
    let survey = open_survey(&app, &officer).await;
    let reword = |prompt: &'static str| {
        [
            ("survey_id", survey.as_str()),
            ("question_id", "3"),
            ("prompt", prompt),
            ("hint", "Think about this term"),
        ]
    };
    let empty = app.call(&officer, "reword-question", &reword(" ")).await;
    assert!(
        empty
            .field_error("prompt-3")
            .is_some_and(|message| message.contains("Enter the question")),
        "{}",
        empty.body
    );
    // Nobody has answered yet: the version is changed in place.
    let reworded = app
        .call(&officer, "reword-question", &reword("How is school going?"))
        .await;
    assert!(reworded.redirect().is_some(), "{}", reworded.body);
    assert!(questions(&app, &survey)
        .await
        .contains("How is school going?"));
    assert_eq!(count(&app, "SELECT COUNT(*) FROM survey_versions").await, 1);

    app.add_young_person("sam").await;
    let young = app.signed_in("sam").await;
    answer_and_send(&app, &young, &survey, &[("1", "no"), ("3", "4")]).await;

    app.call(
        &officer,
        "reword-question",
        &reword("How is school this term?"),
    )
    .await;
    assert_eq!(count(&app, "SELECT COUNT(*) FROM survey_versions").await, 2);
    assert!(questions(&app, &survey)
        .await
        .contains("How is school this term?"));
    // The answered version keeps the words its answers were given to.
    let first: String = sqlx::query_scalar(
        "SELECT questions FROM survey_versions WHERE survey_id = $1 AND version = 1",
    )
    .bind(&survey)
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert!(first.contains("How is school going?"), "{first}");
}

async fn a_sent_survey_is_recorded_once(backend: Backend) {
    let app = spawn(backend).await;
    let officer = officer(&app).await;
    let survey = open_survey(&app, &officer).await;
    app.add_young_person("sam").await;
    let young = app.signed_in("sam").await;
    let answer = |question: &'static str, value: &'static str| {
        vec![
            ("survey_id", survey.clone()),
            ("question_id", question.to_string()),
            ("answer", value.to_string()),
        ]
    };
    let call = |form: Vec<(&'static str, String)>| {
        let (app, young) = (&app, &young);
        async move {
            let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
            app.call(young, "answer-question", &form).await
        }
    };
    let first = call(answer("1", "yes")).await;
    assert!(
        first
            .body
            .contains(&format!("/surveys/{survey}/questions/2")),
        "{}",
        first.body
    );
    // Coming back later carries on at the first question not answered.
    let start = app
        .call(&young, "survey-start", &[("survey_id", &survey)])
        .await;
    assert_eq!(
        start.json::<SurveyIntro>().next,
        format!("/surveys/{survey}/questions/2")
    );
    call(answer("2", "Biscuit")).await;
    let last = call(answer("3", "4")).await;
    assert!(
        last.redirect().is_some_and(|path| path.contains("/check")),
        "{}",
        last.body
    );

    let key = submission_key(&app, &young, &[("survey_id", &survey)]).await;
    let send = [
        ("survey_id", survey.as_str()),
        ("submission_key", key.as_str()),
    ];
    for _ in 0..2 {
        let sent = app.call(&young, "send-survey", &send).await;
        assert!(
            sent.redirect().is_some_and(|path| path.contains("/done")),
            "{}",
            sent.body
        );
    }
    let again = app
        .call(
            &young,
            "send-survey",
            &[("survey_id", &survey), ("submission_key", "another-key")],
        )
        .await;
    assert!(
        again.redirect().is_some_and(|path| path.contains("/done")),
        "{}",
        again.body
    );
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM survey_responses WHERE submitted_at IS NOT NULL"
        )
        .await,
        1
    );
    assert_eq!(count(&app, "SELECT COUNT(*) FROM survey_answers").await, 3);
    // Once sent, answers cannot be changed.
    call(answer("3", "1")).await;
    let face: String =
        sqlx::query_scalar("SELECT answer FROM survey_answers WHERE question_id = 3")
            .fetch_one(&app.db)
            .await
            .unwrap();
    assert!(face.contains("4"), "{face}");
}

async fn anonymous_answers_keep_nothing_that_points_to_a_person(backend: Backend) {
    let app = spawn(backend).await;
    let officer = officer(&app).await;
    let survey = open_survey(&app, &officer).await;
    let link = anonymous_link(&app, &officer, &survey, "1").await;

    let phone = common::client();
    let started = app
        .call(&phone, "start-anonymous", &[("link", &link)])
        .await;
    let path = started
        .redirect_to("/s/")
        .expect("a redirect into the survey");
    let response = path.split('/').nth(3).unwrap().to_string();
    assert_eq!(path, format!("/s/{link}/{response}/questions/1"));
    let phone = AnonymousPhone {
        phone,
        link: link.clone(),
        response,
    };
    for (question, value) in [("1", "no"), ("3", "5")] {
        let answered = phone.answer(&app, question, value).await;
        assert!(answered.redirect().is_some(), "{}", answered.body);
    }
    phone.send(&app).await;

    let (account, cohort, band, started, submitted): (
        Option<String>,
        Option<String>,
        Option<String>,
        i64,
        Option<i64>,
    ) = sqlx::query_as(
        "SELECT account_id, cohort, age_band, started_at, submitted_at FROM survey_responses",
    )
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert_eq!((account, cohort, band), (None, None, None));
    // Only the day is kept, so the times match nothing in any log.
    assert_eq!(started % 86_400, 0);
    assert_eq!(submitted.map(|s| s % 86_400), Some(0));
    assert_eq!(count(&app, "SELECT responses FROM survey_links").await, 1);
    // The link took its one answer.
    let full = app
        .call(&common::client(), "start-anonymous", &[("link", &link)])
        .await;
    assert!(full.body.contains("not open"), "{}", full.body);
}

async fn nobody_reads_or_changes_another_young_persons_answers(backend: Backend) {
    let app = spawn(backend).await;
    let officer = officer(&app).await;
    let survey = open_survey(&app, &officer).await;
    app.add_young_person("ana").await;
    app.add_young_person("ben").await;
    let ana = app.signed_in("ana").await;
    let ben = app.signed_in("ben").await;
    app.call(
        &ana,
        "answer-question",
        &[
            ("survey_id", &survey),
            ("question_id", "1"),
            ("answer", "yes"),
        ],
    )
    .await;
    let ana_response: String = sqlx::query_scalar("SELECT id FROM survey_responses")
        .fetch_one(&app.db)
        .await
        .unwrap();

    // Ben sees his own (empty) page, not Ana's answer.
    let page = app
        .call(
            &ben,
            "survey-question",
            &[("survey_id", &survey), ("question_id", "1")],
        )
        .await;
    assert_eq!(page.json::<QuestionPage>().answer, None, "{}", page.body);
    // Naming Ana's response gets Ben nowhere: it came through no link.
    let sneaky = app
        .call(
            &ben,
            "answer-question",
            &[
                ("survey_id", &survey),
                ("link", "x"),
                ("response", &ana_response),
                ("question_id", "1"),
                ("answer", "no"),
            ],
        )
        .await;
    assert!(sneaky.body.contains("not open"), "{}", sneaky.body);
    let check = app
        .call(
            &ben,
            "survey-check",
            &[
                ("survey_id", ""),
                ("link", "x"),
                ("response", &ana_response),
            ],
        )
        .await;
    assert!(!check.body.contains("Yes"), "{}", check.body);
    let ana_answer: String = sqlx::query_scalar(
        "SELECT answer FROM survey_answers WHERE response_id = $1 AND question_id = 1",
    )
    .bind(&ana_response)
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert!(ana_answer.contains("yes"), "{ana_answer}");
}

async fn results_and_csv_count_what_was_sent(backend: Backend) {
    let app = spawn(backend).await;
    let officer = officer(&app).await;
    let survey = open_survey(&app, &officer).await;
    // Seven young people: five say yes (and name a pet), one no, one not sure.
    // (Two small cells, so neither needs another hidden beside it.)
    for n in 0..7 {
        let login = format!("young{n}");
        app.add_young_person(&login).await;
        let young = app.signed_in(&login).await;
        let pet = ["yes", "yes", "yes", "yes", "yes", "no", "not_sure"][n];
        let mut answers = vec![("1", pet), ("3", "5")];
        if n < 5 {
            answers.insert(1, ("2", "Biscuit"));
        }
        answer_and_send(&app, &young, &survey, &answers).await;
    }
    let page = app
        .call(&officer, "survey-results", &[("survey_id", &survey)])
        .await;
    assert!(
        page.body.contains(r#""responses":{"Count":7}"#),
        "{}",
        page.body
    );
    assert!(page.body.contains("Biscuit"), "written answers are listed");

    let csv = results_csv(&app, &officer, &survey).await;
    assert_eq!(csv.status(), 200);
    let text = csv.text().await.unwrap();
    assert!(
        text.contains("Where you live,1,Responses,All,7,\n"),
        "{text}"
    );
    assert!(text.contains("1. Do you have a pet?,Yes,5,71\n"), "{text}");
    assert!(
        text.contains("1. Do you have a pet?,No,fewer than 5,\n"),
        "{text}"
    );
    assert!(
        text.contains("1. Do you have a pet?,Not sure,fewer than 5,\n"),
        "{text}"
    );
    assert!(
        text.contains("3. How is school?,Really happy,7,100\n"),
        "{text}"
    );

    // Nobody else may download it.
    let young = app.signed_in("young0").await;
    let refused = results_csv(&app, &young, &survey).await;
    assert_eq!(refused.status(), 403);
    let signed_out = results_csv(&app, &common::client(), &survey).await;
    assert_eq!(signed_out.status(), 401);
}

/// A face and "Prefer not to say" sent together (a page without script
/// sends whatever is ticked) is asked about beside the answer, not
/// resolved by dropping one of them; and a face question's page offers
/// "Not sure" as its one way not to answer.
async fn an_answer_with_prefer_not_to_say_as_well_is_asked_about(backend: Backend) {
    let app = spawn(backend).await;
    let officer = officer(&app).await;
    let survey = open_survey(&app, &officer).await;
    let link = anonymous_link(&app, &officer, &survey, "").await;
    let phone = AnonymousPhone::start(&app, &link).await;

    let mut form = phone.place();
    form.extend([
        ("question_id", "3"),
        ("answer", "4"),
        ("prefer_not_to_say", "yes"),
    ]);
    let both = app.call(&phone.phone, "answer-question", &form).await;
    assert_eq!(
        both.field_error("answer").as_deref(),
        Some("Choose an answer or “Prefer not to say”, not both"),
        "{}",
        both.body
    );
    let stored: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM survey_answers")
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(stored, 0, "neither answer is kept");

    let nothing = phone.answer(&app, "3", "").await;
    assert_eq!(
        nothing.field_error("answer").as_deref(),
        Some("Choose an answer, or choose “Not sure”")
    );
    let page = app
        .page_text(
            &phone.phone,
            &format!("/s/{link}/{}/questions/3", phone.response),
        )
        .await;
    assert!(page.contains("Not sure"), "{page}");
    assert!(!page.contains("Prefer not to say"), "{page}");
}

/// However many wrote something, the results page shows a few written
/// answers per question, with the way to read them all a page at a time.
async fn written_answers_show_a_few_among_the_results_and_are_read_a_page_at_a_time(
    backend: Backend,
) {
    use app::domain::paging::PAGE_SIZE;
    use app::surveys::results::{VersionResults, WRITTEN_PREVIEW};
    let app = spawn(backend).await;
    let officer = officer(&app).await;
    let survey = open_survey(&app, &officer).await;
    let link = anonymous_link(&app, &officer, &survey, "").await;
    let wrote = PAGE_SIZE as usize + 3;
    for n in 0..wrote {
        let phone = AnonymousPhone::start(&app, &link).await;
        phone.answer(&app, "1", "yes").await;
        phone.answer(&app, "2", &format!("Pet {n:02}")).await;
        phone.answer(&app, "3", "4").await;
        phone.send(&app).await;
    }
    let results = |extra: &'static [(&'static str, &'static str)]| {
        let (app, officer, survey) = (&app, &officer, survey.clone());
        async move {
            let mut form = vec![("survey_id", survey.as_str())];
            form.extend_from_slice(extra);
            let answer = app.call(officer, "survey-results", &form).await;
            assert_eq!(answer.status, 200, "{}", answer.body);
            let found: Option<VersionResults> = answer.json();
            found.expect("the survey").tally.questions.remove(1)
        }
    };
    let names = results(&[]).await;
    assert_eq!(
        (names.written.len(), names.written_total),
        (WRITTEN_PREVIEW, wrote)
    );
    assert_eq!(names.written_pages, None);

    let reading = results(&[("written", "2")]).await;
    assert_eq!(reading.written.len() as u64, PAGE_SIZE);
    let links = reading.written_pages.expect("pages");
    assert_eq!((links.page, links.pages), (1, 2));
    assert!(
        links
            .next
            .as_deref()
            .is_some_and(|next| next.ends_with("written=2&page=2")),
        "{links:?}"
    );
    let last = results(&[("written", "2"), ("page", "99")]).await;
    assert_eq!(last.written.len(), 3, "past the end is the last page");
    let nonsense = results(&[("written", "drop"), ("page", "-1")]).await;
    assert_eq!(nonsense.written.len(), WRITTEN_PREVIEW);

    let page = app
        .page_text(&officer, &format!("/officer/surveys/{survey}/results"))
        .await;
    assert!(
        page.contains(&format!("Read all {wrote} written answers")),
        "{page}"
    );
}
