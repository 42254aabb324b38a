//! Durability: what the engine writes, and where.
//!
//! Everything the API reads is served from memory; the store only makes it survive a
//! restart or a crash. With a data dir it is a [redb] database written by one thread with
//! group commit (`writer`): every message waiting in the channel goes into one write
//! transaction, one fsync'd commit, and only then are the waiters answered.
//!
//! Every write gets an id, in the order it was submitted. The engine hears through
//! [`CommitSink`] which ids are durable and which failed, and undoes what failed; while the
//! database is being reopened after a failed write, [`Store::submit`] refuses writes
//! ([`StoreError::Unavailable`]) and [`Store::health`] says why.
//!
//! | module | job |
//! |---|---|
//! | `records` | the tables, the records, the writes, reading it all back |
//! | `open` | opening a file without trusting it (damage is refused with a remedy) |
//! | `writer` | the group-commit thread, failed writes and reopening |
//! | `backend` | the file under redb (and, in unit tests, a disk that fills up) |
//! | `guard` | redb's panics on damaged files as errors |

mod backend;
mod guard;
mod open;
mod records;
mod writer;

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError, Weak};
use std::thread::JoinHandle;

use redb::Database;
use tokio::sync::{mpsc, oneshot};

#[cfg(test)]
pub(crate) use backend::DiskFull;
pub(crate) use records::{
    Delivered, DeliverySource, EventRecord, NonceKey, Op, Snapshot, StoredConfig,
};

use open::Location;
use writer::Msg;

/// The file inside the data dir.
pub(crate) const DB_FILE: &str = "fc3-local.redb";
/// How long a deferred write waits at most for a write to go with.
pub(crate) const DEFER_AT_MOST: std::time::Duration = std::time::Duration::from_millis(100);

/// Why the store failed.
#[derive(Clone, Debug, thiserror::Error)]
#[non_exhaustive]
pub enum StoreError {
    /// The data dir could not be created.
    #[error("cannot create the data dir {}: {reason}", path.display())]
    CreateDir {
        /// The directory.
        path: PathBuf,
        /// What the operating system said.
        reason: String,
    },
    /// The database file is damaged; fc3-local does not start on it (nor remove it).
    #[error(
        "the data store {} is damaged: {problem}. fc3-local does not start on it: move it \
         aside (mv {0} {0}.damaged) to start with an empty store, or put back a copy you trust",
        path.display()
    )]
    Damaged {
        /// The file.
        path: PathBuf,
        /// What is wrong with it.
        problem: String,
    },
    /// Another process has the database open.
    #[error(
        "the data store {} is in use by another process (another fc3-local with the same \
         --data-dir?); stop it or choose another data dir",
        path.display()
    )]
    InUse {
        /// The file.
        path: PathBuf,
    },
    /// The database could not be opened.
    #[error("cannot open the data store {}: {reason}", path.display())]
    Open {
        /// The file.
        path: PathBuf,
        /// What went wrong.
        reason: String,
    },
    /// A write failed; nothing of it was kept.
    #[error("the data store could not write the change ({reason}); nothing of it was kept")]
    Write {
        /// What went wrong.
        reason: String,
    },
    /// Writes are refused until the database is reopened after a failed write.
    #[error(
        "the data store is not accepting changes since a write failed ({reason}); it reopens \
         the database and accepts changes again once it can write (GET /health shows when)"
    )]
    Unavailable {
        /// Why the last write failed.
        reason: String,
    },
    /// The store is closed.
    #[error("the data store is closed")]
    Closed,
}

/// Who hears what became durable: the engine, which undoes what failed.
pub(crate) trait CommitSink: Send + Sync {
    /// Every write with an id up to `last` is durable.
    fn committed(&self, last: u64);
    /// Every write with an id from `first` on failed and will never be durable. The store
    /// already refuses new writes; this runs before any waiter hears of the failure.
    fn failed(&self, first: u64);
    /// The database was reopened: writes are accepted again.
    fn recovered(&self);
}

/// Whether the store writes, for `/health` and refused answers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Health {
    /// Whether there is a data dir.
    pub(crate) durable: bool,
    /// Why writes are refused now, if they are.
    pub(crate) refusing: Option<String>,
}

/// A pending write: resolves once durable.
pub(crate) enum Pending {
    Done(Result<(), StoreError>),
    Waiting(oneshot::Receiver<Result<(), StoreError>>),
}

impl Pending {
    pub(crate) async fn wait(self) -> Result<(), StoreError> {
        match self {
            Pending::Done(result) => result,
            Pending::Waiting(rx) => rx.await.unwrap_or(Err(StoreError::Closed)),
        }
    }
}

/// A submitted write: its id (none without a data dir) and its result.
pub(crate) struct Ticket {
    pub(crate) id: Option<u64>,
    pub(crate) pending: Pending,
}

/// Where writes enter, one at a time: ids are given in channel order, and a refusal is
/// decided in the same step.
struct Gate {
    next_id: u64,
    tx: mpsc::UnboundedSender<Msg>,
    refusing: Option<String>,
}

struct Durable {
    gate: Mutex<Gate>,
    /// Writes that may wait (see [`Store::defer`]), sent ahead of the next submitted write.
    deferred: Mutex<Vec<Op>>,
    /// Whether a flush of the deferred writes is on its way.
    flush_scheduled: AtomicBool,
    location: Location,
    /// The database and the channel's end, until the writer takes them.
    parked: Mutex<Option<(Database, mpsc::UnboundedReceiver<Msg>)>>,
    thread: Mutex<Option<JoinHandle<()>>>,
}

fn locked<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

impl Durable {
    /// Refuses writes from now on, with this reason.
    fn refuse(&self, reason: &str) {
        locked(&self.gate).refusing = Some(reason.to_owned());
    }

    /// Accepts writes again.
    fn accept(&self) {
        locked(&self.gate).refusing = None;
    }
}

/// The store: nothing (in memory) or a redb file written by a group-commit thread. Clones
/// share it.
#[derive(Clone)]
pub(crate) struct Store {
    durable: Option<Arc<Durable>>,
}

impl Store {
    /// No durability: writes are dropped.
    pub(crate) fn memory() -> Self {
        Self { durable: None }
    }

    /// Opens (or creates) the database in `dir` and reads everything it holds. Writes are
    /// queued until [`start`](Self::start).
    pub(crate) fn open(dir: &Path) -> Result<(Self, Snapshot), StoreError> {
        Self::open_at(Location {
            path: open::file_in(dir),
            #[cfg(test)]
            disk_full: None,
        })
    }

    /// [`open`](Self::open) on a disk that fills up when told to.
    #[cfg(test)]
    pub(crate) fn open_on(dir: &Path, disk: Arc<DiskFull>) -> Result<(Self, Snapshot), StoreError> {
        Self::open_at(Location {
            path: open::file_in(dir),
            disk_full: Some(disk),
        })
    }

    fn open_at(location: Location) -> Result<(Self, Snapshot), StoreError> {
        if let Some(dir) = location.path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| StoreError::CreateDir {
                path: dir.to_owned(),
                reason: e.to_string(),
            })?;
        }
        let db = location.open(false)?;
        let snapshot = location.read(&db)?;
        location.probe(&db, 0)?;
        let (tx, rx) = mpsc::unbounded_channel();
        let durable = Durable {
            gate: Mutex::new(Gate {
                next_id: 1,
                tx,
                refusing: None,
            }),
            location,
            deferred: Mutex::new(Vec::new()),
            flush_scheduled: AtomicBool::new(false),
            parked: Mutex::new(Some((db, rx))),
            thread: Mutex::new(None),
        };
        Ok((
            Self {
                durable: Some(Arc::new(durable)),
            },
            snapshot,
        ))
    }

    /// Starts writing; `sink` hears what became durable or failed.
    pub(crate) fn start(&self, sink: Weak<dyn CommitSink>) -> Result<(), StoreError> {
        let Some(durable) = &self.durable else {
            return Ok(());
        };
        let Some((db, rx)) = locked(&durable.parked).take() else {
            return Ok(());
        };
        let store = Arc::clone(durable);
        let thread = std::thread::Builder::new()
            .name("fc3-local-store".into())
            .spawn(move || writer::run(db, rx, store, sink))
            .map_err(|e| StoreError::Open {
                path: durable.location.path.clone(),
                reason: format!("cannot start the writer thread: {e}"),
            })?;
        *locked(&durable.thread) = Some(thread);
        Ok(())
    }

    /// Whether writes go anywhere.
    pub(crate) fn is_durable(&self) -> bool {
        self.durable.is_some()
    }

    /// Whether and why writes are refused.
    pub(crate) fn health(&self) -> Health {
        Health {
            durable: self.is_durable(),
            refusing: self
                .durable
                .as_ref()
                .and_then(|d| locked(&d.gate).refusing.clone()),
        }
    }

    /// Whether writes are refused now (the database is being reopened after a failed write).
    pub(crate) fn is_refusing(&self) -> bool {
        self.durable
            .as_ref()
            .is_some_and(|d| locked(&d.gate).refusing.is_some())
    }

    /// Writes that may wait: they go ahead of the next write submitted, in its message, or
    /// at the latest [`DEFER_AT_MOST`] later. (The replay window's nonces: a change is never
    /// durable before the nonce of its request, and many nonces share a commit.)
    /// While writes are refused they are dropped: what they record stays in memory.
    pub(crate) fn defer(&self, ops: Vec<Op>) {
        let Some(durable) = &self.durable else { return };
        if self.is_refusing() {
            return;
        }
        locked(&durable.deferred).extend(ops);
        if durable.flush_scheduled.swap(true, Ordering::AcqRel) {
            return; // A flush is on its way (or the next write takes them first).
        }
        match tokio::runtime::Handle::try_current() {
            Ok(runtime) => {
                let store = self.clone();
                runtime.spawn(async move {
                    tokio::time::sleep(DEFER_AT_MOST).await;
                    if let Some(durable) = &store.durable {
                        durable.flush_scheduled.store(false, Ordering::Release);
                    }
                    store.flush();
                });
            }
            Err(_) => {
                durable.flush_scheduled.store(false, Ordering::Release);
                self.flush();
            }
        }
    }

    /// Sends the deferred writes now (without waiting for them).
    pub(crate) fn flush(&self) {
        let _ = self.submit(Vec::new(), false);
    }

    /// Queues writes in order, after any deferred ones; with `wait`, the ticket resolves once
    /// they are durable. Refused while the database is being reopened after a failed write.
    pub(crate) fn submit(&self, ops: Vec<Op>, wait: bool) -> Result<Ticket, StoreError> {
        let Some(durable) = &self.durable else {
            return Ok(Ticket {
                id: None,
                pending: Pending::Done(Ok(())),
            });
        };
        let mut gate = locked(&durable.gate);
        if let Some(reason) = &gate.refusing {
            return Err(StoreError::Unavailable {
                reason: reason.clone(),
            });
        }
        let ops = {
            let mut deferred = locked(&durable.deferred);
            if deferred.is_empty() {
                ops
            } else {
                let mut all = std::mem::take(&mut *deferred);
                all.extend(ops);
                all
            }
        };
        if ops.is_empty() && !wait {
            return Ok(Ticket {
                id: None,
                pending: Pending::Done(Ok(())),
            });
        }
        let (done, pending) = if wait {
            let (done, rx) = oneshot::channel();
            (Some(done), Pending::Waiting(rx))
        } else {
            (None, Pending::Done(Ok(())))
        };
        let id = gate.next_id;
        if gate.tx.send(Msg::Batch { id, ops, done }).is_err() {
            return Err(StoreError::Closed);
        }
        gate.next_id += 1;
        Ok(Ticket {
            id: Some(id),
            pending,
        })
    }

    /// Writes everything queued (and deferred) so far, then closes the database.
    pub(crate) async fn close(&self) {
        let Some(durable) = &self.durable else {
            return;
        };
        self.flush();
        let (done, rx) = oneshot::channel();
        let sent = locked(&durable.gate).tx.send(Msg::Close(done)).is_ok();
        if sent && locked(&durable.thread).is_some() {
            let _ = rx.await;
        }
        let thread = locked(&durable.thread).take();
        if let Some(thread) = thread {
            let _ = tokio::task::spawn_blocking(move || thread.join()).await;
        }
    }
}
