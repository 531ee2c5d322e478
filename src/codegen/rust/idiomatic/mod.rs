//! The default Rust output: the plan → the view `templates/rust/idiomatic.rs.askama` prints, a
//! program a Rust developer would write: the request first in `main`, built with reqwest's own
//! calls (`.json(&json!(…))`, `.form(&[…])`, `.query(&[…])`, `multipart::Form`), then one
//! `send_with_retry(RequestBuilder)` helper. It is judged by semantic equality with curl, not
//! byte equality: reqwest's own defaults (Accept, header order and case) stay.

mod client;
mod request;

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
    error_retryable: &'static str,
    fallback: bool,
    fallback_count: usize,
    fallback_urls: String,
    breaker: bool,
    breaker_failures: u32,
    breaker_cooldown: String,
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
                policy.deadline.map_or("no limit".to_string(), secs)
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
            breaker_failures: policy.breaker_failures,
            breaker_cooldown: crate::codegen::literal::decimal::duration_expr(
                policy.breaker_cooldown,
            ),
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
                    (breaker || self.plan.policy.deadline.is_some(), "Instant"),
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
