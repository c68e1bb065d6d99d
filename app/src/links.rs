//! Addresses to hand out on paper: the full address of a page in Voice, and
//! a QR code that opens it.

use crate::state::AppState;
use leptos::prelude::use_context;

/// The address people reach Voice at: configured, or else the one this
/// request came to.
pub fn base_url(state: &AppState) -> String {
    if let Some(url) = &state.config.public_url {
        return url.trim_end_matches('/').to_string();
    }
    let host = use_context::<http::request::Parts>()
        .and_then(|parts| {
            parts
                .headers
                .get(http::header::HOST)?
                .to_str()
                .ok()
                .map(str::to_string)
        })
        .unwrap_or_else(|| "localhost".into());
    format!("http://{host}")
}

/// A QR code for `link` as inline SVG, described for screen readers by `label`.
pub fn qr_svg(link: &str, label: &str) -> String {
    use qrcode::render::svg;
    let Ok(code) = qrcode::QrCode::new(link.as_bytes()) else {
        return String::new();
    };
    let svg = code.render::<svg::Color>().min_dimensions(200, 200).build();
    // Drop the XML declaration so the SVG can sit inside the page.
    let svg = svg
        .find("<svg")
        .map_or(svg.as_str(), |start| &svg[start..])
        .to_string();
    let label = label.replace(['"', '<', '>', '&'], "");
    svg.replacen(
        "<svg ",
        &format!("<svg role=\"img\" aria-label=\"{label}\" "),
        1,
    )
}
