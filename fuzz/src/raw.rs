//! A raw HTTP/1.1 request, as the fuzz seeds hold them, turned into an `http::Request`:
//! httparse reads the head (what hyper itself uses), the rest is the body. Shared by the fuzz
//! targets and fc3-local's seed test (`tests/fuzz_seeds.rs`), so both read seeds alike.

use axum::body::Body;
use axum::http::Request;

/// When the seeds are signed: 2025-01-01T00:00:00Z. The router target's clock stands there,
/// so the signed seeds verify.
pub const SIGNED_AT_SECS: u64 = 1_735_689_600;

/// A request's parts as received.
pub struct Raw<'a> {
    pub method: &'a str,
    /// The request target: path and query, as sent.
    pub target: &'a str,
    pub headers: Vec<(&'a str, &'a [u8])>,
    pub body: &'a [u8],
}

/// The parts, or `None` when the head is not a complete, well-formed HTTP/1.1 head (hyper
/// would refuse it before any router saw it).
pub fn parse(bytes: &[u8]) -> Option<Raw<'_>> {
    let mut headers = [httparse::EMPTY_HEADER; 64];
    let mut head = httparse::Request::new(&mut headers);
    let httparse::Status::Complete(length) = head.parse(bytes).ok()? else {
        return None;
    };
    Some(Raw {
        method: head.method?,
        target: head.path?,
        headers: head.headers.iter().map(|h| (h.name, h.value)).collect(),
        body: &bytes[length..],
    })
}

/// The request as an `http::Request` (`None` as for [`parse`], or when `http` refuses a part).
pub fn request(bytes: &[u8]) -> Option<Request<Body>> {
    let raw = parse(bytes)?;
    let mut request = Request::builder().method(raw.method).uri(raw.target);
    for (name, value) in &raw.headers {
        request = request.header(*name, *value);
    }
    request.body(Body::from(raw.body.to_vec())).ok()
}
