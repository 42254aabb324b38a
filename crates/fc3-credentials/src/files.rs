//! Helpers shared by the file-based providers.

use std::io::ErrorKind;
use std::path::Path;

use crate::error::CredentialsError;

/// The outcome of reading a configuration file.
pub(crate) enum FileRead {
    /// The file's text.
    Text(String),
    /// The file does not exist.
    Missing,
}

/// Reads a UTF-8 configuration file; a missing file is not an error here.
pub(crate) async fn read_config_file(path: &Path) -> Result<FileRead, CredentialsError> {
    match tokio::fs::read(path).await {
        Ok(bytes) => String::from_utf8(bytes).map(FileRead::Text).map_err(|e| {
            CredentialsError::invalid_config(
                path.display().to_string(),
                format!("not valid UTF-8 (at byte {})", e.utf8_error().valid_up_to()),
            )
        }),
        Err(e) if e.kind() == ErrorKind::NotFound => Ok(FileRead::Missing),
        Err(source) => Err(CredentialsError::Io {
            path: path.to_path_buf(),
            source,
        }),
    }
}

/// Describes a JSON error by kind and position only: serde_json's messages may quote
/// the offending value, which could be a secret.
pub(crate) fn json_error_position(err: &serde_json::Error) -> String {
    let kind = match err.classify() {
        serde_json::error::Category::Io => "I/O error",
        serde_json::error::Category::Syntax => "syntax error",
        serde_json::error::Category::Data => "unexpected structure",
        serde_json::error::Category::Eof => "unexpected end of input",
    };
    format!(
        "not valid JSON: {kind} at line {}, column {}",
        err.line(),
        err.column()
    )
}
