//! `GET /health` (not an FC operation, not signed): whether the emulator can keep what it
//! accepts, and how full its async queue is. 200 with `"status":"ok"`, or 503 with
//! `"status":"degraded"` while the data store refuses writes (after a failed write, until it
//! has reopened the database), with the reason.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use serde_json::json;

use super::extract::json;
use crate::AppState;

pub(super) async fn health(State(state): State<AppState>) -> Response {
    let engine = &state.inner.engine;
    let store = engine.store_health();
    let queue = engine.queue_health();
    let status = if store.refusing.is_some() {
        StatusCode::SERVICE_UNAVAILABLE
    } else {
        StatusCode::OK
    };
    let body = json!({
        "status": if status.is_success() { "ok" } else { "degraded" },
        "store": {
            "durable": store.durable,
            "writable": store.refusing.is_none(),
            "problem": store.refusing,
        },
        "asyncQueue": {
            "depth": queue.depth,
            "bytes": queue.bytes,
            "maxEvents": queue.max_events,
            "maxBytes": queue.max_bytes,
        },
    });
    json(status, &body)
}
