//! Alibaba Cloud credentials for the fc3 client: the [`Credentials`] value, the
//! [`ProvideCredentials`] abstraction, one provider per credentials source, and the
//! official default chain ([`default_chain`]).
//!
//! # Design
//!
//! * **A value and a trait.** [`Credentials`] holds an access key id and secret, an
//!   optional STS security token and an optional expiry; it is validated on
//!   construction, cheap to clone, and its `Debug` never shows the secret or the
//!   token. [`ProvideCredentials`] is an object-safe async trait (it returns a boxed
//!   future, no `async-trait`); a client calls it before signing each request and
//!   borrows `access_key_id()`, `access_key_secret()` and `security_token()` as
//!   `&str`. `Credentials` is itself a (static) provider.
//! * **One provider per source**, each usable alone: [`EnvironmentProvider`],
//!   [`CliConfigProvider`] (aliyun CLI `config.json`), [`ProfileFileProvider`]
//!   (`~/.alibabacloud/credentials` INI), [`EcsRamRoleProvider`] (metadata server)
//!   and [`UriProvider`] (`ALIBABA_CLOUD_CREDENTIALS_URI`).
//! * **"Not configured" is not "broken".** A provider with nothing configured answers
//!   [`CredentialsError::NotConfigured`] and [`DefaultChain`] moves on; any other
//!   error (malformed file, unsupported mode, HTTP failure) stops the chain, so a
//!   broken configuration is reported rather than silently passed over. When nothing
//!   is found, [`CredentialsError::NotFound`] lists every source and why it was
//!   skipped.
//! * **Caching.** The file providers read their file once. The HTTP providers cache
//!   temporary credentials and refresh them shortly before expiry (3 minutes by
//!   default); concurrent callers share one refresh. The chain remembers which source
//!   worked.
//! * **Testable without touching the process.** Every provider takes an [`Env`]
//!   (variables and home directory) which tests build from a map; the HTTP providers
//!   take an endpoint or URI and an injectable clock.
//! * **No secret in messages.** Errors name files, variables, fields and URLs (query
//!   strings redacted), never values.
//!
//! # Transport
//!
//! HTTP goes through `reqwest` with rustls and the ring crypto provider (no aws-lc-rs,
//! whose C build would dominate our users' compile times). [`http_client_builder`] is the
//! one place that prepares a `reqwest::ClientBuilder` for that; the fc3 client uses it too.
//!
//! # Example
//!
//! ```
//! use fc3_credentials::{DefaultChain, Env, ProvideCredentials};
//!
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), fc3_credentials::CredentialsError> {
//! // Tests and tools can give the chain its own environment; `default_chain()` reads
//! // the process environment.
//! let env = Env::from_map([
//!     ("ALIBABA_CLOUD_ACCESS_KEY_ID", "LTAI5tExample"),
//!     ("ALIBABA_CLOUD_ACCESS_KEY_SECRET", "example-secret"),
//! ]);
//! let chain = DefaultChain::with_env(env);
//! let creds = chain.provide_credentials().await?;
//! assert_eq!(creds.access_key_id(), "LTAI5tExample");
//! assert_eq!(chain.source_in_use(), Some("environment"));
//! # Ok(())
//! # }
//! ```

mod chain;
mod cli_config;
mod credentials;
mod ecs;
mod env;
mod environment;
mod error;
mod files;
mod http;
mod profile_file;
mod provider;
mod uri;

pub use chain::{
    DefaultChain, OIDC_PROVIDER_ARN_VAR, OIDC_TOKEN_FILE_VAR, ROLE_ARN_VAR, default_chain,
};
pub use cli_config::{CONFIG_FILE_VAR, CliConfigProvider, PROFILE_VAR};
pub use credentials::Credentials;
pub use ecs::{
    DEFAULT_ECS_METADATA_ENDPOINT, ECS_METADATA_DISABLED_VAR, ECS_METADATA_VAR, EcsRamRoleProvider,
    IMDSV1_DISABLED_VAR,
};
pub use env::Env;
pub use environment::{
    ACCESS_KEY_ID_VAR, ACCESS_KEY_SECRET_VAR, EnvironmentProvider, SECURITY_TOKEN_VAR,
};
pub use error::{CredentialsError, SkippedSource};
pub use http::{DEFAULT_REFRESH_BEFORE, http_client_builder};
pub use profile_file::{CREDENTIALS_FILE_VAR, ProfileFileProvider};
pub use provider::{ProvideCredentials, ProvideCredentialsFuture};
pub use uri::{CREDENTIALS_URI_VAR, UriProvider};
