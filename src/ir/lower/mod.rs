//! [`CurlArgs`] → [`Request`]s with curl's defaults, method rules and header rules.
//!
//! Options are read in order into one `Group` per `--next` section, exactly as curl fills one
//! `OperationConfig` per section; each URL of the section then becomes a request that shares the
//! section's options (`-o` and `-T` are handed to the URLs one by one, as curl does).
//! Where curl 7.88 (installed here, used by the wire tests) and curl 8 differ, the comments say so.

mod body;
mod date;
#[cfg(test)]
mod tests;
mod url;

use super::{
    Auth, Body, CurlRetry, Header, HeaderName, Method, Output, Part, Proxy, Request, Segment,
    Source, Transfer, Value,
};
use crate::curl::values::{self, CookieArg, Flat, HeaderArg};
use crate::curl::{Arg, CurlArgs, Item, Support};
use crate::diagnostic::{Diagnostic, Severity, Span};
use crate::shell::{Stdin, Word};
use body::{Data, DataKind};

/// Lowers one curl command to the requests it sends (several with several URLs or `--next`).
pub fn lower(args: &CurlArgs, warnings: &mut Vec<Diagnostic>) -> Result<Vec<Request>, Diagnostic> {
    let mut cx = Ctx {
        stdin: match &args.stdin {
            Some(Stdin::Bytes(b)) => StdinSource::Bytes(b.clone()),
            Some(Stdin::File(w)) => StdinSource::File(Value::from(w)),
            Some(Stdin::Text(w)) => StdinSource::Text(Value::from(w)),
            None => StdinSource::Program,
        },
        warnings,
        files: &args.files,
    };
    // Split at `--next`, remembering which `--next` opened each section (for "no URL" errors).
    let mut sections: Vec<(Vec<&Item>, Option<Span>)> = vec![(Vec::new(), None)];
    for item in &args.items {
        match item {
            Item::Opt(a) if a.spec.long == "next" => sections.push((Vec::new(), Some(a.span))),
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
                Item::Url(w) => g.add_url(Value::from(w), w.span),
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
    /// `-C N`: resume at byte N (`Range: bytes=N-`, which wins over `-r`).
    continue_at: Option<(Value, Span)>,
    /// `-z`: the conditional header curl adds and its HTTP-date value.
    time_cond: Option<(&'static str, String)>,
    /// `--disallow-username-in-url`.
    disallow_userinfo: bool,
    form_escape: Option<Span>,
}

/// The value of an option that takes one (the parser guarantees it; an empty word otherwise).
fn value_of(arg: &Arg) -> (Value, Span) {
    match &arg.value {
        Some(w) => (Value::from(w), w.span),
        None => (Value::default(), arg.span),
    }
}

fn word_flat(arg: &Arg) -> (Flat, Span) {
    match &arg.value {
        Some(w) => (Flat::from_word(w), w.span),
        None => (Flat::default(), arg.span),
    }
}

impl Group {
    fn add_url(&mut self, url: Value, span: Span) {
        match self.nodes.iter_mut().find(|n| n.url.is_none()) {
            Some(n) => n.url = Some((url, span)),
            None => self.nodes.push(Node {
                url: Some((url, span)),
                ..Node::default()
            }),
        }
    }

    fn set_output(&mut self, out: Output) {
        match self.nodes.iter_mut().find(|n| n.output.is_none()) {
            Some(n) => n.output = Some(out),
            None => self.nodes.push(Node {
                output: Some(out),
                ..Node::default()
            }),
        }
    }

    fn set_upload(&mut self, path: Value, span: Span) {
        match self.nodes.iter_mut().find(|n| n.upload.is_none()) {
            Some(n) => n.upload = Some((path, span)),
            None => self.nodes.push(Node {
                upload: Some((path, span)),
                ..Node::default()
            }),
        }
    }

    /// Applies one option, in command-line order.
    fn option(&mut self, arg: &Arg, cx: &mut Ctx) -> Result<(), Diagnostic> {
        // The parser already warned about unsupported options; the others do not touch the wire.
        if arg.spec.support != Support::Applied {
            return Ok(());
        }
        let on = !arg.negated;
        match arg.spec.long {
            "url" => {
                let (v, s) = value_of(arg);
                self.add_url(v, s);
            }
            "header" => self.header(arg, cx)?,
            "user-agent" => self.user_agent = Some(value_of(arg).0),
            "referer" => {
                let (v, _) = value_of(arg);
                let f = Flat::new(&v);
                let (text, auto) = match f.bytes.strip_suffix(b";auto") {
                    Some(t) => (f.value(t), true),
                    None => (v, false),
                };
                self.referer = Some((text, auto));
            }
            "cookie" => {
                let (f, span) = word_flat(arg);
                match values::cookie(&f) {
                    CookieArg::Cookies(v) => self.cookies.push(v),
                    CookieArg::File(v) => {
                        // `-b ''` only switches the cookie engine on: nothing to read.
                        if !v.is_empty() {
                            self.transfer.cookie_files.push(v);
                        }
                    }
                    CookieArg::Unknown(v) => {
                        cx.warn(
                            Diagnostic::warning(format!(
                                "`{}` is read as cookie text (`name=value`); curl reads it as a cookie file if its value has no `=`",
                                v.display()
                            ))
                            .with_span(span)
                            .with_label("cookie text or cookie file?")
                            .with_help("write the `name=` part out in the command"),
                        );
                        self.cookies.push(v);
                    }
                }
            }
            "cookie-jar" => self.transfer.cookie_jar = Some(value_of(arg).0),
            "data" | "data-ascii" => self.data(DataKind::Ascii, arg, cx),
            "data-binary" => self.data(DataKind::Binary, arg, cx),
            "data-raw" => self.data(DataKind::Raw, arg, cx),
            "data-urlencode" => self.data(DataKind::UrlEncode, arg, cx),
            "json" => self.data(DataKind::Json, arg, cx),
            "form" | "form-string" => self.form(arg, cx)?,
            "get" => self.use_get = on,
            "head" => self.head = on.then_some(arg.span),
            "request" => {
                let (v, s) = value_of(arg);
                self.custom_method = Some((v, s));
            }
            "upload-file" => {
                let (v, s) = value_of(arg);
                self.set_upload(v, s);
            }
            "user" => {
                let (f, span) = word_flat(arg);
                let (user, pass) = values::user_password(&f);
                self.user = Some((user, pass, span));
            }
            "basic" => toggle(&mut self.auth_bits, AUTH_BASIC, on),
            "digest" => toggle(&mut self.auth_bits, AUTH_DIGEST, on),
            "ntlm" => toggle(&mut self.auth_bits, AUTH_NTLM, on),
            "negotiate" => toggle(&mut self.auth_bits, AUTH_NEGOTIATE, on),
            "anyauth" => self.auth_bits = AUTH_BASIC | AUTH_DIGEST | AUTH_NTLM | AUTH_NEGOTIATE,
            "oauth2-bearer" => self.bearer = Some(value_of(arg).0),
            "aws-sigv4" => self.aws = Some(value_of(arg)),
            "location" => self.transfer.follow_redirects = on,
            "location-trusted" => {
                self.transfer.follow_redirects = on;
                self.location_trusted = on.then_some(arg.span);
            }
            "max-redirs" => {
                let (f, span) = word_flat(arg);
                if let Some(b) = literal_number(&f, span, arg, cx) {
                    self.transfer.max_redirects = match values::signed(&b) {
                        Some(-1) => Some(u32::MAX),
                        Some(n) if n >= 0 => Some(u32::try_from(n).unwrap_or(u32::MAX)),
                        _ => {
                            return Err(bad_number(
                                arg,
                                span,
                                "a whole number, or -1 for no limit",
                            ));
                        }
                    };
                }
            }
            "max-time" => self.transfer.timeout = self.secs(arg, cx)?.or(self.transfer.timeout),
            "connect-timeout" => {
                self.transfer.connect_timeout =
                    self.secs(arg, cx)?.or(self.transfer.connect_timeout)
            }
            "insecure" => self.transfer.insecure = on,
            "cacert" => self.transfer.cacert = Some(value_of(arg).0),
            "cert" => {
                let (f, span) = word_flat(arg);
                let (cert, pass) = values::cert(&f);
                if pass.is_some() {
                    cx.warn(
                        Diagnostic::warning(
                            "the passphrase after `:` in --cert is not converted",
                        )
                        .with_span(span)
                        .with_label("certificate:passphrase")
                        .with_help("use an unencrypted key, or load it with the passphrase in the generated code"),
                    );
                }
                self.transfer.cert = Some(cert);
            }
            "key" => self.transfer.key = Some(value_of(arg).0),
            "proxy" => self.proxy = Some(proxy_of(arg, "http")),
            "socks4" => self.proxy = Some(proxy_of(arg, "socks4")),
            "socks4a" => self.proxy = Some(proxy_of(arg, "socks4a")),
            "socks5" => self.proxy = Some(proxy_of(arg, "socks5")),
            "socks5-hostname" => self.proxy = Some(proxy_of(arg, "socks5h")),
            "proxy1.0" => {
                cx.warn(
                    Diagnostic::warning("--proxy1.0 is converted as an ordinary HTTP proxy")
                        .with_span(arg.span)
                        .with_help("the generated code talks HTTP/1.1 to the proxy"),
                );
                self.proxy = Some(proxy_of(arg, "http"));
            }
            "proxy-user" => {
                let (f, span) = word_flat(arg);
                let (user, pass) = values::user_password(&f);
                self.proxy_user = Some((user, pass, span));
            }
            "noproxy" => self.transfer.noproxy = Some(value_of(arg).0),
            "compressed" => self.transfer.compressed = on,
            "output" => {
                let (v, _) = value_of(arg);
                self.set_output(if v.literal().as_deref() == Some(b"-") {
                    Output::Stdout
                } else {
                    Output::File(v)
                });
            }
            "remote-name" => {
                if on {
                    self.set_output(Output::RemoteName);
                } else if self.remote_name_all {
                    self.set_output(Output::Stdout);
                }
            }
            "remote-name-all" => self.remote_name_all = on,
            "output-dir" => self.output_dir = Some(value_of(arg).0),
            "fail" | "fail-with-body" => self.transfer.fail = on,
            "retry" => {
                let (f, span) = word_flat(arg);
                if let Some(b) = literal_number(&f, span, arg, cx) {
                    let n = values::unsigned(&b)
                        .ok_or_else(|| bad_number(arg, span, "a whole number of retries"))?;
                    self.retry.retry = Some(u32::try_from(n).unwrap_or(u32::MAX));
                }
            }
            "retry-delay" => self.retry.delay = self.secs(arg, cx)?.or(self.retry.delay),
            "retry-max-time" => self.retry.max_time = self.secs(arg, cx)?.or(self.retry.max_time),
            "retry-all-errors" => self.retry.all_errors = on,
            "retry-connrefused" => self.retry.connrefused = on,
            "globoff" => self.globoff = on,
            "disallow-username-in-url" => self.disallow_userinfo = on,
            "continue-at" => {
                let (f, span) = word_flat(arg);
                match f.literal_bytes(&f.bytes) {
                    Some(b) if !b.is_empty() && b.iter().all(u8::is_ascii_digit) => {
                        self.continue_at = Some((f.value(&f.bytes), span));
                    }
                    Some(b) if b == b"-" => cx.warn(
                        Diagnostic::warning(
                            "`-C -` resumes from the size of the output file, which only the running program knows; not converted",
                        )
                        .with_span(span)
                        .with_help("give the byte offset: -C 1048576"),
                    ),
                    _ => {
                        return Err(Diagnostic::error("-C needs a byte offset or `-`")
                            .with_span(span)
                            .with_label("curl: (2) expected a number")
                            .with_help("write the offset in bytes, e.g. -C 1024"));
                    }
                }
            }
            "time-cond" => self.time_cond(arg, cx),
            "cert-type" => {
                let (v, span) = value_of(arg);
                let pem = v.literal().is_some_and(|b| b.eq_ignore_ascii_case(b"PEM"));
                if !pem {
                    cx.warn(
                        Diagnostic::warning(
                            "only PEM client certificates are converted; the program loads the file as PEM",
                        )
                        .with_span(span)
                        .with_help("convert it once: openssl x509 -inform DER -in cert.der -out cert.pem"),
                    );
                }
            }
            "path-as-is" => self.path_as_is = on,
            "proto-default" => {
                let (v, _) = value_of(arg);
                self.proto_default = Some(v.display());
            }
            "url-query" => self.url_query(arg, cx)?,
            "range" => {
                let (f, span) = word_flat(arg);
                // curl turns a lone number into an open range (with a warning of its own).
                let v = match f.literal_bytes(&f.bytes) {
                    Some(b) if !b.is_empty() && b.iter().all(u8::is_ascii_digit) => {
                        let mut v = f.value(&f.bytes);
                        v.push_bytes(b"-");
                        v
                    }
                    _ => f.value(&f.bytes),
                };
                self.range = Some((v, span));
            }
            "form-escape" => self.form_escape = on.then_some(arg.span),
            // Neither changes the request: directories for -o are made by the generated code
            // anyway, and every target speaks HTTP/1.1.
            "create-dirs" | "http1.1" => {}
            other => cx.warn(
                Diagnostic::warning(format!("--{other} is not converted"))
                    .with_span(arg.span)
                    .with_label("ignored")
                    .with_help("the generated code sends the request without it"),
            ),
        }
        Ok(())
    }

    fn data(&mut self, kind: DataKind, arg: &Arg, cx: &mut Ctx) {
        let (v, span) = value_of(arg);
        self.data
            .get_or_insert_with(Data::default)
            .add(kind, &v, span, cx);
    }

    fn form(&mut self, arg: &Arg, cx: &mut Ctx) -> Result<(), Diagnostic> {
        let (f, span) = word_flat(arg);
        let literal = arg.spec.long == "form-string";
        let parsed = values::form(&f, literal).map_err(|e| match e {
            values::FormError::NoEquals => Diagnostic::error(
                "this form field has no `=`: curl refuses it (\"Illegally formatted input field!\")",
            )
            .with_span(span)
            .with_label("expected name=value")
            .with_help("write it as name=value, name=@file or name=<file"),
            values::FormError::BadType(t) => Diagnostic::error(format!(
                "`type={}` is not a media type: curl refuses it (\"Illegally formatted content-type field!\")",
                t.display()
            ))
            .with_span(span)
            .with_label("expected type=major/minor")
            .with_help("write the type as e.g. ;type=image/png"),
        })?;
        self.form_span.get_or_insert(arg.span);
        if let Some(part) = body::form_part(parsed, span, cx) {
            self.form.push(part);
        }
        Ok(())
    }

    fn header(&mut self, arg: &Arg, cx: &mut Ctx) -> Result<(), Diagnostic> {
        let (f, span) = word_flat(arg);
        match values::header(&f) {
            HeaderArg::File(path) => {
                let text = if path.literal().as_deref() == Some(b"-") {
                    cx.stdin_now(span, "-H @-")?
                } else {
                    cx.read_file(&path, span, "-H @file")?
                };
                for line in values::header_file_lines(&text) {
                    let lf = Flat::literal(line);
                    if !line.iter().all(|&c| values::is_space(c)) {
                        self.header_item(values::header_line(&lf, line), &lf, span, cx);
                    }
                }
            }
            h => self.header_item(h, &f, span, cx),
        }
        Ok(())
    }

    fn header_item(&mut self, h: HeaderArg, f: &Flat, span: Span, cx: &mut Ctx) {
        let name_of = |name: &Value, cx: &mut Ctx| {
            if let Some(e) = name.env_names().next() {
                cx.warn(
                    Diagnostic::warning(format!(
                        "the header name reads `${e}`: it is converted as the literal text `{}`",
                        name.display()
                    ))
                    .with_span(span)
                    .with_help("write the header name out in the command"),
                );
            } else if !name.literal().is_some_and(|n| values::is_token(&n)) {
                cx.warn(
                    Diagnostic::warning(format!(
                        "`{}` is not a valid header name; HTTP libraries may refuse it",
                        name.display()
                    ))
                    .with_span(span)
                    .with_label("header names are letters, digits and !#$%&'*+-.^_`|~")
                    .with_help("check the spelling; a name must not contain spaces"),
                );
            }
            HeaderName::new(name.display())
        };
        match h {
            HeaderArg::Line { name, value } => {
                let name = name_of(&name, cx);
                if value
                    .0
                    .iter()
                    .any(|p| matches!(p, super::Piece::Bytes(b) if b.contains(&b'\n') || b.contains(&b'\r')))
                {
                    cx.warn(
                        Diagnostic::warning(format!(
                            "the value of `{}` contains a line break: curl sends it as typed, HTTP libraries refuse it",
                            name.as_str()
                        ))
                        .with_span(span)
                        .with_label("line break in a header value")
                        .with_help("use one -H per header line"),
                    );
                }
                self.headers.push(UserHeader::Send(Header { name, value }));
            }
            HeaderArg::Empty { name } => {
                let name = name_of(&name, cx);
                self.headers.push(UserHeader::Send(Header {
                    name,
                    value: Value::default(),
                }));
            }
            HeaderArg::Remove { name } => self
                .headers
                .push(UserHeader::Remove(HeaderName::new(name.display()))),
            HeaderArg::File(_) | HeaderArg::Invalid => {
                let text = f.value(&f.bytes);
                let msg = if f.bytes.first() == Some(&0) && !f.bytes.contains(&b':') {
                    format!(
                        "the whole header comes from `{}`: curl2code cannot split it into name and value, so it is not sent",
                        text.display()
                    )
                } else {
                    format!(
                        "`{}` does not look like a header: curl does not send it",
                        text.display()
                    )
                };
                cx.warn(
                    Diagnostic::warning(msg)
                        .with_span(span)
                        .with_label("not sent")
                        .with_help("write headers as 'Name: value' ('Name;' sends an empty value)"),
                );
            }
        }
    }

    fn url_query(&mut self, arg: &Arg, cx: &mut Ctx) -> Result<(), Diagnostic> {
        let (f, span) = word_flat(arg);
        let v = match values::url_query(&f) {
            values::UrlQueryArg::Raw(v) => v,
            values::UrlQueryArg::Encoded(_) => {
                let mut segs = Vec::new();
                body::urlencode_pieces(&f, cx, &mut segs);
                inline(&segs, span, "--url-query @file", cx)?
            }
        };
        self.url_query.push(v);
        Ok(())
    }

    /// Seconds for `-m`, `--connect-timeout`, `--retry-delay`, `--retry-max-time`.
    fn secs(&self, arg: &Arg, cx: &mut Ctx) -> Result<Option<f64>, Diagnostic> {
        let (f, span) = word_flat(arg);
        let Some(b) = literal_number(&f, span, arg, cx) else {
            return Ok(None);
        };
        values::seconds(&b)
            .map(Some)
            .ok_or_else(|| bad_number(arg, span, "a number of seconds such as 10 or 2.5"))
    }

    /// Builds the section's requests.
    fn finish(
        mut self,
        command: Span,
        opened_by: Option<Span>,
        cx: &mut Ctx,
    ) -> Result<Vec<Request>, Diagnostic> {
        if !self.nodes.iter().any(|n| n.url.is_some()) {
            let (span, label) = match opened_by {
                Some(s) => (s, "no URL follows this --next"),
                None => (command, "this curl command has no URL"),
            };
            return Err(Diagnostic::error("no URL specified")
                .with_span(span)
                .with_label(label)
                .with_help("add the URL, e.g. curl https://example.com"));
        }
        if let Some((_, span)) = self.nodes.iter().find_map(|n| {
            n.url
                .is_none()
                .then_some(n.upload.as_ref())
                .flatten()
                .cloned()
        }) {
            cx.warn(
                Diagnostic::warning("more -T files than URLs: curl ignores the extra ones")
                    .with_span(span)
                    .with_help("give each -T its own URL"),
            );
        }
        if self
            .nodes
            .iter()
            .any(|n| n.url.is_none() && n.output.is_some())
        {
            cx.warn(
                Diagnostic::warning(
                    "more -o/-O options than URLs: curl warns \"Got more output options than URLs\" and ignores the extra ones",
                )
                .with_span(command)
                .with_help("give each -o its own URL"),
            );
        }
        if self.remote_name_all {
            for n in &mut self.nodes {
                n.output.get_or_insert(Output::RemoteName);
            }
        }
        if let Some(span) = self.location_trusted {
            cx.warn(
                Diagnostic::warning(
                    "--location-trusted: curl also sends the credentials to other hosts when redirected; the generated code follows redirects like -L",
                )
                .with_span(span)
                .with_help("check which hosts should see the credentials"),
            );
        }
        let nodes = std::mem::take(&mut self.nodes);
        let mut out = Vec::new();
        for node in nodes {
            let Some((url, url_span)) = node.url.clone() else {
                continue;
            };
            out.push(self.request(node, url, url_span, command, cx)?);
        }
        Ok(out)
    }

    fn request(
        &self,
        node: Node,
        url_word: Value,
        url_span: Span,
        command: Span,
        cx: &mut Ctx,
    ) -> Result<Request, Diagnostic> {
        let opts = url::UrlOptions {
            proto_default: self.proto_default.as_deref(),
            path_as_is: self.path_as_is,
            globoff: self.globoff,
        };
        let parsed = url::parse(&url_word, url_span, &opts, cx)?;
        if self.disallow_userinfo && parsed.userinfo.is_some() {
            return Err(Diagnostic::error(
                "--disallow-username-in-url: the URL holds a user name, and curl refuses it (\"curl: (67) Login denied\")",
            )
            .with_span(url_span)
            .with_label("user name here")
            .with_help("pass the credentials with -u instead, or drop --disallow-username-in-url"));
        }
        let mut u = parsed.url;

        // -T: an empty name means "no upload for this URL"; `-` and `.` are stdin.
        let mut upload: Option<(Body, Span)> = None;
        if let Some((path, span)) = &node.upload {
            let lit = path.literal();
            match lit.as_deref() {
                Some(b"") => {}
                Some(b"-") | Some(b".") => {
                    let b = match &cx.stdin {
                        StdinSource::Bytes(b) => Body::Data(if b.is_empty() {
                            Vec::new()
                        } else {
                            vec![Segment::Text(Value::bytes(b.clone()))]
                        }),
                        StdinSource::Text(v) => Body::Data(vec![Segment::Text(v.clone())]),
                        StdinSource::File(v) => Body::Upload(Source::File(v.clone())),
                        StdinSource::Program => Body::Upload(Source::Stdin),
                    };
                    upload = Some((b, *span));
                }
                _ => {
                    if u.path_is_dir() {
                        u.push_path(&url::upload_name(path));
                    }
                    upload = Some((Body::Upload(Source::File(path.clone())), *span));
                }
            }
        }

        // curl's SetHTTPrequest: each of these picks a method, and two different ones are an error.
        let mut kinds: Vec<(Kind, Span)> = Vec::new();
        if let Some(s) = self.head {
            kinds.push((Kind::Head, s));
        }
        if let Some(s) = self.form_span {
            kinds.push((Kind::Mime, s));
        }
        if let Some(d) = &self.data {
            let s = d.span.unwrap_or(command);
            match (self.use_get, self.head.is_some()) {
                (true, true) => kinds.push((Kind::Head, s)),
                (true, false) => kinds.push((Kind::Get, s)),
                (false, _) => kinds.push((Kind::Post, s)),
            }
        }
        if let Some((_, s)) = &upload {
            kinds.push((Kind::Put, *s));
        }
        kinds.sort_by_key(|(_, s)| s.start);
        if let Some(((first, _), (second, span))) = kinds
            .iter()
            .zip(kinds.iter().skip(1))
            .find(|(a, b)| a.0 != b.0)
            .map(|(a, b)| (*a, *b))
        {
            return Err(Diagnostic::error(format!(
                "You can only select one HTTP request method! You asked for both {} and {}.",
                second.curl_name(),
                first.curl_name()
            ))
            .with_span(span)
            .with_label(format!("conflicts with {}", first.curl_name()))
            .with_help(match (first, second) {
                (Kind::Post, Kind::Mime) | (Kind::Mime, Kind::Post) => {
                    "use -F for every field of a multipart form, or -d for every field of a urlencoded one"
                }
                (Kind::Head, _) | (_, Kind::Head) => {
                    "drop -I to send the body, or add -G to put the data in the URL of the HEAD request"
                }
                _ => "keep only one of these options",
            }));
        }
        let mut method = match kinds.first().map(|k| k.0) {
            Some(Kind::Head) => Method::Head,
            Some(Kind::Get) | None => Method::Get,
            Some(Kind::Post) | Some(Kind::Mime) => Method::Post,
            Some(Kind::Put) => Method::Put,
        };

        // -G moves the data into the query; curl then ignores --url-query (curl 7.88 and 8 alike).
        let get_data = self.data.as_ref().filter(|_| self.use_get);
        if let Some(d) = get_data {
            let span = d.span.unwrap_or(command);
            let text = inline(&d.segments, span, "-G with @file data", cx)?;
            if !self.url_query.is_empty() {
                cx.warn(
                    Diagnostic::warning("curl ignores --url-query when -G puts -d data in the URL")
                        .with_span(span)
                        .with_help("use either -G with -d, or --url-query"),
                );
            }
            u.append_query(&url::lower_escapes(&text));
        } else if !self.url_query.is_empty() {
            let mut q = Value::default();
            for (i, v) in self.url_query.iter().enumerate() {
                if i > 0 {
                    q.push_bytes(b"&");
                }
                q.push_value(v);
            }
            u.append_query(&url::lower_escapes(&q));
        }

        let body = if get_data.is_none() {
            if let Some(d) = &self.data {
                Some(Body::Data(d.segments.clone()))
            } else if self.form_span.is_some() {
                Some(Body::Multipart(self.form.clone()))
            } else {
                upload.map(|(b, _)| b)
            }
        } else if self.form_span.is_some() {
            Some(Body::Multipart(self.form.clone()))
        } else {
            upload.map(|(b, _)| b)
        };

        if let Some((m, span)) = &self.custom_method {
            match m.literal().and_then(|b| String::from_utf8(b).ok()) {
                Some(text) => {
                    let custom = Method::from_token(&text);
                    self.method_warnings(&custom, body.is_some(), *span, cx);
                    method = custom;
                }
                None => cx.warn(
                    Diagnostic::warning(format!(
                        "the method `{}` is only known at run time: the request is sent as {}",
                        m.display(),
                        method.as_str()
                    ))
                    .with_span(*span)
                    .with_help("write the method out in the command"),
                ),
            }
        }

        if let (Some((_, span)), Some(_)) =
            (self.continue_at.as_ref().or(self.range.as_ref()), &body)
        {
            cx.warn(
                Diagnostic::warning(
                    "-r with a request body: curl sends a Content-Range header instead of Range; it is not converted",
                )
                .with_span(*span)
                .with_help("drop -r, or send the Content-Range header with -H"),
            );
        }
        if let (Some(span), Some(Body::Multipart(parts))) = (self.form_escape, &body) {
            let special = |v: &Value| {
                v.0.iter().any(|p| {
                    matches!(p, super::Piece::Bytes(b) if b.iter().any(|c| b"\"\\\r\n".contains(c)))
                })
            };
            if parts
                .iter()
                .any(|p| special(&p.name) || p.filename.as_ref().is_some_and(special))
            {
                cx.warn(
                    Diagnostic::warning(
                        "--form-escape (backslash-escaping of quotes in field and file names) is not converted",
                    )
                    .with_span(span)
                    .with_help("the generated code escapes them the HTML way (%22, %0D, %0A), as curl does without --form-escape"),
                );
            }
        }
        let (headers, removed_headers) = self.headers_for(&body);
        let auth = self.auth(parsed.userinfo, &headers, url_span, cx);
        let mut transfer = self.transfer.clone();
        transfer.output = self.output_for(node.output, &u, cx, url_span);
        transfer.proxy = self.proxy_for(cx, &mut transfer.noproxy);
        if self.transfer.follow_redirects {
            if let Some((_, true)) = &self.referer {
                cx.warn(
                    Diagnostic::warning("`;auto` in -e (Referer on redirects) is not converted")
                        .with_span(url_span)
                        .with_help("the first request carries the Referer; redirects do not"),
                );
            }
        }
        Ok(Request {
            method,
            url: u.value(),
            headers,
            removed_headers,
            body,
            auth,
            transfer,
            retry: self.retry.clone(),
            span: command,
        })
    }

    fn method_warnings(&self, custom: &Method, has_body: bool, span: Span, cx: &mut Ctx) {
        let head = self.head.is_some();
        if matches!(custom, Method::Get | Method::Head) && has_body {
            cx.warn(
                Diagnostic::warning(format!(
                    "curl sends this {} with a body; many servers and proxies drop or refuse it",
                    custom.as_str()
                ))
                .with_span(span)
                .with_label("method set here")
                .with_help("use -G to put the data in the URL instead"),
            );
        } else if *custom == Method::Head && !head {
            cx.warn(
                Diagnostic::warning(
                    "-X HEAD without -I: curl waits for a response body that never comes",
                )
                .with_span(span)
                .with_label("method set here")
                .with_help("use -I (--head) to send a HEAD request"),
            );
        } else if head && *custom != Method::Head {
            cx.warn(
                Diagnostic::warning(format!(
                    "-I with -X {}: curl sends {} but does not read a response body",
                    custom.as_str(),
                    custom.as_str()
                ))
                .with_span(span)
                .with_help("drop -I to read the body, or -X to send HEAD"),
            );
        }
    }

    /// True when the user typed a header of this name in any form (`Name: v`, `Name;`, `Name:`):
    /// libcurl then leaves out its own (`Curl_checkheaders`).
    /// `-z [+-=]DATE`: If-Modified-Since, If-Unmodified-Since or (with `=`) Last-Modified, as
    /// curl 7.88 sends them.
    fn time_cond(&mut self, arg: &Arg, cx: &mut Ctx) {
        let (v, span) = value_of(arg);
        let text = v
            .literal()
            .map(|b| String::from_utf8_lossy(&b).into_owned());
        let Some(text) = text else {
            cx.warn(
                Diagnostic::warning("-z with an environment variable: the date must be known while converting; not converted")
                    .with_span(span)
                    .with_help("write the date out, e.g. -z 'Mon, 20 Nov 2023 00:00:00 GMT'"),
            );
            return;
        };
        let (name, rest) = match text.as_bytes().first() {
            Some(b'-') => ("If-Unmodified-Since", &text[1..]),
            Some(b'=') => ("Last-Modified", &text[1..]),
            Some(b'+') => ("If-Modified-Since", &text[1..]),
            _ => ("If-Modified-Since", &text[..]),
        };
        match date::parse(rest) {
            Some(t) => self.time_cond = Some((name, date::http_date(t))),
            None => {
                self.time_cond = None;
                cx.warn(
                    Diagnostic::warning(format!(
                        "-z: `{rest}` is not a date curl reads, so curl takes the modification time of a file of that name (or sends no condition); not converted"
                    ))
                    .with_span(span)
                    .with_help("write the date out, e.g. -z 'Mon, 20 Nov 2023 00:00:00 GMT' or -z 20231120"),
                );
            }
        }
    }

    fn user_has(&self, name: &str) -> bool {
        self.headers.iter().any(|h| match h {
            UserHeader::Send(h) => h.name.is(name),
            UserHeader::Remove(n) => n.is(name),
        })
    }

    /// Headers in curl's order: User-Agent, Referer, Cookie, the custom ones, `--json`'s two, and
    /// the form Content-Type libcurl adds for `-d`.
    fn headers_for(&self, body: &Option<Body>) -> (Vec<Header>, Vec<HeaderName>) {
        let mut headers = Vec::new();
        let mut removed: Vec<HeaderName> = Vec::new();
        // libcurl sends `Range: bytes=…` first, and only on requests without a body; `-C N`
        // (an open range from N) wins over `-r`.
        let resume = self.continue_at.as_ref().map(|(n, _)| {
            let mut v = n.clone();
            v.push_bytes(b"-");
            v
        });
        if let Some(r) = resume.as_ref().or(self.range.as_ref().map(|(r, _)| r)) {
            if body.is_none() && !self.user_has("Range") {
                let mut v = Value::bytes("bytes=");
                v.push_value(r);
                headers.push(header("Range", v));
            }
        }
        let remove = |n: HeaderName, removed: &mut Vec<HeaderName>| {
            if !removed.contains(&n) {
                removed.push(n);
            }
        };
        if let Some(ua) = &self.user_agent {
            if !self.user_has("User-Agent") {
                if ua.is_empty() {
                    // `-A ''`: curl sends no User-Agent at all.
                    remove(HeaderName::new("User-Agent"), &mut removed);
                } else {
                    headers.push(header("User-Agent", ua.clone()));
                }
            }
        }
        if let Some((r, _)) = &self.referer {
            if !r.is_empty() && !self.user_has("Referer") {
                headers.push(header("Referer", r.clone()));
            }
        }
        if !self.cookies.is_empty() && !self.user_has("Cookie") {
            // curl joins several -b strings with a bare `;`.
            let mut v = Value::default();
            for (i, c) in self.cookies.iter().enumerate() {
                if i > 0 {
                    v.push_bytes(b";");
                }
                v.push_value(c);
            }
            headers.push(header("Cookie", v));
        }
        if let Some((name, date)) = &self.time_cond {
            if !self.user_has(name) {
                headers.push(header(name, Value::bytes(date.as_str())));
            }
        }
        for h in &self.headers {
            match h {
                UserHeader::Send(h) => headers.push(h.clone()),
                UserHeader::Remove(n) => remove(n.clone(), &mut removed),
            }
        }
        let json = self.data.as_ref().is_some_and(|d| d.json);
        if json {
            if !self.user_has("Content-Type") {
                headers.push(header("Content-Type", Value::bytes("application/json")));
            }
            if !self.user_has("Accept") {
                headers.push(header("Accept", Value::bytes("application/json")));
            }
        }
        if matches!(body, Some(Body::Data(_)))
            && self.data.is_some()
            && !json
            && !self.user_has("Content-Type")
        {
            headers.push(header(
                "Content-Type",
                Value::bytes("application/x-www-form-urlencoded"),
            ));
        }
        (headers, removed)
    }

    fn auth(
        &self,
        userinfo: Option<(Value, Value)>,
        headers: &[Header],
        url_span: Span,
        cx: &mut Ctx,
    ) -> Option<Auth> {
        let has_authorization =
            headers.iter().any(|h| h.name.is("Authorization")) || self.user_has("Authorization");
        let overridden = |cx: &mut Ctx, what: &str, span: Span| {
            cx.warn(
                Diagnostic::warning(format!(
                    "{what} is not sent: the -H Authorization header takes its place, as in curl"
                ))
                .with_span(span)
                .with_help("keep only one way of authenticating"),
            );
        };
        // curl's rule: the schemes asked for form a mask (none asked: Basic). One scheme is used
        // on the first request; with several, libcurl sends no credentials until a 401 names the
        // scheme to pick (lib/http.c: the picked scheme must equal a single bit).
        let mask = self.auth_bits
            | if self.bearer.is_some() {
                AUTH_BEARER
            } else {
                0
            };
        if mask == AUTH_BEARER {
            let token = self.bearer.clone().unwrap_or_default();
            if has_authorization {
                overridden(cx, "--oauth2-bearer", url_span);
                return None;
            }
            return Some(Auth::Bearer { token });
        }
        let creds = match &self.user {
            Some((user, pass, span)) => {
                let pass = match pass {
                    Some(p) => p.clone(),
                    None => {
                        cx.warn(
                            Diagnostic::warning(
                                "-u without `:password`: curl would prompt for the password; the generated code sends an empty one",
                            )
                            .with_span(*span)
                            .with_label("no colon here")
                            .with_help("write -u 'user:password' (the password may come from an environment variable: -u \"user:$PASSWORD\")"),
                        );
                        Value::default()
                    }
                };
                Some((user.clone(), pass, *span))
            }
            None => userinfo.map(|(u, p)| (u, p, url_span)),
        };
        if let Some((provider, span)) = &self.aws {
            cx.warn(
                Diagnostic::warning("--aws-sigv4 request signing is not converted")
                    .with_span(*span)
                    .with_help("sign the request with the AWS SDK (boto3, @aws-sdk, aws-sigv4)"),
            );
            let (user, password) = creds.map(|(u, p, _)| (u, p)).unwrap_or_default();
            return Some(Auth::AwsSigV4 {
                provider: provider.clone(),
                user,
                password,
            });
        }
        let Some((user, password, span)) = creds else {
            if mask & AUTH_BEARER != 0 {
                cx.warn(
                    Diagnostic::warning(
                        "--oauth2-bearer with other authentication schemes: curl sends no credentials until the server's 401 names one; neither does the program",
                    )
                    .with_span(url_span)
                    .with_help("keep only --oauth2-bearer to send the token"),
                );
            }
            return None;
        };
        let bits = mask;
        if bits == 0 || bits == AUTH_BASIC {
            if has_authorization {
                overridden(cx, "the -u user", span);
                return None;
            }
            return Some(Auth::Basic { user, password });
        }
        if bits == AUTH_DIGEST {
            return Some(Auth::Digest { user, password });
        }
        if bits == AUTH_NTLM {
            cx.warn(
                Diagnostic::warning("NTLM authentication is not converted")
                    .with_span(span)
                    .with_help("use requests-ntlm (Python) or a proxy that speaks NTLM"),
            );
            return Some(Auth::Ntlm { user, password });
        }
        if bits == AUTH_NEGOTIATE {
            cx.warn(
                Diagnostic::warning("Negotiate (Kerberos/SPNEGO) authentication is not converted")
                    .with_span(span)
                    .with_help("use requests-kerberos (Python) or a Kerberos-aware client"),
            );
            return None;
        }
        // Several schemes: curl's first request carries no credentials. Digest behaves the same
        // way (it answers the server's challenge), so it stands in when it is one of them.
        let digest = bits & AUTH_DIGEST != 0;
        cx.warn(
            Diagnostic::warning(if digest {
                "several authentication schemes: curl sends no credentials until the server's 401 names one; the program answers a Digest challenge"
            } else {
                "several authentication schemes: curl sends no credentials until the server's 401 names one; neither does the program"
            })
            .with_span(span)
            .with_help("keep the one scheme the server uses (--basic, --digest or --oauth2-bearer)"),
        );
        if digest && !has_authorization {
            return Some(Auth::Digest { user, password });
        }
        None
    }

    fn output_for(&self, out: Option<Output>, u: &url::Url, cx: &mut Ctx, span: Span) -> Output {
        let out = out.unwrap_or_default();
        let Some(dir) = &self.output_dir else {
            return out;
        };
        let join = |name: &Value| {
            let mut v = dir.clone();
            v.push_bytes(b"/");
            v.push_value(name);
            v
        };
        match out {
            Output::File(f) => Output::File(join(&f)),
            Output::RemoteName => match u.file_name() {
                Some(name) => Output::File(join(&name)),
                None => {
                    cx.warn(
                        Diagnostic::warning(
                            "-O with --output-dir: the URL has no file name to save under",
                        )
                        .with_span(span)
                        .with_help("use -o to name the output file"),
                    );
                    Output::RemoteName
                }
            },
            Output::Stdout => Output::Stdout,
        }
    }

    fn proxy_for(&self, cx: &mut Ctx, noproxy: &mut Option<Value>) -> Option<Proxy> {
        let Some((v, kind, _)) = &self.proxy else {
            if let Some((_, _, span)) = &self.proxy_user {
                cx.warn(
                    Diagnostic::warning(
                        "-U without -x: curl uses it with a proxy from the environment (http_proxy …); it is not converted",
                    )
                    .with_span(*span)
                    .with_help("add -x with the proxy URL"),
                );
            }
            return None;
        };
        if v.is_empty() {
            // `-x ''` turns proxies off, the environment's included.
            *noproxy = Some(Value::bytes("*"));
            return None;
        }
        let has_scheme =
            v.0.iter()
                .any(|p| matches!(p, super::Piece::Bytes(b) if b.windows(3).any(|w| w == b"://")));
        let url = if has_scheme {
            v.clone()
        } else {
            let mut u = Value::bytes(format!("{}://", kind.0));
            u.push_value(v);
            u
        };
        let (user, password) = match &self.proxy_user {
            Some((u, p, span)) => {
                if p.is_none() {
                    cx.warn(
                        Diagnostic::warning(
                            "-U without `:password`: curl would prompt for the proxy password; none is sent",
                        )
                        .with_span(*span)
                        .with_help("write -U 'user:password'"),
                    );
                }
                (Some(u.clone()), p.clone())
            }
            None => (None, None),
        };
        Some(Proxy {
            url,
            user,
            password,
        })
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

fn proxy_of(arg: &Arg, scheme: &'static str) -> (Value, ProxyKind, Span) {
    let (v, s) = value_of(arg);
    (v, ProxyKind(scheme), s)
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
    let shown = arg.value.as_ref().map(Word::display).unwrap_or_default();
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
