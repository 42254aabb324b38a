//! Request ids, generated task ids and instance ids, in FC's shapes.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

/// Makes ids that are unique within a process and, thanks to a random seed, across restarts.
#[derive(Debug)]
pub(crate) struct IdGen {
    seed: u64,
    counter: AtomicU64,
}

/// SplitMix64: a fast, well-mixed permutation of 64-bit values.
fn mix(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

impl IdGen {
    pub(crate) fn new() -> Self {
        let mut buf = [0u8; 8];
        let seed = match getrandom::fill(&mut buf) {
            Ok(()) => u64::from_le_bytes(buf),
            // No OS randomness: the time and the process id still make restarts differ.
            Err(_) => {
                let nanos = SystemTime::now()
                    .duration_since(UNIX_EPOCH)
                    .map(|d| d.as_nanos() as u64)
                    .unwrap_or_default();
                nanos ^ u64::from(std::process::id()).rotate_left(32)
            }
        };
        Self {
            seed,
            counter: AtomicU64::new(0),
        }
    }

    fn next(&self) -> (u64, u64) {
        let n = self.counter.fetch_add(1, Ordering::Relaxed);
        let a = mix(self.seed ^ mix(n));
        let b = mix(a ^ self.seed.rotate_left(17));
        (a, b)
    }

    /// `1-<8 hex: epoch seconds>-<24 hex>`, the shape of FC's request ids.
    pub(crate) fn request_id(&self, now: SystemTime) -> String {
        let secs = now
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_secs())
            .unwrap_or_default();
        let (a, b) = self.next();
        format!("1-{:08x}-{:016x}{:08x}", secs as u32, a, b as u32)
    }

    /// A generated async task id; it matches the pattern of caller-chosen ids too.
    pub(crate) fn task_id(&self) -> String {
        let (a, b) = self.next();
        format!("task-{a:016x}{:08x}", b as u32)
    }

    /// `c-<8 hex>-<24 hex>`, the shape of FC's instance ids.
    pub(crate) fn instance_id(&self) -> String {
        let (a, b) = self.next();
        format!("c-{:08x}-{:016x}{:08x}", a as u32, b, (a >> 32) as u32)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes_and_uniqueness() {
        let ids = IdGen::new();
        let now = UNIX_EPOCH + std::time::Duration::from_secs(0x6712_ab3c);
        let a = ids.request_id(now);
        let b = ids.request_id(now);
        assert_ne!(a, b);
        assert!(a.starts_with("1-6712ab3c-"), "{a}");
        assert_eq!(a.len(), 2 + 8 + 1 + 24);
        let task = ids.task_id();
        assert!(fc3_models::AsyncTaskId::try_from(task.as_str()).is_ok());
        assert!(ids.instance_id().starts_with("c-"));
    }
}
