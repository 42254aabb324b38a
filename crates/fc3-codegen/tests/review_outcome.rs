//! The spec review's outcome on the fixture spec: what acknowledges a breaking change, what
//! `--allow-breaking` does, how the generated surface's moves set the semver bump, the
//! report's text, and a head the generator refuses.

mod common;

use common::BASE;
use fc3_codegen::review::{self, Options, Outcome, Review};
use fc3_codegen::spec::Spec;

/// A breaking change (ThingInput.size narrowed, reached from PutThing) and a compatible one
/// (a new optional filter on ListThings).
fn breaking_and_compatible() -> String {
    let narrowed = BASE.replacen(
        "          maximum: 8\n          example: 3\n        label:\n          $ref: \"#/components/schemas/Label\"\n      example",
        "          maximum: 5\n          example: 3\n        label:\n          $ref: \"#/components/schemas/Label\"\n      example",
        1,
    );
    assert_ne!(narrowed, BASE);
    let filtered = narrowed.replacen(
        "          example: Ready\n      responses:",
        "          example: Ready\n        - name: prefix\n          in: query\n          required: false\n          description: Only things whose label starts so.\n          schema: {type: string}\n          example: a\n      responses:",
        1,
    );
    assert_ne!(filtered, narrowed);
    filtered
}

fn review_with(head: &str, changelog: Option<&str>, allow_breaking: bool) -> Review {
    let base = Spec::parse(BASE, "base.yaml").unwrap();
    let head = Spec::parse(head, "head.yaml").unwrap();
    review::review(
        &base,
        &head,
        Options {
            changelog,
            allow_breaking,
            version: "0.1.0",
        },
    )
    .expect("the review runs")
}

fn changelog(breaking: &str) -> String {
    format!(
        "# Changelog\n\n## [Unreleased]\n\n### Added\n- PutThing is faster.\n\n### Breaking\n{breaking}\n\n## [0.1.0] - 2026-01-01\n\n### Breaking\n- ThingInput, PutThing\n"
    )
}

#[test]
fn an_unacknowledged_breaking_change_fails() {
    let review = review_with(&breaking_and_compatible(), None, false);
    assert_eq!(review.outcome(), Outcome::Breaking);
    assert_eq!(review.unacknowledged_findings().count(), 1);
    let report = review.markdown();
    assert!(
        report.contains("**Verdict: breaking.** 1 breaking change(s) nothing acknowledges"),
        "{report}"
    );
    assert!(report.contains("there is no CHANGELOG.md"), "{report}");
    assert!(
        report.contains("(any of: `PutThing`, `ThingInput`)"),
        "{report}"
    );
}

#[test]
fn a_breaking_bullet_naming_the_schema_or_the_operation_acknowledges_it() {
    for bullet in [
        "- `ThingInput.size` is at most 5.",
        "- PutThing refuses sizes above 5.",
    ] {
        let text = changelog(bullet);
        let review = review_with(&breaking_and_compatible(), Some(&text), false);
        assert_eq!(review.outcome(), Outcome::Pass, "{bullet}");
        let report = review.markdown();
        assert!(
            report.contains("**Verdict: breaking, acknowledged.**"),
            "{report}"
        );
        assert!(
            report.contains("*(acknowledged in CHANGELOG.md)*"),
            "{report}"
        );
    }
}

#[test]
fn other_names_released_entries_and_other_sections_do_not_acknowledge() {
    // ThingInputs is another word; 0.1.0's Breaking and Unreleased's Added name the right
    // things but do not count.
    let text = changelog("- ThingInputs and GetThing changed.");
    let review = review_with(&breaking_and_compatible(), Some(&text), false);
    assert_eq!(review.outcome(), Outcome::Breaking);
    assert!(
        review
            .markdown()
            .contains("CHANGELOG.md now: 1 bullet(s) under `### Breaking`")
    );
    let without_section = "# Changelog\n\n## [Unreleased]\n\n### Added\n- ThingInput\n";
    let review = review_with(&breaking_and_compatible(), Some(without_section), false);
    assert_eq!(review.outcome(), Outcome::Breaking);
    assert!(
        review
            .markdown()
            .contains("has no `### Breaking` subsection")
    );
}

#[test]
fn allow_breaking_reports_but_passes() {
    let review = review_with(&breaking_and_compatible(), None, true);
    assert_eq!(review.outcome(), Outcome::Pass);
    assert!(
        review
            .markdown()
            .contains("**Verdict: breaking, allowed by `--allow-breaking`.**")
    );
}

#[test]
fn a_compatible_change_passes_with_the_bump_the_surface_needs() {
    let head = BASE.replacen(
        "          example: Ready\n      responses:",
        "          example: Ready\n        - name: prefix\n          in: query\n          required: false\n          description: d\n          schema: {type: string}\n      responses:",
        1,
    );
    let review = review_with(&head, None, false);
    assert_eq!(review.outcome(), Outcome::Pass);
    let report = review.markdown();
    assert!(
        report.contains("**Verdict: compatible.** Nothing breaks."),
        "{report}"
    );
    // A new optional setter (and its `set_` twin): a patch for fc3-client; fc3-models does
    // not move.
    assert!(
        report.contains(
            "`+ fn prefix(self, value: impl Into<String>) -> Self`: compatible, a new method"
        ),
        "{report}"
    );
    assert!(
        report.contains("**Semver:** fc3-models unchanged, fc3-client 0.1.0 → 0.1.1 (patch)."),
        "{report}"
    );
}

#[test]
fn a_new_optional_model_field_is_compatible_in_rust_too() {
    let head = BASE.replacen(
        "        state:\n          $ref: \"#/components/schemas/State\"\n",
        "        state:\n          $ref: \"#/components/schemas/State\"\n        color:\n          type: string\n          description: c\n",
        1,
    );
    let review = review_with(&head, None, false);
    assert_eq!(review.outcome(), Outcome::Pass);
    let report = review.markdown();
    assert!(
        report.contains(
            "`+ color: Option<String>  json \"color\"`: compatible, a new optional field"
        ),
        "{report}"
    );
    assert!(
        report.contains("fc3-models 0.1.0 → 0.1.1 (patch), fc3-client 0.1.0 → 0.1.1 (patch)"),
        "{report}"
    );
}

#[test]
fn a_breaking_surface_move_is_acknowledged_by_its_operation() {
    let head = BASE.replacen(
        "        - name: verbose\n          in: query\n          required: false",
        "        - name: verbose\n          in: query\n          required: true",
        1,
    );
    let review = review_with(&head, None, false);
    assert_eq!(review.unacknowledged_findings().count(), 1);
    // The entry point takes it, and its setters go: three moves, all the operation's.
    let moves: Vec<_> = review.unacknowledged_moves().collect();
    assert_eq!(moves.len(), 3, "{moves:#?}");
    assert!(moves.iter().all(|m| m.name == "GetThing"), "{moves:#?}");
    let report = review.markdown();
    assert!(
        report.contains(
            "`- fn get_thing(&self, name: fc3_models::Name) -> GetThing` → \
             `+ fn get_thing(&self, name: fc3_models::Name, verbose: bool) -> GetThing`: \
             **breaking**, its signature changed"
        ),
        "{report}"
    );
    let text = changelog("- GetThing needs `verbose`.");
    let review = review_with(&head, Some(&text), false);
    assert_eq!(review.outcome(), Outcome::Pass);
}

#[test]
fn docs_only_changes_need_a_patch_for_the_generated_docs() {
    let head = BASE.replacen(
        "      description: A label (sent and received).\n",
        "      description: A short label.\n",
        1,
    );
    let report = review_with(&head, None, false).markdown();
    assert!(report.contains("**Verdict: docs only.**"), "{report}");
    assert!(
        report.contains("fc3-models 0.1.0 → 0.1.1 (patch), fc3-client 0.1.0 → 0.1.1 (patch)"),
        "{report}"
    );
}

#[test]
fn a_head_the_generator_refuses_is_an_error_naming_the_place() {
    let base = Spec::parse(BASE, "base.yaml").unwrap();
    let head = BASE.replacen(
        "          example: Ready\n      responses:",
        "          example: Ready\n        - name: prefix\n          in: query\n          required: false\n          description: d\n          schema: {type: string, maxLength: 64}\n      responses:",
        1,
    );
    let head = Spec::parse(&head, "head.yaml").unwrap();
    let options = Options {
        changelog: None,
        allow_breaking: false,
        version: "0.1.0",
    };
    let error = review::review(&base, &head, options)
        .unwrap_err()
        .to_string();
    assert!(
        error.starts_with("head.yaml: the generator refuses it"),
        "{error}"
    );
    assert!(
        error.contains("ListThings parameter `prefix` (query)"),
        "{error}"
    );
    assert!(error.contains("an inline string with maxLength"), "{error}");
}
