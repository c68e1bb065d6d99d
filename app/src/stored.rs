//! Domain values read straight out of the database. Each type here decodes
//! itself from the text it is stored as, and a stored text that does not
//! parse is a decode error: the query fails, the failure is logged with the
//! value, and the person is told something went wrong. Never a default: a
//! status guessed as "received" or a due date read as 1 January 1970 would
//! be a wrong answer on a statutory clock, shown as if it were right.

use chrono::{DateTime, Utc};
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
    parse(&text).ok_or_else(|| not_stored(what, text))
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

/// A moment, stored as whole seconds since 1970 (UTC). A number no calendar
/// holds is a decode error, never 1 January 1970.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct StoredTime(pub DateTime<Utc>);

impl Type<Any> for StoredTime {
    fn type_info() -> AnyTypeInfo {
        <i64 as Type<Any>>::type_info()
    }
}

impl<'r> Decode<'r, Any> for StoredTime {
    fn decode(value: AnyValueRef<'r>) -> Result<Self, BoxDynError> {
        let seconds = <i64 as Decode<Any>>::decode(value)?;
        DateTime::from_timestamp(seconds, 0)
            .map(StoredTime)
            .ok_or_else(|| not_stored("time (seconds since 1970)", seconds))
    }
}

/// A face rating's score, stored as 1 (really unhappy) to 5 (really happy);
/// "not sure" is stored as NULL, so it reads as `Option<FaceScore>`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FaceScore(pub u8);

impl Type<Any> for FaceScore {
    fn type_info() -> AnyTypeInfo {
        <i64 as Type<Any>>::type_info()
    }
}

impl<'r> Decode<'r, Any> for FaceScore {
    fn decode(value: AnyValueRef<'r>) -> Result<Self, BoxDynError> {
        let score = <i64 as Decode<Any>>::decode(value)?;
        u8::try_from(score)
            .ok()
            .filter(|score| (1..=5).contains(score))
            .map(FaceScore)
            .ok_or_else(|| not_stored("face score (1 to 5)", score))
    }
}

/// The score of a rating that may be "not sure".
pub fn face_score(score: Option<FaceScore>) -> Option<u8> {
    score.map(|FaceScore(score)| score)
}

/// A birth month, stored as a year and a month number, both or neither.
pub fn stored_birth_month(
    year: Option<i64>,
    month: Option<i64>,
) -> Result<Option<BirthMonth>, sqlx::Error> {
    match (year, month) {
        (None, None) => Ok(None),
        (Some(year), Some(month)) => i32::try_from(year)
            .ok()
            .zip(u32::try_from(month).ok())
            .and_then(|(year, month)| BirthMonth::new(year, month))
            .map(Some)
            .ok_or_else(|| {
                sqlx::Error::Decode(not_stored("birth month", format!("{year}-{month}")))
            }),
        (year, month) => Err(sqlx::Error::Decode(not_stored(
            "birth month (year and month)",
            format!("{year:?}-{month:?}"),
        ))),
    }
}

/// A value read from a stored text with `parse`, for columns decoded as text
/// and read further by the store (a list of age bands, say).
pub fn parse_stored<T>(
    text: &str,
    what: &'static str,
    parse: impl FnOnce(&str) -> Option<T>,
) -> Result<T, sqlx::Error> {
    parse(text).ok_or_else(|| sqlx::Error::Decode(not_stored(what, text)))
}

fn not_stored(what: &'static str, value: impl ToString) -> BoxDynError {
    Box::new(NotAStoredValue {
        what,
        value: value.to_string(),
    })
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

use crate::domain::{BirthMonth, Day, Period};

stored_as_text!(
    Day => "day (YYYY-MM-DD)" by Day::parse,
    Period => "reporting period" by Period::parse_key,
);
