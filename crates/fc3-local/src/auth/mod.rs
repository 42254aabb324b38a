//! Request authentication: ACS3-HMAC-SHA256 through the `acs3` crate, the date window and
//! nonce replay protection against the injected clock, and STS tokens.
//!
//! | failure | status | code |
//! |---|---|---|
//! | no `Authorization` header, malformed header, a required header not signed, an unsigned `x-acs-security-token` | 403 | `AccessDenied` |
//! | unknown access key id | 403 | `InvalidAccessKeyID` |
//! | bad signature, body hash mismatch, a declared header missing | 403 | `SignatureNotMatch` |
//! | `x-acs-date` more than 15 minutes from the server's clock | 403 | `RequestTimeTooSkewed` |
//! | a nonce already seen within the window | 403 | `SignatureNonceUsed` |
//! | STS token missing, wrong, or sent with a permanent key | 403 | `InvalidSecurityToken` |
//! | `x-acs-date` not `YYYY-MM-DDThh:mm:ssZ`, query string not decodable | 400 | `InvalidArgument` |
//!
//! With `allow_unsigned = true` in the configuration, a request without an `Authorization`
//! header is let through (a signed one is still verified): for benchmarks only.

mod nonces;

use std::sync::{Arc, Mutex, PoisonError};
use std::time::{SystemTime, UNIX_EPOCH};

use acs3::{AccessKey, Payload, RequestParts};
use axum::http::HeaderMap;
use subtle::ConstantTimeEq;

use crate::clock::Clock;
use crate::config::AccessKeyConfig;
use crate::error::ApiError;
use crate::store::{NonceKey, Store};
use nonces::NonceCache;

/// Verifies requests against the accepted keys.
pub(crate) struct Authenticator {
    keys: Vec<AcceptedKey>,
    allow_unsigned: bool,
    nonces: Mutex<NonceCache>,
    /// Where the nonces are kept across restarts.
    store: Store,
    clock: Arc<dyn Clock>,
}

/// What an authenticator is made of.
pub(crate) struct AuthSetup {
    pub(crate) keys: Vec<AccessKeyConfig>,
    pub(crate) allow_unsigned: bool,
    pub(crate) nonce_capacity: usize,
    /// The nonces the data dir held.
    pub(crate) stored_nonces: Vec<NonceKey>,
    pub(crate) store: Store,
    pub(crate) clock: Arc<dyn Clock>,
}

/// An accepted key: the id and secret as the verifier takes them (keyed once, at start), and
/// the STS token that must come with it.
struct AcceptedKey {
    key: AccessKey,
    security_token: Option<String>,
}

impl Authenticator {
    pub(crate) fn new(setup: AuthSetup) -> Self {
        let AuthSetup {
            keys,
            allow_unsigned,
            nonce_capacity,
            stored_nonces,
            store,
            clock,
        } = setup;
        let now = secs(clock.now());
        let keys = keys
            .into_iter()
            .map(|k| AcceptedKey {
                key: AccessKey::new(k.id, k.secret),
                security_token: k.security_token,
            })
            .collect();
        Self {
            keys,
            allow_unsigned,
            nonces: Mutex::new(NonceCache::new(nonce_capacity.max(1), stored_nonces, now)),
            store,
            clock,
        }
    }

    fn find(&self, id: &str) -> Option<&AcceptedKey> {
        self.keys.iter().find(|k| k.key.id() == id)
    }

    /// Checks one request, given exactly as received: method, raw path, raw query, headers
    /// and body.
    pub(crate) fn check(
        &self,
        method: &str,
        raw_path: &str,
        raw_query: Option<&str>,
        headers: &HeaderMap,
        body: &[u8],
    ) -> Result<(), ApiError> {
        let Some(authorization) = headers.get("authorization") else {
            if self.allow_unsigned {
                return Ok(());
            }
            return Err(ApiError::forbidden(
                "AccessDenied",
                "the request is not signed: the Authorization header is missing",
            ));
        };
        let authorization = std::str::from_utf8(authorization.as_bytes()).map_err(|_| {
            ApiError::forbidden("AccessDenied", "the Authorization header is not UTF-8")
        })?;
        let query = acs3::parse_query(raw_query.unwrap_or(""))
            .map_err(|e| ApiError::invalid_argument(format!("query string: {e}")))?;
        let query: Vec<(&str, &str)> = query
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        // Header values that are not UTF-8 cannot have been signed; they are left out, and a
        // declared one then fails as absent.
        let header_pairs: Vec<(&str, &str)> = headers
            .iter()
            .filter_map(|(name, value)| {
                std::str::from_utf8(value.as_bytes())
                    .ok()
                    .map(|v| (name.as_str(), v))
            })
            .collect();
        let parts = RequestParts::new(method, raw_path)
            .with_query(&query)
            .with_headers(&header_pairs)
            .with_payload(Payload::Bytes(body));
        let store = |id: &str| self.find(id).map(|k| k.key.clone());
        let verified = acs3::verify(&parts, authorization, &store).map_err(map_verify_error)?;

        // STS: a key with a token needs exactly that token, signed; a permanent key none.
        let key = self
            .find(verified.access_key_id)
            .ok_or_else(|| ApiError::forbidden("InvalidAccessKeyID", "unknown access key id"))?;
        let token = headers
            .get("x-acs-security-token")
            .map(|v| std::str::from_utf8(v.as_bytes()).unwrap_or(""));
        match (&key.security_token, token) {
            (None, None) => {}
            (None, Some(_)) => {
                return Err(ApiError::forbidden(
                    "InvalidSecurityToken",
                    "x-acs-security-token was sent with an access key that is not an STS key",
                ));
            }
            (Some(_), None) => {
                return Err(ApiError::forbidden(
                    "InvalidSecurityToken",
                    "this STS access key needs the x-acs-security-token header",
                ));
            }
            (Some(expected), Some(given)) => {
                if !verified.signed_headers.contains(&"x-acs-security-token") {
                    return Err(ApiError::forbidden(
                        "AccessDenied",
                        "x-acs-security-token must be among the signed headers",
                    ));
                }
                if !bool::from(expected.as_bytes().ct_eq(given.as_bytes())) {
                    return Err(ApiError::forbidden(
                        "InvalidSecurityToken",
                        "the security token is not valid for this access key",
                    ));
                }
            }
        }

        let now = self.clock.now();
        let date = acs3::parse_date(&verified.date)
            .map_err(|e| ApiError::invalid_argument(e.to_string()))?;
        acs3::check_date(&verified.date, now, acs3::MAX_CLOCK_SKEW)
            .map_err(|e| ApiError::forbidden("RequestTimeTooSkewed", e.to_string()))?;
        if verified.nonce.is_empty() {
            return Err(ApiError::forbidden(
                "AccessDenied",
                "x-acs-signature-nonce is empty",
            ));
        }
        // A replay is refused by its date once the window has passed, so a nonce need only be
        // remembered until its date (or now, if later) plus the window.
        let expires = secs(date.max(now)) + acs3::MAX_CLOCK_SKEW.as_secs();
        let fresh = self
            .nonces
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .insert(verified.access_key_id, &verified.nonce, expires, secs(now));
        let Some(ops) = fresh else {
            return Err(ApiError::forbidden(
                "SignatureNonceUsed",
                "x-acs-signature-nonce was already used within the last 15 minutes",
            ));
        };
        // Kept across restarts for requests that can change something (a replayed read
        // changes nothing): deferred, so it goes ahead of (and with) the next write, which is
        // this request's own change if it makes one, or at the latest 100 ms later. While the
        // store refuses writes, it is remembered in memory only.
        if !matches!(method, "GET" | "HEAD") {
            self.store.defer(ops);
        }
        Ok(())
    }
}

fn secs(t: SystemTime) -> u64 {
    t.duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or_default()
}

fn map_verify_error(error: acs3::Error) -> ApiError {
    use acs3::Error as E;
    match error {
        E::UnknownAccessKey { .. } => ApiError::forbidden(
            "InvalidAccessKeyID",
            "the access key id is not known to this server",
        ),
        E::MalformedAuthorization(_) | E::MissingRequiredSignedHeader { .. } => {
            ApiError::forbidden("AccessDenied", error.to_string())
        }
        E::InvalidQuery { .. } => ApiError::invalid_argument(error.to_string()),
        _ => ApiError::forbidden("SignatureNotMatch", error.to_string()),
    }
}
