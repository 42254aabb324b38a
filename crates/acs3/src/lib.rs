#![doc = include_str!("../README.md")]
//!
//! # Design
//!
//! - **Pure.** No HTTP client or server types, no I/O, no clock, no
//!   randomness. A request is described by [`RequestParts`] (borrowed `&str`
//!   pairs), so the same code serves a `reqwest` client and an `axum` server,
//!   and every result is reproducible in tests. Times (`x-acs-date`, the
//!   server's "now") come in as arguments; [`format_date`], [`parse_date`] and
//!   [`check_date`] handle the one fixed date format.
//! - **No copy of the body.** The payload is given as [`Payload::Bytes`]
//!   (hashed in place) or as [`Payload::Sha256Hex`] when the caller already
//!   knows the hash (a streamed or large body, or the value it already put in
//!   `x-acs-content-sha256`).
//! - **The caller chooses the signed headers.** The official SDKs disagree:
//!   Python signs every header it sends (what [`sign`] does, and what the
//!   shared test vectors expect); Go and TypeScript sign `host`,
//!   `content-type` and every `x-acs-*` header ([`sign_with`] with
//!   [`is_go_ts_signed_header`]). The verifier therefore rebuilds the
//!   canonical request from whatever `SignedHeaders` the client declared, and
//!   insists only on the [`REQUIRED_SIGNED_HEADERS`].
//! - **Typed, quiet errors.** Every failure is a variant of [`Error`] naming
//!   what was wrong; no message contains a secret or a signature.
//!   [`AccessKey`]'s `Debug` redacts the secret. Signatures are compared in
//!   constant time (`hmac`'s `verify_slice`).
//! - **Replay protection stays with the caller.** [`verify`] returns the
//!   signed `x-acs-date` and `x-acs-signature-nonce` in [`Verified`]; the
//!   caller checks the date ([`check_date`] with [`MAX_CLOCK_SKEW`]) and
//!   remembers nonces, since both need a clock and state this crate does not
//!   have.
//!
//! # The signature
//!
//! ```text
//! CanonicalRequest = METHOD \n CanonicalURI \n CanonicalQuery \n CanonicalHeaders \n SignedHeaders \n HexSHA256(body)
//!   CanonicalURI     the path exactly as sent (already percent-encoded); "/" when empty
//!   CanonicalQuery   key=value pairs, both RFC 3986-encoded (space as %20), sorted by key
//!                    then value, joined by "&"; an empty value gives "key="
//!   CanonicalHeaders per signed header, lower-cased and sorted: name ":" trimmed value "\n"
//!                    (repeated names: values sorted, joined by ",")
//!   SignedHeaders    the lower-cased names joined by ";"
//! StringToSign  = "ACS3-HMAC-SHA256" \n HexSHA256(CanonicalRequest)
//! Signature     = lower-case hex HMAC-SHA256(key = AccessKeySecret, StringToSign)
//! Authorization: ACS3-HMAC-SHA256 Credential=<AccessKeyId>,SignedHeaders=<SignedHeaders>,Signature=<Signature>
//! ```

mod date;
mod error;
mod key;
mod sign;
mod verify;

pub use date::{MAX_CLOCK_SKEW, check_date, format_date, parse_date};
pub use error::{AuthField, Error, MalformedAuthorization};
pub use key::{AccessKey, KeyStore};
pub use sign::{
    ALGORITHM, EMPTY_PAYLOAD_SHA256, Payload, RequestParts, Signed, authorization_with,
    is_go_ts_signed_header, parse_query, payload_sha256_hex, sign, sign_with,
};
pub use verify::{Authorization, REQUIRED_SIGNED_HEADERS, Verified, verify};
