//! Unit tests for lowering, on hand-built [`CurlArgs`].
//!
//! Tests marked "verified" were checked against the real curl 7.88.1 installed here, by reading
//! the raw request it sent to a loopback listener.

use super::*;
use crate::ir::{HexCase, Part, PartContent, Piece, QueryRead, Transform};

// ---------------------------------------------------------------------------------------------
// builder

/// A value; `${NAME}` inside it becomes an environment reference.
fn val(s: &str) -> Value {
    let mut v = Value::default();
    let mut rest = s;
    while let Some(i) = rest.find("${") {
        let Some(j) = rest[i..].find('}') else { break };
        v.push_bytes(&rest.as_bytes()[..i]);
        v.0.push(Piece::Env(rest[i + 2..i + j].to_string()));
        rest = &rest[i + j + 1..];
    }
    v.push_bytes(rest.as_bytes());
    v
}

/// An option argument or URL at `span`.
fn word(s: &str, span: Span) -> Text {
    Text {
        value: val(s),
        span,
    }
}

/// Builds `curl argv…` as if typed on one line with single spaces (spans point into that
/// line), resolving options through the real table: `--name`, `--no-name` or `-x` alone.
fn cmd_with(argv: &[&str], stdin: Option<Stdin>) -> CurlArgs {
    let mut pos = "curl ".len();
    let mut spans = Vec::new();
    for a in argv {
        spans.push(Span::new(pos, pos + a.len()));
        pos += a.len() + 1;
    }
    let mut items = Vec::new();
    let mut i = 0;
    while i < argv.len() {
        let a = argv[i];
        let span = spans[i];
        let (spec, negated) = if let Some(l) = a.strip_prefix("--no-") {
            (crate::curl::opts::by_long(l), true)
        } else if let Some(l) = a.strip_prefix("--") {
            (crate::curl::opts::by_long(l), false)
        } else if a.len() == 2 && a.starts_with('-') {
            let c = a.chars().nth(1).unwrap_or('?');
            (crate::curl::opts::by_short(c), false)
        } else {
            items.push(Item::Url(word(a, span)));
            i += 1;
            continue;
        };
        let spec = spec.unwrap_or_else(|| panic!("unknown option {a}"));
        let value = spec.takes_value().then(|| {
            i += 1;
            word(argv[i], spans[i])
        });
        let opt = spec
            .build(value.clone(), negated)
            .unwrap_or_else(|| panic!("{a} is the parser's"));
        items.push(Item::Opt(Arg {
            spec,
            opt,
            value,
            negated,
            span,
        }));
        i += 1;
    }
    CurlArgs {
        items,
        files: Default::default(),
        stdin,
        span: Span::new(0, pos.saturating_sub(1)),
    }
}

fn cmd(argv: &[&str]) -> CurlArgs {
    cmd_with(argv, None)
}

/// Lowers and returns the result with the warnings.
fn run_with(
    argv: &[&str],
    stdin: Option<Stdin>,
) -> (Result<Vec<Request>, Diagnostic>, Vec<Diagnostic>) {
    let mut w = Vec::new();
    let r = lower(&cmd_with(argv, stdin), &mut w);
    (r, w)
}

/// Lowers a command that must give exactly one request.
fn one_with(argv: &[&str], stdin: Option<Stdin>) -> (Request, Vec<Diagnostic>) {
    let (r, w) = run_with(argv, stdin);
    let mut reqs = r.unwrap_or_else(|e| panic!("unexpected error: {e:?}"));
    assert_eq!(reqs.len(), 1, "expected one request");
    (reqs.remove(0), w)
}

fn one(argv: &[&str]) -> (Request, Vec<Diagnostic>) {
    one_with(argv, None)
}

/// Lowers a command that must fail.
fn err(argv: &[&str]) -> Diagnostic {
    match run_with(argv, None).0 {
        Ok(r) => panic!("expected an error, got {r:?}"),
        Err(e) => e,
    }
}

/// Text of a span in the command line the builder pretends was typed.
fn at(argv: &[&str], span: Option<Span>) -> String {
    let line = format!("curl {}", argv.join(" "));
    let s = span.expect("diagnostic has a span");
    line[s.start..s.end].to_string()
}

/// A literal value in the canonical form lowering produces (no empty pieces).
fn lit(s: &str) -> Value {
    let mut v = Value::default();
    v.push_bytes(s.as_bytes());
    v
}

fn url(r: &Request) -> String {
    r.url.display()
}

fn hdrs(r: &Request) -> Vec<(String, String)> {
    r.headers
        .iter()
        .map(|h| (h.name.as_str().to_string(), h.value.display()))
        .collect()
}

fn h(n: &str, v: &str) -> (String, String) {
    (n.to_string(), v.to_string())
}

fn data(r: &Request) -> Vec<Segment> {
    match &r.body {
        Some(Body::Data(s)) => s.clone(),
        other => panic!("expected a data body, got {other:?}"),
    }
}

fn parts(r: &Request) -> Vec<Part> {
    match &r.body {
        Some(Body::Multipart(p)) => p.clone(),
        other => panic!("expected a multipart body, got {other:?}"),
    }
}

fn text(s: &str) -> Segment {
    Segment::Text(lit(s))
}

fn has_warning(w: &[Diagnostic], needle: &str) -> bool {
    w.iter().any(|d| d.message.contains(needle))
}

/// A file under a per-process temporary folder; returns its absolute path.
fn tmp(name: &str, bytes: &[u8]) -> String {
    let dir = std::env::temp_dir().join(format!("curl2code-lower-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let p = dir.join(name);
    std::fs::write(&p, bytes).expect("temp file");
    p.to_string_lossy().into_owned()
}

mod conditions;
mod connect;
mod data;
mod end_to_end;
mod form;
mod headers;
mod methods;
mod proxying;
mod response;
mod transfer;
mod upload_auth;
mod urls;
