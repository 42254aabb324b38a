//! Function Compute 3.0 model types, generated from the fc3 OpenAPI spec.
//!
//! Every type here is generated from `openapi/fc-2023-03-30.yaml` by `cargo xtask codegen`:
//! the request and response bodies (`PutAsyncInvokeConfigInput`, `AsyncConfig`, `AsyncTask`,
//! ...), the enums of headers and query parameters (`InvocationType`, `LogType`,
//! `AsyncTaskStatus`, `SortOrder`), the constrained strings (`FunctionName`, `AsyncTaskId`, ...,
//! which validate on construction) and FC's `Error` body. They know nothing of HTTP, so the
//! client and the local emulator share them.
//!
//! [`rules`] (hand-written) holds FC's naming rules and limits as numbers and checks, shared by
//! the client, the emulator and the CLI.
//!
//! JSON keys are FC's (camelCase, PascalCase for `Error`); optional properties are `Option`s that
//! are left out of the JSON when `None`, so a value the caller did not set is never sent, while
//! a set zero (e.g. `maxAsyncRetryAttempts: 0`) always is.
//!
//! # Example
//!
//! ```
//! use fc3_models::{AsyncConfig, AsyncTaskId};
//!
//! let config: AsyncConfig =
//!     serde_json::from_str(r#"{"maxAsyncRetryAttempts":0,"asyncTask":true}"#).unwrap();
//! assert_eq!(config.max_async_retry_attempts, Some(0));
//! assert!(AsyncTaskId::try_from("video-42").is_ok());
//! assert!(AsyncTaskId::try_from("42-video").is_err());
//! ```

#[allow(missing_docs, clippy::all)]
#[rustfmt::skip]
mod generated;

pub mod lenient;
pub mod operation;
/// The spec's operations as data, their request types, and the facts the spec states once
/// (header names, body limits, documented defaults and ranges, servers). Generated.
#[allow(clippy::all)]
#[rustfmt::skip]
pub mod operations;
pub mod rules;

pub use generated::*;
