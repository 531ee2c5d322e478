//! JavaScript (Node 20, fetch): the default, idiomatic program (`idiomatic`) or curl's exact
//! bytes (`--exact`), and what both share; the flavours (`javascript-axios`, `typescript`) map
//! the same plan through the same code (`flavour` holds what differs).

mod access;
mod connect;
mod data;
#[cfg(test)]
#[path = "exact_tests.rs"]
mod exact_tests;
mod fetch_limits;
mod flavour;
mod idiomatic;
pub mod literal;
mod proxying;
mod response;

use self::literal as lit;
use super::Program;
use super::plan::Mode;
use crate::diagnostic::Diagnostic;
use crate::ir::{Header, Method, Part, Piece, Value};

/// Renders a complete JavaScript program in the program's mode.
pub fn render(program: &Program, warnings: &mut Vec<Diagnostic>) -> String {
    match program.mode {
        Mode::Idiomatic => idiomatic::render(program, false, warnings),
        Mode::Exact => idiomatic::render(program, true, warnings),
    }
}

/// The library a JavaScript program is written for.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Flavour {
    /// fetch (Node 20 and browsers): the core `javascript` target.
    #[default]
    Fetch,
    /// axios 1.x on Node 20 (`javascript-axios`).
    Axios,
    /// TypeScript with fetch (`typescript`).
    TypeScript,
}

/// Renders the idiomatic program of a flavour (`--exact` is the core target's alone: the CLI and
/// the web page refuse it for a flavour through `usage_problem`).
pub fn render_flavour(
    program: &Program,
    flavour: Flavour,
    warnings: &mut Vec<Diagnostic>,
) -> String {
    idiomatic::render_with(program, false, flavour, warnings)
}

/// A URL for messages and comments: no query or fragment (they may hold secrets).
pub(super) fn short_url(url: &Value) -> String {
    let d = url.display();
    d.split(['?', '#']).next().unwrap_or_default().to_string()
}

/// Text safe inside a `//` comment: no line terminators or other control characters.
pub(super) fn comment(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_control() || c == '\u{2028}' || c == '\u{2029}' {
                '?'
            } else {
                c
            }
        })
        .collect()
}

/// One expression for body chunks: the chunk itself, or a Blob joining them.
pub(super) fn blob(chunks: Vec<String>) -> String {
    match <[String; 1]>::try_from(chunks) {
        Ok([one]) => one,
        Err(chunks) => format!("new Blob([{}])", chunks.join(", ")),
    }
}

/// A multipart part's header lines as curl writes them (Content-Disposition of type
/// `disposition`, Content-Type, own headers).
pub(super) fn part_head(p: &Part, disposition: &str) -> Value {
    let mut head = Value::bytes(format!("Content-Disposition: {disposition}; name=\""));
    head.push_value(&p.name.form_escaped());
    head.push_bytes(b"\"");
    if let Some(f) = &p.filename {
        head.push_bytes(b"; filename=\"");
        head.push_value(&f.form_escaped());
        head.push_bytes(b"\"");
    }
    if let Some(t) = &p.content_type {
        head.push_bytes(b"\r\nContent-Type: ");
        head.push_value(t);
    }
    for h in &p.headers {
        head.push_bytes(b"\r\n");
        head.push_bytes(h.name.as_str().as_bytes());
        head.push_bytes(b": ");
        head.push_value(&h.value);
    }
    head
}

/// Headers undici refuses to send (it throws), so they are left out with a comment.
pub(super) const UNDICI_REFUSES: [&str; 4] =
    ["transfer-encoding", "keep-alive", "upgrade", "expect"];

/// Ports the Fetch standard blocks (https://fetch.spec.whatwg.org/#port-blocking): fetch fails
/// before connecting.
pub(super) const FETCH_BAD_PORTS: [u16; 82] = [
    1, 7, 9, 11, 13, 15, 17, 19, 20, 21, 22, 23, 25, 37, 42, 43, 53, 69, 77, 79, 87, 95, 101, 102,
    103, 104, 109, 110, 111, 113, 115, 117, 119, 123, 135, 137, 139, 143, 161, 179, 389, 427, 465,
    512, 513, 514, 515, 526, 530, 531, 532, 540, 548, 554, 556, 563, 587, 601, 636, 989, 990, 993,
    995, 1719, 1720, 1723, 2049, 3659, 4045, 4190, 5060, 5061, 6000, 6566, 6665, 6666, 6667, 6668,
    6669, 6679, 6697, 10080,
];

/// True when curl's `--noproxy` list names `host` (or `*`).
pub(super) fn bypasses(list: &str, host: &str) -> bool {
    let host = host.to_ascii_lowercase();
    list.split(',').map(str::trim).any(|entry| {
        let entry = entry.trim_start_matches('.').to_ascii_lowercase();
        entry == "*"
            || (!entry.is_empty() && (host == entry || host.ends_with(&format!(".{entry}"))))
    })
}

/// The explicit port of a URL, if it has one.
pub(super) fn port_of(url: &str) -> Option<u16> {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    let after_v6 = host.rsplit_once(']').map_or(host, |(_, p)| p);
    after_v6.rsplit_once(':').and_then(|(_, p)| p.parse().ok())
}

/// The host of a URL, without port or userinfo.
pub(super) fn host_of(url: &str) -> String {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    if let Some(v6) = host.strip_prefix('[') {
        return v6.split(']').next().unwrap_or_default().to_string();
    }
    host.split(':').next().unwrap_or_default().to_string()
}

/// Userinfo in a proxy URL is percent-encoded; curl decodes it (`%` without two hex digits
/// stays).
pub(super) fn percent_decode(s: &str) -> Vec<u8> {
    percent_encoding::percent_decode_str(s).collect()
}

/// `-O`'s file name: the last segment of the URL's path.
pub(super) fn remote_name(url: &str) -> String {
    let no_query = url.split(['?', '#']).next().unwrap_or_default();
    let path = no_query.split_once("://").map_or(no_query, |(_, r)| r);
    match path.split_once('/') {
        Some((_, p)) => p.rsplit('/').next().unwrap_or_default().to_string(),
        None => String::new(),
    }
}

/// Why fetch cannot be given this method as it is, if it cannot: it throws on CONNECT, TRACE and
/// TRACK and on a body with GET or HEAD, and upper-cases the standard names written in lower case.
pub(super) fn fetch_method_problem(m: &Method, has_body: bool) -> Option<&'static str> {
    let s = m.as_str();
    let upper = s.to_ascii_uppercase();
    if matches!(upper.as_str(), "CONNECT" | "TRACE" | "TRACK") {
        Some("fetch refuses this method")
    } else if has_body && matches!(upper.as_str(), "GET" | "HEAD") {
        Some("fetch refuses a body with this method")
    } else if s != upper
        && matches!(
            upper.as_str(),
            "DELETE" | "GET" | "HEAD" | "OPTIONS" | "POST" | "PUT"
        )
    {
        Some("fetch would upper-case this method")
    } else {
        None
    }
}

/// undici accepts only `close` and `keep-alive` as a Connection header.
pub(super) fn bad_connection(h: &Header) -> bool {
    h.name.is("connection")
        && !matches!(
            h.value.literal().map(|v| v.to_ascii_lowercase()).as_deref(),
            Some(b"close" | b"keep-alive")
        )
}

/// The `--exact` comment at the top: what the program does and how to run it.
pub(super) fn header_lines(program: &Program) -> Vec<String> {
    let what = match program.requests {
        [r] => format!("{} {}", r.method.as_str(), comment(&short_url(&r.url))),
        rs => format!("{} requests in order", rs.len()),
    };
    vec![
        format!("{what}: curl's bytes (--exact), retried on transient failures."),
        "Generated by curl2code. Run: node request.mjs (Node.js 20 or later, no packages needed; node:http)."
            .to_string(),
    ]
}

/// A URL whose bytes are not all UTF-8, as a string expression with those bytes percent-encoded
/// (curl sends them raw; a JavaScript string cannot hold them).
pub(super) fn percent_encoded_url(url: &Value) -> String {
    use percent_encoding::CONTROLS;
    let pieces = url
        .0
        .iter()
        .map(|p| match p {
            Piece::Bytes(b) => {
                let mut s = Vec::new();
                for chunk in b.utf8_chunks() {
                    s.extend_from_slice(chunk.valid().as_bytes());
                    s.extend(
                        percent_encoding::percent_encode(chunk.invalid(), CONTROLS)
                            .flat_map(str::bytes),
                    );
                }
                Piece::Bytes(s)
            }
            Piece::Env(_) | Piece::EnvEncoded { .. } | Piece::QueryFile { .. } => p.clone(),
        })
        .collect();
    lit::text(&Value(pieces)).unwrap_or_else(|| lit::string(""))
}
