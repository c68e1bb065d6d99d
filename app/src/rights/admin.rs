//! What admins keep up to date for Right to Rights: how young people reach
//! the service, the phrases that suggest harm, and the bank holidays the
//! statutory clock skips. Every change is in the audit log.

use crate::components::fields::{ErrorSummary, TextAreaField, TextField, VoiceForm};
use crate::components::page::{PageTitle, RequireRole, ServerData};
use crate::domain::Role;
use crate::errors::VoiceError;
use crate::forms::{use_form, FormReply};
use chrono::NaiveDate;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RightsSetup {
    pub contact: String,
    /// The phrase list, one phrase a line, as the admin edits it.
    pub phrases: String,
    pub bank_holidays: Vec<(NaiveDate, String)>,
}

#[cfg(feature = "ssr")]
mod ssr {
    use crate::auth::ssr::require;
    use crate::auth::SessionUser;
    use crate::domain::Role;
    use crate::errors::VoiceError;
    use crate::forms::FormReply;
    use crate::state::AppState;

    pub fn admin() -> Result<(SessionUser, AppState), VoiceError> {
        require(&[Role::Admin])
    }

    /// Writes the change's audit line on its transaction, commits both, and goes back to the page.
    pub async fn audited(
        tx: crate::db::Tx,
        state: &AppState,
        admin: &SessionUser,
        action: crate::audit::AuditAction,
        detail: &str,
    ) -> Result<FormReply<()>, VoiceError> {
        crate::audit::commit_with_line(
            tx,
            state.now(),
            Some(&admin.account_id),
            action,
            "right to rights",
            detail,
        )
        .await?;
        Ok(FormReply::Redirect("/admin/right-to-rights?saved=1".into()))
    }
}

#[server(prefix = "/api", endpoint = "rights-settings")]
pub async fn rights_settings() -> Result<RightsSetup, VoiceError> {
    use crate::errors::Context;
    let (_, state) = ssr::admin()?;
    let settings = crate::settings::load(&state.db).await.context("settings")?;
    Ok(RightsSetup {
        contact: settings.right_to_rights_contact,
        phrases: super::store::phrase_list(&state.db)
            .await
            .context("phrases")?,
        bank_holidays: super::store::list_bank_holidays(&state.db)
            .await
            .context("bank holidays")?,
    })
}

#[server(prefix = "/api", endpoint = "save-rights-contact")]
pub async fn save_rights_contact(contact: String) -> Result<FormReply<()>, VoiceError> {
    use crate::errors::Context;
    let (admin, state) = ssr::admin()?;
    let mut errors = crate::forms::FieldErrors::default();
    let contact = errors.text(
        "contact",
        &contact,
        500,
        Some("Say how young people reach Right to Rights"),
    );
    if let Some(invalid) = FormReply::invalid_if_any(errors) {
        return Ok(invalid);
    }
    let mut tx = state.db.begin().await.context("begin")?;
    crate::settings::save(&mut *tx, "right_to_rights_contact", &contact)
        .await
        .context("save contact")?;
    ssr::audited(
        tx,
        &state,
        &admin,
        crate::audit::AuditAction::RightsContactChanged,
        &contact,
    )
    .await
}

#[server(prefix = "/api", endpoint = "save-harm-phrases")]
pub async fn save_harm_phrases(phrases: String) -> Result<FormReply<()>, VoiceError> {
    use crate::domain::harm_phrases::parse_list;
    use crate::errors::Context;
    /// The longest phrase list kept (the starter list is about 2,000 characters).
    const MAX_PHRASE_LIST_CHARS: usize = 20_000;
    let (admin, state) = ssr::admin()?;
    let mut errors = crate::forms::FieldErrors::default();
    let phrases = errors.text(
        "phrases",
        &phrases,
        MAX_PHRASE_LIST_CHARS,
        Some("Keep at least one phrase"),
    );
    let count = parse_list(&phrases).len();
    if count == 0 {
        errors.add("phrases", "Keep at least one phrase");
    }
    if let Some(invalid) = FormReply::invalid_if_any(errors) {
        return Ok(invalid);
    }
    let mut tx = state.db.begin().await.context("begin")?;
    super::store::save_phrase_list(&mut *tx, &phrases, &admin.account_id, state.now())
        .await
        .context("save phrases")?;
    ssr::audited(
        tx,
        &state,
        &admin,
        crate::audit::AuditAction::HarmPhrasesChanged,
        &format!("{count} phrases"),
    )
    .await
}

#[server(prefix = "/api", endpoint = "add-bank-holiday")]
pub async fn add_bank_holiday(day: String, name: String) -> Result<FormReply<()>, VoiceError> {
    use crate::errors::Context;
    let (admin, state) = ssr::admin()?;
    let mut errors = crate::forms::FieldErrors::default();
    let on = errors.check(
        "day",
        crate::domain::Day::from_input(&day).ok_or("Enter the date, like 2029-01-01"),
    );
    let name = errors.text("name", &name, 100, Some("Enter the holiday's name"));
    let Some(on) = on.filter(|_| errors.is_empty()) else {
        return Ok(FormReply::Invalid(errors));
    };
    let mut tx = state.db.begin().await.context("begin")?;
    super::store::add_bank_holiday(&mut *tx, on, &name)
        .await
        .context("bank holiday")?;
    ssr::audited(
        tx,
        &state,
        &admin,
        crate::audit::AuditAction::BankHolidayAdded,
        &format!("{on} {name}"),
    )
    .await
}

/// `/admin/right-to-rights`
#[component]
pub fn RightsSettingsPage() -> impl IntoView {
    let settings = Resource::new_blocking(|| (), |_| rights_settings());
    let contact = use_form::<SaveRightsContact, ()>();
    let phrases = use_form::<SaveHarmPhrases, ()>();
    let holiday = use_form::<AddBankHoliday, ()>();
    let (contact_fields, phrase_fields, holiday_fields) =
        (contact.view(), phrases.view(), holiday.view());
    view! {
        <PageTitle text="Right to Rights settings"/>
        <RequireRole roles=&[Role::Admin]>
            <h1>"Right to Rights settings"</h1>
            <ServerData resource=settings let:settings>
                <h2>"How young people reach Right to Rights"</h2>
                <p>"Shown in the help panel on every page."</p>
                <ErrorSummary form=contact_fields/>
                <VoiceForm form=contact>
                    <TextAreaField form=contact_fields name="contact" label="Right to Rights contact" initial=settings.contact.clone()/>
                    <button class="button" type="submit">"Save the contact"</button>
                </VoiceForm>
                <h2>"Phrases that suggest harm"</h2>
                <p>"Writing anywhere in Voice that contains one of these is flagged for the duty advocate. One phrase a line; lines starting with # are notes. Capitals and punctuation do not matter; a phrase matches whole words only."</p>
                <ErrorSummary form=phrase_fields/>
                <VoiceForm form=phrases>
                    <TextAreaField form=phrase_fields name="phrases" label="Phrase list" initial=settings.phrases.clone()/>
                    <button class="button" type="submit">"Save the list"</button>
                </VoiceForm>
                <h2>"Bank holidays"</h2>
                <p>"The statutory clock does not count these days."</p>
                <ErrorSummary form=holiday_fields/>
                <VoiceForm form=holiday>
                    <TextField form=holiday_fields name="day" label="Date" hint="For example 2029-01-01" input_type="date"/>
                    <TextField form=holiday_fields name="name" label="Name" hint="For example New Year's Day"/>
                    <button class="button" type="submit">"Add the bank holiday"</button>
                </VoiceForm>
                <ul class="plain-list">
                    {settings.bank_holidays.into_iter().rev().map(|(day, name)| view! {
                        <li>{format!("{} – {name}", day.format("%a %-d %b %Y"))}</li>
                    }).collect_view()}
                </ul>
            </ServerData>
        </RequireRole>
    }
}
