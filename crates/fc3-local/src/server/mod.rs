//! [`Server`]: an [`AppState`] served on an address, for the binary and for embedding, with
//! the connection limits of `[server]` (`accept`, `files`).

mod accept;
mod files;

use std::net::SocketAddr;
use std::time::Duration;

use tokio::sync::oneshot;

use crate::options::StartError;
use crate::{AppState, Options, app};

/// A running emulator bound to an address.
pub struct Server {
    addr: SocketAddr,
    state: AppState,
    stop: Option<oneshot::Sender<()>>,
    task: tokio::task::JoinHandle<()>,
}

impl Server {
    /// Starts an emulator with `options` and serves it on `addr` (port 0 picks a free port).
    pub async fn start(options: Options, addr: SocketAddr) -> Result<Server, StartError> {
        let state = AppState::start(options).await?;
        match Self::bind(state.clone(), addr).await {
            Ok(server) => Ok(server),
            Err(e) => {
                state.shutdown().await;
                Err(e.into())
            }
        }
    }

    /// Serves an existing state on `addr`.
    pub async fn bind(state: AppState, addr: SocketAddr) -> std::io::Result<Server> {
        let listener = tokio::net::TcpListener::bind(addr).await?;
        let addr = listener.local_addr()?;
        let (stop, stopped) = oneshot::channel::<()>();
        let router = app(state.clone()).layer(axum::Extension(crate::inspector::Listening(addr)));
        let settings = state.inner.server.clone();
        let task = tokio::spawn(accept::serve(listener, router, settings, stopped));
        Ok(Server {
            addr,
            state,
            stop: Some(stop),
            task,
        })
    }

    /// The address it listens on.
    pub fn local_addr(&self) -> SocketAddr {
        self.addr
    }

    /// `http://IP:PORT`, the endpoint to give a client.
    pub fn endpoint(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// The state behind it.
    pub fn state(&self) -> &AppState {
        &self.state
    }

    /// Stops accepting connections, lets requests in flight finish (for up to 5 seconds),
    /// stops the async engine and closes the data store.
    pub async fn shutdown(mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        // The accept loop gives connections five seconds to finish; this is a backstop.
        let abort = self.task.abort_handle();
        if tokio::time::timeout(Duration::from_secs(6), &mut self.task)
            .await
            .is_err()
        {
            abort.abort();
        }
        self.state.shutdown().await;
    }
}
