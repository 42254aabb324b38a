//! Destinations: where a finished event's record goes (`onSuccess` / `onFailure` of its async
//! invoke configuration) and what that record holds, in FC's format.
//!
//! A target is a local function (`acs:fc:{region}:{account}:functions/{name}`), delivered to
//! as an async invocation of LATEST; every other kind FC supports (MNS, EventBridge, RocketMQ)
//! is accepted by PutAsyncInvokeConfig but not emulated: [`Target::NotEmulated`] is where
//! another kind of target goes.

use std::sync::Arc;

use bytes::Bytes;
use fc3_models::AsyncConfig;
use serde::{Deserialize, Serialize};

use super::lifecycle::Delivery;
use crate::functions::{Function, Functions};

/// The record delivered to a destination, in FC's documented format:
/// `{"timestamp","requestContext":{"requestId","functionArn","condition","approximateInvokeCount"},
/// "requestPayload","responseContext":{"statusCode","functionError"},"responsePayload"}`.
///
/// `condition` is empty after a success, the function error type (e.g.
/// `UnhandledInvocationError`) after the retries ran out, and `EventAgeExceeded` after the
/// event expired. Payloads are text (bytes that are not UTF-8 are replaced).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DestinationRecord {
    /// When the record was made, in milliseconds since the Unix epoch.
    pub timestamp: i64,
    /// The invocation.
    pub request_context: RequestContext,
    /// The event.
    pub request_payload: String,
    /// The last try's result.
    pub response_context: ResponseContext,
    /// The function's answer of the last try (at most 128 KiB).
    pub response_payload: String,
}

/// `requestContext` of a [`DestinationRecord`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RequestContext {
    /// The request id shared by all tries.
    pub request_id: String,
    /// The ARN of the function invoked.
    pub function_arn: String,
    /// Why the record was delivered (see [`DestinationRecord`]).
    pub condition: String,
    /// How many tries ran.
    pub approximate_invoke_count: u32,
}

/// `responseContext` of a [`DestinationRecord`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ResponseContext {
    /// 200 when the function ran (even if it failed), 0 when no try ran.
    pub status_code: u16,
    /// The `x-fc-error-type` of the last try, empty on success.
    pub function_error: String,
}

/// Where a record goes.
pub(crate) enum Target {
    /// A function of this emulator.
    Function(Arc<Function>),
    /// A destination fc3-local does not emulate (its ARN): the record is not delivered.
    NotEmulated(String),
}

/// `destinationStatus` of a source task whose record was queued for its destination.
pub(crate) const DELIVERED: &str = "Succeeded";
/// `destinationStatus` of a source task whose record could not be delivered.
pub(crate) const NOT_DELIVERED: &str = "Failed";

/// The destination of a delivery under `config`, if one is configured.
pub(crate) fn target(
    config: Option<&AsyncConfig>,
    delivery: &Delivery,
    functions: &Functions,
) -> Option<Target> {
    let destinations = config?.destination_config.as_ref()?;
    let side = if delivery.success {
        destinations.on_success.as_ref()
    } else {
        destinations.on_failure.as_ref()
    };
    let arn = side?.destination.as_ref()?.to_string();
    let function = fc3_models::rules::parse_destination(&arn)
        .ok()
        .and_then(|d| d.function_name())
        .and_then(|name| functions.get(name).cloned());
    Some(match function {
        Some(function) => Target::Function(function),
        None => Target::NotEmulated(arn),
    })
}

/// What a record is made from: the finished event.
pub(crate) struct Source<'a> {
    pub(crate) request_id: &'a str,
    pub(crate) function_arn: &'a str,
    pub(crate) tries: u32,
    pub(crate) payload: &'a [u8],
    pub(crate) response: &'a str,
}

/// The record of a delivery, encoded as the destination's event.
pub(crate) fn encode(source: &Source<'_>, delivery: &Delivery, now_ms: i64) -> Bytes {
    let record = DestinationRecord {
        timestamp: now_ms,
        request_context: RequestContext {
            request_id: source.request_id.to_owned(),
            function_arn: source.function_arn.to_owned(),
            condition: delivery.condition.clone(),
            approximate_invoke_count: source.tries,
        },
        request_payload: String::from_utf8_lossy(source.payload).into_owned(),
        response_context: ResponseContext {
            status_code: delivery.status_code,
            function_error: delivery.function_error.clone(),
        },
        response_payload: source.response.to_owned(),
    };
    Bytes::from(serde_json::to_vec(&record).unwrap_or_default())
}
