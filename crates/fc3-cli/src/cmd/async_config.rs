//! `fc3 async-config put|get|delete|list`: the asynchronous invocation config of functions.

use fc3_client::{Client, Output};
use fc3_models::{AsyncConfig, PutAsyncInvokeConfigInput};
use futures_util::TryStreamExt;
use serde_json::{Value, json};

use crate::failure::{Failure, Outcome};
use crate::flags::{
    AsyncConfigCommand, AsyncConfigListArgs, AsyncConfigPutArgs, FunctionArgs, GlobalArgs,
};
use crate::output::{self, Out};

/// FC's documented defaults, shown when a config leaves a setting unset.
const DEFAULT_RETRIES: i64 = PutAsyncInvokeConfigInput::MAX_ASYNC_RETRY_ATTEMPTS_DEFAULT;
const DEFAULT_MAX_AGE: i64 = PutAsyncInvokeConfigInput::MAX_ASYNC_EVENT_AGE_IN_SECONDS_DEFAULT;

/// Runs `fc3 async-config ...`.
pub async fn run(
    global: &GlobalArgs,
    command: &AsyncConfigCommand,
    out: Out,
) -> Result<Outcome, Failure> {
    let connection = super::connect(global, out).await?;
    let result = match command {
        AsyncConfigCommand::Put(args) => put(&connection.client, args, out).await,
        AsyncConfigCommand::Get(args) => get(&connection.client, args, out).await,
        AsyncConfigCommand::Delete(args) => delete(&connection.client, args, out).await,
        AsyncConfigCommand::List(args) => list(&connection.client, args, out).await,
    };
    connection.close().await;
    result
}

async fn put(client: &Client, args: &AsyncConfigPutArgs, out: Out) -> Result<Outcome, Failure> {
    let mut call = client.put_async_invoke_config(&args.target.function);
    if let Some(q) = &args.target.qualifier {
        call = call.qualifier(q);
    }
    if let Some(n) = args.max_retries {
        call = call.max_async_retry_attempts(i64::from(n));
    }
    if let Some(age) = args.max_age {
        call = call.max_event_age(age);
    }
    if let Some(arn) = &args.on_success {
        call = call.on_success(arn);
    }
    if let Some(arn) = &args.on_failure {
        call = call.on_failure(arn);
    }
    if let Some(on) = args.async_task_setting() {
        call = call.async_task(on);
    }
    let (config, request_id) = call.send().await?.into_parts();
    show(&args.target, &config, request_id, "stored", out)?;
    Ok(Outcome::Success)
}

async fn get(client: &Client, args: &FunctionArgs, out: Out) -> Result<Outcome, Failure> {
    let mut call = client.get_async_invoke_config(&args.function);
    if let Some(q) = &args.qualifier {
        call = call.qualifier(q);
    }
    let (config, request_id) = call.send().await?.into_parts();
    show(args, &config, request_id, "", out)?;
    Ok(Outcome::Success)
}

async fn delete(client: &Client, args: &FunctionArgs, out: Out) -> Result<Outcome, Failure> {
    let mut call = client.delete_async_invoke_config(&args.function);
    if let Some(q) = &args.qualifier {
        call = call.qualifier(q);
    }
    let answer = call.send().await?;
    if out.is_json() {
        out.json(&json!({
            "function": args.function,
            "qualifier": args.qualifier,
            "deleted": true,
            "requestId": answer.request_id(),
        }))?;
    } else {
        out.line(&format!(
            "deleted the async invoke config of {}",
            target_name(args)
        ))?;
        if let Some(id) = answer.request_id() {
            out.stdout(output::fields(2, &[("request id", Some(id.to_string()))]).as_bytes())?;
        }
    }
    Ok(Outcome::Success)
}

async fn list(client: &Client, args: &AsyncConfigListArgs, out: Out) -> Result<Outcome, Failure> {
    let mut call = client.list_async_invoke_configs();
    if let Some(f) = &args.function {
        call = call.function_name(f);
    }
    if let Some(limit) = args.pages.limit {
        call = call.limit(limit);
    }
    if let Some(t) = &args.pages.next_token {
        call = call.next_token(t);
    }
    let pages = if args.pages.all {
        call.pages()
            .map_ok(Output::into_inner)
            .try_collect()
            .await?
    } else {
        vec![call.send().await?.into_inner()]
    };
    // What to offer as --next-token: the last page's token, unless it had none.
    let next_token = pages
        .last()
        .and_then(|p| p.next_token.clone())
        .filter(|t| !t.is_empty());
    let configs: Vec<_> = pages.into_iter().flat_map(|p| p.configs).collect();
    if out.is_json() {
        out.json(&json!({ "configs": configs, "nextToken": next_token }))?;
        return Ok(Outcome::Success);
    }
    if configs.is_empty() {
        out.err("no async invoke configs\n");
    } else {
        let rows: Vec<Vec<String>> = configs
            .iter()
            .map(|c| {
                vec![
                    c.function_arn
                        .as_deref()
                        .map(function_of_arn)
                        .unwrap_or("-")
                        .to_string(),
                    retries(c),
                    max_age(c),
                    tasks(c),
                    destination(c, true).unwrap_or_else(|| "-".into()),
                    destination(c, false).unwrap_or_else(|| "-".into()),
                ]
            })
            .collect();
        out.stdout(
            output::table(
                &[
                    "FUNCTION",
                    "RETRIES",
                    "MAX AGE",
                    "TASKS",
                    "ON SUCCESS",
                    "ON FAILURE",
                ],
                &rows,
            )
            .as_bytes(),
        )?;
    }
    if let Some(t) = next_token {
        out.err(&format!("more: --next-token {t} (or --all)\n"));
    }
    Ok(Outcome::Success)
}

/// Prints one config and the request id of the answer: the model's own JSON (plus
/// `requestId`), or aligned fields.
fn show(
    target: &FunctionArgs,
    config: &AsyncConfig,
    request_id: Option<String>,
    verb: &str,
    out: Out,
) -> Result<(), Failure> {
    if out.is_json() {
        let mut doc = config_json(target, config);
        doc["requestId"] = json!(request_id);
        return out.json(&doc);
    }
    let title = if verb.is_empty() {
        format!("async invoke config of {}", target_name(target))
    } else {
        format!("{verb} the async invoke config of {}", target_name(target))
    };
    let mut text = format!("{title}\n");
    text.push_str(&config_fields(config, request_id));
    out.stdout(text.as_bytes())
}

/// The config as FC names its fields, plus `function` and `qualifier`.
pub fn config_json(target: &FunctionArgs, config: &AsyncConfig) -> Value {
    let mut doc = serde_json::to_value(config).unwrap_or_else(|_| json!({}));
    doc["function"] = json!(target.function);
    doc["qualifier"] = json!(target.qualifier);
    doc
}

/// A config's settings as aligned lines, defaults marked as such, then the request id.
pub fn config_fields(config: &AsyncConfig, request_id: Option<String>) -> String {
    output::fields(
        2,
        &[
            ("function arn", config.function_arn.clone()),
            ("max retries", Some(retries(config))),
            ("max event age", Some(max_age(config))),
            ("async tasks", Some(tasks(config))),
            ("on success", destination(config, true)),
            ("on failure", destination(config, false)),
            ("created", config.created_time.clone()),
            ("last modified", config.last_modified_time.clone()),
            ("request id", request_id),
        ],
    )
}

fn target_name(target: &FunctionArgs) -> String {
    match &target.qualifier {
        Some(q) => format!("{}:{q}", target.function),
        None => target.function.clone(),
    }
}

/// `acs:fc:r:a:functions/name` → `name`.
pub fn function_of_arn(arn: &str) -> &str {
    arn.rsplit_once("functions/").map_or(arn, |(_, name)| name)
}

fn retries(config: &AsyncConfig) -> String {
    match config.max_async_retry_attempts {
        Some(n) => n.to_string(),
        None => format!("{DEFAULT_RETRIES} (default)"),
    }
}

fn max_age(config: &AsyncConfig) -> String {
    match config.max_async_event_age_in_seconds {
        Some(s) => humantime::format_duration(std::time::Duration::from_secs(s.get())).to_string(),
        None => format!(
            "{} (default)",
            humantime::format_duration(std::time::Duration::from_secs(
                DEFAULT_MAX_AGE.unsigned_abs()
            ))
        ),
    }
}

fn tasks(config: &AsyncConfig) -> String {
    match config.async_task {
        Some(true) => "on".into(),
        Some(false) => "off".into(),
        None => "off (default)".into(),
    }
}

fn destination(config: &AsyncConfig, success: bool) -> Option<String> {
    let destinations = config.destination_config.as_ref()?;
    let d = if success {
        destinations.on_success.as_ref()
    } else {
        destinations.on_failure.as_ref()
    }?;
    d.destination.as_ref().map(|arn| arn.to_string())
}
