//! What a rule answers: a raw HTTP answer ([`MockResponse`]), built directly or from a model,
//! a service error or a function error as FC would send them, and InvokeFunction's model
//! ([`InvokeAnswer`]).

use std::time::Duration;

use base64::Engine as _;
use bytes::Bytes;
use fc3_models::operations::headers;

use super::Arrival;

/// A raw HTTP answer: status, headers and body, as FC would send them, and how long it takes
/// to arrive. The client reads it as it reads FC's answers, so a status, header or body FC
/// never sends is still handled as the client would handle it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MockResponse {
    status: u16,
    headers: Vec<(String, String)>,
    body: Bytes,
    delay: Duration,
}

impl MockResponse {
    /// An answer with this status, no header and an empty body.
    pub fn new(status: u16) -> MockResponse {
        MockResponse {
            status,
            headers: Vec::new(),
            body: Bytes::new(),
            delay: Duration::ZERO,
        }
    }

    /// FC's refusal: `status`, with FC's `{"Code","Message","RequestId"}` body (the spec's
    /// `Error` model) and `x-fc-request-id`, which the client reads into
    /// [`Error::Service`](crate::Error::Service).
    pub fn service_error(status: u16, code: &str, message: &str) -> MockResponse {
        let mut error = fc3_models::Error::default();
        error.code = Some(code.to_string());
        error.message = Some(message.to_string());
        MockResponse::new(status).json(&error)
    }

    /// A failure of the function, as FC answers a synchronous InvokeFunction whose function
    /// failed: 200, `x-fc-error-type: kind` (e.g. `UnhandledInvocationError`) and the
    /// function's `{"errorType","errorMessage"}` body, which the client reads into
    /// [`InvokeOutput::function_error`](crate::InvokeOutput::function_error).
    pub fn function_error(kind: &str, error_type: &str, message: &str) -> MockResponse {
        MockResponse::new(200)
            .header(headers::X_FC_ERROR_TYPE, kind)
            .json(&serde_json::json!({ "errorType": error_type, "errorMessage": message }))
    }

    /// With this header too (a name given twice is sent twice).
    #[must_use]
    pub fn header(mut self, name: &str, value: &str) -> MockResponse {
        self.headers.push((name.to_string(), value.to_string()));
        self
    }

    /// With this body.
    #[must_use]
    pub fn body(mut self, body: impl Into<Bytes>) -> MockResponse {
        self.body = body.into();
        self
    }

    /// With `value` as a JSON body and `content-type: application/json`.
    #[must_use]
    pub fn json<T: serde::Serialize + ?Sized>(self, value: &T) -> MockResponse {
        // The models and JSON values serialize without fail (string keys only).
        let body = serde_json::to_vec(value).unwrap_or_default();
        self.header("content-type", "application/json").body(body)
    }

    /// Arriving after `delay`, so a test can run into the client's time limits
    /// ([`Error::Timeout`](crate::Error::Timeout)).
    #[must_use]
    pub fn delay(mut self, delay: Duration) -> MockResponse {
        self.delay = delay;
        self
    }

    /// The status.
    pub fn status(&self) -> u16 {
        self.status
    }

    /// The headers, as given.
    pub fn headers(&self) -> &[(String, String)] {
        &self.headers
    }

    /// The body.
    pub fn body_bytes(&self) -> &Bytes {
        &self.body
    }

    fn has_header(&self, name: &str) -> bool {
        self.headers
            .iter()
            .any(|(n, _)| n.eq_ignore_ascii_case(name))
    }

    /// With `x-fc-request-id: mock-{serial}` unless it has one: FC names a request id in
    /// every answer.
    pub(crate) fn with_request_id(self, serial: u64) -> MockResponse {
        if self.has_header(headers::X_FC_REQUEST_ID) {
            self
        } else {
            self.header(headers::X_FC_REQUEST_ID, &format!("mock-{serial}"))
        }
    }

    /// The HTTP response the generated client reads.
    ///
    /// # Errors
    /// A status, header name or header value that HTTP cannot carry, named.
    pub(super) fn arrival(self) -> Result<Arrival, String> {
        let mut builder = http::Response::builder().status(self.status);
        for (name, value) in &self.headers {
            let name = http::HeaderName::from_bytes(name.as_bytes())
                .map_err(|_| format!("the answer's header name {name:?} is not valid HTTP"))?;
            let value = http::HeaderValue::from_str(value)
                .map_err(|_| format!("the answer's value of {name} is not valid HTTP"))?;
            builder = builder.header(name, value);
        }
        let response = builder
            .body(self.body)
            .map_err(|_| format!("the answer's status {} is not valid HTTP", self.status))?;
        Ok(Arrival {
            response: reqwest::Response::from(response),
            delay: self.delay,
        })
    }
}

/// The model of an InvokeFunction answer, for
/// [`RuleBuilder::then_output`](super::RuleBuilder::then_output): a synchronous invocation's
/// output ([`InvokeAnswer::payload`]) or an accepted asynchronous one
/// ([`InvokeAnswer::accepted`]), with the headers FC adds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvokeAnswer {
    response: MockResponse,
}

impl InvokeAnswer {
    /// A synchronous invocation that returned `payload` (200).
    pub fn payload(payload: impl Into<Bytes>) -> InvokeAnswer {
        InvokeAnswer {
            response: MockResponse::new(200).body(payload),
        }
    }

    /// An asynchronous invocation, accepted (202, no body).
    pub fn accepted() -> InvokeAnswer {
        InvokeAnswer {
            response: MockResponse::new(202),
        }
    }

    /// With the async task id FC answers an accepted invocation with (`x-fc-async-task-id`).
    #[must_use]
    pub fn async_task_id(self, id: &str) -> InvokeAnswer {
        self.header(headers::X_FC_ASYNC_TASK_ID, id)
    }

    /// With a log tail (`x-fc-log-result`, base64-encoded as FC sends it).
    #[must_use]
    pub fn log_tail(self, text: &str) -> InvokeAnswer {
        let encoded = base64::engine::general_purpose::STANDARD.encode(text);
        self.header(headers::X_FC_LOG_RESULT, &encoded)
    }

    /// With the version that ran (`x-fc-invocation-service-version`).
    #[must_use]
    pub fn executed_version(self, version: &str) -> InvokeAnswer {
        self.header(headers::X_FC_INVOCATION_SERVICE_VERSION, version)
    }

    /// With any other header.
    #[must_use]
    pub fn header(mut self, name: &str, value: &str) -> InvokeAnswer {
        self.response = self.response.header(name, value);
        self
    }
}

impl From<InvokeAnswer> for MockResponse {
    fn from(answer: InvokeAnswer) -> MockResponse {
        answer.response
    }
}
