//! Access keys and where the verifier finds them.

use std::fmt;

/// An Alibaba Cloud access key: its public id and its secret.
///
/// `Debug` never shows the secret:
///
/// ```
/// let key = acs3::AccessKey::new("LTAI-example", "top-secret");
/// assert_eq!(
///     format!("{key:?}"),
///     r#"AccessKey { id: "LTAI-example", secret: "** redacted **" }"#
/// );
/// ```
#[derive(Clone)]
pub struct AccessKey {
    id: String,
    secret: String,
}

impl AccessKey {
    /// A key from its id (`LTAI...`) and secret.
    pub fn new(id: impl Into<String>, secret: impl Into<String>) -> Self {
        Self {
            id: id.into(),
            secret: secret.into(),
        }
    }

    /// The access key id, sent in clear as the `Credential` of the
    /// `Authorization` header.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// The secret, the HMAC key. Never log it.
    pub fn secret(&self) -> &str {
        &self.secret
    }
}

impl fmt::Debug for AccessKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AccessKey")
            .field("id", &self.id)
            .field("secret", &"** redacted **")
            .finish()
    }
}

/// Where [`verify`](crate::verify) looks up the secret of the access key id a
/// request names.
///
/// Implemented for:
/// - any `Fn(&str) -> Option<AccessKey>` closure (write the argument type,
///   `|id: &str| ...`, so the closure accepts every lifetime);
/// - [`AccessKey`] itself, a store of one key;
/// - `[AccessKey]` slices and `Vec<AccessKey>`, searched in order.
pub trait KeyStore {
    /// The key whose id is `access_key_id`, or `None` when it is unknown.
    fn find(&self, access_key_id: &str) -> Option<AccessKey>;
}

impl<F> KeyStore for F
where
    F: Fn(&str) -> Option<AccessKey>,
{
    fn find(&self, access_key_id: &str) -> Option<AccessKey> {
        self(access_key_id)
    }
}

impl KeyStore for AccessKey {
    fn find(&self, access_key_id: &str) -> Option<AccessKey> {
        (self.id == access_key_id).then(|| self.clone())
    }
}

impl KeyStore for Vec<AccessKey> {
    fn find(&self, access_key_id: &str) -> Option<AccessKey> {
        self.iter().find(|k| k.id == access_key_id).cloned()
    }
}

impl KeyStore for [AccessKey] {
    fn find(&self, access_key_id: &str) -> Option<AccessKey> {
        self.iter().find(|k| k.id == access_key_id).cloned()
    }
}
