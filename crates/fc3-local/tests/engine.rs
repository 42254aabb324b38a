//! The async engine through the API, on a manual clock: acceptance, retries with backoff,
//! expiry, destinations, async tasks (state machine, Get/List/Stop) and request ids.

mod common;

use std::time::Duration;

use common::Emulator;
use fc3_local::Clock;
use fc3_models::DestinationRecord;
use fc3_models::{AsyncTask, AsyncTaskStatus, ListAsyncTaskOutput};
use serde_json::{Value, json};

const CONFIG: &str = r#"
[async]
retry_base_delay_ms = 1000
retry_max_delay_ms = 3000

[functions.flaky2]
kind = "flaky"
failures = 2

[functions.single]
kind = "sleep"
concurrency = 1

[functions.never]
kind = "fail"
"#;

fn now_ms(emu: &Emulator) -> i64 {
    emu.clock
        .now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_millis() as i64
}

fn statuses(task: &AsyncTask) -> Vec<AsyncTaskStatus> {
    task.events
        .iter()
        .map(|e| e.status.clone().unwrap())
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn accepted_tracked_and_succeeded() {
    let emu = Emulator::start(CONFIG).await;
    let c = &emu.client;
    assert_eq!(
        c.put_config("echo", json!({"asyncTask": true}))
            .await
            .status,
        200
    );
    let t0 = now_ms(&emu);
    let reply = c.invoke_async("echo", b"{\"n\":1}", Some("job-1")).await;
    assert_eq!(reply.status, 202, "{}", reply.text());
    assert!(reply.body.is_empty());
    assert_eq!(reply.header("x-fc-async-task-id"), Some("job-1"));
    let request_id = reply.header("x-fc-request-id").unwrap().to_owned();

    let task: AsyncTask =
        serde_json::from_value(c.wait_status("echo", "job-1", "Succeeded").await).unwrap();
    assert_eq!(task.task_id.as_deref(), Some("job-1"));
    assert_eq!(task.request_id.as_deref(), Some(request_id.as_str()));
    assert_eq!(
        task.function_arn.as_deref(),
        Some("acs:fc:cn-hangzhou:1234567890123456:functions/echo")
    );
    assert_eq!(task.qualifier.as_deref(), Some("LATEST"));
    assert_eq!(task.started_time, Some(t0));
    assert_eq!(task.end_time, Some(t0));
    assert_eq!(task.duration_ms, Some(0));
    assert_eq!(task.already_retried_times, Some(0));
    assert_eq!(task.return_payload.as_deref(), Some("{\"n\":1}"));
    assert_eq!(task.task_payload.as_deref(), Some("{\"n\":1}"));
    assert!(task.instance_id.is_some());
    assert!(task.destination_status.is_none());
    use AsyncTaskStatus::*;
    assert_eq!(statuses(&task), [Enqueued, Running, Succeeded]);
    let ids: Vec<i64> = task.events.iter().map(|e| e.event_id.unwrap()).collect();
    assert_eq!(ids, [1, 2, 3]);

    // A generated id when none is given; reusing one is a conflict.
    let reply = c.invoke_async("echo", b"x", None).await;
    let generated = reply.header("x-fc-async-task-id").unwrap().to_owned();
    assert!(fc3_models::AsyncTaskId::try_from(generated.as_str()).is_ok());
    c.wait_status("echo", &generated, "Succeeded").await;
    c.invoke_async("echo", b"x", Some("job-1"))
        .await
        .expect_error(409, "AsyncTaskAlreadyExists");
    // ... but not across functions.
    assert_eq!(
        c.put_config("sink", json!({"asyncTask": true}))
            .await
            .status,
        200
    );
    assert_eq!(
        c.invoke_async("sink", b"x", Some("job-1")).await.status,
        202
    );
    c.get_task("echo", "missing")
        .await
        .expect_error(404, "AsyncTaskNotExists");
    c.get_task("ghost", "job-1")
        .await
        .expect_error(404, "FunctionNotFound");
    emu.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn untracked_events_run_without_tasks() {
    let emu = Emulator::start(CONFIG).await;
    let c = &emu.client;
    // No config: async tasks are off (except for sink).
    let reply = c.invoke_async("echo", b"x", None).await;
    assert_eq!(reply.status, 202);
    assert!(reply.header("x-fc-async-task-id").is_none());
    let state = emu.server.state().clone();
    common::wait_until("the event to run", || state.pending_events() == 0).await;
    let list: ListAsyncTaskOutput = c.list_tasks("echo", &[]).await.json();
    assert!(list.tasks.is_empty());
    let message = c
        .invoke_async("echo", b"x", Some("mine"))
        .await
        .expect_error(400, "InvalidArgument");
    assert!(message.contains("asyncTask"), "{message}");
    // sink tracks by default.
    let reply = c.invoke_async("sink", b"kept", None).await;
    let id = reply.header("x-fc-async-task-id").unwrap().to_owned();
    let task = c.wait_status("sink", &id, "Succeeded").await;
    assert_eq!(task["taskPayload"], "kept");
    emu.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn retries_with_backoff_then_success_and_one_request_id() {
    let emu = Emulator::start(CONFIG).await;
    let c = &emu.client;
    let config = json!({"asyncTask": true, "maxAsyncRetryAttempts": 3,
        "destinationConfig": {"onSuccess": {"destination": "acs:fc:cn-hangzhou:1234567890123456:functions/sink"}}});
    assert_eq!(c.put_config("flaky2", config).await.status, 200);
    let t0 = now_ms(&emu);
    let reply = c.invoke_async("flaky2", b"payload", Some("r1")).await;
    let request_id = reply.header("x-fc-request-id").unwrap().to_owned();

    // Try 1 fails at t0; try 2 is due 1 s later, try 3 2 s after that.
    c.wait_status("flaky2", "r1", "Retrying").await;
    tokio::time::sleep(Duration::from_millis(30)).await;
    let task: AsyncTask = c.get_task("flaky2", "r1").await.json();
    assert_eq!(
        task.events.len(),
        3,
        "no second try before the clock moves: {task:?}"
    );
    emu.clock.advance(Duration::from_millis(999));
    tokio::time::sleep(Duration::from_millis(30)).await;
    let task: AsyncTask = c.get_task("flaky2", "r1").await.json();
    assert_eq!(task.events.len(), 3, "not yet due");
    emu.clock.advance(Duration::from_millis(1));
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    loop {
        let task: AsyncTask = c.get_task("flaky2", "r1").await.json();
        if task.events.len() == 5 {
            break;
        }
        assert!(std::time::Instant::now() < deadline, "{task:?}");
        tokio::time::sleep(Duration::from_millis(2)).await;
    }
    emu.clock.advance(Duration::from_millis(2000));
    let task: AsyncTask =
        serde_json::from_value(c.wait_status("flaky2", "r1", "Succeeded").await).unwrap();
    use AsyncTaskStatus::*;
    assert_eq!(
        statuses(&task),
        [
            Enqueued, Running, Retrying, Running, Retrying, Running, Succeeded
        ]
    );
    let times: Vec<i64> = task
        .events
        .iter()
        .map(|e| e.timestamp.unwrap() - t0)
        .collect();
    assert_eq!(times, [0, 0, 0, 1000, 1000, 3000, 3000]);
    assert_eq!(task.already_retried_times, Some(2));
    assert_eq!(task.duration_ms, Some(3000));
    assert_eq!(task.request_id.as_deref(), Some(request_id.as_str()));
    assert!(
        task.events[2]
            .event_detail
            .as_deref()
            .unwrap()
            .contains("next try in 1000 ms")
    );
    assert_eq!(task.destination_status.as_deref(), Some("Succeeded"));

    // The record reached sink as an async task whose payload is FC's record.
    let list: ListAsyncTaskOutput = c
        .list_tasks("sink", &[("includePayload", "true")])
        .await
        .json();
    assert_eq!(list.tasks.len(), 1);
    let record: DestinationRecord =
        serde_json::from_str(list.tasks[0].task_payload.as_deref().unwrap()).unwrap();
    assert_eq!(record.request_context.request_id, request_id);
    assert_eq!(
        record.request_context.function_arn,
        "acs:fc:cn-hangzhou:1234567890123456:functions/flaky2"
    );
    assert_eq!(record.request_context.approximate_invoke_count, 3);
    assert_eq!(record.request_context.condition, "");
    assert_eq!(record.request_payload, "payload");
    assert_eq!(record.response_payload, "payload");
    assert_eq!(record.response_context.status_code, 200);
    assert_eq!(record.response_context.function_error, "");
    assert_eq!(record.timestamp, t0 + 3000);
    // The raw JSON has FC's keys.
    let raw: Value = serde_json::from_str(list.tasks[0].task_payload.as_deref().unwrap()).unwrap();
    for key in [
        "timestamp",
        "requestContext",
        "requestPayload",
        "responseContext",
        "responsePayload",
    ] {
        assert!(raw.get(key).is_some(), "{key} in {raw}");
    }
    emu.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn retries_exhausted_fail_and_reach_on_failure() {
    let emu = Emulator::start(CONFIG).await;
    let c = &emu.client;
    let config = json!({"asyncTask": true, "maxAsyncRetryAttempts": 1,
        "destinationConfig": {"onFailure": {"destination": "acs:fc:cn-hangzhou:1234567890123456:functions/sink"},
                              "onSuccess": {"destination": "acs:mns:cn-hangzhou:1234567890123456:/queues/q/messages"}}});
    assert_eq!(c.put_config("never", config).await.status, 200);
    c.invoke_async("never", b"doomed", Some("f1")).await;
    c.wait_status("never", "f1", "Retrying").await;
    emu.clock.advance(Duration::from_secs(1));
    let task: AsyncTask =
        serde_json::from_value(c.wait_status("never", "f1", "Failed").await).unwrap();
    assert_eq!(task.already_retried_times, Some(1));
    assert!(
        task.task_error_message
            .as_deref()
            .unwrap()
            .starts_with("UnhandledInvocationError")
    );
    assert!(
        task.return_payload
            .as_deref()
            .unwrap()
            .contains("errorMessage")
    );
    assert_eq!(task.destination_status.as_deref(), Some("Succeeded"));

    let list: ListAsyncTaskOutput = c
        .list_tasks("sink", &[("includePayload", "true")])
        .await
        .json();
    let record: DestinationRecord =
        serde_json::from_str(list.tasks[0].task_payload.as_deref().unwrap()).unwrap();
    assert_eq!(record.request_context.condition, "UnhandledInvocationError");
    assert_eq!(record.request_context.approximate_invoke_count, 2);
    assert_eq!(
        record.response_context.function_error,
        "UnhandledInvocationError"
    );
    assert_eq!(record.request_payload, "doomed");

    // Zero retries: one try only. A success to a non-FC destination is recorded
    // (tests/destinations.rs reads it back).
    assert_eq!(
        c.put_config(
            "flaky2",
            json!({"asyncTask": true, "maxAsyncRetryAttempts": 0})
        )
        .await
        .status,
        200
    );
    c.invoke_async("flaky2", b"x", Some("z")).await;
    let task: AsyncTask =
        serde_json::from_value(c.wait_status("flaky2", "z", "Failed").await).unwrap();
    assert_eq!(task.already_retried_times, Some(0));
    assert!(task.destination_status.is_none());
    assert_eq!(c.put_config("echo", json!({"asyncTask": true,
        "destinationConfig": {"onSuccess": {"destination": "acs:mns:cn-hangzhou:1:/queues/q/messages"}}})).await.status, 200);
    c.invoke_async("echo", b"x", Some("m")).await;
    let task = c.wait_status("echo", "m", "Succeeded").await;
    assert_eq!(task["destinationStatus"], "Succeeded");
    emu.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn old_events_expire_before_a_try() {
    let emu = Emulator::start(CONFIG).await;
    let c = &emu.client;
    let config = json!({"asyncTask": true, "maxAsyncEventAgeInSeconds": 2, "maxAsyncRetryAttempts": 8,
        "destinationConfig": {"onFailure": {"destination": "acs:fc:cn-hangzhou:1234567890123456:functions/sink"}}});
    assert_eq!(c.put_config("never", config).await.status, 200);
    c.invoke_async("never", b"old", Some("e1")).await;
    c.wait_status("never", "e1", "Retrying").await;
    emu.clock.advance(Duration::from_secs(1)); // try 2 at 1 s
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    loop {
        let task: AsyncTask = c.get_task("never", "e1").await.json();
        if task.events.len() == 5 {
            break;
        }
        assert!(std::time::Instant::now() < deadline, "{task:?}");
        tokio::time::sleep(Duration::from_millis(2)).await;
    }
    emu.clock.advance(Duration::from_secs(2)); // try 3 due at 3 s: older than 2 s
    let task: AsyncTask =
        serde_json::from_value(c.wait_status("never", "e1", "Expired").await).unwrap();
    use AsyncTaskStatus::*;
    assert_eq!(
        statuses(&task),
        [Enqueued, Running, Retrying, Running, Retrying, Expired]
    );
    assert_eq!(task.already_retried_times, Some(1));
    let list: ListAsyncTaskOutput = c
        .list_tasks("sink", &[("includePayload", "true")])
        .await
        .json();
    let record: DestinationRecord =
        serde_json::from_str(list.tasks[0].task_payload.as_deref().unwrap()).unwrap();
    assert_eq!(
        record.request_context.condition,
        fc3_local::CONDITION_EXPIRED
    );
    emu.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn stop_running_queued_and_finished_tasks() {
    let emu = Emulator::start(CONFIG).await;
    let c = &emu.client;
    assert_eq!(
        c.put_config("single", json!({"asyncTask": true}))
            .await
            .status,
        200
    );
    // The clock stands still: the first sleep runs until stopped; the second waits its turn.
    c.invoke_async("single", b"60000", Some("running")).await;
    c.wait_status("single", "running", "Running").await;
    c.invoke_async("single", b"0", Some("queued")).await;
    tokio::time::sleep(Duration::from_millis(20)).await;
    let queued: AsyncTask = c.get_task("single", "queued").await.json();
    assert_eq!(queued.status, Some(AsyncTaskStatus::Enqueued));

    assert_eq!(c.stop_task("single", "queued").await.status, 200);
    let task: AsyncTask = c.get_task("single", "queued").await.json();
    use AsyncTaskStatus::*;
    assert_eq!(statuses(&task), [Enqueued, Stopping, Stopped]);

    assert_eq!(c.stop_task("single", "running").await.status, 200);
    let task: AsyncTask =
        serde_json::from_value(c.wait_status("single", "running", "Stopped").await).unwrap();
    assert_eq!(statuses(&task), [Enqueued, Running, Stopping, Stopped]);
    // Stopping again is fine; stopping a finished task is not; an unknown one is 404.
    assert_eq!(c.stop_task("single", "running").await.status, 200);
    c.invoke_async("single", b"0", Some("done")).await;
    c.wait_status("single", "done", "Succeeded").await;
    let message = c
        .stop_task("single", "done")
        .await
        .expect_error(400, "InvalidArgument");
    assert!(message.contains("Succeeded"), "{message}");
    c.stop_task("single", "ghost")
        .await
        .expect_error(404, "AsyncTaskNotExists");
    emu.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn list_tasks_filters_sorts_and_pages() {
    let emu = Emulator::start(CONFIG).await;
    let c = &emu.client;
    assert_eq!(
        c.put_config("echo", json!({"asyncTask": true}))
            .await
            .status,
        200
    );
    assert_eq!(
        c.call("PUT", &common::fn_path("never", "async-invoke-config"))
            .json(&json!({"asyncTask": true, "maxAsyncRetryAttempts": 0}))
            .send()
            .await
            .status,
        200
    );
    let t0 = now_ms(&emu);
    for i in 0..25 {
        let prefix = if i % 2 == 0 { "even" } else { "odd" };
        let reply = c
            .invoke_async(
                "echo",
                format!("{i}").as_bytes(),
                Some(&format!("{prefix}-{i:02}")),
            )
            .await;
        assert_eq!(reply.status, 202);
        emu.clock.advance(Duration::from_millis(10));
    }
    let state = emu.server.state().clone();
    common::wait_until("all to run", || state.pending_events() == 0).await;

    // Default: newest first, 20 a page.
    let page: ListAsyncTaskOutput = c.list_tasks("echo", &[]).await.json();
    assert_eq!(page.tasks.len(), 20);
    assert_eq!(page.tasks[0].task_id.as_deref(), Some("even-24"));
    assert!(
        page.tasks[0].task_payload.is_none(),
        "payload only with includePayload"
    );
    let token = page.next_token.clone().unwrap();
    let rest: ListAsyncTaskOutput = c.list_tasks("echo", &[("nextToken", &token)]).await.json();
    assert_eq!(rest.tasks.len(), 5);
    assert!(rest.next_token.is_none());
    assert_eq!(rest.tasks[4].task_id.as_deref(), Some("even-00"));

    // Ascending, small pages, walking them all.
    let mut seen = Vec::new();
    let mut token: Option<String> = None;
    loop {
        let mut query = vec![
            ("sortOrderByTime", "asc".to_owned()),
            ("limit", "7".to_owned()),
        ];
        if let Some(t) = &token {
            query.push(("nextToken", t.clone()));
        }
        let query: Vec<(&str, &str)> = query.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let page: ListAsyncTaskOutput = c.list_tasks("echo", &query).await.json();
        seen.extend(page.tasks.iter().map(|t| t.task_id.clone().unwrap()));
        match page.next_token {
            Some(t) => token = Some(t),
            None => break,
        }
    }
    let expected: Vec<String> = (0..25)
        .map(|i| format!("{}-{i:02}", if i % 2 == 0 { "even" } else { "odd" }))
        .collect();
    assert_eq!(seen, expected);

    // Filters.
    let odd: ListAsyncTaskOutput = c
        .list_tasks("echo", &[("prefix", "odd-"), ("limit", "100")])
        .await
        .json();
    assert_eq!(odd.tasks.len(), 12);
    let window: ListAsyncTaskOutput = c
        .list_tasks(
            "echo",
            &[
                ("startedTimeBegin", &(t0 + 50).to_string()),
                ("startedTimeEnd", &(t0 + 100).to_string()),
            ],
        )
        .await
        .json();
    let ids: Vec<&str> = window
        .tasks
        .iter()
        .map(|t| t.task_id.as_deref().unwrap())
        .collect();
    assert_eq!(
        ids,
        [
            "even-10", "odd-09", "even-08", "odd-07", "even-06", "odd-05"
        ]
    );
    let succeeded: ListAsyncTaskOutput = c
        .list_tasks("echo", &[("status", "Succeeded"), ("limit", "100")])
        .await
        .json();
    assert_eq!(succeeded.tasks.len(), 25);
    let failed: ListAsyncTaskOutput = c.list_tasks("echo", &[("status", "Failed")]).await.json();
    assert!(failed.tasks.is_empty());
    let with_payload: ListAsyncTaskOutput = c
        .list_tasks("echo", &[("includePayload", "true"), ("limit", "1")])
        .await
        .json();
    assert_eq!(with_payload.tasks[0].task_payload.as_deref(), Some("24"));
    c.invoke_async("never", b"x", Some("n1")).await;
    c.wait_status("never", "n1", "Failed").await;
    let failed: ListAsyncTaskOutput = c.list_tasks("never", &[("status", "Failed")]).await.json();
    assert_eq!(failed.tasks.len(), 1);
    emu.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrency_limit_queues_async_tries() {
    let emu = Emulator::start(CONFIG).await;
    let c = &emu.client;
    assert_eq!(
        c.put_config("single", json!({"asyncTask": true}))
            .await
            .status,
        200
    );
    for i in 0..3 {
        assert_eq!(
            c.invoke_async("single", b"100", Some(&format!("s{i}")))
                .await
                .status,
            202
        );
    }
    c.wait_status("single", "s0", "Running").await;
    tokio::time::sleep(Duration::from_millis(20)).await;
    for id in ["s1", "s2"] {
        let task: AsyncTask = c.get_task("single", id).await.json();
        assert_eq!(
            task.status,
            Some(AsyncTaskStatus::Enqueued),
            "one at a time"
        );
    }
    for id in ["s0", "s1", "s2"] {
        c.wait_status("single", id, "Running").await;
        emu.clock.advance(Duration::from_millis(100));
        c.wait_status("single", id, "Succeeded").await;
    }
    emu.stop().await;
}

/// `shutdown` returns once the engine's own task has ended, so an emulator started and shut
/// down again and again (a test suite, the router fuzz target) on one current-thread runtime
/// that never idles leaves nothing behind: before, each left its dispatcher queued, holding
/// the whole engine, about 4 KB a time.
#[test]
fn shutdown_waits_for_the_engines_task_to_end() {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    for _ in 0..3 {
        let alive = runtime.block_on(async {
            let options = fc3_local::Options::new(fc3_local::Config::from_toml(CONFIG).unwrap());
            let state = fc3_local::AppState::start(options).await.unwrap();
            state.shutdown().await;
            tokio::runtime::Handle::current()
                .metrics()
                .num_alive_tasks()
        });
        assert_eq!(alive, 0, "tasks still alive after shutdown");
    }
}
