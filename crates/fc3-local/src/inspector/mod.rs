//! The inspector: a read-only web page at `/_fc3/` that shows the async queue, its retries and
//! where outcomes went, and the small JSON API under `/_fc3/api/` it reads (documented in the
//! crate's README, "The inspector").
//!
//! | module | job |
//! |---|---|
//! | `access` | who may read it: open on a loopback address (to loopback host names only), signed requests elsewhere |
//! | `api` | the JSON answers, rendered outside the engine's lock from `engine::inspect`'s views |
//! | `page.html` | the page: HTML, CSS and plain JavaScript in one file, embedded in the binary |
//!
//! The page polls the API every second rather than holding a server-sent event stream open:
//! each answer is a bounded snapshot read from memory in one short lock, a poll needs no
//! connection kept open (so it neither counts against `server.max_connections` for long nor
//! holds up a graceful shutdown, which waits for requests in flight), and the page pauses
//! while it is hidden.

mod access;
mod api;

use axum::Router;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use fc3_models::DestinationRecord;

use crate::{AppState, Server};
pub(crate) use access::Listening;
pub use api::PREVIEW_BYTES;

/// The path of the page.
pub const INSPECTOR_PATH: &str = "/_fc3/";

/// The page: one self-contained file (no build step, nothing fetched from elsewhere).
const PAGE: &str = include_str!("page.html");

/// What the page may do: run its own inline script and style, and fetch from this server;
/// nothing else is loaded, framed or submitted.
const PAGE_POLICY: &str = "default-src 'none'; script-src 'unsafe-inline'; \
    style-src 'unsafe-inline'; connect-src 'self'; img-src data:; base-uri 'none'; \
    form-action 'none'; frame-ancestors 'none'";

/// The inspector's routes: the page and the JSON API, behind [`access::gate`].
pub(crate) fn routes(state: AppState) -> Router<AppState> {
    Router::new()
        .route(
            "/_fc3",
            get(|| async { Redirect::permanent(INSPECTOR_PATH) }),
        )
        .route(INSPECTOR_PATH, get(page))
        .route("/_fc3/api", get(api::index))
        .route("/_fc3/api/", get(api::index))
        .route("/_fc3/api/functions", get(api::functions))
        .route("/_fc3/api/queue", get(api::queue))
        .route("/_fc3/api/tasks", get(api::tasks))
        .route("/_fc3/api/destinations", get(api::destinations))
        .route_layer(axum::middleware::from_fn_with_state(state, access::gate))
}

async fn page() -> Response {
    let mut response = PAGE.into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(PAGE_POLICY),
    );
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    response
}

/// A record delivered to a destination that is not a local function (an MNS queue, an
/// EventBridge bus, a RocketMQ topic).
#[derive(Clone, Debug)]
pub(crate) struct OtherRecord {
    /// The destination's ARN.
    pub(crate) arn: String,
    /// When it was delivered (epoch ms).
    pub(crate) time_ms: i64,
    /// What was delivered.
    pub(crate) record: DestinationRecord,
}

/// The newest `limit` records delivered to destinations that are not local functions (MNS,
/// EventBridge, RocketMQ: the engine's `deliveries`, listed at `/_fc3/destinations`), newest
/// first. Records delivered to local functions are read from the engine (`api::destinations`).
pub(crate) fn records(state: &AppState, limit: usize) -> Vec<OtherRecord> {
    // Decoded outside the engine's lock: it hands out shared references.
    state
        .inner
        .engine
        .newest_deliveries(limit)
        .into_iter()
        .filter_map(|delivered| {
            let record = serde_json::from_str(delivered.record.get()).ok()?;
            Some(OtherRecord {
                arn: delivered.destination.to_string(),
                time_ms: delivered.delivered_at,
                record,
            })
        })
        .collect()
}

impl Server {
    /// The inspector's address, `http://IP:PORT/_fc3/`.
    pub fn inspector_url(&self) -> String {
        format!("{}{INSPECTOR_PATH}", self.endpoint())
    }

    /// Whether a browser can open the inspector: fc3-local listens on a loopback address.
    /// Elsewhere it answers signed requests only, as the FC routes do.
    pub fn inspector_is_open(&self) -> bool {
        access::is_loopback(self.local_addr().ip())
    }

    /// One line for people, saying where the inspector is and who can read it.
    pub fn inspector_notice(&self) -> String {
        if self.inspector_is_open() {
            format!(
                "inspector (the queue, retries and destinations, live): {}",
                self.inspector_url()
            )
        } else {
            format!(
                "inspector: {} answers signed requests only, since fc3-local does not listen \
                 on a loopback address (listen on 127.0.0.1 to open it in a browser)",
                self.inspector_url()
            )
        }
    }
}
