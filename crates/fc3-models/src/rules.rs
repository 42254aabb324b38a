//! FC's naming rules and limits, written once for the client, the emulator and the CLI.
//!
//! The generated types check what the spec declares as a type constraint; these are the rules
//! each side also needs as numbers or as a fast check with a message. Every number the spec
//! also declares (a `maximum` or `maxLength`) is checked against it by the workspace tests, so
//! the two cannot drift apart.

/// The longest function name: FC 3.0 allows 1 to 64 characters (`FunctionName.maxLength`).
pub const MAX_FUNCTION_NAME_LEN: usize = 64;

/// The function-name rule, as error messages state it.
pub const FUNCTION_NAME_RULE: &str =
    "1 to 64 letters, digits, '_' or '-', starting with a letter or '_'";

/// The longest qualifier: a version number or an alias name.
pub const MAX_QUALIFIER_LEN: usize = 128;

/// The most retries of a failed asynchronous invocation FC allows
/// (`maxAsyncRetryAttempts.maximum`; the least is 0).
pub const MAX_ASYNC_RETRY_ATTEMPTS: u32 = 8;

/// The longest an asynchronous event may wait, in seconds: 7 days
/// (`maxAsyncEventAgeInSeconds.maximum`; the least is 1).
pub const MAX_ASYNC_EVENT_AGE_SECONDS: u64 = 604_800;

/// The longest destination ARN (`DestinationArn.maxLength`).
pub const MAX_DESTINATION_LEN: usize = 512;

/// Whether `name` is a valid function name: see [`FUNCTION_NAME_RULE`].
///
/// ```
/// use fc3_models::rules::is_function_name;
///
/// assert!(is_function_name("thumbnailer"));
/// assert!(is_function_name("_private-2"));
/// assert!(!is_function_name("2fast"));
/// assert!(!is_function_name(&"f".repeat(65)));
/// ```
pub fn is_function_name(name: &str) -> bool {
    name.len() <= MAX_FUNCTION_NAME_LEN
        && name
            .bytes()
            .next()
            .is_some_and(|b| b.is_ascii_alphabetic() || b == b'_')
        && name.bytes().all(is_name_byte)
}

/// Whether `qualifier` is a valid qualifier: `LATEST`, a version number or an alias name,
/// 1 to [`MAX_QUALIFIER_LEN`] letters, digits, `_` or `-`.
pub fn is_qualifier(qualifier: &str) -> bool {
    !qualifier.is_empty()
        && qualifier.len() <= MAX_QUALIFIER_LEN
        && qualifier.bytes().all(is_name_byte)
}

fn is_name_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b == b'-'
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn function_names() {
        assert!(is_function_name("f"));
        assert!(is_function_name(&"f".repeat(MAX_FUNCTION_NAME_LEN)));
        for bad in ["", "-f", "9f", "f.g", "f/g", "é", "f g"] {
            assert!(!is_function_name(bad), "{bad:?}");
        }
        assert!(!is_function_name(&"f".repeat(MAX_FUNCTION_NAME_LEN + 1)));
    }

    #[test]
    fn qualifiers() {
        for good in ["LATEST", "3", "prod", "blue-green_2"] {
            assert!(is_qualifier(good), "{good:?}");
        }
        for bad in ["", "a.b", "a/b"] {
            assert!(!is_qualifier(bad), "{bad:?}");
        }
        assert!(!is_qualifier(&"q".repeat(MAX_QUALIFIER_LEN + 1)));
    }
}
