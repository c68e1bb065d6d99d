//! Forums are data: the LACC and the Care Leaver Forum to start with, and
//! any others the admin adds.

use crate::components::fields::{ErrorSummary, TextField, VoiceForm};
use crate::components::page::{PageTitle, RequireRole, ServerData};
use crate::domain::Role;
use crate::errors::VoiceError;
use crate::forms::{use_form, FormReply};
use leptos::prelude::*;

#[server(prefix = "/api", endpoint = "admin-forums")]
pub async fn admin_forums() -> Result<Vec<(i64, String)>, VoiceError> {
    use crate::auth::ssr::{app_state, require_role};
    use crate::errors::Context;
    require_role(&[Role::Admin])?;
    let state = app_state()?;
    super::store::forums(&state.db).await.context("forums")
}

#[server(prefix = "/api", endpoint = "add-forum")]
pub async fn add_forum(name: String) -> Result<FormReply<()>, VoiceError> {
    use crate::auth::ssr::require;
    use crate::errors::Context;
    let (admin, state) = require(&[Role::Admin])?;
    let mut errors = crate::forms::FieldErrors::default();
    let name = errors.text("name", &name, 100, Some("Enter the forum's name"));
    if let Some(invalid) = FormReply::invalid_if_any(errors) {
        return Ok(invalid);
    }
    let mut tx = state.db.begin().await.context("begin")?;
    if !super::store::add_forum(&mut *tx, &name, state.now())
        .await
        .context("add forum")?
    {
        return Ok(FormReply::invalid_field(
            "name",
            "There is a forum with that name already",
        ));
    }
    crate::audit::commit_with_line(
        tx,
        state.now(),
        Some(&admin.account_id),
        crate::audit::AuditAction::ForumAdded,
        &name,
        "",
    )
    .await?;
    Ok(FormReply::Redirect("/admin/forums".into()))
}

/// `/admin/forums`
#[component]
pub fn ForumsPage() -> impl IntoView {
    let forums = Resource::new_blocking(|| (), |_| admin_forums());
    let form = use_form::<AddForum, ()>();
    let fields = form.view();
    view! {
        <PageTitle text="Forums"/>
        <RequireRole roles=&[Role::Admin]>
            <h1>"Forums"</h1>
            <ServerData resource=forums let:forums>
                <ul class="plain-list">
                    {forums.into_iter().map(|(_, name)| view! { <li>{name}</li> }).collect_view()}
                </ul>
            </ServerData>
            <h2>"Add a forum"</h2>
            <ErrorSummary form=fields/>
            <VoiceForm form>
                <TextField form=fields name="name" label="Forum name" hint="For example: Young Inspectors"/>
                <button class="button" type="submit">"Add the forum"</button>
            </VoiceForm>
        </RequireRole>
    }
}
