//! Waiting for an async task to end: GetAsyncTask polled with backoff until the task reaches
//! a final state (the spec's `x-fc3-terminal` values) or a deadline passes.

use std::fmt;
use std::sync::Arc;
use std::time::{Duration, Instant};

use fc3_models::AsyncTask;

use crate::{Client, Error, GetAsyncTask, Output, TimeoutScope};

/// What [`WaitForTask::on_poll`] calls with each task read.
type OnPoll = Arc<dyn Fn(&AsyncTask) + Send + Sync>;

/// A pending wait for an async task; start with [`Client::wait_for_task`].
#[derive(Clone)]
#[must_use = "nothing is sent until `send` is awaited"]
pub struct WaitForTask {
    get: GetAsyncTask,
    deadline: Duration,
    first_interval: Duration,
    max_interval: Duration,
    on_poll: Option<OnPoll>,
}

impl fmt::Debug for WaitForTask {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("WaitForTask")
            .field("get", &self.get)
            .field("deadline", &self.deadline)
            .field("first_interval", &self.first_interval)
            .field("max_interval", &self.max_interval)
            .finish_non_exhaustive()
    }
}

impl Client {
    /// Waits until the async task `task_id` of `function` ends, and returns it as it ended
    /// (check its `status`: `Succeeded`, `Failed`, `Expired`, `Stopped` or `Invalid`).
    ///
    /// It polls GetAsyncTask, first after 200 ms, each wait doubling up to 5 s, for 15
    /// minutes at most unless [`deadline`](WaitForTask::deadline) says otherwise. A status FC
    /// added after this crate was made is not final: the waiter goes on until the deadline.
    pub fn wait_for_task(
        &self,
        function: impl Into<String>,
        task_id: impl Into<String>,
    ) -> WaitForTask {
        WaitForTask {
            get: self.get_async_task(function, task_id),
            deadline: Duration::from_secs(15 * 60),
            first_interval: Duration::from_millis(200),
            max_interval: Duration::from_secs(5),
            on_poll: None,
        }
    }
}

impl WaitForTask {
    /// The version or alias the task was invoked with (`LATEST` when not set).
    pub fn qualifier(mut self, qualifier: impl Into<String>) -> Self {
        self.get = self.get.qualifier(qualifier);
        self
    }

    /// The longest the wait may take; after it, [`Error::Timeout`] with
    /// [`TimeoutScope::Wait`].
    pub fn deadline(mut self, deadline: Duration) -> Self {
        self.deadline = deadline;
        self
    }

    /// The first pause between polls, and the longest (each pause doubles up to it).
    pub fn poll_interval(mut self, first: Duration, max: Duration) -> Self {
        self.first_interval = first;
        self.max_interval = max.max(first);
        self
    }

    /// Called with the task each time it is read (for a progress line).
    pub fn on_poll(mut self, callback: impl Fn(&AsyncTask) + Send + Sync + 'static) -> Self {
        self.on_poll = Some(Arc::new(callback));
        self
    }

    /// Polls until the task ends.
    ///
    /// # Errors
    /// [`Error::Timeout`] (scope [`TimeoutScope::Wait`]) when the deadline passes first;
    /// otherwise what GetAsyncTask fails with.
    pub async fn send(self) -> Result<Output<AsyncTask>, Error> {
        let started = Instant::now();
        let mut pause = self.first_interval;
        loop {
            let task = self.get.clone().send().await?;
            if let Some(callback) = &self.on_poll {
                callback(&task);
            }
            if task.status.as_ref().is_some_and(|s| s.is_terminal()) {
                return Ok(task);
            }
            let left = self.deadline.saturating_sub(started.elapsed());
            if left.is_zero() {
                return Err(Error::Timeout {
                    scope: TimeoutScope::Wait,
                    limit: self.deadline,
                });
            }
            tokio::time::sleep(pause.min(left)).await;
            pause = (pause * 2).min(self.max_interval);
        }
    }
}
