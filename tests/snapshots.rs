//! Snapshot tests over tests/fixtures: the parsed IR (or the rendered diagnostic) and the code for every target.

mod support;

use curl2code::{Options, Target, report};
use support::fixture::Fixture;

/// The IR as `--lang json` prints it, then any warnings, so a change to either is reviewed.
#[test]
fn ir_and_diagnostics() {
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

/// Fixtures whose whole program is pinned, in both modes: the eight everyday commands and a few
/// more. For every other fixture only the request part is (see [`request_part`]), so a change to
/// a shared helper rewrites a few dozen snapshots, not hundreds.
const MORE_FULL_PROGRAMS: [&str; 1] = ["url_several_urls"];

fn full_program(name: &str) -> bool {
    support::fixture::EVERYDAY.contains(&name) || MORE_FULL_PROGRAMS.contains(&name)
}

/// The request part of a program: its `main` function (Python `def main`, JavaScript
/// `async function main`, Rust `fn main` / `async fn main`), from its first line to the end of
/// its body; the whole program when there is none.
fn request_part(target: Target, code: &str) -> String {
    let starts = |l: &str| match target {
        Target::Python | Target::PythonHttpx | Target::PythonAsync => {
            l.starts_with("def main(") || l.starts_with("async def main(")
        }
        Target::JavaScript | Target::JavaScriptAxios | Target::TypeScript => {
            l.starts_with("async function main(") || l.starts_with("function main(")
        }
        _ => l.starts_with("async fn main(") || l.starts_with("fn main("),
    };
    let lines: Vec<&str> = code.lines().collect();
    let Some(start) = lines.iter().position(|l| starts(l)) else {
        return code.to_string();
    };
    // The body ends at the next line in column 0: `}` in JS and Rust, any code in Python.
    let end = lines[start + 1..]
        .iter()
        .position(|l| match target {
            Target::Python | Target::PythonHttpx | Target::PythonAsync => {
                !l.is_empty() && !l.starts_with([' ', '\t', '#', ')'])
            }
            _ => l.starts_with('}'),
        })
        .map_or(lines.len(), |i| match target {
            Target::Python | Target::PythonHttpx | Target::PythonAsync => start + 1 + i,
            _ => start + 2 + i,
        });
    let mut part = lines[start..end].join("\n");
    part.push('\n');
    part
}

/// The generated program for every fixture that converts, in every language and both modes: the
/// request part always, the whole program for the everyday commands and [`MORE_FULL_PROGRAMS`].
#[test]
fn generated_code() {
    insta::glob!("fixtures/*.sh", |path| {
        let fx = Fixture::load(path);
        if fx.expect_error {
            return;
        }
        for target in [
            Target::Python,
            Target::PythonHttpx,
            Target::PythonAsync,
            Target::JavaScript,
            Target::JavaScriptAxios,
            Target::TypeScript,
            Target::Rust,
            Target::RustBlocking,
        ] {
            // A flavour has no --exact (a usage error).
            let modes: &[bool] = if target.core() == target {
                &[false, true]
            } else {
                &[false]
            };
            for &exact in modes {
                let options = Options {
                    exact,
                    ..fx.options()
                };
                // A flavour without an --exact output: the pair is a usage error.
                if curl2code::usage_problem(target, &options).is_some() {
                    continue;
                }
                let conv = curl2code::convert(&fx.input, target, &options)
                    .unwrap_or_else(|e| panic!("{}: {e}", fx.name));
                let mode = if exact { "_exact" } else { "" };
                let name = target.name();
                if full_program(&fx.name) {
                    insta::assert_snapshot!(format!("{name}{mode}_full"), conv.code);
                }
                insta::assert_snapshot!(format!("{name}{mode}"), request_part(target, &conv.code));
            }
        }
    });
}

#[test]
fn request_part_is_the_main_function() {
    let py = "import x\n\n\ndef main() -> int:\n    a = f(\n        1,\n    )\n\n    return 0\n\n\ndef helper():\n    pass\n";
    assert_eq!(
        request_part(Target::Python, py),
        "def main() -> int:\n    a = f(\n        1,\n    )\n\n    return 0\n\n\n"
    );
    let rs =
        "use x;\n\n#[tokio::main]\nasync fn main() -> ExitCode {\n    go();\n}\n\nfn helper() {}\n";
    assert_eq!(
        request_part(Target::Rust, rs),
        "async fn main() -> ExitCode {\n    go();\n}\n"
    );
    assert_eq!(
        request_part(Target::JavaScript, "await x();\n"),
        "await x();\n"
    );
}

/// The 502 playbook's object (issue 15) in full: `--circuit-breaker --fallback-url …
/// --health-check /health` on the reference command, in every target and each `--exact`.
#[test]
fn playbook_programs() {
    let input = "curl -X POST https://api.example.com/v1/items -H 'Content-Type: application/json' \
                 -H 'Authorization: Bearer abc123' -d '{\"name\":\"widget\",\"qty\":2}'";
    let options = Options {
        retry: curl2code::Overrides {
            circuit_breaker: true,
            fallback_urls: vec!["https://backup.example.com".to_string()],
            health_check: Some("/health".to_string()),
            ..Default::default()
        },
        ..Options::default()
    };
    let exact = Options {
        exact: true,
        ..options.clone()
    };
    for (target, options, name) in [
        (Target::Python, &options, "python"),
        (Target::PythonHttpx, &options, "python-httpx"),
        (Target::PythonAsync, &options, "python-async"),
        (Target::Python, &exact, "python_exact"),
        (Target::JavaScript, &options, "javascript"),
        (Target::JavaScriptAxios, &options, "javascript-axios"),
        (Target::TypeScript, &options, "typescript"),
        (Target::JavaScript, &exact, "javascript_exact"),
        (Target::Rust, &options, "rust"),
        (Target::RustBlocking, &options, "rust-blocking"),
        (Target::Rust, &exact, "rust_exact"),
    ] {
        assert_eq!(curl2code::usage_problem(target, options), None);
        let conv = curl2code::convert(input, target, options).expect("converts");
        insta::assert_snapshot!(format!("{name}_playbook_full"), conv.code);
    }
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
