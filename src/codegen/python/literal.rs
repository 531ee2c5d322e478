//! python literals: any bytes or environment references → source text that yields exactly those bytes.
//!
//! Python strings are text and bytes are bytes, and the libraries encode text differently
//! (http.client sends `str` header values as Latin-1, requests and urllib3 encode bodies and
//! multipart fields as UTF-8), so every value is rendered for a [`Kind`] of destination.

use crate::ir::{HexCase, Piece, QueryRead, Value};

/// What the generated program does with a value, which decides between `str` and `bytes`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Encoded as UTF-8 by the library (multipart fields, file names, paths): a `str` when the
    /// bytes are UTF-8, `bytes` otherwise.
    Text,
    /// A header value or Basic credential: http.client encodes `str` as Latin-1, so a `str` only
    /// when the literal bytes are ASCII, `bytes` otherwise.
    Header,
    /// Raw bytes (a request body): always `bytes`.
    Bytes,
}

/// A Python expression that evaluates to `value`'s bytes in a form fit for `kind`.
///
/// Environment references become `env("NAME")` (a `str`), or `env("NAME").encode()` when the
/// expression has to be `bytes`; encoded ones go through the program's `urlencode` helpers.
pub fn value(value: &Value, kind: Kind) -> String {
    let literal_ok = |b: &Vec<u8>| match kind {
        Kind::Text => std::str::from_utf8(b).is_ok(),
        Kind::Header => b.is_ascii(),
        Kind::Bytes => false,
    };
    let as_str = kind != Kind::Bytes
        && value.0.iter().all(|p| match p {
            Piece::Bytes(b) => literal_ok(b),
            Piece::Env(_) | Piece::EnvEncoded { .. } | Piece::QueryFile { .. } => true,
        });
    let pieces: Vec<String> = value
        .0
        .iter()
        .filter(|p| !matches!(p, Piece::Bytes(b) if b.is_empty()))
        .map(|p| match (p, as_str) {
            (Piece::Bytes(b), true) => str_lit(&String::from_utf8_lossy(b)),
            (Piece::Bytes(b), false) => bytes_expr(b),
            (Piece::Env(n), true) => env(n),
            (Piece::Env(n), false) => format!("{}.encode()", env(n)),
            (Piece::EnvEncoded { name, hex }, _) => env_encoded(name, *hex, as_str),
            (Piece::QueryFile { path, read }, true) => query_file(path, *read),
            (Piece::QueryFile { path, read }, false) => {
                format!("{}.encode()", query_file(path, *read))
            }
        })
        .collect();
    match (pieces.is_empty(), as_str) {
        (true, true) => "\"\"".to_string(),
        (true, false) => "b\"\"".to_string(),
        _ => pieces.join(" + "),
    }
}

/// A `str` expression for `value`; bytes that are not UTF-8 are replaced (callers warn first).
pub fn text(value: &Value) -> String {
    let pieces = text_parts(value);
    if pieces.is_empty() {
        "\"\"".to_string()
    } else {
        pieces.join(" + ")
    }
}

/// The operands of [`text`]: a literal per run of bytes and a call per environment variable.
pub fn text_parts(value: &Value) -> Vec<String> {
    value
        .0
        .iter()
        .filter(|p| !matches!(p, Piece::Bytes(b) if b.is_empty()))
        .map(|p| match p {
            Piece::Bytes(b) => str_lit(&String::from_utf8_lossy(b)),
            Piece::Env(n) => env(n),
            Piece::EnvEncoded { name, hex } => env_encoded(name, *hex, true),
            Piece::QueryFile { path, read } => query_file(path, *read),
        })
        .collect()
}

/// The generated program's call that reads environment variable `name`.
pub fn env(name: &str) -> String {
    format!("env({})", str_lit(name))
}

/// Environment variable `name`, percent-encoded by the program's helpers: `urlencode` (bytes in,
/// bytes out, upper-case hex as for `--data-urlencode @file`) or `urlencode_query` (str in and
/// out, lower-case hex). A `str` expression when `as_str`, else `bytes`.
pub fn env_encoded(name: &str, hex: HexCase, as_str: bool) -> String {
    match (hex, as_str) {
        (HexCase::Upper, false) => format!("urlencode({}.encode())", env(name)),
        (HexCase::Upper, true) => format!("urlencode({}.encode()).decode()", env(name)),
        (HexCase::Lower, false) => format!("urlencode_query({}).encode()", env(name)),
        (HexCase::Lower, true) => format!("urlencode_query({})", env(name)),
    }
}

/// A file's contents read by the program's `read_query` helper, as curl adds them to a query, or
/// its text for a library's encoder (a `str`).
pub fn query_file(path: &Value, read: QueryRead) -> String {
    let path = text(path);
    let how = match read {
        QueryRead::Encode => "urlencode",
        QueryRead::StripNewlines => "strip",
        QueryRead::Raw => "raw",
        QueryRead::Text => return format!("read_file({path}).decode()"),
    };
    format!("read_query({path}, {})", str_lit(how))
}

/// The most readable expression for `b` as `bytes`: `b"…"` for ASCII, `"…".encode()` for other
/// UTF-8 text, `b"\x.."` escapes otherwise.
pub fn bytes_expr(b: &[u8]) -> String {
    match std::str::from_utf8(b) {
        Ok(s) if !s.is_ascii() => format!("{}.encode()", str_lit(s)),
        _ => bytes_lit(b),
    }
}

/// A `str` literal for `s`.
pub fn str_lit(s: &str) -> String {
    let quote = quote_for(s.matches('"').count(), s.matches('\'').count());
    let mut out = String::with_capacity(s.len() + 2);
    out.push(quote);
    push_inside(&mut out, s, quote, false);
    out.push(quote);
    out
}

/// An f-string of text and expressions (`(true, expr)`), quoted with `quote`: braces in the text
/// doubled, the quote and backslashes escaped. The expressions must not hold `quote` or a
/// backslash (Python before 3.12 allows neither inside the braces).
pub fn f_string(parts: &[(bool, String)], quote: char) -> String {
    let mut out = format!("f{quote}");
    for (is_expr, part) in parts {
        if *is_expr {
            debug_assert!(!part.contains(quote) && !part.contains('\\'));
            out.push('{');
            out.push_str(part);
            out.push('}');
        } else {
            push_inside(&mut out, part, quote, true);
        }
    }
    out.push(quote);
    out
}

/// Appends `s` as the inside of a `quote`-quoted literal; `braces`: doubled, as f-string text.
fn push_inside(out: &mut String, s: &str, quote: char, braces: bool) {
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '{' | '}' if braces => {
                out.push(c);
                out.push(c);
            }
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            _ => push_escaped(out, c),
        }
    }
}

/// Double quotes, unless single quotes need fewer escapes (`'{"a": 1}'`): black's rule.
fn quote_for(doubles: usize, singles: usize) -> char {
    if doubles > singles { '\'' } else { '"' }
}

/// A `bytes` literal for `b`: printable ASCII as is, everything else escaped.
pub fn bytes_lit(b: &[u8]) -> String {
    let count = |q: u8| b.iter().filter(|&&c| c == q).count();
    let quote = quote_for(count(b'"'), count(b'\''));
    let mut out = String::with_capacity(b.len() + 3);
    out.push('b');
    out.push(quote);
    for &byte in b {
        match byte {
            b'\\' => out.push_str("\\\\"),
            byte if char::from(byte) == quote => {
                out.push('\\');
                out.push(quote);
            }
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            b'\t' => out.push_str("\\t"),
            0x20..=0x7e => out.push(char::from(byte)),
            _ => out.push_str(&format!("\\x{byte:02x}")),
        }
    }
    out.push(quote);
    out
}

/// `s` made safe for a `#` comment: no line breaks, control or invisible characters (they are
/// shown escaped), so pasted text can never end the comment or hide code.
pub fn comment(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        push_escaped(&mut out, c);
    }
    out
}

/// Pushes `c`, escaped when it is a control character or would be invisible or misleading in
/// source code (line separators, zero-width and bidirectional controls: "Trojan Source").
fn push_escaped(out: &mut String, c: char) {
    match c {
        '\n' => out.push_str("\\n"),
        '\r' => out.push_str("\\r"),
        '\t' => out.push_str("\\t"),
        c if (c as u32) < 0x100 && (c.is_control() || c == '\u{ad}') => {
            out.push_str(&format!("\\x{:02x}", c as u32))
        }
        c if hidden(c) => {
            let n = c as u32;
            if n <= 0xffff {
                out.push_str(&format!("\\u{n:04x}"));
            } else {
                out.push_str(&format!("\\U{n:08x}"));
            }
        }
        c => out.push(c),
    }
}

/// Characters that render as nothing, reorder text or break lines in some editors.
fn hidden(c: char) -> bool {
    matches!(c as u32,
        0x034f | 0x061c | 0x115f | 0x1160 | 0x17b4 | 0x17b5 | 0x180b..=0x180f | 0x200b..=0x200f
        | 0x2028..=0x202e | 0x2060..=0x206f | 0x3164 | 0xfe00..=0xfe0f | 0xfeff | 0xffa0
        | 0xfff0..=0xffff | 0x1d173..=0x1d17a | 0xe0000..=0xe0fff)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fmt::Write as _;

    #[test]
    fn query_files_are_read_by_the_programs_helpers() {
        let v = crate::testing::query_file_value(QueryRead::Encode);
        assert_eq!(text(&v), r#""x=" + read_query("q.txt", "urlencode")"#);
        assert_eq!(
            value(&v, Kind::Bytes),
            r#"b"x=" + read_query("q.txt", "urlencode").encode()"#
        );
        let v = crate::testing::query_file_value(QueryRead::Text);
        assert_eq!(text(&v), r#""x=" + read_file("q.txt").decode()"#);
    }

    #[test]
    fn str_and_bytes_literals_escape_what_they_must() {
        assert_eq!(str_lit(r#"a"b\c"#), r#"'a"b\\c'"#);
        assert_eq!(str_lit(r#"a"b'c"#), r#""a\"b'c""#);
        assert_eq!(str_lit(r#"it's "q""#), r#"'it\'s "q"'"#);
        assert_eq!(
            f_string(&[(false, "a{b}\\\"'\n".into()), (true, "x.y".into())], '"'),
            r#"f"a{{b}}\\\"'\n{x.y}""#
        );
        assert_eq!(bytes_lit(br#"{"a": 1}"#), r#"b'{"a": 1}'"#);
        assert_eq!(str_lit("x\ny\0\u{2028}é"), r#""x\ny\x00\u2028é""#);
        assert_eq!(str_lit("{x} ${y} #{z} */"), r#""{x} ${y} #{z} */""#);
        assert_eq!(bytes_lit(b"\xff\"'\\\n"), r#"b"\xff\"'\\\n""#);
        assert_eq!(bytes_expr("é".as_bytes()), r#""é".encode()"#);
        assert_eq!(bytes_expr(b"plain"), r#"b"plain""#);
        assert_eq!(comment("a\nb\u{202e}c"), r"a\nb\u202ec");
    }

    #[test]
    fn values_pick_str_or_bytes_by_kind() {
        let mut v = Value::bytes("Bearer ");
        v.0.push(Piece::Env("TOKEN".into()));
        assert_eq!(value(&v, Kind::Header), r#""Bearer " + env("TOKEN")"#);
        assert_eq!(
            value(&v, Kind::Bytes),
            r#"b"Bearer " + env("TOKEN").encode()"#
        );
        assert_eq!(value(&Value::bytes("é"), Kind::Header), r#""é".encode()"#);
        assert_eq!(value(&Value::bytes("é"), Kind::Text), r#""é""#);
        assert_eq!(value(&Value::bytes(*b"\xff"), Kind::Text), r#"b"\xff""#);
        assert_eq!(value(&Value::default(), Kind::Bytes), r#"b"""#);
        assert_eq!(value(&Value::default(), Kind::Text), r#""""#);
        assert_eq!(text(&Value::env("HOST")), r#"env("HOST")"#);
    }

    #[test]
    fn encoded_env_values_call_the_urlencode_helpers() {
        let v = crate::testing::encoded_env_value();
        assert_eq!(
            value(&v, Kind::Bytes),
            r#"b"q=" + urlencode(env("Q").encode())"#
        );
        assert_eq!(
            value(&v, Kind::Header),
            r#""q=" + urlencode(env("Q").encode()).decode()"#
        );
        let lower = Value(vec![Piece::EnvEncoded {
            name: "Q".into(),
            hex: HexCase::Lower,
        }]);
        assert_eq!(text(&lower), r#"urlencode_query(env("Q"))"#);
        assert_eq!(
            value(&lower, Kind::Bytes),
            r#"urlencode_query(env("Q")).encode()"#
        );
    }

    use crate::testing::Rng;

    fn random_bytes(rng: &mut Rng) -> Vec<u8> {
        let len = rng.below(24);
        match rng.below(3) {
            // Arbitrary bytes, mostly not UTF-8.
            0 => (0..len).map(|_| rng.below(256) as u8).collect(),
            // Printable ASCII with the characters that need escaping.
            1 => {
                let alphabet = b" \"\\'{}$#*/\n\r\tazAZ09";
                (0..len)
                    .map(|_| alphabet[rng.below(alphabet.len())])
                    .collect()
            }
            // Random Unicode scalar values, UTF-8 encoded.
            _ => (0..len)
                .filter_map(|_| char::from_u32(rng.below(0x11_0000) as u32))
                .collect::<String>()
                .into_bytes(),
        }
    }

    fn hex(b: &[u8]) -> String {
        b.iter().map(|x| format!("{x:02x}")).collect()
    }

    /// Renders every case as a literal in one Python program that prints each value's bytes as
    /// hex, runs it once, and compares with the bytes we meant.
    #[test]
    fn python_reads_back_exactly_the_bytes() {
        let seed = crate::testing::seed("python_reads_back_exactly_the_bytes", 0x5eed_2024_u64);
        if !crate::testing::have("python3") {
            return;
        }
        let mut rng = Rng::new(seed);
        let mut cases: Vec<Vec<u8>> = [
            &b""[..],
            b"\"\"\"",
            b"'''",
            b"${HOME}",
            b"#{x}",
            b"*/",
            b"\\",
            b"\\x41",
            b"\\N{BULLET}",
            b"\0",
            b"a\r\nb",
            b"\xff\xfe",
            b"\xed\xa0\x80",
            "😀 emoji".as_bytes(),
            "line\u{2028}sep\u{2029}".as_bytes(),
            "bidi\u{202e}evil\u{2066}".as_bytes(),
            "zero\u{200b}width\u{feff}".as_bytes(),
            "\u{e0041}tag".as_bytes(),
            "\u{85}\u{9f}\u{a0}\u{ad}".as_bytes(),
            b"{{ askama }} {% if %}",
        ]
        .iter()
        .map(|b| b.to_vec())
        .collect();
        cases.extend((0..300).map(|_| random_bytes(&mut rng)));

        // Environment values the program will see, mixed into some values.
        let envs = [("C2C_A", "plain"), ("C2C_B", "ünï €")];
        let mut program = String::from(
            "import os, sys\n\
             def env(name):\n    return os.environ[name]\n\
             def out(x, kind):\n\
             \x20   if isinstance(x, str):\n\
             \x20       x = x.encode('latin-1' if kind == 'header' else 'utf-8')\n\
             \x20   sys.stdout.write(x.hex() + '\\n')\n",
        );
        let mut expected = String::new();
        for (i, case) in cases.iter().enumerate() {
            let mut v = Value::bytes(case.clone());
            let mut want = case.clone();
            if i % 5 == 1 {
                let (name, val) = envs[i % 2];
                v.0.push(Piece::Env(name.into()));
                v.push_bytes(case);
                want.extend_from_slice(val.as_bytes());
                want.extend_from_slice(case);
            }
            for (kind, label) in [
                (Kind::Text, "text"),
                (Kind::Header, "header"),
                (Kind::Bytes, "bytes"),
            ] {
                // A Latin-1 header cannot carry the non-ASCII env value: checked by the Text kind.
                if kind == Kind::Header && v.env_names().count() > 0 && i % 2 == 1 {
                    continue;
                }
                writeln!(program, "out({}, {label:?})", value(&v, kind)).unwrap();
                writeln!(expected, "{}", hex(&want)).unwrap();
            }
            if let Ok(s) = std::str::from_utf8(case) {
                writeln!(program, "out({}, 'text')", str_lit(s)).unwrap();
                writeln!(program, "# {}", comment(s)).unwrap();
                writeln!(expected, "{}", hex(case)).unwrap();
            }
        }
        let dir = std::env::temp_dir().join(format!("c2c-pylit-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("literals.py");
        std::fs::write(&path, &program).unwrap();
        let output = std::process::Command::new("python3")
            .arg(&path)
            .envs(envs)
            .output()
            .expect("python3 runs");
        let stdout = String::from_utf8_lossy(&output.stdout);
        assert!(
            output.status.success(),
            "python3 failed (seed {seed}): {}",
            String::from_utf8_lossy(&output.stderr)
        );
        for (n, (got, want)) in stdout.lines().zip(expected.lines()).enumerate() {
            assert_eq!(
                got,
                want,
                "value {n} differs (seed {seed}); program in {}",
                path.display()
            );
        }
        assert_eq!(
            stdout.lines().count(),
            expected.lines().count(),
            "seed {seed}"
        );
        let _ = std::fs::remove_dir_all(&dir);
    }
}
