// Generated from openapi/fc-2023-03-30.yaml by `cargo xtask codegen`. Do not edit: change the spec or the generator and regenerate.

use ::std::borrow::Cow;
use crate::operation::*;
static PATTERN_1: Pattern = Pattern::new("^[A-Za-z0-9_-]+$");
static PATTERN_0: Pattern = Pattern::new("^[A-Za-z_][A-Za-z0-9_-]*$");
static PATTERN_3: Pattern = Pattern::new("^[A-Za-z_][A-Za-z0-9_-]{0,127}$");
static PATTERN_2: Pattern = Pattern::new("^[^/\\u0000-\\u001f\\u007f]+$");
/// An operation of the spec.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Action {
    ///ListAsyncInvokeConfigs
    ListAsyncInvokeConfigs,
    ///GetAsyncInvokeConfig
    GetAsyncInvokeConfig,
    ///PutAsyncInvokeConfig
    PutAsyncInvokeConfig,
    ///DeleteAsyncInvokeConfig
    DeleteAsyncInvokeConfig,
    ///ListAsyncTasks
    ListAsyncTasks,
    ///GetAsyncTask
    GetAsyncTask,
    ///StopAsyncTask
    StopAsyncTask,
    ///InvokeFunction
    InvokeFunction,
}
impl Action {
    /// Every operation, sorted by path.
    pub const ALL: [Action; 8usize] = [
        Action::ListAsyncInvokeConfigs,
        Action::GetAsyncInvokeConfig,
        Action::PutAsyncInvokeConfig,
        Action::DeleteAsyncInvokeConfig,
        Action::ListAsyncTasks,
        Action::GetAsyncTask,
        Action::StopAsyncTask,
        Action::InvokeFunction,
    ];
    /// The FC action name (the `x-acs-action` header's value).
    pub const fn name(self) -> &'static str {
        match self {
            Action::ListAsyncInvokeConfigs => "ListAsyncInvokeConfigs",
            Action::GetAsyncInvokeConfig => "GetAsyncInvokeConfig",
            Action::PutAsyncInvokeConfig => "PutAsyncInvokeConfig",
            Action::DeleteAsyncInvokeConfig => "DeleteAsyncInvokeConfig",
            Action::ListAsyncTasks => "ListAsyncTasks",
            Action::GetAsyncTask => "GetAsyncTask",
            Action::StopAsyncTask => "StopAsyncTask",
            Action::InvokeFunction => "InvokeFunction",
        }
    }
    /// What the spec says of the operation.
    pub fn operation(self) -> &'static Operation {
        match self {
            Action::ListAsyncInvokeConfigs => &LIST_ASYNC_INVOKE_CONFIGS,
            Action::GetAsyncInvokeConfig => &GET_ASYNC_INVOKE_CONFIG,
            Action::PutAsyncInvokeConfig => &PUT_ASYNC_INVOKE_CONFIG,
            Action::DeleteAsyncInvokeConfig => &DELETE_ASYNC_INVOKE_CONFIG,
            Action::ListAsyncTasks => &LIST_ASYNC_TASKS,
            Action::GetAsyncTask => &GET_ASYNC_TASK,
            Action::StopAsyncTask => &STOP_ASYNC_TASK,
            Action::InvokeFunction => &INVOKE_FUNCTION,
        }
    }
    /// The action named `name`, if the spec has it.
    pub fn from_name(name: &str) -> Option<Action> {
        match name {
            "ListAsyncInvokeConfigs" => Some(Action::ListAsyncInvokeConfigs),
            "GetAsyncInvokeConfig" => Some(Action::GetAsyncInvokeConfig),
            "PutAsyncInvokeConfig" => Some(Action::PutAsyncInvokeConfig),
            "DeleteAsyncInvokeConfig" => Some(Action::DeleteAsyncInvokeConfig),
            "ListAsyncTasks" => Some(Action::ListAsyncTasks),
            "GetAsyncTask" => Some(Action::GetAsyncTask),
            "StopAsyncTask" => Some(Action::StopAsyncTask),
            "InvokeFunction" => Some(Action::InvokeFunction),
            _ => None,
        }
    }
}
/// Every operation, sorted by path.
pub static OPERATIONS: [&Operation; 8usize] = [
    &LIST_ASYNC_INVOKE_CONFIGS,
    &GET_ASYNC_INVOKE_CONFIG,
    &PUT_ASYNC_INVOKE_CONFIG,
    &DELETE_ASYNC_INVOKE_CONFIG,
    &LIST_ASYNC_TASKS,
    &GET_ASYNC_TASK,
    &STOP_ASYNC_TASK,
    &INVOKE_FUNCTION,
];
///ListAsyncInvokeConfigs: GET /2023-03-30/async-invoke-configs. List asynchronous invocation configurations.
pub static LIST_ASYNC_INVOKE_CONFIGS: Operation = Operation {
    action: Action::ListAsyncInvokeConfigs,
    name: "ListAsyncInvokeConfigs",
    method: Method::Get,
    path: "/2023-03-30/async-invoke-configs",
    summary: "List asynchronous invocation configurations.",
    parameters: &[
        Parameter {
            wire_name: "functionName",
            setter: "function_name",
            location: Location::Query,
            required: false,
            schema: Some("FunctionName"),
            rust_type: "Option<FunctionName>",
            constraints: Constraints {
                wire_type: WireType::String,
                minimum: None,
                maximum: None,
                min_length: Some(1usize),
                max_length: Some(64usize),
                pattern: Some(&PATTERN_0),
                values: &[],
                rule: None,
            },
            default: None,
            description: "Only the configurations of this function (all its qualifiers).",
            trace: Some("function"),
            requires: &[],
        },
        Parameter {
            wire_name: "limit",
            setter: "limit",
            location: Location::Query,
            required: false,
            schema: None,
            rust_type: "Option<::NonZeroU32>",
            constraints: Constraints {
                wire_type: WireType::Integer,
                minimum: Some(1i64),
                maximum: None,
                min_length: None,
                max_length: None,
                pattern: None,
                values: &[],
                rule: None,
            },
            default: None,
            description: "The most configurations one page holds, at least 1 (the service's maximum and its\ndefault are not documented; fc3-local allows at most 100 and gives 20 when absent).",
            trace: None,
            requires: &[],
        },
        Parameter {
            wire_name: "nextToken",
            setter: "next_token",
            location: Location::Query,
            required: false,
            schema: None,
            rust_type: "Option<::String>",
            constraints: Constraints {
                wire_type: WireType::String,
                minimum: None,
                maximum: None,
                min_length: None,
                max_length: None,
                pattern: None,
                values: &[],
                rule: None,
            },
            default: None,
            description: "The `nextToken` of the previous page; absent for the first page.",
            trace: None,
            requires: &[],
        },
    ],
    body: None,
    responses: &[
        Response {
            status: "200",
            body: Some(BodyKind::Json("ListAsyncInvokeConfigOutput")),
            headers: &["x-fc-request-id"],
        },
        Response {
            status: "4XX",
            body: Some(BodyKind::Json("Error")),
            headers: &["x-acs-retry-after", "x-fc-request-id"],
        },
        Response {
            status: "5XX",
            body: Some(BodyKind::Json("Error")),
            headers: &["x-acs-retry-after", "x-fc-request-id"],
        },
    ],
    retry: RetryRule {
        class: RetryClass::Idempotent,
        cases: &[],
        description: "Idempotent, so any retryable failure may be retried.",
    },
    pagination: Some(Pagination {
        token: "nextToken",
        items: "configs",
    }),
};
/**A request of ListAsyncInvokeConfigs: its parameters and body, as a client sends them and the emulator reads them.

Field names are the fluent client's setter names; serde reads the wire names (path, query and header parameters side by side; the body is set apart).

Exhaustive on purpose: the emulator takes it apart field by field, so a parameter added to the spec does not compile there until it is read; build one with `new`.*/
#[derive(Clone, Debug, PartialEq, ::serde::Deserialize)]
pub struct ListAsyncInvokeConfigsRequest {
    ///`functionName` (query): Only the configurations of this function (all its qualifiers).
    #[serde(rename = "functionName", default)]
    pub function_name: ::std::option::Option<crate::FunctionName>,
    /**`limit` (query): The most configurations one page holds, at least 1 (the service's maximum and its
default are not documented; fc3-local allows at most 100 and gives 20 when absent).*/
    #[serde(rename = "limit", default)]
    pub limit: ::std::option::Option<::std::num::NonZeroU32>,
    ///`nextToken` (query): The `nextToken` of the previous page; absent for the first page.
    #[serde(rename = "nextToken", default)]
    pub next_token: ::std::option::Option<::std::string::String>,
}
impl ListAsyncInvokeConfigsRequest {
    ///A request with every parameter absent.
    pub fn new() -> Self {
        Self {
            function_name: None,
            limit: None,
            next_token: None,
        }
    }
    ///The spec's minimum.
    pub const LIMIT_MIN: i64 = 1i64;
}
impl OperationRequest for ListAsyncInvokeConfigsRequest {
    fn operation() -> &'static Operation {
        &LIST_ASYNC_INVOKE_CONFIGS
    }
    fn parameter_text(&self, wire_name: &str) -> Option<Cow<'_, str>> {
        match wire_name {
            "functionName" => {
                self.function_name.as_ref().map(|v| Cow::Borrowed(v.as_str()))
            }
            "limit" => self.limit.as_ref().map(|v| Cow::Owned(v.to_string())),
            "nextToken" => self.next_token.as_ref().map(|v| Cow::Borrowed(v.as_str())),
            _ => None,
        }
    }
}
impl ReadRequest for ListAsyncInvokeConfigsRequest {
    fn read_body(&mut self, _body: ::bytes::Bytes) -> Result<(), Violation> {
        Ok(())
    }
}
///GetAsyncInvokeConfig: GET /2023-03-30/functions/{functionName}/async-invoke-config. Read a function's asynchronous invocation configuration.
pub static GET_ASYNC_INVOKE_CONFIG: Operation = Operation {
    action: Action::GetAsyncInvokeConfig,
    name: "GetAsyncInvokeConfig",
    method: Method::Get,
    path: "/2023-03-30/functions/{functionName}/async-invoke-config",
    summary: "Read a function's asynchronous invocation configuration.",
    parameters: &[
        Parameter {
            wire_name: "functionName",
            setter: "function_name",
            location: Location::Path,
            required: true,
            schema: Some("FunctionName"),
            rust_type: "FunctionName",
            constraints: Constraints {
                wire_type: WireType::String,
                minimum: None,
                maximum: None,
                min_length: Some(1usize),
                max_length: Some(64usize),
                pattern: Some(&PATTERN_0),
                values: &[],
                rule: None,
            },
            default: None,
            description: "The function's name.",
            trace: Some("function"),
            requires: &[],
        },
        Parameter {
            wire_name: "qualifier",
            setter: "qualifier",
            location: Location::Query,
            required: false,
            schema: Some("Qualifier"),
            rust_type: "Option<Qualifier>",
            constraints: Constraints {
                wire_type: WireType::String,
                minimum: None,
                maximum: None,
                min_length: Some(1usize),
                max_length: Some(128usize),
                pattern: Some(&PATTERN_1),
                values: &[],
                rule: None,
            },
            default: Some("LATEST"),
            description: "A version number or an alias of the function; `LATEST` when absent.",
            trace: Some("qualifier"),
            requires: &[],
        },
    ],
    body: None,
    responses: &[
        Response {
            status: "200",
            body: Some(BodyKind::Json("AsyncConfig")),
            headers: &["x-fc-request-id"],
        },
        Response {
            status: "4XX",
            body: Some(BodyKind::Json("Error")),
            headers: &["x-acs-retry-after", "x-fc-request-id"],
        },
        Response {
            status: "5XX",
            body: Some(BodyKind::Json("Error")),
            headers: &["x-acs-retry-after", "x-fc-request-id"],
        },
    ],
    retry: RetryRule {
        class: RetryClass::Idempotent,
        cases: &[],
        description: "Idempotent, so any retryable failure may be retried.",
    },
    pagination: None,
};
/**A request of GetAsyncInvokeConfig: its parameters and body, as a client sends them and the emulator reads them.

Field names are the fluent client's setter names; serde reads the wire names (path, query and header parameters side by side; the body is set apart).

Exhaustive on purpose: the emulator takes it apart field by field, so a parameter added to the spec does not compile there until it is read; build one with `new`.*/
#[derive(Clone, Debug, PartialEq, ::serde::Deserialize)]
pub struct GetAsyncInvokeConfigRequest {
    ///`functionName` (path): The function's name.
    #[serde(rename = "functionName")]
    pub function_name: crate::FunctionName,
    ///`qualifier` (query): A version number or an alias of the function; `LATEST` when absent.
    #[serde(rename = "qualifier", default)]
    pub qualifier: ::std::option::Option<crate::Qualifier>,
}
impl GetAsyncInvokeConfigRequest {
    ///A request with its required parameters, every other one absent.
    pub fn new(function_name: crate::FunctionName) -> Self {
        Self {
            function_name,
            qualifier: None,
        }
    }
    ///The documented default when absent: LATEST.
    pub const QUALIFIER_DEFAULT: &'static str = "LATEST";
}
impl OperationRequest for GetAsyncInvokeConfigRequest {
    fn operation() -> &'static Operation {
        &GET_ASYNC_INVOKE_CONFIG
    }
    fn parameter_text(&self, wire_name: &str) -> Option<Cow<'_, str>> {
        match wire_name {
            "functionName" => Some(Cow::Borrowed(self.function_name.as_str())),
            "qualifier" => self.qualifier.as_ref().map(|v| Cow::Borrowed(v.as_str())),
            _ => None,
        }
    }
}
impl ReadRequest for GetAsyncInvokeConfigRequest {
    fn read_body(&mut self, _body: ::bytes::Bytes) -> Result<(), Violation> {
        Ok(())
    }
}
///PutAsyncInvokeConfig: PUT /2023-03-30/functions/{functionName}/async-invoke-config. Create or replace a function's asynchronous invocation configuration.
pub static PUT_ASYNC_INVOKE_CONFIG: Operation = Operation {
    action: Action::PutAsyncInvokeConfig,
    name: "PutAsyncInvokeConfig",
    method: Method::Put,
    path: "/2023-03-30/functions/{functionName}/async-invoke-config",
    summary: "Create or replace a function's asynchronous invocation configuration.",
    parameters: &[
        Parameter {
            wire_name: "functionName",
            setter: "function_name",
            location: Location::Path,
            required: true,
            schema: Some("FunctionName"),
            rust_type: "FunctionName",
            constraints: Constraints {
                wire_type: WireType::String,
                minimum: None,
                maximum: None,
                min_length: Some(1usize),
                max_length: Some(64usize),
                pattern: Some(&PATTERN_0),
                values: &[],
                rule: None,
            },
            default: None,
            description: "The function's name.",
            trace: Some("function"),
            requires: &[],
        },
        Parameter {
            wire_name: "qualifier",
            setter: "qualifier",
            location: Location::Query,
            required: false,
            schema: Some("Qualifier"),
            rust_type: "Option<Qualifier>",
            constraints: Constraints {
                wire_type: WireType::String,
                minimum: None,
                maximum: None,
                min_length: Some(1usize),
                max_length: Some(128usize),
                pattern: Some(&PATTERN_1),
                values: &[],
                rule: None,
            },
            default: Some("LATEST"),
            description: "A version number or an alias of the function; `LATEST` when absent.",
            trace: Some("qualifier"),
            requires: &[],
        },
    ],
    body: Some(Body {
        kind: BodyKind::Json("PutAsyncInvokeConfigInput"),
        required: true,
        setter: "body",
        limits: &[],
    }),
    responses: &[
        Response {
            status: "200",
            body: Some(BodyKind::Json("AsyncConfig")),
            headers: &["x-fc-request-id"],
        },
        Response {
            status: "4XX",
            body: Some(BodyKind::Json("Error")),
            headers: &["x-acs-retry-after", "x-fc-request-id"],
        },
        Response {
            status: "5XX",
            body: Some(BodyKind::Json("Error")),
            headers: &["x-acs-retry-after", "x-fc-request-id"],
        },
    ],
    retry: RetryRule {
        class: RetryClass::Idempotent,
        cases: &[],
        description: "Idempotent, so any retryable failure may be retried.",
    },
    pagination: None,
};
/**A request of PutAsyncInvokeConfig: its parameters and body, as a client sends them and the emulator reads them.

Field names are the fluent client's setter names; serde reads the wire names (path, query and header parameters side by side; the body is set apart).

Exhaustive on purpose: the emulator takes it apart field by field, so a parameter added to the spec does not compile there until it is read; build one with `new`.*/
#[derive(Clone, Debug, PartialEq, ::serde::Deserialize)]
pub struct PutAsyncInvokeConfigRequest {
    ///`functionName` (path): The function's name.
    #[serde(rename = "functionName")]
    pub function_name: crate::FunctionName,
    ///`qualifier` (query): A version number or an alias of the function; `LATEST` when absent.
    #[serde(rename = "qualifier", default)]
    pub qualifier: ::std::option::Option<crate::Qualifier>,
    ///The body: The configuration to store.
    #[serde(skip)]
    pub body: crate::PutAsyncInvokeConfigInput,
}
impl PutAsyncInvokeConfigRequest {
    ///A request with its required parameters, every other one absent.
    pub fn new(function_name: crate::FunctionName) -> Self {
        Self {
            function_name,
            qualifier: None,
            body: ::std::default::Default::default(),
        }
    }
    ///The documented default when absent: LATEST.
    pub const QUALIFIER_DEFAULT: &'static str = "LATEST";
}
impl OperationRequest for PutAsyncInvokeConfigRequest {
    fn operation() -> &'static Operation {
        &PUT_ASYNC_INVOKE_CONFIG
    }
    fn parameter_text(&self, wire_name: &str) -> Option<Cow<'_, str>> {
        match wire_name {
            "functionName" => Some(Cow::Borrowed(self.function_name.as_str())),
            "qualifier" => self.qualifier.as_ref().map(|v| Cow::Borrowed(v.as_str())),
            _ => None,
        }
    }
    fn body_json(&self) -> Option<::serde_json::Value> {
        ::serde_json::to_value(&self.body).ok()
    }
}
impl ReadRequest for PutAsyncInvokeConfigRequest {
    fn read_body(&mut self, body: ::bytes::Bytes) -> Result<(), Violation> {
        if let Some(read) = read_json_body(
            &PUT_ASYNC_INVOKE_CONFIG_INPUT_SCHEMA,
            &body,
            true,
        )? {
            self.body = read;
        }
        Ok(())
    }
}
///DeleteAsyncInvokeConfig: DELETE /2023-03-30/functions/{functionName}/async-invoke-config. Delete a function's asynchronous invocation configuration.
pub static DELETE_ASYNC_INVOKE_CONFIG: Operation = Operation {
    action: Action::DeleteAsyncInvokeConfig,
    name: "DeleteAsyncInvokeConfig",
    method: Method::Delete,
    path: "/2023-03-30/functions/{functionName}/async-invoke-config",
    summary: "Delete a function's asynchronous invocation configuration.",
    parameters: &[
        Parameter {
            wire_name: "functionName",
            setter: "function_name",
            location: Location::Path,
            required: true,
            schema: Some("FunctionName"),
            rust_type: "FunctionName",
            constraints: Constraints {
                wire_type: WireType::String,
                minimum: None,
                maximum: None,
                min_length: Some(1usize),
                max_length: Some(64usize),
                pattern: Some(&PATTERN_0),
                values: &[],
                rule: None,
            },
            default: None,
            description: "The function's name.",
            trace: Some("function"),
            requires: &[],
        },
        Parameter {
            wire_name: "qualifier",
            setter: "qualifier",
            location: Location::Query,
            required: false,
            schema: Some("Qualifier"),
            rust_type: "Option<Qualifier>",
            constraints: Constraints {
                wire_type: WireType::String,
                minimum: None,
                maximum: None,
                min_length: Some(1usize),
                max_length: Some(128usize),
                pattern: Some(&PATTERN_1),
                values: &[],
                rule: None,
            },
            default: Some("LATEST"),
            description: "A version number or an alias of the function; `LATEST` when absent.",
            trace: Some("qualifier"),
            requires: &[],
        },
    ],
    body: None,
    responses: &[
        Response {
            status: "2XX",
            body: None,
            headers: &["x-fc-request-id"],
        },
        Response {
            status: "4XX",
            body: Some(BodyKind::Json("Error")),
            headers: &["x-acs-retry-after", "x-fc-request-id"],
        },
        Response {
            status: "5XX",
            body: Some(BodyKind::Json("Error")),
            headers: &["x-acs-retry-after", "x-fc-request-id"],
        },
    ],
    retry: RetryRule {
        class: RetryClass::Idempotent,
        cases: &[],
        description: "Idempotent, so any retryable failure may be retried.",
    },
    pagination: None,
};
/**A request of DeleteAsyncInvokeConfig: its parameters and body, as a client sends them and the emulator reads them.

Field names are the fluent client's setter names; serde reads the wire names (path, query and header parameters side by side; the body is set apart).

Exhaustive on purpose: the emulator takes it apart field by field, so a parameter added to the spec does not compile there until it is read; build one with `new`.*/
#[derive(Clone, Debug, PartialEq, ::serde::Deserialize)]
pub struct DeleteAsyncInvokeConfigRequest {
    ///`functionName` (path): The function's name.
    #[serde(rename = "functionName")]
    pub function_name: crate::FunctionName,
    ///`qualifier` (query): A version number or an alias of the function; `LATEST` when absent.
    #[serde(rename = "qualifier", default)]
    pub qualifier: ::std::option::Option<crate::Qualifier>,
}
impl DeleteAsyncInvokeConfigRequest {
    ///A request with its required parameters, every other one absent.
    pub fn new(function_name: crate::FunctionName) -> Self {
        Self {
            function_name,
            qualifier: None,
        }
    }
    ///The documented default when absent: LATEST.
    pub const QUALIFIER_DEFAULT: &'static str = "LATEST";
}
impl OperationRequest for DeleteAsyncInvokeConfigRequest {
    fn operation() -> &'static Operation {
        &DELETE_ASYNC_INVOKE_CONFIG
    }
    fn parameter_text(&self, wire_name: &str) -> Option<Cow<'_, str>> {
        match wire_name {
            "functionName" => Some(Cow::Borrowed(self.function_name.as_str())),
            "qualifier" => self.qualifier.as_ref().map(|v| Cow::Borrowed(v.as_str())),
            _ => None,
        }
    }
}
impl ReadRequest for DeleteAsyncInvokeConfigRequest {
    fn read_body(&mut self, _body: ::bytes::Bytes) -> Result<(), Violation> {
        Ok(())
    }
}
///ListAsyncTasks: GET /2023-03-30/functions/{functionName}/async-tasks. List a function's asynchronous tasks.
pub static LIST_ASYNC_TASKS: Operation = Operation {
    action: Action::ListAsyncTasks,
    name: "ListAsyncTasks",
    method: Method::Get,
    path: "/2023-03-30/functions/{functionName}/async-tasks",
    summary: "List a function's asynchronous tasks.",
    parameters: &[
        Parameter {
            wire_name: "functionName",
            setter: "function_name",
            location: Location::Path,
            required: true,
            schema: Some("FunctionName"),
            rust_type: "FunctionName",
            constraints: Constraints {
                wire_type: WireType::String,
                minimum: None,
                maximum: None,
                min_length: Some(1usize),
                max_length: Some(64usize),
                pattern: Some(&PATTERN_0),
                values: &[],
                rule: None,
            },
            default: None,
            description: "The function's name.",
            trace: Some("function"),
            requires: &[],
        },
        Parameter {
            wire_name: "qualifier",
            setter: "qualifier",
            location: Location::Query,
            required: false,
            schema: Some("Qualifier"),
            rust_type: "Option<Qualifier>",
            constraints: Constraints {
                wire_type: WireType::String,
                minimum: None,
                maximum: None,
                min_length: Some(1usize),
                max_length: Some(128usize),
                pattern: Some(&PATTERN_1),
                values: &[],
                rule: None,
            },
            default: Some("LATEST"),
            description: "A version number or an alias of the function; `LATEST` when absent.",
            trace: Some("qualifier"),
            requires: &[],
        },
        Parameter {
            wire_name: "limit",
            setter: "limit",
            location: Location::Query,
            required: false,
            schema: None,
            rust_type: "Option<::NonZeroU32>",
            constraints: Constraints {
                wire_type: WireType::Integer,
                minimum: Some(1i64),
                maximum: Some(100i64),
                min_length: None,
                max_length: None,
                pattern: None,
                values: &[],
                rule: None,
            },
            default: Some("20"),
            description: "The most tasks one page holds, from 1 to 100 (20 when absent).",
            trace: None,
            requires: &[],
        },
        Parameter {
            wire_name: "nextToken",
            setter: "next_token",
            location: Location::Query,
            required: false,
            schema: None,
            rust_type: "Option<::String>",
            constraints: Constraints {
                wire_type: WireType::String,
                minimum: None,
                maximum: None,
                min_length: None,
                max_length: None,
                pattern: None,
                values: &[],
                rule: None,
            },
            default: None,
            description: "The `nextToken` of the previous page; absent for the first page.",
            trace: None,
            requires: &[],
        },
        Parameter {
            wire_name: "prefix",
            setter: "prefix",
            location: Location::Query,
            required: false,
            schema: None,
            rust_type: "Option<::String>",
            constraints: Constraints {
                wire_type: WireType::String,
                minimum: None,
                maximum: None,
                min_length: None,
                max_length: None,
                pattern: None,
                values: &[],
                rule: None,
            },
            default: None,
            description: "Only tasks whose id starts with this prefix.",
            trace: None,
            requires: &[],
        },
        Parameter {
            wire_name: "status",
            setter: "status",
            location: Location::Query,
            required: false,
            schema: Some("AsyncTaskStatus"),
            rust_type: "Option<AsyncTaskStatus>",
            constraints: Constraints {
                wire_type: WireType::String,
                minimum: None,
                maximum: None,
                min_length: None,
                max_length: None,
                pattern: None,
                values: &[
                    "Enqueued",
                    "Dequeued",
                    "Running",
                    "Succeeded",
                    "Failed",
                    "Stopped",
                    "Stopping",
                    "Invalid",
                    "Expired",
                    "Retrying",
                ],
                rule: None,
            },
            default: None,
            description: "Only tasks in this status.",
            trace: None,
            requires: &[],
        },
        Parameter {
            wire_name: "startedTimeBegin",
            setter: "started_time_begin",
            location: Location::Query,
            required: false,
            schema: None,
            rust_type: "Option<i64>",
            constraints: Constraints {
                wire_type: WireType::Integer,
                minimum: None,
                maximum: None,
                min_length: None,
                max_length: None,
                pattern: None,
                values: &[],
                rule: None,
            },
            default: None,
            description: "Only tasks started at or after this time, in milliseconds since the Unix epoch.",
            trace: None,
            requires: &[],
        },
        Parameter {
            wire_name: "startedTimeEnd",
            setter: "started_time_end",
            location: Location::Query,
            required: false,
            schema: None,
            rust_type: "Option<i64>",
            constraints: Constraints {
                wire_type: WireType::Integer,
                minimum: None,
                maximum: None,
                min_length: None,
                max_length: None,
                pattern: None,
                values: &[],
                rule: None,
            },
            default: None,
            description: "Only tasks started at or before this time, in milliseconds since the Unix epoch.",
            trace: None,
            requires: &[],
        },
        Parameter {
            wire_name: "sortOrderByTime",
            setter: "sort_order_by_time",
            location: Location::Query,
            required: false,
            schema: Some("SortOrder"),
            rust_type: "Option<SortOrder>",
            constraints: Constraints {
                wire_type: WireType::String,
                minimum: None,
                maximum: None,
                min_length: None,
                max_length: None,
                pattern: None,
                values: &["asc", "desc"],
                rule: None,
            },
            default: None,
            description: "Order by start time, `asc` or `desc`.",
            trace: None,
            requires: &[],
        },
        Parameter {
            wire_name: "includePayload",
            setter: "include_payload",
            location: Location::Query,
            required: false,
            schema: None,
            rust_type: "Option<bool>",
            constraints: Constraints {
                wire_type: WireType::Boolean,
                minimum: None,
                maximum: None,
                min_length: None,
                max_length: None,
                pattern: None,
                values: &[],
                rule: None,
            },
            default: None,
            description: "Whether each task carries its event (`taskPayload`); false when absent.",
            trace: None,
            requires: &[],
        },
    ],
    body: None,
    responses: &[
        Response {
            status: "200",
            body: Some(BodyKind::Json("ListAsyncTaskOutput")),
            headers: &["x-fc-request-id"],
        },
        Response {
            status: "4XX",
            body: Some(BodyKind::Json("Error")),
            headers: &["x-acs-retry-after", "x-fc-request-id"],
        },
        Response {
            status: "5XX",
            body: Some(BodyKind::Json("Error")),
            headers: &["x-acs-retry-after", "x-fc-request-id"],
        },
    ],
    retry: RetryRule {
        class: RetryClass::Idempotent,
        cases: &[],
        description: "Idempotent, so any retryable failure may be retried.",
    },
    pagination: Some(Pagination {
        token: "nextToken",
        items: "tasks",
    }),
};
/**A request of ListAsyncTasks: its parameters and body, as a client sends them and the emulator reads them.

Field names are the fluent client's setter names; serde reads the wire names (path, query and header parameters side by side; the body is set apart).

Exhaustive on purpose: the emulator takes it apart field by field, so a parameter added to the spec does not compile there until it is read; build one with `new`.*/
#[derive(Clone, Debug, PartialEq, ::serde::Deserialize)]
pub struct ListAsyncTasksRequest {
    ///`functionName` (path): The function's name.
    #[serde(rename = "functionName")]
    pub function_name: crate::FunctionName,
    ///`qualifier` (query): A version number or an alias of the function; `LATEST` when absent.
    #[serde(rename = "qualifier", default)]
    pub qualifier: ::std::option::Option<crate::Qualifier>,
    ///`limit` (query): The most tasks one page holds, from 1 to 100 (20 when absent).
    #[serde(rename = "limit", default)]
    pub limit: ::std::option::Option<::std::num::NonZeroU32>,
    ///`nextToken` (query): The `nextToken` of the previous page; absent for the first page.
    #[serde(rename = "nextToken", default)]
    pub next_token: ::std::option::Option<::std::string::String>,
    ///`prefix` (query): Only tasks whose id starts with this prefix.
    #[serde(rename = "prefix", default)]
    pub prefix: ::std::option::Option<::std::string::String>,
    ///`status` (query): Only tasks in this status.
    #[serde(rename = "status", default)]
    pub status: ::std::option::Option<crate::AsyncTaskStatus>,
    ///`startedTimeBegin` (query): Only tasks started at or after this time, in milliseconds since the Unix epoch.
    #[serde(rename = "startedTimeBegin", default)]
    pub started_time_begin: ::std::option::Option<i64>,
    ///`startedTimeEnd` (query): Only tasks started at or before this time, in milliseconds since the Unix epoch.
    #[serde(rename = "startedTimeEnd", default)]
    pub started_time_end: ::std::option::Option<i64>,
    ///`sortOrderByTime` (query): Order by start time, `asc` or `desc`.
    #[serde(rename = "sortOrderByTime", default)]
    pub sort_order_by_time: ::std::option::Option<crate::SortOrder>,
    ///`includePayload` (query): Whether each task carries its event (`taskPayload`); false when absent.
    #[serde(rename = "includePayload", default)]
    pub include_payload: ::std::option::Option<bool>,
}
impl ListAsyncTasksRequest {
    ///A request with its required parameters, every other one absent.
    pub fn new(function_name: crate::FunctionName) -> Self {
        Self {
            function_name,
            qualifier: None,
            limit: None,
            next_token: None,
            prefix: None,
            status: None,
            started_time_begin: None,
            started_time_end: None,
            sort_order_by_time: None,
            include_payload: None,
        }
    }
    ///The documented default when absent: LATEST.
    pub const QUALIFIER_DEFAULT: &'static str = "LATEST";
    ///The spec's range: 1 to 100.
    pub const LIMIT_RANGE: ::std::ops::RangeInclusive<i64> = 1i64..=100i64;
    ///The documented default when absent: 20.
    pub const LIMIT_DEFAULT: i64 = 20i64;
}
impl OperationRequest for ListAsyncTasksRequest {
    fn operation() -> &'static Operation {
        &LIST_ASYNC_TASKS
    }
    fn parameter_text(&self, wire_name: &str) -> Option<Cow<'_, str>> {
        match wire_name {
            "functionName" => Some(Cow::Borrowed(self.function_name.as_str())),
            "qualifier" => self.qualifier.as_ref().map(|v| Cow::Borrowed(v.as_str())),
            "limit" => self.limit.as_ref().map(|v| Cow::Owned(v.to_string())),
            "nextToken" => self.next_token.as_ref().map(|v| Cow::Borrowed(v.as_str())),
            "prefix" => self.prefix.as_ref().map(|v| Cow::Borrowed(v.as_str())),
            "status" => self.status.as_ref().map(|v| Cow::Borrowed(v.as_str())),
            "startedTimeBegin" => {
                self.started_time_begin.as_ref().map(|v| Cow::Owned(v.to_string()))
            }
            "startedTimeEnd" => {
                self.started_time_end.as_ref().map(|v| Cow::Owned(v.to_string()))
            }
            "sortOrderByTime" => {
                self.sort_order_by_time.as_ref().map(|v| Cow::Owned(v.to_string()))
            }
            "includePayload" => {
                self.include_payload.as_ref().map(|v| Cow::Owned(v.to_string()))
            }
            _ => None,
        }
    }
}
impl ReadRequest for ListAsyncTasksRequest {
    fn read_body(&mut self, _body: ::bytes::Bytes) -> Result<(), Violation> {
        Ok(())
    }
}
///GetAsyncTask: GET /2023-03-30/functions/{functionName}/async-tasks/{taskId}. Read one asynchronous task.
pub static GET_ASYNC_TASK: Operation = Operation {
    action: Action::GetAsyncTask,
    name: "GetAsyncTask",
    method: Method::Get,
    path: "/2023-03-30/functions/{functionName}/async-tasks/{taskId}",
    summary: "Read one asynchronous task.",
    parameters: &[
        Parameter {
            wire_name: "functionName",
            setter: "function_name",
            location: Location::Path,
            required: true,
            schema: Some("FunctionName"),
            rust_type: "FunctionName",
            constraints: Constraints {
                wire_type: WireType::String,
                minimum: None,
                maximum: None,
                min_length: Some(1usize),
                max_length: Some(64usize),
                pattern: Some(&PATTERN_0),
                values: &[],
                rule: None,
            },
            default: None,
            description: "The function's name.",
            trace: Some("function"),
            requires: &[],
        },
        Parameter {
            wire_name: "taskId",
            setter: "task_id",
            location: Location::Path,
            required: true,
            schema: Some("TaskId"),
            rust_type: "TaskId",
            constraints: Constraints {
                wire_type: WireType::String,
                minimum: None,
                maximum: None,
                min_length: Some(1usize),
                max_length: Some(256usize),
                pattern: Some(&PATTERN_2),
                values: &[],
                rule: None,
            },
            default: None,
            description: "The async task's id, as given in `x-fc-async-task-id` or generated by the service.",
            trace: Some("task_id"),
            requires: &[],
        },
        Parameter {
            wire_name: "qualifier",
            setter: "qualifier",
            location: Location::Query,
            required: false,
            schema: Some("Qualifier"),
            rust_type: "Option<Qualifier>",
            constraints: Constraints {
                wire_type: WireType::String,
                minimum: None,
                maximum: None,
                min_length: Some(1usize),
                max_length: Some(128usize),
                pattern: Some(&PATTERN_1),
                values: &[],
                rule: None,
            },
            default: Some("LATEST"),
            description: "A version number or an alias of the function; `LATEST` when absent.",
            trace: Some("qualifier"),
            requires: &[],
        },
    ],
    body: None,
    responses: &[
        Response {
            status: "200",
            body: Some(BodyKind::Json("AsyncTask")),
            headers: &["x-fc-request-id"],
        },
        Response {
            status: "4XX",
            body: Some(BodyKind::Json("Error")),
            headers: &["x-acs-retry-after", "x-fc-request-id"],
        },
        Response {
            status: "5XX",
            body: Some(BodyKind::Json("Error")),
            headers: &["x-acs-retry-after", "x-fc-request-id"],
        },
    ],
    retry: RetryRule {
        class: RetryClass::Idempotent,
        cases: &[],
        description: "Idempotent, so any retryable failure may be retried.",
    },
    pagination: None,
};
/**A request of GetAsyncTask: its parameters and body, as a client sends them and the emulator reads them.

Field names are the fluent client's setter names; serde reads the wire names (path, query and header parameters side by side; the body is set apart).

Exhaustive on purpose: the emulator takes it apart field by field, so a parameter added to the spec does not compile there until it is read; build one with `new`.*/
#[derive(Clone, Debug, PartialEq, ::serde::Deserialize)]
pub struct GetAsyncTaskRequest {
    ///`functionName` (path): The function's name.
    #[serde(rename = "functionName")]
    pub function_name: crate::FunctionName,
    ///`taskId` (path): The async task's id, as given in `x-fc-async-task-id` or generated by the service.
    #[serde(rename = "taskId")]
    pub task_id: crate::TaskId,
    ///`qualifier` (query): A version number or an alias of the function; `LATEST` when absent.
    #[serde(rename = "qualifier", default)]
    pub qualifier: ::std::option::Option<crate::Qualifier>,
}
impl GetAsyncTaskRequest {
    ///A request with its required parameters, every other one absent.
    pub fn new(function_name: crate::FunctionName, task_id: crate::TaskId) -> Self {
        Self {
            function_name,
            task_id,
            qualifier: None,
        }
    }
    ///The documented default when absent: LATEST.
    pub const QUALIFIER_DEFAULT: &'static str = "LATEST";
}
impl OperationRequest for GetAsyncTaskRequest {
    fn operation() -> &'static Operation {
        &GET_ASYNC_TASK
    }
    fn parameter_text(&self, wire_name: &str) -> Option<Cow<'_, str>> {
        match wire_name {
            "functionName" => Some(Cow::Borrowed(self.function_name.as_str())),
            "taskId" => Some(Cow::Borrowed(self.task_id.as_str())),
            "qualifier" => self.qualifier.as_ref().map(|v| Cow::Borrowed(v.as_str())),
            _ => None,
        }
    }
}
impl ReadRequest for GetAsyncTaskRequest {
    fn read_body(&mut self, _body: ::bytes::Bytes) -> Result<(), Violation> {
        Ok(())
    }
}
///StopAsyncTask: PUT /2023-03-30/functions/{functionName}/async-tasks/{taskId}/stop. Stop an asynchronous task.
pub static STOP_ASYNC_TASK: Operation = Operation {
    action: Action::StopAsyncTask,
    name: "StopAsyncTask",
    method: Method::Put,
    path: "/2023-03-30/functions/{functionName}/async-tasks/{taskId}/stop",
    summary: "Stop an asynchronous task.",
    parameters: &[
        Parameter {
            wire_name: "functionName",
            setter: "function_name",
            location: Location::Path,
            required: true,
            schema: Some("FunctionName"),
            rust_type: "FunctionName",
            constraints: Constraints {
                wire_type: WireType::String,
                minimum: None,
                maximum: None,
                min_length: Some(1usize),
                max_length: Some(64usize),
                pattern: Some(&PATTERN_0),
                values: &[],
                rule: None,
            },
            default: None,
            description: "The function's name.",
            trace: Some("function"),
            requires: &[],
        },
        Parameter {
            wire_name: "taskId",
            setter: "task_id",
            location: Location::Path,
            required: true,
            schema: Some("TaskId"),
            rust_type: "TaskId",
            constraints: Constraints {
                wire_type: WireType::String,
                minimum: None,
                maximum: None,
                min_length: Some(1usize),
                max_length: Some(256usize),
                pattern: Some(&PATTERN_2),
                values: &[],
                rule: None,
            },
            default: None,
            description: "The async task's id, as given in `x-fc-async-task-id` or generated by the service.",
            trace: Some("task_id"),
            requires: &[],
        },
        Parameter {
            wire_name: "qualifier",
            setter: "qualifier",
            location: Location::Query,
            required: false,
            schema: Some("Qualifier"),
            rust_type: "Option<Qualifier>",
            constraints: Constraints {
                wire_type: WireType::String,
                minimum: None,
                maximum: None,
                min_length: Some(1usize),
                max_length: Some(128usize),
                pattern: Some(&PATTERN_1),
                values: &[],
                rule: None,
            },
            default: Some("LATEST"),
            description: "A version number or an alias of the function; `LATEST` when absent.",
            trace: Some("qualifier"),
            requires: &[],
        },
    ],
    body: None,
    responses: &[
        Response {
            status: "2XX",
            body: None,
            headers: &["x-fc-request-id"],
        },
        Response {
            status: "4XX",
            body: Some(BodyKind::Json("Error")),
            headers: &["x-acs-retry-after", "x-fc-request-id"],
        },
        Response {
            status: "5XX",
            body: Some(BodyKind::Json("Error")),
            headers: &["x-acs-retry-after", "x-fc-request-id"],
        },
    ],
    retry: RetryRule {
        class: RetryClass::Idempotent,
        cases: &[],
        description: "Idempotent, so any retryable failure may be retried.",
    },
    pagination: None,
};
/**A request of StopAsyncTask: its parameters and body, as a client sends them and the emulator reads them.

Field names are the fluent client's setter names; serde reads the wire names (path, query and header parameters side by side; the body is set apart).

Exhaustive on purpose: the emulator takes it apart field by field, so a parameter added to the spec does not compile there until it is read; build one with `new`.*/
#[derive(Clone, Debug, PartialEq, ::serde::Deserialize)]
pub struct StopAsyncTaskRequest {
    ///`functionName` (path): The function's name.
    #[serde(rename = "functionName")]
    pub function_name: crate::FunctionName,
    ///`taskId` (path): The async task's id, as given in `x-fc-async-task-id` or generated by the service.
    #[serde(rename = "taskId")]
    pub task_id: crate::TaskId,
    ///`qualifier` (query): A version number or an alias of the function; `LATEST` when absent.
    #[serde(rename = "qualifier", default)]
    pub qualifier: ::std::option::Option<crate::Qualifier>,
}
impl StopAsyncTaskRequest {
    ///A request with its required parameters, every other one absent.
    pub fn new(function_name: crate::FunctionName, task_id: crate::TaskId) -> Self {
        Self {
            function_name,
            task_id,
            qualifier: None,
        }
    }
    ///The documented default when absent: LATEST.
    pub const QUALIFIER_DEFAULT: &'static str = "LATEST";
}
impl OperationRequest for StopAsyncTaskRequest {
    fn operation() -> &'static Operation {
        &STOP_ASYNC_TASK
    }
    fn parameter_text(&self, wire_name: &str) -> Option<Cow<'_, str>> {
        match wire_name {
            "functionName" => Some(Cow::Borrowed(self.function_name.as_str())),
            "taskId" => Some(Cow::Borrowed(self.task_id.as_str())),
            "qualifier" => self.qualifier.as_ref().map(|v| Cow::Borrowed(v.as_str())),
            _ => None,
        }
    }
}
impl ReadRequest for StopAsyncTaskRequest {
    fn read_body(&mut self, _body: ::bytes::Bytes) -> Result<(), Violation> {
        Ok(())
    }
}
///InvokeFunction: POST /2023-03-30/functions/{functionName}/invocations. Invoke a function.
pub static INVOKE_FUNCTION: Operation = Operation {
    action: Action::InvokeFunction,
    name: "InvokeFunction",
    method: Method::Post,
    path: "/2023-03-30/functions/{functionName}/invocations",
    summary: "Invoke a function.",
    parameters: &[
        Parameter {
            wire_name: "functionName",
            setter: "function_name",
            location: Location::Path,
            required: true,
            schema: Some("FunctionName"),
            rust_type: "FunctionName",
            constraints: Constraints {
                wire_type: WireType::String,
                minimum: None,
                maximum: None,
                min_length: Some(1usize),
                max_length: Some(64usize),
                pattern: Some(&PATTERN_0),
                values: &[],
                rule: None,
            },
            default: None,
            description: "The function's name.",
            trace: Some("function"),
            requires: &[],
        },
        Parameter {
            wire_name: "qualifier",
            setter: "qualifier",
            location: Location::Query,
            required: false,
            schema: Some("Qualifier"),
            rust_type: "Option<Qualifier>",
            constraints: Constraints {
                wire_type: WireType::String,
                minimum: None,
                maximum: None,
                min_length: Some(1usize),
                max_length: Some(128usize),
                pattern: Some(&PATTERN_1),
                values: &[],
                rule: None,
            },
            default: Some("LATEST"),
            description: "A version number or an alias of the function; `LATEST` when absent.",
            trace: Some("qualifier"),
            requires: &[],
        },
        Parameter {
            wire_name: "x-fc-invocation-type",
            setter: "invocation_type",
            location: Location::Header,
            required: false,
            schema: Some("InvocationType"),
            rust_type: "Option<InvocationType>",
            constraints: Constraints {
                wire_type: WireType::String,
                minimum: None,
                maximum: None,
                min_length: None,
                max_length: None,
                pattern: None,
                values: &["Sync", "Async"],
                rule: None,
            },
            default: None,
            description: "`Sync` (the default when absent) or `Async`.",
            trace: None,
            requires: &[],
        },
        Parameter {
            wire_name: "x-fc-log-type",
            setter: "log_type",
            location: Location::Header,
            required: false,
            schema: Some("LogType"),
            rust_type: "Option<LogType>",
            constraints: Constraints {
                wire_type: WireType::String,
                minimum: None,
                maximum: None,
                min_length: None,
                max_length: None,
                pattern: None,
                values: &["None", "Tail"],
                rule: None,
            },
            default: None,
            description: "`Tail` asks for the last 4 KB of the invocation's log, base64-encoded, in the\n`x-fc-log-result` response header; `None` (the default) asks for no log. Only\nmeaningful for synchronous calls.",
            trace: None,
            requires: &[],
        },
        Parameter {
            wire_name: "x-fc-async-task-id",
            setter: "async_task_id",
            location: Location::Header,
            required: false,
            schema: Some("AsyncTaskId"),
            rust_type: "Option<AsyncTaskId>",
            constraints: Constraints {
                wire_type: WireType::String,
                minimum: None,
                maximum: None,
                min_length: Some(1usize),
                max_length: Some(128usize),
                pattern: Some(&PATTERN_3),
                values: &[],
                rule: None,
            },
            default: None,
            description: "A caller-chosen id for an asynchronous invocation, so that it can later be looked\nup (GetAsyncTask) or stopped (StopAsyncTask); pick something meaningful to the\nbusiness, e.g. the name of the video a function processes. Requires `asyncTask:\ntrue` in the function's async invoke configuration. When absent, the service\ngenerates one. Ids are unique per function: reusing one is a conflict.",
            trace: Some("task_id"),
            requires: &[
                Condition {
                    parameter: "x-fc-invocation-type",
                    value: Some("Async"),
                },
            ],
        },
    ],
    body: Some(Body {
        kind: BodyKind::Binary,
        required: false,
        setter: "payload",
        limits: &[
            BodyLimit {
                name: "MAX_ASYNC_PAYLOAD",
                when: &[
                    Condition {
                        parameter: "x-fc-invocation-type",
                        value: Some("Async"),
                    },
                ],
                bytes: 131072usize,
            },
            BodyLimit {
                name: "MAX_SYNC_PAYLOAD",
                when: &[],
                bytes: 33554432usize,
            },
        ],
    }),
    responses: &[
        Response {
            status: "200",
            body: Some(BodyKind::Binary),
            headers: &[
                "x-fc-code-checksum",
                "x-fc-error-type",
                "x-fc-instance-id",
                "x-fc-invocation-service-version",
                "x-fc-log-result",
                "x-fc-request-id",
            ],
        },
        Response {
            status: "202",
            body: None,
            headers: &["x-fc-async-task-id", "x-fc-request-id"],
        },
        Response {
            status: "4XX",
            body: Some(BodyKind::Json("Error")),
            headers: &["x-acs-retry-after", "x-fc-request-id"],
        },
        Response {
            status: "5XX",
            body: Some(BodyKind::Json("Error")),
            headers: &["x-acs-retry-after", "x-fc-request-id"],
        },
    ],
    retry: RetryRule {
        class: RetryClass::UnsentOnly,
        cases: &[
            RetryCase {
                when: &[
                    Condition {
                        parameter: "x-fc-async-task-id",
                        value: None,
                    },
                    Condition {
                        parameter: "x-fc-invocation-type",
                        value: Some("Async"),
                    },
                ],
                class: RetryClass::Idempotent,
                conflict_after_retry_is_accepted: true,
            },
            RetryCase {
                when: &[
                    Condition {
                        parameter: "x-fc-invocation-type",
                        value: Some("Async"),
                    },
                ],
                class: RetryClass::UnsentOrRefused,
                conflict_after_retry_is_accepted: false,
            },
        ],
        description: "A synchronous invocation that reached the service may have run the function, so it\nis sent again only when it certainly did not arrive. An asynchronous one refused with\n429 or 503 was not queued and may be sent again; one that carries a caller-chosen\ntask id may be sent again after any retryable failure, because the service refuses a\nsecond event with the same id: a 409 to such a retry means an earlier attempt was\naccepted.",
    },
    pagination: None,
};
/**A request of InvokeFunction: its parameters and body, as a client sends them and the emulator reads them.

Field names are the fluent client's setter names; serde reads the wire names (path, query and header parameters side by side; the body is set apart).

Exhaustive on purpose: the emulator takes it apart field by field, so a parameter added to the spec does not compile there until it is read; build one with `new`.*/
#[derive(Clone, Debug, PartialEq, ::serde::Deserialize)]
pub struct InvokeFunctionRequest {
    ///`functionName` (path): The function's name.
    #[serde(rename = "functionName")]
    pub function_name: crate::FunctionName,
    ///`qualifier` (query): A version number or an alias of the function; `LATEST` when absent.
    #[serde(rename = "qualifier", default)]
    pub qualifier: ::std::option::Option<crate::Qualifier>,
    ///`x-fc-invocation-type` (header): `Sync` (the default when absent) or `Async`.
    #[serde(rename = "x-fc-invocation-type", default)]
    pub invocation_type: ::std::option::Option<crate::InvocationType>,
    /**`x-fc-log-type` (header): `Tail` asks for the last 4 KB of the invocation's log, base64-encoded, in the
`x-fc-log-result` response header; `None` (the default) asks for no log. Only
meaningful for synchronous calls.*/
    #[serde(rename = "x-fc-log-type", default)]
    pub log_type: ::std::option::Option<crate::LogType>,
    /**`x-fc-async-task-id` (header): A caller-chosen id for an asynchronous invocation, so that it can later be looked
up (GetAsyncTask) or stopped (StopAsyncTask); pick something meaningful to the
business, e.g. the name of the video a function processes. Requires `asyncTask:
true` in the function's async invoke configuration. When absent, the service
generates one. Ids are unique per function: reusing one is a conflict.*/
    #[serde(rename = "x-fc-async-task-id", default)]
    pub async_task_id: ::std::option::Option<crate::AsyncTaskId>,
    /**The body: The event passed to the function, as raw bytes (often JSON, but any bytes); empty
when absent. Any content type is accepted. At most 32 MiB for a synchronous call and
128 KiB for an asynchronous one.*/
    #[serde(skip)]
    pub payload: ::bytes::Bytes,
}
impl InvokeFunctionRequest {
    ///A request with its required parameters, every other one absent.
    pub fn new(function_name: crate::FunctionName) -> Self {
        Self {
            function_name,
            qualifier: None,
            invocation_type: None,
            log_type: None,
            async_task_id: None,
            payload: ::bytes::Bytes::new(),
        }
    }
    ///The documented default when absent: LATEST.
    pub const QUALIFIER_DEFAULT: &'static str = "LATEST";
}
impl OperationRequest for InvokeFunctionRequest {
    fn operation() -> &'static Operation {
        &INVOKE_FUNCTION
    }
    fn parameter_text(&self, wire_name: &str) -> Option<Cow<'_, str>> {
        match wire_name {
            "functionName" => Some(Cow::Borrowed(self.function_name.as_str())),
            "qualifier" => self.qualifier.as_ref().map(|v| Cow::Borrowed(v.as_str())),
            "x-fc-invocation-type" => {
                self.invocation_type.as_ref().map(|v| Cow::Owned(v.to_string()))
            }
            "x-fc-log-type" => self.log_type.as_ref().map(|v| Cow::Owned(v.to_string())),
            "x-fc-async-task-id" => {
                self.async_task_id.as_ref().map(|v| Cow::Borrowed(v.as_str()))
            }
            _ => None,
        }
    }
    fn body_len(&self) -> Option<usize> {
        Some(self.payload.len())
    }
}
impl ReadRequest for InvokeFunctionRequest {
    fn read_body(&mut self, body: ::bytes::Bytes) -> Result<(), Violation> {
        self.payload = body;
        Ok(())
    }
}
///The properties of `AsyncConfig` and their constraints.
pub static ASYNC_CONFIG_SCHEMA: Schema = Schema {
    name: "AsyncConfig",
    properties: &[
        Property {
            wire_name: "asyncTask",
            rust_name: "async_task",
            constraints: Some(Constraints {
                wire_type: WireType::Boolean,
                minimum: None,
                maximum: None,
                min_length: None,
                max_length: None,
                pattern: None,
                values: &[],
                rule: None,
            }),
            object: None,
            default: None,
        },
        Property {
            wire_name: "createdTime",
            rust_name: "created_time",
            constraints: Some(Constraints {
                wire_type: WireType::String,
                minimum: None,
                maximum: None,
                min_length: None,
                max_length: None,
                pattern: None,
                values: &[],
                rule: None,
            }),
            object: None,
            default: None,
        },
        Property {
            wire_name: "destinationConfig",
            rust_name: "destination_config",
            constraints: None,
            object: Some("DestinationConfig"),
            default: None,
        },
        Property {
            wire_name: "functionArn",
            rust_name: "function_arn",
            constraints: Some(Constraints {
                wire_type: WireType::String,
                minimum: None,
                maximum: None,
                min_length: None,
                max_length: None,
                pattern: None,
                values: &[],
                rule: None,
            }),
            object: None,
            default: None,
        },
        Property {
            wire_name: "lastModifiedTime",
            rust_name: "last_modified_time",
            constraints: Some(Constraints {
                wire_type: WireType::String,
                minimum: None,
                maximum: None,
                min_length: None,
                max_length: None,
                pattern: None,
                values: &[],
                rule: None,
            }),
            object: None,
            default: None,
        },
        Property {
            wire_name: "maxAsyncEventAgeInSeconds",
            rust_name: "max_async_event_age_in_seconds",
            constraints: Some(Constraints {
                wire_type: WireType::Integer,
                minimum: Some(1i64),
                maximum: Some(604800i64),
                min_length: None,
                max_length: None,
                pattern: None,
                values: &[],
                rule: None,
            }),
            object: None,
            default: None,
        },
        Property {
            wire_name: "maxAsyncRetryAttempts",
            rust_name: "max_async_retry_attempts",
            constraints: Some(Constraints {
                wire_type: WireType::Integer,
                minimum: Some(0i64),
                maximum: Some(8i64),
                min_length: None,
                max_length: None,
                pattern: None,
                values: &[],
                rule: None,
            }),
            object: None,
            default: None,
        },
    ],
};
impl crate::AsyncConfig {
    ///The spec's range: 1 to 604800.
    pub const MAX_ASYNC_EVENT_AGE_IN_SECONDS_RANGE: ::std::ops::RangeInclusive<i64> = 1i64..=604800i64;
    ///The spec's range: 0 to 8.
    pub const MAX_ASYNC_RETRY_ATTEMPTS_RANGE: ::std::ops::RangeInclusive<i64> = 0i64..=8i64;
}
///The properties of `AsyncTask` and their constraints.
pub static ASYNC_TASK_SCHEMA: Schema = Schema {
    name: "AsyncTask",
    properties: &[
        Property {
            wire_name: "alreadyRetriedTimes",
            rust_name: "already_retried_times",
            constraints: Some(Constraints {
                wire_type: WireType::Integer,
                minimum: None,
                maximum: None,
                min_length: None,
                max_length: None,
                pattern: None,
                values: &[],
                rule: None,
            }),
            object: None,
            default: None,
        },
        Property {
            wire_name: "destinationStatus",
            rust_name: "destination_status",
            constraints: Some(Constraints {
                wire_type: WireType::String,
                minimum: None,
                maximum: None,
                min_length: None,
                max_length: None,
                pattern: None,
                values: &[],
                rule: None,
            }),
            object: None,
            default: None,
        },
        Property {
            wire_name: "durationMs",
            rust_name: "duration_ms",
            constraints: Some(Constraints {
                wire_type: WireType::Integer,
                minimum: None,
                maximum: None,
                min_length: None,
                max_length: None,
                pattern: None,
                values: &[],
                rule: None,
            }),
            object: None,
            default: None,
        },
        Property {
            wire_name: "endTime",
            rust_name: "end_time",
            constraints: Some(Constraints {
                wire_type: WireType::Integer,
                minimum: None,
                maximum: None,
                min_length: None,
                max_length: None,
                pattern: None,
                values: &[],
                rule: None,
            }),
            object: None,
            default: None,
        },
        Property {
            wire_name: "events",
            rust_name: "events",
            constraints: None,
            object: Some("AsyncTaskEvent"),
            default: None,
        },
        Property {
            wire_name: "functionArn",
            rust_name: "function_arn",
            constraints: Some(Constraints {
                wire_type: WireType::String,
                minimum: None,
                maximum: None,
                min_length: None,
                max_length: None,
                pattern: None,
                values: &[],
                rule: None,
            }),
            object: None,
            default: None,
        },
        Property {
            wire_name: "instanceId",
            rust_name: "instance_id",
            constraints: Some(Constraints {
                wire_type: WireType::String,
                minimum: None,
                maximum: None,
                min_length: None,
                max_length: None,
                pattern: None,
                values: &[],
                rule: None,
            }),
            object: None,
            default: None,
        },
        Property {
            wire_name: "qualifier",
            rust_name: "qualifier",
            constraints: Some(Constraints {
                wire_type: WireType::String,
                minimum: None,
                maximum: None,
                min_length: None,
                max_length: None,
                pattern: None,
                values: &[],
                rule: None,
            }),
            object: None,
            default: None,
        },
        Property {
            wire_name: "requestId",
            rust_name: "request_id",
            constraints: Some(Constraints {
                wire_type: WireType::String,
                minimum: None,
                maximum: None,
                min_length: None,
                max_length: None,
                pattern: None,
                values: &[],
                rule: None,
            }),
            object: None,
            default: None,
        },
        Property {
            wire_name: "returnPayload",
            rust_name: "return_payload",
            constraints: Some(Constraints {
                wire_type: WireType::String,
                minimum: None,
                maximum: None,
                min_length: None,
                max_length: None,
                pattern: None,
                values: &[],
                rule: None,
            }),
            object: None,
            default: None,
        },
        Property {
            wire_name: "startedTime",
            rust_name: "started_time",
            constraints: Some(Constraints {
                wire_type: WireType::Integer,
                minimum: None,
                maximum: None,
                min_length: None,
                max_length: None,
                pattern: None,
                values: &[],
                rule: None,
            }),
            object: None,
            default: None,
        },
        Property {
            wire_name: "status",
            rust_name: "status",
            constraints: Some(Constraints {
                wire_type: WireType::String,
                minimum: None,
                maximum: None,
                min_length: None,
                max_length: None,
                pattern: None,
                values: &[
                    "Enqueued",
                    "Dequeued",
                    "Running",
                    "Succeeded",
                    "Failed",
                    "Stopped",
                    "Stopping",
                    "Invalid",
                    "Expired",
                    "Retrying",
                ],
                rule: None,
            }),
            object: None,
            default: None,
        },
        Property {
            wire_name: "taskErrorMessage",
            rust_name: "task_error_message",
            constraints: Some(Constraints {
                wire_type: WireType::String,
                minimum: None,
                maximum: None,
                min_length: None,
                max_length: None,
                pattern: None,
                values: &[],
                rule: None,
            }),
            object: None,
            default: None,
        },
        Property {
            wire_name: "taskId",
            rust_name: "task_id",
            constraints: Some(Constraints {
                wire_type: WireType::String,
                minimum: None,
                maximum: None,
                min_length: None,
                max_length: None,
                pattern: None,
                values: &[],
                rule: None,
            }),
            object: None,
            default: None,
        },
        Property {
            wire_name: "taskPayload",
            rust_name: "task_payload",
            constraints: Some(Constraints {
                wire_type: WireType::String,
                minimum: None,
                maximum: None,
                min_length: None,
                max_length: None,
                pattern: None,
                values: &[],
                rule: None,
            }),
            object: None,
            default: None,
        },
    ],
};
///The properties of `AsyncTaskEvent` and their constraints.
pub static ASYNC_TASK_EVENT_SCHEMA: Schema = Schema {
    name: "AsyncTaskEvent",
    properties: &[
        Property {
            wire_name: "eventDetail",
            rust_name: "event_detail",
            constraints: Some(Constraints {
                wire_type: WireType::String,
                minimum: None,
                maximum: None,
                min_length: None,
                max_length: None,
                pattern: None,
                values: &[],
                rule: None,
            }),
            object: None,
            default: None,
        },
        Property {
            wire_name: "eventId",
            rust_name: "event_id",
            constraints: Some(Constraints {
                wire_type: WireType::Integer,
                minimum: None,
                maximum: None,
                min_length: None,
                max_length: None,
                pattern: None,
                values: &[],
                rule: None,
            }),
            object: None,
            default: None,
        },
        Property {
            wire_name: "status",
            rust_name: "status",
            constraints: Some(Constraints {
                wire_type: WireType::String,
                minimum: None,
                maximum: None,
                min_length: None,
                max_length: None,
                pattern: None,
                values: &[
                    "Enqueued",
                    "Dequeued",
                    "Running",
                    "Succeeded",
                    "Failed",
                    "Stopped",
                    "Stopping",
                    "Invalid",
                    "Expired",
                    "Retrying",
                ],
                rule: None,
            }),
            object: None,
            default: None,
        },
        Property {
            wire_name: "timestamp",
            rust_name: "timestamp",
            constraints: Some(Constraints {
                wire_type: WireType::Integer,
                minimum: None,
                maximum: None,
                min_length: None,
                max_length: None,
                pattern: None,
                values: &[],
                rule: None,
            }),
            object: None,
            default: None,
        },
    ],
};
impl crate::AsyncTaskId {
    ///The spec's `minLength`, in characters.
    pub const MIN_LENGTH: usize = 1usize;
    ///The spec's `maxLength`, in characters.
    pub const MAX_LENGTH: usize = 128usize;
    ///The spec's `pattern`.
    pub const PATTERN: &'static str = "^[A-Za-z_][A-Za-z0-9_-]{0,127}$";
}
impl crate::AsyncTaskStatus {
    /// The values the spec lists, as they travel, in its order.
    pub const VALUES: [&'static str; 10usize] = [
        "Enqueued",
        "Dequeued",
        "Running",
        "Succeeded",
        "Failed",
        "Stopped",
        "Stopping",
        "Invalid",
        "Expired",
        "Retrying",
    ];
}
///The properties of `Destination` and their constraints.
pub static DESTINATION_SCHEMA: Schema = Schema {
    name: "Destination",
    properties: &[
        Property {
            wire_name: "destination",
            rust_name: "destination",
            constraints: Some(Constraints {
                wire_type: WireType::String,
                minimum: None,
                maximum: None,
                min_length: None,
                max_length: Some(512usize),
                pattern: None,
                values: &[],
                rule: Some(Rule::DestinationArn),
            }),
            object: None,
            default: None,
        },
    ],
};
impl crate::Destination {
    ///The spec's `maxLength`, in characters.
    pub const DESTINATION_MAX_LENGTH: usize = 512usize;
}
impl crate::DestinationArn {
    ///The spec's `maxLength`, in characters.
    pub const MAX_LENGTH: usize = 512usize;
}
///The properties of `DestinationConfig` and their constraints.
pub static DESTINATION_CONFIG_SCHEMA: Schema = Schema {
    name: "DestinationConfig",
    properties: &[
        Property {
            wire_name: "onFailure",
            rust_name: "on_failure",
            constraints: None,
            object: Some("Destination"),
            default: None,
        },
        Property {
            wire_name: "onSuccess",
            rust_name: "on_success",
            constraints: None,
            object: Some("Destination"),
            default: None,
        },
    ],
};
///The properties of `DestinationRecord` and their constraints.
pub static DESTINATION_RECORD_SCHEMA: Schema = Schema {
    name: "DestinationRecord",
    properties: &[
        Property {
            wire_name: "requestContext",
            rust_name: "request_context",
            constraints: None,
            object: Some("DestinationRequestContext"),
            default: None,
        },
        Property {
            wire_name: "requestPayload",
            rust_name: "request_payload",
            constraints: Some(Constraints {
                wire_type: WireType::String,
                minimum: None,
                maximum: None,
                min_length: None,
                max_length: None,
                pattern: None,
                values: &[],
                rule: None,
            }),
            object: None,
            default: None,
        },
        Property {
            wire_name: "responseContext",
            rust_name: "response_context",
            constraints: None,
            object: Some("DestinationResponseContext"),
            default: None,
        },
        Property {
            wire_name: "responsePayload",
            rust_name: "response_payload",
            constraints: Some(Constraints {
                wire_type: WireType::String,
                minimum: None,
                maximum: None,
                min_length: None,
                max_length: None,
                pattern: None,
                values: &[],
                rule: None,
            }),
            object: None,
            default: None,
        },
        Property {
            wire_name: "timestamp",
            rust_name: "timestamp",
            constraints: Some(Constraints {
                wire_type: WireType::Integer,
                minimum: None,
                maximum: None,
                min_length: None,
                max_length: None,
                pattern: None,
                values: &[],
                rule: None,
            }),
            object: None,
            default: None,
        },
    ],
};
///The properties of `DestinationRequestContext` and their constraints.
pub static DESTINATION_REQUEST_CONTEXT_SCHEMA: Schema = Schema {
    name: "DestinationRequestContext",
    properties: &[
        Property {
            wire_name: "approximateInvokeCount",
            rust_name: "approximate_invoke_count",
            constraints: Some(Constraints {
                wire_type: WireType::Integer,
                minimum: None,
                maximum: None,
                min_length: None,
                max_length: None,
                pattern: None,
                values: &[],
                rule: None,
            }),
            object: None,
            default: None,
        },
        Property {
            wire_name: "condition",
            rust_name: "condition",
            constraints: Some(Constraints {
                wire_type: WireType::String,
                minimum: None,
                maximum: None,
                min_length: None,
                max_length: None,
                pattern: None,
                values: &[],
                rule: None,
            }),
            object: None,
            default: None,
        },
        Property {
            wire_name: "functionArn",
            rust_name: "function_arn",
            constraints: Some(Constraints {
                wire_type: WireType::String,
                minimum: None,
                maximum: None,
                min_length: None,
                max_length: None,
                pattern: None,
                values: &[],
                rule: None,
            }),
            object: None,
            default: None,
        },
        Property {
            wire_name: "requestId",
            rust_name: "request_id",
            constraints: Some(Constraints {
                wire_type: WireType::String,
                minimum: None,
                maximum: None,
                min_length: None,
                max_length: None,
                pattern: None,
                values: &[],
                rule: None,
            }),
            object: None,
            default: None,
        },
    ],
};
///The properties of `DestinationResponseContext` and their constraints.
pub static DESTINATION_RESPONSE_CONTEXT_SCHEMA: Schema = Schema {
    name: "DestinationResponseContext",
    properties: &[
        Property {
            wire_name: "functionError",
            rust_name: "function_error",
            constraints: Some(Constraints {
                wire_type: WireType::String,
                minimum: None,
                maximum: None,
                min_length: None,
                max_length: None,
                pattern: None,
                values: &[],
                rule: None,
            }),
            object: None,
            default: None,
        },
        Property {
            wire_name: "statusCode",
            rust_name: "status_code",
            constraints: Some(Constraints {
                wire_type: WireType::Integer,
                minimum: None,
                maximum: None,
                min_length: None,
                max_length: None,
                pattern: None,
                values: &[],
                rule: None,
            }),
            object: None,
            default: None,
        },
    ],
};
///The properties of `Error` and their constraints.
pub static ERROR_SCHEMA: Schema = Schema {
    name: "Error",
    properties: &[
        Property {
            wire_name: "Code",
            rust_name: "code",
            constraints: Some(Constraints {
                wire_type: WireType::String,
                minimum: None,
                maximum: None,
                min_length: None,
                max_length: None,
                pattern: None,
                values: &[],
                rule: None,
            }),
            object: None,
            default: None,
        },
        Property {
            wire_name: "Message",
            rust_name: "message",
            constraints: Some(Constraints {
                wire_type: WireType::String,
                minimum: None,
                maximum: None,
                min_length: None,
                max_length: None,
                pattern: None,
                values: &[],
                rule: None,
            }),
            object: None,
            default: None,
        },
        Property {
            wire_name: "RequestId",
            rust_name: "request_id",
            constraints: Some(Constraints {
                wire_type: WireType::String,
                minimum: None,
                maximum: None,
                min_length: None,
                max_length: None,
                pattern: None,
                values: &[],
                rule: None,
            }),
            object: None,
            default: None,
        },
    ],
};
impl crate::FunctionName {
    ///The spec's `minLength`, in characters.
    pub const MIN_LENGTH: usize = 1usize;
    ///The spec's `maxLength`, in characters.
    pub const MAX_LENGTH: usize = 64usize;
    ///The spec's `pattern`.
    pub const PATTERN: &'static str = "^[A-Za-z_][A-Za-z0-9_-]*$";
}
impl crate::InvocationType {
    /// The values the spec lists, as they travel, in its order.
    pub const VALUES: [&'static str; 2usize] = ["Sync", "Async"];
}
///The properties of `ListAsyncInvokeConfigOutput` and their constraints.
pub static LIST_ASYNC_INVOKE_CONFIG_OUTPUT_SCHEMA: Schema = Schema {
    name: "ListAsyncInvokeConfigOutput",
    properties: &[
        Property {
            wire_name: "configs",
            rust_name: "configs",
            constraints: None,
            object: Some("AsyncConfig"),
            default: None,
        },
        Property {
            wire_name: "nextToken",
            rust_name: "next_token",
            constraints: Some(Constraints {
                wire_type: WireType::String,
                minimum: None,
                maximum: None,
                min_length: None,
                max_length: None,
                pattern: None,
                values: &[],
                rule: None,
            }),
            object: None,
            default: None,
        },
    ],
};
///The properties of `ListAsyncTaskOutput` and their constraints.
pub static LIST_ASYNC_TASK_OUTPUT_SCHEMA: Schema = Schema {
    name: "ListAsyncTaskOutput",
    properties: &[
        Property {
            wire_name: "nextToken",
            rust_name: "next_token",
            constraints: Some(Constraints {
                wire_type: WireType::String,
                minimum: None,
                maximum: None,
                min_length: None,
                max_length: None,
                pattern: None,
                values: &[],
                rule: None,
            }),
            object: None,
            default: None,
        },
        Property {
            wire_name: "tasks",
            rust_name: "tasks",
            constraints: None,
            object: Some("AsyncTask"),
            default: None,
        },
    ],
};
impl crate::LogType {
    /// The values the spec lists, as they travel, in its order.
    pub const VALUES: [&'static str; 2usize] = ["None", "Tail"];
}
///The properties of `PutAsyncInvokeConfigInput` and their constraints.
pub static PUT_ASYNC_INVOKE_CONFIG_INPUT_SCHEMA: Schema = Schema {
    name: "PutAsyncInvokeConfigInput",
    properties: &[
        Property {
            wire_name: "asyncTask",
            rust_name: "async_task",
            constraints: Some(Constraints {
                wire_type: WireType::Boolean,
                minimum: None,
                maximum: None,
                min_length: None,
                max_length: None,
                pattern: None,
                values: &[],
                rule: None,
            }),
            object: None,
            default: Some("false"),
        },
        Property {
            wire_name: "destinationConfig",
            rust_name: "destination_config",
            constraints: None,
            object: Some("DestinationConfig"),
            default: None,
        },
        Property {
            wire_name: "maxAsyncEventAgeInSeconds",
            rust_name: "max_async_event_age_in_seconds",
            constraints: Some(Constraints {
                wire_type: WireType::Integer,
                minimum: Some(1i64),
                maximum: Some(604800i64),
                min_length: None,
                max_length: None,
                pattern: None,
                values: &[],
                rule: None,
            }),
            object: None,
            default: Some("86400"),
        },
        Property {
            wire_name: "maxAsyncRetryAttempts",
            rust_name: "max_async_retry_attempts",
            constraints: Some(Constraints {
                wire_type: WireType::Integer,
                minimum: Some(0i64),
                maximum: Some(8i64),
                min_length: None,
                max_length: None,
                pattern: None,
                values: &[],
                rule: None,
            }),
            object: None,
            default: Some("3"),
        },
    ],
};
impl crate::PutAsyncInvokeConfigInput {
    ///The documented default when absent: false.
    pub const ASYNC_TASK_DEFAULT: bool = false;
    ///The spec's range: 1 to 604800.
    pub const MAX_ASYNC_EVENT_AGE_IN_SECONDS_RANGE: ::std::ops::RangeInclusive<i64> = 1i64..=604800i64;
    ///The documented default when absent: 86400.
    pub const MAX_ASYNC_EVENT_AGE_IN_SECONDS_DEFAULT: i64 = 86400i64;
    ///The spec's range: 0 to 8.
    pub const MAX_ASYNC_RETRY_ATTEMPTS_RANGE: ::std::ops::RangeInclusive<i64> = 0i64..=8i64;
    ///The documented default when absent: 3.
    pub const MAX_ASYNC_RETRY_ATTEMPTS_DEFAULT: i64 = 3i64;
}
impl crate::Qualifier {
    ///The spec's `minLength`, in characters.
    pub const MIN_LENGTH: usize = 1usize;
    ///The spec's `maxLength`, in characters.
    pub const MAX_LENGTH: usize = 128usize;
    ///The spec's `pattern`.
    pub const PATTERN: &'static str = "^[A-Za-z0-9_-]+$";
}
impl crate::SortOrder {
    /// The values the spec lists, as they travel, in its order.
    pub const VALUES: [&'static str; 2usize] = ["asc", "desc"];
}
impl crate::TaskId {
    ///The spec's `minLength`, in characters.
    pub const MIN_LENGTH: usize = 1usize;
    ///The spec's `maxLength`, in characters.
    pub const MAX_LENGTH: usize = 256usize;
    ///The spec's `pattern`.
    pub const PATTERN: &'static str = "^[^/\\u0000-\\u001f\\u007f]+$";
}
/// The property table of the object schema named `name`.
pub fn schema(name: &str) -> Option<&'static Schema> {
    match name {
        "AsyncConfig" => Some(&ASYNC_CONFIG_SCHEMA),
        "AsyncTask" => Some(&ASYNC_TASK_SCHEMA),
        "AsyncTaskEvent" => Some(&ASYNC_TASK_EVENT_SCHEMA),
        "Destination" => Some(&DESTINATION_SCHEMA),
        "DestinationConfig" => Some(&DESTINATION_CONFIG_SCHEMA),
        "DestinationRecord" => Some(&DESTINATION_RECORD_SCHEMA),
        "DestinationRequestContext" => Some(&DESTINATION_REQUEST_CONTEXT_SCHEMA),
        "DestinationResponseContext" => Some(&DESTINATION_RESPONSE_CONTEXT_SCHEMA),
        "Error" => Some(&ERROR_SCHEMA),
        "ListAsyncInvokeConfigOutput" => Some(&LIST_ASYNC_INVOKE_CONFIG_OUTPUT_SCHEMA),
        "ListAsyncTaskOutput" => Some(&LIST_ASYNC_TASK_OUTPUT_SCHEMA),
        "PutAsyncInvokeConfigInput" => Some(&PUT_ASYNC_INVOKE_CONFIG_INPUT_SCHEMA),
        _ => None,
    }
}
/// The header names the spec documents, on requests and answers.
pub mod headers {
    ///`x-acs-retry-after`.
    pub const X_ACS_RETRY_AFTER: &str = "x-acs-retry-after";
    ///`x-fc-async-task-id`.
    pub const X_FC_ASYNC_TASK_ID: &str = "x-fc-async-task-id";
    ///`x-fc-code-checksum`.
    pub const X_FC_CODE_CHECKSUM: &str = "x-fc-code-checksum";
    ///`x-fc-error-type`.
    pub const X_FC_ERROR_TYPE: &str = "x-fc-error-type";
    ///`x-fc-instance-id`.
    pub const X_FC_INSTANCE_ID: &str = "x-fc-instance-id";
    ///`x-fc-invocation-service-version`.
    pub const X_FC_INVOCATION_SERVICE_VERSION: &str = "x-fc-invocation-service-version";
    ///`x-fc-invocation-type`.
    pub const X_FC_INVOCATION_TYPE: &str = "x-fc-invocation-type";
    ///`x-fc-log-result`.
    pub const X_FC_LOG_RESULT: &str = "x-fc-log-result";
    ///`x-fc-log-type`.
    pub const X_FC_LOG_TYPE: &str = "x-fc-log-type";
    ///`x-fc-request-id`.
    pub const X_FC_REQUEST_ID: &str = "x-fc-request-id";
}
/// The body size limits the spec states.
pub mod limits {
    ///The most bytes of InvokeFunction's body when x-fc-invocation-type is Async.
    pub const MAX_ASYNC_PAYLOAD: usize = 131072usize;
    ///The most bytes of InvokeFunction's body.
    pub const MAX_SYNC_PAYLOAD: usize = 33554432usize;
}
/// The spec's servers, in its order.
pub static SERVERS: [Server; 4usize] = [
    Server {
        url: "https://fcv3.{region}.aliyuncs.com",
        kind: "regional",
        variables: &[
            ServerVariable {
                name: "region",
                default: "cn-hangzhou",
                values: &[],
            },
        ],
        description: "The regional endpoint the official SDKs use, for every region but those of the next\nentry. A local emulator listens on plain `http://127.0.0.1:PORT` instead.",
    },
    Server {
        url: "https://{region}.fc.aliyuncs.com",
        kind: "regional",
        variables: &[
            ServerVariable {
                name: "region",
                default: "me-central-1",
                values: &[
                    "me-central-1",
                    "cn-shanghai-finance-1",
                    "cn-heyuan-acdr-1",
                    "cn-hangzhou-finance",
                ],
            },
        ],
        description: "The regional endpoint of the few regions whose host has no `fcv3.` prefix.",
    },
    Server {
        url: "https://{accountId}.{region}.fc.aliyuncs.com",
        kind: "account",
        variables: &[
            ServerVariable {
                name: "accountId",
                default: "1234567890123456",
                values: &[],
            },
            ServerVariable {
                name: "region",
                default: "cn-hangzhou",
                values: &[],
            },
        ],
        description: "The account's own endpoint in a region, over the Internet.",
    },
    Server {
        url: "https://{accountId}.{region}-internal.fc.aliyuncs.com",
        kind: "account-internal",
        variables: &[
            ServerVariable {
                name: "accountId",
                default: "1234567890123456",
                values: &[],
            },
            ServerVariable {
                name: "region",
                default: "cn-hangzhou",
                values: &[],
            },
        ],
        description: "The account's endpoint inside the region's VPC (from ECS instances and other VPC resources).",
    },
];
