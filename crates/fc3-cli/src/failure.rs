//! What can go wrong in a command, how it is shown, and which exit code it gives.
//!
//! Exit codes: 0 success; 1 the function failed (or the task awaited ended badly); 2 a usage,
//! credentials, service, network or local error. clap's own usage errors also exit 2.

use std::fmt;
use std::process::ExitCode;

use serde_json::{Value, json};

/// How a command that ran to its end went.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Everything worked: exit 0.
    Success,
    /// The function (or the task awaited) failed: exit 1.
    FunctionFailed,
}

impl From<Outcome> for ExitCode {
    fn from(outcome: Outcome) -> Self {
        match outcome {
            Outcome::Success => ExitCode::SUCCESS,
            Outcome::FunctionFailed => ExitCode::from(1),
        }
    }
}

/// The exit code of every [`Failure`].
pub const ERROR_EXIT: u8 = 2;

/// A command that could not do its job (exit 2).
#[derive(Debug)]
pub enum Failure {
    /// A flag value that parsed but cannot be used, e.g. an event file that cannot be read.
    Usage(String),
    /// The client or the service refused, or the call could not travel.
    Client(fc3_client::Error),
    /// A local file or stream could not be read or written.
    Io {
        /// What was being done, e.g. `writing answer.json`.
        context: String,
        /// The I/O error.
        source: std::io::Error,
    },
    /// The embedded or foreground fc3-local could not run.
    Local(String),
    /// The awaited task did not end in time.
    WaitTimeout(String),
}

impl From<fc3_client::Error> for Failure {
    fn from(error: fc3_client::Error) -> Self {
        Failure::Client(error)
    }
}

impl Failure {
    /// An I/O failure while doing `context`.
    pub fn io(context: impl Into<String>, source: std::io::Error) -> Self {
        Failure::Io {
            context: context.into(),
            source,
        }
    }

    /// A short machine-readable kind: `usage`, `validation`, `credentials`, `service`,
    /// `function`, `transport`, `timeout`, `response`, `config`, `io` or `local`.
    pub fn kind(&self) -> &'static str {
        use fc3_client::Error as E;
        match self {
            Failure::Usage(_) => "usage",
            Failure::Io { .. } => "io",
            Failure::Local(_) => "local",
            Failure::WaitTimeout(_) => "timeout",
            Failure::Client(e) => match e {
                E::Validation { .. } => "validation",
                E::Credentials(_) => "credentials",
                E::Service(_) => "service",
                E::Function(_) => "function",
                E::Transport { .. } => "transport",
                E::Timeout { .. } => "timeout",
                E::Response { .. } => "response",
                E::Config(_) => "config",
                _ => "client",
            },
        }
    }

    /// FC's error code, when the service gave one.
    pub fn code(&self) -> Option<&str> {
        match self {
            Failure::Client(e) => e.code().filter(|c| !c.is_empty()),
            _ => None,
        }
    }

    /// The request id, when the service answered.
    pub fn request_id(&self) -> Option<&str> {
        match self {
            Failure::Client(e) => e.request_id(),
            _ => None,
        }
    }

    /// The HTTP status, when the service answered.
    pub fn status(&self) -> Option<u16> {
        match self {
            Failure::Client(e) => e.status(),
            _ => None,
        }
    }

    /// The message, without the code and request id (shown apart).
    pub fn message(&self) -> String {
        use fc3_client::Error as E;
        match self {
            Failure::Usage(m) | Failure::Local(m) | Failure::WaitTimeout(m) => m.clone(),
            Failure::Io { context, source } => format!("{context}: {source}"),
            Failure::Client(E::Service(e)) => {
                if e.message.is_empty() {
                    "the service refused the request".to_string()
                } else {
                    e.message.clone()
                }
            }
            Failure::Client(E::Transport { source, .. }) => {
                format!("the request could not travel: {}", chain(source.as_ref()))
            }
            Failure::Client(e) => e.to_string(),
        }
    }

    /// What to try next, when there is an obvious next step; `local` says whether the
    /// command ran against an embedded fc3-local.
    pub fn hint(&self, local: bool) -> Option<&'static str> {
        use fc3_client::Error as E;
        match self {
            Failure::Client(E::Credentials(_)) => Some(
                "set ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET, pick a \
                 profile with --profile, or try --local",
            ),
            Failure::Client(E::Config(m)) if m.contains("region") => {
                Some("pass --region or --endpoint, or --local for an embedded emulator")
            }
            Failure::Client(E::Transport { .. }) => {
                Some("check --endpoint / --region and that the server is reachable")
            }
            Failure::Client(E::Service(e))
                if local
                    && matches!(
                        e.code.as_str(),
                        "AsyncTaskNotExists" | "AsyncConfigNotExists"
                    ) =>
            {
                Some(
                    "with --local every command has its own emulator and nothing is kept between \
                     commands: run `fc3 local`, then use --endpoint",
                )
            }
            _ => None,
        }
    }

    /// The JSON document printed on stdout under `--output json`.
    pub fn to_json(&self) -> Value {
        json!({
            "error": {
                "kind": self.kind(),
                "code": self.code(),
                "message": self.message(),
                "status": self.status(),
                "requestId": self.request_id(),
            }
        })
    }

    /// The text printed on stderr: `error: ...`, then the code, status and request id, and a
    /// hint (see [`Failure::hint`]).
    pub fn render_text(&self, local: bool) -> String {
        let mut out = format!(
            "{} {}\n",
            console::style("error:").for_stderr().red().bold(),
            self.message()
        );
        if let Some(code) = self.code() {
            match self.status() {
                Some(status) => out.push_str(&format!("  code:       {code} (HTTP {status})\n")),
                None => out.push_str(&format!("  code:       {code}\n")),
            }
        } else if let Some(status) = self.status() {
            out.push_str(&format!("  status:     HTTP {status}\n"));
        }
        if let Some(id) = self.request_id() {
            out.push_str(&format!("  request id: {id}\n"));
        }
        if let Some(hint) = self.hint(local) {
            out.push_str(&format!(
                "  {} {hint}\n",
                console::style("hint:").for_stderr().cyan()
            ));
        }
        out
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message())?;
        if let Some(code) = self.code() {
            write!(f, " [{code}]")?;
        }
        if let Some(id) = self.request_id() {
            write!(f, " [request id {id}]")?;
        }
        Ok(())
    }
}

/// An error and its sources, joined with `: ` (reqwest's own message alone is often vague).
pub fn chain(error: &(dyn std::error::Error + 'static)) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        let cause_text = cause.to_string();
        if !text.contains(&cause_text) {
            text.push_str(": ");
            text.push_str(&cause_text);
        }
        source = cause.source();
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn usage_failures_render_plainly() {
        let f = Failure::Usage("cannot read x.json: No such file".into());
        assert_eq!(f.kind(), "usage");
        assert!(f.render_text(false).contains("cannot read x.json"));
        let doc = f.to_json();
        assert_eq!(doc["error"]["kind"], "usage");
        assert!(doc["error"]["requestId"].is_null());
    }

    #[test]
    fn config_failures_hint_at_connection_flags() {
        let f = Failure::Client(fc3_client::Error::Config(
            "set a region (e.g. cn-hangzhou) or an endpoint URL".into(),
        ));
        assert!(f.render_text(false).contains("--local"));
        assert_eq!(f.kind(), "config");
    }
}
