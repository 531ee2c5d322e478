//! Code shared by the integration tests: fixtures, and (from the harness) the loopback servers.
#![allow(dead_code)]

pub mod fixture;
