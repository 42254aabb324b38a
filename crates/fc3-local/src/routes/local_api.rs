//! fc3-local's own read-only JSON API under `/_fc3/` (not FC operations, not signed, like
//! `/health`): what the emulator keeps that FC's API has no operation for. Documented in the
//! README ("What was delivered to MNS, EventBridge and RocketMQ"); the inspector page reads it.
//!
//! - `GET /_fc3/destinations`: every destination fc3-local does not run that received
//!   records, by ARN, with how many are kept and dropped, and the bounds.
//! - `GET /_fc3/destinations/{arn}?after=SEQUENCE&limit=N`: its records, oldest first, each
//!   FC's destination record with its sequence, time and source; `nextAfter` pages on.

use axum::Router;
use axum::extract::{Path, State};
use axum::http::{StatusCode, Uri};
use axum::response::Response;
use axum::routing::get;
use serde::Serialize;

use super::extract::json;
use super::query;
use crate::AppState;
use crate::error::{ApiError, clip};
use crate::store::Delivered;

/// The most records one page holds.
pub const MAX_PAGE: usize = 1_000;
/// The records a page holds unless `limit` says.
pub const DEFAULT_PAGE: usize = 100;

/// The `/_fc3/` routes.
pub(super) fn router() -> Router<AppState> {
    Router::new()
        .route("/_fc3/destinations", get(destinations))
        .route("/_fc3/destinations/{*destination}", get(records))
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Listing {
    destinations: Vec<Summary>,
    keep_records: usize,
    keep_bytes: usize,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Summary {
    destination: String,
    kind: String,
    records: usize,
    dropped: u64,
    last_sequence: u64,
    last_delivered_at: i64,
}

async fn destinations(State(state): State<AppState>, uri: Uri) -> Result<Response, ApiError> {
    query::params(&uri, &[])?;
    let engine = &state.inner.engine;
    let settings = engine.destination_settings();
    let listing = Listing {
        destinations: engine
            .destinations()
            .into_iter()
            .map(|d| Summary {
                destination: d.destination.to_string(),
                kind: d.kind.to_string(),
                records: d.records,
                dropped: d.dropped,
                last_sequence: d.last_sequence,
                last_delivered_at: d.last_delivered_at,
            })
            .collect(),
        keep_records: settings.keep_records,
        keep_bytes: settings.keep_bytes,
    };
    Ok(json(StatusCode::OK, &listing))
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Page<'a> {
    destination: &'a str,
    kind: &'a str,
    dropped: u64,
    records: &'a [std::sync::Arc<Delivered>],
    next_after: Option<u64>,
}

async fn records(
    State(state): State<AppState>,
    Path(destination): Path<String>,
    uri: Uri,
) -> Result<Response, ApiError> {
    let params = query::params(&uri, &["after", "limit"])?;
    let after = query::sequence(&params, "after")?;
    let limit = query::page_size(&params, "limit", DEFAULT_PAGE, MAX_PAGE)?;
    let page = state
        .inner
        .engine
        .destination_records(&destination, after.unwrap_or(0), limit)
        .ok_or_else(|| {
            ApiError::new(
                StatusCode::NOT_FOUND,
                "DestinationNotFound",
                format!(
                    "no record delivered to '{}' is kept (none was, or all were dropped)",
                    clip(&destination)
                ),
            )
        })?;
    Ok(json(
        StatusCode::OK,
        &Page {
            destination: &page.destination,
            kind: &page.kind,
            dropped: page.dropped,
            records: &page.records,
            next_after: page.next_after,
        },
    ))
}
