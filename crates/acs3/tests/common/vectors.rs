//! The format of the shared test-vector files
//! (`tests/data/acs3-official-python-sdk.json`) and a checker for one case.
//!
//! Shared by the `vectors` integration test and the `check-vectors` example
//! (through `#[path]`).

use std::collections::BTreeMap;

use serde::Deserialize;

/// A whole vectors file.
#[derive(Debug, Deserialize)]
pub struct VectorFile {
    /// Must be `ACS3-HMAC-SHA256`.
    pub algorithm: String,
    /// Where the expected values come from.
    #[allow(dead_code)] // read by the integration test, not by the example
    #[serde(default)]
    pub source: String,
    /// How to read the cases.
    #[allow(dead_code)] // read by the integration test, not by the example
    #[serde(default)]
    pub conventions: Vec<String>,
    /// The cases.
    pub vectors: Vec<Case>,
}

/// One signing case.
#[derive(Clone, Debug, Deserialize)]
pub struct Case {
    /// A unique name.
    pub name: String,
    /// The key id.
    pub access_key_id: String,
    /// The key secret.
    pub access_key_secret: String,
    /// HTTP method.
    pub method: String,
    /// Encoded path, as sent.
    pub path: String,
    /// Raw (decoded) query parameters.
    #[serde(default)]
    pub query: BTreeMap<String, String>,
    /// Headers, every one of them signed.
    pub headers: BTreeMap<String, String>,
    /// The body as hex.
    #[serde(default)]
    pub body_hex: String,
    /// What the signer must produce.
    pub expected: Expected,
}

/// The expected output of a case.
#[derive(Clone, Debug, Deserialize)]
pub struct Expected {
    /// The canonical request, byte for byte.
    pub canonical_request: String,
    /// The signed header list.
    pub signed_headers: String,
    /// The Authorization header value, byte for byte.
    pub authorization: String,
}

impl VectorFile {
    /// Parses a vectors file's text.
    pub fn from_json(text: &str) -> Result<Self, String> {
        let file: Self = serde_json::from_str(text).map_err(|e| e.to_string())?;
        if file.algorithm != acs3::ALGORITHM {
            return Err(format!(
                "algorithm is {:?}, expected {:?}",
                file.algorithm,
                acs3::ALGORITHM
            ));
        }
        Ok(file)
    }
}

/// What signing a case produced, next to its decoded body.
pub struct Outcome {
    /// The body bytes.
    pub body: Vec<u8>,
    /// The signer's output.
    pub signed: acs3::Signed,
}

impl Case {
    /// The case's key.
    pub fn key(&self) -> acs3::AccessKey {
        acs3::AccessKey::new(&self.access_key_id, &self.access_key_secret)
    }

    /// Runs `f` on the case's request, with `body` as its payload.
    pub fn with_parts<T>(&self, body: &[u8], f: impl FnOnce(acs3::RequestParts<'_>) -> T) -> T {
        let query = pairs(&self.query);
        let headers = pairs(&self.headers);
        f(acs3::RequestParts::new(&self.method, &self.path)
            .with_query(&query)
            .with_headers(&headers)
            .with_payload(acs3::Payload::Bytes(body)))
    }

    /// Signs the case (every header signed, body given as bytes).
    pub fn sign(&self) -> Result<Outcome, String> {
        let body = hex::decode(&self.body_hex).map_err(|e| format!("body_hex: {e}"))?;
        let signed = self
            .with_parts(&body, |request| acs3::sign(&self.key(), &request))
            .map_err(|e| format!("sign: {e}"))?;
        Ok(Outcome { body, signed })
    }

    /// Runs the verifier on the case's request with the expected
    /// Authorization value.
    /// On success: the access key id, the signed headers joined by `;`, the date and the nonce.
    pub fn verify(&self, body: &[u8]) -> Result<[String; 4], acs3::Error> {
        self.with_parts(body, |request| {
            acs3::verify(&request, &self.expected.authorization, &self.key()).map(|v| {
                [
                    v.access_key_id.to_owned(),
                    v.signed_headers.join(";"),
                    v.date.into_owned(),
                    v.nonce.into_owned(),
                ]
            })
        })
    }

    /// Checks everything: canonical request, signed headers and
    /// Authorization byte for byte, then that the verifier accepts the
    /// expected Authorization. The error says what differed first.
    pub fn check(&self) -> Result<(), String> {
        let Outcome { body, signed } = self.sign()?;
        if signed.canonical_request != self.expected.canonical_request {
            return Err(format!(
                "canonical request differs: {}",
                first_difference(&signed.canonical_request, &self.expected.canonical_request)
            ));
        }
        if signed.signed_headers != self.expected.signed_headers {
            return Err(format!(
                "signed headers differ: got {:?}, expected {:?}",
                signed.signed_headers, self.expected.signed_headers
            ));
        }
        if signed.authorization != self.expected.authorization {
            return Err(format!(
                "authorization differs: {}",
                first_difference(&signed.authorization, &self.expected.authorization)
            ));
        }
        self.verify(&body)
            .map_err(|e| format!("verifier rejects the expected authorization: {e}"))?;
        Ok(())
    }
}

fn pairs(map: &BTreeMap<String, String>) -> Vec<(&str, &str)> {
    map.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect()
}

/// Describes where `got` and `expected` first differ (line and column).
pub fn first_difference(got: &str, expected: &str) -> String {
    let mut at = got
        .bytes()
        .zip(expected.bytes())
        .position(|(g, e)| g != e)
        .unwrap_or(got.len().min(expected.len()));
    while !got.is_char_boundary(at) {
        at -= 1;
    }
    let line_start = got[..at].rfind('\n').map_or(0, |i| i + 1);
    let line = got[..at].matches('\n').count() + 1;
    let column = got[line_start..at].chars().count() + 1;
    let line_of = |text: &str| {
        text[line_start..]
            .split('\n')
            .next()
            .unwrap_or("")
            .to_owned()
    };
    format!(
        "line {line}, column {column}: got {:?}, expected {:?}",
        line_of(got),
        line_of(expected)
    )
}
