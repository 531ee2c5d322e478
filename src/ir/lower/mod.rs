//! [`CurlArgs`] → [`Request`]s with curl's defaults, method rules and header rules.
//!
//! Options are read in order into one `Group` per `--next` section, exactly as curl fills one
//! `OperationConfig` per section; each URL of the section then becomes a request that shares the
//! section's options (`-o` and `-T` are handed to the URLs one by one, as curl does).
//! Where curl 7.88 (installed here, used by the wire tests) and curl 8 differ, the comments say so.

mod auth;
mod body;
mod connect;
mod date;
mod options;
mod proxying;
mod request;
#[cfg(test)]
mod tests;
mod url;
mod write_out;

use super::{
    Auth, Body, CurlRetry, Header, HeaderName, Method, Output, Part, Piece, Proxy, ProxyOptions,
    QueryRead, Request, Segment, Source, Transfer, Transform, Value,
};
use crate::curl::values::{self, CookieArg, Flat, HeaderArg};
use crate::curl::{Arg, CurlArgs, Item, Opt, Stdin, Text};
use crate::diagnostic::{Diagnostic, Severity, Span};
use body::{Data, DataKind};

/// Lowers one curl command to the requests it sends (several with several URLs or `--next`).
pub fn lower(args: &CurlArgs, warnings: &mut Vec<Diagnostic>) -> Result<Vec<Request>, Diagnostic> {
    let mut cx = Ctx {
        stdin: match &args.stdin {
            Some(Stdin::Bytes(b)) => StdinSource::Bytes(b.clone()),
            Some(Stdin::File(v)) => StdinSource::File(v.clone()),
            Some(Stdin::Text(v)) => StdinSource::Text(v.clone()),
            None => StdinSource::Program,
        },
        warnings,
        files: &args.files,
    };
    // Split at `--next`, remembering which `--next` opened each section (for "no URL" errors).
    let mut sections: Vec<(Vec<&Item>, Option<Span>)> =
        vec![(Vec::with_capacity(args.items.len()), None)];
    for item in &args.items {
        match item {
            Item::Opt(a) if matches!(a.opt, Opt::Next) => sections.push((Vec::new(), Some(a.span))),
            _ => {
                if let Some(last) = sections.last_mut() {
                    last.0.push(item);
                }
            }
        }
    }
    let mut out = Vec::new();
    for (items, opened_by) in sections {
        let mut g = Group::default();
        for item in items {
            match item {
                Item::Url(t) => g.add_url(t.value.clone(), t.span),
                Item::Opt(a) => g.option(a, &mut cx)?,
            }
        }
        out.extend(g.finish(args.span, opened_by, &mut cx)?);
    }
    Ok(out)
}

/// What `@-` reads.
#[derive(Clone, Debug)]
pub(crate) enum StdinSource {
    /// Bytes the pasted text feeds to curl (`echo … |`, heredoc): used now.
    Bytes(Vec<u8>),
    /// `< file`: read when the program runs.
    File(Value),
    /// A here-string with environment references: its value when the program runs.
    Text(Value),
    /// Nothing said: the generated program reads its own stdin.
    Program,
}

/// State shared by every section of one command.
pub(crate) struct Ctx<'a> {
    stdin: StdinSource,
    warnings: &'a mut Vec<Diagnostic>,
    /// Where the files read while converting resolve.
    files: &'a crate::files::Files,
}

impl Ctx<'_> {
    fn warn(&mut self, d: Diagnostic) {
        self.warnings.push(Diagnostic {
            severity: Severity::Warning,
            ..d
        });
    }

    /// Reads a file now, on behalf of an option curl reads it for while parsing arguments.
    fn read_file(&self, path: &Value, span: Span, what: &str) -> Result<Vec<u8>, Diagnostic> {
        let Some(raw) = path.literal() else {
            return Err(Diagnostic::error(format!(
                "the file for {what} is named by an environment variable (`{}`), but curl2code reads it while converting",
                path.display()
            ))
            .with_span(span)
            .with_label("read at conversion time")
            .with_help("write the file name out in the command"));
        };
        let name = String::from_utf8_lossy(&raw).into_owned();
        let fail = |e: String| {
            Diagnostic::error(format!("cannot read `{name}` for {what}: {e}"))
                .with_span(span)
                .with_label("curl2code reads this file while converting")
                .with_help("run curl2code in the directory where the curl command runs, or paste the content instead of @file")
        };
        self.files.read(&name).map_err(fail)
    }

    /// Stdin's bytes when the pasted text says what they are.
    fn stdin_now(&self, span: Span, what: &str) -> Result<Vec<u8>, Diagnostic> {
        match &self.stdin {
            StdinSource::Bytes(b) => Ok(b.clone()),
            _ => Err(Diagnostic::error(format!(
                "{what} reads stdin while curl parses its arguments, but the input does not say what stdin holds"
            ))
            .with_span(span)
            .with_label("reads stdin")
            .with_help("pipe the data in the pasted command (printf '…' | curl …) or use a file")),
        }
    }
}

/// One URL slot: curl hands out URLs, `-o`/`-O` and `-T` to these in order.
#[derive(Default)]
struct Node {
    url: Option<(Value, Span)>,
    output: Option<Output>,
    upload: Option<(Value, Span)>,
}

/// One custom header as typed.
enum UserHeader {
    /// Sent.
    Send(Header),
    /// `Name:`: suppresses curl's own header.
    Remove(HeaderName),
}

/// The ways curl's `SetHTTPrequest` can pick a method; two different ones are an error.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Get,
    Head,
    Mime,
    Post,
    Put,
}

impl Kind {
    /// curl's own wording for the conflict message.
    fn curl_name(self) -> &'static str {
        match self {
            Kind::Get => "GET (-G, --get)",
            Kind::Head => "HEAD (-I, --head)",
            Kind::Mime => "multipart formpost (-F, --form)",
            Kind::Post => "POST (-d, --data)",
            Kind::Put => "PUT (-T, --upload-file)",
        }
    }
}

/// Authentication schemes as curl's `authtype` bits.
const AUTH_BASIC: u8 = 1;
const AUTH_DIGEST: u8 = 2;
const AUTH_NTLM: u8 = 4;
const AUTH_NEGOTIATE: u8 = 8;
/// `--oauth2-bearer` adds Bearer to the schemes, as curl's tool does (`authtype |= CURLAUTH_BEARER`).
const AUTH_BEARER: u8 = 16;

/// Proxy kinds from `-x`, `--socks5` …: the scheme put in front of a bare `host:port`.
#[derive(Clone, Copy)]
struct ProxyKind(&'static str);

/// One `--next` section's options.
#[derive(Default)]
struct Group {
    nodes: Vec<Node>,
    headers: Vec<UserHeader>,
    user_agent: Option<Value>,
    referer: Option<(Value, bool)>,
    cookies: Vec<Value>,
    data: Option<Data>,
    form: Vec<Part>,
    form_span: Option<Span>,
    head: Option<Span>,
    use_get: bool,
    custom_method: Option<(Value, Span)>,
    user: Option<(Value, Option<Value>, Span)>,
    auth_bits: u8,
    bearer: Option<Value>,
    aws: Option<(Value, Span)>,
    transfer: Transfer,
    retry: CurlRetry,
    output_dir: Option<Value>,
    remote_name_all: bool,
    globoff: bool,
    path_as_is: bool,
    proto_default: Option<String>,
    proxy: Option<(Value, ProxyKind, Span)>,
    proxy_user: Option<(Value, Option<Value>, Span)>,
    url_query: Vec<Value>,
    location_trusted: Option<Span>,
    range: Option<(Value, Span)>,
    /// `-C N` with N > 0: resume at byte N (`Range: bytes=N-`, which wins over `-r`).
    continue_at: Option<(u64, Span)>,
    /// `-z`: the conditional header curl adds and its HTTP-date value.
    time_cond: Option<(&'static str, String)>,
    /// `--disallow-username-in-url`.
    disallow_userinfo: bool,
    form_escape: Option<Span>,
    /// How many of `transfer.connect.routes` (at the front) came from `--connect-to`.
    connect_to_rules: usize,
    /// `-n` / `--netrc-optional` (true when optional) and `--netrc-file`.
    netrc: Option<bool>,
    netrc_file: Option<Value>,
}

impl Group {
    /// Hands `v` to the first URL slot whose `field` is still empty, as curl hands URLs, `-o`
    /// and `-T` out in order; a new slot when all are taken.
    fn fill<T>(&mut self, field: fn(&mut Node) -> &mut Option<T>, v: T) {
        let free = self.nodes.iter_mut().position(|n| field(n).is_none());
        let i = free.unwrap_or_else(|| {
            self.nodes.push(Node::default());
            self.nodes.len() - 1
        });
        if let Some(n) = self.nodes.get_mut(i) {
            *field(n) = Some(v);
        }
    }

    fn add_url(&mut self, url: Value, span: Span) {
        self.fill(|n| &mut n.url, (url, span));
    }

    fn set_output(&mut self, out: Output) {
        self.fill(|n| &mut n.output, out);
    }

    fn set_upload(&mut self, path: Value, span: Span) {
        self.fill(|n| &mut n.upload, (path, span));
    }
}

fn toggle(bits: &mut u8, bit: u8, on: bool) {
    if on {
        *bits |= bit;
    } else {
        *bits &= !bit;
    }
}

fn header(name: &str, value: Value) -> Header {
    Header {
        name: HeaderName::new(name),
        value,
    }
}

fn proxy_of(t: &Text, scheme: &'static str) -> (Value, ProxyKind, Span) {
    (t.value.clone(), ProxyKind(scheme), t.span)
}

/// The literal bytes of a numeric option; None (with a warning) when it reads the environment.
fn literal_number(f: &Flat, span: Span, arg: &Arg, cx: &mut Ctx) -> Option<Vec<u8>> {
    match f.literal_bytes(&f.bytes) {
        Some(b) => Some(b),
        None => {
            cx.warn(
                Diagnostic::warning(format!(
                    "--{} reads its number from the environment; curl2code needs it while converting, so it is ignored",
                    arg.spec.long
                ))
                .with_span(span)
                .with_help("write the number out in the command"),
            );
            None
        }
    }
}

fn bad_number(arg: &Arg, span: Span, expected: &str) -> Diagnostic {
    let shown = arg
        .value
        .as_ref()
        .map(|t| t.value.display())
        .unwrap_or_default();
    Diagnostic::error(format!(
        "`{shown}` is not a valid value for --{}",
        arg.spec.long
    ))
    .with_span(span)
    .with_label(format!("expected {expected}"))
    .with_help(format!(
        "curl stops with \"expected a proper numerical parameter\"; write {expected}"
    ))
}

/// Segments that go into a URL's query (`-G` data, `--url-query`): text as it is, a file named
/// in the command as a [`Piece::QueryFile`] the program reads when it runs (as it reads a
/// `-d @file` body, its path's variables included), stdin (and a path that is not UTF-8 text)
/// read now as [`inline`] does.
fn query_value(
    segments: &[Segment],
    span: Span,
    what: &str,
    cx: &mut Ctx,
) -> Result<Value, Diagnostic> {
    let mut v = Value::default();
    for s in segments {
        let file = match s {
            Segment::Read {
                source: Source::File(path),
                transform,
            } if runtime_path(path) => Some((path.clone(), *transform)),
            _ => None,
        };
        match file {
            Some((path, transform)) => v.0.push(Piece::QueryFile {
                path,
                read: match transform {
                    Transform::UrlEncode => QueryRead::Encode,
                    Transform::StripNewlines => QueryRead::StripNewlines,
                    Transform::Raw => QueryRead::Raw,
                },
            }),
            None => v.push_value(&inline(std::slice::from_ref(s), span, what, cx)?),
        }
    }
    Ok(v)
}

/// True when `path` can be written in every language as the program's own path expression: UTF-8
/// text and plain environment variables.
fn runtime_path(path: &Value) -> bool {
    path.0.iter().all(|p| match p {
        Piece::Bytes(b) => std::str::from_utf8(b).is_ok(),
        Piece::Env(_) => true,
        Piece::EnvEncoded { .. } | Piece::QueryFile { .. } => false,
    })
}

/// Turns data segments into text now (for the URL): files are read at conversion time.
fn inline(segments: &[Segment], span: Span, what: &str, cx: &mut Ctx) -> Result<Value, Diagnostic> {
    let mut v = Value::default();
    for s in segments {
        match s {
            Segment::Text(t) => v.push_value(t),
            Segment::Read { source, transform } => {
                let bytes = match source {
                    Source::File(path) => cx.read_file(path, span, what)?,
                    Source::Stdin => cx.stdin_now(span, what)?,
                };
                v.push_bytes(&body::apply(*transform, &bytes));
            }
        }
    }
    Ok(v)
}
