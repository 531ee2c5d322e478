//! Code shared by the integration tests: fixtures, and the machinery of the wire-fidelity and
//! fault-injection suites (loopback capture server, request comparison, child processes, the
//! shared generated-Rust project).
#![allow(dead_code)] // Each test binary uses a different part of it.

pub mod compare;
pub mod fixture;
pub mod multipart;
pub mod process;
pub mod programs;
pub mod rng;
pub mod rustbuild;
pub mod semantic;
pub mod server;
