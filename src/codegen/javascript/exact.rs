//! `--exact` JavaScript: requests + policy → the values `templates/javascript/exact.mjs` prints,
//! a program that sends curl's bytes.
//!
//! The generated program is an ES module for Node 20+ using the global `fetch` (undici). Each request
//! becomes one call of the program's `send` helper with a plain object (`headers` as ordered
//! `[name, value]` pairs, `body`, and a few options the helper understands); everything quoted goes
//! through [`super::literal::javascript`].

use super::{
    BROWSER_DROPS, FETCH_BAD_PORTS, UNDICI_REFUSES, bad_connection, blob, bypasses, comment,
    fetch_method_problem, header_lines, host_of, part_head, percent_decode, percent_encoded_url,
    port_of, remote_name, short_url,
};
use crate::codegen::Program;
use crate::codegen::literal::javascript as lit;
use crate::diagnostic::Diagnostic;
use crate::ir::{
    Auth, Body, Header, HexCase, Method, Output, Part, PartContent, Request, Segment, Source,
    Transform, Value,
};
use crate::policy::{Jitter, NonIdempotentRetry};
use askama::Template;
use std::fmt::Write;

/// What curl's `--compressed` asks for, minus zstd, which Node 20's fetch cannot decode.
const ACCEPT_ENCODING: &str = "deflate, gzip, br";

/// The whole program, ready for `templates/javascript/program.mjs`.
#[derive(Template)]
#[template(path = "javascript/exact.mjs", escape = "none")]
struct View {
    header: Vec<String>,
    imports: Vec<String>,
    insecure: bool,
    retry: bool,
    max_retries: String,
    fixed_delay: Option<String>,
    base_delay: String,
    max_delay: String,
    jitter: bool,
    /// None: no limit (0 in the command), and no code that applies one.
    deadline: Option<String>,
    connect_timeout: Option<String>,
    attempt_timeout: Option<String>,
    retry_all_errors: bool,
    retry_statuses: String,
    gate: bool,
    all_methods_reason: String,
    fallbacks: Option<String>,
    breaker: bool,
    breaker_failures: String,
    breaker_cooldown: String,
    idempotency_key: bool,
    tls: Option<String>,
    env: bool,
    stdin: bool,
    strip_newlines: bool,
    urlencode: bool,
    urlencode_query: bool,
    multipart: bool,
    cookies: bool,
    load_cookies: bool,
    save_cookies: bool,
    proxy: bool,
    fetch_method: bool,
    max_redirects: bool,
    fail: bool,
    main: String,
}

/// Renders a complete javascript program.
pub(super) fn render(program: &Program, warnings: &mut Vec<Diagnostic>) -> String {
    let mut cx = Context::default();
    let mut main = String::new();
    let total = program.requests.len();
    for (i, r) in program.requests.iter().enumerate() {
        if i > 0 {
            main.push('\n');
        }
        cx.span = r.span;
        request_code(&mut cx, r, i + 1, total, &mut main);
    }
    if main.ends_with('\n') {
        main.pop();
    }
    let tls = tls_options(&mut cx, program.requests);
    let p = program.retry_policy;
    let all_methods_reason = match (p.idempotency_key, p.non_idempotent) {
        (_, NonIdempotentRetry::CurlRetryFlag) => {
            "curl's --retry retries every method, so POST and the others are retried too."
        }
        (_, NonIdempotentRetry::Requested) => {
            "--retry-non-idempotent: POST and the other methods are retried like GET."
        }
        (true, NonIdempotentRetry::Never) => {
            "Every call carries an Idempotency-Key, so every method is safe to retry."
        }
        (false, NonIdempotentRetry::Never) => "",
    };
    let mut imports = Vec::new();
    let fs: Vec<&str> = [("readFile", cx.read_file), ("writeFile", cx.write_file)]
        .iter()
        .filter(|(_, used)| *used)
        .map(|(name, _)| *name)
        .collect();
    if cx.proxy {
        imports.push("import net from \"node:net\"; // Node only: the proxy tunnel".into());
        imports.push("import tls from \"node:tls\";".into());
    }
    if cx.read_file_sync {
        imports.push("import { readFileSync } from \"node:fs\"; // Node only: local files".into());
    }
    if !fs.is_empty() {
        imports.push(format!(
            "import {{ {} }} from \"node:fs/promises\"; // Node only: local files",
            fs.join(", ")
        ));
    }
    let view = View {
        header: header_lines(program),
        imports,
        insecure: cx.insecure,
        retry: p.enabled,
        max_retries: p.max_retries.to_string(),
        fixed_delay: p.fixed_delay.map(lit::number),
        base_delay: lit::number(p.base_delay),
        max_delay: lit::number(p.max_delay),
        jitter: p.jitter == Jitter::Full,
        deadline: p.deadline.map(lit::number),
        connect_timeout: p.connect_timeout.map(lit::number),
        attempt_timeout: p.attempt_timeout.map(lit::number),
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
        idempotency_key: p.idempotency_key,
        tls,
        env: cx.env,
        stdin: cx.stdin,
        strip_newlines: cx.strip_newlines,
        urlencode: cx.urlencode,
        urlencode_query: cx.urlencode_query,
        multipart: cx.multipart,
        cookies: cx.load_cookies || cx.save_cookies,
        load_cookies: cx.load_cookies,
        save_cookies: cx.save_cookies,
        proxy: cx.proxy,
        fetch_method: cx.fetch_method,
        max_redirects: cx.max_redirects,
        fail: cx.fail,
        main,
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

/// What the requests need from the rest of the program, gathered while their code is written.
#[derive(Default)]
struct Context {
    span: crate::diagnostic::Span,
    warnings: Vec<Diagnostic>,
    env: bool,
    read_file: bool,
    read_file_sync: bool,
    write_file: bool,
    stdin: bool,
    strip_newlines: bool,
    urlencode: bool,
    urlencode_query: bool,
    multipart: bool,
    load_cookies: bool,
    save_cookies: bool,
    proxy: bool,
    fetch_method: bool,
    max_redirects: bool,
    fail: bool,
    insecure: bool,
}

impl Context {
    /// Records a warning once (several requests often share the same limitation).
    fn warn(&mut self, message: String) {
        if !self.warnings.iter().any(|w| w.message == message) {
            self.warnings
                .push(Diagnostic::warning(message).with_span(self.span));
        }
    }

    fn note_env(&mut self, v: &Value) {
        if v.env_names().next().is_some() {
            self.env = true;
        }
        // urlencodeQuery calls urlencode.
        for hex in v.env_encodings() {
            self.urlencode = true;
            self.urlencode_query |= hex == HexCase::Lower;
        }
    }

    /// A string expression for text (URL, file name); bytes that are not UTF-8 degrade with a warning.
    fn text(&mut self, v: &Value, what: &str) -> String {
        self.note_env(v);
        let (code, lossy) = lit::text_lossy(v);
        if lossy {
            self.warn(format!(
                "the {what} has bytes that are not UTF-8; JavaScript sends them as U+FFFD"
            ));
        }
        code
    }

    /// A byte-string expression (header names and values).
    fn byte_text(&mut self, v: &Value) -> String {
        self.note_env(v);
        lit::byte_text(v)
    }

    /// Expressions whose concatenation is `v`.
    fn chunks(&mut self, v: &Value) -> Vec<String> {
        self.note_env(v);
        lit::chunks(v)
    }

    /// The expression reading a source's bytes (a file, read when evaluated; or the buffered stdin).
    fn read(&mut self, source: &Source) -> String {
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
}

/// Appends one request's code (top level of the module).
fn request_code(cx: &mut Context, r: &Request, n: usize, total: usize, out: &mut String) {
    let mut notes: Vec<String> = Vec::new();
    let mut fields: Vec<String> = Vec::new();
    let method = r.method.as_str();
    let url_code = url_expression(cx, &r.url);

    // Headers, in curl's order: Authorization first, then the command's own.
    let mut headers: Vec<String> = Vec::new();
    let has = |name: &str| r.headers.iter().any(|h| h.name.is(name));
    if let Some(auth) = &r.auth {
        auth_header(cx, auth, has("authorization"), &mut headers, &mut notes);
    }
    let multipart_type = matches!(r.body, Some(Body::Multipart(_)));
    let mut seen_type = false;
    let mut seen_host = false;
    let mut browser_dropped: Vec<String> = Vec::new();
    for h in &r.headers {
        let lower = h.name.as_str().to_ascii_lowercase();
        if multipart_type && lower == "content-type" && !seen_type {
            seen_type = true;
            if let Some(v) = h.value.literal() {
                if v.to_ascii_lowercase().starts_with(b"multipart/") {
                    // curl appends the boundary to the command's own multipart Content-Type.
                    let mut v = Value::bytes(v);
                    v.push_bytes(b"; boundary=");
                    headers.push(format!(
                        "[{}, {} + BOUNDARY],",
                        lit::byte_string(h.name.as_str().as_bytes()),
                        cx.byte_text(&v)
                    ));
                    continue;
                }
            }
        }
        let line = header_pair(cx, h);
        if UNDICI_REFUSES.contains(&lower.as_str()) || bad_connection(h) {
            cx.warn(format!(
                "Node's fetch cannot send a `{}` header; it is left out",
                comment(h.name.as_str())
            ));
            headers.push(format!("// fetch cannot send this one: {}", comment(&line)));
            continue;
        }
        if lower == "host" {
            if seen_host {
                headers.push(format!(
                    "// undici sends one Host header: {}",
                    comment(&line)
                ));
                continue;
            }
            seen_host = true;
        }
        if BROWSER_DROPS.contains(&lower.as_str())
            || lower.starts_with("sec-")
            || lower.starts_with("proxy-")
        {
            if matches!(lower.as_str(), "cookie" | "user-agent" | "referer" | "host") {
                browser_dropped.push(comment(h.name.as_str()));
            }
            headers.push(format!("{line} // a browser drops this header"));
        } else {
            headers.push(line);
        }
    }
    if !browser_dropped.is_empty() {
        cx.warn(format!(
            "a browser's fetch drops the {} header{} (Node sends {})",
            browser_dropped
                .iter()
                .map(|n| format!("`{n}`"))
                .collect::<Vec<_>>()
                .join(", "),
            if browser_dropped.len() > 1 { "s" } else { "" },
            if browser_dropped.len() > 1 {
                "them"
            } else {
                "it"
            },
        ));
    }
    if multipart_type && !seen_type {
        headers
            .push("[\"Content-Type\", `multipart/form-data; boundary=${BOUNDARY}`],".to_string());
    }
    if r.transfer.compressed && !has("accept-encoding") {
        headers.push(format!(
            "[\"Accept-Encoding\", {}], // --compressed; fetch decodes the response (curl also offers zstd, which Node 20 cannot decode)",
            lit::string(ACCEPT_ENCODING)
        ));
    }
    if !headers.is_empty() {
        let mut s = String::from("headers: [\n");
        for h in &headers {
            let _ = writeln!(s, "      {h}");
        }
        s.push_str("    ],");
        fields.push(s);
    }

    // Body.
    let has_body = r.body.is_some();
    if let Some(body) = &r.body {
        body_fields(cx, body, &mut fields);
    }

    // Method: fetch refuses some and rewrites others; curlWire puts curl's back.
    if let Some(why) = fetch_method_problem(&r.method, has_body) {
        cx.fetch_method = true;
        let stand_in = if has_body { "POST" } else { "GET" };
        fields.push(format!(
            "fetchMethod: {}, // {why}: fetch gets {stand_in}, curlWire sends {}",
            lit::string(stand_in),
            comment(method)
        ));
    }

    transfer_fields(cx, r, &mut fields, &mut notes);

    // The call, in its own try block: like curl, a failed request does not stop the next one.
    if total > 1 {
        let _ = writeln!(
            out,
            "// {n}/{total}: {method} {}",
            comment(&short_url(&r.url))
        );
    }
    for note in &notes {
        let _ = writeln!(out, "// {}", comment(note));
    }
    for file in &r.transfer.cookie_files {
        cx.load_cookies = true;
        cx.read_file = true;
        let path = cx.text(file, "cookie file name");
        let _ = writeln!(out, "await loadCookies({path});");
    }
    out.push_str("try {\n");
    let head_only = r.method == Method::Head && r.transfer.output == Output::Stdout;
    let call = format!(
        "{}await send({}, {url_code}",
        if head_only { "" } else { "const data = " },
        lit::string(method)
    );
    if fields.is_empty() {
        let _ = writeln!(out, "  {call}, {{}});");
    } else {
        let _ = writeln!(out, "  {call}, {{");
        for f in &fields {
            let _ = writeln!(out, "    {f}");
        }
        let _ = writeln!(out, "  }});");
    }
    match &r.transfer.output {
        Output::Stdout if head_only => {
            let _ = writeln!(out, "  // HEAD: there is no body to print.");
        }
        Output::Stdout => {
            let _ = writeln!(out, "  process.stdout.write(data);");
        }
        Output::File(path) => {
            cx.write_file = true;
            let path = cx.text(path, "output file name");
            let _ = writeln!(out, "  await writeFile({path}, data); // -o");
        }
        Output::RemoteName => {
            cx.write_file = true;
            let name = match r.url.literal() {
                Some(url) => lit::string(&remote_name(&String::from_utf8_lossy(&url))),
                None => format!("{url_code}.replace(/[?#].*/s, \"\").split(\"/\").pop()"),
            };
            let _ = writeln!(
                out,
                "  await writeFile({name}, data); // -O: the URL's last path segment"
            );
        }
    }
    out.push_str("} catch (err) {\n  fail(err);\n}\n");
    if let Some(jar) = &r.transfer.cookie_jar {
        cx.save_cookies = true;
        cx.write_file = true;
        let path = cx.text(jar, "cookie jar name");
        let _ = writeln!(
            out,
            "await saveCookies({path}); // -c: written even after a failure"
        );
    }
}

/// The URL as a string expression. Bytes that are not UTF-8 go out percent-encoded (curl sends them raw).
fn url_expression(cx: &mut Context, url: &Value) -> String {
    cx.note_env(url);
    if let Some(port) = url
        .literal()
        .and_then(|u| port_of(&String::from_utf8_lossy(&u)))
    {
        if FETCH_BAD_PORTS.contains(&port) {
            cx.warn(format!(
                "fetch refuses to connect to port {port} (the Fetch standard's \"bad ports\"); use node:http for this one"
            ));
        }
    }
    if let Some(code) = lit::text(url) {
        return code;
    }
    cx.warn(
        "the URL has bytes that are not UTF-8; the program sends them percent-encoded".to_string(),
    );
    percent_encoded_url(url)
}

/// `[name, value],` for one header.
fn header_pair(cx: &mut Context, h: &Header) -> String {
    format!(
        "[{}, {}],",
        lit::byte_string(h.name.as_str().as_bytes()),
        cx.byte_text(&h.value)
    )
}

/// The Authorization header (or a note saying why there is none).
fn auth_header(
    cx: &mut Context,
    auth: &Auth,
    overridden: bool,
    headers: &mut Vec<String>,
    notes: &mut Vec<String>,
) {
    if overridden {
        if matches!(auth, Auth::Basic { .. } | Auth::Bearer { .. }) {
            notes.push("The command's own Authorization header wins over -u, as with curl.".into());
        }
        return;
    }
    match auth {
        Auth::Basic { user, password } => {
            let mut pair = user.clone();
            pair.push_bytes(b":");
            pair.push_value(password);
            let pair = cx.byte_text(&pair);
            headers.push(format!(
                "[\"Authorization\", \"Basic \" + btoa({pair})], // -u"
            ));
        }
        Auth::Bearer { token } => {
            let mut v = Value::bytes("Bearer ");
            v.push_value(token);
            headers.push(format!("[\"Authorization\", {}],", cx.byte_text(&v)));
        }
        Auth::Digest { .. } => {
            cx.warn("fetch has no Digest authentication; the request is sent without credentials (npm packages such as digest-fetch add it)".into());
            notes.push(
                "--digest: fetch has no Digest authentication, so no credentials are sent.".into(),
            );
        }
        // The lowering stage already warns about NTLM and SigV4.
        Auth::Ntlm { .. } => {
            notes.push(
                "--ntlm: fetch has no NTLM authentication, so no credentials are sent.".into(),
            );
        }
        Auth::AwsSigV4 { .. } => {
            notes.push(
                "--aws-sigv4: not converted; sign the request with @aws-sdk/signature-v4.".into(),
            );
        }
    }
}

/// `body: …` (and `duplex` for a streamed upload).
fn body_fields(cx: &mut Context, body: &Body, fields: &mut Vec<String>) {
    match body {
        Body::Data(segments) => {
            let mut chunks = Vec::new();
            for s in segments {
                match s {
                    Segment::Text(v) => chunks.extend(cx.chunks(v)),
                    Segment::Read { source, transform } => {
                        let read = cx.read(source);
                        chunks.push(match transform {
                            Transform::Raw => read,
                            Transform::StripNewlines => {
                                cx.strip_newlines = true;
                                format!("stripNewlines({read})")
                            }
                            Transform::UrlEncode => {
                                cx.urlencode = true;
                                format!("urlencode({read})")
                            }
                        });
                    }
                }
            }
            fields.push(format!("body: {},", blob(chunks)));
        }
        Body::Multipart(parts) => {
            cx.multipart = true;
            let reads_file = parts.iter().any(|p| {
                matches!(
                    &p.content,
                    PartContent::File(Source::File(_)) | PartContent::FileContents(Source::File(_))
                )
            });
            let mut s = if reads_file {
                String::from(
                    "// Files are read again for each attempt.\n    body: async () => multipart([\n",
                )
            } else {
                String::from("body: multipart([\n")
            };
            for p in parts {
                let (head, data) = part(cx, p);
                let _ = writeln!(s, "      [{head}, {data}],");
            }
            s.push_str("    ]),");
            fields.push(s);
        }
        Body::Upload(Source::File(path)) => {
            cx.read_file = true;
            let path = cx.text(path, "file name");
            fields.push(format!(
                "body: () => readFile({path}), // -T: read again for each attempt"
            ));
        }
        Body::Upload(Source::Stdin) => {
            cx.stdin = true;
            fields.push(
                "body: () => new Blob([STDIN]).stream(), // -T -: sent chunked, as curl does"
                    .to_string(),
            );
            fields.push("duplex: \"half\", // fetch requires this for a streamed body".to_string());
        }
    }
}

/// A multipart part: its header lines (a string) and its data.
fn part(cx: &mut Context, p: &Part) -> (String, String) {
    let head = cx.text(&part_head(p), "multipart part header");
    let data = match &p.content {
        PartContent::Text(v) => {
            let chunks = cx.chunks(v);
            blob(chunks)
        }
        PartContent::File(src) | PartContent::FileContents(src) => cx.read(src),
    };
    (head, data)
}

/// Redirects, removed headers, -f, cookies and proxy as `send` options.
fn transfer_fields(
    cx: &mut Context,
    r: &Request,
    fields: &mut Vec<String>,
    notes: &mut Vec<String>,
) {
    let t = &r.transfer;
    if t.follow_redirects {
        match t.max_redirects {
            Some(0) => fields.push(
                "redirect: \"error\", // -L --max-redirs 0: a redirect is an error".to_string(),
            ),
            Some(20) => fields.push("redirect: \"follow\", // -L".to_string()),
            Some(n) if n < 20 => {
                cx.max_redirects = true;
                fields.push("redirect: \"follow\", // -L".to_string());
                fields.push(format!(
                    "maxRedirects: {n}, // --max-redirs (curlWire counts them)"
                ));
            }
            Some(n) => {
                cx.warn(format!(
                    "fetch follows at most 20 redirects; --max-redirs {n} cannot raise that"
                ));
                fields.push(format!(
                    "redirect: \"follow\", // -L; fetch follows up to 20 redirects (--max-redirs {n} cannot raise that)"
                ));
            }
            None => fields.push(
                "redirect: \"follow\", // -L; fetch follows up to 20 redirects (curl: 50)"
                    .to_string(),
            ),
        }
    }
    let removed: Vec<String> = r
        .removed_headers
        .iter()
        .map(|h| lit::string(&h.as_str().to_ascii_lowercase()))
        .collect();
    if !removed.is_empty() {
        fields.push(format!(
            "drop: [{}], // removed with -H 'Name:': not sent at all",
            removed.join(", ")
        ));
    }
    if !t.cookie_files.is_empty() || t.cookie_jar.is_some() {
        fields.push("cookies: true, // -b FILE / -c FILE: the cookie jar applies".to_string());
    }
    if t.fail {
        cx.fail = true;
        fields.push("fail: true, // -f".to_string());
    }
    if let Some(proxy) = &t.proxy {
        proxy_field(cx, r, proxy, fields, notes);
    }
}

/// `proxy: {…}` for a plain-http proxy, or a note saying what fetch cannot do.
fn proxy_field(
    cx: &mut Context,
    r: &Request,
    proxy: &crate::ir::Proxy,
    fields: &mut Vec<String>,
    notes: &mut Vec<String>,
) {
    let Some(url) = proxy.url.literal() else {
        cx.warn("a proxy given through an environment variable is not converted".into());
        notes.push("-x: a proxy from an environment variable is not converted.".into());
        return;
    };
    let url = String::from_utf8_lossy(&url).into_owned();
    let (scheme, rest) = url.split_once("://").unwrap_or(("http", url.as_str()));
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let (userinfo, host) = match authority.rsplit_once('@') {
        Some((u, h)) => (Some(u), h),
        None => (None, authority),
    };
    let noproxy = r.transfer.noproxy.as_ref().and_then(Value::literal);
    if let (Some(list), Some(target)) = (noproxy, r.url.literal()) {
        let host = host_of(&String::from_utf8_lossy(&target));
        if bypasses(&String::from_utf8_lossy(&list), &host) {
            notes.push(format!(
                "--noproxy: {host} is reached directly, not through -x."
            ));
            return;
        }
    }
    if !scheme.eq_ignore_ascii_case("http") {
        cx.warn(format!(
            "fetch has no {scheme} proxy support; the request goes direct (undici's ProxyAgent or socks-proxy-agent can do it)"
        ));
        notes.push(format!(
            "-x {scheme}: fetch cannot use this proxy, so the request goes direct."
        ));
        return;
    }
    cx.proxy = true;
    let mut authorization = String::new();
    let creds = match (&proxy.user, userinfo) {
        (Some(user), _) => {
            let mut v = user.clone();
            v.push_bytes(b":");
            if let Some(p) = &proxy.password {
                v.push_value(p);
            }
            Some(v)
        }
        (None, Some(u)) => Some(Value::bytes(percent_decode(u))),
        (None, None) => None,
    };
    if let Some(creds) = creds {
        let creds = cx.byte_text(&creds);
        authorization = format!(", authorization: \"Basic \" + btoa({creds})");
    }
    // curl's default proxy port is 1080.
    let has_port = host.rsplit_once(']').map_or(host, |(_, p)| p).contains(':');
    let origin = if has_port {
        format!("http://{host}")
    } else {
        format!("http://{host}:1080")
    };
    fields.push(format!(
        "proxy: {{ origin: {}{authorization} }}, // -x",
        lit::string(&origin)
    ));
}

/// The undici connect options for --cacert, --cert, --key and -k: one set for the whole program.
fn tls_options(cx: &mut Context, requests: &[Request]) -> Option<String> {
    let with_tls: Vec<&Request> = requests
        .iter()
        .filter(|r| {
            let t = &r.transfer;
            t.insecure || t.cacert.is_some() || t.cert.is_some() || t.key.is_some()
        })
        .collect();
    let first = with_tls.first()?;
    let t = &first.transfer;
    if with_tls.len() < requests.len()
        || with_tls.iter().any(|r| {
            let u = &r.transfer;
            (u.insecure, &u.cacert, &u.cert, &u.key) != (t.insecure, &t.cacert, &t.cert, &t.key)
        })
    {
        cx.span = first.span;
        cx.warn("TLS options (-k, --cacert, --cert, --key) differ between requests; the program uses the first request's for all".into());
    }
    // curl ignores TLS options for plain-http URLs (the wire tests turn every URL into one).
    let plain_http = |r: &&Request| {
        r.url
            .literal()
            .is_some_and(|u| u.to_ascii_lowercase().starts_with(b"http:"))
    };
    if with_tls.iter().all(plain_http) {
        return None;
    }
    let mut parts = Vec::new();
    for (key, file) in [("ca", &t.cacert), ("cert", &t.cert), ("key", &t.key)] {
        if let Some(f) = file {
            cx.read_file_sync = true;
            let path = cx.text(f, "certificate file name");
            parts.push(format!("{key}: readFileSync({path})"));
        }
    }
    if t.insecure {
        cx.insecure = true;
        cx.span = first.span;
        cx.warn("-k/--insecure: the program does not verify TLS certificates either (marked with a WARNING comment)".into());
        parts.push(
            "rejectUnauthorized: false /* -k: INSECURE, see the WARNING above */".to_string(),
        );
    }
    Some(parts.join(", "))
}

#[cfg(test)]
#[path = "exact_tests.rs"]
pub(super) mod tests;
