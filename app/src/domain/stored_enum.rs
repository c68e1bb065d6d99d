//! One declaration for the closed sets of values Voice stores as text (a
//! role, a concern's status, a survey's status...). Each variant is written
//! once with the name it is stored and sent in forms as, and the words people
//! read; the macro gives the type `ALL`, `as_str`, `parse` and `label`, and
//! on the server the database codecs, where a stored name that is not one of
//! the variants is a decode error, never a default.

/// ```ignore
/// stored_enum! {
///     /// Where a session has got to.
///     pub enum SessionStatus as "session status" {
///         Draft = "draft" => "Being prepared",
///         Open = "open" => "Running",
///     }
/// }
/// ```
macro_rules! stored_enum {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident as $what:literal {
            $( $(#[$variant_meta:meta])* $variant:ident = $stored:literal => $label:literal ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
        $vis enum $name {
            $( $(#[$variant_meta])* $variant ),+
        }

        impl $name {
            /// Every value, in the order they are offered.
            pub const ALL: [$name; [$($stored),+].len()] = [$($name::$variant),+];

            /// The name stored in the database and used in forms.
            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $stored),+
                }
            }

            /// The value stored or sent as `name`, if there is one.
            pub fn parse(name: &str) -> Option<$name> {
                $name::ALL.into_iter().find(|value| value.as_str() == name)
            }

            /// The words people read for it.
            pub fn label(self) -> &'static str {
                match self {
                    $($name::$variant => $label),+
                }
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
                $crate::stored::decode_text(value, $what, $name::parse)
            }
        }

        #[cfg(feature = "ssr")]
        impl<'q> sqlx::Encode<'q, sqlx::Any> for $name {
            fn encode_by_ref(
                &self,
                buf: &mut <sqlx::Any as sqlx::Database>::ArgumentBuffer<'q>,
            ) -> Result<sqlx::encode::IsNull, sqlx::error::BoxDynError> {
                <&str as sqlx::Encode<'q, sqlx::Any>>::encode(self.as_str(), buf)
            }
        }
    };
}

pub(crate) use stored_enum;

#[cfg(test)]
mod tests {
    stored_enum! {
        /// A test set.
        pub enum Weather as "weather" {
            Sunny = "sunny" => "Sunny",
            /// With a doc comment.
            Rain = "rain" => "Raining",
        }
    }

    #[test]
    fn every_value_round_trips_through_its_stored_name_and_nothing_else_reads() {
        assert_eq!(Weather::ALL, [Weather::Sunny, Weather::Rain]);
        for value in Weather::ALL {
            assert_eq!(Weather::parse(value.as_str()), Some(value));
        }
        assert_eq!(Weather::parse("Sunny"), None);
        assert_eq!(Weather::parse(""), None);
        assert_eq!(Weather::Rain.label(), "Raining");
    }
}
