//! The records delivered to destinations fc3-local does not run (MNS queues and topics,
//! EventBridge buses, RocketMQ topics), kept in memory where a test or a person reads them
//! (`GET /_fc3/destinations`, and the inspector's `/_fc3/api/destinations`), per destination, oldest first.
//!
//! Bounded: at most `destinations.keep_records` per destination and
//! `destinations.keep_bytes` over all of them; past either the oldest go first, and a
//! destination whose records all went is forgotten. What goes is returned, so the engine
//! removes it from the store too. A record joins only once the change that delivered it is
//! durable (`journal`'s `After::Delivered`).

use std::collections::{BTreeMap, VecDeque};
use std::sync::Arc;

use crate::store::Delivered;

/// One destination's records.
#[derive(Debug, Default)]
struct Destination {
    records: VecDeque<Arc<Delivered>>,
    /// How many of its records were dropped to stay within the bounds.
    dropped: u64,
}

/// A destination as the listing shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct DestinationSummary {
    pub(crate) destination: Arc<str>,
    pub(crate) kind: Arc<str>,
    pub(crate) records: usize,
    pub(crate) dropped: u64,
    pub(crate) last_sequence: u64,
    pub(crate) last_delivered_at: i64,
}

/// A page of one destination's records.
#[derive(Debug)]
pub(crate) struct RecordPage {
    pub(crate) destination: Arc<str>,
    pub(crate) kind: Arc<str>,
    pub(crate) dropped: u64,
    pub(crate) records: Vec<Arc<Delivered>>,
    /// The `after` of the next page, when there are more.
    pub(crate) next_after: Option<u64>,
}

/// Every destination's records, and the bounds.
#[derive(Debug, Default)]
pub(crate) struct Deliveries {
    by_destination: BTreeMap<Arc<str>, Destination>,
    /// Every record kept, by sequence, for the byte bound's oldest-first.
    order: BTreeMap<u64, Arc<str>>,
    bytes: usize,
    keep_records: usize,
    keep_bytes: usize,
    next_sequence: u64,
}

/// What a record costs in memory, roughly: its JSON and its strings.
fn size(delivered: &Delivered) -> usize {
    let source = &delivered.source;
    delivered.record.get().len()
        + delivered.destination.len()
        + source.function_name.len()
        + source.qualifier.len()
        + source.request_id.len()
        + source.async_task_id.as_ref().map_or(0, String::len)
        + 128
}

impl Deliveries {
    /// Sets the bounds.
    pub(crate) fn bound(&mut self, keep_records: usize, keep_bytes: usize) {
        self.keep_records = keep_records.max(1);
        self.keep_bytes = keep_bytes;
    }

    /// The sequence number of the next delivery (from 1).
    pub(crate) fn next_sequence(&mut self) -> u64 {
        self.next_sequence = self.next_sequence.max(1);
        let sequence = self.next_sequence;
        self.next_sequence += 1;
        sequence
    }

    /// Adds a record (delivered, or read back at start, in sequence order); returns the
    /// sequences of the records dropped to stay within the bounds.
    pub(crate) fn add(&mut self, delivered: Arc<Delivered>) -> Vec<u64> {
        self.next_sequence = self.next_sequence.max(delivered.sequence + 1);
        let name = Arc::clone(&delivered.destination);
        self.bytes += size(&delivered);
        self.order.insert(delivered.sequence, Arc::clone(&name));
        let destination = self.by_destination.entry(Arc::clone(&name)).or_default();
        destination.records.push_back(delivered);
        let mut dropped = Vec::new();
        while destination.records.len() > self.keep_records {
            if let Some(old) = destination.records.pop_front() {
                destination.dropped += 1;
                self.bytes -= size(&old);
                self.order.remove(&old.sequence);
                dropped.push(old.sequence);
            }
        }
        while self.bytes > self.keep_bytes {
            let Some((_, name)) = self.order.pop_first() else {
                break;
            };
            let Some(destination) = self.by_destination.get_mut(&name) else {
                continue;
            };
            if let Some(old) = destination.records.pop_front() {
                destination.dropped += 1;
                self.bytes -= size(&old);
                dropped.push(old.sequence);
            }
            if destination.records.is_empty() {
                self.by_destination.remove(&name);
            }
        }
        dropped
    }

    /// Every destination that has records, by ARN.
    pub(crate) fn destinations(&self) -> Vec<DestinationSummary> {
        self.by_destination
            .iter()
            .filter_map(|(name, d)| {
                let last = d.records.back()?;
                Some(DestinationSummary {
                    destination: Arc::clone(name),
                    kind: Arc::clone(&last.kind),
                    records: d.records.len(),
                    dropped: d.dropped,
                    last_sequence: last.sequence,
                    last_delivered_at: last.delivered_at,
                })
            })
            .collect()
    }

    /// The newest `limit` records over every destination, newest first (the inspector's
    /// list of what was delivered).
    pub(crate) fn newest(&self, limit: usize) -> Vec<Arc<Delivered>> {
        self.order
            .iter()
            .rev()
            .filter_map(|(sequence, name)| {
                let records = &self.by_destination.get(name)?.records;
                let at = records
                    .binary_search_by_key(sequence, |r| r.sequence)
                    .ok()?;
                Some(Arc::clone(&records[at]))
            })
            .take(limit)
            .collect()
    }

    /// One destination's records with a sequence above `after`, oldest first, at most
    /// `limit`; `None` when it has none kept.
    pub(crate) fn records(
        &self,
        destination: &str,
        after: u64,
        limit: usize,
    ) -> Option<RecordPage> {
        let (name, d) = self.by_destination.get_key_value(destination)?;
        let last = d.records.back()?;
        let start = d.records.partition_point(|r| r.sequence <= after);
        let records: Vec<Arc<Delivered>> = d.records.range(start..).take(limit).cloned().collect();
        let next_after = (start + records.len() < d.records.len())
            .then(|| records.last().map(|r| r.sequence))
            .flatten();
        Some(RecordPage {
            destination: Arc::clone(name),
            kind: Arc::clone(&last.kind),
            dropped: d.dropped,
            records,
            next_after,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::DeliverySource;

    fn delivered(sequence: u64, destination: &str, record: &str) -> Arc<Delivered> {
        Arc::new(Delivered {
            sequence,
            destination: destination.into(),
            kind: "mns-queue".into(),
            delivered_at: sequence as i64,
            source: DeliverySource {
                function_name: "f".into(),
                qualifier: "q".into(),
                request_id: "r".into(),
                async_task_id: None,
            },
            record: serde_json::value::RawValue::from_string(format!("\"{record}\"")).unwrap(),
        })
    }

    #[test]
    fn the_newest_come_first_over_every_destination() {
        let mut d = Deliveries::default();
        d.bound(2, usize::MAX);
        for (sequence, destination) in [(1, "a"), (2, "b"), (3, "a"), (4, "a"), (5, "b")] {
            d.add(delivered(sequence, destination, "r"));
        }
        let newest: Vec<u64> = d.newest(3).iter().map(|r| r.sequence).collect();
        assert_eq!(newest, [5, 4, 3]);
        // 1 was dropped (a keeps two), so it is not listed however many are asked for.
        let all: Vec<u64> = d.newest(10).iter().map(|r| r.sequence).collect();
        assert_eq!(all, [5, 4, 3, 2]);
    }

    #[test]
    fn each_destination_keeps_its_latest() {
        let mut d = Deliveries::default();
        d.bound(2, usize::MAX);
        assert!(d.add(delivered(1, "a", "1")).is_empty());
        assert!(d.add(delivered(2, "b", "2")).is_empty());
        assert!(d.add(delivered(3, "a", "3")).is_empty());
        assert_eq!(d.add(delivered(4, "a", "4")), [1]);
        let a = d.records("a", 0, 10).unwrap();
        let seqs: Vec<u64> = a.records.iter().map(|r| r.sequence).collect();
        assert_eq!((seqs, a.dropped), (vec![3, 4], 1));
        let listed: Vec<(String, usize)> = d
            .destinations()
            .into_iter()
            .map(|s| (s.destination.to_string(), s.records))
            .collect();
        assert_eq!(listed, [("a".into(), 2), ("b".into(), 1)]);
        assert_eq!(d.next_sequence(), 5);
    }

    #[test]
    fn the_byte_bound_drops_the_oldest_anywhere_and_forgets_empty_destinations() {
        let mut d = Deliveries::default();
        let one = size(&delivered(1, "a", "x"));
        d.bound(100, one * 2);
        d.add(delivered(1, "a", "x"));
        d.add(delivered(2, "b", "x"));
        assert_eq!(d.add(delivered(3, "b", "x")), [1]);
        assert!(d.records("a", 0, 10).is_none(), "a lost its only record");
        assert_eq!(d.destinations().len(), 1);
        assert_eq!(d.records("b", 0, 10).unwrap().records.len(), 2);
    }

    #[test]
    fn pages_follow_the_sequence() {
        let mut d = Deliveries::default();
        d.bound(100, usize::MAX);
        for seq in 1..=5 {
            d.add(delivered(seq, "a", "x"));
        }
        let first = d.records("a", 0, 2).unwrap();
        assert_eq!(first.next_after, Some(2));
        let second = d.records("a", 2, 2).unwrap();
        let seqs: Vec<u64> = second.records.iter().map(|r| r.sequence).collect();
        assert_eq!((seqs, second.next_after), (vec![3, 4], Some(4)));
        let last = d.records("a", 4, 2).unwrap();
        assert_eq!((last.records.len(), last.next_after), (1, None));
        assert!(d.records("a", 5, 2).unwrap().records.is_empty());
    }
}
