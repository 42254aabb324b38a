//! The replay window: the signature nonces seen within 15 minutes, kept with the rest of the
//! state in the data dir so that a request captured before a restart is still refused after it.
//!
//! A nonce is remembered as a 128-bit digest (SHA-256) of the access key id and the nonce: the
//! same across restarts, and collision-free in practice. The nonce of a request that can change
//! something (not a GET) is deferred in the store (`Store::defer`): it goes with the next write,
//! so a change the request makes is durable only with its nonce, and otherwise at the latest
//! 100 ms later, many nonces to a commit. Expired nonces are purged from the store at most once
//! a minute.

use std::collections::{HashSet, VecDeque};

use sha2::{Digest, Sha256};

use crate::store::{NonceKey, Op};

/// How often (in seconds) expired nonces are purged from the store.
const PURGE_EVERY_SECS: u64 = 60;

/// The nonces seen recently, forgotten when their window has passed, or the oldest first
/// beyond `capacity`.
pub(super) struct NonceCache {
    seen: HashSet<u128>,
    order: VecDeque<NonceKey>,
    capacity: usize,
    purged_secs: u64,
}

/// The digest a nonce is remembered by.
fn digest(key_id: &str, nonce: &str) -> u128 {
    let mut hash = Sha256::new();
    hash.update(key_id.as_bytes());
    hash.update([0]);
    hash.update(nonce.as_bytes());
    let bytes: [u8; 32] = hash.finalize().into();
    let mut first = [0u8; 16];
    first.copy_from_slice(&bytes[..16]);
    u128::from_be_bytes(first)
}

impl NonceCache {
    /// A cache holding the stored nonces still inside their window at `now` (epoch seconds).
    pub(super) fn new(capacity: usize, mut stored: Vec<NonceKey>, now: u64) -> Self {
        stored.retain(|n| n.expires > now);
        stored.sort_by_key(|n| n.expires);
        let skip = stored.len().saturating_sub(capacity);
        let order: VecDeque<NonceKey> = stored.into_iter().skip(skip).collect();
        Self {
            seen: order.iter().map(|n| n.digest).collect(),
            order,
            capacity,
            purged_secs: now,
        }
    }

    /// Remembers a nonce until `expires` (epoch seconds). `None` when it was already
    /// remembered; otherwise the writes that keep it (and purge expired ones).
    pub(super) fn insert(
        &mut self,
        key_id: &str,
        nonce: &str,
        expires: u64,
        now: u64,
    ) -> Option<Vec<Op>> {
        while let Some(oldest) = self.order.front() {
            if oldest.expires <= now || self.order.len() >= self.capacity {
                self.seen.remove(&oldest.digest);
                self.order.pop_front();
            } else {
                break;
            }
        }
        let key = NonceKey {
            expires,
            digest: digest(key_id, nonce),
        };
        if !self.seen.insert(key.digest) {
            return None;
        }
        self.order.push_back(key);
        let mut ops = vec![Op::PutNonce(key)];
        if now >= self.purged_secs + PURGE_EVERY_SECS {
            self.purged_secs = now;
            ops.push(Op::PurgeNonces(now));
        }
        Some(ops)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forgets_after_expiry_and_beyond_capacity() {
        let mut cache = NonceCache::new(2, Vec::new(), 0);
        assert!(cache.insert("k", "a", 100, 10).is_some());
        assert!(cache.insert("k", "a", 100, 10).is_none());
        assert!(cache.insert("other", "a", 100, 10).is_some());
        // Capacity 2: inserting a third forgets the oldest.
        assert!(cache.insert("k", "b", 100, 10).is_some());
        assert!(cache.insert("k", "a", 100, 10).is_some());
        // Expiry.
        let mut cache = NonceCache::new(10, Vec::new(), 0);
        assert!(cache.insert("k", "a", 100, 10).is_some());
        assert!(cache.insert("k", "a", 200, 100).is_some());
    }

    #[test]
    fn what_was_stored_is_remembered_until_it_expires() {
        let mut first = NonceCache::new(10, Vec::new(), 0);
        let ops = first.insert("k", "n", 900, 0).unwrap();
        let stored: Vec<NonceKey> = ops
            .iter()
            .filter_map(|op| match op {
                Op::PutNonce(key) => Some(*key),
                _ => None,
            })
            .collect();
        let mut again = NonceCache::new(10, stored.clone(), 100);
        assert!(again.insert("k", "n", 1000, 100).is_none(), "a replay");
        assert!(again.insert("k", "other", 1000, 100).is_some());
        let mut later = NonceCache::new(10, stored, 900);
        assert!(
            later.insert("k", "n", 1800, 900).is_some(),
            "its window passed"
        );
    }

    #[test]
    fn expired_nonces_are_purged_from_the_store_now_and_then() {
        let mut cache = NonceCache::new(10, Vec::new(), 0);
        let purges = |ops: Vec<Op>| {
            ops.iter()
                .filter(|op| matches!(op, Op::PurgeNonces(_)))
                .count()
        };
        assert_eq!(purges(cache.insert("k", "a", 900, 1).unwrap()), 0);
        assert_eq!(purges(cache.insert("k", "b", 960, 60).unwrap()), 1);
        assert_eq!(purges(cache.insert("k", "c", 961, 61).unwrap()), 0);
    }
}
