//! `cargo xtask spec-review` end to end: a git repository holding a copy of the real spec,
//! one breaking and one compatible edit in the working tree, and the exit status and report
//! for each way the review can end.

use std::path::Path;
use std::process::{Command, Output};

const SPEC: &str = "openapi/fc-2023-03-30.yaml";

/// The breaking edit: PutAsyncInvokeConfig accepts at most 5 retries, not 8.
const NARROWED: (&str, &str) = (
    "            value (no retry) and is sent as such.\n          x-fc3-default: 3\n          minimum: 0\n          maximum: 8\n",
    "            value (no retry) and is sent as such.\n          x-fc3-default: 3\n          minimum: 0\n          maximum: 5\n",
);

/// The compatible edit: ListAsyncTasks takes a new optional filter.
const NEW_FILTER: (&str, &str) = (
    "        - name: includePayload\n",
    "        - name: failedOnly\n          in: query\n          required: false\n          description: Only tasks that failed.\n          schema:\n            type: boolean\n          example: true\n        - name: includePayload\n",
);

fn git(dir: &Path, args: &[&str]) {
    let output = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args([
            "-c",
            "user.name=fc3",
            "-c",
            "user.email=fc3@example.invalid",
        ])
        .args(args)
        .output()
        .unwrap();
    assert!(output.status.success(), "git {args:?}: {output:?}");
}

/// A repository whose one commit holds the real spec.
fn repository() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    git(dir.path(), &["init", "-q"]);
    std::fs::create_dir_all(dir.path().join("openapi")).unwrap();
    let real = Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join(SPEC);
    std::fs::copy(real, dir.path().join(SPEC)).unwrap();
    git(dir.path(), &["add", "."]);
    git(dir.path(), &["commit", "-q", "-m", "the spec"]);
    dir
}

fn edit(dir: &Path, (from, to): (&str, &str)) {
    let path = dir.join(SPEC);
    let text = std::fs::read_to_string(&path).unwrap();
    assert_eq!(
        text.matches(from).count(),
        1,
        "the spec must hold {from:?} once"
    );
    std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
}

fn review(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_xtask"))
        .args(["spec-review", "--root", dir.to_str().unwrap()])
        .args(args)
        .output()
        .unwrap()
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn a_breaking_and_a_compatible_edit_fail_the_review_with_a_report_of_both() {
    let dir = repository();
    edit(dir.path(), NARROWED);
    edit(dir.path(), NEW_FILTER);
    let output = review(dir.path(), &["--base", "HEAD"]);
    let report = stdout(&output);
    assert_eq!(output.status.code(), Some(1), "{report}");
    for expected in [
        "Base: `openapi/fc-2023-03-30.yaml at HEAD (",
        "**Verdict: breaking.** 1 breaking change(s) nothing acknowledges: the review fails (exit 1).",
        "Changes: 1 breaking, 1 compatible, 0 docs only.",
        "#### `ListAsyncTasks` · `GET /2023-03-30/functions/{functionName}/async-tasks`",
        "- compatible · parameter `failedOnly` (query): added, optional — a new optional parameter.",
        "#### Schema `PutAsyncInvokeConfigInput` · reached from PutAsyncInvokeConfig",
        "- **breaking** · property `maxAsyncRetryAttempts`: maximum 8 → 5 — narrowed: a request that was valid is now refused. *(not acknowledged)*",
        "- `struct ListAsyncTasks` (ListAsyncTasks)",
        "`+ fn failed_only(self, value: bool) -> Self`: compatible, a new method",
        "**Semver:** fc3-models 0.1.0 → 0.2.0 (minor), fc3-client 0.1.0 → 0.2.0 (minor).",
        "(any of: `PutAsyncInvokeConfig`, `PutAsyncInvokeConfigInput`), or fix the spec. CHANGELOG.md now: there is no CHANGELOG.md.",
    ] {
        assert!(
            report.contains(expected),
            "missing {expected:?} in:\n{report}"
        );
    }
}

#[test]
fn a_changelog_entry_acknowledges_it() {
    let dir = repository();
    edit(dir.path(), NARROWED);
    edit(dir.path(), NEW_FILTER);
    std::fs::write(
        dir.path().join("CHANGELOG.md"),
        "# Changelog\n\n## [Unreleased]\n\n### Breaking\n\n- `PutAsyncInvokeConfigInput.maxAsyncRetryAttempts` is at most 5, as FC enforces.\n\n## [0.1.0] - 2026-12-01\n",
    )
    .unwrap();
    let output = review(dir.path(), &["--base", "HEAD"]);
    let report = stdout(&output);
    assert_eq!(output.status.code(), Some(0), "{report}");
    assert!(
        report.contains("**Verdict: breaking, acknowledged.**"),
        "{report}"
    );
    assert!(
        report.contains("*(acknowledged in CHANGELOG.md)*"),
        "{report}"
    );
}

#[test]
fn allow_breaking_reports_and_exits_0() {
    let dir = repository();
    edit(dir.path(), NARROWED);
    let output = review(dir.path(), &["--base", "HEAD", "--allow-breaking"]);
    assert_eq!(output.status.code(), Some(0));
    assert!(stdout(&output).contains("**Verdict: breaking, allowed by `--allow-breaking`.**"));
}

#[test]
fn a_compatible_edit_alone_passes_and_no_edit_reports_no_change() {
    let dir = repository();
    let output = review(dir.path(), &["--base", "HEAD"]);
    assert_eq!(output.status.code(), Some(0));
    assert!(stdout(&output).contains("**Verdict: no change** to what the spec says."));
    edit(dir.path(), NEW_FILTER);
    let output = review(dir.path(), &["--base", "HEAD"]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    assert!(stdout(&output).contains("**Verdict: compatible.** Nothing breaks."));
}

#[test]
fn a_spec_that_does_not_parse_or_validate_exits_2_naming_the_file() {
    let dir = repository();
    edit(
        dir.path(),
        ("openapi: 3.0.3\n", "openapi: 3.0.3\npaths: [\n"),
    );
    let output = review(dir.path(), &["--base", "HEAD"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).starts_with(
            "spec-review: openapi/fc-2023-03-30.yaml (working tree): is not an OpenAPI document"
        ),
        "{}",
        stderr(&output)
    );

    let dir = repository();
    edit(
        dir.path(),
        (
            "        $ref: \"#/components/schemas/TaskId\"\n",
            "        $ref: \"#/components/schemas/TaskIdentifier\"\n",
        ),
    );
    let output = review(dir.path(), &["--base", "HEAD"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains(
            "#/components/parameters/TaskId/schema: `$ref: #/components/schemas/TaskIdentifier` resolves to nothing"
        ),
        "{}",
        stderr(&output)
    );
}

#[test]
fn a_revision_the_clone_does_not_have_exits_2() {
    let dir = repository();
    let output = review(dir.path(), &["--base", "HEAD~1"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("there is no revision HEAD~1"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn the_default_base_is_the_merge_base_with_main() {
    let dir = repository();
    git(dir.path(), &["branch", "-M", "main"]);
    git(dir.path(), &["checkout", "-q", "-b", "feature"]);
    edit(dir.path(), NARROWED);
    git(dir.path(), &["commit", "-q", "-am", "narrow"]);
    let output = review(dir.path(), &[]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert!(
        stdout(&output).contains("at merge-base HEAD main ("),
        "{}",
        stdout(&output)
    );
}

#[test]
fn the_readme_shows_the_real_report_of_its_example() {
    // README.md's "Reviewing a spec change" pastes the report of NARROWED and NEW_FILTER.
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../README.md"))
            .unwrap();
    let start = readme
        .find("```markdown\n## Spec review\n")
        .expect("README.md shows a spec review report")
        + "```markdown\n".len();
    let shown = &readme[start..start + readme[start..].find("\n```").unwrap() + 1];

    let dir = repository();
    edit(dir.path(), NARROWED);
    edit(dir.path(), NEW_FILTER);
    let output = review(dir.path(), &["--base", "HEAD"]);
    assert_eq!(output.status.code(), Some(1));
    // The base commit's hash differs from run to run: compare with the README's.
    let short = |text: &str| {
        let at = text.find("at HEAD (").unwrap() + "at HEAD (".len();
        text[at..at + 7].to_string()
    };
    let fresh = stdout(&output).replacen(&short(&stdout(&output)), &short(shown), 1);
    assert!(
        fresh == shown,
        "README.md's example report is not what the tool prints now; replace the block with:\n{fresh}"
    );
}
