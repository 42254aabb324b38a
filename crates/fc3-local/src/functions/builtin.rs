//! The built-in functions: `echo`, `fail`, `sleep`, `flaky` and `sink`.

use std::time::Duration;

use bytes::Bytes;

use super::{Failure, HANDLED, InvokeContext, Outcome, UNHANDLED, unhandled};
use crate::clock::Clock;
use crate::config::FunctionKind;

/// A built-in of this kind; `failures` is `flaky`'s.
pub(super) struct Builtin {
    pub(super) kind: FunctionKind,
    pub(super) failures: u32,
}

impl Builtin {
    pub(super) async fn run(
        &self,
        ctx: &InvokeContext,
        event: Bytes,
        clock: &dyn Clock,
    ) -> (Outcome, Vec<u8>) {
        match self.kind {
            FunctionKind::Fail => (
                Outcome::Error(Failure::new(
                    UNHANDLED,
                    "Error",
                    "fail: this function always fails",
                )),
                b"fail: failing as asked\n".to_vec(),
            ),
            FunctionKind::Sleep => match sleep_millis(&event) {
                Some(ms) => {
                    clock.sleep(Duration::from_millis(ms)).await;
                    (
                        Outcome::Success(Bytes::from(format!("{{\"sleptMs\":{ms}}}"))),
                        format!("sleep: slept {ms} ms\n").into_bytes(),
                    )
                }
                None => (
                    Outcome::Error(Failure::new(
                        HANDLED,
                        "InvalidEvent",
                        "sleep: the event must be a number of milliseconds, e.g. 250 or {\"ms\":250}",
                    )),
                    b"sleep: bad event\n".to_vec(),
                ),
            },
            FunctionKind::Flaky => {
                let failures = json_u64(&event, "failures")
                    .map_or(self.failures, |n| n.min(u64::from(u32::MAX)) as u32);
                if ctx.attempt <= failures {
                    let message = format!(
                        "flaky: try {} of this request fails (the first {failures} do)",
                        ctx.attempt
                    );
                    unhandled("Error", &message)
                } else {
                    let log = format!("flaky: try {} succeeds\n", ctx.attempt).into_bytes();
                    (Outcome::Success(event), log)
                }
            }
            FunctionKind::Sink => {
                let log = format!("sink: kept {} bytes\n", event.len()).into_bytes();
                (Outcome::Success(Bytes::new()), log)
            }
            // Echo (and any kind without a runner of its own).
            _ => {
                let log = format!("echo: {} bytes\n", event.len()).into_bytes();
                (Outcome::Success(event), log)
            }
        }
    }
}

/// The milliseconds a `sleep` event asks for: `250`, `"250"` or `{"ms":250}`.
fn sleep_millis(event: &[u8]) -> Option<u64> {
    let text = std::str::from_utf8(event).ok()?.trim();
    let text = text.trim_matches('"');
    text.parse::<u64>().ok().or_else(|| json_u64(event, "ms"))
}

fn json_u64(event: &[u8], key: &str) -> Option<u64> {
    serde_json::from_slice::<serde_json::Value>(event)
        .ok()?
        .get(key)?
        .as_u64()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sleep_events() {
        assert_eq!(sleep_millis(b"250"), Some(250));
        assert_eq!(sleep_millis(b" \"7\" "), Some(7));
        assert_eq!(sleep_millis(br#"{"ms": 12}"#), Some(12));
        assert_eq!(sleep_millis(b"soon"), None);
    }
}
