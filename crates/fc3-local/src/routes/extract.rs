//! Small pieces every handler shares: JSON answers, response headers, and the function and
//! qualifier a request names.

use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use fc3_models::rules::LATEST;

use crate::AppState;
use crate::error::ApiError;

pub(crate) fn json<T: serde::Serialize>(status: StatusCode, value: &T) -> Response {
    match serde_json::to_vec(value) {
        Ok(body) => {
            let mut response = (status, body).into_response();
            response.headers_mut().insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/json"),
            );
            response
        }
        Err(e) => ApiError::internal(format!("cannot encode the answer: {e}")).into_response(),
    }
}

pub(super) fn set(headers: &mut HeaderMap, name: &'static str, value: &str) {
    if let Ok(value) = HeaderValue::from_str(value) {
        headers.insert(name, value);
    }
}

/// The function must exist and the qualifier (`LATEST` when absent) resolve; returns the
/// qualifier.
pub(super) fn resolved(
    state: &AppState,
    function: &str,
    qualifier: Option<&fc3_models::Qualifier>,
) -> Result<String, ApiError> {
    let qualifier = qualifier.map_or(LATEST, |q| q.as_str());
    state
        .inner
        .engine
        .functions
        .require(function)?
        .resolve(qualifier)?;
    Ok(qualifier.to_string())
}
