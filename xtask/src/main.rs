//! Project automation. `cargo xtask codegen` regenerates the committed code from the spec;
//! `cargo xtask codegen --check` writes nothing and fails when the committed code is stale;
//! `cargo xtask spec-review` reports what a spec change does to users (see `spec_review`).

mod spec_review;

use std::process::ExitCode;

use anyhow::{Result, bail};

const USAGE: &str = "usage: cargo xtask codegen [--check]
       cargo xtask spec-review [--base REV] [--allow-breaking] [--semver-checks] [--root DIR]";

fn main() -> ExitCode {
    match run(std::env::args().skip(1).collect()) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("xtask: {e:#}");
            ExitCode::from(2)
        }
    }
}

fn run(args: Vec<String>) -> Result<ExitCode> {
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let check = match args.as_slice() {
        ["spec-review", rest @ ..] => return spec_review::run(rest),
        ["codegen"] => false,
        ["codegen", "--check"] => true,
        ["help" | "--help" | "-h"] => {
            println!("{USAGE}\n\nspec-review:\n{}", spec_review::USAGE);
            return Ok(ExitCode::SUCCESS);
        }
        _ => bail!("{USAGE}"),
    };
    let root = fc3_codegen::workspace_root();
    if check {
        let stale = fc3_codegen::stale_files(&root)?;
        if stale.is_empty() {
            println!(
                "generated code is up to date with {}",
                fc3_codegen::SPEC_PATH
            );
            return Ok(ExitCode::SUCCESS);
        }
        for file in &stale {
            eprintln!("{file}");
        }
        eprintln!("run `cargo xtask codegen` and commit the result");
        return Ok(ExitCode::FAILURE);
    }
    let written = fc3_codegen::write_all(&root)?;
    if written.is_empty() {
        println!("generated code already up to date");
    }
    for path in written {
        println!("wrote {path}");
    }
    Ok(ExitCode::SUCCESS)
}
