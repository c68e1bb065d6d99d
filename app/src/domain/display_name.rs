use serde::{Deserialize, Serialize};

/// The name Voice greets someone by. Staff choose it when they create the
/// account; a first name is enough.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DisplayName(String);

impl DisplayName {
    pub const MAX_LEN: usize = 60;

    pub fn parse(input: &str) -> Result<DisplayName, &'static str> {
        let name = input.trim();
        if name.is_empty() {
            return Err("Enter a name");
        }
        if name.chars().count() > Self::MAX_LEN {
            return Err("Name must be 60 characters or fewer");
        }
        if name
            .chars()
            .any(|c| c.is_control() || matches!(c, '<' | '>'))
        {
            return Err("Name must not contain < or > or control characters");
        }
        Ok(DisplayName(name.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trims_and_accepts_ordinary_names() {
        assert_eq!(
            DisplayName::parse("  Zoë O'Neill ").unwrap().as_str(),
            "Zoë O'Neill"
        );
    }

    #[test]
    fn rejects_empty_long_and_markup() {
        assert_eq!(DisplayName::parse("   "), Err("Enter a name"));
        assert!(DisplayName::parse(&"x".repeat(61)).is_err());
        assert!(DisplayName::parse("<script>").is_err());
    }
}
