//! What a Rust function received, for tests to read back: every invocation in the order it
//! arrived (its payload, qualifier, request id, try, sync or async), recorded as it starts.
//! Bounded: the latest [`DEFAULT_KEPT_INVOCATIONS`] (or the function's
//! `keep_invocations`), and at most [`KEPT_INVOCATION_BYTES`] of their payloads; older ones
//! are dropped first and counted.

use std::collections::VecDeque;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, SystemTime};

use bytes::Bytes;
use fc3_models::InvocationType;
use tokio::sync::watch;

use super::{InvokeContext, Trigger};

/// How many invocations of a Rust function are kept unless it says otherwise.
pub const DEFAULT_KEPT_INVOCATIONS: usize = 1_000;
/// The most payload bytes kept of a Rust function's invocations (64 MiB).
pub const KEPT_INVOCATION_BYTES: usize = 64 * 1024 * 1024;

/// One invocation a Rust function received.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct ReceivedInvocation {
    /// The event.
    pub payload: Bytes,
    /// The qualifier invoked (`LATEST` when the call named none).
    pub qualifier: String,
    /// The version it names.
    pub version: String,
    /// The request id; every try of an asynchronous event has the same.
    pub request_id: String,
    /// The try: 1 for a synchronous call and the first try of an asynchronous event.
    pub attempt: u32,
    /// `Sync` or `Async`.
    pub invocation_type: InvocationType,
    /// The async task id, when the event is an async task.
    pub async_task_id: Option<String>,
    /// When it started, on the emulator's clock.
    pub received_at: SystemTime,
}

/// The invocations a Rust function received, oldest first. Cheap to clone; clones share them.
/// Get it with [`AppState::invocations`](crate::AppState::invocations).
#[derive(Clone)]
pub struct Invocations {
    inner: Arc<Log>,
}

struct Log {
    function: String,
    keep: usize,
    kept: Mutex<Kept>,
    /// How many were received since the start or the last [`Invocations::clear`].
    received: watch::Sender<u64>,
}

#[derive(Default)]
struct Kept {
    list: VecDeque<ReceivedInvocation>,
    bytes: usize,
    dropped: u64,
}

impl std::fmt::Debug for Invocations {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Invocations")
            .field("function", &self.inner.function)
            .field("kept", &self.len())
            .field("received", &self.received())
            .finish()
    }
}

/// [`Invocations::wait_for`] ran out of time.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("function '{function}' received {received} invocations within {within:?}, not {wanted}")]
pub struct NotReceived {
    /// The function.
    pub function: String,
    /// How many were awaited.
    pub wanted: u64,
    /// How many arrived.
    pub received: u64,
    /// How long it waited.
    pub within: Duration,
}

impl Invocations {
    pub(super) fn new(function: &str, keep: usize) -> Self {
        Self {
            inner: Arc::new(Log {
                function: function.to_owned(),
                keep: keep.max(1),
                kept: Mutex::new(Kept::default()),
                received: watch::Sender::new(0),
            }),
        }
    }

    fn kept(&self) -> MutexGuard<'_, Kept> {
        self.inner
            .kept
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
    }

    /// Records an invocation as it starts.
    pub(super) fn record(
        &self,
        ctx: &InvokeContext,
        trigger: &Trigger,
        event: &Bytes,
        now: SystemTime,
    ) {
        let invocation = ReceivedInvocation {
            payload: event.clone(),
            qualifier: ctx.qualifier.clone(),
            version: ctx.version.clone(),
            request_id: ctx.request_id.clone(),
            attempt: ctx.attempt,
            invocation_type: trigger.invocation_type(),
            async_task_id: match trigger {
                Trigger::Async { task_id } => task_id.clone(),
                Trigger::Sync => None,
            },
            received_at: now,
        };
        {
            let mut kept = self.kept();
            kept.bytes += invocation.payload.len();
            kept.list.push_back(invocation);
            while kept.list.len() > self.inner.keep
                || (kept.bytes > KEPT_INVOCATION_BYTES && kept.list.len() > 1)
            {
                if let Some(old) = kept.list.pop_front() {
                    kept.bytes -= old.payload.len();
                    kept.dropped += 1;
                }
            }
        }
        self.inner.received.send_modify(|n| *n += 1);
    }

    /// The invocations kept, oldest first.
    pub fn all(&self) -> Vec<ReceivedInvocation> {
        self.kept().list.iter().cloned().collect()
    }

    /// The latest invocation, if any.
    pub fn last(&self) -> Option<ReceivedInvocation> {
        self.kept().list.back().cloned()
    }

    /// How many are kept.
    pub fn len(&self) -> usize {
        self.kept().list.len()
    }

    /// Whether none is kept.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// How many were received since the start or the last [`clear`](Self::clear), those
    /// dropped included.
    pub fn received(&self) -> u64 {
        *self.inner.received.borrow()
    }

    /// How many were dropped to stay within the bounds.
    pub fn dropped(&self) -> u64 {
        self.kept().dropped
    }

    /// Forgets every invocation (between the phases of a test).
    pub fn clear(&self) {
        *self.kept() = Kept::default();
        self.inner.received.send_replace(0);
    }

    /// Waits until `count` invocations were received (since the start or the last
    /// [`clear`](Self::clear)), at most `within` of real time, and returns those kept.
    /// Asynchronous events run on their own: this is how a test knows they did.
    ///
    /// # Errors
    /// [`NotReceived`] when fewer arrived in time.
    pub async fn wait_for(
        &self,
        count: u64,
        within: Duration,
    ) -> Result<Vec<ReceivedInvocation>, NotReceived> {
        let mut received = self.inner.received.subscribe();
        let reached = tokio::time::timeout(within, received.wait_for(|n| *n >= count)).await;
        match reached {
            Ok(Ok(_)) => Ok(self.all()),
            _ => Err(NotReceived {
                function: self.inner.function.clone(),
                wanted: count,
                received: self.received(),
                within,
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ctx(attempt: u32) -> InvokeContext {
        InvokeContext {
            request_id: format!("req-{attempt}"),
            qualifier: "LATEST".into(),
            version: "LATEST".into(),
            attempt,
            region: "cn-hangzhou".into(),
            account_id: "1".into(),
        }
    }

    #[test]
    fn the_latest_are_kept_and_the_dropped_counted() {
        let log = Invocations::new("f", 2);
        for attempt in 1..=3 {
            log.record(
                &ctx(attempt),
                &Trigger::Sync,
                &Bytes::from_static(b"e"),
                SystemTime::UNIX_EPOCH,
            );
        }
        let attempts: Vec<u32> = log.all().iter().map(|i| i.attempt).collect();
        assert_eq!(attempts, [2, 3]);
        assert_eq!((log.received(), log.dropped()), (3, 1));
        log.clear();
        assert!(log.is_empty());
        assert_eq!(log.received(), 0);
    }

    #[test]
    fn payload_bytes_are_bounded() {
        let log = Invocations::new("f", 10);
        let big = Bytes::from(vec![0u8; KEPT_INVOCATION_BYTES / 2 + 1]);
        for attempt in 1..=3 {
            log.record(&ctx(attempt), &Trigger::Sync, &big, SystemTime::UNIX_EPOCH);
        }
        assert_eq!(log.len(), 1, "two halves and a byte do not fit");
        assert_eq!(log.dropped(), 2);
    }

    #[tokio::test]
    async fn waiting_ends_when_enough_arrived_or_in_time() {
        let log = Invocations::new("f", 10);
        let waiter = log.clone();
        let wait = tokio::spawn(async move { waiter.wait_for(2, Duration::from_secs(10)).await });
        let trigger = Trigger::Async {
            task_id: Some("t".into()),
        };
        log.record(&ctx(1), &trigger, &Bytes::new(), SystemTime::UNIX_EPOCH);
        log.record(&ctx(2), &trigger, &Bytes::new(), SystemTime::UNIX_EPOCH);
        let got = wait.await.unwrap().unwrap();
        assert_eq!(got.len(), 2);
        assert_eq!(got[1].async_task_id.as_deref(), Some("t"));
        assert_eq!(got[1].invocation_type, InvocationType::Async);
        let late = log
            .wait_for(3, Duration::from_millis(20))
            .await
            .unwrap_err();
        assert_eq!((late.wanted, late.received), (3, 2));
        assert!(
            late.to_string().contains("function 'f' received 2"),
            "{late}"
        );
    }
}
