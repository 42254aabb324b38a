//! The spec review's classification of operations, parameters, bodies, statuses, headers,
//! media types and the document, case by case: each test edits the fixture spec
//! (`fixtures/review-base.yaml`) and checks every change the review reports, with its
//! verdict, subject and place.

mod common;

use common::*;
use fc3_codegen::review;
use fc3_codegen::spec::Spec;

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
                "      description: Lists things.\n      x-note: hi\n      x-fc3-stability: beta\n"
            ),
            (
                "      description: How a thing is stored (sent only).\n",
                "      description: How a thing is stored (sent only).\n      x-enum-descriptions: {fast: quick}\n"
            ),
        ]),
        [
            "compatible · ListThings ·  · x-fc3-stability (none) → \"beta\"",
            "docs · ListThings ·  · x-note changed",
            "docs · schemas/Mode ·  · x-enum-descriptions changed",
        ]
    );
}
