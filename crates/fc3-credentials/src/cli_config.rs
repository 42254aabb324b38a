//! Credentials from the aliyun CLI's `config.json`.

use std::path::PathBuf;
use std::sync::OnceLock;

use serde::Deserialize;

use crate::credentials::Credentials;
use crate::env::Env;
use crate::error::CredentialsError;
use crate::files::{FileRead, json_error_position, read_config_file};
use crate::provider::{ProvideCredentials, ProvideCredentialsFuture};

/// Variable overriding the path of the aliyun CLI configuration file.
pub const CONFIG_FILE_VAR: &str = "ALIBABA_CLOUD_CONFIG_FILE";
/// Variable selecting the profile (shared with [`ProfileFileProvider`](crate::ProfileFileProvider)).
pub const PROFILE_VAR: &str = "ALIBABA_CLOUD_PROFILE";

/// Reads a profile of the aliyun CLI's configuration file (step 3 of the official
/// chain).
///
/// * File: `ALIBABA_CLOUD_CONFIG_FILE`, else `~/.aliyun/config.json`.
/// * Profile: `ALIBABA_CLOUD_PROFILE`, else the file's `current`, else `default`.
/// * Modes: `AK` (`access_key_id`, `access_key_secret`) and `StsToken` (the same plus
///   `sts_token`). Any other mode (`RamRoleArn`, `EcsRamRole`, `OIDC`, ...) is
///   [`CredentialsError::Unsupported`]: `unsupported mode X in profile Y of FILE`.
///
/// Not configured (the chain moves on): no home directory, the default file does not
/// exist, the file has no profiles, or the profile named by `ALIBABA_CLOUD_PROFILE`
/// is not in it (that variable also selects the INI file's section, so the profile
/// may legitimately live there). Errors (the chain stops): the file named by
/// `ALIBABA_CLOUD_CONFIG_FILE` does not exist, the file is not valid JSON, the
/// profile named by `current` is missing, a key is missing or malformed.
///
/// The file is read on the first successful call only; the credentials are then kept
/// for the provider's lifetime.
#[derive(Debug, Default)]
pub struct CliConfigProvider {
    env: Env,
    cached: OnceLock<Credentials>,
}

#[derive(Deserialize)]
struct CliConfig {
    #[serde(default)]
    current: Option<String>,
    #[serde(default)]
    profiles: Vec<CliProfile>,
}

#[derive(Deserialize)]
struct CliProfile {
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    mode: Option<String>,
    #[serde(default)]
    access_key_id: Option<String>,
    #[serde(default)]
    access_key_secret: Option<String>,
    #[serde(default)]
    sts_token: Option<String>,
}

impl CliConfigProvider {
    /// Name used in errors and in the chain's list of sources.
    pub const NAME: &'static str = "cli-config";

    /// Reads the process environment and home directory.
    pub fn new() -> Self {
        CliConfigProvider::with_env(Env::real())
    }

    /// Reads the given environment (variables and home directory).
    pub fn with_env(env: Env) -> Self {
        CliConfigProvider {
            env,
            cached: OnceLock::new(),
        }
    }

    /// The path that would be read, and whether it was set explicitly.
    fn path(&self) -> Result<(PathBuf, bool), CredentialsError> {
        if let Some(path) = self.env.get(CONFIG_FILE_VAR) {
            return Ok((PathBuf::from(path), true));
        }
        match self.env.home_dir() {
            Some(home) => Ok((home.join(".aliyun").join("config.json"), false)),
            None => Err(CredentialsError::not_configured(
                Self::NAME,
                format!("{CONFIG_FILE_VAR} not set and home directory unknown"),
            )),
        }
    }

    async fn load(&self) -> Result<Credentials, CredentialsError> {
        let (path, explicit) = self.path()?;
        let shown = path.display().to_string();
        let text = match read_config_file(&path).await? {
            FileRead::Text(text) => text,
            FileRead::Missing if explicit => {
                return Err(CredentialsError::invalid_config(
                    CONFIG_FILE_VAR,
                    format!("file {shown} does not exist"),
                ));
            }
            FileRead::Missing => {
                return Err(CredentialsError::not_configured(
                    Self::NAME,
                    format!("{shown} not found"),
                ));
            }
        };
        // serde_json's own messages may quote a value (a secret of the wrong type):
        // report only the kind and position.
        let config: CliConfig = serde_json::from_str(&text)
            .map_err(|e| CredentialsError::invalid_config(&shown, json_error_position(&e)))?;
        if config.profiles.is_empty() {
            return Err(CredentialsError::not_configured(
                Self::NAME,
                format!("no profiles in {shown}"),
            ));
        }
        let (name, from_env) = match self.env.get(PROFILE_VAR) {
            Some(name) => (name, true),
            None => (
                config
                    .current
                    .filter(|c| !c.is_empty())
                    .unwrap_or_else(|| "default".to_owned()),
                false,
            ),
        };
        let Some(profile) = config
            .profiles
            .into_iter()
            .find(|p| p.name.as_deref() == Some(name.as_str()))
        else {
            return Err(if from_env {
                CredentialsError::not_configured(
                    Self::NAME,
                    format!("profile {name} (from {PROFILE_VAR}) not found in {shown}"),
                )
            } else {
                CredentialsError::invalid_config(
                    &shown,
                    format!("current profile {name} not found"),
                )
            });
        };
        let location = format!("profile {name} of {shown}");
        let mode = profile.mode.unwrap_or_default();
        let key = |value: Option<String>| value.unwrap_or_default();
        let creds = match mode.as_str() {
            "AK" => Credentials::new(key(profile.access_key_id), key(profile.access_key_secret)),
            "StsToken" => {
                Credentials::new(key(profile.access_key_id), key(profile.access_key_secret))
                    .and_then(|c| c.with_security_token(key(profile.sts_token)))
            }
            "" => {
                return Err(CredentialsError::invalid_config(
                    location,
                    "mode is missing",
                ));
            }
            other => {
                return Err(CredentialsError::Unsupported {
                    what: format!("mode {other}"),
                    location,
                });
            }
        };
        creds.map_err(|e| e.located(location))
    }
}

impl ProvideCredentials for CliConfigProvider {
    fn provide_credentials(&self) -> ProvideCredentialsFuture<'_> {
        Box::pin(async move {
            if let Some(creds) = self.cached.get() {
                return Ok(creds.clone());
            }
            let creds = self.load().await?;
            Ok(self.cached.get_or_init(|| creds).clone())
        })
    }
}
