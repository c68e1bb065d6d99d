//! A young person follows what they raised: its status, the advocate's
//! replies, their own messages, and whether they are happy with the answer.
//! They see only their own; internal notes never reach them.

use super::{Message, MessageKind, MyConcern};
use crate::components::fields::{ErrorSummary, TextAreaField, VoiceForm};
use crate::components::page::{route_param, PageTitle, RequireRole, ServerData};
use crate::domain::concern::ConcernStatus;
use crate::domain::{ConcernId, Role};
use crate::errors::VoiceError;
use crate::forms::{use_form, FormHandle, FormReply};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

#[cfg(feature = "ssr")]
mod ssr {
    use crate::auth::ssr::require;
    use crate::domain::Role;
    use crate::errors::Context;
    use crate::errors::VoiceError;
    use crate::rights::store::{self, ConcernRow};
    use crate::rights::MyConcern;
    use crate::state::AppState;

    /// The caller's own sent concern; anyone else's is not found.
    pub async fn own_concern(
        concern_id: &crate::domain::ConcernId,
    ) -> Result<(crate::domain::AccountId, AppState, Option<ConcernRow>), VoiceError> {
        let (user, state) = require(&[Role::YoungPerson])?;
        let row = store::concern(&state.db, concern_id)
            .await
            .context("concern")?
            .filter(|row| row.account_id == user.account_id);
        Ok((user.account_id, state, row))
    }

    pub fn as_seen_by_young_person(
        row: ConcernRow,
        messages: Vec<crate::rights::Message>,
    ) -> MyConcern {
        MyConcern {
            kind: row.kind(),
            status: row.status(),
            outcome: row.outcome(),
            received_on: row.received_on(),
            due_on: row.due_on(),
            stage: row.stage,
            id: row.id,
            reference: row.reference,
            details: row.details,
            wanted: row.wanted,
            messages,
        }
    }
}

#[server(prefix = "/api", endpoint = "my-concerns")]
pub async fn my_concerns() -> Result<Vec<MyConcern>, VoiceError> {
    use crate::auth::ssr::require;
    use crate::errors::Context;
    let (user, state) = require(&[Role::YoungPerson])?;
    let rows = super::store::concerns_of(&state.db, &user.account_id)
        .await
        .context("my concerns")?;
    Ok(rows
        .into_iter()
        .map(|row| ssr::as_seen_by_young_person(row, Vec::new()))
        .collect())
}

#[server(prefix = "/api", endpoint = "my-concern")]
pub async fn get_my_concern(concern_id: ConcernId) -> Result<Option<MyConcern>, VoiceError> {
    use crate::errors::Context;
    let (_, state, row) = ssr::own_concern(&concern_id).await?;
    let Some(row) = row else { return Ok(None) };
    let messages = super::store::messages(&state.db, &row.id, false)
        .await
        .context("messages")?;
    Ok(Some(ssr::as_seen_by_young_person(row, messages)))
}

/// The young person adds something. An answered item goes back to being
/// looked into, so an advocate sees it.
#[server(prefix = "/api", endpoint = "concern-message")]
pub async fn concern_message(
    concern_id: ConcernId,
    body: String,
) -> Result<FormReply<()>, VoiceError> {
    use crate::errors::Context;
    let (account_id, state, row) = ssr::own_concern(&concern_id).await?;
    let Some(row) = row else {
        return Ok(FormReply::Invalid(crate::forms::FieldErrors::form(
            NOT_FOUND,
        )));
    };
    let mut errors = crate::forms::FieldErrors::default();
    let body = errors.text(
        "body",
        &body,
        crate::domain::concern::MAX_REPLY_CHARS,
        Some("Write your message"),
    );
    if let Some(invalid) = FormReply::invalid_if_any(errors) {
        return Ok(invalid);
    }
    let page = format!("/rights/{}", row.id);
    let flag = super::safeguarding::ssr::check_writing(
        &state,
        super::safeguarding::WritingPlace::ConcernMessage,
        &format!(
            "Right to Rights {}: a message from the young person",
            row.reference
        ),
        &body,
        Some(&account_id),
    )
    .await?;
    let mut connection = state.db.acquire().await.context("connection")?;
    super::store::add_message(
        &mut connection,
        &row.id,
        &account_id,
        MessageKind::YoungPerson,
        &body,
        state.now(),
    )
    .await
    .context("add message")?;
    if matches!(row.status(), ConcernStatus::Answered) {
        super::store::set_status(
            &state.db,
            &row.id,
            ConcernStatus::Answered,
            ConcernStatus::BeingLookedInto,
        )
        .await
        .context("status")?;
    }
    Ok(FormReply::Redirect(match flag {
        Some((flag_id, _)) => super::safety_check_path(&flag_id, &page),
        None => format!("{page}#messages"),
    }))
}

/// Happy with the answer (it is closed as resolved) or not (it goes to the
/// next stage, and the page offers independent advocacy).
#[server(prefix = "/api", endpoint = "concern-feedback")]
pub async fn concern_feedback(
    concern_id: ConcernId,
    happy: Option<String>,
) -> Result<FormReply<()>, VoiceError> {
    use crate::domain::concern::Outcome;
    use crate::errors::Context;
    let (account_id, state, row) = ssr::own_concern(&concern_id).await?;
    let Some(row) = row else {
        return Ok(FormReply::Invalid(crate::forms::FieldErrors::form(
            NOT_FOUND,
        )));
    };
    let happy = match happy.as_deref() {
        Some("yes") => true,
        Some("no") => false,
        _ => {
            return Ok(FormReply::invalid_field(
                "happy",
                "Choose whether you are happy with the answer",
            ));
        }
    };
    if !matches!(
        row.status(),
        ConcernStatus::Answered | ConcernStatus::Closed
    ) {
        return Ok(FormReply::Invalid(crate::forms::FieldErrors::form(
            "You can say this once your advocate has answered.",
        )));
    }
    let now = state.now();
    let words = if happy {
        "I am happy with the answer."
    } else {
        "I am not happy with the answer."
    };
    let mut connection = state.db.acquire().await.context("connection")?;
    super::store::add_message(
        &mut connection,
        &row.id,
        &account_id,
        MessageKind::YoungPerson,
        words,
        now,
    )
    .await
    .context("feedback")?;
    if happy {
        if row.status() == ConcernStatus::Answered {
            super::store::close(&state.db, &row.id, row.status(), Outcome::Resolved, now)
                .await
                .context("close")?;
        }
        return Ok(FormReply::Redirect(format!("/rights/{}?happy=1", row.id)));
    }
    super::store::reopen_at_next_stage(&state.db, &row.id)
        .await
        .context("next stage")?;
    Ok(FormReply::Redirect(format!(
        "/rights/{}?not_happy=1",
        row.id
    )))
}

const NOT_FOUND: &str = "We could not find that. Go back to My Right to Rights.";

/// `/rights`: what they have raised, and a button to raise something new.
#[component]
pub fn MyConcernsPage() -> impl IntoView {
    let concerns = Resource::new_blocking(|| (), |_| my_concerns());
    view! {
        <PageTitle text="My Right to Rights"/>
        <RequireRole roles=&[Role::YoungPerson]>
            <h1>"Right to Rights"</h1>
            <p class="lead">"Tell us about a worry, ask for help with something important, ask for an advocate, or pay someone a compliment."</p>
            <p><a class="button" href="/rights/new">"Raise something new"</a></p>
            <h2>"What you have sent"</h2>
            <ServerData resource=concerns let:concerns>
                {if concerns.is_empty() {
                    view! { <p>"You have not sent anything yet."</p> }.into_any()
                } else {
                    view! {
                        <ul class="card-list">
                            {concerns.into_iter().map(|concern| view! {
                                <li class="card">
                                    // The link's name says what it opens, as one phrase (a visually
                                    // hidden ending is read with a stray space before it).
                                    <p class="card__title"><a href=format!("/rights/{}", concern.id)
                                        aria-label=format!("{}: {}", concern.reference, concern.kind.label())>{concern.reference.clone()}</a></p>
                                    <p>{concern.kind.label()}</p>
                                    <p><strong class="tag">{concern.status.label()}</strong></p>
                                    <p class="hint">{format!("Sent {}", concern.received_on.format("%-d %B %Y"))}</p>
                                </li>
                            }).collect_view()}
                        </ul>
                    }.into_any()
                }}
            </ServerData>
        </RequireRole>
    }
}

/// `/rights/:id`: one thing they raised, its replies, and what they can do.
#[component]
pub fn MyConcernPage() -> impl IntoView {
    let id: ConcernId = route_param("id");
    let (sent, not_happy, happy) = use_query_map().with_untracked(|q| {
        (
            q.get("sent").is_some(),
            q.get("not_happy").is_some(),
            q.get("happy").is_some(),
        )
    });
    let concern = Resource::new_blocking(move || id.clone(), get_my_concern);
    let message = use_form::<ConcernMessage, ()>();
    let feedback = use_form::<ConcernFeedback, ()>();
    view! {
        <PageTitle text="Right to Rights"/>
        <RequireRole roles=&[Role::YoungPerson]>
            <p><a class="back-link" href="/rights">"Back to My Right to Rights"</a></p>
            <ServerData resource=concern let:concern>
                {match concern {
                    None => view! {
                        <h1>"Not found"</h1>
                        <p>{NOT_FOUND}</p>
                    }.into_any(),
                    Some(concern) => view! {
                        {sent.then(|| view! { <SentPanel concern=concern.clone()/> })}
                        {happy.then(|| view! {
                            <div class="notice" role="status"><p>"Thank you for telling us. We are glad it was sorted out."</p></div>
                        })}
                        {not_happy.then(|| view! { <NextStagePanel/> })}
                        <ConcernView concern message feedback just_sent=sent/>
                    }.into_any(),
                }}
            </ServerData>
        </RequireRole>
    }
}

#[component]
fn SentPanel(concern: MyConcern) -> impl IntoView {
    view! {
        <div class="panel" role="status">
            <h1>"Sent to Right to Rights"</h1>
            <p>"Your reference is"</p>
            <p class="reference">{concern.reference}</p>
        </div>
        <h2>"What happens next"</h2>
        <p>"An advocate will read what you sent and get in touch in the way you chose."</p>
        <p>{format!("You will get an answer by {}.", concern.due_on.format("%A %-d %B %Y"))}</p>
        <p>"If you are in danger now, call 999. You can call Childline on 0800 1111 at any time."</p>
    }
}

#[component]
fn NextStagePanel() -> impl IntoView {
    view! {
        <div class="notice" role="status">
            <h2>"We have asked for it to be looked at again"</h2>
            <p>"An advocate will look at it again as the next stage of the complaint, and tell you what happens."</p>
            <p>"You can also get help from an independent advocate who does not work for the council: "
                "ask Right to Rights, or call Childline on 0800 1111."</p>
        </div>
    }
}

#[component]
fn ConcernView(
    concern: MyConcern,
    message: FormHandle<ConcernMessage, ()>,
    feedback: FormHandle<ConcernFeedback, ()>,
    /// The page's heading is then "Sent to Right to Rights".
    just_sent: bool,
) -> impl IntoView {
    let message_fields = message.view();
    let feedback_fields = feedback.view();
    let can_feedback = matches!(concern.status, ConcernStatus::Answered);
    let id = concern.id.clone();
    view! {
        {
            let title = format!("{}: {}", concern.reference, concern.kind.label());
            if just_sent { view! { <h2>{title}</h2> }.into_any() } else { view! { <h1>{title}</h1> }.into_any() }
        }
        <dl class="facts">
            <dt>"Where it has got to"</dt><dd><strong class="tag">{concern.status.label()}</strong></dd>
            <dt>"Sent"</dt><dd>{concern.received_on.format("%-d %B %Y").to_string()}</dd>
            <dt>"Answer due by"</dt><dd>{concern.due_on.format("%-d %B %Y").to_string()}</dd>
            {(concern.stage > 1).then(|| view! { <dt>"Stage"</dt><dd>{concern.stage}</dd> })}
        </dl>
        <h2>"What you said"</h2>
        <p class="prewrap">{concern.details.clone()}</p>
        {(!concern.wanted.is_empty()).then(|| view! {
            <h2>"What you would like to happen"</h2>
            <p class="prewrap">{concern.wanted.clone()}</p>
        })}
        <h2 id="messages">"Messages"</h2>
        <MessageList messages=concern.messages.clone() young_person="You".to_string()
            empty="No messages yet. Your advocate will reply here."/>
        {can_feedback.then(|| view! {
            <ErrorSummary form=feedback_fields/>
            <VoiceForm form=feedback>
                <input type="hidden" name="concern_id" value=id.clone()/>
                <crate::components::fields::RadioField form=feedback_fields name="happy"
                    legend="Are you happy with the answer?"
                    options=vec![("yes", "Yes, I am happy with it"), ("no", "No, I am not happy with it")]/>
                <button class="button" type="submit">"Tell us"</button>
            </VoiceForm>
        })}
        <ErrorSummary form=message_fields/>
        <VoiceForm form=message>
            <input type="hidden" name="concern_id" value=concern.id.clone()/>
            <TextAreaField form=message_fields name="body" label="Reply or add something"/>
            <button class="button button--secondary" type="submit">"Send message"</button>
        </VoiceForm>
    }
}

/// Messages on a concern, oldest first, each saying who it is from.
#[component]
pub fn MessageList(
    messages: Vec<Message>,
    /// How the young person's own messages are headed: "You", or their name.
    young_person: String,
    empty: &'static str,
) -> impl IntoView {
    if messages.is_empty() {
        return view! { <p>{empty}</p> }.into_any();
    }
    view! {
        <ol class="messages">
            {messages.into_iter().map(|message| {
                let (class, who) = match message.kind {
                    MessageKind::YoungPerson => ("message message--mine", young_person.clone()),
                    MessageKind::Reply => ("message", format!("{} (advocate)", message.author)),
                    MessageKind::Note => ("message message--note", format!("Internal note by {}", message.author)),
                };
                view! {
                    <li class=class>
                        <p class="message__who"><strong>{who}</strong>" · "{message.at}</p>
                        <p class="prewrap">{message.body}</p>
                    </li>
                }
            }).collect_view()}
        </ol>
    }
    .into_any()
}
