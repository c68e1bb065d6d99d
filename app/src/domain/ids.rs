//! The ids of the things people make (an account, a survey, a concern, a
//! live session), each its own type, so a survey's id cannot be passed
//! where an account's is wanted. They arrive from addresses and forms as
//! text and are stored as text; an id that names nothing finds nothing.

/// ```ignore
/// text_id! {
///     /// An account.
///     pub struct AccountId;
/// }
/// ```
macro_rules! text_id {
    ($(#[$meta:meta])* $vis:vis struct $name:ident;) => {
        $(#[$meta])*
        #[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize)]
        #[serde(transparent)]
        $vis struct $name(String);

        impl $name {
            pub fn as_str(&self) -> &str {
                &self.0
            }

            /// A new random id (see `db::new_id`).
            #[cfg(feature = "ssr")]
            pub fn new_random() -> $name {
                $name($crate::db::new_id())
            }
        }

        impl From<String> for $name {
            fn from(id: String) -> $name {
                $name(id)
            }
        }

        impl From<&str> for $name {
            fn from(id: &str) -> $name {
                $name(id.to_string())
            }
        }

        /// So a page can put it in an address or a hidden field as it is.
        impl leptos::prelude::IntoAttributeValue for $name {
            type Output = String;

            fn into_attribute_value(self) -> String {
                self.0
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&self.0)
            }
        }

        #[cfg(feature = "ssr")]
        impl sqlx::Type<sqlx::Any> for $name {
            fn type_info() -> sqlx::any::AnyTypeInfo {
                <String as sqlx::Type<sqlx::Any>>::type_info()
            }
        }

        #[cfg(feature = "ssr")]
        impl<'r> sqlx::Decode<'r, sqlx::Any> for $name {
            fn decode(value: sqlx::any::AnyValueRef<'r>) -> Result<Self, sqlx::error::BoxDynError> {
                <String as sqlx::Decode<sqlx::Any>>::decode(value).map($name)
            }
        }

        #[cfg(feature = "ssr")]
        impl<'q> sqlx::Encode<'q, sqlx::Any> for $name {
            fn encode_by_ref(
                &self,
                buf: &mut <sqlx::Any as sqlx::Database>::ArgumentBuffer<'q>,
            ) -> Result<sqlx::encode::IsNull, sqlx::error::BoxDynError> {
                <String as sqlx::Encode<'q, sqlx::Any>>::encode_by_ref(&self.0, buf)
            }
        }
    };
}

text_id! {
    /// An account: a young person's, or a member of staff's.
    pub struct AccountId;
}

text_id! {
    /// A survey (all its versions share it).
    pub struct SurveyId;
}

text_id! {
    /// A Right to Rights concern (not its reference, like `RTR-7K4Q`, which
    /// is what the young person and staff read).
    pub struct ConcernId;
}

text_id! {
    /// A live forum session.
    pub struct LiveSessionId;
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;

    #[test]
    fn an_id_travels_as_its_bare_text() {
        let id = SurveyId::from("abc123");
        assert_eq!(serde_json::to_string(&id).unwrap(), "\"abc123\"");
        assert_eq!(serde_json::from_str::<SurveyId>("\"abc123\"").unwrap(), id);
        assert_eq!(id.to_string(), "abc123");
    }
}
