//! Time, injected: every timestamp, timeout, backoff and expiry of the emulator reads a
//! [`Clock`], so tests drive time by hand with [`ManualClock`] and run in milliseconds.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use tokio::sync::watch;

/// A future that completes when a [`Clock`] reaches a deadline.
pub type Sleep = Pin<Box<dyn Future<Output = ()> + Send + 'static>>;

/// Where the emulator reads the time and how it waits for it.
///
/// [`SystemClock`] is the real one; [`ManualClock`] only moves when told to.
pub trait Clock: Send + Sync + 'static {
    /// The current time.
    fn now(&self) -> SystemTime;

    /// A future that completes once [`now`](Self::now) is at or past `deadline`.
    fn sleep_until(&self, deadline: SystemTime) -> Sleep;

    /// A future that completes once `duration` has passed on this clock.
    fn sleep(&self, duration: Duration) -> Sleep {
        let deadline = self
            .now()
            .checked_add(duration)
            .unwrap_or_else(|| self.now() + Duration::from_secs(86_400 * 365));
        self.sleep_until(deadline)
    }
}

/// The operating system's clock, waiting with tokio timers.
#[derive(Clone, Copy, Debug, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> SystemTime {
        SystemTime::now()
    }

    fn sleep_until(&self, deadline: SystemTime) -> Sleep {
        let wait = deadline
            .duration_since(SystemTime::now())
            .unwrap_or_default();
        Box::pin(tokio::time::sleep(wait))
    }
}

/// A clock that stands still until [`advance`](Self::advance) or [`set`](Self::set) moves it,
/// waking every sleeper whose deadline is then reached. Clones share the same time.
///
/// ```
/// use std::time::{Duration, UNIX_EPOCH};
/// use fc3_local::{Clock, ManualClock};
///
/// let clock = ManualClock::new(UNIX_EPOCH + Duration::from_secs(1_700_000_000));
/// clock.advance(Duration::from_millis(1500));
/// assert_eq!(clock.now(), UNIX_EPOCH + Duration::from_millis(1_700_000_001_500));
/// ```
#[derive(Clone, Debug)]
pub struct ManualClock {
    time: Arc<watch::Sender<SystemTime>>,
}

impl ManualClock {
    /// A clock standing at `start`.
    pub fn new(start: SystemTime) -> Self {
        Self {
            time: Arc::new(watch::Sender::new(start)),
        }
    }

    /// A clock standing at the current system time, rounded down to a whole second (the
    /// precision of `x-acs-date`, so signed requests carry exactly the clock's time).
    pub fn starting_now() -> Self {
        let secs = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_secs())
            .unwrap_or_default();
        Self::new(UNIX_EPOCH + Duration::from_secs(secs))
    }

    /// Moves the clock forward by `by`.
    pub fn advance(&self, by: Duration) {
        self.time.send_modify(|t| *t += by);
    }

    /// Sets the clock to `to` (forward or backward).
    pub fn set(&self, to: SystemTime) {
        self.time.send_replace(to);
    }

    /// How many sleeps on this clock exist now (made and not yet dropped). A test waits for it
    /// to grow to know that something, a function run or a retry backoff, is under way and
    /// waiting for the clock, instead of guessing with a real-time delay.
    ///
    /// ```
    /// use std::time::Duration;
    /// use fc3_local::{Clock, ManualClock};
    ///
    /// let clock = ManualClock::starting_now();
    /// let sleep = clock.sleep(Duration::from_secs(1));
    /// assert_eq!(clock.sleepers(), 1);
    /// drop(sleep);
    /// assert_eq!(clock.sleepers(), 0);
    /// ```
    pub fn sleepers(&self) -> usize {
        self.time.receiver_count()
    }
}

impl Clock for ManualClock {
    fn now(&self) -> SystemTime {
        *self.time.borrow()
    }

    fn sleep_until(&self, deadline: SystemTime) -> Sleep {
        let mut rx = self.time.subscribe();
        Box::pin(async move {
            loop {
                if *rx.borrow_and_update() >= deadline {
                    return;
                }
                if rx.changed().await.is_err() {
                    std::future::pending::<()>().await;
                }
            }
        })
    }
}

/// Milliseconds since the Unix epoch (negative before it).
pub(crate) fn millis(time: SystemTime) -> i64 {
    match time.duration_since(UNIX_EPOCH) {
        Ok(d) => i64::try_from(d.as_millis()).unwrap_or(i64::MAX),
        Err(e) => -i64::try_from(e.duration().as_millis()).unwrap_or(i64::MAX),
    }
}

/// The time `ms` milliseconds after the Unix epoch (the epoch itself when negative).
pub(crate) fn from_millis(ms: i64) -> SystemTime {
    UNIX_EPOCH + Duration::from_millis(u64::try_from(ms).unwrap_or(0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn manual_sleep_wakes_when_advanced() {
        let clock = ManualClock::new(UNIX_EPOCH + Duration::from_secs(100));
        let sleep = clock.sleep(Duration::from_secs(5));
        let task = tokio::spawn(sleep);
        tokio::task::yield_now().await;
        clock.advance(Duration::from_secs(4));
        tokio::task::yield_now().await;
        assert!(!task.is_finished());
        clock.advance(Duration::from_secs(1));
        tokio::time::timeout(Duration::from_secs(5), task)
            .await
            .expect("woken")
            .expect("no panic");
    }

    #[test]
    fn millis_round_trip() {
        let t = UNIX_EPOCH + Duration::from_millis(1_763_800_000_123);
        assert_eq!(millis(t), 1_763_800_000_123);
        assert_eq!(from_millis(1_763_800_000_123), t);
    }
}
