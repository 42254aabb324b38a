//! A spec read for review and lint: the typed document progenitor and drift read, the JSON
//! tree the checks walk by JSON pointer, and the checks that make a spec usable at all.
//!
//! `Spec::parse` refuses, naming the file and the place, what no later step could work with:
//! text that is not YAML or not an OpenAPI document, a version other than 3.0.x (progenitor
//! reads no other), a `$ref` that resolves to nothing, a path parameter declared in the path
//! but not among the parameters (or the other way round), an operation without an
//! `operationId` or two with the same one.

use std::collections::BTreeSet;
use std::fmt;

use openapiv3::OpenAPI;
use serde_json::Value;

/// The HTTP methods an OpenAPI path item may hold, in the order the spec lists them.
pub const METHODS: [&str; 8] = [
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

/// A parsed and validated spec.
#[derive(Debug, Clone)]
pub struct Spec {
    label: String,
    api: OpenAPI,
    raw: Value,
}

/// Why a spec cannot be used: the file (and revision) it came from, and the problem.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpecError {
    /// Where the text came from, e.g. `openapi/fc-2023-03-30.yaml at HEAD~1`.
    pub label: String,
    /// What is wrong, with the place in the document.
    pub problem: String,
}

impl fmt::Display for SpecError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.label, self.problem)
    }
}

impl std::error::Error for SpecError {}

/// One operation of a spec: its id, method, path and JSON pointer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OperationRef {
    /// The operationId (FC's action name).
    pub id: String,
    /// The method, upper-case (`GET`).
    pub method: String,
    /// The path template.
    pub path: String,
    /// The operation's JSON pointer, e.g. `#/paths/~1a~1{b}/get`.
    pub pointer: String,
}

impl Spec {
    /// Parses `text` (YAML or JSON) and checks it; `label` names the file in every error.
    pub fn parse(text: &str, label: &str) -> Result<Spec, SpecError> {
        let fail = |problem: String| SpecError {
            label: label.to_string(),
            problem,
        };
        let api: OpenAPI = serde_yaml::from_str(text)
            .map_err(|e| fail(format!("is not an OpenAPI document: {e}")))?;
        if !api.openapi.starts_with("3.0.") {
            return Err(fail(format!(
                "declares `openapi: {}`; progenitor reads OpenAPI 3.0.x only",
                api.openapi
            )));
        }
        let raw = serde_json::to_value(&api)
            .map_err(|e| fail(format!("cannot be represented as JSON: {e}")))?;
        let spec = Spec {
            label: label.to_string(),
            api,
            raw,
        };
        let mut problems = Vec::new();
        check_refs(&spec.raw, &spec.raw, "#", &mut problems);
        check_operations(&spec, &mut problems);
        if problems.is_empty() {
            Ok(spec)
        } else {
            Err(fail(problems.join("; ")))
        }
    }

    /// Where the spec came from.
    pub fn label(&self) -> &str {
        &self.label
    }

    /// The typed document.
    pub fn api(&self) -> &OpenAPI {
        &self.api
    }

    /// The document as JSON (the typed document serialized, so both views agree).
    pub fn raw(&self) -> &Value {
        &self.raw
    }

    /// The value at a JSON pointer (`#/components/schemas/Error`).
    pub fn at(&self, pointer: &str) -> Option<&Value> {
        at(&self.raw, pointer)
    }

    /// Every operation, in the spec's order.
    pub fn operations(&self) -> Vec<OperationRef> {
        self.api
            .operations()
            .map(|(path, method, op)| OperationRef {
                id: op.operation_id.clone().unwrap_or_default(),
                method: method.to_uppercase(),
                path: path.to_string(),
                pointer: format!("#/paths/{}/{method}", escape(path)),
            })
            .collect()
    }

    /// The operation at `pointer` (an operation's pointer, or anything below it).
    pub fn operation_at(&self, pointer: &str) -> Option<OperationRef> {
        self.operations()
            .into_iter()
            .find(|op| pointer == op.pointer || pointer.starts_with(&format!("{}/", op.pointer)))
    }

    /// The component schema names.
    pub fn schema_names(&self) -> BTreeSet<String> {
        self.raw["components"]["schemas"]
            .as_object()
            .map(|m| m.keys().cloned().collect())
            .unwrap_or_default()
    }
}

/// One operation of a JSON document, with the raw parts the walks over it need.
#[derive(Debug, Clone)]
pub struct RawOperation<'a> {
    /// Its operationId, or `METHOD path` when it has none.
    pub id: String,
    /// The path template.
    pub path: &'a str,
    /// The method, lower-case as the document keys it.
    pub method: &'static str,
    /// The operation's pointer (`#/paths/~1a/get`).
    pub pointer: String,
    /// Its path item's pointer (`#/paths/~1a`).
    pub item_pointer: String,
    /// The operation object.
    pub op: &'a Value,
    /// The path item object.
    pub item: &'a Value,
}

impl<'a> RawOperation<'a> {
    /// Its parameter entries, the path item's first, each with its pointer (a `$ref` entry as
    /// it is, unresolved).
    pub fn parameters(&self) -> Vec<(String, &'a Value)> {
        [(&self.item_pointer, self.item), (&self.pointer, self.op)]
            .into_iter()
            .flat_map(|(holder, value)| {
                value["parameters"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .enumerate()
                    .map(move |(i, param)| (format!("{holder}/parameters/{i}"), param))
            })
            .collect()
    }
}

/// Every operation of `doc`, path by path (in the document's key order), methods in
/// [`METHODS`] order.
pub fn raw_operations(doc: &Value) -> Vec<RawOperation<'_>> {
    let mut ops = Vec::new();
    for (path, item) in doc["paths"].as_object().into_iter().flatten() {
        let item = resolve(doc, item);
        let item_pointer = child("#/paths", path);
        for method in METHODS {
            let Some(op) = item.get(method) else { continue };
            let id = op["operationId"]
                .as_str()
                .map(str::to_string)
                .unwrap_or_else(|| format!("{} {path}", method.to_uppercase()));
            ops.push(RawOperation {
                id,
                path,
                method,
                pointer: child(&item_pointer, method),
                item_pointer: item_pointer.clone(),
                op,
                item,
            });
        }
    }
    ops
}

/// Where `value` is: its `$ref` when it is one, else `pointer`.
pub fn reference_or(value: &Value, pointer: String) -> String {
    match value.get("$ref").and_then(Value::as_str) {
        Some(reference) => reference.to_string(),
        None => pointer,
    }
}

/// The value at a JSON pointer written `#/a/b` (or `/a/b`) in `doc`.
pub fn at<'a>(doc: &'a Value, pointer: &str) -> Option<&'a Value> {
    let pointer = pointer.strip_prefix('#').unwrap_or(pointer);
    doc.pointer(pointer)
}

/// `value`, or what its `$ref` chain points to in `doc` (at most 32 hops; `Null` if broken).
pub fn resolve<'a>(doc: &'a Value, value: &'a Value) -> &'a Value {
    let mut current = value;
    for _ in 0..32 {
        match current.get("$ref").and_then(Value::as_str) {
            Some(reference) => current = at(doc, reference).unwrap_or(&Value::Null),
            None => return current,
        }
    }
    &Value::Null
}

/// A JSON pointer segment escaped per RFC 6901.
pub fn escape(segment: &str) -> String {
    segment.replace('~', "~0").replace('/', "~1")
}

/// A JSON pointer segment unescaped per RFC 6901.
pub fn unescape(segment: &str) -> String {
    segment.replace("~1", "/").replace("~0", "~")
}

/// `pointer` with `segment` appended (escaped).
pub fn child(pointer: &str, segment: &str) -> String {
    format!("{pointer}/{}", escape(segment))
}

/// The last segment of a `$ref` (`#/components/schemas/Error` gives `Error`).
pub fn ref_name(reference: &str) -> &str {
    reference.rsplit('/').next().unwrap_or(reference)
}

fn check_refs(doc: &Value, value: &Value, pointer: &str, problems: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            if let Some(reference) = map.get("$ref").and_then(Value::as_str) {
                if !reference.starts_with("#/") {
                    problems.push(format!(
                        "{pointer}: `$ref: {reference}` is not a local reference (#/...)"
                    ));
                } else if at(doc, reference).is_none() {
                    problems.push(format!(
                        "{pointer}: `$ref: {reference}` resolves to nothing"
                    ));
                }
            }
            for (key, v) in map {
                // Examples are data, not schema: a `$ref` key there is just a value.
                if key != "example" && key != "examples" {
                    check_refs(doc, v, &child(pointer, key), problems);
                }
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                check_refs(doc, v, &format!("{pointer}/{i}"), problems);
            }
        }
        _ => {}
    }
}

fn check_operations(spec: &Spec, problems: &mut Vec<String>) {
    let raw = &spec.raw;
    let mut seen = BTreeSet::new();
    let mut unbalanced = BTreeSet::new();
    for op in raw_operations(raw) {
        let Some(template) = path_parameters(op.path) else {
            if unbalanced.insert(op.path) {
                problems.push(format!(
                    "path `{}`: unbalanced `{{` or `}}` in the template",
                    op.path
                ));
            }
            continue;
        };
        let place = format!("{} {}", op.method.to_uppercase(), op.path);
        match op.op.get("operationId").and_then(Value::as_str) {
            None => problems.push(format!("{place}: no operationId")),
            Some(id) if !seen.insert(id.to_string()) => {
                problems.push(format!("{place}: operationId {id} is used twice"))
            }
            Some(_) => {}
        }
        let declared: BTreeSet<String> = op
            .parameters()
            .into_iter()
            .map(|(_, p)| resolve(raw, p))
            .filter(|p| p["in"] == "path")
            .filter_map(|p| p["name"].as_str().map(str::to_string))
            .collect();
        let template: BTreeSet<String> = template.into_iter().collect();
        for name in template.difference(&declared) {
            problems.push(format!(
                "{place}: path parameter `{name}` is in the path but not declared"
            ));
        }
        for name in declared.difference(&template) {
            problems.push(format!(
                "{place}: path parameter `{name}` is declared but not in the path"
            ));
        }
    }
}

/// The `{names}` of a path template, in order; `None` if its braces do not pair up.
pub fn path_parameters(path: &str) -> Option<Vec<String>> {
    let mut names = Vec::new();
    let mut rest = path;
    loop {
        match (rest.find('{'), rest.find('}')) {
            (None, None) => return Some(names),
            (Some(open), Some(close)) if open < close => {
                let name = &rest[open + 1..close];
                if name.is_empty() || name.contains('{') {
                    return None;
                }
                names.push(name.to_string());
                rest = &rest[close + 1..];
            }
            _ => return None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MINIMAL: &str = r##"
openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /a/{b}:
    get:
      operationId: GetA
      parameters:
        - {name: b, in: path, required: true, schema: {type: string}}
      responses:
        "200": {description: ok}
"##;

    fn problem(text: &str) -> String {
        Spec::parse(text, "spec.yaml").unwrap_err().to_string()
    }

    #[test]
    fn a_valid_spec_parses() {
        let spec = Spec::parse(MINIMAL, "spec.yaml").unwrap();
        let ops = spec.operations();
        assert_eq!(ops.len(), 1);
        assert_eq!(ops[0].id, "GetA");
        assert_eq!(ops[0].pointer, "#/paths/~1a~1{b}/get");
        assert!(spec.at(&ops[0].pointer).is_some());
    }

    #[test]
    fn each_problem_names_the_file_and_the_place() {
        assert!(problem("openapi: [").starts_with("spec.yaml: is not an OpenAPI document"));
        assert!(
            problem(&MINIMAL.replace("3.0.3", "3.1.0"))
                .contains("declares `openapi: 3.1.0`; progenitor reads OpenAPI 3.0.x only")
        );
        let bad_ref = MINIMAL.replace("{type: string}", r##"{$ref: "#/components/schemas/Nope"}"##);
        assert!(
            problem(&bad_ref).contains(
                "#/paths/~1a~1{b}/get/parameters/0/schema: `$ref: #/components/schemas/Nope` resolves to nothing"
            ),
            "{}",
            problem(&bad_ref)
        );
        assert!(
            problem(&MINIMAL.replace("/a/{b}:", "/a/{c}:"))
                .contains("GET /a/{c}: path parameter `c` is in the path but not declared")
        );
        assert!(problem(&MINIMAL.replace("/a/{b}:", "/a/{b:")).contains("unbalanced"));
        assert!(
            problem(&MINIMAL.replace("operationId: GetA", "summary: x"))
                .contains("GET /a/{b}: no operationId")
        );
    }
}
