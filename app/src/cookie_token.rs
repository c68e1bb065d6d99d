//! The random tokens Voice keeps in cookies (a signed-in session, writing
//! kept through signing in again). The browser holds the token; the
//! database holds only its SHA-256, so a copy of the database cannot be
//! used in its place.

use rand::RngCore;
use sha2::{Digest, Sha256};

pub fn hash_token(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// A random token for a cookie: 32 bytes, as 64 hex digits.
pub fn new_token() -> String {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    hex::encode(bytes)
}

/// Finds the token that cookie `name` holds in a `Cookie` request header,
/// if it is well formed (as `new_token` makes them).
pub fn token_in_cookie_header<'a>(header: &'a str, name: &str) -> Option<&'a str> {
    header
        .split(';')
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(cookie, _)| *cookie == name)
        .map(|(_, value)| value)
        .filter(|value| value.len() == 64 && value.bytes().all(|b| b.is_ascii_hexdigit()))
}
