//! Request rules checked through the router itself (no socket) with real signed requests: the
//! signed action must be the route's operation, query integers are plain digits and names not
//! empty, and pagination tokens are ones this server issued.

mod common;

use common::fn_path;
use serde_json::json;

/// An emulator state without a socket, and a client that signs for it.
async fn routed(config: &str) -> (fc3_local::AppState, common::Client) {
    let clock = fc3_local::ManualClock::starting_now();
    let options = fc3_local::Options::new(fc3_local::Config::from_toml(config).unwrap())
        .with_clock(std::sync::Arc::new(clock.clone()));
    let state = fc3_local::AppState::start(options).await.unwrap();
    let client = common::Client::new("http://fc3-local.test", std::sync::Arc::new(clock));
    (state, client)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_signed_action_must_be_the_routes_operation() {
    let (state, c) = routed("").await;
    let app = || fc3_local::app(state.clone());
    // An async invocation of sink signed as DeleteAsyncInvokeConfig: refused, nothing queued.
    let message = c
        .call("POST", &fn_path("sink", "invocations"))
        .header("x-fc-invocation-type", "Async")
        .action("DeleteAsyncInvokeConfig")
        .oneshot(app())
        .await
        .expect_error(400, "InvalidArgument");
    assert!(
        message.starts_with("x-acs-action: 'DeleteAsyncInvokeConfig'"),
        "{message}"
    );
    assert!(message.contains("InvokeFunction"), "{message}");
    assert_eq!(state.pending_events(), 0, "nothing was queued");
    // Every operation checks its own.
    for (method, path, action) in [
        (
            "PUT",
            fn_path("echo", "async-invoke-config"),
            "GetAsyncInvokeConfig",
        ),
        (
            "GET",
            fn_path("echo", "async-invoke-config"),
            "PutAsyncInvokeConfig",
        ),
        (
            "DELETE",
            fn_path("echo", "async-invoke-config"),
            "InvokeFunction",
        ),
        (
            "GET",
            "/2023-03-30/async-invoke-configs".to_owned(),
            "ListAsyncTasks",
        ),
        (
            "GET",
            fn_path("echo", "async-tasks"),
            "ListAsyncInvokeConfigs",
        ),
        ("GET", fn_path("echo", "async-tasks/t1"), "StopAsyncTask"),
        (
            "PUT",
            fn_path("echo", "async-tasks/t1/stop"),
            "GetAsyncTask",
        ),
    ] {
        c.call(method, &path)
            .action(action)
            .oneshot(app())
            .await
            .expect_error(400, "InvalidArgument");
    }
    // The right action passes.
    let reply = c
        .call("POST", &fn_path("echo", "invocations"))
        .body(b"ok")
        .oneshot(app())
        .await;
    assert_eq!((reply.status, reply.text()), (200, "ok".to_owned()));
    state.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn query_parameters_keep_the_spec_rules() {
    let (state, c) = routed("").await;
    let app = || fc3_local::app(state.clone());
    for (path, key, value) in [
        (
            "/2023-03-30/async-invoke-configs".to_owned(),
            "functionName",
            "",
        ),
        ("/2023-03-30/async-invoke-configs".to_owned(), "limit", "+5"),
        (fn_path("sink", "async-tasks"), "limit", "+5"),
        (fn_path("sink", "async-tasks"), "limit", " 5"),
        (
            fn_path("sink", "async-tasks"),
            "startedTimeBegin",
            "+1700000000000",
        ),
        (fn_path("sink", "async-tasks"), "startedTimeEnd", "1e3"),
    ] {
        let message = c
            .call("GET", &path)
            .query(key, value)
            .oneshot(app())
            .await
            .expect_error(400, "InvalidArgument");
        assert!(message.starts_with(key), "{key}={value}: {message}");
    }
    let reply = c
        .call("GET", &fn_path("sink", "async-tasks"))
        .query("limit", "5")
        .query("startedTimeBegin", "0")
        .oneshot(app())
        .await;
    assert_eq!(reply.status, 200, "{}", reply.text());
    state.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_forged_list_configs_token_is_refused() {
    let (state, c) = routed("").await;
    let app = || fc3_local::app(state.clone());
    for f in ["echo", "fail", "sink"] {
        let reply = c
            .call("PUT", &fn_path(f, "async-invoke-config"))
            .json(&json!({}))
            .oneshot(app())
            .await;
        assert_eq!(reply.status, 200);
    }
    let list = |token: &str, function: Option<&str>| {
        let mut call = c
            .call("GET", "/2023-03-30/async-invoke-configs")
            .query("limit", "1");
        if let Some(f) = function {
            call = call.query("functionName", f);
        }
        call.query("nextToken", token).oneshot(app())
    };
    for (token, function) in [
        ("#", None),
        ("nobody#LATEST", None),
        ("echo#no-such-alias", None),
        ("a#b#c", None),
        ("sink#LATEST", Some("echo")),
    ] {
        let message = list(token, function)
            .await
            .expect_error(400, "InvalidArgument");
        assert!(message.starts_with("nextToken"), "{token}: {message}");
    }
    // A token this server issued works.
    let first: fc3_models::ListAsyncInvokeConfigOutput = c
        .call("GET", "/2023-03-30/async-invoke-configs")
        .query("limit", "1")
        .oneshot(app())
        .await
        .json();
    let token = first.next_token.expect("a next page");
    assert_eq!(token, "fail#LATEST");
    let second = list(&token, None).await;
    assert_eq!(second.status, 200, "{}", second.text());
    state.shutdown().await;
}
