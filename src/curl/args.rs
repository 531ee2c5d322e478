//! argv → [`CurlArgs`]: long options and unambiguous prefixes, `--no-`, bundled short flags, attached values, `-K`.

use super::CurlArgs;
use crate::diagnostic::Diagnostic;
use crate::shell::Command;

/// Parses one shell command whose first word is `curl` (or `curl.exe`).
pub fn parse(cmd: &Command, warnings: &mut Vec<Diagnostic>) -> Result<CurlArgs, Diagnostic> {
    let _ = (cmd, warnings);
    Err(Diagnostic::error("the curl argument parser is not written yet"))
}
