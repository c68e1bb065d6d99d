//! The Voice web server: configuration, the router and its middleware, and
//! the command-line tasks (create an admin, seed demo accounts, back up).

pub mod cli;
pub mod config;
pub mod demo;
pub mod exports;
pub mod generate;
pub mod live_events;
pub mod middleware;
pub mod router;
pub mod secret_key;
pub mod site_files;

use app::state::AppState;
use axum::serve::ListenerExt;
use std::net::SocketAddr;
use tokio::net::TcpListener;

/// Serves Voice on `listener` until the process is asked to stop.
pub async fn serve(listener: TcpListener, state: AppState) -> std::io::Result<()> {
    // Compressing the site's files takes a moment: do it before anyone asks.
    let files = site_files::for_site(&state.leptos_options);
    tokio::task::spawn_blocking(move || files.compress_all());
    let app = router::build(state);
    // Without TCP_NODELAY a response written in two parts (headers, then
    // body) waits for the client's delayed ACK: 40 ms a request on a kept-open
    // connection.
    let listener = listener.tap_io(|connection| {
        if let Err(error) = connection.set_nodelay(true) {
            tracing::warn!("could not set TCP_NODELAY: {error}");
        }
    });
    axum::serve(
        listener,
        app.into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(async {
        let _ = tokio::signal::ctrl_c().await;
    })
    .await
}
