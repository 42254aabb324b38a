//! FC's facts live once: a header name, `LATEST`, a documented default, a body or list
//! limit, an enum value the spec lists, is written in the spec and generated into
//! fc3-models; hand-written code uses the generated constants. This test fails on a second
//! literal of any of them in the hand-written source of the runtime crates (comments, tests
//! and the generated files aside), naming the file, the line and the constant to use.

use std::path::{Path, PathBuf};

use fc3_models::operations::{OPERATIONS, limits};
use fc3_models::{AsyncTaskStatus, InvocationType, LogType, SortOrder};

/// Hand-written code that may say a fact itself, and why.
const ALLOWED: &[(&str, &str, &str)] = &[
    (
        "crates/fc3-client/src/config.rs",
        "86_400",
        "FC's longest function run (24 h), which the sync timeout outlasts; not the event age default",
    ),
    (
        "crates/fc3-local/src/clock.rs",
        "86_400",
        "seconds in a day, for a sleep that would overflow the clock; not the event age default",
    ),
    (
        "crates/fc3-local/src/config.rs",
        "86_400",
        "FC's longest function timeout (24 h), not in this spec; not the event age default",
    ),
    (
        "crates/fc3-local/src/functions/mod.rs",
        "32 * 1024 * 1024",
        "the largest function answer kept (FC's answer limit, not in this spec); not the event limit",
    ),
    (
        "crates/fc3-local/src/engine/destinations.rs",
        "\"Succeeded\"",
        "a task's destinationStatus, free text in the spec, not a task status",
    ),
    (
        "crates/fc3-local/src/engine/destinations.rs",
        "\"Failed\"",
        "a task's destinationStatus, free text in the spec, not a task status",
    ),
];

/// (literal as written in Rust source, what to use instead).
fn facts() -> Vec<(String, String)> {
    let mut facts = Vec::new();
    let mut headers: Vec<&str> = OPERATIONS
        .iter()
        .flat_map(|op| {
            op.parameters
                .iter()
                .filter(|p| p.location == fc3_models::operation::Location::Header)
                .map(|p| p.wire_name)
                .chain(op.responses.iter().flat_map(|r| r.headers.iter().copied()))
        })
        .collect();
    headers.sort();
    headers.dedup();
    for name in headers {
        let constant = name.replace('-', "_").to_ascii_uppercase();
        facts.push((
            format!("{name:?}"),
            format!("fc3_models::operations::headers::{constant}"),
        ));
    }
    facts.push((
        "\"LATEST\"".into(),
        "the qualifier's documented default (`..._DEFAULT`)".into(),
    ));
    for (value, constant) in [
        (limits::MAX_SYNC_PAYLOAD, "limits::MAX_SYNC_PAYLOAD"),
        (limits::MAX_ASYNC_PAYLOAD, "limits::MAX_ASYNC_PAYLOAD"),
    ] {
        facts.push((value.to_string(), constant.into()));
        facts.push((grouped(value as u64), constant.into()));
        if value.is_multiple_of(1024) {
            let kib = value / 1024;
            facts.push((format!("{kib} * 1024"), constant.into()));
            if kib.is_multiple_of(1024) {
                facts.push((format!("{} * 1024 * 1024", kib / 1024), constant.into()));
            }
        }
    }
    let defaults = [
        fc3_models::PutAsyncInvokeConfigInput::MAX_ASYNC_EVENT_AGE_IN_SECONDS_DEFAULT,
        *fc3_models::PutAsyncInvokeConfigInput::MAX_ASYNC_EVENT_AGE_IN_SECONDS_RANGE.end(),
    ];
    for value in defaults {
        facts.push((
            value.to_string(),
            "the generated constant on PutAsyncInvokeConfigInput".into(),
        ));
        facts.push((
            grouped(value as u64),
            "the generated constant on PutAsyncInvokeConfigInput".into(),
        ));
    }
    let values = AsyncTaskStatus::VALUES
        .iter()
        .chain(&InvocationType::VALUES)
        .chain(&LogType::VALUES)
        .chain(&SortOrder::VALUES);
    for value in values {
        // Short lower-case values ("asc") are common words in code; only enum spellings count.
        if value.starts_with(|c: char| c.is_ascii_uppercase()) && value.len() > 4 {
            facts.push((
                format!("{value:?}"),
                "the generated enum (or its VALUES)".into(),
            ));
        }
    }
    facts
}

/// `86400` as `86_400`.
fn grouped(value: u64) -> String {
    let digits = value.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('_');
        }
        out.push(c);
    }
    out
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// Hand-written source lines that state a fact: `(file:line, literal, what to use)`.
fn second_literals(root: &Path) -> Vec<String> {
    let facts = facts();
    let generated: Vec<PathBuf> = fc3_codegen::OUTPUT_PATHS
        .iter()
        .map(|p| root.join(p))
        .collect();
    let mut files = Vec::new();
    // acs3 signs any Alibaba Cloud API and knows nothing of FC's facts.
    for krate in [
        "fc3-client",
        "fc3-credentials",
        "fc3-local",
        "fc3-cli",
        "fc3-models",
    ] {
        rust_files(&root.join("crates").join(krate).join("src"), &mut files);
    }
    files.sort();
    let mut found = Vec::new();
    // Test modules in files of their own (`tests.rs`, `tests/`) spell the wire out on purpose.
    let is_test = |f: &Path| {
        f.file_name().is_some_and(|n| n == "tests.rs")
            || f.components().any(|c| c.as_os_str() == "tests")
    };
    for file in files
        .iter()
        .filter(|f| !generated.contains(f) && !is_test(f))
    {
        let relative = file
            .strip_prefix(root)
            .unwrap()
            .to_string_lossy()
            .into_owned();
        let text = std::fs::read_to_string(file).unwrap();
        for (n, line) in text.lines().enumerate() {
            // Unit tests at the end of a file may spell the wire out; that is what they check.
            if line.trim_start().starts_with("#[cfg(test)]") {
                break;
            }
            let code = line.split("//").next().unwrap_or_default();
            for (literal, instead) in &facts {
                let hit = code.contains(literal.as_str())
                    && !ALLOWED
                        .iter()
                        .any(|(f, l, _)| *f == relative && l == literal);
                if hit {
                    found.push(format!("{relative}:{}: {literal}: use {instead}", n + 1));
                }
            }
        }
    }
    found
}

#[test]
fn no_fact_of_the_spec_is_written_twice() {
    let found = second_literals(&fc3_codegen::workspace_root());
    assert!(found.is_empty(), "{}", found.join("\n"));
}

#[test]
fn a_second_literal_is_found() {
    let scratch = std::env::temp_dir().join(format!("fc3-facts-{}", std::process::id()));
    let src = scratch.join("crates/fc3-cli/src");
    std::fs::create_dir_all(&src).unwrap();
    std::fs::write(
        src.join("main.rs"),
        "// \"x-fc-request-id\" in a comment is fine\nconst ID: &str = \"x-fc-request-id\";\nconst AGE: u64 = 86_400;\n#[cfg(test)]\nconst T: &str = \"LATEST\";\n",
    )
    .unwrap();
    for krate in ["fc3-client", "fc3-credentials", "fc3-local", "fc3-models"] {
        std::fs::create_dir_all(scratch.join("crates").join(krate).join("src")).unwrap();
    }
    let found = second_literals(&scratch);
    std::fs::remove_dir_all(&scratch).ok();
    assert_eq!(found.len(), 2, "{found:?}");
    assert!(
        found[0].starts_with("crates/fc3-cli/src/main.rs:2: \"x-fc-request-id\""),
        "{found:?}"
    );
    assert!(
        found[1].starts_with("crates/fc3-cli/src/main.rs:3: 86_400"),
        "{found:?}"
    );
}
