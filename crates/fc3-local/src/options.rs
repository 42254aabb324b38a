//! How to start an emulator: [`Options`] (configuration, data dir, ARN names, keys, clock)
//! and why it may not start ([`StartError`]).

use std::path::PathBuf;
use std::sync::Arc;

use crate::clock::{Clock, SystemClock};
use crate::config::{
    AccessKeyConfig, Config, ConfigError, DEV_ACCESS_KEY_ID, DEV_ACCESS_KEY_SECRET,
};
use crate::functions::RustFunction;
use crate::store::StoreError;

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
    /// Functions written in Rust, by name, in the order registered.
    pub(crate) functions: Vec<(String, RustFunction)>,
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
            .field(
                "functions",
                &self.functions.iter().map(|(n, _)| n).collect::<Vec<_>>(),
            )
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
            functions: Vec::new(),
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

    /// Adds a function written in Rust: a closure or async fn `(event, context) -> result`,
    /// or a [`RustFunction`] with settings of its own (timeout, concurrency, aliases, async
    /// tasks). It runs as any other function does, synchronously and as async tries with
    /// retries and destinations, and [`AppState::invocations`](crate::AppState::invocations)
    /// reads back what it received. It replaces a built-in of the same name; a name the
    /// configuration declares too, or registered twice, is refused at start.
    #[must_use]
    pub fn with_function(
        mut self,
        name: impl Into<String>,
        function: impl Into<RustFunction>,
    ) -> Self {
        self.functions.push((name.into(), function.into()));
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
