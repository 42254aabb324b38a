//! The HTTP surface: FC's 8 operations, `/openapi.yaml`, and the middleware that gives every
//! answer a request id and checks every FC request's signature.

use std::sync::Arc;

use axum::body::{Body, Bytes};
use axum::extract::{DefaultBodyLimit, FromRequestParts, Path, RawQuery, Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header, request::Parts};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post, put};
use axum::{Extension, Router};
use base64::Engine as _;
use fc3_models::{InvocationType, LogType};
use futures_util::StreamExt;
use serde::de::DeserializeOwned;

use crate::AppState;
use crate::engine::{AcceptRequest, TaskQuery};
use crate::error::{ApiError, REQUEST_ID};
use crate::functions::{InvokeContext, Outcome};
use crate::validate::{self, Query};

/// The spec, served at `/openapi.yaml`: the crate's own copy (`openapi.yaml`, written and checked
/// by `cargo xtask codegen`), so the published crate carries it.
pub const OPENAPI_YAML: &str = include_str!("../openapi.yaml");
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
        .route_layer(middleware::from_fn_with_state(state.clone(), authenticate));
    Router::new()
        .merge(fc)
        .route("/openapi.yaml", get(openapi))
        .fallback(not_supported)
        .method_not_allowed_fallback(not_supported)
        .layer(DefaultBodyLimit::disable())
        .layer(middleware::from_fn_with_state(state.clone(), request_id))
        .with_state(state)
}

/// Gives the request an id, scopes it for error bodies and sets `x-fc-request-id`.
async fn request_id(State(state): State<AppState>, mut request: Request, next: Next) -> Response {
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
async fn authenticate(
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

async fn read_body(body: Body, limit: usize) -> Result<Bytes, ApiError> {
    let mut stream = body.into_data_stream();
    let mut chunks: Vec<Bytes> = Vec::new();
    let mut total = 0usize;
    while let Some(chunk) = stream.next().await {
        let chunk =
            chunk.map_err(|e| ApiError::invalid_argument(format!("body: cannot be read: {e}")))?;
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

/// `Path`, with its rejection in FC's format.
struct FcPath<T>(T);

impl<S, T> FromRequestParts<S> for FcPath<T>
where
    S: Send + Sync,
    T: DeserializeOwned + Send,
{
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        Path::<T>::from_request_parts(parts, state)
            .await
            .map(|Path(value)| FcPath(value))
            .map_err(|e| ApiError::invalid_argument(format!("path: {}", e.body_text())))
    }
}

fn json<T: serde::Serialize>(status: StatusCode, value: &T) -> Response {
    match serde_json::to_vec(value) {
        Ok(body) => {
            let mut response = (status, body).into_response();
            response.headers_mut().insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/json"),
            );
            response
        }
        Err(e) => ApiError::internal(format!("cannot encode the answer: {e}")).into_response(),
    }
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

fn set(headers: &mut HeaderMap, name: &'static str, value: &str) {
    if let Ok(value) = HeaderValue::from_str(value) {
        headers.insert(name, value);
    }
}

async fn invoke(
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

/// The function must exist and the qualifier resolve; returns the qualifier.
fn function_and_qualifier(state: &AppState, name: &str, query: &Query) -> Result<String, ApiError> {
    let qualifier = query.qualifier()?;
    state
        .inner
        .engine
        .functions
        .require(name)?
        .resolve(&qualifier)?;
    Ok(qualifier)
}

async fn put_async_invoke_config(
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

async fn get_async_invoke_config(
    State(state): State<AppState>,
    FcPath(name): FcPath<String>,
    RawQuery(raw_query): RawQuery,
) -> Result<Response, ApiError> {
    let query = Query::parse(raw_query.as_deref())?;
    let qualifier = function_and_qualifier(&state, &name, &query)?;
    let config = state.inner.engine.get_config(&name, &qualifier)?;
    Ok(json(StatusCode::OK, &config))
}

async fn delete_async_invoke_config(
    State(state): State<AppState>,
    FcPath(name): FcPath<String>,
    RawQuery(raw_query): RawQuery,
) -> Result<Response, ApiError> {
    let query = Query::parse(raw_query.as_deref())?;
    let qualifier = function_and_qualifier(&state, &name, &query)?;
    state.inner.engine.delete_config(&name, &qualifier).await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}

async fn list_async_invoke_configs(
    State(state): State<AppState>,
    RawQuery(raw_query): RawQuery,
) -> Result<Response, ApiError> {
    let query = Query::parse(raw_query.as_deref())?;
    let function = query.non_empty("functionName")?;
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

async fn list_async_tasks(
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

async fn get_async_task(
    State(state): State<AppState>,
    FcPath((name, task_id)): FcPath<(String, String)>,
    RawQuery(raw_query): RawQuery,
) -> Result<Response, ApiError> {
    let query = Query::parse(raw_query.as_deref())?;
    function_and_qualifier(&state, &name, &query)?;
    let task = state.inner.engine.get_task(&name, &task_id)?;
    Ok(json(StatusCode::OK, &task))
}

async fn stop_async_task(
    State(state): State<AppState>,
    FcPath((name, task_id)): FcPath<(String, String)>,
    RawQuery(raw_query): RawQuery,
) -> Result<Response, ApiError> {
    let query = Query::parse(raw_query.as_deref())?;
    function_and_qualifier(&state, &name, &query)?;
    state.inner.engine.stop_task(&name, &task_id).await?;
    Ok(StatusCode::OK.into_response())
}
