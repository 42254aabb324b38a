//! The `fc3-local` binary: a local Function Compute 3.0 emulator on loopback.
//!
//! Prints exactly one line on stdout, `fc3-local listening on http://IP:PORT`, once it
//! accepts connections; everything else (logs, the development key, warnings) goes to stderr.

use std::io::Write;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;
use fc3_local::{DEV_ACCESS_KEY_ID, DEV_ACCESS_KEY_SECRET, Launch, serve_until_signal};
use tracing_subscriber::EnvFilter;

/// A local Function Compute 3.0 emulator: FC's invocation API on loopback, with a real
/// asynchronous queue (retries, expiry, destinations, async tasks).
#[derive(Debug, Parser)]
#[command(name = "fc3-local", version)]
struct Args {
    /// Address to listen on; port 0 picks a free port (printed on stdout).
    #[arg(long, default_value = "127.0.0.1:9000", value_name = "IP:PORT")]
    listen: SocketAddr,
    /// TOML configuration file (functions, access keys, limits, async engine).
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    /// Keep configurations, accepted events and task history here, durably. Without it,
    /// state is in memory and lost at exit.
    #[arg(long, value_name = "DIR")]
    data_dir: Option<PathBuf>,
    /// Region of ARNs [default: the config's, else cn-hangzhou].
    #[arg(long)]
    region: Option<String>,
    /// Account id of ARNs [default: the config's, else 1234567890123456].
    #[arg(long)]
    account_id: Option<String>,
    /// Log filter for stderr, e.g. `info`, `debug`, `fc3_local=trace`; RUST_LOG wins.
    #[arg(long, default_value = "info", value_name = "FILTER")]
    log_level: String,
    /// Seconds a request head may take to arrive, on a new connection and between requests on
    /// a kept-alive one (so also the idle timeout) [default: the config's, else 30].
    #[arg(long, value_name = "SECONDS")]
    header_read_timeout: Option<f64>,
    /// The longest pause, in seconds, while a request body arrives [default: the config's,
    /// else 30].
    #[arg(long, value_name = "SECONDS")]
    body_read_timeout: Option<f64>,
    /// Connections served at once; more wait [default: the config's, else 3/4 of the
    /// open-file limit, at most 4096].
    #[arg(long, value_name = "N")]
    max_connections: Option<usize>,
}

fn main() -> ExitCode {
    let args = Args::parse();
    let filter = EnvFilter::try_from_default_env()
        .or_else(|_| EnvFilter::try_new(&args.log_level))
        .unwrap_or_else(|_| EnvFilter::new("info"));
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .init();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("fc3-local: cannot start the runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run(args)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("fc3-local: {message}");
            ExitCode::FAILURE
        }
    }
}

async fn run(args: Args) -> Result<(), String> {
    let mut launch = Launch::default();
    launch.config = args.config;
    launch.data_dir = args.data_dir;
    launch.region = args.region;
    launch.account_id = args.account_id;
    launch.header_read_timeout = args.header_read_timeout;
    launch.body_read_timeout = args.body_read_timeout;
    launch.max_connections = args.max_connections;
    let options = launch.options().map_err(|e| e.to_string())?;
    serve_until_signal(options, args.listen, |server| {
        if server.state().accepts_only_the_development_key() {
            eprintln!(
                "fc3-local: accepting the development key pair {DEV_ACCESS_KEY_ID} / {DEV_ACCESS_KEY_SECRET} \
                 (for local use only; set FC3_LOCAL_ACCESS_KEY_ID / FC3_LOCAL_ACCESS_KEY_SECRET or \
                 [[access_keys]] in the config to choose your own)"
            );
        }
        eprintln!("fc3-local: {}", server.inspector_notice());
        let mut stdout = std::io::stdout().lock();
        writeln!(stdout, "fc3-local listening on {}", server.endpoint())?;
        stdout.flush()
    })
    .await
    .map_err(|e| e.to_string())
}
