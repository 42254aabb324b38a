//! Functions written in Rust: a closure or an async fn taking the event and a [`Context`] and
//! answering bytes or a [`FunctionError`], registered with
//! [`Options::with_function`](crate::Options::with_function). It runs as every other kind
//! does: synchronous calls, tries of asynchronous events with retries, destinations, its
//! timeout and concurrency limit. Each run is a tokio task of its own, so a panic is the
//! invocation's `UnhandledInvocationError`, never the emulator's, and a timeout or a stop
//! aborts it.

use std::collections::BTreeMap;
use std::fmt;
use std::future::Future;
use std::panic::AssertUnwindSafe;
use std::pin::Pin;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use bytes::Bytes;
use fc3_models::InvocationType;

use super::received::DEFAULT_KEPT_INVOCATIONS;
use super::{
    Failure, Function, HANDLED, InvokeContext, LOG_KEEP_BYTES, Outcome, Settings, Trigger,
    UNHANDLED, error_body,
};
use crate::config::check_function_settings;

type Run = Pin<Box<dyn Future<Output = Result<Bytes, FunctionError>> + Send + 'static>>;
type Call = Arc<dyn Fn(Bytes, Context) -> Run + Send + Sync + 'static>;

/// A function written in Rust, with the settings a configured function has (timeout,
/// concurrency, aliases, async tasks). A closure converts into one with its settings at their
/// defaults, so [`Options::with_function`](crate::Options::with_function) takes either.
///
/// ```
/// use std::time::Duration;
/// use fc3_local::{FunctionError, Options, RustFunction};
///
/// let resize = RustFunction::new(|event: bytes::Bytes, ctx: fc3_local::Context| async move {
///     ctx.log(format!("try {} of {}", ctx.attempt(), ctx.request_id()));
///     if event.is_empty() {
///         return Err(FunctionError::new("EmptyImage", "the event holds no image"));
///     }
///     Ok(format!("resized {} bytes", event.len()))
/// })
/// .timeout(Duration::from_secs(5))
/// .concurrency(2)
/// .alias("prod", "1");
/// let options = Options::default().with_function("resize", resize);
/// # drop(options);
/// ```
#[derive(Clone)]
pub struct RustFunction {
    call: Call,
    timeout: Option<Duration>,
    concurrency: Option<u32>,
    aliases: BTreeMap<String, String>,
    async_task: Option<bool>,
    keep: usize,
}

impl fmt::Debug for RustFunction {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RustFunction")
            .field("timeout", &self.timeout)
            .field("concurrency", &self.concurrency)
            .field("aliases", &self.aliases)
            .field("async_task", &self.async_task)
            .field("keep_invocations", &self.keep)
            .finish_non_exhaustive()
    }
}

impl RustFunction {
    /// A function that runs `function` on each invocation: it gets the event's bytes and the
    /// invocation's [`Context`], and answers the function's output (anything that converts
    /// into [`Bytes`]: a `String`, a `Vec<u8>`, a `&'static str`) or a [`FunctionError`].
    pub fn new<F, Fut, B>(function: F) -> Self
    where
        F: Fn(Bytes, Context) -> Fut + Send + Sync + 'static,
        Fut: Future<Output = Result<B, FunctionError>> + Send + 'static,
        B: Into<Bytes>,
    {
        let call: Call = Arc::new(move |event, context| {
            let run = function(event, context);
            Box::pin(async move { run.await.map(Into::into) })
        });
        Self {
            call,
            timeout: None,
            concurrency: None,
            aliases: BTreeMap::new(),
            async_task: None,
            keep: DEFAULT_KEPT_INVOCATIONS,
        }
    }

    /// The timeout of one invocation (60 s unless set; at most a day, FC's longest).
    #[must_use]
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// How many invocations may run at once (unlimited unless set): a synchronous call beyond
    /// it gets 429 `ResourceExhausted`, a try of an asynchronous event waits its turn.
    #[must_use]
    pub fn concurrency(mut self, limit: u32) -> Self {
        self.concurrency = Some(limit);
        self
    }

    /// An alias naming a version, so the function can be invoked with that qualifier (all
    /// versions run the same code).
    #[must_use]
    pub fn alias(mut self, alias: impl Into<String>, version: impl Into<String>) -> Self {
        self.aliases.insert(alias.into(), version.into());
        self
    }

    /// Whether asynchronous invocations are async tasks while no async invoke configuration
    /// is stored (off unless set).
    #[must_use]
    pub fn async_task(mut self, on: bool) -> Self {
        self.async_task = Some(on);
        self
    }

    /// How many of the latest invocations are kept for
    /// [`AppState::invocations`](crate::AppState::invocations) (1,000 unless set; at least 1).
    #[must_use]
    pub fn keep_invocations(mut self, count: usize) -> Self {
        self.keep = count;
        self
    }

    /// Checks the settings as the configuration file's are checked.
    pub(super) fn check(&self) -> Result<(), String> {
        check_function_settings(
            self.timeout.map(|t| t.as_secs_f64()),
            self.concurrency,
            &self.aliases,
        )?;
        if self.keep == 0 {
            return Err("keep_invocations must be at least 1".into());
        }
        Ok(())
    }

    /// What the function is made of: its handler and its settings.
    pub(super) fn parts(&self) -> (Handler, Settings) {
        let handler = Handler {
            call: Arc::clone(&self.call),
            keep: self.keep,
        };
        let settings = Settings {
            timeout: self.timeout.unwrap_or(Duration::from_secs_f64(
                crate::config::DEFAULT_TIMEOUT_SECONDS,
            )),
            concurrency: self.concurrency,
            aliases: self.aliases.clone(),
            default_async_task: self.async_task.unwrap_or(false),
            identity: "rust".to_owned(),
        };
        (handler, settings)
    }
}

impl<F, Fut, B> From<F> for RustFunction
where
    F: Fn(Bytes, Context) -> Fut + Send + Sync + 'static,
    Fut: Future<Output = Result<B, FunctionError>> + Send + 'static,
    B: Into<Bytes>,
{
    fn from(function: F) -> Self {
        RustFunction::new(function)
    }
}

/// A Rust function's error: the invocation answers 200 with `x-fc-error-type` and FC's error
/// body `{"errorMessage","errorType","stackTrace"}` (or a body of the function's own), and an
/// asynchronous event is retried as its async invoke configuration says.
///
/// `?` turns any [`std::error::Error`] into one, with its type's name as `errorType`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FunctionError {
    handled: bool,
    error_type: String,
    message: String,
    body: Option<Bytes>,
}

impl FunctionError {
    /// An error the function reports (`HandledInvocationError`), e.g.
    /// `FunctionError::new("InvalidImage", "not a PNG")`.
    pub fn new(error_type: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            handled: true,
            error_type: error_type.into(),
            message: message.into(),
            body: None,
        }
    }

    /// A crash (`UnhandledInvocationError`), as FC reports an uncaught exception.
    pub fn unhandled(error_type: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            handled: false,
            ..Self::new(error_type, message)
        }
    }

    /// Answers this body instead of FC's error body.
    #[must_use]
    pub fn with_body(mut self, body: impl Into<Bytes>) -> Self {
        self.body = Some(body.into());
        self
    }

    /// `errorType`.
    pub fn error_type(&self) -> &str {
        &self.error_type
    }

    /// `errorMessage`.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// Whether the function reported it (`HandledInvocationError`) rather than crashed.
    pub fn is_handled(&self) -> bool {
        self.handled
    }

    fn into_failure(self) -> Failure {
        let kind = if self.handled { HANDLED } else { UNHANDLED };
        Failure {
            kind,
            body: self
                .body
                .unwrap_or_else(|| error_body(&self.error_type, &self.message)),
            summary: format!("{}: {}", self.error_type, self.message),
        }
    }
}

impl fmt::Display for FunctionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.error_type, self.message)
    }
}

impl<E: std::error::Error + 'static> From<E> for FunctionError {
    fn from(error: E) -> Self {
        let name = std::any::type_name::<E>();
        let short = name.split('<').next().unwrap_or(name);
        let short = short.rsplit("::").next().unwrap_or(short);
        FunctionError::new(short, error.to_string())
    }
}

/// The invocation a Rust function is running: who invoked it, how, and its log. Cheap to
/// clone.
#[derive(Clone)]
pub struct Context {
    inner: Arc<ContextInner>,
}

struct ContextInner {
    request_id: String,
    function_name: String,
    qualifier: String,
    version: String,
    attempt: u32,
    invocation_type: InvocationType,
    async_task_id: Option<String>,
    region: String,
    account_id: String,
    instance_id: String,
    log: Mutex<Vec<u8>>,
}

impl fmt::Debug for Context {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let c = &self.inner;
        f.debug_struct("Context")
            .field("request_id", &c.request_id)
            .field("function_name", &c.function_name)
            .field("qualifier", &c.qualifier)
            .field("version", &c.version)
            .field("attempt", &c.attempt)
            .field("invocation_type", &c.invocation_type)
            .field("async_task_id", &c.async_task_id)
            .finish_non_exhaustive()
    }
}

impl Context {
    pub(super) fn new(function: &Function, ctx: &InvokeContext, trigger: &Trigger) -> Self {
        let async_task_id = match trigger {
            Trigger::Async { task_id } => task_id.clone(),
            Trigger::Sync => None,
        };
        Self {
            inner: Arc::new(ContextInner {
                request_id: ctx.request_id.clone(),
                function_name: function.name.clone(),
                qualifier: ctx.qualifier.clone(),
                version: ctx.version.clone(),
                attempt: ctx.attempt,
                invocation_type: trigger.invocation_type(),
                async_task_id,
                region: ctx.region.clone(),
                account_id: ctx.account_id.clone(),
                instance_id: function.instance_id.clone(),
                log: Mutex::new(Vec::new()),
            }),
        }
    }

    /// The request id (`x-fc-request-id`); every try of an asynchronous event has the same.
    pub fn request_id(&self) -> &str {
        &self.inner.request_id
    }

    /// The function's name.
    pub fn function_name(&self) -> &str {
        &self.inner.function_name
    }

    /// The qualifier invoked (`LATEST` when the call named none).
    pub fn qualifier(&self) -> &str {
        &self.inner.qualifier
    }

    /// The version the qualifier names.
    pub fn version(&self) -> &str {
        &self.inner.version
    }

    /// The try: 1 for a synchronous call and the first try of an asynchronous event.
    pub fn attempt(&self) -> u32 {
        self.inner.attempt
    }

    /// `Sync` or `Async`.
    pub fn invocation_type(&self) -> InvocationType {
        self.inner.invocation_type
    }

    /// The async task id, when the event is an async task.
    pub fn async_task_id(&self) -> Option<&str> {
        self.inner.async_task_id.as_deref()
    }

    /// The region of the emulator's ARNs.
    pub fn region(&self) -> &str {
        &self.inner.region
    }

    /// The account id of the emulator's ARNs.
    pub fn account_id(&self) -> &str {
        &self.inner.account_id
    }

    /// The function's instance id (`x-fc-instance-id`).
    pub fn instance_id(&self) -> &str {
        &self.inner.instance_id
    }

    /// Writes a line to the invocation's log (what `x-fc-log-type: Tail` returns); the last
    /// 16 KiB are kept.
    pub fn log(&self, line: impl AsRef<str>) {
        let mut log = self
            .inner
            .log
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        log.extend_from_slice(line.as_ref().as_bytes());
        if !log.ends_with(b"\n") {
            log.push(b'\n');
        }
        if log.len() > 2 * LOG_KEEP_BYTES {
            let cut = log.len() - LOG_KEEP_BYTES;
            log.drain(..cut);
        }
    }

    fn take_log(&self) -> Vec<u8> {
        let mut log = std::mem::take(
            &mut *self
                .inner
                .log
                .lock()
                .unwrap_or_else(PoisonError::into_inner),
        );
        if log.len() > LOG_KEEP_BYTES {
            let cut = log.len() - LOG_KEEP_BYTES;
            log.drain(..cut);
        }
        log
    }
}

/// A Rust function ready to run.
pub(super) struct Handler {
    call: Call,
    /// How many invocations are kept for tests to read.
    pub(super) keep: usize,
}

/// Aborts the task when dropped: an invocation dropped (timed out, stopped) ends its run.
struct AbortOnDrop(tokio::task::JoinHandle<Result<Bytes, FunctionError>>);

impl Drop for AbortOnDrop {
    fn drop(&mut self) {
        self.0.abort();
    }
}

impl Handler {
    /// Runs the function on a task of its own; a panic is an `UnhandledInvocationError`.
    pub(super) async fn run(&self, context: Context, event: Bytes) -> (Outcome, Vec<u8>) {
        let call = Arc::clone(&self.call);
        let log = context.clone();
        // The closure itself may panic before it returns its future.
        let started = std::panic::catch_unwind(AssertUnwindSafe(move || call(event, context)));
        let result = match started {
            Ok(run) => {
                let mut task = AbortOnDrop(tokio::spawn(run));
                match (&mut task.0).await {
                    Ok(result) => result.map_err(FunctionError::into_failure),
                    Err(e) if e.is_panic() => Err(panicked(e.into_panic())),
                    Err(e) => Err(Failure::new(UNHANDLED, "Aborted", &e.to_string())),
                }
            }
            Err(panic) => Err(panicked(panic)),
        };
        let outcome = match result {
            Ok(answer) => Outcome::Success(answer),
            Err(failure) => Outcome::Error(failure),
        };
        (outcome, log.take_log())
    }
}

fn panicked(panic: Box<dyn std::any::Any + Send>) -> Failure {
    let message = panic
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "the function panicked".to_owned());
    Failure::new(
        UNHANDLED,
        "Panic",
        &format!("the function panicked: {message}"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_convert_with_their_type_name() {
        let parsed: Result<u32, std::num::ParseIntError> = "x".parse();
        let error = FunctionError::from(parsed.unwrap_err());
        assert_eq!(error.error_type(), "ParseIntError");
        assert!(error.is_handled());
        let failure = FunctionError::unhandled("Boom", "it broke").into_failure();
        assert_eq!(failure.kind, UNHANDLED);
        assert_eq!(failure.summary, "Boom: it broke");
        let body: serde_json::Value = serde_json::from_slice(&failure.body).unwrap();
        assert_eq!(body["errorType"], "Boom");
        assert_eq!(body["errorMessage"], "it broke");
        let own = FunctionError::new("T", "m").with_body("raw").into_failure();
        assert_eq!(own.body.as_ref(), b"raw");
        assert_eq!(own.kind, HANDLED);
    }

    #[test]
    fn settings_are_checked() {
        let f = || RustFunction::new(|e: Bytes, _| async move { Ok::<_, FunctionError>(e) });
        assert!(f().check().is_ok());
        assert!(f().concurrency(0).check().is_err());
        assert!(f().timeout(Duration::ZERO).check().is_err());
        assert!(f().timeout(Duration::from_secs(86_401)).check().is_err());
        assert!(f().alias("LATEST", "1").check().is_err());
        assert!(f().keep_invocations(0).check().is_err());
    }
}
