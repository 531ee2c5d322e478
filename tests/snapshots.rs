//! Snapshot tests over tests/fixtures: the parsed IR (or the rendered diagnostic) and the code for every target.

mod support;

use curl2code::{Options, Target, report};
use support::fixture::Fixture;

/// Fixtures name their files (`-K curlrc`, `-H @headers.txt`) relative to tests/fixtures/files, as
/// the wire suite runs them; every test here works from there.
fn enter_files_dir() {
    std::env::set_current_dir(support::fixture::files_dir()).expect("tests/fixtures/files exists");
}

/// The IR as `--lang json` prints it, then any warnings, so a change to either is reviewed.
#[test]
fn ir_and_diagnostics() {
    enter_files_dir();
    insta::glob!("fixtures/*.sh", |path| {
        let fx = Fixture::load(path);
        let options = fx.options();
        let text = match curl2code::convert(&fx.input, Target::Json, &options) {
            Ok(conv) => {
                assert!(
                    !fx.expect_error,
                    "{}: expected an error, got a conversion",
                    fx.name
                );
                let mut text = conv.code;
                if !conv.warnings.is_empty() {
                    text.push_str("\n--- warnings ---\n");
                    text.push_str(&report::render(&fx.input, &conv.warnings, false));
                }
                text
            }
            Err(err) => {
                assert!(fx.expect_error, "{}: unexpected error:\n{err}", fx.name);
                assert!(err.diagnostics[0].is_error());
                report::render(&err.source, &err.diagnostics, false)
            }
        };
        insta::assert_snapshot!("ir", text);
    });
}

/// The generated program for every fixture that converts, in every language.
#[test]
fn generated_code() {
    enter_files_dir();
    insta::glob!("fixtures/*.sh", |path| {
        let fx = Fixture::load(path);
        if fx.expect_error {
            return;
        }
        for target in [Target::Python, Target::JavaScript, Target::Rust] {
            let conv = curl2code::convert(&fx.input, target, &fx.options())
                .unwrap_or_else(|e| panic!("{}: {e}", fx.name));
            insta::assert_snapshot!(target.name(), conv.code);
        }
    });
}

/// Nothing the converter accepts or rejects may panic, including every prefix of every fixture
/// (a cheap stand-in for the truncated pastes people make).
#[test]
fn every_prefix_of_every_fixture_converts_or_errors() {
    let mut checked = 0;
    for fx in support::fixture::load_all() {
        let mut ends: Vec<usize> = fx.input.char_indices().map(|(i, _)| i).collect();
        ends.push(fx.input.len());
        for end in ends {
            for target in [Target::Json, Target::Python] {
                let _ = curl2code::convert(&fx.input[..end], target, &Options::default());
            }
            checked += 1;
        }
    }
    assert!(checked > 1000, "only {checked} prefixes checked");
}
