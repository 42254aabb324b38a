// Generated from openapi/fc-2023-03-30.yaml by `cargo xtask codegen`. Do not edit: change the spec or the generator and regenerate.

#[allow(unused_imports)]
pub use progenitor_client::{ByteStream, ClientInfo, Error, ResponseValue};
#[allow(unused_imports)]
use progenitor_client::{encode_path, ClientHooks, OperationInfo, RequestBuilderExt};
/// Types used as operation parameters and responses.
#[allow(clippy::all)]
pub mod types {
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
}
#[derive(Clone, Debug)]
/**Client for Function Compute 3.0 invocation API

The part of Alibaba Cloud Function Compute 3.0 (API version 2023-03-30) that invokes
functions and governs their asynchronous invocation: InvokeFunction, the asynchronous
invocation configuration (Put/Get/Delete/ListAsyncInvokeConfig) and asynchronous tasks
(Get/List/StopAsyncTask).

Every operation is an ROA-style call: the action is named by the `x-acs-action` header and
the API version by `x-acs-version: 2023-03-30`, and every request is signed with
ACS3-HMAC-SHA256 (see the `acs3` security scheme).

Errors of the service itself (bad input, missing function, failed signature, throttling)
are non-2xx answers with a JSON `Error` body. An error raised by the *function* during a
synchronous invocation is not an HTTP error: the status stays 200, the
`x-fc-error-type` response header is set and the body holds the function's error JSON.

This document is the source of truth of the fc3 toolkit: `cargo xtask codegen` generates
the Rust models and client from it, and the local emulator serves it at `/openapi.yaml`.


Version: 2023-03-30*/
pub struct Client {
    pub(crate) baseurl: String,
    pub(crate) client: reqwest::Client,
    pub(crate) inner: crate::config::RuntimeState,
}
impl Client {
    /// Create a new client.
    ///
    /// `baseurl` is the base URL provided to the internal
    /// `reqwest::Client`, and should include a scheme and hostname,
    /// as well as port and a path stem if applicable.
    pub fn new(baseurl: &str, inner: crate::config::RuntimeState) -> Self {
        #[cfg(not(target_arch = "wasm32"))]
        let client = {
            let dur = ::std::time::Duration::from_secs(15u64);
            reqwest::ClientBuilder::new().connect_timeout(dur).timeout(dur)
        };
        #[cfg(target_arch = "wasm32")]
        let client = reqwest::ClientBuilder::new();
        Self::new_with_client(baseurl, client.build().unwrap(), inner)
    }
    /// Construct a new client with an existing `reqwest::Client`,
    /// allowing more control over its configuration.
    ///
    /// `baseurl` is the base URL provided to the internal
    /// `reqwest::Client`, and should include a scheme and hostname,
    /// as well as port and a path stem if applicable.
    pub fn new_with_client(
        baseurl: &str,
        client: reqwest::Client,
        inner: crate::config::RuntimeState,
    ) -> Self {
        Self {
            baseurl: baseurl.to_string(),
            client,
            inner,
        }
    }
}
impl ClientInfo<crate::config::RuntimeState> for Client {
    fn api_version() -> &'static str {
        "2023-03-30"
    }
    fn baseurl(&self) -> &str {
        self.baseurl.as_str()
    }
    fn client(&self) -> &reqwest::Client {
        &self.client
    }
    fn inner(&self) -> &crate::config::RuntimeState {
        &self.inner
    }
}
const _: () = {
    #[allow(dead_code)]
    fn assert_client_hooks()
    where
        Client: ClientHooks<crate::config::RuntimeState>,
    {}
};
impl Client {
    /**Invoke a function

Runs a function with the request body as its event. RAM action: `fc:InvokeFunction`.

A synchronous call (the default) waits for the function and answers 200 with the
function's raw output as the body. An asynchronous call (`x-fc-invocation-type: Async`)
answers 202 as soon as the event is queued; the queue then runs it, retrying and
delivering the outcome as the function's async invoke configuration says.

A function that fails still gets a 200: the `x-fc-error-type` header names the kind of
failure and the body is the function's error JSON, e.g.
`{"errorMessage":"boom","errorType":"Error","stackTrace":[]}`.


Sends a `POST` request to `/2023-03-30/functions/{functionName}/invocations`

Arguments:
- `function_name`: The function's name.
- `qualifier`: A version number or an alias of the function; `LATEST` when absent.
- `x_fc_async_task_id`: A caller-chosen id for an asynchronous invocation, so that it can later be looked
up (GetAsyncTask) or stopped (StopAsyncTask); pick something meaningful to the
business, e.g. the name of the video a function processes. Requires `asyncTask:
true` in the function's async invoke configuration. When absent, the service
generates one. Ids are unique per function: reusing one is a conflict.

- `x_fc_invocation_type`: `Sync` (the default when absent) or `Async`.
- `x_fc_log_type`: `Tail` asks for the last 4 KB of the invocation's log, base64-encoded, in the
`x-fc-log-result` response header; `None` (the default) asks for no log. Only
meaningful for synchronous calls.

- `body`: The event passed to the function, as raw bytes (often JSON, but any bytes); empty
when absent. Any content type is accepted. At most 32 MiB for a synchronous call and
128 KiB for an asynchronous one.

```ignore
let response = client.invoke_function()
    .function_name(function_name)
    .qualifier(qualifier)
    .x_fc_async_task_id(x_fc_async_task_id)
    .x_fc_invocation_type(x_fc_invocation_type)
    .x_fc_log_type(x_fc_log_type)
    .body(body)
    .send()
    .await;
```*/
    pub fn invoke_function(&self) -> builder::InvokeFunction<'_> {
        builder::InvokeFunction::new(self)
    }
    /**Read a function's asynchronous invocation configuration

Answers with the configuration stored for the function and qualifier, or 404
`AsyncConfigNotExists` when none is stored.


Sends a `GET` request to `/2023-03-30/functions/{functionName}/async-invoke-config`

Arguments:
- `function_name`: The function's name.
- `qualifier`: A version number or an alias of the function; `LATEST` when absent.
```ignore
let response = client.get_async_invoke_config()
    .function_name(function_name)
    .qualifier(qualifier)
    .send()
    .await;
```*/
    pub fn get_async_invoke_config(&self) -> builder::GetAsyncInvokeConfig<'_> {
        builder::GetAsyncInvokeConfig::new(self)
    }
    /**Create or replace a function's asynchronous invocation configuration

Sets how asynchronous invocations of the function (or of one of its versions or
aliases, with `qualifier`) are treated: how many times a failed event is retried, how
long an event may wait before it is dropped, where the outcome is delivered, and
whether events are tracked as async tasks. RAM action: `fc:PutFunctionAsyncInvokeConfig`.
Answers with the stored configuration.


Sends a `PUT` request to `/2023-03-30/functions/{functionName}/async-invoke-config`

Arguments:
- `function_name`: The function's name.
- `qualifier`: A version number or an alias of the function; `LATEST` when absent.
- `body`: The configuration to store.
```ignore
let response = client.put_async_invoke_config()
    .function_name(function_name)
    .qualifier(qualifier)
    .body(body)
    .send()
    .await;
```*/
    pub fn put_async_invoke_config(&self) -> builder::PutAsyncInvokeConfig<'_> {
        builder::PutAsyncInvokeConfig::new(self)
    }
    /**Delete a function's asynchronous invocation configuration

Removes the configuration of the function and qualifier; asynchronous invocations then
follow the service defaults (3 retries, 86400 s maximum event age, no destinations,
no async tasks). Answers with an empty 2XX (FC 2.0 used 204).


Sends a `DELETE` request to `/2023-03-30/functions/{functionName}/async-invoke-config`

Arguments:
- `function_name`: The function's name.
- `qualifier`: A version number or an alias of the function; `LATEST` when absent.
```ignore
let response = client.delete_async_invoke_config()
    .function_name(function_name)
    .qualifier(qualifier)
    .send()
    .await;
```*/
    pub fn delete_async_invoke_config(&self) -> builder::DeleteAsyncInvokeConfig<'_> {
        builder::DeleteAsyncInvokeConfig::new(self)
    }
    /**List asynchronous invocation configurations

Lists the stored configurations of the account in the region, optionally of one
function, a page at a time: pass the `nextToken` of one answer to get the next page;
the last page has none.


Sends a `GET` request to `/2023-03-30/async-invoke-configs`

Arguments:
- `function_name`: Only the configurations of this function (all its qualifiers).
- `limit`: The most configurations one page holds, at least 1 (the service's maximum and its
default are not documented; fc3-local allows at most 100 and gives 20 when absent).

- `next_token`: The `nextToken` of the previous page; absent for the first page.
```ignore
let response = client.list_async_invoke_configs()
    .function_name(function_name)
    .limit(limit)
    .next_token(next_token)
    .send()
    .await;
```*/
    pub fn list_async_invoke_configs(&self) -> builder::ListAsyncInvokeConfigs<'_> {
        builder::ListAsyncInvokeConfigs::new(self)
    }
    /**List a function's asynchronous tasks

Lists the tracked asynchronous invocations of a function (those made while its
configuration had `asyncTask: true`), filtered and sorted as asked, a page at a time.


Sends a `GET` request to `/2023-03-30/functions/{functionName}/async-tasks`

Arguments:
- `function_name`: The function's name.
- `include_payload`: Whether each task carries its event (`taskPayload`); false when absent.
- `limit`: The most tasks one page holds, from 1 to 100 (20 when absent).
- `next_token`: The `nextToken` of the previous page; absent for the first page.
- `prefix`: Only tasks whose id starts with this prefix.
- `qualifier`: A version number or an alias of the function; `LATEST` when absent.
- `sort_order_by_time`: Order by start time, `asc` or `desc`.
- `started_time_begin`: Only tasks started at or after this time, in milliseconds since the Unix epoch.
- `started_time_end`: Only tasks started at or before this time, in milliseconds since the Unix epoch.
- `status`: Only tasks in this status.
```ignore
let response = client.list_async_tasks()
    .function_name(function_name)
    .include_payload(include_payload)
    .limit(limit)
    .next_token(next_token)
    .prefix(prefix)
    .qualifier(qualifier)
    .sort_order_by_time(sort_order_by_time)
    .started_time_begin(started_time_begin)
    .started_time_end(started_time_end)
    .status(status)
    .send()
    .await;
```*/
    pub fn list_async_tasks(&self) -> builder::ListAsyncTasks<'_> {
        builder::ListAsyncTasks::new(self)
    }
    /**Read one asynchronous task

Answers with the task's status, its history of events and its outcome.

Sends a `GET` request to `/2023-03-30/functions/{functionName}/async-tasks/{taskId}`

Arguments:
- `function_name`: The function's name.
- `task_id`: The async task's id, as given in `x-fc-async-task-id` or generated by the service.
- `qualifier`: A version number or an alias of the function; `LATEST` when absent.
```ignore
let response = client.get_async_task()
    .function_name(function_name)
    .task_id(task_id)
    .qualifier(qualifier)
    .send()
    .await;
```*/
    pub fn get_async_task(&self) -> builder::GetAsyncTask<'_> {
        builder::GetAsyncTask::new(self)
    }
    /**Stop an asynchronous task

Asks the service to stop a task that has not ended: a queued task is not run, a running
one is interrupted. The task passes through `Stopping` to `Stopped`. Answers with an
empty 2XX.


Sends a `PUT` request to `/2023-03-30/functions/{functionName}/async-tasks/{taskId}/stop`

Arguments:
- `function_name`: The function's name.
- `task_id`: The async task's id, as given in `x-fc-async-task-id` or generated by the service.
- `qualifier`: A version number or an alias of the function; `LATEST` when absent.
```ignore
let response = client.stop_async_task()
    .function_name(function_name)
    .task_id(task_id)
    .qualifier(qualifier)
    .send()
    .await;
```*/
    pub fn stop_async_task(&self) -> builder::StopAsyncTask<'_> {
        builder::StopAsyncTask::new(self)
    }
}
/// Types for composing operation parameters.
#[allow(clippy::all)]
pub mod builder {
    use super::types;
    #[allow(unused_imports)]
    use super::{
        encode_path, ByteStream, ClientInfo, ClientHooks, Error, OperationInfo,
        RequestBuilderExt, ResponseValue,
    };
    /**Builder for [`Client::invoke_function`]

[`Client::invoke_function`]: super::Client::invoke_function*/
    #[derive(Debug)]
    pub struct InvokeFunction<'a> {
        client: &'a super::Client,
        function_name: Result<::fc3_models::FunctionName, String>,
        qualifier: Result<Option<::fc3_models::Qualifier>, String>,
        x_fc_async_task_id: Result<Option<::fc3_models::AsyncTaskId>, String>,
        x_fc_invocation_type: Result<Option<::fc3_models::InvocationType>, String>,
        x_fc_log_type: Result<Option<::fc3_models::LogType>, String>,
        body: Result<reqwest::Body, String>,
    }
    impl<'a> InvokeFunction<'a> {
        pub fn new(client: &'a super::Client) -> Self {
            Self {
                client: client,
                function_name: Err("function_name was not initialized".to_string()),
                qualifier: Ok(None),
                x_fc_async_task_id: Ok(None),
                x_fc_invocation_type: Ok(None),
                x_fc_log_type: Ok(None),
                body: Err("body was not initialized".to_string()),
            }
        }
        pub fn function_name<V>(mut self, value: V) -> Self
        where
            V: std::convert::TryInto<::fc3_models::FunctionName>,
        {
            self.function_name = value
                .try_into()
                .map_err(|_| {
                    "conversion to `:: fc3_models :: FunctionName` for function_name failed"
                        .to_string()
                });
            self
        }
        pub fn qualifier<V>(mut self, value: V) -> Self
        where
            V: std::convert::TryInto<::fc3_models::Qualifier>,
        {
            self.qualifier = value
                .try_into()
                .map(Some)
                .map_err(|_| {
                    "conversion to `:: fc3_models :: Qualifier` for qualifier failed"
                        .to_string()
                });
            self
        }
        pub fn x_fc_async_task_id<V>(mut self, value: V) -> Self
        where
            V: std::convert::TryInto<::fc3_models::AsyncTaskId>,
        {
            self.x_fc_async_task_id = value
                .try_into()
                .map(Some)
                .map_err(|_| {
                    "conversion to `:: fc3_models :: AsyncTaskId` for x_fc_async_task_id failed"
                        .to_string()
                });
            self
        }
        pub fn x_fc_invocation_type<V>(mut self, value: V) -> Self
        where
            V: std::convert::TryInto<::fc3_models::InvocationType>,
        {
            self.x_fc_invocation_type = value
                .try_into()
                .map(Some)
                .map_err(|_| {
                    "conversion to `:: fc3_models :: InvocationType` for x_fc_invocation_type failed"
                        .to_string()
                });
            self
        }
        pub fn x_fc_log_type<V>(mut self, value: V) -> Self
        where
            V: std::convert::TryInto<::fc3_models::LogType>,
        {
            self.x_fc_log_type = value
                .try_into()
                .map(Some)
                .map_err(|_| {
                    "conversion to `:: fc3_models :: LogType` for x_fc_log_type failed"
                        .to_string()
                });
            self
        }
        pub fn body<B>(mut self, value: B) -> Self
        where
            B: std::convert::TryInto<reqwest::Body>,
        {
            self.body = value
                .try_into()
                .map_err(|_| {
                    "conversion to `reqwest::Body` for body failed".to_string()
                });
            self
        }
        ///Sends a `POST` request to `/2023-03-30/functions/{functionName}/invocations`
        pub async fn send(
            self,
        ) -> Result<ResponseValue<ByteStream>, Error<::fc3_models::Error>> {
            let Self {
                client,
                function_name,
                qualifier,
                x_fc_async_task_id,
                x_fc_invocation_type,
                x_fc_log_type,
                body,
            } = self;
            let function_name = function_name.map_err(Error::InvalidRequest)?;
            let qualifier = qualifier.map_err(Error::InvalidRequest)?;
            let x_fc_async_task_id = x_fc_async_task_id.map_err(Error::InvalidRequest)?;
            let x_fc_invocation_type = x_fc_invocation_type
                .map_err(Error::InvalidRequest)?;
            let x_fc_log_type = x_fc_log_type.map_err(Error::InvalidRequest)?;
            let body = body.map_err(Error::InvalidRequest)?;
            let url = format!(
                "{}/2023-03-30/functions/{}/invocations", client.baseurl, encode_path(&
                function_name.to_string()),
            );
            let mut header_map = ::reqwest::header::HeaderMap::with_capacity(4usize);
            header_map
                .append(
                    ::reqwest::header::HeaderName::from_static("api-version"),
                    ::reqwest::header::HeaderValue::from_static(
                        super::Client::api_version(),
                    ),
                );
            if let Some(value) = x_fc_async_task_id {
                header_map.append("x-fc-async-task-id", value.to_string().try_into()?);
            }
            if let Some(value) = x_fc_invocation_type {
                header_map.append("x-fc-invocation-type", value.to_string().try_into()?);
            }
            if let Some(value) = x_fc_log_type {
                header_map.append("x-fc-log-type", value.to_string().try_into()?);
            }
            #[allow(unused_mut)]
            let mut request = client
                .client
                .post(url)
                .header(
                    ::reqwest::header::CONTENT_TYPE,
                    ::reqwest::header::HeaderValue::from_static(
                        "application/octet-stream",
                    ),
                )
                .body(body)
                .query(&progenitor_client::QueryParam::new("qualifier", &qualifier))
                .headers(header_map)
                .build()?;
            let info = OperationInfo {
                operation_id: "invoke_function",
            };
            client.pre(&mut request, &info).await?;
            let result = client.exec(request, &info).await;
            client.post(&result, &info).await?;
            let response = result?;
            match response.status().as_u16() {
                200..=299 => Ok(ResponseValue::stream(response)),
                400u16..=499u16 => {
                    Err(
                        Error::ErrorResponse(
                            ResponseValue::from_response(response).await?,
                        ),
                    )
                }
                500u16..=599u16 => {
                    Err(
                        Error::ErrorResponse(
                            ResponseValue::from_response(response).await?,
                        ),
                    )
                }
                _ => Err(Error::UnexpectedResponse(response)),
            }
        }
    }
    /**Builder for [`Client::get_async_invoke_config`]

[`Client::get_async_invoke_config`]: super::Client::get_async_invoke_config*/
    #[derive(Debug, Clone)]
    pub struct GetAsyncInvokeConfig<'a> {
        client: &'a super::Client,
        function_name: Result<::fc3_models::FunctionName, String>,
        qualifier: Result<Option<::fc3_models::Qualifier>, String>,
    }
    impl<'a> GetAsyncInvokeConfig<'a> {
        pub fn new(client: &'a super::Client) -> Self {
            Self {
                client: client,
                function_name: Err("function_name was not initialized".to_string()),
                qualifier: Ok(None),
            }
        }
        pub fn function_name<V>(mut self, value: V) -> Self
        where
            V: std::convert::TryInto<::fc3_models::FunctionName>,
        {
            self.function_name = value
                .try_into()
                .map_err(|_| {
                    "conversion to `:: fc3_models :: FunctionName` for function_name failed"
                        .to_string()
                });
            self
        }
        pub fn qualifier<V>(mut self, value: V) -> Self
        where
            V: std::convert::TryInto<::fc3_models::Qualifier>,
        {
            self.qualifier = value
                .try_into()
                .map(Some)
                .map_err(|_| {
                    "conversion to `:: fc3_models :: Qualifier` for qualifier failed"
                        .to_string()
                });
            self
        }
        ///Sends a `GET` request to `/2023-03-30/functions/{functionName}/async-invoke-config`
        pub async fn send(
            self,
        ) -> Result<
            ResponseValue<::fc3_models::AsyncConfig>,
            Error<::fc3_models::Error>,
        > {
            let Self { client, function_name, qualifier } = self;
            let function_name = function_name.map_err(Error::InvalidRequest)?;
            let qualifier = qualifier.map_err(Error::InvalidRequest)?;
            let url = format!(
                "{}/2023-03-30/functions/{}/async-invoke-config", client.baseurl,
                encode_path(& function_name.to_string()),
            );
            let mut header_map = ::reqwest::header::HeaderMap::with_capacity(1usize);
            header_map
                .append(
                    ::reqwest::header::HeaderName::from_static("api-version"),
                    ::reqwest::header::HeaderValue::from_static(
                        super::Client::api_version(),
                    ),
                );
            #[allow(unused_mut)]
            let mut request = client
                .client
                .get(url)
                .header(
                    ::reqwest::header::ACCEPT,
                    ::reqwest::header::HeaderValue::from_static("application/json"),
                )
                .query(&progenitor_client::QueryParam::new("qualifier", &qualifier))
                .headers(header_map)
                .build()?;
            let info = OperationInfo {
                operation_id: "get_async_invoke_config",
            };
            client.pre(&mut request, &info).await?;
            let result = client.exec(request, &info).await;
            client.post(&result, &info).await?;
            let response = result?;
            match response.status().as_u16() {
                200u16 => ResponseValue::from_response(response).await,
                400u16..=499u16 => {
                    Err(
                        Error::ErrorResponse(
                            ResponseValue::from_response(response).await?,
                        ),
                    )
                }
                500u16..=599u16 => {
                    Err(
                        Error::ErrorResponse(
                            ResponseValue::from_response(response).await?,
                        ),
                    )
                }
                _ => Err(Error::UnexpectedResponse(response)),
            }
        }
    }
    /**Builder for [`Client::put_async_invoke_config`]

[`Client::put_async_invoke_config`]: super::Client::put_async_invoke_config*/
    #[derive(Debug, Clone)]
    pub struct PutAsyncInvokeConfig<'a> {
        client: &'a super::Client,
        function_name: Result<::fc3_models::FunctionName, String>,
        qualifier: Result<Option<::fc3_models::Qualifier>, String>,
        body: Result<::fc3_models::PutAsyncInvokeConfigInput, String>,
    }
    impl<'a> PutAsyncInvokeConfig<'a> {
        pub fn new(client: &'a super::Client) -> Self {
            Self {
                client: client,
                function_name: Err("function_name was not initialized".to_string()),
                qualifier: Ok(None),
                body: Err("body was not initialized".to_string()),
            }
        }
        pub fn function_name<V>(mut self, value: V) -> Self
        where
            V: std::convert::TryInto<::fc3_models::FunctionName>,
        {
            self.function_name = value
                .try_into()
                .map_err(|_| {
                    "conversion to `:: fc3_models :: FunctionName` for function_name failed"
                        .to_string()
                });
            self
        }
        pub fn qualifier<V>(mut self, value: V) -> Self
        where
            V: std::convert::TryInto<::fc3_models::Qualifier>,
        {
            self.qualifier = value
                .try_into()
                .map(Some)
                .map_err(|_| {
                    "conversion to `:: fc3_models :: Qualifier` for qualifier failed"
                        .to_string()
                });
            self
        }
        pub fn body<V>(mut self, value: V) -> Self
        where
            V: std::convert::TryInto<::fc3_models::PutAsyncInvokeConfigInput>,
        {
            self.body = value
                .try_into()
                .map_err(|_| {
                    "conversion to `:: fc3_models :: PutAsyncInvokeConfigInput` for body failed"
                        .to_string()
                });
            self
        }
        ///Sends a `PUT` request to `/2023-03-30/functions/{functionName}/async-invoke-config`
        pub async fn send(
            self,
        ) -> Result<
            ResponseValue<::fc3_models::AsyncConfig>,
            Error<::fc3_models::Error>,
        > {
            let Self { client, function_name, qualifier, body } = self;
            let function_name = function_name.map_err(Error::InvalidRequest)?;
            let qualifier = qualifier.map_err(Error::InvalidRequest)?;
            let body = body.map_err(Error::InvalidRequest)?;
            let url = format!(
                "{}/2023-03-30/functions/{}/async-invoke-config", client.baseurl,
                encode_path(& function_name.to_string()),
            );
            let mut header_map = ::reqwest::header::HeaderMap::with_capacity(1usize);
            header_map
                .append(
                    ::reqwest::header::HeaderName::from_static("api-version"),
                    ::reqwest::header::HeaderValue::from_static(
                        super::Client::api_version(),
                    ),
                );
            #[allow(unused_mut)]
            let mut request = client
                .client
                .put(url)
                .header(
                    ::reqwest::header::ACCEPT,
                    ::reqwest::header::HeaderValue::from_static("application/json"),
                )
                .json(&body)
                .query(&progenitor_client::QueryParam::new("qualifier", &qualifier))
                .headers(header_map)
                .build()?;
            let info = OperationInfo {
                operation_id: "put_async_invoke_config",
            };
            client.pre(&mut request, &info).await?;
            let result = client.exec(request, &info).await;
            client.post(&result, &info).await?;
            let response = result?;
            match response.status().as_u16() {
                200u16 => ResponseValue::from_response(response).await,
                400u16..=499u16 => {
                    Err(
                        Error::ErrorResponse(
                            ResponseValue::from_response(response).await?,
                        ),
                    )
                }
                500u16..=599u16 => {
                    Err(
                        Error::ErrorResponse(
                            ResponseValue::from_response(response).await?,
                        ),
                    )
                }
                _ => Err(Error::UnexpectedResponse(response)),
            }
        }
    }
    /**Builder for [`Client::delete_async_invoke_config`]

[`Client::delete_async_invoke_config`]: super::Client::delete_async_invoke_config*/
    #[derive(Debug, Clone)]
    pub struct DeleteAsyncInvokeConfig<'a> {
        client: &'a super::Client,
        function_name: Result<::fc3_models::FunctionName, String>,
        qualifier: Result<Option<::fc3_models::Qualifier>, String>,
    }
    impl<'a> DeleteAsyncInvokeConfig<'a> {
        pub fn new(client: &'a super::Client) -> Self {
            Self {
                client: client,
                function_name: Err("function_name was not initialized".to_string()),
                qualifier: Ok(None),
            }
        }
        pub fn function_name<V>(mut self, value: V) -> Self
        where
            V: std::convert::TryInto<::fc3_models::FunctionName>,
        {
            self.function_name = value
                .try_into()
                .map_err(|_| {
                    "conversion to `:: fc3_models :: FunctionName` for function_name failed"
                        .to_string()
                });
            self
        }
        pub fn qualifier<V>(mut self, value: V) -> Self
        where
            V: std::convert::TryInto<::fc3_models::Qualifier>,
        {
            self.qualifier = value
                .try_into()
                .map(Some)
                .map_err(|_| {
                    "conversion to `:: fc3_models :: Qualifier` for qualifier failed"
                        .to_string()
                });
            self
        }
        ///Sends a `DELETE` request to `/2023-03-30/functions/{functionName}/async-invoke-config`
        pub async fn send(
            self,
        ) -> Result<ResponseValue<()>, Error<::fc3_models::Error>> {
            let Self { client, function_name, qualifier } = self;
            let function_name = function_name.map_err(Error::InvalidRequest)?;
            let qualifier = qualifier.map_err(Error::InvalidRequest)?;
            let url = format!(
                "{}/2023-03-30/functions/{}/async-invoke-config", client.baseurl,
                encode_path(& function_name.to_string()),
            );
            let mut header_map = ::reqwest::header::HeaderMap::with_capacity(1usize);
            header_map
                .append(
                    ::reqwest::header::HeaderName::from_static("api-version"),
                    ::reqwest::header::HeaderValue::from_static(
                        super::Client::api_version(),
                    ),
                );
            #[allow(unused_mut)]
            let mut request = client
                .client
                .delete(url)
                .header(
                    ::reqwest::header::ACCEPT,
                    ::reqwest::header::HeaderValue::from_static("application/json"),
                )
                .query(&progenitor_client::QueryParam::new("qualifier", &qualifier))
                .headers(header_map)
                .build()?;
            let info = OperationInfo {
                operation_id: "delete_async_invoke_config",
            };
            client.pre(&mut request, &info).await?;
            let result = client.exec(request, &info).await;
            client.post(&result, &info).await?;
            let response = result?;
            match response.status().as_u16() {
                200..=299 => Ok(ResponseValue::empty(response)),
                400u16..=499u16 => {
                    Err(
                        Error::ErrorResponse(
                            ResponseValue::from_response(response).await?,
                        ),
                    )
                }
                500u16..=599u16 => {
                    Err(
                        Error::ErrorResponse(
                            ResponseValue::from_response(response).await?,
                        ),
                    )
                }
                _ => Err(Error::UnexpectedResponse(response)),
            }
        }
    }
    /**Builder for [`Client::list_async_invoke_configs`]

[`Client::list_async_invoke_configs`]: super::Client::list_async_invoke_configs*/
    #[derive(Debug, Clone)]
    pub struct ListAsyncInvokeConfigs<'a> {
        client: &'a super::Client,
        function_name: Result<Option<::fc3_models::FunctionName>, String>,
        limit: Result<Option<::std::num::NonZeroU32>, String>,
        next_token: Result<Option<::std::string::String>, String>,
    }
    impl<'a> ListAsyncInvokeConfigs<'a> {
        pub fn new(client: &'a super::Client) -> Self {
            Self {
                client: client,
                function_name: Ok(None),
                limit: Ok(None),
                next_token: Ok(None),
            }
        }
        pub fn function_name<V>(mut self, value: V) -> Self
        where
            V: std::convert::TryInto<::fc3_models::FunctionName>,
        {
            self.function_name = value
                .try_into()
                .map(Some)
                .map_err(|_| {
                    "conversion to `:: fc3_models :: FunctionName` for function_name failed"
                        .to_string()
                });
            self
        }
        pub fn limit<V>(mut self, value: V) -> Self
        where
            V: std::convert::TryInto<::std::num::NonZeroU32>,
        {
            self.limit = value
                .try_into()
                .map(Some)
                .map_err(|_| {
                    "conversion to `:: std :: num :: NonZeroU32` for limit failed"
                        .to_string()
                });
            self
        }
        pub fn next_token<V>(mut self, value: V) -> Self
        where
            V: std::convert::TryInto<::std::string::String>,
        {
            self.next_token = value
                .try_into()
                .map(Some)
                .map_err(|_| {
                    "conversion to `:: std :: string :: String` for next_token failed"
                        .to_string()
                });
            self
        }
        ///Sends a `GET` request to `/2023-03-30/async-invoke-configs`
        pub async fn send(
            self,
        ) -> Result<
            ResponseValue<::fc3_models::ListAsyncInvokeConfigOutput>,
            Error<::fc3_models::Error>,
        > {
            let Self { client, function_name, limit, next_token } = self;
            let function_name = function_name.map_err(Error::InvalidRequest)?;
            let limit = limit.map_err(Error::InvalidRequest)?;
            let next_token = next_token.map_err(Error::InvalidRequest)?;
            let url = format!("{}/2023-03-30/async-invoke-configs", client.baseurl,);
            let mut header_map = ::reqwest::header::HeaderMap::with_capacity(1usize);
            header_map
                .append(
                    ::reqwest::header::HeaderName::from_static("api-version"),
                    ::reqwest::header::HeaderValue::from_static(
                        super::Client::api_version(),
                    ),
                );
            #[allow(unused_mut)]
            let mut request = client
                .client
                .get(url)
                .header(
                    ::reqwest::header::ACCEPT,
                    ::reqwest::header::HeaderValue::from_static("application/json"),
                )
                .query(
                    &progenitor_client::QueryParam::new("functionName", &function_name),
                )
                .query(&progenitor_client::QueryParam::new("limit", &limit))
                .query(&progenitor_client::QueryParam::new("nextToken", &next_token))
                .headers(header_map)
                .build()?;
            let info = OperationInfo {
                operation_id: "list_async_invoke_configs",
            };
            client.pre(&mut request, &info).await?;
            let result = client.exec(request, &info).await;
            client.post(&result, &info).await?;
            let response = result?;
            match response.status().as_u16() {
                200u16 => ResponseValue::from_response(response).await,
                400u16..=499u16 => {
                    Err(
                        Error::ErrorResponse(
                            ResponseValue::from_response(response).await?,
                        ),
                    )
                }
                500u16..=599u16 => {
                    Err(
                        Error::ErrorResponse(
                            ResponseValue::from_response(response).await?,
                        ),
                    )
                }
                _ => Err(Error::UnexpectedResponse(response)),
            }
        }
    }
    /**Builder for [`Client::list_async_tasks`]

[`Client::list_async_tasks`]: super::Client::list_async_tasks*/
    #[derive(Debug, Clone)]
    pub struct ListAsyncTasks<'a> {
        client: &'a super::Client,
        function_name: Result<::fc3_models::FunctionName, String>,
        include_payload: Result<Option<bool>, String>,
        limit: Result<Option<::std::num::NonZeroU32>, String>,
        next_token: Result<Option<::std::string::String>, String>,
        prefix: Result<Option<::std::string::String>, String>,
        qualifier: Result<Option<::fc3_models::Qualifier>, String>,
        sort_order_by_time: Result<Option<::fc3_models::SortOrder>, String>,
        started_time_begin: Result<Option<i64>, String>,
        started_time_end: Result<Option<i64>, String>,
        status: Result<Option<::fc3_models::AsyncTaskStatus>, String>,
    }
    impl<'a> ListAsyncTasks<'a> {
        pub fn new(client: &'a super::Client) -> Self {
            Self {
                client: client,
                function_name: Err("function_name was not initialized".to_string()),
                include_payload: Ok(None),
                limit: Ok(None),
                next_token: Ok(None),
                prefix: Ok(None),
                qualifier: Ok(None),
                sort_order_by_time: Ok(None),
                started_time_begin: Ok(None),
                started_time_end: Ok(None),
                status: Ok(None),
            }
        }
        pub fn function_name<V>(mut self, value: V) -> Self
        where
            V: std::convert::TryInto<::fc3_models::FunctionName>,
        {
            self.function_name = value
                .try_into()
                .map_err(|_| {
                    "conversion to `:: fc3_models :: FunctionName` for function_name failed"
                        .to_string()
                });
            self
        }
        pub fn include_payload<V>(mut self, value: V) -> Self
        where
            V: std::convert::TryInto<bool>,
        {
            self.include_payload = value
                .try_into()
                .map(Some)
                .map_err(|_| {
                    "conversion to `bool` for include_payload failed".to_string()
                });
            self
        }
        pub fn limit<V>(mut self, value: V) -> Self
        where
            V: std::convert::TryInto<::std::num::NonZeroU32>,
        {
            self.limit = value
                .try_into()
                .map(Some)
                .map_err(|_| {
                    "conversion to `:: std :: num :: NonZeroU32` for limit failed"
                        .to_string()
                });
            self
        }
        pub fn next_token<V>(mut self, value: V) -> Self
        where
            V: std::convert::TryInto<::std::string::String>,
        {
            self.next_token = value
                .try_into()
                .map(Some)
                .map_err(|_| {
                    "conversion to `:: std :: string :: String` for next_token failed"
                        .to_string()
                });
            self
        }
        pub fn prefix<V>(mut self, value: V) -> Self
        where
            V: std::convert::TryInto<::std::string::String>,
        {
            self.prefix = value
                .try_into()
                .map(Some)
                .map_err(|_| {
                    "conversion to `:: std :: string :: String` for prefix failed"
                        .to_string()
                });
            self
        }
        pub fn qualifier<V>(mut self, value: V) -> Self
        where
            V: std::convert::TryInto<::fc3_models::Qualifier>,
        {
            self.qualifier = value
                .try_into()
                .map(Some)
                .map_err(|_| {
                    "conversion to `:: fc3_models :: Qualifier` for qualifier failed"
                        .to_string()
                });
            self
        }
        pub fn sort_order_by_time<V>(mut self, value: V) -> Self
        where
            V: std::convert::TryInto<::fc3_models::SortOrder>,
        {
            self.sort_order_by_time = value
                .try_into()
                .map(Some)
                .map_err(|_| {
                    "conversion to `:: fc3_models :: SortOrder` for sort_order_by_time failed"
                        .to_string()
                });
            self
        }
        pub fn started_time_begin<V>(mut self, value: V) -> Self
        where
            V: std::convert::TryInto<i64>,
        {
            self.started_time_begin = value
                .try_into()
                .map(Some)
                .map_err(|_| {
                    "conversion to `i64` for started_time_begin failed".to_string()
                });
            self
        }
        pub fn started_time_end<V>(mut self, value: V) -> Self
        where
            V: std::convert::TryInto<i64>,
        {
            self.started_time_end = value
                .try_into()
                .map(Some)
                .map_err(|_| {
                    "conversion to `i64` for started_time_end failed".to_string()
                });
            self
        }
        pub fn status<V>(mut self, value: V) -> Self
        where
            V: std::convert::TryInto<::fc3_models::AsyncTaskStatus>,
        {
            self.status = value
                .try_into()
                .map(Some)
                .map_err(|_| {
                    "conversion to `:: fc3_models :: AsyncTaskStatus` for status failed"
                        .to_string()
                });
            self
        }
        ///Sends a `GET` request to `/2023-03-30/functions/{functionName}/async-tasks`
        pub async fn send(
            self,
        ) -> Result<
            ResponseValue<::fc3_models::ListAsyncTaskOutput>,
            Error<::fc3_models::Error>,
        > {
            let Self {
                client,
                function_name,
                include_payload,
                limit,
                next_token,
                prefix,
                qualifier,
                sort_order_by_time,
                started_time_begin,
                started_time_end,
                status,
            } = self;
            let function_name = function_name.map_err(Error::InvalidRequest)?;
            let include_payload = include_payload.map_err(Error::InvalidRequest)?;
            let limit = limit.map_err(Error::InvalidRequest)?;
            let next_token = next_token.map_err(Error::InvalidRequest)?;
            let prefix = prefix.map_err(Error::InvalidRequest)?;
            let qualifier = qualifier.map_err(Error::InvalidRequest)?;
            let sort_order_by_time = sort_order_by_time.map_err(Error::InvalidRequest)?;
            let started_time_begin = started_time_begin.map_err(Error::InvalidRequest)?;
            let started_time_end = started_time_end.map_err(Error::InvalidRequest)?;
            let status = status.map_err(Error::InvalidRequest)?;
            let url = format!(
                "{}/2023-03-30/functions/{}/async-tasks", client.baseurl, encode_path(&
                function_name.to_string()),
            );
            let mut header_map = ::reqwest::header::HeaderMap::with_capacity(1usize);
            header_map
                .append(
                    ::reqwest::header::HeaderName::from_static("api-version"),
                    ::reqwest::header::HeaderValue::from_static(
                        super::Client::api_version(),
                    ),
                );
            #[allow(unused_mut)]
            let mut request = client
                .client
                .get(url)
                .header(
                    ::reqwest::header::ACCEPT,
                    ::reqwest::header::HeaderValue::from_static("application/json"),
                )
                .query(
                    &progenitor_client::QueryParam::new(
                        "includePayload",
                        &include_payload,
                    ),
                )
                .query(&progenitor_client::QueryParam::new("limit", &limit))
                .query(&progenitor_client::QueryParam::new("nextToken", &next_token))
                .query(&progenitor_client::QueryParam::new("prefix", &prefix))
                .query(&progenitor_client::QueryParam::new("qualifier", &qualifier))
                .query(
                    &progenitor_client::QueryParam::new(
                        "sortOrderByTime",
                        &sort_order_by_time,
                    ),
                )
                .query(
                    &progenitor_client::QueryParam::new(
                        "startedTimeBegin",
                        &started_time_begin,
                    ),
                )
                .query(
                    &progenitor_client::QueryParam::new(
                        "startedTimeEnd",
                        &started_time_end,
                    ),
                )
                .query(&progenitor_client::QueryParam::new("status", &status))
                .headers(header_map)
                .build()?;
            let info = OperationInfo {
                operation_id: "list_async_tasks",
            };
            client.pre(&mut request, &info).await?;
            let result = client.exec(request, &info).await;
            client.post(&result, &info).await?;
            let response = result?;
            match response.status().as_u16() {
                200u16 => ResponseValue::from_response(response).await,
                400u16..=499u16 => {
                    Err(
                        Error::ErrorResponse(
                            ResponseValue::from_response(response).await?,
                        ),
                    )
                }
                500u16..=599u16 => {
                    Err(
                        Error::ErrorResponse(
                            ResponseValue::from_response(response).await?,
                        ),
                    )
                }
                _ => Err(Error::UnexpectedResponse(response)),
            }
        }
    }
    /**Builder for [`Client::get_async_task`]

[`Client::get_async_task`]: super::Client::get_async_task*/
    #[derive(Debug, Clone)]
    pub struct GetAsyncTask<'a> {
        client: &'a super::Client,
        function_name: Result<::fc3_models::FunctionName, String>,
        task_id: Result<::fc3_models::TaskId, String>,
        qualifier: Result<Option<::fc3_models::Qualifier>, String>,
    }
    impl<'a> GetAsyncTask<'a> {
        pub fn new(client: &'a super::Client) -> Self {
            Self {
                client: client,
                function_name: Err("function_name was not initialized".to_string()),
                task_id: Err("task_id was not initialized".to_string()),
                qualifier: Ok(None),
            }
        }
        pub fn function_name<V>(mut self, value: V) -> Self
        where
            V: std::convert::TryInto<::fc3_models::FunctionName>,
        {
            self.function_name = value
                .try_into()
                .map_err(|_| {
                    "conversion to `:: fc3_models :: FunctionName` for function_name failed"
                        .to_string()
                });
            self
        }
        pub fn task_id<V>(mut self, value: V) -> Self
        where
            V: std::convert::TryInto<::fc3_models::TaskId>,
        {
            self.task_id = value
                .try_into()
                .map_err(|_| {
                    "conversion to `:: fc3_models :: TaskId` for task_id failed"
                        .to_string()
                });
            self
        }
        pub fn qualifier<V>(mut self, value: V) -> Self
        where
            V: std::convert::TryInto<::fc3_models::Qualifier>,
        {
            self.qualifier = value
                .try_into()
                .map(Some)
                .map_err(|_| {
                    "conversion to `:: fc3_models :: Qualifier` for qualifier failed"
                        .to_string()
                });
            self
        }
        ///Sends a `GET` request to `/2023-03-30/functions/{functionName}/async-tasks/{taskId}`
        pub async fn send(
            self,
        ) -> Result<ResponseValue<::fc3_models::AsyncTask>, Error<::fc3_models::Error>> {
            let Self { client, function_name, task_id, qualifier } = self;
            let function_name = function_name.map_err(Error::InvalidRequest)?;
            let task_id = task_id.map_err(Error::InvalidRequest)?;
            let qualifier = qualifier.map_err(Error::InvalidRequest)?;
            let url = format!(
                "{}/2023-03-30/functions/{}/async-tasks/{}", client.baseurl,
                encode_path(& function_name.to_string()), encode_path(& task_id
                .to_string()),
            );
            let mut header_map = ::reqwest::header::HeaderMap::with_capacity(1usize);
            header_map
                .append(
                    ::reqwest::header::HeaderName::from_static("api-version"),
                    ::reqwest::header::HeaderValue::from_static(
                        super::Client::api_version(),
                    ),
                );
            #[allow(unused_mut)]
            let mut request = client
                .client
                .get(url)
                .header(
                    ::reqwest::header::ACCEPT,
                    ::reqwest::header::HeaderValue::from_static("application/json"),
                )
                .query(&progenitor_client::QueryParam::new("qualifier", &qualifier))
                .headers(header_map)
                .build()?;
            let info = OperationInfo {
                operation_id: "get_async_task",
            };
            client.pre(&mut request, &info).await?;
            let result = client.exec(request, &info).await;
            client.post(&result, &info).await?;
            let response = result?;
            match response.status().as_u16() {
                200u16 => ResponseValue::from_response(response).await,
                400u16..=499u16 => {
                    Err(
                        Error::ErrorResponse(
                            ResponseValue::from_response(response).await?,
                        ),
                    )
                }
                500u16..=599u16 => {
                    Err(
                        Error::ErrorResponse(
                            ResponseValue::from_response(response).await?,
                        ),
                    )
                }
                _ => Err(Error::UnexpectedResponse(response)),
            }
        }
    }
    /**Builder for [`Client::stop_async_task`]

[`Client::stop_async_task`]: super::Client::stop_async_task*/
    #[derive(Debug, Clone)]
    pub struct StopAsyncTask<'a> {
        client: &'a super::Client,
        function_name: Result<::fc3_models::FunctionName, String>,
        task_id: Result<::fc3_models::TaskId, String>,
        qualifier: Result<Option<::fc3_models::Qualifier>, String>,
    }
    impl<'a> StopAsyncTask<'a> {
        pub fn new(client: &'a super::Client) -> Self {
            Self {
                client: client,
                function_name: Err("function_name was not initialized".to_string()),
                task_id: Err("task_id was not initialized".to_string()),
                qualifier: Ok(None),
            }
        }
        pub fn function_name<V>(mut self, value: V) -> Self
        where
            V: std::convert::TryInto<::fc3_models::FunctionName>,
        {
            self.function_name = value
                .try_into()
                .map_err(|_| {
                    "conversion to `:: fc3_models :: FunctionName` for function_name failed"
                        .to_string()
                });
            self
        }
        pub fn task_id<V>(mut self, value: V) -> Self
        where
            V: std::convert::TryInto<::fc3_models::TaskId>,
        {
            self.task_id = value
                .try_into()
                .map_err(|_| {
                    "conversion to `:: fc3_models :: TaskId` for task_id failed"
                        .to_string()
                });
            self
        }
        pub fn qualifier<V>(mut self, value: V) -> Self
        where
            V: std::convert::TryInto<::fc3_models::Qualifier>,
        {
            self.qualifier = value
                .try_into()
                .map(Some)
                .map_err(|_| {
                    "conversion to `:: fc3_models :: Qualifier` for qualifier failed"
                        .to_string()
                });
            self
        }
        ///Sends a `PUT` request to `/2023-03-30/functions/{functionName}/async-tasks/{taskId}/stop`
        pub async fn send(
            self,
        ) -> Result<ResponseValue<()>, Error<::fc3_models::Error>> {
            let Self { client, function_name, task_id, qualifier } = self;
            let function_name = function_name.map_err(Error::InvalidRequest)?;
            let task_id = task_id.map_err(Error::InvalidRequest)?;
            let qualifier = qualifier.map_err(Error::InvalidRequest)?;
            let url = format!(
                "{}/2023-03-30/functions/{}/async-tasks/{}/stop", client.baseurl,
                encode_path(& function_name.to_string()), encode_path(& task_id
                .to_string()),
            );
            let mut header_map = ::reqwest::header::HeaderMap::with_capacity(1usize);
            header_map
                .append(
                    ::reqwest::header::HeaderName::from_static("api-version"),
                    ::reqwest::header::HeaderValue::from_static(
                        super::Client::api_version(),
                    ),
                );
            #[allow(unused_mut)]
            let mut request = client
                .client
                .put(url)
                .header(
                    ::reqwest::header::ACCEPT,
                    ::reqwest::header::HeaderValue::from_static("application/json"),
                )
                .query(&progenitor_client::QueryParam::new("qualifier", &qualifier))
                .headers(header_map)
                .build()?;
            let info = OperationInfo {
                operation_id: "stop_async_task",
            };
            client.pre(&mut request, &info).await?;
            let result = client.exec(request, &info).await;
            client.post(&result, &info).await?;
            let response = result?;
            match response.status().as_u16() {
                200..=299 => Ok(ResponseValue::empty(response)),
                400u16..=499u16 => {
                    Err(
                        Error::ErrorResponse(
                            ResponseValue::from_response(response).await?,
                        ),
                    )
                }
                500u16..=599u16 => {
                    Err(
                        Error::ErrorResponse(
                            ResponseValue::from_response(response).await?,
                        ),
                    )
                }
                _ => Err(Error::UnexpectedResponse(response)),
            }
        }
    }
}
/// Items consumers will typically use such as the Client.
pub mod prelude {
    pub use self::super::Client;
}
