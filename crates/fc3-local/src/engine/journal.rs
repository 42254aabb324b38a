//! One rule for every change (PutAsyncInvokeConfig, DeleteAsyncInvokeConfig, StopAsyncTask,
//! accepting an event, and the engine's own state changes): it is applied in memory and its
//! writes are submitted in one step under the state lock; if the store refuses the writes the
//! change is undone at once, and if they fail later the store tells the engine (it is the
//! [`CommitSink`]), which undoes every change not yet durable, newest first, before anyone
//! hears of the failure. What must not happen before a change is durable (running an accepted
//! event, interrupting a stopped try) waits for it ([`After`]).

use std::collections::VecDeque;
use std::sync::Arc;

use fc3_models::{AsyncConfig, AsyncTaskStatus};

use super::state::{ConfigKey, Entry, State};
use super::{Engine, EngineError};
use crate::store::{CommitSink, Delivered, Op, Pending, Ticket};

/// How to undo one part of a change.
pub(super) enum Undo {
    /// Put the event back as it was (`None`: it did not exist).
    Event { seq: u64, before: Option<Entry> },
    /// Put the configuration back as it was.
    Config {
        key: ConfigKey,
        before: Option<Arc<AsyncConfig>>,
    },
}

/// What follows a change once it is durable.
pub(super) enum After {
    /// Queue the event: an accepted or delivered event runs only once it is stored.
    Ready(u64),
    /// Interrupt its running try: a stop takes effect only once it is stored.
    Interrupt(u64),
    /// Keep a record delivered to a destination fc3-local does not run: it shows only once
    /// stored.
    Delivered(Arc<Delivered>),
}

/// One change being made: its writes, how to undo it, what follows it.
#[derive(Default)]
pub(super) struct Change {
    pub(super) ops: Vec<Op>,
    pub(super) undo: Vec<Undo>,
    pub(super) after: Vec<After>,
}

/// The changes submitted and not yet durable, by write id.
#[derive(Default)]
pub(super) struct Journal {
    changes: VecDeque<(u64, Vec<Undo>, Vec<After>)>,
}

impl Engine {
    /// Submits a change already applied to `st`: kept for undo until durable, or undone at
    /// once when the store refuses it. With `wait`, the result resolves once durable.
    pub(super) fn commit(
        &self,
        st: &mut State,
        change: Change,
        wait: bool,
    ) -> Result<Pending, EngineError> {
        let Change { ops, undo, after } = change;
        match self.store.submit(ops, wait) {
            Ok(Ticket {
                id: Some(id),
                pending,
            }) => {
                st.journal.changes.push_back((id, undo, after));
                Ok(pending)
            }
            Ok(Ticket { id: None, pending }) => {
                self.follow(st, after);
                Ok(pending)
            }
            Err(e) => {
                for undo in undo.into_iter().rev() {
                    st.restore(undo);
                }
                Err(e.into())
            }
        }
    }

    fn follow(&self, st: &mut State, after: Vec<After>) {
        for step in after {
            match step {
                After::Ready(seq) => {
                    if let Some(entry) = st.event(seq) {
                        let function = entry.rec.function.clone();
                        st.queue.push_ready(&function, seq);
                        self.wake.notify_one();
                    }
                }
                After::Interrupt(seq) => {
                    if let Some(stop) = st.stops.remove(&seq) {
                        let _ = stop.send(());
                    }
                }
                After::Delivered(delivered) => {
                    self.log.append(&delivered);
                    let dropped = st.deliveries.add(delivered);
                    if !dropped.is_empty() {
                        // Removed from the store with the next write (or at the next start).
                        self.store
                            .defer(dropped.into_iter().map(Op::DeleteDelivery).collect());
                    }
                }
            }
        }
    }

    /// Puts an event that no try drives where its state says it belongs: a ready queue, a
    /// timer, or (left running or stopping) the orphans to requeue.
    pub(super) fn reschedule(&self, st: &mut State, seq: u64) {
        if st.stops.contains_key(&seq) {
            return; // Its try is running; the end of the try decides.
        }
        let Some(entry) = st.event(seq) else { return };
        use AsyncTaskStatus as S;
        match entry.rec.task.status {
            Some(S::Enqueued | S::Dequeued) | None => {
                let function = entry.rec.function.clone();
                st.queue.push_ready(&function, seq);
                self.wake.notify_one();
            }
            Some(S::Retrying) => {
                let due = entry.rec.next_due_ms;
                st.queue.push_timer(due, seq);
                self.wake.notify_one();
            }
            Some(S::Running | S::Stopping) => {
                st.orphans.insert(seq);
            }
            Some(_) => {}
        }
    }
}

impl CommitSink for Engine {
    fn committed(&self, last: u64) {
        let mut st = self.lock();
        while st
            .journal
            .changes
            .front()
            .is_some_and(|(id, _, _)| *id <= last)
        {
            if let Some((_, _, after)) = st.journal.changes.pop_front() {
                self.follow(&mut st, after);
            }
        }
    }

    fn failed(&self, first: u64) {
        let mut st = self.lock();
        let mut touched = Vec::new();
        while st
            .journal
            .changes
            .back()
            .is_some_and(|(id, _, _)| *id >= first)
        {
            if let Some((_, undo, _)) = st.journal.changes.pop_back() {
                touched.extend(undo.into_iter().rev().filter_map(|u| st.restore(u)));
            }
        }
        touched.sort_unstable();
        touched.dedup();
        tracing::warn!(
            events = touched.len(),
            "the data store did not keep the latest changes; they are undone"
        );
        for seq in touched {
            self.reschedule(&mut st, seq);
        }
    }

    fn recovered(&self) {
        self.wake.notify_one();
    }
}
