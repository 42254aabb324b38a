//! `fc3-local` as a child process: started from its binary, its endpoint read from its first
//! line of stdout, stopped with SIGTERM or SIGKILL, its memory read from /proc.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;

use fc3_local::SystemClock;

use super::Client;

/// A running `fc3-local` child process.
pub struct Process {
    pub child: Child,
    pub endpoint: String,
}

/// The binary with the arguments every test gives it (a free port, warnings only) and a clean
/// environment; `wrapper` runs it through another program (e.g. `prlimit ... --`).
pub fn command(wrapper: &[&str], args: &[&str]) -> Command {
    command_on("127.0.0.1:0", wrapper, args)
}

/// [`command`], listening on `listen`.
pub fn command_on(listen: &str, wrapper: &[&str], args: &[&str]) -> Command {
    let binary = env!("CARGO_BIN_EXE_fc3-local");
    let mut command = match wrapper.split_first() {
        None => Command::new(binary),
        Some((program, rest)) => {
            let mut c = Command::new(program);
            c.args(rest).arg(binary);
            c
        }
    };
    command
        .args(["--listen", listen, "--log-level", "warn"])
        .args(args)
        .env_remove("FC3_LOCAL_ACCESS_KEY_ID")
        .env_remove("FC3_LOCAL_ACCESS_KEY_SECRET")
        .env_remove("RUST_LOG")
        .stdin(Stdio::null());
    command
}

impl Process {
    pub fn spawn(args: &[&str], env: &[(&str, &str)]) -> Process {
        let mut command = command(&[], args);
        for (k, v) in env {
            command.env(k, v);
        }
        Self::start(command)
    }

    /// Starts `command` (see [`command`]) and waits for its endpoint.
    pub fn start(mut command: Command) -> Process {
        command.stdout(Stdio::piped()).stderr(Stdio::null());
        let mut child = command.spawn().expect("fc3-local starts");
        let stdout = child.stdout.take().unwrap();
        let mut line = String::new();
        BufReader::new(stdout)
            .read_line(&mut line)
            .expect("a first line");
        let endpoint = line
            .trim_end()
            .strip_prefix("fc3-local listening on ")
            .unwrap_or_else(|| panic!("unexpected first line {line:?}"))
            .to_owned();
        assert!(endpoint.starts_with("http://127.0.0.1:"), "{endpoint}");
        Process { child, endpoint }
    }

    pub fn client(&self) -> Client {
        Client::new(&self.endpoint, Arc::new(SystemClock))
    }

    /// SIGKILL: no chance to flush anything.
    pub fn kill9(mut self) {
        self.child.kill().unwrap();
        self.child.wait().unwrap();
    }

    /// SIGTERM, and waits for the exit: a graceful stop.
    pub fn terminate(mut self) {
        let pid = rustix::process::Pid::from_raw(self.child.id() as i32).expect("a pid");
        rustix::process::kill_process(pid, rustix::process::Signal::TERM).expect("SIGTERM");
        let status = self.child.wait().unwrap();
        assert!(status.success(), "fc3-local exited with {status}");
    }

    /// Its resident memory in KiB (VmRSS of /proc/PID/status).
    pub fn rss_kib(&self) -> u64 {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id()))
            .expect("/proc/PID/status");
        status
            .lines()
            .find_map(|l| l.strip_prefix("VmRSS:"))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
            .expect("VmRSS")
    }
}

impl Drop for Process {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
