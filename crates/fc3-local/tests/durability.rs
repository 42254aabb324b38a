//! Durability with a data dir (a child process killed with SIGKILL mid-queue, an in-process
//! restart) and the binary's command line.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::process::Command;
use std::sync::Arc;
use std::time::{Duration, Instant};

use common::Client;
use common::process::Process;
use fc3_local::{Options, Server, SystemClock};
use fc3_models::DestinationRecord;
use fc3_models::{AsyncTask, ListAsyncTaskOutput};
use serde_json::json;

/// An emulator with its state in `dir`, on a free port.
async fn start_on(dir: &std::path::Path) -> Result<Server, fc3_local::StartError> {
    Server::start(
        Options::default().with_data_dir(dir),
        "127.0.0.1:0".parse().unwrap(),
    )
    .await
}

/// Every task of a function, by id (all pages).
async fn all_tasks(client: &Client, function: &str) -> BTreeMap<String, AsyncTask> {
    common::all_tasks(client, function)
        .await
        .into_iter()
        .map(|task| (task.task_id.clone().unwrap_or_default(), task))
        .collect()
}

const SLOW_CONFIG: &str = r#"
[async]
workers = 16

[functions.slow]
kind = "sleep"
concurrency = 2
"#;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigkill_mid_queue_loses_no_accepted_event() {
    const N: usize = 400;
    let dir = tempfile::tempdir().unwrap();
    let config_path = dir.path().join("fc3-local.toml");
    std::fs::write(&config_path, SLOW_CONFIG).unwrap();
    let data_dir = dir.path().join("data");
    let args = [
        "--config",
        config_path.to_str().unwrap(),
        "--data-dir",
        data_dir.to_str().unwrap(),
    ];

    let first = Process::spawn(&args, &[]);
    let client = first.client();
    let config = json!({"asyncTask": true, "maxAsyncRetryAttempts": 0,
        "destinationConfig": {"onSuccess": {"destination": "acs:fc:cn-hangzhou:1234567890123456:functions/sink"}}});
    assert_eq!(client.put_config("slow", config).await.status, 200);

    // A burst: 400 events of 20 ms each, 2 at a time, so ~4 s of work queued.
    let mut burst = tokio::task::JoinSet::new();
    for i in 0..N {
        let client = client.clone();
        burst.spawn(async move {
            let id = format!("burst-{i:04}");
            let reply = client.invoke_async("slow", b"20", Some(&id)).await;
            assert_eq!(reply.status, 202, "{}", reply.text());
            let request_id = reply.header("x-fc-request-id").unwrap().to_owned();
            (id, request_id)
        });
    }
    let mut accepted = BTreeMap::new();
    while let Some(result) = burst.join_next().await {
        let (id, request_id) = result.unwrap();
        accepted.insert(id, request_id);
    }
    assert_eq!(accepted.len(), N);
    let queued: ListAsyncTaskOutput = client
        .list_tasks("slow", &[("status", "Enqueued"), ("limit", "1")])
        .await
        .json();
    assert!(
        !queued.tasks.is_empty(),
        "the queue must not be drained before the kill"
    );
    first.kill9();

    // Restart on the same directory: everything accepted runs to the end, exactly once.
    let second = Process::spawn(&args, &[]);
    let client = second.client();
    let deadline = Instant::now() + Duration::from_secs(40);
    let tasks = loop {
        let tasks = all_tasks(&client, "slow").await;
        let done = tasks.values().filter(|t| t.end_time.is_some()).count();
        if done == N {
            break tasks;
        }
        assert!(Instant::now() < deadline, "only {done} of {N} finished");
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    assert_eq!(
        tasks.keys().collect::<Vec<_>>(),
        accepted.keys().collect::<Vec<_>>(),
        "no task lost"
    );
    for (id, task) in &tasks {
        assert_eq!(
            task.status,
            Some(fc3_models::AsyncTaskStatus::Succeeded),
            "{id}: {task:?}"
        );
        assert_eq!(
            task.request_id.as_ref(),
            accepted.get(id),
            "{id} keeps its request id"
        );
        assert_eq!(task.task_payload.as_deref(), Some("20"));
        assert_eq!(task.destination_status.as_deref(), Some("Succeeded"));
    }
    // Every outcome record reached sink once.
    let deadline = Instant::now() + Duration::from_secs(20);
    let records = loop {
        let sunk = all_tasks(&client, "sink").await;
        if sunk.len() >= N && sunk.values().all(|t| t.end_time.is_some()) {
            break sunk;
        }
        assert!(Instant::now() < deadline, "only {} records", sunk.len());
        tokio::time::sleep(Duration::from_millis(50)).await;
    };
    let delivered: Vec<String> = records
        .values()
        .map(|t| {
            let record: DestinationRecord =
                serde_json::from_str(t.task_payload.as_deref().unwrap()).unwrap();
            record.request_context.request_id
        })
        .collect();
    let unique: BTreeSet<&String> = delivered.iter().collect();
    assert_eq!(delivered.len(), N, "one record per event");
    assert_eq!(unique, accepted.values().collect::<BTreeSet<_>>());
    drop(second);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn state_survives_a_clean_restart() {
    let dir = tempfile::tempdir().unwrap();
    let start = || async { start_on(dir.path()).await.unwrap() };
    let server = start().await;
    let client = Client::new(&server.endpoint(), Arc::new(SystemClock));
    let stored: serde_json::Value = client
        .put_config(
            "echo",
            json!({"asyncTask": true, "maxAsyncRetryAttempts": 0}),
        )
        .await
        .json();
    assert_eq!(client.put_config("fail", json!({})).await.status, 200);
    assert_eq!(
        client
            .call("DELETE", &common::fn_path("fail", "async-invoke-config"))
            .send()
            .await
            .status,
        204
    );
    client.invoke_async("echo", b"kept", Some("keep-me")).await;
    let before = client.wait_status("echo", "keep-me", "Succeeded").await;
    // Untracked events leave nothing behind once done.
    client.invoke_async("fail", b"gone", None).await;
    let state = server.state().clone();
    common::wait_until("the untracked event", || state.pending_events() == 0).await;
    server.shutdown().await;

    let server = start().await;
    let client = Client::new(&server.endpoint(), Arc::new(SystemClock));
    let again: serde_json::Value = client
        .call("GET", &common::fn_path("echo", "async-invoke-config"))
        .send()
        .await
        .json();
    assert_eq!(again, stored);
    client
        .call("GET", &common::fn_path("fail", "async-invoke-config"))
        .send()
        .await
        .expect_error(404, "AsyncConfigNotExists");
    let after: serde_json::Value = client.get_task("echo", "keep-me").await.json();
    assert_eq!(after, before);
    client
        .invoke_async("echo", b"x", Some("keep-me"))
        .await
        .expect_error(409, "AsyncTaskAlreadyExists");
    assert_eq!(server.state().pending_events(), 0);
    server.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn binary_prints_its_endpoint_and_takes_keys_from_the_environment() {
    let process = Process::spawn(
        &["--region", "cn-shanghai", "--account-id", "42"],
        &[
            ("FC3_LOCAL_ACCESS_KEY_ID", "env-key"),
            ("FC3_LOCAL_ACCESS_KEY_SECRET", "env-secret"),
        ],
    );
    let spec = fc3_credentials::http_client_builder()
        .build()
        .unwrap()
        .get(format!("{}/openapi.yaml", process.endpoint))
        .send()
        .await
        .unwrap();
    assert_eq!(spec.status(), 200);
    // The development pair is not accepted once a key is set.
    process
        .client()
        .invoke("echo", b"x")
        .await
        .expect_error(403, "InvalidAccessKeyID");
    let client = process.client().with_key("env-key", "env-secret");
    let reply = client.invoke("echo", b"x").await;
    assert_eq!(reply.text(), "x");
    let config: serde_json::Value = client.put_config("echo", json!({})).await.json();
    assert_eq!(
        config["functionArn"],
        "acs:fc:cn-shanghai:42:functions/echo"
    );

    // A bad configuration stops it with a message.
    let output = Command::new(env!("CARGO_BIN_EXE_fc3-local"))
        .args([
            "--listen",
            "127.0.0.1:0",
            "--config",
            "/nonexistent/fc3-local.toml",
        ])
        .output()
        .unwrap();
    assert!(!output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("cannot read"));
    assert!(output.stdout.is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_request_replayed_after_a_restart_inside_the_window_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let start = || async { start_on(dir.path()).await.unwrap() };
    let server = start().await;
    let client = Client::new(&server.endpoint(), Arc::new(SystemClock));
    let date = std::time::SystemTime::now();
    let (async_nonce, sync_nonce) = (common::nonce(), common::nonce());
    let replay_async = |client: &Client| {
        client
            .call("POST", &common::fn_path("echo", "invocations"))
            .header("x-fc-invocation-type", "Async")
            .body(b"once")
            .date(date)
            .nonce(&async_nonce)
    };
    let replay_sync = |client: &Client| {
        client
            .call("POST", &common::fn_path("echo", "invocations"))
            .body(b"once")
            .date(date)
            .nonce(&sync_nonce)
    };
    assert_eq!(replay_async(&client).send().await.status, 202);
    assert_eq!(replay_sync(&client).send().await.status, 200);
    for replay in [replay_async(&client), replay_sync(&client)] {
        replay.send().await.expect_error(403, "SignatureNonceUsed");
    }
    server.shutdown().await;

    let server = start().await;
    let client = Client::new(&server.endpoint(), Arc::new(SystemClock));
    for replay in [replay_async(&client), replay_sync(&client)] {
        replay.send().await.expect_error(403, "SignatureNonceUsed");
    }
    server.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_damaged_data_store_is_refused_with_a_remedy_and_kept() {
    use std::os::unix::fs::FileExt;
    for damage in [
        "empty",
        "cut in half",
        "header overwritten",
        "second half overwritten",
    ] {
        let dir = tempfile::tempdir().unwrap();
        let server = start_on(dir.path()).await.unwrap();
        let client = Client::new(&server.endpoint(), Arc::new(SystemClock));
        assert_eq!(
            client
                .put_config("echo", json!({"asyncTask": true}))
                .await
                .status,
            200
        );
        for i in 0..200 {
            let id = format!("t{i}");
            assert_eq!(
                client
                    .invoke_async("echo", &[b'p'; 300], Some(&id))
                    .await
                    .status,
                202
            );
        }
        server.shutdown().await;

        let path = dir.path().join("fc3-local.redb");
        let file = std::fs::OpenOptions::new().write(true).open(&path).unwrap();
        let len = file.metadata().unwrap().len();
        match damage {
            "empty" => file.set_len(0).unwrap(),
            "cut in half" => file.set_len(len / 2).unwrap(),
            "header overwritten" => file.write_all_at(&[0xAB; 64], 0).unwrap(),
            _ => file
                .write_all_at(&vec![0xAB; (len / 2) as usize], len / 2)
                .unwrap(),
        }
        drop(file);
        let damaged = std::fs::read(&path).unwrap();

        let error = start_on(dir.path())
            .await
            .err()
            .unwrap_or_else(|| panic!("{damage}: started on a damaged store"));
        let message = error.to_string();
        assert!(
            matches!(
                error,
                fc3_local::StartError::Store(fc3_local::StoreError::Damaged { .. })
            ),
            "{damage}: {message}"
        );
        assert!(
            message.contains(&path.display().to_string()),
            "{damage}: names the file: {message}"
        );
        assert!(message.contains("is damaged"), "{damage}: {message}");
        assert!(
            message.contains("move it aside"),
            "{damage}: says what to do: {message}"
        );
        for panic_text in ["panicked", "unreachable", "assertion"] {
            assert!(!message.contains(panic_text), "{damage}: {message}");
        }
        assert_eq!(
            std::fs::metadata(&path).unwrap().len(),
            damaged.len() as u64,
            "{damage}: the file is still there, neither emptied nor cut"
        );
    }
}
