//! The engine's refusals as FC's error answers: the one place that gives each its status and
//! code (axum's pattern: domain errors are converted at the edge).

use axum::http::StatusCode;

use crate::engine::EngineError;
use crate::error::ApiError;

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
            EngineError::Store(_) => ApiError::internal(message),
        }
    }
}
