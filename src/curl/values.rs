//! nom parsers for option values: `-H` lines, `-F` specs, `-u` user:password, `-b` cookies, `--data-urlencode` forms.
//!
//! curl finds its split points (`:` in `-H`, `=` in `-F`, `@` in `--data-urlencode` …) in the
//! expanded argument. We see `$VAR` references unexpanded, so every parser works on a [`Flat`]:
//! the value's bytes with each environment reference replaced by a placeholder made of NUL and
//! ASCII digits. No separator curl looks for is a NUL or a digit, so a split can never land
//! inside a placeholder, and every piece turns back into a [`Value`] with its `Env` pieces intact.
//! (An environment variable holding a separator is split by curl at run time and not by us: the
//! lowering stage warns where that matters.)

use crate::shell::{Word, WordPart};
use crate::value::{Piece, Value};
use nom::bytes::complete::{tag, tag_no_case, take_till, take_while1};
use nom::character::complete::digit1;
use nom::combinator::{opt, recognize};
use nom::sequence::{pair, preceded, terminated};
use nom::{IResult, Parser};

/// A shell word as a value: literal parts and `$NAME` references. The curl stage is where shell
/// words become values; later stages see only [`Value`].
impl From<&Word> for Value {
    fn from(w: &Word) -> Value {
        let mut v = Value::default();
        for p in &w.parts {
            match p {
                WordPart::Lit(b) => v.push_bytes(b),
                WordPart::Env(n) => v.0.push(Piece::Env(n.clone())),
            }
        }
        v
    }
}

/// Opens and closes a placeholder. argv entries are C strings, so curl never sees a NUL; a NUL in
/// our input is still kept, as an empty placeholder.
const MARK: u8 = 0;

type Res<'a, O> = IResult<&'a [u8], O>;

/// A [`Value`] flattened to bytes for parsing, environment references kept as placeholders.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Flat {
    /// The bytes, placeholders included.
    pub bytes: Vec<u8>,
    /// The environment references the placeholders stand for, in order.
    envs: Vec<Piece>,
}

impl Flat {
    /// Flattens a value.
    pub fn new(v: &Value) -> Flat {
        let mut f = Flat::default();
        for p in &v.0 {
            match p {
                Piece::Bytes(b) => {
                    // A NUL is doubled (an empty placeholder); the runs between go in whole.
                    let mut runs = b.split(|&c| c == MARK);
                    f.bytes.extend_from_slice(runs.next().unwrap_or_default());
                    for run in runs {
                        f.bytes.extend_from_slice(&[MARK, MARK]);
                        f.bytes.extend_from_slice(run);
                    }
                }
                Piece::Env(_) | Piece::EnvEncoded { .. } | Piece::QueryFile { .. } => {
                    f.bytes.push(MARK);
                    f.bytes
                        .extend_from_slice(f.envs.len().to_string().as_bytes());
                    f.bytes.push(MARK);
                    f.envs.push(p.clone());
                }
            }
        }
        f
    }

    /// Flattens a shell word.
    pub fn from_word(w: &Word) -> Flat {
        Flat::new(&Value::from(w))
    }

    /// A flat value with no environment reference.
    pub fn literal(b: &[u8]) -> Flat {
        Flat::new(&Value::bytes(b))
    }

    /// True when the value reads at least one environment variable.
    pub fn has_env(&self) -> bool {
        !self.envs.is_empty()
    }

    /// Turns bytes cut from (or built from pieces of) [`Flat::bytes`] back into a [`Value`].
    pub fn value(&self, s: &[u8]) -> Value {
        let mut v = Value::default();
        let mut i = 0;
        while i < s.len() {
            // The literal run up to the next placeholder goes in whole.
            let run = s[i..]
                .iter()
                .position(|&c| c == MARK)
                .unwrap_or(s.len() - i);
            v.push_bytes(&s[i..i + run]);
            i += run;
            if i == s.len() {
                break;
            }
            match self.placeholder(&s[i..]) {
                Some((len, Some(p))) => {
                    v.0.push(p.clone());
                    i += len;
                }
                Some((len, None)) => {
                    v.push_bytes(&[MARK]);
                    i += len;
                }
                // A lone NUL that starts no placeholder is kept as a byte.
                None => {
                    v.push_bytes(&[MARK]);
                    i += 1;
                }
            }
        }
        v
    }

    /// Parses a placeholder at the start of `s`: its length and the env reference (None = a NUL byte).
    fn placeholder(&self, s: &[u8]) -> Option<(usize, Option<&Piece>)> {
        let digits = s
            .get(1..)?
            .iter()
            .take_while(|c| c.is_ascii_digit())
            .count();
        if s.get(1 + digits) != Some(&MARK) {
            return None;
        }
        if digits == 0 {
            return Some((2, None));
        }
        let idx: usize = std::str::from_utf8(&s[1..1 + digits]).ok()?.parse().ok()?;
        Some((digits + 2, Some(self.envs.get(idx)?)))
    }

    /// The literal bytes, or None when an environment reference is in the way.
    pub fn literal_bytes(&self, s: &[u8]) -> Option<Vec<u8>> {
        self.value(s).literal()
    }

    /// Applies `f` to the literal runs of `s`, keeping placeholders untouched.
    pub fn map_literals(&self, s: &[u8], mut f: impl FnMut(&[u8]) -> Vec<u8>) -> Value {
        let mut out = Value::default();
        for p in self.value(s).0 {
            match p {
                Piece::Bytes(b) => out.push_bytes(&f(&b)),
                p @ (Piece::Env(_) | Piece::EnvEncoded { .. } | Piece::QueryFile { .. }) => {
                    out.0.push(p)
                }
            }
        }
        out
    }
}

/// curl's `ISSPACE`: space, tab, LF, VT, FF, CR.
pub fn is_space(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r')
}

fn trim_start(s: &[u8]) -> &[u8] {
    let n = s.iter().take_while(|&&c| is_space(c)).count();
    &s[n..]
}

fn trim_end(s: &[u8]) -> &[u8] {
    let n = s.iter().rev().take_while(|&&c| is_space(c)).count();
    &s[..s.len() - n]
}

/// `take_till(c == sep)` followed by `sep`: the text before the first `sep`, and what follows it.
fn split_at_byte(sep: u8) -> impl Fn(&[u8]) -> Res<'_, &[u8]> {
    move |i: &[u8]| terminated(take_till(move |c| c == sep), tag(&[sep][..])).parse(i)
}

// ---------------------------------------------------------------------------------------------
// -H / --header

/// One `-H` argument (or one line of a `-H @file`), classified as libcurl treats it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum HeaderArg {
    /// `Name: value`: sent (the value without the blanks around it).
    Line {
        /// Text before the first colon.
        name: Value,
        /// Text after it, trimmed.
        value: Value,
    },
    /// `Name;`: sent with an empty value.
    Empty {
        /// Text before the semicolon.
        name: Value,
    },
    /// `Name:` (or `Name;` followed by blanks): nothing is sent; it only suppresses the header
    /// curl would add itself under that name.
    Remove {
        /// The suppressed name.
        name: Value,
    },
    /// `@file`: one header per line of the file (`@-`: stdin).
    File(Value),
    /// Something libcurl never sends: no colon or semicolon, an empty name, or `Name; junk`.
    Invalid,
}

/// Parses a `-H` argument: `@file`, or one header line.
pub fn header(f: &Flat) -> HeaderArg {
    if let Some(path) = f.bytes.strip_prefix(b"@") {
        return HeaderArg::File(f.value(path));
    }
    header_line(f, &f.bytes)
}

/// Parses one header line as libcurl's custom-header loop does: the name ends at the first colon;
/// without a colon, a trailing semicolon means "send it empty".
pub fn header_line(f: &Flat, line: &[u8]) -> HeaderArg {
    if let Ok((rest, name)) = split_at_byte(b':')(line) {
        if name.is_empty() {
            return HeaderArg::Invalid;
        }
        let value = trim_end(trim_start(rest));
        if value.is_empty() {
            return HeaderArg::Remove {
                name: f.value(name),
            };
        }
        return HeaderArg::Line {
            name: f.value(name),
            value: f.value(value),
        };
    }
    if let Ok((rest, name)) = split_at_byte(b';')(line) {
        if name.is_empty() {
            return HeaderArg::Invalid;
        }
        if rest.is_empty() {
            return HeaderArg::Empty {
                name: f.value(name),
            };
        }
        if trim_start(rest).is_empty() {
            return HeaderArg::Remove {
                name: f.value(name),
            };
        }
    }
    HeaderArg::Invalid
}

/// Splits the text of a `-H @file` into lines (LF, with a trailing CR dropped), skipping none:
/// curl passes every line to the header list and libcurl ignores the blank ones.
pub fn header_file_lines(text: &[u8]) -> Vec<&[u8]> {
    let mut lines: Vec<&[u8]> = text
        .split(|&c| c == b'\n')
        .map(|l| l.strip_suffix(b"\r").unwrap_or(l))
        .collect();
    if lines.last().is_some_and(|l| l.is_empty()) {
        lines.pop();
    }
    lines
}

/// True for an RFC 9110 token (a valid header name).
pub fn is_token(name: &[u8]) -> bool {
    !name.is_empty()
        && name
            .iter()
            .all(|&c| c.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&c))
}

// ---------------------------------------------------------------------------------------------
// -F / --form / --form-string: in values/form.rs

mod form;
pub use form::*;

// ---------------------------------------------------------------------------------------------
// -u / -U, --cert

/// Splits `user:password` at the first colon (curl's rule: the password may contain colons).
/// None for the password when there is no colon: curl would then prompt for one.
pub fn user_password(f: &Flat) -> (Value, Option<Value>) {
    match split_at_byte(b':')(&f.bytes) {
        Ok((pass, user)) => (f.value(user), Some(f.value(pass))),
        Err(_) => (f.value(&f.bytes), None),
    }
}

/// Splits `--cert file:passphrase` as curl does: `\:` and `\\` are escapes in the file name, and
/// a `pkcs11:` URI is kept whole.
pub fn cert(f: &Flat) -> (Value, Option<Value>) {
    let b = &f.bytes;
    if b.len() >= 7 && b[..7].eq_ignore_ascii_case(b"pkcs11:")
        || !b.iter().any(|&c| c == b':' || c == b'\\')
    {
        return (f.value(b), None);
    }
    let mut name = Vec::new();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'\\' => match b.get(i + 1) {
                None => {
                    name.push(b'\\');
                    i += 1;
                }
                Some(&c @ (b'\\' | b':')) => {
                    name.push(c);
                    i += 2;
                }
                Some(&c) => {
                    name.extend_from_slice(&[b'\\', c]);
                    i += 2;
                }
            },
            b':' => {
                let pass = &b[i + 1..];
                return (f.value(&name), (!pass.is_empty()).then(|| f.value(pass)));
            }
            c => {
                name.push(c);
                i += 1;
            }
        }
    }
    (f.value(&name), None)
}

// ---------------------------------------------------------------------------------------------
// -b / --cookie

/// What a `-b` argument is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CookieArg {
    /// It contains `=`: cookies sent as they are in a `Cookie:` header.
    Cookies(Value),
    /// No `=`: a cookie file to read.
    File(Value),
    /// No `=` in the literal text but an environment reference that may hold one.
    Unknown(Value),
}

/// Classifies a `-b` argument by curl's rule (a `=` anywhere means cookie data).
pub fn cookie(f: &Flat) -> CookieArg {
    let v = f.value(&f.bytes);
    if f.bytes.contains(&b'=') {
        CookieArg::Cookies(v)
    } else if f.has_env() {
        CookieArg::Unknown(v)
    } else {
        CookieArg::File(v)
    }
}

// ---------------------------------------------------------------------------------------------
// --data-urlencode / --url-query

/// Where `--data-urlencode` content comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum UrlEncodeContent {
    /// Text to encode.
    Text(Value),
    /// `@file`: the file's bytes, encoded.
    File(Value),
    /// `@-`: stdin, encoded.
    Stdin,
}

/// A `--data-urlencode` argument: `content`, `=content`, `name=content`, `@file`, `name@file`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UrlEncodeArg {
    /// The name, sent as is before `=` (only when non-empty).
    pub name: Option<Value>,
    /// The content, to be encoded.
    pub content: UrlEncodeContent,
}

/// Parses `--data-urlencode` by curl's rule: the first `=` splits name and content; only when
/// there is no `=` at all does the first `@` mean a file.
pub fn data_urlencode(f: &Flat) -> UrlEncodeArg {
    let b = &f.bytes[..];
    if let Ok((content, name)) = split_at_byte(b'=')(b) {
        return UrlEncodeArg {
            name: (!name.is_empty()).then(|| f.value(name)),
            content: UrlEncodeContent::Text(f.value(content)),
        };
    }
    if let Ok((path, name)) = split_at_byte(b'@')(b) {
        return UrlEncodeArg {
            name: (!name.is_empty()).then(|| f.value(name)),
            content: if path == b"-" {
                UrlEncodeContent::Stdin
            } else {
                UrlEncodeContent::File(f.value(path))
            },
        };
    }
    UrlEncodeArg {
        name: None,
        content: UrlEncodeContent::Text(f.value(b)),
    }
}

/// A `--url-query` argument.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum UrlQueryArg {
    /// `+text`: appended as is.
    Raw(Value),
    /// Anything else: the `--data-urlencode` forms.
    Encoded(UrlEncodeArg),
}

/// Parses `--url-query` (a leading `+` turns encoding off).
pub fn url_query(f: &Flat) -> UrlQueryArg {
    match f.bytes.strip_prefix(b"+") {
        Some(raw) => UrlQueryArg::Raw(f.value(raw)),
        None => UrlQueryArg::Encoded(data_urlencode(f)),
    }
}

/// The bytes `curl_easy_escape` leaves alone: `A-Z a-z 0-9 - . _ ~`.
const UNRESERVED: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// Percent-encodes as curl's `--data-urlencode` does: `curl_easy_escape` (everything but
/// `A-Z a-z 0-9 - . _ ~` as upper-case `%XX`), then `%20` turned into `+` (a `%` in the input
/// is `%25` by then, so every `%20` left is a space).
pub fn urlencode_form(b: &[u8]) -> Vec<u8> {
    escaped(b).replace("%20", "+").into_bytes()
}

/// `curl_easy_escape` alone (no `+` for spaces), used for a `-T` file name added to the URL and
/// `{{var:url}}`.
pub fn urlencode_escape(b: &[u8]) -> Vec<u8> {
    escaped(b).into_bytes()
}

fn escaped(b: &[u8]) -> String {
    percent_encoding::percent_encode(b, UNRESERVED).collect()
}

// ---------------------------------------------------------------------------------------------
// numbers

/// curl's seconds argument (`-m`, `--connect-timeout`, `--retry-delay`, …): `N`, `N.F` or `.F`,
/// converted by the private `curl::decimal` module rather than `str::parse` (see there why).
pub fn seconds(b: &[u8]) -> Option<f64> {
    let (rest, (int, frac)) = pair(
        opt(digit1::<_, nom::error::Error<&[u8]>>),
        opt(preceded(tag("."), digit1)),
    )
    .parse(b)
    .ok()?;
    if !rest.is_empty() || (int.is_none() && frac.is_none()) {
        return None;
    }
    Some(super::decimal::to_f64(
        int.unwrap_or_default(),
        frac.unwrap_or_default(),
    ))
}

/// A non-negative integer (`--retry`).
pub fn unsigned(b: &[u8]) -> Option<u64> {
    let (rest, d) = digit1::<_, nom::error::Error<&[u8]>>(b).ok()?;
    if !rest.is_empty() {
        return None;
    }
    std::str::from_utf8(d).ok()?.parse().ok()
}

/// An integer that may be negative (`--max-redirs -1`).
pub fn signed(b: &[u8]) -> Option<i64> {
    let (rest, text) = recognize(pair(
        opt(tag::<_, _, nom::error::Error<&[u8]>>("-")),
        digit1,
    ))
    .parse(b)
    .ok()?;
    if !rest.is_empty() {
        return None;
    }
    std::str::from_utf8(text).ok()?.parse().ok()
}

/// What curl makes of a byte offset (`-C N`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Offset {
    /// The offset.
    At(u64),
    /// A leading `-`: "expected a positive numerical parameter".
    Negative,
    /// Past `i64::MAX`: "too large number".
    TooLarge,
    /// Anything else strtol does not read to the end: "expected a proper numerical parameter".
    Bad,
}

/// A byte offset as curl 7.88's `str2offset` reads it: C's `strtol` with base 0, so leading
/// blanks and a `+` are skipped, `0x10` is hexadecimal and `010` octal (both verified: `-C 010`
/// sends `Range: bytes=8-`), and the whole argument must be the number.
pub fn byte_offset(b: &[u8]) -> Offset {
    if b.first() == Some(&b'-') {
        return Offset::Negative;
    }
    let start = b.iter().position(|&c| !is_space(c)).unwrap_or(b.len());
    let mut rest = &b[start..];
    if let Some(r) = rest.strip_prefix(b"+") {
        rest = r;
    } else if rest.first() == Some(&b'-') {
        // `strtol` would read ` -5` as -5; curl's check sees only the first byte, and a
        // negative offset is meaningless, so it is refused like `-5`.
        return Offset::Negative;
    }
    let (radix, digits) = match rest {
        [b'0', b'x' | b'X', d, ..] if d.is_ascii_hexdigit() => (16, &rest[2..]),
        [b'0', ..] => (8, rest),
        _ => (10, rest),
    };
    if digits.is_empty() {
        return Offset::Bad;
    }
    let mut n: u64 = 0;
    for &c in digits {
        let Some(d) = char::from(c).to_digit(radix) else {
            return Offset::Bad;
        };
        n = match n
            .checked_mul(u64::from(radix))
            .and_then(|n| n.checked_add(u64::from(d)))
        {
            Some(n) if n <= i64::MAX as u64 => n,
            _ => return Offset::TooLarge,
        };
    }
    Offset::At(n)
}

/// Splits a `;headers=@file` file as curl's `read_field_headers` does: a line starting with a blank
/// continues the previous header, a line starting with `#` is a comment, CRs are dropped, and
/// trailing blanks are trimmed.
pub fn part_header_file(text: &[u8]) -> Vec<Vec<u8>> {
    let mut out = Vec::new();
    let mut cur = Vec::new();
    let mut flush = |cur: &mut Vec<u8>| {
        let kept = trim_end(cur).len();
        cur.truncate(kept);
        if !cur.is_empty() {
            out.push(std::mem::take(cur));
        }
    };
    let mut pos = 0usize;
    let mut in_comment = false;
    for &c in text {
        if pos == 0 && !is_space(c) {
            flush(&mut cur);
        }
        match c {
            b'\r' => continue,
            b'\n' => {
                pos = 0;
                in_comment = false;
                continue;
            }
            b'#' if pos == 0 => in_comment = true,
            _ => {}
        }
        pos += 1;
        if !in_comment {
            cur.push(c);
        }
    }
    flush(&mut cur);
    out
}

#[cfg(test)]
#[path = "values/tests.rs"]
mod tests;
