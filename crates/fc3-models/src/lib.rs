#![doc = include_str!("../README.md")]

#[allow(missing_docs, clippy::all)]
#[rustfmt::skip]
mod generated;

pub mod lenient;
pub mod operation;
/// The spec's operations as data, their request types, and the facts the spec states once
/// (header names, body limits, documented defaults and ranges, servers). Generated.
#[allow(clippy::all)]
#[rustfmt::skip]
pub mod operations;
pub mod rules;

pub use generated::*;
