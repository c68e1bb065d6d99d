//! Routes: the Leptos pages (GET, and POST for forms sent without
//! JavaScript), the server functions under /api, and the static files.

use crate::middleware;
use crate::site_files::{self, SiteFiles};
use app::accounts::sessions::EndedSession;
use app::forms::held::{self as held_forms, RefusedForm};
use app::forms::PostedForm;
use app::state::AppState;
use app::{shell, App};
use axum::body::{to_bytes, Body};
use axum::extract::{DefaultBodyLimit, Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use leptos::prelude::provide_context;
use leptos_axum::{generate_route_list, AxumRouteListing, LeptosRoutes};
use std::sync::{Arc, OnceLock};
use tower_http::compression::predicate::{DefaultPredicate, Predicate};
use tower_http::compression::{CompressionLayer, CompressionLevel};
use tower_http::limit::RequestBodyLimitLayer;

/// The largest request body accepted: forms are small.
pub const BODY_LIMIT_BYTES: usize = 64 * 1024;

/// What a body over [`BODY_LIMIT_BYTES`] is answered.
pub const TOO_MUCH_TO_SEND: &str = "That was too much to send in one go.";

/// The app's pages. Leptos collects them into a global list, so this is
/// done once per process, not once per router (tests build many routers).
fn page_routes() -> Vec<AxumRouteListing> {
    static ROUTES: OnceLock<Vec<AxumRouteListing>> = OnceLock::new();
    ROUTES.get_or_init(|| generate_route_list(App)).clone()
}

pub fn build(mut state: AppState) -> Router {
    let files = site_files::for_site(&state.leptos_options);
    // Pages name the bundle by its hashed name, so browsers may keep it.
    state.leptos_options.output_name = files.bundle_name().into();
    let routes = page_routes();
    let options = state.leptos_options.clone();
    let mut router =
        Router::new().leptos_routes(&state, routes.clone(), move || shell(options.clone()));
    for listing in &routes {
        router = router.route(listing.path(), post(page_form_post));
    }
    router
        .route(
            "/officer/surveys/{id}/results.csv",
            get(crate::exports::survey_results_csv),
        )
        .route(
            "/officer/reports/csv",
            get(crate::exports::report_table_csv),
        )
        .route(
            "/officer/reports/snapshots/{id}/csv",
            get(crate::exports::snapshot_table_csv),
        )
        .route("/live/{id}/events", get(crate::live_events::for_projector))
        .route(
            "/live/{id}/phone-events",
            get(crate::live_events::for_phone),
        )
        .fallback(move |state, request| static_file_or_not_found(state, files, request))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            middleware::resolve_session,
        ))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            middleware::record_client_address,
        ))
        .layer(axum::middleware::from_fn(
            middleware::refuse_control_characters,
        ))
        .layer(axum::middleware::from_fn(
            middleware::refuse_cross_site_writes,
        ))
        .layer(DefaultBodyLimit::disable())
        .layer(RequestBodyLimitLayer::new(BODY_LIMIT_BYTES))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            middleware::security_headers,
        ))
        // Young people are often on small data plans: pages go out
        // compressed, at a middling level that keeps the CPU cost per request
        // low. The site's own files were compressed once, in advance.
        .layer(
            CompressionLayer::new()
                .quality(CompressionLevel::Precise(5))
                .compress_when(DefaultPredicate::new().and(NotASiteFile)),
        )
        .with_state(state)
}

/// Responses that are the site's own files, already compressed.
#[derive(Clone, Copy)]
struct NotASiteFile;

impl Predicate for NotASiteFile {
    fn should_compress<B: axum::body::HttpBody>(&self, response: &axum::http::Response<B>) -> bool {
        response
            .extensions()
            .get::<middleware::StaticFile>()
            .is_none()
    }
}

/// Anything no route matched: a file of the site (the WebAssembly,
/// scripts, styles and images), or else the "page not found" page.
///
/// Not leptos_axum's `file_and_error_handler`: for a file it looks up the
/// response options of whatever Leptos owner is current on the thread,
/// which under load can be a page being rendered at the same time, and
/// takes that page's headers (its Content-Security-Policy, even a cookie)
/// into the file's response. The page then arrives without its policy and
/// never hydrates.
async fn static_file_or_not_found(
    State(state): State<AppState>,
    files: Arc<SiteFiles>,
    request: Request,
) -> Response {
    if let Some(mut file) = files.respond(request.method(), request.uri().path(), request.headers())
    {
        file.extensions_mut().insert(middleware::StaticFile);
        return file;
    }
    let options = state.leptos_options.clone();
    let render = leptos_axum::render_app_async_with_context(
        move || provide_context(state.clone()),
        move || shell(options.clone()),
    );
    render(request).await
}

/// A form posted to a page without JavaScript: the page is rendered with the
/// posted fields, and its form hook runs the server function (see app::forms).
async fn page_form_post(State(state): State<AppState>, request: Request) -> Response {
    let (parts, body) = request.into_parts();
    let Ok(bytes) = to_bytes(body, BODY_LIMIT_BYTES).await else {
        return (StatusCode::PAYLOAD_TOO_LARGE, TOO_MUCH_TO_SEND).into_response();
    };
    let Ok(body) = String::from_utf8(bytes.to_vec()) else {
        return (
            StatusCode::BAD_REQUEST,
            "The form could not be read. Please try again.",
        )
            .into_response();
    };
    let ended = parts.extensions.get::<EndedSession>().cloned();
    let page = parts.uri.path().to_string();
    let held_token = parts
        .headers
        .get(header::COOKIE)
        .and_then(|value| value.to_str().ok())
        .and_then(held_forms::token_from_cookie_header)
        .map(str::to_string);
    let posted = PostedForm { body: body.clone() };
    let render_state = state.clone();
    let options = state.leptos_options.clone();
    let render = leptos_axum::render_app_async_with_context(
        move || {
            provide_context(render_state.clone());
            provide_context(posted.clone());
        },
        move || shell(options.clone()),
    );
    let mut response = render(Request::from_parts(parts, Body::empty())).await;
    // Refused because the writer's session ended: keep what they wrote.
    if let (StatusCode::UNAUTHORIZED, Some(ended)) = (response.status(), ended) {
        let refused = RefusedForm {
            account_id: &ended.account_id,
            page: &page,
            body: &body,
        };
        match held_forms::keep(&state.db, &refused, held_token.as_deref(), state.now()).await {
            Ok(Some(token)) => {
                let cookie = held_forms::cookie(&token, state.config.cookies_are_secure());
                if let Ok(value) = HeaderValue::from_str(&cookie) {
                    response.headers_mut().append(header::SET_COOKIE, value);
                }
            }
            Ok(None) => {}
            Err(error) => tracing::error!("could not keep a form refused after sign-out: {error}"),
        }
    }
    response
}
