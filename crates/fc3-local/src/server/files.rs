//! The open-file limit, to cap connections below it: each connection holds a file, and the
//! data store, functions' processes and pipes and `http` functions' connections need some too.

/// The cap when the limit cannot be read.
const WHEN_UNKNOWN: usize = 512;
/// The largest default cap.
const AT_MOST: usize = 4096;

/// How many connections to serve at once: `configured`, or three quarters of the soft
/// open-file limit (at most [`AT_MOST`]).
pub(super) fn max_connections(configured: Option<usize>) -> usize {
    let limit = open_file_limit();
    let chosen = configured.unwrap_or_else(|| match limit {
        Some(limit) => (limit / 4 * 3).clamp(1, AT_MOST),
        None => WHEN_UNKNOWN,
    });
    if let Some(limit) = limit
        && chosen >= limit
    {
        tracing::warn!(
            max_connections = chosen,
            open_file_limit = limit,
            "server.max_connections is not below the open-file limit (ulimit -n): new connections may fail for want of files"
        );
    }
    chosen
}

/// The soft limit on open files, if there is one and it can be read.
fn open_file_limit() -> Option<usize> {
    #[cfg(unix)]
    {
        let limit = rustix::process::getrlimit(rustix::process::Resource::Nofile);
        limit.current.and_then(|n| usize::try_from(n).ok())
    }
    #[cfg(not(unix))]
    {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_configured_cap_wins_and_the_default_is_below_the_limit() {
        assert_eq!(max_connections(Some(7)), 7);
        let default = max_connections(None);
        assert!((1..=AT_MOST).contains(&default));
        if let Some(limit) = open_file_limit() {
            assert!(default < limit, "{default} connections for {limit} files");
        }
    }
}
