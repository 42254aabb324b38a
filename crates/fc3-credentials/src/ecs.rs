//! Credentials of the RAM role attached to an ECS instance, from the metadata server.

use std::fmt;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, SystemTime};

use reqwest::{RequestBuilder, Url};

use crate::credentials::Credentials;
use crate::env::Env;
use crate::error::CredentialsError;
use crate::http::{
    Clock, LazyClient, RefreshingCache, parse_document, redact_url, send, status_error,
    transport_error,
};
use crate::provider::{ProvideCredentials, ProvideCredentialsFuture};

/// Variable naming the RAM role (skips role discovery).
pub const ECS_METADATA_VAR: &str = "ALIBABA_CLOUD_ECS_METADATA";
/// Variable that, set to `true`, disables the ECS RAM role provider.
pub const ECS_METADATA_DISABLED_VAR: &str = "ALIBABA_CLOUD_ECS_METADATA_DISABLED";
/// Variable that, set to `true`, forbids falling back to IMDSv1 (requests without a
/// metadata token) when no token can be had.
pub const IMDSV1_DISABLED_VAR: &str = "ALIBABA_CLOUD_IMDSV1_DISABLED";
/// The metadata server of every ECS instance.
pub const DEFAULT_ECS_METADATA_ENDPOINT: &str = "http://100.100.100.200";

const TOKEN_TTL_HEADER: &str = "X-aliyun-ecs-metadata-token-ttl-seconds";
const TOKEN_HEADER: &str = "X-aliyun-ecs-metadata-token";

/// Fetches the temporary credentials of the instance's RAM role from the ECS metadata
/// server (step 5 of the official chain).
///
/// 1. `PUT /latest/api/token` with `X-aliyun-ecs-metadata-token-ttl-seconds` (IMDSv2).
///    When the server refuses (an HTTP error status), the next requests go without a
///    token (IMDSv1), unless `ALIBABA_CLOUD_IMDSV1_DISABLED=true`.
/// 2. The role: [`with_role_name`](Self::with_role_name), else
///    `ALIBABA_CLOUD_ECS_METADATA`, else the first line of
///    `GET /latest/meta-data/ram/security-credentials/`.
/// 3. `GET /latest/meta-data/ram/security-credentials/{role}` with
///    `X-aliyun-ecs-metadata-token`, answering
///    `{"Code":"Success","AccessKeyId","AccessKeySecret","SecurityToken","Expiration"}`.
///
/// The credentials are cached and refreshed once less than
/// [`with_refresh_before`](Self::with_refresh_before) (3 minutes by default) remain;
/// concurrent callers share one refresh. If a refresh fails while the cached
/// credentials are still valid, those are returned and a warning is logged.
///
/// **Not hanging a laptop.** The connect timeout is 1 s (whole request: 5 s). While no
/// role name is configured and the server has never answered, a connection failure
/// (refused, unreachable, connect timeout) is [`CredentialsError::NotConfigured`]:
/// outside ECS, the chain moves on after at most about a second. The same goes for an
/// instance with no role attached (404 on the role list).
/// `ALIBABA_CLOUD_ECS_METADATA_DISABLED=true` skips this provider without any request.
pub struct EcsRamRoleProvider {
    env: Env,
    endpoint: String,
    role_name: Option<String>,
    token_ttl: Duration,
    http: LazyClient,
    cache: RefreshingCache,
    reached: AtomicBool,
}

impl EcsRamRoleProvider {
    /// Name used in errors and in the chain's list of sources.
    pub const NAME: &'static str = "ecs-ram-role";

    /// Reads the process environment; default endpoint and timeouts.
    pub fn new() -> Self {
        EcsRamRoleProvider::with_env(Env::real())
    }

    /// Reads the given environment; default endpoint and timeouts.
    pub fn with_env(env: Env) -> Self {
        EcsRamRoleProvider {
            env,
            endpoint: DEFAULT_ECS_METADATA_ENDPOINT.to_owned(),
            role_name: None,
            token_ttl: Duration::from_secs(21_600),
            http: LazyClient::new(Duration::from_secs(1), Duration::from_secs(5)),
            cache: RefreshingCache::new(),
            reached: AtomicBool::new(false),
        }
    }

    /// The metadata server's base URL (default [`DEFAULT_ECS_METADATA_ENDPOINT`]).
    pub fn with_endpoint(mut self, endpoint: impl Into<String>) -> Self {
        self.endpoint = endpoint.into().trim_end_matches('/').to_owned();
        self
    }

    /// The RAM role name; overrides `ALIBABA_CLOUD_ECS_METADATA` and skips discovery.
    pub fn with_role_name(mut self, role_name: impl Into<String>) -> Self {
        self.role_name = Some(role_name.into());
        self
    }

    /// Refresh cached credentials once less than this remains before they expire
    /// (default 3 minutes).
    pub fn with_refresh_before(mut self, margin: Duration) -> Self {
        self.cache.refresh_before = margin;
        self
    }

    /// The connect timeout of the built-in client (default 1 s).
    pub fn with_connect_timeout(mut self, timeout: Duration) -> Self {
        self.http.connect_timeout = timeout;
        self
    }

    /// The whole-request timeout of the built-in client (default 5 s).
    pub fn with_timeout(mut self, timeout: Duration) -> Self {
        self.http.timeout = timeout;
        self
    }

    /// The lifetime asked for the IMDSv2 metadata token (default 6 hours).
    pub fn with_metadata_token_ttl(mut self, ttl: Duration) -> Self {
        self.token_ttl = ttl;
        self
    }

    /// Uses this client instead of the built-in one (whose timeouts then do not
    /// apply). A client with a proxy would not reach the metadata server.
    pub fn with_http_client(mut self, client: reqwest::Client) -> Self {
        self.http.custom = Some(client);
        self
    }

    /// Replaces the system clock used to decide when to refresh (for tests).
    pub fn with_clock(mut self, now: impl Fn() -> SystemTime + Send + Sync + 'static) -> Self {
        self.cache.clock = Clock::new(now);
        self
    }

    fn url(&self, path: &str) -> Result<Url, CredentialsError> {
        Url::parse(&format!("{}{path}", self.endpoint)).map_err(|e| {
            CredentialsError::invalid_config(
                "ECS metadata endpoint",
                format!("{:?} does not make a valid URL: {e}", self.endpoint),
            )
        })
    }

    async fn fetch(&self) -> Result<Credentials, CredentialsError> {
        let configured_role = self
            .role_name
            .clone()
            .filter(|r| !r.is_empty())
            .or_else(|| self.env.get(ECS_METADATA_VAR));

        // 1. IMDSv2 token.
        let token_url = self.url("/latest/api/token")?;
        let shown = redact_url(&token_url);
        let client = self.http.get(Self::NAME, &shown)?;
        let request = client.put(token_url).header(
            TOKEN_TTL_HEADER,
            self.token_ttl.as_secs().max(1).to_string(),
        );
        let token = match send(request).await {
            Ok(answer) => {
                self.reached.store(true, Ordering::Relaxed);
                if answer.status.is_success() {
                    let token = String::from_utf8_lossy(&answer.body).trim().to_owned();
                    Some(token).filter(|t| !t.is_empty())
                } else if self.env.is_true(IMDSV1_DISABLED_VAR) {
                    return Err(status_error(Self::NAME, &shown, &answer));
                } else {
                    tracing::debug!(
                        status = answer.status.as_u16(),
                        "no ECS metadata token; falling back to IMDSv1"
                    );
                    None
                }
            }
            Err(err)
                if err.is_connect()
                    && configured_role.is_none()
                    && !self.reached.load(Ordering::Relaxed) =>
            {
                let cause = if err.is_timeout() && self.http.custom.is_none() {
                    format!("no connection within {:?}", self.http.connect_timeout)
                } else {
                    root_cause(&err)
                };
                return Err(CredentialsError::not_configured(
                    Self::NAME,
                    format!("metadata server {} unreachable: {cause}", self.endpoint),
                ));
            }
            Err(err) => return Err(transport_error(Self::NAME, &shown, err)),
        };
        let with_token = |request: RequestBuilder| match &token {
            Some(token) => request.header(TOKEN_HEADER, token),
            None => request,
        };

        // 2. Role name.
        let role = match configured_role {
            Some(role) => role,
            None => {
                let url = self.url("/latest/meta-data/ram/security-credentials/")?;
                let shown = redact_url(&url);
                let answer = send(with_token(client.get(url)))
                    .await
                    .map_err(|e| transport_error(Self::NAME, &shown, e))?;
                if answer.status == reqwest::StatusCode::NOT_FOUND {
                    return Err(CredentialsError::not_configured(
                        Self::NAME,
                        format!("no RAM role attached to this instance (HTTP 404 from {shown})"),
                    ));
                }
                if !answer.status.is_success() {
                    return Err(status_error(Self::NAME, &shown, &answer));
                }
                let list = String::from_utf8_lossy(&answer.body);
                match list.lines().map(str::trim).find(|l| !l.is_empty()) {
                    Some(role) => role.to_owned(),
                    None => {
                        return Err(CredentialsError::not_configured(
                            Self::NAME,
                            format!(
                                "no RAM role attached to this instance (empty list from {shown})"
                            ),
                        ));
                    }
                }
            }
        };

        // 3. The role's credentials.
        let mut url = self.url("/latest/meta-data/ram/security-credentials/")?;
        url.path_segments_mut()
            .map_err(|()| {
                CredentialsError::invalid_config("ECS metadata endpoint", "not a base URL")
            })?
            .pop_if_empty()
            .push(&role);
        let shown = redact_url(&url);
        let answer = send(with_token(client.get(url)))
            .await
            .map_err(|e| transport_error(Self::NAME, &shown, e))?;
        if !answer.status.is_success() {
            return Err(status_error(Self::NAME, &shown, &answer));
        }
        parse_document(Self::NAME, &shown, &answer.body)
    }
}

/// The innermost cause of an error, e.g. "Connection refused (os error 111)".
pub(crate) fn root_cause(err: &(dyn std::error::Error + 'static)) -> String {
    let mut current = err;
    while let Some(next) = current.source() {
        current = next;
    }
    current.to_string()
}

impl Default for EcsRamRoleProvider {
    fn default() -> Self {
        EcsRamRoleProvider::new()
    }
}

impl fmt::Debug for EcsRamRoleProvider {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("EcsRamRoleProvider")
            .field("endpoint", &self.endpoint)
            .field("role_name", &self.role_name)
            .field("refresh_before", &self.cache.refresh_before)
            .field("connect_timeout", &self.http.connect_timeout)
            .field("timeout", &self.http.timeout)
            .field("env", &self.env)
            .field("cache", &self.cache)
            .finish_non_exhaustive()
    }
}

impl ProvideCredentials for EcsRamRoleProvider {
    fn provide_credentials(&self) -> ProvideCredentialsFuture<'_> {
        Box::pin(async move {
            if self.env.is_true(ECS_METADATA_DISABLED_VAR) {
                return Err(CredentialsError::not_configured(
                    Self::NAME,
                    format!("disabled by {ECS_METADATA_DISABLED_VAR}=true"),
                ));
            }
            self.cache.get_or_refresh(Self::NAME, || self.fetch()).await
        })
    }
}
