//! What a person is told when something goes wrong. Internal errors are
//! logged in full on the server and reach the page only as a plain sentence.

use leptos::prelude::ServerFnError;

pub const SOMETHING_WENT_WRONG: &str = "Something went wrong on our side. Please try again.";
pub const SIGN_IN_NEEDED: &str = "Please sign in to see this.";
pub const NOT_ALLOWED: &str = "Your account does not have access to this.";

/// The sentence to show for a server function's error.
pub fn user_message(error: &ServerFnError) -> String {
    match error {
        ServerFnError::ServerError(message) => message.clone(),
        // Server functions run only on the server now (no page is
        // hydrated), so no request from the browser can fail on the way.
        _ => SOMETHING_WENT_WRONG.to_string(),
    }
}

/// Logs an internal failure with its cause and returns the plain sentence.
#[cfg(feature = "ssr")]
pub fn internal(what: &str, error: impl std::fmt::Display) -> ServerFnError {
    tracing::error!("{what}: {error}");
    ServerFnError::new(SOMETHING_WENT_WRONG)
}
