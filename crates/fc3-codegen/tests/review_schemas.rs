//! The spec review's classification of schemas, case by case: fields added, removed, renamed
//! and required; ranges and string constraints, which break requests when narrower and
//! answers when wider; enum values. Each test edits the fixture spec once and checks every
//! change the review reports.

mod common;

use common::*;
use fc3_codegen::review;
use fc3_codegen::spec::Spec;

// Request and answer fields.

#[test]
fn a_removed_request_field_breaks() {
    assert_eq!(
        changes(&[(INPUT_LABEL, "      example: {size: 3}\n")]),
        [
            "docs · schemas/ThingInput ·  · example changed",
            "breaking · schemas/ThingInput · property `label` · removed"
        ]
    );
}

#[test]
fn a_renamed_request_field_breaks() {
    assert_eq!(
        changes(&[(
            INPUT_LABEL,
            "        tag:\n          $ref: \"#/components/schemas/Label\"\n      example: {size: 3}\n"
        )]),
        [
            "docs · schemas/ThingInput ·  · example changed",
            "breaking · schemas/ThingInput · property `label` · renamed to `tag`"
        ]
    );
}

#[test]
fn a_removed_answer_field_breaks() {
    assert_eq!(
        changes(&[(ANSWER_STATE, "")]),
        ["breaking · schemas/Thing · property `state` · removed"]
    );
}

#[test]
fn a_new_optional_field_is_compatible_a_new_required_request_field_breaks() {
    let note =
        format!("        note:\n          type: string\n          description: n\n{INPUT_LABEL}");
    assert_eq!(
        changes(&[(INPUT_LABEL, &note)]),
        ["compatible · schemas/ThingInput · property `note` · added, optional"]
    );
    assert_eq!(
        changes(&[
            (INPUT_LABEL, &note),
            ("      required: [size]\n", "      required: [size, note]\n")
        ]),
        ["breaking · schemas/ThingInput · property `note` · added, required"]
    );
    let color =
        format!("{ANSWER_STATE}        color:\n          type: string\n          description: c\n");
    assert_eq!(
        changes(&[(ANSWER_STATE, &color)]),
        ["compatible · schemas/Thing · property `color` · added, optional"]
    );
}

#[test]
fn a_request_field_made_required_breaks_an_answer_field_made_optional_breaks() {
    let required = [(
        "      required: [size]\n",
        "      required: [size, label]\n",
    )];
    assert_eq!(
        changes(&required),
        ["breaking · schemas/ThingInput · property `label` · now required"]
    );
    assert_eq!(
        undone(&required),
        ["compatible · schemas/ThingInput · property `label` · no longer required"]
    );
    let answer = [(
        "      description: A stored thing (received only).\n",
        "      description: A stored thing (received only).\n      required: [size]\n",
    )];
    assert_eq!(
        changes(&answer),
        ["compatible · schemas/Thing · property `size` · now required"]
    );
    assert_eq!(
        undone(&answer),
        ["breaking · schemas/Thing · property `size` · no longer required"]
    );
}

#[test]
fn a_changed_type_breaks() {
    assert_eq!(
        changes(&[(
            "    Label:\n      type: string\n      description: A label (sent and received).\n      maxLength: 16\n      example: a\n",
            "    Label:\n      type: integer\n      description: A label (sent and received).\n      example: 1\n",
        )]),
        [
            "docs · schemas/Label ·  · example changed",
            "breaking · schemas/Label ·  · type changed (schema types changed)"
        ]
    );
}

// Ranges and constraints: narrower breaks requests, wider breaks answers.

#[test]
fn a_request_range_narrowed_breaks_widened_is_compatible() {
    assert_eq!(
        changes(&[(
            INPUT_SIZE_MAX,
            &INPUT_SIZE_MAX.replace("maximum: 8", "maximum: 5")
        )]),
        ["breaking · schemas/ThingInput · property `size` · maximum 8 → 5"]
    );
    assert_eq!(
        changes(&[(
            INPUT_SIZE_MAX,
            &INPUT_SIZE_MAX.replace("maximum: 8", "maximum: 16")
        )]),
        ["compatible · schemas/ThingInput · property `size` · maximum 8 → 16"]
    );
}

#[test]
fn an_answer_range_widened_breaks_narrowed_is_compatible() {
    assert_eq!(
        changes(&[(
            ANSWER_SIZE_MAX,
            &ANSWER_SIZE_MAX.replace("maximum: 8", "maximum: 16")
        )]),
        ["breaking · schemas/Thing · property `size` · maximum 8 → 16"]
    );
    assert_eq!(
        changes(&[(
            ANSWER_SIZE_MAX,
            &ANSWER_SIZE_MAX.replace("maximum: 8", "maximum: 5")
        )]),
        ["compatible · schemas/Thing · property `size` · maximum 8 → 5"]
    );
}

#[test]
fn a_shared_string_narrowed_breaks_requests() {
    assert_eq!(
        changes(&[("      maxLength: 16\n", "      maxLength: 8\n")]),
        ["breaking · schemas/Label ·  · maxLength 16 → 8"]
    );
    assert_eq!(
        changes(&[(
            "      maxLength: 64\n",
            "      maxLength: 64\n      pattern: ^[a-z]+$\n"
        )]),
        ["breaking · schemas/Name ·  · pattern (none) → \"^[a-z]+$\""]
    );
    // Name is only sent (a path parameter): dropping its limits is compatible.
    assert_eq!(
        changes(&[("      minLength: 1\n      maxLength: 64\n", "")]),
        [
            "compatible · schemas/Name ·  · minLength 1 → (none)",
            "compatible · schemas/Name ·  · maxLength 64 → (none)"
        ]
    );
}

// Enum values.

#[test]
fn a_request_enum_value_removed_breaks_added_is_compatible() {
    assert_eq!(
        changes(&[("      enum: [fast, safe]\n", "      enum: [fast]\n")]),
        ["breaking · schemas/Mode ·  · enum value \"safe\" removed"]
    );
    assert_eq!(
        changes(&[(
            "      enum: [fast, safe]\n",
            "      enum: [fast, safe, slow]\n"
        )]),
        ["compatible · schemas/Mode ·  · enum value \"slow\" added"]
    );
}

#[test]
fn a_new_answer_enum_value_is_compatible() {
    assert_eq!(
        changes(&[(
            "      enum: [Ready, Gone]\n",
            "      enum: [Ready, Gone, Busy]\n"
        )]),
        ["compatible · schemas/State ·  · enum value \"Busy\" added"]
    );
}

#[test]
fn an_enum_value_removed_breaks_only_where_it_is_sent() {
    // State is sent (ListThings' filter) and received (Thing.state).
    assert_eq!(
        changes(&[("      enum: [Ready, Gone]\n", "      enum: [Ready]\n")]),
        ["breaking · schemas/State ·  · enum value \"Gone\" removed"]
    );
    // Without the filter, on both sides, it is only received.
    let base = Spec::parse(&edited(&[(LIST_STATE_PARAM, "")]), "base.yaml").unwrap();
    let head = edited(&[
        (LIST_STATE_PARAM, ""),
        ("      enum: [Ready, Gone]\n", "      enum: [Ready]\n"),
    ]);
    let head = Spec::parse(&head, "head.yaml").unwrap();
    assert_eq!(
        summary(&review::changes(&base, &head).unwrap()),
        ["compatible · schemas/State ·  · enum value \"Gone\" removed"]
    );
}
