//! InvokeFunction: a synchronous call runs the function now; an asynchronous one is handed to
//! the engine.

use std::sync::Arc;

use axum::Extension;
use axum::extract::{RawQuery, Request, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use base64::Engine as _;
use fc3_models::{InvocationType, LogType};

use super::extract::{FcPath, set};
use super::operation::{InvokeFunction, Signed};
use super::{LOG_TAIL_BYTES, RequestId};
use crate::AppState;
use crate::engine::AcceptRequest;
use crate::error::ApiError;
use crate::functions::{InvokeContext, Outcome};
use crate::validate::{self, Query};

pub(super) async fn invoke(
    _: Signed<InvokeFunction>,
    State(state): State<AppState>,
    Extension(RequestId(request_id)): Extension<RequestId>,
    FcPath(name): FcPath<String>,
    RawQuery(raw_query): RawQuery,
    // The request itself rather than `HeaderMap` and `Bytes`, whose extractors copy the headers.
    request: Request,
) -> Result<Response, ApiError> {
    let (parts, body) = request.into_parts();
    let headers = parts.headers;
    // The body was read (within the limit) when the signature was checked.
    let body = axum::body::to_bytes(body, usize::MAX)
        .await
        .map_err(|e| ApiError::invalid_argument(format!("body: cannot be read: {e}")))?;
    let inner = &state.inner;
    let query = Query::parse(raw_query.as_deref())?;
    let qualifier = query.qualifier()?;
    let function = Arc::clone(inner.engine.functions.require(&name)?);
    let version = function.resolve(&qualifier)?;
    let invocation_type = validate::invocation_type(&headers)?;
    let log_type = validate::log_type(&headers)?;
    let task_id = validate::async_task_id(&headers)?;

    if invocation_type == InvocationType::Async {
        let limit = inner.limits.async_payload_bytes;
        if body.len() > limit {
            return Err(ApiError::entity_too_large(
                "the asynchronous event",
                body.len(),
                limit,
            ));
        }
        let task_id = inner
            .engine
            .accept(AcceptRequest {
                function,
                qualifier,
                version,
                request_id: request_id.to_string(),
                task_id,
                payload: body,
            })
            .await?;
        let mut response = StatusCode::ACCEPTED.into_response();
        if let Some(id) = task_id {
            set(response.headers_mut(), "x-fc-async-task-id", &id);
        }
        return Ok(response);
    }

    let limit = inner.limits.sync_payload_bytes;
    if body.len() > limit {
        return Err(ApiError::entity_too_large("the event", body.len(), limit));
    }
    let Some(permit) = function.limiter.try_acquire() else {
        return Err(ApiError::new(
            StatusCode::TOO_MANY_REQUESTS,
            "ResourceExhausted",
            format!(
                "function '{}' is already running {} invocations, its concurrency limit; try again later",
                function.name,
                function.limiter.limit().unwrap_or(0)
            ),
        ));
    };
    let ctx = InvokeContext {
        request_id: request_id.to_string(),
        qualifier,
        version: version.clone(),
        attempt: 1,
        region: inner.region.clone(),
        account_id: inner.account_id.clone(),
    };
    let invocation = function.invoke(&ctx, body, inner.clock.as_ref()).await;
    drop(permit);

    let (body, error_type) = match invocation.outcome {
        Outcome::Success(body) => (body, None),
        Outcome::Error(error) => (error.body, Some(error.kind)),
    };
    let mut response = (StatusCode::OK, body).into_response();
    let out = response.headers_mut();
    let content_type = if error_type.is_some() {
        "application/json"
    } else {
        "application/octet-stream"
    };
    set(out, "content-type", content_type);
    set(out, "x-fc-invocation-service-version", &version);
    set(out, "x-fc-instance-id", &function.instance_id);
    set(out, "x-fc-code-checksum", &function.code_checksum);
    if let Some(kind) = error_type {
        set(out, "x-fc-error-type", kind);
    }
    if log_type == LogType::Tail {
        let log = &invocation.log;
        let tail = &log[log.len().saturating_sub(LOG_TAIL_BYTES)..];
        set(
            out,
            "x-fc-log-result",
            &base64::engine::general_purpose::STANDARD.encode(tail),
        );
    }
    Ok(response)
}
