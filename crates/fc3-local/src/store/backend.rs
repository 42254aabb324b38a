//! The file under redb: [`redb::backends::FileBackend`] (which also locks the file), and in
//! unit tests a switch that makes every write fail as a full disk does (`ENOSPC`).

#[cfg(test)]
use std::sync::Arc;
#[cfg(test)]
use std::sync::atomic::{AtomicBool, Ordering};

use redb::StorageBackend;
use redb::backends::FileBackend;

/// A disk that can be made full, for tests of what a failing write does.
#[cfg(test)]
#[derive(Debug, Default)]
pub(crate) struct DiskFull(AtomicBool);

#[cfg(test)]
impl DiskFull {
    /// Makes writes fail (`true`) or work again.
    pub(crate) fn set(&self, full: bool) {
        self.0.store(full, Ordering::SeqCst);
    }

    fn check(&self) -> std::io::Result<()> {
        if self.0.load(Ordering::SeqCst) {
            Err(std::io::Error::from_raw_os_error(28))
        } else {
            Ok(())
        }
    }
}

/// What the store writes through.
#[derive(Debug)]
pub(super) struct Backend {
    file: FileBackend,
    #[cfg(test)]
    pub(super) disk_full: Option<Arc<DiskFull>>,
}

impl Backend {
    pub(super) fn new(file: FileBackend) -> Self {
        Self {
            file,
            #[cfg(test)]
            disk_full: None,
        }
    }

    fn writable(&self) -> std::io::Result<()> {
        #[cfg(test)]
        if let Some(disk) = &self.disk_full {
            disk.check()?;
        }
        Ok(())
    }
}

impl StorageBackend for Backend {
    fn len(&self) -> std::io::Result<u64> {
        self.file.len()
    }

    fn read(&self, offset: u64, len: usize) -> std::io::Result<Vec<u8>> {
        self.file.read(offset, len)
    }

    fn set_len(&self, len: u64) -> std::io::Result<()> {
        if len > self.file.len()? {
            self.writable()?;
        }
        self.file.set_len(len)
    }

    fn sync_data(&self, eventual: bool) -> std::io::Result<()> {
        self.writable()?;
        self.file.sync_data(eventual)
    }

    fn write(&self, offset: u64, data: &[u8]) -> std::io::Result<()> {
        self.writable()?;
        self.file.write(offset, data)
    }
}
