//! The HTTP surface: FC's 8 operations, `/openapi.yaml`, `/health`, the inspector (`/_fc3/`,
//! mounted from `crate::inspector`), and the middleware that gives every answer a request id
//! and checks every FC request's signature.
//!
//! | module | job |
//! |---|---|
//! | `middleware` | request ids, reading the body, the signature check |
//! | `request` | every FC request read as its operation's generated request type, checked against the spec and the signed `x-acs-action` |
//! | `invoke` | InvokeFunction |
//! | `configs` | Put/Get/Delete/ListAsyncInvokeConfig(s) |
//! | `tasks` | Get/List/StopAsyncTask |
//! | `health` | `GET /health`: the data store and the async queue |
//! | `extract` | what handlers share (path parameters, JSON answers, headers) |
//! | `query` | the query strings of the `/_fc3/` endpoints (this JSON API and the inspector's) |
//! | `local_api` | fc3-local's own JSON API under `/_fc3/` |
//! | `errors` | the engine's refusals as FC's error answers |

mod configs;
mod errors;
mod extract;
mod health;
mod invoke;
mod local_api;
mod middleware;
pub(crate) mod query;
mod request;
mod tasks;

use std::sync::Arc;

use axum::Router;
use axum::extract::{DefaultBodyLimit, Request};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{MethodFilter, MethodRouter, get, on};
use fc3_models::operation::Method;
use fc3_models::operations::{Action, OPERATIONS};

use crate::AppState;
use crate::error::ApiError;
use configs::{
    delete_async_invoke_config, get_async_invoke_config, list_async_invoke_configs,
    put_async_invoke_config,
};
use invoke::invoke;
use middleware::request_id;
use tasks::{get_async_task, list_async_tasks, stop_async_task};

// What the inspector (crate::inspector) shares with the FC routes.
pub(crate) use extract::json;
pub(crate) use middleware::authenticate;

/// The spec, served at `/openapi.yaml`.
pub const OPENAPI_YAML: &str = include_str!("../../openapi.yaml");
/// How much of the log `x-fc-log-type: Tail` returns.
pub const LOG_TAIL_BYTES: usize = 4 * 1024;

/// The request id of the request being handled.
#[derive(Clone, Debug)]
pub(crate) struct RequestId(pub(crate) Arc<str>);

/// The handler of each FC operation; the method and path come from the spec's table.
fn handler(action: Action, filter: MethodFilter) -> MethodRouter<AppState> {
    match action {
        Action::InvokeFunction => on(filter, invoke),
        Action::PutAsyncInvokeConfig => on(filter, put_async_invoke_config),
        Action::GetAsyncInvokeConfig => on(filter, get_async_invoke_config),
        Action::DeleteAsyncInvokeConfig => on(filter, delete_async_invoke_config),
        Action::ListAsyncInvokeConfigs => on(filter, list_async_invoke_configs),
        Action::ListAsyncTasks => on(filter, list_async_tasks),
        Action::GetAsyncTask => on(filter, get_async_task),
        Action::StopAsyncTask => on(filter, stop_async_task),
    }
}

fn method_filter(method: Method) -> MethodFilter {
    match method {
        Method::Get => MethodFilter::GET,
        Method::Put => MethodFilter::PUT,
        Method::Post => MethodFilter::POST,
        Method::Delete => MethodFilter::DELETE,
    }
}

/// The emulator's router. Tests can drive it without a socket (`tower::ServiceExt::oneshot`).
pub fn app(state: AppState) -> Router {
    // One route per path of the spec, with a method for each of its operations.
    let mut paths: Vec<(&str, MethodRouter<AppState>)> = Vec::new();
    for operation in OPERATIONS {
        let method = handler(operation.action, method_filter(operation.method));
        match paths.iter_mut().find(|(path, _)| *path == operation.path) {
            Some((_, existing)) => *existing = std::mem::take(existing).merge(method),
            None => paths.push((operation.path, method)),
        }
    }
    let fc = paths
        .into_iter()
        .fold(Router::new(), |router, (path, methods)| {
            router.route(path, methods)
        })
        .route_layer(axum::middleware::from_fn_with_state(
            state.clone(),
            authenticate,
        ));
    Router::new()
        .merge(fc)
        .merge(crate::inspector::routes(state.clone()))
        .route("/openapi.yaml", get(openapi))
        .route("/health", get(health::health))
        .merge(local_api::router())
        .fallback(not_supported)
        .method_not_allowed_fallback(not_supported)
        .layer(DefaultBodyLimit::disable())
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            request_id,
        ))
        .with_state(state)
}

async fn openapi() -> Response {
    let mut response = OPENAPI_YAML.into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/yaml"),
    );
    response
}

async fn not_supported(request: Request) -> ApiError {
    ApiError::new(
        StatusCode::BAD_REQUEST,
        "PathNotSupported",
        format!(
            "{} {} is not an operation of Function Compute 2023-03-30",
            request.method(),
            crate::error::clip(request.uri().path())
        ),
    )
}
