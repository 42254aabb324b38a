//! A scripted FC stand-in on loopback: it verifies every request's ACS3 signature as FC does
//! (date skew, nonce reuse, payload hash), records what it received, and answers as the test
//! script says.

#![allow(dead_code)]

use std::collections::HashSet;
use std::sync::{Arc, Mutex};
use std::time::SystemTime;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use fc3_client::{Client, Credentials, RetryPolicy};

pub const KEY_ID: &str = "LTAI-runtime-test";
pub const KEY_SECRET: &str = "runtime-test-secret-never-logged";
pub const TOKEN: &str = "CAIS-sts-token-never-logged";

/// One request as the server saw it, with the outcome of its signature check.
#[derive(Debug, Clone)]
pub struct Seen {
    pub method: Method,
    pub uri: Uri,
    pub headers: HeaderMap,
    pub body: Bytes,
    pub verified: Result<(), String>,
}

impl Seen {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).map(|v| v.to_str().unwrap())
    }
}

/// What the script answers.
pub struct Answer {
    pub status: u16,
    pub headers: Vec<(&'static str, String)>,
    pub body: Vec<u8>,
    pub delay: std::time::Duration,
}

impl Answer {
    pub fn new(status: u16) -> Self {
        Answer {
            status,
            headers: vec![("x-fc-request-id", "req-1".into())],
            body: Vec::new(),
            delay: std::time::Duration::ZERO,
        }
    }
    pub fn json(mut self, body: serde_json::Value) -> Self {
        self.headers
            .push(("content-type", "application/json".into()));
        self.body = body.to_string().into_bytes();
        self
    }
    pub fn body(mut self, body: impl Into<Vec<u8>>) -> Self {
        self.body = body.into();
        self
    }
    pub fn header(mut self, name: &'static str, value: impl Into<String>) -> Self {
        self.headers.retain(|(n, _)| *n != name);
        self.headers.push((name, value.into()));
        self
    }
    pub fn after(mut self, delay: std::time::Duration) -> Self {
        self.delay = delay;
        self
    }
    /// FC's error body.
    pub fn error(status: u16, code: &str, message: &str) -> Self {
        Answer::new(status)
            .json(serde_json::json!({"Code": code, "Message": message, "RequestId": "req-err-1"}))
    }
}

type Script = Arc<dyn Fn(&Seen, usize) -> Answer + Send + Sync>;

#[derive(Clone)]
struct ServerState {
    seen: Arc<Mutex<Vec<Seen>>>,
    nonces: Arc<Mutex<HashSet<String>>>,
    script: Script,
}

/// A running stand-in.
pub struct Server {
    pub url: String,
    seen: Arc<Mutex<Vec<Seen>>>,
}

impl Server {
    /// Starts one; `script` gets each request and how many came before it.
    pub async fn start(script: impl Fn(&Seen, usize) -> Answer + Send + Sync + 'static) -> Server {
        let seen = Arc::new(Mutex::new(Vec::new()));
        let state = ServerState {
            seen: seen.clone(),
            nonces: Default::default(),
            script: Arc::new(script),
        };
        let app = axum::Router::new().fallback(handle).with_state(state);
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
        Server { url, seen }
    }

    pub fn seen(&self) -> Vec<Seen> {
        self.seen.lock().unwrap().clone()
    }

    /// A client for it with static STS credentials and no retries unless given.
    pub fn client(&self) -> Client {
        self.client_with(RetryPolicy::disabled())
    }

    pub fn client_with(&self, retry: RetryPolicy) -> Client {
        self.client_with_timeouts(retry, fc3_client::Timeouts::default())
    }

    pub fn client_with_timeouts(
        &self,
        retry: RetryPolicy,
        timeouts: fc3_client::Timeouts,
    ) -> Client {
        Client::builder()
            .endpoint(&self.url)
            .timeouts(timeouts)
            .credentials(
                Credentials::new(KEY_ID, KEY_SECRET)
                    .unwrap()
                    .with_security_token(TOKEN)
                    .unwrap(),
            )
            .retry_policy(retry)
            .build()
            .unwrap()
    }
}

fn check(
    method: &Method,
    uri: &Uri,
    headers: &HeaderMap,
    body: &[u8],
    nonces: &Mutex<HashSet<String>>,
) -> Result<(), String> {
    let pairs: Vec<(&str, &str)> = headers
        .iter()
        .map(|(n, v)| (n.as_str(), v.to_str().unwrap_or("")))
        .collect();
    let query = acs3::parse_query(uri.query().unwrap_or("")).map_err(|e| e.to_string())?;
    let query: Vec<(&str, &str)> = query
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let parts = acs3::RequestParts::new(method.as_str(), uri.path())
        .with_query(&query)
        .with_headers(&pairs)
        .with_payload(acs3::Payload::Bytes(body));
    let authorization = headers
        .get("authorization")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let verified = acs3::verify(
        &parts,
        authorization,
        &acs3::AccessKey::new(KEY_ID, KEY_SECRET),
    )
    .map_err(|e| e.to_string())?;
    acs3::check_date(&verified.date, SystemTime::now(), acs3::MAX_CLOCK_SKEW)
        .map_err(|e| e.to_string())?;
    if !nonces.lock().unwrap().insert(verified.nonce.to_string()) {
        return Err(format!("nonce {} reused", verified.nonce));
    }
    for required in ["x-acs-security-token", "x-acs-accesskey-id", "content-type"] {
        if headers.contains_key(required) && !verified.signed_headers.contains(&required) {
            return Err(format!("{required} was sent but not signed"));
        }
    }
    Ok(())
}

async fn handle(
    State(state): State<ServerState>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let verified = check(&method, &uri, &headers, &body, &state.nonces);
    let seen = Seen {
        method,
        uri,
        headers,
        body,
        verified,
    };
    let count = {
        let mut all = state.seen.lock().unwrap();
        all.push(seen.clone());
        all.len() - 1
    };
    let answer = (state.script)(&seen, count);
    if !answer.delay.is_zero() {
        tokio::time::sleep(answer.delay).await;
    }
    let mut response = (StatusCode::from_u16(answer.status).unwrap(), answer.body).into_response();
    for (name, value) in answer.headers {
        response.headers_mut().insert(name, value.parse().unwrap());
    }
    response
}
