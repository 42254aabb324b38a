//! `fc3 task get|list|stop|wait`: async tasks.

use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use fc3_client::{AsyncTaskStatus, Client, Output, TimeoutScope};
use fc3_models::AsyncTask;
use futures_util::TryStreamExt;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use serde_json::{Value, json};

use crate::failure::{Failure, Outcome};
use crate::flags::{GlobalArgs, TaskArgs, TaskCommand, TaskListArgs, TaskWaitArgs};
use crate::output::{self, Out};

/// Runs `fc3 task ...`.
pub async fn run(global: &GlobalArgs, command: &TaskCommand, out: Out) -> Result<Outcome, Failure> {
    let connection = super::connect(global, out).await?;
    let client = &connection.client;
    let result = match command {
        TaskCommand::Get(args) => get(client, args, out).await,
        TaskCommand::List(args) => list(client, args, out).await,
        TaskCommand::Stop(args) => stop(client, args, out).await,
        TaskCommand::Wait(args) => wait(client, args, out).await,
    };
    connection.close().await;
    result
}

/// The outcome of a task that is over: success only for `Succeeded`.
pub fn outcome_of(status: Option<AsyncTaskStatus>) -> Outcome {
    match status {
        Some(AsyncTaskStatus::Succeeded) => Outcome::Success,
        _ => Outcome::FunctionFailed,
    }
}

async fn fetch(client: &Client, args: &TaskArgs) -> Result<AsyncTask, Failure> {
    let mut call = client.get_async_task(&args.function, &args.task);
    if let Some(q) = &args.qualifier {
        call = call.qualifier(q);
    }
    Ok(call.send().await?.into_inner())
}

async fn get(client: &Client, args: &TaskArgs, out: Out) -> Result<Outcome, Failure> {
    let task = fetch(client, args).await?;
    show(args, &task, out)?;
    Ok(Outcome::Success)
}

fn show(args: &TaskArgs, task: &AsyncTask, out: Out) -> Result<(), Failure> {
    if out.is_json() {
        out.json(&task_json(&args.function, task))
    } else {
        out.stdout(render_task(&args.function, task).as_bytes())
    }
}

/// The task as FC names its fields, plus `function`.
pub fn task_json(function: &str, task: &AsyncTask) -> Value {
    let mut doc = serde_json::to_value(task).unwrap_or_else(|_| json!({}));
    doc["function"] = json!(function);
    doc
}

/// A task, readably: a title, its fields, then its history.
pub fn render_task(function: &str, task: &AsyncTask) -> String {
    let status = task
        .status
        .as_ref()
        .map_or_else(|| "unknown".to_string(), |s| s.to_string());
    let id = task.task_id.as_deref().unwrap_or("?");
    let mut text = format!("task {id} of {function}: {}\n", styled_status(&status));
    let took = match (task.duration_ms, task.end_time) {
        (Some(d), _) => Some(output::duration_ms(d)),
        _ => None,
    };
    text.push_str(&output::fields(
        2,
        &[
            ("request id", task.request_id.clone()),
            ("function arn", task.function_arn.clone()),
            ("qualifier", task.qualifier.clone()),
            ("started", task.started_time.map(output::time_ms)),
            ("ended", task.end_time.map(output::time_ms)),
            ("took", took),
            ("retries", task.already_retried_times.map(|n| n.to_string())),
            ("instance", task.instance_id.clone()),
            ("destination", task.destination_status.clone()),
            ("error", task.task_error_message.clone()),
            (
                "returned",
                task.return_payload
                    .as_deref()
                    .map(|p| output::excerpt(p, 200)),
            ),
            (
                "event",
                task.task_payload
                    .as_deref()
                    .map(|p| output::excerpt(p, 200)),
            ),
        ],
    ));
    if !task.events.is_empty() {
        text.push_str("  history\n");
        let rows: Vec<Vec<String>> = task
            .events
            .iter()
            .map(|e| {
                vec![
                    e.timestamp.map_or_else(|| "-".into(), output::time_ms),
                    e.status
                        .as_ref()
                        .map_or_else(|| "-".into(), |s| s.to_string()),
                    e.event_detail.clone().unwrap_or_default(),
                ]
            })
            .collect();
        let table = output::table(&["TIME", "STATUS", "DETAIL"], &rows);
        // Skip the header: the history reads fine without it.
        for line in table.lines().skip(1) {
            text.push_str(&format!("    {line}\n"));
        }
    }
    text
}

fn styled_status(status: &str) -> String {
    let status_value = AsyncTaskStatus::from_wire(status);
    let style = match status_value {
        AsyncTaskStatus::Succeeded => console::Style::new().green().bold(),
        // Any other end is a failure of some kind.
        ended if ended.is_terminal() => console::Style::new().red().bold(),
        _ => console::Style::new().yellow(),
    };
    style.apply_to(status).to_string()
}

async fn list(client: &Client, args: &TaskListArgs, out: Out) -> Result<Outcome, Failure> {
    let mut call = client.list_async_tasks(&args.target.function);
    if let Some(q) = &args.target.qualifier {
        call = call.qualifier(q);
    }
    if let Some(limit) = args.pages.limit {
        call = call.limit(limit);
    }
    if let Some(t) = &args.pages.next_token {
        call = call.next_token(t);
    }
    if let Some(p) = &args.prefix {
        call = call.prefix(p);
    }
    if let Some(s) = &args.status {
        call = call.status(s.clone());
    }
    if let Some(t) = args.started_after {
        call = call.started_after(t);
    }
    if let Some(t) = args.started_before {
        call = call.started_before(t);
    }
    if let Some(order) = args.sort {
        call = call.sort_order_by_time(order);
    }
    if args.include_payload {
        call = call.include_payload(true);
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
    let tasks: Vec<_> = pages.into_iter().flat_map(|p| p.tasks).collect();
    if out.is_json() {
        out.json(&json!({
            "function": args.target.function,
            "tasks": tasks,
            "nextToken": next_token,
        }))?;
        return Ok(Outcome::Success);
    }
    if tasks.is_empty() {
        out.err(&format!("no async tasks of {}\n", args.target.function));
    } else {
        let mut header = vec![
            "TASK ID",
            "STATUS",
            "STARTED",
            "TOOK",
            "RETRIES",
            "REQUEST ID",
        ];
        if args.include_payload {
            header.push("EVENT");
        }
        let rows: Vec<Vec<String>> = tasks
            .iter()
            .map(|t| {
                let mut row = vec![
                    t.task_id.clone().unwrap_or_default(),
                    t.status
                        .as_ref()
                        .map_or_else(|| "-".into(), |s| s.to_string()),
                    t.started_time.map_or_else(|| "-".into(), output::time_ms),
                    t.duration_ms
                        .map_or_else(|| "-".into(), output::duration_ms),
                    t.already_retried_times
                        .map_or_else(|| "-".into(), |n| n.to_string()),
                    t.request_id.clone().unwrap_or_default(),
                ];
                if args.include_payload {
                    row.push(output::excerpt(t.task_payload.as_deref().unwrap_or(""), 60));
                }
                row
            })
            .collect();
        out.stdout(output::table(&header, &rows).as_bytes())?;
    }
    if let Some(t) = next_token {
        out.err(&format!("more: --next-token {t} (or --all)\n"));
    }
    Ok(Outcome::Success)
}

async fn stop(client: &Client, args: &TaskArgs, out: Out) -> Result<Outcome, Failure> {
    let mut call = client.stop_async_task(&args.function, &args.task);
    if let Some(q) = &args.qualifier {
        call = call.qualifier(q);
    }
    call.send().await?;
    if out.is_json() {
        out.json(&json!({
            "function": args.function,
            "taskId": args.task,
            "stopRequested": true,
        }))?;
    } else {
        out.line(&format!(
            "asked to stop task {} of {}: it ends as Stopped (see `fc3 task wait {} {}`)",
            args.task, args.function, args.function, args.task
        ))?;
    }
    Ok(Outcome::Success)
}

async fn wait(client: &Client, args: &TaskWaitArgs, out: Out) -> Result<Outcome, Failure> {
    let progress = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
    progress.set_style(
        ProgressStyle::with_template("{spinner} {msg} {elapsed}")
            .unwrap_or_else(|_| ProgressStyle::default_spinner()),
    );
    progress.set_message(format!(
        "task {} of {}: asking (GetAsyncTask)",
        args.task.task, args.task.function
    ));
    progress.enable_steady_tick(Duration::from_millis(100));
    let last_seen = Arc::new(Mutex::new(String::from("unknown")));
    let mut waiter = client
        .wait_for_task(&args.task.function, &args.task.task)
        .poll_interval(args.interval, args.interval)
        // Without --timeout, wait for as long as it takes.
        .deadline(args.timeout.unwrap_or(Duration::MAX));
    if let Some(q) = &args.task.qualifier {
        waiter = waiter.qualifier(q);
    }
    let (title, bar, seen) = (
        format!("task {} of {}", args.task.task, args.task.function),
        progress.clone(),
        Arc::clone(&last_seen),
    );
    let waiter = waiter.on_poll(move |task| {
        let status = task
            .status
            .as_ref()
            .map_or_else(|| "unknown".to_string(), ToString::to_string);
        let retry = match task.already_retried_times {
            Some(n) if n > 0 => format!(" (retry {n})"),
            _ => String::new(),
        };
        bar.set_message(format!("{title}: {status}{retry}"));
        *seen.lock().unwrap_or_else(PoisonError::into_inner) = status;
    });
    let result = waiter.send().await;
    progress.finish_and_clear();
    let task = match result {
        Ok(task) => task.into_inner(),
        Err(fc3_client::Error::Timeout {
            scope: TimeoutScope::Wait,
            limit,
        }) => {
            let seen = last_seen
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .clone();
            return Err(Failure::WaitTimeout(format!(
                "task {} of {} had not ended after {} (last seen: {seen})",
                args.task.task,
                args.task.function,
                output::duration(limit),
            )));
        }
        Err(e) => return Err(e.into()),
    };
    show(&args.task, &task, out)?;
    Ok(outcome_of(task.status))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_success_succeeds() {
        assert_eq!(
            outcome_of(Some(AsyncTaskStatus::Succeeded)),
            Outcome::Success
        );
        for s in [
            AsyncTaskStatus::Failed,
            AsyncTaskStatus::Expired,
            AsyncTaskStatus::Stopped,
            AsyncTaskStatus::Invalid,
        ] {
            assert!(s.is_terminal());
            assert_eq!(outcome_of(Some(s)), Outcome::FunctionFailed);
        }
        assert!(!AsyncTaskStatus::Retrying.is_terminal());
        assert!(!AsyncTaskStatus::Stopping.is_terminal());
    }

    #[test]
    fn tasks_render_with_history() {
        let task: AsyncTask = serde_json::from_value(json!({
            "taskId": "t1",
            "status": "Failed",
            "requestId": "r1",
            "alreadyRetriedTimes": 2,
            "taskErrorMessage": "boom",
            "events": [
                {"eventId": 1, "status": "Enqueued", "timestamp": 1738310400000i64},
                {"eventId": 2, "status": "Failed", "timestamp": 1738310400100i64, "eventDetail": "boom"}
            ]
        }))
        .unwrap();
        let text = render_task("fail", &task);
        assert!(text.contains("task t1 of fail"));
        assert!(text.contains("retries"));
        assert!(text.contains("2025-01-31T08:00:00.100Z  Failed"));
    }
}
