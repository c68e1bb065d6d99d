//! Sign in and activation pages.

use super::{Activate, SignIn};
use crate::components::fields::{ErrorSummary, SubmitButton, TextField, VoiceForm};
use crate::components::page::PageTitle;
use crate::forms::use_form;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

#[component]
pub fn SignInPage() -> impl IntoView {
    let form = use_form::<SignIn, ()>();
    let fields = form.view();
    let signed_out = use_query_map().with_untracked(|query| query.get("signed-out").is_some());
    view! {
        <PageTitle text="Sign in"/>
        {signed_out.then(|| view! { <div class="notice" role="status"><p>"You have signed out."</p></div> })}
        <ErrorSummary form=fields/>
        <h1>"Sign in"</h1>
        <VoiceForm form>
            <TextField form=fields name="login" label="Username or email address" autocomplete="username" exact=true/>
            <TextField form=fields name="password" label="Password" input_type="password" autocomplete="current-password"/>
            <SubmitButton label="Sign in"/>
        </VoiceForm>
        <p>"First time here? " <a href="/activate">"Use the code from your letter"</a></p>
        <p>"Forgotten your password? Ask the person who set up your account for a new code."</p>
    }
}

#[component]
pub fn ActivatePage() -> impl IntoView {
    let form = use_form::<Activate, ()>();
    let fields = form.view();
    // The QR code on the letter opens this page with the code filled in.
    let code_from_link = use_query_map()
        .with_untracked(|query| query.get("code"))
        .unwrap_or_default();
    view! {
        <PageTitle text="Set up your account"/>
        <ErrorSummary form=fields/>
        <h1>"Set up your account"</h1>
        <p>"Type the code from your letter, then choose a password only you know."</p>
        <VoiceForm form>
            <TextField form=fields name="code" label="Your code" hint="12 letters and numbers, like 7K4Q-M2XP-9BHD"
                autocomplete="one-time-code" exact=true initial=code_from_link/>
            <TextField form=fields name="password" label="Choose a password" input_type="password"
                autocomplete="new-password" hint="At least 8 characters. Three random words work well."/>
            <TextField form=fields name="password_confirmation" label="Type the password again"
                input_type="password" autocomplete="new-password"/>
            <SubmitButton label="Set up my account"/>
        </VoiceForm>
    }
}
