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
                <nav class="account-bar__nav" aria-label="Your pages">
                    {staff_links(user.role)}
                </nav>
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

fn staff_links(role: Role) -> impl IntoView {
    (role == Role::Admin).then(|| {
        view! {
            <a href="/admin/accounts">"Accounts"</a>
            <a href="/admin/audit">"Audit log"</a>
        }
    })
}
