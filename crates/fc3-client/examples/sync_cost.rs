//! What a synchronous InvokeFunction costs fc3-client in CPU, beside the least any client can
//! do (not a test: it prints figures, and exits non-zero only when a call fails).
//!
//! ```text
//! cargo run --release -p fc3-client --example sync_cost -- [--calls N] [--rounds R]
//!     [--in-flight 1,16] [--only unsigned|signed|fc3-client] [--show-headers]
//! ```
//!
//! The client runs in this process; the server, a child process (this executable re-run with
//! `--serve`), is a trivial HTTP/1.1 server on 127.0.0.1 that answers every request 200 with a
//! small fixed body and verifies nothing, so its work is the same for every path and none of
//! it is counted. Each process is pinned to its own core with `taskset` (the output says when
//! it could not be). The client, on a current-thread tokio runtime, sends the same POST to
//! `/2023-03-30/functions/echo/invocations` with a 64-byte body on three paths:
//!
//! - `unsigned`: raw reqwest, as fc3-client's HTTP client is built, with no FC headers;
//! - `signed`: the same raw reqwest request with FC's headers (`x-acs-version`,
//!   `x-acs-action`, `x-acs-date`, `x-acs-signature-nonce`, `x-acs-content-sha256`, `host`)
//!   and an `acs3::authorization_with` signature made in place: the floor for any signed
//!   client;
//! - `fc3-client`: `client.invoke_function("echo").payload(..).send()` with static credentials.
//!
//! For each concurrency (`--in-flight`, default 1 and 16 calls in flight) it runs `--rounds`
//! rounds (default 11); each round sends `--calls` calls (default 5000) on each path, in an order
//! that rotates from round to round so that a change in the machine's load weighs on every
//! path alike. It measures the client process's CPU time (user and system, all threads, in
//! nanoseconds from `/proc/self/task/*/schedstat`) and the wall time of each burst, prints a
//! table per round, then the medians over rounds: CPU µs per call of each path, and the ratios
//! fc3-client / signed (target ≤ 1.10) and signed / unsigned. CPU time per call depends less
//! on how busy the machine is than a rate does, and the ratios, taken within a round, less
//! still. The server's CPU per call is shown beside, for reference.
//!
//! `--show-headers` has the server print each path's first request (they send the same
//! headers). `--only PATH` runs one path, for a profiler: instruction and allocation counts per
//! call, which do not vary from run to run, come from running it twice with different
//! `--calls` under `valgrind --tool=callgrind` (or `--tool=dhat`) and dividing the difference.
//!
//! An example rather than a `[[bench]]`: `cargo bench --workspace` would run it with the
//! criterion benches, and it needs a release build, a child process and about 40 s; run like
//! fc3-local's bench, it compiles with `cargo clippy --all-targets` and runs only when asked.

use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Child, Command, ExitCode, Stdio};
use std::time::{Duration, Instant};

use bytes::Bytes;
use fc3_client::{Client, Credentials};
use reqwest::header::{CONTENT_TYPE, HeaderMap, HeaderName, HeaderValue};

const PATH: &str = "/2023-03-30/functions/echo/invocations";
/// The event every call sends: 64 bytes of JSON.
const EVENT: &[u8; 64] = br#"{"event":"sync-cost","padding":"abcdefghijklmnopqrstuvwxyz0123"}"#;
/// What the server answers to every request.
const ANSWER: &str = r#"{"echo":"sync-cost"}"#;
const ACCESS_KEY_ID: &str = "LTAI-sync-cost";
const ACCESS_KEY_SECRET: &str = "sync-cost-secret";
/// The user agent fc3-client sends, which the raw paths send too.
const USER_AGENT: &str = concat!("fc3-rust/", env!("CARGO_PKG_VERSION"));

/// The three ways of making the call, in the order the tables show them.
const PATHS: [&str; 3] = ["unsigned", "signed", "fc3-client"];

struct Options {
    calls: usize,
    rounds: usize,
    in_flight: Vec<usize>,
    only: Option<usize>,
    show_headers: bool,
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = if args.first().map(String::as_str) == Some("--serve") {
        serve(args.get(1).map(String::as_str) == Some("--show-headers"))
    } else {
        options(&args).and_then(run)
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("sync_cost: {e}");
            ExitCode::FAILURE
        }
    }
}

fn options(args: &[String]) -> Result<Options, String> {
    let mut options = Options {
        calls: 5000,
        rounds: 11,
        in_flight: vec![1, 16],
        only: None,
        show_headers: false,
    };
    let mut args = args.iter();
    while let Some(flag) = args.next() {
        let mut value = || {
            args.next()
                .ok_or_else(|| format!("{flag} needs a value"))
                .map(String::as_str)
        };
        let number = |text: &str| {
            text.parse::<usize>()
                .ok()
                .filter(|&n| n > 0)
                .ok_or_else(|| format!("{flag}: {text:?} is not a positive whole number"))
        };
        match flag.as_str() {
            "--calls" => options.calls = number(value()?)?,
            "--rounds" => options.rounds = number(value()?)?,
            "--in-flight" => {
                options.in_flight = value()?.split(',').map(number).collect::<Result<_, _>>()?;
            }
            "--only" => {
                let name = value()?;
                options.only = Some(
                    PATHS
                        .iter()
                        .position(|p| *p == name)
                        .ok_or_else(|| format!("--only: one of {}", PATHS.join(", ")))?,
                );
            }
            "--show-headers" => options.show_headers = true,
            other => return Err(format!("unknown argument {other:?}; see the file's header")),
        }
    }
    Ok(options)
}

// ---- the server ----------------------------------------------------------------------------

/// The child process: answers every request 200 with [`ANSWER`], prints its address on the
/// first line of stdout, and exits when its stdin closes (when the bench ends, however it ends).
/// With `show`, it also prints to stderr each request head whose set of header names it has
/// not seen yet (one per path, which shows that the paths send the same headers).
fn serve(show: bool) -> Result<(), String> {
    std::thread::spawn(|| {
        let _ = std::io::stdin().read_to_end(&mut Vec::new());
        std::process::exit(0);
    });
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| format!("a runtime: {e}"))?;
    runtime.block_on(async {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .map_err(|e| format!("binding 127.0.0.1:0: {e}"))?;
        let address = listener.local_addr().map_err(|e| e.to_string())?;
        println!("{address}");
        std::io::stdout().flush().map_err(|e| e.to_string())?;
        let answer = || {
            (
                [
                    ("content-type", "application/json"),
                    ("x-fc-request-id", "sync-cost-request"),
                ],
                ANSWER,
            )
        };
        let app = if show {
            let seen = std::sync::Arc::new(std::sync::Mutex::new(std::collections::HashSet::new()));
            axum::Router::new().fallback(move |head: axum::http::request::Parts, _body: Bytes| {
                let names: Vec<String> = head.headers.keys().map(|n| n.to_string()).collect();
                if seen.lock().is_ok_and(|mut seen| seen.insert(names)) {
                    eprintln!("server: {} {}", head.method, head.uri);
                    for (name, value) in &head.headers {
                        eprintln!("  {name}: {}", String::from_utf8_lossy(value.as_bytes()));
                    }
                }
                std::future::ready(answer())
            })
        } else {
            axum::Router::new().fallback(move |_body: Bytes| std::future::ready(answer()))
        };
        axum::serve(listener, app)
            .await
            .map_err(|e| format!("serving: {e}"))
    })
}

/// The server process, stopped (stdin closed, then killed) when dropped.
struct Server {
    child: Child,
    address: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        drop(self.child.stdin.take());
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts the server on `core` (through `taskset`, when there is one); true when pinned.
fn start_server(core: Option<usize>, show_headers: bool) -> Result<(Server, bool), String> {
    let exe = std::env::current_exe().map_err(|e| format!("this executable: {e}"))?;
    let mut args = vec!["--serve"];
    if show_headers {
        args.push("--show-headers");
    }
    let spawn = |mut command: Command| {
        command
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
    };
    let unpinned = || {
        let mut command = Command::new(&exe);
        command.args(&args);
        spawn(command).map_err(|e| format!("starting the server: {e}"))
    };
    let (mut child, pinned) = match core {
        Some(core) => {
            let mut taskset = Command::new("taskset");
            taskset
                .arg("-c")
                .arg(core.to_string())
                .arg(&exe)
                .args(&args);
            match spawn(taskset) {
                Ok(child) => (child, true),
                Err(_) => (unpinned()?, false),
            }
        }
        None => (unpinned()?, false),
    };
    let mut line = String::new();
    let stdout = child.stdout.take().ok_or("the server's stdout")?;
    BufReader::new(stdout)
        .read_line(&mut line)
        .map_err(|e| format!("reading the server's address: {e}"))?;
    let address = line.trim().to_string();
    let server = Server { child, address };
    if server.address.is_empty() {
        return Err("the server did not start".into());
    }
    Ok((server, pinned))
}

/// Pins every thread of this process to `core` with `taskset`; false when it could not.
fn pin_self(core: usize) -> bool {
    Command::new("taskset")
        .args([
            "-a",
            "-p",
            "-c",
            &core.to_string(),
            &std::process::id().to_string(),
        ])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|status| status.success())
}

// ---- measuring -----------------------------------------------------------------------------

/// CPU time of a process so far (user and system, every live thread), in nanoseconds: the
/// first field of each thread's `schedstat`. `None` without procfs.
fn cpu_ns(pid: &str) -> Option<u64> {
    let mut total = 0;
    for task in std::fs::read_dir(format!("/proc/{pid}/task")).ok()? {
        let stat = std::fs::read_to_string(task.ok()?.path().join("schedstat")).ok()?;
        total += stat.split_whitespace().next()?.parse::<u64>().ok()?;
    }
    Some(total)
}

/// One burst's figures.
#[derive(Clone, Copy, Default)]
struct Burst {
    wall: Duration,
    client_ns: Option<u64>,
    server_ns: Option<u64>,
}

impl Burst {
    fn client_us_per_call(&self, calls: usize) -> Option<f64> {
        self.client_ns.map(|ns| ns as f64 / 1e3 / calls as f64)
    }

    fn server_us_per_call(&self, calls: usize) -> Option<f64> {
        self.server_ns.map(|ns| ns as f64 / 1e3 / calls as f64)
    }

    fn rate(&self, calls: usize) -> f64 {
        calls as f64 / self.wall.as_secs_f64()
    }
}

fn median(mut values: Vec<f64>) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    values.sort_by(f64::total_cmp);
    let mid = values.len() / 2;
    Some(if values.len() % 2 == 1 {
        values[mid]
    } else {
        (values[mid - 1] + values[mid]) / 2.0
    })
}

fn shown(value: Option<f64>, digits: usize) -> String {
    value.map_or_else(|| "-".to_string(), |v| format!("{v:.digits$}"))
}

// ---- the three paths -----------------------------------------------------------------------

/// What the calls need, shared by the workers of a burst.
#[derive(Clone)]
struct Callers {
    raw: reqwest::Client,
    client: Client,
    url: String,
    host: String,
    key: acs3::AccessKey,
    nonce_prefix: u64,
    event: Bytes,
}

impl Callers {
    async fn call(&self, path: usize) -> Result<(), String> {
        let (status, answered) = match path {
            0 | 1 => {
                let mut request = self
                    .raw
                    .post(&self.url)
                    .header(
                        CONTENT_TYPE,
                        HeaderValue::from_static("application/octet-stream"),
                    )
                    .body(self.event.clone());
                if path == 1 {
                    request = request.headers(self.signed_headers()?);
                }
                let response = request.send().await.map_err(|e| e.to_string())?;
                let status = response.status().as_u16();
                let body = response.bytes().await.map_err(|e| e.to_string())?;
                (status, body == ANSWER.as_bytes())
            }
            _ => {
                let output = self
                    .client
                    .invoke_function("echo")
                    .payload(self.event.clone())
                    .send()
                    .await
                    .map_err(|e| e.to_string())?;
                (output.status(), output.payload() == ANSWER.as_bytes())
            }
        };
        if status != 200 || !answered {
            return Err(format!(
                "{}: answered {status}, not 200 with the server's body",
                PATHS[path]
            ));
        }
        Ok(())
    }

    /// FC's headers and an ACS3 signature over them, made in place with acs3: what any
    /// signed client must add (the header names are static, as a lean client's would be).
    fn signed_headers(&self) -> Result<HeaderMap, String> {
        static NONCES: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
        let date = acs3::format_date(std::time::SystemTime::now()).ok_or("a date")?;
        // A prefix that tells processes apart, then a counter: unique, with no system call
        // and no allocation per request.
        let count = NONCES.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let mut raw = [0u8; 16];
        raw[..8].copy_from_slice(&self.nonce_prefix.to_be_bytes());
        raw[8..].copy_from_slice(&count.to_be_bytes());
        let mut nonce = [0u8; 32];
        hex::encode_to_slice(raw, &mut nonce).map_err(|e| e.to_string())?;
        let nonce = std::str::from_utf8(&nonce).map_err(|e| e.to_string())?;
        let body_sha256 = acs3::payload_sha256_hex(&self.event);
        let signed = [
            ("content-type", "application/octet-stream"),
            ("host", self.host.as_str()),
            ("x-acs-action", "InvokeFunction"),
            ("x-acs-content-sha256", body_sha256.as_str()),
            ("x-acs-date", date.as_str()),
            ("x-acs-signature-nonce", nonce),
            ("x-acs-version", "2023-03-30"),
        ];
        let parts = acs3::RequestParts::new("POST", PATH)
            .with_headers(&signed)
            .with_payload(acs3::Payload::Sha256Hex(&body_sha256));
        let authorization =
            acs3::authorization_with(&self.key, &parts, acs3::is_go_ts_signed_header)
                .map_err(|e| e.to_string())?;
        let mut headers = HeaderMap::with_capacity(8);
        for (name, value) in signed[1..]
            .iter()
            .copied()
            .chain([("authorization", authorization.as_str())])
        {
            let value = HeaderValue::from_str(value).map_err(|e| e.to_string())?;
            headers.insert(HeaderName::from_static(name), value);
        }
        Ok(headers)
    }
}

/// `calls` calls on `path`, `in_flight` at a time, measured.
async fn burst(
    callers: &Callers,
    path: usize,
    calls: usize,
    in_flight: usize,
    server_pid: &str,
) -> Result<Burst, String> {
    let me = std::process::id().to_string();
    let (client_before, server_before) = (cpu_ns(&me), cpu_ns(server_pid));
    let started = Instant::now();
    let mut workers = tokio::task::JoinSet::new();
    for worker in 0..in_flight {
        let callers = callers.clone();
        let share = calls / in_flight + usize::from(worker < calls % in_flight);
        workers.spawn(async move {
            for _ in 0..share {
                callers.call(path).await?;
            }
            Ok::<(), String>(())
        });
    }
    while let Some(done) = workers.join_next().await {
        done.map_err(|e| format!("a worker: {e}"))??;
    }
    let wall = started.elapsed();
    let since = |before: Option<u64>, after: Option<u64>| Some(after?.saturating_sub(before?));
    Ok(Burst {
        wall,
        client_ns: since(client_before, cpu_ns(&me)),
        server_ns: since(server_before, cpu_ns(server_pid)),
    })
}

// ---- the run -------------------------------------------------------------------------------

fn run(options: Options) -> Result<(), String> {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let (client_core, server_core) = if cores >= 2 {
        (Some(0), Some(1))
    } else {
        (None, None)
    };
    let (server, server_pinned) = start_server(server_core, options.show_headers)?;
    let client_pinned = client_core.is_some_and(pin_self);
    let pinning = match (client_pinned, server_pinned) {
        (true, true) => "client on core 0, server on core 1".to_string(),
        _ => format!(
            "NOT pinned ({cores} core(s), taskset {}): figures include scheduling noise",
            if Command::new("taskset").arg("-V").output().is_ok() {
                "present"
            } else {
                "missing"
            }
        ),
    };
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| format!("a runtime: {e}"))?;
    // Other work on the machine slows every path; the load says how busy it was.
    let load = std::fs::read_to_string("/proc/loadavg")
        .ok()
        .and_then(|l| l.split_whitespace().next().map(str::to_string))
        .unwrap_or_else(|| "unknown".to_string());
    println!(
        "sync_cost: POST {PATH} with a {}-byte body to a trivial server at {}; {pinning}; \
         {} rounds of {} calls per path; load average {load} on {cores} cores",
        EVENT.len(),
        server.address,
        options.rounds,
        options.calls
    );
    let server_pid = server.child.id().to_string();
    runtime.block_on(async {
        let endpoint = format!("http://{}", server.address);
        let raw = fc3_credentials::http_client_builder()
            .connect_timeout(Duration::from_secs(10))
            .user_agent(USER_AGENT)
            .no_proxy()
            .build()
            .map_err(|e| format!("a reqwest client: {e}"))?;
        let client = Client::builder()
            .endpoint(&endpoint)
            .credentials(
                Credentials::new(ACCESS_KEY_ID, ACCESS_KEY_SECRET).map_err(|e| e.to_string())?,
            )
            .build()
            .map_err(|e| e.to_string())?;
        let callers = Callers {
            raw,
            client,
            url: format!("{endpoint}{PATH}"),
            host: server.address.clone(),
            key: acs3::AccessKey::new(ACCESS_KEY_ID, ACCESS_KEY_SECRET),
            nonce_prefix: u64::from(std::process::id()),
            event: Bytes::from_static(EVENT),
        };
        let paths: Vec<usize> = (0..PATHS.len())
            .filter(|p| options.only.is_none_or(|only| only == *p))
            .collect();
        for &in_flight in &options.in_flight {
            // Warm up: connections opened, code and caches warm, on every path.
            for &path in &paths {
                burst(
                    &callers,
                    path,
                    options.calls / 4 + in_flight,
                    in_flight,
                    &server_pid,
                )
                .await?;
            }
            let mut rounds: Vec<[Option<Burst>; 3]> = Vec::new();
            println!(
                "\n{in_flight} in flight: client CPU us per call of each path, the paths run in \
                 the order shown (0 unsigned, 1 signed, 2 fc3-client); the server's CPU us per \
                 call beside"
            );
            println!(
                "{:>5}  {:>5}  {:>10}  {:>10}  {:>10}  {:>10}  {:>10}  {:>14}",
                "round",
                "order",
                "unsigned",
                "signed",
                "fc3-client",
                "fc3/signed",
                "signed/uns",
                "server u/s/f",
            );
            for round in 0..options.rounds {
                let mut figures: [Option<Burst>; 3] = [None; 3];
                let order: Vec<usize> = (0..paths.len())
                    .map(|turn| paths[(round + turn) % paths.len()])
                    .collect();
                for &path in &order {
                    figures[path] =
                        Some(burst(&callers, path, options.calls, in_flight, &server_pid).await?);
                }
                let cpu = |p: usize| figures[p].and_then(|b| b.client_us_per_call(options.calls));
                let ratio = |a: usize, b: usize| Some(cpu(a)? / cpu(b)?);
                let servers: Vec<String> = figures
                    .iter()
                    .map(|b| shown(b.and_then(|b| b.server_us_per_call(options.calls)), 1))
                    .collect();
                println!(
                    "{:>5}  {:>5}  {:>10}  {:>10}  {:>10}  {:>10}  {:>10}  {:>14}",
                    round + 1,
                    order
                        .iter()
                        .map(|p| p.to_string())
                        .collect::<Vec<_>>()
                        .join(""),
                    shown(cpu(0), 2),
                    shown(cpu(1), 2),
                    shown(cpu(2), 2),
                    shown(ratio(2, 1), 3),
                    shown(ratio(1, 0), 3),
                    servers.join("/"),
                );
                rounds.push(figures);
            }
            report(&rounds, options.calls);
        }
        Ok::<(), String>(())
    })?;
    drop(server);
    Ok(())
}

/// The medians over rounds.
fn report(rounds: &[[Option<Burst>; 3]], calls: usize) {
    let per_round = |f: &dyn Fn(&[Option<Burst>; 3]) -> Option<f64>| -> Option<f64> {
        median(rounds.iter().filter_map(f).collect())
    };
    let cpu = |figures: &[Option<Burst>; 3], p: usize| figures[p]?.client_us_per_call(calls);
    println!("median over {} rounds:", rounds.len());
    for (p, name) in PATHS.iter().enumerate() {
        let client = per_round(&|f| cpu(f, p));
        if client.is_none() {
            continue;
        }
        println!(
            "  {name:<10}  client CPU {:>6} us/call   server CPU {:>6} us/call   {:>7} calls/s",
            shown(client, 2),
            shown(per_round(&|f| f[p]?.server_us_per_call(calls)), 2),
            shown(per_round(&|f| Some(f[p]?.rate(calls))), 0),
        );
    }
    let fc3_to_signed = per_round(&|f| Some(cpu(f, 2)? / cpu(f, 1)?));
    let signed_to_unsigned = per_round(&|f| Some(cpu(f, 1)? / cpu(f, 0)?));
    if let Some(ratio) = fc3_to_signed {
        println!(
            "  fc3-client / signed floor: {ratio:.3} (target <= 1.10: {})",
            if ratio <= 1.10 { "met" } else { "MISSED" }
        );
    }
    if let Some(ratio) = signed_to_unsigned {
        println!("  signed floor / unsigned:   {ratio:.3}");
    }
}
