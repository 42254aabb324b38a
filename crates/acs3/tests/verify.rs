//! Each verification error, the Go/TypeScript header selection, the date
//! helper, query parsing and secret redaction.

use std::collections::HashMap;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use acs3::{
    AccessKey, AuthField, Authorization, Error, KeyStore, MAX_CLOCK_SKEW, MalformedAuthorization,
    Payload, RequestParts,
};

const SECRET: &str = "s3cr3t-Value-that-must-never-leak";
const BODY: &[u8] = br#"{"event":"ping"}"#;

fn key() -> AccessKey {
    AccessKey::new("LTAI-test-id", SECRET)
}

/// An InvokeFunction request as the Python SDK would send it.
struct Fixture {
    hash: String,
}

impl Fixture {
    fn new() -> Self {
        Self {
            hash: acs3::payload_sha256_hex(BODY),
        }
    }

    fn headers(&self) -> Vec<(&str, &str)> {
        vec![
            ("host", "fcv3.cn-hangzhou.aliyuncs.com"),
            ("x-acs-version", "2023-03-30"),
            ("x-acs-action", "InvokeFunction"),
            ("x-acs-date", "2026-03-04T05:06:07Z"),
            ("x-acs-signature-nonce", "0123456789abcdef0123456789abcdef"),
            ("x-acs-content-sha256", &self.hash),
            ("content-type", "application/json"),
            ("accept", "application/json"),
            ("user-agent", "fc3-test"),
            ("x-fc-invocation-type", "Sync"),
        ]
    }
}

fn request<'a>(headers: &'a [(&'a str, &'a str)], body: &'a [u8]) -> RequestParts<'a> {
    RequestParts::new("POST", "/2023-03-30/functions/f/invocations")
        .with_query(&[("qualifier", "LATEST")])
        .with_headers(headers)
        .with_payload(Payload::Bytes(body))
}

fn malformed(authorization: &str) -> MalformedAuthorization {
    match Authorization::parse(authorization) {
        Err(e) => e,
        Ok(auth) => panic!("{authorization:?} parsed as {auth:?}"),
    }
}

const SIG: &str = "06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0";

#[test]
fn sign_then_verify() {
    let fx = Fixture::new();
    let headers = fx.headers();
    let req = request(&headers, BODY);
    let signed = acs3::sign(&key(), &req).unwrap();
    let verified = acs3::verify(&req, &signed.authorization, &key()).unwrap();
    assert_eq!(verified.access_key_id, "LTAI-test-id");
    assert_eq!(
        verified.signed_headers,
        [
            "accept",
            "content-type",
            "host",
            "user-agent",
            "x-acs-action",
            "x-acs-content-sha256",
            "x-acs-date",
            "x-acs-signature-nonce",
            "x-acs-version",
            "x-fc-invocation-type"
        ]
    );
    assert_eq!(verified.date, "2026-03-04T05:06:07Z");
    assert_eq!(verified.nonce, "0123456789abcdef0123456789abcdef");
    // The payload may also be handed over as a hash computed while streaming.
    let streamed = req.with_payload(Payload::Sha256Hex(&fx.hash));
    assert!(acs3::verify(&streamed, &signed.authorization, &key()).is_ok());
}

#[test]
fn authorization_parse_accepts_any_field_order_and_spaces() {
    let header = format!(
        "  ACS3-HMAC-SHA256 Signature={SIG} , SignedHeaders=host;x-acs-date,Credential=LTAI-x "
    );
    let auth = Authorization::parse(&header).unwrap();
    assert_eq!(auth.access_key_id, "LTAI-x");
    assert_eq!(auth.signed_headers, ["host", "x-acs-date"]);
    assert_eq!(hex::encode(auth.signature), SIG);
    // Upper-case hex digits decode too.
    let upper = format!(
        "ACS3-HMAC-SHA256 Credential=a,SignedHeaders=host,Signature={}",
        SIG.to_uppercase()
    );
    assert_eq!(
        Authorization::parse(&upper).unwrap().signature,
        auth.signature
    );
}

#[test]
fn malformed_authorization_variants() {
    use MalformedAuthorization as M;
    let good_tail = format!("Credential=a,SignedHeaders=host,Signature={SIG}");

    assert_eq!(malformed(""), M::Empty);
    assert_eq!(malformed("   "), M::Empty);
    assert_eq!(
        malformed(&format!("ACS3-HMAC-SM3 {good_tail}")),
        M::WrongAlgorithm {
            found: "ACS3-HMAC-SM3".into()
        }
    );
    assert_eq!(
        malformed(&format!("acs3-hmac-sha256 {good_tail}")),
        M::WrongAlgorithm {
            found: "acs3-hmac-sha256".into()
        }
    );
    assert_eq!(
        malformed("Bearer abc"),
        M::WrongAlgorithm {
            found: "Bearer".into()
        }
    );
    assert_eq!(
        malformed("ACS3-HMAC-SHA256"),
        M::MissingField(AuthField::Credential)
    );
    assert_eq!(
        malformed(&format!(
            "ACS3-HMAC-SHA256 SignedHeaders=host,Signature={SIG}"
        )),
        M::MissingField(AuthField::Credential)
    );
    assert_eq!(
        malformed(&format!("ACS3-HMAC-SHA256 Credential=a,Signature={SIG}")),
        M::MissingField(AuthField::SignedHeaders)
    );
    assert_eq!(
        malformed("ACS3-HMAC-SHA256 Credential=a,SignedHeaders=host"),
        M::MissingField(AuthField::Signature)
    );
    assert_eq!(
        malformed(&format!("ACS3-HMAC-SHA256 {good_tail},Credential=b")),
        M::DuplicateField(AuthField::Credential)
    );
    assert_eq!(
        malformed(&format!(
            "ACS3-HMAC-SHA256 Credential=,SignedHeaders=host,Signature={SIG}"
        )),
        M::EmptyField(AuthField::Credential)
    );
    assert_eq!(
        malformed(&format!(
            "ACS3-HMAC-SHA256 Credential=a,SignedHeaders=,Signature={SIG}"
        )),
        M::EmptyField(AuthField::SignedHeaders)
    );
    assert_eq!(
        malformed("ACS3-HMAC-SHA256 Credential=a,SignedHeaders=host,Signature="),
        M::EmptyField(AuthField::Signature)
    );
    assert_eq!(
        malformed(&format!("ACS3-HMAC-SHA256 {good_tail},Region=cn")),
        M::UnexpectedPart {
            part: "Region=cn".into()
        }
    );
    assert_eq!(
        malformed(&format!("ACS3-HMAC-SHA256 {good_tail},")),
        M::UnexpectedPart { part: "".into() }
    );
    assert_eq!(
        malformed(&format!(
            "ACS3-HMAC-SHA256 credential=a,SignedHeaders=host,Signature={SIG}"
        )),
        M::UnexpectedPart {
            part: "credential=a".into()
        }
    );
    assert_eq!(
        malformed(&format!(
            "ACS3-HMAC-SHA256 Credential=a b,SignedHeaders=host,Signature={SIG}"
        )),
        M::BadCredential
    );
    assert_eq!(
        malformed(&format!(
            "ACS3-HMAC-SHA256 Credential=a,SignedHeaders=Host,Signature={SIG}"
        )),
        M::BadSignedHeaderName {
            name: "Host".into()
        }
    );
    assert_eq!(
        malformed(&format!(
            "ACS3-HMAC-SHA256 Credential=a,SignedHeaders=host;;x-acs-date,Signature={SIG}"
        )),
        M::BadSignedHeaderName { name: "".into() }
    );
    assert_eq!(
        malformed(&format!(
            "ACS3-HMAC-SHA256 Credential=a,SignedHeaders=x-acs-date;host,Signature={SIG}"
        )),
        M::UnsortedSignedHeaders {
            name: "host".into()
        }
    );
    assert_eq!(
        malformed(&format!(
            "ACS3-HMAC-SHA256 Credential=a,SignedHeaders=host;host,Signature={SIG}"
        )),
        M::UnsortedSignedHeaders {
            name: "host".into()
        }
    );
    for bad in [&SIG[..63], &format!("{SIG}0"), &SIG.replace('a', "g"), "zz"] {
        assert_eq!(
            malformed(&format!(
                "ACS3-HMAC-SHA256 Credential=a,SignedHeaders=host,Signature={bad}"
            )),
            M::BadSignatureHex,
            "{bad}"
        );
    }
}

#[test]
fn verify_reports_malformed_authorization() {
    let fx = Fixture::new();
    let headers = fx.headers();
    let err = acs3::verify(&request(&headers, BODY), "Basic dXNlcjpwYXNz", &key()).unwrap_err();
    assert!(matches!(
        err,
        Error::MalformedAuthorization(MalformedAuthorization::WrongAlgorithm { .. })
    ));
    assert!(err.to_string().contains("Basic"), "{err}");
}

#[test]
fn unknown_access_key() {
    let fx = Fixture::new();
    let headers = fx.headers();
    let req = request(&headers, BODY);
    let other = AccessKey::new("LTAI-someone-else", SECRET);
    let signed = acs3::sign(&other, &req).unwrap();
    assert_eq!(
        acs3::verify(&req, &signed.authorization, &key()),
        Err(Error::UnknownAccessKey {
            id: "LTAI-someone-else".into()
        })
    );
    // The same through a closure over a map, and through a slice.
    let store: HashMap<String, AccessKey> = [("LTAI-test-id".to_string(), key())].into();
    let lookup = |id: &str| store.get(id).cloned();
    assert!(matches!(
        acs3::verify(&req, &signed.authorization, &lookup),
        Err(Error::UnknownAccessKey { .. })
    ));
    let keys = vec![key(), other.clone()];
    assert!(acs3::verify(&req, &signed.authorization, &keys).is_ok());
    assert!(acs3::verify(&req, &signed.authorization, keys.as_slice()).is_ok());
    assert_eq!(keys.find("nobody").map(|k| k.id().to_owned()), None);
}

#[test]
fn missing_required_signed_header_is_named() {
    let fx = Fixture::new();
    let headers = fx.headers();
    let req = request(&headers, BODY);
    for required in acs3::REQUIRED_SIGNED_HEADERS {
        let signed = acs3::sign_with(&key(), &req, |name| name != required).unwrap();
        assert_eq!(
            acs3::verify(&req, &signed.authorization, &key()),
            Err(Error::MissingRequiredSignedHeader { name: required }),
            "{required}"
        );
    }
    // A request lacking the header altogether cannot sign it either.
    let without_nonce: Vec<_> = headers
        .iter()
        .copied()
        .filter(|(n, _)| *n != "x-acs-signature-nonce")
        .collect();
    let req = request(&without_nonce, BODY);
    let signed = acs3::sign(&key(), &req).unwrap();
    let err = acs3::verify(&req, &signed.authorization, &key()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "required header x-acs-signature-nonce is not among the signed headers"
    );
}

#[test]
fn declared_header_absent() {
    let fx = Fixture::new();
    let headers = fx.headers();
    let req = request(&headers, BODY);
    let signed = acs3::sign(&key(), &req).unwrap();
    for dropped in ["user-agent", "x-acs-date", "host"] {
        let fewer: Vec<_> = headers
            .iter()
            .copied()
            .filter(|(n, _)| *n != dropped)
            .collect();
        assert_eq!(
            acs3::verify(&request(&fewer, BODY), &signed.authorization, &key()),
            Err(Error::SignedHeaderAbsent {
                name: dropped.into()
            })
        );
    }
}

#[test]
fn payload_hash_mismatch() {
    let fx = Fixture::new();
    let headers = fx.headers();
    let req = request(&headers, BODY);
    let signed = acs3::sign(&key(), &req).unwrap();
    let other_body = br#"{"event":"pong"}"#;
    assert_eq!(
        acs3::verify(
            &request(&headers, other_body),
            &signed.authorization,
            &key()
        ),
        Err(Error::PayloadHashMismatch)
    );
    assert_eq!(
        acs3::verify(&request(&headers, b""), &signed.authorization, &key()),
        Err(Error::PayloadHashMismatch)
    );
    // A client whose header and canonical payload hash disagree.
    let wrong_header: Vec<_> = headers
        .iter()
        .map(|&(n, v)| {
            if n == "x-acs-content-sha256" {
                (n, acs3::EMPTY_PAYLOAD_SHA256)
            } else {
                (n, v)
            }
        })
        .collect();
    let req = request(&wrong_header, BODY);
    let signed = acs3::sign(&key(), &req).unwrap();
    assert_eq!(
        acs3::verify(&req, &signed.authorization, &key()),
        Err(Error::PayloadHashMismatch)
    );
}

#[test]
fn signature_mismatch() {
    let fx = Fixture::new();
    let headers = fx.headers();
    let req = request(&headers, BODY);
    let signed = acs3::sign(&key(), &req).unwrap();

    // Wrong secret.
    let impostor = AccessKey::new("LTAI-test-id", "not-the-secret");
    assert_eq!(
        acs3::verify(&req, &signed.authorization, &impostor),
        Err(Error::SignatureMismatch)
    );
    // One flipped signature digit.
    let mut flipped = signed.authorization.clone();
    let last = flipped.pop().unwrap();
    flipped.push(if last == 'f' { 'e' } else { 'f' });
    assert_eq!(
        acs3::verify(&req, &flipped, &key()),
        Err(Error::SignatureMismatch)
    );
    // A different path, method or query.
    for changed in [
        RequestParts {
            path: "/2023-03-30/functions/g/invocations",
            ..req
        },
        RequestParts {
            method: "PUT",
            ..req
        },
        req.with_query(&[("qualifier", "prod")]),
        req.with_query(&[]),
    ] {
        assert_eq!(
            acs3::verify(&changed, &signed.authorization, &key()),
            Err(Error::SignatureMismatch)
        );
    }
    assert_eq!(
        Error::SignatureMismatch.to_string(),
        "the request signature does not match"
    );
}

#[test]
fn go_ts_selection_signs_and_verifies() {
    let fx = Fixture::new();
    let headers = fx.headers();
    let req = request(&headers, BODY);
    let signed = acs3::sign_with(&key(), &req, acs3::is_go_ts_signed_header).unwrap();
    assert_eq!(
        signed.signed_headers,
        "content-type;host;x-acs-action;x-acs-content-sha256;x-acs-date;\
         x-acs-signature-nonce;x-acs-version"
    );
    let verified = acs3::verify(&req, &signed.authorization, &key()).unwrap();
    assert_eq!(verified.signed_headers.len(), 7);

    // Headers outside the selection may change without breaking the signature...
    let mut changed = headers.clone();
    for (name, value) in &mut changed {
        if *name == "user-agent" {
            *value = "something-else";
        }
    }
    changed.push(("x-fc-log-type", "Tail"));
    assert!(acs3::verify(&request(&changed, BODY), &signed.authorization, &key()).is_ok());

    // ...but a signed one may not.
    for (name, value) in &mut changed {
        if *name == "content-type" {
            *value = "text/plain";
        }
    }
    assert_eq!(
        acs3::verify(&request(&changed, BODY), &signed.authorization, &key()),
        Err(Error::SignatureMismatch)
    );

    assert!(acs3::is_go_ts_signed_header("HOST"));
    assert!(acs3::is_go_ts_signed_header("Content-Type"));
    assert!(acs3::is_go_ts_signed_header("x-acs-security-token"));
    assert!(!acs3::is_go_ts_signed_header("x-acs"));
    assert!(!acs3::is_go_ts_signed_header("x-fc-log-type"));
    assert!(!acs3::is_go_ts_signed_header("accept"));
    assert!(!acs3::is_go_ts_signed_header("hostname"));
}

#[test]
fn header_canonicalisation() {
    let headers = [
        ("X-Multi", " b "),
        ("x-acs-date", "\t2026-01-01T00:00:00Z  "),
        ("x-multi", "a"),
        ("HOST", "example.com"),
    ];
    let req = RequestParts::new("GET", "").with_headers(&headers);
    let signed = acs3::sign(&key(), &req).unwrap();
    assert_eq!(
        signed.canonical_request,
        format!(
            "GET\n/\n\nhost:example.com\nx-acs-date:2026-01-01T00:00:00Z\nx-multi:a,b\n\n\
             host;x-acs-date;x-multi\n{}",
            acs3::EMPTY_PAYLOAD_SHA256
        )
    );
    // Names are compared case-insensitively and order does not matter.
    let reordered = [
        ("x-multi", "a"),
        ("host", "example.com"),
        ("x-multi", "b"),
        ("X-ACS-DATE", "2026-01-01T00:00:00Z"),
    ];
    assert_eq!(
        acs3::sign(&key(), &req.with_headers(&reordered)).unwrap(),
        signed
    );
}

#[test]
fn query_canonicalisation() {
    let query = [("b", ""), ("a", "x y+z*~é"), ("a", "!"), ("c d", "/?&=")];
    let req = RequestParts::new("GET", "/p").with_query(&query);
    let signed = acs3::sign(&key(), &req).unwrap();
    let third_line = signed.canonical_request.split('\n').nth(2).unwrap();
    assert_eq!(
        third_line,
        "a=%21&a=x%20y%2Bz%2A~%C3%A9&b=&c%20d=%2F%3F%26%3D"
    );
}

#[test]
fn invalid_signing_inputs() {
    let bad_hashes = [
        "",
        "E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855",
        "e3b0c442",
        "g3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
    ];
    for hash in bad_hashes {
        let req = RequestParts::new("GET", "/").with_payload(Payload::Sha256Hex(hash));
        assert_eq!(
            acs3::sign(&key(), &req),
            Err(Error::InvalidPayloadHash),
            "{hash}"
        );
    }
    for name in ["", "bad name", "colon:", "tab\t"] {
        let headers = [(name, "v")];
        let req = RequestParts::new("GET", "/").with_headers(&headers);
        assert_eq!(
            acs3::sign(&key(), &req),
            Err(Error::InvalidHeaderName { name: name.into() }),
            "{name:?}"
        );
    }
    for value in ["a\r\nx-injected: 1", "a\nb", "nul\0"] {
        let headers = [("x-acs-thing", value)];
        let req = RequestParts::new("GET", "/").with_headers(&headers);
        assert_eq!(
            acs3::sign(&key(), &req),
            Err(Error::InvalidHeaderValue {
                name: "x-acs-thing".into()
            })
        );
    }
    // A header the selection leaves out is not inspected.
    let headers = [("bad name", "v"), ("host", "h")];
    let req = RequestParts::new("GET", "/").with_headers(&headers);
    assert!(acs3::sign_with(&key(), &req, acs3::is_go_ts_signed_header).is_ok());
}

#[test]
fn parse_query_decodes_and_rejects() {
    assert_eq!(acs3::parse_query("").unwrap(), []);
    assert_eq!(
        acs3::parse_query("a=1&&b=%C3%A9+&c&d==").unwrap(),
        [
            ("a".to_string(), "1".to_string()),
            ("b".into(), "é+".into()),
            ("c".into(), String::new()),
            ("d".into(), "=".into()),
        ]
    );
    for bad in ["a=%", "a=%2", "a=%zz", "%G0=1", "a=%FF"] {
        assert!(
            matches!(acs3::parse_query(bad), Err(Error::InvalidQuery { .. })),
            "{bad}"
        );
    }
    // What a signer encodes, parse_query decodes back to the same signature.
    let query = [("prefix", "%*& é+/"), ("qualifier", "LATEST")];
    let headers = [("host", "h")];
    let sent = RequestParts::new("GET", "/")
        .with_query(&query)
        .with_headers(&headers);
    let signed = acs3::sign(&key(), &sent).unwrap();
    let raw = signed.canonical_request.split('\n').nth(2).unwrap();
    let parsed = acs3::parse_query(raw).unwrap();
    let parsed: Vec<(&str, &str)> = parsed
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    assert_eq!(
        acs3::sign(&key(), &sent.with_query(&parsed)).unwrap(),
        signed
    );
}

fn at(date: &str) -> SystemTime {
    acs3::parse_date(date).unwrap()
}

#[test]
fn date_helper_skew() {
    let now = at("2026-03-04T05:06:07Z");
    for inside in [
        "2026-03-04T05:06:07Z",
        "2026-03-04T04:51:07Z",
        "2026-03-04T05:21:07Z",
        "2026-03-04T05:20:00Z",
    ] {
        assert_eq!(
            acs3::check_date(inside, now, MAX_CLOCK_SKEW),
            Ok(()),
            "{inside}"
        );
    }
    for (outside, skew) in [
        ("2026-03-04T04:51:06Z", 901),
        ("2026-03-04T05:21:08Z", 901),
        ("2026-03-03T05:06:07Z", 86_400),
    ] {
        assert_eq!(
            acs3::check_date(outside, now, MAX_CLOCK_SKEW),
            Err(Error::ClockSkew {
                value: outside.into(),
                skew: Duration::from_secs(skew),
                max: MAX_CLOCK_SKEW
            }),
            "{outside}"
        );
    }
    // Fractions of a second in "now" count.
    let now = now + Duration::from_millis(500);
    assert!(acs3::check_date("2026-03-04T05:21:07Z", now, MAX_CLOCK_SKEW).is_ok());
    assert!(acs3::check_date("2026-03-04T04:51:07Z", now, MAX_CLOCK_SKEW).is_err());
    assert_eq!(
        acs3::check_date("2026-03-04T05:06:17Z", now, Duration::from_secs(5))
            .unwrap_err()
            .to_string(),
        "x-acs-date 2026-03-04T05:06:17Z is 9s away from the server clock (at most 5s allowed)"
    );
}

#[test]
fn date_helper_rejects_malformed_dates() {
    let now = at("2026-03-04T05:06:07Z");
    let cases = [
        ("", "wrong length"),
        ("2026-03-04T05:06:07", "wrong length"),
        ("2026-03-04T05:06:07.000Z", "wrong length"),
        ("2026-03-04 05:06:07Z", "wrong separator"),
        ("2026-03-04T05:06:07z", "wrong separator"),
        ("2026/03/04T05:06:07Z", "wrong separator"),
        ("2026-03-04T05:06:0+Z", "a field is not all digits"),
        ("+026-03-04T05:06:07Z", "a field is not all digits"),
        ("2026-0é-04T05:06:0Z", "wrong separator"),
        ("2026-00-04T05:06:07Z", "month out of range"),
        ("2026-13-04T05:06:07Z", "month out of range"),
        ("2026-03-00T05:06:07Z", "day out of range"),
        ("2026-04-31T05:06:07Z", "day out of range"),
        ("2026-02-29T05:06:07Z", "day out of range"),
        ("2100-02-29T05:06:07Z", "day out of range"),
        ("2026-03-04T24:00:00Z", "hour out of range"),
        ("2026-03-04T05:60:07Z", "minute out of range"),
        ("2026-03-04T05:06:60Z", "second out of range"),
        ("Wed, 04 Mar 2026 05:06Z", "wrong length"),
    ];
    for (value, reason) in cases {
        assert_eq!(
            acs3::check_date(value, now, MAX_CLOCK_SKEW),
            Err(Error::InvalidDate {
                value: value.into(),
                reason
            }),
            "{value:?}"
        );
    }
    assert!(acs3::parse_date("2024-02-29T23:59:59Z").is_ok());
    assert!(acs3::parse_date("2000-02-29T00:00:00Z").is_ok());
}

#[test]
fn dates_format_and_parse() {
    assert_eq!(
        acs3::format_date(UNIX_EPOCH).as_deref(),
        Some("1970-01-01T00:00:00Z")
    );
    assert_eq!(acs3::parse_date("1970-01-01T00:00:00Z"), Ok(UNIX_EPOCH));
    let before = UNIX_EPOCH - Duration::from_millis(1500);
    assert_eq!(
        acs3::format_date(before).as_deref(),
        Some("1969-12-31T23:59:58Z")
    );
    assert_eq!(
        acs3::parse_date("1969-12-31T23:59:58Z"),
        Ok(UNIX_EPOCH - Duration::from_secs(2))
    );
    let t = UNIX_EPOCH + Duration::from_secs(951_782_400); // 2000-02-29
    assert_eq!(
        acs3::format_date(t).as_deref(),
        Some("2000-02-29T00:00:00Z")
    );
    assert_eq!(
        acs3::format_date(at("9999-12-31T23:59:59Z")).as_deref(),
        Some("9999-12-31T23:59:59Z")
    );
    assert_eq!(
        acs3::format_date(at("9999-12-31T23:59:59Z") + Duration::from_secs(1)),
        None
    );
    assert_eq!(
        acs3::format_date(at("0000-01-01T00:00:00Z")).as_deref(),
        Some("0000-01-01T00:00:00Z")
    );
}

#[test]
fn secrets_never_appear_in_debug_or_errors() {
    let key = key();
    let debug = format!("{key:?}");
    assert_eq!(
        debug,
        r#"AccessKey { id: "LTAI-test-id", secret: "** redacted **" }"#
    );
    assert!(!format!("{key:#?}").contains(SECRET));

    let fx = Fixture::new();
    let headers = fx.headers();
    let req = request(&headers, BODY);
    let signed = acs3::sign(&key, &req).unwrap();
    let verified = acs3::verify(&req, &signed.authorization, &key).unwrap();
    for text in [
        format!("{signed:?}"),
        format!("{verified:?}"),
        format!("{req:?}"),
        format!("{:?}", Authorization::parse(&signed.authorization).unwrap()),
    ] {
        assert!(!text.contains(SECRET), "{text}");
        // The signature grants access for as long as the date is fresh: never shown either.
        assert!(!text.contains(&signed.signature), "{text}");
    }

    // A security token, in the headers or the canonical request, is never shown.
    let token = "CAIS-sts-token-value-that-must-not-leak";
    let mut with_token = headers.clone();
    with_token.push(("x-acs-security-token", token));
    with_token.push((
        "authorization",
        "ACS3-HMAC-SHA256 Credential=x,SignedHeaders=host,Signature=00",
    ));
    let req = request(&with_token, BODY);
    let signed = acs3::sign_with(&key, &req, |name| name != "authorization").unwrap();
    assert!(
        signed.canonical_request.contains(token),
        "the token is signed"
    );
    for text in [format!("{signed:?}"), format!("{req:?}")] {
        assert!(!text.contains(token), "{text}");
        assert!(!text.contains("Signature=00"), "{text}");
    }

    // Error messages carry neither the secret nor any signature.
    let impostor = AccessKey::new("LTAI-test-id", "wrong");
    let mismatch = acs3::verify(&req, &signed.authorization, &impostor).unwrap_err();
    let mut correct = acs3::sign(&impostor, &req).unwrap().signature;
    correct.truncate(16);
    for text in [mismatch.to_string(), format!("{mismatch:?}")] {
        assert!(!text.contains(SECRET) && !text.contains("wrong"), "{text}");
        assert!(!text.contains(&signed.signature[..16]), "{text}");
        assert!(!text.contains(&correct), "{text}");
    }
}

#[test]
fn long_client_text_is_clipped_in_errors() {
    let long = "x".repeat(10_000);
    let err = Authorization::parse(&long).unwrap_err();
    assert!(err.to_string().len() < 200, "{err}");
}
