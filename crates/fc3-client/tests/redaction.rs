//! Secrets (access key secret, security token, Authorization) never appear in Debug output,
//! error messages or log lines, even at TRACE level and through retries.

mod common;

use std::time::Duration;

use common::{Answer, KEY_ID, KEY_SECRET, Server, TOKEN};
use fc3_client::{Client, Credentials, RetryPolicy};

#[tokio::test]
async fn secrets_never_reach_debug_output_or_logs() {
    use std::sync::{Arc, Mutex};
    #[derive(Clone, Default)]
    struct Buffer(Arc<Mutex<Vec<u8>>>);
    impl std::io::Write for Buffer {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.0.lock().unwrap().extend_from_slice(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let buffer = Buffer::default();
    let writer = buffer.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_writer(move || writer.clone())
        .finish();
    // Global, in a test binary of its own: a thread-local subscriber misses events whose
    // callsites other tests' threads evaluated first.
    tracing::subscriber::set_global_default(subscriber).unwrap();

    let server = Server::start(|_, n| {
        if n == 0 {
            Answer::error(503, "ResourceThrottled", "x")
        } else {
            Answer::new(200).body("ok")
        }
    })
    .await;
    let client =
        server.client_with(RetryPolicy::default().with_base_delay(Duration::from_millis(1)));
    let output = client
        .invoke_function("f")
        .retry_sync(true)
        .send()
        .await
        .unwrap();
    let err = client.invoke_function("1bad").send().await.unwrap_err();
    let authorizations: Vec<String> = server
        .seen()
        .iter()
        .map(|s| s.header("authorization").unwrap().to_string())
        .collect();
    let signatures: Vec<String> = authorizations
        .iter()
        .map(|a| a.rsplit("Signature=").next().unwrap().to_string())
        .collect();

    let logs = String::from_utf8(buffer.0.lock().unwrap().clone()).unwrap();
    assert!(
        logs.contains("InvokeFunction") && logs.contains("retrying"),
        "the span and the retry were logged:\n{logs}"
    );
    let texts = [
        logs,
        format!("{client:?}"),
        format!(
            "{:?}",
            Client::builder().credentials(
                Credentials::new(KEY_ID, KEY_SECRET)
                    .unwrap()
                    .with_security_token(TOKEN)
                    .unwrap()
            )
        ),
        format!("{output:?}"),
        format!("{err:?} {err}"),
        format!(
            "{:?}",
            Credentials::new(KEY_ID, KEY_SECRET)
                .unwrap()
                .with_security_token(TOKEN)
                .unwrap()
        ),
    ];
    for text in &texts {
        assert!(!text.contains(KEY_SECRET), "secret leaked: {text}");
        assert!(!text.contains(TOKEN), "token leaked: {text}");
        for signature in &signatures {
            assert!(
                !text.contains(signature.as_str()),
                "signature leaked: {text}"
            );
        }
    }
}
