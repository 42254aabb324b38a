#![doc = include_str!("../README.md")]

#[allow(missing_docs, clippy::all)]
#[rustfmt::skip]
mod generated;

pub mod rules;

pub use generated::*;
