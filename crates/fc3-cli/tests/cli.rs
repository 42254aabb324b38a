//! End-to-end tests of the `fc3` binary against fc3-local: an embedded one (`--local`, one per
//! command) or one started by the test with `fc3 local --listen 127.0.0.1:0` when state must
//! outlive a command. Every command runs with a clean environment: no credentials or region
//! from the machine, the ECS metadata lookup disabled, so nothing leaves loopback.

use std::io::{BufRead, BufReader};
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

mod common;

use assert_cmd::Command;
use common::{BIN, fc3, json_of};
use predicates::prelude::*;
use predicates::str::contains;

/// `fc3 --local ARGS...`.
fn local(args: &[&str]) -> Command {
    let mut cmd = fc3();
    cmd.arg("--local").args(args);
    cmd
}

/// An `fc3 local` running for one test; killed when dropped.
struct Server {
    child: Child,
    endpoint: String,
}

/// `fc3 [GLOBAL...] local --listen 127.0.0.1:0 [FLAGS...]` with a clean environment, stdout
/// piped.
fn spawn_local(global: &[&str], flags: &[&std::ffi::OsStr], stderr: Stdio) -> Child {
    std::process::Command::new(BIN)
        .args(global)
        .args(["local", "--listen", "127.0.0.1:0"])
        .args(flags)
        .env_clear()
        .env("HOME", "/nonexistent-fc3-test-home")
        .stdout(Stdio::piped())
        .stderr(stderr)
        .spawn()
        .expect("fc3 local starts")
}

impl Server {
    fn start() -> Server {
        Self::start_with(&[], Stdio::null())
    }

    /// `fc3 local --listen 127.0.0.1:0` with these flags too, its stderr as given (piped, for a
    /// test that reads what it says there).
    fn start_with(flags: &[&std::ffi::OsStr], stderr: Stdio) -> Server {
        let mut child = spawn_local(&[], flags, stderr);
        let mut line = String::new();
        BufReader::new(child.stdout.take().expect("stdout"))
            .read_line(&mut line)
            .expect("fc3 local prints its endpoint");
        let endpoint = line
            .trim()
            .strip_prefix("fc3-local listening on ")
            .unwrap_or_else(|| panic!("unexpected first line: {line:?}"))
            .to_string();
        Server { child, endpoint }
    }

    /// `fc3 --endpoint URL ARGS...` with the development keys.
    fn fc3(&self, args: &[&str]) -> Command {
        let mut cmd = fc3();
        cmd.env("ALIBABA_CLOUD_ACCESS_KEY_ID", "fc3-local-dev")
            .env("ALIBABA_CLOUD_ACCESS_KEY_SECRET", "fc3-local-dev-secret")
            .args(["--endpoint", &self.endpoint])
            .args(args);
        cmd
    }

    fn arn(&self, function: &str) -> String {
        format!("acs:fc:cn-hangzhou:1234567890123456:functions/{function}")
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

// ---------------------------------------------------------------------------------------------
// Help, version, completions, usage errors.

#[test]
fn help_lists_every_command_with_examples() {
    let assert = fc3().arg("--help").assert().success();
    let text = String::from_utf8_lossy(&assert.get_output().stdout).into_owned();
    for word in [
        "invoke",
        "async-config",
        "task",
        "local",
        "demo",
        "completions",
        "Examples:",
    ] {
        assert!(text.contains(word), "--help lacks {word}:\n{text}");
    }
    for command in [
        &["invoke", "--help"][..],
        &["async-config", "put", "--help"],
        &["async-config", "list", "--help"],
        &["task", "wait", "--help"],
        &["task", "list", "--help"],
        &["local", "--help"],
        &["demo", "--help"],
        &["completions", "--help"],
    ] {
        fc3()
            .args(command)
            .assert()
            .success()
            .stdout(contains("Examples:"));
    }
    fc3()
        .arg("--version")
        .assert()
        .success()
        .stdout(contains("fc3 "));
}

#[test]
fn completions_for_each_shell() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        fc3()
            .args(["completions", shell])
            .assert()
            .success()
            .stdout(contains("fc3").and(contains("async-config")));
    }
    fc3()
        .args(["completions", "tcsh"])
        .assert()
        .code(2)
        .stderr(contains("invalid value 'tcsh'"));
}

#[test]
fn bad_flags_and_values_exit_2_with_a_clear_message() {
    let cases: &[(&[&str], &str)] = &[
        (&["invok", "echo"], "invoke"),
        (&["invoke"], "FUNCTION"),
        (&["invoke", "echo", "--evnt", "{}"], "--event"),
        (
            &["invoke", "echo", "--event", "{}", "--event-file", "e.json"],
            "cannot be used with",
        ),
        (&["invoke", "echo", "--task-id", "t1"], "--async"),
        (&["invoke", "echo", "--timeout", "soon"], "30s"),
        (
            &["async-config", "put", "echo", "--max-retries", "9"],
            "0..=8",
        ),
        (&["async-config", "put", "echo", "--max-age", "8d"], "7d"),
        (
            &["task", "list", "echo", "--status", "Sleeping"],
            "Succeeded",
        ),
        (
            &["task", "list", "echo", "--started-after", "someday"],
            "RFC 3339",
        ),
        (&["--output", "yaml", "demo"], "text, json"),
        (
            &[
                "--local",
                "--endpoint",
                "http://127.0.0.1:1",
                "invoke",
                "echo",
            ],
            "cannot be used with",
        ),
    ];
    for (args, message) in cases {
        fc3()
            .args(*args)
            .assert()
            .code(2)
            .stderr(contains(*message));
    }
}

#[test]
fn commands_that_run_their_own_emulator_refuse_connection_flags() {
    fc3()
        .args(["--endpoint", "http://127.0.0.1:1", "demo"])
        .assert()
        .code(2)
        .stderr(contains("does not take --endpoint"));
    fc3()
        .args(["--local", "local"])
        .assert()
        .code(2)
        .stderr(contains("does not take --local"));
}

#[test]
fn local_with_a_bad_config_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("fc3-local.toml");
    std::fs::write(&config, "[functions.x]\nkind = \"teleport\"\n").unwrap();
    fc3()
        .args(["local", "--listen", "127.0.0.1:0", "--config"])
        .arg(&config)
        .assert()
        .code(2)
        .stderr(contains("teleport"));
    fc3()
        .args(["local", "--config", "/nonexistent-fc3.toml"])
        .assert()
        .code(2)
        .stderr(contains("cannot read"));
}

#[test]
fn local_prints_the_inspectors_url_and_serves_it() {
    let mut server = Server::start_with(&[], Stdio::piped());
    let endpoint = server.endpoint.clone();
    let mut notes = BufReader::new(server.child.stderr.take().expect("stderr"));
    let mut said = String::new();
    while !said.contains("Ctrl-C") {
        assert!(notes.read_line(&mut said).unwrap() > 0, "{said}");
    }
    let url = format!("{endpoint}/_fc3/");
    assert!(
        said.contains(&format!(
            "inspector (the queue, retries and destinations, live): {url}"
        )),
        "{said}"
    );
    // The page is there, unsigned, as a browser asks for it.
    let address = endpoint.trim_start_matches("http://");
    let mut stream = std::net::TcpStream::connect(address).unwrap();
    std::io::Write::write_all(
        &mut stream,
        format!("GET /_fc3/ HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n\r\n").as_bytes(),
    )
    .unwrap();
    let mut page = String::new();
    std::io::Read::read_to_string(&mut stream, &mut page).unwrap();
    drop(server);
    assert!(page.starts_with("HTTP/1.1 200"), "{page}");
    assert!(page.contains("<title>fc3-local inspector</title>"));

    let mut child = spawn_local(&["--output", "json"], &[], Stdio::null());
    // One JSON document, pretty-printed.
    let mut out = BufReader::new(child.stdout.take().expect("stdout"));
    let mut text = String::new();
    let doc: serde_json::Value = loop {
        assert!(out.read_line(&mut text).unwrap() > 0, "{text}");
        if let Ok(doc) = serde_json::from_str(&text) {
            break doc;
        }
    };
    let _ = child.kill();
    let _ = child.wait();
    assert_eq!(
        doc["inspector"],
        format!("{}/_fc3/", doc["endpoint"].as_str().unwrap())
    );
}

#[test]
fn local_stops_gracefully_on_sigterm_and_keeps_its_data_dir() {
    let dir = tempfile::tempdir().unwrap();
    let flags = [std::ffi::OsStr::new("--data-dir"), dir.path().as_os_str()];
    let mut server = Server::start_with(&flags, Stdio::null());
    server
        .fc3(&["async-config", "put", "echo", "--max-retries", "1"])
        .assert()
        .success();
    // SIGTERM, as a service manager stops it: the shared start-up path stops gracefully.
    let pid = server.child.id().to_string();
    let killed = std::process::Command::new("kill")
        .args(["-TERM", &pid])
        .status()
        .unwrap();
    assert!(killed.success());
    let status = server.child.wait().unwrap();
    assert!(status.success(), "fc3 local exited with {status}");
    drop(server);
    let server = Server::start_with(&flags, Stdio::null());
    let assert = server
        .fc3(&["--output", "json", "async-config", "get", "echo"])
        .assert()
        .success();
    let config = json_of(&assert.get_output().stdout);
    assert_eq!(config["maxAsyncRetryAttempts"], 1, "{config}");
}

// ---------------------------------------------------------------------------------------------
// invoke

#[test]
fn invoke_prints_the_response_on_stdout_and_metadata_on_stderr() {
    local(&["invoke", "echo", "--event", r#"{"hello":"fc3"}"#])
        .assert()
        .success()
        .stdout(r#"{"hello":"fc3"}"#)
        .stderr(
            contains("request id")
                .and(contains("executed version  LATEST"))
                .and(contains("instance"))
                .and(contains("--- log tail ---"))
                .and(contains("FC Invoke Start RequestId")),
        );
}

#[test]
fn invoke_without_log_has_no_tail() {
    local(&["invoke", "echo", "--event", "{}", "--no-log"])
        .assert()
        .success()
        .stdout("{}")
        .stderr(contains("request id").and(contains("log tail").not()));
}

#[test]
fn invoke_reads_the_event_from_stdin() {
    local(&["invoke", "echo", "--event-file", "-"])
        .write_stdin(r#"{"from":"stdin"}"#)
        .assert()
        .success()
        .stdout(r#"{"from":"stdin"}"#);
    local(&["invoke", "sleep", "--event-file", "-"])
        .write_stdin(r#"{"ms":5}"#)
        .assert()
        .success()
        .stdout(contains("5"));
}

#[test]
fn invoke_reads_the_event_from_a_file_and_writes_the_outfile() {
    let dir = tempfile::tempdir().unwrap();
    let event = dir.path().join("event.json");
    std::fs::write(&event, br#"{"from":"file"}"#).unwrap();
    let answer = dir.path().join("answer.json");
    local(&[
        "invoke",
        "echo",
        "--event-file",
        event.to_str().unwrap(),
        "--outfile",
        answer.to_str().unwrap(),
    ])
    .assert()
    .success()
    .stdout("")
    .stderr(contains("15 bytes written to"));
    assert_eq!(std::fs::read(&answer).unwrap(), br#"{"from":"file"}"#);
}

#[test]
fn an_unreadable_event_file_is_an_error_not_an_empty_event() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("missing.json");
    local(&["invoke", "echo", "--event-file", missing.to_str().unwrap()])
        .assert()
        .code(2)
        .stdout("")
        .stderr(
            contains("cannot read the event file")
                .and(contains("missing.json"))
                .and(contains("request id").not()),
        );
    // A directory is not an event either.
    local(&[
        "invoke",
        "echo",
        "--event-file",
        dir.path().to_str().unwrap(),
    ])
    .assert()
    .code(2)
    .stderr(contains("cannot read the event file"));
}

#[test]
fn an_unwritable_outfile_is_reported_before_the_call() {
    local(&[
        "invoke",
        "echo",
        "--event",
        "{}",
        "--outfile",
        "/nonexistent-dir/answer.json",
    ])
    .assert()
    .code(2)
    .stderr(contains("cannot write the outfile").and(contains("request id").not()));
}

#[test]
fn invoke_json_output_is_one_document_with_stable_fields() {
    let assert = local(&[
        "--output",
        "json",
        "invoke",
        "echo",
        "--event",
        r#"{"n":1}"#,
    ])
    .assert()
    .success();
    let doc = json_of(&assert.get_output().stdout);
    assert_eq!(doc["function"], "echo");
    assert_eq!(doc["invocationType"], "Sync");
    assert_eq!(doc["status"], 200);
    assert_eq!(doc["payload"], serde_json::json!({"n": 1}));
    assert_eq!(doc["payloadEncoding"], "json");
    assert_eq!(doc["executedVersion"], "LATEST");
    assert!(doc["requestId"].as_str().is_some_and(|id| !id.is_empty()));
    assert!(
        doc["logTail"]
            .as_str()
            .is_some_and(|l| l.contains("FC Invoke End"))
    );
    assert!(doc["functionError"].is_null());
    // Plain text stays text.
    let assert = local(&[
        "--output",
        "json",
        "invoke",
        "echo",
        "--event",
        "plain words",
    ])
    .assert()
    .success();
    let doc = json_of(&assert.get_output().stdout);
    assert_eq!(doc["payload"], "plain words");
    assert_eq!(doc["payloadEncoding"], "text");
}

#[test]
fn a_function_error_exits_1_with_its_type_and_message() {
    local(&["invoke", "fail", "--event", "{}"])
        .assert()
        .code(1)
        .stdout(contains("errorMessage"))
        .stderr(
            contains("the function failed (UnhandledInvocationError)")
                .and(contains("this function always fails"))
                .and(contains("request id")),
        );
    let assert = local(&["--output", "json", "invoke", "fail", "--event", "{}"])
        .assert()
        .code(1);
    let doc = json_of(&assert.get_output().stdout);
    assert_eq!(doc["functionError"]["kind"], "UnhandledInvocationError");
    assert_eq!(doc["functionError"]["errorType"], "Error");
    assert!(
        doc["functionError"]["errorMessage"]
            .as_str()
            .is_some_and(|m| m.contains("always fails"))
    );
}

#[test]
fn a_service_error_exits_2_with_code_and_request_id() {
    local(&["invoke", "no-such-function", "--event", "{}"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(
            contains("code:       FunctionNotFound (HTTP 404)").and(contains("request id: 1-")),
        );
    let assert = local(&["--output", "json", "invoke", "no-such-function"])
        .assert()
        .code(2);
    let doc = json_of(&assert.get_output().stdout);
    assert_eq!(doc["error"]["kind"], "service");
    assert_eq!(doc["error"]["code"], "FunctionNotFound");
    assert_eq!(doc["error"]["status"], 404);
    assert!(doc["error"]["requestId"].as_str().is_some());
}

#[test]
fn a_validation_error_exits_2_before_any_call() {
    local(&["invoke", "9-not-a-name", "--event", "{}"])
        .assert()
        .code(2)
        .stderr(contains("invalid").and(contains("request id").not()));
}

#[test]
fn a_timeout_exits_2() {
    local(&[
        "invoke",
        "sleep",
        "--event",
        r#"{"ms":3000}"#,
        "--timeout",
        "300ms",
    ])
    .assert()
    .code(2)
    .stderr(contains("timed out"));
}

#[test]
fn no_region_or_endpoint_exits_2_with_a_hint() {
    fc3()
        .args(["invoke", "echo"])
        .assert()
        .code(2)
        .stderr(contains("no region or endpoint").and(contains("--local")));
}

#[test]
fn missing_credentials_exit_2_without_secrets() {
    fc3()
        .args(["--endpoint", "http://127.0.0.1:9", "invoke", "echo"])
        .assert()
        .code(2)
        .stderr(contains("credentials").and(contains("ALIBABA_CLOUD_ACCESS_KEY_ID")));
    // A wrong secret is refused by the server; the secret itself is never shown.
    let server = Server::start();
    server
        .fc3(&["invoke", "echo", "--event", "{}"])
        .env("ALIBABA_CLOUD_ACCESS_KEY_SECRET", "a-wrong-secret-value")
        .assert()
        .code(2)
        .stderr(contains("HTTP 403").and(contains("a-wrong-secret-value").not()));
}

#[test]
fn profile_picks_a_section_of_the_credentials_file() {
    let server = Server::start();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("credentials");
    std::fs::write(
        &file,
        "[default]\ntype = access_key\naccess_key_id = wrong\naccess_key_secret = wrong\n\n\
         [dev]\ntype = access_key\naccess_key_id = fc3-local-dev\naccess_key_secret = fc3-local-dev-secret\n",
    )
    .unwrap();
    let run = |profile: Option<&str>| {
        let mut cmd = fc3();
        cmd.env("ALIBABA_CLOUD_CREDENTIALS_FILE", &file)
            .args(["--endpoint", &server.endpoint]);
        if let Some(p) = profile {
            cmd.args(["--profile", p]);
        }
        cmd.args(["invoke", "echo", "--event", "{}"]);
        cmd
    };
    run(Some("dev")).assert().success().stdout("{}");
    run(None).assert().code(2).stderr(contains("HTTP 403"));
}

#[test]
fn an_unreachable_endpoint_exits_2() {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let endpoint = format!("http://127.0.0.1:{port}");
    fc3()
        .env("ALIBABA_CLOUD_ACCESS_KEY_ID", "id")
        .env("ALIBABA_CLOUD_ACCESS_KEY_SECRET", "secret")
        .args([
            "--endpoint",
            &endpoint,
            "--output",
            "json",
            "invoke",
            "echo",
        ])
        .assert()
        .code(2)
        .stdout(contains(r#""kind": "transport""#));
}

#[test]
fn invoke_async_reports_the_task_id() {
    // sink tracks async tasks without any config, so a task id of ours is accepted.
    local(&[
        "invoke",
        "sink",
        "--async",
        "--task-id",
        "job-1",
        "--event",
        "{}",
    ])
    .assert()
    .success()
    .stdout("")
    .stderr(
        contains("queued (HTTP 202)")
            .and(contains("task id     job-1"))
            .and(contains("fc3 task wait sink job-1")),
    );
    let assert = local(&[
        "--output", "json", "invoke", "sink", "--async", "--event", "{}",
    ])
    .assert()
    .success();
    let doc = json_of(&assert.get_output().stdout);
    assert_eq!(doc["status"], 202);
    assert_eq!(doc["invocationType"], "Async");
    assert!(doc["asyncTaskId"].as_str().is_some());
}

// ---------------------------------------------------------------------------------------------
// async-config

#[test]
fn async_config_put_get_list_delete() {
    let server = Server::start();
    let on_success = server.arn("sink");
    let on_failure = server.arn("fail");
    server
        .fc3(&[
            "async-config",
            "put",
            "echo",
            "--max-retries",
            "0",
            "--max-age",
            "10m",
            "--on-success",
            &on_success,
            "--on-failure",
            &on_failure,
            "--async-task",
        ])
        .assert()
        .success()
        .stdout(
            contains("stored the async invoke config of echo")
                .and(contains("max retries    0"))
                .and(contains("max event age  10m"))
                .and(contains("async tasks    on"))
                .and(contains(on_success.as_str()))
                .and(contains("request id")),
        );

    let assert = server
        .fc3(&["--output", "json", "async-config", "get", "echo"])
        .assert()
        .success();
    let doc = json_of(&assert.get_output().stdout);
    assert_eq!(doc["maxAsyncRetryAttempts"], 0);
    assert_eq!(doc["maxAsyncEventAgeInSeconds"], 600);
    assert_eq!(doc["asyncTask"], true);
    assert_eq!(
        doc["destinationConfig"]["onFailure"]["destination"],
        on_failure
    );
    assert!(
        doc["requestId"].as_str().is_some_and(|id| !id.is_empty()),
        "{doc}"
    );

    server
        .fc3(&["async-config", "put", "flaky", "--max-retries", "1"])
        .assert()
        .success();
    server
        .fc3(&["async-config", "list"])
        .assert()
        .success()
        .stdout(
            contains("FUNCTION")
                .and(contains("echo"))
                .and(contains("flaky")),
        );
    let assert = server
        .fc3(&[
            "--output",
            "json",
            "async-config",
            "list",
            "--limit",
            "1",
            "--all",
        ])
        .assert()
        .success();
    let doc = json_of(&assert.get_output().stdout);
    assert_eq!(doc["configs"].as_array().map(Vec::len), Some(2));
    assert!(doc["nextToken"].is_null());
    let assert = server
        .fc3(&["--output", "json", "async-config", "list", "--limit", "1"])
        .assert()
        .success();
    let doc = json_of(&assert.get_output().stdout);
    assert_eq!(doc["configs"].as_array().map(Vec::len), Some(1));
    assert!(doc["nextToken"].as_str().is_some());

    server
        .fc3(&["async-config", "delete", "echo"])
        .assert()
        .success()
        .stdout(contains("deleted the async invoke config of echo").and(contains("request id")));
    server
        .fc3(&["async-config", "get", "echo"])
        .assert()
        .code(2)
        .stderr(contains("AsyncConfigNotExists").and(contains("request id")));
}

#[test]
fn async_config_put_out_of_range_is_refused() {
    local(&["async-config", "put", "echo", "--on-success", "not-an-arn"])
        .assert()
        .code(2)
        .stderr(contains("on_success"));
}

// ---------------------------------------------------------------------------------------------
// task

#[test]
fn task_wait_get_list_for_a_success_and_a_failure() {
    let server = Server::start();
    for function in ["flaky", "fail"] {
        server
            .fc3(&[
                "async-config",
                "put",
                function,
                "--max-retries",
                "2",
                "--async-task",
            ])
            .assert()
            .success();
    }
    server
        .fc3(&[
            "invoke",
            "flaky",
            "--async",
            "--task-id",
            "ok-1",
            "--event",
            r#"{"n":1}"#,
        ])
        .assert()
        .success();
    server
        .fc3(&[
            "invoke",
            "fail",
            "--async",
            "--task-id",
            "bad-1",
            "--event",
            "{}",
        ])
        .assert()
        .success();

    // flaky fails twice, then succeeds on its third try.
    server
        .fc3(&[
            "task",
            "wait",
            "flaky",
            "ok-1",
            "--interval",
            "20ms",
            "--timeout",
            "20s",
        ])
        .assert()
        .success()
        .stdout(
            contains("task ok-1 of flaky: Succeeded")
                .and(contains("Retrying"))
                .and(contains("retries       2")),
        );
    // fail exhausts its retries: exit 1.
    let assert = server
        .fc3(&[
            "--output",
            "json",
            "task",
            "wait",
            "fail",
            "bad-1",
            "--interval",
            "20ms",
        ])
        .assert()
        .code(1);
    let doc = json_of(&assert.get_output().stdout);
    assert_eq!(doc["status"], "Failed");
    assert_eq!(doc["alreadyRetriedTimes"], 2);

    server
        .fc3(&["task", "get", "fail", "bad-1"])
        .assert()
        .success()
        .stdout(contains("Failed").and(contains("history")));

    server
        .fc3(&[
            "task",
            "list",
            "fail",
            "--status",
            "failed",
            "--include-payload",
        ])
        .assert()
        .success()
        .stdout(contains("bad-1").and(contains("EVENT")));
    let assert = server
        .fc3(&[
            "--output",
            "json",
            "task",
            "list",
            "flaky",
            "--prefix",
            "ok-",
            "--sort",
            "desc",
            "--started-after",
            "1h",
        ])
        .assert()
        .success();
    let doc = json_of(&assert.get_output().stdout);
    assert_eq!(doc["tasks"][0]["taskId"], "ok-1");
    let assert = server
        .fc3(&[
            "--output", "json", "task", "list", "flaky", "--status", "Failed",
        ])
        .assert()
        .success();
    let doc = json_of(&assert.get_output().stdout);
    assert!(doc["tasks"].as_array().is_none_or(Vec::is_empty));

    server
        .fc3(&["task", "get", "fail", "no-such-task"])
        .assert()
        .code(2)
        .stderr(contains("AsyncTaskNotExists"));
}

#[test]
fn task_stop_and_wait_timeout() {
    let server = Server::start();
    server
        .fc3(&[
            "async-config",
            "put",
            "sleep",
            "--max-retries",
            "0",
            "--async-task",
        ])
        .assert()
        .success();
    server
        .fc3(&[
            "invoke",
            "sleep",
            "--async",
            "--task-id",
            "long-1",
            "--event",
            r#"{"ms":20000}"#,
        ])
        .assert()
        .success();
    server
        .fc3(&[
            "task",
            "wait",
            "sleep",
            "long-1",
            "--interval",
            "20ms",
            "--timeout",
            "200ms",
        ])
        .assert()
        .code(2)
        .stderr(contains("had not ended after 200ms"));
    server
        .fc3(&["task", "stop", "sleep", "long-1"])
        .assert()
        .success()
        .stdout(contains("asked to stop task long-1"));
    let started = Instant::now();
    server
        .fc3(&[
            "task",
            "wait",
            "sleep",
            "long-1",
            "--interval",
            "20ms",
            "--timeout",
            "15s",
        ])
        .assert()
        .code(1)
        .stdout(contains("Stopped"));
    assert!(started.elapsed() < Duration::from_secs(10));
}

// ---------------------------------------------------------------------------------------------
// demo

#[test]
fn demo_completes_and_shows_both_seed_operations_with_request_ids() {
    let assert = fc3().arg("demo").assert().success();
    let text = String::from_utf8_lossy(&assert.get_output().stdout).into_owned();
    for expected in [
        "PutAsyncInvokeConfig",
        "InvokeFunction",
        "GetAsyncTask",
        "ListAsyncTasks",
        "with the log tail",
        "onSuccess",
        "onFailure",
        "UnhandledInvocationError",
        "Enqueued → Running → Succeeded",
        "Retrying",
        "Done",
        "The inspector shows the queue, retries and destinations",
        "and open http://127.0.0.1:9000/_fc3/ to keep one up",
    ] {
        assert!(
            text.contains(expected),
            "the demo lacks {expected:?}:\n{text}"
        );
    }
    // Every one of the nine steps names its request id.
    assert!(text.matches("request id").count() >= 9, "{text}");

    let assert = fc3().args(["--output", "json", "demo"]).assert().success();
    let doc = json_of(&assert.get_output().stdout);
    let endpoint = doc["endpoint"].as_str().unwrap();
    assert_eq!(doc["inspector"], format!("{endpoint}/_fc3/"));
    assert_eq!(doc["inspectorOfFc3Local"], "http://127.0.0.1:9000/_fc3/");
    let steps = doc["steps"].as_array().expect("steps");
    let operations: Vec<&str> = steps
        .iter()
        .filter_map(|s| s["operation"].as_str())
        .collect();
    assert!(
        operations.contains(&"PutAsyncInvokeConfig"),
        "{operations:?}"
    );
    assert!(operations.contains(&"InvokeFunction"), "{operations:?}");
    for step in steps {
        assert!(
            step["requestId"]
                .as_str()
                .is_some_and(|id| id.starts_with("1-")),
            "a step without a request id: {step}"
        );
    }
}
