//! The one path every request takes, in the manner of smithy-rs's orchestrator: check the
//! request against the spec, then attempt after attempt (credentials resolved for each, a
//! fresh signature in the transport hook, the attempt's time limit) until an answer, an error
//! that may not be retried, or the operation's limit. What a failed attempt may be retried
//! after comes from the operation's `x-fc3-retry` rule in the spec, evaluated on the request's
//! own values. Every failure stays typed: nothing is made up as an HTTP answer.

use std::future::Future;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use bytes::Bytes;
use fc3_credentials::ProvideCredentials;
use fc3_models::operation::{OperationRequest, Retry, RetryClass};
use fc3_models::operations::headers;
use reqwest::header::HeaderName;
use tracing::Instrument;

use crate::call::{CallSettings, Invalid};
use crate::config::CallState;
use crate::error::{Error, ServiceError, TimeoutScope};
use crate::generated::{Client as RawClient, Error as RawError, ResponseValue};
use crate::{Client, Output, Timeouts, retry};

/// A request the pipeline can send: a generated `...Request` type, with the glue that makes
/// one attempt through progenitor's builder (generated in `fluent.rs`).
pub(crate) trait Call: OperationRequest + Send + Sync + 'static {
    /// What `send()` returns.
    type Output: Send;

    /// One attempt: builds progenitor's request from this request's values, sends it through
    /// the transport hook, and reads the answer.
    fn attempt(
        &self,
        raw: &RawClient,
    ) -> impl Future<Output = Result<Self::Output, AttemptError>> + Send;

    /// The time limits of this request.
    fn limits(&self, timeouts: &Timeouts) -> Limits {
        Limits {
            operation: timeouts.operation,
            attempt: timeouts.attempt,
        }
    }

    /// The answer to give when a retry was refused with 409 because an earlier attempt was
    /// accepted (for requests whose retry rule says so).
    fn accepted_earlier(_conflict: &Conflict) -> Option<Self::Output> {
        None
    }

    /// Replaces a binary body (for a body read from a file when the call is sent).
    fn set_binary_body(&mut self, _body: Bytes) {}
}

/// How long a call may take.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Limits {
    /// In all, retries and waits included.
    pub(crate) operation: Duration,
    /// One attempt, reading the answer included.
    pub(crate) attempt: Duration,
}

/// A 409 answer to a retry.
pub(crate) struct Conflict {
    pub(crate) request_id: Option<String>,
    pub(crate) async_task_id: Option<String>,
}

/// Why an attempt failed, before it is classified.
pub(crate) enum AttemptError {
    /// progenitor's error: an error answer, a transport failure, an undocumented answer.
    Raw(RawError<fc3_models::Error>),
    /// Reading a streamed answer failed.
    Body {
        source: reqwest::Error,
        request_id: Option<String>,
    },
}

impl From<RawError<fc3_models::Error>> for AttemptError {
    fn from(error: RawError<fc3_models::Error>) -> Self {
        AttemptError::Raw(error)
    }
}

/// A JSON answer with its request id.
pub(crate) fn json_output<T>(answer: ResponseValue<T>) -> Output<T> {
    let request_id = header(answer.headers(), &X_FC_REQUEST_ID);
    Output::new(answer.into_inner(), request_id)
}

/// An answer without a body, with its request id.
pub(crate) fn empty_output(answer: ResponseValue<()>) -> Output<()> {
    let request_id = header(answer.headers(), &X_FC_REQUEST_ID);
    Output::new((), request_id)
}

// FC's answer headers the client reads, as names made at compile time: a name given as text
// is parsed again on every lookup.
pub(crate) const X_FC_REQUEST_ID: HeaderName = HeaderName::from_static(headers::X_FC_REQUEST_ID);
pub(crate) const X_FC_ASYNC_TASK_ID: HeaderName =
    HeaderName::from_static(headers::X_FC_ASYNC_TASK_ID);
pub(crate) const X_FC_ERROR_TYPE: HeaderName = HeaderName::from_static(headers::X_FC_ERROR_TYPE);
pub(crate) const X_FC_LOG_RESULT: HeaderName = HeaderName::from_static(headers::X_FC_LOG_RESULT);

/// A header's value as text, if it is present and text.
pub(crate) fn header(headers: &reqwest::header::HeaderMap, name: &HeaderName) -> Option<String> {
    headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .map(str::to_string)
}

/// Sends `request` (or returns the error a setter recorded) as `client` is configured and
/// `settings` adjust. It owns what it is given, so a builder's `send()` returns this future
/// itself rather than a future that awaits it (which would move it once more).
pub(crate) async fn send<R: Call>(
    client: Client,
    request: Result<R, Invalid>,
    settings: CallSettings,
) -> Result<R::Output, Error> {
    let mut request = request?;
    let client = &client;
    if let Some(path) = &settings.body_file {
        let body = tokio::fs::read(path).await.map_err(|e| {
            Error::validation(
                "payload_file",
                format!("cannot read {}: {e}", path.display()),
            )
        })?;
        request.set_binary_body(body.into());
    }
    request
        .check_relations()
        .map_err(|violation| Error::from(Invalid::from(violation)))?;
    let shared = &client.shared;
    let limits = match settings.timeout {
        Some(limit) => Limits {
            operation: limit,
            attempt: limit,
        },
        None => request.limits(&shared.timeouts),
    };
    let span = tracing::info_span!(
        "fc3",
        action = R::operation().name,
        function = tracing::field::Empty,
        qualifier = tracing::field::Empty,
        task_id = tracing::field::Empty,
        attempt = tracing::field::Empty,
        request_id = tracing::field::Empty,
        status = tracing::field::Empty,
    );
    if !span.is_disabled() {
        for field in ["function", "qualifier", "task_id"] {
            if let Some(value) = request.trace(field) {
                span.record(field, value.as_ref());
            }
        }
    }
    // Pinned where it is made: the timer and the span wrap a pointer to the attempts' future
    // (kilobytes) rather than each moving it again.
    let work = std::pin::pin!(attempts(client, &request, &settings, limits));
    match tokio::time::timeout(limits.operation, work.instrument(span)).await {
        Ok(result) => result,
        Err(_) => Err(Error::Timeout {
            scope: TimeoutScope::Operation,
            limit: limits.operation,
        }),
    }
}

/// What to do after an attempt.
enum Next<T> {
    Done(Result<T, Error>),
    /// Try again after this long, unless attempts or time run out; else fail with the error.
    Retry(Duration, Error),
}

async fn attempts<R: Call>(
    client: &Client,
    request: &R,
    settings: &CallSettings,
    limits: Limits,
) -> Result<R::Output, Error> {
    let shared = &client.shared;
    let policy = settings.retry.as_ref().unwrap_or(&shared.retry);
    let rule = if settings.idempotent {
        Retry::IDEMPOTENT
    } else {
        request.retry()
    };
    let started = Instant::now();
    let mut attempt = 1;
    loop {
        let credentials = match &shared.fixed_credentials {
            Some(fixed) => fixed.clone(),
            None => shared.credentials.provide_credentials().await?,
        };
        let call = Arc::new(CallState {
            credentials,
            action: R::operation().name,
            attempt,
            extra_headers: Arc::clone(&settings.extra_headers),
            stopped: Mutex::new(None),
            #[cfg(feature = "test-util")]
            mock_answer: Mutex::new(None),
        });
        let raw = client.raw(Arc::clone(&call));
        let span = tracing::Span::current();
        span.record("attempt", attempt);
        // An attempt's own limit needs a timer only when it ends before the operation's,
        // which already bounds everything (a sync invocation's two limits are the same).
        // (The first attempt has the whole limit left: no need to read the clock.)
        let remaining = match attempt {
            1 => limits.operation,
            _ => limits.operation.saturating_sub(started.elapsed()),
        };
        let attempt_future = std::pin::pin!(request.attempt(&raw));
        let outcome = if limits.attempt < remaining {
            tokio::time::timeout(limits.attempt, attempt_future).await
        } else {
            Ok(attempt_future.await)
        };
        let next = match outcome {
            Ok(Ok(output)) => Next::Done(Ok(output)),
            Ok(Err(AttemptError::Raw(RawError::Custom(message)))) => {
                // Only the transport hook fails this way (signing, or a mock without an
                // answer); its typed error waits beside the call.
                let stopped = call
                    .stopped
                    .lock()
                    .unwrap_or_else(PoisonError::into_inner)
                    .take();
                Next::Done(Err(stopped.unwrap_or(Error::Config(message))))
            }
            Ok(Err(error)) => classify::<R>(error, rule, attempt, policy).await,
            Err(_) => {
                let error = Error::Timeout {
                    scope: TimeoutScope::Attempt,
                    limit: limits.attempt,
                };
                if rule.class == RetryClass::Idempotent {
                    Next::Retry(policy.backoff(attempt), error)
                } else {
                    Next::Done(Err(error))
                }
            }
        };
        match next {
            Next::Done(result) => {
                if let Err(e) = &result {
                    tracing::debug!(error = %e, "failed");
                }
                return result;
            }
            Next::Retry(delay, error) => {
                let remaining = limits.operation.saturating_sub(started.elapsed());
                if attempt >= policy.max_attempts() || delay >= remaining {
                    return Err(error);
                }
                tracing::warn!(
                    attempt,
                    elapsed_ms = started.elapsed().as_millis() as u64,
                    delay_ms = delay.as_millis() as u64,
                    "attempt failed ({error}); retrying"
                );
                tokio::time::sleep(delay).await;
                attempt += 1;
            }
        }
    }
}

/// Turns a failed attempt into an error, and decides whether it may be retried.
async fn classify<R: Call>(
    error: AttemptError,
    rule: Retry,
    attempt: u32,
    policy: &crate::RetryPolicy,
) -> Next<R::Output> {
    let span = tracing::Span::current();
    match error {
        AttemptError::Raw(RawError::ErrorResponse(answer)) => {
            let status = answer.status().as_u16();
            span.record("status", status);
            let headers = answer.headers().clone();
            let request_id = header(&headers, &X_FC_REQUEST_ID);
            if let Some(id) = &request_id {
                span.record("request_id", id.as_str());
            }
            if attempt > 1 && status == 409 && rule.conflict_after_retry_is_accepted {
                let conflict = Conflict {
                    request_id: request_id.clone(),
                    async_task_id: header(&headers, &X_FC_ASYNC_TASK_ID),
                };
                if let Some(output) = R::accepted_earlier(&conflict) {
                    tracing::info!("an earlier attempt was accepted; reporting it");
                    return Next::Done(Ok(output));
                }
            }
            let error = service_error(status, &headers, answer.into_inner());
            if retry::may_retry_status(rule.class, status) {
                let delay = retry::retry_after(&headers).unwrap_or_else(|| policy.backoff(attempt));
                Next::Retry(delay, error)
            } else {
                Next::Done(Err(error))
            }
        }
        AttemptError::Raw(RawError::UnexpectedResponse(response)) => {
            let status = response.status().as_u16();
            span.record("status", status);
            let request_id = header(response.headers(), &X_FC_REQUEST_ID);
            let text = response.text().await.unwrap_or_default();
            Next::Done(Err(Error::Response {
                status: Some(status),
                message: format!("an undocumented status; body: {}", excerpt(&text)),
                request_id,
            }))
        }
        AttemptError::Raw(RawError::InvalidResponsePayload(bytes, e)) => {
            Next::Done(Err(Error::Response {
                status: None,
                message: format!(
                    "the body does not match the spec ({e}); body: {}",
                    excerpt(&String::from_utf8_lossy(&bytes))
                ),
                request_id: None,
            }))
        }
        AttemptError::Raw(RawError::InvalidRequest(message)) => {
            Next::Done(Err(Error::validation("request", message)))
        }
        AttemptError::Raw(RawError::Custom(message)) => Next::Done(Err(Error::Config(message))),
        AttemptError::Raw(
            RawError::CommunicationError(source)
            | RawError::ResponseBodyError(source)
            | RawError::InvalidUpgrade(source),
        ) => transport(source, None, rule, attempt, policy),
        AttemptError::Body { source, request_id } => {
            transport(source, request_id, rule, attempt, policy)
        }
    }
}

fn transport<T>(
    source: reqwest::Error,
    request_id: Option<String>,
    rule: Retry,
    attempt: u32,
    policy: &crate::RetryPolicy,
) -> Next<T> {
    let retryable = retry::may_retry_error(rule.class, &source);
    let error = Error::transport(source, request_id);
    if retryable {
        Next::Retry(policy.backoff(attempt), error)
    } else {
        Next::Done(Err(error))
    }
}

pub(crate) fn service_error(
    status: u16,
    headers: &reqwest::header::HeaderMap,
    body: fc3_models::Error,
) -> Error {
    Error::Service(Box::new(ServiceError {
        status,
        code: body.code.unwrap_or_default(),
        message: body.message.unwrap_or_default(),
        request_id: body
            .request_id
            .filter(|id| !id.is_empty())
            .or_else(|| header(headers, &X_FC_REQUEST_ID)),
        retry_after: retry::retry_after(headers),
    }))
}

fn excerpt(text: &str) -> String {
    let flat: String = text
        .chars()
        .take(200)
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    if text.chars().count() > 200 {
        format!("{flat}…")
    } else {
        flat
    }
}
