//! Each function's concurrency limit: async tries and sync calls share it; a release wakes the
//! async dispatcher.

use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};

use tokio::sync::Notify;

/// Counts running invocations of one function against its limit.
#[derive(Debug)]
pub(crate) struct Limiter {
    active: AtomicU32,
    limit: u32,
    released: Arc<Notify>,
}

/// One slot of a [`Limiter`], released on drop.
#[derive(Debug)]
pub(crate) struct Permit {
    limiter: Arc<Limiter>,
}

impl Limiter {
    pub(crate) fn new(limit: Option<u32>, released: Arc<Notify>) -> Self {
        Self {
            active: AtomicU32::new(0),
            limit: limit.unwrap_or(u32::MAX),
            released,
        }
    }

    /// A slot, or `None` when the function is at its limit.
    pub(crate) fn try_acquire(self: &Arc<Self>) -> Option<Permit> {
        self.active
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |n| {
                (n < self.limit).then_some(n + 1)
            })
            .ok()
            .map(|_| Permit {
                limiter: Arc::clone(self),
            })
    }

    pub(crate) fn limit(&self) -> Option<u32> {
        (self.limit != u32::MAX).then_some(self.limit)
    }
}

impl Drop for Permit {
    fn drop(&mut self) {
        self.limiter.active.fetch_sub(1, Ordering::AcqRel);
        self.limiter.released.notify_one();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limiter_counts() {
        let notify = Arc::new(Notify::new());
        let limiter = Arc::new(Limiter::new(Some(1), notify));
        let first = limiter.try_acquire();
        assert!(first.is_some());
        assert!(limiter.try_acquire().is_none());
        drop(first);
        assert!(limiter.try_acquire().is_some());
    }
}
