//! drift's changes turned into findings: each of drift's messages gets a verdict for clients,
//! the unhandled ones through [`super::refine`]; then what drift does not compare
//! ([`super::supplement`]) and the levelling [`super::align`] did are added, an operation
//! removed and added under the same id becomes one move, and the list is put in report order.

use std::collections::BTreeSet;
use std::panic::{AssertUnwindSafe, catch_unwind};

use drift::{ChangeClass, ChangeComparison, ChangeInfo};
use serde_json::Value;

use super::align::{self, Aligned};
use super::place::{Usage, describe, join, operations_under, subject_of};
use super::refine::{self, Delta};
use super::{Class, Directions, Finding, Subject, supplement};
use crate::spec::{Spec, at};

pub(super) fn findings(base: &Spec, head: &Spec) -> Result<Vec<Finding>, String> {
    let aligned = align::align(base, head);
    let changes = run_drift(&aligned.old, &aligned.new)?;
    let usage = Usage::of(&[base, head]);
    let mut reached = BTreeSet::new();
    let mut findings = Vec::new();
    for change in &changes {
        let Some(first) = change.paths.first() else {
            continue;
        };
        let old_base = first.old.base_and_subpath().0.to_string();
        let new_base = first.new.base_and_subpath().0.to_string();
        reached.insert(old_base.clone());
        reached.insert(new_base.clone());
        let mut operations = BTreeSet::new();
        for path in &change.paths {
            if let Some(endpoint) = path.old.endpoint_base() {
                operations.extend(operations_under(base, endpoint));
            }
            if let Some(endpoint) = path.new.endpoint_base() {
                operations.extend(operations_under(head, endpoint));
            }
        }
        let reach = Reach {
            base,
            head,
            aligned: &aligned,
            usage: &usage,
            old_base: &old_base,
            new_base: &new_base,
            operations: &operations,
            comparisons: change.paths.iter().map(|p| p.comparison).collect(),
        };
        for info in &change.changes {
            findings.extend(reach.classify(info));
        }
    }
    findings.extend(aligned.findings.iter().cloned());
    findings.extend(supplement::findings(base, head, &reached));
    for finding in &mut findings {
        if let Some((operations, _)) = usage.of_component(&finding.pointer) {
            finding.operations.extend(operations);
        }
    }
    merge_moved_operations(base, head, &mut findings);
    dedupe(&mut findings);
    sort(head, base, &mut findings);
    Ok(findings)
}

fn run_drift(old: &Value, new: &Value) -> Result<Vec<drift::Change>, String> {
    match catch_unwind(AssertUnwindSafe(|| drift::compare(old, new))) {
        Ok(Ok(changes)) => Ok(changes),
        Ok(Err(e)) => Err(format!("drift could not compare the two specs: {e:#}")),
        Err(panic) => Err(format!(
            "drift stopped on a case it does not support ({}); compare by hand",
            super::panic_message(panic.as_ref())
        )),
    }
}

/// One drift change record: the component or operation both sides point at, the operations
/// that reach it and in which directions.
struct Reach<'a> {
    base: &'a Spec,
    head: &'a Spec,
    aligned: &'a Aligned,
    usage: &'a Usage,
    old_base: &'a str,
    new_base: &'a str,
    operations: &'a BTreeSet<String>,
    comparisons: BTreeSet<ChangeComparison>,
}

impl Reach<'_> {
    /// The directions a change at `subpath` travels in: inside an operation, by the part it
    /// is in (parameters and body are sent, responses received); in a component, by how the
    /// operations reach it (the `$ref` graph, else drift's paths).
    fn directions(&self, base: &str, subpath: &str) -> Directions {
        if base.starts_with("#/paths/") && !subpath.is_empty() {
            let answer = subpath.starts_with("responses");
            return Directions {
                request: !answer,
                answer,
            };
        }
        if let Some((_, dirs)) = self.usage.of_component(base) {
            return dirs;
        }
        let dirs = Directions {
            request: self.comparisons.contains(&ChangeComparison::Input),
            answer: self.comparisons.contains(&ChangeComparison::Output),
        };
        if dirs == Directions::default() {
            Directions::BOTH
        } else {
            dirs
        }
    }

    fn classify(&self, info: &ChangeInfo) -> Vec<Finding> {
        // An operation added or removed has `#/paths` on the other side.
        let (base, subpath, doc) = if self.new_base == "#/paths" {
            (self.old_base, info.old_subpath.as_str(), &self.aligned.old)
        } else {
            (self.new_base, info.new_subpath.as_str(), &self.aligned.new)
        };
        let old_value = at(&self.aligned.old, &join(self.old_base, &info.old_subpath));
        let new_value = at(&self.aligned.new, &join(self.new_base, &info.new_subpath));
        let dirs = self.directions(base, subpath);
        let subject = self.subject();
        let message = info.message.as_str();
        let one = |class, change: &str, reason: &str| {
            vec![Delta {
                class,
                member: String::new(),
                change: change.to_string(),
                reason: reason.to_string(),
            }]
        };
        let pair = |f: fn(&Value, &Value, Directions) -> Vec<Delta>| match (old_value, new_value) {
            (Some(o), Some(n)) => f(o, n, dirs),
            _ => Vec::new(),
        };
        let mut deltas = if message.starts_with("The operation ") && message.ends_with(" removed") {
            one(
                Class::Breaking,
                "operation removed",
                "clients that call it get an error",
            )
        } else if message.starts_with("The operation ") && message.ends_with(" added") {
            one(Class::Compatible, "operation added", "a new operation")
        } else if message.starts_with("The parameter '") && message.ends_with(" removed") {
            // Removed: the place is in the old document.
            return self.finish(
                &subject,
                (self.old_base, &info.old_subpath),
                &self.aligned.old,
                one(
                    Class::Breaking,
                    "removed",
                    "calls that set it break: the generated setter goes",
                ),
            );
        } else if message.starts_with("A new, required parameter") {
            one(
                Class::Breaking,
                "added, required",
                "calls without it are refused",
            )
        } else if message.starts_with("A new, optional parameter") {
            one(
                Class::Compatible,
                "added, optional",
                "a new optional parameter",
            )
        } else if message.ends_with("was optional and is now required") {
            let what = if message.starts_with("the body") {
                "request body now required"
            } else {
                "now required"
            };
            one(Class::Breaking, what, "calls without it are refused")
        } else if message.ends_with("was required and is now optional") {
            let what = if message.starts_with("the body") {
                "request body now optional"
            } else {
                "now optional"
            };
            one(Class::Compatible, what, "calls may now leave it out")
        } else if message.starts_with("Unhandled change to parameter schema or content") {
            one(
                Class::Breaking,
                "moved between `schema` and `content`",
                "the serialization changes",
            )
        } else if message.ends_with("body parameter was removed") {
            one(
                Class::Breaking,
                "request body removed",
                "calls that send one break: the generated body setter goes",
            )
        } else if message == "no body parameter was specified and now one is required" {
            one(
                Class::Breaking,
                "request body added, required",
                "calls without a body are refused",
            )
        } else if message == "no body parameter was specified and now one is accepted" {
            one(
                Class::Compatible,
                "request body added, optional",
                "calls may send one",
            )
        } else if message.starts_with("the body metadata") {
            one(
                Class::DocsOnly,
                "request body description or extensions changed",
                "documentation",
            )
        } else if message.contains("default response") {
            one(
                Class::Breaking,
                message,
                "drift cannot tell what a `default` answer covers; the house rules refuse it",
            )
        } else if let Some(status) =
            message.strip_prefix("operation no longer responds with status ")
        {
            vec![self.status_dropped(status)]
        } else if let Some(status) = message.strip_prefix("operation added a new response code ") {
            one(
                Class::Breaking,
                &format!("status {status} added"),
                "old clients were not told of it",
            )
        } else if message.ends_with(" schema changed")
            && ["string", "integer", "number", "boolean"]
                .iter()
                .any(|t| message.starts_with(t))
        {
            pair(refine::scalar)
        } else if (message.starts_with("array ") || message.starts_with("object "))
            && (message.contains("Items") || message.contains("Properties changed"))
        {
            pair(refine::bounds)
        } else if message == "object properties changed" {
            pair(refine::properties)
        } else if message == "object required properties changed" {
            pair(refine::required)
        } else if message.starts_with("schema metadata") {
            match (old_value, new_value) {
                (Some(o), Some(n)) => refine::metadata(o, n),
                _ => Vec::new(),
            }
        } else if message.starts_with("schema kind changed") && message.contains("equivalent enum")
        {
            one(
                Class::Compatible,
                "the same enum values, written another way",
                "the values sent and received are the same",
            )
        } else if message.starts_with("schema kind changed") || message == "schema types changed" {
            one(
                Class::Breaking,
                &format!("type changed ({message})"),
                "a value of the old type is not one of the new",
            )
        } else {
            Vec::new()
        };
        // A required set or property list whose every change is a property added or removed
        // is explained by the findings for those properties.
        let explained = matches!(
            message,
            "object required properties changed" | "object properties changed"
        ) && old_value.is_some()
            && new_value.is_some();
        if deltas.is_empty() && !explained {
            // Nothing we know explains it: keep drift's own verdict, and never call an
            // unexplained change harmless.
            let class = match info.class {
                ChangeClass::Trivial => Class::DocsOnly,
                ChangeClass::ForwardIncompatible => Class::Compatible,
                ChangeClass::BackwardIncompatible
                | ChangeClass::Incompatible
                | ChangeClass::Unhandled => Class::Breaking,
            };
            deltas = one(
                class,
                &format!("drift: {message}"),
                "drift's own verdict; fc3 has no finer rule for it: review by hand",
            );
        }
        self.finish(&subject, (base, subpath), doc, deltas)
    }

    /// A status the head no longer declares: given up, or a range (`2XX`) given up for
    /// single codes of it (200 and 202), which only says more precisely what clients get.
    fn status_dropped(&self, status: &str) -> Delta {
        let responses = at(&self.aligned.new, &format!("{}/responses", self.new_base));
        let singles: Vec<&str> = responses
            .and_then(Value::as_object)
            .into_iter()
            .flat_map(|m| m.keys())
            .map(String::as_str)
            .filter(|s| {
                status.ends_with("XX")
                    && s.len() == 3
                    && s[..1] == status[..1]
                    && !s.ends_with("XX")
            })
            .collect();
        let (change, reason) = if singles.is_empty() {
            (
                format!("status {status} no longer declared"),
                "clients never get it (a generated response type may change: see the surface)",
            )
        } else {
            (
                format!("status {status} is now declared as {}", singles.join(", ")),
                "every answer clients now get was covered by the range",
            )
        };
        Delta {
            class: Class::Compatible,
            member: String::new(),
            change,
            reason: reason.to_string(),
        }
    }

    /// What the change belongs to: the operation when either side is one (a parameter added
    /// by `$ref` is the operation's change, not the component's), else the component.
    fn subject(&self) -> Subject {
        let is_operation = |b: &str| b.starts_with("#/paths/");
        let base = if is_operation(self.new_base) || !is_operation(self.old_base) {
            if self.new_base == "#/paths" {
                self.old_base
            } else {
                self.new_base
            }
        } else {
            self.old_base
        };
        subject_of(base, self.base, self.head)
    }

    fn finish(
        &self,
        subject: &Subject,
        (base, subpath): (&str, &str),
        doc: &Value,
        deltas: Vec<Delta>,
    ) -> Vec<Finding> {
        deltas
            .into_iter()
            .map(|delta| {
                let subpath = match (subpath.is_empty(), delta.member.is_empty()) {
                    (_, true) => subpath.to_string(),
                    (true, false) => delta.member.clone(),
                    (false, false) => format!("{subpath}/{}", delta.member),
                };
                let mut pointer = join(base, &subpath);
                let mut place_doc = doc;
                if at(doc, &pointer).is_none() {
                    // Gone from this side (a removed property): say where it was.
                    let old = join(self.old_base, &subpath);
                    if at(&self.aligned.old, &old).is_some() {
                        pointer = old;
                        place_doc = &self.aligned.old;
                    }
                }
                Finding {
                    class: delta.class,
                    subject: subject.clone(),
                    place: describe(place_doc, base, &subpath),
                    change: delta.change,
                    reason: delta.reason,
                    pointer,
                    operations: self.operations.clone(),
                }
            })
            .collect()
    }
}

/// An operation drift saw removed and added under the same operationId moved: its path or
/// method changed.
fn merge_moved_operations(base: &Spec, head: &Spec, findings: &mut Vec<Finding>) {
    for old in base.operations() {
        let Some(new) = head.operations().into_iter().find(|op| op.id == old.id) else {
            continue;
        };
        if old.pointer == new.pointer {
            continue;
        }
        let is = |f: &Finding, change: &str| {
            f.subject == Subject::Operation(old.id.clone())
                && f.change == change
                && f.place.is_empty()
        };
        let removed = findings.iter().position(|f| is(f, "operation removed"));
        let added = findings.iter().position(|f| is(f, "operation added"));
        if let (Some(removed), Some(added)) = (removed, added) {
            findings[removed].change = format!(
                "moved from `{} {}` to `{} {}`",
                old.method, old.path, new.method, new.path
            );
            findings[removed].reason =
                "its path or method changed: calls made the old way fail".into();
            findings[removed].pointer = new.pointer.clone();
            findings.remove(added);
        }
    }
}

/// One finding per pointer, change and verdict (drift reports some changes once per keyword
/// and once per direction), with the operations of all.
fn dedupe(findings: &mut Vec<Finding>) {
    let mut kept: Vec<Finding> = Vec::new();
    for finding in findings.drain(..) {
        match kept.iter_mut().find(|f| {
            f.pointer == finding.pointer && f.change == finding.change && f.class == finding.class
        }) {
            Some(existing) => existing.operations.extend(finding.operations),
            None => kept.push(finding),
        }
    }
    *findings = kept;
}

/// Operations in the head's order (removed ones after), then components by kind and name,
/// then path items, then the document.
fn sort(head: &Spec, base: &Spec, findings: &mut [Finding]) {
    let head_ops = head.operations();
    let base_ops = base.operations();
    let rank = |subject: &Subject| -> (usize, usize, String) {
        match subject {
            Subject::Operation(id) => {
                let index = head_ops
                    .iter()
                    .position(|op| &op.id == id)
                    .or_else(|| {
                        base_ops
                            .iter()
                            .position(|op| &op.id == id)
                            .map(|i| i + head_ops.len())
                    })
                    .unwrap_or(usize::MAX);
                (0, index, String::new())
            }
            Subject::Component { kind, name } => {
                let kind_rank = ["schemas", "parameters", "requestBodies", "responses"]
                    .iter()
                    .position(|k| k == kind)
                    .unwrap_or(9);
                (1, kind_rank, name.clone())
            }
            Subject::Path(path) => (2, 0, path.clone()),
            Subject::Document => (3, 0, String::new()),
        }
    };
    findings.sort_by_key(|f| rank(&f.subject));
}
