//! Every constraint the client or the emulator enforces is declared in the spec: as a schema
//! keyword (which the generated types then check too), or, where the spec has no keyword
//! for it, in the words of the description at that place. The public limits are compared
//! with the spec directly; the ones the client and the emulator keep to themselves are
//! probed through a real call. A new `pub const` limit in the runtime that is not in the
//! table fails the first test.

mod common;

use std::time::{Duration, Instant};

use common::{Local, local};
use fc3_client::{Client, Error, InvocationType};
use fc3_codegen::spec::Spec;
use fc3_local::Server;
use fc3_models::rules;
use serde_json::Value;

fn spec() -> Spec {
    let root = fc3_codegen::workspace_root();
    let text = std::fs::read_to_string(root.join(fc3_codegen::SPEC_PATH)).unwrap();
    Spec::parse(&text, fc3_codegen::SPEC_PATH).expect("the spec parses")
}

/// How the spec declares one enforced constraint.
enum Declared {
    /// `keyword: value` on the schema at the pointer.
    Keyword(&'static str, &'static str, u64),
    /// The description at the pointer says it, in these words (whitespace-insensitive).
    Words(&'static str, String),
    /// An `x-fc3-max-bytes` entry of the body at the pointer: its name and its bytes.
    MaxBytes(&'static str, &'static str, u64),
}

fn check(spec: &Spec, constant: &str, declared: &Declared) -> Result<(), String> {
    match declared {
        Declared::Keyword(pointer, keyword, value) => {
            let found = spec.at(pointer).and_then(|s| s.get(*keyword));
            match found.and_then(Value::as_u64) {
                Some(n) if n == *value => Ok(()),
                _ => Err(format!(
                    "{constant} is {value}, but {pointer} declares {keyword}: {found:?}"
                )),
            }
        }
        Declared::MaxBytes(pointer, name, bytes) => {
            let limits = spec
                .at(pointer)
                .and_then(|b| b["x-fc3-max-bytes"].as_array());
            let found = limits
                .into_iter()
                .flatten()
                .find(|l| l["name"] == *name)
                .and_then(|l| l["bytes"].as_u64());
            if found == Some(*bytes) {
                Ok(())
            } else {
                Err(format!(
                    "{constant} is {bytes}, but {pointer} declares x-fc3-max-bytes {name}: {found:?}"
                ))
            }
        }
        Declared::Words(pointer, words) => {
            let squash = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
            let description = spec
                .at(pointer)
                .and_then(|s| s["description"].as_str())
                .map(squash)
                .unwrap_or_default();
            if description.contains(&squash(words)) {
                Ok(())
            } else {
                Err(format!(
                    "{constant}: the description at {pointer} does not say {words:?}: {description:?}"
                ))
            }
        }
    }
}

/// The `pub const` names of a source file of the workspace.
fn public_constants(path: &str) -> Vec<String> {
    let text = std::fs::read_to_string(fc3_codegen::workspace_root().join(path)).unwrap();
    text.lines()
        .filter_map(|line| line.trim_start().strip_prefix("pub const "))
        .filter_map(|rest| rest.split(':').next())
        .map(str::to_string)
        .collect()
}

#[test]
fn spec_declares_every_constraint_the_runtime_enforces() {
    use Declared::{Keyword, MaxBytes, Words};
    const SCHEMAS: &str = "#/components/schemas";
    let put = "#/components/schemas/PutAsyncInvokeConfigInput/properties";
    let stored = "#/components/schemas/AsyncConfig/properties";
    let invoke_body =
        "#/paths/~12023-03-30~1functions~1{functionName}~1invocations/post/requestBody";
    let mib = |n: usize| format!("{} MiB", n / (1024 * 1024));
    let kib = |n: usize| format!("{} KiB", n / 1024);
    let pointer = |s: String| -> &'static str { Box::leak(s.into_boxed_str()) };
    let table: Vec<(&str, Declared)> = vec![
        (
            "MAX_FUNCTION_NAME_LEN",
            Keyword(
                "#/components/schemas/FunctionName",
                "maxLength",
                rules::MAX_FUNCTION_NAME_LEN as u64,
            ),
        ),
        (
            "FUNCTION_NAME_RULE",
            Words(
                "#/components/schemas/FunctionName",
                rules::FUNCTION_NAME_RULE.replace('\'', "`"),
            ),
        ),
        (
            "LATEST",
            Words(
                "#/components/parameters/Qualifier",
                format!("`{}` when absent", rules::LATEST),
            ),
        ),
        (
            "MAX_QUALIFIER_LEN",
            Keyword(
                "#/components/schemas/Qualifier",
                "maxLength",
                rules::MAX_QUALIFIER_LEN as u64,
            ),
        ),
        (
            "MAX_ASYNC_RETRY_ATTEMPTS",
            Keyword(
                pointer(format!("{put}/maxAsyncRetryAttempts")),
                "maximum",
                rules::MAX_ASYNC_RETRY_ATTEMPTS.into(),
            ),
        ),
        (
            "MAX_ASYNC_RETRY_ATTEMPTS",
            Keyword(
                pointer(format!("{stored}/maxAsyncRetryAttempts")),
                "maximum",
                rules::MAX_ASYNC_RETRY_ATTEMPTS.into(),
            ),
        ),
        (
            "MAX_ASYNC_EVENT_AGE_SECONDS",
            Keyword(
                pointer(format!("{put}/maxAsyncEventAgeInSeconds")),
                "maximum",
                rules::MAX_ASYNC_EVENT_AGE_SECONDS,
            ),
        ),
        (
            "MAX_ASYNC_EVENT_AGE_SECONDS",
            Keyword(
                pointer(format!("{stored}/maxAsyncEventAgeInSeconds")),
                "maximum",
                rules::MAX_ASYNC_EVENT_AGE_SECONDS,
            ),
        ),
        (
            "MAX_DESTINATION_LEN",
            Keyword(
                pointer(format!("{SCHEMAS}/DestinationArn")),
                "maxLength",
                rules::MAX_DESTINATION_LEN as u64,
            ),
        ),
        (
            "MAX_SYNC_PAYLOAD",
            MaxBytes(
                invoke_body,
                "MAX_SYNC_PAYLOAD",
                fc3_client::MAX_SYNC_PAYLOAD as u64,
            ),
        ),
        (
            "MAX_SYNC_PAYLOAD",
            Words(
                invoke_body,
                format!(
                    "At most {} for a synchronous call",
                    mib(fc3_client::MAX_SYNC_PAYLOAD)
                ),
            ),
        ),
        (
            "MAX_ASYNC_PAYLOAD",
            MaxBytes(
                invoke_body,
                "MAX_ASYNC_PAYLOAD",
                fc3_client::MAX_ASYNC_PAYLOAD as u64,
            ),
        ),
        (
            "MAX_ASYNC_PAYLOAD",
            Words(
                invoke_body,
                format!(
                    "{} for an asynchronous one",
                    kib(fc3_client::MAX_ASYNC_PAYLOAD)
                ),
            ),
        ),
        // The lower bounds the checks imply (0 retries is valid, an age of 0 is not).
        (
            "RETRY_ATTEMPTS",
            Keyword(
                pointer(format!("{put}/maxAsyncRetryAttempts")),
                "minimum",
                0,
            ),
        ),
        (
            "EVENT_AGE_SECONDS",
            Keyword(
                pointer(format!("{put}/maxAsyncEventAgeInSeconds")),
                "minimum",
                1,
            ),
        ),
    ];
    let spec = spec();
    let failures: Vec<String> = table
        .iter()
        .filter_map(|(constant, declared)| check(&spec, constant, declared).err())
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));

    // The emulator's own list limits are probed in the tests below; every other public
    // limit of the runtime must be in the table.
    let probed = ["LIST_LIMIT", "DEFAULT_LIST_LIMIT"];
    for file in [
        "crates/fc3-models/src/rules.rs",
        "crates/fc3-client/src/invoke.rs",
        "crates/fc3-local/src/validate.rs",
    ] {
        for constant in public_constants(file) {
            assert!(
                table.iter().any(|(c, _)| *c == constant) || probed.contains(&constant.as_str()),
                "{file}: `{constant}` is enforced but the table does not say where the spec declares it"
            );
        }
    }

    // The check must be able to fail: a wrong number, and words the description lacks.
    assert!(
        check(
            &spec,
            "x",
            &Keyword("#/components/schemas/FunctionName", "maxLength", 65)
        )
        .is_err()
    );
    assert!(
        check(
            &spec,
            "x",
            &Words("#/components/schemas/Qualifier", "1 to 129".into())
        )
        .is_err()
    );

    // The generated type enforces the same length.
    let longest = "f".repeat(rules::MAX_FUNCTION_NAME_LEN);
    assert!(fc3_models::FunctionName::try_from(longest.as_str()).is_ok());
    assert!(fc3_models::FunctionName::try_from(format!("{longest}f").as_str()).is_err());
}

const MANY_ALIASES: usize = 21;

async fn emulator() -> (Server, Client) {
    let aliases: Vec<String> = (0..MANY_ALIASES)
        .map(|i| format!("a{i} = \"LATEST\""))
        .collect();
    let toml = format!(
        "[functions.many]\nkind = \"sink\"\naliases = {{ {} }}\n",
        aliases.join(", ")
    );
    let Local { server, client } = local(&toml).await;
    (server, client)
}

/// Refused, naming `limit`: by the client before sending, or by the emulator with a 400.
fn refused_naming_limit(result: Result<impl std::fmt::Debug, Error>) -> bool {
    match result {
        Err(Error::Validation { field, .. }) => field == "limit",
        Err(Error::Service(e)) => e.status == 400 && e.message.starts_with("limit"),
        _ => false,
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_emulator_enforces_the_list_limits_the_spec_declares() {
    let spec = spec();
    let tasks_limit = spec
        .at("#/paths/~12023-03-30~1functions~1{functionName}~1async-tasks/get/parameters/1/schema")
        .unwrap();
    let tasks_limit_parameter = spec
        .at("#/paths/~12023-03-30~1functions~1{functionName}~1async-tasks/get/parameters/1")
        .unwrap();
    let (maximum, default) = (
        tasks_limit["maximum"].as_u64().unwrap(),
        tasks_limit_parameter["x-fc3-default"].as_u64().unwrap(),
    );
    let configs_limit = spec
        .at("#/paths/~12023-03-30~1async-invoke-configs/get/parameters/1")
        .unwrap();
    let words = format!("fc3-local allows at most {maximum} and gives {default} when absent");
    assert!(
        configs_limit["description"]
            .as_str()
            .unwrap()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .contains(&words),
        "ListAsyncInvokeConfigs' limit does not say {words:?}"
    );

    // ListAsyncTasks' cap is the client's too (it refuses first); ListAsyncInvokeConfigs'
    // reaches the emulator (the client only checks the minimum), which uses the same cap.
    let (_server, client) = emulator().await;
    let max = u32::try_from(maximum).unwrap();
    assert!(
        client
            .list_async_tasks("many")
            .limit(max)
            .send()
            .await
            .is_ok()
    );
    assert!(refused_naming_limit(
        client.list_async_tasks("many").limit(max + 1).send().await
    ));
    assert!(
        client
            .list_async_invoke_configs()
            .limit(max)
            .send()
            .await
            .is_ok()
    );
    assert!(refused_naming_limit(
        client
            .list_async_invoke_configs()
            .limit(max + 1)
            .send()
            .await
    ));

    // The default page: more configs than it, and more tasks than it.
    assert!(MANY_ALIASES as u64 > default);
    for i in 0..MANY_ALIASES {
        client
            .put_async_invoke_config("many")
            .qualifier(format!("a{i}"))
            .async_task(true)
            .send()
            .await
            .unwrap();
    }
    let page = client.list_async_invoke_configs().send().await.unwrap();
    assert_eq!(page.configs.len() as u64, default);
    assert!(page.next_token.is_some());
    for i in 0..MANY_ALIASES {
        client
            .invoke_function("many")
            .qualifier("a0")
            .invocation_type(InvocationType::Async)
            .async_task_id(format!("t{i}"))
            .payload("{}")
            .send()
            .await
            .unwrap();
    }
    let deadline = Instant::now() + Duration::from_secs(10);
    let page = loop {
        let page = client
            .list_async_tasks("many")
            .qualifier("a0")
            .send()
            .await
            .unwrap();
        if page.next_token.is_some() || Instant::now() > deadline {
            break page;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    };
    assert_eq!(page.tasks.len() as u64, default);
    assert!(page.next_token.is_some());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_client_enforces_the_task_id_limit_the_spec_declares() {
    const LONGEST: usize = 256;
    assert!(
        check(
            &spec(),
            "task_id",
            &Declared::Keyword("#/components/schemas/TaskId", "maxLength", LONGEST as u64),
        )
        .is_ok()
    );
    let (_server, client) = emulator().await;
    let refused_locally = |result: Result<_, Error>| matches!(result, Err(Error::Validation { field, .. }) if field == "task_id");
    let too_long = client
        .get_async_task("many", "t".repeat(LONGEST + 1))
        .send()
        .await;
    assert!(refused_locally(too_long.map(|_| ())));
    assert!(refused_locally(
        client
            .get_async_task("many", "a/b")
            .send()
            .await
            .map(|_| ())
    ));
    // The longest allowed id reaches the emulator, which has no such task.
    match client
        .get_async_task("many", "t".repeat(LONGEST))
        .send()
        .await
    {
        Err(Error::Service(e)) => assert_eq!(e.status, 404),
        other => panic!("expected a 404 from the emulator, got {other:?}"),
    }
}
