//! Every example in the spec, with the schema it illustrates, and its validation against that
//! schema by the `jsonschema` crate (draft 4, which OpenAPI 3.0's schema object extends:
//! boolean `exclusiveMinimum`, `nullable` rewritten as a `"null"` type).

use percent_encoding::{AsciiSet, CONTROLS, utf8_percent_encode};
use serde_json::{Value, json};

use crate::spec::{child, raw_operations, reference_or, resolve};

/// One example: where it is, and the pointer of the schema it must satisfy.
#[derive(Debug, Clone, PartialEq)]
pub struct Example {
    /// Where, readable (`schema AsyncConfig`, `InvokeFunction parameter `qualifier``).
    pub place: String,
    /// The operation it belongs to, if any.
    pub operation: Option<String>,
    /// The example's value.
    pub value: Value,
    /// The schema's JSON pointer (`None` when nothing declares one, e.g. a media type
    /// without a schema).
    pub schema: Option<String>,
}

/// Every example of `doc`: component schemas and their properties, parameters, response
/// headers, request bodies and answers (`example` and each of `examples`).
pub fn examples(doc: &Value) -> Vec<Example> {
    let mut found = Vec::new();
    for (name, schema) in doc["components"]["schemas"]
        .as_object()
        .into_iter()
        .flatten()
    {
        let pointer = child("#/components/schemas", name);
        schema_examples(schema, &format!("schema {name}"), &pointer, &mut found);
    }
    for operation in raw_operations(doc) {
        let (op, op_pointer) = (operation.op, &operation.pointer);
        let action = operation.id.clone();
        let mut push = |place: String, value: &Value, schema: Option<String>| {
            found.push(Example {
                place: format!("{action} {place}"),
                operation: Some(action.clone()),
                value: value.clone(),
                schema,
            })
        };
        for (entry, param) in operation.parameters() {
            let pointer = reference_or(param, entry);
            let param = resolve(doc, param);
            let place = format!("parameter `{}`", param["name"].as_str().unwrap_or("?"));
            for value in values(param) {
                push(place.clone(), value, Some(child(&pointer, "schema")));
            }
        }
        let mut media = Vec::new();
        if let Some(body) = op.get("requestBody") {
            media.push((
                "request body".to_string(),
                reference_or(body, child(op_pointer, "requestBody")),
                resolve(doc, body),
            ));
        }
        for (status, response) in op["responses"].as_object().into_iter().flatten() {
            let pointer = reference_or(response, child(&child(op_pointer, "responses"), status));
            let response_value = resolve(doc, response);
            for (header, h) in response_value["headers"].as_object().into_iter().flatten() {
                let header_pointer = reference_or(h, child(&child(&pointer, "headers"), header));
                for value in values(resolve(doc, h)) {
                    push(
                        format!("response {status} header `{header}`"),
                        value,
                        Some(child(&header_pointer, "schema")),
                    );
                }
            }
            media.push((format!("response {status}"), pointer, response_value));
        }
        for (label, pointer, holder) in media {
            for (mime, content) in holder["content"].as_object().into_iter().flatten() {
                let media_pointer = child(&child(&pointer, "content"), mime);
                let schema = content
                    .get("schema")
                    .map(|_| child(&media_pointer, "schema"));
                for value in values(content) {
                    push(format!("{label} ({mime})"), value, schema.clone());
                }
            }
        }
    }
    found
}

/// An object's `example` and the `value` of each of its `examples`.
fn values(holder: &Value) -> Vec<&Value> {
    holder
        .get("example")
        .into_iter()
        .chain(
            holder["examples"]
                .as_object()
                .into_iter()
                .flatten()
                .filter_map(|(_, e)| e.get("value")),
        )
        .collect()
}

fn schema_examples(schema: &Value, place: &str, pointer: &str, found: &mut Vec<Example>) {
    if let Some(value) = schema.get("example") {
        found.push(Example {
            place: place.to_string(),
            operation: None,
            value: value.clone(),
            schema: Some(pointer.to_string()),
        });
    }
    for (name, property) in schema["properties"].as_object().into_iter().flatten() {
        schema_examples(
            property,
            &format!("{place} property `{name}`"),
            &child(&child(pointer, "properties"), name),
            found,
        );
    }
    if let Some(items) = schema.get("items") {
        schema_examples(
            items,
            &format!("{place}[items]"),
            &child(pointer, "items"),
            found,
        );
    }
}

/// The document as a JSON Schema (draft 4) resource: OpenAPI's `nullable: true` becomes a
/// `"null"` type (and a `null` enum value), so a `$ref` into it validates as OpenAPI means.
pub fn as_json_schema(doc: &Value) -> Value {
    let mut doc = doc.clone();
    rewrite_nullable(&mut doc);
    doc
}

fn rewrite_nullable(value: &mut Value) {
    match value {
        Value::Object(map) => {
            if map.remove("nullable") == Some(Value::Bool(true)) {
                if let Some(Value::String(ty)) = map.get("type").cloned() {
                    map.insert("type".into(), json!([ty, "null"]));
                }
                if let Some(Value::Array(values)) = map.get_mut("enum") {
                    values.push(Value::Null);
                }
            }
            for (key, v) in map.iter_mut() {
                if key != "example" && key != "examples" {
                    rewrite_nullable(v);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(rewrite_nullable),
        _ => {}
    }
}

/// Validates `example` against the schema at `pointer` of `resource` (from
/// [`as_json_schema`]); the errors, one per line, each with the instance path.
pub fn validate(resource: &Value, pointer: &str, example: &Value) -> Result<(), String> {
    // A `$ref` is a URI: the pointer's `{`, `}` and the like are percent-encoded in it.
    const FRAGMENT: &AsciiSet = &CONTROLS
        .add(b' ')
        .add(b'"')
        .add(b'#')
        .add(b'%')
        .add(b'<')
        .add(b'>')
        .add(b'\\')
        .add(b'^')
        .add(b'`')
        .add(b'{')
        .add(b'|')
        .add(b'}');
    let fragment = pointer.strip_prefix('#').unwrap_or(pointer);
    let reference = format!("#{}", utf8_percent_encode(fragment, FRAGMENT));
    let mut root = resource.clone();
    if let Some(map) = root.as_object_mut() {
        map.insert("$ref".into(), Value::String(reference));
    }
    let validator = jsonschema::draft4::options()
        .build(&root)
        .map_err(|e| format!("its schema {pointer} does not compile: {e}"))?;
    let errors: Vec<String> = validator
        .iter_errors(example)
        .map(|e| {
            let at = e.instance_path().to_string();
            if at.is_empty() {
                e.to_string()
            } else {
                format!("{at}: {e}")
            }
        })
        .collect();
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors.join("; "))
    }
}
