//! Input checks that name the field and the rule, done before anything is converted to the
//! model types (whose own errors would not say which field was wrong).

use axum::http::HeaderMap;
use fc3_models::{
    AsyncTaskId, AsyncTaskStatus, InvocationType, LogType, PutAsyncInvokeConfigInput, SortOrder,
};
use serde_json::{Map, Value};

use crate::error::{ApiError, clip};
use fc3_models::rules::DestinationError;

/// The range of `maxAsyncRetryAttempts`.
pub const RETRY_ATTEMPTS: std::ops::RangeInclusive<i64> =
    0..=fc3_models::rules::MAX_ASYNC_RETRY_ATTEMPTS as i64;
/// The range of `maxAsyncEventAgeInSeconds`.
pub const EVENT_AGE_SECONDS: std::ops::RangeInclusive<i64> =
    1..=fc3_models::rules::MAX_ASYNC_EVENT_AGE_SECONDS as i64;
/// The range of `limit` in the list operations.
pub const LIST_LIMIT: std::ops::RangeInclusive<i64> = 1..=100;
/// `limit` when absent.
pub const DEFAULT_LIST_LIMIT: usize = 20;

fn invalid(message: String) -> ApiError {
    ApiError::invalid_argument(message)
}

/// Checks and converts a PutAsyncInvokeConfig body.
pub(crate) fn put_async_invoke_config(body: &[u8]) -> Result<PutAsyncInvokeConfigInput, ApiError> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Err(invalid(
            "body: a PutAsyncInvokeConfigInput JSON object is required".into(),
        ));
    }
    let value: Value =
        serde_json::from_slice(body).map_err(|e| invalid(format!("body: not valid JSON: {e}")))?;
    let Value::Object(object) = &value else {
        return Err(invalid("body: must be a JSON object".into()));
    };
    if let Some(v) = present(object, "asyncTask", "asyncTask")?
        && !v.is_boolean()
    {
        return Err(invalid("asyncTask: must be a boolean".into()));
    }
    integer_in(object, "maxAsyncRetryAttempts", &RETRY_ATTEMPTS)?;
    integer_in(object, "maxAsyncEventAgeInSeconds", &EVENT_AGE_SECONDS)?;
    if let Some(config) = present(object, "destinationConfig", "destinationConfig")? {
        let Value::Object(config) = config else {
            return Err(invalid("destinationConfig: must be an object".into()));
        };
        for side in ["onSuccess", "onFailure"] {
            let path = format!("destinationConfig.{side}");
            let Some(destination) = present(config, side, &path)? else {
                continue;
            };
            let Value::Object(destination) = destination else {
                return Err(invalid(format!("{path}: must be an object")));
            };
            let field = format!("{path}.destination");
            let Some(arn) = present(destination, "destination", &field)? else {
                continue;
            };
            let Value::String(arn) = arn else {
                return Err(invalid(format!("{field}: must be a string")));
            };
            destination_arn(&field, arn)?;
        }
    }
    serde_json::from_value(value).map_err(|e| invalid(format!("body: {e}")))
}

/// A field that is given; `null` is refused (the spec allows none: leave a field out to get
/// its default).
fn present<'a>(
    object: &'a Map<String, Value>,
    key: &str,
    path: &str,
) -> Result<Option<&'a Value>, ApiError> {
    match object.get(key) {
        Some(Value::Null) => Err(invalid(format!(
            "{path}: must not be null (leave it out for the default)"
        ))),
        other => Ok(other),
    }
}

fn integer_in(
    object: &Map<String, Value>,
    key: &str,
    range: &std::ops::RangeInclusive<i64>,
) -> Result<(), ApiError> {
    let Some(v) = present(object, key, key)? else {
        return Ok(());
    };
    let n = v.as_i64().ok_or_else(|| {
        invalid(format!(
            "{key}: must be an integer from {} to {}",
            range.start(),
            range.end()
        ))
    })?;
    if !range.contains(&n) {
        return Err(invalid(format!(
            "{key}: {n} is out of range, it must be from {} to {}",
            range.start(),
            range.end()
        )));
    }
    Ok(())
}

/// A destination ARN, checked by [`fc3_models::rules::parse_destination`] (the client uses
/// the same rule).
fn destination_arn(field: &str, arn: &str) -> Result<(), ApiError> {
    fc3_models::rules::parse_destination(arn)
        .map(|_| ())
        .map_err(|rule| match rule {
            DestinationError::TooLong { .. } => invalid(format!("{field}: {rule}")),
            _ => invalid(format!("{field}: {rule}, got '{}'", clip(arn))),
        })
}

/// The decoded query parameters of a request.
pub(crate) struct Query(Vec<(String, String)>);

impl Query {
    pub(crate) fn parse(raw: Option<&str>) -> Result<Self, ApiError> {
        acs3::parse_query(raw.unwrap_or(""))
            .map(Query)
            .map_err(|e| invalid(format!("query string: {e}")))
    }

    /// A parameter given at most once.
    pub(crate) fn get(&self, name: &str) -> Result<Option<&str>, ApiError> {
        let mut found = self
            .0
            .iter()
            .filter(|(k, _)| k == name)
            .map(|(_, v)| v.as_str());
        let first = found.next();
        if found.next().is_some() {
            return Err(invalid(format!("{name}: given more than once")));
        }
        Ok(first)
    }

    /// `qualifier`, `LATEST` when absent.
    pub(crate) fn qualifier(&self) -> Result<String, ApiError> {
        self.optional_qualifier()
            .map(|q| q.unwrap_or_else(|| "LATEST".into()))
    }

    pub(crate) fn optional_qualifier(&self) -> Result<Option<String>, ApiError> {
        self.given("qualifier")
    }

    /// A parameter that, when given, is not empty (the spec's `minLength: 1`).
    pub(crate) fn given(&self, name: &str) -> Result<Option<String>, ApiError> {
        match self.get(name)? {
            None => Ok(None),
            Some("") => Err(invalid(format!("{name}: must not be empty"))),
            Some(v) => Ok(Some(v.to_owned())),
        }
    }

    pub(crate) fn limit(&self) -> Result<usize, ApiError> {
        match self.get("limit")? {
            None => Ok(DEFAULT_LIST_LIMIT),
            Some(v) => {
                let range = LIST_LIMIT;
                let n = integer(v).ok_or_else(|| {
                    invalid(format!(
                        "limit: '{}' is not an integer from 1 to 100",
                        clip(v)
                    ))
                })?;
                if !range.contains(&n) {
                    return Err(invalid(format!(
                        "limit: {n} is out of range, it must be from 1 to 100"
                    )));
                }
                Ok(usize::try_from(n).unwrap_or(DEFAULT_LIST_LIMIT))
            }
        }
    }

    pub(crate) fn string(&self, name: &str) -> Result<Option<String>, ApiError> {
        Ok(self.get(name)?.map(str::to_owned))
    }

    pub(crate) fn non_empty(&self, name: &str) -> Result<Option<String>, ApiError> {
        Ok(self.get(name)?.filter(|v| !v.is_empty()).map(str::to_owned))
    }

    pub(crate) fn millis(&self, name: &str) -> Result<Option<i64>, ApiError> {
        self.get(name)?
            .map(|v| {
                integer(v).ok_or_else(|| {
                    invalid(format!(
                        "{name}: '{}' is not a time in milliseconds since the Unix epoch",
                        clip(v)
                    ))
                })
            })
            .transpose()
    }

    pub(crate) fn boolean(&self, name: &str) -> Result<bool, ApiError> {
        match self.get(name)? {
            None => Ok(false),
            Some(v) if v.eq_ignore_ascii_case("true") => Ok(true),
            Some(v) if v.eq_ignore_ascii_case("false") => Ok(false),
            Some(v) => Err(invalid(format!(
                "{name}: '{}' is not true or false",
                clip(v)
            ))),
        }
    }

    pub(crate) fn status(&self) -> Result<Option<AsyncTaskStatus>, ApiError> {
        self.get("status")?
            .map(|v| {
                AsyncTaskStatus::try_from(v).map_err(|_| {
                    invalid(format!(
                        "status: '{}' is not one of Enqueued, Dequeued, Running, Succeeded, Failed, \
                         Stopped, Stopping, Invalid, Expired, Retrying",
                        clip(v)
                    ))
                })
            })
            .transpose()
    }

    pub(crate) fn sort_order(&self) -> Result<SortOrder, ApiError> {
        match self.get("sortOrderByTime")? {
            None => Ok(SortOrder::Desc),
            Some(v) => SortOrder::try_from(v)
                .map_err(|_| invalid(format!("sortOrderByTime: '{}' is not asc or desc", clip(v)))),
        }
    }
}

/// An integer as a query parameter writes it: decimal digits, with `-` in front when
/// negative (no `+`, no spaces, no exponent).
fn integer(text: &str) -> Option<i64> {
    let digits = text.strip_prefix('-').unwrap_or(text);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}

/// A header's value as text; `None` when absent.
pub(crate) fn header<'a>(headers: &'a HeaderMap, name: &str) -> Result<Option<&'a str>, ApiError> {
    headers
        .get(name)
        .map(|v| {
            std::str::from_utf8(v.as_bytes()).map_err(|_| invalid(format!("{name}: not UTF-8")))
        })
        .transpose()
}

pub(crate) fn invocation_type(headers: &HeaderMap) -> Result<InvocationType, ApiError> {
    match header(headers, "x-fc-invocation-type")? {
        None => Ok(InvocationType::Sync),
        Some(v) => InvocationType::try_from(v.trim()).map_err(|_| {
            invalid(format!(
                "x-fc-invocation-type: '{}' is not Sync or Async",
                clip(v)
            ))
        }),
    }
}

pub(crate) fn log_type(headers: &HeaderMap) -> Result<LogType, ApiError> {
    match header(headers, "x-fc-log-type")? {
        None => Ok(LogType::None),
        Some(v) => LogType::try_from(v.trim())
            .map_err(|_| invalid(format!("x-fc-log-type: '{}' is not None or Tail", clip(v)))),
    }
}

pub(crate) fn async_task_id(headers: &HeaderMap) -> Result<Option<String>, ApiError> {
    header(headers, "x-fc-async-task-id")?
        .map(|v| {
            AsyncTaskId::try_from(v).map(String::from).map_err(|_| {
                invalid(format!(
                    "x-fc-async-task-id: '{}' must be a letter or '_', then letters, digits, '_' or '-', \
                     at most 128 characters (^[A-Za-z_][A-Za-z0-9_-]{{0,127}}$)",
                    clip(v)
                ))
            })
        })
        .transpose()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(body: &str) -> String {
        put_async_invoke_config(body.as_bytes())
            .unwrap_err()
            .message()
            .to_owned()
    }

    #[test]
    fn put_config_checks_name_the_field() {
        assert!(
            err(r#"{"maxAsyncRetryAttempts":9}"#)
                .starts_with("maxAsyncRetryAttempts: 9 is out of range")
        );
        assert!(err(r#"{"maxAsyncRetryAttempts":-1}"#).starts_with("maxAsyncRetryAttempts"));
        assert!(
            err(r#"{"maxAsyncRetryAttempts":1.5}"#)
                .starts_with("maxAsyncRetryAttempts: must be an integer")
        );
        assert!(err(r#"{"maxAsyncEventAgeInSeconds":0}"#).starts_with("maxAsyncEventAgeInSeconds"));
        assert!(
            err(r#"{"maxAsyncEventAgeInSeconds":604801}"#).starts_with("maxAsyncEventAgeInSeconds")
        );
        assert!(err(r#"{"asyncTask":"yes"}"#).starts_with("asyncTask"));
        assert!(
            err(r#"{"destinationConfig":{"onSuccess":{"destination":"nope"}}}"#)
                .starts_with("destinationConfig.onSuccess.destination")
        );
        let long = format!(
            r#"{{"destinationConfig":{{"onFailure":{{"destination":"acs:fc:r:1:functions/{}"}}}}}}"#,
            "a".repeat(600)
        );
        assert!(err(&long).contains("at most 512"));
        assert!(err("[1]").starts_with("body: must be a JSON object"));
        for (body, field) in [
            (r#"{"asyncTask":null}"#, "asyncTask"),
            (r#"{"maxAsyncRetryAttempts":null}"#, "maxAsyncRetryAttempts"),
            (r#"{"destinationConfig":null}"#, "destinationConfig"),
            (
                r#"{"destinationConfig":{"onFailure":null}}"#,
                "destinationConfig.onFailure",
            ),
            (
                r#"{"destinationConfig":{"onSuccess":{"destination":null}}}"#,
                "destinationConfig.onSuccess.destination",
            ),
        ] {
            assert_eq!(
                err(body),
                format!("{field}: must not be null (leave it out for the default)")
            );
        }
        assert!(err("{").starts_with("body: not valid JSON"));
        assert!(err("").starts_with("body:"));
    }

    #[test]
    fn integers_are_plain_digits() {
        assert_eq!(integer("5"), Some(5));
        assert_eq!(integer("-7"), Some(-7));
        for text in [
            "+5",
            " 5",
            "5 ",
            "",
            "-",
            "1e3",
            "0x10",
            "99999999999999999999",
        ] {
            assert_eq!(integer(text), None, "{text:?}");
        }
    }

    #[test]
    fn put_config_accepts_the_spec_example_and_zero_retries() {
        let input = put_async_invoke_config(
            br#"{"asyncTask":true,"maxAsyncEventAgeInSeconds":3600,"maxAsyncRetryAttempts":0,
                "destinationConfig":{"onSuccess":{},"onFailure":{"destination":"acs:mns:cn-hangzhou:123:/queues/q/messages"}}}"#,
        )
        .unwrap();
        assert_eq!(input.max_async_retry_attempts, Some(0));
        assert_eq!(
            input.max_async_event_age_in_seconds.map(|n| n.get()),
            Some(3600)
        );
    }
}
