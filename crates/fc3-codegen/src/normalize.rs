//! The spec as progenitor 0.15.1 can digest it.
//!
//! The spec describes FC as it is; progenitor accepts one success answer per operation (a 200
//! with a body beside a 202 without one makes it panic). So before the spec reaches
//! progenitor, every operation's success answers are folded into one `2XX` that keeps the
//! body the answers share. The spec itself, the emulator and the reviewers keep the exact
//! statuses.

use anyhow::{Result, bail};
use openapiv3::{OpenAPI, ReferenceOr, StatusCode};

/// A copy of `spec` with each operation's success answers folded into one `2XX`.
pub fn for_progenitor(spec: &OpenAPI) -> Result<OpenAPI> {
    let mut spec = spec.clone();
    for (path, item) in spec.paths.paths.iter_mut() {
        let ReferenceOr::Item(item) = item else {
            continue;
        };
        let operations = [
            ("get", &mut item.get),
            ("put", &mut item.put),
            ("post", &mut item.post),
            ("delete", &mut item.delete),
            ("options", &mut item.options),
            ("head", &mut item.head),
            ("patch", &mut item.patch),
            ("trace", &mut item.trace),
        ];
        for (method, operation) in operations {
            let Some(operation) = operation else { continue };
            let successes: Vec<StatusCode> = operation
                .responses
                .responses
                .keys()
                .filter(|status| is_success(status))
                .cloned()
                .collect();
            if successes.len() < 2 {
                continue;
            }
            let place = format!("{} {path}", method.to_uppercase());
            let mut folded: Option<openapiv3::Response> = None;
            for status in &successes {
                let Some(ReferenceOr::Item(response)) = operation.responses.responses.get(status)
                else {
                    bail!("{place}: a success answer given by reference cannot be folded");
                };
                match &mut folded {
                    None => folded = Some(response.clone()),
                    Some(into) => {
                        if !response.content.is_empty() {
                            if !into.content.is_empty() && into.content != response.content {
                                bail!(
                                    "{place}: success answers with different bodies; progenitor accepts one success shape"
                                );
                            }
                            into.content = response.content.clone();
                        }
                        for (name, header) in &response.headers {
                            into.headers
                                .entry(name.clone())
                                .or_insert_with(|| header.clone());
                        }
                        into.description =
                            format!("{}\n{}", into.description, response.description);
                    }
                }
            }
            for status in &successes {
                operation.responses.responses.shift_remove(status);
            }
            if let Some(folded) = folded {
                operation
                    .responses
                    .responses
                    .insert(StatusCode::Range(2), ReferenceOr::Item(folded));
            }
        }
    }
    Ok(spec)
}

fn is_success(status: &StatusCode) -> bool {
    match status {
        StatusCode::Code(code) => (200..300).contains(code),
        StatusCode::Range(range) => *range == 2,
    }
}
