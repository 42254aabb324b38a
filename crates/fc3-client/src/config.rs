//! Building a client: endpoint, credentials, timeouts, retries, user agent.

use std::fmt;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use fc3_credentials::{Credentials, ProvideCredentials};
use reqwest::header::{HeaderName, HeaderValue};

use crate::{Endpoint, Error, RetryPolicy};

/// The environment variable naming the region for [`Client::from_env`].
pub const REGION_VAR: &str = "ALIBABA_CLOUD_REGION_ID";
/// The environment variable naming an explicit endpoint for [`Client::from_env`]; it wins over
/// the region.
pub const ENDPOINT_VAR: &str = "FC3_ENDPOINT";

/// Time limits of a client. Per-call overrides exist on every operation builder. Start from
/// `Timeouts::default()` and change what you need with the `with_*` methods.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Timeouts {
    /// Establishing a connection. Default 10 s.
    pub connect: Duration,
    /// One try of a control-plane request or an asynchronous invocation. Default 30 s.
    pub attempt: Duration,
    /// A whole control-plane operation or asynchronous invocation, retries included.
    /// Default 2 min.
    pub operation: Duration,
    /// A synchronous invocation, which waits for the function to finish. Default 86 430 s:
    /// FC lets a function run for up to 86 400 s (24 h) and ends it there itself, so the
    /// client waits that long plus 30 s rather than cutting a long function short (the
    /// official Python SDK's 10 s read timeout is the most common complaint about it). Set a
    /// shorter one per call with [`InvokeFunction::timeout`](crate::InvokeFunction::timeout)
    /// when you know your function's limit.
    pub sync_invoke: Duration,
}

impl Timeouts {
    /// With this connection limit.
    #[must_use]
    pub fn with_connect(mut self, limit: Duration) -> Self {
        self.connect = limit;
        self
    }

    /// With this limit on one try of a control-plane request or an asynchronous invocation.
    #[must_use]
    pub fn with_attempt(mut self, limit: Duration) -> Self {
        self.attempt = limit;
        self
    }

    /// With this limit on a whole control-plane operation or asynchronous invocation.
    #[must_use]
    pub fn with_operation(mut self, limit: Duration) -> Self {
        self.operation = limit;
        self
    }

    /// With this limit on a synchronous invocation.
    #[must_use]
    pub fn with_sync_invoke(mut self, limit: Duration) -> Self {
        self.sync_invoke = limit;
        self
    }
}

impl Default for Timeouts {
    fn default() -> Self {
        Timeouts {
            connect: Duration::from_secs(10),
            attempt: Duration::from_secs(30),
            operation: Duration::from_secs(120),
            sync_invoke: Duration::from_secs(86_400 + 30),
        }
    }
}

/// The environment variables reqwest reads its proxies from.
const PROXY_VARIABLES: [&str; 6] = [
    "ALL_PROXY",
    "all_proxy",
    "HTTPS_PROXY",
    "https_proxy",
    "HTTP_PROXY",
    "http_proxy",
];

/// A client for Function Compute 3.0. Cheap to clone: clones share one connection pool and
/// one set of settings, and every operation builder owns one, so builders (and their
/// paginators) can be stored, moved and spawned.
#[derive(Clone)]
pub struct Client {
    pub(crate) shared: Arc<Shared>,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("endpoint", &self.shared.endpoint)
            .field("credentials", &self.shared.credentials)
            .field("retry", &self.shared.retry)
            .field("timeouts", &self.shared.timeouts)
            .finish_non_exhaustive()
    }
}

pub(crate) struct Shared {
    pub(crate) endpoint: Endpoint,
    pub(crate) credentials: Arc<dyn ProvideCredentials>,
    /// The credentials when they are a fixed [`Credentials`] value, which answers with
    /// itself: taken as they are, without a provider's boxed future per attempt.
    pub(crate) fixed_credentials: Option<Credentials>,
    pub(crate) retry: RetryPolicy,
    pub(crate) timeouts: Timeouts,
    pub(crate) http: reqwest::Client,
    /// The `host` header every request signs, from the endpoint.
    pub(crate) host: HeaderValue,
    /// Answers every signed request in place of the network, when set.
    #[cfg(feature = "test-util")]
    pub(crate) mock: Option<crate::mock::Mock>,
}

/// What progenitor's generated client carries for the transport hook: the shared settings
/// and the attempt in progress. Not public: the generated client is an implementation detail.
#[derive(Clone)]
pub struct RuntimeState {
    pub(crate) shared: Arc<Shared>,
    pub(crate) call: Arc<CallState>,
}

/// One attempt: its credentials, its FC action, its number, the caller's extra headers, and
/// where the transport hook leaves the typed error it stopped the attempt with.
pub(crate) struct CallState {
    pub(crate) credentials: Credentials,
    pub(crate) action: &'static str,
    pub(crate) attempt: u32,
    pub(crate) extra_headers: Arc<[(HeaderName, HeaderValue)]>,
    pub(crate) stopped: Mutex<Option<Error>>,
    /// The mock's answer to this attempt, from the hook that signs it to the one that sends it.
    #[cfg(feature = "test-util")]
    pub(crate) mock_answer: Mutex<Option<crate::mock::Arrival>>,
}

impl fmt::Debug for RuntimeState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RuntimeState")
            .field("endpoint", &self.shared.endpoint)
            .field("action", &self.call.action)
            .field("attempt", &self.call.attempt)
            .finish_non_exhaustive()
    }
}

impl Client {
    /// progenitor's client for one attempt.
    pub(crate) fn raw(&self, call: Arc<CallState>) -> crate::generated::Client {
        crate::generated::Client::new_with_client(
            self.shared.endpoint.as_str(),
            self.shared.http.clone(),
            RuntimeState {
                shared: Arc::clone(&self.shared),
                call,
            },
        )
    }
}

/// Builds a [`Client`]; start with [`Client::builder`].
#[must_use]
pub struct ClientBuilder {
    endpoint: Option<Result<Endpoint, Error>>,
    region: Option<String>,
    account_id: Option<String>,
    internal: bool,
    credentials: Option<Arc<dyn ProvideCredentials>>,
    fixed_credentials: Option<Credentials>,
    retry: RetryPolicy,
    timeouts: Timeouts,
    user_agent_suffix: Option<String>,
    #[cfg(feature = "test-util")]
    mock: Option<crate::mock::Mock>,
}

impl fmt::Debug for ClientBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("endpoint", &self.endpoint)
            .field("region", &self.region)
            .field("account_id", &self.account_id)
            .field("internal", &self.internal)
            .field("credentials", &self.credentials)
            .field("retry", &self.retry)
            .field("timeouts", &self.timeouts)
            .field("user_agent_suffix", &self.user_agent_suffix)
            .finish_non_exhaustive()
    }
}

impl Client {
    /// A builder for a client: set a region or an endpoint, and usually credentials.
    pub fn builder() -> ClientBuilder {
        ClientBuilder {
            endpoint: None,
            region: None,
            account_id: None,
            internal: false,
            credentials: None,
            fixed_credentials: None,
            retry: RetryPolicy::default(),
            timeouts: Timeouts::default(),
            user_agent_suffix: None,
            #[cfg(feature = "test-util")]
            mock: None,
        }
    }

    /// A client configured from the environment: the endpoint from `FC3_ENDPOINT`, or the
    /// region from `ALIBABA_CLOUD_REGION_ID`; credentials from the default chain
    /// (environment, aliyun CLI config, credentials file, ECS RAM role, credentials URI).
    ///
    /// # Errors
    /// [`Error::Config`] when neither variable is set or a value is invalid.
    pub fn from_env() -> Result<Client, Error> {
        Client::builder_from_vars(|name| std::env::var(name).ok())?.build()
    }

    /// The builder [`Client::from_env`] uses, reading variables through `var`.
    fn builder_from_vars(var: impl Fn(&str) -> Option<String>) -> Result<ClientBuilder, Error> {
        let var = |name: &str| var(name).filter(|v| !v.trim().is_empty());
        match (var(ENDPOINT_VAR), var(REGION_VAR)) {
            (Some(endpoint), _) => Ok(Client::builder().endpoint(&endpoint)),
            (None, Some(region)) => Ok(Client::builder().region(&region)),
            (None, None) => Err(Error::Config(format!(
                "set {REGION_VAR} (e.g. cn-hangzhou) or {ENDPOINT_VAR} (e.g. http://127.0.0.1:9000)"
            ))),
        }
    }

    /// The endpoint requests go to.
    pub fn endpoint(&self) -> &Endpoint {
        &self.shared.endpoint
    }
}

impl ClientBuilder {
    /// Send requests to a region's FC endpoint, e.g. `cn-hangzhou`.
    pub fn region(mut self, region: &str) -> Self {
        self.region = Some(region.to_string());
        self
    }

    /// Send requests to the account's own endpoint in the region
    /// (`{accountId}.{region}.fc.aliyuncs.com`) rather than the regional one.
    pub fn account_id(mut self, account_id: &str) -> Self {
        self.account_id = Some(account_id.to_string());
        self
    }

    /// Send requests to the account's endpoint inside the region's VPC
    /// (`{accountId}.{region}-internal.fc.aliyuncs.com`, for callers in that VPC); needs
    /// [`account_id`](Self::account_id).
    pub fn internal(mut self, internal: bool) -> Self {
        self.internal = internal;
        self
    }

    /// Send requests to an explicit endpoint, e.g. `http://127.0.0.1:9000` for a local
    /// emulator; wins over a region.
    pub fn endpoint(mut self, url: &str) -> Self {
        self.endpoint = Some(Endpoint::url(url));
        self
    }

    /// Where credentials come from: a [`Credentials`] value or any provider. Without this,
    /// the default chain is used.
    pub fn credentials(mut self, provider: impl ProvideCredentials + 'static) -> Self {
        self.fixed_credentials = (&provider as &dyn std::any::Any)
            .downcast_ref::<Credentials>()
            .cloned();
        self.credentials = Some(Arc::new(provider));
        self
    }

    /// How failed requests are retried.
    pub fn retry_policy(mut self, policy: RetryPolicy) -> Self {
        self.retry = policy;
        self
    }

    /// All time limits at once.
    pub fn timeouts(mut self, timeouts: Timeouts) -> Self {
        self.timeouts = timeouts;
        self
    }

    /// Text appended to the `user-agent` header, e.g. `my-app/1.2`.
    pub fn user_agent_suffix(mut self, suffix: impl Into<String>) -> Self {
        self.user_agent_suffix = Some(suffix.into());
        self
    }

    /// Answer every request with `mock` instead of sending it (feature `test-util`): each
    /// attempt is still checked, signed, timed, retried and read as for real; only the network
    /// is replaced. See [`mock`](crate::mock).
    #[cfg(feature = "test-util")]
    pub fn mock(mut self, mock: crate::mock::Mock) -> Self {
        self.mock = Some(mock);
        self
    }

    /// Builds the client.
    ///
    /// # Errors
    /// [`Error::Config`] when no region or endpoint was set, either is invalid, or the user
    /// agent suffix is not a valid header value.
    pub fn build(self) -> Result<Client, Error> {
        let endpoint = match (self.endpoint, &self.region, &self.account_id) {
            (Some(endpoint), _, _) => endpoint?,
            (None, Some(region), Some(account)) => {
                Endpoint::for_account(account, region, self.internal)?
            }
            (None, Some(_), None) if self.internal => {
                return Err(Error::Config(
                    "internal(true) needs account_id: the VPC endpoint is the account's".into(),
                ));
            }
            (None, Some(region), None) => Endpoint::for_region(region)?,
            (None, None, _) => {
                return Err(Error::Config(
                    "set a region (e.g. cn-hangzhou) or an endpoint URL".to_string(),
                ));
            }
        };
        let mut user_agent = format!("fc3-rust/{}", env!("CARGO_PKG_VERSION"));
        if let Some(suffix) = &self.user_agent_suffix {
            user_agent.push(' ');
            user_agent.push_str(suffix);
        }
        let user_agent = HeaderValue::from_str(&user_agent).map_err(|_| {
            Error::Config(format!(
                "user agent suffix {:?} is not a valid header value",
                self.user_agent_suffix.unwrap_or_default()
            ))
        })?;
        let mut http = fc3_credentials::http_client_builder()
            .connect_timeout(self.timeouts.connect)
            .user_agent(user_agent);
        // reqwest takes its proxies from these variables when the client is built (fc3 builds it
        // without the system-proxy feature); with none set nothing is proxied, and saying so
        // spares it a proxy lookup on every request.
        if PROXY_VARIABLES
            .iter()
            .all(|name| std::env::var_os(name).is_none_or(|v| v.is_empty()))
        {
            http = http.no_proxy();
        }
        let http = http
            .build()
            .map_err(|e| Error::Config(format!("building the HTTP client: {e}")))?;
        let credentials = match self.credentials {
            Some(provider) => provider,
            None => Arc::new(fc3_credentials::default_chain()),
        };
        // What the URL parser (and so the request line) keeps of the endpoint: a default port
        // is dropped.
        let url = reqwest::Url::parse(endpoint.as_str())
            .map_err(|e| Error::Config(format!("endpoint {}: {e}", endpoint.as_str())))?;
        let host = match (url.host_str(), url.port()) {
            (Some(host), Some(port)) => format!("{host}:{port}"),
            (Some(host), None) => host.to_string(),
            (None, _) => String::new(),
        };
        let host = HeaderValue::try_from(host).map_err(|_| {
            Error::Config(format!("endpoint {}: not a valid host", endpoint.as_str()))
        })?;
        Ok(Client {
            shared: Arc::new(Shared {
                endpoint,
                credentials,
                fixed_credentials: self.fixed_credentials,
                retry: self.retry,
                timeouts: self.timeouts,
                http,
                host,
                #[cfg(feature = "test-util")]
                mock: self.mock,
            }),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn endpoint_from(vars: &[(&str, &str)]) -> Result<String, String> {
        let builder = Client::builder_from_vars(|name| {
            vars.iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| v.to_string())
        })
        .map_err(|e| e.to_string())?;
        let client = builder
            .credentials(Credentials::new("id", "secret").unwrap())
            .build()
            .map_err(|e| e.to_string())?;
        Ok(client.endpoint().to_string())
    }

    #[test]
    fn from_env_takes_the_endpoint_then_the_region() {
        assert_eq!(
            endpoint_from(&[(REGION_VAR, "cn-shanghai")]).unwrap(),
            "https://fcv3.cn-shanghai.aliyuncs.com"
        );
        assert_eq!(
            endpoint_from(&[
                (REGION_VAR, "cn-shanghai"),
                (ENDPOINT_VAR, "http://127.0.0.1:9000")
            ])
            .unwrap(),
            "http://127.0.0.1:9000"
        );
        let err = endpoint_from(&[(REGION_VAR, "  ")]).unwrap_err();
        assert!(
            err.contains(REGION_VAR) && err.contains(ENDPOINT_VAR),
            "{err}"
        );
        let err = endpoint_from(&[(ENDPOINT_VAR, "ftp://x")]).unwrap_err();
        assert!(err.contains("scheme"), "{err}");
    }
}
