//! What went wrong, as the one error type every server function returns.
//! Each kind carries its own HTTP status and the plain sentence a person is
//! shown; an internal failure is logged in full (with its chain of causes)
//! on the server, and reaches the page only as "something went wrong".

use crate::forms::field_errors::FieldErrors;
use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

pub const SOMETHING_WENT_WRONG: &str = "Something went wrong on our side. Please try again.";
pub const SIGN_IN_NEEDED: &str = "Please sign in to see this.";
pub const NOT_ALLOWED: &str = "Your account does not have access to this.";
pub const NOT_FOUND: &str = "We could not find that.";
/// What a server function answers when the fields sent to it cannot be read.
pub const UNREADABLE_FORM: &str = "The form could not be read. Please check it and try again.";

/// Why a server function did not do what it was asked.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum VoiceError {
    /// Nobody is signed in (401).
    #[error("{SIGN_IN_NEEDED}")]
    SignInNeeded,
    /// The signed-in account's role may not do this (403).
    #[error("{NOT_ALLOWED}")]
    NotAllowed,
    /// There is no such thing, or it is not this person's (404).
    #[error("{NOT_FOUND}")]
    NotFound,
    /// It exists but cannot be used now: a closed survey, a link already
    /// used (409), with the sentence that says why.
    #[error("{0}")]
    NotOpen(String),
    /// What was sent cannot be read or kept (400), with what to fix.
    #[error("{}", .0.iter().next().map_or(UNREADABLE_FORM, |(_, message)| message))]
    Invalid(FieldErrors),
    /// A fault on our side (500); its cause has been logged.
    #[error("{SOMETHING_WENT_WRONG}")]
    Internal,
}

impl VoiceError {
    pub fn unreadable() -> VoiceError {
        VoiceError::Invalid(FieldErrors::form(UNREADABLE_FORM))
    }

    #[cfg(feature = "ssr")]
    pub fn status(&self) -> http::StatusCode {
        use http::StatusCode;
        match self {
            VoiceError::SignInNeeded => StatusCode::UNAUTHORIZED,
            VoiceError::NotAllowed => StatusCode::FORBIDDEN,
            VoiceError::NotFound => StatusCode::NOT_FOUND,
            VoiceError::NotOpen(_) => StatusCode::CONFLICT,
            VoiceError::Invalid(_) => StatusCode::BAD_REQUEST,
            VoiceError::Internal => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// Gives the response being made this error's status.
    pub fn set_response_status(&self) {
        #[cfg(feature = "ssr")]
        set_status(self.status());
    }
}

impl FromServerFnError for VoiceError {
    type Encoder = JsonEncoding;

    /// Leptos' own failures: fields that cannot be read are the caller's
    /// mistake (400); anything else is ours.
    fn from_server_fn_error(error: ServerFnErrorErr) -> Self {
        match error {
            ServerFnErrorErr::Args(_) | ServerFnErrorErr::Deserialization(_) => {
                VoiceError::unreadable()
            }
            #[cfg(feature = "ssr")]
            other => internal("server function", other),
            #[cfg(not(feature = "ssr"))]
            _ => VoiceError::Internal,
        }
    }

    /// Called as the error becomes a server function's response, so the
    /// response's status is the variant's.
    #[cfg(feature = "ssr")]
    fn ser(&self) -> leptos::server_fn::Bytes {
        use leptos::server_fn::Encodes;
        self.set_response_status();
        Self::Encoder::encode(self).unwrap_or_default()
    }
}

#[cfg(feature = "ssr")]
pub use ssr::{internal, set_status, Context};

/// For handlers outside Leptos (downloads, live streams): the status and
/// the plain sentence.
#[cfg(feature = "ssr")]
impl axum::response::IntoResponse for VoiceError {
    fn into_response(self) -> axum::response::Response {
        (self.status(), self.to_string()).into_response()
    }
}

#[cfg(feature = "ssr")]
mod ssr {
    use super::VoiceError;

    /// Gives the response being drawn (a page or a server function's reply)
    /// this status.
    pub fn set_status(status: http::StatusCode) {
        if let Some(response) = leptos::prelude::use_context::<leptos_axum::ResponseOptions>() {
            response.set_status(status);
        }
    }

    /// Logs an internal failure with its cause and gives the plain error.
    pub fn internal(what: &str, cause: impl std::fmt::Display) -> VoiceError {
        tracing::error!("{what}: {cause}");
        VoiceError::Internal
    }

    /// `?` with a note of what was being done: a failure is logged once, with
    /// its whole chain of causes, and the page gets [`VoiceError::Internal`].
    pub trait Context<T> {
        fn context(self, what: &str) -> Result<T, VoiceError>;
    }

    impl<T, E: std::error::Error> Context<T> for Result<T, E> {
        fn context(self, what: &str) -> Result<T, VoiceError> {
            self.map_err(|error| internal(what, cause_chain(&error)))
        }
    }

    /// An error and every cause under it: "a: b: c".
    pub(super) fn cause_chain(error: &dyn std::error::Error) -> String {
        let mut chain = error.to_string();
        let mut cause = error.source();
        while let Some(inner) = cause {
            chain.push_str(": ");
            chain.push_str(&inner.to_string());
            cause = inner.source();
        }
        chain
    }
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::ssr::cause_chain;
    use super::*;

    #[derive(Debug, thiserror::Error)]
    #[error("outer")]
    struct Outer(#[source] std::io::Error);

    #[test]
    fn the_log_keeps_every_cause() {
        let error = Outer(std::io::Error::other("inner"));
        assert_eq!(cause_chain(&error), "outer: inner");
    }

    #[test]
    fn unreadable_fields_are_the_callers_mistake_and_say_so() {
        let error = VoiceError::from_server_fn_error(ServerFnErrorErr::Args("x".into()));
        assert_eq!(error.status(), http::StatusCode::BAD_REQUEST);
        assert_eq!(error.to_string(), UNREADABLE_FORM);
    }

    #[test]
    fn each_kind_reads_back_from_the_wire_as_itself() {
        for error in [
            VoiceError::SignInNeeded,
            VoiceError::NotAllowed,
            VoiceError::NotFound,
            VoiceError::NotOpen("closed".into()),
            VoiceError::unreadable(),
            VoiceError::Internal,
        ] {
            assert_eq!(VoiceError::de(error.ser()), error);
        }
    }
}
