//! Known-answer tests: Alibaba's published V3 vector and the 40 cases computed
//! by the official Python SDK's signer.

#[path = "common/vectors.rs"]
mod vectors;

use acs3::{AccessKey, EMPTY_PAYLOAD_SHA256, Payload, RequestParts};
use sha2::{Digest, Sha256};
use vectors::VectorFile;

const VECTORS: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/data/acs3-official-python-sdk.json"
);

fn load() -> VectorFile {
    let text = std::fs::read_to_string(VECTORS).expect("read the vectors file");
    VectorFile::from_json(&text).expect("parse the vectors file")
}

/// The example of Alibaba's "V3 request structure and signature" document.
#[test]
fn alibaba_published_vector() {
    let key = AccessKey::new("YourAccessKeyId", "YourAccessKeySecret");
    let headers = [
        ("host", "ecs.cn-shanghai.aliyuncs.com"),
        ("x-acs-action", "RunInstances"),
        ("x-acs-version", "2014-05-26"),
        ("x-acs-date", "2023-10-26T10:22:32Z"),
        ("x-acs-signature-nonce", "3156853299f313e23d1673dc12e1703d"),
        ("x-acs-content-sha256", EMPTY_PAYLOAD_SHA256),
    ];
    let query = [
        (
            "ImageId",
            "win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd",
        ),
        ("RegionId", "cn-shanghai"),
    ];
    let request = RequestParts::new("POST", "/")
        .with_query(&query)
        .with_headers(&headers);
    let signed = acs3::sign(&key, &request).unwrap();

    assert_eq!(
        signed.signed_headers,
        "host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version"
    );
    assert_eq!(
        hex::encode(Sha256::digest(signed.canonical_request.as_bytes())),
        "7ea06492da5221eba5297e897ce16e55f964061054b7695beedaac1145b1e259"
    );
    assert_eq!(
        signed.string_to_sign,
        "ACS3-HMAC-SHA256\n7ea06492da5221eba5297e897ce16e55f964061054b7695beedaac1145b1e259"
    );
    assert_eq!(
        signed.signature,
        "06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0"
    );
    assert_eq!(
        signed.authorization,
        "ACS3-HMAC-SHA256 Credential=YourAccessKeyId,SignedHeaders=host;x-acs-action;\
         x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version,\
         Signature=06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0"
    );

    // The same request given a precomputed hash signs identically.
    let precomputed = request.with_payload(Payload::Sha256Hex(EMPTY_PAYLOAD_SHA256));
    assert_eq!(acs3::sign(&key, &precomputed).unwrap(), signed);

    let verified = acs3::verify(&request, &signed.authorization, &key).unwrap();
    assert_eq!(verified.access_key_id, "YourAccessKeyId");
    assert_eq!(verified.date, "2023-10-26T10:22:32Z");
    assert_eq!(verified.nonce, "3156853299f313e23d1673dc12e1703d");
}

#[test]
fn vector_file_has_forty_cases() {
    let file = load();
    assert_eq!(file.vectors.len(), 40);
    assert!(file.source.contains("Python"));
    assert!(!file.conventions.is_empty());
}

#[test]
fn every_python_sdk_case_signs_byte_for_byte() {
    for case in load().vectors {
        let outcome = case.sign().unwrap_or_else(|e| panic!("{}: {e}", case.name));
        assert_eq!(
            outcome.signed.canonical_request, case.expected.canonical_request,
            "{}: canonical request",
            case.name
        );
        assert_eq!(
            outcome.signed.signed_headers, case.expected.signed_headers,
            "{}: signed headers",
            case.name
        );
        assert_eq!(
            outcome.signed.authorization, case.expected.authorization,
            "{}: authorization",
            case.name
        );
    }
}

#[test]
fn the_lean_signer_gives_every_python_sdk_authorization() {
    for case in load().vectors {
        let body = hex::decode(&case.body_hex).unwrap();
        let authorization = case
            .with_parts(&body, |request| {
                acs3::authorization_with(&case.key(), &request, |_| true)
            })
            .unwrap_or_else(|e| panic!("{}: {e}", case.name));
        assert_eq!(authorization, case.expected.authorization, "{}", case.name);
    }
}

#[test]
fn every_python_sdk_case_verifies() {
    for case in load().vectors {
        let body = hex::decode(&case.body_hex).unwrap();
        let [access_key_id, signed_headers, date, nonce] = case
            .verify(&body)
            .unwrap_or_else(|e| panic!("{}: {e}", case.name));
        assert_eq!(access_key_id, case.access_key_id);
        assert_eq!(signed_headers, case.expected.signed_headers);
        assert_eq!(date, case.headers["x-acs-date"]);
        assert_eq!(nonce, case.headers["x-acs-signature-nonce"]);
    }
}

#[test]
fn every_python_sdk_case_passes_the_shared_checker() {
    for case in load().vectors {
        case.check()
            .unwrap_or_else(|e| panic!("{}: {e}", case.name));
    }
}

/// The checker behind the `check-vectors` example must catch a single altered
/// expected value, whichever field it is in.
#[test]
fn shared_checker_catches_altered_expectations() {
    let case = load().vectors.swap_remove(4);

    let mut altered = case.clone();
    altered.expected.canonical_request = altered
        .expected
        .canonical_request
        .replacen("prod", "prud", 1);
    let err = altered.check().unwrap_err();
    assert!(
        err.starts_with("canonical request differs: line 3, column 35"),
        "{err}"
    );

    let mut altered = case.clone();
    let last = altered.expected.authorization.pop().unwrap();
    altered
        .expected
        .authorization
        .push(if last == '0' { '1' } else { '0' });
    let err = altered.check().unwrap_err();
    assert!(err.starts_with("authorization differs"), "{err}");

    let mut altered = case.clone();
    altered.expected.signed_headers.push_str(";x");
    assert!(
        altered
            .check()
            .unwrap_err()
            .starts_with("signed headers differ")
    );

    let mut altered = case;
    altered.body_hex.push_str("00");
    assert!(altered.check().is_err());
}

#[test]
fn unreadable_or_foreign_vector_files_are_rejected() {
    assert!(VectorFile::from_json("not json").is_err());
    let foreign = r#"{"algorithm": "ACS3-HMAC-SM3", "vectors": []}"#;
    assert!(
        VectorFile::from_json(foreign)
            .unwrap_err()
            .contains("ACS3-HMAC-SM3")
    );
}
