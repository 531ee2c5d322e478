//! The javascript view model: requests + policy → the values the `templates/javascript/` template prints.
//!
//! The generated program is an ES module for Node 20+ using the global `fetch` (undici). Each request
//! becomes one call of the program's `send` helper with a plain object (`headers` as ordered
//! `[name, value]` pairs, `body`, and a few options the helper understands); everything quoted goes
//! through [`super::literal::javascript`].

use super::Program;
use super::literal::javascript as lit;
use crate::diagnostic::Diagnostic;
use crate::ir::{
    Auth, Body, Header, HexCase, Method, Output, Part, PartContent, Piece, Request, Segment,
    Source, Transform, Value,
};
use crate::policy::{Jitter, NonIdempotentRetry};
use askama::Template;
use std::fmt::Write;

/// Headers undici refuses to send (it throws), so they are left out with a comment.
const UNDICI_REFUSES: [&str; 4] = ["transfer-encoding", "keep-alive", "upgrade", "expect"];

/// Headers a browser's fetch silently drops (forbidden request headers, plus User-Agent that
/// Chrome still drops). Node sends them.
const BROWSER_DROPS: [&str; 16] = [
    "accept-charset",
    "accept-encoding",
    "connection",
    "content-length",
    "cookie",
    "date",
    "dnt",
    "host",
    "keep-alive",
    "origin",
    "referer",
    "te",
    "trailer",
    "transfer-encoding",
    "upgrade",
    "user-agent",
];

/// Ports the Fetch standard blocks (https://fetch.spec.whatwg.org/#port-blocking): fetch fails
/// before connecting.
const FETCH_BAD_PORTS: [u16; 82] = [
    1, 7, 9, 11, 13, 15, 17, 19, 20, 21, 22, 23, 25, 37, 42, 43, 53, 69, 77, 79, 87, 95, 101, 102,
    103, 104, 109, 110, 111, 113, 115, 117, 119, 123, 135, 137, 139, 143, 161, 179, 389, 427, 465,
    512, 513, 514, 515, 526, 530, 531, 532, 540, 548, 554, 556, 563, 587, 601, 636, 989, 990, 993,
    995, 1719, 1720, 1723, 2049, 3659, 4045, 4190, 5060, 5061, 6000, 6566, 6665, 6666, 6667, 6668,
    6669, 6679, 6697, 10080,
];

/// What curl's `--compressed` asks for, minus zstd, which Node 20's fetch cannot decode.
const ACCEPT_ENCODING: &str = "deflate, gzip, br";

/// The whole program, ready for `templates/javascript/program.mjs`.
#[derive(Template)]
#[template(path = "javascript/program.mjs", escape = "none")]
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
pub fn render(program: &Program, warnings: &mut Vec<Diagnostic>) -> String {
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

/// The comment at the top: what the program does and how to run it.
fn header_lines(program: &Program) -> Vec<String> {
    let mut out = Vec::new();
    match program.requests {
        [r] => out.push(format!(
            "{} {}: sent the way curl sends it, retried on transient failures.",
            r.method.as_str(),
            comment(&short_url(&r.url))
        )),
        rs => out.push(format!(
            "{} requests, sent in order the way curl sends them, retried on transient failures.",
            rs.len()
        )),
    }
    out.push("Generated by curl2code from a curl command.".to_string());
    out.push(String::new());
    out.push("Run: node request.mjs   (Node.js 20 or later; no packages needed)".to_string());
    out.push(
        "In a browser the fetch calls work as they are; drop the node: imports, process.* and files."
            .to_string(),
    );
    out
}

/// A URL for messages and comments: no query or fragment (they may hold secrets).
fn short_url(url: &Value) -> String {
    let d = url.display();
    d.split(['?', '#']).next().unwrap_or_default().to_string()
}

/// Text safe inside a `//` comment: no line terminators or other control characters.
fn comment(s: &str) -> String {
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
    let pieces = url
        .0
        .iter()
        .map(|p| match p {
            Piece::Bytes(b) => {
                let mut s = String::new();
                for chunk in b.utf8_chunks() {
                    s.push_str(chunk.valid());
                    for x in chunk.invalid() {
                        let _ = write!(s, "%{x:02X}");
                    }
                }
                Piece::Bytes(s.into_bytes())
            }
            Piece::Env(_) | Piece::EnvEncoded { .. } => p.clone(),
        })
        .collect();
    lit::text(&Value(pieces)).unwrap_or_else(|| lit::string(""))
}

/// `[name, value],` for one header.
fn header_pair(cx: &mut Context, h: &Header) -> String {
    format!(
        "[{}, {}],",
        lit::byte_string(h.name.as_str().as_bytes()),
        cx.byte_text(&h.value)
    )
}

/// undici accepts only `close` and `keep-alive` as a Connection header.
fn bad_connection(h: &Header) -> bool {
    h.name.is("connection")
        && !matches!(
            h.value.literal().map(|v| v.to_ascii_lowercase()).as_deref(),
            Some(b"close" | b"keep-alive")
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

/// One expression for body chunks: the chunk itself, or a Blob joining them.
fn blob(chunks: Vec<String>) -> String {
    match <[String; 1]>::try_from(chunks) {
        Ok([one]) => one,
        Err(chunks) => format!("new Blob([{}])", chunks.join(", ")),
    }
}

/// A multipart part: its header lines (a string) and its data.
fn part(cx: &mut Context, p: &Part) -> (String, String) {
    let mut head = Value::bytes("Content-Disposition: form-data; name=\"");
    push_escaped(&mut head, &p.name);
    head.push_bytes(b"\"");
    if let Some(f) = &p.filename {
        head.push_bytes(b"; filename=\"");
        push_escaped(&mut head, f);
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
    let head = cx.text(&head, "multipart part header");
    let data = match &p.content {
        PartContent::Text(v) => {
            let chunks = cx.chunks(v);
            blob(chunks)
        }
        PartContent::File(src) | PartContent::FileContents(src) => cx.read(src),
    };
    (head, data)
}

/// Appends a part's name or filename the way curl quotes it: `"`, CR and LF percent-encoded.
fn push_escaped(out: &mut Value, v: &Value) {
    for p in &v.0 {
        match p {
            Piece::Env(_) | Piece::EnvEncoded { .. } => out.0.push(p.clone()),
            Piece::Bytes(b) => {
                let mut e = Vec::with_capacity(b.len());
                for &x in b {
                    match x {
                        b'"' => e.extend_from_slice(b"%22"),
                        b'\r' => e.extend_from_slice(b"%0D"),
                        b'\n' => e.extend_from_slice(b"%0A"),
                        x => e.push(x),
                    }
                }
                out.push_bytes(&e);
            }
        }
    }
}

/// Why fetch cannot be given this method as it is, if it cannot: it throws on CONNECT, TRACE and
/// TRACK and on a body with GET or HEAD, and upper-cases the standard names written in lower case.
fn fetch_method_problem(m: &Method, has_body: bool) -> Option<&'static str> {
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

/// True when curl's `--noproxy` list names `host` (or `*`).
fn bypasses(list: &str, host: &str) -> bool {
    let host = host.to_ascii_lowercase();
    list.split(',').map(str::trim).any(|entry| {
        let entry = entry.trim_start_matches('.').to_ascii_lowercase();
        entry == "*"
            || (!entry.is_empty() && (host == entry || host.ends_with(&format!(".{entry}"))))
    })
}

/// The explicit port of a URL, if it has one.
fn port_of(url: &str) -> Option<u16> {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    let after_v6 = host.rsplit_once(']').map_or(host, |(_, p)| p);
    after_v6.rsplit_once(':').and_then(|(_, p)| p.parse().ok())
}

/// The host of a URL, without port or userinfo.
fn host_of(url: &str) -> String {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    if let Some(v6) = host.strip_prefix('[') {
        return v6.split(']').next().unwrap_or_default().to_string();
    }
    host.split(':').next().unwrap_or_default().to_string()
}

/// Userinfo in a proxy URL is percent-encoded; curl decodes it.
fn percent_decode(s: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(s.len());
    let mut rest = s.as_bytes();
    while let Some((&first, tail)) = rest.split_first() {
        let hex = tail.get(..2).and_then(|h| std::str::from_utf8(h).ok());
        match hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
            Some(x) if first == b'%' => {
                out.push(x);
                rest = tail.get(2..).unwrap_or_default();
            }
            _ => {
                out.push(first);
                rest = tail;
            }
        }
    }
    out
}

/// `-O`'s file name: the last segment of the URL's path.
fn remote_name(url: &str) -> String {
    let no_query = url.split(['?', '#']).next().unwrap_or_default();
    let path = no_query.split_once("://").map_or(no_query, |(_, r)| r);
    match path.split_once('/') {
        Some((_, p)) => p.rsplit('/').next().unwrap_or_default().to_string(),
        None => String::new(),
    }
}

/// The `TLS` object (undici connect options) for --cacert, --cert, --key and -k, if any request
/// has them. One set serves the whole program.
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
mod tests {
    use super::*;
    use crate::ir::{HeaderName, Proxy};
    use crate::policy::RetryPolicy;

    fn header(name: &str, value: &str) -> Header {
        Header {
            name: HeaderName::new(name),
            value: Value::bytes(value),
        }
    }

    fn render_one(requests: &[Request], policy: &RetryPolicy) -> (String, Vec<Diagnostic>) {
        let mut warnings = Vec::new();
        let program = Program {
            requests,
            retry_policy: policy,
            mode: Default::default(),
        };
        (render(&program, &mut warnings), warnings)
    }

    /// Programs covering every feature, by name; `tests/javascript_run.rs`-style checks run them.
    pub(crate) fn samples(base: &str) -> Vec<(&'static str, Vec<Request>, RetryPolicy)> {
        let p = RetryPolicy::default();
        let mut out = Vec::new();
        let mut get = Request::get(format!("{base}/users?page=2&q='x'|[1]"));
        get.headers.push(header("Accept", "application/json"));
        get.headers.push(header("X-Dup", "1"));
        get.headers.push(header("X-Dup", "2"));
        get.headers.push(header("X-Empty", ""));
        out.push(("get", vec![get], p.clone()));

        let mut form = Request::get(format!("{base}/login"));
        form.method = Method::Post;
        form.headers
            .push(header("Content-Type", "application/x-www-form-urlencoded"));
        form.body = Some(Body::Data(vec![Segment::Text(Value::bytes(
            "user=a&pass=b%20c",
        ))]));
        out.push(("post_form", vec![form], p.clone()));

        let mut json = Request::get(format!("{base}/items"));
        json.method = Method::Post;
        json.headers
            .push(header("Content-Type", "application/json"));
        json.headers.push(header("Accept", "application/json"));
        let mut auth = Value::bytes("Bearer ");
        auth.0.push(Piece::Env("TOKEN".into()));
        json.headers.push(Header {
            name: HeaderName::new("Authorization"),
            value: auth,
        });
        json.body = Some(Body::Data(vec![Segment::Text(Value::bytes(
            "{\"name\":\"caf\u{e9} \u{1f642}\",\"n\":1}",
        ))]));
        out.push(("json_env", vec![json], p.clone()));

        let mut mp = Request::get(format!("{base}/upload"));
        mp.method = Method::Post;
        mp.body = Some(Body::Multipart(vec![
            Part {
                name: Value::bytes("photo"),
                content: PartContent::File(Source::File(Value::bytes("photo.png"))),
                filename: Some(Value::bytes("photo.png")),
                content_type: Some(Value::bytes("image/png")),
                headers: vec![],
            },
            Part {
                name: Value::bytes("note"),
                content: PartContent::Text(Value::bytes("line1\nline2")),
                filename: None,
                content_type: None,
                headers: vec![header("X-Part", "1")],
            },
            Part {
                name: Value::bytes("q\"n"),
                content: PartContent::FileContents(Source::File(Value::bytes("note.txt"))),
                filename: None,
                content_type: None,
                headers: vec![],
            },
        ]));
        out.push(("multipart", vec![mp], p.clone()));

        let mut up = Request::get(format!("{base}/files/up.bin"));
        up.method = Method::Put;
        up.body = Some(Body::Upload(Source::File(Value::bytes("up.bin"))));
        out.push(("upload", vec![up], p.clone()));

        let mut custom = Request::get(format!("{base}/thing"));
        custom.method = Method::Custom("PURGE".into());
        out.push(("custom", vec![custom], p.clone()));

        let mut basic = Request::get(format!("{base}/me"));
        basic.auth = Some(Auth::Basic {
            user: Value::bytes("alice"),
            password: Value::bytes("s3cr\u{e9}t"),
        });
        basic.removed_headers.push(HeaderName::new("Accept"));
        basic.headers.push(header("User-Agent", "my-agent/1.0"));
        out.push(("basic", vec![basic], p.clone()));

        let mut login = Request::get(format!("{base}/login"));
        login.method = Method::Post;
        login.transfer.cookie_jar = Some(Value::bytes("jar.txt"));
        login
            .transfer
            .cookie_files
            .push(Value::bytes("cookies.txt"));
        let mut after = Request::get(format!("{base}/account"));
        after.transfer.cookie_files.push(Value::bytes("jar.txt"));
        after.transfer.output = Output::File(Value::bytes("account.out"));
        out.push(("cookies", vec![login, after], p.clone()));

        let mut data = Request::get(format!("{base}/data"));
        data.method = Method::Post;
        data.headers
            .push(header("Content-Type", "application/x-www-form-urlencoded"));
        data.body = Some(Body::Data(vec![
            Segment::Text(Value::bytes("a=")),
            Segment::Read {
                source: Source::File(Value::bytes("note.txt")),
                transform: Transform::UrlEncode,
            },
            Segment::Text(Value::bytes(b"&b=\xff\x01&".to_vec())),
            Segment::Read {
                source: Source::File(Value::bytes("note.txt")),
                transform: Transform::StripNewlines,
            },
            Segment::Text(Value::bytes("&")),
            Segment::Read {
                source: Source::Stdin,
                transform: Transform::Raw,
            },
        ]));
        out.push(("data_segments", vec![data], p.clone()));

        let mut stdin_up = Request::get(format!("{base}/stdin"));
        stdin_up.method = Method::Put;
        stdin_up.body = Some(Body::Upload(Source::Stdin));
        out.push(("upload_stdin", vec![stdin_up], p.clone()));

        let mut misc = Request::get(format!("{base}/misc/%7e/a%20b"));
        misc.method = Method::Trace;
        misc.headers.push(header("Host", "example.org"));
        misc.headers.push(header("Expect", "100-continue"));
        misc.headers.push(header("X-Bytes", "caf\u{e9}"));
        misc.transfer.compressed = true;
        misc.transfer.fail = true;
        misc.transfer.follow_redirects = true;
        out.push(("misc", vec![misc], p.clone()));

        let mut head = Request::get(format!("{base}/head"));
        head.method = Method::Head;
        let mut proxied = Request::get("http://api.example.com/via-proxy?x=1");
        proxied.transfer.proxy = Some(Proxy {
            url: Value::bytes(base.to_string()),
            user: Some(Value::bytes("u")),
            password: Some(Value::bytes("p")),
        });
        out.push(("head_and_proxy", vec![head, proxied], p.clone()));

        let mut opt = RetryPolicy {
            jitter: Jitter::None,
            circuit_breaker: true,
            idempotency_key: true,
            fallback_urls: vec!["http://127.0.0.1:18101".into()],
            fixed_delay: Some(0.5),
            ..RetryPolicy::default()
        };
        opt.retry_all_errors = true;
        let mut post = Request::get(format!("{base}/pay"));
        post.method = Method::Post;
        out.push(("opt_ins", vec![post.clone()], opt));

        let off = RetryPolicy {
            enabled: false,
            max_retries: 0,
            ..RetryPolicy::default()
        };
        out.push(("no_retry", vec![post], off));

        let quick = RetryPolicy {
            attempt_timeout: Some(1.0),
            deadline: Some(2.5),
            base_delay: 0.2,
            jitter: Jitter::None,
            ..RetryPolicy::default()
        };
        out.push((
            "timeouts",
            vec![Request::get(format!("{base}/slow"))],
            quick,
        ));

        let tls_base = base
            .replace("http://", "https://")
            .replace("18100", "18443");
        let mut insecure = Request::get(format!("{tls_base}/insecure"));
        insecure.transfer.insecure = true;
        out.push(("tls_insecure", vec![insecure], p.clone()));
        let mut ca = Request::get(format!("{tls_base}/ca"));
        ca.transfer.cacert = Some(Value::bytes("cert.pem"));
        out.push(("tls_cacert", vec![ca.clone()], p.clone()));
        ca.transfer.cacert = None;
        out.push(("tls_plain", vec![ca], p.clone()));

        let mut failing = Request::get(format!("{base}/missing"));
        failing.transfer.fail = true;
        let mut lower = Request::get(format!("{base}/lower"));
        lower.method = Method::Custom("post".into());
        lower.transfer.cookie_jar = Some(Value::bytes("jar.txt"));
        let mut get_body = Request::get(format!("{base}/get-body"));
        get_body.body = Some(Body::Data(vec![Segment::Text(Value::bytes("q=1"))]));
        let off = RetryPolicy {
            enabled: false,
            max_retries: 0,
            ..RetryPolicy::default()
        };
        out.push(("no_retry_mix", vec![get_body, lower, failing], off));
        out
    }

    #[test]
    fn every_sample_renders_without_template_leftovers() {
        for (name, requests, policy) in samples("http://127.0.0.1:8080") {
            let (code, _) = render_one(&requests, &policy);
            assert!(!code.contains("{%") && !code.contains("{{"), "{name}");
            assert!(code.contains("async function send("), "{name}");
        }
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
        let (code, warnings) = render_one(&[r.clone()], &RetryPolicy::default());
        assert!(warnings.is_empty(), "{warnings:?}");
        for part in [
            r#"`https://x.example/s?q=${urlencodeQuery(env("Q"))}`"#,
            r#"`a=${urlencode(new TextEncoder().encode(env("A")))}`"#,
            "function env(",
            "function urlencode(",
            "function urlencodeQuery(",
        ] {
            assert!(code.contains(part), "{part} not in:\n{code}");
        }
        r.url = Value::bytes("https://x.example/s");
        let (code, _) = render_one(&[r], &RetryPolicy::default());
        assert!(code.contains("function urlencode(") && !code.contains("urlencodeQuery"));
        let (code, _) = render_one(
            &[Request::get("https://x.example/")],
            &RetryPolicy::default(),
        );
        assert!(!code.contains("urlencode"));
    }

    #[test]
    fn small_helpers() {
        assert_eq!(
            remote_name("https://x.example/files/report.csv?x=1"),
            "report.csv"
        );
        assert_eq!(remote_name("https://x.example"), "");
        assert_eq!(port_of("http://u:p@[::1]:8080/x"), Some(8080));
        assert_eq!(port_of("http://[::1]/x"), None);
        assert_eq!(
            host_of("https://u@API.example.com:443/x"),
            "API.example.com"
        );
        assert!(bypasses("*", "a.example"));
        assert!(bypasses("example.com, .other", "api.example.com"));
        assert!(!bypasses("example.com", "badexample.com"));
        assert_eq!(percent_decode("a%3Ab%zz%4"), b"a:b%zz%4");
        assert_eq!(
            fetch_method_problem(&Method::Trace, false),
            Some("fetch refuses this method")
        );
        assert!(fetch_method_problem(&Method::Get, true).is_some());
        assert!(fetch_method_problem(&Method::Custom("post".into()), false).is_some());
        assert!(fetch_method_problem(&Method::Custom("PURGE".into()), true).is_none());
    }

    #[test]
    fn headers_keep_order_duplicates_and_removals() {
        let mut r = Request::get("https://api.example.com/x");
        r.headers.push(header("X-B", "2"));
        r.headers.push(header("X-A", "1"));
        r.headers.push(header("x-b", "3"));
        r.headers.push(header("Expect", "100-continue"));
        r.removed_headers.push(HeaderName::new("User-Agent"));
        let (code, warnings) = render_one(&[r], &RetryPolicy::default());
        let b2 = code.find(r#"["X-B", "2"]"#).unwrap();
        let a1 = code.find(r#"["X-A", "1"]"#).unwrap();
        let b3 = code.find(r#"["x-b", "3"]"#).unwrap();
        assert!(b2 < a1 && a1 < b3);
        assert!(code.contains(r#"drop: ["user-agent"]"#));
        assert!(code.contains(r#"// fetch cannot send this one: ["Expect", "100-continue"],"#));
        assert!(warnings.iter().any(|w| w.message.contains("`Expect`")));
    }

    #[test]
    fn proxy_gets_curls_default_port_and_basic_auth() {
        let mut r = Request::get("https://api.example.com/x");
        r.transfer.proxy = Some(Proxy {
            url: Value::bytes("http://proxy.example.com"),
            user: Some(Value::bytes("u")),
            password: Some(Value::bytes("p")),
        });
        let (code, _) = render_one(&[r.clone()], &RetryPolicy::default());
        assert!(code.contains(
            r#"proxy: { origin: "http://proxy.example.com:1080", authorization: "Basic " + btoa("u:p") }"#
        ));
        assert!(code.contains("import net from \"node:net\""));
        r.transfer.noproxy = Some(Value::bytes("example.com"));
        let (code, _) = render_one(&[r], &RetryPolicy::default());
        assert!(!code.contains("proxy: {") && !code.contains("node:net"));
    }

    #[test]
    fn policy_shapes_the_helper() {
        let r = Request::get("https://api.example.com/x");
        let off = RetryPolicy {
            enabled: false,
            ..RetryPolicy::default()
        };
        let (code, _) = render_one(std::slice::from_ref(&r), &off);
        assert!(!code.contains("MAX_RETRIES") && !code.contains("retry "));
        let fixed = RetryPolicy {
            fixed_delay: Some(2.0),
            jitter: Jitter::None,
            ..RetryPolicy::default()
        };
        let (code, _) = render_one(std::slice::from_ref(&r), &fixed);
        assert!(code.contains("const FIXED_DELAY = 2.0;") && !code.contains("BASE_DELAY"));
        assert!(!code.contains("Math.random"));
        let (code, _) = render_one(std::slice::from_ref(&r), &RetryPolicy::default());
        assert!(code.contains("Math.random") && !code.contains("BREAKER"));
        assert!(!code.contains("function env(") && !code.contains("node:fs"));
    }

    /// Every sample must be a valid ES module: `node --check` on each (skipped without node).
    #[test]
    fn every_sample_passes_node_check() {
        if std::process::Command::new("node")
            .arg("--version")
            .output()
            .is_err()
        {
            eprintln!("node not found: skipping node --check");
            return;
        }
        let dir = std::env::temp_dir().join(format!("curl2code-js-check-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        for (name, requests, policy) in samples("https://api.example.com") {
            let (code, _) = render_one(&requests, &policy);
            let file = dir.join(format!("{name}.mjs"));
            std::fs::write(&file, &code).unwrap();
            let out = std::process::Command::new("timeout")
                .args(["20", "node", "--check"])
                .arg(&file)
                .output()
                .unwrap();
            assert!(
                out.status.success(),
                "{name}: {}\n{code}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    #[ignore = "writes the samples to $JS_SAMPLES for manual runs"]
    fn write_samples() {
        let dir = std::env::var("JS_SAMPLES").unwrap_or_else(|_| "/tmp/js-samples".into());
        let base = std::env::var("JS_BASE").unwrap_or_else(|_| "http://127.0.0.1:8080".into());
        std::fs::create_dir_all(&dir).unwrap();
        for (name, requests, policy) in samples(&base) {
            let (code, warnings) = render_one(&requests, &policy);
            std::fs::write(format!("{dir}/{name}.mjs"), code).unwrap();
            for w in warnings {
                eprintln!("{name}: {}", w.message);
            }
        }
    }
}
