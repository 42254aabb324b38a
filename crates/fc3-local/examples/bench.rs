//! Benchmark of fc3-local on this machine (not a test): durable async accept and drain rates
//! with a data dir.
//!
//! ```text
//! cargo run --release -p fc3-local --example bench -- [EVENTS] [IN_FLIGHT]
//! ```
//!
//! - accept: EVENTS async invocations of `echo` (async tasks on), IN_FLIGHT at a time, answered
//!   202 only once durable (group commit, fsync), while the engine is paused so the queue builds
//!   up; sent by fc3-client (signed, verified by the server) and, beside it, by an unsigned raw
//!   reqwest client. The two alternate in bursts of EVENTS/2;
//! - drain: after each burst the engine is let go, and the time until every event has run and
//!   its outcome is durable is measured; both print the process CPU time per event too
//!   (client, server and store together), which depends less on how busy the machine is.
//!
//! What the client's sync path costs is measured apart from the emulator, client and server
//! each in its own process on its own core: `crates/fc3-client/examples/sync_cost.rs`.
//!
//! `FC3_LOCAL_BENCH_MEMORY=1` runs without a data dir, to compare. Everything runs on loopback
//! and stops by itself.

use std::time::{Duration, Instant};

use fc3_client::{Client, Credentials, InvocationType, RetryPolicy};
use fc3_local::{Config, Options, Server};

/// How many alternating rounds of bursts the accept comparison runs.
const ACCEPT_ROUNDS: usize = 2;

const INVOCATIONS_OF_ECHO: &str = "/2023-03-30/functions/echo/invocations";

/// CPU time used by this process so far (user + system), from `/proc/self/stat`; `None` where
/// there is no procfs. Ticks are 1/100 s on Linux, fine over runs of seconds.
fn process_cpu() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the command name, which is in parentheses and may hold spaces.
    let fields: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
    let ticks: u64 = fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?;
    Some(Duration::from_millis(ticks * 10))
}

/// Runs `work`, adding its wall time to `wall` and the process CPU time it used to `cpu`.
async fn measured<F: std::future::Future<Output = Duration>>(
    work: F,
    wall: &mut Duration,
    cpu: &mut Option<Duration>,
) {
    let before = process_cpu();
    *wall += work.await;
    *cpu = match (*cpu, before, process_cpu()) {
        (Some(total), Some(before), Some(after)) => Some(total + after.saturating_sub(before)),
        _ => None,
    };
}

fn rate(count: usize, elapsed: Duration) -> f64 {
    count as f64 / elapsed.as_secs_f64()
}

async fn accept_burst(client: &Client, events: usize, in_flight: usize, prefix: &str) -> Duration {
    let started = Instant::now();
    let mut workers = tokio::task::JoinSet::new();
    for w in 0..in_flight {
        let client = client.clone();
        let prefix = prefix.to_owned();
        workers.spawn(async move {
            let mut i = w;
            while i < events {
                let reply = client
                    .invoke_function("echo")
                    .invocation_type(InvocationType::Async)
                    .async_task_id(format!("{prefix}-{i}"))
                    .payload("{\"bench\":true}")
                    .send()
                    .await
                    .expect("accepted");
                assert_eq!(reply.status(), 202);
                i += in_flight;
            }
        });
    }
    while let Some(done) = workers.join_next().await {
        done.expect("no worker panics");
    }
    started.elapsed()
}

/// The same burst from an unsigned raw reqwest client (how much of the time is the client's).
async fn accept_burst_raw(
    endpoint: &str,
    events: usize,
    in_flight: usize,
    prefix: &str,
) -> Duration {
    let raw = fc3_credentials::http_client_builder()
        .no_proxy()
        .build()
        .expect("a client");
    let url = format!("{endpoint}{INVOCATIONS_OF_ECHO}");
    let started = Instant::now();
    let mut workers = tokio::task::JoinSet::new();
    for w in 0..in_flight {
        let raw = raw.clone();
        let url = url.clone();
        let prefix = prefix.to_owned();
        workers.spawn(async move {
            let mut i = w;
            while i < events {
                let response = raw
                    .post(&url)
                    .header("x-fc-invocation-type", "Async")
                    .header("x-fc-async-task-id", format!("{prefix}-{i}"))
                    .body("{\"bench\":true}")
                    .send()
                    .await
                    .expect("answer");
                assert_eq!(response.status(), 202);
                i += in_flight;
            }
        });
    }
    while let Some(done) = workers.join_next().await {
        done.expect("no worker panics");
    }
    started.elapsed()
}

async fn drain(server: &Server) -> Duration {
    let started = Instant::now();
    server.state().set_async_paused(false);
    let deadline = started + Duration::from_secs(300);
    while server.state().pending_events() > 0 {
        assert!(
            Instant::now() < deadline,
            "drain did not finish in 5 minutes"
        );
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    // Drained means durable too: every outcome written.
    server.state().sync_store().await.expect("the store works");
    started.elapsed()
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let mut args = std::env::args().skip(1);
    let events: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(20_000);
    let in_flight: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(64);
    let dir = tempfile::tempdir().expect("a temp dir");
    let config = Config::from_toml(
        "allow_unsigned = true\n[limits]\nnonce_cache_entries = 2000000\n[async]\nworkers = 128\n",
    )
    .expect("config");
    // FC3_LOCAL_BENCH_MEMORY=1 runs without a data dir, to compare.
    let options = if std::env::var_os("FC3_LOCAL_BENCH_MEMORY").is_some() {
        Options::new(config)
    } else {
        Options::new(config).with_data_dir(dir.path())
    };
    let server = Server::start(options, "127.0.0.1:0".parse().unwrap())
        .await
        .expect("starts");
    let client = Client::builder()
        .endpoint(&server.endpoint())
        .credentials(
            Credentials::new(
                fc3_local::DEV_ACCESS_KEY_ID,
                fc3_local::DEV_ACCESS_KEY_SECRET,
            )
            .expect("valid keys"),
        )
        .retry_policy(RetryPolicy::disabled())
        .build()
        .expect("a client");
    client
        .put_async_invoke_config("echo")
        .async_task(true)
        .send()
        .await
        .expect("config stored");
    println!(
        "fc3-local bench: {events} events, {in_flight} in flight, data dir {}",
        dir.path().display()
    );

    // Warm up connections and the store.
    server.state().set_async_paused(true);
    accept_burst(&client, 1_000.min(events), in_flight, "warm").await;
    drain(&server).await;

    // Bursts alternate between the clients; each burst is accepted with the engine paused (so
    // the queue builds up), then drained.
    let per_burst = events.div_ceil(ACCEPT_ROUNDS);
    let (mut signed, mut unsigned, mut drained) = (Duration::ZERO, Duration::ZERO, Duration::ZERO);
    let (mut signed_cpu, mut unsigned_cpu, mut drained_cpu) = (
        Some(Duration::ZERO),
        Some(Duration::ZERO),
        Some(Duration::ZERO),
    );
    for round in 0..ACCEPT_ROUNDS {
        for signed_turn in [round % 2 == 0, round % 2 == 1] {
            server.state().set_async_paused(true);
            let prefix = format!("{}{round}", if signed_turn { "s" } else { "u" });
            if signed_turn {
                let burst = accept_burst(&client, per_burst, in_flight, &prefix);
                measured(burst, &mut signed, &mut signed_cpu).await;
            } else {
                let endpoint = server.endpoint();
                let burst = accept_burst_raw(&endpoint, per_burst, in_flight, &prefix);
                measured(burst, &mut unsigned, &mut unsigned_cpu).await;
            }
            measured(drain(&server), &mut drained, &mut drained_cpu).await;
        }
    }
    let total = per_burst * ACCEPT_ROUNDS;
    let per_event = |cpu: Option<Duration>, events: usize| match cpu {
        Some(cpu) => format!(
            ", CPU {:.1} us/event",
            cpu.as_secs_f64() * 1e6 / events as f64
        ),
        None => String::new(),
    };
    println!(
        "durable async accept: {total} in {:.2} s = {:.0}/s{} (target >= 10000/s; {ACCEPT_ROUNDS} bursts of {per_burst})",
        signed.as_secs_f64(),
        rate(total, signed),
        per_event(signed_cpu, total)
    );
    println!(
        "durable async accept, unsigned raw client: {total} in {:.2} s = {:.0}/s{}",
        unsigned.as_secs_f64(),
        rate(total, unsigned),
        per_event(unsigned_cpu, total)
    );
    println!(
        "durable async drain:  {} in {:.2} s = {:.0}/s{} (target >= 5000/s)",
        2 * total,
        drained.as_secs_f64(),
        rate(2 * total, drained),
        per_event(drained_cpu, 2 * total)
    );
    server.shutdown().await;
}
