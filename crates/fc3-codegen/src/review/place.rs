//! Where a change is: the subject a JSON pointer belongs to, the operations it reaches, and a
//! readable name for the place inside the subject.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

use super::{Directions, Subject};
use crate::spec::{METHODS, Spec, at, child, raw_operations, resolve, unescape};

/// The subject a pointer belongs to, looked up in the head spec first, then the base.
pub(super) fn subject_of(pointer: &str, base: &Spec, head: &Spec) -> Subject {
    let segments = segments(pointer);
    match segments.as_slice() {
        [components, kind, name, ..] if components == "components" => Subject::Component {
            kind: kind.clone(),
            name: name.clone(),
        },
        [paths, path, method, ..] if paths == "paths" && METHODS.contains(&method.as_str()) => {
            let op = format!("#/paths/{}/{method}", crate::spec::escape(path));
            let id = [head, base]
                .iter()
                .find_map(|spec| spec.operation_at(&op))
                .map(|op| op.id)
                .unwrap_or_else(|| format!("{} {path}", method.to_uppercase()));
            Subject::Operation(id)
        }
        [paths, path, ..] if paths == "paths" => Subject::Path(path.clone()),
        _ => Subject::Document,
    }
}

/// The operations (by operationId) at or under `pointer` in `spec`: one for an operation's
/// pointer or anything inside it, every operation of a path item for the path item's pointer.
pub(super) fn operations_under(spec: &Spec, pointer: &str) -> BTreeSet<String> {
    spec.operations()
        .into_iter()
        .filter(|op| {
            op.pointer == pointer
                || op.pointer.starts_with(&format!("{pointer}/"))
                || pointer.starts_with(&format!("{}/", op.pointer))
        })
        .map(|op| op.id)
        .collect()
}

/// Which operations reach each component, sending it or receiving it: the `$ref` graph from
/// each operation's parameters and body (sent) and its answers (received). drift records only
/// the first operation that reaches a nested schema, so the report asks this instead.
#[derive(Debug, Default)]
pub(super) struct Usage {
    /// Component pointer (`#/components/schemas/X`) to (operation, sent) pairs, where `sent`
    /// is true for the request side.
    reached: BTreeMap<String, BTreeSet<(String, bool)>>,
}

impl Usage {
    /// The usage in both specs together.
    pub(super) fn of(specs: &[&Spec]) -> Usage {
        let mut usage = Usage::default();
        for spec in specs {
            let doc = spec.raw();
            for op in raw_operations(doc) {
                for (_, param) in op.parameters() {
                    usage.walk(doc, param, &op.id, true);
                }
                usage.walk(doc, &op.op["requestBody"], &op.id, true);
                usage.walk(doc, &op.op["responses"], &op.id, false);
            }
        }
        usage
    }

    fn walk(&mut self, doc: &Value, value: &Value, op: &str, sent: bool) {
        match value {
            Value::Object(map) => {
                if let Some(reference) = map.get("$ref").and_then(Value::as_str) {
                    let component: Vec<&str> = reference.splitn(5, '/').take(4).collect();
                    let component = component.join("/");
                    let first = self
                        .reached
                        .entry(component)
                        .or_default()
                        .insert((op.to_string(), sent));
                    if let (true, Some(target)) = (first, at(doc, reference)) {
                        self.walk(doc, target, op, sent);
                    }
                }
                for (key, v) in map {
                    if key != "example" && key != "examples" {
                        self.walk(doc, v, op, sent);
                    }
                }
            }
            Value::Array(items) => items.iter().for_each(|v| self.walk(doc, v, op, sent)),
            _ => {}
        }
    }

    /// The operations that reach the component `pointer` is in, and in which directions;
    /// `None` when `pointer` is not in a component.
    pub(super) fn of_component(&self, pointer: &str) -> Option<(BTreeSet<String>, Directions)> {
        if !pointer.starts_with("#/components/") {
            return None;
        }
        let component: Vec<&str> = pointer.splitn(5, '/').take(4).collect();
        let reached = self.reached.get(&component.join("/"))?;
        let operations = reached.iter().map(|(op, _)| op.clone()).collect();
        let dirs = Directions {
            request: reached.iter().any(|(_, sent)| *sent),
            answer: reached.iter().any(|(_, sent)| !*sent),
        };
        Some((operations, dirs))
    }
}

/// The unescaped segments of a `#/a/b` pointer.
pub(super) fn segments(pointer: &str) -> Vec<String> {
    pointer
        .trim_start_matches('#')
        .split('/')
        .filter(|s| !s.is_empty())
        .map(unescape)
        .collect()
}

/// `base` and drift's `subpath` joined into a pointer that resolves in the document (drift
/// names an operation's request body `request_body`; the document says `requestBody`).
pub(super) fn join(base: &str, subpath: &str) -> String {
    if subpath.is_empty() {
        return base.to_string();
    }
    let subpath = if base.starts_with("#/paths/") {
        match subpath.strip_prefix("request_body") {
            Some(rest) if rest.is_empty() || rest.starts_with('/') => format!("requestBody{rest}"),
            _ => subpath.to_string(),
        }
    } else {
        subpath.to_string()
    };
    format!("{base}/{subpath}")
}

/// A readable name for the place `subpath` names under `base` in `doc`: `parameter `limit`
/// (query)`, `request body (application/json) property `destinationConfig.onSuccess``,
/// `response 200 (application/json)`, `property `status``. Empty for the base itself.
pub(super) fn describe(doc: &Value, base: &str, subpath: &str) -> String {
    let segments: Vec<String> = subpath
        .split('/')
        .filter(|s| !s.is_empty())
        .map(unescape)
        .collect();
    let mut parts: Vec<String> = Vec::new();
    if base.starts_with("#/components/parameters/") {
        // A parameter component is named by the parameter it declares.
        let param = at(doc, base).map(|p| resolve(doc, p));
        let name = param.and_then(|p| p["name"].as_str()).unwrap_or("?");
        let location = param.and_then(|p| p["in"].as_str()).unwrap_or("?");
        parts.push(format!("parameter `{name}` ({location})"));
    }
    let mut field = String::new();
    let mut pointer = base.to_string();
    let mut i = 0;
    while i < segments.len() {
        let segment = segments[i].as_str();
        let next = segments.get(i + 1).map(String::as_str);
        match (segment, next) {
            ("parameters", Some(index)) => {
                pointer = child(&child(&pointer, "parameters"), index);
                let param = at(doc, &pointer).map(|p| resolve(doc, p));
                let name = param.and_then(|p| p["name"].as_str()).unwrap_or(index);
                let location = param.and_then(|p| p["in"].as_str()).unwrap_or("?");
                parts.push(format!("parameter `{name}` ({location})"));
                i += 1;
            }
            ("request_body" | "requestBody", _) => parts.push("request body".into()),
            ("responses", Some(status)) => {
                parts.push(format!("response {status}"));
                i += 1;
            }
            ("content", Some(mime)) => {
                parts.push(format!("({mime})"));
                i += 1;
            }
            ("headers", Some(name)) => {
                parts.push(format!("header `{name}`"));
                i += 1;
            }
            ("properties", Some(name)) => {
                if !field.is_empty() {
                    field.push('.');
                }
                field.push_str(name);
                i += 1;
            }
            ("items", _) => field.push_str("[]"),
            ("additionalProperties", _) => field.push_str("{*}"),
            ("allOf" | "oneOf" | "anyOf", Some(_)) => i += 1,
            ("schema" | "not", _) => {}
            (other, _) => parts.push(other.to_string()),
        }
        i += 1;
    }
    if !field.is_empty() {
        parts.push(format!("property `{field}`"));
    }
    parts.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn places_read_as_a_reviewer_says_them() {
        let doc = json!({"paths": {"/a": {"get": {"parameters": [
            {"name": "limit", "in": "query"},
            {"$ref": "#/components/parameters/Q"}
        ]}}}, "components": {"parameters": {"Q": {"name": "qualifier", "in": "query"}}}});
        let op = "#/paths/~1a/get";
        assert_eq!(
            describe(&doc, op, "parameters/0/schema"),
            "parameter `limit` (query)"
        );
        assert_eq!(
            describe(&doc, op, "parameters/1"),
            "parameter `qualifier` (query)"
        );
        assert_eq!(
            describe(
                &doc,
                op,
                "request_body/content/application~1json/schema/properties/a/items/properties/b"
            ),
            "request body (application/json) property `a[].b`"
        );
        assert_eq!(
            describe(&doc, "#/components/schemas/X", "properties/status"),
            "property `status`"
        );
        assert_eq!(describe(&doc, "#/components/schemas/X", ""), "");
        assert_eq!(
            join(op, "request_body/content"),
            "#/paths/~1a/get/requestBody/content"
        );
        assert_eq!(join("#/components/schemas/X", ""), "#/components/schemas/X");
    }
}
