//! `fc3`, the command line of the fc3 toolkit for Alibaba Cloud Function Compute 3.0.
//!
//! ```text
//! fc3 demo                                   the whole product, offline
//! fc3 --local invoke echo --event '{}'       one call against an embedded fc3-local
//! fc3 --region cn-hangzhou invoke my-fn --event-file event.json
//! fc3 async-config put my-fn --max-retries 0 --on-failure ARN --async-task
//! fc3 task wait my-fn my-task
//! fc3 local                                  the emulator in the foreground
//! ```
//!
//! # Stages
//! Like ripgrep, the program runs in three stages:
//! 1. [`flags`]: the command line as data (clap derive), with help and examples; no I/O.
//! 2. [`setup`]: flags become real objects: a [`fc3_client::Client`] (FC, an explicit
//!    endpoint, or an [`embedded`] fc3-local), the event bytes, the outfile.
//! 3. [`cmd`]: the commands, printing through [`output`] and failing with [`failure`].
//!
//! # Exit codes
//! 0 success; 1 the function failed (or the task awaited ended Failed, Expired, Stopped or
//! Invalid); 2 a usage, credentials, service, network or local error.

mod cmd;
mod embedded;
mod failure;
mod flags;
mod output;
mod setup;
#[cfg(test)]
mod spec_coverage;

use std::process::ExitCode;
use std::time::Duration;

use clap::Parser;

use crate::failure::{ERROR_EXIT, Failure};
use crate::flags::{Cli, Command, OutputFormat};
use crate::output::Out;

fn main() -> ExitCode {
    // clap prints usage errors and exits 2 itself; --help and --version exit 0.
    let cli = Cli::parse();
    if std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()) {
        console::set_colors_enabled(false);
        console::set_colors_enabled_stderr(false);
    }
    let default_level = match cli.command {
        // The foreground emulator logs its requests, as the fc3-local binary does.
        Command::Local(_) => 1,
        _ => 0,
    };
    init_tracing(cli.global.verbose.max(default_level));
    let format = cli.global.output;
    let local = cli.global.local;
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(e) => {
            return report(
                &Failure::Local(format!("cannot start the async runtime: {e}")),
                format,
                local,
            );
        }
    };
    let result = runtime.block_on(cmd::run(cli));
    runtime.shutdown_timeout(Duration::from_millis(200));
    match result {
        Ok(outcome) => outcome.into(),
        // A reader that went away (`fc3 ... | head`) is not an error worth a message.
        Err(Failure::Io { source, .. }) if source.kind() == std::io::ErrorKind::BrokenPipe => {
            ExitCode::SUCCESS
        }
        Err(failure) => report(&failure, format, local),
    }
}

/// Prints a failure (a JSON document on stdout under `--output json`, always a readable
/// message on stderr) and returns exit code 2.
fn report(failure: &Failure, format: OutputFormat, local: bool) -> ExitCode {
    let out = Out::new(format);
    if out.is_json() {
        let _ = out.json(&failure.to_json());
    }
    out.err(&failure.render_text(local));
    ExitCode::from(ERROR_EXIT)
}

/// Logs to stderr: nothing by default (warnings and retries included: failures are reported
/// as errors), then info, debug and trace with each `-v`.
fn init_tracing(verbosity: u8) {
    let level = match verbosity {
        0 => return,
        1 => tracing::Level::INFO,
        2 => tracing::Level::DEBUG,
        _ => tracing::Level::TRACE,
    };
    let _ = tracing_subscriber::fmt()
        .with_max_level(level)
        .with_writer(std::io::stderr)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .try_init();
}
