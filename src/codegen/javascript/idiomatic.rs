//! The default JavaScript program (stub while it is written).
use crate::codegen::Program;
use crate::diagnostic::Diagnostic;

pub(super) fn render(program: &Program, warnings: &mut Vec<Diagnostic>) -> String {
    super::exact::render(program, warnings)
}
