//! InvokeFunction, typed: a fluent builder and an [`InvokeOutput`] that says what happened.

use std::fmt;
use std::path::PathBuf;
use std::time::Duration;

use base64::Engine as _;
use bytes::Bytes;
use fc3_models::{InvocationType, LogType};
use futures_util::StreamExt;

use crate::call::{self, CallSettings, call_setters};
use crate::{Client, Error, RetryPolicy, validate};

/// FC's limit on a synchronous invocation's event.
pub const MAX_SYNC_PAYLOAD: usize = 32 * 1024 * 1024;
/// FC's limit on an asynchronous invocation's event.
pub const MAX_ASYNC_PAYLOAD: usize = 128 * 1024;

/// An event to pass to a function: bytes, text, or JSON.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Payload(Bytes);

impl Payload {
    /// The payload's bytes.
    pub fn as_bytes(&self) -> &[u8] {
        &self.0
    }

    /// A JSON payload.
    ///
    /// # Errors
    /// [`Error::Validation`] when `value` cannot be serialized.
    pub fn json<T: serde::Serialize + ?Sized>(value: &T) -> Result<Payload, Error> {
        serde_json::to_vec(value)
            .map(|v| Payload(v.into()))
            .map_err(|e| Error::validation("payload", format!("cannot serialize it as JSON: {e}")))
    }
}

impl fmt::Debug for Payload {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Payload({} bytes)", self.0.len())
    }
}

impl From<Bytes> for Payload {
    fn from(bytes: Bytes) -> Self {
        Payload(bytes)
    }
}
impl From<Vec<u8>> for Payload {
    fn from(bytes: Vec<u8>) -> Self {
        Payload(bytes.into())
    }
}
impl From<&[u8]> for Payload {
    fn from(bytes: &[u8]) -> Self {
        Payload(Bytes::copy_from_slice(bytes))
    }
}
impl<const N: usize> From<&[u8; N]> for Payload {
    fn from(bytes: &[u8; N]) -> Self {
        Payload(Bytes::copy_from_slice(bytes))
    }
}
impl From<String> for Payload {
    fn from(text: String) -> Self {
        Payload(text.into())
    }
}
impl From<&str> for Payload {
    fn from(text: &str) -> Self {
        Payload(Bytes::copy_from_slice(text.as_bytes()))
    }
}

#[derive(Debug, Clone)]
enum Source {
    Inline(Payload),
    File(PathBuf),
}

/// A pending InvokeFunction; start with [`Client::invoke`].
#[derive(Debug, Clone)]
#[must_use = "nothing is sent until `send` is awaited"]
pub struct Invoke<'a> {
    client: &'a Client,
    function: String,
    qualifier: Option<String>,
    payload: Source,
    invocation_type: InvocationType,
    log_type: Option<LogType>,
    async_task_id: Option<String>,
    settings: CallSettings,
}

impl Client {
    /// Invokes `function`. Synchronous by default; see [`Invoke`] for the options.
    ///
    /// This example runs for real, against an embedded fc3-local:
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// # let local = fc3_local::Server::start(Default::default(), "127.0.0.1:0".parse()?).await?;
    /// # let client = fc3_client::Client::builder()
    /// #     .endpoint(&local.endpoint())
    /// #     .credentials(fc3_client::Credentials::new(
    /// #         fc3_local::DEV_ACCESS_KEY_ID,
    /// #         fc3_local::DEV_ACCESS_KEY_SECRET,
    /// #     )?)
    /// #     .build()?;
    /// use fc3_client::{InvocationType, LogType};
    ///
    /// // Synchronously, with the log tail.
    /// let output = client
    ///     .invoke("echo")
    ///     .payload(r#"{"video":"cat.mp4"}"#)
    ///     .log_type(LogType::Tail)
    ///     .send()
    ///     .await?;
    /// assert!(output.function_error().is_none());
    /// assert_eq!(output.payload().as_ref(), br#"{"video":"cat.mp4"}"#);
    /// println!("log:\n{}", output.log_tail().unwrap_or_default());
    ///
    /// // A function error is reported, not raised, unless you ask for it.
    /// let failed = client.invoke("fail").send().await?;
    /// assert_eq!(failed.function_error().unwrap().kind, "UnhandledInvocationError");
    /// assert!(failed.into_result().is_err());
    ///
    /// // Queue an event under a task id of our own, to follow it later.
    /// let accepted = client
    ///     .invoke("sink")
    ///     .invocation_type(InvocationType::Async)
    ///     .async_task_id("video-42")
    ///     .payload(r#"{"video":"dog.mp4"}"#)
    ///     .send()
    ///     .await?;
    /// assert_eq!(accepted.status(), 202);
    /// assert_eq!(accepted.async_task_id(), Some("video-42"));
    /// # local.shutdown().await;
    /// # Ok(()) }
    /// ```
    pub fn invoke(&self, function: impl Into<String>) -> Invoke<'_> {
        Invoke {
            client: self,
            function: function.into(),
            qualifier: None,
            payload: Source::Inline(Payload::default()),
            invocation_type: InvocationType::Sync,
            log_type: None,
            async_task_id: None,
            settings: CallSettings::default(),
        }
    }
}

impl<'a> Invoke<'a> {
    /// The version or alias to invoke (`LATEST` when not set).
    pub fn qualifier(mut self, qualifier: impl Into<String>) -> Self {
        self.qualifier = Some(qualifier.into());
        self
    }

    /// The event: bytes, a string or a [`Payload`] (empty when not set).
    pub fn payload(mut self, payload: impl Into<Payload>) -> Self {
        self.payload = Source::Inline(payload.into());
        self
    }

    /// Read the event from a file when the call is sent (a file that cannot be read is an
    /// error naming it, never an empty event).
    pub fn payload_file(mut self, path: impl Into<PathBuf>) -> Self {
        self.payload = Source::File(path.into());
        self
    }

    /// `Sync` (the default) waits for the function; `Async` queues the event.
    pub fn invocation_type(mut self, invocation_type: InvocationType) -> Self {
        self.invocation_type = invocation_type;
        self
    }

    /// `Tail` asks for the last 4 KB of the log of a synchronous call.
    pub fn log_type(mut self, log_type: LogType) -> Self {
        self.log_type = Some(log_type);
        self
    }

    /// A task id of your own for an asynchronous call, e.g. the name of the file it
    /// processes: a letter or `_`, then letters, digits, `_` and `-`, 128 characters at most.
    /// The function's async config must have `asyncTask` on.
    pub fn async_task_id(mut self, id: impl Into<String>) -> Self {
        self.async_task_id = Some(id.into());
        self
    }

    call_setters!();

    /// Allow a synchronous invocation to be sent again after a failure that may have reached
    /// the service. Only for functions that are safe to run twice with the same event.
    pub fn retry_sync(mut self, allow: bool) -> Self {
        self.settings.retry_sync = allow;
        self
    }

    /// Sends the invocation and reads the whole answer.
    ///
    /// A function that fails is not an `Err`: see [`InvokeOutput::function_error`], or
    /// [`InvokeOutput::into_result`] to make it one.
    ///
    /// # Errors
    /// [`Error::Validation`] before any I/O for a bad name, qualifier, task id or payload
    /// size; otherwise credentials, service, transport and timeout errors.
    pub async fn send(self) -> Result<InvokeOutput, Error> {
        let Invoke {
            client,
            function,
            qualifier,
            payload,
            invocation_type,
            log_type,
            async_task_id,
            settings,
        } = self;
        validate::function_name(&function)?;
        if let Some(q) = &qualifier {
            validate::qualifier(q)?;
        }
        let task_id = async_task_id
            .as_deref()
            .map(validate::async_task_id)
            .transpose()?;
        if task_id.is_some() && invocation_type != InvocationType::Async {
            return Err(Error::validation(
                "async_task_id",
                "is only for asynchronous invocations: set invocation_type(Async) too",
            ));
        }
        let payload = match payload {
            Source::Inline(payload) => payload,
            Source::File(path) => tokio::fs::read(&path)
                .await
                .map(Payload::from)
                .map_err(|e| {
                    Error::validation(
                        "payload_file",
                        format!("cannot read {}: {e}", path.display()),
                    )
                })?,
        };
        let (limit, kind) = match invocation_type {
            InvocationType::Async => (MAX_ASYNC_PAYLOAD, "an asynchronous"),
            InvocationType::Sync => (MAX_SYNC_PAYLOAD, "a synchronous"),
        };
        if payload.0.len() > limit {
            return Err(Error::validation(
                "payload",
                format!(
                    "must be at most {limit} bytes for {kind} invocation (FC's limit), got {}",
                    payload.0.len()
                ),
            ));
        }
        let timeouts = &client.inner.shared.timeouts;
        let limit = match invocation_type {
            InvocationType::Sync => timeouts.sync_invoke,
            InvocationType::Async => timeouts.operation,
        };
        let attempt_limit = settings.timeout.unwrap_or(match invocation_type {
            InvocationType::Sync => timeouts.sync_invoke,
            // An asynchronous call answers as soon as the event is queued.
            InvocationType::Async => timeouts.attempt,
        });
        call::run(client, &settings, limit, move |client| async move {
            let mut request = client
                .invoke_function()
                .function_name(function)
                .body(payload.0);
            // Synchronous is FC's default: the header is sent only when it says otherwise.
            if invocation_type != InvocationType::Sync {
                request = request.x_fc_invocation_type(invocation_type);
            }
            if let Some(q) = qualifier {
                request = request.qualifier(q);
            }
            if let Some(log_type) = log_type {
                request = request.x_fc_log_type(log_type);
            }
            if let Some(task_id) = task_id {
                request = request.x_fc_async_task_id(task_id);
            }
            let response = match request.send().await {
                Ok(response) => response,
                Err(e) => return Err(call::convert(e, attempt_limit).await),
            };
            InvokeOutput::read(response, attempt_limit).await
        })
        .await
    }
}

/// The answer of an InvokeFunction.
#[derive(Clone)]
pub struct InvokeOutput {
    status: u16,
    headers: reqwest::header::HeaderMap,
    payload: Bytes,
    function_error: Option<FunctionError>,
    log_tail: Option<String>,
}

impl fmt::Debug for InvokeOutput {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("InvokeOutput")
            .field("status", &self.status)
            .field("request_id", &self.request_id())
            .field("payload_len", &self.payload.len())
            .field("function_error", &self.function_error)
            .field("executed_version", &self.executed_version())
            .field("async_task_id", &self.async_task_id())
            .finish_non_exhaustive()
    }
}

/// A failure of the function itself (the service answered 2xx with `x-fc-error-type`).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct FunctionError {
    /// The kind, from `x-fc-error-type`, e.g. `UnhandledInvocationError`.
    pub kind: String,
    /// The function's `errorType`, when its body said.
    pub error_type: Option<String>,
    /// The function's `errorMessage`, when its body said.
    pub message: Option<String>,
    /// The function's `stackTrace`, when its body had one.
    pub stack_trace: Vec<String>,
    /// The HTTP status of the answer (2xx).
    pub status: u16,
    /// The request id.
    pub request_id: Option<String>,
}

impl fmt::Display for FunctionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "the function failed ({})", self.kind)?;
        match (&self.error_type, &self.message) {
            (Some(t), Some(m)) => write!(f, ": {t}: {m}")?,
            (None, Some(m)) => write!(f, ": {m}")?,
            (Some(t), None) => write!(f, ": {t}")?,
            (None, None) => {}
        }
        if let Some(id) = &self.request_id {
            write!(f, " [request id {id}]")?;
        }
        Ok(())
    }
}

impl std::error::Error for FunctionError {}

impl InvokeOutput {
    async fn read(
        response: progenitor_client::ResponseValue<progenitor_client::ByteStream>,
        attempt_limit: Duration,
    ) -> Result<InvokeOutput, Error> {
        let status = response.status().as_u16();
        let headers = response.headers().clone();
        let request_id = call::header(&headers, "x-fc-request-id");
        let mut stream = response.into_inner().into_inner();
        // Most payloads arrive in one chunk, kept as it is; more are joined.
        let mut chunks: Vec<Bytes> = Vec::new();
        while let Some(chunk) = stream.next().await {
            let chunk = chunk.map_err(|source| {
                if source.is_timeout() {
                    Error::Timeout {
                        scope: crate::TimeoutScope::Attempt,
                        limit: attempt_limit,
                    }
                } else {
                    Error::Transport {
                        source,
                        request_id: request_id.clone(),
                    }
                }
            })?;
            chunks.push(chunk);
        }
        let payload = match chunks.len() {
            0 => Bytes::new(),
            1 => chunks.pop().unwrap_or_default(),
            _ => Bytes::from(chunks.concat()),
        };
        let function_error = call::header(&headers, "x-fc-error-type").map(|kind| {
            let body: serde_json::Value = serde_json::from_slice(&payload).unwrap_or_default();
            let text = |key: &str| body.get(key).and_then(|v| v.as_str()).map(str::to_string);
            FunctionError {
                kind,
                error_type: text("errorType"),
                message: text("errorMessage").or_else(|| {
                    // Not JSON: the raw body is the message.
                    (!body.is_object() && !payload.is_empty())
                        .then(|| String::from_utf8_lossy(&payload).into_owned())
                }),
                stack_trace: body
                    .get("stackTrace")
                    .and_then(|v| v.as_array())
                    .map(|lines| {
                        lines
                            .iter()
                            .map(|l| l.as_str().map_or_else(|| l.to_string(), str::to_string))
                            .collect()
                    })
                    .unwrap_or_default(),
                status,
                request_id: request_id.clone(),
            }
        });
        // The log tail is base64; a header that is not is kept as it came.
        let log_tail = call::header(&headers, "x-fc-log-result").map(|raw| {
            base64::engine::general_purpose::STANDARD
                .decode(raw.trim())
                .map(|bytes| String::from_utf8_lossy(&bytes).into_owned())
                .unwrap_or(raw)
        });
        Ok(InvokeOutput {
            status,
            headers,
            payload,
            function_error,
            log_tail,
        })
    }

    /// The HTTP status: 200 for a synchronous call, 202 for an accepted asynchronous one.
    pub fn status(&self) -> u16 {
        self.status
    }

    /// The request id (`x-fc-request-id`).
    pub fn request_id(&self) -> Option<&str> {
        self.header("x-fc-request-id")
    }

    /// The function's output (or its error JSON when it failed); empty for an asynchronous call.
    pub fn payload(&self) -> &Bytes {
        &self.payload
    }

    /// The function's output, owned.
    pub fn into_payload(self) -> Bytes {
        self.payload
    }

    /// The function's output parsed as JSON.
    ///
    /// # Errors
    /// [`Error::Response`] when it is not the JSON `T` expects.
    pub fn payload_json<T: serde::de::DeserializeOwned>(&self) -> Result<T, Error> {
        serde_json::from_slice(&self.payload).map_err(|e| Error::Response {
            status: Some(self.status),
            message: format!("the function's output is not the expected JSON: {e}"),
            request_id: self.request_id().map(str::to_string),
        })
    }

    /// How the function failed, if it did.
    pub fn function_error(&self) -> Option<&FunctionError> {
        self.function_error.as_ref()
    }

    /// This output, or [`Error::Function`] when the function failed.
    ///
    /// # Errors
    /// [`Error::Function`] when the function failed.
    pub fn into_result(self) -> Result<InvokeOutput, Error> {
        match self.function_error {
            Some(failure) => Err(Error::Function(Box::new(failure))),
            None => Ok(self),
        }
    }

    /// The decoded log tail (with [`LogType::Tail`]).
    pub fn log_tail(&self) -> Option<&str> {
        self.log_tail.as_deref()
    }

    /// The version that ran (`x-fc-invocation-service-version`).
    pub fn executed_version(&self) -> Option<&str> {
        self.header("x-fc-invocation-service-version")
    }

    /// The instance that ran the call (`x-fc-instance-id`).
    pub fn instance_id(&self) -> Option<&str> {
        self.header("x-fc-instance-id")
    }

    /// The checksum of the code that ran (`x-fc-code-checksum`).
    pub fn code_checksum(&self) -> Option<&str> {
        self.header("x-fc-code-checksum")
    }

    /// The async task id of an accepted asynchronous call (`x-fc-async-task-id`).
    pub fn async_task_id(&self) -> Option<&str> {
        self.header("x-fc-async-task-id")
    }

    /// Every response header.
    pub fn headers(&self) -> &reqwest::header::HeaderMap {
        &self.headers
    }

    fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }
}
