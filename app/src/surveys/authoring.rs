//! Officers write surveys: settings, questions (added, moved, removed),
//! opening and closing. A version that has answers is never changed: the
//! store makes the next version instead, and results keep to each version.

// A server function's arguments are its form's fields, and the browser's
// copy of each function is generated without any attribute put on it.
#![allow(clippy::too_many_arguments)]

use super::questions::Question;
#[cfg(feature = "ssr")]
use super::questions::{parse_question, QuestionInput};
#[cfg(feature = "ssr")]
use super::settings::parse_settings;
use super::Survey;
#[cfg(feature = "ssr")]
use super::SurveyStatus;
use crate::domain::{Shown, SurveyId};
use crate::errors::VoiceError;
use crate::forms::{FieldErrors, FormReply};
use crate::promises::Promise;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// Everything the survey's page shows an officer.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SurveyForOfficer {
    pub survey: Survey,
    pub questions: Vec<Question>,
    pub links: Vec<LinkForOfficer>,
    /// The promises a promise-rating question can ask about.
    pub promises: Vec<Promise>,
    /// Responses sent, over every version ("fewer than 5" when small).
    pub sent: Shown,
}

/// An anonymous link with its full address and a QR code to print.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LinkForOfficer {
    pub label: String,
    pub max_responses: Option<i64>,
    pub expires_on: Option<chrono::NaiveDate>,
    /// Answers sent through it, suppressed together with the other links'
    /// (they add up to the "through an anonymous link" count of the results).
    pub answers: Shown,
    pub url: String,
    pub qr_svg: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SurveyListItem {
    pub survey: Survey,
    /// Responses sent, over every version ("fewer than 5" when small).
    pub sent: Shown,
}

/// Moves question `id` one place up or down. Refused when skip logic would
/// then look forward (a question shown only after an answer that now comes
/// later).
pub fn move_question(
    questions: &[Question],
    id: u32,
    up: bool,
) -> Result<Vec<Question>, &'static str> {
    let from = questions
        .iter()
        .position(|q| q.id == id)
        .ok_or("There is no such question.")?;
    let to = if up {
        from.checked_sub(1)
    } else {
        Some(from + 1).filter(|&to| to < questions.len())
    };
    let Some(to) = to else {
        return Ok(questions.to_vec());
    };
    let mut moved = questions.to_vec();
    moved.swap(from, to);
    if looks_forward(&moved) {
        return Err("A question that depends on an earlier answer must stay after it.");
    }
    Ok(moved)
}

/// Removes question `id`, unless another question's skip logic needs it.
pub fn remove_question(questions: &[Question], id: u32) -> Result<Vec<Question>, &'static str> {
    if questions
        .iter()
        .any(|q| q.show_if.as_ref().is_some_and(|c| c.question_id == id))
    {
        return Err("Another question is shown depending on this one. Change or remove that question first.");
    }
    Ok(questions.iter().filter(|q| q.id != id).cloned().collect())
}

/// The names of a question's wording fields in the editor (one form per
/// question, so each needs its own).
pub fn wording_fields(id: u32) -> (String, String) {
    (format!("prompt-{id}"), format!("hint-{id}"))
}

/// Changes the words of question `id` (its question and hint). What it asks
/// for stays the same, so answers already given to it still fit.
pub fn reword_question(
    questions: &[Question],
    id: u32,
    prompt: &str,
    hint: &str,
) -> Result<Vec<Question>, FieldErrors> {
    use super::questions::{MAX_HINT_CHARS, MAX_PROMPT_CHARS};
    if !questions.iter().any(|q| q.id == id) {
        return Err(FieldErrors::form("There is no such question."));
    }
    let (prompt_field, hint_field) = wording_fields(id);
    let mut errors = FieldErrors::default();
    let prompt = errors.text(
        &prompt_field,
        prompt,
        MAX_PROMPT_CHARS,
        Some("Enter the question"),
    );
    let hint = errors.text(&hint_field, hint, MAX_HINT_CHARS, None);
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(questions
        .iter()
        .map(|q| {
            let mut q = q.clone();
            if q.id == id {
                (q.prompt, q.hint) = (prompt.clone(), hint.clone());
            }
            q
        })
        .collect())
}

fn looks_forward(questions: &[Question]) -> bool {
    questions.iter().enumerate().any(|(index, question)| {
        question.show_if.as_ref().is_some_and(|condition| {
            !questions[..index]
                .iter()
                .any(|q| q.id == condition.question_id)
        })
    })
}

/// The id for a new question: above every id any version has used, so a
/// question id means one question across all of a survey's versions.
pub fn next_question_id(every_version: &[Vec<Question>]) -> u32 {
    every_version
        .iter()
        .flatten()
        .map(|q| q.id)
        .max()
        .unwrap_or(0)
        + 1
}

#[cfg(feature = "ssr")]
pub(super) mod ssr {
    use crate::auth::ssr::require;
    use crate::auth::SessionUser;
    use crate::domain::Role;
    use crate::errors::Context;
    use crate::errors::VoiceError;
    use crate::forms::{FieldErrors, FormReply};
    use crate::state::AppState;
    use crate::surveys::{store, Survey};

    pub fn officer() -> Result<(SessionUser, AppState), VoiceError> {
        require(&[Role::ParticipationOfficer])
    }

    pub async fn survey(
        state: &AppState,
        id: &crate::domain::SurveyId,
    ) -> Result<Option<Survey>, VoiceError> {
        store::survey(&state.db, id).await.context("survey")
    }

    /// The survey and the questions of its latest version.
    pub async fn survey_with_questions(
        state: &AppState,
        id: &crate::domain::SurveyId,
    ) -> Result<Option<(Survey, Vec<crate::surveys::questions::Question>)>, VoiceError> {
        let Some(survey) = survey(state, id).await? else {
            return Ok(None);
        };
        let questions = store::questions(&state.db, &survey.id, survey.version)
            .await
            .context("questions")?;
        Ok(Some((survey, questions)))
    }

    pub fn no_such_survey<T>() -> FormReply<T> {
        FormReply::Invalid(FieldErrors::form("There is no such survey."))
    }

    /// The change's audit line, written on the change's own transaction.
    pub async fn audit(
        db: impl crate::db::Runs<'_>,
        state: &AppState,
        officer: &SessionUser,
        action: crate::audit::AuditAction,
        survey_id: &crate::domain::SurveyId,
        detail: &str,
    ) -> Result<(), VoiceError> {
        crate::audit::record(
            db,
            state.now(),
            Some(&officer.account_id),
            action,
            survey_id,
            detail,
        )
        .await
        .context("audit")
    }

    /// Saves changed questions (as a new version if the current one has
    /// answers) and goes back to the survey's questions.
    pub async fn save_questions(
        state: &AppState,
        officer: &SessionUser,
        survey_id: &crate::domain::SurveyId,
        questions: &[crate::surveys::questions::Question],
        action: crate::audit::AuditAction,
    ) -> Result<FormReply<()>, VoiceError> {
        let mut tx = state.db.begin().await.context("begin")?;
        let version = store::save_questions(&mut tx, survey_id, questions, state.now())
            .await
            .context("save questions")?;
        audit(
            &mut *tx,
            state,
            officer,
            action,
            survey_id,
            &format!("version {version}"),
        )
        .await?;
        tx.commit().await.context("commit")?;
        Ok(FormReply::Redirect(format!(
            "/officer/surveys/{survey_id}#questions"
        )))
    }
}

#[server(prefix = "/api", endpoint = "officer-surveys")]
pub async fn officer_surveys() -> Result<Vec<SurveyListItem>, VoiceError> {
    use crate::errors::Context;
    let (_, state) = ssr::officer()?;
    let surveys = super::store::all_surveys(&state.db)
        .await
        .context("surveys")?;
    Ok(surveys
        .into_iter()
        .map(|(survey, sent)| SurveyListItem {
            survey,
            sent: Shown::of(count(sent)),
        })
        .collect())
}

#[server(prefix = "/api", endpoint = "officer-survey")]
pub async fn officer_survey(survey_id: SurveyId) -> Result<Option<SurveyForOfficer>, VoiceError> {
    use crate::errors::Context;
    let (_, state) = ssr::officer()?;
    let Some((survey, questions)) = ssr::survey_with_questions(&state, &survey_id).await? else {
        return Ok(None);
    };
    let base = crate::links::base_url(&state);
    let links: Vec<super::SurveyLink> = super::store::links(&state.db, &survey.id)
        .await
        .context("links")?;
    let answers = crate::domain::suppression::suppress_cells(
        &links.iter().map(|l| count(l.responses)).collect::<Vec<_>>(),
    );
    let links = links
        .into_iter()
        .zip(answers)
        .map(|(link, answers)| {
            let url = format!("{base}/s/{}", link.id);
            let qr_svg = crate::links::qr_svg(&url, "QR code that opens the survey");
            LinkForOfficer {
                label: link.label,
                max_responses: link.max_responses,
                expires_on: link.expires_on,
                answers,
                url,
                qr_svg,
            }
        })
        .collect();
    let promises = crate::promises::store::active_promises(&state.db)
        .await
        .context("promises")?;
    let sent = super::store::all_surveys(&state.db)
        .await
        .context("surveys")?
        .into_iter()
        .find(|(s, _)| s.id == survey.id)
        .map_or(0, |(_, sent)| sent);
    Ok(Some(SurveyForOfficer {
        survey,
        questions,
        links,
        promises,
        sent: Shown::of(count(sent)),
    }))
}

/// A count from the database, as suppression takes it.
#[cfg(feature = "ssr")]
fn count(rows: i64) -> u32 {
    u32::try_from(rows).unwrap_or(u32::MAX)
}

/// Creates a survey (no `survey_id`) or saves an existing one's settings.
#[server(prefix = "/api", endpoint = "save-survey")]
pub async fn save_survey(
    survey_id: Option<SurveyId>,
    title: String,
    introduction: String,
    #[server(default)] audience: Vec<String>,
    opens_on: String,
    closes_on: String,
    allow_anonymous: Option<String>,
) -> Result<FormReply<()>, VoiceError> {
    use crate::errors::Context;
    let (officer, state) = ssr::officer()?;
    let settings = match parse_settings(
        &title,
        &introduction,
        &audience,
        &opens_on,
        &closes_on,
        allow_anonymous.is_some(),
    ) {
        Ok(settings) => settings,
        Err(errors) => return Ok(FormReply::Invalid(errors)),
    };
    let Some(survey_id) = survey_id else {
        let mut tx = state.db.begin().await.context("begin")?;
        let id = super::store::create_survey(&mut tx, &settings, &officer.account_id, state.now())
            .await
            .context("create survey")?;
        ssr::audit(
            &mut *tx,
            &state,
            &officer,
            crate::audit::AuditAction::SurveyCreated,
            &id,
            "",
        )
        .await?;
        tx.commit().await.context("commit")?;
        return Ok(FormReply::Redirect(format!("/officer/surveys/{id}")));
    };
    let mut tx = state.db.begin().await.context("begin")?;
    if !super::store::update_settings(&mut *tx, &survey_id, &settings, state.now())
        .await
        .context("survey settings")?
    {
        return Ok(ssr::no_such_survey());
    }
    ssr::audit(
        &mut *tx,
        &state,
        &officer,
        crate::audit::AuditAction::SurveySettingsChanged,
        &survey_id,
        "",
    )
    .await?;
    tx.commit().await.context("commit")?;
    Ok(FormReply::Redirect(format!(
        "/officer/surveys/{survey_id}?saved=1"
    )))
}

#[server(prefix = "/api", endpoint = "add-question")]
pub async fn add_question(
    survey_id: SurveyId,
    kind: Option<String>,
    prompt: String,
    hint: String,
    #[server(default)] options: String,
    other: Option<String>,
    required: Option<String>,
    #[server(default)] promise_ids: Vec<String>,
    #[server(default)] show_if: String,
) -> Result<FormReply<()>, VoiceError> {
    use crate::errors::Context;
    let (officer, state) = ssr::officer()?;
    let Some(survey) = ssr::survey(&state, &survey_id).await? else {
        return Ok(ssr::no_such_survey());
    };
    let mut questions = super::store::questions(&state.db, &survey.id, survey.version)
        .await
        .context("questions")?;
    let promises: Vec<i64> = crate::promises::store::active_promises(&state.db)
        .await
        .context("promises")?
        .into_iter()
        .map(|p| p.id)
        .collect();
    let input = QuestionInput {
        kind: kind.unwrap_or_default(),
        prompt,
        hint,
        options,
        other: other.is_some(),
        required: required.is_some(),
        promise_ids,
        show_if,
    };
    let every_version = super::store::every_version(&state.db, &survey.id)
        .await
        .context("versions")?;
    match parse_question(
        &input,
        next_question_id(&every_version),
        &questions,
        &promises,
    ) {
        Ok(question) => questions.push(question),
        Err(errors) => return Ok(FormReply::Invalid(errors)),
    }
    ssr::save_questions(
        &state,
        &officer,
        &survey.id,
        &questions,
        crate::audit::AuditAction::SurveyQuestionAdded,
    )
    .await
}

/// Moves a question up or down, or removes it.
#[server(prefix = "/api", endpoint = "change-question")]
pub async fn change_question(
    survey_id: SurveyId,
    question_id: u32,
    change: String,
) -> Result<FormReply<()>, VoiceError> {
    use crate::errors::Context;
    let (officer, state) = ssr::officer()?;
    let Some(survey) = ssr::survey(&state, &survey_id).await? else {
        return Ok(ssr::no_such_survey());
    };
    let questions = super::store::questions(&state.db, &survey.id, survey.version)
        .await
        .context("questions")?;
    let changed = match change.as_str() {
        "up" => move_question(&questions, question_id, true),
        "down" => move_question(&questions, question_id, false),
        "remove" => remove_question(&questions, question_id),
        _ => Err("Choose what to do with the question."),
    };
    match changed {
        Ok(changed) => {
            ssr::save_questions(
                &state,
                &officer,
                &survey.id,
                &changed,
                crate::audit::AuditAction::SurveyQuestionChanged,
            )
            .await
        }
        Err(message) => Ok(FormReply::Invalid(FieldErrors::form(message))),
    }
}

/// Changes a question's words.
#[server(prefix = "/api", endpoint = "reword-question")]
pub async fn reword_question_words(
    survey_id: SurveyId,
    question_id: u32,
    prompt: String,
    #[server(default)] hint: String,
) -> Result<FormReply<()>, VoiceError> {
    use crate::errors::Context;
    let (officer, state) = ssr::officer()?;
    let Some(survey) = ssr::survey(&state, &survey_id).await? else {
        return Ok(ssr::no_such_survey());
    };
    let questions = super::store::questions(&state.db, &survey.id, survey.version)
        .await
        .context("questions")?;
    match reword_question(&questions, question_id, &prompt, &hint) {
        Ok(reworded) => {
            ssr::save_questions(
                &state,
                &officer,
                &survey.id,
                &reworded,
                crate::audit::AuditAction::SurveyQuestionReworded,
            )
            .await
        }
        Err(errors) => Ok(FormReply::Invalid(errors)),
    }
}

#[server(prefix = "/api", endpoint = "set-survey-status")]
pub async fn set_survey_status(
    survey_id: SurveyId,
    status: String,
) -> Result<FormReply<()>, VoiceError> {
    use crate::errors::Context;
    let (officer, state) = ssr::officer()?;
    let Some(survey) = ssr::survey(&state, &survey_id).await? else {
        return Ok(ssr::no_such_survey());
    };
    let Some(status) = SurveyStatus::parse(&status).filter(|s| *s != SurveyStatus::Draft) else {
        return Ok(FormReply::Invalid(FieldErrors::form(
            "Choose to open or close the survey.",
        )));
    };
    if status == SurveyStatus::Open {
        let questions = super::store::questions(&state.db, &survey.id, survey.version)
            .await
            .context("questions")?;
        if questions.is_empty() {
            return Ok(FormReply::Invalid(FieldErrors::form(
                "Add a question before opening the survey.",
            )));
        }
    }
    let mut tx = state.db.begin().await.context("begin")?;
    super::store::set_status(&mut *tx, &survey.id, status, state.now())
        .await
        .context("survey status")?;
    ssr::audit(
        &mut *tx,
        &state,
        &officer,
        crate::audit::AuditAction::SurveyStatusChanged,
        &survey.id,
        status.as_str(),
    )
    .await?;
    tx.commit().await.context("commit")?;
    Ok(FormReply::Redirect(format!(
        "/officer/surveys/{}",
        survey.id
    )))
}

#[server(prefix = "/api", endpoint = "create-survey-link")]
pub async fn create_survey_link(
    survey_id: SurveyId,
    label: String,
    #[server(default)] max_responses: String,
    #[server(default)] expires_on: String,
) -> Result<FormReply<()>, VoiceError> {
    use crate::errors::Context;
    let (officer, state) = ssr::officer()?;
    let Some(survey) = ssr::survey(&state, &survey_id).await? else {
        return Ok(ssr::no_such_survey());
    };
    let mut errors = FieldErrors::default();
    if !survey.settings.allow_anonymous {
        errors.add(
            "",
            "This survey does not allow anonymous answers. Change its settings first.",
        );
    }
    let label = errors.text("label", &label, 80, None);
    let max_responses = match max_responses.trim() {
        "" => None,
        text => errors.check(
            "max_responses",
            text.parse::<i64>()
                .ok()
                .filter(|n| (1..=10_000).contains(n))
                .ok_or("Enter a number from 1 to 10000, or leave it empty"),
        ),
    };
    let expires_on = match expires_on.trim() {
        "" => None,
        text => errors.check("expires_on", super::settings::parse_date(text, "")),
    };
    if let Some(invalid) = FormReply::invalid_if_any(errors) {
        return Ok(invalid);
    }
    let mut tx = state.db.begin().await.context("begin")?;
    let id = super::store::create_link(
        &mut *tx,
        &survey.id,
        &label,
        max_responses,
        expires_on,
        &officer.account_id,
        state.now(),
    )
    .await
    .context("create link")?;
    ssr::audit(
        &mut *tx,
        &state,
        &officer,
        crate::audit::AuditAction::SurveyLinkCreated,
        &survey.id,
        &id[..8],
    )
    .await?;
    tx.commit().await.context("commit")?;
    Ok(FormReply::Redirect(format!(
        "/officer/surveys/{}#links",
        survey.id
    )))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::surveys::questions::{QuestionKind, ShowIf};

    #[test]
    fn rewording_changes_only_the_words_of_that_question() {
        let questions = vec![question(1, None), question(2, Some(1))];
        let reworded =
            reword_question(&questions, 2, "  What is your pet called? ", "Any name").unwrap();
        assert_eq!(reworded[1].prompt, "What is your pet called?");
        assert_eq!(reworded[1].hint, "Any name");
        assert_eq!(
            (reworded[1].id, &reworded[1].kind, &reworded[1].show_if),
            (2, &questions[1].kind, &questions[1].show_if)
        );
        assert_eq!(reworded[0], questions[0]);

        let empty = reword_question(&questions, 2, " ", "").unwrap_err();
        assert_eq!(empty.get("prompt-2"), Some("Enter the question"));
        let long = reword_question(&questions, 1, "ok", &"x".repeat(501)).unwrap_err();
        assert!(long.get("hint-1").is_some());
        assert!(reword_question(&questions, 9, "ok", "").is_err());
    }

    fn question(id: u32, show_if: Option<u32>) -> Question {
        Question {
            id,
            prompt: format!("Q{id}"),
            hint: String::new(),
            kind: QuestionKind::YesNoNotSure,
            required: true,
            show_if: show_if.map(|question_id| ShowIf {
                question_id,
                answer: "yes".into(),
            }),
        }
    }

    fn ids(questions: &[Question]) -> Vec<u32> {
        questions.iter().map(|q| q.id).collect()
    }

    #[test]
    fn questions_move_but_never_ahead_of_what_they_depend_on() {
        let questions = vec![question(1, None), question(2, Some(1)), question(3, None)];
        assert_eq!(ids(&move_question(&questions, 3, true).unwrap()), [1, 3, 2]);
        assert_eq!(ids(&move_question(&questions, 1, true).unwrap()), [1, 2, 3]);
        assert!(move_question(&questions, 2, true).is_err());
        assert!(move_question(&questions, 1, false).is_err());
        assert!(move_question(&questions, 9, false).is_err());
    }

    #[test]
    fn a_question_others_depend_on_cannot_be_removed() {
        let questions = vec![question(1, None), question(2, Some(1)), question(3, None)];
        assert!(remove_question(&questions, 1).is_err());
        assert_eq!(ids(&remove_question(&questions, 2).unwrap()), [1, 3]);
        // Ids are never reused: version 1 had question 3, version 2 did not.
        let version_2 = remove_question(&questions, 3).unwrap();
        assert_eq!(next_question_id(&[questions, version_2]), 4);
        assert_eq!(next_question_id(&[]), 1);
    }
}
