//! The spec's operation table, as text for review and snapshots.
//!
//! One block per operation: the action (operationId), method and path, then every parameter
//! with where it goes, whether it is required, and its type and constraints, then the request
//! body and the responses. A spec change shows up here as a short, readable diff.

use std::fmt::Write as _;

use anyhow::{Result, bail};
use openapiv3::{
    OpenAPI, Parameter, ParameterSchemaOrContent, ReferenceOr, Schema, SchemaKind, Type,
};

/// Renders the operation table of `spec`.
pub fn operation_table(spec: &OpenAPI) -> Result<String> {
    let mut out = String::new();
    for (path, method, op) in spec.operations() {
        let Some(action) = &op.operation_id else {
            bail!("{} {path} has no operationId", method.to_uppercase());
        };
        writeln!(out, "{action}: {} {path}", method.to_uppercase())?;
        let path_params = match spec.paths.paths.get(path) {
            Some(ReferenceOr::Item(item)) => item.parameters.clone(),
            _ => Vec::new(),
        };
        for param in path_params.iter().chain(&op.parameters) {
            let param = resolve_parameter(spec, param)?;
            let data = param.parameter_data_ref();
            let location = match param {
                Parameter::Query { .. } => "query",
                Parameter::Header { .. } => "header",
                Parameter::Path { .. } => "path",
                Parameter::Cookie { .. } => "cookie",
            };
            let ty = match &data.format {
                ParameterSchemaOrContent::Schema(schema) => schema_text(spec, schema),
                ParameterSchemaOrContent::Content(_) => "content".to_string(),
            };
            let required = if data.required {
                "required"
            } else {
                "optional"
            };
            writeln!(out, "    {location} {} {required}: {ty}", data.name)?;
        }
        if let Some(body) = &op.request_body {
            let body = match body {
                ReferenceOr::Item(b) => b,
                ReferenceOr::Reference { reference } => bail!("unsupported body ref {reference}"),
            };
            for (mime, media) in &body.content {
                let ty = media
                    .schema
                    .as_ref()
                    .map(|s| schema_text(spec, s))
                    .unwrap_or_else(|| "none".to_string());
                writeln!(out, "    body {mime}: {ty}")?;
            }
        }
        for (status, response) in &op.responses.responses {
            let (name, response) = match response {
                ReferenceOr::Item(r) => (None, r),
                ReferenceOr::Reference { reference } => {
                    let name = reference.rsplit('/').next().unwrap_or(reference);
                    let found = spec
                        .components
                        .as_ref()
                        .and_then(|c| c.responses.get(name))
                        .and_then(ReferenceOr::as_item);
                    match found {
                        Some(r) => (Some(name), r),
                        None => bail!("{action}: unresolved response {reference}"),
                    }
                }
            };
            let content: Vec<String> = response
                .content
                .iter()
                .map(|(mime, media)| {
                    let ty = media
                        .schema
                        .as_ref()
                        .map(|s| schema_text(spec, s))
                        .unwrap_or_else(|| "none".to_string());
                    format!("{mime} {ty}")
                })
                .collect();
            let content = if content.is_empty() {
                "no body".to_string()
            } else {
                content.join(", ")
            };
            let headers: Vec<&str> = response.headers.keys().map(String::as_str).collect();
            let via = name.map(|n| format!(" ({n})")).unwrap_or_default();
            write!(out, "    {status}{via}: {content}")?;
            if !headers.is_empty() {
                write!(out, "; headers {}", headers.join(", "))?;
            }
            out.push('\n');
        }
        out.push('\n');
    }
    Ok(out)
}

fn resolve_parameter<'a>(
    spec: &'a OpenAPI,
    param: &'a ReferenceOr<Parameter>,
) -> Result<&'a Parameter> {
    match param {
        ReferenceOr::Item(p) => Ok(p),
        ReferenceOr::Reference { reference } => {
            let name = reference.rsplit('/').next().unwrap_or(reference);
            match spec
                .components
                .as_ref()
                .and_then(|c| c.parameters.get(name))
            {
                Some(ReferenceOr::Item(p)) => Ok(p),
                _ => bail!("unresolved parameter {reference}"),
            }
        }
    }
}

/// A schema in one line: a `$ref` by name (with its enum values or pattern when it is a
/// string), or the inline type with its format, constraints and default.
fn schema_text(spec: &OpenAPI, schema: &ReferenceOr<Schema>) -> String {
    match schema {
        ReferenceOr::Reference { reference } => {
            let name = reference.rsplit('/').next().unwrap_or(reference);
            let detail = spec
                .components
                .as_ref()
                .and_then(|c| c.schemas.get(name))
                .and_then(ReferenceOr::as_item)
                .map(inline_text)
                .unwrap_or_default();
            if detail.starts_with("object") || detail.is_empty() {
                name.to_string()
            } else {
                format!("{name} = {detail}")
            }
        }
        ReferenceOr::Item(schema) => inline_text(schema),
    }
}

fn inline_text(schema: &Schema) -> String {
    let mut text = match &schema.schema_kind {
        SchemaKind::Type(Type::String(s)) => {
            let mut t = String::from("string");
            if let openapiv3::VariantOrUnknownOrEmpty::Item(f) = &s.format {
                t = format!("string({f:?})").to_lowercase();
            } else if let openapiv3::VariantOrUnknownOrEmpty::Unknown(f) = &s.format {
                t = format!("string({f})");
            }
            if !s.enumeration.is_empty() {
                let values: Vec<&str> =
                    s.enumeration.iter().flatten().map(String::as_str).collect();
                t.push_str(&format!(" enum [{}]", values.join(", ")));
            }
            if let Some(p) = &s.pattern {
                t.push_str(&format!(" pattern {p}"));
            }
            if let Some(n) = s.min_length {
                t.push_str(&format!(" minLength {n}"));
            }
            if let Some(n) = s.max_length {
                t.push_str(&format!(" maxLength {n}"));
            }
            t
        }
        SchemaKind::Type(Type::Integer(i)) => {
            let mut t = match &i.format {
                openapiv3::VariantOrUnknownOrEmpty::Item(f) => {
                    format!("integer({f:?})").to_lowercase()
                }
                _ => "integer".to_string(),
            };
            match (i.minimum, i.maximum) {
                (Some(lo), Some(hi)) => t.push_str(&format!(" [{lo}, {hi}]")),
                (Some(lo), None) => t.push_str(&format!(" >= {lo}")),
                (None, Some(hi)) => t.push_str(&format!(" <= {hi}")),
                (None, None) => {}
            }
            t
        }
        SchemaKind::Type(Type::Boolean(_)) => "boolean".to_string(),
        SchemaKind::Type(Type::Number(_)) => "number".to_string(),
        SchemaKind::Type(Type::Object(_)) => "object".to_string(),
        SchemaKind::Type(Type::Array(_)) => "array".to_string(),
        _ => "schema".to_string(),
    };
    if let Some(default) = &schema.schema_data.default {
        text.push_str(&format!(" default {default}"));
    }
    text
}
