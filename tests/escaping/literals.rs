//! Literal modules (src/codegen/<lang>/literal.rs): random bytes, strings and Values must decode back
//! to exactly themselves under each language's literal rules (tests/escaping/decode.rs).

use super::decode::{self, Val};
use super::{DATA, Rng, env_usize, seed, text};
use curl2code::codegen::{
    javascript::literal as javascript, python::literal as python, rust::literal as rust,
};
use curl2code::ir::{HexCase, Piece, Value};
use std::io::Write as _;

/// Salt so these draws differ from the wire cases'.
const SALT: u64 = 0x117E_8A15;

/// The fake environment every `env("NAME")` reads.
fn env(name: &str) -> String {
    format!("<{name}>")
}

/// Bytes of every kind: the wire generator's nasty text, NUL, and uniformly random bytes.
fn bytes(rng: &mut Rng) -> Vec<u8> {
    match rng.below(4) {
        0 => (0..rng.range(0, 12))
            .map(|_| rng.below(256) as u8)
            .collect(),
        1 => {
            let mut b = text(rng, DATA, 8);
            b.insert(rng.below(b.len() + 1), 0);
            b
        }
        _ => text(rng, DATA, 8),
    }
}

/// Characters of every kind: controls, Latin-1, the invisible and bidi ones the modules must
/// escape, noncharacters, tags, astral planes.
fn string(rng: &mut Rng) -> String {
    (0..rng.range(0, 12))
        .map(|_| {
            let n = match rng.below(8) {
                0 => rng.range(0, 0x7f) as u32,
                1 => rng.range(0x80, 0xff) as u32,
                2 => *rng.pick(&[
                    0xad, 0x34f, 0x61c, 0x200b, 0x200d, 0x200e, 0x2028, 0x2029, 0x202a, 0x202e,
                    0x2066, 0x2069, 0xfeff, 0xfff9, 0xfffe, 0xffff, 0xe0001, 0x10ffff,
                ]),
                3 => rng.range(0x100, 0xd7ff) as u32,
                4 => rng.range(0xe000, 0xffff) as u32,
                5 => rng.range(0x10000, 0x10ffff) as u32,
                _ => u32::from(*rng.pick(b"\"'\\`${}#*/ \n\r\t%0")),
            };
            char::from_u32(n).unwrap_or('?')
        })
        .collect()
}

/// A Value as lowering builds them: literal runs merged, env references between them.
fn value(rng: &mut Rng) -> Value {
    let mut v = Value::default();
    for _ in 0..rng.range(0, 4) {
        if rng.chance(25) {
            let mut name = String::from(*rng.pick(&["TOKEN", "A", "_X", "API_KEY_2"]));
            if rng.chance(50) {
                name.push_str(&super::word(rng, 4).to_ascii_uppercase());
            }
            v.0.push(Piece::Env(name));
        } else if rng.chance(50) {
            v.push_bytes(string(rng).as_bytes());
        } else {
            v.push_bytes(&bytes(rng));
        }
    }
    v
}

/// The bytes `v` stands for under the fake environment.
fn expected(v: &Value) -> Vec<u8> {
    let mut out = Vec::new();
    for p in &v.0 {
        match p {
            Piece::Bytes(b) => out.extend_from_slice(b),
            Piece::Env(n) => out.extend_from_slice(env(n).as_bytes()),
            Piece::EnvEncoded { name, hex } => out.extend(encoded(name, *hex)),
            Piece::QueryFile { .. } => unreachable!("the value generator makes no query files"),
        }
    }
    out
}

/// `--data-urlencode "q=$Q"`'s bytes: the variable's value encoded as curl encodes it.
fn encoded(name: &str, hex: HexCase) -> Vec<u8> {
    let e = curl2code::curl::values::urlencode_form(env(name).as_bytes());
    match hex {
        HexCase::Upper => e,
        // Only the two digits after each `%` change case.
        HexCase::Lower => {
            let mut out = e;
            let mut i = 0;
            while let Some(at) = out.get(i..).and_then(|r| r.iter().position(|&c| c == b'%')) {
                for c in out.iter_mut().skip(i + at + 1).take(2) {
                    c.make_ascii_lowercase();
                }
                i += at + 3;
            }
            out
        }
    }
}

/// The literal bytes of `v` with invalid UTF-8 replaced, env references expanded.
fn expected_lossy(v: &Value) -> String {
    v.0.iter()
        .map(|p| match p {
            Piece::Bytes(b) => String::from_utf8_lossy(b).into_owned(),
            Piece::Env(n) => env(n),
            Piece::EnvEncoded { name, hex } => {
                String::from_utf8_lossy(&encoded(name, *hex)).into_owned()
            }
            Piece::QueryFile { .. } => unreachable!("the value generator makes no query files"),
        })
        .collect()
}

fn literal_bytes_are_utf8(v: &Value) -> bool {
    v.0.iter()
        .all(|p| !matches!(p, Piece::Bytes(b) if std::str::from_utf8(b).is_err()))
}

/// Runs `check` on many draws; collects the first failures with the seed.
fn property(name: &str, check: impl Fn(&mut Rng) -> Result<(), String>) {
    let seed = seed();
    let n = env_usize("CURL2CODE_CASES").unwrap_or(super::DEFAULT_CASES) * 2;
    let mut failures = Vec::new();
    for i in 0..n {
        let mut rng = Rng::for_case(seed ^ SALT, i);
        if let Err(e) = check(&mut rng) {
            failures.push(format!("draw {i}: {e}"));
            if failures.len() >= 12 {
                break;
            }
        }
    }
    let _ = writeln!(
        std::io::stderr(),
        "escaping literals {name}: {n} draws, {} failure(s); seed {seed}",
        failures.len()
    );
    assert!(
        failures.is_empty(),
        "{name}: seed {seed} (rerun: CURL2CODE_SEED={seed} cargo test --test escaping literal):\n{}",
        failures.join("\n")
    );
}

fn same(what: &str, code: &str, got: Result<Vec<u8>, String>, want: &[u8]) -> Result<(), String> {
    match got {
        Ok(g) if g == want => Ok(()),
        Ok(g) => Err(format!(
            "{what}: {code}\n    means {}\n    wanted {}",
            super::compare::show(&g),
            super::compare::show(want)
        )),
        Err(e) => Err(format!("{what}: {code}\n    does not read back: {e}")),
    }
}

/// Comments: one line, nothing invisible or reordering.
fn one_line_comment(what: &str, c: &str) -> Result<(), String> {
    match c
        .chars()
        .find(|&ch| ch == '\n' || ch == '\r' || decode::hidden(ch))
    {
        Some(ch) => Err(format!("{what} keeps {ch:?} raw: {c:?}")),
        None => Ok(()),
    }
}

#[test]
fn python_literals_read_back_exactly() {
    property("python", |rng| {
        let s = string(rng);
        let lit = python::str_lit(&s);
        same(
            "str_lit",
            &lit,
            decode::python::decode(&lit).map(|v| v.utf8()),
            s.as_bytes(),
        )?;
        if !matches!(decode::python::decode(&lit), Ok(Val::Str(_))) {
            return Err(format!("str_lit is not a str: {lit}"));
        }
        let b = bytes(rng);
        let lit = python::bytes_lit(&b);
        match decode::python::decode(&lit) {
            Ok(Val::Bytes(got)) if got == b => {}
            other => return Err(format!("bytes_lit: {lit} means {other:?}")),
        }
        let e = python::bytes_expr(&b);
        match decode::python::eval(&e, &env) {
            Ok(Val::Bytes(got)) if got == b => {}
            other => return Err(format!("bytes_expr: {e} means {other:?}")),
        }
        one_line_comment("comment", &python::comment(&s))?;

        let v = value(rng);
        let want = expected(&v);
        for kind in [
            python::Kind::Text,
            python::Kind::Header,
            python::Kind::Bytes,
        ] {
            let e = python::value(&v, kind);
            let got = decode::python::eval(&e, &env);
            same(
                &format!("value({kind:?})"),
                &e,
                got.clone().map(|v| v.utf8()),
                &want,
            )?;
            // str where the module promises it (http.client sends str headers as Latin-1).
            let literal_ok = v.0.iter().all(|p| match p {
                Piece::Bytes(b) => match kind {
                    python::Kind::Text => std::str::from_utf8(b).is_ok(),
                    python::Kind::Header => b.is_ascii(),
                    python::Kind::Bytes => false,
                },
                Piece::Env(_) | Piece::EnvEncoded { .. } | Piece::QueryFile { .. } => true,
            });
            let is_str = matches!(got, Ok(Val::Str(_)));
            if is_str != (kind != python::Kind::Bytes && literal_ok) {
                return Err(format!("value({kind:?}) of {v:?} is {got:?}: {e}"));
            }
        }
        let e = python::text(&v);
        match decode::python::eval(&e, &env) {
            Ok(Val::Str(got)) if got == expected_lossy(&v) => Ok(()),
            other => Err(format!("text: {e} means {other:?}")),
        }
    });
}

#[test]
fn javascript_literals_read_back_exactly() {
    property("javascript", |rng| {
        let s = string(rng);
        let lit = javascript::string(&s);
        same(
            "string",
            &lit,
            decode::javascript::eval_text(&lit, &env).map(String::into_bytes),
            s.as_bytes(),
        )?;
        let b = bytes(rng);
        let lit = javascript::byte_string(&b);
        same(
            "byte_string",
            &lit,
            decode::javascript::eval_byte_string(&lit, &env),
            &b,
        )?;
        let lit = javascript::bytes(&b);
        same("bytes", &lit, decode::javascript::eval_uint8array(&lit), &b)?;

        let v = value(rng);
        let want = expected(&v);
        match (javascript::text(&v), literal_bytes_are_utf8(&v)) {
            (Some(e), true) => same(
                "text",
                &e,
                decode::javascript::eval_text(&e, &env).map(String::into_bytes),
                &want,
            )?,
            (None, false) => {}
            (e, _) => return Err(format!("text({v:?}) = {e:?}")),
        }
        let (e, lossy) = javascript::text_lossy(&v);
        same(
            "text_lossy",
            &e,
            decode::javascript::eval_text(&e, &env).map(String::into_bytes),
            expected_lossy(&v).as_bytes(),
        )?;
        if lossy == literal_bytes_are_utf8(&v) {
            return Err(format!("text_lossy({v:?}) says lossy = {lossy}"));
        }
        let e = javascript::byte_text(&v);
        same(
            "byte_text",
            &e,
            decode::javascript::eval_byte_string(&e, &env),
            &want,
        )?;
        let chunks = javascript::chunks(&v);
        let mut got = Vec::new();
        for c in &chunks {
            let part = if c.starts_with("Uint8Array.of(") {
                decode::javascript::eval_uint8array(c)
            } else {
                decode::javascript::eval_text(c, &env).map(String::into_bytes)
            };
            match part {
                Ok(p) => got.extend(p),
                Err(e) => return Err(format!("chunks: {c} does not read back: {e}")),
            }
        }
        same("chunks", &chunks.join(", "), Ok(got), &want)?;
        let x = f64::from_bits(rng.next());
        let n = javascript::number(x);
        let back: Option<f64> = match n.as_str() {
            "Infinity" => Some(f64::INFINITY),
            "-Infinity" => Some(f64::NEG_INFINITY),
            t => t.parse().ok(),
        };
        match back {
            Some(y) if y == x || (x.is_nan() && y == 0.0) => Ok(()),
            _ => Err(format!("number({x:?}) = {n}")),
        }
    });
}

#[test]
fn rust_literals_read_back_exactly() {
    property("rust", |rng| {
        let s = string(rng);
        let lit = rust::str_literal(&s);
        match decode::rust::decode(&lit) {
            Ok(Val::Str(got)) if got == s => {}
            other => return Err(format!("str_literal({s:?}) = {lit} means {other:?}")),
        }
        let b = bytes(rng);
        let lit = rust::bytes_literal(&b);
        match decode::rust::decode(&lit) {
            Ok(Val::Bytes(got)) if got == b => {}
            other => return Err(format!("bytes_literal: {lit} means {other:?}")),
        }
        one_line_comment("comment", &rust::comment(&s))?;

        let v = value(rng);
        let want = expected(&v);
        match (rust::str_expr(&v), literal_bytes_are_utf8(&v)) {
            (Some(e), true) => match decode::rust::eval(&e, &env) {
                Ok(Val::Str(got)) if got.as_bytes() == want => {}
                other => return Err(format!("str_expr({v:?}) = {e} means {other:?}")),
            },
            (None, false) => {}
            (e, _) => return Err(format!("str_expr({v:?}) = {e:?}")),
        }
        if let Some(e) = rust::str_arg(&v) {
            match decode::rust::eval(&e, &env) {
                Ok(Val::Str(got)) if got.as_bytes() == want => {}
                other => return Err(format!("str_arg({v:?}) = {e} means {other:?}")),
            }
        }
        let e = rust::bytes_expr(&v);
        same(
            "bytes_expr",
            &e,
            decode::rust::eval(&e, &env).map(|v| v.utf8()),
            &want,
        )?;
        let (e, lossy) = rust::lossy_str_expr(&v);
        match decode::rust::eval(&e, &env) {
            Ok(Val::Str(got)) if got == expected_lossy(&v) => {}
            other => return Err(format!("lossy_str_expr({v:?}) = {e} means {other:?}")),
        }
        if lossy == literal_bytes_are_utf8(&v) {
            return Err(format!("lossy_str_expr({v:?}) says lossy = {lossy}"));
        }
        // Finite only: lowering and the CLI refuse `inf` and `nan` for every duration.
        let x = f64::from_bits(rng.next());
        let x = if x.is_finite() { x } else { 0.25 };
        let lit = rust::f64_literal(x);
        if lit.parse::<f64>().ok() == Some(x) && lit.contains(['.', 'e', 'E']) {
            Ok(())
        } else {
            Err(format!("f64_literal({x:?}) = {lit}"))
        }
    });
}
