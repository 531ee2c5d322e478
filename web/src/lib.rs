//! WebAssembly bindings for the curl2code web page: adapts JS-friendly types around
//! [`curl2code::convert`] and [`curl2code::report::render`] and holds no conversion logic.
//!
//! The page keeps one [`Settings`] object for its lifetime, fills it from the form before each
//! conversion, and reads the plain strings of an [`Output`]. Diagnostics cross the boundary
//! already rendered (the CLI's caret text), so the page and the CLI show the same thing.
#![deny(missing_docs)]

use curl2code::codegen::{self, Program, plan::Mode};
use curl2code::{
    Diagnostic, Options, Overrides, RetryPolicy, Target,
    policy::{Jitter, NonIdempotentRetry},
    report,
};
use wasm_bindgen::prelude::*;

/// What the form says: language, shell and the retry overrides of the CLI (`None` = default).
///
/// Strings rather than enums because they come straight from `<select>` values; they are parsed
/// with the crate's own `FromStr` impls, so the page accepts exactly what the CLI accepts.
#[wasm_bindgen(getter_with_clone)]
#[derive(Clone, Debug, Default)]
pub struct Settings {
    /// `python`, `javascript`, `rust` (or an alias the CLI accepts).
    pub language: String,
    /// `auto`, `bash`, `cmd` or `powershell`.
    pub shell: String,
    /// `--max-retries N`.
    pub max_retries: Option<u32>,
    /// `--base-delay S`.
    pub base_delay: Option<f64>,
    /// `--max-delay S`.
    pub max_delay: Option<f64>,
    /// `--jitter full|none`; `None` keeps the default.
    pub jitter: Option<String>,
    /// `--deadline S`.
    pub deadline: Option<f64>,
    /// `--timeout S` (per attempt).
    pub timeout: Option<f64>,
    /// `--connect-timeout S`.
    pub connect_timeout: Option<f64>,
    /// `--retry-non-idempotent`.
    pub retry_non_idempotent: bool,
    /// `--no-retry`.
    pub no_retry: bool,
    /// `--circuit-breaker`.
    pub circuit_breaker: bool,
    /// `--idempotency-key`.
    pub idempotency_key: bool,
    /// `--fallback-url URL`, repeated.
    pub fallback_urls: Vec<String>,
    /// `--health-check PATH_OR_URL`; empty: none.
    pub health_check: String,
    /// `--exact`: curl's bytes instead of the idiomatic program.
    pub exact: bool,
    /// `--env-secrets`: credentials read from environment variables.
    pub env_secrets: bool,
}

#[wasm_bindgen]
impl Settings {
    /// Defaults: Python, shell detected, the crate's default retry policy.
    #[wasm_bindgen(constructor)]
    pub fn new() -> Settings {
        Settings {
            language: "python".into(),
            shell: "auto".into(),
            ..Settings::default()
        }
    }
}

/// The result of one conversion, as plain strings for `textContent`. Read-only in JS: the page
/// never writes one, and setters would be dead weight in the module and the glue.
#[wasm_bindgen(getter_with_clone)]
#[derive(Clone, Debug, PartialEq)]
pub struct Output {
    /// True when `code` holds a program.
    #[wasm_bindgen(readonly)]
    pub ok: bool,
    /// The generated program; empty when `ok` is false.
    #[wasm_bindgen(readonly)]
    pub code: String,
    /// Errors and warnings rendered with carets, exactly as the CLI prints them (no colour).
    #[wasm_bindgen(readonly)]
    pub report: String,
    /// How many warnings `report` holds (errors not counted).
    #[wasm_bindgen(readonly)]
    pub warnings: u32,
    // The resolved retry policy and the first request's retry rule, for the page's schedule
    // picture. Copied from the crate rather than recomputed in JS, so the picture cannot drift
    // from the program (the pasted command's --retry/-m flags are already applied here). The
    // retry rule comes as its inputs, not as codegen::plan's decision: calling plan::build here
    // costs 5.7 KB of gzipped WebAssembly (LTO duplicates it), a sixth of the page's headroom.
    /// The first request's method (`GET`, `POST`, …); empty when `ok` is false.
    #[wasm_bindgen(readonly)]
    pub method: String,
    /// How many requests the program sends.
    #[wasm_bindgen(readonly)]
    pub requests: u32,
    /// The first request's method is idempotent (RFC 9110 §9.2.2).
    #[wasm_bindgen(readonly)]
    pub idempotent: bool,
    /// The first request carries its own `Idempotency-Key` header.
    #[wasm_bindgen(readonly)]
    pub key_header: bool,
    /// `--idempotency-key`: every call gets a key.
    #[wasm_bindgen(readonly)]
    pub idempotency_key: bool,
    /// When non-idempotent methods are retried anyway: `never`, `curl_retry_flag` (the pasted
    /// `--retry`) or `requested` (`--retry-non-idempotent`).
    #[wasm_bindgen(readonly)]
    pub non_idempotent: String,
    /// curl's `--retry-all-errors`.
    #[wasm_bindgen(readonly)]
    pub retry_all_errors: bool,
    /// False with `--no-retry`.
    #[wasm_bindgen(readonly)]
    pub retry_enabled: bool,
    /// Retries after the first attempt.
    #[wasm_bindgen(readonly)]
    pub max_retries: u32,
    /// First backoff delay, seconds.
    #[wasm_bindgen(readonly)]
    pub base_delay: f64,
    /// Cap on one backoff delay, seconds.
    #[wasm_bindgen(readonly)]
    pub max_delay: f64,
    /// curl's `--retry-delay`: the same wait before every retry, no jitter.
    #[wasm_bindgen(readonly)]
    pub fixed_delay: Option<f64>,
    /// Full jitter (a wait drawn from 0…delay) rather than the exact delay.
    #[wasm_bindgen(readonly)]
    pub jitter_full: bool,
    /// Total time for all attempts and waits, seconds; `undefined` = no limit.
    #[wasm_bindgen(readonly)]
    pub deadline: Option<f64>,
    /// Whole-attempt timeout, seconds; `undefined` = no limit.
    #[wasm_bindgen(readonly)]
    pub attempt_timeout: Option<f64>,
}

impl Output {
    /// An output with no code and no policy: `report` says why.
    fn failed(report: String, warnings: u32) -> Output {
        Output {
            ok: false,
            code: String::new(),
            report,
            warnings,
            method: String::new(),
            requests: 0,
            idempotent: false,
            key_header: false,
            idempotency_key: false,
            non_idempotent: String::new(),
            retry_all_errors: false,
            retry_enabled: false,
            max_retries: 0,
            base_delay: 0.0,
            max_delay: 0.0,
            fixed_delay: None,
            jitter_full: false,
            deadline: None,
            attempt_timeout: None,
        }
    }
}

/// A usage error (bad select value) reported like any other diagnostic.
fn usage(message: String) -> Output {
    Output::failed(report::render("", &[Diagnostic::error(message)], false), 0)
}

/// Maps the form's strings onto the crate's [`Options`]; an `Err` is the message to show. Public
/// so the npm package's bindings (web/npm) accept exactly what the page and the CLI accept.
/// `#[inline]` keeps the page's module as it was when this was private: a plain public function
/// is compiled for other crates and no longer folded into [`convert`] (62 bytes more wasm).
#[inline]
pub fn options(settings: &Settings) -> Result<(Target, Options), String> {
    let target = settings.language.parse::<Target>()?;
    let shell = match settings.shell.as_str() {
        "" | "auto" => None,
        other => Some(other.parse()?),
    };
    let jitter = match settings.jitter.as_deref() {
        None | Some("") => None,
        Some(j) => Some(j.parse::<Jitter>()?),
    };
    let s = settings.clone();
    let retry = Overrides {
        max_retries: s.max_retries,
        base_delay: s.base_delay,
        max_delay: s.max_delay,
        jitter,
        deadline: s.deadline,
        timeout: s.timeout,
        connect_timeout: s.connect_timeout,
        retry_non_idempotent: s.retry_non_idempotent,
        no_retry: s.no_retry,
        circuit_breaker: s.circuit_breaker,
        breaker: None,
        idempotency_key: s.idempotency_key,
        fallback_urls: s.fallback_urls,
        health_check: match s.health_check.trim() {
            "" => None,
            spec => Some(curl2code::policy::parse_health_check(spec)?),
        },
        ..Overrides::default()
    };
    let options = Options {
        shell,
        retry,
        exact: settings.exact,
        env_secrets: settings.env_secrets,
        ..Default::default()
    };
    match curl2code::usage_problem(target, &options) {
        Some(problem) => Err(problem),
        None => Ok((target, options)),
    }
}

/// Converts `input` with `settings`; never throws (every failure is an `Output` with `ok: false`).
#[wasm_bindgen]
pub fn convert(input: &str, settings: &Settings) -> Output {
    let (target, options) = match options(settings) {
        Ok(v) => v,
        Err(message) => return usage(message),
    };
    // parse() + render() rather than convert(): the same two steps, but parse() is where the
    // crate hands out the resolved policy the schedule picture needs.
    let mut parsed = match curl2code::parse(input, &options) {
        Ok(parsed) => parsed,
        Err(error) => {
            let warnings = error.diagnostics.iter().filter(|d| !d.is_error()).count();
            return Output::failed(
                report::render(&error.source, &error.diagnostics, false),
                u32::try_from(warnings).unwrap_or(u32::MAX),
            );
        }
    };
    let program = Program {
        requests: &parsed.requests,
        retry_policy: &parsed.policy,
        mode: if options.exact {
            Mode::Exact
        } else {
            Mode::Idiomatic
        },
    };
    let code = codegen::render(target, &program, &mut parsed.warnings);
    let first = parsed.requests.first();
    let p: &RetryPolicy = &parsed.policy;
    Output {
        ok: true,
        report: report::render(input, &parsed.warnings, false),
        warnings: u32::try_from(parsed.warnings.len()).unwrap_or(u32::MAX),
        code,
        method: first.map_or("", |r| r.method.as_str()).into(),
        requests: u32::try_from(parsed.requests.len()).unwrap_or(u32::MAX),
        idempotent: first.is_some_and(|r| r.method.is_idempotent()),
        key_header: first.is_some_and(|r| r.header("idempotency-key").is_some()),
        idempotency_key: p.idempotency_key,
        non_idempotent: match p.non_idempotent {
            NonIdempotentRetry::Never => "never",
            NonIdempotentRetry::CurlRetryFlag => "curl_retry_flag",
            NonIdempotentRetry::Requested => "requested",
        }
        .into(),
        retry_all_errors: p.retry_all_errors,
        retry_enabled: p.enabled,
        max_retries: p.max_retries,
        base_delay: p.base_delay,
        max_delay: p.max_delay,
        fixed_delay: p.fixed_delay,
        jitter_full: p.jitter == Jitter::Full,
        deadline: p.deadline,
        attempt_timeout: p.attempt_timeout,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_input_is_an_error_report_not_a_panic() {
        let out = convert("  ", &Settings::new());
        assert!(!out.ok);
        assert!(out.code.is_empty());
        assert!(
            out.report.starts_with("error: the input is empty"),
            "{}",
            out.report
        );
    }

    #[test]
    fn bad_select_values_are_reported() {
        let mut s = Settings::new();
        s.language = "cobol".into();
        assert!(
            convert("curl x", &s)
                .report
                .contains("unknown language `cobol`")
        );
        let mut s = Settings::new();
        s.shell = "fish".into();
        assert!(
            convert("curl x", &s)
                .report
                .contains("unknown shell `fish`")
        );
        let mut s = Settings::new();
        s.jitter = Some("half".into());
        assert!(
            convert("curl x", &s)
                .report
                .contains("unknown jitter `half`")
        );
    }

    #[test]
    fn settings_map_onto_the_cli_overrides() {
        let mut s = Settings::new();
        s.language = "js".into();
        s.shell = "cmd".into();
        s.max_retries = Some(5);
        s.jitter = Some("none".into());
        s.no_retry = true;
        s.fallback_urls = vec!["https://b.example.com".into()];
        let (target, o) = options(&s).unwrap();
        assert_eq!(target, Target::JavaScript);
        assert_eq!(o.shell, Some(curl2code::Dialect::Cmd));
        assert_eq!(o.retry.max_retries, Some(5));
        assert_eq!(o.retry.jitter, Some(Jitter::None));
        assert!(o.retry.no_retry);
        assert_eq!(o.retry.fallback_urls, ["https://b.example.com"]);
    }

    #[test]
    fn output_carries_the_resolved_policy_and_the_first_call_rule() {
        let mut s = Settings::new();
        s.max_retries = Some(5);
        s.jitter = Some("none".into());
        let out = convert("curl -m 7 -d a=1 https://x.example.com/", &s);
        assert!(out.ok, "{}", out.report);
        assert_eq!((out.method.as_str(), out.requests), ("POST", 1));
        assert!(!out.idempotent && !out.key_header && !out.idempotency_key);
        assert_eq!(out.non_idempotent, "never");
        assert_eq!((out.max_retries, out.jitter_full), (5, false));
        assert_eq!((out.attempt_timeout, out.deadline), (Some(7.0), Some(60.0)));
        let out = convert(
            "curl --retry 2 -X PATCH -H 'Idempotency-Key: 1' https://x.example.com/",
            &Settings::new(),
        );
        assert_eq!(
            (out.non_idempotent.as_str(), out.max_retries),
            ("curl_retry_flag", 2)
        );
        assert!(out.key_header && !out.idempotent);
        let out = convert("curl https://x.example.com/", &Settings::new());
        assert!(out.idempotent && out.retry_enabled && out.jitter_full);
        assert_eq!(out.deadline, Some(60.0));
    }
}
