//! Credentials served by a local HTTP endpoint named by `ALIBABA_CLOUD_CREDENTIALS_URI`.

use std::fmt;
use std::time::{Duration, SystemTime};

use reqwest::Url;

use crate::credentials::Credentials;
use crate::env::Env;
use crate::error::CredentialsError;
use crate::http::{
    Clock, LazyClient, RefreshingCache, parse_document, redact_url, send, status_error,
    transport_error,
};
use crate::provider::{ProvideCredentials, ProvideCredentialsFuture};

/// Variable holding the credentials URI.
pub const CREDENTIALS_URI_VAR: &str = "ALIBABA_CLOUD_CREDENTIALS_URI";

/// Fetches credentials with `GET` from a URI (step 6 of the official chain), answering
/// JSON `{"AccessKeyId","AccessKeySecret","SecurityToken","Expiration"}` (a `Code`
/// field, if present, must be `Success`).
///
/// The URI is [`with_uri`](Self::with_uri), else `ALIBABA_CLOUD_CREDENTIALS_URI`;
/// neither set is [`CredentialsError::NotConfigured`]. Once set, any failure is an
/// error. Credentials with an `Expiration` are cached and refreshed like
/// [`EcsRamRoleProvider`](crate::EcsRamRoleProvider)'s; without one they are fetched
/// at every call.
///
/// `http` and `https` URIs are both supported (TLS through rustls). The URI's query
/// string and user info, which may hold a secret, are never shown in errors or `Debug`.
pub struct UriProvider {
    env: Env,
    uri: Option<String>,
    http: LazyClient,
    cache: RefreshingCache,
}

impl UriProvider {
    /// Name used in errors and in the chain's list of sources.
    pub const NAME: &'static str = "credentials-uri";

    /// Reads the process environment; default timeouts.
    pub fn new() -> Self {
        UriProvider::with_env(Env::real())
    }

    /// Reads the given environment; default timeouts.
    pub fn with_env(env: Env) -> Self {
        UriProvider {
            env,
            uri: None,
            http: LazyClient::new(Duration::from_secs(5), Duration::from_secs(10)),
            cache: RefreshingCache::new(),
        }
    }

    /// Uses this URI instead of `ALIBABA_CLOUD_CREDENTIALS_URI`.
    pub fn with_uri(mut self, uri: impl Into<String>) -> Self {
        self.uri = Some(uri.into());
        self
    }

    /// Refresh cached credentials once less than this remains before they expire
    /// (default 3 minutes).
    pub fn with_refresh_before(mut self, margin: Duration) -> Self {
        self.cache.refresh_before = margin;
        self
    }

    /// The connect timeout of the built-in client (default 5 s).
    pub fn with_connect_timeout(mut self, timeout: Duration) -> Self {
        self.http.connect_timeout = timeout;
        self
    }

    /// The whole-request timeout of the built-in client (default 10 s).
    pub fn with_timeout(mut self, timeout: Duration) -> Self {
        self.http.timeout = timeout;
        self
    }

    /// Uses this client instead of the built-in one (which ignores proxies), e.g. to
    /// reach the URI through a proxy or with extra root certificates.
    pub fn with_http_client(mut self, client: reqwest::Client) -> Self {
        self.http.custom = Some(client);
        self
    }

    /// Replaces the system clock used to decide when to refresh (for tests).
    pub fn with_clock(mut self, now: impl Fn() -> SystemTime + Send + Sync + 'static) -> Self {
        self.cache.clock = Clock::new(now);
        self
    }

    fn location(&self) -> &'static str {
        if self.uri.is_some() {
            "UriProvider::with_uri"
        } else {
            CREDENTIALS_URI_VAR
        }
    }

    fn configured_uri(&self) -> Option<String> {
        self.uri
            .clone()
            .filter(|u| !u.is_empty())
            .or_else(|| self.env.get(CREDENTIALS_URI_VAR))
    }

    async fn fetch(&self, uri: String) -> Result<Credentials, CredentialsError> {
        // The URL parser's messages do not quote the input.
        let url = Url::parse(uri.trim()).map_err(|e| {
            CredentialsError::invalid_config(self.location(), format!("not a valid URL: {e}"))
        })?;
        let shown = redact_url(&url);
        match url.scheme() {
            "http" | "https" => {}
            other => {
                return Err(CredentialsError::invalid_config(
                    self.location(),
                    format!("scheme {other:?} is not http or https"),
                ));
            }
        }
        let client = self.http.get(Self::NAME, &shown)?;
        let answer = send(client.get(url))
            .await
            .map_err(|e| transport_error(Self::NAME, &shown, e))?;
        if !answer.status.is_success() {
            return Err(status_error(Self::NAME, &shown, &answer));
        }
        parse_document(Self::NAME, &shown, &answer.body)
    }
}

impl Default for UriProvider {
    fn default() -> Self {
        UriProvider::new()
    }
}

impl fmt::Debug for UriProvider {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let uri = self
            .uri
            .as_deref()
            .map(|u| Url::parse(u).map_or_else(|_| "<invalid URL>".to_owned(), |u| redact_url(&u)));
        f.debug_struct("UriProvider")
            .field("uri", &uri)
            .field("refresh_before", &self.cache.refresh_before)
            .field("connect_timeout", &self.http.connect_timeout)
            .field("timeout", &self.http.timeout)
            .field("env", &self.env)
            .field("cache", &self.cache)
            .finish_non_exhaustive()
    }
}

impl ProvideCredentials for UriProvider {
    fn provide_credentials(&self) -> ProvideCredentialsFuture<'_> {
        Box::pin(async move {
            let Some(uri) = self.configured_uri() else {
                return Err(CredentialsError::not_configured(
                    Self::NAME,
                    format!("{CREDENTIALS_URI_VAR} not set"),
                ));
            };
            self.cache
                .get_or_refresh(Self::NAME, || self.fetch(uri))
                .await
        })
    }
}
