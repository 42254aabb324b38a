//! The spec review's classification, case by case: each test edits the fixture spec
//! (`fixtures/review-base.yaml`) once and checks every change the review reports, with its
//! verdict, subject and place. Then the acknowledgement rules, the report, and the generated
//! surface of one change.

use fc3_codegen::review::{self, Class, Finding, Options, Outcome, Subject};
use fc3_codegen::spec::Spec;

const BASE: &str = include_str!("fixtures/review-base.yaml");

/// The fixture with each `(from, to)` replaced; each `from` must occur exactly once, so a
/// case cannot silently stop editing anything.
fn edited(edits: &[(&str, &str)]) -> String {
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

fn specs(edits: &[(&str, &str)]) -> (Spec, Spec) {
    let base = Spec::parse(BASE, "base.yaml").expect("the fixture parses");
    let head = Spec::parse(&edited(edits), "head.yaml").expect("the edited fixture parses");
    (base, head)
}

/// Every finding as `verdict · subject · place · change`.
fn summary(findings: &[Finding]) -> Vec<String> {
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

fn changes(edits: &[(&str, &str)]) -> Vec<String> {
    let (base, head) = specs(edits);
    summary(&review::changes(&base, &head).expect("the review runs"))
}

/// The review of `edits` reversed: what the edited fixture becomes when the edit is undone.
fn undone(edits: &[(&str, &str)]) -> Vec<String> {
    let base = Spec::parse(&edited(edits), "base.yaml").unwrap();
    let head = Spec::parse(BASE, "head.yaml").unwrap();
    summary(&review::changes(&base, &head).expect("the review runs"))
}

// Fixture fragments the cases edit.
const VERBOSE: &str = "        - name: verbose\n          in: query\n          required: false\n          description: Whether to say more.\n          schema:\n            type: boolean\n          example: true\n";
const INPUT_LABEL: &str = "        label:\n          $ref: \"#/components/schemas/Label\"\n      example: {size: 3, label: a}\n";
const INPUT_SIZE_MAX: &str = "          maximum: 8\n          example: 3\n        label:\n          $ref: \"#/components/schemas/Label\"\n      example";
const ANSWER_SIZE_MAX: &str = "          maximum: 8\n          example: 3\n        label:\n          $ref: \"#/components/schemas/Label\"\n        state:";
const ANSWER_STATE: &str = "        state:\n          $ref: \"#/components/schemas/State\"\n";
const BODY: &str = "      requestBody:\n        required: true\n        description: The thing.\n        content:\n          application/json:\n            schema:\n              $ref: \"#/components/schemas/ThingInput\"\n            example: {size: 3, label: a}\n";
const LIST_STATE_PARAM: &str = "      parameters:\n        - name: state\n          in: query\n          required: false\n          description: Only things in this state.\n          schema:\n            $ref: \"#/components/schemas/State\"\n          example: Ready\n";
const EXTRA: &str = "    Extra:\n      type: string\n      description: Not used by any operation.\n      example: x\n    Error:\n";

#[test]
fn the_fixture_compares_cleanly_with_itself() {
    assert_eq!(changes(&[]), Vec::<String>::new());
}

// Operations.

#[test]
fn a_removed_operation_breaks() {
    assert_eq!(
        changes(&[(
            "    get:\n      operationId: GetThing",
            "    x-gone:\n      operationId: GetThing"
        )]),
        ["breaking · GetThing ·  · operation removed"]
    );
}

#[test]
fn an_added_operation_is_compatible() {
    let op = "  /other:\n    delete:\n      operationId: DeleteAll\n      description: Deletes.\n      responses:\n        2XX: {description: done}\n        4XX: {$ref: \"#/components/responses/ClientError\"}\n        5XX: {$ref: \"#/components/responses/ServerError\"}\n  /things:\n";
    assert_eq!(
        changes(&[("  /things:\n", op)]),
        ["compatible · DeleteAll ·  · operation added"]
    );
}

#[test]
fn a_changed_path_breaks() {
    assert_eq!(
        changes(&[("  /things:\n", "  /all-things:\n")]),
        ["breaking · ListThings ·  · moved from `GET /things` to `GET /all-things`"]
    );
}

#[test]
fn a_changed_method_breaks() {
    assert_eq!(
        changes(&[(
            "    get:\n      operationId: ListThings",
            "    post:\n      operationId: ListThings"
        )]),
        ["breaking · ListThings ·  · moved from `GET /things` to `POST /things`"]
    );
}

#[test]
fn a_renamed_operation_id_breaks() {
    assert_eq!(
        changes(&[("operationId: PutThing", "operationId: StoreThing")]),
        ["breaking · StoreThing ·  · operationId \"PutThing\" → \"StoreThing\""]
    );
}

// Parameters.

#[test]
fn a_removed_parameter_breaks() {
    assert_eq!(
        changes(&[(VERBOSE, "")]),
        ["breaking · GetThing · parameter `verbose` (query) · removed"]
    );
}

#[test]
fn a_renamed_parameter_breaks() {
    assert_eq!(
        changes(&[("        - name: verbose\n", "        - name: chatty\n")]),
        [
            "breaking · GetThing · parameter `verbose` (query) · removed",
            "compatible · GetThing · parameter `chatty` (query) · added, optional"
        ]
    );
}

#[test]
fn a_new_required_parameter_breaks_a_new_optional_one_is_compatible() {
    let param = |name: &str, required: bool| {
        format!(
            "        - name: {name}\n          in: query\n          required: {required}\n          description: d\n          schema: {{type: string}}\n{VERBOSE}"
        )
    };
    assert_eq!(
        changes(&[(VERBOSE, &param("must", true))]),
        ["breaking · GetThing · parameter `must` (query) · added, required"]
    );
    assert_eq!(
        changes(&[(VERBOSE, &param("may", false))]),
        ["compatible · GetThing · parameter `may` (query) · added, optional"]
    );
}

#[test]
fn a_parameter_made_required_breaks_made_optional_is_compatible() {
    let required = [(
        "          required: false\n          description: Whether to say more.",
        "          required: true\n          description: Whether to say more.",
    )];
    assert_eq!(
        changes(&required),
        ["breaking · GetThing · parameter `verbose` (query) · now required"]
    );
    assert_eq!(
        undone(&required),
        ["compatible · GetThing · parameter `verbose` (query) · now optional"]
    );
}

#[test]
fn a_renamed_path_parameter_breaks() {
    assert_eq!(
        changes(&[
            ("  /things/{name}:", "  /things/{id}:"),
            (
                "      name: name\n      in: path",
                "      name: id\n      in: path"
            )
        ]),
        [
            "breaking · parameters/Name · parameter `id` (path) · path parameter renamed \"name\" → \"id\""
        ]
    );
}

#[test]
fn an_inline_parameter_range_widened_is_compatible_narrowed_breaks() {
    assert_eq!(
        changes(&[("            maximum: 100\n", "            maximum: 500\n")]),
        ["compatible · GetThing · parameter `limit` (query) · maximum 100 → 500"]
    );
    assert_eq!(
        changes(&[(
            "            minimum: 1\n            maximum: 100\n",
            "            minimum: 10\n            maximum: 100\n"
        )]),
        ["breaking · GetThing · parameter `limit` (query) · minimum 1 → 10"]
    );
}

#[test]
fn a_changed_documented_default_is_compatible() {
    assert_eq!(
        changes(&[("            default: 20\n", "            default: 50\n")]),
        ["compatible · GetThing · parameter `limit` (query) · default 20 → 50"]
    );
}

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

// Bodies, statuses, headers, media types.

#[test]
fn a_removed_request_body_breaks_an_added_one_breaks_when_required() {
    assert_eq!(
        changes(&[(BODY, "")]),
        ["breaking · PutThing ·  · request body removed"]
    );
    assert_eq!(
        undone(&[(BODY, "")]),
        ["breaking · PutThing ·  · request body added, required"]
    );
    let optional = BODY.replace("required: true", "required: false");
    let base = Spec::parse(&edited(&[(BODY, "")]), "base.yaml").unwrap();
    let head = Spec::parse(&edited(&[(BODY, &optional)]), "head.yaml").unwrap();
    assert_eq!(
        summary(&review::changes(&base, &head).unwrap()),
        ["compatible · PutThing ·  · request body added, optional"]
    );
}

#[test]
fn a_request_body_made_optional_is_compatible_made_required_breaks() {
    let optional = [(
        "      requestBody:\n        required: true",
        "      requestBody:\n        required: false",
    )];
    assert_eq!(
        changes(&optional),
        ["compatible · PutThing ·  · request body now optional"]
    );
    assert_eq!(
        undone(&optional),
        ["breaking · PutThing ·  · request body now required"]
    );
}

#[test]
fn a_new_status_breaks_unless_a_range_covered_it() {
    assert_eq!(
        changes(&[(
            "        \"200\":\n          description: The stored thing.",
            "        \"201\":\n          description: Created.\n        \"200\":\n          description: The stored thing."
        )]),
        ["breaking · PutThing ·  · status 201 added"]
    );
}

#[test]
fn a_range_split_into_its_codes_is_compatible_and_their_content_compared() {
    // 2XX becomes 200 (the same body) and 202 (no body): 202's answer lost its body.
    let range = "        2XX:\n          description: The thing.\n          content:\n            application/json:\n              schema:\n                $ref: \"#/components/schemas/Thing\"\n              example: {size: 3, label: a, state: Ready}\n";
    let split = range.replace("2XX:", "\"200\":").replace(
        "\n              example: {size: 3, label: a, state: Ready}",
        "",
    ) + "        \"202\":\n          description: Accepted.\n";
    assert_eq!(
        changes(&[(range, &split)]),
        [
            "compatible · GetThing ·  · status 2XX is now declared as 200, 202",
            "compatible · GetThing ·  · status 200 is declared on its own (the base covered it by 2XX)",
            "compatible · GetThing ·  · status 202 is declared on its own (the base covered it by 2XX)",
            "breaking · GetThing ·  · the answer no longer comes as application/json",
        ]
    );
}

#[test]
fn a_removed_answer_header_breaks_an_added_one_is_compatible() {
    let header = "          headers:\n            x-request-id:\n              description: The request id.\n              schema:\n                type: string\n              example: r-1\n";
    assert_eq!(
        changes(&[(header, "")]),
        ["breaking · PutThing · response 200 header `x-request-id` · header removed"]
    );
    assert_eq!(
        changes(&[(
            "              example: r-1\n",
            "              example: r-1\n            x-trace:\n              description: t\n              schema: {type: string}\n"
        )]),
        ["compatible · PutThing · response 200 header `x-trace` · header added"]
    );
}

#[test]
fn a_media_type_added_to_a_request_is_compatible_to_an_answer_breaks() {
    assert_eq!(
        changes(&[(
            "            example: {size: 3, label: a}\n      responses:",
            "            example: {size: 3, label: a}\n          text/plain:\n            schema: {type: string}\n      responses:"
        )]),
        ["compatible · PutThing ·  · the request body may come as text/plain"]
    );
    assert_eq!(
        changes(&[(
            "              example: {things: [{size: 3, label: a}]}\n",
            "              example: {things: [{size: 3, label: a}]}\n            text/plain:\n              schema: {type: string}\n"
        )]),
        ["breaking · ListThings ·  · the answer may come as text/plain"]
    );
}

// The document, components and metadata.

#[test]
fn changed_security_breaks() {
    assert_eq!(
        changes(&[("security:\n  - sig: []\n", "security: []\n")]),
        ["breaking · document ·  · security changed"]
    );
    assert_eq!(
        changes(&[("      name: Authorization\n", "      name: X-Signature\n")]),
        ["breaking · securitySchemes/sig ·  · security scheme changed"]
    );
}

#[test]
fn a_schema_added_is_compatible_removed_breaks_changed_unreached_is_reviewed() {
    assert_eq!(
        changes(&[("    Error:\n", EXTRA)]),
        ["compatible · schemas/Extra ·  · schema added"]
    );
    assert_eq!(
        undone(&[("    Error:\n", EXTRA)]),
        ["breaking · schemas/Extra ·  · schema removed"]
    );
    // No operation reaches Extra, so drift never compares it: fc3 does.
    let base = Spec::parse(&edited(&[("    Error:\n", EXTRA)]), "base.yaml").unwrap();
    let capped = EXTRA.replace(
        "      example: x\n",
        "      example: x\n      maxLength: 3\n",
    );
    let head = Spec::parse(&edited(&[("    Error:\n", &capped)]), "head.yaml").unwrap();
    assert_eq!(
        summary(&review::changes(&base, &head).unwrap()),
        ["breaking · schemas/Extra ·  · changed where drift reported nothing"]
    );
    let described = EXTRA.replace("Not used by any operation.", "Unused.");
    let head = Spec::parse(&edited(&[("    Error:\n", &described)]), "head.yaml").unwrap();
    assert_eq!(
        summary(&review::changes(&base, &head).unwrap()),
        ["docs · schemas/Extra ·  · description changed"]
    );
}

#[test]
fn a_nullable_answer_field_breaks() {
    assert_eq!(
        changes(&[(
            "          description: The things.\n          items:",
            "          description: The things.\n          nullable: true\n          items:"
        )]),
        ["breaking · schemas/ThingList ·  · changed where drift reported nothing"]
    );
}

#[test]
fn deprecation_is_compatible() {
    assert_eq!(
        changes(&[(
            "      description: Lists things.\n",
            "      description: Lists things.\n      deprecated: true\n"
        )]),
        ["compatible · ListThings ·  · deprecated added"]
    );
}

#[test]
fn descriptions_examples_summaries_tags_and_info_are_docs_only() {
    assert_eq!(
        changes(&[
            (
                "      description: Reads a thing.\n",
                "      description: Reads one thing.\n"
            ),
            (
                "          description: Whether to say more.\n",
                "          description: Whether to say much more.\n"
            ),
            (
                "      description: A label (sent and received).\n",
                "      description: A short label (sent and received).\n"
            ),
            (
                ANSWER_SIZE_MAX,
                &ANSWER_SIZE_MAX.replace("example: 3", "example: 4")
            ),
            (
                "      example: {size: 3, label: a, state: Ready}\n    ThingList:",
                "      example: {size: 4, label: a, state: Ready}\n    ThingList:"
            ),
            (
                "              example: {things: [{size: 3, label: a}]}\n",
                "              example: {things: []}\n"
            ),
            (
                "          example: fast\n      requestBody",
                "          example: safe\n      requestBody"
            ),
            (
                "      summary: Store a thing.\n",
                "      summary: Store one thing.\n"
            ),
            ("      tags: [things]\n", "      tags: [stuff]\n"),
            (
                "  description: The base of the spec-review cases.\n",
                "  description: Changed.\n"
            ),
        ]),
        [
            "docs · GetThing ·  · description changed",
            "docs · GetThing · parameter `verbose` (query) · description changed",
            "docs · PutThing ·  · summary changed",
            "docs · PutThing ·  · tags changed",
            "docs · PutThing · parameter `x-mode` (header) · example changed",
            "docs · ListThings · response 200 (application/json) · example changed",
            "docs · schemas/Label ·  · description changed",
            "docs · schemas/Thing ·  · example changed",
            "docs · schemas/Thing · property `size` · example changed",
            "docs · document ·  · info changed",
        ]
    );
}

#[test]
fn extensions_are_accepted_and_fc3_ones_flagged() {
    assert_eq!(
        changes(&[
            (
                "      description: Lists things.\n",
                "      description: Lists things.\n      x-note: hi\n      x-fc3-retry: idempotent\n"
            ),
            (
                "      description: How a thing is stored (sent only).\n",
                "      description: How a thing is stored (sent only).\n      x-enum-descriptions: {fast: quick}\n"
            ),
        ]),
        [
            "compatible · ListThings ·  · x-fc3-retry (none) → \"idempotent\"",
            "docs · ListThings ·  · x-note changed",
            "docs · schemas/Mode ·  · x-enum-descriptions changed",
        ]
    );
}
