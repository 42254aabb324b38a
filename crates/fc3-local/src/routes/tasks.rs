//! Get/List/StopAsyncTask.

use axum::extract::{RawQuery, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

use super::extract::{FcPath, function_and_qualifier, json};
use super::operation::{GetAsyncTask, ListAsyncTasks, Signed, StopAsyncTask};
use crate::AppState;
use crate::engine::TaskQuery;
use crate::error::ApiError;
use crate::validate::Query;

pub(super) async fn list_async_tasks(
    _: Signed<ListAsyncTasks>,
    State(state): State<AppState>,
    FcPath(name): FcPath<String>,
    RawQuery(raw_query): RawQuery,
) -> Result<Response, ApiError> {
    let query = Query::parse(raw_query.as_deref())?;
    let function = state.inner.engine.functions.require(&name)?;
    let qualifier = query.optional_qualifier()?;
    if let Some(q) = &qualifier {
        function.resolve(q)?;
    }
    let task_query = TaskQuery {
        qualifier,
        limit: query.limit()?,
        next_token: query.non_empty("nextToken")?,
        prefix: query.string("prefix")?,
        status: query.status()?,
        started_begin: query.millis("startedTimeBegin")?,
        started_end: query.millis("startedTimeEnd")?,
        order: query.sort_order()?,
        include_payload: query.boolean("includePayload")?,
    };
    let page = state.inner.engine.list_tasks(&name, &task_query)?;
    Ok(json(StatusCode::OK, &page))
}

pub(super) async fn get_async_task(
    _: Signed<GetAsyncTask>,
    State(state): State<AppState>,
    FcPath((name, task_id)): FcPath<(String, String)>,
    RawQuery(raw_query): RawQuery,
) -> Result<Response, ApiError> {
    let query = Query::parse(raw_query.as_deref())?;
    function_and_qualifier(&state, &name, &query)?;
    let task = state.inner.engine.get_task(&name, &task_id)?;
    Ok(json(StatusCode::OK, &task))
}

pub(super) async fn stop_async_task(
    _: Signed<StopAsyncTask>,
    State(state): State<AppState>,
    FcPath((name, task_id)): FcPath<(String, String)>,
    RawQuery(raw_query): RawQuery,
) -> Result<Response, ApiError> {
    let query = Query::parse(raw_query.as_deref())?;
    function_and_qualifier(&state, &name, &query)?;
    state.inner.engine.stop_task(&name, &task_id).await?;
    Ok(StatusCode::OK.into_response())
}
