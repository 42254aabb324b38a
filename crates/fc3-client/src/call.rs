//! What every generated builder shares: the per-call settings, the checks a setter runs on
//! its value (against the spec, through `fc3_models::operation`), and paging.

use std::fmt::Display;
use std::future::Future;
use std::path::PathBuf;
use std::str::FromStr;
use std::sync::Arc;
use std::time::Duration;

use fc3_models::operation::{Parameter, Property, quoted};
use futures_core::Stream;
use reqwest::header::{HeaderName, HeaderValue};

use crate::{Error, RetryPolicy};

/// A value a setter refused: the setter's name and the rule. Kept by the builder until `send`,
/// which returns it as [`Error::Validation`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Invalid {
    pub(crate) field: String,
    pub(crate) rule: String,
}

impl From<Invalid> for Error {
    fn from(invalid: Invalid) -> Self {
        Error::Validation {
            field: invalid.field,
            rule: invalid.rule,
        }
    }
}

impl From<fc3_models::operation::Violation> for Invalid {
    fn from(violation: fc3_models::operation::Violation) -> Self {
        Invalid {
            field: violation.setter,
            rule: violation.rule,
        }
    }
}

/// Checks a parameter's value against the spec (as the text it travels as), then converts it
/// to the type the request holds.
pub(crate) fn param<T, V>(parameter: &'static Parameter, value: V) -> Result<T, Invalid>
where
    V: Display + Clone,
    T: TryFrom<V>,
    T::Error: Display,
{
    parameter.check(&value.to_string())?;
    convert(parameter.setter, value)
}

/// [`param`] for a string setter's value: checked as it is (no copy to text), then parsed
/// into the request's type (one copy, where `param` makes three).
pub(crate) fn param_text<T>(parameter: &'static Parameter, value: String) -> Result<T, Invalid>
where
    T: FromStr,
    T::Err: Display,
{
    parameter.check(&value)?;
    value
        .parse()
        .map_err(|e| refused(parameter.setter, e, &value))
}

/// Checks a body property's value against the spec, then converts it.
pub(crate) fn property<T, V>(property: &'static Property, value: V) -> Result<T, Invalid>
where
    V: Display + Clone,
    T: TryFrom<V>,
    T::Error: Display,
{
    property_as(property, property.rust_name, value)
}

/// [`property`], for a hand-written setter named `setter` that sets it.
pub(crate) fn property_as<T, V>(
    property: &'static Property,
    setter: &str,
    value: V,
) -> Result<T, Invalid>
where
    V: Display + Clone,
    T: TryFrom<V>,
    T::Error: Display,
{
    if let Some(constraints) = &property.constraints {
        constraints
            .check(&value.to_string())
            .map_err(|rule| Invalid {
                field: setter.to_string(),
                rule,
            })?;
    }
    convert(setter, value)
}

fn convert<T, V>(field: &str, value: V) -> Result<T, Invalid>
where
    V: Display + Clone,
    T: TryFrom<V>,
    T::Error: Display,
{
    T::try_from(value.clone()).map_err(|e| refused(field, e, &value.to_string()))
}

/// A value the request's type refused.
fn refused(field: &str, error: impl Display, text: &str) -> Invalid {
    Invalid {
        field: field.to_string(),
        rule: format!("{error}, got {}", quoted(text)),
    }
}

/// What one call may change, beside its request: its limits, its retries, extra headers and a
/// body read from a file when it is sent.
#[derive(Debug, Clone, Default)]
pub(crate) struct CallSettings {
    pub(crate) timeout: Option<Duration>,
    pub(crate) retry: Option<RetryPolicy>,
    /// The caller vouches that sending the request twice is harmless.
    pub(crate) idempotent: bool,
    pub(crate) extra_headers: Arc<[(HeaderName, HeaderValue)]>,
    pub(crate) body_file: Option<PathBuf>,
}

/// The setters every generated builder has, over its `settings: CallSettings` field.
macro_rules! call_setters {
    () => {
        /// The time limit of this call, per attempt and in all (overrides the client's).
        pub fn timeout(mut self, timeout: ::std::time::Duration) -> Self {
            self.settings.timeout = Some(timeout);
            self
        }

        /// The retry policy of this call (overrides the client's).
        pub fn retry_policy(mut self, policy: crate::RetryPolicy) -> Self {
            self.settings.retry = Some(policy);
            self
        }
    };
}
pub(crate) use call_setters;

/// A stream of pages: send `first` (asked with `first_token`, the token it already carries),
/// then the same request with each page's token, until a page has none (or an empty one, or
/// repeats the token it was asked with) or a call fails.
pub(crate) fn pages<B, P, Fut>(
    first: B,
    first_token: Option<String>,
    token_of: fn(&P) -> Option<String>,
    with_token: fn(B, String) -> B,
    send: fn(B) -> Fut,
) -> impl Stream<Item = Result<P, Error>> + Send + 'static
where
    B: Clone + Send + 'static,
    P: Send + 'static,
    Fut: Future<Output = Result<P, Error>> + Send + 'static,
{
    futures_util::stream::unfold(Some((first, first_token)), move |state| async move {
        let (builder, asked_with) = state?;
        match send(builder.clone()).await {
            Ok(page) => {
                let next = token_of(&page)
                    .filter(|t| !t.is_empty() && Some(t) != asked_with.as_ref())
                    .map(|t| (with_token(builder, t.clone()), Some(t)));
                Some((Ok(page), next))
            }
            Err(e) => Some((Err(e), None)),
        }
    })
}
