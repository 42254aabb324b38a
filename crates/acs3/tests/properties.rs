//! Property tests: signing then verifying round-trips, and any single change to
//! a signed part of the request makes verification fail with the right error.

use acs3::{AccessKey, Error, Payload, RequestParts};
use proptest::prelude::*;
use proptest::sample::Index;

/// A request in owned form, as generated.
#[derive(Clone, Debug)]
struct Req {
    method: String,
    path: String,
    query: Vec<(String, String)>,
    /// Every header, the required x-acs-* ones included.
    headers: Vec<(String, String)>,
    body: Vec<u8>,
    /// Sign with the Go/TypeScript selection instead of every header.
    go_ts: bool,
}

impl Req {
    fn with_parts<T>(&self, f: impl FnOnce(RequestParts<'_>) -> T) -> T {
        let query: Vec<(&str, &str)> = self
            .query
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        let headers: Vec<(&str, &str)> = self
            .headers
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        f(RequestParts::new(&self.method, &self.path)
            .with_query(&query)
            .with_headers(&headers)
            .with_payload(Payload::Bytes(&self.body)))
    }

    fn sign(&self, key: &AccessKey) -> acs3::Signed {
        self.with_parts(|parts| {
            if self.go_ts {
                acs3::sign_with(key, &parts, acs3::is_go_ts_signed_header)
            } else {
                acs3::sign(key, &parts)
            }
        })
        .expect("generated requests are valid")
    }

    /// Verifies, returning the access key id, the signed headers joined by `;` and the nonce.
    fn verify(
        &self,
        authorization: &str,
        key: &AccessKey,
    ) -> Result<(String, String, String), Error> {
        self.with_parts(|parts| {
            acs3::verify(&parts, authorization, key).map(|v| {
                (
                    v.access_key_id.to_owned(),
                    v.signed_headers.join(";"),
                    v.nonce.into_owned(),
                )
            })
        })
    }

    /// Indexes of headers whose change must break the signature: the signed
    /// ones other than x-acs-content-sha256 (which gives a payload error).
    fn signed_header_indexes(&self) -> Vec<usize> {
        (0..self.headers.len())
            .filter(|&i| {
                let name = self.headers[i].0.to_ascii_lowercase();
                name != "x-acs-content-sha256"
                    && (!self.go_ts || acs3::is_go_ts_signed_header(&name))
            })
            .collect()
    }

    fn set_header(&mut self, name: &str, value: String) {
        for (n, v) in &mut self.headers {
            if n.eq_ignore_ascii_case(name) {
                *v = value.clone();
            }
        }
    }
}

fn method() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("GET".to_string()),
        Just("POST".to_string()),
        Just("PUT".to_string()),
        Just("DELETE".to_string()),
        "[A-Z]{1,8}",
    ]
}

fn path() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        Just("/".to_string()),
        "(/[A-Za-z0-9._~-]{0,10}(%[0-9A-F]{2})?){1,4}",
    ]
}

fn header_value() -> impl Strategy<Value = String> {
    // Printable ASCII and some non-ASCII text, spaces at the ends included.
    "[ -~]{0,24}|[ a-zé漢\t]{0,8}"
}

fn extra_header_name() -> impl Strategy<Value = String> {
    prop_oneof![
        "[xX]-[a-zA-Z0-9-]{1,12}",
        Just("accept".to_string()),
        Just("User-Agent".to_string()),
        Just("Content-Type".to_string()),
        "[xX]-[aA][cC][sS]-[a-z]{1,8}",
    ]
}

prop_compose! {
    fn request()(
        method in method(),
        path in path(),
        query in prop::collection::vec((".{0,8}", ".{0,12}"), 0..5),
        host in "[a-z0-9.-]{1,30}",
        action in "[A-Za-z]{1,20}",
        date in "20[0-9]{2}-[01][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-5][0-9]Z",
        nonce in "[0-9a-f]{32}",
        extra in prop::collection::vec((extra_header_name(), header_value()), 0..6),
        body in prop::collection::vec(any::<u8>(), 0..300),
        go_ts in any::<bool>(),
    ) -> Req {
        let mut headers = vec![
            ("host".to_string(), host),
            ("x-acs-version".to_string(), "2023-03-30".to_string()),
            ("x-acs-action".to_string(), action),
            ("x-acs-date".to_string(), date),
            ("x-acs-signature-nonce".to_string(), nonce),
            ("x-acs-content-sha256".to_string(), acs3::payload_sha256_hex(&body)),
        ];
        headers.extend(extra);
        Req { method, path, query, headers, body, go_ts }
    }
}

fn key() -> AccessKey {
    AccessKey::new("LTAI-prop", "prop-secret")
}

/// A string different from `s` (also after trimming).
fn altered(s: &str) -> String {
    format!("{s}Z")
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    #[test]
    fn sign_then_verify_round_trips(req in request()) {
        let signed = req.sign(&key());
        let (access_key_id, signed_headers, nonce) =
            req.verify(&signed.authorization, &key()).unwrap();
        prop_assert_eq!(access_key_id, "LTAI-prop");
        prop_assert_eq!(signed_headers, signed.signed_headers.clone());
        prop_assert_eq!(&nonce, &req.headers[4].1);
        // The lean signer (hashing the canonical request as it is written) agrees.
        let lean = req
            .with_parts(|parts| {
                if req.go_ts {
                    acs3::authorization_with(&key(), &parts, acs3::is_go_ts_signed_header)
                } else {
                    acs3::authorization_with(&key(), &parts, |_| true)
                }
            })
            .unwrap();
        prop_assert_eq!(lean, signed.authorization.clone());
        // Signing is deterministic, and a precomputed payload hash changes nothing.
        prop_assert_eq!(&req.sign(&key()), &signed);
        let hash = acs3::payload_sha256_hex(&req.body);
        let with_hash = req.with_parts(|p| {
            let p = p.with_payload(Payload::Sha256Hex(&hash));
            if req.go_ts {
                acs3::sign_with(&key(), &p, acs3::is_go_ts_signed_header)
            } else {
                acs3::sign(&key(), &p)
            }
        });
        prop_assert_eq!(with_hash.unwrap(), signed.clone());
        // The Authorization header parses back to what was signed.
        let auth = acs3::Authorization::parse(&signed.authorization).unwrap();
        prop_assert_eq!(hex::encode(auth.signature), signed.signature);
    }

    #[test]
    fn header_order_and_name_case_do_not_matter(req in request(), rotate in any::<Index>()) {
        let signed = req.sign(&key());
        let mut shuffled = req.clone();
        let by = rotate.index(shuffled.headers.len());
        shuffled.headers.rotate_left(by);
        for (name, _) in &mut shuffled.headers {
            *name = name.to_ascii_uppercase();
        }
        shuffled.query.reverse();
        prop_assert_eq!(shuffled.sign(&key()), signed);
    }

    #[test]
    fn changing_the_method_fails(req in request(), other in method()) {
        prop_assume!(other != req.method);
        let signed = req.sign(&key());
        let changed = Req { method: other, ..req };
        prop_assert_eq!(changed.verify(&signed.authorization, &key()), Err(Error::SignatureMismatch));
    }

    #[test]
    fn changing_the_path_fails(req in request(), other in path()) {
        let same = |a: &str, b: &str| (if a.is_empty() { "/" } else { a }) == (if b.is_empty() { "/" } else { b });
        prop_assume!(!same(&other, &req.path));
        let signed = req.sign(&key());
        let changed = Req { path: other, ..req };
        prop_assert_eq!(changed.verify(&signed.authorization, &key()), Err(Error::SignatureMismatch));
    }

    #[test]
    fn changing_a_query_value_fails(req in request(), which in any::<Index>()) {
        let signed = req.sign(&key());
        let mut changed = req.clone();
        if changed.query.is_empty() {
            changed.query.push(("added".into(), String::new()));
        } else {
            let i = which.index(changed.query.len());
            changed.query[i].1 = altered(&changed.query[i].1);
        }
        prop_assert_eq!(changed.verify(&signed.authorization, &key()), Err(Error::SignatureMismatch));
    }

    #[test]
    fn changing_a_signed_header_value_fails(req in request(), which in any::<Index>()) {
        let signed = req.sign(&key());
        let candidates = req.signed_header_indexes();
        let i = candidates[which.index(candidates.len())];
        let mut changed = req.clone();
        changed.headers[i].1 = altered(&changed.headers[i].1);
        prop_assert_eq!(changed.verify(&signed.authorization, &key()), Err(Error::SignatureMismatch));
    }

    #[test]
    fn changing_an_unsigned_header_is_allowed(req in request(), value in header_value()) {
        prop_assume!(req.go_ts);
        let signed = req.sign(&key());
        let mut changed = req.clone();
        for (name, v) in &mut changed.headers {
            if !acs3::is_go_ts_signed_header(name) {
                *v = value.clone();
            }
        }
        changed.headers.push(("x-fc-log-type".into(), "Tail".into()));
        prop_assert!(changed.verify(&signed.authorization, &key()).is_ok());
    }

    #[test]
    fn removing_a_signed_header_fails(req in request(), which in any::<Index>()) {
        let signed = req.sign(&key());
        let candidates = req.signed_header_indexes();
        let i = candidates[which.index(candidates.len())];
        let removed = req.headers[i].0.to_ascii_lowercase();
        let mut changed = req.clone();
        changed.headers.retain(|(name, _)| !name.eq_ignore_ascii_case(&removed));
        prop_assert_eq!(
            changed.verify(&signed.authorization, &key()),
            Err(Error::SignedHeaderAbsent { name: removed })
        );
    }

    #[test]
    fn changing_the_body_fails(req in request(), at in any::<Index>(), byte in 1..=255u8) {
        let signed = req.sign(&key());
        let mut changed = req.clone();
        if changed.body.is_empty() {
            changed.body.push(byte);
        } else {
            let i = at.index(changed.body.len());
            changed.body[i] ^= byte;
        }
        // Hash header kept: the payload no longer matches it.
        prop_assert_eq!(changed.verify(&signed.authorization, &key()), Err(Error::PayloadHashMismatch));
        // Hash header updated too: the signature no longer matches.
        let new_hash = acs3::payload_sha256_hex(&changed.body);
        changed.set_header("x-acs-content-sha256", new_hash);
        prop_assert_eq!(changed.verify(&signed.authorization, &key()), Err(Error::SignatureMismatch));
    }

    #[test]
    fn another_secret_fails(req in request(), secret in "[A-Za-z0-9]{1,30}") {
        prop_assume!(secret != "prop-secret");
        let signed = req.sign(&key());
        let impostor = AccessKey::new("LTAI-prop", secret);
        prop_assert_eq!(req.verify(&signed.authorization, &impostor), Err(Error::SignatureMismatch));
    }

    #[test]
    fn dates_round_trip(secs in 0u64..253_402_300_800) {
        let t = std::time::UNIX_EPOCH + std::time::Duration::from_secs(secs);
        let text = acs3::format_date(t).unwrap();
        prop_assert_eq!(acs3::parse_date(&text), Ok(t));
        prop_assert!(acs3::check_date(&text, t, std::time::Duration::ZERO).is_ok());
    }

    #[test]
    fn parse_never_panics(s in ".{0,200}") {
        let _ = acs3::Authorization::parse(&s);
        let _ = acs3::parse_date(&s);
        let _ = acs3::parse_query(&s);
    }
}
