//! The functions the emulator runs: built-ins, `command` processes and `http` servers, their
//! qualifiers and their concurrency limits.

use std::collections::{BTreeMap, HashMap};
use std::hash::{Hash, Hasher};
use std::process::Stdio;
use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::Duration;

use axum::http::StatusCode;
use bytes::Bytes;
use fc3_models::operations::headers;
use fc3_models::rules::LATEST;
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWriteExt};
use tokio::sync::Notify;

use crate::clock::Clock;
use crate::config::{CommandLine, Config, DEFAULT_TIMEOUT_SECONDS, FunctionConfig, FunctionKind};
use crate::error::{ApiError, clip};
use crate::ids::IdGen;

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
    Error(FunctionError),
}

/// A function error: not an HTTP error, reported in `x-fc-error-type` and an error body.
#[derive(Clone, Debug)]
pub(crate) struct FunctionError {
    /// `UnhandledInvocationError` or `HandledInvocationError`.
    pub(crate) kind: &'static str,
    /// The body: `{"errorMessage","errorType","stackTrace"}` (or the function's own answer).
    pub(crate) body: Bytes,
    /// One line for task histories: `<errorType>: <errorMessage>`.
    pub(crate) summary: String,
}

impl FunctionError {
    fn new(kind: &'static str, error_type: &str, message: &str) -> Self {
        let body = serde_json::json!({
            "errorMessage": message,
            "errorType": error_type,
            "stackTrace": [],
        });
        Self {
            kind,
            body: Bytes::from(body.to_string()),
            summary: format!("{error_type}: {message}"),
        }
    }
}

/// Counts running invocations of one function against its limit. Async tries and sync calls
/// share it; a release wakes the async dispatcher.
#[derive(Debug)]
pub(crate) struct Limiter {
    active: AtomicU32,
    limit: u32,
    released: Arc<Notify>,
}

/// One slot of a [`Limiter`], released on drop.
#[derive(Debug)]
pub(crate) struct Permit {
    limiter: Arc<Limiter>,
}

impl Limiter {
    pub(crate) fn new(limit: Option<u32>, released: Arc<Notify>) -> Self {
        Self {
            active: AtomicU32::new(0),
            limit: limit.unwrap_or(u32::MAX),
            released,
        }
    }

    /// A slot, or `None` when the function is at its limit.
    pub(crate) fn try_acquire(self: &Arc<Self>) -> Option<Permit> {
        self.active
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |n| {
                (n < self.limit).then_some(n + 1)
            })
            .ok()
            .map(|_| Permit {
                limiter: Arc::clone(self),
            })
    }

    pub(crate) fn limit(&self) -> Option<u32> {
        (self.limit != u32::MAX).then_some(self.limit)
    }
}

impl Drop for Permit {
    fn drop(&mut self) {
        self.limiter.active.fetch_sub(1, Ordering::AcqRel);
        self.limiter.released.notify_one();
    }
}

enum Runner {
    Builtin {
        failures: u32,
    },
    Command {
        line: CommandLine,
        cwd: Option<std::path::PathBuf>,
        env: BTreeMap<String, String>,
    },
    Http {
        url: String,
        client: reqwest::Client,
    },
}

/// One function, ready to run.
pub(crate) struct Function {
    pub(crate) name: String,
    pub(crate) kind: FunctionKind,
    runner: Runner,
    pub(crate) timeout: Duration,
    pub(crate) limiter: Arc<Limiter>,
    aliases: BTreeMap<String, String>,
    /// Whether async tasks are on while no async invoke configuration is stored.
    pub(crate) default_async_task: bool,
    pub(crate) instance_id: String,
    pub(crate) code_checksum: String,
}

impl std::fmt::Debug for Function {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Function")
            .field("name", &self.name)
            .field("kind", &self.kind)
            .finish_non_exhaustive()
    }
}

impl Function {
    fn build(name: &str, config: &FunctionConfig, released: Arc<Notify>, ids: &IdGen) -> Self {
        let runner = match config.kind {
            FunctionKind::Command => Runner::Command {
                line: config
                    .command
                    .clone()
                    .unwrap_or_else(|| CommandLine::Shell("false".into())),
                cwd: config.cwd.clone(),
                env: config.env.clone(),
            },
            FunctionKind::Http => Runner::Http {
                url: config
                    .url
                    .as_deref()
                    .unwrap_or("http://127.0.0.1:9")
                    .trim_end_matches('/')
                    .to_owned(),
                client: fc3_credentials::http_client_builder()
                    .no_proxy()
                    .build()
                    .unwrap_or_else(|_| reqwest::Client::new()),
            },
            _ => Runner::Builtin {
                failures: config.failures.unwrap_or(2),
            },
        };
        let mut hasher = std::hash::DefaultHasher::new();
        (
            name,
            config.kind.name(),
            format!("{:?}{:?}", config.command, config.url),
        )
            .hash(&mut hasher);
        Self {
            name: name.to_owned(),
            kind: config.kind,
            runner,
            timeout: Duration::from_secs_f64(config.timeout.unwrap_or(DEFAULT_TIMEOUT_SECONDS)),
            limiter: Arc::new(Limiter::new(config.concurrency, released)),
            aliases: config.aliases.clone(),
            default_async_task: config
                .async_task
                .unwrap_or(config.kind == FunctionKind::Sink),
            instance_id: ids.instance_id(),
            code_checksum: hasher.finish().to_string(),
        }
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

    /// Runs the function once, within its timeout, and frames its log with FC's start and
    /// end lines. Dropping the future stops the invocation (a process is killed).
    pub(crate) async fn invoke(
        &self,
        ctx: &InvokeContext,
        event: Bytes,
        clock: &dyn Clock,
    ) -> Invocation {
        let timed_out = clock.sleep(self.timeout);
        let (outcome, log) = tokio::select! {
            result = self.run(ctx, event, clock) => result,
            () = timed_out => {
                let message = format!(
                    "Function timed out after {} seconds (maxMemoryUsage: 0MB)",
                    self.timeout.as_secs_f64()
                );
                (
                    Outcome::Error(FunctionError::new(UNHANDLED, "FunctionTimeout", &message)),
                    format!("{message}\n").into_bytes(),
                )
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
        event: Bytes,
        clock: &dyn Clock,
    ) -> (Outcome, Vec<u8>) {
        match &self.runner {
            Runner::Builtin { failures } => self.run_builtin(*failures, ctx, event, clock).await,
            Runner::Command { line, cwd, env } => {
                self.run_command(line, cwd.as_deref(), env, ctx, event)
                    .await
            }
            Runner::Http { url, client } => self.run_http(url, client, ctx, event).await,
        }
    }

    async fn run_builtin(
        &self,
        failures: u32,
        ctx: &InvokeContext,
        event: Bytes,
        clock: &dyn Clock,
    ) -> (Outcome, Vec<u8>) {
        match self.kind {
            FunctionKind::Fail => (
                Outcome::Error(FunctionError::new(
                    UNHANDLED,
                    "Error",
                    "fail: this function always fails",
                )),
                b"fail: failing as asked\n".to_vec(),
            ),
            FunctionKind::Sleep => match sleep_millis(&event) {
                Some(ms) => {
                    clock.sleep(Duration::from_millis(ms)).await;
                    (
                        Outcome::Success(Bytes::from(format!("{{\"sleptMs\":{ms}}}"))),
                        format!("sleep: slept {ms} ms\n").into_bytes(),
                    )
                }
                None => (
                    Outcome::Error(FunctionError::new(
                        HANDLED,
                        "InvalidEvent",
                        "sleep: the event must be a number of milliseconds, e.g. 250 or {\"ms\":250}",
                    )),
                    b"sleep: bad event\n".to_vec(),
                ),
            },
            FunctionKind::Flaky => {
                let failures = json_u64(&event, "failures")
                    .map_or(failures, |n| n.min(u64::from(u32::MAX)) as u32);
                if ctx.attempt <= failures {
                    let message = format!(
                        "flaky: try {} of this request fails (the first {failures} do)",
                        ctx.attempt
                    );
                    (
                        Outcome::Error(FunctionError::new(UNHANDLED, "Error", &message)),
                        format!("{message}\n").into_bytes(),
                    )
                } else {
                    let log = format!("flaky: try {} succeeds\n", ctx.attempt).into_bytes();
                    (Outcome::Success(event), log)
                }
            }
            FunctionKind::Sink => {
                let log = format!("sink: kept {} bytes\n", event.len()).into_bytes();
                (Outcome::Success(Bytes::new()), log)
            }
            // Echo (and any kind without a runner of its own).
            _ => {
                let log = format!("echo: {} bytes\n", event.len()).into_bytes();
                (Outcome::Success(event), log)
            }
        }
    }

    async fn run_command(
        &self,
        line: &CommandLine,
        cwd: Option<&std::path::Path>,
        env: &BTreeMap<String, String>,
        ctx: &InvokeContext,
        event: Bytes,
    ) -> (Outcome, Vec<u8>) {
        let mut cmd = match line {
            CommandLine::Shell(script) => {
                let mut c = tokio::process::Command::new("sh");
                c.arg("-c").arg(script);
                c
            }
            CommandLine::Argv(argv) => {
                let (program, args) = argv
                    .split_first()
                    .map_or(("false", &[][..]), |(p, a)| (p.as_str(), a));
                let mut c = tokio::process::Command::new(program);
                c.args(args);
                c
            }
        };
        cmd.stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .kill_on_drop(true)
            .process_group(0)
            .envs(env)
            .env("FC_REQUEST_ID", &ctx.request_id)
            .env("FC_FUNCTION_NAME", &self.name)
            .env("FC_QUALIFIER", &ctx.qualifier)
            .env("FC_FUNCTION_VERSION", &ctx.version)
            .env("FC_REGION", &ctx.region)
            .env("FC_ACCOUNT_ID", &ctx.account_id)
            .env("FC_INSTANCE_ID", &self.instance_id)
            .env(
                "FC_FUNCTION_TIMEOUT",
                self.timeout.as_secs().max(1).to_string(),
            );
        if let Some(dir) = cwd {
            cmd.current_dir(dir);
        }
        let mut child = match cmd.spawn() {
            Ok(child) => child,
            Err(e) => {
                let message = format!("cannot start the command: {e}");
                return (
                    Outcome::Error(FunctionError::new(UNHANDLED, "CommandNotStarted", &message)),
                    format!("{message}\n").into_bytes(),
                );
            }
        };
        // If this future is dropped (timeout, stop, client gone), kill the whole group, so a
        // shell's children die with it.
        let mut group = GroupKill(child.id());
        let stdin = child.stdin.take();
        let stdout = child.stdout.take();
        let stderr = child.stderr.take();
        let write = async move {
            if let Some(mut stdin) = stdin {
                // A command that does not read its input is fine: ignore a broken pipe.
                let _ = stdin.write_all(&event).await;
                let _ = stdin.shutdown().await;
            }
        };
        let (_, out, log) = tokio::join!(
            write,
            read_capped(stdout, MAX_RESPONSE_BYTES),
            read_tail(stderr, LOG_KEEP_BYTES)
        );
        let status = child.wait().await;
        group.0 = None;
        let (out, overflow) = out;
        let outcome = match status {
            Ok(status) if status.success() => {
                if overflow {
                    Outcome::Error(FunctionError::new(
                        UNHANDLED,
                        "ResponseTooLarge",
                        &format!("the command wrote more than {MAX_RESPONSE_BYTES} bytes"),
                    ))
                } else {
                    Outcome::Success(Bytes::from(out))
                }
            }
            Ok(status) => Outcome::Error(FunctionError::new(
                UNHANDLED,
                "ProcessExited",
                &format!("Process exited unexpectedly before completing request ({status})"),
            )),
            Err(e) => Outcome::Error(FunctionError::new(
                UNHANDLED,
                "ProcessExited",
                &format!("cannot wait for the command: {e}"),
            )),
        };
        (outcome, log)
    }

    async fn run_http(
        &self,
        url: &str,
        client: &reqwest::Client,
        ctx: &InvokeContext,
        event: Bytes,
    ) -> (Outcome, Vec<u8>) {
        let target = format!("{url}/invoke");
        let sent = client
            .post(&target)
            .header("content-type", "application/octet-stream")
            .header(headers::X_FC_REQUEST_ID, &ctx.request_id)
            .header("x-fc-control-path", "/invoke")
            .header("x-fc-function-name", &self.name)
            .header("x-fc-qualifier", &ctx.qualifier)
            .header("x-fc-version-id", &ctx.version)
            .header("x-fc-region", &ctx.region)
            .header("x-fc-account-id", &ctx.account_id)
            .header(headers::X_FC_INSTANCE_ID, &self.instance_id)
            .body(event)
            .send()
            .await;
        let response = match sent {
            Ok(r) => r,
            Err(e) => {
                let message = format!("cannot reach the function's HTTP server at {target}: {e}");
                return (
                    Outcome::Error(FunctionError::new(UNHANDLED, "ConnectionFailed", &message)),
                    format!("{message}\n").into_bytes(),
                );
            }
        };
        let status = response.status();
        let body = match response.bytes().await {
            Ok(b) => b,
            Err(e) => {
                let message = format!("cannot read the answer of {target}: {e}");
                return (
                    Outcome::Error(FunctionError::new(UNHANDLED, "ConnectionFailed", &message)),
                    format!("{message}\n").into_bytes(),
                );
            }
        };
        let log = format!("http: POST {target} answered {}\n", status.as_u16()).into_bytes();
        if status.is_server_error() {
            let message = format!(
                "the function's HTTP server answered {}: {}",
                status.as_u16(),
                clip(&String::from_utf8_lossy(&body))
            );
            return (
                Outcome::Error(FunctionError::new(UNHANDLED, "HttpServerError", &message)),
                log,
            );
        }
        if body.len() > MAX_RESPONSE_BYTES {
            let message = format!("the function answered more than {MAX_RESPONSE_BYTES} bytes");
            return (
                Outcome::Error(FunctionError::new(UNHANDLED, "ResponseTooLarge", &message)),
                log,
            );
        }
        (Outcome::Success(body), log)
    }
}

/// Kills a process group when dropped, unless disarmed (`.0 = None`).
struct GroupKill(Option<u32>);

impl Drop for GroupKill {
    fn drop(&mut self) {
        if let Some(pid) = self.0.take() {
            // Best effort, without unsafe code: the `kill` utility on the negative pid.
            let _ = std::process::Command::new("kill")
                .args(["-KILL", "--", &format!("-{pid}")])
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .map(|mut child| {
                    std::thread::spawn(move || child.wait());
                });
        }
    }
}

/// Reads everything, keeping at most `cap` bytes; the flag says whether more came.
async fn read_capped(reader: Option<impl AsyncRead + Unpin>, cap: usize) -> (Vec<u8>, bool) {
    let Some(mut reader) = reader else {
        return (Vec::new(), false);
    };
    let mut kept = Vec::new();
    let mut buf = vec![0u8; 64 * 1024];
    let mut overflow = false;
    loop {
        match reader.read(&mut buf).await {
            Ok(0) | Err(_) => break,
            Ok(n) => {
                let room = cap.saturating_sub(kept.len());
                if n > room {
                    overflow = true;
                }
                kept.extend_from_slice(&buf[..n.min(room)]);
            }
        }
    }
    (kept, overflow)
}

/// Reads everything, keeping the last `keep` bytes.
async fn read_tail(reader: Option<impl AsyncRead + Unpin>, keep: usize) -> Vec<u8> {
    let Some(mut reader) = reader else {
        return Vec::new();
    };
    let mut tail = Vec::new();
    let mut buf = vec![0u8; 16 * 1024];
    loop {
        match reader.read(&mut buf).await {
            Ok(0) | Err(_) => break,
            Ok(n) => {
                tail.extend_from_slice(&buf[..n]);
                if tail.len() > 2 * keep {
                    tail.drain(..tail.len() - keep);
                }
            }
        }
    }
    if tail.len() > keep {
        tail.drain(..tail.len() - keep);
    }
    tail
}

/// The milliseconds a `sleep` event asks for: `250`, `"250"` or `{"ms":250}`.
fn sleep_millis(event: &[u8]) -> Option<u64> {
    let text = std::str::from_utf8(event).ok()?.trim();
    let text = text.trim_matches('"');
    text.parse::<u64>().ok().or_else(|| json_u64(event, "ms"))
}

fn json_u64(event: &[u8], key: &str) -> Option<u64> {
    serde_json::from_slice::<serde_json::Value>(event)
        .ok()?
        .get(key)?
        .as_u64()
}

/// All functions, by name.
#[derive(Debug, Default)]
pub(crate) struct Functions {
    map: HashMap<String, Arc<Function>>,
}

impl Functions {
    pub(crate) fn from_config(config: &Config, released: &Arc<Notify>, ids: &IdGen) -> Self {
        let mut map = HashMap::new();
        if config.builtins.unwrap_or(true) {
            for kind in FunctionKind::BUILTINS {
                let f = Function::build(
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
                Arc::new(Function::build(name, f, Arc::clone(released), ids)),
            );
        }
        Self { map }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sleep_events() {
        assert_eq!(sleep_millis(b"250"), Some(250));
        assert_eq!(sleep_millis(b" \"7\" "), Some(7));
        assert_eq!(sleep_millis(br#"{"ms": 12}"#), Some(12));
        assert_eq!(sleep_millis(b"soon"), None);
    }

    #[test]
    fn limiter_counts() {
        let notify = Arc::new(Notify::new());
        let limiter = Arc::new(Limiter::new(Some(1), notify));
        let first = limiter.try_acquire();
        assert!(first.is_some());
        assert!(limiter.try_acquire().is_none());
        drop(first);
        assert!(limiter.try_acquire().is_some());
    }
}
