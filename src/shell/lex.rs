//! The entry point: checks the text is text, picks the dialect and runs its lexer.

use super::{Dialect, Script, bash, cmd, detect, powershell};
use crate::diagnostic::{Diagnostic, Span};

/// Splits `src` into commands. `dialect` forces a shell; `None` detects it.
/// Warnings are pushed to `warnings`; the first hard error is returned.
pub fn tokenize(
    src: &str,
    dialect: Option<Dialect>,
    warnings: &mut Vec<Diagnostic>,
) -> Result<Script, Diagnostic> {
    check_text(src)?;
    let forced = dialect.is_some();
    let dialect = dialect.unwrap_or_else(|| detect::detect(src));
    let mut own = Vec::new();
    match parse_as(dialect, src, &mut own) {
        Ok(commands) => {
            warnings.extend(own);
            Ok(Script { dialect, commands })
        }
        // Detection weighs marks, and a bash command full of quotes can look like cmd or
        // PowerShell; when the guess cannot even be read but bash can, bash was meant.
        Err(e) if !forced && dialect != Dialect::Bash => {
            let mut bash_warnings = Vec::new();
            match bash::parse(src, &mut bash_warnings) {
                Ok(commands) => {
                    warnings.extend(bash_warnings);
                    Ok(Script {
                        dialect: Dialect::Bash,
                        commands,
                    })
                }
                Err(_) => Err(e),
            }
        }
        Err(e) => Err(e),
    }
}

fn parse_as(
    dialect: Dialect,
    src: &str,
    warnings: &mut Vec<Diagnostic>,
) -> Result<Vec<super::Command>, Diagnostic> {
    match dialect {
        Dialect::Bash => bash::parse(src, warnings),
        Dialect::Cmd => cmd::parse(src, warnings),
        Dialect::PowerShell => powershell::parse(src, warnings),
    }
}

/// Refuses control characters other than tab, CR and LF: they mean a binary file was pasted.
fn check_text(src: &str) -> Result<(), Diagnostic> {
    // Bytes, not chars: a control character is ASCII, and no byte of a longer UTF-8 sequence
    // is one, so this finds the same one without decoding the text.
    let bad = src
        .bytes()
        .enumerate()
        .find(|&(_, c)| c.is_ascii_control() && !matches!(c, b'\t' | b'\r' | b'\n'));
    match bad {
        Some((at, c)) => {
            let line = src.get(..at).map_or(0, |s| s.matches('\n').count()) + 1;
            Err(Diagnostic::error(format!(
                "the input contains binary data (byte 0x{c:02X} at offset {at}, line {line})"
            ))
            .with_span(Span::new(at, at + 1))
            .with_label("a control character")
            .with_help("paste the command as plain text; put binary request bodies in a file and use `--data-binary @file`"))
        }
        None => Ok(()),
    }
}
