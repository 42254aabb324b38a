// Generated from openapi/fc-2023-03-30.yaml by `cargo xtask codegen`. Do not edit: change the spec or the generator and regenerate.

use crate::call::{param, param_text, property, Invalid};
/**List asynchronous invocation configurations.

Lists the stored configurations of the account in the region, optionally of one
function, a page at a time: pass the `nextToken` of one answer to get the next page;
the last page has none.

FC action `ListAsyncInvokeConfigs`: `GET /2023-03-30/async-invoke-configs`. Nothing is sent until `send` is awaited.*/
#[derive(Clone, Debug)]
#[must_use = "nothing is sent until `send` is awaited"]
pub struct ListAsyncInvokeConfigs {
    pub(crate) client: crate::Client,
    pub(crate) request: ::std::result::Result<
        ::fc3_models::operations::ListAsyncInvokeConfigsRequest,
        Invalid,
    >,
    pub(crate) settings: crate::call::CallSettings,
}
impl crate::Client {
    /**List asynchronous invocation configurations.

See [`ListAsyncInvokeConfigs`] for the options.*/
    pub fn list_async_invoke_configs(&self) -> ListAsyncInvokeConfigs {
        let request = (|| -> ::std::result::Result<_, Invalid> {
            Ok(::fc3_models::operations::ListAsyncInvokeConfigsRequest::new())
        })();
        ListAsyncInvokeConfigs {
            client: self.clone(),
            request,
            settings: ::std::default::Default::default(),
        }
    }
}
impl ListAsyncInvokeConfigs {
    ///Only the configurations of this function (all its qualifiers) (`functionName`, query).
    pub fn function_name(
        self,
        value: impl ::std::convert::Into<::std::string::String>,
    ) -> Self {
        self.set_function_name(Some(value.into()))
    }
    ///Sets or clears [`function_name`](Self::function_name).
    pub fn set_function_name(
        mut self,
        value: ::std::option::Option<::std::string::String>,
    ) -> Self {
        self.request = self
            .request
            .and_then(|mut request| {
                request.function_name = value
                    .map(|value| param_text(
                        &::fc3_models::operations::LIST_ASYNC_INVOKE_CONFIGS
                            .parameters[0usize],
                        value,
                    ))
                    .transpose()?;
                Ok(request)
            });
        self
    }
    /**The most configurations one page holds, at least 1 (the service's maximum and its
default are not documented; fc3-local allows at most 100 and gives 20 when absent) (`limit`, query).*/
    pub fn limit(self, value: u32) -> Self {
        self.set_limit(Some(value))
    }
    ///Sets or clears [`limit`](Self::limit).
    pub fn set_limit(mut self, value: ::std::option::Option<u32>) -> Self {
        self.request = self
            .request
            .and_then(|mut request| {
                request.limit = value
                    .map(|value| param(
                        &::fc3_models::operations::LIST_ASYNC_INVOKE_CONFIGS
                            .parameters[1usize],
                        value,
                    ))
                    .transpose()?;
                Ok(request)
            });
        self
    }
    ///The `nextToken` of the previous page; absent for the first page (`nextToken`, query).
    pub fn next_token(
        self,
        value: impl ::std::convert::Into<::std::string::String>,
    ) -> Self {
        self.set_next_token(Some(value.into()))
    }
    ///Sets or clears [`next_token`](Self::next_token).
    pub fn set_next_token(
        mut self,
        value: ::std::option::Option<::std::string::String>,
    ) -> Self {
        self.request = self
            .request
            .and_then(|mut request| {
                request.next_token = value
                    .map(|value| param_text(
                        &::fc3_models::operations::LIST_ASYNC_INVOKE_CONFIGS
                            .parameters[2usize],
                        value,
                    ))
                    .transpose()?;
                Ok(request)
            });
        self
    }
    crate::call::call_setters!();
    /// Sends the request, retrying as the spec allows, and reads the answer. Nothing
    /// happens until the future is awaited; it owns what it needs (`Send + 'static`),
    /// so it can be spawned.
    ///
    /// # Errors
    /// [`crate::Error::Validation`] before any I/O when a value breaks the spec's
    /// rules (naming the setter); otherwise credentials, service, transport and
    /// timeout errors.
    pub fn send(
        self,
    ) -> impl ::std::future::Future<
        Output = ::std::result::Result<
            crate::Output<::fc3_models::ListAsyncInvokeConfigOutput>,
            crate::Error,
        >,
    > + Send + 'static {
        crate::pipeline::send(self.client, self.request, self.settings)
    }
    /// Every page, from this one on, as a stream: it ends after a page without a
    /// token (or with the token it was asked with), or after the first error.
    pub fn pages(
        self,
    ) -> impl ::futures_core::Stream<
        Item = ::std::result::Result<
            crate::Output<::fc3_models::ListAsyncInvokeConfigOutput>,
            crate::Error,
        >,
    > + Send + 'static {
        let first_token = self.request.as_ref().ok().and_then(|r| r.next_token.clone());
        crate::call::pages(
            self,
            first_token,
            |page: &crate::Output<::fc3_models::ListAsyncInvokeConfigOutput>| {
                page.next_token.clone()
            },
            |builder, token| builder.next_token(token),
            Self::send,
        )
    }
}
impl crate::pipeline::Call for ::fc3_models::operations::ListAsyncInvokeConfigsRequest {
    type Output = crate::Output<::fc3_models::ListAsyncInvokeConfigOutput>;
    async fn attempt(
        &self,
        raw: &crate::generated::Client,
    ) -> ::std::result::Result<Self::Output, crate::pipeline::AttemptError> {
        let mut builder = raw.list_async_invoke_configs();
        if let Some(value) = &self.function_name {
            builder = builder.function_name(value.clone());
        }
        if let Some(value) = &self.limit {
            builder = builder.limit(value.clone());
        }
        if let Some(value) = &self.next_token {
            builder = builder.next_token(value.clone());
        }
        let answer = builder.send().await.map_err(crate::pipeline::AttemptError::from)?;
        Ok(crate::pipeline::json_output(answer))
    }
}
#[cfg(feature = "test-util")]
impl crate::mock::sealed::Sealed
for ::fc3_models::operations::ListAsyncInvokeConfigsRequest {}
#[cfg(feature = "test-util")]
impl crate::mock::MockOperation
for ::fc3_models::operations::ListAsyncInvokeConfigsRequest {
    type Model = ::fc3_models::ListAsyncInvokeConfigOutput;
    fn encode(model: Self::Model) -> crate::mock::MockResponse {
        <crate::Output<
            ::fc3_models::ListAsyncInvokeConfigOutput,
        > as crate::mock::Answer>::encode(
            model,
            <Self as ::fc3_models::operation::OperationRequest>::operation(),
        )
    }
}
/**Read a function's asynchronous invocation configuration.

Answers with the configuration stored for the function and qualifier, or 404
`AsyncConfigNotExists` when none is stored.

FC action `GetAsyncInvokeConfig`: `GET /2023-03-30/functions/{functionName}/async-invoke-config`. Nothing is sent until `send` is awaited.*/
#[derive(Clone, Debug)]
#[must_use = "nothing is sent until `send` is awaited"]
pub struct GetAsyncInvokeConfig {
    pub(crate) client: crate::Client,
    pub(crate) request: ::std::result::Result<
        ::fc3_models::operations::GetAsyncInvokeConfigRequest,
        Invalid,
    >,
    pub(crate) settings: crate::call::CallSettings,
}
impl crate::Client {
    /**Read a function's asynchronous invocation configuration.

See [`GetAsyncInvokeConfig`] for the options.*/
    pub fn get_async_invoke_config(
        &self,
        function_name: impl ::std::convert::Into<::std::string::String>,
    ) -> GetAsyncInvokeConfig {
        let function_name = {
            let value = function_name;
            param_text(
                &::fc3_models::operations::GET_ASYNC_INVOKE_CONFIG.parameters[0usize],
                value.into(),
            )
        };
        let request = (|| -> ::std::result::Result<_, Invalid> {
            Ok(
                ::fc3_models::operations::GetAsyncInvokeConfigRequest::new(
                    function_name?,
                ),
            )
        })();
        GetAsyncInvokeConfig {
            client: self.clone(),
            request,
            settings: ::std::default::Default::default(),
        }
    }
}
impl GetAsyncInvokeConfig {
    ///A version number or an alias of the function; `LATEST` when absent (`qualifier`, query).
    pub fn qualifier(
        self,
        value: impl ::std::convert::Into<::std::string::String>,
    ) -> Self {
        self.set_qualifier(Some(value.into()))
    }
    ///Sets or clears [`qualifier`](Self::qualifier).
    pub fn set_qualifier(
        mut self,
        value: ::std::option::Option<::std::string::String>,
    ) -> Self {
        self.request = self
            .request
            .and_then(|mut request| {
                request.qualifier = value
                    .map(|value| param_text(
                        &::fc3_models::operations::GET_ASYNC_INVOKE_CONFIG
                            .parameters[1usize],
                        value,
                    ))
                    .transpose()?;
                Ok(request)
            });
        self
    }
    crate::call::call_setters!();
    /// Sends the request, retrying as the spec allows, and reads the answer. Nothing
    /// happens until the future is awaited; it owns what it needs (`Send + 'static`),
    /// so it can be spawned.
    ///
    /// # Errors
    /// [`crate::Error::Validation`] before any I/O when a value breaks the spec's
    /// rules (naming the setter); otherwise credentials, service, transport and
    /// timeout errors.
    pub fn send(
        self,
    ) -> impl ::std::future::Future<
        Output = ::std::result::Result<
            crate::Output<::fc3_models::AsyncConfig>,
            crate::Error,
        >,
    > + Send + 'static {
        crate::pipeline::send(self.client, self.request, self.settings)
    }
}
impl crate::pipeline::Call for ::fc3_models::operations::GetAsyncInvokeConfigRequest {
    type Output = crate::Output<::fc3_models::AsyncConfig>;
    async fn attempt(
        &self,
        raw: &crate::generated::Client,
    ) -> ::std::result::Result<Self::Output, crate::pipeline::AttemptError> {
        let mut builder = raw.get_async_invoke_config();
        builder = builder.function_name(self.function_name.clone());
        if let Some(value) = &self.qualifier {
            builder = builder.qualifier(value.clone());
        }
        let answer = builder.send().await.map_err(crate::pipeline::AttemptError::from)?;
        Ok(crate::pipeline::json_output(answer))
    }
}
#[cfg(feature = "test-util")]
impl crate::mock::sealed::Sealed
for ::fc3_models::operations::GetAsyncInvokeConfigRequest {}
#[cfg(feature = "test-util")]
impl crate::mock::MockOperation
for ::fc3_models::operations::GetAsyncInvokeConfigRequest {
    type Model = ::fc3_models::AsyncConfig;
    fn encode(model: Self::Model) -> crate::mock::MockResponse {
        <crate::Output<
            ::fc3_models::AsyncConfig,
        > as crate::mock::Answer>::encode(
            model,
            <Self as ::fc3_models::operation::OperationRequest>::operation(),
        )
    }
}
/**Create or replace a function's asynchronous invocation configuration.

Sets how asynchronous invocations of the function (or of one of its versions or
aliases, with `qualifier`) are treated: how many times a failed event is retried, how
long an event may wait before it is dropped, where the outcome is delivered, and
whether events are tracked as async tasks. RAM action: `fc:PutFunctionAsyncInvokeConfig`.
Answers with the stored configuration.

FC action `PutAsyncInvokeConfig`: `PUT /2023-03-30/functions/{functionName}/async-invoke-config`. Nothing is sent until `send` is awaited.*/
#[derive(Clone, Debug)]
#[must_use = "nothing is sent until `send` is awaited"]
pub struct PutAsyncInvokeConfig {
    pub(crate) client: crate::Client,
    pub(crate) request: ::std::result::Result<
        ::fc3_models::operations::PutAsyncInvokeConfigRequest,
        Invalid,
    >,
    pub(crate) settings: crate::call::CallSettings,
}
impl crate::Client {
    /**Create or replace a function's asynchronous invocation configuration.

See [`PutAsyncInvokeConfig`] for the options.*/
    pub fn put_async_invoke_config(
        &self,
        function_name: impl ::std::convert::Into<::std::string::String>,
    ) -> PutAsyncInvokeConfig {
        let function_name = {
            let value = function_name;
            param_text(
                &::fc3_models::operations::PUT_ASYNC_INVOKE_CONFIG.parameters[0usize],
                value.into(),
            )
        };
        let request = (|| -> ::std::result::Result<_, Invalid> {
            Ok(
                ::fc3_models::operations::PutAsyncInvokeConfigRequest::new(
                    function_name?,
                ),
            )
        })();
        PutAsyncInvokeConfig {
            client: self.clone(),
            request,
            settings: ::std::default::Default::default(),
        }
    }
}
impl PutAsyncInvokeConfig {
    ///A version number or an alias of the function; `LATEST` when absent (`qualifier`, query).
    pub fn qualifier(
        self,
        value: impl ::std::convert::Into<::std::string::String>,
    ) -> Self {
        self.set_qualifier(Some(value.into()))
    }
    ///Sets or clears [`qualifier`](Self::qualifier).
    pub fn set_qualifier(
        mut self,
        value: ::std::option::Option<::std::string::String>,
    ) -> Self {
        self.request = self
            .request
            .and_then(|mut request| {
                request.qualifier = value
                    .map(|value| param_text(
                        &::fc3_models::operations::PUT_ASYNC_INVOKE_CONFIG
                            .parameters[1usize],
                        value,
                    ))
                    .transpose()?;
                Ok(request)
            });
        self
    }
    /**Whether asynchronous invocations are tracked as async tasks (GetAsyncTask,
ListAsyncTasks, StopAsyncTask, caller-chosen `x-fc-async-task-id`). Off when absent (`asyncTask` of the body).*/
    pub fn async_task(self, value: bool) -> Self {
        self.set_async_task(Some(value))
    }
    ///Sets or clears [`async_task`](Self::async_task).
    pub fn set_async_task(mut self, value: ::std::option::Option<bool>) -> Self {
        self.request = self
            .request
            .and_then(|mut request| {
                request.body.async_task = value
                    .map(|value| property(
                        &::fc3_models::operations::PUT_ASYNC_INVOKE_CONFIG_INPUT_SCHEMA
                            .properties[0usize],
                        value,
                    ))
                    .transpose()?;
                Ok(request)
            });
        self
    }
    /// (`destinationConfig` of the body).
    pub fn destination_config(self, value: ::fc3_models::DestinationConfig) -> Self {
        self.set_destination_config(Some(value))
    }
    ///Sets or clears [`destination_config`](Self::destination_config).
    pub fn set_destination_config(
        mut self,
        value: ::std::option::Option<::fc3_models::DestinationConfig>,
    ) -> Self {
        self.request = self
            .request
            .and_then(|mut request| {
                request.body.destination_config = value;
                Ok(request)
            });
        self
    }
    /**How long an event may wait, from acceptance, before it is dropped as Expired
(checked before every try): 1 to 604800 seconds (7 days); 86400 when absent (`maxAsyncEventAgeInSeconds` of the body).*/
    pub fn max_async_event_age_in_seconds(self, value: u64) -> Self {
        self.set_max_async_event_age_in_seconds(Some(value))
    }
    ///Sets or clears [`max_async_event_age_in_seconds`](Self::max_async_event_age_in_seconds).
    pub fn set_max_async_event_age_in_seconds(
        mut self,
        value: ::std::option::Option<u64>,
    ) -> Self {
        self.request = self
            .request
            .and_then(|mut request| {
                request.body.max_async_event_age_in_seconds = value
                    .map(|value| property(
                        &::fc3_models::operations::PUT_ASYNC_INVOKE_CONFIG_INPUT_SCHEMA
                            .properties[2usize],
                        value,
                    ))
                    .transpose()?;
                Ok(request)
            });
        self
    }
    /**How many times a failed invocation is retried: 0 to 8; 3 when absent. 0 is a real
value (no retry) and is sent as such (`maxAsyncRetryAttempts` of the body).*/
    pub fn max_async_retry_attempts(self, value: i64) -> Self {
        self.set_max_async_retry_attempts(Some(value))
    }
    ///Sets or clears [`max_async_retry_attempts`](Self::max_async_retry_attempts).
    pub fn set_max_async_retry_attempts(
        mut self,
        value: ::std::option::Option<i64>,
    ) -> Self {
        self.request = self
            .request
            .and_then(|mut request| {
                request.body.max_async_retry_attempts = value
                    .map(|value| property(
                        &::fc3_models::operations::PUT_ASYNC_INVOKE_CONFIG_INPUT_SCHEMA
                            .properties[3usize],
                        value,
                    ))
                    .transpose()?;
                Ok(request)
            });
        self
    }
    crate::call::call_setters!();
    /// Sends the request, retrying as the spec allows, and reads the answer. Nothing
    /// happens until the future is awaited; it owns what it needs (`Send + 'static`),
    /// so it can be spawned.
    ///
    /// # Errors
    /// [`crate::Error::Validation`] before any I/O when a value breaks the spec's
    /// rules (naming the setter); otherwise credentials, service, transport and
    /// timeout errors.
    pub fn send(
        self,
    ) -> impl ::std::future::Future<
        Output = ::std::result::Result<
            crate::Output<::fc3_models::AsyncConfig>,
            crate::Error,
        >,
    > + Send + 'static {
        crate::pipeline::send(self.client, self.request, self.settings)
    }
}
impl crate::pipeline::Call for ::fc3_models::operations::PutAsyncInvokeConfigRequest {
    type Output = crate::Output<::fc3_models::AsyncConfig>;
    async fn attempt(
        &self,
        raw: &crate::generated::Client,
    ) -> ::std::result::Result<Self::Output, crate::pipeline::AttemptError> {
        let mut builder = raw.put_async_invoke_config();
        builder = builder.function_name(self.function_name.clone());
        if let Some(value) = &self.qualifier {
            builder = builder.qualifier(value.clone());
        }
        builder = builder.body(self.body.clone());
        let answer = builder.send().await.map_err(crate::pipeline::AttemptError::from)?;
        Ok(crate::pipeline::json_output(answer))
    }
}
#[cfg(feature = "test-util")]
impl crate::mock::sealed::Sealed
for ::fc3_models::operations::PutAsyncInvokeConfigRequest {}
#[cfg(feature = "test-util")]
impl crate::mock::MockOperation
for ::fc3_models::operations::PutAsyncInvokeConfigRequest {
    type Model = ::fc3_models::AsyncConfig;
    fn encode(model: Self::Model) -> crate::mock::MockResponse {
        <crate::Output<
            ::fc3_models::AsyncConfig,
        > as crate::mock::Answer>::encode(
            model,
            <Self as ::fc3_models::operation::OperationRequest>::operation(),
        )
    }
}
/**Delete a function's asynchronous invocation configuration.

Removes the configuration of the function and qualifier; asynchronous invocations then
follow the service defaults (3 retries, 86400 s maximum event age, no destinations,
no async tasks). Answers with an empty 2XX (FC 2.0 used 204).

FC action `DeleteAsyncInvokeConfig`: `DELETE /2023-03-30/functions/{functionName}/async-invoke-config`. Nothing is sent until `send` is awaited.*/
#[derive(Clone, Debug)]
#[must_use = "nothing is sent until `send` is awaited"]
pub struct DeleteAsyncInvokeConfig {
    pub(crate) client: crate::Client,
    pub(crate) request: ::std::result::Result<
        ::fc3_models::operations::DeleteAsyncInvokeConfigRequest,
        Invalid,
    >,
    pub(crate) settings: crate::call::CallSettings,
}
impl crate::Client {
    /**Delete a function's asynchronous invocation configuration.

See [`DeleteAsyncInvokeConfig`] for the options.*/
    pub fn delete_async_invoke_config(
        &self,
        function_name: impl ::std::convert::Into<::std::string::String>,
    ) -> DeleteAsyncInvokeConfig {
        let function_name = {
            let value = function_name;
            param_text(
                &::fc3_models::operations::DELETE_ASYNC_INVOKE_CONFIG.parameters[0usize],
                value.into(),
            )
        };
        let request = (|| -> ::std::result::Result<_, Invalid> {
            Ok(
                ::fc3_models::operations::DeleteAsyncInvokeConfigRequest::new(
                    function_name?,
                ),
            )
        })();
        DeleteAsyncInvokeConfig {
            client: self.clone(),
            request,
            settings: ::std::default::Default::default(),
        }
    }
}
impl DeleteAsyncInvokeConfig {
    ///A version number or an alias of the function; `LATEST` when absent (`qualifier`, query).
    pub fn qualifier(
        self,
        value: impl ::std::convert::Into<::std::string::String>,
    ) -> Self {
        self.set_qualifier(Some(value.into()))
    }
    ///Sets or clears [`qualifier`](Self::qualifier).
    pub fn set_qualifier(
        mut self,
        value: ::std::option::Option<::std::string::String>,
    ) -> Self {
        self.request = self
            .request
            .and_then(|mut request| {
                request.qualifier = value
                    .map(|value| param_text(
                        &::fc3_models::operations::DELETE_ASYNC_INVOKE_CONFIG
                            .parameters[1usize],
                        value,
                    ))
                    .transpose()?;
                Ok(request)
            });
        self
    }
    crate::call::call_setters!();
    /// Sends the request, retrying as the spec allows, and reads the answer. Nothing
    /// happens until the future is awaited; it owns what it needs (`Send + 'static`),
    /// so it can be spawned.
    ///
    /// # Errors
    /// [`crate::Error::Validation`] before any I/O when a value breaks the spec's
    /// rules (naming the setter); otherwise credentials, service, transport and
    /// timeout errors.
    pub fn send(
        self,
    ) -> impl ::std::future::Future<
        Output = ::std::result::Result<crate::Output<()>, crate::Error>,
    > + Send + 'static {
        crate::pipeline::send(self.client, self.request, self.settings)
    }
}
impl crate::pipeline::Call for ::fc3_models::operations::DeleteAsyncInvokeConfigRequest {
    type Output = crate::Output<()>;
    async fn attempt(
        &self,
        raw: &crate::generated::Client,
    ) -> ::std::result::Result<Self::Output, crate::pipeline::AttemptError> {
        let mut builder = raw.delete_async_invoke_config();
        builder = builder.function_name(self.function_name.clone());
        if let Some(value) = &self.qualifier {
            builder = builder.qualifier(value.clone());
        }
        let answer = builder.send().await.map_err(crate::pipeline::AttemptError::from)?;
        Ok(crate::pipeline::empty_output(answer))
    }
}
#[cfg(feature = "test-util")]
impl crate::mock::sealed::Sealed
for ::fc3_models::operations::DeleteAsyncInvokeConfigRequest {}
#[cfg(feature = "test-util")]
impl crate::mock::MockOperation
for ::fc3_models::operations::DeleteAsyncInvokeConfigRequest {
    type Model = ();
    fn encode(model: Self::Model) -> crate::mock::MockResponse {
        <crate::Output<
            (),
        > as crate::mock::Answer>::encode(
            model,
            <Self as ::fc3_models::operation::OperationRequest>::operation(),
        )
    }
}
/**List a function's asynchronous tasks.

Lists the tracked asynchronous invocations of a function (those made while its
configuration had `asyncTask: true`), filtered and sorted as asked, a page at a time.

FC action `ListAsyncTasks`: `GET /2023-03-30/functions/{functionName}/async-tasks`. Nothing is sent until `send` is awaited.*/
#[derive(Clone, Debug)]
#[must_use = "nothing is sent until `send` is awaited"]
pub struct ListAsyncTasks {
    pub(crate) client: crate::Client,
    pub(crate) request: ::std::result::Result<
        ::fc3_models::operations::ListAsyncTasksRequest,
        Invalid,
    >,
    pub(crate) settings: crate::call::CallSettings,
}
impl crate::Client {
    /**List a function's asynchronous tasks.

See [`ListAsyncTasks`] for the options.*/
    pub fn list_async_tasks(
        &self,
        function_name: impl ::std::convert::Into<::std::string::String>,
    ) -> ListAsyncTasks {
        let function_name = {
            let value = function_name;
            param_text(
                &::fc3_models::operations::LIST_ASYNC_TASKS.parameters[0usize],
                value.into(),
            )
        };
        let request = (|| -> ::std::result::Result<_, Invalid> {
            Ok(::fc3_models::operations::ListAsyncTasksRequest::new(function_name?))
        })();
        ListAsyncTasks {
            client: self.clone(),
            request,
            settings: ::std::default::Default::default(),
        }
    }
}
impl ListAsyncTasks {
    ///A version number or an alias of the function; `LATEST` when absent (`qualifier`, query).
    pub fn qualifier(
        self,
        value: impl ::std::convert::Into<::std::string::String>,
    ) -> Self {
        self.set_qualifier(Some(value.into()))
    }
    ///Sets or clears [`qualifier`](Self::qualifier).
    pub fn set_qualifier(
        mut self,
        value: ::std::option::Option<::std::string::String>,
    ) -> Self {
        self.request = self
            .request
            .and_then(|mut request| {
                request.qualifier = value
                    .map(|value| param_text(
                        &::fc3_models::operations::LIST_ASYNC_TASKS.parameters[1usize],
                        value,
                    ))
                    .transpose()?;
                Ok(request)
            });
        self
    }
    ///The most tasks one page holds, from 1 to 100 (20 when absent) (`limit`, query).
    pub fn limit(self, value: u32) -> Self {
        self.set_limit(Some(value))
    }
    ///Sets or clears [`limit`](Self::limit).
    pub fn set_limit(mut self, value: ::std::option::Option<u32>) -> Self {
        self.request = self
            .request
            .and_then(|mut request| {
                request.limit = value
                    .map(|value| param(
                        &::fc3_models::operations::LIST_ASYNC_TASKS.parameters[2usize],
                        value,
                    ))
                    .transpose()?;
                Ok(request)
            });
        self
    }
    ///The `nextToken` of the previous page; absent for the first page (`nextToken`, query).
    pub fn next_token(
        self,
        value: impl ::std::convert::Into<::std::string::String>,
    ) -> Self {
        self.set_next_token(Some(value.into()))
    }
    ///Sets or clears [`next_token`](Self::next_token).
    pub fn set_next_token(
        mut self,
        value: ::std::option::Option<::std::string::String>,
    ) -> Self {
        self.request = self
            .request
            .and_then(|mut request| {
                request.next_token = value
                    .map(|value| param_text(
                        &::fc3_models::operations::LIST_ASYNC_TASKS.parameters[3usize],
                        value,
                    ))
                    .transpose()?;
                Ok(request)
            });
        self
    }
    ///Only tasks whose id starts with this prefix (`prefix`, query).
    pub fn prefix(
        self,
        value: impl ::std::convert::Into<::std::string::String>,
    ) -> Self {
        self.set_prefix(Some(value.into()))
    }
    ///Sets or clears [`prefix`](Self::prefix).
    pub fn set_prefix(
        mut self,
        value: ::std::option::Option<::std::string::String>,
    ) -> Self {
        self.request = self
            .request
            .and_then(|mut request| {
                request.prefix = value
                    .map(|value| param_text(
                        &::fc3_models::operations::LIST_ASYNC_TASKS.parameters[4usize],
                        value,
                    ))
                    .transpose()?;
                Ok(request)
            });
        self
    }
    ///Only tasks in this status (`status`, query).
    pub fn status(self, value: ::fc3_models::AsyncTaskStatus) -> Self {
        self.set_status(Some(value))
    }
    ///Sets or clears [`status`](Self::status).
    pub fn set_status(
        mut self,
        value: ::std::option::Option<::fc3_models::AsyncTaskStatus>,
    ) -> Self {
        self.request = self
            .request
            .and_then(|mut request| {
                request.status = value
                    .map(|value| param(
                        &::fc3_models::operations::LIST_ASYNC_TASKS.parameters[5usize],
                        value,
                    ))
                    .transpose()?;
                Ok(request)
            });
        self
    }
    ///Only tasks started at or after this time, in milliseconds since the Unix epoch (`startedTimeBegin`, query).
    pub fn started_time_begin(self, value: i64) -> Self {
        self.set_started_time_begin(Some(value))
    }
    ///Sets or clears [`started_time_begin`](Self::started_time_begin).
    pub fn set_started_time_begin(mut self, value: ::std::option::Option<i64>) -> Self {
        self.request = self
            .request
            .and_then(|mut request| {
                request.started_time_begin = value
                    .map(|value| param(
                        &::fc3_models::operations::LIST_ASYNC_TASKS.parameters[6usize],
                        value,
                    ))
                    .transpose()?;
                Ok(request)
            });
        self
    }
    ///Only tasks started at or before this time, in milliseconds since the Unix epoch (`startedTimeEnd`, query).
    pub fn started_time_end(self, value: i64) -> Self {
        self.set_started_time_end(Some(value))
    }
    ///Sets or clears [`started_time_end`](Self::started_time_end).
    pub fn set_started_time_end(mut self, value: ::std::option::Option<i64>) -> Self {
        self.request = self
            .request
            .and_then(|mut request| {
                request.started_time_end = value
                    .map(|value| param(
                        &::fc3_models::operations::LIST_ASYNC_TASKS.parameters[7usize],
                        value,
                    ))
                    .transpose()?;
                Ok(request)
            });
        self
    }
    ///Order by start time, `asc` or `desc` (`sortOrderByTime`, query).
    pub fn sort_order_by_time(self, value: ::fc3_models::SortOrder) -> Self {
        self.set_sort_order_by_time(Some(value))
    }
    ///Sets or clears [`sort_order_by_time`](Self::sort_order_by_time).
    pub fn set_sort_order_by_time(
        mut self,
        value: ::std::option::Option<::fc3_models::SortOrder>,
    ) -> Self {
        self.request = self
            .request
            .and_then(|mut request| {
                request.sort_order_by_time = value
                    .map(|value| param(
                        &::fc3_models::operations::LIST_ASYNC_TASKS.parameters[8usize],
                        value,
                    ))
                    .transpose()?;
                Ok(request)
            });
        self
    }
    ///Whether each task carries its event (`taskPayload`); false when absent (`includePayload`, query).
    pub fn include_payload(self, value: bool) -> Self {
        self.set_include_payload(Some(value))
    }
    ///Sets or clears [`include_payload`](Self::include_payload).
    pub fn set_include_payload(mut self, value: ::std::option::Option<bool>) -> Self {
        self.request = self
            .request
            .and_then(|mut request| {
                request.include_payload = value
                    .map(|value| param(
                        &::fc3_models::operations::LIST_ASYNC_TASKS.parameters[9usize],
                        value,
                    ))
                    .transpose()?;
                Ok(request)
            });
        self
    }
    crate::call::call_setters!();
    /// Sends the request, retrying as the spec allows, and reads the answer. Nothing
    /// happens until the future is awaited; it owns what it needs (`Send + 'static`),
    /// so it can be spawned.
    ///
    /// # Errors
    /// [`crate::Error::Validation`] before any I/O when a value breaks the spec's
    /// rules (naming the setter); otherwise credentials, service, transport and
    /// timeout errors.
    pub fn send(
        self,
    ) -> impl ::std::future::Future<
        Output = ::std::result::Result<
            crate::Output<::fc3_models::ListAsyncTaskOutput>,
            crate::Error,
        >,
    > + Send + 'static {
        crate::pipeline::send(self.client, self.request, self.settings)
    }
    /// Every page, from this one on, as a stream: it ends after a page without a
    /// token (or with the token it was asked with), or after the first error.
    pub fn pages(
        self,
    ) -> impl ::futures_core::Stream<
        Item = ::std::result::Result<
            crate::Output<::fc3_models::ListAsyncTaskOutput>,
            crate::Error,
        >,
    > + Send + 'static {
        let first_token = self.request.as_ref().ok().and_then(|r| r.next_token.clone());
        crate::call::pages(
            self,
            first_token,
            |page: &crate::Output<::fc3_models::ListAsyncTaskOutput>| {
                page.next_token.clone()
            },
            |builder, token| builder.next_token(token),
            Self::send,
        )
    }
}
impl crate::pipeline::Call for ::fc3_models::operations::ListAsyncTasksRequest {
    type Output = crate::Output<::fc3_models::ListAsyncTaskOutput>;
    async fn attempt(
        &self,
        raw: &crate::generated::Client,
    ) -> ::std::result::Result<Self::Output, crate::pipeline::AttemptError> {
        let mut builder = raw.list_async_tasks();
        builder = builder.function_name(self.function_name.clone());
        if let Some(value) = &self.qualifier {
            builder = builder.qualifier(value.clone());
        }
        if let Some(value) = &self.limit {
            builder = builder.limit(value.clone());
        }
        if let Some(value) = &self.next_token {
            builder = builder.next_token(value.clone());
        }
        if let Some(value) = &self.prefix {
            builder = builder.prefix(value.clone());
        }
        if let Some(value) = &self.status {
            builder = builder.status(value.clone());
        }
        if let Some(value) = &self.started_time_begin {
            builder = builder.started_time_begin(value.clone());
        }
        if let Some(value) = &self.started_time_end {
            builder = builder.started_time_end(value.clone());
        }
        if let Some(value) = &self.sort_order_by_time {
            builder = builder.sort_order_by_time(value.clone());
        }
        if let Some(value) = &self.include_payload {
            builder = builder.include_payload(value.clone());
        }
        let answer = builder.send().await.map_err(crate::pipeline::AttemptError::from)?;
        Ok(crate::pipeline::json_output(answer))
    }
}
#[cfg(feature = "test-util")]
impl crate::mock::sealed::Sealed for ::fc3_models::operations::ListAsyncTasksRequest {}
#[cfg(feature = "test-util")]
impl crate::mock::MockOperation for ::fc3_models::operations::ListAsyncTasksRequest {
    type Model = ::fc3_models::ListAsyncTaskOutput;
    fn encode(model: Self::Model) -> crate::mock::MockResponse {
        <crate::Output<
            ::fc3_models::ListAsyncTaskOutput,
        > as crate::mock::Answer>::encode(
            model,
            <Self as ::fc3_models::operation::OperationRequest>::operation(),
        )
    }
}
/**Read one asynchronous task.

Answers with the task's status, its history of events and its outcome.

FC action `GetAsyncTask`: `GET /2023-03-30/functions/{functionName}/async-tasks/{taskId}`. Nothing is sent until `send` is awaited.*/
#[derive(Clone, Debug)]
#[must_use = "nothing is sent until `send` is awaited"]
pub struct GetAsyncTask {
    pub(crate) client: crate::Client,
    pub(crate) request: ::std::result::Result<
        ::fc3_models::operations::GetAsyncTaskRequest,
        Invalid,
    >,
    pub(crate) settings: crate::call::CallSettings,
}
impl crate::Client {
    /**Read one asynchronous task.

See [`GetAsyncTask`] for the options.*/
    pub fn get_async_task(
        &self,
        function_name: impl ::std::convert::Into<::std::string::String>,
        task_id: impl ::std::convert::Into<::std::string::String>,
    ) -> GetAsyncTask {
        let function_name = {
            let value = function_name;
            param_text(
                &::fc3_models::operations::GET_ASYNC_TASK.parameters[0usize],
                value.into(),
            )
        };
        let task_id = {
            let value = task_id;
            param_text(
                &::fc3_models::operations::GET_ASYNC_TASK.parameters[1usize],
                value.into(),
            )
        };
        let request = (|| -> ::std::result::Result<_, Invalid> {
            Ok(
                ::fc3_models::operations::GetAsyncTaskRequest::new(
                    function_name?,
                    task_id?,
                ),
            )
        })();
        GetAsyncTask {
            client: self.clone(),
            request,
            settings: ::std::default::Default::default(),
        }
    }
}
impl GetAsyncTask {
    ///A version number or an alias of the function; `LATEST` when absent (`qualifier`, query).
    pub fn qualifier(
        self,
        value: impl ::std::convert::Into<::std::string::String>,
    ) -> Self {
        self.set_qualifier(Some(value.into()))
    }
    ///Sets or clears [`qualifier`](Self::qualifier).
    pub fn set_qualifier(
        mut self,
        value: ::std::option::Option<::std::string::String>,
    ) -> Self {
        self.request = self
            .request
            .and_then(|mut request| {
                request.qualifier = value
                    .map(|value| param_text(
                        &::fc3_models::operations::GET_ASYNC_TASK.parameters[2usize],
                        value,
                    ))
                    .transpose()?;
                Ok(request)
            });
        self
    }
    crate::call::call_setters!();
    /// Sends the request, retrying as the spec allows, and reads the answer. Nothing
    /// happens until the future is awaited; it owns what it needs (`Send + 'static`),
    /// so it can be spawned.
    ///
    /// # Errors
    /// [`crate::Error::Validation`] before any I/O when a value breaks the spec's
    /// rules (naming the setter); otherwise credentials, service, transport and
    /// timeout errors.
    pub fn send(
        self,
    ) -> impl ::std::future::Future<
        Output = ::std::result::Result<
            crate::Output<::fc3_models::AsyncTask>,
            crate::Error,
        >,
    > + Send + 'static {
        crate::pipeline::send(self.client, self.request, self.settings)
    }
}
impl crate::pipeline::Call for ::fc3_models::operations::GetAsyncTaskRequest {
    type Output = crate::Output<::fc3_models::AsyncTask>;
    async fn attempt(
        &self,
        raw: &crate::generated::Client,
    ) -> ::std::result::Result<Self::Output, crate::pipeline::AttemptError> {
        let mut builder = raw.get_async_task();
        builder = builder.function_name(self.function_name.clone());
        builder = builder.task_id(self.task_id.clone());
        if let Some(value) = &self.qualifier {
            builder = builder.qualifier(value.clone());
        }
        let answer = builder.send().await.map_err(crate::pipeline::AttemptError::from)?;
        Ok(crate::pipeline::json_output(answer))
    }
}
#[cfg(feature = "test-util")]
impl crate::mock::sealed::Sealed for ::fc3_models::operations::GetAsyncTaskRequest {}
#[cfg(feature = "test-util")]
impl crate::mock::MockOperation for ::fc3_models::operations::GetAsyncTaskRequest {
    type Model = ::fc3_models::AsyncTask;
    fn encode(model: Self::Model) -> crate::mock::MockResponse {
        <crate::Output<
            ::fc3_models::AsyncTask,
        > as crate::mock::Answer>::encode(
            model,
            <Self as ::fc3_models::operation::OperationRequest>::operation(),
        )
    }
}
/**Stop an asynchronous task.

Asks the service to stop a task that has not ended: a queued task is not run, a running
one is interrupted. The task passes through `Stopping` to `Stopped`. Answers with an
empty 2XX.

FC action `StopAsyncTask`: `PUT /2023-03-30/functions/{functionName}/async-tasks/{taskId}/stop`. Nothing is sent until `send` is awaited.*/
#[derive(Clone, Debug)]
#[must_use = "nothing is sent until `send` is awaited"]
pub struct StopAsyncTask {
    pub(crate) client: crate::Client,
    pub(crate) request: ::std::result::Result<
        ::fc3_models::operations::StopAsyncTaskRequest,
        Invalid,
    >,
    pub(crate) settings: crate::call::CallSettings,
}
impl crate::Client {
    /**Stop an asynchronous task.

See [`StopAsyncTask`] for the options.*/
    pub fn stop_async_task(
        &self,
        function_name: impl ::std::convert::Into<::std::string::String>,
        task_id: impl ::std::convert::Into<::std::string::String>,
    ) -> StopAsyncTask {
        let function_name = {
            let value = function_name;
            param_text(
                &::fc3_models::operations::STOP_ASYNC_TASK.parameters[0usize],
                value.into(),
            )
        };
        let task_id = {
            let value = task_id;
            param_text(
                &::fc3_models::operations::STOP_ASYNC_TASK.parameters[1usize],
                value.into(),
            )
        };
        let request = (|| -> ::std::result::Result<_, Invalid> {
            Ok(
                ::fc3_models::operations::StopAsyncTaskRequest::new(
                    function_name?,
                    task_id?,
                ),
            )
        })();
        StopAsyncTask {
            client: self.clone(),
            request,
            settings: ::std::default::Default::default(),
        }
    }
}
impl StopAsyncTask {
    ///A version number or an alias of the function; `LATEST` when absent (`qualifier`, query).
    pub fn qualifier(
        self,
        value: impl ::std::convert::Into<::std::string::String>,
    ) -> Self {
        self.set_qualifier(Some(value.into()))
    }
    ///Sets or clears [`qualifier`](Self::qualifier).
    pub fn set_qualifier(
        mut self,
        value: ::std::option::Option<::std::string::String>,
    ) -> Self {
        self.request = self
            .request
            .and_then(|mut request| {
                request.qualifier = value
                    .map(|value| param_text(
                        &::fc3_models::operations::STOP_ASYNC_TASK.parameters[2usize],
                        value,
                    ))
                    .transpose()?;
                Ok(request)
            });
        self
    }
    crate::call::call_setters!();
    /// Sends the request, retrying as the spec allows, and reads the answer. Nothing
    /// happens until the future is awaited; it owns what it needs (`Send + 'static`),
    /// so it can be spawned.
    ///
    /// # Errors
    /// [`crate::Error::Validation`] before any I/O when a value breaks the spec's
    /// rules (naming the setter); otherwise credentials, service, transport and
    /// timeout errors.
    pub fn send(
        self,
    ) -> impl ::std::future::Future<
        Output = ::std::result::Result<crate::Output<()>, crate::Error>,
    > + Send + 'static {
        crate::pipeline::send(self.client, self.request, self.settings)
    }
}
impl crate::pipeline::Call for ::fc3_models::operations::StopAsyncTaskRequest {
    type Output = crate::Output<()>;
    async fn attempt(
        &self,
        raw: &crate::generated::Client,
    ) -> ::std::result::Result<Self::Output, crate::pipeline::AttemptError> {
        let mut builder = raw.stop_async_task();
        builder = builder.function_name(self.function_name.clone());
        builder = builder.task_id(self.task_id.clone());
        if let Some(value) = &self.qualifier {
            builder = builder.qualifier(value.clone());
        }
        let answer = builder.send().await.map_err(crate::pipeline::AttemptError::from)?;
        Ok(crate::pipeline::empty_output(answer))
    }
}
#[cfg(feature = "test-util")]
impl crate::mock::sealed::Sealed for ::fc3_models::operations::StopAsyncTaskRequest {}
#[cfg(feature = "test-util")]
impl crate::mock::MockOperation for ::fc3_models::operations::StopAsyncTaskRequest {
    type Model = ();
    fn encode(model: Self::Model) -> crate::mock::MockResponse {
        <crate::Output<
            (),
        > as crate::mock::Answer>::encode(
            model,
            <Self as ::fc3_models::operation::OperationRequest>::operation(),
        )
    }
}
/**Invoke a function.

Runs a function with the request body as its event. RAM action: `fc:InvokeFunction`.

A synchronous call (the default) waits for the function and answers 200 with the
function's raw output as the body. An asynchronous call (`x-fc-invocation-type: Async`)
answers 202 as soon as the event is queued; the queue then runs it, retrying and
delivering the outcome as the function's async invoke configuration says.

A function that fails still gets a 200: the `x-fc-error-type` header names the kind of
failure and the body is the function's error JSON, e.g.
`{"errorMessage":"boom","errorType":"Error","stackTrace":[]}`.

FC action `InvokeFunction`: `POST /2023-03-30/functions/{functionName}/invocations`. Nothing is sent until `send` is awaited.*/
#[derive(Clone, Debug)]
#[must_use = "nothing is sent until `send` is awaited"]
pub struct InvokeFunction {
    pub(crate) client: crate::Client,
    pub(crate) request: ::std::result::Result<
        ::fc3_models::operations::InvokeFunctionRequest,
        Invalid,
    >,
    pub(crate) settings: crate::call::CallSettings,
}
impl crate::Client {
    /**Invoke a function.

See [`InvokeFunction`] for the options.*/
    pub fn invoke_function(
        &self,
        function_name: impl ::std::convert::Into<::std::string::String>,
    ) -> InvokeFunction {
        let function_name = {
            let value = function_name;
            param_text(
                &::fc3_models::operations::INVOKE_FUNCTION.parameters[0usize],
                value.into(),
            )
        };
        let request = (|| -> ::std::result::Result<_, Invalid> {
            Ok(::fc3_models::operations::InvokeFunctionRequest::new(function_name?))
        })();
        InvokeFunction {
            client: self.clone(),
            request,
            settings: ::std::default::Default::default(),
        }
    }
}
impl InvokeFunction {
    ///A version number or an alias of the function; `LATEST` when absent (`qualifier`, query).
    pub fn qualifier(
        self,
        value: impl ::std::convert::Into<::std::string::String>,
    ) -> Self {
        self.set_qualifier(Some(value.into()))
    }
    ///Sets or clears [`qualifier`](Self::qualifier).
    pub fn set_qualifier(
        mut self,
        value: ::std::option::Option<::std::string::String>,
    ) -> Self {
        self.request = self
            .request
            .and_then(|mut request| {
                request.qualifier = value
                    .map(|value| param_text(
                        &::fc3_models::operations::INVOKE_FUNCTION.parameters[1usize],
                        value,
                    ))
                    .transpose()?;
                Ok(request)
            });
        self
    }
    ///`Sync` (the default when absent) or `Async` (`x-fc-invocation-type`, header).
    pub fn invocation_type(self, value: ::fc3_models::InvocationType) -> Self {
        self.set_invocation_type(Some(value))
    }
    ///Sets or clears [`invocation_type`](Self::invocation_type).
    pub fn set_invocation_type(
        mut self,
        value: ::std::option::Option<::fc3_models::InvocationType>,
    ) -> Self {
        self.request = self
            .request
            .and_then(|mut request| {
                request.invocation_type = value
                    .map(|value| param(
                        &::fc3_models::operations::INVOKE_FUNCTION.parameters[2usize],
                        value,
                    ))
                    .transpose()?;
                Ok(request)
            });
        self
    }
    /**`Tail` asks for the last 4 KB of the invocation's log, base64-encoded, in the
`x-fc-log-result` response header; `None` (the default) asks for no log. Only
meaningful for synchronous calls (`x-fc-log-type`, header).*/
    pub fn log_type(self, value: ::fc3_models::LogType) -> Self {
        self.set_log_type(Some(value))
    }
    ///Sets or clears [`log_type`](Self::log_type).
    pub fn set_log_type(
        mut self,
        value: ::std::option::Option<::fc3_models::LogType>,
    ) -> Self {
        self.request = self
            .request
            .and_then(|mut request| {
                request.log_type = value
                    .map(|value| param(
                        &::fc3_models::operations::INVOKE_FUNCTION.parameters[3usize],
                        value,
                    ))
                    .transpose()?;
                Ok(request)
            });
        self
    }
    /**A caller-chosen id for an asynchronous invocation, so that it can later be looked
up (GetAsyncTask) or stopped (StopAsyncTask); pick something meaningful to the
business, e.g. the name of the video a function processes. Requires `asyncTask:
true` in the function's async invoke configuration. When absent, the service
generates one. Ids are unique per function: reusing one is a conflict (`x-fc-async-task-id`, header).*/
    pub fn async_task_id(
        self,
        value: impl ::std::convert::Into<::std::string::String>,
    ) -> Self {
        self.set_async_task_id(Some(value.into()))
    }
    ///Sets or clears [`async_task_id`](Self::async_task_id).
    pub fn set_async_task_id(
        mut self,
        value: ::std::option::Option<::std::string::String>,
    ) -> Self {
        self.request = self
            .request
            .and_then(|mut request| {
                request.async_task_id = value
                    .map(|value| param_text(
                        &::fc3_models::operations::INVOKE_FUNCTION.parameters[4usize],
                        value,
                    ))
                    .transpose()?;
                Ok(request)
            });
        self
    }
    /**The event passed to the function, as raw bytes (often JSON, but any bytes); empty
when absent. Any content type is accepted. At most 32 MiB for a synchronous call and
128 KiB for an asynchronous one. Empty when not set.*/
    pub fn payload(self, value: impl ::std::convert::Into<crate::Payload>) -> Self {
        self.set_payload(Some(value.into()))
    }
    ///Sets or clears [`payload`](Self::payload).
    pub fn set_payload(mut self, value: ::std::option::Option<crate::Payload>) -> Self {
        if let Ok(request) = &mut self.request {
            request.payload = value.map(crate::Payload::into_bytes).unwrap_or_default();
        }
        self
    }
    crate::call::call_setters!();
    /// Sends the request, retrying as the spec allows, and reads the answer. Nothing
    /// happens until the future is awaited; it owns what it needs (`Send + 'static`),
    /// so it can be spawned.
    ///
    /// # Errors
    /// [`crate::Error::Validation`] before any I/O when a value breaks the spec's
    /// rules (naming the setter); otherwise credentials, service, transport and
    /// timeout errors.
    pub fn send(
        self,
    ) -> impl ::std::future::Future<
        Output = ::std::result::Result<crate::InvokeOutput, crate::Error>,
    > + Send + 'static {
        crate::pipeline::send(self.client, self.request, self.settings)
    }
}
impl crate::pipeline::Call for ::fc3_models::operations::InvokeFunctionRequest {
    type Output = crate::InvokeOutput;
    async fn attempt(
        &self,
        raw: &crate::generated::Client,
    ) -> ::std::result::Result<Self::Output, crate::pipeline::AttemptError> {
        let mut builder = raw.invoke_function();
        builder = builder.function_name(self.function_name.clone());
        if let Some(value) = &self.qualifier {
            builder = builder.qualifier(value.clone());
        }
        if let Some(value) = &self.invocation_type {
            builder = builder.x_fc_invocation_type(value.clone());
        }
        if let Some(value) = &self.log_type {
            builder = builder.x_fc_log_type(value.clone());
        }
        if let Some(value) = &self.async_task_id {
            builder = builder.x_fc_async_task_id(value.clone());
        }
        builder = builder.body(self.payload.clone());
        let answer = builder.send().await.map_err(crate::pipeline::AttemptError::from)?;
        crate::InvokeOutput::read(answer).await
    }
    fn limits(&self, timeouts: &crate::Timeouts) -> crate::pipeline::Limits {
        crate::invoke::limits(self, timeouts)
    }
    fn accepted_earlier(conflict: &crate::pipeline::Conflict) -> Option<Self::Output> {
        Some(crate::InvokeOutput::accepted_earlier(conflict))
    }
    fn set_binary_body(&mut self, body: ::bytes::Bytes) {
        self.payload = body;
    }
}
#[cfg(feature = "test-util")]
impl crate::mock::sealed::Sealed for ::fc3_models::operations::InvokeFunctionRequest {}
#[cfg(feature = "test-util")]
impl crate::mock::MockOperation for ::fc3_models::operations::InvokeFunctionRequest {
    type Model = crate::mock::InvokeAnswer;
    fn encode(model: Self::Model) -> crate::mock::MockResponse {
        <crate::InvokeOutput as crate::mock::Answer>::encode(
            model,
            <Self as ::fc3_models::operation::OperationRequest>::operation(),
        )
    }
}
