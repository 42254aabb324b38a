//! Stage one: the command line as data. Every command, flag and value parser lives here, with
//! its help text and examples; nothing here does I/O. [`crate::setup`] turns the parsed flags
//! into real objects (a client, an event, an output format).

use std::path::PathBuf;
use std::time::{Duration, SystemTime};

use clap::{Args, Parser, Subcommand, ValueEnum};
use fc3_client::{AsyncTaskStatus, SortOrder};

/// `NAME:VALUE` for `--header`.
fn parse_header(text: &str) -> Result<(String, String), String> {
    let (name, value) = text
        .split_once(':')
        .ok_or_else(|| format!("{text:?} is not NAME:VALUE"))?;
    if name.trim().is_empty() {
        return Err(format!("{text:?} has no header name before ':'"));
    }
    Ok((name.trim().to_string(), value.trim().to_string()))
}

/// The longest `--max-age` FC accepts: 7 days.
pub const MAX_EVENT_AGE: Duration =
    Duration::from_secs(fc3_models::rules::MAX_ASYNC_EVENT_AGE_SECONDS);

const MAIN_EXAMPLES: &str = "\
Examples:
  fc3 demo                                    the whole product, offline, in a few seconds
  fc3 --local invoke echo --event '{\"hi\":1}'   one call against an embedded emulator
  fc3 --region cn-hangzhou invoke thumbnailer --event-file event.json
  fc3 async-config put thumbnailer --max-retries 0 --on-failure ARN --async-task
  fc3 task wait thumbnailer video-42
  fc3 local --listen 127.0.0.1:9000           run the emulator in the foreground

Connection: --endpoint wins over --region; without either, FC3_ENDPOINT, then
ALIBABA_CLOUD_REGION_ID. Credentials come from the default chain (environment, aliyun CLI
config, ~/.alibabacloud/credentials, ECS RAM role, credentials URI); --profile picks a profile.

Exit codes: 0 success; 1 the function (or the awaited task) failed; 2 a usage, credentials,
service or network error.";

/// `fc3`: invoke Alibaba Cloud Function Compute 3.0 functions, configure their asynchronous
/// invocation and follow async tasks, against FC or the fc3-local emulator.
#[derive(Debug, Parser)]
#[command(
    name = "fc3",
    version,
    about = "Invoke Function Compute 3.0 functions, configure asynchronous invocation, follow async tasks",
    long_about = "fc3 talks to Alibaba Cloud Function Compute 3.0 (API 2023-03-30), or to the fc3-local \
                  emulator with --local, through the fc3 client: signed requests, retries, typed errors.",
    after_help = MAIN_EXAMPLES,
    propagate_version = true,
    max_term_width = 100
)]
pub struct Cli {
    /// Flags every command accepts.
    #[command(flatten)]
    pub global: GlobalArgs,
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// Connection and output flags, accepted before or after the command name.
#[derive(Debug, Args)]
pub struct GlobalArgs {
    /// The FC region, e.g. cn-hangzhou (default: ALIBABA_CLOUD_REGION_ID).
    #[arg(
        long,
        global = true,
        value_name = "REGION",
        help_heading = "Connection"
    )]
    pub region: Option<String>,

    /// Send requests to the account's own endpoint in the region
    /// (ACCOUNT.REGION.fc.aliyuncs.com) instead of the regional one.
    #[arg(
        long,
        global = true,
        value_name = "ACCOUNT",
        conflicts_with = "endpoint",
        help_heading = "Connection"
    )]
    pub account_id: Option<String>,

    /// With --account-id: the account's endpoint inside the region's VPC
    /// (ACCOUNT.REGION-internal.fc.aliyuncs.com), for callers in that VPC.
    #[arg(
        long,
        global = true,
        requires = "account_id",
        help_heading = "Connection"
    )]
    pub internal: bool,

    /// An explicit endpoint URL, e.g. http://127.0.0.1:9000 for a running fc3-local; wins
    /// over --region (default: FC3_ENDPOINT).
    #[arg(long, global = true, value_name = "URL", help_heading = "Connection")]
    pub endpoint: Option<String>,

    /// The credentials profile to use (aliyun CLI config or ~/.alibabacloud/credentials), as
    /// ALIBABA_CLOUD_PROFILE would.
    #[arg(long, global = true, value_name = "NAME", help_heading = "Connection")]
    pub profile: Option<String>,

    /// Run this command against an embedded fc3-local started for it alone (built-in
    /// functions echo, fail, sleep, flaky and sink; development keys; state kept in memory).
    #[arg(
        long,
        global = true,
        conflicts_with_all = ["endpoint", "profile"],
        help_heading = "Connection"
    )]
    pub local: bool,

    /// How results are printed: text for people, json for programs (one JSON document on
    /// stdout per command, errors included).
    #[arg(
        long,
        global = true,
        value_enum,
        default_value_t = OutputFormat::Text,
        value_name = "FORMAT",
        help_heading = "Output"
    )]
    pub output: OutputFormat,

    /// Log to stderr: -v notable events (retries, the embedded emulator), -vv every request.
    #[arg(short, long, global = true, action = clap::ArgAction::Count, help_heading = "Output")]
    pub verbose: u8,
}

/// How results are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    /// Readable text: the result on stdout, metadata and logs on stderr.
    Text,
    /// One JSON document on stdout, with stable field names.
    Json,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Invoke a function (InvokeFunction), synchronously or asynchronously.
    #[command(after_help = INVOKE_EXAMPLES)]
    Invoke(InvokeArgs),

    /// Configure how a function is invoked asynchronously (Put/Get/Delete/ListAsyncInvokeConfig).
    #[command(subcommand, name = "async-config")]
    AsyncConfig(AsyncConfigCommand),

    /// Follow the async tasks of a function (Get/List/StopAsyncTask), or wait for one to end.
    #[command(subcommand)]
    Task(TaskCommand),

    /// Run the fc3-local emulator in the foreground until Ctrl-C.
    #[command(after_help = LOCAL_EXAMPLES)]
    Local(LocalArgs),

    /// Show the whole product offline: async config, sync and async invocations, a task,
    /// destination records and the failure path, against an embedded fc3-local.
    #[command(after_help = DEMO_EXAMPLES)]
    Demo(DemoArgs),

    /// Print a shell completion script.
    #[command(after_help = COMPLETIONS_EXAMPLES)]
    Completions(CompletionsArgs),
}

const INVOKE_EXAMPLES: &str = "\
Examples:
  fc3 --local invoke echo --event '{\"hello\":\"fc3\"}'
  fc3 invoke thumbnailer --event-file event.json --outfile answer.json
  echo '{\"ms\":50}' | fc3 --local invoke sleep --event-file -
  fc3 invoke thumbnailer --qualifier prod --async --task-id video-42
  fc3 --output json invoke thumbnailer --event '{}' | jq .requestId

The function's response goes to stdout (or --outfile); the request id, executed version,
instance, task id and the decoded log tail go to stderr. Exit code 1 when the function failed
(its error type and message are shown), 2 for a usage, credentials, service or network error.";

/// `fc3 invoke`.
#[derive(Debug, Args)]
pub struct InvokeArgs {
    /// The function's name.
    #[arg(value_name = "FUNCTION")]
    pub function: String,

    /// The event, inline (usually JSON).
    #[arg(
        long,
        value_name = "JSON",
        conflicts_with = "event_file",
        help_heading = "Event"
    )]
    pub event: Option<String>,

    /// Read the event from a file, or from stdin with `-`. A file that cannot be read is an
    /// error, never an empty event.
    #[arg(long, value_name = "PATH", help_heading = "Event")]
    pub event_file: Option<PathBuf>,

    /// The version or alias to invoke (default LATEST).
    #[arg(long, value_name = "QUALIFIER")]
    pub qualifier: Option<String>,

    /// Queue the event and return at once (202) instead of waiting for the function.
    #[arg(long = "async")]
    pub asynchronous: bool,

    /// Your own async task id (needs --async and asyncTask on in the function's async
    /// config): a letter or `_`, then letters, digits, `_` and `-`, at most 128 characters.
    #[arg(long, value_name = "ID", requires = "asynchronous")]
    pub task_id: Option<String>,

    /// Ask for the last 4 KB of the function's log (the default for synchronous calls).
    #[arg(long, overrides_with = "no_log", conflicts_with = "asynchronous")]
    pub log: bool,

    /// Do not ask for the log tail.
    #[arg(long)]
    pub no_log: bool,

    /// Write the function's response to this file instead of stdout.
    #[arg(long, value_name = "PATH")]
    pub outfile: Option<PathBuf>,

    /// An extra request header, NAME:VALUE, sent and signed with the others (repeatable).
    /// The signature's own headers and the spec's parameters (use their flags) are refused.
    #[arg(long = "header", value_name = "NAME:VALUE", value_parser = parse_header)]
    pub headers: Vec<(String, String)>,

    /// The time limit of the call, e.g. 30s, 5m, 1h30m (default: as long as FC lets a
    /// function run, plus 30 s).
    #[arg(long, value_name = "DURATION", value_parser = parse_duration)]
    pub timeout: Option<Duration>,
}

impl InvokeArgs {
    /// Whether the log tail is asked for: on for synchronous calls unless `--no-log`.
    pub fn wants_log(&self) -> bool {
        !self.asynchronous && !self.no_log
    }
}

const ASYNC_CONFIG_EXAMPLES: &str = "\
Examples:
  fc3 async-config put thumbnailer --max-retries 2 --max-age 1h --async-task \\
      --on-success acs:fc:cn-hangzhou:1234567890123456:functions/done \\
      --on-failure acs:fc:cn-hangzhou:1234567890123456:functions/dead-letters
  fc3 async-config get thumbnailer --qualifier prod
  fc3 async-config list --all
  fc3 async-config delete thumbnailer";

/// `fc3 async-config ...`.
#[derive(Debug, Subcommand)]
#[command(after_help = ASYNC_CONFIG_EXAMPLES)]
pub enum AsyncConfigCommand {
    /// Create or replace a function's async invoke config (PutAsyncInvokeConfig) and show it.
    #[command(after_help = ASYNC_CONFIG_EXAMPLES)]
    Put(AsyncConfigPutArgs),
    /// Show a function's async invoke config (GetAsyncInvokeConfig).
    #[command(after_help = ASYNC_CONFIG_EXAMPLES)]
    Get(FunctionArgs),
    /// Delete a function's async invoke config (DeleteAsyncInvokeConfig).
    #[command(after_help = ASYNC_CONFIG_EXAMPLES)]
    Delete(FunctionArgs),
    /// List async invoke configs (ListAsyncInvokeConfigs).
    #[command(after_help = ASYNC_CONFIG_EXAMPLES)]
    List(AsyncConfigListArgs),
}

/// A function and an optional qualifier.
#[derive(Debug, Args)]
pub struct FunctionArgs {
    /// The function's name.
    #[arg(value_name = "FUNCTION")]
    pub function: String,

    /// The version or alias (default LATEST).
    #[arg(long, value_name = "QUALIFIER")]
    pub qualifier: Option<String>,
}

/// `fc3 async-config put`.
#[derive(Debug, Args)]
pub struct AsyncConfigPutArgs {
    /// The function and qualifier.
    #[command(flatten)]
    pub target: FunctionArgs,

    /// How many times a failed asynchronous invocation is retried, 0 to 8 (FC's default: 3).
    #[arg(
        long,
        value_name = "N",
        value_parser = clap::value_parser!(u32).range(0..=i64::from(fc3_models::rules::MAX_ASYNC_RETRY_ATTEMPTS))
    )]
    pub max_retries: Option<u32>,

    /// How long an event may wait before it is dropped, 1s to 7d in whole seconds, e.g.
    /// 10m (FC's default: 1 day).
    #[arg(long, value_name = "DURATION", value_parser = parse_event_age)]
    pub max_age: Option<Duration>,

    /// Where the record of a successful invocation goes: an ARN such as
    /// acs:fc:REGION:ACCOUNT:functions/NAME.
    #[arg(long, value_name = "ARN")]
    pub on_success: Option<String>,

    /// Where the record of a failed or expired invocation goes (an ARN).
    #[arg(long, value_name = "ARN")]
    pub on_failure: Option<String>,

    /// Track asynchronous invocations as async tasks (see `fc3 task`).
    #[arg(long, overrides_with = "no_async_task")]
    pub async_task: bool,

    /// Do not track asynchronous invocations as async tasks.
    #[arg(long)]
    pub no_async_task: bool,
}

impl AsyncConfigPutArgs {
    /// `Some(true)` with `--async-task`, `Some(false)` with `--no-async-task`, else `None`.
    pub fn async_task_setting(&self) -> Option<bool> {
        match (self.async_task, self.no_async_task) {
            (true, _) => Some(true),
            (_, true) => Some(false),
            _ => None,
        }
    }
}

/// `fc3 async-config list`.
#[derive(Debug, Args)]
pub struct AsyncConfigListArgs {
    /// Only the configs of this function.
    #[arg(long, value_name = "FUNCTION")]
    pub function: Option<String>,

    #[command(flatten)]
    pub pages: PageArgs,
}

/// Paging flags of the list commands.
#[derive(Debug, Args)]
pub struct PageArgs {
    /// The most items one page holds.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    pub limit: Option<u32>,

    /// Start at this page (the token a previous list printed).
    #[arg(long, value_name = "TOKEN", conflicts_with = "all")]
    pub next_token: Option<String>,

    /// Fetch every page, not just the first.
    #[arg(long)]
    pub all: bool,
}

const TASK_EXAMPLES: &str = "\
Examples:
  fc3 task list thumbnailer --status Failed --started-after 1h --sort desc
  fc3 task get thumbnailer video-42
  fc3 task wait thumbnailer video-42 --timeout 5m
  fc3 task stop thumbnailer video-42

`task wait` exits 0 when the task succeeded, 1 when it ended Failed, Expired, Stopped or
Invalid.";

/// `fc3 task ...`.
#[derive(Debug, Subcommand)]
#[command(after_help = TASK_EXAMPLES)]
pub enum TaskCommand {
    /// Show one async task with its history (GetAsyncTask).
    #[command(after_help = TASK_EXAMPLES)]
    Get(TaskArgs),
    /// List a function's async tasks (ListAsyncTasks).
    #[command(after_help = TASK_EXAMPLES)]
    List(TaskListArgs),
    /// Stop an async task (StopAsyncTask).
    #[command(after_help = TASK_EXAMPLES)]
    Stop(TaskArgs),
    /// Follow an async task through its states until it ends, then show its outcome.
    #[command(after_help = TASK_EXAMPLES)]
    Wait(TaskWaitArgs),
}

/// A function and one of its tasks.
#[derive(Debug, Args)]
pub struct TaskArgs {
    /// The function's name.
    #[arg(value_name = "FUNCTION")]
    pub function: String,

    /// The async task's id.
    #[arg(value_name = "TASK")]
    pub task: String,

    /// The version or alias (default LATEST).
    #[arg(long, value_name = "QUALIFIER")]
    pub qualifier: Option<String>,
}

/// `fc3 task list`.
#[derive(Debug, Args)]
pub struct TaskListArgs {
    /// The function and qualifier.
    #[command(flatten)]
    pub target: FunctionArgs,

    /// Only tasks whose id starts with this.
    #[arg(long, value_name = "PREFIX")]
    pub prefix: Option<String>,

    /// Only tasks in this state.
    #[arg(long, value_parser = status_parser(), ignore_case = true, value_name = "STATUS")]
    pub status: Option<AsyncTaskStatus>,

    /// Only tasks started at or after this time: RFC 3339 (2025-01-31T08:00:00Z) or a
    /// duration ago (30m).
    #[arg(long, value_name = "TIME", value_parser = parse_time)]
    pub started_after: Option<SystemTime>,

    /// Only tasks started at or before this time: RFC 3339 or a duration ago.
    #[arg(long, value_name = "TIME", value_parser = parse_time)]
    pub started_before: Option<SystemTime>,

    /// Order by start time.
    #[arg(long, value_parser = sort_parser(), value_name = "ORDER")]
    pub sort: Option<SortOrder>,

    /// Include each task's event.
    #[arg(long)]
    pub include_payload: bool,

    #[command(flatten)]
    pub pages: PageArgs,
}

/// `fc3 task wait`.
#[derive(Debug, Args)]
pub struct TaskWaitArgs {
    /// The function and task.
    #[command(flatten)]
    pub task: TaskArgs,

    /// Give up after this long (exit 2), e.g. 5m (default: wait as long as it takes).
    #[arg(long, value_name = "DURATION", value_parser = parse_duration)]
    pub timeout: Option<Duration>,

    /// How often to ask, e.g. 500ms.
    #[arg(long, value_name = "DURATION", value_parser = parse_duration, default_value = "500ms")]
    pub interval: Duration,
}

/// `--status`: one of the values the spec lists for a task status, in any case.
fn status_parser() -> impl clap::builder::TypedValueParser<Value = AsyncTaskStatus> {
    use clap::builder::TypedValueParser as _;
    clap::builder::PossibleValuesParser::new(AsyncTaskStatus::VALUES)
        // With `ignore_case`, clap hands back the text as typed: take the spec's spelling.
        .map(|value: String| {
            let canonical = AsyncTaskStatus::VALUES
                .into_iter()
                .find(|known| known.eq_ignore_ascii_case(&value))
                .unwrap_or(value.as_str());
            AsyncTaskStatus::from_wire(canonical)
        })
}

/// `--sort`: `asc` or `desc`, the spec's sort orders.
fn sort_parser() -> impl clap::builder::TypedValueParser<Value = SortOrder> {
    use clap::builder::TypedValueParser as _;
    clap::builder::PossibleValuesParser::new(SortOrder::VALUES).try_map(|value: String| {
        value
            .parse::<SortOrder>()
            .map_err(|e| format!("{value:?}: {e}"))
    })
}

const LOCAL_EXAMPLES: &str = "\
Examples:
  fc3 local                                   in memory, on 127.0.0.1:9000
  fc3 local --listen 127.0.0.1:0              any free port (printed at start)
  fc3 local --config fc3-local.toml --data-dir .fc3-local

Then, in another terminal, with the development keys it prints:
  fc3 --endpoint http://127.0.0.1:9000 invoke echo --event '{}'
and open its inspector, http://127.0.0.1:9000/_fc3/, to watch the queue in a browser.";

/// Where `fc3 local` listens unless told otherwise.
pub const LOCAL_LISTEN: &str = "127.0.0.1:9000";

/// `fc3 local`.
#[derive(Debug, Args)]
pub struct LocalArgs {
    /// The TOML configuration: functions, access keys, limits, async engine knobs.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,

    /// The address to listen on; port 0 picks a free one.
    #[arg(long, value_name = "ADDR", default_value = LOCAL_LISTEN)]
    pub listen: std::net::SocketAddr,

    /// Keep state (configs, queued events, task history) in this directory; without it,
    /// state is in memory and lost at exit.
    #[arg(long, value_name = "DIR")]
    pub data_dir: Option<PathBuf>,
}

const DEMO_EXAMPLES: &str = "\
Examples:
  fc3 demo
  cargo run --release -p fc3-cli -- demo
  fc3 --output json demo      every step as one JSON document

Nothing leaves the machine: the demo starts fc3-local in-process on a free loopback port and
talks to it through the fc3 client, with signed requests over real HTTP.";

/// `fc3 demo`.
#[derive(Debug, Args)]
pub struct DemoArgs {}

const COMPLETIONS_EXAMPLES: &str = "\
Examples:
  fc3 completions bash > ~/.local/share/bash-completion/completions/fc3
  fc3 completions zsh > ~/.zfunc/_fc3
  fc3 completions fish > ~/.config/fish/completions/fc3.fish";

/// `fc3 completions`.
#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell.
    #[arg(value_enum, value_name = "SHELL")]
    pub shell: clap_complete::Shell,
}

/// Parses a human duration: `30s`, `5m`, `1h30m`, `250ms`, or a bare number of seconds.
pub fn parse_duration(text: &str) -> Result<Duration, String> {
    let text = text.trim();
    if let Ok(seconds) = text.parse::<u64>() {
        return Ok(Duration::from_secs(seconds));
    }
    humantime::parse_duration(text)
        .map_err(|e| format!("{e}; expected a duration such as 30s, 5m, 1h30m or 250ms"))
}

/// Parses `--max-age`: a duration of whole seconds from 1 s to 7 days.
pub fn parse_event_age(text: &str) -> Result<Duration, String> {
    let age = parse_duration(text)?;
    if age.subsec_nanos() != 0 {
        return Err("must be whole seconds (FC counts the age in seconds)".to_string());
    }
    if age < Duration::from_secs(1) || age > MAX_EVENT_AGE {
        return Err(format!(
            "must be from 1s to 7d ({} seconds)",
            MAX_EVENT_AGE.as_secs()
        ));
    }
    Ok(age)
}

/// Parses a point in time: RFC 3339 (`2025-01-31T08:00:00Z`) or a duration ago (`30m`).
pub fn parse_time(text: &str) -> Result<SystemTime, String> {
    let text = text.trim();
    if let Ok(time) = humantime::parse_rfc3339_weak(text) {
        return Ok(time);
    }
    let ago = humantime::parse_duration(text).map_err(|_| {
        "expected an RFC 3339 time (2025-01-31T08:00:00Z) or a duration ago (30m)".to_string()
    })?;
    SystemTime::now()
        .checked_sub(ago)
        .ok_or_else(|| "that is before 1970".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn the_command_line_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn durations() {
        assert_eq!(parse_duration("30s"), Ok(Duration::from_secs(30)));
        assert_eq!(parse_duration("5m"), Ok(Duration::from_secs(300)));
        assert_eq!(parse_duration("1h30m"), Ok(Duration::from_secs(5400)));
        assert_eq!(parse_duration("250ms"), Ok(Duration::from_millis(250)));
        assert_eq!(parse_duration("12"), Ok(Duration::from_secs(12)));
        assert!(parse_duration("soon").unwrap_err().contains("30s"));
        assert!(parse_event_age("0s").is_err());
        assert!(parse_event_age("8d").is_err());
        assert!(parse_event_age("1500ms").is_err());
        assert_eq!(parse_event_age("7d"), Ok(MAX_EVENT_AGE));
    }

    #[test]
    fn times() {
        let t = parse_time("2025-01-31T08:00:00Z").unwrap();
        let secs = t.duration_since(SystemTime::UNIX_EPOCH).unwrap().as_secs();
        assert_eq!(secs, 1_738_310_400);
        let ago = parse_time("10m").unwrap();
        assert!(ago < SystemTime::now());
        assert!(parse_time("yesterday-ish").is_err());
    }

    #[test]
    fn log_is_on_for_sync_calls_only() {
        let cli = Cli::try_parse_from(["fc3", "invoke", "f"]).unwrap();
        let Command::Invoke(args) = cli.command else {
            panic!()
        };
        assert!(args.wants_log());
        let cli = Cli::try_parse_from(["fc3", "invoke", "f", "--no-log"]).unwrap();
        let Command::Invoke(args) = cli.command else {
            panic!()
        };
        assert!(!args.wants_log());
        let cli = Cli::try_parse_from(["fc3", "invoke", "f", "--async"]).unwrap();
        let Command::Invoke(args) = cli.command else {
            panic!()
        };
        assert!(!args.wants_log());
    }

    #[test]
    fn usage_errors() {
        for bad in [
            vec!["fc3", "invoke", "f", "--event", "{}", "--event-file", "x"],
            vec!["fc3", "invoke", "f", "--task-id", "t"],
            vec!["fc3", "invoke", "f", "--async", "--log"],
            vec!["fc3", "invoke", "f", "--timeout", "soon"],
            vec!["fc3", "async-config", "put", "f", "--max-retries", "9"],
            vec!["fc3", "async-config", "put", "f", "--max-age", "8d"],
            vec!["fc3", "--local", "--endpoint", "http://x", "invoke", "f"],
            vec!["fc3", "task", "list", "f", "--status", "Sleeping"],
            vec!["fc3", "--output", "yaml", "invoke", "f"],
        ] {
            let err = Cli::try_parse_from(&bad).unwrap_err();
            assert_eq!(err.exit_code(), 2, "{bad:?}");
        }
    }

    #[test]
    fn global_flags_go_anywhere() {
        let cli =
            Cli::try_parse_from(["fc3", "invoke", "f", "--local", "--output", "json"]).unwrap();
        assert!(cli.global.local);
        assert_eq!(cli.global.output, OutputFormat::Json);
    }

    #[test]
    fn task_status_ignores_case() {
        let cli = Cli::try_parse_from(["fc3", "task", "list", "f", "--status", "failed"]).unwrap();
        let Command::Task(TaskCommand::List(args)) = cli.command else {
            panic!()
        };
        assert_eq!(args.status, Some(AsyncTaskStatus::Failed));
    }
}
