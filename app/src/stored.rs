//! Domain values read straight out of the database. Each type here decodes
//! itself from the text it is stored as, and a stored text that does not
//! parse is a decode error: the query fails, the failure is logged with the
//! value, and the person is told something went wrong. Never a default: a
//! status guessed as "received" or a due date read as 1 January 1970 would
//! be a wrong answer on a statutory clock, shown as if it were right.

use sqlx::any::{Any, AnyTypeInfo, AnyValueRef};
use sqlx::error::BoxDynError;
use sqlx::{Decode, Type};

/// A stored text that names no value of its type.
#[derive(Debug, thiserror::Error)]
#[error("the database holds {value:?} as a {what}, which is not one")]
pub struct NotAStoredValue {
    what: &'static str,
    value: String,
}

/// Reads `T` from its stored text with `parse`.
pub fn decode_text<T>(
    value: AnyValueRef<'_>,
    what: &'static str,
    parse: impl FnOnce(&str) -> Option<T>,
) -> Result<T, BoxDynError> {
    let text = <String as Decode<Any>>::decode(value)?;
    parse(&text).ok_or_else(|| Box::new(NotAStoredValue { what, value: text }) as BoxDynError)
}

/// Questions and answers, stored as JSON. JSON that does not read as one is
/// an error, never an empty survey or a missing answer.
pub fn stored_json<T: serde::de::DeserializeOwned>(json: &str) -> Result<T, sqlx::Error> {
    serde_json::from_str(json).map_err(|error| sqlx::Error::Decode(Box::new(error)))
}

/// A question's number, stored as an integer.
pub fn stored_question_id(id: i64) -> Result<u32, sqlx::Error> {
    u32::try_from(id).map_err(|error| sqlx::Error::Decode(Box::new(error)))
}

/// Makes a type readable from the database as text, through a
/// `fn(&str) -> Option<Self>`: `stored_as_text!(Role => "role" by Role::parse)`.
macro_rules! stored_as_text {
    ($($type:ty => $what:literal by $parse:path),* $(,)?) => {$(
        impl Type<Any> for $type {
            fn type_info() -> AnyTypeInfo {
                <String as Type<Any>>::type_info()
            }
        }

        impl<'r> Decode<'r, Any> for $type {
            fn decode(value: AnyValueRef<'r>) -> Result<Self, BoxDynError> {
                decode_text(value, $what, $parse)
            }
        }
    )*};
}

use crate::domain::{Day, Period};

stored_as_text!(
    Day => "day (YYYY-MM-DD)" by Day::parse,
    Period => "reporting period" by Period::parse_key,
);
