//! Get/List/StopAsyncTask.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use fc3_models::SortOrder;
use fc3_models::operations::{GetAsyncTaskRequest, ListAsyncTasksRequest, StopAsyncTaskRequest};

use super::extract::{json, resolved};
use super::request::Fc;
use crate::AppState;
use crate::engine::TaskQuery;
use crate::error::ApiError;

// Each handler names every parameter of its request: a new one in the spec does not compile
// until it is read here.

pub(super) async fn list_async_tasks(
    State(state): State<AppState>,
    Fc(request): Fc<ListAsyncTasksRequest>,
) -> Result<Response, ApiError> {
    let ListAsyncTasksRequest {
        function_name,
        qualifier,
        limit,
        next_token,
        prefix,
        status,
        started_time_begin,
        started_time_end,
        sort_order_by_time,
        include_payload,
    } = request;
    let function = state.inner.engine.functions.require(&function_name)?;
    if let Some(q) = &qualifier {
        function.resolve(q)?;
    }
    let task_query = TaskQuery {
        qualifier: qualifier.map(String::from),
        limit: limit.map_or(ListAsyncTasksRequest::LIMIT_DEFAULT as usize, |l| {
            l.get() as usize
        }),
        next_token: next_token.filter(|t| !t.is_empty()),
        prefix,
        status,
        started_begin: started_time_begin,
        started_end: started_time_end,
        // Newest first when not asked (FC does not document its default).
        order: sort_order_by_time.unwrap_or(SortOrder::Desc),
        include_payload: include_payload.unwrap_or(false),
    };
    let page = state.inner.engine.list_tasks(&function_name, &task_query)?;
    Ok(json(StatusCode::OK, &page))
}

pub(super) async fn get_async_task(
    State(state): State<AppState>,
    Fc(request): Fc<GetAsyncTaskRequest>,
) -> Result<Response, ApiError> {
    let GetAsyncTaskRequest {
        function_name,
        task_id,
        qualifier,
    } = request;
    resolved(&state, &function_name, qualifier.as_ref())?;
    let task = state.inner.engine.get_task(&function_name, &task_id)?;
    Ok(json(StatusCode::OK, &task))
}

pub(super) async fn stop_async_task(
    State(state): State<AppState>,
    Fc(request): Fc<StopAsyncTaskRequest>,
) -> Result<Response, ApiError> {
    let StopAsyncTaskRequest {
        function_name,
        task_id,
        qualifier,
    } = request;
    resolved(&state, &function_name, qualifier.as_ref())?;
    state
        .inner
        .engine
        .stop_task(&function_name, &task_id)
        .await?;
    Ok(StatusCode::OK.into_response())
}
