//! Shared test machinery for the wire-fidelity and fault-injection suites: the loopback capture
//! server, request comparison, fixtures, child processes and the shared generated-Rust project.
#![allow(dead_code)] // Each test binary uses a different part of it.

pub mod compare;
pub mod fixture;
pub mod multipart;
pub mod process;
pub mod programs;
pub mod rustbuild;
pub mod server;
