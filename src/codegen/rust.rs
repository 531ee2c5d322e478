//! The rust view model: requests + policy → the values the `templates/rust/` template prints.

use super::Program;
use crate::diagnostic::Diagnostic;

/// Renders a complete rust program.
pub fn render(program: &Program, warnings: &mut Vec<Diagnostic>) -> String {
    let _ = (program, warnings);
    String::from("# not written yet\n")
}
