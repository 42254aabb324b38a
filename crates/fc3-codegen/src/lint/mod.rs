//! The house rules for the spec, checked on every change (a workspace test) and shown in the
//! spec review's report:
//!
//! - **description**: every operation, parameter, component schema and property has one (a
//!   `$ref` property is described by the schema it names);
//! - **example**: every component schema and every operation has one, and an operation with
//!   a body (sent, or received other than the `Error` body) has a body example;
//! - **example-valid**: every example validates against its schema (the `jsonschema` crate);
//! - **operation-id**: operationIds are FC action names, PascalCase; a name outside the eight
//!   actions this toolkit covers is allowed and shown by [`new_actions`] for a reviewer to
//!   check against FC's reference;
//! - **errors**: errors are declared as `4XX` and `5XX` (no `default`, no single error codes)
//!   with the `Error` body;
//! - **generator-shape**: no inline schema that needs a generated type ([`shape`]);
//!   [`crate::generate`] refuses such a spec with the same message.
//!
//! "Every constraint the client or emulator enforces is declared in the spec" needs the
//! runtime crates, so it is a workspace test (`tests/tests/spec_examples.rs`), not a rule here.

pub mod examples;
pub mod shape;

use std::collections::BTreeSet;
use std::fmt;

use serde_json::Value;

use crate::spec::{Spec, raw_operations, resolve};

/// The FC actions this toolkit covers.
pub const KNOWN_ACTIONS: [&str; 8] = [
    "InvokeFunction",
    "PutAsyncInvokeConfig",
    "GetAsyncInvokeConfig",
    "DeleteAsyncInvokeConfig",
    "ListAsyncInvokeConfigs",
    "GetAsyncTask",
    "ListAsyncTasks",
    "StopAsyncTask",
];

/// A house rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Rule {
    /// Every operation, parameter, schema and property has a description.
    Description,
    /// Every schema and operation has an example.
    Example,
    /// Every example validates against its schema.
    ExampleValid,
    /// operationIds are FC action names.
    OperationId,
    /// Errors are `4XX`/`5XX` with the `Error` body.
    Errors,
    /// No inline shape the generator cannot render into the runtime crates.
    GeneratorShape,
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Rule::Description => "description",
            Rule::Example => "example",
            Rule::ExampleValid => "example-valid",
            Rule::OperationId => "operation-id",
            Rule::Errors => "errors",
            Rule::GeneratorShape => "generator-shape",
        })
    }
}

/// One place that breaks a house rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LintFinding {
    /// The rule.
    pub rule: Rule,
    /// Where, readable, with the JSON pointer when there is one.
    pub place: String,
    /// What is wrong and what to do.
    pub message: String,
}

impl fmt::Display for LintFinding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}: {}", self.rule, self.place, self.message)
    }
}

/// Every place `spec` breaks a house rule, rule by rule.
pub fn house_rules(spec: &Spec) -> Vec<LintFinding> {
    let doc = spec.raw();
    let mut found = Vec::new();
    descriptions(doc, &mut found);
    examples_present(doc, &mut found);
    examples_valid(doc, &mut found);
    operation_ids(spec, &mut found);
    errors(doc, &mut found);
    found.extend(shape::inline_types(doc).into_iter().map(shape_finding));
    found
}

/// The operationIds of `spec` that are not among the [`KNOWN_ACTIONS`].
pub fn new_actions(spec: &Spec) -> Vec<String> {
    spec.operations()
        .into_iter()
        .map(|op| op.id)
        .filter(|id| !KNOWN_ACTIONS.contains(&id.as_str()))
        .collect()
}

/// Refuses a spec with a shape the generator cannot render, naming every place.
pub fn check_shapes(doc: &Value) -> anyhow::Result<()> {
    let shapes = shape::inline_types(doc);
    if shapes.is_empty() {
        return Ok(());
    }
    let lines: Vec<String> = shapes
        .into_iter()
        .map(|s| shape_finding(s).to_string())
        .collect();
    anyhow::bail!(
        "the spec has {} shape(s) the generator cannot render into the runtime crates:\n{}",
        lines.len(),
        lines.join("\n")
    )
}

fn shape_finding(shape: shape::Shape) -> LintFinding {
    LintFinding {
        rule: Rule::GeneratorShape,
        place: format!("{} ({})", shape.place, shape.pointer),
        message: format!(
            "{} would be generated as a type of its own inside the client, which cannot \
             compile it: declare it under components.schemas and `$ref` it",
            shape.what
        ),
    }
}

fn has_text(value: &Value, key: &str) -> bool {
    value[key].as_str().is_some_and(|s| !s.trim().is_empty())
}

fn missing(rule: Rule, place: String, message: &str) -> LintFinding {
    LintFinding {
        rule,
        place,
        message: message.to_string(),
    }
}

/// The operations of `doc`: id, pointer, operation object, and its parameter entries.
fn operations(doc: &Value) -> Vec<(String, String, &Value, Vec<&Value>)> {
    raw_operations(doc)
        .into_iter()
        .map(|op| {
            let params = op.parameters().into_iter().map(|(_, p)| p).collect();
            (op.id, op.pointer, op.op, params)
        })
        .collect()
}

fn descriptions(doc: &Value, found: &mut Vec<LintFinding>) {
    let mut params_seen = BTreeSet::new();
    for (id, pointer, op, params) in operations(doc) {
        if !has_text(op, "description") {
            found.push(missing(
                Rule::Description,
                format!("operation {id} ({pointer})"),
                "has no description",
            ));
        }
        for param in params {
            let key = param
                .get("$ref")
                .map(Value::to_string)
                .unwrap_or_else(|| format!("{id}/{}", param["name"]));
            let param = resolve(doc, param);
            if params_seen.insert(key) && !has_text(param, "description") {
                found.push(missing(
                    Rule::Description,
                    format!("{id} parameter `{}`", param["name"].as_str().unwrap_or("?")),
                    "has no description",
                ));
            }
        }
    }
    for (name, schema) in doc["components"]["schemas"]
        .as_object()
        .into_iter()
        .flatten()
    {
        if !has_text(schema, "description") {
            found.push(missing(
                Rule::Description,
                format!("schema {name}"),
                "has no description",
            ));
        }
        properties_described(schema, &format!("schema {name}"), found);
    }
}

fn properties_described(schema: &Value, place: &str, found: &mut Vec<LintFinding>) {
    for (name, property) in schema["properties"].as_object().into_iter().flatten() {
        let place = format!("{place} property `{name}`");
        if property.get("$ref").is_none() && !has_text(property, "description") {
            found.push(missing(
                Rule::Description,
                place.clone(),
                "has no description",
            ));
        }
        properties_described(property, &place, found);
        if let Some(items) = property.get("items") {
            properties_described(items, &format!("{place}[items]"), found);
        }
    }
}

fn examples_present(doc: &Value, found: &mut Vec<LintFinding>) {
    let all = examples::examples(doc);
    for (name, schema) in doc["components"]["schemas"]
        .as_object()
        .into_iter()
        .flatten()
    {
        if schema.get("example").is_none() {
            found.push(missing(
                Rule::Example,
                format!("schema {name}"),
                "has no example",
            ));
        }
    }
    for (id, pointer, op, _) in operations(doc) {
        let own: Vec<&examples::Example> = all
            .iter()
            .filter(|e| e.operation.as_deref() == Some(id.as_str()))
            .collect();
        if own.is_empty() {
            found.push(missing(
                Rule::Example,
                format!("operation {id} ({pointer})"),
                "has no example",
            ));
            continue;
        }
        // A body other than the Error body deserves an example of its own.
        let is_error_body = |content: &Value| {
            content["application/json"]["schema"]["$ref"]
                .as_str()
                .is_some_and(|r| r.ends_with("/Error"))
        };
        let has_body = op.get("requestBody").is_some()
            || op["responses"]
                .as_object()
                .into_iter()
                .flatten()
                .any(|(_, r)| {
                    let content = &resolve(doc, r)["content"];
                    content.as_object().is_some_and(|c| !c.is_empty()) && !is_error_body(content)
                });
        let body_example = own.iter().any(|e| {
            let place = e.place.trim_start_matches(id.as_str()).trim_start();
            place.starts_with("request body (")
                || (place.starts_with("response 2") && place.contains(" ("))
        });
        if has_body && !body_example {
            found.push(missing(
                Rule::Example,
                format!("operation {id} ({pointer})"),
                "has a body but no body example",
            ));
        }
    }
}

fn examples_valid(doc: &Value, found: &mut Vec<LintFinding>) {
    let resource = examples::as_json_schema(doc);
    for example in examples::examples(doc) {
        let Some(schema) = &example.schema else {
            continue;
        };
        if let Err(problem) = examples::validate(&resource, schema, &example.value) {
            found.push(LintFinding {
                rule: Rule::ExampleValid,
                place: example.place,
                message: format!("{} does not fit {schema}: {problem}", example.value),
            });
        }
    }
}

/// PascalCase: an upper-case ASCII letter, then ASCII letters and digits.
pub fn is_pascal_case(id: &str) -> bool {
    id.chars().next().is_some_and(|c| c.is_ascii_uppercase())
        && id.chars().all(|c| c.is_ascii_alphanumeric())
}

fn operation_ids(spec: &Spec, found: &mut Vec<LintFinding>) {
    for op in spec.operations() {
        if !is_pascal_case(&op.id) {
            found.push(LintFinding {
                rule: Rule::OperationId,
                place: format!("{} {} ({})", op.method, op.path, op.pointer),
                message: format!(
                    "operationId `{}` is not an FC action name (PascalCase, like InvokeFunction)",
                    op.id
                ),
            });
        }
    }
}

fn errors(doc: &Value, found: &mut Vec<LintFinding>) {
    for (id, pointer, op, _) in operations(doc) {
        let responses = op["responses"].as_object().cloned().unwrap_or_default();
        let mut problem = |message: String| {
            found.push(LintFinding {
                rule: Rule::Errors,
                place: format!("operation {id} ({pointer}/responses)"),
                message,
            })
        };
        for status in responses.keys() {
            let is_error =
                status == "default" || status.starts_with('4') || status.starts_with('5');
            if is_error && status != "4XX" && status != "5XX" {
                problem(format!(
                    "declares `{status}`: declare errors as `4XX` and `5XX` (progenitor maps \
                     them to one error type; say the codes in the description)"
                ));
            }
        }
        for range in ["4XX", "5XX"] {
            let Some(response) = responses.get(range) else {
                problem(format!("declares no `{range}` answer"));
                continue;
            };
            let body = &resolve(doc, response)["content"]["application/json"]["schema"]["$ref"];
            if body.as_str() != Some("#/components/schemas/Error") {
                problem(format!(
                    "`{range}` is not an application/json `$ref: \"#/components/schemas/Error\"`"
                ));
            }
        }
    }
}
