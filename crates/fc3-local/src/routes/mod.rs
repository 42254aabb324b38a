//! The HTTP surface: FC's 8 operations, `/openapi.yaml`, `/health`, and the middleware that
//! gives every answer a request id and checks every FC request's signature.
//!
//! | module | job |
//! |---|---|
//! | `middleware` | request ids, reading the body, the signature check |
//! | `operation` | each handler's FC operation, checked against the signed `x-acs-action` |
//! | `invoke` | InvokeFunction |
//! | `configs` | Put/Get/Delete/ListAsyncInvokeConfig(s) |
//! | `tasks` | Get/List/StopAsyncTask |
//! | `health` | `GET /health`: the data store and the async queue |
//! | `extract` | what handlers share (path parameters, JSON answers, headers) |
//! | `errors` | the engine's refusals as FC's error answers |

mod configs;
mod errors;
mod extract;
mod health;
mod invoke;
mod local_api;
mod middleware;
mod operation;
mod tasks;

use std::sync::Arc;

use axum::Router;
use axum::extract::{DefaultBodyLimit, Request};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post, put};

use crate::AppState;
use crate::error::ApiError;
use configs::{
    delete_async_invoke_config, get_async_invoke_config, list_async_invoke_configs,
    put_async_invoke_config,
};
use invoke::invoke;
use middleware::{authenticate, request_id};
use tasks::{get_async_task, list_async_tasks, stop_async_task};

/// The spec, served at `/openapi.yaml`.
pub const OPENAPI_YAML: &str = include_str!("../../openapi.yaml");
/// How much of the log `x-fc-log-type: Tail` returns.
pub const LOG_TAIL_BYTES: usize = 4 * 1024;

/// The request id of the request being handled.
#[derive(Clone, Debug)]
pub(crate) struct RequestId(pub(crate) Arc<str>);

/// The emulator's router. Tests can drive it without a socket (`tower::ServiceExt::oneshot`).
pub fn app(state: AppState) -> Router {
    let fc = Router::new()
        .route(
            "/2023-03-30/functions/{functionName}/invocations",
            post(invoke),
        )
        .route(
            "/2023-03-30/functions/{functionName}/async-invoke-config",
            put(put_async_invoke_config)
                .get(get_async_invoke_config)
                .delete(delete_async_invoke_config),
        )
        .route(
            "/2023-03-30/async-invoke-configs",
            get(list_async_invoke_configs),
        )
        .route(
            "/2023-03-30/functions/{functionName}/async-tasks",
            get(list_async_tasks),
        )
        .route(
            "/2023-03-30/functions/{functionName}/async-tasks/{taskId}",
            get(get_async_task),
        )
        .route(
            "/2023-03-30/functions/{functionName}/async-tasks/{taskId}/stop",
            put(stop_async_task),
        )
        .route_layer(axum::middleware::from_fn_with_state(
            state.clone(),
            authenticate,
        ));
    Router::new()
        .merge(fc)
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
