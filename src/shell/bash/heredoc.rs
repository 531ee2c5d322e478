//! Heredocs (`<<EOF`, `<<'EOF'`, `<<-EOF`): the body is read after the line that opens it.

use super::Lexer;
use super::dollar::has_expansion;
use crate::diagnostic::{Diagnostic, Span};
use crate::shell::Stdin;
use crate::shell::cursor::{is_blank, newline};
use crate::shell::script::{Redirect, Tok};
use nom::bytes::complete::{take_till, take_while};

/// A heredoc whose body has not been read yet.
pub(super) struct Pending {
    /// Index of its placeholder token.
    tok: usize,
    /// The terminator line.
    delimiter: String,
    /// `<<'EOF'`, `<<"EOF"`, `<<\EOF`: no expansion in the body.
    quoted: bool,
    /// `<<-`: leading tabs are stripped.
    strip_tabs: bool,
    /// The operator and delimiter.
    span: Span,
}

impl Pending {
    /// The error for a heredoc that never ends.
    pub(super) fn unterminated(&self) -> Diagnostic {
        Diagnostic::error("unterminated heredoc")
            .with_span(self.span)
            .with_label(format!("no line `{}` closes this heredoc", self.delimiter))
            .with_help(format!(
                "end the body with a line that holds only `{}`",
                self.delimiter
            ))
    }
}

impl Lexer<'_, '_> {
    /// `<<` or `<<-` was just read: takes the delimiter and queues the body.
    pub(super) fn heredoc(&mut self, strip_tabs: bool, op: Span) -> Result<(), Diagnostic> {
        self.cur.parse(take_while(is_blank));
        let Some(word) = self.word()? else {
            return Err(Diagnostic::error("a heredoc without a delimiter")
                .with_span(op)
                .with_label("this needs a word after it")
                .with_help("write the terminator right after the operator, e.g. `<<EOF`"));
        };
        let raw = self
            .cur
            .src()
            .get(word.span.start..word.span.end)
            .unwrap_or("");
        let quoted = raw.contains(['\'', '"', '\\']);
        let delimiter = match word.literal() {
            Some(b) => String::from_utf8_lossy(&b).into_owned(),
            None => raw.to_string(),
        };
        let span = op.join(word.span);
        self.toks.push(Tok::Redirect(Redirect::Input(None, span)));
        self.pending.push(Pending {
            tok: self.toks.len() - 1,
            delimiter,
            quoted,
            strip_tabs,
            span,
        });
        Ok(())
    }

    /// At the start of a line: reads the bodies of the heredocs opened on the previous line.
    pub(super) fn read_heredocs(&mut self) -> Result<(), Diagnostic> {
        for p in std::mem::take(&mut self.pending) {
            let body_start = self.cur.pos();
            let body = self.read_body(&p)?;
            let body_span = Span::new(body_start, self.cur.pos());
            let bytes = if p.quoted {
                body.into_bytes()
            } else {
                self.expand_body(&body, body_span)
            };
            if let Some(Tok::Redirect(Redirect::Input(stdin, span))) = self.toks.get_mut(p.tok) {
                *stdin = Some(Stdin::Bytes(bytes));
                *span = span.join(body_span);
            }
        }
        Ok(())
    }

    /// Lines up to the delimiter line, each ending in `\n` (CRLF read as LF).
    fn read_body(&mut self, p: &Pending) -> Result<String, Diagnostic> {
        let mut body = String::new();
        loop {
            if self.cur.at_end() {
                return Err(p.unterminated());
            }
            let line = self.cur.parse(take_till(|c| c == '\n')).unwrap_or("");
            let line = line.strip_suffix('\r').unwrap_or(line);
            let line = if p.strip_tabs {
                line.trim_start_matches('\t')
            } else {
                line
            };
            let ended = self.cur.parse(newline).is_some();
            if line == p.delimiter {
                return Ok(body);
            }
            if !ended {
                return Err(p.unterminated());
            }
            body.push_str(line);
            body.push('\n');
        }
    }

    /// An unquoted heredoc: `\$`, `` \` ``, `\\` and backslash-newline are decoded; expansions
    /// are kept as text with one warning (the bytes of stdin cannot hold an env reference).
    fn expand_body(&mut self, body: &str, span: Span) -> Vec<u8> {
        let mut out = String::with_capacity(body.len());
        let mut chars = body.chars().peekable();
        let mut plain = String::new();
        while let Some(c) = chars.next() {
            if c == '\\' {
                match chars.peek().copied() {
                    Some(n @ ('$' | '`' | '\\')) => {
                        chars.next();
                        out.push(n);
                        plain.push(' ');
                        continue;
                    }
                    Some('\n') => {
                        chars.next();
                        continue;
                    }
                    _ => {}
                }
            }
            out.push(c);
            plain.push(c);
        }
        if has_expansion(&plain) {
            self.warn(
                Diagnostic::warning("the heredoc body contains `$` expansions; they are kept as literal text")
                    .with_span(span)
                    .with_label("stdin is sent exactly as written here")
                    .with_help("quote the delimiter (`<<'EOF'`) to show the text is literal, or write the values in"),
            );
        }
        out.into_bytes()
    }
}
