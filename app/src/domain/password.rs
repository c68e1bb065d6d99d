/// A password someone has just chosen. The rules follow NCSC advice: length
/// matters, composition rules do not; the most common passwords are refused.
#[derive(Clone, PartialEq, Eq)]
pub struct NewPassword(String);

/// Which field a password problem belongs beside.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PasswordField {
    Password,
    Confirmation,
}

const COMMON_PASSWORDS: &[&str] = &[
    "password",
    "password1",
    "password123",
    "12345678",
    "123456789",
    "1234567890",
    "qwerty123",
    "qwertyuiop",
    "iloveyou",
    "football",
    "liverpool",
    "11111111",
    "abcdefgh",
    "abc12345",
    "letmein1",
    "sunshine",
    "princess",
    "00000000",
];

impl NewPassword {
    pub const MIN_LEN: usize = 8;
    pub const MAX_LEN: usize = 128;

    pub fn parse(
        password: &str,
        confirmation: &str,
    ) -> Result<NewPassword, (PasswordField, &'static str)> {
        let length = password.chars().count();
        if password.is_empty() {
            return Err((PasswordField::Password, "Enter a password"));
        }
        if length < Self::MIN_LEN {
            return Err((
                PasswordField::Password,
                "Password must be 8 characters or more",
            ));
        }
        if length > Self::MAX_LEN {
            return Err((
                PasswordField::Password,
                "Password must be 128 characters or fewer",
            ));
        }
        if COMMON_PASSWORDS.contains(&password.to_lowercase().as_str())
            || password.chars().all(|c| password.starts_with(c))
        {
            return Err((
                PasswordField::Password,
                "That password is too easy to guess. Try three random words",
            ));
        }
        if password != confirmation {
            return Err((PasswordField::Confirmation, "The passwords do not match"));
        }
        Ok(NewPassword(password.to_string()))
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for NewPassword {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("NewPassword(<hidden>)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_a_long_enough_matching_password() {
        assert!(NewPassword::parse("purple tiger lamp", "purple tiger lamp").is_ok());
    }

    #[test]
    fn says_which_field_is_wrong() {
        assert_eq!(
            NewPassword::parse("", "").unwrap_err().0,
            PasswordField::Password
        );
        assert_eq!(
            NewPassword::parse("short", "short").unwrap_err(),
            (
                PasswordField::Password,
                "Password must be 8 characters or more"
            )
        );
        assert_eq!(
            NewPassword::parse("purple tiger lamp", "purple tiger lump").unwrap_err(),
            (PasswordField::Confirmation, "The passwords do not match")
        );
    }

    #[test]
    fn refuses_common_and_repeated_passwords() {
        assert!(NewPassword::parse("Password123", "Password123").is_err());
        assert!(NewPassword::parse("aaaaaaaaaa", "aaaaaaaaaa").is_err());
        assert!(NewPassword::parse(&"x".repeat(129), &"x".repeat(129)).is_err());
    }

    #[test]
    fn debug_output_hides_the_password() {
        let password = NewPassword::parse("purple tiger lamp", "purple tiger lamp").unwrap();
        assert!(!format!("{password:?}").contains("tiger"));
    }
}
