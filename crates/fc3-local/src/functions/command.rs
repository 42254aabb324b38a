//! `kind = "command"`: a process per invocation, the event on stdin, the answer on stdout,
//! the log on stderr, the context in the environment; the process group is killed when the
//! invocation is dropped (a timeout, a stop, a client gone).

use std::collections::BTreeMap;
use std::process::Stdio;

use bytes::Bytes;
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWriteExt};

use super::{
    Failure, Function, InvokeContext, LOG_KEEP_BYTES, MAX_RESPONSE_BYTES, Outcome, UNHANDLED,
    unhandled,
};
use crate::config::CommandLine;

/// What to run.
pub(super) struct Command {
    pub(super) line: CommandLine,
    pub(super) cwd: Option<std::path::PathBuf>,
    pub(super) env: BTreeMap<String, String>,
}

impl Command {
    pub(super) async fn run(
        &self,
        function: &Function,
        ctx: &InvokeContext,
        event: Bytes,
    ) -> (Outcome, Vec<u8>) {
        let mut cmd = match &self.line {
            CommandLine::Shell(script) => {
                let mut c = tokio::process::Command::new("sh");
                c.arg("-c").arg(script);
                c
            }
            CommandLine::Argv(argv) => {
                let (program, args) = argv
                    .split_first()
                    .map_or(("false", &[][..]), |(p, a)| (p.as_str(), a));
                let mut c = tokio::process::Command::new(program);
                c.args(args);
                c
            }
        };
        cmd.stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .kill_on_drop(true)
            .process_group(0)
            .envs(&self.env)
            .env("FC_REQUEST_ID", &ctx.request_id)
            .env("FC_FUNCTION_NAME", &function.name)
            .env("FC_QUALIFIER", &ctx.qualifier)
            .env("FC_FUNCTION_VERSION", &ctx.version)
            .env("FC_REGION", &ctx.region)
            .env("FC_ACCOUNT_ID", &ctx.account_id)
            .env("FC_INSTANCE_ID", &function.instance_id)
            .env(
                "FC_FUNCTION_TIMEOUT",
                function.timeout.as_secs().max(1).to_string(),
            );
        if let Some(dir) = &self.cwd {
            cmd.current_dir(dir);
        }
        let mut child = match cmd.spawn() {
            Ok(child) => child,
            Err(e) => {
                let message = format!("cannot start the command: {e}");
                return unhandled("CommandNotStarted", &message);
            }
        };
        // If this future is dropped (timeout, stop, client gone), kill the whole group, so a
        // shell's children die with it.
        let mut group = GroupKill(child.id());
        let stdin = child.stdin.take();
        let stdout = child.stdout.take();
        let stderr = child.stderr.take();
        let write = async move {
            if let Some(mut stdin) = stdin {
                // A command that does not read its input is fine: ignore a broken pipe.
                let _ = stdin.write_all(&event).await;
                let _ = stdin.shutdown().await;
            }
        };
        let (_, out, log) = tokio::join!(
            write,
            read_capped(stdout, MAX_RESPONSE_BYTES),
            read_tail(stderr, LOG_KEEP_BYTES)
        );
        let status = child.wait().await;
        group.0 = None;
        let (out, overflow) = out;
        let outcome = match status {
            Ok(status) if status.success() => {
                if overflow {
                    Outcome::Error(Failure::new(
                        UNHANDLED,
                        "ResponseTooLarge",
                        &format!("the command wrote more than {MAX_RESPONSE_BYTES} bytes"),
                    ))
                } else {
                    Outcome::Success(Bytes::from(out))
                }
            }
            Ok(status) => Outcome::Error(Failure::new(
                UNHANDLED,
                "ProcessExited",
                &format!("Process exited unexpectedly before completing request ({status})"),
            )),
            Err(e) => Outcome::Error(Failure::new(
                UNHANDLED,
                "ProcessExited",
                &format!("cannot wait for the command: {e}"),
            )),
        };
        (outcome, log)
    }
}

/// Kills a process group when dropped, unless disarmed (`.0 = None`).
struct GroupKill(Option<u32>);

impl Drop for GroupKill {
    fn drop(&mut self) {
        if let Some(pid) = self.0.take() {
            // Best effort, without unsafe code: the `kill` utility on the negative pid.
            let _ = std::process::Command::new("kill")
                .args(["-KILL", "--", &format!("-{pid}")])
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .map(|mut child| {
                    std::thread::spawn(move || child.wait());
                });
        }
    }
}

/// Reads everything, keeping at most `cap` bytes; the flag says whether more came.
async fn read_capped(reader: Option<impl AsyncRead + Unpin>, cap: usize) -> (Vec<u8>, bool) {
    let Some(mut reader) = reader else {
        return (Vec::new(), false);
    };
    let mut kept = Vec::new();
    let mut buf = vec![0u8; 64 * 1024];
    let mut overflow = false;
    loop {
        match reader.read(&mut buf).await {
            Ok(0) | Err(_) => break,
            Ok(n) => {
                let room = cap.saturating_sub(kept.len());
                if n > room {
                    overflow = true;
                }
                kept.extend_from_slice(&buf[..n.min(room)]);
            }
        }
    }
    (kept, overflow)
}

/// Reads everything, keeping the last `keep` bytes.
async fn read_tail(reader: Option<impl AsyncRead + Unpin>, keep: usize) -> Vec<u8> {
    let Some(mut reader) = reader else {
        return Vec::new();
    };
    let mut tail = Vec::new();
    let mut buf = vec![0u8; 16 * 1024];
    loop {
        match reader.read(&mut buf).await {
            Ok(0) | Err(_) => break,
            Ok(n) => {
                tail.extend_from_slice(&buf[..n]);
                if tail.len() > 2 * keep {
                    tail.drain(..tail.len() - keep);
                }
            }
        }
    }
    if tail.len() > keep {
        tail.drain(..tail.len() - keep);
    }
    tail
}
