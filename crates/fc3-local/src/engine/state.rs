//! The engine's memory: events, the task index, the queue, the configurations, and the
//! changes not yet durable. Every change to an event or a configuration goes through
//! [`State::set_event`] / [`State::set_config`], which keep the index and the backlog right,
//! produce the writes and record how to undo it (see `journal`).

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::Arc;

use bytes::Bytes;
use fc3_models::AsyncConfig;
use tokio::sync::oneshot;

use super::deliveries::Deliveries;
use super::journal::{Change, Journal, Undo};
use super::lifecycle::is_terminal;
use super::queue::{Backlog, Pick, Queue};
use super::retention::Retention;
use super::tasks::TaskIndex;
use crate::store::{EventRecord, Op, StoredConfig};

/// One event: its record (shared, never changed in place: a change makes a new one) and its
/// payload.
#[derive(Clone)]
pub(super) struct Entry {
    pub(super) rec: Arc<EventRecord>,
    pub(super) payload: Bytes,
}

/// A configuration's key: function and qualifier.
pub(super) type ConfigKey = (String, String);

/// When a finished event ended (its acceptance time when the record does not say).
fn end_ms(rec: &EventRecord) -> i64 {
    rec.task.end_time.unwrap_or(rec.accepted_ms)
}

#[derive(Default)]
pub(super) struct State {
    events: HashMap<u64, Entry>,
    pub(super) tasks: TaskIndex,
    pub(super) queue: Queue,
    /// Events not over yet, and their payload bytes.
    pub(super) backlog: Backlog,
    /// Finished async tasks, by end time, for their removal.
    pub(super) finished: Retention,
    /// Records delivered to destinations fc3-local does not run.
    pub(super) deliveries: Deliveries,
    /// How to interrupt the running tries.
    pub(super) stops: HashMap<u64, oneshot::Sender<()>>,
    configs: BTreeMap<ConfigKey, Arc<AsyncConfig>>,
    /// Changes submitted to the store and not yet durable.
    pub(super) journal: Journal,
    /// Events left `Running` or `Stopping` with no try behind them (their outcome could not
    /// be stored): they are requeued once the store writes again.
    pub(super) orphans: BTreeSet<u64>,
    pub(super) next_seq: u64,
}

impl State {
    pub(super) fn event(&self, seq: u64) -> Option<&Entry> {
        self.events.get(&seq)
    }

    /// Every event in memory, in no order (the inspector's read-only views).
    pub(super) fn events(&self) -> impl Iterator<Item = &Entry> {
        self.events.values()
    }

    pub(super) fn config(&self, function: &str, qualifier: &str) -> Option<&Arc<AsyncConfig>> {
        self.configs
            .get(&(function.to_owned(), qualifier.to_owned()))
    }

    /// Every configuration, sorted by function then qualifier.
    pub(super) fn configs(&self) -> &BTreeMap<ConfigKey, Arc<AsyncConfig>> {
        &self.configs
    }

    /// Whether `seq` still has record `rec` and its configuration is still `config`: nothing
    /// changed since both were read.
    pub(super) fn unchanged(
        &self,
        seq: u64,
        rec: &Arc<EventRecord>,
        config: Option<&Arc<AsyncConfig>>,
    ) -> bool {
        let Some(entry) = self.events.get(&seq) else {
            return false;
        };
        let now = self.config(&rec.function, &rec.qualifier);
        Arc::ptr_eq(&entry.rec, rec)
            && match (now, config) {
                (None, None) => true,
                (Some(a), Some(b)) => Arc::ptr_eq(a, b),
                _ => false,
            }
    }

    /// Moves the events whose retry is due into their function's ready queue.
    pub(super) fn release_due(&mut self, now_ms: i64) {
        let State { queue, events, .. } = self;
        queue.release_due(now_ms, |seq| {
            events.get(&seq).map(|e| e.rec.function.as_str())
        });
    }

    /// Picks at most `room` events from the ready queues, round robin; `pick` hears each
    /// function's first event and whether it is not over yet.
    pub(super) fn select<T>(
        &mut self,
        room: usize,
        mut pick: impl FnMut(&str, bool, u64) -> Pick<T>,
    ) -> Vec<T> {
        let State { queue, events, .. } = self;
        queue.select(room, |function, seq| {
            let runnable = events
                .get(&seq)
                .is_some_and(|e| !is_terminal(e.rec.task.status.as_ref()));
            pick(function, runnable, seq)
        })
    }

    /// Puts configurations in memory as they are read back at start.
    pub(super) fn load_configs(&mut self, configs: Vec<StoredConfig>) {
        for stored in configs {
            self.configs
                .insert((stored.function, stored.qualifier), Arc::new(stored.config));
        }
    }

    /// Puts an event in memory as it is read back at start (no write, nothing to undo).
    pub(super) fn load(&mut self, entry: Entry) {
        self.attach(entry);
    }

    fn attach(&mut self, entry: Entry) {
        if entry.rec.tracked {
            self.tasks.insert(&entry.rec);
        }
        if is_terminal(entry.rec.task.status.as_ref()) {
            self.keep_finished(&entry);
        } else {
            self.backlog.add(entry.payload.len());
        }
        self.events.insert(entry.rec.seq, entry);
    }

    fn detach(&mut self, seq: u64) -> Option<Entry> {
        let entry = self.events.remove(&seq)?;
        if entry.rec.tracked {
            self.tasks.remove(&entry.rec);
        }
        if is_terminal(entry.rec.task.status.as_ref()) {
            self.finished.remove(end_ms(&entry.rec), seq);
        } else {
            self.backlog.remove(entry.payload.len());
        }
        Some(entry)
    }

    /// Indexes a finished task for its removal (an untracked event leaves at once).
    fn keep_finished(&mut self, entry: &Entry) {
        if entry.rec.tracked {
            let bytes = entry.payload.len() + entry.rec.response.as_ref().map_or(0, |r| r.len());
            self.finished.add(end_ms(&entry.rec), entry.rec.seq, bytes);
        }
    }

    /// Replaces the record of an event in memory; the index stays as it is when the task it
    /// indexes is the same (the usual case: a state change). Returns what it replaced, or
    /// `None` when there was no such event (then the new record is simply added).
    fn replace(&mut self, rec: Arc<EventRecord>) -> Option<Entry> {
        let seq = rec.seq;
        let same_task = self.events.get(&seq).is_some_and(|e| {
            e.rec.tracked == rec.tracked
                && e.rec.function == rec.function
                && e.rec.task.task_id == rec.task.task_id
                && e.rec.task.started_time == rec.task.started_time
        });
        if !same_task {
            let before = self.detach(seq);
            let payload = before
                .as_ref()
                .map(|b| b.payload.clone())
                .unwrap_or_default();
            self.attach(Entry { rec, payload });
            return before;
        }
        let entry = self.events.get_mut(&seq)?;
        let was_over = is_terminal(entry.rec.task.status.as_ref());
        let is_over = is_terminal(rec.task.status.as_ref());
        let before = Entry {
            rec: std::mem::replace(&mut entry.rec, rec),
            payload: entry.payload.clone(),
        };
        let now = entry.clone();
        match (was_over, is_over) {
            (false, true) => self.backlog.remove(before.payload.len()),
            (true, false) => self.backlog.add(before.payload.len()),
            _ => {}
        }
        if was_over {
            self.finished.remove(end_ms(&before.rec), seq);
        }
        if is_over {
            self.keep_finished(&now);
        }
        Some(before)
    }

    /// Sets an event's record as part of `change` (a new event brings its payload). An
    /// untracked event that is over leaves memory and the store.
    pub(super) fn set_event(
        &mut self,
        change: &mut Change,
        rec: EventRecord,
        payload: Option<Bytes>,
    ) {
        let seq = rec.seq;
        let rec = Arc::new(rec);
        let leaves = !rec.tracked && is_terminal(rec.task.status.as_ref());
        if payload.is_none() && !leaves {
            // A state change: the record is replaced in place.
            change.ops.push(Op::PutEvent(Arc::clone(&rec)));
            let before = self.replace(rec);
            change.undo.push(Undo::Event { seq, before });
            return;
        }
        let before = self.detach(seq);
        let payload = match (&before, payload) {
            (_, Some(payload)) => {
                change.ops.push(Op::PutPayload(seq, payload.clone()));
                payload
            }
            (Some(before), None) => before.payload.clone(),
            (None, None) => Bytes::new(),
        };
        if leaves {
            change.ops.push(Op::DeleteEvent(seq));
        } else {
            change.ops.push(Op::PutEvent(Arc::clone(&rec)));
            self.attach(Entry { rec, payload });
        }
        change.undo.push(Undo::Event { seq, before });
    }

    /// Removes an event (a finished task past its retention) as part of `change`.
    pub(super) fn remove_event(&mut self, change: &mut Change, seq: u64) {
        if let Some(before) = self.detach(seq) {
            change.ops.push(Op::DeleteEvent(seq));
            change.undo.push(Undo::Event {
                seq,
                before: Some(before),
            });
        }
    }

    /// Sets (or, with `None`, removes) a configuration as part of `change`.
    pub(super) fn set_config(
        &mut self,
        change: &mut Change,
        key: ConfigKey,
        config: Option<AsyncConfig>,
    ) {
        let (function, qualifier) = &key;
        change.ops.push(match &config {
            Some(config) => Op::PutConfig(Box::new(StoredConfig {
                function: function.clone(),
                qualifier: qualifier.clone(),
                config: config.clone(),
            })),
            None => Op::DeleteConfig(StoredConfig::key(function, qualifier)),
        });
        let before = match config {
            Some(config) => self.configs.insert(key.clone(), Arc::new(config)),
            None => self.configs.remove(&key),
        };
        change.undo.push(Undo::Config { key, before });
    }

    /// Puts back what a change replaced; returns the event it touched, if any.
    pub(super) fn restore(&mut self, undo: Undo) -> Option<u64> {
        match undo {
            Undo::Event { seq, before } => {
                self.detach(seq);
                if let Some(before) = before {
                    self.attach(before);
                }
                Some(seq)
            }
            Undo::Config { key, before } => {
                match before {
                    Some(config) => self.configs.insert(key, config),
                    None => self.configs.remove(&key),
                };
                None
            }
        }
    }
}
