//! The TOML configuration file: functions, access keys, limits and the async engine's knobs.
//!
//! Every table and key is optional; an empty file (or none at all) gives the built-in
//! functions, the development key pair and the default limits. Unknown keys are errors, so a
//! typo does not silently fall back to a default. See the crate README for a full example.

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

use serde::Deserialize;

/// The default region of ARNs.
pub const DEFAULT_REGION: &str = "cn-hangzhou";
/// The default account id of ARNs.
pub const DEFAULT_ACCOUNT_ID: &str = "1234567890123456";
/// The development access key id accepted when no key is configured.
pub const DEV_ACCESS_KEY_ID: &str = "fc3-local-dev";
/// The development access key secret accepted when no key is configured. For local use only.
pub const DEV_ACCESS_KEY_SECRET: &str = "fc3-local-dev-secret";
/// The default largest synchronous event: FC's published limit (32 MiB, from the spec).
pub const DEFAULT_SYNC_PAYLOAD_BYTES: usize = fc3_models::operations::limits::MAX_SYNC_PAYLOAD;
/// The default largest asynchronous event: FC's published limit (128 KiB, from the spec).
pub const DEFAULT_ASYNC_PAYLOAD_BYTES: usize = fc3_models::operations::limits::MAX_ASYNC_PAYLOAD;
/// The default function timeout, in seconds.
pub const DEFAULT_TIMEOUT_SECONDS: f64 = 60.0;
/// The longest function timeout accepted, in seconds (FC's maximum, one day).
pub const MAX_TIMEOUT_SECONDS: f64 = 86_400.0;

/// Why the configuration could not be used.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ConfigError {
    /// The file could not be read.
    #[error("cannot read {path}: {source}")]
    Read {
        /// The file.
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
    /// The text is not valid TOML or does not have the expected shape.
    #[error("invalid configuration: {0}")]
    Parse(#[from] toml::de::Error),
    /// The values are inconsistent (e.g. a `command` function without a command).
    #[error("invalid configuration: {0}")]
    Invalid(String),
}

/// The whole configuration file.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Config {
    /// The region of ARNs (`--region` wins over it).
    pub region: Option<String>,
    /// The account id of ARNs (`--account-id` wins over it).
    pub account_id: Option<String>,
    /// Whether the built-in functions (`echo`, `fail`, `sleep`, `flaky`, `sink`) exist; true
    /// when absent. A function declared under the same name replaces a built-in.
    pub builtins: Option<bool>,
    /// Let requests without an `Authorization` header through (signed ones are still
    /// verified). False when absent; for benchmarks against an unsigned client only.
    pub allow_unsigned: Option<bool>,
    /// The accepted access keys. With none here and none in the environment, the development
    /// pair is accepted.
    #[serde(default)]
    pub access_keys: Vec<AccessKeyConfig>,
    /// Payload and memory limits.
    #[serde(default)]
    pub limits: Limits,
    /// The async engine's knobs.
    #[serde(default, rename = "async")]
    pub async_engine: AsyncSettings,
    /// Connections: timeouts and how many at once.
    #[serde(default)]
    pub server: ServerSettings,
    /// What is kept of the records delivered to destinations fc3-local does not run (MNS,
    /// EventBridge, RocketMQ).
    #[serde(default)]
    pub destinations: DestinationSettings,
    /// The functions, by name.
    #[serde(default)]
    pub functions: BTreeMap<String, FunctionConfig>,
}

/// One accepted access key; with `security_token` it is an STS key, valid only on requests
/// that carry that token in `x-acs-security-token`.
#[derive(Clone, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct AccessKeyConfig {
    /// The access key id.
    pub id: String,
    /// The access key secret.
    pub secret: String,
    /// The STS security token that must come with this key.
    pub security_token: Option<String>,
}

impl AccessKeyConfig {
    /// A permanent key.
    pub fn new(id: impl Into<String>, secret: impl Into<String>) -> Self {
        Self {
            id: id.into(),
            secret: secret.into(),
            security_token: None,
        }
    }

    /// An STS key: requests must carry `token` in `x-acs-security-token`.
    pub fn sts(id: impl Into<String>, secret: impl Into<String>, token: impl Into<String>) -> Self {
        Self {
            id: id.into(),
            secret: secret.into(),
            security_token: Some(token.into()),
        }
    }
}

impl fmt::Debug for AccessKeyConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AccessKeyConfig")
            .field("id", &self.id)
            .field("secret", &"** redacted **")
            .field(
                "security_token",
                &self.security_token.as_ref().map(|_| "** redacted **"),
            )
            .finish()
    }
}

/// Payload and memory limits.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields, default)]
#[non_exhaustive]
pub struct Limits {
    /// The largest request body of a synchronous invocation (and of any request), in bytes.
    pub sync_payload_bytes: usize,
    /// The largest event of an asynchronous invocation, in bytes.
    pub async_payload_bytes: usize,
    /// How many signature nonces are remembered at most (each for the 15-minute skew window);
    /// past that the oldest are forgotten first.
    pub nonce_cache_entries: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            sync_payload_bytes: DEFAULT_SYNC_PAYLOAD_BYTES,
            async_payload_bytes: DEFAULT_ASYNC_PAYLOAD_BYTES,
            nonce_cache_entries: 1_000_000,
        }
    }
}

/// The async engine's knobs.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields, default)]
#[non_exhaustive]
pub struct AsyncSettings {
    /// The delay before the first retry, in milliseconds; it doubles with every retry.
    pub retry_base_delay_ms: u64,
    /// The longest delay between two tries, in milliseconds.
    pub retry_max_delay_ms: u64,
    /// How many asynchronous tries run at once, over all functions.
    pub workers: usize,
    /// The most events not over yet (queued, waiting for a retry, running); past it an
    /// asynchronous invocation is refused with 503 ResourceThrottled.
    pub max_queued_events: usize,
    /// The most payload bytes of the events not over yet; past it an asynchronous invocation
    /// is refused with 503 ResourceThrottled.
    pub max_queued_bytes: usize,
    /// The longest chain of destination deliveries (a function's record delivered to a
    /// function whose record is delivered ...); a longer one is not delivered, so a loop ends.
    pub max_destination_hops: u32,
    /// How long a finished async task stays readable (GetAsyncTask, ListAsyncTasks), in
    /// seconds from its end: 7 days, as FC keeps them. Then it is removed, from the data dir
    /// too.
    pub task_retention_seconds: u64,
    /// The most finished async tasks kept; past it the oldest are removed first.
    pub max_finished_tasks: usize,
    /// The most bytes (payloads and answers) of finished async tasks kept; past it the oldest
    /// are removed first.
    pub max_finished_bytes: usize,
}

/// The default of [`AsyncSettings::max_queued_events`].
pub const DEFAULT_MAX_QUEUED_EVENTS: usize = 100_000;
/// The default of [`AsyncSettings::max_queued_bytes`]: 256 MiB.
pub const DEFAULT_MAX_QUEUED_BYTES: usize = 256 * 1024 * 1024;
/// The default of [`AsyncSettings::max_destination_hops`].
pub const DEFAULT_MAX_DESTINATION_HOPS: u32 = 16;
/// The default of [`AsyncSettings::task_retention_seconds`]: 7 days, as long as FC keeps the
/// records of async tasks.
pub const DEFAULT_TASK_RETENTION_SECONDS: u64 = 7 * 24 * 60 * 60;
/// The default of [`AsyncSettings::max_finished_tasks`].
pub const DEFAULT_MAX_FINISHED_TASKS: usize = 100_000;
/// The default of [`AsyncSettings::max_finished_bytes`]: 1 GiB.
pub const DEFAULT_MAX_FINISHED_BYTES: usize = 1024 * 1024 * 1024;

impl Default for AsyncSettings {
    fn default() -> Self {
        Self {
            retry_base_delay_ms: 100,
            retry_max_delay_ms: 5_000,
            workers: 64,
            max_queued_events: DEFAULT_MAX_QUEUED_EVENTS,
            max_queued_bytes: DEFAULT_MAX_QUEUED_BYTES,
            max_destination_hops: DEFAULT_MAX_DESTINATION_HOPS,
            task_retention_seconds: DEFAULT_TASK_RETENTION_SECONDS,
            max_finished_tasks: DEFAULT_MAX_FINISHED_TASKS,
            max_finished_bytes: DEFAULT_MAX_FINISHED_BYTES,
        }
    }
}

/// What is kept of the records delivered to destinations fc3-local does not run (MNS queues
/// and topics, EventBridge buses, RocketMQ topics): in memory (`GET /_fc3/destinations`), in
/// the data dir's store, and in a JSON-lines log per destination under
/// `{data dir}/destinations/`.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields, default)]
#[non_exhaustive]
pub struct DestinationSettings {
    /// The most records kept per destination; past it the oldest are dropped.
    pub keep_records: usize,
    /// The most bytes of records kept over all destinations; past it the oldest are dropped.
    pub keep_bytes: usize,
    /// How large a destination's log grows before it is rotated (to `….1.jsonl`, replacing the
    /// previous one): at most twice this on disk per destination.
    pub log_bytes: u64,
}

/// The default of [`DestinationSettings::keep_records`].
pub const DEFAULT_KEEP_RECORDS: usize = 1_000;
/// The default of [`DestinationSettings::keep_bytes`]: 64 MiB.
pub const DEFAULT_KEEP_RECORD_BYTES: usize = 64 * 1024 * 1024;
/// The default of [`DestinationSettings::log_bytes`]: 1 MiB.
pub const DEFAULT_DESTINATION_LOG_BYTES: u64 = 1024 * 1024;

impl Default for DestinationSettings {
    fn default() -> Self {
        Self {
            keep_records: DEFAULT_KEEP_RECORDS,
            keep_bytes: DEFAULT_KEEP_RECORD_BYTES,
            log_bytes: DEFAULT_DESTINATION_LOG_BYTES,
        }
    }
}

/// How the server treats connections. Timeouts are in seconds.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields, default)]
#[non_exhaustive]
pub struct ServerSettings {
    /// How long the head of a request may take to arrive, from the moment the server waits for
    /// it: on a new connection, and on a kept-alive one after each answer. It is therefore also
    /// the idle timeout: a connection that sends nothing for this long is closed.
    pub header_read_timeout: f64,
    /// The longest pause while a request body arrives; then the request is answered 408
    /// `RequestTimeout` and the connection closed.
    pub body_read_timeout: f64,
    /// How many connections are served at once; more wait to be accepted. Absent: three
    /// quarters of the open-file limit (`ulimit -n`), at most 4096 (512 where the limit is
    /// unknown), so that files stay free for the data store and for functions.
    pub max_connections: Option<usize>,
}

/// The default of [`ServerSettings::header_read_timeout`], in seconds.
pub const DEFAULT_HEADER_READ_TIMEOUT_SECONDS: f64 = 30.0;
/// The default of [`ServerSettings::body_read_timeout`], in seconds.
pub const DEFAULT_BODY_READ_TIMEOUT_SECONDS: f64 = 30.0;

impl Default for ServerSettings {
    fn default() -> Self {
        Self {
            header_read_timeout: DEFAULT_HEADER_READ_TIMEOUT_SECONDS,
            body_read_timeout: DEFAULT_BODY_READ_TIMEOUT_SECONDS,
            max_connections: None,
        }
    }
}

/// What runs when a function is invoked.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum FunctionKind {
    /// Returns the event.
    Echo,
    /// Always fails with a function error.
    Fail,
    /// Sleeps the milliseconds given in the event.
    Sleep,
    /// Fails the first `failures` tries of each request, then echoes the event.
    Flaky,
    /// Succeeds with an empty answer; async tasks are on by default, so what it received can
    /// be read back with ListAsyncTasks / GetAsyncTask.
    Sink,
    /// A process per invocation: event on stdin, answer on stdout, log on stderr.
    Command,
    /// FC custom-runtime style: the event is POSTed to `{url}/invoke`.
    Http,
}

impl FunctionKind {
    /// The kinds that exist without configuration, under their own names.
    pub const BUILTINS: [FunctionKind; 5] = [
        FunctionKind::Echo,
        FunctionKind::Fail,
        FunctionKind::Sleep,
        FunctionKind::Flaky,
        FunctionKind::Sink,
    ];

    /// The kind's name as written in the configuration.
    pub fn name(self) -> &'static str {
        match self {
            FunctionKind::Echo => "echo",
            FunctionKind::Fail => "fail",
            FunctionKind::Sleep => "sleep",
            FunctionKind::Flaky => "flaky",
            FunctionKind::Sink => "sink",
            FunctionKind::Command => "command",
            FunctionKind::Http => "http",
        }
    }
}

/// A command line: a string run with `sh -c`, or an argument vector run directly.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(untagged)]
pub enum CommandLine {
    /// Run through `sh -c`.
    Shell(String),
    /// Program and arguments, run without a shell.
    Argv(Vec<String>),
}

/// One function.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct FunctionConfig {
    /// What runs.
    pub kind: FunctionKind,
    /// `command`: what to run.
    pub command: Option<CommandLine>,
    /// `command`: the working directory (the emulator's when absent).
    pub cwd: Option<PathBuf>,
    /// `command`: extra environment variables.
    #[serde(default)]
    pub env: BTreeMap<String, String>,
    /// `http`: the base URL (`http://127.0.0.1:PORT`); the event is POSTed to `{url}/invoke`.
    pub url: Option<String>,
    /// The timeout of one invocation, in seconds (60 when absent).
    pub timeout: Option<f64>,
    /// How many invocations may run at once; a synchronous call beyond it gets 429
    /// ResourceExhausted, an asynchronous one waits. Unlimited when absent.
    pub concurrency: Option<u32>,
    /// Aliases: name → version, e.g. `{ prod = "1" }`.
    #[serde(default)]
    pub aliases: BTreeMap<String, String>,
    /// `flaky`: how many tries of each request fail (2 when absent).
    pub failures: Option<u32>,
    /// Whether async tasks are on while no async invoke configuration is stored (false when
    /// absent, true for `sink`).
    pub async_task: Option<bool>,
}

impl FunctionConfig {
    /// A function of `kind` with every option at its default.
    pub fn new(kind: FunctionKind) -> Self {
        Self {
            kind,
            command: None,
            cwd: None,
            env: BTreeMap::new(),
            url: None,
            timeout: None,
            concurrency: None,
            aliases: BTreeMap::new(),
            failures: None,
            async_task: None,
        }
    }
}

impl Config {
    /// Parses and checks a configuration.
    pub fn from_toml(text: &str) -> Result<Self, ConfigError> {
        let config: Config = toml::from_str(text)?;
        config.validate()?;
        Ok(config)
    }

    /// Reads, parses and checks a configuration file.
    pub fn load(path: &Path) -> Result<Self, ConfigError> {
        let text = std::fs::read_to_string(path).map_err(|source| ConfigError::Read {
            path: path.to_owned(),
            source,
        })?;
        Self::from_toml(&text)
    }

    /// Checks what serde cannot: required options per kind, ranges, names.
    pub fn validate(&self) -> Result<(), ConfigError> {
        let invalid = |msg: String| Err(ConfigError::Invalid(msg));
        for key in &self.access_keys {
            if key.id.trim().is_empty() || key.secret.is_empty() {
                return invalid("an access key needs a non-empty id and secret".into());
            }
        }
        if self.limits.sync_payload_bytes == 0 || self.limits.async_payload_bytes == 0 {
            return invalid("limits.*_payload_bytes must be at least 1".into());
        }
        let server = &self.server;
        for (key, secs) in [
            ("server.header_read_timeout", server.header_read_timeout),
            ("server.body_read_timeout", server.body_read_timeout),
        ] {
            if !(secs > 0.0 && secs <= MAX_TIMEOUT_SECONDS) {
                return invalid(format!(
                    "{key} must be more than 0 and at most {MAX_TIMEOUT_SECONDS} seconds"
                ));
            }
        }
        if server.max_connections == Some(0) {
            return invalid("server.max_connections must be at least 1".into());
        }
        let engine = &self.async_engine;
        if engine.workers == 0 || engine.max_queued_events == 0 || engine.max_queued_bytes == 0 {
            return invalid(
                "async.workers, async.max_queued_events and async.max_queued_bytes must be at least 1"
                    .into(),
            );
        }
        if engine.task_retention_seconds == 0
            || engine.max_finished_tasks == 0
            || engine.max_finished_bytes == 0
        {
            return invalid(
                "async.task_retention_seconds, async.max_finished_tasks and \
                 async.max_finished_bytes must be at least 1"
                    .into(),
            );
        }
        let kept = &self.destinations;
        if kept.keep_records == 0 || kept.keep_bytes == 0 || kept.log_bytes == 0 {
            return invalid(
                "destinations.keep_records, destinations.keep_bytes and destinations.log_bytes \
                 must be at least 1"
                    .into(),
            );
        }
        for (name, f) in &self.functions {
            if !fc3_models::rules::is_function_name(name) {
                return invalid(format!(
                    "function name {name:?}: must be {}",
                    fc3_models::rules::FUNCTION_NAME_RULE
                ));
            }
            let at = |what: &str| format!("functions.{name}: {what}");
            match f.kind {
                FunctionKind::Command => match &f.command {
                    None => return invalid(at("kind \"command\" needs `command`")),
                    Some(CommandLine::Shell(s)) if s.trim().is_empty() => {
                        return invalid(at("`command` is empty"));
                    }
                    Some(CommandLine::Argv(v)) if v.is_empty() || v[0].is_empty() => {
                        return invalid(at("`command` is empty"));
                    }
                    Some(_) => {}
                },
                _ if f.command.is_some() || f.cwd.is_some() || !f.env.is_empty() => {
                    return invalid(at("`command`, `cwd` and `env` are for kind \"command\""));
                }
                _ => {}
            }
            match (&f.url, f.kind) {
                (None, FunctionKind::Http) => return invalid(at("kind \"http\" needs `url`")),
                (Some(url), FunctionKind::Http) => {
                    if !url.starts_with("http://") {
                        return invalid(at("`url` must start with http://"));
                    }
                }
                (Some(_), _) => return invalid(at("`url` is for kind \"http\"")),
                (None, _) => {}
            }
            if f.failures.is_some() && f.kind != FunctionKind::Flaky {
                return invalid(at("`failures` is for kind \"flaky\""));
            }
            check_function_settings(f.timeout, f.concurrency, &f.aliases)
                .map_err(|rule| ConfigError::Invalid(at(&rule)))?;
        }
        Ok(())
    }
}

/// Checks what every kind of function has, from a file or registered in Rust: a timeout (in
/// seconds) within FC's, a concurrency of at least 1, aliases that are not LATEST.
pub(crate) fn check_function_settings(
    timeout: Option<f64>,
    concurrency: Option<u32>,
    aliases: &BTreeMap<String, String>,
) -> Result<(), String> {
    if let Some(t) = timeout
        && !(t > 0.0 && t <= MAX_TIMEOUT_SECONDS)
    {
        return Err(format!(
            "`timeout` must be more than 0 and at most {MAX_TIMEOUT_SECONDS} seconds"
        ));
    }
    if concurrency == Some(0) {
        return Err("`concurrency` must be at least 1".into());
    }
    for (alias, version) in aliases {
        if alias.is_empty() || alias == fc3_models::rules::LATEST || version.is_empty() {
            return Err("aliases need a name other than LATEST and a non-empty version".into());
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_is_default() {
        let c = Config::from_toml("").unwrap();
        assert!(c.functions.is_empty());
        assert_eq!(c.limits.async_payload_bytes, 128 * 1024);
    }

    #[test]
    fn shipped_example_parses() {
        let text = include_str!("../examples/fc3-local.toml");
        let c = Config::from_toml(text).unwrap();
        assert!(c.functions.contains_key("hello"));
    }

    #[test]
    fn readme_shows_the_shipped_example() {
        let readme = include_str!("../README.md");
        assert!(readme.contains(include_str!("../examples/fc3-local.toml")));
    }

    #[test]
    fn typos_and_inconsistencies_are_errors() {
        assert!(Config::from_toml("[functions.a]\nkind = \"echo\"\ntimout = 3").is_err());
        assert!(Config::from_toml("[functions.a]\nkind = \"command\"").is_err());
        assert!(Config::from_toml("[functions.a]\nkind = \"http\"\nurl = \"ftp://x\"").is_err());
        assert!(Config::from_toml("[functions.a]\nkind = \"echo\"\nconcurrency = 0").is_err());
        assert!(Config::from_toml("[functions.9a]\nkind = \"echo\"").is_err());
        assert!(Config::from_toml("[functions.a]\nkind = \"teleport\"").is_err());
    }

    #[test]
    fn debug_redacts_secrets() {
        let k = AccessKeyConfig::sts("id", "very-secret", "tok-secret");
        let text = format!("{k:?}");
        assert!(!text.contains("very-secret") && !text.contains("tok-secret"));
    }
}
