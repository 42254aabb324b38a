//! Setters that the spec does not name one for one: typed conveniences over generated
//! builders (a destination ARN instead of a nested config, a `Duration` instead of seconds,
//! a `SystemTime` instead of epoch milliseconds). Each goes through the spec's checks, naming
//! itself in an error.

use std::time::{Duration, SystemTime};

use fc3_models::operations::{DESTINATION_SCHEMA, PUT_ASYNC_INVOKE_CONFIG_INPUT_SCHEMA};
use fc3_models::{Destination, DestinationConfig};

use crate::call::{Invalid, property_as};

fn property(
    schema: &'static fc3_models::operation::Schema,
    wire_name: &str,
) -> &'static fc3_models::operation::Property {
    schema
        .properties
        .iter()
        .find(|p| p.wire_name == wire_name)
        .unwrap_or_else(|| unreachable!("the spec's {} has {wire_name}", schema.name))
}

impl crate::PutAsyncInvokeConfig {
    /// Where the record of a successful invocation goes (an ARN), as
    /// `destinationConfig.onSuccess.destination`.
    pub fn on_success(self, arn: impl Into<String>) -> Self {
        self.destination("on_success", arn.into(), |c| &mut c.on_success)
    }

    /// Where the record of a failed or expired invocation goes (an ARN), as
    /// `destinationConfig.onFailure.destination`.
    pub fn on_failure(self, arn: impl Into<String>) -> Self {
        self.destination("on_failure", arn.into(), |c| &mut c.on_failure)
    }

    fn destination(
        mut self,
        setter: &str,
        arn: String,
        side: fn(&mut DestinationConfig) -> &mut Option<Destination>,
    ) -> Self {
        self.request = self.request.and_then(|mut request| {
            let arn = property_as(property(&DESTINATION_SCHEMA, "destination"), setter, arn)?;
            let config = request
                .body
                .destination_config
                .get_or_insert_with(DestinationConfig::default);
            side(config)
                .get_or_insert_with(Destination::default)
                .destination = Some(arn);
            Ok(request)
        });
        self
    }

    /// How long an event may wait before it is dropped, in whole seconds
    /// (`maxAsyncEventAgeInSeconds`).
    pub fn max_event_age(mut self, age: Duration) -> Self {
        self.request = self.request.and_then(|mut request| {
            let seconds = property_as(
                property(
                    &PUT_ASYNC_INVOKE_CONFIG_INPUT_SCHEMA,
                    "maxAsyncEventAgeInSeconds",
                ),
                "max_event_age",
                age.as_secs(),
            )?;
            request.body.max_async_event_age_in_seconds = Some(seconds);
            Ok(request)
        });
        self
    }
}

fn epoch_millis(setter: &str, time: SystemTime) -> Result<i64, Invalid> {
    time.duration_since(SystemTime::UNIX_EPOCH)
        .ok()
        .and_then(|d| i64::try_from(d.as_millis()).ok())
        .ok_or_else(|| Invalid {
            field: setter.to_string(),
            rule: "must be after 1970-01-01".to_string(),
        })
}

impl crate::ListAsyncTasks {
    /// Only tasks started at or after this time (`startedTimeBegin`).
    pub fn started_after(mut self, time: SystemTime) -> Self {
        self.request = self.request.and_then(|mut request| {
            request.started_time_begin = Some(epoch_millis("started_after", time)?);
            Ok(request)
        });
        self
    }

    /// Only tasks started at or before this time (`startedTimeEnd`).
    pub fn started_before(mut self, time: SystemTime) -> Self {
        self.request = self.request.and_then(|mut request| {
            request.started_time_end = Some(epoch_millis("started_before", time)?);
            Ok(request)
        });
        self
    }
}
