//! Voice: the pages, components and server functions, compiled twice: for
//! the server (`ssr`) and as WebAssembly for the browser (`hydrate`).
//!
//! Pages are server-rendered HTML with plain forms and links, whole without
//! script. Only islands (`#[island]`) reach the browser as WebAssembly, and
//! only pages with an island load it (`components::island_scripts`).

pub mod accounts;
pub mod audit;
pub mod auth;
pub mod components;
pub mod domain;
pub mod errors;
pub mod forms;
pub mod help;
pub mod home;
#[cfg(feature = "ssr")]
pub mod links;
pub mod live;
pub mod promises;
pub mod quotes;
pub mod reports;
pub mod rights;
pub mod settings;
pub mod surveys;

#[cfg(feature = "ssr")]
pub mod activation_key;
#[cfg(feature = "ssr")]
pub mod client_address;
#[cfg(feature = "ssr")]
pub mod clock;
#[cfg(feature = "ssr")]
pub mod cookie_token;
#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
pub mod limits;
#[cfg(feature = "ssr")]
pub mod listing;
#[cfg(feature = "ssr")]
pub mod live_hub;
#[cfg(feature = "ssr")]
pub mod state;
#[cfg(feature = "ssr")]
pub mod stored;

use components::page::PageTitle;
use components::shell::{provide_council_settings, Footer, Header};
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, MetaTags};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{path, SsrMode};

/// The HTML document around the app, rendered on the server only.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    #[cfg(feature = "ssr")]
    set_content_security_policy();
    // Islands mode: nothing outside an island is hydrated, so no page's data
    // is serialized into it. (Leptos's HydrationScripts says this too, but
    // only pages with an island carry those.)
    if let Some(context) = Owner::current_shared_context() {
        context.set_is_hydrating(false);
    }
    view! {
        <!DOCTYPE html>
        <html lang="en-GB">
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <link rel="icon" href="/favicon.svg" type="image/svg+xml"/>
                <link rel="stylesheet" href=format!("/{}/{}.css", options.site_pkg_dir, options.output_name)/>
                <script src="/quick-exit.js" defer nonce=leptos::nonce::use_nonce()></script>
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

/// The page's Content-Security-Policy, carrying this response's nonce so the
/// hydration scripts (and nothing injected) may run.
#[cfg(feature = "ssr")]
fn set_content_security_policy() {
    let (Some(nonce), Some(response)) = (
        leptos::nonce::use_nonce(),
        use_context::<leptos_axum::ResponseOptions>(),
    ) else {
        return;
    };
    let policy = format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; style-src 'self'; \
         img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; \
         frame-ancestors 'none'; form-action 'self'"
    );
    if let Ok(value) = http::HeaderValue::from_str(&policy) {
        response.insert_header(http::header::CONTENT_SECURITY_POLICY, value);
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    auth::provide_viewer();
    provide_council_settings();
    // Every page waits for its data before it is sent, so its status code,
    // redirects and cookies are right and it reads whole without JavaScript.
    view! {
        <Router>
            <Header><accounts::account_bar::AccountBar/></Header>
            <main class="main" id="main-content" tabindex="-1">
                <Routes fallback=NotFound>
                    <Route path=path!("") view=home::HomePage ssr=SsrMode::Async/>
                    <Route path=path!("sign-in") view=accounts::pages::SignInPage ssr=SsrMode::Async/>
                    <Route path=path!("activate") view=accounts::pages::ActivatePage ssr=SsrMode::Async/>
                    <Route path=path!("help") view=help::HelpPage ssr=SsrMode::Async/>
                    <Route path=path!("admin/accounts") view=accounts::admin::AccountsPage ssr=SsrMode::Async/>
                    <Route path=path!("admin/accounts/new-young-person") view=accounts::admin::NewYoungPersonPage ssr=SsrMode::Async/>
                    <Route path=path!("admin/accounts/new-staff") view=accounts::admin::NewStaffPage ssr=SsrMode::Async/>
                    <Route path=path!("admin/accounts/:id") view=accounts::admin::AccountPage ssr=SsrMode::Async/>
                    <Route path=path!("admin/audit") view=audit::log::AuditLogPage ssr=SsrMode::Async/>
                    <Route path=path!("admin/promises") view=promises::admin::AdminPromisesPage ssr=SsrMode::Async/>
                    <Route path=path!("admin/promises/:id") view=promises::admin::AdminPromisePage ssr=SsrMode::Async/>
                    <Route path=path!("promises") view=promises::rating::PromisesPage ssr=SsrMode::Async/>
                    <Route path=path!("promises/rate/:id") view=promises::rating::RatePromisePage ssr=SsrMode::Async/>
                    <Route path=path!("promises/history") view=promises::rating::PromiseHistoryPage ssr=SsrMode::Async/>
                    <Route path=path!("you-said-we-did") view=promises::you_said_we_did::YouSaidWeDidPage ssr=SsrMode::Async/>
                    <Route path=path!("officer/you-said-we-did/new") view=promises::you_said_we_did::PublishActionPage ssr=SsrMode::Async/>
                    <Route path=path!("officer/promises") view=promises::dashboard::PromiseDashboardPage ssr=SsrMode::Async/>
                    <Route path=path!("officer/quotes") view=promises::comments::CommentQueuePage ssr=SsrMode::Async/>
                    <Route path=path!("surveys") view=surveys::answer_pages::MySurveysPage ssr=SsrMode::Async/>
                    <Route path=path!("surveys/:id") view=surveys::answer_pages::SurveyStartPage ssr=SsrMode::Async/>
                    <Route path=path!("surveys/:id/questions/:question") view=surveys::answer_pages::SurveyQuestionPage ssr=SsrMode::Async/>
                    <Route path=path!("surveys/:id/check") view=surveys::answer_pages::SurveyCheckPage ssr=SsrMode::Async/>
                    <Route path=path!("surveys/:id/done") view=surveys::answer_pages::SurveyDonePage ssr=SsrMode::Async/>
                    <Route path=path!("s/:link") view=surveys::answer_pages::AnonymousStartPage ssr=SsrMode::Async/>
                    <Route path=path!("s/:link/:response") view=surveys::answer_pages::SurveyStartPage ssr=SsrMode::Async/>
                    <Route path=path!("s/:link/:response/questions/:question") view=surveys::answer_pages::SurveyQuestionPage ssr=SsrMode::Async/>
                    <Route path=path!("s/:link/:response/check") view=surveys::answer_pages::SurveyCheckPage ssr=SsrMode::Async/>
                    <Route path=path!("s/:link/:response/done") view=surveys::answer_pages::SurveyDonePage ssr=SsrMode::Async/>
                    <Route path=path!("officer/surveys") view=surveys::editor::SurveysPage ssr=SsrMode::Async/>
                    <Route path=path!("officer/surveys/new") view=surveys::editor::NewSurveyPage ssr=SsrMode::Async/>
                    <Route path=path!("officer/surveys/:id") view=surveys::editor::SurveyEditorPage ssr=SsrMode::Async/>
                    <Route path=path!("officer/surveys/:id/results") view=surveys::results_page::SurveyResultsPage ssr=SsrMode::Async/>
                    <Route path=path!("officer/surveys/:id/preview/:number") view=surveys::preview::SurveyPreviewPage ssr=SsrMode::Async/>
                    <Route path=path!("rights") view=rights::follow::MyConcernsPage ssr=SsrMode::Async/>
                    <Route path=path!("rights/new") view=rights::raise::RaiseStartPage ssr=SsrMode::Async/>
                    <Route path=path!("rights/new/:id/:step") view=rights::raise::DraftStepPage ssr=SsrMode::Async/>
                    <Route path=path!("rights/:id") view=rights::follow::MyConcernPage ssr=SsrMode::Async/>
                    <Route path=path!("safe/:flag") view=rights::safeguarding::SafetyCheckPage ssr=SsrMode::Async/>
                    <Route path=path!("advocate") view=rights::workspace::QueuePage ssr=SsrMode::Async/>
                    <Route path=path!("advocate/concerns/:id") view=rights::workspace::CasePage ssr=SsrMode::Async/>
                    <Route path=path!("advocate/flags/:id") view=rights::workspace::FlagPage ssr=SsrMode::Async/>
                    <Route path=path!("admin/right-to-rights") view=rights::admin::RightsSettingsPage ssr=SsrMode::Async/>
                    <Route path=path!("admin/forums") view=live::forums::ForumsPage ssr=SsrMode::Async/>
                    <Route path=path!("facilitator") view=live::facilitate::SessionsListPage ssr=SsrMode::Async/>
                    <Route path=path!("facilitator/sessions/:id") view=live::facilitate::RunSessionPage ssr=SsrMode::Async/>
                    <Route path=path!("facilitator/sessions/:id/projector") view=live::projector::ProjectorPage ssr=SsrMode::Async/>
                    <Route path=path!("officer/reports") view=reports::pages::ReportsPage ssr=SsrMode::Async/>
                    <Route path=path!("officer/reports/report") view=reports::pages::BuiltReportPage ssr=SsrMode::Async/>
                    <Route path=path!("officer/reports/print") view=reports::pages::BuiltReportPrintPage ssr=SsrMode::Async/>
                    <Route path=path!("officer/reports/snapshots/:id") view=reports::pages::SnapshotPage ssr=SsrMode::Async/>
                    <Route path=path!("officer/reports/snapshots/:id/print") view=reports::pages::SnapshotPrintPage ssr=SsrMode::Async/>
                    <Route path=path!("join") view=live::phone::JoinPage ssr=SsrMode::Async/>
                    <Route path=path!("live/:id") view=live::phone::PhonePage ssr=SsrMode::Async/>
                </Routes>
            </main>
            <Footer/>
        </Router>
    }
}

#[component]
fn NotFound() -> impl IntoView {
    #[cfg(feature = "ssr")]
    crate::errors::set_status(http::StatusCode::NOT_FOUND);
    view! {
        <PageTitle text="Page not found"/>
        <h1>"Page not found"</h1>
        <p>"If you typed the address, check it is right."</p>
        <p><a href="/">"Go to the home page"</a></p>
    }
}

#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_islands();
    // Lets the browser tests know the page is live before they use it. The
    // loader hydrates the islands right after this returns, without waiting
    // on anything, so a timer runs once they are all live.
    set_timeout(
        || {
            if let Some(body) = document().body() {
                let _ = body.set_attribute("data-hydrated", "true");
            }
        },
        std::time::Duration::ZERO,
    );
}
