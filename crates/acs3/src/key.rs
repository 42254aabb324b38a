//! Access keys and where the verifier finds them.

use std::fmt;
use std::sync::Arc;

use hmac::Mac;

use crate::sign::{ALGORITHM, HexDigest, HmacSha256};

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
///
/// Cheap to clone (shared), and keyed once: the HMAC state of the secret is
/// computed when the key is made, not for every signature.
#[derive(Clone)]
pub struct AccessKey {
    inner: Arc<Inner>,
}

struct Inner {
    id: String,
    secret: String,
    /// HMAC-SHA256 keyed with `secret`, before any input.
    keyed: HmacSha256,
}

impl AccessKey {
    /// A key from its id (`LTAI...`) and secret.
    pub fn new(id: impl Into<String>, secret: impl Into<String>) -> Self {
        let secret = secret.into();
        // HMAC takes keys of any length, so this cannot fail.
        let keyed = <HmacSha256 as Mac>::new_from_slice(secret.as_bytes())
            .expect("HMAC accepts keys of any length");
        Self {
            inner: Arc::new(Inner {
                id: id.into(),
                secret,
                keyed,
            }),
        }
    }

    /// The access key id, sent in clear as the `Credential` of the
    /// `Authorization` header.
    pub fn id(&self) -> &str {
        &self.inner.id
    }

    /// The secret, the HMAC key. Never log it.
    pub fn secret(&self) -> &str {
        &self.inner.secret
    }

    /// HMAC-SHA256 of the string to sign of a canonical request whose hex
    /// SHA-256 is `request_hash`.
    pub(crate) fn mac(&self, request_hash: &HexDigest) -> [u8; 32] {
        self.string_to_sign_mac(request_hash)
            .finalize()
            .into_bytes()
            .into()
    }

    /// Whether `signature` is the HMAC of that string to sign, compared in
    /// constant time.
    pub(crate) fn verifies(&self, request_hash: &HexDigest, signature: &[u8]) -> bool {
        self.string_to_sign_mac(request_hash)
            .verify_slice(signature)
            .is_ok()
    }

    fn string_to_sign_mac(&self, request_hash: &HexDigest) -> HmacSha256 {
        let mut mac = self.inner.keyed.clone();
        mac.update(ALGORITHM.as_bytes());
        mac.update(b"\n");
        mac.update(request_hash.as_str().as_bytes());
        mac
    }
}

impl fmt::Debug for AccessKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AccessKey")
            .field("id", &self.inner.id)
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
        (self.id() == access_key_id).then(|| self.clone())
    }
}

impl KeyStore for Vec<AccessKey> {
    fn find(&self, access_key_id: &str) -> Option<AccessKey> {
        self.iter().find(|k| k.id() == access_key_id).cloned()
    }
}

impl KeyStore for [AccessKey] {
    fn find(&self, access_key_id: &str) -> Option<AccessKey> {
        self.iter().find(|k| k.id() == access_key_id).cloned()
    }
}
