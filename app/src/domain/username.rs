use serde::{Deserialize, Serialize};

/// A young person's sign-in name: 3 to 30 characters, lower-case letters,
/// digits, dots, dashes and underscores, starting with a letter or digit.
/// Young people often have no email address, so this is what they type.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Username(String);

impl Username {
    pub const MIN_LEN: usize = 3;
    pub const MAX_LEN: usize = 30;

    pub fn parse(input: &str) -> Result<Username, &'static str> {
        let name = input.trim().to_lowercase();
        if name.is_empty() {
            return Err("Enter a username");
        }
        let length = name.chars().count();
        if length < Self::MIN_LEN {
            return Err("Username must be 3 characters or more");
        }
        if length > Self::MAX_LEN {
            return Err("Username must be 30 characters or fewer");
        }
        if !name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '-' | '_'))
        {
            return Err("Username can only use letters, numbers, dots, dashes and underscores");
        }
        if !name.starts_with(|c: char| c.is_ascii_alphanumeric()) {
            return Err("Username must start with a letter or a number");
        }
        Ok(Username(name))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_and_normalises_a_simple_name() {
        assert_eq!(Username::parse("  Jordan.S ").unwrap().as_str(), "jordan.s");
    }

    #[test]
    fn rejects_names_of_the_wrong_length() {
        assert_eq!(Username::parse(""), Err("Enter a username"));
        assert_eq!(
            Username::parse("ab"),
            Err("Username must be 3 characters or more")
        );
        assert!(Username::parse(&"a".repeat(31)).is_err());
        assert!(Username::parse(&"a".repeat(30)).is_ok());
    }

    #[test]
    fn rejects_spaces_symbols_and_leading_punctuation() {
        assert!(Username::parse("jo dan").is_err());
        assert!(Username::parse("jo@dan").is_err());
        assert!(Username::parse("zoë").is_err());
        assert_eq!(
            Username::parse(".jordan"),
            Err("Username must start with a letter or a number")
        );
    }
}
