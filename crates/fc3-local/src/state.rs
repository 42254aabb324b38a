//! [`AppState`]: what the routes share, the engine, the authenticator and the limits, built
//! from [`Options`] (the data dir is opened and replayed here).

use std::sync::Arc;

use tokio::sync::Notify;

use crate::Options;
use crate::auth::{AuthSetup, Authenticator};
use crate::clock::Clock;
use crate::config::{
    DEFAULT_ACCOUNT_ID, DEFAULT_REGION, DEV_ACCESS_KEY_ID, Limits, ServerSettings,
};
use crate::engine::{Engine, EngineSetup};
use crate::functions::{Functions, Invocations};
use crate::ids::IdGen;
use crate::options::StartError;
use crate::store::{Snapshot, Store, StoreError};

/// The emulator's shared state: the engine, the functions, the authenticator. Cheap to clone.
#[derive(Clone)]
pub struct AppState {
    pub(crate) inner: Arc<Inner>,
}

pub(crate) struct Inner {
    pub(crate) engine: Arc<Engine>,
    pub(crate) auth: Authenticator,
    pub(crate) clock: Arc<dyn Clock>,
    pub(crate) ids: Arc<IdGen>,
    pub(crate) limits: Limits,
    pub(crate) server: ServerSettings,
    pub(crate) region: String,
    pub(crate) account_id: String,
    pub(crate) access_key_ids: Vec<String>,
    pub(crate) durable: bool,
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
                let opened = dir.clone();
                tokio::task::spawn_blocking(move || Store::open(&opened))
                    .await
                    .map_err(|e| StoreError::Open {
                        path: dir.clone(),
                        reason: e.to_string(),
                    })??
            }
            None => (Store::memory(), Snapshot::default()),
        };
        let durable = store.is_durable();
        let mut snapshot = snapshot;
        let stored_nonces = std::mem::take(&mut snapshot.nonces);
        let auth_store = store.clone();
        let ids = Arc::new(IdGen::new());
        let wake = Arc::new(Notify::new());
        let functions = Functions::build(&options.config, &options.functions, &wake, &ids)?;
        let engine = Engine::new(EngineSetup {
            functions,
            store,
            snapshot,
            clock: Arc::clone(&options.clock),
            ids: Arc::clone(&ids),
            wake,
            settings: options.config.async_engine.clone(),
            limits: options.config.limits.clone(),
            destinations: options.config.destinations.clone(),
            data_dir: options.data_dir.clone(),
            region: region.clone(),
            account_id: account_id.clone(),
        })?;
        engine.start();
        let auth = Authenticator::new(AuthSetup {
            keys: keys.clone(),
            allow_unsigned: options.config.allow_unsigned.unwrap_or(false),
            nonce_capacity: options.config.limits.nonce_cache_entries,
            stored_nonces,
            store: auth_store,
            clock: Arc::clone(&options.clock),
        });
        Ok(AppState {
            inner: Arc::new(Inner {
                engine,
                auth,
                clock: options.clock,
                ids,
                limits: options.config.limits.clone(),
                server: options.config.server.clone(),
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

    /// Whether the development key pair is the only key accepted (no key was configured).
    pub fn accepts_only_the_development_key(&self) -> bool {
        self.inner.access_key_ids == [DEV_ACCESS_KEY_ID]
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

    /// What the Rust function `name` received (registered with
    /// [`Options::with_function`]); `None` when there is no such Rust function.
    pub fn invocations(&self, name: &str) -> Option<Invocations> {
        self.inner.engine.functions.get(name)?.received().cloned()
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

    /// Stops the async engine and closes the data store after writing what is queued. It
    /// returns once the engine's task has ended, on any runtime; tries already running are
    /// not waited for.
    pub async fn shutdown(&self) {
        self.inner.engine.shutdown().await;
    }
}
