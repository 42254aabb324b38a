//! The client on the wire, against a real HTTP server on loopback that records what it
//! receives and answers as Function Compute would.

use std::sync::{Arc, Mutex};

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use fc3_client::{Client, Credentials, Error, RetryPolicy};
use fc3_models::{AsyncTaskStatus, InvocationType, LogType};
use serde_json::json;

const KEY_ID: &str = "LTAI-wire-test";
const KEY_SECRET: &str = "wire-test-secret";

/// Checks a recorded request's ACS3 signature the way a server would; gives the access key id.
fn verify(seen: &Seen) -> Result<String, acs3::Error> {
    let headers: Vec<(&str, &str)> = seen
        .headers
        .iter()
        .map(|(n, v)| (n.as_str(), v.to_str().unwrap()))
        .collect();
    let query = acs3::parse_query(seen.uri.query().unwrap_or(""))?;
    let query: Vec<(&str, &str)> = query
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let parts = acs3::RequestParts::new(seen.method.as_str(), seen.uri.path())
        .with_query(&query)
        .with_headers(&headers)
        .with_payload(acs3::Payload::Bytes(&seen.body));
    let authorization = header(seen, "authorization").unwrap_or("");
    acs3::verify(
        &parts,
        authorization,
        &acs3::AccessKey::new(KEY_ID, KEY_SECRET),
    )
    .map(|verified| verified.access_key_id.to_owned())
}

/// One request as the server saw it.
#[derive(Debug, Clone)]
struct Seen {
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
}

type Reply = Arc<dyn Fn(&Seen) -> (StatusCode, Vec<(&'static str, String)>, Vec<u8>) + Send + Sync>;

#[derive(Clone)]
struct Recorder {
    seen: Arc<Mutex<Vec<Seen>>>,
    reply: Reply,
}

async fn record(
    State(state): State<Recorder>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let seen = Seen {
        method,
        uri,
        headers,
        body,
    };
    let (status, headers, body) = (state.reply)(&seen);
    state.seen.lock().unwrap().push(seen);
    let mut response = (status, body).into_response();
    for (name, value) in headers {
        response.headers_mut().insert(name, value.parse().unwrap());
    }
    response
}

/// Starts a recording server on 127.0.0.1 and a client pointed at it.
async fn server(reply: Reply) -> (Client, Arc<Mutex<Vec<Seen>>>) {
    let seen = Arc::new(Mutex::new(Vec::new()));
    let app = axum::Router::new().fallback(record).with_state(Recorder {
        seen: seen.clone(),
        reply,
    });
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    let client = Client::builder()
        .endpoint(&format!("http://{addr}"))
        .credentials(Credentials::new(KEY_ID, KEY_SECRET).unwrap())
        .retry_policy(RetryPolicy::disabled())
        .build()
        .unwrap();
    (client, seen)
}

fn only(seen: &Arc<Mutex<Vec<Seen>>>) -> Seen {
    let seen = seen.lock().unwrap();
    assert_eq!(seen.len(), 1, "expected exactly one request, got {seen:?}");
    seen[0].clone()
}

fn header<'a>(seen: &'a Seen, name: &str) -> Option<&'a str> {
    seen.headers.get(name).map(|v| v.to_str().unwrap())
}

#[tokio::test]
async fn put_async_invoke_config_sends_put_path_query_and_json_and_parses_the_answer() {
    let stored = json!({
        "asyncTask": true,
        "createdTime": "2026-11-22T10:00:00Z",
        "lastModifiedTime": "2026-11-22T10:00:00Z",
        "functionArn": "acs:fc:cn-hangzhou:1234567890123456:functions/my-func_v2",
        "maxAsyncRetryAttempts": 0,
        "maxAsyncEventAgeInSeconds": 600,
        "destinationConfig": {"onFailure": {"destination": "acs:fc:cn-hangzhou:1234567890123456:functions/dlq"}, "onSuccess": {}}
    });
    let answer = stored.clone();
    let (client, seen) = server(Arc::new(move |_| {
        (
            StatusCode::OK,
            vec![
                ("content-type", "application/json".into()),
                ("x-fc-request-id", "req-put-1".into()),
            ],
            answer.to_string().into_bytes(),
        )
    }))
    .await;

    let input: fc3_models::PutAsyncInvokeConfigInput = serde_json::from_value(json!({
        "asyncTask": true,
        "maxAsyncRetryAttempts": 0,
        "maxAsyncEventAgeInSeconds": 600,
        "destinationConfig": {"onFailure": {"destination": "acs:fc:cn-hangzhou:1234567890123456:functions/dlq"}, "onSuccess": {}}
    }))
    .unwrap();
    let response = client
        .put_async_invoke_config("my-func_v2")
        .qualifier("prod")
        .async_task(true)
        .max_async_retry_attempts(0)
        .max_event_age(std::time::Duration::from_secs(600))
        .set_destination_config(input.destination_config.clone())
        .send()
        .await
        .expect("the call succeeds");

    let request = only(&seen);
    assert_eq!(request.method, Method::PUT);
    assert_eq!(
        request.uri.path(),
        "/2023-03-30/functions/my-func_v2/async-invoke-config"
    );
    assert_eq!(request.uri.query(), Some("qualifier=prod"));
    assert_eq!(header(&request, "content-type"), Some("application/json"));
    assert_eq!(
        header(&request, "x-acs-action"),
        Some("PutAsyncInvokeConfig")
    );
    assert_eq!(header(&request, "x-acs-version"), Some("2023-03-30"));
    assert_eq!(
        header(&request, "api-version"),
        None,
        "progenitor's own version header must not be sent"
    );
    let sent: serde_json::Value = serde_json::from_slice(&request.body).unwrap();
    assert_eq!(sent, serde_json::to_value(&input).unwrap());
    assert_eq!(sent["maxAsyncRetryAttempts"], json!(0));

    assert_eq!(response.request_id(), Some("req-put-1"));
    let config = response.into_inner();
    assert_eq!(config, serde_json::from_value(stored).unwrap());
    assert_eq!(config.max_async_retry_attempts, Some(0));
    assert_eq!(
        config
            .destination_config
            .unwrap()
            .on_success
            .unwrap()
            .destination,
        None
    );
}

#[tokio::test]
async fn invoke_function_sync_sends_raw_body_and_headers_and_returns_status_headers_bytes() {
    let (client, seen) = server(Arc::new(|seen: &Seen| {
        // Echo the event back, as a function would answer.
        (
            StatusCode::OK,
            vec![
                ("x-fc-request-id", "req-sync-1".into()),
                ("x-fc-log-result", "U3RhcnQKRW5kCg==".into()),
                ("x-fc-invocation-service-version", "LATEST".into()),
            ],
            seen.body.to_vec(),
        )
    }))
    .await;
    // Not valid UTF-8 on purpose: the event is bytes, not text.
    let event: Vec<u8> = vec![0xff, 0x00, b'{', b'}', 0xfe];
    let response = client
        .invoke_function("echo")
        .qualifier("LATEST")
        .invocation_type(InvocationType::Sync)
        .log_type(LogType::Tail)
        .payload(event.clone())
        .send()
        .await
        .expect("the call succeeds");

    let request = only(&seen);
    assert_eq!(request.method, Method::POST);
    assert_eq!(request.uri.path(), "/2023-03-30/functions/echo/invocations");
    assert_eq!(request.uri.query(), Some("qualifier=LATEST"));
    assert_eq!(request.body.as_ref(), event.as_slice());
    assert_eq!(
        header(&request, "content-type"),
        Some("application/octet-stream")
    );
    assert_eq!(header(&request, "x-fc-invocation-type"), Some("Sync"));
    assert_eq!(header(&request, "x-fc-log-type"), Some("Tail"));
    assert_eq!(header(&request, "x-fc-async-task-id"), None);
    assert_eq!(header(&request, "x-acs-action"), Some("InvokeFunction"));

    assert_eq!(response.status(), 200);
    assert_eq!(response.request_id(), Some("req-sync-1"));
    assert_eq!(response.header("x-fc-log-result"), Some("U3RhcnQKRW5kCg=="));
    assert_eq!(response.log_tail(), Some("Start\nEnd\n"));
    assert_eq!(response.executed_version(), Some("LATEST"));
    assert!(!response.accepted_by_earlier_attempt());
    assert_eq!(response.payload().as_ref(), event.as_slice());
}

#[tokio::test]
async fn invoke_function_async_returns_202_with_the_task_id() {
    let (client, seen) = server(Arc::new(|seen: &Seen| {
        let task = seen
            .headers
            .get("x-fc-async-task-id")
            .map(|v| v.to_str().unwrap().to_string())
            .unwrap_or_default();
        (
            StatusCode::ACCEPTED,
            vec![
                ("x-fc-request-id", "req-async-1".into()),
                ("x-fc-async-task-id", task),
            ],
            Vec::new(),
        )
    }))
    .await;
    let response = client
        .invoke_function("transcode")
        .invocation_type(InvocationType::Async)
        .async_task_id("video_43")
        .payload("{\"video\":\"cat.mp4\"}")
        .send()
        .await
        .expect("the call succeeds");
    let request = only(&seen);
    assert_eq!(header(&request, "x-fc-invocation-type"), Some("Async"));
    assert_eq!(
        header(&request, "x-fc-log-type"),
        None,
        "unset headers are not sent"
    );
    assert_eq!(request.uri.query(), None, "an unset qualifier is not sent");
    assert_eq!(response.status(), 202);
    assert_eq!(response.async_task_id(), Some("video_43"));
    assert!(response.payload().is_empty());
}

#[tokio::test]
async fn a_404_arrives_as_the_typed_error() {
    let (client, _seen) = server(Arc::new(|_: &Seen| {
        let body = json!({"Code": "FunctionNotFound", "Message": "function 'nope' does not exist.", "RequestId": "1-64e70cf1-5cbef92ea8fc8c42899cf5d1"});
        (StatusCode::NOT_FOUND, vec![("content-type", "application/json".into()), ("x-fc-request-id", "1-64e70cf1-5cbef92ea8fc8c42899cf5d1".into())], body.to_string().into_bytes())
    }))
    .await;
    let err = client
        .invoke_function("nope")
        .send()
        .await
        .expect_err("a 404 is an error");
    let Error::Service(service) = &err else {
        panic!("expected a service error, got {err:?}")
    };
    assert_eq!(service.status, 404);
    assert_eq!(service.code, "FunctionNotFound");
    assert_eq!(service.message, "function 'nope' does not exist.");
    assert_eq!(
        service.request_id.as_deref(),
        Some("1-64e70cf1-5cbef92ea8fc8c42899cf5d1")
    );
}

#[tokio::test]
async fn invalid_values_are_refused_before_any_request() {
    let (client, seen) = server(Arc::new(|_: &Seen| {
        (StatusCode::OK, Vec::new(), Vec::new())
    }))
    .await;
    let err = client
        .invoke_function("f")
        .invocation_type(InvocationType::Async)
        .async_task_id("9-bad")
        .payload("x")
        .send()
        .await
        .expect_err("refused");
    assert!(
        matches!(&err, Error::Validation { field, rule } if field == "async_task_id" && rule.contains("must match")),
        "{err:?}"
    );
    let err = client.get_async_invoke_config("").send().await.unwrap_err();
    assert!(
        matches!(&err, Error::Validation { field, rule } if field == "function_name" && rule == "must not be empty"),
        "{err:?}"
    );
    assert!(seen.lock().unwrap().is_empty());
}

/// Every operation goes to the method and path the spec gives, and names its action.
#[tokio::test]
async fn every_operation_matches_the_spec_table() {
    let (client, recorded) = server(Arc::new(|seen: &Seen| {
        let body = if seen.method == Method::GET && seen.uri.path().ends_with("/async-tasks") {
            json!({"tasks": [{"taskId": "t1", "status": "Running"}]})
        } else if seen.uri.path().ends_with("/async-invoke-configs") {
            json!({"configs": [], "nextToken": "n2"})
        } else if seen.uri.path().contains("/async-tasks/") {
            json!({"taskId": "t1", "status": "Succeeded"})
        } else {
            json!({})
        };
        (
            StatusCode::OK,
            vec![("content-type", "application/json".into())],
            body.to_string().into_bytes(),
        )
    }))
    .await;
    client
        .invoke_function("f")
        .payload("e")
        .send()
        .await
        .unwrap();
    client.put_async_invoke_config("f").send().await.unwrap();
    client.get_async_invoke_config("f").send().await.unwrap();
    client.delete_async_invoke_config("f").send().await.unwrap();
    let page = client
        .list_async_invoke_configs()
        .function_name("f")
        .limit(5)
        .next_token("n1")
        .send()
        .await
        .unwrap()
        .into_inner();
    assert_eq!(page.next_token.as_deref(), Some("n2"));
    let tasks = client
        .list_async_tasks("f")
        .status(AsyncTaskStatus::Running)
        .sort_order_by_time(fc3_models::SortOrder::Desc)
        .include_payload(true)
        .started_time_begin(1_763_800_000_000_i64)
        .send()
        .await
        .unwrap()
        .into_inner();
    assert_eq!(tasks.tasks[0].status, Some(AsyncTaskStatus::Running));
    let task = client
        .get_async_task("f", "t1")
        .send()
        .await
        .unwrap()
        .into_inner();
    assert_eq!(task.status, Some(AsyncTaskStatus::Succeeded));
    client.stop_async_task("f", "t1").send().await.unwrap();

    let seen: Vec<(String, String, String)> = recorded
        .lock()
        .unwrap()
        .iter()
        .map(|s| {
            (
                header(s, "x-acs-action").unwrap_or("-").to_string(),
                s.method.to_string(),
                s.uri.to_string(),
            )
        })
        .collect();

    let spec = fc3_codegen::load_spec(&fc3_codegen::workspace_root().join(fc3_codegen::SPEC_PATH))
        .unwrap();
    let mut expected = Vec::new();
    for (path, method, op) in spec.operations() {
        let path = path
            .replace("{functionName}", "f")
            .replace("{taskId}", "t1");
        expected.push((
            op.operation_id.clone().unwrap(),
            method.to_uppercase(),
            path,
        ));
    }
    assert_eq!(seen.len(), expected.len());
    for (action, method, path) in expected {
        let hit = seen
            .iter()
            .find(|(a, _, _)| *a == action)
            .unwrap_or_else(|| panic!("{action} was never sent: {seen:?}"));
        assert_eq!(hit.1, method, "{action}");
        assert_eq!(hit.2.split('?').next().unwrap(), path, "{action}");
    }
    let list_tasks = seen.iter().find(|(a, _, _)| a == "ListAsyncTasks").unwrap();
    for request in recorded.lock().unwrap().iter() {
        let access_key_id =
            verify(request).unwrap_or_else(|e| panic!("{} {}: {e}", request.method, request.uri));
        assert_eq!(access_key_id, KEY_ID);
    }
    assert!(
        list_tasks.2.contains("status=Running")
            && list_tasks.2.contains("sortOrderByTime=desc")
            && list_tasks.2.contains("includePayload=true")
            && list_tasks.2.contains("startedTimeBegin=1763800000000"),
        "{list_tasks:?}"
    );
    let list_configs = seen
        .iter()
        .find(|(a, _, _)| a == "ListAsyncInvokeConfigs")
        .unwrap();
    assert!(
        list_configs.2.contains("functionName=f")
            && list_configs.2.contains("limit=5")
            && list_configs.2.contains("nextToken=n1"),
        "{list_configs:?}"
    );
}

#[tokio::test]
async fn a_path_parameter_is_percent_encoded_as_sent_and_signed() {
    let (client, seen) = server(Arc::new(|_: &Seen| {
        (
            StatusCode::OK,
            vec![("content-type", "application/json".into())],
            b"{}".to_vec(),
        )
    }))
    .await;
    client
        .get_async_task("f", "my task ü")
        .send()
        .await
        .expect("the call succeeds");
    let request = only(&seen);
    assert_eq!(
        request.uri.path(),
        "/2023-03-30/functions/f/async-tasks/my%20task%20%C3%BC"
    );
    assert_eq!(verify(&request).unwrap(), KEY_ID);
}
