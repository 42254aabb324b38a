//! The inspector's JSON API under `/_fc3/api/` (read-only, `GET` only; every time is in
//! milliseconds since the Unix epoch on the emulator's clock, given as `now` where it matters):
//!
//! | path | answers |
//! |---|---|
//! | `/_fc3/api` | the task statuses (which are final, how the page colours them), the region, the account, whether state is durable, the endpoints |
//! | `/_fc3/api/functions` | each function: kind, concurrency, timeout, the defaults, its async invoke configurations per qualifier |
//! | `/_fc3/api/queue` | the queue's depth and bounds, tries in flight, and each function's queued, retrying and running events |
//! | `/_fc3/api/tasks` | the newest events (`limit`, `function`, `status`), each with its timeline, the time of its next try, payload and result previews, its error |
//! | `/_fc3/api/destinations` | the newest records delivered to destinations, local functions and others |
//!
//! The answers hold no secret: no access key, token or `Authorization`, no function's
//! environment, command line or URL. Payloads and answers are shown, cut to
//! [`PREVIEW_BYTES`]. They are read from memory, which a data dir replays at start, so they
//! are the same with and without `--data-dir`.

use std::collections::{BTreeMap, HashSet};
use std::str::FromStr;
use std::sync::Arc;

use axum::extract::State;
use axum::http::{HeaderValue, StatusCode, Uri, header};
use axum::response::Response;
use fc3_models::{AsyncConfig, AsyncTaskStatus, DestinationRecord};
use serde::Serialize;

use super::{INSPECTOR_PATH, OtherRecord, records};
use crate::AppState;
use crate::clock::millis;
use crate::engine::{
    CONDITION_SUCCESS, DEFAULT_MAX_EVENT_AGE_SECONDS, DEFAULT_MAX_RETRY_ATTEMPTS, EventView,
    FunctionLoad,
};
use crate::error::{ApiError, clip};
use crate::routes::json;
use crate::routes::query::{self, params};
use crate::store::EventRecord;

/// The most of a payload, an answer or a record's payload an answer shows; the rest is
/// counted (`bytes`) and marked (`truncated`), not sent.
pub const PREVIEW_BYTES: usize = 2048;
/// How many tasks or records an answer holds when `limit` is not given.
const DEFAULT_LIMIT: usize = 50;
/// The most tasks or records one answer holds.
const MAX_LIMIT: usize = 500;
/// How often the page asks again, in milliseconds.
const POLL_INTERVAL_MS: u64 = 1_000;

/// An answer of the API: JSON, never cached.
fn answer<T: Serialize>(value: &T) -> Response {
    let mut response = json(StatusCode::OK, value);
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// `limit`: how many tasks or records an answer holds.
fn limit(params: &BTreeMap<&str, String>) -> Result<usize, ApiError> {
    query::page_size(params, "limit", DEFAULT_LIMIT, MAX_LIMIT)
}

fn now_ms(state: &AppState) -> i64 {
    millis(state.inner.clock.now())
}

/// How the page shows a status; the page holds no status names, it reads these.
fn tone(status: &AsyncTaskStatus) -> &'static str {
    match status {
        AsyncTaskStatus::Succeeded => "ok",
        AsyncTaskStatus::Stopped => "muted",
        AsyncTaskStatus::Retrying => "warn",
        AsyncTaskStatus::Running | AsyncTaskStatus::Stopping => "busy",
        other if other.is_terminal() => "bad",
        _ => "idle",
    }
}

// ---------------------------------------------------------------------------------------------
// GET /_fc3/api

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Index {
    name: &'static str,
    version: &'static str,
    now: i64,
    region: String,
    account_id: String,
    durable: bool,
    statuses: Vec<StatusInfo>,
    final_statuses: Vec<String>,
    preview_bytes: usize,
    poll_interval_ms: u64,
    page: &'static str,
    endpoints: BTreeMap<&'static str, &'static str>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct StatusInfo {
    value: String,
    #[serde(rename = "final")]
    is_final: bool,
    tone: &'static str,
}

pub(super) async fn index(State(state): State<AppState>, uri: Uri) -> Result<Response, ApiError> {
    params(&uri, &[])?;
    let statuses: Vec<StatusInfo> = AsyncTaskStatus::KNOWN
        .iter()
        .map(|status| StatusInfo {
            value: status.as_str().to_owned(),
            is_final: status.is_terminal(),
            tone: tone(status),
        })
        .collect();
    let final_statuses = statuses
        .iter()
        .filter(|s| s.is_final)
        .map(|s| s.value.clone())
        .collect();
    Ok(answer(&Index {
        name: "fc3-local inspector",
        version: env!("CARGO_PKG_VERSION"),
        now: now_ms(&state),
        region: state.region().to_owned(),
        account_id: state.account_id().to_owned(),
        durable: state.is_durable(),
        statuses,
        final_statuses,
        preview_bytes: PREVIEW_BYTES,
        poll_interval_ms: POLL_INTERVAL_MS,
        page: INSPECTOR_PATH,
        endpoints: BTreeMap::from([
            ("functions", "/_fc3/api/functions"),
            ("queue", "/_fc3/api/queue"),
            ("tasks", "/_fc3/api/tasks"),
            ("destinations", "/_fc3/api/destinations"),
        ]),
    }))
}

// ---------------------------------------------------------------------------------------------
// GET /_fc3/api/functions

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Functions {
    functions: Vec<FunctionInfo>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct FunctionInfo {
    name: String,
    /// Absent for a configuration left behind by a function no longer configured.
    #[serde(skip_serializing_if = "Option::is_none")]
    kind: Option<&'static str>,
    concurrency: Option<u32>,
    timeout_seconds: Option<f64>,
    /// What holds for a qualifier without a configuration, and for what a configuration
    /// leaves out.
    defaults: Defaults,
    configs: Vec<QualifierConfig>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Defaults {
    max_async_retry_attempts: i64,
    max_async_event_age_in_seconds: u64,
    async_task: bool,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct QualifierConfig {
    qualifier: String,
    /// As GetAsyncInvokeConfig answers it.
    config: AsyncConfig,
}

pub(super) async fn functions(
    State(state): State<AppState>,
    uri: Uri,
) -> Result<Response, ApiError> {
    params(&uri, &[])?;
    let engine = &state.inner.engine;
    let mut by_function: BTreeMap<String, Vec<QualifierConfig>> = BTreeMap::new();
    for ((function, qualifier), config) in engine.configs_view() {
        by_function
            .entry(function)
            .or_default()
            .push(QualifierConfig {
                qualifier,
                config: (*config).clone(),
            });
    }
    for name in state.function_names() {
        by_function.entry(name).or_default();
    }
    let functions = by_function
        .into_iter()
        .map(|(name, configs)| {
            let function = engine.functions.get(&name);
            FunctionInfo {
                kind: function.map(|f| f.kind_name()),
                concurrency: function.and_then(|f| f.limiter.limit()),
                timeout_seconds: function.map(|f| f.timeout.as_secs_f64()),
                defaults: Defaults {
                    max_async_retry_attempts: DEFAULT_MAX_RETRY_ATTEMPTS,
                    max_async_event_age_in_seconds: DEFAULT_MAX_EVENT_AGE_SECONDS,
                    async_task: function.is_some_and(|f| f.default_async_task),
                },
                name,
                configs,
            }
        })
        .collect();
    Ok(answer(&Functions { functions }))
}

// ---------------------------------------------------------------------------------------------
// GET /_fc3/api/queue

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Queue {
    now: i64,
    depth: usize,
    bytes: usize,
    max_events: usize,
    max_bytes: usize,
    workers: usize,
    tries_in_flight: usize,
    paused: bool,
    next_retry_time: Option<i64>,
    functions: Vec<FunctionQueue>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct FunctionQueue {
    function: String,
    depth: usize,
    queued: usize,
    retrying: usize,
    tries_in_flight: usize,
    bytes: usize,
    concurrency: Option<u32>,
}

pub(super) async fn queue(State(state): State<AppState>, uri: Uri) -> Result<Response, ApiError> {
    params(&uri, &[])?;
    let engine = &state.inner.engine;
    let mut view = engine.queue_view();
    // Every function, idle ones too, so the table keeps its rows.
    for name in state.function_names() {
        view.functions.entry(name).or_default();
    }
    let functions = view
        .functions
        .into_iter()
        .map(|(function, load): (String, FunctionLoad)| FunctionQueue {
            depth: load.depth(),
            queued: load.queued,
            retrying: load.retrying,
            tries_in_flight: load.running,
            bytes: load.bytes,
            concurrency: engine
                .functions
                .get(&function)
                .and_then(|f| f.limiter.limit()),
            function,
        })
        .collect();
    Ok(answer(&Queue {
        now: now_ms(&state),
        depth: view.health.depth,
        bytes: view.health.bytes,
        max_events: view.health.max_events,
        max_bytes: view.health.max_bytes,
        workers: view.workers,
        tries_in_flight: view.running,
        paused: view.paused,
        next_retry_time: view.next_retry_ms,
        functions,
    }))
}

// ---------------------------------------------------------------------------------------------
// GET /_fc3/api/tasks

/// At most [`PREVIEW_BYTES`] of a payload, cut between characters.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Preview {
    text: String,
    /// The whole payload's size.
    bytes: usize,
    truncated: bool,
}

fn preview(bytes: &[u8]) -> Preview {
    let mut end = bytes.len().min(PREVIEW_BYTES);
    // A cut through a character moves back to its start (bytes that are not UTF-8 at all
    // are shown replaced).
    if end < bytes.len()
        && let Err(e) = std::str::from_utf8(&bytes[..end])
        && e.error_len().is_none()
    {
        end = e.valid_up_to();
    }
    Preview {
        text: String::from_utf8_lossy(&bytes[..end]).into_owned(),
        bytes: bytes.len(),
        truncated: end < bytes.len(),
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Tasks {
    now: i64,
    /// How many events the filters keep; `tasks` holds the newest `limit` of them.
    total: usize,
    limit: usize,
    tasks: Vec<TaskInfo>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct TaskInfo {
    function: String,
    qualifier: String,
    version: String,
    /// `null` for an event that is not an async task (async tasks off): it is shown until
    /// it is over, then forgotten.
    task_id: Option<String>,
    request_id: Option<String>,
    function_arn: Option<String>,
    status: Option<AsyncTaskStatus>,
    #[serde(rename = "final")]
    is_final: bool,
    tone: &'static str,
    started_time: Option<i64>,
    end_time: Option<i64>,
    duration_ms: Option<i64>,
    /// Tries started so far.
    tries: u32,
    already_retried_times: Option<i64>,
    /// When the next try runs, while the event waits for a retry.
    next_try_time: Option<i64>,
    error: Option<String>,
    destination_status: Option<String>,
    /// Whether this event is a destination record delivered by another event (see
    /// `/_fc3/api/destinations`).
    delivered_record: bool,
    payload: Preview,
    result: Option<Preview>,
    timeline: Vec<Step>,
}

/// One state change of a task.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Step {
    event_id: Option<i64>,
    status: Option<AsyncTaskStatus>,
    tone: &'static str,
    time: Option<i64>,
    detail: Option<String>,
    /// The try this change belongs to (a `Running` change starts it), from 1.
    #[serde(rename = "try", skip_serializing_if = "Option::is_none")]
    try_number: Option<u32>,
    /// On a `Retrying` change: the try that follows, and when it was (or is) due.
    #[serde(skip_serializing_if = "Option::is_none")]
    next_try: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    next_try_time: Option<i64>,
}

fn timeline(rec: &EventRecord, retry_delay_ms: impl Fn(u32) -> i64) -> Vec<Step> {
    let events = &rec.task.events;
    let mut tries = 0u32;
    events
        .iter()
        .enumerate()
        .map(|(at, event)| {
            let status = event.status.as_ref();
            if status == Some(&AsyncTaskStatus::Running) {
                tries += 1;
            }
            let retrying = status == Some(&AsyncTaskStatus::Retrying);
            let pending = retrying && at + 1 == events.len();
            let next_try_time = match (retrying, pending) {
                (true, true) => Some(rec.next_due_ms),
                (true, false) => event
                    .timestamp
                    .map(|t| t.saturating_add(retry_delay_ms(tries))),
                _ => None,
            };
            Step {
                event_id: event.event_id,
                tone: status.map_or("idle", tone),
                status: event.status.clone(),
                time: event.timestamp,
                detail: event.event_detail.clone().filter(|d| !d.is_empty()),
                try_number: (tries > 0).then_some(tries),
                next_try: retrying.then_some(tries + 1),
                next_try_time,
            }
        })
        .collect()
}

fn task_info(view: &EventView, retry_delay_ms: &impl Fn(u32) -> i64) -> TaskInfo {
    let rec = &view.rec;
    let task = &rec.task;
    let status = task.status.clone();
    TaskInfo {
        function: rec.function.clone(),
        qualifier: rec.qualifier.clone(),
        version: rec.version.clone(),
        task_id: task.task_id.clone(),
        request_id: task.request_id.clone(),
        function_arn: task.function_arn.clone(),
        is_final: status.as_ref().is_some_and(AsyncTaskStatus::is_terminal),
        tone: status.as_ref().map_or("idle", tone),
        next_try_time: (status == Some(AsyncTaskStatus::Retrying)).then_some(rec.next_due_ms),
        status,
        started_time: task.started_time,
        end_time: task.end_time,
        duration_ms: task.duration_ms,
        tries: rec.tries,
        already_retried_times: task.already_retried_times,
        error: task.task_error_message.clone(),
        destination_status: task.destination_status.clone(),
        delivered_record: rec.hops > 0,
        payload: preview(&view.payload),
        result: rec.response.as_deref().map(|r| preview(r.as_bytes())),
        timeline: timeline(rec, retry_delay_ms),
    }
}

pub(super) async fn tasks(State(state): State<AppState>, uri: Uri) -> Result<Response, ApiError> {
    let params = params(&uri, &["function", "status", "limit"])?;
    let limit = limit(&params)?;
    let function = params.get("function").cloned();
    let status = params
        .get("status")
        .map(|text| {
            AsyncTaskStatus::from_str(text).map_err(|_| {
                let known: Vec<&str> = AsyncTaskStatus::KNOWN.iter().map(|s| s.as_str()).collect();
                ApiError::invalid_argument(format!(
                    "status: '{}' is not one of {}",
                    clip(text),
                    known.join(", ")
                ))
            })
        })
        .transpose()?;
    let engine = &state.inner.engine;
    let (views, total) = engine.recent_events(limit, |rec| {
        function.as_deref().is_none_or(|f| rec.function == f)
            && status
                .as_ref()
                .is_none_or(|s| rec.task.status.as_ref() == Some(s))
    });
    let backoff = engine.retry_backoff();
    let retry_delay_ms =
        |tries: u32| i64::try_from(backoff.after(tries).as_millis()).unwrap_or(i64::MAX);
    let tasks = views
        .iter()
        .map(|view| task_info(view, &retry_delay_ms))
        .collect();
    Ok(answer(&Tasks {
        now: now_ms(&state),
        total,
        limit,
        tasks,
    }))
}

// ---------------------------------------------------------------------------------------------
// GET /_fc3/api/destinations

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Destinations {
    now: i64,
    limit: usize,
    records: Vec<RecordInfo>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct RecordInfo {
    /// The destination's service, from its ARN: `fc` for a local function, `mns`,
    /// `eventbridge`, ...
    kind: String,
    /// The destination's ARN.
    arn: String,
    /// When it was delivered.
    time: i64,
    /// `onSuccess` or `onFailure`.
    destination: &'static str,
    /// The record, its payloads cut to [`PREVIEW_BYTES`] each.
    record: DestinationRecord,
    /// Whether a payload of the record was cut.
    truncated: bool,
    /// The async task whose outcome it is, while it is known.
    source: Option<TaskRef>,
    /// For a local function: the event that carries the record.
    target: Option<TaskRef>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct TaskRef {
    function: String,
    task_id: Option<String>,
    request_id: Option<String>,
    status: Option<AsyncTaskStatus>,
    destination_status: Option<String>,
}

impl TaskRef {
    fn of(rec: &EventRecord) -> Self {
        Self {
            function: rec.function.clone(),
            task_id: rec.task.task_id.clone(),
            request_id: rec.task.request_id.clone(),
            status: rec.task.status.clone(),
            destination_status: rec.task.destination_status.clone(),
        }
    }
}

/// The record's payloads cut to the preview size; whether one was cut.
fn cut(mut record: DestinationRecord) -> (DestinationRecord, bool) {
    let request = preview(record.request_payload.as_bytes());
    let response = preview(record.response_payload.as_bytes());
    let truncated = request.truncated || response.truncated;
    record.request_payload = request.text;
    record.response_payload = response.text;
    (record, truncated)
}

/// The service an ARN names (`acs:{service}:...`), read by the rule every layer parses
/// destinations with; empty for what is not a destination ARN.
fn kind_of(arn: &str) -> String {
    fc3_models::rules::parse_destination(arn)
        .map(|destination| destination.service.to_owned())
        .unwrap_or_default()
}

fn record_info(
    arn: String,
    time: i64,
    record: DestinationRecord,
    target: Option<TaskRef>,
) -> RecordInfo {
    let destination = if record.request_context.condition == CONDITION_SUCCESS {
        "onSuccess"
    } else {
        "onFailure"
    };
    let (record, truncated) = cut(record);
    RecordInfo {
        kind: kind_of(&arn),
        arn,
        time,
        destination,
        record,
        truncated,
        source: None,
        target,
    }
}

pub(super) async fn destinations(
    State(state): State<AppState>,
    uri: Uri,
) -> Result<Response, ApiError> {
    let params = params(&uri, &["limit"])?;
    let limit = limit(&params)?;
    let engine = &state.inner.engine;
    // Records delivered to local functions are the events they carry.
    let (delivered, _) = engine.recent_events(limit, |rec| rec.hops > 0);
    let mut infos: Vec<RecordInfo> = delivered
        .iter()
        .filter_map(|view| {
            let record: DestinationRecord = serde_json::from_slice(&view.payload).ok()?;
            let arn = view.rec.task.function_arn.clone().unwrap_or_default();
            let time = record.timestamp;
            Some(record_info(arn, time, record, Some(TaskRef::of(&view.rec))))
        })
        .collect();
    infos.extend(records(&state, limit).into_iter().map(
        |OtherRecord {
             arn,
             time_ms,
             record,
         }| record_info(arn, time_ms, record, None),
    ));
    infos.sort_by_key(|info| std::cmp::Reverse(info.time));
    infos.truncate(limit);
    let wanted: HashSet<&str> = infos
        .iter()
        .map(|info| info.record.request_context.request_id.as_str())
        .collect();
    let sources = engine.events_of_requests(&wanted);
    for info in &mut infos {
        info.source = sources
            .get(&info.record.request_context.request_id)
            .map(|rec: &Arc<EventRecord>| TaskRef::of(rec));
    }
    Ok(answer(&Destinations {
        now: now_ms(&state),
        limit,
        records: infos,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn previews_cut_between_characters() {
        let short = preview(b"{\"hi\":1}");
        assert_eq!(
            (short.text.as_str(), short.bytes, short.truncated),
            ("{\"hi\":1}", 8, false)
        );
        let mut long = vec![b'a'; PREVIEW_BYTES - 1];
        long.extend_from_slice("é and more".as_bytes());
        let cut = preview(&long);
        assert!(cut.truncated);
        assert_eq!(cut.text.len(), PREVIEW_BYTES - 1, "the é is not cut in two");
        assert_eq!(cut.bytes, long.len());
        let binary = preview(&[0xff, 0xfe, b'x']);
        assert_eq!(binary.text, "\u{fffd}\u{fffd}x");
        assert!(!binary.truncated);
    }

    #[test]
    fn every_status_has_a_tone_and_final_ones_are_not_busy() {
        for status in AsyncTaskStatus::KNOWN {
            let tone = tone(&status);
            if status.is_terminal() {
                assert!(["ok", "bad", "muted"].contains(&tone), "{status}: {tone}");
            } else {
                assert!(["idle", "busy", "warn"].contains(&tone), "{status}: {tone}");
            }
        }
    }

    #[test]
    fn arns_name_their_service() {
        assert_eq!(kind_of("acs:fc:cn-hangzhou:1:functions/sink"), "fc");
        assert_eq!(kind_of("acs:mns:cn-hangzhou:1:/queues/q/messages"), "mns");
        assert_eq!(kind_of("nonsense"), "");
    }
}
