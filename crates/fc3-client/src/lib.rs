#![doc = include_str!("../README.md")]
//!
//! # Layers
//! - The builders ([`InvokeFunction`], [`PutAsyncInvokeConfig`], ...; started with
//!   `client.invoke_function("f")` and so on) are generated from the fc3 OpenAPI spec by
//!   `cargo xtask codegen`, one per operation: a setter (and a `set_*` twin) per parameter and
//!   body field, checked against the spec as it is called. A few hand-written setters add
//!   typed conveniences ([`PutAsyncInvokeConfig::on_failure`], [`InvokeFunction::payload_file`]).
//! - `send()` hands the request to one pipeline shared by every operation: credentials per
//!   attempt, ACS3-HMAC-SHA256 signing with a fresh date and nonce, retries as the spec's
//!   `x-fc3-retry` rule allows, attempt and operation time limits, a `tracing` span, and
//!   one typed [`Error`]. Secrets never reach `Debug` output or logs.
//! - Underneath, progenitor's generated client builds each HTTP request; it is private.
//! - With the `test-util` feature, `fc3_client::mock` answers the signed requests of a client
//!   built with `ClientBuilder::mock` in place of the network, below everything above.

// Generated code is reviewed through the spec and the surface snapshots, not lints.
#[allow(missing_docs, unused_imports, dead_code, unreachable_pub, clippy::all)]
#[rustfmt::skip]
mod generated;
// The public API, generated from the spec.
#[allow(clippy::all)]
#[rustfmt::skip]
mod fluent;

mod call;
mod config;
mod endpoint;
mod error;
mod extras;
mod invoke;
#[cfg(feature = "test-util")]
pub mod mock;
mod output;
mod pipeline;
mod retry;
mod transport;
mod waiter;

pub use config::{Client, ClientBuilder, ENDPOINT_VAR, REGION_VAR, Timeouts};
pub use endpoint::Endpoint;
pub use error::{Error, ServiceError, TimeoutScope};
pub use fluent::*;
pub use invoke::{FunctionError, InvokeOutput, Payload};
pub use output::Output;
pub use retry::RetryPolicy;
pub use transport::API_VERSION;
pub use waiter::WaitForTask;

pub use fc3_credentials::{Credentials, CredentialsError, ProvideCredentials};
pub use fc3_models::operations::limits::{MAX_ASYNC_PAYLOAD, MAX_SYNC_PAYLOAD};
pub use fc3_models::{AsyncTaskStatus, InvocationType, LogType, SortOrder};
