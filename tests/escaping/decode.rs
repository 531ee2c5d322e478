//! What Python, JavaScript and Rust make of a string literal or of the small expressions the
//! literal modules build (`"a" + env("X")`, `` `a${env("X")}` ``, `["a", &env("X")].concat()`),
//! written from the language references, so literal quoting can be checked without an interpreter.
//! Strict on purpose: escapes a language only warns about (Python's `\q`) are errors here.

/// The value of an expression: text or bytes (Python keeps them apart; JavaScript and Rust text is
/// reported as `Str`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Val {
    /// A string.
    Str(String),
    /// Bytes.
    Bytes(Vec<u8>),
}

impl Val {
    /// The bytes the program would send: text as UTF-8.
    pub fn utf8(&self) -> Vec<u8> {
        match self {
            Val::Str(s) => s.as_bytes().to_vec(),
            Val::Bytes(b) => b.clone(),
        }
    }
}

/// Looks up a fake environment variable.
pub type Env<'a> = &'a dyn Fn(&str) -> String;

/// A cursor over source text.
struct Src<'a> {
    s: &'a str,
    at: usize,
}

impl<'a> Src<'a> {
    fn new(s: &'a str) -> Src<'a> {
        Src { s, at: 0 }
    }
    fn rest(&self) -> &'a str {
        self.s.get(self.at..).unwrap_or_default()
    }
    fn peek(&self) -> Option<char> {
        self.rest().chars().next()
    }
    fn next(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.at += c.len_utf8();
        Some(c)
    }
    fn eat(&mut self, prefix: &str) -> bool {
        if self.rest().starts_with(prefix) {
            self.at += prefix.len();
            true
        } else {
            false
        }
    }
    fn expect(&mut self, prefix: &str) -> Result<(), String> {
        if self.eat(prefix) {
            Ok(())
        } else {
            Err(format!("expected {prefix:?} at {:?}", short(self.rest())))
        }
    }
    fn skip_spaces(&mut self) {
        while self.peek() == Some(' ') {
            self.at += 1;
        }
    }
    fn done(&self) -> Result<(), String> {
        if self.rest().is_empty() {
            Ok(())
        } else {
            Err(format!("unexpected trailing text {:?}", short(self.rest())))
        }
    }
    /// Exactly `n` hex digits.
    fn hex(&mut self, n: usize) -> Result<u32, String> {
        let digits = self.rest().get(..n).unwrap_or_default();
        if digits.len() != n || !digits.chars().all(|c| c.is_ascii_hexdigit()) {
            return Err(format!(
                "expected {n} hex digits at {:?}",
                short(self.rest())
            ));
        }
        self.at += n;
        u32::from_str_radix(digits, 16).map_err(|e| e.to_string())
    }
    /// `{H…}` with 1 to 6 hex digits (JavaScript `\u{…}`, Rust `\u{…}`; Rust also allows `_`).
    fn braced_hex(&mut self, underscores: bool) -> Result<u32, String> {
        self.expect("{")?;
        let mut digits = String::new();
        loop {
            match self.next() {
                Some('}') => break,
                Some('_') if underscores && !digits.is_empty() => {}
                Some(c) if c.is_ascii_hexdigit() => digits.push(c),
                other => return Err(format!("bad \\u{{…}} escape at {other:?}")),
            }
        }
        if digits.is_empty() || digits.len() > 6 {
            return Err(format!("\\u{{{digits}}} needs 1 to 6 hex digits"));
        }
        u32::from_str_radix(&digits, 16).map_err(|e| e.to_string())
    }
}

fn short(s: &str) -> String {
    s.chars().take(40).collect()
}

fn scalar(n: u32) -> Result<char, String> {
    char::from_u32(n).ok_or_else(|| format!("U+{n:04X} is not a Unicode scalar value"))
}

/// Characters that reorder text (Trojan Source) or break lines in some editors: the literal
/// modules promise to escape them, and rustc refuses the bidi ones raw in a literal.
pub fn hidden(c: char) -> bool {
    matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200b}'..='\u{200f}' | '\u{2028}' | '\u{2029}' | '\u{feff}')
}

// -------------------------------------------------------------------------------------------------

/// Python 3.
pub mod python {
    use super::{Env, Src, Val, hidden, scalar, short};

    /// One string or bytes literal (prefixes `b`, `r`, `u`, `rb`/`br`; single, double or triple
    /// quotes).
    fn literal(src: &mut Src) -> Result<Val, String> {
        let mut bytes = false;
        let mut raw = false;
        while let Some(c) = src.peek() {
            match c.to_ascii_lowercase() {
                'b' => bytes = true,
                'r' => raw = true,
                'u' => {}
                _ => break,
            }
            src.next();
        }
        let quote = if src.eat("\"\"\"") {
            "\"\"\""
        } else if src.eat("'''") {
            "'''"
        } else if src.eat("\"") {
            "\""
        } else if src.eat("'") {
            "'"
        } else {
            return Err(format!("expected a quote at {:?}", short(src.rest())));
        };
        let triple = quote.len() == 3;
        let mut out: Vec<u8> = Vec::new();
        let mut text = String::new();
        let push = |c: char, out: &mut Vec<u8>, text: &mut String| {
            if bytes {
                out.push(c as u8);
            } else {
                text.push(c);
            }
        };
        loop {
            if src.eat(quote) {
                break;
            }
            let c = src.next().ok_or("unterminated literal")?;
            if bytes && !c.is_ascii() {
                return Err(format!("non-ASCII character {c:?} in a bytes literal"));
            }
            if hidden(c) {
                return Err(format!("raw {c:?} (U+{:04X}) in a literal", c as u32));
            }
            match c {
                '\n' | '\r' if !triple => return Err("line break in a one-line literal".into()),
                '\\' if raw => {
                    // A raw literal keeps the backslash, and the next character cannot end it.
                    push('\\', &mut out, &mut text);
                    let n = src.next().ok_or("unterminated raw literal")?;
                    push(n, &mut out, &mut text);
                }
                '\\' => {
                    let e = src.next().ok_or("backslash at the end")?;
                    match e {
                        '\n' => {}
                        '\\' | '\'' | '"' => push(e, &mut out, &mut text),
                        'a' => push('\x07', &mut out, &mut text),
                        'b' => push('\x08', &mut out, &mut text),
                        'f' => push('\x0c', &mut out, &mut text),
                        'n' => push('\n', &mut out, &mut text),
                        'r' => push('\r', &mut out, &mut text),
                        't' => push('\t', &mut out, &mut text),
                        'v' => push('\x0b', &mut out, &mut text),
                        '0'..='7' => {
                            let mut n = e.to_digit(8).unwrap_or(0);
                            for _ in 0..2 {
                                match src.peek().and_then(|d| d.to_digit(8)) {
                                    Some(d) => {
                                        n = n * 8 + d;
                                        src.next();
                                    }
                                    None => break,
                                }
                            }
                            if bytes {
                                out.push(u8::try_from(n).map_err(|_| "octal escape above 0o377")?);
                            } else {
                                text.push(scalar(n)?);
                            }
                        }
                        'x' => {
                            let n = src.hex(2)?;
                            if bytes {
                                out.push(n as u8);
                            } else {
                                text.push(scalar(n)?);
                            }
                        }
                        'u' if !bytes => text.push(scalar(src.hex(4)?)?),
                        'U' if !bytes => text.push(scalar(src.hex(8)?)?),
                        other => {
                            return Err(format!("invalid escape sequence \\{other}"));
                        }
                    }
                }
                c => push(c, &mut out, &mut text),
            }
        }
        Ok(if bytes {
            Val::Bytes(out)
        } else {
            Val::Str(text)
        })
    }

    /// One literal, alone.
    pub fn decode(lit: &str) -> Result<Val, String> {
        let mut src = Src::new(lit);
        let v = literal(&mut src)?;
        src.done()?;
        Ok(v)
    }

    /// `term + term + …` where a term is a literal or `env("NAME")`, optionally followed by
    /// `.encode()` (UTF-8). Adding `str` to `bytes` is Python's TypeError: an error here too.
    pub fn eval(expr: &str, env: Env) -> Result<Val, String> {
        let mut src = Src::new(expr);
        let mut acc: Option<Val> = None;
        loop {
            src.skip_spaces();
            let mut v = if src.eat("env(") {
                let name = match literal(&mut src)? {
                    Val::Str(s) => s,
                    Val::Bytes(_) => return Err("env() of bytes".into()),
                };
                src.expect(")")?;
                Val::Str(env(&name))
            } else {
                literal(&mut src)?
            };
            if src.eat(".encode()") {
                v = match v {
                    Val::Str(s) => Val::Bytes(s.into_bytes()),
                    Val::Bytes(_) => return Err("bytes has no .encode()".into()),
                };
            }
            acc = Some(match (acc, v) {
                (None, v) => v,
                (Some(Val::Str(a)), Val::Str(b)) => Val::Str(a + &b),
                (Some(Val::Bytes(mut a)), Val::Bytes(b)) => {
                    a.extend(b);
                    Val::Bytes(a)
                }
                (Some(a), b) => return Err(format!("TypeError: {a:?} + {b:?}")),
            });
            src.skip_spaces();
            if !src.eat("+") {
                break;
            }
        }
        src.done()?;
        acc.ok_or_else(|| "empty expression".to_string())
    }
}

// -------------------------------------------------------------------------------------------------

/// JavaScript (ES2023, strict mode: no legacy octal escapes).
pub mod javascript {
    use super::{Env, Src, hidden, short};

    fn is_line_terminator(c: char) -> bool {
        matches!(c, '\n' | '\r' | '\u{2028}' | '\u{2029}')
    }

    /// Reads one escape after the backslash into UTF-16 units.
    fn escape(src: &mut Src, out: &mut Vec<u16>) -> Result<(), String> {
        let e = src.next().ok_or("backslash at the end")?;
        let unit = |c: char, out: &mut Vec<u16>| {
            let mut buf = [0u16; 2];
            out.extend_from_slice(c.encode_utf16(&mut buf));
        };
        match e {
            'b' => out.push(8),
            'f' => out.push(0x0c),
            'n' => out.push(0x0a),
            'r' => out.push(0x0d),
            't' => out.push(9),
            'v' => out.push(0x0b),
            '0' if !src.peek().is_some_and(|d| d.is_ascii_digit()) => out.push(0),
            '1'..='9' | '0' => return Err(format!("octal escape \\{e}… in strict code")),
            'x' => out.push(src.hex(2)? as u16),
            'u' if src.peek() == Some('{') => {
                let n = src.braced_hex(false)?;
                let c = char::from_u32(n).ok_or("\\u{…} above U+10FFFF")?;
                unit(c, out);
            }
            'u' => out.push(src.hex(4)? as u16),
            '\r' => {
                src.eat("\n");
            }
            c if is_line_terminator(c) => {}
            c => unit(c, out),
        }
        Ok(())
    }

    /// A string literal (`'…'`, `"…"`) or a template literal without substitutions, as UTF-16.
    fn string_units(src: &mut Src, env: Option<Env>) -> Result<Vec<u16>, String> {
        let quote = src.next().ok_or("expected a quote")?;
        if !matches!(quote, '"' | '\'' | '`') {
            return Err(format!("expected a quote at {:?}", short(src.rest())));
        }
        let mut out = Vec::new();
        loop {
            let c = src.next().ok_or("unterminated literal")?;
            if hidden(c) {
                return Err(format!("raw {c:?} (U+{:04X}) in a literal", c as u32));
            }
            match c {
                c if c == quote => break,
                '\\' => escape(src, &mut out)?,
                '\n' | '\r' if quote != '`' => {
                    return Err("line break in a string literal".into());
                }
                // A template literal turns a raw CR or CR LF into LF: the bytes would change.
                '\r' => return Err("raw CR in a template literal".into()),
                '$' if quote == '`' && src.peek() == Some('{') => {
                    let Some(env) = env else {
                        return Err("`${` in a template literal".into());
                    };
                    src.expect("{env(")?;
                    let name =
                        String::from_utf16(&string_units(src, None)?).map_err(|e| e.to_string())?;
                    src.expect(")}")?;
                    out.extend(env(&name).encode_utf16());
                }
                c => {
                    let mut buf = [0u16; 2];
                    out.extend_from_slice(c.encode_utf16(&mut buf));
                }
            }
        }
        Ok(out)
    }

    /// A string expression: a literal, a template literal whose substitutions are `env("NAME")`,
    /// or `env("NAME")`; as UTF-16 units.
    pub fn eval_units(expr: &str, env: Env) -> Result<Vec<u16>, String> {
        let mut src = Src::new(expr);
        let units = if src.eat("env(") {
            let name =
                String::from_utf16(&string_units(&mut src, None)?).map_err(|e| e.to_string())?;
            src.expect(")")?;
            env(&name).encode_utf16().collect()
        } else {
            string_units(&mut src, Some(env))?
        };
        src.done()?;
        Ok(units)
    }

    /// A string expression as text (an error for lone surrogates).
    pub fn eval_text(expr: &str, env: Env) -> Result<String, String> {
        String::from_utf16(&eval_units(expr, env)?).map_err(|e| format!("lone surrogate: {e}"))
    }

    /// A "byte string" expression: one character per byte, each U+0000..=U+00FF.
    pub fn eval_byte_string(expr: &str, env: Env) -> Result<Vec<u8>, String> {
        eval_units(expr, env)?
            .into_iter()
            .map(|u| u8::try_from(u).map_err(|_| format!("U+{u:04X} in a byte string")))
            .collect()
    }

    /// `Uint8Array.of(0x61, …)`.
    pub fn eval_uint8array(expr: &str) -> Result<Vec<u8>, String> {
        let inner = expr
            .strip_prefix("Uint8Array.of(")
            .and_then(|r| r.strip_suffix(')'))
            .ok_or_else(|| format!("not Uint8Array.of(…): {:?}", short(expr)))?;
        inner
            .split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(|n| match n.strip_prefix("0x") {
                Some(h) => u8::from_str_radix(h, 16),
                None => n.parse(),
            })
            .collect::<Result<_, _>>()
            .map_err(|e| format!("bad byte in {:?}: {e}", short(expr)))
    }
}

// -------------------------------------------------------------------------------------------------

/// Rust (2024 edition).
pub mod rust {
    use super::{Env, Src, Val, scalar, short};

    /// rustc refuses these raw in a literal (`text_direction_codepoint_in_literal` is deny-by-default).
    fn bidi(c: char) -> bool {
        matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
    }

    /// `"…"`, `r#"…"#`, `b"…"` or `br#"…"#`.
    fn literal(src: &mut Src) -> Result<Val, String> {
        let bytes = src.eat("b");
        if src.eat("r") {
            let mut hashes = 0;
            while src.eat("#") {
                hashes += 1;
            }
            src.expect("\"")?;
            let close = format!("\"{}", "#".repeat(hashes));
            let body = src.rest();
            let end = body.find(&close).ok_or("unterminated raw literal")?;
            let text = body.get(..end).unwrap_or_default();
            src.at += end + close.len();
            if text.contains('\r') {
                return Err("bare CR in a raw literal".into());
            }
            if let Some(c) = text.chars().find(|c| bidi(*c)) {
                return Err(format!("raw bidi control U+{:04X} in a literal", c as u32));
            }
            if bytes && !text.is_ascii() {
                return Err("non-ASCII in a raw byte string".into());
            }
            return Ok(if bytes {
                Val::Bytes(text.as_bytes().to_vec())
            } else {
                Val::Str(text.to_string())
            });
        }
        src.expect("\"")?;
        let mut out: Vec<u8> = Vec::new();
        loop {
            let c = src.next().ok_or("unterminated literal")?;
            if bidi(c) {
                return Err(format!("raw bidi control U+{:04X} in a literal", c as u32));
            }
            if bytes && !c.is_ascii() {
                return Err(format!("non-ASCII {c:?} in a byte string"));
            }
            match c {
                '"' => break,
                '\r' => return Err("bare CR in a literal".into()),
                '\\' => {
                    let e = src.next().ok_or("backslash at the end")?;
                    match e {
                        'n' => out.push(b'\n'),
                        'r' => out.push(b'\r'),
                        't' => out.push(b'\t'),
                        '\\' | '\'' | '"' => out.push(e as u8),
                        '0' => out.push(0),
                        'x' => {
                            let n = src.hex(2)?;
                            if !bytes && n > 0x7f {
                                return Err(format!("\\x{n:02x} above 0x7f in a str literal"));
                            }
                            out.push(n as u8);
                        }
                        'u' if !bytes => {
                            let c = scalar(src.braced_hex(true)?)?;
                            out.extend_from_slice(c.encode_utf8(&mut [0; 4]).as_bytes());
                        }
                        '\n' => {
                            while src
                                .peek()
                                .is_some_and(|c| matches!(c, ' ' | '\t' | '\n' | '\r'))
                            {
                                src.next();
                            }
                        }
                        other => return Err(format!("unknown escape \\{other}")),
                    }
                }
                c => out.extend_from_slice(c.encode_utf8(&mut [0; 4]).as_bytes()),
            }
        }
        Ok(if bytes {
            Val::Bytes(out)
        } else {
            Val::Str(String::from_utf8(out).map_err(|e| e.to_string())?)
        })
    }

    /// One literal, alone.
    pub fn decode(lit: &str) -> Result<Val, String> {
        let mut src = Src::new(lit);
        let v = literal(&mut src)?;
        src.done()?;
        Ok(v)
    }

    /// A term: a literal, `env("N")`, `&env("N")`, `&b"…"[..]`, `env("N").as_bytes()`, or
    /// `[term, …].concat()` (items must agree: all text or all bytes).
    fn term(src: &mut Src, env: Env) -> Result<Val, String> {
        src.skip_spaces();
        let borrowed = src.eat("&");
        if src.eat("[") {
            let mut items = Vec::new();
            loop {
                items.push(term(src, env)?);
                src.skip_spaces();
                if src.eat("]") {
                    break;
                }
                src.expect(",")?;
            }
            src.expect(".concat()")?;
            return match items.first() {
                Some(Val::Str(_)) => items
                    .into_iter()
                    .map(|v| match v {
                        Val::Str(s) => Ok(s),
                        Val::Bytes(_) => Err("a byte slice in a concat of &str".to_string()),
                    })
                    .collect::<Result<String, _>>()
                    .map(Val::Str),
                Some(Val::Bytes(_)) => items
                    .into_iter()
                    .map(|v| match v {
                        Val::Bytes(b) => Ok(b),
                        Val::Str(_) => Err("a &str in a concat of byte slices".to_string()),
                    })
                    .collect::<Result<Vec<Vec<u8>>, _>>()
                    .map(|v| Val::Bytes(v.concat())),
                None => Err("empty concat".into()),
            };
        }
        if src.eat("env(") {
            let name = match literal(src)? {
                Val::Str(s) => s,
                Val::Bytes(_) => return Err("env() of bytes".into()),
            };
            src.expect(")")?;
            let value = env(&name);
            return Ok(if src.eat(".as_bytes()") {
                Val::Bytes(value.into_bytes())
            } else {
                Val::Str(value)
            });
        }
        let v = literal(src)?;
        if borrowed && matches!(v, Val::Bytes(_)) {
            src.expect("[..]")?;
        }
        Ok(v)
    }

    /// An expression built by the Rust literal module.
    pub fn eval(expr: &str, env: Env) -> Result<Val, String> {
        let mut src = Src::new(expr);
        let v = term(&mut src, env)?;
        src.done()
            .map_err(|e| format!("{e} (in {:?})", short(expr)))?;
        Ok(v)
    }
}

#[cfg(test)]
mod self_check {
    // The decoders are checked against literals whose meaning is known from the references.
    use super::*;

    fn no_env(_: &str) -> String {
        String::new()
    }

    #[test]
    fn python_literals() {
        assert_eq!(
            python::decode(r#""a\x00\u2028\\""#),
            Ok(Val::Str("a\0\u{2028}\\".into()))
        );
        assert_eq!(
            python::decode(r"b'\xff\n\''"),
            Ok(Val::Bytes(b"\xff\n'".to_vec()))
        );
        assert_eq!(python::decode(r#""\101\0""#), Ok(Val::Str("A\0".into())));
        assert!(python::decode(r#""\q""#).is_err());
        assert!(python::decode("b\"é\"").is_err());
        assert!(python::eval(r#""a" + b"b""#, &no_env).is_err());
        assert_eq!(
            python::eval(r#""é".encode() + env("X").encode()"#, &|_| "x".into()),
            Ok(Val::Bytes("éx".as_bytes().to_vec()))
        );
    }

    #[test]
    fn javascript_literals() {
        let t = |s| javascript::eval_text(s, &|n: &str| format!("<{n}>"));
        assert_eq!(t(r#""a\x00\u{1F600}\uD83D\uDE00""#), Ok("a\0😀😀".into()));
        assert_eq!(t("`a\nb${env(\"X\")}\\${`"), Ok("a\nb<X>${".into()));
        assert!(t("\"\\01\"").is_err());
        assert!(t("`a${b}`").is_err());
        assert!(t("\"\\uD800\"").is_err());
        assert_eq!(
            javascript::eval_byte_string(r#""\xff\xe9""#, &no_env),
            Ok(vec![0xff, 0xe9])
        );
        assert_eq!(
            javascript::eval_uint8array("Uint8Array.of(0x00, 0xff)"),
            Ok(vec![0, 255])
        );
    }

    #[test]
    fn rust_literals() {
        assert_eq!(
            rust::decode(r#""a\0\u{2028}\x7f""#),
            Ok(Val::Str("a\0\u{2028}\x7f".into()))
        );
        assert_eq!(
            rust::decode(r###"r##"a"#b"##"###),
            Ok(Val::Str("a\"#b".into()))
        );
        assert_eq!(
            rust::decode(r#"b"\xff\"""#),
            Ok(Val::Bytes(b"\xff\"".to_vec()))
        );
        assert!(rust::decode(r#""\xff""#).is_err());
        assert!(rust::decode("\"\u{202e}\"").is_err());
        let env = |n: &str| format!("<{n}>");
        assert_eq!(
            rust::eval(r#"["a", &env("X")].concat()"#, &env),
            Ok(Val::Str("a<X>".into()))
        );
        assert_eq!(
            rust::eval(r#"[&b"\xff"[..], env("X").as_bytes()].concat()"#, &env),
            Ok(Val::Bytes(b"\xff<X>".to_vec()))
        );
        assert!(rust::eval(r#"["a", &b"b"[..]].concat()"#, &env).is_err());
    }
}
