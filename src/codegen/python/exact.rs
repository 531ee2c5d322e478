//! The `--exact` output: a program that sends curl's bytes (its default headers and their order,
//! the request target as typed), built with `prepare()` and sent by `send()` (templates/python/
//! program.py). Byte-equal on the wire to curl.

use super::bases::BasesView;
use super::common::*;
use super::httpx::Flavour;
use super::syntax::{Entry, Lines, Py};
use crate::codegen::Program;
use crate::codegen::python::literal::{self as lit, Kind};
use crate::diagnostic::Diagnostic;
use crate::ir::{Auth, Body, Header, Method, Output, Piece, Request, Source, Value};
use crate::policy::{Jitter, RetryPolicy};
use askama::Template;

/// The User-Agent curl sends by default; the generated session sends it too.
pub(super) const CURL_USER_AGENT: &str = "curl/7.88.1";

/// Everything `templates/python/program.py` prints: pre-quoted code and flags.
#[derive(Template)]
#[template(path = "python/program.py", escape = "none")]
pub(super) struct View {
    /// How to connect: templates/python/connect.py.
    c: super::connect::ConnectView,
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
    /// The 502 playbook's `Bases` object (templates/python/bases.py); with retries only.
    b: BasesView,
    idempotency_key: bool,
    rebuild: bool,
    copy_request: bool,
    compressed: bool,
    uses_env: bool,
    uses_read_file: bool,
    uses_strip_newlines: bool,
    uses_urlencode: bool,
    uses_urlencode_query: bool,
    uses_read_query: bool,
    uses_load_cookies: bool,
    uses_encode_parts: bool,
    /// `head_of()` for -i and -D (response.rs).
    response_helpers: String,
    uses_netrc: bool,
    uses_load_tls: bool,
    uses_tls_adapter: bool,
    /// urllib3 would re-encode a request target: `TypedConnection` puts it back as typed.
    keep_targets: bool,
    main: String,
}

/// Renders a complete python program.
pub fn render(program: &Program, warnings: &mut Vec<Diagnostic>) -> String {
    let policy = program.retry_policy;
    let mut g = Gen::new(policy, warnings);
    let mut bases = BasesView::new(policy, Flavour::Requests);
    if bases.on && !policy.enabled {
        // The single-attempt `send` has no bases: say so rather than drop them silently.
        g.warnings.push(Diagnostic::warning(
            "--exact without retries sends each request once, to its own URL: the fallback URLs, circuit breaker and health check are left out".to_string(),
        ).with_help("leave --no-retry out, or drop --exact"));
        bases.on = false;
    }
    let on = bases.on;
    g.bases = on.then_some(if policy.fallback_urls.is_empty() {
        ""
    } else {
        "FALLBACK_URLS"
    });
    let main = g.main(program.requests);
    let keep_targets = program.requests.iter().any(|r| needs_exact_target(&r.url));
    if keep_targets {
        g.imports.third("urllib3", "");
        g.imports.std("typing", "ClassVar");
    }
    g.helper_imports();
    let n = program.requests.len();
    let view = View {
        c: g.connect.clone(),
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
        b: bases,
        idempotency_key: policy.idempotency_key,
        rebuild: g.rebuild,
        // `send` sets each attempt's URL and key on a copy.
        copy_request: policy.idempotency_key || on,
        compressed: g.compressed,
        uses_env: g.uses_env,
        uses_read_file: g.uses_read_file,
        uses_strip_newlines: g.uses_strip_newlines,
        uses_urlencode: g.uses_urlencode,
        uses_urlencode_query: g.uses_urlencode_query,
        uses_read_query: g.uses_read_query,
        uses_netrc: g.uses_netrc,
        uses_load_tls: g.uses_load_tls,
        uses_tls_adapter: g.uses_tls_adapter,
        keep_targets,
        uses_load_cookies: g.uses_load_cookies,
        uses_encode_parts: g.uses_encode_parts,
        response_helpers: super::response::helpers(&g, false),
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
pub(super) fn summary(requests: usize, p: &RetryPolicy) -> String {
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

impl Gen<'_> {
    /// Imports used by the template's fixed helpers.
    pub(super) fn helper_imports(&mut self) {
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
        self.support_imports(true);
        if self.compressed {
            self.imports.third("urllib3.util", "make_headers");
        }
    }

    /// A warning about `request` that also goes into the code as a comment.
    /// The body of `main()`.
    pub(super) fn main(&mut self, requests: &[Request]) -> String {
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
    pub(super) fn session(&mut self, out: &mut Lines, requests: &[Request]) {
        self.imports.third("urllib3.util", "SKIP_HEADER");
        let refs: Vec<&Request> = requests.iter().collect();
        let mut mounts = self.connect(&refs, true, false);
        let keep_post = self.connect.keep_post.is_some();
        out.line(
            4,
            if keep_post {
                "session = KeepPost()"
            } else {
                "session = requests.Session()"
            },
        );
        if mounts.is_empty() {
            mounts.push(
                "session.mount(\"http://\", TypedTargets())  # request targets as typed".into(),
            );
            let tls = requests
                .iter()
                .find_map(|r| self.tls_adapter(&r.transfer.tls));
            mounts.push(match tls {
                Some((Py::Call(_, args), named)) => {
                    let call = Py::Call("TypedTargets".into(), args).flat();
                    format!("session.mount(\"https://\", {call})  # {named}")
                }
                _ => "session.mount(\"https://\", TypedTargets())".into(),
            });
        }
        for line in &mounts {
            out.line(4, line);
        }
        if let Some(fallbacks) = self.bases {
            let make =
                format!("bases = Bases({fallbacks})  # keep one for the life of the application");
            out.line(4, &make);
        }
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
        if requests.iter().any(uses_stdin) {
            out.line(
                4,
                "# Standard input is read once: every attempt sends the same bytes.",
            );
            out.line(4, "stdin = sys.stdin.buffer.read()");
        }
    }

    /// One request: build it, send it, write the body out.
    pub(super) fn request(
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
        let etag = self.etag_compare(out, indent, request);
        let (mut headers, extra) = self.headers(out, indent, request);
        if let Some(etag) = etag {
            headers.push((Py::atom("\"If-None-Match\""), Py::atom(etag)));
        }
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
        if self.bases.is_some() {
            options.push((Some("bases"), Py::atom("bases")));
        }
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
        if let Some(load) = self.load_tls(request) {
            // Loaded once up front: a missing or broken file is named (requests loads them
            // again by name, and would call a broken one "connection reset").
            out.line(
                indent,
                "try:  # a missing or broken TLS file ends the program, named",
            );
            out.stmt(indent + 4, "", &load);
            out.line(indent, "except OSError as error:");
            out.line(indent + 4, "print(f\"error: {error}\", file=sys.stderr)");
            out.line(indent + 4, "return 1");
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
        } else if let Some(dir) = &t.tls.capath {
            options.push((Some("verify"), self.value(dir, Kind::Text))); // a directory: CApath
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
    pub(super) fn url(&mut self, out: &mut Lines, indent: usize, request: &Request) -> Py {
        // http.client refuses spaces and control characters, and sends only ASCII.
        let sendable = |c: u8| c > b' ' && c < 0x7f; // what UNSENDABLE leaves alone
        let mut url = Value::default();
        let mut changed = false;
        for piece in &request.url.0 {
            match piece {
                Piece::Bytes(b) => {
                    changed |= !b.iter().all(|&c| sendable(c));
                    url.push_bytes(&percent_encode(b, UNSENDABLE));
                }
                Piece::Env(_) | Piece::EnvEncoded { .. } | Piece::QueryFile { .. } => {
                    url.0.push(piece.clone())
                }
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
        // A file read into the query makes a long sum: broken one operand a line, as ruff does.
        if url.query_files().next().is_some() {
            self.note_env(&url);
            return Py::Sum(lit::text_parts(&url));
        }
        self.text(&url)
    }

    /// The headers dict entries, and repeated headers to add after prepare().
    pub(super) fn headers(
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
            if name.is("Content-Type") && self.encodes_parts(request) {
                let entry = (
                    Py::atom(lit::str_lit(name.as_str())),
                    self.multipart_type(value),
                );
                seen.push(name.as_str());
                entries.push(entry);
                continue;
            }
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

    /// Writes the body to stdout or a file, and returns 1 (or 22 with -f) on failure.
    pub(super) fn output(
        &mut self,
        out: &mut Lines,
        indent: usize,
        request: &Request,
        single: bool,
    ) {
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
        let content = self.content(request);
        let (file, mode) = match file {
            Some(path) => {
                let (path, mode) = self.output_path(request, path);
                (Some(path), mode)
            }
            None => (None, "wb"),
        };
        let write = match &file {
            // A HEAD response has no body (with -i, its headers still go out).
            _ if request.method == Method::Head && !t.saving.include => vec![],
            None => vec![format!("sys.stdout.buffer.write({content})")],
            Some(path) => vec![
                format!("with open({path}, \"{mode}\") as file:"),
                format!("    file.write({content})"),
            ],
        };
        let saving = self.saving(request, false);
        let failed_head = if t.fail {
            self.failed_head(request)
        } else {
            None
        };
        let failed = "response is None or response.status_code >= 400";
        let limit = t.saving.max_filesize;
        match (t.fail, single, write.is_empty() && saving.is_empty()) {
            (false, true, true) => out.line(indent, &format!("return 1 if {failed} else 0")),
            (false, true, false) => {
                out.line(indent, "if response is None:");
                out.line(indent + 4, "return 1");
                saving.iter().for_each(|l| out.line(indent, l));
                super::response::too_big(out, indent, limit, true);
                write.iter().for_each(|l| out.line(indent, l));
                out.line(indent, "return 1 if response.status_code >= 400 else 0");
            }
            (false, false, _) => {
                if !write.is_empty() || !saving.is_empty() {
                    out.line(indent, "if response is not None:");
                    saving.iter().for_each(|l| out.line(indent + 4, l));
                    let at = super::response::too_big(out, indent + 4, limit, false);
                    write.iter().for_each(|l| out.line(at, l));
                }
                out.line(indent, &format!("if {failed}:"));
                out.line(indent + 4, "exit_code = 1");
            }
            (true, _, _) => {
                out.line(indent, "if response is None:");
                out.line(indent + 4, &fail(1));
                // -D and --etag-save: written whatever the status, as curl writes them while
                // the headers arrive; a single request has returned when there is no response.
                let (check, at) = match (saving.is_empty() && limit.is_none(), single) {
                    (true, _) => ("elif", indent),
                    (false, true) => ("if", indent),
                    (false, false) => {
                        out.line(indent, "else:");
                        ("if", indent + 4)
                    }
                };
                saving.iter().for_each(|l| out.line(at, l));
                let at = super::response::too_big(out, at, limit, single);
                out.line(at, &format!("{check} response.status_code >= 400:"));
                failed_head.iter().for_each(|l| out.line(at + 4, l));
                let why = "  # -f: curl prints no body on HTTP errors and exits with 22";
                out.line(at + 4, &format!("{}{why}", fail(22)));
                if !write.is_empty() {
                    out.line(at, "else:");
                    write.iter().for_each(|l| out.line(at + 4, l));
                }
                if single {
                    out.line(indent, "return 0");
                }
            }
        }
    }
}
