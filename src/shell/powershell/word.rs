//! One PowerShell word: bare text, `'…'`, `"…"`, here-strings, backtick escapes and `$`.

use super::{Lexer, is_double, is_meta, is_single};
use crate::diagnostic::{Diagnostic, Span};
use crate::shell::Word;
use crate::shell::cursor::{is_blank, keyword, newline};
use crate::shell::script::{QueryScan, WordBuilder};
use nom::branch::alt;
use nom::bytes::complete::{tag, take_till, take_while, take_while_m_n, take_while1};
use nom::character::complete::{char, one_of};
use nom::combinator::{eof, map_opt, recognize};
use nom::sequence::{delimited, pair, preceded};

/// Characters that start a new segment of a bare word.
fn starts_segment(c: char) -> bool {
    is_meta(c) || is_single(c) || is_double(c) || c == '`' || c == '$'
}

/// Where a string body ends.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Body {
    /// `"…"`: ends at a lone double quote; `""` is a quote.
    Quoted,
    /// `@"…"@`: ends at a line starting with `"@`.
    Here,
    /// A bare word: ends at a blank or operator.
    Bare,
}

impl Lexer<'_, '_> {
    /// One word; `None` if nothing here starts a word.
    pub(super) fn word(&mut self) -> Result<Option<Word>, Diagnostic> {
        let start = self.cur.pos();
        let mut b = WordBuilder::default();
        if self.here_string(&mut b)? {
            return Ok(b.finish(self.cur.span_from(start)));
        }
        self.splat_check();
        let mut amp = None;
        let mut query = QueryScan::new(start);
        while let Some(c) = self.cur.peek() {
            match c {
                '&' if self.glued_amp(&mut query) => {
                    amp.get_or_insert(self.cur.next_span());
                    self.cur.bump();
                    b.char('&');
                }
                c if is_meta(c) => break,
                c if is_single(c) => self.single_quoted(&mut b)?,
                c if is_double(c) => {
                    let open = self.cur.next_span();
                    self.cur.bump();
                    b.start();
                    self.expandable(&mut b, Body::Quoted, open)?;
                }
                '`' | '$' => {
                    if !self.expandable(&mut b, Body::Bare, self.cur.next_span())? {
                        break;
                    }
                }
                _ => {
                    let run = self
                        .cur
                        .parse(take_while1(|c| !starts_segment(c)))
                        .unwrap_or("");
                    b.text(run);
                }
            }
        }
        let span = self.cur.span_from(start);
        if let Some(at) = amp {
            self.warn(
                Diagnostic::warning("unquoted `&` would end the command in a real shell; treated as part of the URL")
                    .with_span(at)
                    .with_label("PowerShell rejects a bare `&` here")
                    .with_help("quote the URL: 'https://…'"),
            );
        }
        Ok(b.finish(span))
    }

    fn glued_amp(&self, query: &mut QueryScan) -> bool {
        query.update(self.cur.src(), self.cur.pos())
            && self.cur.peek2().is_some_and(|c| !is_meta(c))
    }

    /// `@name` splats a variable in PowerShell: `-d @data.json` does not pass `@data.json`.
    fn splat_check(&mut self) {
        let splat = (
            char('@'),
            take_while1(|c: char| c.is_ascii_alphanumeric() || c == '_'),
        );
        let Some(raw) = self.cur.check(recognize(splat)) else {
            return;
        };
        let end = self
            .cur
            .rest()
            .find(|c: char| is_meta(c))
            .unwrap_or(self.cur.rest().len());
        let whole = self.cur.rest().get(..end).unwrap_or(raw);
        self.warn(
            Diagnostic::warning(format!("`{whole}` is splatting in PowerShell"))
                .with_span(Span::new(self.cur.pos(), self.cur.pos() + end))
                .with_label("PowerShell would pass the contents of a variable, not this text")
                .with_help(format!(
                    "quote it: '{whole}'; converted as the literal text"
                )),
        );
    }

    /// `'…'`: literal, `''` is one quote.
    fn single_quoted(&mut self, b: &mut WordBuilder) -> Result<(), Diagnostic> {
        let open = self.cur.next_span();
        self.cur.bump();
        b.start();
        loop {
            let run = self.cur.parse(take_till(is_single)).unwrap_or("");
            b.text(&run.replace("\r\n", "\n"));
            let Some(q) = self.cur.bump() else {
                return Err(unclosed("single-quoted string", open));
            };
            match self.cur.peek() {
                Some(c) if is_single(c) => {
                    self.cur.bump();
                    b.char(q);
                }
                _ => return Ok(()),
            }
        }
    }

    /// `@'…'@` and `@"…"@`: multi-line strings whose closing line starts with `'@` / `"@`.
    fn here_string(&mut self, b: &mut WordBuilder) -> Result<bool, Diagnostic> {
        let open = Span::new(self.cur.pos(), self.cur.pos() + 2);
        let Some(q) = self.cur.parse(delimited(
            char('@'),
            one_of("'\""),
            pair(take_while(is_blank), newline),
        )) else {
            return Ok(false);
        };
        b.start();
        if q == '"' {
            if !self.cur.eat("\"@") {
                self.expandable(b, Body::Here, open)?;
            }
            return Ok(true);
        }
        if self.cur.eat("'@") {
            return Ok(true);
        }
        let close = "\n'@";
        let body = self.cur.rest();
        let Some(end) = body.find(close) else {
            return Err(unclosed("here-string", open));
        };
        let text = body.get(..end).unwrap_or("");
        b.text(
            &text
                .strip_suffix('\r')
                .unwrap_or(text)
                .replace("\r\n", "\n"),
        );
        self.cur.advance(end + close.len());
        Ok(true)
    }

    /// The body of `"…"`, `@"…"@` or the expandable parts of a bare word: backtick escapes and
    /// `$` expansions. For a bare word, handles one segment and returns false at a word end.
    fn expandable(
        &mut self,
        b: &mut WordBuilder,
        body: Body,
        open: Span,
    ) -> Result<bool, Diagnostic> {
        loop {
            if body == Body::Here && self.cur.parse(pair(newline, tag("\"@"))).is_some() {
                return Ok(true);
            }
            let Some(c) = self.cur.peek() else {
                return match body {
                    Body::Bare => Ok(true),
                    Body::Quoted => Err(unclosed("double-quoted string", open)),
                    Body::Here => Err(unclosed("here-string", open)),
                };
            };
            match c {
                '`' => {
                    if body == Body::Bare && self.continuation_ahead() {
                        return Ok(false);
                    }
                    self.backtick(b);
                }
                '$' => self.dollar(b)?,
                c if body == Body::Quoted && is_double(c) => {
                    self.cur.bump();
                    match self.cur.peek() {
                        Some(q) if is_double(q) => {
                            self.cur.bump();
                            b.char(q);
                        }
                        _ => return Ok(true),
                    }
                }
                _ if body == Body::Bare => return Ok(true),
                _ => {
                    if self.cur.parse(newline).is_some() {
                        b.char('\n');
                    } else if let Some(run) = self.cur.parse(take_while1(|c: char| {
                        !(is_double(c) || "`$\r\n".contains(c))
                    })) {
                        b.text(run);
                    } else if let Some(c) = self.cur.bump() {
                        b.char(c);
                    }
                }
            }
            if body == Body::Bare {
                return Ok(true);
            }
        }
    }

    /// True if the backtick here ends the line (a continuation, handled as a blank).
    fn continuation_ahead(&self) -> bool {
        self.cur
            .check((char('`'), take_while(is_blank), alt((newline, eof))))
            .is_some()
    }

    /// `` `x ``: the PowerShell escapes.
    fn backtick(&mut self, b: &mut WordBuilder) {
        let start = self.cur.pos();
        self.cur.bump();
        let unicode = delimited(
            tag("u{"),
            map_opt(take_while_m_n(1, 6, |c: char| c.is_ascii_hexdigit()), |h| {
                u32::from_str_radix(h, 16).ok().and_then(char::from_u32)
            }),
            char('}'),
        );
        if let Some(c) = self.cur.parse(unicode) {
            b.char(c);
            return;
        }
        if self.cur.parse(newline).is_some() {
            b.char('\n');
            return;
        }
        let Some(c) = self.cur.bump() else {
            b.char('`');
            return;
        };
        let out = match c {
            '0' => {
                self.warn(
                    Diagnostic::warning(
                        "`0 (a NUL character) cannot be passed in an argument; dropped",
                    )
                    .with_span(self.cur.span_from(start))
                    .with_label("NUL")
                    .with_help("put binary data in a file and use `--data-binary @file`"),
                );
                return;
            }
            'a' => '\u{7}',
            'b' => '\u{8}',
            'e' => '\u{1b}',
            'f' => '\u{c}',
            'n' => '\n',
            'r' => '\r',
            't' => '\t',
            'v' => '\u{b}',
            other => other,
        };
        b.char(out);
    }

    /// `$env:NAME` and `${env:NAME}` are env references; other variables and `$(…)` stay literal.
    fn dollar(&mut self, b: &mut WordBuilder) -> Result<(), Diagnostic> {
        let start = self.cur.pos();
        let env = preceded(
            (char('$'), keyword("env:")),
            take_while1(|c: char| c.is_ascii_alphanumeric() || c == '_'),
        );
        if let Some(name) = self.cur.parse(env) {
            b.env(name);
            return Ok(());
        }
        if self.cur.looking_at("${") {
            return self.braced_variable(b);
        }
        if self.cur.looking_at("$(") {
            return self.subexpression(b);
        }
        let variable = recognize(pair(
            char('$'),
            take_while1(|c: char| c.is_ascii_alphanumeric() || "_:?".contains(c)),
        ));
        if let Some(raw) = self.cur.parse(variable) {
            b.text(raw);
            self.warn_variable(raw, start);
            return Ok(());
        }
        self.cur.bump();
        b.char('$');
        Ok(())
    }

    /// `${env:NAME}` is an env reference; any other `${…}` stays literal.
    fn braced_variable(&mut self, b: &mut WordBuilder) -> Result<(), Diagnostic> {
        let start = self.cur.pos();
        let Some(raw) = self
            .cur
            .parse(recognize((tag("${"), take_till(|c| c == '}'), char('}'))))
        else {
            return Err(Diagnostic::error("unterminated variable name")
                .with_span(Span::new(start, start + 2))
                .with_label("this `${` is never closed")
                .with_help("add the closing `}`"));
        };
        let inner = raw.get(2..raw.len() - 1).unwrap_or("");
        match keyword("env:")(inner) {
            Ok((name, _)) if !name.is_empty() => b.env(name),
            _ => {
                b.text(raw);
                self.warn_variable(raw, start);
            }
        }
        Ok(())
    }

    fn warn_variable(&mut self, raw: &str, start: usize) {
        self.warn(
            Diagnostic::warning(format!("the PowerShell variable `{raw}` is not expanded"))
                .with_span(self.cur.span_from(start))
                .with_label("kept as literal text")
                .with_help("use `$env:NAME` for values the generated program should read from the environment"),
        );
    }

    /// `$(…)`: kept as literal text, never run.
    fn subexpression(&mut self, b: &mut WordBuilder) -> Result<(), Diagnostic> {
        let start = self.cur.pos();
        self.cur.advance(2);
        let Some(len) = scan_parens(self.cur.rest()) else {
            return Err(Diagnostic::error("unterminated subexpression")
                .with_span(Span::new(start, start + 2))
                .with_label("this `$(` is never closed")
                .with_help("add the closing `)`"));
        };
        self.cur.advance(len);
        b.text(self.cur.since(start));
        self.warn(
            Diagnostic::warning("the subexpression is not run")
                .with_span(self.cur.span_from(start))
                .with_label("kept as literal text")
                .with_help("run it yourself and paste its value, or use `$env:NAME`"),
        );
        Ok(())
    }
}

/// Length up to and including the `)` that closes an already opened `(`; quotes and backtick
/// escapes are skipped. Iterative, so deep nesting cannot overflow the stack.
fn scan_parens(s: &str) -> Option<usize> {
    let mut depth = 1usize;
    let mut quote: Option<char> = None;
    let mut chars = s.char_indices();
    while let Some((i, c)) = chars.next() {
        match (quote, c) {
            (_, '`') => {
                chars.next();
            }
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '\'' | '"') => quote = Some(c),
            (None, '(') => depth += 1,
            (None, ')') => {
                depth -= 1;
                if depth == 0 {
                    return Some(i + 1);
                }
            }
            _ => {}
        }
    }
    None
}

fn unclosed(what: &str, open: Span) -> Diagnostic {
    Diagnostic::error(format!("unterminated {what}"))
        .with_span(open)
        .with_label("this quote is never closed")
        .with_help("add the closing quote, or check that the command was pasted completely")
}
