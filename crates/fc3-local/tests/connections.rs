//! Connections that never finish their request: a silent or half-sent head, a body shorter
//! than its Content-Length, a chunked body that never ends, an idle kept-alive connection, and
//! more connections than the cap. Raw TCP against a real server with short timeouts.

mod common;

use std::time::{Duration, Instant};

use common::Emulator;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

const HEADER_TIMEOUT: Duration = Duration::from_millis(400);

const CONFIG: &str = r#"
[server]
header_read_timeout = 0.4
body_read_timeout = 0.4
max_connections = 4
"#;

/// Reads until the server closes the connection (or 5 s pass: then it never did).
async fn read_to_close(stream: &mut TcpStream) -> Option<(Vec<u8>, Duration)> {
    let started = Instant::now();
    let mut all = Vec::new();
    let mut buf = [0u8; 4096];
    loop {
        match tokio::time::timeout(Duration::from_secs(5), stream.read(&mut buf)).await {
            Err(_) => return None,
            Ok(Ok(0)) | Ok(Err(_)) => return Some((all, started.elapsed())),
            Ok(Ok(n)) => all.extend_from_slice(&buf[..n]),
        }
    }
}

/// A signed async invocation head (the body follows separately).
fn head(emu: &Emulator, extra: &[(&str, &str)], body: &[u8]) -> Vec<u8> {
    let mut call = emu
        .client
        .call("POST", &common::fn_path("echo", "invocations"))
        .body(body);
    for (k, v) in extra {
        call = call.header(k, v);
    }
    let (url, headers) = call.signed_headers();
    let target = url.trim_start_matches(&emu.endpoint()).to_owned();
    let mut text = format!("POST {target} HTTP/1.1\r\n");
    for (k, v) in headers {
        if k == "content-length" {
            continue;
        }
        text.push_str(&format!("{k}: {v}\r\n"));
    }
    text.into_bytes()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_connection_that_sends_nothing_or_half_a_head_is_closed() {
    let emu = Emulator::start(CONFIG).await;
    let addr = emu.server.local_addr();
    let opened = Instant::now();
    let mut silent = TcpStream::connect(addr).await.unwrap();
    let mut half = TcpStream::connect(addr).await.unwrap();
    half.write_all(b"POST /2023-03-30/functions/echo/invocations HTTP/1.1\r\nhost: x\r\n")
        .await
        .unwrap();
    for stream in [&mut silent, &mut half] {
        let (answer, _) = read_to_close(stream).await.expect("closed by the server");
        assert!(answer.is_empty(), "{}", String::from_utf8_lossy(&answer));
        let after = opened.elapsed();
        assert!(after >= HEADER_TIMEOUT / 2, "closed after {after:?}");
    }
    emu.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_body_that_stops_coming_is_answered_408_and_closed() {
    let emu = Emulator::start(CONFIG).await;
    let addr = emu.server.local_addr();
    // Declares 100 bytes, sends 10.
    let body = [b'x'; 100];
    let mut short = TcpStream::connect(addr).await.unwrap();
    let mut request = head(&emu, &[], &body);
    request.extend_from_slice(b"content-length: 100\r\n\r\n0123456789");
    short.write_all(&request).await.unwrap();
    // A chunked body that never ends.
    let mut endless = TcpStream::connect(addr).await.unwrap();
    let mut request = head(&emu, &[("transfer-encoding", "chunked")], &body);
    request.extend_from_slice(b"\r\n5\r\nxxxxx\r\n");
    endless.write_all(&request).await.unwrap();
    for stream in [&mut short, &mut endless] {
        let (answer, _) = read_to_close(stream).await.expect("closed by the server");
        let text = String::from_utf8_lossy(&answer);
        assert!(text.starts_with("HTTP/1.1 408"), "{text}");
        assert!(text.contains("\"Code\":\"RequestTimeout\""), "{text}");
        assert!(text.contains("x-fc-request-id"), "{text}");
    }
    emu.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_idle_kept_alive_connection_is_closed() {
    let emu = Emulator::start(CONFIG).await;
    let mut stream = TcpStream::connect(emu.server.local_addr()).await.unwrap();
    stream
        .write_all(b"GET /openapi.yaml HTTP/1.1\r\nhost: x\r\n\r\n")
        .await
        .unwrap();
    let (answer, after) = read_to_close(&mut stream)
        .await
        .expect("closed by the server");
    assert!(String::from_utf8_lossy(&answer).starts_with("HTTP/1.1 200"));
    assert!(
        after >= HEADER_TIMEOUT / 2,
        "kept alive, then closed after {after:?}"
    );
    emu.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn past_the_cap_a_connection_waits_for_a_free_one_and_is_then_answered() {
    let emu = Emulator::start(CONFIG).await;
    let addr = emu.server.local_addr();
    let mut idle = Vec::new();
    for _ in 0..4 {
        idle.push(TcpStream::connect(addr).await.unwrap());
    }
    // Give the server the time to take the four.
    tokio::time::sleep(Duration::from_millis(100)).await;
    let started = Instant::now();
    let reply = emu.client.invoke("echo", b"waited").await;
    assert_eq!(reply.text(), "waited");
    assert!(
        started.elapsed() >= HEADER_TIMEOUT / 2,
        "answered after {:?}: more than 4 connections at once",
        started.elapsed()
    );
    drop(idle);
    emu.stop().await;
}
