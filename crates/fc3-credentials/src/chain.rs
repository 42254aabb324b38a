//! The official default chain.

use std::sync::Mutex;

use crate::cli_config::CliConfigProvider;
use crate::credentials::Credentials;
use crate::ecs::EcsRamRoleProvider;
use crate::env::Env;
use crate::environment::EnvironmentProvider;
use crate::error::{CredentialsError, SkippedSource};
use crate::profile_file::ProfileFileProvider;
use crate::provider::{ProvideCredentials, ProvideCredentialsFuture};
use crate::uri::UriProvider;

/// Variable of the OIDC role (RRSA) source: the role to assume.
pub const ROLE_ARN_VAR: &str = "ALIBABA_CLOUD_ROLE_ARN";
/// Variable of the OIDC role (RRSA) source: the OIDC provider.
pub const OIDC_PROVIDER_ARN_VAR: &str = "ALIBABA_CLOUD_OIDC_PROVIDER_ARN";
/// Variable of the OIDC role (RRSA) source: the OIDC token file.
pub const OIDC_TOKEN_FILE_VAR: &str = "ALIBABA_CLOUD_OIDC_TOKEN_FILE";

/// The official default credentials chain, in order:
///
/// 1. [`EnvironmentProvider`] (`environment`)
/// 2. OIDC role / RRSA (`oidc-role`): **not supported yet**. It is always skipped;
///    when its variables (`ALIBABA_CLOUD_ROLE_ARN`, `ALIBABA_CLOUD_OIDC_PROVIDER_ARN`,
///    `ALIBABA_CLOUD_OIDC_TOKEN_FILE`) are set, the reason says so and a warning is
///    logged, so that you know why it was skipped.
/// 3. [`CliConfigProvider`] (`cli-config`)
/// 4. [`ProfileFileProvider`] (`profile-file`)
/// 5. [`EcsRamRoleProvider`] (`ecs-ram-role`): 1 s connect timeout, skipped when the
///    metadata server is unreachable, or when `ALIBABA_CLOUD_ECS_METADATA_DISABLED=true`.
/// 6. [`UriProvider`] (`credentials-uri`)
///
/// A source with nothing configured ([`CredentialsError::NotConfigured`]) is skipped.
/// A source that is configured but fails (malformed file, HTTP error, unsupported
/// mode) stops the chain with its error: a broken configuration is never silently
/// passed over. When every source is skipped, the error is
/// [`CredentialsError::NotFound`], listing each source and why it was skipped.
///
/// The source that worked is remembered: later calls go straight to it (the providers
/// cache and refresh their own credentials). Should it later report "not configured",
/// the whole chain is run again.
///
/// ```no_run
/// use fc3_credentials::{ProvideCredentials, default_chain};
///
/// # async fn demo() -> Result<(), fc3_credentials::CredentialsError> {
/// let chain = default_chain();
/// let creds = chain.provide_credentials().await?;
/// println!("using {} from {:?}", creds.access_key_id(), chain.source_in_use());
/// # Ok(())
/// # }
/// ```
#[derive(Debug)]
pub struct DefaultChain {
    environment: EnvironmentProvider,
    oidc: OidcRoleStub,
    cli_config: CliConfigProvider,
    profile_file: ProfileFileProvider,
    ecs: EcsRamRoleProvider,
    uri: UriProvider,
    in_use: Mutex<Option<usize>>,
}

/// The official chain reading the process environment and home directory.
pub fn default_chain() -> DefaultChain {
    DefaultChain::new()
}

impl DefaultChain {
    /// The chain reading the process environment and home directory.
    pub fn new() -> Self {
        DefaultChain::with_env(Env::real())
    }

    /// The chain reading the given environment (variables and home directory).
    pub fn with_env(env: Env) -> Self {
        DefaultChain {
            environment: EnvironmentProvider::with_env(env.clone()),
            oidc: OidcRoleStub { env: env.clone() },
            cli_config: CliConfigProvider::with_env(env.clone()),
            profile_file: ProfileFileProvider::with_env(env.clone()),
            ecs: EcsRamRoleProvider::with_env(env.clone()),
            uri: UriProvider::with_env(env),
            in_use: Mutex::new(None),
        }
    }

    /// Replaces the ECS step, e.g. to change its endpoint, role or timeouts.
    pub fn with_ecs_provider(mut self, ecs: EcsRamRoleProvider) -> Self {
        self.ecs = ecs;
        self
    }

    /// Replaces the credentials URI step, e.g. to pass a TLS-capable client.
    pub fn with_uri_provider(mut self, uri: UriProvider) -> Self {
        self.uri = uri;
        self
    }

    /// The names of the sources, in the order they are tried.
    pub fn source_names(&self) -> [&'static str; 6] {
        self.steps().map(|(name, _)| name)
    }

    /// The name of the source that last provided credentials, if any.
    pub fn source_in_use(&self) -> Option<&'static str> {
        let index = (*self.in_use.lock().unwrap_or_else(|e| e.into_inner()))?;
        Some(self.steps()[index].0)
    }

    fn steps(&self) -> [(&'static str, &dyn ProvideCredentials); 6] {
        [
            (EnvironmentProvider::NAME, &self.environment),
            (OidcRoleStub::NAME, &self.oidc),
            (CliConfigProvider::NAME, &self.cli_config),
            (ProfileFileProvider::NAME, &self.profile_file),
            (EcsRamRoleProvider::NAME, &self.ecs),
            (UriProvider::NAME, &self.uri),
        ]
    }

    fn set_in_use(&self, index: Option<usize>) {
        *self.in_use.lock().unwrap_or_else(|e| e.into_inner()) = index;
    }

    async fn resolve(&self) -> Result<Credentials, CredentialsError> {
        let steps = self.steps();
        let remembered = *self.in_use.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(index) = remembered {
            match steps[index].1.provide_credentials().await {
                Err(err) if err.is_not_configured() => {
                    tracing::debug!(source = steps[index].0, error = %err, "credentials source no longer configured; running the chain again");
                    self.set_in_use(None);
                }
                other => return other,
            }
        }
        let mut tried = Vec::with_capacity(steps.len());
        for (index, (name, provider)) in steps.iter().enumerate() {
            match provider.provide_credentials().await {
                Ok(creds) => {
                    tracing::debug!(source = name, "using Alibaba Cloud credentials");
                    self.set_in_use(Some(index));
                    return Ok(creds);
                }
                Err(CredentialsError::NotConfigured { reason, .. }) => {
                    tracing::trace!(source = name, reason, "credentials source skipped");
                    tried.push(SkippedSource::new(name, reason));
                }
                Err(err) => return Err(err),
            }
        }
        Err(CredentialsError::NotFound { tried })
    }
}

impl Default for DefaultChain {
    fn default() -> Self {
        DefaultChain::new()
    }
}

impl ProvideCredentials for DefaultChain {
    fn provide_credentials(&self) -> ProvideCredentialsFuture<'_> {
        Box::pin(self.resolve())
    }
}

/// Step 2 of the official chain, not implemented yet: always "not configured", with
/// a reason that says so when its variables are set.
#[derive(Debug)]
struct OidcRoleStub {
    env: Env,
}

impl OidcRoleStub {
    const NAME: &'static str = "oidc-role";
    const VARS: [&'static str; 3] = [ROLE_ARN_VAR, OIDC_PROVIDER_ARN_VAR, OIDC_TOKEN_FILE_VAR];
}

impl ProvideCredentials for OidcRoleStub {
    fn provide_credentials(&self) -> ProvideCredentialsFuture<'_> {
        let set: Vec<&str> = Self::VARS
            .into_iter()
            .filter(|var| self.env.get(var).is_some())
            .collect();
        let reason = if set.is_empty() {
            format!("{ROLE_ARN_VAR}, {OIDC_PROVIDER_ARN_VAR} and {OIDC_TOKEN_FILE_VAR} not set")
        } else {
            let reason = format!(
                "OIDC role (RRSA) credentials are not supported yet ({} set); skipped",
                set.join(", ")
            );
            tracing::warn!("{reason}");
            reason
        };
        Box::pin(async move { Err(CredentialsError::not_configured(Self::NAME, reason)) })
    }
}
