//! The dispatcher: moves due retries into the ready queues, starts what the worker pool and
//! each function's concurrency allow, runs each try and records its outcome (delivering the
//! record of a finished event to its destination).

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use bytes::Bytes;
use fc3_models::AsyncConfig;
use tokio::sync::{Notify, oneshot};

use super::accept::Insert;
use super::destinations::{self, DELIVERED, NOT_DELIVERED, Source, Target};
use super::lifecycle::{self, Begin, Delivery, End, Policy, TryOutcome};
use super::queue::Pick;
use super::{Engine, State};
use crate::clock::from_millis;
use crate::error::clip;
use crate::functions::{Function, Invocation, InvokeContext, Outcome, Permit};
use crate::store::Op;

/// What a try starts with.
struct TryStart {
    ctx: InvokeContext,
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

impl Engine {
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

    /// Moves due events to the ready queues and starts what the limits allow. Returns when
    /// the next timer is due.
    fn dispatch(self: &Arc<Self>) -> Option<i64> {
        let (to_run, next_due) = {
            let mut st = self.lock();
            let now_ms = self.now_ms();
            let State { queue, events, .. } = &mut *st;
            queue.release_due(now_ms, |seq| {
                events.get(&seq).map(|e| e.rec.function.as_str())
            });
            let room = if self.paused.load(std::sync::atomic::Ordering::Acquire) {
                0
            } else {
                self.settings
                    .workers
                    .saturating_sub(self.running.load(Ordering::Acquire))
            };
            let mut gone = Vec::new();
            let to_run: Vec<(u64, Permit)> = queue.select(room, |name, seq| {
                let runnable = events
                    .get(&seq)
                    .is_some_and(|e| !lifecycle::is_terminal(e.rec.task.status));
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
            (to_run, st.queue.next_due())
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
    fn invalidate(&self, st: &mut State, seq: u64) {
        let now_ms = self.now_ms();
        let mut ops = Vec::new();
        if let Some(entry) = st.events.get_mut(&seq) {
            lifecycle::invalidate(&mut entry.rec, now_ms);
            self.persist_entry(entry, &mut ops);
        }
        st.drop_if_done(seq);
        if !ops.is_empty() {
            let _ = self.store.submit(ops, false);
        }
    }

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
        let now_ms = self.now_ms();
        let mut ops = Vec::new();
        let mut st = self.lock();
        let (function_name, qualifier) = {
            let entry = st.events.get(&seq)?;
            (entry.rec.function.clone(), entry.rec.qualifier.clone())
        };
        let config = st.config(&function_name, &qualifier).cloned();
        let Some(function) = self.functions.get(&function_name).cloned() else {
            self.invalidate(&mut st, seq);
            return None;
        };
        let policy = Policy::of(config.as_ref());
        let entry = st.events.get_mut(&seq)?;
        let begin = lifecycle::begin_try(&mut entry.rec, &policy, &function.instance_id, now_ms);
        let start = match begin {
            Begin::NotRunnable => return None,
            Begin::Run => {
                let (tx, rx) = oneshot::channel();
                let start = TryStart {
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
                };
                self.persist_entry(entry, &mut ops);
                st.stops.insert(seq, tx);
                Some(start)
            }
            Begin::Stopped => {
                self.persist_entry(entry, &mut ops);
                None
            }
            Begin::Expired(delivery) => {
                self.persist_entry(entry, &mut ops);
                self.deliver(&mut st, config.as_ref(), seq, &delivery, &mut ops);
                None
            }
        };
        st.drop_if_done(seq);
        let _ = self.store.submit(ops, false);
        start
    }

    fn end_try(&self, seq: u64, invocation: Option<Invocation>) {
        let now_ms = self.now_ms();
        let mut ops = Vec::new();
        let mut st = self.lock();
        st.stops.remove(&seq);
        let Some((function_name, qualifier)) = st
            .events
            .get(&seq)
            .map(|e| (e.rec.function.clone(), e.rec.qualifier.clone()))
        else {
            return;
        };
        let config = st.config(&function_name, &qualifier).cloned();
        let policy = Policy::of(config.as_ref());
        let Some(entry) = st.events.get_mut(&seq) else {
            return;
        };
        let outcome = match &invocation {
            None => TryOutcome::Interrupted,
            Some(Invocation {
                outcome: Outcome::Success(body),
                ..
            }) => TryOutcome::Succeeded { response: body },
            Some(Invocation {
                outcome: Outcome::Error(error),
                ..
            }) => TryOutcome::Failed {
                kind: error.kind,
                summary: &error.summary,
                response: &error.body,
            },
        };
        let end = lifecycle::end_try(&mut entry.rec, outcome, &policy, &self.backoff(), now_ms);
        self.persist_entry(entry, &mut ops);
        let retry = matches!(end, End::Retry { .. });
        match end {
            End::Retry { due_ms } => st.queue.push_timer(due_ms, seq),
            End::Finished(Some(delivery)) => {
                self.deliver(&mut st, config.as_ref(), seq, &delivery, &mut ops);
            }
            End::Finished(None) | End::NotRunning => {}
        }
        st.drop_if_done(seq);
        let _ = self.store.submit(ops, false);
        drop(st);
        if retry {
            self.wake.notify_one();
        }
    }

    /// Delivers a finished event's record to its configured destination, if any, as an async
    /// invocation of the destination function, in the same writes as the outcome.
    fn deliver(
        &self,
        st: &mut State,
        config: Option<&AsyncConfig>,
        source: u64,
        delivery: &Delivery,
        ops: &mut Vec<Op>,
    ) {
        let Some(target) = destinations::target(config, delivery, &self.functions) else {
            return;
        };
        let now_ms = self.now_ms();
        let status = match target {
            Target::Function(function) => {
                let Some(entry) = st.events.get(&source) else {
                    return;
                };
                let payload = destinations::encode(
                    &Source {
                        request_id: entry.rec.task.request_id.as_deref().unwrap_or_default(),
                        function_arn: entry.rec.task.function_arn.as_deref().unwrap_or_default(),
                        tries: entry.rec.tries,
                        payload: &entry.payload,
                        response: entry.rec.task.return_payload.as_deref().unwrap_or_default(),
                    },
                    delivery,
                    now_ms,
                );
                let tracked = self.tracks(st, &function, "LATEST");
                let request_id = self.ids.request_id(self.clock.now());
                let task_id = tracked.then(|| self.ids.task_id());
                let (seq, more) = self.insert_event(
                    st,
                    Insert {
                        function: &function.name,
                        qualifier: "LATEST",
                        version: "LATEST",
                        request_id: &request_id,
                        task_id,
                        payload,
                        now_ms,
                    },
                );
                ops.extend(more);
                st.queue.push_ready(&function.name, seq);
                self.wake.notify_one();
                DELIVERED
            }
            Target::NotEmulated(arn) => {
                tracing::warn!(destination = %clip(&arn), "destination is not a local function; record not delivered");
                NOT_DELIVERED
            }
        };
        if let Some(entry) = st.events.get_mut(&source) {
            entry.rec.task.destination_status = Some(status.to_owned());
            self.persist_entry(entry, ops);
        }
    }
}
