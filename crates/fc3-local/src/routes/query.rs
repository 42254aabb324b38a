//! The query strings of fc3-local's own endpoints under `/_fc3/` (its JSON API and the
//! inspector's): decoded by axum's `Query`, then held to one rule for every such endpoint, so
//! a refusal names the parameter: each name is one the path takes, given at most once, and a
//! count or a sequence number is plain digits.

use std::collections::BTreeMap;

use axum::extract::Query;
use axum::http::Uri;

use crate::error::{ApiError, clip};

/// The query's parameters by name, each one `known` lists and none given twice.
pub(crate) fn params<'a>(
    uri: &Uri,
    known: &[&'a str],
) -> Result<BTreeMap<&'a str, String>, ApiError> {
    let Query(pairs) = Query::<Vec<(String, String)>>::try_from_uri(uri).map_err(|rejection| {
        ApiError::invalid_argument(format!("query string: {}", rejection.body_text()))
    })?;
    let mut found = BTreeMap::new();
    for (name, value) in pairs {
        let Some(known) = known.iter().find(|k| **k == name) else {
            let takes = if known.is_empty() {
                "it takes none".to_owned()
            } else {
                format!("it takes: {}", known.join(", "))
            };
            return Err(ApiError::invalid_argument(format!(
                "{}: not a parameter of {} ({takes})",
                clip(&name),
                uri.path(),
            )));
        };
        if found.insert(*known, value).is_some() {
            return Err(ApiError::invalid_argument(format!(
                "{known}: given more than once"
            )));
        }
    }
    Ok(found)
}

/// How many items a page holds: parameter `name`, plain digits from 1 to `most`; `default`
/// when absent.
pub(crate) fn page_size(
    params: &BTreeMap<&str, String>,
    name: &str,
    default: usize,
    most: usize,
) -> Result<usize, ApiError> {
    let Some(text) = params.get(name) else {
        return Ok(default);
    };
    digits::<usize>(text)
        .filter(|n| (1..=most).contains(n))
        .ok_or_else(|| {
            ApiError::invalid_argument(format!(
                "{name}: '{}' is not a whole number from 1 to {most}",
                clip(text)
            ))
        })
}

/// A sequence number: parameter `name`, plain digits; `None` when absent.
pub(crate) fn sequence(
    params: &BTreeMap<&str, String>,
    name: &str,
) -> Result<Option<u64>, ApiError> {
    params
        .get(name)
        .map(|text| {
            digits::<u64>(text).ok_or_else(|| {
                ApiError::invalid_argument(format!(
                    "{name}: '{}' is not a sequence number (plain digits, at most {})",
                    clip(text),
                    u64::MAX
                ))
            })
        })
        .transpose()
}

/// `text` as a number when it is nothing but ASCII digits (`str::parse` also takes a `+`).
fn digits<T: std::str::FromStr>(text: &str) -> Option<T> {
    (!text.is_empty() && text.bytes().all(|b| b.is_ascii_digit()))
        .then(|| text.parse().ok())
        .flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn query(text: &str, known: &[&'static str]) -> Result<BTreeMap<&'static str, String>, String> {
        let uri: Uri = format!("/_fc3/x?{text}").parse().unwrap();
        params(&uri, known).map_err(|e| e.message().to_owned())
    }

    #[test]
    fn names_are_known_and_given_once_and_values_are_decoded() {
        let found = query("limit=5&function=my%20fn", &["function", "limit"]).unwrap();
        assert_eq!(found["function"], "my fn");
        assert_eq!(found["limit"], "5");
        let unknown = query("colour=red", &["limit"]).unwrap_err();
        assert!(
            unknown.starts_with("colour: not a parameter of /_fc3/x"),
            "{unknown}"
        );
        let none = query("colour=red", &[]).unwrap_err();
        assert!(none.ends_with("(it takes none)"), "{none}");
        let twice = query("limit=1&limit=2", &["limit"]).unwrap_err();
        assert_eq!(twice, "limit: given more than once");
    }

    #[test]
    fn a_page_size_and_a_sequence_are_plain_digits_in_range() {
        let of = |text: &str| query(text, &["limit", "after"]).unwrap();
        assert_eq!(page_size(&of(""), "limit", 50, 500).unwrap(), 50);
        assert_eq!(page_size(&of("limit=500"), "limit", 50, 500).unwrap(), 500);
        for bad in [
            "limit=0",
            "limit=501",
            "limit=%2B5",
            "limit=-1",
            "limit=",
            "limit=x",
        ] {
            let error = page_size(&of(bad), "limit", 50, 500).unwrap_err();
            assert!(
                error.message().starts_with("limit: '"),
                "{bad}: {}",
                error.message()
            );
        }
        assert_eq!(sequence(&of("after=7"), "after").unwrap(), Some(7));
        assert_eq!(sequence(&of(""), "after").unwrap(), None);
        for bad in ["after=-1", "after=%2B1", "after=18446744073709551616"] {
            let error = sequence(&of(bad), "after").unwrap_err();
            assert!(
                error.message().starts_with("after: '"),
                "{bad}: {}",
                error.message()
            );
        }
    }
}
