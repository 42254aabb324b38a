//! The engine's refusals as FC's error answers: the one place that gives each its status and
//! code (axum's pattern: domain errors are converted at the edge).

use axum::http::StatusCode;

use crate::engine::EngineError;
use crate::error::ApiError;
use crate::store::StoreError;

/// How long a client is asked to wait before trying a refused change again.
const RETRY_AFTER_MS: u64 = 1_000;

impl From<EngineError> for ApiError {
    fn from(error: EngineError) -> Self {
        let message = error.to_string();
        match error {
            EngineError::ConfigNotFound { .. } => {
                ApiError::new(StatusCode::NOT_FOUND, "AsyncConfigNotExists", message)
            }
            EngineError::TaskNotFound { .. } => {
                ApiError::new(StatusCode::NOT_FOUND, "AsyncTaskNotExists", message)
            }
            EngineError::TaskExists { .. } => {
                ApiError::new(StatusCode::CONFLICT, "AsyncTaskAlreadyExists", message)
            }
            EngineError::TaskIdWithoutAsyncTasks { .. }
            | EngineError::TaskFinished { .. }
            | EngineError::BadNextToken => ApiError::invalid_argument(message),
            // FC's answer when it is throttled: nothing was queued, the SDKs retry it.
            EngineError::QueueFull(_) => ApiError::new(
                StatusCode::SERVICE_UNAVAILABLE,
                "ResourceThrottled",
                message,
            )
            .with_retry_after(RETRY_AFTER_MS),
            EngineError::Store(StoreError::Unavailable { .. }) => ApiError::new(
                StatusCode::SERVICE_UNAVAILABLE,
                "ServiceUnavailable",
                message,
            )
            .with_retry_after(RETRY_AFTER_MS),
            EngineError::Store(_) => ApiError::internal(message),
        }
    }
}
