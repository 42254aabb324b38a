//! FC's naming rules and limits, for the client, the emulator and the CLI.
//!
//! The numbers come from the spec, through the constants generated beside the models
//! (`FunctionName::MAX_LENGTH`, `PutAsyncInvokeConfigInput::MAX_ASYNC_RETRY_ATTEMPTS_RANGE`,
//! ...); this module names the ones every side needs and adds what JSON Schema cannot say: fast
//! checks that agree with the spec's patterns (tested against them), and the destination-ARN
//! rule (`x-fc3-rule: destination-arn`).

use crate::{DestinationArn, FunctionName, PutAsyncInvokeConfigInput, Qualifier};

/// The qualifier a request names when it names none (`LATEST`, the spec's documented default).
pub const LATEST: &str = crate::operations::InvokeFunctionRequest::QUALIFIER_DEFAULT;

/// The longest function name (`FunctionName.maxLength`).
pub const MAX_FUNCTION_NAME_LEN: usize = FunctionName::MAX_LENGTH;

/// The function-name rule, as error messages state it.
pub const FUNCTION_NAME_RULE: &str =
    "1 to 64 letters, digits, '_' or '-', starting with a letter or '_'";

/// The longest qualifier: a version number or an alias name (`Qualifier.maxLength`).
pub const MAX_QUALIFIER_LEN: usize = Qualifier::MAX_LENGTH;

/// The most retries of a failed asynchronous invocation FC allows
/// (`maxAsyncRetryAttempts.maximum`; the least is 0).
pub const MAX_ASYNC_RETRY_ATTEMPTS: u32 =
    *PutAsyncInvokeConfigInput::MAX_ASYNC_RETRY_ATTEMPTS_RANGE.end() as u32;

/// The longest an asynchronous event may wait, in seconds: 7 days
/// (`maxAsyncEventAgeInSeconds.maximum`; the least is 1).
pub const MAX_ASYNC_EVENT_AGE_SECONDS: u64 =
    *PutAsyncInvokeConfigInput::MAX_ASYNC_EVENT_AGE_IN_SECONDS_RANGE.end() as u64;

/// The longest destination ARN, in characters (`DestinationArn.maxLength`).
pub const MAX_DESTINATION_LEN: usize = DestinationArn::MAX_LENGTH;

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

/// A destination ARN taken apart: `acs:{service}:{region}:{account}:{resource}`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Destination<'a> {
    /// The service: lower-case letters, digits and `-` (`fc`, `mns`, `eventbridge`...).
    pub service: &'a str,
    /// The region; may be empty.
    pub region: &'a str,
    /// The account id.
    pub account: &'a str,
    /// What in the service receives the record (`functions/{name}` for FC).
    pub resource: &'a str,
}

impl<'a> Destination<'a> {
    /// The function an FC destination (`acs:fc:{region}:{account}:functions/{name}`) names;
    /// `None` for another service. Region and account are not compared with anything.
    pub fn function_name(&self) -> Option<&'a str> {
        if self.service == "fc" {
            self.resource.strip_prefix("functions/")
        } else {
            None
        }
    }
}

/// How a destination ARN breaks [`parse_destination`]'s rule; its `Display` is the rule, as
/// an error message states it after the field's name.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum DestinationError {
    /// More than [`MAX_DESTINATION_LEN`] characters.
    TooLong {
        /// How many characters it has.
        chars: usize,
    },
    /// Not shaped `acs:{service}:{region}:{account}:{resource}`.
    NotAnArn,
    /// An FC destination whose resource is not `functions/{name}` with a valid name.
    NotAFunction,
}

impl std::fmt::Display for DestinationError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::TooLong { chars } => write!(
                f,
                "must be at most {MAX_DESTINATION_LEN} characters, got {chars}"
            ),
            Self::NotAnArn => f.write_str(
                "must be an ARN acs:{service}:{region}:{account}:{resource}, \
                 like acs:fc:cn-hangzhou:1234567890123456:functions/on-failure",
            ),
            Self::NotAFunction => write!(
                f,
                "must be acs:fc:{{region}}:{{account}}:functions/{{name}} for a Function Compute \
                 destination, the name {FUNCTION_NAME_RULE}"
            ),
        }
    }
}

impl std::error::Error for DestinationError {}

/// Checks a destination ARN (`onSuccess` / `onFailure`) and takes it apart: at most
/// [`MAX_DESTINATION_LEN`] characters, no whitespace or control characters, shaped
/// `acs:{service}:{region}:{account}:{resource}` with a service of lower-case letters, digits
/// and `-`, an account and a resource; for `fc` the resource is `functions/{name}` with a valid
/// function name.
///
/// ```
/// use fc3_models::rules::{DestinationError, parse_destination};
///
/// let arn = parse_destination("acs:fc:cn-hangzhou:123:functions/on-failure").unwrap();
/// assert_eq!(arn.function_name(), Some("on-failure"));
/// let queue = parse_destination("acs:mns:cn-hangzhou:123:/queues/q/messages").unwrap();
/// assert_eq!(queue.function_name(), None);
/// assert_eq!(parse_destination("arn:aws:lambda"), Err(DestinationError::NotAnArn));
/// ```
pub fn parse_destination(arn: &str) -> Result<Destination<'_>, DestinationError> {
    let chars = arn.chars().count();
    if chars > MAX_DESTINATION_LEN {
        return Err(DestinationError::TooLong { chars });
    }
    let mut parts = arn.splitn(5, ':');
    let (Some("acs"), Some(service), Some(region), Some(account), Some(resource)) = (
        parts.next(),
        parts.next(),
        parts.next(),
        parts.next(),
        parts.next(),
    ) else {
        return Err(DestinationError::NotAnArn);
    };
    let shaped = !service.is_empty()
        && service
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !account.is_empty()
        && !resource.is_empty()
        && !arn.chars().any(|c| c.is_whitespace() || c.is_control());
    if !shaped {
        return Err(DestinationError::NotAnArn);
    }
    let destination = Destination {
        service,
        region,
        account,
        resource,
    };
    if service == "fc" && !destination.function_name().is_some_and(is_function_name) {
        return Err(DestinationError::NotAFunction);
    }
    Ok(destination)
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
    fn destinations() {
        let fc = parse_destination("acs:fc:cn-hangzhou:123:functions/f").unwrap();
        assert_eq!(
            (fc.service, fc.region, fc.account, fc.resource),
            ("fc", "cn-hangzhou", "123", "functions/f")
        );
        assert_eq!(fc.function_name(), Some("f"));
        let queue = parse_destination("acs:mns:cn-hangzhou:123:/queues/q/messages").unwrap();
        assert_eq!(queue.function_name(), None);
        // The resource keeps its own colons.
        assert_eq!(
            parse_destination("acs:eventbridge:r:1:event-bus/b:x").map(|d| d.resource),
            Ok("event-bus/b:x")
        );
        for bad in [
            "",
            "fc:cn:1:functions/f",
            "acs:fc:cn-hangzhou:123",
            "acs::r:a:res",
            "acs:FC:r:a:x",
            "acs:mns:r::/queues/q",
            "acs:mns:r:1:",
            "acs:fc:r:a:functions/x y",
            "acs:mns:r:1:/queues/q\n",
        ] {
            assert_eq!(
                parse_destination(bad),
                Err(DestinationError::NotAnArn),
                "{bad:?}"
            );
        }
        for bad in [
            "acs:fc:r:1:functions/",
            "acs:fc:r:1:services/s/functions/f",
            "acs:fc:r:1:functions/2f",
            "acs:fc:r:1:functions/f/prod",
        ] {
            assert_eq!(
                parse_destination(bad),
                Err(DestinationError::NotAFunction),
                "{bad:?}"
            );
        }
        // Characters, not bytes, as the spec's maxLength counts them.
        let at_limit = format!(
            "acs:mns:r:1:/queues/{}",
            "é".repeat(MAX_DESTINATION_LEN - 20)
        );
        assert_eq!(at_limit.chars().count(), MAX_DESTINATION_LEN);
        assert!(parse_destination(&at_limit).is_ok());
        let over = format!("{at_limit}x");
        assert_eq!(
            parse_destination(&over),
            Err(DestinationError::TooLong {
                chars: MAX_DESTINATION_LEN + 1
            })
        );
        assert!(
            DestinationError::TooLong { chars: 600 }
                .to_string()
                .contains("at most 512")
        );
    }

    #[test]
    fn the_fast_checks_agree_with_the_spec_patterns() {
        let names = [
            "f",
            "_",
            "_a-1",
            "thumbnailer",
            "A9",
            "9f",
            "-f",
            "f.g",
            "f/g",
            "é",
            "f g",
            "",
            "f-",
            "f_",
            "LATEST",
            "3",
            "a\n",
        ];
        let long = "f".repeat(MAX_FUNCTION_NAME_LEN + 1);
        for name in names.iter().copied().chain([long.as_str()]) {
            assert_eq!(
                is_function_name(name),
                FunctionName::try_from(name).is_ok(),
                "function name {name:?}"
            );
            assert_eq!(
                is_qualifier(name),
                Qualifier::try_from(name).is_ok(),
                "qualifier {name:?}"
            );
        }
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
