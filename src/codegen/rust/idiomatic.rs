//! The default Rust output: the plan → the view `templates/rust/idiomatic.rs.askama` prints, a
//! program a Rust developer would write: the request first in `main`, built with reqwest's own
//! calls (`.json(&json!(…))`, `.form(&[…])`, `.query(&[…])`, `multipart::Form`), then one
//! `send_with_retry(RequestBuilder)` helper. It is judged by semantic equality with curl, not
//! byte equality: reqwest's own defaults (Accept, header order and case) stay.

use super::exact::{form_escape, header_name, remote_name, simple_mime};
use crate::codegen::Program;
use crate::codegen::literal::rust::{
    bytes_expr, bytes_literal, comment, lossy_str_expr, str_expr, str_literal, with_fallible_env,
};
use crate::codegen::plan::json::Json;
use crate::codegen::plan::pairs::Pair;
use crate::codegen::plan::{BodyPlan, Call, Plan};
use crate::diagnostic::Diagnostic;
use crate::ir::{
    Auth, HeaderName, HexCase, Method, Output, PartContent, Request, Segment, Source, Transform,
    Value,
};
use crate::policy::{Jitter, NonIdempotentRetry};
use askama::Template;

/// The reqwest line of the test suites' project: default features (rustls with its own crypto
/// provider) and every optional feature either mode uses.
pub(super) const REQWEST_SUPERSET: &str = "reqwest = { version = \"0.13\", features = [\"brotli\", \"cookies\", \"deflate\", \"form\", \"gzip\", \"json\", \"multipart\", \"query\", \"rustls-no-provider\", \"socks\", \"zstd\"] }";

/// Which crates and reqwest features a default-mode program needs.
#[derive(Default)]
pub(super) struct Needs {
    json: bool,
    form: bool,
    query: bool,
    multipart: bool,
    cookies: bool,
    compressed: bool,
    socks: bool,
    jitter: bool,
    uuid: bool,
}

impl Needs {
    /// Every feature: for the union of dependencies.
    pub(super) fn all() -> Needs {
        Needs {
            json: true,
            form: true,
            query: true,
            multipart: true,
            cookies: true,
            compressed: true,
            socks: true,
            jitter: true,
            uuid: true,
        }
    }

    pub(super) fn dependency_lines(&self) -> Vec<String> {
        let features: Vec<String> = [
            (self.compressed, "brotli"),
            (self.cookies, "cookies"),
            (self.compressed, "deflate"),
            (self.form, "form"),
            (self.compressed, "gzip"),
            (self.json, "json"),
            (self.multipart, "multipart"),
            (self.query, "query"),
            (self.socks, "socks"),
            (self.compressed, "zstd"),
        ]
        .iter()
        .filter(|(on, _)| *on)
        .map(|(_, f)| format!("\"{f}\""))
        .collect();
        let mut lines = vec![if features.is_empty() {
            "reqwest = \"0.13\"".to_string()
        } else {
            format!(
                "reqwest = {{ version = \"0.13\", features = [{}] }}",
                features.join(", ")
            )
        }];
        lines.push(
            "tokio = { version = \"1\", features = [\"macros\", \"rt-multi-thread\", \"time\"] }"
                .to_string(),
        );
        // http: to hand back a response whose body the helper has read; httpdate: Retry-After.
        lines.push("http = \"1\"".to_string());
        lines.push("httpdate = \"1\"".to_string());
        if self.jitter {
            lines.push("fastrand = \"2\"".to_string());
        }
        if self.json {
            lines.push("serde_json = \"1\"".to_string());
        }
        if self.uuid {
            lines.push("uuid = { version = \"1\", features = [\"v4\"] }".to_string());
        }
        if self.cookies {
            lines.push("reqwest_cookie_store = \"0.10\"".to_string());
            lines.push("cookie_store = \"0.22\"".to_string());
        }
        lines
    }
}

/// What the template prints.
#[derive(Template)]
#[template(path = "rust/idiomatic.rs.askama", escape = "none")]
struct View {
    title: String,
    dependencies: Vec<String>,
    uses: Vec<String>,
    retry: bool,
    jitter: bool,
    max_retries: u32,
    policy_summary: String,
    fixed_delay: String,
    base_delay: String,
    max_delay: String,
    deadline: String,
    connect_timeout: String,
    attempt_timeout: String,
    retry_all_errors: bool,
    retry_status_count: usize,
    retry_statuses: String,
    gate: bool,
    repeat_note: Vec<&'static str>,
    status_retryable: &'static str,
    error_retryable: &'static str,
    fallback: bool,
    fallback_count: usize,
    fallback_urls: String,
    breaker: bool,
    main_lines: Vec<String>,
    finish_output: bool,
    finish_fail_flag: bool,
    uses_env: bool,
    uses_part_headers: bool,
    uses_read: bool,
    uses_stdin: bool,
    uses_strip: bool,
    uses_urlencode: bool,
    uses_urlencode_text: bool,
    uses_urlencode_query: bool,
    cookie_load: bool,
    cookie_save: bool,
}

/// Renders the default-mode program.
pub(super) fn render(program: &Program, warnings: &mut Vec<Diagnostic>) -> String {
    let plan = program.plan();
    let view = with_fallible_env(|| Builder::new(&plan, warnings).build());
    view.render()
        .unwrap_or_else(|e| format!("// curl2code could not render the rust program: {e}\n"))
}

/// Seconds from the policy as a const `Duration` (whole milliseconds).
fn duration(x: f64) -> String {
    let ms = if x.is_finite() {
        (x.clamp(0.0, 1e9) * 1000.0).round() as u64
    } else {
        1_000_000_000_000
    };
    if ms % 1000 == 0 {
        format!("Duration::from_secs({})", ms / 1000)
    } else {
        format!("Duration::from_millis({ms})")
    }
}

/// Seconds for the policy comment: `1 s`, `0.05 s`.
fn secs(x: f64) -> String {
    let x = if x.is_finite() {
        x.clamp(0.0, 1e9)
    } else {
        1e9
    };
    format!("{} s", (x * 1000.0).round() / 1000.0)
}

/// An argument that takes `&str`: a literal stays, a `String` is borrowed.
fn borrowed(e: String) -> String {
    if e.starts_with('"') || e.starts_with("r#") || e.starts_with('&') {
        e
    } else {
        format!("&{e}")
    }
}

/// A `&str` inside a tuple (no coercion there): a literal stays, a `String` gets `.as_str()`.
fn as_str(e: String) -> String {
    if e.starts_with('"') || e.starts_with("r#") {
        e
    } else {
        format!("{e}.as_str()")
    }
}

/// A JSON value as a `serde_json::json!` literal; `indent` is the column of the line it is on.
fn json_literal(j: &Json, indent: usize) -> String {
    let one_line = json_compact(j);
    if one_line.len() + indent <= 90 {
        return one_line;
    }
    let pad = " ".repeat(indent + 4);
    let close = " ".repeat(indent);
    match j {
        Json::Array(items) if !items.is_empty() => {
            let inner: Vec<String> = items
                .iter()
                .map(|v| format!("{pad}{}", json_literal(v, indent + 4)))
                .collect();
            format!("[\n{},\n{close}]", inner.join(",\n"))
        }
        Json::Object(members) if !members.is_empty() => {
            let inner: Vec<String> = members
                .iter()
                .map(|(k, v)| {
                    let key = str_literal(k);
                    let at = indent + 4 + key.len() + 2;
                    format!("{pad}{key}: {}", json_literal(v, at))
                })
                .collect();
            format!("{{\n{},\n{close}}}", inner.join(",\n"))
        }
        _ => one_line,
    }
}

fn json_compact(j: &Json) -> String {
    match j {
        Json::Null => "null".to_string(),
        Json::Bool(b) => b.to_string(),
        Json::Number(n) => {
            // An integer literal is an i32 unless told otherwise.
            let int = !n.contains(['.', 'e', 'E']);
            if int && n.parse::<i32>().is_err() {
                format!("{n}_i64")
            } else {
                n.clone()
            }
        }
        Json::String(s) => str_literal(s),
        Json::Array(items) => {
            let inner: Vec<String> = items.iter().map(json_compact).collect();
            format!("[{}]", inner.join(", "))
        }
        Json::Object(members) => {
            let inner: Vec<String> = members
                .iter()
                .map(|(k, v)| format!("{}: {}", str_literal(k), json_compact(v)))
                .collect();
            format!("{{{}}}", inner.join(", "))
        }
    }
}

/// Builds the [`View`], collecting what the program needs as it goes.
struct Builder<'p, 'w> {
    plan: &'p Plan<'p>,
    warnings: &'w mut Vec<Diagnostic>,
    needs: Needs,
    uses_env: bool,
    uses_part_headers: bool,
    uses_read: bool,
    uses_stdin: bool,
    uses_strip: bool,
    uses_urlencode: bool,
    uses_urlencode_text: bool,
    uses_urlencode_query: bool,
    uses_part: bool,
    uses_header_value: bool,
    uses_method: bool,
    cookie_load: bool,
    cookie_save: bool,
}

impl<'p, 'w> Builder<'p, 'w> {
    fn new(plan: &'p Plan<'p>, warnings: &'w mut Vec<Diagnostic>) -> Self {
        Builder {
            plan,
            warnings,
            needs: Needs::default(),
            uses_env: false,
            uses_part_headers: false,
            uses_read: false,
            uses_stdin: false,
            uses_strip: false,
            uses_urlencode: false,
            uses_urlencode_text: false,
            uses_urlencode_query: false,
            uses_part: false,
            uses_header_value: false,
            uses_method: false,
            cookie_load: false,
            cookie_save: false,
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
        for hex in v.env_encodings() {
            self.uses_urlencode = true;
            match hex {
                HexCase::Upper => self.uses_urlencode_text = true,
                HexCase::Lower => self.uses_urlencode_query = true,
            }
        }
    }

    /// A string expression (`&'static str` or `String`), lossy with a warning when not UTF-8.
    fn text(
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
                let p = self.text(request, path, "a file name", notes);
                format!("read({})?", borrowed(p))
            }
        }
    }

    /// A `-d`-style body that is neither JSON nor a form, as one expression.
    fn raw_body(
        &mut self,
        request: &Request,
        segments: &[Segment],
        notes: &mut Vec<String>,
    ) -> String {
        let mut parts: Vec<String> = Vec::new();
        for seg in segments {
            match seg {
                Segment::Text(v) => {
                    self.note_env(v);
                    let e = bytes_expr(v);
                    if segments.len() == 1 {
                        return e;
                    }
                    parts.push(if str_expr(v).is_some() {
                        format!("{e}.as_bytes()")
                    } else if v.literal().is_some() {
                        e
                    } else {
                        format!("{e}.as_slice()")
                    });
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
                    if segments.len() == 1 {
                        return e;
                    }
                    parts.push(format!("{e}.as_slice()"));
                }
            }
        }
        if parts.is_empty() {
            return "\"\"".to_string();
        }
        format!("[{}].concat()", parts.join(", "))
    }

    /// `&[("name", "value"), …]` for `.query()` and `.form()`.
    fn pairs(&mut self, pairs: &[Pair], indent: usize) -> String {
        let items: Vec<String> = pairs
            .iter()
            .map(|p| {
                self.note_env(&p.value);
                let v = str_expr(&p.value).unwrap_or_else(|| lossy_str_expr(&p.value).0);
                format!("({}, {})", str_literal(&p.name), as_str(v))
            })
            .collect();
        let one_line = format!("&[{}]", items.join(", "));
        if one_line.len() + indent <= 90 {
            return one_line;
        }
        let pad = " ".repeat(indent + 4);
        let close = " ".repeat(indent);
        let inner: Vec<String> = items.iter().map(|i| format!("{pad}{i},")).collect();
        format!("&[\n{}\n{close}]", inner.join("\n"))
    }

    fn multipart(
        &mut self,
        request: &Request,
        parts: &[crate::ir::Part],
        notes: &mut Vec<String>,
    ) -> Vec<String> {
        self.needs.multipart = true;
        // Names and file names as typed, like curl (reqwest would percent-encode some).
        let mut lines = vec![
            "Form::new()".to_string(),
            "    .percent_encode_noop()".to_string(),
        ];
        for part in parts {
            let name = self.text(request, &form_escape(&part.name), "a part name", notes);
            let mut extra = Vec::new();
            let mut header_pairs = Vec::new();
            if let Some(ct) = &part.content_type {
                match ct.literal() {
                    Some(b) if simple_mime(&b).is_some() => {
                        let s = simple_mime(&b).unwrap_or_default();
                        extra.push(format!(".mime_str({})?", str_literal(s)));
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
                extra.push(format!(".headers(part_headers(&[{}]))", pairs.join(", ")));
            }
            let filename = match (&part.filename, &part.content) {
                (Some(f), _) => Some(self.text(request, &form_escape(f), "a file name", notes)),
                (None, PartContent::File(Source::File(p))) => p
                    .literal()
                    .and_then(|b| remote_name(&[b"x:///".as_slice(), &b].concat()))
                    .map(|n| str_literal(&n)),
                _ => None,
            };
            if let Some(f) = &filename {
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
                lines.push(format!("    .part({name}, {data}{})", extra.join("")));
            }
        }
        lines
    }

    /// `.header(…)` lines for one request, without the Content-Type its body call sets itself.
    fn header_lines(&mut self, call: &Call, notes: &mut Vec<String>) -> Vec<String> {
        let request = call.request;
        let implied = match &call.body {
            BodyPlan::Json(j) if j.numbers_are_plain() => Some("application/json"),
            BodyPlan::Form(_) => Some("application/x-www-form-urlencoded"),
            BodyPlan::Multipart(_) => Some("multipart/form-data"),
            _ => None,
        };
        let mut lines = Vec::new();
        for h in &request.headers {
            if h.name.is("content-type") {
                if let Some(m) = implied {
                    let same = h
                        .value
                        .literal()
                        .is_some_and(|v| v.eq_ignore_ascii_case(m.as_bytes()));
                    if matches!(call.body, BodyPlan::Multipart(_)) && !same {
                        notes.push(self.warn(request, "a Content-Type other than multipart/form-data is replaced by reqwest's multipart/form-data with its boundary"));
                    }
                    if same || matches!(call.body, BodyPlan::Multipart(_)) {
                        continue;
                    }
                }
            }
            if header_name(&h.name).is_none() {
                let m = format!(
                    "header name {} is not a valid token; it is left out",
                    comment(h.name.as_str())
                );
                notes.push(self.warn(request, &m));
                continue;
            }
            let name = str_literal(h.name.as_str());
            self.note_env(&h.value);
            let value = match h.value.literal() {
                Some(b) if b.iter().all(|&x| x == b'\t' || (0x20..0x7f).contains(&x)) => {
                    str_literal(&String::from_utf8_lossy(&b))
                }
                Some(b) if b.iter().any(|&x| (x < 0x20 && x != b'\t') || x == 0x7f) => {
                    let m = format!(
                        "header {} holds a line break or control byte, which reqwest refuses; it is left out",
                        comment(h.name.as_str())
                    );
                    notes.push(self.warn(request, &m));
                    continue;
                }
                Some(b) => {
                    self.uses_header_value = true;
                    format!("HeaderValue::from_bytes({})?", bytes_literal(&b))
                }
                None => match str_expr(&h.value) {
                    Some(s) => s,
                    None => {
                        self.uses_header_value = true;
                        format!(
                            "HeaderValue::from_bytes({})?",
                            borrowed(bytes_expr(&h.value))
                        )
                    }
                },
            };
            lines.push(format!(".header({name}, {value})"));
        }
        for removed in &request.removed_headers {
            if removed.is("accept") {
                notes.push(self.warn(request, "reqwest sends Accept: */* with every request that has none; -H 'Accept:' cannot remove it"));
            } else if removed.is("host")
                || removed.is("content-length")
                || removed.is("transfer-encoding")
            {
                let m = format!(
                    "reqwest always sends {0}; -H '{0}:' cannot remove it",
                    removed.as_str()
                );
                notes.push(self.warn(request, &m));
            }
        }
        if self.plan.policy.idempotency_key
            && self.plan.policy.enabled
            && request.header("idempotency-key").is_none()
        {
            self.needs.uuid = true;
            lines.push(
                "// One key for every attempt of this call, so the server can spot repeats."
                    .to_string(),
            );
            lines.push(".header(\"Idempotency-Key\", Uuid::new_v4().to_string())".to_string());
        }
        lines
    }

    /// The lines of `main` that build and send one request.
    fn request_lines(
        &mut self,
        index: usize,
        call: &Call,
        finish_output: bool,
        finish_fail: bool,
    ) -> Vec<String> {
        let request = call.request;
        let total = self.plan.calls.len();
        let mut notes = Vec::new();
        let mut lines = Vec::new();
        if total > 1 {
            let label = format!("{} {}", request.method.as_str(), request.url.display());
            lines.push(format!(
                "    // Request {} of {total}: {}",
                index + 1,
                comment(&label)
            ));
        }
        let url_value = if call.url.query.is_some() {
            &call.url.base
        } else {
            &request.url
        };
        // reqwest takes any IntoUrl: a literal, or the String built at run time.
        let url = self.text(request, url_value, "the URL", &mut notes);
        let start = match &request.method {
            Method::Get => format!("client.get({url})"),
            Method::Post => format!("client.post({url})"),
            Method::Put => format!("client.put({url})"),
            Method::Patch => format!("client.patch({url})"),
            Method::Delete => format!("client.delete({url})"),
            Method::Head => format!("client.head({url})"),
            Method::Options | Method::Trace => {
                self.uses_method = true;
                format!("client.request(Method::{}, {url})", request.method.as_str())
            }
            Method::Custom(m) => {
                self.uses_method = true;
                format!(
                    "client.request(Method::from_bytes({})?, {url})",
                    bytes_literal(m.as_bytes())
                )
            }
        };
        let mut chain = Vec::new();
        if let Some(q) = &call.url.query {
            self.needs.query = true;
            chain.push(format!(".query({})", self.pairs(q, 8)));
        }
        chain.extend(self.header_lines(call, &mut notes));
        match &request.auth {
            None => {}
            Some(Auth::Basic { user, password }) => {
                let u = self.text(request, user, "the user name", &mut notes);
                let p = self.text(request, password, "the password", &mut notes);
                chain.push(format!(".basic_auth({u}, Some({p}))"));
            }
            Some(Auth::Bearer { token }) => {
                let t = self.text(request, token, "the bearer token", &mut notes);
                chain.push(format!(".bearer_auth({t})"));
            }
            Some(Auth::Digest { .. }) => notes.push(self.warn(
                request,
                "reqwest has no Digest authentication: the request is sent without credentials",
            )),
            Some(Auth::Ntlm { .. }) => notes.push(self.warn(
                request,
                "reqwest has no NTLM authentication: the request is sent without credentials",
            )),
            Some(Auth::AwsSigV4 { .. }) => notes.push(self.warn(
                request,
                "AWS SigV4 signing is not converted: the request is sent unsigned",
            )),
        }
        match &call.body {
            BodyPlan::None => {}
            BodyPlan::Json(j) if j.numbers_are_plain() => {
                self.needs.json = true;
                chain.push(format!(".json(&json!({}))", json_literal(j, 8)));
            }
            BodyPlan::Form(pairs) => {
                self.needs.form = true;
                chain.push(format!(".form({})", self.pairs(pairs, 8)));
            }
            BodyPlan::Json(_) | BodyPlan::Raw(_) => {
                if let Some(crate::ir::Body::Data(segments)) = &request.body {
                    let e = self.raw_body(request, segments, &mut notes);
                    chain.push(format!(".body({e})"));
                }
            }
            BodyPlan::Upload(source) => {
                let e = self.source_bytes(request, source, &mut notes);
                chain.push(format!(".body({e})"));
            }
            BodyPlan::Multipart(parts) => {
                let form = self.multipart(request, parts, &mut notes);
                chain.push(".multipart(".to_string());
                chain.extend(form.into_iter().map(|l| format!("    {l}")));
                chain.push(")".to_string());
            }
        }
        lines.extend(notes);
        lines.push(format!("    let request = {start}"));
        lines.extend(chain.iter().map(|c| format!("        {c}")));
        if let Some(last) = lines.last_mut() {
            last.push(';');
        }

        let mut args = vec![if self.plan.policy.circuit_breaker {
            "send_guarded(request).await".to_string()
        } else {
            "send_with_retry(request).await".to_string()
        }];
        if finish_output {
            let mut out_notes = Vec::new();
            let out = match &request.transfer.output {
                Output::Stdout => "None".to_string(),
                Output::File(v) => {
                    let e = self.text(request, v, "the output file name", &mut out_notes);
                    format!("Some({})", borrowed(e))
                }
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
            "    let code = finish({}).await?;",
            args.join(", ")
        ));
        lines
    }

    /// The client builder and what it needs, as lines of `main`.
    fn client_lines(&mut self, teardown: &mut Vec<String>) -> Vec<String> {
        let requests: Vec<&Request> = self.plan.calls.iter().map(|c| c.request).collect();
        let mut setup = Vec::new();
        let mut chain = vec![
            format!(".user_agent(\"curl2code/{}\")", env!("CARGO_PKG_VERSION")),
            ".connect_timeout(CONNECT_TIMEOUT)".to_string(),
        ];
        let any = |f: &dyn Fn(&Request) -> bool| requests.iter().any(|r| f(r));

        if self.plan.features.cookie_files {
            self.needs.cookies = true;
            setup.push("    // -b/-c FILE turn on curl's cookie engine: cookies a response sets go with the next requests.".to_string());
            setup.push("    let cookies = Arc::new(CookieStoreMutex::default());".to_string());
            let mut files: Vec<(&Request, &Value)> = Vec::new();
            for r in &requests {
                for f in &r.transfer.cookie_files {
                    if !files.iter().any(|(_, seen)| *seen == f) {
                        files.push((r, f));
                    }
                }
            }
            for (r, f) in &files {
                let mut notes = Vec::new();
                let arg = borrowed(self.text(r, f, "a cookie file name", &mut notes));
                setup.extend(notes);
                setup.push(format!("    load_cookies(&cookies, {arg});"));
            }
            self.cookie_load = !files.is_empty();
            if let Some((r, jar)) = requests
                .iter()
                .rev()
                .find_map(|r| r.transfer.cookie_jar.as_ref().map(|j| (*r, j)))
            {
                self.cookie_save = true;
                let mut notes = Vec::new();
                let arg = borrowed(self.text(r, jar, "the cookie jar file name", &mut notes));
                teardown.push(
                    "    // -c FILE: write every cookie back, as curl does when it is done."
                        .to_string(),
                );
                teardown.extend(notes);
                teardown.push(format!("    save_cookies(&cookies, {arg})?;"));
            }
            chain.push(".cookie_provider(Arc::clone(&cookies))".to_string());
        }
        match requests.iter().find(|r| r.transfer.follow_redirects) {
            Some(r) => {
                let max = r.transfer.max_redirects.unwrap_or(50);
                chain.push(format!(".redirect(Policy::limited({max})) // -L"));
                if any(&|r| !r.transfer.follow_redirects) {
                    let n = self.warn(r, "some requests follow redirects (-L) and others do not; the shared client follows them for all");
                    setup.push(n);
                }
            }
            None => chain.push(
                ".redirect(Policy::none()) // curl follows no redirects without -L".to_string(),
            ),
        }
        if any(&|r| r.transfer.compressed) {
            // reqwest asks for compressed answers and decodes them once its features are on.
            self.needs.compressed = true;
        }
        if any(&|r| r.transfer.insecure) {
            chain.push("// !!! DANGER (-k): TLS certificates are NOT verified; remove this line for real use.".to_string());
            chain.push(".danger_accept_invalid_certs(true)".to_string());
        }
        if let Some((r, ca)) = requests
            .iter()
            .find_map(|r| r.transfer.cacert.as_ref().map(|c| (*r, c)))
        {
            self.uses_read = true;
            let mut notes = Vec::new();
            let arg = borrowed(self.text(r, ca, "the CA file name", &mut notes));
            setup.extend(notes);
            setup.push("    // --cacert: trust only these CAs, as curl does.".to_string());
            setup.push(format!(
                "    let ca = Certificate::from_pem_bundle(&read({arg})?)?;"
            ));
            chain.push(".tls_certs_only(ca)".to_string());
        }
        if let Some((r, cert)) = requests
            .iter()
            .find_map(|r| r.transfer.cert.as_ref().map(|c| (*r, c)))
        {
            self.uses_read = true;
            let mut notes = Vec::new();
            let c = borrowed(self.text(r, cert, "the certificate file name", &mut notes));
            let pem = match &r.transfer.key {
                Some(k) => {
                    let k = borrowed(self.text(r, k, "the key file name", &mut notes));
                    format!("[read({c})?, read({k})?].concat()")
                }
                None => format!("read({c})?"),
            };
            setup.extend(notes);
            setup.push(
                "    // --cert/--key: a client certificate and its private key, both PEM."
                    .to_string(),
            );
            setup.push(format!("    let identity = Identity::from_pem(&{pem})?;"));
            chain.push(".identity(identity)".to_string());
        }
        if let Some((r, proxy)) = requests
            .iter()
            .find_map(|r| r.transfer.proxy.as_ref().map(|p| (*r, p)))
        {
            let mut notes = Vec::new();
            let url = self.text(r, &proxy.url, "the proxy URL", &mut notes);
            if proxy
                .url
                .literal()
                .is_some_and(|u| u.to_ascii_lowercase().starts_with(b"socks"))
            {
                self.needs.socks = true;
            }
            let mut line = format!("    let proxy = Proxy::all({url})?");
            if let Some(user) = &proxy.user {
                let u = borrowed(self.text(r, user, "the proxy user", &mut notes));
                let p = match &proxy.password {
                    Some(p) => borrowed(self.text(r, p, "the proxy password", &mut notes)),
                    None => "\"\"".to_string(),
                };
                line.push_str(&format!(".basic_auth({u}, {p})"));
            }
            if let Some(np) = &r.transfer.noproxy {
                let list = borrowed(self.text(r, np, "the --noproxy list", &mut notes));
                line.push_str(&format!(".no_proxy(NoProxy::from_string({list}))"));
            }
            setup.extend(notes);
            setup.push(line + ";");
            chain.push(".proxy(proxy)".to_string());
        } else if let Some((r, np)) = requests
            .iter()
            .find_map(|r| r.transfer.noproxy.as_ref().map(|n| (*r, n)))
        {
            if np.literal().as_deref() == Some(b"*") {
                chain.push(".no_proxy() // --noproxy '*'".to_string());
            } else {
                let n = self.warn(r, "--noproxy without -x applies to proxies from the environment; reqwest reads NO_PROXY instead");
                setup.push(n);
            }
        }
        let mut lines = setup;
        lines.push("    let client = Client::builder()".to_string());
        lines.extend(chain.into_iter().map(|c| format!("        {c}")));
        lines.push("        .build()?;".to_string());
        lines
    }

    fn build(mut self) -> View {
        let plan = self.plan;
        let policy = plan.policy;
        let finish_output = plan.features.writes_files;
        let finish_fail_flag = plan.calls.iter().any(|c| c.request.transfer.fail);

        let mut teardown = Vec::new();
        let mut main_lines = self.client_lines(&mut teardown);
        let mut blocks = Vec::new();
        for (i, call) in plan.calls.iter().enumerate() {
            blocks.push(self.request_lines(i, call, finish_output, finish_fail_flag));
        }
        if self.uses_stdin {
            main_lines.insert(
                0,
                "    let stdin = read_stdin()?; // read once: every attempt sends the same bytes"
                    .to_string(),
            );
        }
        let several = blocks.len() > 1;
        if several {
            main_lines.push("    // Like curl with several URLs, a failed request does not stop the next ones; the program".to_string());
            main_lines.push("    // exits with the code of the last one that failed.".to_string());
            main_lines.push("    let mut exit = ExitCode::SUCCESS;".to_string());
        }
        for block in blocks {
            if several {
                main_lines.push(String::new());
            }
            main_lines.extend(block);
            if several {
                main_lines.push("    if code != ExitCode::SUCCESS {".to_string());
                main_lines.push("        exit = code;".to_string());
                main_lines.push("    }".to_string());
            }
        }
        if several {
            main_lines.extend(teardown);
            main_lines.push("    Ok(exit)".to_string());
        } else if teardown.is_empty() {
            // One call and nothing after it: its exit code is main's result.
            if let Some(last) = main_lines.last_mut() {
                if let Some(call) = last
                    .strip_prefix("    let code = ")
                    .and_then(|l| l.strip_suffix("?;"))
                {
                    *last = format!("    {call}");
                }
            }
        } else {
            main_lines.extend(teardown);
            main_lines.push("    Ok(code)".to_string());
        }

        let retry = policy.enabled;
        let max_retries = if retry { policy.max_retries } else { 0 };
        let jitter = retry && policy.jitter == Jitter::Full;
        self.needs.jitter = jitter;
        let idempotency_key = retry && policy.idempotency_key;
        let all_repeatable = policy.non_idempotent != NonIdempotentRetry::Never || idempotency_key;
        let gate = retry
            && !all_repeatable
            && plan.calls.iter().any(|c| {
                !c.request.method.is_idempotent() && c.request.header("idempotency-key").is_none()
            });
        let fallback = retry && !policy.fallback_urls.is_empty();
        let mut repeat_note = Vec::new();
        if retry {
            if policy.retry_all_errors {
                repeat_note
                    .push("curl's --retry-all-errors: every HTTP error status is retried too.");
            }
            match policy.non_idempotent {
                NonIdempotentRetry::CurlRetryFlag => repeat_note.push("Every method is retried, POST too: the curl command asked for it with --retry."),
                NonIdempotentRetry::Requested => repeat_note.push("Every method is retried, POST too: asked for with --retry-non-idempotent."),
                NonIdempotentRetry::Never if idempotency_key => repeat_note.push("Every method is retried: each call carries an Idempotency-Key (RFC 9110 §9.2.2)."),
                NonIdempotentRetry::Never => {}
            }
        }
        let title = match plan.calls.as_slice() {
            [one] => format!(
                "{} {}",
                one.request.method.as_str(),
                comment(&one.request.url.display())
            ),
            calls => format!("{} requests in turn", calls.len()),
        };
        let policy_summary = match (retry, policy.fixed_delay) {
            (false, _) => "one attempt per call, no retries".to_string(),
            (true, Some(d)) => format!("{max_retries} retries, {} apart", secs(d)),
            (true, None) => format!(
                "{max_retries} retries, waiting {} doubling up to {}{}, at most {} in all",
                secs(policy.base_delay),
                secs(policy.max_delay),
                if jitter { " (with jitter)" } else { "" },
                secs(policy.deadline)
            ),
        };
        let uses = self.uses(policy.circuit_breaker);
        View {
            title,
            dependencies: self.needs.dependency_lines(),
            uses,
            retry,
            jitter,
            max_retries,
            policy_summary,
            fixed_delay: policy.fixed_delay.map(duration).unwrap_or_default(),
            base_delay: duration(policy.base_delay),
            max_delay: duration(policy.max_delay),
            deadline: duration(policy.deadline),
            connect_timeout: duration(policy.connect_timeout),
            attempt_timeout: duration(policy.attempt_timeout),
            retry_all_errors: policy.retry_all_errors,
            retry_status_count: policy.retry_statuses.len(),
            retry_statuses: policy
                .retry_statuses
                .iter()
                .map(u16::to_string)
                .collect::<Vec<_>>()
                .join(", "),
            gate,
            repeat_note,
            status_retryable: match (gate, policy.retry_all_errors) {
                (true, true) => "repeatable && r.status().as_u16() >= 400",
                (true, false) => "repeatable && RETRY_STATUSES.contains(&r.status().as_u16())",
                (false, true) => "r.status().as_u16() >= 400",
                (false, false) => "RETRY_STATUSES.contains(&r.status().as_u16())",
            },
            error_retryable: if gate {
                "repeatable || e.is_connect()"
            } else {
                "true"
            },
            fallback,
            fallback_count: policy.fallback_urls.len(),
            fallback_urls: policy
                .fallback_urls
                .iter()
                .map(|u| str_literal(u))
                .collect::<Vec<_>>()
                .join(", "),
            breaker: policy.circuit_breaker,
            main_lines,
            finish_output,
            finish_fail_flag,
            uses_env: self.uses_env,
            uses_part_headers: self.uses_part_headers,
            uses_read: self.uses_read,
            uses_stdin: self.uses_stdin,
            uses_strip: self.uses_strip,
            uses_urlencode: self.uses_urlencode,
            uses_urlencode_text: self.uses_urlencode_text,
            uses_urlencode_query: self.uses_urlencode_query,
            cookie_load: self.cookie_load,
            cookie_save: self.cookie_save,
        }
    }

    /// The `use` lines: exactly what the emitted code names, one line for std and one per crate.
    fn uses(&self, breaker: bool) -> Vec<String> {
        let pick = |items: &[(bool, &str)]| -> Vec<String> {
            items
                .iter()
                .filter(|(on, _)| *on)
                .map(|(_, s)| s.to_string())
                .collect()
        };
        let group = |path: &str, items: Vec<String>| -> Option<String> {
            match items.as_slice() {
                [] => None,
                [one] => Some(format!("use {path}::{one};")),
                many => Some(format!("use {path}::{{{}}};", many.join(", "))),
            }
        };
        let nested = |path: &str, items: Vec<String>| -> Option<String> {
            match items.as_slice() {
                [] => None,
                [one] => Some(format!("{path}::{one}")),
                many => Some(format!("{path}::{{{}}}", many.join(", "))),
            }
        };
        let calls = &self.plan.calls;
        let any = |f: &dyn Fn(&Request) -> bool| calls.iter().any(|c| f(c.request));
        let cookies = self.needs.cookies;
        let std_items: Vec<String> = [
            nested("error", pick(&[(true, "Error")])),
            nested("io", pick(&[(self.uses_stdin, "Read"), (true, "Write")])),
            nested("process", pick(&[(true, "ExitCode")])),
            nested(
                "sync",
                pick(&[
                    (cookies, "Arc"),
                    (breaker, "Mutex"),
                    (breaker || cookies, "PoisonError"),
                ]),
            ),
            nested(
                "time",
                pick(&[
                    (true, "Duration"),
                    (true, "Instant"),
                    (true, "SystemTime"),
                    (self.cookie_load, "UNIX_EPOCH"),
                ]),
            ),
        ]
        .into_iter()
        .flatten()
        .collect();
        let mut reqwest_items: Vec<String> = [
            nested(
                "header",
                pick(&[
                    (self.uses_part_headers, "HeaderMap"),
                    (self.uses_part_headers, "HeaderName"),
                    (
                        self.uses_part_headers || self.uses_header_value,
                        "HeaderValue",
                    ),
                    (true, "RETRY_AFTER"),
                ]),
            ),
            nested(
                "multipart",
                pick(&[(self.needs.multipart, "Form"), (self.uses_part, "Part")]),
            ),
            nested("redirect", pick(&[(true, "Policy")])),
        ]
        .into_iter()
        .flatten()
        .collect();
        reqwest_items.extend(pick(&[
            (any(&|r| r.transfer.cacert.is_some()), "Certificate"),
            (true, "Client"),
            (any(&|r| r.transfer.cert.is_some()), "Identity"),
            (self.uses_method, "Method"),
            (
                any(&|r| r.transfer.proxy.is_some() && r.transfer.noproxy.is_some()),
                "NoProxy",
            ),
            (any(&|r| r.transfer.proxy.is_some()), "Proxy"),
            (true, "Request"),
            (true, "RequestBuilder"),
            (true, "Response"),
            (true, "ResponseBuilderExt"),
            (true, "Url"),
        ]));
        let lines = [
            group("std", std_items),
            group(
                "cookie_store",
                pick(&[
                    (self.cookie_save, "CookieDomain"),
                    (self.cookie_save, "CookieExpiration"),
                ]),
            ),
            group("reqwest", reqwest_items),
            group(
                "reqwest_cookie_store",
                pick(&[(cookies, "CookieStoreMutex")]),
            ),
            group("serde_json", pick(&[(self.needs.json, "json")])),
            group("uuid", pick(&[(self.needs.uuid, "Uuid")])),
        ];
        let mut out = vec![String::new()];
        out.extend(lines.into_iter().flatten());
        out
    }
}
