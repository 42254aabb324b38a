//! The spec's operation table, as text for review and snapshots.
//!
//! One block per operation: the action, method and path; when a failed attempt may be sent
//! again and how answers are paged; then every parameter with where it goes, whether it is
//! required, its type and constraints, its documented default, its fluent setter and what it
//! requires of the others; then the request body and the responses. It is rendered from the
//! same reading of the spec ([`crate::api`]) as the generated code, so a spec change shows up
//! here as a short, readable diff of what every layer will do.

use std::fmt::Write as _;

use anyhow::Result;
use openapiv3::OpenAPI;

use crate::api::{Api, ConstraintsDef};

/// Renders the operation table of `spec`.
pub fn operation_table(spec: &OpenAPI) -> Result<String> {
    let api = Api::from_spec(spec)?;
    let mut out = String::new();
    for op in &api.operations {
        writeln!(out, "{}: {} {}", op.action, op.method, op.path)?;
        write!(out, "    retry: {}", op.retry.class)?;
        for case in &op.retry.cases {
            write!(out, "; {} when {}", case.class, conditions(&case.when))?;
            if case.conflict_is_accepted {
                out.push_str(" (a 409 to a retry means accepted)");
            }
        }
        out.push('\n');
        if let Some((token, items)) = &op.pagination {
            writeln!(out, "    pages: token {token}, items {items}")?;
        }
        for param in &op.params {
            let required = if param.required {
                "required"
            } else {
                "optional"
            };
            let ty = match &param.schema_ref {
                Some(name) => format!("{name} = {}", constraints(&param.constraints)),
                None => constraints(&param.constraints),
            };
            write!(
                out,
                "    {} {} {required}: {ty}",
                param.location, param.wire
            )?;
            if let Some(default) = &param.default {
                write!(out, " (default {default})")?;
            }
            if param.setter != param.snake {
                write!(out, " [setter {}]", param.setter)?;
            }
            if !param.requires.is_empty() {
                write!(out, " [requires {}]", conditions(&param.requires))?;
            }
            if let Some(trace) = &param.trace {
                write!(out, " [traced as {trace}]")?;
            }
            out.push('\n');
        }
        if let Some(body) = &op.body {
            let kind = body.json_schema.as_deref().unwrap_or("bytes");
            let required = if body.required {
                "required"
            } else {
                "optional"
            };
            write!(out, "    body {required}: {kind} [setter {}]", body.setter)?;
            for limit in &body.limits {
                write!(out, "; at most {} bytes ({})", limit.bytes, limit.name)?;
                if !limit.when.is_empty() {
                    write!(out, " when {}", conditions(&limit.when))?;
                }
            }
            out.push('\n');
        }
        for response in &op.responses {
            let body = match &response.body {
                None => "no body".to_string(),
                Some(None) => "bytes".to_string(),
                Some(Some(schema)) => schema.clone(),
            };
            write!(out, "    {}: {body}", response.status)?;
            if !response.headers.is_empty() {
                write!(out, "; headers {}", response.headers.join(", "))?;
            }
            out.push('\n');
        }
        out.push('\n');
    }
    Ok(out)
}

fn conditions(when: &[(String, Option<String>)]) -> String {
    when.iter()
        .map(|(param, value)| match value {
            Some(v) => format!("{param} = {v}"),
            None => format!("{param} present"),
        })
        .collect::<Vec<_>>()
        .join(" and ")
}

/// A scalar's type and constraints in one line.
fn constraints(c: &ConstraintsDef) -> String {
    let mut text = match &c.format {
        Some(format) => format!("{}({format})", c.wire_type),
        None => c.wire_type.clone(),
    };
    if !c.values.is_empty() {
        write!(text, " enum [{}]", c.values.join(", ")).ok();
    }
    if let Some(pattern) = &c.pattern {
        write!(text, " pattern {pattern}").ok();
    }
    match (c.min_length, c.max_length) {
        (Some(min), Some(max)) => write!(text, " length [{min}, {max}]").ok(),
        (Some(min), None) => write!(text, " length >= {min}").ok(),
        (None, Some(max)) => write!(text, " length <= {max}").ok(),
        (None, None) => None,
    };
    match (c.minimum, c.maximum) {
        (Some(min), Some(max)) => write!(text, " [{min}, {max}]").ok(),
        (Some(min), None) => write!(text, " >= {min}").ok(),
        (None, Some(max)) => write!(text, " <= {max}").ok(),
        (None, None) => None,
    };
    if let Some(rule) = &c.rule {
        write!(text, " rule {rule}").ok();
    }
    text
}
