//! Helpers shared by the HTTP providers (ECS metadata, credentials URI): the
//! refreshing cache, the lazily built client, URL redaction and the JSON document.

use std::fmt;
use std::future::Future;
use std::sync::{Arc, OnceLock};
use std::time::{Duration, SystemTime};

use reqwest::{Client, RequestBuilder, StatusCode, Url};
use serde::Deserialize;
use tokio::sync::Mutex;

use crate::credentials::Credentials;
use crate::error::CredentialsError;
use crate::files::json_error_position;

/// The default margin before expiry at which cached credentials are refreshed.
pub const DEFAULT_REFRESH_BEFORE: Duration = Duration::from_secs(3 * 60);

/// A source of "now", injectable for tests.
#[derive(Clone)]
pub(crate) struct Clock(Arc<dyn Fn() -> SystemTime + Send + Sync>);

impl Clock {
    pub(crate) fn system() -> Self {
        Clock(Arc::new(SystemTime::now))
    }

    pub(crate) fn new(now: impl Fn() -> SystemTime + Send + Sync + 'static) -> Self {
        Clock(Arc::new(now))
    }

    pub(crate) fn now(&self) -> SystemTime {
        (self.0)()
    }
}

impl fmt::Debug for Clock {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Clock")
    }
}

/// Credentials kept until `refresh_before` ahead of their expiry. One mutex: callers
/// arriving during a refresh wait for it and share its result.
#[derive(Debug)]
pub(crate) struct RefreshingCache {
    slot: Mutex<Option<Credentials>>,
    pub(crate) refresh_before: Duration,
    pub(crate) clock: Clock,
}

impl RefreshingCache {
    pub(crate) fn new() -> Self {
        RefreshingCache {
            slot: Mutex::new(None),
            refresh_before: DEFAULT_REFRESH_BEFORE,
            clock: Clock::system(),
        }
    }

    /// Returns the cached credentials while they are fresh, else calls `fetch`.
    ///
    /// Credentials without an expiry are not cached. When a refresh fails while the
    /// cached credentials have not yet expired, those are returned (and a warning
    /// logged); the next call tries again.
    pub(crate) async fn get_or_refresh<F, Fut>(
        &self,
        provider: &'static str,
        fetch: F,
    ) -> Result<Credentials, CredentialsError>
    where
        F: FnOnce() -> Fut,
        Fut: Future<Output = Result<Credentials, CredentialsError>>,
    {
        let mut slot = self.slot.lock().await;
        let now = self.clock.now();
        if let Some(cached) = slot.as_ref()
            && !self.needs_refresh(cached, now)
        {
            return Ok(cached.clone());
        }
        match fetch().await {
            Ok(fresh) => {
                *slot = fresh.expiry().map(|_| fresh.clone());
                tracing::debug!(provider, expiry = ?fresh.expiry().map(|t| humantime::format_rfc3339(t).to_string()), "fetched credentials");
                Ok(fresh)
            }
            Err(err) => match slot.as_ref() {
                Some(cached) if !cached.is_expired_at(self.clock.now()) => {
                    tracing::warn!(provider, error = %err, "refreshing credentials failed; using the cached ones until they expire");
                    Ok(cached.clone())
                }
                _ => Err(err),
            },
        }
    }

    fn needs_refresh(&self, creds: &Credentials, now: SystemTime) -> bool {
        match creds.expiry() {
            Some(expiry) => now + self.refresh_before >= expiry,
            None => true,
        }
    }
}

/// A caller-supplied client, or one built on first use with the given timeouts.
#[derive(Debug)]
pub(crate) struct LazyClient {
    pub(crate) custom: Option<Client>,
    built: OnceLock<Client>,
    pub(crate) connect_timeout: Duration,
    pub(crate) timeout: Duration,
}

impl LazyClient {
    pub(crate) fn new(connect_timeout: Duration, timeout: Duration) -> Self {
        LazyClient {
            custom: None,
            built: OnceLock::new(),
            connect_timeout,
            timeout,
        }
    }

    pub(crate) fn get(
        &self,
        provider: &'static str,
        url: &str,
    ) -> Result<Client, CredentialsError> {
        if let Some(client) = &self.custom {
            return Ok(client.clone());
        }
        if let Some(client) = self.built.get() {
            return Ok(client.clone());
        }
        // No proxy: the metadata server and credential endpoints are local services
        // that a proxy would not reach.
        let client = http_client_builder()
            .no_proxy()
            .connect_timeout(self.connect_timeout)
            .timeout(self.timeout)
            .build()
            .map_err(|source| CredentialsError::Transport {
                provider,
                url: url.to_owned(),
                source: source.without_url(),
            })?;
        Ok(self.built.get_or_init(|| client).clone())
    }
}

/// A `reqwest::ClientBuilder` for fc3's HTTP clients.
///
/// reqwest is built with rustls but without a crypto provider of its own (the default one,
/// aws-lc-rs, compiles a large C library); this installs ring's as the process default first.
/// An application that installed another provider before keeps it.
pub fn http_client_builder() -> reqwest::ClientBuilder {
    let _ = rustls::crypto::ring::default_provider().install_default();
    Client::builder()
}

/// The URL without credentials in its user info, its query or its fragment.
pub(crate) fn redact_url(url: &Url) -> String {
    let mut shown = url.clone();
    if shown.password().is_some() {
        let _ = shown.set_password(None);
    }
    if !shown.username().is_empty() {
        let _ = shown.set_username("");
    }
    let had_query = shown.query().is_some();
    shown.set_query(None);
    shown.set_fragment(None);
    let mut text = shown.to_string();
    if had_query {
        text.push_str("?<redacted>");
    }
    text
}

/// A response read whole.
pub(crate) struct Answer {
    pub(crate) status: StatusCode,
    pub(crate) body: Vec<u8>,
}

/// Sends the request and reads the whole body.
pub(crate) async fn send(request: RequestBuilder) -> Result<Answer, reqwest::Error> {
    let response = request.send().await?;
    let status = response.status();
    let body = response.bytes().await?.to_vec();
    Ok(Answer { status, body })
}

/// The error for a transport failure, without the (possibly secret) URL of reqwest.
pub(crate) fn transport_error(
    provider: &'static str,
    url: &str,
    err: reqwest::Error,
) -> CredentialsError {
    CredentialsError::Transport {
        provider,
        url: url.to_owned(),
        source: err.without_url(),
    }
}

/// The error for a non-success status: status plus a short, single-line excerpt.
pub(crate) fn status_error(provider: &'static str, url: &str, answer: &Answer) -> CredentialsError {
    CredentialsError::Http {
        provider,
        url: url.to_owned(),
        status: answer.status.as_u16(),
        detail: body_excerpt(&answer.body),
    }
}

fn body_excerpt(body: &[u8]) -> String {
    const MAX: usize = 200;
    let text = String::from_utf8_lossy(body);
    let mut excerpt: String = text
        .trim()
        .chars()
        .take(MAX)
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    if text.trim().chars().nth(MAX).is_some() {
        excerpt.push('…');
    }
    excerpt
}

/// The JSON served by the ECS metadata server and credentials URIs. No `Debug`: it
/// holds secrets.
#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct CredentialsDocument {
    #[serde(default)]
    code: Option<String>,
    #[serde(default)]
    access_key_id: Option<String>,
    #[serde(default)]
    access_key_secret: Option<String>,
    #[serde(default)]
    security_token: Option<String>,
    #[serde(default)]
    expiration: Option<String>,
}

/// Parses `{"AccessKeyId", "AccessKeySecret", "SecurityToken", "Expiration", "Code"}`.
///
/// `Code`, when present, must be `Success`. `SecurityToken` and `Expiration` are
/// optional; `Expiration` is an RFC 3339 UTC time such as `2026-01-01T00:00:00Z`.
pub(crate) fn parse_document(
    provider: &'static str,
    url: &str,
    body: &[u8],
) -> Result<Credentials, CredentialsError> {
    let invalid = |reason: String| CredentialsError::InvalidResponse {
        provider,
        url: url.to_owned(),
        reason,
    };
    let doc: CredentialsDocument =
        serde_json::from_slice(body).map_err(|e| invalid(json_error_position(&e)))?;
    if let Some(code) = doc.code.as_deref()
        && code != "Success"
    {
        let code: String = code.chars().take(64).filter(|c| !c.is_control()).collect();
        return Err(invalid(format!("Code is {code:?}, not \"Success\"")));
    }
    let field_error = |err: CredentialsError| match err {
        CredentialsError::InvalidCredentials { field, problem } => {
            let name = match field {
                "access_key_id" => "AccessKeyId",
                "access_key_secret" => "AccessKeySecret",
                _ => "SecurityToken",
            };
            invalid(format!("{name} {problem}"))
        }
        other => other,
    };
    let id = doc
        .access_key_id
        .ok_or_else(|| invalid("AccessKeyId is missing".to_owned()))?;
    let secret = doc
        .access_key_secret
        .ok_or_else(|| invalid("AccessKeySecret is missing".to_owned()))?;
    let mut creds = Credentials::new(id, secret).map_err(field_error)?;
    if let Some(token) = doc.security_token.filter(|t| !t.is_empty()) {
        creds = creds.with_security_token(token).map_err(field_error)?;
    }
    if let Some(expiration) = doc.expiration.filter(|e| !e.is_empty()) {
        let expiry = humantime::parse_rfc3339_weak(expiration.trim()).map_err(|_| {
            invalid("Expiration is not an RFC 3339 UTC time (like 2026-01-01T00:00:00Z)".to_owned())
        })?;
        creds = creds.with_expiry(expiry);
    }
    Ok(creds)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::UNIX_EPOCH;

    const URL: &str = "http://127.0.0.1/x";

    #[test]
    fn parses_a_full_document() {
        let body = br#"{"Code":"Success","AccessKeyId":"STS.id","AccessKeySecret":"sec","SecurityToken":"tok","Expiration":"2026-01-01T00:00:00Z","LastUpdated":"2025-12-31T18:00:00Z"}"#;
        let creds = parse_document("p", URL, body).unwrap();
        assert_eq!(creds.access_key_id(), "STS.id");
        assert_eq!(creds.access_key_secret(), "sec");
        assert_eq!(creds.security_token(), Some("tok"));
        assert_eq!(
            creds.expiry(),
            Some(UNIX_EPOCH + Duration::from_secs(1_767_225_600))
        );
    }

    #[test]
    fn rejects_bad_documents_without_echoing_them() {
        let cases: [(&[u8], &str); 5] = [
            (b"not json SecretInBody", "not valid JSON"),
            (
                br#"{"Code":"Failed","AccessKeyId":"a","AccessKeySecret":"SecretInBody"}"#,
                "Code is \"Failed\"",
            ),
            (br#"{"AccessKeyId":"a"}"#, "AccessKeySecret is missing"),
            (
                br#"{"AccessKeyId":"a","AccessKeySecret":"Secret InBody"}"#,
                "AccessKeySecret contains whitespace",
            ),
            (
                br#"{"AccessKeyId":"a","AccessKeySecret":"SecretInBody","Expiration":"tomorrow"}"#,
                "Expiration is not an RFC 3339",
            ),
        ];
        for (body, expected) in cases {
            let err = parse_document("p", URL, body).unwrap_err();
            let shown = err.to_string();
            assert!(shown.contains(expected), "{shown}");
            assert!(!shown.contains("SecretInBody"), "{shown}");
            assert!(!shown.contains("Secret InBody"), "{shown}");
        }
        // A secret of the wrong type would be quoted by serde_json's own message.
        let err = parse_document(
            "p",
            URL,
            br#"{"AccessKeyId":"a","AccessKeySecret":987654321}"#,
        )
        .unwrap_err();
        assert!(!err.to_string().contains("987654321"), "{err}");
    }

    #[test]
    fn redacts_query_and_user_info() {
        let url = Url::parse("http://user:pw@127.0.0.1:8080/creds?token=abc#frag").unwrap();
        assert_eq!(redact_url(&url), "http://127.0.0.1:8080/creds?<redacted>");
        let plain = Url::parse("http://127.0.0.1:8080/creds").unwrap();
        assert_eq!(redact_url(&plain), "http://127.0.0.1:8080/creds");
    }

    #[test]
    fn excerpt_is_short_and_single_line() {
        let long = "x".repeat(500);
        let excerpt = body_excerpt(long.as_bytes());
        assert_eq!(excerpt.chars().count(), 201);
        assert_eq!(body_excerpt(b" line1\nline2 "), "line1 line2");
    }
}
