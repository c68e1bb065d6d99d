//! Every server function, called as every role and as a signed-out visitor.
//! The table below is the access policy; a server function missing from it
//! fails the test, so each new one must be added here.

mod common;

use app::domain::Role;
use common::{client, spawn, Backend};

/// One server function: who may call it (`None` means anyone, signed in or
/// not) and a form to send it.
struct Rule {
    endpoint: &'static str,
    allowed: Option<&'static [Role]>,
    form: Vec<(&'static str, &'static str)>,
}

fn policy() -> Vec<Rule> {
    let admin: &'static [Role] = &[Role::Admin];
    let young: &'static [Role] = &[Role::YoungPerson];
    let officer: &'static [Role] = &[Role::ParticipationOfficer];
    let caseworker: &'static [Role] = &[Role::Advocate, Role::Admin];
    let facilitator: &'static [Role] = &[Role::Facilitator];
    [
        ("current-user", None, vec![]),
        ("council-settings", None, vec![]),
        (
            "sign-in",
            None,
            vec![("login", "nobody"), ("password", "x")],
        ),
        ("sign-out", None, vec![]),
        (
            "activate",
            None,
            vec![
                ("code", "0000-0000"),
                ("password", "x"),
                ("password_confirmation", "x"),
            ],
        ),
        ("list-accounts", Some(admin), vec![]),
        (
            "get-account",
            Some(admin),
            vec![("account_id", "no-such-account")],
        ),
        (
            "create-young-person",
            Some(admin),
            vec![("display_name", ""), ("username", ""), ("birth_month", "")],
        ),
        (
            "create-staff",
            Some(admin),
            vec![("display_name", ""), ("email", "")],
        ),
        (
            "reissue-code",
            Some(admin),
            vec![("account_id", "no-such-account")],
        ),
        (
            "deactivate-account",
            Some(admin),
            vec![("account_id", "no-such-account")],
        ),
        ("audit-entries", Some(admin), vec![]),
        ("promises-to-rate", Some(young), vec![]),
        ("promise-to-rate", Some(young), vec![("promise_id", "1")]),
        (
            "rate-promise",
            Some(young),
            vec![("promise_id", "1"), ("why", ""), ("better", "")],
        ),
        ("my-promise-history", Some(young), vec![]),
        ("list-promises", None, vec![]),
        ("list-actions", None, vec![]),
        ("current-period", None, vec![]),
        (
            "publish-action",
            Some(officer),
            vec![("you_said", ""), ("we_did", "")],
        ),
        (
            "set-action-status",
            Some(officer),
            vec![("action_id", "no-such-action")],
        ),
        ("promise-dashboard", Some(officer), vec![]),
        ("reports-overview", Some(officer), vec![]),
        ("build-report", Some(officer), vec![("period", "2026-04")]),
        ("save-report-snapshot", Some(officer), vec![("period", "")]),
        (
            "get-report-snapshot",
            Some(officer),
            vec![("id", "no-such-snapshot")],
        ),
        ("choose-report-quotes", Some(officer), vec![("period", "")]),
        (
            "approve-quote",
            Some(officer),
            vec![
                ("source", "promise_rating/no-such-rating/why"),
                ("quote", ""),
            ],
        ),
        (
            "withdraw-quote",
            Some(officer),
            vec![("source", "survey_answer/no-such-response/1")],
        ),
        (
            "dismiss-writing",
            Some(officer),
            vec![("source", "promise_rating/no-such-rating/why")],
        ),
        ("promise-comments", Some(officer), vec![]),
        ("admin-promises", Some(admin), vec![]),
        ("admin-promise", Some(admin), vec![("promise_id", "1")]),
        (
            "save-promise",
            Some(admin),
            vec![("promise_id", "1"), ("wording", ""), ("easy_read", "")],
        ),
        (
            "add-promise",
            Some(admin),
            vec![("wording", ""), ("easy_read", "")],
        ),
        (
            "retire-promise",
            Some(admin),
            vec![("promise_id", "999999"), ("retire", "no")],
        ),
        ("officer-surveys", Some(officer), vec![]),
        (
            "officer-survey",
            Some(officer),
            vec![("survey_id", "no-such-survey")],
        ),
        (
            "save-survey",
            Some(officer),
            vec![
                ("title", ""),
                ("introduction", ""),
                ("opens_on", ""),
                ("closes_on", ""),
            ],
        ),
        (
            "add-question",
            Some(officer),
            vec![
                ("survey_id", "no-such-survey"),
                ("prompt", ""),
                ("hint", ""),
            ],
        ),
        (
            "preview-question",
            Some(officer),
            vec![("survey_id", "no-such-survey"), ("number", "1")],
        ),
        (
            "reword-question",
            Some(officer),
            vec![
                ("survey_id", "no-such-survey"),
                ("question_id", "1"),
                ("prompt", ""),
            ],
        ),
        (
            "change-question",
            Some(officer),
            vec![
                ("survey_id", "no-such-survey"),
                ("question_id", "1"),
                ("change", "up"),
            ],
        ),
        (
            "set-survey-status",
            Some(officer),
            vec![("survey_id", "no-such-survey"), ("status", "open")],
        ),
        (
            "create-survey-link",
            Some(officer),
            vec![("survey_id", "no-such-survey"), ("label", "")],
        ),
        ("my-surveys", Some(young), vec![]),
        (
            "survey-start",
            Some(young),
            vec![("survey_id", "no-such-survey")],
        ),
        (
            "survey-question",
            Some(young),
            vec![("survey_id", "no-such-survey"), ("question_id", "1")],
        ),
        (
            "answer-question",
            Some(young),
            vec![
                ("survey_id", "no-such-survey"),
                ("question_id", "1"),
                ("answer", "yes"),
            ],
        ),
        (
            "survey-check",
            Some(young),
            vec![("survey_id", "no-such-survey")],
        ),
        (
            "send-survey",
            Some(young),
            vec![("survey_id", "no-such-survey"), ("submission_key", "k")],
        ),
        (
            "survey-results",
            Some(officer),
            vec![("survey_id", "no-such-survey")],
        ),
        // Anonymous links need no account; an unknown link is refused in words.
        ("anonymous-survey", None, vec![("link", "no-such-link")]),
        ("start-anonymous", None, vec![("link", "no-such-link")]),
        // Right to Rights: young people raise and follow their own.
        ("start-concern", Some(young), vec![("kind", "concern")]),
        (
            "concern-draft",
            Some(young),
            vec![("concern_id", "no-such-concern")],
        ),
        (
            "save-concern-step",
            Some(young),
            vec![("concern_id", "no-such-concern"), ("step", "details")],
        ),
        (
            "send-concern",
            Some(young),
            vec![("concern_id", "no-such-concern"), ("submission_key", "k")],
        ),
        ("my-concerns", Some(young), vec![]),
        (
            "my-concern",
            Some(young),
            vec![("concern_id", "no-such-concern")],
        ),
        (
            "concern-message",
            Some(young),
            vec![("concern_id", "no-such-concern"), ("body", "")],
        ),
        (
            "concern-feedback",
            Some(young),
            vec![("concern_id", "no-such-concern")],
        ),
        // The safety check: the flag's secret id is the key, whoever asks.
        ("safety-check", None, vec![("flag_id", "no-such-flag")]),
        ("contact-me", None, vec![("flag_id", "no-such-flag")]),
        // Advocates (and admins) only: never officers or facilitators.
        ("concern-queue", Some(caseworker), vec![]),
        (
            "concern-case",
            Some(caseworker),
            vec![("concern_id", "no-such-concern")],
        ),
        (
            "allocate-concern",
            Some(caseworker),
            vec![("concern_id", "no-such-concern")],
        ),
        (
            "write-on-concern",
            Some(caseworker),
            vec![("concern_id", "no-such-concern"), ("body", "")],
        ),
        (
            "move-concern",
            Some(caseworker),
            vec![("concern_id", "no-such-concern")],
        ),
        (
            "extend-concern",
            Some(caseworker),
            vec![("concern_id", "no-such-concern"), ("reason", "")],
        ),
        (
            "close-concern",
            Some(caseworker),
            vec![("concern_id", "no-such-concern")],
        ),
        (
            "harm-flag",
            Some(caseworker),
            vec![("flag_id", "no-such-flag")],
        ),
        (
            "handle-flag",
            Some(caseworker),
            vec![("flag_id", "no-such-flag"), ("note", "")],
        ),
        ("rights-settings", Some(admin), vec![]),
        ("save-rights-contact", Some(admin), vec![("contact", "")]),
        ("save-harm-phrases", Some(admin), vec![("phrases", "")]),
        (
            "add-bank-holiday",
            Some(admin),
            vec![("day", ""), ("name", "")],
        ),
        // Live sessions: facilitators run their own; phones need no account.
        ("facilitator-sessions", Some(facilitator), vec![]),
        (
            "create-session",
            Some(facilitator),
            vec![("title", ""), ("held_on", "")],
        ),
        (
            "run-session",
            Some(facilitator),
            vec![("session_id", "no-such-session")],
        ),
        (
            "add-activity",
            Some(facilitator),
            vec![("session_id", "no-such-session"), ("prompt", "")],
        ),
        (
            "open-session",
            Some(facilitator),
            vec![("session_id", "no-such-session")],
        ),
        (
            "show-activity",
            Some(facilitator),
            vec![("session_id", "no-such-session")],
        ),
        (
            "approve-answer",
            Some(facilitator),
            vec![("session_id", "no-such-session"), ("answer_id", "1")],
        ),
        (
            "close-session",
            Some(facilitator),
            vec![
                ("session_id", "no-such-session"),
                ("notes", ""),
                ("actions", ""),
            ],
        ),
        (
            "projector-view",
            Some(facilitator),
            vec![("session_id", "no-such-session")],
        ),
        ("join-session", None, vec![("code", "")]),
        ("phone-view", None, vec![("session_id", "no-such-session")]),
        (
            "live-answer",
            None,
            vec![("session_id", "no-such-session"), ("activity_id", "1")],
        ),
        ("admin-forums", Some(admin), vec![]),
        ("add-forum", Some(admin), vec![("name", "")]),
    ]
    .into_iter()
    .map(|(endpoint, allowed, form)| Rule {
        endpoint,
        allowed,
        form,
    })
    .collect()
}

on_both_databases!(every_server_function_checks_the_callers_role);

async fn every_server_function_checks_the_callers_role(backend: Backend) {
    let app = spawn(backend).await;
    let mut callers = vec![(None, client())];
    for role in Role::ALL {
        let login = match role {
            Role::YoungPerson => {
                app.add_young_person("young").await;
                "young".to_string()
            }
            staff => {
                let email = format!("{}@voice.example", staff.as_str());
                app.add_staff(&email, staff.as_str()).await;
                email
            }
        };
        callers.push((Some(role), app.signed_in(&login).await));
    }

    let policy = policy();
    let registered: Vec<String> = leptos::server_fn::axum::server_fn_paths()
        .map(|(path, _)| path.to_string())
        .collect();
    for path in &registered {
        let endpoint = path.trim_start_matches("/api/");
        assert!(
            policy.iter().any(|rule| rule.endpoint == endpoint),
            "{path} is not in the access-control policy"
        );
    }
    assert_eq!(
        registered.len(),
        policy.len(),
        "every policy entry is a real server function"
    );

    for Rule {
        endpoint,
        allowed,
        form,
    } in &policy
    {
        // sign-out would end the session the later calls need, so it goes last per caller below
        if *endpoint == "sign-out" {
            continue;
        }
        for (role, client) in &callers {
            let answer = app.call(client, endpoint, form).await;
            let may = allowed.is_none_or(|roles| role.is_some_and(|r| roles.contains(&r)));
            // A made-up survey is "not open" to those who may answer one:
            // a 409 that says so, never a refusal of who they are.
            let not_open = answer.status == 409
                && matches!(
                    serde_json::from_str(&answer.body),
                    Ok(app::errors::VoiceError::NotOpen(_))
                );
            let expected = match (may, role) {
                (true, _) if not_open => 409,
                (true, _) => 200,
                (false, None) => 401,
                (false, Some(_)) => 403,
            };
            assert_eq!(
                answer.status, expected,
                "{endpoint} as {role:?}: {}",
                answer.body
            );
            if !may {
                assert!(
                    !answer.body.contains("no-such") && answer.body.len() < 200,
                    "refusals say nothing more"
                );
            }
        }
    }
    for (role, client) in &callers {
        let answer = app.call(client, "sign-out", &[]).await;
        assert_eq!(answer.status, 200, "sign-out as {role:?}");
    }
}
