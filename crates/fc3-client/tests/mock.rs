//! The mock layer (`test-util`): every kind of rule, sequences and `times(n)`, in-order and
//! match-any rules, the requests read back typed, and that a call answered by the mock takes
//! the real pipeline (validation, credentials, signing, retries, time limits, error mapping).

use std::time::Duration;

use fc3_client::mock::{InvokeAnswer, Mock, MockResponse, RuleMode, rule};
use fc3_client::{Client, Credentials, Error, InvocationType, LogType, RetryPolicy, TimeoutScope};
use fc3_models::operations::{
    DeleteAsyncInvokeConfigRequest, GetAsyncInvokeConfigRequest, GetAsyncTaskRequest,
    InvokeFunctionRequest, ListAsyncTasksRequest, PutAsyncInvokeConfigRequest,
};
use fc3_models::{AsyncConfig, AsyncTask, AsyncTaskStatus, ListAsyncTaskOutput};

const KEY_ID: &str = "LTAI-mock-test";
const KEY_SECRET: &str = "mock-test-secret-never-shown";

/// A client answered by `mock`, retrying quickly.
fn client(mock: &Mock) -> Client {
    Client::builder()
        .region("cn-hangzhou")
        .credentials(Credentials::new(KEY_ID, KEY_SECRET).unwrap())
        .retry_policy(RetryPolicy::default().with_base_delay(Duration::from_millis(1)))
        .mock(mock.clone())
        .build()
        .unwrap()
}

fn config(retries: i64) -> AsyncConfig {
    let mut config = AsyncConfig::default();
    config.max_async_retry_attempts = Some(retries);
    config.async_task = Some(true);
    config
}

#[tokio::test]
async fn a_model_answers_as_fc_would_send_it() {
    let get = rule::<GetAsyncInvokeConfigRequest>().then_output(config(2));
    let mock = Mock::new(RuleMode::InOrder, [get.clone()]);
    let answer = client(&mock)
        .get_async_invoke_config("thumbnailer")
        .send()
        .await
        .unwrap();
    assert_eq!(answer.max_async_retry_attempts, Some(2));
    assert_eq!(answer.async_task, Some(true));
    assert_eq!(answer.request_id(), Some("mock-1"), "FC names a request id");
    assert_eq!((get.calls(), get.is_exhausted()), (1, true));

    // An operation without a body in its answer: the spec's 2XX, empty.
    let delete = rule::<DeleteAsyncInvokeConfigRequest>().then_output(());
    let mock = Mock::new(RuleMode::InOrder, [delete]);
    let answer = client(&mock)
        .delete_async_invoke_config("thumbnailer")
        .send()
        .await
        .unwrap();
    assert_eq!(answer.request_id(), Some("mock-1"));
    assert!(mock.is_exhausted());
}

#[tokio::test]
async fn a_service_error_is_error_service() {
    let mock = Mock::new(
        RuleMode::InOrder,
        [rule::<GetAsyncInvokeConfigRequest>().then_service_error(
            404,
            "AsyncConfigNotExists",
            "no config for thumbnailer",
        )],
    );
    let err = client(&mock)
        .get_async_invoke_config("thumbnailer")
        .send()
        .await
        .unwrap_err();
    let service = err.as_service_error().unwrap_or_else(|| panic!("{err:?}"));
    assert_eq!(service.status, 404);
    assert_eq!(service.code, "AsyncConfigNotExists");
    assert_eq!(service.message, "no config for thumbnailer");
    assert_eq!(service.request_id.as_deref(), Some("mock-1"));
    assert_eq!(mock.requests().len(), 1, "a 404 is not retried");
}

#[tokio::test]
async fn a_function_error_is_read_from_its_header_and_body() {
    let mock = Mock::new(
        RuleMode::InOrder,
        [rule::<InvokeFunctionRequest>().then_function_error(
            "UnhandledInvocationError",
            "TypeError",
            "cannot read property 'video'",
        )],
    );
    let output = client(&mock)
        .invoke_function("thumbnailer")
        .payload("{}")
        .send()
        .await
        .unwrap();
    let failure = output.function_error().unwrap();
    assert_eq!(failure.kind, "UnhandledInvocationError");
    assert_eq!(failure.error_type.as_deref(), Some("TypeError"));
    assert_eq!(
        failure.message.as_deref(),
        Some("cannot read property 'video'")
    );
    assert!(matches!(output.into_result(), Err(Error::Function(_))));
}

#[tokio::test]
async fn invoke_answers_sync_with_a_log_tail_and_async_accepted() {
    let mock = Mock::new(
        RuleMode::InOrder,
        [
            rule::<InvokeFunctionRequest>().then_output(
                InvokeAnswer::payload(r#"{"thumb":"cat.png"}"#)
                    .log_tail("START\nEND\n")
                    .executed_version("3"),
            ),
            rule::<InvokeFunctionRequest>()
                .then_output(InvokeAnswer::accepted().async_task_id("video-42")),
        ],
    );
    let client = client(&mock);
    let output = client
        .invoke_function("thumbnailer")
        .log_type(LogType::Tail)
        .send()
        .await
        .unwrap();
    assert_eq!(output.status(), 200);
    assert_eq!(output.payload().as_ref(), br#"{"thumb":"cat.png"}"#);
    assert_eq!(
        output.log_tail(),
        Some("START\nEND\n"),
        "decoded from base64"
    );
    assert_eq!(output.executed_version(), Some("3"));
    assert!(output.function_error().is_none());

    let accepted = client
        .invoke_function("thumbnailer")
        .invocation_type(InvocationType::Async)
        .async_task_id("video-42")
        .send()
        .await
        .unwrap();
    assert_eq!(accepted.status(), 202);
    assert_eq!(accepted.async_task_id(), Some("video-42"));
    assert!(accepted.payload().is_empty());
}

#[tokio::test]
async fn a_raw_response_is_read_as_the_client_reads_any_answer() {
    let mock = Mock::new(
        RuleMode::InOrder,
        [
            rule::<GetAsyncTaskRequest>().then_response(
                MockResponse::new(200)
                    .header("content-type", "application/json")
                    .body("{not json"),
            ),
            rule::<GetAsyncTaskRequest>().then_response(MockResponse::new(302)),
            rule::<GetAsyncTaskRequest>().then_response(
                MockResponse::new(200)
                    .header("x-fc-request-id", "req-raw")
                    .json(&serde_json::json!({"taskId": "t-1", "status": "Hibernating"})),
            ),
        ],
    );
    let client = client(&mock);
    let err = client
        .get_async_task("thumbnailer", "t-1")
        .send()
        .await
        .unwrap_err();
    assert!(
        matches!(&err, Error::Response { message, .. } if message.contains("does not match the spec")),
        "{err:?}"
    );
    let err = client
        .get_async_task("thumbnailer", "t-1")
        .send()
        .await
        .unwrap_err();
    assert!(
        matches!(
            &err,
            Error::Response {
                status: Some(302),
                ..
            }
        ),
        "{err:?}"
    );
    // A status the spec does not list reads as Unknown, kept as sent; the raw answer's own
    // request id is kept (the mock adds none to a raw answer).
    let task = client
        .get_async_task("thumbnailer", "t-1")
        .send()
        .await
        .unwrap();
    assert_eq!(task.request_id(), Some("req-raw"));
    assert!(
        matches!(&task.status, Some(AsyncTaskStatus::Unknown(v)) if v.as_str() == "Hibernating")
    );
}

#[tokio::test]
async fn a_503_twice_then_success_is_three_signed_attempts_of_an_idempotent_call() {
    let get = rule::<GetAsyncInvokeConfigRequest>()
        .sequence()
        .service_error(503, "ServiceUnavailable", "busy")
        .times(2)
        .output(config(1))
        .build();
    let mock = Mock::new(RuleMode::InOrder, [get.clone()]);
    let answer = client(&mock)
        .get_async_invoke_config("thumbnailer")
        .send()
        .await
        .unwrap();
    assert_eq!(answer.max_async_retry_attempts, Some(1));
    assert_eq!(answer.request_id(), Some("mock-3"));
    assert_eq!(get.calls(), 3);
    let requests = mock.requests();
    assert_eq!(requests.len(), 3);
    let retries: Vec<Option<&str>> = requests
        .iter()
        .map(|r| r.header("x-acs-retry-attempts"))
        .collect();
    assert_eq!(retries, [None, Some("1"), Some("2")]);
    // Each attempt is signed afresh, and the signature verifies as FC would check it.
    let key = acs3::AccessKey::new(KEY_ID, KEY_SECRET);
    let mut nonces = std::collections::HashSet::new();
    for request in &requests {
        let headers: Vec<(&str, &str)> = request
            .headers()
            .iter()
            .map(|(n, v)| (n.as_str(), v.as_str()))
            .collect();
        let query: Vec<(&str, &str)> = request
            .query()
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        let parts = acs3::RequestParts::new(request.method(), request.path())
            .with_query(&query)
            .with_headers(&headers)
            .with_payload(acs3::Payload::Bytes(request.body()));
        let verified = acs3::verify(&parts, request.header("authorization").unwrap(), &key)
            .unwrap_or_else(|e| panic!("{e}: {request:?}"));
        assert!(nonces.insert(verified.nonce.to_string()), "a fresh nonce");
        assert_eq!(request.header("x-acs-action"), Some("GetAsyncInvokeConfig"));
    }
}

#[tokio::test]
async fn a_sync_invoke_is_not_sent_again_after_a_503() {
    let invoke = rule::<InvokeFunctionRequest>()
        .sequence()
        .service_error(503, "ServiceUnavailable", "busy")
        .times(2)
        .output(InvokeAnswer::payload("ok"))
        .build();
    let mock = Mock::new(RuleMode::InOrder, [invoke.clone()]);
    let err = client(&mock)
        .invoke_function("thumbnailer")
        .payload("{}")
        .send()
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(503), "{err:?}");
    assert_eq!(err.code(), Some("ServiceUnavailable"));
    assert_eq!(invoke.calls(), 1, "it could run the function twice");
    assert!(!invoke.is_exhausted());
}

#[tokio::test]
async fn times_counts_answers_and_an_exhausted_rule_answers_no_more() {
    let get = rule::<GetAsyncInvokeConfigRequest>()
        .sequence()
        .output(config(0))
        .times(2)
        .build();
    let mock = Mock::new(RuleMode::MatchAny, [get.clone()]);
    let client = client(&mock);
    for _ in 0..2 {
        client.get_async_invoke_config("f").send().await.unwrap();
    }
    assert!(get.is_exhausted());
    let err = client
        .get_async_invoke_config("f")
        .send()
        .await
        .unwrap_err();
    let Error::Mock(refusal) = &err else {
        panic!("a typed refusal, not a panic or a made-up answer: {err:?}")
    };
    assert_eq!(refusal.operation, "GetAsyncInvokeConfig");
    assert!(
        refusal
            .reason
            .contains("GET /2023-03-30/functions/f/async-invoke-config"),
        "{err}"
    );
    assert_eq!(mock.requests().len(), 3, "the refusal is not retried");

    // repeatedly(): the last answer forever.
    let forever = rule::<GetAsyncInvokeConfigRequest>()
        .sequence()
        .service_error(500, "InternalError", "oops")
        .output(config(3))
        .repeatedly()
        .build();
    let mock = Mock::new(RuleMode::InOrder, [forever.clone()]);
    let client = self::client(&mock);
    for _ in 0..3 {
        let answer = client.get_async_invoke_config("f").send().await.unwrap();
        assert_eq!(answer.max_async_retry_attempts, Some(3));
    }
    assert_eq!(forever.calls(), 4, "one 500, retried, then three answers");
    assert!(!forever.is_exhausted());
}

#[tokio::test]
async fn in_order_rules_answer_a_script_and_refuse_what_is_out_of_turn() {
    let script = || {
        [
            rule::<PutAsyncInvokeConfigRequest>().then_output(config(0)),
            rule::<GetAsyncInvokeConfigRequest>().then_output(config(0)),
        ]
    };
    let mock = Mock::new(RuleMode::InOrder, script());
    let client = client(&mock);
    client
        .put_async_invoke_config("f")
        .max_async_retry_attempts(0)
        .send()
        .await
        .unwrap();
    client.get_async_invoke_config("f").send().await.unwrap();
    assert!(mock.is_exhausted());

    let mock = Mock::new(RuleMode::InOrder, script());
    let err = self::client(&mock)
        .get_async_invoke_config("f")
        .send()
        .await
        .unwrap_err();
    let Error::Mock(refusal) = &err else {
        panic!("{err:?}")
    };
    assert_eq!(refusal.operation, "GetAsyncInvokeConfig");
    assert!(
        refusal.reason.contains("rule 1 (PutAsyncInvokeConfig)"),
        "{err}"
    );
}

#[tokio::test]
async fn match_any_rules_answer_by_their_predicates_in_any_order() {
    let mock = Mock::new(
        RuleMode::MatchAny,
        [
            rule::<GetAsyncInvokeConfigRequest>()
                .matching(|r| r.function_name.as_str() == "a")
                .sequence()
                .output(config(1))
                .repeatedly()
                .build(),
            rule::<GetAsyncInvokeConfigRequest>()
                .matching(|r| r.qualifier.as_ref().is_some_and(|q| q.as_str() == "prod"))
                .sequence()
                .output(config(2))
                .repeatedly()
                .build(),
        ],
    );
    let client = client(&mock);
    let prod = client
        .get_async_invoke_config("b")
        .qualifier("prod")
        .send()
        .await
        .unwrap();
    let a = client.get_async_invoke_config("a").send().await.unwrap();
    assert_eq!(
        (prod.max_async_retry_attempts, a.max_async_retry_attempts),
        (Some(2), Some(1))
    );
    let err = client
        .get_async_invoke_config("b")
        .send()
        .await
        .unwrap_err();
    assert!(
        matches!(&err, Error::Mock(e) if e.reason.contains("none of the mock's 2 rule(s)")),
        "{err:?}"
    );
}

#[tokio::test]
async fn the_requests_read_back_as_their_typed_requests() {
    let mock = Mock::new(
        RuleMode::MatchAny,
        [
            rule::<InvokeFunctionRequest>()
                .sequence()
                .output(InvokeAnswer::accepted())
                .repeatedly()
                .build(),
            rule::<PutAsyncInvokeConfigRequest>().then_output(config(0)),
            rule::<ListAsyncTasksRequest>().then_output(ListAsyncTaskOutput::default()),
        ],
    );
    let client = client(&mock);
    client
        .invoke_function("thumbnailer")
        .qualifier("prod")
        .invocation_type(InvocationType::Async)
        .async_task_id("video-7")
        .payload(r#"{"video":"dog.mp4"}"#)
        .send()
        .await
        .unwrap();
    client
        .put_async_invoke_config("thumbnailer")
        .max_async_retry_attempts(0)
        .on_failure("acs:fc:cn-hangzhou:1234567890123456:functions/dead-letters")
        .send()
        .await
        .unwrap();
    client
        .list_async_tasks("thumbnailer")
        .limit(5)
        .prefix("video-")
        .send()
        .await
        .unwrap();

    let invokes = mock.requests_of::<InvokeFunctionRequest>().unwrap();
    assert_eq!(invokes.len(), 1);
    let invoke = &invokes[0];
    assert_eq!(invoke.function_name.as_str(), "thumbnailer");
    assert_eq!(invoke.qualifier.as_ref().map(|q| q.as_str()), Some("prod"));
    assert_eq!(invoke.invocation_type, Some(InvocationType::Async));
    assert_eq!(
        invoke.async_task_id.as_ref().map(|t| t.as_str()),
        Some("video-7")
    );
    assert_eq!(invoke.payload.as_ref(), br#"{"video":"dog.mp4"}"#);

    let puts = mock.requests_of::<PutAsyncInvokeConfigRequest>().unwrap();
    assert_eq!(
        puts[0].body.max_async_retry_attempts,
        Some(0),
        "a set 0 is sent"
    );
    let on_failure = puts[0]
        .body
        .destination_config
        .as_ref()
        .and_then(|d| d.on_failure.as_ref())
        .and_then(|t| t.destination.as_ref())
        .map(|arn| arn.as_str().to_string());
    assert_eq!(
        on_failure.as_deref(),
        Some("acs:fc:cn-hangzhou:1234567890123456:functions/dead-letters")
    );

    let lists = mock.requests_of::<ListAsyncTasksRequest>().unwrap();
    assert_eq!(lists[0].limit.map(|l| l.get()), Some(5));
    assert_eq!(lists[0].prefix.as_deref(), Some("video-"));

    // The raw record, in order; its Debug keeps the signature out of sight.
    let actions: Vec<String> = mock
        .requests()
        .iter()
        .map(|r| r.action().to_string())
        .collect();
    assert_eq!(
        actions,
        ["InvokeFunction", "PutAsyncInvokeConfig", "ListAsyncTasks"]
    );
    let shown = format!("{mock:?} {:?}", mock.requests());
    let signature = mock.requests()[0]
        .header("authorization")
        .unwrap()
        .to_string();
    assert!(
        !shown.contains(&signature) && !shown.contains(KEY_SECRET),
        "{shown}"
    );
}

#[tokio::test]
async fn validation_runs_before_the_mock_and_sends_nothing() {
    let mock = Mock::new(
        RuleMode::MatchAny,
        [rule::<InvokeFunctionRequest>().then_output(InvokeAnswer::payload("ok"))],
    );
    let err = client(&mock)
        .invoke_function("not a function name!")
        .send()
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Validation { .. }), "{err:?}");
    assert!(mock.requests().is_empty());
}

/// Credentials that never come.
#[derive(Debug)]
struct NoCredentials;

impl fc3_client::ProvideCredentials for NoCredentials {
    fn provide_credentials(&self) -> fc3_credentials::ProvideCredentialsFuture<'_> {
        Box::pin(async {
            Err(fc3_client::CredentialsError::InvalidConfig {
                location: "the test's provider".into(),
                reason: "no key today".into(),
            })
        })
    }
}

#[tokio::test]
async fn a_credentials_failure_is_still_error_credentials() {
    let mock = Mock::new(
        RuleMode::MatchAny,
        [rule::<GetAsyncInvokeConfigRequest>().then_output(config(0))],
    );
    let client = Client::builder()
        .region("cn-hangzhou")
        .credentials(NoCredentials)
        .mock(mock.clone())
        .build()
        .unwrap();
    let err = client
        .get_async_invoke_config("f")
        .send()
        .await
        .unwrap_err();
    assert!(
        matches!(&err, Error::Credentials(e) if e.to_string().contains("no key today")),
        "{err:?}"
    );
    assert!(
        mock.requests().is_empty(),
        "nothing unsigned reaches the mock"
    );
}

#[tokio::test]
async fn a_slow_answer_runs_into_the_time_limit() {
    let mock = Mock::new(
        RuleMode::MatchAny,
        [rule::<GetAsyncTaskRequest>().then_response(
            MockResponse::new(200)
                .json(&AsyncTask::default())
                .delay(Duration::from_secs(5)),
        )],
    );
    let err = client(&mock)
        .get_async_task("f", "t-1")
        .timeout(Duration::from_millis(50))
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
}

#[tokio::test]
async fn an_answer_http_cannot_carry_is_a_typed_refusal() {
    let mock = Mock::new(
        RuleMode::MatchAny,
        [rule::<GetAsyncTaskRequest>()
            .then_response(MockResponse::new(200).header("bad name", "x"))],
    );
    let err = client(&mock)
        .get_async_task("f", "t-1")
        .send()
        .await
        .unwrap_err();
    assert!(
        matches!(&err, Error::Mock(e) if e.operation == "GetAsyncTask" && e.reason.contains("\"bad name\"")),
        "{err:?}"
    );
}
