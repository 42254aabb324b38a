//! The error type shared by every provider.

use std::fmt;
use std::path::PathBuf;

/// Why credentials could not be provided.
///
/// No message of this type ever contains an access key secret or a security token:
/// values read from files, environment variables or HTTP responses are described by
/// *where* they came from, never echoed back.
///
/// Two kinds matter to [`DefaultChain`](crate::DefaultChain):
/// [`NotConfigured`](CredentialsError::NotConfigured) makes it move on to the next
/// source, every other kind stops it (a source that is configured but broken is
/// reported, not silently skipped).
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum CredentialsError {
    /// This source has nothing configured (no variable set, no file, no metadata
    /// server). A chain moves on to its next source.
    #[error("{provider}: not configured ({reason})")]
    NotConfigured {
        /// Name of the provider, e.g. `"environment"`.
        provider: &'static str,
        /// Why it was skipped.
        reason: String,
    },

    /// No source of a chain had credentials; lists every source tried, in order.
    #[error("no Alibaba Cloud credentials found; tried: {}", DisplayTried(.tried))]
    NotFound {
        /// Every source tried, with the reason it was skipped.
        tried: Vec<SkippedSource>,
    },

    /// A credentials value is malformed (empty, or contains whitespace or control
    /// characters). Names the field, never shows its value.
    #[error("invalid credentials: {field} {problem}")]
    InvalidCredentials {
        /// `access_key_id`, `access_key_secret` or `security_token`.
        field: &'static str,
        /// What is wrong with it, e.g. `"is empty"`.
        problem: &'static str,
    },

    /// A configuration source exists but is broken: malformed file, missing key,
    /// partial set of environment variables.
    #[error("invalid credentials configuration in {location}: {reason}")]
    InvalidConfig {
        /// The file path or environment variable(s) at fault.
        location: String,
        /// What is wrong.
        reason: String,
    },

    /// The configuration asks for something this crate does not implement (yet),
    /// e.g. the aliyun CLI mode `RamRoleArn`.
    #[error("unsupported {what} in {location}")]
    Unsupported {
        /// What is unsupported, e.g. `"mode RamRoleArn"`.
        what: String,
        /// Where it was asked for, e.g. `"profile prod of /home/me/.aliyun/config.json"`.
        location: String,
    },

    /// A configuration file could not be read.
    #[error("failed to read {}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },

    /// An HTTP request could not be sent or its response not received (connection
    /// refused, timeout, ...). The URL's query string, if any, is not shown.
    #[error("{provider}: request to {url} failed")]
    Transport {
        /// Name of the provider.
        provider: &'static str,
        /// The URL, query string redacted.
        url: String,
        /// The underlying error (its own URL stripped).
        #[source]
        source: reqwest::Error,
    },

    /// A server answered with an error status.
    #[error("{provider}: HTTP {status} from {url}{}", DisplayDetail(.detail))]
    Http {
        /// Name of the provider.
        provider: &'static str,
        /// The URL, query string redacted.
        url: String,
        /// The HTTP status code.
        status: u16,
        /// A short excerpt of the error body, if any.
        detail: String,
    },

    /// A server answered with a success status but its body is not usable
    /// (not JSON, missing field, `Code` other than `Success`, bad `Expiration`).
    #[error("{provider}: invalid response from {url}: {reason}")]
    InvalidResponse {
        /// Name of the provider.
        provider: &'static str,
        /// The URL, query string redacted.
        url: String,
        /// What is wrong (never the body itself).
        reason: String,
    },
}

impl CredentialsError {
    /// `true` for [`NotConfigured`](CredentialsError::NotConfigured): the source has
    /// nothing to offer and a chain may try the next one.
    pub fn is_not_configured(&self) -> bool {
        matches!(self, CredentialsError::NotConfigured { .. })
    }

    pub(crate) fn not_configured(provider: &'static str, reason: impl Into<String>) -> Self {
        CredentialsError::NotConfigured {
            provider,
            reason: reason.into(),
        }
    }

    pub(crate) fn invalid_config(location: impl Into<String>, reason: impl Into<String>) -> Self {
        CredentialsError::InvalidConfig {
            location: location.into(),
            reason: reason.into(),
        }
    }

    /// Turns an [`InvalidCredentials`](CredentialsError::InvalidCredentials) error into
    /// an [`InvalidConfig`](CredentialsError::InvalidConfig) one located at `location`;
    /// other kinds are returned unchanged.
    pub(crate) fn located(self, location: impl Into<String>) -> Self {
        match self {
            CredentialsError::InvalidCredentials { field, problem } => {
                CredentialsError::invalid_config(location, format!("{field} {problem}"))
            }
            other => other,
        }
    }
}

/// One source that a chain tried and skipped, as listed by
/// [`CredentialsError::NotFound`].
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct SkippedSource {
    /// Name of the provider, e.g. `"cli-config"`.
    pub provider: &'static str,
    /// Why it was skipped.
    pub reason: String,
}

impl SkippedSource {
    /// A skipped source.
    pub fn new(provider: &'static str, reason: impl Into<String>) -> Self {
        SkippedSource {
            provider,
            reason: reason.into(),
        }
    }
}

impl fmt::Display for SkippedSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({})", self.provider, self.reason)
    }
}

struct DisplayTried<'a>(&'a [SkippedSource]);

impl fmt::Display for DisplayTried<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0.is_empty() {
            return f.write_str("no sources");
        }
        for (i, source) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str("; ")?;
            }
            write!(f, "{}. {source}", i + 1)?;
        }
        Ok(())
    }
}

struct DisplayDetail<'a>(&'a str);

impl fmt::Display for DisplayDetail<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0.is_empty() {
            Ok(())
        } else {
            write!(f, ": {}", self.0)
        }
    }
}
