//! Test helpers: start an emulator, and a small client that signs requests with `acs3`
//! exactly as the official SDKs do (Python: every header; Go/TypeScript: host, content-type
//! and x-acs-*). End-to-end tests through fc3-client can reuse [`Emulator`] and point the
//! client at [`Emulator::endpoint`].

#![allow(dead_code)]

pub mod process;
#[path = "../../../../fuzz/src/raw.rs"]
pub mod raw;

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use acs3::{AccessKey, Payload, RequestParts};
use bytes::Bytes;
use fc3_local::{
    Clock, Config, DEV_ACCESS_KEY_ID, DEV_ACCESS_KEY_SECRET, ManualClock, Options, Server,
};
use reqwest::header::HeaderMap;
use serde::de::DeserializeOwned;
use serde_json::Value;

/// A running emulator on loopback with a manual clock, and a signing client.
pub struct Emulator {
    pub server: Server,
    pub clock: ManualClock,
    pub client: Client,
}

impl Emulator {
    /// Starts one from a TOML config, in memory, with a manual clock.
    pub async fn start(config: &str) -> Emulator {
        let clock = ManualClock::starting_now();
        let config = Config::from_toml(config).expect("test config");
        let options = Options::new(config).with_clock(Arc::new(clock.clone()));
        Self::start_with(options, clock).await
    }

    /// Starts one from options whose clock is `clock`.
    pub async fn start_with(options: Options, clock: ManualClock) -> Emulator {
        let server = Server::start(options, "127.0.0.1:0".parse().unwrap())
            .await
            .expect("emulator starts");
        let client = Client::new(&server.endpoint(), Arc::new(clock.clone()));
        Emulator {
            server,
            clock,
            client,
        }
    }

    pub fn endpoint(&self) -> String {
        self.server.endpoint()
    }

    pub async fn stop(self) {
        self.server.shutdown().await;
    }
}

/// Which official SDK's choice of signed headers to imitate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Style {
    /// Every header sent is signed.
    Python,
    /// host, content-type and x-acs-* are signed.
    GoTs,
}

static NONCE: AtomicU64 = AtomicU64::new(0);

/// A fresh nonce, unique in this process and across processes.
pub fn nonce() -> String {
    let n = NONCE.fetch_add(1, Ordering::Relaxed);
    let t = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_nanos();
    format!("{:08x}{:016x}{:08x}", std::process::id(), t as u64, n)
}

/// RFC 3986 encoding (unreserved characters stay).
pub fn encode(text: &str) -> String {
    let mut out = String::new();
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The action an SDK would name for a request.
pub fn action_of(method: &str, path: &str) -> &'static str {
    match (method, path) {
        ("POST", p) if p.ends_with("/invocations") => "InvokeFunction",
        ("PUT", p) if p.ends_with("/async-invoke-config") => "PutAsyncInvokeConfig",
        ("GET", p) if p.ends_with("/async-invoke-config") => "GetAsyncInvokeConfig",
        ("DELETE", p) if p.ends_with("/async-invoke-config") => "DeleteAsyncInvokeConfig",
        ("GET", p) if p.ends_with("/async-invoke-configs") => "ListAsyncInvokeConfigs",
        ("GET", p) if p.ends_with("/async-tasks") => "ListAsyncTasks",
        ("PUT", p) if p.ends_with("/stop") => "StopAsyncTask",
        ("GET", p) if p.contains("/async-tasks/") => "GetAsyncTask",
        _ => "Unknown",
    }
}

/// A signing client.
#[derive(Clone)]
pub struct Client {
    http: reqwest::Client,
    endpoint: String,
    host: String,
    pub key: AccessKey,
    pub token: Option<String>,
    pub clock: Arc<dyn Clock>,
    pub style: Style,
}

impl Client {
    pub fn new(endpoint: &str, clock: Arc<dyn Clock>) -> Client {
        Client {
            http: fc3_credentials::http_client_builder()
                .no_proxy()
                .build()
                .unwrap(),
            endpoint: endpoint.trim_end_matches('/').to_owned(),
            host: endpoint
                .trim_start_matches("http://")
                .trim_end_matches('/')
                .to_owned(),
            key: AccessKey::new(DEV_ACCESS_KEY_ID, DEV_ACCESS_KEY_SECRET),
            token: None,
            clock,
            style: Style::Python,
        }
    }

    pub fn with_key(mut self, id: &str, secret: &str) -> Client {
        self.key = AccessKey::new(id, secret);
        self
    }

    pub fn with_style(mut self, style: Style) -> Client {
        self.style = style;
        self
    }

    pub fn call(&self, method: &str, path: &str) -> Call {
        Call {
            client: self.clone(),
            method: method.to_owned(),
            path: path.to_owned(),
            query: Vec::new(),
            headers: Vec::new(),
            body: Vec::new(),
            date: None,
            nonce: None,
            action: None,
            tamper: None,
        }
    }

    // Conveniences, one per operation.

    pub async fn invoke(&self, function: &str, body: &[u8]) -> Reply {
        self.call("POST", &fn_path(function, "invocations"))
            .body(body)
            .send()
            .await
    }

    pub async fn invoke_async(&self, function: &str, body: &[u8], task_id: Option<&str>) -> Reply {
        let mut call = self
            .call("POST", &fn_path(function, "invocations"))
            .header("x-fc-invocation-type", "Async")
            .body(body);
        if let Some(id) = task_id {
            call = call.header("x-fc-async-task-id", id);
        }
        call.send().await
    }

    pub async fn put_config(&self, function: &str, config: Value) -> Reply {
        self.call("PUT", &fn_path(function, "async-invoke-config"))
            .json(&config)
            .send()
            .await
    }

    pub async fn get_task(&self, function: &str, task_id: &str) -> Reply {
        self.call(
            "GET",
            &fn_path(function, &format!("async-tasks/{}", encode(task_id))),
        )
        .send()
        .await
    }

    pub async fn stop_task(&self, function: &str, task_id: &str) -> Reply {
        self.call(
            "PUT",
            &fn_path(function, &format!("async-tasks/{}/stop", encode(task_id))),
        )
        .send()
        .await
    }

    pub async fn list_tasks(&self, function: &str, query: &[(&str, &str)]) -> Reply {
        let mut call = self.call("GET", &fn_path(function, "async-tasks"));
        for (k, v) in query {
            call = call.query(k, v);
        }
        call.send().await
    }

    /// Polls GetAsyncTask until its status is `status` (real time, 10 s at most).
    pub async fn wait_status(&self, function: &str, task_id: &str, status: &str) -> Value {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let reply = self.get_task(function, task_id).await;
            if reply.status == 200 {
                let task: Value = reply.json();
                if task["status"] == status {
                    return task;
                }
                assert!(
                    Instant::now() < deadline,
                    "task {task_id} of {function} never reached {status}: {task:#}"
                );
            } else {
                assert!(
                    Instant::now() < deadline,
                    "task {task_id}: {}",
                    reply.text()
                );
            }
            tokio::time::sleep(Duration::from_millis(2)).await;
        }
    }
}

pub fn fn_path(function: &str, rest: &str) -> String {
    format!("/2023-03-30/functions/{}/{rest}", encode(function))
}

/// Changes the signed headers before sending.
type Tamper = Box<dyn FnOnce(&mut Vec<(String, String)>) + Send>;

/// One request being built.
pub struct Call {
    client: Client,
    method: String,
    path: String,
    query: Vec<(String, String)>,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
    date: Option<SystemTime>,
    nonce: Option<String>,
    action: Option<String>,
    tamper: Option<Tamper>,
}

impl Call {
    pub fn query(mut self, key: &str, value: &str) -> Call {
        self.query.push((key.to_owned(), value.to_owned()));
        self
    }

    pub fn header(mut self, name: &str, value: &str) -> Call {
        self.headers.push((name.to_owned(), value.to_owned()));
        self
    }

    pub fn body(mut self, body: &[u8]) -> Call {
        self.body = body.to_vec();
        self
    }

    pub fn json(self, value: &Value) -> Call {
        self.header("content-type", "application/json")
            .body(value.to_string().as_bytes())
    }

    /// Signs with this date instead of the clock's.
    pub fn date(mut self, date: SystemTime) -> Call {
        self.date = Some(date);
        self
    }

    /// Signs with this nonce.
    pub fn nonce(mut self, nonce: &str) -> Call {
        self.nonce = Some(nonce.to_owned());
        self
    }

    /// Signs with this `x-acs-action` instead of the route's.
    pub fn action(mut self, action: &str) -> Call {
        self.action = Some(action.to_owned());
        self
    }

    /// Changes the headers after signing (to send something the signature does not cover).
    pub fn tamper(mut self, f: impl FnOnce(&mut Vec<(String, String)>) + Send + 'static) -> Call {
        self.tamper = Some(Box::new(f));
        self
    }

    /// The full header list, signed.
    pub fn signed_headers(&self) -> (String, Vec<(String, String)>) {
        let c = &self.client;
        let raw_query: String = self
            .query
            .iter()
            .map(|(k, v)| format!("{}={}", encode(k), encode(v)))
            .collect::<Vec<_>>()
            .join("&");
        let url = if raw_query.is_empty() {
            format!("{}{}", c.endpoint, self.path)
        } else {
            format!("{}{}?{}", c.endpoint, self.path, raw_query)
        };
        let date = acs3::format_date(self.date.unwrap_or_else(|| c.clock.now())).unwrap();
        let mut headers: Vec<(String, String)> = vec![
            ("host".into(), c.host.clone()),
            ("x-acs-version".into(), "2023-03-30".into()),
            (
                "x-acs-action".into(),
                self.action
                    .clone()
                    .unwrap_or_else(|| action_of(&self.method, &self.path).into()),
            ),
            ("x-acs-date".into(), date),
            (
                "x-acs-signature-nonce".into(),
                self.nonce.clone().unwrap_or_else(nonce),
            ),
            (
                "x-acs-content-sha256".into(),
                acs3::payload_sha256_hex(&self.body),
            ),
            ("user-agent".into(), "fc3-local-tests".into()),
            ("accept".into(), "application/json".into()),
        ];
        if !self.body.is_empty() && !self.headers.iter().any(|(k, _)| k == "content-type") {
            headers.push(("content-type".into(), "application/octet-stream".into()));
        }
        if let Some(token) = &c.token {
            headers.push(("x-acs-security-token".into(), token.clone()));
            headers.push(("x-acs-accesskey-id".into(), c.key.id().to_owned()));
        }
        headers.extend(self.headers.iter().cloned());
        let query: Vec<(&str, &str)> = self
            .query
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        let header_refs: Vec<(&str, &str)> = headers
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        let parts = RequestParts::new(&self.method, &self.path)
            .with_query(&query)
            .with_headers(&header_refs)
            .with_payload(Payload::Bytes(&self.body));
        let signed = match c.style {
            Style::Python => acs3::sign(&c.key, &parts),
            Style::GoTs => acs3::sign_with(&c.key, &parts, acs3::is_go_ts_signed_header),
        }
        .expect("signs");
        headers.push(("authorization".into(), signed.authorization));
        (url, headers)
    }

    pub async fn send(mut self) -> Reply {
        let (url, mut headers) = self.signed_headers();
        if let Some(tamper) = self.tamper.take() {
            tamper(&mut headers);
        }
        let method = reqwest::Method::from_bytes(self.method.as_bytes()).unwrap();
        let mut request = self.client.http.request(method, &url);
        for (k, v) in &headers {
            if k != "host" {
                request = request.header(k, v);
            }
        }
        let response = request
            .body(self.body.clone())
            .send()
            .await
            .expect("the emulator answers");
        Reply {
            status: response.status().as_u16(),
            headers: response.headers().clone(),
            body: response.bytes().await.expect("a body"),
        }
    }
}

impl Call {
    /// The request as it would be sent: URL, headers (signed, then tampered with), method,
    /// body.
    pub fn parts(mut self) -> (String, Vec<(String, String)>, String, Vec<u8>) {
        let (url, mut headers) = self.signed_headers();
        if let Some(tamper) = self.tamper.take() {
            tamper(&mut headers);
        }
        (url, headers, self.method, self.body)
    }

    /// Sends the request, signed, through the router itself (no socket).
    pub async fn oneshot(self, router: axum::Router) -> Reply {
        let endpoint = self.client.endpoint.clone();
        let (url, headers, method, body) = self.parts();
        let mut request = axum::http::Request::builder()
            .method(method.as_str())
            .uri(url.trim_start_matches(&endpoint));
        for (k, v) in &headers {
            request = request.header(k, v);
        }
        let request = request
            .body(axum::body::Body::from(body))
            .expect("a request");
        answer(router, request).await
    }
}

/// Sends a raw HTTP/1.1 request (see [`raw`]) through the router itself.
pub async fn send_raw(router: axum::Router, bytes: &[u8]) -> Reply {
    let request = raw::request(bytes).expect("a well-formed request");
    answer(router, request).await
}

/// The router's answer to a request.
async fn answer(router: axum::Router, request: axum::http::Request<axum::body::Body>) -> Reply {
    use tower::ServiceExt;
    let response = router.oneshot(request).await.expect("an answer");
    let status = response.status().as_u16();
    let mut headers = HeaderMap::new();
    for (k, v) in response.headers() {
        if let (Ok(name), Ok(value)) = (
            reqwest::header::HeaderName::from_bytes(k.as_str().as_bytes()),
            reqwest::header::HeaderValue::from_bytes(v.as_bytes()),
        ) {
            headers.insert(name, value);
        }
    }
    let body = axum::body::to_bytes(response.into_body(), usize::MAX)
        .await
        .expect("a body");
    Reply {
        status,
        headers,
        body,
    }
}

/// An answer.
#[derive(Debug)]
pub struct Reply {
    pub status: u16,
    pub headers: HeaderMap,
    pub body: Bytes,
}

impl Reply {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    pub fn json<T: DeserializeOwned>(&self) -> T {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.text()))
    }

    /// Asserts an FC error answer and returns its message.
    #[track_caller]
    pub fn expect_error(&self, status: u16, code: &str) -> String {
        assert_eq!(self.status, status, "{}", self.text());
        let error: fc3_models::Error = self.json();
        assert_eq!(error.code.as_deref(), Some(code), "{}", self.text());
        assert_eq!(
            error.request_id.as_deref(),
            self.header("x-fc-request-id"),
            "the body's RequestId is the x-fc-request-id header"
        );
        error.message.unwrap_or_default()
    }
}

/// Every task of a function, newest first (all pages), with payloads.
pub async fn all_tasks(client: &Client, function: &str) -> Vec<fc3_models::AsyncTask> {
    let mut tasks = Vec::new();
    let mut token: Option<String> = None;
    loop {
        let mut query = vec![
            ("limit", "100".to_owned()),
            ("includePayload", "true".to_owned()),
        ];
        if let Some(t) = &token {
            query.push(("nextToken", t.clone()));
        }
        let query: Vec<(&str, &str)> = query.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let reply = client.list_tasks(function, &query).await;
        assert_eq!(reply.status, 200, "{}", reply.text());
        let page: fc3_models::ListAsyncTaskOutput = reply.json();
        tasks.extend(page.tasks);
        match page.next_token {
            Some(t) => token = Some(t),
            None => return tasks,
        }
    }
}

/// Waits (real time, 10 s at most) until `f` is true.
pub async fn wait_until(what: &str, mut f: impl FnMut() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(10);
    while !f() {
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        tokio::time::sleep(Duration::from_millis(2)).await;
    }
}
