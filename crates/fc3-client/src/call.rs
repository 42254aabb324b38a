//! What every fluent operation does around the generated call: resolve credentials, apply the
//! call's limits, and turn progenitor's error into ours.

use std::future::Future;
use std::time::Duration;

use crate::config::CallOptions;
use crate::error::{Error, ServiceError, TimeoutScope};
use crate::generated::Error as RawError;
use crate::{Client, RetryPolicy};

/// Limits one call may override; embedded in every fluent builder.
#[derive(Debug, Clone, Default)]
pub(crate) struct CallSettings {
    pub(crate) timeout: Option<Duration>,
    pub(crate) retry: Option<RetryPolicy>,
    pub(crate) retry_sync: bool,
}

/// The setters every fluent builder shares (timeout and retry policy, and with `qualifier` the
/// qualifier too), over its `settings: CallSettings` field.
macro_rules! call_setters {
    () => {
        /// The time limit of this call, per attempt and in all (overrides the client's).
        pub fn timeout(mut self, timeout: Duration) -> Self {
            self.settings.timeout = Some(timeout);
            self
        }

        /// The retry policy of this call (overrides the client's).
        pub fn retry_policy(mut self, policy: RetryPolicy) -> Self {
            self.settings.retry = Some(policy);
            self
        }
    };
    (qualifier) => {
        /// The version or alias (`LATEST` when not set).
        pub fn qualifier(mut self, qualifier: impl Into<String>) -> Self {
            self.qualifier = Some(qualifier.into());
            self
        }

        call_setters!();
    };
}
pub(crate) use call_setters;

/// Runs `operation` on a per-call client, within the whole-operation limit.
pub(crate) async fn run<T, F, Fut>(
    client: &Client,
    settings: &CallSettings,
    default_limit: Duration,
    operation: F,
) -> Result<T, Error>
where
    F: FnOnce(Client) -> Fut,
    Fut: Future<Output = Result<T, Error>>,
{
    let limit = settings.timeout.unwrap_or(default_limit);
    let work = async {
        let credentials = client
            .inner
            .shared
            .credentials
            .provide_credentials()
            .await?;
        let call = client.for_call(CallOptions {
            credentials: Some(credentials),
            attempt_timeout: settings.timeout,
            retry: settings.retry.clone(),
            retry_sync: settings.retry_sync,
        });
        operation(call).await
    };
    match tokio::time::timeout(limit, work).await {
        Ok(result) => result,
        Err(_) => Err(Error::Timeout {
            scope: TimeoutScope::Operation,
            limit,
        }),
    }
}

/// Turns the generated client's error into ours.
pub(crate) async fn convert(error: RawError<fc3_models::Error>, attempt_limit: Duration) -> Error {
    match error {
        RawError::ErrorResponse(response) => {
            let status = response.status().as_u16();
            let headers = response.headers().clone();
            let body = response.into_inner();
            if body.code.as_deref() == Some(crate::transport::LOCAL_FAILURE_CODE) {
                // Made up by the transport between attempts, not sent by the service.
                return Error::Config(body.message.unwrap_or_default());
            }
            service_error(status, &headers, body)
        }
        RawError::UnexpectedResponse(response) => {
            let status = response.status().as_u16();
            let request_id = header(response.headers(), "x-fc-request-id");
            let text = response.text().await.unwrap_or_default();
            Error::Response {
                status: Some(status),
                message: format!("an undocumented status; body: {}", excerpt(&text)),
                request_id,
            }
        }
        RawError::InvalidResponsePayload(bytes, e) => Error::Response {
            status: None,
            message: format!(
                "the body does not match the spec ({e}); body: {}",
                excerpt(&String::from_utf8_lossy(&bytes))
            ),
            request_id: None,
        },
        RawError::CommunicationError(e) | RawError::ResponseBodyError(e) if e.is_timeout() => {
            Error::Timeout {
                scope: TimeoutScope::Attempt,
                limit: attempt_limit,
            }
        }
        RawError::CommunicationError(source)
        | RawError::ResponseBodyError(source)
        | RawError::InvalidUpgrade(source) => Error::Transport {
            source,
            request_id: None,
        },
        RawError::InvalidRequest(message) => Error::Validation {
            field: "request",
            rule: message,
        },
        RawError::Custom(message) => {
            match message.strip_prefix(crate::transport::CREDENTIALS_FAILURE) {
                Some(reason) => Error::Config(format!("credentials: {reason}")),
                None => Error::Config(message),
            }
        }
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
            .or_else(|| header(headers, "x-fc-request-id")),
        retry_after: crate::retry::retry_after(headers),
    }))
}

pub(crate) fn header(headers: &reqwest::header::HeaderMap, name: &str) -> Option<String> {
    headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .map(str::to_string)
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
