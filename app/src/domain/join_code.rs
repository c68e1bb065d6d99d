//! The six characters young people type (or scan) to join a live session.
//! Made of the same unmistakable letters and digits as Right to Rights
//! references, and read forgivingly from what a phone keyboard sends.

use super::concern::{unmistakable_characters, REFERENCE_ALPHABET};
use serde::{Deserialize, Serialize};

pub const JOIN_CODE_CHARS: usize = 6;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct JoinCode(String);

impl JoinCode {
    /// A code from six random bytes (the server passes them).
    pub fn from_random(bytes: [u8; JOIN_CODE_CHARS]) -> JoinCode {
        JoinCode(unmistakable_characters(&bytes))
    }

    /// What someone typed: spaces, dashes and case do not matter.
    pub fn parse(input: &str) -> Result<JoinCode, &'static str> {
        let cleaned: String = input
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '-')
            .map(|c| c.to_ascii_uppercase())
            .collect();
        if cleaned.is_empty() {
            return Err("Enter the code on the screen");
        }
        if cleaned.len() != JOIN_CODE_CHARS
            || !cleaned.bytes().all(|b| REFERENCE_ALPHABET.contains(&b))
        {
            return Err("Enter the 6 letters and numbers on the screen, like K7M2QX");
        }
        Ok(JoinCode(cleaned))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_six_unmistakable_characters() {
        for bytes in [[0u8; 6], [255; 6], [29, 30, 31, 100, 200, 7]] {
            let code = JoinCode::from_random(bytes);
            assert_eq!(code.as_str().len(), 6);
            assert!(code
                .as_str()
                .bytes()
                .all(|b| REFERENCE_ALPHABET.contains(&b)));
            assert_eq!(JoinCode::parse(code.as_str()), Ok(code));
        }
    }

    #[test]
    fn what_a_phone_sends_is_read_forgivingly() {
        assert_eq!(JoinCode::parse(" k7m-2qx ").unwrap().as_str(), "K7M2QX");
        assert_eq!(JoinCode::parse("K7M 2QX").unwrap().as_str(), "K7M2QX");
    }

    #[test]
    fn wrong_codes_say_what_to_type() {
        assert_eq!(JoinCode::parse(""), Err("Enter the code on the screen"));
        for bad in ["K7M2Q", "K7M2QXX", "K7M2Q0", "K7M2QI", "K7M2Q!"] {
            assert!(JoinCode::parse(bad).is_err(), "{bad}");
        }
    }
}
