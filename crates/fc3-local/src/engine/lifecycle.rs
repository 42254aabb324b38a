//! The task lifecycle: every state change of one asynchronous invocation as a pure function on
//! its [`EventRecord`] and the time, so the rules are tested without queues, locks or clocks.
//!
//! `Enqueued` → `Running` → `Succeeded`, or `Retrying` → `Running` …, `Failed` (retries
//! exhausted), `Expired` (too old before a try), `Stopping` → `Stopped`, `Invalid` (the
//! function is gone). Every change appends a timestamped event (`eventId` from 1).

use std::sync::Arc;
use std::time::Duration;

use fc3_models::{AsyncConfig, AsyncTask, AsyncTaskEvent, AsyncTaskStatus};

use crate::store::EventRecord;

/// `maxAsyncRetryAttempts` when the configuration does not say (the spec's documented default).
pub const DEFAULT_MAX_RETRY_ATTEMPTS: i64 =
    fc3_models::PutAsyncInvokeConfigInput::MAX_ASYNC_RETRY_ATTEMPTS_DEFAULT;
/// `maxAsyncEventAgeInSeconds` when the configuration does not say (the spec's documented
/// default).
pub const DEFAULT_MAX_EVENT_AGE_SECONDS: u64 =
    fc3_models::PutAsyncInvokeConfigInput::MAX_ASYNC_EVENT_AGE_IN_SECONDS_DEFAULT as u64;
/// The most of a function's answer kept in `returnPayload` and in destination records: what
/// an asynchronous event may carry.
pub const MAX_STORED_RESPONSE_BYTES: usize = fc3_models::operations::limits::MAX_ASYNC_PAYLOAD;

/// `requestContext.condition` of a record delivered after a success.
pub const CONDITION_SUCCESS: &str = "";
/// `requestContext.condition` of a record delivered after an event expired.
pub const CONDITION_EXPIRED: &str = "EventAgeExceeded";

/// Whether a status is final.
pub(crate) fn is_terminal(status: Option<&AsyncTaskStatus>) -> bool {
    status.is_some_and(AsyncTaskStatus::is_terminal)
}

/// The rules of an async invoke configuration that govern the tries, with FC's defaults.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Policy {
    max_retries: i64,
    max_age_ms: u64,
}

impl Policy {
    pub(crate) fn of(config: Option<&AsyncConfig>) -> Self {
        Self {
            max_retries: config
                .and_then(|c| c.max_async_retry_attempts)
                .unwrap_or(DEFAULT_MAX_RETRY_ATTEMPTS)
                .clamp(0, i64::from(fc3_models::rules::MAX_ASYNC_RETRY_ATTEMPTS)),
            max_age_ms: config
                .and_then(|c| c.max_async_event_age_in_seconds)
                .map_or(DEFAULT_MAX_EVENT_AGE_SECONDS, |n| n.get())
                .saturating_mul(1000),
        }
    }
}

/// The wait before a retry: `base_ms` doubling with every try, at most `max_ms`.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Backoff {
    pub(crate) base_ms: u64,
    pub(crate) max_ms: u64,
}

impl Backoff {
    /// The wait after try `tries` (1 for the first) failed.
    pub(crate) fn after(&self, tries: u32) -> Duration {
        let factor = 1u64 << tries.saturating_sub(1).min(20);
        Duration::from_millis(self.base_ms.saturating_mul(factor).min(self.max_ms))
    }
}

/// A finished event's record for a destination: which side, and what it says of the last try.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Delivery {
    /// `onSuccess` when true, `onFailure` otherwise.
    pub(crate) success: bool,
    pub(crate) condition: String,
    pub(crate) status_code: u16,
    pub(crate) function_error: String,
}

/// What a try produced, as the lifecycle sees it; answers are already cut to
/// [`MAX_STORED_RESPONSE_BYTES`] (see [`stored_response`]).
#[derive(Clone, Copy, Debug)]
pub(crate) enum TryOutcome<'a> {
    /// The function answered.
    Succeeded { response: &'a Arc<str> },
    /// A function error: its `x-fc-error-type`, one line about it, and its body.
    Failed {
        kind: &'a str,
        summary: &'a str,
        response: &'a Arc<str>,
    },
    /// The try was stopped before it ended.
    Interrupted,
}

/// What [`begin_try`] decided.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Begin {
    /// The record is `Running`: start the try.
    Run,
    /// Too old: the record is `Expired` and this record goes to `onFailure`.
    Expired(Delivery),
    /// A stop was asked before this try: the record is `Stopped`.
    Stopped,
    /// Nothing to run (already running or over); the record is unchanged.
    NotRunnable,
}

/// What [`end_try`] decided.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum End {
    /// The record is `Retrying`, due at this time (epoch ms).
    Retry { due_ms: i64 },
    /// The record is final; a record goes to a destination when there is a delivery.
    Finished(Option<Delivery>),
    /// The record was not running; it is unchanged.
    NotRunning,
}

/// What [`stop`] decided.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Stop {
    /// Already `Stopping` or `Stopped`: nothing changed.
    Already,
    /// It was running: now `Stopping`; the running try must be interrupted.
    Interrupt,
    /// It had not started (or waited for a retry): now `Stopped`.
    Stopped,
}

/// What [`recover`] made of a stored record at start.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Recovered {
    /// Whether the record changed (and must be written again).
    pub(crate) changed: bool,
    /// Where it goes now.
    pub(crate) next: Next,
}

/// Where a recovered record goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Next {
    /// Into its function's ready queue.
    Ready,
    /// Into the timers, due at this time (epoch ms).
    Timer(i64),
    /// Nowhere: it is over.
    Done,
}

/// Appends a state change.
fn push_event(
    task: &mut AsyncTask,
    status: AsyncTaskStatus,
    now_ms: i64,
    detail: impl Into<String>,
) {
    task.status = Some(status.clone());
    let id = i64::try_from(task.events.len()).unwrap_or(i64::MAX - 1) + 1;
    let mut event = AsyncTaskEvent::default();
    event.event_detail = Some(detail.into());
    event.event_id = Some(id);
    event.status = Some(status);
    event.timestamp = Some(now_ms);
    task.events.push(event);
}

/// Appends a final state change and sets the end time and duration.
fn finish(task: &mut AsyncTask, status: AsyncTaskStatus, now_ms: i64, detail: impl Into<String>) {
    push_event(task, status, now_ms, detail);
    task.end_time = Some(now_ms);
    task.duration_ms = Some(
        now_ms
            .saturating_sub(task.started_time.unwrap_or(now_ms))
            .max(0),
    );
}

/// Text of at most `max` bytes (bytes that are not UTF-8 are replaced).
pub(crate) fn text(bytes: &[u8], max: usize) -> String {
    String::from_utf8_lossy(&bytes[..bytes.len().min(max)]).into_owned()
}

/// What is kept of a function's answer: its first [`MAX_STORED_RESPONSE_BYTES`], as text.
pub(crate) fn stored_response(answer: &[u8]) -> Arc<str> {
    Arc::from(text(answer, MAX_STORED_RESPONSE_BYTES))
}

/// Why a record that was running is queued again.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Requeue {
    /// fc3-local stopped during the try.
    Restart,
    /// The data store could not record how the try went.
    LostWrite,
}

/// What a new event is made of.
pub(crate) struct NewEvent<'a> {
    pub(crate) seq: u64,
    pub(crate) function: &'a str,
    pub(crate) qualifier: &'a str,
    pub(crate) version: &'a str,
    pub(crate) function_arn: String,
    pub(crate) request_id: &'a str,
    /// `Some` when it is an async task.
    pub(crate) task_id: Option<String>,
    /// Destination deliveries that led to it (0 for a client's invocation).
    pub(crate) hops: u32,
    pub(crate) now_ms: i64,
}

/// An accepted event: `Enqueued`, no try yet.
pub(crate) fn new_record(event: NewEvent<'_>) -> EventRecord {
    let NewEvent {
        seq,
        function,
        qualifier,
        version,
        function_arn,
        request_id,
        task_id,
        hops,
        now_ms,
    } = event;
    let mut task = AsyncTask::default();
    task.already_retried_times = Some(0);
    task.function_arn = Some(function_arn);
    task.qualifier = Some(qualifier.to_owned());
    task.request_id = Some(request_id.to_owned());
    task.started_time = Some(now_ms);
    task.task_id = task_id.clone();
    push_event(&mut task, AsyncTaskStatus::Enqueued, now_ms, "");
    EventRecord {
        seq,
        function: function.to_owned(),
        qualifier: qualifier.to_owned(),
        version: version.to_owned(),
        tracked: task_id.is_some(),
        accepted_ms: now_ms,
        next_due_ms: now_ms,
        tries: 0,
        hops,
        response: None,
        task,
    }
}

/// Before a try: expire the event if it is too old, finish a pending stop, or mark it
/// `Running` (one more try). A retry is not run before it is due.
pub(crate) fn begin_try(
    rec: &mut EventRecord,
    policy: &Policy,
    instance_id: &str,
    now_ms: i64,
) -> Begin {
    use AsyncTaskStatus as S;
    match rec.task.status {
        Some(S::Retrying) if now_ms < rec.next_due_ms => Begin::NotRunnable,
        Some(S::Enqueued | S::Retrying | S::Dequeued) => {
            let age_ms = now_ms.saturating_sub(rec.accepted_ms);
            if u64::try_from(age_ms).unwrap_or(0) > policy.max_age_ms {
                let detail = format!(
                    "expired: {age_ms} ms old, more than maxAsyncEventAgeInSeconds ({} s), after {} tries",
                    policy.max_age_ms / 1000,
                    rec.tries
                );
                finish(&mut rec.task, S::Expired, now_ms, detail);
                rec.task.task_error_message = Some("the event expired before it could run".into());
                return Begin::Expired(Delivery {
                    success: false,
                    condition: CONDITION_EXPIRED.to_owned(),
                    status_code: if rec.tries > 0 { 200 } else { 0 },
                    function_error: String::new(),
                });
            }
            rec.tries += 1;
            rec.task.already_retried_times = Some(i64::from(rec.tries) - 1);
            rec.task.instance_id = Some(instance_id.to_owned());
            push_event(
                &mut rec.task,
                S::Running,
                now_ms,
                format!("try {}", rec.tries),
            );
            Begin::Run
        }
        Some(S::Stopping) => {
            finish(
                &mut rec.task,
                S::Stopped,
                now_ms,
                "stopped before its next try",
            );
            Begin::Stopped
        }
        _ => Begin::NotRunnable,
    }
}

/// After a try: success, a retry after the backoff, failure once the retries are used up, or
/// `Stopped` when a stop came during the try.
pub(crate) fn end_try(
    rec: &mut EventRecord,
    outcome: TryOutcome<'_>,
    policy: &Policy,
    backoff: &Backoff,
    now_ms: i64,
) -> End {
    use AsyncTaskStatus as S;
    let tries = rec.tries;
    let task = &mut rec.task;
    match (task.status.clone(), outcome) {
        (Some(S::Stopping), _) | (Some(S::Running), TryOutcome::Interrupted) => {
            finish(
                task,
                S::Stopped,
                now_ms,
                format!("stopped during try {tries}"),
            );
            End::Finished(None)
        }
        (Some(S::Running), TryOutcome::Succeeded { response }) => {
            rec.response = Some(Arc::clone(response));
            task.task_error_message = None;
            finish(task, S::Succeeded, now_ms, format!("try {tries} succeeded"));
            End::Finished(Some(Delivery {
                success: true,
                condition: CONDITION_SUCCESS.to_owned(),
                status_code: 200,
                function_error: String::new(),
            }))
        }
        (
            Some(S::Running),
            TryOutcome::Failed {
                kind,
                summary,
                response,
            },
        ) => {
            rec.response = Some(Arc::clone(response));
            task.task_error_message = Some(format!("{kind}: {summary}"));
            if i64::from(tries) - 1 < policy.max_retries {
                let delay = backoff.after(tries);
                let due_ms =
                    now_ms.saturating_add(i64::try_from(delay.as_millis()).unwrap_or(i64::MAX));
                rec.next_due_ms = due_ms;
                let detail = format!(
                    "try {tries} failed: {kind}: {summary}; next try in {} ms",
                    delay.as_millis()
                );
                push_event(task, S::Retrying, now_ms, detail);
                End::Retry { due_ms }
            } else {
                let detail = format!(
                    "try {tries} failed: {kind}: {summary}; no retries left (maxAsyncRetryAttempts: {})",
                    policy.max_retries
                );
                finish(task, S::Failed, now_ms, detail);
                End::Finished(Some(Delivery {
                    success: false,
                    condition: kind.to_owned(),
                    status_code: 200,
                    function_error: kind.to_owned(),
                }))
            }
        }
        _ => End::NotRunning,
    }
}

/// StopAsyncTask: a queued or retrying task stops at once, a running one goes `Stopping`
/// (its try is interrupted), a stopped one stays; a finished one is refused with its status.
pub(crate) fn stop(rec: &mut EventRecord, now_ms: i64) -> Result<Stop, AsyncTaskStatus> {
    use AsyncTaskStatus as S;
    let task = &mut rec.task;
    match task.status.clone() {
        Some(S::Stopping | S::Stopped) => Ok(Stop::Already),
        Some(S::Running) => {
            push_event(task, S::Stopping, now_ms, "stop requested");
            Ok(Stop::Interrupt)
        }
        Some(status) if status.is_terminal() => Err(status),
        _ => {
            push_event(task, S::Stopping, now_ms, "stop requested");
            finish(task, S::Stopped, now_ms, "stopped before it ran");
            Ok(Stop::Stopped)
        }
    }
}

/// The function of the event no longer exists.
pub(crate) fn invalidate(rec: &mut EventRecord, now_ms: i64) {
    let detail = format!("function '{}' no longer exists", rec.function);
    finish(&mut rec.task, AsyncTaskStatus::Invalid, now_ms, detail);
}

/// A record no try drives (read back at start, or left behind by a lost write): an
/// interrupted try is queued again (it counts in `alreadyRetriedTimes`), a pending stop
/// completes, the rest goes where it was.
pub(crate) fn recover(rec: &mut EventRecord, why: Requeue, now_ms: i64) -> Recovered {
    use AsyncTaskStatus as S;
    match rec.task.status {
        Some(S::Running | S::Dequeued) => {
            let detail = match why {
                Requeue::Restart => {
                    format!("requeued: fc3-local restarted during try {}", rec.tries)
                }
                Requeue::LostWrite => format!(
                    "requeued: the data store could not record how try {} went",
                    rec.tries
                ),
            };
            push_event(&mut rec.task, S::Enqueued, now_ms, detail);
            Recovered {
                changed: true,
                next: Next::Ready,
            }
        }
        Some(S::Enqueued) | None => Recovered {
            changed: false,
            next: Next::Ready,
        },
        Some(S::Retrying) => Recovered {
            changed: false,
            next: Next::Timer(rec.next_due_ms),
        },
        Some(S::Stopping) => {
            let detail = match why {
                Requeue::Restart => "stopped (fc3-local restarted while stopping)",
                Requeue::LostWrite => {
                    "stopped (the data store could not record the end of the try)"
                }
            };
            finish(&mut rec.task, S::Stopped, now_ms, detail);
            Recovered {
                changed: true,
                next: Next::Done,
            }
        }
        Some(_) => Recovered {
            changed: false,
            next: Next::Done,
        },
    }
}

#[cfg(test)]
mod tests;
