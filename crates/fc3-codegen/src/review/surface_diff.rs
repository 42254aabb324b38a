//! How the generated Rust surface moves: both specs are generated in memory, their listings
//! (the ones the snapshot tests guard) are diffed block by block and member by member, and
//! each move is classed by Rust's semver rules:
//!
//! - **breaking**: an item or member removed or its signature changed (a parameter that
//!   becomes required changes its operation's entry point on `Client`), a required field added
//!   to a model (its `new(...)` gains an argument);
//! - **compatible**: anything added that existing code cannot notice: a method, an optional
//!   model field or an enum variant (the models are `#[non_exhaustive]`).
//!
//! The client listing is fc3-client's public API (the fluent builders each side's spec
//! generates, with the hand-written runtime of the working tree); progenitor's client is
//! private, so its code only decides whether a patch bump is needed.
//!
//! Pre-1.0 (the policy): a breaking move needs a minor bump (0.1 → 0.2), anything else that
//! changes the generated code a patch bump. From 1.0 on a breaking move needs a major bump.

use std::collections::BTreeMap;
use std::fmt;

use crate::spec::{Spec, SpecError};
use crate::{CLIENT_PATH, FLUENT_PATH, MODELS_PATH, generate, operations, surface};

/// Which listing a move is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Listing {
    /// fc3-client's public API (`client_api`): the fluent builders' methods, `Client`'s
    /// entry points and the hand-written runtime.
    Client,
    /// `models_surface`: each model's fields, variants or inner type.
    Models,
    /// `operation_table`: the spec's operations (not Rust; shown for the record).
    Operations,
}

/// What a move does to code that uses the generated crates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Impact {
    /// Not Rust (the operation table).
    Listing,
    /// Existing code cannot notice it.
    Compatible,
    /// Existing code stops compiling or working.
    Breaking,
}

impl fmt::Display for Impact {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Impact::Listing => "listing",
            Impact::Compatible => "compatible",
            Impact::Breaking => "breaking",
        })
    }
}

/// One line of a listing that moved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Move {
    /// The listing.
    pub listing: Listing,
    /// The block's header (`Client::list_async_tasks()`, `struct AsyncConfig`).
    pub block: String,
    /// The operation (operationId) or model the block is about.
    pub name: String,
    /// The line before, if any.
    pub old: Option<String>,
    /// The line after, if any.
    pub new: Option<String>,
    /// Its semver impact.
    pub impact: Impact,
    /// Why.
    pub reason: String,
}

impl Move {
    /// Whether it fails the review unless acknowledged.
    pub fn fails_review(&self) -> bool {
        self.impact == Impact::Breaking
    }
}

/// A version bump.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Bump {
    /// The generated code is the same.
    None,
    /// Something changed that no existing use can notice (docs included).
    Patch,
    /// Pre-1.0: something existing code may notice.
    Minor,
    /// From 1.0: something existing code may notice.
    Major,
}

/// The generated surface's moves and the bump they need.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SurfaceReview {
    /// Every moved line.
    pub moves: Vec<Move>,
    /// The version the public crates have.
    pub current: String,
    /// Each public crate, the bump it needs and the version it then gets.
    pub crates: Vec<(&'static str, Bump, String)>,
    /// Why the base could not be generated, if it could not (then nothing is compared).
    pub base_error: Option<String>,
}

/// The generated surface of one spec: the three listings and the generated files' text.
struct Surface {
    client: String,
    models: String,
    operations: String,
    /// progenitor's client and the fluent builders.
    client_code: String,
    models_code: String,
}

fn render(spec: &Spec) -> anyhow::Result<Surface> {
    // progenitor stops with a panic on some shapes (two media types for one body): a spec
    // is input, so that is an error naming the spec, not a crash.
    let generated = std::panic::catch_unwind(|| generate(spec.api())).map_err(|panic| {
        anyhow::anyhow!(
            "progenitor stopped: {}",
            super::panic_message(panic.as_ref())
        )
    })?;
    let files = generated?;
    let file = |path: &str| {
        files
            .iter()
            .find(|f| f.path == path)
            .map(|f| f.contents.clone())
            .unwrap_or_default()
    };
    let (fluent_code, models_code) = (file(FLUENT_PATH), file(MODELS_PATH));
    Ok(Surface {
        client: surface::client_api(&crate::workspace_root(), Some(&fluent_code))?,
        models: surface::models_surface(&models_code)?,
        operations: operations::operation_table(spec.api())?,
        client_code: file(CLIENT_PATH) + &fluent_code,
        models_code,
    })
}

pub(super) fn review(base: &Spec, head: &Spec, version: &str) -> Result<SurfaceReview, SpecError> {
    let new = render(head).map_err(|e| SpecError {
        label: head.label().to_string(),
        problem: format!("the generator refuses it: {e:#}"),
    })?;
    let old = match render(base) {
        Ok(old) => old,
        Err(e) => {
            return Ok(SurfaceReview {
                moves: Vec::new(),
                current: version.to_string(),
                crates: Vec::new(),
                base_error: Some(format!("{e:#}")),
            });
        }
    };
    let ids: Vec<String> = head
        .operations()
        .into_iter()
        .chain(base.operations())
        .map(|op| op.id)
        .collect();
    let mut moves = Vec::new();
    moves.extend(diff(Listing::Client, &old.client, &new.client, &ids));
    moves.extend(diff(Listing::Models, &old.models, &new.models, &ids));
    moves.extend(diff(
        Listing::Operations,
        &old.operations,
        &new.operations,
        &ids,
    ));
    let bump_of = |listings: &[Listing], code_changed: bool| {
        let worst = moves
            .iter()
            .filter(|m| listings.contains(&m.listing))
            .map(|m| m.impact)
            .max();
        match worst {
            Some(Impact::Breaking) if version.starts_with("0.") => Bump::Minor,
            Some(Impact::Breaking) => Bump::Major,
            Some(_) => Bump::Patch,
            None if code_changed => Bump::Patch,
            None => Bump::None,
        }
    };
    let models_changed = old.models_code != new.models_code;
    let client_changed = old.client_code != new.client_code;
    let models_bump = bump_of(&[Listing::Models], models_changed);
    // fc3-client's API is made of fc3-models types (and re-exports some): whatever fc3-models
    // needs, fc3-client needs too.
    let client_bump = bump_of(
        &[Listing::Client, Listing::Models],
        client_changed || models_changed,
    );
    Ok(SurfaceReview {
        crates: vec![
            (
                "fc3-models",
                models_bump,
                next_version(version, models_bump),
            ),
            (
                "fc3-client",
                client_bump,
                next_version(version, client_bump),
            ),
        ],
        moves,
        current: version.to_string(),
        base_error: None,
    })
}

impl SurfaceReview {
    /// Raises each crate's bump to what the spec change itself needs: a change that breaks
    /// clients needs a minor bump (major from 1.0) even when no Rust signature moves (requests
    /// that worked are refused).
    pub(super) fn at_least_for(&mut self, worst: Option<super::Class>) {
        let needed = match worst {
            Some(super::Class::Breaking) if self.current.starts_with("0.") => Bump::Minor,
            Some(super::Class::Breaking) => Bump::Major,
            _ => Bump::None,
        };
        for (_, bump, next) in &mut self.crates {
            if needed > *bump {
                *bump = needed;
                *next = next_version(&self.current, needed);
            }
        }
    }
}

/// `version` after `bump`; `version` itself if it is not semver.
pub fn next_version(version: &str, bump: Bump) -> String {
    let Ok(mut v) = semver::Version::parse(version) else {
        return version.to_string();
    };
    match bump {
        Bump::None => {}
        Bump::Patch => v.patch += 1,
        Bump::Minor => {
            v.minor += 1;
            v.patch = 0;
        }
        Bump::Major => {
            v.major += 1;
            v.minor = 0;
            v.patch = 0;
        }
    }
    v.pre = semver::Prerelease::EMPTY;
    v.to_string()
}

/// A listing's blocks: header line to member lines, keyed as [`block_key`] says.
fn blocks(listing: &str) -> BTreeMap<String, (String, Vec<String>)> {
    let mut map = BTreeMap::new();
    for block in listing.split("\n\n") {
        let mut lines = block.lines().filter(|l| !l.trim().is_empty());
        let Some(header) = lines.next() else { continue };
        let members = lines.map(|l| l.trim().to_string()).collect();
        map.insert(block_key(header), (header.to_string(), members));
    }
    map
}

/// What identifies a block across the two sides: the type's or model's name, or the
/// operationId.
fn block_key(header: &str) -> String {
    for kind in ["struct ", "enum ", "newtype ", "trait ", "fn ", "const "] {
        if let Some(rest) = header.strip_prefix(kind) {
            let name = rest.split(['(', ' ', '<']).next().unwrap_or(rest);
            return name.trim_end_matches(':').to_string();
        }
    }
    header.split(':').next().unwrap_or(header).to_string()
}

/// What identifies a member line across the two sides: a setter's, field's or variant's
/// name, `send`, a parameter's location and name, a body's media type, a status.
fn member_key(listing: Listing, line: &str) -> String {
    match listing {
        Listing::Client => {
            let line = line.trim_start_matches("pub ").trim_start_matches("async ");
            match line.strip_prefix("fn ") {
                Some(method) => format!("fn {}", method.split(['(', '<']).next().unwrap_or(method)),
                None => line
                    .split([' ', '(', '{', ':'])
                    .next()
                    .unwrap_or(line)
                    .to_string(),
            }
        }
        Listing::Models => line.split([':', ' ']).next().unwrap_or(line).to_string(),
        Listing::Operations => {
            let words: Vec<&str> = line.split_whitespace().collect();
            match words.as_slice() {
                [
                    location @ ("path" | "query" | "header" | "cookie"),
                    name,
                    ..,
                ] => {
                    format!("{location} {name}")
                }
                ["body", mime, ..] => format!("body {}", mime.trim_end_matches(':')),
                [status, ..] => status.trim_end_matches(':').to_string(),
                [] => String::new(),
            }
        }
    }
}

/// The operation or model a block is about: a builder's operationId, a model's name.
fn subject_name(listing: Listing, key: &str, ids: &[String]) -> String {
    match listing {
        Listing::Client => operation_named(ids, key).unwrap_or_else(|| key.to_string()),
        Listing::Models | Listing::Operations => key.to_string(),
    }
}

/// The operationId whose name is `name` in any case (`list_async_tasks`, `ListAsyncTasks`).
fn operation_named(ids: &[String], name: &str) -> Option<String> {
    let squash = |s: &str| s.replace('_', "").to_lowercase();
    ids.iter().find(|id| squash(id) == squash(name)).cloned()
}

fn diff(listing: Listing, old: &str, new: &str, ids: &[String]) -> Vec<Move> {
    let (old_blocks, new_blocks) = (blocks(old), blocks(new));
    let mut moves = Vec::new();
    let mut keys: Vec<&String> = new_blocks.keys().collect();
    keys.extend(old_blocks.keys().filter(|k| !new_blocks.contains_key(*k)));
    for key in keys {
        let old_block = old_blocks.get(key);
        let new_block = new_blocks.get(key);
        let header = new_block
            .or(old_block)
            .map(|b| b.0.clone())
            .unwrap_or_default();
        let name = subject_name(listing, key, ids);
        let mut push = |old: Option<&str>, new: Option<&str>, impact: Impact, reason: &str| {
            // `Client`'s entry points are one block; each method is about its own operation.
            let line = new.or(old).unwrap_or_default();
            let name = match member_key(listing, line).strip_prefix("fn ") {
                Some(method) if key == "Client" => {
                    operation_named(ids, method).unwrap_or_else(|| name.clone())
                }
                _ => name.clone(),
            };
            moves.push(Move {
                listing,
                block: header.clone(),
                name,
                old: old.map(str::to_string),
                new: new.map(str::to_string),
                impact: if listing == Listing::Operations {
                    Impact::Listing
                } else {
                    impact
                },
                reason: reason.to_string(),
            })
        };
        match (old_block, new_block) {
            (None, Some((h, _))) => push(None, Some(h), Impact::Compatible, "new"),
            (Some((h, _)), None) => push(Some(h), None, Impact::Breaking, "removed"),
            (Some((old_header, old_members)), Some((new_header, new_members))) => {
                if old_header != new_header {
                    push(
                        Some(old_header),
                        Some(new_header),
                        Impact::Breaking,
                        "its kind or type changed",
                    );
                }
                let by_key = |members: &[String]| -> BTreeMap<String, String> {
                    members
                        .iter()
                        .map(|m| (member_key(listing, m), m.clone()))
                        .collect()
                };
                let (old_members, new_members) = (by_key(old_members), by_key(new_members));
                for (member, line) in &new_members {
                    match old_members.get(member) {
                        None => {
                            let (impact, reason) = added_member(listing, new_header, line);
                            push(None, Some(line), impact, reason);
                        }
                        Some(old_line) if old_line != line => {
                            let (impact, reason) = changed_member(listing);
                            push(Some(old_line), Some(line), impact, reason);
                        }
                        Some(_) => {}
                    }
                }
                for (member, line) in &old_members {
                    if !new_members.contains_key(member) {
                        push(Some(line), None, Impact::Breaking, "removed");
                    }
                }
            }
            (None, None) => {}
        }
    }
    moves
}

fn added_member(listing: Listing, header: &str, line: &str) -> (Impact, &'static str) {
    match listing {
        Listing::Client => (Impact::Compatible, "a new method"),
        Listing::Models if header.starts_with("enum ") => (
            Impact::Compatible,
            "a new variant: the enum is non_exhaustive, so every `match` has a `_` arm",
        ),
        Listing::Models if !is_optional_field(line) => (
            Impact::Breaking,
            "a new required field: the model's `new(...)` gains an argument (and it has no Default)",
        ),
        Listing::Models => (
            Impact::Compatible,
            "a new optional field: the model is non_exhaustive, built with Default or new(...)",
        ),
        Listing::Operations => (Impact::Listing, "new"),
    }
}

/// Whether a model listing's field line (`name: Type  json "wire"`) is one a model's
/// `Default` or `new(...)` fills by itself: the listing marks the others `required`.
fn is_optional_field(line: &str) -> bool {
    !line.ends_with("  required")
}

fn changed_member(listing: Listing) -> (Impact, &'static str) {
    match listing {
        Listing::Client => (
            Impact::Breaking,
            "its signature changed: a call written for the old one stops compiling",
        ),
        Listing::Models => (Impact::Breaking, "its type changed"),
        Listing::Operations => (Impact::Listing, "changed"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const OLD_CLIENT: &str = "struct Client\n    fn get_a(&self, name: impl Into<String>) -> GetA\n    fn drop_me(&self) -> DropMe\n\nstruct GetA\n    fn limit(self, value: u32) -> Self\n    fn send(self) -> Result<A>\n\nstruct DropMe\n    fn send(self) -> Result<()>\n";
    const NEW_CLIENT: &str = "struct Client\n    fn get_a(&self, name: impl Into<String>, must: impl Into<String>) -> GetA\n    fn new_op(&self) -> NewOp\n\nstruct GetA\n    fn limit(self, value: u64) -> Self\n    fn page(self, value: impl Into<String>) -> Self\n    fn send(self) -> Result<A>\n\nstruct NewOp\n    fn send(self) -> Result<()>\n";

    #[test]
    fn client_moves_are_classed_by_what_a_caller_notices() {
        let ids = ["GetA", "DropMe", "NewOp"].map(String::from).to_vec();
        let moves = diff(Listing::Client, OLD_CLIENT, NEW_CLIENT, &ids);
        let summary: Vec<(&str, Option<&str>, Option<&str>, Impact)> = moves
            .iter()
            .map(|m| {
                (
                    m.name.as_str(),
                    m.old.as_deref(),
                    m.new.as_deref(),
                    m.impact,
                )
            })
            .collect();
        assert_eq!(
            summary,
            [
                // A new required parameter changes the entry point's signature.
                (
                    "GetA",
                    Some("fn get_a(&self, name: impl Into<String>) -> GetA"),
                    Some(
                        "fn get_a(&self, name: impl Into<String>, must: impl Into<String>) -> GetA"
                    ),
                    Impact::Breaking
                ),
                (
                    "NewOp",
                    None,
                    Some("fn new_op(&self) -> NewOp"),
                    Impact::Compatible
                ),
                (
                    "DropMe",
                    Some("fn drop_me(&self) -> DropMe"),
                    None,
                    Impact::Breaking
                ),
                // A setter's type narrows or widens: either way a caller's code may not compile.
                (
                    "GetA",
                    Some("fn limit(self, value: u32) -> Self"),
                    Some("fn limit(self, value: u64) -> Self"),
                    Impact::Breaking
                ),
                // A new optional parameter is a new setter.
                (
                    "GetA",
                    None,
                    Some("fn page(self, value: impl Into<String>) -> Self"),
                    Impact::Compatible
                ),
                ("NewOp", None, Some("struct NewOp"), Impact::Compatible),
                ("DropMe", Some("struct DropMe"), None, Impact::Breaking),
            ]
        );
    }

    #[test]
    fn model_additions_break_only_when_required() {
        let old = "enum Kind\n    A  json \"a\"\n\nstruct S\n    a: Option<String>  json \"a\"\n\nstruct R\n    a: String  json \"a\"  required\n";
        let new = "enum Kind\n    A  json \"a\"\n    B  json \"b\"\n\nstruct S\n    a: Option<String>  json \"a\"\n    b: Option<i64>  json \"b\"\n    c: Vec<String>  json \"c\"\n\nstruct R\n    a: String  json \"a\"  required\n    b: i64  json \"b\"  required\n\nnewtype N(String)\n";
        let moves = diff(Listing::Models, old, new, &[]);
        let impacts: Vec<(&str, Option<&str>, Impact)> = moves
            .iter()
            .map(|m| (m.name.as_str(), m.new.as_deref(), m.impact))
            .collect();
        assert_eq!(
            impacts,
            [
                ("Kind", Some("B  json \"b\""), Impact::Compatible),
                ("N", Some("newtype N(String)"), Impact::Compatible),
                ("R", Some("b: i64  json \"b\"  required"), Impact::Breaking),
                ("S", Some("b: Option<i64>  json \"b\""), Impact::Compatible),
                ("S", Some("c: Vec<String>  json \"c\""), Impact::Compatible),
            ]
        );
    }

    #[test]
    fn versions_follow_the_pre_1_0_policy() {
        assert_eq!(next_version("0.1.0", Bump::Minor), "0.2.0");
        assert_eq!(next_version("0.1.3", Bump::Patch), "0.1.4");
        assert_eq!(next_version("1.4.2", Bump::Major), "2.0.0");
        assert_eq!(next_version("0.1.0", Bump::None), "0.1.0");
    }
}
