//! One rule for every change: it is visible only while its write can still succeed, and a
//! failed write undoes it entirely, in memory as on disk. And the store writes again once the
//! disk has room, without a restart.

use std::time::{Duration, Instant};

use fc3_models::AsyncTaskStatus;
use serde_json::json;

use super::{Harness, input};

const CONFIG: &str = "";

/// What the tests look at: echo's retry setting, the status of task `queued` of echo,
/// whether task `new` exists, and whether sleep has a configuration.
#[derive(Debug, PartialEq)]
struct Observed {
    echo_retries: Option<i64>,
    queued: Option<AsyncTaskStatus>,
    new_exists: bool,
    sleep_configured: bool,
}

fn observe(h: &Harness) -> Observed {
    let e = &h.engine;
    Observed {
        echo_retries: e
            .get_config("echo", "LATEST")
            .ok()
            .and_then(|c| c.max_async_retry_attempts),
        queued: e.get_task("echo", "queued").ok().and_then(|t| t.status),
        new_exists: e.get_task("echo", "new").is_ok(),
        sleep_configured: e.get_config("sleep", "LATEST").is_ok(),
    }
}

/// A data dir holding: echo's configuration (async tasks, 1 retry), sleep's, and task
/// `queued` of echo, not run yet (the engine is paused).
async fn prepared() -> Harness {
    let h = Harness::start(CONFIG).await;
    let e = &h.engine;
    let config = json!({"asyncTask": true, "maxAsyncRetryAttempts": 1});
    e.put_config("echo", "LATEST", input(config)).await.unwrap();
    e.put_config("sleep", "LATEST", input(json!({})))
        .await
        .unwrap();
    e.set_paused(true);
    e.accept(h.request("echo", Some("queued"), b"{}"))
        .await
        .unwrap();
    h
}

const BEFORE: Observed = Observed {
    echo_retries: Some(1),
    queued: Some(AsyncTaskStatus::Enqueued),
    new_exists: false,
    sleep_configured: true,
};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_change_whose_write_fails_leaves_nothing_behind() {
    for change in [
        "PutAsyncInvokeConfig",
        "DeleteAsyncInvokeConfig",
        "StopAsyncTask",
        "InvokeFunction (async)",
    ] {
        let h = prepared().await;
        assert_eq!(observe(&h), BEFORE);
        h.disk.set(true);
        let e = &h.engine;
        let failed = match change {
            "PutAsyncInvokeConfig" => e
                .put_config("echo", "LATEST", input(json!({"maxAsyncRetryAttempts": 5})))
                .await
                .err(),
            "DeleteAsyncInvokeConfig" => e.delete_config("sleep", "LATEST").await.err(),
            "StopAsyncTask" => e.stop_task("echo", "queued").await.err(),
            _ => e.accept(h.request("echo", Some("new"), b"{}")).await.err(),
        };
        assert!(failed.is_some(), "{change} reported success on a full disk");
        assert_eq!(observe(&h), BEFORE, "{change} failed, yet it shows");
        h.disk.set(false);
        let h = h.restart().await;
        assert_eq!(observe(&h), BEFORE, "{change} failed, yet it is stored");
        h.engine.shutdown().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_try_whose_state_cannot_be_stored_does_not_show_and_runs_once_it_can() {
    let h = prepared().await;
    h.disk.set(true);
    h.engine.set_paused(false);
    // The engine's write of the try fails; give the try time to run to its end.
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(
        observe(&h).queued,
        Some(AsyncTaskStatus::Enqueued),
        "a state the store does not have"
    );
    h.disk.set(false);
    let deadline = Instant::now() + Duration::from_secs(10);
    while observe(&h).queued != Some(AsyncTaskStatus::Succeeded) {
        assert!(Instant::now() < deadline, "it never ran: {:?}", observe(&h));
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    let task = h.engine.get_task("echo", "queued").unwrap();
    let h = h.restart().await;
    assert_eq!(h.engine.get_task("echo", "queued").unwrap(), task);
    h.engine.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn writes_work_again_once_the_disk_has_room() {
    let h = prepared().await;
    let e = &h.engine;
    h.disk.set(true);
    let put = || e.put_config("echo", "LATEST", input(json!({"maxAsyncRetryAttempts": 2})));
    let error = put().await.unwrap_err().to_string();
    assert_eq!(error.matches("data store").count(), 1, "{error}");
    h.disk.set(false);
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        match put().await {
            Ok(_) => break,
            Err(e) => assert!(Instant::now() < deadline, "still failing: {e}"),
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let h = h.restart().await;
    assert_eq!(observe(&h).echo_retries, Some(2));
    h.engine.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_stop_whose_write_fails_does_not_interrupt_the_try() {
    let h = Harness::start(CONFIG).await;
    let e = &h.engine;
    e.put_config("sleep", "LATEST", input(json!({"asyncTask": true})))
        .await
        .unwrap();
    // The manual clock stands still: the try sleeps until the clock moves.
    e.accept(h.request("sleep", Some("running"), b"1000"))
        .await
        .unwrap();
    let status = || e.get_task("sleep", "running").ok().and_then(|t| t.status);
    super::eventually("the try to run", || {
        status() == Some(AsyncTaskStatus::Running)
    })
    .await;
    // Its state is durable: the stop is the only change the full disk refuses.
    e.sync_store().await.unwrap();
    h.disk.set(true);
    assert!(e.stop_task("sleep", "running").await.is_err());
    assert_eq!(status(), Some(AsyncTaskStatus::Running), "the stop shows");
    h.disk.set(false);
    super::eventually("the store to write again", || !e.store.is_refusing()).await;
    h.clock.advance(Duration::from_secs(1));
    super::eventually("the try to end", || {
        status() == Some(AsyncTaskStatus::Succeeded)
    })
    .await;
    h.engine.shutdown().await;
}
