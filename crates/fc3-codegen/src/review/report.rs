//! The review as Markdown: the verdict and the semver bump first, then the changes grouped by
//! operation and component, the generated surface's moves by builder and model, the house
//! rules, and how to acknowledge a breaking change.

use std::collections::BTreeSet;
use std::fmt::Write as _;

use super::surface_diff::{Bump, Impact, Listing};
use super::{Class, Finding, Outcome, Review, Subject};
use crate::lint::KNOWN_ACTIONS;

pub(super) fn render(review: &Review) -> String {
    let mut out = String::new();
    let _ = write_report(review, &mut out);
    out
}

fn write_report(review: &Review, out: &mut String) -> std::fmt::Result {
    writeln!(out, "## Spec review\n")?;
    writeln!(
        out,
        "Base: `{}` · head: `{}`\n",
        review.base_label, review.head_label
    )?;
    verdict(review, out)?;
    changes(review, out)?;
    surface(review, out)?;
    lint(review, out)?;
    acknowledging(review, out)
}

fn count(review: &Review, class: Class) -> usize {
    review.findings.iter().filter(|f| f.class == class).count()
}

fn verdict(review: &Review, out: &mut String) -> std::fmt::Result {
    let unacknowledged =
        review.unacknowledged_findings().count() + review.unacknowledged_moves().count();
    let breaking = count(review, Class::Breaking)
        + review
            .surface
            .moves
            .iter()
            .filter(|m| m.fails_review())
            .count();
    let line = match review.outcome() {
        Outcome::Breaking => format!(
            "**Verdict: breaking.** {unacknowledged} breaking change(s) nothing acknowledges: \
             the review fails (exit 1)."
        ),
        Outcome::Pass if unacknowledged > 0 => format!(
            "**Verdict: breaking, allowed by `--allow-breaking`.** {unacknowledged} breaking \
             change(s) nothing acknowledges."
        ),
        Outcome::Pass if breaking > 0 => "**Verdict: breaking, acknowledged.** Every breaking \
             change is named under `### Breaking` in CHANGELOG.md."
            .to_string(),
        Outcome::Pass if count(review, Class::Compatible) > 0 => {
            "**Verdict: compatible.** Nothing breaks.".to_string()
        }
        Outcome::Pass if review.findings.is_empty() => {
            "**Verdict: no change** to what the spec says.".to_string()
        }
        Outcome::Pass => "**Verdict: docs only.**".to_string(),
    };
    writeln!(out, "{line}\n")?;
    writeln!(
        out,
        "Changes: {} breaking, {} compatible, {} docs only. Generated Rust surface: {} line(s) move.\n",
        count(review, Class::Breaking),
        count(review, Class::Compatible),
        count(review, Class::DocsOnly),
        review
            .surface
            .moves
            .iter()
            .filter(|m| m.listing != Listing::Operations)
            .count()
    )?;
    if let Some(error) = &review.surface.base_error {
        return writeln!(
            out,
            "**Semver:** unknown: the base spec could not be generated ({error}).\n"
        );
    }
    let crates: Vec<String> = review
        .surface
        .crates
        .iter()
        .map(|(name, bump, next)| match bump {
            Bump::None => format!("{name} unchanged"),
            bump => format!(
                "{name} {} → {next} ({})",
                review.surface.current,
                format!("{bump:?}").to_lowercase()
            ),
        })
        .collect();
    writeln!(out, "**Semver:** {}.\n", crates.join(", "))
}

fn heading(review: &Review, subject: &Subject, findings: &[&Finding]) -> String {
    let used_by = |findings: &[&Finding]| {
        let ops: BTreeSet<&str> = findings
            .iter()
            .flat_map(|f| f.operations.iter().map(String::as_str))
            .collect();
        if ops.is_empty() {
            String::new()
        } else {
            format!(
                " · reached from {}",
                ops.into_iter().collect::<Vec<_>>().join(", ")
            )
        }
    };
    match subject {
        Subject::Operation(id) => {
            let route = review
                .findings
                .iter()
                .find(|f| &f.subject == subject && f.pointer.starts_with("#/paths/"))
                .and_then(|f| operation_route(&f.pointer));
            match route {
                Some(route) => format!("`{id}` · `{route}`"),
                None => format!("`{id}`"),
            }
        }
        Subject::Component { kind, name } => {
            let kind = match kind.as_str() {
                "schemas" => "Schema",
                "parameters" => "Parameter",
                "responses" => "Response",
                "requestBodies" => "Request body",
                "securitySchemes" => "Security scheme",
                other => other,
            };
            format!("{kind} `{name}`{}", used_by(findings))
        }
        Subject::Path(path) => format!("Path `{path}` (all its operations)"),
        Subject::Document => "The document".to_string(),
    }
}

/// `METHOD /path` from an operation's pointer.
fn operation_route(pointer: &str) -> Option<String> {
    let segments = super::place::segments(pointer);
    match segments.as_slice() {
        [_, path, method, ..] => Some(format!("{} {path}", method.to_uppercase())),
        _ => None,
    }
}

fn changes(review: &Review, out: &mut String) -> std::fmt::Result {
    if review.findings.is_empty() {
        return Ok(());
    }
    writeln!(out, "### What changed, operation by operation\n")?;
    let mut subjects: Vec<&Subject> = Vec::new();
    for finding in &review.findings {
        if !subjects.contains(&&finding.subject) {
            subjects.push(&finding.subject);
        }
    }
    for subject in subjects {
        let findings: Vec<(usize, &Finding)> = review
            .findings
            .iter()
            .enumerate()
            .filter(|(_, f)| &f.subject == subject)
            .collect();
        let plain: Vec<&Finding> = findings.iter().map(|(_, f)| *f).collect();
        writeln!(out, "#### {}\n", heading(review, subject, &plain))?;
        for (index, finding) in findings {
            let class = match finding.class {
                Class::Breaking => "**breaking**".to_string(),
                class => class.to_string(),
            };
            let place = if finding.place.is_empty() {
                String::new()
            } else {
                format!("{}: ", finding.place)
            };
            let status = match finding.class {
                Class::Breaking if review.acknowledged.findings.contains(&index) => {
                    " *(acknowledged in CHANGELOG.md)*"
                }
                Class::Breaking => " *(not acknowledged)*",
                _ => "",
            };
            writeln!(
                out,
                "- {class} · {place}{} — {}.{status} `{}`",
                finding.change, finding.reason, finding.pointer
            )?;
        }
        out.push('\n');
    }
    Ok(())
}

fn surface(review: &Review, out: &mut String) -> std::fmt::Result {
    writeln!(out, "### Generated Rust surface\n")?;
    let rust: Vec<(usize, &super::surface_diff::Move)> = review
        .surface
        .moves
        .iter()
        .enumerate()
        .filter(|(_, m)| m.listing != Listing::Operations)
        .collect();
    if review.surface.base_error.is_some() {
        writeln!(out, "Not compared: the base spec could not be generated.\n")?;
    } else if rust.is_empty() {
        writeln!(
            out,
            "No listing moves (`client_surface`, `models_surface`): the public API of \
             fc3-models and fc3-client is unchanged.\n"
        )?;
    } else {
        let mut blocks: Vec<&str> = Vec::new();
        for (_, m) in &rust {
            if !blocks.contains(&m.block.as_str()) {
                blocks.push(&m.block);
            }
        }
        for block in blocks {
            let moves: Vec<&(usize, &super::surface_diff::Move)> =
                rust.iter().filter(|(_, m)| m.block == block).collect();
            let name = &moves[0].1.name;
            let title = block.split(" -> ").next().unwrap_or(block);
            writeln!(out, "- `{title}` ({name})")?;
            for (index, m) in moves {
                let line = match (&m.old, &m.new) {
                    (None, Some(new)) => format!("`+ {new}`"),
                    (Some(old), None) => format!("`- {old}`"),
                    (Some(old), Some(new)) => format!("`- {old}` → `+ {new}`"),
                    (None, None) => String::new(),
                };
                let impact = match m.impact {
                    Impact::Breaking => "**breaking**".to_string(),
                    impact => impact.to_string(),
                };
                let status = match m.impact {
                    Impact::Breaking if review.acknowledged.moves.contains(index) => {
                        " *(acknowledged)*"
                    }
                    Impact::Breaking => " *(not acknowledged)*",
                    _ => "",
                };
                writeln!(out, "  - {line}: {impact}, {}{status}", m.reason)?;
            }
        }
        out.push('\n');
    }
    let table: Vec<&super::surface_diff::Move> = review
        .surface
        .moves
        .iter()
        .filter(|m| m.listing == Listing::Operations)
        .collect();
    if !table.is_empty() {
        writeln!(
            out,
            "Operation table (`operation_table`, the spec's summary):\n"
        )?;
        for m in table {
            let line = match (&m.old, &m.new) {
                (None, Some(new)) => format!("`+ {new}`"),
                (Some(old), None) => format!("`- {old}`"),
                (Some(old), Some(new)) => format!("`- {old}` → `+ {new}`"),
                (None, None) => String::new(),
            };
            writeln!(out, "- {}: {line}", m.name)?;
        }
        out.push('\n');
    }
    writeln!(
        out,
        "Semver policy: before 1.0, a breaking change (to clients, or a breaking move of the \
         generated surface) needs a minor bump of fc3-models and fc3-client (0.1 → 0.2); any \
         other change to the generated code needs a patch bump. Models and enums are \
         `#[non_exhaustive]`, so a new optional field or enum variant is compatible in Rust \
         too. fc3-client follows fc3-models, whose types it exposes. A new value in an answer's \
         enum is compatible on the wire because answers tolerate unknown values.\n"
    )
}

fn lint(review: &Review, out: &mut String) -> std::fmt::Result {
    writeln!(out, "### House rules (head)\n")?;
    if review.lint.is_empty() {
        writeln!(
            out,
            "Clean: descriptions, examples (each valid against its schema), operationIds, \
             `4XX`/`5XX` errors with the `Error` body, no inline shape the generator refuses. \
             (That every enforced constraint is declared is the test \
             `spec_declares_every_constraint_the_runtime_enforces`.)\n"
        )?;
    } else {
        for finding in &review.lint {
            writeln!(out, "- {finding}")?;
        }
        out.push('\n');
    }
    let new: Vec<&Finding> = review
        .findings
        .iter()
        .filter(|f| {
            f.change == "operation added"
                && matches!(&f.subject, Subject::Operation(id) if !KNOWN_ACTIONS.contains(&id.as_str()))
        })
        .collect();
    for finding in new {
        if let Subject::Operation(id) = &finding.subject {
            writeln!(
                out,
                "New FC action `{id}`: not one of the eight this toolkit covers; check the name \
                 against FC's API reference.\n"
            )?;
        }
    }
    Ok(())
}

fn acknowledging(review: &Review, out: &mut String) -> std::fmt::Result {
    if review.unacknowledged_findings().count() + review.unacknowledged_moves().count() == 0 {
        return Ok(());
    }
    writeln!(out, "### Acknowledging a breaking change\n")?;
    let names: BTreeSet<&str> = review
        .unacknowledged_findings()
        .flat_map(|f| f.names())
        .chain(review.unacknowledged_moves().map(|m| m.name.as_str()))
        .collect();
    writeln!(
        out,
        "Name the operation or schema in a bullet under `### Breaking` in `## [Unreleased]` of \
         CHANGELOG.md (any of: {}), or fix the spec. CHANGELOG.md now: {}.",
        names
            .into_iter()
            .map(|n| format!("`{n}`"))
            .collect::<Vec<_>>()
            .join(", "),
        match &review.breaking_entries {
            Ok(entries) if entries.is_empty() => "`### Breaking` has no bullets".to_string(),
            Ok(entries) => format!("{} bullet(s) under `### Breaking`", entries.len()),
            Err(why) => why.clone(),
        }
    )
}
