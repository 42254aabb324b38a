//! `kind = "http"`, FC custom-runtime style: the event is POSTed to `{url}/invoke` with FC's
//! context headers; the answer's body is the function's answer, a 5xx or a connection failure
//! a function error.

use bytes::Bytes;
use fc3_models::operations::headers;

use super::{Failure, Function, InvokeContext, MAX_RESPONSE_BYTES, Outcome, UNHANDLED, unhandled};
use crate::error::clip;

/// Where the function's server listens, and a client for it.
pub(super) struct Http {
    url: String,
    client: reqwest::Client,
}

impl Http {
    pub(super) fn new(url: &str) -> Self {
        Self {
            url: url.trim_end_matches('/').to_owned(),
            client: fc3_credentials::http_client_builder()
                .no_proxy()
                .build()
                .unwrap_or_else(|_| reqwest::Client::new()),
        }
    }

    pub(super) async fn run(
        &self,
        function: &Function,
        ctx: &InvokeContext,
        event: Bytes,
    ) -> (Outcome, Vec<u8>) {
        let target = format!("{}/invoke", self.url);
        let sent = self
            .client
            .post(&target)
            .header("content-type", "application/octet-stream")
            .header(headers::X_FC_REQUEST_ID, &ctx.request_id)
            .header("x-fc-control-path", "/invoke")
            .header("x-fc-function-name", &function.name)
            .header("x-fc-qualifier", &ctx.qualifier)
            .header("x-fc-version-id", &ctx.version)
            .header("x-fc-region", &ctx.region)
            .header("x-fc-account-id", &ctx.account_id)
            .header(headers::X_FC_INSTANCE_ID, &function.instance_id)
            .body(event)
            .send()
            .await;
        let response = match sent {
            Ok(r) => r,
            Err(e) => {
                let message = format!("cannot reach the function's HTTP server at {target}: {e}");
                return unhandled("ConnectionFailed", &message);
            }
        };
        let status = response.status();
        let body = match response.bytes().await {
            Ok(b) => b,
            Err(e) => {
                let message = format!("cannot read the answer of {target}: {e}");
                return unhandled("ConnectionFailed", &message);
            }
        };
        let log = format!("http: POST {target} answered {}\n", status.as_u16()).into_bytes();
        if status.is_server_error() {
            let message = format!(
                "the function's HTTP server answered {}: {}",
                status.as_u16(),
                clip(&String::from_utf8_lossy(&body))
            );
            return (
                Outcome::Error(Failure::new(UNHANDLED, "HttpServerError", &message)),
                log,
            );
        }
        if body.len() > MAX_RESPONSE_BYTES {
            let message = format!("the function answered more than {MAX_RESPONSE_BYTES} bytes");
            return (
                Outcome::Error(Failure::new(UNHANDLED, "ResponseTooLarge", &message)),
                log,
            );
        }
        (Outcome::Success(body), log)
    }
}
