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

use app::state::AppState;
use std::net::SocketAddr;
use tokio::net::TcpListener;

/// Serves Voice on `listener` until the process is asked to stop.
pub async fn serve(listener: TcpListener, state: AppState) -> std::io::Result<()> {
    let app = router::build(state);
    axum::serve(
        listener,
        app.into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(async {
        let _ = tokio::signal::ctrl_c().await;
    })
    .await
}
