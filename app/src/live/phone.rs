//! Young people's phones: join with the code on the screen (no account
//! needed, one screen), then answer whatever the facilitator shows. One
//! answer per phone per activity; a changed answer replaces the old one.
//! Without script the forms still work; only the live refresh needs it.

// A server function takes a form's fields as its arguments.
#![allow(clippy::too_many_arguments)]

use super::updates::LiveUpdates;
use crate::auth::use_viewer;
use crate::components::fields::{CheckboxField, ErrorSummary, TextField, VoiceForm};
use crate::components::page::{route_param, PageTitle, ServerData};
use crate::domain::{LiveSessionId, Role};
use crate::errors::VoiceError;
use crate::forms::{use_form, FormHandle, FormReply};
use crate::surveys::answer_pages::AnswerOrDecline;
use crate::surveys::answering::QuestionPage;
use crate::surveys::questions::Answer;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// The cookie a phone keeps its seat in: `session id.seat id`.
#[cfg(feature = "ssr")]
const SEAT_COOKIE: &str = "voice_seat";

/// What a phone shows.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PhoneView {
    pub title: String,
    pub forum: String,
    pub open: bool,
    /// Whether this phone has joined (it has a seat).
    pub joined: bool,
    /// The activity being answered now, as a question page.
    pub activity: Option<(i64, QuestionPage)>,
}

#[cfg(feature = "ssr")]
mod ssr {
    use super::SEAT_COOKIE;
    use crate::limits::{LimitKey, Rule};

    /// Wrong join codes from one address. A room of phones on one Wi-Fi
    /// shares an address, and right codes do not count, so only guessing
    /// runs into it.
    pub const WRONG_JOIN_CODES_PER_ADDRESS: Rule = Rule::per_minutes(40, 15);

    pub fn joins_from(address: std::net::IpAddr) -> (LimitKey, Rule) {
        (
            LimitKey::new("join code from address", address.to_string()),
            WRONG_JOIN_CODES_PER_ADDRESS,
        )
    }

    pub fn too_many_codes(wait: chrono::Duration) -> String {
        let minutes = (wait.num_seconds() + 59) / 60;
        format!(
            "Too many codes have been tried from here. Wait {minutes} minute{} and try again, or ask the facilitator for help.",
            if minutes == 1 { "" } else { "s" }
        )
    }

    /// This phone's seat in the session, from its cookie.
    pub fn seat(session_id: &crate::domain::LiveSessionId) -> Option<String> {
        let parts = leptos::prelude::use_context::<http::request::Parts>()?;
        let header = parts.headers.get(http::header::COOKIE)?.to_str().ok()?;
        header
            .split(';')
            .filter_map(|pair| pair.trim().split_once('='))
            .find(|(name, _)| *name == SEAT_COOKIE)
            .and_then(|(_, value)| value.split_once('.'))
            .filter(|(session, _)| *session == session_id.as_str())
            .map(|(_, seat)| seat.to_string())
    }

    pub fn seat_cookie(
        session_id: &crate::domain::LiveSessionId,
        seat_id: &str,
        secure: bool,
    ) -> String {
        let secure = if secure { "; Secure" } else { "" };
        // No Max-Age: a shared phone or tablet forgets its seat when the
        // browser closes. The seat itself lasts only while its session is open.
        format!("{SEAT_COOKIE}={session_id}.{seat_id}; Path=/; HttpOnly; SameSite=Lax{secure}")
    }
}

/// Joins the open session with this code. A signed-in young person may
/// join as themselves, which records their attendance; otherwise nothing
/// about the phone or the person is kept.
#[server(prefix = "/api", endpoint = "join-session")]
pub async fn join_session(
    code: String,
    as_member: Option<String>,
) -> Result<FormReply<()>, VoiceError> {
    use crate::auth::ssr::{app_state, signed_in};
    use crate::domain::join_code::JoinCode;
    use crate::errors::Context;
    use crate::forms::FieldErrors;
    let state = app_state()?;
    let mut errors = FieldErrors::default();
    let Some(code) = errors.check("code", JoinCode::parse(&code)) else {
        return Ok(FormReply::Invalid(errors));
    };
    // Counted before the code is looked up, so guesses sent together
    // cannot all slip under the limit; a right code is given back.
    let keys: Vec<_> = crate::auth::ssr::client_ip()
        .map(ssr::joins_from)
        .into_iter()
        .collect();
    let reserved = match state.limits.reserve(&keys, state.now()) {
        Ok(reserved) => reserved,
        Err(wait) => {
            errors.add("code", ssr::too_many_codes(wait));
            return Ok(FormReply::Invalid(errors));
        }
    };
    let session = super::store::session_by_code(&state.db, code.as_str())
        .await
        .context("session by code")?;
    if session.is_some() {
        for (key, _) in &keys {
            state.limits.give_back(&reserved, key);
        }
    }
    let Some(session) = session else {
        errors.add(
            "code",
            "No session is running with that code. Check the code on the screen.",
        );
        return Ok(FormReply::Invalid(errors));
    };
    let member = match (as_member.as_deref(), signed_in()) {
        (Some("yes"), Some(me)) if me.user.role == Role::YoungPerson => {
            let (cohort, age_band) =
                crate::accounts::age_band_today(&state, &me.user.account_id).await?;
            Some((me.user.account_id, cohort, age_band))
        }
        _ => None,
    };
    let member = member
        .as_ref()
        .map(|(account_id, cohort, age_band)| super::store::Member {
            account_id,
            cohort: *cohort,
            age_band: *age_band,
        });
    let seat = match ssr::seat(&session.id) {
        // Joining again from the same phone keeps its seat (and answers).
        Some(seat)
            if member.is_none()
                && super::store::seat_exists(&state.db, &session.id, &seat)
                    .await
                    .context("seat")? =>
        {
            seat
        }
        _ => super::store::take_seat(&state.db, &session.id, member.as_ref())
            .await
            .context("take seat")?,
    };
    crate::auth::ssr::set_cookie(&ssr::seat_cookie(
        &session.id,
        &seat,
        state.config.cookies_are_secure(),
    ));
    state.live.results_changed(&session.id);
    Ok(FormReply::Redirect(format!("/live/{}", session.id)))
}

#[server(prefix = "/api", endpoint = "phone-view")]
pub async fn get_phone_view(session_id: LiveSessionId) -> Result<Option<PhoneView>, VoiceError> {
    use crate::errors::Context;
    let state = crate::auth::ssr::app_state()?;
    let Some(session) = super::store::session(&state.db, &session_id)
        .await
        .context("session")?
    else {
        return Ok(None);
    };
    let seat = match ssr::seat(&session.id) {
        Some(seat)
            if super::store::seat_exists(&state.db, &session.id, &seat)
                .await
                .context("seat")? =>
        {
            Some(seat)
        }
        _ => None,
    };
    let open = session.status() == super::SessionStatus::Open;
    let activity = match (open, session.current_activity, &seat) {
        (true, Some(current), Some(seat)) => {
            let activities = super::store::activities(&state.db, &session.id)
                .await
                .context("activities")?;
            let position = activities.iter().position(|(id, _)| *id == current);
            match position {
                Some(index) => {
                    let question = activities[index].1.clone();
                    let answer = super::store::seat_answer(&state.db, current, seat)
                        .await
                        .context("answer")?;
                    let promises = match &question.kind {
                        crate::surveys::questions::QuestionKind::PromiseRating { promise_ids } => {
                            crate::promises::store::all_promises(&state.db)
                                .await
                                .context("promises")?
                                .into_iter()
                                .filter(|p| promise_ids.contains(&p.id))
                                .collect()
                        }
                        _ => Vec::new(),
                    };
                    Some((
                        current,
                        QuestionPage {
                            title: session.title.clone(),
                            question,
                            number: index + 1,
                            of: activities.len(),
                            back: String::new(),
                            answer,
                            promises,
                        },
                    ))
                }
                None => None,
            }
        }
        _ => None,
    };
    Ok(Some(PhoneView {
        title: session.title,
        forum: session.forum,
        open,
        joined: seat.is_some(),
        activity,
    }))
}

/// A phone's answer to the activity showing now; it replaces any earlier one.
#[server(prefix = "/api", endpoint = "live-answer")]
pub async fn live_answer(
    session_id: LiveSessionId,
    activity_id: i64,
    answer: Option<String>,
    #[server(default)] answers: Vec<String>,
    other: Option<String>,
    #[server(default)] ratings: HashMap<String, String>,
    prefer_not_to_say: Option<String>,
) -> Result<FormReply<()>, VoiceError> {
    use crate::errors::Context;
    use crate::forms::FieldErrors;
    use crate::surveys::questions::{parse_answer, AnswerFields};
    let state = crate::auth::ssr::app_state()?;
    let session = super::store::session(&state.db, &session_id)
        .await
        .context("session")?;
    let Some(session) = session.filter(|s| s.status() == super::SessionStatus::Open) else {
        return Ok(FormReply::Invalid(FieldErrors::form(
            "This session has finished, so it is not taking answers any more.",
        )));
    };
    let seat = match ssr::seat(&session.id) {
        Some(seat)
            if super::store::seat_exists(&state.db, &session.id, &seat)
                .await
                .context("seat")? =>
        {
            seat
        }
        _ => {
            return Ok(FormReply::Invalid(FieldErrors::form(
                "Join the session first, with the code on the screen.",
            )))
        }
    };
    if session.current_activity != Some(activity_id) {
        return Ok(FormReply::Invalid(FieldErrors::form(
            "That question has closed. Here is the one on the screen now.",
        )));
    }
    let activities = super::store::activities(&state.db, &session.id)
        .await
        .context("activities")?;
    let Some((_, question)) = activities.into_iter().find(|(id, _)| *id == activity_id) else {
        return Ok(FormReply::Invalid(FieldErrors::form(
            "That question has closed.",
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
    let flag = match parsed.writing() {
        Some((field, words)) => {
            // A member who joined as themselves is known; anyone else is not.
            let account: Option<crate::domain::AccountId> =
                sqlx::query_scalar("SELECT account_id FROM live_seats WHERE id = $1")
                    .bind(&seat)
                    .fetch_one(&state.db)
                    .await
                    .context("seat account")?;
            if account.is_none() {
                use crate::rights::writing_limits::{reserve, AnonymousWriter};
                if let Err(message) = reserve(&state, AnonymousWriter::Seat(&seat)) {
                    return Ok(FormReply::invalid_field(field, message));
                }
            }
            crate::rights::safeguarding::ssr::check_writing(
                &state,
                crate::rights::safeguarding::WritingPlace::LiveWords,
                &format!("Forum session: {}", session.title),
                words,
                account.as_ref(),
            )
            .await?
        }
        None => None,
    };
    super::store::save_answer(&state.db, activity_id, &seat, &parsed, flag.is_some())
        .await
        .context("save live answer")?;
    state.live.results_changed(&session.id);
    let page = format!("/live/{}?answered={activity_id}", session.id);
    Ok(FormReply::Redirect(match flag {
        Some((flag_id, _)) => crate::rights::safety_check_path(&flag_id, &page),
        None => page,
    }))
}

/// `/join`: the code (filled in from a QR code's address), and join.
#[component]
pub fn JoinPage() -> impl IntoView {
    let code = use_query_map()
        .with_untracked(|q| q.get("code"))
        .unwrap_or_default();
    let form = use_form::<JoinSession, ()>();
    let fields = form.view();
    let member = use_viewer().is_some_and(|user| user.role == Role::YoungPerson);
    view! {
        <PageTitle text="Join a session"/>
        <ErrorSummary form=fields/>
        <VoiceForm form>
            <h1>"Join a session"</h1>
            <TextField form=fields name="code" label="Code on the screen" hint="6 letters and numbers, like K7M2QX"
                exact=true autocomplete="off" initial=code/>
            {member.then(|| view! {
                <CheckboxField form=fields name="as_member" label="Join as myself, so my name is recorded as being there"/>
            })}
            <p class="hint">"Your answers are anonymous unless you join as yourself."</p>
            <button class="button" type="submit">"Join"</button>
        </VoiceForm>
    }
}

/// `/live/:id`: the activity showing now, or a wait.
#[component]
pub fn PhonePage() -> impl IntoView {
    let id: LiveSessionId = route_param("id");
    let answered = use_query_map().with_untracked(|q| q.get("answered"));
    let key = id.clone();
    let view_data = Resource::new_blocking(move || key.clone(), get_phone_view);
    let form = use_form::<LiveAnswer, ()>();
    view! {
        <PageTitle text="Forum session"/>
        <LiveUpdates events=format!("/live/{id}/phone-events")/>
        <ServerData resource=view_data let:data>
            {match data {
                None => view! { <h1>"Session not found"</h1><p><a href="/join">"Join with a code"</a></p> }.into_any(),
                Some(data) => view! { <Phone data id=id.clone() answered=answered.clone() form/> }.into_any(),
            }}
        </ServerData>
    }
}

#[component]
fn Phone(
    data: PhoneView,
    id: LiveSessionId,
    answered: Option<String>,
    form: FormHandle<LiveAnswer, ()>,
) -> impl IntoView {
    if !data.joined {
        return view! {
            <h1>{data.title}</h1>
            <p>"Join with the code on the screen to take part."</p>
            <p><a class="button" href="/join">"Join"</a></p>
        }
        .into_any();
    }
    if !data.open {
        return view! {
            <h1>{data.title}</h1>
            <p>"This session has finished. Thank you for taking part."</p>
        }
        .into_any();
    }
    // "Check for a new question" loads the page afresh (rel="external"): it
    // is often the address showing already, which the router would not load.
    let here = format!("/live/{id}");
    let Some((activity_id, page)) = data.activity else {
        return view! {
            <h1>{data.title}</h1>
            <p class="lead" role="status">"Waiting for the next question."</p>
            <p><a href=here rel="external">"Check for a new question"</a></p>
        }
        .into_any();
    };
    let fields = form.view();
    let declined = matches!(page.answer, Some(Answer::PreferNotToSay));
    let just_answered = answered.as_deref() == Some(activity_id.to_string().as_str());
    let caption = format!("{} · {}", data.forum, data.title);
    view! {
        {just_answered.then(|| view! {
            <div class="notice" role="status"><p>"Thank you. Your answer is in. You can change it until the next question."</p></div>
        })}
        <ErrorSummary form=fields/>
        <VoiceForm form>
            <input type="hidden" name="session_id" value=id.clone()/>
            <input type="hidden" name="activity_id" value=activity_id.to_string()/>
            <AnswerOrDecline page fields caption declined/>
            <button class="button" type="submit">"Send"</button>
        </VoiceForm>
        <p><a href=here rel="external">"Check for a new question"</a></p>
    }
    .into_any()
}
