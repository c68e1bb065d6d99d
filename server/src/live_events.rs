//! `/live/{id}/events`: server-sent events that tell a projector or phone
//! "this session changed" (never what changed: they fetch that through the
//! server functions, which check who is asking). One event is sent as soon
//! as a connection is made, so a page that lost its connection catches up
//! when the browser reconnects by itself.

use app::state::AppState;
use axum::extract::{Path, State};
use axum::response::sse::{Event, KeepAlive, Sse};
use futures_util::stream::{self, Stream};
use std::convert::Infallible;
use tokio::sync::broadcast::error::RecvError;

pub async fn session_changes(
    State(state): State<AppState>,
    Path(session_id): Path<String>,
) -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
    let changes = state.live.watch(&session_id);
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
