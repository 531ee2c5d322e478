//! javascript literals: any bytes or environment references → source text that yields exactly those bytes.
//!
//! JavaScript strings are UTF-16, so "bytes" has two meanings in a generated program:
//! - *text*: a string whose UTF-8 encoding is the bytes (URLs, file names, bodies given to `Blob`);
//! - *byte string*: one character per byte, U+0000..=U+00FF. fetch (and undici under it) writes header
//!   names and values that way, so header bytes that are not ASCII must be written as `\xNN`.
//!
//! Bytes that are not UTF-8 cannot be text; body code uses [`chunks`], which cuts them out as
//! `Uint8Array.of(…)` pieces.

use crate::ir::{HexCase, Piece, QueryRead, Value};
use std::fmt::Write;

/// A string literal for `s`: double-quoted, single-quoted when that saves escaping `"` (JSON), or
/// a template literal with real line breaks for text of several lines.
pub fn string(s: &str) -> String {
    // Text of several lines (a pretty-printed JSON body) reads best with its line breaks kept.
    let quote = if s.trim_end_matches('\n').contains('\n') {
        '`'
    } else if s.contains('"') && !s.contains('\'') {
        '\''
    } else {
        '"'
    };
    let mut out = String::with_capacity(s.len() + 2);
    out.push(quote);
    push_text(&mut out, s, quote);
    out.push(quote);
    out
}

/// A double-quoted string literal with one character per byte (a "byte string"): what fetch puts on
/// the wire for a header is exactly these bytes.
pub fn byte_string(b: &[u8]) -> String {
    let quote = if b.contains(&b'"') && !b.contains(&b'\'') {
        '\''
    } else {
        '"'
    };
    let mut out = String::with_capacity(b.len() + 2);
    out.push(quote);
    push_bytes(&mut out, b, quote);
    out.push(quote);
    out
}

/// A `Uint8Array` expression holding exactly `b`.
pub fn bytes(b: &[u8]) -> String {
    let mut out = String::from("Uint8Array.of(");
    for (i, x) in b.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        let _ = write!(out, "0x{x:02x}");
    }
    out.push(')');
    out
}

/// The call that reads an environment variable at run time (the program defines `env`).
pub fn env(name: &str) -> String {
    format!("env({})", string(name))
}

/// An environment variable percent-encoded at run time by the program's helpers: `urlencode`
/// (bytes in, upper-case hex, as for `--data-urlencode @file`) or `urlencodeQuery` (text in,
/// lower-case hex). Either gives an ASCII string.
pub fn env_encoded(name: &str, hex: HexCase) -> String {
    match hex {
        HexCase::Upper => format!("urlencode(new TextEncoder().encode({}))", env(name)),
        HexCase::Lower => format!("urlencodeQuery({})", env(name)),
    }
}

/// A file's contents read by the program's `readQuery` helper, as curl adds them to a query (an
/// ASCII string), or its text for a library's encoder.
pub fn query_file(path: &Value, read: QueryRead) -> String {
    // Lowering keeps a path of UTF-8 text and variables; anything else would be shown lossy.
    let path = text(path).unwrap_or_else(|| string(&path.display()));
    let how = match read {
        QueryRead::Encode => "urlencode",
        QueryRead::StripNewlines => "strip",
        QueryRead::Raw => "raw",
        QueryRead::Text => return format!("await readFile({path}, \"utf8\")"),
    };
    format!("await readQuery({path}, {})", string(how))
}

/// A string expression whose UTF-8 encoding is `value`, env references read at run time. `None`
/// when a literal piece is not UTF-8 (the caller decides how to degrade).
pub fn text(value: &Value) -> Option<String> {
    let mut pieces = Vec::with_capacity(value.0.len());
    for p in &value.0 {
        match p {
            Piece::Bytes(b) => pieces.push(Part::Text(std::str::from_utf8(b).ok()?)),
            Piece::Env(n) => pieces.push(Part::Env(n)),
            Piece::EnvEncoded { name, hex } => pieces.push(Part::Encoded(name, *hex)),
            Piece::QueryFile { path, read } => pieces.push(Part::Call(query_file(path, *read))),
        }
    }
    Some(join(&pieces, false))
}

/// Like [`text`], with bytes that are not UTF-8 replaced by U+FFFD; the flag says whether any were.
pub fn text_lossy(value: &Value) -> (String, bool) {
    if let Some(t) = text(value) {
        return (t, false);
    }
    let owned: Vec<Piece> = value
        .0
        .iter()
        .map(|p| match p {
            Piece::Bytes(b) => Piece::Bytes(String::from_utf8_lossy(b).into_owned().into_bytes()),
            Piece::Env(_) | Piece::EnvEncoded { .. } | Piece::QueryFile { .. } => p.clone(),
        })
        .collect();
    (text(&Value(owned)).unwrap_or_else(|| string("")), true)
}

/// A byte-string expression for `value` (one character per byte), env references read at run time.
pub fn byte_text(value: &Value) -> String {
    let pieces: Vec<Part> = value
        .0
        .iter()
        .map(|p| match p {
            Piece::Bytes(b) => Part::Bytes(b),
            Piece::Env(n) => Part::Env(n),
            Piece::EnvEncoded { name, hex } => Part::Encoded(name, *hex),
            Piece::QueryFile { path, read } => Part::Call(query_file(path, *read)),
        })
        .collect();
    join(&pieces, true)
}

/// Expressions whose concatenation (as `Blob` parts) is exactly `value`: UTF-8 runs and env
/// references as strings, other bytes as `Uint8Array`s. Never empty.
pub fn chunks(value: &Value) -> Vec<String> {
    let mut out = Vec::new();
    let mut run: Vec<Part> = Vec::new();
    // Text runs are gathered so that `"a" + env + "b"` becomes one template literal.
    let flush = |run: &mut Vec<Part>, out: &mut Vec<String>| {
        if !run.is_empty() {
            out.push(join(run, false));
            run.clear();
        }
    };
    for p in &value.0 {
        match p {
            Piece::Env(n) => run.push(Part::Env(n)),
            Piece::EnvEncoded { name, hex } => run.push(Part::Encoded(name, *hex)),
            Piece::QueryFile { path, read } => run.push(Part::Call(query_file(path, *read))),
            Piece::Bytes(b) => {
                for chunk in b.utf8_chunks() {
                    if !chunk.valid().is_empty() {
                        run.push(Part::Text(chunk.valid()));
                    }
                    if !chunk.invalid().is_empty() {
                        flush(&mut run, &mut out);
                        out.push(bytes(chunk.invalid()));
                    }
                }
            }
        }
    }
    flush(&mut run, &mut out);
    if out.is_empty() {
        out.push(string(""));
    }
    out
}

/// A JavaScript number literal for `x` (non-finite values become `Infinity` or `0`).
pub fn number(x: f64) -> String {
    if x.is_nan() {
        "0".to_string()
    } else if x.is_infinite() {
        if x > 0.0 { "Infinity" } else { "-Infinity" }.to_string()
    } else {
        // Integer arithmetic only (`1`, `0.05`, or the exact value in scientific notation):
        // `{:?}` on f64 costs the web page core's float printer.
        if x < 0.0 {
            format!("-{}", crate::codegen::literal::decimal::float_text(-x))
        } else {
            crate::codegen::literal::decimal::float_text(x)
        }
    }
}

/// One piece of an expression being assembled.
enum Part<'a> {
    Text(&'a str),
    Bytes(&'a [u8]),
    Env(&'a str),
    /// An environment variable, percent-encoded ([`env_encoded`]).
    Encoded(&'a str, HexCase),
    /// A call that gives a string ([`query_file`]).
    Call(String),
}

/// Joins pieces into one expression: a plain literal when there is no env reference, else a
/// template literal. `bytes` chooses byte-string escaping for byte pieces.
fn join(pieces: &[Part], byte_mode: bool) -> String {
    let has_env = pieces
        .iter()
        .any(|p| matches!(p, Part::Env(_) | Part::Encoded(..) | Part::Call(_)));
    if !has_env {
        let mut bytes = Vec::new();
        for p in pieces {
            match p {
                Part::Text(t) => bytes.extend_from_slice(t.as_bytes()),
                Part::Bytes(b) => bytes.extend_from_slice(b),
                Part::Env(_) | Part::Encoded(..) | Part::Call(_) => {}
            }
        }
        return match (byte_mode, String::from_utf8(bytes)) {
            (false, Ok(s)) => string(&s),
            (_, Ok(s)) if s.is_ascii() => string(&s),
            (_, Ok(s)) => byte_string(s.as_bytes()),
            (_, Err(e)) => byte_string(e.as_bytes()),
        };
    }
    match pieces {
        [Part::Env(n)] => return env(n),
        [Part::Encoded(n, hex)] => return env_encoded(n, *hex),
        [Part::Call(call)] => return call.clone(),
        _ => {}
    }
    let mut out = String::from("`");
    for p in pieces {
        match p {
            Part::Text(t) => push_text(&mut out, t, '`'),
            Part::Bytes(b) if byte_mode => push_bytes(&mut out, b, '`'),
            Part::Bytes(b) => push_text(&mut out, &String::from_utf8_lossy(b), '`'),
            Part::Env(n) => {
                out.push_str("${");
                out.push_str(&env(n));
                out.push('}');
            }
            Part::Encoded(n, hex) => {
                out.push_str("${");
                out.push_str(&env_encoded(n, *hex));
                out.push('}');
            }
            Part::Call(call) => {
                out.push_str("${");
                out.push_str(call);
                out.push('}');
            }
        }
    }
    out.push('`');
    out
}

/// A template literal of text and expressions (`(true, expr)`), or a plain string literal when
/// there is no expression; newlines escaped, so the literal stays on one line.
pub fn template(parts: &[(bool, String)]) -> String {
    if parts.iter().all(|(is_expr, _)| !is_expr) {
        return string(&parts.iter().map(|(_, t)| t.as_str()).collect::<String>());
    }
    let mut out = String::from("`");
    for (is_expr, part) in parts {
        if *is_expr {
            let _ = write!(out, "${{{part}}}");
            continue;
        }
        for (i, line) in part.split('\n').enumerate() {
            if i > 0 {
                out.push_str("\\n");
            }
            push_text(&mut out, line, '`');
        }
    }
    out.push('`');
    out
}

/// Appends `s` escaped for a literal delimited by `quote` (`"` or `` ` ``).
fn push_text(out: &mut String, s: &str, quote: char) {
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            // A template literal keeps a raw LF as it is (a raw CR would become LF: escaped below).
            '\n' if quote == '`' => out.push('\n'),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            // `${` would start an interpolation in a template literal.
            '$' if quote == '`' && chars.peek() == Some(&'{') => out.push_str("\\$"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            // `\0` before a digit is a syntax error in strict code: always use `\x00`.
            c if (c as u32) < 0x20 || ('\u{7f}'..='\u{9f}').contains(&c) => {
                let _ = write!(out, "\\x{:02x}", c as u32);
            }
            c if is_invisible(c) && (c as u32) <= 0xffff => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c if is_invisible(c) => {
                let _ = write!(out, "\\u{{{:x}}}", c as u32);
            }
            c => out.push(c),
        }
    }
}

/// Appends bytes, one character each: printable ASCII as is, the rest as `\xNN`.
fn push_bytes(out: &mut String, b: &[u8], quote: char) {
    for (i, &x) in b.iter().enumerate() {
        match x {
            b'\\' => out.push_str("\\\\"),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            b'\t' => out.push_str("\\t"),
            b'$' if quote == '`' && b.get(i + 1) == Some(&b'{') => out.push_str("\\$"),
            x if x as char == quote => {
                out.push('\\');
                out.push(x as char);
            }
            0x20..=0x7e => out.push(x as char),
            x => {
                let _ = write!(out, "\\x{x:02x}");
            }
        }
    }
}

/// Characters that are valid in a literal but invisible or that reorder text when displayed:
/// written as `\uXXXX` so that a reader sees them.
fn is_invisible(c: char) -> bool {
    matches!(c as u32,
        0xad | 0x34f | 0x61c | 0x115f | 0x1160 | 0x17b4 | 0x17b5 | 0x180b..=0x180f
        | 0x200b..=0x200f | 0x2028..=0x202e | 0x2060..=0x206f | 0x3164 | 0xfe00..=0xfe0f
        | 0xfeff | 0xffa0 | 0xfff0..=0xfffb | 0xe0000..=0xe0fff)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn template_literals_escape_text_and_keep_expressions() {
        let parts = [(false, "a`${b}\n".to_string()), (true, "x.y".to_string())];
        assert_eq!(template(&parts), r"`a\`\${b}\n${x.y}`");
        assert_eq!(template(&[(false, "no\n".into())]), r#""no\n""#);
    }

    #[test]
    fn query_files_are_read_by_the_programs_helpers() {
        let v = crate::testing::query_file_value(QueryRead::StripNewlines);
        assert_eq!(
            text(&v).unwrap(),
            r#"`x=${await readQuery("q.txt", "strip")}`"#
        );
        let v = crate::testing::query_file_value(QueryRead::Text);
        assert_eq!(
            text(&v).unwrap(),
            r#"`x=${await readFile("q.txt", "utf8")}`"#
        );
    }

    #[test]
    fn strings_escape_what_javascript_needs() {
        assert_eq!(string("a\"b\\c\n"), r#"'a"b\\c\n'"#);
        assert_eq!(string("a\"b'"), r#""a\"b'""#);
        assert_eq!(
            string("{\n  \"a\": `${x}`\r\n}"),
            "`{\n  \"a\": \\`\\${x}\\`\\r\n}`"
        );
        assert_eq!(string("\0"), r#""\x00""#);
        assert_eq!(string("x\u{2028}y\u{feff}"), r#""x\u2028y\ufeff""#);
        assert_eq!(string("é🙂${x}`"), "\"é🙂${x}`\"");
    }

    #[test]
    fn byte_strings_are_one_char_per_byte() {
        assert_eq!(byte_string("café".as_bytes()), r#""caf\xc3\xa9""#);
        assert_eq!(byte_string(b"\xff\x00"), r#""\xff\x00""#);
    }

    #[test]
    fn encoded_env_values_call_the_urlencode_helpers() {
        let v = crate::testing::encoded_env_value();
        assert_eq!(
            text(&v).unwrap(),
            r#"`q=${urlencode(new TextEncoder().encode(env("Q")))}`"#
        );
        assert_eq!(chunks(&v), vec![text(&v).unwrap()]);
        let lower = Value(vec![Piece::EnvEncoded {
            name: "Q".into(),
            hex: HexCase::Lower,
        }]);
        assert_eq!(byte_text(&lower), r#"urlencodeQuery(env("Q"))"#);
    }

    #[test]
    fn env_references_make_template_literals() {
        let mut v = Value::bytes("Bearer ${x} `");
        v.0.push(Piece::Env("TOKEN".into()));
        assert_eq!(text(&v).unwrap(), r#"`Bearer \${x} \`${env("TOKEN")}`"#);
        assert_eq!(text(&Value::env("A")).unwrap(), r#"env("A")"#);
        assert_eq!(byte_text(&v), r#"`Bearer \${x} \`${env("TOKEN")}`"#);
        // A `$` before an interpolation stays a plain character.
        let v = Value(vec![Piece::Bytes(b"$".to_vec()), Piece::Env("A".into())]);
        assert_eq!(text(&v).unwrap(), r#"`$${env("A")}`"#);
    }

    #[test]
    fn chunks_cut_out_bytes_that_are_not_utf8() {
        let v = Value::bytes(b"ab\xffc".to_vec());
        assert_eq!(chunks(&v), vec![r#""ab""#, "Uint8Array.of(0xff)", r#""c""#]);
        assert_eq!(chunks(&Value::default()), vec![r#""""#]);
        assert!(text(&v).is_none());
        assert_eq!(text_lossy(&v), ("\"ab\u{fffd}c\"".to_string(), true));
    }

    #[test]
    fn numbers() {
        assert_eq!(number(1.0), "1.0");
        assert_eq!(number(0.05), "0.05");
        assert_eq!(number(f64::INFINITY), "Infinity");
        assert_eq!(number(f64::NAN), "0");
    }

    use crate::testing::Rng;

    const NASTY: [&str; 16] = [
        "\"",
        "'",
        "`",
        "\\",
        "${",
        "$",
        "\"\"\"",
        "#{",
        "*/",
        "</script>",
        "\u{2028}",
        "\u{2029}",
        "\u{1f642}",
        "\r\n",
        "\0",
        "\u{feff}",
    ];

    fn random_bytes(rng: &mut Rng) -> Vec<u8> {
        let mut out = Vec::new();
        for _ in 0..rng.below(12) {
            match rng.below(4) {
                0 => out.extend_from_slice(NASTY[rng.below(NASTY.len())].as_bytes()),
                1 => out.push(rng.below(256) as u8),
                2 => {
                    let c = char::from_u32(rng.below(0x11_0000) as u32).unwrap_or('\u{fffd}');
                    out.extend_from_slice(c.to_string().as_bytes());
                }
                _ => out.push(0x20 + rng.below(0x5f) as u8),
            }
        }
        out
    }

    fn hex(b: &[u8]) -> String {
        b.iter().map(|x| format!("{x:02x}")).collect()
    }

    /// Renders ~300 random byte strings and the nasty cases every way this module can, runs ONE
    /// node program that prints each literal's bytes as hex, and compares with the input bytes.
    #[test]
    fn literals_round_trip_through_node() {
        if !crate::testing::have("node") {
            return;
        }
        let seed = crate::testing::seed("literals_round_trip_through_node", 0x5eed_1234_u64);
        let mut rng = Rng::new(seed);
        let mut cases: Vec<Vec<u8>> = NASTY.iter().map(|s| s.as_bytes().to_vec()).collect();
        cases.push(b"\xff\xfe\x00\x80".to_vec());
        cases.push(b"{\n  \"a\": `${x}`,\n  \"b\": \"\\\\\"\r\n}\n\n".to_vec());
        cases.push(Vec::new());
        for _ in 0..300 {
            cases.push(random_bytes(&mut rng));
        }
        // Env values round-trip as text: the child gets E1 = "<a UTF-8 string>".
        let env_value = "env $ ` \\ \u{e9}";
        let mut program = String::from(
            "const env = (n) => process.env[n];\n\
             const hex = (u8) => Buffer.from(u8).toString(\"hex\");\n\
             const utf8 = (s) => hex(new TextEncoder().encode(s));\n\
             const latin1 = (s) => { if (/[^\\x00-\\xff]/.test(s)) throw new Error(\"not a byte string\"); return hex(Buffer.from(s, \"latin1\")); };\n\
             const blob = async (parts) => hex(new Uint8Array(await new Blob(parts).arrayBuffer()));\n\
             const out = [];\n",
        );
        let mut expected = Vec::new();
        for (i, b) in cases.iter().enumerate() {
            let value = Value::bytes(b.clone());
            if let Ok(s) = std::str::from_utf8(b) {
                let _ = writeln!(program, "out.push(utf8({}));", string(s));
                expected.push(hex(b));
                let _ = writeln!(program, "out.push(utf8({}));", text(&value).unwrap());
                expected.push(hex(b));
            }
            let _ = writeln!(program, "out.push(latin1({}));", byte_string(b));
            expected.push(hex(b));
            let _ = writeln!(program, "out.push(latin1({}));", byte_text(&value));
            expected.push(hex(b));
            let _ = writeln!(
                program,
                "out.push(await blob([{}]));",
                chunks(&value).join(", ")
            );
            expected.push(hex(b));
            let _ = writeln!(program, "out.push(hex({}));", bytes(b));
            expected.push(hex(b));
            // The same bytes around an env reference: a template literal.
            let mut with_env = value.clone();
            with_env.0.push(Piece::Env("E1".into()));
            with_env.push_value(&value);
            let mut want = b.clone();
            want.extend_from_slice(env_value.as_bytes());
            want.extend_from_slice(b);
            let _ = writeln!(
                program,
                "out.push(await blob([{}]));",
                chunks(&with_env).join(", ")
            );
            expected.push(hex(&want));
            if i % 50 == 0 {
                program.push_str("// checkpoint\n");
            }
        }
        program.push_str("process.stdout.write(out.join(\"\\n\") + \"\\n\");\n");
        let dir =
            std::env::temp_dir().join(format!("curl2code-js-literals-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("literals.mjs");
        std::fs::write(&file, &program).unwrap();
        let out = std::process::Command::new("timeout")
            .args(["60", "node"])
            .arg(&file)
            .env("E1", env_value)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "node failed (seed {seed}, program {}): {}",
            file.display(),
            String::from_utf8_lossy(&out.stderr)
        );
        let got: Vec<&str> = std::str::from_utf8(&out.stdout).unwrap().lines().collect();
        assert_eq!(got.len(), expected.len(), "seed {seed}");
        for (i, (g, e)) in got.iter().zip(&expected).enumerate() {
            assert_eq!(
                g,
                e,
                "literal {i} differs (seed {seed}, program {})",
                file.display()
            );
        }
        let _ = std::fs::remove_dir_all(&dir);
    }
}
