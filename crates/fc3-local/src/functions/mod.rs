//! The functions the emulator runs, their qualifiers and their concurrency limits. Every kind
//! is invoked the same way ([`Function::invoke`] for a synchronous call, [`Function::invoke_as`]
//! for a try of an asynchronous one): within its timeout, its log framed by FC's start and end
//! lines, so the HTTP routes and the async engine treat all kinds alike.
//!
//! | module | job |
//! |---|---|
//! | `builtin` | `echo`, `fail`, `sleep`, `flaky`, `sink` |
//! | `command` | a process per invocation |
//! | `http` | an FC custom-runtime style HTTP server |
//! | `rust` | a Rust closure or async fn registered with [`Options::with_function`](crate::Options::with_function) |
//! | `received` | what a Rust function received, read back by tests |
//! | `limiter` | each function's concurrency limit |

mod builtin;
mod command;
mod http;
mod limiter;
mod received;
mod rust;

use std::collections::{BTreeMap, HashMap};
use std::hash::{Hash, Hasher};
use std::sync::Arc;
use std::time::Duration;

use axum::http::StatusCode;
use bytes::Bytes;
use fc3_models::InvocationType;
use fc3_models::rules::LATEST;
use tokio::sync::Notify;

use crate::clock::Clock;
use crate::config::{
    CommandLine, Config, ConfigError, DEFAULT_TIMEOUT_SECONDS, FunctionConfig, FunctionKind,
};
use crate::error::{ApiError, clip};
use crate::ids::IdGen;

use limiter::Limiter;
pub(crate) use limiter::Permit;
pub use received::{Invocations, NotReceived, ReceivedInvocation};
pub use rust::{Context, FunctionError, RustFunction};

/// The `x-fc-error-type` of a function that crashed, timed out or exited non-zero.
pub(crate) const UNHANDLED: &str = "UnhandledInvocationError";
/// The `x-fc-error-type` of a function that reported an error itself.
pub(crate) const HANDLED: &str = "HandledInvocationError";
/// How much of a function's log is kept per invocation (the tail; the API shows 4 KB of it).
const LOG_KEEP_BYTES: usize = 16 * 1024;
/// The largest function answer kept; beyond it the invocation is a function error.
pub(crate) const MAX_RESPONSE_BYTES: usize = 32 * 1024 * 1024;

/// Who is invoking, for the function's context.
#[derive(Clone, Debug)]
pub(crate) struct InvokeContext {
    pub(crate) request_id: String,
    pub(crate) qualifier: String,
    pub(crate) version: String,
    /// 1 for the first try of a request.
    pub(crate) attempt: u32,
    pub(crate) region: String,
    pub(crate) account_id: String,
}

/// How an invocation came: a synchronous call, or a try of an asynchronous event.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Trigger {
    Sync,
    /// A try of an async event, with its task id when it is an async task.
    Async {
        task_id: Option<String>,
    },
}

impl Trigger {
    fn invocation_type(&self) -> InvocationType {
        match self {
            Trigger::Sync => InvocationType::Sync,
            Trigger::Async { .. } => InvocationType::Async,
        }
    }
}

/// What an invocation produced.
#[derive(Clone, Debug)]
pub(crate) struct Invocation {
    pub(crate) outcome: Outcome,
    /// The log, framed by FC's start and end lines.
    pub(crate) log: Vec<u8>,
}

/// Success with the function's answer, or a function error.
#[derive(Clone, Debug)]
pub(crate) enum Outcome {
    Success(Bytes),
    Error(Failure),
}

/// A function error: not an HTTP error, reported in `x-fc-error-type` and an error body.
#[derive(Clone, Debug)]
pub(crate) struct Failure {
    /// `UnhandledInvocationError` or `HandledInvocationError`.
    pub(crate) kind: &'static str,
    /// The body: `{"errorMessage","errorType","stackTrace"}` (or the function's own answer).
    pub(crate) body: Bytes,
    /// One line for task histories: `<errorType>: <errorMessage>`.
    pub(crate) summary: String,
}

impl Failure {
    pub(crate) fn new(kind: &'static str, error_type: &str, message: &str) -> Self {
        Self {
            kind,
            body: error_body(error_type, message),
            summary: format!("{error_type}: {message}"),
        }
    }
}

/// An unhandled function error whose message is also the invocation's whole log: how a try
/// ends that fc3-local or a built-in reports itself (not started, no answer, timed out).
pub(crate) fn unhandled(error_type: &str, message: &str) -> (Outcome, Vec<u8>) {
    (
        Outcome::Error(Failure::new(UNHANDLED, error_type, message)),
        format!("{message}\n").into_bytes(),
    )
}

/// FC's body of a function error.
pub(crate) fn error_body(error_type: &str, message: &str) -> Bytes {
    let body = serde_json::json!({
        "errorMessage": message,
        "errorType": error_type,
        "stackTrace": [],
    });
    Bytes::from(body.to_string())
}

/// What runs.
enum Runner {
    Builtin(builtin::Builtin),
    Command(command::Command),
    Http(http::Http),
    Rust(rust::Handler),
}

/// What every kind of function has: limits, aliases, whether async tasks are on by default.
struct Settings {
    timeout: Duration,
    concurrency: Option<u32>,
    aliases: BTreeMap<String, String>,
    default_async_task: bool,
    /// What the code checksum is made of.
    identity: String,
}

/// One function, ready to run.
pub(crate) struct Function {
    pub(crate) name: String,
    runner: Runner,
    pub(crate) timeout: Duration,
    pub(crate) limiter: Arc<Limiter>,
    aliases: BTreeMap<String, String>,
    /// Whether async tasks are on while no async invoke configuration is stored.
    pub(crate) default_async_task: bool,
    pub(crate) instance_id: String,
    pub(crate) code_checksum: String,
    /// What a Rust function received.
    received: Option<Invocations>,
}

impl std::fmt::Debug for Function {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Function")
            .field("name", &self.name)
            .field("kind", &self.kind_name())
            .finish_non_exhaustive()
    }
}

impl Function {
    /// What runs it, as the configuration names it (`echo`, `command`, `http`), or `rust`
    /// for a function registered in Rust.
    pub(crate) fn kind_name(&self) -> &'static str {
        match &self.runner {
            Runner::Builtin(b) => b.kind.name(),
            Runner::Command(_) => FunctionKind::Command.name(),
            Runner::Http(_) => FunctionKind::Http.name(),
            Runner::Rust(_) => "rust",
        }
    }

    fn new(
        name: &str,
        runner: Runner,
        settings: Settings,
        released: Arc<Notify>,
        ids: &IdGen,
    ) -> Self {
        let mut hasher = std::hash::DefaultHasher::new();
        (name, &settings.identity).hash(&mut hasher);
        let received = match &runner {
            Runner::Rust(handler) => Some(Invocations::new(name, handler.keep)),
            _ => None,
        };
        Self {
            name: name.to_owned(),
            runner,
            timeout: settings.timeout,
            limiter: Arc::new(Limiter::new(settings.concurrency, released)),
            aliases: settings.aliases,
            default_async_task: settings.default_async_task,
            instance_id: ids.instance_id(),
            code_checksum: hasher.finish().to_string(),
            received,
        }
    }

    fn from_config(
        name: &str,
        config: &FunctionConfig,
        released: Arc<Notify>,
        ids: &IdGen,
    ) -> Self {
        let runner = match config.kind {
            FunctionKind::Command => Runner::Command(command::Command {
                line: config
                    .command
                    .clone()
                    .unwrap_or_else(|| CommandLine::Shell("false".into())),
                cwd: config.cwd.clone(),
                env: config.env.clone(),
            }),
            FunctionKind::Http => Runner::Http(http::Http::new(
                config.url.as_deref().unwrap_or("http://127.0.0.1:9"),
            )),
            kind => Runner::Builtin(builtin::Builtin {
                kind,
                failures: config.failures.unwrap_or(2),
            }),
        };
        let settings = Settings {
            timeout: Duration::from_secs_f64(config.timeout.unwrap_or(DEFAULT_TIMEOUT_SECONDS)),
            concurrency: config.concurrency,
            aliases: config.aliases.clone(),
            default_async_task: config
                .async_task
                .unwrap_or(config.kind == FunctionKind::Sink),
            identity: format!("{}{:?}{:?}", config.kind.name(), config.command, config.url),
        };
        Self::new(name, runner, settings, released, ids)
    }

    /// The version a qualifier names: `LATEST`, an alias's version, or a version some alias
    /// points at. 404 AliasNotFound / VersionNotFound otherwise.
    pub(crate) fn resolve(&self, qualifier: &str) -> Result<String, ApiError> {
        if qualifier == LATEST {
            return Ok(LATEST.into());
        }
        if let Some(version) = self.aliases.get(qualifier) {
            return Ok(version.clone());
        }
        if self.aliases.values().any(|v| v == qualifier) {
            return Ok(qualifier.to_owned());
        }
        let (code, what) = if qualifier.bytes().all(|b| b.is_ascii_digit()) {
            ("VersionNotFound", "version")
        } else {
            ("AliasNotFound", "alias")
        };
        Err(ApiError::new(
            StatusCode::NOT_FOUND,
            code,
            format!(
                "{what} '{}' of function '{}' does not exist.",
                clip(qualifier),
                self.name
            ),
        ))
    }

    /// What a Rust function received (`None` for every other kind).
    pub(crate) fn received(&self) -> Option<&Invocations> {
        self.received.as_ref()
    }

    /// Runs a synchronous call: [`invoke_as`](Self::invoke_as) with [`Trigger::Sync`].
    pub(crate) async fn invoke(
        &self,
        ctx: &InvokeContext,
        event: Bytes,
        clock: &dyn Clock,
    ) -> Invocation {
        self.invoke_as(ctx, &Trigger::Sync, event, clock).await
    }

    /// Runs the function once, within its timeout, and frames its log with FC's start and
    /// end lines. Dropping the future stops the invocation (a process is killed, a Rust
    /// function's task aborted).
    pub(crate) async fn invoke_as(
        &self,
        ctx: &InvokeContext,
        trigger: &Trigger,
        event: Bytes,
        clock: &dyn Clock,
    ) -> Invocation {
        if let Some(received) = &self.received {
            received.record(ctx, trigger, &event, clock.now());
        }
        let timed_out = clock.sleep(self.timeout);
        let (outcome, log) = tokio::select! {
            result = self.run(ctx, trigger, event, clock) => result,
            () = timed_out => {
                let message = format!(
                    "Function timed out after {} seconds (maxMemoryUsage: 0MB)",
                    self.timeout.as_secs_f64()
                );
                unhandled("FunctionTimeout", &message)
            }
        };
        let mut framed = format!("FC Invoke Start RequestId: {}\n", ctx.request_id).into_bytes();
        framed.extend_from_slice(&log);
        if !framed.ends_with(b"\n") {
            framed.push(b'\n');
        }
        if let Outcome::Error(e) = &outcome {
            framed.extend_from_slice(format!("Error: {}\n", e.summary).as_bytes());
        }
        framed
            .extend_from_slice(format!("FC Invoke End RequestId: {}\n", ctx.request_id).as_bytes());
        Invocation {
            outcome,
            log: framed,
        }
    }

    async fn run(
        &self,
        ctx: &InvokeContext,
        trigger: &Trigger,
        event: Bytes,
        clock: &dyn Clock,
    ) -> (Outcome, Vec<u8>) {
        match &self.runner {
            Runner::Builtin(builtin) => builtin.run(ctx, event, clock).await,
            Runner::Command(command) => command.run(self, ctx, event).await,
            Runner::Http(http) => http.run(self, ctx, event).await,
            Runner::Rust(handler) => {
                let context = Context::new(self, ctx, trigger);
                handler.run(context, event).await
            }
        }
    }
}

/// All functions, by name.
#[derive(Debug, Default)]
pub(crate) struct Functions {
    map: HashMap<String, Arc<Function>>,
}

impl Functions {
    /// The configuration's functions (and the built-ins unless it turns them off), then the
    /// Rust functions; a Rust function replaces a built-in of its name, and a name both the
    /// configuration and a Rust function use is refused.
    pub(crate) fn build(
        config: &Config,
        rust: &[(String, RustFunction)],
        released: &Arc<Notify>,
        ids: &IdGen,
    ) -> Result<Self, ConfigError> {
        let mut map = HashMap::new();
        if config.builtins.unwrap_or(true) {
            for kind in FunctionKind::BUILTINS {
                let f = Function::from_config(
                    kind.name(),
                    &FunctionConfig::new(kind),
                    Arc::clone(released),
                    ids,
                );
                map.insert(kind.name().to_owned(), Arc::new(f));
            }
        }
        for (name, f) in &config.functions {
            map.insert(
                name.clone(),
                Arc::new(Function::from_config(name, f, Arc::clone(released), ids)),
            );
        }
        let mut registered = std::collections::BTreeSet::new();
        for (name, function) in rust {
            let invalid =
                |what: String| Err(ConfigError::Invalid(format!("function {name:?}: {what}")));
            if !registered.insert(name.as_str()) {
                return invalid("registered twice with Options::with_function".into());
            }
            if config.functions.contains_key(name) {
                return invalid(
                    "declared in the configuration and registered with Options::with_function"
                        .into(),
                );
            }
            if !fc3_models::rules::is_function_name(name) {
                return invalid(format!("must be {}", fc3_models::rules::FUNCTION_NAME_RULE));
            }
            function.check().map_err(ConfigError::Invalid)?;
            let (runner, settings) = function.parts();
            map.insert(
                name.clone(),
                Arc::new(Function::new(
                    name,
                    Runner::Rust(runner),
                    settings,
                    Arc::clone(released),
                    ids,
                )),
            );
        }
        Ok(Self { map })
    }

    /// The configuration's functions only.
    #[cfg(test)]
    pub(crate) fn from_config(config: &Config, released: &Arc<Notify>, ids: &IdGen) -> Self {
        Self::build(config, &[], released, ids).unwrap_or_default()
    }

    pub(crate) fn get(&self, name: &str) -> Option<&Arc<Function>> {
        self.map.get(name)
    }

    /// 404 FunctionNotFound when there is no such function.
    pub(crate) fn require(&self, name: &str) -> Result<&Arc<Function>, ApiError> {
        self.get(name)
            .ok_or_else(|| ApiError::function_not_found(name))
    }

    pub(crate) fn names(&self) -> impl Iterator<Item = &str> {
        self.map.keys().map(String::as_str)
    }
}
