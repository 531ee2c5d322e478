//! The default output: the program a Python developer would write (templates/python/
//! idiomatic.py). One `requests.Session`, the request first in `main()` with its URL, query
//! (`params=`), headers and body (`json=`, `data=`, `files=`) as literals, sent by
//! `request_with_retries()`, which is `session.request()` made patient. The library's own
//! defaults stay: no curl User-Agent, no byte-exact request target. `--exact` is a mode of
//! the same program: the URL as typed, headers in curl's order and the body's bytes
//! (exact.rs), sent through `CurlSession` (curl's defaults, targets as typed).

use super::bases::BasesView;
use super::common::*;
use super::httpx::Flavour;
use super::policy_view::{PolicyView, summary};
use super::syntax::{Entry, Lines, Py};
use super::values::*;
use crate::codegen::Program;
use crate::codegen::plan::pairs::Pair;
use crate::codegen::plan::{BodyPlan, Call, Plan};
use crate::codegen::python::literal::{self as lit, Kind};
use crate::diagnostic::Diagnostic;
use crate::ir::{Auth, Body, Header, Method, Piece, Request, Segment, Source, Value};
use crate::policy::{Jitter, RetryPolicy};
use askama::Template;

/// Everything `templates/python/idiomatic.py` prints: pre-quoted code and flags.
#[derive(Template)]
#[template(path = "python/idiomatic.py", escape = "none")]
struct View {
    /// How to connect: templates/python/connect.py.
    c: super::connect::ConnectView,
    summary: String,
    imports: String,
    p: PolicyView,
    /// The 502 playbook's `Bases` object (templates/python/bases.py).
    b: BasesView,
    verbatim: bool,
    /// `--exact`: curl's bytes, through `CurlSession` (templates/python/typed.py).
    exact: bool,
    /// `VerbatimSession`, or `CurlSession` with --exact.
    session_class: &'static str,
    /// --exact --compressed: `ACCEPT_ENCODING`.
    compressed: bool,
    /// --exact: urllib3 would re-encode a request target; `TypedConnection` sends it as typed.
    keep_targets: bool,
    uses_env: bool,
    uses_read_file: bool,
    uses_strip_newlines: bool,
    uses_chunked: bool,
    uses_urlencode: bool,
    uses_urlencode_query: bool,
    uses_read_query: bool,
    uses_load_cookies: bool,
    uses_encode_parts: bool,
    uses_netrc: bool,
    uses_load_tls: bool,
    uses_tls_adapter: bool,
    /// httpx's load_cookies (support.py's is requests').
    uses_httpx_cookies: bool,
    /// `head_of()` for -i and -D (response.rs).
    response_helpers: String,
    /// httpx (either flavour) rather than requests.
    httpx: bool,
    /// What differs between requests, httpx and httpx with asyncio.
    async_: &'static str,
    await_: &'static str,
    var: &'static str,
    signature: &'static str,
    error_class: &'static str,
    sleep: &'static str,
    run_main: &'static str,
    main: String,
}

/// Renders the idiomatic program with requests, or in an httpx flavour.
pub(super) fn render(
    program: &Program,
    flavour: Flavour,
    exact: bool,
    warnings: &mut Vec<Diagnostic>,
) -> String {
    let policy = program.retry_policy;
    let plan = program.plan();
    let (w, main) = write(&plan, policy, warnings, flavour, exact);
    let g = &w.g;
    let httpx = flavour != Flavour::Requests;
    let asynchronous = flavour == Flavour::Async;
    let bases = super::bases::BasesView::new(policy, flavour).on;
    let view = View {
        c: g.connect.clone(),
        summary: summary(&plan, g.socks, flavour, exact),
        imports: g.imports.render(),
        p: PolicyView::new(policy),
        b: BasesView::new(policy, flavour),
        verbatim: w.verbatim,
        exact,
        session_class: w.session_class(),
        compressed: g.compressed,
        keep_targets: w.keep_targets,
        uses_env: g.uses_env,
        uses_read_file: g.uses_read_file,
        uses_strip_newlines: g.uses_strip_newlines,
        uses_chunked: g.uses_chunked,
        uses_urlencode: g.uses_urlencode,
        uses_urlencode_query: g.uses_urlencode_query,
        uses_read_query: g.uses_read_query,
        uses_netrc: g.uses_netrc,
        uses_load_tls: g.uses_load_tls,
        uses_tls_adapter: g.uses_tls_adapter,
        uses_load_cookies: g.uses_load_cookies && !httpx,
        uses_httpx_cookies: g.uses_load_cookies && httpx,
        uses_encode_parts: g.uses_encode_parts,
        response_helpers: super::response::helpers(g, httpx),
        httpx,
        async_: if asynchronous { "async " } else { "" },
        await_: if asynchronous { "await " } else { "" },
        var: flavour.var(),
        signature: match flavour {
            _ if bases => signature_with_bases(flavour),
            Flavour::Requests => {
                "def request_with_retries(session, method: str, url: str, **kwargs) -> requests.Response:"
            }
            Flavour::Httpx => {
                "def request_with_retries(client, method: str, url: str, **kwargs) -> httpx.Response:"
            }
            // Within 88 columns.
            Flavour::Async => {
                "async def request_with_retries(client, method, url, **kwargs) -> httpx.Response:"
            }
        },
        error_class: flavour.error(),
        sleep: if asynchronous {
            "await asyncio.sleep"
        } else {
            "time.sleep"
        },
        run_main: if asynchronous {
            "asyncio.run(main())"
        } else {
            "main()"
        },
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

/// The helper's signature with the `Bases` parameter (longer than one line).
fn signature_with_bases(flavour: Flavour) -> &'static str {
    match flavour {
        Flavour::Requests => {
            "def request_with_retries(\n    session, method: str, url: str, bases: Bases, **kwargs\n) -> requests.Response:"
        }
        Flavour::Httpx => {
            "def request_with_retries(\n    client, method: str, url: str, bases: Bases, **kwargs\n) -> httpx.Response:"
        }
        Flavour::Async => {
            "async def request_with_retries(\n    client, method: str, url: str, bases: Bases, **kwargs\n) -> httpx.Response:"
        }
    }
}

/// Writes `main()` of `plan` in `flavour`: the generator's state (imports, support functions
/// used) and the function's body.
pub(super) fn write<'a>(
    plan: &Plan,
    policy: &'a RetryPolicy,
    warnings: &'a mut Vec<Diagnostic>,
    flavour: Flavour,
    exact: bool,
) -> (Writer<'a>, String) {
    let mut w = Writer {
        g: Gen::new(policy, warnings),
        verbatim: flavour == Flavour::Requests
            && plan.calls.iter().any(|c| needs_verbatim(c.request)),
        exact,
        keep_targets: exact
            && plan
                .calls
                .iter()
                .any(|c| needs_exact_target(&c.request.url)),
        mounted: false,
        flavour,
        pre: Lines::default(),
        client: Vec::new(),
        hoisted: Lines::default(),
    };
    w.g.imports.no_future = true;
    let main = w.main(plan);
    w.imports();
    (w, main)
}

/// A request requests would change where curl does not: a lower-case method (requests
/// upper-cases it) or a repeated header (a dict holds one value per name).
fn needs_verbatim(r: &Request) -> bool {
    let lower_method = matches!(&r.method, Method::Custom(m) if m.to_ascii_uppercase() != *m);
    let repeated = r.headers.iter().enumerate().any(|(i, h)| {
        r.headers[..i]
            .iter()
            .any(|e| e.name.as_str().eq_ignore_ascii_case(h.name.as_str()))
    });
    lower_method || repeated
}

/// The generator's state for the idiomatic program.
pub(super) struct Writer<'a> {
    pub(super) g: Gen<'a>,
    /// Some request needs `VerbatimSession` (see [`needs_verbatim`]).
    verbatim: bool,
    /// `--exact`: the request as curl sends it (URL as typed, headers in curl's order, the
    /// body's bytes) through `CurlSession`; requests only.
    pub(super) exact: bool,
    /// --exact: urllib3 would change a request target (see `needs_exact_target`).
    keep_targets: bool,
    /// The connection options mounted their own adapter (connect.rs).
    mounted: bool,
    /// The library the program uses.
    pub(super) flavour: Flavour,
    /// httpx: lines before the client is made (its proxy URL).
    pre: Lines,
    /// httpx: the client's options (TLS, proxy), taken from the first call that sets them.
    pub(super) client: Vec<(Option<&'static str>, Py)>,
    /// A single call's headers, query and body as variables after the URL (see `hoist`).
    hoisted: Lines,
}

impl Writer<'_> {
    /// The program's own Session subclass: `CurlSession` with --exact, else `VerbatimSession`.
    fn session_class(&self) -> &'static str {
        if self.exact {
            "CurlSession"
        } else {
            "VerbatimSession"
        }
    }

    /// Imports used by the template's fixed code.
    fn imports(&mut self) {
        let p = self.g.policy;
        let i = &mut self.g.imports;
        for module in ["logging", "sys", "time"] {
            i.std(module, "");
        }
        i.std("email.utils", "mktime_tz");
        i.std("email.utils", "parsedate_tz");
        i.std("urllib.parse", "urlsplit");
        if self.flavour == Flavour::Requests {
            i.third("requests", "");
            // A refused connection is urllib3's NewConnectionError in both versions; a failed
            // DNS lookup is its subclass NameResolutionError from urllib3 2 on.
            i.third("urllib3", "");
        } else {
            i.third("httpx", "");
        }
        if self.flavour == Flavour::Async {
            i.std("asyncio", "");
        }
        if p.jitter == Jitter::Full && p.fixed_delay.is_none() {
            i.std("random", "");
        }
        if p.idempotency_key {
            i.std("uuid", "");
        }
        if self.exact {
            i.third("urllib3.util", "SKIP_HEADER"); // CurlSession's Accept-Encoding
        }
        if self.keep_targets {
            i.std("typing", "ClassVar"); // TypedConnection
        }
        if self.g.compressed {
            i.third("urllib3.util", "make_headers");
        }
        let requests = self.flavour == Flavour::Requests;
        self.g.support_imports(requests);
    }

    /// The body of `main()`.
    fn main(&mut self, plan: &Plan) -> String {
        let mut out = Lines::default();
        if plan.calls.is_empty() {
            out.line(4, "return 0");
            return out.0.trim_end().to_string();
        }
        let single = plan.calls.len() == 1;
        if single {
            // The URL first: the line a reader looks for.
            let url = if self.exact {
                self.g.url(&mut out, 4, plan.calls[0].request)
            } else {
                self.url(&plan.calls[0].url.base)
            };
            out.stmt(4, "url = ", &url);
        }
        let head = std::mem::take(&mut out);
        let requests: Vec<&Request> = plan.calls.iter().map(|c| c.request).collect();
        self.session(&mut out, &requests);
        let jar = requests.iter().find_map(|r| r.transfer.cookie_jar.as_ref());
        let indent = if jar.is_some() { 12 } else { 8 };
        if jar.is_some() {
            out.line(8, "try:");
        }
        if !single {
            out.line(
                indent,
                "# Like curl with several URLs, a failed request does not stop the next ones.",
            );
            out.line(indent, "exit_code = 0");
        }
        let mut max_redirects = None;
        for (i, call) in plan.calls.iter().enumerate() {
            if i > 0 {
                out.line(0, "");
            }
            self.call(&mut out, indent, call, single, &mut max_redirects);
        }
        if !single {
            out.line(indent, "return exit_code");
        }
        if let Some(jar) = jar {
            let path = self.g.value(jar, Kind::Text).flat();
            out.line(8, "finally:");
            out.line(
                12,
                "# -c: curl writes the cookie jar at the end, even after a failure.",
            );
            out.stmt(
                12,
                "",
                &Py::Call(
                    format!("{}.save", self.flavour.jar()),
                    vec![
                        (None, Py::atom(path)),
                        (Some("ignore_discard"), Py::atom("True")),
                        (Some("ignore_expires"), Py::atom("True")),
                    ],
                ),
            );
        }
        // The session or client, made once the calls have said what the client needs.
        let session = self.session_class();
        let (prefix, make) = match self.flavour {
            Flavour::Requests if self.g.connect.keep_post.is_some() => {
                if self.verbatim || self.exact {
                    self.g.connect.session_base = session;
                }
                ("with ", Py::atom("KeepPost()"))
            }
            Flavour::Requests if self.verbatim || self.exact => {
                ("with ", Py::atom(format!("{session}()")))
            }
            Flavour::Requests => ("with ", Py::atom("requests.Session()")),
            Flavour::Httpx => (
                "with ",
                Py::Call("httpx.Client".into(), std::mem::take(&mut self.client)),
            ),
            Flavour::Async => (
                "async with ",
                Py::Call("httpx.AsyncClient".into(), std::mem::take(&mut self.client)),
            ),
        };
        let suffix = format!(" as {}:", self.flavour.var());
        let mut program = head.0;
        program.push_str(&self.hoisted.0);
        if let Some(fallbacks) = self.bases() {
            program.push_str(&format!(
                "    bases = Bases({fallbacks})  # keep one for the life of the application\n"
            ));
        }
        program.push_str(&self.pre.0);
        program.push_str("    ");
        program.push_str(prefix);
        program.push_str(&make.render(4, prefix.len(), suffix.len()));
        program.push_str(&suffix);
        program.push('\n');
        program.push_str(&out.0);
        program.truncate(program.trim_end().len());
        program
    }

    /// With the 502 playbook: the argument that makes the `Bases` object.
    fn bases(&self) -> Option<&'static str> {
        let p = self.g.policy;
        let on = p.circuit_breaker || !p.fallback_urls.is_empty() || p.health_check.is_some();
        on.then_some(if p.fallback_urls.is_empty() {
            ""
        } else {
            "FALLBACK_URLS"
        })
    }

    /// Session-wide settings: cookie handling, `-k`'s warning, standard input.
    fn session(&mut self, out: &mut Lines, requests: &[&Request]) {
        let var = self.flavour.var();
        let httpx = self.flavour != Flavour::Requests;
        self.mounted = false;
        for line in self.g.connect(requests, self.exact, httpx) {
            self.mounted = true;
            out.line(8, &line.replace("session.", &format!("{var}.")));
        }
        let files: Vec<&Value> = requests
            .iter()
            .flat_map(|r| &r.transfer.cookie_files)
            .collect();
        let jar = requests.iter().any(|r| r.transfer.cookie_jar.is_some());
        if jar || !files.is_empty() {
            out.line(
                8,
                "# -b/-c turn curl's cookie engine on: cookies carry over between requests.",
            );
            let var = self.flavour.var();
            if jar {
                self.g.imports.std("http.cookiejar", "MozillaCookieJar");
                out.line(8, &format!("{var}.cookies = MozillaCookieJar()"));
            }
            for f in files {
                self.g.uses_load_cookies = true;
                let path = self.g.value(f, Kind::Text).flat();
                out.line(8, &format!("load_cookies({var}.cookies, {path})"));
            }
        } else if requests.len() > 1 || requests.iter().any(|r| r.transfer.follow_redirects) {
            self.g.imports.std("http.cookiejar", "DefaultCookiePolicy");
            out.line(
                8,
                "# curl keeps no cookies unless -b or -c turns its cookie engine on.",
            );
            let jar = self.flavour.jar();
            out.line(
                8,
                &format!("{jar}.set_policy(DefaultCookiePolicy(allowed_domains=[]))"),
            );
        }
        if self.flavour == Flavour::Requests && requests.iter().any(|r| r.transfer.insecure) {
            self.g.imports.third("urllib3", "");
            out.line(
                8,
                "# curl -k is silent about unverified certificates; so is urllib3 with this.",
            );
            out.line(
                8,
                "urllib3.disable_warnings(urllib3.exceptions.InsecureRequestWarning)",
            );
        }
        if requests.iter().any(|r| uses_stdin(r)) {
            out.line(
                8,
                "# Standard input is read once: every attempt sends the same bytes.",
            );
            out.line(8, "stdin = sys.stdin.buffer.read()");
        }
    }

    /// One call: send it, then write its body out and set the exit status.
    fn call(
        &mut self,
        out: &mut Lines,
        indent: usize,
        call: &Call,
        single: bool,
        max_redirects: &mut Option<u32>,
    ) {
        let r = call.request;
        let t = &r.transfer;
        let mut args = vec![
            (None, Py::atom(self.flavour.var())),
            (None, Py::atom(lit::str_lit(r.method.as_str()))),
            (
                None,
                match single {
                    true => Py::atom("url"),
                    false if self.exact => self.g.url(out, indent, r),
                    false => self.url(&call.url.base),
                },
            ),
        ];
        match &call.url.query {
            Some(query) if !self.exact => args.push((Some("params"), self.pairs(query))),
            _ => {} // --exact: in the URL, as typed
        }
        // A single call's data goes after its URL, at the top of main(), with its comments.
        let hoist = single && !uses_stdin(r);
        let mut top = Lines::default();
        let (at, at_indent) = if hoist {
            (&mut top, 4)
        } else {
            (&mut *out, indent)
        };
        // requests writes these Content-Types itself for json= and data={...}.
        let (body, implied_type) = if self.exact {
            (self.g.body(r), None)
        } else {
            self.body(at, at_indent, call)
        };
        let etag = self.g.etag_compare(at, at_indent, r);
        let mut headers = if self.exact {
            self.g.exact_headers(at, at_indent, r)
        } else {
            self.headers(at, at_indent, r, implied_type)
        };
        if let Some(etag) = etag {
            headers.push((Py::atom("\"If-None-Match\""), Py::atom(etag)));
        }
        if !headers.is_empty() {
            let pairs = self.verbatim || self.flavour != Flavour::Requests;
            args.push((
                Some("headers"),
                headers_literal(headers, pairs, self.flavour),
            ));
        }
        if let Some((key, body)) = body {
            args.push((Some(key), body));
        }
        if let Some(auth) = self.g.auth(out, indent, r) {
            args.push((Some("auth"), auth));
        }
        if t.follow_redirects && self.flavour != Flavour::Requests {
            // httpx: the client's (its default is 20; curl's 50).
            let max = t.max_redirects.unwrap_or(50);
            self.client
                .push((Some("max_redirects"), Py::atom(max.to_string())));
            self.client.dedup_by(|a, b| a.0 == b.0);
            args.push((Some("follow_redirects"), Py::atom("True")));
        } else if t.follow_redirects {
            let max = t.max_redirects.unwrap_or(50);
            if *max_redirects != Some(max) {
                *max_redirects = Some(max);
                let why = if t.max_redirects.is_some() {
                    "--max-redirs"
                } else {
                    "curl's default; requests' is 30"
                };
                let var = self.flavour.var();
                out.line(indent, &format!("{var}.max_redirects = {max}  # {why}"));
            }
        } else if self.flavour == Flavour::Requests {
            args.push((Some("allow_redirects"), Py::atom("False")));
        }
        let tls = self.g.load_tls(r);
        if let Some(load) = &tls {
            // httpx takes the files as an SSLContext; requests loads them again by name.
            let assign = if self.flavour == Flavour::Requests {
                ""
            } else {
                "tls = "
            };
            let mut check = Lines::default();
            check.stmt(8, assign, load);
            if !self.pre.0.contains(&check.0) {
                self.pre.line(4, TLS_CHECK);
                self.pre.0.push_str(&check.0);
                self.pre.line(4, "except OSError as error:");
                self.pre.line(8, "return f\"error: {error}\"");
            }
        }
        if t.insecure {
            out.line(
                indent,
                "# WARNING: verify=False (curl -k) turns TLS certificate checks OFF.",
            );
        }
        if tls.is_some() && self.flavour != Flavour::Requests {
            args.push((Some("verify"), Py::atom("tls"))); // the files, in an SSLContext
        } else if t.insecure {
            args.push((Some("verify"), Py::atom("False")));
        } else if let Some(ca) = &t.cacert {
            args.push((Some("verify"), self.g.value(ca, Kind::Text)));
        } else if let Some(dir) = &t.tls.capath {
            args.push((Some("verify"), self.g.value(dir, Kind::Text))); // a directory: CApath
        }
        let tls_versions = t.tls.min.or(t.tls.max).is_some() || t.tls.ciphers.is_some();
        if self.flavour != Flavour::Requests && tls_versions {
            let m = "--tlsv1.x, --tls-max and --ciphers are not converted for httpx (its Client takes them in an ssl.SSLContext as verify=)";
            self.g.unsupported(out, indent, r, m.into());
        } else if let Some((Py::Call(adapter, tls), named)) = self.g.tls_adapter(&t.tls) {
            // --exact: TypedTargets extends TLSAdapter; the connection options' own adapter
            // (mounted) takes no TLS settings.
            let adapter = if self.exact { "TypedTargets" } else { &adapter };
            let call = Py::Call(adapter.into(), tls).flat();
            let line = format!("session.mount(\"https://\", {call})  # {named}");
            if !(self.exact && self.mounted) {
                out.line(indent, &line);
            }
        }
        match (&t.cert, &t.key) {
            _ if tls.is_some() && self.flavour != Flavour::Requests => {} // in `tls`
            (Some(c), Some(k)) => {
                let cert = Py::Tuple(vec![
                    self.g.value(c, Kind::Text),
                    self.g.value(k, Kind::Text),
                ]);
                args.push((Some("cert"), cert));
            }
            (Some(c), None) => args.push((Some("cert"), self.g.value(c, Kind::Text))),
            (None, Some(_)) => {
                let m = "--key without --cert is ignored".into();
                self.g.unsupported(out, indent, r, m);
            }
            (None, None) => {}
        }
        let proxies = if self.flavour == Flavour::Requests {
            self.g.proxies(out, indent, r)
        } else {
            self.g.proxies(&mut self.pre, 4, r) // the client's: made before it
        };
        if let Some(proxies) = proxies {
            args.push((Some("proxies"), proxies));
        }
        if self.flavour != Flavour::Requests {
            self.httpx_call(out, indent, r, &mut args);
        }
        if self.bases().is_some() {
            args.insert(3, (Some("bases"), Py::atom("bases")));
        }
        if hoist {
            self.hoisted.0.push_str(&top.0);
            hoist_data(&mut self.hoisted, &mut args);
        }
        out.line(indent, "try:");
        let helper = format!("{}request_with_retries", self.flavour.awaits());
        out.stmt(indent + 4, "response = ", &Py::Call(helper, args));
        out.line(
            indent,
            &format!("except {} as error:", self.flavour.error()),
        );
        super::output::write_out(out, indent + 4, r, true);
        if single {
            // main() returns the message: sys.exit() prints it and exits with status 1.
            out.line(indent + 4, "return f\"error: {error.failure}\"");
        } else {
            out.line(indent + 4, FAILED_ERROR);
            out.line(indent + 4, "exit_code = 1");
        }
        self.output(out, indent, r, single);
    }

    /// The URL without its query: bytes that are not text are percent-encoded (requests
    /// encodes the rest as the URL standard says).
    fn url(&mut self, base: &Value) -> Py {
        let mut url = Value::default();
        for piece in &base.0 {
            match piece {
                Piece::Bytes(b) => url.push_bytes(&percent_encode(b, UNSENDABLE)),
                Piece::Env(_) | Piece::EnvEncoded { .. } | Piece::QueryFile { .. } => {
                    url.0.push(piece.clone())
                }
            }
        }
        match lit::text_parts(&url) {
            parts if parts.len() > 1 => {
                self.g.note_env(&url);
                Py::Sum(parts)
            }
            _ => self.g.text(&url),
        }
    }

    /// Query or form pairs: a dict, or a list of tuples when a name repeats.
    fn pairs(&mut self, pairs: &[Pair]) -> Py {
        let repeated = pairs
            .iter()
            .enumerate()
            .any(|(i, p)| pairs[..i].iter().any(|q| q.name == p.name));
        let mut items = Vec::with_capacity(pairs.len());
        for p in pairs {
            let name = Py::atom(lit::str_lit(&p.name));
            let value = match p.value.0.as_slice() {
                // A file's bytes: requests encodes them as they are (httpx takes text only).
                [Piece::QueryFile { path, .. }] if self.flavour == Flavour::Requests => {
                    self.g.uses_read_file = true;
                    Py::atom(format!("read_file({})", lit::text(path)))
                }
                _ => self.g.value(&p.value, Kind::Text),
            };
            items.push((name, value));
        }
        if repeated {
            Py::List(
                items
                    .into_iter()
                    .map(|(k, v)| Py::Tuple(vec![k, v]))
                    .collect(),
            )
        } else {
            Py::Dict(items)
        }
    }

    /// The body keyword argument, and the Content-Type requests then writes by itself.
    fn body(
        &mut self,
        out: &mut Lines,
        indent: usize,
        call: &Call,
    ) -> (Option<(&'static str, Py)>, Option<&'static str>) {
        match &call.body {
            BodyPlan::None => (None, None),
            BodyPlan::Json(j) if python_keeps_numbers(j) => {
                (Some(("json", json_literal(j))), Some("application/json"))
            }
            BodyPlan::Form(pairs) => (
                Some(("data", self.pairs(pairs))),
                Some("application/x-www-form-urlencoded"),
            ),
            BodyPlan::Upload(Source::Stdin) => (Some(("data", Py::atom("stdin"))), None),
            BodyPlan::Raw([Segment::Text(v)]) if looks_like_json(v) && is_form(call.request) => {
                out.line(
                    indent,
                    "# curl sends -d data as a form, so this does too; --json was probably meant.",
                );
                (self.g.body(call.request), None)
            }
            _ => (self.g.body(call.request), None),
        }
    }

    /// The headers literal's entries: the command's headers (minus a Content-Type requests
    /// writes by itself), a bearer token, and the defaults `-H 'Name:'` removed.
    fn headers(
        &mut self,
        out: &mut Lines,
        indent: usize,
        request: &Request,
        implied_type: Option<&str>,
    ) -> Vec<Entry> {
        let multipart = matches!(request.body, Some(Body::Multipart(_)));
        let mut entries = Vec::new();
        for Header { name, value } in &request.headers {
            if name.is("Content-Type") {
                let v = value.literal().unwrap_or_default();
                let v = String::from_utf8_lossy(v.trim_ascii());
                if implied_type.is_some_and(|t| v.eq_ignore_ascii_case(t)) {
                    continue;
                }
                if multipart && v.eq_ignore_ascii_case("multipart/form-data") {
                    continue; // requests writes it with the boundary
                }
                if self.g.encodes_parts(request) {
                    let v = self.g.multipart_type(value);
                    entries.push((Py::atom(lit::str_lit(name.as_str())), v));
                    continue;
                }
                if multipart {
                    let m = "requests adds no multipart boundary to a custom Content-Type: it is sent as given";
                    self.g.unsupported(out, indent, request, m.into());
                }
            }
            let v = match value.literal() {
                Some(text) if text.len() > 60 && text.is_ascii() => long_text(&text),
                _ => self.g.value(value, Kind::Header),
            };
            entries.push((Py::atom(lit::str_lit(name.as_str())), v));
        }
        let has = |n: &str| request.headers.iter().any(|h| h.name.is(n));
        if let Some(Auth::Bearer { token }) = &request.auth {
            if !has("Authorization") {
                let mut v = Value::bytes("Bearer ");
                v.push_value(token);
                let v = self.g.value(&v, Kind::Header);
                entries.push((Py::atom("\"Authorization\""), v));
            }
        }
        for name in &request.removed_headers {
            if has(name.as_str()) {
                continue;
            }
            // None drops a requests default; SKIP_HEADER also stops urllib3 adding its own.
            let skip = ["Host", "User-Agent", "Accept-Encoding"]
                .iter()
                .any(|n| name.is(n));
            if skip {
                self.g.imports.third("urllib3.util", "SKIP_HEADER");
            }
            entries.push((
                Py::atom(lit::str_lit(name.as_str())),
                Py::atom(if skip { "SKIP_HEADER" } else { "None" }),
            ));
        }
        entries
    }
}

/// The comment over the TLS files' check in main().
const TLS_CHECK: &str =
    "try:  # a missing or broken TLS file ends the program here, named, as in curl";

/// The failure lines of a program that goes on after a failed call.
pub(super) const FAILED_ERROR: &str = "print(f\"error: {error.failure}\", file=sys.stderr)";
pub(super) const FAILED_RESPONSE: &str = "print(f\"error: {response.failure}\", file=sys.stderr)";
