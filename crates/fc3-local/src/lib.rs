#![doc = include_str!("../README.md")]
//!
//! # Design
//!
//! - **One router, no socket needed.** [`app`] builds the `axum::Router` from an [`AppState`];
//!   tests drive it with `tower::ServiceExt::oneshot`, and [`Server`] binds it to an address
//!   (port 0 allowed) for the binary and for embedding (the fc3 CLI).
//! - **Time is injected.** Every timestamp, timeout, backoff and expiry reads the [`Clock`] of
//!   [`Options`]; [`ManualClock`] makes the retry and expiry tests run in milliseconds.
//! - **Memory first, store behind.** All reads are served from memory; with a data dir, every
//!   change is also written to a redb database by one group-commit thread, and an accepted
//!   async invocation is answered 202 only once it is durable.
//! - **Model types from fc3-models** for every JSON body sent or stored; input is checked
//!   field by field first, so a 400 names the field and the rule.

mod auth;
mod clock;
mod config;
mod engine;
mod error;
mod functions;
mod ids;
mod routes;
mod store;
mod validate;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use tokio::sync::{Notify, oneshot};

pub use clock::{Clock, ManualClock, Sleep, SystemClock};
pub use config::{
    AccessKeyConfig, AsyncSettings, CommandLine, Config, ConfigError, DEFAULT_ACCOUNT_ID,
    DEFAULT_ASYNC_PAYLOAD_BYTES, DEFAULT_REGION, DEFAULT_SYNC_PAYLOAD_BYTES,
    DEFAULT_TIMEOUT_SECONDS, DEV_ACCESS_KEY_ID, DEV_ACCESS_KEY_SECRET, FunctionConfig,
    FunctionKind, Limits,
};
pub use engine::{
    CONDITION_EXPIRED, CONDITION_SUCCESS, DEFAULT_MAX_EVENT_AGE_SECONDS,
    DEFAULT_MAX_RETRY_ATTEMPTS, DestinationRecord, MAX_STORED_RESPONSE_BYTES, RequestContext,
    ResponseContext,
};
pub use error::ApiError;
pub use routes::{LOG_TAIL_BYTES, OPENAPI_YAML, app};
pub use store::StoreError;

use crate::auth::Authenticator;
use crate::engine::{Engine, EngineSetup};
use crate::functions::Functions;
use crate::ids::IdGen;
use crate::store::{Snapshot, Store};

/// The environment variable that sets an accepted access key id.
pub const ENV_ACCESS_KEY_ID: &str = "FC3_LOCAL_ACCESS_KEY_ID";
/// The environment variable that sets that key's secret.
pub const ENV_ACCESS_KEY_SECRET: &str = "FC3_LOCAL_ACCESS_KEY_SECRET";

/// Why the emulator could not start.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum StartError {
    /// The configuration is unusable.
    #[error(transparent)]
    Config(#[from] ConfigError),
    /// The data dir could not be opened or read.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The address could not be bound.
    #[error("cannot listen: {0}")]
    Io(#[from] std::io::Error),
}

/// How to start an emulator. `Options::default()` is the zero-configuration emulator: the
/// built-in functions, the development key pair, state in memory, the system clock.
#[derive(Clone)]
#[non_exhaustive]
pub struct Options {
    /// The configuration (functions, keys, limits, engine knobs).
    pub config: Config,
    /// Where state is kept durably; in memory when `None`.
    pub data_dir: Option<PathBuf>,
    /// The region of ARNs; wins over the configuration's.
    pub region: Option<String>,
    /// The account id of ARNs; wins over the configuration's.
    pub account_id: Option<String>,
    /// Keys accepted besides the configuration's (e.g. from the environment).
    pub access_keys: Vec<AccessKeyConfig>,
    /// The clock.
    pub clock: Arc<dyn Clock>,
}

impl Default for Options {
    fn default() -> Self {
        Self::new(Config::default())
    }
}

impl std::fmt::Debug for Options {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Options")
            .field("config", &self.config)
            .field("data_dir", &self.data_dir)
            .field("region", &self.region)
            .field("account_id", &self.account_id)
            .field("access_keys", &self.access_keys)
            .finish_non_exhaustive()
    }
}

impl Options {
    /// Options with this configuration and every other setting at its default.
    pub fn new(config: Config) -> Self {
        Self {
            config,
            data_dir: None,
            region: None,
            account_id: None,
            access_keys: Vec::new(),
            clock: Arc::new(SystemClock),
        }
    }

    /// Keeps state durably in `dir`.
    #[must_use]
    pub fn with_data_dir(mut self, dir: impl Into<PathBuf>) -> Self {
        self.data_dir = Some(dir.into());
        self
    }

    /// Uses this clock.
    #[must_use]
    pub fn with_clock(mut self, clock: Arc<dyn Clock>) -> Self {
        self.clock = clock;
        self
    }

    /// Sets the region of ARNs.
    #[must_use]
    pub fn with_region(mut self, region: impl Into<String>) -> Self {
        self.region = Some(region.into());
        self
    }

    /// Sets the account id of ARNs.
    #[must_use]
    pub fn with_account_id(mut self, account_id: impl Into<String>) -> Self {
        self.account_id = Some(account_id.into());
        self
    }

    /// Accepts this key too.
    #[must_use]
    pub fn with_access_key(mut self, key: AccessKeyConfig) -> Self {
        self.access_keys.push(key);
        self
    }

    /// Adds the key of `FC3_LOCAL_ACCESS_KEY_ID` / `FC3_LOCAL_ACCESS_KEY_SECRET` when both are
    /// set; an error when only one is.
    pub fn with_env_access_key(self) -> Result<Self, ConfigError> {
        let id = std::env::var(ENV_ACCESS_KEY_ID)
            .ok()
            .filter(|v| !v.is_empty());
        let secret = std::env::var(ENV_ACCESS_KEY_SECRET)
            .ok()
            .filter(|v| !v.is_empty());
        match (id, secret) {
            (Some(id), Some(secret)) => Ok(self.with_access_key(AccessKeyConfig::new(id, secret))),
            (None, None) => Ok(self),
            _ => Err(ConfigError::Invalid(format!(
                "set both {ENV_ACCESS_KEY_ID} and {ENV_ACCESS_KEY_SECRET}, or neither"
            ))),
        }
    }

    /// The keys the emulator will accept: the configuration's and these options', or the
    /// development pair when there are none.
    pub fn effective_access_keys(&self) -> Vec<AccessKeyConfig> {
        let mut keys: Vec<AccessKeyConfig> = self
            .config
            .access_keys
            .iter()
            .chain(&self.access_keys)
            .cloned()
            .collect();
        if keys.is_empty() {
            keys.push(AccessKeyConfig::new(
                DEV_ACCESS_KEY_ID,
                DEV_ACCESS_KEY_SECRET,
            ));
        }
        keys
    }
}

/// The emulator's shared state: the engine, the functions, the authenticator. Cheap to clone.
#[derive(Clone)]
pub struct AppState {
    inner: Arc<Inner>,
}

struct Inner {
    engine: Arc<Engine>,
    auth: Authenticator,
    clock: Arc<dyn Clock>,
    ids: Arc<IdGen>,
    limits: Limits,
    region: String,
    account_id: String,
    access_key_ids: Vec<String>,
    durable: bool,
}

impl AppState {
    /// Builds the state and starts the async engine (it must run inside a tokio runtime).
    /// With a data dir, what it holds is loaded and unfinished events are queued again.
    pub async fn start(options: Options) -> Result<AppState, StartError> {
        options.config.validate()?;
        let keys = options.effective_access_keys();
        let region = options
            .region
            .clone()
            .or_else(|| options.config.region.clone())
            .unwrap_or_else(|| DEFAULT_REGION.to_owned());
        let account_id = options
            .account_id
            .clone()
            .or_else(|| options.config.account_id.clone())
            .unwrap_or_else(|| DEFAULT_ACCOUNT_ID.to_owned());
        let (store, snapshot) = match &options.data_dir {
            Some(dir) => {
                let dir = dir.clone();
                tokio::task::spawn_blocking(move || Store::open(&dir))
                    .await
                    .map_err(|e| StoreError::Db(e.to_string()))??
            }
            None => (Store::memory(), Snapshot::default()),
        };
        let durable = store.is_durable();
        let ids = Arc::new(IdGen::new());
        let wake = Arc::new(Notify::new());
        let functions = Functions::from_config(&options.config, &wake, &ids);
        let engine = Engine::new(EngineSetup {
            functions,
            store,
            snapshot,
            clock: Arc::clone(&options.clock),
            ids: Arc::clone(&ids),
            wake,
            settings: options.config.async_engine.clone(),
            region: region.clone(),
            account_id: account_id.clone(),
        });
        engine.start();
        let auth = Authenticator::new(
            keys.clone(),
            options.config.allow_unsigned.unwrap_or(false),
            options.config.limits.nonce_cache_entries,
            Arc::clone(&options.clock),
        );
        Ok(AppState {
            inner: Arc::new(Inner {
                engine,
                auth,
                clock: options.clock,
                ids,
                limits: options.config.limits.clone(),
                region,
                account_id,
                access_key_ids: keys.into_iter().map(|k| k.id).collect(),
                durable,
            }),
        })
    }

    /// The clock.
    pub fn clock(&self) -> &Arc<dyn Clock> {
        &self.inner.clock
    }

    /// The region of ARNs.
    pub fn region(&self) -> &str {
        &self.inner.region
    }

    /// The account id of ARNs.
    pub fn account_id(&self) -> &str {
        &self.inner.account_id
    }

    /// The ids of the accepted access keys (never their secrets).
    pub fn access_key_ids(&self) -> &[String] {
        &self.inner.access_key_ids
    }

    /// Whether state is kept in a data dir.
    pub fn is_durable(&self) -> bool {
        self.inner.durable
    }

    /// The names of all functions, sorted.
    pub fn function_names(&self) -> Vec<String> {
        let mut names: Vec<String> = self
            .inner
            .engine
            .functions
            .names()
            .map(str::to_owned)
            .collect();
        names.sort();
        names
    }

    /// How many async events are not over yet (queued, waiting for a retry, or running).
    pub fn pending_events(&self) -> usize {
        self.inner.engine.pending_events()
    }

    /// Holds back new asynchronous tries while `paused` (events are still accepted and
    /// queued; tries already running go on). For benchmarks and tests that need a backlog.
    pub fn set_async_paused(&self, paused: bool) {
        self.inner.engine.set_paused(paused);
    }

    /// Waits until every change made so far is durable (returns at once without a data
    /// dir). State changes of the async engine are written in order without waiting; this
    /// is the barrier for tests and benchmarks.
    pub async fn sync_store(&self) -> Result<(), StoreError> {
        self.inner.engine.sync_store().await
    }

    /// Stops the async engine and closes the data store after writing what is queued.
    pub async fn shutdown(&self) {
        self.inner.engine.shutdown().await;
    }
}

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
        let router = app(state.clone());
        let task = tokio::spawn(async move {
            let serve = axum::serve(listener, router).with_graceful_shutdown(async move {
                let _ = stopped.await;
            });
            if let Err(e) = serve.await {
                tracing::error!(error = %e, "the server stopped");
            }
        });
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
        let abort = self.task.abort_handle();
        if tokio::time::timeout(Duration::from_secs(5), &mut self.task)
            .await
            .is_err()
        {
            abort.abort();
        }
        self.state.shutdown().await;
    }
}
