//! What drift does not compare, classed here: an operation's own fields (its operationId,
//! summary, description, tags, security, extensions), a parameter's description, examples,
//! serialization and path name, an answer's description and headers, the examples of bodies
//! and answers, the document's own fields, component schemas added or removed, and
//! component schemas drift reported nothing for (no operation reaches them, or the change is
//! one it does not look at, such as `nullable`).

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

use super::align::common_operations;
use super::place::{operations_under, subject_of};
use super::refine::{self, Delta};
use super::{Class, Directions, Finding};
use crate::spec::{Spec, at, child, path_parameters, raw_operations, reference_or, resolve};

/// How a change to one key of an object is classed.
type Rule = (&'static str, Class, &'static str);

const OPERATION_KEYS: &[Rule] = &[
    (
        "operationId",
        Class::Breaking,
        "the FC action (`x-acs-action`) and the generated method are renamed",
    ),
    ("summary", Class::DocsOnly, "documentation"),
    ("description", Class::DocsOnly, "documentation"),
    ("externalDocs", Class::DocsOnly, "documentation"),
    ("tags", Class::DocsOnly, "grouping in the documentation"),
    ("deprecated", Class::Compatible, "still served as before"),
    (
        "security",
        Class::Breaking,
        "how calls are signed or authorized changes",
    ),
    (
        "servers",
        Class::DocsOnly,
        "fc3-client resolves endpoints itself",
    ),
];

const PARAMETER_KEYS: &[Rule] = &[
    ("description", Class::DocsOnly, "documentation"),
    ("example", Class::DocsOnly, "documentation"),
    ("examples", Class::DocsOnly, "documentation"),
    ("deprecated", Class::Compatible, "still accepted as before"),
    (
        "style",
        Class::Breaking,
        "the value is serialized another way",
    ),
    (
        "explode",
        Class::Breaking,
        "the value is serialized another way",
    ),
    (
        "allowReserved",
        Class::Breaking,
        "the value is encoded another way",
    ),
    (
        "allowEmptyValue",
        Class::Breaking,
        "an empty value means something else",
    ),
];

const RESPONSE_KEYS: &[Rule] = &[
    ("description", Class::DocsOnly, "documentation"),
    ("links", Class::DocsOnly, "documentation"),
];

const MEDIA_KEYS: &[Rule] = &[
    ("example", Class::DocsOnly, "documentation"),
    ("examples", Class::DocsOnly, "documentation"),
    (
        "encoding",
        Class::Breaking,
        "the body is encoded another way",
    ),
];

const HEADER_KEYS: &[Rule] = &[
    ("description", Class::DocsOnly, "documentation"),
    ("example", Class::DocsOnly, "documentation"),
    ("examples", Class::DocsOnly, "documentation"),
    ("deprecated", Class::Compatible, "still sent as before"),
    (
        "required",
        Class::Breaking,
        "whether answers carry it changes",
    ),
];

const DOCUMENT_KEYS: &[Rule] = &[
    ("info", Class::DocsOnly, "documentation"),
    ("tags", Class::DocsOnly, "grouping in the documentation"),
    ("externalDocs", Class::DocsOnly, "documentation"),
    (
        "servers",
        Class::DocsOnly,
        "fc3-client resolves endpoints itself (crates/fc3-client/src/endpoint.rs): check they agree",
    ),
    (
        "security",
        Class::Breaking,
        "how calls are signed or authorized changes",
    ),
];

const ANSWER: Directions = Directions {
    request: false,
    answer: true,
};

/// Collects findings with the specs they are looked up in.
struct Collector<'a> {
    base: &'a Spec,
    head: &'a Spec,
    findings: Vec<Finding>,
}

impl Collector<'_> {
    fn push(&mut self, pointer: &str, place: String, delta: Delta, operations: &BTreeSet<String>) {
        self.findings.push(Finding {
            class: delta.class,
            subject: subject_of(pointer, self.base, self.head),
            place,
            change: delta.change,
            reason: delta.reason,
            pointer: pointer.to_string(),
            operations: operations.clone(),
        });
    }

    /// Each key of `rules` that differs between `old` and `new`, and every extension.
    fn keys(
        &mut self,
        (old, new): (&Value, &Value),
        rules: &[Rule],
        (pointer, place): (&str, &str),
        operations: &BTreeSet<String>,
    ) {
        for (key, class, reason) in rules {
            if old.get(key) != new.get(key) {
                let change = match (key, old.get(key), new.get(key)) {
                    (&"operationId", Some(o), Some(n)) => format!("operationId {o} → {n}"),
                    (_, None, Some(_)) => format!("{key} added"),
                    (_, Some(_), None) => format!("{key} removed"),
                    _ => format!("{key} changed"),
                };
                let delta = Delta {
                    class: *class,
                    member: String::new(),
                    change,
                    reason: reason.to_string(),
                };
                self.push(pointer, place.to_string(), delta, operations);
            }
        }
        let extensions = |v: &Value| -> BTreeMap<String, Value> {
            v.as_object()
                .into_iter()
                .flatten()
                .filter(|(k, _)| k.starts_with("x-"))
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect()
        };
        let (old_x, new_x) = (
            Value::from_iter(extensions(old)),
            Value::from_iter(extensions(new)),
        );
        for delta in refine::metadata(&old_x, &new_x) {
            self.push(pointer, place.to_string(), delta, operations);
        }
    }
}

pub(super) fn findings(base: &Spec, head: &Spec, reached: &BTreeSet<String>) -> Vec<Finding> {
    let mut out = Collector {
        base,
        head,
        findings: Vec::new(),
    };
    let (old_doc, new_doc) = (base.raw(), head.raw());
    for (old_op, new_op) in common_operations(base, head) {
        let operations = operations_under(head, &new_op);
        let (Some(old), Some(new)) = (at(old_doc, &old_op), at(new_doc, &new_op)) else {
            continue;
        };
        out.keys((old, new), OPERATION_KEYS, (&new_op, ""), &operations);
        parameters(&mut out, (&old_op, &new_op), &operations);
        let old_body = at(old_doc, &child(&old_op, "requestBody")).map(|b| resolve(old_doc, b));
        if let (Some(old_body), Some(new_body)) = (old_body, new.get("requestBody")) {
            let pointer = reference_or(new_body, child(&new_op, "requestBody"));
            media(
                &mut out,
                (old_body, resolve(new_doc, new_body)),
                (&pointer, "request body"),
                &operations,
            );
        }
        for (status, new_response) in new["responses"].as_object().into_iter().flatten() {
            let Some(old_response) = old["responses"].get(status) else {
                continue;
            };
            let pointer = reference_or(new_response, child(&child(&new_op, "responses"), status));
            response(
                &mut out,
                (
                    resolve(old_doc, old_response),
                    resolve(new_doc, new_response),
                ),
                (&pointer, &format!("response {status}")),
                &operations,
            );
        }
    }
    let none = BTreeSet::new();
    out.keys((old_doc, new_doc), DOCUMENT_KEYS, ("#", ""), &none);
    security_schemes(&mut out);
    schemas(&mut out, reached);
    out.findings
}

/// Each parameter both sides of an operation have: path parameters by their position in
/// the path (drift's pairing), the others by location and name.
fn parameters(
    out: &mut Collector<'_>,
    (old_op, new_op): (&str, &str),
    operations: &BTreeSet<String>,
) {
    let list = |doc: &Value, op: &str| -> BTreeMap<(String, String), (String, Value)> {
        let mut map = BTreeMap::new();
        let Some(op) = raw_operations(doc).into_iter().find(|o| o.pointer == op) else {
            return map;
        };
        let template = path_parameters(op.path).unwrap_or_default();
        for (entry, param) in op.parameters() {
            let pointer = reference_or(param, entry);
            let param = resolve(doc, param).clone();
            let name = param["name"].as_str().unwrap_or_default().to_string();
            let location = param["in"].as_str().unwrap_or_default().to_string();
            let key = if location == "path" {
                let index = template
                    .iter()
                    .position(|n| *n == name)
                    .unwrap_or(usize::MAX);
                (location, format!("#{index}"))
            } else {
                (location, name)
            };
            map.insert(key, (pointer, param));
        }
        map
    };
    let old = list(out.base.raw(), old_op);
    let new = list(out.head.raw(), new_op);
    for (key, (pointer, new_param)) in &new {
        let Some((_, old_param)) = old.get(key) else {
            continue;
        };
        let place = format!(
            "parameter `{}` ({})",
            new_param["name"].as_str().unwrap_or_default(),
            key.0
        );
        if old_param["name"] != new_param["name"] {
            let delta = Delta {
                class: Class::Breaking,
                member: String::new(),
                change: format!(
                    "path parameter renamed {} → {}",
                    old_param["name"], new_param["name"]
                ),
                reason: "the generated setter is renamed".into(),
            };
            out.push(pointer, place.clone(), delta, operations);
        }
        out.keys(
            (old_param, new_param),
            PARAMETER_KEYS,
            (pointer, &place),
            operations,
        );
    }
}

fn media(
    out: &mut Collector<'_>,
    (old, new): (&Value, &Value),
    (pointer, place): (&str, &str),
    operations: &BTreeSet<String>,
) {
    for (mime, new_media) in new["content"].as_object().into_iter().flatten() {
        if let Some(old_media) = old["content"].get(mime) {
            let pointer = child(&child(pointer, "content"), mime);
            out.keys(
                (old_media, new_media),
                MEDIA_KEYS,
                (&pointer, &format!("{place} ({mime})")),
                operations,
            );
        }
    }
}

fn response(
    out: &mut Collector<'_>,
    (old, new): (&Value, &Value),
    (pointer, place): (&str, &str),
    operations: &BTreeSet<String>,
) {
    out.keys((old, new), RESPONSE_KEYS, (pointer, place), operations);
    media(out, (old, new), (pointer, place), operations);
    let headers = |v: &Value| v["headers"].as_object().cloned().unwrap_or_default();
    let (old_headers, new_headers) = (headers(old), headers(new));
    let (old_doc, new_doc) = (out.base.raw(), out.head.raw());
    for (name, new_header) in &new_headers {
        let header_pointer = child(&child(pointer, "headers"), name);
        let header_place = format!("{place} header `{name}`");
        let Some(old_header) = old_headers.get(name) else {
            let delta = Delta {
                class: Class::Compatible,
                member: String::new(),
                change: "header added".into(),
                reason: "answers carry one more header".into(),
            };
            out.push(&header_pointer, header_place, delta, operations);
            continue;
        };
        let (old_header, new_header) = (resolve(old_doc, old_header), resolve(new_doc, new_header));
        out.keys(
            (old_header, new_header),
            HEADER_KEYS,
            (&header_pointer, &header_place),
            operations,
        );
        let (old_schema, new_schema) = (
            resolve(old_doc, &old_header["schema"]),
            resolve(new_doc, &new_header["schema"]),
        );
        if old_schema != new_schema {
            let mut deltas = refine::scalar(old_schema, new_schema, ANSWER);
            deltas.extend(refine::metadata(old_schema, new_schema));
            if old_schema["type"] != new_schema["type"] {
                deltas.push(Delta {
                    class: Class::Breaking,
                    member: String::new(),
                    change: format!("type {} → {}", old_schema["type"], new_schema["type"]),
                    reason: "a value of the old type is not one of the new".into(),
                });
            }
            for delta in deltas {
                out.push(&header_pointer, header_place.clone(), delta, operations);
            }
        }
    }
    for name in old_headers.keys().filter(|n| !new_headers.contains_key(*n)) {
        let delta = Delta {
            class: Class::Breaking,
            member: String::new(),
            change: "header removed".into(),
            reason: "clients that read it get nothing".into(),
        };
        out.push(
            &child(&child(pointer, "headers"), name),
            format!("{place} header `{name}`"),
            delta,
            operations,
        );
    }
}

fn security_schemes(out: &mut Collector<'_>) {
    let schemes = |spec: &Spec| {
        spec.raw()["components"]["securitySchemes"]
            .as_object()
            .cloned()
            .unwrap_or_default()
    };
    let (old, new) = (schemes(out.base), schemes(out.head));
    let none = BTreeSet::new();
    for name in old.keys().chain(new.keys()).collect::<BTreeSet<_>>() {
        let pointer = child("#/components/securitySchemes", name);
        let strip = |v: Option<&Value>| {
            let mut v = v.cloned().unwrap_or(Value::Null);
            if let Some(map) = v.as_object_mut() {
                map.remove("description");
            }
            v
        };
        let (class, change, reason) = if strip(old.get(name)) != strip(new.get(name)) {
            (
                Class::Breaking,
                "security scheme changed",
                "how calls are signed or authorized changes",
            )
        } else if old.get(name) != new.get(name) {
            (Class::DocsOnly, "description changed", "documentation")
        } else {
            continue;
        };
        let delta = Delta {
            class,
            member: String::new(),
            change: change.into(),
            reason: reason.into(),
        };
        out.push(&pointer, String::new(), delta, &none);
    }
}

/// Component schemas added, removed, or changed where drift reported nothing.
fn schemas(out: &mut Collector<'_>, reached: &BTreeSet<String>) {
    let (old_names, new_names) = (out.base.schema_names(), out.head.schema_names());
    let none = BTreeSet::new();
    for name in old_names.union(&new_names) {
        let pointer = child("#/components/schemas", name);
        let delta = match (old_names.contains(name), new_names.contains(name)) {
            (false, true) => vec![Delta {
                class: Class::Compatible,
                member: String::new(),
                change: "schema added".into(),
                reason: "a new model type".into(),
            }],
            (true, false) => vec![Delta {
                class: Class::Breaking,
                member: String::new(),
                change: "schema removed".into(),
                reason: "its model type goes".into(),
            }],
            _ if reached.contains(&pointer) => continue,
            _ => {
                let (Some(old), Some(new)) = (out.base.at(&pointer), out.head.at(&pointer)) else {
                    continue;
                };
                if old == new {
                    continue;
                }
                unreached(old, new)
            }
        };
        for delta in delta {
            out.push(&pointer, String::new(), delta, &none);
        }
    }
}

/// A changed schema drift did not report: its metadata classed as usual, anything else
/// breaking until a reviewer says otherwise.
fn unreached(old: &Value, new: &Value) -> Vec<Delta> {
    let mut deltas = refine::metadata(old, new);
    let strip = |v: &Value| {
        let mut v = v.clone();
        if let Some(map) = v.as_object_mut() {
            map.retain(|k, _| {
                !k.starts_with("x-")
                    && !matches!(
                        k.as_str(),
                        "description"
                            | "title"
                            | "example"
                            | "externalDocs"
                            | "default"
                            | "deprecated"
                    )
            });
        }
        v
    };
    if strip(old) != strip(new) || deltas.is_empty() {
        deltas.push(Delta {
            class: Class::Breaking,
            member: String::new(),
            change: "changed where drift reported nothing".into(),
            reason: "no operation reaches it, or drift does not look at the keyword (e.g. `nullable`): review by hand".into(),
        });
    }
    deltas
}
