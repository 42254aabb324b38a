//! Credentials from the shared INI file `~/.alibabacloud/credentials`.

use std::path::PathBuf;
use std::sync::OnceLock;

use configparser::ini::{Ini, IniDefault};

use crate::cli_config::PROFILE_VAR;
use crate::credentials::Credentials;
use crate::env::Env;
use crate::error::CredentialsError;
use crate::files::{FileRead, read_config_file};
use crate::provider::{ProvideCredentials, ProvideCredentialsFuture};

/// Variable overriding the path of the shared credentials INI file.
pub const CREDENTIALS_FILE_VAR: &str = "ALIBABA_CLOUD_CREDENTIALS_FILE";

/// Reads a section of the shared credentials INI file (step 4 of the official chain).
///
/// * File: `ALIBABA_CLOUD_CREDENTIALS_FILE`, else the first that exists of
///   `~/.alibabacloud/credentials` (Go SDK's name) and
///   `~/.alibabacloud/credentials.ini` (Python SDK's name).
/// * Section: `ALIBABA_CLOUD_PROFILE`, else `default`.
/// * Keys: `type = access_key`, `access_key_id`, `access_key_secret`. Other types
///   (`ecs_ram_role`, `ram_role_arn`, ...) are [`CredentialsError::Unsupported`].
///
/// ```ini
/// [default]
/// type = access_key
/// access_key_id = LTAI...
/// access_key_secret = ...
/// ```
///
/// Names are case-sensitive; values may be quoted (`"..."`, `'...'`); `;` and `#`
/// start a comment only at the beginning of a line. Not configured (the chain
/// moves on): no home directory, neither default file exists, the section is not in
/// the file. Errors (the chain stops): the file named by
/// `ALIBABA_CLOUD_CREDENTIALS_FILE` does not exist, the file does not parse, `type`
/// or a key is missing or malformed.
///
/// The file is read on the first successful call only; the credentials are then kept
/// for the provider's lifetime.
#[derive(Debug, Default)]
pub struct ProfileFileProvider {
    env: Env,
    cached: OnceLock<Credentials>,
}

impl ProfileFileProvider {
    /// Name used in errors and in the chain's list of sources.
    pub const NAME: &'static str = "profile-file";

    /// Reads the process environment and home directory.
    pub fn new() -> Self {
        ProfileFileProvider::with_env(Env::real())
    }

    /// Reads the given environment (variables and home directory).
    pub fn with_env(env: Env) -> Self {
        ProfileFileProvider {
            env,
            cached: OnceLock::new(),
        }
    }

    /// Finds and reads the file: its path and text.
    async fn read(&self) -> Result<(PathBuf, String), CredentialsError> {
        if let Some(path) = self.env.get(CREDENTIALS_FILE_VAR) {
            let path = PathBuf::from(path);
            return match read_config_file(&path).await? {
                FileRead::Text(text) => Ok((path, text)),
                FileRead::Missing => Err(CredentialsError::invalid_config(
                    CREDENTIALS_FILE_VAR,
                    format!("file {} does not exist", path.display()),
                )),
            };
        }
        let Some(home) = self.env.home_dir() else {
            return Err(CredentialsError::not_configured(
                Self::NAME,
                format!("{CREDENTIALS_FILE_VAR} not set and home directory unknown"),
            ));
        };
        let dir = home.join(".alibabacloud");
        let candidates = [dir.join("credentials"), dir.join("credentials.ini")];
        for path in &candidates {
            if let FileRead::Text(text) = read_config_file(path).await? {
                return Ok((path.clone(), text));
            }
        }
        Err(CredentialsError::not_configured(
            Self::NAME,
            format!(
                "neither {} nor {} found",
                candidates[0].display(),
                candidates[1].display()
            ),
        ))
    }

    async fn load(&self) -> Result<Credentials, CredentialsError> {
        let (path, text) = self.read().await?;
        let shown = path.display().to_string();
        let ini =
            parse_ini(&text).map_err(|reason| CredentialsError::invalid_config(&shown, reason))?;
        let section_name = self
            .env
            .get(PROFILE_VAR)
            .unwrap_or_else(|| "default".to_owned());
        let Some(section) = ini.get(&section_name) else {
            return Err(CredentialsError::not_configured(
                Self::NAME,
                format!("no [{section_name}] section in {shown}"),
            ));
        };
        let location = format!("section [{section_name}] of {shown}");
        let value = |name: &str| section.get(name).and_then(|v| v.as_deref()).map(unquote);
        let kind = value("type").unwrap_or_default();
        match kind {
            "access_key" => {}
            "" => {
                return Err(CredentialsError::invalid_config(
                    location,
                    "`type` is missing (expected `type = access_key`)",
                ));
            }
            other => {
                return Err(CredentialsError::Unsupported {
                    what: format!("credential type {other}"),
                    location,
                });
            }
        }
        let key = |name: &str| -> Result<String, CredentialsError> {
            match value(name) {
                Some(value) if !value.is_empty() => Ok(value.to_owned()),
                _ => Err(CredentialsError::invalid_config(
                    &location,
                    format!("`{name}` is missing"),
                )),
            }
        };
        let id = key("access_key_id")?;
        let secret = key("access_key_secret")?;
        Credentials::new(id, secret).map_err(|e| e.located(location))
    }
}

type Sections =
    std::collections::HashMap<String, std::collections::HashMap<String, Option<String>>>;

/// Parses INI text: case-sensitive names, `=` or `:` between key and value, `;` and
/// `#` comments on their own lines only (a secret may contain `#`), keys before the
/// first section ignored.
fn parse_ini(text: &str) -> Result<Sections, String> {
    // Keys before any section go to this name, which no real section can have.
    const OUTSIDE: &str = "\0outside any section";
    let mut defaults = IniDefault::default();
    defaults.default_section = OUTSIDE.to_owned();
    defaults.case_sensitive = true;
    defaults.enable_inline_comments = false;
    defaults.multiline = false;
    // The parser's messages give the line number, never the line.
    let mut sections = Ini::new_from_defaults(defaults)
        .read(text.to_owned())
        .map_err(|e| format!("not a valid INI file: {e}"))?;
    sections.remove(OUTSIDE);
    Ok(sections)
}

/// Removes one pair of matching surrounding quotes, as the Go SDK's INI reader does.
fn unquote(value: &str) -> &str {
    let value = value.trim();
    for quote in ['"', '\'', '`'] {
        if value.len() >= 2 && value.starts_with(quote) && value.ends_with(quote) {
            return &value[1..value.len() - 1];
        }
    }
    value
}

impl ProvideCredentials for ProfileFileProvider {
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
