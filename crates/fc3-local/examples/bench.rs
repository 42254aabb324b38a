//! Benchmark of fc3-local on this machine (not a test): durable async accept and drain rates
//! with a data dir, and what signing costs on the sync path.
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
//!   (client, server and store together), which depends less on how busy the machine is;
//! - sync: `echo` invocations, IN_FLIGHT at a time, on three paths in 6 rotating rounds:
//!   fc3-client (signed, verified by the server); an unsigned raw reqwest client (the server
//!   lets unsigned requests through with `allow_unsigned`); and that raw client with the
//!   headers FC needs and an acs3 signature made in place, verified like fc3-client's (what
//!   signing and verification cost by themselves, with no client around them). It prints each
//!   path's rate and its ratio to the unsigned one (target: fc3-client >= 80%), then the process
//!   CPU time and the allocations (client and server together) per call on each path, which do
//!   not depend on how busy the machine is.
//!
//! `FC3_LOCAL_BENCH_ONLY_SYNC=1` skips the async part; `FC3_LOCAL_BENCH_ROUNDS=1` runs each
//! client once, in one stretch, and `FC3_LOCAL_BENCH_SYNC_PATH=0|1|2` (unsigned, signed raw,
//! fc3-client) runs only one sync path (for a profiler). Everything runs on loopback and stops
//! by itself.

use std::alloc::System;
use std::time::{Duration, Instant};

use fc3_client::{Client, Credentials, InvocationType, RetryPolicy};
use fc3_local::{Config, Options, Server};
use stats_alloc::{INSTRUMENTED_SYSTEM, Region, StatsAlloc};

/// The system allocator, counting allocations (client and server together: they share the
/// process), to report allocations per request on each path.
#[global_allocator]
static GLOBAL: &StatsAlloc<System> = &INSTRUMENTED_SYSTEM;

/// How many alternating rounds the sync comparison runs (`FC3_LOCAL_BENCH_ROUNDS` changes it;
/// 1 runs each client once, which is what a profiler wants).
const SYNC_ROUNDS: usize = 6;

/// How many alternating rounds of bursts the accept comparison runs (at most
/// `FC3_LOCAL_BENCH_ROUNDS`).
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
                    .invoke("echo")
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

/// Which client a sync burst uses.
#[derive(Clone, Copy)]
enum SyncPath<'a> {
    /// fc3-client: signed, verified by the server.
    Client,
    /// The raw reqwest client, unsigned (the server lets it through with `allow_unsigned`).
    Raw(&'a reqwest::Client),
    /// The raw reqwest client with the headers FC needs and an acs3 signature made in place:
    /// the least any signed client can do, verified by the server like fc3-client's requests.
    SignedRaw(&'a reqwest::Client),
}

/// The headers of a signed `echo` invocation of `ping`, built directly with acs3.
fn signed_headers(host: &str) -> reqwest::header::HeaderMap {
    static NONCES: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    static KEY: std::sync::OnceLock<acs3::AccessKey> = std::sync::OnceLock::new();
    let key = KEY.get_or_init(|| {
        acs3::AccessKey::new(
            fc3_local::DEV_ACCESS_KEY_ID,
            fc3_local::DEV_ACCESS_KEY_SECRET,
        )
    });
    let date = acs3::format_date(std::time::SystemTime::now()).expect("a date");
    let count = NONCES.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let nonce = format!("{:016x}{count:016x}", std::process::id());
    let body_sha256 = acs3::payload_sha256_hex(b"ping");
    let headers = [
        ("host", host),
        ("x-acs-action", "InvokeFunction"),
        ("x-acs-content-sha256", body_sha256.as_str()),
        ("x-acs-date", date.as_str()),
        ("x-acs-signature-nonce", nonce.as_str()),
        ("x-acs-version", "2023-03-30"),
    ];
    let parts = acs3::RequestParts::new("POST", INVOCATIONS_OF_ECHO)
        .with_headers(&headers)
        .with_payload(acs3::Payload::Sha256Hex(&body_sha256));
    let authorization =
        acs3::authorization_with(key, &parts, acs3::is_go_ts_signed_header).expect("signs");
    // Static names: a custom header name parsed from a string would cost an allocation.
    let names = [
        "x-acs-action",
        "x-acs-content-sha256",
        "x-acs-date",
        "x-acs-signature-nonce",
        "x-acs-version",
        "authorization",
    ];
    let values = headers[1..]
        .iter()
        .map(|(_, value)| *value)
        .chain([authorization.as_str()]);
    let mut map = reqwest::header::HeaderMap::with_capacity(8);
    for (name, value) in names.into_iter().zip(values) {
        map.insert(
            reqwest::header::HeaderName::from_static(name),
            reqwest::header::HeaderValue::from_str(value).expect("a header value"),
        );
    }
    map
}

/// `calls` sync invocations of `echo`, `in_flight` at a time, through fc3-client or, when
/// given, an unsigned raw reqwest client.
async fn sync_burst(
    client: &Client,
    path: SyncPath<'_>,
    endpoint: &str,
    calls: usize,
    in_flight: usize,
) -> Duration {
    let started = Instant::now();
    let mut workers = tokio::task::JoinSet::new();
    let host = endpoint.trim_start_matches("http://").to_owned();
    for w in 0..in_flight {
        let client = client.clone();
        let (raw, signed) = match path {
            SyncPath::Client => (None, false),
            SyncPath::Raw(raw) => (Some(raw.clone()), false),
            SyncPath::SignedRaw(raw) => (Some(raw.clone()), true),
        };
        let url = format!("{endpoint}{INVOCATIONS_OF_ECHO}");
        let host = host.clone();
        workers.spawn(async move {
            let mut i = w;
            while i < calls {
                match &raw {
                    Some(raw) => {
                        let mut request = raw.post(&url).body("ping");
                        if signed {
                            request = request.headers(signed_headers(&host));
                        }
                        let response = request.send().await.expect("answer");
                        let status = response.status();
                        let body = response.bytes().await.unwrap_or_default();
                        assert_eq!(status, 200, "{}", String::from_utf8_lossy(&body));
                    }
                    None => {
                        let reply = client.invoke("echo").payload("ping").send().await;
                        assert_eq!(reply.expect("answered").status(), 200);
                    }
                }
                i += in_flight;
            }
        });
    }
    while let Some(done) = workers.join_next().await {
        done.expect("no worker panics");
    }
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
        .put_async_config("echo")
        .async_task(true)
        .send()
        .await
        .expect("config stored");
    println!(
        "fc3-local bench: {events} events, {in_flight} in flight, data dir {}",
        dir.path().display()
    );

    let rounds: usize = std::env::var("FC3_LOCAL_BENCH_ROUNDS")
        .ok()
        .and_then(|r| r.parse().ok())
        .filter(|&r| r > 0)
        .unwrap_or(SYNC_ROUNDS);
    let only_sync = std::env::var_os("FC3_LOCAL_BENCH_ONLY_SYNC").is_some();
    if !only_sync {
        // Warm up connections and the store.
        server.state().set_async_paused(true);
        accept_burst(&client, 1_000.min(events), in_flight, "warm").await;
        drain(&server).await;

        // Bursts alternate between the clients, as the sync rounds do; each burst is accepted
        // with the engine paused (so the queue builds up), then drained.
        let accept_rounds = rounds.min(ACCEPT_ROUNDS);
        let per_burst = events.div_ceil(accept_rounds);
        let (mut signed, mut unsigned, mut drained) =
            (Duration::ZERO, Duration::ZERO, Duration::ZERO);
        let (mut signed_cpu, mut unsigned_cpu, mut drained_cpu) = (
            Some(Duration::ZERO),
            Some(Duration::ZERO),
            Some(Duration::ZERO),
        );
        for round in 0..accept_rounds {
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
        let total = per_burst * accept_rounds;
        let per_event = |cpu: Option<Duration>, events: usize| match cpu {
            Some(cpu) => format!(
                ", CPU {:.1} us/event",
                cpu.as_secs_f64() * 1e6 / events as f64
            ),
            None => String::new(),
        };
        println!(
            "durable async accept: {total} in {:.2} s = {:.0}/s{} (target >= 10000/s; {accept_rounds} bursts of {per_burst})",
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
    }

    let calls = events;
    let raw = fc3_credentials::http_client_builder()
        .no_proxy()
        .build()
        .expect("a client");
    let paths = [
        ("unsigned raw reqwest", SyncPath::Raw(&raw)),
        ("raw reqwest signed with acs3", SyncPath::SignedRaw(&raw)),
        ("fc3-client", SyncPath::Client),
    ];
    // For a profiler: FC3_LOCAL_BENCH_SYNC_PATH=N (0, 1 or 2, in the order above) runs that
    // path alone.
    let only_path: Option<usize> = std::env::var("FC3_LOCAL_BENCH_SYNC_PATH")
        .ok()
        .and_then(|p| p.parse().ok())
        .filter(|&p| p < paths.len());
    // Rounds rotate which client goes first, so a change in the machine's load during the run
    // weighs on every path alike.
    let mut wall = [Duration::ZERO; 3];
    let mut cpu = [Some(Duration::ZERO); 3];
    let per_round = calls.div_ceil(rounds);
    let endpoint = server.endpoint();
    for round in 0..rounds {
        for turn in 0..paths.len() {
            let p = (round + turn) % paths.len();
            if only_path.is_some_and(|only| only != p) {
                continue;
            }
            let burst = sync_burst(&client, paths[p].1, &endpoint, per_round, in_flight);
            measured(burst, &mut wall[p], &mut cpu[p]).await;
        }
    }
    let total = per_round * rounds;
    let rates = wall.map(|w| rate(total, w));
    println!("sync echo, {rounds} rounds of {per_round}, {in_flight} in flight:");
    for (p, (name, _)) in paths.iter().enumerate() {
        if only_path.is_some_and(|only| only != p) {
            continue;
        }
        let cpu_per_call = cpu[p]
            .map(|c| format!(", CPU {:.1} us/call", c.as_secs_f64() * 1e6 / total as f64))
            .unwrap_or_default();
        println!(
            "  {name}: {:.0}/s = {:.0}% of unsigned raw{cpu_per_call}",
            rates[p],
            100.0 * rates[p] / rates[0]
        );
    }
    if only_path.is_none() {
        println!(
            "  fc3-client: {:.0}% of unsigned raw (target >= 80%), {:.0}% of signed raw",
            100.0 * rates[2] / rates[0],
            100.0 * rates[2] / rates[1]
        );
    }
    // One call at a time, so that nothing else runs in between.
    let mut allocations = Vec::new();
    for (name, path) in paths {
        let region = Region::new(GLOBAL);
        sync_burst(&client, path, &endpoint, 1000, 1).await;
        allocations.push(format!(
            "{name} {:.1}",
            region.change().allocations as f64 / 1000.0
        ));
    }
    println!(
        "allocations per sync echo (client and server): {}",
        allocations.join(", ")
    );
    server.shutdown().await;
}
