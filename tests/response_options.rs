//! The response options of issue 13 (`-i`, `-D`, `--etag-save`, `--etag-compare`,
//! `--remove-on-error`), run for real: each command is converted for every language, the program
//! runs against a loopback server in a scratch directory, and what it printed, wrote to files and
//! sent is checked against what curl 7.88 does (measured with the real curl when written).
//!
//! `CURL2CODE_EXACT=1` runs the `--exact` programs of the core targets instead.

mod support;

use curl2code::{Options, Overrides};
use std::collections::BTreeMap;
use std::path::Path;
use std::sync::OnceLock;
use std::time::Duration;
use support::process::{self, Outcome, TempDir};
use support::programs::{self, Generated, Lang, Runnable};
use support::rustbuild;
use support::server::{Action, Recorded, Server};

const PROGRAM_TIMEOUT: Duration = Duration::from_secs(25);

/// The commands, by case name: URLs from `$BASE`, read when the program runs.
const CASES: &[(&str, &str)] = &[
    ("include", r#"curl -i "$BASE/doc""#),
    ("include_fail", r#"curl -i -f "$BASE/missing""#),
    (
        "dump_header",
        r#"curl -D headers.txt -o body.txt "$BASE/doc""#,
    ),
    ("dump_header_stdout_fail", r#"curl -f -D - "$BASE/missing""#),
    (
        "etag_round_trip",
        r#"curl --etag-compare etag.txt --etag-save etag.txt "$BASE/doc""#,
    ),
    (
        "etag_compare_missing",
        r#"curl --etag-compare none.txt "$BASE/doc""#,
    ),
    (
        "etag_save_none",
        r#"curl --etag-save etag.txt "$BASE/plain""#,
    ),
    (
        "remove_on_error",
        r#"curl --remove-on-error -o out.bin "$BASE/cut""#,
    ),
    (
        "max_filesize",
        r#"curl --max-filesize 5 -o out.bin "$BASE/doc""#,
    ),
    (
        "max_filesize_each_url",
        r#"curl --max-filesize 6 "$BASE/doc" "$BASE/big""#,
    ),
    ("no_clobber", r#"curl --no-clobber -o out.txt "$BASE/doc""#),
    (
        "write_out",
        r#"curl -w 'code=%{http_code} type=%{content_type} etag=%header{ETag} {%%}\t%{url_effective}\n' "$BASE/doc""#,
    ),
    (
        "write_out_fail",
        r#"curl -f -o out.txt -w '%{response_code}|%{content_type}\n' "$BASE/missing""#,
    ),
    (
        "write_out_refused",
        r#"curl -w '[%{http_code}|%{url_effective}|%{content_type}]' http://127.0.0.1:1/x"#,
    ),
];

fn generate(name: &str, lang: Lang) -> Result<String, String> {
    let command = CASES
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, c)| *c)
        .unwrap_or_else(|| panic!("no case {name}"));
    let options = Options {
        shell: Some(curl2code::Dialect::Bash),
        retry: Overrides {
            base_delay: Some(0.05),
            max_delay: Some(0.2),
            ..Overrides::default()
        },
        exact: programs::exact_from_env(),
        ..Default::default()
    };
    programs::generate(command, lang, &options).into_result(command)
}

/// Every case's Rust program, compiled (and linted) once into one binary.
fn rust_build() -> &'static rustbuild::Build {
    static BUILD: OnceLock<rustbuild::Build> = OnceLock::new();
    BUILD.get_or_init(|| {
        rustbuild::build_cases("response_options", CASES.iter().map(|(n, _)| *n), |n| {
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

/// What a language's runs gave: outcomes in order, the requests the server saw, the directory.
struct Runs<'a> {
    outs: Vec<Outcome>,
    requests: Vec<Recorded>,
    dir: &'a Path,
    problems: Vec<String>,
}

impl Runs<'_> {
    fn out(&self) -> &Outcome {
        self.outs.last().expect("one run at least")
    }

    fn check(&mut self, ok: bool, what: impl FnOnce() -> String) {
        if !ok {
            self.problems.push(what());
        }
    }

    fn exit(&mut self, code: i32) {
        let got = self.out().code;
        self.check(got == Some(code), || {
            format!("exit {got:?}, expected {code}")
        });
    }

    fn file(&self, name: &str) -> Option<Vec<u8>> {
        std::fs::read(self.dir.join(name)).ok()
    }

    /// The status line and headers as curl writes them: the status line, CRLF-ended header
    /// lines (names compared case-insensitively: fetch's Headers lower-cases them) and a blank
    /// line; what follows is returned.
    fn head<'b>(&mut self, bytes: &'b [u8], status: &str, what: &str) -> &'b [u8] {
        let text = String::from_utf8_lossy(bytes).to_string();
        let Some(end) = text.find("\r\n\r\n") else {
            self.problems
                .push(format!("{what}: no blank CRLF line in {text:?}"));
            return &[];
        };
        let head = text[..end].to_ascii_lowercase();
        let first = head.lines().next().unwrap_or_default().to_string();
        self.check(first.starts_with(&format!("http/1.1 {status} ")), || {
            format!("{what}: status line {first:?}, expected HTTP/1.1 {status} …")
        });
        self.check(head.contains("\r\nx-test: one"), || {
            format!("{what}: no X-Test header line in {head:?}")
        });
        &bytes[end + 4..]
    }
}

/// Runs case `name` in every language (in parallel, a server each): `prepare` sets up the scratch
/// directory, the program runs `times` times, and `check` judges.
fn run_case(name: &str, times: usize, prepare: fn(&Path), check: impl Fn(&mut Runs) + Sync) {
    if langs().contains(&Lang::Rust) {
        let _ = rust_build();
    }
    let failures = process::in_parallel(&langs(), |&lang| {
        let dir = TempDir::new("response-options");
        prepare(dir.path());
        let program = match program(name, lang, dir.path()) {
            Ok(p) => p,
            Err(e) => return Some(format!("=== {name} [{}] ===\n{e}", lang.name())),
        };
        let server = server();
        let env = vec![("BASE".to_string(), server.origin())];
        let outs = (0..times)
            .map(|_| program.run(dir.path(), &env, PROGRAM_TIMEOUT))
            .collect();
        let mut runs = Runs {
            outs,
            requests: server.requests(),
            dir: dir.path(),
            problems: Vec::new(),
        };
        check(&mut runs);
        let err = runs.out().stderr_text();
        for crash in ["Traceback", "panicked", "    at "] {
            runs.check(!err.contains(crash), || format!("crashed ({crash})"));
        }
        (!runs.problems.is_empty()).then(|| {
            format!(
                "=== {name} [{}] ===\n{}\nlast run: {}",
                lang.name(),
                runs.problems.join("\n"),
                runs.out().transcript()
            )
        })
    });
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// `/doc`: 200 with an ETag (6 bytes); `/plain`: 200 without; `/big`: 1025 bytes; `/missing`:
/// 404; `/cut`: a body cut off.
fn server() -> Server {
    Server::with_default(
        Vec::new(),
        Action::dynamic(|r| match r.target().as_str() {
            "/doc" => Action::status(200)
                .header("X-Test", "one")
                .header("ETag", "\"v1\"")
                .body("hello\n"),
            "/plain" => Action::status(200).header("X-Test", "one").body("plain\n"),
            "/big" => Action::status(200).body(vec![b'x'; 1025]),
            "/dl/evil.bin" => Action::status(200)
                .header(
                    "Content-Disposition",
                    "attachment; filename=\"../up/quoted name.txt\"",
                )
                .body("one\n"),
            "/dl/plain.bin" => Action::status(200)
                .header(
                    "Content-Disposition",
                    "attachment; filename=plain.txt; size=4",
                )
                .body("two\n"),
            "/none/url.bin" => Action::status(200).body("three\n"),
            "/cut" => Action::Truncated {
                declared: 100,
                body: b"0123456789".to_vec(),
            },
            _ => Action::status(404)
                .header("X-Test", "one")
                .body("not here\n"),
        }),
    )
}

fn nothing(_: &Path) {}

/// `-i`: the status line and headers, a blank line, then the body, all on stdout.
#[test]
fn include_puts_the_headers_before_the_body() {
    run_case("include", 1, nothing, |r| {
        r.exit(0);
        let stdout = r.out().stdout.clone();
        let body = r.head(&stdout, "200", "stdout");
        r.check(body == b"hello\n", || {
            format!("body {:?}", String::from_utf8_lossy(body))
        });
    });
}

/// `-i -f` on a 404: curl prints the headers but not the body, and exits 22.
#[test]
fn include_with_fail_shows_only_the_headers() {
    run_case("include_fail", 1, nothing, |r| {
        r.exit(22);
        let stdout = r.out().stdout.clone();
        let rest = r.head(&stdout, "404", "stdout");
        r.check(rest.is_empty(), || {
            format!("body printed: {:?}", String::from_utf8_lossy(rest))
        });
    });
}

/// `-D FILE -o FILE`: the headers in one file, the body alone in the other, nothing on stdout.
#[test]
fn dump_header_writes_the_headers_to_a_file() {
    run_case("dump_header", 1, nothing, |r| {
        r.exit(0);
        let headers = r.file("headers.txt").unwrap_or_default();
        let rest = r.head(&headers, "200", "headers.txt");
        r.check(rest.is_empty(), || format!("headers.txt goes on: {rest:?}"));
        let body = r.file("body.txt");
        r.check(body.as_deref() == Some(b"hello\n"), || {
            format!("body.txt {body:?}")
        });
        let out = r.out().stdout.clone();
        r.check(out.is_empty(), || format!("stdout {out:?}"));
    });
}

/// `-f -D -` on a 404: the headers on stdout (written as they arrive), no body, exit 22.
#[test]
fn dump_header_to_stdout_comes_before_fail() {
    run_case("dump_header_stdout_fail", 1, nothing, |r| {
        r.exit(22);
        let stdout = r.out().stdout.clone();
        let rest = r.head(&stdout, "404", "stdout");
        r.check(rest.is_empty(), || format!("body printed: {rest:?}"));
    });
}

/// `--etag-compare F --etag-save F`: the first run finds no file and sends `""` (curl's value),
/// saves `"v1"` and a newline; the second run sends `"v1"`.
#[test]
fn etag_save_then_compare() {
    run_case("etag_round_trip", 2, nothing, |r| {
        let sent: Vec<Option<String>> = r
            .requests
            .iter()
            .map(|q| q.header("If-None-Match"))
            .collect();
        let expected = vec![Some("\"\"".to_string()), Some("\"v1\"".to_string())];
        r.check(sent == expected, || {
            format!("If-None-Match sent {sent:?}, expected {expected:?}")
        });
        let saved = r.file("etag.txt");
        r.check(saved.as_deref() == Some(b"\"v1\"\n"), || {
            format!("etag.txt {saved:?}")
        });
        r.exit(0);
    });
}

/// `--etag-compare` alone with no file: curl stops before sending ("Failed to open"); so does
/// the program, with one error line naming the file and a non-zero exit.
#[test]
fn etag_compare_without_its_file_fails_before_sending() {
    run_case("etag_compare_missing", 1, nothing, |r| {
        let n = r.requests.len();
        r.check(n == 0, || format!("{n} request(s) sent"));
        let code = r.out().code;
        r.check(code.is_some_and(|c| c != 0), || format!("exit {code:?}"));
        let err = r.out().stderr_text();
        r.check(err.contains("none.txt"), || {
            format!("stderr names no file: {err:?}")
        });
    });
}

/// `--etag-save` when the response has no ETag: curl leaves an empty file (replacing what was
/// there).
#[test]
fn etag_save_without_an_etag_empties_the_file() {
    run_case(
        "etag_save_none",
        1,
        |dir| std::fs::write(dir.join("etag.txt"), "\"old\"\n").expect("write etag.txt"),
        |r| {
            r.exit(0);
            let saved = r.file("etag.txt");
            r.check(saved.as_deref() == Some(b""), || {
                format!("etag.txt {saved:?}")
            });
        },
    );
}

/// `--remove-on-error -o`: a body cut off on every attempt leaves no output file.
#[test]
fn remove_on_error_leaves_no_file() {
    run_case("remove_on_error", 1, nothing, |r| {
        let code = r.out().code;
        r.check(code.is_some_and(|c| c != 0), || format!("exit {code:?}"));
        let left = r.dir.join("out.bin").exists();
        r.check(!left, || "out.bin was left behind".into());
    });
}

/// `--max-filesize 5` and a 6-byte body: curl fails with exit status 63 and writes no file.
#[test]
fn max_filesize_fails_a_larger_body() {
    run_case("max_filesize", 1, nothing, |r| {
        r.exit(63);
        let left = r.dir.join("out.bin").exists();
        r.check(!left, || "out.bin was written".into());
        let err = r.out().stderr_text();
        r.check(err.contains("error: Maximum file size exceeded"), || {
            format!("stderr {err:?}")
        });
    });
}

/// With several URLs the limit holds for each: 6 bytes pass a limit of 6 (curl fails only a larger
/// body), 1025 bytes do not, and the program exits 63 after both.
#[test]
fn max_filesize_holds_for_each_url_and_is_inclusive() {
    run_case("max_filesize_each_url", 1, nothing, |r| {
        r.exit(63);
        let out = r.out().stdout_text();
        r.check(out == "hello\n", || format!("stdout {out:?}"));
        let n = r.requests.len();
        r.check(n == 2, || format!("{n} request(s)"));
    });
}

/// `--no-clobber -o out.txt` with out.txt there: curl writes out.txt.1, then out.txt.2, and never
/// touches out.txt.
#[test]
fn no_clobber_picks_the_next_free_name() {
    run_case(
        "no_clobber",
        2,
        |dir| std::fs::write(dir.join("out.txt"), "old\n").expect("write out.txt"),
        |r| {
            r.exit(0);
            for (name, expected) in [
                ("out.txt", Some(&b"old\n"[..])),
                ("out.txt.1", Some(b"hello\n")),
                ("out.txt.2", Some(b"hello\n")),
                ("out.txt.3", None),
            ] {
                let got = r.file(name);
                r.check(got.as_deref() == expected, || format!("{name}: {got:?}"));
            }
        },
    );
}

/// `-O -J`: the name in Content-Disposition (quoted, or up to `;`) without its directory part, as
/// curl 7.88 takes it (`../up/quoted name.txt` is written as `quoted name.txt`, here); the URL's
/// name when the response has none.
#[test]
fn remote_header_name_takes_the_servers_name_without_directories() {
    // -O needs a literal URL in Python and Rust (the name is known when converting): this case
    // is converted once the server listens, with its origin written out.
    let mut failures = Vec::new();
    for lang in langs() {
        let dir = TempDir::new("response-options-j");
        let server = server();
        let o = server.origin();
        let command = format!("curl -O -J {o}/dl/evil.bin -O {o}/dl/plain.bin -O {o}/none/url.bin");
        let options = Options {
            exact: programs::exact_from_env(),
            ..Default::default()
        };
        let code = match programs::generate(&command, lang, &options) {
            Generated::Code(code) => code,
            other => {
                failures.push(format!("[{}] {other:?}", lang.name()));
                continue;
            }
        };
        let program = if lang == Lang::Rust {
            let suite = if programs::exact_from_env() {
                "response_j_exact"
            } else {
                "response_j"
            };
            let sources = BTreeMap::from([("f_j".to_string(), code)]);
            let b = rustbuild::build(suite, &sources);
            match (&b.bin, b.broken.get("f_j"), b.clippy.get("f_j")) {
                (_, Some(e), _) | (_, None, Some(e)) => {
                    failures.push(format!("[rust] {e}"));
                    continue;
                }
                (Some(bin), None, None) => Runnable::RustModule(bin.clone(), "f_j".into()),
                (None, None, None) => {
                    failures.push(format!("[rust] {:?}", b.fatal));
                    continue;
                }
            }
        } else {
            let p = programs::write_script(dir.path(), "j", lang, &code);
            if let Runnable::Script(_, f) = &p {
                let files = vec![f.clone()];
                failures.extend(match lang {
                    l if l.is_python() => programs::lint_python(&files),
                    Lang::TypeScript => programs::lint_typescript(&files),
                    _ => programs::lint_javascript(&files),
                });
            }
            p
        };
        let out = program.run(dir.path(), &[], PROGRAM_TIMEOUT);
        let mut r = Runs {
            outs: vec![out],
            requests: server.requests(),
            dir: dir.path(),
            problems: Vec::new(),
        };
        r.exit(0);
        for (name, expected) in [
            ("quoted name.txt", Some(&b"one\n"[..])),
            ("plain.txt", Some(b"two\n")),
            ("url.bin", Some(b"three\n")),
            ("evil.bin", None),
        ] {
            let got = r.file(name);
            r.check(got.as_deref() == expected, || format!("{name}: {got:?}"));
        }
        if !r.problems.is_empty() {
            let transcript = r.out().transcript();
            failures.push(format!(
                "[{}] {}\n{transcript}",
                lang.name(),
                r.problems.join("\n")
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// `-w` after the body: the status, a header, curl's `%%` and `\t`, and the URL (curl 7.88 wrote
/// `hello\ncode=200 type=text/plain etag="v1" {%}\thttp://127.0.0.1:PORT/doc\n`).
#[test]
fn write_out_follows_the_body() {
    run_case("write_out", 1, nothing, |r| {
        r.exit(0);
        let out = r.out().stdout_text();
        let head = "hello\ncode=200 type=text/plain etag=\"v1\" {%}\thttp://127.0.0.1:";
        r.check(out.starts_with(head) && out.ends_with("/doc\n"), || {
            format!("stdout {out:?}, expected {head:?}…/doc\\n")
        });
    });
}

/// `-f -w` on a 404: no body and no file, but the write-out still comes, and exit 22.
#[test]
fn write_out_comes_after_fail_too() {
    run_case("write_out_fail", 1, nothing, |r| {
        r.exit(22);
        let out = r.out().stdout_text();
        r.check(out == "404|text/plain\n", || format!("stdout {out:?}"));
        let file = r.file("out.txt");
        r.check(file.is_none(), || format!("out.txt written: {file:?}"));
    });
}

/// `-w` when no response came (a refused connection): curl writes 000, the URL it tried and
/// nothing for the content type; the program fails as curl does.
#[test]
fn write_out_without_a_response_says_000() {
    run_case("write_out_refused", 1, nothing, |r| {
        let out = r.out().stdout_text();
        let want = "[000|http://127.0.0.1:1/x|]";
        r.check(out == want, || format!("stdout {out:?}, expected {want:?}"));
        let code = r.out().code;
        r.check(code.is_some_and(|c| c != 0), || format!("exit {code:?}"));
    });
}

/// Every program of these cases passes the languages' linters (ruff, eslint, tsc, clippy).
#[test]
fn response_option_programs_lint_clean() {
    let dir = TempDir::new("response-options-lint");
    let mut problems = Vec::new();
    for lang in langs().into_iter().filter(|l| *l != Lang::Rust) {
        let files: Vec<_> = CASES
            .iter()
            .filter_map(|(n, _)| match program(n, lang, dir.path()) {
                Ok(Runnable::Script(_, f)) => Some(f),
                _ => None,
            })
            .collect();
        problems.extend(match lang {
            l if l.is_python() => programs::lint_python(&files),
            Lang::TypeScript => programs::lint_typescript(&files),
            _ => programs::lint_javascript(&files),
        });
    }
    if langs().contains(&Lang::Rust) {
        let b = rust_build();
        for (m, e) in b.broken.iter().chain(&b.clippy) {
            problems.push(format!("=== {m} ===\n{e}"));
        }
        problems.extend(b.fatal.clone());
    }
    assert!(problems.is_empty(), "{}", problems.join("\n\n"));
}
