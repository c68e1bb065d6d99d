//! What every request passes through: where it came from, who is signed
//! in, the cross-site request check, control characters refused, and the
//! security headers on every response.

use app::accounts::sessions;
use app::client_address::ClientAddress;
use app::errors::VoiceError;
use app::forms::{has_control_character, FieldErrors};
use app::state::AppState;
use axum::body::{to_bytes, Body};
use axum::extract::{ConnectInfo, Request, State};
use axum::http::header::{self, HeaderMap, HeaderName, HeaderValue};
use axum::http::{Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use leptos::server_fn::error::FromServerFnError;
use std::net::SocketAddr;

/// Works out who sent the request (through a trusted proxy or not) once,
/// for every per-address limit to use.
pub async fn record_client_address(
    State(state): State<AppState>,
    mut request: Request,
    next: Next,
) -> Response {
    let peer = request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|info| info.0.ip());
    if let Some(peer) = peer {
        let client = state
            .config
            .trusted_proxies
            .client_address(peer, request.headers());
        request.extensions_mut().insert(ClientAddress(client));
    }
    next.run(request).await
}

/// Resolves the session cookie into the signed-in account, if any.
pub async fn resolve_session(
    State(state): State<AppState>,
    mut request: Request,
    next: Next,
) -> Response {
    let token = request
        .headers()
        .get(header::COOKIE)
        .and_then(|value| value.to_str().ok())
        .and_then(sessions::token_from_cookie_header)
        .map(str::to_string);
    if let Some(token) = token {
        match sessions::resolve(
            &state.db,
            &token,
            state.now(),
            state.config.session_idle_minutes,
        )
        .await
        {
            Ok(sessions::Resolved::Live(signed_in)) => {
                request.extensions_mut().insert(signed_in);
            }
            Ok(sessions::Resolved::Ended(ended)) => {
                request.extensions_mut().insert(ended);
            }
            Ok(sessions::Resolved::Unknown) => {}
            Err(error) => tracing::error!("could not resolve a session: {error}"),
        }
    }
    next.run(request).await
}

/// True for a state-changing request that a browser says came from another
/// site. Browsers send `Sec-Fetch-Site` to https sites and localhost, and it
/// decides. Without it (plain http, or a browser from before 2023), `Origin`
/// must match `Host`: Voice's `Referrer-Policy: same-origin` makes its own
/// form posts carry their real `Origin` (under `no-referrer` they carried
/// `Origin: null`, with no `Sec-Fetch-Site` over plain http; checked in
/// Chromium). `Origin: null` alone comes from a sandboxed frame or a `data:`
/// page, so it is refused. A request with neither header is not from a
/// browser page and carries no one's cookie by accident.
pub fn is_cross_site_write(method: &Method, headers: &HeaderMap) -> bool {
    if matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS) {
        return false;
    }
    if let Some(site) = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok()) {
        return !matches!(site, "same-origin" | "none");
    }
    match (
        headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()),
        headers.get(header::HOST),
    ) {
        (None, _) => false,
        (Some("null"), _) => true,
        (Some(origin), Some(host)) => {
            let authority = origin.split_once("://").map_or(origin, |(_, rest)| rest);
            host.to_str().map_or(true, |host| host != authority)
        }
        (Some(_), None) => true,
    }
}

pub async fn refuse_cross_site_writes(request: Request, next: Next) -> Response {
    if is_cross_site_write(request.method(), request.headers()) {
        return (
            StatusCode::FORBIDDEN,
            "This form was sent from another website, so Voice did not accept it.",
        )
            .into_response();
    }
    next.run(request).await
}

/// What an address with a control character in it is answered.
pub const CONTROL_CHARACTER_IN_ADDRESS: &str =
    "This address has a hidden control character in it, so Voice cannot open it.";

/// What a server function is answered when a field holds one.
pub const CONTROL_CHARACTER_IN_FORM: &str =
    "Something you sent had a hidden control character in it, \
                                             which Voice cannot save. Take it out and send again.";

/// Whether url-encoded text (a query or a form body) holds a control
/// character in any name or value, once decoded.
fn encoded_fields_have_control_character(encoded: &[u8]) -> bool {
    form_urlencoded::parse(encoded)
        .any(|(name, value)| has_control_character(&name) || has_control_character(&value))
}

/// Control characters other than new lines and tabs are refused at the
/// edge, the same on both databases (PostgreSQL cannot store NUL in text,
/// and nobody types one on purpose): in an address (a path holding an id,
/// or a query) with a 400, and in a server function's fields with a 400 in
/// the server-function error format, so the page shows it. A form posted
/// to a page without JavaScript is answered beside the field instead (see
/// `app::forms`), and in the browser the form says so before sending.
pub async fn refuse_control_characters(request: Request, next: Next) -> Response {
    let uri = request.uri();
    let path = percent_encoding::percent_decode_str(uri.path()).decode_utf8_lossy();
    let query = uri.query().unwrap_or_default();
    if has_control_character(&path) || encoded_fields_have_control_character(query.as_bytes()) {
        return (StatusCode::BAD_REQUEST, CONTROL_CHARACTER_IN_ADDRESS).into_response();
    }
    if request.method() != Method::POST || !uri.path().starts_with("/api/") {
        return next.run(request).await;
    }
    let (parts, body) = request.into_parts();
    let Ok(bytes) = to_bytes(body, crate::router::BODY_LIMIT_BYTES).await else {
        return (
            StatusCode::PAYLOAD_TOO_LARGE,
            crate::router::TOO_MUCH_TO_SEND,
        )
            .into_response();
    };
    if encoded_fields_have_control_character(&bytes) {
        let refusal = VoiceError::Invalid(FieldErrors::form(CONTROL_CHARACTER_IN_FORM));
        return (StatusCode::BAD_REQUEST, refusal.ser()).into_response();
    }
    next.run(Request::from_parts(parts, Body::from(bytes)))
        .await
}

/// The policy for responses that are not pages (pages carry their own,
/// with the nonce for their hydration scripts).
const FALLBACK_CSP: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; \
                            img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

/// Marks a response as one of the site's own files (WebAssembly, scripts,
/// styles, images): the only responses a browser may keep.
#[derive(Clone, Copy, Debug)]
pub struct StaticFile;

/// HSTS for a year, subdomains included: only sent when Voice is served over
/// https (`VOICE_PUBLIC_URL`), as a browser ignores it over plain http.
const STRICT_TRANSPORT_SECURITY: &str = "max-age=31536000; includeSubDomains";

pub async fn security_headers(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    let mut response = next.run(request).await;
    let is_static_file = response.extensions().get::<StaticFile>().is_some();
    let headers = response.headers_mut();
    let fixed = [
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        // Same-origin requests carry their origin (see is_cross_site_write);
        // no other site is ever told which Voice page someone came from.
        (header::REFERRER_POLICY, "same-origin"),
        (header::X_FRAME_OPTIONS, "DENY"),
        (
            HeaderName::from_static("cross-origin-opener-policy"),
            "same-origin",
        ),
        (
            HeaderName::from_static("permissions-policy"),
            "camera=(), microphone=(), geolocation=(), interest-cohort=()",
        ),
    ];
    for (name, value) in fixed {
        headers.insert(name, HeaderValue::from_static(value));
    }
    if state.config.served_over_https() {
        headers.insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static(STRICT_TRANSPORT_SECURITY),
        );
    }
    if !headers.contains_key(header::CONTENT_SECURITY_POLICY) {
        headers.insert(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(FALLBACK_CSP),
        );
    }
    // Pages, server functions' answers and downloads can hold personal
    // details: never keep them in a shared cache or on a shared computer.
    if !is_static_file {
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        pairs
            .iter()
            .map(|(k, v)| (HeaderName::from_static(k), HeaderValue::from_static(v)))
            .collect()
    }

    #[test]
    fn reads_are_never_refused() {
        assert!(!is_cross_site_write(
            &Method::GET,
            &headers(&[("sec-fetch-site", "cross-site")])
        ));
    }

    #[test]
    fn fetch_metadata_decides_when_present() {
        assert!(is_cross_site_write(
            &Method::POST,
            &headers(&[("sec-fetch-site", "cross-site")])
        ));
        assert!(is_cross_site_write(
            &Method::POST,
            &headers(&[("sec-fetch-site", "same-site")])
        ));
        assert!(!is_cross_site_write(
            &Method::POST,
            &headers(&[("sec-fetch-site", "same-origin"), ("origin", "null")])
        ));
    }

    #[test]
    fn origin_must_match_host_without_fetch_metadata() {
        assert!(is_cross_site_write(
            &Method::POST,
            &headers(&[
                ("origin", "https://evil.example"),
                ("host", "voice.example")
            ])
        ));
        assert!(!is_cross_site_write(
            &Method::POST,
            &headers(&[
                ("origin", "https://voice.example"),
                ("host", "voice.example")
            ])
        ));
        assert!(!is_cross_site_write(
            &Method::POST,
            &headers(&[("host", "voice.example")])
        ));
    }

    #[test]
    fn a_null_origin_needs_fetch_metadata() {
        assert!(is_cross_site_write(
            &Method::POST,
            &headers(&[("origin", "null"), ("host", "voice.example")])
        ));
        assert!(!is_cross_site_write(
            &Method::POST,
            &headers(&[
                ("origin", "null"),
                ("sec-fetch-site", "same-origin"),
                ("host", "voice.example")
            ])
        ));
    }
}
