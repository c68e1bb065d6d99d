//! The first page: what Voice is, or, once signed in, where to go next.

use crate::auth::use_viewer;
use crate::components::page::PageTitle;
use crate::domain::Role;
use crate::promises::you_said_we_did::{actions_resource, ActionList, ActionsResource};
use leptos::prelude::*;

#[component]
pub fn HomePage() -> impl IntoView {
    let actions = actions_resource(None);
    view! {
        <PageTitle text="Home"/>
        {match use_viewer() {
            Some(user) => view! {
                <h1>"Hello, " {user.display_name}</h1>
                {home_links(user.role, actions)}
            }.into_any(),
            None => view! {
                <h1>"Your voice counts"</h1>
                <p class="lead">
                    "Voice is where children in care and care leavers tell the council what is "
                    "working and what is not, and see what changes because of it."
                </p>
                <p><a class="button" href="/sign-in">"Sign in"</a></p>
                <p>"Got a letter with a code? " <a href="/activate">"Set up your account"</a></p>
            }.into_any(),
        }}
    }
}

fn home_links(role: Role, actions: ActionsResource) -> impl IntoView {
    match role {
        Role::YoungPerson => view! {
            <ul class="card-list">
                <li class="card"><a class="card__title" href="/surveys">"Surveys"</a>
                    <p>"Answer the council's questions. You can stop and carry on later."</p></li>
                <li class="card"><a class="card__title" href="/promises">"Rate the council's promises"</a>
                    <p>"Tell us how well the council is keeping its promises to you."</p></li>
                <li class="card"><a class="card__title" href="/join">"Join a forum session"</a>
                    <p>"Type the code on the screen to vote from your phone."</p></li>
                <li class="card"><a class="card__title" href="/rights">"Right to Rights"</a>
                    <p>"Tell us about a worry, get help with something important, ask for an advocate, or pay a compliment."</p></li>
            </ul>
            <section aria-labelledby="board-title">
                <h2 id="board-title">"You said, we did"</h2>
                <p>"The latest things the council has done because young people spoke up."</p>
                <ActionList actions limit=3/>
                <p><a href="/you-said-we-did">"See everything on the board"</a></p>
            </section>
        }
        .into_any(),
        Role::ParticipationOfficer => view! {
            <ul class="card-list">
                <li class="card"><a class="card__title" href="/officer/promises">"Promise ratings"</a>
                    <p>"How young people rate the promises, this period against the last."</p></li>
                <li class="card"><a class="card__title" href="/officer/quotes">"Comments to quote"</a>
                    <p>"Read what young people wrote beside their ratings; choose quotes for reports."</p></li>
                <li class="card"><a class="card__title" href="/officer/surveys">"Surveys"</a>
                    <p>"Write surveys, open and close them, make anonymous links."</p></li>
                <li class="card"><a class="card__title" href="/you-said-we-did">"You said, we did"</a>
                    <p>"Publish what the council did about what young people said."</p></li>
                <li class="card"><a class="card__title" href="/officer/reports">"Voice reports"</a>
                    <p>"Build the six-monthly report, print it, download its tables and save snapshots."</p></li>
            </ul>
        }
        .into_any(),
        Role::Admin => view! {
            <ul class="card-list">
                <li class="card"><a class="card__title" href="/admin/accounts">"Accounts"</a>
                    <p>"Create accounts, print activation letters, close accounts."</p></li>
                <li class="card"><a class="card__title" href="/admin/promises">"Promises"</a>
                    <p>"The promises' wording and easy-read lines."</p></li>
                <li class="card"><a class="card__title" href="/admin/right-to-rights">"Right to Rights settings"</a>
                    <p>"The contact in the help panel, the phrases that suggest harm, bank holidays."</p></li>
                <li class="card"><a class="card__title" href="/advocate">"Right to Rights queue"</a>
                    <p>"Concerns, requests and flagged writing."</p></li>
                <li class="card"><a class="card__title" href="/admin/forums">"Forums"</a>
                    <p>"The forums live sessions are held for."</p></li>
                <li class="card"><a class="card__title" href="/admin/audit">"Audit log"</a>
                    <p>"Who did what, and when."</p></li>
            </ul>
        }
        .into_any(),
        Role::Facilitator => view! {
            <ul class="card-list">
                <li class="card"><a class="card__title" href="/facilitator">"Forum sessions"</a>
                    <p>"Prepare and run live polls for LACC and Care Leaver Forum meetings."</p></li>
            </ul>
        }
        .into_any(),
        Role::Advocate => view! {
            <ul class="card-list">
                <li class="card"><a class="card__title" href="/advocate">"Right to Rights queue"</a>
                    <p>"Flagged writing first, then open items by due date."</p></li>
            </ul>
        }
        .into_any(),

    }
}
