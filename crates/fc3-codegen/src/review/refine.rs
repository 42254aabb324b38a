//! The verdicts drift leaves to us: it says "unhandled" for any change inside a string,
//! number, integer or boolean schema, for added or removed properties, a changed required
//! set, array and object bounds, and files every metadata change as trivial. Each function
//! here compares the two schemas drift pointed at, keyword by keyword, and classes each
//! difference by the directions the schema travels in:
//!
//! - narrower (a bound raised or lowered inward, a pattern added, an enum value removed)
//!   breaks requests: a request that was valid is refused; in answers it is compatible;
//! - wider breaks answers (the generated types check constraints when they parse, and old
//!   clients assume the old range); in requests it is compatible;
//! - a new enum value is compatible both ways: answers tolerate unknown values;
//! - a change that is neither narrower nor wider (a different pattern or format) breaks.

use std::collections::BTreeSet;

use serde_json::Value;

use super::{Class, Directions};

/// One difference found inside the schemas drift pointed at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Delta {
    pub class: Class,
    /// Where below drift's place, as a subpath (`properties/name`); empty for the place itself.
    pub member: String,
    pub change: String,
    pub reason: String,
}

impl Delta {
    fn new(class: Class, change: String, reason: &str) -> Self {
        Delta {
            class,
            member: String::new(),
            change,
            reason: reason.to_string(),
        }
    }

    fn at(mut self, member: String) -> Self {
        self.member = member;
        self
    }
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Movement {
    Narrowed,
    Widened,
    Changed,
}

fn by_direction(movement: Movement, dirs: Directions) -> (Class, &'static str) {
    match movement {
        Movement::Narrowed if dirs.request => (
            Class::Breaking,
            "narrowed: a request that was valid is now refused",
        ),
        Movement::Narrowed => (
            Class::Compatible,
            "narrowed: answers stay within what clients accept",
        ),
        Movement::Widened if dirs.answer => (
            Class::Breaking,
            "widened: answers may carry values old clients refuse (generated types check constraints)",
        ),
        Movement::Widened => (
            Class::Compatible,
            "widened: every request that was valid still is",
        ),
        Movement::Changed => (
            Class::Breaking,
            "changed, neither narrower nor wider: values that were valid may not be",
        ),
    }
}

/// A keyword's value for display: `64`, `"^a$"`, `(none)`.
fn show(value: Option<&Value>) -> String {
    match value {
        None | Some(Value::Null) => "(none)".into(),
        Some(v) => v.to_string(),
    }
}

fn number(value: Option<&Value>) -> Option<f64> {
    value.and_then(Value::as_f64)
}

/// How one constraint keyword moved, or `None` if it did not.
fn movement(keyword: &str, old: Option<&Value>, new: Option<&Value>) -> Option<Movement> {
    let (old, new) = (old.filter(|v| !v.is_null()), new.filter(|v| !v.is_null()));
    if old == new {
        return None;
    }
    let lower = |o: Option<f64>, n: Option<f64>| match (o, n) {
        (None, Some(_)) => Movement::Narrowed,
        (Some(_), None) => Movement::Widened,
        (Some(o), Some(n)) if n > o => Movement::Narrowed,
        _ => Movement::Widened,
    };
    Some(match keyword {
        "minLength" | "minimum" | "minItems" | "minProperties" => lower(number(old), number(new)),
        // A maximum narrows when it appears or falls: a minimum's mirror.
        "maxLength" | "maximum" | "maxItems" | "maxProperties" => {
            lower(number(old).map(|n| -n), number(new).map(|n| -n))
        }
        "exclusiveMinimum" | "exclusiveMaximum" | "uniqueItems" => {
            if new.and_then(Value::as_bool).unwrap_or(false) {
                Movement::Narrowed
            } else {
                Movement::Widened
            }
        }
        "pattern" | "multipleOf" => match (old, new) {
            (None, Some(_)) => Movement::Narrowed,
            (Some(_), None) => Movement::Widened,
            _ => Movement::Changed,
        },
        "format" => match (old.and_then(Value::as_str), new.and_then(Value::as_str)) {
            (Some("int32"), Some("int64")) => Movement::Widened,
            (Some("int64"), Some("int32")) => Movement::Narrowed,
            _ => Movement::Changed,
        },
        "additionalProperties" => {
            let closed = |v: Option<&Value>| v == Some(&Value::Bool(false));
            match (closed(old), closed(new)) {
                (false, true) => Movement::Narrowed,
                (true, false) => Movement::Widened,
                _ => Movement::Changed,
            }
        }
        _ => Movement::Changed,
    })
}

/// The keywords of a scalar (string, number, integer, boolean) schema drift does not look
/// into: enum values, format and every bound.
pub(super) fn scalar(old: &Value, new: &Value, dirs: Directions) -> Vec<Delta> {
    let mut deltas = enum_values(old, new, dirs);
    for keyword in [
        "format",
        "pattern",
        "minLength",
        "maxLength",
        "minimum",
        "maximum",
        "exclusiveMinimum",
        "exclusiveMaximum",
        "multipleOf",
    ] {
        deltas.extend(bound(keyword, old, new, dirs));
    }
    deltas
}

/// An array's or an object's bounds: `minItems`, `maxItems`, `uniqueItems`,
/// `minProperties`, `maxProperties`, `additionalProperties` (drift compares an
/// `additionalProperties` schema itself; the change from or to `false` comes here).
pub(super) fn bounds(old: &Value, new: &Value, dirs: Directions) -> Vec<Delta> {
    [
        "minItems",
        "maxItems",
        "uniqueItems",
        "minProperties",
        "maxProperties",
        "additionalProperties",
    ]
    .into_iter()
    .flat_map(|keyword| bound(keyword, old, new, dirs))
    .collect()
}

fn bound(keyword: &str, old: &Value, new: &Value, dirs: Directions) -> Option<Delta> {
    if keyword == "additionalProperties"
        && (old.get(keyword).is_some_and(Value::is_object)
            && new.get(keyword).is_some_and(Value::is_object))
    {
        return None;
    }
    let moved = movement(keyword, old.get(keyword), new.get(keyword))?;
    let (class, reason) = by_direction(moved, dirs);
    Some(Delta::new(
        class,
        format!(
            "{keyword} {} → {}",
            show(old.get(keyword)),
            show(new.get(keyword))
        ),
        reason,
    ))
}

fn enum_values(old: &Value, new: &Value, dirs: Directions) -> Vec<Delta> {
    let values =
        |v: &Value| -> Option<Vec<Value>> { v.get("enum").and_then(Value::as_array).cloned() };
    match (values(old), values(new)) {
        (None, None) => Vec::new(),
        (None, Some(_)) => {
            let (class, reason) = by_direction(Movement::Narrowed, dirs);
            vec![Delta::new(class, "now an enum".into(), reason)]
        }
        (Some(_), None) => {
            let (class, reason) = by_direction(Movement::Widened, dirs);
            vec![Delta::new(class, "no longer an enum".into(), reason)]
        }
        (Some(old), Some(new)) => {
            let mut deltas = Vec::new();
            for value in old.iter().filter(|v| !new.contains(v)) {
                let (class, reason) = if dirs.request {
                    (Class::Breaking, "a request that sends it is now refused")
                } else {
                    (
                        Class::Compatible,
                        "answers no longer carry it (the generated enum loses a variant: see the surface)",
                    )
                };
                deltas.push(Delta::new(
                    class,
                    format!("enum value {value} removed"),
                    reason,
                ));
            }
            for value in new.iter().filter(|v| !old.contains(v)) {
                let reason = if dirs.answer {
                    "a new value in answers: answers tolerate unknown values"
                } else {
                    "one more value a request may send"
                };
                deltas.push(Delta::new(
                    Class::Compatible,
                    format!("enum value {value} added"),
                    reason,
                ));
            }
            deltas
        }
    }
}

fn property_names(schema: &Value) -> BTreeSet<String> {
    schema["properties"]
        .as_object()
        .map(|m| m.keys().cloned().collect())
        .unwrap_or_default()
}

fn required_names(schema: &Value) -> BTreeSet<String> {
    schema["required"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .map(str::to_string)
        .collect()
}

/// Properties added or removed. A removal paired with exactly one addition of the same
/// schema reads as a rename.
pub(super) fn properties(old: &Value, new: &Value, dirs: Directions) -> Vec<Delta> {
    let old_names = property_names(old);
    let new_names = property_names(new);
    let removed: Vec<&String> = old_names.difference(&new_names).collect();
    let added: Vec<&String> = new_names.difference(&old_names).collect();
    let renamed = match (removed.as_slice(), added.as_slice()) {
        ([from], [to]) if old["properties"][from.as_str()] == new["properties"][to.as_str()] => {
            Some(((*from).clone(), (*to).clone()))
        }
        _ => None,
    };
    let mut deltas = Vec::new();
    for name in removed {
        let change = match &renamed {
            Some((_, to)) => format!("renamed to `{to}`"),
            None => "removed".to_string(),
        };
        deltas.push(
            Delta::new(
                Class::Breaking,
                change,
                "clients that send or read the field break",
            )
            .at(format!("properties/{name}")),
        );
    }
    let required = required_names(new);
    for name in added {
        if renamed.as_ref().is_some_and(|(_, to)| to == name) {
            continue;
        }
        let (class, change, reason) = match (required.contains(name), dirs.request) {
            (true, true) => (
                Class::Breaking,
                "added, required",
                "requests without the new field are refused",
            ),
            (true, false) => (
                Class::Compatible,
                "added, required",
                "answers carry one more field",
            ),
            (false, _) => (Class::Compatible, "added, optional", "a new optional field"),
        };
        deltas.push(Delta::new(class, change.into(), reason).at(format!("properties/{name}")));
    }
    deltas
}

/// Properties of both sides whose `required` membership changed (a property added or removed
/// is [`properties`]' finding), and required names no property declares.
pub(super) fn required(old: &Value, new: &Value, dirs: Directions) -> Vec<Delta> {
    let (old_names, new_names) = (property_names(old), property_names(new));
    let both: BTreeSet<String> = old_names.intersection(&new_names).cloned().collect();
    let old_required = required_names(old);
    let new_required = required_names(new);
    let mut deltas = Vec::new();
    for name in new_required.difference(&old_required) {
        if !new_names.contains(name) {
            deltas.push(Delta::new(
                Class::Breaking,
                format!("`{name}` required but declared nowhere"),
                "no value can satisfy the schema",
            ));
        }
    }
    for name in &both {
        let delta = match (old_required.contains(name), new_required.contains(name)) {
            (false, true) if dirs.request => Delta::new(
                Class::Breaking,
                "now required".into(),
                "requests without it are now refused",
            ),
            (false, true) => Delta::new(
                Class::Compatible,
                "now required".into(),
                "answers now always carry it",
            ),
            (true, false) if dirs.answer => Delta::new(
                Class::Breaking,
                "no longer required".into(),
                "answers may now leave it out",
            ),
            (true, false) => Delta::new(
                Class::Compatible,
                "no longer required".into(),
                "requests may now leave it out",
            ),
            _ => continue,
        };
        deltas.push(delta.at(format!("properties/{name}")));
    }
    deltas
}

/// The schema keywords that describe rather than constrain, and what a change to each means.
pub(super) fn metadata(old: &Value, new: &Value) -> Vec<Delta> {
    let keys: BTreeSet<&String> = old
        .as_object()
        .into_iter()
        .chain(new.as_object())
        .flat_map(|m| m.keys())
        .collect();
    let mut deltas = Vec::new();
    for key in keys {
        let (o, n) = (old.get(key.as_str()), new.get(key.as_str()));
        if o == n {
            continue;
        }
        let delta = match key.as_str() {
            "description" | "title" | "example" | "externalDocs" => {
                Delta::new(Class::DocsOnly, format!("{key} changed"), "documentation")
            }
            "default" => Delta::new(
                Class::Compatible,
                format!("default {} → {}", show(o), show(n)),
                "the documented default changed: a caller who leaves it out gets the new one",
            ),
            "deprecated" => Delta::new(
                Class::Compatible,
                format!("deprecated {} → {}", show(o), show(n)),
                "still accepted and sent as before",
            ),
            "readOnly" | "writeOnly" | "discriminator" | "nullable" => Delta::new(
                Class::Breaking,
                format!("{key} {} → {}", show(o), show(n)),
                "changes which values are sent or received",
            ),
            extension if extension.starts_with("x-fc3-") => Delta::new(
                Class::Compatible,
                format!("{extension} {} → {}", show(o), show(n)),
                "an fc3 extension: the generator or runtime may read it (see the surface below)",
            ),
            extension if extension.starts_with("x-") => Delta::new(
                Class::DocsOnly,
                format!("{extension} changed"),
                "a vendor extension fc3 does not read",
            ),
            _ => continue,
        };
        deltas.push(delta);
    }
    deltas
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const REQUEST: Directions = Directions {
        request: true,
        answer: false,
    };
    const ANSWER: Directions = Directions {
        request: false,
        answer: true,
    };

    fn classes(deltas: &[Delta]) -> Vec<(Class, &str)> {
        deltas
            .iter()
            .map(|d| (d.class, d.change.as_str()))
            .collect()
    }

    #[test]
    fn bounds_move_inward_or_outward() {
        let old = json!({"type": "integer", "minimum": 1, "maximum": 8});
        let narrower = json!({"type": "integer", "minimum": 2, "maximum": 5});
        let wider = json!({"type": "integer", "minimum": 0});
        assert_eq!(
            classes(&scalar(&old, &narrower, REQUEST)),
            [
                (Class::Breaking, "minimum 1 → 2"),
                (Class::Breaking, "maximum 8 → 5")
            ]
        );
        assert_eq!(
            classes(&scalar(&old, &narrower, ANSWER)),
            [
                (Class::Compatible, "minimum 1 → 2"),
                (Class::Compatible, "maximum 8 → 5")
            ]
        );
        assert_eq!(
            classes(&scalar(&old, &wider, REQUEST)),
            [
                (Class::Compatible, "minimum 1 → 0"),
                (Class::Compatible, "maximum 8 → (none)")
            ]
        );
        assert_eq!(
            classes(&scalar(&old, &wider, ANSWER))[1],
            (Class::Breaking, "maximum 8 → (none)")
        );
        let added_max = json!({"type": "integer", "minimum": 1, "maximum": 8, "multipleOf": 2});
        assert_eq!(
            classes(&scalar(&old, &added_max, REQUEST)),
            [(Class::Breaking, "multipleOf (none) → 2")]
        );
        let string = json!({"type": "string"});
        let capped = json!({"type": "string", "maxLength": 64, "pattern": "^a"});
        assert_eq!(
            classes(&scalar(&string, &capped, REQUEST)),
            [
                (Class::Breaking, "pattern (none) → \"^a\""),
                (Class::Breaking, "maxLength (none) → 64")
            ]
        );
        let repatterned = json!({"type": "string", "maxLength": 64, "pattern": "^b"});
        assert_eq!(
            classes(&scalar(&capped, &repatterned, ANSWER)),
            [(Class::Breaking, "pattern \"^a\" → \"^b\"")]
        );
    }

    #[test]
    fn enum_values_added_are_compatible_removed_break_requests() {
        let old = json!({"type": "string", "enum": ["a", "b"]});
        let new = json!({"type": "string", "enum": ["a", "c"]});
        assert_eq!(
            classes(&scalar(&old, &new, REQUEST)),
            [
                (Class::Breaking, "enum value \"b\" removed"),
                (Class::Compatible, "enum value \"c\" added")
            ]
        );
        assert_eq!(
            classes(&scalar(&old, &new, ANSWER)),
            [
                (Class::Compatible, "enum value \"b\" removed"),
                (Class::Compatible, "enum value \"c\" added")
            ]
        );
    }

    #[test]
    fn properties_added_removed_renamed_and_required() {
        let old = json!({"properties": {"a": {"type": "string"}, "b": {"type": "integer"}}});
        let renamed = json!({"properties": {"a": {"type": "string"}, "c": {"type": "integer"}}});
        let deltas = properties(&old, &renamed, REQUEST);
        assert_eq!(classes(&deltas), [(Class::Breaking, "renamed to `c`")]);
        assert_eq!(deltas[0].member, "properties/b");
        let grown = json!({"properties": {"a": {"type": "string"}, "b": {"type": "integer"},
            "n": {"type": "string"}, "r": {"type": "string"}}, "required": ["r"]});
        assert_eq!(
            classes(&properties(&old, &grown, REQUEST)),
            [
                (Class::Compatible, "added, optional"),
                (Class::Breaking, "added, required")
            ]
        );
        assert_eq!(
            classes(&properties(&old, &grown, ANSWER)),
            [
                (Class::Compatible, "added, optional"),
                (Class::Compatible, "added, required")
            ]
        );
        let a_required = json!({"properties": old["properties"], "required": ["a"]});
        assert_eq!(
            classes(&required(&old, &a_required, REQUEST)),
            [(Class::Breaking, "now required")]
        );
        assert_eq!(
            classes(&required(&a_required, &old, ANSWER)),
            [(Class::Breaking, "no longer required")]
        );
        assert_eq!(
            classes(&required(&a_required, &old, REQUEST)),
            [(Class::Compatible, "no longer required")]
        );
    }

    #[test]
    fn metadata_is_docs_unless_it_changes_what_is_sent() {
        let old = json!({"description": "a", "default": 20, "x-enum-descriptions": {}});
        let new = json!({"description": "b", "default": 50, "readOnly": true});
        assert_eq!(
            classes(&metadata(&old, &new)),
            [
                (Class::Compatible, "default 20 → 50"),
                (Class::DocsOnly, "description changed"),
                (Class::Breaking, "readOnly (none) → true"),
                (Class::DocsOnly, "x-enum-descriptions changed"),
            ]
        );
    }
}
