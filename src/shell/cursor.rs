//! A read position in the input that runs small nom parsers and keeps byte offsets for spans.

use crate::diagnostic::Span;
use nom::IResult;
use nom::Parser;
use nom::branch::alt;
use nom::bytes::complete::tag;
use nom::error::{Error, ErrorKind, ParseError};

/// The error type of every nom parser in the shell lexers: they only ever say "no match";
/// the lexers turn a failed match into a [`crate::diagnostic::Diagnostic`] with a span themselves.
pub(crate) type PErr<'a> = Error<&'a str>;

/// `\n` or `\r\n`: pasted text often comes from Windows with CRLF line ends.
pub(crate) fn newline(i: &str) -> IResult<&str, &str, PErr<'_>> {
    alt((tag("\n"), tag("\r\n"))).parse(i)
}

/// nom's `tag_no_case` for an ASCII keyword (`rem`, `env:`), matching ASCII letters in either case.
///
/// nom's own version compares with `char::to_lowercase`, which links Unicode's case tables into the
/// web build (about 8 KB of its gzipped size). For keywords without `k` the result is the same: the
/// only non-ASCII character that lowercases to one ASCII letter is the Kelvin sign (to `k`).
pub(crate) fn keyword<'a>(
    word: &'static str,
) -> impl Fn(&'a str) -> IResult<&'a str, &'a str, PErr<'a>> {
    move |i: &'a str| match i.split_at_checked(word.len()) {
        Some((head, rest)) if head.eq_ignore_ascii_case(word) => Ok((rest, head)),
        _ => Err(nom::Err::Error(PErr::from_error_kind(i, ErrorKind::Tag))),
    }
}

/// Space or tab.
pub(crate) fn is_blank(c: char) -> bool {
    c == ' ' || c == '\t'
}

/// A position in `src`. Every parser sees `rest()`, a suffix of `src`, so the consumed length
/// gives the new offset and spans stay exact without a located-input type.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Cursor<'a> {
    src: &'a str,
    pos: usize,
}

impl<'a> Cursor<'a> {
    /// A cursor at the start of `src`, past a byte-order mark (Windows editors add one).
    pub(crate) fn new(src: &'a str) -> Cursor<'a> {
        let pos = if src.starts_with('\u{feff}') { 3 } else { 0 };
        Cursor { src, pos }
    }

    /// The whole input.
    pub(crate) fn src(&self) -> &'a str {
        self.src
    }

    /// The current byte offset.
    pub(crate) fn pos(&self) -> usize {
        self.pos
    }

    /// What is left to read.
    pub(crate) fn rest(&self) -> &'a str {
        self.src.get(self.pos..).unwrap_or("")
    }

    /// The input between `start` and the current position.
    pub(crate) fn since(&self, start: usize) -> &'a str {
        self.src.get(start..self.pos).unwrap_or("")
    }

    /// True at the end of the input.
    pub(crate) fn at_end(&self) -> bool {
        self.pos >= self.src.len()
    }

    /// The next character.
    pub(crate) fn peek(&self) -> Option<char> {
        self.rest().chars().next()
    }

    /// The character after the next one.
    pub(crate) fn peek2(&self) -> Option<char> {
        self.rest().chars().nth(1)
    }

    /// Consumes one character.
    pub(crate) fn bump(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.pos += c.len_utf8();
        Some(c)
    }

    /// Consumes `s` if the input continues with it.
    pub(crate) fn eat(&mut self, s: &str) -> bool {
        if self.rest().starts_with(s) {
            self.pos += s.len();
            true
        } else {
            false
        }
    }

    /// True if the input continues with `s`.
    pub(crate) fn looking_at(&self, s: &str) -> bool {
        self.rest().starts_with(s)
    }

    /// Runs a nom parser on the rest of the input; on a match, consumes what it read.
    pub(crate) fn parse<O>(
        &mut self,
        mut p: impl Parser<&'a str, Output = O, Error = PErr<'a>>,
    ) -> Option<O> {
        let rest = self.rest();
        match p.parse(rest) {
            Ok((after, out)) => {
                self.pos += rest.len().saturating_sub(after.len());
                Some(out)
            }
            Err(_) => None,
        }
    }

    /// Runs a nom parser without consuming anything.
    pub(crate) fn check<O>(
        &self,
        p: impl Parser<&'a str, Output = O, Error = PErr<'a>>,
    ) -> Option<O> {
        let mut probe = *self;
        probe.parse(p)
    }

    /// Skips `n` bytes (callers pass lengths of text they matched, so this stays on a char boundary).
    pub(crate) fn advance(&mut self, n: usize) {
        self.pos = (self.pos + n).min(self.src.len());
        while !self.src.is_char_boundary(self.pos) {
            self.pos += 1;
        }
    }

    /// The span from `start` to the current position.
    pub(crate) fn span_from(&self, start: usize) -> Span {
        Span::new(start, self.pos)
    }

    /// The span of the next character (or an empty span at the end).
    pub(crate) fn next_span(&self) -> Span {
        let len = self.peek().map_or(0, char::len_utf8);
        Span::new(self.pos, self.pos + len)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use nom::bytes::complete::tag_no_case;

    #[test]
    fn keyword_matches_like_nom_tag_no_case() {
        for input in [
            "rem x", "REM", "Rem\t", "re", "", "rém", "env:PATH", "ENV:x", "Env", "\u{212a}",
        ] {
            for word in ["rem", "env:"] {
                let ours = keyword(word)(input);
                let noms = tag_no_case::<_, _, PErr<'_>>(word).parse(input);
                assert_eq!(ours.is_ok(), noms.is_ok(), "{word} on {input:?}");
                assert_eq!(ours.ok(), noms.ok(), "{word} on {input:?}");
            }
        }
    }

    #[test]
    fn only_the_kelvin_sign_lowercases_into_ascii() {
        // Why `keyword` may compare ASCII only: no other non-ASCII char lowercases to ASCII.
        let into_ascii: Vec<char> = (0..=u32::from(char::MAX))
            .filter_map(char::from_u32)
            .filter(|c| !c.is_ascii() && c.to_lowercase().any(|l| l.is_ascii()))
            .collect();
        assert_eq!(into_ascii, ['\u{130}', '\u{212a}']);
        // U+0130 lowercases to `i` + U+0307: two chars, never equal to one ASCII letter.
        assert_eq!('\u{130}'.to_lowercase().count(), 2);
    }
}
