//! The shapes the generator cannot render into the runtime crates.
//!
//! The client pass replaces every component schema by its `fc3_models` type; anything that
//! still needs a type of its own (an inline enum, an inline string with `pattern`,
//! `minLength` or `maxLength`, an inline object, an inline `oneOf`/`anyOf`/`allOf`) is then
//! generated inside fc3-client, with the model derives (`schemars::JsonSchema`) fc3-client
//! does not depend on: it fails to compile with an error that names nothing in the spec. In
//! a component schema's property the type lands in fc3-models instead, one per property, so
//! one fact would live in two places. Both are refused here, naming the place.

use serde_json::Value;

use crate::spec::{at, child, raw_operations, resolve};

/// One inline schema that needs a generated type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shape {
    /// Where, readable (`ListAsyncTasks parameter `prefix` (query)`).
    pub place: String,
    /// Its JSON pointer.
    pub pointer: String,
    /// What it is (`an inline string with maxLength`).
    pub what: String,
}

/// Every inline schema of `doc` that would need a generated type.
pub fn inline_types(doc: &Value) -> Vec<Shape> {
    let mut found = Vec::new();
    for operation in raw_operations(doc) {
        let (op, op_pointer, action) = (operation.op, &operation.pointer, operation.id.as_str());
        for (entry, param) in operation.parameters() {
            if param.get("$ref").is_some() {
                continue; // A component parameter is checked once, below.
            }
            let place = format!(
                "{action} parameter `{}` ({})",
                param["name"].as_str().unwrap_or("?"),
                param["in"].as_str().unwrap_or("?")
            );
            walk(
                &param["schema"],
                &place,
                &child(&entry, "schema"),
                &mut found,
            );
        }
        let body = op.get("requestBody").map(|b| resolve(doc, b));
        let responses = op["responses"]
            .as_object()
            .into_iter()
            .flatten()
            .filter(|(_, r)| r.get("$ref").is_none())
            .map(|(status, r)| {
                (
                    format!("response {status}"),
                    child(&child(op_pointer, "responses"), status),
                    r,
                )
            });
        let holders = body
            .filter(|_| op["requestBody"].get("$ref").is_none())
            .map(|b| {
                (
                    "request body".to_string(),
                    child(op_pointer, "requestBody"),
                    b,
                )
            })
            .into_iter()
            .chain(responses);
        for (label, pointer, holder) in holders {
            for (mime, media) in holder["content"].as_object().into_iter().flatten() {
                let place = format!("{action} {label} ({mime})");
                let pointer = child(&child(&child(&pointer, "content"), mime), "schema");
                walk(&media["schema"], &place, &pointer, &mut found);
            }
        }
    }
    for (name, param) in doc["components"]["parameters"]
        .as_object()
        .into_iter()
        .flatten()
    {
        let place = format!("parameter component {name}");
        let pointer = child(&child("#/components/parameters", name), "schema");
        walk(&param["schema"], &place, &pointer, &mut found);
    }
    for (name, schema) in doc["components"]["schemas"]
        .as_object()
        .into_iter()
        .flatten()
    {
        let pointer = child("#/components/schemas", name);
        members(schema, &format!("schema {name}"), &pointer, &mut found);
    }
    debug_assert!(found.iter().all(|s| at(doc, &s.pointer).is_some()));
    found
}

/// What an inline schema is, if it needs a type of its own.
fn needs_type(schema: &Value) -> Option<String> {
    if schema.get("$ref").is_some() {
        return None;
    }
    for key in ["oneOf", "anyOf", "allOf"] {
        if schema.get(key).is_some() {
            return Some(format!("an inline `{key}`"));
        }
    }
    if schema.get("enum").is_some() {
        return Some("an inline enum".into());
    }
    match schema["type"].as_str() {
        Some("string") => {
            let constraints: Vec<&str> = ["pattern", "minLength", "maxLength"]
                .into_iter()
                .filter(|k| schema.get(*k).is_some())
                .collect();
            (!constraints.is_empty())
                .then(|| format!("an inline string with {}", constraints.join(", ")))
        }
        Some("object") if schema.get("properties").is_some() => Some("an inline object".into()),
        _ => None,
    }
}

/// `schema` itself (a parameter's or a body's), then what it holds.
fn walk(schema: &Value, place: &str, pointer: &str, found: &mut Vec<Shape>) {
    if schema.is_null() {
        return;
    }
    if let Some(what) = needs_type(schema) {
        found.push(Shape {
            place: place.to_string(),
            pointer: pointer.to_string(),
            what,
        });
        return;
    }
    members(schema, place, pointer, found);
}

/// The schemas inside `schema`: array items and additional properties, and properties.
fn members(schema: &Value, place: &str, pointer: &str, found: &mut Vec<Shape>) {
    if schema.get("$ref").is_some() {
        return;
    }
    for key in ["items", "additionalProperties"] {
        if let Some(inner) = schema.get(key).filter(|v| v.is_object()) {
            walk(
                inner,
                &format!("{place}[{key}]"),
                &child(pointer, key),
                found,
            );
        }
    }
    for (name, property) in schema["properties"].as_object().into_iter().flatten() {
        walk(
            property,
            &format!("{place} property `{name}`"),
            &child(&child(pointer, "properties"), name),
            found,
        );
    }
}
