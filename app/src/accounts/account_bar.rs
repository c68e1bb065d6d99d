//! Who is signed in, their own links and "Sign out", in the page header.

use super::SignOut;
use crate::auth::use_viewer;
use crate::components::fields::VoiceForm;
use crate::domain::Role;
use crate::forms::use_form;
use leptos::prelude::*;

#[component]
pub fn AccountBar() -> impl IntoView {
    let sign_out = use_form::<SignOut, ()>();
    move || {
        match use_viewer() {
        Some(user) => view! {
            <div class="account-bar">
                <p class="account-bar__who">
                    "Signed in as " <strong>{user.display_name}</strong>
                    // Staff see which of their roles they are signed in as.
                    {(user.role != Role::YoungPerson).then(|| format!(" ({})", user.role.label().to_lowercase()))}
                </p>
                {user.role.is_staff().then(|| view! {
                    <nav class="account-bar__nav" aria-label="Staff pages">{staff_links(user.role)}</nav>
                })}
                <VoiceForm form=sign_out>
                    <button class="link-button" type="submit">"Sign out"</button>
                </VoiceForm>
            </div>
        }
        .into_any(),
        None => view! {
            <div class="account-bar">
                <a class="account-bar__sign-in" href="/sign-in">"Sign in"</a>
            </div>
        }
        .into_any(),
    }
    }
}

/// Each staff role's own pages, the same on every page, the one open now
/// marked as current.
fn staff_links(role: Role) -> impl IntoView {
    let here = leptos_router::hooks::use_location()
        .pathname
        .get_untracked();
    staff_pages(role)
        .iter()
        .map(|&(href, name)| {
            let current = here == href || here.starts_with(&format!("{href}/"));
            view! { <a href=href aria-current=current.then_some("page")>{name}</a> }
        })
        .collect_view()
}

/// The pages a staff role works in, as the navigation names them.
pub fn staff_pages(role: Role) -> &'static [(&'static str, &'static str)] {
    match role {
        Role::YoungPerson => &[],
        Role::ParticipationOfficer => &[
            ("/officer/promises", "Promise ratings"),
            ("/officer/quotes", "Comments to quote"),
            ("/officer/surveys", "Surveys"),
            ("/you-said-we-did", "You said, we did"),
            ("/officer/reports", "Reports"),
        ],
        Role::Advocate => &[("/advocate", "Right to Rights queue")],
        Role::Facilitator => &[("/facilitator", "Forum sessions")],
        Role::Admin => &[
            ("/admin/accounts", "Accounts"),
            ("/advocate", "Right to Rights queue"),
            ("/admin/right-to-rights", "Right to Rights settings"),
            ("/admin/promises", "Promises"),
            ("/admin/forums", "Forums"),
            ("/admin/audit", "Audit log"),
        ],
    }
}
