//! The fuzz targets' seed corpora (`fuzz/seeds/`), made by the tests' own signing client:
//! every operation, both signing styles, and the bad inputs the API tests send, as raw HTTP/1.1
//! requests signed at a fixed time with fixed nonces (the router target's clock stands at that
//! time); and the configurations the tests parse.
//!
//! `FC3_WRITE_FUZZ_SEEDS=1 cargo test -p fc3-local --test fuzz_seeds` writes them; otherwise
//! this checks that the committed seeds are what the client makes today and that every request
//! seed is answered without a 5xx.

mod common;

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, UNIX_EPOCH};

use common::{Call, Client, Style, fn_path};
use fc3_local::{AppState, Config, ManualClock, Options};
use serde_json::json;

/// When the seeds are signed: 2025-01-01T00:00:00Z (the router target's clock).
const SIGNED_AT_SECS: u64 = common::raw::SIGNED_AT_SECS;

/// The configuration the router target runs (also a seed of the config target).
const ROUTER_CONFIG: &str = include_str!("../../../fuzz/router.toml");

fn seeds_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fuzz/seeds")
}

fn client() -> Client {
    let clock = ManualClock::new(UNIX_EPOCH + Duration::from_secs(SIGNED_AT_SECS));
    Client::new("http://fc3-local.test", Arc::new(clock))
}

/// Seed files: name and bytes.
type Seeds = Vec<(String, Vec<u8>)>;

/// A request as it goes on the wire.
fn raw(call: Call) -> Vec<u8> {
    let (url, headers, method, body) = call.parts();
    let target = url.trim_start_matches("http://fc3-local.test");
    let mut text = format!("{method} {target} HTTP/1.1\r\n");
    for (name, value) in &headers {
        text.push_str(&format!("{name}: {value}\r\n"));
    }
    if !body.is_empty() {
        text.push_str(&format!("content-length: {}\r\n", body.len()));
    }
    text.push_str("\r\n");
    let mut bytes = text.into_bytes();
    bytes.extend_from_slice(&body);
    bytes
}

/// The request seeds, by name.
fn requests() -> Seeds {
    let c = client();
    let go = c.clone().with_style(Style::GoTs);
    let configs = "/2023-03-30/async-invoke-configs";
    let invoke = fn_path("echo", "invocations");
    let put = json!({"asyncTask": true, "maxAsyncEventAgeInSeconds": 3600, "maxAsyncRetryAttempts": 0,
        "destinationConfig": {"onSuccess": {"destination": "acs:fc:cn-hangzhou:1234567890123456:functions/sink"},
                              "onFailure": {"destination": "acs:mns:cn-hangzhou:1234567890123456:/queues/q/messages"}}});
    let calls: Vec<(&str, Call)> = vec![
        (
            "invoke-sync",
            c.call("POST", &invoke).body(b"{\"hello\":\"world\"}"),
        ),
        (
            "invoke-sync-gots",
            go.call("POST", &invoke).body(b"{\"hello\":\"world\"}"),
        ),
        (
            "invoke-tail",
            c.call("POST", &invoke)
                .header("x-fc-log-type", "Tail")
                .query("qualifier", "LATEST")
                .body(b"x"),
        ),
        (
            "invoke-async-task",
            c.call("POST", &fn_path("sink", "invocations"))
                .header("x-fc-invocation-type", "Async")
                .header("x-fc-async-task-id", "job-1")
                .body(b"{\"n\":1}"),
        ),
        (
            "invoke-fail",
            c.call("POST", &fn_path("fail", "invocations")).body(b"{}"),
        ),
        (
            "invoke-flaky",
            c.call("POST", &fn_path("flaky", "invocations"))
                .body(b"{\"failures\":0}"),
        ),
        (
            "invoke-bad-type",
            c.call("POST", &invoke)
                .header("x-fc-invocation-type", "Sometimes"),
        ),
        (
            "invoke-unknown-function",
            c.call("POST", &fn_path("nope", "invocations")),
        ),
        (
            "invoke-wrong-action",
            c.call("POST", &invoke).action("DeleteAsyncInvokeConfig"),
        ),
        (
            "put-config",
            c.call("PUT", &fn_path("echo", "async-invoke-config"))
                .json(&put),
        ),
        (
            "put-config-bad",
            c.call("PUT", &fn_path("echo", "async-invoke-config"))
                .json(&json!({"maxAsyncRetryAttempts": 9})),
        ),
        (
            "put-config-not-json",
            c.call("PUT", &fn_path("echo", "async-invoke-config"))
                .body(b"{not json"),
        ),
        (
            "get-config",
            c.call("GET", &fn_path("echo", "async-invoke-config"))
                .query("qualifier", "LATEST"),
        ),
        (
            "delete-config",
            c.call("DELETE", &fn_path("echo", "async-invoke-config")),
        ),
        (
            "list-configs",
            c.call("GET", configs)
                .query("limit", "4")
                .query("functionName", "echo")
                .query("nextToken", "echo#LATEST"),
        ),
        (
            "list-configs-bad-limit",
            c.call("GET", configs).query("limit", "+5"),
        ),
        (
            "list-tasks",
            c.call("GET", &fn_path("sink", "async-tasks"))
                .query("limit", "7")
                .query("prefix", "job")
                .query("status", "Succeeded")
                .query("sortOrderByTime", "asc")
                .query("startedTimeBegin", "0")
                .query("startedTimeEnd", "1735689600000")
                .query("includePayload", "true"),
        ),
        (
            "list-tasks-bad",
            c.call("GET", &fn_path("sink", "async-tasks"))
                .query("status", "Done"),
        ),
        (
            "get-task",
            c.call("GET", &fn_path("sink", "async-tasks/job-1")),
        ),
        (
            "stop-task",
            c.call("PUT", &fn_path("sink", "async-tasks/job-1/stop")),
        ),
    ];
    let mut seeds: Seeds = calls
        .into_iter()
        .enumerate()
        .map(|(i, (name, call))| {
            (
                format!("{name}.http"),
                raw(call.nonce(&format!("seed-nonce-{i:02}"))),
            )
        })
        .collect();
    seeds.push((
        "unsigned-invoke.http".into(),
        b"POST /2023-03-30/functions/echo/invocations HTTP/1.1\r\nhost: fc3-local.test\r\ncontent-length: 2\r\n\r\nhi".to_vec(),
    ));
    seeds.push((
        "openapi.http".into(),
        b"GET /openapi.yaml HTTP/1.1\r\nhost: fc3-local.test\r\n\r\n".to_vec(),
    ));
    seeds.push((
        "health.http".into(),
        b"GET /health HTTP/1.1\r\nhost: fc3-local.test\r\n\r\n".to_vec(),
    ));
    seeds
}

/// The configuration seeds, by name.
fn configs() -> Seeds {
    vec![
        ("example.toml".into(), include_bytes!("../examples/fc3-local.toml").to_vec()),
        ("router.toml".into(), ROUTER_CONFIG.as_bytes().to_vec()),
        (
            "limits.toml".into(),
            b"[limits]\nasync_payload_bytes = 1024\n\n[async]\nmax_queued_events = 3\nmax_destination_hops = 5\n\n[server]\nheader_read_timeout = 0.4\nmax_connections = 4\n".to_vec(),
        ),
        ("empty.toml".into(), Vec::new()),
    ]
}

fn corpora() -> Vec<(&'static str, Seeds)> {
    vec![
        ("router", requests()),
        ("acs3_verify", requests()),
        ("config_toml", configs()),
    ]
}

#[test]
fn the_committed_seeds_are_what_the_tests_client_makes() {
    let write = std::env::var_os("FC3_WRITE_FUZZ_SEEDS").is_some();
    for (target, seeds) in corpora() {
        let dir = seeds_dir().join(target);
        if write {
            let _ = std::fs::remove_dir_all(&dir);
            std::fs::create_dir_all(&dir).unwrap();
        }
        for (name, bytes) in seeds {
            let path = dir.join(&name);
            if write {
                std::fs::write(&path, &bytes).unwrap();
            } else {
                let committed = std::fs::read(&path).unwrap_or_else(|e| {
                    panic!(
                        "{}: {e}; write the seeds with FC3_WRITE_FUZZ_SEEDS=1",
                        path.display()
                    )
                });
                assert!(
                    committed == bytes,
                    "{} is stale; write the seeds with FC3_WRITE_FUZZ_SEEDS=1",
                    path.display()
                );
            }
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_request_seed_is_answered_without_a_server_error() {
    let config = Config::from_toml(ROUTER_CONFIG).unwrap();
    for (name, bytes) in requests() {
        let clock = ManualClock::new(UNIX_EPOCH + Duration::from_secs(SIGNED_AT_SECS));
        let state = AppState::start(Options::new(config.clone()).with_clock(Arc::new(clock)))
            .await
            .unwrap();
        let reply = common::send_raw(fc3_local::app(state.clone()), &bytes).await;
        assert!(
            reply.status < 500,
            "{name}: {} {}",
            reply.status,
            reply.text()
        );
        state.shutdown().await;
    }
}
