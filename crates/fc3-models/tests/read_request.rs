//! Reading requests off the wire against the spec: what the emulator (and the client's mock
//! layer) do with a request's path, query, headers and body.

use bytes::Bytes;
use fc3_models::operation::{OperationRequest, Violation, WireParts, read_request};
use fc3_models::operations::{
    InvokeFunctionRequest, ListAsyncTasksRequest, PutAsyncInvokeConfigRequest,
};
use fc3_models::{AsyncTaskStatus, InvocationType};

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

fn read<R: fc3_models::operation::ReadRequest>(
    path: &[(&str, &str)],
    query: &[(&str, &str)],
    headers: &[(&str, &str)],
    body: &[u8],
) -> Result<R, Violation> {
    let path = pairs(path);
    let query = pairs(query);
    let headers = pairs(headers);
    let header = |name: &str| {
        headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    };
    let parts = WireParts {
        path: &path,
        query: &query,
        header: &header,
    };
    read_request(&parts, Bytes::copy_from_slice(body))
}

fn refused<R: fc3_models::operation::ReadRequest + std::fmt::Debug>(
    result: Result<R, Violation>,
) -> String {
    result.unwrap_err().to_string()
}

#[test]
fn a_list_request_reads_typed_values() {
    let request: ListAsyncTasksRequest = read(
        &[("functionName", "thumbnailer")],
        &[
            ("limit", "5"),
            ("status", "Failed"),
            ("includePayload", "true"),
            ("extra", "ignored"),
        ],
        &[],
        b"",
    )
    .unwrap();
    assert_eq!(request.function_name.as_str(), "thumbnailer");
    assert_eq!(request.limit.map(|l| l.get()), Some(5));
    assert_eq!(request.status, Some(AsyncTaskStatus::Failed));
    assert_eq!(request.include_payload, Some(true));
    assert_eq!(request.qualifier, None);
    assert_eq!(
        request.trace("qualifier").as_deref(),
        Some("LATEST"),
        "the documented default"
    );
}

#[test]
fn booleans_are_read_in_any_case_as_the_python_sdk_sends_them() {
    let function = [("functionName", "f")];
    for (text, value) in [
        ("True", true),
        ("False", false),
        ("TRUE", true),
        ("false", false),
    ] {
        let request: ListAsyncTasksRequest = read(&function, &[("includePayload", text)], &[], b"")
            .unwrap_or_else(|e| panic!("{text}: {e:?}"));
        assert_eq!(request.include_payload, Some(value), "{text}");
    }
}

#[test]
fn list_parameters_are_checked_naming_the_field_and_the_rule() {
    let function = [("functionName", "f")];
    let cases: [(&[(&str, &str)], &str); 6] = [
        (
            &[("limit", "+5")],
            "limit: must be a whole number from 1 to 100, got \"+5\"",
        ),
        (&[("limit", "0")], "limit: must be from 1 to 100, got 0"),
        (&[("limit", "101")], "limit: must be from 1 to 100, got 101"),
        (
            &[("limit", "1"), ("limit", "2")],
            "limit: is given more than once",
        ),
        (
            &[("includePayload", "yes")],
            "includePayload: must be true or false, got \"yes\"",
        ),
        (
            &[("status", "Processed")],
            "status: must be one of Enqueued, Dequeued",
        ),
    ];
    for (query, expected) in cases {
        let message = refused(read::<ListAsyncTasksRequest>(&function, query, &[], b""));
        assert!(message.starts_with(expected), "{query:?}: {message}");
    }
    let message = refused(read::<ListAsyncTasksRequest>(
        &[("functionName", "1bad")],
        &[],
        &[],
        b"",
    ));
    assert!(message.starts_with("functionName: must match"), "{message}");
    let message = refused(read::<ListAsyncTasksRequest>(&[], &[], &[], b""));
    assert_eq!(message, "functionName: is required");
}

#[test]
fn an_invocation_reads_headers_and_its_body() {
    let request: InvokeFunctionRequest = read(
        &[("functionName", "f")],
        &[("qualifier", "prod")],
        &[
            ("X-Fc-Invocation-Type", "Async"),
            ("x-fc-async-task-id", "video-42"),
        ],
        b"{\"video\":\"cat.mp4\"}",
    )
    .unwrap();
    assert_eq!(request.invocation_type, Some(InvocationType::Async));
    assert_eq!(
        request.async_task_id.as_deref().map(|s| s.as_str()),
        Some("video-42")
    );
    assert_eq!(request.payload.as_ref(), b"{\"video\":\"cat.mp4\"}");
    assert_eq!(
        request.retry().class,
        fc3_models::operation::RetryClass::Idempotent
    );

    let message = refused(read::<InvokeFunctionRequest>(
        &[("functionName", "f")],
        &[],
        &[("x-fc-async-task-id", "video-42")],
        b"",
    ));
    assert_eq!(
        message,
        "x-fc-async-task-id: is only valid with x-fc-invocation-type Async (set invocation_type too)"
    );
    let message = refused(read::<InvokeFunctionRequest>(
        &[("functionName", "f")],
        &[],
        &[("x-fc-invocation-type", "async")],
        b"",
    ));
    assert_eq!(
        message,
        "x-fc-invocation-type: must be one of Sync, Async, got \"async\""
    );
    let message = refused(read::<InvokeFunctionRequest>(
        &[("functionName", "f")],
        &[],
        &[("x-fc-invocation-type", "Async")],
        &vec![b'x'; 128 * 1024 + 1],
    ));
    assert_eq!(
        message,
        "body: must be at most 131072 bytes (MAX_ASYNC_PAYLOAD), got 131073"
    );
    // No body at all is an empty event.
    let request: InvokeFunctionRequest = read(&[("functionName", "f")], &[], &[], b"").unwrap();
    assert!(request.payload.is_empty());
}

#[test]
fn a_json_body_is_checked_field_by_field() {
    let function = [("functionName", "f")];
    let read_body =
        |body: &str| read::<PutAsyncInvokeConfigRequest>(&function, &[], &[], body.as_bytes());
    let request =
        read_body(r#"{"maxAsyncRetryAttempts":0,"asyncTask":true,"newField":1}"#).unwrap();
    assert_eq!(request.body.max_async_retry_attempts, Some(0));
    assert_eq!(request.body.async_task, Some(true));
    for (body, expected) in [
        (
            r#"{"maxAsyncRetryAttempts":9}"#,
            "maxAsyncRetryAttempts: must be from 0 to 8, got 9",
        ),
        (
            r#"{"maxAsyncRetryAttempts":1.5}"#,
            "maxAsyncRetryAttempts: must be a whole number from 0 to 8, got \"1.5\"",
        ),
        (
            r#"{"maxAsyncEventAgeInSeconds":0}"#,
            "maxAsyncEventAgeInSeconds: must be from 1 to 604800, got 0",
        ),
        (
            r#"{"destinationConfig":{"onSuccess":{"destination":"nope"}}}"#,
            "destinationConfig.onSuccess.destination: must be an ARN",
        ),
        (
            r#"{"asyncTask":"yes"}"#,
            "asyncTask: must be true or false, got \"yes\"",
        ),
        // The text passes the rule but not the type: serde names the field.
        (
            r#"{"asyncTask":"true"}"#,
            "asyncTask: invalid type: string \"true\", expected a boolean",
        ),
        (
            "[1]",
            "body: must be a PutAsyncInvokeConfigInput JSON object",
        ),
        ("{", "body: not valid JSON"),
        (
            "",
            "body: a PutAsyncInvokeConfigInput JSON object is required",
        ),
    ] {
        let message = refused(read_body(body));
        assert!(message.starts_with(expected), "{body}: {message}");
    }
}
