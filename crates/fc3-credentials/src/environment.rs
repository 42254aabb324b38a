//! Credentials from environment variables.

use crate::credentials::Credentials;
use crate::env::Env;
use crate::error::CredentialsError;
use crate::provider::{ProvideCredentials, ProvideCredentialsFuture};

/// Variable holding the access key id.
pub const ACCESS_KEY_ID_VAR: &str = "ALIBABA_CLOUD_ACCESS_KEY_ID";
/// Variable holding the access key secret.
pub const ACCESS_KEY_SECRET_VAR: &str = "ALIBABA_CLOUD_ACCESS_KEY_SECRET";
/// Variable holding the optional STS security token.
pub const SECURITY_TOKEN_VAR: &str = "ALIBABA_CLOUD_SECURITY_TOKEN";

/// Reads `ALIBABA_CLOUD_ACCESS_KEY_ID`, `ALIBABA_CLOUD_ACCESS_KEY_SECRET` and the
/// optional `ALIBABA_CLOUD_SECURITY_TOKEN` (step 1 of the official chain).
///
/// Variables are read at each call (cheap). None of the three set (or all empty):
/// [`CredentialsError::NotConfigured`]. Some set but not the id or the secret:
/// [`CredentialsError::InvalidConfig`] naming the missing variable.
#[derive(Debug, Clone, Default)]
pub struct EnvironmentProvider {
    env: Env,
}

impl EnvironmentProvider {
    /// Name used in errors and in the chain's list of sources.
    pub const NAME: &'static str = "environment";

    /// Reads the process environment.
    pub fn new() -> Self {
        EnvironmentProvider::with_env(Env::real())
    }

    /// Reads the given environment.
    pub fn with_env(env: Env) -> Self {
        EnvironmentProvider { env }
    }

    /// The lookup done by [`ProvideCredentials::provide_credentials`], synchronously.
    pub fn credentials(&self) -> Result<Credentials, CredentialsError> {
        let id = self.env.get(ACCESS_KEY_ID_VAR);
        let secret = self.env.get(ACCESS_KEY_SECRET_VAR);
        let token = self.env.get(SECURITY_TOKEN_VAR);
        let (id, secret) = match (id, secret) {
            (Some(id), Some(secret)) => (id, secret),
            (None, None) if token.is_none() => {
                return Err(CredentialsError::not_configured(
                    Self::NAME,
                    format!("{ACCESS_KEY_ID_VAR} and {ACCESS_KEY_SECRET_VAR} not set"),
                ));
            }
            (id, _) => {
                let missing = if id.is_none() {
                    ACCESS_KEY_ID_VAR
                } else {
                    ACCESS_KEY_SECRET_VAR
                };
                return Err(CredentialsError::invalid_config(
                    "environment",
                    format!(
                        "{missing} is not set but other ALIBABA_CLOUD_* credentials variables are"
                    ),
                ));
            }
        };
        let mut creds = Credentials::new(id, secret).map_err(env_located)?;
        if let Some(token) = token {
            creds = creds.with_security_token(token).map_err(env_located)?;
        }
        Ok(creds)
    }
}

/// Names the variable at fault in a validation error.
fn env_located(err: CredentialsError) -> CredentialsError {
    match err {
        CredentialsError::InvalidCredentials { field, problem } => {
            let var = match field {
                "access_key_id" => ACCESS_KEY_ID_VAR,
                "access_key_secret" => ACCESS_KEY_SECRET_VAR,
                _ => SECURITY_TOKEN_VAR,
            };
            CredentialsError::invalid_config(var, format!("value {problem}"))
        }
        other => other,
    }
}

impl ProvideCredentials for EnvironmentProvider {
    fn provide_credentials(&self) -> ProvideCredentialsFuture<'_> {
        let result = self.credentials();
        Box::pin(async move { result })
    }
}
