//! What every test of the `fc3` binary shares: the binary with a clean, offline environment,
//! and reading its JSON output.

#![allow(dead_code)]

use std::time::Duration;

use assert_cmd::Command;
use serde_json::Value;

pub const BIN: &str = env!("CARGO_BIN_EXE_fc3");

/// `fc3` with a clean, offline environment.
pub fn fc3() -> Command {
    let mut cmd = Command::new(BIN);
    cmd.env_clear()
        .env("HOME", "/nonexistent-fc3-test-home")
        .env("ALIBABA_CLOUD_ECS_METADATA_DISABLED", "true")
        .env("NO_COLOR", "1")
        .timeout(Duration::from_secs(30));
    cmd
}

pub fn json_of(output: &[u8]) -> Value {
    serde_json::from_slice(output).unwrap_or_else(|e| {
        panic!(
            "stdout is not one JSON document ({e}):\n{}",
            String::from_utf8_lossy(output)
        )
    })
}
