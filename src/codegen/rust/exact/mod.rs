//! The `--exact` Rust view model: requests + policy → the values `templates/rust/exact.rs.askama`
//! prints, a program that sends curl's bytes.
//!
//! The generated program uses reqwest (async, rustls with the ring provider) and a current-thread
//! tokio runtime. Everything the program does not need is left out (imports, helpers, constants,
//! crate features), so it passes `cargo clippy -- -D warnings` whatever the input.

use super::super::Program;
use super::literal::{
    bytes_expr, bytes_literal, comment, f64_literal, lossy_str_expr, str_arg, str_expr, str_literal,
};
use super::names::{
    form_escape, header_name, part_file_name, remote_name, simple_mime, url_changes,
};
use super::uses::{Uses, warn};
use crate::diagnostic::Diagnostic;
use crate::ir::{
    Auth, Body, HeaderName, Method, Output, PartContent, Request, Segment, Source, Transform, Value,
};
use crate::policy::{Jitter, NonIdempotentRetry, RetryPolicy};
use askama::Template;

mod body;
mod response;
use response::takes_header_name;
mod setup;

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
    /// None: no limit (0 in the command), and no code that applies one.
    deadline: Option<String>,
    connect_timeout: Option<String>,
    attempt_timeout: Option<String>,
    retry_all_errors: bool,
    retry_status_count: usize,
    retry_statuses: String,
    gate: bool,
    fallback: bool,
    fallback_count: usize,
    fallback_urls: String,
    breaker: bool,
    breaker_failures: u32,
    breaker_cooldown: String,
    idempotency_key: bool,
    /// The 502 playbook: the `Upstreams` object (breakers, health verdicts) passed to `send`.
    pb: super::playbook::Playbook,
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
    /// -i, -D or --etag-save: `send_once` keeps the last response's head (`keep_head`).
    keeps_head: bool,
    /// -D FILE or --etag-save: the `write_file` function.
    writes_head_files: bool,
    /// --no-clobber: the `free_name` function.
    uses_free_name: bool,
    /// -J: the `header_name` function.
    uses_header_name: bool,
    uses_part_headers: bool,
    /// -F parts under a type other than multipart/form-data: `boundary()` and `attachment()`.
    uses_attachments: bool,
    uses_read: bool,
    /// `tls_file()`: TLS files read and parsed up front.
    uses_tls_file: bool,
    /// `-n`, `--netrc-file`: the program's netrc_auth.
    uses_netrc: bool,
    uses_stdin: bool,
    uses_strip: bool,
    uses_urlencode: bool,
    uses_urlencode_text: bool,
    uses_urlencode_query: bool,
    uses_read_query: bool,
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

/// Builds the [`View`], collecting what the program needs as it goes.
struct Builder<'a, 'w> {
    program: &'a Program<'a>,
    warnings: &'w mut Vec<Diagnostic>,
    needs: Needs,
    uses: Uses,
    uses_header_map: bool,
    uses_header_value_type: bool,
    /// -F parts under a type other than multipart/form-data: `boundary()` and `attachment()`.
    uses_attachments: bool,
}

impl<'a, 'w> Builder<'a, 'w> {
    fn new(program: &'a Program<'a>, warnings: &'w mut Vec<Diagnostic>) -> Self {
        Builder {
            program,
            warnings,
            needs: Needs::default(),
            uses: Uses::default(),
            uses_header_map: false,
            uses_header_value_type: false,
            uses_attachments: false,
        }
    }

    /// Records a warning and returns the matching `// NOTE:` line for the code.
    fn warn(&mut self, request: &Request, message: &str) -> String {
        warn(self.warnings, request, message)
    }

    fn note_env(&mut self, v: &Value) {
        self.uses.note_env(v);
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
                self.uses.header_value = true;
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
        let attachments = multipart && request.part_disposition() == "attachment";
        let mut header_lines = Vec::new();
        for h in &request.headers {
            if multipart && h.name.is("content-type") {
                let plain = h
                    .value
                    .literal()
                    .is_some_and(|v| v.eq_ignore_ascii_case(b"multipart/form-data"));
                if !plain && !attachments {
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
        let mut setup = self.etag_compare(request, &mut header_lines);
        let mut chain = super::connect::version_line(request);
        if !header_lines.is_empty() {
            self.uses_header_map = true;
            self.uses_header_value_type = true;
            setup.push("    let mut headers = HeaderMap::new();".to_string());
            setup.extend(header_lines);
            chain.push(".headers(headers.clone())".to_string());
        }

        let mut start = "request".to_string();
        match &request.auth {
            None => {}
            Some(Auth::Netrc { file, host }) => {
                // Read when the program runs: the file's secrets stay out of the code.
                self.uses.netrc = true;
                let file = match file {
                    Some(f) => self.text_expr(request, f, "the netrc file name", &mut notes),
                    None => super::HOME_NETRC.to_string(),
                };
                let host = self.text_arg(request, host, "the host name", &mut notes);
                start = format!("netrc_auth(request, {file}, {host})");
            }
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
            Some(Body::Multipart(parts)) if attachments => {
                setup.extend(self.attachments(request, parts, &mut notes));
                chain.push(".header(\"content-type\", content_type.as_str())".to_string());
                chain.push(".body(body.clone())".to_string());
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
        let policy = self.program.retry_policy;
        let upstreams = if policy.circuit_breaker || policy.health_check.is_some() {
            "&upstreams, "
        } else {
            ""
        };
        if chain.is_empty() && start == "request" {
            lines.push(format!(
                "    let result = send(&client, {upstreams}{method}, {url}, async |request| request).await;"
            ));
        } else {
            lines.push(format!(
                "    let result = send(&client, {upstreams}{method}, {url}, async |request| {{"
            ));
            lines.push(format!("        {start}"));
            lines.extend(chain.iter().map(|c| format!("            {c}")));
            lines.push("    })".to_string());
            lines.push("    .await;".to_string());
        }

        lines.extend(self.saving(request));
        self.finish_call(request, finish_output, finish_fail, &mut lines);
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
        if self.uses.stdin {
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

        let pb = super::playbook::Playbook::new(policy, false);
        // The Upstreams object needs the attempt loop, with MAX_RETRIES = 0 when retries are off.
        let retry = policy.enabled || pb.upstreams;
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

        let uses = self.uses(retry, jitter, idempotency_key, pb.upstreams);
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
            deadline: policy.deadline.map(seconds),
            connect_timeout: policy.connect_timeout.map(seconds),
            attempt_timeout: policy.attempt_timeout.map(seconds),
            retry_all_errors: policy.retry_all_errors,
            retry_status_count: policy.retry_statuses.len(),
            retry_statuses: statuses,
            gate,
            fallback,
            fallback_count: policy.fallback_urls.len(),
            fallback_urls,
            breaker,
            breaker_failures: policy.breaker_failures,
            breaker_cooldown: crate::codegen::literal::decimal::duration_expr(
                policy.breaker_cooldown,
            ),
            idempotency_key,
            pb,
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
            uses_env: self.uses.env,
            uses_header_value: self.uses.header_value,
            keeps_head: requests.iter().any(|r| {
                let s = &r.transfer.saving;
                s.head() || s.etag_save.is_some() || takes_header_name(r)
            }),
            uses_header_name: requests.iter().any(takes_header_name),
            uses_free_name: requests
                .iter()
                .any(|r| r.transfer.saving.no_clobber && r.transfer.output != Output::Stdout),
            writes_head_files: requests.iter().any(|r| {
                let s = &r.transfer.saving;
                matches!(s.dump_header, Some(Output::File(_))) || s.etag_save.is_some()
            }),
            uses_part_headers: self.uses.part_headers,
            uses_attachments: self.uses_attachments,
            uses_read: self.uses.read,
            uses_tls_file: self.uses.tls_file,
            uses_netrc: self.uses.netrc,
            uses_stdin: self.uses.stdin,
            uses_strip: self.uses.strip,
            uses_urlencode: self.uses.urlencode,
            uses_urlencode_text: self.uses.urlencode_text,
            uses_urlencode_query: self.uses.urlencode_query,
            uses_read_query: self.uses.read_query,
            cookies: self.needs.cookies,
            cookie_load: self.uses.cookie_load,
            cookie_save: self.needs.cookie_save,
        }
    }
}
