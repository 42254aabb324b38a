//! The async engine: accepts asynchronous invocations, queues them, runs them with retries,
//! backoff and expiry under each function's concurrency limit, delivers outcome records to
//! destinations, and keeps the async task history. It also holds the async invoke
//! configurations, since they govern all of this.
//!
//! | module | job |
//! |---|---|
//! | `accept` | admitting an async invocation |
//! | `queue` | ready queues per function (round robin) and retry timers |
//! | `dispatch` | the dispatcher: starting tries within the limits, running them, their outcome |
//! | `lifecycle` | every state change of an event, as pure functions on its record |
//! | `destinations` | where a finished event's record goes and what it holds |
//! | `tasks` | the async task index: Get/List/StopAsyncTask |
//! | `configs` | the async invoke configurations |
//! | `error` | what the engine refuses ([`EngineError`]) |
//!
//! All state lives in memory behind one mutex; every change is also sent, in order and while
//! the mutex is held, to the [`Store`] so a data dir can replay it after a crash.

mod accept;
mod configs;
mod destinations;
mod dispatch;
mod error;
mod lifecycle;
mod queue;
mod tasks;

use std::collections::{BTreeMap, HashMap};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use bytes::Bytes;
use fc3_models::AsyncConfig;
use tokio::sync::{Notify, oneshot, watch};

pub(crate) use accept::AcceptRequest;
pub use destinations::{DestinationRecord, RequestContext, ResponseContext};
pub(crate) use error::EngineError;
pub use lifecycle::{
    CONDITION_EXPIRED, CONDITION_SUCCESS, DEFAULT_MAX_EVENT_AGE_SECONDS,
    DEFAULT_MAX_RETRY_ATTEMPTS, MAX_STORED_RESPONSE_BYTES,
};
pub(crate) use tasks::TaskQuery;

use crate::clock::{Clock, millis};
use crate::config::AsyncSettings;
use crate::functions::Functions;
use crate::ids::IdGen;
use crate::store::{EventRecord, Op, Snapshot, Store, StoreError};
use lifecycle::{Backoff, Next, is_terminal};
use queue::Queue;
use tasks::TaskIndex;

/// One event: its record and its payload.
struct Entry {
    rec: EventRecord,
    payload: Bytes,
}

#[derive(Default)]
struct State {
    events: HashMap<u64, Entry>,
    tasks: TaskIndex,
    queue: Queue,
    /// How to interrupt the running tries.
    stops: HashMap<u64, oneshot::Sender<()>>,
    configs: BTreeMap<(String, String), AsyncConfig>,
    next_seq: u64,
}

impl State {
    fn config(&self, function: &str, qualifier: &str) -> Option<&AsyncConfig> {
        self.configs
            .get(&(function.to_owned(), qualifier.to_owned()))
    }

    /// Forgets an untracked event once it is over.
    fn drop_if_done(&mut self, seq: u64) {
        if self
            .events
            .get(&seq)
            .is_some_and(|e| !e.rec.tracked && is_terminal(e.rec.task.status))
        {
            self.events.remove(&seq);
        }
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

    fn now_ms(&self) -> i64 {
        millis(self.clock.now())
    }

    fn backoff(&self) -> Backoff {
        Backoff {
            base_ms: self.settings.retry_base_delay_ms,
            max_ms: self.settings.retry_max_delay_ms,
        }
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
        let now_ms = self.now_ms();
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
            let recovered = lifecycle::recover(&mut rec, now_ms);
            if recovered.changed {
                ops.push(Op::PutEvent(Box::new(rec.clone())));
            }
            match recovered.next {
                Next::Ready => st.queue.push_ready(&rec.function, rec.seq),
                Next::Timer(due) => st.queue.push_timer(due, rec.seq),
                Next::Done => {}
            }
            if !rec.tracked && is_terminal(rec.task.status) {
                ops.push(Op::DeleteEvent(rec.seq));
                continue;
            }
            if rec.tracked {
                st.tasks.insert(&rec);
            }
            st.events.insert(rec.seq, Entry { rec, payload });
        }
        if !ops.is_empty() {
            let _ = self.store.submit(ops, false);
        }
    }

    /// The writes that make an entry's state durable.
    fn persist_entry(&self, entry: &Entry, ops: &mut Vec<Op>) {
        if !self.store.is_durable() {
            return;
        }
        if !entry.rec.tracked && is_terminal(entry.rec.task.status) {
            ops.push(Op::DeleteEvent(entry.rec.seq));
        } else {
            ops.push(Op::PutEvent(Box::new(entry.rec.clone())));
        }
    }

    /// Stops the dispatcher and closes the store after writing what is queued.
    pub(crate) async fn shutdown(&self) {
        self.shutdown.send_replace(true);
        self.store.close().await;
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
            .filter(|e| !is_terminal(e.rec.task.status))
            .count()
    }
}
