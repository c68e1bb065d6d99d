//! An address inside Voice, safe to send a browser to after a form: a
//! path on this site, never another site dressed up as one.
//!
//! Browsers forgive a lot in an address: `\` is read as `/`, tabs and line
//! breaks are dropped, and `//evil.example` is another site. So `/\evil.example`
//! and `/<tab>/evil.example` (which `?then=/%09/evil.example` becomes once the
//! query is decoded) both leave Voice. A path is accepted only when neither
//! it nor its percent-decoded form can be read as anything but a path here.

use serde::{Deserialize, Serialize};

/// A path on this site: starts with a single `/`, holds no `\`, no spaces
/// and no control characters, before or after percent-decoding.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SameSitePath(String);

impl SameSitePath {
    /// The path, if it is one on this site.
    pub fn parse(text: &str) -> Option<SameSitePath> {
        let plain = text.bytes().all(|b| b.is_ascii_graphic() && b != b'\\');
        (plain && is_local(text.as_bytes()) && is_local(&percent_decoded(text)))
            .then(|| SameSitePath(text.to_string()))
    }

    /// The path, or the home page when it is missing or not on this site.
    pub fn or_home(text: Option<&str>) -> SameSitePath {
        text.and_then(SameSitePath::parse)
            .unwrap_or_else(|| SameSitePath("/".into()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for SameSitePath {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// Starts with one `/` (not `//` or `/\`), with no `\` or control
/// character anywhere.
fn is_local(bytes: &[u8]) -> bool {
    bytes.first() == Some(&b'/')
        && !matches!(bytes.get(1), Some(b'/' | b'\\'))
        && !bytes.iter().any(|&b| b == b'\\' || b.is_ascii_control())
}

/// The bytes with every `%XY` decoded (anything else left as it is).
fn percent_decoded(text: &str) -> Vec<u8> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|pair| std::str::from_utf8(pair).ok())
            .and_then(|pair| u8::from_str_radix(pair, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(decoded)) => {
                out.push(decoded);
                i += 3;
            }
            (byte, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_on_this_site_are_kept_as_they_are() {
        for path in [
            "/",
            "/surveys/1/check",
            "/s/link/resp/questions/3",
            "/x?y=1&z",
            "/rights/new/ab#details",
            "/help%20me",
        ] {
            assert_eq!(SameSitePath::parse(path).map(|p| p.0), Some(path.into()));
        }
    }

    #[test]
    fn anything_a_browser_could_read_as_another_site_is_refused() {
        for hostile in [
            "/\\evil.example",
            "/\t/evil.example",
            "/%09/evil.example",
            "/\n/evil.example",
            "/%0a/evil.example",
            "/%5Cevil.example",
            "/%2F/evil.example",
            "//evil.example",
            "//evil.example/x",
            "///evil.example",
            "https://evil.example",
            "javascript:alert(1)",
            "evil.example",
            " /\\evil.example",
            "/ /evil.example",
            "/a\\..\\..\\evil.example",
            "",
        ] {
            assert_eq!(SameSitePath::parse(hostile), None, "{hostile:?}");
        }
    }

    #[test]
    fn missing_or_refused_paths_go_home() {
        assert_eq!(SameSitePath::or_home(None).as_str(), "/");
        assert_eq!(SameSitePath::or_home(Some("/\\evil.example")).as_str(), "/");
        assert_eq!(SameSitePath::or_home(Some("/surveys")).as_str(), "/surveys");
    }
}
