//! What drift 0.2 cannot be given: two bodies or answers with different media types (it
//! asserts they are the same, and stops at `todo!()` when one side has a schema and the
//! other none), and answers whose statuses moved between a range and single codes (it then
//! compares neither side's content).
//!
//! `align` classes those differences itself and hands drift copies of the two documents in
//! which they are levelled: a media type only one side has is dropped from that side's copy,
//! a schema only one side has is dropped from both, and a status one side declares on its own
//! while the other covers it by a range (`2XX`) or `default` gets the covering answer copied
//! under its code, so drift compares the content a client actually gets.

use std::collections::BTreeMap;

use serde_json::Value;

use super::place::{operations_under, subject_of};
use super::{Class, Finding};
use crate::spec::{Spec, at, child, raw_operations};

/// The two documents as drift should see them, and the findings levelling them produced.
pub(super) struct Aligned {
    pub old: Value,
    pub new: Value,
    pub findings: Vec<Finding>,
    /// The content holders (old, new) already levelled, with the findings they gave.
    levelled: BTreeMap<(String, String), Vec<usize>>,
}

pub(super) fn align(base: &Spec, head: &Spec) -> Aligned {
    let mut aligned = Aligned {
        old: base.raw().clone(),
        new: head.raw().clone(),
        findings: Vec::new(),
        levelled: BTreeMap::new(),
    };
    for (old_op, new_op) in common_operations(base, head) {
        align_statuses(&mut aligned, base, head, &old_op, &new_op);
        let (old_body, new_body) = localize(
            &mut aligned,
            &child(&old_op, "requestBody"),
            &child(&new_op, "requestBody"),
        );
        align_content(
            &mut aligned,
            (base, head),
            (&old_body, &new_body),
            &new_op,
            Side::Request,
        );
        let statuses: Vec<String> = aligned
            .new
            .pointer(&format!("{}/responses", &new_op[1..]))
            .and_then(Value::as_object)
            .map(|m| m.keys().cloned().collect())
            .unwrap_or_default();
        for status in statuses {
            let (old_response, new_response) = localize(
                &mut aligned,
                &child(&child(&old_op, "responses"), &status),
                &child(&child(&new_op, "responses"), &status),
            );
            align_content(
                &mut aligned,
                (base, head),
                (&old_response, &new_response),
                &new_op,
                Side::Answer,
            );
        }
    }
    aligned
}

/// Operations both specs have, paired as drift pairs them: by method and path with the
/// parameter names left out.
pub(super) fn common_operations(base: &Spec, head: &Spec) -> Vec<(String, String)> {
    let key = |path: &str, method: &str| {
        let mut route = String::new();
        let mut in_name = false;
        for c in path.chars() {
            match c {
                '{' => {
                    in_name = true;
                    route.push_str("{}");
                }
                '}' => in_name = false,
                c if !in_name => route.push(c),
                _ => {}
            }
        }
        (route, method.to_string())
    };
    let pointers = |spec: &Spec| -> BTreeMap<(String, String), String> {
        raw_operations(spec.raw())
            .into_iter()
            .map(|op| (key(op.path, op.method), op.pointer))
            .collect()
    };
    let old = pointers(base);
    let new = pointers(head);
    old.into_iter()
        .filter_map(|(k, old)| new.get(&k).map(|new| (old, new.clone())))
        .collect()
}

/// Where to level a body or an answer: the component both sides `$ref` when they name the
/// same one (levelled once for every operation that uses it), else each side's own copy, with
/// a `$ref` replaced by what it points to so that levelling it cannot touch a component
/// another operation shares.
fn localize(aligned: &mut Aligned, old: &str, new: &str) -> (String, String) {
    let reference = |doc: &Value, pointer: &str| {
        at(doc, pointer)
            .and_then(|v| v.get("$ref"))
            .and_then(Value::as_str)
            .map(str::to_string)
    };
    let (old_ref, new_ref) = (reference(&aligned.old, old), reference(&aligned.new, new));
    if old_ref.is_some() && old_ref == new_ref {
        return (
            final_pointer(&aligned.old, old),
            final_pointer(&aligned.new, new),
        );
    }
    for (doc, pointer) in [(&mut aligned.old, old), (&mut aligned.new, new)] {
        let resolved = at(doc, &final_pointer(doc, pointer)).cloned();
        if let (Some(resolved), Some(slot)) = (resolved, doc.pointer_mut(&pointer[1..])) {
            *slot = resolved;
        }
    }
    (old.to_string(), new.to_string())
}

/// `pointer`, or where the `$ref` chain at it ends.
fn final_pointer(doc: &Value, pointer: &str) -> String {
    let mut current = pointer.to_string();
    for _ in 0..32 {
        match at(doc, &current)
            .and_then(|v| v.get("$ref"))
            .and_then(Value::as_str)
        {
            Some(reference) => current = reference.to_string(),
            None => break,
        }
    }
    current
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Side {
    Request,
    Answer,
}

/// The status of `declared` that covers `status`: itself, its range (`2XX`), or `default`.
fn covering<'a>(status: &str, declared: &'a serde_json::Map<String, Value>) -> Option<&'a str> {
    let range = status
        .chars()
        .next()
        .filter(|_| status.len() == 3 && status[1..].chars().all(|c| c.is_ascii_digit()))
        .map(|c| format!("{c}XX"));
    [Some(status.to_string()), range, Some("default".to_string())]
        .into_iter()
        .flatten()
        .find_map(|s| declared.get_key_value(&s).map(|(k, _)| k.as_str()))
}

/// Declares `status` among `op`'s answers in `doc` as a copy of the answer that covers it
/// (resolved, so that levelling the copy cannot touch a shared component).
fn declare_as(doc: &mut Value, op: &str, status: &str, covering: &Value) {
    let copy = crate::spec::resolve(doc, covering).clone();
    if let Some(map) = doc
        .pointer_mut(&format!("{}/responses", &op[1..]))
        .and_then(Value::as_object_mut)
    {
        map.insert(status.to_string(), copy);
    }
}

fn align_statuses(aligned: &mut Aligned, base: &Spec, head: &Spec, old_op: &str, new_op: &str) {
    let responses = |doc: &Value, op: &str| {
        at(doc, &child(op, "responses"))
            .and_then(Value::as_object)
            .cloned()
            .unwrap_or_default()
    };
    let old = responses(&aligned.old, old_op);
    let new = responses(&aligned.new, new_op);
    let finding = |class, pointer: String, change: String, reason: &str, spec: &Spec| Finding {
        class,
        subject: subject_of(&pointer, base, head),
        place: String::new(),
        change,
        reason: reason.to_string(),
        operations: operations_under(spec, &pointer),
        pointer,
    };
    for (status, _) in new.iter().filter(|(s, _)| !old.contains_key(*s)) {
        if let Some(cover) = covering(status, &old) {
            declare_as(&mut aligned.old, old_op, status, &old[cover]);
            let f = finding(
                Class::Compatible,
                child(&child(new_op, "responses"), status),
                format!("status {status} is declared on its own (the base covered it by {cover})"),
                "clients were already told of this status; its content is compared with the covering one",
                head,
            );
            aligned.findings.push(f);
        }
    }
    for (status, _) in old.iter().filter(|(s, _)| !new.contains_key(*s)) {
        if let Some(cover) = covering(status, &new) {
            declare_as(&mut aligned.new, new_op, status, &new[cover]);
            let f = finding(
                Class::Compatible,
                child(&child(new_op, "responses"), cover),
                format!("status {status} is now covered by {cover}"),
                "the status is still declared, through the range; its content is compared with the range's",
                head,
            );
            aligned.findings.push(f);
        }
    }
}

fn align_content(
    aligned: &mut Aligned,
    (base, head): (&Spec, &Spec),
    (old_holder, new_holder): (&str, &str),
    new_op: &str,
    side: Side,
) {
    if at(&aligned.old, old_holder).is_none() || at(&aligned.new, new_holder).is_none() {
        // A body or status only one side has: drift compares that itself.
        return;
    }
    let key = (old_holder.to_string(), new_holder.to_string());
    let operations = operations_under(head, new_op);
    if let Some(indices) = aligned.levelled.get(&key) {
        // A component shared by several operations is levelled once; each adds its name.
        for &i in indices {
            aligned.findings[i]
                .operations
                .extend(operations.iter().cloned());
        }
        return;
    }
    // drift reads a missing content map as an empty one.
    let content = |doc: &Value, holder: &str| {
        at(doc, &child(holder, "content"))
            .and_then(Value::as_object)
            .cloned()
            .unwrap_or_default()
    };
    let old = content(&aligned.old, old_holder);
    let new = content(&aligned.new, new_holder);
    let what = match side {
        Side::Request => "the request body",
        Side::Answer => "the answer",
    };
    let mut found = Vec::new();
    for mime in old.keys().filter(|m| !new.contains_key(*m)) {
        found.push((
            Class::Breaking,
            child(&child(old_holder, "content"), mime),
            format!("{what} no longer comes as {mime}"),
            match side {
                Side::Request => "clients that send it so are refused",
                Side::Answer => "clients that read it so find nothing",
            },
        ));
        remove(&mut aligned.old, &child(old_holder, "content"), mime);
    }
    for mime in new.keys().filter(|m| !old.contains_key(*m)) {
        let (class, reason) = match side {
            Side::Request => (
                Class::Compatible,
                "one more way to send it; the old ones stay",
            ),
            Side::Answer if old.is_empty() => (
                Class::Breaking,
                "an answer that had no body now has one: the generated response type changes",
            ),
            Side::Answer => (
                Class::Breaking,
                "clients do not expect answers of this type",
            ),
        };
        found.push((
            class,
            child(&child(new_holder, "content"), mime),
            format!("{what} may come as {mime}"),
            reason,
        ));
        remove(&mut aligned.new, &child(new_holder, "content"), mime);
    }
    for mime in old.keys().filter(|m| new.contains_key(*m)) {
        let new_schema = new[mime].get("schema").is_some();
        if old[mime].get("schema").is_some() != new_schema {
            found.push((
                Class::Breaking,
                child(&child(new_holder, "content"), mime),
                format!(
                    "{what} ({mime}) {} a schema",
                    if new_schema {
                        "now has"
                    } else {
                        "no longer has"
                    }
                ),
                "what may be sent or received is no longer what it was",
            ));
            for (doc, holder) in [
                (&mut aligned.old, old_holder),
                (&mut aligned.new, new_holder),
            ] {
                let media = child(&child(holder, "content"), mime);
                if let Some(object) = doc.pointer_mut(&media[1..]).and_then(Value::as_object_mut) {
                    object.remove("schema");
                }
            }
        }
    }
    let first = aligned.findings.len();
    for (class, pointer, change, reason) in found {
        aligned.findings.push(Finding {
            class,
            subject: subject_of(&pointer, base, head),
            place: String::new(),
            change,
            reason: reason.to_string(),
            operations: operations.clone(),
            pointer,
        });
    }
    aligned
        .levelled
        .insert(key, (first..aligned.findings.len()).collect());
}

fn remove(doc: &mut Value, map_pointer: &str, key: &str) {
    if let Some(map) = doc
        .pointer_mut(&map_pointer[1..])
        .and_then(Value::as_object_mut)
    {
        map.remove(key);
    }
}
