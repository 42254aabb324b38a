//! The ACS3 `Authorization` parser on any text, and the verifier on any request (its own
//! `Authorization` header against it as received): never a panic, whatever the input.

#![no_main]

use acs3::{AccessKey, Authorization, Payload, RequestParts};
use libfuzzer_sys::fuzz_target;
use std::sync::LazyLock;

/// The key the seeds are signed with (fc3-local's development pair).
static KEY: LazyLock<AccessKey> = LazyLock::new(|| {
    AccessKey::new(
        fc3_local::DEV_ACCESS_KEY_ID,
        fc3_local::DEV_ACCESS_KEY_SECRET,
    )
});

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = Authorization::parse(text);
        let _ = acs3::parse_date(text);
        let _ = acs3::parse_query(text);
    }
    let Some(raw) = fc3_fuzz::raw::parse(data) else {
        return;
    };
    let (path, query) = raw.target.split_once('?').unwrap_or((raw.target, ""));
    let Ok(query) = acs3::parse_query(query) else {
        return;
    };
    let query: Vec<(&str, &str)> = query
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let headers: Vec<(&str, &str)> = raw
        .headers
        .iter()
        .filter_map(|(name, value)| std::str::from_utf8(value).ok().map(|v| (*name, v)))
        .collect();
    let Some(authorization) = headers
        .iter()
        .find(|(name, _)| name.eq_ignore_ascii_case("authorization"))
        .map(|(_, value)| *value)
    else {
        return;
    };
    let parts = RequestParts::new(raw.method, path)
        .with_query(&query)
        .with_headers(&headers)
        .with_payload(Payload::Bytes(raw.body));
    let keys = |id: &str| (id == KEY.id()).then(|| KEY.clone());
    if let Ok(verified) = acs3::verify(&parts, authorization, &keys) {
        let _ = acs3::parse_date(&verified.date);
    }
});
