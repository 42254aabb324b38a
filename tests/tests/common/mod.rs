//! What the workspace tests that drive fc3-client against fc3-local share: an emulator on
//! loopback with a client signed by its development key.

// Each test file is its own crate and uses only some of these.
#![allow(dead_code)]

use std::time::Duration;

use fc3_client::{Client, Credentials, RetryPolicy};
use fc3_local::{Config, Options, Server};

/// fc3-local on a loopback port, and a client for it.
pub struct Local {
    pub server: Server,
    pub client: Client,
}

/// fc3-local configured by `toml`.
pub async fn local(toml: &str) -> Local {
    local_with(Options::new(Config::from_toml(toml).unwrap())).await
}

/// fc3-local started with `options`, and a client signed with the development key.
pub async fn local_with(options: Options) -> Local {
    let server = Server::start(options, "127.0.0.1:0".parse().unwrap())
        .await
        .unwrap();
    let client = client_for(
        &server,
        fc3_local::DEV_ACCESS_KEY_ID,
        fc3_local::DEV_ACCESS_KEY_SECRET,
    );
    Local { server, client }
}

/// A client for `server` signing with this key, retrying after 5 ms so tests stay quick.
pub fn client_for(server: &Server, id: &str, secret: &str) -> Client {
    Client::builder()
        .endpoint(&server.endpoint())
        .credentials(Credentials::new(id, secret).unwrap())
        .retry_policy(RetryPolicy::default().with_base_delay(Duration::from_millis(5)))
        .build()
        .unwrap()
}

/// The ARN of a function of the emulator's default region and account.
pub fn arn(function: &str) -> String {
    format!(
        "acs:fc:{}:{}:functions/{function}",
        fc3_local::DEFAULT_REGION,
        fc3_local::DEFAULT_ACCOUNT_ID
    )
}

/// The task once it has ended, through the client's waiter (bounded).
pub async fn wait_for(client: &Client, function: &str, task: &str) -> fc3_models::AsyncTask {
    client
        .wait_for_task(function, task)
        .poll_interval(Duration::from_millis(10), Duration::from_millis(50))
        .deadline(Duration::from_secs(10))
        .send()
        .await
        .unwrap_or_else(|e| panic!("task {task} did not end: {e}"))
        .into_inner()
}
