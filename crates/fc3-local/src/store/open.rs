//! Opening the database file without trusting it. A file that is empty, not a redb
//! database, truncated or garbled is refused with [`StoreError::Damaged`], which names the
//! file, says what is wrong and what to do; the file is read before anything is written to it,
//! it is never removed or emptied, and no panic escapes.

use std::fs::OpenOptions;
use std::io::ErrorKind;
use std::path::{Path, PathBuf};

use redb::backends::FileBackend;
use redb::{Database, DatabaseError, StorageError};

use super::StoreError;
use super::backend::Backend;
use super::guard::contained;
use super::records::{self, Snapshot};

/// Where the store's file is and how to open it.
#[derive(Clone, Debug)]
pub(super) struct Location {
    pub(super) path: PathBuf,
    /// In unit tests: a disk that can be made full.
    #[cfg(test)]
    pub(super) disk_full: Option<std::sync::Arc<super::backend::DiskFull>>,
}

impl Location {
    fn damaged(&self, problem: impl Into<String>) -> StoreError {
        StoreError::Damaged {
            path: self.path.clone(),
            problem: problem.into(),
        }
    }

    /// What a redb error says about the file.
    fn classify(&self, error: DatabaseError) -> StoreError {
        match error {
            DatabaseError::DatabaseAlreadyOpen => StoreError::InUse {
                path: self.path.clone(),
            },
            DatabaseError::UpgradeRequired(version) => self.damaged(format!(
                "it is in redb's file format {version}, which this fc3-local does not read"
            )),
            DatabaseError::Storage(StorageError::Corrupted(what)) => {
                self.damaged(format!("redb found it corrupted ({what})"))
            }
            DatabaseError::Storage(StorageError::Io(e))
                if matches!(e.kind(), ErrorKind::InvalidData | ErrorKind::UnexpectedEof) =>
            {
                self.damaged(format!(
                    "redb cannot read it ({e}): it is not a redb database or it is cut short"
                ))
            }
            other => StoreError::Open {
                path: self.path.clone(),
                reason: other.to_string(),
            },
        }
    }

    /// Opens (or creates) the database; nothing is written to it here. `existing` says that
    /// the file must already be a database (a reopen): an empty file is then damage, too.
    pub(super) fn open(&self, existing: bool) -> Result<Database, StoreError> {
        match std::fs::metadata(&self.path) {
            Ok(meta) if meta.len() == 0 => {
                return Err(self.damaged(
                    "it is empty (0 bytes), so it holds no data store; fc3-local never leaves \
                     its store empty once created",
                ));
            }
            Ok(_) => {}
            Err(e) if e.kind() == ErrorKind::NotFound && !existing => {}
            Err(e) => {
                return Err(StoreError::Open {
                    path: self.path.clone(),
                    reason: e.to_string(),
                });
            }
        }
        let file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(!existing)
            .truncate(false)
            .open(&self.path)
            .map_err(|e| StoreError::Open {
                path: self.path.clone(),
                reason: e.to_string(),
            })?;
        let file = FileBackend::new(file).map_err(|e| self.classify(e))?;
        #[allow(unused_mut)]
        let mut backend = Backend::new(file);
        #[cfg(test)]
        {
            backend.disk_full = self.disk_full.clone();
        }
        contained(|| redb::Builder::new().create_with_backend(backend))
            .map_err(|panic| self.inconsistent("opening", &panic))?
            .map_err(|e| self.classify(e))
    }

    /// Damage redb met as a failed internal check (a panic, contained): described for people,
    /// the check itself in the debug log.
    fn inconsistent(&self, doing: &str, check: &str) -> StoreError {
        tracing::debug!(path = %self.path.display(), check, "redb's check failed while {doing} the data store");
        self.damaged(format!(
            "its content is inconsistent, redb gave up {doing} it (the file may be cut short or \
             partly overwritten)"
        ))
    }

    /// Writes to it (creating the tables a new file lacks), which proves that it can be
    /// written: a write finds damage in redb's own bookkeeping that reading does not. With
    /// `room`, it also writes (and then removes) that many bytes: after a failed write, the
    /// store takes changes again only once there is room for more than the smallest.
    pub(super) fn probe(&self, db: &Database, room: usize) -> Result<(), StoreError> {
        contained(|| -> Result<(), String> {
            let txn = db.begin_write().map_err(|e| e.to_string())?;
            records::create_tables(&txn)?;
            if room > 0 {
                records::put_scratch(&txn, &vec![0u8; room])?;
            }
            txn.commit().map_err(|e| e.to_string())?;
            if room > 0 {
                let txn = db.begin_write().map_err(|e| e.to_string())?;
                records::clear_scratch(&txn)?;
                txn.commit().map_err(|e| e.to_string())?;
            }
            Ok(())
        })
        .map_err(|panic| self.inconsistent("writing to", &panic))?
        .map_err(|reason| StoreError::Write { reason })
    }

    /// Reads everything the database holds.
    pub(super) fn read(&self, db: &Database) -> Result<Snapshot, StoreError> {
        contained(|| -> Result<Snapshot, String> {
            let txn = db.begin_read().map_err(|e| e.to_string())?;
            records::read_all(&txn)
        })
        .map_err(|panic| self.inconsistent("reading", &panic))?
        .map_err(|problem| self.damaged(problem))
    }
}

/// The file inside a data dir.
pub(super) fn file_in(dir: &Path) -> PathBuf {
    dir.join(super::DB_FILE)
}
