//! The asynchronous-invocation operations, typed: async invoke configs and async tasks, with
//! validation before any I/O and paginators over list results.

use std::time::{Duration, SystemTime};

use fc3_models::{
    AsyncConfig, AsyncTask, AsyncTaskStatus, Destination, DestinationConfig,
    ListAsyncInvokeConfigOutput, ListAsyncTaskOutput, PutAsyncInvokeConfigInput, SortOrder,
};
use futures_core::Stream;

use crate::call::{self, CallSettings, call_setters};
use crate::{Client, Error, Output, ResponseValue, RetryPolicy, validate};

/// Runs a generated builder as one fluent call: resolve credentials, apply the call's limits,
/// send, and map the answer with `$ok` or the error into ours. `$build` makes the request
/// from the per-call client `$c`.
macro_rules! send_generated {
    ($this:ident, |$c:ident| $build:block, $ok:expr) => {{
        let attempt = attempt_limit($this.client, &$this.settings);
        call::run(
            $this.client,
            &$this.settings,
            limit($this.client),
            |$c| async move {
                match $build.send().await {
                    Ok(answer) => {
                        let request_id = call::header(answer.headers(), "x-fc-request-id");
                        Ok(Output::new($ok(answer), request_id))
                    }
                    Err(e) => Err(call::convert(e, attempt).await),
                }
            },
        )
        .await
    }};
}

fn limit(client: &Client) -> Duration {
    client.inner.shared.timeouts.operation
}

fn attempt_limit(client: &Client, settings: &CallSettings) -> Duration {
    settings
        .timeout
        .unwrap_or(client.inner.shared.timeouts.attempt)
}

fn check_target(function: &str, qualifier: Option<&str>) -> Result<(), Error> {
    validate::function_name(function)?;
    qualifier.map(validate::qualifier).transpose()?;
    Ok(())
}

/// A pending PutAsyncInvokeConfig; start with [`Client::put_async_config`].
#[derive(Debug, Clone)]
#[must_use = "nothing is sent until `send` is awaited"]
pub struct PutAsyncConfig<'a> {
    client: &'a Client,
    function: String,
    qualifier: Option<String>,
    max_retry_attempts: Option<u32>,
    max_event_age: Option<u64>,
    on_success: Option<String>,
    on_failure: Option<String>,
    async_task: Option<bool>,
    settings: CallSettings,
}

impl Client {
    /// Creates or replaces the asynchronous invocation config of `function`. A setting left
    /// out takes the service default (3 retries, 86 400 s maximum age, no destinations, no
    /// async tasks).
    ///
    /// This example runs for real, against an embedded fc3-local:
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// # let local = fc3_local::Server::start(Default::default(), "127.0.0.1:0".parse()?).await?;
    /// # let client = fc3_client::Client::builder()
    /// #     .endpoint(&local.endpoint())
    /// #     .credentials(fc3_client::Credentials::new(
    /// #         fc3_local::DEV_ACCESS_KEY_ID,
    /// #         fc3_local::DEV_ACCESS_KEY_SECRET,
    /// #     )?)
    /// #     .build()?;
    /// use std::time::Duration;
    ///
    /// let config = client
    ///     .put_async_config("echo")
    ///     .max_retry_attempts(0)
    ///     .max_event_age(Duration::from_secs(600))
    ///     .on_failure("acs:fc:cn-hangzhou:1234567890123456:functions/sink")
    ///     .async_task(true)
    ///     .send()
    ///     .await?;
    /// assert_eq!(config.max_async_retry_attempts, Some(0));
    /// assert_eq!(config.async_task, Some(true));
    ///
    /// // Bad values are refused before anything is sent, naming the field and the rule.
    /// let err = client.put_async_config("echo").max_retry_attempts(9).send().await.unwrap_err();
    /// assert_eq!(err.to_string(), "invalid max_async_retry_attempts: must be between 0 and 8, got 9");
    /// # local.shutdown().await;
    /// # Ok(()) }
    /// ```
    pub fn put_async_config(&self, function: impl Into<String>) -> PutAsyncConfig<'_> {
        PutAsyncConfig {
            client: self,
            function: function.into(),
            qualifier: None,
            max_retry_attempts: None,
            max_event_age: None,
            on_success: None,
            on_failure: None,
            async_task: None,
            settings: CallSettings::default(),
        }
    }

    /// Reads the asynchronous invocation config of `function` (404 `AsyncConfigNotExists`
    /// when none is stored).
    pub fn get_async_config(&self, function: impl Into<String>) -> GetAsyncConfig<'_> {
        GetAsyncConfig {
            client: self,
            function: function.into(),
            qualifier: None,
            settings: CallSettings::default(),
        }
    }

    /// Deletes the asynchronous invocation config of `function`.
    pub fn delete_async_config(&self, function: impl Into<String>) -> DeleteAsyncConfig<'_> {
        DeleteAsyncConfig {
            client: self,
            function: function.into(),
            qualifier: None,
            settings: CallSettings::default(),
        }
    }

    /// Lists asynchronous invocation configs, a page at a time or as a stream of pages.
    pub fn list_async_configs(&self) -> ListAsyncConfigs<'_> {
        ListAsyncConfigs {
            client: self,
            function: None,
            limit: None,
            next_token: None,
            settings: CallSettings::default(),
        }
    }

    /// Reads one async task of `function`.
    pub fn get_task(&self, function: impl Into<String>, task_id: impl Into<String>) -> GetTask<'_> {
        GetTask {
            client: self,
            function: function.into(),
            task_id: task_id.into(),
            qualifier: None,
            settings: CallSettings::default(),
        }
    }

    /// Stops one async task of `function`.
    pub fn stop_task(
        &self,
        function: impl Into<String>,
        task_id: impl Into<String>,
    ) -> StopTask<'_> {
        StopTask {
            client: self,
            function: function.into(),
            task_id: task_id.into(),
            qualifier: None,
            settings: CallSettings::default(),
        }
    }

    /// Lists the async tasks of `function`, a page at a time or as a stream of pages.
    pub fn list_tasks(&self, function: impl Into<String>) -> ListTasks<'_> {
        ListTasks {
            client: self,
            function: function.into(),
            qualifier: None,
            limit: None,
            next_token: None,
            prefix: None,
            status: None,
            started_after: None,
            started_before: None,
            sort: None,
            include_payload: None,
            settings: CallSettings::default(),
        }
    }
}

impl<'a> PutAsyncConfig<'a> {
    call_setters!(qualifier);

    /// How many times a failed invocation is retried: 0 to 8 (0: never).
    pub fn max_retry_attempts(mut self, attempts: u32) -> Self {
        self.max_retry_attempts = Some(attempts);
        self
    }

    /// How long an event may wait before it is dropped: 1 s to 7 days, whole seconds.
    pub fn max_event_age(mut self, age: Duration) -> Self {
        self.max_event_age = Some(age.as_secs());
        self
    }

    /// Where the record of a successful invocation goes (an ARN).
    pub fn on_success(mut self, arn: impl Into<String>) -> Self {
        self.on_success = Some(arn.into());
        self
    }

    /// Where the record of a failed or expired invocation goes (an ARN).
    pub fn on_failure(mut self, arn: impl Into<String>) -> Self {
        self.on_failure = Some(arn.into());
        self
    }

    /// Track asynchronous invocations as async tasks.
    pub fn async_task(mut self, enabled: bool) -> Self {
        self.async_task = Some(enabled);
        self
    }

    /// The body this builder sends, validated.
    ///
    /// # Errors
    /// [`Error::Validation`] naming the field and its rule.
    pub fn input(&self) -> Result<PutAsyncInvokeConfigInput, Error> {
        let mut input = PutAsyncInvokeConfigInput {
            async_task: self.async_task,
            ..Default::default()
        };
        if let Some(attempts) = self.max_retry_attempts {
            validate::max_async_retry_attempts(attempts)?;
            input.max_async_retry_attempts = Some(i64::from(attempts));
        }
        if let Some(age) = self.max_event_age {
            input.max_async_event_age_in_seconds = Some(validate::max_async_event_age(age)?);
        }
        let on_success = self
            .on_success
            .as_deref()
            .map(|arn| validate::destination("on_success", arn))
            .transpose()?;
        let on_failure = self
            .on_failure
            .as_deref()
            .map(|arn| validate::destination("on_failure", arn))
            .transpose()?;
        if on_success.is_some() || on_failure.is_some() {
            input.destination_config = Some(DestinationConfig {
                on_success: on_success.map(|d| Destination {
                    destination: Some(d),
                }),
                on_failure: on_failure.map(|d| Destination {
                    destination: Some(d),
                }),
            });
        }
        Ok(input)
    }

    /// Stores the config and returns it as the service stored it.
    ///
    /// # Errors
    /// [`Error::Validation`] before any I/O; otherwise service, transport and timeout errors.
    pub async fn send(self) -> Result<Output<AsyncConfig>, Error> {
        check_target(&self.function, self.qualifier.as_deref())?;
        let input = self.input()?;
        send_generated!(
            self,
            |c| {
                let mut request = c
                    .put_async_invoke_config()
                    .function_name(self.function.as_str())
                    .body(input);
                if let Some(q) = &self.qualifier {
                    request = request.qualifier(q.as_str());
                }
                request
            },
            ResponseValue::into_inner
        )
    }
}

/// A pending GetAsyncInvokeConfig; start with [`Client::get_async_config`].
#[derive(Debug, Clone)]
#[must_use = "nothing is sent until `send` is awaited"]
pub struct GetAsyncConfig<'a> {
    client: &'a Client,
    function: String,
    qualifier: Option<String>,
    settings: CallSettings,
}

impl GetAsyncConfig<'_> {
    call_setters!(qualifier);

    /// Reads the config.
    ///
    /// # Errors
    /// [`Error::Validation`] before any I/O; a [`Error::Service`] with code
    /// `AsyncConfigNotExists` when none is stored.
    pub async fn send(self) -> Result<Output<AsyncConfig>, Error> {
        check_target(&self.function, self.qualifier.as_deref())?;
        send_generated!(
            self,
            |c| {
                let mut request = c
                    .get_async_invoke_config()
                    .function_name(self.function.as_str());
                if let Some(q) = &self.qualifier {
                    request = request.qualifier(q.as_str());
                }
                request
            },
            ResponseValue::into_inner
        )
    }
}

/// A pending DeleteAsyncInvokeConfig; start with [`Client::delete_async_config`].
#[derive(Debug, Clone)]
#[must_use = "nothing is sent until `send` is awaited"]
pub struct DeleteAsyncConfig<'a> {
    client: &'a Client,
    function: String,
    qualifier: Option<String>,
    settings: CallSettings,
}

impl DeleteAsyncConfig<'_> {
    call_setters!(qualifier);

    /// Deletes the config.
    ///
    /// # Errors
    /// [`Error::Validation`] before any I/O; otherwise service, transport and timeout errors.
    pub async fn send(self) -> Result<Output<()>, Error> {
        check_target(&self.function, self.qualifier.as_deref())?;
        send_generated!(
            self,
            |c| {
                let mut request = c
                    .delete_async_invoke_config()
                    .function_name(self.function.as_str());
                if let Some(q) = &self.qualifier {
                    request = request.qualifier(q.as_str());
                }
                request
            },
            |_| ()
        )
    }
}

/// A pending ListAsyncInvokeConfigs; start with [`Client::list_async_configs`].
#[derive(Debug, Clone)]
#[must_use = "nothing is sent until `send` is awaited or `pages` is polled"]
pub struct ListAsyncConfigs<'a> {
    client: &'a Client,
    function: Option<String>,
    limit: Option<u32>,
    next_token: Option<String>,
    settings: CallSettings,
}

impl<'a> ListAsyncConfigs<'a> {
    call_setters!();

    /// Only the configs of this function.
    pub fn function(mut self, function: impl Into<String>) -> Self {
        self.function = Some(function.into());
        self
    }

    /// The most configs one page holds (at least 1).
    pub fn limit(mut self, limit: u32) -> Self {
        self.limit = Some(limit);
        self
    }

    /// Start after this page token.
    pub fn next_token(mut self, token: impl Into<String>) -> Self {
        self.next_token = Some(token.into());
        self
    }

    /// Fetches one page.
    ///
    /// # Errors
    /// [`Error::Validation`] before any I/O; otherwise service, transport and timeout errors.
    pub async fn send(self) -> Result<Output<ListAsyncInvokeConfigOutput>, Error> {
        if let Some(f) = &self.function {
            validate::function_name(f)?;
        }
        let limit_value = self
            .limit
            .map(|l| {
                std::num::NonZeroU32::new(l)
                    .ok_or_else(|| Error::validation("limit", "must be at least 1, got 0"))
            })
            .transpose()?;
        send_generated!(
            self,
            |c| {
                let mut request = c.list_async_invoke_configs();
                if let Some(f) = &self.function {
                    request = request.function_name(f.as_str());
                }
                if let Some(l) = limit_value {
                    request = request.limit(l);
                }
                if let Some(t) = &self.next_token {
                    request = request.next_token(t.as_str());
                }
                request
            },
            ResponseValue::into_inner
        )
    }

    /// Every page, from this one on, as a stream; it ends after the page without a
    /// `nextToken`, or after the first error.
    pub fn pages(
        self,
    ) -> impl Stream<Item = Result<Output<ListAsyncInvokeConfigOutput>, Error>> + 'a {
        let first_token = self.next_token.clone();
        paginate(
            self,
            first_token,
            |page: &Output<ListAsyncInvokeConfigOutput>| page.next_token.clone(),
            |mut list, token| {
                list.next_token = Some(token);
                list
            },
            ListAsyncConfigs::send,
        )
    }
}

/// A pending GetAsyncTask; start with [`Client::get_task`].
#[derive(Debug, Clone)]
#[must_use = "nothing is sent until `send` is awaited"]
pub struct GetTask<'a> {
    client: &'a Client,
    function: String,
    task_id: String,
    qualifier: Option<String>,
    settings: CallSettings,
}

impl GetTask<'_> {
    call_setters!(qualifier);

    /// Reads the task.
    ///
    /// # Errors
    /// [`Error::Validation`] before any I/O; otherwise service, transport and timeout errors.
    pub async fn send(self) -> Result<Output<AsyncTask>, Error> {
        check_target(&self.function, self.qualifier.as_deref())?;
        validate::task_id(&self.task_id)?;
        send_generated!(
            self,
            |c| {
                let mut request = c
                    .get_async_task()
                    .function_name(self.function.as_str())
                    .task_id(self.task_id.as_str());
                if let Some(q) = &self.qualifier {
                    request = request.qualifier(q.as_str());
                }
                request
            },
            ResponseValue::into_inner
        )
    }
}

/// A pending StopAsyncTask; start with [`Client::stop_task`].
#[derive(Debug, Clone)]
#[must_use = "nothing is sent until `send` is awaited"]
pub struct StopTask<'a> {
    client: &'a Client,
    function: String,
    task_id: String,
    qualifier: Option<String>,
    settings: CallSettings,
}

impl StopTask<'_> {
    call_setters!(qualifier);

    /// Asks the service to stop the task.
    ///
    /// # Errors
    /// [`Error::Validation`] before any I/O; otherwise service, transport and timeout errors.
    pub async fn send(self) -> Result<Output<()>, Error> {
        check_target(&self.function, self.qualifier.as_deref())?;
        validate::task_id(&self.task_id)?;
        send_generated!(
            self,
            |c| {
                let mut request = c
                    .stop_async_task()
                    .function_name(self.function.as_str())
                    .task_id(self.task_id.as_str());
                if let Some(q) = &self.qualifier {
                    request = request.qualifier(q.as_str());
                }
                request
            },
            |_| ()
        )
    }
}

/// A pending ListAsyncTasks; start with [`Client::list_tasks`].
#[derive(Debug, Clone)]
#[must_use = "nothing is sent until `send` is awaited or `pages` is polled"]
pub struct ListTasks<'a> {
    client: &'a Client,
    function: String,
    qualifier: Option<String>,
    limit: Option<u32>,
    next_token: Option<String>,
    prefix: Option<String>,
    status: Option<AsyncTaskStatus>,
    started_after: Option<SystemTime>,
    started_before: Option<SystemTime>,
    sort: Option<SortOrder>,
    include_payload: Option<bool>,
    settings: CallSettings,
}

fn epoch_millis(field: &'static str, time: SystemTime) -> Result<i64, Error> {
    time.duration_since(SystemTime::UNIX_EPOCH)
        .ok()
        .and_then(|d| i64::try_from(d.as_millis()).ok())
        .ok_or_else(|| Error::validation(field, "must be after 1970-01-01"))
}

impl<'a> ListTasks<'a> {
    call_setters!(qualifier);

    /// The most tasks one page holds: 1 to 100 (20 when not set).
    pub fn limit(mut self, limit: u32) -> Self {
        self.limit = Some(limit);
        self
    }

    /// Start after this page token.
    pub fn next_token(mut self, token: impl Into<String>) -> Self {
        self.next_token = Some(token.into());
        self
    }

    /// Only tasks whose id starts with `prefix`.
    pub fn prefix(mut self, prefix: impl Into<String>) -> Self {
        self.prefix = Some(prefix.into());
        self
    }

    /// Only tasks in this status.
    pub fn status(mut self, status: AsyncTaskStatus) -> Self {
        self.status = Some(status);
        self
    }

    /// Only tasks started at or after this time.
    pub fn started_after(mut self, time: SystemTime) -> Self {
        self.started_after = Some(time);
        self
    }

    /// Only tasks started at or before this time.
    pub fn started_before(mut self, time: SystemTime) -> Self {
        self.started_before = Some(time);
        self
    }

    /// Order by start time.
    pub fn sort(mut self, order: SortOrder) -> Self {
        self.sort = Some(order);
        self
    }

    /// Include each task's event (`taskPayload`).
    pub fn include_payload(mut self, include: bool) -> Self {
        self.include_payload = Some(include);
        self
    }

    /// Fetches one page.
    ///
    /// # Errors
    /// [`Error::Validation`] before any I/O; otherwise service, transport and timeout errors.
    pub async fn send(self) -> Result<Output<ListAsyncTaskOutput>, Error> {
        check_target(&self.function, self.qualifier.as_deref())?;
        let limit_value = self
            .limit
            .map(|l| {
                std::num::NonZeroU32::new(l)
                    .filter(|l| l.get() <= 100)
                    .ok_or_else(|| {
                        Error::validation("limit", format!("must be between 1 and 100, got {l}"))
                    })
            })
            .transpose()?;
        let after = self
            .started_after
            .map(|t| epoch_millis("started_after", t))
            .transpose()?;
        let before = self
            .started_before
            .map(|t| epoch_millis("started_before", t))
            .transpose()?;
        if let (Some(a), Some(b)) = (after, before)
            && a > b
        {
            return Err(Error::validation(
                "started_before",
                "must not be earlier than started_after",
            ));
        }
        send_generated!(
            self,
            |c| {
                let mut request = c.list_async_tasks().function_name(self.function.as_str());
                if let Some(q) = &self.qualifier {
                    request = request.qualifier(q.as_str());
                }
                if let Some(l) = limit_value {
                    request = request.limit(l);
                }
                if let Some(t) = &self.next_token {
                    request = request.next_token(t.as_str());
                }
                if let Some(p) = &self.prefix {
                    request = request.prefix(p.as_str());
                }
                if let Some(s) = self.status {
                    request = request.status(s);
                }
                if let Some(a) = after {
                    request = request.started_time_begin(a);
                }
                if let Some(b) = before {
                    request = request.started_time_end(b);
                }
                if let Some(order) = self.sort {
                    request = request.sort_order_by_time(order);
                }
                if let Some(include) = self.include_payload {
                    request = request.include_payload(include);
                }
                request
            },
            ResponseValue::into_inner
        )
    }

    /// Every page, from this one on, as a stream; it ends after the page without a
    /// `nextToken`, or after the first error.
    pub fn pages(self) -> impl Stream<Item = Result<Output<ListAsyncTaskOutput>, Error>> + 'a {
        let first_token = self.next_token.clone();
        paginate(
            self,
            first_token,
            |page: &Output<ListAsyncTaskOutput>| page.next_token.clone(),
            |mut list, token| {
                list.next_token = Some(token);
                list
            },
            ListTasks::send,
        )
    }
}

/// A stream of pages: send `first` (asked with `first_token`, the token it already carries),
/// then the same request with each page's next token, until a page has none (or an empty one,
/// or repeats the token it was asked with) or a call fails.
fn paginate<'a, L, P, Fut>(
    first: L,
    first_token: Option<String>,
    token_of: fn(&P) -> Option<String>,
    with_token: fn(L, String) -> L,
    send: fn(L) -> Fut,
) -> impl Stream<Item = Result<P, Error>> + 'a
where
    L: Clone + 'a,
    P: 'a,
    Fut: std::future::Future<Output = Result<P, Error>> + 'a,
{
    futures_util::stream::unfold(Some((first, first_token)), move |state| async move {
        let (list, asked_with) = state?;
        match send(list.clone()).await {
            Ok(page) => {
                let next = token_of(&page)
                    .filter(|t| !t.is_empty() && Some(t) != asked_with.as_ref())
                    .map(|t| (with_token(list, t.clone()), Some(t)));
                Some((Ok(page), next))
            }
            Err(e) => Some((Err(e), None)),
        }
    })
}
