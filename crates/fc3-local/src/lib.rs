#![doc = include_str!("../README.md")]
//!
//! # Design
//!
//! - **One router, no socket needed.** [`app`] builds the `axum::Router` from an [`AppState`];
//!   tests drive it with `tower::ServiceExt::oneshot`, and [`Server`] binds it to an address
//!   (port 0 allowed) for the binary and for embedding (the fc3 CLI).
//! - **Time is injected.** Every timestamp, timeout, backoff and expiry reads the [`Clock`] of
//!   [`Options`]; [`ManualClock`] makes the retry and expiry tests run in milliseconds.
//! - **Memory first, store behind.** All reads are served from memory; with a data dir, every
//!   change is also written to a redb database by one group-commit thread, and an accepted
//!   async invocation is answered 202 only once it is durable. A change whose write fails is
//!   undone; the store reopens itself once the disk has room again (`GET /health` tells).
//! - **Bounded under attack.** The async queue, destination chains and records, connections
//!   and their timeouts all have limits (`[async]`, `[limits]`, `[server]` in [`Config`]).
//! - **Model types from fc3-models** for every JSON body sent or stored; input is checked
//!   field by field first, so a 400 names the field and the rule.

mod auth;
mod clock;
mod config;
mod engine;
mod error;
mod functions;
mod ids;
mod inspector;
mod launch;
mod options;
mod routes;
mod server;
mod state;
mod store;
mod validate;

pub use bytes::Bytes;
pub use clock::{Clock, ManualClock, Sleep, SystemClock};
pub use config::{
    AccessKeyConfig, AsyncSettings, CommandLine, Config, ConfigError, DEFAULT_ACCOUNT_ID,
    DEFAULT_ASYNC_PAYLOAD_BYTES, DEFAULT_BODY_READ_TIMEOUT_SECONDS, DEFAULT_DESTINATION_LOG_BYTES,
    DEFAULT_HEADER_READ_TIMEOUT_SECONDS, DEFAULT_KEEP_RECORD_BYTES, DEFAULT_KEEP_RECORDS,
    DEFAULT_MAX_DESTINATION_HOPS, DEFAULT_MAX_FINISHED_BYTES, DEFAULT_MAX_FINISHED_TASKS,
    DEFAULT_MAX_QUEUED_BYTES, DEFAULT_MAX_QUEUED_EVENTS, DEFAULT_REGION,
    DEFAULT_SYNC_PAYLOAD_BYTES, DEFAULT_TASK_RETENTION_SECONDS, DEFAULT_TIMEOUT_SECONDS,
    DEV_ACCESS_KEY_ID, DEV_ACCESS_KEY_SECRET, DestinationSettings, FunctionConfig, FunctionKind,
    Limits, ServerSettings,
};
pub use engine::{
    CONDITION_EXPIRED, CONDITION_SUCCESS, DEFAULT_MAX_EVENT_AGE_SECONDS,
    DEFAULT_MAX_RETRY_ATTEMPTS, MAX_STORED_RESPONSE_BYTES,
};
pub use error::ApiError;
pub use functions::{
    Context, FunctionError, Invocations, NotReceived, ReceivedInvocation, RustFunction,
};
pub use inspector::{INSPECTOR_PATH, PREVIEW_BYTES};
pub use launch::{Launch, ServeError, serve_until_signal};
pub use routes::{LOG_TAIL_BYTES, OPENAPI_YAML, app};
pub use store::StoreError;

pub use options::{ENV_ACCESS_KEY_ID, ENV_ACCESS_KEY_SECRET, Options, StartError};
pub use server::Server;
pub use state::AppState;

/// Compiles the README's example as a doctest.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctest;
