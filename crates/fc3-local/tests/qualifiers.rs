//! PutAsyncInvokeConfig per qualifier: the configurations of `LATEST` and of an alias are
//! independent (a bug other emulators had: one overwrote the other). Put, get, list and delete
//! each; asynchronous invocations of each qualifier follow their own: retries, destinations,
//! async tasks. Through fc3-client, with Rust functions that record what they receive.

use std::time::Duration;

use bytes::Bytes;
use fc3_client::{Client, Credentials, Error, InvocationType, RetryPolicy};
use fc3_local::{
    Config, Context, DEV_ACCESS_KEY_ID, DEV_ACCESS_KEY_SECRET, FunctionError, Options,
    RustFunction, Server,
};
use fc3_models::{AsyncTaskStatus, DestinationRecord};

const WAIT: Duration = Duration::from_secs(10);

fn ok_sink() -> RustFunction {
    RustFunction::new(
        |_event: Bytes, _ctx: Context| async move { Ok::<_, FunctionError>(Bytes::new()) },
    )
}

async fn start() -> (Server, Client) {
    let config =
        Config::from_toml("[async]\nretry_base_delay_ms = 1\nretry_max_delay_ms = 5\n").unwrap();
    let job = RustFunction::new(|_event: Bytes, ctx: Context| async move {
        Err::<Bytes, _>(FunctionError::new(
            "Nope",
            format!("{} try {}", ctx.qualifier(), ctx.attempt()),
        ))
    })
    .alias("prod", "1");
    let options = Options::new(config)
        .with_function("job", job)
        .with_function("latest-failed", ok_sink())
        .with_function("prod-failed", ok_sink());
    let server = Server::start(options, "127.0.0.1:0".parse().unwrap())
        .await
        .unwrap();
    let client = Client::builder()
        .endpoint(&server.endpoint())
        .credentials(Credentials::new(DEV_ACCESS_KEY_ID, DEV_ACCESS_KEY_SECRET).unwrap())
        .retry_policy(RetryPolicy::disabled())
        .build()
        .unwrap();
    (server, client)
}

fn arn(server: &Server, function: &str) -> String {
    let state = server.state();
    format!(
        "acs:fc:{}:{}:functions/{function}",
        state.region(),
        state.account_id()
    )
}

fn on_failure(config: &fc3_models::AsyncConfig) -> Option<String> {
    config
        .destination_config
        .as_ref()?
        .on_failure
        .as_ref()?
        .destination
        .as_ref()
        .map(|d| d.to_string())
}

#[tokio::test]
async fn latest_and_an_alias_have_their_own_configuration() {
    let (server, client) = start().await;
    let latest_target = arn(&server, "latest-failed");
    let prod_target = arn(&server, "prod-failed");
    client
        .put_async_invoke_config("job")
        .max_async_retry_attempts(0)
        .on_failure(&latest_target)
        .send()
        .await
        .unwrap();
    client
        .put_async_invoke_config("job")
        .qualifier("prod")
        .max_async_retry_attempts(2)
        .on_failure(&prod_target)
        .async_task(true)
        .send()
        .await
        .unwrap();
    // Putting LATEST again leaves prod as it was.
    client
        .put_async_invoke_config("job")
        .max_async_retry_attempts(0)
        .max_async_event_age_in_seconds(300)
        .on_failure(&latest_target)
        .send()
        .await
        .unwrap();

    let latest = client.get_async_invoke_config("job").send().await.unwrap();
    let prod = client
        .get_async_invoke_config("job")
        .qualifier("prod")
        .send()
        .await
        .unwrap();
    assert_eq!(latest.max_async_retry_attempts, Some(0));
    assert_eq!(
        latest.max_async_event_age_in_seconds.map(|n| n.get()),
        Some(300)
    );
    assert_eq!(latest.async_task, None);
    assert_eq!(on_failure(&latest).as_deref(), Some(latest_target.as_str()));
    assert_eq!(prod.max_async_retry_attempts, Some(2));
    assert_eq!(prod.max_async_event_age_in_seconds, None);
    assert_eq!(prod.async_task, Some(true));
    assert_eq!(on_failure(&prod).as_deref(), Some(prod_target.as_str()));
    let job_arn = arn(&server, "job");
    assert_eq!(latest.function_arn.as_deref(), Some(job_arn.as_str()));
    assert_eq!(
        prod.function_arn.as_deref(),
        Some(format!("{job_arn}/prod").as_str())
    );

    let listed = client
        .list_async_invoke_configs()
        .function_name("job")
        .send()
        .await
        .unwrap();
    let arns: Vec<_> = listed
        .configs
        .iter()
        .map(|c| c.function_arn.clone().unwrap_or_default())
        .collect();
    assert_eq!(arns, [job_arn.clone(), format!("{job_arn}/prod")]);

    // Each qualifier's events follow its own configuration.
    let latest_accepted = client
        .invoke_function("job")
        .invocation_type(InvocationType::Async)
        .payload("for latest")
        .send()
        .await
        .unwrap();
    assert_eq!(
        latest_accepted.async_task_id(),
        None,
        "async tasks off for LATEST"
    );
    let prod_accepted = client
        .invoke_function("job")
        .qualifier("prod")
        .invocation_type(InvocationType::Async)
        .payload("for prod")
        .send()
        .await
        .unwrap();
    let task_id = prod_accepted
        .async_task_id()
        .expect("async tasks on for prod")
        .to_owned();

    let state = server.state();
    let to_latest = state.invocations("latest-failed").unwrap();
    let to_prod = state.invocations("prod-failed").unwrap();
    let latest_record = &to_latest.wait_for(1, WAIT).await.unwrap()[0];
    let prod_record = &to_prod.wait_for(1, WAIT).await.unwrap()[0];
    let latest_record: DestinationRecord = serde_json::from_slice(&latest_record.payload).unwrap();
    let prod_record: DestinationRecord = serde_json::from_slice(&prod_record.payload).unwrap();
    assert_eq!(latest_record.request_payload, "for latest");
    assert_eq!(latest_record.request_context.approximate_invoke_count, 1);
    assert_eq!(prod_record.request_payload, "for prod");
    assert_eq!(prod_record.request_context.approximate_invoke_count, 3);

    let tries: Vec<(String, u32)> = state
        .invocations("job")
        .unwrap()
        .all()
        .into_iter()
        .map(|i| (i.qualifier, i.attempt))
        .collect();
    let of = |q: &str| -> Vec<u32> {
        tries
            .iter()
            .filter(|(qualifier, _)| qualifier == q)
            .map(|(_, a)| *a)
            .collect()
    };
    assert_eq!(of("LATEST"), [1], "no retries for LATEST");
    assert_eq!(of("prod"), [1, 2, 3], "two retries for prod");
    let task = client.get_async_task("job", &task_id).send().await.unwrap();
    assert_eq!(task.status, Some(AsyncTaskStatus::Failed));
    assert_eq!(task.qualifier.as_deref(), Some("prod"));
    assert!(
        to_latest.len() == 1 && to_prod.len() == 1,
        "no record crossed over"
    );

    // Deleting one leaves the other.
    client
        .delete_async_invoke_config("job")
        .qualifier("prod")
        .send()
        .await
        .unwrap();
    let gone = client
        .get_async_invoke_config("job")
        .qualifier("prod")
        .send()
        .await
        .unwrap_err();
    assert!(
        matches!(&gone, Error::Service(e) if e.code == "AsyncConfigNotExists"),
        "{gone:?}"
    );
    let still = client.get_async_invoke_config("job").send().await.unwrap();
    assert_eq!(
        still.max_async_event_age_in_seconds.map(|n| n.get()),
        Some(300)
    );
    client
        .delete_async_invoke_config("job")
        .send()
        .await
        .unwrap();
    let listed = client
        .list_async_invoke_configs()
        .function_name("job")
        .send()
        .await
        .unwrap();
    assert!(listed.configs.is_empty());
    server.shutdown().await;
}

#[tokio::test]
async fn an_alias_without_a_configuration_uses_the_defaults_not_latests() {
    let (server, client) = start().await;
    // LATEST: no retries, async tasks on. prod has no configuration of its own.
    client
        .put_async_invoke_config("job")
        .max_async_retry_attempts(0)
        .async_task(true)
        .send()
        .await
        .unwrap();
    let accepted = client
        .invoke_function("job")
        .qualifier("prod")
        .invocation_type(InvocationType::Async)
        .send()
        .await
        .unwrap();
    assert_eq!(
        accepted.async_task_id(),
        None,
        "LATEST's asyncTask does not apply"
    );
    let defaults = fc3_models::PutAsyncInvokeConfigInput::MAX_ASYNC_RETRY_ATTEMPTS_DEFAULT;
    let tries = u64::try_from(defaults).unwrap() + 1;
    let job = server.state().invocations("job").unwrap();
    job.wait_for(tries, WAIT).await.unwrap();
    let deadline = std::time::Instant::now() + WAIT;
    while server.state().pending_events() > 0 {
        assert!(
            std::time::Instant::now() < deadline,
            "the event never ended"
        );
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    let received = job.all();
    assert!(received.iter().all(|i| i.qualifier == "prod"));
    assert_eq!(
        received.len() as u64,
        tries,
        "FC's default retries, not LATEST's 0"
    );
    server.shutdown().await;
}
