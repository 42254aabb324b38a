//! The mock layer for unit tests (feature `test-util`): a [`Mock`] holds [`Rule`]s that answer
//! requests in place of the network. A client built with one
//! ([`ClientBuilder::mock`](crate::ClientBuilder::mock)) takes its usual path for every call:
//! the builders' checks, credentials, the ACS3 signature, retries, time limits and the reading
//! of answers into [`Output`](crate::Output), [`InvokeOutput`](crate::InvokeOutput) or
//! [`Error`](crate::Error) all run as they do against FC. Only the last step differs: the
//! signed request is handed to the mock instead of being sent, and the mock's answer is read as
//! if it had come back from FC.
//!
//! A rule is for one operation, named by its request type from
//! [`fc3_models::operations`] ([`rule::<GetAsyncInvokeConfigRequest>()`](rule)); it may match
//! only some requests ([`RuleBuilder::matching`], a predicate over the typed request) and
//! answers with the operation's model ([`RuleBuilder::then_output`]), a service error
//! ([`RuleBuilder::then_service_error`]), a function error (InvokeFunction only,
//! [`RuleBuilder::then_function_error`]) or a raw HTTP answer ([`RuleBuilder::then_response`]),
//! or with a [`Sequence`] of those ("503 twice, then the config"). Each answer is given once
//! unless it is repeated ([`Sequence::times`], [`Sequence::repeatedly`]); a rule whose answers
//! are all given is exhausted. [`RuleMode`] says how the mock picks a rule. The requests the
//! client sent can be read back, raw ([`Mock::requests`]) or as their operation's typed
//! request ([`Mock::requests_of`]).

mod answer;
mod request;
mod rule;

use std::fmt;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use fc3_models::operation::{ReadRequest, Violation};

pub use answer::{InvokeAnswer, MockResponse};
pub use request::MockRequest;
pub(crate) use rule::Answer;
pub use rule::{MockOperation, Rule, RuleBuilder, Sequence, rule};

/// Keeps [`MockOperation`] to the operations' request types.
pub(crate) mod sealed {
    /// Implemented, in the generated `fluent.rs`, by every operation's request type.
    pub trait Sealed {}
}

/// How a [`Mock`] picks the rule that answers a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum RuleMode {
    /// The rules answer in the order given: the first rule that is not exhausted must match
    /// the request (its operation and its predicate), or the request is refused with
    /// [`MockError`]. For scripts of calls ("first a put, then two gets").
    InOrder,
    /// The first rule, in the order given, that is not exhausted and matches the request
    /// answers it. For answers that do not depend on the order of calls.
    MatchAny,
}

/// Why the mock gave no answer: no rule matched the request, or the answer a rule gives is
/// not valid HTTP. The call fails with [`Error::Mock`](crate::Error::Mock) (never retried).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the mock has no answer for {operation}: {reason}")]
#[non_exhaustive]
pub struct MockError {
    /// The FC action of the request (`GetAsyncInvokeConfig`).
    pub operation: String,
    /// What went wrong, with the request's method and path.
    pub reason: String,
}

/// Rules that answer a client's requests in place of FC, and a record of every request
/// (see the [module documentation](self)). Cheap to clone: clones share the rules and the
/// record, so a test keeps one and gives another to [`ClientBuilder::mock`](crate::ClientBuilder::mock).
#[derive(Clone)]
pub struct Mock {
    inner: Arc<Inner>,
}

struct Inner {
    mode: RuleMode,
    rules: Vec<Rule>,
    /// Every request, in the order the mock received them; the lock is also held while a
    /// rule is picked, so two concurrent requests never take the same single answer.
    requests: Mutex<Vec<MockRequest>>,
    /// Numbers the `x-fc-request-id` of the answers the mock writes itself.
    answered: AtomicU64,
}

impl fmt::Debug for Mock {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Mock")
            .field("mode", &self.inner.mode)
            .field("rules", &self.inner.rules)
            .field("requests", &self.lock().len())
            .finish()
    }
}

impl Mock {
    /// A mock with these rules, picked as `mode` says.
    pub fn new(mode: RuleMode, rules: impl IntoIterator<Item = Rule>) -> Mock {
        Mock {
            inner: Arc::new(Inner {
                mode,
                rules: rules.into_iter().collect(),
                requests: Mutex::new(Vec::new()),
                answered: AtomicU64::new(0),
            }),
        }
    }

    /// Every request the client handed to the mock (each attempt of each call, answered or
    /// not), in order.
    pub fn requests(&self) -> Vec<MockRequest> {
        self.lock().clone()
    }

    /// The requests of `R`'s operation, in order, read back into `R` by
    /// [`fc3_models::operation::read_request`] (the reader the emulator uses), so a test sees
    /// exactly what went over the wire: `mock.requests_of::<GetAsyncTaskRequest>()`.
    ///
    /// # Errors
    /// The [`Violation`] of a request that does not read as the spec says (which would be a
    /// bug of the client).
    pub fn requests_of<R: ReadRequest>(&self) -> Result<Vec<R>, Violation> {
        self.lock()
            .iter()
            .filter(|request| request.action() == R::operation().name)
            .map(MockRequest::read::<R>)
            .collect()
    }

    /// Whether every rule has given all of its answers (a rule with a repeated answer never
    /// has).
    pub fn is_exhausted(&self) -> bool {
        self.inner.rules.iter().all(Rule::is_exhausted)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Vec<MockRequest>> {
        self.inner
            .requests
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
    }

    /// The answer to one signed request of operation `action`: records it, picks the rule as
    /// the mode says and takes that rule's next answer.
    pub(crate) fn answer(
        &self,
        action: &'static str,
        request: &reqwest::Request,
    ) -> Result<Arrival, MockError> {
        let request = MockRequest::from_signed(action, request);
        let mut requests = self.lock();
        requests.push(request);
        let request = requests
            .last()
            .unwrap_or_else(|| unreachable!("just pushed"));
        let refuse = |reason: String| MockError {
            operation: action.to_string(),
            reason: format!("{} {}: {reason}", request.method(), request.path()),
        };
        let live = self
            .inner
            .rules
            .iter()
            .enumerate()
            .filter(|(_, r)| !r.is_exhausted());
        let chosen = match self.inner.mode {
            RuleMode::InOrder => match live.clone().next() {
                Some((_, rule)) if rule.matches(request) => Some(rule),
                Some((index, rule)) => {
                    return Err(refuse(format!(
                        "in order, the next rule is rule {} ({}), which does not match it",
                        index + 1,
                        rule.describe()
                    )));
                }
                None => None,
            },
            RuleMode::MatchAny => live
                .map(|(_, rule)| rule)
                .find(|rule| rule.matches(request)),
        };
        let Some(rule) = chosen else {
            return Err(refuse(format!(
                "none of the mock's {} rule(s) matches it and has an answer left",
                self.inner.rules.len()
            )));
        };
        let serial = self.inner.answered.fetch_add(1, Ordering::Relaxed) + 1;
        let response = rule
            .take_answer(serial)
            .ok_or_else(|| refuse(format!("{} has no answer left", rule.describe())))?;
        response.arrival().map_err(refuse)
    }
}

/// A mock's answer on its way to the generated client: the HTTP response, and how long it
/// takes to arrive (so a test can run into the client's time limits).
pub(crate) struct Arrival {
    response: reqwest::Response,
    delay: Duration,
}

impl Arrival {
    /// The response, once its delay has passed.
    pub(crate) async fn arrive(self) -> reqwest::Response {
        if !self.delay.is_zero() {
            tokio::time::sleep(self.delay).await;
        }
        self.response
    }
}
