//! POSIX sh / bash: quotes, `$'…'`, expansions kept as env references, heredocs, pipes, redirections.
//!
//! The lexer turns the text into a flat [`Tok`] stream; `script::assemble` then builds the
//! commands, with [`builtins::Bash`] supplying the rules for `sudo`/`time` wrappers and for the
//! `echo`/`printf`/`cat` producers that feed a pipe.

mod builtins;
mod dollar;
pub(crate) mod escape;
mod heredoc;
mod printf;
mod word;

use super::cursor::{Cursor, is_blank, newline};
use super::script::{Op, Redirect, Tok, assemble};
use super::{Command, Stdin, Word};
use crate::diagnostic::{Diagnostic, Span};
use heredoc::Pending;
use nom::Parser;
use nom::branch::alt;
use nom::bytes::complete::{tag, take_till, take_while, take_while1};
use nom::character::complete::{char, digit1, one_of};
use nom::combinator::{not, recognize, value};
use nom::sequence::{pair, terminated};

/// Splits bash text into commands.
pub(crate) fn parse(src: &str, warnings: &mut Vec<Diagnostic>) -> Result<Vec<Command>, Diagnostic> {
    let mut lexer = Lexer::new(src, warnings);
    lexer.run()?;
    let toks = std::mem::take(&mut lexer.toks);
    Ok(assemble(toks, &builtins::Bash { src }, warnings))
}

/// A command separator: `&&`, `||`, `;`, `|`, `|&` or a trailing `&` (not `&>`, a redirection).
fn operator(i: &str) -> nom::IResult<&str, Op, super::cursor::PErr<'_>> {
    alt((
        value(Op::End, alt((tag("&&"), tag("||"), tag(";;"), tag(";")))),
        value(Op::Pipe, alt((tag("|&"), tag("|")))),
        value(Op::End, terminated(tag("&"), not(char('>')))),
    ))
    .parse(i)
}

/// How a backslash at the end of a line was written.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Continuation {
    /// Not a continuation.
    No,
    /// `\` then the newline: removed, the word goes on.
    Clean,
    /// `\`, spaces, then the newline: bash would end the command here; we warn and continue.
    TrailingBlanks,
}

/// The bash lexer state.
pub(super) struct Lexer<'a, 'w> {
    cur: Cursor<'a>,
    warnings: &'w mut Vec<Diagnostic>,
    toks: Vec<Tok>,
    /// Heredocs whose body starts after the current line.
    pending: Vec<Pending>,
    /// The next token is the first of a line (where a pasted prompt may sit).
    line_start: bool,
    /// A `$ ` prompt was stripped: continuation lines may carry the `> ` secondary prompt too.
    transcript: bool,
    /// For `'` and `"`: a position and how many of that quote follow it. Kept so the shifted
    /// quote check counts later quotes in linear time over the whole input.
    quotes_after: [Option<(usize, usize)>; 2],
}

impl<'a, 'w> Lexer<'a, 'w> {
    fn new(src: &'a str, warnings: &'w mut Vec<Diagnostic>) -> Lexer<'a, 'w> {
        Lexer {
            cur: Cursor::new(src),
            warnings,
            // About one token per 8 bytes of a typical command: grown rarely, not word by word.
            toks: Vec::with_capacity(src.len() / 8 + 4),
            pending: Vec::new(),
            line_start: true,
            transcript: false,
            quotes_after: [None, None],
        }
    }

    fn warn(&mut self, d: Diagnostic) {
        self.warnings.push(d);
    }

    fn run(&mut self) -> Result<(), Diagnostic> {
        loop {
            self.skip_blanks();
            if std::mem::take(&mut self.line_start) {
                self.strip_prompt();
                self.skip_blanks();
            }
            if self.cur.at_end() {
                break;
            }
            self.token()?;
        }
        match self.pending.first() {
            Some(p) => Err(p.unterminated()),
            None => Ok(()),
        }
    }

    /// One token: a comment, a newline, an operator, a redirection or a word.
    fn token(&mut self) -> Result<(), Diagnostic> {
        let start = self.cur.pos();
        if self.cur.looking_at("#") {
            self.cur.parse(take_till(|c| c == '\n'));
        } else if self.cur.parse(newline).is_some() {
            self.toks.push(Tok::Op(Op::End, self.cur.span_from(start)));
            self.read_heredocs()?;
            self.line_start = true;
        } else if let Some(op) = self.cur.parse(operator) {
            self.toks.push(Tok::Op(op, self.cur.span_from(start)));
        } else if self.redirection()? {
        } else if let Some(paren) = self.cur.parse(one_of("()")) {
            self.grouping(paren, start);
        } else if let Some(w) = self.word()? {
            self.toks.push(Tok::Word(w));
        } else {
            // Every character starts some token, but never loop forever.
            self.cur.bump();
        }
        Ok(())
    }

    /// Skips spaces, tabs, stray carriage returns and line continuations.
    fn skip_blanks(&mut self) {
        loop {
            if self.cur.parse(take_while1(is_blank)).is_some() {
                continue;
            }
            // A carriage return not followed by a newline: an editor artefact, treat as blank.
            if self.cur.looking_at("\r") && !self.cur.looking_at("\r\n") {
                self.cur.bump();
                continue;
            }
            if self.continuation() == Continuation::No {
                break;
            }
        }
    }

    /// Consumes a backslash-newline (clean or with trailing blanks, which is warned about).
    fn continuation(&mut self) -> Continuation {
        let start = self.cur.pos();
        if self.cur.parse((char('\\'), newline)).is_some() {
            self.after_continuation();
            return Continuation::Clean;
        }
        let mut probe = self.cur;
        if probe.parse((char('\\'), take_while1(is_blank))).is_none() {
            return Continuation::No;
        }
        let span = probe.span_from(start);
        // At the very end of the input it is just an escaped space, as in bash.
        if probe.parse(newline).is_none() {
            return Continuation::No;
        }
        self.cur = probe;
        self.warn(
            Diagnostic::warning("spaces after the line-continuation backslash")
                .with_span(span)
                .with_label("a `\\` followed by spaces does not continue the line")
                .with_help("bash would end the command here; it was read as a continuation — delete the spaces after `\\`"),
        );
        self.after_continuation();
        Continuation::TrailingBlanks
    }

    /// In a pasted terminal transcript, continuation lines start with the `> ` prompt.
    fn after_continuation(&mut self) {
        if self.transcript {
            self.cur.parse(pair(take_while(is_blank), tag("> ")));
        }
    }

    /// Strips a pasted prompt (`$ `, `% `, `> `) at the start of a line.
    fn strip_prompt(&mut self) {
        let Some(prompt) = self
            .cur
            .check(recognize(pair(one_of("$%>"), take_while1(is_blank))))
        else {
            return;
        };
        let line = self.cur.rest().get(prompt.len()..).unwrap_or("");
        if line.split('\n').next().unwrap_or("").trim().is_empty() {
            return;
        }
        self.cur.advance(prompt.len());
        if !prompt.starts_with('>') {
            self.transcript = true;
        }
    }

    /// `(` and `)` start and end a subshell; we flatten them into plain command boundaries.
    fn grouping(&mut self, paren: char, start: usize) {
        let span = self.cur.span_from(start);
        self.warn(
            Diagnostic::warning(format!("`{paren}` grouping is ignored"))
                .with_span(span)
                .with_label("subshell or group")
                .with_help("the commands inside are converted as if they were not grouped"),
        );
        self.toks.push(Tok::Op(Op::End, span));
    }

    /// A redirection with its target, if one starts here.
    fn redirection(&mut self) -> Result<bool, Diagnostic> {
        let start = self.cur.pos();
        // `<(…)` and `>(…)` are process substitutions: words, not redirections.
        if self.cur.looking_at("<(") || self.cur.looking_at(">(") {
            return Ok(false);
        }
        let ops = alt((
            tag("<<<"),
            tag("<<-"),
            tag("<<"),
            tag("<>"),
            tag("<&"),
            tag("<"),
            tag("&>>"),
            tag("&>"),
            tag(">>"),
            tag(">&"),
            tag(">|"),
            tag(">"),
        ));
        // An all-digit word glued to the operator is a file descriptor number (`2>`).
        let Some((_, op)) = self.cur.parse(pair(nom::combinator::opt(digit1), ops)) else {
            return Ok(false);
        };
        let op_span = self.cur.span_from(start);
        match op {
            "<<" | "<<-" => self.heredoc(op == "<<-", op_span)?,
            _ => {
                let target = self.redirect_target(op_span)?;
                let span = op_span.join(target.span);
                let tok = match op {
                    "<" | "<>" => Redirect::Input(Some(Stdin::File(target)), span),
                    "<<<" => Redirect::Input(self.here_string(target), span),
                    _ => Redirect::Output(span),
                };
                self.toks.push(Tok::Redirect(tok));
            }
        }
        Ok(true)
    }

    /// The word after a redirection operator.
    fn redirect_target(&mut self, op: Span) -> Result<Word, Diagnostic> {
        self.cur.parse(take_while(is_blank));
        match self.word()? {
            Some(w) => Ok(w),
            None => Err(Diagnostic::error("a redirection without a target")
                .with_span(op)
                .with_label("this needs a file name after it")
                .with_help("write the file name right after the operator, e.g. `< body.json`")),
        }
    }

    /// `<<< word`: the word and a newline.
    fn here_string(&mut self, word: Word) -> Option<Stdin> {
        match word.literal() {
            Some(mut bytes) => {
                bytes.push(b'\n');
                Some(Stdin::Bytes(bytes))
            }
            None => {
                // The program reads the variables when it runs, as bash expands them.
                let mut word = word;
                word.parts.push(crate::shell::WordPart::Lit(b"\n".to_vec()));
                Some(Stdin::Text(word))
            }
        }
    }
}
