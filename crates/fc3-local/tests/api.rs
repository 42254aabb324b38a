//! The HTTP surface: authentication, errors, async invoke configurations, synchronous
//! invocations of every kind of function, limits and robustness.

mod common;

use std::time::Duration;

use base64::Engine as _;
use common::{Emulator, Style, encode, fn_path};
use serde_json::{Value, json};

const TEST_CONFIG: &str = r#"
[limits]
async_payload_bytes = 1024
sync_payload_bytes = 65536

[[access_keys]]
id = "fc3-local-dev"
secret = "fc3-local-dev-secret"

[[access_keys]]
id = "STS.tmp"
secret = "sts-secret"
security_token = "sts-token"

[functions.aliased]
kind = "echo"
aliases = { prod = "1", staging = "LATEST" }

[functions.one-at-a-time]
kind = "sleep"
concurrency = 1
"#;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn openapi_is_served_without_signature() {
    let emu = Emulator::start("").await;
    let response = fc3_credentials::http_client_builder()
        .build()
        .unwrap()
        .get(format!("{}/openapi.yaml", emu.endpoint()))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    assert!(response.headers().contains_key("x-fc-request-id"));
    let text = response.text().await.unwrap();
    assert!(text.contains("operationId: InvokeFunction"));
    emu.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sync_echo_with_both_signing_styles_and_log_tail() {
    let emu = Emulator::start("").await;
    for style in [Style::Python, Style::GoTs] {
        let client = emu.client.clone().with_style(style);
        let reply = client
            .call("POST", &fn_path("echo", "invocations"))
            .header("x-fc-log-type", "Tail")
            .body(b"{\"hello\":\"world\"}")
            .send()
            .await;
        assert_eq!(reply.status, 200, "{style:?}: {}", reply.text());
        assert_eq!(reply.text(), "{\"hello\":\"world\"}");
        let request_id = reply.header("x-fc-request-id").unwrap().to_owned();
        assert!(request_id.starts_with("1-"));
        assert_eq!(
            reply.header("x-fc-invocation-service-version"),
            Some("LATEST")
        );
        assert!(reply.header("x-fc-instance-id").unwrap().starts_with("c-"));
        assert!(reply.header("x-fc-code-checksum").is_some());
        assert!(reply.header("x-fc-error-type").is_none());
        let log = base64::engine::general_purpose::STANDARD
            .decode(reply.header("x-fc-log-result").unwrap())
            .unwrap();
        let log = String::from_utf8(log).unwrap();
        assert!(
            log.starts_with(&format!("FC Invoke Start RequestId: {request_id}\n")),
            "{log}"
        );
        assert!(
            log.ends_with(&format!("FC Invoke End RequestId: {request_id}\n")),
            "{log}"
        );
    }
    emu.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn function_errors_are_2xx_with_error_type() {
    let emu = Emulator::start("").await;
    let reply = emu.client.invoke("fail", b"{}").await;
    assert_eq!(reply.status, 200);
    assert_eq!(
        reply.header("x-fc-error-type"),
        Some("UnhandledInvocationError")
    );
    let body: Value = reply.json();
    assert_eq!(body["errorType"], "Error");
    assert!(
        body["errorMessage"]
            .as_str()
            .unwrap()
            .contains("always fails")
    );
    assert!(body["stackTrace"].is_array());

    // flaky fails the first try of a request; a sync call is one try.
    let reply = emu.client.invoke("flaky", b"x").await;
    assert_eq!(
        reply.header("x-fc-error-type"),
        Some("UnhandledInvocationError")
    );
    let reply = emu.client.invoke("flaky", br#"{"failures":0}"#).await;
    assert!(reply.header("x-fc-error-type").is_none());

    // sleep with a bad event reports a handled error.
    let reply = emu.client.invoke("sleep", b"a while").await;
    assert_eq!(
        reply.header("x-fc-error-type"),
        Some("HandledInvocationError")
    );
    let reply = emu.client.invoke("sleep", b"0").await;
    assert_eq!(reply.text(), "{\"sleptMs\":0}");
    emu.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unknown_function_qualifier_and_path() {
    let emu = Emulator::start(TEST_CONFIG).await;
    let c = &emu.client;
    let message = c
        .invoke("nope", b"")
        .await
        .expect_error(404, "FunctionNotFound");
    assert_eq!(message, "function 'nope' does not exist.");
    let reply = c
        .call("POST", &fn_path("aliased", "invocations"))
        .query("qualifier", "prod")
        .send()
        .await;
    assert_eq!(reply.header("x-fc-invocation-service-version"), Some("1"));
    let reply = c
        .call("POST", &fn_path("aliased", "invocations"))
        .query("qualifier", "1")
        .send()
        .await;
    assert_eq!(reply.header("x-fc-invocation-service-version"), Some("1"));
    let reply = c
        .call("POST", &fn_path("aliased", "invocations"))
        .query("qualifier", "staging")
        .send()
        .await;
    assert_eq!(
        reply.header("x-fc-invocation-service-version"),
        Some("LATEST")
    );
    c.call("POST", &fn_path("aliased", "invocations"))
        .query("qualifier", "dev")
        .send()
        .await
        .expect_error(404, "AliasNotFound");
    c.call("POST", &fn_path("aliased", "invocations"))
        .query("qualifier", "7")
        .send()
        .await
        .expect_error(404, "VersionNotFound");
    c.call("GET", "/2023-03-30/functions")
        .send()
        .await
        .expect_error(400, "PathNotSupported");
    c.call("DELETE", &fn_path("echo", "invocations"))
        .send()
        .await
        .expect_error(400, "PathNotSupported");
    // An encoded slash stays inside the name, and the spec's naming rule refuses it.
    let message = c
        .invoke("a/b", b"")
        .await
        .expect_error(400, "InvalidArgument");
    assert!(message.starts_with("functionName: must match"), "{message}");
    c.invoke("no-such-function", b"")
        .await
        .expect_error(404, "FunctionNotFound");
    emu.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn authentication_failures() {
    let emu = Emulator::start(TEST_CONFIG).await;
    let path = fn_path("echo", "invocations");

    // Unsigned.
    let response = fc3_credentials::http_client_builder()
        .build()
        .unwrap()
        .post(format!("{}{path}", emu.endpoint()))
        .body("x")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 403);
    assert!(response.headers().contains_key("x-fc-request-id"));
    let error: fc3_models::Error = response.json().await.unwrap();
    assert_eq!(error.code.as_deref(), Some("AccessDenied"));

    // Unknown key, bad secret.
    let c = emu.client.clone().with_key("nobody", "x");
    c.invoke("echo", b"x")
        .await
        .expect_error(403, "InvalidAccessKeyID");
    let c = emu.client.clone().with_key("fc3-local-dev", "wrong-secret");
    c.invoke("echo", b"x")
        .await
        .expect_error(403, "SignatureNotMatch");

    // A signed header changed after signing; the query changed after signing.
    emu.client
        .call("POST", &path)
        .body(b"x")
        .header("x-fc-log-type", "None")
        .tamper(|h| {
            for (k, v) in h.iter_mut() {
                if k == "x-fc-log-type" {
                    *v = "Tail".into();
                }
            }
        })
        .send()
        .await
        .expect_error(403, "SignatureNotMatch");
    // The body changed after signing (x-acs-content-sha256 no longer matches).
    emu.client
        .call("POST", &path)
        .body(b"x")
        .tamper(|h| {
            for (k, v) in h.iter_mut() {
                if k == "x-acs-content-sha256" {
                    *v = acs3::payload_sha256_hex(b"y");
                }
            }
        })
        .send()
        .await
        .expect_error(403, "SignatureNotMatch");

    // Dates: 16 minutes off either way is refused, 14 minutes is fine.
    let now = emu.clock_now();
    for (offset, ok) in [(16 * 60, false), (14 * 60, true)] {
        for date in [
            now + Duration::from_secs(offset),
            now - Duration::from_secs(offset),
        ] {
            let reply = emu.client.call("POST", &path).date(date).send().await;
            if ok {
                assert_eq!(reply.status, 200, "{}", reply.text());
            } else {
                reply.expect_error(403, "RequestTimeTooSkewed");
            }
        }
    }

    // A nonce is single use.
    let nonce = common::nonce();
    let reply = emu.client.call("POST", &path).nonce(&nonce).send().await;
    assert_eq!(reply.status, 200);
    emu.client
        .call("POST", &path)
        .nonce(&nonce)
        .send()
        .await
        .expect_error(403, "SignatureNonceUsed");
    // ... until the window has passed: then a new date makes it valid again.
    emu.clock.advance(Duration::from_secs(31 * 60));
    let reply = emu.client.call("POST", &path).nonce(&nonce).send().await;
    assert_eq!(reply.status, 200, "{}", reply.text());

    // STS: the right token passes (both styles), a wrong or missing one does not.
    for style in [Style::Python, Style::GoTs] {
        let mut sts = emu
            .client
            .clone()
            .with_key("STS.tmp", "sts-secret")
            .with_style(style);
        sts.token = Some("sts-token".into());
        assert_eq!(sts.invoke("echo", b"x").await.status, 200);
        sts.token = Some("other".into());
        sts.invoke("echo", b"x")
            .await
            .expect_error(403, "InvalidSecurityToken");
        sts.token = None;
        sts.invoke("echo", b"x")
            .await
            .expect_error(403, "InvalidSecurityToken");
    }
    let mut permanent = emu.client.clone();
    permanent.token = Some("sts-token".into());
    permanent
        .invoke("echo", b"x")
        .await
        .expect_error(403, "InvalidSecurityToken");
    emu.stop().await;
}

impl EmulatorExt for Emulator {
    fn clock_now(&self) -> std::time::SystemTime {
        fc3_local::Clock::now(&self.clock)
    }
}

trait EmulatorExt {
    fn clock_now(&self) -> std::time::SystemTime;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn async_invoke_config_crud_and_pagination() {
    let emu = Emulator::start(TEST_CONFIG).await;
    let c = &emu.client;
    let path = fn_path("echo", "async-invoke-config");
    c.call("GET", &path)
        .send()
        .await
        .expect_error(404, "AsyncConfigNotExists");
    c.call("DELETE", &path)
        .send()
        .await
        .expect_error(404, "AsyncConfigNotExists");

    let input = json!({
        "asyncTask": true,
        "maxAsyncEventAgeInSeconds": 3600,
        "maxAsyncRetryAttempts": 0,
        "destinationConfig": {
            "onSuccess": {},
            "onFailure": {"destination": "acs:fc:cn-hangzhou:1234567890123456:functions/sink"}
        }
    });
    let reply = c.put_config("echo", input.clone()).await;
    assert_eq!(reply.status, 200, "{}", reply.text());
    let stored: Value = reply.json();
    assert_eq!(stored["maxAsyncRetryAttempts"], 0, "a zero survives");
    assert_eq!(
        stored["functionArn"],
        "acs:fc:cn-hangzhou:1234567890123456:functions/echo"
    );
    let created = stored["createdTime"].as_str().unwrap().to_owned();
    assert!(created.ends_with('Z') && created.len() == 20, "{created}");
    let got: Value = c.call("GET", &path).send().await.json();
    assert_eq!(got, stored);
    let model: fc3_models::AsyncConfig = c.call("GET", &path).send().await.json();
    assert_eq!(model.async_task, Some(true));

    // Replacing keeps createdTime and moves lastModifiedTime.
    emu.clock.advance(Duration::from_secs(5));
    let replaced: Value = c
        .put_config("echo", json!({"maxAsyncRetryAttempts": 2}))
        .await
        .json();
    assert_eq!(replaced["createdTime"], created.as_str());
    assert_ne!(replaced["lastModifiedTime"], created.as_str());
    assert!(replaced.get("asyncTask").is_none());

    // Qualified configs are separate.
    let reply = c
        .call("PUT", &fn_path("aliased", "async-invoke-config"))
        .query("qualifier", "prod")
        .json(&json!({"maxAsyncRetryAttempts": 1}))
        .send()
        .await;
    assert_eq!(reply.status, 200);
    assert_eq!(
        reply.json::<Value>()["functionArn"],
        "acs:fc:cn-hangzhou:1234567890123456:functions/aliased/prod"
    );
    c.call("GET", &fn_path("aliased", "async-invoke-config"))
        .send()
        .await
        .expect_error(404, "AsyncConfigNotExists");
    for f in ["fail", "flaky", "sink", "sleep"] {
        assert_eq!(c.put_config(f, json!({})).await.status, 200);
    }

    // 6 configs, pages of 4.
    let page: fc3_models::ListAsyncInvokeConfigOutput = c
        .call("GET", "/2023-03-30/async-invoke-configs")
        .query("limit", "4")
        .send()
        .await
        .json();
    assert_eq!(page.configs.len(), 4);
    let token = page.next_token.expect("a second page");
    let page2: fc3_models::ListAsyncInvokeConfigOutput = c
        .call("GET", "/2023-03-30/async-invoke-configs")
        .query("limit", "4")
        .query("nextToken", &token)
        .send()
        .await
        .json();
    assert_eq!(page2.configs.len(), 2);
    assert!(page2.next_token.is_none());
    let only: fc3_models::ListAsyncInvokeConfigOutput = c
        .call("GET", "/2023-03-30/async-invoke-configs")
        .query("functionName", "aliased")
        .send()
        .await
        .json();
    assert_eq!(only.configs.len(), 1);
    c.call("GET", "/2023-03-30/async-invoke-configs")
        .query("functionName", "ghost")
        .send()
        .await
        .expect_error(404, "FunctionNotFound");

    let reply = c.call("DELETE", &path).send().await;
    assert_eq!(reply.status, 204);
    c.call("GET", &path)
        .send()
        .await
        .expect_error(404, "AsyncConfigNotExists");
    c.put_config("ghost", json!({}))
        .await
        .expect_error(404, "FunctionNotFound");
    emu.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_input_names_the_field() {
    let emu = Emulator::start(TEST_CONFIG).await;
    let c = &emu.client;
    let cases = [
        (json!({"maxAsyncRetryAttempts": 9}), "maxAsyncRetryAttempts"),
        (
            json!({"maxAsyncEventAgeInSeconds": 0}),
            "maxAsyncEventAgeInSeconds",
        ),
        (
            json!({"maxAsyncEventAgeInSeconds": 604801}),
            "maxAsyncEventAgeInSeconds",
        ),
        (json!({"asyncTask": 1}), "asyncTask"),
        (
            json!({"destinationConfig": {"onSuccess": {"destination": "queue-1"}}}),
            "destinationConfig.onSuccess.destination",
        ),
        (
            json!({"destinationConfig": {"onFailure": {"destination": "acs:fc:r:1:functions/"}}}),
            "destinationConfig.onFailure.destination",
        ),
    ];
    for (body, field) in cases {
        let message = c
            .put_config("echo", body)
            .await
            .expect_error(400, "InvalidArgument");
        assert!(message.starts_with(field), "{message}");
    }
    let message = c
        .call("PUT", &fn_path("echo", "async-invoke-config"))
        .body(b"{not json")
        .send()
        .await
        .expect_error(400, "InvalidArgument");
    assert!(message.starts_with("body: not valid JSON"), "{message}");

    let invoke = fn_path("echo", "invocations");
    for (header, value) in [
        ("x-fc-invocation-type", "Sometimes"),
        ("x-fc-log-type", "All"),
        ("x-fc-async-task-id", "9-starts-with-a-digit"),
    ] {
        let message = c
            .call("POST", &invoke)
            .header(header, value)
            .header(
                "x-fc-invocation-type",
                if header == "x-fc-async-task-id" {
                    "Async"
                } else {
                    "Sync"
                },
            )
            .send()
            .await
            .expect_error(400, "InvalidArgument");
        assert!(message.starts_with(header), "{message}");
    }
    let long_id = format!("a{}", "b".repeat(128));
    let message = c
        .invoke_async("echo", b"", Some(&long_id))
        .await
        .expect_error(400, "InvalidArgument");
    assert!(message.starts_with("x-fc-async-task-id"), "{message}");

    let tasks = fn_path("sink", "async-tasks");
    for (key, value) in [
        ("limit", "0"),
        ("limit", "101"),
        ("limit", "ten"),
        ("status", "Done"),
        ("sortOrderByTime", "up"),
        ("startedTimeBegin", "yesterday"),
        ("includePayload", "maybe"),
        ("nextToken", "no-such-task"),
    ] {
        let message = c
            .call("GET", &tasks)
            .query(key, value)
            .send()
            .await
            .expect_error(400, "InvalidArgument");
        assert!(message.starts_with(key), "{key}={value}: {message}");
    }
    c.call("GET", &tasks)
        .query("qualifier", "")
        .send()
        .await
        .expect_error(400, "InvalidArgument");
    c.call("GET", &tasks)
        .query("limit", "1")
        .query("limit", "2")
        .send()
        .await
        .expect_error(400, "InvalidArgument");

    // Payload limits (1 KiB async, 64 KiB for everything in this config).
    let message = c
        .invoke_async("echo", &[b'x'; 1025], None)
        .await
        .expect_error(400, "EntityTooLarge");
    assert!(message.contains("1024"), "{message}");
    assert_eq!(
        c.invoke_async("echo", &[b'x'; 1024], None).await.status,
        202
    );
    c.invoke("echo", &vec![b'x'; 65537])
        .await
        .expect_error(400, "EntityTooLarge");
    assert_eq!(c.invoke("echo", &vec![b'x'; 65536]).await.status, 200);
    emu.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrency_limit_answers_429_for_sync_calls() {
    let emu = Emulator::start(TEST_CONFIG).await;
    let client = emu.client.clone();
    let idle = emu.clock.sleepers();
    // The manual clock stands still, so this sleep lasts until the clock is moved.
    let first = tokio::spawn(async move { client.invoke("one-at-a-time", b"1000").await });
    // Once it sleeps on the clock, it holds the function's one slot.
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    while emu.clock.sleepers() == idle {
        assert!(
            std::time::Instant::now() < deadline,
            "the first call never ran"
        );
        tokio::time::sleep(Duration::from_millis(1)).await;
    }
    let c = &emu.client;
    let message = c
        .invoke("one-at-a-time", b"1")
        .await
        .expect_error(429, "ResourceExhausted");
    assert!(message.contains("concurrency limit"), "{message}");
    emu.clock.advance(Duration::from_secs(2));
    let first = first.await.unwrap();
    assert_eq!(first.status, 200);
    assert_eq!(c.invoke("one-at-a-time", b"0").await.status, 200);
    emu.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn router_works_without_a_socket() {
    use tower::ServiceExt;
    let clock = fc3_local::ManualClock::starting_now();
    let options = fc3_local::Options::default().with_clock(std::sync::Arc::new(clock.clone()));
    let state = fc3_local::AppState::start(options).await.unwrap();
    let client = common::Client::new("http://fc3-local.test", std::sync::Arc::new(clock));
    let call = client
        .call("POST", &fn_path("echo", "invocations"))
        .body(b"ping");
    let (url, headers) = call.signed_headers();
    let mut request = axum::http::Request::builder()
        .method("POST")
        .uri(url.trim_start_matches("http://fc3-local.test"));
    for (k, v) in headers {
        request = request.header(k, v);
    }
    let response = fc3_local::app(state.clone())
        .oneshot(request.body(axum::body::Body::from("ping")).unwrap())
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    assert!(response.headers().contains_key("x-fc-request-id"));
    let body = axum::body::to_bytes(response.into_body(), 1024)
        .await
        .unwrap();
    assert_eq!(&body[..], b"ping");
    state.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn command_functions() {
    let config = r#"
[functions.cat]
kind = "command"
command = ["cat"]

[functions.context]
kind = "command"
command = 'printf "%s|%s|%s|%s|%s" "$FC_REQUEST_ID" "$FC_FUNCTION_NAME" "$FC_QUALIFIER" "$FC_REGION" "$FC_ACCOUNT_ID"; echo "to the log" >&2'
aliases = { prod = "3" }

[functions.crash]
kind = "command"
command = 'echo "about to fail" >&2; exit 3'

[functions.slow]
kind = "command"
command = "sleep 30"
timeout = 0.3

[functions.missing]
kind = "command"
command = ["/nonexistent/fc3-local-test-binary"]
"#;
    // Real time: the command timeout is measured on the system clock.
    let config = fc3_local::Config::from_toml(config).unwrap();
    let server = fc3_local::Server::start(
        fc3_local::Options::new(config),
        "127.0.0.1:0".parse().unwrap(),
    )
    .await
    .unwrap();
    let c = common::Client::new(
        &server.endpoint(),
        std::sync::Arc::new(fc3_local::SystemClock),
    );

    let reply = c.invoke("cat", b"event on stdin").await;
    assert_eq!(reply.text(), "event on stdin");
    assert!(reply.header("x-fc-error-type").is_none());

    let reply = c
        .call("POST", &fn_path("context", "invocations"))
        .query("qualifier", "prod")
        .header("x-fc-log-type", "Tail")
        .send()
        .await;
    let request_id = reply.header("x-fc-request-id").unwrap();
    assert_eq!(
        reply.text(),
        format!("{request_id}|context|prod|cn-hangzhou|1234567890123456")
    );
    assert_eq!(reply.header("x-fc-invocation-service-version"), Some("3"));
    let log = base64::engine::general_purpose::STANDARD
        .decode(reply.header("x-fc-log-result").unwrap())
        .unwrap();
    assert!(String::from_utf8(log).unwrap().contains("to the log\n"));

    let reply = c
        .call("POST", &fn_path("crash", "invocations"))
        .header("x-fc-log-type", "Tail")
        .send()
        .await;
    assert_eq!(reply.status, 200);
    assert_eq!(
        reply.header("x-fc-error-type"),
        Some("UnhandledInvocationError")
    );
    let body: Value = reply.json();
    assert!(
        body["errorMessage"]
            .as_str()
            .unwrap()
            .contains("exit status: 3"),
        "{body}"
    );
    let log = base64::engine::general_purpose::STANDARD
        .decode(reply.header("x-fc-log-result").unwrap())
        .unwrap();
    assert!(String::from_utf8(log).unwrap().contains("about to fail"));

    let started = std::time::Instant::now();
    let reply = c.invoke("slow", b"").await;
    assert!(started.elapsed() < Duration::from_secs(10));
    assert_eq!(
        reply.header("x-fc-error-type"),
        Some("UnhandledInvocationError")
    );
    assert!(reply.text().contains("timed out"), "{}", reply.text());

    let reply = c.invoke("missing", b"").await;
    assert_eq!(
        reply.header("x-fc-error-type"),
        Some("UnhandledInvocationError")
    );
    server.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn http_functions() {
    use axum::routing::post;
    // A custom-runtime style server on loopback.
    let runtime = axum::Router::new().route(
        "/invoke",
        post(
            |headers: axum::http::HeaderMap, body: axum::body::Bytes| async move {
                let id = headers
                    .get("x-fc-request-id")
                    .and_then(|v| v.to_str().ok())
                    .unwrap_or("")
                    .to_owned();
                let name = headers
                    .get("x-fc-function-name")
                    .and_then(|v| v.to_str().ok())
                    .unwrap_or("")
                    .to_owned();
                if &body[..] == b"boom" {
                    return (
                        axum::http::StatusCode::INTERNAL_SERVER_ERROR,
                        "exploded".to_owned(),
                    );
                }
                (
                    axum::http::StatusCode::OK,
                    format!("{name}:{id}:{}", String::from_utf8_lossy(&body)),
                )
            },
        ),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let runtime_addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, runtime).await });
    // A port nothing listens on.
    let closed = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let closed_addr = closed.local_addr().unwrap();
    drop(closed);

    let config = format!(
        "[functions.web]\nkind = \"http\"\nurl = \"http://{runtime_addr}/\"\n\
         [functions.down]\nkind = \"http\"\nurl = \"http://{closed_addr}\"\n"
    );
    let emu = Emulator::start(&config).await;
    let c = &emu.client;
    let reply = c.invoke("web", b"hi").await;
    let id = reply.header("x-fc-request-id").unwrap();
    assert_eq!(reply.text(), format!("web:{id}:hi"));
    let reply = c.invoke("web", b"boom").await;
    assert_eq!(
        reply.header("x-fc-error-type"),
        Some("UnhandledInvocationError")
    );
    assert!(reply.text().contains("500"), "{}", reply.text());
    let reply = c.invoke("down", b"hi").await;
    assert_eq!(
        reply.header("x-fc-error-type"),
        Some("UnhandledInvocationError")
    );
    emu.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hostile_requests_do_not_break_the_server() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let emu = Emulator::start("").await;
    let addr = emu.server.local_addr();
    let requests: Vec<Vec<u8>> = vec![
        b"POST /2023-03-30/functions/%ff%fe/invocations HTTP/1.1\r\nhost: x\r\ncontent-length: 0\r\n\r\n".to_vec(),
        b"POST /2023-03-30/functions/echo/invocations?%zz=1 HTTP/1.1\r\nhost: x\r\ncontent-length: 0\r\n\r\n".to_vec(),
        b"POST /2023-03-30/functions/echo/invocations HTTP/1.1\r\nhost: x\r\nauthorization: ACS3-HMAC-SHA256 \xff\xfe\r\ncontent-length: 0\r\n\r\n".to_vec(),
        b"POST /2023-03-30/functions/echo/invocations HTTP/1.1\r\nhost: x\r\nauthorization: ACS3-HMAC-SHA256 Credential=a,SignedHeaders=host,Signature=zz\r\ncontent-length: 0\r\n\r\n".to_vec(),
        b"POST /2023-03-30/functions/echo/invocations HTTP/1.1\r\nhost: x\r\ncontent-length: 999999999999\r\n\r\n".to_vec(),
        b"POST /2023-03-30/functions/echo/invocations HTTP/1.1\r\nhost: x\r\ntransfer-encoding: chunked\r\n\r\nzz\r\n".to_vec(),
        b"GET /2023-03-30/functions/echo/async-tasks/%00/stop HTTP/1.1\r\nhost: x\r\n\r\n".to_vec(),
        b"\x00\x01garbage\r\n\r\n".to_vec(),
    ];
    for raw in requests {
        let mut stream = tokio::net::TcpStream::connect(addr).await.unwrap();
        stream.write_all(&raw).await.unwrap();
        let mut buf = vec![0u8; 4096];
        let _ = tokio::time::timeout(Duration::from_secs(2), stream.read(&mut buf)).await;
    }
    // Still answering.
    assert_eq!(
        emu.client.invoke("echo", b"still here").await.text(),
        "still here"
    );
    // Encoded names with reserved characters reach the handler intact.
    let name = "ünïcødé name";
    let reply = emu
        .client
        .call(
            "POST",
            &format!("/2023-03-30/functions/{}/invocations", encode(name)),
        )
        .send()
        .await;
    // The spec's naming rule names the value it refused, decoded.
    let message = reply.expect_error(400, "InvalidArgument");
    assert!(message.contains(name), "{message}");
    emu.stop().await;
}
