//! What a Right to Rights item is: the kind of thing a young person raises,
//! where it has got to, how it ended, how they want to be contacted, and the
//! short reference they can quote.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::stored_enum::stored_enum;

/// The longest a young person's description may be, in characters.
pub const MAX_DETAIL_CHARS: usize = 4000;
/// The longest "safe times to contact me" may be, in characters.
pub const MAX_SAFE_TIMES_CHARS: usize = 500;
/// The longest a reply to a young person may be, in characters.
pub const MAX_REPLY_CHARS: usize = 4000;
/// The longest a reason (for an extension, closing, reopening) may be.
pub const MAX_REASON_CHARS: usize = 500;

stored_enum! {
    /// What a young person is raising.
    pub enum ConcernKind as "kind of concern" {
        Concern = "concern" => "A worry or complaint about the service",
        Help = "help" => "Help with something important to me",
        Advocate = "advocate" => "I want an advocate",
        Compliment = "compliment" => "A compliment",
    }
}

stored_enum! {
    /// Where an item has got to.
    pub enum ConcernStatus as "concern status" {
        Received = "received" => "Received",
        WithAdvocate = "with_advocate" => "With an advocate",
        BeingLookedInto = "being_looked_into" => "Being looked into",
        Answered = "answered" => "Answered",
        Closed = "closed" => "Closed",
    }
}

impl ConcernStatus {
    /// Whether an item may move from this status to `next`. Staying the same
    /// is not a move. An answer can be looked into again when the young
    /// person is not happy with it or adds something, and a closed item can
    /// only be reopened to be looked into again (stage 2).
    pub fn can_move_to(self, next: ConcernStatus) -> bool {
        use ConcernStatus::*;
        matches!(
            (self, next),
            (Received, WithAdvocate | BeingLookedInto | Answered | Closed)
                | (WithAdvocate, BeingLookedInto | Answered | Closed)
                | (BeingLookedInto, Answered | Closed | WithAdvocate)
                | (Answered, BeingLookedInto | Closed)
                | (Closed, BeingLookedInto)
        )
    }
}

/// A move between statuses that is not allowed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct IllegalTransition {
    pub from: ConcernStatus,
    pub to: ConcernStatus,
}

impl fmt::Display for IllegalTransition {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.from == self.to {
            write!(f, "This is already \"{}\".", self.from.label())
        } else {
            write!(
                f,
                "This can't be moved from \"{}\" to \"{}\".",
                self.from.label(),
                self.to.label()
            )
        }
    }
}

impl std::error::Error for IllegalTransition {}

/// Moves an item from one status to another, if that move is allowed.
pub fn transition(
    from: ConcernStatus,
    to: ConcernStatus,
) -> Result<ConcernStatus, IllegalTransition> {
    if from.can_move_to(to) {
        Ok(to)
    } else {
        Err(IllegalTransition { from, to })
    }
}

stored_enum! {
    /// How an item ended.
    pub enum Outcome as "concern outcome" {
        Resolved = "resolved" => "Resolved",
        PartlyResolved = "partly_resolved" => "Partly resolved",
        NotResolved = "not_resolved" => "Not resolved",
        Withdrawn = "withdrawn" => "Withdrawn by the young person",
        ReferredOn = "referred_on" => "Passed on to another service",
    }
}

stored_enum! {
    /// How a young person wants to hear back.
    pub enum ContactMethod as "contact method" {
        InApp = "in_app" => "In Voice (on this app)",
        Phone = "phone" => "Phone call",
        Text = "text" => "Text message",
        ThroughWorker = "worker" => "Through my social worker or personal adviser",
    }
}

impl ContactMethod {
    /// Whether the young person must give a phone number for this.
    pub fn needs_number(self) -> bool {
        matches!(self, ContactMethod::Phone | ContactMethod::Text)
    }
}

/// The letters and digits references are made of: no 0, 1, I, L, O or U, so
/// nothing is misread when a young person reads it out or copies it down.
pub const REFERENCE_ALPHABET: &[u8; 30] = b"23456789ABCDEFGHJKMNPQRSTVWXYZ";
const REFERENCE_PREFIX: &str = "RTR-";

/// One character of the alphabet for each random byte.
pub fn unmistakable_characters(bytes: &[u8]) -> String {
    bytes
        .iter()
        .map(|&b| char::from(REFERENCE_ALPHABET[usize::from(b) % REFERENCE_ALPHABET.len()]))
        .collect()
}
const REFERENCE_CHARS: usize = 4;

/// The short reference a young person can quote, like `RTR-7K4Q`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Reference(String);

impl Reference {
    /// Builds a reference from four random bytes (the server passes them).
    pub fn from_random(bytes: [u8; REFERENCE_CHARS]) -> Reference {
        Reference(format!(
            "{REFERENCE_PREFIX}{}",
            unmistakable_characters(&bytes)
        ))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A UK phone number, stored as digits starting with 0, like `07700900982`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PhoneNumber(String);

impl PhoneNumber {
    /// Reads a UK mobile (07, 11 digits) or landline (01, 02 or 03, 10 or 11
    /// digits) number. Spaces, dashes and brackets are ignored, and +44 is
    /// read as 0, so "+44 (0)7700 900982" is `07700900982`.
    pub fn parse(input: &str) -> Result<PhoneNumber, &'static str> {
        let cleaned: String = input
            .chars()
            .filter(|c| !c.is_whitespace() && !matches!(c, '-' | '(' | ')'))
            .collect();
        if cleaned.is_empty() {
            return Err("Enter a phone number, like 07700 900 982");
        }
        let national = match cleaned.strip_prefix("+44") {
            // "+44 (0)7700..." leaves the 0 in place.
            Some(rest) if rest.starts_with('0') => rest.to_string(),
            Some(rest) if rest.len() == 10 => format!("0{rest}"),
            Some(_) => return Err(NOT_UK),
            None => cleaned,
        };
        let digits = national.len();
        let valid = national.bytes().all(|b| b.is_ascii_digit())
            && match national.get(..2) {
                Some("07") => digits == 11,
                Some("01" | "02" | "03") => (10..=11).contains(&digits),
                _ => false,
            };
        if valid {
            Ok(PhoneNumber(national))
        } else {
            Err(NOT_UK)
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

const NOT_UK: &str = "Enter a UK phone number, like 07700 900 982";

#[cfg(test)]
mod tests {
    use super::*;
    use ConcernStatus::*;

    /// Every move that is allowed; every other pair must be refused.
    const LEGAL: [(ConcernStatus, ConcernStatus); 13] = [
        (Received, WithAdvocate),
        (Received, BeingLookedInto),
        (Received, Answered),
        (Received, Closed),
        (WithAdvocate, BeingLookedInto),
        (WithAdvocate, Answered),
        (WithAdvocate, Closed),
        (BeingLookedInto, Answered),
        (BeingLookedInto, Closed),
        (BeingLookedInto, WithAdvocate),
        (Answered, BeingLookedInto),
        (Answered, Closed),
        (Closed, BeingLookedInto),
    ];

    #[test]
    fn only_the_listed_moves_are_allowed() {
        for from in ConcernStatus::ALL {
            for to in ConcernStatus::ALL {
                let legal = LEGAL.contains(&(from, to));
                assert_eq!(from.can_move_to(to), legal, "{from:?} -> {to:?}");
                match transition(from, to) {
                    Ok(next) => {
                        assert!(legal, "{from:?} -> {to:?}");
                        assert_eq!(next, to);
                    }
                    Err(refused) => {
                        assert!(!legal, "{from:?} -> {to:?}");
                        assert_eq!(refused, IllegalTransition { from, to });
                    }
                }
            }
        }
    }

    #[test]
    fn staying_the_same_is_not_a_move() {
        for status in ConcernStatus::ALL {
            assert!(!status.can_move_to(status), "{status:?}");
        }
    }

    #[test]
    fn a_closed_item_can_only_be_reopened_to_be_looked_into() {
        let reopenable: Vec<_> = ConcernStatus::ALL
            .into_iter()
            .filter(|next| Closed.can_move_to(*next))
            .collect();
        assert_eq!(reopenable, [BeingLookedInto]);
    }

    #[test]
    fn nothing_goes_back_to_received() {
        assert!(ConcernStatus::ALL
            .into_iter()
            .all(|from| !from.can_move_to(Received)));
    }

    #[test]
    fn refused_moves_are_explained_in_plain_english() {
        assert_eq!(
            transition(Closed, Answered).unwrap_err().to_string(),
            "This can't be moved from \"Closed\" to \"Answered\"."
        );
        assert_eq!(
            transition(Answered, Answered).unwrap_err().to_string(),
            "This is already \"Answered\"."
        );
    }

    #[test]
    fn kinds_round_trip_and_have_labels_for_young_people() {
        for kind in ConcernKind::ALL {
            assert_eq!(ConcernKind::parse(kind.as_str()), Some(kind));
            assert!(!kind.label().is_empty());
        }
        assert_eq!(ConcernKind::parse("complaint"), None);
        assert_eq!(ConcernKind::parse("Concern"), None);
        assert_eq!(
            ConcernKind::Concern.label(),
            "A worry or complaint about the service"
        );
        assert_eq!(ConcernKind::Advocate.label(), "I want an advocate");
    }

    #[test]
    fn statuses_round_trip_through_their_stored_names() {
        for status in ConcernStatus::ALL {
            assert_eq!(ConcernStatus::parse(status.as_str()), Some(status));
        }
        assert_eq!(ConcernStatus::parse("open"), None);
        assert_eq!(WithAdvocate.as_str(), "with_advocate");
        assert_eq!(WithAdvocate.label(), "With an advocate");
        assert_eq!(BeingLookedInto.label(), "Being looked into");
    }

    #[test]
    fn outcomes_round_trip_through_their_stored_names() {
        for outcome in Outcome::ALL {
            assert_eq!(Outcome::parse(outcome.as_str()), Some(outcome));
            assert!(!outcome.label().is_empty());
        }
        assert_eq!(Outcome::parse("upheld"), None);
        assert_eq!(Outcome::PartlyResolved.as_str(), "partly_resolved");
    }

    #[test]
    fn contact_methods_round_trip_and_phone_and_text_need_a_number() {
        for method in ContactMethod::ALL {
            assert_eq!(ContactMethod::parse(method.as_str()), Some(method));
        }
        assert_eq!(ContactMethod::parse("email"), None);
        assert_eq!(ContactMethod::ThroughWorker.as_str(), "worker");
        assert_eq!(
            ContactMethod::ThroughWorker.label(),
            "Through my social worker or personal adviser"
        );
        let needing: Vec<_> = ContactMethod::ALL
            .into_iter()
            .filter(|m| m.needs_number())
            .collect();
        assert_eq!(needing, [ContactMethod::Phone, ContactMethod::Text]);
    }

    #[test]
    fn references_use_only_the_alphabet_and_have_eight_characters() {
        for first in 0..=u8::MAX {
            let reference = Reference::from_random([first, first.wrapping_mul(7), 255, 0]);
            let text = reference.as_str();
            assert_eq!(text.len(), 8, "{text}");
            assert!(text.starts_with("RTR-"), "{text}");
            assert!(
                text[4..].bytes().all(|b| REFERENCE_ALPHABET.contains(&b)),
                "{text}"
            );
        }
        assert_eq!(Reference::from_random([0, 1, 29, 30]).as_str(), "RTR-23Z2");
    }

    #[test]
    fn every_letter_of_the_alphabet_can_be_drawn() {
        let drawn: std::collections::BTreeSet<String> = (0..=u8::MAX)
            .map(|b| Reference::from_random([b; 4]).as_str()[4..5].to_string())
            .collect();
        assert_eq!(drawn.len(), REFERENCE_ALPHABET.len());
    }

    #[test]
    fn mobile_numbers_are_read_in_the_usual_ways() {
        for typed in [
            "07700900982",
            "07700 900 982",
            "07700 900982",
            "07700-900-982",
            "(07700) 900982",
            "+447700900982",
            "+44 7700 900982",
            "+44 (0)7700 900982",
            " 07700 900982 ",
        ] {
            assert_eq!(
                PhoneNumber::parse(typed).map(|n| n.as_str().to_string()),
                Ok("07700900982".to_string()),
                "{typed}"
            );
        }
    }

    #[test]
    fn landline_numbers_of_ten_or_eleven_digits_are_accepted() {
        for (typed, stored) in [
            ("020 7946 0018", "02079460018"),
            ("0113 496 0000", "01134960000"),
            ("01632 960001", "01632960001"),
            ("016977 3999", "0169773999"),
            ("0300 123 4567", "03001234567"),
            ("+44 20 7946 0018", "02079460018"),
        ] {
            assert_eq!(
                PhoneNumber::parse(typed).map(|n| n.as_str().to_string()),
                Ok(stored.to_string()),
                "{typed}"
            );
        }
    }

    #[test]
    fn missing_phone_numbers_are_asked_for() {
        for empty in ["", "   ", " - ( ) "] {
            assert_eq!(
                PhoneNumber::parse(empty),
                Err("Enter a phone number, like 07700 900 982"),
                "{empty:?}"
            );
        }
    }

    #[test]
    fn numbers_that_are_not_uk_phone_numbers_are_refused() {
        for bad in [
            "0770090098",
            "077009009822",
            "7700900982",
            "0800 123 4567",
            "0901 234 5678",
            "+1 202 555 0123",
            "+44 7700 90098",
            "+4477009009822",
            "07700 9OO 982",
            "0770.090.0982",
            "999",
            "my mum's phone",
        ] {
            assert_eq!(
                PhoneNumber::parse(bad),
                Err("Enter a UK phone number, like 07700 900 982"),
                "{bad}"
            );
        }
    }
}
