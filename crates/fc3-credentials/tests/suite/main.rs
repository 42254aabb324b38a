//! Integration tests of fc3-credentials. Nothing here reads or changes the process
//! environment, and every HTTP server is on 127.0.0.1.

mod chain;
mod cli_config;
mod common;
mod ecs;
mod environment;
mod profile_file;
mod redaction;
mod uri;
