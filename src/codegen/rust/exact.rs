//! The `--exact` Rust view model: requests + policy → the values `templates/rust/exact.rs.askama`
//! prints, a program that sends curl's bytes.
//!
//! The generated program uses reqwest (async, rustls with the ring provider) and a current-thread
//! tokio runtime. Everything the program does not need is left out (imports, helpers, constants,
//! crate features), so it passes `cargo clippy -- -D warnings` whatever the input.

use super::super::Program;
use super::super::literal::rust::{
    bytes_expr, bytes_literal, comment, f64_literal, lossy_str_expr, str_arg, str_expr, str_literal,
};
use crate::diagnostic::Diagnostic;
use crate::ir::{
    Auth, Body, HeaderName, HexCase, Method, Output, PartContent, Request, Segment, Source,
    Transform, Value,
};
use crate::policy::{Jitter, NonIdempotentRetry, RetryPolicy};
use askama::Template;

/// reqwest's feature for TLS without its default aws-lc provider (which needs cmake and a long C build).
const REQWEST_BASE_FEATURES: [&str; 1] = ["rustls-no-provider"];

/// Which crates and crate features a program needs.
#[derive(Default)]
pub(super) struct Needs {
    pub(super) cookies: bool,
    pub(super) cookie_save: bool,
    pub(super) compressed: bool,
    pub(super) multipart: bool,
    pub(super) socks: bool,
    pub(super) retry: bool,
    pub(super) fs: bool,
}

impl Needs {
    pub(super) fn dependency_lines(&self) -> Vec<String> {
        let mut features: Vec<&str> = REQWEST_BASE_FEATURES.to_vec();
        let optional = [
            (self.cookies, "cookies"),
            (self.compressed, "gzip"),
            (self.compressed, "brotli"),
            (self.compressed, "deflate"),
            (self.compressed, "zstd"),
            (self.multipart, "multipart"),
            (self.socks, "socks"),
        ];
        features.extend(optional.iter().filter(|(on, _)| *on).map(|(_, f)| *f));
        let quoted = |fs: &[&str]| {
            fs.iter()
                .map(|f| format!("\"{f}\""))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let mut lines = vec![
            format!(
                "reqwest = {{ version = \"0.13\", default-features = false, features = [{}] }}",
                quoted(&features)
            ),
            "rustls = { version = \"0.23\", default-features = false, features = [\"ring\", \"std\", \"tls12\"] }"
                .to_string(),
        ];
        let mut tokio = vec!["macros", "rt"];
        if self.retry {
            tokio.push("time");
        }
        if self.fs {
            tokio.push("fs");
        }
        lines.push(format!(
            "tokio = {{ version = \"1\", features = [{}] }}",
            quoted(&tokio)
        ));
        if self.retry {
            // Parses Retry-After's three HTTP-date formats exactly; tiny, no dependencies.
            lines.push("httpdate = \"1\"".to_string());
        }
        if self.cookies {
            lines.push("reqwest_cookie_store = \"0.10\"".to_string());
        }
        if self.cookie_save {
            lines.push("cookie_store = \"0.22\"".to_string());
        }
        lines
    }
}

/// What the template prints.
#[derive(Template)]
#[template(path = "rust/exact.rs.askama", escape = "none")]
struct View {
    title: String,
    plural: &'static str,
    dependencies: Vec<String>,
    uses: Vec<String>,
    retry: bool,
    jitter: bool,
    max_retries: u32,
    fixed_delay: bool,
    fixed_delay_value: String,
    base_delay: String,
    max_delay: String,
    deadline: String,
    connect_timeout: String,
    attempt_timeout: String,
    retry_all_errors: bool,
    retry_status_count: usize,
    retry_statuses: String,
    gate: bool,
    fallback: bool,
    fallback_count: usize,
    fallback_urls: String,
    breaker: bool,
    idempotency_key: bool,
    retry_fn: &'static str,
    /// Comment lines saying why every method is retried, when that is so.
    repeat_note: Vec<&'static str>,
    /// The condition under which a response is final (not retried).
    final_status_test: &'static str,
    main_lines: Vec<String>,
    finish_doc: String,
    finish_output: bool,
    finish_fail_flag: bool,
    uses_env: bool,
    uses_header_value: bool,
    uses_part_headers: bool,
    uses_read: bool,
    uses_stdin: bool,
    uses_strip: bool,
    uses_urlencode: bool,
    uses_urlencode_text: bool,
    uses_urlencode_query: bool,
    cookies: bool,
    cookie_load: bool,
    cookie_save: bool,
}

/// Renders a complete `--exact` rust program.
pub(super) fn render(program: &Program, warnings: &mut Vec<Diagnostic>) -> String {
    let view = Builder::new(program, warnings).build();
    view.render()
        .unwrap_or_else(|e| format!("// curl2code could not render the rust program: {e}\n"))
}

/// A seconds value from the policy as a float literal the program can turn into a `Duration`
/// (`Duration::from_secs_f64` panics on negative, NaN or huge values).
pub(super) fn seconds(x: f64) -> String {
    let x = if x.is_finite() {
        x.clamp(0.0, 1e9)
    } else {
        1e9
    };
    f64_literal(x)
}

/// A header name as reqwest wants it (`HeaderName::from_static` takes lower case only), or `None`
/// when it is not a valid token.
pub(super) fn header_name(name: &HeaderName) -> Option<String> {
    let n = name.as_str();
    let tchar = |c: char| c.is_ascii_alphanumeric() || "!#$%&'*+-.^_`|~".contains(c);
    (!n.is_empty() && n.chars().all(tchar)).then(|| n.to_ascii_lowercase())
}

/// The last path segment of a literal URL, for `-O`.
pub(super) fn remote_name(url: &[u8]) -> Option<String> {
    let text = String::from_utf8_lossy(url);
    let after_scheme = text.split_once("://").map_or(text.as_ref(), |(_, r)| r);
    let path_and_more = after_scheme.find('/').map_or("", |i| &after_scheme[i..]);
    let path = path_and_more.split(['?', '#']).next().unwrap_or("");
    let name = path.rsplit('/').next().unwrap_or("");
    (!name.is_empty()).then(|| name.to_string())
}

/// The characters of a URL that the `url` crate (WHATWG rules, as in url 2.5.9) sends differently
/// from curl, each with what goes on the wire instead, for a warning: `'` `"` `<` `>` and spaces in
/// the query; `"` `<` `>` `^` `` ` `` `{` `}` and spaces in the path (its path percent-encode set),
/// a backslash in the path becomes `/`; non-ASCII and control bytes are percent-encoded anywhere.
/// The escaping property suite (tests/escaping.rs) finds any character a newer `url` adds.
pub(super) fn url_changes(url: &[u8]) -> Option<String> {
    let text = String::from_utf8_lossy(url);
    let rest = text.split_once("://").map_or(text.as_ref(), |(_, r)| r);
    let rest = rest.split('#').next().unwrap_or("");
    let (before_query, query) = rest.split_once('?').unwrap_or((rest, ""));
    let path = before_query.find('/').map_or("", |i| &before_query[i..]);
    let mut seen: Vec<String> = Vec::new();
    let mut note = |c: char| {
        let shown = match c {
            ' ' => "spaces as %20".to_string(),
            '\\' => "`\\` as `/`".to_string(),
            c if c.is_ascii_graphic() => format!("`{c}` as %{:02X}", c as u32),
            _ => "non-ASCII or control characters as %XX (UTF-8)".to_string(),
        };
        if !seen.contains(&shown) {
            seen.push(shown);
        }
    };
    for c in path.chars() {
        if "\"<>^`{} \\".contains(c) || !c.is_ascii_graphic() {
            note(c);
        }
    }
    for c in query.chars() {
        if "'\"<> ".contains(c) || !c.is_ascii_graphic() {
            note(c);
        }
    }
    (!seen.is_empty()).then(|| seen.join(", "))
}

/// curl's escaping of multipart names and file names (`"` CR LF as %22 %0D %0A).
pub(super) fn form_escape(v: &Value) -> Value {
    let mut out = Value::default();
    for p in &v.0 {
        match p {
            crate::ir::Piece::Bytes(b) => {
                let mut e = Vec::with_capacity(b.len());
                for &x in b {
                    match x {
                        b'"' => e.extend_from_slice(b"%22"),
                        b'\r' => e.extend_from_slice(b"%0D"),
                        b'\n' => e.extend_from_slice(b"%0A"),
                        _ => e.push(x),
                    }
                }
                out.push_bytes(&e);
            }
            crate::ir::Piece::Env(_) | crate::ir::Piece::EnvEncoded { .. } => out.0.push(p.clone()),
        }
    }
    out
}

/// A content type `mime_str` keeps as typed: lower case `type/subtype`, optional `;key=value`
/// parameters, nothing the mime crate would rewrite.
pub(super) fn simple_mime(ct: &[u8]) -> Option<&str> {
    let s = std::str::from_utf8(ct).ok()?;
    let tchar = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit() || "!#$&^_.+-".contains(c);
    let mut parts = s.split(';');
    let (ty, sub) = parts.next()?.split_once('/')?;
    let ok_main =
        !ty.is_empty() && !sub.is_empty() && ty.chars().all(tchar) && sub.chars().all(tchar);
    let ok_params = parts.all(|p| {
        p.split_once('=').is_some_and(|(k, v)| {
            !k.is_empty() && !v.is_empty() && k.chars().all(tchar) && v.chars().all(tchar)
        })
    });
    (ok_main && ok_params).then_some(s)
}

/// Builds the [`View`], collecting what the program needs as it goes.
struct Builder<'a, 'w> {
    program: &'a Program<'a>,
    warnings: &'w mut Vec<Diagnostic>,
    needs: Needs,
    uses_env: bool,
    uses_header_value: bool,
    uses_part_headers: bool,
    uses_read: bool,
    uses_stdin: bool,
    uses_strip: bool,
    uses_urlencode: bool,
    uses_urlencode_text: bool,
    uses_urlencode_query: bool,
    uses_header_map: bool,
    uses_header_value_type: bool,
    uses_part: bool,
    cookie_load: bool,
}

impl<'a, 'w> Builder<'a, 'w> {
    fn new(program: &'a Program<'a>, warnings: &'w mut Vec<Diagnostic>) -> Self {
        Builder {
            program,
            warnings,
            needs: Needs::default(),
            uses_env: false,
            uses_header_value: false,
            uses_part_headers: false,
            uses_read: false,
            uses_stdin: false,
            uses_strip: false,
            uses_urlencode: false,
            uses_urlencode_text: false,
            uses_urlencode_query: false,
            uses_header_map: false,
            uses_header_value_type: false,
            uses_part: false,
            cookie_load: false,
        }
    }

    /// Records a warning and returns the matching `// NOTE:` line for the code.
    fn warn(&mut self, request: &Request, message: &str) -> String {
        self.warnings
            .push(Diagnostic::warning(format!("rust: {message}")).with_span(request.span));
        format!("    // NOTE: {}", comment(message))
    }

    fn note_env(&mut self, v: &Value) {
        if v.env_names().next().is_some() {
            self.uses_env = true;
        }
        // Both String helpers call urlencode.
        for hex in v.env_encodings() {
            self.uses_urlencode = true;
            match hex {
                HexCase::Upper => self.uses_urlencode_text = true,
                HexCase::Lower => self.uses_urlencode_query = true,
            }
        }
    }

    /// A `&str` argument, with a warning when bytes that are not UTF-8 had to be replaced.
    fn text_arg(
        &mut self,
        request: &Request,
        v: &Value,
        what: &str,
        notes: &mut Vec<String>,
    ) -> String {
        self.note_env(v);
        if let Some(a) = str_arg(v) {
            return a;
        }
        let (e, _) = lossy_str_expr(v);
        notes.push(self.warn(
            request,
            &format!("{what} is not UTF-8; invalid bytes are replaced by U+FFFD"),
        ));
        if v.literal().is_some() {
            e
        } else {
            format!("&{e}")
        }
    }

    /// A string expression (`&'static str` or `String`), lossy when not UTF-8.
    fn text_expr(
        &mut self,
        request: &Request,
        v: &Value,
        what: &str,
        notes: &mut Vec<String>,
    ) -> String {
        self.note_env(v);
        if let Some(e) = str_expr(v) {
            return e;
        }
        notes.push(self.warn(
            request,
            &format!("{what} is not UTF-8; invalid bytes are replaced by U+FFFD"),
        ));
        lossy_str_expr(v).0
    }

    /// The bytes of a run-time source, as a `Vec<u8>` expression.
    fn source_bytes(
        &mut self,
        request: &Request,
        source: &Source,
        notes: &mut Vec<String>,
    ) -> String {
        match source {
            Source::Stdin => {
                self.uses_stdin = true;
                "stdin.clone()".to_string()
            }
            Source::File(path) => {
                self.uses_read = true;
                self.needs.fs = true;
                let p = self.text_arg(request, path, "a file name", notes);
                format!("read({p}).await")
            }
        }
    }

    fn segment(
        &mut self,
        request: &Request,
        seg: &Segment,
        notes: &mut Vec<String>,
    ) -> (String, bool) {
        match seg {
            Segment::Text(v) => {
                self.note_env(v);
                (bytes_expr(v), false)
            }
            Segment::Read { source, transform } => {
                let raw = self.source_bytes(request, source, notes);
                let e = match transform {
                    Transform::Raw => raw,
                    Transform::StripNewlines => {
                        self.uses_strip = true;
                        format!("strip_newlines({raw})")
                    }
                    Transform::UrlEncode => {
                        self.uses_urlencode = true;
                        let arg = raw
                            .strip_suffix(".clone()")
                            .map_or(format!("&{raw}"), |s| format!("&{s}"));
                        format!("urlencode({arg})")
                    }
                };
                (e, true)
            }
        }
    }

    /// The body expression, and whether it must be built inside the attempt (it reads files or stdin).
    fn data_body(
        &mut self,
        request: &Request,
        segments: &[Segment],
        notes: &mut Vec<String>,
    ) -> (String, bool) {
        let parts: Vec<(String, bool, &Segment)> = segments
            .iter()
            .map(|s| {
                let (e, dynamic) = self.segment(request, s, notes);
                (e, dynamic, s)
            })
            .collect();
        let dynamic = parts.iter().any(|p| p.1);
        match parts.as_slice() {
            [] => ("\"\"".to_string(), false),
            [(e, d, _)] => (e.clone(), *d),
            _ => {
                let slices: Vec<String> = parts
                    .iter()
                    .map(|(e, d, s)| match s {
                        Segment::Text(v) if v.literal().is_some() && str_expr(v).is_some() => {
                            format!("{e}.as_bytes()")
                        }
                        Segment::Text(v) if v.literal().is_some() => e.clone(),
                        Segment::Text(v) if str_expr(v).is_some() => format!("{e}.as_bytes()"),
                        _ if *d => format!("{e}.as_slice()"),
                        _ => format!("{e}.as_slice()"),
                    })
                    .collect();
                (format!("[{}].concat()", slices.join(", ")), dynamic)
            }
        }
    }

    fn multipart(
        &mut self,
        request: &Request,
        parts: &[crate::ir::Part],
        notes: &mut Vec<String>,
    ) -> Vec<String> {
        self.needs.multipart = true;
        let mut lines = vec![
            "Form::new()".to_string(),
            "    // Names and file names as typed, like curl (reqwest would percent-encode some)."
                .to_string(),
            "    .percent_encode_noop()".to_string(),
        ];
        for part in parts {
            let name = self.text_expr(request, &form_escape(&part.name), "a part name", notes);
            let mut extra = Vec::new();
            let mut header_pairs = Vec::new();
            if let Some(ct) = &part.content_type {
                match ct.literal() {
                    Some(b) if simple_mime(&b).is_some() => {
                        let s = simple_mime(&b).unwrap_or_default();
                        extra.push(format!(".mime_str({})", str_literal(s)));
                        extra.push(".expect(\"curl2code checked this content type\")".to_string());
                    }
                    _ => header_pairs.push((HeaderName::new("content-type"), ct.clone())),
                }
            }
            header_pairs.extend(
                part.headers
                    .iter()
                    .map(|h| (h.name.clone(), h.value.clone())),
            );
            let mut pairs = Vec::new();
            for (hname, hvalue) in &header_pairs {
                let lit = hvalue.literal();
                match (
                    header_name(hname),
                    lit.as_deref().and_then(|b| std::str::from_utf8(b).ok()),
                ) {
                    (Some(n), Some(v))
                        if v.bytes().all(|b| b == b'\t' || (0x20..0x7f).contains(&b)) =>
                    {
                        pairs.push(format!("({}, {})", str_literal(&n), str_literal(v)));
                    }
                    _ => {
                        let m = format!(
                            "part header {} is not plain ASCII text known in advance; it is left out",
                            comment(hname.as_str())
                        );
                        notes.push(self.warn(request, &m));
                    }
                }
            }
            if !pairs.is_empty() {
                self.uses_part_headers = true;
                self.uses_header_map = true;
                self.uses_header_value_type = true;
                extra.push(format!(".headers(part_headers(&[{}]))", pairs.join(", ")));
            }
            let filename = match (&part.filename, &part.content) {
                (Some(f), _) => {
                    Some(self.text_expr(request, &form_escape(f), "a file name", notes))
                }
                (None, PartContent::File(Source::File(p))) => p
                    .literal()
                    .and_then(|b| remote_name(&[b"x:///".as_slice(), &b].concat()))
                    .map(|n| str_literal(&n)),
                _ => None,
            };
            if let Some(f) = &filename {
                let backslash = part
                    .filename
                    .as_ref()
                    .and_then(|v| v.literal())
                    .is_some_and(|b| b.contains(&b'\\'));
                if backslash {
                    notes.push(self.warn(request, "reqwest escapes a backslash in a file name as \\\\; curl sends it as it is"));
                }
                extra.insert(0, format!(".file_name({f})"));
            }
            let data = match &part.content {
                PartContent::Text(v) => {
                    self.note_env(v);
                    match str_expr(v) {
                        Some(s) if extra.is_empty() => {
                            lines.push(format!("    .text({name}, {s})"));
                            continue;
                        }
                        Some(s) => format!("Part::text({s})"),
                        None => format!("Part::bytes({})", bytes_expr(v)),
                    }
                }
                PartContent::File(src) | PartContent::FileContents(src) => {
                    format!("Part::bytes({})", self.source_bytes(request, src, notes))
                }
            };
            self.uses_part = true;
            if extra.is_empty() {
                lines.push(format!("    .part({name}, {data})"));
            } else {
                lines.push("    .part(".to_string());
                lines.push(format!("        {name},"));
                lines.push(format!("        {data}"));
                let last = extra.len() - 1;
                for (i, e) in extra.iter().enumerate() {
                    let comma = if i == last { "," } else { "" };
                    lines.push(format!("            {e}{comma}"));
                }
                lines.push("    )".to_string());
            }
        }
        lines
    }

    /// The header value expression: `from_static` for plain ASCII, the checking helper otherwise.
    fn header_value(
        &mut self,
        request: &Request,
        h: &crate::ir::Header,
        notes: &mut Vec<String>,
    ) -> Option<String> {
        self.note_env(&h.value);
        match h.value.literal() {
            Some(b) if b.iter().all(|&x| x == b'\t' || (0x20..0x7f).contains(&x)) => {
                let s = String::from_utf8_lossy(&b).into_owned();
                Some(format!("HeaderValue::from_static({})", str_literal(&s)))
            }
            Some(b) if b.iter().any(|&x| (x < 0x20 && x != b'\t') || x == 0x7f) => {
                let m = format!(
                    "header {} holds a line break or control byte, which reqwest refuses; it is left out",
                    comment(h.name.as_str())
                );
                notes.push(self.warn(request, &m));
                None
            }
            _ => {
                self.uses_header_value = true;
                Some(format!("header_value({})", bytes_expr(&h.value)))
            }
        }
    }

    fn method_expr(&mut self, request: &Request, notes: &mut Vec<String>) -> String {
        match &request.method {
            Method::Custom(m) => {
                let token = !m.is_empty()
                    && m.chars()
                        .all(|c| c.is_ascii_alphanumeric() || "!#$%&'*+-.^_`|~".contains(c));
                if !token {
                    notes.push(self.warn(
                        request,
                        "the method is not a valid HTTP token; the program will stop with an error",
                    ));
                }
                format!(
                    "Method::from_bytes({}).unwrap_or_else(|_| fail(\"invalid method\"))",
                    bytes_literal(m.as_bytes())
                )
            }
            m => format!("Method::{}", m.as_str()),
        }
    }

    /// The lines of `main` for one request.
    fn request_lines(
        &mut self,
        index: usize,
        request: &Request,
        finish_output: bool,
        finish_fail: bool,
    ) -> Vec<String> {
        let total = self.program.requests.len();
        let mut notes = Vec::new();
        let mut lines = Vec::new();
        let label = format!("{} {}", request.method.as_str(), request.url.display());
        lines.push(if total > 1 {
            format!(
                "    // Request {} of {total}: {}",
                index + 1,
                comment(&label)
            )
        } else {
            format!("    // {}", comment(&label))
        });
        let method = self.method_expr(request, &mut notes);
        if let Some(changed) = request.url.literal().as_deref().and_then(url_changes) {
            let m = format!(
                "reqwest's URL parser (the url crate, WHATWG rules) sends {}; curl sends the URL as typed (servers decode both alike)",
                changed
            );
            notes.push(self.warn(request, &m));
        }
        let url = self.text_arg(request, &request.url, "the URL", &mut notes);

        // Headers, built once and cloned into every attempt.
        let multipart = matches!(request.body, Some(Body::Multipart(_)));
        let mut header_lines = Vec::new();
        for h in &request.headers {
            if multipart && h.name.is("content-type") {
                let plain = h
                    .value
                    .literal()
                    .is_some_and(|v| v.eq_ignore_ascii_case(b"multipart/form-data"));
                if !plain {
                    notes.push(self.warn(request, "a Content-Type other than multipart/form-data is replaced by reqwest's multipart/form-data with its boundary"));
                }
                continue;
            }
            let Some(name) = header_name(&h.name) else {
                let m = format!(
                    "header name {} is not a valid token; it is left out",
                    comment(h.name.as_str())
                );
                notes.push(self.warn(request, &m));
                continue;
            };
            if let Some(value) = self.header_value(request, h, &mut notes) {
                header_lines.push(format!(
                    "    headers.append({}, {value});",
                    str_literal(&name)
                ));
            }
        }
        if request.transfer.compressed && request.header("accept-encoding").is_none() {
            header_lines.push(
                "    // --compressed: curl's Accept-Encoding; reqwest decodes the answer."
                    .to_string(),
            );
            header_lines
                .push("    headers.append(\"accept-encoding\", HeaderValue::from_static(\"deflate, gzip, br, zstd\"));".to_string());
        }
        for removed in &request.removed_headers {
            if removed.is("accept") {
                let m = "reqwest sends Accept: */* (curl's default too) with every request that has \
                         none; -H 'Accept:' cannot remove it";
                notes.push(self.warn(request, m));
            } else if removed.is("host")
                || removed.is("content-length")
                || removed.is("transfer-encoding")
            {
                let m = format!(
                    "reqwest always sends {}; -H '{}:' cannot remove it",
                    removed.as_str(),
                    removed.as_str()
                );
                notes.push(self.warn(request, &m));
            }
        }
        let mut setup = Vec::new();
        let mut chain = Vec::new();
        if !header_lines.is_empty() {
            self.uses_header_map = true;
            self.uses_header_value_type = true;
            setup.push("    let mut headers = HeaderMap::new();".to_string());
            setup.extend(header_lines);
            chain.push(".headers(headers.clone())".to_string());
        }

        match &request.auth {
            None => {}
            Some(Auth::Basic { user, password }) => {
                let u = self.text_expr(request, user, "the user name", &mut notes);
                let p = self.text_expr(request, password, "the password", &mut notes);
                chain.push(format!(".basic_auth({u}, Some({p}))"));
            }
            Some(Auth::Bearer { token }) => {
                let t = self.text_expr(request, token, "the bearer token", &mut notes);
                chain.push(format!(".bearer_auth({t})"));
            }
            Some(Auth::Digest { .. }) => {
                notes.push(self.warn(
                    request,
                    "reqwest has no Digest authentication: the request is sent without credentials",
                ));
            }
            Some(Auth::Ntlm { .. }) => {
                notes.push(self.warn(
                    request,
                    "reqwest has no NTLM authentication: the request is sent without credentials",
                ));
            }
            Some(Auth::AwsSigV4 { .. }) => {
                notes.push(self.warn(
                    request,
                    "AWS SigV4 signing is not converted: the request is sent unsigned",
                ));
            }
        }

        match &request.body {
            None => {}
            Some(Body::Data(segments)) => {
                let (e, dynamic) = self.data_body(request, segments, &mut notes);
                let is_literal = segments
                    .iter()
                    .all(|s| matches!(s, Segment::Text(v) if v.literal().is_some()));
                if dynamic || is_literal {
                    chain.push(format!(".body({e})"));
                } else {
                    setup.push(format!("    let body = {e};"));
                    chain.push(".body(body.clone())".to_string());
                }
            }
            Some(Body::Upload(source)) => {
                let e = self.source_bytes(request, source, &mut notes);
                chain.push(format!(".body({e})"));
            }
            Some(Body::Multipart(parts)) => {
                let form = self.multipart(request, parts, &mut notes);
                chain.push(".multipart(".to_string());
                chain.extend(form.into_iter().map(|l| format!("    {l}")));
                chain.push(")".to_string());
            }
        }

        lines.extend(notes);
        lines.extend(setup);
        if chain.is_empty() {
            lines.push(format!(
                "    let result = send(&client, {method}, {url}, async |request| request).await;"
            ));
        } else {
            lines.push(format!(
                "    let result = send(&client, {method}, {url}, async |request| {{"
            ));
            lines.push("        request".to_string());
            lines.extend(chain.iter().map(|c| format!("            {c}")));
            lines.push("    })".to_string());
            lines.push("    .await;".to_string());
        }

        let mut args = vec!["result".to_string()];
        if finish_output {
            let mut out_notes = Vec::new();
            let out = match &request.transfer.output {
                Output::Stdout => "None".to_string(),
                Output::File(v) => format!(
                    "Some({})",
                    self.text_arg(request, v, "the output file name", &mut out_notes)
                ),
                Output::RemoteName => match request.url.literal().and_then(|u| remote_name(&u)) {
                    Some(name) => format!("Some({})", str_literal(&name)),
                    None => {
                        out_notes.push(self.warn(request, "-O needs a file name at the end of a literal URL; the body goes to stdout"));
                        "None".to_string()
                    }
                },
            };
            args.push(out);
            lines.extend(out_notes);
        }
        if finish_fail {
            args.push(request.transfer.fail.to_string());
        }
        lines.push(format!(
            "    if let Err(code) = finish({}) {{",
            args.join(", ")
        ));
        lines.push("        exit_code = code;".to_string());
        lines.push("    }".to_string());
        lines
    }

    /// The client builder and what it needs, as lines of `main`.
    fn client_lines(&mut self, teardown: &mut Vec<String>) -> Vec<String> {
        let requests = self.program.requests;
        let mut setup = Vec::new();
        let mut chain = Vec::new();
        let any = |f: &dyn Fn(&Request) -> bool| requests.iter().any(f);

        if any(&|r| !r.transfer.cookie_files.is_empty() || r.transfer.cookie_jar.is_some()) {
            self.needs.cookies = true;
            setup.push("    // -b/-c FILE turn on curl's cookie engine: cookies a response sets go with the next requests.".to_string());
            setup.push("    let cookies = Arc::new(Jar::default());".to_string());
            let mut files: Vec<(&Request, &Value)> = Vec::new();
            for r in requests {
                for f in &r.transfer.cookie_files {
                    if !files.iter().any(|(_, seen)| *seen == f) {
                        files.push((r, f));
                    }
                }
            }
            for (r, f) in &files {
                let mut notes = Vec::new();
                let arg = self.text_arg(r, f, "a cookie file name", &mut notes);
                setup.extend(notes);
                setup.push(format!("    load_cookies(&cookies, {arg});"));
            }
            self.cookie_load = !files.is_empty();
            if let Some((r, jar)) = requests
                .iter()
                .rev()
                .find_map(|r| r.transfer.cookie_jar.as_ref().map(|j| (r, j)))
            {
                self.needs.cookie_save = true;
                let mut notes = Vec::new();
                let arg = self.text_arg(r, jar, "the cookie jar file name", &mut notes);
                teardown.push(String::new());
                teardown.push(
                    "    // -c FILE: write every cookie back, as curl does when it is done."
                        .to_string(),
                );
                teardown.extend(notes);
                teardown.push(format!("    save_cookies(&cookies, {arg});"));
            }
            chain.push(".cookie_provider(Arc::clone(&cookies))".to_string());
        }

        let follow = requests.iter().find(|r| r.transfer.follow_redirects);
        match follow {
            Some(r) => {
                let max = r.transfer.max_redirects.unwrap_or(50);
                chain.push(format!("// -L: follow up to {max} redirects, like curl."));
                chain.push(format!(".redirect(Policy::limited({max}))"));
                chain.push("// curl sets no Referer when it follows a redirect.".to_string());
                chain.push(".referer(false)".to_string());
                if any(&|r| !r.transfer.follow_redirects) {
                    let m = "some requests follow redirects (-L) and others do not; the shared client follows them for all";
                    let n = self.warn(r, m);
                    setup.push(n);
                }
            }
            None => {
                chain.push("// curl follows no redirects without -L.".to_string());
                chain.push(".redirect(Policy::none())".to_string());
            }
        }
        chain.push(".connect_timeout(Duration::from_secs_f64(CONNECT_TIMEOUT))".to_string());

        if any(&|r| r.transfer.compressed) {
            self.needs.compressed = true;
        } else {
            chain.push(
                "// No compression without --compressed, as in curl (even if another crate turns on"
                    .to_string(),
            );
            chain.push("// reqwest's decoders).".to_string());
            chain.push(".no_gzip().no_brotli().no_deflate().no_zstd()".to_string());
        }
        if any(&|r| r.transfer.insecure) {
            chain.push("// !!! DANGER (-k): TLS certificates are NOT verified. Anyone on the network path can read".to_string());
            chain.push("// !!! and change this traffic, credentials included. Remove this line for real use.".to_string());
            chain.push(".danger_accept_invalid_certs(true)".to_string());
        }
        if let Some((r, ca)) = requests
            .iter()
            .find_map(|r| r.transfer.cacert.as_ref().map(|c| (r, c)))
        {
            self.needs.fs = true;
            let mut notes = Vec::new();
            let arg = self.text_arg(r, ca, "the CA file name", &mut notes);
            setup.extend(notes);
            setup.extend([
                "    // --cacert: trust only these CAs, as curl does. Without the file there are none:".to_string(),
                "    // HTTPS then fails and plain HTTP works, as with curl.".to_string(),
                format!("    let ca = match tokio::fs::read({arg}).await {{"),
                "        Ok(pem) => Certificate::from_pem_bundle(&pem)".to_string(),
                "            .unwrap_or_else(|e| fail(&format!(\"cannot use the CA file: {e}\"))),".to_string(),
                "        Err(e) => {".to_string(),
                "            eprintln!(\"warning: cannot read the CA file: {e}\");".to_string(),
                "            Vec::new()".to_string(),
                "        }".to_string(),
                "    };".to_string(),
            ]);
            chain.push(".tls_certs_only(ca)".to_string());
        }
        if let Some((r, cert)) = requests
            .iter()
            .find_map(|r| r.transfer.cert.as_ref().map(|c| (r, c)))
        {
            self.uses_read = true;
            self.needs.fs = true;
            let mut notes = Vec::new();
            let c = self.text_arg(r, cert, "the certificate file name", &mut notes);
            let pem = match &r.transfer.key {
                Some(k) => {
                    let k = self.text_arg(r, k, "the key file name", &mut notes);
                    format!("[read({c}).await, read({k}).await].concat()")
                }
                None => format!("read({c}).await"),
            };
            setup.extend(notes);
            setup.push(
                "    // --cert/--key: a client certificate and its private key, both PEM."
                    .to_string(),
            );
            setup.push(format!("    let identity = Identity::from_pem(&{pem})"));
            setup.push("        .unwrap_or_else(|e| fail(&format!(\"cannot use the client certificate: {e}\")));".to_string());
            chain.push(".identity(identity)".to_string());
        }
        if let Some((r, proxy)) = requests
            .iter()
            .find_map(|r| r.transfer.proxy.as_ref().map(|p| (r, p)))
        {
            let mut notes = Vec::new();
            let url = self.text_arg(r, &proxy.url, "the proxy URL", &mut notes);
            if proxy
                .url
                .literal()
                .is_some_and(|u| u.to_ascii_lowercase().starts_with(b"socks"))
            {
                self.needs.socks = true;
            }
            setup.extend(notes);
            setup.push(format!("    let proxy = Proxy::all({url}).unwrap_or_else(|e| fail(&format!(\"bad proxy URL: {{e}}\")));"));
            if let Some(user) = &proxy.user {
                let mut notes = Vec::new();
                let u = self.text_arg(r, user, "the proxy user", &mut notes);
                let p = match &proxy.password {
                    Some(p) => self.text_arg(r, p, "the proxy password", &mut notes),
                    None => "\"\"".to_string(),
                };
                setup.extend(notes);
                setup.push(format!("    let proxy = proxy.basic_auth({u}, {p});"));
            }
            if let Some(np) = &r.transfer.noproxy {
                let mut notes = Vec::new();
                let list = self.text_arg(r, np, "the --noproxy list", &mut notes);
                setup.extend(notes);
                setup.push("    // --noproxy: hosts reached directly.".to_string());
                setup.push(format!(
                    "    let proxy = proxy.no_proxy(NoProxy::from_string({list}));"
                ));
            }
            chain.push(".proxy(proxy)".to_string());
        } else if let Some((r, np)) = requests
            .iter()
            .find_map(|r| r.transfer.noproxy.as_ref().map(|n| (r, n)))
        {
            if np.literal().as_deref() == Some(b"*") {
                chain.push("// --noproxy '*': no proxy from the environment either.".to_string());
                chain.push(".no_proxy()".to_string());
            } else {
                let n = self.warn(r, "--noproxy without -x applies to proxies from the environment; reqwest reads NO_PROXY instead");
                setup.push(n);
            }
        }

        let mut lines = setup;
        lines.push("    let client = Client::builder()".to_string());
        lines.extend(chain.into_iter().map(|c| format!("        {c}")));
        lines.push("        .build()".to_string());
        lines.push(
            "        .unwrap_or_else(|e| fail(&format!(\"cannot set up the HTTP client: {e}\")));"
                .to_string(),
        );
        lines
    }

    fn build(mut self) -> View {
        let program = self.program;
        let policy: &RetryPolicy = program.retry_policy;
        let requests = program.requests;

        let finish_output = requests.iter().any(|r| r.transfer.output != Output::Stdout);
        let finish_fail_flag = requests.iter().any(|r| r.transfer.fail);

        let mut teardown = Vec::new();
        let mut main_lines = self.client_lines(&mut teardown);
        let mut request_blocks = Vec::new();
        for (i, r) in requests.iter().enumerate() {
            request_blocks.push(self.request_lines(i, r, finish_output, finish_fail_flag));
        }
        if self.uses_stdin {
            main_lines.insert(0, "    let stdin = read_stdin();".to_string());
            main_lines.insert(
                0,
                "    // Standard input is read once; every attempt sends the same bytes."
                    .to_string(),
            );
        }
        main_lines.insert(
            0,
            "    let _ = rustls::crypto::ring::default_provider().install_default();".to_string(),
        );
        main_lines.insert(
            0,
            "    // ring as rustls' crypto provider (see the note at the top).".to_string(),
        );
        let exit_note = if requests.len() > 1 {
            "    // Like curl with several URLs, a failed request does not stop the next ones; the program\n    \
             // exits with the code of the last one that failed."
        } else {
            "    // The program's exit code: 0 unless the request fails."
        };
        main_lines.push(String::new());
        main_lines.push(exit_note.to_string());
        main_lines.push("    let mut exit_code = ExitCode::SUCCESS;".to_string());
        for block in request_blocks {
            main_lines.push(String::new());
            main_lines.extend(block);
        }
        main_lines.extend(teardown);
        main_lines.push("    exit_code".to_string());

        let retry = policy.enabled;
        let jitter = retry && policy.jitter == Jitter::Full;
        let idempotency_key = retry && policy.idempotency_key;
        let all_repeatable = policy.non_idempotent != NonIdempotentRetry::Never || idempotency_key;
        let gate = retry
            && !all_repeatable
            && requests
                .iter()
                .any(|r| !r.method.is_idempotent() && r.header("idempotency-key").is_none());
        let fallback = retry && !policy.fallback_urls.is_empty();
        let breaker = policy.circuit_breaker;
        self.needs.retry = retry;

        let fallback_urls = policy
            .fallback_urls
            .iter()
            .map(|u| str_literal(u))
            .collect::<Vec<_>>()
            .join(", ");
        let statuses = policy
            .retry_statuses
            .iter()
            .map(|s| s.to_string())
            .collect::<Vec<_>>()
            .join(", ");

        let uses = self.uses(retry, jitter, idempotency_key, breaker);
        let title = match requests {
            [one] => format!("{} {}", one.method.as_str(), comment(&one.url.display())),
            _ => format!(
                "{} requests, in order, over one connection pool",
                requests.len()
            ),
        };
        let mut finish_doc = String::from("Writes the final body");
        if finish_output {
            finish_doc.push_str(" to the output file or stdout");
        }
        finish_doc.push_str(" (curl writes it for HTTP errors too");
        if finish_fail_flag {
            finish_doc.push_str(", unless -f");
        }
        finish_doc.push_str(
            ");\n/// for a failed call, also prints the failure line and returns the program's exit code",
        );
        finish_doc.push_str(if finish_fail_flag {
            " (22 for an\n/// HTTP error with -f)."
        } else {
            "."
        });

        View {
            title,
            plural: if requests.len() > 1 { "s" } else { "" },
            dependencies: self.needs.dependency_lines(),
            uses,
            retry,
            jitter,
            max_retries: policy.max_retries,
            fixed_delay: policy.fixed_delay.is_some(),
            fixed_delay_value: seconds(policy.fixed_delay.unwrap_or(0.0)),
            base_delay: seconds(policy.base_delay),
            max_delay: seconds(policy.max_delay),
            deadline: seconds(policy.deadline),
            connect_timeout: seconds(policy.connect_timeout),
            attempt_timeout: seconds(policy.attempt_timeout),
            retry_all_errors: policy.retry_all_errors,
            retry_status_count: policy.retry_statuses.len(),
            retry_statuses: statuses,
            gate,
            fallback,
            fallback_count: policy.fallback_urls.len(),
            fallback_urls,
            breaker,
            idempotency_key,
            retry_fn: match (breaker, retry) {
                (false, _) => "send",
                (true, true) => "send_with_retries",
                (true, false) => "send_once",
            },
            repeat_note: {
                let mut note = Vec::new();
                if policy.retry_all_errors {
                    note.push("curl's --retry-all-errors: every HTTP error status is retried too.");
                }
                match policy.non_idempotent {
                    NonIdempotentRetry::CurlRetryFlag => note.push(
                        "Every method is retried, POST too: the curl command asked for it with --retry.",
                    ),
                    NonIdempotentRetry::Requested => note.push(
                        "Every method is retried, POST too: asked for with --retry-non-idempotent.",
                    ),
                    NonIdempotentRetry::Never if idempotency_key => note.push(
                        "Every method is retried: each call carries an Idempotency-Key (RFC 9110 §9.2.2).",
                    ),
                    NonIdempotentRetry::Never => {}
                }
                note
            },
            final_status_test: match (gate, policy.retry_all_errors) {
                (true, true) => "!(repeatable && status >= 400)",
                (true, false) => "!(repeatable && RETRY_STATUSES.contains(&status))",
                (false, true) => "status < 400",
                (false, false) => "!RETRY_STATUSES.contains(&status)",
            },
            main_lines,
            finish_doc,
            finish_output,
            finish_fail_flag,
            uses_env: self.uses_env,
            uses_header_value: self.uses_header_value,
            uses_part_headers: self.uses_part_headers,
            uses_read: self.uses_read,
            uses_stdin: self.uses_stdin,
            uses_strip: self.uses_strip,
            uses_urlencode: self.uses_urlencode,
            uses_urlencode_text: self.uses_urlencode_text,
            uses_urlencode_query: self.uses_urlencode_query,
            cookies: self.needs.cookies,
            cookie_load: self.cookie_load,
            cookie_save: self.needs.cookie_save,
        }
    }

    /// The `use` lines: exactly what the emitted code names.
    fn uses(&self, retry: bool, jitter: bool, idempotency_key: bool, breaker: bool) -> Vec<String> {
        let list = |items: Vec<(bool, &'static str)>| -> Vec<&'static str> {
            items
                .into_iter()
                .filter(|(on, _)| *on)
                .map(|(_, s)| s)
                .collect()
        };
        // Built by hand rather than with format! and join: this runs for ~15 groups per program.
        let group = |path: &str, items: Vec<&str>| -> Option<String> {
            let (first, rest) = items.split_first()?;
            let len = path.len() + 9 + items.iter().map(|i| i.len() + 2).sum::<usize>();
            let mut out = String::with_capacity(len);
            out.push_str("use ");
            out.push_str(path);
            out.push_str("::");
            if rest.is_empty() {
                out.push_str(first);
            } else {
                out.push('{');
                out.push_str(first);
                for item in rest {
                    out.push_str(", ");
                    out.push_str(item);
                }
                out.push('}');
            }
            out.push(';');
            Some(out)
        };
        let cookies = self.needs.cookies;
        let mut std_uses = vec![
            group("std::cmp", list(vec![(cookies, "Reverse")])),
            group(
                "std::hash",
                list(vec![
                    (jitter || idempotency_key, "BuildHasher"),
                    (jitter || idempotency_key, "Hasher"),
                    (jitter || idempotency_key, "RandomState"),
                ]),
            ),
            group(
                "std::io",
                list(vec![
                    (true, "ErrorKind"),
                    (self.uses_stdin, "Read"),
                    (true, "Write"),
                ]),
            ),
            group("std::process", vec!["ExitCode"]),
            group(
                "std::sync",
                list(vec![
                    (cookies, "Arc"),
                    (breaker, "Mutex"),
                    (breaker || cookies, "PoisonError"),
                ]),
            ),
            group(
                "std::time",
                list(vec![
                    (true, "Duration"),
                    (retry || breaker, "Instant"),
                    (retry || self.cookie_load, "SystemTime"),
                    (self.cookie_load, "UNIX_EPOCH"),
                ]),
            ),
        ];
        let header_value =
            self.uses_header_value_type || idempotency_key || self.uses_header_value || cookies;
        let reqwest_items = list(vec![
            (
                self.program
                    .requests
                    .iter()
                    .any(|r| r.transfer.cacert.is_some()),
                "Certificate",
            ),
            (true, "Client"),
            (
                self.program
                    .requests
                    .iter()
                    .any(|r| r.transfer.cert.is_some()),
                "Identity",
            ),
            (true, "Method"),
            (
                self.program
                    .requests
                    .iter()
                    .any(|r| r.transfer.proxy.as_ref().is_some() && r.transfer.noproxy.is_some()),
                "NoProxy",
            ),
            (
                self.program
                    .requests
                    .iter()
                    .any(|r| r.transfer.proxy.is_some()),
                "Proxy",
            ),
            (retry, "Request"),
            (true, "RequestBuilder"),
            (true, "Url"),
        ]);
        let mut crate_uses = vec![
            group(
                "cookie_store",
                list(vec![
                    (self.needs.cookie_save, "CookieDomain"),
                    (self.needs.cookie_save, "CookieExpiration"),
                ]),
            ),
            group(
                "reqwest::header",
                list(vec![
                    (self.uses_header_map, "HeaderMap"),
                    (self.uses_part_headers, "HeaderName"),
                    (header_value, "HeaderValue"),
                    (retry, "RETRY_AFTER"),
                ]),
            ),
            group("reqwest::cookie", list(vec![(cookies, "CookieStore")])),
            group(
                "reqwest::multipart",
                list(vec![
                    (self.needs.multipart, "Form"),
                    (self.uses_part, "Part"),
                ]),
            ),
            group("reqwest::redirect", vec!["Policy"]),
            group("reqwest", reqwest_items),
            group(
                "reqwest_cookie_store",
                list(vec![(cookies, "CookieStoreMutex")]),
            ),
        ];
        let mut out = vec![String::new()];
        out.extend(std_uses.drain(..).flatten());
        out.push(String::new());
        out.extend(crate_uses.drain(..).flatten());
        out
    }
}
