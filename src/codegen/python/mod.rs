//! The python target (requests): the plan → a program. The default output is what an expert
//! would write (`idiomatic`); `--exact` is its mode that sends curl's bytes (`exact` writes
//! its URL and headers). Both share the code tree and imports (`syntax`) and the generator's
//! common pieces (`common`). The httpx flavours (`httpx`) map the same plan with the default
//! output's `main()` writer.

mod bases;
mod body;
mod common;
mod connect;
mod exact;
mod httpx;
mod idiomatic;
pub mod literal;
mod output;
mod policy_view;
mod proxying;
mod response;
mod syntax;
mod values;

use super::Program;
use crate::diagnostic::Diagnostic;

/// Renders a complete python program in the program's mode.
pub fn render(program: &Program, warnings: &mut Vec<Diagnostic>) -> String {
    // Without the `exact` feature codegen::render refuses Mode::Exact before it gets here;
    // with `exact-only` every program is --exact.
    let exact = program.mode == super::plan::Mode::Exact || cfg!(feature = "exact-only");
    idiomatic::render(program, httpx::Flavour::Requests, exact, warnings)
}

/// Renders the program in an httpx flavour: `Client`, or `AsyncClient` when `asynchronous`.
pub fn render_httpx(
    program: &Program,
    asynchronous: bool,
    warnings: &mut Vec<Diagnostic>,
) -> String {
    if cfg!(feature = "exact-only") {
        // Flavours have no --exact output: the CLI and the page refuse them up front.
        warnings.push(Diagnostic::error(super::ONLY_EXACT));
        return String::new();
    }
    let flavour = if asynchronous {
        httpx::Flavour::Async
    } else {
        httpx::Flavour::Httpx
    };
    idiomatic::render(program, flavour, false, warnings)
}

#[cfg(test)]
mod tests;
