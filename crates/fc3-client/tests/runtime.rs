//! The client runtime against a real HTTP server on loopback that verifies every signature.

mod common;

use std::time::{Duration, Instant, SystemTime};

use common::{Answer, KEY_ID, Server, TOKEN};
use fc3_client::{
    AsyncTaskStatus, Client, Credentials, Error, InvocationType, LogType, RetryPolicy, SortOrder,
    TimeoutScope,
};
use futures_util::StreamExt;
use serde_json::json;

fn config_json() -> serde_json::Value {
    json!({"asyncTask": true, "maxAsyncRetryAttempts": 0, "maxAsyncEventAgeInSeconds": 600,
           "functionArn": "acs:fc:cn-hangzhou:1234567890123456:functions/f",
           "destinationConfig": {"onFailure": {"destination": "acs:fc:cn-hangzhou:1234567890123456:functions/dlq"}}})
}

#[tokio::test]
async fn every_operation_is_signed_and_verifies() {
    let server = Server::start(|seen, _| {
        let path = seen.uri.path();
        if path.ends_with("/invocations") {
            Answer::new(200).body("ok")
        } else if path.ends_with("/async-invoke-config") && seen.method != "DELETE" {
            Answer::new(200).json(config_json())
        } else if path.ends_with("/async-invoke-configs") {
            Answer::new(200).json(json!({"configs": [config_json()]}))
        } else if path.ends_with("/async-tasks") {
            Answer::new(200).json(json!({"tasks": [{"taskId": "t-1", "status": "Running"}]}))
        } else if path.ends_with("/stop") || seen.method == "DELETE" {
            Answer::new(204)
        } else {
            Answer::new(200).json(json!({"taskId": "t-1", "status": "Succeeded"}))
        }
    })
    .await;
    let client = server.client();
    let output = client
        .invoke_function("f")
        .qualifier("prod")
        .payload("a b+c")
        .send()
        .await
        .unwrap();
    assert_eq!(output.payload().as_ref(), b"ok");
    let config = client
        .put_async_invoke_config("f")
        .qualifier("prod")
        .max_async_retry_attempts(0)
        .max_event_age(Duration::from_secs(600))
        .on_failure("acs:fc:cn-hangzhou:1234567890123456:functions/dlq")
        .async_task(true)
        .send()
        .await
        .unwrap();
    assert_eq!(config.max_async_retry_attempts, Some(0));
    client.get_async_invoke_config("f").send().await.unwrap();
    client
        .delete_async_invoke_config("f")
        .qualifier("prod")
        .send()
        .await
        .unwrap();
    client
        .list_async_invoke_configs()
        .function_name("f")
        .limit(10)
        .send()
        .await
        .unwrap();
    let page = client
        .list_async_tasks("f")
        .prefix("video 1+2")
        .status(AsyncTaskStatus::Running)
        .sort_order_by_time(SortOrder::Asc)
        .started_after(SystemTime::UNIX_EPOCH + Duration::from_secs(1_763_800_000))
        .include_payload(true)
        .limit(5)
        .send()
        .await
        .unwrap();
    assert_eq!(page.tasks[0].status, Some(AsyncTaskStatus::Running));
    client.get_async_task("f", "t-1").send().await.unwrap();
    client.stop_async_task("f", "t-1").send().await.unwrap();

    let seen = server.seen();
    assert_eq!(seen.len(), 8);
    for request in &seen {
        assert_eq!(
            request.verified,
            Ok(()),
            "{} {}",
            request.method,
            request.uri
        );
        assert_eq!(request.header("x-acs-version"), Some("2023-03-30"));
        assert_eq!(request.header("x-acs-security-token"), Some(TOKEN));
        assert_eq!(request.header("api-version"), None);
        assert!(
            request
                .header("user-agent")
                .unwrap()
                .starts_with("fc3-rust/")
        );
    }
    let actions: Vec<&str> = seen
        .iter()
        .map(|s| s.header("x-acs-action").unwrap())
        .collect();
    assert_eq!(
        actions,
        [
            "InvokeFunction",
            "PutAsyncInvokeConfig",
            "GetAsyncInvokeConfig",
            "DeleteAsyncInvokeConfig",
            "ListAsyncInvokeConfigs",
            "ListAsyncTasks",
            "GetAsyncTask",
            "StopAsyncTask"
        ]
    );
    // Queries are sent RFC 3986-encoded, exactly as signed.
    let list = &seen[5];
    assert!(
        list.uri.query().unwrap().contains("prefix=video%201%2B2"),
        "{}",
        list.uri
    );
    assert!(
        list.uri
            .query()
            .unwrap()
            .contains("startedTimeBegin=1763800000000"),
        "{}",
        list.uri
    );
    let body: serde_json::Value = serde_json::from_slice(&seen[1].body).unwrap();
    assert_eq!(
        body,
        json!({"asyncTask": true, "maxAsyncRetryAttempts": 0, "maxAsyncEventAgeInSeconds": 600,
        "destinationConfig": {"onFailure": {"destination": "acs:fc:cn-hangzhou:1234567890123456:functions/dlq"}}})
    );
}

#[tokio::test]
async fn a_tampered_request_fails_the_servers_check() {
    // The verification the other tests rely on must be able to fail: a client with the wrong
    // secret is refused.
    let server = Server::start(|_, _| Answer::new(200)).await;
    let client = Client::builder()
        .endpoint(&server.url)
        .credentials(Credentials::new(KEY_ID, "not-the-secret").unwrap())
        .build()
        .unwrap();
    client.get_async_invoke_config("f").send().await.ok();
    assert!(
        server.seen()[0]
            .verified
            .as_ref()
            .unwrap_err()
            .contains("signature")
    );
}

#[tokio::test]
async fn invoke_output_reports_function_errors_logs_and_metadata() {
    let log = "START RequestId: r-1\nboom happened\nEND RequestId: r-1\n";
    let encoded = base64_encode(log.as_bytes());
    let server = Server::start(move |_, _| {
        Answer::new(200)
            .header("x-fc-request-id", "r-1")
            .header("x-fc-error-type", "UnhandledInvocationError")
            .header("x-fc-log-result", encoded.clone())
            .header("x-fc-invocation-service-version", "3")
            .header("x-fc-instance-id", "c-123")
            .header("x-fc-code-checksum", "4458214542376214337")
            .body(r#"{"errorMessage":"boom","errorType":"Error","stackTrace":["at main (index.js:3)"]}"#)
    })
    .await;
    let output = server
        .client()
        .invoke_function("f")
        .log_type(LogType::Tail)
        .send()
        .await
        .unwrap();
    assert_eq!(output.status(), 200);
    assert_eq!(output.request_id(), Some("r-1"));
    assert_eq!(output.log_tail(), Some(log));
    assert_eq!(output.executed_version(), Some("3"));
    assert_eq!(output.instance_id(), Some("c-123"));
    assert_eq!(output.code_checksum(), Some("4458214542376214337"));
    let failure = output.function_error().expect("a function error");
    assert_eq!(failure.kind, "UnhandledInvocationError");
    assert_eq!(failure.error_type.as_deref(), Some("Error"));
    assert_eq!(failure.message.as_deref(), Some("boom"));
    assert_eq!(failure.stack_trace, ["at main (index.js:3)"]);
    let err = output.into_result().unwrap_err();
    assert!(matches!(err, Error::Function(_)));
    assert_eq!(err.code(), Some("UnhandledInvocationError"));
    assert_eq!(err.request_id(), Some("r-1"));
    assert_eq!(
        err.to_string(),
        "the function failed (UnhandledInvocationError): Error: boom [request id r-1]"
    );
    assert_eq!(server.seen()[0].header("x-fc-log-type"), Some("Tail"));
}

#[tokio::test]
async fn a_successful_invocation_is_ok_and_async_reports_its_task() {
    let server = Server::start(|seen, _| match seen.header("x-fc-invocation-type") {
        Some("Async") => Answer::new(202).header(
            "x-fc-async-task-id",
            seen.header("x-fc-async-task-id").unwrap_or("gen-1"),
        ),
        _ => Answer::new(200).body(r#"{"n":1}"#),
    })
    .await;
    let client = server.client();
    let output = client
        .invoke_function("f")
        .payload(br#"{}"#)
        .send()
        .await
        .unwrap()
        .into_result()
        .unwrap();
    assert!(output.function_error().is_none());
    assert_eq!(
        output.payload_json::<serde_json::Value>().unwrap(),
        json!({"n": 1})
    );
    let accepted = client
        .invoke_function("f")
        .invocation_type(InvocationType::Async)
        .async_task_id("video-42")
        .payload("{}")
        .send()
        .await
        .unwrap();
    assert_eq!(accepted.status(), 202);
    assert_eq!(accepted.async_task_id(), Some("video-42"));
    assert!(accepted.payload().is_empty());
}

#[tokio::test]
async fn payloads_come_from_bytes_strings_slices_and_files() {
    let server = Server::start(|seen, _| Answer::new(200).body(seen.body.to_vec())).await;
    let client = server.client();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("event.json");
    std::fs::write(&file, b"{\"from\":\"file\"}").unwrap();
    let sources: Vec<(fc3_client::InvokeFunction, &[u8])> = vec![
        (
            client.invoke_function("f").payload(vec![0u8, 255]),
            &[0, 255],
        ),
        (
            client.invoke_function("f").payload(String::from("text")),
            b"text",
        ),
        (client.invoke_function("f").payload(&b"slice"[..]), b"slice"),
        (
            client
                .invoke_function("f")
                .payload(bytes::Bytes::from_static(b"bytes")),
            b"bytes",
        ),
        (
            client.invoke_function("f").payload_file(&file),
            b"{\"from\":\"file\"}",
        ),
        (
            client
                .invoke_function("f")
                .payload(fc3_client::Payload::json(&json!({"a": 1})).unwrap()),
            b"{\"a\":1}",
        ),
    ];
    for (invoke, expected) in sources {
        assert_eq!(invoke.send().await.unwrap().payload().as_ref(), expected);
    }
    let missing = dir.path().join("missing.json");
    let err = client
        .invoke_function("f")
        .payload_file(&missing)
        .send()
        .await
        .unwrap_err();
    assert!(
        matches!(&err, Error::Validation { field, .. } if field == "payload_file"),
        "{err}"
    );
    assert!(err.to_string().contains("missing.json"), "{err}");
}

#[tokio::test]
async fn bad_values_are_refused_before_any_io() {
    let server = Server::start(|_, _| Answer::new(200)).await;
    let client = server.client();
    let cases: Vec<(Error, &str, &str)> = vec![
        (
            client.invoke_function("1bad").send().await.unwrap_err(),
            "function_name",
            "must match ^[A-Za-z_]",
        ),
        (
            client
                .invoke_function("f")
                .qualifier("a/b")
                .send()
                .await
                .unwrap_err(),
            "qualifier",
            "\"a/b\"",
        ),
        (
            client
                .invoke_function("f")
                .invocation_type(InvocationType::Async)
                .async_task_id("9-x")
                .send()
                .await
                .unwrap_err(),
            "async_task_id",
            "must match",
        ),
        (
            client
                .invoke_function("f")
                .async_task_id("x")
                .send()
                .await
                .unwrap_err(),
            "async_task_id",
            "is only valid with x-fc-invocation-type Async",
        ),
        (
            client
                .invoke_function("f")
                .invocation_type(InvocationType::Async)
                .payload(vec![0u8; 128 * 1024 + 1])
                .send()
                .await
                .unwrap_err(),
            "payload",
            "at most 131072",
        ),
        (
            client
                .put_async_invoke_config("f")
                .max_async_retry_attempts(9)
                .send()
                .await
                .unwrap_err(),
            "max_async_retry_attempts",
            "must be from 0 to 8, got 9",
        ),
        (
            client
                .put_async_invoke_config("f")
                .max_event_age(Duration::ZERO)
                .send()
                .await
                .unwrap_err(),
            "max_event_age",
            "must be from 1 to 604800, got 0",
        ),
        (
            client
                .put_async_invoke_config("f")
                .max_event_age(Duration::from_secs(604_801))
                .send()
                .await
                .unwrap_err(),
            "max_event_age",
            "got 604801",
        ),
        (
            client
                .put_async_invoke_config("f")
                .on_success("arn:aws:lambda")
                .send()
                .await
                .unwrap_err(),
            "on_success",
            "must be an ARN",
        ),
        (
            client
                .put_async_invoke_config("f")
                .on_failure(format!("acs:fc:r:1:functions/{}", "x".repeat(600)))
                .send()
                .await
                .unwrap_err(),
            "on_failure",
            "at most 512",
        ),
        (
            client
                .list_async_tasks("f")
                .limit(101)
                .send()
                .await
                .unwrap_err(),
            "limit",
            "must be from 1 to 100, got 101",
        ),
        (
            client
                .list_async_invoke_configs()
                .limit(0)
                .send()
                .await
                .unwrap_err(),
            "limit",
            "at least 1",
        ),
        (
            client.get_async_task("f", "a/b").send().await.unwrap_err(),
            "task_id",
            "\"a/b\"",
        ),
    ];
    for (err, field, rule) in cases {
        match &err {
            Error::Validation { field: f, rule: r } => {
                assert_eq!(*f, field, "{err}");
                assert!(r.contains(rule), "{err}");
                assert!(err.to_string().contains(field), "{err}");
            }
            other => panic!("expected a validation error for {field}, got {other}"),
        }
    }
    assert!(server.seen().is_empty(), "nothing may be sent");
}

#[tokio::test]
async fn service_errors_carry_status_code_message_request_id_and_retry_after() {
    let server = Server::start(|_, _| {
        Answer::error(429, "ResourceExhausted", "too many concurrent calls")
            .header("x-acs-retry-after", "1500")
    })
    .await;
    let err = server
        .client()
        .get_async_invoke_config("f")
        .send()
        .await
        .unwrap_err();
    let service = err.as_service_error().expect("a service error");
    assert_eq!(service.status, 429);
    assert_eq!(service.code, "ResourceExhausted");
    assert_eq!(service.message, "too many concurrent calls");
    assert_eq!(service.request_id.as_deref(), Some("req-err-1"));
    assert_eq!(service.retry_after, Some(Duration::from_millis(1500)));
    assert_eq!(
        err.to_string(),
        "ResourceExhausted (HTTP 429): too many concurrent calls [request id req-err-1]"
    );

    let server = Server::start(|_, _| Answer::new(502).body("<html>bad gateway</html>")).await;
    let err = server
        .client()
        .get_async_invoke_config("f")
        .send()
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Response { .. }), "{err:?}");
    assert!(err.to_string().contains("bad gateway"), "{err}");
}

#[tokio::test]
async fn retries_use_backoff_fresh_signatures_and_retry_after() {
    let server = Server::start(|_, n| match n {
        0 => {
            Answer::error(503, "ResourceThrottled", "slow down").header("x-acs-retry-after", "300")
        }
        1 => Answer::error(500, "InternalServerError", "oops"),
        _ => Answer::new(200).json(config_json()),
    })
    .await;
    let client = server.client_with(
        RetryPolicy::default()
            .with_max_attempts(3)
            .with_base_delay(Duration::from_millis(10)),
    );
    let started = Instant::now();
    client.get_async_invoke_config("f").send().await.unwrap();
    assert!(
        started.elapsed() >= Duration::from_millis(300),
        "x-acs-retry-after was not honoured"
    );
    let seen = server.seen();
    assert_eq!(seen.len(), 3);
    assert_eq!(seen[0].header("x-acs-retry-attempts"), None);
    assert_eq!(seen[1].header("x-acs-retry-attempts"), Some("1"));
    assert_eq!(seen[2].header("x-acs-retry-attempts"), Some("2"));
    for s in &seen {
        assert_eq!(
            s.verified,
            Ok(()),
            "each attempt is signed afresh (the server rejects a reused nonce)"
        );
    }
}

#[tokio::test]
async fn attempts_are_bounded() {
    let server = Server::start(|_, _| Answer::error(503, "ResourceThrottled", "no")).await;
    let client = server.client_with(
        RetryPolicy::default()
            .with_max_attempts(4)
            .with_base_delay(Duration::from_millis(1)),
    );
    let err = client
        .get_async_invoke_config("f")
        .send()
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(503));
    assert_eq!(server.seen().len(), 4);
}

#[tokio::test]
async fn a_sync_invocation_is_not_sent_twice_unless_the_caller_opts_in() {
    let fast = RetryPolicy::default().with_base_delay(Duration::from_millis(1));
    let server = Server::start(|_, _| Answer::error(503, "ResourceThrottled", "busy")).await;
    let client = server.client_with(fast.clone());
    client.invoke_function("f").send().await.unwrap_err();
    assert_eq!(
        server.seen().len(),
        1,
        "a sync invocation that reached the service is not retried"
    );
    client
        .invoke_function("f")
        .retry_sync(true)
        .send()
        .await
        .unwrap_err();
    assert_eq!(server.seen().len(), 1 + 3, "opted in: retried");

    // Asynchronous without a task id: a refusal (503) is retried, a 500 is not.
    let server = Server::start(|_, n| {
        if n == 0 {
            Answer::error(503, "ResourceThrottled", "busy")
        } else {
            Answer::error(500, "InternalServerError", "x")
        }
    })
    .await;
    let client = server.client_with(fast.clone());
    client
        .invoke_function("f")
        .invocation_type(InvocationType::Async)
        .send()
        .await
        .unwrap_err();
    assert_eq!(server.seen().len(), 2);

    // With a task id the service de-duplicates: a 500 is retried too, and a 409 on a retry
    // means an earlier attempt was accepted.
    let server = Server::start(|_, n| match n {
        0 => Answer::error(500, "InternalServerError", "lost"),
        _ => Answer::error(409, "AsyncTaskAlreadyExists", "exists")
            .header("x-fc-async-task-id", "video-7"),
    })
    .await;
    let client = server.client_with(fast);
    let output = client
        .invoke_function("f")
        .invocation_type(InvocationType::Async)
        .async_task_id("video-7")
        .send()
        .await
        .unwrap();
    assert_eq!(output.status(), 202);
    assert_eq!(output.async_task_id(), Some("video-7"));
    assert!(
        output.accepted_by_earlier_attempt(),
        "a typed field says so"
    );
    assert_eq!(server.seen().len(), 2);

    // A 409 to the first attempt is the service's answer: the id was taken before.
    let server = Server::start(|_, _| Answer::error(409, "AsyncTaskAlreadyExists", "exists")).await;
    let err = server
        .client_with(RetryPolicy::default().with_base_delay(Duration::from_millis(1)))
        .invoke_function("f")
        .invocation_type(InvocationType::Async)
        .async_task_id("video-7")
        .send()
        .await
        .unwrap_err();
    assert_eq!(err.code(), Some("AsyncTaskAlreadyExists"), "{err:?}");
    assert_eq!(server.seen().len(), 1);
}

/// Credentials that work once, then fail (an expired STS token whose refresh fails).
#[derive(Debug)]
struct FailAfterFirst(std::sync::atomic::AtomicUsize);

impl fc3_client::ProvideCredentials for FailAfterFirst {
    fn provide_credentials(&self) -> fc3_credentials::ProvideCredentialsFuture<'_> {
        let n = self.0.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        Box::pin(async move {
            if n == 0 {
                Ok(Credentials::new(KEY_ID, common::KEY_SECRET)?.with_security_token(TOKEN)?)
            } else {
                Err(fc3_client::CredentialsError::InvalidConfig {
                    location: "the test's provider".into(),
                    reason: "refreshing the token failed".into(),
                })
            }
        })
    }
}

#[tokio::test]
async fn credentials_that_fail_on_a_retry_are_a_credentials_error() {
    let server = Server::start(|_, _| Answer::error(503, "ResourceThrottled", "busy")).await;
    let client = Client::builder()
        .endpoint(&server.url)
        .credentials(FailAfterFirst(Default::default()))
        .retry_policy(RetryPolicy::default().with_base_delay(Duration::from_millis(1)))
        .build()
        .unwrap();
    let err = client
        .get_async_invoke_config("f")
        .send()
        .await
        .unwrap_err();
    assert!(
        matches!(err, Error::Credentials(ref e) if e.to_string().contains("refreshing the token failed")),
        "a typed credentials error, not a made-up answer: {err:?}"
    );
    assert_eq!(server.seen().len(), 1, "the second attempt never left");
}

#[tokio::test]
async fn timeouts_per_call_and_per_operation() {
    let server =
        Server::start(|_, _| Answer::new(200).body("late").after(Duration::from_secs(3))).await;
    let client = server.client();
    let started = Instant::now();
    let err = client
        .invoke_function("f")
        .timeout(Duration::from_millis(200))
        .send()
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Timeout { .. }), "{err:?}");
    assert!(started.elapsed() < Duration::from_secs(2));

    // A retry that would outlast the operation's limit is not made: the call ends at once,
    // with the answer that could not be retried in time.
    let server = Server::start(|_, _| {
        Answer::error(503, "ResourceThrottled", "wait").header("x-acs-retry-after", "5000")
    })
    .await;
    let client = server.client_with(RetryPolicy::default());
    let started = Instant::now();
    let err = client
        .get_async_invoke_config("f")
        .timeout(Duration::from_millis(300))
        .send()
        .await
        .unwrap_err();
    assert_eq!(err.code(), Some("ResourceThrottled"), "{err:?}");
    assert!(started.elapsed() < Duration::from_millis(300));
    assert_eq!(server.seen().len(), 1);

    // Attempts that keep failing slowly end at the operation's limit, mid-attempt.
    let server = Server::start(|_, _| {
        Answer::error(503, "ResourceThrottled", "slow").after(Duration::from_millis(150))
    })
    .await;
    let client = server.client_with_timeouts(
        RetryPolicy::default()
            .with_max_attempts(10)
            .with_base_delay(Duration::from_millis(10))
            .with_max_delay(Duration::from_millis(10)),
        fc3_client::Timeouts::default()
            .with_operation(Duration::from_millis(400))
            .with_attempt(Duration::from_secs(1)),
    );
    let err = client
        .get_async_invoke_config("f")
        .send()
        .await
        .unwrap_err();
    assert!(
        matches!(
            err,
            Error::Timeout {
                scope: TimeoutScope::Operation,
                ..
            }
        ),
        "{err:?}"
    );
    assert!(server.seen().len() >= 2, "it retried before the limit");
}

#[tokio::test]
async fn paginators_walk_every_page() {
    let server = Server::start(|seen, _| {
        let query = seen.uri.query().unwrap_or("");
        let (ids, next) = if query.contains("nextToken=p3") {
            (vec!["t5"], None)
        } else if query.contains("nextToken=p2") {
            (vec!["t3", "t4"], Some("p3"))
        } else {
            (vec!["t1", "t2"], Some("p2"))
        };
        let tasks: Vec<_> = ids.iter().map(|id| json!({"taskId": id})).collect();
        let mut body = json!({"tasks": tasks, "configs": []});
        if let Some(next) = next {
            body["nextToken"] = json!(next);
        }
        Answer::new(200).json(body)
    })
    .await;
    let client = server.client();
    let pages: Vec<_> = client
        .list_async_tasks("f")
        .limit(2)
        .pages()
        .collect()
        .await;
    let ids: Vec<String> = pages
        .into_iter()
        .flat_map(|p| p.unwrap().into_inner().tasks)
        .map(|t| t.task_id.unwrap())
        .collect();
    assert_eq!(ids, ["t1", "t2", "t3", "t4", "t5"]);
    assert_eq!(server.seen().len(), 3);
    let configs: Vec<_> = client.list_async_invoke_configs().pages().collect().await;
    assert_eq!(configs.len(), 3);
}

#[tokio::test]
async fn a_paginator_stops_when_a_page_repeats_the_token_it_was_asked_with() {
    // A broken service that answers every page with the token it was given.
    let server = Server::start(|_, _| {
        Answer::new(200).json(json!({"tasks": [{"taskId": "t"}], "nextToken": "p1"}))
    })
    .await;
    let client = server.client();
    let pages: Vec<_> = client
        .list_async_tasks("f")
        .next_token("p1")
        .pages()
        .collect()
        .await;
    assert_eq!(pages.len(), 1, "the first page already repeats p1");
    assert_eq!(server.seen().len(), 1);
    let pages: Vec<_> = client.list_async_tasks("f").pages().collect().await;
    assert_eq!(pages.len(), 2, "p1 is new once, then repeated");
}

#[test]
fn client_configuration_errors_are_clear() {
    let err = Client::builder().build().unwrap_err();
    assert!(err.to_string().contains("set a region"), "{err}");
    let err = Client::builder().region("cn hangzhou").build().unwrap_err();
    assert!(err.to_string().contains("region"), "{err}");
    let err = Client::builder()
        .endpoint("https://http://x")
        .build()
        .unwrap_err();
    assert!(err.to_string().contains("two schemes"), "{err}");
    let client = Client::builder()
        .region("cn-shanghai")
        .credentials(Credentials::new("id", "secret").unwrap())
        .build()
        .unwrap();
    assert_eq!(
        client.endpoint().as_str(),
        "https://fcv3.cn-shanghai.aliyuncs.com"
    );
}

fn base64_encode(bytes: &[u8]) -> String {
    use base64::Engine as _;
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

#[tokio::test]
async fn transport_failures_are_retried_only_where_a_resend_is_safe() {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicUsize, Ordering};
    // A server that accepts each connection and closes it without answering.
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let accepted = Arc::new(AtomicUsize::new(0));
    let count = accepted.clone();
    tokio::spawn(async move {
        loop {
            let (socket, _) = listener.accept().await.unwrap();
            count.fetch_add(1, Ordering::SeqCst);
            drop(socket);
        }
    });
    let client = Client::builder()
        .endpoint(&format!("http://{addr}"))
        .credentials(Credentials::new(KEY_ID, "secret").unwrap())
        .retry_policy(
            RetryPolicy::default()
                .with_max_attempts(3)
                .with_base_delay(Duration::from_millis(1)),
        )
        .build()
        .unwrap();

    let err = client
        .get_async_invoke_config("f")
        .send()
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Transport { .. }), "{err:?}");
    assert_eq!(
        accepted.swap(0, Ordering::SeqCst),
        3,
        "a read is retried after a transport failure"
    );

    let err = client.invoke_function("f").send().await.unwrap_err();
    assert!(matches!(err, Error::Transport { .. }), "{err:?}");
    assert_eq!(
        accepted.load(Ordering::SeqCst),
        1,
        "a sync invocation that may have arrived is not resent"
    );
}

#[tokio::test]
async fn extra_headers_are_sent_signed_and_checked() {
    let server = Server::start(|_, _| Answer::new(200).body("ok")).await;
    let client = server.client();
    client
        .invoke_function("f")
        .header("X-Trace-Id", "trace-1")
        .header("x-trace-id", "trace-2")
        .header("x-fc-stage", "blue")
        .send()
        .await
        .unwrap();
    let seen = server.seen();
    let request = &seen[0];
    assert_eq!(
        request.verified,
        Ok(()),
        "the server verifies the signature"
    );
    assert_eq!(
        request.header("x-trace-id"),
        Some("trace-2"),
        "the last value wins"
    );
    assert_eq!(request.header("x-fc-stage"), Some("blue"));
    let authorization = request.header("authorization").unwrap();
    let signed = authorization
        .split("SignedHeaders=")
        .nth(1)
        .and_then(|rest| rest.split(',').next())
        .unwrap();
    assert!(signed.split(';').any(|h| h == "x-trace-id"), "{signed}");
    assert!(signed.split(';').any(|h| h == "x-fc-stage"), "{signed}");

    for (name, value, rule) in [
        ("x-acs-date", "x", "set by the signature"),
        ("Authorization", "x", "set by the signature"),
        ("host", "x", "set by the signature"),
        ("content-length", "1", "set by the HTTP layer"),
        (
            "x-fc-invocation-type",
            "Async",
            "use invocation_type() instead",
        ),
        ("bad name", "x", "not a valid header name"),
        ("x-ok", "line\nbreak", "not a valid header value"),
    ] {
        let err = client
            .invoke_function("f")
            .header(name, value)
            .send()
            .await
            .unwrap_err();
        match &err {
            Error::Validation { field, rule: r } => {
                assert_eq!(field, "header", "{name}");
                assert!(r.contains(rule), "{name}: {r}");
            }
            other => panic!("{name}: expected a validation error, got {other}"),
        }
    }
    assert_eq!(server.seen().len(), 1, "refused headers send nothing");
}

#[test]
fn account_and_vpc_endpoints_come_from_the_spec_servers() {
    let build = |account: Option<&str>, internal: bool| {
        let mut builder = Client::builder()
            .region("cn-hangzhou")
            .internal(internal)
            .credentials(Credentials::new("id", "secret").unwrap());
        if let Some(account) = account {
            builder = builder.account_id(account);
        }
        builder.build().map(|c| c.endpoint().to_string())
    };
    assert_eq!(
        build(None, false).unwrap(),
        "https://fcv3.cn-hangzhou.aliyuncs.com"
    );
    assert_eq!(
        build(Some("1234567890123456"), false).unwrap(),
        "https://1234567890123456.cn-hangzhou.fc.aliyuncs.com"
    );
    assert_eq!(
        build(Some("1234567890123456"), true).unwrap(),
        "https://1234567890123456.cn-hangzhou-internal.fc.aliyuncs.com"
    );
    let err = build(None, true).unwrap_err().to_string();
    assert!(err.contains("needs account_id"), "{err}");
    let err = build(Some("12ab"), false).unwrap_err().to_string();
    assert!(err.contains("account id"), "{err}");
}
