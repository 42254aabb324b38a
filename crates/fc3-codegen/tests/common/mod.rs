//! What the review tests share: the fixture, edits to it, and findings as text.
#![allow(dead_code)] // Each test file uses its own part.

use fc3_codegen::review::{self, Class, Finding, Subject};
use fc3_codegen::spec::Spec;

pub const BASE: &str = include_str!("../fixtures/review-base.yaml");

/// The fixture with each `(from, to)` replaced; each `from` must occur exactly once, so a
/// case cannot silently stop editing anything.
pub fn edited(edits: &[(&str, &str)]) -> String {
    let mut text = BASE.to_string();
    for (from, to) in edits {
        assert_eq!(
            text.matches(from).count(),
            1,
            "the fixture must hold {from:?} once"
        );
        text = text.replacen(from, to, 1);
    }
    text
}

pub fn specs(edits: &[(&str, &str)]) -> (Spec, Spec) {
    let base = Spec::parse(BASE, "base.yaml").expect("the fixture parses");
    let head = Spec::parse(&edited(edits), "head.yaml").expect("the edited fixture parses");
    (base, head)
}

/// Every finding as `verdict · subject · place · change`.
pub fn summary(findings: &[Finding]) -> Vec<String> {
    findings
        .iter()
        .map(|f| {
            let subject = match &f.subject {
                Subject::Operation(id) => id.clone(),
                Subject::Component { kind, name } => format!("{kind}/{name}"),
                Subject::Path(p) => format!("path {p}"),
                Subject::Document => "document".into(),
            };
            let class = match f.class {
                Class::Breaking => "breaking",
                Class::Compatible => "compatible",
                Class::DocsOnly => "docs",
            };
            format!("{class} · {subject} · {} · {}", f.place, f.change)
        })
        .collect()
}

pub fn changes(edits: &[(&str, &str)]) -> Vec<String> {
    let (base, head) = specs(edits);
    summary(&review::changes(&base, &head).expect("the review runs"))
}

/// The review of `edits` reversed: what the edited fixture becomes when the edit is undone.
pub fn undone(edits: &[(&str, &str)]) -> Vec<String> {
    let base = Spec::parse(&edited(edits), "base.yaml").unwrap();
    let head = Spec::parse(BASE, "head.yaml").unwrap();
    summary(&review::changes(&base, &head).expect("the review runs"))
}

// Fixture fragments the cases edit.
pub const VERBOSE: &str = "        - name: verbose\n          in: query\n          required: false\n          description: Whether to say more.\n          schema:\n            type: boolean\n          example: true\n";
pub const INPUT_LABEL: &str = "        label:\n          $ref: \"#/components/schemas/Label\"\n      example: {size: 3, label: a}\n";
pub const INPUT_SIZE_MAX: &str = "          maximum: 8\n          example: 3\n        label:\n          $ref: \"#/components/schemas/Label\"\n      example";
pub const ANSWER_SIZE_MAX: &str = "          maximum: 8\n          example: 3\n        label:\n          $ref: \"#/components/schemas/Label\"\n        state:";
pub const ANSWER_STATE: &str = "        state:\n          $ref: \"#/components/schemas/State\"\n";
pub const BODY: &str = "      requestBody:\n        required: true\n        description: The thing.\n        content:\n          application/json:\n            schema:\n              $ref: \"#/components/schemas/ThingInput\"\n            example: {size: 3, label: a}\n";
pub const LIST_STATE_PARAM: &str = "      parameters:\n        - name: state\n          in: query\n          required: false\n          description: Only things in this state.\n          schema:\n            $ref: \"#/components/schemas/State\"\n          example: Ready\n";
pub const EXTRA: &str = "    Extra:\n      type: string\n      description: Not used by any operation.\n      example: x\n    Error:\n";
