//! `fc3 completions SHELL`: a completion script on stdout.

use clap::CommandFactory;

use crate::failure::{Failure, Outcome};
use crate::flags::{Cli, CompletionsArgs};
use crate::output::Out;

/// Prints the completion script for the shell asked for.
pub fn run(args: &CompletionsArgs, out: Out) -> Result<Outcome, Failure> {
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut Cli::command(), "fc3", &mut script);
    out.stdout(&script)?;
    Ok(Outcome::Success)
}
