//! Retention of finished async tasks: how long a task that is over stays readable (FC keeps
//! async task records for 7 days), and how many (and how many bytes) may stay at most, so that
//! ListAsyncTasks never grows without bound. An index of finished tasks by end time; the
//! dispatcher removes what is due, oldest first, as one durable change (`Engine::expire_tasks`).

use std::collections::BTreeMap;

/// The finished tasks kept, oldest end first, with the bounds past which they go.
#[derive(Debug, Default)]
pub(crate) struct Retention {
    /// (end time in epoch ms, event) → its bytes (payload and answer).
    by_end: BTreeMap<(i64, u64), usize>,
    bytes: usize,
    keep_ms: i64,
    max_tasks: usize,
    max_bytes: usize,
}

/// The most tasks removed in one step, so the state lock is held briefly; the rest follow at
/// once in the next step.
pub(crate) const REMOVED_AT_ONCE: usize = 1_000;

impl Retention {
    /// Sets the bounds: how long (ms) a finished task is kept, and how many and how many bytes
    /// at most.
    pub(crate) fn bound(&mut self, keep_ms: i64, max_tasks: usize, max_bytes: usize) {
        self.keep_ms = keep_ms;
        self.max_tasks = max_tasks;
        self.max_bytes = max_bytes;
    }

    /// A task finished at `end_ms` holding `bytes`.
    pub(crate) fn add(&mut self, end_ms: i64, seq: u64, bytes: usize) {
        if self.by_end.insert((end_ms, seq), bytes).is_none() {
            self.bytes += bytes;
        }
    }

    /// Forgets a task (removed, or no longer over).
    pub(crate) fn remove(&mut self, end_ms: i64, seq: u64) {
        if let Some(bytes) = self.by_end.remove(&(end_ms, seq)) {
            self.bytes -= bytes;
        }
    }

    /// How many finished tasks are kept.
    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.by_end.len()
    }

    /// The tasks to remove now, oldest first (at most [`REMOVED_AT_ONCE`]): those kept longer
    /// than the retention, then the oldest beyond either bound.
    pub(crate) fn due(&self, now_ms: i64) -> Vec<u64> {
        let mut count = self.by_end.len();
        let mut bytes = self.bytes;
        let mut due = Vec::new();
        for (&(end_ms, seq), &size) in &self.by_end {
            let expired = end_ms.saturating_add(self.keep_ms) <= now_ms;
            let over = count > self.max_tasks || bytes > self.max_bytes;
            if !(expired || over) || due.len() == REMOVED_AT_ONCE {
                break;
            }
            due.push(seq);
            count -= 1;
            bytes -= size;
        }
        due
    }

    /// When the next removal is due (epoch ms); `now_ms` when the bounds are exceeded.
    pub(crate) fn next_due(&self, now_ms: i64) -> Option<i64> {
        if self.by_end.len() > self.max_tasks || self.bytes > self.max_bytes {
            return Some(now_ms);
        }
        self.by_end
            .keys()
            .next()
            .map(|&(end_ms, _)| end_ms.saturating_add(self.keep_ms))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tasks_go_after_the_retention_oldest_first() {
        let mut r = Retention::default();
        r.bound(1_000, 100, 1 << 20);
        r.add(500, 2, 10);
        r.add(100, 1, 10);
        r.add(900, 3, 10);
        assert_eq!(r.next_due(0), Some(1_100));
        assert!(r.due(1_099).is_empty());
        assert_eq!(r.due(1_500), [1, 2]);
        r.remove(100, 1);
        r.remove(500, 2);
        assert_eq!(r.next_due(0), Some(1_900));
        assert_eq!(r.len(), 1);
    }

    #[test]
    fn beyond_a_bound_the_oldest_go_at_once() {
        let mut r = Retention::default();
        r.bound(i64::MAX, 2, 25);
        for seq in 0..3 {
            r.add(seq as i64, seq, 10);
        }
        assert_eq!(r.next_due(7), Some(7), "3 tasks, 2 allowed");
        assert_eq!(r.due(7), [0], "one removal brings both bounds back");
        r.remove(0, 0);
        r.add(10, 9, 10);
        assert_eq!(r.due(7), [1], "30 bytes > 25");
        r.remove(1, 1);
        assert_eq!(
            r.next_due(7),
            Some(i64::MAX),
            "kept as long as can be, within bounds"
        );
    }

    #[test]
    fn removals_are_batched() {
        let mut r = Retention::default();
        r.bound(0, usize::MAX, usize::MAX);
        for seq in 0..(REMOVED_AT_ONCE as u64 + 5) {
            r.add(0, seq, 0);
        }
        assert_eq!(r.due(1).len(), REMOVED_AT_ONCE);
    }
}
