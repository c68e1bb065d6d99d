//! Approving, withdrawing and dismissing quotes: the server functions, and
//! the card each piece of writing is shown in (in the promise comments
//! queue and on a survey's results).

use super::Writing;
use crate::components::fields::{FormView, PrefilledTextArea, VoiceForm};
use crate::domain::Role;
use crate::errors::VoiceError;
use crate::forms::{FormHandle, FormReply};
use leptos::prelude::*;

/// Who reads what young people wrote and chooses quotes for reports.
pub const MODERATOR_ROLES: &[Role] = &[Role::ParticipationOfficer];

#[cfg(feature = "ssr")]
mod ssr {
    use crate::audit::AuditAction;
    use crate::auth::SessionUser;
    use crate::errors::{Context, VoiceError};
    use crate::forms::{FieldErrors, FormReply};
    use crate::quotes::QuoteSource;
    use crate::state::AppState;

    /// The answer when a form names words that are not there.
    pub fn not_found() -> FormReply<()> {
        FormReply::Invalid(FieldErrors::form("Those words could not be found."))
    }

    /// The words a form names, or the form's answer when it names none.
    pub type Named = Result<QuoteSource, FormReply<()>>;

    /// The officer, and the words the form's `source` names.
    pub fn moderator(source: &str) -> Result<(SessionUser, AppState, Named), VoiceError> {
        let (officer, state) = crate::auth::ssr::require(super::MODERATOR_ROLES)?;
        Ok((
            officer,
            state,
            QuoteSource::parse(source).ok_or_else(not_found),
        ))
    }

    /// Where to go once done: the list the form was sent from (`then`,
    /// with its filters and page), if it is a page on this site, else the
    /// page that lists the words.
    pub fn back_to(then: Option<String>, listed_at: String) -> FormReply<()> {
        use crate::domain::SameSitePath;
        let path = then.as_deref().and_then(SameSitePath::parse);
        FormReply::Redirect(path.map_or(listed_at, |path| path.to_string()))
    }

    /// Ends a change made on `tx`: writes its audit line, commits both and
    /// goes back; if there were no such words (`listed_at` is `None`),
    /// keeps nothing and says so.
    pub async fn finish(
        tx: crate::db::Tx,
        (officer, state): (&SessionUser, &AppState),
        action: AuditAction,
        source: &QuoteSource,
        listed_at: Result<Option<String>, sqlx::Error>,
        then: Option<String>,
    ) -> Result<FormReply<()>, VoiceError> {
        let Some(listed_at) = listed_at.context(action.as_str())? else {
            return Ok(not_found());
        };
        crate::audit::commit_with_line(
            tx,
            state.now(),
            Some(&officer.account_id),
            action,
            &source.key(),
            "",
        )
        .await?;
        Ok(back_to(then, listed_at))
    }
}

#[server(prefix = "/api", endpoint = "approve-quote")]
pub async fn approve_quote(
    source: String,
    quote: String,
    then: Option<String>,
) -> Result<FormReply<()>, VoiceError> {
    use crate::errors::Context;
    let (officer, state, source) = ssr::moderator(&source)?;
    let source = match source {
        Ok(source) => source,
        Err(reply) => return Ok(reply),
    };
    let quote = match super::parse_quote(&quote) {
        Ok(quote) => quote,
        Err(message) => {
            let mut errors = crate::forms::FieldErrors::default();
            errors.add(&source.field_id(), message);
            return Ok(FormReply::Invalid(errors));
        }
    };
    let mut tx = state.db.begin().await.context("begin")?;
    let listed_at =
        super::store::approve(&mut tx, &source, &quote, &officer.account_id, state.now()).await;
    let action = crate::audit::AuditAction::QuoteApproved;
    ssr::finish(tx, (&officer, &state), action, &source, listed_at, then).await
}

#[server(prefix = "/api", endpoint = "withdraw-quote")]
pub async fn withdraw_quote(
    source: String,
    then: Option<String>,
) -> Result<FormReply<()>, VoiceError> {
    use crate::errors::Context;
    let (officer, state, source) = ssr::moderator(&source)?;
    let source = match source {
        Ok(source) => source,
        Err(reply) => return Ok(reply),
    };
    let mut tx = state.db.begin().await.context("begin")?;
    let listed_at = super::store::withdraw(&mut tx, &source).await;
    let action = crate::audit::AuditAction::QuoteWithdrawn;
    ssr::finish(tx, (&officer, &state), action, &source, listed_at, then).await
}

/// The officer read the words and will not quote them: they leave the
/// queue, and the dismissal is kept (who, when) and audited once, however
/// many times it is sent.
#[server(prefix = "/api", endpoint = "dismiss-writing")]
pub async fn dismiss_writing(
    source: String,
    then: Option<String>,
) -> Result<FormReply<()>, VoiceError> {
    use crate::errors::Context;
    let (officer, state, source) = ssr::moderator(&source)?;
    let source = match source {
        Ok(source) => source,
        Err(reply) => return Ok(reply),
    };
    let mut tx = state.db.begin().await.context("begin")?;
    let dismissed = super::store::dismiss(&mut tx, &source, &officer.account_id, state.now()).await;
    let listed_at = match dismissed {
        // Already dismissed (a double click, a second tab): nothing new to
        // keep or audit.
        Ok(Some(super::store::Dismissed {
            listed_at,
            new: false,
        })) => return Ok(ssr::back_to(then, listed_at)),
        dismissed => dismissed.map(|found| found.map(|dismissed| dismissed.listed_at)),
    };
    let action = crate::audit::AuditAction::QuoteDismissed;
    ssr::finish(tx, (&officer, &state), action, &source, listed_at, then).await
}

/// The forms every writing card posts to; made once at the top of a page.
#[derive(Clone, Copy)]
pub struct QuoteForms {
    approve: FormHandle<ApproveQuote, ()>,
    withdraw: FormHandle<WithdrawQuote, ()>,
    dismiss: FormHandle<DismissWriting, ()>,
    approve_errors: FormView,
}

pub fn use_quote_forms() -> QuoteForms {
    let approve = crate::forms::use_form::<ApproveQuote, ()>();
    QuoteForms {
        approve,
        withdraw: crate::forms::use_form::<WithdrawQuote, ()>(),
        dismiss: crate::forms::use_form::<DismissWriting, ()>(),
        approve_errors: approve.view(),
    }
}

impl QuoteForms {
    /// For the page's error summary.
    pub fn approve_errors(&self) -> FormView {
        self.approve_errors
    }
}

/// One piece of writing: the words, any approved quote (with "withdraw"),
/// a box to approve (an edited copy of) the words as a quote and, in a
/// queue (`then`, the queue's address to return to), "Do not quote".
#[component]
pub fn WritingCard(
    writing: Writing,
    forms: QuoteForms,
    #[prop(optional)] then: Option<String>,
) -> impl IntoView {
    let key = writing.source.key();
    let field_id = writing.source.field_id();
    let error_id = field_id.clone();
    let errors = forms.approve_errors;
    let error = move || errors.error(&error_id);
    // What was typed comes back only to the card it was typed in.
    let typed = (errors.value("source").as_deref() == Some(key.as_str()))
        .then(|| errors.value("quote"))
        .flatten();
    let dismissable = then.is_some() && writing.approved.is_none() && !writing.dismissed;
    let then = StoredValue::new(then);
    let back = move || {
        then.get_value()
            .map(|then| view! { <input type="hidden" name="then" value=then/> })
    };
    let withdraw_key = key.clone();
    let dismiss_key = key.clone();
    view! {
        <li class="card">
            <p class="hint">{writing.context}</p>
            <blockquote class="quote prewrap">{writing.text.clone()}</blockquote>
            {writing.dismissed.then(|| view! { <p><strong class="tag tag--grey">"Not quoted"</strong></p> })}
            {writing.approved.clone().map(|approved| view! {
                <p><strong class="tag tag--green">"Approved"</strong></p>
                <blockquote class="quote prewrap">{approved}</blockquote>
                <VoiceForm form=forms.withdraw>
                    <input type="hidden" name="source" value=withdraw_key/>
                    {back()}
                    <button class="button button--secondary" type="submit">"Withdraw the quote"</button>
                </VoiceForm>
            })}
            <VoiceForm form=forms.approve>
                <input type="hidden" name="source" value=key/>
                {back()}
                <div class="field">
                    <label class="label" for=field_id.clone()>"Words to quote"</label>
                    {move || error().map(|message| view! { <p class="field-error">{message}</p> })}
                    <PrefilledTextArea id=field_id name="quote" rows="3"
                        text=typed.or(writing.approved).unwrap_or(writing.text)/>
                </div>
                <button class="button" type="submit">"Approve the quote"</button>
            </VoiceForm>
            {dismissable.then(|| view! {
                <VoiceForm form=forms.dismiss>
                    <input type="hidden" name="source" value=dismiss_key/>
                    {back()}
                    <button class="button button--secondary" type="submit">"Do not quote"</button>
                </VoiceForm>
            })}
        </li>
    }
}
