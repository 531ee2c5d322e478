//! Tests of the shell stage: one file per dialect, detection, and randomized round trips.

mod bash;
mod bash_commands;
mod cmd;
mod detect;
mod oracle;
mod powershell;
mod props;

use super::{Command, Dialect, Script, Stdin, Word, WordPart, tokenize};
use crate::diagnostic::{Diagnostic, Severity, Span};

/// Tokenizes with a forced dialect; panics (test only) on an error.
fn run(src: &str, dialect: Dialect) -> (Script, Vec<Diagnostic>) {
    let mut warnings = Vec::new();
    match tokenize(src, Some(dialect), &mut warnings) {
        Ok(script) => (script, warnings),
        Err(e) => panic!("unexpected error for {src:?}: {e:?}"),
    }
}

/// The error for `src`; panics (test only) if it tokenizes.
fn error(src: &str, dialect: Dialect) -> Diagnostic {
    let mut warnings = Vec::new();
    match tokenize(src, Some(dialect), &mut warnings) {
        Ok(script) => panic!("expected an error for {src:?}, got {script:?}"),
        Err(e) => {
            assert_eq!(e.severity, Severity::Error);
            assert!(
                e.label.is_some() && e.help.is_some(),
                "error without label/help: {e:?}"
            );
            e
        }
    }
}

/// Every command's words, env references shown as `$NAME`.
fn argvs(script: &Script) -> Vec<Vec<String>> {
    script.commands.iter().map(argv).collect()
}

fn argv(cmd: &Command) -> Vec<String> {
    cmd.words.iter().map(Word::display).collect()
}

/// The words of a single-command bash input.
fn bash(src: &str) -> Vec<String> {
    let (script, _) = run(src, Dialect::Bash);
    assert_eq!(
        script.commands.len(),
        1,
        "expected one command in {src:?}: {script:?}"
    );
    argv(&script.commands[0])
}

/// Warning messages.
fn messages(warnings: &[Diagnostic]) -> Vec<String> {
    warnings.iter().map(|w| w.message.clone()).collect()
}

/// The text a span points at.
fn at(src: &str, span: Span) -> &str {
    &src[span.start..span.end]
}

/// The bytes of a single-literal word.
fn bytes(word: &Word) -> Vec<u8> {
    word.literal().expect("a literal word")
}

/// Asserts every warning has a span, a label and a help text.
fn well_formed(warnings: &[Diagnostic]) {
    for w in warnings {
        assert_eq!(w.severity, Severity::Warning);
        assert!(
            w.span.is_some() && w.label.is_some() && w.help.is_some(),
            "incomplete warning: {w:?}"
        );
    }
}
