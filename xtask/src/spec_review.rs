//! `cargo xtask spec-review [--base REV] [--allow-breaking] [--root DIR]`: reads the spec at
//! `REV` with git and in the working tree, reviews the change (`fc3_codegen::review`) and
//! prints the Markdown report.
//!
//! Exit status: 0 when nothing breaks or every breaking change is acknowledged (or allowed);
//! 1 on a breaking change nothing acknowledges; 2 when a spec does not parse or validate, or
//! the review cannot run (no such revision, no git).

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

use anyhow::{Context, Result, bail};
use fc3_codegen::SPEC_PATH;
use fc3_codegen::review::{self, Options, Outcome};
use fc3_codegen::spec::Spec;

pub const USAGE: &str =
    "cargo xtask spec-review [--base REV] [--allow-breaking] [--semver-checks] [--root DIR]
    --base REV        the revision to compare with (default: `git merge-base HEAD main`)
    --allow-breaking  report breaking changes but exit 0 (for local use)
    --semver-checks   also run cargo-semver-checks on fc3-models and fc3-client against REV
                      when their sources changed (informational; needs cargo-semver-checks)
    --root DIR        the checkout to review (default: this workspace)";

/// The public crates cargo-semver-checks compares.
const PUBLIC_CRATES: [&str; 2] = ["fc3-models", "fc3-client"];

struct Args {
    base: Option<String>,
    allow_breaking: bool,
    semver_checks: bool,
    root: PathBuf,
}

fn parse(args: &[&str]) -> Result<Args> {
    let mut parsed = Args {
        base: None,
        allow_breaking: false,
        semver_checks: false,
        root: fc3_codegen::workspace_root(),
    };
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        match *arg {
            "--base" => {
                let rev = args.next().context("--base needs a revision")?;
                parsed.base = Some(rev.to_string());
            }
            "--root" => {
                let dir = args.next().context("--root needs a directory")?;
                parsed.root = PathBuf::from(dir);
            }
            "--allow-breaking" => parsed.allow_breaking = true,
            "--semver-checks" => parsed.semver_checks = true,
            other => bail!("unknown argument {other:?}\nusage: {USAGE}"),
        }
    }
    Ok(parsed)
}

pub fn run(args: &[&str]) -> Result<ExitCode> {
    let args = parse(args)?;
    let root = &args.root;
    let (rev, described) = match &args.base {
        Some(rev) => (rev.clone(), rev.clone()),
        None => {
            let base = git(root, &["merge-base", "HEAD", "main"])
                .context("finding the merge base with main (pass --base REV)")?;
            (
                base.clone(),
                format!("merge-base HEAD main ({})", short(&base)),
            )
        }
    };
    let commit = git(
        root,
        &[
            "rev-parse",
            "--verify",
            "--quiet",
            &format!("{rev}^{{commit}}"),
        ],
    )
    .with_context(|| format!("there is no revision {rev} in {}", root.display()))?;
    let label = format!("{SPEC_PATH} at {described}");
    let label = if described == rev && short(&commit) != rev {
        format!("{label} ({})", short(&commit))
    } else {
        label
    };
    if git(root, &["cat-file", "-e", &format!("{commit}:{SPEC_PATH}")]).is_err() {
        println!("{SPEC_PATH} does not exist at {rev}: there is nothing to compare with.");
        return Ok(ExitCode::SUCCESS);
    }
    let base_text = git(root, &["show", &format!("{commit}:{SPEC_PATH}")])?;
    let head_path = root.join(SPEC_PATH);
    let head_text = std::fs::read_to_string(&head_path)
        .with_context(|| format!("reading {}", head_path.display()))?;
    let changelog = std::fs::read_to_string(root.join("CHANGELOG.md")).ok();

    let specs = Spec::parse(&base_text, &label).and_then(|base| {
        Spec::parse(&head_text, &format!("{SPEC_PATH} (working tree)")).map(|head| (base, head))
    });
    let review = specs.and_then(|(base, head)| {
        review::review(
            &base,
            &head,
            Options {
                changelog: changelog.as_deref(),
                allow_breaking: args.allow_breaking,
                version: env!("CARGO_PKG_VERSION"),
            },
        )
    });
    let review = match review {
        Ok(review) => review,
        Err(e) => {
            eprintln!("spec-review: {e}");
            return Ok(ExitCode::from(2));
        }
    };
    print!("{}", review.markdown());
    if args.semver_checks {
        print!("{}", semver_checks(root, &commit, &described));
    }
    Ok(match review.outcome() {
        Outcome::Pass => ExitCode::SUCCESS,
        Outcome::Breaking => ExitCode::FAILURE,
    })
}

/// The report's cargo-semver-checks section: skipped when the public crates' sources did not
/// change or the tool is missing, else its verdict and every failed check.
fn semver_checks(root: &Path, commit: &str, described: &str) -> String {
    let mut out = String::from("### cargo-semver-checks\n\n");
    let paths: Vec<String> = PUBLIC_CRATES
        .iter()
        .map(|c| format!("crates/{c}"))
        .collect();
    let mut diff = vec!["diff", "--quiet", commit, "--"];
    diff.extend(paths.iter().map(String::as_str));
    if git(root, &diff).is_ok() {
        out.push_str(&format!(
            "Skipped: {} have the same sources as at {described}.\n",
            PUBLIC_CRATES.join(" and ")
        ));
        return out;
    }
    let installed = Command::new("cargo")
        .args(["semver-checks", "--version"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !installed {
        out.push_str(
            "Skipped: cargo-semver-checks is not installed \
             (`cargo install cargo-semver-checks --locked`).\n",
        );
        return out;
    }
    let mut command = Command::new("cargo");
    command
        .current_dir(root)
        .args([
            "semver-checks",
            "--baseline-rev",
            commit,
            "--release-type",
            "patch",
        ])
        .args(["--color", "never"]);
    for krate in PUBLIC_CRATES {
        command.args(["-p", krate]);
    }
    let output = match command.output() {
        Ok(output) => output,
        Err(e) => {
            out.push_str(&format!("Could not run cargo-semver-checks: {e}.\n"));
            return out;
        }
    };
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    // Each failed check's title and where it failed, and the verdict lines.
    let mut kept: Vec<&str> = Vec::new();
    let mut failed_in = false;
    for line in text.lines().map(str::trim) {
        if line == "Failed in:" {
            failed_in = true;
        } else if line.is_empty() {
            failed_in = false;
        } else if failed_in
            || line.starts_with("--- failure")
            || line.starts_with("Checked")
            || line.starts_with("Summary")
            || line.starts_with("error")
        {
            kept.push(line);
        }
    }
    if output.status.success() {
        out.push_str(&format!(
            "Against {described} as a patch release, {} pass:\n\n",
            PUBLIC_CRATES.join(" and ")
        ));
    } else {
        out.push_str(&format!(
            "Against {described} as a patch release, {} need more than a patch \
             (cargo-semver-checks says \"major\" for a 0.x minor):\n\n",
            PUBLIC_CRATES.join(" and ")
        ));
    }
    out.push_str("```text\n");
    for line in kept {
        out.push_str(line);
        out.push('\n');
    }
    out.push_str("```\n");
    out
}

fn short(commit: &str) -> &str {
    &commit[..commit.len().min(7)]
}

/// Runs git in `root` and gives its standard output, trimmed at the end.
fn git(root: &Path, args: &[&str]) -> Result<String> {
    let output = Command::new("git")
        .arg("-C")
        .arg(root)
        .args(args)
        .output()
        .context("running git")?;
    if !output.status.success() {
        bail!(
            "`git {}` failed: {}",
            args.join(" "),
            String::from_utf8_lossy(&output.stderr).trim()
        );
    }
    let mut text = String::from_utf8(output.stdout).context("git printed something not UTF-8")?;
    text.truncate(text.trim_end().len());
    Ok(text)
}
