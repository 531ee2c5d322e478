//! How a Windows program (curl.exe, built on the Microsoft C runtime) splits its command line
//! into argv: `\"` is a quote, backslashes double only before a quote, `""` inside quotes is a
//! quote. cmd.exe and PowerShell hand such a command line to curl.exe.

use super::script::WordBuilder;
use super::{Word, cursor::is_blank};
use crate::diagnostic::{Diagnostic, Span};

/// One character of a command line, with the input bytes it came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Elem {
    /// A character (after cmd's `^` processing, so its span may cover the caret too).
    Char(char, Span),
    /// `%NAME%`: opaque to the argv rules.
    Env(String, Span),
}

impl Elem {
    /// Where it came from.
    pub(crate) fn span(&self) -> Span {
        match self {
            Elem::Char(_, s) | Elem::Env(_, s) => *s,
        }
    }

    /// The character, if it is one.
    pub(crate) fn char(&self) -> Option<char> {
        match self {
            Elem::Char(c, _) => Some(*c),
            Elem::Env(..) => None,
        }
    }

    pub(crate) fn is(&self, c: char) -> bool {
        self.char() == Some(c)
    }
}

/// True for the argv separators (space and tab only: a newline is an ordinary character).
fn is_sep(e: &Elem) -> bool {
    e.char().is_some_and(is_blank)
}

/// Splits a command line into words. `program_first`: argv[0] follows the simpler
/// program-name rule (quotes toggle, backslashes are literal).
pub(crate) fn split(elems: &[Elem], program_first: bool) -> Result<Vec<Word>, Diagnostic> {
    let mut words = Vec::new();
    let mut i = 0;
    loop {
        while elems.get(i).is_some_and(is_sep) {
            i += 1;
        }
        if i >= elems.len() {
            return Ok(words);
        }
        let (word, next) = if words.is_empty() && program_first {
            program(elems, i)?
        } else {
            argument(elems, i)?
        };
        words.push(word);
        i = next.max(i + 1);
    }
}

fn word_span(elems: &[Elem], start: usize, end: usize) -> Span {
    let first = elems.get(start).map(Elem::span).unwrap_or_default();
    let last = end
        .checked_sub(1)
        .and_then(|j| elems.get(j))
        .map(Elem::span)
        .unwrap_or(first);
    first.join(last)
}

fn unclosed(open: Span) -> Diagnostic {
    Diagnostic::error("unterminated double-quoted string")
        .with_span(open)
        .with_label("this quote is never closed")
        .with_help("add the closing `\"`, or check that the command was pasted completely")
}

/// argv[0]: quotes toggle, no escapes.
fn program(elems: &[Elem], start: usize) -> Result<(Word, usize), Diagnostic> {
    let mut b = WordBuilder::default();
    let mut open: Option<Span> = None;
    let mut i = start;
    while let Some(e) = elems.get(i) {
        match e {
            Elem::Env(name, _) => b.env(name),
            Elem::Char('"', span) => {
                b.start();
                open = if open.is_some() { None } else { Some(*span) };
            }
            Elem::Char(c, _) if open.is_none() && is_blank(*c) => break,
            Elem::Char(c, _) => b.char(*c),
        }
        i += 1;
    }
    if let Some(open) = open {
        return Err(unclosed(open));
    }
    let span = word_span(elems, start, i);
    Ok((b.finish(span).unwrap_or_else(|| Word::lit("", span)), i))
}

/// Any other argument.
fn argument(elems: &[Elem], start: usize) -> Result<(Word, usize), Diagnostic> {
    let mut b = WordBuilder::default();
    b.start();
    let mut open: Option<Span> = None;
    let mut i = start;
    while let Some(e) = elems.get(i) {
        match e {
            Elem::Env(name, _) => {
                b.env(name);
                i += 1;
            }
            Elem::Char(c, _) if open.is_none() && is_blank(*c) => break,
            Elem::Char('\\', _) => i = backslashes(elems, i, &mut b),
            Elem::Char('"', span) => {
                if open.is_some() && elems.get(i + 1).is_some_and(|n| n.is('"')) {
                    // `""` inside quotes: a literal quote, still quoted.
                    b.char('"');
                    i += 2;
                } else {
                    open = if open.is_some() { None } else { Some(*span) };
                    i += 1;
                }
            }
            Elem::Char(c, _) => {
                b.char(*c);
                i += 1;
            }
        }
    }
    if let Some(open) = open {
        return Err(unclosed(open));
    }
    let span = word_span(elems, start, i);
    Ok((b.finish(span).unwrap_or_else(|| Word::lit("", span)), i))
}

/// A run of backslashes: halved and the quote escaped if a `"` follows, else literal.
/// Returns the index after what it consumed (a following quote that toggles is left).
fn backslashes(elems: &[Elem], start: usize, b: &mut WordBuilder) -> usize {
    let n = elems.iter().skip(start).take_while(|e| e.is('\\')).count();
    let after = start + n;
    if elems.get(after).is_some_and(|e| e.is('"')) {
        b.text(&"\\".repeat(n / 2));
        if n % 2 == 1 {
            b.char('"');
            return after + 1;
        }
        return after;
    }
    b.text(&"\\".repeat(n));
    after
}

/// Quotes one argument so that [`split`] gives it back (the standard algorithm every Windows
/// program uses to build a command line). Used by tests and by the PowerShell 5.1 emulation.
#[cfg(test)]
pub(crate) fn quote(arg: &str) -> String {
    if !arg.is_empty() && !arg.contains([' ', '\t', '"', '\n']) {
        return arg.to_string();
    }
    let mut out = String::from("\"");
    let mut pending = 0usize;
    for c in arg.chars() {
        match c {
            '\\' => pending += 1,
            '"' => {
                out.push_str(&"\\".repeat(pending * 2 + 1));
                out.push('"');
                pending = 0;
            }
            _ => {
                out.push_str(&"\\".repeat(pending));
                pending = 0;
                out.push(c);
            }
        }
    }
    out.push_str(&"\\".repeat(pending * 2));
    out.push('"');
    out
}
