//! The writer thread: group commit, and what happens when a commit fails.
//!
//! Every message waiting in the channel goes into one write transaction and one fsync'd
//! commit; then the sink hears that everything up to the batch's last id is durable, and only
//! then are the waiters answered. When a commit fails (a full disk), redb's database refuses
//! every later write ("Previous I/O error"), so the writer: refuses new writes at the gate,
//! tells the sink that every write from the batch's first id on failed (the engine undoes
//! them), answers every waiter with the error, closes the database and reopens it, retrying
//! until it can, and then accepts writes again. No restart is needed once space is back.

use std::sync::{Arc, Weak};
use std::time::Duration;

use redb::Database;
use tokio::sync::mpsc::UnboundedReceiver;
use tokio::sync::oneshot;

use super::guard::contained;
use super::records::{self, Op};
use super::{CommitSink, Durable, StoreError};

/// The most messages one transaction takes.
const MAX_BATCH: usize = 8_192;
/// The first wait before reopening the database after a failed write; it doubles up to
/// [`MAX_REOPEN_WAIT`].
const FIRST_REOPEN_WAIT: Duration = Duration::from_millis(50);
const MAX_REOPEN_WAIT: Duration = Duration::from_secs(2);
/// How much room a reopened database must show before it takes changes again.
const ROOM_TO_RECOVER: usize = 1024 * 1024;

/// A waiter: told once its writes are durable or failed.
pub(super) type Waiter = oneshot::Sender<Result<(), StoreError>>;

/// What goes through the channel.
pub(super) enum Msg {
    Batch {
        id: u64,
        ops: Vec<Op>,
        done: Option<Waiter>,
    },
    Close(oneshot::Sender<()>),
}

struct Batch {
    first: u64,
    last: u64,
    items: Vec<(Vec<Op>, Option<Waiter>)>,
}

/// Runs the writer until the store is closed.
pub(super) fn run(
    mut db: Database,
    mut rx: UnboundedReceiver<Msg>,
    store: Arc<Durable>,
    sink: Weak<dyn CommitSink>,
) {
    let mut closing = None;
    while closing.is_none() {
        let Some(first) = rx.blocking_recv() else {
            break;
        };
        let mut batch = Batch {
            first: u64::MAX,
            last: 0,
            items: Vec::new(),
        };
        let add = |batch: &mut Batch, msg: Msg| match msg {
            Msg::Batch { id, ops, done } => {
                batch.first = batch.first.min(id);
                batch.last = batch.last.max(id);
                batch.items.push((ops, done));
                None
            }
            Msg::Close(done) => Some(done),
        };
        closing = add(&mut batch, first);
        while closing.is_none() && batch.items.len() < MAX_BATCH {
            match rx.try_recv() {
                Ok(msg) => closing = add(&mut batch, msg),
                Err(_) => break,
            }
        }
        if batch.items.is_empty() {
            continue;
        }
        match commit(&db, &batch) {
            Ok(()) => {
                if let Some(sink) = sink.upgrade() {
                    sink.committed(batch.last);
                }
                for (_, done) in batch.items {
                    if let Some(done) = done {
                        let _ = done.send(Ok(()));
                    }
                }
            }
            Err(reason) => {
                tracing::error!(error = %reason, "a write to the data store failed; its changes are undone and writes are refused until the database is reopened");
                store.refuse(&reason);
                if let Some(sink) = sink.upgrade() {
                    sink.failed(batch.first);
                }
                let failed = StoreError::Write {
                    reason: reason.clone(),
                };
                for (_, done) in batch.items {
                    if let Some(done) = done {
                        let _ = done.send(Err(failed.clone()));
                    }
                }
                drop(db);
                match reopen(&store, &mut rx, &reason) {
                    Reopened::Database(reopened) => {
                        db = reopened;
                        store.accept();
                        tracing::info!("the data store writes again");
                        if let Some(sink) = sink.upgrade() {
                            sink.recovered();
                        }
                    }
                    Reopened::Closing(done) => {
                        let _ = done.send(());
                        return;
                    }
                }
            }
        }
    }
    drop(db);
    if let Some(done) = closing {
        let _ = done.send(());
    }
}

/// One transaction for the whole batch; a panic inside redb counts as a failed write.
fn commit(db: &Database, batch: &Batch) -> Result<(), String> {
    let started = std::time::Instant::now();
    let result = contained(|| -> Result<(), String> {
        let txn = db.begin_write().map_err(|e| e.to_string())?;
        records::apply(&txn, batch.items.iter().map(|(ops, _)| ops.as_slice()))?;
        txn.commit().map_err(|e| e.to_string())
    })
    .unwrap_or_else(|panic| Err(format!("redb stopped: {panic}")));
    tracing::trace!(
        messages = batch.items.len(),
        ops = batch.items.iter().map(|(ops, _)| ops.len()).sum::<usize>(),
        elapsed_us = started.elapsed().as_micros() as u64,
        "store commit"
    );
    result
}

enum Reopened {
    Database(Database),
    Closing(oneshot::Sender<()>),
}

/// Answers what is queued (all of it was refused or undone), then reopens the database and
/// writes a megabyte to it (and removes it), waiting longer after each attempt that fails,
/// until that works or the store is closed.
fn reopen(store: &Durable, rx: &mut UnboundedReceiver<Msg>, reason: &str) -> Reopened {
    let mut wait = FIRST_REOPEN_WAIT;
    loop {
        while let Ok(msg) = rx.try_recv() {
            match msg {
                Msg::Batch { done, .. } => {
                    if let Some(done) = done {
                        let _ = done.send(Err(StoreError::Unavailable {
                            reason: reason.to_owned(),
                        }));
                    }
                }
                Msg::Close(done) => return Reopened::Closing(done),
            }
        }
        std::thread::sleep(wait);
        match store
            .location
            .open(true)
            .and_then(|db| store.location.probe(&db, ROOM_TO_RECOVER).map(|()| db))
        {
            Ok(db) => return Reopened::Database(db),
            Err(e) => {
                tracing::warn!(error = %e, retry_in_ms = wait.as_millis() as u64, "the data store cannot be reopened yet");
                store.refuse(&e.to_string());
            }
        }
        wait = (wait * 2).min(MAX_REOPEN_WAIT);
    }
}
