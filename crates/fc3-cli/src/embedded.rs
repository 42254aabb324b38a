//! An fc3-local emulator started in-process, on a free loopback port, for one command
//! (`--local`, `fc3 demo`). It has the built-in functions (echo, fail, sleep, flaky, sink),
//! accepts only the development key pair and keeps its state in memory.

use std::net::{Ipv4Addr, SocketAddr};
use std::time::Duration;

use fc3_client::Client;
use fc3_local::{Config, DEV_ACCESS_KEY_ID, DEV_ACCESS_KEY_SECRET, Server};

use crate::failure::Failure;
use crate::setup;

/// How to start the embedded emulator.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// The region of its ARNs (fc3-local's default when `None`).
    pub region: Option<String>,
    /// The delay before the first retry of a failed asynchronous invocation (fc3-local's
    /// default when `None`); the demo shortens it.
    pub retry_base_delay: Option<Duration>,
}

/// A running embedded emulator; [`Embedded::stop`] it when done.
pub struct Embedded {
    server: Server,
}

impl std::fmt::Debug for Embedded {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Embedded")
            .field("endpoint", &self.server.endpoint())
            .finish_non_exhaustive()
    }
}

/// Starts an emulator on 127.0.0.1 with a free port.
pub async fn start(options: Options) -> Result<Embedded, Failure> {
    let mut config = Config::default();
    if let Some(delay) = options.retry_base_delay {
        let ms = u64::try_from(delay.as_millis()).unwrap_or(u64::MAX).max(1);
        config.async_engine.retry_base_delay_ms = ms;
        config.async_engine.retry_max_delay_ms = config.async_engine.retry_max_delay_ms.max(ms);
    }
    let mut local = fc3_local::Options::new(config);
    if let Some(region) = options.region {
        local = local.with_region(region);
    }
    let addr = SocketAddr::from((Ipv4Addr::LOCALHOST, 0));
    let server = Server::start(local, addr)
        .await
        .map_err(|e| Failure::Local(format!("cannot start the embedded fc3-local: {e}")))?;
    tracing::info!(endpoint = %server.endpoint(), "embedded fc3-local started");
    Ok(Embedded { server })
}

impl Embedded {
    /// `http://127.0.0.1:PORT`.
    pub fn endpoint(&self) -> String {
        self.server.endpoint()
    }

    /// A client for it, signing with the development key pair.
    pub fn client(&self) -> Result<Client, Failure> {
        setup::local_client(&self.endpoint(), DEV_ACCESS_KEY_ID, DEV_ACCESS_KEY_SECRET)
    }

    /// The ARN of one of its functions, e.g. to use as a destination.
    pub fn function_arn(&self, function: &str) -> String {
        let state = self.server.state();
        format!(
            "acs:fc:{}:{}:functions/{function}",
            state.region(),
            state.account_id()
        )
    }

    /// Its inspector's address, `http://127.0.0.1:PORT/_fc3/` (it stops with the emulator).
    pub fn inspector_url(&self) -> String {
        self.server.inspector_url()
    }

    /// The names of its functions.
    pub fn function_names(&self) -> Vec<String> {
        self.server.state().function_names()
    }

    /// Stops it: no new connections, requests in flight finish, the async engine ends.
    pub async fn stop(self) {
        self.server.shutdown().await;
    }
}
