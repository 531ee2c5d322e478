//! CLI tests: the real binary's exit code, stdout and stderr for each way of giving it a command.

use std::io::Write;
use std::process::{Command, Stdio};

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn run(args: &[&str], stdin: Option<&str>) -> Run {
    let mut child = Command::new(env!("CARGO_BIN_EXE_curl2code"))
        .args(args)
        .env("NO_COLOR", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn curl2code");
    {
        let mut pipe = child.stdin.take().unwrap();
        if let Some(text) = stdin {
            pipe.write_all(text.as_bytes()).unwrap();
        }
    }
    let out = child.wait_with_output().unwrap();
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

fn transcript(r: &Run) -> String {
    format!(
        "exit: {}\n--- stdout ---\n{}--- stderr ---\n{}",
        r.code, r.stdout, r.stderr
    )
}

#[test]
fn one_string_command() {
    let r = run(
        &[
            "--lang",
            "json",
            "curl -X POST https://api.example.com/items -d a=1",
        ],
        None,
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    insta::assert_snapshot!(transcript(&r));
}

#[test]
fn argv_after_double_dash_is_quoted_back() {
    let r = run(
        &[
            "-l",
            "json",
            "--",
            "curl",
            "-H",
            "X-Two: words here",
            "https://api.example.com/a%20b",
        ],
        None,
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("X-Two"), "{}", r.stdout);
    assert!(r.stdout.contains("words here"), "{}", r.stdout);
}

#[test]
fn stdin_when_no_command_or_dash() {
    for args in [&["-l", "json"][..], &["-l", "json", "-"][..]] {
        let r = run(args, Some("curl https://api.example.com/from-stdin\n"));
        assert_eq!(r.code, 0, "{}", r.stderr);
        assert!(r.stdout.contains("/from-stdin"), "{}", r.stdout);
    }
}

#[test]
fn input_and_output_files() {
    let dir = std::env::temp_dir().join(format!("c2c-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let input = dir.join("cmd.txt");
    let output = dir.join("client.py");
    std::fs::write(&input, "curl https://api.example.com/file-input").unwrap();
    let r = run(
        &[
            "-l",
            "py",
            "--input",
            input.to_str().unwrap(),
            "--output",
            output.to_str().unwrap(),
        ],
        None,
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.is_empty());
    assert!(r.stderr.contains("wrote"), "{}", r.stderr);
    let code = std::fs::read_to_string(&output).unwrap();
    assert!(code.contains("/file-input"), "{code}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn list_languages() {
    let r = run(&["--list-languages"], None);
    assert_eq!(r.code, 0);
    insta::assert_snapshot!(transcript(&r));
}

#[test]
fn help_teaches() {
    let r = run(&["--help"], None);
    assert_eq!(r.code, 0);
    insta::assert_snapshot!(transcript(&r));
}

#[test]
fn unknown_language_is_a_usage_error() {
    let r = run(&["--lang", "cobol", "curl https://x"], None);
    assert_eq!(r.code, 2);
    insta::assert_snapshot!(transcript(&r));
}

/// `rust-blocking` has no `--exact` output: asking for one is a usage error that names `rust`.
#[test]
fn exact_with_rust_blocking_is_a_usage_error() {
    let r = run(
        &["--lang", "rust-blocking", "--exact", "curl https://x"],
        None,
    );
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("--lang rust --exact"), "{}", r.stderr);
    assert!(r.stdout.is_empty());
    let r = run(&["--lang", "rust-blocking", "curl https://x"], None);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("reqwest::blocking"), "{}", r.stdout);
}

#[test]
fn bad_retry_flag_is_a_usage_error() {
    let r = run(&["--base-delay", "soon", "curl https://x"], None);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("not a number of seconds"), "{}", r.stderr);
}

#[test]
fn conversion_error_exits_1_with_a_caret() {
    let r = run(
        &["-l", "py", "curl --lcation https://api.example.com/"],
        None,
    );
    assert_eq!(r.code, 1);
    assert!(r.stdout.is_empty());
    insta::assert_snapshot!(transcript(&r));
}

#[test]
fn warnings_go_to_stderr_code_to_stdout() {
    let r = run(
        &["-l", "py", "curl --dns-servers 127.0.0.1 https://a/"],
        None,
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stderr.contains("warning"), "{}", r.stderr);
    assert!(r.stdout.contains("requests"), "{}", r.stdout);
    assert!(!r.stdout.contains("warning:"));
}

/// `-w` variables the programs print convert silently; one they cannot know is named under a
/// caret, with the ones they can; curl 8.16's --out-null is refused with what to write instead.
#[test]
fn output_options_the_programs_cannot_print_are_named() {
    for lang in ["python", "javascript", "rust"] {
        let known = run(&["-l", lang, "curl -w '%{http_code}\\n' https://a/"], None);
        assert_eq!(known.code, 0, "{}", known.stderr);
        assert!(
            !known.stderr.contains("warning"),
            "{lang}: {}",
            known.stderr
        );
        let r = run(
            &[
                "-l",
                lang,
                "curl -s -o /dev/null -w '%{time_total}' https://a/",
            ],
            None,
        );
        assert_eq!(r.code, 0, "{}", r.stderr);
        assert!(
            r.stderr.contains("`%{time_total}` in -w is not converted") && r.stderr.contains("^^"),
            "{lang}: {}",
            r.stderr
        );
        assert!(r.stderr.contains("%{http_code}"), "{lang}: {}", r.stderr);
    }
    let r = run(&["-l", "py", "curl --out-null https://a/"], None);
    assert!(r.stderr.contains("-o /dev/null"), "{}", r.stderr);
}

#[test]
fn empty_stdin_is_an_error_not_a_panic() {
    let r = run(&["-l", "py"], Some(""));
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("empty"), "{}", r.stderr);
}

#[test]
fn input_over_one_mebibyte_is_refused() {
    let big = format!("curl https://x/ -d '{}'", "a".repeat(1 << 20));
    let r = run(&["-l", "py"], Some(&big));
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("1 MiB"), "{}", r.stderr);
}

#[test]
fn retry_flags_reach_the_code() {
    let r = run(
        &[
            "-l",
            "py",
            "--max-retries",
            "7",
            "--jitter",
            "none",
            "curl https://api.example.com/",
        ],
        None,
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    // `MAX_RETRIES = 7` or `MAX_RETRIES, BASE_DELAY, … = 7, …`.
    assert!(
        r.stdout
            .lines()
            .any(|l| l.starts_with("MAX_RETRIES") && l.contains("= 7")),
        "{}",
        r.stdout
    );
}

#[test]
fn completions_come_from_the_same_definition_as_help() {
    let r = run(&["--completions", "bash"], None);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("curl2code"), "{}", r.stdout);
    // An option added to the CLI shows up in the script without anyone editing it.
    assert!(r.stdout.contains("--fallback-url"), "{}", r.stdout);
    for shell in ["zsh", "fish", "powershell"] {
        let r = run(&["--completions", shell], None);
        assert_eq!(r.code, 0, "{shell}: {}", r.stderr);
        assert!(r.stdout.contains("max-retries"), "{shell}: {}", r.stdout);
    }
}

#[test]
fn man_page_is_roff() {
    let r = run(&["--man"], None);
    assert_eq!(r.code, 0, "{}", r.stderr);
    // clap_mangen opens with two `.ie`/`.el` lines defining the apostrophe string; the title
    // macro is the first thing after them.
    let first_macro = r
        .stdout
        .lines()
        .find(|l| !l.starts_with(".ie") && !l.starts_with(".el"));
    assert!(
        first_macro.is_some_and(|l| l.starts_with(".TH curl2code 1")),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains(".SH OPTIONS"), "{}", r.stdout);
    assert!(r.stdout.contains("\\-\\-max\\-retries"), "{}", r.stdout);
}

#[test]
fn unknown_completion_shell_is_a_usage_error() {
    let r = run(&["--completions", "nosuch"], None);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stdout.is_empty(), "{}", r.stdout);
    assert!(
        r.stderr
            .contains("invalid value 'nosuch' for '--completions <SHELL>'"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("bash"), "{}", r.stderr);
}

/// `--list-options`: one line per option of the table, per-language refusals named, and the
/// counts last; the counts agree with the lines.
#[test]
fn list_options_counts_what_each_language_applies() {
    let r = run(&["--list-options"], None);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let lines: Vec<&str> = r.stdout.lines().collect();
    assert_eq!(lines.len(), curl2code::curl::OPTIONS.len() + 1);
    let last = lines.last().copied().unwrap_or_default();
    let counts: Vec<usize> = last
        .strip_prefix("applied: ")
        .expect("counts last")
        .split(", ")
        .map(|p| p.rsplit(' ').next().unwrap().parse().unwrap())
        .collect();
    let applied_in = |lang: &str| {
        lines
            .iter()
            .filter(|l| {
                let status = l.get(35..).unwrap_or_default();
                status == "applied" || status.contains(&format!("{lang} applied"))
            })
            .count()
    };
    let targets = [
        "python",
        "python-httpx",
        "python-async",
        "javascript",
        "javascript-axios",
        "typescript",
        "rust",
        "rust-blocking",
    ];
    let named: Vec<&str> = last[9..]
        .split(", ")
        .map(|p| p.split(' ').next().unwrap())
        .collect();
    assert_eq!(named, targets);
    // A core language's count agrees with its lines (flavours are named only where they differ).
    for (lang, n) in [("python", 0), ("javascript", 3), ("rust", 6)] {
        assert_eq!(counts[n], applied_in(lang), "{lang}");
    }
    let digest = lines.iter().find(|l| l.starts_with("--digest ")).unwrap();
    assert!(digest.contains("python applied") && digest.contains("javascript refused:"));
    // A flavour is named where its library differs from its core language's, with its reason.
    assert!(
        digest.contains("javascript-axios refused: axios has no Digest"),
        "{digest}"
    );
    assert!(!digest.contains("python-httpx"), "{digest}");
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("-z, --time-cond") && l.ends_with(" applied"))
    );
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("-s, --silent") && l.ends_with(" no effect"))
    );
}

/// `--circuit-breaker[=FAILURES/SECONDS]` and `--fallback-url` refuse what they cannot use with a
/// usage error (exit 2) that says what is expected.
#[test]
fn breaker_spec_and_fallback_url_are_checked() {
    for bad in [
        "--circuit-breaker=0/30",
        "--circuit-breaker=5",
        "--circuit-breaker=5/x",
        "--circuit-breaker=5/0",
    ] {
        let r = run(&[bad, "curl https://h.example/"], None);
        assert_eq!(r.code, 2, "{bad}: {}", r.stderr);
        assert!(r.stderr.contains("FAILURES/SECONDS"), "{bad}: {}", r.stderr);
    }
    for bad in ["ftp://h.example/", "https://", "h.example"] {
        let r = run(&["--fallback-url", bad, "curl https://h.example/"], None);
        assert_eq!(r.code, 2, "{bad}: {}", r.stderr);
    }
    let r = run(
        &["--circuit-breaker=3/12.5", "curl https://h.example/"],
        None,
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let r = run(
        &[
            "--circuit-breaker",
            "--fallback-url",
            "https://b.example",
            "curl https://h.example/",
        ],
        None,
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
}

/// `--health-check` takes a path or an http(s) URL, and its companions need it; anything else is a
/// usage error (exit 2) that says what to give.
#[test]
fn health_check_options_are_checked() {
    for bad in [
        &["--health-check", "health"][..],
        &["--health-check", "ftp://h.example/health"],
        &["--health-check", "/he alth"],
        &["--health-check", "https://"],
        &["--health-timeout", "3"],
        &["--health-check", "/health", "--health-timeout", "0"],
        &["--health-check", "/health", "--health-ttl", "-1"],
    ] {
        let mut args = bad.to_vec();
        args.push("curl https://h.example/");
        let r = run(&args, None);
        assert_eq!(r.code, 2, "{bad:?}: {}", r.stderr);
        assert!(r.stderr.starts_with("error:"), "{bad:?}: {}", r.stderr);
    }
}

/// The JavaScript flavours convert from the CLI; `--exact` with one is a usage error that names
/// the core target.
#[test]
fn javascript_flavours_convert_and_refuse_exact() {
    for (lang, marker) in [
        ("javascript-axios", "import axios from \"axios\";"),
        ("typescript", "async function fetchWithRetry("),
    ] {
        let r = run(&["--lang", lang, "curl https://x.example.com/a"], None);
        assert_eq!(r.code, 0, "{}", r.stderr);
        assert!(r.stdout.contains(marker), "{lang}: {}", r.stdout);
        let r = run(
            &["--lang", lang, "--exact", "curl https://x.example.com/a"],
            None,
        );
        assert_eq!(r.code, 2, "{lang}: {}", r.stderr);
        assert!(
            r.stderr.contains("--lang javascript --exact"),
            "{lang}: {}",
            r.stderr
        );
    }
}
