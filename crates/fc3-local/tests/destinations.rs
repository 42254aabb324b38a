//! Destinations fc3-local does not run (MNS queues and topics, EventBridge buses, RocketMQ
//! topics): PutAsyncInvokeConfig accepts them as FC does, and each record delivered to one is
//! kept where a test or a person reads it: `GET /_fc3/destinations[/{arn}]`, the data dir's
//! store (it survives a restart) and a JSON-lines log per destination, all bounded.

mod common;

use std::sync::Arc;
use std::time::Duration;

use common::{Emulator, encode};
use fc3_local::{Config, ManualClock, Options};
use fc3_models::DestinationRecord;
use serde_json::{Value, json};

const MNS_QUEUE: &str = "acs:mns:cn-hangzhou:1234567890123456:/queues/thumbnails/messages";
const MNS_TOPIC: &str = "acs:mns:cn-hangzhou:1234567890123456:/topics/alerts/messages";
const EVENTBRIDGE: &str = "acs:eventbridge:cn-hangzhou:1234567890123456:eventbus/default";
const ROCKETMQ: &str = "acs:mq:cn-hangzhou:1234567890123456:/instances/MQ_INST_1/topic/orders";

/// `GET` on the emulator's own API (unsigned, as `/health`).
async fn local_api(emu: &Emulator, path: &str) -> (u16, Value) {
    let response = reqwest::get(format!("{}{path}", emu.endpoint()))
        .await
        .expect("an answer");
    let status = response.status().as_u16();
    let body = response.bytes().await.unwrap();
    let value = serde_json::from_slice(&body)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&body)));
    (status, value)
}

async fn records_of(emu: &Emulator, destination: &str) -> Value {
    let (status, page) = local_api(emu, &format!("/_fc3/destinations/{destination}")).await;
    assert_eq!(status, 200, "{page}");
    page
}

async fn configure(emu: &Emulator, function: &str, on_success: &str, on_failure: &str) {
    let reply = emu
        .client
        .put_config(
            function,
            json!({
                "asyncTask": true,
                "maxAsyncRetryAttempts": 0,
                "destinationConfig": {
                    "onSuccess": {"destination": on_success},
                    "onFailure": {"destination": on_failure},
                },
            }),
        )
        .await;
    assert_eq!(reply.status, 200, "{}", reply.text());
}

async fn run_to(
    emu: &Emulator,
    function: &str,
    task_id: &str,
    payload: &str,
    status: &str,
) -> Value {
    let reply = emu
        .client
        .invoke_async(function, payload.as_bytes(), Some(task_id))
        .await;
    assert_eq!(reply.status, 202, "{}", reply.text());
    emu.client.wait_status(function, task_id, status).await
}

/// Waits (real time) until the destination holds `count` records.
async fn wait_records(emu: &Emulator, destination: &str, count: usize) -> Value {
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    loop {
        let (status, page) = local_api(emu, &format!("/_fc3/destinations/{destination}")).await;
        if status == 200 && page["records"].as_array().unwrap().len() == count {
            return page;
        }
        assert!(std::time::Instant::now() < deadline, "{status}: {page}");
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
}

#[tokio::test]
async fn records_to_mns_and_eventbridge_are_kept_and_listed() {
    let emu = Emulator::start("").await;
    configure(&emu, "echo", MNS_QUEUE, EVENTBRIDGE).await;
    configure(&emu, "fail", MNS_QUEUE, EVENTBRIDGE).await;
    let task = run_to(&emu, "echo", "ok-1", r#"{"image":"cat.png"}"#, "Succeeded").await;
    assert_eq!(task["destinationStatus"], "Succeeded", "{task:#}");
    let failed = run_to(&emu, "fail", "bad-1", "{}", "Failed").await;
    assert_eq!(failed["destinationStatus"], "Succeeded", "{failed:#}");

    let (status, listing) = local_api(&emu, "/_fc3/destinations").await;
    assert_eq!(status, 200);
    let listed: Vec<(&str, &str, u64)> = listing["destinations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["destination"].as_str().unwrap(),
                d["kind"].as_str().unwrap(),
                d["records"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        listed,
        [(EVENTBRIDGE, "eventbridge", 1), (MNS_QUEUE, "mns-queue", 1)]
    );
    assert_eq!(listing["keepRecords"], 1000);

    let queue = records_of(&emu, MNS_QUEUE).await;
    assert_eq!(queue["kind"], "mns-queue");
    assert_eq!(queue["dropped"], 0);
    let kept = &queue["records"][0];
    assert_eq!(kept["source"]["functionName"], "echo");
    assert_eq!(kept["source"]["asyncTaskId"], "ok-1");
    assert_eq!(kept["source"]["requestId"], task["requestId"]);
    let record: DestinationRecord = serde_json::from_value(kept["record"].clone()).unwrap();
    assert_eq!(record.request_payload, r#"{"image":"cat.png"}"#);
    assert_eq!(record.response_payload, r#"{"image":"cat.png"}"#);
    assert_eq!(record.request_context.condition, "");
    assert_eq!(record.response_context.status_code, 200);

    let bus = records_of(&emu, EVENTBRIDGE).await;
    let record: DestinationRecord =
        serde_json::from_value(bus["records"][0]["record"].clone()).unwrap();
    assert_eq!(record.request_context.condition, "UnhandledInvocationError");
    assert_eq!(
        record.response_context.function_error,
        "UnhandledInvocationError"
    );
    assert!(
        bus["records"][0]["sequence"].as_u64() > kept["sequence"].as_u64(),
        "sequences follow the order of delivery"
    );
    emu.stop().await;
}

#[tokio::test]
async fn every_kind_fc_supports_is_recognised() {
    let emu = Emulator::start("").await;
    for (n, destination) in [MNS_TOPIC, ROCKETMQ].into_iter().enumerate() {
        configure(&emu, "echo", destination, EVENTBRIDGE).await;
        run_to(&emu, "echo", &format!("kind-{n}"), "{}", "Succeeded").await;
    }
    // Percent-encoded ARNs name the same destination.
    assert_eq!(
        records_of(&emu, &encode(MNS_TOPIC)).await["kind"],
        "mns-topic"
    );
    assert_eq!(records_of(&emu, ROCKETMQ).await["kind"], "rocketmq");
    emu.stop().await;
}

#[tokio::test]
async fn a_function_this_emulator_lacks_gets_nothing_and_its_task_says_so() {
    let emu = Emulator::start("").await;
    let missing = "acs:fc:cn-hangzhou:1234567890123456:functions/not-here";
    configure(&emu, "echo", missing, missing).await;
    // The status is set in the same change that ends the task.
    let task = run_to(&emu, "echo", "lost", "{}", "Succeeded").await;
    assert_eq!(task["destinationStatus"], "Failed", "{task:#}");
    let (status, listing) = local_api(&emu, "/_fc3/destinations").await;
    assert_eq!(status, 200);
    assert_eq!(listing["destinations"], json!([]));
    let (status, error) = local_api(&emu, &format!("/_fc3/destinations/{missing}")).await;
    assert_eq!(
        (status, error["Code"].as_str()),
        (404, Some("DestinationNotFound"))
    );
    emu.stop().await;
}

#[tokio::test]
async fn each_destination_keeps_its_latest_records_and_pages_them() {
    let emu = Emulator::start("[destinations]\nkeep_records = 3\n").await;
    configure(&emu, "echo", MNS_QUEUE, EVENTBRIDGE).await;
    for n in 1..=5 {
        run_to(
            &emu,
            "echo",
            &format!("n-{n}"),
            &format!("{n}"),
            "Succeeded",
        )
        .await;
    }
    let page = wait_records(&emu, MNS_QUEUE, 3).await;
    assert_eq!(page["dropped"], 2);
    let payloads = |page: &Value| -> Vec<String> {
        page["records"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["record"]["requestPayload"].as_str().unwrap().to_owned())
            .collect()
    };
    assert_eq!(payloads(&page), ["3", "4", "5"], "the oldest went first");

    let first = records_of(&emu, &format!("{MNS_QUEUE}?limit=2")).await;
    assert_eq!(payloads(&first), ["3", "4"]);
    let after = first["nextAfter"].as_u64().expect("a next page");
    let rest = records_of(&emu, &format!("{MNS_QUEUE}?limit=2&after={after}")).await;
    assert_eq!(payloads(&rest), ["5"]);
    assert!(rest["nextAfter"].is_null());

    for (bad, field) in [
        ("limit=0", "limit"),
        ("limit=1001", "limit"),
        ("limit=%2B5", "limit"),
        ("limit=1&limit=2", "limit"),
        ("after=-1", "after"),
        ("colour=blue", "colour"),
    ] {
        let (status, error) =
            local_api(&emu, &format!("/_fc3/destinations/{MNS_QUEUE}?{bad}")).await;
        assert_eq!(
            (status, error["Code"].as_str()),
            (400, Some("InvalidArgument")),
            "{bad}"
        );
        let message = error["Message"].as_str().unwrap_or_default();
        assert!(message.starts_with(field), "{bad}: {message}");
    }
    let (status, error) = local_api(&emu, "/_fc3/destinations?limit=1").await;
    assert_eq!(
        (status, error["Code"].as_str()),
        (400, Some("InvalidArgument"))
    );
    emu.stop().await;
}

#[tokio::test]
async fn with_a_data_dir_records_survive_a_restart_and_are_logged_as_json_lines() {
    let dir = tempfile::tempdir().unwrap();
    let clock = ManualClock::starting_now();
    let start = || async {
        let config = Config::from_toml("[destinations]\nkeep_records = 2\n").unwrap();
        let options = Options::new(config)
            .with_data_dir(dir.path())
            .with_clock(Arc::new(clock.clone()));
        Emulator::start_with(options, clock.clone()).await
    };
    let emu = start().await;
    configure(&emu, "echo", MNS_QUEUE, EVENTBRIDGE).await;
    for n in 1..=3 {
        run_to(
            &emu,
            "echo",
            &format!("n-{n}"),
            &format!("{n}"),
            "Succeeded",
        )
        .await;
    }
    let before = wait_records(&emu, MNS_QUEUE, 2).await;
    emu.server.state().sync_store().await.unwrap();
    emu.stop().await;

    // The log: one line per record delivered, each the JSON the API serves.
    let logs: Vec<_> = std::fs::read_dir(dir.path().join("destinations"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(logs.len(), 1, "{logs:?}");
    let name = logs[0].file_name().unwrap().to_string_lossy().into_owned();
    assert!(name.starts_with("acs_mns_cn-hangzhou_"), "{name}");
    let text = std::fs::read_to_string(&logs[0]).unwrap();
    let lines: Vec<Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(
        lines.len(),
        3,
        "every delivery is logged, even those dropped from memory"
    );
    assert_eq!(lines[2], before["records"][1]);
    for line in &lines {
        assert_eq!(line["destination"], MNS_QUEUE);
        let _: DestinationRecord = serde_json::from_value(line["record"].clone()).unwrap();
    }

    let emu = start().await;
    let after = records_of(&emu, MNS_QUEUE).await;
    assert_eq!(
        after["records"], before["records"],
        "the same records after a restart"
    );
    emu.stop().await;
}
