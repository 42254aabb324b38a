//! `fc3 demo`: the whole product in a few seconds, offline.
//!
//! It starts fc3-local in-process on a free loopback port and, through the fc3 client (signed
//! requests over real HTTP), walks the success path (PutAsyncInvokeConfig with destinations, a
//! synchronous InvokeFunction with the log tail, an asynchronous one with a task id, waiting
//! for the task, the onSuccess record read back from the `sink` function) and the failure
//! path (a function that always fails exhausts its retries; the onFailure record arrives).
//! Every step names the API operation it called and the request id the service gave.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use fc3_client::{Client, InvocationType, LogType};
use fc3_models::AsyncTask;
use fc3_models::DestinationRecord;
use serde_json::{Value, json};

use crate::embedded::{self, Embedded};
use crate::failure::{Failure, Outcome};
use crate::flags::{DemoArgs, GlobalArgs};
use crate::output::{self, Out};

/// How often the demo asks about a task or the sink.
const POLL: Duration = Duration::from_millis(15);
/// How long the demo waits for a task to end or a record to arrive.
const PATIENCE: Duration = Duration::from_secs(15);
/// The destination function: it keeps what it receives as async tasks.
const SINK: &str = "sink";
/// The delay before the first retry in the embedded emulator (it doubles per retry).
const RETRY_BASE_DELAY: Duration = Duration::from_millis(10);

/// Runs `fc3 demo`.
pub async fn run(global: &GlobalArgs, _args: &DemoArgs, out: Out) -> Result<Outcome, Failure> {
    super::reject_connection_flags(global, "demo")?;
    let started = Instant::now();
    let local = embedded::start(embedded::Options {
        region: global.region.clone(),
        retry_base_delay: Some(RETRY_BASE_DELAY),
    })
    .await?;
    let client = local.client()?;
    let mut demo = Demo {
        client,
        out,
        sink_arn: local.function_arn(SINK),
        steps: Vec::new(),
        number: 0,
        requests: 0,
        put_steps: Vec::new(),
        invoke_steps: Vec::new(),
    };
    let result = demo.run(&local, started).await;
    drop(demo);
    local.stop().await;
    result
}

struct Demo {
    client: Client,
    out: Out,
    sink_arn: String,
    /// The JSON of each step, for `--output json`.
    steps: Vec<Value>,
    number: usize,
    /// Signed requests sent.
    requests: usize,
    put_steps: Vec<usize>,
    invoke_steps: Vec<usize>,
}

/// What one step prints.
struct Step {
    operation: &'static str,
    /// How many times it was called (polls); shown as `×N` when more than one.
    calls: usize,
    title: String,
    fields: Vec<(&'static str, String)>,
    ok: bool,
    result: String,
    json: Value,
}

impl Demo {
    async fn run(&mut self, local: &Embedded, started: Instant) -> Result<Outcome, Failure> {
        self.intro(local);

        self.section("The success path");
        let echo = "echo";
        self.put_config(echo, 2, true).await?;
        self.invoke_sync(echo, r#"{"hello":"fc3","from":"fc3 demo"}"#)
            .await?;
        let accepted = self
            .invoke_async(echo, "demo-echo-1", r#"{"job":"resize","image":"cat.png"}"#)
            .await?;
        let task = self.wait(echo, "demo-echo-1").await?;
        if task.status != Some(fc3_client::AsyncTaskStatus::Succeeded) {
            return Err(Failure::Local(format!(
                "demo: the echo task ended {:?}, not Succeeded",
                task.status
            )));
        }
        self.record(&accepted, "onSuccess").await?;

        self.section("The failure path");
        let fail = "fail";
        self.put_config(fail, 2, false).await?;
        let accepted = self
            .invoke_async(
                fail,
                "demo-fail-1",
                r#"{"job":"resize","image":"broken.png"}"#,
            )
            .await?;
        let task = self.wait(fail, "demo-fail-1").await?;
        if task.status != Some(fc3_client::AsyncTaskStatus::Failed) {
            return Err(Failure::Local(format!(
                "demo: the fail task ended {:?}, not Failed",
                task.status
            )));
        }
        self.record(&accepted, "onFailure").await?;

        self.outro(local, started)
    }

    fn intro(&self, local: &Embedded) {
        if self.out.is_json() {
            return;
        }
        let bold = console::Style::new().bold();
        let dim = console::Style::new().dim();
        let mut text = format!(
            "{}\n\n",
            bold.apply_to(
                "fc3 demo: Function Compute 3.0, asynchronous invocation end to end, offline"
            )
        );
        text.push_str(&output::fields(
            2,
            &[
                (
                    "server",
                    Some(format!(
                        "fc3-local, embedded, on {} (in memory; functions {})",
                        local.endpoint(),
                        local.function_names().join(", ")
                    )),
                ),
                (
                    "client",
                    Some("fc3-client: every call signed with ACS3-HMAC-SHA256 (development key fc3-local-dev), real HTTP on loopback".into()),
                ),
            ],
        ));
        text.push_str(&format!(
            "  {}\n",
            dim.apply_to(
                "Each step names the FC API operation it calls and the request id the service gave."
            )
        ));
        let _ = self.out.stdout(text.as_bytes());
    }

    fn section(&self, title: &str) {
        if !self.out.is_json() {
            let _ = self.out.stdout(
                format!(
                    "\n{}\n",
                    console::Style::new().bold().underlined().apply_to(title)
                )
                .as_bytes(),
            );
        }
    }

    fn emit(&mut self, step: Step) {
        let n = self.number;
        let mut doc = step.json;
        doc["step"] = json!(n);
        doc["operation"] = json!(step.operation);
        doc["calls"] = json!(step.calls);
        doc["result"] = json!(step.result);
        self.steps.push(doc);
        if self.out.is_json() {
            return;
        }
        let op = console::Style::new().cyan().bold();
        let mut text = format!(
            "\n{:>2}. {}  {}\n",
            n,
            op.apply_to(&step.operation),
            step.title
        );
        let width = step.fields.iter().map(|(k, _)| k.len()).max().unwrap_or(0);
        for (key, value) in &step.fields {
            let mut lines = value.lines();
            let first = lines.next().unwrap_or("");
            let key_text = format!("{key:<width$}");
            text.push_str(&format!(
                "      {}  {first}\n",
                console::Style::new().dim().apply_to(key_text)
            ));
            for line in lines {
                text.push_str(&format!("      {:width$}  {line}\n", ""));
            }
        }
        let mark = if step.ok {
            console::Style::new().green().bold().apply_to("✓")
        } else {
            console::Style::new().red().bold().apply_to("✗")
        };
        text.push_str(&format!("    {mark} {}\n", step.result));
        let _ = self.out.stdout(text.as_bytes());
    }

    fn next_step(&mut self) -> usize {
        self.number += 1;
        self.number
    }

    /// PutAsyncInvokeConfig, showing what was stored and its request id.
    async fn put_config(
        &mut self,
        function: &str,
        retries: u32,
        on_success: bool,
    ) -> Result<(), Failure> {
        let n = self.next_step();
        self.put_steps.push(n);
        let mut builder = self
            .client
            .put_async_invoke_config(function)
            .max_async_retry_attempts(i64::from(retries))
            .max_event_age(Duration::from_secs(3600))
            .async_task(true)
            .on_failure(&self.sink_arn);
        if on_success {
            builder = builder.on_success(&self.sink_arn);
        }
        self.requests += 1;
        let (config, request_id) = builder.send().await?.into_parts();
        let destinations = if on_success {
            "send outcome records to sink"
        } else {
            "send failure records to sink"
        };
        let mut fields = vec![
            (
                "maxAsyncRetryAttempts",
                config
                    .max_async_retry_attempts
                    .map_or_else(|| "-".into(), |n| n.to_string()),
            ),
            (
                "maxAsyncEventAge",
                config
                    .max_async_event_age_in_seconds
                    .map_or_else(|| "-".into(), |s| format!("{s} s")),
            ),
            (
                "asyncTask",
                config
                    .async_task
                    .map_or_else(|| "-".into(), |b| b.to_string()),
            ),
        ];
        let destination = |success: bool| {
            let d = config.destination_config.as_ref()?;
            let d = if success {
                d.on_success.as_ref()
            } else {
                d.on_failure.as_ref()
            }?;
            d.destination.as_ref().map(|arn| arn.to_string())
        };
        if let Some(arn) = destination(true) {
            fields.push(("onSuccess", arn));
        }
        if let Some(arn) = destination(false) {
            fields.push(("onFailure", arn));
        }
        fields.push(("request id", request_id.clone().unwrap_or_default()));
        self.emit(Step {
            operation: "PutAsyncInvokeConfig",
            calls: 1,
            title: format!(
                "{function}: retry {}, track async tasks, {destinations}",
                times(retries)
            ),
            fields,
            ok: true,
            result: "stored: asynchronous invocations of this function now follow it".into(),
            json: json!({
                "function": function,
                "requestId": request_id,
                "config": config,
            }),
        });
        Ok(())
    }

    async fn invoke_sync(&mut self, function: &str, event: &str) -> Result<(), Failure> {
        let n = self.next_step();
        self.invoke_steps.push(n);
        self.requests += 1;
        let started = Instant::now();
        let output = self
            .client
            .invoke_function(function)
            .payload(event)
            .log_type(LogType::Tail)
            .send()
            .await?;
        let took = started.elapsed();
        let response = String::from_utf8_lossy(output.payload()).into_owned();
        let mut fields = vec![("event", event.to_string()), ("response", response.clone())];
        if let Some(log) = output.log_tail() {
            fields.push(("log tail", log.trim_end().to_string()));
        }
        if let Some(v) = output.executed_version() {
            fields.push(("executed version", v.to_string()));
        }
        if let Some(i) = output.instance_id() {
            fields.push(("instance", i.to_string()));
        }
        fields.push((
            "request id",
            output.request_id().unwrap_or_default().to_string(),
        ));
        let ok = output.function_error().is_none();
        self.emit(Step {
            operation: "InvokeFunction",
            calls: 1,
            title: format!("{function}, synchronously, with the log tail"),
            fields,
            ok,
            result: match output.function_error() {
                None => format!(
                    "HTTP {} in {}: the function's answer",
                    output.status(),
                    output::duration(took)
                ),
                Some(e) => e.to_string(),
            },
            json: json!({
                "function": function,
                "invocationType": "Sync",
                "requestId": output.request_id(),
                "status": output.status(),
                "executedVersion": output.executed_version(),
                "payload": output::payload_json(output.payload()).0,
                "logTail": output.log_tail(),
            }),
        });
        Ok(())
    }

    /// An asynchronous InvokeFunction; returns its request id.
    async fn invoke_async(
        &mut self,
        function: &str,
        task_id: &str,
        event: &str,
    ) -> Result<String, Failure> {
        let n = self.next_step();
        self.invoke_steps.push(n);
        self.requests += 1;
        let output = self
            .client
            .invoke_function(function)
            .invocation_type(InvocationType::Async)
            .async_task_id(task_id)
            .payload(event)
            .send()
            .await?;
        let request_id = output.request_id().unwrap_or_default().to_string();
        self.emit(Step {
            operation: "InvokeFunction",
            calls: 1,
            title: format!("{function}, asynchronously, as task {task_id}"),
            fields: vec![
                ("event", event.to_string()),
                (
                    "task id",
                    output.async_task_id().unwrap_or(task_id).to_string(),
                ),
                ("request id", request_id.clone()),
            ],
            ok: true,
            result: format!(
                "HTTP {} Accepted: queued; the service runs it and retries it",
                output.status()
            ),
            json: json!({
                "function": function,
                "invocationType": InvocationType::Async.to_string(),
                "requestId": request_id,
                "status": output.status(),
                "asyncTaskId": output.async_task_id(),
            }),
        });
        Ok(request_id)
    }

    /// GetAsyncTask until the task ends.
    async fn wait(&mut self, function: &str, task_id: &str) -> Result<AsyncTask, Failure> {
        self.next_step();
        let polls = Arc::new(AtomicUsize::new(0));
        let counted = Arc::clone(&polls);
        let waited = self
            .client
            .wait_for_task(function, task_id)
            .poll_interval(POLL, POLL)
            .deadline(PATIENCE)
            .on_poll(move |_| {
                counted.fetch_add(1, Ordering::Relaxed);
            })
            .send()
            .await;
        let polls = polls.load(Ordering::Relaxed);
        self.requests += polls;
        let (task, request_id) = match waited {
            Ok(task) => task.into_parts(),
            Err(fc3_client::Error::Timeout {
                scope: fc3_client::TimeoutScope::Wait,
                ..
            }) => {
                return Err(Failure::WaitTimeout(format!(
                    "demo: task {task_id} of {function} had not ended after {}",
                    output::duration(PATIENCE)
                )));
            }
            Err(e) => return Err(e.into()),
        };
        let mut history: Vec<String> = Vec::new();
        for status in task.events.iter().filter_map(|e| e.status.clone()) {
            let s = status.to_string();
            if history.last() != Some(&s) {
                history.push(s);
            }
        }
        let tries = task.already_retried_times.unwrap_or(0) + 1;
        let status = task
            .status
            .as_ref()
            .map_or_else(|| "?".into(), |s| s.to_string());
        let mut fields = vec![("history", history.join(" → "))];
        fields.push(("tries", tries.to_string()));
        if let Some(d) = task.duration_ms {
            fields.push(("took", output::duration_ms(d)));
        }
        if let Some(p) = &task.return_payload {
            fields.push(("returned", output::excerpt(p, 120)));
        }
        if let Some(e) = &task.task_error_message {
            fields.push(("error", output::excerpt(e, 120)));
        }
        fields.push(("request id", request_id.clone().unwrap_or_default()));
        let ok = task.status == Some(fc3_client::AsyncTaskStatus::Succeeded);
        let result = if ok {
            format!("{status} after {}", tries_text(tries))
        } else {
            format!(
                "{status} after {}: the first and {} retr{}, all that maxAsyncRetryAttempts allows",
                tries_text(tries),
                tries - 1,
                if tries == 2 { "y" } else { "ies" }
            )
        };
        self.emit(Step {
            operation: "GetAsyncTask",
            calls: polls,
            title: format!("{function} task {task_id}, until it ends"),
            fields,
            ok,
            result,
            json: json!({
                "function": function,
                "taskId": task_id,
                "requestId": request_id,
                "task": task,
            }),
        });
        Ok(task)
    }

    /// ListAsyncTasks of the sink until the record of `request_id` is there.
    async fn record(&mut self, request_id: &str, kind: &str) -> Result<(), Failure> {
        self.next_step();
        let deadline = Instant::now() + PATIENCE;
        let mut polls = 0;
        let (sink_task, record, list_request_id) = 'found: loop {
            polls += 1;
            self.requests += 1;
            let (page, list_request_id) = self
                .client
                .list_async_tasks(SINK)
                .include_payload(true)
                .send()
                .await?
                .into_parts();
            for task in page.tasks {
                let Some(payload) = task.task_payload.as_deref() else {
                    continue;
                };
                if let Ok(record) = serde_json::from_str::<DestinationRecord>(payload)
                    && record.request_context.request_id == request_id
                {
                    break 'found (task, record, list_request_id);
                }
            }
            if Instant::now() >= deadline {
                return Err(Failure::WaitTimeout(format!(
                    "demo: no {kind} record for request {request_id} reached {SINK} after {}",
                    output::duration(PATIENCE)
                )));
            }
            tokio::time::sleep(POLL).await;
        };
        let context = &record.request_context;
        let condition = if context.condition.is_empty() {
            "\"\" (success)".to_string()
        } else {
            context.condition.clone()
        };
        let pretty = serde_json::to_string_pretty(&record).unwrap_or_default();
        let fields = vec![
            ("sink task", sink_task.task_id.clone().unwrap_or_default()),
            ("condition", condition),
            ("tries", context.approximate_invoke_count.to_string()),
            ("record", pretty),
            ("request id", list_request_id.clone().unwrap_or_default()),
        ];
        self.emit(Step {
            operation: "ListAsyncTasks",
            calls: polls,
            title: format!("{SINK}, with payloads: the {kind} destination record"),
            fields,
            ok: true,
            result: format!(
                "the {kind} record arrived at {SINK}, carrying the invocation's request id {request_id}"
            ),
            json: json!({
                "function": SINK,
                "destination": kind,
                "requestId": list_request_id,
                "sinkTaskId": sink_task.task_id,
                "record": record,
            }),
        });
        Ok(())
    }

    fn outro(&self, local: &Embedded, started: Instant) -> Result<Outcome, Failure> {
        let elapsed = started.elapsed();
        if self.out.is_json() {
            self.out.json(&json!({
                "endpoint": local.endpoint(),
                "inspector": local.inspector_url(),
                "inspectorOfFc3Local": inspector_of_fc3_local(),
                "steps": self.steps,
                "requests": self.requests,
                "elapsedMs": u64::try_from(elapsed.as_millis()).unwrap_or(u64::MAX),
            }))?;
            return Ok(Outcome::Success);
        }
        let list = |steps: &[usize]| {
            steps
                .iter()
                .map(|n| n.to_string())
                .collect::<Vec<_>>()
                .join(", ")
        };
        let bold = console::Style::new().bold();
        let dim = console::Style::new().dim();
        let text = format!(
            "\n{} in {}: {} steps, {} signed requests. Both seed operations ran: \
             PutAsyncInvokeConfig (steps {}) and InvokeFunction (steps {}).\n\n\
             {}\n  fc3 --local invoke echo --event '{{\"hi\":1}}'   one call against a fresh emulator\n  \
             fc3 local                                     an emulator that stays up (state kept across commands)\n  \
             fc3 --help                                    every command, with examples\n\n\
             The inspector shows the queue, retries and destinations live in a browser. This demo's\n\
             emulator served it at {} until the demo ended; run `fc3 local`\n\
             and open {} to keep one up.\n",
            bold.apply_to("Done"),
            output::duration(elapsed),
            self.number,
            self.requests,
            list(&self.put_steps),
            list(&self.invoke_steps),
            dim.apply_to("Next:"),
            local.inspector_url(),
            inspector_of_fc3_local(),
        );
        self.out.stdout(text.as_bytes())?;
        Ok(Outcome::Success)
    }
}

/// Where `fc3 local` (on its default address) serves the inspector.
fn inspector_of_fc3_local() -> String {
    format!(
        "http://{}{}",
        crate::flags::LOCAL_LISTEN,
        fc3_local::INSPECTOR_PATH
    )
}

fn times(n: u32) -> String {
    match n {
        0 => "never".into(),
        1 => "once".into(),
        2 => "twice".into(),
        n => format!("{n} times"),
    }
}

fn tries_text(n: i64) -> String {
    if n == 1 {
        "1 try".into()
    } else {
        format!("{n} tries")
    }
}
