//! When and how long to wait before trying a request again.

use std::time::Duration;

use fc3_models::operation::RetryClass;
use fc3_models::operations::headers;

/// How failed requests are retried. On by default.
///
/// A request is retried when it failed before reaching the service (connection refused,
/// DNS), and, where it is safe to send it twice, after a transport error or an answer of 429,
/// 500, 502, 503 or 504. The wait is exponential with jitter, or what the service asked for in
/// `x-acs-retry-after`. Retries carry `x-acs-retry-attempts`.
///
/// Whether a second send is safe depends on the operation, as the spec's `x-fc3-retry` rule
/// for it says: reads, puts, deletes and stops are idempotent; a synchronous InvokeFunction is
/// never sent again once it may have reached the service (it could run the function twice)
/// unless the caller opts in with
/// [`InvokeFunction::retry_sync`](crate::InvokeFunction::retry_sync); an asynchronous one is
/// retried after a refusal (429/503: nothing was queued) and, when it carries a caller-chosen
/// task id (the service refuses a second event with it), after any retryable failure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RetryPolicy {
    max_attempts: u32,
    base_delay: Duration,
    max_delay: Duration,
}

impl Default for RetryPolicy {
    /// Three attempts, waits from 200 ms doubling up to 20 s.
    fn default() -> Self {
        RetryPolicy {
            max_attempts: 3,
            base_delay: Duration::from_millis(200),
            max_delay: Duration::from_secs(20),
        }
    }
}

impl RetryPolicy {
    /// A policy that never retries.
    pub fn disabled() -> Self {
        RetryPolicy {
            max_attempts: 1,
            ..Self::default()
        }
    }

    /// The most attempts in all, the first included (at least 1).
    #[must_use]
    pub fn with_max_attempts(mut self, attempts: u32) -> Self {
        self.max_attempts = attempts.max(1);
        self
    }

    /// The wait before the first retry; each later one doubles it, up to `max_delay`.
    #[must_use]
    pub fn with_base_delay(mut self, delay: Duration) -> Self {
        self.base_delay = delay;
        self
    }

    /// The longest computed wait (a service's `x-acs-retry-after` may ask for more).
    #[must_use]
    pub fn with_max_delay(mut self, delay: Duration) -> Self {
        self.max_delay = delay;
        self
    }

    /// The most attempts in all.
    pub fn max_attempts(&self) -> u32 {
        self.max_attempts
    }

    /// The wait before retry number `retry` (1 for the first retry): exponential, capped, with
    /// "equal jitter" (between half and all of it) so that clients do not retry in lockstep.
    pub(crate) fn backoff(&self, retry: u32) -> Duration {
        let exp = self
            .base_delay
            .saturating_mul(1u32 << retry.saturating_sub(1).min(16));
        let capped = exp.min(self.max_delay);
        let half = capped / 2;
        half + half.mul_f64(random_unit())
    }
}

/// A random number in [0, 1).
fn random_unit() -> f64 {
    let mut bytes = [0u8; 8];
    // Jitter only spreads retries out; a fixed value is an acceptable fallback.
    if getrandom::fill(&mut bytes).is_err() {
        return 0.5;
    }
    (u64::from_le_bytes(bytes) >> 11) as f64 / (1u64 << 53) as f64
}

/// Statuses worth another try.
pub(crate) fn is_retryable_status(status: u16) -> bool {
    matches!(status, 429 | 500 | 502 | 503 | 504)
}

/// Whether `status` may be retried for a request of class `class`.
pub(crate) fn may_retry_status(class: RetryClass, status: u16) -> bool {
    match class {
        RetryClass::Idempotent => is_retryable_status(status),
        RetryClass::UnsentOrRefused => matches!(status, 429 | 503),
        RetryClass::UnsentOnly => false,
    }
}

/// Whether a transport error may be retried for a request of class `class`.
pub(crate) fn may_retry_error(class: RetryClass, error: &reqwest::Error) -> bool {
    if error.is_connect() {
        return true;
    }
    class == RetryClass::Idempotent && (error.is_timeout() || error.is_request())
}

/// The `x-acs-retry-after` header, in milliseconds.
pub(crate) fn retry_after(headers: &reqwest::header::HeaderMap) -> Option<Duration> {
    headers
        .get(headers::X_ACS_RETRY_AFTER)?
        .to_str()
        .ok()?
        .trim()
        .parse::<u64>()
        .ok()
        .map(Duration::from_millis)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_grows_is_capped_and_jittered() {
        let policy = RetryPolicy::default()
            .with_base_delay(Duration::from_millis(100))
            .with_max_delay(Duration::from_millis(1000));
        for (retry, full) in [
            (1, 100),
            (2, 200),
            (3, 400),
            (4, 800),
            (5, 1000),
            (30, 1000),
        ] {
            for _ in 0..50 {
                let d = policy.backoff(retry).as_millis() as u64;
                assert!(
                    d >= full / 2 && d <= full,
                    "retry {retry}: {d} ms not in [{}, {full}]",
                    full / 2
                );
            }
        }
        let spread: std::collections::HashSet<u128> =
            (0..20).map(|_| policy.backoff(3).as_micros()).collect();
        assert!(spread.len() > 1, "no jitter");
    }

    #[test]
    fn statuses_by_request_class() {
        assert!(may_retry_status(RetryClass::Idempotent, 500));
        assert!(may_retry_status(RetryClass::Idempotent, 429));
        assert!(!may_retry_status(RetryClass::Idempotent, 404));
        assert!(!may_retry_status(RetryClass::Idempotent, 501));
        assert!(may_retry_status(RetryClass::UnsentOrRefused, 503));
        assert!(!may_retry_status(RetryClass::UnsentOrRefused, 500));
        assert!(!may_retry_status(RetryClass::UnsentOnly, 503));
    }

    #[test]
    fn retry_after_is_milliseconds() {
        let mut headers = reqwest::header::HeaderMap::new();
        assert_eq!(retry_after(&headers), None);
        headers.insert("x-acs-retry-after", "1500".parse().unwrap());
        assert_eq!(retry_after(&headers), Some(Duration::from_millis(1500)));
        headers.insert("x-acs-retry-after", "soon".parse().unwrap());
        assert_eq!(retry_after(&headers), None);
    }

    #[test]
    fn attempts_are_at_least_one() {
        assert_eq!(
            RetryPolicy::default().with_max_attempts(0).max_attempts(),
            1
        );
        assert_eq!(RetryPolicy::disabled().max_attempts(), 1);
    }
}
