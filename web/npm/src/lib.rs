//! WebAssembly bindings for the curl2code npm package: one conversion with its diagnostics as
//! data (severity, message, span, label, help) instead of the page's rendered text only.
//!
//! Spans leave the crate as UTF-8 byte offsets and reach JavaScript as UTF-16 code units, the
//! unit of JS string indices, so `command.slice(start, end)` is exactly the culprit even after
//! an `é` or an emoji. Options are the page's [`Settings`], mapped by the page's own function,
//! so the package, the page and the CLI accept the same values.
#![deny(missing_docs)]

use curl2code::{Diagnostic, report};
use curl2code_web::Settings;
use wasm_bindgen::prelude::*;

/// One error or warning. The four position fields are all set or all unset (no culprit).
#[wasm_bindgen(getter_with_clone)]
#[derive(Clone, Debug, PartialEq)]
pub struct Message {
    /// True for an error (the conversion failed), false for a warning.
    #[wasm_bindgen(readonly)]
    pub error: bool,
    /// One line saying what is wrong.
    #[wasm_bindgen(readonly)]
    pub message: String,
    /// The short text the CLI prints under the caret.
    #[wasm_bindgen(readonly)]
    pub label: Option<String>,
    /// How to fix it.
    #[wasm_bindgen(readonly)]
    pub help: Option<String>,
    /// First UTF-16 code unit of the culprit in the command.
    #[wasm_bindgen(readonly)]
    pub start: Option<u32>,
    /// One past its last UTF-16 code unit.
    #[wasm_bindgen(readonly)]
    pub end: Option<u32>,
    /// 1-based line of `start`.
    #[wasm_bindgen(readonly)]
    pub line: Option<u32>,
    /// 1-based column of `start` in UTF-16 code units, as editors count them.
    #[wasm_bindgen(readonly)]
    pub column: Option<u32>,
}

/// The result of one conversion.
#[wasm_bindgen(getter_with_clone)]
#[derive(Clone, Debug, PartialEq)]
pub struct Details {
    /// True when `code` holds a program.
    #[wasm_bindgen(readonly)]
    pub ok: bool,
    /// The generated program; empty when `ok` is false.
    #[wasm_bindgen(readonly)]
    pub code: String,
    /// Every message rendered with carets, as the CLI prints them (no colour).
    #[wasm_bindgen(readonly)]
    pub report: String,
    /// Errors first (at most one), then warnings in the order they were found.
    #[wasm_bindgen(readonly)]
    pub messages: Vec<Message>,
}

/// Converts `input`; throws only when `settings` hold a value the CLI would refuse too (an
/// unknown language, shell or jitter). Problems in the command itself are `messages`.
#[wasm_bindgen(js_name = convertDetailed)]
pub fn convert_detailed(input: &str, settings: &Settings) -> Result<Details, JsError> {
    details(input, settings).map_err(|message| JsError::new(&message))
}

/// [`convert_detailed`] without the JS error type, which only exists inside a JS engine (so the
/// native unit tests can run this).
fn details(input: &str, settings: &Settings) -> Result<Details, String> {
    let (target, options) = curl2code_web::options(settings)?;
    Ok(match curl2code::convert(input, target, &options) {
        Ok(conversion) => Details {
            ok: true,
            report: report::render(input, &conversion.warnings, false),
            messages: messages(input, &conversion.warnings),
            code: conversion.code,
        },
        // `error.source` rather than `input`: for an oversized input the crate reports against
        // an empty source, and the spans must index the text they were made for.
        Err(error) => Details {
            ok: false,
            code: String::new(),
            report: report::render(&error.source, &error.diagnostics, false),
            messages: messages(&error.source, &error.diagnostics),
        },
    })
}

fn messages(source: &str, diagnostics: &[Diagnostic]) -> Vec<Message> {
    diagnostics
        .iter()
        .map(|d| {
            let position = d.span.map(|span| {
                let start = floor_char_boundary(source, span.start);
                let end = floor_char_boundary(source, span.end).max(start);
                let line_start = source[..start].rfind('\n').map_or(0, |i| i + 1);
                (
                    utf16_len(&source[..start]),
                    utf16_len(&source[..end]),
                    count(source[..start].matches('\n').count() + 1),
                    utf16_len(&source[line_start..start]) + 1,
                )
            });
            Message {
                error: d.is_error(),
                message: d.message.clone(),
                label: d.label.clone(),
                help: d.help.clone(),
                start: position.map(|p| p.0),
                end: position.map(|p| p.1),
                line: position.map(|p| p.2),
                column: position.map(|p| p.3),
            }
        })
        .collect()
}

/// The largest char boundary at or before `byte`: a span is never meant to split a character,
/// but slicing must not panic if one ever did.
fn floor_char_boundary(source: &str, byte: usize) -> usize {
    let mut b = byte.min(source.len());
    while !source.is_char_boundary(b) {
        b -= 1;
    }
    b
}

fn utf16_len(text: &str) -> u32 {
    count(text.encode_utf16().count())
}

/// Inputs are capped at 1 MiB, so every offset fits; saturate rather than wrap if not.
fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What JS `command.slice(start, end)` gives for a message.
    fn slice(command: &str, m: &Message) -> String {
        let units: Vec<u16> = command.encode_utf16().collect();
        let (start, end) = (m.start.unwrap() as usize, m.end.unwrap() as usize);
        String::from_utf16(&units[start..end]).unwrap()
    }

    #[test]
    fn a_conversion_has_code_and_no_messages() {
        let d = details("curl https://api.example.com/x", &Settings::new()).unwrap();
        assert!(d.ok);
        assert!(d.code.contains("https://api.example.com/x"), "{}", d.code);
        assert!(d.messages.is_empty() && d.report.is_empty());
    }

    #[test]
    fn warning_spans_count_utf16_units_after_non_ascii_text() {
        let command = "curl -H 'X-Name: Zoë 😀' --dns-servers 127.0.0.1 https://a/";
        let d = details(command, &Settings::new()).unwrap();
        assert!(d.ok);
        let w = &d.messages[0];
        assert!(!w.error);
        assert_eq!(slice(command, w), "--dns-servers");
        // 22 ASCII characters, ë (one unit, two bytes) and 😀 (two units, four bytes) precede the
        // option: UTF-16 offset 25, byte offset 28.
        assert_eq!((w.start, w.line, w.column), (Some(25), Some(1), Some(26)));
        assert_eq!(w.label.as_deref(), Some("not converted"));
    }

    #[test]
    fn an_error_comes_first_with_its_span_and_help() {
        let command = "curl https://a/ \\\n  --lcation";
        let d = details(command, &Settings::new()).unwrap();
        assert!(!d.ok);
        assert!(d.code.is_empty());
        let e = &d.messages[0];
        assert!(e.error);
        assert_eq!(slice(command, e), "--lcation");
        assert_eq!((e.line, e.column), (Some(2), Some(3)));
        assert_eq!(e.help.as_deref(), Some("did you mean `--location`?"));
        assert!(d.report.starts_with("error: unknown option `--lcation`"));
    }

    #[test]
    fn a_message_without_a_culprit_has_no_position() {
        let d = details("   ", &Settings::new()).unwrap();
        let e = &d.messages[0];
        assert!(e.error && e.message.contains("empty"));
        assert_eq!((e.start, e.end, e.line, e.column), (None, None, None, None));
    }

    #[test]
    fn settings_the_cli_would_refuse_are_an_err() {
        let mut s = Settings::new();
        s.language = "cobol".into();
        let err = details("curl https://a/", &s).unwrap_err();
        assert!(err.contains("unknown language `cobol`"), "{err}");
    }
}
