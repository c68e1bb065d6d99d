//! The server's secret for activation codes. A code is stored as its
//! HMAC-SHA256 under this key, so a copy of the database alone cannot be
//! used to find a pending code or to plant one: the key lives outside the
//! database (`VOICE_SECRET_KEY`, or a key file; see the README).

use crate::domain::ActivationCode;
use hmac::{Hmac, Mac};
use rand::RngCore;
use sha2::Sha256;

/// The shortest secret accepted from the environment: 32 characters.
pub const MIN_SECRET_CHARS: usize = 32;

#[derive(Clone)]
pub struct ActivationKey(Vec<u8>);

impl ActivationKey {
    /// A key from a configured secret, refused when it is too short to be
    /// one.
    pub fn from_secret(secret: &str) -> Result<ActivationKey, String> {
        let secret = secret.trim();
        if secret.chars().count() < MIN_SECRET_CHARS {
            return Err(format!(
                "the secret key must be at least {MIN_SECRET_CHARS} characters long"
            ));
        }
        Ok(ActivationKey(secret.as_bytes().to_vec()))
    }

    /// A new random secret, as text for a key file.
    pub fn new_secret() -> String {
        let mut bytes = [0u8; 32];
        rand::rngs::OsRng.fill_bytes(&mut bytes);
        hex::encode(bytes)
    }

    /// What is stored for `code`.
    pub fn hash(&self, code: &ActivationCode) -> String {
        // HMAC takes a key of any length, so this cannot fail.
        let mut mac = Hmac::<Sha256>::new_from_slice(&self.0).expect("HMAC takes any key length");
        mac.update(code.canonical().as_bytes());
        hex::encode(mac.finalize().into_bytes())
    }
}

/// A random key: for tests, and for codes used at once (demo accounts).
impl Default for ActivationKey {
    fn default() -> Self {
        ActivationKey(ActivationKey::new_secret().into_bytes())
    }
}

/// Never shows the secret, in a log or anywhere else.
impl std::fmt::Debug for ActivationKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ActivationKey(hidden)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code() -> ActivationCode {
        ActivationCode::parse("7K4Q-M2XP-9BHD").unwrap()
    }

    #[test]
    fn the_same_code_hashes_differently_under_another_key() {
        let one = ActivationKey::from_secret(&"a".repeat(32)).unwrap();
        let other = ActivationKey::from_secret(&"b".repeat(32)).unwrap();
        assert_eq!(one.hash(&code()), one.hash(&code()));
        assert_ne!(one.hash(&code()), other.hash(&code()));
    }

    #[test]
    fn a_short_secret_is_refused_and_never_shown() {
        assert!(ActivationKey::from_secret("short").is_err());
        let key = ActivationKey::from_secret(&"s".repeat(40)).unwrap();
        assert!(!format!("{key:?}").contains("sss"));
    }
}
