//! InvokeFunction's hand-written parts: the event ([`Payload`]), the answer
//! ([`InvokeOutput`], with the function's own failure as [`FunctionError`]), and the options
//! of the generated [`InvokeFunction`](crate::InvokeFunction) builder that are not
//! parameters of the spec (a payload file, extra headers, opting in to retries).

use std::fmt;
use std::path::PathBuf;
use std::sync::Arc;

use base64::Engine as _;
use bytes::Bytes;
use fc3_models::InvocationType;
use fc3_models::operations::{INVOKE_FUNCTION, InvokeFunctionRequest, headers};
use futures_util::StreamExt;
use reqwest::header::{HeaderName, HeaderValue};

use crate::call::Invalid;
use crate::pipeline::{
    AttemptError, Conflict, Limits, X_FC_ERROR_TYPE, X_FC_LOG_RESULT, X_FC_REQUEST_ID, header,
};
use crate::{Error, Timeouts};

/// An event to pass to a function: bytes, text, or JSON.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Payload(Bytes);

impl Payload {
    /// The payload's bytes.
    pub fn as_bytes(&self) -> &[u8] {
        &self.0
    }

    /// The payload's bytes, owned.
    pub fn into_bytes(self) -> Bytes {
        self.0
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

impl crate::InvokeFunction {
    /// Read the event from a file when the call is sent (a file that cannot be read is an
    /// error naming it, never an empty event).
    pub fn payload_file(mut self, path: impl Into<PathBuf>) -> Self {
        self.settings.body_file = Some(path.into());
        self
    }

    /// Sends an extra request header, signed with the rest (as the official SDKs pass
    /// caller headers through). Refused, naming the rule: a name or value that is not valid
    /// HTTP, the signature's own headers (`x-acs-*`, `authorization`, `host`), what the HTTP
    /// layer sets (`content-length`, `transfer-encoding`, `connection`), and the headers the
    /// spec makes parameters (use their setters, e.g. `invocation_type`).
    pub fn header(mut self, name: &str, value: &str) -> Self {
        match extra_header(name, value) {
            Ok(pair) => {
                let mut headers: Vec<_> = self.settings.extra_headers.iter().cloned().collect();
                headers.retain(|(n, _)| n != pair.0);
                headers.push(pair);
                self.settings.extra_headers = Arc::from(headers);
            }
            Err(invalid) => self.request = self.request.and(Err(invalid)),
        }
        self
    }

    /// Allow a synchronous invocation to be sent again after a failure that may have reached
    /// the service. Only for functions that are safe to run twice with the same event.
    pub fn retry_sync(mut self, allow: bool) -> Self {
        self.settings.idempotent = allow;
        self
    }
}

fn extra_header(name: &str, value: &str) -> Result<(HeaderName, HeaderValue), Invalid> {
    let refuse = |rule: String| Invalid {
        field: "header".to_string(),
        rule,
    };
    let header_name = HeaderName::from_bytes(name.trim().as_bytes())
        .map_err(|_| refuse(format!("{name:?} is not a valid header name")))?;
    let lower = header_name.as_str();
    if lower.starts_with("x-acs-") || ["authorization", "host"].contains(&lower) {
        return Err(refuse(format!(
            "{lower} is set by the signature; it cannot be given"
        )));
    }
    if [
        "content-length",
        "transfer-encoding",
        "connection",
        "content-type",
    ]
    .contains(&lower)
    {
        return Err(refuse(format!("{lower} is set by the HTTP layer")));
    }
    if let Some(parameter) = INVOKE_FUNCTION
        .parameters
        .iter()
        .find(|p| p.wire_name == lower)
    {
        return Err(refuse(format!(
            "{lower} is a parameter of InvokeFunction: use {}() instead",
            parameter.setter
        )));
    }
    let header_value = HeaderValue::from_str(value)
        .map_err(|_| refuse(format!("the value of {lower} is not a valid header value")))?;
    Ok((header_name, header_value))
}

/// A synchronous invocation waits for the function; an asynchronous one answers once queued.
pub(crate) fn limits(request: &InvokeFunctionRequest, timeouts: &Timeouts) -> Limits {
    match request.invocation_type {
        Some(InvocationType::Async) => Limits {
            operation: timeouts.operation,
            attempt: timeouts.attempt,
        },
        _ => Limits {
            operation: timeouts.sync_invoke,
            attempt: timeouts.sync_invoke,
        },
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
    accepted_earlier: bool,
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
            .field("accepted_earlier", &self.accepted_earlier)
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
    /// Reads a whole answer.
    pub(crate) async fn read(
        response: progenitor_client::ResponseValue<progenitor_client::ByteStream>,
    ) -> Result<InvokeOutput, AttemptError> {
        let status = response.status().as_u16();
        let headers = response.headers().clone();
        let request_id = || header(&headers, &X_FC_REQUEST_ID);
        let mut stream = response.into_inner().into_inner();
        // Most payloads arrive in one chunk, kept as it is (no list, no copy); more are joined.
        let mut payload = Bytes::new();
        let mut more: Vec<Bytes> = Vec::new();
        while let Some(chunk) = stream.next().await {
            let chunk = chunk.map_err(|source| AttemptError::Body {
                source,
                request_id: request_id(),
            })?;
            if payload.is_empty() {
                payload = chunk;
            } else {
                more.push(chunk);
            }
        }
        if !more.is_empty() {
            more.insert(0, payload);
            payload = Bytes::from(more.concat());
        }
        let function_error = header(&headers, &X_FC_ERROR_TYPE).map(|kind| {
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
                request_id: request_id(),
            }
        });
        // The log tail is base64; a header that is not is kept as it came.
        let log_tail = header(&headers, &X_FC_LOG_RESULT).map(|raw| {
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
            accepted_earlier: false,
        })
    }

    /// The answer for an asynchronous invocation whose retry was refused with 409 because
    /// an earlier attempt, whose answer was lost, was accepted.
    pub(crate) fn accepted_earlier(conflict: &Conflict) -> InvokeOutput {
        let mut headers = reqwest::header::HeaderMap::new();
        for (name, value) in [
            (headers::X_FC_REQUEST_ID, &conflict.request_id),
            (headers::X_FC_ASYNC_TASK_ID, &conflict.async_task_id),
        ] {
            if let Some(value) = value.as_deref().and_then(|v| HeaderValue::from_str(v).ok()) {
                headers.insert(name, value);
            }
        }
        InvokeOutput {
            status: 202,
            headers,
            payload: Bytes::new(),
            function_error: None,
            log_tail: None,
            accepted_earlier: true,
        }
    }

    /// The HTTP status: 200 for a synchronous call, 202 for an accepted asynchronous one.
    pub fn status(&self) -> u16 {
        self.status
    }

    /// Whether this asynchronous invocation was accepted by an earlier attempt whose answer
    /// was lost: a retry was refused with 409 because its task id was already taken. The
    /// status is then 202 and the request id is the 409's.
    pub fn accepted_by_earlier_attempt(&self) -> bool {
        self.accepted_earlier
    }

    /// The request id (`x-fc-request-id`).
    pub fn request_id(&self) -> Option<&str> {
        self.header(headers::X_FC_REQUEST_ID)
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

    /// The decoded log tail, when one was asked for (`LogType::Tail`) and FC returned one. FC
    /// may leave it out (it does when the instance runs several invocations at once), so
    /// `None` after asking is not an error.
    pub fn log_tail(&self) -> Option<&str> {
        self.log_tail.as_deref()
    }

    /// The version that ran (`x-fc-invocation-service-version`).
    pub fn executed_version(&self) -> Option<&str> {
        self.header(headers::X_FC_INVOCATION_SERVICE_VERSION)
    }

    /// The instance that ran the call (`x-fc-instance-id`).
    pub fn instance_id(&self) -> Option<&str> {
        self.header(headers::X_FC_INSTANCE_ID)
    }

    /// The checksum of the code that ran (`x-fc-code-checksum`).
    pub fn code_checksum(&self) -> Option<&str> {
        self.header(headers::X_FC_CODE_CHECKSUM)
    }

    /// The async task id of an accepted asynchronous call (`x-fc-async-task-id`).
    pub fn async_task_id(&self) -> Option<&str> {
        self.header(headers::X_FC_ASYNC_TASK_ID)
    }

    /// A response header's value, when it is present and text (names are case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    /// Every response header whose value is text, as (lower-case name, value).
    pub fn headers(&self) -> impl Iterator<Item = (&str, &str)> {
        self.headers
            .iter()
            .filter_map(|(name, value)| value.to_str().ok().map(|v| (name.as_str(), v)))
    }
}
