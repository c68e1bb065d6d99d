//! Who is asking: the signed-in account (resolved from the session cookie by
//! the server's middleware) and the role checks every server function makes.

use crate::domain::{AccountId, Role};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// The signed-in account, as pages and server functions see it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionUser {
    pub account_id: AccountId,
    pub role: Role,
    pub display_name: String,
}

/// Who is looking at this page: read from the session once per request.
#[derive(Clone)]
struct Viewer(Option<SessionUser>);

/// Called once, at the top of the app.
pub fn provide_viewer() {
    #[cfg(feature = "ssr")]
    let user = ssr::signed_in().map(|session| session.user);
    // Pages are drawn on the server only (islands read no viewer).
    #[cfg(not(feature = "ssr"))]
    let user = None;
    provide_context(Viewer(user));
}

/// The signed-in account looking at the page, if any.
pub fn use_viewer() -> Option<SessionUser> {
    use_context::<Viewer>().and_then(|viewer| viewer.0)
}

#[cfg(feature = "ssr")]
pub mod ssr {
    use super::SessionUser;
    use crate::client_address::ClientAddress;
    use crate::domain::Role;
    use crate::errors::internal;
    use crate::errors::VoiceError;
    use crate::state::AppState;
    use http::request::Parts;
    use leptos::prelude::use_context;
    use leptos_axum::ResponseOptions;
    use std::net::IpAddr;

    /// Put into the request by the session middleware when the cookie names a
    /// live session.
    #[derive(Clone, Debug)]
    pub struct SignedIn {
        pub user: SessionUser,
        /// The stored (hashed) id of the session, so sign-out can end it.
        pub session_id_hash: String,
    }

    pub fn app_state() -> Result<AppState, VoiceError> {
        use_context::<AppState>().ok_or_else(|| internal("app state", "missing from context"))
    }

    pub fn signed_in() -> Option<SignedIn> {
        use_context::<Parts>()?
            .extensions
            .get::<SignedIn>()
            .cloned()
    }

    /// The address the request came from (through any trusted proxy), for
    /// rate limiting only (never stored).
    pub fn client_ip() -> Option<IpAddr> {
        let parts = use_context::<Parts>()?;
        parts
            .extensions
            .get::<ClientAddress>()
            .map(|address| address.0)
    }

    /// Adds a `Set-Cookie` header to the response.
    pub fn set_cookie(value: &str) {
        if let (Some(response), Ok(value)) = (
            use_context::<ResponseOptions>(),
            http::HeaderValue::from_str(value),
        ) {
            response.append_header(http::header::SET_COOKIE, value);
        }
    }

    /// The caller, if their role is one of `allowed`; otherwise
    /// [`VoiceError::SignInNeeded`] or [`VoiceError::NotAllowed`]. The one
    /// role check: server functions reach it through [`require`], handlers
    /// outside Leptos (downloads, live streams) with their request's
    /// [`SignedIn`].
    pub fn check_role(
        signed_in: Option<&SignedIn>,
        allowed: &[Role],
    ) -> Result<SessionUser, VoiceError> {
        match signed_in {
            None => Err(VoiceError::SignInNeeded),
            Some(session) if allowed.contains(&session.user.role) => Ok(session.user.clone()),
            Some(_) => Err(VoiceError::NotAllowed),
        }
    }

    /// [`check_role`] for the request a server function is answering.
    pub fn require_role(allowed: &[Role]) -> Result<SessionUser, VoiceError> {
        check_role(signed_in().as_ref(), allowed)
    }

    /// The caller (if their role is one of `allowed`) and the app's state:
    /// how a staff server function begins.
    pub fn require(allowed: &[Role]) -> Result<(SessionUser, AppState), VoiceError> {
        Ok((require_role(allowed)?, app_state()?))
    }
}
