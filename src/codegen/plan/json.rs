//! A JSON reader for request bodies: just enough to show a body as a native literal (Python dict,
//! JS object, `serde_json::json!`) while keeping what a re-serialisation must not change: key
//! order, and each number exactly as written.

/// A parsed JSON value. Numbers keep their source text (`1.0`, `1e3`, `12345678901234567890`).
#[derive(Clone, Debug, PartialEq)]
pub enum Json {
    /// `null`.
    Null,
    /// `true` / `false`.
    Bool(bool),
    /// A number, as written.
    Number(String),
    /// A string, unescaped.
    String(String),
    /// An array.
    Array(Vec<Json>),
    /// An object, in source order (duplicate keys are refused by [`parse`]).
    Object(Vec<(String, Json)>),
}

impl Json {
    /// True when every number is one that a 64-bit float holds exactly and every language
    /// prints back the same way: an integer of at most 15 digits, or a decimal fraction of at
    /// most 15 significant digits, without an exponent. Other numbers make a generator keep the
    /// body as text.
    pub fn numbers_are_plain(&self) -> bool {
        match self {
            Json::Number(n) => plain_number(n),
            Json::Array(items) => items.iter().all(Json::numbers_are_plain),
            Json::Object(members) => members.iter().all(|(_, v)| v.numbers_are_plain()),
            Json::Null | Json::Bool(_) | Json::String(_) => true,
        }
    }
}

fn plain_number(n: &str) -> bool {
    let digits = n.trim_start_matches('-');
    let (int, frac) = digits.split_once('.').unwrap_or((digits, ""));
    let significant = format!("{int}{frac}");
    !n.contains(['e', 'E'])
        && significant.trim_start_matches('0').len() <= 15
        // A fraction ending in 0 (`1.50`, `2.0`) reads back as `1.5` / `2` in some languages.
        && !frac.ends_with('0')
        && n != "-0"
}

/// Parses a whole document (surrounding whitespace allowed). `None` when it is not JSON, has a
/// duplicate key in an object, or nests deeper than 64 levels.
pub fn parse(text: &str) -> Option<Json> {
    let mut p = Parser {
        s: text.as_bytes(),
        i: 0,
        depth: 0,
    };
    let v = p.value()?;
    p.ws();
    (p.i == p.s.len()).then_some(v)
}

struct Parser<'a> {
    s: &'a [u8],
    i: usize,
    depth: u32,
}

impl Parser<'_> {
    fn ws(&mut self) {
        while self.s.get(self.i).is_some_and(|c| b" \t\r\n".contains(c)) {
            self.i += 1;
        }
    }

    fn eat(&mut self, c: u8) -> bool {
        self.ws();
        let hit = self.s.get(self.i) == Some(&c);
        if hit {
            self.i += 1;
        }
        hit
    }

    fn word(&mut self, w: &str, v: Json) -> Option<Json> {
        let end = self.i + w.len();
        (self.s.get(self.i..end) == Some(w.as_bytes())).then(|| {
            self.i = end;
            v
        })
    }

    fn value(&mut self) -> Option<Json> {
        self.ws();
        match *self.s.get(self.i)? {
            b'n' => self.word("null", Json::Null),
            b't' => self.word("true", Json::Bool(true)),
            b'f' => self.word("false", Json::Bool(false)),
            b'"' => self.string().map(Json::String),
            b'[' | b'{' if self.depth >= 64 => None,
            b'[' => {
                self.i += 1;
                self.depth += 1;
                let mut items = Vec::new();
                if !self.eat(b']') {
                    loop {
                        items.push(self.value()?);
                        if self.eat(b']') {
                            break;
                        }
                        if !self.eat(b',') {
                            return None;
                        }
                    }
                }
                self.depth -= 1;
                Some(Json::Array(items))
            }
            b'{' => {
                self.i += 1;
                self.depth += 1;
                let mut members: Vec<(String, Json)> = Vec::new();
                if !self.eat(b'}') {
                    loop {
                        self.ws();
                        let key = self.string()?;
                        if !self.eat(b':') || members.iter().any(|(k, _)| *k == key) {
                            return None;
                        }
                        members.push((key, self.value()?));
                        if self.eat(b'}') {
                            break;
                        }
                        if !self.eat(b',') {
                            return None;
                        }
                    }
                }
                self.depth -= 1;
                Some(Json::Object(members))
            }
            b'-' | b'0'..=b'9' => self.number(),
            _ => None,
        }
    }

    fn number(&mut self) -> Option<Json> {
        let start = self.i;
        let digits = |p: &mut Self| {
            let from = p.i;
            while p.s.get(p.i).is_some_and(u8::is_ascii_digit) {
                p.i += 1;
            }
            p.i - from
        };
        if self.s.get(self.i) == Some(&b'-') {
            self.i += 1;
        }
        let int_start = self.i;
        let n = digits(self);
        if n == 0 || (n > 1 && self.s[int_start] == b'0') {
            return None;
        }
        if self.s.get(self.i) == Some(&b'.') {
            self.i += 1;
            if digits(self) == 0 {
                return None;
            }
        }
        if matches!(self.s.get(self.i), Some(b'e' | b'E')) {
            self.i += 1;
            if matches!(self.s.get(self.i), Some(b'+' | b'-')) {
                self.i += 1;
            }
            if digits(self) == 0 {
                return None;
            }
        }
        let text = std::str::from_utf8(&self.s[start..self.i]).ok()?;
        Some(Json::Number(text.to_string()))
    }

    fn string(&mut self) -> Option<String> {
        if self.s.get(self.i) != Some(&b'"') {
            return None;
        }
        self.i += 1;
        let mut out: Vec<u8> = Vec::new();
        loop {
            let c = *self.s.get(self.i)?;
            self.i += 1;
            match c {
                b'"' => return String::from_utf8(out).ok(),
                b'\\' => {
                    let e = *self.s.get(self.i)?;
                    self.i += 1;
                    let simple = match e {
                        b'"' => Some('"'),
                        b'\\' => Some('\\'),
                        b'/' => Some('/'),
                        b'b' => Some('\u{8}'),
                        b'f' => Some('\u{c}'),
                        b'n' => Some('\n'),
                        b'r' => Some('\r'),
                        b't' => Some('\t'),
                        b'u' => None,
                        _ => return None,
                    };
                    let ch = match simple {
                        Some(ch) => ch,
                        None => self.unicode_escape()?,
                    };
                    let mut buf = [0u8; 4];
                    out.extend_from_slice(ch.encode_utf8(&mut buf).as_bytes());
                }
                0..=0x1f => return None,
                _ => out.push(c),
            }
        }
    }

    /// After `\u`: one code point, joining a surrogate pair; a lone surrogate is refused (it
    /// cannot be a Rust string, and languages disagree on how to send it).
    fn unicode_escape(&mut self) -> Option<char> {
        let hi = self.hex4()?;
        if (0xD800..0xDC00).contains(&hi) {
            if self.s.get(self.i..self.i + 2) != Some(b"\\u") {
                return None;
            }
            self.i += 2;
            let lo = self.hex4()?;
            if !(0xDC00..0xE000).contains(&lo) {
                return None;
            }
            return char::from_u32(0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00));
        }
        char::from_u32(hi)
    }

    fn hex4(&mut self) -> Option<u32> {
        let h = std::str::from_utf8(self.s.get(self.i..self.i + 4)?).ok()?;
        let v = u32::from_str_radix(h, 16).ok()?;
        if !h.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        self.i += 4;
        Some(v)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn objects_keep_order_and_numbers_keep_their_text() {
        let v = parse(
            r#" {"b": [1, 2.5, -0.25, 1e3], "a": {"x": null, "y": true}, "s": "é\n\u00e9\ud83d\ude00"} "#,
        );
        let Some(Json::Object(m)) = v else {
            panic!("{v:?}")
        };
        assert_eq!(m[0].0, "b");
        assert_eq!(m[1].0, "a");
        assert_eq!(
            m[0].1,
            Json::Array(vec![
                Json::Number("1".into()),
                Json::Number("2.5".into()),
                Json::Number("-0.25".into()),
                Json::Number("1e3".into())
            ])
        );
        assert_eq!(m[2].1, Json::String("é\né😀".into()));
    }

    #[test]
    fn not_json_or_not_safe_to_rewrite() {
        for bad in [
            "",
            "{",
            "{\"a\":1,}",
            "[1 2]",
            "{\"a\":1,\"a\":2}",
            "01",
            "1.",
            "\"\\ud83d\"",
            "\"a\tb\"",
            "nul",
            "{\"a\":1} x",
            "'a'",
        ] {
            assert_eq!(parse(bad), None, "{bad:?}");
        }
        let deep = "[".repeat(65) + &"]".repeat(65);
        assert_eq!(parse(&deep), None);
        let ok = "[".repeat(64) + &"]".repeat(64);
        assert!(parse(&ok).is_some());
    }

    #[test]
    fn plain_numbers() {
        for (n, plain) in [
            ("2", true),
            ("-17", true),
            ("0.5", true),
            ("123456789012345", true),
            ("1234567890123456", false),
            ("1e3", false),
            ("2.0", false),
            ("1.50", false),
            ("-0", false),
        ] {
            assert_eq!(plain_number(n), plain, "{n}");
        }
    }
}
