//! fc3-local's router (`app()`, no socket) with any method, path, query, headers and body:
//! never a panic, never a 5xx, and every error answer in FC's format
//! (`{"Code","Message","RequestId"}` with `x-fc-request-id`). Each input gets a fresh emulator
//! (`fuzz/router.toml`) whose clock stands where the seeds were signed.

#![no_main]

use std::sync::{Arc, LazyLock};
use std::time::{Duration, UNIX_EPOCH};

use fc3_local::{AppState, Config, ManualClock, Options, app};
use libfuzzer_sys::fuzz_target;
use tower::ServiceExt;

static RUNTIME: LazyLock<tokio::runtime::Runtime> = LazyLock::new(|| {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a runtime")
});

static CONFIG: LazyLock<Config> = LazyLock::new(|| {
    Config::from_toml(include_str!("../router.toml")).expect("the router target's configuration")
});

fuzz_target!(|data: &[u8]| {
    let Some(request) = fc3_fuzz::raw::request(data) else {
        return;
    };
    RUNTIME.block_on(async {
        let clock =
            ManualClock::new(UNIX_EPOCH + Duration::from_secs(fc3_fuzz::raw::SIGNED_AT_SECS));
        let options = Options::new(CONFIG.clone()).with_clock(Arc::new(clock));
        let state = AppState::start(options).await.expect("the emulator starts");
        let response = app(state.clone())
            .oneshot(request)
            .await
            .expect("the router answers");
        let status = response.status();
        let request_id = response.headers().get("x-fc-request-id").cloned();
        let body = axum::body::to_bytes(response.into_body(), usize::MAX)
            .await
            .expect("a body");
        assert!(
            !status.is_server_error(),
            "{status}: {}",
            String::from_utf8_lossy(&body)
        );
        assert!(request_id.is_some(), "{status} without x-fc-request-id");
        if !status.is_success() {
            let error: fc3_models::Error = serde_json::from_slice(&body).unwrap_or_else(|e| {
                panic!(
                    "{status} without FC's error body ({e}): {}",
                    String::from_utf8_lossy(&body)
                )
            });
            assert!(
                error.code.is_some() && error.request_id.is_some(),
                "{status}: {error:?}"
            );
        }
        state.shutdown().await;
    });
});
