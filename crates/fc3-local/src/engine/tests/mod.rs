//! The engine driven directly, on a data dir whose disk can be made full: what a write that
//! fails does to every kind of change.

mod retention;
mod store_faults;

use std::sync::Arc;

use bytes::Bytes;
use fc3_models::PutAsyncInvokeConfigInput;
use tokio::sync::Notify;

use super::{AcceptRequest, Engine, EngineSetup};
use crate::clock::ManualClock;
use crate::config::Config;
use crate::functions::Functions;
use crate::ids::IdGen;
use crate::store::{DiskFull, Store};

/// An engine on a data dir in a temporary directory, on a disk that fills up when told to.
pub(super) struct Harness {
    pub(super) engine: Arc<Engine>,
    pub(super) disk: Arc<DiskFull>,
    pub(super) clock: ManualClock,
    config: Config,
    dir: tempfile::TempDir,
}

impl Harness {
    pub(super) async fn start(config: &str) -> Harness {
        let config = Config::from_toml(config).expect("test config");
        let dir = tempfile::tempdir().expect("a temporary directory");
        Self::open(
            config,
            dir,
            Arc::new(DiskFull::default()),
            ManualClock::starting_now(),
            false,
        )
    }

    fn open(
        config: Config,
        dir: tempfile::TempDir,
        disk: Arc<DiskFull>,
        clock: ManualClock,
        paused: bool,
    ) -> Harness {
        let (store, snapshot) =
            Store::open_on(dir.path(), Arc::clone(&disk)).expect("the store opens");
        let ids = Arc::new(IdGen::new());
        let wake = Arc::new(Notify::new());
        let functions = Functions::from_config(&config, &wake, &ids);
        let engine = Engine::new(EngineSetup {
            functions,
            store,
            snapshot,
            clock: Arc::new(clock.clone()),
            ids,
            wake,
            settings: config.async_engine.clone(),
            limits: config.limits.clone(),
            destinations: config.destinations.clone(),
            data_dir: Some(dir.path().to_owned()),
            region: "cn-hangzhou".into(),
            account_id: "1234567890123456".into(),
        })
        .expect("the engine starts");
        engine.set_paused(paused);
        engine.start();
        Harness {
            engine,
            disk,
            clock,
            config,
            dir,
        }
    }

    /// Stops the engine and starts a new one on the same data dir (paused if this one was).
    pub(super) async fn restart(self) -> Harness {
        self.restart_later(std::time::Duration::ZERO).await
    }

    /// [`restart`](Self::restart), the clock moved on by `by` while it was stopped.
    pub(super) async fn restart_later(self, by: std::time::Duration) -> Harness {
        let paused = self
            .engine
            .paused
            .load(std::sync::atomic::Ordering::Acquire);
        self.engine.shutdown().await;
        self.clock.advance(by);
        let Harness {
            engine,
            disk,
            clock,
            config,
            dir,
        } = self;
        drop(engine);
        Self::open(config, dir, disk, clock, paused)
    }

    /// An async invocation of LATEST.
    pub(super) fn request(
        &self,
        function: &str,
        task_id: Option<&str>,
        payload: &[u8],
    ) -> AcceptRequest {
        AcceptRequest {
            function: Arc::clone(self.engine.functions.get(function).expect("a function")),
            qualifier: "LATEST".into(),
            version: "LATEST".into(),
            request_id: format!("1-test-{}", task_id.unwrap_or("untracked")),
            task_id: task_id.map(str::to_owned),
            payload: Bytes::copy_from_slice(payload),
        }
    }
}

/// A PutAsyncInvokeConfig body.
pub(super) fn input(json: serde_json::Value) -> PutAsyncInvokeConfigInput {
    serde_json::from_value(json).expect("a valid input")
}

/// Waits (real time, 10 s at most) until `f` is true.
pub(super) async fn eventually(what: &str, mut f: impl FnMut() -> bool) {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while !f() {
        assert!(
            std::time::Instant::now() < deadline,
            "timed out waiting for {what}"
        );
        tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    }
}
