//! The facilitator's side: prepare a session (from scratch or from an
//! earlier one), open it with a join code, show one activity at a time,
//! approve written answers for the projector, and close it with notes and
//! agreed actions.

// A server function takes a form's fields as its arguments.
#![allow(clippy::too_many_arguments)]

use super::results_view::ResultsView;
use super::{ActivityResults, SessionStatus, SessionSummary, WrittenAnswer, ACTIVITY_KINDS};
use crate::components::fields::{
    CheckboxesField, ErrorSummary, RadioField, TextAreaField, TextField, VoiceForm,
};
use crate::components::page::{route_param, PageTitle, RequireRole, ServerData};
use crate::domain::{LiveSessionId, Role};
use crate::errors::VoiceError;
use crate::forms::{use_form, FormReply};
use crate::promises::Promise;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

pub const FACILITATOR: &[Role] = &[Role::Facilitator];

/// The facilitator's list: their sessions and the forums to choose from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionsPage {
    pub sessions: Vec<SessionSummary>,
    pub forums: Vec<(i64, String)>,
}

/// Everything the run page shows.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RunView {
    pub session: SessionSummary,
    pub activities: Vec<ActivityResults>,
    pub current: Option<i64>,
    /// Written answers to the current activity, for approval.
    pub written: Vec<WrittenAnswer>,
    pub phones: i64,
    pub members: Vec<String>,
    pub notes: String,
    pub actions: String,
    /// The promises a new activity can ask about.
    pub promises: Vec<Promise>,
}

#[cfg(feature = "ssr")]
pub mod ssr {
    use super::FACILITATOR;
    use crate::auth::ssr::require;
    use crate::auth::SessionUser;
    use crate::errors::Context;
    use crate::errors::VoiceError;
    use crate::live::store::{self, SessionRow};
    use crate::live::{ActivityResults, Results};
    use crate::state::AppState;

    pub fn facilitator() -> Result<(SessionUser, AppState), VoiceError> {
        require(FACILITATOR)
    }

    /// The caller's own session; anyone else's is not found.
    pub async fn own_session(
        session_id: &crate::domain::LiveSessionId,
    ) -> Result<(SessionUser, AppState, Option<SessionRow>), VoiceError> {
        let (user, state) = facilitator()?;
        let row = store::session(&state.db, session_id)
            .await
            .context("session")?
            .filter(|row| row.created_by == user.account_id);
        Ok((user, state, row))
    }

    /// Each activity with its answers counted. Flagged answers never count
    /// towards what is shown, and written ones only once approved.
    pub async fn activity_results(
        state: &AppState,
        row: &SessionRow,
    ) -> Result<Vec<(ActivityResults, Vec<store::StoredAnswer>)>, VoiceError> {
        let promises = crate::promises::store::all_promises(&state.db)
            .await
            .context("promises")?;
        let mut answers = store::answers_of_session(&state.db, &row.id)
            .await
            .context("answers")?;
        let mut results = Vec::new();
        for (id, question) in store::activities(&state.db, &row.id)
            .await
            .context("activities")?
        {
            let rows = answers.remove(&id).unwrap_or_default();
            let shown: Vec<_> = rows
                .iter()
                .filter(|stored| !stored.flagged)
                .map(|stored| stored.answer.clone())
                .collect();
            let approved: Vec<String> = rows
                .iter()
                .filter(|stored| stored.approved)
                .filter_map(|stored| stored.answer.written_words().map(str::to_string))
                .collect();
            let answered = i64::try_from(rows.len()).unwrap_or(0);
            let counted =
                crate::live::tally(&question, &shown, &approved, &promises, row.min_answers);
            let counted = match counted {
                // Flagged answers are held back, but still count as answered.
                Results::Waiting { .. } if answered >= row.min_answers => {
                    crate::live::tally(&question, &shown, &approved, &promises, 0)
                }
                other => other,
            };
            results.push((
                ActivityResults {
                    id,
                    question,
                    answered,
                    results: counted,
                },
                rows,
            ));
        }
        Ok(results)
    }
}

#[server(prefix = "/api", endpoint = "facilitator-sessions")]
pub async fn facilitator_sessions() -> Result<SessionsPage, VoiceError> {
    use crate::errors::Context;
    let (user, state) = ssr::facilitator()?;
    let sessions = super::store::sessions(&state.db, Some(&user.account_id))
        .await
        .context("sessions")?;
    Ok(SessionsPage {
        sessions: sessions.iter().map(|row| row.summary()).collect(),
        forums: super::store::forums(&state.db).await.context("forums")?,
    })
}

/// Creates a session for a forum and date, from an earlier one if `template` names it.
#[server(prefix = "/api", endpoint = "create-session")]
pub async fn create_session(
    forum_id: Option<String>,
    title: String,
    held_on: String,
    min_answers: Option<String>,
    template: Option<String>,
) -> Result<FormReply<()>, VoiceError> {
    use crate::errors::Context;
    use crate::forms::FieldErrors;
    let (user, state) = ssr::facilitator()?;
    let mut errors = FieldErrors::default();
    let forums = super::store::forums(&state.db).await.context("forums")?;
    let forum_id = errors.check(
        "forum_id",
        forum_id
            .and_then(|id| id.parse::<i64>().ok())
            .filter(|id| forums.iter().any(|(f, _)| f == id))
            .ok_or("Choose the forum"),
    );
    let title = errors.text("title", &title, 120, Some("Enter a name for the session"));
    let held_on = errors.check(
        "held_on",
        crate::domain::Day::from_input(&held_on)
            .ok_or("Enter the date of the meeting, like 2026-12-03"),
    );
    let min_answers = errors.check(
        "min_answers",
        match min_answers.as_deref().map(str::trim) {
            None | Some("") => Ok(5),
            Some(text) => text
                .parse::<i64>()
                .ok()
                .filter(|n| (1..=50).contains(n))
                .ok_or("Enter a number from 1 to 50"),
        },
    );
    // "Start from nothing" is sent as an empty choice.
    let template = match template.filter(|t| !t.is_empty()) {
        Some(id) => {
            let own = super::store::session(&state.db, &LiveSessionId::from(id))
                .await
                .context("template")?
                .filter(|row| row.created_by == user.account_id);
            if own.is_none() {
                errors.add("template", "Choose one of your sessions to copy");
            }
            own.map(|row| row.id)
        }
        None => None,
    };
    let (Some(forum_id), Some(held_on), Some(min_answers)) = (forum_id, held_on, min_answers)
    else {
        return Ok(FormReply::Invalid(errors));
    };
    if let Some(invalid) = FormReply::invalid_if_any(errors) {
        return Ok(invalid);
    }
    let new = super::store::NewSession {
        forum_id,
        title: &title,
        held_on,
        min_answers,
        created_by: &user.account_id,
    };
    let id = super::store::create_session(&state.db, &new, template.as_ref(), state.now())
        .await
        .context("create session")?;
    Ok(FormReply::Redirect(format!("/facilitator/sessions/{id}")))
}

#[server(prefix = "/api", endpoint = "run-session")]
pub async fn run_session(session_id: LiveSessionId) -> Result<Option<RunView>, VoiceError> {
    use crate::errors::Context;
    let (_, state, row) = ssr::own_session(&session_id).await?;
    let Some(row) = row else { return Ok(None) };
    let activities = ssr::activity_results(&state, &row).await?;
    let written = activities
        .iter()
        .filter(|(activity, _)| Some(activity.id) == row.current_activity)
        .flat_map(|(_, rows)| rows.iter())
        .filter(|stored| !stored.flagged)
        .filter_map(|stored| {
            Some(WrittenAnswer {
                answer_id: stored.id,
                words: stored.answer.written_words()?.to_string(),
                approved: stored.approved,
            })
        })
        .collect();
    let (phones, members) = super::store::attendance(&state.db, &row.id)
        .await
        .context("attendance")?;
    Ok(Some(RunView {
        session: row.summary(),
        activities: activities.into_iter().map(|(a, _)| a).collect(),
        current: row.current_activity,
        written,
        phones,
        members,
        notes: row.notes,
        actions: row.actions,
        promises: crate::promises::store::active_promises(&state.db)
            .await
            .context("promises")?,
    }))
}

const NO_SESSION: &str = "There is no such session of yours.";

fn run_path(id: &LiveSessionId) -> String {
    format!("/facilitator/sessions/{id}")
}

/// Adds a poll or promise rating (a survey question of one of the live kinds).
#[server(prefix = "/api", endpoint = "add-activity")]
pub async fn add_activity(
    session_id: LiveSessionId,
    kind: Option<String>,
    prompt: String,
    options: Option<String>,
    #[server(default)] promise_ids: Vec<String>,
) -> Result<FormReply<()>, VoiceError> {
    use crate::errors::Context;
    use crate::forms::FieldErrors;
    use crate::surveys::questions::{parse_question, QuestionInput};
    let (_, state, row) = ssr::own_session(&session_id).await?;
    let Some(row) = row.filter(|row| row.status() != SessionStatus::Closed) else {
        return Ok(FormReply::Invalid(FieldErrors::form(NO_SESSION)));
    };
    let kind = kind.unwrap_or_default();
    if !ACTIVITY_KINDS.iter().any(|(name, _)| *name == kind) {
        return Ok(FormReply::invalid_field(
            "kind",
            "Choose the kind of activity",
        ));
    }
    let existing = super::store::activities(&state.db, &row.id)
        .await
        .context("activities")?;
    let promises: Vec<i64> = crate::promises::store::active_promises(&state.db)
        .await
        .context("promises")?
        .iter()
        .map(|p| p.id)
        .collect();
    let input = QuestionInput {
        kind,
        prompt,
        options: options.unwrap_or_default(),
        required: true,
        promise_ids,
        ..QuestionInput::default()
    };
    let next_id = u32::try_from(existing.len() + 1).unwrap_or(u32::MAX);
    let question = match parse_question(&input, next_id, &[], &promises) {
        Ok(question) => question,
        Err(errors) => return Ok(FormReply::Invalid(errors)),
    };
    super::store::add_activity(&state.db, &row.id, &question)
        .await
        .context("add activity")?;
    Ok(FormReply::Redirect(format!(
        "{}#activities",
        run_path(&row.id)
    )))
}

/// Opens the session: it gets a join code phones can use.
#[server(prefix = "/api", endpoint = "open-session")]
pub async fn open_session(session_id: LiveSessionId) -> Result<FormReply<()>, VoiceError> {
    use crate::domain::join_code::JoinCode;
    use crate::errors::internal;
    use crate::errors::Context;
    use crate::forms::FieldErrors;
    use rand::RngCore;
    let (_, state, row) = ssr::own_session(&session_id).await?;
    let Some(row) = row.filter(|row| row.status() == SessionStatus::Draft) else {
        return Ok(FormReply::Invalid(FieldErrors::form(
            "Only a session being prepared can be opened.",
        )));
    };
    for _ in 0..8 {
        let mut bytes = [0u8; 6];
        rand::rngs::OsRng.fill_bytes(&mut bytes);
        let code = JoinCode::from_random(bytes);
        if super::store::open_session(&state.db, &row.id, code.as_str())
            .await
            .context("open session")?
        {
            return Ok(FormReply::Redirect(run_path(&row.id)));
        }
    }
    Err(internal("open session", "no free join code after 8 tries"))
}

/// Shows an activity on every phone (or none, to pause between activities).
#[server(prefix = "/api", endpoint = "show-activity")]
pub async fn show_activity(
    session_id: LiveSessionId,
    activity_id: Option<i64>,
) -> Result<FormReply<()>, VoiceError> {
    use crate::errors::Context;
    use crate::forms::FieldErrors;
    let (_, state, row) = ssr::own_session(&session_id).await?;
    let Some(row) = row.filter(|row| row.status() == SessionStatus::Open) else {
        return Ok(FormReply::Invalid(FieldErrors::form(
            "Open the session first: then phones can answer.",
        )));
    };
    let activities = super::store::activities(&state.db, &row.id)
        .await
        .context("activities")?;
    let activity = activity_id.filter(|id| activities.iter().any(|(a, _)| a == id));
    super::store::set_current_activity(&state.db, &row.id, activity)
        .await
        .context("show activity")?;
    state.live.activity_changed(&row.id);
    Ok(FormReply::Redirect(run_path(&row.id)))
}

/// Lets a written answer onto the projector.
#[server(prefix = "/api", endpoint = "approve-answer")]
pub async fn approve_answer(
    session_id: LiveSessionId,
    answer_id: i64,
) -> Result<FormReply<()>, VoiceError> {
    use crate::errors::Context;
    use crate::forms::FieldErrors;
    let (_, state, row) = ssr::own_session(&session_id).await?;
    let Some(row) = row else {
        return Ok(FormReply::Invalid(FieldErrors::form(NO_SESSION)));
    };
    super::store::approve(&state.db, &row.id, answer_id)
        .await
        .context("approve")?;
    state.live.results_changed(&row.id);
    Ok(FormReply::Redirect(format!(
        "{}#written",
        run_path(&row.id)
    )))
}

/// Closes the session with its notes and agreed actions. Phones can no
/// longer answer, and the code is free for another session.
#[server(prefix = "/api", endpoint = "close-session")]
pub async fn close_session(
    session_id: LiveSessionId,
    notes: String,
    actions: String,
) -> Result<FormReply<()>, VoiceError> {
    use crate::errors::Context;
    use crate::forms::FieldErrors;
    let (_, state, row) = ssr::own_session(&session_id).await?;
    let Some(row) = row.filter(|row| row.status() != SessionStatus::Closed) else {
        return Ok(FormReply::Invalid(FieldErrors::form(
            "This session has been closed already.",
        )));
    };
    let mut errors = FieldErrors::default();
    let notes = errors.text("notes", &notes, 4000, None);
    let actions = errors.text("actions", &actions, 4000, None);
    if let Some(invalid) = FormReply::invalid_if_any(errors) {
        return Ok(invalid);
    }
    super::store::close_session(&state.db, &row.id, &notes, &actions, state.now())
        .await
        .context("close session")?;
    state.live.activity_changed(&row.id);
    Ok(FormReply::Redirect(run_path(&row.id)))
}

/// `/facilitator`: sessions, and a new one.
#[component]
pub fn SessionsListPage() -> impl IntoView {
    let page = Resource::new_blocking(|| (), |_| facilitator_sessions());
    let form = use_form::<CreateSession, ()>();
    let fields = form.view();
    view! {
        <PageTitle text="Forum sessions"/>
        <RequireRole roles=FACILITATOR>
            <h1>"Forum sessions"</h1>
            <ServerData resource=page let:page>
                {if page.sessions.is_empty() {
                    view! { <p>"You have no sessions yet."</p> }.into_any()
                } else {
                    view! {
                        <ul class="card-list">
                            {page.sessions.iter().map(|session| view! {
                                <li class="card">
                                    <p class="card__title"><a href=run_path(&session.id)>{session.title.clone()}</a></p>
                                    <p>{format!("{} · {}", session.forum, session.held_on.format("%-d %B %Y"))}</p>
                                    <p><strong class="tag">{session.status.label()}</strong></p>
                                </li>
                            }).collect_view()}
                        </ul>
                    }.into_any()
                }}
                <h2 id="new">"Prepare a new session"</h2>
                <ErrorSummary form=fields/>
                <VoiceForm form>
                    <div class="field">
                        <label class="label" for="forum_id">"Forum"</label>
                        <select class="select" id="forum_id" name="forum_id">
                            {page.forums.iter().cloned().map(|(id, name)| view! { <option value=id.to_string()>{name}</option> }).collect_view()}
                        </select>
                    </div>
                    <TextField form=fields name="title" label="Name of the session" hint="For example: December LACC"/>
                    <TextField form=fields name="held_on" label="Date of the meeting" input_type="date"/>
                    <TextField form=fields name="min_answers" label="Answers needed before results show (optional)"
                        hint="5 unless you say otherwise" input_type="number"/>
                    {(!page.sessions.is_empty()).then(|| {
                        let templates: Vec<(LiveSessionId, String)> = page.sessions.iter()
                            .map(|s| (s.id.clone(), format!("{} ({})", s.title, s.held_on.format("%-d %b %Y"))))
                            .collect();
                        view! {
                            <div class="field">
                                <label class="label" for="template">"Copy the activities of (optional)"</label>
                                <select class="select" id="template" name="template">
                                    <option value="">"Start with no activities"</option>
                                    {templates.into_iter().map(|(id, name)| view! { <option value=id>{name}</option> }).collect_view()}
                                </select>
                            </div>
                        }
                    })}
                    <button class="button" type="submit">"Prepare the session"</button>
                </VoiceForm>
            </ServerData>
        </RequireRole>
    }
}

/// `/facilitator/sessions/:id`: run the session.
#[component]
pub fn RunSessionPage() -> impl IntoView {
    let id: LiveSessionId = route_param("id");
    let run = Resource::new_blocking(move || id.clone(), run_session);
    let add = use_form::<AddActivity, ()>();
    let open = use_form::<OpenSession, ()>();
    let show = use_form::<ShowActivity, ()>();
    let approve = use_form::<ApproveAnswer, ()>();
    let close = use_form::<CloseSession, ()>();
    view! {
        <PageTitle text="Run a session"/>
        <RequireRole roles=FACILITATOR>
            <p><a class="back-link" href="/facilitator">"Back to your sessions"</a></p>
            <ServerData resource=run let:run>
                {match run {
                    None => view! { <h1>"Not found"</h1><p>{NO_SESSION}</p> }.into_any(),
                    Some(run) => view! { <RunSession run add open show approve close/> }.into_any(),
                }}
            </ServerData>
        </RequireRole>
    }
}

#[component]
fn RunSession(
    run: RunView,
    add: crate::forms::FormHandle<AddActivity, ()>,
    open: crate::forms::FormHandle<OpenSession, ()>,
    show: crate::forms::FormHandle<ShowActivity, ()>,
    approve: crate::forms::FormHandle<ApproveAnswer, ()>,
    close: crate::forms::FormHandle<CloseSession, ()>,
) -> impl IntoView {
    let session = run.session.clone();
    let id = StoredValue::new(session.id.clone());
    let hidden = move || view! { <input type="hidden" name="session_id" value=id.get_value()/> };
    let status = session.status;
    let (add_fields, close_fields, show_fields) = (add.view(), close.view(), show.view());
    let kinds: Vec<(&'static str, &'static str)> = ACTIVITY_KINDS.to_vec();
    let promise_options: Vec<(String, String)> = run
        .promises
        .iter()
        .map(|p| {
            (
                p.id.to_string(),
                format!("Promise {}: {}", p.position, p.wording),
            )
        })
        .collect();
    let current = run.current;
    let (notes, actions) = (run.notes.clone(), run.actions.clone());
    view! {
        <h1>{session.title.clone()}</h1>
        <p>{format!("{} · {}", session.forum, session.held_on.format("%-d %B %Y"))}" "
            <strong class="tag">{status.label()}</strong></p>
        {match (status, session.join_code.clone()) {
            (SessionStatus::Open, Some(code)) => view! {
                <div class="panel">
                    <p>"Join code"</p>
                    <p class="reference">{code}</p>
                </div>
                <p><a class="button button--secondary" href=format!("/facilitator/sessions/{}/projector", session.id)>"Open the projector view"</a></p>
            }.into_any(),
            (SessionStatus::Draft, _) => view! {
                <ErrorSummary form=open.view()/>
                <VoiceForm form=open>
                    {hidden}
                    <p>"Add the activities, then open the session to get a join code."</p>
                    <button class="button" type="submit">"Open the session"</button>
                </VoiceForm>
            }.into_any(),
            _ => ().into_any(),
        }}
        <p>{format!("Phones joined: {}", run.phones)}
            {(!run.members.is_empty()).then(|| format!(" · Members: {}", run.members.join(", ")))}</p>
        <h2 id="activities">"Activities"</h2>
        <ErrorSummary form=show_fields/>
        {if run.activities.is_empty() {
            view! { <p>"No activities yet."</p> }.into_any()
        } else {
            view! {
                <ol class="card-list">
                    {run.activities.into_iter().map(|activity| {
                        let showing = current == Some(activity.id);
                        let activity_id = activity.id;
                        view! {
                            <li class="card" class:card--flagged=showing>
                                <p class="card__title">{activity.question.prompt.clone()}</p>
                                <p class="hint">{activity.question.kind.label()}{format!(" · {} answered", activity.answered)}</p>
                                {showing.then(|| view! { <p><strong class="tag tag--green">"On the phones now"</strong></p> })}
                                <ResultsView results=activity.results.clone()/>
                                {(status == SessionStatus::Open).then(|| view! {
                                    <VoiceForm form=show>
                                        <input type="hidden" name="session_id" value=id.get_value()/>
                                        {(!showing).then(|| view! { <input type="hidden" name="activity_id" value=activity_id.to_string()/> })}
                                        <button class="button button--secondary" type="submit">
                                            {if showing { "Stop this activity" } else { "Show on phones" }}
                                            <span class="visually-hidden">{format!(": {}", activity.question.prompt)}</span>
                                        </button>
                                    </VoiceForm>
                                })}
                            </li>
                        }
                    }).collect_view()}
                </ol>
            }.into_any()
        }}
        {(!run.written.is_empty()).then(|| view! {
            <h2 id="written">"Written answers"</h2>
            <p>"Approve an answer to put it on the projector. Answers that suggest harm are never shown and go to the duty advocate."</p>
            <ul class="card-list">
                {run.written.into_iter().map(|written| view! {
                    <li class="card">
                        <blockquote class="quote">{written.words.clone()}</blockquote>
                        {if written.approved {
                            view! { <p><strong class="tag tag--green">"On the projector"</strong></p> }.into_any()
                        } else {
                            view! {
                                <VoiceForm form=approve>
                                    <input type="hidden" name="session_id" value=id.get_value()/>
                                    <input type="hidden" name="answer_id" value=written.answer_id.to_string()/>
                                    <button class="button button--secondary" type="submit">"Approve"
                                        <span class="visually-hidden">{format!(": {}", written.words)}</span></button>
                                </VoiceForm>
                            }.into_any()
                        }}
                    </li>
                }).collect_view()}
            </ul>
        })}
        {(status != SessionStatus::Closed).then(|| view! {
            <h2>"Add an activity"</h2>
            <ErrorSummary form=add_fields/>
            <VoiceForm form=add>
                <input type="hidden" name="session_id" value=id.get_value()/>
                <RadioField form=add_fields name="kind" legend="Kind of activity" options=kinds/>
                <TextField form=add_fields name="prompt" label="Question"/>
                <TextAreaField form=add_fields name="options" label="Choices, one on each line (for a poll)"/>
                <CheckboxesField form=add_fields name="promise_ids" legend="Promises to rate (for a promise rating)"
                    options=promise_options/>
                <button class="button" type="submit">"Add the activity"</button>
            </VoiceForm>
            <h2>"Close the session"</h2>
            <ErrorSummary form=close_fields/>
            <VoiceForm form=close>
                <input type="hidden" name="session_id" value=id.get_value()/>
                <TextAreaField form=close_fields name="notes" label="Notes of the meeting" initial=run.notes.clone()/>
                <TextAreaField form=close_fields name="actions" label="Actions agreed" initial=run.actions.clone()
                    hint="One a line. Officers can publish them as “you said, we did”."/>
                <button class="button button--warning" type="submit">"Close the session"</button>
            </VoiceForm>
        })}
        {(status == SessionStatus::Closed).then(|| view! {
            <h2>"Notes"</h2><p class="prewrap">{notes}</p>
            <h2>"Actions agreed"</h2><p class="prewrap">{actions}</p>
        })}
    }
}
