//! Every parameter of the spec reaches a flag of the command that runs its operation.
//!
//! The operations, their parameters and the body fields come from the generated table
//! (`fc3_models::operations`); the flags from clap's own description of the command line. A
//! parameter maps to the flag named like its fluent setter unless [`FLAG_FOR`] says
//! otherwise, or [`NO_FLAG`] says why it has none. A parameter added to the spec fails this
//! test, naming it, until the CLI handles it.

use clap::CommandFactory;
use fc3_models::operation::BodyKind;
use fc3_models::operations::{Action, OPERATIONS, headers, schema};

use crate::flags::Cli;

/// The command that runs each operation.
fn command_of(action: Action) -> &'static [&'static str] {
    match action {
        Action::InvokeFunction => &["invoke"],
        Action::PutAsyncInvokeConfig => &["async-config", "put"],
        Action::GetAsyncInvokeConfig => &["async-config", "get"],
        Action::DeleteAsyncInvokeConfig => &["async-config", "delete"],
        Action::ListAsyncInvokeConfigs => &["async-config", "list"],
        Action::ListAsyncTasks => &["task", "list"],
        Action::GetAsyncTask => &["task", "get"],
        Action::StopAsyncTask => &["task", "stop"],
    }
}

/// (operation, wire name of a parameter or body field) to the flag (clap argument id) that
/// sets it, where the two names differ.
const FLAG_FOR: &[(&str, &str, &[&str])] = &[
    ("*", "functionName", &["function"]),
    ("*", "taskId", &["task"]),
    (
        "InvokeFunction",
        headers::X_FC_INVOCATION_TYPE,
        &["asynchronous"],
    ),
    ("InvokeFunction", headers::X_FC_LOG_TYPE, &["log", "no_log"]),
    ("InvokeFunction", headers::X_FC_ASYNC_TASK_ID, &["task_id"]),
    ("InvokeFunction", "body", &["event", "event_file"]),
    (
        "PutAsyncInvokeConfig",
        "maxAsyncRetryAttempts",
        &["max_retries"],
    ),
    (
        "PutAsyncInvokeConfig",
        "maxAsyncEventAgeInSeconds",
        &["max_age"],
    ),
    (
        "PutAsyncInvokeConfig",
        "destinationConfig",
        &["on_success", "on_failure"],
    ),
    (
        "PutAsyncInvokeConfig",
        "asyncTask",
        &["async_task", "no_async_task"],
    ),
    ("ListAsyncTasks", "startedTimeBegin", &["started_after"]),
    ("ListAsyncTasks", "startedTimeEnd", &["started_before"]),
    ("ListAsyncTasks", "sortOrderByTime", &["sort"]),
];

/// (operation, wire name, why) of a parameter the CLI deliberately has no flag for.
const NO_FLAG: &[(&str, &str, &str)] = &[];

fn flags_for(action: &str, wire: &str, setter: &str) -> Vec<String> {
    FLAG_FOR
        .iter()
        .find(|(op, name, _)| (*op == action || *op == "*") && *name == wire)
        .map(|(_, _, flags)| flags.iter().map(|f| f.to_string()).collect())
        .unwrap_or_else(|| vec![setter.to_string()])
}

fn argument_ids(path: &[&str]) -> Result<Vec<String>, String> {
    let mut command = Cli::command();
    command.build();
    let mut at = &command;
    for name in path {
        at = at
            .find_subcommand(name)
            .ok_or_else(|| format!("`fc3 {}` does not exist", path.join(" ")))?;
    }
    Ok(at.get_arguments().map(|a| a.get_id().to_string()).collect())
}

/// Every (operation, wire name, setter) the CLI must cover: parameters, the fields of a JSON
/// body, a binary body.
fn inputs() -> Vec<(&'static str, String, String)> {
    let mut out = Vec::new();
    for op in OPERATIONS {
        for parameter in op.parameters {
            out.push((
                op.name,
                parameter.wire_name.to_string(),
                parameter.setter.to_string(),
            ));
        }
        match op.body.as_ref().map(|b| b.kind) {
            Some(BodyKind::Json(name)) => {
                for property in schema(name).map_or(&[][..], |s| s.properties) {
                    out.push((
                        op.name,
                        property.wire_name.to_string(),
                        property.rust_name.to_string(),
                    ));
                }
            }
            Some(BodyKind::Binary) => out.push((op.name, "body".to_string(), "body".to_string())),
            None => {}
        }
    }
    out
}

fn missing_flags() -> Vec<String> {
    let mut missing = Vec::new();
    for (action, wire, setter) in inputs() {
        if NO_FLAG
            .iter()
            .any(|(op, name, _)| *op == action && *name == wire)
        {
            continue;
        }
        let Some(parsed) = Action::from_name(action) else {
            missing.push(format!("{action}: not an operation of the generated table"));
            continue;
        };
        let path = command_of(parsed);
        let ids = match argument_ids(path) {
            Ok(ids) => ids,
            Err(e) => {
                missing.push(format!("{action}: {e}"));
                continue;
            }
        };
        let wanted = flags_for(action, &wire, &setter);
        if !wanted.iter().all(|flag| ids.contains(flag)) {
            missing.push(format!(
                "{action} parameter `{wire}` has no flag in `fc3 {}` (expected {}): add one, or \
                 list it in NO_FLAG with the reason",
                path.join(" "),
                wanted.join(", ")
            ));
        }
    }
    missing
}

#[test]
fn every_parameter_of_the_spec_has_a_flag() {
    let missing = missing_flags();
    assert!(missing.is_empty(), "{}", missing.join("\n"));
}

#[test]
fn the_coverage_check_can_fail() {
    // A flag name the CLI does not have is reported, naming the parameter and the command.
    let ids = argument_ids(command_of(Action::ListAsyncTasks)).unwrap();
    assert!(!ids.contains(&"no_such_flag".to_string()));
    assert!(ids.contains(&"prefix".to_string()));
    assert!(argument_ids(&["no-such-command"]).is_err());
    assert_eq!(flags_for("ListAsyncTasks", "prefix", "prefix"), ["prefix"]);
    assert_eq!(
        flags_for("GetAsyncTask", "functionName", "function_name"),
        ["function"]
    );
}
