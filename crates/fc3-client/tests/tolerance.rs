//! Answers as a newer FC might write them (`tests/fixtures/newer-fc.json`: a task status the
//! spec does not list, new fields, nulls) are read, not refused; requests stay strict.

mod common;

use common::{Answer, Server};
use fc3_client::{AsyncTaskStatus, Error};
use serde_json::Value;

fn fixture(action: &str) -> Value {
    let all: Value =
        serde_json::from_str(include_str!("../../../tests/fixtures/newer-fc.json")).unwrap();
    all[action].clone()
}

async fn newer_fc() -> Server {
    Server::start(|seen, _| {
        let action = seen.header("x-acs-action").unwrap_or_default().to_string();
        Answer::new(200).json(fixture(&action))
    })
    .await
}

#[tokio::test]
async fn an_unknown_task_status_is_kept_as_sent() {
    let server = newer_fc().await;
    let task = server
        .client()
        .get_async_task("thumbnailer", "video-42")
        .send()
        .await
        .expect("an answer with an unknown status, new fields and nulls is read");
    let status = task.status.clone().unwrap();
    assert!(!status.is_known());
    assert!(!status.is_terminal());
    assert_eq!(status.as_str(), "Processed");
    assert_eq!(status.to_string(), "Processed");
    assert_eq!(status, AsyncTaskStatus::from_wire("Processed"));
    assert_eq!(task.events.len(), 2);
    assert_eq!(task.events[0].status, Some(AsyncTaskStatus::Enqueued));
    assert_eq!(
        task.events[1].status.as_ref().unwrap().as_str(),
        "Processed"
    );
    assert_eq!(task.events[1].event_detail, None, "null reads as absent");
    assert_eq!(task.already_retried_times, None);
    // Written back, the unknown value is what FC sent.
    let json = serde_json::to_value(&*task).unwrap();
    assert_eq!(json["status"], "Processed");
    assert_eq!(json["events"][1]["status"], "Processed");
}

#[tokio::test]
async fn lists_and_configs_with_nulls_and_new_fields_are_read() {
    let server = newer_fc().await;
    let client = server.client();
    let page = client.list_async_tasks("thumbnailer").send().await.unwrap();
    assert_eq!(page.tasks.len(), 2);
    assert_eq!(page.tasks[0].status.as_ref().unwrap().as_str(), "Processed");
    assert!(
        page.tasks[0].events.is_empty(),
        "a null list reads as empty"
    );
    assert_eq!(page.next_token, None);
    let config = client
        .get_async_invoke_config("thumbnailer")
        .send()
        .await
        .unwrap();
    assert_eq!(config.max_async_retry_attempts, Some(2));
    assert_eq!(config.destination_config, None);
    assert_eq!(config.max_async_event_age_in_seconds, None);
    let configs = client.list_async_invoke_configs().send().await.unwrap();
    assert!(configs.configs.is_empty());
}

#[tokio::test]
async fn an_unknown_value_is_never_sent() {
    // A value read from an answer cannot go back out: requests stay strict.
    let server = newer_fc().await;
    let unknown = AsyncTaskStatus::from_wire("Processed");
    let err = server
        .client()
        .list_async_tasks("thumbnailer")
        .status(unknown)
        .send()
        .await
        .unwrap_err();
    match &err {
        Error::Validation { field, rule } => {
            assert_eq!(field, "status");
            assert!(
                rule.starts_with("must be one of Enqueued, Dequeued"),
                "{rule}"
            );
            assert!(rule.ends_with("got \"Processed\""), "{rule}");
        }
        other => panic!("expected a validation error, got {other}"),
    }
    assert!(server.seen().is_empty(), "nothing may be sent");
    // Parsing a value for a request is strict too.
    assert!("Processed".parse::<AsyncTaskStatus>().is_err());
    assert_eq!(
        "Running".parse::<AsyncTaskStatus>().unwrap(),
        AsyncTaskStatus::Running
    );
}
