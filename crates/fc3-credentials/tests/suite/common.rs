//! Test helpers: a tiny loopback HTTP responder, a controllable clock, fixtures.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use fc3_credentials::{CredentialsError, Env};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// A secret and a token that must never appear in any message or `Debug` output.
pub const SECRET: &str = "SuperSecretValue0123456789abcd";
pub const TOKEN: &str = "CAISStsTokenValueMustNotLeak42";

/// 2030-01-01T00:00:00Z, the tests' "now".
pub fn t0() -> SystemTime {
    UNIX_EPOCH + Duration::from_secs(1_893_456_000)
}

pub fn rfc3339(time: SystemTime) -> String {
    humantime::format_rfc3339_seconds(time).to_string()
}

/// The JSON document of the metadata server and credentials URIs.
pub fn creds_json(id: &str, expiration: SystemTime) -> String {
    format!(
        r#"{{"Code":"Success","AccessKeyId":"{id}","AccessKeySecret":"{SECRET}","SecurityToken":"{TOKEN}","Expiration":"{}","LastUpdated":"2029-12-31T18:00:00Z"}}"#,
        rfc3339(expiration)
    )
}

/// The message of a configuration error; fails the test when `err` is of another kind.
#[track_caller]
pub fn invalid_config_message(err: &CredentialsError) -> String {
    assert!(
        matches!(err, CredentialsError::InvalidConfig { .. }),
        "{err:?}"
    );
    err.to_string()
}

/// An environment with nothing set (and no home directory).
pub fn empty_env() -> Env {
    Env::from_map(Vec::<(String, String)>::new())
}

/// A clock that tests move by hand.
#[derive(Clone)]
pub struct TestClock(Arc<Mutex<SystemTime>>);

impl TestClock {
    pub fn new(start: SystemTime) -> Self {
        TestClock(Arc::new(Mutex::new(start)))
    }

    pub fn set(&self, now: SystemTime) {
        *self.0.lock().unwrap() = now;
    }

    pub fn as_fn(&self) -> impl Fn() -> SystemTime + Send + Sync + 'static {
        let inner = self.0.clone();
        move || *inner.lock().unwrap()
    }
}

/// One request seen by the [`TestServer`].
#[derive(Debug, Clone)]
pub struct Recorded {
    pub method: String,
    pub path: String,
    /// Names lowercased.
    pub headers: Vec<(String, String)>,
}

impl Recorded {
    pub fn header(&self, name: &str) -> Option<&str> {
        let name = name.to_ascii_lowercase();
        self.headers
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// A canned answer.
pub struct Reply {
    pub status: u16,
    pub body: String,
    pub delay: Duration,
}

impl Reply {
    pub fn ok(body: impl Into<String>) -> Self {
        Reply::status(200, body)
    }

    pub fn status(status: u16, body: impl Into<String>) -> Self {
        Reply {
            status,
            body: body.into(),
            delay: Duration::ZERO,
        }
    }

    pub fn delayed(mut self, delay: Duration) -> Self {
        self.delay = delay;
        self
    }
}

type Handler = dyn Fn(&Recorded) -> Reply + Send + Sync;

/// A minimal HTTP/1.1 responder on 127.0.0.1: one request per connection, answered by
/// the handler, every request recorded. Stops with the test's runtime.
pub struct TestServer {
    pub base: String,
    requests: Arc<Mutex<Vec<Recorded>>>,
}

impl TestServer {
    pub async fn start(handler: impl Fn(&Recorded) -> Reply + Send + Sync + 'static) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let requests = Arc::new(Mutex::new(Vec::new()));
        let handler: Arc<Handler> = Arc::new(handler);
        let seen = requests.clone();
        tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                let handler = handler.clone();
                let seen = seen.clone();
                tokio::spawn(async move {
                    let _ = serve(stream, handler, seen).await;
                });
            }
        });
        TestServer { base, requests }
    }

    pub fn requests(&self) -> Vec<Recorded> {
        self.requests.lock().unwrap().clone()
    }

    pub fn count(&self, method: &str, path: &str) -> usize {
        self.requests()
            .iter()
            .filter(|r| r.method == method && r.path == path)
            .count()
    }
}

async fn serve(
    mut stream: TcpStream,
    handler: Arc<Handler>,
    seen: Arc<Mutex<Vec<Recorded>>>,
) -> std::io::Result<()> {
    let mut buf = Vec::new();
    let mut chunk = [0u8; 1024];
    let head_end = loop {
        let n = stream.read(&mut chunk).await?;
        if n == 0 {
            return Ok(());
        }
        buf.extend_from_slice(&chunk[..n]);
        if let Some(pos) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            break pos;
        }
        if buf.len() > 64 * 1024 {
            return Ok(());
        }
    };
    let head = String::from_utf8_lossy(&buf[..head_end]).into_owned();
    let mut lines = head.split("\r\n");
    let mut request_line = lines.next().unwrap_or_default().split(' ');
    let method = request_line.next().unwrap_or_default().to_owned();
    let path = request_line.next().unwrap_or_default().to_owned();
    let headers: Vec<(String, String)> = lines
        .filter_map(|line| line.split_once(':'))
        .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_owned()))
        .collect();
    let recorded = Recorded {
        method,
        path,
        headers,
    };
    // Drain a request body, if any.
    let length: usize = recorded
        .header("content-length")
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    let mut have = buf.len() - (head_end + 4);
    while have < length {
        let n = stream.read(&mut chunk).await?;
        if n == 0 {
            break;
        }
        have += n;
    }
    seen.lock().unwrap().push(recorded.clone());
    let reply = handler(&recorded);
    if !reply.delay.is_zero() {
        tokio::time::sleep(reply.delay).await;
    }
    let response = format!(
        "HTTP/1.1 {} Canned\r\nContent-Type: text/plain\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{}",
        reply.status,
        reply.body.len(),
        reply.body
    );
    stream.write_all(response.as_bytes()).await?;
    stream.shutdown().await
}

/// The base URL of a loopback port nothing listens on (connection refused).
pub async fn closed_port_url() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    drop(listener);
    format!("http://{addr}")
}

/// Counts calls, for handlers that change their answer over time.
#[derive(Default, Clone)]
pub struct Counter(Arc<AtomicUsize>);

impl Counter {
    /// Increments and returns the new value (1 for the first call).
    pub fn bump(&self) -> usize {
        self.0.fetch_add(1, Ordering::SeqCst) + 1
    }
}

/// Asserts that neither the secret nor the token appears in `text`.
#[track_caller]
pub fn assert_no_secrets(text: &str) {
    assert!(!text.contains(SECRET), "secret leaked: {text}");
    assert!(!text.contains(TOKEN), "token leaked: {text}");
}
