//! What every response carries and what the server refuses: security
//! headers, cross-site posts, oversized bodies, and forms posted without
//! JavaScript.

mod common;

use app::state::ServerConfig;
use common::{client, session_cookie, spawn, spawn_with, Backend, PASSWORD};

on_both_databases!(
    pages_carry_the_security_headers,
    cross_site_posts_are_refused,
    oversized_bodies_are_refused,
    a_form_posted_without_javascript_keeps_what_was_typed,
    a_form_posted_without_javascript_signs_in_and_redirects,
    admin_pages_answer_403_to_other_roles,
    pages_are_compressed_for_browsers_that_accept_it,
    pages_keep_their_own_policy_while_files_are_served,
    https_is_made_strict_only_when_voice_is_served_over_https,
    a_null_origin_without_fetch_metadata_is_refused,
    signed_in_data_and_downloads_are_never_stored,
    site_files_are_compressed_in_advance_and_checked_by_etag,
    pages_carry_what_they_show_and_no_data_for_script,
    the_session_cookie_ends_with_the_browser,
    every_staff_role_has_its_pages_on_every_page,
);

async fn pages_carry_the_security_headers(backend: Backend) {
    let app = spawn(backend).await;
    let response = client()
        .get(format!("{}/sign-in", app.address))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let header = |name: &str| {
        response
            .headers()
            .get(name)
            .map(|v| v.to_str().unwrap().to_string())
            .unwrap_or_default()
    };
    let csp = header("content-security-policy");
    for directive in [
        "default-src 'self'",
        "'wasm-unsafe-eval'",
        "object-src 'none'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
    ] {
        assert!(csp.contains(directive), "{directive} missing from {csp}");
    }
    let nonce = csp
        .split("'nonce-")
        .nth(1)
        .and_then(|rest| rest.split('\'').next())
        .expect("a nonce")
        .to_string();
    assert_eq!(header("x-content-type-options"), "nosniff");
    assert_eq!(header("referrer-policy"), "same-origin");
    assert_eq!(header("cache-control"), "no-store");
    let page = response.text().await.unwrap();
    assert!(
        page.contains(&format!("nonce=\"{nonce}\"")),
        "the page's scripts carry the header's nonce"
    );
    assert!(
        page.contains(r#"<label for="login" class="label">Username or email address"#),
        "the field has a visible label"
    );
    // Nothing on the page loads from another host.
    for reference in page.split("src=\"").skip(1) {
        assert!(
            reference.starts_with('/'),
            "outside source: {}",
            &reference[..40.min(reference.len())]
        );
    }
    let outside_links = page
        .split("href=\"")
        .skip(1)
        .filter(|r| r.starts_with("http"))
        .count();
    assert_eq!(
        outside_links, 1,
        "the quick exit link is the only link away"
    );

    let second = client()
        .get(format!("{}/sign-in", app.address))
        .send()
        .await
        .unwrap();
    let second_csp = second.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .to_string();
    assert!(
        !second_csp.contains(&nonce),
        "each response has its own nonce"
    );
}

async fn cross_site_posts_are_refused(backend: Backend) {
    let app = spawn(backend).await;
    app.add_young_person("jordan").await;
    let response = client()
        .post(format!("{}/api/sign-in", app.address))
        .header("content-type", "application/x-www-form-urlencoded")
        .header("sec-fetch-site", "cross-site")
        .header("origin", "https://evil.example")
        .body(format!(
            "login=jordan&password={}",
            PASSWORD.replace(' ', "+")
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 403);
    assert!(session_cookie(response.headers()).is_none());
}

async fn oversized_bodies_are_refused(backend: Backend) {
    let app = spawn(backend).await;
    let huge = format!("login={}&password=x", "a".repeat(100 * 1024));
    for path in ["/api/sign-in", "/sign-in"] {
        let response = client()
            .post(format!("{}{path}", app.address))
            .header("content-type", "application/x-www-form-urlencoded")
            .body(huge.clone())
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 413, "{path}");
    }
}

fn no_js_form(fields: &[(&str, &str)]) -> String {
    form_urlencoded::Serializer::new(String::new())
        .append_pair("_action", "/api/sign-in")
        .extend_pairs(fields)
        .finish()
}

async fn post_page(app: &common::TestApp, path: &str, body: String) -> reqwest::Response {
    client()
        .post(format!("{}{path}", app.address))
        .header("content-type", "application/x-www-form-urlencoded")
        .header("accept", "text/html")
        .header("sec-fetch-site", "same-origin")
        .header("origin", "null")
        .body(body)
        .send()
        .await
        .unwrap()
}

async fn a_form_posted_without_javascript_keeps_what_was_typed(backend: Backend) {
    let app = spawn(backend).await;
    let response = post_page(
        &app,
        "/sign-in",
        no_js_form(&[("login", "jordan.typed"), ("password", "")]),
    )
    .await;
    assert_eq!(response.status(), 200);
    let page = response.text().await.unwrap();
    assert!(page.contains("There is a problem"));
    assert!(
        page.contains("Enter your password"),
        "the message is on the page"
    );
    assert!(page.contains(r#"id="password-error""#), "beside the field");
    assert!(
        page.contains(r#"value="jordan.typed""#),
        "what was typed is kept"
    );
}

async fn a_form_posted_without_javascript_signs_in_and_redirects(backend: Backend) {
    let app = spawn(backend).await;
    app.add_young_person("jordan").await;
    let response = post_page(
        &app,
        "/sign-in",
        no_js_form(&[("login", "jordan"), ("password", PASSWORD)]),
    )
    .await;
    assert_eq!(response.status(), 302);
    assert_eq!(response.headers()["location"], "/");
    assert!(session_cookie(response.headers()).is_some());
}

async fn admin_pages_answer_403_to_other_roles(backend: Backend) {
    let app = spawn(backend).await;
    app.add_young_person("jordan").await;
    let young = app.signed_in("jordan").await;
    let page = young
        .get(format!("{}/admin/accounts", app.address))
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), 403);
    let refused = page.text().await.unwrap();
    assert!(refused.contains("Your account does not have access to this."));
    assert!(
        !refused.contains("Add a young person"),
        "the admin's buttons are shown above the refusal"
    );
    let signed_out = client()
        .get(format!("{}/admin/accounts", app.address))
        .send()
        .await
        .unwrap();
    assert_eq!(signed_out.status(), 401);
}

async fn pages_are_compressed_for_browsers_that_accept_it(backend: Backend) {
    let app = spawn(backend).await;
    let fetch = |encoding: &'static str| {
        client()
            .get(format!("{}/sign-in", app.address))
            .header("accept-encoding", encoding)
            .send()
    };
    let plain = fetch("identity").await.unwrap();
    assert!(plain.headers().get("content-encoding").is_none());
    let plain_size = plain.bytes().await.unwrap().len();

    let compressed = fetch("br, gzip").await.unwrap();
    assert_eq!(compressed.headers()["content-encoding"], "br");
    let compressed_size = compressed.bytes().await.unwrap().len();
    assert!(
        compressed_size * 2 < plain_size,
        "{compressed_size} bytes compressed from {plain_size}"
    );
}

/// The nonce a page's policy allows, and the nonce its scripts carry.
fn nonces(policy: &str, body: &str) -> (Option<String>, Option<String>) {
    let allowed = policy
        .split("'nonce-")
        .nth(1)
        .and_then(|rest| rest.split('\'').next())
        .map(str::to_string);
    let carried = body
        .split("nonce=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .map(str::to_string);
    (allowed, carried)
}

/// Files and pages served at the same moment: every page keeps its own
/// policy, so its scripts may run and it hydrates. (leptos_axum's file
/// handler once took a page's headers for a file served alongside it.)
async fn pages_keep_their_own_policy_while_files_are_served(backend: Backend) {
    let app = std::sync::Arc::new(spawn(backend).await);
    app.add_young_person("jordan").await;
    let young = app.signed_in("jordan").await;
    let mut requests = Vec::new();
    for n in 0..120 {
        let (app, young) = (app.clone(), young.clone());
        let path = if n % 2 == 0 { "/" } else { "/favicon.svg" };
        requests.push(tokio::spawn(async move {
            let response = young
                .get(format!("{}{path}", app.address))
                .send()
                .await
                .unwrap();
            assert_eq!(response.status(), 200, "{path}");
            let policy = response
                .headers()
                .get("content-security-policy")
                .and_then(|v| v.to_str().ok())
                .unwrap_or_default()
                .to_string();
            let body = response.text().await.unwrap();
            (path, policy, body)
        }));
    }
    for request in requests {
        let (path, policy, body) = request.await.unwrap();
        let (allowed, carried) = nonces(&policy, &body);
        if path == "/" {
            assert!(allowed.is_some(), "a page without its nonce: {policy}");
            assert_eq!(
                allowed, carried,
                "the page's scripts carry the nonce its policy allows"
            );
        } else {
            assert_eq!(allowed, None, "a file with a page's policy: {policy}");
        }
    }
}

const HSTS: &str = "strict-transport-security";

async fn https_is_made_strict_only_when_voice_is_served_over_https(backend: Backend) {
    let https = spawn_with(
        backend,
        ServerConfig {
            public_url: Some("https://voice.example.gov.uk".into()),
            ..ServerConfig::default()
        },
    )
    .await;
    for path in ["/sign-in", "/favicon.svg", "/api/current-user"] {
        let response = client()
            .get(format!("{}{path}", https.address))
            .send()
            .await
            .unwrap();
        assert_eq!(
            response
                .headers()
                .get(HSTS)
                .map(|v| v.to_str().unwrap().to_string()),
            Some("max-age=31536000; includeSubDomains".to_string()),
            "{path} over https"
        );
    }
    for public_url in [None, Some("http://voice.internal".to_string())] {
        let plain = spawn_with(
            backend,
            ServerConfig {
                public_url: public_url.clone(),
                ..ServerConfig::default()
            },
        )
        .await;
        let response = client()
            .get(format!("{}/sign-in", plain.address))
            .send()
            .await
            .unwrap();
        assert!(
            response.headers().get(HSTS).is_none(),
            "no HSTS when the public address is {public_url:?}"
        );
    }
}

/// `Origin: null` without `Sec-Fetch-Site` comes from a sandboxed frame or
/// a data: page, not from Voice's own forms: with the page's
/// `Referrer-Policy: same-origin` Chromium posts them with their real origin
/// (and adds `Sec-Fetch-Site` over https and on localhost).
async fn a_null_origin_without_fetch_metadata_is_refused(backend: Backend) {
    let app = spawn(backend).await;
    app.add_young_person("jordan").await;
    let sign_in = |origin: String, fetch_site: Option<&'static str>| {
        let mut request = client()
            .post(format!("{}/api/sign-in", app.address))
            .header("content-type", "application/x-www-form-urlencoded")
            .header("origin", origin);
        if let Some(site) = fetch_site {
            request = request.header("sec-fetch-site", site);
        }
        request
            .body(format!(
                "login=jordan&password={}",
                PASSWORD.replace(' ', "+")
            ))
            .send()
    };
    let refused = sign_in("null".into(), None).await.unwrap();
    assert_eq!(refused.status(), 403, "Origin: null alone is refused");
    assert!(session_cookie(refused.headers()).is_none());
    for (origin, fetch_site) in [
        ("null".to_string(), Some("same-origin")),
        (app.address.clone(), None),
    ] {
        let own_form = sign_in(origin.clone(), fetch_site).await.unwrap();
        assert_eq!(
            own_form.status(),
            200,
            "Voice's own form is accepted: Origin {origin}, Sec-Fetch-Site {fetch_site:?}"
        );
        assert!(session_cookie(own_form.headers()).is_some());
    }
}

async fn signed_in_data_and_downloads_are_never_stored(backend: Backend) {
    let app = spawn(backend).await;
    app.add_staff("pat@voice.example", "participation_officer")
        .await;
    let officer = app.signed_in("pat@voice.example").await;
    let data = app.call(&officer, "officer-surveys", &[]).await;
    assert_eq!(data.status, 200, "{}", data.body);
    assert_eq!(
        data.headers
            .get("cache-control")
            .map(|v| v.to_str().unwrap()),
        Some("no-store"),
        "a server function's answer"
    );
    let download = officer
        .get(format!(
            "{}/officer/reports/csv?period=2026-04&table=reached-by-cohort",
            app.address
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(download.status(), 200);
    assert_eq!(
        download.headers()["cache-control"],
        "no-store",
        "a CSV download"
    );
    let file = client()
        .get(format!("{}/favicon.svg", app.address))
        .send()
        .await
        .unwrap();
    assert_eq!(file.status(), 200);
    assert_eq!(
        file.headers()["cache-control"],
        "no-cache",
        "the site's own files may be kept, and checked"
    );
}

/// The site's files go out compressed in advance, and a browser holding the
/// newest copy is told so instead of sent it again.
async fn site_files_are_compressed_in_advance_and_checked_by_etag(backend: Backend) {
    let app = spawn(backend).await;
    let address = format!("{}/quick-exit.js", app.address);
    let first = client()
        .get(&address)
        .header("accept-encoding", "gzip, deflate, br")
        .send()
        .await
        .unwrap();
    assert_eq!(first.status(), 200);
    assert_eq!(first.headers()["content-encoding"], "br");
    assert_eq!(first.headers()["vary"], "accept-encoding");
    let raw = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../public/quick-exit.js"
    ))
    .unwrap();
    let sent: usize = first.headers()["content-length"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!(sent < raw.len(), "{sent} bytes sent for {} raw", raw.len());
    let etag = first.headers()["etag"].clone();
    let again = client()
        .get(&address)
        .header("if-none-match", etag)
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), 304);
    let plain = client().get(&address).send().await.unwrap();
    assert!(plain.headers().get("content-encoding").is_none());
    assert_eq!(plain.bytes().await.unwrap().as_ref(), raw.as_slice());
}

/// The cookie has no lifetime of its own, so closing the browser on a
/// shared computer signs out; the server still ends the session after its
/// idle time and its 12 hours.
async fn the_session_cookie_ends_with_the_browser(backend: Backend) {
    let app = spawn(backend).await;
    app.add_young_person("jordan").await;
    let answer = app
        .call(
            &client(),
            "sign-in",
            &[("login", "jordan"), ("password", PASSWORD)],
        )
        .await;
    let cookie = session_cookie(&answer.headers).expect("a session cookie");
    let attributes = cookie.to_ascii_lowercase();
    assert!(
        !attributes.contains("max-age") && !attributes.contains("expires"),
        "a browser-session cookie: {cookie}"
    );
    assert!(attributes.contains("httponly") && attributes.contains("samesite=lax"));
}

/// Pages are not hydrated (islands mode), so the data they were drawn from
/// must not ride along in them as well: a phone would pay for it twice.
async fn pages_carry_what_they_show_and_no_data_for_script(backend: Backend) {
    let app = spawn(backend).await;
    app.add_young_person("sam").await;
    let young = app.signed_in("sam").await;
    for (reader, page, shown) in [
        (client(), "/", "Sign in"),
        (young.clone(), "/", "Hello"),
        (young.clone(), "/promises", "promise"),
        (young.clone(), "/promises/rate/1", "Save"),
        (young, "/you-said-we-did", "You said"),
    ] {
        let body = app.page_text(&reader, page).await;
        assert!(body.contains(shown), "{page} does not show {shown:?}");
        assert!(
            !body.contains("__RESOLVED_RESOURCES["),
            "{page} carries data for script: {body}"
        );
    }
}

/// Each staff role's navigation is on every page they open, leads only to
/// pages that role may open, and marks the one they are on.
async fn every_staff_role_has_its_pages_on_every_page(backend: Backend) {
    use app::accounts::account_bar::staff_pages;
    use app::domain::Role;
    let app = spawn(backend).await;
    for role in Role::ALL.into_iter().filter(|role| role.is_staff()) {
        let email = format!("{}@voice.example", role.as_str());
        app.add_staff(&email, role.as_str()).await;
        let staff = app.signed_in(&email).await;
        let pages = staff_pages(role);
        assert!(!pages.is_empty(), "{role:?} has pages");
        for (path, name) in pages {
            let response = staff
                .get(format!("{}{path}", app.address))
                .send()
                .await
                .unwrap();
            assert_eq!(response.status(), 200, "{role:?} may open {path}");
            let page = response.text().await.unwrap();
            for (other, _) in pages {
                assert!(
                    page.contains(&format!("href=\"{other}\"")),
                    "{path} links to {other}"
                );
            }
            assert!(
                page.contains(&format!(
                    "<a href=\"{path}\" aria-current=\"page\">{name}</a>"
                )),
                "{path} is marked as the current page: {page}"
            );
        }
    }
    app.add_young_person("jordan").await;
    let young = app.signed_in("jordan").await;
    let home = app.page_text(&young, "/").await;
    assert!(
        !home.contains("Staff pages"),
        "young people get no staff navigation"
    );
}
