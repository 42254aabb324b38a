//! fc3-client's reading of answers: any status, headers and body, answered through the mock
//! layer (`test-util`) to a real call of one operation, through the client's whole pipeline
//! (checks, signing, error mapping, the answer's parsing; retries off so an input stays
//! fast). Any result is fine; a panic or unbounded memory is not.
//!
//! An input is the operation's FC action on the first line (`InvokeFunction async` for an
//! asynchronous invocation), then a raw HTTP/1.1 answer: status line, headers, blank line,
//! body (`fuzz/seeds/client_answers/`). An unknown action picks an operation by its length.

#![no_main]

use std::sync::LazyLock;
use std::time::Duration;

use fc3_client::mock::{Mock, MockOperation, MockResponse, RuleMode, rule};
use fc3_client::{Client, Credentials, Error, InvocationType, RetryPolicy, Timeouts};
use fc3_models::operations::{
    Action, DeleteAsyncInvokeConfigRequest, GetAsyncInvokeConfigRequest, GetAsyncTaskRequest,
    InvokeFunctionRequest, ListAsyncInvokeConfigsRequest, ListAsyncTasksRequest, OPERATIONS,
    PutAsyncInvokeConfigRequest, StopAsyncTaskRequest,
};
use libfuzzer_sys::fuzz_target;

static RUNTIME: LazyLock<tokio::runtime::Runtime> = LazyLock::new(|| {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a runtime")
});

fuzz_target!(|data: &[u8]| {
    let (first, answer) = match data.iter().position(|b| *b == b'\n') {
        Some(end) => (&data[..end], &data[end + 1..]),
        None => return,
    };
    let first = String::from_utf8_lossy(first);
    let mut words = first.split_whitespace();
    let name = words.next().unwrap_or_default();
    let asynchronous = words.next() == Some("async");
    let operation = OPERATIONS
        .iter()
        .find(|op| op.name == name)
        .unwrap_or(&OPERATIONS[name.len() % OPERATIONS.len()]);
    let Some(response) = response(answer) else {
        return;
    };
    RUNTIME.block_on(call(operation.action, asynchronous, response));
});

/// The raw answer, or `None` when its head is not a complete HTTP/1.1 head.
fn response(bytes: &[u8]) -> Option<MockResponse> {
    let mut headers = [httparse::EMPTY_HEADER; 32];
    let mut head = httparse::Response::new(&mut headers);
    let httparse::Status::Complete(length) = head.parse(bytes).ok()? else {
        return None;
    };
    let mut response = MockResponse::new(head.code?);
    for header in head.headers.iter() {
        response = response.header(header.name, &String::from_utf8_lossy(header.value));
    }
    Some(response.body(bytes[length..].to_vec()))
}

/// A client that answers every request of `R` with `response`.
fn client<R: MockOperation>(response: MockResponse) -> Client {
    let mock = Mock::new(
        RuleMode::InOrder,
        [rule::<R>().sequence().response(response).repeatedly().build()],
    );
    Client::builder()
        .region("cn-hangzhou")
        .credentials(Credentials::new("fuzz", "fuzz-secret").expect("credentials"))
        .retry_policy(RetryPolicy::disabled())
        .timeouts(Timeouts::default().with_operation(Duration::from_secs(5)))
        .mock(mock)
        .build()
        .expect("a client")
}

/// One call of the operation, its result looked at and dropped.
async fn call(action: Action, asynchronous: bool, response: MockResponse) {
    let result: Result<String, Error> = match action {
        Action::InvokeFunction => {
            let invoke = client::<InvokeFunctionRequest>(response)
                .invoke_function("f")
                .payload(r#"{"k":1}"#);
            let invoke = if asynchronous {
                invoke
                    .invocation_type(InvocationType::Async)
                    .async_task_id("t-1")
            } else {
                invoke
            };
            invoke.send().await.map(|output| {
                format!(
                    "{output:?} {:?} {:?} {:?}",
                    output.function_error().map(ToString::to_string),
                    output.log_tail(),
                    output.payload_json::<serde_json::Value>().ok()
                )
            })
        }
        Action::PutAsyncInvokeConfig => client::<PutAsyncInvokeConfigRequest>(response)
            .put_async_invoke_config("f")
            .max_async_retry_attempts(1)
            .send()
            .await
            .map(|o| format!("{o:?}")),
        Action::GetAsyncInvokeConfig => client::<GetAsyncInvokeConfigRequest>(response)
            .get_async_invoke_config("f")
            .send()
            .await
            .map(|o| format!("{o:?}")),
        Action::DeleteAsyncInvokeConfig => client::<DeleteAsyncInvokeConfigRequest>(response)
            .delete_async_invoke_config("f")
            .send()
            .await
            .map(|o| format!("{o:?}")),
        Action::ListAsyncInvokeConfigs => client::<ListAsyncInvokeConfigsRequest>(response)
            .list_async_invoke_configs()
            .send()
            .await
            .map(|o| format!("{o:?}")),
        Action::GetAsyncTask => client::<GetAsyncTaskRequest>(response)
            .get_async_task("f", "t-1")
            .send()
            .await
            .map(|o| format!("{o:?}")),
        Action::ListAsyncTasks => client::<ListAsyncTasksRequest>(response)
            .list_async_tasks("f")
            .send()
            .await
            .map(|o| format!("{o:?}")),
        Action::StopAsyncTask => client::<StopAsyncTaskRequest>(response)
            .stop_async_task("f", "t-1")
            .send()
            .await
            .map(|o| format!("{o:?}")),
    };
    // Errors are formatted too: their Display and Debug read the answer's parts.
    if let Err(error) = result {
        let _ = format!("{error} {error:?} {:?} {:?}", error.status(), error.code());
    }
}
