//! Durability: what the engine writes, and where.
//!
//! Everything the API reads is served from memory; the store only makes it survive a
//! restart or a crash. With a data dir it is a [redb] database written by one thread with
//! group commit: every message waiting in the channel goes into one write transaction, one
//! fsync'd commit, and only then are the waiters answered. An accepted async invocation is
//! answered 202 only after its batch is durable; the engine's later state changes are sent
//! in order without waiting (a crash may forget the last ones, and the event then runs again:
//! at least once, as in FC).

use std::path::Path;
use std::sync::Mutex;
use std::thread::JoinHandle;

use bytes::Bytes;
use fc3_models::{AsyncConfig, AsyncTask};
use redb::{Database, ReadableTable, TableDefinition};
use serde::{Deserialize, Serialize};
use tokio::sync::{mpsc, oneshot};

/// Event metadata, by sequence number (JSON of [`EventRecord`]).
const EVENTS: TableDefinition<u64, &[u8]> = TableDefinition::new("events");
/// Event payloads, by sequence number (raw bytes, written once).
const PAYLOADS: TableDefinition<u64, &[u8]> = TableDefinition::new("payloads");
/// Async invoke configurations, by `function\nqualifier` (JSON of [`StoredConfig`]).
const CONFIGS: TableDefinition<&str, &[u8]> = TableDefinition::new("configs");
/// The file inside the data dir.
pub(crate) const DB_FILE: &str = "fc3-local.redb";
/// The most messages one transaction takes.
const MAX_BATCH: usize = 8_192;

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
    pub(crate) task: AsyncTask,
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

/// One write.
#[derive(Debug)]
pub(crate) enum Op {
    PutEvent(Box<EventRecord>),
    PutPayload(u64, Bytes),
    /// Removes the event and its payload.
    DeleteEvent(u64),
    PutConfig(Box<StoredConfig>),
    DeleteConfig(String),
}

/// What a durable store held at start.
#[derive(Debug, Default)]
pub(crate) struct Snapshot {
    pub(crate) events: Vec<(EventRecord, Bytes)>,
    pub(crate) configs: Vec<StoredConfig>,
}

/// Why the store failed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum StoreError {
    /// The database could not be opened, read or written.
    #[error("data store: {0}")]
    Db(String),
    /// A stored record could not be decoded.
    #[error("data store: corrupt record: {0}")]
    Corrupt(String),
    /// The store is closed.
    #[error("data store is closed")]
    Closed,
}

fn db_err(e: impl std::fmt::Display) -> StoreError {
    StoreError::Db(e.to_string())
}

enum Msg {
    Batch {
        ops: Vec<Op>,
        done: Option<oneshot::Sender<Result<(), String>>>,
    },
    Close(oneshot::Sender<()>),
}

/// A pending write: resolves once durable.
pub(crate) enum Pending {
    Done(Result<(), StoreError>),
    Waiting(oneshot::Receiver<Result<(), String>>),
}

impl Pending {
    pub(crate) async fn wait(self) -> Result<(), StoreError> {
        match self {
            Pending::Done(result) => result,
            Pending::Waiting(rx) => match rx.await {
                Ok(Ok(())) => Ok(()),
                Ok(Err(e)) => Err(StoreError::Db(e)),
                Err(_) => Err(StoreError::Closed),
            },
        }
    }
}

/// The store: nothing (in memory) or a redb file written by a group-commit thread.
pub(crate) struct Store {
    tx: Option<mpsc::UnboundedSender<Msg>>,
    thread: Mutex<Option<JoinHandle<()>>>,
}

impl Store {
    /// No durability: writes are dropped.
    pub(crate) fn memory() -> Self {
        Self {
            tx: None,
            thread: Mutex::new(None),
        }
    }

    /// Opens (or creates) the database in `dir` and reads everything it holds.
    pub(crate) fn open(dir: &Path) -> Result<(Self, Snapshot), StoreError> {
        std::fs::create_dir_all(dir)
            .map_err(|e| StoreError::Db(format!("cannot create {}: {e}", dir.display())))?;
        let path = dir.join(DB_FILE);
        let db = Database::create(&path)
            .map_err(|e| StoreError::Db(format!("cannot open {}: {e}", path.display())))?;
        {
            let txn = db.begin_write().map_err(db_err)?;
            txn.open_table(EVENTS).map_err(db_err)?;
            txn.open_table(PAYLOADS).map_err(db_err)?;
            txn.open_table(CONFIGS).map_err(db_err)?;
            txn.commit().map_err(db_err)?;
        }
        let snapshot = read_all(&db)?;
        let (tx, rx) = mpsc::unbounded_channel();
        let thread = std::thread::Builder::new()
            .name("fc3-local-store".into())
            .spawn(move || writer(db, rx))
            .map_err(db_err)?;
        Ok((
            Self {
                tx: Some(tx),
                thread: Mutex::new(Some(thread)),
            },
            snapshot,
        ))
    }

    /// Whether writes go anywhere.
    pub(crate) fn is_durable(&self) -> bool {
        self.tx.is_some()
    }

    /// Queues writes in order; with `wait`, the result resolves once they are durable.
    pub(crate) fn submit(&self, ops: Vec<Op>, wait: bool) -> Pending {
        let Some(tx) = &self.tx else {
            return Pending::Done(Ok(()));
        };
        if ops.is_empty() && !wait {
            return Pending::Done(Ok(()));
        }
        let (done, rx) = if wait {
            let (done, rx) = oneshot::channel();
            (Some(done), Some(rx))
        } else {
            (None, None)
        };
        if tx.send(Msg::Batch { ops, done }).is_err() {
            return Pending::Done(Err(StoreError::Closed));
        }
        match rx {
            Some(rx) => Pending::Waiting(rx),
            None => Pending::Done(Ok(())),
        }
    }

    /// Writes everything queued so far, then closes the database.
    pub(crate) async fn close(&self) {
        if let Some(tx) = &self.tx {
            let (done, rx) = oneshot::channel();
            if tx.send(Msg::Close(done)).is_ok() {
                let _ = rx.await;
            }
        }
        let thread = self
            .thread
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .take();
        if let Some(thread) = thread {
            let _ = tokio::task::spawn_blocking(move || thread.join()).await;
        }
    }
}

fn read_all(db: &Database) -> Result<Snapshot, StoreError> {
    let txn = db.begin_read().map_err(db_err)?;
    let events = txn.open_table(EVENTS).map_err(db_err)?;
    let payloads = txn.open_table(PAYLOADS).map_err(db_err)?;
    let configs = txn.open_table(CONFIGS).map_err(db_err)?;
    let mut snapshot = Snapshot::default();
    for item in events.iter().map_err(db_err)? {
        let (key, value) = item.map_err(db_err)?;
        let record: EventRecord = serde_json::from_slice(value.value())
            .map_err(|e| StoreError::Corrupt(format!("event {}: {e}", key.value())))?;
        let payload = payloads
            .get(key.value())
            .map_err(db_err)?
            .map(|v| Bytes::copy_from_slice(v.value()))
            .unwrap_or_default();
        snapshot.events.push((record, payload));
    }
    for item in configs.iter().map_err(db_err)? {
        let (key, value) = item.map_err(db_err)?;
        let config: StoredConfig = serde_json::from_slice(value.value())
            .map_err(|e| StoreError::Corrupt(format!("config {:?}: {e}", key.value())))?;
        snapshot.configs.push(config);
    }
    Ok(snapshot)
}

/// The writer thread: one transaction per batch of waiting messages.
fn writer(db: Database, mut rx: mpsc::UnboundedReceiver<Msg>) {
    let mut closing = None;
    while closing.is_none() {
        let Some(first) = rx.blocking_recv() else {
            break;
        };
        let mut batch = Vec::new();
        match first {
            Msg::Batch { ops, done } => batch.push((ops, done)),
            Msg::Close(done) => closing = Some(done),
        }
        while closing.is_none() && batch.len() < MAX_BATCH {
            match rx.try_recv() {
                Ok(Msg::Batch { ops, done }) => batch.push((ops, done)),
                Ok(Msg::Close(done)) => closing = Some(done),
                Err(_) => break,
            }
        }
        if batch.is_empty() {
            continue;
        }
        let t0 = std::time::Instant::now();
        let result = apply(&db, &batch).map_err(|e| e.to_string());
        tracing::trace!(
            messages = batch.len(),
            ops = batch.iter().map(|(ops, _)| ops.len()).sum::<usize>(),
            elapsed_us = t0.elapsed().as_micros() as u64,
            "store commit"
        );
        if let Err(e) = &result {
            tracing::error!(error = %e, "a write to the data store failed");
        }
        for (_, done) in batch {
            if let Some(done) = done {
                let _ = done.send(result.clone());
            }
        }
    }
    drop(db);
    if let Some(done) = closing {
        let _ = done.send(());
    }
}

type Waiter = Option<oneshot::Sender<Result<(), String>>>;

fn apply(db: &Database, batch: &[(Vec<Op>, Waiter)]) -> Result<(), StoreError> {
    let txn = db.begin_write().map_err(db_err)?;
    {
        let mut events = txn.open_table(EVENTS).map_err(db_err)?;
        let mut payloads = txn.open_table(PAYLOADS).map_err(db_err)?;
        let mut configs = txn.open_table(CONFIGS).map_err(db_err)?;
        let mut buf = Vec::with_capacity(1024);
        for (ops, _) in batch {
            for op in ops {
                match op {
                    Op::PutEvent(record) => {
                        buf.clear();
                        serde_json::to_writer(&mut buf, record).map_err(db_err)?;
                        events.insert(record.seq, buf.as_slice()).map_err(db_err)?;
                    }
                    Op::PutPayload(seq, bytes) => {
                        payloads.insert(*seq, bytes.as_ref()).map_err(db_err)?;
                    }
                    Op::DeleteEvent(seq) => {
                        events.remove(*seq).map_err(db_err)?;
                        payloads.remove(*seq).map_err(db_err)?;
                    }
                    Op::PutConfig(config) => {
                        buf.clear();
                        serde_json::to_writer(&mut buf, config).map_err(db_err)?;
                        let key = StoredConfig::key(&config.function, &config.qualifier);
                        configs
                            .insert(key.as_str(), buf.as_slice())
                            .map_err(db_err)?;
                    }
                    Op::DeleteConfig(key) => {
                        configs.remove(key.as_str()).map_err(db_err)?;
                    }
                }
            }
        }
    }
    txn.commit().map_err(db_err)
}
