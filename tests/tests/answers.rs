//! The emulator fills every field of FC's answers that the spec lists.
//!
//! The generated models are `#[non_exhaustive]` (FC may add fields, and that must not break
//! users), so the compiler no longer tells the emulator about a new answer field. This test
//! does: it drives fc3-local through every operation with fc3-client, gathers the JSON of each
//! answer (and of the records it delivers to destinations, and of an error), and walks the
//! spec's schema table (`fc3_models::operations`) for properties that never appeared. A field
//! the emulator leaves out on purpose is listed in `NOT_EMITTED` with the reason.

mod common;

use std::collections::BTreeSet;
use std::time::Duration;

use common::{Local, arn, local, wait_for};
use fc3_client::InvocationType;
use fc3_models::operations::schema;
use serde::Serialize;
use serde_json::Value;

/// Fields of an answer the emulator never fills, with why.
const NOT_EMITTED: &[(&str, &str)] = &[];

const CONFIG: &str = "
[async]
retry_base_delay_ms = 5
retry_max_delay_ms = 20
";

/// The JSON answers seen, by the schema each follows.
#[derive(Default)]
struct Seen(Vec<(&'static str, Value)>);

impl Seen {
    fn add(&mut self, schema: &'static str, value: &impl Serialize) {
        self.0.push((schema, serde_json::to_value(value).unwrap()));
    }
}

/// `Schema.property` paths present in `value`, walking into objects of component schemas.
fn present(schema_name: &str, value: &Value, out: &mut BTreeSet<String>) {
    let Some(schema) = schema(schema_name) else {
        panic!("no schema {schema_name} in the generated table");
    };
    let Some(object) = value.as_object() else {
        return;
    };
    for property in schema.properties {
        let Some(field) = object.get(property.wire_name) else {
            continue;
        };
        if field.is_null() || field.as_array().is_some_and(Vec::is_empty) {
            continue;
        }
        out.insert(format!("{schema_name}.{}", property.wire_name));
        if let Some(inner) = property.object {
            match field {
                Value::Array(items) => items.iter().for_each(|i| present(inner, i, out)),
                other => present(inner, other, out),
            }
        }
    }
}

/// Every `Schema.property` path reachable from `schema_name`.
fn all_paths(schema_name: &str, out: &mut BTreeSet<String>) {
    let schema = schema(schema_name).unwrap();
    for property in schema.properties {
        if out.insert(format!("{schema_name}.{}", property.wire_name))
            && let Some(inner) = property.object
        {
            all_paths(inner, out);
        }
    }
}

/// Drives every operation and returns each answer's JSON with its schema.
async fn answers() -> Seen {
    let Local { server, client } = local(CONFIG).await;
    let mut seen = Seen::default();

    for (function, retries) in [("echo", 0), ("fail", 1)] {
        let config = client
            .put_async_invoke_config(function)
            .async_task(true)
            .max_async_retry_attempts(retries)
            .max_event_age(Duration::from_secs(3600))
            .on_success(arn("sink"))
            .on_failure(arn("sink"))
            .send()
            .await
            .unwrap();
        seen.add("AsyncConfig", &config.into_inner());
    }
    let config = client.get_async_invoke_config("echo").send().await.unwrap();
    seen.add("AsyncConfig", &config.into_inner());
    let page = client
        .list_async_invoke_configs()
        .limit(1)
        .send()
        .await
        .unwrap();
    seen.add("ListAsyncInvokeConfigOutput", &page.into_inner());

    for (function, task) in [("echo", "echo-1"), ("echo", "echo-2"), ("fail", "fail-1")] {
        client
            .invoke_function(function)
            .invocation_type(InvocationType::Async)
            .async_task_id(task)
            .payload(r#"{"n":1}"#)
            .send()
            .await
            .unwrap();
        wait_for(&client, function, task).await;
        let task = client.get_async_task(function, task).send().await.unwrap();
        seen.add("AsyncTask", &task.into_inner());
    }
    let tasks = client
        .list_async_tasks("echo")
        .limit(1)
        .include_payload(true)
        .send()
        .await
        .unwrap();
    seen.add("ListAsyncTaskOutput", &tasks.into_inner());

    // What reached the sink: the destination records, as its tasks' payloads.
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    loop {
        let sink = client
            .list_async_tasks("sink")
            .include_payload(true)
            .send()
            .await
            .unwrap()
            .into_inner();
        let ended = sink
            .tasks
            .iter()
            .filter(|t| t.status.as_ref().is_some_and(|s| s.is_terminal()))
            .count();
        if ended >= 3 || std::time::Instant::now() > deadline {
            for task in &sink.tasks {
                let record: Value =
                    serde_json::from_str(task.task_payload.as_deref().unwrap_or("null")).unwrap();
                seen.0.push(("DestinationRecord", record));
            }
            break;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }

    // FC's error body, as the emulator writes it.
    let error = reqwest::get(format!(
        "{}/2023-03-30/functions/echo/async-invoke-config",
        server.endpoint()
    ))
    .await
    .unwrap();
    assert!(error.status().is_client_error());
    seen.0.push(("Error", error.json().await.unwrap()));
    seen
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_emulator_fills_every_answer_field_the_spec_lists() {
    let seen = answers().await;
    let mut expected = BTreeSet::new();
    let mut found = BTreeSet::new();
    for (schema_name, value) in &seen.0 {
        all_paths(schema_name, &mut expected);
        present(schema_name, value, &mut found);
    }
    for (path, _) in NOT_EMITTED {
        assert!(
            expected.contains(*path),
            "NOT_EMITTED names {path}, which the spec's answers do not have"
        );
        assert!(
            !found.contains(*path),
            "NOT_EMITTED names {path}, but the emulator now fills it: take it off the list"
        );
    }
    let waived: BTreeSet<_> = NOT_EMITTED.iter().map(|(p, _)| p.to_string()).collect();
    let missing: Vec<_> = expected
        .difference(&found)
        .filter(|p| !waived.contains(*p))
        .collect();
    assert!(
        missing.is_empty(),
        "fields of FC's answers the emulator never filled (fill them in fc3-local, or list them \
         in NOT_EMITTED with the reason): {missing:?}"
    );
}

#[test]
fn a_missing_field_is_named() {
    let mut expected = BTreeSet::new();
    all_paths("AsyncTaskEvent", &mut expected);
    let mut found = BTreeSet::new();
    present(
        "AsyncTaskEvent",
        &serde_json::json!({"eventId": 1, "status": "Enqueued", "timestamp": 5, "eventDetail": null}),
        &mut found,
    );
    let missing: Vec<_> = expected.difference(&found).collect();
    assert_eq!(missing, ["AsyncTaskEvent.eventDetail"]);
}
