//! The frame around every page: the header with "Get help" and "Quick exit",
//! who is signed in, and the footer.

use crate::settings::{get_council_settings, CouncilSettings};
use leptos::prelude::*;

/// Council settings for the whole page, loaded once per request.
pub fn provide_council_settings() -> Resource<CouncilSettings> {
    let settings = Resource::new_blocking(
        || (),
        |_| async { get_council_settings().await.unwrap_or_default() },
    );
    provide_context(settings);
    settings
}

pub fn use_council_settings() -> Resource<CouncilSettings> {
    expect_context::<Resource<CouncilSettings>>()
}

/// The header; `children` is who is signed in and their links (drawn by
/// `accounts`, so this frame knows no capability).
#[component]
pub fn Header(children: Children) -> impl IntoView {
    let settings = use_council_settings();
    let quick_exit_url = move || settings.get().map(|s| s.quick_exit_url).unwrap_or_default();
    view! {
        <a class="skip-link" href="#main-content">"Skip to main content"</a>
        <header class="site-header">
            <div class="site-header__bar">
                <a class="site-header__name" href="/">"Voice"</a>
                <nav class="site-header__safety" aria-label="Help and safety">
                    <a class="site-header__help" href="/help">"Get help"</a>
                    <Transition fallback=|| ()>
                        // quick-exit.js swaps this page out of the history on click
                        <a class="quick-exit" href=quick_exit_url rel="noreferrer" data-quick-exit="">
                            "Quick exit"
                        </a>
                    </Transition>
                </nav>
            </div>
            {children()}
        </header>
    }
}

#[component]
pub fn Footer() -> impl IntoView {
    let settings = use_council_settings();
    view! {
        <footer class="site-footer">
            <Transition fallback=|| ()>
                <p>
                    "Voice is for children in care and care leavers of "
                    {move || settings.get().map(|s| s.council_name)}
                    ". What you tell us is kept private."
                </p>
            </Transition>
            <p><a href="/help">"Get help now"</a></p>
        </footer>
    }
}
