//! The dispatcher: moves due retries into the ready queues, starts what the worker pool and
//! each function's concurrency allow (nothing while the store refuses writes), runs each try
//! and records its outcome, delivering a finished event's record to its destination.
//!
//! A state change of a try is made in three steps, so that nothing heavy happens under the
//! lock: take the record (a shared pointer) and its configuration; compute the new record and,
//! for a finished event, encode its destination record, without the lock; then, under the
//! lock, install the result if nothing changed in between (or start over).

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use bytes::Bytes;
use fc3_models::AsyncConfig;
use fc3_models::rules::LATEST;
use tokio::sync::{Notify, oneshot};

use super::Engine;
use super::accept::Insert;
use super::destinations::{self, DELIVERED, NOT_DELIVERED, Plan, Undeliverable};
use super::journal::{After, Change};
use super::lifecycle::{self, Begin, Delivery, End, Policy, Requeue, TryOutcome, stored_response};
use super::queue::Pick;
use super::state::State;
use crate::clock::from_millis;
use crate::error::clip;
use crate::functions::{Function, Invocation, InvokeContext, Outcome, Permit, Trigger};
use crate::store::{Delivered, DeliverySource, EventRecord, Op};

/// What a try starts with.
struct TryStart {
    ctx: InvokeContext,
    trigger: Trigger,
    payload: Bytes,
    function: Arc<Function>,
    stop: oneshot::Receiver<()>,
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

/// An event as read under the lock: its record, payload and configuration.
struct Read {
    rec: Arc<EventRecord>,
    payload: Bytes,
    config: Option<Arc<AsyncConfig>>,
}

impl Engine {
    /// Starts the dispatcher.
    pub(crate) fn start(self: &Arc<Self>) {
        let engine = Arc::clone(self);
        let mut shutdown = self.shutdown.subscribe();
        let task = tokio::spawn(async move {
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
        *self
            .dispatcher
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner) = Some(task);
    }

    /// Requeues orphans, moves due events to the ready queues and starts what the limits
    /// allow. Returns when the next timer is due.
    fn dispatch(self: &Arc<Self>) -> Option<i64> {
        let writable = !self.store.is_refusing();
        let (to_run, next_due) = {
            let mut st = self.lock();
            if writable && !st.orphans.is_empty() {
                self.requeue_orphans(&mut st);
            }
            st.release_due(self.now_ms());
            let room = if self.paused.load(Ordering::Acquire) || !writable {
                0
            } else {
                self.settings
                    .workers
                    .saturating_sub(self.running.load(Ordering::Acquire))
            };
            let mut gone = Vec::new();
            let to_run: Vec<(u64, Permit)> = st.select(room, |name, runnable, seq| {
                if !runnable {
                    return Pick::Discard;
                }
                match self.functions.get(name) {
                    // The function is gone: mark the event Invalid.
                    None => {
                        gone.push(seq);
                        Pick::Discard
                    }
                    Some(f) => match f.limiter.try_acquire() {
                        Some(permit) => Pick::Take((seq, permit)),
                        None => Pick::Blocked,
                    },
                }
            });
            for seq in gone {
                self.invalidate(&mut st, seq);
            }
            // While the store refuses writes nothing is removed (its removal could not be
            // kept); the store's recovery wakes the dispatcher.
            let now_ms = self.now_ms();
            let mut expiry = None;
            if writable && self.expire_tasks(&mut st, now_ms) {
                expiry = st.finished.next_due(now_ms);
            }
            let next_due = [st.queue.next_due(), expiry].into_iter().flatten().min();
            (to_run, next_due)
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

    /// Queues again the events whose outcome could not be stored.
    fn requeue_orphans(&self, st: &mut State) {
        let now_ms = self.now_ms();
        for seq in std::mem::take(&mut st.orphans) {
            let Some(entry) = st.event(seq) else { continue };
            let mut rec = (*entry.rec).clone();
            let recovered = lifecycle::recover(&mut rec, Requeue::LostWrite, now_ms);
            if !recovered.changed {
                self.reschedule(st, seq);
                continue;
            }
            let mut change = Change::default();
            st.set_event(&mut change, rec, None);
            match self.commit(st, change, false) {
                Ok(_) => self.reschedule(st, seq),
                Err(_) => {
                    st.orphans.insert(seq);
                }
            }
        }
    }

    /// Removes the finished tasks past their retention or beyond the bounds, oldest first, in
    /// one change. False when the store refused it (it was undone; it is tried again once
    /// the store writes again).
    fn expire_tasks(&self, st: &mut State, now_ms: i64) -> bool {
        let due = st.finished.due(now_ms);
        if due.is_empty() {
            return true;
        }
        let mut change = Change::default();
        for seq in &due {
            st.remove_event(&mut change, *seq);
        }
        let removed = self.commit(st, change, false).is_ok();
        if removed {
            tracing::debug!(
                removed = due.len(),
                "finished async tasks past their retention removed"
            );
        }
        removed
    }

    /// Marks an event whose function no longer exists as Invalid.
    fn invalidate(&self, st: &mut State, seq: u64) {
        let Some(entry) = st.event(seq) else { return };
        let mut rec = (*entry.rec).clone();
        lifecycle::invalidate(&mut rec, self.now_ms());
        let mut change = Change::default();
        st.set_event(&mut change, rec, None);
        if self.commit(st, change, false).is_err() {
            self.reschedule(st, seq);
        }
    }

    /// An event, its payload and its configuration, as they are now.
    fn read(&self, seq: u64) -> Option<Read> {
        let st = self.lock();
        let entry = st.event(seq)?;
        Some(Read {
            config: st
                .config(&entry.rec.function, &entry.rec.qualifier)
                .cloned(),
            rec: Arc::clone(&entry.rec),
            payload: entry.payload.clone(),
        })
    }

    /// What becomes of a finished event's record (encoded here, outside the lock).
    fn plan(&self, read: &Read, next: &EventRecord, delivery: &Delivery) -> Plan {
        destinations::plan(
            read.config.as_deref(),
            delivery,
            &self.functions,
            next,
            &read.payload,
            self.bounds(),
            self.now_ms(),
        )
    }

    /// Installs a new record with its plan: the destination's event is part of the same change.
    fn settle(&self, st: &mut State, change: &mut Change, mut next: EventRecord, plan: Plan) {
        match plan {
            Plan::Nothing => {}
            Plan::Deliver {
                function,
                record,
                hops,
            } => {
                let tracked = self.tracks(st, &function, LATEST);
                let request_id = self.ids.request_id(self.clock.now());
                let task_id = tracked.then(|| self.ids.task_id());
                self.insert_event(
                    st,
                    change,
                    Insert {
                        function: &function.name,
                        qualifier: LATEST,
                        version: LATEST,
                        request_id: &request_id,
                        task_id,
                        hops,
                        payload: record,
                        now_ms: self.now_ms(),
                    },
                );
                next.task.destination_status = Some(DELIVERED.to_owned());
            }
            Plan::Record {
                destination,
                kind,
                record,
            } => {
                let record = String::from_utf8(record.to_vec())
                    .ok()
                    .and_then(|json| serde_json::value::RawValue::from_string(json).ok());
                match record {
                    Some(record) => {
                        let delivered = Arc::new(Delivered {
                            sequence: st.deliveries.next_sequence(),
                            destination: destination.into(),
                            kind: kind.into(),
                            delivered_at: self.now_ms(),
                            source: DeliverySource {
                                function_name: next.function.clone(),
                                qualifier: next.qualifier.clone(),
                                request_id: next.task.request_id.clone().unwrap_or_default(),
                                async_task_id: next.task.task_id.clone(),
                            },
                            record,
                        });
                        change.ops.push(Op::PutDelivery(Arc::clone(&delivered)));
                        change.after.push(After::Delivered(delivered));
                        next.task.destination_status = Some(DELIVERED.to_owned());
                    }
                    None => next.task.destination_status = Some(NOT_DELIVERED.to_owned()),
                }
            }
            Plan::Undeliverable { destination, why } => {
                match why {
                    Undeliverable::UnknownFunction => tracing::warn!(
                        destination = %clip(&destination),
                        "destination is not a function of this emulator; record not delivered"
                    ),
                    Undeliverable::TooManyHops(hops) => tracing::warn!(
                        destination = %clip(&destination),
                        function = %next.function,
                        hops,
                        max_hops = self.settings.max_destination_hops,
                        "destination chain too long (a loop?); record not delivered"
                    ),
                }
                next.task.destination_status = Some(NOT_DELIVERED.to_owned());
            }
        }
        st.set_event(change, next, None);
    }

    async fn run(self: Arc<Self>, seq: u64, permit: Permit, slot: RunSlot) {
        let Some(start) = self.begin_try(seq) else {
            drop(permit);
            drop(slot);
            return;
        };
        let invocation = {
            let invoke = start.function.invoke_as(
                &start.ctx,
                &start.trigger,
                start.payload,
                self.clock.as_ref(),
            );
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
        loop {
            let read = self.read(seq)?;
            let Some(function) = self.functions.get(&read.rec.function).cloned() else {
                self.invalidate(&mut self.lock(), seq);
                return None;
            };
            let mut next = (*read.rec).clone();
            let policy = Policy::of(read.config.as_deref());
            let begin =
                lifecycle::begin_try(&mut next, &policy, &function.instance_id, self.now_ms());
            let plan = match &begin {
                Begin::NotRunnable => return None,
                Begin::Expired(delivery) => self.plan(&read, &next, delivery),
                Begin::Run | Begin::Stopped => Plan::Nothing,
            };
            let mut st = self.lock();
            if !st.unchanged(seq, &read.rec, read.config.as_ref()) {
                continue;
            }
            let start = (begin == Begin::Run).then(|| {
                let (tx, rx) = oneshot::channel();
                st.stops.insert(seq, tx);
                TryStart {
                    ctx: InvokeContext {
                        request_id: next.task.request_id.clone().unwrap_or_default(),
                        qualifier: next.qualifier.clone(),
                        version: next.version.clone(),
                        attempt: next.tries,
                        region: self.region.clone(),
                        account_id: self.account_id.clone(),
                    },
                    trigger: Trigger::Async {
                        task_id: next.task.task_id.clone(),
                    },
                    payload: read.payload.clone(),
                    function,
                    stop: rx,
                }
            });
            let mut change = Change::default();
            self.settle(&mut st, &mut change, next, plan);
            if self.commit(&mut st, change, false).is_err() {
                // Refused (and undone): it runs once the store writes again.
                st.stops.remove(&seq);
                self.reschedule(&mut st, seq);
                return None;
            }
            return start;
        }
    }

    fn end_try(&self, seq: u64, invocation: Option<Invocation>) {
        // What is kept of the answer, copied before the lock is taken.
        let (response, failure) = match &invocation {
            None => (stored_response(b""), None),
            Some(Invocation {
                outcome: Outcome::Success(body),
                ..
            }) => (stored_response(body), None),
            Some(Invocation {
                outcome: Outcome::Error(error),
                ..
            }) => (stored_response(&error.body), Some(error)),
        };
        let outcome = match (&invocation, failure) {
            (None, _) => TryOutcome::Interrupted,
            (Some(_), None) => TryOutcome::Succeeded {
                response: &response,
            },
            (Some(_), Some(error)) => TryOutcome::Failed {
                kind: error.kind,
                summary: &error.summary,
                response: &response,
            },
        };
        self.lock().stops.remove(&seq);
        loop {
            let Some(read) = self.read(seq) else { return };
            let mut next = (*read.rec).clone();
            let policy = Policy::of(read.config.as_deref());
            let end =
                lifecycle::end_try(&mut next, outcome, &policy, &self.backoff(), self.now_ms());
            let plan = match &end {
                End::Finished(Some(delivery)) => self.plan(&read, &next, delivery),
                _ => Plan::Nothing,
            };
            let mut st = self.lock();
            if !st.unchanged(seq, &read.rec, read.config.as_ref()) {
                continue;
            }
            let due = match end {
                // Its start was undone (a failed write): it runs again.
                End::NotRunning => {
                    self.reschedule(&mut st, seq);
                    return;
                }
                End::Retry { due_ms } => Some(due_ms),
                End::Finished(_) => None,
            };
            let mut change = Change::default();
            self.settle(&mut st, &mut change, next, plan);
            match self.commit(&mut st, change, false) {
                Ok(_) => {
                    if let Some(due) = due {
                        st.queue.push_timer(due, seq);
                        self.wake.notify_one();
                    }
                }
                // Refused (and undone): still Running, with no try behind it.
                Err(_) => self.reschedule(&mut st, seq),
            }
            return;
        }
    }
}
