//! The seam between progenitor's generated client and ours: its `ClientHooks`, which see each
//! attempt's fully built request. `pre` names the API version and the FC action (from the
//! operation being sent, which the pipeline put in the attempt's state), adds the caller's
//! extra headers, and signs the request with the attempt's credentials (fresh date and nonce).
//! `exec` sends it; with the `test-util` feature and a client built with a mock, `pre` hands
//! the signed request to the mock and `exec` returns its answer instead of sending anything.

use std::sync::OnceLock;
use std::sync::PoisonError;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, SystemTime};

use fc3_credentials::Credentials;
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use progenitor_client::{ClientHooks, ClientInfo, OperationInfo};
use reqwest::header::{AUTHORIZATION, HOST, HeaderName, HeaderValue};

use crate::config::RuntimeState;
use crate::generated::{Client, Error as RawError};

/// The API version every request names in `x-acs-version`.
pub const API_VERSION: &str = "2023-03-30";

// Header names and values fixed at compile time: a name parsed from a string at run time
// costs a parse per request (`HeaderName::from_static` is a `const fn`).
/// The header progenitor names the API version in; FC reads `x-acs-version` instead.
const PROGENITOR_API_VERSION: HeaderName = HeaderName::from_static("api-version");
const X_ACS_VERSION: HeaderName = HeaderName::from_static("x-acs-version");
const X_ACS_ACTION: HeaderName = HeaderName::from_static("x-acs-action");
const X_ACS_DATE: HeaderName = HeaderName::from_static("x-acs-date");
const X_ACS_SIGNATURE_NONCE: HeaderName = HeaderName::from_static("x-acs-signature-nonce");
const X_ACS_CONTENT_SHA256: HeaderName = HeaderName::from_static("x-acs-content-sha256");
const X_ACS_RETRY_ATTEMPTS: HeaderName = HeaderName::from_static("x-acs-retry-attempts");
const X_ACS_ACCESSKEY_ID: HeaderName = HeaderName::from_static("x-acs-accesskey-id");
const X_ACS_SECURITY_TOKEN: HeaderName = HeaderName::from_static("x-acs-security-token");
const API_VERSION_VALUE: HeaderValue = HeaderValue::from_static(API_VERSION);

/// RFC 3986 unreserved characters stay, everything else is percent-encoded (space as `%20`).
const QUERY_SET: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');

impl ClientHooks<RuntimeState> for Client {
    async fn pre<E>(
        &self,
        request: &mut reqwest::Request,
        _info: &OperationInfo,
    ) -> Result<(), RawError<E>> {
        let state = self.inner();
        let headers = request.headers_mut();
        // progenitor names the API version in its own header; FC reads x-acs-version (set
        // by `sign` with FC's other headers).
        headers.remove(PROGENITOR_API_VERSION);
        for (name, value) in state.call.extra_headers.iter() {
            headers.insert(name.clone(), value.clone());
        }
        if let Err(e) = sign(request, state) {
            return Err(stop(state, crate::Error::Signing(e)));
        }
        #[cfg(feature = "test-util")]
        if let Some(mock) = &state.shared.mock {
            let answer = mock
                .answer(state.call.action, request)
                .map_err(|e| stop(state, crate::Error::Mock(e)))?;
            *state
                .call
                .mock_answer
                .lock()
                .unwrap_or_else(PoisonError::into_inner) = Some(answer);
        }
        Ok(())
    }

    async fn exec(
        &self,
        request: reqwest::Request,
        _info: &OperationInfo,
    ) -> reqwest::Result<reqwest::Response> {
        #[cfg(feature = "test-util")]
        {
            let state = self.inner();
            if state.shared.mock.is_some() {
                // `pre` let the request through, so the mock's answer is waiting; nothing is
                // sent whatever happens.
                let answer = state
                    .call
                    .mock_answer
                    .lock()
                    .unwrap_or_else(PoisonError::into_inner)
                    .take()
                    .unwrap_or_else(|| unreachable!("pre leaves the mock's answer"));
                return Ok(answer.arrive().await);
            }
        }
        self.client().execute(request).await
    }
}

/// Stops an attempt with a typed error: the pipeline takes it from the attempt's state;
/// progenitor only carries the stop.
fn stop<E>(state: &RuntimeState, error: crate::Error) -> RawError<E> {
    let message = error.to_string();
    *state
        .call
        .stopped
        .lock()
        .unwrap_or_else(PoisonError::into_inner) = Some(error);
    RawError::Custom(message)
}

/// Sets FC's per-attempt headers and the Authorization header.
fn sign(request: &mut reqwest::Request, state: &RuntimeState) -> Result<(), acs3::Error> {
    let credentials: &Credentials = &state.call.credentials;
    let body_sha256 = match request.body() {
        // The header value takes the hex string as it is, without a copy.
        Some(body) => match body.as_bytes() {
            Some(bytes) if !bytes.is_empty() => {
                HeaderValue::try_from(acs3::payload_sha256_hex(bytes))
                    .map_err(|_| acs3::Error::InvalidPayloadHash)?
            }
            Some(_) => HeaderValue::from_static(acs3::EMPTY_PAYLOAD_SHA256),
            // Every body the generated builders make is bytes; a stream could not be hashed.
            None => return Err(acs3::Error::InvalidPayloadHash),
        },
        None => HeaderValue::from_static(acs3::EMPTY_PAYLOAD_SHA256),
    };
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
    let attempt = state.call.attempt;
    let (sts_id, sts_token) = match credentials.security_token() {
        Some(token) => {
            let id = HeaderValue::from_str(credentials.access_key_id())
                .map_err(|_| invalid("x-acs-accesskey-id"))?;
            let mut token =
                HeaderValue::from_str(token).map_err(|_| invalid("x-acs-security-token"))?;
            token.set_sensitive(true);
            (Some(id), Some(token))
        }
        None => (None, None),
    };
    // Inserted in the order of their names, the order the signature lists them in, so that
    // acs3 has next to nothing to sort.
    let headers = request.headers_mut();
    headers.insert(HOST, state.shared.host.clone());
    if let Some(id) = sts_id {
        headers.insert(X_ACS_ACCESSKEY_ID, id);
    }
    headers.insert(X_ACS_ACTION, HeaderValue::from_static(state.call.action));
    headers.insert(X_ACS_CONTENT_SHA256, body_sha256);
    headers.insert(X_ACS_DATE, date);
    if attempt > 1 {
        headers.insert(X_ACS_RETRY_ATTEMPTS, HeaderValue::from(attempt - 1));
    }
    if let Some(token) = sts_token {
        headers.insert(X_ACS_SECURITY_TOKEN, token);
    }
    headers.insert(X_ACS_SIGNATURE_NONCE, nonce());
    headers.insert(X_ACS_VERSION, API_VERSION_VALUE);

    // The Go/TypeScript SDKs' set, plus any header the caller added: what the caller sends is
    // signed, so a proxy cannot change it.
    let extra = &state.call.extra_headers;
    let signed = |name: &str| {
        acs3::is_go_ts_signed_header(name) || extra.iter().any(|(n, _)| n.as_str() == name)
    };
    let mut headers: Vec<(&str, &str)> = Vec::with_capacity(request.headers().len());
    for (name, value) in request.headers() {
        let name = name.as_str();
        if signed(name) {
            headers.push((name, value.to_str().map_err(|_| invalid(name))?));
        }
    }
    let body_sha256 = headers
        .iter()
        .find(|(name, _)| *name == X_ACS_CONTENT_SHA256.as_str())
        .map(|(_, value)| *value)
        .ok_or(acs3::Error::InvalidPayloadHash)?;
    let query: Vec<(&str, &str)> = pairs
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let parts = acs3::RequestParts::new(request.method().as_str(), request.url().path())
        .with_query(&query)
        .with_headers(&headers)
        .with_payload(acs3::Payload::Sha256Hex(body_sha256));
    // `headers` holds only what is signed already.
    let authorization = acs3::authorization_with(credentials.access_key(), &parts, |_| true)?;
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nonces_are_fresh() {
        let a = nonce();
        assert_eq!(a.len(), 32);
        assert!(a.as_bytes().iter().all(u8::is_ascii_hexdigit));
        let many: std::collections::HashSet<HeaderValue> = (0..1000).map(|_| nonce()).collect();
        assert_eq!(many.len(), 1000);
    }
}
