//! The async engine: accepts asynchronous invocations, queues them, runs them with retries,
//! backoff and expiry under each function's concurrency limit, delivers outcome records to
//! destinations, and keeps the async task history. It also holds the async invoke
//! configurations, since they govern all of this.
//!
//! All state lives in memory behind one mutex; every change is also sent, in order and while
//! the mutex is held, to the [`Store`] so a data dir can replay it after a crash.

use std::cmp::Reverse;
use std::collections::{BTreeMap, BTreeSet, BinaryHeap, HashMap, VecDeque};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use axum::http::StatusCode;
use bytes::Bytes;
use fc3_models::{
    AsyncConfig, AsyncTask, AsyncTaskEvent, AsyncTaskStatus, ListAsyncInvokeConfigOutput,
    ListAsyncTaskOutput, PutAsyncInvokeConfigInput, SortOrder,
};
use serde::{Deserialize, Serialize};
use tokio::sync::{Notify, oneshot, watch};

use crate::clock::{Clock, from_millis, millis};
use crate::config::AsyncSettings;
use crate::error::{ApiError, clip};
use crate::functions::{Function, Functions, Invocation, InvokeContext, Outcome, Permit};
use crate::ids::IdGen;
use crate::store::{EventRecord, Op, Snapshot, Store, StoreError, StoredConfig};

/// `maxAsyncRetryAttempts` when the configuration does not say.
pub const DEFAULT_MAX_RETRY_ATTEMPTS: i64 = 3;
/// `maxAsyncEventAgeInSeconds` when the configuration does not say.
pub const DEFAULT_MAX_EVENT_AGE_SECONDS: u64 = 86_400;
/// The most of a function's answer kept in `returnPayload` and in destination records.
pub const MAX_STORED_RESPONSE_BYTES: usize = 128 * 1024;

/// `requestContext.condition` of a record delivered after a success.
pub const CONDITION_SUCCESS: &str = "";
/// `requestContext.condition` of a record delivered after an event expired.
pub const CONDITION_EXPIRED: &str = "EventAgeExceeded";

/// The record delivered to a destination, in FC's documented format:
/// `{"timestamp","requestContext":{"requestId","functionArn","condition","approximateInvokeCount"},
/// "requestPayload","responseContext":{"statusCode","functionError"},"responsePayload"}`.
///
/// `condition` is empty after a success, the function error type (e.g.
/// `UnhandledInvocationError`) after the retries ran out, and `EventAgeExceeded` after the
/// event expired. Payloads are text (bytes that are not UTF-8 are replaced).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DestinationRecord {
    /// When the record was made, in milliseconds since the Unix epoch.
    pub timestamp: i64,
    /// The invocation.
    pub request_context: RequestContext,
    /// The event.
    pub request_payload: String,
    /// The last try's result.
    pub response_context: ResponseContext,
    /// The function's answer of the last try (at most 128 KiB).
    pub response_payload: String,
}

/// `requestContext` of a [`DestinationRecord`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RequestContext {
    /// The request id shared by all tries.
    pub request_id: String,
    /// The ARN of the function invoked.
    pub function_arn: String,
    /// Why the record was delivered (see [`DestinationRecord`]).
    pub condition: String,
    /// How many tries ran.
    pub approximate_invoke_count: u32,
}

/// `responseContext` of a [`DestinationRecord`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ResponseContext {
    /// 200 when the function ran (even if it failed), 0 when no try ran.
    pub status_code: u16,
    /// The `x-fc-error-type` of the last try, empty on success.
    pub function_error: String,
}

/// What ListAsyncTasks asks for.
#[derive(Clone, Debug)]
pub(crate) struct TaskQuery {
    pub(crate) qualifier: Option<String>,
    pub(crate) limit: usize,
    pub(crate) next_token: Option<String>,
    pub(crate) prefix: Option<String>,
    pub(crate) status: Option<AsyncTaskStatus>,
    pub(crate) started_begin: Option<i64>,
    pub(crate) started_end: Option<i64>,
    pub(crate) order: SortOrder,
    pub(crate) include_payload: bool,
}

/// One async invocation to accept.
pub(crate) struct AcceptRequest {
    pub(crate) function: Arc<Function>,
    pub(crate) qualifier: String,
    pub(crate) version: String,
    pub(crate) request_id: String,
    pub(crate) task_id: Option<String>,
    pub(crate) payload: Bytes,
}

struct Entry {
    rec: EventRecord,
    payload: Bytes,
}

#[derive(Default)]
struct FnTasks {
    by_id: HashMap<String, u64>,
    by_time: BTreeSet<(i64, u64)>,
}

#[derive(Default)]
struct State {
    events: HashMap<u64, Entry>,
    tasks: HashMap<String, FnTasks>,
    timers: BinaryHeap<Reverse<(i64, u64)>>,
    ready: BTreeMap<String, VecDeque<u64>>,
    stops: HashMap<u64, oneshot::Sender<()>>,
    configs: BTreeMap<(String, String), AsyncConfig>,
    next_seq: u64,
}

impl State {
    fn config(&self, function: &str, qualifier: &str) -> Option<&AsyncConfig> {
        self.configs
            .get(&(function.to_owned(), qualifier.to_owned()))
    }
}

/// What an engine is made of.
pub(crate) struct EngineSetup {
    pub(crate) functions: Functions,
    pub(crate) store: Store,
    pub(crate) snapshot: Snapshot,
    pub(crate) clock: Arc<dyn Clock>,
    pub(crate) ids: Arc<IdGen>,
    pub(crate) wake: Arc<Notify>,
    pub(crate) settings: AsyncSettings,
    pub(crate) region: String,
    pub(crate) account_id: String,
}

/// The engine. Shared as `Arc<Engine>`.
pub(crate) struct Engine {
    state: Mutex<State>,
    store: Store,
    clock: Arc<dyn Clock>,
    pub(crate) functions: Functions,
    ids: Arc<IdGen>,
    wake: Arc<Notify>,
    settings: AsyncSettings,
    region: String,
    account_id: String,
    running: Arc<AtomicUsize>,
    paused: AtomicBool,
    shutdown: watch::Sender<bool>,
}

fn is_terminal(status: Option<&AsyncTaskStatus>) -> bool {
    status.is_some_and(AsyncTaskStatus::is_terminal)
}

fn push_event(
    task: &mut AsyncTask,
    status: AsyncTaskStatus,
    now_ms: i64,
    detail: impl Into<String>,
) {
    task.status = Some(status.clone());
    let id = i64::try_from(task.events.len()).unwrap_or(i64::MAX - 1) + 1;
    task.events.push(AsyncTaskEvent {
        event_detail: Some(detail.into()),
        event_id: Some(id),
        status: Some(status),
        timestamp: Some(now_ms),
    });
}

fn finish(task: &mut AsyncTask, status: AsyncTaskStatus, now_ms: i64, detail: impl Into<String>) {
    push_event(task, status, now_ms, detail);
    task.end_time = Some(now_ms);
    task.duration_ms = Some(
        now_ms
            .saturating_sub(task.started_time.unwrap_or(now_ms))
            .max(0),
    );
}

fn text(bytes: &[u8], max: usize) -> String {
    let cut = &bytes[..bytes.len().min(max)];
    String::from_utf8_lossy(cut).into_owned()
}

fn not_found_task(function: &str, task_id: &str) -> ApiError {
    ApiError::new(
        StatusCode::NOT_FOUND,
        "AsyncTaskNotExists",
        format!(
            "async task '{}' of function '{}' does not exist.",
            clip(task_id),
            clip(function)
        ),
    )
}

impl Engine {
    pub(crate) fn new(setup: EngineSetup) -> Arc<Self> {
        let EngineSetup {
            functions,
            store,
            snapshot,
            clock,
            ids,
            wake,
            settings,
            region,
            account_id,
        } = setup;
        let (shutdown, _) = watch::channel(false);
        let engine = Arc::new(Self {
            state: Mutex::new(State::default()),
            store,
            clock,
            functions,
            ids,
            wake,
            settings,
            region,
            account_id,
            running: Arc::new(AtomicUsize::new(0)),
            paused: AtomicBool::new(false),
            shutdown,
        });
        engine.recover(snapshot);
        engine
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// `acs:fc:{region}:{account}:functions/{name}`, with `/{qualifier}` unless it is LATEST.
    pub(crate) fn function_arn(&self, name: &str, qualifier: &str) -> String {
        let base = format!(
            "acs:fc:{}:{}:functions/{name}",
            self.region, self.account_id
        );
        if qualifier == "LATEST" {
            base
        } else {
            format!("{base}/{qualifier}")
        }
    }

    /// Rebuilds memory from a snapshot: non-terminal events are queued again.
    fn recover(&self, snapshot: Snapshot) {
        let now_ms = millis(self.clock.now());
        let mut ops = Vec::new();
        let mut st = self.lock();
        for stored in snapshot.configs {
            st.configs
                .insert((stored.function, stored.qualifier), stored.config);
        }
        let mut events = snapshot.events;
        events.sort_by_key(|(rec, _)| rec.seq);
        for (mut rec, payload) in events {
            st.next_seq = st.next_seq.max(rec.seq + 1);
            use AsyncTaskStatus as S;
            match rec.task.status {
                Some(S::Running | S::Dequeued) => {
                    let detail = format!("requeued: fc3-local restarted during try {}", rec.tries);
                    push_event(&mut rec.task, S::Enqueued, now_ms, detail);
                    st.ready
                        .entry(rec.function.clone())
                        .or_default()
                        .push_back(rec.seq);
                    ops.push(Op::PutEvent(Box::new(rec.clone())));
                }
                Some(S::Enqueued) | None => {
                    st.ready
                        .entry(rec.function.clone())
                        .or_default()
                        .push_back(rec.seq);
                }
                Some(S::Retrying) => st.timers.push(Reverse((rec.next_due_ms, rec.seq))),
                Some(S::Stopping) => {
                    finish(
                        &mut rec.task,
                        S::Stopped,
                        now_ms,
                        "stopped (fc3-local restarted while stopping)",
                    );
                    ops.push(Op::PutEvent(Box::new(rec.clone())));
                }
                Some(_) => {}
            }
            if !rec.tracked && is_terminal(rec.task.status.as_ref()) {
                ops.push(Op::DeleteEvent(rec.seq));
                continue;
            }
            if rec.tracked
                && let Some(id) = rec.task.task_id.clone()
            {
                let started = rec.task.started_time.unwrap_or(rec.accepted_ms);
                let tasks = st.tasks.entry(rec.function.clone()).or_default();
                tasks.by_id.insert(id, rec.seq);
                tasks.by_time.insert((started, rec.seq));
            }
            st.events.insert(rec.seq, Entry { rec, payload });
        }
        if !ops.is_empty() {
            let _ = self.store.submit(ops, false);
        }
    }

    /// Starts the dispatcher.
    pub(crate) fn start(self: &Arc<Self>) {
        let engine = Arc::clone(self);
        let mut shutdown = self.shutdown.subscribe();
        tokio::spawn(async move {
            loop {
                let next_due = engine.dispatch();
                let notified = engine.wake.notified();
                let sleep = match next_due {
                    Some(due) => engine.clock.sleep_until(from_millis(due)),
                    None => Box::pin(std::future::pending()),
                };
                tokio::select! {
                    () = notified => {}
                    () = sleep => {}
                    _ = shutdown.changed() => break,
                }
            }
        });
    }

    /// Stops the dispatcher and closes the store after writing what is queued.
    pub(crate) async fn shutdown(&self) {
        self.shutdown.send_replace(true);
        self.store.close().await;
    }

    /// Moves due events to the ready queues and starts what the limits allow. Returns when
    /// the next timer is due.
    fn dispatch(self: &Arc<Self>) -> Option<i64> {
        let mut to_run: Vec<(u64, Permit)> = Vec::new();
        let next_due = {
            let mut st = self.lock();
            let now_ms = millis(self.clock.now());
            while let Some(&Reverse((due, seq))) = st.timers.peek() {
                if due > now_ms {
                    break;
                }
                st.timers.pop();
                if let Some(entry) = st.events.get(&seq) {
                    let function = entry.rec.function.clone();
                    st.ready.entry(function).or_default().push_back(seq);
                }
            }
            // Round robin over the functions, one event each per turn.
            let mut progress = !self.paused.load(Ordering::Acquire);
            while progress
                && self.running.load(Ordering::Acquire) + to_run.len() < self.settings.workers
            {
                progress = false;
                let State { ready, events, .. } = &mut *st;
                for (name, queue) in ready.iter_mut() {
                    if self.running.load(Ordering::Acquire) + to_run.len() >= self.settings.workers
                    {
                        break;
                    }
                    let Some(&seq) = queue.front() else { continue };
                    let runnable = events
                        .get(&seq)
                        .is_some_and(|e| !is_terminal(e.rec.task.status.as_ref()));
                    if !runnable {
                        queue.pop_front();
                        progress = true;
                        continue;
                    }
                    let permit = match self.functions.get(name) {
                        Some(f) => f.limiter.try_acquire(),
                        // The function is gone: run it anyway, to mark it Invalid.
                        None => None,
                    };
                    let permit = match permit {
                        Some(p) => p,
                        None if self.functions.get(name).is_none() => {
                            queue.pop_front();
                            self.invalidate(events, seq);
                            progress = true;
                            continue;
                        }
                        None => continue,
                    };
                    queue.pop_front();
                    to_run.push((seq, permit));
                    progress = true;
                }
                ready.retain(|_, q| !q.is_empty());
            }
            st.timers.peek().map(|Reverse((due, _))| *due)
        };
        for (seq, permit) in to_run {
            self.running.fetch_add(1, Ordering::AcqRel);
            let slot = RunSlot {
                running: Arc::clone(&self.running),
                wake: Arc::clone(&self.wake),
            };
            let engine = Arc::clone(self);
            tokio::spawn(async move { engine.run(seq, permit, slot).await });
        }
        next_due
    }

    /// Marks an event whose function no longer exists as Invalid.
    fn invalidate(&self, events: &mut HashMap<u64, Entry>, seq: u64) {
        let now_ms = millis(self.clock.now());
        let mut ops = Vec::new();
        if let Some(entry) = events.get_mut(&seq) {
            let detail = format!("function '{}' no longer exists", entry.rec.function);
            finish(
                &mut entry.rec.task,
                AsyncTaskStatus::Invalid,
                now_ms,
                detail,
            );
            self.persist_entry(entry, &mut ops);
            if !entry.rec.tracked {
                events.remove(&seq);
            }
        }
        if !ops.is_empty() {
            let _ = self.store.submit(ops, false);
        }
    }

    fn persist_entry(&self, entry: &Entry, ops: &mut Vec<Op>) {
        if !self.store.is_durable() {
            return;
        }
        if !entry.rec.tracked && is_terminal(entry.rec.task.status.as_ref()) {
            ops.push(Op::DeleteEvent(entry.rec.seq));
        } else {
            ops.push(Op::PutEvent(Box::new(entry.rec.clone())));
        }
    }

    /// Forgets untracked events once they are over.
    fn drop_if_done(st: &mut State, seq: u64) {
        if st
            .events
            .get(&seq)
            .is_some_and(|e| !e.rec.tracked && is_terminal(e.rec.task.status.as_ref()))
        {
            st.events.remove(&seq);
        }
    }

    fn backoff(&self, tries: u32) -> Duration {
        let factor = 1u64 << tries.saturating_sub(1).min(20);
        let ms = self
            .settings
            .retry_base_delay_ms
            .saturating_mul(factor)
            .min(self.settings.retry_max_delay_ms);
        Duration::from_millis(ms)
    }

    // ---- accepting ----

    /// Accepts an async invocation: stores it (durably, with a data dir) and queues it.
    /// Returns the task id when async tasks are on.
    pub(crate) async fn accept(&self, request: AcceptRequest) -> Result<Option<String>, ApiError> {
        let now_ms = millis(self.clock.now());
        let (seq, task_id, pending) = {
            let mut st = self.lock();
            let tracked = st
                .config(&request.function.name, &request.qualifier)
                .and_then(|c| c.async_task)
                .unwrap_or(request.function.default_async_task);
            if request.task_id.is_some() && !tracked {
                return Err(ApiError::invalid_argument(format!(
                    "x-fc-async-task-id needs async tasks: put an async invoke configuration with \
                     asyncTask: true for function '{}' qualifier '{}' first",
                    request.function.name, request.qualifier
                )));
            }
            let task_id = tracked.then(|| {
                request
                    .task_id
                    .clone()
                    .unwrap_or_else(|| self.ids.task_id())
            });
            if let Some(id) = &task_id
                && st
                    .tasks
                    .get(&request.function.name)
                    .is_some_and(|t| t.by_id.contains_key(id))
            {
                return Err(ApiError::new(
                    StatusCode::CONFLICT,
                    "AsyncTaskAlreadyExists",
                    format!(
                        "async task '{}' of function '{}' already exists: task ids are unique per function",
                        clip(id),
                        request.function.name
                    ),
                ));
            }
            let (seq, ops) = self.insert_event(
                &mut st,
                &request.function.name,
                &request.qualifier,
                &request.version,
                &request.request_id,
                task_id.clone(),
                request.payload,
                now_ms,
            );
            (seq, task_id, self.store.submit(ops, true))
        };
        if let Err(e) = pending.wait().await {
            let mut st = self.lock();
            if let Some(entry) = st.events.remove(&seq)
                && let (Some(id), Some(tasks)) = (
                    entry.rec.task.task_id.as_ref(),
                    st.tasks.get_mut(&entry.rec.function),
                )
            {
                tasks.by_id.remove(id);
                tasks.by_time.retain(|(_, s)| *s != seq);
            }
            return Err(ApiError::internal(format!(
                "the event could not be stored: {e}"
            )));
        }
        {
            let mut st = self.lock();
            let function = request.function.name.clone();
            st.ready.entry(function).or_default().push_back(seq);
        }
        self.wake.notify_one();
        Ok(task_id)
    }

    /// Adds an Enqueued event (not yet in a ready queue) and returns its writes.
    #[allow(clippy::too_many_arguments)]
    fn insert_event(
        &self,
        st: &mut State,
        function: &str,
        qualifier: &str,
        version: &str,
        request_id: &str,
        task_id: Option<String>,
        payload: Bytes,
        now_ms: i64,
    ) -> (u64, Vec<Op>) {
        let seq = st.next_seq;
        st.next_seq += 1;
        let tracked = task_id.is_some();
        let mut task = AsyncTask {
            already_retried_times: Some(0),
            function_arn: Some(self.function_arn(function, qualifier)),
            qualifier: Some(qualifier.to_owned()),
            request_id: Some(request_id.to_owned()),
            started_time: Some(now_ms),
            task_id: task_id.clone(),
            ..AsyncTask::default()
        };
        push_event(&mut task, AsyncTaskStatus::Enqueued, now_ms, "");
        let rec = EventRecord {
            seq,
            function: function.to_owned(),
            qualifier: qualifier.to_owned(),
            version: version.to_owned(),
            tracked,
            accepted_ms: now_ms,
            next_due_ms: now_ms,
            tries: 0,
            task,
        };
        let mut ops = Vec::new();
        if self.store.is_durable() {
            ops.push(Op::PutPayload(seq, payload.clone()));
            ops.push(Op::PutEvent(Box::new(rec.clone())));
        }
        if let Some(id) = task_id {
            let tasks = st.tasks.entry(function.to_owned()).or_default();
            tasks.by_id.insert(id, seq);
            tasks.by_time.insert((now_ms, seq));
        }
        st.events.insert(seq, Entry { rec, payload });
        (seq, ops)
    }

    // ---- running ----

    async fn run(self: Arc<Self>, seq: u64, permit: Permit, slot: RunSlot) {
        let Some(start) = self.begin_try(seq) else {
            drop(permit);
            drop(slot);
            return;
        };
        let invocation = {
            let invoke = start
                .function
                .invoke(&start.ctx, start.payload, self.clock.as_ref());
            tokio::select! {
                invocation = invoke => Some(invocation),
                _ = start.stop => None,
            }
        };
        self.end_try(seq, invocation);
        drop(permit);
        drop(slot);
    }

    fn begin_try(&self, seq: u64) -> Option<TryStart> {
        let now_ms = millis(self.clock.now());
        let mut ops = Vec::new();
        let mut st = self.lock();
        let (function_name, qualifier) = {
            let entry = st.events.get(&seq)?;
            (entry.rec.function.clone(), entry.rec.qualifier.clone())
        };
        let config = st
            .config(&function_name, &qualifier)
            .cloned()
            .unwrap_or_default();
        let Some(function) = self.functions.get(&function_name).cloned() else {
            let State { events, .. } = &mut *st;
            self.invalidate(events, seq);
            Self::drop_if_done(&mut st, seq);
            return None;
        };
        let (tx, rx) = oneshot::channel();
        let mut deliveries = Vec::new();
        let start = {
            let entry = st.events.get_mut(&seq)?;
            use AsyncTaskStatus as S;
            match entry.rec.task.status {
                Some(S::Enqueued | S::Retrying | S::Dequeued) => {
                    let max_age_ms = config
                        .max_async_event_age_in_seconds
                        .map_or(DEFAULT_MAX_EVENT_AGE_SECONDS, |n| n.get())
                        .saturating_mul(1000);
                    let age_ms = now_ms.saturating_sub(entry.rec.accepted_ms);
                    if u64::try_from(age_ms).unwrap_or(0) > max_age_ms {
                        let detail = format!(
                            "expired: {age_ms} ms old, more than maxAsyncEventAgeInSeconds ({} s), after {} tries",
                            max_age_ms / 1000,
                            entry.rec.tries
                        );
                        finish(&mut entry.rec.task, S::Expired, now_ms, detail);
                        entry.rec.task.task_error_message =
                            Some("the event expired before it could run".into());
                        deliveries.push(Delivery {
                            source: seq,
                            success: false,
                            condition: CONDITION_EXPIRED.to_owned(),
                            status_code: if entry.rec.tries > 0 { 200 } else { 0 },
                            function_error: String::new(),
                        });
                        self.persist_entry(entry, &mut ops);
                        None
                    } else {
                        entry.rec.tries += 1;
                        entry.rec.task.already_retried_times = Some(i64::from(entry.rec.tries) - 1);
                        entry.rec.task.instance_id = Some(function.instance_id.clone());
                        push_event(
                            &mut entry.rec.task,
                            S::Running,
                            now_ms,
                            format!("try {}", entry.rec.tries),
                        );
                        self.persist_entry(entry, &mut ops);
                        Some(TryStart {
                            ctx: InvokeContext {
                                request_id: entry.rec.task.request_id.clone().unwrap_or_default(),
                                qualifier: entry.rec.qualifier.clone(),
                                version: entry.rec.version.clone(),
                                attempt: entry.rec.tries,
                                region: self.region.clone(),
                                account_id: self.account_id.clone(),
                            },
                            payload: entry.payload.clone(),
                            function,
                            stop: rx,
                        })
                    }
                }
                Some(S::Stopping) => {
                    finish(
                        &mut entry.rec.task,
                        S::Stopped,
                        now_ms,
                        "stopped before its next try",
                    );
                    self.persist_entry(entry, &mut ops);
                    None
                }
                _ => return None,
            }
        };
        if start.is_some() {
            st.stops.insert(seq, tx);
        }
        for delivery in deliveries {
            self.deliver(&mut st, &config, delivery, &mut ops);
        }
        Self::drop_if_done(&mut st, seq);
        let _ = self.store.submit(ops, false);
        start
    }

    fn end_try(&self, seq: u64, invocation: Option<Invocation>) {
        let now_ms = millis(self.clock.now());
        let mut ops = Vec::new();
        let mut deliveries = Vec::new();
        let mut st = self.lock();
        st.stops.remove(&seq);
        let Some((function_name, qualifier)) = st
            .events
            .get(&seq)
            .map(|e| (e.rec.function.clone(), e.rec.qualifier.clone()))
        else {
            return;
        };
        let config = st
            .config(&function_name, &qualifier)
            .cloned()
            .unwrap_or_default();
        let mut timer = None;
        if let Some(entry) = st.events.get_mut(&seq) {
            use AsyncTaskStatus as S;
            let task = &mut entry.rec.task;
            let tries = entry.rec.tries;
            match invocation {
                _ if task.status == Some(S::Stopping) => {
                    finish(
                        task,
                        S::Stopped,
                        now_ms,
                        format!("stopped during try {tries}"),
                    );
                }
                None => finish(
                    task,
                    S::Stopped,
                    now_ms,
                    format!("stopped during try {tries}"),
                ),
                Some(Invocation {
                    outcome: Outcome::Success(body),
                    ..
                }) => {
                    task.return_payload = Some(text(&body, MAX_STORED_RESPONSE_BYTES));
                    task.task_error_message = None;
                    finish(task, S::Succeeded, now_ms, format!("try {tries} succeeded"));
                    deliveries.push(Delivery {
                        source: seq,
                        success: true,
                        condition: CONDITION_SUCCESS.to_owned(),
                        status_code: 200,
                        function_error: String::new(),
                    });
                }
                Some(Invocation {
                    outcome: Outcome::Error(error),
                    ..
                }) => {
                    task.return_payload = Some(text(&error.body, MAX_STORED_RESPONSE_BYTES));
                    task.task_error_message = Some(format!("{}: {}", error.kind, error.summary));
                    let retries = config
                        .max_async_retry_attempts
                        .unwrap_or(DEFAULT_MAX_RETRY_ATTEMPTS)
                        .clamp(0, 8);
                    if i64::from(tries) - 1 < retries {
                        let delay = self.backoff(tries);
                        let due = now_ms
                            .saturating_add(i64::try_from(delay.as_millis()).unwrap_or(i64::MAX));
                        entry.rec.next_due_ms = due;
                        let detail = format!(
                            "try {tries} failed: {}: {}; next try in {} ms",
                            error.kind,
                            error.summary,
                            delay.as_millis()
                        );
                        push_event(task, S::Retrying, now_ms, detail);
                        timer = Some(due);
                    } else {
                        let detail = format!(
                            "try {tries} failed: {}: {}; no retries left (maxAsyncRetryAttempts: {retries})",
                            error.kind, error.summary
                        );
                        finish(task, S::Failed, now_ms, detail);
                        deliveries.push(Delivery {
                            source: seq,
                            success: false,
                            condition: error.kind.to_owned(),
                            status_code: 200,
                            function_error: error.kind.to_owned(),
                        });
                    }
                }
            }
            self.persist_entry(entry, &mut ops);
        }
        if let Some(due) = timer {
            st.timers.push(Reverse((due, seq)));
        }
        for delivery in deliveries {
            self.deliver(&mut st, &config, delivery, &mut ops);
        }
        Self::drop_if_done(&mut st, seq);
        let _ = self.store.submit(ops, false);
        drop(st);
        if timer.is_some() {
            self.wake.notify_one();
        }
    }

    /// Delivers an outcome record to the configured destination, if any, as an async
    /// invocation of the destination function, in the same writes as the outcome.
    fn deliver(&self, st: &mut State, config: &AsyncConfig, delivery: Delivery, ops: &mut Vec<Op>) {
        let destinations = config.destination_config.as_ref();
        let target = if delivery.success {
            destinations.and_then(|d| d.on_success.as_ref())
        } else {
            destinations.and_then(|d| d.on_failure.as_ref())
        };
        let Some(arn) = target
            .and_then(|d| d.destination.as_ref())
            .map(|a| a.to_string())
        else {
            return;
        };
        let now_ms = millis(self.clock.now());
        let Some(source) = st.events.get(&delivery.source) else {
            return;
        };
        let record = DestinationRecord {
            timestamp: now_ms,
            request_context: RequestContext {
                request_id: source.rec.task.request_id.clone().unwrap_or_default(),
                function_arn: source.rec.task.function_arn.clone().unwrap_or_default(),
                condition: delivery.condition,
                approximate_invoke_count: source.rec.tries,
            },
            request_payload: text(&source.payload, usize::MAX),
            response_context: ResponseContext {
                status_code: delivery.status_code,
                function_error: delivery.function_error,
            },
            response_payload: source.rec.task.return_payload.clone().unwrap_or_default(),
        };
        let target_function = fc3_models::rules::parse_destination(&arn)
            .ok()
            .and_then(|d| d.function_name())
            .and_then(|name| self.functions.get(name).cloned());
        let outcome = match target_function {
            Some(function) => {
                let tracked = st
                    .config(&function.name, "LATEST")
                    .and_then(|c| c.async_task)
                    .unwrap_or(function.default_async_task);
                let payload = Bytes::from(serde_json::to_vec(&record).unwrap_or_default());
                let request_id = self.ids.request_id(self.clock.now());
                let task_id = tracked.then(|| self.ids.task_id());
                let (seq, more) = self.insert_event(
                    st,
                    &function.name,
                    "LATEST",
                    "LATEST",
                    &request_id,
                    task_id,
                    payload,
                    now_ms,
                );
                ops.extend(more);
                st.ready
                    .entry(function.name.clone())
                    .or_default()
                    .push_back(seq);
                self.wake.notify_one();
                "Succeeded"
            }
            None => {
                tracing::warn!(destination = %clip(&arn), "destination is not a local function; record not delivered");
                "Failed"
            }
        };
        if let Some(source) = st.events.get_mut(&delivery.source) {
            source.rec.task.destination_status = Some(outcome.to_owned());
            self.persist_entry(source, ops);
        }
    }

    // ---- async invoke configurations ----

    fn stored_config(&self, function: &str, qualifier: &str, config: AsyncConfig) -> Op {
        Op::PutConfig(Box::new(StoredConfig {
            function: function.to_owned(),
            qualifier: qualifier.to_owned(),
            config,
        }))
    }

    pub(crate) async fn put_config(
        &self,
        function: &str,
        qualifier: &str,
        input: PutAsyncInvokeConfigInput,
    ) -> Result<AsyncConfig, ApiError> {
        let now = acs3::format_date(self.clock.now()).unwrap_or_default();
        let (config, pending) = {
            let mut st = self.lock();
            let key = (function.to_owned(), qualifier.to_owned());
            let created = st
                .configs
                .get(&key)
                .and_then(|c| c.created_time.clone())
                .unwrap_or_else(|| now.clone());
            let config = AsyncConfig {
                async_task: input.async_task,
                created_time: Some(created),
                destination_config: input.destination_config,
                function_arn: Some(self.function_arn(function, qualifier)),
                last_modified_time: Some(now),
                max_async_event_age_in_seconds: input.max_async_event_age_in_seconds,
                max_async_retry_attempts: input.max_async_retry_attempts,
            };
            st.configs.insert(key, config.clone());
            let ops = vec![self.stored_config(function, qualifier, config.clone())];
            (config, self.store.submit(ops, true))
        };
        pending.wait().await.map_err(store_error)?;
        Ok(config)
    }

    pub(crate) fn get_config(
        &self,
        function: &str,
        qualifier: &str,
    ) -> Result<AsyncConfig, ApiError> {
        self.lock()
            .config(function, qualifier)
            .cloned()
            .ok_or_else(|| config_not_found(function, qualifier))
    }

    pub(crate) async fn delete_config(
        &self,
        function: &str,
        qualifier: &str,
    ) -> Result<(), ApiError> {
        let pending = {
            let mut st = self.lock();
            if st
                .configs
                .remove(&(function.to_owned(), qualifier.to_owned()))
                .is_none()
            {
                return Err(config_not_found(function, qualifier));
            }
            let ops = vec![Op::DeleteConfig(StoredConfig::key(function, qualifier))];
            self.store.submit(ops, true)
        };
        pending.wait().await.map_err(store_error)
    }

    pub(crate) fn list_configs(
        &self,
        function: Option<&str>,
        limit: usize,
        next_token: Option<&str>,
    ) -> Result<ListAsyncInvokeConfigOutput, ApiError> {
        let start = match next_token {
            None => None,
            Some(token) => {
                let (f, q) = token.split_once('#').ok_or_else(|| {
                    ApiError::invalid_argument("nextToken: not a token this server issued")
                })?;
                Some((f.to_owned(), q.to_owned()))
            }
        };
        let st = self.lock();
        let mut page: Vec<(&(String, String), &AsyncConfig)> = st
            .configs
            .iter()
            .filter(|(key, _)| start.as_ref().is_none_or(|s| *key >= s))
            .filter(|((f, _), _)| function.is_none_or(|name| name == f))
            .take(limit + 1)
            .collect();
        let next_token = (page.len() > limit)
            .then(|| page.pop())
            .flatten()
            .map(|((f, q), _)| format!("{f}#{q}"));
        Ok(ListAsyncInvokeConfigOutput {
            configs: page.into_iter().map(|(_, c)| c.clone()).collect(),
            next_token,
        })
    }

    // ---- async tasks ----

    fn render(entry: &Entry, include_payload: bool) -> AsyncTask {
        let mut task = entry.rec.task.clone();
        if include_payload {
            task.task_payload = Some(text(&entry.payload, usize::MAX));
        }
        task
    }

    pub(crate) fn get_task(&self, function: &str, task_id: &str) -> Result<AsyncTask, ApiError> {
        let st = self.lock();
        st.tasks
            .get(function)
            .and_then(|t| t.by_id.get(task_id))
            .and_then(|seq| st.events.get(seq))
            .map(|entry| Self::render(entry, true))
            .ok_or_else(|| not_found_task(function, task_id))
    }

    pub(crate) fn list_tasks(
        &self,
        function: &str,
        query: &TaskQuery,
    ) -> Result<ListAsyncTaskOutput, ApiError> {
        let st = self.lock();
        let Some(tasks) = st.tasks.get(function) else {
            if query.next_token.is_some() {
                return Err(ApiError::invalid_argument(
                    "nextToken: not a token this server issued",
                ));
            }
            return Ok(ListAsyncTaskOutput::default());
        };
        let start = match &query.next_token {
            None => None,
            Some(token) => {
                let seq = tasks.by_id.get(token).ok_or_else(|| {
                    ApiError::invalid_argument("nextToken: not a token this server issued")
                })?;
                let started = st
                    .events
                    .get(seq)
                    .and_then(|e| e.rec.task.started_time)
                    .unwrap_or_default();
                Some((started, *seq))
            }
        };
        let keep = |key: &&(i64, u64)| -> bool {
            let Some(entry) = st.events.get(&key.1) else {
                return false;
            };
            let task = &entry.rec.task;
            query
                .qualifier
                .as_deref()
                .is_none_or(|q| task.qualifier.as_deref() == Some(q))
                && query
                    .prefix
                    .as_deref()
                    .is_none_or(|p| task.task_id.as_deref().is_some_and(|id| id.starts_with(p)))
                && query
                    .status
                    .as_ref()
                    .is_none_or(|s| task.status.as_ref() == Some(s))
                && query.started_begin.is_none_or(|b| key.0 >= b)
                && query.started_end.is_none_or(|e| key.0 <= e)
        };
        let mut page: Vec<(i64, u64)> = match (query.order, start) {
            (SortOrder::Asc, None) => tasks
                .by_time
                .iter()
                .filter(keep)
                .take(query.limit + 1)
                .copied()
                .collect(),
            (SortOrder::Asc, Some(s)) => tasks
                .by_time
                .range(s..)
                .filter(keep)
                .take(query.limit + 1)
                .copied()
                .collect(),
            (SortOrder::Desc, None) => tasks
                .by_time
                .iter()
                .rev()
                .filter(keep)
                .take(query.limit + 1)
                .copied()
                .collect(),
            (SortOrder::Desc, Some(s)) => tasks
                .by_time
                .range(..=s)
                .rev()
                .filter(keep)
                .take(query.limit + 1)
                .copied()
                .collect(),
        };
        let next_token = if page.len() > query.limit {
            page.pop()
                .and_then(|(_, seq)| st.events.get(&seq))
                .and_then(|e| e.rec.task.task_id.clone())
        } else {
            None
        };
        Ok(ListAsyncTaskOutput {
            next_token,
            tasks: page
                .iter()
                .filter_map(|(_, seq)| st.events.get(seq))
                .map(|entry| Self::render(entry, query.include_payload))
                .collect(),
        })
    }

    pub(crate) async fn stop_task(&self, function: &str, task_id: &str) -> Result<(), ApiError> {
        let now_ms = millis(self.clock.now());
        let pending = {
            let mut st = self.lock();
            let seq = *st
                .tasks
                .get(function)
                .and_then(|t| t.by_id.get(task_id))
                .ok_or_else(|| not_found_task(function, task_id))?;
            let running = st.stops.remove(&seq);
            let entry = st
                .events
                .get_mut(&seq)
                .ok_or_else(|| not_found_task(function, task_id))?;
            let mut ops = Vec::new();
            use AsyncTaskStatus as S;
            match entry.rec.task.status.clone() {
                Some(S::Stopping | S::Stopped) => return Ok(()),
                Some(S::Running) => {
                    push_event(&mut entry.rec.task, S::Stopping, now_ms, "stop requested");
                    if let Some(stop) = running {
                        let _ = stop.send(());
                    }
                }
                Some(status) if status.is_terminal() => {
                    return Err(ApiError::invalid_argument(format!(
                        "taskId: async task '{}' is already {status} and cannot be stopped",
                        clip(task_id)
                    )));
                }
                _ => {
                    push_event(&mut entry.rec.task, S::Stopping, now_ms, "stop requested");
                    finish(
                        &mut entry.rec.task,
                        S::Stopped,
                        now_ms,
                        "stopped before it ran",
                    );
                }
            }
            self.persist_entry(entry, &mut ops);
            self.store.submit(ops, true)
        };
        pending.wait().await.map_err(store_error)
    }

    /// Waits until every change made so far is durable (at once without a data dir).
    pub(crate) async fn sync_store(&self) -> Result<(), StoreError> {
        self.store.submit(Vec::new(), true).wait().await
    }

    /// Holds back (or lets go) new tries; tries already running go on.
    pub(crate) fn set_paused(&self, paused: bool) {
        self.paused.store(paused, Ordering::Release);
        self.wake.notify_one();
    }

    /// How many events are not over yet (queued, waiting for a retry or running).
    pub(crate) fn pending_events(&self) -> usize {
        self.lock()
            .events
            .values()
            .filter(|e| !is_terminal(e.rec.task.status.as_ref()))
            .count()
    }
}

fn store_error(e: StoreError) -> ApiError {
    ApiError::internal(format!("the change could not be stored: {e}"))
}

fn config_not_found(function: &str, qualifier: &str) -> ApiError {
    ApiError::new(
        StatusCode::NOT_FOUND,
        "AsyncConfigNotExists",
        format!(
            "async config of function '{}' qualifier '{}' does not exist.",
            clip(function),
            clip(qualifier)
        ),
    )
}

struct TryStart {
    ctx: InvokeContext,
    payload: Bytes,
    function: Arc<Function>,
    stop: oneshot::Receiver<()>,
}

struct Delivery {
    source: u64,
    success: bool,
    condition: String,
    status_code: u16,
    function_error: String,
}

/// One of the engine's worker slots, released on drop.
struct RunSlot {
    running: Arc<AtomicUsize>,
    wake: Arc<Notify>,
}

impl Drop for RunSlot {
    fn drop(&mut self) {
        self.running.fetch_sub(1, Ordering::AcqRel);
        self.wake.notify_one();
    }
}
