use serde::{Deserialize, Serialize};

/// A one-time code that a young person (or a new member of staff) types or
/// scans to set their own password. Twelve characters of Crockford's base 32
/// (no I, L, O or U, so nothing is misread from a printed letter), shown as
/// three groups of four: `7K4Q-M2XP-9BHD`. That is 60 bits; with the
/// activation rate limit and an expiry it cannot be guessed, and it is stored
/// only as a keyed hash (see `accounts::activation_key`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActivationCode(String);

pub const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const LENGTH: usize = 12;
/// Characters shown together between dashes.
const GROUP: usize = 4;

impl ActivationCode {
    /// Builds a code from twelve numbers below 32 (the server passes random ones).
    pub fn from_indices(indices: [u8; LENGTH]) -> ActivationCode {
        ActivationCode(
            indices
                .iter()
                .map(|&i| ALPHABET[usize::from(i % 32)] as char)
                .collect(),
        )
    }

    /// Reads what a person typed: case, spaces and dashes do not matter, and
    /// the letters people confuse with digits (O, I, L) are read as digits.
    pub fn parse(input: &str) -> Result<ActivationCode, &'static str> {
        let cleaned: String = input
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '-')
            .map(|c| match c.to_ascii_uppercase() {
                'O' => '0',
                'I' | 'L' => '1',
                other => other,
            })
            .collect();
        if cleaned.is_empty() {
            return Err("Enter your activation code");
        }
        if cleaned.chars().count() != LENGTH || !cleaned.bytes().all(|b| ALPHABET.contains(&b)) {
            return Err("Enter the 12 letters and numbers exactly as they are on your letter, like 7K4Q-M2XP-9BHD");
        }
        Ok(ActivationCode(cleaned))
    }

    /// The canonical form, without the dash; this is what is hashed and stored.
    pub fn canonical(&self) -> &str {
        &self.0
    }

    /// How the code is shown to people: `7K4Q-M2XP-9BHD`.
    pub fn display(&self) -> String {
        let groups: Vec<&str> = (0..LENGTH)
            .step_by(GROUP)
            .map(|start| &self.0[start..start + GROUP])
            .collect();
        groups.join("-")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shows_codes_in_three_groups() {
        let code = ActivationCode::from_indices([7, 19, 4, 23, 20, 2, 29, 22, 9, 11, 17, 13]);
        assert_eq!(code.display(), "7K4Q-M2XP-9BHD");
        assert_eq!(code.canonical(), "7K4QM2XP9BHD");
    }

    #[test]
    fn reads_what_people_type_forgivingly() {
        let expected = ActivationCode::parse("7K4Q-M2XP-9BHD").unwrap();
        assert_eq!(ActivationCode::parse(" 7k4q m2xp 9bhd ").unwrap(), expected);
        assert_eq!(
            ActivationCode::parse("O1L0-0000-0000").unwrap().canonical(),
            "011000000000"
        );
    }

    #[test]
    fn refuses_wrong_lengths_and_letters_not_in_the_alphabet() {
        assert_eq!(ActivationCode::parse(""), Err("Enter your activation code"));
        assert!(
            ActivationCode::parse("7K4Q-M2XP").is_err(),
            "the old 8-letter codes are refused"
        );
        assert!(ActivationCode::parse("7K4Q-M2XP-9BHDD").is_err());
        assert!(
            ActivationCode::parse("7K4Q-M2XP-9BHU").is_err(),
            "U is not in Crockford base 32"
        );
    }
}
