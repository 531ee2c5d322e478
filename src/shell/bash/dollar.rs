//! `$` in bash: `$NAME` and `${NAME}` become env references; `$'…'` is decoded; command
//! substitutions and special parameters stay literal with a warning (nothing is ever run).

use super::Lexer;
use super::escape::{Flavor, decode};
use super::word::unclosed;
use crate::diagnostic::{Diagnostic, Span};
use crate::shell::script::WordBuilder;
use nom::Parser;
use nom::bytes::complete::take_while;
use nom::character::complete::satisfy;
use nom::combinator::{all_consuming, recognize};
use nom::sequence::pair;

/// A shell variable name: `[A-Za-z_][A-Za-z0-9_]*`.
pub(crate) fn name(i: &str) -> nom::IResult<&str, &str, crate::shell::cursor::PErr<'_>> {
    recognize(pair(
        satisfy(|c: char| c.is_ascii_alphabetic() || c == '_'),
        take_while(|c: char| c.is_ascii_alphanumeric() || c == '_'),
    ))
    .parse(i)
}

/// What a nested construct is waiting for while we look for its end.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Nest {
    /// `$(` or `(`: ends at `)`.
    Paren,
    /// `${`: ends at `}`.
    Brace,
    /// `$[` (old arithmetic): ends at `]`.
    Bracket,
    /// `"`.
    Double,
    /// `'`.
    Single,
    /// `` ` ``.
    Backtick,
}

/// The diagnostics of one kind of construct that curl2code keeps literally instead of running.
struct Unrun {
    /// Bytes of its opener (`$(` is 2).
    open: usize,
    /// What closes it.
    nest: Nest,
    /// Error message, label and help when it is never closed.
    unclosed: (&'static str, &'static str, &'static str),
    /// Warning message and help for keeping it as text.
    kept: (&'static str, &'static str),
}

/// `$((…))` and `$[…]` are both arithmetic: one warning for both.
const ARITHMETIC_KEPT: (&str, &str) = (
    "arithmetic expansion is not evaluated",
    "replace it with the number you mean",
);

/// Length of `s` up to and including the delimiter closing `open`, or `None` if it never closes.
/// An explicit stack instead of recursion: 10 000 nested `$(` must not overflow anything.
fn scan_nested(s: &str, open: Nest) -> Option<usize> {
    let bytes = s.as_bytes();
    let mut stack = vec![open];
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let next = bytes.get(i + 1).copied();
        let top = *stack.last()?;
        let mut step = 1;
        // `$(` and `${` open a nest in double quotes and in other nests alike.
        let dollar = match (b, next) {
            (b'$', Some(b'(')) => Some(Nest::Paren),
            (b'$', Some(b'{')) => Some(Nest::Brace),
            _ => None,
        };
        match top {
            Nest::Single => {
                if b == b'\'' {
                    stack.pop();
                }
            }
            Nest::Backtick => match b {
                b'\\' => step = 2,
                b'`' => {
                    stack.pop();
                }
                _ => {}
            },
            Nest::Double => match b {
                b'\\' => step = 2,
                b'"' => {
                    stack.pop();
                }
                b'`' => stack.push(Nest::Backtick),
                _ if dollar.is_some() => {
                    stack.extend(dollar);
                    step = 2;
                }
                _ => {}
            },
            Nest::Paren | Nest::Brace | Nest::Bracket => match b {
                b'\\' => step = 2,
                b'\'' => stack.push(Nest::Single),
                b'"' => stack.push(Nest::Double),
                b'`' => stack.push(Nest::Backtick),
                _ if dollar.is_some() => {
                    stack.extend(dollar);
                    step = 2;
                }
                b'(' if top == Nest::Paren => stack.push(Nest::Paren),
                b')' if top == Nest::Paren => {
                    stack.pop();
                }
                b'}' if top == Nest::Brace => {
                    stack.pop();
                }
                b'[' if top == Nest::Bracket => stack.push(Nest::Bracket),
                b']' if top == Nest::Bracket => {
                    stack.pop();
                }
                _ => {}
            },
        }
        i += step;
        if stack.is_empty() {
            return Some(i.min(bytes.len()));
        }
    }
    None
}

/// Operators that may follow the name in `${NAME…}`.
const PARAM_OPS: &[&str] = &[
    ":-", ":=", ":?", ":+", "-", "=", "?", "+", "##", "#", "%%", "%", "//", "/", "^^", "^", ",,",
    ",", ":", "@",
];

impl Lexer<'_, '_> {
    /// A `$` (the cursor is on it). `in_dq`: inside double quotes, where `$'` and `$"` are literal.
    pub(super) fn dollar(&mut self, b: &mut WordBuilder, in_dq: bool) -> Result<(), Diagnostic> {
        let start = self.cur.pos();
        match self.cur.peek2() {
            Some('\'') if !in_dq => self.ansi_c(b),
            Some('"') if !in_dq => {
                // `$"…"` is a translatable string: without a message catalogue it is "…".
                self.cur.bump();
                self.double_quoted(b)
            }
            Some('(') => self.command_subst(b),
            Some('[') => self.old_arithmetic(b),
            Some('{') => self.braced(b),
            Some(c) if c.is_ascii_alphabetic() || c == '_' => {
                self.cur.bump();
                let n = self.cur.parse(name).unwrap_or("");
                b.env(n);
                Ok(())
            }
            Some(c) if c.is_ascii_digit() || "@*#?$!-".contains(c) => {
                self.cur.bump();
                self.cur.bump();
                let raw = self.cur.since(start);
                b.text(raw);
                self.warn(
                    Diagnostic::warning(format!("the special parameter `{raw}` is not expanded"))
                        .with_span(self.cur.span_from(start))
                        .with_label("kept as literal text")
                        .with_help("replace it with the value you mean"),
                );
                Ok(())
            }
            _ => {
                // A lone `$` is literal.
                self.cur.bump();
                b.char('$');
                Ok(())
            }
        }
    }

    /// `$'…'`: ANSI-C quoting, decoded to raw bytes.
    fn ansi_c(&mut self, b: &mut WordBuilder) -> Result<(), Diagnostic> {
        let open = Span::new(self.cur.pos(), self.cur.pos() + 2);
        self.cur.advance(2);
        let body_start = self.cur.pos();
        let rest = self.cur.rest();
        let mut len = None;
        let mut chars = rest.char_indices();
        while let Some((i, c)) = chars.next() {
            match c {
                '\\' => {
                    chars.next();
                }
                '\'' => {
                    len = Some(i);
                    break;
                }
                _ => {}
            }
        }
        let Some(len) = len else {
            return Err(unclosed("`$'…'` string", open, "`'`"));
        };
        let body = rest.get(..len).unwrap_or("");
        self.cur.advance(len + 1);
        let decoded = decode(&body.replace("\r\n", "\n"), Flavor::AnsiC);
        b.start();
        b.bytes(&decoded.bytes);
        if std::str::from_utf8(&decoded.bytes).is_err() && has_high_hex_escape(body) {
            self.warn(
                Diagnostic::warning("this `$'…'` string is not valid UTF-8: a `\\xHH` escape above `\\x7f` is one raw byte")
                    .with_span(Span::new(open.start, self.cur.pos()))
                    .with_label("sent as these exact bytes")
                    .with_help("Firefox writes characters U+0080–U+00FF this way (`\\xe9` for é); bash sends the single byte, so the generated code does too"),
            );
        }
        for issue in decoded.issues {
            let at = body_start + issue.at;
            self.warn(
                Diagnostic::warning(issue.message)
                    .with_span(Span::new(at, at + issue.len))
                    .with_label("in this `$'…'` string")
                    .with_help(issue.help),
            );
        }
        Ok(())
    }

    /// `<(…)` and `>(…)`: process substitutions, kept as literal text, never run.
    pub(super) fn process_subst(&mut self, b: &mut WordBuilder) -> Result<(), Diagnostic> {
        self.keep_unrun(
            b,
            &Unrun {
                open: 2,
                nest: Nest::Paren,
                unclosed: (
                    "unterminated process substitution",
                    "this `(` is never closed",
                    "add the closing `)`, or check that the command was pasted completely",
                ),
                kept: (
                    "process substitution is not run",
                    "save the command's output to a file and pass the file instead",
                ),
            },
        )
    }

    /// `$(…)` and `$((…))`: kept as literal text, never run.
    fn command_subst(&mut self, b: &mut WordBuilder) -> Result<(), Diagnostic> {
        let kept = if self.cur.looking_at("$((") {
            ARITHMETIC_KEPT
        } else {
            (
                "command substitution is not run",
                "run the command yourself and paste its output, or use an environment variable ($NAME)",
            )
        };
        self.keep_unrun(
            b,
            &Unrun {
                open: 2,
                nest: Nest::Paren,
                unclosed: (
                    "unterminated command substitution",
                    "this `$(` is never closed",
                    "add the closing `)`, or check that the command was pasted completely",
                ),
                kept,
            },
        )
    }

    /// `$[…]`: bash's old arithmetic syntax, kept as literal text.
    fn old_arithmetic(&mut self, b: &mut WordBuilder) -> Result<(), Diagnostic> {
        self.keep_unrun(
            b,
            &Unrun {
                open: 2,
                nest: Nest::Bracket,
                unclosed: (
                    "unterminated arithmetic expansion",
                    "this `$[` is never closed",
                    "add the closing `]`",
                ),
                kept: ARITHMETIC_KEPT,
            },
        )
    }

    /// `` `…` ``: an old-style command substitution, kept as literal text.
    pub(super) fn backtick(&mut self, b: &mut WordBuilder) -> Result<(), Diagnostic> {
        self.keep_unrun(
            b,
            &Unrun {
                open: 1,
                nest: Nest::Backtick,
                unclosed: (
                    "unterminated command substitution",
                    "this backtick is never closed",
                    "add the closing backtick, or check that the command was pasted completely",
                ),
                kept: (
                    "command substitution is not run",
                    "run the command yourself and paste its output, or use an environment variable ($NAME)",
                ),
            },
        )
    }

    /// Skips a construct the shell would run (its opener is at the cursor), keeps its source text
    /// as literal bytes of the word, and warns that it was not run.
    fn keep_unrun(&mut self, b: &mut WordBuilder, what: &Unrun) -> Result<(), Diagnostic> {
        let start = self.cur.pos();
        self.cur.advance(what.open);
        let Some(len) = scan_nested(self.cur.rest(), what.nest) else {
            let (message, label, help) = what.unclosed;
            return Err(Diagnostic::error(message)
                .with_span(Span::new(start, start + what.open))
                .with_label(label)
                .with_help(help));
        };
        self.cur.advance(len);
        b.text(self.cur.since(start));
        let (message, help) = what.kept;
        self.warn(
            Diagnostic::warning(message)
                .with_span(self.cur.span_from(start))
                .with_label("kept as literal text")
                .with_help(help),
        );
        Ok(())
    }

    /// `${…}`: `${NAME}` is an env reference; `${NAME:-x}` and friends keep `NAME` with a warning.
    fn braced(&mut self, b: &mut WordBuilder) -> Result<(), Diagnostic> {
        let start = self.cur.pos();
        self.cur.advance(2);
        let Some(len) = scan_nested(self.cur.rest(), Nest::Brace) else {
            return Err(Diagnostic::error("unterminated parameter expansion")
                .with_span(Span::new(start, start + 2))
                .with_label("this `${` is never closed")
                .with_help("add the closing `}`"));
        };
        let inner = self.cur.rest().get(..len.saturating_sub(1)).unwrap_or("");
        self.cur.advance(len);
        let span = self.cur.span_from(start);
        if let Ok((_, n)) = all_consuming(name).parse(inner) {
            b.env(n);
            return Ok(());
        }
        if let Ok((after, n)) = name(inner) {
            if PARAM_OPS.iter().any(|op| after.starts_with(op)) {
                b.env(n);
                self.warn(
                    Diagnostic::warning(format!(
                        "the expansion `${{{inner}}}` is not evaluated; read as `${n}`"
                    ))
                    .with_span(span)
                    .with_label("only the variable is kept")
                    .with_help(format!(
                        "the generated code reads ${n} from the environment at run time"
                    )),
                );
                return Ok(());
            }
        }
        b.text(self.cur.since(start));
        self.warn(
            Diagnostic::warning("this parameter expansion is not supported")
                .with_span(span)
                .with_label("kept as literal text")
                .with_help("replace it with the value you mean"),
        );
        Ok(())
    }
}

/// True if `s` holds something bash would expand (`$NAME`, `${`, `$(`, a backtick).
pub(super) fn has_expansion(s: &str) -> bool {
    s.contains('`')
        || s.match_indices('$').any(|(i, _)| {
            s.get(i + 1..)
                .and_then(|after| after.chars().next())
                .is_some_and(|c| c.is_ascii_alphanumeric() || "_{(@*#?$!-".contains(c))
        })
}

/// True if `body` has a `\\xHH` escape for a byte above 0x7F (`\\x80`–`\\xff`).
fn has_high_hex_escape(body: &str) -> bool {
    body.match_indices("\\x").any(|(i, _)| {
        body.get(i + 2..)
            .and_then(|h| h.chars().next())
            .is_some_and(|c| matches!(c, '8'..='9' | 'a'..='f' | 'A'..='F'))
    })
}
