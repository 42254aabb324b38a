//! The one error type of the HTTP API, rendered as FC's `{"Code","Message","RequestId"}`.

use std::borrow::Cow;
use std::sync::Arc;

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

tokio::task_local! {
    /// The id of the request being answered, set by the outermost middleware.
    pub(crate) static REQUEST_ID: Arc<str>;
}

/// The request id of the request this task is answering, if any.
pub(crate) fn current_request_id() -> Option<Arc<str>> {
    REQUEST_ID.try_with(Arc::clone).ok()
}

/// An error answer of the API: an HTTP status, FC's error code and a message for people.
///
/// It renders as FC's error body (`fc3_models::Error`) with the request id of the request
/// being answered, and `x-fc-request-id` is set on the answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ApiError {
    status: StatusCode,
    code: Cow<'static, str>,
    message: String,
    /// `x-acs-retry-after`: when to try again, in milliseconds (FC's throttling answers).
    retry_after_ms: Option<u64>,
}

impl ApiError {
    /// An error with this status, code and message.
    pub fn new(
        status: StatusCode,
        code: impl Into<Cow<'static, str>>,
        message: impl Into<String>,
    ) -> Self {
        Self {
            status,
            code: code.into(),
            message: message.into(),
            retry_after_ms: None,
        }
    }

    /// The same error, asking the client to try again after `ms` milliseconds
    /// (`x-acs-retry-after`, which the official SDKs honour).
    #[must_use]
    pub fn with_retry_after(mut self, ms: u64) -> Self {
        self.retry_after_ms = Some(ms);
        self
    }

    /// 400 InvalidArgument; the message names the field and the rule.
    pub fn invalid_argument(message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, "InvalidArgument", message)
    }

    /// 400 EntityTooLarge.
    pub fn entity_too_large(what: &str, size: usize, limit: usize) -> Self {
        Self::new(
            StatusCode::BAD_REQUEST,
            "EntityTooLarge",
            format!("{what} is {size} bytes, more than the limit of {limit} bytes"),
        )
    }

    /// 404 FunctionNotFound.
    pub fn function_not_found(name: &str) -> Self {
        Self::new(
            StatusCode::NOT_FOUND,
            "FunctionNotFound",
            format!("function '{}' does not exist.", clip(name)),
        )
    }

    /// 403 with the given code.
    pub fn forbidden(code: &'static str, message: impl Into<String>) -> Self {
        Self::new(StatusCode::FORBIDDEN, code, message)
    }

    /// 500 InternalServerError.
    pub fn internal(message: impl Into<String>) -> Self {
        Self::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "InternalServerError",
            message,
        )
    }

    /// The HTTP status.
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// FC's error code, e.g. `FunctionNotFound`.
    pub fn code(&self) -> &str {
        &self.code
    }

    /// The message.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} {}: {}",
            self.status.as_u16(),
            self.code,
            self.message
        )
    }
}

impl std::error::Error for ApiError {}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let request_id = current_request_id();
        let mut body = fc3_models::Error::default();
        body.code = Some(self.code.into_owned());
        body.message = Some(self.message);
        body.request_id = request_id.as_deref().map(str::to_owned);
        let json = serde_json::to_vec(&body).unwrap_or_else(|_| b"{}".to_vec());
        let mut response = (self.status, json).into_response();
        let headers = response.headers_mut();
        headers.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        );
        if let Some(id) = request_id.and_then(|id| HeaderValue::from_str(&id).ok()) {
            headers.insert(fc3_models::operations::headers::X_FC_REQUEST_ID, id);
        }
        if let Some(ms) = self.retry_after_ms {
            headers.insert(
                fc3_models::operations::headers::X_ACS_RETRY_AFTER,
                HeaderValue::from(ms),
            );
        }
        response
    }
}

/// Longest piece of client-supplied text an error message repeats.
const MAX_ECHO: usize = 128;

/// Shortens client-supplied text before it goes into a message.
pub(crate) fn clip(text: &str) -> Cow<'_, str> {
    match text.char_indices().nth(MAX_ECHO) {
        Some((end, _)) => Cow::Owned(format!("{}...", &text[..end])),
        None => Cow::Borrowed(text),
    }
}
