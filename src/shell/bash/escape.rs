//! Backslash escapes as bash decodes them in `$'…'`, in `printf` formats and in `echo -e` /
//! `printf %b` arguments, producing raw bytes (`\xff` is the byte 0xFF, `\u00e9` is UTF-8).

use crate::shell::cursor::PErr;
use nom::branch::alt;
use nom::bytes::complete::take_while_m_n;
use nom::character::complete::{anychar, char, one_of};
use nom::combinator::{fail, map, map_opt, value};
use nom::sequence::preceded;
use nom::{IResult, Parser};

/// Which set of escapes applies; they differ in small ways.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Flavor {
    /// `$'…'`: `\cX` is a control character, `\'` `\"` `\?` lose the backslash, a NUL ends the string.
    AnsiC,
    /// A `printf` format: like `$'…'` but NUL bytes are printed and `\c` is not special.
    Printf,
    /// `echo -e` and `printf %b`: `\c` stops all output, octal is `\0nnn`, `\'` keeps the backslash.
    Echo,
}

/// The decoded bytes and anything worth a warning.
#[derive(Debug, Default)]
pub(crate) struct Decoded {
    /// The bytes.
    pub bytes: Vec<u8>,
    /// Problems, with byte offsets into the decoded text.
    pub issues: Vec<Issue>,
    /// `\c` was seen (echo flavor): nothing more is printed, not even the newline.
    pub stopped: bool,
}

/// A problem inside an escaped string.
#[derive(Debug)]
pub(crate) struct Issue {
    /// Byte offset of the escape in the text given to [`decode`].
    pub at: usize,
    /// Its length.
    pub len: usize,
    /// The warning message.
    pub message: String,
    /// The help text.
    pub help: String,
}

/// One escape, after the backslash.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Esc {
    /// A byte.
    Byte(u8),
    /// A Unicode code point (`\u`, `\U`), encoded as UTF-8.
    Code(u32),
    /// `\cX` with a non-ASCII X: bash takes the control of X's first UTF-8 byte and keeps the
    /// others as they are.
    Control(char),
    /// `\c` in echo flavor.
    Stop,
    /// Not an escape: the backslash stays, the character is read again as text.
    Keep,
}

fn hex(min: usize, max: usize) -> impl Fn(&str) -> IResult<&str, u32, PErr<'_>> {
    move |i| {
        map_opt(
            take_while_m_n(min, max, |c: char| c.is_ascii_hexdigit()),
            |h: &str| u32::from_str_radix(h, 16).ok(),
        )
        .parse(i)
    }
}

fn simple(flavor: Flavor) -> impl Fn(&str) -> IResult<&str, Esc, PErr<'_>> {
    move |i| {
        let (rest, c) = one_of("abeEfnrtv\\'\"?")(i)?;
        let byte = match c {
            'a' => 7,
            'b' => 8,
            'e' | 'E' => 0x1b,
            'f' => 0x0c,
            'n' => b'\n',
            'r' => b'\r',
            't' => b'\t',
            'v' => 0x0b,
            '\\' => b'\\',
            // echo -e keeps the backslash before quotes and `?`.
            _ if flavor == Flavor::Echo => return Ok((i, Esc::Keep)),
            other => other as u8,
        };
        Ok((rest, Esc::Byte(byte)))
    }
}

/// Octal: up to three digits, or `\0` plus up to three more for echo.
fn octal(flavor: Flavor) -> impl Fn(&str) -> IResult<&str, Esc, PErr<'_>> {
    move |i| {
        let (rest, first) = one_of("01234567")(i)?;
        let more = if flavor == Flavor::Echo && first == '0' {
            3
        } else {
            2
        };
        let (rest, digits) = take_while_m_n(0, more, |c: char| ('0'..='7').contains(&c))(rest)?;
        let value = digits.chars().fold(first as u32 - '0' as u32, |v, d| {
            v * 8 + (d as u32 - '0' as u32)
        });
        Ok((rest, Esc::Byte((value & 0xff) as u8)))
    }
}

/// `\cX`: control-X (`\c?` is DEL; `\c\\` takes both backslashes, as bash does).
fn control(i: &str) -> IResult<&str, Esc, PErr<'_>> {
    let (rest, c) = preceded(char('c'), anychar).parse(i)?;
    let rest = if c == '\\' {
        rest.strip_prefix('\\').unwrap_or(rest)
    } else {
        rest
    };
    if !c.is_ascii() {
        return Ok((rest, Esc::Control(c)));
    }
    let b = if c == '?' {
        0x7f
    } else {
        (c.to_ascii_uppercase() as u32 & 0x1f) as u8
    };
    Ok((rest, Esc::Byte(b)))
}

/// One escape sequence after a backslash.
fn escape(flavor: Flavor) -> impl Fn(&str) -> IResult<&str, Esc, PErr<'_>> {
    move |i| {
        let c_escape = move |i| match flavor {
            Flavor::Echo => value(Esc::Stop, char('c')).parse(i),
            Flavor::AnsiC => control(i),
            Flavor::Printf => fail().parse(i),
        };
        alt((
            simple(flavor),
            octal(flavor),
            map(preceded(char('x'), hex(1, 2)), |v| Esc::Byte(v as u8)),
            map(preceded(char('u'), hex(1, 4)), Esc::Code),
            map(preceded(char('U'), hex(1, 8)), Esc::Code),
            c_escape,
        ))
        .parse(i)
    }
}

/// Decodes every escape in `s`.
pub(crate) fn decode(s: &str, flavor: Flavor) -> Decoded {
    let mut out = Decoded::default();
    let mut rest = s;
    while let Some(i) = rest.find('\\') {
        out.bytes
            .extend_from_slice(rest.get(..i).unwrap_or("").as_bytes());
        let body = rest.get(i + 1..).unwrap_or("");
        let at = s.len() - rest.len() + i;
        // Not an escape: the backslash stays and what follows is read again as text.
        let (after, esc) = escape(flavor)(body).unwrap_or((body, Esc::Keep));
        let len = 1 + body.len() - after.len();
        rest = after;
        let esc = match esc {
            Esc::Code(0) => Esc::Byte(0),
            Esc::Control(c) if utf8(c)[0] & 0x1f == 0 => Esc::Byte(0), // U+0800..U+0FFF
            other => other,
        };
        match esc {
            Esc::Byte(0) if flavor == Flavor::AnsiC => {
                out.issues.push(Issue {
                    at,
                    len,
                    message: "a NUL byte ends a shell string; the rest of it is dropped".into(),
                    help: "a command-line argument cannot contain a NUL byte; put binary data in a file and use `--data-binary @file`".into(),
                });
                return out;
            }
            Esc::Byte(b) => out.bytes.push(b),
            Esc::Control(c) => {
                let bytes = utf8(c);
                out.bytes.push(bytes[0] & 0x1f);
                out.bytes.extend_from_slice(&bytes[1..]);
            }
            Esc::Stop => {
                out.stopped = true;
                return out;
            }
            Esc::Keep => out.bytes.push(b'\\'),
            Esc::Code(c) => rest = code_point(c, after, Span { at, len }, &mut out),
        }
    }
    out.bytes.extend_from_slice(rest.as_bytes());
    out
}

/// The UTF-8 bytes of `c`.
fn utf8(c: char) -> Vec<u8> {
    c.to_string().into_bytes()
}

/// Where an escape is, for issues.
#[derive(Clone, Copy)]
struct Span {
    at: usize,
    len: usize,
}

/// Encodes a `\u`/`\U` code point, pairing UTF-16 surrogates (`\ud83d\ude00`) into one character.
fn code_point<'s>(c: u32, after: &'s str, esc: Span, out: &mut Decoded) -> &'s str {
    if (0xD800..0xDC00).contains(&c) {
        let low = preceded(char::<_, PErr<'_>>('\\'), preceded(char('u'), hex(4, 4))).parse(after);
        if let Ok((rest, low)) = low {
            if (0xDC00..0xE000).contains(&low) {
                let combined = 0x10000 + ((c - 0xD800) << 10) + (low - 0xDC00);
                push_char(combined, out);
                out.issues.push(Issue {
                    at: esc.at,
                    len: esc.len + 6,
                    message: format!("a UTF-16 surrogate pair was combined into U+{combined:X}"),
                    help: format!("bash itself would emit two invalid UTF-8 sequences; write `\\U{combined:08X}` instead"),
                });
                return rest;
            }
        }
    }
    if char::from_u32(c).is_some() {
        push_char(c, out);
    } else if (0xD800..0xE000).contains(&c) {
        // A lone surrogate: encoded the way bash does (three bytes that are not valid UTF-8).
        out.bytes.extend_from_slice(&[
            0xE0 | (c >> 12) as u8,
            0x80 | ((c >> 6) & 0x3f) as u8,
            0x80 | (c & 0x3f) as u8,
        ]);
        out.issues.push(Issue {
            at: esc.at,
            len: esc.len,
            message: format!("a lone UTF-16 surrogate `\\u{c:04x}` makes invalid UTF-8"),
            help: "write the character itself, or its full code point with `\\U`".into(),
        });
    } else {
        out.issues.push(Issue {
            at: esc.at,
            len: esc.len,
            message: format!("`U+{c:X}` is not a Unicode code point; dropped"),
            help: "the largest code point is `\\U0010FFFF`".into(),
        });
    }
    after
}

fn push_char(c: u32, out: &mut Decoded) {
    if let Some(ch) = char::from_u32(c) {
        let mut buf = [0u8; 4];
        out.bytes
            .extend_from_slice(ch.encode_utf8(&mut buf).as_bytes());
    }
}
