//! Small pieces every handler shares: path parameters with FC's rejection, JSON answers,
//! response headers, and the function and qualifier a request names.

use axum::extract::{FromRequestParts, Path};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header, request::Parts};
use axum::response::{IntoResponse, Response};
use serde::de::DeserializeOwned;

use crate::AppState;
use crate::error::ApiError;
use crate::validate::Query;

/// `Path`, with its rejection in FC's format.
pub(super) struct FcPath<T>(pub(super) T);

impl<S, T> FromRequestParts<S> for FcPath<T>
where
    S: Send + Sync,
    T: DeserializeOwned + Send,
{
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        Path::<T>::from_request_parts(parts, state)
            .await
            .map(|Path(value)| FcPath(value))
            .map_err(|e| ApiError::invalid_argument(format!("path: {}", e.body_text())))
    }
}

pub(super) fn json<T: serde::Serialize>(status: StatusCode, value: &T) -> Response {
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

/// The function must exist and the qualifier resolve; returns the qualifier.
pub(super) fn function_and_qualifier(
    state: &AppState,
    name: &str,
    query: &Query,
) -> Result<String, ApiError> {
    let qualifier = query.qualifier()?;
    state
        .inner
        .engine
        .functions
        .require(name)?
        .resolve(&qualifier)?;
    Ok(qualifier)
}
