//! Windows cmd.exe ("Copy as cURL (cmd)"): `%VAR%`, then `^` escapes and `"` quoting decide what
//! is an operator and build the command line, which curl.exe splits with the C runtime rules.
//!
//! Chrome writes every argument as `^"…^"` with every special character caret-escaped (a
//! quote in the value becomes `^\^"`, i.e. `\"` for the C runtime) and a newline in a value as
//! `^` + two newlines. Older Chrome versions used plain `"…"` around the same caret escapes,
//! which real cmd.exe mangles; that form is recognised and read as Chrome meant it.

use super::cursor::{Cursor, is_blank, keyword};
use super::msvcrt::{Elem, split};
use super::script::{Element, Feed, Op, Redirect, Shell, Tok, assemble};
use super::{Command, Stdin, Word};
use crate::diagnostic::{Diagnostic, Span};
use nom::Parser;
use nom::branch::alt;
use nom::bytes::complete::{tag, take_while, take_while1};
use nom::character::complete::{char, satisfy};
use nom::combinator::{eof, recognize, verify};
use nom::sequence::{delimited, pair, terminated};

/// Splits cmd.exe text into commands.
pub(crate) fn parse(src: &str, warnings: &mut Vec<Diagnostic>) -> Result<Vec<Command>, Diagnostic> {
    let elems = percent(src, 0);
    let legacy = legacy_chrome(&elems);
    if let Some(span) = legacy {
        warnings.push(
            Diagnostic::warning("old Chrome \"Copy as cURL (cmd)\" quoting: `^` escapes inside double quotes were decoded")
                .with_span(span)
                .with_label("real cmd.exe keeps these carets and mangles the arguments")
                .with_help("newer Chrome versions write `^\"…^\"`, which cmd.exe reads correctly"),
        );
    }
    let mut lexer = Lexer {
        elems: &elems,
        i: 0,
        legacy: legacy.is_some(),
        chrome: legacy.is_some() || src.contains("^\""),
        query: (0, false),
        seg: Vec::new(),
        toks: Vec::new(),
        warnings,
    };
    lexer.run()?;
    let toks = std::mem::take(&mut lexer.toks);
    Ok(assemble(toks, &CmdShell, warnings))
}

/// A cmd variable name; two hex digits are left alone because `%E2%80%99` in a URL is
/// percent-encoding, not a variable (cmd leaves undefined names as they are).
fn var_name(i: &str) -> nom::IResult<&str, &str, super::cursor::PErr<'_>> {
    verify(
        recognize(pair(
            satisfy(|c: char| c.is_ascii_alphabetic() || c == '_'),
            take_while(|c: char| c.is_ascii_alphanumeric() || "_()".contains(c)),
        )),
        |n: &str| !(n.len() == 2 && n.chars().all(|c| c.is_ascii_hexdigit())),
    )
    .parse(i)
}

/// cmd's first phase on `src` (whose first byte is at offset `base`): `%NAME%` becomes an env
/// reference and carriage returns disappear, as cmd.exe drops them.
pub(crate) fn percent(src: &str, base: usize) -> Vec<Elem> {
    let mut cur = Cursor::new(src);
    let mut out = Vec::with_capacity(src.len());
    while let Some(c) = cur.peek() {
        let start = cur.pos();
        if let Some(name) = cur.parse(delimited(char('%'), var_name, char('%'))) {
            out.push(Elem::Env(
                name.to_string(),
                Span::new(base + start, base + cur.pos()),
            ));
            continue;
        }
        cur.bump();
        if c != '\r' {
            out.push(Elem::Char(c, Span::new(base + start, base + cur.pos())));
        }
    }
    out
}

/// Where a double-quoted region holds a caret before `"`, `\`, `{`, `}`, `%` or `^`: Chrome's
/// escapes, which only make sense with carets read as escapes inside quotes (old Chrome
/// output). A person rarely puts a caret before those characters inside quotes.
fn legacy_chrome(elems: &[Elem]) -> Option<Span> {
    let mut quoted = false;
    let mut i = 0;
    while let Some(e) = elems.get(i) {
        let next = elems.get(i + 1);
        match (quoted, e.char()) {
            (false, Some('^')) => i += 1,
            (false, Some('"')) => quoted = true,
            (true, Some('"' | '\n')) => quoted = false,
            (true, Some('^'))
                if next
                    .and_then(Elem::char)
                    .is_some_and(|c| "\"\\{}%^".contains(c)) =>
            {
                return Some(e.span().join(next.map_or(e.span(), Elem::span)));
            }
            _ => {}
        }
        i += 1;
    }
    None
}

/// cmd's second phase: carets, quotes and operators.
struct Lexer<'e, 'w> {
    elems: &'e [Elem],
    i: usize,
    legacy: bool,
    /// The text looks like Chrome's output (its backslash doubling deserves a warning).
    chrome: bool,
    /// How far `seg` was scanned for a URL query, and whether the current word has one.
    query: (usize, bool),
    /// The current command's characters.
    seg: Vec<Elem>,
    toks: Vec<Tok>,
    warnings: &'w mut Vec<Diagnostic>,
}

impl Lexer<'_, '_> {
    fn peek(&self) -> Option<char> {
        self.elems.get(self.i).and_then(Elem::char)
    }

    fn peek_at(&self, n: usize) -> Option<char> {
        self.elems.get(self.i + n).and_then(Elem::char)
    }

    fn span(&self) -> Span {
        self.elems.get(self.i).map(Elem::span).unwrap_or_default()
    }

    fn run(&mut self) -> Result<(), Diagnostic> {
        self.line_start();
        let mut quoted = false;
        while let Some(e) = self.elems.get(self.i).cloned() {
            let Elem::Char(c, span) = e else {
                self.seg.push(e);
                self.i += 1;
                continue;
            };
            if quoted {
                quoted = self.quoted_char(c, span)?;
                continue;
            }
            match c {
                '^' => self.caret(),
                '"' => {
                    quoted = true;
                    self.push_here();
                }
                '\n' => {
                    self.i += 1;
                    self.end(Op::End, span)?;
                    self.line_start();
                }
                '&' | '|' => self.operator(c, span)?,
                '<' | '>' => self.redirect(c)?,
                _ => self.push_here(),
            }
        }
        self.end(Op::End, Span::default())
    }

    /// One character inside double quotes; returns whether we are still inside.
    fn quoted_char(&mut self, c: char, span: Span) -> Result<bool, Diagnostic> {
        match c {
            '"' => {
                self.push_here();
                Ok(false)
            }
            '\n' => {
                // cmd ends the quote with the line; the C runtime will report it if it matters.
                self.i += 1;
                self.end(Op::End, span)?;
                self.line_start();
                Ok(false)
            }
            '^' if self.legacy => {
                self.escaped();
                Ok(true)
            }
            _ => {
                self.push_here();
                Ok(true)
            }
        }
    }

    fn push_here(&mut self) {
        if let Some(e) = self.elems.get(self.i) {
            self.seg.push(e.clone());
        }
        self.i += 1;
    }

    /// `^x` (outside quotes): x loses any special meaning; `^` + newline continues the line
    /// and escapes the first character of the next one (Chrome's `^` + two newlines is a
    /// literal newline).
    fn caret(&mut self) {
        let caret = self.span();
        if self.peek_at(1) == Some('\n') {
            self.i += 2;
            self.escaped_from(caret);
            return;
        }
        let blanks = self
            .elems
            .iter()
            .skip(self.i + 1)
            .take_while(|e| e.char().is_some_and(is_blank))
            .count();
        if blanks > 0
            && matches!(
                self.elems.get(self.i + 1 + blanks).and_then(Elem::char),
                Some('\n')
            )
        {
            let end = self
                .elems
                .get(self.i + blanks)
                .map(Elem::span)
                .unwrap_or(caret);
            self.warnings.push(
                Diagnostic::warning("spaces after the line-continuation caret")
                    .with_span(caret.join(end))
                    .with_label("a `^` followed by spaces does not continue the line")
                    .with_help("cmd.exe would end the command here; it was read as a continuation — delete the spaces after `^`"),
            );
            self.i += blanks + 2;
            self.escaped_from(caret);
            return;
        }
        self.escaped();
    }

    /// The caret is at `i`: takes the next character literally.
    fn escaped(&mut self) {
        let caret = self.span();
        self.i += 1;
        self.escaped_from(caret);
    }

    fn escaped_from(&mut self, caret: Span) {
        match self.elems.get(self.i).cloned() {
            Some(Elem::Char(c, span)) => {
                self.seg.push(Elem::Char(c, caret.join(span)));
                self.i += 1;
            }
            Some(env @ Elem::Env(..)) => {
                self.seg.push(env);
                self.i += 1;
            }
            None => {}
        }
    }

    /// `&`, `&&`, `|`, `||` outside quotes.
    fn operator(&mut self, c: char, span: Span) -> Result<(), Diagnostic> {
        if self.peek_at(1) == Some(c) {
            let end = self.elems.get(self.i + 1).map(Elem::span).unwrap_or(span);
            self.i += 2;
            return self.end(Op::End, span.join(end));
        }
        if c == '&' && self.glued_amp() {
            self.warn_glued_amp(span);
            self.push_here();
            return Ok(());
        }
        self.i += 1;
        self.end(if c == '|' { Op::Pipe } else { Op::End }, span)
    }

    /// `&` inside what is clearly a URL (`?a=1&b=2`).
    fn glued_amp(&mut self) -> bool {
        let (from, mut found) = self.query;
        for e in self.seg.iter().skip(from) {
            match e.char() {
                Some(c) if is_blank(c) => found = false,
                Some('?' | '=') => found = true,
                _ => {}
            }
        }
        self.query = (self.seg.len(), found);
        let next_ok = self
            .peek_at(1)
            .is_some_and(|n| !is_blank(n) && !"&|<>\n".contains(n));
        next_ok && found
    }

    fn warn_glued_amp(&mut self, span: Span) {
        self.warnings.push(
            Diagnostic::warning(
                "unquoted `&` would end the command in a real shell; treated as part of the URL",
            )
            .with_span(span)
            .with_label("cmd.exe would run the rest of this word as a separate command")
            .with_help("quote the URL: \"https://…\" (or escape it as `^&`)"),
        );
    }

    /// `<`, `>`, `>>`, `2>`, `2>&1`.
    fn redirect(&mut self, c: char) -> Result<(), Diagnostic> {
        let mut op = self.span();
        // A lone digit right before the operator is the handle number (`2>`).
        let last = self.seg.len().checked_sub(1);
        let digit = last
            .and_then(|l| self.seg.get(l))
            .and_then(Elem::char)
            .is_some_and(|d| d.is_ascii_digit());
        let before = last
            .and_then(|l| l.checked_sub(1))
            .is_none_or(|b| self.seg.get(b).and_then(Elem::char).is_some_and(is_blank));
        if digit && before {
            op = self.seg.pop().map(|e| e.span()).unwrap_or(op).join(op);
        }
        self.i += 1;
        if self.peek() == Some(c) {
            op = op.join(self.span());
            self.i += 1;
        }
        if self.peek() == Some('&') && self.peek_at(1).is_some_and(|d| d.is_ascii_digit()) {
            op = op.join(self.elems.get(self.i + 1).map(Elem::span).unwrap_or(op));
            self.i += 2;
            self.toks.push(Tok::Redirect(Redirect::Output(op)));
            return Ok(());
        }
        let target = self.target(op)?;
        let span = op.join(target.span);
        let tok = if c == '<' {
            Redirect::Input(Some(Stdin::File(target)), span)
        } else {
            Redirect::Output(span)
        };
        self.toks.push(Tok::Redirect(tok));
        Ok(())
    }

    /// The file name after a redirection: up to a blank or operator outside quotes.
    fn target(&mut self, op: Span) -> Result<Word, Diagnostic> {
        while self.peek().is_some_and(is_blank) {
            self.i += 1;
        }
        let mut chars = Vec::new();
        let mut quoted = false;
        while let Some(e) = self.elems.get(self.i).cloned() {
            match e.char() {
                Some('"') => quoted = !quoted,
                Some('^') if !quoted => {
                    let caret = e.span();
                    self.i += 1;
                    if let Some(Elem::Char(c, s)) = self.elems.get(self.i).cloned() {
                        chars.push(Elem::Char(c, caret.join(s)));
                        self.i += 1;
                    }
                    continue;
                }
                Some(c) if !quoted && (is_blank(c) || "&|<>\n".contains(c)) => break,
                Some('\n') => break,
                _ => {}
            }
            chars.push(e);
            self.i += 1;
        }
        match split(&chars, false)?.into_iter().next() {
            Some(w) => Ok(w),
            None => Err(Diagnostic::error("a redirection without a target")
                .with_span(op)
                .with_label("this needs a file name after it")
                .with_help("write the file name right after the operator, e.g. `< body.json`")),
        }
    }

    /// The current command is complete: splits it into words.
    fn end(&mut self, op: Op, span: Span) -> Result<(), Diagnostic> {
        let seg = std::mem::take(&mut self.seg);
        self.query = (0, false);
        let words = split(&seg, true)?;
        if words
            .first()
            .and_then(Word::literal)
            .is_some_and(|p| p.eq_ignore_ascii_case(b"echo"))
        {
            if let Some(text) = echo_text(&seg) {
                self.toks.push(Tok::Verbatim(text));
            }
        }
        for w in words {
            if self.chrome
                && w.literal()
                    .is_some_and(|l| l.windows(2).any(|p| p == b"\\\\"))
            {
                self.warnings.push(
                    Diagnostic::warning("curl.exe receives both backslashes of each `\\\\` in this argument")
                        .with_span(w.span)
                        .with_label("Chrome's \"Copy as cURL (cmd)\" doubles every backslash, so the browser sent one")
                        .with_help("converted as curl.exe would run it; use \"Copy as cURL (bash)\" for an exact copy"),
                );
            }
            self.toks.push(Tok::Word(w));
        }
        self.toks.push(Tok::Op(op, span));
        Ok(())
    }

    /// At the start of a line: skips blanks, `@`, a pasted `C:\dir>` prompt and `rem`/`::` comments.
    fn line_start(&mut self) {
        while self.peek().is_some_and(is_blank) {
            self.i += 1;
        }
        let line: String = self
            .elems
            .iter()
            .skip(self.i)
            .map_while(Elem::char)
            .take_while(|c| *c != '\n')
            .collect();
        if comment_line(&line).is_ok() {
            self.i += self
                .elems
                .iter()
                .skip(self.i)
                .take_while(|e| !e.is('\n'))
                .count();
            return;
        }
        self.i += prompt_len(&line);
        if self.peek() == Some('@') {
            self.i += 1;
        }
    }
}

/// `rem …` or `:: …`.
fn comment_line(line: &str) -> nom::IResult<&str, &str, super::cursor::PErr<'_>> {
    alt((
        tag("::"),
        terminated(keyword("rem"), alt((eof, take_while1(is_blank)))),
    ))
    .parse(line)
}

/// Length in characters of a `C:\Users\me>` prompt at the start of `line`, if there is one
/// followed by a command.
fn prompt_len(line: &str) -> usize {
    let mut prompt = recognize((
        satisfy(|c: char| c.is_ascii_alphabetic()),
        tag(":\\"),
        take_while(|c: char| !"<>|\"\n".contains(c)),
        terminated(char('>'), take_while(is_blank)),
    ));
    let parsed: nom::IResult<&str, &str, super::cursor::PErr<'_>> = prompt.parse(line);
    match parsed {
        Ok((rest, p)) if !rest.trim().is_empty() => p.chars().count(),
        _ => 0,
    }
}

/// What cmd's `echo` prints: the text after `echo` and one separator, exactly as written.
fn echo_text(seg: &[Elem]) -> Option<Vec<u8>> {
    let blank = |e: &Elem| e.char().is_some_and(is_blank);
    let start = seg.iter().position(|e| !blank(e))?;
    let text_start = seg
        .iter()
        .skip(start)
        .position(blank)
        .map_or(seg.len(), |p| start + p + 1);
    let mut text = seg
        .iter()
        .skip(text_start)
        .map(Elem::char)
        .collect::<Option<String>>()?;
    text.push_str("\r\n");
    Some(text.into_bytes())
}

/// cmd's assembler hooks: `echo text |` and `type file |` feed the next command.
struct CmdShell;

impl Shell for CmdShell {
    fn prepare(&self, _el: &mut Element, _warnings: &mut Vec<Diagnostic>) {}

    fn produce(
        &self,
        el: &Element,
        _stdin: Option<&Stdin>,
        warnings: &mut Vec<Diagnostic>,
    ) -> Option<Feed> {
        let program = el.words.first()?.literal()?.to_ascii_lowercase();
        let span = el.span.unwrap_or_default();
        match program.as_slice() {
            b"echo" => Some(match &el.verbatim {
                Some(text) => {
                    warnings.push(
                        Diagnostic::warning("cmd's `echo` prints the text as written, including quotes and the space before `|`, plus CRLF")
                            .with_span(span)
                            .with_label("piped into the next command")
                            .with_help("check the generated body; `--data-binary @file` avoids the surprises"),
                    );
                    Feed::Known(Stdin::Bytes(text.clone()))
                }
                None => {
                    warnings.push(
                        Diagnostic::warning("`echo` prints an environment variable; the piped stdin is unknown")
                            .with_span(span)
                            .with_label("stdin is not converted")
                            .with_help("write the value literally, or save it to a file and use `--data-binary @file`"),
                    );
                    Feed::Unknown
                }
            }),
            b"type" => match el.words.get(1..).unwrap_or_default() {
                [file] => Some(Feed::Known(Stdin::File(file.clone()))),
                _ => None,
            },
            _ => None,
        }
    }
}
