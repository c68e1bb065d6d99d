//! `/live/{id}/events` (projectors) and `/live/{id}/phone-events` (phones):
//! server-sent events that say "this session changed" (never what changed: they fetch that through the
//! server functions, which check who is asking). One event is sent as soon
//! as a connection is made, so a page that lost its connection catches up
//! when the browser reconnects by itself.

use app::live::hub::Watcher;
use app::state::AppState;
use axum::extract::{Path, State};
use axum::response::sse::{Event, KeepAlive, Sse};
use futures_util::stream::{self, Stream};
use std::convert::Infallible;
use tokio::sync::broadcast::error::RecvError;

pub async fn for_projector(
    State(state): State<AppState>,
    Path(session_id): Path<String>,
) -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
    changes(&state, &session_id, Watcher::Projector)
}

pub async fn for_phone(
    State(state): State<AppState>,
    Path(session_id): Path<String>,
) -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
    changes(&state, &session_id, Watcher::Phone)
}

fn changes(
    state: &AppState,
    session_id: &str,
    watcher: Watcher,
) -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
    let changes = state.live.watch(session_id, watcher);
    let events = stream::unfold((changes, true), |(mut changes, first)| async move {
        if !first {
            match changes.recv().await {
                // Missed some: one event says the same.
                Ok(()) | Err(RecvError::Lagged(_)) => {}
                Err(RecvError::Closed) => return None,
            }
        }
        Some((Ok(Event::default().data("changed")), (changes, false)))
    });
    Sse::new(events).keep_alive(KeepAlive::default())
}
