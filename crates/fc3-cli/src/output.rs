//! Printing: stdout for results, stderr for metadata, logs and errors; text or one JSON
//! document; small formatters for times, durations, tables and payloads.

use std::io::{IsTerminal, Write};
use std::time::{Duration, SystemTime};

use base64::Engine as _;
use serde_json::Value;

use crate::failure::Failure;
use crate::flags::OutputFormat;

/// Where and how a command prints.
#[derive(Debug, Clone, Copy)]
pub struct Out {
    /// Text or JSON.
    pub format: OutputFormat,
}

impl Out {
    /// A printer for `format`.
    pub fn new(format: OutputFormat) -> Self {
        Out { format }
    }

    /// Whether results are one JSON document.
    pub fn is_json(&self) -> bool {
        self.format == OutputFormat::Json
    }

    /// Prints `doc` as the command's one JSON document on stdout.
    pub fn json(&self, doc: &Value) -> Result<(), Failure> {
        let mut text = serde_json::to_string_pretty(doc).unwrap_or_else(|_| doc.to_string());
        text.push('\n');
        self.stdout(text.as_bytes())
    }

    /// Writes bytes to stdout.
    pub fn stdout(&self, bytes: &[u8]) -> Result<(), Failure> {
        let mut stdout = std::io::stdout().lock();
        stdout
            .write_all(bytes)
            .and_then(|()| stdout.flush())
            .map_err(|e| Failure::io("writing to stdout", e))
    }

    /// Writes a line of text to stdout.
    pub fn line(&self, text: &str) -> Result<(), Failure> {
        self.stdout(format!("{text}\n").as_bytes())
    }

    /// Writes text to stderr (metadata, logs, notes); errors writing there are ignored.
    pub fn err(&self, text: &str) {
        let mut stderr = std::io::stderr().lock();
        let _ = stderr.write_all(text.as_bytes());
        let _ = stderr.flush();
    }
}

/// Whether stdout is a terminal (a person reads it).
pub fn stdout_is_terminal() -> bool {
    std::io::stdout().is_terminal()
}

/// Milliseconds since the Unix epoch as RFC 3339 UTC text with milliseconds.
pub fn time_ms(ms: i64) -> String {
    match u64::try_from(ms) {
        Ok(ms) => {
            humantime::format_rfc3339_millis(SystemTime::UNIX_EPOCH + Duration::from_millis(ms))
                .to_string()
        }
        Err(_) => ms.to_string(),
    }
}

/// A duration in milliseconds, readably: `12ms`, `1s 500ms`, `2m 3s`.
pub fn duration_ms(ms: i64) -> String {
    match u64::try_from(ms) {
        Ok(0) => "under 1ms".to_string(),
        Ok(ms) => humantime::format_duration(Duration::from_millis(ms)).to_string(),
        Err(_) => format!("{ms}ms"),
    }
}

/// A duration, readably, rounded to milliseconds.
pub fn duration(d: Duration) -> String {
    let ms = d.as_millis().min(u128::from(u64::MAX)) as u64;
    if ms == 0 {
        return "under 1ms".to_string();
    }
    humantime::format_duration(Duration::from_millis(ms)).to_string()
}

/// How a payload is represented in JSON output: the value itself when it is JSON, else text,
/// else base64. Returns `(value, encoding)`; both null for an empty payload.
pub fn payload_json(bytes: &[u8]) -> (Value, Value) {
    if bytes.is_empty() {
        return (Value::Null, Value::Null);
    }
    if let Ok(value) = serde_json::from_slice::<Value>(bytes) {
        return (value, Value::from("json"));
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => (Value::from(text), Value::from("text")),
        Err(_) => (
            Value::from(base64::engine::general_purpose::STANDARD.encode(bytes)),
            Value::from("base64"),
        ),
    }
}

/// Text cut to `max` characters with an ellipsis, on one line.
pub fn excerpt(text: &str, max: usize) -> String {
    let flat: String = text
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    if flat.chars().count() > max {
        let cut: String = flat.chars().take(max.saturating_sub(1)).collect();
        format!("{cut}…")
    } else {
        flat
    }
}

/// Aligned `key  value` lines, each indented by `indent` spaces; `None` values are skipped.
pub fn fields(indent: usize, rows: &[(&str, Option<String>)]) -> String {
    let width = rows
        .iter()
        .filter(|(_, v)| v.is_some())
        .map(|(k, _)| k.len())
        .max()
        .unwrap_or(0);
    let mut out = String::new();
    for (key, value) in rows {
        if let Some(value) = value {
            out.push_str(&format!("{:indent$}{key:<width$}  {value}\n", ""));
        }
    }
    out
}

/// A table with a header row; columns padded to their widest cell, the last one not.
pub fn table(header: &[&str], rows: &[Vec<String>]) -> String {
    let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    for row in rows {
        for (i, cell) in row.iter().enumerate() {
            if let Some(w) = widths.get_mut(i) {
                *w = (*w).max(cell.chars().count());
            }
        }
    }
    let render = |cells: Vec<String>| {
        let last = cells.len().saturating_sub(1);
        let mut line = String::new();
        for (i, cell) in cells.into_iter().enumerate() {
            if i == last {
                line.push_str(&cell);
            } else {
                let pad = widths[i].saturating_sub(cell.chars().count());
                line.push_str(&cell);
                line.push_str(&" ".repeat(pad + 2));
            }
        }
        line.trim_end().to_string() + "\n"
    };
    let mut out = render(header.iter().map(|h| h.to_string()).collect());
    for row in rows {
        out.push_str(&render(row.clone()));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn payloads_keep_their_kind() {
        assert_eq!(
            payload_json(br#"{"a":1}"#),
            (serde_json::json!({"a":1}), Value::from("json"))
        );
        assert_eq!(
            payload_json(b"plain words"),
            (Value::from("plain words"), Value::from("text"))
        );
        assert_eq!(payload_json(&[0xff, 0xfe]).1, Value::from("base64"));
        assert_eq!(payload_json(b""), (Value::Null, Value::Null));
    }

    #[test]
    fn times_and_durations() {
        assert_eq!(time_ms(1_738_310_400_123), "2025-01-31T08:00:00.123Z");
        assert_eq!(duration_ms(1500), "1s 500ms");
        assert_eq!(duration(Duration::from_micros(12_345)), "12ms");
    }

    #[test]
    fn tables_align() {
        let t = table(
            &["ID", "STATUS"],
            &[
                vec!["a".into(), "Succeeded".into()],
                vec!["long-id".into(), "Failed".into()],
            ],
        );
        assert_eq!(t, "ID       STATUS\na        Succeeded\nlong-id  Failed\n");
        let f = fields(
            2,
            &[
                ("one", Some("1".into())),
                ("three", Some("3".into())),
                ("no", None),
            ],
        );
        assert_eq!(f, "  one    1\n  three  3\n");
        assert_eq!(excerpt("abcdef", 4), "abc…");
    }
}
