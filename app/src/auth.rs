//! Who is asking: the signed-in account (resolved from the session cookie by
//! the server's middleware) and the role checks every server function makes.

use crate::domain::Role;
use serde::{Deserialize, Serialize};

/// The signed-in account, as pages and server functions see it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionUser {
    pub account_id: String,
    pub role: Role,
    pub display_name: String,
}

#[cfg(feature = "ssr")]
pub mod ssr {
    use super::SessionUser;
    use crate::domain::Role;
    use crate::errors::{internal, NOT_ALLOWED, SIGN_IN_NEEDED};
    use crate::state::AppState;
    use axum::extract::ConnectInfo;
    use http::request::Parts;
    use http::StatusCode;
    use leptos::prelude::{use_context, ServerFnError};
    use leptos_axum::ResponseOptions;
    use std::net::{IpAddr, SocketAddr};

    /// Put into the request by the session middleware when the cookie names a
    /// live session.
    #[derive(Clone, Debug)]
    pub struct SignedIn {
        pub user: SessionUser,
        /// The stored (hashed) id of the session, so sign-out can end it.
        pub session_id_hash: String,
    }

    pub fn app_state() -> Result<AppState, ServerFnError> {
        use_context::<AppState>().ok_or_else(|| internal("app state", "missing from context"))
    }

    pub fn signed_in() -> Option<SignedIn> {
        use_context::<Parts>()?
            .extensions
            .get::<SignedIn>()
            .cloned()
    }

    /// The address the request came from, for rate limiting only (never stored).
    pub fn client_ip() -> Option<IpAddr> {
        let parts = use_context::<Parts>()?;
        parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map(|info| info.0.ip())
    }

    pub fn set_status(status: StatusCode) {
        if let Some(response) = use_context::<ResponseOptions>() {
            response.set_status(status);
        }
    }

    /// The caller, if their role is one of `allowed`; otherwise a 401 or 403
    /// with a plain message.
    pub fn require_role(allowed: &[Role]) -> Result<SessionUser, ServerFnError> {
        match signed_in() {
            None => {
                set_status(StatusCode::UNAUTHORIZED);
                Err(ServerFnError::new(SIGN_IN_NEEDED))
            }
            Some(session) if allowed.contains(&session.user.role) => Ok(session.user),
            Some(_) => {
                set_status(StatusCode::FORBIDDEN);
                Err(ServerFnError::new(NOT_ALLOWED))
            }
        }
    }
}
