//! Every fact of an operation that the spec states reaches every layer.
//!
//! The operations, their parameters and body fields come from the generated table
//! (`fc3_models::operations`). This test holds the fluent client to it: each parameter is an
//! argument of the operation's entry point (when required) or a setter with a `set_*` twin,
//! each field of a JSON body a setter, a binary body its setter. The emulator is held to it
//! by the compiler: its handlers take each operation's generated request type apart
//! field by field, so a new parameter does not compile until the emulator reads it. The CLI is
//! held to it by `crates/fc3-cli/src/spec_coverage.rs`.

use fc3_models::operation::BodyKind;
use fc3_models::operations::{OPERATIONS, schema};

/// The client's public API, as the snapshot lists it.
fn client_api() -> String {
    fc3_codegen::surface::client_api(&fc3_codegen::workspace_root(), None).unwrap()
}

/// The lines under `struct NAME` in the listing.
fn methods_of<'a>(api: &'a str, name: &str) -> Vec<&'a str> {
    api.split("\n\n")
        .find(|block| block.lines().next() == Some(&format!("struct {name}")))
        .map(|block| block.lines().skip(1).collect())
        .unwrap_or_default()
}

fn has_fn(methods: &[&str], name: &str) -> bool {
    methods.iter().any(|m| {
        m.trim_start()
            .trim_start_matches("async ")
            .starts_with(&format!("fn {name}("))
    })
}

fn unreachable_in_client(api: &str) -> Vec<String> {
    let client = methods_of(api, "Client");
    let mut missing = Vec::new();
    for op in OPERATIONS {
        let builder = methods_of(api, op.name);
        if builder.is_empty() {
            missing.push(format!(
                "{}: the fluent client has no builder `{}`",
                op.name, op.name
            ));
            continue;
        }
        let entry_name = op
            .name
            .chars()
            .enumerate()
            .flat_map(|(i, c)| {
                let lower = c.to_ascii_lowercase();
                if c.is_ascii_uppercase() && i > 0 {
                    vec!['_', lower]
                } else {
                    vec![lower]
                }
            })
            .collect::<String>();
        let Some(entry) = client
            .iter()
            .find(|m| m.trim_start().starts_with(&format!("fn {entry_name}(")))
        else {
            missing.push(format!(
                "{}: no entry point `Client::{entry_name}`",
                op.name
            ));
            continue;
        };
        for parameter in op.parameters {
            let reachable = if parameter.required {
                entry.contains(&format!("{}:", parameter.setter))
            } else {
                has_fn(&builder, parameter.setter)
                    && has_fn(&builder, &format!("set_{}", parameter.setter))
            };
            if !reachable {
                missing.push(format!(
                    "{} parameter `{}` ({}) is not reachable from the fluent client: no `{}` on {}",
                    op.name,
                    parameter.wire_name,
                    parameter.location.as_str(),
                    parameter.setter,
                    if parameter.required {
                        "the entry point"
                    } else {
                        op.name
                    },
                ));
            }
        }
        match op.body.as_ref() {
            Some(body) if body.kind == BodyKind::Binary && !has_fn(&builder, body.setter) => {
                missing.push(format!("{} body has no setter `{}`", op.name, body.setter));
            }
            Some(body) if body.kind == BodyKind::Binary => {}
            Some(body) => {
                let BodyKind::Json(name) = body.kind else {
                    unreachable!()
                };
                for property in schema(name).map_or(&[][..], |s| s.properties) {
                    if !has_fn(&builder, property.rust_name) {
                        missing.push(format!(
                            "{} body field `{}` is not reachable: no `{}` on {}",
                            op.name, property.wire_name, property.rust_name, op.name
                        ));
                    }
                }
            }
            None => {}
        }
    }
    missing
}

#[test]
fn every_parameter_reaches_the_fluent_client() {
    let missing = unreachable_in_client(&client_api());
    assert!(missing.is_empty(), "{}", missing.join("\n"));
}

#[test]
fn an_unreachable_parameter_is_named() {
    // The check must be able to fail: without ListAsyncTasks' prefix setters, it says so.
    let api = client_api()
        .replace("    fn prefix(", "    fn gone(")
        .replace("    fn set_prefix(", "    fn set_gone(");
    let missing = unreachable_in_client(&api);
    assert_eq!(
        missing,
        [
            "ListAsyncTasks parameter `prefix` (query) is not reachable from the fluent client: no `prefix` on ListAsyncTasks"
        ]
    );
}
