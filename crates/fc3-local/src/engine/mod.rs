//! The async engine: accepts asynchronous invocations, queues them, runs them with retries,
//! backoff and expiry under each function's concurrency limit, delivers outcome records to
//! destinations, and keeps the async task history. It also holds the async invoke
//! configurations, since they govern all of this.
//!
//! | module | job |
//! |---|---|
//! | `accept` | admitting an async invocation (async tasks, task ids, the queue's bound) |
//! | `queue` | ready queues per function (round robin), retry timers, the backlog and its bounds |
//! | `dispatch` | the dispatcher: starting tries within the limits, running them, their outcome |
//! | `lifecycle` | every state change of an event, as pure functions on its record |
//! | `destinations` | where a finished event's record goes, what it holds, its bounds |
//! | `deliveries` | the records kept for destinations fc3-local does not run (MNS, EventBridge, RocketMQ), bounded |
//! | `delivery_log` | a JSON-lines log per such destination under the data dir, rotated |
//! | `tasks` | the async task index: Get/List/StopAsyncTask |
//! | `retention` | how long and how many finished tasks are kept, and their removal |
//! | `configs` | the async invoke configurations |
//! | `state` | the memory behind the lock, changed only through undo-aware steps |
//! | `journal` | the one rule for every change: undone if its write fails |
//! | `error` | what the engine refuses ([`EngineError`]) |
//! | `inspect` | read-only views for the inspector (`/_fc3/`): the queue per function, recent events |
//!
//! All state lives in memory behind one mutex, held only for bookkeeping: records are
//! encoded, payloads copied and answers rendered outside it.

mod accept;
mod configs;
mod deliveries;
mod delivery_log;
mod destinations;
mod dispatch;
mod error;
mod inspect;
mod journal;
mod lifecycle;
mod queue;
mod retention;
mod state;
mod tasks;
#[cfg(test)]
mod tests;

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError, Weak};

use tokio::sync::{Notify, watch};

pub(crate) use accept::AcceptRequest;

pub(crate) use error::EngineError;
pub(crate) use inspect::{EventView, FunctionLoad};
pub use lifecycle::{
    CONDITION_EXPIRED, CONDITION_SUCCESS, DEFAULT_MAX_EVENT_AGE_SECONDS,
    DEFAULT_MAX_RETRY_ATTEMPTS, MAX_STORED_RESPONSE_BYTES,
};
pub(crate) use tasks::TaskQuery;

use crate::clock::{Clock, millis};
use crate::config::{AsyncSettings, DestinationSettings, Limits};
use crate::functions::Functions;
use crate::ids::IdGen;
use crate::store::{CommitSink, Delivered, Op, Snapshot, Store, StoreError};
pub(crate) use deliveries::{DestinationSummary, RecordPage};
use delivery_log::DeliveryLog;
use destinations::Bounds;
use lifecycle::{Backoff, Next, Requeue, is_terminal};
use state::{Entry, State};

/// What an engine is made of.
pub(crate) struct EngineSetup {
    pub(crate) functions: Functions,
    pub(crate) store: Store,
    pub(crate) snapshot: Snapshot,
    pub(crate) clock: Arc<dyn Clock>,
    pub(crate) ids: Arc<IdGen>,
    pub(crate) wake: Arc<Notify>,
    pub(crate) settings: AsyncSettings,
    pub(crate) limits: Limits,
    pub(crate) destinations: DestinationSettings,
    /// Where the destination logs go; none without a data dir.
    pub(crate) data_dir: Option<std::path::PathBuf>,
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
    limits: Limits,
    destinations: DestinationSettings,
    /// The destination logs under the data dir.
    log: DeliveryLog,
    region: String,
    account_id: String,
    running: Arc<AtomicUsize>,
    paused: AtomicBool,
    shutdown: watch::Sender<bool>,
    /// The dispatcher's task, which [`Engine::shutdown`] waits for.
    dispatcher: Mutex<Option<tokio::task::JoinHandle<()>>>,
}

/// The async queue as `/health` shows it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct QueueHealth {
    pub(crate) depth: usize,
    pub(crate) bytes: usize,
    pub(crate) max_events: usize,
    pub(crate) max_bytes: usize,
}

impl Engine {
    /// Builds the engine from what a data dir held (unfinished events are queued again) and
    /// starts the store's writer.
    pub(crate) fn new(setup: EngineSetup) -> Result<Arc<Self>, StoreError> {
        let EngineSetup {
            functions,
            store,
            snapshot,
            clock,
            ids,
            wake,
            settings,
            limits,
            destinations,
            data_dir,
            region,
            account_id,
        } = setup;
        let (shutdown, _) = watch::channel(false);
        let log = match &data_dir {
            Some(dir) => DeliveryLog::open(dir, destinations.log_bytes),
            None => DeliveryLog::none(),
        };
        let engine = Arc::new(Self {
            state: Mutex::new(State::default()),
            store,
            clock,
            functions,
            ids,
            wake,
            settings,
            limits,
            destinations,
            log,
            region,
            account_id,
            running: Arc::new(AtomicUsize::new(0)),
            paused: AtomicBool::new(false),
            shutdown,
            dispatcher: Mutex::new(None),
        });
        engine.recover(snapshot);
        let sink: Weak<dyn CommitSink> = Arc::downgrade(&engine) as Weak<Engine>;
        engine.store.start(sink)?;
        Ok(engine)
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

    fn bounds(&self) -> Bounds {
        Bounds {
            max_hops: self.settings.max_destination_hops,
            max_record_bytes: self.limits.async_payload_bytes,
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
        st.backlog.bound(
            self.settings.max_queued_events,
            self.settings.max_queued_bytes,
        );
        st.finished.bound(
            i64::try_from(self.settings.task_retention_seconds.saturating_mul(1000))
                .unwrap_or(i64::MAX),
            self.settings.max_finished_tasks,
            self.settings.max_finished_bytes,
        );
        st.load_configs(snapshot.configs);
        st.deliveries
            .bound(self.destinations.keep_records, self.destinations.keep_bytes);
        let mut deliveries = snapshot.deliveries;
        deliveries.sort_by_key(|d| d.sequence);
        for delivered in deliveries {
            let dropped = st.deliveries.add(Arc::new(delivered));
            ops.extend(dropped.into_iter().map(Op::DeleteDelivery));
        }
        let mut events = snapshot.events;
        events.sort_by_key(|(rec, _)| rec.seq);
        for (mut rec, payload) in events {
            st.next_seq = st.next_seq.max(rec.seq + 1);
            // Records written before answers were kept apart from the task.
            if let Some(answer) = rec.task.return_payload.take() {
                rec.response.get_or_insert_with(|| answer.into());
            }
            let recovered = lifecycle::recover(&mut rec, Requeue::Restart, now_ms);
            if !rec.tracked && is_terminal(rec.task.status.as_ref()) {
                ops.push(Op::DeleteEvent(rec.seq));
                continue;
            }
            match recovered.next {
                Next::Ready => st.queue.push_ready(&rec.function, rec.seq),
                Next::Timer(due) => st.queue.push_timer(due, rec.seq),
                Next::Done => {}
            }
            let rec = Arc::new(rec);
            if recovered.changed {
                ops.push(Op::PutEvent(Arc::clone(&rec)));
            }
            st.load(Entry { rec, payload });
        }
        if !ops.is_empty() {
            // Should these writes fail, the next start recovers the same records again.
            let _ = self.store.submit(ops, false);
        }
    }

    /// Stops the dispatcher, waiting until its task has ended (on a current-thread runtime it
    /// would otherwise stay queued, with the engine, until the runtime next idles), and closes
    /// the store after writing what is queued.
    pub(crate) async fn shutdown(&self) {
        self.shutdown.send_replace(true);
        let dispatcher = self
            .dispatcher
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .take();
        if let Some(dispatcher) = dispatcher {
            // Its only exit is the shutdown signal; a panic in it has been reported already.
            let _ = dispatcher.await;
        }
        self.store.close().await;
        self.log.close().await;
    }

    /// The destinations fc3-local does not run that records were delivered to, by ARN.
    pub(crate) fn destinations(&self) -> Vec<DestinationSummary> {
        self.lock().deliveries.destinations()
    }

    /// The records kept for one such destination after `after`, at most `limit`.
    pub(crate) fn destination_records(
        &self,
        destination: &str,
        after: u64,
        limit: usize,
    ) -> Option<RecordPage> {
        self.lock().deliveries.records(destination, after, limit)
    }

    /// The newest `limit` records delivered to destinations fc3-local does not run.
    pub(crate) fn newest_deliveries(&self, limit: usize) -> Vec<Arc<Delivered>> {
        self.lock().deliveries.newest(limit)
    }

    /// The bounds of what is kept of delivered records.
    pub(crate) fn destination_settings(&self) -> &DestinationSettings {
        &self.destinations
    }

    /// Waits until every change made so far is durable (at once without a data dir).
    pub(crate) async fn sync_store(&self) -> Result<(), StoreError> {
        self.store.submit(Vec::new(), true)?.pending.wait().await
    }

    /// Holds back (or lets go) new tries; tries already running go on.
    pub(crate) fn set_paused(&self, paused: bool) {
        self.paused.store(paused, Ordering::Release);
        self.wake.notify_one();
    }

    /// How many events are not over yet (queued, waiting for a retry or running).
    pub(crate) fn pending_events(&self) -> usize {
        self.lock().backlog.events()
    }

    /// The async queue: its depth and bounds.
    pub(crate) fn queue_health(&self) -> QueueHealth {
        self.queue_health_of(&self.lock())
    }

    /// The queue's depth and bounds, read from state already locked.
    fn queue_health_of(&self, st: &State) -> QueueHealth {
        QueueHealth {
            depth: st.backlog.events(),
            bytes: st.backlog.bytes(),
            max_events: self.settings.max_queued_events,
            max_bytes: self.settings.max_queued_bytes,
        }
    }

    /// The store's health.
    pub(crate) fn store_health(&self) -> crate::store::Health {
        self.store.health()
    }
}
