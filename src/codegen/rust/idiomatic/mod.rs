//! The default Rust output: the plan → the view `templates/rust/idiomatic.rs.askama` prints, a
//! program a Rust developer would write: the request first in `main`, built with reqwest's own
//! calls (`.json(&json!(…))`, `.form(&[…])`, `.query(&[…])`, `multipart::Form`), then one
//! `send_with_retry(RequestBuilder)` helper. It is judged by semantic equality with curl, not
//! byte equality: reqwest's own defaults (Accept, header order and case) stay.
//!
//! `--exact` is the same view with `exact` on: the same layout, helper and support code; only
//! the request keeps curl's bytes (URL and body as typed, every header in curl's order, curl's
//! User-Agent, no compression unless asked, cookies in curl's order, "attachment" parts).

mod client;
#[cfg(feature = "exact")]
mod exact;
mod request;
mod response;

use super::names::{header_name, part_file_name, remote_name, simple_mime};
use super::uses::{Uses, warn};
use crate::codegen::Program;
use crate::codegen::plan::json::Json;
use crate::codegen::plan::pairs::Pair;
use crate::codegen::plan::{BodyPlan, Call, Plan};
use crate::codegen::rust::literal::{
    bytes_expr, bytes_literal, comment, lossy_str_expr, str_expr, str_literal, with_fallible_env,
};
use crate::diagnostic::Diagnostic;
use crate::ir::{
    Auth, HeaderName, Method, Output, PartContent, Request, Segment, Source, Transform, Value,
};
use crate::policy::{Jitter, NonIdempotentRetry};
use askama::Template;

/// The reqwest line of the test suites' project: default features (rustls with its default
/// crypto provider, as every generated program declares) and every optional feature either mode uses.
#[cfg(feature = "exact")]
pub(super) const REQWEST_SUPERSET: &str = "reqwest = { version = \"0.13\", features = [\"blocking\", \"brotli\", \"cookies\", \"deflate\", \"form\", \"gzip\", \"json\", \"multipart\", \"query\", \"socks\", \"zstd\"] }";

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
    /// reqwest::blocking instead of tokio.
    blocking: bool,
    /// A multipart form buffered with futures-util (async only).
    form_buffer: bool,
    /// `--exact`'s own multipart boundary (`boundary()`): fastrand without jitter.
    random: bool,
}

impl Needs {
    /// Every feature: for the union of dependencies.
    #[cfg(feature = "exact")]
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
            blocking: false,
            form_buffer: true,
            random: true,
        }
    }

    pub(super) fn dependency_lines(&self) -> Vec<String> {
        let features: Vec<String> = [
            (self.blocking, "blocking"),
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
        if !self.blocking {
            lines.push(
                "tokio = { version = \"1\", features = [\"macros\", \"rt-multi-thread\", \"time\"] }"
                    .to_string(),
            );
        }
        if self.form_buffer && !self.blocking {
            lines.push("futures-util = \"0.3\"".to_string());
        }
        // http: to hand back a response whose body the helper has read; httpdate: Retry-After.
        lines.push("http = \"1\"".to_string());
        lines.push("httpdate = \"1\"".to_string());
        if self.jitter || self.random {
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
    /// `--exact`: curl's bytes (header order, no compression, curl's User-Agent); only the
    /// request and a few helpers differ from the default output.
    exact: bool,
    /// --exact with -b/-c FILE: the `Jar` that sends cookies in curl's order.
    jar: bool,
    /// --exact: -F parts under a type other than multipart/form-data (`boundary()`, `attachment()`).
    uses_attachments: bool,
    dependencies: Vec<String>,
    uses: Vec<String>,
    retry: bool,
    jitter: bool,
    max_retries: u32,
    fixed_delay: String,
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
    repeat_note: Vec<&'static str>,
    status_retryable: &'static str,
    fallback: bool,
    fallback_count: usize,
    fallback_urls: String,
    breaker: bool,
    breaker_failures: u32,
    breaker_cooldown: String,
    /// The 502 playbook: the `Upstreams` object (breakers, health verdicts) passed to the helper.
    pb: super::playbook::Playbook,
    main_lines: Vec<String>,
    /// reqwest::blocking: no tokio, no `async`/`.await`, `std::thread::sleep`.
    blocking: bool,
    async_: &'static str,
    await_: &'static str,
    sleep: &'static str,
    /// The `finish` function: several calls, -o, -f or a cookie jar to write after the call.
    finish: bool,
    finish_output: bool,
    finish_fail_flag: bool,
    /// Some call has -i: `finish` puts the headers first.
    finish_include: bool,
    /// -i or -D: the `head_of` function.
    uses_head_of: bool,
    /// --no-clobber: the `free_name` function.
    uses_free_name: bool,
    /// -J: the `header_name` function.
    uses_header_name: bool,
    uses_env: bool,
    uses_part_headers: bool,
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
    cookie_load: bool,
    cookie_save: bool,
}

/// Renders the default-mode program; `blocking` for the rust-blocking flavour (reqwest::blocking).
pub(super) fn render(program: &Program, blocking: bool, warnings: &mut Vec<Diagnostic>) -> String {
    render_in(program, blocking, false, warnings)
}

/// Renders the `--exact` program: the default's layout and helper, with curl's bytes.
#[cfg(feature = "exact")]
pub(super) fn render_exact(program: &Program, warnings: &mut Vec<Diagnostic>) -> String {
    render_in(program, false, true, warnings)
}

fn render_in(
    program: &Program,
    blocking: bool,
    exact: bool,
    warnings: &mut Vec<Diagnostic>,
) -> String {
    let mut plan = program.plan();
    if exact {
        // curl's bytes: the URL as typed (no query pairs), a body as typed (no JSON or form
        // encoder of reqwest's).
        for call in &mut plan.calls {
            call.url.query = None;
            if let (BodyPlan::Json(_) | BodyPlan::Form(_), Some(crate::ir::Body::Data(s))) =
                (&call.body, &call.request.body)
            {
                call.body = BodyPlan::Raw(s);
            }
        }
    }
    let view = with_fallible_env(|| {
        let mut builder = Builder::new(&plan, blocking, warnings);
        builder.exact = exact;
        builder.build()
    });
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

/// Builds the [`View`], collecting what the program needs as it goes.
struct Builder<'p, 'w> {
    plan: &'p Plan<'p>,
    warnings: &'w mut Vec<Diagnostic>,
    blocking: bool,
    /// `--exact`: curl's bytes.
    exact: bool,
    /// --exact: -F parts written as "attachment" parts.
    uses_attachments: bool,
    /// Some call sends a multipart form, buffered up front (futures-util's try_collect).
    uses_form_buffer: bool,
    /// Main writes the single call's body itself (no `finish`).
    inline_finish: bool,
    needs: Needs,
    uses: Uses,
    uses_method: bool,
    cookie_save: bool,
    /// -i or -D: the `head_of` function.
    uses_head_of: bool,
    /// --no-clobber: the `free_name` function.
    uses_free_name: bool,
    /// -J: the `header_name` function.
    uses_header_name: bool,
}

impl<'p, 'w> Builder<'p, 'w> {
    /// --exact with -b/-c FILE: the `Jar` that sends cookies in curl's order.
    fn jar(&self) -> bool {
        self.exact && self.needs.cookies
    }

    fn new(plan: &'p Plan<'p>, blocking: bool, warnings: &'w mut Vec<Diagnostic>) -> Self {
        Builder {
            plan,
            warnings,
            blocking,
            exact: false,
            uses_attachments: false,
            uses_form_buffer: false,
            inline_finish: false,
            needs: Needs::default(),
            uses: Uses::default(),
            uses_method: false,
            uses_head_of: false,
            uses_free_name: false,
            uses_header_name: false,
            cookie_save: false,
        }
    }

    /// Records a warning and returns the matching `// NOTE:` line for the code.
    fn warn(&mut self, request: &Request, message: &str) -> String {
        warn(self.warnings, request, message)
    }

    fn note_env(&mut self, v: &Value) {
        self.uses.note_env(v);
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

    fn build(mut self) -> View {
        let plan = self.plan;
        let policy = plan.policy;
        let finish_output = plan.features.writes_files;
        let finish_fail_flag = plan.calls.iter().any(|c| c.request.transfer.fail);

        let mut teardown = Vec::new();
        let mut main_lines = self.client_lines(&mut teardown);
        if policy.circuit_breaker || policy.health_check.is_some() {
            // One for the program's lifetime, like the client: every call shares what it learns.
            main_lines.push("    let upstreams = Upstreams::default();".to_string());
        }
        let saving = plan
            .calls
            .iter()
            .any(|c| !c.request.transfer.saving.is_unused());
        self.inline_finish = plan.calls.len() == 1
            && !finish_output
            && !finish_fail_flag
            && !saving
            && teardown.is_empty();
        let mut blocks = Vec::new();
        for (i, call) in plan.calls.iter().enumerate() {
            blocks.push(self.request_lines(i, call, finish_output, finish_fail_flag));
        }
        if self.uses.stdin {
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
        } else if self.inline_finish {
            // main wrote the body and returns the exit code itself.
        } else if teardown.is_empty() {
            // One call and nothing after it: its exit code is main's result.
            let last = main_lines.last_mut();
            let call = last.as_ref().and_then(|l| {
                l.strip_prefix("    let code = ")
                    .and_then(|l| l.strip_suffix("?;"))
            });
            match (call.map(str::to_string), last) {
                (Some(call), Some(last)) => *last = format!("    {call}"),
                // A call with more than `finish` (--max-filesize's check) ends in `code`.
                _ => main_lines.push("    Ok(code)".to_string()),
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
        self.needs.blocking = self.blocking;
        self.needs.form_buffer = self.uses_form_buffer;
        let health = policy.health_check.is_some();
        let uses = self.uses(policy.circuit_breaker, health);
        self.needs.random = self.uses_attachments;
        let jar = self.jar();
        View {
            title,
            exact: self.exact,
            jar,
            uses_attachments: self.uses_attachments,
            dependencies: self.needs.dependency_lines(),
            uses,
            retry,
            jitter,
            max_retries,
            fixed_delay: policy.fixed_delay.map(duration).unwrap_or_default(),
            base_delay: duration(policy.base_delay),
            max_delay: duration(policy.max_delay),
            deadline: policy.deadline.map(duration),
            connect_timeout: policy.connect_timeout.map(duration),
            attempt_timeout: policy.attempt_timeout.map(duration),
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
            status_retryable: if policy.retry_all_errors {
                "status >= 400"
            } else {
                "RETRY_STATUSES.contains(&status)"
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
            pb: super::playbook::Playbook::new(policy, self.blocking),
            breaker_failures: policy.breaker_failures,
            breaker_cooldown: crate::codegen::literal::decimal::duration_expr(
                policy.breaker_cooldown,
            ),
            main_lines,
            blocking: self.blocking,
            async_: if self.blocking { "" } else { "async " },
            await_: if self.blocking { "" } else { ".await" },
            sleep: if self.blocking {
                "std::thread::sleep"
            } else {
                "tokio::time::sleep"
            },
            finish: !self.inline_finish,
            finish_output,
            finish_fail_flag,
            finish_include: plan.calls.iter().any(|c| c.request.transfer.saving.include),
            uses_head_of: self.uses_head_of,
            uses_free_name: self.uses_free_name,
            uses_header_name: self.uses_header_name,
            uses_env: self.uses.env,
            uses_part_headers: self.uses.part_headers,
            uses_read: self.uses.read,
            uses_tls_file: self.uses.tls_file,
            uses_netrc: self.uses.netrc,
            uses_stdin: self.uses.stdin,
            uses_strip: self.uses.strip,
            uses_urlencode: self.uses.urlencode,
            uses_urlencode_text: self.uses.urlencode_text,
            uses_urlencode_query: self.uses.urlencode_query,
            uses_read_query: self.uses.read_query,
            cookie_load: self.uses.cookie_load,
            cookie_save: self.cookie_save,
        }
    }

    /// The `use` lines: exactly what the emitted code names, as rustfmt leaves them: one line per
    /// module path with a brace list, no nested braces (rustfmt would stack those one a line).
    fn uses(&self, breaker: bool, health: bool) -> Vec<String> {
        let upstreams = breaker || health;
        let auth = health && self.plan.policy.health_check_auth;
        let calls = &self.plan.calls;
        let any = |f: &dyn Fn(&Request) -> bool| calls.iter().any(|c| f(c.request));
        let cookies = self.needs.cookies;
        let jar = self.jar();
        let fallback = self.plan.policy.enabled && !self.plan.policy.fallback_urls.is_empty();
        let lib = if self.blocking {
            "reqwest::blocking"
        } else {
            "reqwest"
        };
        // (path, item, wanted): items of one path join one `use` line.
        let items: Vec<(&str, &str, bool)> = vec![
            ("cookie_store", "CookieDomain", self.cookie_save),
            ("cookie_store", "CookieExpiration", self.cookie_save),
            (
                "futures_util",
                "TryStreamExt",
                self.uses_form_buffer && !self.blocking,
            ),
            ("reqwest::cookie", "CookieStore", jar),
            ("reqwest::header", "AUTHORIZATION", auth),
            ("reqwest::header", "COOKIE", auth),
            (
                "reqwest::header",
                "HeaderMap",
                self.uses.part_headers || auth,
            ),
            ("reqwest::header", "HeaderName", self.uses.part_headers),
            (
                "reqwest::header",
                "HeaderValue",
                self.uses.part_headers || self.uses.header_value || jar,
            ),
            ("reqwest::header", "PROXY_AUTHORIZATION", auth),
            ("reqwest::header", "RETRY_AFTER", true),
            (
                if self.blocking {
                    "reqwest::blocking::multipart"
                } else {
                    "reqwest::multipart"
                },
                "Form",
                self.needs.multipart,
            ),
            (
                if self.blocking {
                    "reqwest::blocking::multipart"
                } else {
                    "reqwest::multipart"
                },
                "Part",
                self.uses.part,
            ),
            ("reqwest::redirect", "Policy", true),
            (
                "reqwest",
                "Certificate",
                any(&|r| r.transfer.cacert.is_some() || r.transfer.tls.capath.is_some()),
            ),
            (lib, "Client", true),
            ("reqwest", "Identity", any(&|r| r.transfer.cert.is_some())),
            ("reqwest", "Method", self.uses_method),
            (
                "reqwest",
                "NoProxy",
                any(&|r| r.transfer.proxy.is_some() && r.transfer.noproxy.is_some()),
            ),
            ("reqwest", "Proxy", any(&|r| r.transfer.proxy.is_some())),
            (lib, "Request", true),
            (lib, "RequestBuilder", true),
            (lib, "Response", true),
            (
                "reqwest",
                "Url",
                fallback || upstreams || self.uses.cookie_load || jar,
            ),
            ("reqwest_cookie_store", "CookieStoreMutex", cookies),
            ("std::cmp", "Reverse", jar),
            ("std::collections", "HashMap", upstreams),
            ("std::error", "Error", true),
            (
                "std::io",
                "Read",
                self.uses.stdin || (self.uses_form_buffer && self.blocking),
            ),
            ("std::io", "Write", true),
            ("std::process", "ExitCode", true),
            ("std::sync", "Arc", cookies),
            ("std::sync", "Mutex", upstreams),
            ("std::sync", "PoisonError", upstreams || cookies),
            ("std::time", "Duration", true),
            ("std::time", "Instant", upstreams),
            ("std::time", "SystemTime", self.uses.cookie_load),
            ("std::time", "UNIX_EPOCH", self.uses.cookie_load),
            ("uuid", "Uuid", self.needs.uuid),
        ];
        let wanted: Vec<(&str, &str)> = items
            .iter()
            .filter(|(_, _, on)| *on)
            .map(|(p, n, _)| (*p, *n))
            .collect();
        // One line per crate: `use reqwest::{header::RETRY_AFTER, Client};`; a module with several
        // items gets a line of its own (rustfmt would stack a nested brace list one item a line).
        let mut roots: Vec<&str> = Vec::new();
        for (path, _) in &wanted {
            let root = path.split("::").next().unwrap_or(path);
            if !roots.contains(&root) {
                roots.push(root);
            }
        }
        // rustfmt's order of names: snake_case, then CamelCase, then UPPER_SNAKE_CASE.
        let case = |s: &str| match s.chars().next() {
            Some(c) if c.is_uppercase() && s.chars().any(char::is_lowercase) => 1u8,
            Some(c) if c.is_uppercase() => 2,
            _ => 0,
        };
        let segment = |s: &str| (case(s), s.to_string());
        let mut lines: Vec<(Vec<(u8, String)>, String)> = Vec::new();
        let mut line = |path: &str, names: Vec<String>| {
            let mut key: Vec<(u8, String)> = path.split("::").map(segment).collect();
            let text = match names.as_slice() {
                [one] => {
                    key.extend(one.split("::").map(segment));
                    format!("use {path}::{one};")
                }
                many => {
                    key.push((2, String::new()));
                    format!("use {path}::{{{}}};", many.join(", "))
                }
            };
            lines.push((key, text));
        };
        for root in roots {
            let mut modules: Vec<&str> = Vec::new();
            for (path, _) in &wanted {
                if (*path == root || path.starts_with(&format!("{root}::")))
                    && !modules.contains(path)
                {
                    modules.push(path);
                }
            }
            let mut inline = Vec::new();
            for module in modules {
                let mut names: Vec<String> = wanted
                    .iter()
                    .filter(|(p, _)| *p == module)
                    .map(|(_, n)| n.to_string())
                    .collect();
                crate::sort::sort_by_key(&mut names, |n| (case(n), n.clone()));
                let rest = module
                    .strip_prefix(root)
                    .unwrap_or_default()
                    .trim_start_matches("::");
                if rest.is_empty() {
                    inline.extend(names);
                } else if names.len() == 1 {
                    inline.push(format!("{rest}::{}", names[0]));
                } else {
                    line(module, names);
                }
            }
            // rustfmt's order inside braces: modules (lower case) first, then items.
            crate::sort::sort_by_key(&mut inline, |n| (case(n), n.clone()));
            if !inline.is_empty() && format!("use {root}::{{{}}};", inline.join(", ")).len() > 100 {
                for n in inline {
                    line(root, vec![n]);
                }
            } else if !inline.is_empty() {
                line(root, inline);
            }
        }
        // rustfmt's order: segment by segment, modules (lower case) before items, a brace list last.
        crate::sort::sort_by(&mut lines, |a, b| a < b);
        let mut out = vec![String::new()];
        out.extend(lines.into_iter().map(|(_, line)| line));
        out
    }
}
