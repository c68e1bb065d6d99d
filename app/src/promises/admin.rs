//! Admin: the promises' wording and easy-read lines; adding a promise, and
//! retiring one without losing the ratings already given to it.

use super::Promise;
use crate::components::fields::{ErrorSummary, FormView, SubmitButton, TextAreaField, VoiceForm};
use crate::components::page::{PageTitle, RequireRole, ServerData};
use crate::domain::Role;
use crate::errors::VoiceError;
use crate::forms::{use_form, FieldErrors, FormReply};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

pub const MAX_WORDING_CHARS: usize = 300;

/// Checks a promise's wording and easy-read line.
pub fn parse_wording(wording: &str, easy_read: &str) -> Result<(String, String), FieldErrors> {
    let mut errors = FieldErrors::default();
    let wording = errors.text(
        "wording",
        wording,
        MAX_WORDING_CHARS,
        Some("Enter the promise"),
    );
    let easy_read = errors.text(
        "easy_read",
        easy_read,
        MAX_WORDING_CHARS,
        Some("Enter the easy-read line, like “Do you feel safe where you live?”"),
    );
    if errors.is_empty() {
        Ok((wording, easy_read))
    } else {
        Err(errors)
    }
}

#[cfg(feature = "ssr")]
mod ssr {
    use crate::auth::ssr::require;
    use crate::auth::SessionUser;
    use crate::domain::Role;
    use crate::errors::VoiceError;
    use crate::forms::{FieldErrors, FormReply};
    use crate::state::AppState;

    pub fn admin() -> Result<(SessionUser, AppState), VoiceError> {
        require(&[Role::Admin])
    }

    /// Writes the change's audit line on its transaction, commits both, and goes back to the list.
    pub async fn audited(
        tx: crate::db::Tx,
        state: &AppState,
        admin: &SessionUser,
        action: crate::audit::AuditAction,
        promise_id: i64,
    ) -> Result<FormReply<()>, VoiceError> {
        crate::audit::commit_with_line(
            tx,
            state.now(),
            Some(&admin.account_id),
            action,
            &promise_id.to_string(),
            "",
        )
        .await?;
        Ok(FormReply::Redirect("/admin/promises?saved=1".into()))
    }

    pub fn no_such_promise() -> FormReply<()> {
        FormReply::Invalid(FieldErrors::form("There is no such promise."))
    }
}

#[server(prefix = "/api", endpoint = "admin-promises")]
pub async fn admin_promises() -> Result<Vec<Promise>, VoiceError> {
    use crate::errors::Context;
    let (_, state) = ssr::admin()?;
    super::store::all_promises(&state.db)
        .await
        .context("promises")
}

#[server(prefix = "/api", endpoint = "admin-promise")]
pub async fn admin_promise(promise_id: i64) -> Result<Option<Promise>, VoiceError> {
    use crate::errors::Context;
    let (_, state) = ssr::admin()?;
    super::store::promise(&state.db, promise_id)
        .await
        .context("promise")
}

#[server(prefix = "/api", endpoint = "save-promise")]
pub async fn save_promise(
    promise_id: i64,
    wording: String,
    easy_read: String,
) -> Result<FormReply<()>, VoiceError> {
    use crate::errors::Context;
    let (admin, state) = ssr::admin()?;
    let (wording, easy_read) = match parse_wording(&wording, &easy_read) {
        Ok(parsed) => parsed,
        Err(errors) => return Ok(FormReply::Invalid(errors)),
    };
    let mut tx = state.db.begin().await.context("begin")?;
    if !super::store::update_promise(&mut *tx, promise_id, &wording, &easy_read)
        .await
        .context("update promise")?
    {
        return Ok(ssr::no_such_promise());
    }
    ssr::audited(
        tx,
        &state,
        &admin,
        crate::audit::AuditAction::PromiseChanged,
        promise_id,
    )
    .await
}

#[server(prefix = "/api", endpoint = "add-promise")]
pub async fn add_promise(wording: String, easy_read: String) -> Result<FormReply<()>, VoiceError> {
    use crate::errors::Context;
    let (admin, state) = ssr::admin()?;
    let (wording, easy_read) = match parse_wording(&wording, &easy_read) {
        Ok(parsed) => parsed,
        Err(errors) => return Ok(FormReply::Invalid(errors)),
    };
    let mut tx = state.db.begin().await.context("begin")?;
    let id = super::store::add_promise(&mut *tx, &wording, &easy_read)
        .await
        .context("add promise")?;
    ssr::audited(
        tx,
        &state,
        &admin,
        crate::audit::AuditAction::PromiseAdded,
        id,
    )
    .await
}

/// Retires a promise (`retire` = "yes") or brings it back.
#[server(prefix = "/api", endpoint = "retire-promise")]
pub async fn retire_promise(promise_id: i64, retire: String) -> Result<FormReply<()>, VoiceError> {
    use crate::errors::Context;
    let (admin, state) = ssr::admin()?;
    let retiring = retire == "yes";
    let when = retiring.then(|| state.now());
    let mut tx = state.db.begin().await.context("begin")?;
    if !super::store::set_retired(&mut *tx, promise_id, when)
        .await
        .context("retire promise")?
    {
        return Ok(ssr::no_such_promise());
    }
    let action = if retiring {
        crate::audit::AuditAction::PromiseRetired
    } else {
        crate::audit::AuditAction::PromiseRestored
    };
    ssr::audited(tx, &state, &admin, action, promise_id).await
}

/// `/admin/promises`
#[component]
pub fn AdminPromisesPage() -> impl IntoView {
    let promises = Resource::new_blocking(|| (), |_| admin_promises());
    let add = use_form::<AddPromise, ()>();
    let fields = add.view();
    view! {
        <PageTitle text="Promises"/>
        <RequireRole roles=&[Role::Admin]>
            <ErrorSummary form=fields/>
            <h1>"Promises"</h1>
            <p>"Young people rate these each period. Retiring a promise takes it off the rating pages; "
               "the ratings already given to it are kept for reports."</p>
            <h2>"Add a promise"</h2>
            <VoiceForm form=add>
                <WordingFields form=fields/>
                <SubmitButton label="Add the promise"/>
            </VoiceForm>
            <ServerData resource=promises let:promises>
                <ol class="card-list">
                    {promises.into_iter().map(|promise| view! {
                        <li class="card">
                            <h2 class="card__title">{format!("Promise {}", promise.position)}
                                {promise.retired.then_some(" (retired)")}</h2>
                            <p>{promise.wording}</p>
                            <p class="hint">{promise.easy_read}</p>
                            <p><a href=format!("/admin/promises/{}", promise.id)>"Change"
                                <span class="visually-hidden">{format!(" promise {}", promise.position)}</span></a></p>
                        </li>
                    }).collect_view()}
                </ol>
            </ServerData>
        </RequireRole>
    }
}

#[component]
fn WordingFields(form: FormView, #[prop(optional)] promise: Option<Promise>) -> impl IntoView {
    let (wording, easy_read) = promise
        .map(|p| (p.wording, p.easy_read))
        .unwrap_or_default();
    view! {
        <TextAreaField form name="wording" label="The promise" initial=wording/>
        <TextAreaField form name="easy_read" label="Easy-read line"
            hint="A short question for younger children, like “Do you feel safe where you live?”" initial=easy_read/>
    }
}

/// `/admin/promises/:id`
#[component]
pub fn AdminPromisePage() -> impl IntoView {
    let promise_id = use_params_map()
        .with_untracked(|params| params.get("id"))
        .and_then(|id| id.parse::<i64>().ok())
        .unwrap_or(0);
    let promise = Resource::new_blocking(move || promise_id, admin_promise);
    let save = use_form::<SavePromise, ()>();
    let retire = use_form::<RetirePromise, ()>();
    let fields = save.view();
    view! {
        <PageTitle text="Change a promise"/>
        <RequireRole roles=&[Role::Admin]>
            <p><a class="back-link" href="/admin/promises">"Back to the promises"</a></p>
            <ErrorSummary form=fields/>
            <ServerData resource=promise let:promise>
                {match promise {
                    None => view! { <h1>"Promise not found"</h1> }.into_any(),
                    Some(promise) => {
                        let retiring = if promise.retired { "no" } else { "yes" };
                        let for_fields = promise.clone();
                        view! {
                            <h1>{format!("Change promise {}", promise.position)}</h1>
                            <VoiceForm form=save>
                                <input type="hidden" name="promise_id" value=promise.id.to_string()/>
                                <WordingFields form=fields promise=for_fields/>
                                <SubmitButton label="Save the promise"/>
                            </VoiceForm>
                            <h2>{if promise.retired { "Bring it back" } else { "Retire the promise" }}</h2>
                            <VoiceForm form=retire>
                                <input type="hidden" name="promise_id" value=promise.id.to_string()/>
                                <input type="hidden" name="retire" value=retiring/>
                                <button class="button button--secondary" type="submit">
                                    {if promise.retired { "Bring the promise back" } else { "Retire the promise" }}
                                </button>
                            </VoiceForm>
                        }.into_any()
                    }
                }}
            </ServerData>
        </RequireRole>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wording_and_easy_read_are_both_needed() {
        let errors = parse_wording(" ", "").unwrap_err();
        assert_eq!(errors.get("wording"), Some("Enter the promise"));
        assert!(errors.get("easy_read").is_some());
        assert_eq!(
            parse_wording(" We will listen. ", "Do we listen?").unwrap(),
            ("We will listen.".into(), "Do we listen?".into())
        );
        assert!(parse_wording(&"x".repeat(MAX_WORDING_CHARS + 1), "ok").is_err());
    }
}
