//! Files read into a URL's query (`--url-query @file`, `name@file`, `-G -d @file`), run for real:
//! each command is converted while the file does not exist, then the program runs three times in
//! a scratch directory against a loopback server: with the file, after the file changed (the new
//! content must be sent: it is read when the program runs), and without it (one clear line naming
//! the file, a non-zero exit, nothing sent, as a `-d @file` body does). A path may name a
//! variable (`@"$QDIR/q.txt"`): the program reads it too.
//!
//! `CURL2CODE_EXACT=1` runs the `--exact` programs of the core targets instead.

mod support;

use curl2code::Options;
use std::path::Path;
use std::sync::OnceLock;
use std::time::Duration;
use support::process::{self, TempDir};
use support::programs::{self, Lang, Runnable};
use support::rustbuild;
use support::server::{Action, Server};

const PROGRAM_TIMEOUT: Duration = Duration::from_secs(25);

/// A case: its command, the file it reads, two contents of that file and the request targets
/// curl 7.88 sends for them (measured with the real curl on loopback; escapes compared
/// case-insensitively, as the default output lets the library write them in upper case).
struct Case {
    name: &'static str,
    command: &'static str,
    file: &'static str,
    runs: [(&'static [u8], &'static str); 2],
}

const CASES: &[Case] = &[
    Case {
        name: "url_query_file",
        command: r#"curl "$BASE/q?z=1" --url-query n@q.txt --url-query @q.txt"#,
        file: "q.txt",
        runs: [
            (b"a b&c\n", "/q?z=1&n=a+b%26c%0a&a+b%26c%0a"),
            (b"new/1", "/q?z=1&n=new%2f1&new%2f1"),
        ],
    },
    Case {
        // The default output hands this pair to the library's encoder, the file read as its value.
        name: "get_urlencode_pair",
        command: r#"curl -G "$BASE/q" --data-urlencode n@q.txt -d k=v"#,
        file: "q.txt",
        runs: [
            (b"a b&c\n", "/q?n=a+b%26c%0a&k=v"),
            (b"new/1", "/q?n=new%2f1&k=v"),
        ],
    },
    Case {
        name: "get_data_file",
        command: r#"curl -G "$BASE/q" -d @d.txt -d k=v"#,
        file: "d.txt",
        runs: [
            (b"a=1\r\nb=%2F\n", "/q?a=1b=%2f&k=v"),
            (b"c=3", "/q?c=3&k=v"),
        ],
    },
    Case {
        // The path names a variable: the program reads `$QDIR` (the scratch directory), then
        // the file, when it runs.
        name: "url_query_file_named_by_a_variable",
        command: r#"curl "$BASE/q" --url-query @"$QDIR/q.txt" --url-query "n@$QDIR/q.txt""#,
        file: "q.txt",
        runs: [
            (b"a=1\n", "/q?a%3d1%0a&n=a%3d1%0a"),
            (b"c/", "/q?c%2f&n=c%2f"),
        ],
    },
    Case {
        name: "get_data_file_named_by_a_variable",
        command: r#"curl -G "$BASE/q" -d @"$QDIR/d.txt" -d k=v"#,
        file: "d.txt",
        runs: [
            (b"a=1\r\nb=%2F\n", "/q?a=1b=%2f&k=v"),
            (b"c=3", "/q?c=3&k=v"),
        ],
    },
];

fn case(name: &str) -> &'static Case {
    CASES
        .iter()
        .find(|c| c.name == name)
        .unwrap_or_else(|| panic!("no case {name}"))
}

/// The program for `name`, converted in this test's working directory, where the case's file
/// does not exist: conversion must not need it.
fn generate(name: &str, lang: Lang) -> Result<String, String> {
    let command = case(name).command;
    let options = Options {
        shell: Some(curl2code::Dialect::Bash),
        exact: programs::exact_from_env(),
        ..Default::default()
    };
    programs::generate(command, lang, &options).into_result(command)
}

/// Every case's Rust program, compiled once into one binary.
fn rust_build() -> &'static rustbuild::Build {
    static BUILD: OnceLock<rustbuild::Build> = OnceLock::new();
    BUILD.get_or_init(|| {
        rustbuild::build_cases("query_files", CASES.iter().map(|c| c.name), |n| {
            generate(n, Lang::Rust).ok()
        })
    })
}

fn program(name: &str, lang: Lang, dir: &Path) -> Result<Runnable, String> {
    programs::case_program(dir, name, lang, rust_build, generate)
}

/// The languages this run covers: the flavours have no `--exact` output.
fn langs() -> Vec<Lang> {
    programs::covered(&Lang::distinct(), programs::exact_from_env())
}

/// Runs case `name` in one language; the problems found.
fn run_one(c: &Case, lang: Lang) -> Vec<String> {
    let dir = TempDir::new("query-files");
    let program = match program(c.name, lang, dir.path()) {
        Ok(p) => p,
        Err(e) => return vec![e],
    };
    let server = Server::with_default(Vec::new(), Action::status(200).body("ok\n"));
    let env = vec![
        ("BASE".to_string(), server.origin()),
        ("QDIR".to_string(), dir.path().display().to_string()),
    ];
    let path = dir.path().join(c.file);
    let mut problems = Vec::new();
    for (i, (content, want)) in c.runs.iter().enumerate() {
        std::fs::write(&path, content).expect("write the query file");
        let out = program.run(dir.path(), &env, PROGRAM_TIMEOUT);
        if out.code != Some(0) {
            problems.push(format!("run {}: {}", i + 1, out.transcript()));
        }
        let got = server.take_requests();
        let targets: Vec<String> = got
            .iter()
            .map(|r| r.target().to_ascii_lowercase())
            .collect();
        if targets != [want.to_string()] {
            problems.push(format!(
                "run {}: sent {targets:?}, expected [{want:?}]",
                i + 1
            ));
        }
    }
    // The file gone: one line that names it, a non-zero exit, no request.
    std::fs::remove_file(&path).expect("remove the query file");
    let out = program.run(dir.path(), &env, PROGRAM_TIMEOUT);
    let err = out.stderr_text();
    let lines: Vec<&str> = err.lines().filter(|l| !l.trim().is_empty()).collect();
    let clear = lines.len() == 1 && lines[0].contains("error") && lines[0].contains(c.file);
    if out.code.is_none_or(|code| code == 0) || !clear {
        problems.push(format!("missing file: {}", out.transcript()));
    }
    for crash in ["Traceback", "panicked", "    at "] {
        if err.contains(crash) {
            problems.push(format!("missing file: crashed ({crash})"));
        }
    }
    let sent = server.take_requests();
    if !sent.is_empty() {
        problems.push(format!("missing file: {} request(s) sent", sent.len()));
    }
    problems
}

/// Runs case `name` in every language, in parallel (a server each).
fn run_case(name: &str) {
    let c = case(name);
    if langs().contains(&Lang::Rust) {
        let _ = rust_build();
    }
    let failures = process::in_parallel(&langs(), |&lang| {
        let problems = run_one(c, lang);
        (!problems.is_empty())
            .then(|| format!("=== {name} [{}] ===\n{}", lang.name(), problems.join("\n")))
    });
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn url_query_files_are_read_when_the_program_runs() {
    run_case("url_query_file");
}

#[test]
fn get_data_files_are_read_when_the_program_runs() {
    run_case("get_data_file");
}

#[test]
fn get_urlencode_pairs_read_their_file_when_the_program_runs() {
    run_case("get_urlencode_pair");
}

#[test]
fn a_query_file_named_by_a_variable_is_read_when_the_program_runs() {
    run_case("url_query_file_named_by_a_variable");
    run_case("get_data_file_named_by_a_variable");
}
