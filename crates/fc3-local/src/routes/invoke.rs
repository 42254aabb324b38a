//! InvokeFunction: a synchronous call runs the function now; an asynchronous one is handed to
//! the engine.

use std::sync::Arc;

use axum::Extension;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use base64::Engine as _;
use fc3_models::operations::{InvokeFunctionRequest, headers};
use fc3_models::rules::LATEST;
use fc3_models::{InvocationType, LogType};

use super::extract::set;
use super::request::Fc;
use super::{LOG_TAIL_BYTES, RequestId};
use crate::AppState;
use crate::engine::AcceptRequest;
use crate::error::ApiError;
use crate::functions::{InvokeContext, Outcome};

pub(super) async fn invoke(
    State(state): State<AppState>,
    Extension(RequestId(request_id)): Extension<RequestId>,
    Fc(request): Fc<InvokeFunctionRequest>,
) -> Result<Response, ApiError> {
    // Every parameter of the spec, by name: a new one does not compile until it is read here.
    let InvokeFunctionRequest {
        function_name,
        qualifier,
        invocation_type,
        log_type,
        async_task_id,
        payload,
    } = request;
    let inner = &state.inner;
    let qualifier = qualifier.map_or_else(|| LATEST.to_string(), String::from);
    let function = Arc::clone(inner.engine.functions.require(&function_name)?);
    let version = function.resolve(&qualifier)?;

    // The spec's limits were checked as the request was read; a configured one may be lower.
    if invocation_type == Some(InvocationType::Async) {
        let limit = inner.limits.async_payload_bytes;
        if payload.len() > limit {
            return Err(ApiError::entity_too_large(
                "the asynchronous event",
                payload.len(),
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
                task_id: async_task_id.map(String::from),
                payload,
            })
            .await?;
        let mut response = StatusCode::ACCEPTED.into_response();
        if let Some(id) = task_id {
            set(response.headers_mut(), headers::X_FC_ASYNC_TASK_ID, &id);
        }
        return Ok(response);
    }

    let limit = inner.limits.sync_payload_bytes;
    if payload.len() > limit {
        return Err(ApiError::entity_too_large(
            "the event",
            payload.len(),
            limit,
        ));
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
    let invocation = function.invoke(&ctx, payload, inner.clock.as_ref()).await;
    drop(permit);

    let (body, error_type) = match invocation.outcome {
        Outcome::Success(body) => (body, None),
        Outcome::Error(error) => (error.body, Some(error.kind)),
    };
    let mut response = (StatusCode::OK, body).into_response();
    let out: &mut HeaderMap = response.headers_mut();
    let content_type = if error_type.is_some() {
        "application/json"
    } else {
        "application/octet-stream"
    };
    set(out, "content-type", content_type);
    set(out, headers::X_FC_INVOCATION_SERVICE_VERSION, &version);
    set(out, headers::X_FC_INSTANCE_ID, &function.instance_id);
    set(out, headers::X_FC_CODE_CHECKSUM, &function.code_checksum);
    if let Some(kind) = error_type {
        set(out, headers::X_FC_ERROR_TYPE, kind);
    }
    if log_type == Some(LogType::Tail) {
        let log = &invocation.log;
        let tail = &log[log.len().saturating_sub(LOG_TAIL_BYTES)..];
        set(
            out,
            headers::X_FC_LOG_RESULT,
            &base64::engine::general_purpose::STANDARD.encode(tail),
        );
    }
    Ok(response)
}
