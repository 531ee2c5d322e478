//! The default output.

use crate::codegen::Program;
use crate::diagnostic::Diagnostic;

/// Renders the idiomatic program.
pub(super) fn render(program: &Program, warnings: &mut Vec<Diagnostic>) -> String {
    super::exact::render(program, warnings)
}
