//! Read-only views of the engine for the inspector (`crate::inspector`): the queue's load per
//! function, the configurations, the most recent events and the events behind given request
//! ids. Each takes the lock once, copies shared pointers and counts, and lets go; everything
//! is rendered outside it. Nothing here changes the engine.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::Arc;
use std::sync::atomic::Ordering;

use bytes::Bytes;
use fc3_models::{AsyncConfig, AsyncTaskStatus};

use super::lifecycle::Backoff;
use super::state::ConfigKey;
use super::{Engine, QueueHealth};
use crate::store::EventRecord;

/// One event as read under the lock: its record and its payload (shared, not copied).
#[derive(Clone)]
pub(crate) struct EventView {
    pub(crate) rec: Arc<EventRecord>,
    pub(crate) payload: Bytes,
}

/// One function's events that are not over yet, by where they are.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct FunctionLoad {
    /// Waiting for their first try (or queued again).
    pub(crate) queued: usize,
    /// Waiting for a retry.
    pub(crate) retrying: usize,
    /// Tries in flight (running, or being stopped).
    pub(crate) running: usize,
    /// Payload bytes of all of them.
    pub(crate) bytes: usize,
}

impl FunctionLoad {
    /// Every event of the function that is not over yet.
    pub(crate) fn depth(&self) -> usize {
        self.queued + self.retrying + self.running
    }
}

/// The queue as the inspector shows it.
#[derive(Clone, Debug)]
pub(crate) struct QueueView {
    /// The totals and bounds `/health` shows.
    pub(crate) health: QueueHealth,
    /// Async tries that may run at once (`async.workers`).
    pub(crate) workers: usize,
    /// Async tries running now, over all functions.
    pub(crate) running: usize,
    /// Whether new tries are held back (`AppState::set_async_paused`).
    pub(crate) paused: bool,
    /// When the next retry is due (epoch ms).
    pub(crate) next_retry_ms: Option<i64>,
    /// The load of each function that has events not over yet.
    pub(crate) functions: BTreeMap<String, FunctionLoad>,
}

impl Engine {
    /// The queue: its totals, its bounds and each function's load.
    pub(crate) fn queue_view(&self) -> QueueView {
        let st = self.lock();
        let mut functions: BTreeMap<String, FunctionLoad> = BTreeMap::new();
        let mut next_retry_ms: Option<i64> = None;
        for entry in st.events() {
            let rec = &entry.rec;
            let Some(status) = rec.task.status.as_ref() else {
                continue;
            };
            if status.is_terminal() {
                continue;
            }
            let load = match functions.get_mut(&rec.function) {
                Some(load) => load,
                None => functions.entry(rec.function.clone()).or_default(),
            };
            load.bytes += entry.payload.len();
            match status {
                AsyncTaskStatus::Running | AsyncTaskStatus::Stopping => load.running += 1,
                AsyncTaskStatus::Retrying => {
                    load.retrying += 1;
                    next_retry_ms =
                        Some(next_retry_ms.map_or(rec.next_due_ms, |due| due.min(rec.next_due_ms)));
                }
                _ => load.queued += 1,
            }
        }
        QueueView {
            health: self.queue_health_of(&st),
            workers: self.settings.workers,
            running: self.running.load(Ordering::Acquire),
            paused: self.paused.load(Ordering::Acquire),
            next_retry_ms,
            functions,
        }
    }

    /// Every stored async invoke configuration, by function then qualifier.
    pub(crate) fn configs_view(&self) -> Vec<(ConfigKey, Arc<AsyncConfig>)> {
        let st = self.lock();
        st.configs()
            .iter()
            .map(|(key, config)| (key.clone(), Arc::clone(config)))
            .collect()
    }

    /// The newest `limit` events that `keep` keeps, newest first (by acceptance order), and
    /// how many it keeps in all.
    pub(crate) fn recent_events(
        &self,
        limit: usize,
        keep: impl Fn(&EventRecord) -> bool,
    ) -> (Vec<EventView>, usize) {
        let st = self.lock();
        let mut kept: Vec<(u64, &super::state::Entry)> = st
            .events()
            .filter(|entry| keep(&entry.rec))
            .map(|entry| (entry.rec.seq, entry))
            .collect();
        let total = kept.len();
        if kept.len() > limit && limit > 0 {
            kept.select_nth_unstable_by(limit - 1, |a, b| b.0.cmp(&a.0));
        }
        kept.truncate(limit);
        kept.sort_unstable_by_key(|(seq, _)| std::cmp::Reverse(*seq));
        let views = kept
            .into_iter()
            .map(|(_, entry)| EventView {
                rec: Arc::clone(&entry.rec),
                payload: entry.payload.clone(),
            })
            .collect();
        (views, total)
    }

    /// The events of these request ids (each the last one accepted under it), by request id.
    pub(crate) fn events_of_requests(
        &self,
        request_ids: &HashSet<&str>,
    ) -> HashMap<String, Arc<EventRecord>> {
        if request_ids.is_empty() {
            return HashMap::new();
        }
        let st = self.lock();
        let mut found: HashMap<String, Arc<EventRecord>> = HashMap::new();
        for entry in st.events() {
            let Some(id) = entry.rec.task.request_id.as_deref() else {
                continue;
            };
            if !request_ids.contains(id) {
                continue;
            }
            let newer = found.get(id).is_none_or(|seen| seen.seq < entry.rec.seq);
            if newer {
                found.insert(id.to_owned(), Arc::clone(&entry.rec));
            }
        }
        found
    }

    /// The wait before the retry that follows a failed try.
    pub(crate) fn retry_backoff(&self) -> Backoff {
        self.backoff()
    }
}
