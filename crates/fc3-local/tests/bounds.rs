//! Bounds of the async engine, through the API: destination chains that come back (or a
//! function that is its own destination) end at the hop limit within the payload limit, and a
//! full async queue answers as FC does when it throttles.

mod common;

use common::Emulator;
use fc3_models::DestinationRecord;
use fc3_models::{AsyncTask, AsyncTaskStatus};
use serde_json::json;

const LOOPS: &str = r#"
[limits]
async_payload_bytes = 4096

[async]
max_destination_hops = 5

[functions.ping]
kind = "echo"

[functions.pong]
kind = "echo"
"#;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_function_that_is_its_own_destination_stops_after_the_hop_limit() {
    let emu = Emulator::start(LOOPS).await;
    let c = &emu.client;
    let config = json!({"asyncTask": true,
        "destinationConfig": {"onSuccess": {"destination": "acs:fc:cn-hangzhou:1234567890123456:functions/ping"}}});
    assert_eq!(
        c.put_config("ping", config).await.status,
        200,
        "accepted, as FC does"
    );
    let reply = c.invoke_async("ping", &[b'x'; 4000], Some("first")).await;
    assert_eq!(reply.status, 202, "{}", reply.text());
    let state = emu.server.state().clone();
    common::wait_until("the chain to end", || state.pending_events() == 0).await;

    let tasks = common::all_tasks(c, "ping").await;
    assert_eq!(tasks.len(), 1 + 5, "the invocation and 5 deliveries");
    for task in &tasks {
        let payload = task.task_payload.as_deref().unwrap();
        assert!(payload.len() <= 4096, "a record of {} bytes", payload.len());
        assert_eq!(task.status, Some(AsyncTaskStatus::Succeeded));
    }
    let delivered = |t: &&AsyncTask| t.destination_status.as_deref() == Some("Succeeded");
    assert_eq!(tasks.iter().filter(delivered).count(), 5);
    let last = &tasks[0];
    assert_eq!(
        last.destination_status.as_deref(),
        Some("Failed"),
        "the 6th record is not delivered"
    );
    // Each record holds the previous one, cut to fit: still FC's record.
    let record: DestinationRecord =
        serde_json::from_str(last.task_payload.as_deref().unwrap()).unwrap();
    assert_eq!(
        record.request_context.function_arn,
        "acs:fc:cn-hangzhou:1234567890123456:functions/ping"
    );
    emu.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_chain_that_comes_back_stops_and_stays_within_the_payload_limit() {
    let emu = Emulator::start(LOOPS).await;
    let c = &emu.client;
    for (from, to) in [("ping", "pong"), ("pong", "ping")] {
        let config = json!({"asyncTask": true, "destinationConfig": {
            "onSuccess": {"destination": format!("acs:fc:cn-hangzhou:1234567890123456:functions/{to}")}}});
        assert_eq!(c.put_config(from, config).await.status, 200);
    }
    // A payload with characters JSON escapes: each hop would more than double it.
    let event = "\"\\\n".repeat(1300);
    assert_eq!(
        c.invoke_async("ping", event.as_bytes(), None).await.status,
        202
    );
    let state = emu.server.state().clone();
    common::wait_until("the chain to end", || state.pending_events() == 0).await;
    let ping = common::all_tasks(c, "ping").await;
    let pong = common::all_tasks(c, "pong").await;
    assert_eq!(
        (ping.len(), pong.len()),
        (3, 3),
        "ping, pong, ping, pong, ping, pong"
    );
    let stored: usize = ping
        .iter()
        .chain(&pong)
        .map(|t| t.task_payload.as_deref().unwrap().len())
        .sum();
    assert!(
        stored <= 6 * 4096,
        "{stored} bytes of payloads for 6 events"
    );
    emu.stop().await;
}

const BOUNDED: &str = r#"
[async]
max_queued_events = 3
max_queued_bytes = 1000
"#;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_full_queue_refuses_as_fc_does_when_throttled_and_takes_again_once_drained() {
    let emu = Emulator::start(BOUNDED).await;
    let c = &emu.client;
    let state = emu.server.state().clone();
    state.set_async_paused(true);
    for _ in 0..3 {
        assert_eq!(c.invoke_async("echo", b"x", None).await.status, 202);
    }
    let full = c.invoke_async("echo", b"x", None).await;
    let message = full.expect_error(503, "ResourceThrottled");
    assert!(message.contains("max_queued_events"), "{message}");
    assert_eq!(full.header("x-acs-retry-after"), Some("1000"));
    // Synchronous calls go on.
    assert_eq!(c.invoke("echo", b"sync").await.text(), "sync");
    state.set_async_paused(false);
    common::wait_until("the queue to drain", || state.pending_events() == 0).await;
    // The bytes bound.
    state.set_async_paused(true);
    assert_eq!(c.invoke_async("echo", &[b'x'; 600], None).await.status, 202);
    c.invoke_async("echo", &[b'x'; 600], None)
        .await
        .expect_error(503, "ResourceThrottled");
    assert_eq!(c.invoke_async("echo", &[b'x'; 400], None).await.status, 202);
    state.set_async_paused(false);
    common::wait_until("the queue to drain", || state.pending_events() == 0).await;
    emu.stop().await;
}
