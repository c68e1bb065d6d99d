//! Raising something with Right to Rights, one thing per page: what it is
//! about, what happened, what they would like to happen, how to contact
//! them, check your answers, and a reference with what happens next.

// A server function takes a form's fields as its arguments.
#![allow(clippy::too_many_arguments)]

use super::safeguarding::{contact_options, HelpPanel};
use super::Draft;
use crate::components::fields::{ErrorSummary, RadioField, TextAreaField, TextField, VoiceForm};
use crate::components::page::{PageTitle, RequireRole, ServerData};
use crate::domain::concern::ConcernKind;
use crate::domain::{ConcernId, Role};
use crate::errors::VoiceError;
use crate::forms::{use_form, FormReply};
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

/// The pages of a draft, in order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    Details,
    Wanted,
    Contact,
    Check,
}

impl Step {
    pub fn as_str(self) -> &'static str {
        match self {
            Step::Details => "details",
            Step::Wanted => "wanted",
            Step::Contact => "contact",
            Step::Check => "check",
        }
    }

    pub fn parse(value: &str) -> Option<Step> {
        [Step::Details, Step::Wanted, Step::Contact, Step::Check]
            .into_iter()
            .find(|step| step.as_str() == value)
    }

    /// The page after this one. A compliment asks for nothing to happen.
    pub fn next(self, kind: ConcernKind) -> Step {
        match self {
            Step::Details if kind == ConcernKind::Compliment => Step::Contact,
            Step::Details => Step::Wanted,
            Step::Wanted => Step::Contact,
            Step::Contact | Step::Check => Step::Check,
        }
    }

    pub fn path(self, draft_id: &ConcernId) -> String {
        format!("/rights/new/{draft_id}/{}", self.as_str())
    }
}

/// The question on the "what happened" page, in the young person's words.
pub fn details_question(kind: ConcernKind) -> &'static str {
    match kind {
        ConcernKind::Concern => "What has happened?",
        ConcernKind::Help => "What do you need help with?",
        ConcernKind::Advocate => "What would you like an advocate to help you with?",
        ConcernKind::Compliment => "What would you like to say?",
    }
}

const WANTED_QUESTION: &str = "What would you like to happen?";

/// Starts a draft of the chosen kind, or changes a draft's kind.
#[server(prefix = "/api", endpoint = "start-concern")]
pub async fn start_concern(
    kind: Option<String>,
    concern_id: Option<ConcernId>,
) -> Result<FormReply<()>, VoiceError> {
    use crate::auth::ssr::require;
    use crate::errors::Context;
    let (user, state) = require(&[Role::YoungPerson])?;
    let Some(kind) = kind.as_deref().and_then(ConcernKind::parse) else {
        return Ok(FormReply::invalid_field(
            "kind",
            "Choose what you would like to do",
        ));
    };
    let id = match concern_id {
        Some(id) => {
            let Some(mut draft) = super::store::draft(&state.db, &user.account_id, &id)
                .await
                .context("draft")?
            else {
                return Ok(FormReply::Invalid(crate::forms::FieldErrors::form(
                    NO_DRAFT,
                )));
            };
            draft.kind = kind;
            super::store::save_draft(&state.db, &draft)
                .await
                .context("save draft")?;
            return Ok(FormReply::Redirect(Step::Check.path(&id)));
        }
        None => super::store::create_draft(&state.db, &user.account_id, kind, state.now())
            .await
            .context("create draft")?,
    };
    Ok(FormReply::Redirect(Step::Details.path(&id)))
}

const NO_DRAFT: &str =
    "We could not find what you were writing. It may have been sent already: see My Right to Rights.";

#[server(prefix = "/api", endpoint = "concern-draft")]
pub async fn concern_draft(concern_id: ConcernId) -> Result<Option<Draft>, VoiceError> {
    use crate::auth::ssr::require;
    use crate::errors::Context;
    let (user, state) = require(&[Role::YoungPerson])?;
    let draft = super::store::draft(&state.db, &user.account_id, &concern_id)
        .await
        .context("draft")?;
    Ok(draft.map(|draft| Draft {
        submission_key: crate::db::new_id(),
        ..draft
    }))
}

/// Saves one page of a draft and goes on (or back to the check page).
#[server(prefix = "/api", endpoint = "save-concern-step")]
pub async fn save_concern_step(
    concern_id: ConcernId,
    step: String,
    details: Option<String>,
    wanted: Option<String>,
    contact_method: Option<String>,
    contact_number: Option<String>,
    safe_times: Option<String>,
    then: Option<String>,
) -> Result<FormReply<()>, VoiceError> {
    use crate::auth::ssr::require;
    use crate::errors::Context;
    let (user, state) = require(&[Role::YoungPerson])?;
    let Some(mut draft) = super::store::draft(&state.db, &user.account_id, &concern_id)
        .await
        .context("draft")?
    else {
        return Ok(FormReply::Invalid(crate::forms::FieldErrors::form(
            NO_DRAFT,
        )));
    };
    let Some(step) = Step::parse(&step).filter(|s| *s != Step::Check) else {
        return Ok(FormReply::Invalid(crate::forms::FieldErrors::form(
            "The form was not complete. Please go back and try again.",
        )));
    };
    use super::safeguarding::WritingPlace;
    let mut errors = crate::forms::FieldErrors::default();
    let mut written = None;
    match step {
        Step::Details => {
            draft.details = errors.text(
                "details",
                details.as_deref().unwrap_or_default(),
                crate::domain::concern::MAX_DETAIL_CHARS,
                Some("Write something, even a few words"),
            );
            written = Some((WritingPlace::ConcernDetails, draft.details.clone()));
        }
        Step::Wanted => {
            draft.wanted = errors.text(
                "wanted",
                wanted.as_deref().unwrap_or_default(),
                crate::domain::concern::MAX_DETAIL_CHARS,
                None,
            );
            written = Some((WritingPlace::ConcernWanted, draft.wanted.clone()));
        }
        Step::Contact => match super::safeguarding::parse_contact(
            contact_method.as_deref(),
            contact_number.as_deref().unwrap_or_default(),
            safe_times.as_deref().unwrap_or_default(),
        ) {
            Ok(contact) => {
                draft.contact_method = Some(contact.method);
                draft.contact_number = contact.number;
                draft.safe_times = contact.safe_times;
                written = Some((WritingPlace::ConcernSafeTimes, draft.safe_times.clone()));
            }
            Err(contact_errors) => errors = contact_errors,
        },
        Step::Check => {}
    }
    if let Some(invalid) = FormReply::invalid_if_any(errors) {
        return Ok(invalid);
    }
    let next = if then.as_deref() == Some("check") {
        Step::Check
    } else {
        step.next(draft.kind)
    };
    let next_path = next.path(&draft.id);
    // Writing that suggests harm reaches the duty advocate now, sent or not.
    let flag = match written {
        Some((place, words)) if draft.harm_phrase.is_none() => {
            super::safeguarding::ssr::check_writing(
                &state,
                place,
                "Right to Rights, while it was being written",
                &words,
                Some(&user.account_id),
            )
            .await?
        }
        _ => None,
    };
    if let Some((_, phrase)) = &flag {
        draft.harm_phrase = Some(phrase.clone());
    }
    super::store::save_draft(&state.db, &draft)
        .await
        .context("save draft")?;
    Ok(FormReply::Redirect(match flag {
        Some((flag_id, _)) => super::safety_check_path(&flag_id, &next_path),
        None => next_path,
    }))
}

/// Sends the draft. A retry with the same key, or a second press, sends once.
#[server(prefix = "/api", endpoint = "send-concern")]
pub async fn send_concern(
    concern_id: ConcernId,
    submission_key: String,
) -> Result<FormReply<()>, VoiceError> {
    use crate::auth::ssr::require;
    use crate::domain::concern::Reference;
    use crate::domain::period::uk_date;
    use crate::domain::working_days::stage_one_due;
    use crate::errors::Context;
    let (user, state) = require(&[Role::YoungPerson])?;
    let sent_page = format!("/rights/{concern_id}?sent=1");
    let Some(draft) = super::store::draft(&state.db, &user.account_id, &concern_id)
        .await
        .context("draft")?
    else {
        // Sent already (a retry): show it; anything else is not theirs.
        let mine = super::store::concern(&state.db, &concern_id)
            .await
            .context("concern")?
            .is_some_and(|row| row.account_id == user.account_id);
        return Ok(if mine {
            FormReply::Redirect(sent_page)
        } else {
            FormReply::Invalid(crate::forms::FieldErrors::form(NO_DRAFT))
        });
    };
    let key = submission_key.trim();
    if draft.details.is_empty()
        || draft.contact_method.is_none()
        || key.is_empty()
        || key.len() > 64
    {
        return Ok(FormReply::Invalid(crate::forms::FieldErrors::form(
            "Some answers are missing. Use the Change links to fill them in.",
        )));
    }
    let (cohort, age_band) = crate::accounts::age_band_today(&state, &user.account_id).await?;
    let holidays = super::store::bank_holidays(&state.db)
        .await
        .context("bank holidays")?;
    let now = state.now();
    let due_on = stage_one_due(uk_date(now), false, &holidays);
    // Four characters give 810,000 references; pick again on a clash.
    let mut reference = Reference::from_random(random_bytes());
    for _ in 0..8 {
        if !super::store::reference_taken(&state.db, reference.as_str())
            .await
            .context("reference")?
        {
            break;
        }
        reference = Reference::from_random(random_bytes());
    }
    let sending = super::store::Sending {
        reference: reference.as_str(),
        key,
        cohort,
        age_band,
        received_at: now,
        due_on,
    };
    super::store::send(&state.db, &draft.id, &sending)
        .await
        .context("send concern")?;
    Ok(FormReply::Redirect(sent_page))
}

#[cfg(feature = "ssr")]
fn random_bytes() -> [u8; 4] {
    use rand::RngCore;
    let mut bytes = [0u8; 4];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    bytes
}

/// `/rights/new`: what would you like to do? (`?draft=` to change it.)
#[component]
pub fn RaiseStartPage() -> impl IntoView {
    let draft = use_query_map().with_untracked(|q| q.get("draft"));
    let form = use_form::<StartConcern, ()>();
    let fields = form.view();
    let kinds = ConcernKind::ALL
        .into_iter()
        .map(|kind| (kind.as_str(), kind.label()))
        .collect::<Vec<_>>();
    view! {
        <PageTitle text="Right to Rights"/>
        <RequireRole roles=&[Role::YoungPerson]>
            <p><a class="back-link" href="/rights">"Back"</a></p>
            <ErrorSummary form=fields/>
            <VoiceForm form>
                {draft.clone().map(|id| view! { <input type="hidden" name="concern_id" value=id/> })}
                <h1>"What would you like to do?"</h1>
                <p>"Right to Rights helps you if you are worried about your care or need help with something important. An advocate is someone who is on your side and helps you say what you want."</p>
                <RadioField form=fields name="kind" legend="Choose one" options=kinds.clone()/>
                <button class="button" type="submit">"Continue"</button>
            </VoiceForm>
        </RequireRole>
    }
}

/// `/rights/new/:id/:step`: one page of the draft.
#[component]
pub fn DraftStepPage() -> impl IntoView {
    let (id, step) = use_params_map().with_untracked(|p| {
        (
            ConcernId::from(p.get("id").unwrap_or_default()),
            p.get("step")
                .as_deref()
                .and_then(Step::parse)
                .unwrap_or(Step::Details),
        )
    });
    let changing = use_query_map().with_untracked(|q| q.get("change").is_some());
    let key = id.clone();
    let draft = Resource::new_blocking(move || key.clone(), concern_draft);
    let save = use_form::<SaveConcernStep, ()>();
    let send = use_form::<SendConcern, ()>();
    view! {
        <PageTitle text="Right to Rights"/>
        <RequireRole roles=&[Role::YoungPerson]>
            <ServerData resource=draft let:draft>
                {match draft {
                    None => view! {
                        <h1>"Nothing to send"</h1>
                        <p>{NO_DRAFT}</p>
                        <p><a href="/rights">"Go to My Right to Rights"</a></p>
                    }.into_any(),
                    Some(draft) => {
                        let back = back_link(&draft, step);
                        view! {
                            <p><a class="back-link" href=back>"Back"</a></p>
                            {draft.harm_phrase.is_some().then(|| view! { <HelpPanel/> })}
                            {if step == Step::Check {
                                view! { <CheckAnswers draft send/> }.into_any()
                            } else {
                                view! { <StepForm draft step changing save/> }.into_any()
                            }}
                        }.into_any()
                    }
                }}
            </ServerData>
        </RequireRole>
    }
}

fn back_link(draft: &Draft, step: Step) -> String {
    match step {
        Step::Details => format!("/rights/new?draft={}", draft.id),
        Step::Wanted => Step::Details.path(&draft.id),
        Step::Contact if draft.kind == ConcernKind::Compliment => Step::Details.path(&draft.id),
        Step::Contact => Step::Wanted.path(&draft.id),
        Step::Check => Step::Contact.path(&draft.id),
    }
}

#[component]
fn StepForm(
    draft: Draft,
    step: Step,
    changing: bool,
    save: crate::forms::FormHandle<SaveConcernStep, ()>,
) -> impl IntoView {
    let fields = save.view();
    let caption = draft.kind.label();
    view! {
        <ErrorSummary form=fields/>
        <VoiceForm form=save>
            <input type="hidden" name="concern_id" value=draft.id.clone()/>
            <input type="hidden" name="step" value=step.as_str()/>
            {changing.then(|| view! { <input type="hidden" name="then" value="check"/> })}
            <p class="caption">{caption}</p>
            {match step {
                Step::Details => view! {
                    <h1>{details_question(draft.kind)}</h1>
                    <TextAreaField form=fields name="details" label="Tell us in your own words"
                        hint="Write as much or as little as you like. Only Right to Rights advocates will read it."
                        initial=draft.details.clone()/>
                }.into_any(),
                Step::Wanted => view! {
                    <h1>{WANTED_QUESTION}</h1>
                    <TextAreaField form=fields name="wanted" label="What would make it right for you? (optional)"
                        initial=draft.wanted.clone()/>
                }.into_any(),
                _ => view! {
                    <h1>"How should we contact you?"</h1>
                    <RadioField form=fields name="contact_method" legend="Choose one"
                        options=contact_options()
                        initial=draft.contact_method.map(|m| m.as_str().to_string())/>
                    <TextField form=fields name="contact_number" label="Phone number (for a call or a text)"
                        input_type="tel" autocomplete="tel" initial=draft.contact_number.clone()/>
                    <TextAreaField form=fields name="safe_times" label="When is it safe to contact you? (optional)"
                        hint="For example: don't call after 6pm, or don't phone when my carer is there."
                        initial=draft.safe_times.clone()/>
                }.into_any(),
            }}
            <button class="button" type="submit">"Continue"</button>
        </VoiceForm>
    }
}

#[component]
fn CheckAnswers(draft: Draft, send: crate::forms::FormHandle<SendConcern, ()>) -> impl IntoView {
    let fields = send.view();
    let change = |step: Step| format!("{}?change=1", step.path(&draft.id));
    let contact = match draft.contact_method {
        Some(method) if method.needs_number() => {
            format!("{}: {}", method.label(), draft.contact_number)
        }
        Some(method) => method.label().to_string(),
        None => "Not answered yet".to_string(),
    };
    let mut rows = vec![
        (
            "What it is about",
            draft.kind.label().to_string(),
            format!("/rights/new?draft={}", draft.id),
        ),
        (
            details_question(draft.kind),
            draft.details.clone(),
            change(Step::Details),
        ),
    ];
    if draft.kind != ConcernKind::Compliment {
        rows.push((WANTED_QUESTION, draft.wanted.clone(), change(Step::Wanted)));
    }
    rows.push(("How to contact you", contact, change(Step::Contact)));
    rows.push((
        "When it is safe to contact you",
        draft.safe_times.clone(),
        change(Step::Contact),
    ));
    view! {
        <h1>"Check your answers"</h1>
        <ErrorSummary form=fields/>
        <dl class="summary">
            {rows.into_iter().map(|(question, answer, link)| view! {
                <div class="summary__row">
                    <dt>{question}</dt>
                    <dd class="prewrap">{if answer.is_empty() { "Nothing written".to_string() } else { answer }}</dd>
                    <dd><a href=link>"Change"<span class="visually-hidden">{format!(" {}", question.to_lowercase())}</span></a></dd>
                </div>
            }).collect_view()}
        </dl>
        <VoiceForm form=send>
            <input type="hidden" name="concern_id" value=draft.id.clone()/>
            <input type="hidden" name="submission_key" value=draft.submission_key.clone()/>
            <p>"When you send this, an advocate will read it. We will tell you what happens next."</p>
            <button class="button" type="submit">"Send to Right to Rights"</button>
        </VoiceForm>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_compliment_skips_what_should_happen() {
        assert_eq!(Step::Details.next(ConcernKind::Compliment), Step::Contact);
        assert_eq!(Step::Details.next(ConcernKind::Concern), Step::Wanted);
        assert_eq!(Step::Wanted.next(ConcernKind::Help), Step::Contact);
        assert_eq!(Step::Contact.next(ConcernKind::Help), Step::Check);
    }

    #[test]
    fn steps_round_trip_through_their_addresses() {
        for step in [Step::Details, Step::Wanted, Step::Contact, Step::Check] {
            assert_eq!(Step::parse(step.as_str()), Some(step));
        }
        assert_eq!(Step::Contact.path(&"abc".into()), "/rights/new/abc/contact");
        assert_eq!(Step::parse("../admin"), None);
    }
}
