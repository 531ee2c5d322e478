//! The default JavaScript program: the request as data in `async function main()` (the URL, one
//! headers object, JSON / URLSearchParams / FormData bodies), sent by `fetchWithRetry`, fetch with
//! more patience; `templates/javascript/program.mjs` prints it. What fetch cannot send (TLS
//! options, a proxy, methods and headers it refuses) goes through the program's small `nodeFetch`
//! on node:http, with the same arguments.

use super::access::{auth_header, proxy_object, tls_options};
use super::data::{body_code, search_params};
use super::fetch_limits::{EXACT, needs_node};
use super::flavour;
use super::{Flavour, comment, percent_encoded_url, short_url};
use crate::codegen::Program;
use crate::codegen::javascript::literal as lit;
use crate::codegen::plan::{BodyPlan, Call};
use crate::diagnostic::Diagnostic;
use crate::ir::{HexCase, Method, QueryRead, Source, Value};
use crate::policy::{Jitter, NonIdempotentRetry};
use askama::Template;
use std::fmt::Write;

/// The widest `headers: { … },` field kept on one line (main indents it by four more columns).
const INLINE_WIDTH: usize = 96;

/// Headers beside which fetch adds `cache-control` / `pragma: no-cache`.
const CONDITIONAL: [&str; 5] = [
    "if-none-match",
    "if-modified-since",
    "if-match",
    "if-unmodified-since",
    "if-range",
];

/// The whole program, ready for `templates/javascript/program.mjs`.
#[derive(Template)]
#[template(path = "javascript/program.mjs", escape = "none")]
struct View {
    header: String,
    insecure: bool,
    retry: bool,
    max_retries: String,
    fixed_delay: Option<String>,
    base_delay: String,
    max_delay: String,
    jitter: bool,
    deadline: String,
    attempt_timeout: String,
    /// nodeFetch's limit on connecting, seconds (`null`: none).
    connect_timeout: String,
    retry_all_errors: bool,
    retry_statuses: String,
    gate: bool,
    all_methods_reason: String,
    fallbacks: Option<String>,
    breaker: bool,
    breaker_failures: String,
    breaker_cooldown: String,
    /// The 502 playbook's `Upstreams` object (a breaker per base, health verdicts).
    upstreams: bool,
    /// `--health-check`: the path or URL as a string literal, then its settings.
    health_check: Option<String>,
    health_timeout: String,
    health_ttl: Option<String>,
    health_auth: bool,
    idempotency_key: bool,
    tls: Option<String>,
    /// nodeFetch's connection options, `PINS` entries and --post30x statuses (connect.rs).
    connect: super::connect::View,
    main: String,
    node_fetch: bool,
    node_fetch_why: String,
    proxy: bool,
    px: super::proxying::ProxyView,
    env: bool,
    stdin: bool,
    strip_newlines: bool,
    urlencode: bool,
    urlencode_query: bool,
    read_query: bool,
    multipart: bool,
    cookies: bool,
    load_cookies: bool,
    save_cookies: bool,
    netrc: bool,
    read_pem: bool,
    fail: bool,
    /// Several calls: each failure is reported and the next call still goes out.
    several: bool,
    /// --compressed through nodeFetch: it decodes gzip and deflate answers as curl does.
    compressed: bool,
    /// `javascript-axios`: the helper wraps axios.request.
    axios: bool,
    /// axios: a Blob body goes as its bytes (axios would send the Blob's type as Content-Type).
    blob_body: bool,
    /// `typescript`: type annotations.
    ts: bool,
}

impl View {
    /// `annotation` in the TypeScript flavour, nothing in JavaScript.
    fn t<'a>(&self, annotation: &'a str) -> &'a str {
        if self.ts { annotation } else { "" }
    }
}

/// Seconds for a policy constant; `null` for no limit (curl's `-m 0`), which the template then
/// leaves out of the helper.
fn seconds(x: Option<f64>) -> String {
    x.map_or_else(|| "null".to_string(), lit::number)
}

/// Renders the default JavaScript program.
///
/// With `exact` (`--exact`) every call goes through the program's `nodeFetch` on node:http, with
/// the body and URL as curl's bytes and the headers as ordered pairs: what curl sends, through
/// public APIs only.
pub(super) fn render(program: &Program, exact: bool, warnings: &mut Vec<Diagnostic>) -> String {
    render_with(program, exact, Flavour::Fetch, warnings)
}

/// Renders the program in a flavour (see [`render`]).
pub(super) fn render_with(
    program: &Program,
    exact: bool,
    flavour: Flavour,
    warnings: &mut Vec<Diagnostic>,
) -> String {
    let plan = program.plan();
    let mut cx = Context {
        upstreams: plan.policy.circuit_breaker || plan.policy.health_check.is_some(),
        exact,
        flavour,
        // undici's connect timeout is fixed at 10 s for fetch; nodeFetch applies any other.
        connect_timeout: plan.policy.connect_timeout != Some(10.0),
        ..Context::default()
    };
    let total = plan.calls.len();
    let mut body = Vec::new();
    for (i, call) in plan.calls.iter().enumerate() {
        cx.span = call.request.span;
        if i > 0 {
            body.push(String::new());
        }
        body.extend(call_code(&mut cx, call, i + 1, total));
    }
    if cx.stdin {
        body.insert(0, "const STDIN = await readStdin();".to_string());
    }
    if cx.upstreams {
        let keep = "// every base's breaker and health: keep one for the application's lifetime";
        body.insert(0, format!("const upstreams = new Upstreams(); {keep}"));
    }
    let mut main = String::from("async function main() {\n");
    for line in &body {
        if line.is_empty() {
            main.push('\n');
        } else {
            let _ = writeln!(main, "  {line}");
        }
    }
    main.push('}');
    if cx.header_name {
        main.push('\n');
        main.push_str(&super::response::header_name_function(
            flavour == Flavour::TypeScript,
        ));
    }
    if cx.free_name {
        cx.fail = true; // main() takes the error's exit code
        main.push('\n');
        main.push_str(&super::response::free_name_function(
            flavour == Flavour::TypeScript,
        ));
    }
    let tls = tls_options(&mut cx, program.requests);
    let connect = super::connect::view(&mut cx, program.requests, flavour);
    let p = plan.policy;
    let all_methods_reason = match (p.idempotency_key, p.non_idempotent) {
        (_, NonIdempotentRetry::CurlRetryFlag) => "curl's --retry retries every method",
        (_, NonIdempotentRetry::Requested) => "--retry-non-idempotent: every method",
        (true, NonIdempotentRetry::Never) => "every call carries an Idempotency-Key",
        (false, NonIdempotentRetry::Never) => "",
    };
    let mut imports = Vec::new();
    if flavour == Flavour::Axios {
        imports.push("import axios from \"axios\";".to_string());
        if tls.is_some() {
            imports.push("import https from \"node:https\";".to_string());
        }
    }
    if cx.node_fetch.is_empty() {
        cx.proxy = false;
    } else {
        imports.push("import http from \"node:http\";".to_string());
        imports.push("import https from \"node:https\";".to_string());
        if cx.proxy || connect.haproxy {
            imports.push("import net from \"node:net\";".to_string());
            imports.push("import tls from \"node:tls\";".to_string());
        }
    }
    let digest = cx.proxy && cx.px.digest;
    let crypto = [
        ("createHash", digest),
        ("createPrivateKey", cx.read_pem),
        ("randomBytes", digest),
        ("X509Certificate", cx.read_pem),
    ];
    imports.extend(named_import("node:crypto", &crypto));
    let sync = [
        ("openAsBlob", cx.open_as_blob),
        ("readFileSync", cx.read_sync),
        ("existsSync", cx.free_name),
        ("readdirSync", cx.read_dir),
    ];
    imports.extend(named_import("node:fs", &sync));
    let fs = [("readFile", cx.read_file), ("writeFile", cx.write_file)];
    imports.extend(named_import("node:fs/promises", &fs));
    let view = View {
        header: if exact {
            let mut s = String::new();
            for line in super::header_lines(program) {
                let _ = writeln!(s, "{}", format!("// {line}").trim_end());
            }
            if !imports.is_empty() {
                s.push('\n');
            }
            for line in &imports {
                let _ = writeln!(s, "{line}");
            }
            s
        } else {
            flavour::prelude(&plan.calls, p.enabled, flavour, &imports)
        },
        insecure: cx.insecure,
        retry: p.enabled,
        max_retries: p.max_retries.to_string(),
        fixed_delay: p.fixed_delay.map(lit::number),
        base_delay: lit::number(p.base_delay),
        max_delay: lit::number(p.max_delay),
        jitter: p.jitter == Jitter::Full,
        deadline: seconds(p.deadline),
        attempt_timeout: seconds(p.attempt_timeout),
        connect_timeout: seconds(p.connect_timeout),
        retry_all_errors: p.retry_all_errors,
        retry_statuses: p
            .retry_statuses
            .iter()
            .map(u16::to_string)
            .collect::<Vec<_>>()
            .join(", "),
        gate: all_methods_reason.is_empty(),
        all_methods_reason: all_methods_reason.to_string(),
        fallbacks: (!p.fallback_urls.is_empty()).then(|| {
            p.fallback_urls
                .iter()
                .map(|u| lit::string(u.trim_end_matches('/')))
                .collect::<Vec<_>>()
                .join(", ")
        }),
        breaker: p.circuit_breaker,
        breaker_failures: p.breaker_failures.to_string(),
        breaker_cooldown: lit::number(p.breaker_cooldown),
        upstreams: cx.upstreams,
        health_check: p.health_check.as_deref().map(lit::string),
        health_timeout: lit::number(p.health_timeout),
        health_ttl: p.health_ttl.map(lit::number),
        health_auth: p.health_check_auth,
        idempotency_key: p.idempotency_key,
        tls: if cx.node_fetch.is_empty() && flavour != Flavour::Axios {
            None
        } else {
            tls
        },
        connect,
        main,
        node_fetch: !cx.node_fetch.is_empty(),
        node_fetch_why: cx.node_fetch.join(", "),
        proxy: cx.proxy,
        px: cx.px,
        env: cx.env,
        stdin: cx.stdin,
        strip_newlines: cx.strip_newlines,
        urlencode: cx.urlencode,
        urlencode_query: cx.urlencode_query,
        read_query: cx.read_query,
        multipart: cx.multipart,
        cookies: cx.load_cookies || cx.save_cookies,
        load_cookies: cx.load_cookies,
        netrc: cx.netrc,
        read_pem: cx.read_pem,
        save_cookies: cx.save_cookies,
        fail: cx.fail,
        several: total > 1,
        compressed: cx.compressed,
        axios: flavour == Flavour::Axios,
        blob_body: cx.blob_body,
        ts: flavour == Flavour::TypeScript,
    };
    warnings.append(&mut cx.warnings);
    // Rendering only fails on a formatter error, which a String never reports.
    let rendered = view.render().unwrap_or_default();
    let mut code = rendered.trim_start_matches('\n').to_string();
    if !code.ends_with('\n') {
        code.push('\n');
    }
    code
}

/// A header entry without a name: an object of headers (netrcAuth's) spread into the others.
fn spread(value: &str, as_pairs: bool) -> String {
    if as_pairs {
        format!("...Object.entries({value})")
    } else {
        format!("...{value}")
    }
}

/// What the calls need from the rest of the program, gathered while their code is written.
#[derive(Default)]
pub(super) struct Context {
    pub(super) span: crate::diagnostic::Span,
    pub(super) warnings: Vec<Diagnostic>,
    /// The calls take the program's `Upstreams` (the 502 playbook).
    pub(super) upstreams: bool,
    pub(super) env: bool,
    pub(super) read_file: bool,
    pub(super) read_sync: bool,
    /// --capath: readdirSync.
    pub(super) read_dir: bool,
    /// --cacert, --cert, --key: the program's readPem.
    pub(super) read_pem: bool,
    pub(super) open_as_blob: bool,
    pub(super) write_file: bool,
    pub(super) stdin: bool,
    pub(super) strip_newlines: bool,
    pub(super) urlencode: bool,
    pub(super) urlencode_query: bool,
    /// `--url-query @file`, `-G -d @file`: the program's readQuery.
    pub(super) read_query: bool,
    pub(super) multipart: bool,
    pub(super) load_cookies: bool,
    /// `-n`, `--netrc-file`: the program's netrcAuth.
    pub(super) netrc: bool,
    pub(super) save_cookies: bool,
    pub(super) proxy: bool,
    /// The proxy options some call uses (proxying.rs).
    pub(super) px: super::proxying::ProxyView,
    pub(super) fail: bool,
    pub(super) insecure: bool,
    /// `--exact`: curl's bytes, every call through nodeFetch.
    pub(super) exact: bool,
    pub(super) compressed: bool,
    /// Why some call goes through nodeFetch, without repeats.
    pub(super) node_fetch: Vec<&'static str>,
    /// The library the program is written for.
    pub(super) flavour: Flavour,
    /// axios: some call's body is a Blob, which the helper sends as bytes.
    pub(super) blob_body: bool,
    /// `--no-clobber`: the program needs `freeName()` (response.rs).
    pub(super) free_name: bool,
    /// `-J`: the program needs `headerName()` (response.rs).
    pub(super) header_name: bool,
    /// The policy's connect timeout is not fetch's fixed 10 s: calls go through nodeFetch.
    pub(super) connect_timeout: bool,
}

impl Context {
    /// Records a warning once (several requests often share the same limitation).
    pub(super) fn warn(&mut self, message: String) {
        if !self.warnings.iter().any(|w| w.message == message) {
            self.warnings
                .push(Diagnostic::warning(message).with_span(self.span));
        }
    }

    pub(super) fn note_env(&mut self, v: &Value) {
        if v.env_names().next().is_some() {
            self.env = true;
        }
        for hex in v.env_encodings() {
            self.urlencode = true;
            self.urlencode_query |= hex == HexCase::Lower;
        }
        for (_, read) in v.query_files() {
            self.read_file = true;
            if read != QueryRead::Text {
                self.read_query = true;
                self.urlencode = true;
            }
        }
    }

    /// A string expression for text; bytes that are not UTF-8 degrade with a warning.
    pub(super) fn text(&mut self, v: &Value, what: &str) -> String {
        self.note_env(v);
        let (code, lossy) = lit::text_lossy(v);
        let code = flat(code);
        if lossy {
            self.warn(format!(
                "the {what} has bytes that are not UTF-8; JavaScript sends them as U+FFFD"
            ));
        }
        code
    }

    /// A byte-string expression (header values: one character per byte).
    pub(super) fn byte_text(&mut self, v: &Value) -> String {
        self.note_env(v);
        flat(lit::byte_text(v))
    }

    pub(super) fn chunks(&mut self, v: &Value) -> Vec<String> {
        self.note_env(v);
        lit::chunks(v).into_iter().map(flat).collect()
    }

    /// The expression reading a source's bytes (a file when the program runs, or stdin).
    pub(super) fn read(&mut self, source: &Source) -> String {
        match source {
            Source::Stdin => {
                self.stdin = true;
                "STDIN".to_string()
            }
            Source::File(path) => {
                self.read_file = true;
                let path = self.text(path, "file name");
                format!("await readFile({path})")
            }
        }
    }

    pub(super) fn via_node(&mut self, why: &'static str) {
        if !self.node_fetch.contains(&why) {
            self.node_fetch.push(why);
        }
    }
}

/// A literal on one line: `main` is re-indented line by line, which must not reach into a
/// template literal's own line breaks, so they become `\n` escapes.
pub(super) fn flat(code: String) -> String {
    if code.contains('\n') {
        code.replace('\n', "\\n")
    } else {
        code
    }
}

/// The lines of one call in `main` (without main's indentation).
fn call_code(cx: &mut Context, call: &Call, n: usize, total: usize) -> Vec<String> {
    let r = call.request;
    let method = r.method.as_str();
    let mut notes: Vec<String> = Vec::new();
    let mut lines: Vec<String> = Vec::new();
    let has_body = r.body.is_some();
    // axios runs on node:http itself: it needs no nodeFetch.
    let axios = cx.flavour == Flavour::Axios;
    let mut node = if cx.exact {
        Some(EXACT)
    } else if axios {
        None
    } else {
        needs_node(r, has_body).or_else(|| {
            cx.connect_timeout
                .then_some("a connect timeout other than its fixed 10 s")
        })
    };
    let proxy = r
        .transfer
        .proxy
        .as_ref()
        .and_then(|p| proxy_object(cx, r, p, &mut notes));
    if proxy.is_some() && !axios {
        node = node.or(Some("a proxy"));
        cx.proxy = true;
    }
    if let Some(why) = node {
        cx.via_node(why);
    }
    if (node.is_some() || axios) && method.bytes().any(|b| b.is_ascii_lowercase()) {
        cx.warn("node:http sends the method in upper case (no public Node API sends a lower-case method as typed)".into());
    }

    // The URL: the query as pairs when they survive URLSearchParams.
    for file in &r.transfer.cookie_files {
        cx.load_cookies = true;
        cx.read_file = true;
        let path = cx.text(file, "cookie file name");
        lines.push(format!("await loadCookies({path}); // -b FILE"));
    }
    match &call.url.query {
        Some(pairs) if !cx.exact => {
            let base = url_text(cx, &call.url.base);
            lines.push(format!("const url = new URL({base});"));
            let params = search_params(cx, pairs, "  ");
            lines.push(if cx.flavour == Flavour::TypeScript {
                format!("url.search = String({params});") // URL.search is typed string
            } else {
                format!("url.search = {params};")
            });
        }
        _ => {
            let full = url_text(cx, &call.url.full);
            lines.push(format!("const url = {full};"));
        }
    }

    // Headers, in curl's order: Authorization first, then the command's own.
    let mut headers: Vec<(String, String, String)> = Vec::new();
    if let Some(auth) = &r.auth {
        auth_header(
            cx,
            auth,
            r.header("authorization").is_some(),
            &mut headers,
            &mut notes,
        );
    }
    let (body_setup, body, raw_multipart) = body_code(cx, call, node.is_some());
    for h in &r.headers {
        let lower = h.name.as_str().to_ascii_lowercase();
        let name = lit::byte_string(h.name.as_str().as_bytes());
        if matches!(call.body, BodyPlan::Multipart(_)) && lower == "content-type" {
            let is_form_data = h
                .value
                .literal()
                .is_some_and(|v| v.to_ascii_lowercase().starts_with(b"multipart/form-data"));
            if !raw_multipart && is_form_data {
                continue; // FormData sets it, with its boundary
            }
            if raw_multipart {
                let mut v = h.value.clone();
                v.push_bytes(b"; boundary=");
                let v = cx.byte_text(&v);
                headers.push((name, format!("{v} + BOUNDARY"), String::new()));
                continue;
            }
        }
        let value = cx.byte_text(&h.value);
        headers.push((name, value, String::new()));
    }
    if let Some(etag) = super::response::etag_compare(cx, r, &mut lines) {
        headers.push(("\"If-None-Match\"".into(), etag, String::new()));
    }
    if raw_multipart && r.header("content-type").is_none() {
        headers.push((
            "\"Content-Type\"".into(),
            "`multipart/form-data; boundary=${BOUNDARY}`".into(),
            String::new(),
        ));
    }
    if axios {
        flavour::axios_headers(r, &mut headers);
        let own_type = matches!(call.body, BodyPlan::Form(_) | BodyPlan::Multipart(_))
            || headers
                .iter()
                .any(|(n, ..)| n.eq_ignore_ascii_case("\"content-type\""));
        if !own_type && matches!(method, "POST" | "PUT" | "PATCH") {
            // axios would add application/x-www-form-urlencoded where curl sends no Content-Type.
            headers.push(("\"Content-Type\"".into(), "false".into(), String::new()));
        }
        cx.blob_body |= body.as_ref().is_some_and(|b| {
            ["Blob(", "multipart(", "openAsBlob("]
                .iter()
                .any(|x| b.contains(x))
        });
    }
    if (r
        .headers
        .iter()
        .any(|h| CONDITIONAL.iter().any(|c| h.name.is(c)))
        || r.transfer.saving.etag_compare.is_some())
        && node.is_none()
        && !axios
    {
        notes.push(
            "fetch itself adds cache-control and pragma: no-cache beside a conditional header."
                .into(),
        );
    }
    // nodeFetch (--exact, or what fetch cannot send) neither asks for compression nor decodes.
    if r.transfer.compressed
        && (cx.exact || node.is_some())
        && r.header("accept-encoding").is_none()
    {
        cx.compressed = true;
        headers.push((
            "\"Accept-Encoding\"".into(),
            "\"deflate, gzip\"".into(),
            "--compressed (curl also offers br and zstd, which Node 20 cannot decode)".into(),
        ));
    }
    if r.transfer.compressed && node.is_none() {
        notes.push(if axios {
            "--compressed: axios asks for gzip, deflate and br and decodes the answer itself."
                .into()
        } else {
            "--compressed: fetch asks for gzip and deflate and decodes the answer itself.".into()
        });
    }
    let cookies = !r.transfer.cookie_files.is_empty() || r.transfer.cookie_jar.is_some();

    // The call.
    lines.extend(body_setup);
    let mut fields: Vec<String> = Vec::new();
    if r.method != Method::Get {
        fields.push(format!("method: {},", lit::string(method)));
    }
    if axios {
        fields.push("url,".to_string());
    }
    if !headers.is_empty() || cookies {
        let as_pairs = node.is_some();
        let mut s = String::new();
        let open = if as_pairs { "[" } else { "{" };
        let close = if as_pairs { "]" } else { "}" };
        if cookies {
            let _ = write!(s, "headers: withCookies(url, {open}");
        } else {
            let _ = write!(s, "headers: {open}");
        }
        let entries: Vec<String> = headers
            .iter()
            .map(|(name, value, _)| {
                if name.is_empty() {
                    spread(value, as_pairs) // `...await netrcAuth(…)`
                } else if as_pairs {
                    format!("[{name}, {value}]")
                } else {
                    format!("{name}: {value}")
                }
            })
            .collect();
        let one_line = if as_pairs {
            format!("[{}]", entries.join(", "))
        } else {
            format!("{{ {} }}", entries.join(", "))
        };
        if headers.is_empty() {
            s.push_str(close);
        } else if headers.iter().all(|(_, _, note)| note.is_empty())
            && s.len() + one_line.len() <= INLINE_WIDTH
        {
            // A few short headers read best on one line, like a formatter would put them.
            s.truncate(s.len() - open.len());
            s.push_str(&one_line);
        } else {
            s.push('\n');
            for (name, value, note) in &headers {
                let entry = if name.is_empty() {
                    format!("{},", spread(value, as_pairs))
                } else if as_pairs {
                    format!("[{name}, {value}],")
                } else {
                    format!("{name}: {value},")
                };
                let note = if note.is_empty() {
                    String::new()
                } else {
                    format!(" // {note}")
                };
                let _ = writeln!(s, "  {entry}{note}");
            }
            s.push_str(close);
        }
        s.push_str(if cookies { ")," } else { "," });
        fields.push(s);
    }
    if let Some(b) = body {
        fields.push(format!("{}: {b},", if axios { "data" } else { "body" }));
    }
    if let Some(p) = proxy {
        let by = if axios { "axios" } else { "nodeFetch" };
        fields.push(format!("proxy: {p}, // -x: {by} goes through it"));
    }
    if axios && flavour::needs_tls(r) {
        fields.push("httpsAgent: new https.Agent(TLS),".to_string());
    }
    fields.push(if axios {
        flavour::max_redirects(cx, r)
    } else {
        flavour::redirect_field(cx, r, node.is_some())
    });
    let (helper, open) = if axios {
        ("requestWithRetry", "{")
    } else {
        ("fetchWithRetry", "url, {")
    };
    let send = match (cx.upstreams, node.is_some()) {
        (true, true) => ", upstreams, nodeFetch",
        (true, false) => ", upstreams",
        (false, true) => ", nodeFetch",
        (false, false) => "",
    };
    lines.push(format!("const response = await {helper}({open}"));
    for f in &fields {
        for l in f.lines() {
            lines.push(format!("  {l}"));
        }
    }
    match super::response::write_out(cx, r, true) {
        Some(line) => {
            // -w is written after a failed transfer too, before the error ends the call.
            lines.push(format!("}}{send}).catch((err) => {{"));
            lines.push(format!("  {line}"));
            lines.push("  throw err;".to_string());
            lines.push("});".to_string());
        }
        None => lines.push(format!("}}{send});")),
    }
    if cookies && axios {
        lines
            .push("storeCookies(String(url), response.headers[\"set-cookie\"] ?? []);".to_string());
    } else if cookies {
        lines.push("storeCookies(String(url), response.headers.getSetCookie());".to_string());
    }
    flavour::output_lines(cx, r, &mut lines);

    // Wrapped so that, like curl, a failed call does not stop the next one; -c writes the jar even
    // after a failure.
    let mut out = Vec::new();
    if total > 1 {
        out.push(format!(
            "// {n}/{total}: {method} {}",
            comment(&short_url(&r.url))
        ));
    }
    for note in &notes {
        out.push(format!("// {}", comment(note)));
    }
    if let Some(why) = node.filter(|w| *w != EXACT) {
        out.push(format!("// nodeFetch: fetch cannot send {why}."));
    }
    let jar = r.transfer.cookie_jar.as_ref().map(|j| {
        cx.save_cookies = true;
        cx.write_file = true;
        cx.text(j, "cookie jar name")
    });
    if total == 1 && jar.is_none() {
        out.extend(lines);
        return out;
    }
    out.push("try {".to_string());
    out.extend(lines.into_iter().map(|l| format!("  {l}")));
    if total > 1 {
        out.push(if cx.flavour == Flavour::TypeScript {
            "} catch (err: any) {".to_string() // whatever was thrown: fail() reports its message
        } else {
            "} catch (err) {".to_string()
        });
        if cx.env {
            // A missing variable is the program's setting, not this call's failure: stop.
            out.push("  if (err.unsetVariable) throw err;".to_string());
        }
        out.push("  fail(err);".to_string());
    }
    match jar {
        Some(path) => {
            out.push("} finally {".to_string());
            out.push(format!("  await saveCookies({path}); // -c"));
            out.push("}".to_string());
        }
        None => out.push("}".to_string()),
    }
    out
}

/// The URL as a string expression; bytes that are not UTF-8 go out percent-encoded.
fn url_text(cx: &mut Context, url: &Value) -> String {
    cx.note_env(url);
    if let Some(code) = lit::text(url) {
        return code;
    }
    cx.warn(
        "the URL has bytes that are not UTF-8; the program sends them percent-encoded".to_string(),
    );
    percent_encoded_url(url)
}

#[cfg(test)]
#[path = "idiomatic_tests.rs"]
mod tests;

/// `import { a, b } from "module";` with the names in use, in the order given; none: nothing.
fn named_import(module: &str, names: &[(&str, bool)]) -> Option<String> {
    let used: Vec<&str> = names.iter().filter(|n| n.1).map(|n| n.0).collect();
    (!used.is_empty()).then(|| format!("import {{ {} }} from \"{module}\";", used.join(", ")))
}
