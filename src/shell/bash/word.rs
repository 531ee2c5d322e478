//! One bash word: a run of unquoted text, `'…'`, `"…"`, backslash escapes and `$` expansions
//! glued together until a blank or an operator character.

use super::dollar::name;
use super::{Continuation, Lexer};
use crate::diagnostic::{Diagnostic, Span};
use crate::shell::Word;
use crate::shell::cursor::newline;
use crate::shell::script::{QueryScan, WordBuilder};
use nom::bytes::complete::{take_till, take_while1};
use nom::character::complete::char;

/// Characters that end an unquoted word.
pub(super) fn is_meta(c: char) -> bool {
    matches!(
        c,
        ' ' | '\t' | '\n' | '\r' | ';' | '|' | '&' | '<' | '>' | '(' | ')'
    )
}

/// Look-alikes of quotes and spaces that pasted text often carries.
const LOOKALIKES: &[char] = &[
    '\u{a0}', '\u{2002}', '\u{2003}', '\u{2009}', '\u{200b}', '\u{202f}', '\u{3000}', '\u{2018}',
    '\u{2019}', '\u{201c}', '\u{201d}',
];

/// Characters that start a quoted or special segment inside a word.
fn is_special(c: char) -> bool {
    is_meta(c) || matches!(c, '\'' | '"' | '\\' | '$' | '`' | '~')
}

/// The error for a quote that runs to the end of the input.
pub(super) fn unclosed(what: &str, open: Span, closer: &str) -> Diagnostic {
    Diagnostic::error(format!("unterminated {what}"))
        .with_span(open)
        .with_label("this quote is never closed")
        .with_help(format!(
            "add the closing {closer}, or check that the command was pasted completely"
        ))
}

impl Lexer<'_, '_> {
    /// Reads one word; `None` if the input does not start a word here.
    pub(super) fn word(&mut self) -> Result<Option<Word>, Diagnostic> {
        let start = self.cur.pos();
        let mut b = WordBuilder::default();
        let mut amp: Option<Span> = None;
        let mut query = QueryScan::new(start);
        let mut lookalike_seen = false;
        while let Some(c) = self.cur.peek() {
            match c {
                '&' if self.glued_amp(&mut query) => {
                    amp.get_or_insert(self.cur.next_span());
                    self.cur.bump();
                    b.char('&');
                }
                '<' | '>' if self.cur.peek2() == Some('(') => self.process_subst(&mut b)?,
                '(' | ')' if self.cur.pos() > start => self.paren_in_word(&mut b),
                c if is_meta(c) => break,
                '\'' | '"' => {
                    let open = self.cur.pos();
                    if c == '"' {
                        self.double_quoted(&mut b)?;
                    } else {
                        self.single_quoted(&mut b)?;
                    }
                    self.check_shifted_quote(open)?;
                }
                '\\' => {
                    if !self.backslash(&mut b) {
                        break;
                    }
                }
                '$' => self.dollar(&mut b, false)?,
                '`' => self.backtick(&mut b)?,
                '~' => self.tilde(&mut b, start),
                _ => {
                    let at = self.cur.pos();
                    let run = self
                        .cur
                        .parse(take_while1(|c| !is_special(c)))
                        .unwrap_or("");
                    if !lookalike_seen {
                        lookalike_seen = self.warn_lookalike(run, at);
                    }
                    b.text(run);
                }
            }
        }
        let span = self.cur.span_from(start);
        if let Some(at) = amp {
            self.warn_glued_amp(at, span);
        }
        Ok(b.finish(span))
    }

    /// Warns about a typographic quote or a non-breaking space in unquoted text (text copied
    /// from a web page or a word processor): bash treats them as ordinary characters.
    fn warn_lookalike(&mut self, run: &str, at: usize) -> bool {
        let Some((i, c)) = run.char_indices().find(|(_, c)| LOOKALIKES.contains(c)) else {
            return false;
        };
        let what = if c.is_whitespace() || c == '\u{200b}' {
            "space"
        } else {
            "quote"
        };
        let start = at + i;
        self.warn(
            Diagnostic::warning(format!(
                "`{c}` (U+{:04X}) looks like a {what} but is an ordinary character in bash",
                c as u32
            ))
            .with_span(Span::new(start, start + c.len_utf8()))
            .with_label(format!("not a {what} to the shell"))
            .with_help(format!("retype it as a plain ASCII {what}")),
        );
        true
    }

    /// `&` glued to word characters on both sides, in a word that looks like a URL query
    /// (`?a=1&b=2`): almost always an unquoted URL pasted from a browser.
    fn glued_amp(&self, query: &mut QueryScan) -> bool {
        query.update(self.cur.src(), self.cur.pos())
            && matches!(self.cur.peek2(), Some(c) if !is_meta(c))
    }

    fn warn_glued_amp(&mut self, at: Span, word: Span) {
        let raw = self.cur.src().get(word.start..word.end).unwrap_or("");
        let help = if raw.contains('\'') {
            "quote the URL in single quotes".to_string()
        } else {
            format!("quote the URL: '{raw}'")
        };
        self.warn(
            Diagnostic::warning(
                "unquoted `&` would end the command in a real shell; treated as part of the URL",
            )
            .with_span(at)
            .with_label("bash would run the rest of this word as a separate background command")
            .with_help(help),
        );
    }

    /// `(` or `)` inside a word is a syntax error in bash; pasted URLs contain them, so keep them.
    fn paren_in_word(&mut self, b: &mut WordBuilder) {
        let span = self.cur.next_span();
        if let Some(c) = self.cur.bump() {
            b.char(c);
        }
        self.warn(
            Diagnostic::warning("unquoted parenthesis inside a word")
                .with_span(span)
                .with_label("bash reports a syntax error here")
                .with_help("quote the word; it was read as part of the word"),
        );
    }

    /// `'https://x/ -H 'X: 1`: a missing closing quote makes the next argument's opening
    /// quote close the string instead. bash would accept it and curl would then reject the URL,
    /// so say where the quote is missing. Quoted values legitimately hold ` -x` and get glued to
    /// other pieces (`'a --b'c`, `'X: --Z'$'\xaf'`), so every tell of the shift must be there:
    /// - the string ENDS with an option and a blank (`… -H '`): its closing quote sits exactly
    ///   where the option's value would open;
    /// - it runs straight into ordinary text (the value), not into another quoted piece;
    /// - the shifted reading is the better one for the rest of the input: no quote of the same
    ///   kind follows (the value's quote runs off the end, a truncated paste), or an odd number
    ///   does (the balanced reading is left with an unterminated quote anyway).
    fn check_shifted_quote(&mut self, open: usize) -> Result<(), Diagnostic> {
        let glued = self
            .cur
            .peek()
            .is_some_and(|c| !is_meta(c) && !matches!(c, '\'' | '"' | '$' | '\\' | '`'));
        let close = self.cur.pos().saturating_sub(1);
        let src = self.cur.src();
        let inner = src.get(open + 1..close).unwrap_or("");
        let Some(option) = option_at_end(inner).filter(|_| glued) else {
            return Ok(());
        };
        let quote = if src.get(close..).is_some_and(|r| r.starts_with('"')) {
            '"'
        } else {
            '\''
        };
        let later = self.quotes_after(quote);
        if later != 0 && later % 2 == 0 {
            return Ok(());
        }
        Err(Diagnostic::error("unbalanced quotes: a closing quote seems to be missing")
            .with_span(Span::new(open, self.cur.pos()))
            .with_label(format!("this string runs into the next option (`{option}`)"))
            .with_help(format!("close the quote before `{option}`; as written, the shell reads all of this as one word")))
    }

    /// How many `quote` characters follow the cursor, updated from the last count (the cursor
    /// only moves forward) so that many checks stay linear in the input.
    fn quotes_after(&mut self, quote: char) -> usize {
        let slot = usize::from(quote == '"');
        let pos = self.cur.pos();
        let src = self.cur.src();
        let count = |a: usize, b: usize| src.get(a..b).map_or(0, |t| t.matches(quote).count());
        let n = match self.quotes_after.get(slot).copied().flatten() {
            Some((at, n)) if at <= pos => n.saturating_sub(count(at, pos)),
            _ => count(pos, src.len()),
        };
        if let Some(s) = self.quotes_after.get_mut(slot) {
            *s = Some((pos, n));
        }
        n
    }

    /// `'…'`: everything literal up to the next `'`.
    fn single_quoted(&mut self, b: &mut WordBuilder) -> Result<(), Diagnostic> {
        let open = self.cur.next_span();
        self.cur.bump();
        let body = self.cur.parse(take_till(|c| c == '\'')).unwrap_or("");
        if self.cur.parse(char('\'')).is_none() {
            return Err(unclosed("single-quoted string", open, "`'`"));
        }
        b.start();
        b.text(&body.replace("\r\n", "\n"));
        Ok(())
    }

    /// `"…"`: `\` escapes only `$ \` " \ newline`; `$` and backticks still expand.
    pub(super) fn double_quoted(&mut self, b: &mut WordBuilder) -> Result<(), Diagnostic> {
        let open = self.cur.next_span();
        self.cur.bump();
        b.start();
        loop {
            match self.cur.peek() {
                None => return Err(unclosed("double-quoted string", open, "`\"`")),
                Some('"') => {
                    self.cur.bump();
                    return Ok(());
                }
                Some('\\') => self.dq_backslash(b),
                Some('$') => self.dollar(b, true)?,
                Some('`') => self.backtick(b)?,
                Some(_) => {
                    if self.cur.parse(newline).is_some() {
                        b.char('\n');
                    } else if let Some(run) = self
                        .cur
                        .parse(take_while1(|c| !matches!(c, '"' | '\\' | '$' | '`' | '\r')))
                    {
                        b.text(run);
                    } else if let Some(c) = self.cur.bump() {
                        b.char(c);
                    }
                }
            }
        }
    }

    /// A backslash inside double quotes.
    fn dq_backslash(&mut self, b: &mut WordBuilder) {
        self.cur.bump();
        if self.cur.parse(newline).is_some() {
            return;
        }
        match self.cur.peek() {
            Some(c @ ('$' | '`' | '"' | '\\')) => {
                self.cur.bump();
                b.char(c);
            }
            // Any other backslash stays, as bash keeps it.
            _ => b.char('\\'),
        }
    }

    /// An unquoted backslash. Returns false when it ended the word (a continuation with
    /// trailing blanks, which we read as a word break).
    fn backslash(&mut self, b: &mut WordBuilder) -> bool {
        match self.continuation() {
            Continuation::Clean => return true,
            Continuation::TrailingBlanks => return false,
            Continuation::No => {}
        }
        self.cur.bump();
        match self.cur.bump() {
            Some(c) => b.char(c),
            // A backslash at the very end of the input is kept.
            None => b.char('\\'),
        }
        true
    }

    /// Where bash expands a tilde: at the start of a word (`Some(false)`), and in an
    /// assignment-like word (`NAME=~/x`, even as an argument) right after the first `=` or
    /// after a `:` (`Some(true)`: there a `:` also ends the tilde). bash has more corners
    /// (`~user`, several tildes after a failed one); they stay literal here.
    fn tilde_context(&self, start: usize) -> Option<bool> {
        let so_far = self.cur.since(start);
        if so_far.is_empty() {
            return Some(false);
        }
        let (rest, _) = name(so_far).ok()?;
        (rest == "=" || (rest.starts_with('=') && so_far.ends_with(':'))).then_some(true)
    }

    /// `~` is `$HOME` when followed by `/` or the end of the word; `~user` stays literal.
    fn tilde(&mut self, b: &mut WordBuilder, start: usize) {
        let context = self.tilde_context(start);
        self.cur.bump();
        let home = match (context, self.cur.peek()) {
            (None, _) => false,
            (Some(_), None) => true,
            (Some(true), Some(':')) => true,
            // At a word start `~:` expands too, unless a quote comes before the next `/`.
            (Some(false), Some(':')) => !self
                .cur
                .rest()
                .chars()
                .take_while(|c| *c != '/' && !is_meta(*c))
                .any(|c| "'\"\\".contains(c)),
            (Some(_), Some(c)) => c == '/' || is_meta(c),
        };
        if home {
            b.env("HOME");
        } else {
            b.char('~');
        }
    }
}

/// The option-looking token (`-H`, `--data`) that ends quoted text, after another word and
/// followed by a blank (`https://x/ -H `).
fn option_at_end(text: &str) -> Option<&str> {
    // A blank must separate the option from the closing quote, and something must precede it.
    if !text.ends_with([' ', '\t']) {
        return None;
    }
    let mut words = text.split([' ', '\t', '\n']).filter(|w| !w.is_empty());
    let last = words.next_back()?;
    words.next()?;
    let name = last.strip_prefix("--").or_else(|| last.strip_prefix('-'))?;
    (!name.is_empty() && name.chars().all(|c| c.is_ascii_alphabetic() || c == '-')).then_some(last)
}
