//! The one error type of the client.

use std::fmt;
use std::time::Duration;

use fc3_credentials::CredentialsError;

/// Everything that can go wrong in a call.
///
/// Kinds are kept apart so callers can react to each: bad input found before any I/O
/// ([`Error::Validation`]), no usable credentials ([`Error::Credentials`]), a refusal by the
/// service ([`Error::Service`]), a failure of the function itself when the caller asked for it
/// to be an error ([`Error::Function`]), a network failure ([`Error::Transport`]), a timeout
/// ([`Error::Timeout`]), an answer that could not be understood ([`Error::Response`]), and a
/// client that could not be built ([`Error::Config`]).
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A request value broke a rule of the spec; nothing was sent.
    #[error("invalid {field}: {rule}")]
    Validation {
        /// The field, as the builder method that sets it is named (e.g. `async_task_id`, or
        /// `destination_config.on_success.destination` inside a body).
        field: String,
        /// The rule it broke, with the offending value when that helps.
        rule: String,
    },
    /// No credentials could be had.
    #[error("credentials: {0}")]
    Credentials(#[from] CredentialsError),
    /// The service refused the request (a non-2xx answer).
    #[error(transparent)]
    Service(Box<ServiceError>),
    /// The function failed (only from [`InvokeOutput::into_result`](crate::InvokeOutput::into_result)).
    #[error(transparent)]
    Function(Box<crate::FunctionError>),
    /// The request or the answer could not travel.
    #[error("the request or its answer could not travel{}", request_id_suffix(.request_id.as_deref()))]
    Transport {
        /// The underlying error (from the HTTP stack).
        source: Box<dyn std::error::Error + Send + Sync>,
        /// Whether the connection could not even be made (so nothing reached the service).
        connect: bool,
        /// The request id, when an answer had started to arrive.
        request_id: Option<String>,
    },
    /// The request could not be signed (a header value that cannot be signed).
    #[error("signing the request: {0}")]
    Signing(#[source] acs3::Error),
    /// A time limit ran out.
    #[error("timed out: the {scope} limit of {limit:?} was reached")]
    Timeout {
        /// Which limit.
        scope: TimeoutScope,
        /// Its value.
        limit: Duration,
    },
    /// The service answered with something the client could not understand.
    #[error("unexpected response{}{}: {message}", status_suffix(*.status), request_id_suffix(.request_id.as_deref()))]
    Response {
        /// The HTTP status, when known.
        status: Option<u16>,
        /// What was wrong with it.
        message: String,
        /// The request id, when known.
        request_id: Option<String>,
    },
    /// The client could not be built from the given settings.
    #[error("invalid client configuration: {0}")]
    Config(String),
    /// The client's mock (feature `test-util`) had no answer for a request: no rule matched
    /// it, or a rule's answer is not valid HTTP.
    #[cfg(feature = "test-util")]
    #[error(transparent)]
    Mock(crate::mock::MockError),
}

/// Which time limit a [`Error::Timeout`] hit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum TimeoutScope {
    /// One try of the request.
    Attempt,
    /// The whole operation, retries and waits included.
    Operation,
    /// A waiter's deadline (e.g. [`Client::wait_for_task`](crate::Client::wait_for_task)).
    Wait,
}

impl fmt::Display for TimeoutScope {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            TimeoutScope::Attempt => "per-attempt",
            TimeoutScope::Operation => "whole-operation",
            TimeoutScope::Wait => "waiter",
        })
    }
}

/// A non-2xx answer of the service, with FC's `{"Code","Message","RequestId"}` body.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ServiceError {
    /// The HTTP status.
    pub status: u16,
    /// FC's error code, e.g. `FunctionNotFound` (empty when the body had none).
    pub code: String,
    /// FC's message.
    pub message: String,
    /// The request id, from the body or the `x-fc-request-id` header.
    pub request_id: Option<String>,
    /// How long the service asked to wait before a retry (`x-acs-retry-after`).
    pub retry_after: Option<Duration>,
}

impl fmt::Display for ServiceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let code = if self.code.is_empty() {
            "service error"
        } else {
            &self.code
        };
        write!(f, "{code} (HTTP {})", self.status)?;
        if !self.message.is_empty() {
            write!(f, ": {}", self.message)?;
        }
        f.write_str(&request_id_suffix(self.request_id.as_deref()))
    }
}

impl std::error::Error for ServiceError {}

impl Error {
    /// The request id of the call, when the service answered.
    pub fn request_id(&self) -> Option<&str> {
        match self {
            Error::Service(e) => e.request_id.as_deref(),
            Error::Function(e) => e.request_id.as_deref(),
            Error::Transport { request_id, .. } | Error::Response { request_id, .. } => {
                request_id.as_deref()
            }
            _ => None,
        }
    }

    /// The HTTP status, when the service answered.
    pub fn status(&self) -> Option<u16> {
        match self {
            Error::Service(e) => Some(e.status),
            Error::Response { status, .. } => *status,
            Error::Function(e) => Some(e.status),
            _ => None,
        }
    }

    /// FC's error code of a service error (e.g. `FunctionNotFound`), or the function's error
    /// kind (e.g. `UnhandledInvocationError`).
    pub fn code(&self) -> Option<&str> {
        match self {
            Error::Service(e) => Some(&e.code),
            Error::Function(e) => Some(&e.kind),
            _ => None,
        }
    }

    /// The service error, if this is one.
    pub fn as_service_error(&self) -> Option<&ServiceError> {
        match self {
            Error::Service(e) => Some(e),
            _ => None,
        }
    }

    pub(crate) fn validation(field: &str, rule: impl Into<String>) -> Self {
        Error::Validation {
            field: field.to_string(),
            rule: rule.into(),
        }
    }

    pub(crate) fn transport(source: reqwest::Error, request_id: Option<String>) -> Self {
        Error::Transport {
            connect: source.is_connect(),
            source: Box::new(source),
            request_id,
        }
    }
}

fn request_id_suffix(request_id: Option<&str>) -> String {
    request_id
        .map(|id| format!(" [request id {id}]"))
        .unwrap_or_default()
}

fn status_suffix(status: Option<u16>) -> String {
    status.map(|s| format!(" (HTTP {s})")).unwrap_or_default()
}
