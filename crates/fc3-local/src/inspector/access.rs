//! Who may read the inspector. It shows payloads (never secrets), so it is for the machine it
//! runs on:
//!
//! - served by [`Server`](crate::Server) on a loopback address, it is open, but only to
//!   requests addressed to a loopback name (`localhost`, `*.localhost`, a loopback IP): a page
//!   of another site whose name was made to resolve to 127.0.0.1 (DNS rebinding) is refused;
//! - on any other address, and through `app()` alone (which cannot know where it is served),
//!   it needs a signed request, exactly as the FC routes do.

use std::net::{IpAddr, SocketAddr};

use axum::extract::{Request, State};
use axum::http::{HeaderMap, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::AppState;
use crate::error::{ApiError, clip};
use crate::routes::authenticate;

/// Where the server listens: put on every request by `Server` (absent through `app()` alone).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Listening(pub(crate) SocketAddr);

/// Whether an address is loopback (an IPv4 address mapped into IPv6 counts as itself).
pub(crate) fn is_loopback(ip: IpAddr) -> bool {
    ip.to_canonical().is_loopback()
}

/// Lets a request through when the server listens on loopback and the request names a
/// loopback host; otherwise only once its signature is verified.
pub(super) async fn gate(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let listening = request.extensions().get::<Listening>().copied();
    match listening {
        Some(Listening(addr)) if is_loopback(addr.ip()) => match loopback_host(request.headers()) {
            Ok(()) => next.run(request).await,
            Err(refused) => refused.into_response(),
        },
        _ => match authenticate(State(state), request, next).await {
            Ok(response) => response,
            Err(refused) => refused.into_response(),
        },
    }
}

/// The `Host` a request is addressed to must be a loopback name (a request without one comes
/// from no browser and is let through).
fn loopback_host(headers: &HeaderMap) -> Result<(), ApiError> {
    let Some(value) = headers.get(header::HOST) else {
        return Ok(());
    };
    let host = value.to_str().ok().and_then(|text| {
        text.parse::<axum::http::uri::Authority>()
            .ok()
            .map(|authority| authority.host().to_ascii_lowercase())
    });
    let allowed = host.as_deref().is_some_and(|host| {
        let bare = host.trim_start_matches('[').trim_end_matches(']');
        host == "localhost"
            || host.ends_with(".localhost")
            || bare.parse::<IpAddr>().is_ok_and(is_loopback)
    });
    if allowed {
        return Ok(());
    }
    let shown = String::from_utf8_lossy(value.as_bytes()).into_owned();
    Err(ApiError::forbidden(
        "AccessDenied",
        format!(
            "Host: '{}' is not a loopback name: the inspector answers requests addressed to \
             localhost, 127.0.0.1 or [::1] only",
            clip(&shown)
        ),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn host(value: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(header::HOST, value.parse().unwrap());
        headers
    }

    #[test]
    fn loopback_names_pass_and_others_do_not() {
        for ok in [
            "localhost",
            "localhost:9000",
            "LocalHost:9000",
            "app.localhost:1",
            "127.0.0.1:9000",
            "127.1.2.3",
            "[::1]:9000",
            "[::ffff:127.0.0.1]:9000",
        ] {
            assert!(loopback_host(&host(ok)).is_ok(), "{ok}");
        }
        for refused in [
            "evil.example:9000",
            "localhost.evil.example",
            "10.0.0.1:9000",
            "0.0.0.0:9000",
            "[::]:9000",
            "not a host",
        ] {
            let error = loopback_host(&host(refused)).unwrap_err();
            assert_eq!(error.code(), "AccessDenied", "{refused}");
        }
        assert!(
            loopback_host(&HeaderMap::new()).is_ok(),
            "no Host: no browser"
        );
    }

    #[test]
    fn listen_addresses() {
        assert!(is_loopback("127.0.0.1".parse().unwrap()));
        assert!(is_loopback("::1".parse().unwrap()));
        assert!(is_loopback("::ffff:127.0.0.1".parse().unwrap()));
        assert!(!is_loopback("0.0.0.0".parse().unwrap()));
        assert!(!is_loopback("::".parse().unwrap()));
        assert!(!is_loopback("192.0.2.1".parse().unwrap()));
    }
}
