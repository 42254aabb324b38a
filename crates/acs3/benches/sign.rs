//! Benchmarks of the ACS3-HMAC-SHA256 signer and verifier.
//!
//! - `sign/invoke_1k`: a typical InvokeFunction request with a 1 KB body,
//!   hashing included, every intermediate string built (`sign`);
//! - `sign/invoke_1k_authorization_only`: the same signature through
//!   `authorization_with`, the client's path (the canonical request hashed as
//!   it is written);
//! - `payload_6mb/raw_sha256` beside `payload_6mb/sign_bytes`: the signer's
//!   cost on a 6 MB body should be that of hashing it (no copy);
//! - `verify/invoke_1k`: verifying the 1 KB request.
//!
//! `cargo bench -p acs3 --bench sign -- --warm-up-time 1 --measurement-time 3`

use std::hint::black_box;

use acs3::{AccessKey, Payload, RequestParts};
use criterion::{Criterion, Throughput, criterion_main};
use sha2::{Digest, Sha256};

const PATH: &str = "/2023-03-30/functions/my-function/invocations";
const QUERY: &[(&str, &str)] = &[("qualifier", "LATEST")];

fn key() -> AccessKey {
    AccessKey::new("LTAI5tBenchmarkKeyId01", "BenchmarkSecretBenchmarkSecret")
}

/// The headers the Python SDK sends with an InvokeFunction call.
fn headers(body_hash: &str) -> Vec<(&str, &str)> {
    vec![
        ("host", "fcv3.cn-hangzhou.aliyuncs.com"),
        ("x-acs-version", "2023-03-30"),
        ("x-acs-action", "InvokeFunction"),
        ("x-acs-date", "2026-03-04T05:06:07Z"),
        ("x-acs-signature-nonce", "0123456789abcdef0123456789abcdef"),
        ("x-acs-content-sha256", body_hash),
        ("content-type", "application/octet-stream"),
        ("accept", "application/json"),
        ("user-agent", "fc3-rs/0.1.0"),
        ("x-fc-invocation-type", "Sync"),
        ("x-fc-log-type", "None"),
    ]
}

fn body(len: usize) -> Vec<u8> {
    (0..len).map(|i| (i * 31 % 251) as u8).collect()
}

fn bench_sign(c: &mut Criterion) {
    let key = key();
    let body = body(1024);
    let hash = acs3::payload_sha256_hex(&body);
    let headers = headers(&hash);
    let request = RequestParts::new("POST", PATH)
        .with_query(QUERY)
        .with_headers(&headers)
        .with_payload(Payload::Bytes(&body));

    let mut group = c.benchmark_group("sign");
    group.throughput(Throughput::Elements(1));
    group.bench_function("invoke_1k", |b| {
        b.iter(|| acs3::sign(black_box(&key), black_box(&request)).unwrap())
    });
    group.bench_function("invoke_1k_authorization_only", |b| {
        b.iter(|| acs3::authorization_with(black_box(&key), black_box(&request), |_| true).unwrap())
    });
    group.finish();
}

fn bench_payload_6mb(c: &mut Criterion) {
    let key = key();
    let body = body(6 * 1024 * 1024);
    let hash = acs3::payload_sha256_hex(&body);
    let headers = headers(&hash);
    let request = RequestParts::new("POST", PATH)
        .with_query(QUERY)
        .with_headers(&headers)
        .with_payload(Payload::Bytes(&body));

    let mut group = c.benchmark_group("payload_6mb");
    group.throughput(Throughput::Bytes(body.len() as u64));
    group.sample_size(20);
    group.bench_function("raw_sha256", |b| {
        b.iter(|| Sha256::digest(black_box(body.as_slice())))
    });
    group.bench_function("sign_bytes", |b| {
        b.iter(|| acs3::sign(black_box(&key), black_box(&request)).unwrap())
    });
    group.finish();
}

fn bench_verify(c: &mut Criterion) {
    let key = key();
    let body = body(1024);
    let hash = acs3::payload_sha256_hex(&body);
    let headers = headers(&hash);
    let request = RequestParts::new("POST", PATH)
        .with_query(QUERY)
        .with_headers(&headers)
        .with_payload(Payload::Bytes(&body));
    let authorization = acs3::sign(&key, &request).unwrap().authorization;

    let mut group = c.benchmark_group("verify");
    group.throughput(Throughput::Elements(1));
    group.bench_function("invoke_1k", |b| {
        b.iter(|| acs3::verify(black_box(&request), black_box(&authorization), &key).unwrap())
    });
    group.finish();
}

mod harness {
    // The macro's generated function carries no docs.
    #![allow(missing_docs)]
    use super::{bench_payload_6mb, bench_sign, bench_verify};
    criterion::criterion_group!(benches, bench_sign, bench_payload_6mb, bench_verify);
}
criterion_main!(harness::benches);
