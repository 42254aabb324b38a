//! What the spec says about each operation, as data: the types that the generated table
//! ([`crate::operations`]) is made of, and the checks every layer runs against it.
//!
//! The client, the emulator and the CLI read an operation's facts from here instead of
//! repeating them: its FC action, method and path, each parameter (where it travels, its wire
//! name, its constraints and its documented default), its body, when a failed attempt may be
//! sent again, which parameters a tracing span records, and how its answers are paged. A
//! parameter's value is checked the same way on both sides of the wire:
//! [`Parameter::check`] takes the text that travels (what a client is about to send, or what a
//! server received) and names the rule it breaks.

use std::fmt;
use std::sync::{Mutex, OnceLock};

/// An HTTP method of an operation.
///
/// Exhaustive on purpose, like [`Location`] and [`BodyKind`]: the emulator's router and the
/// layer tests match every variant, so a new one must fail their build until it is handled.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Method {
    /// `GET`.
    Get,
    /// `PUT`.
    Put,
    /// `POST`.
    Post,
    /// `DELETE`.
    Delete,
}

impl Method {
    /// The method's name, upper-case.
    pub const fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Put => "PUT",
            Method::Post => "POST",
            Method::Delete => "DELETE",
        }
    }
}

impl fmt::Display for Method {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Where a parameter travels. Exhaustive on purpose (see [`Method`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Location {
    /// A `{name}` segment of the path.
    Path,
    /// A query parameter.
    Query,
    /// A request header.
    Header,
}

impl Location {
    /// `path`, `query` or `header`, as the spec says it.
    pub const fn as_str(self) -> &'static str {
        match self {
            Location::Path => "path",
            Location::Query => "query",
            Location::Header => "header",
        }
    }
}

/// The JSON type of a value on the wire, which decides how its text is read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum WireType {
    /// Text.
    String,
    /// A whole number, written in decimal digits with an optional leading `-`.
    Integer,
    /// `true` or `false`.
    Boolean,
}

/// A pattern from the spec (ECMA-262 syntax), compiled the first time it is used.
pub struct Pattern {
    source: &'static str,
    regex: OnceLock<Option<regress::Regex>>,
    /// The last short text that matched. A value is often checked call after call (a client
    /// invoking one function), and a run of the regex costs about a thousand instructions
    /// and two allocations; comparing with the last match costs a few.
    last_match: Mutex<Option<ShortText>>,
}

/// Text of at most [`ShortText::MAX`] bytes, kept without an allocation.
#[derive(Clone, Copy)]
struct ShortText {
    bytes: [u8; ShortText::MAX],
    len: usize,
}

impl ShortText {
    const MAX: usize = 64;

    fn new(text: &str) -> Option<Self> {
        let mut bytes = [0; Self::MAX];
        bytes
            .get_mut(..text.len())?
            .copy_from_slice(text.as_bytes());
        Some(ShortText {
            bytes,
            len: text.len(),
        })
    }

    fn is(&self, text: &str) -> bool {
        &self.bytes[..self.len] == text.as_bytes()
    }
}

impl Pattern {
    /// A pattern with this source text.
    pub const fn new(source: &'static str) -> Self {
        Pattern {
            source,
            regex: OnceLock::new(),
            last_match: Mutex::new(None),
        }
    }

    /// The pattern as the spec writes it.
    pub fn source(&self) -> &'static str {
        self.source
    }

    /// Whether `text` matches. A pattern that does not compile matches nothing, so a broken
    /// spec cannot let values through (the workspace tests compile every pattern).
    pub fn matches(&self, text: &str) -> bool {
        // A lock another thread holds is no reason to wait: the regex answers as well.
        if let Ok(last) = self.last_match.try_lock()
            && last.is_some_and(|last| last.is(text))
        {
            return true;
        }
        let matched = self
            .compiled()
            .is_some_and(|regex| regex.find(text).is_some());
        if matched
            && let Some(short) = ShortText::new(text)
            && let Ok(mut last) = self.last_match.try_lock()
        {
            *last = Some(short);
        }
        matched
    }

    /// Whether the pattern compiles.
    pub fn compiles(&self) -> bool {
        self.compiled().is_some()
    }

    fn compiled(&self) -> Option<&regress::Regex> {
        self.regex
            .get_or_init(|| regress::Regex::new(self.source).ok())
            .as_ref()
    }
}

impl fmt::Debug for Pattern {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Pattern({:?})", self.source)
    }
}

/// A named rule beyond JSON Schema (`x-fc3-rule`), implemented in [`crate::rules`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Rule {
    /// `destination-arn`: [`crate::rules::parse_destination`].
    DestinationArn,
}

impl Rule {
    /// The rule's name in the spec.
    pub const fn name(self) -> &'static str {
        match self {
            Rule::DestinationArn => "destination-arn",
        }
    }

    /// Checks `text`; the error is the rule as a message states it.
    pub fn check(self, text: &str) -> Result<(), String> {
        match self {
            Rule::DestinationArn => {
                crate::rules::parse_destination(text)
                    .map(|_| ())
                    .map_err(|rule| match rule {
                        crate::rules::DestinationError::TooLong { .. } => rule.to_string(),
                        _ => format!("{rule}, got {}", quoted(text)),
                    })
            }
        }
    }
}

/// The constraints of one value, as the spec declares them.
#[derive(Debug)]
#[non_exhaustive]
pub struct Constraints {
    /// How the value's text is read.
    pub wire_type: WireType,
    /// `minimum`.
    pub minimum: Option<i64>,
    /// `maximum`.
    pub maximum: Option<i64>,
    /// `minLength`, in characters.
    pub min_length: Option<usize>,
    /// `maxLength`, in characters.
    pub max_length: Option<usize>,
    /// `pattern`.
    pub pattern: Option<&'static Pattern>,
    /// `enum`: the values the spec lists (empty when any value goes).
    pub values: &'static [&'static str],
    /// `x-fc3-rule`.
    pub rule: Option<Rule>,
}

impl Constraints {
    /// No constraint beyond the wire type.
    pub const fn of(wire_type: WireType) -> Self {
        Constraints {
            wire_type,
            minimum: None,
            maximum: None,
            min_length: None,
            max_length: None,
            pattern: None,
            values: &[],
            rule: None,
        }
    }

    /// Checks a value's text; the error is the rule it breaks, with the value.
    pub fn check(&self, text: &str) -> Result<(), String> {
        match self.wire_type {
            WireType::Integer => self.check_integer(text),
            // In any case: the official Python SDK sends Python's `True` and `False`.
            WireType::Boolean => match text {
                _ if text.eq_ignore_ascii_case("true") || text.eq_ignore_ascii_case("false") => {
                    Ok(())
                }
                _ => Err(format!("must be true or false, got {}", quoted(text))),
            },
            WireType::String => self.check_string(text),
        }
    }

    fn check_integer(&self, text: &str) -> Result<(), String> {
        // Strictly decimal: `+5`, ` 5` and `5.0` are refused, though Rust's parser takes `+5`.
        let digits = text.strip_prefix('-').unwrap_or(text);
        let number = (!digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()))
            .then(|| text.parse::<i64>().ok())
            .flatten()
            .ok_or_else(|| {
                format!(
                    "must be a whole number{}, got {}",
                    self.range_text(),
                    quoted(text)
                )
            })?;
        self.check_number(number)
    }

    /// Checks a whole number against `minimum` and `maximum`.
    pub fn check_number(&self, number: i64) -> Result<(), String> {
        let low = self.minimum.is_some_and(|min| number < min);
        let high = self.maximum.is_some_and(|max| number > max);
        if low || high {
            return Err(format!("must be{}, got {number}", self.range_text()));
        }
        Ok(())
    }

    fn range_text(&self) -> String {
        match (self.minimum, self.maximum) {
            (Some(min), Some(max)) => format!(" from {min} to {max}"),
            (Some(min), None) => format!(" of at least {min}"),
            (None, Some(max)) => format!(" of at most {max}"),
            (None, None) => String::new(),
        }
    }

    fn check_string(&self, text: &str) -> Result<(), String> {
        if !self.values.is_empty() && !self.values.contains(&text) {
            return Err(format!(
                "must be one of {}, got {}",
                self.values.join(", "),
                quoted(text)
            ));
        }
        let chars = text.chars().count();
        if let Some(min) = self.min_length
            && chars < min
        {
            return Err(if min == 1 {
                "must not be empty".to_string()
            } else {
                format!("must be at least {min} characters, got {chars}")
            });
        }
        if let Some(max) = self.max_length
            && chars > max
        {
            // The value itself would be too long to show.
            return Err(format!("must be at most {max} characters, got {chars}"));
        }
        if let Some(pattern) = self.pattern
            && !pattern.matches(text)
        {
            return Err(format!(
                "must match {}, got {}",
                pattern.source(),
                quoted(text)
            ));
        }
        if let Some(rule) = self.rule {
            rule.check(text)?;
        }
        Ok(())
    }
}

/// A value as an error message shows it: quoted, and cut short when long.
pub fn quoted(text: &str) -> String {
    const SHOWN: usize = 64;
    let mut shown: String = text.chars().take(SHOWN).collect();
    if text.chars().count() > SHOWN {
        shown.push('…');
    }
    format!("{shown:?}")
}

/// One parameter of an operation.
#[derive(Debug)]
#[non_exhaustive]
pub struct Parameter {
    /// Its name on the wire (`functionName`, `x-fc-invocation-type`).
    pub wire_name: &'static str,
    /// The name of its setter in the fluent client (`function_name`, `invocation_type`).
    pub setter: &'static str,
    /// Where it travels.
    pub location: Location,
    /// Whether every request carries it.
    pub required: bool,
    /// The component schema of its value, when it has one (`FunctionName`).
    pub schema: Option<&'static str>,
    /// The Rust type that holds it in the operation's `...Request` (`FunctionName`,
    /// `Option<NonZeroU32>`).
    pub rust_type: &'static str,
    /// Its constraints.
    pub constraints: Constraints,
    /// The documented default when absent, as wire text (`LATEST`, `20`).
    pub default: Option<&'static str>,
    /// What the spec says of it.
    pub description: &'static str,
    /// The tracing field it fills (`x-fc3-trace`): `function`, `qualifier` or `task_id`.
    pub trace: Option<&'static str>,
    /// The values of other parameters it is only valid with (`x-fc3-requires`).
    pub requires: &'static [Condition],
}

impl Parameter {
    /// Checks the parameter's wire text against its constraints.
    ///
    /// # Errors
    /// A [`Violation`] naming the parameter and the rule.
    pub fn check(&self, text: &str) -> Result<(), Violation> {
        self.constraints
            .check(text)
            .map_err(|rule| Violation::of(self, rule))
    }
}

/// A condition on a parameter's value (`x-fc3-retry` cases, `x-fc3-requires`, body limits).
#[derive(Debug)]
#[non_exhaustive]
pub struct Condition {
    /// The parameter's wire name.
    pub parameter: &'static str,
    /// The wire text it must have; `None`: it must be present.
    pub value: Option<&'static str>,
}

impl Condition {
    /// Whether the condition holds, given how to read a parameter's wire text.
    pub fn holds<'a>(&self, value_of: &impl Fn(&str) -> Option<std::borrow::Cow<'a, str>>) -> bool {
        match (value_of(self.parameter), self.value) {
            (None, _) => false,
            (Some(_), None) => true,
            (Some(actual), Some(expected)) => actual == expected,
        }
    }
}

/// How safe it is to send a request a second time (`x-fc3-retry`).
///
/// Exhaustive on purpose: a new class must fail the build of the client's retry decision
/// until it is handled there, so it is a breaking change of this crate.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RetryClass {
    /// Idempotent: any retryable failure may be retried.
    Idempotent,
    /// Only when the request certainly did not reach the service, or the service refused it
    /// without acting (429, 503).
    UnsentOrRefused,
    /// Only when the request certainly did not reach the service.
    UnsentOnly,
}

/// A case of an operation's retry rule: its class when every condition holds.
#[derive(Debug)]
#[non_exhaustive]
pub struct RetryCase {
    /// The conditions.
    pub when: &'static [Condition],
    /// The class then.
    pub class: RetryClass,
    /// Whether a 409 to a retry means that an earlier attempt was accepted.
    pub conflict_after_retry_is_accepted: bool,
}

/// When a failed attempt of an operation may be sent again.
#[derive(Debug)]
#[non_exhaustive]
pub struct RetryRule {
    /// The class when no case applies.
    pub class: RetryClass,
    /// Cases, the first that applies wins.
    pub cases: &'static [RetryCase],
    /// Why, as the spec says it.
    pub description: &'static str,
}

/// What a request of an operation may be retried after.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Retry {
    /// The class.
    pub class: RetryClass,
    /// Whether a 409 to a retry means that an earlier attempt was accepted.
    pub conflict_after_retry_is_accepted: bool,
}

impl Retry {
    /// Any retryable failure may be retried (a caller's `idempotent(true)` override).
    pub const IDEMPOTENT: Retry = Retry {
        class: RetryClass::Idempotent,
        conflict_after_retry_is_accepted: false,
    };
}

/// A limit on the body's size (`x-fc3-max-bytes`).
#[derive(Debug)]
#[non_exhaustive]
pub struct BodyLimit {
    /// Its name as a constant (`MAX_SYNC_PAYLOAD`).
    pub name: &'static str,
    /// The conditions under which it applies (none: always).
    pub when: &'static [Condition],
    /// The most bytes.
    pub bytes: usize,
}

/// The kind of a request or response body. Exhaustive on purpose (see [`Method`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BodyKind {
    /// Raw bytes (`application/octet-stream`).
    Binary,
    /// JSON of this component schema.
    Json(&'static str),
}

/// An operation's request body.
#[derive(Debug)]
#[non_exhaustive]
pub struct Body {
    /// Its kind.
    pub kind: BodyKind,
    /// Whether it must be present.
    pub required: bool,
    /// The name of its setter in the fluent client (`payload`, `body`).
    pub setter: &'static str,
    /// Its size limits, the first that applies wins.
    pub limits: &'static [BodyLimit],
}

/// One documented answer of an operation.
#[derive(Debug)]
#[non_exhaustive]
pub struct Response {
    /// The status: `200`, `202`, `2XX`, `4XX`, `5XX`.
    pub status: &'static str,
    /// Its body, if any.
    pub body: Option<BodyKind>,
    /// The headers it documents.
    pub headers: &'static [&'static str],
}

/// How an operation's answers are paged (`x-fc3-pagination`).
#[derive(Debug)]
#[non_exhaustive]
pub struct Pagination {
    /// The query parameter and answer property that carry the token.
    pub token: &'static str,
    /// The answer property that holds the items.
    pub items: &'static str,
}

/// One operation, as the spec describes it.
#[derive(Debug)]
#[non_exhaustive]
pub struct Operation {
    /// The action.
    pub action: crate::operations::Action,
    /// The FC action name, the `x-acs-action` header's value (`InvokeFunction`).
    pub name: &'static str,
    /// The method.
    pub method: Method,
    /// The path template, with `{name}` for each path parameter.
    pub path: &'static str,
    /// The summary.
    pub summary: &'static str,
    /// Every parameter: path ones first, in the order of the spec.
    pub parameters: &'static [Parameter],
    /// The request body, if it has one.
    pub body: Option<Body>,
    /// The documented answers.
    pub responses: &'static [Response],
    /// When an attempt may be sent again.
    pub retry: RetryRule,
    /// How answers are paged, for a list operation.
    pub pagination: Option<Pagination>,
}

impl Operation {
    /// The parameter with this wire name.
    pub fn parameter(&self, wire_name: &str) -> Option<&'static Parameter> {
        self.parameters.iter().find(|p| p.wire_name == wire_name)
    }

    /// The parameters that travel in `location`.
    pub fn parameters_in(&self, location: Location) -> impl Iterator<Item = &'static Parameter> {
        self.parameters
            .iter()
            .filter(move |p| p.location == location)
    }
}

/// A rule a request value breaks: which parameter or body field, and how.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Violation {
    /// The field's name on the wire: a parameter (`limit`), or a body field's path
    /// (`destinationConfig.onSuccess.destination`).
    pub field: String,
    /// The name of the fluent client's setter that sets it (`limit`, `max_async_retry_attempts`).
    pub setter: String,
    /// The rule, with the offending value when that helps.
    pub rule: String,
    /// What kind of rule: a body over its size limit is told apart, since FC answers it with
    /// its own code (`EntityTooLarge`).
    pub kind: ViolationKind,
}

/// What kind of rule a [`Violation`] breaks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ViolationKind {
    /// A rule of a value (a constraint, a requirement, a type).
    Rule,
    /// The body is larger than its limit.
    TooLarge {
        /// The body's size in bytes.
        size: usize,
        /// The limit.
        limit: usize,
    },
}

impl Violation {
    /// A violation of `parameter`'s rules.
    pub fn of(parameter: &Parameter, rule: impl Into<String>) -> Self {
        Violation {
            field: parameter.wire_name.to_string(),
            setter: parameter.setter.to_string(),
            rule: rule.into(),
            kind: ViolationKind::Rule,
        }
    }

    /// A violation of a body field (or the body) at `field`, set by `setter`.
    pub fn at(
        field: impl Into<String>,
        setter: impl Into<String>,
        rule: impl Into<String>,
    ) -> Self {
        Violation {
            field: field.into(),
            setter: setter.into(),
            rule: rule.into(),
            kind: ViolationKind::Rule,
        }
    }
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.field, self.rule)
    }
}

impl std::error::Error for Violation {}

/// A request of an operation, with its parameters' values: implemented by the generated
/// `...Request` types of [`crate::operations`].
pub trait OperationRequest {
    /// The operation. A function rather than an associated `const`: the operation is a
    /// `static` holding compiled patterns (interior mutability), which a `const` may not
    /// refer to on Rust 1.88, the crates' `rust-version`.
    fn operation() -> &'static Operation;

    /// The wire text of a parameter, or `None` when it is absent.
    fn parameter_text(&self, wire_name: &str) -> Option<std::borrow::Cow<'_, str>>;

    /// The request body's size in bytes, for an operation with a binary body.
    fn body_len(&self) -> Option<usize> {
        None
    }

    /// The body as JSON, for an operation with a JSON body.
    fn body_json(&self) -> Option<serde_json::Value> {
        None
    }

    /// What a failed attempt of this request may be retried after.
    fn retry(&self) -> Retry {
        let rule = &Self::operation().retry;
        let value_of = |name: &str| self.parameter_text(name);
        rule.cases
            .iter()
            .find(|case| case.when.iter().all(|c| c.holds(&value_of)))
            .map_or(
                Retry {
                    class: rule.class,
                    conflict_after_retry_is_accepted: false,
                },
                |case| Retry {
                    class: case.class,
                    conflict_after_retry_is_accepted: case.conflict_after_retry_is_accepted,
                },
            )
    }

    /// The body limit that applies to this request, if any.
    fn body_limit(&self) -> Option<&'static BodyLimit> {
        let value_of = |name: &str| self.parameter_text(name);
        Self::operation()
            .body
            .as_ref()?
            .limits
            .iter()
            .find(|limit| limit.when.iter().all(|c| c.holds(&value_of)))
    }

    /// The value of the parameter whose `x-fc3-trace` is `field` (`function`, `qualifier`,
    /// `task_id`), or its documented default.
    fn trace(&self, field: &str) -> Option<std::borrow::Cow<'_, str>> {
        let parameter = Self::operation()
            .parameters
            .iter()
            .find(|p| p.trace == Some(field))?;
        self.parameter_text(parameter.wire_name)
            .or_else(|| parameter.default.map(std::borrow::Cow::Borrowed))
    }

    /// Checks every value against the spec: each parameter's constraints, then
    /// [`check_relations`](Self::check_relations).
    ///
    /// # Errors
    /// The first [`Violation`].
    fn check(&self) -> Result<(), Violation> {
        for parameter in Self::operation().parameters {
            match self.parameter_text(parameter.wire_name) {
                Some(text) => parameter.check(&text)?,
                None if parameter.required => {
                    return Err(Violation::of(parameter, "is required"));
                }
                None => {}
            }
        }
        self.check_relations()
    }

    /// Checks what single values cannot show: what a parameter requires of the others
    /// (`x-fc3-requires`), the body's size (`x-fc3-max-bytes`), and the JSON body's fields.
    ///
    /// # Errors
    /// The first [`Violation`].
    fn check_relations(&self) -> Result<(), Violation> {
        let operation = Self::operation();
        let value_of = |name: &str| self.parameter_text(name);
        for parameter in operation.parameters {
            if parameter.requires.is_empty() || self.parameter_text(parameter.wire_name).is_none() {
                continue;
            }
            if let Some(missing) = parameter.requires.iter().find(|c| !c.holds(&value_of)) {
                let other = operation.parameter(missing.parameter);
                let needs = match missing.value {
                    Some(value) => format!("{} {value}", missing.parameter),
                    None => missing.parameter.to_string(),
                };
                let setter = other.map_or(missing.parameter, |p| p.setter);
                return Err(Violation::of(
                    parameter,
                    format!("is only valid with {needs} (set {setter} too)"),
                ));
            }
        }
        if let (Some(limit), Some(len)) = (self.body_limit(), self.body_len())
            && len > limit.bytes
        {
            let setter = operation.body.as_ref().map_or("body", |b| b.setter);
            return Err(Violation {
                kind: ViolationKind::TooLarge {
                    size: len,
                    limit: limit.bytes,
                },
                ..Violation::at(
                    "body",
                    setter,
                    format!(
                        "must be at most {} bytes ({}), got {len}",
                        limit.bytes, limit.name
                    ),
                )
            });
        }
        if let (
            Some(Body {
                kind: BodyKind::Json(schema),
                ..
            }),
            Some(json),
        ) = (operation.body.as_ref(), self.body_json())
            && let Some(schema) = crate::operations::schema(schema)
        {
            schema.check(&json)?;
        }
        Ok(())
    }
}

/// A component schema's properties and their constraints, for checking JSON bodies.
#[derive(Debug)]
#[non_exhaustive]
pub struct Schema {
    /// The component name.
    pub name: &'static str,
    /// Its properties.
    pub properties: &'static [Property],
}

/// One property of a [`Schema`].
#[derive(Debug)]
#[non_exhaustive]
pub struct Property {
    /// Its JSON name.
    pub wire_name: &'static str,
    /// Its Rust field name (and the fluent setter's, when the body is flattened).
    pub rust_name: &'static str,
    /// Its constraints, when it is a scalar.
    pub constraints: Option<Constraints>,
    /// Its schema, when it is an object of a component schema.
    pub object: Option<&'static str>,
    /// The documented default when absent (`x-fc3-default`), as JSON text.
    pub default: Option<&'static str>,
}

impl Schema {
    /// Checks a JSON value against this schema's property constraints (types are left to
    /// deserialization; `null` reads as absent).
    ///
    /// # Errors
    /// The first [`Violation`], with the field's dotted path.
    pub fn check(&self, value: &serde_json::Value) -> Result<(), Violation> {
        self.check_at(value, "", "")
    }

    fn check_at(
        &self,
        value: &serde_json::Value,
        path: &str,
        setter: &str,
    ) -> Result<(), Violation> {
        let Some(object) = value.as_object() else {
            return Ok(());
        };
        for property in self.properties {
            let Some(field) = object.get(property.wire_name) else {
                continue;
            };
            let field_path = if path.is_empty() {
                property.wire_name.to_string()
            } else {
                format!("{path}.{}", property.wire_name)
            };
            let field_setter = if setter.is_empty() {
                property.rust_name.to_string()
            } else {
                format!("{setter}.{}", property.rust_name)
            };
            if field.is_null() {
                // Requests stay strict: the spec declares no field nullable; leave it out.
                return Err(Violation::at(
                    field_path,
                    field_setter,
                    "must not be null (leave the field out instead)",
                ));
            }
            if let Some(constraints) = &property.constraints {
                let text = match field {
                    serde_json::Value::String(s) => std::borrow::Cow::Borrowed(s.as_str()),
                    other => std::borrow::Cow::Owned(other.to_string()),
                };
                constraints.check(&text).map_err(|rule| {
                    Violation::at(field_path.clone(), field_setter.clone(), rule)
                })?;
            }
            if let Some(nested) = property.object.and_then(crate::operations::schema) {
                nested.check_at(field, &field_path, &field_setter)?;
            }
        }
        Ok(())
    }
}

/// One of the spec's servers: a URL template and its variables.
#[derive(Debug)]
#[non_exhaustive]
pub struct Server {
    /// The template, with `{name}` for each variable.
    pub url: &'static str,
    /// What it is for (`x-fc3-endpoint`): `regional`, `account` or `account-internal`.
    pub kind: &'static str,
    /// Its variables.
    pub variables: &'static [ServerVariable],
    /// What the spec says of it.
    pub description: &'static str,
}

/// A variable of a [`Server`] template.
#[derive(Debug)]
#[non_exhaustive]
pub struct ServerVariable {
    /// Its name (`region`, `accountId`).
    pub name: &'static str,
    /// The spec's default.
    pub default: &'static str,
    /// The only values it takes, when the spec lists them.
    pub values: &'static [&'static str],
}

impl Server {
    /// The URL with each `{name}` replaced by `value_of(name)`.
    pub fn url_with(&self, value_of: impl Fn(&str) -> Option<String>) -> Option<String> {
        let mut url = self.url.to_string();
        for variable in self.variables {
            let value = value_of(variable.name)?;
            url = url.replace(&format!("{{{}}}", variable.name), &value);
        }
        Some(url)
    }
}

/// Where a request's parameters come from when it is read off the wire: decoded path
/// parameters and query pairs, and its headers, as text.
pub struct WireParts<'a> {
    /// The path parameters, decoded, by wire name.
    pub path: &'a [(String, String)],
    /// The query pairs, decoded, in order (a name may repeat).
    pub query: &'a [(String, String)],
    /// A header's value, when it is present and text.
    pub header: &'a dyn Fn(&str) -> Option<&'a str>,
}

/// What [`read_request`] needs of a request type beyond [`OperationRequest`]: serde reads
/// its parameters by wire name, and the body is read apart.
pub trait ReadRequest: OperationRequest + serde::de::DeserializeOwned {
    /// Reads the body (raw bytes, or JSON checked against the spec and then parsed).
    ///
    /// # Errors
    /// A [`Violation`] naming the body field and the rule.
    fn read_body(&mut self, body: bytes::Bytes) -> Result<(), Violation>;
}

/// Reads a request of `R`'s operation off the wire, checking every value against the spec
/// first, so an error names the parameter (or body field) and the rule, as the wire names it:
/// each parameter's text is checked against its constraints (a query parameter given twice is
/// refused), read as its JSON type, the whole read by serde, then the body, then what the
/// parameters require of each other. Query parameters the spec does not name are ignored.
///
/// # Errors
/// The first [`Violation`].
pub fn read_request<R: ReadRequest>(
    parts: &WireParts<'_>,
    body: bytes::Bytes,
) -> Result<R, Violation> {
    let mut fields = serde_json::Map::new();
    for parameter in R::operation().parameters {
        let text = match parameter.location {
            Location::Path => parts
                .path
                .iter()
                .find(|(name, _)| name == parameter.wire_name)
                .map(|(_, v)| v.as_str()),
            Location::Query => {
                let mut given = parts
                    .query
                    .iter()
                    .filter(|(name, _)| name == parameter.wire_name);
                let first = given.next().map(|(_, v)| v.as_str());
                if given.next().is_some() {
                    return Err(Violation::of(parameter, "is given more than once"));
                }
                first
            }
            Location::Header => (parts.header)(parameter.wire_name),
        };
        let Some(text) = text else {
            if parameter.required {
                return Err(Violation::of(parameter, "is required"));
            }
            continue;
        };
        parameter.check(text)?;
        let value = match parameter.constraints.wire_type {
            WireType::String => serde_json::Value::from(text),
            // Checked above: decimal digits that fit an i64, or true/false.
            WireType::Integer => text
                .parse::<i64>()
                .map(serde_json::Value::from)
                .map_err(|e| Violation::of(parameter, e.to_string()))?,
            WireType::Boolean => serde_json::Value::from(text.eq_ignore_ascii_case("true")),
        };
        fields.insert(parameter.wire_name.to_string(), value);
    }
    let mut request: R = serde_path_to_error::deserialize(serde_json::Value::Object(fields))
        .map_err(|e| {
            let field = e.path().to_string();
            let parameter = R::operation().parameter(&field);
            let setter = parameter.map_or_else(|| field.clone(), |p| p.setter.to_string());
            Violation::at(field, setter, e.into_inner().to_string())
        })?;
    request.read_body(body)?;
    request.check_relations()?;
    Ok(request)
}

/// Reads a JSON body of `schema` into `T`: the spec's constraints first (so the error names
/// the rule), then serde (so a wrong type names the field's path).
///
/// # Errors
/// A [`Violation`] naming the field (`body` when it is not a JSON object) and the rule.
pub fn read_json_body<T: serde::de::DeserializeOwned>(
    schema: &'static Schema,
    body: &[u8],
    required: bool,
) -> Result<Option<T>, Violation> {
    let whole = |rule: String| Violation::at("body", "body", rule);
    if body.iter().all(u8::is_ascii_whitespace) {
        return if required {
            Err(whole(format!("a {} JSON object is required", schema.name)))
        } else {
            Ok(None)
        };
    }
    let value: serde_json::Value =
        serde_json::from_slice(body).map_err(|e| whole(format!("not valid JSON: {e}")))?;
    if !value.is_object() {
        return Err(whole(format!("must be a {} JSON object", schema.name)));
    }
    schema.check(&value)?;
    serde_path_to_error::deserialize(value)
        .map(Some)
        .map_err(|e| {
            let field = e.path().to_string();
            let setter = snake_path(&field);
            Violation::at(field, setter, e.into_inner().to_string())
        })
}

/// `destinationConfig.onSuccess` as `destination_config.on_success`.
pub(crate) fn snake_path(path: &str) -> String {
    path.split('.')
        .map(|part| {
            let mut out = String::new();
            for c in part.chars() {
                if c.is_ascii_uppercase() {
                    out.push('_');
                    out.push(c.to_ascii_lowercase());
                } else {
                    out.push(c);
                }
            }
            out
        })
        .collect::<Vec<_>>()
        .join(".")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_remembered_match_answers_only_for_the_same_text() {
        let pattern = Pattern::new("^[a-z]+o$");
        assert!(pattern.matches("echo"));
        // Remembered now; other texts still go to the regex, whatever was remembered.
        assert!(pattern.matches("echo"));
        assert!(!pattern.matches("echo!"));
        assert!(
            !pattern.matches("ech"),
            "a prefix of the remembered text is no match"
        );
        assert!(!pattern.matches(""));
        assert!(pattern.matches("echo"));
        // A text too long to remember is matched by the regex every time.
        let long = format!("{}o", "a".repeat(ShortText::MAX));
        assert!(pattern.matches(&long));
        assert!(pattern.matches(&long));
        assert!(!pattern.matches(&format!("{long}1")));
        // A refused text is not remembered.
        let digits = Pattern::new("^[0-9]*$");
        assert!(!digits.matches("x"));
        assert!(!digits.matches("x"));
        assert!(
            digits.matches(""),
            "an empty match is remembered like any other"
        );
        assert!(digits.matches(""));
        assert!(!digits.matches("x"));
    }
}
