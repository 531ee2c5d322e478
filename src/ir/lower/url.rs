//! URLs as curl sends them: scheme guessing, userinfo moved out, dot segments removed, fragment
//! dropped, and the query appends of `-G`, `--url-query` and `-T`.

use super::Ctx;
use crate::curl::values::{self, Flat};
use crate::diagnostic::{Diagnostic, Span};
use crate::ir::{HexCase, Piece, Value};

/// A URL split into the parts lowering changes. Pieces keep their environment references.
#[derive(Clone, Debug, PartialEq)]
pub(super) enum Url {
    /// `scheme://authority/path?query` understood from its literal text.
    Parsed {
        /// Lower-case scheme.
        scheme: String,
        /// `host[:port]`, userinfo removed.
        authority: Value,
        /// Starts with `/`.
        path: Value,
        /// Without the `?`.
        query: Option<Value>,
    },
    /// Starts with an environment reference (`$BASE/api`): kept as typed, curl parses it at run time.
    Opaque(Value),
}

/// What parsing takes from the group's options.
pub(super) struct UrlOptions<'a> {
    /// `--proto-default`.
    pub proto_default: Option<&'a str>,
    /// `--path-as-is`.
    pub path_as_is: bool,
    /// `-g`.
    pub globoff: bool,
}

/// curl's scheme guesses for URLs without one (lib/urlapi.c, `guess_scheme`).
const GUESSES: [(&str, &str); 6] = [
    ("ftp.", "ftp"),
    ("dict.", "dict"),
    ("ldap.", "ldap"),
    ("imap.", "imap"),
    ("smtp.", "smtp"),
    ("pop3.", "pop3"),
];

/// A URL and the credentials found in it.
pub(super) struct Parsed {
    pub url: Url,
    /// Percent-decoded `user:password@` (password empty when absent, as curl sends it).
    pub userinfo: Option<(Value, Value)>,
}

/// Parses a URL word the way curl's URL parser normalises it before sending.
pub(super) fn parse(
    word: &Value,
    span: Span,
    opts: &UrlOptions,
    cx: &mut Ctx,
) -> Result<Parsed, Diagnostic> {
    for p in &word.0 {
        if let Piece::Bytes(b) = p {
            if let Some(&c) = b.iter().find(|&&c| c <= b' ' || c == 0x7f) {
                let what = if c == b' ' {
                    "a space"
                } else {
                    "a control character"
                };
                return Err(Diagnostic::error(format!(
                    "the URL contains {what}, which curl rejects (\"URL rejected: Malformed input to a URL function\")"
                ))
                .with_span(span)
                .with_label("curl exits with code 3 here")
                .with_help("percent-encode it, e.g. a space as %20"));
            }
        }
    }
    let f = Flat::new(word);
    let b = &f.bytes[..];
    let (scheme, rest) = match find(b, b"://") {
        Some(i) if is_scheme(&b[..i]) => (
            String::from_utf8_lossy(&b[..i]).to_ascii_lowercase(),
            &b[i + 3..],
        ),
        _ if b.first() == Some(&0) => {
            // `$URL` or `${BASE}/path`: the scheme and host are only known at run time.
            return Ok(Parsed {
                url: Url::Opaque(word.clone()),
                userinfo: None,
            });
        }
        _ => (guess_scheme(b, opts.proto_default), b),
    };
    if scheme != "http" && scheme != "https" {
        return Err(Diagnostic::error(format!(
            "`{scheme}://` URLs are not supported: curl2code converts HTTP and HTTPS requests only"
        ))
        .with_span(span)
        .with_label(if find(b, b"://").is_some() {
            "not an HTTP URL"
        } else {
            "curl guesses this scheme from the host name"
        })
        .with_help("use an http:// or https:// URL"));
    }
    let auth_end = rest
        .iter()
        .position(|&c| matches!(c, b'/' | b'?' | b'#'))
        .unwrap_or(rest.len());
    let (mut authority, tail) = rest.split_at(auth_end);
    let mut userinfo = None;
    if let Some(at) = authority.iter().position(|&c| c == b'@') {
        let login = &authority[..at];
        let (user, pass) = match login.iter().position(|&c| c == b':') {
            Some(c) => (&login[..c], &login[c + 1..]),
            None => (login, &b""[..]),
        };
        userinfo = Some((
            f.map_literals(user, percent_decode),
            f.map_literals(pass, percent_decode),
        ));
        authority = &authority[at + 1..];
    }
    if authority.is_empty() {
        return Err(Diagnostic::error("the URL has no host name")
            .with_span(span)
            .with_label("curl exits with code 3 here")
            .with_help("write the URL as https://host/path"));
    }
    // curl's URL globbing runs on the whole text before the URL is parsed: it takes `\[` `\]` `\{`
    // `\}` as the plain characters (browsers' "copy as cURL" writes them for every bracket), and
    // `{…}` / `[…]` as patterns. With -g the text goes to the URL parser as typed.
    let (tail, globby) = if opts.globoff {
        (tail.to_vec(), false)
    } else {
        unescape_glob(tail)
    };
    let tail = match tail.iter().position(|&c| c == b'#') {
        Some(i) => &tail[..i],
        None => &tail[..],
    };
    let (path, query) = match tail.iter().position(|&c| c == b'?') {
        Some(i) => (&tail[..i], Some(&tail[i + 1..])),
        None => (tail, None),
    };
    if globby {
        cx.warn(
            Diagnostic::warning(
                "curl expands `{a,b}` and `[1-3]` in URLs (globbing); curl2code sends this URL as typed",
            )
            .with_span(span)
            .with_label("contains { } [ or ]")
            .with_help("add -g (--globoff) to the curl command so that curl sends it as typed too"),
        );
    }
    let mut path = if path.is_empty() {
        b"/".to_vec()
    } else {
        path.to_vec()
    };
    if !opts.path_as_is {
        path = remove_dot_segments(&path);
    }
    // libcurl sends the path with bytes above 0x7e percent-encoded (lower-case hex, as curl 7.88
    // does; curl 8.20 and later use upper case), the query as typed.
    let path = f.map_literals(&path, |b| {
        let mut out = Vec::with_capacity(b.len());
        for &c in b {
            if c >= 0x80 {
                out.extend_from_slice(format!("%{c:02x}").as_bytes());
            } else {
                out.push(c);
            }
        }
        out
    });
    Ok(Parsed {
        url: Url::Parsed {
            scheme,
            authority: f.value(authority),
            path,
            query: query.map(|q| f.value(q)),
        },
        userinfo,
    })
}

/// The path and query as curl's globbing leaves them when they hold no pattern: a backslash before
/// `[` `]` `{` `}` removed. Also says whether an unescaped `{` `}` `[` `]` (a pattern, which
/// curl2code does not expand) is left.
fn unescape_glob(tail: &[u8]) -> (Vec<u8>, bool) {
    let mut out = Vec::with_capacity(tail.len());
    let mut globby = false;
    let mut i = 0;
    while i < tail.len() {
        match (tail[i], tail.get(i + 1)) {
            (b'\\', Some(&next)) if b"[]{}".contains(&next) => {
                out.push(next);
                i += 2;
            }
            (c, _) => {
                globby |= b"[]{}".contains(&c);
                out.push(c);
                i += 1;
            }
        }
    }
    (out, globby)
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

fn is_scheme(s: &[u8]) -> bool {
    s.first().is_some_and(|c| c.is_ascii_alphabetic())
        && s.iter()
            .all(|&c| c.is_ascii_alphanumeric() || matches!(c, b'+' | b'-' | b'.'))
}

fn guess_scheme(b: &[u8], proto_default: Option<&str>) -> String {
    if let Some(p) = proto_default {
        return p.to_ascii_lowercase();
    }
    for (prefix, scheme) in GUESSES {
        if b.len() >= prefix.len() && b[..prefix.len()].eq_ignore_ascii_case(prefix.as_bytes()) {
            return scheme.to_string();
        }
    }
    "http".to_string()
}

/// `%XX` → byte; a `%` not followed by two hex digits stays.
pub(super) fn percent_decode(b: &[u8]) -> Vec<u8> {
    percent_encoding::percent_decode(b).collect()
}

/// RFC 3986 §5.2.4, which curl applies unless `--path-as-is`.
pub(super) fn remove_dot_segments(path: &[u8]) -> Vec<u8> {
    let mut input = path;
    let mut out: Vec<u8> = Vec::with_capacity(path.len());
    while !input.is_empty() {
        if let Some(r) = input.strip_prefix(b"../") {
            input = r;
        } else if let Some(r) = input.strip_prefix(b"./") {
            input = r;
        } else if input.starts_with(b"/./") {
            input = &input[2..];
        } else if input == b"/." {
            input = b"/";
        } else if input.starts_with(b"/../") || input == b"/.." {
            input = if input.len() == 3 { b"/" } else { &input[3..] };
            let cut = out.iter().rposition(|&c| c == b'/').unwrap_or(0);
            out.truncate(cut);
        } else if input == b"." || input == b".." {
            input = b"";
        } else {
            let start = usize::from(input.first() == Some(&b'/'));
            let end = input[start..]
                .iter()
                .position(|&c| c == b'/')
                .map_or(input.len(), |p| p + start);
            out.extend_from_slice(&input[..end]);
            input = &input[end..];
        }
    }
    out
}

impl Url {
    /// The host name as a netrc file names machines: no port, no IPv6 brackets; `None` when
    /// the host is only known at run time.
    pub(super) fn host(&self) -> Option<Value> {
        let Url::Parsed { authority, .. } = self else {
            return None;
        };
        let text = String::from_utf8(authority.literal()?).ok()?;
        let host = match text.strip_prefix('[') {
            Some(v6) => v6.split(']').next().unwrap_or(v6),
            None => text.rsplit_once(':').map_or(text.as_str(), |(h, _)| h),
        };
        Some(Value::bytes(host))
    }

    /// `http://…`: no TLS on the way to the server.
    pub(super) fn is_plain_http(&self) -> bool {
        matches!(self, Url::Parsed { scheme, .. } if scheme == "http")
    }

    /// The whole URL.
    pub(super) fn value(&self) -> Value {
        match self {
            Url::Opaque(v) => v.clone(),
            Url::Parsed {
                scheme,
                authority,
                path,
                query,
            } => {
                let mut v = Value::bytes([scheme.as_bytes(), b"://"].concat());
                v.push_value(authority);
                v.push_value(path);
                if let Some(q) = query {
                    v.push_bytes(b"?");
                    v.push_value(q);
                }
                v
            }
        }
    }

    /// curl's `CURLU_APPENDQUERY`: `&` after a non-empty query, else `?`.
    pub(super) fn append_query(&mut self, extra: &Value) {
        match self {
            Url::Parsed { query, .. } => match query {
                Some(q) if !q.is_empty() => {
                    q.push_bytes(b"&");
                    q.push_value(extra);
                }
                _ => *query = Some(extra.clone()),
            },
            Url::Opaque(v) => {
                let has_query =
                    v.0.iter()
                        .any(|p| matches!(p, Piece::Bytes(b) if b.contains(&b'?')));
                v.push_bytes(if has_query { b"&" } else { b"?" });
                v.push_value(extra);
            }
        }
    }

    /// True when the path's last segment is empty (`-T` then adds the file name).
    pub(super) fn path_is_dir(&self) -> bool {
        match self {
            Url::Parsed { path, .. } => ends_with_slash(path),
            Url::Opaque(_) => false,
        }
    }

    /// Appends an already-encoded segment to the path.
    pub(super) fn push_path(&mut self, seg: &Value) {
        if let Url::Parsed { path, .. } = self {
            path.push_value(seg);
        }
    }

    /// The path's last segment (for `-O`), None when it is empty or not literal.
    pub(super) fn file_name(&self) -> Option<Value> {
        let Url::Parsed { path, .. } = self else {
            return None;
        };
        let f = Flat::new(path);
        let name = base_name(&f);
        (!name.is_empty()).then(|| f.value(name))
    }
}

fn ends_with_slash(v: &Value) -> bool {
    matches!(v.0.last(), Some(Piece::Bytes(b)) if b.last() == Some(&b'/'))
}

/// Lower-cases the hex digits of `%XX` escapes, as curl 7.88's URL API does to text appended with
/// `-G` or `--url-query` (`%2F` is sent as `%2f`), including those of values encoded at run time.
pub(super) fn lower_escapes(v: &Value) -> Value {
    let f = Flat::new(v);
    let mut out = f.map_literals(&f.bytes, |b| {
        let mut out = b.to_vec();
        let mut i = 0;
        while i + 2 < out.len() {
            if out[i] == b'%' && out[i + 1].is_ascii_hexdigit() && out[i + 2].is_ascii_hexdigit() {
                out[i + 1] = out[i + 1].to_ascii_lowercase();
                out[i + 2] = out[i + 2].to_ascii_lowercase();
                i += 3;
            } else {
                i += 1;
            }
        }
        out
    });
    for p in &mut out.0 {
        if let Piece::EnvEncoded { hex, .. } = p {
            *hex = HexCase::Lower;
        }
    }
    out
}

/// The file name `-T path` adds to a URL ending in `/`: the base name, `curl_easy_escape`d.
pub(super) fn upload_name(path: &Value) -> Value {
    let f = Flat::new(path);
    f.map_literals(base_name(&f), values::urlencode_escape)
}

/// The bytes after the last `/` (all of them when there is none).
fn base_name(f: &Flat) -> &[u8] {
    let start = f
        .bytes
        .iter()
        .rposition(|&c| c == b'/')
        .map_or(0, |i| i + 1);
    &f.bytes[start..]
}

#[cfg(test)]
mod tests {
    use crate::pipeline::{Options, parse};

    /// The URL curl2code sends for `command`, and its warnings.
    fn sent(command: &str) -> (String, Vec<String>) {
        let parsed = parse(command, &Options::default()).expect("converts");
        let warnings = parsed.warnings.iter().map(|w| w.message.clone()).collect();
        (parsed.requests[0].url.display(), warnings)
    }

    #[test]
    fn browser_bracket_escapes_are_removed_as_curls_globbing_does() {
        // Chrome's "copy as cURL" (bash) escapes every bracket of a query.
        let (url, w) = sent(r"curl 'https://h.example/a\[1\]?filter\[name\]=x&set=\{a\}'");
        assert_eq!(url, "https://h.example/a[1]?filter[name]=x&set={a}");
        assert!(w.is_empty(), "{w:?}");
        // Other backslashes stay, as in curl.
        let (url, _) = sent(r"curl 'https://h.example/p\q?x=\,y&z=\\'");
        assert_eq!(url, r"https://h.example/p\q?x=\,y&z=\\");
    }

    #[test]
    fn globoff_keeps_the_backslashes() {
        let (url, w) = sent(r"curl -g 'https://h.example/a\[1\]?q=\{x\}'");
        assert_eq!(url, r"https://h.example/a\[1\]?q=\{x\}");
        assert!(w.is_empty(), "{w:?}");
    }

    #[test]
    fn an_escaped_bracket_next_to_a_real_pattern_still_warns() {
        let (url, w) = sent(r"curl 'https://h.example/\[x\]/{a,b}'");
        assert_eq!(url, "https://h.example/[x]/{a,b}");
        assert!(w.iter().any(|m| m.contains("globbing")), "{w:?}");
    }
}
