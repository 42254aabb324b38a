//! The inspector (`/_fc3/`) and its JSON API (`/_fc3/api/...`): every endpoint through the
//! router itself (signed, as `app()` alone requires) after a success with a destination
//! delivery and a retried failure driven by a manual clock; who may read it (loopback and its
//! host names, signed requests elsewhere) over real sockets; bounded previews; no secret in
//! any answer; the same answers with a data dir and after a restart; the binary's start line.

mod common;

use std::io::{BufRead, BufReader};
use std::process::Stdio;
use std::sync::Arc;
use std::time::{Duration, Instant, UNIX_EPOCH};

use common::{Client, Emulator, fn_path};
use fc3_local::{AppState, Config, ManualClock, Options, PREVIEW_BYTES, Server, SystemClock};
use fc3_models::AsyncTaskStatus;
use serde_json::{Value, json};

const SINK_ARN: &str = "acs:fc:cn-hangzhou:1234567890123456:functions/sink";
/// Retries after exactly 100 ms, so the manual clock drives them.
const CONFIG: &str = "[async]\nretry_base_delay_ms = 100\nretry_max_delay_ms = 100\n";

/// Reads the inspector through the router itself, signed.
struct Inspector {
    state: AppState,
    client: Client,
}

impl Inspector {
    fn of(state: &AppState, clock: &ManualClock) -> Self {
        Self {
            state: state.clone(),
            client: Client::new("http://fc3-local.test", Arc::new(clock.clone())),
        }
    }

    /// `GET path?query` (query values plain), which must answer 200 with JSON.
    async fn get(&self, path_and_query: &str) -> Value {
        let reply = self.call(path_and_query).await;
        assert_eq!(reply.status, 200, "{path_and_query}: {}", reply.text());
        assert_eq!(reply.header("cache-control"), Some("no-store"));
        reply.json()
    }

    async fn call(&self, path_and_query: &str) -> common::Reply {
        let (path, query) = path_and_query
            .split_once('?')
            .unwrap_or((path_and_query, ""));
        let mut call = self.client.call("GET", path);
        for pair in query.split('&').filter(|p| !p.is_empty()) {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            call = call.query(k, v);
        }
        call.oneshot(fc3_local::app(self.state.clone())).await
    }

    /// The task `function/task_id` once `done` holds of it (the engine runs on its own).
    async fn task_when(
        &self,
        function: &str,
        task_id: &str,
        done: impl Fn(&Value) -> bool,
    ) -> Value {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let tasks = self.get("/_fc3/api/tasks?limit=500").await;
            let task = tasks["tasks"]
                .as_array()
                .unwrap()
                .iter()
                .find(|t| t["function"] == function && t["taskId"] == task_id)
                .cloned();
            if let Some(task) = task.filter(|t| done(t)) {
                return task;
            }
            assert!(
                Instant::now() < deadline,
                "{function}/{task_id} never got there: {tasks:#}"
            );
            tokio::time::sleep(Duration::from_millis(2)).await;
        }
    }

    async fn task_in(&self, function: &str, task_id: &str, status: AsyncTaskStatus) -> Value {
        self.task_when(function, task_id, |t| t["status"] == status.as_str())
            .await
    }
}

fn statuses(task: &Value) -> Vec<String> {
    task["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["status"].as_str().unwrap().to_owned())
        .collect()
}

fn names(list: &[AsyncTaskStatus]) -> Vec<String> {
    list.iter().map(|s| s.as_str().to_owned()).collect()
}

/// What the scenario does: echo succeeds and its record goes to sink (onSuccess); fail is
/// retried once and fails. Both are accepted before either runs, so every run numbers its
/// events alike.
async fn start_scenario(emulator: &Emulator) {
    let c = &emulator.client;
    emulator.server.state().set_async_paused(true);
    let reply = c
        .put_config(
            "echo",
            json!({"asyncTask": true, "destinationConfig": {"onSuccess": {"destination": SINK_ARN}}}),
        )
        .await;
    assert_eq!(reply.status, 200, "{}", reply.text());
    let reply = c
        .put_config(
            "fail",
            json!({"asyncTask": true, "maxAsyncRetryAttempts": 1}),
        )
        .await;
    assert_eq!(reply.status, 200, "{}", reply.text());
    let reply = c.invoke_async("echo", br#"{"order":1}"#, Some("s1")).await;
    assert_eq!(reply.status, 202, "{}", reply.text());
    let reply = c.invoke_async("fail", br#"{"order":2}"#, Some("f1")).await;
    assert_eq!(reply.status, 202, "{}", reply.text());
    emulator.server.state().set_async_paused(false);
}

/// Runs the scenario to its end, checking what the inspector shows on the way.
async fn run_scenario(emulator: &Emulator, inspector: &Inspector) {
    start_scenario(emulator).await;
    let retrying = inspector
        .task_in("fail", "f1", AsyncTaskStatus::Retrying)
        .await;
    inspector
        .task_in("echo", "s1", AsyncTaskStatus::Succeeded)
        .await;
    // The record delivered to sink has run too.
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let answer = inspector.get("/_fc3/api/destinations").await;
        if answer["records"][0]["target"]["status"] == AsyncTaskStatus::Succeeded.as_str() {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "sink never ran the record: {answer:#}"
        );
        tokio::time::sleep(Duration::from_millis(2)).await;
    }

    // While the failure waits for its retry: the queue holds it, due when its step says.
    let queue = inspector.get("/_fc3/api/queue").await;
    assert_eq!(queue["depth"], 1, "{queue:#}");
    assert_eq!(queue["triesInFlight"], 0, "{queue:#}");
    let fail = queue["functions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["function"] == "fail")
        .unwrap();
    assert_eq!(
        (&fail["depth"], &fail["retrying"], &fail["queued"]),
        (&json!(1), &json!(1), &json!(0)),
        "{queue:#}"
    );
    assert_eq!(
        statuses(&retrying),
        names(&[
            AsyncTaskStatus::Enqueued,
            AsyncTaskStatus::Running,
            AsyncTaskStatus::Retrying
        ])
    );
    let step = &retrying["timeline"][2];
    assert_eq!((&step["try"], &step["nextTry"]), (&json!(1), &json!(2)));
    assert_eq!(step["tone"], "warn");
    assert_eq!(step["nextTryTime"], retrying["nextTryTime"]);
    assert_eq!(queue["nextRetryTime"], retrying["nextTryTime"]);
    assert_eq!(
        retrying["nextTryTime"].as_i64().unwrap(),
        step["time"].as_i64().unwrap() + 100,
        "the retry is due 100 ms after the try failed"
    );
    assert_eq!(retrying["final"], false);

    emulator.clock.advance(Duration::from_millis(100));
    inspector
        .task_in("fail", "f1", AsyncTaskStatus::Failed)
        .await;
}

/// An emulator in memory that has run the scenario, and its inspector.
async fn after_the_scenario() -> (Emulator, Inspector) {
    let emulator = Emulator::start(CONFIG).await;
    let inspector = Inspector::of(emulator.server.state(), &emulator.clock);
    run_scenario(&emulator, &inspector).await;
    (emulator, inspector)
}

/// Every answer of the API after the scenario, without the times of the answers themselves.
async fn answers(inspector: &Inspector) -> Vec<Value> {
    let mut all = Vec::new();
    for path in [
        "/_fc3/api",
        "/_fc3/api/functions",
        "/_fc3/api/queue",
        "/_fc3/api/tasks",
        "/_fc3/api/destinations",
    ] {
        let mut answer = inspector.get(path).await;
        answer.as_object_mut().unwrap().remove("now");
        all.push(answer);
    }
    all
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_endpoint_shows_a_success_its_destination_record_and_a_retried_failure() {
    let (emulator, inspector) = after_the_scenario().await;

    // The index: every status of the spec, which are final, how the page shows them.
    let index = inspector.get("/_fc3/api").await;
    let listed: Vec<&str> = index["statuses"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["value"].as_str().unwrap())
        .collect();
    assert_eq!(listed, names(&AsyncTaskStatus::KNOWN));
    let terminal: Vec<AsyncTaskStatus> = AsyncTaskStatus::KNOWN
        .into_iter()
        .filter(AsyncTaskStatus::is_terminal)
        .collect();
    assert_eq!(index["finalStatuses"], json!(names(&terminal)));
    assert_eq!(index["page"], fc3_local::INSPECTOR_PATH);
    assert_eq!(index["previewBytes"], PREVIEW_BYTES);
    assert_eq!(
        (&index["region"], &index["durable"]),
        (&json!("cn-hangzhou"), &json!(false))
    );

    // The failure: two tries, the retry between them, the error and both previews.
    let failed = inspector
        .task_in("fail", "f1", AsyncTaskStatus::Failed)
        .await;
    assert_eq!(
        statuses(&failed),
        names(&[
            AsyncTaskStatus::Enqueued,
            AsyncTaskStatus::Running,
            AsyncTaskStatus::Retrying,
            AsyncTaskStatus::Running,
            AsyncTaskStatus::Failed
        ])
    );
    let steps = failed["timeline"].as_array().unwrap();
    let tries: Vec<&Value> = steps.iter().map(|s| &s["try"]).collect();
    assert_eq!(
        tries,
        [&Value::Null, &json!(1), &json!(1), &json!(2), &json!(2)]
    );
    assert_eq!(
        steps[2]["nextTryTime"], steps[3]["time"],
        "the retry ran when it was due"
    );
    assert!(failed["nextTryTime"].is_null());
    assert_eq!(
        (&failed["final"], &failed["tone"], &failed["tries"]),
        (&json!(true), &json!("bad"), &json!(2))
    );
    let error = failed["error"].as_str().unwrap();
    assert!(error.starts_with("UnhandledInvocationError"), "{error}");
    assert_eq!(
        failed["payload"],
        json!({"text": "{\"order\":2}", "bytes": 11, "truncated": false})
    );
    assert!(
        failed["result"]["text"]
            .as_str()
            .unwrap()
            .contains("errorMessage"),
        "{failed:#}"
    );
    assert_eq!(failed["qualifier"], "LATEST");
    assert!(failed["requestId"].as_str().unwrap().starts_with("1-"));

    // The success, and the record it delivered to sink.
    let success = inspector
        .task_in("echo", "s1", AsyncTaskStatus::Succeeded)
        .await;
    assert_eq!(success["destinationStatus"], "Succeeded");
    assert_eq!(success["result"]["text"], "{\"order\":1}");
    assert_eq!(success["deliveredRecord"], false);
    let destinations = inspector.get("/_fc3/api/destinations").await;
    let records = destinations["records"].as_array().unwrap();
    assert_eq!(records.len(), 1, "{destinations:#}");
    let record = &records[0];
    assert_eq!(
        (
            &record["kind"],
            &record["arn"],
            &record["destination"],
            &record["truncated"]
        ),
        (
            &json!("fc"),
            &json!(SINK_ARN),
            &json!("onSuccess"),
            &json!(false)
        )
    );
    assert_eq!(record["record"]["requestPayload"], "{\"order\":1}");
    assert_eq!(record["record"]["responsePayload"], "{\"order\":1}");
    assert_eq!(
        record["record"]["requestContext"]["requestId"],
        success["requestId"]
    );
    assert_eq!(record["source"]["function"], "echo");
    assert_eq!(record["source"]["taskId"], "s1");
    assert_eq!(record["source"]["destinationStatus"], "Succeeded");
    assert_eq!(record["target"]["function"], "sink");
    assert_eq!(record["target"]["status"], "Succeeded");
    let sink_task = record["target"]["taskId"].as_str().unwrap();
    let delivered = inspector
        .task_in("sink", sink_task, AsyncTaskStatus::Succeeded)
        .await;
    assert_eq!(delivered["deliveredRecord"], true);
    let carried: Value =
        serde_json::from_str(delivered["payload"]["text"].as_str().unwrap()).unwrap();
    assert_eq!(carried, record["record"], "the sink's event is the record");

    // Functions: kind, defaults and each qualifier's configuration as it was put.
    let functions = inspector.get("/_fc3/api/functions").await;
    let function = |name: &str| {
        functions["functions"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["name"] == name)
            .unwrap()
            .clone()
    };
    let echo = function("echo");
    assert_eq!(echo["kind"], "echo");
    assert_eq!(echo["configs"][0]["qualifier"], "LATEST");
    assert_eq!(
        echo["configs"][0]["config"]["destinationConfig"]["onSuccess"]["destination"],
        SINK_ARN
    );
    assert_eq!(
        function("fail")["configs"][0]["config"]["maxAsyncRetryAttempts"],
        1
    );
    let sink = function("sink");
    assert_eq!(sink["configs"], json!([]));
    assert_eq!(sink["defaults"]["asyncTask"], true, "sink tracks its tasks");
    assert_eq!(function("sleep")["defaults"]["maxAsyncRetryAttempts"], 3);

    // Everything is over: the queue is empty.
    let queue = inspector.get("/_fc3/api/queue").await;
    assert_eq!(
        (&queue["depth"], &queue["nextRetryTime"]),
        (&json!(0), &Value::Null)
    );
    assert_eq!(
        queue["functions"].as_array().unwrap().len(),
        5,
        "every function has a row"
    );
    emulator.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn queries_are_checked_and_filters_apply() {
    let (emulator, inspector) = after_the_scenario().await;

    let only_fail = inspector.get("/_fc3/api/tasks?function=fail").await;
    assert_eq!(only_fail["total"], 1);
    assert_eq!(only_fail["tasks"][0]["taskId"], "f1");
    let succeeded = inspector.get("/_fc3/api/tasks?status=Succeeded").await;
    assert_eq!(succeeded["total"], 2, "echo's and sink's");
    let newest = inspector.get("/_fc3/api/tasks?limit=1").await;
    assert_eq!((&newest["total"], &newest["limit"]), (&json!(3), &json!(1)));
    assert_eq!(newest["tasks"].as_array().unwrap().len(), 1);
    let all = inspector.get("/_fc3/api/tasks").await;
    assert_eq!(newest["tasks"][0], all["tasks"][0], "the newest first");
    let started: Vec<i64> = all["tasks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["startedTime"].as_i64().unwrap())
        .collect();
    assert!(started.is_sorted_by(|a, b| a >= b), "{started:?}");

    for (query, field) in [
        ("/_fc3/api/tasks?limit=0", "limit"),
        ("/_fc3/api/tasks?limit=501", "limit"),
        ("/_fc3/api/tasks?limit=%2B5", "limit"),
        ("/_fc3/api/tasks?status=Nope", "status"),
        ("/_fc3/api/tasks?limit=1&limit=2", "limit"),
        ("/_fc3/api/tasks?colour=red", "colour"),
        ("/_fc3/api/queue?limit=1", "limit"),
        ("/_fc3/api/destinations?limit=x", "limit"),
    ] {
        let message = inspector
            .call(query)
            .await
            .expect_error(400, "InvalidArgument");
        assert!(message.starts_with(field), "{query}: {message}");
    }
    emulator.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn records_for_destinations_fc3_local_does_not_run_are_listed_with_their_service() {
    const MNS_QUEUE: &str = "acs:mns:cn-hangzhou:1234567890123456:/queues/failures/messages";
    let emulator = Emulator::start(CONFIG).await;
    let inspector = Inspector::of(emulator.server.state(), &emulator.clock);
    let c = &emulator.client;
    let config = json!({"asyncTask": true, "maxAsyncRetryAttempts": 0,
        "destinationConfig": {"onFailure": {"destination": MNS_QUEUE}}});
    assert_eq!(c.put_config("fail", config).await.status, 200);
    assert_eq!(
        c.invoke_async("fail", br#"{"order":3}"#, Some("m1"))
            .await
            .status,
        202
    );
    inspector
        .task_in("fail", "m1", AsyncTaskStatus::Failed)
        .await;
    let deadline = Instant::now() + Duration::from_secs(10);
    let destinations = loop {
        let answer = inspector.get("/_fc3/api/destinations").await;
        if !answer["records"].as_array().unwrap().is_empty() {
            break answer;
        }
        assert!(Instant::now() < deadline, "no record listed: {answer:#}");
        tokio::time::sleep(Duration::from_millis(2)).await;
    };
    let records = destinations["records"].as_array().unwrap();
    assert_eq!(records.len(), 1, "{destinations:#}");
    let record = &records[0];
    assert_eq!(
        (&record["kind"], &record["arn"], &record["destination"]),
        (&json!("mns"), &json!(MNS_QUEUE), &json!("onFailure")),
        "{record:#}"
    );
    assert_eq!(record["record"]["requestPayload"], r#"{"order":3}"#);
    assert_eq!(record["source"]["taskId"], "m1", "{record:#}");
    assert_eq!(record["target"], Value::Null, "no local event carries it");
    emulator.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn payloads_and_answers_are_previews() {
    let emulator = Emulator::start(CONFIG).await;
    let inspector = Inspector::of(emulator.server.state(), &emulator.clock);
    let c = &emulator.client;
    let reply = c
        .put_config(
            "echo",
            json!({"asyncTask": true, "destinationConfig": {"onSuccess": {"destination": SINK_ARN}}}),
        )
        .await;
    assert_eq!(reply.status, 200);
    let big = "ü".repeat(50 * 1024); // 100 KiB, two bytes a character
    assert_eq!(
        c.invoke_async("echo", big.as_bytes(), Some("big"))
            .await
            .status,
        202
    );
    let task = inspector
        .task_in("echo", "big", AsyncTaskStatus::Succeeded)
        .await;
    for preview in [&task["payload"], &task["result"]] {
        let text = preview["text"].as_str().unwrap();
        assert_eq!(preview["bytes"], big.len(), "{preview:#}");
        assert_eq!(preview["truncated"], true);
        assert!(text.len() <= PREVIEW_BYTES && text.len() > PREVIEW_BYTES - 2);
        assert!(big.starts_with(text), "cut between characters");
    }
    let destinations = loop {
        let answer = inspector.get("/_fc3/api/destinations").await;
        if !answer["records"].as_array().unwrap().is_empty() {
            break answer;
        }
        tokio::time::sleep(Duration::from_millis(2)).await;
    };
    let record = &destinations["records"][0];
    assert_eq!(record["truncated"], true);
    for field in ["requestPayload", "responsePayload"] {
        let text = record["record"][field].as_str().unwrap();
        assert!(
            text.len() <= PREVIEW_BYTES && big.starts_with(text),
            "{field}"
        );
    }
    let tasks = inspector.call("/_fc3/api/tasks").await;
    assert!(
        tasks.body.len() < 12 * PREVIEW_BYTES,
        "the answer stays small: {} bytes",
        tasks.body.len()
    );
    emulator.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_secret_appears_in_any_answer() {
    const SECRET: &str = "inspector-test-secret-7f3a";
    const STS_SECRET: &str = "inspector-sts-secret-91bc";
    const TOKEN: &str = "inspector-sts-token-55de";
    const ENV_VALUE: &str = "inspector-env-value-c0ff";
    let config = format!(
        r#"
[[access_keys]]
id = "inspector-key-id"
secret = "{SECRET}"

[[access_keys]]
id = "STS.inspector"
secret = "{STS_SECRET}"
security_token = "{TOKEN}"

[functions.tell]
kind = "command"
command = "cat"
env = {{ API_TOKEN = "{ENV_VALUE}" }}
"#
    );
    let clock = ManualClock::starting_now();
    let options =
        Options::new(Config::from_toml(&config).unwrap()).with_clock(Arc::new(clock.clone()));
    let emulator = Emulator::start_with(options, clock.clone()).await;
    let own = emulator.client.clone().with_key("inspector-key-id", SECRET);
    let reply = own.put_config("tell", json!({"asyncTask": true})).await;
    assert_eq!(reply.status, 200, "{}", reply.text());
    assert_eq!(
        own.invoke_async("tell", b"payloads are shown", Some("t1"))
            .await
            .status,
        202
    );
    let mut sts = emulator
        .client
        .clone()
        .with_key("STS.inspector", STS_SECRET);
    sts.token = Some(TOKEN.to_owned());
    assert_eq!(
        sts.invoke_async("tell", b"{}", Some("t2")).await.status,
        202
    );

    let mut inspector = Inspector::of(emulator.server.state(), &clock);
    inspector.client = inspector.client.with_key("inspector-key-id", SECRET);
    inspector
        .task_in("tell", "t1", AsyncTaskStatus::Succeeded)
        .await;
    let signature = inspector
        .client
        .call("GET", "/_fc3/api/tasks")
        .signed_headers()
        .1
        .into_iter()
        .find(|(name, _)| name == "authorization")
        .unwrap()
        .1;
    let mut shown = String::new();
    for answer in answers(&inspector).await {
        shown.push_str(&answer.to_string());
    }
    assert!(shown.contains("payloads are shown"), "payloads are shown");
    for secret in [
        SECRET,
        STS_SECRET,
        TOKEN,
        ENV_VALUE,
        "inspector-key-id",
        "STS.inspector",
        &signature,
        "Signature=",
    ] {
        assert!(!shown.contains(secret), "{secret} appears: {shown}");
    }
    emulator.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_router_alone_answers_signed_requests_only() {
    let emulator = Emulator::start(CONFIG).await;
    let state = emulator.server.state().clone();
    for path in [
        "/_fc3/",
        "/_fc3/api",
        "/_fc3/api/functions",
        "/_fc3/api/queue",
        "/_fc3/api/tasks",
        "/_fc3/api/destinations",
    ] {
        let reply = common::send_raw(
            fc3_local::app(state.clone()),
            format!("GET {path} HTTP/1.1\r\nHost: 127.0.0.1:9000\r\n\r\n").as_bytes(),
        )
        .await;
        reply.expect_error(403, "AccessDenied");
        let signed = Inspector::of(&state, &emulator.clock).call(path).await;
        assert_eq!(signed.status, 200, "{path}: {}", signed.text());
    }
    emulator.stop().await;
}

/// An unsigned GET over a socket, with this `Host`.
async fn unsigned(endpoint: &str, path: &str, host: Option<&str>) -> reqwest::Response {
    let http = reqwest::Client::builder()
        .no_proxy()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let mut request = http.get(format!("{endpoint}{path}"));
    if let Some(host) = host {
        request = request.header("host", host);
    }
    request.send().await.unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn on_loopback_the_page_is_open_to_loopback_names_only() {
    let server = Server::start(Options::default(), "127.0.0.1:0".parse().unwrap())
        .await
        .unwrap();
    let endpoint = server.endpoint();
    assert_eq!(server.inspector_url(), format!("{endpoint}/_fc3/"));
    assert!(server.inspector_is_open());
    assert!(server.inspector_notice().contains(&server.inspector_url()));

    let page = unsigned(&endpoint, "/_fc3/", None).await;
    assert_eq!(page.status(), 200);
    let headers = page.headers().clone();
    assert_eq!(headers["content-type"], "text/html; charset=utf-8");
    let policy = headers["content-security-policy"].to_str().unwrap();
    assert!(
        policy.contains("default-src 'none'") && policy.contains("connect-src 'self'"),
        "{policy}"
    );
    let html = page.text().await.unwrap();
    assert!(html.contains("<title>fc3-local inspector</title>"));
    assert!(
        !html.contains("http://") && !html.contains("https://"),
        "nothing is loaded from elsewhere"
    );
    for status in AsyncTaskStatus::KNOWN {
        assert!(
            !html.contains(&format!("\"{status}\"")),
            "the page reads status names from the API, it does not spell {status}"
        );
    }

    let tasks = unsigned(&endpoint, "/_fc3/api/tasks", None).await;
    assert_eq!(tasks.status(), 200);
    let tasks: Value = tasks.json().await.unwrap();
    assert_eq!(tasks["tasks"], json!([]));
    for host in ["localhost:9000", "[::1]:9000", "127.0.0.1"] {
        let reply = unsigned(&endpoint, "/_fc3/api/queue", Some(host)).await;
        assert_eq!(reply.status(), 200, "{host}");
    }
    // A page of another site whose name resolves to 127.0.0.1 (DNS rebinding) reads nothing.
    let rebound = unsigned(&endpoint, "/_fc3/api/tasks", Some("evil.example:9000")).await;
    assert_eq!(rebound.status(), 403);
    let error: fc3_models::Error = rebound.json().await.unwrap();
    assert_eq!(error.code.as_deref(), Some("AccessDenied"));
    assert!(error.message.unwrap().contains("evil.example"));

    let bare = unsigned(&endpoint, "/_fc3", None).await;
    assert_eq!(bare.status(), 308);
    assert_eq!(bare.headers()["location"], "/_fc3/");
    // The FC routes are as signed as ever.
    let fc = unsigned(&endpoint, &fn_path("echo", "async-tasks"), None).await;
    assert_eq!(fc.status(), 403);
    server.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn on_another_address_it_needs_a_signature() {
    // Every interface, reached here through loopback only.
    let server = Server::start(Options::default(), "0.0.0.0:0".parse().unwrap())
        .await
        .unwrap();
    assert!(!server.inspector_is_open());
    assert!(server.inspector_notice().contains("signed requests only"));
    let endpoint = format!("http://127.0.0.1:{}", server.local_addr().port());
    for path in ["/_fc3/", "/_fc3/api/tasks"] {
        let reply = unsigned(&endpoint, path, None).await;
        assert_eq!(reply.status(), 403, "{path}");
        let error: fc3_models::Error = reply.json().await.unwrap();
        assert_eq!(error.code.as_deref(), Some("AccessDenied"));
    }
    let client = Client::new(&endpoint, Arc::new(SystemClock));
    let signed = client.call("GET", "/_fc3/api/tasks").send().await;
    assert_eq!(signed.status, 200, "{}", signed.text());
    let page = client.call("GET", "/_fc3/").send().await;
    assert_eq!(page.status, 200);
    server.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_same_answers_with_a_data_dir_and_after_a_restart() {
    // One start time for every run, so that times agree.
    let start = UNIX_EPOCH + Duration::from_secs(1_767_225_600);
    let config = || Config::from_toml(CONFIG).unwrap();

    let memory_clock = ManualClock::new(start);
    let memory = Emulator::start_with(
        Options::new(config()).with_clock(Arc::new(memory_clock.clone())),
        memory_clock.clone(),
    )
    .await;
    let inspector = Inspector::of(memory.server.state(), &memory_clock);
    run_scenario(&memory, &inspector).await;
    let in_memory = answers(&inspector).await;
    memory.stop().await;

    let dir = tempfile::tempdir().unwrap();
    let durable_options = |clock: &ManualClock| {
        Options::new(config())
            .with_data_dir(dir.path())
            .with_clock(Arc::new(clock.clone()))
    };
    let clock = ManualClock::new(start);
    let durable = Emulator::start_with(durable_options(&clock), clock.clone()).await;
    let inspector = Inspector::of(durable.server.state(), &clock);
    run_scenario(&durable, &inspector).await;
    durable.server.state().sync_store().await.unwrap();
    let before = answers(&inspector).await;
    durable.stop().await;

    let again = Emulator::start_with(durable_options(&clock), clock.clone()).await;
    let after = answers(&Inspector::of(again.server.state(), &clock)).await;
    assert_eq!(
        after, before,
        "what a data dir kept reads the same after a restart"
    );
    again.stop().await;

    // In memory and with a data dir: the same answers, but for the ids fc3-local made up and
    // what says where state is kept.
    let blind = |answers: &[Value]| -> Vec<Value> {
        let mut answers = answers.to_vec();
        answers[0]["durable"] = json!(false);
        answers.iter_mut().for_each(blind_ids);
        answers
    };
    assert_eq!(blind(&before), blind(&in_memory));
}

/// Request and task ids fc3-local made up (`1-…`, `task-…`), wherever they appear in a text
/// (a record carries its source's request id), become `ID`.
fn blind_ids(value: &mut Value) {
    match value {
        Value::String(text) => {
            let mut out = String::new();
            let mut rest = text.as_str();
            while !rest.is_empty() {
                let boundary = !out.ends_with(|c: char| c.is_ascii_alphanumeric());
                match ["1-", "task-"]
                    .iter()
                    .find(|p| boundary && rest.starts_with(**p))
                {
                    Some(prefix) => {
                        let tail = &rest[prefix.len()..];
                        let end = tail
                            .find(|c: char| !c.is_ascii_alphanumeric() && c != '-')
                            .unwrap_or(tail.len());
                        out.push_str("ID");
                        rest = &tail[end..];
                    }
                    None => {
                        let c = rest.chars().next().unwrap();
                        out.push(c);
                        rest = &rest[c.len_utf8()..];
                    }
                }
            }
            *text = out;
        }
        Value::Array(items) => items.iter_mut().for_each(blind_ids),
        Value::Object(fields) => fields.values_mut().for_each(blind_ids),
        _ => {}
    }
}

#[test]
fn the_binary_prints_the_inspectors_url_on_stderr_and_one_line_on_stdout() {
    let mut child = common::process::command(&[], &[])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let mut line = String::new();
    stdout.read_line(&mut line).unwrap();
    let endpoint = line
        .trim()
        .strip_prefix("fc3-local listening on ")
        .unwrap_or_else(|| panic!("{line}"))
        .to_owned();
    let _ = child.kill();
    let mut stderr = String::new();
    std::io::Read::read_to_string(&mut child.stderr.take().unwrap(), &mut stderr).unwrap();
    let _ = child.wait();
    assert!(
        stderr.contains(&format!(
            "inspector (the queue, retries and destinations, live): {endpoint}/_fc3/"
        )),
        "{stderr}"
    );
    let mut rest = String::new();
    std::io::Read::read_to_string(&mut stdout, &mut rest).unwrap();
    assert_eq!(rest, "", "stdout has the one line");
}
