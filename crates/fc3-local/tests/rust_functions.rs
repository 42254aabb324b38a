//! Functions written in Rust, through fc3-client with real signed HTTP: what they receive
//! (payload, qualifier, request id, try, sync or async, task id) read back in order, their
//! answers, errors, panics and logs, and the engine around them as for every other kind:
//! retries, destinations, the concurrency limit, the timeout, StopAsyncTask.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};
use std::time::Duration;

use bytes::Bytes;
use fc3_client::{Client, Credentials, Error, InvocationType, LogType, RetryPolicy};
use fc3_local::{
    Config, Context, DEV_ACCESS_KEY_ID, DEV_ACCESS_KEY_SECRET, FunctionError, Options,
    RustFunction, Server, StartError,
};
use fc3_models::{AsyncTaskStatus, DestinationRecord};

const WAIT: Duration = Duration::from_secs(10);

async fn start(options: Options) -> (Server, Client) {
    let server = Server::start(options, "127.0.0.1:0".parse().unwrap())
        .await
        .expect("the emulator starts");
    let client = Client::builder()
        .endpoint(&server.endpoint())
        .credentials(Credentials::new(DEV_ACCESS_KEY_ID, DEV_ACCESS_KEY_SECRET).unwrap())
        .retry_policy(RetryPolicy::disabled())
        .build()
        .unwrap();
    (server, client)
}

/// Fast retries, so async tests run on the system clock in milliseconds.
fn fast_retries() -> Config {
    Config::from_toml("[async]\nretry_base_delay_ms = 1\nretry_max_delay_ms = 5\n").unwrap()
}

fn echo_upper() -> RustFunction {
    RustFunction::new(|event: Bytes, ctx: Context| async move {
        ctx.log(format!("upper: {} bytes", event.len()));
        Ok::<_, FunctionError>(event.to_ascii_uppercase())
    })
}

#[tokio::test]
async fn a_sync_call_runs_the_closure_and_is_read_back() {
    let options = Options::default().with_function("upper", echo_upper().alias("prod", "3"));
    let (server, client) = start(options).await;
    let output = client
        .invoke_function("upper")
        .qualifier("prod")
        .payload("shout")
        .log_type(LogType::Tail)
        .send()
        .await
        .unwrap();
    assert_eq!(output.payload().as_ref(), b"SHOUT");
    assert_eq!(output.executed_version(), Some("3"));
    let log = output.log_tail().unwrap();
    assert!(log.contains("upper: 5 bytes"), "{log}");
    assert!(log.starts_with("FC Invoke Start RequestId:"), "{log}");

    let received = server.state().invocations("upper").unwrap().all();
    assert_eq!(received.len(), 1);
    let call = &received[0];
    assert_eq!(call.payload.as_ref(), b"shout");
    assert_eq!(
        (call.qualifier.as_str(), call.version.as_str()),
        ("prod", "3")
    );
    assert_eq!(Some(call.request_id.as_str()), output.request_id());
    assert_eq!(call.attempt, 1);
    assert_eq!(call.invocation_type, InvocationType::Sync);
    assert_eq!(call.async_task_id, None);
    assert!(
        server.state().invocations("echo").is_none(),
        "a built-in records nothing"
    );
    server.shutdown().await;
}

#[tokio::test]
async fn errors_and_panics_are_function_errors() {
    let options = Options::default()
        .with_function("picky", |event: Bytes, _ctx: Context| async move {
            let n: u32 = std::str::from_utf8(&event)
                .map_err(|_| FunctionError::new("NotText", "the event is not text"))?
                .parse()?;
            if n == 0 {
                return Err(FunctionError::unhandled("ZeroError", "zero"));
            }
            Ok(format!("{}", n * 2))
        })
        .with_function("crash", |_event: Bytes, _ctx: Context| async move {
            if true {
                panic!("index out of bounds");
            }
            Ok::<_, FunctionError>(Bytes::new())
        });
    let (server, client) = start(options).await;
    let ok = client
        .invoke_function("picky")
        .payload("21")
        .send()
        .await
        .unwrap();
    assert_eq!(ok.payload().as_ref(), b"42");

    let parse = client
        .invoke_function("picky")
        .payload("x")
        .send()
        .await
        .unwrap();
    let failure = parse.function_error().expect("a function error");
    assert_eq!(failure.kind, "HandledInvocationError");
    assert_eq!(failure.error_type.as_deref(), Some("ParseIntError"));

    let zero = client
        .invoke_function("picky")
        .payload("0")
        .send()
        .await
        .unwrap();
    let failure = zero.function_error().unwrap();
    assert_eq!(failure.kind, "UnhandledInvocationError");
    assert_eq!(
        (failure.error_type.as_deref(), failure.message.as_deref()),
        (Some("ZeroError"), Some("zero"))
    );

    let crash = client.invoke_function("crash").send().await.unwrap();
    let failure = crash.function_error().unwrap();
    assert_eq!(failure.kind, "UnhandledInvocationError");
    assert_eq!(failure.error_type.as_deref(), Some("Panic"));
    assert!(
        failure
            .message
            .as_deref()
            .unwrap()
            .contains("index out of bounds"),
        "{failure:?}"
    );
    // The emulator is unharmed.
    let again = client
        .invoke_function("picky")
        .payload("1")
        .send()
        .await
        .unwrap();
    assert_eq!(again.payload().as_ref(), b"2");
    assert_eq!(server.state().invocations("picky").unwrap().len(), 4);
    server.shutdown().await;
}

#[tokio::test]
async fn async_tries_are_retried_and_read_back_in_order() {
    // Fails its first two tries of each event, as a flaky dependency would.
    let options = Options::new(fast_retries()).with_function(
        "flaky",
        |_event: Bytes, ctx: Context| async move {
            if ctx.attempt() <= 2 {
                return Err(FunctionError::new(
                    "Flaky",
                    format!("try {}", ctx.attempt()),
                ));
            }
            Ok(format!("done on try {}", ctx.attempt()))
        },
    );
    let (server, client) = start(options).await;
    client
        .put_async_invoke_config("flaky")
        .max_async_retry_attempts(2)
        .async_task(true)
        .send()
        .await
        .unwrap();
    let accepted = client
        .invoke_function("flaky")
        .invocation_type(InvocationType::Async)
        .async_task_id("job-1")
        .payload(r#"{"job":1}"#)
        .send()
        .await
        .unwrap();
    let received = server
        .state()
        .invocations("flaky")
        .unwrap()
        .wait_for(3, WAIT)
        .await
        .unwrap();
    let attempts: Vec<u32> = received.iter().map(|i| i.attempt).collect();
    assert_eq!(attempts, [1, 2, 3]);
    for call in &received {
        assert_eq!(call.payload.as_ref(), br#"{"job":1}"#);
        assert_eq!(call.invocation_type, InvocationType::Async);
        assert_eq!(call.async_task_id.as_deref(), Some("job-1"));
        assert_eq!(Some(call.request_id.as_str()), accepted.request_id());
        assert_eq!(call.qualifier, "LATEST");
    }
    let task = client
        .wait_for_task("flaky", "job-1")
        .deadline(WAIT)
        .poll_interval(Duration::from_millis(5), Duration::from_millis(20))
        .send()
        .await
        .unwrap();
    assert_eq!(task.status, Some(AsyncTaskStatus::Succeeded));
    assert_eq!(task.return_payload.as_deref(), Some("done on try 3"));
    server.shutdown().await;
}

#[tokio::test]
async fn a_rust_function_is_a_destination_and_gets_fc_records() {
    let options = Options::new(fast_retries())
        .with_function("work", |event: Bytes, _ctx: Context| async move {
            Ok::<_, FunctionError>(event)
        })
        .with_function("on-done", |_event: Bytes, _ctx: Context| async move {
            Ok::<_, FunctionError>(Bytes::new())
        });
    let (server, client) = start(options).await;
    let arn = format!(
        "acs:fc:{}:{}:functions/on-done",
        server.state().region(),
        server.state().account_id()
    );
    client
        .put_async_invoke_config("work")
        .on_success(&arn)
        .send()
        .await
        .unwrap();
    client
        .invoke_function("work")
        .invocation_type(InvocationType::Async)
        .payload("payload-7")
        .send()
        .await
        .unwrap();
    let delivered = server
        .state()
        .invocations("on-done")
        .unwrap()
        .wait_for(1, WAIT)
        .await
        .unwrap();
    let record: DestinationRecord = serde_json::from_slice(&delivered[0].payload).unwrap();
    assert_eq!(record.request_payload, "payload-7");
    assert_eq!(record.response_payload, "payload-7");
    assert_eq!(record.request_context.condition, "");
    assert_eq!(delivered[0].invocation_type, InvocationType::Async);
    server.shutdown().await;
}

#[tokio::test]
async fn the_concurrency_limit_and_the_timeout_hold() {
    let release = Arc::new(tokio::sync::Notify::new());
    let running = Arc::new(AtomicU32::new(0));
    let most = Arc::new(AtomicU32::new(0));
    let gate = {
        let (release, running, most) = (release.clone(), running.clone(), most.clone());
        RustFunction::new(move |_event: Bytes, _ctx: Context| {
            let (release, running, most) = (release.clone(), running.clone(), most.clone());
            async move {
                let now = running.fetch_add(1, Ordering::SeqCst) + 1;
                most.fetch_max(now, Ordering::SeqCst);
                release.notified().await;
                running.fetch_sub(1, Ordering::SeqCst);
                Ok::<_, FunctionError>("released")
            }
        })
        .concurrency(1)
    };
    let dropped = Arc::new(AtomicBool::new(false));
    let slow = {
        let dropped = dropped.clone();
        RustFunction::new(move |_event: Bytes, _ctx: Context| {
            let guard = SetOnDrop(dropped.clone());
            async move {
                let _guard = guard;
                tokio::time::sleep(Duration::from_secs(3600)).await;
                Ok::<_, FunctionError>("never")
            }
        })
        .timeout(Duration::from_millis(200))
    };
    let options = Options::default()
        .with_function("gate", gate)
        .with_function("slow", slow);
    let (server, client) = start(options).await;
    let invocations = server.state().invocations("gate").unwrap();

    // Two async events: the second waits for the first (concurrency 1).
    for n in 0..2 {
        client
            .invoke_function("gate")
            .invocation_type(InvocationType::Async)
            .payload(format!("{n}"))
            .send()
            .await
            .unwrap();
    }
    invocations.wait_for(1, WAIT).await.unwrap();
    // A sync call beyond the limit is refused, as for every kind.
    let refused = client.invoke_function("gate").send().await.unwrap_err();
    match refused {
        Error::Service(e) => assert_eq!((e.status, e.code.as_str()), (429, "ResourceExhausted")),
        other => panic!("expected 429, got {other:?}"),
    }
    tokio::time::sleep(Duration::from_millis(50)).await;
    assert_eq!(invocations.received(), 1, "the second event waits its turn");
    release.notify_one();
    invocations.wait_for(2, WAIT).await.unwrap();
    release.notify_one();
    assert_eq!(most.load(Ordering::SeqCst), 1);

    // Past its timeout the run is aborted.
    let timed_out = client.invoke_function("slow").send().await.unwrap();
    let failure = timed_out.function_error().unwrap();
    assert_eq!(failure.error_type.as_deref(), Some("FunctionTimeout"));
    common_wait(|| dropped.load(Ordering::SeqCst)).await;
    server.shutdown().await;
}

#[tokio::test]
async fn stopping_an_async_task_aborts_the_running_closure() {
    let dropped = Arc::new(AtomicBool::new(false));
    let hang = {
        let dropped = dropped.clone();
        RustFunction::new(move |_event: Bytes, _ctx: Context| {
            let guard = SetOnDrop(dropped.clone());
            async move {
                let _guard = guard;
                std::future::pending::<()>().await;
                Ok::<_, FunctionError>("never")
            }
        })
        .async_task(true)
    };
    let (server, client) = start(Options::default().with_function("hang", hang)).await;
    client
        .invoke_function("hang")
        .invocation_type(InvocationType::Async)
        .async_task_id("stuck")
        .send()
        .await
        .unwrap();
    server
        .state()
        .invocations("hang")
        .unwrap()
        .wait_for(1, WAIT)
        .await
        .unwrap();
    client
        .stop_async_task("hang", "stuck")
        .send()
        .await
        .unwrap();
    common_wait(|| dropped.load(Ordering::SeqCst)).await;
    let task = client
        .wait_for_task("hang", "stuck")
        .deadline(WAIT)
        .poll_interval(Duration::from_millis(5), Duration::from_millis(20))
        .send()
        .await
        .unwrap();
    assert_eq!(task.status, Some(AsyncTaskStatus::Stopped));
    server.shutdown().await;
}

#[tokio::test]
async fn bad_registrations_are_refused_at_start() {
    let f = || echo_upper();
    let twice = Options::default()
        .with_function("f", f())
        .with_function("f", f());
    let declared = Options::new(Config::from_toml("[functions.f]\nkind = \"echo\"").unwrap())
        .with_function("f", f());
    let badly_named = Options::default().with_function("9lives", f());
    let no_room = Options::default().with_function("f", f().concurrency(0));
    for (options, words) in [
        (twice, "registered twice"),
        (declared, "declared in the configuration"),
        (badly_named, "\"9lives\""),
        (no_room, "concurrency"),
    ] {
        let error = Server::start(options, "127.0.0.1:0".parse().unwrap())
            .await
            .err()
            .expect("refused");
        assert!(matches!(error, StartError::Config(_)), "{error:?}");
        assert!(error.to_string().contains(words), "{error}");
    }
    // A Rust function may replace a built-in.
    let (server, client) = start(Options::default().with_function("echo", f())).await;
    let output = client
        .invoke_function("echo")
        .payload("x")
        .send()
        .await
        .unwrap();
    assert_eq!(output.payload().as_ref(), b"X");
    server.shutdown().await;
}

struct SetOnDrop(Arc<AtomicBool>);

impl Drop for SetOnDrop {
    fn drop(&mut self) {
        self.0.store(true, Ordering::SeqCst);
    }
}

async fn common_wait(mut done: impl FnMut() -> bool) {
    let deadline = tokio::time::Instant::now() + WAIT;
    while !done() {
        assert!(tokio::time::Instant::now() < deadline, "timed out");
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
}
