//! Running redb's code on a file we do not trust: redb asserts on some damage (a truncated
//! file, a garbled page) instead of returning an error. [`contained`] turns such a panic into
//! an error and keeps its text off stderr; a panic anywhere else is reported as before.

use std::cell::Cell;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::Once;

thread_local! {
    /// Whether this thread is inside [`contained`].
    static QUIET: Cell<bool> = const { Cell::new(false) };
}

static HOOK: Once = Once::new();

/// Runs `work`; a panic inside it is returned as its message.
pub(super) fn contained<T>(work: impl FnOnce() -> T) -> Result<T, String> {
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !QUIET.with(Cell::get) {
                previous(info);
            }
        }));
    });
    let was_quiet = QUIET.with(|q| q.replace(true));
    let result = catch_unwind(AssertUnwindSafe(work));
    QUIET.with(|q| q.set(was_quiet));
    result.map_err(|payload| {
        payload
            .downcast_ref::<&str>()
            .map(|s| (*s).to_owned())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "an internal check failed".to_owned())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_becomes_its_message() {
        assert_eq!(contained(|| 7), Ok(7));
        let err = contained(|| -> () { panic!("page {} is garbled", 3) }).unwrap_err();
        assert_eq!(err, "page 3 is garbled");
        assert_eq!(
            contained(|| -> () { panic!("plain") }).unwrap_err(),
            "plain"
        );
        // Outside, a panic is still a panic.
        assert!(catch_unwind(|| panic!("loud")).is_err());
    }
}
