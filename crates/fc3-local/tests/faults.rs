//! The fault suite: the `fc3-local` binary as a child process under the faults a user's machine
//! brings: a disk that fills up and empties again, a damaged database, a restart inside the
//! replay window, idle and stalled connections under a low open-file limit, and a destination
//! loop, with the child's memory read from /proc.
//!
//! The disk-full case mounts a small tmpfs, which needs root; elsewhere it is skipped with a
//! message on stderr (`.ci/faults` runs this suite with `--nocapture`, so the message shows).

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use common::process::{Process, command, command_on};
use common::{Reply, fn_path};
use serde_json::{Value, json};

/// Polls `probe` (real time, `within` at most) until it gives `Some`.
async fn until<T, F: std::future::Future<Output = Option<T>>>(
    what: &str,
    within: Duration,
    mut probe: impl FnMut() -> F,
) -> T {
    let deadline = Instant::now() + within;
    loop {
        if let Some(found) = probe().await {
            return found;
        }
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

async fn health(endpoint: &str) -> (u16, Value) {
    let response = fc3_credentials::http_client_builder()
        .no_proxy()
        .build()
        .unwrap()
        .get(format!("{endpoint}/health"))
        .send()
        .await
        .unwrap();
    let status = response.status().as_u16();
    (status, response.json().await.unwrap())
}

/// A fresh data dir in a temporary directory, and the arguments that use it.
fn data_dir() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    (dir, data)
}

/// `fc3-local --data-dir DATA`, with async tasks on for `function`.
async fn started_with_tasks(data: &Path, function: &str) -> Process {
    let process = Process::spawn(&["--data-dir", data.to_str().unwrap()], &[]);
    let reply = process
        .client()
        .put_config(function, json!({"asyncTask": true}))
        .await;
    assert_eq!(reply.status, 200, "{}", reply.text());
    process
}

/// A small tmpfs, unmounted on drop.
struct Tmpfs(PathBuf);

impl Tmpfs {
    fn mount(dir: &Path, size: &str) -> Option<Tmpfs> {
        let mounted = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(dir)
            .output()
            .ok()?;
        mounted.status.success().then(|| Tmpfs(dir.to_owned()))
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg("-l").arg(&self.0).status();
    }
}

/// Fills the file system of `dir` with one file, until it is full.
fn fill(dir: &Path) -> PathBuf {
    use std::io::Write;
    let path = dir.join("filler");
    let mut file = std::fs::File::create(&path).unwrap();
    let block = vec![0u8; 64 * 1024];
    while file.write_all(&block).is_ok() {}
    let _ = file.sync_all();
    path
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_full_disk_refuses_changes_without_half_applying_them_and_recovers_once_emptied() {
    let root = tempfile::tempdir().unwrap();
    let Some(disk) = Tmpfs::mount(root.path(), "8m") else {
        eprintln!(
            "SKIPPED a_full_disk_...: cannot mount a tmpfs here (it needs root); the same rule \
             is tested with an injected full disk in engine::tests::store_faults"
        );
        return;
    };
    let data = disk.0.join("data");
    let args = ["--data-dir", data.to_str().unwrap()];
    let process = Process::spawn(&args, &[]);
    let c = process.client();
    let config = |retries: i64| json!({"asyncTask": true, "maxAsyncRetryAttempts": retries});
    assert_eq!(c.put_config("sink", config(1)).await.status, 200);

    // Fill the disk, then write until the store notices: big events grow the file.
    let filler = fill(&disk.0);
    let mut accepted = Vec::new();
    let mut refused = None;
    for i in 0..200 {
        let id = format!("e{i:03}");
        let reply = c
            .invoke_async("sink", &vec![b'x'; 120 * 1024], Some(&id))
            .await;
        match reply.status {
            202 => accepted.push(id),
            _ => {
                refused = Some((id, reply));
                break;
            }
        }
    }
    let (refused_id, reply) = refused.expect("a write failed on the full disk");
    assert!([500, 503].contains(&reply.status), "{}", reply.text());
    let error: fc3_models::Error = reply.json();
    assert!(
        error.message.as_deref().unwrap().contains("data store"),
        "{error:?}"
    );

    // While it cannot write: it says so, refuses changes, keeps the old state, still answers.
    let (status, body) = health(&process.endpoint).await;
    assert_eq!(status, 503, "{body}");
    assert_eq!(body["store"]["writable"], false, "{body}");
    assert!(body["store"]["problem"].is_string(), "{body}");
    let put = c.put_config("sink", config(5)).await;
    put.expect_error(503, "ServiceUnavailable");
    let got: Value = c
        .call("GET", &fn_path("sink", "async-invoke-config"))
        .send()
        .await
        .json();
    assert_eq!(
        got["maxAsyncRetryAttempts"], 1,
        "the refused change does not show"
    );
    c.get_task("sink", &refused_id)
        .await
        .expect_error(404, "AsyncTaskNotExists");
    assert_eq!(c.invoke("echo", b"sync").await.text(), "sync");

    // Room again: it writes again, without a restart.
    std::fs::remove_file(filler).unwrap();
    until(
        "the store to write again",
        Duration::from_secs(15),
        || async { (health(&process.endpoint).await.0 == 200).then_some(()) },
    )
    .await;
    assert_eq!(c.put_config("sink", config(5)).await.status, 200);
    let reply = c.invoke_async("sink", b"after", Some("after")).await;
    assert_eq!(reply.status, 202, "{}", reply.text());
    process.terminate();

    // After a restart: what was accepted is there, what was refused is not.
    let process = Process::spawn(&args, &[]);
    let c = process.client();
    let got: Value = c
        .call("GET", &fn_path("sink", "async-invoke-config"))
        .send()
        .await
        .json();
    assert_eq!(got["maxAsyncRetryAttempts"], 5);
    for id in accepted.iter().chain([&"after".to_owned()]) {
        assert_eq!(
            c.get_task("sink", id).await.status,
            200,
            "{id} was accepted"
        );
    }
    c.get_task("sink", &refused_id)
        .await
        .expect_error(404, "AsyncTaskNotExists");
    drop(process);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_damaged_database_stops_the_start_with_a_message_and_no_panic() {
    use std::os::unix::fs::FileExt;
    for damage in ["truncated", "partly overwritten", "zero-length"] {
        let (_dir, data) = data_dir();
        let args = ["--data-dir", data.to_str().unwrap()];
        let process = started_with_tasks(&data, "echo").await;
        let c = process.client();
        for i in 0..100 {
            let reply = c
                .invoke_async("echo", &[b'p'; 500], Some(&format!("t{i}")))
                .await;
            assert_eq!(reply.status, 202);
        }
        process.terminate();

        let file = data.join("fc3-local.redb");
        let handle = std::fs::OpenOptions::new().write(true).open(&file).unwrap();
        let len = handle.metadata().unwrap().len();
        match damage {
            "truncated" => handle.set_len(len / 2).unwrap(),
            "partly overwritten" => handle
                .write_all_at(&vec![0x5A; (len / 2) as usize], len / 2)
                .unwrap(),
            _ => handle.set_len(0).unwrap(),
        }
        drop(handle);

        let output = command(&[], &args).output().unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(!output.status.success(), "{damage}: it started");
        assert!(
            output.stdout.is_empty(),
            "{damage}: {}",
            String::from_utf8_lossy(&output.stdout)
        );
        assert!(
            stderr.contains(file.to_str().unwrap()),
            "{damage}: names the file: {stderr}"
        );
        assert!(
            stderr.contains("is damaged"),
            "{damage}: says what is wrong: {stderr}"
        );
        assert!(
            stderr.contains("move it aside"),
            "{damage}: says what to do: {stderr}"
        );
        for panic_text in ["panicked", "unreachable", "assertion", "RUST_BACKTRACE"] {
            assert!(!stderr.contains(panic_text), "{damage}: {stderr}");
        }
        // Moved aside, it starts with an empty store.
        std::fs::rename(&file, data.join("fc3-local.redb.damaged")).unwrap();
        let process = Process::spawn(&args, &[]);
        let c = process.client();
        c.get_task("echo", "t0")
            .await
            .expect_error(404, "AsyncTaskNotExists");
        drop(process);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_request_captured_before_a_kill_is_refused_after_the_restart() {
    let (_dir, data) = data_dir();
    let args = ["--data-dir", data.to_str().unwrap()];
    let process = started_with_tasks(&data, "sink").await;
    let c = process.client();
    // A signed async invocation, as a client sent it.
    let call = c
        .call("POST", &fn_path("sink", "invocations"))
        .header("x-fc-invocation-type", "Async")
        .body(b"pay once");
    let (url, headers) = call.signed_headers();
    let path = url.trim_start_matches(&process.endpoint).to_owned();
    let send = |endpoint: &str| {
        let mut request = fc3_credentials::http_client_builder()
            .no_proxy()
            .build()
            .unwrap()
            .post(format!("{endpoint}{path}"));
        for (k, v) in &headers {
            if k != "host" {
                request = request.header(k, v);
            }
        }
        request.body("pay once").send()
    };
    assert_eq!(send(&process.endpoint).await.unwrap().status(), 202);
    let listen = process.endpoint.trim_start_matches("http://").to_owned();
    process.kill9();

    // The same address: the signature covers the host.
    let process = Process::start(command_on(&listen, &[], &args));
    let replay = send(&process.endpoint).await.unwrap();
    assert_eq!(replay.status(), 403);
    let error: fc3_models::Error = replay.json().await.unwrap();
    assert_eq!(error.code.as_deref(), Some("SignatureNonceUsed"));
    let tasks: fc3_models::ListAsyncTaskOutput =
        process.client().list_tasks("sink", &[]).await.json();
    assert_eq!(tasks.tasks.len(), 1, "the event ran once");
    drop(process);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn idle_and_stalled_connections_under_a_low_open_file_limit_do_not_lock_clients_out() {
    use tokio::io::AsyncWriteExt;
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("fc3-local.toml");
    std::fs::write(
        &config,
        "[server]\nheader_read_timeout = 1\nbody_read_timeout = 1\n\n\
         [functions.cat]\nkind = \"command\"\ncommand = [\"cat\"]\n",
    )
    .unwrap();
    let args = ["--config", config.to_str().unwrap()];
    if Command::new("prlimit").arg("--version").output().is_err() {
        eprintln!(
            "SKIPPED idle_and_stalled_...: no prlimit (util-linux) to lower the open-file limit"
        );
        return;
    }
    let process = Process::start(command(&["prlimit", "--nofile=128:128", "--"], &args));
    let addr: std::net::SocketAddr = process
        .endpoint
        .trim_start_matches("http://")
        .parse()
        .unwrap();

    // 300 idle connections and 40 stalled 32 MiB uploads: far more than 128 files.
    let mut held = Vec::new();
    for _ in 0..300 {
        if let Ok(stream) = tokio::net::TcpStream::connect(addr).await {
            held.push(stream);
        }
    }
    let chunk = vec![b'x'; 256 * 1024];
    for _ in 0..40 {
        if let Ok(mut stream) = tokio::net::TcpStream::connect(addr).await {
            let head = "POST /2023-03-30/functions/cat/invocations HTTP/1.1\r\nhost: x\r\n\
                        content-length: 33554432\r\n\r\n";
            let _ = stream.write_all(head.as_bytes()).await;
            let _ = tokio::time::timeout(Duration::from_millis(50), stream.write_all(&chunk)).await;
            held.push(stream);
        }
    }
    // A client still gets its answers, a function that needs files (pipes) included.
    let c = process.client();
    let started = Instant::now();
    let reply: Reply = until("an answer", Duration::from_secs(20), || async {
        let reply = c.invoke("cat", b"through").await;
        (reply.status == 200).then_some(reply)
    })
    .await;
    assert_eq!(reply.text(), "through");
    assert!(
        reply.header("x-fc-error-type").is_none(),
        "{}",
        reply.text()
    );
    assert!(
        started.elapsed() < Duration::from_secs(10),
        "answered after {:?}",
        started.elapsed()
    );
    assert_eq!(c.invoke("echo", b"again").await.text(), "again");
    assert!(process.rss_kib() < 512 * 1024, "{} KiB", process.rss_kib());
    drop(held);
    drop(process);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn destination_loops_end_within_a_memory_bound() {
    let process = Process::spawn(&[], &[]);
    let c = process.client();
    for (from, to) in [("echo", "echo"), ("flaky", "sink"), ("sink", "flaky")] {
        let config = json!({"destinationConfig": {
            "onSuccess": {"destination": format!("acs:fc:cn-hangzhou:1234567890123456:functions/{to}")},
            "onFailure": {"destination": format!("acs:fc:cn-hangzhou:1234567890123456:functions/{to}")}},
            "maxAsyncRetryAttempts": 0});
        assert_eq!(c.put_config(from, config).await.status, 200);
    }
    let before = process.rss_kib();
    // Ten self-loops and ten two-function loops, each starting from a full 128 KiB event with
    // characters JSON escapes (a record of a record doubled it at every hop).
    let event = "\"\\".repeat(64 * 1024);
    for _ in 0..10 {
        assert_eq!(
            c.invoke_async("echo", event.as_bytes(), None).await.status,
            202
        );
        assert_eq!(
            c.invoke_async("flaky", event.as_bytes(), None).await.status,
            202
        );
    }
    let mut peak = before;
    until("the loops to end", Duration::from_secs(60), || {
        let endpoint = process.endpoint.clone();
        peak = peak.max(process.rss_kib());
        async move {
            let (_, body) = health(&endpoint).await;
            (body["asyncQueue"]["depth"] == 0).then_some(())
        }
    })
    .await;
    let after = process.rss_kib();
    eprintln!("destination loops: RSS {before} KiB before, peak {peak} KiB, {after} KiB after");
    assert!(
        peak.max(after) < before + 256 * 1024,
        "memory grew from {before} KiB to a peak of {peak} KiB"
    );
    // Still answering, at once.
    assert_eq!(c.invoke("echo", b"still").await.text(), "still");
    drop(process);
}
