//! The help page, one tap away on every page.

use crate::components::page::PageTitle;
use crate::components::shell::use_council_settings;
use leptos::prelude::*;

#[component]
pub fn HelpPage() -> impl IntoView {
    let settings = use_council_settings();
    view! {
        <PageTitle text="Get help"/>
        <h1>"Get help"</h1>
        <div class="card card--urgent">
            <h2>"If you are in danger now"</h2>
            <p>"Call " <a class="phone" href="tel:999">"999"</a> "."</p>
        </div>
        <div class="card">
            <h2>"Childline"</h2>
            <p>"Talk to someone about anything. It is free, private and open 24 hours."</p>
            <p>"Call " <a class="phone" href="tel:08001111">"0800 1111"</a></p>
        </div>
        <div class="card">
            <h2>"Right to Rights"</h2>
            <p>"Help with anything important to you, or with a worry about your care."</p>
            <Transition fallback=|| ()>
                <p>{move || settings.get().map(|s| s.right_to_rights_contact)}</p>
            </Transition>
        </div>
        <div class="card">
            <h2>"Leave this site quickly"</h2>
            <p>"The Quick exit button at the top of every page takes you to a weather page straight away, and the back button does not bring back the page you were on."</p>
            <p>"Other Voice pages you looked at before it can still be in the history, so on a phone or computer you share, close the tab as well."</p>
        </div>
    }
}
