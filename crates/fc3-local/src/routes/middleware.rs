//! The middleware every answer goes through: a request id for each, and the signature check
//! (after reading the body within the limit) for FC's operations.

use std::sync::Arc;

use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderValue, header};
use axum::middleware::Next;
use axum::response::Response;
use futures_util::StreamExt;

use super::RequestId;
use crate::AppState;
use crate::error::{ApiError, REQUEST_ID};

/// Gives the request an id, scopes it for error bodies and sets `x-fc-request-id`.
pub(super) async fn request_id(
    State(state): State<AppState>,
    mut request: Request,
    next: Next,
) -> Response {
    let id: Arc<str> = state.inner.ids.request_id(state.inner.clock.now()).into();
    request.extensions_mut().insert(RequestId(Arc::clone(&id)));
    let mut response = REQUEST_ID.scope(Arc::clone(&id), next.run(request)).await;
    if let Ok(value) = HeaderValue::from_str(&id) {
        response
            .headers_mut()
            .insert(fc3_models::operations::headers::X_FC_REQUEST_ID, value);
    }
    response
}

/// Reads the body (within the limit) and verifies the signature over the request exactly as
/// received.
pub(crate) async fn authenticate(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Result<Response, ApiError> {
    let (parts, body) = request.into_parts();
    let limit = state.inner.limits.sync_payload_bytes;
    if let Some(length) = parts
        .headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok())
        && length > limit
    {
        return Err(ApiError::entity_too_large(
            "the request body",
            length,
            limit,
        ));
    }
    let bytes = read_body(body, limit).await?;
    state.inner.auth.check(
        parts.method.as_str(),
        parts.uri.path(),
        parts.uri.query(),
        &parts.headers,
        &bytes,
    )?;
    Ok(next
        .run(Request::from_parts(parts, Body::from(bytes)))
        .await)
}

/// A body that could not be read: it stalled past `server.body_read_timeout` (408), or the
/// connection broke (400).
fn body_error(error: axum::Error) -> ApiError {
    let error = error.into_inner();
    let mut cause: Option<&(dyn std::error::Error + 'static)> = Some(error.as_ref());
    while let Some(e) = cause {
        if e.is::<tower_http::timeout::TimeoutError>() {
            return ApiError::new(
                axum::http::StatusCode::REQUEST_TIMEOUT,
                "RequestTimeout",
                "body: no data arrived for longer than server.body_read_timeout",
            );
        }
        cause = e.source();
    }
    ApiError::invalid_argument(format!("body: cannot be read: {error}"))
}

async fn read_body(body: Body, limit: usize) -> Result<Bytes, ApiError> {
    let mut stream = body.into_data_stream();
    let mut chunks: Vec<Bytes> = Vec::new();
    let mut total = 0usize;
    while let Some(chunk) = stream.next().await {
        let chunk = chunk.map_err(body_error)?;
        total += chunk.len();
        if total > limit {
            return Err(ApiError::entity_too_large("the request body", total, limit));
        }
        chunks.push(chunk);
    }
    Ok(match chunks.len() {
        0 => Bytes::new(),
        1 => chunks.pop().unwrap_or_default(),
        _ => {
            let mut all = Vec::with_capacity(total);
            for chunk in chunks {
                all.extend_from_slice(&chunk);
            }
            Bytes::from(all)
        }
    })
}
