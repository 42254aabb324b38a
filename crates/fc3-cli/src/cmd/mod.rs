//! Stage three: the commands. Each takes its parsed flags and a printer, does its calls and
//! says how it went ([`Outcome`]) or why it could not ([`Failure`]).

pub mod async_config;
pub mod completions;
pub mod demo;
pub mod invoke;
pub mod local;
pub mod task;

use crate::failure::{Failure, Outcome};
use crate::flags::{Cli, Command, GlobalArgs};
use crate::output::Out;
use crate::setup::{self, Connection};

/// Runs the command `cli` names.
pub async fn run(cli: Cli) -> Result<Outcome, Failure> {
    let out = Out::new(cli.global.output);
    let global = &cli.global;
    match &cli.command {
        Command::Invoke(args) => invoke::run(global, args, out).await,
        Command::AsyncConfig(command) => async_config::run(global, command, out).await,
        Command::Task(command) => task::run(global, command, out).await,
        Command::Local(args) => local::run(global, args, out).await,
        Command::Demo(args) => demo::run(global, args, out).await,
        Command::Completions(args) => completions::run(args, out),
    }
}

/// Connects as the global flags say; with `--local`, says so on stderr (text output only).
pub async fn connect(global: &GlobalArgs, out: Out) -> Result<Connection, Failure> {
    let connection = setup::connect(global).await?;
    if let Some(local) = &connection.local
        && !out.is_json()
    {
        out.err(&format!(
            "{}\n",
            console::style(format!(
                "(embedded fc3-local on {} for this command only; its state ends with it)",
                local.endpoint()
            ))
            .for_stderr()
            .dim()
        ));
    }
    Ok(connection)
}

/// Fails with a usage error when `--local` was given to a command that has no use for it.
pub fn reject_connection_flags(global: &GlobalArgs, command: &str) -> Result<(), Failure> {
    let given: Vec<&str> = [
        (global.local, "--local"),
        (global.endpoint.is_some(), "--endpoint"),
        (global.profile.is_some(), "--profile"),
    ]
    .into_iter()
    .filter_map(|(set, name)| set.then_some(name))
    .collect();
    if given.is_empty() {
        Ok(())
    } else {
        Err(Failure::Usage(format!(
            "`fc3 {command}` does not take {}: it runs its own emulator",
            given.join(", ")
        )))
    }
}
