#![doc = include_str!("../README.md")]
//!
//! # Layers
//! - The operation builders under [`builder`] (e.g. `client.invoke_function()`) are generated
//!   from the fc3 OpenAPI spec by `cargo xtask codegen`; they take and return [`fc3_models`]
//!   types and hand back progenitor's raw results.
//! - The fluent API ([`Client::invoke`], [`Client::put_async_config`], ...) is hand-written on
//!   top: validation before any I/O, typed results ([`InvokeOutput`]), one [`Error`] type,
//!   per-call timeouts and paginators.
//! - Every request of either layer passes the hand-written transport (the generated client's
//!   `ClientHooks`): FC's headers, ACS3-HMAC-SHA256 signing with a fresh date and nonce per
//!   attempt, retries with backoff, and a `tracing` span per operation. Secrets never reach
//!   `Debug` output or logs.

// Generated code is reviewed through the spec and the surface snapshots, not lints.
#[allow(missing_docs, unused_imports, dead_code, clippy::all)]
#[rustfmt::skip]
mod generated;

mod call;
mod config;
mod endpoint;
mod error;
mod invoke;
mod operations;
mod output;
mod retry;
mod transport;
mod validate;

pub use config::{ClientBuilder, ENDPOINT_VAR, REGION_VAR, RuntimeState, Timeouts};
pub use endpoint::Endpoint;
pub use error::{Error, ServiceError, TimeoutScope};
pub use generated::{ByteStream, Client, ResponseValue, builder};
pub use invoke::{
    FunctionError, Invoke, InvokeOutput, MAX_ASYNC_PAYLOAD, MAX_SYNC_PAYLOAD, Payload,
};
pub use operations::{
    DeleteAsyncConfig, GetAsyncConfig, GetTask, ListAsyncConfigs, ListTasks, PutAsyncConfig,
    StopTask,
};
pub use output::Output;
pub use retry::RetryPolicy;
pub use transport::{API_VERSION, action_name};
pub use validate::{MAX_ASYNC_EVENT_AGE_SECONDS, MAX_ASYNC_RETRY_ATTEMPTS, MAX_DESTINATION_LEN};

pub use fc3_credentials::{Credentials, CredentialsError, ProvideCredentials};
pub use fc3_models::{AsyncTaskStatus, InvocationType, LogType, SortOrder};

/// The generated client's own error type, returned by the generated builders' `send()`.
pub type RawError = generated::Error<fc3_models::Error>;
