//! `fc3 invoke`: InvokeFunction. The response goes to stdout (or `--outfile`); the request
//! id, executed version, instance, task id and decoded log tail go to stderr.

use std::io::Write;

use fc3_client::{FunctionError, InvocationType, InvokeOutput, LogType};
use serde_json::{Value, json};

use crate::failure::{Failure, Outcome};
use crate::flags::{GlobalArgs, InvokeArgs};
use crate::output::{self, Out};
use crate::setup::{self, EventSource};

/// Runs `fc3 invoke`.
pub async fn run(global: &GlobalArgs, args: &InvokeArgs, out: Out) -> Result<Outcome, Failure> {
    // Everything that can be checked on this machine is checked before any call.
    let event = EventSource::from_flags(args.event.as_deref(), args.event_file.as_deref())
        .read()
        .await?;
    let mut outfile = args
        .outfile
        .as_deref()
        .map(setup::create_outfile)
        .transpose()?;

    let connection = super::connect(global, out).await?;
    let mut call = connection
        .client
        .invoke_function(&args.function)
        .payload(event)
        .invocation_type(if args.asynchronous {
            InvocationType::Async
        } else {
            InvocationType::Sync
        });
    if let Some(q) = &args.qualifier {
        call = call.qualifier(q);
    }
    if let Some(id) = &args.task_id {
        call = call.async_task_id(id);
    }
    if args.wants_log() {
        call = call.log_type(LogType::Tail);
    }
    if let Some(timeout) = args.timeout {
        call = call.timeout(timeout);
    }
    for (name, value) in &args.headers {
        call = call.header(name, value);
    }
    let result = call.send().await;
    connection.close().await;
    let output = result?;

    if let (Some(file), Some(path)) = (outfile.as_mut(), args.outfile.as_deref()) {
        file.write_all(output.payload())
            .and_then(|()| file.flush())
            .map_err(|e| Failure::io(format!("writing {}", path.display()), e))?;
    }

    if out.is_json() {
        out.json(&document(args, &output))?;
    } else {
        print_text(args, &output, out)?;
    }
    Ok(match output.function_error() {
        Some(_) => Outcome::FunctionFailed,
        None => Outcome::Success,
    })
}

/// The JSON document of one invocation. Field names are stable: `function`, `qualifier`,
/// `invocationType`, `status`, `requestId`, `executedVersion`, `instanceId`, `asyncTaskId`,
/// `payload` (the response: a JSON value, text or base64 as `payloadEncoding` says; absent
/// with `--outfile`), `outfile`, `logTail`, `functionError`.
pub fn document(args: &InvokeArgs, output: &InvokeOutput) -> Value {
    let mut doc = json!({
        "function": args.function,
        "qualifier": args.qualifier,
        "invocationType": if args.asynchronous { InvocationType::Async } else { InvocationType::Sync }.to_string(),
        "status": output.status(),
        "requestId": output.request_id(),
        "executedVersion": output.executed_version(),
        "instanceId": output.instance_id(),
        "asyncTaskId": output.async_task_id(),
        "logTail": output.log_tail(),
        "functionError": output.function_error().map(function_error_json),
    });
    match &args.outfile {
        Some(path) => doc["outfile"] = json!(path.display().to_string()),
        None => {
            let (payload, encoding) = output::payload_json(output.payload());
            doc["payload"] = payload;
            doc["payloadEncoding"] = encoding;
        }
    }
    doc
}

/// A function error as JSON: `kind`, `errorType`, `errorMessage`, `stackTrace`.
pub fn function_error_json(failure: &FunctionError) -> Value {
    json!({
        "kind": failure.kind,
        "errorType": failure.error_type,
        "errorMessage": failure.message,
        "stackTrace": failure.stack_trace,
    })
}

fn print_text(args: &InvokeArgs, output: &InvokeOutput, out: Out) -> Result<(), Failure> {
    if args.outfile.is_none() && !output.payload().is_empty() {
        out.stdout(output.payload())?;
        if output::stdout_is_terminal() && !output.payload().ends_with(b"\n") {
            out.stdout(b"\n")?;
        }
    }
    let mut meta = String::new();
    if let Some(log) = output.log_tail().filter(|l| !l.trim().is_empty()) {
        meta.push_str(&format!(
            "{}\n",
            console::style("--- log tail ---").for_stderr().dim()
        ));
        meta.push_str(log);
        if !log.ends_with('\n') {
            meta.push('\n');
        }
        meta.push_str(&format!("{}\n", console::style("---").for_stderr().dim()));
    }
    if args.wants_log() && output.log_tail().is_none() {
        // FC leaves the tail out when the instance runs several invocations at once.
        meta.push_str(&format!(
            "{}\n",
            console::style("no log tail returned").for_stderr().dim()
        ));
    }
    let accepted = args
        .asynchronous
        .then(|| format!("queued (HTTP {})", output.status()));
    meta.push_str(&output::fields(
        0,
        &[
            ("accepted", accepted),
            ("request id", output.request_id().map(str::to_string)),
            (
                "executed version",
                output.executed_version().map(str::to_string),
            ),
            ("instance", output.instance_id().map(str::to_string)),
            ("task id", output.async_task_id().map(str::to_string)),
            (
                "response",
                args.outfile.as_ref().map(|p| {
                    format!(
                        "{} bytes written to {}",
                        output.payload().len(),
                        p.display()
                    )
                }),
            ),
        ],
    ));
    if let (true, Some(task)) = (args.asynchronous, output.async_task_id()) {
        meta.push_str(&format!(
            "{}\n",
            console::style(format!("follow it: fc3 task wait {} {task}", args.function))
                .for_stderr()
                .dim()
        ));
    }
    if let Some(failure) = output.function_error() {
        meta.push_str(&render_function_error(failure));
    }
    out.err(&meta);
    Ok(())
}

/// `error: the function failed (KIND): TYPE: MESSAGE`, then the stack trace.
pub fn render_function_error(failure: &FunctionError) -> String {
    let mut text = format!(
        "{} the function failed ({})",
        console::style("error:").for_stderr().red().bold(),
        failure.kind
    );
    match (&failure.error_type, &failure.message) {
        (Some(t), Some(m)) => text.push_str(&format!(": {t}: {m}")),
        (None, Some(m)) => text.push_str(&format!(": {m}")),
        (Some(t), None) => text.push_str(&format!(": {t}")),
        (None, None) => {}
    }
    text.push('\n');
    for line in &failure.stack_trace {
        text.push_str(&format!("    {line}\n"));
    }
    text
}
