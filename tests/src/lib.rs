//! Workspace-level tests live in `tests/tests/`. The README is included below so that its Rust
//! examples are compiled as doctests and cannot rot.
#![doc = include_str!("../../README.md")]
