//! A client for Alibaba Cloud Function Compute 3.0 (API version 2023-03-30).
//!
//! The operation builders in this crate are generated from the fc3 OpenAPI spec
//! (`openapi/fc-2023-03-30.yaml`) by `cargo xtask codegen`; the models they take and return are
//! [`fc3_models`]' types. Hand-written code plugs into the generated [`Client`] at one seam, the
//! [`ClientHooks`](progenitor_client::ClientHooks) implementation in this file, which runs on
//! every fully built request before it is sent.
//!
//! # Example
//!
//! ```no_run
//! # async fn run() -> Result<(), Box<dyn std::error::Error>> {
//! use fc3_client::{Client, RuntimeState};
//! use fc3_models::{InvocationType, LogType};
//!
//! let client = Client::new_with_client(
//!     "http://127.0.0.1:9000",
//!     reqwest::Client::new(),
//!     RuntimeState::default(),
//! );
//! let answer = client
//!     .invoke_function()
//!     .function_name("thumbnailer")
//!     .x_fc_invocation_type(InvocationType::Sync)
//!     .x_fc_log_type(LogType::Tail)
//!     .body(r#"{"video":"cat.mp4"}"#)
//!     .send()
//!     .await?;
//! println!("{} {:?}", answer.status(), answer.headers().get("x-fc-request-id"));
//! # Ok(())
//! # }
//! ```

// Generated code is reviewed through the spec and the surface snapshots, not lints.
#[allow(missing_docs, unused_imports, clippy::all)]
#[rustfmt::skip]
mod generated;

pub use generated::*;
pub use progenitor_client::OperationInfo;

use progenitor_client::ClientHooks;
use reqwest::header::{HeaderName, HeaderValue};

/// The API version every request names in `x-acs-version`.
pub const API_VERSION: &str = "2023-03-30";

/// The per-client state the hand-written runtime keeps inside the generated [`Client`].
#[derive(Debug, Clone, Default)]
#[non_exhaustive]
pub struct RuntimeState {}

/// The FC action (`x-acs-action` value) of a generated operation: progenitor names operations
/// in snake_case (`invoke_function`), FC in PascalCase (`InvokeFunction`).
pub fn action_name(operation_id: &str) -> String {
    operation_id
        .split('_')
        .map(|word| {
            let mut chars = word.chars();
            match chars.next() {
                Some(first) => first.to_ascii_uppercase().to_string() + chars.as_str(),
                None => String::new(),
            }
        })
        .collect()
}

impl ClientHooks<RuntimeState> for Client {
    async fn pre<E>(
        &self,
        request: &mut reqwest::Request,
        info: &OperationInfo,
    ) -> Result<(), Error<E>> {
        let headers = request.headers_mut();
        // progenitor names the API version in its own header; FC reads x-acs-version.
        headers.remove("api-version");
        headers.insert(
            HeaderName::from_static("x-acs-version"),
            HeaderValue::from_static(API_VERSION),
        );
        let action = HeaderValue::try_from(action_name(info.operation_id))
            .map_err(|e| Error::Custom(format!("x-acs-action: {e}")))?;
        headers.insert(HeaderName::from_static("x-acs-action"), action);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::action_name;

    #[test]
    fn action_names_are_pascal_case() {
        assert_eq!(action_name("invoke_function"), "InvokeFunction");
        assert_eq!(
            action_name("list_async_invoke_configs"),
            "ListAsyncInvokeConfigs"
        );
        assert_eq!(action_name("stop_async_task"), "StopAsyncTask");
    }
}
