//! Rules: which requests of an operation they match, and their answers in order.

use std::fmt;
use std::marker::PhantomData;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use fc3_models::operation::{Operation, ReadRequest};
use fc3_models::operations::InvokeFunctionRequest;

use super::answer::{InvokeAnswer, MockResponse};
use super::request::MockRequest;
use crate::{InvokeOutput, Output};

/// An operation a rule can be written for: one of the `...Request` types of
/// [`fc3_models::operations`], with the model its answer carries (`Model`): the `T` of the
/// [`Output<T>`](crate::Output) its call returns (`AsyncConfig` for GetAsyncInvokeConfig, `()`
/// for DeleteAsyncInvokeConfig), or [`InvokeAnswer`] for InvokeFunction.
///
/// Implemented for every operation's request type, in the generated `fluent.rs` beside the
/// operation's builder (the model is its answer's); it cannot be implemented elsewhere.
pub trait MockOperation: ReadRequest + Send + Sync + 'static + super::sealed::Sealed {
    /// What [`RuleBuilder::then_output`] takes.
    type Model;

    /// `model` as FC would send it: the operation's success status, its JSON body.
    #[doc(hidden)]
    fn encode(model: Self::Model) -> MockResponse;
}

/// How the answer of a call (`Call::Output`) is written from its model.
pub(crate) trait Answer {
    type Model;
    fn encode(model: Self::Model, operation: &'static Operation) -> MockResponse;
}

impl<T: serde::Serialize> Answer for Output<T> {
    type Model = T;

    /// The operation's first documented success status (a `2XX` one: 200 with a body, 204
    /// without), with the model as JSON when the spec documents a body.
    fn encode(model: T, operation: &'static Operation) -> MockResponse {
        let success = operation
            .responses
            .iter()
            .find(|r| r.status.starts_with('2'));
        let has_body = success.is_some_and(|r| r.body.is_some());
        let status = success
            .and_then(|r| r.status.parse::<u16>().ok())
            .unwrap_or(if has_body { 200 } else { 204 });
        let response = MockResponse::new(status);
        if has_body {
            response.json(&model)
        } else {
            response
        }
    }
}

impl Answer for InvokeOutput {
    type Model = InvokeAnswer;

    fn encode(model: InvokeAnswer, _operation: &'static Operation) -> MockResponse {
        model.into()
    }
}

/// Starts a rule for `R`'s operation, e.g. `rule::<GetAsyncInvokeConfigRequest>()`.
pub fn rule<R: MockOperation>() -> RuleBuilder<R> {
    RuleBuilder {
        matcher: None,
        operation: PhantomData,
    }
}

type Matcher = Arc<dyn Fn(&MockRequest) -> bool + Send + Sync>;

/// A rule being written: which requests it matches; then its answer (`then_*`) or its
/// [`sequence`](Self::sequence) of answers.
#[must_use]
pub struct RuleBuilder<R> {
    matcher: Option<Matcher>,
    operation: PhantomData<fn(R)>,
}

impl<R: MockOperation> RuleBuilder<R> {
    /// Matches only the requests for which `predicate` holds (the request as its typed
    /// `...Request`, read off the wire); without one, every request of the operation.
    pub fn matching(mut self, predicate: impl Fn(&R) -> bool + Send + Sync + 'static) -> Self {
        self.matcher = Some(Arc::new(move |request: &MockRequest| {
            request.read::<R>().is_ok_and(|typed| predicate(&typed))
        }));
        self
    }

    /// Answers once with the operation's model, as FC would send it.
    pub fn then_output(self, model: R::Model) -> Rule {
        self.sequence().output(model).build()
    }

    /// Answers once with FC's refusal (`status`, FC's error `code` and `message`).
    pub fn then_service_error(self, status: u16, code: &str, message: &str) -> Rule {
        self.sequence().service_error(status, code, message).build()
    }

    /// Answers once with `response` exactly as given.
    pub fn then_response(self, response: MockResponse) -> Rule {
        self.sequence().response(response).build()
    }

    /// Answers with a sequence: each answer once, unless repeated with
    /// [`Sequence::times`] or [`Sequence::repeatedly`].
    pub fn sequence(self) -> Sequence<R> {
        Sequence {
            matcher: self.matcher,
            steps: Vec::new(),
            operation: PhantomData,
        }
    }
}

impl RuleBuilder<InvokeFunctionRequest> {
    /// Answers once with a failure of the function (see [`MockResponse::function_error`]).
    pub fn then_function_error(self, kind: &str, error_type: &str, message: &str) -> Rule {
        self.sequence()
            .function_error(kind, error_type, message)
            .build()
    }
}

/// How often a step answers.
#[derive(Debug, Clone, Copy)]
enum Times {
    Count(usize),
    Forever,
}

/// One answer of a rule and how often it is given.
#[derive(Debug, Clone)]
struct Step {
    response: MockResponse,
    /// Whether the mock adds what FC puts in every answer (`x-fc-request-id`); not for a raw
    /// answer, which is sent exactly as given.
    as_fc: bool,
    times: Times,
}

/// The answers of a rule, in order: "503 twice, then the config".
#[must_use]
pub struct Sequence<R> {
    matcher: Option<Matcher>,
    steps: Vec<Step>,
    operation: PhantomData<fn(R)>,
}

impl<R: MockOperation> Sequence<R> {
    fn then(mut self, response: MockResponse, as_fc: bool) -> Self {
        self.steps.push(Step {
            response,
            as_fc,
            times: Times::Count(1),
        });
        self
    }

    /// Then the operation's model, as FC would send it.
    pub fn output(self, model: R::Model) -> Self {
        self.then(R::encode(model), true)
    }

    /// Then FC's refusal (`status`, FC's error `code` and `message`).
    pub fn service_error(self, status: u16, code: &str, message: &str) -> Self {
        self.then(MockResponse::service_error(status, code, message), true)
    }

    /// Then `response`, exactly as given.
    pub fn response(self, response: MockResponse) -> Self {
        self.then(response, false)
    }

    /// The last answer given `n` times in all (0: never), instead of once.
    pub fn times(mut self, n: usize) -> Self {
        if let Some(step) = self.steps.last_mut() {
            step.times = Times::Count(n);
        }
        self
    }

    /// The last answer given to every request from then on: the rule is never exhausted.
    pub fn repeatedly(mut self) -> Self {
        if let Some(step) = self.steps.last_mut() {
            step.times = Times::Forever;
        }
        self
    }

    /// The rule.
    pub fn build(self) -> Rule {
        Rule {
            inner: Arc::new(RuleInner {
                operation: R::operation(),
                matcher: self.matcher,
                steps: self.steps,
                calls: AtomicUsize::new(0),
            }),
        }
    }
}

impl Sequence<InvokeFunctionRequest> {
    /// Then a failure of the function (see [`MockResponse::function_error`]).
    pub fn function_error(self, kind: &str, error_type: &str, message: &str) -> Self {
        self.then(
            MockResponse::function_error(kind, error_type, message),
            true,
        )
    }
}

/// A rule of a [`Mock`](super::Mock): the operation and requests it matches, and its answers.
/// Cheap to clone; clones share the count of answers given, so a test can keep one to ask
/// [`calls`](Self::calls) after the mock used another.
#[derive(Clone)]
pub struct Rule {
    inner: Arc<RuleInner>,
}

struct RuleInner {
    operation: &'static Operation,
    matcher: Option<Matcher>,
    steps: Vec<Step>,
    calls: AtomicUsize,
}

impl fmt::Debug for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Rule")
            .field("operation", &self.inner.operation.name)
            .field("matching", &self.inner.matcher.is_some())
            .field("steps", &self.inner.steps)
            .field("calls", &self.calls())
            .finish()
    }
}

impl Rule {
    /// How many requests this rule has answered.
    pub fn calls(&self) -> usize {
        self.inner.calls.load(Ordering::SeqCst)
    }

    /// Whether it has given every answer it has (never, when its last answer repeats).
    pub fn is_exhausted(&self) -> bool {
        self.step(self.calls()).is_none()
    }

    /// The FC action of its operation.
    pub fn operation(&self) -> &'static str {
        self.inner.operation.name
    }

    /// The step that answers the rule's answer number `index` (from 0).
    fn step(&self, mut index: usize) -> Option<&Step> {
        for step in &self.inner.steps {
            match step.times {
                Times::Forever => return Some(step),
                Times::Count(n) if index < n => return Some(step),
                Times::Count(n) => index -= n,
            }
        }
        None
    }

    /// Whether it is for `request`'s operation and its predicate holds.
    pub(super) fn matches(&self, request: &MockRequest) -> bool {
        request.action() == self.inner.operation.name
            && self.inner.matcher.as_ref().is_none_or(|m| m(request))
    }

    /// Its next answer (the mock checked that it has one), counted, with FC's request id
    /// numbered `serial` where the answer is FC's.
    pub(super) fn take_answer(&self, serial: u64) -> Option<MockResponse> {
        let index = self.inner.calls.fetch_add(1, Ordering::SeqCst);
        let step = self.step(index)?;
        Some(if step.as_fc {
            step.response.clone().with_request_id(serial)
        } else {
            step.response.clone()
        })
    }

    /// The rule in a few words, for an error message.
    pub(super) fn describe(&self) -> String {
        let matching = if self.inner.matcher.is_some() {
            ", with a predicate"
        } else {
            ""
        };
        format!("{}{matching}", self.inner.operation.name)
    }
}
