//! What the engine refuses, as its own type. The HTTP layer turns each into FC's error answer
//! (`routes::errors`); the engine knows nothing of status codes.

use fc3_models::AsyncTaskStatus;

use super::queue::Full;
use crate::error::clip;
use crate::store::StoreError;

/// Why the engine refused an operation.
#[derive(Debug, thiserror::Error)]
pub(crate) enum EngineError {
    /// No async invoke configuration for this function and qualifier.
    #[error("async config of function '{}' qualifier '{}' does not exist.", clip(.function), clip(.qualifier))]
    ConfigNotFound { function: String, qualifier: String },
    /// No such async task.
    #[error("async task '{}' of function '{}' does not exist.", clip(.task_id), clip(.function))]
    TaskNotFound { function: String, task_id: String },
    /// The task id is taken for this function.
    #[error(
        "async task '{}' of function '{function}' already exists: task ids are unique per function",
        clip(.task_id)
    )]
    TaskExists { function: String, task_id: String },
    /// A task id was given while async tasks are off.
    #[error(
        "x-fc-async-task-id needs async tasks: put an async invoke configuration with \
         asyncTask: true for function '{function}' qualifier '{qualifier}' first"
    )]
    TaskIdWithoutAsyncTasks { function: String, qualifier: String },
    /// The task is over and cannot be stopped.
    #[error("taskId: async task '{}' is already {status} and cannot be stopped", clip(.task_id))]
    TaskFinished {
        task_id: String,
        status: AsyncTaskStatus,
    },
    /// A `nextToken` this server did not issue.
    #[error("nextToken: not a token this server issued")]
    BadNextToken,
    /// The async queue is at its bound.
    #[error(
        "the async queue is full ({} events, {} bytes; its bounds are {} events and {} bytes, \
         async.max_queued_events and async.max_queued_bytes): nothing was queued, try again later",
        .0.events, .0.bytes, .0.max_events, .0.max_bytes
    )]
    QueueFull(Full),
    /// The change could not be stored.
    #[error("the change could not be stored: {0}")]
    Store(#[from] StoreError),
}
