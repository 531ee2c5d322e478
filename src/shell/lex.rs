//! The lexer proper (placeholder until the shell stage lands).

use super::{Dialect, Script};
use crate::diagnostic::Diagnostic;

/// Splits `src` into commands. `dialect` forces a shell; `None` detects it.
/// Warnings are pushed to `warnings`; the first hard error is returned.
pub fn tokenize(
    src: &str,
    dialect: Option<Dialect>,
    warnings: &mut Vec<Diagnostic>,
) -> Result<Script, Diagnostic> {
    let _ = (src, dialect, warnings);
    Err(Diagnostic::error("the shell lexer is not written yet"))
}
