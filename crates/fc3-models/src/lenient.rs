//! Reading answers that a newer FC may write: enum values this crate does not know yet, and
//! `null` where a list is expected. Requests stay strict: these only widen what is read.

use std::fmt;

use serde::{Deserialize, Deserializer};

/// An enum value that this version of fc3 does not know (FC added it after the crate was
/// generated), kept exactly as FC sent it. Only reading an answer makes one; fc3 never sends
/// it, and the emulator never writes it.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct UnknownValue(String);

impl UnknownValue {
    /// Keeps `value` as an unknown enum value.
    pub(crate) fn new(value: impl Into<String>) -> Self {
        UnknownValue(value.into())
    }

    /// The value as FC sent it.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for UnknownValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?}", self.0)
    }
}

impl fmt::Display for UnknownValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Reads a list that may be `null` (or absent, with `#[serde(default)]`) as empty.
pub(crate) fn null_as_empty<'de, D, T>(deserializer: D) -> Result<Vec<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    Ok(Option::<Vec<T>>::deserialize(deserializer)?.unwrap_or_default())
}
