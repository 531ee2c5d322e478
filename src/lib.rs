//! curl2code turns a pasted curl command into a Python, JavaScript or Rust program that sends the
//! same request and survives a flaky gateway (retries with backoff and jitter, Retry-After,
//! deadlines and timeouts).
//!
//! The pipeline is one pure stage per module:
//! text → [`shell::tokenize`] → [`curl::parse`] → [`ir::lower()`] → [`codegen::render`].
//!
//! ```
//! use curl2code::{convert, Options, Target};
//! let out = convert("curl https://example.com/api", Target::Python, &Options::default()).unwrap();
//! assert!(out.code.contains("https://example.com/api"));
//! ```
#![deny(missing_docs)]

pub mod codegen;
pub mod curl;
pub mod diagnostic;
pub mod files;
pub mod ir;
pub mod pipeline;
pub mod policy;
pub mod report;
pub mod shell;
mod sort;
#[cfg(test)]
mod testing;
pub mod value;

pub use codegen::Target;
pub use diagnostic::{Diagnostic, Error, Severity, Span};
pub use ir::Request;
pub use policy::{Overrides, RetryPolicy};
pub use shell::Dialect;

/// Inputs larger than this are refused: nobody pastes a megabyte of curl, and it bounds the work.
pub use files::MAX_INPUT;
pub use pipeline::{Conversion, Options, Parsed, convert, parse, usage_problem};
