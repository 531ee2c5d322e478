//! The python view model: requests + policy → the values the `templates/python/` template prints.
//!
//! The template holds the fixed parts (constants, the retry helper); this module decides which
//! of them a program needs and writes `main()`: one block per request that builds it with
//! `prepare()`, sends it with `send()` and writes the body out.

use super::Program;
use super::literal::python::{self as lit, Kind};
use crate::diagnostic::Diagnostic;
use crate::ir::{
    Auth, Body, Header, HexCase, Method, Output, PartContent, Piece, Request, Segment, Source,
    Transform, Value,
};
use crate::policy::{Jitter, NonIdempotentRetry, RetryPolicy};
use askama::Template;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

/// The User-Agent curl sends by default; the generated session sends it too.
const CURL_USER_AGENT: &str = "curl/7.88.1";

/// Lines longer than this are broken, one argument or entry per line (as black does).
const LINE_WIDTH: usize = 88;

/// Everything `templates/python/program.py` prints: pre-quoted code and flags.
#[derive(Template)]
#[template(path = "python/program.py", escape = "none")]
struct View {
    summary: String,
    extra_packages: String,
    imports: String,
    retry: bool,
    max_retries: u32,
    fixed_delay: Option<String>,
    base_delay: String,
    max_delay: String,
    deadline: String,
    connect_timeout: String,
    attempt_timeout: String,
    deadline_limited: bool,
    connect_limited: bool,
    attempt_limited: bool,
    header_dict: bool,
    retry_all_errors: bool,
    retry_statuses: String,
    gate: bool,
    gate_reason: &'static str,
    jitter_full: bool,
    fallback_urls: Option<String>,
    circuit_breaker: bool,
    idempotency_key: bool,
    rebuild: bool,
    copy_request: bool,
    compressed: bool,
    uses_env: bool,
    uses_read_file: bool,
    uses_strip_newlines: bool,
    uses_urlencode: bool,
    uses_urlencode_query: bool,
    uses_load_cookies: bool,
    keeps_empty_query: bool,
    main: String,
}

/// Renders a complete python program.
pub fn render(program: &Program, warnings: &mut Vec<Diagnostic>) -> String {
    let policy = program.retry_policy;
    let mut g = Gen {
        policy,
        warnings,
        imports: Imports::default(),
        uses_env: false,
        uses_read_file: false,
        uses_strip_newlines: false,
        uses_urlencode: false,
        uses_urlencode_query: false,
        uses_load_cookies: false,
        compressed: false,
        rebuild: false,
        socks: false,
        header_dict: false,
    };
    let main = g.main(program.requests);
    g.helper_imports();
    let n = program.requests.len();
    let view = View {
        summary: summary(n, policy),
        extra_packages: if g.socks {
            " pysocks".into()
        } else {
            String::new()
        },
        imports: g.imports.render(),
        retry: policy.enabled,
        max_retries: policy.max_retries,
        fixed_delay: policy.fixed_delay.map(float),
        base_delay: float(policy.base_delay),
        max_delay: float(policy.max_delay),
        deadline: seconds(policy.deadline),
        connect_timeout: seconds(policy.connect_timeout),
        attempt_timeout: seconds(policy.attempt_timeout),
        deadline_limited: policy.deadline.is_some(),
        connect_limited: policy.connect_timeout.is_some(),
        attempt_limited: policy.attempt_timeout.is_some(),
        header_dict: g.header_dict,
        retry_all_errors: policy.retry_all_errors,
        retry_statuses: statuses(&policy.retry_statuses),
        gate: gated(policy),
        gate_reason: gate_reason(policy),
        jitter_full: policy.jitter == Jitter::Full,
        fallback_urls: fallbacks(policy),
        circuit_breaker: policy.circuit_breaker,
        idempotency_key: policy.idempotency_key,
        rebuild: g.rebuild,
        copy_request: policy.idempotency_key || !policy.fallback_urls.is_empty(),
        compressed: g.compressed,
        uses_env: g.uses_env,
        uses_read_file: g.uses_read_file,
        uses_strip_newlines: g.uses_strip_newlines,
        uses_urlencode: g.uses_urlencode,
        uses_urlencode_query: g.uses_urlencode_query,
        uses_load_cookies: g.uses_load_cookies,
        keeps_empty_query: program
            .requests
            .iter()
            .any(|r| ends_with_empty_query(&r.url)),
        main,
    };
    let mut code = String::with_capacity(View::SIZE_HINT + view.main.len() + 1);
    match view.render_into(&mut code) {
        // askama drops the template's final newline.
        Ok(()) => {
            code.push('\n');
            code
        }
        Err(e) => format!("# curl2code could not render this program: {e}\n"),
    }
}

/// The docstring's first lines: what the program does.
fn summary(requests: usize, p: &RetryPolicy) -> String {
    let what = match requests {
        1 => "Sends the HTTP request of a curl command, as curl sends it".to_string(),
        n => format!("Sends the {n} HTTP requests of a curl command in order, as curl sends them"),
    };
    let how = match (p.enabled, requests) {
        (false, _) => " (retries\nare off).",
        (true, 1) => {
            ", and retries\nwhen a server or the network fails for a moment (backoff, Retry-After, a deadline)."
        }
        (true, _) => {
            ", and retries\neach when a server or the network fails for a moment (backoff, Retry-After, a deadline)."
        }
    };
    format!("{what}{how}")
}

/// True when POST, PATCH and custom methods are retried only if they never left: nothing in the
/// policy says repeating them is safe.
fn gated(p: &RetryPolicy) -> bool {
    p.non_idempotent == NonIdempotentRetry::Never && !p.idempotency_key
}

/// Why every method is retried, for the comment that replaces the method gate.
fn gate_reason(p: &RetryPolicy) -> &'static str {
    match p.non_idempotent {
        NonIdempotentRetry::CurlRetryFlag => "as curl's --retry does",
        NonIdempotentRetry::Requested => "as asked with --retry-non-idempotent",
        NonIdempotentRetry::Never => "since every call sends an Idempotency-Key",
    }
}

/// A time limit: a float literal, or `None` with a comment (0 in the command: no limit).
fn seconds(limit: Option<f64>) -> String {
    limit.map_or_else(|| "None  # no limit".to_string(), float)
}

/// A Python float literal: `1.0`, `0.25`.
fn float(x: f64) -> String {
    if x.is_nan() {
        "0.0".to_string()
    } else if x.is_infinite() {
        "float(\"inf\")".to_string()
    } else {
        format!("{x:?}")
    }
}

/// A Python set literal of statuses.
fn statuses(s: &[u16]) -> String {
    if s.is_empty() {
        return "set()".to_string();
    }
    let items: Vec<String> = s.iter().map(u16::to_string).collect();
    format!("{{{}}}", items.join(", "))
}

/// The FALLBACK_URLS list literal, trailing slashes dropped (the path is appended to them).
fn fallbacks(p: &RetryPolicy) -> Option<String> {
    if p.fallback_urls.is_empty() {
        return None;
    }
    let items: Vec<String> = p
        .fallback_urls
        .iter()
        .map(|u| lit::str_lit(u.trim_end_matches('/')))
        .collect();
    Some(format!("[{}]", items.join(", ")))
}

/// The program's imports, grouped and sorted as isort (and ruff's `I` rules) want them.
#[derive(Default)]
struct Imports {
    std: BTreeMap<&'static str, BTreeSet<&'static str>>,
    third: BTreeMap<&'static str, BTreeSet<&'static str>>,
}

impl Imports {
    /// `import module` (empty `name`) or `from module import name`, from the standard library.
    fn std(&mut self, module: &'static str, name: &'static str) {
        self.std.entry(module).or_default().insert(name);
    }

    /// The same for third-party packages (requests, urllib3).
    fn third(&mut self, module: &'static str, name: &'static str) {
        self.third.entry(module).or_default().insert(name);
    }

    fn render(&self) -> String {
        let mut out = String::from("from __future__ import annotations\n");
        for group in [&self.std, &self.third] {
            out.push('\n');
            // isort's default: plain imports first, then from-imports, each sorted by module.
            for (module, names) in group {
                if names.contains("") {
                    let _ = writeln!(out, "import {module}");
                }
            }
            for (module, names) in group {
                let mut names: Vec<&str> =
                    names.iter().copied().filter(|n| !n.is_empty()).collect();
                if names.is_empty() {
                    continue;
                }
                // Constants, then classes, then functions, as isort's order-by-type.
                names.sort_by_key(|n| {
                    let rank = if n.chars().all(|c| !c.is_ascii_lowercase()) {
                        0
                    } else if n.starts_with(|c: char| c.is_ascii_uppercase()) {
                        1
                    } else {
                        2
                    };
                    (rank, n.to_string())
                });
                let _ = writeln!(out, "from {module} import {}", names.join(", "));
            }
        }
        out.truncate(out.trim_end().len());
        out
    }
}

/// A `key: value` entry of a dict literal.
type Entry = (Py, Py);

/// Python source as a tree, printed flat when it fits in a line and one item per line otherwise.
enum Py {
    /// Code that is never broken.
    Atom(String),
    /// `name(args)`, keyword arguments as `key=value`.
    Call(String, Vec<(Option<&'static str>, Py)>),
    /// `{key: value, …}`.
    Dict(Vec<(Py, Py)>),
    /// `[…]`.
    List(Vec<Py>),
    /// `(…)`.
    Tuple(Vec<Py>),
}

impl Py {
    fn atom(s: impl Into<String>) -> Py {
        Py::Atom(s.into())
    }

    /// The code on one line.
    fn flat(&self) -> String {
        let mut out = String::new();
        self.write_flat(&mut out);
        out
    }

    /// Appends the one-line code to `out`: one buffer for the whole tree rather than a string
    /// per node (rendering calls this for every statement).
    fn write_flat(&self, out: &mut String) {
        fn sep(out: &mut String, i: usize) {
            if i > 0 {
                out.push_str(", ");
            }
        }
        match self {
            Py::Atom(s) => out.push_str(s),
            Py::Call(name, args) => {
                out.push_str(name);
                out.push('(');
                for (i, (k, v)) in args.iter().enumerate() {
                    sep(out, i);
                    if let Some(k) = k {
                        out.push_str(k);
                        out.push('=');
                    }
                    v.write_flat(out);
                }
                out.push(')');
            }
            Py::Dict(items) => {
                out.push('{');
                for (i, (k, v)) in items.iter().enumerate() {
                    sep(out, i);
                    k.write_flat(out);
                    out.push_str(": ");
                    v.write_flat(out);
                }
                out.push('}');
            }
            Py::List(items) => {
                out.push('[');
                for (i, v) in items.iter().enumerate() {
                    sep(out, i);
                    v.write_flat(out);
                }
                out.push(']');
            }
            Py::Tuple(items) => {
                out.push('(');
                for (i, v) in items.iter().enumerate() {
                    sep(out, i);
                    v.write_flat(out);
                }
                if items.len() == 1 {
                    out.push(',');
                }
                out.push(')');
            }
        }
    }

    /// The code starting at column `indent` after `lead` characters of the same line and
    /// followed by `trail` more (a comma, a bracket), laid out as black and ruff format do: on
    /// one line if it fits; else the items on one line between the brackets; else one item per
    /// line with a trailing comma.
    fn render(&self, indent: usize, lead: usize, trail: usize) -> String {
        let flat = self.flat();
        if indent + lead + flat.len() + trail <= LINE_WIDTH {
            return flat;
        }
        // (text before an item's value, the value) for every item.
        let (open, close, items): (String, &str, Vec<(String, &Py)>) = match self {
            Py::Atom(s) => return s.clone(),
            Py::Call(name, args) => (
                format!("{name}("),
                ")",
                args.iter()
                    .map(|(k, v)| (k.map(|k| format!("{k}=")).unwrap_or_default(), v))
                    .collect(),
            ),
            Py::Dict(items) => (
                "{".into(),
                "}",
                items
                    .iter()
                    .map(|(k, v)| (format!("{}: ", k.flat()), v))
                    .collect(),
            ),
            Py::List(items) => (
                "[".into(),
                "]",
                items.iter().map(|v| (String::new(), v)).collect(),
            ),
            Py::Tuple(items) => (
                "(".into(),
                ")",
                items.iter().map(|v| (String::new(), v)).collect(),
            ),
        };
        let pad = " ".repeat(indent + 4);
        let mut one_line = String::with_capacity(flat.len());
        for (i, (key, v)) in items.iter().enumerate() {
            if i > 0 {
                one_line.push_str(", ");
            }
            one_line.push_str(key);
            v.write_flat(&mut one_line);
        }
        // black keeps a call's arguments together on one line when they fit there, but puts
        // each item of a literal list, dict or tuple on its own line.
        let hug = match self {
            Py::Call(..) => indent + 4 + one_line.len() <= LINE_WIDTH,
            Py::Tuple(items) => items.len() == 1,
            _ => items.len() == 1,
        };
        let mut out = open;
        if hug && !matches!(self, Py::Tuple(_)) {
            let inner = match (self, items.first()) {
                (Py::Call(..), _) | (_, None) => one_line,
                (_, Some((key, v))) => format!("{key}{}", v.render(indent + 4, key.len(), 0)),
            };
            let _ = write!(out, "\n{pad}{inner}\n");
        } else {
            out.push('\n');
            for (key, v) in items {
                let _ = writeln!(out, "{pad}{key}{},", v.render(indent + 4, key.len(), 1));
            }
        }
        out.push_str(&" ".repeat(indent));
        out.push_str(close);
        out
    }
}

/// Code lines of `main()`, each at an indentation level.
#[derive(Default)]
struct Lines(String);

impl Lines {
    fn line(&mut self, indent: usize, text: &str) {
        if text.is_empty() {
            self.0.push('\n');
            return;
        }
        for l in text.lines() {
            if l.is_empty() {
                self.0.push('\n');
            } else {
                push_indent(&mut self.0, indent);
                self.0.push_str(l);
                self.0.push('\n');
            }
        }
    }

    /// `prefix` and `code` (e.g. `request = prepare(…)`), broken over lines when too long.
    fn stmt(&mut self, indent: usize, prefix: &str, code: &Py) {
        let code = code.render(indent, prefix.len(), 0);
        push_indent(&mut self.0, indent);
        self.0.push_str(prefix);
        self.0.push_str(&code);
        self.0.push('\n');
    }
}

/// Appends `indent` spaces without building a temporary string.
fn push_indent(out: &mut String, indent: usize) {
    out.extend(std::iter::repeat_n(' ', indent));
}

/// State gathered while writing `main()`: which helpers and imports the program needs.
struct Gen<'a> {
    policy: &'a RetryPolicy,
    warnings: &'a mut Vec<Diagnostic>,
    imports: Imports,
    uses_env: bool,
    uses_read_file: bool,
    uses_strip_newlines: bool,
    uses_urlencode: bool,
    uses_urlencode_query: bool,
    uses_load_cookies: bool,
    compressed: bool,
    rebuild: bool,
    socks: bool,
    /// A request repeats a header: the program needs urllib3's HTTPHeaderDict.
    header_dict: bool,
}

impl Gen<'_> {
    /// Imports used by the template's fixed helpers.
    fn helper_imports(&mut self) {
        let p = self.policy;
        self.imports.std("sys", "");
        self.imports.std("urllib.parse", "urlsplit");
        self.imports.third("requests", "");
        // describe() tells a failed DNS lookup by its socket.gaierror: urllib3 1.26 has no
        // NameResolutionError.
        self.imports.std("socket", "");
        self.imports
            .third("urllib3.exceptions", "NewConnectionError");
        if p.enabled {
            self.imports.std("time", "");
            self.imports.std("email.utils", "parsedate_to_datetime");
            if p.jitter == Jitter::Full {
                self.imports.std("random", "");
            }
            if p.idempotency_key {
                self.imports.std("uuid", "");
            }
        }
        if self.uses_env {
            self.imports.std("os", "");
        }
        if self.uses_urlencode {
            self.imports.std("urllib.parse", "quote_plus");
        }
        if self.uses_urlencode_query {
            self.imports.std("re", "");
        }
        if self.uses_load_cookies {
            self.imports.std("http.cookiejar", "CookieJar");
            self.imports.third("requests.cookies", "create_cookie");
        }
        if self.compressed {
            self.imports.third("urllib3.util", "make_headers");
        }
    }

    /// A warning about `request` that also goes into the code as a comment.
    fn unsupported(&mut self, out: &mut Lines, indent: usize, request: &Request, message: String) {
        // Wrapped at the line width: these messages are long.
        let mut line = String::from("# curl2code:");
        for word in lit::comment(&message).split(' ') {
            if indent + line.len() + 1 + word.len() > LINE_WIDTH {
                out.line(indent, &line);
                line = String::from("#");
            }
            line.push(' ');
            line.push_str(word);
        }
        out.line(indent, &line);
        self.warnings
            .push(Diagnostic::warning(message).with_span(request.span));
    }

    fn value(&mut self, v: &Value, kind: Kind) -> Py {
        self.note_env(v);
        Py::atom(lit::value(v, kind))
    }

    fn text(&mut self, v: &Value) -> Py {
        self.note_env(v);
        Py::atom(lit::text(v))
    }

    /// Records the helpers `v`'s environment references need.
    fn note_env(&mut self, v: &Value) {
        self.uses_env |= v.env_names().next().is_some();
        for hex in v.env_encodings() {
            self.note_encoding(hex);
        }
    }

    /// `urlencode_query` is `urlencode` with lower-case hex, so it needs both.
    fn note_encoding(&mut self, hex: HexCase) {
        self.uses_urlencode = true;
        self.uses_urlencode_query |= hex == HexCase::Lower;
    }

    /// The body of `main()`.
    fn main(&mut self, requests: &[Request]) -> String {
        let mut out = Lines::default();
        self.session(&mut out, requests);
        let jar = requests.iter().find_map(|r| r.transfer.cookie_jar.as_ref());
        let indent = if jar.is_some() { 8 } else { 4 };
        if jar.is_some() {
            out.line(4, "try:");
        }
        let mut max_redirects = None;
        if requests.len() > 1 {
            out.line(
                indent,
                "# Like curl with several URLs, a failed request does not stop the next ones.",
            );
            out.line(indent, "exit_code = 0");
        }
        for (i, request) in requests.iter().enumerate() {
            if i > 0 || jar.is_none() || requests.len() > 1 {
                out.line(0, "");
            }
            self.request(
                &mut out,
                indent,
                request,
                (i + 1, requests.len()),
                &mut max_redirects,
            );
        }
        match requests.len() {
            0 => out.line(indent, "return 0"),
            1 => {}
            _ => out.line(indent, "return exit_code"),
        }
        if let Some(jar) = jar {
            let path = self.value(jar, Kind::Text).flat();
            out.line(4, "finally:");
            out.line(
                8,
                "# -c: curl writes the cookie jar at the end, even after a failure.",
            );
            out.line(
                8,
                &format!("session.cookies.save({path}, ignore_discard=True, ignore_expires=True)"),
            );
        }
        out.0.truncate(out.0.trim_end().len());
        out.0
    }

    /// Creates the session: curl's default headers, cookie handling and program-wide settings.
    fn session(&mut self, out: &mut Lines, requests: &[Request]) {
        self.imports.third("urllib3.util", "SKIP_HEADER");
        out.line(4, "session = requests.Session()");
        out.line(4, "session.headers = {");
        out.line(
            8,
            "# curl's defaults instead of requests': servers may answer curl differently.",
        );
        out.line(
            8,
            &format!("\"User-Agent\": {},", lit::str_lit(CURL_USER_AGENT)),
        );
        out.line(8, "\"Accept\": \"*/*\",");
        out.line(
            8,
            "# curl asks for no compression: SKIP_HEADER also stops http.client",
        );
        out.line(8, "# from sending \"Accept-Encoding: identity\".");
        out.line(8, "\"Accept-Encoding\": SKIP_HEADER,");
        out.line(4, "}");

        let files: Vec<&Value> = requests
            .iter()
            .flat_map(|r| &r.transfer.cookie_files)
            .collect();
        let jar = requests.iter().any(|r| r.transfer.cookie_jar.is_some());
        if jar || !files.is_empty() {
            out.line(
                4,
                "# -b/-c turn curl's cookie engine on: cookies carry over between requests.",
            );
            if jar {
                self.imports.std("http.cookiejar", "MozillaCookieJar");
                out.line(4, "session.cookies = MozillaCookieJar()");
            }
            for f in files {
                self.uses_load_cookies = true;
                let path = self.value(f, Kind::Text).flat();
                out.line(4, &format!("load_cookies(session.cookies, {path})"));
            }
        } else if requests.len() > 1 || requests.iter().any(|r| r.transfer.follow_redirects) {
            self.imports.std("http.cookiejar", "DefaultCookiePolicy");
            out.line(
                4,
                "# curl keeps no cookies unless -b or -c turns its cookie engine on.",
            );
            out.line(
                4,
                "session.cookies.set_policy(DefaultCookiePolicy(allowed_domains=[]))",
            );
        }
        if requests.iter().any(|r| r.transfer.insecure) {
            self.imports.third("urllib3", "");
            out.line(
                4,
                "# curl -k is silent about unverified certificates; so is urllib3 with this.",
            );
            out.line(
                4,
                "urllib3.disable_warnings(urllib3.exceptions.InsecureRequestWarning)",
            );
        }
        if requests.iter().any(|r| needs_exact_target(&r.url)) {
            self.imports.third("urllib3", "");
            out.line(4, "# urllib3 re-encodes request targets (\"{\" → \"%7B\", \"%2f\" → \"%2F\"); curl sends");
            out.line(4, "# them byte for byte, so switch that off.");
            out.line(
                4,
                "urllib3.connectionpool._encode_target = lambda target: target",
            );
        }
        if requests.iter().any(|r| ends_with_empty_query(&r.url)) {
            out.line(4, "# requests drops an empty query (\"/search?\" → \"/search\"); curl sends the \"?\".");
            out.line(4, "keep_empty_query()");
        }
        if requests.iter().any(uses_stdin) {
            out.line(
                4,
                "# Standard input is read once: every attempt sends the same bytes.",
            );
            out.line(4, "stdin = sys.stdin.buffer.read()");
        }
    }

    /// One request: build it, send it, write the body out.
    fn request(
        &mut self,
        out: &mut Lines,
        indent: usize,
        request: &Request,
        (number, count): (usize, usize),
        max_redirects: &mut Option<u32>,
    ) {
        let t = &request.transfer;
        let position = if count > 1 {
            format!("{number}/{count}: ")
        } else {
            String::new()
        };
        out.line(
            indent,
            &format!(
                "# {position}{} {}",
                lit::comment(request.method.as_str()),
                lit::comment(&request.url.display())
            ),
        );

        let mut args = vec![
            (None, Py::atom("session")),
            (None, Py::atom(lit::str_lit(request.method.as_str()))),
            (None, self.url(out, indent, request)),
        ];
        let (headers, extra) = self.headers(out, indent, request);
        if !headers.is_empty() {
            args.push((Some("headers"), Py::Dict(headers)));
        }
        let mut rebuild = false;
        if let Some((key, body, reads_files)) = self.body(request) {
            if let Some(Body::Upload(Source::Stdin)) = &request.body {
                out.line(
                    indent,
                    "# An iterator makes requests send chunks, as curl sends standard input.",
                );
            }
            args.push((Some(key), body));
            rebuild = reads_files && self.policy.enabled;
        }
        if let Some(auth) = self.auth(out, indent, request) {
            args.push((Some("auth"), auth));
        }
        let prepare = Py::Call("prepare".into(), args);

        // What requests changes that curl does not: fixed up after prepare().
        let mut fixups = Vec::new();
        if let Method::Custom(m) = &request.method {
            if m.to_ascii_uppercase() != *m {
                fixups.push("# requests upper-cases methods; curl sends them as typed.".into());
                fixups.push(format!("request.method = {}", lit::str_lit(m)));
            }
        }
        if !extra.is_empty() {
            // Imported by the template: where from depends on the urllib3 version.
            self.header_dict = true;
            fixups
                .push("# curl sends each repeated header; a dict holds one value per name.".into());
            fixups.push("request.headers = HTTPHeaderDict(request.headers)".into());
            for (name, value) in extra {
                fixups.push(format!(
                    "request.headers.add({}, {})",
                    name.flat(),
                    value.flat()
                ));
            }
        }

        let target = if rebuild {
            self.rebuild = true;
            out.line(indent, "def build_request():");
            out.line(
                indent + 4,
                "# Built afresh for each attempt, so the files are read again.",
            );
            if fixups.is_empty() {
                out.stmt(indent + 4, "return ", &prepare);
            } else {
                out.stmt(indent + 4, "request = ", &prepare);
                for f in &fixups {
                    out.line(indent + 4, f);
                }
                out.line(indent + 4, "return request");
            }
            out.line(indent, "");
            "build_request"
        } else {
            out.stmt(indent, "request = ", &prepare);
            for f in &fixups {
                out.line(indent, f);
            }
            "request"
        };

        let mut options = vec![(None, Py::atom("session")), (None, Py::atom(target))];
        options.push((
            Some("allow_redirects"),
            Py::atom(if t.follow_redirects { "True" } else { "False" }),
        ));
        if t.follow_redirects {
            let max = t.max_redirects.unwrap_or(50);
            if *max_redirects != Some(max) {
                *max_redirects = Some(max);
                let why = if t.max_redirects.is_some() {
                    "--max-redirs"
                } else {
                    "curl's default; requests' is 30"
                };
                out.line(indent, &format!("session.max_redirects = {max}  # {why}"));
            }
        }
        if t.insecure {
            out.line(
                indent,
                "# WARNING: verify=False (curl -k) turns TLS certificate checks OFF:",
            );
            out.line(
                indent,
                "# anyone on the network path can read and change this traffic. Remove",
            );
            out.line(
                indent,
                "# it once the server has a valid certificate (or use verify=\"ca.pem\").",
            );
            options.push((Some("verify"), Py::atom("False")));
        } else if let Some(ca) = &t.cacert {
            options.push((Some("verify"), self.value(ca, Kind::Text)));
        }
        match (&t.cert, &t.key) {
            (Some(c), Some(k)) => {
                let cert = Py::Tuple(vec![self.value(c, Kind::Text), self.value(k, Kind::Text)]);
                options.push((Some("cert"), cert));
            }
            (Some(c), None) => options.push((Some("cert"), self.value(c, Kind::Text))),
            (None, Some(_)) => self.unsupported(
                out,
                indent,
                request,
                "--key without --cert is ignored".into(),
            ),
            (None, None) => {}
        }
        if let Some(proxies) = self.proxies(out, indent, request) {
            options.push((Some("proxies"), proxies));
        }
        out.stmt(indent, "response = ", &Py::Call("send".into(), options));
        self.output(out, indent, request, count == 1);
    }

    /// The URL expression; bytes http.client cannot send are percent-encoded (with a warning).
    fn url(&mut self, out: &mut Lines, indent: usize, request: &Request) -> Py {
        // http.client refuses spaces and control characters, and sends only ASCII.
        let sendable = |c: u8| c > b' ' && c < 0x7f;
        let mut url = Value::default();
        let mut changed = false;
        for piece in &request.url.0 {
            match piece {
                Piece::Bytes(b) => {
                    changed |= !b.iter().all(|&c| sendable(c));
                    url.push_bytes(&percent_encode(b, sendable));
                }
                Piece::Env(_) | Piece::EnvEncoded { .. } => url.0.push(piece.clone()),
            }
        }
        if changed {
            self.unsupported(
                out,
                indent,
                request,
                "the URL has spaces, control characters or non-ASCII bytes, which python's http.client cannot send: they are percent-encoded".into(),
            );
        }
        self.text(&url)
    }

    /// The headers dict entries, and repeated headers to add after prepare().
    fn headers(
        &mut self,
        out: &mut Lines,
        indent: usize,
        request: &Request,
    ) -> (Vec<Entry>, Vec<Entry>) {
        let t = &request.transfer;
        let multipart = matches!(request.body, Some(Body::Multipart(_)));
        let mut seen: Vec<&str> = Vec::new();
        let mut entries = Vec::new();
        let mut extra = Vec::new();
        for Header { name, value } in &request.headers {
            if multipart && name.is("Content-Type") {
                let v = value.literal().unwrap_or_default();
                if v.trim_ascii().eq_ignore_ascii_case(b"multipart/form-data") {
                    // requests writes it with the boundary, as curl does.
                    continue;
                }
                self.unsupported(
                    out,
                    indent,
                    request,
                    "requests adds no multipart boundary to a custom Content-Type: it is sent as given".into(),
                );
            }
            let entry = (
                Py::atom(lit::str_lit(name.as_str())),
                self.value(value, Kind::Header),
            );
            if seen.iter().any(|s| s.eq_ignore_ascii_case(name.as_str())) {
                extra.push(entry);
            } else {
                seen.push(name.as_str());
                entries.push(entry);
            }
        }
        let has = |n: &str| request.headers.iter().any(|h| h.name.is(n));
        if let Some(Auth::Bearer { token }) = &request.auth {
            if !has("Authorization") {
                let mut v = Value::bytes("Bearer ");
                v.push_value(token);
                entries.push((Py::atom("\"Authorization\""), self.value(&v, Kind::Header)));
            }
        }
        let removed = |n: &str| request.removed_headers.iter().any(|h| h.is(n));
        if t.compressed && !has("Accept-Encoding") && !removed("Accept-Encoding") {
            self.compressed = true;
            entries.push((Py::atom("\"Accept-Encoding\""), Py::atom("ACCEPT_ENCODING")));
        }
        let mut removes = false;
        for name in &request.removed_headers {
            if has(name.as_str()) || (name.is("Accept-Encoding") && !t.compressed) {
                continue; // set after all, or already off in the session
            }
            if !removes {
                removes = true;
                out.line(
                    indent,
                    "# -H 'Name:' removed these: None drops a session default, SKIP_HEADER",
                );
                out.line(
                    indent,
                    "# also stops urllib3 and http.client from adding their own.",
                );
            }
            let off = ["Host", "User-Agent", "Accept-Encoding"]
                .iter()
                .any(|n| name.is(n));
            entries.push((
                Py::atom(lit::str_lit(name.as_str())),
                Py::atom(if off { "SKIP_HEADER" } else { "None" }),
            ));
        }
        (entries, extra)
    }

    /// The body keyword argument (`data` or `files`), and whether it reads files.
    fn body(&mut self, request: &Request) -> Option<(&'static str, Py, bool)> {
        let mut reads_files = false;
        let body = match request.body.as_ref()? {
            Body::Data(segments) => {
                let mut parts = Vec::new();
                for s in segments {
                    match s {
                        Segment::Text(v) if v.is_empty() => {}
                        Segment::Text(v) => parts.push(self.value(v, Kind::Bytes).flat()),
                        Segment::Read { source, transform } => {
                            reads_files |= matches!(source, Source::File(_));
                            let data = self.read(source);
                            parts.push(match transform {
                                Transform::Raw => data,
                                Transform::StripNewlines => {
                                    self.uses_strip_newlines = true;
                                    format!("strip_newlines({data})")
                                }
                                Transform::UrlEncode => {
                                    self.uses_urlencode = true;
                                    format!("urlencode({data})")
                                }
                            });
                        }
                    }
                }
                if parts.is_empty() {
                    parts.push("b\"\"".into());
                }
                ("data", Py::atom(parts.join(" + ")))
            }
            Body::Upload(Source::Stdin) => {
                reads_files = true; // the iterator is used up by one attempt
                (
                    "data",
                    Py::atom(format!("iter([{}])", self.read(&Source::Stdin))),
                )
            }
            Body::Upload(source) => {
                reads_files = true;
                ("data", Py::atom(self.read(source)))
            }
            Body::Multipart(parts) => {
                let mut items = Vec::new();
                for part in parts {
                    let data = match &part.content {
                        PartContent::Text(v) => self.value(v, Kind::Text),
                        PartContent::File(s) | PartContent::FileContents(s) => {
                            reads_files |= matches!(s, Source::File(_));
                            Py::atom(self.read(s))
                        }
                    };
                    let filename = match &part.filename {
                        Some(f) => self.value(f, Kind::Text),
                        None => Py::atom("None"),
                    };
                    let mut tuple = vec![filename, data];
                    if part.content_type.is_some() || !part.headers.is_empty() {
                        tuple.push(match &part.content_type {
                            Some(ct) => self.value(ct, Kind::Text),
                            None => Py::atom("None"),
                        });
                    }
                    if !part.headers.is_empty() {
                        let headers = part
                            .headers
                            .iter()
                            .map(|h| {
                                (
                                    Py::atom(lit::str_lit(h.name.as_str())),
                                    self.value(&h.value, Kind::Header),
                                )
                            })
                            .collect();
                        tuple.push(Py::Dict(headers));
                    }
                    items.push(Py::Tuple(vec![
                        self.value(&part.name, Kind::Text),
                        Py::Tuple(tuple),
                    ]));
                }
                ("files", Py::List(items))
            }
        };
        Some((body.0, body.1, reads_files))
    }

    /// The expression that reads `source`'s bytes.
    fn read(&mut self, source: &Source) -> String {
        match source {
            Source::Stdin => "stdin".into(),
            Source::File(path) => {
                self.uses_read_file = true;
                format!("read_file({})", self.value(path, Kind::Text).flat())
            }
        }
    }

    /// The `auth=` argument, or a comment and warning for schemes requests lacks.
    fn auth(&mut self, out: &mut Lines, indent: usize, request: &Request) -> Option<Py> {
        if request.headers.iter().any(|h| h.name.is("Authorization")) {
            return None; // curl sends the user's own header instead
        }
        match request.auth.as_ref()? {
            Auth::Basic { user, password } => Some(Py::Tuple(vec![
                self.value(user, Kind::Header),
                self.value(password, Kind::Header),
            ])),
            Auth::Digest { user, password } => {
                self.imports.third("requests.auth", "HTTPDigestAuth");
                let args = vec![
                    (None, self.value(user, Kind::Header)),
                    (None, self.value(password, Kind::Header)),
                ];
                Some(Py::Call("HTTPDigestAuth".into(), args))
            }
            Auth::Bearer { .. } => None, // an Authorization header
            Auth::Ntlm { .. } => {
                let m = "NTLM authentication (--ntlm) is not converted: requests has no NTLM (the requests-ntlm package adds it); the request is sent without credentials";
                self.unsupported(out, indent, request, m.into());
                None
            }
            Auth::AwsSigV4 { .. } => {
                let m = "AWS Signature Version 4 (--aws-sigv4) is not converted (botocore or requests-aws4auth can sign requests); the request is sent unsigned";
                self.unsupported(out, indent, request, m.into());
                None
            }
        }
    }

    /// The `proxies=` argument: curl's -x for every scheme, credentials from -U in the URL.
    fn proxies(&mut self, out: &mut Lines, indent: usize, request: &Request) -> Option<Py> {
        let t = &request.transfer;
        // --noproxy: requests applies a "no_proxy" entry to the environment's proxies only, so
        // for -x the choice is made here, from the literal URL.
        let no_proxy = t.noproxy.as_ref().map(|n| {
            let entry = (Py::atom("\"no_proxy\""), self.text(n));
            (
                entry,
                n.literal()
                    .zip(request.url.literal())
                    .map(|(list, url)| bypasses(&list, &url)),
            )
        });
        let proxy = match (&t.proxy, no_proxy) {
            (None, None) => return None,
            (None, Some((entry, _))) | (Some(_), Some((entry, Some(true)))) => {
                return Some(Py::Dict(vec![entry]));
            }
            (Some(proxy), Some((_, None))) => {
                let m = "--noproxy with environment variables is not converted: the proxy is always used";
                self.unsupported(out, indent, request, m.into());
                proxy
            }
            (Some(proxy), _) => proxy,
        };
        self.socks |= proxy.url.literal().is_some_and(|u| u.starts_with(b"socks"));
        let mut url = Vec::new();
        match &proxy.user {
            None => self.bits(&mut url, &proxy.url, false),
            Some(user) => {
                let (scheme, rest) = split_scheme(&proxy.url);
                self.bits(&mut url, &scheme, false);
                self.bits(&mut url, user, true);
                url.push(Bit::Lit(b":".to_vec()));
                self.bits(
                    &mut url,
                    proxy.password.as_ref().unwrap_or(&Value::default()),
                    true,
                );
                url.push(Bit::Lit(b"@".to_vec()));
                self.bits(&mut url, &rest, false);
            }
        }
        if proxy.user.is_some() {
            out.line(
                indent,
                "# requests reads proxy credentials (-U) from the proxy URL, percent-encoded.",
            );
        }
        out.line(indent, &format!("proxy = {}", concat(url)));
        let entries = vec![
            (Py::atom("\"http\""), Py::atom("proxy")),
            (Py::atom("\"https\""), Py::atom("proxy")),
        ];
        Some(Py::Dict(entries))
    }

    /// Appends `v` as `str` code; with `userinfo`, percent-encoded (literal bytes now, env values
    /// at run time with `quote`).
    fn bits(&mut self, out: &mut Vec<Bit>, v: &Value, userinfo: bool) {
        for p in &v.0 {
            match p {
                Piece::Bytes(b) if userinfo => out.push(Bit::Lit(percent_encode(b, |c| {
                    c.is_ascii_alphanumeric() || b"-._~".contains(&c)
                }))),
                Piece::Bytes(b) => out.push(Bit::Lit(b.clone())),
                Piece::Env(_) | Piece::EnvEncoded { .. } => {
                    let code = self.text(&Value(vec![p.clone()])).flat();
                    if userinfo {
                        self.imports.std("urllib.parse", "quote");
                        out.push(Bit::Code(format!("quote({code}, safe=\"\")")));
                    } else {
                        out.push(Bit::Code(code));
                    }
                }
            }
        }
    }

    /// Writes the body to stdout or a file, and returns 1 (or 22 with -f) on failure.
    fn output(&mut self, out: &mut Lines, indent: usize, request: &Request, single: bool) {
        let t = &request.transfer;
        // A single request returns its exit code; several go on after a failure, as curl does
        // with several URLs, and main() returns the last failure's code.
        let fail = |code: u8| {
            if single {
                format!("return {code}")
            } else {
                format!("exit_code = {code}")
            }
        };
        let file = match &t.output {
            Output::Stdout => None,
            Output::File(path) => Some(self.value(path, Kind::Text).flat()),
            Output::RemoteName => match request.url.literal().map(|u| remote_name(&u)) {
                Some(Some(name)) => Some(lit::value(&Value::bytes(name), Kind::Text)),
                _ => {
                    let m = "-O needs a file name at the end of a literal URL path: the body goes to stdout";
                    self.unsupported(out, indent, request, m.into());
                    None
                }
            },
        };
        let write = match &file {
            _ if request.method == Method::Head => vec![], // a HEAD response has no body
            None => vec!["sys.stdout.buffer.write(response.content)".to_string()],
            Some(path) => vec![
                format!("with open({path}, \"wb\") as file:"),
                "    file.write(response.content)".to_string(),
            ],
        };
        let failed = "response is None or response.status_code >= 400";
        match (t.fail, single, write.is_empty()) {
            (false, true, true) => out.line(indent, &format!("return 1 if {failed} else 0")),
            (false, true, false) => {
                out.line(indent, "if response is None:");
                out.line(indent + 4, "return 1");
                write.iter().for_each(|l| out.line(indent, l));
                out.line(indent, "return 1 if response.status_code >= 400 else 0");
            }
            (false, false, _) => {
                if !write.is_empty() {
                    out.line(indent, "if response is not None:");
                    write.iter().for_each(|l| out.line(indent + 4, l));
                }
                out.line(indent, &format!("if {failed}:"));
                out.line(indent + 4, "exit_code = 1");
            }
            (true, _, _) => {
                out.line(indent, "if response is None:");
                out.line(indent + 4, &fail(1));
                out.line(indent, "elif response.status_code >= 400:");
                let why = "  # -f: curl prints no body on HTTP errors and exits with 22";
                out.line(indent + 4, &format!("{}{why}", fail(22)));
                if !write.is_empty() {
                    out.line(indent, "else:");
                    write.iter().for_each(|l| out.line(indent + 4, l));
                }
                if single {
                    out.line(indent, "return 0");
                }
            }
        }
    }
}

/// A piece of `str` code: literal bytes or an expression.
enum Bit {
    Lit(Vec<u8>),
    Code(String),
}

/// `bits` joined with `+`, adjacent literals merged into one.
fn concat(bits: Vec<Bit>) -> String {
    let mut merged: Vec<Bit> = Vec::new();
    for bit in bits {
        match (merged.last_mut(), bit) {
            (_, Bit::Lit(b)) if b.is_empty() => {}
            (Some(Bit::Lit(last)), Bit::Lit(b)) => last.extend_from_slice(&b),
            (_, bit) => merged.push(bit),
        }
    }
    let code: Vec<String> = merged
        .into_iter()
        .map(|b| match b {
            Bit::Lit(b) => lit::str_lit(&String::from_utf8_lossy(&b)),
            Bit::Code(c) => c,
        })
        .collect();
    if code.is_empty() {
        "\"\"".to_string()
    } else {
        code.join(" + ")
    }
}

/// `b` with every byte that `keep` rejects written as `%XX`.
fn percent_encode(b: &[u8], keep: impl Fn(u8) -> bool) -> Vec<u8> {
    let mut out = Vec::with_capacity(b.len());
    for &c in b {
        if keep(c) {
            out.push(c);
        } else {
            out.extend_from_slice(format!("%{c:02X}").as_bytes());
        }
    }
    out
}

/// True when the request reads standard input.
fn uses_stdin(r: &Request) -> bool {
    match &r.body {
        Some(Body::Data(segments)) => segments.iter().any(|s| {
            matches!(
                s,
                Segment::Read {
                    source: Source::Stdin,
                    ..
                }
            )
        }),
        Some(Body::Upload(Source::Stdin)) => true,
        Some(Body::Multipart(parts)) => parts.iter().any(|p| {
            matches!(
                p.content,
                PartContent::File(Source::Stdin) | PartContent::FileContents(Source::Stdin)
            )
        }),
        _ => false,
    }
}

/// `scheme://` and the rest of a proxy URL.
fn split_scheme(url: &Value) -> (Value, Value) {
    let mut scheme = Value::default();
    let mut rest = Value::default();
    let mut found = false;
    for p in &url.0 {
        match p {
            Piece::Bytes(b) if !found => {
                if let Some(i) = b.windows(3).position(|w| w == b"://") {
                    scheme.push_bytes(&b[..i + 3]);
                    rest.push_bytes(&b[i + 3..]);
                    found = true;
                } else {
                    scheme.push_bytes(b);
                }
            }
            Piece::Bytes(b) => rest.push_bytes(b),
            Piece::Env(_) | Piece::EnvEncoded { .. } if !found => scheme.0.push(p.clone()),
            Piece::Env(_) | Piece::EnvEncoded { .. } => rest.0.push(p.clone()),
        }
    }
    if found {
        (scheme, rest)
    } else {
        (Value::bytes("http://"), url.clone())
    }
}

/// The host of a literal URL, lower-cased, without port or brackets.
fn host_of(url: &[u8]) -> Option<String> {
    let rest = url
        .windows(3)
        .position(|w| w == b"://")
        .map_or(url, |i| &url[i + 3..]);
    let authority = rest
        .split(|&c| c == b'/' || c == b'?' || c == b'#')
        .next()?;
    let host_port = authority.rsplit(|&c| c == b'@').next()?;
    let host = if host_port.starts_with(b"[") {
        host_port.split(|&c| c == b']').next().map(|h| &h[1..])?
    } else {
        host_port.split(|&c| c == b':').next()?
    };
    Some(String::from_utf8_lossy(host).to_ascii_lowercase())
}

/// curl's --noproxy: `*`, or a comma-separated list of hosts and domain suffixes.
fn bypasses(list: &[u8], url: &[u8]) -> bool {
    let Some(host) = host_of(url) else {
        return false;
    };
    String::from_utf8_lossy(list)
        .split(',')
        .map(str::trim)
        .any(|entry| {
            let entry = entry.trim_start_matches('.').to_ascii_lowercase();
            entry == "*"
                || (!entry.is_empty() && (host == entry || host.ends_with(&format!(".{entry}"))))
        })
}

/// curl -O's file name: the URL path's last segment, or None when it is empty.
fn remote_name(url: &[u8]) -> Option<Vec<u8>> {
    let rest = url
        .windows(3)
        .position(|w| w == b"://")
        .map_or(url, |i| &url[i + 3..]);
    let rest = rest.split(|&c| c == b'?' || c == b'#').next()?;
    let path = &rest[rest.iter().position(|&c| c == b'/')?..];
    let name = path.rsplit(|&c| c == b'/').next()?;
    (!name.is_empty()).then(|| name.to_vec())
}

/// True when the URL ends with an empty query (`/search?`): curl sends the `?`, requests drops
/// it, so the program must put it back.
fn ends_with_empty_query(url: &Value) -> bool {
    url.literal().is_some_and(|u| {
        u.split(|&c| c == b'#')
            .next()
            .is_some_and(|u| u.ends_with(b"?"))
    })
}

/// True when urllib3 would change this URL's request target (it percent-encodes characters
/// outside RFC 3986's sets and upper-cases `%xx`), so the program must switch that off.
fn needs_exact_target(url: &Value) -> bool {
    // A value encoded at run time with lower-case hex (`--url-query "q=$Q"`) has escapes
    // urllib3 would upper-case.
    if url.env_encodings().any(|hex| hex == HexCase::Lower) {
        return true;
    }
    let Some(url) = url.literal() else {
        return false;
    };
    let rest = url
        .windows(3)
        .position(|w| w == b"://")
        .map_or(&url[..], |i| &url[i + 3..]);
    let Some(start) = rest
        .iter()
        .position(|&c| c == b'/' || c == b'?' || c == b'#')
    else {
        return false;
    };
    let target = rest[start..]
        .split(|&c| c == b'#')
        .next()
        .unwrap_or_default();
    let (path, query) = match target.iter().position(|&c| c == b'?') {
        Some(i) => (&target[..i], Some(&target[i + 1..])),
        None => (target, None),
    };
    let keeps = |part: &[u8], extra: &[u8]| {
        let escapes = percent_escapes(part);
        let all_escaped = escapes.len() == part.iter().filter(|&&c| c == b'%').count();
        let lower = escapes
            .iter()
            .any(|&i| part[i + 1..i + 3].iter().any(u8::is_ascii_lowercase));
        let plain = part.iter().all(|&c| {
            c.is_ascii_alphanumeric()
                || b"-._~!$&'()*+,;=:@/".contains(&c)
                || extra.contains(&c)
                || (c == b'%' && all_escaped)
        });
        plain && !lower
    };
    !(keeps(path, b"") && query.is_none_or(|q| keeps(q, b"?")))
}

/// Positions of `%` + two hex digits, scanned left to right without overlaps (as a regex would).
fn percent_escapes(s: &[u8]) -> Vec<usize> {
    let mut found = Vec::new();
    let mut i = 0;
    while i + 2 < s.len() {
        if s[i] == b'%' && s[i + 1].is_ascii_hexdigit() && s[i + 2].is_ascii_hexdigit() {
            found.push(i);
            i += 3;
        } else {
            i += 1;
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::{HeaderName, Part, Proxy};

    fn render_one(r: Request, p: &RetryPolicy) -> (String, Vec<Diagnostic>) {
        let mut warnings = Vec::new();
        let requests = [r];
        let code = render(
            &Program {
                requests: &requests,
                retry_policy: p,
                mode: Default::default(),
            },
            &mut warnings,
        );
        (code, warnings)
    }

    #[test]
    fn urllib3_would_change_only_some_targets() {
        let t = |u: &str| needs_exact_target(&Value::bytes(u));
        assert!(!t("https://x.example/a/b?c=d&e=%2F"));
        assert!(!t("https://x.example"));
        assert!(!t("https://x.example/~user/a:b@c;d=e,f'g(h)*!$"));
        assert!(
            t("https://x.example/a%2fb"),
            "lower-case escapes are upper-cased"
        );
        assert!(t("https://x.example/{x}"));
        assert!(t("https://x.example/a?b=|"));
        assert!(t("https://x.example/a[1]"));
        assert!(
            t("https://x.example/100%"),
            "a stray % makes every % encoded"
        );
        assert!(!t("https://x.example/a?b=?c"), "? is fine in the query");
        assert!(!t("https://x.example/a#{frag}"), "fragments are not sent");
        assert!(!needs_exact_target(&Value::env("URL")));
        let mut encoded = Value::bytes("https://x.example/?q=");
        encoded.0.push(Piece::EnvEncoded {
            name: "Q".into(),
            hex: HexCase::Lower,
        });
        assert!(needs_exact_target(&encoded), "its escapes are lower case");
    }

    #[test]
    fn an_empty_query_is_put_back_without_a_warning() {
        let t = |u: &str| ends_with_empty_query(&Value::bytes(u));
        assert!(t("https://x.example/search?"));
        assert!(t("https://x.example?#frag"));
        assert!(!t("https://x.example/search?q="));
        assert!(!t("https://x.example/search#?"), "fragments are not sent");
        assert!(!ends_with_empty_query(&Value::env("URL")));
        let (code, warnings) = render_one(
            Request::get("https://x.example/search?"),
            &RetryPolicy::default(),
        );
        assert!(warnings.is_empty(), "{warnings:?}");
        assert!(code.contains("def keep_empty_query() -> None:"), "{code}");
        assert!(code.contains("    keep_empty_query()\n"), "{code}");
        let (code, _) = render_one(Request::get("https://x.example/s"), &RetryPolicy::default());
        assert!(!code.contains("keep_empty_query"), "{code}");
    }

    #[test]
    fn encoded_env_values_go_through_the_urlencode_helpers() {
        let enc = |name: &str, hex| Piece::EnvEncoded {
            name: name.into(),
            hex,
        };
        let mut r = Request::get("https://x.example/s?q=");
        r.url.0.push(enc("Q", HexCase::Lower));
        r.method = Method::Post;
        r.body = Some(Body::Data(vec![Segment::Text(Value(vec![
            Piece::Bytes(b"a=".to_vec()),
            enc("A", HexCase::Upper),
        ]))]));
        let (code, warnings) = render_one(r.clone(), &RetryPolicy::default());
        assert!(warnings.is_empty(), "{warnings:?}");
        for part in [
            r#""https://x.example/s?q=" + urlencode_query(env("Q"))"#,
            r#"data=b"a=" + urlencode(env("A").encode())"#,
            "def env(",
            "def urlencode(",
            "def urlencode_query(",
            "import re\n",
            "from urllib.parse import quote_plus",
            "_encode_target = lambda",
        ] {
            assert!(code.contains(part), "{part} not in:\n{code}");
        }
        // Upper-case hex alone needs neither urlencode_query nor re.
        r.url = Value::bytes("https://x.example/s");
        let (code, _) = render_one(r, &RetryPolicy::default());
        assert!(code.contains("def urlencode("));
        assert!(!code.contains("urlencode_query") && !code.contains("import re\n"));
    }

    #[test]
    fn url_helpers() {
        assert_eq!(
            remote_name(b"https://x.example/dir/file.tar.gz?x=1"),
            Some(b"file.tar.gz".to_vec())
        );
        assert_eq!(remote_name(b"https://x.example/dir/"), None);
        assert_eq!(remote_name(b"https://x.example"), None);
        assert_eq!(host_of(b"http://u:p@[::1]:80/x").as_deref(), Some("::1"));
        assert_eq!(
            host_of(b"https://API.Example.com:8443").as_deref(),
            Some("api.example.com")
        );
        assert!(bypasses(b"*", b"http://a.example/"));
        assert!(bypasses(
            b"other.test, example.com",
            b"http://api.example.com/"
        ));
        assert!(bypasses(b".example.com", b"http://example.com/"));
        assert!(!bypasses(b"ample.com", b"http://example.com/"));
        assert_eq!(percent_escapes(b"%41%%4x%4a"), vec![0, 7]);
    }

    #[test]
    fn long_calls_break_one_argument_per_line() {
        let call = Py::Call(
            "prepare".into(),
            vec![
                (None, Py::atom("session")),
                (
                    Some("headers"),
                    Py::Dict(vec![(Py::atom("\"A\""), Py::atom("\"b\""))]),
                ),
            ],
        );
        assert_eq!(
            call.render(4, 0, 0),
            r#"prepare(session, headers={"A": "b"})"#
        );
        let long = Py::Call("f".into(), vec![(None, Py::atom("x".repeat(100)))]);
        assert_eq!(
            long.render(4, 0, 0),
            format!("f(\n        {},\n    )", "x".repeat(100))
        );
        assert_eq!(Py::Tuple(vec![Py::atom("1")]).flat(), "(1,)");
    }

    #[test]
    fn imports_are_grouped_and_sorted_like_isort() {
        let mut i = Imports::default();
        i.third("urllib3.util", "make_headers");
        i.third("urllib3.util", "SKIP_HEADER");
        i.std("sys", "");
        i.std("http.cookiejar", "MozillaCookieJar");
        i.std("http.cookiejar", "CookieJar");
        i.third("requests", "");
        assert_eq!(
            i.render(),
            "from __future__ import annotations\n\nimport sys\nfrom http.cookiejar import CookieJar, \
             MozillaCookieJar\n\nimport requests\nfrom urllib3.util import SKIP_HEADER, make_headers"
        );
    }

    #[test]
    fn unsupported_features_warn_and_leave_a_comment() {
        let mut r = Request::get("https://x.example/ä b/");
        r.auth = Some(Auth::Ntlm {
            user: Value::bytes("u"),
            password: Value::bytes("p"),
        });
        r.transfer.output = Output::RemoteName;
        let (code, warnings) = render_one(r, &RetryPolicy::default());
        assert_eq!(warnings.len(), 3, "{warnings:?}");
        assert!(code.contains("# curl2code: NTLM"));
        assert!(code.contains(r#""https://x.example/%C3%A4%20b/""#));
        assert!(
            code.contains("sys.stdout.buffer.write"),
            "-O without a name writes to stdout"
        );
    }

    #[test]
    fn only_what_the_program_uses_is_emitted() {
        let (code, warnings) =
            render_one(Request::get("https://x.example/"), &RetryPolicy::default());
        assert!(warnings.is_empty());
        for absent in [
            "def env(",
            "read_file",
            "HTTPHeaderDict",
            "uuid",
            "circuit",
            "FALLBACK",
            "_encode_target",
            "urlencode",
            "import re\n",
        ] {
            assert!(!code.contains(absent), "{absent} in:\n{code}");
        }
        let off = RetryPolicy {
            enabled: false,
            ..RetryPolicy::default()
        };
        let (code, _) = render_one(Request::get("https://x.example/"), &off);
        for absent in ["MAX_RETRIES", "random", "time.sleep", "RETRY_STATUSES"] {
            assert!(!code.contains(absent), "{absent} in:\n{code}");
        }
    }

    #[test]
    fn nothing_panics_on_odd_requests() {
        let mut r = Request::get(*b"\xff\x00\n\"\\");
        r.url.0.push(Piece::Env("U".into()));
        r.method = Method::Custom("\n\u{2028}x".into());
        r.headers.push(Header {
            name: HeaderName::new("X\n"),
            value: Value::env("H"),
        });
        r.removed_headers.push(HeaderName::new("Host"));
        r.body = Some(Body::Multipart(vec![Part {
            name: Value::bytes(*b"\xff"),
            content: PartContent::FileContents(Source::Stdin),
            filename: Some(Value::env("F")),
            content_type: None,
            headers: vec![Header {
                name: HeaderName::new("X"),
                value: Value::default(),
            }],
        }]));
        r.transfer.proxy = Some(Proxy {
            url: Value::env("P"),
            user: Some(Value::env("U")),
            password: None,
        });
        r.transfer.noproxy = Some(Value::env("N"));
        r.transfer.cookie_jar = Some(Value::default());
        r.transfer.key = Some(Value::bytes("k"));
        let p = RetryPolicy {
            fallback_urls: vec!["\"".into()],
            base_delay: f64::NAN,
            ..RetryPolicy::default()
        };
        let (code, _) = render_one(r, &p);
        assert!(code.contains("def main() -> int:"));
        let mut warnings = Vec::new();
        let none = render(
            &Program {
                requests: &[],
                retry_policy: &p,
                mode: Default::default(),
            },
            &mut warnings,
        );
        assert!(none.contains("return 0"));
    }
}
