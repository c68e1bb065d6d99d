//! `/live/{id}/events` (the projector, for the session's own facilitator)
//! and `/live/{id}/phone-events` (phones): server-sent events that say
//! "this session changed" (never what changed: they fetch that through the
//! server functions, which check who is asking). One event is sent as soon
//! as a connection is made, so a page that lost its connection catches up
//! when the browser reconnects by itself.
//!
//! Only an open session has streams: any other id is not found, so made-up
//! ids cost nothing. The number of streams open at once is capped.

use app::auth::ssr::check_role;
use app::client_address::ClientAddress;
use app::domain::LiveSessionId;
use app::domain::Role;
use app::errors::VoiceError;
use app::live::store::{self, SessionRow};
use app::live::SessionStatus;
use app::live_hub::{TooManyStreams, Watcher, Watching};
use app::state::AppState;
use axum::extract::{Path, Request, State};
use axum::http::StatusCode;
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use futures_util::stream;
use std::convert::Infallible;

pub const NO_SUCH_SESSION: &str = "There is no live session here. It may have ended.";
pub const TOO_MANY_STREAMS: &str =
    "Too many screens are following live sessions just now. Please try again in a moment.";

pub async fn for_projector(
    State(state): State<AppState>,
    Path(session_id): Path<LiveSessionId>,
    request: Request,
) -> Response {
    let facilitator = match check_role(request.extensions().get(), &[Role::Facilitator]) {
        Ok(user) => user.account_id,
        Err(refusal) => return refusal.into_response(),
    };
    match open_session(&state, &session_id).await {
        Ok(Some(session)) if session.created_by == facilitator => {
            changes(&state, &session_id, Watcher::Projector, &request)
        }
        Ok(_) => not_found(),
        Err(refusal) => refusal,
    }
}

pub async fn for_phone(
    State(state): State<AppState>,
    Path(session_id): Path<LiveSessionId>,
    request: Request,
) -> Response {
    match open_session(&state, &session_id).await {
        Ok(Some(_)) => changes(&state, &session_id, Watcher::Phone, &request),
        Ok(None) => not_found(),
        Err(refusal) => refusal,
    }
}

async fn open_session(
    state: &AppState,
    session_id: &LiveSessionId,
) -> Result<Option<SessionRow>, Response> {
    match store::session(&state.db, session_id).await {
        Ok(row) => Ok(row.filter(|row| row.status() == SessionStatus::Open)),
        Err(error) => {
            tracing::error!("live session for an event stream: {error}");
            Err(VoiceError::Internal.into_response())
        }
    }
}

fn not_found() -> Response {
    (StatusCode::NOT_FOUND, NO_SUCH_SESSION).into_response()
}

fn changes(
    state: &AppState,
    session_id: &LiveSessionId,
    watcher: Watcher,
    request: &Request,
) -> Response {
    let Some(ClientAddress(from)) = request.extensions().get::<ClientAddress>().copied() else {
        return not_found();
    };
    let watching = match state
        .live
        .watch(session_id, watcher, from, state.config.live_streams)
    {
        Ok(watching) => watching,
        Err(TooManyStreams) => {
            return (StatusCode::SERVICE_UNAVAILABLE, TOO_MANY_STREAMS).into_response()
        }
    };
    let events = stream::unfold(
        (watching, true),
        |(mut watching, first): (Watching, bool)| async move {
            if !first && !watching.changed().await {
                return None;
            }
            let event: Result<Event, Infallible> = Ok(Event::default().data("changed"));
            Some((event, (watching, false)))
        },
    );
    Sse::new(events)
        .keep_alive(KeepAlive::default())
        .into_response()
}
