//! The accept loop: at most `max_connections` connections at once (the others wait in the
//! listen queue until one ends), each an HTTP/1 connection of hyper with a header-read timeout
//! (which also closes idle kept-alive connections) and tower-http's request-body timeout; on
//! shutdown, connections finish their request in flight (for up to five seconds).

use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::Router;
use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use hyper_util::service::TowerToHyperService;
use tokio::net::TcpListener;
use tokio::sync::{Semaphore, oneshot};
use tower_http::timeout::RequestBodyTimeout;

use super::files;
use crate::config::ServerSettings;

/// How long requests in flight may take to finish once the server stops.
const DRAIN: Duration = Duration::from_secs(5);
/// The wait after a failed accept (most often: no file left).
const ACCEPT_BACKOFF: Duration = Duration::from_millis(50);

/// Serves `router` on `listener` until `stop` fires, then lets connections finish.
pub(super) async fn serve(
    listener: TcpListener,
    router: Router,
    settings: ServerSettings,
    mut stop: oneshot::Receiver<()>,
) {
    let max = files::max_connections(settings.max_connections);
    let slots = Arc::new(Semaphore::new(max));
    let service =
        RequestBodyTimeout::new(router, Duration::from_secs_f64(settings.body_read_timeout));
    let mut builder = http1::Builder::new();
    builder
        .timer(TokioTimer::new())
        .header_read_timeout(Duration::from_secs_f64(settings.header_read_timeout));
    let graceful = GracefulShutdown::new();
    let mut full_since: Option<Instant> = None;
    let mut accept_failed: Option<Instant> = None;
    loop {
        if slots.available_permits() == 0 && full_since.is_none() {
            full_since = Some(Instant::now());
            tracing::warn!(
                max_connections = max,
                "connection limit reached: new connections wait until one closes"
            );
        }
        let slot = tokio::select! {
            slot = Arc::clone(&slots).acquire_owned() => match slot {
                Ok(slot) => slot,
                Err(_) => break,
            },
            _ = &mut stop => break,
        };
        if let Some(since) = full_since.take() {
            tracing::info!(
                waited_ms = since.elapsed().as_millis() as u64,
                "a connection closed: accepting again"
            );
        }
        let stream = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => stream,
                Err(e) => {
                    if accept_failed.is_none_or(|at| at.elapsed() > Duration::from_secs(1)) {
                        accept_failed = Some(Instant::now());
                        tracing::warn!(error = %e, "cannot accept a connection");
                    }
                    tokio::time::sleep(ACCEPT_BACKOFF).await;
                    continue;
                }
            },
            _ = &mut stop => break,
        };
        let connection = builder.serve_connection(
            TokioIo::new(stream),
            TowerToHyperService::new(service.clone()),
        );
        let connection = graceful.watch(connection);
        tokio::spawn(async move {
            if let Err(e) = connection.await {
                tracing::debug!(error = %e, "connection ended with an error");
            }
            drop(slot);
        });
    }
    drop(listener);
    if tokio::time::timeout(DRAIN, graceful.shutdown())
        .await
        .is_err()
    {
        tracing::warn!("connections still open after {DRAIN:?}; closing them");
    }
}
