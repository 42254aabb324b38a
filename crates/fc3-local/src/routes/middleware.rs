//! The middleware every answer goes through: a request id for each, the signature check
//! (after reading the body within the limit) for FC's operations, and the check that the
//! signed `x-acs-action` is the operation of the route.

use std::sync::Arc;

use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderValue, header};
use axum::middleware::Next;
use axum::response::Response;
use futures_util::StreamExt;

use super::RequestId;
use crate::AppState;
use crate::error::{ApiError, REQUEST_ID, clip};

/// The FC operation a route serves (its action, e.g. `InvokeFunction`).
#[derive(Clone, Copy, Debug)]
pub(super) struct Operation(pub(super) &'static str);

/// The `x-acs-action` of a request, when present, must name the route's operation. FC finds an
/// operation by its method and path, and the action the caller signed must agree with it; a
/// request that disagrees with itself is malformed: 400 `InvalidArgument`. (It is not an
/// authentication failure, 403: the signature is valid, and FC's 403 codes are about who
/// signed, `AccessDenied`, `SignatureNotMatch`, `InvalidAccessKeyID`.)
pub(super) async fn expect_action(
    State(Operation(action)): State<Operation>,
    request: Request,
    next: Next,
) -> Result<Response, ApiError> {
    if let Some(given) = request.headers().get("x-acs-action") {
        let given = String::from_utf8_lossy(given.as_bytes());
        if given != action {
            return Err(ApiError::invalid_argument(format!(
                "x-acs-action: '{}' is not the operation of {} {}, which is {action}",
                clip(&given),
                request.method(),
                clip(request.uri().path())
            )));
        }
    }
    Ok(next.run(request).await)
}

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
        response.headers_mut().insert("x-fc-request-id", value);
    }
    response
}

/// Reads the body (within the limit) and verifies the signature over the request exactly as
/// received.
pub(super) async fn authenticate(
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
