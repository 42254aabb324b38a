//! The queue: a ready queue per function, served round robin, and the timers of events that
//! wait for a retry. It holds sequence numbers only; what an event is lives in the engine.

use std::cmp::Reverse;
use std::collections::{BTreeMap, BinaryHeap, VecDeque};

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
