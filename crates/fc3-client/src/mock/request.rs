//! A request as the mock received it: signed, exactly what would have gone over the wire.

use std::borrow::Cow;
use std::fmt;

use bytes::Bytes;
use fc3_models::operation::{ReadRequest, Violation, WireParts, read_request};
use percent_encoding::percent_decode_str;

/// The headers whose values are secrets: shown as `<redacted>` by `Debug`.
const SECRET_HEADERS: [&str; 2] = ["authorization", "x-acs-security-token"];

/// One signed request the client handed to the mock: method, path, decoded query, headers
/// (names in lower case) and body.
#[derive(Clone)]
pub struct MockRequest {
    action: &'static str,
    method: String,
    path: String,
    query: Vec<(String, String)>,
    headers: Vec<(String, String)>,
    body: Bytes,
}

impl fmt::Debug for MockRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let headers: Vec<(&str, &str)> = self
            .headers
            .iter()
            .map(|(name, value)| {
                let shown = if SECRET_HEADERS.contains(&name.as_str()) {
                    "<redacted>"
                } else {
                    value.as_str()
                };
                (name.as_str(), shown)
            })
            .collect();
        f.debug_struct("MockRequest")
            .field("action", &self.action)
            .field("method", &self.method)
            .field("path", &self.path)
            .field("query", &self.query)
            .field("headers", &headers)
            .field("body_len", &self.body.len())
            .finish()
    }
}

impl MockRequest {
    /// What the generated client built, signed.
    pub(crate) fn from_signed(action: &'static str, request: &reqwest::Request) -> MockRequest {
        MockRequest {
            action,
            method: request.method().as_str().to_string(),
            path: request.url().path().to_string(),
            // The transport writes the query the RFC 3986 way (no `+` for a space), which
            // form decoding reads the same.
            query: request.url().query_pairs().into_owned().collect(),
            headers: request
                .headers()
                .iter()
                .map(|(name, value)| {
                    (
                        name.as_str().to_string(),
                        String::from_utf8_lossy(value.as_bytes()).into_owned(),
                    )
                })
                .collect(),
            body: request
                .body()
                .and_then(reqwest::Body::as_bytes)
                .map(Bytes::copy_from_slice)
                .unwrap_or_default(),
        }
    }

    /// The FC action (`x-acs-action`), e.g. `InvokeFunction`.
    pub fn action(&self) -> &str {
        self.action
    }

    /// The HTTP method, e.g. `POST`.
    pub fn method(&self) -> &str {
        &self.method
    }

    /// The path, percent-encoded as sent, e.g. `/2023-03-30/functions/f/invocations`.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// The query pairs, decoded, in order.
    pub fn query(&self) -> &[(String, String)] {
        &self.query
    }

    /// A header's value (the name in any case), the first if it was sent more than once.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// Every header, as (lower-case name, value), in the order sent.
    pub fn headers(&self) -> &[(String, String)] {
        &self.headers
    }

    /// The body.
    pub fn body(&self) -> &Bytes {
        &self.body
    }

    /// This request read back as `R`, its operation's typed request, by
    /// [`fc3_models::operation::read_request`] (what fc3-local does with every request).
    ///
    /// # Errors
    /// A [`Violation`] when the request is not one of `R`'s operation (naming the action) or a
    /// value breaks the spec (naming the field).
    pub fn read<R: ReadRequest>(&self) -> Result<R, Violation> {
        let operation = R::operation();
        if self.action != operation.name {
            return Err(Violation::at(
                "x-acs-action",
                "x-acs-action",
                format!("is {}, not {}", self.action, operation.name),
            ));
        }
        let path = path_parameters(operation.path, &self.path).ok_or_else(|| {
            Violation::at(
                "path",
                "path",
                format!("{} does not fit {}", self.path, operation.path),
            )
        })?;
        let header = |name: &str| self.header(name);
        let parts = WireParts {
            path: &path,
            query: &self.query,
            header: &header,
        };
        read_request(&parts, self.body.clone())
    }
}

/// The decoded path parameters of `path` under `template` (`/a/{name}/b`), matched from the
/// end, so an endpoint with a path of its own in front still fits; `None` when it does not fit.
fn path_parameters(template: &str, path: &str) -> Option<Vec<(String, String)>> {
    let wanted: Vec<&str> = template.trim_start_matches('/').split('/').collect();
    let given: Vec<&str> = path.trim_start_matches('/').split('/').collect();
    let given = given.get(given.len().checked_sub(wanted.len())?..)?;
    let mut parameters = Vec::new();
    for (want, got) in wanted.iter().zip(given) {
        match want.strip_prefix('{').and_then(|w| w.strip_suffix('}')) {
            Some(name) => {
                let value: Cow<'_, str> = percent_decode_str(got).decode_utf8().ok()?;
                parameters.push((name.to_string(), value.into_owned()));
            }
            None if want == got => {}
            None => return None,
        }
    }
    Some(parameters)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn path_parameters_are_decoded_and_literals_must_match() {
        let template = "/2023-03-30/functions/{functionName}/async-tasks/{taskId}";
        assert_eq!(
            path_parameters(template, "/2023-03-30/functions/f%201/async-tasks/t-1"),
            Some(vec![
                ("functionName".into(), "f 1".into()),
                ("taskId".into(), "t-1".into())
            ])
        );
        assert_eq!(
            path_parameters(template, "/prefix/2023-03-30/functions/f/async-tasks/t")
                .map(|p| p.len()),
            Some(2)
        );
        assert_eq!(
            path_parameters(template, "/2023-03-30/functions/f/tasks/t"),
            None
        );
        assert_eq!(path_parameters(template, "/functions/f"), None);
    }
}
