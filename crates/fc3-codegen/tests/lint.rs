//! The house rules: the real spec keeps them, and each rule catches what it is about (on the
//! review fixture, which keeps them too, edited once per case).

mod common;

use common::BASE as FIXTURE;
use fc3_codegen::lint;
use fc3_codegen::spec::Spec;

fn real_spec() -> Spec {
    let path = fc3_codegen::workspace_root().join(fc3_codegen::SPEC_PATH);
    Spec::parse(
        &std::fs::read_to_string(path).unwrap(),
        fc3_codegen::SPEC_PATH,
    )
    .unwrap()
}

/// The fixture with `from` (which must occur once) replaced by `to`, linted: each finding as
/// `rule: place: message`.
fn lint_edited(from: &str, to: &str) -> Vec<String> {
    assert_eq!(
        FIXTURE.matches(from).count(),
        1,
        "the fixture must hold {from:?} once"
    );
    let spec = Spec::parse(&FIXTURE.replacen(from, to, 1), "fixture.yaml").unwrap();
    lint::house_rules(&spec)
        .iter()
        .map(ToString::to_string)
        .collect()
}

#[test]
fn the_spec_keeps_the_house_rules() {
    let findings = lint::house_rules(&real_spec());
    let text: Vec<String> = findings.iter().map(ToString::to_string).collect();
    assert!(findings.is_empty(), "{}", text.join("\n"));
    assert!(lint::new_actions(&real_spec()).is_empty());
}

#[test]
fn the_fixture_keeps_them_too() {
    assert_eq!(
        lint_edited("title: Review fixture", "title: Review fixture"),
        Vec::<String>::new()
    );
}

#[test]
fn every_example_of_the_spec_is_checked() {
    // The walk must find them all: schemas, properties, parameters, headers, bodies, answers.
    let spec = real_spec();
    let examples = lint::examples::examples(spec.raw());
    assert!(
        examples.len() >= 80,
        "only {} examples found",
        examples.len()
    );
    for place in [
        "schema AsyncConfig",
        "schema AsyncConfig property `maxAsyncRetryAttempts`",
        "InvokeFunction parameter `x-fc-log-type`",
        "InvokeFunction response 200 header `x-fc-log-result`",
        "PutAsyncInvokeConfig request body (application/json)",
        "GetAsyncTask response 200 (application/json)",
        "GetAsyncTask response 4XX (application/json)",
    ] {
        assert!(
            examples.iter().any(|e| e.place == place),
            "no example at {place}"
        );
    }
}

#[test]
fn a_missing_description_is_named() {
    assert_eq!(
        lint_edited(
            "      operationId: GetThing\n      description: Reads a thing.\n",
            "      operationId: GetThing\n"
        ),
        ["description: operation GetThing (#/paths/~1things~1{name}/get): has no description"]
    );
    assert_eq!(
        lint_edited("          description: Whether to say more.\n", ""),
        ["description: GetThing parameter `verbose`: has no description"]
    );
    assert_eq!(
        lint_edited("      description: A label (sent and received).\n", ""),
        ["description: schema Label: has no description"]
    );
    assert_eq!(
        lint_edited(
            "          description: The things.\n          items:",
            "          items:"
        ),
        ["description: schema ThingList property `things`: has no description"]
    );
}

#[test]
fn a_missing_example_is_named() {
    assert_eq!(
        lint_edited(
            "          example: NotFound\n      example: {Code: NotFound}\n",
            "          example: NotFound\n"
        ),
        ["example: schema Error: has no example"]
    );
    // ListThings' only examples are its filter's and its answer's.
    let without_answer_example = FIXTURE.replacen(
        "              example: {things: [{size: 3, label: a}]}\n",
        "",
        1,
    );
    let spec = Spec::parse(&without_answer_example, "fixture.yaml").unwrap();
    let findings: Vec<String> = lint::house_rules(&spec)
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(
        findings,
        ["example: operation ListThings (#/paths/~1things/get): has a body but no body example"]
    );
}

#[test]
fn an_example_that_does_not_fit_its_schema_is_named() {
    let findings = lint_edited("          example: fast\n", "          example: slow\n");
    assert_eq!(findings.len(), 1, "{findings:?}");
    assert!(
        findings[0]
            .starts_with("example-valid: PutThing parameter `x-mode`: \"slow\" does not fit"),
        "{findings:?}"
    );
    assert!(findings[0].contains("is not one of"), "{findings:?}");
    // Out of range, inside a body example, with the instance path.
    let findings = lint_edited(
        "            example: {size: 3, label: a}\n",
        "            example: {size: 9, label: a}\n",
    );
    assert_eq!(findings.len(), 1, "{findings:?}");
    assert!(findings[0].starts_with("example-valid: PutThing request body (application/json)"));
    assert!(
        findings[0].contains("/size: 9 is greater than the maximum of 8"),
        "{findings:?}"
    );
    // A wrong type in a schema's own example, and a string too long for a $ref'd property.
    assert_eq!(
        lint_edited(
            "      example: {things: [{size: 3}]}\n",
            "      example: {things: [{size: \"3\", label: abcdefghijklmnopq}]}\n"
        )
        .len(),
        1
    );
}

#[test]
fn operation_ids_must_be_fc_action_names() {
    assert_eq!(
        lint_edited("operationId: GetThing", "operationId: get_thing"),
        [
            "operation-id: GET /things/{name} (#/paths/~1things~1{name}/get): operationId `get_thing` is not an FC action name (PascalCase, like InvokeFunction)"
        ]
    );
    // A new PascalCase action is allowed, and listed for review.
    let spec = Spec::parse(FIXTURE, "fixture.yaml").unwrap();
    assert_eq!(
        lint::new_actions(&spec),
        ["GetThing", "PutThing", "ListThings"]
    );
    assert!(lint::new_actions(&real_spec()).is_empty());
}

#[test]
fn errors_must_be_4xx_and_5xx_with_the_error_body() {
    let place = "errors: operation ListThings (#/paths/~1things/get/responses)";
    assert_eq!(
        lint_edited(
            "              example: {things: [{size: 3, label: a}]}\n        4XX:",
            "              example: {things: [{size: 3, label: a}]}\n        \"404\":\n          description: missing\n        4XX:"
        ),
        [format!(
            "{place}: declares `404`: declare errors as `4XX` and `5XX` (progenitor maps them to one error type; say the codes in the description)"
        )]
    );
    let findings = lint_edited(
        "              example: {things: [{size: 3, label: a}]}\n        4XX:\n          $ref: \"#/components/responses/ClientError\"\n        5XX:\n          $ref: \"#/components/responses/ServerError\"\ncomponents:",
        "              example: {things: [{size: 3, label: a}]}\n        default:\n          $ref: \"#/components/responses/ClientError\"\n        4XX:\n          description: refused\ncomponents:",
    );
    assert_eq!(
        findings,
        [
            format!(
                "{place}: declares `default`: declare errors as `4XX` and `5XX` (progenitor maps them to one error type; say the codes in the description)"
            ),
            format!(
                "{place}: `4XX` is not an application/json `$ref: \"#/components/schemas/Error\"`"
            ),
            format!("{place}: declares no `5XX` answer"),
        ]
    );
}

#[test]
fn an_inline_constrained_string_or_enum_is_refused_with_its_place() {
    assert_eq!(
        lint_edited(
            "          schema:\n            type: boolean\n          example: true\n",
            "          schema:\n            type: string\n            maxLength: 64\n          example: yes\n"
        ),
        [
            "generator-shape: GetThing parameter `verbose` (query) (#/paths/~1things~1{name}/get/parameters/2/schema): an inline string with maxLength would be generated as a type of its own inside the client, which cannot compile it: declare it under components.schemas and `$ref` it"
        ]
    );
    let findings = lint_edited(
        "        state:\n          $ref: \"#/components/schemas/State\"\n",
        "        state:\n          type: string\n          description: s\n          enum: [Ready, Gone]\n",
    );
    assert_eq!(findings.len(), 1, "{findings:#?}");
    assert!(findings[0].starts_with("generator-shape: schema Thing property `state` (#/components/schemas/Thing/properties/state): an inline enum"));
    // Extensions are accepted anywhere.
    assert_eq!(
        lint_edited(
            "      description: Lists things.\n",
            "      description: Lists things.\n      x-fc3-retry: idempotent\n"
        ),
        Vec::<String>::new()
    );
}

#[test]
fn codegen_refuses_an_inline_max_length_query_parameter_naming_it() {
    // Without the check progenitor renders `ListAsyncTasksLabel` inside fc3-client with a
    // `schemars::JsonSchema` derive, and fc3-client (no schemars) fails to compile with an
    // error that names nothing in the spec.
    let text = std::fs::read_to_string(fc3_codegen::workspace_root().join(fc3_codegen::SPEC_PATH))
        .unwrap();
    let param = "        - name: label\n          in: query\n          required: false\n          description: Only tasks with this label.\n          schema:\n            type: string\n            maxLength: 64\n          example: nightly\n        - name: includePayload\n";
    assert_eq!(text.matches("        - name: includePayload\n").count(), 1);
    let text = text.replacen("        - name: includePayload\n", param, 1);
    let api: openapiv3::OpenAPI = serde_yaml::from_str(&text).unwrap();
    let error = format!("{:#}", fc3_codegen::generate(&api).unwrap_err());
    assert_eq!(
        error,
        "the spec has 1 shape(s) the generator cannot render into the runtime crates:\n\
         generator-shape: ListAsyncTasks parameter `label` (query) \
         (#/paths/~12023-03-30~1functions~1{functionName}~1async-tasks/get/parameters/8/schema): \
         an inline string with maxLength would be generated as a type of its own inside the \
         client, which cannot compile it: declare it under components.schemas and `$ref` it"
    );
    // The same parameter through a component schema generates.
    let text = text.replacen(
        "          schema:\n            type: string\n            maxLength: 64\n          example: nightly\n",
        "          schema:\n            $ref: \"#/components/schemas/Label\"\n          example: nightly\n",
        1,
    ).replacen(
        "  schemas:\n",
        "  schemas:\n    Label:\n      type: string\n      description: A task label.\n      maxLength: 64\n      example: nightly\n",
        1,
    );
    let api: openapiv3::OpenAPI = serde_yaml::from_str(&text).unwrap();
    assert!(fc3_codegen::generate(&api).is_ok());
}
