//! WebAssembly bindings for the curl2code web page: adapts JS-friendly types around
//! [`curl2code::convert`] and [`curl2code::report::render`] and holds no conversion logic.
//!
//! The page keeps one [`Settings`] object for its lifetime, fills it from the form before each
//! conversion, and reads the plain strings of an [`Output`]. Diagnostics cross the boundary
//! already rendered (the CLI's caret text), so the page and the CLI show the same thing.
#![deny(missing_docs)]

use curl2code::{Diagnostic, Options, Overrides, Target, policy::Jitter, report};
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
    /// `--exact`: curl's bytes instead of the idiomatic program.
    pub exact: bool,
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
}

/// A usage error (bad select value) reported like any other diagnostic.
fn usage(message: String) -> Output {
    Output {
        ok: false,
        code: String::new(),
        report: report::render("", &[Diagnostic::error(message)], false),
        warnings: 0,
    }
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
        idempotency_key: s.idempotency_key,
        fallback_urls: s.fallback_urls,
    };
    Ok((
        target,
        Options {
            shell,
            retry,
            exact: settings.exact,
            ..Default::default()
        },
    ))
}

/// Converts `input` with `settings`; never throws (every failure is an `Output` with `ok: false`).
#[wasm_bindgen]
pub fn convert(input: &str, settings: &Settings) -> Output {
    let (target, options) = match options(settings) {
        Ok(v) => v,
        Err(message) => return usage(message),
    };
    match curl2code::convert(input, target, &options) {
        Ok(conversion) => Output {
            ok: true,
            report: report::render(input, &conversion.warnings, false),
            warnings: u32::try_from(conversion.warnings.len()).unwrap_or(u32::MAX),
            code: conversion.code,
        },
        Err(error) => Output {
            ok: false,
            code: String::new(),
            report: report::render(&error.source, &error.diagnostics, false),
            warnings: u32::try_from(error.diagnostics.iter().filter(|d| !d.is_error()).count())
                .unwrap_or(u32::MAX),
        },
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
}
