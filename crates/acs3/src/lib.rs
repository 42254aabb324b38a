//! ACS3-HMAC-SHA256: the request signature of Alibaba Cloud's V3 API style,
//! used by Function Compute 3.0. This crate signs requests (client side) and
//! verifies them (server side, e.g. a local emulator).
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
//!
//! # Example
//!
//! A client signs an `InvokeFunction` call; a server verifies it.
//!
//! ```
//! use std::time::{Duration, UNIX_EPOCH};
//! use acs3::{AccessKey, Payload, RequestParts};
//!
//! let key = AccessKey::new("LTAI-example", "example-secret");
//! let body = br#"{"hello":"world"}"#;
//! let body_hash = acs3::payload_sha256_hex(body);
//! let now = UNIX_EPOCH + Duration::from_secs(1_767_323_045);
//! let date = acs3::format_date(now).unwrap(); // "2026-01-02T03:04:05Z"
//!
//! let headers = [
//!     ("Host", "fcv3.cn-hangzhou.aliyuncs.com"),
//!     ("x-acs-version", "2023-03-30"),
//!     ("x-acs-action", "InvokeFunction"),
//!     ("x-acs-date", date.as_str()),
//!     ("x-acs-signature-nonce", "8a1f0c3e5b7d4f6a9c2e1b0d3f5a7c9e"),
//!     ("x-acs-content-sha256", body_hash.as_str()),
//!     ("content-type", "application/json"),
//!     ("user-agent", "fc3-rs"),
//! ];
//! let request = RequestParts::new("POST", "/2023-03-30/functions/hello/invocations")
//!     .with_query(&[("qualifier", "LATEST")])
//!     .with_headers(&headers)
//!     // The hash is known already: the signer need not read the body again.
//!     .with_payload(Payload::Sha256Hex(&body_hash));
//!
//! let signed = acs3::sign(&key, &request)?;
//! assert_eq!(
//!     signed.signed_headers,
//!     "content-type;host;user-agent;x-acs-action;x-acs-content-sha256;\
//!      x-acs-date;x-acs-signature-nonce;x-acs-version"
//! );
//! assert!(signed.authorization.starts_with(
//!     "ACS3-HMAC-SHA256 Credential=LTAI-example,SignedHeaders=content-type;host;"
//! ));
//! // Send `signed.authorization` as the `Authorization` header.
//!
//! // On the server: the request as received, with its body.
//! let received = request.with_payload(Payload::Bytes(body));
//! let verified = acs3::verify(&received, &signed.authorization, &key)?;
//! assert_eq!(verified.access_key_id, "LTAI-example");
//! acs3::check_date(&verified.date, now, acs3::MAX_CLOCK_SKEW)?;
//! // ...and reject `verified.nonce` if it was seen in the last 15 minutes.
//!
//! // Any change breaks the signature.
//! let tampered = received.with_query(&[("qualifier", "prod")]);
//! assert_eq!(
//!     acs3::verify(&tampered, &signed.authorization, &key),
//!     Err(acs3::Error::SignatureMismatch)
//! );
//! # Ok::<(), acs3::Error>(())
//! ```
//!
//! A server holding several keys passes a closure as the [`KeyStore`]:
//! `&|id: &str| keys.get(id).cloned()`.

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

/// Compiles and runs the README's example as a doctest.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctest;
