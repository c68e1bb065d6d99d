use serde::{Deserialize, Serialize};

/// A staff member's email address, used only to sign in. The check is
/// deliberately simple: one `@`, something either side, a dot in the domain.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EmailAddress(String);

impl EmailAddress {
    pub const MAX_LEN: usize = 254;

    pub fn parse(input: &str) -> Result<EmailAddress, &'static str> {
        let email = input.trim().to_lowercase();
        if email.is_empty() {
            return Err("Enter an email address");
        }
        if email.len() > Self::MAX_LEN {
            return Err("Email address must be 254 characters or fewer");
        }
        let shape_ok = match email.split_once('@') {
            Some((local, domain)) => {
                !local.is_empty()
                    && !domain.contains('@')
                    && domain.contains('.')
                    && !domain.starts_with('.')
                    && !domain.ends_with('.')
                    && !email.chars().any(|c| c.is_whitespace() || c.is_control())
            }
            None => false,
        };
        if !shape_ok {
            return Err("Enter an email address in the correct format, like name@example.com");
        }
        Ok(EmailAddress(email))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_and_lower_cases_an_address() {
        assert_eq!(
            EmailAddress::parse(" Sam.Officer@Council.GOV.uk ")
                .unwrap()
                .as_str(),
            "sam.officer@council.gov.uk"
        );
    }

    #[test]
    fn rejects_malformed_addresses() {
        for bad in [
            "",
            "sam",
            "sam@",
            "@council.gov.uk",
            "sam@council",
            "sam@@x.uk",
            "s am@x.uk",
            "sam@x.uk.",
        ] {
            assert!(
                EmailAddress::parse(bad).is_err(),
                "{bad:?} should be refused"
            );
        }
    }
}
