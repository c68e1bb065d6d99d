//! Writing that suggests harm. Free text anywhere in Voice is checked
//! against the council's phrase list; a match is flagged for the duty
//! advocate at once (anonymous writing stays anonymous), and the writer is
//! shown the help panel and asked whether they want someone to contact them.

use crate::components::fields::{ErrorSummary, RadioField, TextAreaField, TextField, VoiceForm};
use crate::components::page::{route_param, PageTitle, ServerData};
use crate::components::shell::use_council_settings;
use crate::domain::concern::{ContactMethod, PhoneNumber, MAX_SAFE_TIMES_CHARS};
use crate::domain::SameSitePath;
use crate::errors::VoiceError;
use crate::forms::{use_form, FieldErrors, FormReply};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// How someone chose to be contacted, read from a form.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ContactDetails {
    pub method: ContactMethod,
    pub number: String,
    pub safe_times: String,
}

/// Reads "how should we contact you": a method, a phone number when the
/// method needs one, and optional safe times. Shared by concerns and by
/// the safety check.
pub fn parse_contact(
    method: Option<&str>,
    number: &str,
    safe_times: &str,
) -> Result<ContactDetails, FieldErrors> {
    let mut errors = FieldErrors::default();
    let method = errors.check(
        "contact_method",
        method
            .and_then(ContactMethod::parse)
            .ok_or("Choose how you would like us to contact you"),
    );
    let number = match method {
        Some(method) if method.needs_number() => errors
            .check("contact_number", PhoneNumber::parse(number))
            .map(|n| n.as_str().to_string())
            .unwrap_or_default(),
        _ => String::new(),
    };
    let safe_times = errors.text("safe_times", safe_times, MAX_SAFE_TIMES_CHARS, None);
    match method {
        Some(method) if errors.is_empty() => Ok(ContactDetails {
            method,
            number,
            safe_times,
        }),
        _ => Err(errors),
    }
}

/// The contact choices as radio options.
pub fn contact_options() -> Vec<(&'static str, &'static str)> {
    ContactMethod::ALL
        .into_iter()
        .map(|method| (method.as_str(), method.label()))
        .collect()
}

/// Every place a young person writes in their own words. Each one goes
/// through [`ssr::check_writing`], the one safety check, so writing that
/// suggests harm reaches the duty advocate wherever it was written. A new
/// place is added here first; the HTTP test
/// `every_place_young_people_write_is_checked` (server/tests/safety.rs)
/// then has to learn to write there before it compiles.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WritingPlace {
    /// A survey's written answers and the "other" words of a choice, signed
    /// in or through an anonymous link.
    SurveyAnswer,
    /// A Right to Rights concern: what happened.
    ConcernDetails,
    /// A Right to Rights concern: what would make it right.
    ConcernWanted,
    /// A Right to Rights concern: when it is safe to contact them.
    ConcernSafeTimes,
    /// A message the young person adds to a sent concern.
    ConcernMessage,
    /// Words sent from a phone in a forum session.
    LiveWords,
    /// A promise rating's "why did you choose that?".
    PromiseWhy,
    /// A promise rating's "what would make it better?".
    PromiseBetter,
}

impl WritingPlace {
    pub const ALL: [WritingPlace; 8] = [
        WritingPlace::SurveyAnswer,
        WritingPlace::ConcernDetails,
        WritingPlace::ConcernWanted,
        WritingPlace::ConcernSafeTimes,
        WritingPlace::ConcernMessage,
        WritingPlace::LiveWords,
        WritingPlace::PromiseWhy,
        WritingPlace::PromiseBetter,
    ];

    /// What a flag records as its source (`harm_flags.source`).
    pub fn source(self) -> &'static str {
        match self {
            WritingPlace::SurveyAnswer => "survey_answer",
            WritingPlace::ConcernDetails
            | WritingPlace::ConcernWanted
            | WritingPlace::ConcernSafeTimes
            | WritingPlace::ConcernMessage => "concern",
            WritingPlace::LiveWords => "session_comment",
            WritingPlace::PromiseWhy | WritingPlace::PromiseBetter => "promise_comment",
        }
    }
}

#[cfg(feature = "ssr")]
pub mod ssr {
    use super::WritingPlace;
    use crate::errors::Context;
    use crate::errors::VoiceError;
    use crate::rights::store::{self, NewFlag};
    use crate::state::AppState;

    /// The one safety check: writing from `place` against the phrase list.
    /// On a match the duty advocate is flagged at once and the flag's id is
    /// returned, for the safety check page, with the phrase found.
    /// `context` says where, in words ("Survey: Home, question 3");
    /// `account_id` is None for anonymous writing.
    pub async fn check_writing(
        state: &AppState,
        place: WritingPlace,
        context: &str,
        words: &str,
        account_id: Option<&crate::domain::AccountId>,
    ) -> Result<Option<(String, String)>, VoiceError> {
        if words.trim().is_empty() {
            return Ok(None);
        }
        let Some(phrase) = harm_phrases(state).await?.find(words) else {
            return Ok(None);
        };
        let source = place.source();
        let flag = NewFlag {
            source,
            place: context,
            words,
            phrase: &phrase,
            account_id,
        };
        let id = store::create_flag(&state.db, &flag, state.now())
            .await
            .context("flag writing")?;
        tracing::warn!("writing flagged for the duty advocate ({source})");
        Ok(Some((id, phrase)))
    }

    /// The council's phrase list, ready to match.
    pub async fn harm_phrases(
        state: &AppState,
    ) -> Result<crate::domain::harm_phrases::HarmPhrases, VoiceError> {
        store::harm_phrases(&state.db).await.context("harm phrases")
    }
}

/// What the safety check page needs: whether the question was answered
/// already, and whether the writer is anonymous (then we ask their name).
#[server(prefix = "/api", endpoint = "safety-check")]
pub async fn safety_check(flag_id: String) -> Result<Option<(bool, bool)>, VoiceError> {
    let (_, flag) = ssr_flag_for_writer(&flag_id).await?;
    Ok(flag.map(|flag| (flag.contact_wanted.is_some(), flag.account_id.is_none())))
}

/// The flag, if the caller wrote it: a signed-in writer must be the same
/// account; an anonymous flag is reachable only through its secret id.
#[cfg(feature = "ssr")]
async fn ssr_flag_for_writer(
    flag_id: &str,
) -> Result<(crate::state::AppState, Option<super::store::FlagRow>), VoiceError> {
    use crate::auth::ssr::{app_state, signed_in};
    use crate::errors::Context;
    let state = app_state()?;
    let flag = super::store::flag(&state.db, flag_id)
        .await
        .context("flag")?;
    let viewer = signed_in().map(|s| s.user.account_id);
    let flag = flag.filter(|flag| match &flag.account_id {
        None => true,
        Some(owner) => viewer.as_ref() == Some(owner),
    });
    Ok((state, flag))
}

/// The writer's answer: do they want someone to contact them, and how.
#[server(prefix = "/api", endpoint = "contact-me")]
pub async fn contact_me(
    flag_id: String,
    wanted: Option<String>,
    name: Option<String>,
    contact_method: Option<String>,
    contact_number: Option<String>,
    safe_times: Option<String>,
    then: Option<String>,
) -> Result<FormReply<()>, VoiceError> {
    use super::store::ContactChoice;
    use crate::errors::Context;
    let (state, flag) = ssr_flag_for_writer(&flag_id).await?;
    // Only a page of Voice: `then` comes from the address, which anyone can write.
    let next = SameSitePath::or_home(then.as_deref());
    let Some(flag) = flag else {
        return Ok(FormReply::Invalid(FieldErrors::form(
            "This page has expired. If you want to talk to someone, call Childline on 0800 1111.",
        )));
    };
    let mut errors = FieldErrors::default();
    let wanted = errors.check(
        "wanted",
        match wanted.as_deref() {
            Some("yes") => Ok(true),
            Some("no") => Ok(false),
            _ => Err("Choose yes or no"),
        },
    );
    let name = errors.text("name", name.as_deref().unwrap_or_default(), 100, None);
    let contact = match wanted {
        Some(true) => match parse_contact(
            contact_method.as_deref(),
            contact_number.as_deref().unwrap_or_default(),
            safe_times.as_deref().unwrap_or_default(),
        ) {
            Ok(contact) => Some(contact),
            Err(contact_errors) => {
                for (field, message) in contact_errors.iter() {
                    errors.add(field, message);
                }
                None
            }
        },
        _ => None,
    };
    if flag.account_id.is_none() && wanted == Some(true) && name.is_empty() {
        errors.add("name", "Tell us your first name, so we know who to ask for");
    }
    if let Some(invalid) = FormReply::invalid_if_any(errors) {
        return Ok(invalid);
    }
    let choice = ContactChoice {
        wanted: wanted == Some(true),
        name: &name,
        method: contact.as_ref().map(|c| c.method),
        number: contact.as_ref().map_or("", |c| c.number.as_str()),
        safe_times: contact.as_ref().map_or("", |c| c.safe_times.as_str()),
    };
    super::store::set_flag_contact(&state.db, &flag.id, &choice)
        .await
        .context("contact choice")?;
    Ok(FormReply::Redirect(next.to_string()))
}

/// The numbers to call, on every page that needs them at once.
#[component]
pub fn HelpPanel() -> impl IntoView {
    let settings = use_council_settings();
    view! {
        <div class="card card--urgent help-panel">
            <h2>"You can get help now"</h2>
            <p>"If you are in danger now, call " <a class="phone" href="tel:999">"999"</a> "."</p>
            <p>"Childline is free, private and open 24 hours: call "
                <a class="phone" href="tel:08001111">"0800 1111"</a> "."</p>
            <Transition fallback=|| ()>
                <p>"Right to Rights: " {move || settings.get().map(|s| s.right_to_rights_contact)}</p>
            </Transition>
        </div>
    }
}

/// `/safe/:flag`: the help panel, and "do you want someone to contact you?".
#[component]
pub fn SafetyCheckPage() -> impl IntoView {
    let flag_id: String = route_param("flag");
    let then = use_query_map().with_untracked(|q| q.get("then"));
    let next = SameSitePath::or_home(then.as_deref()).to_string();
    let id = flag_id.clone();
    let check = Resource::new_blocking(move || id.clone(), safety_check);
    let form = use_form::<ContactMe, ()>();
    view! {
        <PageTitle text="Are you OK?"/>
        <h1>"Are you OK?"</h1>
        <p class="lead">"Something you wrote made us want to check you are safe. Thank you for telling us."</p>
        <HelpPanel/>
        <ServerData resource=check let:check>
            <SafetyForm flag_id=flag_id.clone() next=next.clone() check form/>
        </ServerData>
    }
}

#[component]
fn SafetyForm(
    flag_id: String,
    next: String,
    /// (answered already, anonymous), or None when the page is not theirs.
    check: Option<(bool, bool)>,
    form: crate::forms::FormHandle<ContactMe, ()>,
) -> impl IntoView {
    let fields = form.view();
    let Some((false, anonymous)) = check else {
        return view! { <p><a class="button" href=next>"Carry on"</a></p> }.into_any();
    };
    let carry_on = next.clone();
    view! {
        <ErrorSummary form=fields/>
        <VoiceForm form>
            <input type="hidden" name="flag_id" value=flag_id/>
            <input type="hidden" name="then" value=next/>
            <RadioField form=fields name="wanted" legend="Do you want someone from Right to Rights to contact you?"
                options=vec![("yes", "Yes, please contact me"), ("no", "No, not now")]/>
            {anonymous.then(|| view! {
                <TextField form=fields name="name" label="Your first name (if you want to be contacted)"
                    hint="Your answers stay anonymous unless you give your name here."/>
            })}
            <RadioField form=fields name="contact_method" legend="If yes, how should we contact you?"
                options=contact_options()/>
            <TextField form=fields name="contact_number" label="Phone number (for a call or a text)"
                input_type="tel" autocomplete="tel"/>
            <TextAreaField form=fields name="safe_times" label="When is it safe to contact you? (optional)"
                hint="For example: not after 6pm, or not when my carer is there."/>
            <button class="button" type="submit">"Continue"</button>
        </VoiceForm>
        <p><a href=carry_on>"Carry on without answering"</a></p>
    }
    .into_any()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_writing_place_is_listed_once() {
        for (i, place) in WritingPlace::ALL.iter().enumerate() {
            assert!(!WritingPlace::ALL[i + 1..].contains(place), "{place:?}");
            // Only the sources harm_flags accepts (migrations 0004 and 0009).
            assert!(matches!(
                place.source(),
                "concern" | "survey_answer" | "session_comment" | "promise_comment"
            ));
        }
    }

    #[test]
    fn a_phone_call_needs_a_number() {
        let errors = parse_contact(Some("phone"), "", "").unwrap_err();
        assert!(errors.get("contact_number").is_some());
        let contact = parse_contact(Some("text"), "07700 900 982", "not after 6pm").unwrap();
        assert_eq!(contact.method, ContactMethod::Text);
        assert_eq!(contact.number, "07700900982");
        assert_eq!(contact.safe_times, "not after 6pm");
    }

    #[test]
    fn in_the_app_needs_no_number_and_keeps_none() {
        let contact = parse_contact(Some("in_app"), "07700 900 982", "").unwrap();
        assert_eq!(contact.number, "");
    }

    #[test]
    fn a_method_must_be_chosen() {
        let errors = parse_contact(None, "", "").unwrap_err();
        assert_eq!(
            errors.get("contact_method"),
            Some("Choose how you would like us to contact you")
        );
        let errors = parse_contact(Some("pigeon"), "", "").unwrap_err();
        assert!(errors.get("contact_method").is_some());
    }
}
