//! The [`Credentials`] value.

use std::fmt;
use std::sync::Arc;
use std::time::SystemTime;

use crate::error::CredentialsError;

/// Text shown by `Debug` in place of a secret.
pub(crate) const REDACTED: &str = "** redacted **";

/// An Alibaba Cloud access key (id and secret), with an optional STS security token
/// and an optional expiry time.
///
/// Cheap to clone (the strings are shared). Its `Debug` output never shows the
/// secret or the token:
///
/// ```
/// use fc3_credentials::Credentials;
///
/// let creds = Credentials::new("LTAI5tExampleId", "example-secret")?
///     .with_security_token("example-token")?;
/// let shown = format!("{creds:?}");
/// assert!(shown.contains("LTAI5tExampleId"));
/// assert!(!shown.contains("example-secret"));
/// assert!(!shown.contains("example-token"));
/// # Ok::<(), fc3_credentials::CredentialsError>(())
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct Credentials {
    inner: Arc<Inner>,
}

struct Inner {
    /// The id and secret, keyed for signing once, here, rather than per request.
    key: acs3::AccessKey,
    security_token: Option<String>,
    expiry: Option<SystemTime>,
}

impl PartialEq for Inner {
    fn eq(&self, other: &Self) -> bool {
        self.key.id() == other.key.id()
            && self.key.secret() == other.key.secret()
            && self.security_token == other.security_token
            && self.expiry == other.expiry
    }
}

impl Eq for Inner {}

impl Credentials {
    /// Long-lived credentials made of an access key id and secret.
    ///
    /// # Errors
    ///
    /// [`CredentialsError::InvalidCredentials`] naming the field when the id or the
    /// secret is empty or contains whitespace or control characters.
    pub fn new(
        access_key_id: impl Into<String>,
        access_key_secret: impl Into<String>,
    ) -> Result<Self, CredentialsError> {
        let access_key_id = access_key_id.into();
        let access_key_secret = access_key_secret.into();
        validate("access_key_id", &access_key_id)?;
        validate("access_key_secret", &access_key_secret)?;
        Ok(Credentials {
            inner: Arc::new(Inner {
                key: acs3::AccessKey::new(access_key_id, access_key_secret),
                security_token: None,
                expiry: None,
            }),
        })
    }

    /// Adds an STS security token (temporary credentials).
    ///
    /// # Errors
    ///
    /// [`CredentialsError::InvalidCredentials`] for `security_token` when the token
    /// is empty or contains whitespace or control characters.
    pub fn with_security_token(self, token: impl Into<String>) -> Result<Self, CredentialsError> {
        let token = token.into();
        validate("security_token", &token)?;
        let mut inner = self.into_inner();
        inner.security_token = Some(token);
        Ok(Credentials {
            inner: Arc::new(inner),
        })
    }

    /// Sets the time after which these credentials are no longer valid.
    pub fn with_expiry(self, expiry: SystemTime) -> Self {
        let mut inner = self.into_inner();
        inner.expiry = Some(expiry);
        Credentials {
            inner: Arc::new(inner),
        }
    }

    /// The access key id (not a secret; shown by `Debug`).
    pub fn access_key_id(&self) -> &str {
        self.inner.key.id()
    }

    /// The access key secret.
    pub fn access_key_secret(&self) -> &str {
        self.inner.key.secret()
    }

    /// The id and secret as the signer takes them (shared, not copied).
    pub fn access_key(&self) -> &acs3::AccessKey {
        &self.inner.key
    }

    /// The STS security token, for temporary credentials.
    pub fn security_token(&self) -> Option<&str> {
        self.inner.security_token.as_deref()
    }

    /// When these credentials expire, if known.
    pub fn expiry(&self) -> Option<SystemTime> {
        self.inner.expiry
    }

    /// `true` when an expiry is known and `now` is at or past it.
    pub fn is_expired_at(&self, now: SystemTime) -> bool {
        self.inner.expiry.is_some_and(|expiry| now >= expiry)
    }

    fn into_inner(self) -> Inner {
        match Arc::try_unwrap(self.inner) {
            Ok(inner) => inner,
            Err(shared) => Inner {
                key: shared.key.clone(),
                security_token: shared.security_token.clone(),
                expiry: shared.expiry,
            },
        }
    }
}

fn validate(field: &'static str, value: &str) -> Result<(), CredentialsError> {
    let problem = if value.is_empty() {
        "is empty"
    } else if value.chars().any(char::is_whitespace) {
        "contains whitespace"
    } else if value.chars().any(char::is_control) {
        "contains control characters"
    } else {
        return Ok(());
    };
    Err(CredentialsError::InvalidCredentials { field, problem })
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Credentials")
            .field("access_key_id", &self.inner.key.id())
            .field("access_key_secret", &Redacted)
            .field(
                "security_token",
                &self.inner.security_token.as_ref().map(|_| Redacted),
            )
            .field(
                "expiry",
                &self
                    .inner
                    .expiry
                    .map(|t| humantime::format_rfc3339(t).to_string()),
            )
            .finish()
    }
}

/// Prints [`REDACTED`] without quotes.
pub(crate) struct Redacted;

impl fmt::Debug for Redacted {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(REDACTED)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::{Duration, UNIX_EPOCH};

    #[test]
    fn getters_return_what_was_given() {
        let expiry = UNIX_EPOCH + Duration::from_secs(1_900_000_000);
        let creds = Credentials::new("id", "secret")
            .unwrap()
            .with_security_token("token")
            .unwrap()
            .with_expiry(expiry);
        assert_eq!(creds.access_key_id(), "id");
        assert_eq!(creds.access_key_secret(), "secret");
        assert_eq!(creds.security_token(), Some("token"));
        assert_eq!(creds.expiry(), Some(expiry));
        assert!(!creds.is_expired_at(expiry - Duration::from_secs(1)));
        assert!(creds.is_expired_at(expiry));
    }

    #[test]
    fn builders_do_not_alter_shared_clones() {
        let base = Credentials::new("id", "secret").unwrap();
        let copy = base.clone();
        let with_token = base.with_security_token("token").unwrap();
        assert_eq!(copy.security_token(), None);
        assert_eq!(with_token.security_token(), Some("token"));
    }

    #[test]
    fn validation_names_the_field() {
        let cases: [(&str, &str, &str, &str); 5] = [
            ("", "secret", "access_key_id", "is empty"),
            ("id", "", "access_key_secret", "is empty"),
            ("i d", "secret", "access_key_id", "contains whitespace"),
            ("id", "secret\n", "access_key_secret", "contains whitespace"),
            (
                "id",
                "se\u{7}cret",
                "access_key_secret",
                "contains control characters",
            ),
        ];
        for (id, secret, field, problem) in cases {
            match Credentials::new(id, secret) {
                Err(CredentialsError::InvalidCredentials {
                    field: f,
                    problem: p,
                }) => {
                    assert_eq!((f, p), (field, problem), "for {id:?}/{secret:?}");
                }
                other => panic!("expected InvalidCredentials for {id:?}, got {other:?}"),
            }
        }
        let err = Credentials::new("id", "secret")
            .unwrap()
            .with_security_token("to ken")
            .unwrap_err();
        assert_eq!(
            err.to_string(),
            "invalid credentials: security_token contains whitespace"
        );
    }

    #[test]
    fn debug_redacts_secret_and_token() {
        let creds = Credentials::new("LTAIvisible", "TopSecretValue123")
            .unwrap()
            .with_security_token("StsTokenValue456")
            .unwrap()
            .with_expiry(UNIX_EPOCH + Duration::from_secs(1_893_456_000));
        for shown in [format!("{creds:?}"), format!("{creds:#?}")] {
            assert!(shown.contains("LTAIvisible"), "{shown}");
            assert!(shown.contains(REDACTED), "{shown}");
            assert!(shown.contains("2030-01-01T00:00:00Z"), "{shown}");
            assert!(!shown.contains("TopSecretValue123"), "{shown}");
            assert!(!shown.contains("StsTokenValue456"), "{shown}");
        }
    }
}
