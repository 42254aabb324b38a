//! Finished async tasks are kept 7 days (FC's retention) by default, then removed, from the
//! data dir too; and never more than `async.max_finished_tasks`, so ListAsyncTasks stays
//! bounded. Driven through the API on the manual clock.

mod common;

use std::sync::Arc;
use std::time::Duration;

use common::{Emulator, all_tasks};
use fc3_local::{Config, DEFAULT_TASK_RETENTION_SECONDS, ManualClock, Options};

const DAY: Duration = Duration::from_secs(24 * 60 * 60);

fn task_ids(tasks: &[fc3_models::AsyncTask]) -> Vec<String> {
    let mut ids: Vec<String> = tasks.iter().filter_map(|t| t.task_id.clone()).collect();
    ids.sort();
    ids
}

async fn on_data_dir(dir: &std::path::Path, clock: &ManualClock, config: &str) -> Emulator {
    let options = Options::new(Config::from_toml(config).unwrap())
        .with_data_dir(dir)
        .with_clock(Arc::new(clock.clone()));
    Emulator::start_with(options, clock.clone()).await
}

/// Waits (real time, 10 s at most) until the function's tasks are `expected`; never fewer.
async fn tasks_become(emu: &Emulator, function: &str, expected: &[&str]) {
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    loop {
        let ids = task_ids(&all_tasks(&emu.client, function).await);
        if ids == expected {
            return;
        }
        assert!(ids.len() >= expected.len(), "too many removed: {ids:?}");
        assert!(std::time::Instant::now() < deadline, "still {ids:?}");
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
}

async fn finish(emu: &Emulator, function: &str, task_id: &str) {
    let reply = emu
        .client
        .invoke_async(function, b"{}", Some(task_id))
        .await;
    assert_eq!(reply.status, 202, "{}", reply.text());
    emu.client.wait_status(function, task_id, "Succeeded").await;
}

#[tokio::test]
async fn finished_tasks_are_kept_seven_days_then_removed_durably() {
    assert_eq!(Duration::from_secs(DEFAULT_TASK_RETENTION_SECONDS), 7 * DAY);
    let dir = tempfile::tempdir().unwrap();
    let clock = ManualClock::starting_now();
    let emu = on_data_dir(dir.path(), &clock, "").await;
    // `sink` keeps async tasks by default.
    finish(&emu, "sink", "monday").await;
    finish(&emu, "sink", "tuesday").await;

    emu.clock.advance(7 * DAY - Duration::from_secs(1));
    finish(&emu, "sink", "a-week-later").await;
    // A task not over is never removed, however old: this one waits in a paused queue.
    emu.server.state().set_async_paused(true);
    let reply = emu
        .client
        .invoke_async("sink", b"{}", Some("waiting"))
        .await;
    assert_eq!(reply.status, 202);
    assert_eq!(
        task_ids(&all_tasks(&emu.client, "sink").await),
        ["a-week-later", "monday", "tuesday", "waiting"],
        "a second short of 7 days, all are there"
    );

    emu.clock.advance(Duration::from_secs(2));
    tasks_become(&emu, "sink", &["a-week-later", "waiting"]).await;
    emu.client
        .get_task("sink", "monday")
        .await
        .expect_error(404, "AsyncTaskNotExists");

    // Removed from the data dir too: a restart does not bring them back.
    emu.server.state().sync_store().await.unwrap();
    emu.stop().await;
    let emu = on_data_dir(dir.path(), &clock, "").await;
    emu.server.state().set_async_paused(true);
    assert_eq!(
        task_ids(&all_tasks(&emu.client, "sink").await),
        ["a-week-later", "waiting"]
    );
    emu.stop().await;
}

#[tokio::test]
async fn the_retention_is_configurable() {
    let emu = Emulator::start("[async]\ntask_retention_seconds = 30\n").await;
    finish(&emu, "sink", "short-lived").await;
    emu.clock.advance(Duration::from_secs(29));
    assert_eq!(emu.client.get_task("sink", "short-lived").await.status, 200);
    emu.clock.advance(Duration::from_secs(2));
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    while emu.client.get_task("sink", "short-lived").await.status == 200 {
        assert!(std::time::Instant::now() < deadline, "never removed");
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    emu.stop().await;
}

#[tokio::test]
async fn beyond_the_bound_the_oldest_finished_tasks_go_first() {
    let emu = Emulator::start("[async]\nmax_finished_tasks = 3\n").await;
    for n in 1..=5 {
        finish(&emu, "sink", &format!("task-{n}")).await;
        // Distinct end times, so "oldest" is well defined.
        emu.clock.advance(Duration::from_millis(10));
    }
    tasks_become(&emu, "sink", &["task-3", "task-4", "task-5"]).await;
    emu.stop().await;
}

#[test]
fn a_retention_or_bound_of_zero_is_refused() {
    for key in [
        "task_retention_seconds",
        "max_finished_tasks",
        "max_finished_bytes",
    ] {
        let error = Config::from_toml(&format!("[async]\n{key} = 0\n")).unwrap_err();
        assert!(error.to_string().contains(key), "{error}");
    }
}
