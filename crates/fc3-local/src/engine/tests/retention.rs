//! Finished tasks past their retention are removed durably, and a removal the disk refuses is
//! undone and made again once the disk has room.

use std::time::Duration;

use fc3_models::AsyncTaskStatus;
use serde_json::json;

use super::{Harness, eventually, input};

const CONFIG: &str = "[async]\ntask_retention_seconds = 60\n";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_removal_the_disk_refuses_is_undone_then_made_again() {
    let h = Harness::start(CONFIG).await;
    let e = &h.engine;
    e.put_config("echo", "LATEST", input(json!({"asyncTask": true})))
        .await
        .unwrap();
    e.accept(h.request("echo", Some("done"), b"{}"))
        .await
        .unwrap();
    let status = || e.get_task("echo", "done").ok().and_then(|t| t.status);
    eventually("the task to end", || {
        status() == Some(AsyncTaskStatus::Succeeded)
    })
    .await;
    e.sync_store().await.unwrap();

    h.disk.set(true);
    h.clock.advance(Duration::from_secs(61));
    eventually("the removal to fail", || e.store.is_refusing()).await;
    assert_eq!(
        status(),
        Some(AsyncTaskStatus::Succeeded),
        "a removal the store did not keep shows"
    );
    h.disk.set(false);
    eventually("the removal once the disk has room", || status().is_none()).await;
    e.sync_store().await.unwrap();
    let h = h.restart().await;
    assert!(
        h.engine.get_task("echo", "done").is_err(),
        "the removal is durable"
    );
    h.engine.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn tasks_past_their_retention_at_start_are_removed() {
    let h = Harness::start(CONFIG).await;
    let e = &h.engine;
    e.put_config("echo", "LATEST", input(json!({"asyncTask": true})))
        .await
        .unwrap();
    e.accept(h.request("echo", Some("old"), b"{}"))
        .await
        .unwrap();
    eventually("the task to end", || {
        e.get_task("echo", "old").ok().and_then(|t| t.status) == Some(AsyncTaskStatus::Succeeded)
    })
    .await;
    e.sync_store().await.unwrap();
    // Stopped, then started again two minutes later: its time is up when it is read back.
    let h = h.restart_later(Duration::from_secs(120)).await;
    eventually("the old task to go", || {
        h.engine.get_task("echo", "old").is_err()
    })
    .await;
    let h = h.restart().await;
    assert!(h.engine.get_task("echo", "old").is_err(), "gone for good");
    h.engine.shutdown().await;
}
