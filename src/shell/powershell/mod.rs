//! PowerShell: backtick escapes and continuations, `'…'` with `''`, `"…"` with `$env:NAME`,
//! here-strings, `--%`, and the way arguments reach a native `curl.exe`.

mod word;

use super::cursor::{Cursor, is_blank, newline};
use super::msvcrt::{Elem, split};
use super::script::{Element, Feed, Op, Redirect, Shell, Tok, assemble};
use super::{Command, Stdin, Word, WordPart};
use crate::diagnostic::{Diagnostic, Span};
use nom::branch::alt;
use nom::bytes::complete::{tag, take_till, take_until, take_while, take_while1};
use nom::character::complete::{char, one_of};
use nom::combinator::{eof, opt, peek, recognize};
use nom::sequence::pair;

/// Splits PowerShell text into commands.
pub(crate) fn parse(src: &str, warnings: &mut Vec<Diagnostic>) -> Result<Vec<Command>, Diagnostic> {
    let mut lexer = Lexer {
        cur: Cursor::new(src),
        warnings,
        toks: Vec::new(),
        command_start: true,
    };
    lexer.run()?;
    let toks = std::mem::take(&mut lexer.toks);
    Ok(assemble(toks, &PowerShell, warnings))
}

/// `'` and the typographic single quotes PowerShell also accepts.
fn is_single(c: char) -> bool {
    matches!(c, '\'' | '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}')
}

/// `"` and the typographic double quotes PowerShell also accepts.
fn is_double(c: char) -> bool {
    matches!(c, '"' | '\u{201C}' | '\u{201D}' | '\u{201E}')
}

/// Characters that end a bare word.
fn is_meta(c: char) -> bool {
    matches!(
        c,
        ' ' | '\t' | '\n' | '\r' | ';' | '|' | '&' | '<' | '>' | '\u{a0}'
    )
}

struct Lexer<'a, 'w> {
    cur: Cursor<'a>,
    warnings: &'w mut Vec<Diagnostic>,
    toks: Vec<Tok>,
    /// The next word is the first of a command.
    command_start: bool,
}

impl<'a> Lexer<'a, '_> {
    fn warn(&mut self, d: Diagnostic) {
        self.warnings.push(d);
    }

    fn end(&mut self, op: Op, start: usize) {
        self.toks.push(Tok::Op(op, self.cur.span_from(start)));
        self.command_start = true;
    }

    fn run(&mut self) -> Result<(), Diagnostic> {
        let mut line_start = true;
        loop {
            self.skip_blanks();
            if std::mem::take(&mut line_start) {
                self.strip_prompt();
            }
            if self.cur.at_end() {
                return Ok(());
            }
            line_start = self.token()?;
        }
    }

    /// One token; returns true if it ended a line.
    fn token(&mut self) -> Result<bool, Diagnostic> {
        let start = self.cur.pos();
        if self.cur.looking_at("<#") {
            self.block_comment()?;
        } else if self.cur.looking_at("#") {
            self.cur.parse(take_till(|c| c == '\n'));
        } else if self.cur.parse(newline).is_some() {
            // A pipeline may continue on the next line after a trailing `|`.
            if !matches!(self.toks.last(), Some(Tok::Op(Op::Pipe, _))) {
                self.end(Op::End, start);
            }
            return Ok(true);
        } else if self
            .cur
            .parse(alt((tag("&&"), tag("||"), tag(";"))))
            .is_some()
        {
            self.end(Op::End, start);
        } else if self.cur.eat("|") {
            self.end(Op::Pipe, start);
        } else if self.redirection()? {
        } else if self.cur.eat("&") {
            // `& curl.exe …` is the call operator; elsewhere `&` runs a background job.
            if !self.command_start {
                self.end(Op::End, start);
            }
        } else if self.stop_parsing()? {
        } else {
            let first = self.command_start;
            match self.word()? {
                Some(w) => self.push_word(w, first, start),
                None => {
                    self.cur.bump();
                }
            }
        }
        Ok(false)
    }

    /// Strips a pasted `PS C:\dir> ` prompt at the start of a line.
    fn strip_prompt(&mut self) {
        let path = opt(pair(tag(" "), take_till(|c| c == '>' || c == '\n')));
        self.cur
            .parse((tag("PS"), path, tag(">"), take_while1(is_blank)));
    }

    /// Spaces, tabs, stray CRs and backtick line continuations.
    fn skip_blanks(&mut self) {
        loop {
            if self
                .cur
                .parse(take_while1(|c| is_blank(c) || c == '\u{a0}'))
                .is_some()
            {
                continue;
            }
            if self.cur.looking_at("\r") && !self.cur.looking_at("\r\n") {
                self.cur.bump();
                continue;
            }
            if !self.continuation() {
                break;
            }
        }
    }

    /// A backtick at the end of a line (with a warning if blanks follow it).
    fn continuation(&mut self) -> bool {
        let start = self.cur.pos();
        if self.cur.parse((char('`'), newline)).is_some() {
            return true;
        }
        let mut probe = self.cur;
        if probe.parse((char('`'), take_while1(is_blank))).is_none() {
            return false;
        }
        let span = probe.span_from(start);
        if probe.parse(newline).is_none() && !probe.at_end() {
            return false;
        }
        self.cur = probe;
        self.warn(
            Diagnostic::warning("spaces after the line-continuation backtick")
                .with_span(span)
                .with_label("a backtick followed by spaces does not continue the line")
                .with_help("PowerShell would end the command here; it was read as a continuation — delete the spaces after the backtick"),
        );
        true
    }

    fn block_comment(&mut self) -> Result<(), Diagnostic> {
        let start = self.cur.pos();
        self.cur.advance(2);
        if self.cur.parse(pair(take_until("#>"), tag("#>"))).is_none() {
            return Err(Diagnostic::error("unterminated block comment")
                .with_span(Span::new(start, start + 2))
                .with_label("this `<#` is never closed")
                .with_help("end the comment with `#>`"));
        }
        Ok(())
    }

    /// `>`, `>>`, `2>`, `*>`, `2>&1`; `<` is reserved in PowerShell.
    fn redirection(&mut self) -> Result<bool, Diagnostic> {
        let start = self.cur.pos();
        if self.cur.looking_at("<") {
            return Err(Diagnostic::error("PowerShell has no `<` input redirection")
                .with_span(self.cur.next_span())
                .with_label("reserved for future use in PowerShell")
                .with_help("use `Get-Content FILE | curl.exe --data-binary '@-' …` or `curl.exe --data-binary '@FILE'`"));
        }
        let op = recognize((
            opt(one_of("0123456*")),
            alt((tag(">>"), tag(">"))),
            opt(pair(char('&'), one_of("123456"))),
        ));
        let Some(op) = self.cur.parse(op) else {
            return Ok(false);
        };
        if !op.contains('&') {
            self.cur.parse(take_while(is_blank));
            if self.word()?.is_none() {
                return Err(Diagnostic::error("a redirection without a target")
                    .with_span(self.cur.span_from(start))
                    .with_label("this needs a file name after it")
                    .with_help("write the file name after the operator, e.g. `> out.txt`"));
            }
        }
        self.toks
            .push(Tok::Redirect(Redirect::Output(self.cur.span_from(start))));
        Ok(true)
    }

    /// `--%`: the rest of the line goes to the program as written, with only `%VAR%` expanded.
    fn stop_parsing(&mut self) -> Result<bool, Diagnostic> {
        if self
            .cur
            .parse((
                tag("--%"),
                peek(alt((take_while1(is_blank), eof, tag("\n"), tag("\r")))),
            ))
            .is_none()
        {
            return Ok(false);
        }
        let start = self.cur.pos();
        let line = self
            .cur
            .parse(take_till(|c| c == '\n' || c == '|'))
            .unwrap_or("");
        for w in split(&super::cmd::percent(line, start), false)? {
            self.toks.push(Tok::Word(w));
        }
        self.command_start = false;
        Ok(true)
    }

    /// Adds a word, with the checks that apply to arguments of a native program.
    fn push_word(&mut self, w: Word, first: bool, start: usize) {
        self.command_start = false;
        let raw = self.cur.since(start);
        if first {
            // A command that is only a string is an expression: piped, it feeds curl's stdin.
            if raw.starts_with(|c: char| is_single(c) || is_double(c) || c == '@') {
                if let Some(mut bytes) = w.literal() {
                    bytes.extend_from_slice(b"\r\n");
                    self.toks.push(Tok::Verbatim(bytes));
                }
            }
            self.toks.push(Tok::Word(w));
            return;
        }
        for arg in self.native_argument(w) {
            self.toks.push(Tok::Word(arg));
        }
    }

    /// How PowerShell hands one argument to curl.exe. PowerShell 7.3+ passes it intact; Windows
    /// PowerShell 5.1 drops embedded `"` unless written `\"`. We follow 7.3+, except that `\"`
    /// (only ever written for 5.1) is read the 5.1 way.
    fn native_argument(&mut self, w: Word) -> Vec<Word> {
        let lit: Vec<u8> = w
            .parts
            .iter()
            .flat_map(|p| {
                if let WordPart::Lit(b) = p {
                    b.clone()
                } else {
                    Vec::new()
                }
            })
            .collect();
        if lit.windows(2).any(|p| p == b"\\\"") {
            self.warn(
                Diagnostic::warning(
                    "`\\\"` in a PowerShell argument: read the Windows PowerShell 5.1 way, as `\"`",
                )
                .with_span(w.span)
                .with_label("PowerShell 7.3+ would pass the backslashes to curl.exe too")
                .with_help("on PowerShell 7.3+ write plain `\"` inside single quotes"),
            );
            return legacy_reparse(&w);
        }
        if lit.contains(&b'"') {
            self.warn(
                Diagnostic::warning("double quotes inside a PowerShell argument")
                    .with_span(w.span)
                    .with_label("Windows PowerShell 5.1 (and 7 before 7.3) drop these quotes when calling curl.exe")
                    .with_help("converted as PowerShell 7.3+ passes them; on 5.1 write them as `\\\"`"),
            );
        } else if w.literal().is_some_and(|l| l.is_empty()) {
            self.warn(
                Diagnostic::warning("an empty argument")
                    .with_span(w.span)
                    .with_label("Windows PowerShell 5.1 does not pass empty arguments to curl.exe")
                    .with_help("converted as PowerShell 7.3+ passes it"),
            );
        }
        vec![w]
    }
}

/// Windows PowerShell 5.1 builds curl.exe's command line by quoting an argument that holds a
/// blank and passing the rest verbatim; curl.exe then splits it again.
fn legacy_reparse(w: &Word) -> Vec<Word> {
    let quote = w
        .parts
        .iter()
        .any(|p| matches!(p, WordPart::Lit(b) if b.iter().any(|c| *c == b' ' || *c == b'\t')));
    let mut elems = Vec::new();
    let at = w.span;
    if quote {
        elems.push(Elem::Char('"', at));
    }
    for p in &w.parts {
        match p {
            WordPart::Lit(bytes) => elems.extend(
                String::from_utf8_lossy(bytes)
                    .chars()
                    .map(|c| Elem::Char(c, at)),
            ),
            WordPart::Env(n) => elems.push(Elem::Env(n.clone(), at)),
        }
    }
    if quote {
        elems.push(Elem::Char('"', at));
    }
    match split(&elems, false) {
        Ok(words) if !words.is_empty() => {
            words.into_iter().map(|x| Word { span: at, ..x }).collect()
        }
        _ => vec![w.clone()],
    }
}

/// PowerShell's assembler hooks.
struct PowerShell;

impl Shell for PowerShell {
    fn prepare(&self, el: &mut Element, warnings: &mut Vec<Diagnostic>) {
        if let Some(first) = el.words.first() {
            if first
                .literal()
                .is_some_and(|p| p.eq_ignore_ascii_case(b"curl"))
            {
                warnings.push(
                    Diagnostic::warning("in Windows PowerShell 5 `curl` is Invoke-WebRequest; converted as curl.exe")
                        .with_span(first.span)
                        .with_label("an alias in Windows PowerShell 5.1")
                        .with_help("write `curl.exe` to run the real curl"),
                );
            }
        }
    }

    fn produce(
        &self,
        el: &Element,
        _stdin: Option<&Stdin>,
        warnings: &mut Vec<Diagnostic>,
    ) -> Option<Feed> {
        let span = el.span.unwrap_or_default();
        let note = |warnings: &mut Vec<Diagnostic>, what: &str| {
            warnings.push(
                Diagnostic::warning(format!(
                    "PowerShell pipes {what} as text: each line ends in CRLF and is re-encoded"
                ))
                .with_span(span)
                .with_label("piped into curl.exe")
                .with_help("`curl.exe --data-binary '@FILE'` sends a file byte for byte"),
            );
        };
        if let Some(text) = &el.verbatim {
            note(warnings, "a string");
            return Some(Feed::Known(Stdin::Bytes(text.clone())));
        }
        let program = el.words.first()?.literal()?.to_ascii_lowercase();
        let args = el.words.get(1..).unwrap_or_default();
        match program.as_slice() {
            b"echo" | b"write-output" | b"write" => {
                let lines: Option<Vec<Vec<u8>>> = args.iter().map(Word::literal).collect();
                let mut out = Vec::new();
                for line in lines? {
                    out.extend_from_slice(&line);
                    out.extend_from_slice(b"\r\n");
                }
                note(warnings, "strings");
                Some(Feed::Known(Stdin::Bytes(out)))
            }
            b"get-content" | b"gc" | b"cat" | b"type" => match args {
                [file] => {
                    note(warnings, "a file");
                    Some(Feed::Known(Stdin::File(file.clone())))
                }
                _ => None,
            },
            _ => None,
        }
    }
}
