//! What the data store holds: the tables, the records written to them, the writes ([`Op`]),
//! and reading everything back at start ([`Snapshot`]).

use std::sync::Arc;

use bytes::Bytes;
use fc3_models::{AsyncConfig, AsyncTask};
use redb::{ReadTransaction, ReadableTable, TableDefinition, TableHandle, WriteTransaction};
use serde::{Deserialize, Serialize};

/// Event metadata, by sequence number (JSON of [`EventRecord`]).
pub(super) const EVENTS: TableDefinition<u64, &[u8]> = TableDefinition::new("events");
/// Event payloads, by sequence number (raw bytes, written once).
pub(super) const PAYLOADS: TableDefinition<u64, &[u8]> = TableDefinition::new("payloads");
/// Async invoke configurations, by `function\nqualifier` (JSON of [`StoredConfig`]).
pub(super) const CONFIGS: TableDefinition<&str, &[u8]> = TableDefinition::new("configs");
/// Records delivered to destinations fc3-local does not run, by sequence (JSON of
/// [`Delivered`]).
pub(super) const DELIVERIES: TableDefinition<u64, &[u8]> = TableDefinition::new("deliveries");
/// A probe's bytes, written and removed again to see that the disk has room.
const SCRATCH: TableDefinition<u8, &[u8]> = TableDefinition::new("scratch");
/// Signature nonces seen, a commit's worth in a row: by (the latest expiry in the row, in epoch
/// seconds; the first nonce's digest, for uniqueness), each nonce as 24 bytes (its expiry and
/// its digest, big-endian). One row per commit keeps a busy server's replay window cheap.
pub(super) const NONCES: TableDefinition<(u64, u64), &[u8]> = TableDefinition::new("nonce_batches");
/// The bytes of one nonce in a row of [`NONCES`].
const NONCE_BYTES: usize = 24;

/// The durable state of one asynchronous invocation; the visible part is FC's `AsyncTask`.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub(crate) struct EventRecord {
    pub(crate) seq: u64,
    pub(crate) function: String,
    /// The qualifier as invoked (`LATEST` when absent).
    pub(crate) qualifier: String,
    /// The version that qualifier named.
    pub(crate) version: String,
    /// Whether it is an async task (visible to Get/List/StopAsyncTask).
    pub(crate) tracked: bool,
    pub(crate) accepted_ms: i64,
    /// When a `Retrying` event is due.
    pub(crate) next_due_ms: i64,
    /// Tries started so far.
    pub(crate) tries: u32,
    /// How many destination deliveries led to this event (0: invoked by a client).
    #[serde(default)]
    pub(crate) hops: u32,
    /// The last try's answer (at most 128 KiB of text): the task's `returnPayload`, kept apart
    /// from `task` so that copying a record never copies it.
    #[serde(default)]
    pub(crate) response: Option<Arc<str>>,
    /// The task as the API shows it, without `returnPayload` and `taskPayload`.
    pub(crate) task: AsyncTask,
}

/// A record delivered to a destination fc3-local does not run (an MNS queue or topic, an
/// EventBridge bus, a RocketMQ topic): FC's destination record with where it went, when and
/// from what. The same JSON is stored, written to the destination's log and served by
/// `GET /_fc3/destinations/{arn}`.
#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct Delivered {
    /// Its place in the order of every delivery (from 1).
    pub(crate) sequence: u64,
    /// The destination's ARN.
    pub(crate) destination: Arc<str>,
    /// What kind of destination: `mns-queue`, `mns-topic`, `eventbridge`, `rocketmq`, `other`.
    pub(crate) kind: Arc<str>,
    /// When, in epoch ms.
    pub(crate) delivered_at: i64,
    /// The event whose record it is.
    pub(crate) source: DeliverySource,
    /// FC's record (`fc3_models::DestinationRecord`), as encoded.
    pub(crate) record: Box<serde_json::value::RawValue>,
}

/// The event a delivered record comes from.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct DeliverySource {
    pub(crate) function_name: String,
    pub(crate) qualifier: String,
    pub(crate) request_id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) async_task_id: Option<String>,
}

/// A stored async invoke configuration.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub(crate) struct StoredConfig {
    pub(crate) function: String,
    pub(crate) qualifier: String,
    pub(crate) config: AsyncConfig,
}

impl StoredConfig {
    pub(crate) fn key(function: &str, qualifier: &str) -> String {
        format!("{function}\n{qualifier}")
    }
}

/// A nonce remembered until `expires` (epoch seconds); `digest` is of the key id and nonce.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct NonceKey {
    pub(crate) expires: u64,
    pub(crate) digest: u128,
}

/// One write.
#[derive(Debug)]
pub(crate) enum Op {
    PutEvent(Arc<EventRecord>),
    PutPayload(u64, Bytes),
    /// Removes the event and its payload.
    DeleteEvent(u64),
    PutConfig(Box<StoredConfig>),
    DeleteConfig(String),
    PutNonce(NonceKey),
    /// Forgets the nonces that expired before this time (epoch seconds).
    PurgeNonces(u64),
    PutDelivery(Arc<Delivered>),
    DeleteDelivery(u64),
}

/// What a durable store held at start.
#[derive(Debug, Default)]
pub(crate) struct Snapshot {
    pub(crate) events: Vec<(EventRecord, Bytes)>,
    pub(crate) configs: Vec<StoredConfig>,
    pub(crate) nonces: Vec<NonceKey>,
    /// Delivered records, by sequence.
    pub(crate) deliveries: Vec<Delivered>,
}

/// Why reading or writing the tables failed: a message for the store to wrap.
pub(super) type Failure = String;

fn failure(what: &str) -> impl Fn(redb::Error) -> Failure + '_ {
    move |e| format!("{what}: {e}")
}

/// Creates the tables a new file lacks.
pub(super) fn create_tables(txn: &WriteTransaction) -> Result<(), Failure> {
    let err = |e: redb::TableError| format!("cannot create the tables: {e}");
    txn.open_table(EVENTS).map_err(err)?;
    txn.open_table(PAYLOADS).map_err(err)?;
    txn.open_table(CONFIGS).map_err(err)?;
    txn.open_table(NONCES).map_err(err)?;
    txn.open_table(DELIVERIES).map_err(err)?;
    Ok(())
}

/// Writes a probe's bytes.
pub(super) fn put_scratch(txn: &WriteTransaction, bytes: &[u8]) -> Result<(), Failure> {
    let mut table = txn
        .open_table(SCRATCH)
        .map_err(|e| format!("cannot write: {e}"))?;
    table
        .insert(0, bytes)
        .map_err(|e| format!("cannot write: {e}"))?;
    Ok(())
}

/// Removes a probe's bytes.
pub(super) fn clear_scratch(txn: &WriteTransaction) -> Result<(), Failure> {
    txn.delete_table(SCRATCH)
        .map_err(|e| format!("cannot write: {e}"))?;
    Ok(())
}

/// Opens a table to read; a table not created yet (a new file) reads as empty.
fn table<K: redb::Key + 'static, V: redb::Value + 'static>(
    txn: &ReadTransaction,
    definition: TableDefinition<K, V>,
) -> Result<Option<redb::ReadOnlyTable<K, V>>, Failure> {
    match txn.open_table(definition) {
        Ok(table) => Ok(Some(table)),
        Err(redb::TableError::TableDoesNotExist(_)) => Ok(None),
        Err(e) => Err(format!("table {} cannot be read: {e}", definition.name())),
    }
}

/// Reads everything: every event with its payload, every configuration, every nonce.
pub(super) fn read_all(txn: &ReadTransaction) -> Result<Snapshot, Failure> {
    let read = failure("cannot be read");
    let mut snapshot = Snapshot::default();
    if let Some(events) = table(txn, EVENTS)? {
        let payloads = table(txn, PAYLOADS)?;
        for item in events.iter().map_err(|e| read(e.into()))? {
            let (key, value) = item.map_err(|e| read(e.into()))?;
            let seq = key.value();
            let record: EventRecord = serde_json::from_slice(value.value())
                .map_err(|e| format!("event {seq} cannot be decoded: {e}"))?;
            if record.seq != seq {
                return Err(format!(
                    "event {seq} holds the record of event {}",
                    record.seq
                ));
            }
            let payload = match &payloads {
                Some(payloads) => payloads
                    .get(seq)
                    .map_err(|e| read(e.into()))?
                    .map(|v| Bytes::copy_from_slice(v.value()))
                    .unwrap_or_default(),
                None => Bytes::new(),
            };
            snapshot.events.push((record, payload));
        }
    }
    if let Some(configs) = table(txn, CONFIGS)? {
        for item in configs.iter().map_err(|e| read(e.into()))? {
            let (key, value) = item.map_err(|e| read(e.into()))?;
            let config: StoredConfig = serde_json::from_slice(value.value())
                .map_err(|e| format!("configuration {:?} cannot be decoded: {e}", key.value()))?;
            snapshot.configs.push(config);
        }
    }
    if let Some(deliveries) = table(txn, DELIVERIES)? {
        for item in deliveries.iter().map_err(|e| read(e.into()))? {
            let (key, value) = item.map_err(|e| read(e.into()))?;
            let seq = key.value();
            let delivered: Delivered = serde_json::from_slice(value.value())
                .map_err(|e| format!("delivered record {seq} cannot be decoded: {e}"))?;
            if delivered.sequence != seq {
                return Err(format!(
                    "delivered record {seq} holds record {}",
                    delivered.sequence
                ));
            }
            snapshot.deliveries.push(delivered);
        }
    }
    if let Some(nonces) = table(txn, NONCES)? {
        for item in nonces.iter().map_err(|e| read(e.into()))? {
            let (key, value) = item.map_err(|e| read(e.into()))?;
            let row = value.value();
            if row.len() % NONCE_BYTES != 0 {
                return Err(format!("nonce row {:?} cannot be decoded", key.value()));
            }
            snapshot
                .nonces
                .extend(row.chunks_exact(NONCE_BYTES).map(|n| {
                    let (expires, digest) = n.split_at(8);
                    NonceKey {
                        expires: u64::from_be_bytes(expires.try_into().unwrap_or_default()),
                        digest: u128::from_be_bytes(digest.try_into().unwrap_or_default()),
                    }
                }));
        }
    }
    Ok(snapshot)
}

/// Applies writes inside a write transaction.
pub(super) fn apply<'a>(
    txn: &WriteTransaction,
    batches: impl Iterator<Item = &'a [Op]>,
) -> Result<(), Failure> {
    let write = failure("write");
    let table = |e: redb::TableError| write(e.into());
    let mut events = txn.open_table(EVENTS).map_err(table)?;
    let mut payloads = txn.open_table(PAYLOADS).map_err(table)?;
    let mut configs = txn.open_table(CONFIGS).map_err(table)?;
    let mut nonces = txn.open_table(NONCES).map_err(table)?;
    let mut deliveries = txn.open_table(DELIVERIES).map_err(table)?;
    let storage = |e: redb::StorageError| write(e.into());
    let mut buf = Vec::with_capacity(1024);
    let mut nonce_row = Vec::new();
    let mut row_expires = 0;
    for ops in batches {
        for op in ops {
            match op {
                Op::PutEvent(record) => {
                    buf.clear();
                    serde_json::to_writer(&mut buf, record.as_ref())
                        .map_err(|e| format!("cannot encode event {}: {e}", record.seq))?;
                    events.insert(record.seq, buf.as_slice()).map_err(storage)?;
                }
                Op::PutPayload(seq, bytes) => {
                    payloads.insert(*seq, bytes.as_ref()).map_err(storage)?;
                }
                Op::DeleteEvent(seq) => {
                    events.remove(*seq).map_err(storage)?;
                    payloads.remove(*seq).map_err(storage)?;
                }
                Op::PutConfig(config) => {
                    buf.clear();
                    serde_json::to_writer(&mut buf, config.as_ref())
                        .map_err(|e| format!("cannot encode a configuration: {e}"))?;
                    let key = StoredConfig::key(&config.function, &config.qualifier);
                    configs
                        .insert(key.as_str(), buf.as_slice())
                        .map_err(storage)?;
                }
                Op::DeleteConfig(key) => {
                    configs.remove(key.as_str()).map_err(storage)?;
                }
                Op::PutNonce(nonce) => {
                    nonce_row.extend_from_slice(&nonce.expires.to_be_bytes());
                    nonce_row.extend_from_slice(&nonce.digest.to_be_bytes());
                    row_expires = row_expires.max(nonce.expires);
                }
                Op::PutDelivery(delivered) => {
                    buf.clear();
                    serde_json::to_writer(&mut buf, delivered.as_ref()).map_err(|e| {
                        format!("cannot encode delivered record {}: {e}", delivered.sequence)
                    })?;
                    deliveries
                        .insert(delivered.sequence, buf.as_slice())
                        .map_err(storage)?;
                }
                Op::DeleteDelivery(seq) => {
                    deliveries.remove(*seq).map_err(storage)?;
                }
                Op::PurgeNonces(before) => {
                    nonces
                        .retain_in(..(*before, 0u64), |_, _| false)
                        .map_err(storage)?;
                }
            }
        }
    }
    if let Some(first) = nonce_row.get(8..16) {
        let unique = u64::from_be_bytes(first.try_into().unwrap_or_default());
        nonces
            .insert((row_expires, unique), nonce_row.as_slice())
            .map_err(storage)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use redb::ReadableTableMetadata;

    #[test]
    fn nonces_are_kept_a_commit_to_a_row_and_read_back_one_by_one() {
        let dir = tempfile::tempdir().unwrap();
        let db = redb::Database::create(dir.path().join("t.redb")).unwrap();
        let nonce = |expires, digest| NonceKey { expires, digest };
        let commits = [
            vec![
                Op::PutNonce(nonce(900, 1)),
                Op::PutNonce(nonce(901, u128::MAX)),
            ],
            vec![Op::PutNonce(nonce(950, 7))],
            vec![Op::PurgeNonces(920)],
        ];
        for ops in &commits {
            let txn = db.begin_write().unwrap();
            apply(&txn, std::iter::once(ops.as_slice())).unwrap();
            txn.commit().unwrap();
        }
        let snapshot = read_all(&db.begin_read().unwrap()).unwrap();
        assert_eq!(
            snapshot.nonces,
            [nonce(950, 7)],
            "the first row expired at 901"
        );
        let txn = db.begin_read().unwrap();
        assert_eq!(txn.open_table(NONCES).unwrap().len().unwrap(), 1);
    }
}
