//! Put/Get/Delete/ListAsyncInvokeConfig(s).

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use fc3_models::operations::{
    DeleteAsyncInvokeConfigRequest, GetAsyncInvokeConfigRequest, ListAsyncInvokeConfigsRequest,
    PutAsyncInvokeConfigRequest,
};

use super::extract::{json, resolved};
use super::request::Fc;
use crate::AppState;
use crate::error::ApiError;
use crate::validate;

// Each handler names every parameter of its request: a new one in the spec does not compile
// until it is read here.

pub(super) async fn put_async_invoke_config(
    State(state): State<AppState>,
    Fc(request): Fc<PutAsyncInvokeConfigRequest>,
) -> Result<Response, ApiError> {
    let PutAsyncInvokeConfigRequest {
        function_name,
        qualifier,
        body,
    } = request;
    let qualifier = resolved(&state, &function_name, qualifier.as_ref())?;
    let config = state
        .inner
        .engine
        .put_config(&function_name, &qualifier, body)
        .await?;
    Ok(json(StatusCode::OK, &config))
}

pub(super) async fn get_async_invoke_config(
    State(state): State<AppState>,
    Fc(request): Fc<GetAsyncInvokeConfigRequest>,
) -> Result<Response, ApiError> {
    let GetAsyncInvokeConfigRequest {
        function_name,
        qualifier,
    } = request;
    let qualifier = resolved(&state, &function_name, qualifier.as_ref())?;
    let config = state.inner.engine.get_config(&function_name, &qualifier)?;
    Ok(json(StatusCode::OK, &config))
}

pub(super) async fn delete_async_invoke_config(
    State(state): State<AppState>,
    Fc(request): Fc<DeleteAsyncInvokeConfigRequest>,
) -> Result<Response, ApiError> {
    let DeleteAsyncInvokeConfigRequest {
        function_name,
        qualifier,
    } = request;
    let qualifier = resolved(&state, &function_name, qualifier.as_ref())?;
    state
        .inner
        .engine
        .delete_config(&function_name, &qualifier)
        .await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}

pub(super) async fn list_async_invoke_configs(
    State(state): State<AppState>,
    Fc(request): Fc<ListAsyncInvokeConfigsRequest>,
) -> Result<Response, ApiError> {
    let ListAsyncInvokeConfigsRequest {
        function_name,
        limit,
        next_token,
    } = request;
    if let Some(name) = &function_name {
        state.inner.engine.functions.require(name)?;
    }
    let limit = validate::config_page_size(limit)?;
    let next_token = next_token.filter(|t| !t.is_empty());
    let page = state.inner.engine.list_configs(
        function_name.as_deref().map(String::as_str),
        limit,
        next_token.as_deref(),
    )?;
    Ok(json(StatusCode::OK, &page))
}
