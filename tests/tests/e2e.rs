//! End to end over loopback: fc3-client (signed, real HTTP) against fc3-local, for every
//! operation: sync and async invocations, log tails, function errors, the async engine's
//! retries, expiry and destinations, stop, pagination, authentication failures and bad input.

mod common;

use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime};

use common::{arn, client_for, local, local_with, wait_for};
use fc3_client::{AsyncTaskStatus, Client, Error, InvocationType, LogType, SortOrder};
use fc3_local::{Config, ManualClock, Options};
use futures_util::StreamExt;

const FAST_ENGINE: &str = "
[async]
retry_base_delay_ms = 5
retry_max_delay_ms = 20

[functions.slow]
kind = \"sleep\"
concurrency = 1
aliases = { prod = \"LATEST\" }
";

/// The records delivered to a sink, as JSON, oldest first.
async fn records(client: &Client, sink: &str, expected: usize) -> Vec<serde_json::Value> {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let page = client
            .list_async_tasks(sink)
            .include_payload(true)
            .sort_order_by_time(SortOrder::Asc)
            .limit(100)
            .send()
            .await
            .unwrap();
        let done: Vec<_> = page
            .tasks
            .iter()
            .filter(|t| t.status == Some(AsyncTaskStatus::Succeeded))
            .collect();
        if done.len() >= expected {
            return done
                .iter()
                .map(|t| serde_json::from_str(t.task_payload.as_deref().unwrap()).unwrap())
                .collect();
        }
        assert!(
            Instant::now() < deadline,
            "only {} records reached {sink}",
            done.len()
        );
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sync_invocation_with_log_tail_and_metadata() {
    let local = local(FAST_ENGINE).await;
    let output = local
        .client
        .invoke_function("echo")
        .qualifier("LATEST")
        .payload(r#"{"hello":"fc"}"#)
        .log_type(LogType::Tail)
        .send()
        .await
        .unwrap();
    assert_eq!(output.status(), 200);
    assert_eq!(output.payload().as_ref(), br#"{"hello":"fc"}"#);
    assert!(output.function_error().is_none());
    assert!(output.request_id().is_some_and(|id| !id.is_empty()));
    assert_eq!(output.executed_version(), Some("LATEST"));
    assert!(
        output.log_tail().is_some_and(|log| !log.is_empty()),
        "{output:?}"
    );

    // An alias runs the version it points at.
    let output = local
        .client
        .invoke_function("slow")
        .qualifier("prod")
        .payload("1")
        .send()
        .await
        .unwrap();
    assert_eq!(output.executed_version(), Some("LATEST"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn function_errors_are_reported_not_raised() {
    let local = local(FAST_ENGINE).await;
    let output = local
        .client
        .invoke_function("fail")
        .payload("{}")
        .send()
        .await
        .unwrap();
    assert_eq!(output.status(), 200);
    let failure = output.function_error().expect("fail fails");
    assert!(!failure.kind.is_empty());
    assert!(failure.message.is_some(), "{failure:?}");
    let err = output.into_result().unwrap_err();
    assert!(matches!(err, Error::Function(_)), "{err}");
    assert!(err.request_id().is_some());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn async_config_lifecycle_and_listing() {
    let local = local(FAST_ENGINE).await;
    let client = &local.client;
    let missing = client
        .get_async_invoke_config("echo")
        .send()
        .await
        .unwrap_err();
    assert_eq!(missing.code(), Some("AsyncConfigNotExists"), "{missing}");
    assert_eq!(missing.status(), Some(404));

    let stored = client
        .put_async_invoke_config("echo")
        .max_async_retry_attempts(0)
        .max_event_age(Duration::from_secs(600))
        .on_success(arn("sink"))
        .on_failure(arn("sink"))
        .async_task(true)
        .send()
        .await
        .unwrap();
    assert_eq!(
        stored.max_async_retry_attempts,
        Some(0),
        "0 retries survives the round trip"
    );
    assert_eq!(stored.async_task, Some(true));
    let read = client.get_async_invoke_config("echo").send().await.unwrap();
    assert_eq!(read.max_async_retry_attempts, Some(0));
    assert_eq!(
        read.max_async_event_age_in_seconds.map(|n| n.get()),
        Some(600)
    );
    client
        .put_async_invoke_config("fail")
        .max_async_retry_attempts(1)
        .send()
        .await
        .unwrap();
    client
        .put_async_invoke_config("slow")
        .qualifier("prod")
        .send()
        .await
        .unwrap();

    let pages: Vec<_> = client
        .list_async_invoke_configs()
        .limit(1)
        .pages()
        .collect()
        .await;
    let configs: Vec<String> = pages
        .into_iter()
        .flat_map(|p| p.unwrap().into_inner().configs)
        .map(|c| c.function_arn.unwrap())
        .collect();
    assert_eq!(configs.len(), 3, "{configs:?}");
    let only_echo = client
        .list_async_invoke_configs()
        .function_name("echo")
        .send()
        .await
        .unwrap();
    assert_eq!(only_echo.configs.len(), 1);

    let deleted = client
        .delete_async_invoke_config("echo")
        .send()
        .await
        .unwrap();
    // Every answer carries the request id FC gave it, one per request.
    let ids = [
        stored.request_id(),
        read.request_id(),
        only_echo.request_id(),
        deleted.request_id(),
    ];
    assert!(
        ids.iter().all(|id| id.is_some_and(|id| !id.is_empty())),
        "{ids:?}"
    );
    let distinct: std::collections::HashSet<_> = ids.iter().collect();
    assert_eq!(distinct.len(), ids.len(), "{ids:?}");
    assert_eq!(
        client
            .get_async_invoke_config("echo")
            .send()
            .await
            .unwrap_err()
            .code(),
        Some("AsyncConfigNotExists")
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn async_invocations_retry_succeed_fail_and_reach_destinations() {
    let local = local(&format!(
        "{FAST_ENGINE}\n[functions.shaky]\nkind = \"flaky\"\nfailures = 2\n"
    ))
    .await;
    let client = &local.client;
    for (function, retries) in [("shaky", 3), ("fail", 2)] {
        client
            .put_async_invoke_config(function)
            .max_async_retry_attempts(retries)
            .on_success(arn("sink"))
            .on_failure(arn("sink"))
            .async_task(true)
            .send()
            .await
            .unwrap();
    }
    let accepted = client
        .invoke_function("shaky")
        .invocation_type(InvocationType::Async)
        .async_task_id("shaky-1")
        .payload(r#"{"n":1}"#)
        .send()
        .await
        .unwrap();
    assert_eq!(accepted.status(), 202);
    assert_eq!(accepted.async_task_id(), Some("shaky-1"));
    let request_id = accepted.request_id().unwrap().to_string();
    client
        .invoke_function("fail")
        .invocation_type(InvocationType::Async)
        .async_task_id("fail-1")
        .payload("{}")
        .send()
        .await
        .unwrap();

    let shaky = wait_for(client, "shaky", "shaky-1").await;
    assert_eq!(shaky.status, Some(AsyncTaskStatus::Succeeded), "{shaky:?}");
    assert_eq!(
        shaky.already_retried_times,
        Some(2),
        "two failures, then success"
    );
    assert_eq!(
        shaky.request_id.as_deref(),
        Some(request_id.as_str()),
        "one request id across all tries"
    );
    let statuses: Vec<_> = shaky
        .events
        .iter()
        .filter_map(|e| e.status.clone())
        .collect();
    assert!(
        statuses.contains(&AsyncTaskStatus::Retrying),
        "{statuses:?}"
    );

    let failed = wait_for(client, "fail", "fail-1").await;
    assert_eq!(failed.status, Some(AsyncTaskStatus::Failed));
    assert_eq!(failed.already_retried_times, Some(2), "retries exhausted");

    let delivered = records(client, "sink", 2).await;
    let by_request: Vec<(&str, &str)> = delivered
        .iter()
        .map(|r| {
            (
                r["requestContext"]["functionArn"].as_str().unwrap(),
                r["requestContext"]["condition"].as_str().unwrap_or(""),
            )
        })
        .collect();
    assert!(
        by_request
            .iter()
            .any(|(f, _)| f.ends_with("functions/shaky")),
        "{delivered:?}"
    );
    let failure = delivered
        .iter()
        .find(|r| {
            r["requestContext"]["functionArn"]
                .as_str()
                .unwrap()
                .ends_with("functions/fail")
        })
        .unwrap();
    assert_eq!(failure["requestContext"]["approximateInvokeCount"], 3);
    assert_eq!(failure["requestPayload"], "{}");

    // A reused task id is a conflict.
    let again = client
        .invoke_function("fail")
        .invocation_type(InvocationType::Async)
        .async_task_id("fail-1")
        .send()
        .await
        .unwrap_err();
    assert_eq!(again.status(), Some(409), "{again}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn events_older_than_the_max_age_expire() {
    let clock = ManualClock::starting_now();
    let options =
        Options::new(Config::from_toml(FAST_ENGINE).unwrap()).with_clock(Arc::new(clock.clone()));
    let local = local_with(options).await;
    let client = &local.client;
    client
        .put_async_invoke_config("echo")
        .max_event_age(Duration::from_secs(1))
        .async_task(true)
        .on_failure(arn("sink"))
        .send()
        .await
        .unwrap();
    local.server.state().set_async_paused(true);
    client
        .invoke_function("echo")
        .invocation_type(InvocationType::Async)
        .async_task_id("old-1")
        .payload("{}")
        .send()
        .await
        .unwrap();
    clock.advance(Duration::from_secs(2));
    local.server.state().set_async_paused(false);
    let task = wait_for(client, "echo", "old-1").await;
    assert_eq!(task.status, Some(AsyncTaskStatus::Expired), "{task:?}");
    let delivered = records(client, "sink", 1).await;
    assert!(
        delivered[0]["requestContext"]["functionArn"]
            .as_str()
            .unwrap()
            .ends_with("functions/echo")
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn tasks_can_be_stopped_listed_filtered_and_paged() {
    let local = local(FAST_ENGINE).await;
    let client = &local.client;
    client
        .put_async_invoke_config("slow")
        .async_task(true)
        .send()
        .await
        .unwrap();
    client
        .put_async_invoke_config("echo")
        .async_task(true)
        .send()
        .await
        .unwrap();
    client
        .invoke_function("slow")
        .invocation_type(InvocationType::Async)
        .async_task_id("long-1")
        .payload("60000")
        .send()
        .await
        .unwrap();
    for i in 0..5 {
        client
            .invoke_function("echo")
            .invocation_type(InvocationType::Async)
            .async_task_id(format!("batch-{i}"))
            .payload("{}")
            .send()
            .await
            .unwrap();
    }
    client
        .invoke_function("echo")
        .invocation_type(InvocationType::Async)
        .async_task_id("other-1")
        .payload("{}")
        .send()
        .await
        .unwrap();

    let stop = client
        .stop_async_task("slow", "long-1")
        .send()
        .await
        .unwrap();
    assert!(stop.request_id().is_some_and(|id| !id.is_empty()));
    let stopped = wait_for(client, "slow", "long-1").await;
    assert_eq!(
        stopped.status,
        Some(AsyncTaskStatus::Stopped),
        "{stopped:?}"
    );

    for i in 0..5 {
        wait_for(client, "echo", &format!("batch-{i}")).await;
    }
    let pages: Vec<_> = client
        .list_async_tasks("echo")
        .prefix("batch-")
        .limit(2)
        .sort_order_by_time(SortOrder::Asc)
        .pages()
        .collect()
        .await;
    assert_eq!(pages.len(), 3, "5 tasks in pages of 2");
    let ids: Vec<String> = pages
        .into_iter()
        .flat_map(|p| p.unwrap().into_inner().tasks)
        .map(|t| t.task_id.unwrap())
        .collect();
    assert_eq!(ids, ["batch-0", "batch-1", "batch-2", "batch-3", "batch-4"]);
    let succeeded = client
        .list_async_tasks("echo")
        .status(AsyncTaskStatus::Succeeded)
        .limit(100)
        .send()
        .await
        .unwrap();
    assert_eq!(succeeded.tasks.len(), 6);
    let none = client
        .list_async_tasks("echo")
        .started_after(SystemTime::now() + Duration::from_secs(3600))
        .send()
        .await
        .unwrap();
    assert!(none.tasks.is_empty());
    let missing = client
        .get_async_task("echo", "nope")
        .send()
        .await
        .unwrap_err();
    assert_eq!(missing.status(), Some(404));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrency_limits_answer_429_and_sync_calls_are_not_resent() {
    let clock = ManualClock::starting_now();
    let options =
        Options::new(Config::from_toml(FAST_ENGINE).unwrap()).with_clock(Arc::new(clock.clone()));
    let local = local_with(options).await;
    let idle = clock.sleepers();
    // The clock stands still: the first call sleeps until it moves, holding the one slot.
    let busy = local.client.clone();
    let first =
        tokio::spawn(async move { busy.invoke_function("slow").payload("400").send().await });
    let deadline = Instant::now() + Duration::from_secs(10);
    while clock.sleepers() == idle {
        assert!(Instant::now() < deadline, "the first call never ran");
        tokio::time::sleep(Duration::from_millis(1)).await;
    }
    let err = local
        .client
        .invoke_function("slow")
        .payload("1")
        .send()
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(429), "{err}");
    assert_eq!(err.code(), Some("ResourceExhausted"));
    clock.advance(Duration::from_millis(400));
    assert!(first.await.unwrap().is_ok());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn authentication_failures_are_service_errors() {
    let local = local(FAST_ENGINE).await;
    let wrong_secret = client_for(
        &local.server,
        fc3_local::DEV_ACCESS_KEY_ID,
        "not-the-secret",
    );
    let err = wrong_secret
        .invoke_function("echo")
        .send()
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(403), "{err}");
    assert_eq!(err.code(), Some("SignatureNotMatch"));
    assert!(!err.to_string().contains("not-the-secret"));
    let unknown = client_for(&local.server, "nobody", "x");
    let err = unknown
        .get_async_invoke_config("echo")
        .send()
        .await
        .unwrap_err();
    assert_eq!(err.code(), Some("InvalidAccessKeyID"), "{err}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_input_is_refused_before_it_is_sent() {
    let local = local(FAST_ENGINE).await;
    // The client refuses first, before any I/O (the emulator's own check of the same rule is
    // tested in fc3-local, with raw signed requests)...
    let err = local
        .client
        .put_async_invoke_config("echo")
        .max_async_retry_attempts(9)
        .send()
        .await
        .unwrap_err();
    assert!(matches!(
        err,
        Error::Validation { ref field, .. } if field == "max_async_retry_attempts"
    ));
    let err = local
        .client
        .invoke_function("no-such-function")
        .send()
        .await
        .unwrap_err();
    assert_eq!(err.code(), Some("FunctionNotFound"), "{err}");
}
