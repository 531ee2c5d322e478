//! Bytes that may hold environment references (`Bearer $TOKEN`): the value type every stage
//! after the shell shares, so no stage needs another's types to talk about text.

use serde::{Serialize, Serializer};

/// One piece of a [`Value`].
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Piece {
    /// Literal bytes (not necessarily UTF-8).
    Bytes(Vec<u8>),
    /// An environment variable read when the generated program runs.
    Env(String),
    /// An environment variable read when the generated program runs, then percent-encoded as
    /// curl's `--data-urlencode` encodes text: the bytes `A-Z a-z 0-9 - . _ ~` kept, a space as
    /// `+`, every other byte (of the value's UTF-8) as `%XX`. Made by `--data-urlencode "q=$Q"`,
    /// `--url-query "q=$Q"` and `-G --data-urlencode`, where curl encodes the variable's value.
    EnvEncoded {
        /// The variable.
        name: String,
        /// The case of the `%XX` hex digits.
        hex: HexCase,
    },
    /// A local file's contents, read when the generated program runs and added to a URL's query
    /// as curl 7.88 adds them (`--url-query @file`, `-G -d @file`): see [`QueryRead`]. Only ever
    /// in a URL.
    QueryFile {
        /// The file's path, as typed: text, and environment variables read when the program runs
        /// (`@"$DIR/q.txt"`); never an encoded reference or another file.
        path: Value,
        /// What is done to the bytes.
        read: QueryRead,
    },
}

/// What curl does to a file's bytes before it appends them to a URL's query. In every case
/// curl 7.88's URL API then writes each `%XX` escape's hex digits in lower case (`%2f`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum QueryRead {
    /// Percent-encoded as `--data-urlencode` encodes (`--url-query @file`, `name@file`,
    /// `-G --data-urlencode @file`).
    Encode,
    /// CR and LF removed, otherwise as is (`-G -d @file`).
    StripNewlines,
    /// As is (`-G --data-binary @file`).
    Raw,
    /// The contents as text, for a library's query encoder: what the default output's query
    /// pairs hold where curl encodes a whole file (`name@file`); made by the plan, not lowering.
    Text,
}

/// The case of the hex digits in a `%XX` escape.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum HexCase {
    /// `%2F`: what `curl_easy_escape` writes (request bodies).
    Upper,
    /// `%2f`: what curl 7.88's URL API turns escapes into when it appends `-G` data and
    /// `--url-query` to the query.
    Lower,
}

/// Bytes that may contain environment references, e.g. `Bearer $TOKEN`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Value(pub Vec<Piece>);

impl Value {
    /// A literal value.
    pub fn bytes(b: impl Into<Vec<u8>>) -> Value {
        Value(vec![Piece::Bytes(b.into())])
    }

    /// A value that is just one environment variable.
    pub fn env(name: impl Into<String>) -> Value {
        Value(vec![Piece::Env(name.into())])
    }

    /// The literal bytes if there is no environment reference.
    pub fn literal(&self) -> Option<Vec<u8>> {
        let mut out = Vec::new();
        for p in &self.0 {
            match p {
                Piece::Bytes(b) => out.extend_from_slice(b),
                Piece::Env(_) | Piece::EnvEncoded { .. } | Piece::QueryFile { .. } => return None,
            }
        }
        Some(out)
    }

    /// Appends another value, merging adjacent literals.
    pub fn push_value(&mut self, other: &Value) {
        for p in &other.0 {
            match p {
                Piece::Bytes(b) => self.push_bytes(b),
                Piece::Env(_) | Piece::EnvEncoded { .. } | Piece::QueryFile { .. } => {
                    self.0.push(p.clone())
                }
            }
        }
    }

    /// The value as curl writes a multipart part's name or file name between quotes: `"`, CR
    /// and LF as `%22`, `%0D`, `%0A` (the WHATWG form encoding). Environment pieces are kept:
    /// their escaping happens when the program reads them.
    pub fn form_escaped(&self) -> Value {
        let mut out = Value::default();
        for p in &self.0 {
            let Piece::Bytes(b) = p else {
                out.0.push(p.clone());
                continue;
            };
            let mut e = Vec::with_capacity(b.len());
            for &x in b {
                match x {
                    b'"' => e.extend_from_slice(b"%22"),
                    b'\r' => e.extend_from_slice(b"%0D"),
                    b'\n' => e.extend_from_slice(b"%0A"),
                    x => e.push(x),
                }
            }
            out.push_bytes(&e);
        }
        out
    }

    /// Appends literal bytes, merging with a trailing literal.
    pub fn push_bytes(&mut self, b: &[u8]) {
        if b.is_empty() {
            return;
        }
        if let Some(Piece::Bytes(last)) = self.0.last_mut() {
            last.extend_from_slice(b);
        } else {
            self.0.push(Piece::Bytes(b.to_vec()));
        }
    }

    /// True when there is nothing in it.
    pub fn is_empty(&self) -> bool {
        self.0
            .iter()
            .all(|p| matches!(p, Piece::Bytes(b) if b.is_empty()))
    }

    /// Names of the environment variables it reads (encoded or not), those in the path of a
    /// file read into a query included.
    pub fn env_names(&self) -> impl Iterator<Item = &str> {
        self.0.iter().flat_map(|p| {
            let (own, path) = match p {
                Piece::Env(n) | Piece::EnvEncoded { name: n, .. } => (Some(n.as_str()), None),
                Piece::QueryFile { path, .. } => (None, Some(path)),
                Piece::Bytes(_) => (None, None),
            };
            let in_path = path.into_iter().flat_map(|v| {
                v.0.iter().filter_map(|q| match q {
                    Piece::Env(n) => Some(n.as_str()),
                    _ => None,
                })
            });
            own.into_iter().chain(in_path)
        })
    }

    /// The files it reads into a URL's query when the program runs, with what is done to them.
    pub fn query_files(&self) -> impl Iterator<Item = (&Value, QueryRead)> {
        self.0.iter().filter_map(|p| match p {
            Piece::QueryFile { path, read } => Some((path, *read)),
            _ => None,
        })
    }

    /// The hex case of each environment reference it percent-encodes at run time (generators use
    /// it to know which encoding helpers the program needs).
    pub fn env_encodings(&self) -> impl Iterator<Item = HexCase> + '_ {
        self.0.iter().filter_map(|p| match p {
            Piece::EnvEncoded { hex, .. } => Some(*hex),
            Piece::Bytes(_) | Piece::Env(_) | Piece::QueryFile { .. } => None,
        })
    }

    /// Text for messages: env references as `$NAME`, bad UTF-8 replaced.
    pub fn display(&self) -> String {
        let mut out = String::new();
        for p in &self.0 {
            match p {
                Piece::Bytes(b) => out.push_str(&String::from_utf8_lossy(b)),
                Piece::Env(n) | Piece::EnvEncoded { name: n, .. } => {
                    out.push('$');
                    out.push_str(n);
                }
                Piece::QueryFile { path, .. } => {
                    out.push('@');
                    out.push_str(&path.display());
                }
            }
        }
        out
    }
}

/// Serialised as a plain string when it is UTF-8 text with no env reference; otherwise as a list of
/// `{"text": …}`, `{"hex": …}`, `{"env": …}`, `{"env_urlencoded": …}` (with `"hex_case": "lower"`
/// when the escapes are lower case) and `{"query_file": …, "query_read": …}` pieces.
impl Serialize for Value {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeSeq;
        if let Some(b) = self.literal() {
            if let Ok(text) = String::from_utf8(b) {
                return s.serialize_str(&text);
            }
        }
        let mut seq = s.serialize_seq(Some(self.0.len()))?;
        for p in &self.0 {
            let mut m = std::collections::BTreeMap::new();
            match p {
                Piece::Bytes(b) => match std::str::from_utf8(b) {
                    Ok(t) => m.insert("text", t.to_string()),
                    Err(_) => m.insert("hex", b.iter().map(|x| format!("{x:02x}")).collect()),
                },
                Piece::Env(n) => m.insert("env", n.clone()),
                Piece::EnvEncoded { name, hex } => {
                    if *hex == HexCase::Lower {
                        m.insert("hex_case", "lower".to_string());
                    }
                    m.insert("env_urlencoded", name.clone())
                }
                Piece::QueryFile { path, read } => {
                    let how = match read {
                        QueryRead::Encode => "urlencode",
                        QueryRead::StripNewlines => "strip_newlines",
                        QueryRead::Raw => "raw",
                        QueryRead::Text => "text",
                    };
                    m.insert("query_read", how.to_string());
                    m.insert("query_file", path.display())
                }
            };
            seq.serialize_element(&m)?;
        }
        seq.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn form_escaped_encodes_quote_cr_lf_and_keeps_variables() {
        let mut v = Value::bytes("a\"b\r\nc");
        v.0.push(Piece::Env("NAME".into()));
        v.push_bytes(b"\"");
        let e = v.form_escaped();
        assert_eq!(
            e.0,
            vec![
                Piece::Bytes(b"a%22b%0D%0Ac".to_vec()),
                Piece::Env("NAME".into()),
                Piece::Bytes(b"%22".to_vec()),
            ]
        );
    }
}
