//! rust literals: any bytes or environment references → source text that yields exactly those bytes.
//!
//! Text that is valid UTF-8 becomes a `&'static str` literal (a raw `r#"…"#` one when that spares
//! backslashes), other bytes a byte-string literal. Values with environment references become
//! expressions over the generated program's `env("NAME")` helper, which returns a `String`.

use crate::ir::{HexCase, Piece, QueryRead, Value};
use std::fmt::Write as _;

/// Characters written as `\u{…}` in a string literal: controls (a bare CR is not even allowed),
/// and invisible or direction-changing format characters (rustc denies bidi controls in literals,
/// and a reader cannot see the others).
fn needs_escape(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{ad}'
                | '\u{34f}'
                | '\u{61c}'
                | '\u{115f}'
                | '\u{1160}'
                | '\u{17b4}'
                | '\u{17b5}'
                | '\u{180b}'..='\u{180f}'
                | '\u{200b}'..='\u{200f}'
                | '\u{2028}'..='\u{202e}'
                | '\u{2060}'..='\u{206f}'
                | '\u{3164}'
                | '\u{fe00}'..='\u{fe0f}'
                | '\u{feff}'
                | '\u{ffa0}'
                | '\u{fff0}'..='\u{fffb}'
                | '\u{e0000}'..='\u{e0fff}'
        )
}

/// A `&'static str` literal holding exactly `s`.
pub fn str_literal(s: &str) -> String {
    let plain = !s.chars().any(needs_escape);
    if plain && (s.contains('"') || s.contains('\\')) {
        // A raw string reads like the original (JSON bodies!): enough `#` to outlast any `"#…`.
        let mut hashes = 1;
        while s.contains(&format!("\"{}", "#".repeat(hashes))) {
            hashes += 1;
        }
        let h = "#".repeat(hashes);
        return format!("r{h}\"{s}\"{h}");
    }
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\0' => out.push_str("\\0"),
            c if needs_escape(c) => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A `&'static [u8; N]` byte-string literal holding exactly `b`.
pub fn bytes_literal(b: &[u8]) -> String {
    let mut out = String::with_capacity(b.len() + 3);
    out.push_str("b\"");
    for &x in b {
        match x {
            b'"' => out.push_str("\\\""),
            b'\\' => out.push_str("\\\\"),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            b'\t' => out.push_str("\\t"),
            b'\0' => out.push_str("\\0"),
            0x20..=0x7e => out.push(x as char),
            _ => out.push_str(&format!("\\x{x:02x}")),
        }
    }
    out.push('"');
    out
}

thread_local! {
    /// Whether `env("NAME")` calls are written `env("NAME")?` (see [`with_fallible_env`]).
    static FALLIBLE_ENV: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Runs `f` with every `env("NAME")` call written as `env("NAME")?`: for programs whose `env`
/// helper returns a `Result` (the default output) instead of exiting (`--exact`).
pub fn with_fallible_env<R>(f: impl FnOnce() -> R) -> R {
    let before = FALLIBLE_ENV.with(|c| c.replace(true));
    let out = f();
    FALLIBLE_ENV.with(|c| c.set(before));
    out
}

/// The program's `env("NAME")` call: a `String`, or exit with a message when the variable is
/// unset (`env("NAME")?` inside [`with_fallible_env`]).
pub fn env_call(name: &str) -> String {
    let q = if FALLIBLE_ENV.with(|c| c.get()) {
        "?"
    } else {
        ""
    };
    format!("env({}){q}", str_literal(name))
}

/// Environment variable `name` percent-encoded by the program's helpers, a `String`:
/// `urlencode_text` (upper-case hex, as `urlencode` does for `--data-urlencode @file`) or
/// `urlencode_query` (lower-case hex).
pub fn env_encoded_call(name: &str, hex: HexCase) -> String {
    let helper = match hex {
        HexCase::Upper => "urlencode_text",
        HexCase::Lower => "urlencode_query",
    };
    format!("{helper}(&{})", env_call(name))
}

/// The program's `read_query` call: a file's contents as curl adds them to a query, a `String`
/// (`read_query(…)?` inside [`with_fallible_env`], whose programs' helpers return a `Result`).
pub fn query_file_call(path: &Value, read: QueryRead) -> String {
    // Lowering keeps a path of UTF-8 text and variables: a `&str` argument.
    let path = str_arg(path).unwrap_or_else(|| str_literal(&path.display()));
    let q = if FALLIBLE_ENV.with(|c| c.get()) {
        "?"
    } else {
        ""
    };
    let how = match read {
        QueryRead::Encode => "urlencode",
        QueryRead::StripNewlines => "strip",
        QueryRead::Raw => "raw",
        // The default output's query pairs (its `read` returns a Result).
        QueryRead::Text => {
            return format!("String::from_utf8_lossy(&read({path}){q}).into_owned()");
        }
    };
    format!("read_query({path}, \"{how}\"){q}")
}

/// A string expression for `v`: a `&'static str` literal when it has no environment reference, else
/// a `String`. `None` when its literal bytes are not UTF-8 (see [`bytes_expr`]).
pub fn str_expr(v: &Value) -> Option<String> {
    let mut parts = Vec::new();
    for p in &v.0 {
        match p {
            Piece::Bytes(b) if b.is_empty() => {}
            Piece::Bytes(b) => parts.push((str_literal(std::str::from_utf8(b).ok()?), false)),
            Piece::Env(n) => parts.push((env_call(n), true)),
            Piece::EnvEncoded { name, hex } => parts.push((env_encoded_call(name, *hex), true)),
            Piece::QueryFile { path, read } => parts.push((query_file_call(path, *read), true)),
        }
    }
    Some(match parts.as_slice() {
        [] => "\"\"".to_string(),
        [(one, _)] => one.clone(),
        _ => {
            let items: Vec<String> = parts
                .iter()
                .map(|(code, is_env)| {
                    if *is_env {
                        format!("&{code}")
                    } else {
                        code.clone()
                    }
                })
                .collect();
            format!("[{}].concat()", items.join(", "))
        }
    })
}

/// An expression for `v` as bytes that converts into a request body: a `&'static str` or
/// `String` when `v` is UTF-8 ([`str_expr`]), else a `&'static [u8]` or a `Vec<u8>`.
pub fn bytes_expr(v: &Value) -> String {
    if let Some(s) = str_expr(v) {
        return s;
    }
    let parts: Vec<String> =
        v.0.iter()
            .filter(|p| !matches!(p, Piece::Bytes(b) if b.is_empty()))
            .map(|p| match p {
                Piece::Bytes(b) => format!("&{}[..]", bytes_literal(b)),
                Piece::Env(n) => format!("{}.as_bytes()", env_call(n)),
                Piece::EnvEncoded { name, hex } => {
                    format!("{}.as_bytes()", env_encoded_call(name, *hex))
                }
                Piece::QueryFile { path, read } => {
                    format!("{}.as_bytes()", query_file_call(path, *read))
                }
            })
            .collect();
    match parts.as_slice() {
        [one] => one.clone(),
        _ => format!("[{}].concat()", parts.join(", ")),
    }
}

/// `v` as a string expression, with bytes that are not UTF-8 replaced by U+FFFD (for the places
/// reqwest only takes text: URLs, file names, credentials). The bool says whether anything was lost.
pub fn lossy_str_expr(v: &Value) -> (String, bool) {
    if let Some(s) = str_expr(v) {
        return (s, false);
    }
    let mut fixed = Value::default();
    for p in &v.0 {
        match p {
            Piece::Bytes(b) => fixed.push_bytes(String::from_utf8_lossy(b).as_bytes()),
            Piece::Env(_) | Piece::EnvEncoded { .. } | Piece::QueryFile { .. } => {
                fixed.0.push(p.clone())
            }
        }
    }
    (str_expr(&fixed).unwrap_or_else(|| "\"\"".to_string()), true)
}

/// A `&str` argument for `v`: the literal itself, or a borrow of the `String` built at run time.
pub fn str_arg(v: &Value) -> Option<String> {
    let e = str_expr(v)?;
    Some(if v.literal().is_some() {
        e
    } else {
        format!("&{e}")
    })
}

/// An `f64` literal (always with a decimal point, so `60` stays a float).
pub fn f64_literal(x: f64) -> String {
    // Integer arithmetic only: `{:?}` on f64 costs the web page core's float printer.
    if x < 0.0 {
        format!("-{}", crate::codegen::literal::decimal::float_text(-x))
    } else {
        crate::codegen::literal::decimal::float_text(x)
    }
}

/// Text safe inside a `//` comment: one line, with controls and invisible characters shown as `\u{…}`.
pub fn comment(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if needs_escape(c) {
            let _ = write!(out, "\\u{{{:x}}}", c as u32);
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_files_are_read_by_the_programs_helpers() {
        let v = crate::testing::query_file_value(QueryRead::Raw);
        assert_eq!(
            str_expr(&v).unwrap(),
            r#"["x=", &read_query("q.txt", "raw")].concat()"#
        );
        // The default output's helpers return a Result.
        let v = crate::testing::query_file_value(QueryRead::Text);
        assert_eq!(
            with_fallible_env(|| str_expr(&v)).unwrap(),
            r#"["x=", &String::from_utf8_lossy(&read("q.txt")?).into_owned()].concat()"#
        );
    }

    #[test]
    fn encoded_env_values_call_the_urlencode_helpers() {
        let v = crate::testing::encoded_env_value();
        assert_eq!(
            str_expr(&v).unwrap(),
            r#"["q=", &urlencode_text(&env("Q"))].concat()"#
        );
        let mut odd = Value::bytes(*b"\xff");
        odd.0.push(Piece::EnvEncoded {
            name: "Q".into(),
            hex: HexCase::Lower,
        });
        assert_eq!(
            bytes_expr(&odd),
            r#"[&b"\xff"[..], urlencode_query(&env("Q")).as_bytes()].concat()"#
        );
    }

    #[test]
    fn plain_text_is_a_plain_literal() {
        assert_eq!(str_literal("hello"), "\"hello\"");
        assert_eq!(str_literal(""), "\"\"");
        assert_eq!(str_literal("a\nb\tc\r\0"), "\"a\\nb\\tc\\r\\0\"");
        assert_eq!(str_literal("{a} ${b} #{c} */"), "\"{a} ${b} #{c} */\"");
        assert_eq!(str_literal("emoji 🦀 é"), "\"emoji 🦀 é\"");
    }

    #[test]
    fn quotes_and_backslashes_use_a_raw_string() {
        assert_eq!(str_literal(r#"{"a":1}"#), "r#\"{\"a\":1}\"#");
        assert_eq!(str_literal(r##"a"#b"##), "r##\"a\"#b\"##");
        assert_eq!(str_literal("C:\\dir"), "r#\"C:\\dir\"#");
        // A quote next to a newline cannot be raw (controls are escaped).
        assert_eq!(str_literal("\"\n"), "\"\\\"\\n\"");
    }

    #[test]
    fn invisible_and_bidi_characters_are_escaped() {
        assert_eq!(str_literal("a\u{2028}b"), "\"a\\u{2028}b\"");
        assert_eq!(str_literal("\u{202e}x\u{feff}"), "\"\\u{202e}x\\u{feff}\"");
        assert_eq!(str_literal("\u{7f}\u{85}"), "\"\\u{7f}\\u{85}\"");
    }

    #[test]
    fn floats_comments_and_arguments() {
        assert_eq!(f64_literal(60.0), "60.0");
        assert_eq!(f64_literal(0.05), "0.05");
        assert_eq!(comment("a\nb\u{202e}"), "a\\u{a}b\\u{202e}");
        assert_eq!(str_arg(&Value::env("P")).unwrap(), "&env(\"P\")");
        assert_eq!(str_arg(&Value::bytes("p")).unwrap(), "\"p\"");
    }

    #[test]
    fn bytes_escape_everything_outside_printable_ascii() {
        assert_eq!(
            bytes_literal(b"a\"\\\n\x00\xff~"),
            "b\"a\\\"\\\\\\n\\0\\xff~\""
        );
    }

    #[test]
    fn values_with_env_references_concatenate() {
        let mut v = Value::bytes("Bearer ");
        v.0.push(Piece::Env("TOKEN".into()));
        assert_eq!(
            str_expr(&v).unwrap(),
            "[\"Bearer \", &env(\"TOKEN\")].concat()"
        );
        assert_eq!(str_expr(&Value::env("X")).unwrap(), "env(\"X\")");
        assert_eq!(str_expr(&Value::default()).unwrap(), "\"\"");
        let mut b = Value::bytes(b"\xff".to_vec());
        b.0.push(Piece::Env("X".into()));
        assert_eq!(str_expr(&b), None);
        assert_eq!(
            bytes_expr(&b),
            "[&b\"\\xff\"[..], env(\"X\").as_bytes()].concat()"
        );
        assert_eq!(
            bytes_expr(&Value::bytes(b"\x80".to_vec())),
            "&b\"\\x80\"[..]"
        );
        assert_eq!(
            lossy_str_expr(&Value::bytes(b"a\x80".to_vec())),
            ("\"a\u{fffd}\"".into(), true)
        );
    }
    /// A tiny deterministic generator: the test prints its seed, so a failure can be replayed.
    fn lcg(state: &mut u64) -> u64 {
        *state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        *state >> 33
    }

    /// Renders ~300 random byte strings and the nasty cases as literals into ONE program, compiles it
    /// with rustc, runs it and compares the bytes it prints with the originals.
    #[test]
    fn literals_compile_to_the_exact_bytes() {
        let seed = crate::testing::seed("literals_compile_to_the_exact_bytes", 0x5eed_u64);
        let mut state = seed;
        let mut cases: Vec<Vec<u8>> = [
            "",
            "\"",
            "\\",
            "\n\r\t\0",
            "${x}",
            "\"\"\"",
            "#{x}",
            "*/",
            "/*",
            "🦀 emoji",
            "\u{2028}\u{2029}",
            "\u{202e}rtl",
            "\u{feff}",
            "r#\"raw\"#",
            "\"#",
            "\"##",
            "{}",
            "{{}}",
            "'",
            "\x7f",
            "\u{85}",
        ]
        .iter()
        .map(|s| s.as_bytes().to_vec())
        .collect();
        cases.push(vec![0xff, 0xfe, 0x00, b'"', 0x80]);
        for i in 0..300 {
            let len = (lcg(&mut state) % 24) as usize;
            let bytes: Vec<u8> = (0..len)
                .map(|_| match i % 3 {
                    // Mostly printable ASCII with the troublemakers, then any byte, then UTF-8 text.
                    0 => b" \"\\#{}$'\n\rabc\x00r"[(lcg(&mut state) % 15) as usize],
                    _ => lcg(&mut state) as u8,
                })
                .collect();
            if i % 3 == 2 {
                let s: String = String::from_utf8_lossy(&bytes)
                    .chars()
                    .chain(char::from_u32(lcg(&mut state) as u32 % 0x11000))
                    .collect();
                cases.push(s.into_bytes());
            } else {
                cases.push(bytes);
            }
        }
        let mut program = String::from(
            "use std::io::Write;\nfn env(n: &str) -> String { std::env::var(n).unwrap() }\n\
             fn show(x: impl AsRef<[u8]>) { let h: String = x.as_ref().iter().map(|b| format!(\"{b:02x}\")).collect(); \
             std::io::stdout().write_all(format!(\"{h}\\n\").as_bytes()).unwrap(); }\nfn main() {\n",
        );
        let mut expected = String::new();
        let hex = |b: &[u8]| b.iter().map(|x| format!("{x:02x}")).collect::<String>() + "\n";
        for case in &cases {
            program.push_str(&format!("    show({});\n", bytes_literal(case)));
            expected.push_str(&hex(case));
            if let Ok(s) = std::str::from_utf8(case) {
                program.push_str(&format!("    show({});\n", str_literal(s)));
                expected.push_str(&hex(case));
            }
            // The same bytes around an environment reference (C2C_ENV holds "=env=").
            let mut v = Value::bytes(case.clone());
            v.0.push(Piece::Env("C2C_ENV".into()));
            v.push_bytes(case);
            program.push_str(&format!("    show({});\n", bytes_expr(&v)));
            expected.push_str(&hex(&[case.as_slice(), b"=env=", case].concat()));
        }
        program.push_str("}\n");
        let dir = std::env::temp_dir().join(format!("c2c-rust-literal-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let src = dir.join("lit.rs");
        std::fs::write(&src, &program).unwrap();
        let out = std::process::Command::new("rustc")
            .args(["--edition", "2021", "-O", "-o"])
            .arg(dir.join("lit"))
            .arg(&src)
            .output()
            .expect("rustc runs");
        assert!(
            out.status.success(),
            "rustc failed (seed {seed}):\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let run = std::process::Command::new(dir.join("lit"))
            .env("C2C_ENV", "=env=")
            .output()
            .unwrap();
        assert!(run.status.success());
        let got = String::from_utf8(run.stdout).unwrap();
        for (i, (g, e)) in got.lines().zip(expected.lines()).enumerate() {
            assert_eq!(g, e, "line {i} differs (seed {seed})");
        }
        assert_eq!(got.lines().count(), expected.lines().count());
        let _ = std::fs::remove_dir_all(&dir);
    }
}
