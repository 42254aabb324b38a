//! The canonical request and the signer.

use std::borrow::Cow;
use std::fmt;

use hmac::Hmac;
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use sha2::{Digest, Sha256};

use crate::error::{Error, clip};
use crate::key::AccessKey;

/// The signature algorithm, the first word of the `Authorization` header.
pub const ALGORITHM: &str = "ACS3-HMAC-SHA256";

/// Hex SHA-256 of an empty payload: the `x-acs-content-sha256` of a request
/// without a body.
pub const EMPTY_PAYLOAD_SHA256: &str =
    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

/// Everything outside RFC 3986's unreserved set (`A-Z a-z 0-9 - . _ ~`) is
/// percent-encoded in the canonical query.
const QUERY_ENCODE: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

pub(crate) type HmacSha256 = Hmac<Sha256>;

/// Lower-case hex SHA-256 of a payload: the value of `x-acs-content-sha256`.
///
/// ```
/// assert_eq!(acs3::payload_sha256_hex(b""), acs3::EMPTY_PAYLOAD_SHA256);
/// ```
pub fn payload_sha256_hex(payload: &[u8]) -> String {
    hex::encode(Sha256::digest(payload))
}

/// The body of a request, as the signer sees it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Payload<'a> {
    /// The body itself; the signer hashes it in place (no copy).
    Bytes(&'a [u8]),
    /// The body's SHA-256 as 64 lower-case hex digits, already computed by the
    /// caller (a large or streamed body, or the value already put in
    /// `x-acs-content-sha256`).
    Sha256Hex(&'a str),
}

impl Default for Payload<'_> {
    fn default() -> Self {
        Payload::Bytes(&[])
    }
}

impl Payload<'_> {
    /// The payload's hex SHA-256 (borrowed when it was given precomputed).
    ///
    /// Fails with [`Error::InvalidPayloadHash`] when a precomputed hash is not
    /// 64 lower-case hex digits.
    pub fn sha256_hex(&self) -> Result<Cow<'_, str>, Error> {
        match *self {
            Payload::Bytes(bytes) => Ok(Cow::Owned(payload_sha256_hex(bytes))),
            Payload::Sha256Hex(hash) => {
                let valid = hash.len() == 64
                    && hash
                        .bytes()
                        .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
                if valid {
                    Ok(Cow::Borrowed(hash))
                } else {
                    Err(Error::InvalidPayloadHash)
                }
            }
        }
    }
}

/// The parts of an HTTP request that ACS3-HMAC-SHA256 covers.
///
/// The same type describes a request to sign (client side) and a received
/// request to verify (server side).
#[derive(Clone, Copy, Default, PartialEq, Eq)]
pub struct RequestParts<'a> {
    /// The HTTP method, as sent (`GET`, `POST`, ...).
    pub method: &'a str,
    /// The path exactly as sent, already percent-encoded; empty means `/`.
    pub path: &'a str,
    /// Query parameters as decoded `(key, value)` pairs; the signer
    /// percent-encodes them (RFC 3986, space as `%20`). Order does not matter;
    /// repeated keys are allowed. See [`parse_query`] for a raw query string.
    pub query: &'a [(&'a str, &'a str)],
    /// Headers as `(name, value)` pairs. Names are case-insensitive; values
    /// are trimmed; repeated names are joined (values sorted, then `,`).
    pub headers: &'a [(&'a str, &'a str)],
    /// The body, or its SHA-256.
    pub payload: Payload<'a>,
}

impl<'a> RequestParts<'a> {
    /// A request with no query, no headers and an empty body.
    pub fn new(method: &'a str, path: &'a str) -> Self {
        Self {
            method,
            path,
            ..Self::default()
        }
    }

    /// The same request with these query pairs.
    #[must_use]
    pub fn with_query(self, query: &'a [(&'a str, &'a str)]) -> Self {
        Self { query, ..self }
    }

    /// The same request with these headers.
    #[must_use]
    pub fn with_headers(self, headers: &'a [(&'a str, &'a str)]) -> Self {
        Self { headers, ..self }
    }

    /// The same request with this payload.
    #[must_use]
    pub fn with_payload(self, payload: Payload<'a>) -> Self {
        Self { payload, ..self }
    }
}

/// Header values that `Debug` output never shows: they grant access on their own
/// (`authorization`) or together with a leaked secret (`x-acs-security-token`).
pub(crate) fn is_sensitive_header(name: &str) -> bool {
    name.eq_ignore_ascii_case("authorization") || name.eq_ignore_ascii_case("x-acs-security-token")
}

pub(crate) const REDACTED: &str = "** redacted **";

impl fmt::Debug for RequestParts<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let headers: Vec<(&str, &str)> = self
            .headers
            .iter()
            .map(|&(name, value)| {
                (
                    name,
                    if is_sensitive_header(name) {
                        REDACTED
                    } else {
                        value
                    },
                )
            })
            .collect();
        f.debug_struct("RequestParts")
            .field("method", &self.method)
            .field("path", &self.path)
            .field("query", &self.query)
            .field("headers", &headers)
            .field("payload", &self.payload)
            .finish()
    }
}

/// The result of signing a request.
///
/// Its `Debug` output leaves out the signature, the `Authorization` value and any security
/// token in the canonical request.
#[derive(Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Signed {
    /// The canonical request (see the crate docs for its layout).
    pub canonical_request: String,
    /// `ACS3-HMAC-SHA256\n<hex SHA-256 of the canonical request>`.
    pub string_to_sign: String,
    /// The signed header names, lower-cased, sorted, joined by `;`.
    pub signed_headers: String,
    /// Lower-case hex HMAC-SHA256 of the string to sign.
    pub signature: String,
    /// The full `Authorization` header value:
    /// `ACS3-HMAC-SHA256 Credential=<id>,SignedHeaders=<a;b;c>,Signature=<hex>`.
    pub authorization: String,
}

impl fmt::Debug for Signed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let canonical: Vec<&str> = self
            .canonical_request
            .split('\n')
            .map(|line| match line.split_once(':') {
                Some((name, _)) if is_sensitive_header(name) => REDACTED,
                _ => line,
            })
            .collect();
        f.debug_struct("Signed")
            .field("canonical_request", &canonical.join("\n"))
            .field("string_to_sign", &self.string_to_sign)
            .field("signed_headers", &self.signed_headers)
            .field("signature", &REDACTED)
            .field("authorization", &REDACTED)
            .finish()
    }
}

/// Signs every header in `request.headers`, as the official Python SDK does
/// (and as the shared test vectors expect).
///
/// Errors: [`Error::InvalidHeaderName`], [`Error::InvalidHeaderValue`],
/// [`Error::InvalidPayloadHash`].
pub fn sign(key: &AccessKey, request: &RequestParts<'_>) -> Result<Signed, Error> {
    sign_with(key, request, |_| true)
}

/// Signs the headers of `request.headers` for which `select` returns true.
///
/// `select` receives the lower-cased header name. Pass
/// [`is_go_ts_signed_header`] for the official Go and TypeScript SDKs'
/// choice. Errors as for [`sign`].
///
/// It returns every intermediate string, to show or compare them; a client
/// that only needs the header value calls [`authorization_with`], which
/// computes the same signature without building them.
pub fn sign_with(
    key: &AccessKey,
    request: &RequestParts<'_>,
    select: impl Fn(&str) -> bool,
) -> Result<Signed, Error> {
    let payload_hash = request.payload.hex_digest()?;
    let canonical = Canonical::new(request, &select)?;
    let mut canonical_request = String::with_capacity(512);
    canonical.write(request, payload_hash.as_str(), &mut canonical_request);
    let request_hash = HexDigest::of(Sha256::digest(canonical_request.as_bytes()));
    let string_to_sign = format!("{ALGORITHM}\n{}", request_hash.as_str());
    let signature = HexDigest::of(key.mac(&request_hash)).as_str().to_owned();
    let mut signed_headers = String::new();
    canonical.write_signed_headers(&mut signed_headers);
    let authorization = format!(
        "{ALGORITHM} Credential={},SignedHeaders={signed_headers},Signature={signature}",
        key.id(),
    );
    Ok(Signed {
        canonical_request,
        string_to_sign,
        signed_headers,
        signature,
        authorization,
    })
}

/// The `Authorization` header value of `request`, signing the headers for
/// which `select` returns true: the same value as
/// [`sign_with`]`(..).authorization`, computed without building the canonical
/// request (it is hashed as it is written), so a client pays for the hashing
/// and one string. Errors as for [`sign`].
///
/// ```
/// use acs3::{AccessKey, RequestParts};
///
/// let key = AccessKey::new("LTAI-example", "example-secret");
/// let headers = [("host", "fcv3.cn-hangzhou.aliyuncs.com"), ("x-acs-date", "2026-01-02T03:04:05Z")];
/// let request = RequestParts::new("GET", "/").with_headers(&headers);
/// let authorization = acs3::authorization_with(&key, &request, acs3::is_go_ts_signed_header)?;
/// assert_eq!(authorization, acs3::sign_with(&key, &request, acs3::is_go_ts_signed_header)?.authorization);
/// # Ok::<(), acs3::Error>(())
/// ```
pub fn authorization_with(
    key: &AccessKey,
    request: &RequestParts<'_>,
    select: impl Fn(&str) -> bool,
) -> Result<String, Error> {
    let payload_hash = request.payload.hex_digest()?;
    let canonical = Canonical::new(request, &select)?;
    let mut hasher = Sha256::new();
    canonical.write(request, payload_hash.as_str(), &mut hasher);
    let signature = HexDigest::of(key.mac(&HexDigest::of(hasher.finalize())));
    let mut authorization = String::with_capacity(160 + key.id().len());
    authorization.push_str(ALGORITHM);
    authorization.push_str(" Credential=");
    authorization.push_str(key.id());
    authorization.push_str(",SignedHeaders=");
    canonical.write_signed_headers(&mut authorization);
    authorization.push_str(",Signature=");
    authorization.push_str(signature.as_str());
    Ok(authorization)
}

/// The header selection of the official Go and TypeScript SDKs: `host`,
/// `content-type` and every `x-acs-*` header (name compared case-insensitively).
///
/// ```
/// assert!(acs3::is_go_ts_signed_header("X-Acs-Date"));
/// assert!(!acs3::is_go_ts_signed_header("user-agent"));
/// ```
pub fn is_go_ts_signed_header(name: &str) -> bool {
    name.eq_ignore_ascii_case("host")
        || name.eq_ignore_ascii_case("content-type")
        || name
            .get(..6)
            .is_some_and(|prefix| prefix.eq_ignore_ascii_case("x-acs-"))
}

/// Decodes a raw query string (the part after `?`, as received) into
/// `(key, value)` pairs for [`RequestParts::query`].
///
/// Pairs are separated by `&`; the first `=` separates key and value (a pair
/// without `=` has an empty value); empty pairs are skipped. `%XX` escapes are
/// decoded, `+` stays a plus sign (RFC 3986, which is how the SDKs encode:
/// they send a space as `%20` and `+` as `%2B`).
///
/// Fails with [`Error::InvalidQuery`] on a `%` not followed by two hex digits,
/// or when the decoded bytes are not UTF-8.
///
/// ```
/// let pairs = acs3::parse_query("qualifier=LATEST&prefix=a%20b%2B&flag").unwrap();
/// assert_eq!(
///     pairs,
///     [("qualifier".into(), "LATEST".into()), ("prefix".into(), "a b+".into()), ("flag".into(), String::new())]
/// );
/// ```
pub fn parse_query(raw: &str) -> Result<Vec<(String, String)>, Error> {
    raw.split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            Ok((decode_component(key)?, decode_component(value)?))
        })
        .collect()
}

fn decode_component(text: &str) -> Result<String, Error> {
    let bytes = text.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        if b == b'%' {
            let escape = bytes.get(i + 1..i + 3);
            if !escape.is_some_and(|e| e.iter().all(u8::is_ascii_hexdigit)) {
                return Err(Error::InvalidQuery {
                    reason: "a '%' is not followed by two hexadecimal digits",
                });
            }
        }
    }
    percent_encoding::percent_decode_str(text)
        .decode_utf8()
        .map(Cow::into_owned)
        .map_err(|_| Error::InvalidQuery {
            reason: "a decoded component is not UTF-8",
        })
}

/// 64 lower-case hex digits of a SHA-256 or HMAC-SHA256 output, on the stack.
pub(crate) struct HexDigest([u8; 64]);

impl HexDigest {
    pub(crate) fn of(bytes: impl AsRef<[u8]>) -> Self {
        let mut hex = [0u8; 64];
        // A 32-byte input always fits; anything else is a bug caught by the tests.
        hex::encode_to_slice(bytes.as_ref(), &mut hex).expect("a 32-byte digest");
        HexDigest(hex)
    }

    pub(crate) fn as_str(&self) -> &str {
        // Hex digits are ASCII.
        std::str::from_utf8(&self.0).unwrap_or_default()
    }
}

impl Payload<'_> {
    /// The payload's hex SHA-256, without allocating.
    pub(crate) fn hex_digest(&self) -> Result<HexDigest, Error> {
        match *self {
            Payload::Bytes(bytes) => Ok(HexDigest::of(Sha256::digest(bytes))),
            Payload::Sha256Hex(_) => {
                let hash = self.sha256_hex()?;
                let mut hex = [0u8; 64];
                hex.copy_from_slice(hash.as_bytes());
                Ok(HexDigest(hex))
            }
        }
    }
}

/// Where a canonical request is written: a `String` (to show it) or a running
/// SHA-256 (to sign it without building it).
pub(crate) trait Sink {
    fn put(&mut self, text: &str);
}

impl Sink for String {
    fn put(&mut self, text: &str) {
        self.push_str(text);
    }
}

impl Sink for Sha256 {
    fn put(&mut self, text: &str) {
        Digest::update(self, text.as_bytes());
    }
}

/// The signed headers and the query of a request, in canonical order; the
/// canonical request is written from it.
pub(crate) struct Canonical<'r> {
    /// `(lower-case name, trimmed value)` of each signed header, sorted by name
    /// then value (so the values of a repeated name come sorted too).
    headers: Vec<(Cow<'r, str>, &'r str)>,
    /// RFC 3986-encoded `(key, value)` pairs, sorted.
    query: Vec<(Cow<'r, str>, Cow<'r, str>)>,
}

impl<'r> Canonical<'r> {
    /// Picks the headers whose lower-cased names `select` accepts.
    pub(crate) fn new(
        request: &RequestParts<'r>,
        select: &dyn Fn(&str) -> bool,
    ) -> Result<Self, Error> {
        let mut headers: Vec<(Cow<'r, str>, &'r str)> = Vec::with_capacity(request.headers.len());
        for &(name, value) in request.headers {
            let lower = if name.bytes().any(|b| b.is_ascii_uppercase()) {
                Cow::Owned(name.to_ascii_lowercase())
            } else {
                Cow::Borrowed(name)
            };
            if !select(&lower) {
                continue;
            }
            if !is_token(name) {
                return Err(Error::InvalidHeaderName { name: clip(name) });
            }
            if value.bytes().any(|b| matches!(b, b'\r' | b'\n' | 0)) {
                return Err(Error::InvalidHeaderValue { name: clip(name) });
            }
            headers.push((lower, value.trim()));
        }
        headers.sort_unstable();

        let mut query: Vec<(Cow<'r, str>, Cow<'r, str>)> = request
            .query
            .iter()
            .map(|&(k, v)| {
                (
                    utf8_percent_encode(k, QUERY_ENCODE).into(),
                    utf8_percent_encode(v, QUERY_ENCODE).into(),
                )
            })
            .collect();
        query.sort_unstable();
        Ok(Self { headers, query })
    }

    /// The distinct signed header names, in order.
    pub(crate) fn names(&self) -> impl Iterator<Item = &str> {
        let mut previous: Option<&str> = None;
        self.headers.iter().filter_map(move |(name, _)| {
            let name = name.as_ref();
            if previous == Some(name) {
                return None;
            }
            previous = Some(name);
            Some(name)
        })
    }

    /// The canonical value of a signed header: its values joined by `,`.
    pub(crate) fn value(&self, name: &str) -> Option<Cow<'r, str>> {
        let first = self.headers.partition_point(|(n, _)| n.as_ref() < name);
        let same = self.headers[first..]
            .iter()
            .take_while(|(n, _)| n.as_ref() == name);
        let mut joined: Option<Cow<'r, str>> = None;
        for &(_, value) in same {
            match &mut joined {
                None => joined = Some(Cow::Borrowed(value)),
                Some(so_far) => {
                    let so_far = so_far.to_mut();
                    so_far.push(',');
                    so_far.push_str(value);
                }
            }
        }
        joined
    }

    /// The signed header names joined by `;`.
    pub(crate) fn write_signed_headers(&self, out: &mut impl Sink) {
        for (i, name) in self.names().enumerate() {
            if i > 0 {
                out.put(";");
            }
            out.put(name);
        }
    }

    /// Writes the canonical request (see the crate docs for its layout).
    pub(crate) fn write(
        &self,
        request: &RequestParts<'_>,
        payload_hash: &str,
        out: &mut impl Sink,
    ) {
        out.put(request.method);
        out.put("\n");
        out.put(if request.path.is_empty() {
            "/"
        } else {
            request.path
        });
        out.put("\n");
        for (i, (k, v)) in self.query.iter().enumerate() {
            if i > 0 {
                out.put("&");
            }
            out.put(k);
            out.put("=");
            out.put(v);
        }
        out.put("\n");
        let mut previous: Option<&str> = None;
        for (name, value) in &self.headers {
            if previous == Some(name.as_ref()) {
                out.put(",");
            } else {
                if previous.is_some() {
                    out.put("\n");
                }
                out.put(name);
                out.put(":");
                previous = Some(name.as_ref());
            }
            out.put(value);
        }
        if previous.is_some() {
            out.put("\n");
        }
        out.put("\n");
        self.write_signed_headers(out);
        out.put("\n");
        out.put(payload_hash);
    }
}

/// RFC 7230 `tchar`: what an HTTP header name is made of.
pub(crate) fn is_token(name: &str) -> bool {
    !name.is_empty() && name.bytes().all(|b| TCHAR[usize::from(b)])
}

/// `TCHAR[b]`: whether byte `b` is a `tchar` (looked up once per byte of every header name).
const TCHAR: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        table[b] = c.is_ascii_alphanumeric()
            || matches!(
                c,
                b'!' | b'#'
                    | b'$'
                    | b'%'
                    | b'&'
                    | b'\''
                    | b'*'
                    | b'+'
                    | b'-'
                    | b'.'
                    | b'^'
                    | b'_'
                    | b'`'
                    | b'|'
                    | b'~'
            );
        b += 1;
    }
    table
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tchar_table_is_rfc_7230() {
        for b in 0..=255u8 {
            let expected = b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b);
            assert_eq!(TCHAR[usize::from(b)], expected, "byte {b}");
        }
        assert!(is_token("x-acs-date"));
        assert!(!is_token(""));
        assert!(!is_token("x acs"));
    }
}
