//! What happens to every request the generated client builds: FC's headers, ACS3 signing
//! (fresh date and nonce per attempt), retries, per-attempt timeouts and a tracing span.
//! This is the one seam between generated and hand-written code.

use std::borrow::Cow;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant, SystemTime};

use fc3_credentials::{Credentials, ProvideCredentials};
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use progenitor_client::{ClientHooks, ClientInfo, OperationInfo};
use reqwest::header::{AUTHORIZATION, HOST, HeaderName, HeaderValue};
use tracing::Instrument;

use crate::generated::{Client, Error as RawError};
use crate::retry::{self, Resend};

/// The API version every request names in `x-acs-version`.
pub const API_VERSION: &str = "2023-03-30";

/// Marks a hook failure caused by credentials, so it maps back to [`crate::Error::Credentials`]
/// kinds of message.
pub(crate) const CREDENTIALS_FAILURE: &str = "fc3 credentials: ";

/// RFC 3986 unreserved characters stay, everything else is percent-encoded (space as `%20`).
const QUERY_SET: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');

/// The FC action (`x-acs-action` value) of a generated operation: progenitor names operations
/// in snake_case (`invoke_function`), FC in PascalCase (`InvokeFunction`).
pub fn action_name(operation_id: &str) -> Cow<'static, str> {
    // The spec's operations, spelled out so that a request carries a static header value.
    const KNOWN: [(&str, &str); 8] = [
        ("invoke_function", "InvokeFunction"),
        ("put_async_invoke_config", "PutAsyncInvokeConfig"),
        ("get_async_invoke_config", "GetAsyncInvokeConfig"),
        ("delete_async_invoke_config", "DeleteAsyncInvokeConfig"),
        ("list_async_invoke_configs", "ListAsyncInvokeConfigs"),
        ("get_async_task", "GetAsyncTask"),
        ("list_async_tasks", "ListAsyncTasks"),
        ("stop_async_task", "StopAsyncTask"),
    ];
    if let Some((_, action)) = KNOWN.iter().find(|(id, _)| *id == operation_id) {
        return Cow::Borrowed(action);
    }
    Cow::Owned(
        operation_id
            .split('_')
            .map(|word| {
                let mut chars = word.chars();
                match chars.next() {
                    Some(first) => first.to_ascii_uppercase().to_string() + chars.as_str(),
                    None => String::new(),
                }
            })
            .collect(),
    )
}

impl ClientHooks<crate::RuntimeState> for Client {
    async fn pre<E>(
        &self,
        request: &mut reqwest::Request,
        info: &OperationInfo,
    ) -> Result<(), RawError<E>> {
        let headers = request.headers_mut();
        // progenitor names the API version in its own header; FC reads x-acs-version.
        headers.remove("api-version");
        headers.insert(
            HeaderName::from_static("x-acs-version"),
            HeaderValue::from_static(API_VERSION),
        );
        let action = match action_name(info.operation_id) {
            Cow::Borrowed(action) => HeaderValue::from_static(action),
            Cow::Owned(action) => HeaderValue::try_from(action)
                .map_err(|e| RawError::Custom(format!("x-acs-action: {e}")))?,
        };
        headers.insert(HeaderName::from_static("x-acs-action"), action);
        if request.body().is_some_and(|b| b.as_bytes().is_none()) {
            return Err(RawError::Custom(
                "a streamed request body cannot be signed: pass the payload as bytes".into(),
            ));
        }
        // The fluent API resolves credentials before the call; a direct use of a generated
        // builder finds out here, while a typed error can still be returned.
        if self.inner.call.credentials.is_none() {
            self.inner
                .shared
                .credentials
                .provide_credentials()
                .await
                .map_err(|e| RawError::Custom(format!("{CREDENTIALS_FAILURE}{e}")))?;
        }
        Ok(())
    }

    async fn exec(
        &self,
        request: reqwest::Request,
        info: &OperationInfo,
    ) -> reqwest::Result<reqwest::Response> {
        let action = action_name(info.operation_id);
        let span = tracing::info_span!(
            "fc3",
            action = %action,
            function = tracing::field::Empty,
            qualifier = tracing::field::Empty,
            attempt = tracing::field::Empty,
            request_id = tracing::field::Empty,
            status = tracing::field::Empty,
        );
        if !span.is_disabled() {
            let (function, qualifier) = function_and_qualifier(request.url());
            span.record("function", function.as_str());
            span.record("qualifier", qualifier.as_str());
        }
        send_with_retries(self, request, &action)
            .instrument(span)
            .await
    }
}

/// Which of the generated operation's requests may be sent twice.
fn resend_class(action: &str, request: &reqwest::Request, retry_sync: bool) -> Resend {
    if action != "InvokeFunction" {
        return Resend::Safe;
    }
    let header = |name: &str| request.headers().get(name).and_then(|v| v.to_str().ok());
    let asynchronous = header("x-fc-invocation-type") == Some("Async");
    match (asynchronous, header("x-fc-async-task-id").is_some()) {
        // The service de-duplicates asynchronous invocations by task id.
        (true, true) => Resend::Safe,
        // Refused (429/503) means nothing was queued.
        (true, false) => Resend::UnsentOrRefused,
        (false, _) if retry_sync => Resend::Safe,
        // A synchronous invocation that reached the service may have run the function.
        (false, _) => Resend::UnsentOnly,
    }
}

async fn send_with_retries(
    client: &Client,
    request: reqwest::Request,
    action: &str,
) -> reqwest::Result<reqwest::Response> {
    let state = client.inner();
    let policy = state.retry_policy().clone();
    let resend = resend_class(action, &request, state.call.retry_sync);
    let sync_invoke = action == "InvokeFunction"
        && request
            .headers()
            .get("x-fc-invocation-type")
            .is_none_or(|v| v.as_bytes() != b"Async");
    let attempt_timeout = state.call.attempt_timeout.unwrap_or(if sync_invoke {
        state.shared.timeouts.sync_invoke
    } else {
        state.shared.timeouts.attempt
    });
    let body_sha256 = match request.body().and_then(|b| b.as_bytes()) {
        Some(bytes) if !bytes.is_empty() => HeaderValue::try_from(acs3::payload_sha256_hex(bytes))
            .unwrap_or_else(|_| unreachable!("hex digits are a valid header value")),
        _ => HeaderValue::from_static(acs3::EMPTY_PAYLOAD_SHA256),
    };
    let started = Instant::now();
    let mut attempt = 1;
    let mut request = Some(request);
    loop {
        let Some(template) = request.take() else {
            unreachable!("the loop returns before the request runs out")
        };
        // Keep a copy for the next attempt; a body that cannot be cloned gets one attempt.
        let spare = if attempt < policy.max_attempts() {
            template.try_clone()
        } else {
            None
        };
        let credentials = match credentials(client).await {
            Ok(credentials) => credentials,
            Err(message) => return Ok(local_failure(&message)),
        };
        let mut outgoing = template;
        *outgoing.timeout_mut() = Some(attempt_timeout);
        if let Err(e) = sign(&mut outgoing, &credentials, &body_sha256, attempt, state) {
            return Ok(local_failure(&format!("signing failed: {e}")));
        }
        let span = tracing::Span::current();
        span.record("attempt", attempt);
        let result = client.client().execute(outgoing).await;
        let retry = match &result {
            Ok(response) => {
                let status = response.status();
                span.record("status", status.as_u16());
                if let Some(id) = response
                    .headers()
                    .get("x-fc-request-id")
                    .and_then(|v| v.to_str().ok())
                {
                    span.record("request_id", id);
                }
                if attempt > 1 && status.as_u16() == 409 && action == "InvokeFunction" {
                    // A retried asynchronous invocation whose task id already exists was
                    // accepted by an earlier attempt whose answer was lost.
                    tracing::info!("an earlier attempt was accepted; reporting it");
                    return Ok(accepted_earlier(response));
                }
                retry::may_retry_status(resend, status).then(|| {
                    retry::retry_after(response.headers())
                        .unwrap_or_else(|| policy.backoff(attempt))
                })
            }
            Err(error) => retry::may_retry_error(resend, error).then(|| policy.backoff(attempt)),
        };
        match (retry, spare) {
            (Some(delay), Some(spare)) if attempt < policy.max_attempts() => {
                let what = match &result {
                    Ok(response) => format!("HTTP {}", response.status().as_u16()),
                    Err(error) => error_kind(error).to_string(),
                };
                tracing::warn!(
                    attempt,
                    elapsed_ms = started.elapsed().as_millis() as u64,
                    delay_ms = delay.as_millis() as u64,
                    "attempt failed ({what}); retrying"
                );
                tokio::time::sleep(delay).await;
                request = Some(spare);
                attempt += 1;
            }
            _ => {
                match &result {
                    Ok(response) => tracing::debug!(
                        status = response.status().as_u16(),
                        elapsed_ms = started.elapsed().as_millis() as u64,
                        "answered"
                    ),
                    Err(error) => tracing::debug!("failed: {}", error_kind(error)),
                }
                return result;
            }
        }
    }
}

fn error_kind(error: &reqwest::Error) -> &'static str {
    if error.is_connect() {
        "connection failed"
    } else if error.is_timeout() {
        "timed out"
    } else {
        "transport error"
    }
}

async fn credentials(client: &Client) -> Result<Credentials, String> {
    if let Some(credentials) = &client.inner().call.credentials {
        return Ok(credentials.clone());
    }
    client
        .inner()
        .shared
        .credentials
        .provide_credentials()
        .await
        .map_err(|e| format!("{CREDENTIALS_FAILURE}{e}"))
}

/// Sets FC's per-attempt headers and the Authorization header.
fn sign(
    request: &mut reqwest::Request,
    credentials: &Credentials,
    body_sha256: &HeaderValue,
    attempt: u32,
    state: &crate::RuntimeState,
) -> Result<(), acs3::Error> {
    // progenitor writes the query form-encoded, where `+` is a space; FC (and acs3) read it
    // the RFC 3986 way, where `+` is a plus sign. Every other difference decodes to the same
    // pairs, so the query is rewritten (to what is signed) only when it holds a `+`.
    let pairs: Vec<(String, String)> = match request.url().query() {
        None => Vec::new(),
        Some("") => {
            request.url_mut().set_query(None);
            Vec::new()
        }
        Some(query) => {
            let rewrite = query.contains('+');
            let pairs: Vec<(String, String)> = request.url().query_pairs().into_owned().collect();
            if rewrite {
                let query: Vec<String> = pairs
                    .iter()
                    .map(|(k, v)| {
                        format!(
                            "{}={}",
                            utf8_percent_encode(k, QUERY_SET),
                            utf8_percent_encode(v, QUERY_SET)
                        )
                    })
                    .collect();
                request.url_mut().set_query(Some(&query.join("&")));
            }
            pairs
        }
    };
    let invalid = |name: &str| acs3::Error::InvalidHeaderValue {
        name: name.to_string(),
    };
    let date = acs3::format_date(SystemTime::now()).unwrap_or_default();
    let date = HeaderValue::try_from(date).map_err(|_| invalid("x-acs-date"))?;
    let headers = request.headers_mut();
    headers.insert(HOST, state.shared.host.clone());
    headers.insert(HeaderName::from_static("x-acs-date"), date);
    headers.insert(HeaderName::from_static("x-acs-signature-nonce"), nonce());
    headers.insert(
        HeaderName::from_static("x-acs-content-sha256"),
        body_sha256.clone(),
    );
    if attempt > 1 {
        headers.insert(
            HeaderName::from_static("x-acs-retry-attempts"),
            HeaderValue::from(attempt - 1),
        );
    }
    if let Some(token) = credentials.security_token() {
        let id = HeaderValue::from_str(credentials.access_key_id())
            .map_err(|_| invalid("x-acs-accesskey-id"))?;
        let mut token =
            HeaderValue::from_str(token).map_err(|_| invalid("x-acs-security-token"))?;
        token.set_sensitive(true);
        headers.insert(HeaderName::from_static("x-acs-accesskey-id"), id);
        headers.insert(HeaderName::from_static("x-acs-security-token"), token);
    }

    let headers: Vec<(&str, &str)> = request
        .headers()
        .iter()
        .filter(|(name, _)| acs3::is_go_ts_signed_header(name.as_str()))
        .map(|(name, value)| {
            value
                .to_str()
                .map(|v| (name.as_str(), v))
                .map_err(|_| invalid(name.as_str()))
        })
        .collect::<Result<_, _>>()?;
    let query: Vec<(&str, &str)> = pairs
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let body_sha256 = body_sha256
        .to_str()
        .map_err(|_| acs3::Error::InvalidPayloadHash)?;
    let parts = acs3::RequestParts::new(request.method().as_str(), request.url().path())
        .with_query(&query)
        .with_headers(&headers)
        .with_payload(acs3::Payload::Sha256Hex(body_sha256));
    let authorization = acs3::authorization_with(
        credentials.access_key(),
        &parts,
        acs3::is_go_ts_signed_header,
    )?;
    let mut authorization =
        HeaderValue::try_from(authorization).map_err(|_| invalid(AUTHORIZATION.as_str()))?;
    authorization.set_sensitive(true);
    request.headers_mut().insert(AUTHORIZATION, authorization);
    Ok(())
}

/// A fresh `x-acs-signature-nonce`: 32 hex digits, unique within this process and
/// unpredictable across processes (a random prefix drawn once, then a counter), which is
/// what a nonce must be, without a system call per request.
fn nonce() -> HeaderValue {
    static PREFIX: OnceLock<u64> = OnceLock::new();
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let prefix = *PREFIX.get_or_init(|| {
        let mut bytes = [0u8; 8];
        if getrandom::fill(&mut bytes).is_err() {
            // No system randomness: the start time still tells processes apart.
            let now = SystemTime::now()
                .duration_since(SystemTime::UNIX_EPOCH)
                .unwrap_or(Duration::ZERO);
            bytes = (now.as_nanos() as u64 ^ u64::from(std::process::id())).to_le_bytes();
        }
        u64::from_le_bytes(bytes)
    });
    let count = COUNTER.fetch_add(1, Ordering::Relaxed);
    let mut raw = [0u8; 16];
    raw[..8].copy_from_slice(&prefix.to_be_bytes());
    raw[8..].copy_from_slice(&count.to_be_bytes());
    let mut hex = [0u8; 32];
    hex::encode_to_slice(raw, &mut hex)
        .unwrap_or_else(|_| unreachable!("16 bytes fit in 32 hex digits"));
    HeaderValue::from_bytes(&hex)
        .unwrap_or_else(|_| unreachable!("hex digits are a valid header value"))
}

/// The function name and qualifier of a request, for the tracing span.
fn function_and_qualifier(url: &reqwest::Url) -> (String, String) {
    let mut segments = url.path_segments().into_iter().flatten();
    let function = segments
        .by_ref()
        .find(|s| *s == "functions")
        .and_then(|_| segments.next())
        .map(|s| {
            percent_encoding::percent_decode_str(s)
                .decode_utf8_lossy()
                .into_owned()
        })
        .or_else(|| {
            url.query_pairs()
                .find(|(k, _)| k == "functionName")
                .map(|(_, v)| v.into_owned())
        })
        .unwrap_or_default();
    let qualifier = url
        .query_pairs()
        .find(|(k, _)| k == "qualifier")
        .map(|(_, v)| v.into_owned())
        .unwrap_or_else(|| "LATEST".to_string());
    (function, qualifier)
}

/// An answer made up on this side, for a failure that happened between attempts (credentials
/// could not be refreshed, a header could not be signed), where the hook can only return a
/// response. It reaches the caller as a service-shaped error with code `fc3.ClientError`.
fn local_failure(message: &str) -> reqwest::Response {
    let body = serde_json::json!({"Code": LOCAL_FAILURE_CODE, "Message": message}).to_string();
    let response = http_response(400, &[("content-type", "application/json")], body);
    reqwest::Response::from(response)
}

/// The code of an error made up on the client side (see [`local_failure`]).
pub(crate) const LOCAL_FAILURE_CODE: &str = "fc3.ClientError";

/// A 202 standing for an asynchronous invocation an earlier attempt got accepted.
fn accepted_earlier(conflict: &reqwest::Response) -> reqwest::Response {
    let mut headers: Vec<(&str, &str)> = vec![("x-fc3-deduplicated", "true")];
    for name in ["x-fc-request-id", "x-fc-async-task-id"] {
        if let Some(value) = conflict.headers().get(name).and_then(|v| v.to_str().ok()) {
            headers.push((name, value));
        }
    }
    reqwest::Response::from(http_response(202, &headers, String::new()))
}

fn http_response(status: u16, headers: &[(&str, &str)], body: String) -> http::Response<String> {
    let mut builder = http::Response::builder().status(status);
    for (name, value) in headers {
        builder = builder.header(*name, *value);
    }
    builder
        .body(body)
        .unwrap_or_else(|_| http::Response::new(String::new()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn action_names_are_pascal_case() {
        assert_eq!(action_name("invoke_function"), "InvokeFunction");
        assert_eq!(
            action_name("list_async_invoke_configs"),
            "ListAsyncInvokeConfigs"
        );
        assert_eq!(action_name("stop_async_task"), "StopAsyncTask");
    }

    #[test]
    fn nonces_are_fresh() {
        let a = nonce();
        assert_eq!(a.len(), 32);
        assert!(a.as_bytes().iter().all(u8::is_ascii_hexdigit));
        let many: std::collections::HashSet<HeaderValue> = (0..1000).map(|_| nonce()).collect();
        assert_eq!(many.len(), 1000);
    }

    #[test]
    fn known_actions_match_the_naming_rule() {
        // Every operation the generated client names.
        let generated = include_str!("generated.rs");
        let ids: Vec<&str> = generated
            .split("operation_id: \"")
            .skip(1)
            .filter_map(|rest| rest.split('"').next())
            .collect();
        assert_eq!(ids.len(), 8, "one per operation of the spec");
        for id in ids {
            let known = action_name(id);
            assert!(matches!(known, Cow::Borrowed(_)), "{id} is in the table");
            let derived: String = id
                .split('_')
                .map(|w| w[..1].to_ascii_uppercase() + &w[1..])
                .collect();
            assert_eq!(known, derived);
        }
        assert_eq!(action_name("new_operation"), "NewOperation");
    }

    #[test]
    fn span_fields_come_from_the_url() {
        let url =
            reqwest::Url::parse("http://h/2023-03-30/functions/my%20fn/invocations?qualifier=prod")
                .unwrap();
        assert_eq!(
            function_and_qualifier(&url),
            ("my fn".into(), "prod".into())
        );
        let url =
            reqwest::Url::parse("http://h/2023-03-30/async-invoke-configs?functionName=f").unwrap();
        assert_eq!(function_and_qualifier(&url), ("f".into(), "LATEST".into()));
    }
}
