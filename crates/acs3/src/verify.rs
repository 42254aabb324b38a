//! Parsing `Authorization` headers and verifying signed requests.

use std::borrow::Cow;

use sha2::{Digest, Sha256};

use crate::error::{AuthField, Error, MalformedAuthorization, clip};
use crate::key::KeyStore;
use crate::sign::{ALGORITHM, Canonical, HexDigest, RequestParts, is_token};

/// Headers every verified request must have signed, sorted.
pub const REQUIRED_SIGNED_HEADERS: [&str; 6] = [
    "host",
    "x-acs-action",
    "x-acs-content-sha256",
    "x-acs-date",
    "x-acs-signature-nonce",
    "x-acs-version",
];

/// A parsed `Authorization` header:
/// `ACS3-HMAC-SHA256 Credential=<id>,SignedHeaders=<a;b;c>,Signature=<hex>`.
#[derive(Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Authorization<'a> {
    /// The access key id of the `Credential` field.
    pub access_key_id: &'a str,
    /// The `SignedHeaders` entries: lower-case, sorted, no repeats.
    pub signed_headers: Vec<&'a str>,
    /// The decoded `Signature` (the HMAC-SHA256 the client computed).
    pub signature: [u8; 32],
}

impl std::fmt::Debug for Authorization<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Authorization")
            .field("access_key_id", &self.access_key_id)
            .field("signed_headers", &self.signed_headers)
            .field("signature", &crate::sign::REDACTED)
            .finish()
    }
}

impl<'a> Authorization<'a> {
    /// Parses an `Authorization` header value.
    ///
    /// The three fields may come in any order, each exactly once, separated by
    /// `,` (spaces around them are ignored). `SignedHeaders` must be lower-case
    /// header names in strictly ascending order, as every official SDK sends
    /// them; `Signature` must be 64 hex digits.
    ///
    /// ```
    /// let auth = acs3::Authorization::parse(
    ///     "ACS3-HMAC-SHA256 Credential=LTAI-id,SignedHeaders=host;x-acs-date,Signature=\
    ///      06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0",
    /// )
    /// .unwrap();
    /// assert_eq!(auth.access_key_id, "LTAI-id");
    /// assert_eq!(auth.signed_headers, ["host", "x-acs-date"]);
    /// ```
    pub fn parse(value: &'a str) -> Result<Self, MalformedAuthorization> {
        use MalformedAuthorization as M;

        let value = value.trim();
        if value.is_empty() {
            return Err(M::Empty);
        }
        let (algorithm, rest) = value.split_once(' ').unwrap_or((value, ""));
        if algorithm != ALGORITHM {
            return Err(M::WrongAlgorithm {
                found: clip(algorithm),
            });
        }

        let mut fields: [Option<&'a str>; 3] = [None; 3];
        let rest = rest.trim();
        for part in rest.split(',').map(str::trim).filter(|_| !rest.is_empty()) {
            let (name, field_value) = part.split_once('=').unwrap_or((part, ""));
            let (slot, field) = match name {
                "Credential" => (0, AuthField::Credential),
                "SignedHeaders" => (1, AuthField::SignedHeaders),
                "Signature" => (2, AuthField::Signature),
                _ => return Err(M::UnexpectedPart { part: clip(part) }),
            };
            if fields[slot].is_some() {
                return Err(M::DuplicateField(field));
            }
            if field_value.is_empty() {
                return Err(M::EmptyField(field));
            }
            fields[slot] = Some(field_value);
        }
        let [credential, signed_headers, signature] = fields;
        let credential = credential.ok_or(M::MissingField(AuthField::Credential))?;
        let signed_headers = signed_headers.ok_or(M::MissingField(AuthField::SignedHeaders))?;
        let signature = signature.ok_or(M::MissingField(AuthField::Signature))?;

        if credential
            .chars()
            .any(|c| c.is_whitespace() || c.is_control())
        {
            return Err(M::BadCredential);
        }

        let names: Vec<&'a str> = signed_headers.split(';').collect();
        for (i, name) in names.iter().enumerate() {
            if !is_token(name) || name.bytes().any(|b| b.is_ascii_uppercase()) {
                return Err(M::BadSignedHeaderName { name: clip(name) });
            }
            if i > 0 && names[i - 1] >= *name {
                return Err(M::UnsortedSignedHeaders { name: clip(name) });
            }
        }

        let mut decoded = [0u8; 32];
        if signature.len() != 64 || hex::decode_to_slice(signature, &mut decoded).is_err() {
            return Err(M::BadSignatureHex);
        }

        Ok(Self {
            access_key_id: credential,
            signed_headers: names,
            signature: decoded,
        })
    }
}

/// What [`verify`] learned about a request whose signature is good, borrowed
/// from the request and its `Authorization` value.
///
/// The crate has no clock and no memory: check [`date`](Self::date) (for
/// instance with [`check_date`](crate::check_date)) and make sure
/// [`nonce`](Self::nonce) was not seen before within the allowed clock skew.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Verified<'a> {
    /// The access key id that signed the request.
    pub access_key_id: &'a str,
    /// The signed header names, lower-case and sorted.
    pub signed_headers: Vec<&'a str>,
    /// The `x-acs-date` value (signed), unchecked.
    pub date: Cow<'a, str>,
    /// The `x-acs-signature-nonce` value (signed), unchecked.
    pub nonce: Cow<'a, str>,
}

/// Verifies a received request against its `Authorization` header value.
///
/// `request` holds the request as received: all its headers (the ones the
/// client declared in `SignedHeaders` are picked by name) and its payload
/// (the body, or its SHA-256 if the caller hashed it while streaming).
///
/// Checks, in this order, each with its own error:
/// 1. the header parses ([`Error::MalformedAuthorization`]);
/// 2. every one of [`REQUIRED_SIGNED_HEADERS`] is signed
///    ([`Error::MissingRequiredSignedHeader`]);
/// 3. `keys` knows the access key id ([`Error::UnknownAccessKey`]);
/// 4. every declared header is present ([`Error::SignedHeaderAbsent`]; a
///    present header that is not a valid name or value gives
///    [`Error::InvalidHeaderName`] / [`Error::InvalidHeaderValue`]);
/// 5. `x-acs-content-sha256` is the payload's SHA-256
///    ([`Error::PayloadHashMismatch`]);
/// 6. the signature matches, compared in constant time
///    ([`Error::SignatureMismatch`]).
///
/// It does not check the date nor the nonce: see [`Verified`].
pub fn verify<'a, K>(
    request: &RequestParts<'a>,
    authorization: &'a str,
    keys: &K,
) -> Result<Verified<'a>, Error>
where
    K: KeyStore + ?Sized,
{
    let auth = Authorization::parse(authorization)?;
    let declared = &auth.signed_headers;
    if let Some(missing) = REQUIRED_SIGNED_HEADERS
        .iter()
        .find(|name| declared.binary_search(name).is_err())
    {
        return Err(Error::MissingRequiredSignedHeader { name: missing });
    }
    let key = keys
        .find(auth.access_key_id)
        .ok_or_else(|| Error::UnknownAccessKey {
            id: clip(auth.access_key_id),
        })?;

    let payload_hash = request.payload.hex_digest()?;
    let select = |name: &str| declared.binary_search(&name).is_ok();
    let canonical = Canonical::new(request, &select)?;
    if canonical.names().count() != declared.len() {
        let absent = declared
            .iter()
            .find(|name| canonical.value(name).is_none())
            .copied()
            .unwrap_or_default();
        return Err(Error::SignedHeaderAbsent { name: clip(absent) });
    }
    let value_of = |name: &str| canonical.value(name).unwrap_or_default();

    if value_of("x-acs-content-sha256") != payload_hash.as_str() {
        return Err(Error::PayloadHashMismatch);
    }

    let mut hasher = Sha256::new();
    canonical.write(request, payload_hash.as_str(), &mut hasher);
    if !key.verifies(&HexDigest::of(hasher.finalize()), &auth.signature) {
        return Err(Error::SignatureMismatch);
    }

    Ok(Verified {
        access_key_id: auth.access_key_id,
        date: value_of("x-acs-date"),
        nonce: value_of("x-acs-signature-nonce"),
        signed_headers: auth.signed_headers,
    })
}
