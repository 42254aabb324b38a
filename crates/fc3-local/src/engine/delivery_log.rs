//! A JSON-lines log per destination under `{data dir}/destinations/`, for a person to read
//! (`tail -f`): each record delivered to a destination fc3-local does not run is appended as
//! one line, the JSON `GET /_fc3/destinations/{arn}` serves. Written by a thread of its own,
//! after the delivery is durable, so no file is touched under the engine's lock.
//!
//! Bounded: a log past `destinations.log_bytes` is rotated to `….1.jsonl` (replacing the
//! previous one); at most [`MAX_LOGS`] destinations get a log; the writer's queue holds at
//! most [`QUEUED_LINES`] lines, and a line that does not fit is left out of the log (with a
//! warning), never the store. A log that cannot be written is a warning: the store and the
//! API have the record.

use std::collections::HashSet;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, SyncSender, TrySendError, sync_channel};
use std::sync::{Arc, Mutex, PoisonError};
use std::thread::JoinHandle;

use sha2::{Digest, Sha256};

use crate::store::Delivered;

/// The directory inside the data dir.
pub(crate) const LOG_DIR: &str = "destinations";
/// The most destinations that get a log.
pub(crate) const MAX_LOGS: usize = 256;
/// The most lines waiting for the writer.
pub(crate) const QUEUED_LINES: usize = 4_096;

/// The logs of a data dir; nothing without one.
pub(crate) struct DeliveryLog {
    queue: Mutex<Option<SyncSender<Arc<Delivered>>>>,
    thread: Mutex<Option<JoinHandle<()>>>,
}

impl DeliveryLog {
    /// No logs (no data dir).
    pub(crate) fn none() -> Self {
        Self {
            queue: Mutex::new(None),
            thread: Mutex::new(None),
        }
    }

    /// Logs under `data_dir/destinations/`, each rotated past `max_bytes`.
    pub(crate) fn open(data_dir: &Path, max_bytes: u64) -> Self {
        let dir = data_dir.join(LOG_DIR);
        let (tx, rx) = sync_channel(QUEUED_LINES);
        let thread = std::thread::Builder::new()
            .name("fc3-local-destination-logs".into())
            .spawn(move || write_all(&dir, max_bytes, &rx));
        match thread {
            Ok(thread) => Self {
                queue: Mutex::new(Some(tx)),
                thread: Mutex::new(Some(thread)),
            },
            Err(e) => {
                tracing::warn!(error = %e, "cannot start the destination logs' writer; records stay readable at /_fc3/destinations");
                Self::none()
            }
        }
    }

    /// Appends a record to its destination's log (without waiting).
    pub(crate) fn append(&self, delivered: &Arc<Delivered>) {
        let queue = self.queue.lock().unwrap_or_else(PoisonError::into_inner);
        let Some(tx) = queue.as_ref() else { return };
        match tx.try_send(Arc::clone(delivered)) {
            Ok(()) | Err(TrySendError::Disconnected(_)) => {}
            Err(TrySendError::Full(_)) => tracing::warn!(
                destination = %delivered.destination,
                sequence = delivered.sequence,
                "the destination logs' writer is behind; this record is left out of the log (it is stored, and readable at /_fc3/destinations)"
            ),
        }
    }

    /// Writes what is queued and stops the writer.
    pub(crate) async fn close(&self) {
        self.queue
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .take();
        let thread = self
            .thread
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .take();
        if let Some(thread) = thread {
            let _ = tokio::task::spawn_blocking(move || thread.join()).await;
        }
    }
}

/// The file of a destination's log: its ARN with every character but letters, digits, `.`,
/// `_` and `-` as `_` (shortened), and a hash of the whole ARN, so two never share a file.
pub(crate) fn file_name(destination: &str) -> String {
    let readable: String = destination
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-') {
                c
            } else {
                '_'
            }
        })
        .take(100)
        .collect();
    let digest = Sha256::digest(destination.as_bytes());
    format!("{readable}-{}.jsonl", hex8(&digest))
}

fn hex8(digest: &[u8]) -> String {
    digest.iter().take(4).map(|b| format!("{b:02x}")).collect()
}

fn write_all(dir: &Path, max_bytes: u64, rx: &Receiver<Arc<Delivered>>) {
    let mut logs: HashSet<String> = HashSet::new();
    let mut warned_full = false;
    let mut warned_error = false;
    while let Ok(delivered) = rx.recv() {
        let name = file_name(&delivered.destination);
        if !logs.contains(&name) {
            if logs.len() >= MAX_LOGS {
                if !warned_full {
                    warned_full = true;
                    tracing::warn!(
                        max_logs = MAX_LOGS,
                        "more destinations than logs: new destinations get no log (their records are stored, and readable at /_fc3/destinations)"
                    );
                }
                continue;
            }
            logs.insert(name.clone());
        }
        if let Err(e) = append_line(dir, &name, &delivered, max_bytes) {
            if !warned_error {
                warned_error = true;
                tracing::warn!(error = %e, dir = %dir.display(), "cannot write a destination log (the record is stored, and readable at /_fc3/destinations)");
            }
        } else {
            warned_error = false;
        }
    }
}

/// Appends one line, rotating the log first when the line would take it past `max_bytes`.
fn append_line(
    dir: &Path,
    name: &str,
    delivered: &Delivered,
    max_bytes: u64,
) -> std::io::Result<()> {
    let mut line = serde_json::to_vec(delivered)?;
    line.push(b'\n');
    std::fs::create_dir_all(dir)?;
    let path = dir.join(name);
    let len = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
    if len > 0 && len + line.len() as u64 > max_bytes {
        std::fs::rename(&path, rotated(&path))?;
    }
    let mut file = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(&path)?;
    file.write_all(&line)
}

/// `x.jsonl` → `x.1.jsonl`.
fn rotated(path: &Path) -> PathBuf {
    path.with_extension("1.jsonl")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::DeliverySource;

    fn delivered(sequence: u64, destination: &str) -> Arc<Delivered> {
        Arc::new(Delivered {
            sequence,
            destination: destination.into(),
            kind: "mns-queue".into(),
            delivered_at: 1,
            source: DeliverySource {
                function_name: "f".into(),
                qualifier: "LATEST".into(),
                request_id: "r".into(),
                async_task_id: None,
            },
            record: serde_json::value::RawValue::from_string("{\"x\":1}".into()).unwrap(),
        })
    }

    #[test]
    fn file_names_are_safe_and_distinct() {
        let a = file_name("acs:mns:cn-hangzhou:1:/queues/q/messages");
        let b = file_name("acs:mns:cn-hangzhou:1:/queues/q/messages/");
        assert!(
            a.starts_with("acs_mns_cn-hangzhou_1__queues_q_messages-"),
            "{a}"
        );
        assert!(a.ends_with(".jsonl"));
        assert_ne!(a, b);
        let long = file_name(&"x".repeat(500));
        assert!(long.len() < 120, "{long}");
        assert!(!file_name("../../etc/passwd").contains('/'));
    }

    #[tokio::test]
    async fn lines_are_appended_then_rotated_within_the_bound() {
        let dir = tempfile::tempdir().unwrap();
        let line_len = serde_json::to_vec(delivered(1, "d").as_ref())
            .unwrap()
            .len()
            + 1;
        let log = DeliveryLog::open(dir.path(), (line_len * 3) as u64);
        for seq in 1..=7 {
            log.append(&delivered(seq, "d"));
        }
        log.close().await;
        let path = dir.path().join(LOG_DIR).join(file_name("d"));
        let current = std::fs::read_to_string(&path).unwrap();
        let old = std::fs::read_to_string(rotated(&path)).unwrap();
        let sequences = |text: &str| -> Vec<u64> {
            text.lines()
                .map(|l| {
                    serde_json::from_str::<serde_json::Value>(l).unwrap()["sequence"]
                        .as_u64()
                        .unwrap()
                })
                .collect()
        };
        assert_eq!(sequences(&old), [4, 5, 6]);
        assert_eq!(sequences(&current), [7]);
    }

    #[tokio::test]
    async fn a_log_that_cannot_be_written_is_no_failure() {
        let dir = tempfile::tempdir().unwrap();
        // A file where the directory should be.
        std::fs::write(dir.path().join(LOG_DIR), b"not a directory").unwrap();
        let log = DeliveryLog::open(dir.path(), 1024);
        log.append(&delivered(1, "d"));
        log.close().await;
        assert!(dir.path().join(LOG_DIR).is_file());
    }
}
