//! The queue: a ready queue per function, served round robin, the timers of events that wait
//! for a retry, and the backlog (events not over yet and their bytes) with its bounds. It holds
//! sequence numbers only; what an event is lives in the engine.

use std::cmp::Reverse;
use std::collections::{BTreeMap, BinaryHeap, VecDeque};

/// The backlog: events not over yet (queued, waiting for a retry, running) and their payload
/// bytes, with the bounds past which a client's event is refused. Its depth is logged each time
/// it crosses a tenth of a bound.
#[derive(Debug, Default)]
pub(crate) struct Backlog {
    events: usize,
    bytes: usize,
    max_events: usize,
    max_bytes: usize,
    /// The tenth of the bounds last logged.
    logged: usize,
    /// Whether a refusal was logged since the backlog was last below its bounds.
    refusing: bool,
}

/// A full backlog: what it holds and its bounds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Full {
    pub(crate) events: usize,
    pub(crate) bytes: usize,
    pub(crate) max_events: usize,
    pub(crate) max_bytes: usize,
}

impl Backlog {
    /// Sets the bounds.
    pub(crate) fn bound(&mut self, max_events: usize, max_bytes: usize) {
        self.max_events = max_events;
        self.max_bytes = max_bytes;
    }

    /// Events not over yet.
    pub(crate) fn events(&self) -> usize {
        self.events
    }

    /// Their payload bytes.
    pub(crate) fn bytes(&self) -> usize {
        self.bytes
    }

    pub(crate) fn add(&mut self, bytes: usize) {
        self.events += 1;
        self.bytes += bytes;
        self.report();
    }

    pub(crate) fn remove(&mut self, bytes: usize) {
        self.events = self.events.saturating_sub(1);
        self.bytes = self.bytes.saturating_sub(bytes);
        self.report();
    }

    /// Whether one more event of `bytes` fits within the bounds.
    pub(crate) fn admit(&mut self, bytes: usize) -> Result<(), Full> {
        let fits =
            self.events < self.max_events && self.bytes.saturating_add(bytes) <= self.max_bytes;
        if fits {
            self.refusing = false;
            return Ok(());
        }
        let full = Full {
            events: self.events,
            bytes: self.bytes,
            max_events: self.max_events,
            max_bytes: self.max_bytes,
        };
        if !self.refusing {
            self.refusing = true;
            tracing::warn!(
                depth = full.events,
                bytes = full.bytes,
                max_events = full.max_events,
                max_bytes = full.max_bytes,
                "the async queue is full: new async invocations are refused (503 ResourceThrottled) until it drains"
            );
        }
        Err(full)
    }

    /// Logs the depth when it crosses a tenth of a bound.
    fn report(&mut self) {
        let tenth = |n: usize, max: usize| n.saturating_mul(10) / max.max(1);
        let level = tenth(self.events, self.max_events).max(tenth(self.bytes, self.max_bytes));
        if level == self.logged {
            return;
        }
        self.logged = level;
        tracing::info!(
            depth = self.events,
            bytes = self.bytes,
            max_events = self.max_events,
            max_bytes = self.max_bytes,
            "async queue depth: {}0% of its bound",
            level.min(10)
        );
    }
}

/// What the scheduler makes of the event at the front of a function's ready queue.
pub(crate) enum Pick<T> {
    /// Start it: it leaves the queue.
    Take(T),
    /// Nothing to run (over, or handled otherwise): it leaves the queue.
    Discard,
    /// The function cannot take it now (at its concurrency limit): it stays first.
    Blocked,
}

/// Ready queues and retry timers.
#[derive(Default)]
pub(crate) struct Queue {
    ready: BTreeMap<String, VecDeque<u64>>,
    timers: BinaryHeap<Reverse<(i64, u64)>>,
}

impl Queue {
    /// Queues an event at the back of its function's ready queue.
    pub(crate) fn push_ready(&mut self, function: &str, seq: u64) {
        match self.ready.get_mut(function) {
            Some(queue) => queue.push_back(seq),
            None => {
                self.ready
                    .insert(function.to_owned(), VecDeque::from([seq]));
            }
        }
    }

    /// Wakes an event at `due_ms` (epoch ms).
    pub(crate) fn push_timer(&mut self, due_ms: i64, seq: u64) {
        self.timers.push(Reverse((due_ms, seq)));
    }

    /// When the next timer is due.
    pub(crate) fn next_due(&self) -> Option<i64> {
        self.timers.peek().map(|Reverse((due, _))| *due)
    }

    /// Moves the events whose timer is due into their function's ready queue;
    /// `function_of` names an event's function (`None`: it is gone, the timer is dropped).
    pub(crate) fn release_due<'a>(
        &mut self,
        now_ms: i64,
        function_of: impl Fn(u64) -> Option<&'a str>,
    ) {
        while let Some(&Reverse((due, seq))) = self.timers.peek() {
            if due > now_ms {
                break;
            }
            self.timers.pop();
            if let Some(function) = function_of(seq) {
                self.push_ready(function, seq);
            }
        }
    }

    /// Picks at most `room` events, round robin over the functions (one each per turn), asking
    /// `pick` about each function's first event.
    pub(crate) fn select<T>(
        &mut self,
        room: usize,
        mut pick: impl FnMut(&str, u64) -> Pick<T>,
    ) -> Vec<T> {
        let mut taken = Vec::new();
        let mut progress = true;
        while progress && taken.len() < room {
            progress = false;
            for (function, queue) in self.ready.iter_mut() {
                if taken.len() >= room {
                    break;
                }
                let Some(&seq) = queue.front() else { continue };
                match pick(function, seq) {
                    Pick::Take(item) => {
                        queue.pop_front();
                        taken.push(item);
                        progress = true;
                    }
                    Pick::Discard => {
                        queue.pop_front();
                        progress = true;
                    }
                    Pick::Blocked => {}
                }
            }
            self.ready.retain(|_, queue| !queue.is_empty());
        }
        taken
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_robin_over_functions_within_the_room() {
        let mut q = Queue::default();
        for seq in 0..3 {
            q.push_ready("a", seq);
        }
        q.push_ready("b", 10);
        q.push_ready("b", 11);
        let picked = q.select(4, |_, seq| Pick::Take(seq));
        assert_eq!(picked, [0, 10, 1, 11]);
        assert_eq!(q.select(10, |_, seq| Pick::Take(seq)), [2]);
        assert!(q.select(10, |_, seq| Pick::Take(seq)).is_empty());
    }

    #[test]
    fn blocked_functions_keep_their_events_and_discarded_ones_go() {
        let mut q = Queue::default();
        q.push_ready("busy", 1);
        q.push_ready("free", 2);
        q.push_ready("free", 3);
        let picked = q.select(10, |f, seq| match (f, seq) {
            ("busy", _) => Pick::Blocked,
            (_, 2) => Pick::Discard,
            _ => Pick::Take(seq),
        });
        assert_eq!(picked, [3]);
        assert_eq!(q.select(10, |_, seq| Pick::Take(seq)), [1]);
    }

    #[test]
    fn the_backlog_refuses_past_either_bound_and_takes_again_once_drained() {
        let mut b = Backlog::default();
        b.bound(2, 100);
        assert_eq!(b.admit(60), Ok(()));
        b.add(60);
        assert_eq!(b.admit(50).unwrap_err().bytes, 60, "bytes bound");
        assert_eq!(b.admit(40), Ok(()));
        b.add(40);
        let full = b.admit(0).unwrap_err();
        assert_eq!((full.events, full.max_events), (2, 2), "events bound");
        b.remove(60);
        assert_eq!(b.admit(10), Ok(()));
        assert_eq!((b.events(), b.bytes()), (1, 40));
    }

    #[test]
    fn the_depth_is_logged_at_each_tenth_and_a_refusal_once() {
        #[derive(Clone, Default)]
        struct Log(std::sync::Arc<std::sync::Mutex<Vec<u8>>>);
        impl std::io::Write for Log {
            fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
                self.0.lock().unwrap().extend_from_slice(bytes);
                Ok(bytes.len())
            }
            fn flush(&mut self) -> std::io::Result<()> {
                Ok(())
            }
        }
        let log = Log::default();
        let writer = log.clone();
        let subscriber = tracing_subscriber::fmt()
            .with_writer(move || writer.clone())
            .with_ansi(false)
            .finish();
        tracing::subscriber::with_default(subscriber, || {
            let mut b = Backlog::default();
            b.bound(10, 1 << 20);
            for _ in 0..10 {
                b.add(1);
            }
            let _ = b.admit(1);
            let _ = b.admit(1);
        });
        let text = String::from_utf8(log.0.lock().unwrap().clone()).unwrap();
        assert_eq!(text.matches("async queue depth").count(), 10, "{text}");
        assert!(text.contains("depth=10"), "{text}");
        assert_eq!(text.matches("the async queue is full").count(), 1, "{text}");
    }

    #[test]
    fn timers_release_in_order_when_due() {
        let mut q = Queue::default();
        q.push_timer(300, 3);
        q.push_timer(100, 1);
        q.push_timer(200, 2);
        assert_eq!(q.next_due(), Some(100));
        q.release_due(200, |seq| (seq != 2).then_some("f"));
        assert_eq!(q.next_due(), Some(300));
        assert_eq!(q.select(10, |_, seq| Pick::Take(seq)), [1], "2 is gone");
    }
}
