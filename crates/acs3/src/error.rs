//! The error types of the crate.

use std::fmt;
use std::time::Duration;

/// Longest piece of caller- or client-supplied text an error message repeats.
const MAX_ECHO: usize = 80;

/// Shortens text taken from a request before it goes into an error, so that a
/// hostile client cannot make error messages (and logs) arbitrarily long.
pub(crate) fn clip(text: &str) -> String {
    match text.char_indices().nth(MAX_ECHO) {
        Some((end, _)) => format!("{}...", &text[..end]),
        None => text.to_owned(),
    }
}

/// Everything that can go wrong while signing, verifying or checking a date.
///
/// Messages name what was wrong. They never contain an access key secret nor a
/// signature: a client's signature is only ever reported as "does not match".
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A [`Payload::Sha256Hex`](crate::Payload::Sha256Hex) is not exactly 64
    /// lower-case hexadecimal digits.
    #[error("the precomputed payload hash is not 64 lower-case hexadecimal digits")]
    InvalidPayloadHash,

    /// A header to be signed has a name that is not an HTTP token
    /// (empty, or holding a space, `:`, a control character, ...).
    #[error("header name {name:?} is not a valid HTTP header name")]
    InvalidHeaderName {
        /// The offending name (shortened if long).
        name: String,
    },

    /// A header to be signed has a value holding CR, LF or NUL, which would
    /// make the canonical request ambiguous.
    #[error("the value of header {name:?} contains CR, LF or NUL")]
    InvalidHeaderValue {
        /// The header's name (shortened if long).
        name: String,
    },

    /// [`parse_query`](crate::parse_query) met a bad escape or bytes that are
    /// not UTF-8.
    #[error("invalid query string: {reason}")]
    InvalidQuery {
        /// What was wrong.
        reason: &'static str,
    },

    /// The `Authorization` header could not be parsed.
    #[error("malformed Authorization header: {0}")]
    MalformedAuthorization(#[from] MalformedAuthorization),

    /// The key store knows no key with this id.
    #[error("unknown access key id {id:?}")]
    UnknownAccessKey {
        /// The access key id named by the `Credential` field (shortened if long).
        id: String,
    },

    /// A header that must always be signed is not in `SignedHeaders`.
    #[error("required header {name} is not among the signed headers")]
    MissingRequiredSignedHeader {
        /// The missing header, one of [`REQUIRED_SIGNED_HEADERS`](crate::REQUIRED_SIGNED_HEADERS).
        name: &'static str,
    },

    /// `SignedHeaders` names a header the request does not carry.
    #[error("signed header {name} is not present in the request")]
    SignedHeaderAbsent {
        /// The declared header name (shortened if long).
        name: String,
    },

    /// The `x-acs-content-sha256` header is not the SHA-256 of the payload.
    #[error("x-acs-content-sha256 does not match the SHA-256 of the payload")]
    PayloadHashMismatch,

    /// The request's signature is not the one its key and content give.
    #[error("the request signature does not match")]
    SignatureMismatch,

    /// An `x-acs-date` value is not a valid `YYYY-MM-DDThh:mm:ssZ` date.
    #[error("invalid x-acs-date {value:?}: {reason} (expected YYYY-MM-DDThh:mm:ssZ)")]
    InvalidDate {
        /// The value given (shortened if long).
        value: String,
        /// What was wrong.
        reason: &'static str,
    },

    /// An `x-acs-date` is further from the reference time than allowed.
    #[error("x-acs-date {value} is {}s away from the server clock (at most {}s allowed)", skew.as_secs(), max.as_secs())]
    ClockSkew {
        /// The `x-acs-date` value.
        value: String,
        /// How far it is from the reference time, either way.
        skew: Duration,
        /// The largest distance allowed.
        max: Duration,
    },
}

/// A field of an `Authorization` header.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum AuthField {
    /// `Credential=<AccessKeyId>`.
    Credential,
    /// `SignedHeaders=<a;b;c>`.
    SignedHeaders,
    /// `Signature=<hex>`.
    Signature,
}

impl AuthField {
    /// The field's name as written in the header.
    pub const fn name(self) -> &'static str {
        match self {
            Self::Credential => "Credential",
            Self::SignedHeaders => "SignedHeaders",
            Self::Signature => "Signature",
        }
    }
}

impl fmt::Display for AuthField {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Why an `Authorization` header could not be parsed.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum MalformedAuthorization {
    /// The header is empty (or only whitespace).
    #[error("the header is empty")]
    Empty,
    /// The header does not start with `ACS3-HMAC-SHA256 `.
    #[error("unsupported algorithm {found:?}, expected ACS3-HMAC-SHA256")]
    WrongAlgorithm {
        /// The first word of the header (shortened if long).
        found: String,
    },
    /// A required field is missing.
    #[error("no {0} field")]
    MissingField(AuthField),
    /// A field appears more than once.
    #[error("the {0} field appears more than once")]
    DuplicateField(AuthField),
    /// A field has an empty value.
    #[error("the {0} field is empty")]
    EmptyField(AuthField),
    /// A comma-separated part is not `Credential=`, `SignedHeaders=` or `Signature=`.
    #[error("unexpected part {part:?}")]
    UnexpectedPart {
        /// The part (shortened if long).
        part: String,
    },
    /// The `Credential` value contains whitespace or a control character.
    #[error("the Credential field contains whitespace or a control character")]
    BadCredential,
    /// An entry of `SignedHeaders` is not a lower-case HTTP header name.
    #[error("SignedHeaders entry {name:?} is not a lower-case header name")]
    BadSignedHeaderName {
        /// The entry (shortened if long).
        name: String,
    },
    /// `SignedHeaders` is not in strictly ascending order (unsorted or repeated).
    #[error("SignedHeaders is not sorted without repeats (at {name:?})")]
    UnsortedSignedHeaders {
        /// The first entry out of order (shortened if long).
        name: String,
    },
    /// The `Signature` value is not 64 hexadecimal digits.
    #[error("the Signature field is not 64 hexadecimal digits")]
    BadSignatureHex,
}
