//! Every command that shows an answer shows one from a newer FC as it came
//! (`tests/fixtures/newer-fc.json`: an unknown task status, new fields, nulls): the value
//! as FC sent it, in text and in JSON, never a parse error.

mod common;

use std::net::SocketAddr;

use axum::http::HeaderMap;
use common::{fc3, json_of};
use predicates::prelude::PredicateBooleanExt as _;
use predicates::str::contains;
use serde_json::Value;

fn fixture(action: &str) -> Value {
    let all: Value =
        serde_json::from_str(include_str!("../../../tests/fixtures/newer-fc.json")).unwrap();
    all[action].clone()
}

/// A loopback server answering each action with the fixture's body, on its own thread.
fn newer_fc() -> SocketAddr {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        runtime.block_on(async move {
            let app = axum::Router::new().fallback(|headers: HeaderMap| async move {
                let action = headers
                    .get("x-acs-action")
                    .and_then(|v| v.to_str().ok())
                    .unwrap_or_default()
                    .to_string();
                (
                    [
                        ("content-type", "application/json"),
                        ("x-fc-request-id", "req-newer-1"),
                    ],
                    fixture(&action).to_string(),
                )
            });
            let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
            tx.send(listener.local_addr().unwrap()).unwrap();
            axum::serve(listener, app).await.unwrap();
        });
    });
    rx.recv().unwrap()
}

fn against(addr: SocketAddr, args: &[&str]) -> assert_cmd::Command {
    let mut cmd = fc3();
    cmd.env("ALIBABA_CLOUD_ACCESS_KEY_ID", "LTAI-newer")
        .env("ALIBABA_CLOUD_ACCESS_KEY_SECRET", "newer-secret")
        .args(["--endpoint", &format!("http://{addr}")])
        .args(args);
    cmd
}

#[test]
fn task_get_shows_an_unknown_status_as_sent() {
    let addr = newer_fc();
    against(addr, &["task", "get", "thumbnailer", "video-42"])
        .assert()
        .success()
        .stdout(contains("Processed"));
    let out = against(
        addr,
        &["--output", "json", "task", "get", "thumbnailer", "video-42"],
    )
    .assert()
    .success()
    .get_output()
    .stdout
    .clone();
    let doc = json_of(&out);
    assert_eq!(doc["status"], "Processed");
    assert_eq!(doc["events"][1]["status"], "Processed");
}

#[test]
fn task_list_shows_an_unknown_status_as_sent() {
    let addr = newer_fc();
    against(addr, &["task", "list", "thumbnailer"])
        .assert()
        .success()
        .stdout(contains("Processed").and(contains("Succeeded")));
    let out = against(addr, &["--output", "json", "task", "list", "thumbnailer"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    assert!(
        out.windows(9).any(|w| w == b"Processed"),
        "{}",
        String::from_utf8_lossy(&out)
    );
}

#[test]
fn task_wait_does_not_take_an_unknown_status_for_an_end() {
    let addr = newer_fc();
    against(
        addr,
        &[
            "task",
            "wait",
            "thumbnailer",
            "video-42",
            "--timeout",
            "300ms",
            "--interval",
            "50ms",
        ],
    )
    .assert()
    .code(2)
    .stderr(contains("last seen: Processed"));
}

#[test]
fn async_config_get_and_list_read_nulls_and_new_fields() {
    let addr = newer_fc();
    against(addr, &["async-config", "get", "thumbnailer"])
        .assert()
        .success()
        .stdout(contains("2"));
    let out = against(
        addr,
        &["--output", "json", "async-config", "get", "thumbnailer"],
    )
    .assert()
    .success()
    .get_output()
    .stdout
    .clone();
    assert_eq!(json_of(&out)["maxAsyncRetryAttempts"], 2);
    against(addr, &["async-config", "list"]).assert().success();
}

#[test]
fn invoke_says_when_no_log_tail_came_back() {
    let addr = newer_fc();
    against(addr, &["invoke", "thumbnailer", "--event", "{}"])
        .assert()
        .success()
        .stdout(contains("answer"))
        .stderr(contains("no log tail returned"));
    against(addr, &["invoke", "thumbnailer", "--no-log"])
        .assert()
        .success()
        .stderr(contains("no log tail returned").not());
}
