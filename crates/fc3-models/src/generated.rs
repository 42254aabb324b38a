// Generated from openapi/fc-2023-03-30.yaml by `cargo xtask codegen`. Do not edit: change the spec or the generator and regenerate.

///A function's stored asynchronous invocation configuration.
#[derive(
    ::serde::Deserialize,
    ::serde::Serialize,
    Clone,
    Debug,
    Default,
    PartialEq,
    schemars::JsonSchema
)]
#[non_exhaustive]
pub struct AsyncConfig {
    ///Whether asynchronous invocations are tracked as async tasks.
    #[serde(
        rename = "asyncTask",
        skip_serializing_if = "::std::option::Option::is_none"
    )]
    pub async_task: ::std::option::Option<bool>,
    /**When the configuration was first stored, as RFC 3339 text (the reference pages
show Go's layout string `2006-01-02T15:04:05Z07:00`, so it is kept as text).
*/
    #[serde(
        rename = "createdTime",
        skip_serializing_if = "::std::option::Option::is_none"
    )]
    pub created_time: ::std::option::Option<::std::string::String>,
    #[serde(
        rename = "destinationConfig",
        skip_serializing_if = "::std::option::Option::is_none"
    )]
    pub destination_config: ::std::option::Option<DestinationConfig>,
    ///The function's ARN, `acs:fc:{region}:{accountId}:functions/{name}`.
    #[serde(
        rename = "functionArn",
        skip_serializing_if = "::std::option::Option::is_none"
    )]
    pub function_arn: ::std::option::Option<::std::string::String>,
    ///When the configuration was last changed, as RFC 3339 text.
    #[serde(
        rename = "lastModifiedTime",
        skip_serializing_if = "::std::option::Option::is_none"
    )]
    pub last_modified_time: ::std::option::Option<::std::string::String>,
    ///The longest an event may wait before it is dropped, in seconds (1 to 604800).
    #[serde(
        rename = "maxAsyncEventAgeInSeconds",
        skip_serializing_if = "::std::option::Option::is_none"
    )]
    pub max_async_event_age_in_seconds: ::std::option::Option<::std::num::NonZeroU64>,
    ///How many times a failed invocation is retried (0 to 8).
    #[serde(
        rename = "maxAsyncRetryAttempts",
        skip_serializing_if = "::std::option::Option::is_none"
    )]
    pub max_async_retry_attempts: ::std::option::Option<i64>,
}
impl AsyncConfig {
    pub fn builder() -> builder::AsyncConfig {
        Default::default()
    }
}
///One tracked asynchronous invocation.
#[derive(
    ::serde::Deserialize,
    ::serde::Serialize,
    Clone,
    Debug,
    Default,
    PartialEq,
    schemars::JsonSchema
)]
#[non_exhaustive]
pub struct AsyncTask {
    ///How many retries have been made (tries minus one).
    #[serde(
        rename = "alreadyRetriedTimes",
        skip_serializing_if = "::std::option::Option::is_none"
    )]
    pub already_retried_times: ::std::option::Option<i64>,
    ///Whether the outcome record reached its destination (e.g. `Succeeded`, `Failed`).
    #[serde(
        rename = "destinationStatus",
        skip_serializing_if = "::std::option::Option::is_none"
    )]
    pub destination_status: ::std::option::Option<::std::string::String>,
    ///How long the task took, in milliseconds.
    #[serde(
        rename = "durationMs",
        skip_serializing_if = "::std::option::Option::is_none"
    )]
    pub duration_ms: ::std::option::Option<i64>,
    ///When the task reached a terminal state, in milliseconds since the Unix epoch.
    #[serde(rename = "endTime", skip_serializing_if = "::std::option::Option::is_none")]
    pub end_time: ::std::option::Option<i64>,
    ///The task's history, oldest first.
    #[serde(default, skip_serializing_if = "::std::vec::Vec::is_empty")]
    #[serde(deserialize_with = "crate::lenient::null_as_empty")]
    pub events: ::std::vec::Vec<AsyncTaskEvent>,
    ///The ARN of the function invoked.
    #[serde(
        rename = "functionArn",
        skip_serializing_if = "::std::option::Option::is_none"
    )]
    pub function_arn: ::std::option::Option<::std::string::String>,
    ///The instance that ran the last try.
    #[serde(
        rename = "instanceId",
        skip_serializing_if = "::std::option::Option::is_none"
    )]
    pub instance_id: ::std::option::Option<::std::string::String>,
    ///The version or alias invoked.
    #[serde(skip_serializing_if = "::std::option::Option::is_none")]
    pub qualifier: ::std::option::Option<::std::string::String>,
    ///The request id shared by all tries.
    #[serde(
        rename = "requestId",
        skip_serializing_if = "::std::option::Option::is_none"
    )]
    pub request_id: ::std::option::Option<::std::string::String>,
    ///The function's output of the last try.
    #[serde(
        rename = "returnPayload",
        skip_serializing_if = "::std::option::Option::is_none"
    )]
    pub return_payload: ::std::option::Option<::std::string::String>,
    ///When the task was accepted, in milliseconds since the Unix epoch.
    #[serde(
        rename = "startedTime",
        skip_serializing_if = "::std::option::Option::is_none"
    )]
    pub started_time: ::std::option::Option<i64>,
    #[serde(skip_serializing_if = "::std::option::Option::is_none")]
    pub status: ::std::option::Option<AsyncTaskStatus>,
    ///Why the task failed, when it did.
    #[serde(
        rename = "taskErrorMessage",
        skip_serializing_if = "::std::option::Option::is_none"
    )]
    pub task_error_message: ::std::option::Option<::std::string::String>,
    ///The task's id (caller-chosen or generated).
    #[serde(rename = "taskId", skip_serializing_if = "::std::option::Option::is_none")]
    pub task_id: ::std::option::Option<::std::string::String>,
    ///The event, when asked for with `includePayload`.
    #[serde(
        rename = "taskPayload",
        skip_serializing_if = "::std::option::Option::is_none"
    )]
    pub task_payload: ::std::option::Option<::std::string::String>,
}
impl AsyncTask {
    pub fn builder() -> builder::AsyncTask {
        Default::default()
    }
}
///One step in an async task's history.
#[derive(
    ::serde::Deserialize,
    ::serde::Serialize,
    Clone,
    Debug,
    Default,
    PartialEq,
    schemars::JsonSchema
)]
#[non_exhaustive]
pub struct AsyncTaskEvent {
    ///Free text about the step, e.g. the error of a failed try.
    #[serde(
        rename = "eventDetail",
        skip_serializing_if = "::std::option::Option::is_none"
    )]
    pub event_detail: ::std::option::Option<::std::string::String>,
    ///The step's number within the task, from 1.
    #[serde(rename = "eventId", skip_serializing_if = "::std::option::Option::is_none")]
    pub event_id: ::std::option::Option<i64>,
    #[serde(skip_serializing_if = "::std::option::Option::is_none")]
    pub status: ::std::option::Option<AsyncTaskStatus>,
    ///When the step happened, in milliseconds since the Unix epoch.
    #[serde(skip_serializing_if = "::std::option::Option::is_none")]
    pub timestamp: ::std::option::Option<i64>,
}
impl AsyncTaskEvent {
    pub fn builder() -> builder::AsyncTaskEvent {
        Default::default()
    }
}
/**A caller-chosen async task id: a letter or an underscore, then letters, digits,
underscores and hyphens; 128 characters at most.
*/
#[derive(
    ::serde::Serialize,
    Clone,
    Debug,
    Eq,
    Hash,
    Ord,
    PartialEq,
    PartialOrd,
    schemars::JsonSchema
)]
#[serde(transparent)]
pub struct AsyncTaskId(::std::string::String);
impl ::std::ops::Deref for AsyncTaskId {
    type Target = ::std::string::String;
    fn deref(&self) -> &::std::string::String {
        &self.0
    }
}
impl ::std::convert::From<AsyncTaskId> for ::std::string::String {
    fn from(value: AsyncTaskId) -> Self {
        value.0
    }
}
impl ::std::str::FromStr for AsyncTaskId {
    type Err = self::error::ConversionError;
    fn from_str(
        value: &str,
    ) -> ::std::result::Result<Self, self::error::ConversionError> {
        if value.chars().count() > 128usize {
            return Err("longer than 128 characters".into());
        }
        if value.chars().count() < 1usize {
            return Err("shorter than 1 characters".into());
        }
        static PATTERN: ::std::sync::LazyLock<::regress::Regex> = ::std::sync::LazyLock::new(||
        { ::regress::Regex::new("^[A-Za-z_][A-Za-z0-9_-]{0,127}$").unwrap() });
        if PATTERN.find(value).is_none() {
            return Err(
                "doesn't match pattern \"^[A-Za-z_][A-Za-z0-9_-]{0,127}$\"".into(),
            );
        }
        Ok(Self(value.to_string()))
    }
}
impl ::std::convert::TryFrom<&str> for AsyncTaskId {
    type Error = self::error::ConversionError;
    fn try_from(
        value: &str,
    ) -> ::std::result::Result<Self, self::error::ConversionError> {
        value.parse()
    }
}
impl ::std::convert::TryFrom<::std::string::String> for AsyncTaskId {
    type Error = self::error::ConversionError;
    fn try_from(
        value: ::std::string::String,
    ) -> ::std::result::Result<Self, self::error::ConversionError> {
        value.parse()
    }
}
impl<'de> ::serde::Deserialize<'de> for AsyncTaskId {
    fn deserialize<D>(deserializer: D) -> ::std::result::Result<Self, D::Error>
    where
        D: ::serde::Deserializer<'de>,
    {
        ::std::string::String::deserialize(deserializer)?
            .parse()
            .map_err(|e: self::error::ConversionError| {
                <D::Error as ::serde::de::Error>::custom(e.to_string())
            })
    }
}
/**Where an asynchronous invocation's outcome record is delivered. An empty object means
none. Supported targets: Function Compute functions
(`acs:fc:{region}:{accountId}:functions/{name}`), MNS queues and topics, EventBridge
event buses and ApsaraMQ for RocketMQ topics.
*/
#[derive(
    ::serde::Deserialize,
    ::serde::Serialize,
    Clone,
    Debug,
    Default,
    PartialEq,
    schemars::JsonSchema
)]
#[non_exhaustive]
pub struct Destination {
    #[serde(skip_serializing_if = "::std::option::Option::is_none")]
    pub destination: ::std::option::Option<DestinationArn>,
}
impl Destination {
    pub fn builder() -> builder::Destination {
        Default::default()
    }
}
/**The ARN of a destination, 512 characters at most, e.g.
`acs:fc:{region}:{accountId}:functions/{name}` for a function or
`acs:mns:{region}:{accountId}:/queues/{queue}/messages` for an MNS queue: shaped
`acs:{service}:{region}:{account}:{resource}` without whitespace, the service in
lower-case letters, digits and `-`; for `fc` the resource is `functions/{name}` with a
valid function name (the rule `destination-arn`, checked by client and emulator alike).
*/
#[derive(
    ::serde::Serialize,
    Clone,
    Debug,
    Eq,
    Hash,
    Ord,
    PartialEq,
    PartialOrd,
    schemars::JsonSchema
)]
#[serde(transparent)]
pub struct DestinationArn(::std::string::String);
impl ::std::ops::Deref for DestinationArn {
    type Target = ::std::string::String;
    fn deref(&self) -> &::std::string::String {
        &self.0
    }
}
impl ::std::convert::From<DestinationArn> for ::std::string::String {
    fn from(value: DestinationArn) -> Self {
        value.0
    }
}
impl ::std::str::FromStr for DestinationArn {
    type Err = self::error::ConversionError;
    fn from_str(
        value: &str,
    ) -> ::std::result::Result<Self, self::error::ConversionError> {
        if value.chars().count() > 512usize {
            return Err("longer than 512 characters".into());
        }
        Ok(Self(value.to_string()))
    }
}
impl ::std::convert::TryFrom<&str> for DestinationArn {
    type Error = self::error::ConversionError;
    fn try_from(
        value: &str,
    ) -> ::std::result::Result<Self, self::error::ConversionError> {
        value.parse()
    }
}
impl ::std::convert::TryFrom<::std::string::String> for DestinationArn {
    type Error = self::error::ConversionError;
    fn try_from(
        value: ::std::string::String,
    ) -> ::std::result::Result<Self, self::error::ConversionError> {
        value.parse()
    }
}
impl<'de> ::serde::Deserialize<'de> for DestinationArn {
    fn deserialize<D>(deserializer: D) -> ::std::result::Result<Self, D::Error>
    where
        D: ::serde::Deserializer<'de>,
    {
        ::std::string::String::deserialize(deserializer)?
            .parse()
            .map_err(|e: self::error::ConversionError| {
                <D::Error as ::serde::de::Error>::custom(e.to_string())
            })
    }
}
/**The destinations of an asynchronous invocation's outcome. The record delivered is a
`DestinationRecord`.
*/
#[derive(
    ::serde::Deserialize,
    ::serde::Serialize,
    Clone,
    Debug,
    Default,
    PartialEq,
    schemars::JsonSchema
)]
#[non_exhaustive]
pub struct DestinationConfig {
    #[serde(
        rename = "onFailure",
        skip_serializing_if = "::std::option::Option::is_none"
    )]
    pub on_failure: ::std::option::Option<Destination>,
    #[serde(
        rename = "onSuccess",
        skip_serializing_if = "::std::option::Option::is_none"
    )]
    pub on_success: ::std::option::Option<Destination>,
}
impl DestinationConfig {
    pub fn builder() -> builder::DestinationConfig {
        Default::default()
    }
}
/**What the service delivers to an `onSuccess` or `onFailure` destination when an
asynchronous invocation ends (FC's documented format, which differs from AWS Lambda's).
Payloads are text. Every field is always there.
*/
#[derive(
    ::serde::Deserialize,
    ::serde::Serialize,
    Clone,
    Debug,
    PartialEq,
    schemars::JsonSchema
)]
#[non_exhaustive]
pub struct DestinationRecord {
    #[serde(rename = "requestContext")]
    pub request_context: DestinationRequestContext,
    ///The event of the invocation.
    #[serde(rename = "requestPayload")]
    pub request_payload: ::std::string::String,
    #[serde(rename = "responseContext")]
    pub response_context: DestinationResponseContext,
    ///The function's answer of the last try.
    #[serde(rename = "responsePayload")]
    pub response_payload: ::std::string::String,
    ///When the record was made, in milliseconds since the Unix epoch.
    pub timestamp: i64,
}
impl DestinationRecord {
    pub fn builder() -> builder::DestinationRecord {
        Default::default()
    }
}
///The invocation a `DestinationRecord` is about.
#[derive(
    ::serde::Deserialize,
    ::serde::Serialize,
    Clone,
    Debug,
    PartialEq,
    schemars::JsonSchema
)]
#[non_exhaustive]
pub struct DestinationRequestContext {
    ///How many tries ran.
    #[serde(rename = "approximateInvokeCount")]
    pub approximate_invoke_count: i64,
    /**Why the record was delivered: empty after a success, the function's error type
(e.g. `UnhandledInvocationError`) after the retries ran out, `EventAgeExceeded`
after the event expired (the full list is not documented).
*/
    pub condition: ::std::string::String,
    ///The ARN of the function invoked.
    #[serde(rename = "functionArn")]
    pub function_arn: ::std::string::String,
    ///The request id shared by all tries.
    #[serde(rename = "requestId")]
    pub request_id: ::std::string::String,
}
impl DestinationRequestContext {
    pub fn builder() -> builder::DestinationRequestContext {
        Default::default()
    }
}
///The result of the last try of the invocation a `DestinationRecord` is about.
#[derive(
    ::serde::Deserialize,
    ::serde::Serialize,
    Clone,
    Debug,
    PartialEq,
    schemars::JsonSchema
)]
#[non_exhaustive]
pub struct DestinationResponseContext {
    ///The `x-fc-error-type` of the last try; empty after a success.
    #[serde(rename = "functionError")]
    pub function_error: ::std::string::String,
    ///200 when the function ran (even if it failed), 0 when no try ran.
    #[serde(rename = "statusCode")]
    pub status_code: i64,
}
impl DestinationResponseContext {
    pub fn builder() -> builder::DestinationResponseContext {
        Default::default()
    }
}
/**The body of every non-2XX answer. Keys are PascalCase, unlike the rest of the API.
*/
#[derive(
    ::serde::Deserialize,
    ::serde::Serialize,
    Clone,
    Debug,
    Default,
    PartialEq,
    schemars::JsonSchema
)]
#[non_exhaustive]
pub struct Error {
    ///A stable, machine-readable error code, e.g. `FunctionNotFound`.
    #[serde(rename = "Code", skip_serializing_if = "::std::option::Option::is_none")]
    pub code: ::std::option::Option<::std::string::String>,
    ///What went wrong, for people.
    #[serde(rename = "Message", skip_serializing_if = "::std::option::Option::is_none")]
    pub message: ::std::option::Option<::std::string::String>,
    ///The request id, to quote when asking for support.
    #[serde(
        rename = "RequestId",
        skip_serializing_if = "::std::option::Option::is_none"
    )]
    pub request_id: ::std::option::Option<::std::string::String>,
}
impl Error {
    pub fn builder() -> builder::Error {
        Default::default()
    }
}
/**A function's name, as it appears in the request path: 1 to 64 letters, digits, `_` or
`-`, starting with a letter or `_`.
*/
#[derive(
    ::serde::Serialize,
    Clone,
    Debug,
    Eq,
    Hash,
    Ord,
    PartialEq,
    PartialOrd,
    schemars::JsonSchema
)]
#[serde(transparent)]
pub struct FunctionName(::std::string::String);
impl ::std::ops::Deref for FunctionName {
    type Target = ::std::string::String;
    fn deref(&self) -> &::std::string::String {
        &self.0
    }
}
impl ::std::convert::From<FunctionName> for ::std::string::String {
    fn from(value: FunctionName) -> Self {
        value.0
    }
}
impl ::std::str::FromStr for FunctionName {
    type Err = self::error::ConversionError;
    fn from_str(
        value: &str,
    ) -> ::std::result::Result<Self, self::error::ConversionError> {
        if value.chars().count() > 64usize {
            return Err("longer than 64 characters".into());
        }
        if value.chars().count() < 1usize {
            return Err("shorter than 1 characters".into());
        }
        static PATTERN: ::std::sync::LazyLock<::regress::Regex> = ::std::sync::LazyLock::new(||
        { ::regress::Regex::new("^[A-Za-z_][A-Za-z0-9_-]*$").unwrap() });
        if PATTERN.find(value).is_none() {
            return Err("doesn't match pattern \"^[A-Za-z_][A-Za-z0-9_-]*$\"".into());
        }
        Ok(Self(value.to_string()))
    }
}
impl ::std::convert::TryFrom<&str> for FunctionName {
    type Error = self::error::ConversionError;
    fn try_from(
        value: &str,
    ) -> ::std::result::Result<Self, self::error::ConversionError> {
        value.parse()
    }
}
impl ::std::convert::TryFrom<::std::string::String> for FunctionName {
    type Error = self::error::ConversionError;
    fn try_from(
        value: ::std::string::String,
    ) -> ::std::result::Result<Self, self::error::ConversionError> {
        value.parse()
    }
}
impl<'de> ::serde::Deserialize<'de> for FunctionName {
    fn deserialize<D>(deserializer: D) -> ::std::result::Result<Self, D::Error>
    where
        D: ::serde::Deserializer<'de>,
    {
        ::std::string::String::deserialize(deserializer)?
            .parse()
            .map_err(|e: self::error::ConversionError| {
                <D::Error as ::serde::de::Error>::custom(e.to_string())
            })
    }
}
///How InvokeFunction runs the function.
#[derive(
    ::serde::Deserialize,
    ::serde::Serialize,
    Clone,
    Copy,
    Debug,
    Eq,
    Hash,
    Ord,
    PartialEq,
    PartialOrd,
    schemars::JsonSchema
)]
#[non_exhaustive]
pub enum InvocationType {
    Sync,
    Async,
}
impl ::std::fmt::Display for InvocationType {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        match *self {
            Self::Sync => f.write_str("Sync"),
            Self::Async => f.write_str("Async"),
        }
    }
}
impl ::std::str::FromStr for InvocationType {
    type Err = self::error::ConversionError;
    fn from_str(
        value: &str,
    ) -> ::std::result::Result<Self, self::error::ConversionError> {
        match value {
            "Sync" => Ok(Self::Sync),
            "Async" => Ok(Self::Async),
            _ => Err("invalid value".into()),
        }
    }
}
impl ::std::convert::TryFrom<&str> for InvocationType {
    type Error = self::error::ConversionError;
    fn try_from(
        value: &str,
    ) -> ::std::result::Result<Self, self::error::ConversionError> {
        value.parse()
    }
}
impl ::std::convert::TryFrom<::std::string::String> for InvocationType {
    type Error = self::error::ConversionError;
    fn try_from(
        value: ::std::string::String,
    ) -> ::std::result::Result<Self, self::error::ConversionError> {
        value.parse()
    }
}
///One page of ListAsyncInvokeConfigs.
#[derive(
    ::serde::Deserialize,
    ::serde::Serialize,
    Clone,
    Debug,
    Default,
    PartialEq,
    schemars::JsonSchema
)]
#[non_exhaustive]
pub struct ListAsyncInvokeConfigOutput {
    ///The configurations on this page.
    #[serde(default, skip_serializing_if = "::std::vec::Vec::is_empty")]
    #[serde(deserialize_with = "crate::lenient::null_as_empty")]
    pub configs: ::std::vec::Vec<AsyncConfig>,
    ///Pass as `nextToken` to get the next page; absent on the last page.
    #[serde(
        rename = "nextToken",
        skip_serializing_if = "::std::option::Option::is_none"
    )]
    pub next_token: ::std::option::Option<::std::string::String>,
}
impl ListAsyncInvokeConfigOutput {
    pub fn builder() -> builder::ListAsyncInvokeConfigOutput {
        Default::default()
    }
}
///One page of ListAsyncTasks.
#[derive(
    ::serde::Deserialize,
    ::serde::Serialize,
    Clone,
    Debug,
    Default,
    PartialEq,
    schemars::JsonSchema
)]
#[non_exhaustive]
pub struct ListAsyncTaskOutput {
    ///Pass as `nextToken` to get the next page; absent on the last page.
    #[serde(
        rename = "nextToken",
        skip_serializing_if = "::std::option::Option::is_none"
    )]
    pub next_token: ::std::option::Option<::std::string::String>,
    ///The tasks on this page.
    #[serde(default, skip_serializing_if = "::std::vec::Vec::is_empty")]
    #[serde(deserialize_with = "crate::lenient::null_as_empty")]
    pub tasks: ::std::vec::Vec<AsyncTask>,
}
impl ListAsyncTaskOutput {
    pub fn builder() -> builder::ListAsyncTaskOutput {
        Default::default()
    }
}
///Whether a synchronous InvokeFunction returns the tail of the log.
#[derive(
    ::serde::Deserialize,
    ::serde::Serialize,
    Clone,
    Copy,
    Debug,
    Eq,
    Hash,
    Ord,
    PartialEq,
    PartialOrd,
    schemars::JsonSchema
)]
#[non_exhaustive]
pub enum LogType {
    None,
    Tail,
}
impl ::std::fmt::Display for LogType {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        match *self {
            Self::None => f.write_str("None"),
            Self::Tail => f.write_str("Tail"),
        }
    }
}
impl ::std::str::FromStr for LogType {
    type Err = self::error::ConversionError;
    fn from_str(
        value: &str,
    ) -> ::std::result::Result<Self, self::error::ConversionError> {
        match value {
            "None" => Ok(Self::None),
            "Tail" => Ok(Self::Tail),
            _ => Err("invalid value".into()),
        }
    }
}
impl ::std::convert::TryFrom<&str> for LogType {
    type Error = self::error::ConversionError;
    fn try_from(
        value: &str,
    ) -> ::std::result::Result<Self, self::error::ConversionError> {
        value.parse()
    }
}
impl ::std::convert::TryFrom<::std::string::String> for LogType {
    type Error = self::error::ConversionError;
    fn try_from(
        value: ::std::string::String,
    ) -> ::std::result::Result<Self, self::error::ConversionError> {
        value.parse()
    }
}
/**What PutAsyncInvokeConfig stores. A field left out takes the service default written
in its description (the defaults are not declared with `default:` so that a client
never sends a value the caller did not choose).
*/
#[derive(
    ::serde::Deserialize,
    ::serde::Serialize,
    Clone,
    Debug,
    Default,
    PartialEq,
    schemars::JsonSchema
)]
#[non_exhaustive]
pub struct PutAsyncInvokeConfigInput {
    /**Whether asynchronous invocations are tracked as async tasks (GetAsyncTask,
ListAsyncTasks, StopAsyncTask, caller-chosen `x-fc-async-task-id`). Off when absent.
*/
    #[serde(
        rename = "asyncTask",
        skip_serializing_if = "::std::option::Option::is_none"
    )]
    pub async_task: ::std::option::Option<bool>,
    #[serde(
        rename = "destinationConfig",
        skip_serializing_if = "::std::option::Option::is_none"
    )]
    pub destination_config: ::std::option::Option<DestinationConfig>,
    /**How long an event may wait, from acceptance, before it is dropped as Expired
(checked before every try): 1 to 604800 seconds (7 days); 86400 when absent.
*/
    #[serde(
        rename = "maxAsyncEventAgeInSeconds",
        skip_serializing_if = "::std::option::Option::is_none"
    )]
    pub max_async_event_age_in_seconds: ::std::option::Option<::std::num::NonZeroU64>,
    /**How many times a failed invocation is retried: 0 to 8; 3 when absent. 0 is a real
value (no retry) and is sent as such.
*/
    #[serde(
        rename = "maxAsyncRetryAttempts",
        skip_serializing_if = "::std::option::Option::is_none"
    )]
    pub max_async_retry_attempts: ::std::option::Option<i64>,
}
impl PutAsyncInvokeConfigInput {
    pub fn builder() -> builder::PutAsyncInvokeConfigInput {
        Default::default()
    }
}
/**A published version number (e.g. `3`), an alias (e.g. `prod`) or `LATEST`: 1 to 128
letters, digits, `_` or `-`.
*/
#[derive(
    ::serde::Serialize,
    Clone,
    Debug,
    Eq,
    Hash,
    Ord,
    PartialEq,
    PartialOrd,
    schemars::JsonSchema
)]
#[serde(transparent)]
pub struct Qualifier(::std::string::String);
impl ::std::ops::Deref for Qualifier {
    type Target = ::std::string::String;
    fn deref(&self) -> &::std::string::String {
        &self.0
    }
}
impl ::std::convert::From<Qualifier> for ::std::string::String {
    fn from(value: Qualifier) -> Self {
        value.0
    }
}
impl ::std::str::FromStr for Qualifier {
    type Err = self::error::ConversionError;
    fn from_str(
        value: &str,
    ) -> ::std::result::Result<Self, self::error::ConversionError> {
        if value.chars().count() > 128usize {
            return Err("longer than 128 characters".into());
        }
        if value.chars().count() < 1usize {
            return Err("shorter than 1 characters".into());
        }
        static PATTERN: ::std::sync::LazyLock<::regress::Regex> = ::std::sync::LazyLock::new(||
        { ::regress::Regex::new("^[A-Za-z0-9_-]+$").unwrap() });
        if PATTERN.find(value).is_none() {
            return Err("doesn't match pattern \"^[A-Za-z0-9_-]+$\"".into());
        }
        Ok(Self(value.to_string()))
    }
}
impl ::std::convert::TryFrom<&str> for Qualifier {
    type Error = self::error::ConversionError;
    fn try_from(
        value: &str,
    ) -> ::std::result::Result<Self, self::error::ConversionError> {
        value.parse()
    }
}
impl ::std::convert::TryFrom<::std::string::String> for Qualifier {
    type Error = self::error::ConversionError;
    fn try_from(
        value: ::std::string::String,
    ) -> ::std::result::Result<Self, self::error::ConversionError> {
        value.parse()
    }
}
impl<'de> ::serde::Deserialize<'de> for Qualifier {
    fn deserialize<D>(deserializer: D) -> ::std::result::Result<Self, D::Error>
    where
        D: ::serde::Deserializer<'de>,
    {
        ::std::string::String::deserialize(deserializer)?
            .parse()
            .map_err(|e: self::error::ConversionError| {
                <D::Error as ::serde::de::Error>::custom(e.to_string())
            })
    }
}
///Sort order by time.
#[derive(
    ::serde::Deserialize,
    ::serde::Serialize,
    Clone,
    Copy,
    Debug,
    Eq,
    Hash,
    Ord,
    PartialEq,
    PartialOrd,
    schemars::JsonSchema
)]
#[non_exhaustive]
pub enum SortOrder {
    #[serde(rename = "asc")]
    Asc,
    #[serde(rename = "desc")]
    Desc,
}
impl ::std::fmt::Display for SortOrder {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        match *self {
            Self::Asc => f.write_str("asc"),
            Self::Desc => f.write_str("desc"),
        }
    }
}
impl ::std::str::FromStr for SortOrder {
    type Err = self::error::ConversionError;
    fn from_str(
        value: &str,
    ) -> ::std::result::Result<Self, self::error::ConversionError> {
        match value {
            "asc" => Ok(Self::Asc),
            "desc" => Ok(Self::Desc),
            _ => Err("invalid value".into()),
        }
    }
}
impl ::std::convert::TryFrom<&str> for SortOrder {
    type Error = self::error::ConversionError;
    fn try_from(
        value: &str,
    ) -> ::std::result::Result<Self, self::error::ConversionError> {
        value.parse()
    }
}
impl ::std::convert::TryFrom<::std::string::String> for SortOrder {
    type Error = self::error::ConversionError;
    fn try_from(
        value: ::std::string::String,
    ) -> ::std::result::Result<Self, self::error::ConversionError> {
        value.parse()
    }
}
/**An async task's id as it appears in a request path: either caller-chosen (see
`AsyncTaskId`) or generated by the service, so it is only required to be 1 to 256
characters without `/` or control characters (which would change the path).
*/
#[derive(
    ::serde::Serialize,
    Clone,
    Debug,
    Eq,
    Hash,
    Ord,
    PartialEq,
    PartialOrd,
    schemars::JsonSchema
)]
#[serde(transparent)]
pub struct TaskId(::std::string::String);
impl ::std::ops::Deref for TaskId {
    type Target = ::std::string::String;
    fn deref(&self) -> &::std::string::String {
        &self.0
    }
}
impl ::std::convert::From<TaskId> for ::std::string::String {
    fn from(value: TaskId) -> Self {
        value.0
    }
}
impl ::std::str::FromStr for TaskId {
    type Err = self::error::ConversionError;
    fn from_str(
        value: &str,
    ) -> ::std::result::Result<Self, self::error::ConversionError> {
        if value.chars().count() > 256usize {
            return Err("longer than 256 characters".into());
        }
        if value.chars().count() < 1usize {
            return Err("shorter than 1 characters".into());
        }
        static PATTERN: ::std::sync::LazyLock<::regress::Regex> = ::std::sync::LazyLock::new(||
        { ::regress::Regex::new("^[^/\\u0000-\\u001f\\u007f]+$").unwrap() });
        if PATTERN.find(value).is_none() {
            return Err("doesn't match pattern \"^[^/\\u0000-\\u001f\\u007f]+$\"".into());
        }
        Ok(Self(value.to_string()))
    }
}
impl ::std::convert::TryFrom<&str> for TaskId {
    type Error = self::error::ConversionError;
    fn try_from(
        value: &str,
    ) -> ::std::result::Result<Self, self::error::ConversionError> {
        value.parse()
    }
}
impl ::std::convert::TryFrom<::std::string::String> for TaskId {
    type Error = self::error::ConversionError;
    fn try_from(
        value: ::std::string::String,
    ) -> ::std::result::Result<Self, self::error::ConversionError> {
        value.parse()
    }
}
impl<'de> ::serde::Deserialize<'de> for TaskId {
    fn deserialize<D>(deserializer: D) -> ::std::result::Result<Self, D::Error>
    where
        D: ::serde::Deserializer<'de>,
    {
        ::std::string::String::deserialize(deserializer)?
            .parse()
            .map_err(|e: self::error::ConversionError| {
                <D::Error as ::serde::de::Error>::custom(e.to_string())
            })
    }
}
/// Types for composing complex structures.
pub mod builder {
    #[derive(Clone, Debug)]
    pub struct AsyncConfig {
        async_task: ::std::result::Result<
            ::std::option::Option<bool>,
            ::std::string::String,
        >,
        created_time: ::std::result::Result<
            ::std::option::Option<::std::string::String>,
            ::std::string::String,
        >,
        destination_config: ::std::result::Result<
            ::std::option::Option<super::DestinationConfig>,
            ::std::string::String,
        >,
        function_arn: ::std::result::Result<
            ::std::option::Option<::std::string::String>,
            ::std::string::String,
        >,
        last_modified_time: ::std::result::Result<
            ::std::option::Option<::std::string::String>,
            ::std::string::String,
        >,
        max_async_event_age_in_seconds: ::std::result::Result<
            ::std::option::Option<::std::num::NonZeroU64>,
            ::std::string::String,
        >,
        max_async_retry_attempts: ::std::result::Result<
            ::std::option::Option<i64>,
            ::std::string::String,
        >,
    }
    impl ::std::default::Default for AsyncConfig {
        fn default() -> Self {
            Self {
                async_task: Ok(Default::default()),
                created_time: Ok(Default::default()),
                destination_config: Ok(Default::default()),
                function_arn: Ok(Default::default()),
                last_modified_time: Ok(Default::default()),
                max_async_event_age_in_seconds: Ok(Default::default()),
                max_async_retry_attempts: Ok(Default::default()),
            }
        }
    }
    impl AsyncConfig {
        pub fn async_task<T>(mut self, value: T) -> Self
        where
            T: ::std::convert::TryInto<::std::option::Option<bool>>,
            T::Error: ::std::fmt::Display,
        {
            self.async_task = value
                .try_into()
                .map_err(|e| {
                    format!("error converting supplied value for async_task: {e}")
                });
            self
        }
        pub fn created_time<T>(mut self, value: T) -> Self
        where
            T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
            T::Error: ::std::fmt::Display,
        {
            self.created_time = value
                .try_into()
                .map_err(|e| {
                    format!("error converting supplied value for created_time: {e}")
                });
            self
        }
        pub fn destination_config<T>(mut self, value: T) -> Self
        where
            T: ::std::convert::TryInto<::std::option::Option<super::DestinationConfig>>,
            T::Error: ::std::fmt::Display,
        {
            self.destination_config = value
                .try_into()
                .map_err(|e| {
                    format!(
                        "error converting supplied value for destination_config: {e}"
                    )
                });
            self
        }
        pub fn function_arn<T>(mut self, value: T) -> Self
        where
            T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
            T::Error: ::std::fmt::Display,
        {
            self.function_arn = value
                .try_into()
                .map_err(|e| {
                    format!("error converting supplied value for function_arn: {e}")
                });
            self
        }
        pub fn last_modified_time<T>(mut self, value: T) -> Self
        where
            T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
            T::Error: ::std::fmt::Display,
        {
            self.last_modified_time = value
                .try_into()
                .map_err(|e| {
                    format!(
                        "error converting supplied value for last_modified_time: {e}"
                    )
                });
            self
        }
        pub fn max_async_event_age_in_seconds<T>(mut self, value: T) -> Self
        where
            T: ::std::convert::TryInto<::std::option::Option<::std::num::NonZeroU64>>,
            T::Error: ::std::fmt::Display,
        {
            self.max_async_event_age_in_seconds = value
                .try_into()
                .map_err(|e| {
                    format!(
                        "error converting supplied value for max_async_event_age_in_seconds: {e}"
                    )
                });
            self
        }
        pub fn max_async_retry_attempts<T>(mut self, value: T) -> Self
        where
            T: ::std::convert::TryInto<::std::option::Option<i64>>,
            T::Error: ::std::fmt::Display,
        {
            self.max_async_retry_attempts = value
                .try_into()
                .map_err(|e| {
                    format!(
                        "error converting supplied value for max_async_retry_attempts: {e}"
                    )
                });
            self
        }
    }
    impl ::std::convert::TryFrom<AsyncConfig> for super::AsyncConfig {
        type Error = super::error::ConversionError;
        fn try_from(
            value: AsyncConfig,
        ) -> ::std::result::Result<Self, super::error::ConversionError> {
            Ok(Self {
                async_task: value.async_task?,
                created_time: value.created_time?,
                destination_config: value.destination_config?,
                function_arn: value.function_arn?,
                last_modified_time: value.last_modified_time?,
                max_async_event_age_in_seconds: value.max_async_event_age_in_seconds?,
                max_async_retry_attempts: value.max_async_retry_attempts?,
            })
        }
    }
    impl ::std::convert::From<super::AsyncConfig> for AsyncConfig {
        fn from(value: super::AsyncConfig) -> Self {
            Self {
                async_task: Ok(value.async_task),
                created_time: Ok(value.created_time),
                destination_config: Ok(value.destination_config),
                function_arn: Ok(value.function_arn),
                last_modified_time: Ok(value.last_modified_time),
                max_async_event_age_in_seconds: Ok(value.max_async_event_age_in_seconds),
                max_async_retry_attempts: Ok(value.max_async_retry_attempts),
            }
        }
    }
    #[derive(Clone, Debug)]
    pub struct AsyncTask {
        already_retried_times: ::std::result::Result<
            ::std::option::Option<i64>,
            ::std::string::String,
        >,
        destination_status: ::std::result::Result<
            ::std::option::Option<::std::string::String>,
            ::std::string::String,
        >,
        duration_ms: ::std::result::Result<
            ::std::option::Option<i64>,
            ::std::string::String,
        >,
        end_time: ::std::result::Result<
            ::std::option::Option<i64>,
            ::std::string::String,
        >,
        events: ::std::result::Result<
            ::std::vec::Vec<super::AsyncTaskEvent>,
            ::std::string::String,
        >,
        function_arn: ::std::result::Result<
            ::std::option::Option<::std::string::String>,
            ::std::string::String,
        >,
        instance_id: ::std::result::Result<
            ::std::option::Option<::std::string::String>,
            ::std::string::String,
        >,
        qualifier: ::std::result::Result<
            ::std::option::Option<::std::string::String>,
            ::std::string::String,
        >,
        request_id: ::std::result::Result<
            ::std::option::Option<::std::string::String>,
            ::std::string::String,
        >,
        return_payload: ::std::result::Result<
            ::std::option::Option<::std::string::String>,
            ::std::string::String,
        >,
        started_time: ::std::result::Result<
            ::std::option::Option<i64>,
            ::std::string::String,
        >,
        status: ::std::result::Result<
            ::std::option::Option<super::AsyncTaskStatus>,
            ::std::string::String,
        >,
        task_error_message: ::std::result::Result<
            ::std::option::Option<::std::string::String>,
            ::std::string::String,
        >,
        task_id: ::std::result::Result<
            ::std::option::Option<::std::string::String>,
            ::std::string::String,
        >,
        task_payload: ::std::result::Result<
            ::std::option::Option<::std::string::String>,
            ::std::string::String,
        >,
    }
    impl ::std::default::Default for AsyncTask {
        fn default() -> Self {
            Self {
                already_retried_times: Ok(Default::default()),
                destination_status: Ok(Default::default()),
                duration_ms: Ok(Default::default()),
                end_time: Ok(Default::default()),
                events: Ok(Default::default()),
                function_arn: Ok(Default::default()),
                instance_id: Ok(Default::default()),
                qualifier: Ok(Default::default()),
                request_id: Ok(Default::default()),
                return_payload: Ok(Default::default()),
                started_time: Ok(Default::default()),
                status: Ok(Default::default()),
                task_error_message: Ok(Default::default()),
                task_id: Ok(Default::default()),
                task_payload: Ok(Default::default()),
            }
        }
    }
    impl AsyncTask {
        pub fn already_retried_times<T>(mut self, value: T) -> Self
        where
            T: ::std::convert::TryInto<::std::option::Option<i64>>,
            T::Error: ::std::fmt::Display,
        {
            self.already_retried_times = value
                .try_into()
                .map_err(|e| {
                    format!(
                        "error converting supplied value for already_retried_times: {e}"
                    )
                });
            self
        }
        pub fn destination_status<T>(mut self, value: T) -> Self
        where
            T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
            T::Error: ::std::fmt::Display,
        {
            self.destination_status = value
                .try_into()
                .map_err(|e| {
                    format!(
                        "error converting supplied value for destination_status: {e}"
                    )
                });
            self
        }
        pub fn duration_ms<T>(mut self, value: T) -> Self
        where
            T: ::std::convert::TryInto<::std::option::Option<i64>>,
            T::Error: ::std::fmt::Display,
        {
            self.duration_ms = value
                .try_into()
                .map_err(|e| {
                    format!("error converting supplied value for duration_ms: {e}")
                });
            self
        }
        pub fn end_time<T>(mut self, value: T) -> Self
        where
            T: ::std::convert::TryInto<::std::option::Option<i64>>,
            T::Error: ::std::fmt::Display,
        {
            self.end_time = value
                .try_into()
                .map_err(|e| {
                    format!("error converting supplied value for end_time: {e}")
                });
            self
        }
        pub fn events<T>(mut self, value: T) -> Self
        where
            T: ::std::convert::TryInto<::std::vec::Vec<super::AsyncTaskEvent>>,
            T::Error: ::std::fmt::Display,
        {
            self.events = value
                .try_into()
                .map_err(|e| format!("error converting supplied value for events: {e}"));
            self
        }
        pub fn function_arn<T>(mut self, value: T) -> Self
        where
            T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
            T::Error: ::std::fmt::Display,
        {
            self.function_arn = value
                .try_into()
                .map_err(|e| {
                    format!("error converting supplied value for function_arn: {e}")
                });
            self
        }
        pub fn instance_id<T>(mut self, value: T) -> Self
        where
            T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
            T::Error: ::std::fmt::Display,
        {
            self.instance_id = value
                .try_into()
                .map_err(|e| {
                    format!("error converting supplied value for instance_id: {e}")
                });
            self
        }
        pub fn qualifier<T>(mut self, value: T) -> Self
        where
            T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
            T::Error: ::std::fmt::Display,
        {
            self.qualifier = value
                .try_into()
                .map_err(|e| {
                    format!("error converting supplied value for qualifier: {e}")
                });
            self
        }
        pub fn request_id<T>(mut self, value: T) -> Self
        where
            T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
            T::Error: ::std::fmt::Display,
        {
            self.request_id = value
                .try_into()
                .map_err(|e| {
                    format!("error converting supplied value for request_id: {e}")
                });
            self
        }
        pub fn return_payload<T>(mut self, value: T) -> Self
        where
            T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
            T::Error: ::std::fmt::Display,
        {
            self.return_payload = value
                .try_into()
                .map_err(|e| {
                    format!("error converting supplied value for return_payload: {e}")
                });
            self
        }
        pub fn started_time<T>(mut self, value: T) -> Self
        where
            T: ::std::convert::TryInto<::std::option::Option<i64>>,
            T::Error: ::std::fmt::Display,
        {
            self.started_time = value
                .try_into()
                .map_err(|e| {
                    format!("error converting supplied value for started_time: {e}")
                });
            self
        }
        pub fn status<T>(mut self, value: T) -> Self
        where
            T: ::std::convert::TryInto<::std::option::Option<super::AsyncTaskStatus>>,
            T::Error: ::std::fmt::Display,
        {
            self.status = value
                .try_into()
                .map_err(|e| format!("error converting supplied value for status: {e}"));
            self
        }
        pub fn task_error_message<T>(mut self, value: T) -> Self
        where
            T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
            T::Error: ::std::fmt::Display,
        {
            self.task_error_message = value
                .try_into()
                .map_err(|e| {
                    format!(
                        "error converting supplied value for task_error_message: {e}"
                    )
                });
            self
        }
        pub fn task_id<T>(mut self, value: T) -> Self
        where
            T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
            T::Error: ::std::fmt::Display,
        {
            self.task_id = value
                .try_into()
                .map_err(|e| {
                    format!("error converting supplied value for task_id: {e}")
                });
            self
        }
        pub fn task_payload<T>(mut self, value: T) -> Self
        where
            T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
            T::Error: ::std::fmt::Display,
        {
            self.task_payload = value
                .try_into()
                .map_err(|e| {
                    format!("error converting supplied value for task_payload: {e}")
                });
            self
        }
    }
    impl ::std::convert::TryFrom<AsyncTask> for super::AsyncTask {
        type Error = super::error::ConversionError;
        fn try_from(
            value: AsyncTask,
        ) -> ::std::result::Result<Self, super::error::ConversionError> {
            Ok(Self {
                already_retried_times: value.already_retried_times?,
                destination_status: value.destination_status?,
                duration_ms: value.duration_ms?,
                end_time: value.end_time?,
                events: value.events?,
                function_arn: value.function_arn?,
                instance_id: value.instance_id?,
                qualifier: value.qualifier?,
                request_id: value.request_id?,
                return_payload: value.return_payload?,
                started_time: value.started_time?,
                status: value.status?,
                task_error_message: value.task_error_message?,
                task_id: value.task_id?,
                task_payload: value.task_payload?,
            })
        }
    }
    impl ::std::convert::From<super::AsyncTask> for AsyncTask {
        fn from(value: super::AsyncTask) -> Self {
            Self {
                already_retried_times: Ok(value.already_retried_times),
                destination_status: Ok(value.destination_status),
                duration_ms: Ok(value.duration_ms),
                end_time: Ok(value.end_time),
                events: Ok(value.events),
                function_arn: Ok(value.function_arn),
                instance_id: Ok(value.instance_id),
                qualifier: Ok(value.qualifier),
                request_id: Ok(value.request_id),
                return_payload: Ok(value.return_payload),
                started_time: Ok(value.started_time),
                status: Ok(value.status),
                task_error_message: Ok(value.task_error_message),
                task_id: Ok(value.task_id),
                task_payload: Ok(value.task_payload),
            }
        }
    }
    #[derive(Clone, Debug)]
    pub struct AsyncTaskEvent {
        event_detail: ::std::result::Result<
            ::std::option::Option<::std::string::String>,
            ::std::string::String,
        >,
        event_id: ::std::result::Result<
            ::std::option::Option<i64>,
            ::std::string::String,
        >,
        status: ::std::result::Result<
            ::std::option::Option<super::AsyncTaskStatus>,
            ::std::string::String,
        >,
        timestamp: ::std::result::Result<
            ::std::option::Option<i64>,
            ::std::string::String,
        >,
    }
    impl ::std::default::Default for AsyncTaskEvent {
        fn default() -> Self {
            Self {
                event_detail: Ok(Default::default()),
                event_id: Ok(Default::default()),
                status: Ok(Default::default()),
                timestamp: Ok(Default::default()),
            }
        }
    }
    impl AsyncTaskEvent {
        pub fn event_detail<T>(mut self, value: T) -> Self
        where
            T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
            T::Error: ::std::fmt::Display,
        {
            self.event_detail = value
                .try_into()
                .map_err(|e| {
                    format!("error converting supplied value for event_detail: {e}")
                });
            self
        }
        pub fn event_id<T>(mut self, value: T) -> Self
        where
            T: ::std::convert::TryInto<::std::option::Option<i64>>,
            T::Error: ::std::fmt::Display,
        {
            self.event_id = value
                .try_into()
                .map_err(|e| {
                    format!("error converting supplied value for event_id: {e}")
                });
            self
        }
        pub fn status<T>(mut self, value: T) -> Self
        where
            T: ::std::convert::TryInto<::std::option::Option<super::AsyncTaskStatus>>,
            T::Error: ::std::fmt::Display,
        {
            self.status = value
                .try_into()
                .map_err(|e| format!("error converting supplied value for status: {e}"));
            self
        }
        pub fn timestamp<T>(mut self, value: T) -> Self
        where
            T: ::std::convert::TryInto<::std::option::Option<i64>>,
            T::Error: ::std::fmt::Display,
        {
            self.timestamp = value
                .try_into()
                .map_err(|e| {
                    format!("error converting supplied value for timestamp: {e}")
                });
            self
        }
    }
    impl ::std::convert::TryFrom<AsyncTaskEvent> for super::AsyncTaskEvent {
        type Error = super::error::ConversionError;
        fn try_from(
            value: AsyncTaskEvent,
        ) -> ::std::result::Result<Self, super::error::ConversionError> {
            Ok(Self {
                event_detail: value.event_detail?,
                event_id: value.event_id?,
                status: value.status?,
                timestamp: value.timestamp?,
            })
        }
    }
    impl ::std::convert::From<super::AsyncTaskEvent> for AsyncTaskEvent {
        fn from(value: super::AsyncTaskEvent) -> Self {
            Self {
                event_detail: Ok(value.event_detail),
                event_id: Ok(value.event_id),
                status: Ok(value.status),
                timestamp: Ok(value.timestamp),
            }
        }
    }
    #[derive(Clone, Debug)]
    pub struct Destination {
        destination: ::std::result::Result<
            ::std::option::Option<super::DestinationArn>,
            ::std::string::String,
        >,
    }
    impl ::std::default::Default for Destination {
        fn default() -> Self {
            Self {
                destination: Ok(Default::default()),
            }
        }
    }
    impl Destination {
        pub fn destination<T>(mut self, value: T) -> Self
        where
            T: ::std::convert::TryInto<::std::option::Option<super::DestinationArn>>,
            T::Error: ::std::fmt::Display,
        {
            self.destination = value
                .try_into()
                .map_err(|e| {
                    format!("error converting supplied value for destination: {e}")
                });
            self
        }
    }
    impl ::std::convert::TryFrom<Destination> for super::Destination {
        type Error = super::error::ConversionError;
        fn try_from(
            value: Destination,
        ) -> ::std::result::Result<Self, super::error::ConversionError> {
            Ok(Self {
                destination: value.destination?,
            })
        }
    }
    impl ::std::convert::From<super::Destination> for Destination {
        fn from(value: super::Destination) -> Self {
            Self {
                destination: Ok(value.destination),
            }
        }
    }
    #[derive(Clone, Debug)]
    pub struct DestinationConfig {
        on_failure: ::std::result::Result<
            ::std::option::Option<super::Destination>,
            ::std::string::String,
        >,
        on_success: ::std::result::Result<
            ::std::option::Option<super::Destination>,
            ::std::string::String,
        >,
    }
    impl ::std::default::Default for DestinationConfig {
        fn default() -> Self {
            Self {
                on_failure: Ok(Default::default()),
                on_success: Ok(Default::default()),
            }
        }
    }
    impl DestinationConfig {
        pub fn on_failure<T>(mut self, value: T) -> Self
        where
            T: ::std::convert::TryInto<::std::option::Option<super::Destination>>,
            T::Error: ::std::fmt::Display,
        {
            self.on_failure = value
                .try_into()
                .map_err(|e| {
                    format!("error converting supplied value for on_failure: {e}")
                });
            self
        }
        pub fn on_success<T>(mut self, value: T) -> Self
        where
            T: ::std::convert::TryInto<::std::option::Option<super::Destination>>,
            T::Error: ::std::fmt::Display,
        {
            self.on_success = value
                .try_into()
                .map_err(|e| {
                    format!("error converting supplied value for on_success: {e}")
                });
            self
        }
    }
    impl ::std::convert::TryFrom<DestinationConfig> for super::DestinationConfig {
        type Error = super::error::ConversionError;
        fn try_from(
            value: DestinationConfig,
        ) -> ::std::result::Result<Self, super::error::ConversionError> {
            Ok(Self {
                on_failure: value.on_failure?,
                on_success: value.on_success?,
            })
        }
    }
    impl ::std::convert::From<super::DestinationConfig> for DestinationConfig {
        fn from(value: super::DestinationConfig) -> Self {
            Self {
                on_failure: Ok(value.on_failure),
                on_success: Ok(value.on_success),
            }
        }
    }
    #[derive(Clone, Debug)]
    pub struct DestinationRecord {
        request_context: ::std::result::Result<
            super::DestinationRequestContext,
            ::std::string::String,
        >,
        request_payload: ::std::result::Result<
            ::std::string::String,
            ::std::string::String,
        >,
        response_context: ::std::result::Result<
            super::DestinationResponseContext,
            ::std::string::String,
        >,
        response_payload: ::std::result::Result<
            ::std::string::String,
            ::std::string::String,
        >,
        timestamp: ::std::result::Result<i64, ::std::string::String>,
    }
    impl ::std::default::Default for DestinationRecord {
        fn default() -> Self {
            Self {
                request_context: Err(
                    "no value supplied for request_context".to_string(),
                ),
                request_payload: Err(
                    "no value supplied for request_payload".to_string(),
                ),
                response_context: Err(
                    "no value supplied for response_context".to_string(),
                ),
                response_payload: Err(
                    "no value supplied for response_payload".to_string(),
                ),
                timestamp: Err("no value supplied for timestamp".to_string()),
            }
        }
    }
    impl DestinationRecord {
        pub fn request_context<T>(mut self, value: T) -> Self
        where
            T: ::std::convert::TryInto<super::DestinationRequestContext>,
            T::Error: ::std::fmt::Display,
        {
            self.request_context = value
                .try_into()
                .map_err(|e| {
                    format!("error converting supplied value for request_context: {e}")
                });
            self
        }
        pub fn request_payload<T>(mut self, value: T) -> Self
        where
            T: ::std::convert::TryInto<::std::string::String>,
            T::Error: ::std::fmt::Display,
        {
            self.request_payload = value
                .try_into()
                .map_err(|e| {
                    format!("error converting supplied value for request_payload: {e}")
                });
            self
        }
        pub fn response_context<T>(mut self, value: T) -> Self
        where
            T: ::std::convert::TryInto<super::DestinationResponseContext>,
            T::Error: ::std::fmt::Display,
        {
            self.response_context = value
                .try_into()
                .map_err(|e| {
                    format!("error converting supplied value for response_context: {e}")
                });
            self
        }
        pub fn response_payload<T>(mut self, value: T) -> Self
        where
            T: ::std::convert::TryInto<::std::string::String>,
            T::Error: ::std::fmt::Display,
        {
            self.response_payload = value
                .try_into()
                .map_err(|e| {
                    format!("error converting supplied value for response_payload: {e}")
                });
            self
        }
        pub fn timestamp<T>(mut self, value: T) -> Self
        where
            T: ::std::convert::TryInto<i64>,
            T::Error: ::std::fmt::Display,
        {
            self.timestamp = value
                .try_into()
                .map_err(|e| {
                    format!("error converting supplied value for timestamp: {e}")
                });
            self
        }
    }
    impl ::std::convert::TryFrom<DestinationRecord> for super::DestinationRecord {
        type Error = super::error::ConversionError;
        fn try_from(
            value: DestinationRecord,
        ) -> ::std::result::Result<Self, super::error::ConversionError> {
            Ok(Self {
                request_context: value.request_context?,
                request_payload: value.request_payload?,
                response_context: value.response_context?,
                response_payload: value.response_payload?,
                timestamp: value.timestamp?,
            })
        }
    }
    impl ::std::convert::From<super::DestinationRecord> for DestinationRecord {
        fn from(value: super::DestinationRecord) -> Self {
            Self {
                request_context: Ok(value.request_context),
                request_payload: Ok(value.request_payload),
                response_context: Ok(value.response_context),
                response_payload: Ok(value.response_payload),
                timestamp: Ok(value.timestamp),
            }
        }
    }
    #[derive(Clone, Debug)]
    pub struct DestinationRequestContext {
        approximate_invoke_count: ::std::result::Result<i64, ::std::string::String>,
        condition: ::std::result::Result<::std::string::String, ::std::string::String>,
        function_arn: ::std::result::Result<
            ::std::string::String,
            ::std::string::String,
        >,
        request_id: ::std::result::Result<::std::string::String, ::std::string::String>,
    }
    impl ::std::default::Default for DestinationRequestContext {
        fn default() -> Self {
            Self {
                approximate_invoke_count: Err(
                    "no value supplied for approximate_invoke_count".to_string(),
                ),
                condition: Err("no value supplied for condition".to_string()),
                function_arn: Err("no value supplied for function_arn".to_string()),
                request_id: Err("no value supplied for request_id".to_string()),
            }
        }
    }
    impl DestinationRequestContext {
        pub fn approximate_invoke_count<T>(mut self, value: T) -> Self
        where
            T: ::std::convert::TryInto<i64>,
            T::Error: ::std::fmt::Display,
        {
            self.approximate_invoke_count = value
                .try_into()
                .map_err(|e| {
                    format!(
                        "error converting supplied value for approximate_invoke_count: {e}"
                    )
                });
            self
        }
        pub fn condition<T>(mut self, value: T) -> Self
        where
            T: ::std::convert::TryInto<::std::string::String>,
            T::Error: ::std::fmt::Display,
        {
            self.condition = value
                .try_into()
                .map_err(|e| {
                    format!("error converting supplied value for condition: {e}")
                });
            self
        }
        pub fn function_arn<T>(mut self, value: T) -> Self
        where
            T: ::std::convert::TryInto<::std::string::String>,
            T::Error: ::std::fmt::Display,
        {
            self.function_arn = value
                .try_into()
                .map_err(|e| {
                    format!("error converting supplied value for function_arn: {e}")
                });
            self
        }
        pub fn request_id<T>(mut self, value: T) -> Self
        where
            T: ::std::convert::TryInto<::std::string::String>,
            T::Error: ::std::fmt::Display,
        {
            self.request_id = value
                .try_into()
                .map_err(|e| {
                    format!("error converting supplied value for request_id: {e}")
                });
            self
        }
    }
    impl ::std::convert::TryFrom<DestinationRequestContext>
    for super::DestinationRequestContext {
        type Error = super::error::ConversionError;
        fn try_from(
            value: DestinationRequestContext,
        ) -> ::std::result::Result<Self, super::error::ConversionError> {
            Ok(Self {
                approximate_invoke_count: value.approximate_invoke_count?,
                condition: value.condition?,
                function_arn: value.function_arn?,
                request_id: value.request_id?,
            })
        }
    }
    impl ::std::convert::From<super::DestinationRequestContext>
    for DestinationRequestContext {
        fn from(value: super::DestinationRequestContext) -> Self {
            Self {
                approximate_invoke_count: Ok(value.approximate_invoke_count),
                condition: Ok(value.condition),
                function_arn: Ok(value.function_arn),
                request_id: Ok(value.request_id),
            }
        }
    }
    #[derive(Clone, Debug)]
    pub struct DestinationResponseContext {
        function_error: ::std::result::Result<
            ::std::string::String,
            ::std::string::String,
        >,
        status_code: ::std::result::Result<i64, ::std::string::String>,
    }
    impl ::std::default::Default for DestinationResponseContext {
        fn default() -> Self {
            Self {
                function_error: Err("no value supplied for function_error".to_string()),
                status_code: Err("no value supplied for status_code".to_string()),
            }
        }
    }
    impl DestinationResponseContext {
        pub fn function_error<T>(mut self, value: T) -> Self
        where
            T: ::std::convert::TryInto<::std::string::String>,
            T::Error: ::std::fmt::Display,
        {
            self.function_error = value
                .try_into()
                .map_err(|e| {
                    format!("error converting supplied value for function_error: {e}")
                });
            self
        }
        pub fn status_code<T>(mut self, value: T) -> Self
        where
            T: ::std::convert::TryInto<i64>,
            T::Error: ::std::fmt::Display,
        {
            self.status_code = value
                .try_into()
                .map_err(|e| {
                    format!("error converting supplied value for status_code: {e}")
                });
            self
        }
    }
    impl ::std::convert::TryFrom<DestinationResponseContext>
    for super::DestinationResponseContext {
        type Error = super::error::ConversionError;
        fn try_from(
            value: DestinationResponseContext,
        ) -> ::std::result::Result<Self, super::error::ConversionError> {
            Ok(Self {
                function_error: value.function_error?,
                status_code: value.status_code?,
            })
        }
    }
    impl ::std::convert::From<super::DestinationResponseContext>
    for DestinationResponseContext {
        fn from(value: super::DestinationResponseContext) -> Self {
            Self {
                function_error: Ok(value.function_error),
                status_code: Ok(value.status_code),
            }
        }
    }
    #[derive(Clone, Debug)]
    pub struct Error {
        code: ::std::result::Result<
            ::std::option::Option<::std::string::String>,
            ::std::string::String,
        >,
        message: ::std::result::Result<
            ::std::option::Option<::std::string::String>,
            ::std::string::String,
        >,
        request_id: ::std::result::Result<
            ::std::option::Option<::std::string::String>,
            ::std::string::String,
        >,
    }
    impl ::std::default::Default for Error {
        fn default() -> Self {
            Self {
                code: Ok(Default::default()),
                message: Ok(Default::default()),
                request_id: Ok(Default::default()),
            }
        }
    }
    impl Error {
        pub fn code<T>(mut self, value: T) -> Self
        where
            T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
            T::Error: ::std::fmt::Display,
        {
            self.code = value
                .try_into()
                .map_err(|e| format!("error converting supplied value for code: {e}"));
            self
        }
        pub fn message<T>(mut self, value: T) -> Self
        where
            T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
            T::Error: ::std::fmt::Display,
        {
            self.message = value
                .try_into()
                .map_err(|e| {
                    format!("error converting supplied value for message: {e}")
                });
            self
        }
        pub fn request_id<T>(mut self, value: T) -> Self
        where
            T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
            T::Error: ::std::fmt::Display,
        {
            self.request_id = value
                .try_into()
                .map_err(|e| {
                    format!("error converting supplied value for request_id: {e}")
                });
            self
        }
    }
    impl ::std::convert::TryFrom<Error> for super::Error {
        type Error = super::error::ConversionError;
        fn try_from(
            value: Error,
        ) -> ::std::result::Result<Self, super::error::ConversionError> {
            Ok(Self {
                code: value.code?,
                message: value.message?,
                request_id: value.request_id?,
            })
        }
    }
    impl ::std::convert::From<super::Error> for Error {
        fn from(value: super::Error) -> Self {
            Self {
                code: Ok(value.code),
                message: Ok(value.message),
                request_id: Ok(value.request_id),
            }
        }
    }
    #[derive(Clone, Debug)]
    pub struct ListAsyncInvokeConfigOutput {
        configs: ::std::result::Result<
            ::std::vec::Vec<super::AsyncConfig>,
            ::std::string::String,
        >,
        next_token: ::std::result::Result<
            ::std::option::Option<::std::string::String>,
            ::std::string::String,
        >,
    }
    impl ::std::default::Default for ListAsyncInvokeConfigOutput {
        fn default() -> Self {
            Self {
                configs: Ok(Default::default()),
                next_token: Ok(Default::default()),
            }
        }
    }
    impl ListAsyncInvokeConfigOutput {
        pub fn configs<T>(mut self, value: T) -> Self
        where
            T: ::std::convert::TryInto<::std::vec::Vec<super::AsyncConfig>>,
            T::Error: ::std::fmt::Display,
        {
            self.configs = value
                .try_into()
                .map_err(|e| {
                    format!("error converting supplied value for configs: {e}")
                });
            self
        }
        pub fn next_token<T>(mut self, value: T) -> Self
        where
            T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
            T::Error: ::std::fmt::Display,
        {
            self.next_token = value
                .try_into()
                .map_err(|e| {
                    format!("error converting supplied value for next_token: {e}")
                });
            self
        }
    }
    impl ::std::convert::TryFrom<ListAsyncInvokeConfigOutput>
    for super::ListAsyncInvokeConfigOutput {
        type Error = super::error::ConversionError;
        fn try_from(
            value: ListAsyncInvokeConfigOutput,
        ) -> ::std::result::Result<Self, super::error::ConversionError> {
            Ok(Self {
                configs: value.configs?,
                next_token: value.next_token?,
            })
        }
    }
    impl ::std::convert::From<super::ListAsyncInvokeConfigOutput>
    for ListAsyncInvokeConfigOutput {
        fn from(value: super::ListAsyncInvokeConfigOutput) -> Self {
            Self {
                configs: Ok(value.configs),
                next_token: Ok(value.next_token),
            }
        }
    }
    #[derive(Clone, Debug)]
    pub struct ListAsyncTaskOutput {
        next_token: ::std::result::Result<
            ::std::option::Option<::std::string::String>,
            ::std::string::String,
        >,
        tasks: ::std::result::Result<
            ::std::vec::Vec<super::AsyncTask>,
            ::std::string::String,
        >,
    }
    impl ::std::default::Default for ListAsyncTaskOutput {
        fn default() -> Self {
            Self {
                next_token: Ok(Default::default()),
                tasks: Ok(Default::default()),
            }
        }
    }
    impl ListAsyncTaskOutput {
        pub fn next_token<T>(mut self, value: T) -> Self
        where
            T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
            T::Error: ::std::fmt::Display,
        {
            self.next_token = value
                .try_into()
                .map_err(|e| {
                    format!("error converting supplied value for next_token: {e}")
                });
            self
        }
        pub fn tasks<T>(mut self, value: T) -> Self
        where
            T: ::std::convert::TryInto<::std::vec::Vec<super::AsyncTask>>,
            T::Error: ::std::fmt::Display,
        {
            self.tasks = value
                .try_into()
                .map_err(|e| format!("error converting supplied value for tasks: {e}"));
            self
        }
    }
    impl ::std::convert::TryFrom<ListAsyncTaskOutput> for super::ListAsyncTaskOutput {
        type Error = super::error::ConversionError;
        fn try_from(
            value: ListAsyncTaskOutput,
        ) -> ::std::result::Result<Self, super::error::ConversionError> {
            Ok(Self {
                next_token: value.next_token?,
                tasks: value.tasks?,
            })
        }
    }
    impl ::std::convert::From<super::ListAsyncTaskOutput> for ListAsyncTaskOutput {
        fn from(value: super::ListAsyncTaskOutput) -> Self {
            Self {
                next_token: Ok(value.next_token),
                tasks: Ok(value.tasks),
            }
        }
    }
    #[derive(Clone, Debug)]
    pub struct PutAsyncInvokeConfigInput {
        async_task: ::std::result::Result<
            ::std::option::Option<bool>,
            ::std::string::String,
        >,
        destination_config: ::std::result::Result<
            ::std::option::Option<super::DestinationConfig>,
            ::std::string::String,
        >,
        max_async_event_age_in_seconds: ::std::result::Result<
            ::std::option::Option<::std::num::NonZeroU64>,
            ::std::string::String,
        >,
        max_async_retry_attempts: ::std::result::Result<
            ::std::option::Option<i64>,
            ::std::string::String,
        >,
    }
    impl ::std::default::Default for PutAsyncInvokeConfigInput {
        fn default() -> Self {
            Self {
                async_task: Ok(Default::default()),
                destination_config: Ok(Default::default()),
                max_async_event_age_in_seconds: Ok(Default::default()),
                max_async_retry_attempts: Ok(Default::default()),
            }
        }
    }
    impl PutAsyncInvokeConfigInput {
        pub fn async_task<T>(mut self, value: T) -> Self
        where
            T: ::std::convert::TryInto<::std::option::Option<bool>>,
            T::Error: ::std::fmt::Display,
        {
            self.async_task = value
                .try_into()
                .map_err(|e| {
                    format!("error converting supplied value for async_task: {e}")
                });
            self
        }
        pub fn destination_config<T>(mut self, value: T) -> Self
        where
            T: ::std::convert::TryInto<::std::option::Option<super::DestinationConfig>>,
            T::Error: ::std::fmt::Display,
        {
            self.destination_config = value
                .try_into()
                .map_err(|e| {
                    format!(
                        "error converting supplied value for destination_config: {e}"
                    )
                });
            self
        }
        pub fn max_async_event_age_in_seconds<T>(mut self, value: T) -> Self
        where
            T: ::std::convert::TryInto<::std::option::Option<::std::num::NonZeroU64>>,
            T::Error: ::std::fmt::Display,
        {
            self.max_async_event_age_in_seconds = value
                .try_into()
                .map_err(|e| {
                    format!(
                        "error converting supplied value for max_async_event_age_in_seconds: {e}"
                    )
                });
            self
        }
        pub fn max_async_retry_attempts<T>(mut self, value: T) -> Self
        where
            T: ::std::convert::TryInto<::std::option::Option<i64>>,
            T::Error: ::std::fmt::Display,
        {
            self.max_async_retry_attempts = value
                .try_into()
                .map_err(|e| {
                    format!(
                        "error converting supplied value for max_async_retry_attempts: {e}"
                    )
                });
            self
        }
    }
    impl ::std::convert::TryFrom<PutAsyncInvokeConfigInput>
    for super::PutAsyncInvokeConfigInput {
        type Error = super::error::ConversionError;
        fn try_from(
            value: PutAsyncInvokeConfigInput,
        ) -> ::std::result::Result<Self, super::error::ConversionError> {
            Ok(Self {
                async_task: value.async_task?,
                destination_config: value.destination_config?,
                max_async_event_age_in_seconds: value.max_async_event_age_in_seconds?,
                max_async_retry_attempts: value.max_async_retry_attempts?,
            })
        }
    }
    impl ::std::convert::From<super::PutAsyncInvokeConfigInput>
    for PutAsyncInvokeConfigInput {
        fn from(value: super::PutAsyncInvokeConfigInput) -> Self {
            Self {
                async_task: Ok(value.async_task),
                destination_config: Ok(value.destination_config),
                max_async_event_age_in_seconds: Ok(value.max_async_event_age_in_seconds),
                max_async_retry_attempts: Ok(value.max_async_retry_attempts),
            }
        }
    }
}
/// Error types.
pub mod error {
    /// Error from a `TryFrom` or `FromStr` implementation.
    pub struct ConversionError(::std::borrow::Cow<'static, str>);
    impl ::std::error::Error for ConversionError {}
    impl ::std::fmt::Display for ConversionError {
        fn fmt(
            &self,
            f: &mut ::std::fmt::Formatter<'_>,
        ) -> Result<(), ::std::fmt::Error> {
            ::std::fmt::Display::fmt(&self.0, f)
        }
    }
    impl ::std::fmt::Debug for ConversionError {
        fn fmt(
            &self,
            f: &mut ::std::fmt::Formatter<'_>,
        ) -> Result<(), ::std::fmt::Error> {
            ::std::fmt::Debug::fmt(&self.0, f)
        }
    }
    impl From<&'static str> for ConversionError {
        fn from(value: &'static str) -> Self {
            Self(value.into())
        }
    }
    impl From<String> for ConversionError {
        fn from(value: String) -> Self {
            Self(value.into())
        }
    }
}
impl DestinationRecord {
    /// A `DestinationRecord` with its required fields; every optional field is absent.
    pub fn new(
        request_context: DestinationRequestContext,
        request_payload: ::std::string::String,
        response_context: DestinationResponseContext,
        response_payload: ::std::string::String,
        timestamp: i64,
    ) -> Self {
        Self {
            request_context,
            request_payload,
            response_context,
            response_payload,
            timestamp,
        }
    }
}
impl DestinationRequestContext {
    /// A `DestinationRequestContext` with its required fields; every optional field is absent.
    pub fn new(
        approximate_invoke_count: i64,
        condition: ::std::string::String,
        function_arn: ::std::string::String,
        request_id: ::std::string::String,
    ) -> Self {
        Self {
            approximate_invoke_count,
            condition,
            function_arn,
            request_id,
        }
    }
}
impl DestinationResponseContext {
    /// A `DestinationResponseContext` with its required fields; every optional field is absent.
    pub fn new(function_error: ::std::string::String, status_code: i64) -> Self {
        Self {
            function_error,
            status_code,
        }
    }
}
/**Where an async task stands. `Enqueued` (accepted, waiting), `Dequeued` (taken from the
queue), `Running`, `Retrying` (a try failed, another is scheduled), then one of the
terminal states `Succeeded`, `Failed` (retries exhausted), `Expired` (older than
`maxAsyncEventAgeInSeconds` before a try), `Stopped` (after StopAsyncTask, passing
through `Stopping`) or `Invalid` (the event could not be run at all).

A value the spec does not list reads as [`AsyncTaskStatus::Unknown`], kept as FC sent it.*/
#[derive(Clone, Debug, Eq, Hash, Ord, PartialEq, PartialOrd)]
#[non_exhaustive]
pub enum AsyncTaskStatus {
    ///Enqueued
    Enqueued,
    ///Dequeued
    Dequeued,
    ///Running
    Running,
    ///Succeeded
    Succeeded,
    ///Failed
    Failed,
    ///Stopped
    Stopped,
    ///Stopping
    Stopping,
    ///Invalid
    Invalid,
    ///Expired
    Expired,
    ///Retrying
    Retrying,
    /// A value this version of fc3 does not know (FC added it later), as FC sent it.
    Unknown(crate::lenient::UnknownValue),
}
impl AsyncTaskStatus {
    /// Every value the spec lists, in its order.
    pub const KNOWN: [AsyncTaskStatus; 10usize] = [
        Self::Enqueued,
        Self::Dequeued,
        Self::Running,
        Self::Succeeded,
        Self::Failed,
        Self::Stopped,
        Self::Stopping,
        Self::Invalid,
        Self::Expired,
        Self::Retrying,
    ];
    /// The value as it travels.
    pub fn as_str(&self) -> &str {
        match self {
            Self::Enqueued => "Enqueued",
            Self::Dequeued => "Dequeued",
            Self::Running => "Running",
            Self::Succeeded => "Succeeded",
            Self::Failed => "Failed",
            Self::Stopped => "Stopped",
            Self::Stopping => "Stopping",
            Self::Invalid => "Invalid",
            Self::Expired => "Expired",
            Self::Retrying => "Retrying",
            Self::Unknown(value) => value.as_str(),
        }
    }
    /// Whether the spec lists this value.
    pub fn is_known(&self) -> bool {
        !matches!(self, Self::Unknown(_))
    }
    /// Reads a value as an answer carries it: one the spec does not list is kept as
    /// [`Self::Unknown`]. (`FromStr` and `TryFrom` are strict.)
    pub fn from_wire(value: &str) -> Self {
        match value {
            "Enqueued" => Self::Enqueued,
            "Dequeued" => Self::Dequeued,
            "Running" => Self::Running,
            "Succeeded" => Self::Succeeded,
            "Failed" => Self::Failed,
            "Stopped" => Self::Stopped,
            "Stopping" => Self::Stopping,
            "Invalid" => Self::Invalid,
            "Expired" => Self::Expired,
            "Retrying" => Self::Retrying,
            other => Self::Unknown(crate::lenient::UnknownValue::new(other)),
        }
    }
    ///Whether this is a final state (Succeeded, Failed, Stopped, Invalid, Expired, as the spec's `x-fc3-terminal` says); an unknown value is not.
    pub fn is_terminal(&self) -> bool {
        matches!(
            self, Self::Succeeded | Self::Failed | Self::Stopped | Self::Invalid |
            Self::Expired
        )
    }
}
impl ::std::fmt::Display for AsyncTaskStatus {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        f.write_str(self.as_str())
    }
}
impl ::std::str::FromStr for AsyncTaskStatus {
    type Err = self::error::ConversionError;
    fn from_str(
        value: &str,
    ) -> ::std::result::Result<Self, self::error::ConversionError> {
        match Self::from_wire(value) {
            Self::Unknown(_) => {
                Err(
                    "must be one of Enqueued, Dequeued, Running, Succeeded, Failed, Stopped, Stopping, Invalid, Expired, Retrying"
                        .into(),
                )
            }
            known => Ok(known),
        }
    }
}
impl ::std::convert::TryFrom<&str> for AsyncTaskStatus {
    type Error = self::error::ConversionError;
    fn try_from(
        value: &str,
    ) -> ::std::result::Result<Self, self::error::ConversionError> {
        value.parse()
    }
}
impl ::std::convert::TryFrom<::std::string::String> for AsyncTaskStatus {
    type Error = self::error::ConversionError;
    fn try_from(
        value: ::std::string::String,
    ) -> ::std::result::Result<Self, self::error::ConversionError> {
        value.parse()
    }
}
impl ::serde::Serialize for AsyncTaskStatus {
    fn serialize<S: ::serde::Serializer>(
        &self,
        serializer: S,
    ) -> ::std::result::Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}
impl<'de> ::serde::Deserialize<'de> for AsyncTaskStatus {
    fn deserialize<D: ::serde::Deserializer<'de>>(
        deserializer: D,
    ) -> ::std::result::Result<Self, D::Error> {
        let value = <::std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        Ok(Self::from_wire(&value))
    }
}
impl schemars::JsonSchema for AsyncTaskStatus {
    fn schema_name() -> ::std::string::String {
        "AsyncTaskStatus".to_string()
    }
    fn json_schema(
        _: &mut schemars::r#gen::SchemaGenerator,
    ) -> schemars::schema::Schema {
        schemars::schema::SchemaObject {
            instance_type: Some(schemars::schema::InstanceType::String.into()),
            enum_values: Some(
                vec![
                    ::serde_json::Value::from("Enqueued"),
                    ::serde_json::Value::from("Dequeued"),
                    ::serde_json::Value::from("Running"),
                    ::serde_json::Value::from("Succeeded"),
                    ::serde_json::Value::from("Failed"),
                    ::serde_json::Value::from("Stopped"),
                    ::serde_json::Value::from("Stopping"),
                    ::serde_json::Value::from("Invalid"),
                    ::serde_json::Value::from("Expired"),
                    ::serde_json::Value::from("Retrying")
                ],
            ),
            ..Default::default()
        }
            .into()
    }
}
