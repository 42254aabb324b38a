//! The spec review behind `cargo xtask spec-review`: what a spec change does to users.
//!
//! Oxide's [drift] compares the two documents; [`classify`] turns each change drift reports
//! into a verdict for clients (breaking, compatible or docs only), deciding itself where drift
//! says "unhandled" (constraints, enum values, properties, required sets, metadata) and adding
//! what drift does not compare (operation and parameter metadata, response headers, examples,
//! the document's own fields, component schemas no operation reaches). [`surface_diff`] renders
//! the generated Rust surface of both specs and says what moves and the semver bump it needs;
//! [`changelog`] finds the breaking changes CHANGELOG.md acknowledges; [`report`] writes the
//! Markdown a reviewer pastes into a PR.
//!
//! Everything here works on texts and values: the caller (xtask) reads the files and git.

mod align;
pub mod changelog;
mod classify;
mod place;
mod refine;
mod report;
mod supplement;
pub mod surface_diff;

use std::collections::BTreeSet;
use std::fmt;

use crate::lint::{self, LintFinding};
use crate::spec::{Spec, SpecError};

pub use surface_diff::{Bump, SurfaceReview};

/// What a change does to clients.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Class {
    /// Nothing a client sends or receives changes: descriptions, examples, titles.
    DocsOnly,
    /// Every request that was valid still is and every answer a client handled it still
    /// handles.
    Compatible,
    /// Some client that worked before stops working.
    Breaking,
}

impl fmt::Display for Class {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Class::DocsOnly => "docs only",
            Class::Compatible => "compatible",
            Class::Breaking => "breaking",
        })
    }
}

/// What a change belongs to: an operation, a component, a path item, or the document.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Subject {
    /// An operation, by operationId.
    Operation(String),
    /// A component (`schemas`, `parameters`, `responses`, ...) by kind and name.
    Component {
        /// The `components` section, e.g. `schemas`.
        kind: String,
        /// The component's name.
        name: String,
    },
    /// A path item's shared parts (all its operations).
    Path(String),
    /// The document's own fields (info, servers, security, tags).
    Document,
}

impl Subject {
    /// The name a CHANGELOG entry can use to acknowledge a change to it.
    pub fn name(&self) -> Option<&str> {
        match self {
            Subject::Operation(id) => Some(id),
            Subject::Component { name, .. } => Some(name),
            Subject::Path(_) | Subject::Document => None,
        }
    }
}

/// Whether a schema is read in requests, in answers, or both.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Directions {
    /// Clients send it.
    pub request: bool,
    /// Clients receive it.
    pub answer: bool,
}

impl Directions {
    /// Both directions: what a change of unknown reach must assume.
    pub const BOTH: Directions = Directions {
        request: true,
        answer: true,
    };
}

/// One change between the base and the head spec, classed for clients.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// Its verdict.
    pub class: Class,
    /// The operation or component it belongs to.
    pub subject: Subject,
    /// Where inside the subject, readable (`parameter `limit` (query)`); empty for the
    /// subject itself.
    pub place: String,
    /// What changed (`maximum 8 → 5`).
    pub change: String,
    /// Why it is classed so.
    pub reason: String,
    /// Its JSON pointer in the head spec (in the base spec when it is gone).
    pub pointer: String,
    /// The operations it reaches, by operationId.
    pub operations: BTreeSet<String>,
}

impl Finding {
    /// The names (operation or schema) that acknowledge it in CHANGELOG.md.
    /// A document-level change is acknowledged by the key that changed (`security`).
    pub fn names(&self) -> BTreeSet<&str> {
        let own = match &self.subject {
            Subject::Document => self.change.split_whitespace().next(),
            subject => subject.name(),
        };
        own.into_iter()
            .chain(self.operations.iter().map(String::as_str))
            .collect()
    }
}

/// What the review needs besides the two specs.
#[derive(Debug, Clone, Copy)]
pub struct Options<'a> {
    /// CHANGELOG.md as it is in the head, if there is one.
    pub changelog: Option<&'a str>,
    /// `--allow-breaking`: breaking changes do not fail the review.
    pub allow_breaking: bool,
    /// The public crates' current version (the workspace version).
    pub version: &'a str,
}

/// The review of one spec change.
#[derive(Debug, Clone)]
pub struct Review {
    /// Where the base spec came from.
    pub base_label: String,
    /// Where the head spec came from.
    pub head_label: String,
    /// Every change, classed, in report order.
    pub findings: Vec<Finding>,
    /// The generated Rust surface's moves and the bump they need.
    pub surface: SurfaceReview,
    /// The breaking changes (findings and surface moves) CHANGELOG.md acknowledges, by index
    /// into `findings` and `surface.moves`.
    pub acknowledged: changelog::Acknowledged,
    /// What CHANGELOG.md's `## [Unreleased]` / `### Breaking` holds, or why it holds nothing.
    pub breaking_entries: Result<Vec<String>, String>,
    /// `--allow-breaking` was given.
    pub allow_breaking: bool,
    /// The house rules' findings on the head spec.
    pub lint: Vec<LintFinding>,
}

/// How a review ends, as `cargo xtask spec-review` exits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Nothing breaks, or every breaking change is acknowledged (or allowed).
    Pass,
    /// A breaking change nothing acknowledges.
    Breaking,
}

impl Review {
    /// The breaking findings CHANGELOG.md does not acknowledge.
    pub fn unacknowledged_findings(&self) -> impl Iterator<Item = &Finding> {
        self.findings
            .iter()
            .enumerate()
            .filter(|(i, f)| f.class == Class::Breaking && !self.acknowledged.findings.contains(i))
            .map(|(_, f)| f)
    }

    /// The breaking surface moves CHANGELOG.md does not acknowledge.
    pub fn unacknowledged_moves(&self) -> impl Iterator<Item = &surface_diff::Move> {
        self.surface
            .moves
            .iter()
            .enumerate()
            .filter(|(i, m)| m.fails_review() && !self.acknowledged.moves.contains(i))
            .map(|(_, m)| m)
    }

    /// Pass, or a breaking change nothing acknowledges.
    pub fn outcome(&self) -> Outcome {
        let unacknowledged =
            self.unacknowledged_findings().count() + self.unacknowledged_moves().count();
        if unacknowledged == 0 || self.allow_breaking {
            Outcome::Pass
        } else {
            Outcome::Breaking
        }
    }

    /// The report, as Markdown.
    pub fn markdown(&self) -> String {
        report::render(self)
    }
}

/// The changes from `base` to `head`, classed and in report order (the first part of
/// [`review`]).
pub fn changes(base: &Spec, head: &Spec) -> Result<Vec<Finding>, SpecError> {
    classify::findings(base, head).map_err(|problem| SpecError {
        label: format!("{} against {}", head.label(), base.label()),
        problem,
    })
}

/// What a caught panic said.
fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<String>()
        .cloned()
        .or_else(|| payload.downcast_ref::<&str>().map(|s| s.to_string()))
        .unwrap_or_default()
}

/// Reviews the change from `base` to `head`. Fails only when the head cannot be generated
/// (the generator refuses it), naming the head's file and the reason.
pub fn review(base: &Spec, head: &Spec, options: Options<'_>) -> Result<Review, SpecError> {
    let findings = changes(base, head)?;
    let mut surface = surface_diff::review(base, head, options.version)?;
    surface.at_least_for(findings.iter().map(|f| f.class).max());
    let breaking_entries = changelog::breaking_entries(options.changelog);
    let acknowledged = match &breaking_entries {
        Ok(entries) => changelog::acknowledged(entries, &findings, &surface.moves),
        Err(_) => changelog::Acknowledged::default(),
    };
    Ok(Review {
        base_label: base.label().to_string(),
        head_label: head.label().to_string(),
        findings,
        surface,
        acknowledged,
        breaking_entries,
        allow_breaking: options.allow_breaking,
        lint: lint::house_rules(head),
    })
}
