//! Put/Get/Delete/ListAsyncInvokeConfig(s).

use axum::body::Bytes;
use axum::extract::{RawQuery, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

use super::extract::{FcPath, function_and_qualifier, json};
use super::operation::{
    DeleteAsyncInvokeConfig, GetAsyncInvokeConfig, ListAsyncInvokeConfigs, PutAsyncInvokeConfig,
    Signed,
};
use crate::AppState;
use crate::error::ApiError;
use crate::validate::{self, Query};

pub(super) async fn put_async_invoke_config(
    _: Signed<PutAsyncInvokeConfig>,
    State(state): State<AppState>,
    FcPath(name): FcPath<String>,
    RawQuery(raw_query): RawQuery,
    body: Bytes,
) -> Result<Response, ApiError> {
    let query = Query::parse(raw_query.as_deref())?;
    let qualifier = function_and_qualifier(&state, &name, &query)?;
    let input = validate::put_async_invoke_config(&body)?;
    let config = state
        .inner
        .engine
        .put_config(&name, &qualifier, input)
        .await?;
    Ok(json(StatusCode::OK, &config))
}

pub(super) async fn get_async_invoke_config(
    _: Signed<GetAsyncInvokeConfig>,
    State(state): State<AppState>,
    FcPath(name): FcPath<String>,
    RawQuery(raw_query): RawQuery,
) -> Result<Response, ApiError> {
    let query = Query::parse(raw_query.as_deref())?;
    let qualifier = function_and_qualifier(&state, &name, &query)?;
    let config = state.inner.engine.get_config(&name, &qualifier)?;
    Ok(json(StatusCode::OK, &config))
}

pub(super) async fn delete_async_invoke_config(
    _: Signed<DeleteAsyncInvokeConfig>,
    State(state): State<AppState>,
    FcPath(name): FcPath<String>,
    RawQuery(raw_query): RawQuery,
) -> Result<Response, ApiError> {
    let query = Query::parse(raw_query.as_deref())?;
    let qualifier = function_and_qualifier(&state, &name, &query)?;
    state.inner.engine.delete_config(&name, &qualifier).await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}

pub(super) async fn list_async_invoke_configs(
    _: Signed<ListAsyncInvokeConfigs>,
    State(state): State<AppState>,
    RawQuery(raw_query): RawQuery,
) -> Result<Response, ApiError> {
    let query = Query::parse(raw_query.as_deref())?;
    let function = query.given("functionName")?;
    if let Some(name) = &function {
        state.inner.engine.functions.require(name)?;
    }
    let limit = query.limit()?;
    let next_token = query.non_empty("nextToken")?;
    let page =
        state
            .inner
            .engine
            .list_configs(function.as_deref(), limit, next_token.as_deref())?;
    Ok(json(StatusCode::OK, &page))
}
