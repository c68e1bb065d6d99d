//! Young people answer surveys: one question per page, each answer saved
//! as it is sent, a check-your-answers page, and a final send that counts
//! once however often it is retried. The same pages serve anonymous links.

// A server function's arguments are its form's fields, and the browser's
// copy of each function is generated without any attribute put on it.
#![allow(clippy::too_many_arguments)]

#[cfg(feature = "ssr")]
use super::questions::{parse_answer, AnswerFields};
use super::questions::{Answer, Question};
use crate::domain::SurveyId;
use crate::errors::VoiceError;
use crate::forms::FormReply;
use crate::promises::Promise;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// Where a respondent's pages live: `/surveys/:id` when signed in,
/// `/s/:link/:response` through an anonymous link.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Route {
    SignedIn { survey_id: SurveyId },
    Anonymous { link: String, response: String },
}

impl Route {
    pub fn base(&self) -> String {
        match self {
            Route::SignedIn { survey_id } => format!("/surveys/{survey_id}"),
            Route::Anonymous { link, response } => format!("/s/{link}/{response}"),
        }
    }

    pub fn question(&self, id: u32) -> String {
        format!("{}/questions/{id}", self.base())
    }

    pub fn check(&self) -> String {
        format!("{}/check", self.base())
    }

    pub fn done(&self) -> String {
        format!("{}/done", self.base())
    }
}

/// What the pages of an anonymous response say once it is sent, instead of
/// the answers: the next person to pick up a shared tablet can open the
/// address from its history.
pub const SENT_ANONYMOUSLY: &str = "These answers have been sent. Thank you. \
     To keep them private, they are not shown again.";

#[cfg(feature = "ssr")]
const NO_SUCH_QUESTION: &str =
    "That question is not in this survey any more. Go back to the start of the survey.";

/// A survey's first page: what it is, and where to carry on.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SurveyIntro {
    pub title: String,
    pub introduction: String,
    pub next: String,
}

/// An open survey as a young person's list shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SurveyToAnswer {
    pub id: SurveyId,
    pub title: String,
    pub closes_on: chrono::NaiveDate,
    pub progress: Progress,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Progress {
    NotStarted,
    Started,
    Sent,
}

/// One question's page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct QuestionPage {
    pub title: String,
    pub question: Question,
    /// "Question 2 of 7", counting only the questions this person sees.
    pub number: usize,
    pub of: usize,
    pub back: String,
    pub answer: Option<Answer>,
    /// The promises a promise block asks about, in its order.
    pub promises: Vec<Promise>,
}

/// The check-your-answers page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CheckPage {
    pub title: String,
    /// Each question shown, in order, with the answer in words.
    pub answers: Vec<(u32, String, String)>,
    /// Held in the send form, so a retried send counts once.
    pub submission_key: String,
    pub sent: bool,
}

/// An answer in words, for the check page and the results.
pub fn answer_words(answer: &Answer, promises: &[Promise]) -> String {
    use super::questions::YES_NO;
    match answer {
        Answer::PreferNotToSay => "Prefer not to say".into(),
        Answer::Skipped => "Not answered".into(),
        Answer::Choice { value } => YES_NO
            .iter()
            .find(|(v, _)| v == value)
            .map_or_else(|| value.clone(), |(_, words)| words.to_string()),
        Answer::Choices { chosen, other } => chosen
            .iter()
            .cloned()
            .chain(other.iter().map(|o| format!("Other: {o}")))
            .collect::<Vec<_>>()
            .join(", "),
        Answer::Face { rating } => rating.label().into(),
        Answer::Text { text } => text.clone(),
        Answer::Promises { ratings } => ratings
            .iter()
            .map(|(id, rating)| {
                let position = promises
                    .iter()
                    .find(|p| p.id == *id)
                    .map_or(0, |p| p.position);
                format!("Promise {position}: {}", rating.label())
            })
            .collect::<Vec<_>>()
            .join(", "),
    }
}

#[cfg(feature = "ssr")]
mod ssr {
    use super::Route;
    use crate::auth::ssr::{app_state, require_role};
    use crate::domain::period::uk_date;
    use crate::domain::Role;
    use crate::errors::Context;
    use crate::errors::VoiceError;
    use crate::state::AppState;
    use crate::surveys::questions::{Answer, Question};
    use crate::surveys::store::{self, Respondent, ResponseRow};
    use crate::surveys::{Survey, SurveyLink, SurveyStatus};
    use std::collections::HashMap;

    pub const NOT_OPEN: &str =
        "This survey is not open. It may have closed, or it may not be for you.";

    /// The reply to a form about a survey that is not open to this person.
    pub fn not_open<T>() -> crate::forms::FormReply<T> {
        crate::forms::FormReply::Invalid(crate::forms::FieldErrors::form(NOT_OPEN))
    }

    /// Everything about one person's response to one survey.
    pub struct Answering {
        pub state: AppState,
        pub survey: Survey,
        pub route: Route,
        pub questions: Vec<Question>,
        pub response: Option<ResponseRow>,
        pub answers: HashMap<u32, Answer>,
        /// Set for anonymous answering, to start a response and count a send.
        pub link: Option<SurveyLink>,
        /// Set for a signed-in young person, to start a response.
        pub account: Option<(
            crate::domain::AccountId,
            crate::domain::Cohort,
            crate::domain::AgeBand,
        )>,
    }

    fn is_open(state: &AppState, survey: &Survey) -> bool {
        let today = uk_date(state.now());
        survey.status == SurveyStatus::Open
            && survey.settings.opens_on <= today
            && today <= survey.settings.closes_on
    }

    /// Finds the response being answered: a signed-in young person's for
    /// `survey_id`, or the anonymous one `response` through `link`.
    pub async fn answering(
        survey_id: &crate::domain::SurveyId,
        link: Option<&str>,
        response: Option<&str>,
    ) -> Result<Option<Answering>, VoiceError> {
        let state = app_state()?;
        let (survey, route, response_row, link_row, account) = match (link, response) {
            (Some(link_id), Some(response_id)) => {
                let Some(link) = store::link(&state.db, link_id).await.context("link")? else {
                    return Ok(None);
                };
                let Some(row) = store::response_of_link(&state.db, &link.id, response_id)
                    .await
                    .context("response")?
                else {
                    return Ok(None);
                };
                let Some(survey) = store::survey(&state.db, &link.survey_id)
                    .await
                    .context("survey")?
                    .filter(|s| s.settings.allow_anonymous)
                else {
                    return Ok(None);
                };
                let route = Route::Anonymous {
                    link: link.id.clone(),
                    response: row.id.clone(),
                };
                (survey, route, Some(row), Some(link), None)
            }
            _ => {
                // Signed out, or the wrong role, is refused as everywhere else.
                let user = require_role(&[Role::YoungPerson])?;
                let Some(survey) = store::survey(&state.db, survey_id)
                    .await
                    .context("survey")?
                else {
                    return Ok(None);
                };
                let (cohort, band) =
                    crate::accounts::age_band_today(&state, &user.account_id).await?;
                if !survey.settings.audience.contains(&band) {
                    return Ok(None);
                }
                let row = store::response_of_account(&state.db, &survey.id, &user.account_id)
                    .await
                    .context("response")?;
                let route = Route::SignedIn {
                    survey_id: survey.id.clone(),
                };
                (
                    survey,
                    route,
                    row,
                    None,
                    Some((user.account_id, cohort, band)),
                )
            }
        };
        let sent = response_row.as_ref().is_some_and(|r| r.submitted());
        // A sent response can still be looked at (its done page); anything
        // else needs the survey open.
        if !sent && !is_open(&state, &survey) {
            return Ok(None);
        }
        let version = response_row.as_ref().map_or(survey.version, |r| r.version);
        let questions = store::questions(&state.db, &survey.id, version)
            .await
            .context("questions")?;
        // Nobody may read a sent anonymous response back: its address is
        // all it takes, and a shared tablet keeps addresses in its history.
        let sent_anonymously = sent && link_row.is_some();
        let answers = match response_row.as_ref().filter(|_| !sent_anonymously) {
            Some(row) => store::answers(&state.db, &row.id)
                .await
                .context("answers")?,
            None => HashMap::new(),
        };
        Ok(Some(Answering {
            state,
            survey,
            route,
            questions,
            response: response_row,
            answers,
            link: link_row,
            account,
        }))
    }

    impl Answering {
        /// Sent through an anonymous link: its pages say only that.
        pub fn sent_anonymously(&self) -> bool {
            self.link.is_some() && self.response.as_ref().is_some_and(|r| r.submitted())
        }

        /// The response, started now if this is the first answer.
        pub async fn response(&mut self) -> Result<ResponseRow, VoiceError> {
            use crate::errors::internal;
            if let Some(row) = &self.response {
                return Ok(row.clone());
            }
            let respondent = match (&self.account, &self.link) {
                (Some((account_id, cohort, age_band)), _) => Respondent::Account {
                    account_id,
                    cohort: *cohort,
                    age_band: *age_band,
                },
                (None, Some(link)) => Respondent::Link { link_id: &link.id },
                (None, None) => return Err(internal("start response", "nobody to start it for")),
            };
            let row = store::start_response(
                &self.state.db,
                &self.survey.id,
                self.survey.version,
                &respondent,
                self.state.now(),
            )
            .await
            .context("start response")?;
            self.response = Some(row.clone());
            Ok(row)
        }
    }
}

#[server(prefix = "/api", endpoint = "my-surveys")]
pub async fn my_surveys() -> Result<Vec<SurveyToAnswer>, VoiceError> {
    use crate::auth::ssr::require;
    use crate::errors::Context;
    let (user, state) = require(&[crate::domain::Role::YoungPerson])?;
    let (_, band) = crate::accounts::age_band_today(&state, &user.account_id).await?;
    let today = crate::domain::period::uk_date(state.now());
    let sent = super::store::sent_by_account(&state.db, &user.account_id)
        .await
        .context("responses")?;
    let mut list = Vec::new();
    for survey in super::store::open_surveys(&state.db)
        .await
        .context("surveys")?
    {
        if !survey.settings.is_for(band, today) {
            continue;
        }
        list.push(SurveyToAnswer {
            progress: match sent.get(&survey.id) {
                None => Progress::NotStarted,
                Some(true) => Progress::Sent,
                Some(false) => Progress::Started,
            },
            id: survey.id,
            title: survey.settings.title,
            closes_on: survey.settings.closes_on,
        });
    }
    Ok(list)
}

/// Where to carry on: the first question not answered yet, or the check
/// page, or the done page once sent.
#[server(prefix = "/api", endpoint = "survey-start")]
pub async fn survey_start(
    survey_id: SurveyId,
    link: Option<String>,
    response: Option<String>,
) -> Result<SurveyIntro, VoiceError> {
    let Some(answering) = ssr::answering(&survey_id, link.as_deref(), response.as_deref()).await?
    else {
        return Err(VoiceError::NotOpen(ssr::NOT_OPEN.into()));
    };
    let next = if answering.response.as_ref().is_some_and(|r| r.submitted()) {
        answering.route.done()
    } else {
        match super::questions::resume_at(&answering.questions, &answering.answers) {
            Some(id) => answering.route.question(id),
            None => answering.route.check(),
        }
    };
    let settings = answering.survey.settings;
    Ok(SurveyIntro {
        title: settings.title,
        introduction: settings.introduction,
        next,
    })
}

#[server(prefix = "/api", endpoint = "survey-question")]
pub async fn survey_question(
    survey_id: SurveyId,
    question_id: u32,
    link: Option<String>,
    response: Option<String>,
) -> Result<QuestionPage, VoiceError> {
    use super::questions::{previous_before, progress, QuestionKind};
    use crate::errors::Context;
    let Some(answering) = ssr::answering(&survey_id, link.as_deref(), response.as_deref()).await?
    else {
        return Err(VoiceError::NotOpen(ssr::NOT_OPEN.into()));
    };
    if answering.sent_anonymously() {
        return Err(VoiceError::NotOpen(SENT_ANONYMOUSLY.into()));
    }
    let question = answering.questions.iter().find(|q| q.id == question_id);
    let (Some((number, of)), Some(question)) = (
        progress(&answering.questions, &answering.answers, question_id),
        question.cloned(),
    ) else {
        return Err(VoiceError::NotOpen(NO_SUCH_QUESTION.into()));
    };
    let back = match previous_before(&answering.questions, &answering.answers, question_id) {
        Some(id) => answering.route.question(id),
        None => answering.route.base(),
    };
    let promises = match &question.kind {
        QuestionKind::PromiseRating { promise_ids } => {
            let all = crate::promises::store::all_promises(&answering.state.db)
                .await
                .context("promises")?;
            promise_ids
                .iter()
                .filter_map(|id| all.iter().find(|p| p.id == *id).cloned())
                .collect()
        }
        _ => Vec::new(),
    };
    Ok(QuestionPage {
        title: answering.survey.settings.title,
        answer: answering.answers.get(&question_id).cloned(),
        question,
        number,
        of,
        back,
        promises,
    })
}

/// Saves one answer and goes on to the next question this person sees.
#[server(prefix = "/api", endpoint = "answer-question")]
pub async fn answer_question(
    survey_id: SurveyId,
    question_id: u32,
    link: Option<String>,
    response: Option<String>,
    answer: Option<String>,
    #[server(default)] answers: Vec<String>,
    other: Option<String>,
    #[server(default)] ratings: HashMap<String, String>,
    prefer_not_to_say: Option<String>,
) -> Result<FormReply<()>, VoiceError> {
    use crate::errors::Context;
    let Some(mut answering) =
        ssr::answering(&survey_id, link.as_deref(), response.as_deref()).await?
    else {
        return Ok(ssr::not_open());
    };
    if answering.response.as_ref().is_some_and(|r| r.submitted()) {
        return Ok(FormReply::Redirect(answering.route.done()));
    }
    let Some(question) = answering
        .questions
        .iter()
        .find(|q| q.id == question_id)
        .cloned()
    else {
        return Ok(FormReply::Invalid(crate::forms::FieldErrors::form(
            NO_SUCH_QUESTION,
        )));
    };
    let fields = AnswerFields {
        answer,
        answers,
        other,
        ratings,
        prefer_not_to_say,
    };
    let parsed = match parse_answer(&question, &fields) {
        Ok(parsed) => parsed,
        Err(errors) => return Ok(FormReply::Invalid(errors)),
    };
    // Anonymous writing through a link is limited, so one visitor cannot
    // flood the duty advocate (see rights::writing_limits).
    if let (None, Some(link), Some((field, _))) =
        (&answering.account, link.as_deref(), parsed.writing())
    {
        use crate::rights::writing_limits::{reserve, AnonymousWriter};
        if let Err(message) = reserve(&answering.state, AnonymousWriter::SurveyLink(link)) {
            return Ok(FormReply::invalid_field(field, message));
        }
    }
    let row = answering.response().await?;
    let now = answering.state.now();
    super::store::save_answer(&answering.state.db, &row.id, question_id, &parsed, now)
        .await
        .context("save answer")?;
    let flag = match parsed.written_words() {
        Some(words) => {
            let place = format!(
                "Survey: {}, question {}",
                answering.survey.settings.title,
                answering
                    .questions
                    .iter()
                    .position(|q| q.id == question_id)
                    .map_or(0, |p| p + 1)
            );
            // An anonymous answer's flag points to nobody.
            let account = answering.account.as_ref().map(|(id, _, _)| id);
            crate::rights::safeguarding::ssr::check_writing(
                &answering.state,
                crate::rights::safeguarding::WritingPlace::SurveyAnswer,
                &place,
                words,
                account,
            )
            .await?
        }
        None => None,
    };
    answering.answers.insert(question_id, parsed);
    let route = &answering.route;
    let next =
        match super::questions::next_after(&answering.questions, &answering.answers, question_id) {
            Some(next) => route.question(next),
            None => route.check(),
        };
    Ok(FormReply::Redirect(match flag {
        Some((flag_id, _)) => crate::rights::safety_check_path(&flag_id, &next),
        None => next,
    }))
}

#[server(prefix = "/api", endpoint = "survey-check")]
pub async fn survey_check(
    survey_id: SurveyId,
    link: Option<String>,
    response: Option<String>,
) -> Result<CheckPage, VoiceError> {
    use crate::errors::Context;
    let Some(answering) = ssr::answering(&survey_id, link.as_deref(), response.as_deref()).await?
    else {
        return Err(VoiceError::NotOpen(ssr::NOT_OPEN.into()));
    };
    if answering.sent_anonymously() {
        return Err(VoiceError::NotOpen(SENT_ANONYMOUSLY.into()));
    }
    let promises = crate::promises::store::all_promises(&answering.state.db)
        .await
        .context("promises")?;
    let answers = super::questions::shown(&answering.questions, &answering.answers)
        .into_iter()
        .map(|question| {
            let words = answering.answers.get(&question.id).map_or_else(
                || "Not answered yet".to_string(),
                |a| answer_words(a, &promises),
            );
            (question.id, question.prompt.clone(), words)
        })
        .collect();
    Ok(CheckPage {
        title: answering.survey.settings.title,
        answers,
        submission_key: crate::db::new_id(),
        sent: answering.response.as_ref().is_some_and(|r| r.submitted()),
    })
}

/// Sends the response. Sending again with the same key (a retry after a
/// dropped connection) or after it was sent changes nothing.
#[server(prefix = "/api", endpoint = "send-survey")]
pub async fn send_survey(
    survey_id: SurveyId,
    submission_key: String,
    link: Option<String>,
    response: Option<String>,
) -> Result<FormReply<()>, VoiceError> {
    use crate::errors::Context;
    let Some(answering) = ssr::answering(&survey_id, link.as_deref(), response.as_deref()).await?
    else {
        return Ok(ssr::not_open());
    };
    let done = FormReply::Redirect(answering.route.done());
    let Some(row) = answering.response.as_ref() else {
        return Ok(FormReply::Invalid(crate::forms::FieldErrors::form(
            "Answer the questions before sending.",
        )));
    };
    if row.submitted() {
        return Ok(done);
    }
    if let Some(next) = super::questions::resume_at(&answering.questions, &answering.answers) {
        let position = answering
            .questions
            .iter()
            .position(|q| q.id == next)
            .map_or(0, |p| p + 1);
        return Ok(FormReply::Invalid(crate::forms::FieldErrors::form(
            format!("Question {position} still needs an answer."),
        )));
    }
    let key = submission_key.trim();
    if key.is_empty() || key.len() > 64 {
        return Ok(FormReply::Invalid(crate::forms::FieldErrors::form(
            "The form was not complete. Please go back and send it again.",
        )));
    }
    // Answers to questions skip logic now hides do not count.
    let hidden: Vec<u32> = answering
        .answers
        .keys()
        .filter(|id| {
            !super::questions::answers_that_count(&answering.questions, &answering.answers)
                .contains_key(id)
        })
        .copied()
        .collect();
    super::store::remove_answers(&answering.state.db, &row.id, &hidden)
        .await
        .context("remove answers")?;
    if let Some(link) = &answering.link {
        if super::store::link(&answering.state.db, &link.id)
            .await
            .context("link")?
            .and_then(|link| link.refusal(crate::domain::period::uk_date(answering.state.now())))
            .is_some()
        {
            return Ok(ssr::not_open());
        }
    }
    super::store::submit(
        &answering.state.db,
        &row.id,
        key,
        answering.link.as_ref().map(|l| l.id.as_str()),
        answering.state.now(),
    )
    .await
    .context("send survey")?;
    Ok(done)
}

/// The start of an anonymous link: the survey's title and introduction, or
/// why the link cannot be used.
#[server(prefix = "/api", endpoint = "anonymous-survey")]
pub async fn anonymous_survey(link: String) -> Result<(String, String), VoiceError> {
    use crate::errors::Context;
    let state = crate::auth::ssr::app_state()?;
    let Some(link) = super::store::link(&state.db, &link).await.context("link")? else {
        return Err(VoiceError::NotOpen(
            "This link is not right. Check it, or ask for a new one.".into(),
        ));
    };
    if let Some(refusal) = link.refusal(crate::domain::period::uk_date(state.now())) {
        return Err(VoiceError::NotOpen(refusal.into()));
    }
    let survey = super::store::survey(&state.db, &link.survey_id)
        .await
        .context("survey")?
        .filter(|s| s.settings.allow_anonymous && s.status == super::SurveyStatus::Open);
    match survey {
        Some(survey) => Ok((survey.settings.title, survey.settings.introduction)),
        None => Err(VoiceError::NotOpen(ssr::NOT_OPEN.into())),
    }
}

/// Starts an anonymous response and goes to its first question. Nothing
/// about the person is kept: no account, no address, no device.
#[server(prefix = "/api", endpoint = "start-anonymous")]
pub async fn start_anonymous(link: String) -> Result<FormReply<()>, VoiceError> {
    use crate::errors::Context;
    let state = crate::auth::ssr::app_state()?;
    let today = crate::domain::period::uk_date(state.now());
    let Some(link) = super::store::link(&state.db, &link)
        .await
        .context("link")?
        .filter(|link| link.refusal(today).is_none())
    else {
        return Ok(ssr::not_open());
    };
    let Some(survey) = super::store::survey(&state.db, &link.survey_id)
        .await
        .context("survey")?
        .filter(|s| s.settings.allow_anonymous && s.status == super::SurveyStatus::Open)
    else {
        return Ok(ssr::not_open());
    };
    let respondent = super::store::Respondent::Link { link_id: &link.id };
    let row = super::store::start_response(
        &state.db,
        &survey.id,
        survey.version,
        &respondent,
        state.now(),
    )
    .await
    .context("start response")?;
    let route = Route::Anonymous {
        link: link.id.clone(),
        response: row.id,
    };
    let questions = super::store::questions(&state.db, &survey.id, survey.version)
        .await
        .context("questions")?;
    Ok(FormReply::Redirect(
        match super::questions::resume_at(&questions, &HashMap::new()) {
            Some(first) => route.question(first),
            None => route.check(),
        },
    ))
}
