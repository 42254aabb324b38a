//! The lifecycle rules, one transition at a time.

use super::*;
use AsyncTaskStatus as S;

const T0: i64 = 1_700_000_000_000;
const BACKOFF: Backoff = Backoff {
    base_ms: 100,
    max_ms: 300,
};

fn record() -> EventRecord {
    new_record(NewEvent {
        seq: 7,
        function: "f",
        qualifier: "LATEST",
        version: "LATEST",
        function_arn: "acs:fc:r:1:functions/f".into(),
        request_id: "1-req",
        task_id: Some("t".into()),
        hops: 0,
        now_ms: T0,
    })
}

/// Ends a try of `rec` with an empty answer, under the default policy.
fn succeed(rec: &mut EventRecord) -> End {
    let response = stored_response(b"");
    end_try(
        rec,
        TryOutcome::Succeeded {
            response: &response,
        },
        &policy(3, 60),
        &BACKOFF,
        T0,
    )
}

fn statuses(rec: &EventRecord) -> Vec<S> {
    rec.task
        .events
        .iter()
        .filter_map(|e| e.status.clone())
        .collect()
}

fn policy(retries: i64, age_s: u64) -> Policy {
    Policy {
        max_retries: retries,
        max_age_ms: age_s * 1000,
    }
}

#[test]
fn defaults_come_from_fc() {
    let p = Policy::of(None);
    assert_eq!(p, policy(3, 86_400));
    let mut config = AsyncConfig::default();
    config.max_async_retry_attempts = Some(0);
    assert_eq!(Policy::of(Some(&config)).max_retries, 0);
}

#[test]
fn a_new_record_is_enqueued_and_tracked_with_a_task_id() {
    let rec = record();
    assert_eq!(statuses(&rec), [S::Enqueued]);
    assert!(rec.tracked);
    assert_eq!(rec.task.started_time, Some(T0));
    assert_eq!(rec.task.events[0].event_id, Some(1));
}

#[test]
fn success_on_the_first_try() {
    let mut rec = record();
    assert_eq!(begin_try(&mut rec, &policy(3, 60), "c-1", T0), Begin::Run);
    assert_eq!(rec.tries, 1);
    assert_eq!(rec.task.instance_id.as_deref(), Some("c-1"));
    let end = end_try(
        &mut rec,
        TryOutcome::Succeeded {
            response: &stored_response(b"ok"),
        },
        &policy(3, 60),
        &BACKOFF,
        T0 + 5,
    );
    let End::Finished(Some(delivery)) = end else {
        panic!("{end:?}")
    };
    assert!(delivery.success);
    assert_eq!(delivery.condition, CONDITION_SUCCESS);
    assert_eq!(statuses(&rec), [S::Enqueued, S::Running, S::Succeeded]);
    assert_eq!(rec.response.as_deref(), Some("ok"));
    assert_eq!(rec.task.duration_ms, Some(5));
    assert_eq!(rec.task.end_time, Some(T0 + 5));
}

#[test]
fn failures_retry_with_backoff_then_fail() {
    let mut rec = record();
    let p = policy(2, 60);
    let body = stored_response(b"{}");
    let failed = TryOutcome::Failed {
        kind: "UnhandledInvocationError",
        summary: "Error: boom",
        response: &body,
    };
    let mut now = T0;
    let mut dues = Vec::new();
    let end = loop {
        assert_eq!(begin_try(&mut rec, &p, "c", now), Begin::Run);
        match end_try(&mut rec, failed, &p, &BACKOFF, now) {
            End::Retry { due_ms } => {
                dues.push(due_ms - now);
                now = due_ms;
            }
            other => break other,
        }
    };
    assert_eq!(dues, [100, 200], "doubling");
    let End::Finished(Some(delivery)) = end else {
        panic!("{end:?}")
    };
    assert!(!delivery.success);
    assert_eq!(delivery.condition, "UnhandledInvocationError");
    assert_eq!(rec.task.already_retried_times, Some(2));
    assert_eq!(rec.task.status, Some(S::Failed));
    assert!(
        rec.task
            .task_error_message
            .as_deref()
            .unwrap()
            .starts_with("UnhandledInvocationError")
    );
    assert_eq!(BACKOFF.after(10), Duration::from_millis(300), "capped");
}

#[test]
fn an_old_event_expires_before_its_try() {
    let mut rec = record();
    let begin = begin_try(&mut rec, &policy(3, 2), "c", T0 + 2_001);
    let Begin::Expired(delivery) = begin else {
        panic!("{begin:?}")
    };
    assert_eq!(delivery.condition, CONDITION_EXPIRED);
    assert_eq!(delivery.status_code, 0, "no try ran");
    assert_eq!(rec.task.status, Some(S::Expired));
    assert_eq!(rec.tries, 0);
}

#[test]
fn stops() {
    // Queued: stopped at once.
    let mut rec = record();
    assert_eq!(stop(&mut rec, T0), Ok(Stop::Stopped));
    assert_eq!(statuses(&rec), [S::Enqueued, S::Stopping, S::Stopped]);
    assert_eq!(stop(&mut rec, T0), Ok(Stop::Already));
    assert_eq!(
        begin_try(&mut rec, &policy(3, 60), "c", T0),
        Begin::NotRunnable
    );

    // Running: Stopping, then Stopped when the try ends, whatever it produced.
    let mut rec = record();
    begin_try(&mut rec, &policy(3, 60), "c", T0);
    assert_eq!(stop(&mut rec, T0), Ok(Stop::Interrupt));
    let end = succeed(&mut rec);
    assert_eq!(end, End::Finished(None));
    assert_eq!(rec.task.status, Some(S::Stopped));

    // Interrupted without a stop request (shutdown): Stopped too.
    let mut rec = record();
    begin_try(&mut rec, &policy(3, 60), "c", T0);
    let end = end_try(
        &mut rec,
        TryOutcome::Interrupted,
        &policy(3, 60),
        &BACKOFF,
        T0,
    );
    assert_eq!(end, End::Finished(None));

    // Finished: refused with its status.
    let mut rec = record();
    begin_try(&mut rec, &policy(3, 60), "c", T0);
    succeed(&mut rec);
    assert_eq!(stop(&mut rec, T0), Err(S::Succeeded));
}

#[test]
fn a_retry_is_not_run_before_it_is_due() {
    let mut rec = record();
    let p = policy(3, 60);
    begin_try(&mut rec, &p, "c", T0);
    let body = stored_response(b"");
    let failed = TryOutcome::Failed {
        kind: "UnhandledInvocationError",
        summary: "x",
        response: &body,
    };
    let End::Retry { due_ms } = end_try(&mut rec, failed, &p, &BACKOFF, T0) else {
        panic!()
    };
    assert_eq!(begin_try(&mut rec, &p, "c", due_ms - 1), Begin::NotRunnable);
    assert_eq!(begin_try(&mut rec, &p, "c", due_ms), Begin::Run);
}

#[test]
fn a_stop_between_tries_ends_it_before_the_next() {
    let mut rec = record();
    rec.task.status = Some(S::Stopping);
    assert_eq!(begin_try(&mut rec, &policy(3, 60), "c", T0), Begin::Stopped);
    assert!(is_terminal(rec.task.status.as_ref()));
}

#[test]
fn end_try_of_a_record_that_is_not_running_changes_nothing() {
    let mut rec = record();
    let before = rec.task.events.len();
    let end = succeed(&mut rec);
    assert_eq!(end, End::NotRunning);
    assert_eq!(rec.task.events.len(), before);
}

#[test]
fn recovery_after_a_restart() {
    let mut running = record();
    begin_try(&mut running, &policy(3, 60), "c", T0);
    let r = recover(&mut running, Requeue::Restart, T0 + 1);
    assert_eq!(
        r,
        Recovered {
            changed: true,
            next: Next::Ready
        }
    );
    assert_eq!(running.task.status, Some(S::Enqueued));
    assert_eq!(running.tries, 1, "the interrupted try counts");
    let mut lost = record();
    begin_try(&mut lost, &policy(3, 60), "c", T0);
    recover(&mut lost, Requeue::LostWrite, T0);
    let detail = lost
        .task
        .events
        .last()
        .unwrap()
        .event_detail
        .clone()
        .unwrap();
    assert!(
        detail.contains("could not record how try 1 went"),
        "{detail}"
    );

    let mut retrying = record();
    retrying.task.status = Some(S::Retrying);
    retrying.next_due_ms = T0 + 500;
    assert_eq!(
        recover(&mut retrying, Requeue::Restart, T0).next,
        Next::Timer(T0 + 500)
    );

    let mut stopping = record();
    stopping.task.status = Some(S::Stopping);
    let r = recover(&mut stopping, Requeue::LostWrite, T0);
    assert!(r.changed);
    assert_eq!(stopping.task.status, Some(S::Stopped));

    let mut invalid = record();
    invalidate(&mut invalid, T0);
    assert_eq!(recover(&mut invalid, Requeue::Restart, T0).next, Next::Done);
}
