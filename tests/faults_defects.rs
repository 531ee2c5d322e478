//! Fault scenarios for defects found in the generated programs after tests/faults.rs was written:
//! the final body after the last retry, a body cut off halfway, transient socket errors, the proxy
//! tunnel's SNI, urllib3 1.26, deadlines that run out before an attempt starts, proxies from the
//! environment, and curl's `-m 0` ("no limit").
//!
//! Each case's command takes its URLs from `$BASE` (and `$PROXY`), read by the program when it
//! runs: the Rust programs compile once, as modules of one binary, before any server listens.
//! Languages run in parallel, one loopback server each.

mod support;

use curl2code::{Options, Overrides};
use std::collections::BTreeMap;
use std::sync::OnceLock;
use std::time::Duration;
use support::fixture;
use support::process::{self, Outcome, TempDir};
use support::programs::{self, Lang, Runnable};
use support::rustbuild;
use support::server::{Action, Recorded, Server};

/// A program that needs longer than this is hung.
const PROGRAM_TIMEOUT: Duration = Duration::from_secs(25);
/// How long the "slow" server takes to answer: longer than a 0-second timeout, well inside 30 s.
const SLOW: Duration = Duration::from_millis(1500);

/// One command converted with one set of retry options, in some languages.
struct Case {
    name: &'static str,
    command: &'static str,
    overrides: fn() -> Overrides,
    langs: &'static [Lang],
}

const ALL: &[Lang] = &[
    Lang::Python,
    Lang::JavaScript,
    Lang::Rust,
    Lang::JavaScriptAxios,
    Lang::TypeScript,
];
const PY: &[Lang] = &[Lang::Python];
/// axios has no connect timeout of its own (only the whole request's).
const CONNECT_TIMEOUT_LANGS: &[Lang] =
    &[Lang::Python, Lang::JavaScript, Lang::Rust, Lang::TypeScript];

/// Small delays, so the cases are fast.
fn fast() -> Overrides {
    Overrides {
        base_delay: Some(0.05),
        max_delay: Some(0.4),
        ..Overrides::default()
    }
}

fn cases() -> Vec<Case> {
    vec![
        Case {
            name: "final_body_after_the_last_retry",
            command: r#"curl "$BASE/items""#,
            overrides: || Overrides {
                max_retries: Some(1),
                ..fast()
            },
            langs: ALL,
        },
        Case {
            name: "final_body_when_retry_after_passes_the_deadline",
            command: r#"curl "$BASE/items""#,
            overrides: || Overrides {
                deadline: Some(5.0),
                ..fast()
            },
            langs: ALL,
        },
        Case {
            name: "get_cut_off_mid_body",
            command: r#"curl "$BASE/items""#,
            overrides: fast,
            langs: ALL,
        },
        Case {
            name: "post_cut_off_mid_body",
            command: r#"curl -d item=book "$BASE/orders""#,
            overrides: fast,
            langs: ALL,
        },
        Case {
            name: "deadline_over_before_the_first_attempt",
            command: r#"curl "$BASE/items""#,
            overrides: || Overrides {
                deadline: Some(0.000_001),
                ..fast()
            },
            langs: ALL,
        },
        Case {
            name: "max_time_0",
            command: r#"curl -m 0 "$BASE/slow""#,
            overrides: fast,
            langs: ALL,
        },
        Case {
            name: "every_curl_limit_0",
            command: r#"curl -m 0 --connect-timeout 0 --retry-max-time 0 "$BASE/slow""#,
            overrides: fast,
            langs: ALL,
        },
        Case {
            name: "connect_timeout_and_retry_max_time_0",
            command: r#"curl --connect-timeout 0 --retry-max-time 0 "$BASE/slow""#,
            overrides: fast,
            langs: ALL,
        },
        Case {
            name: "cli_limits_0",
            command: r#"curl "$BASE/slow""#,
            overrides: || Overrides {
                deadline: Some(0.0),
                timeout: Some(0.0),
                connect_timeout: Some(0.0),
                ..fast()
            },
            langs: ALL,
        },
        Case {
            name: "max_time_0_without_retries",
            command: r#"curl -m 0 "$BASE/slow""#,
            overrides: || Overrides {
                no_retry: true,
                ..Overrides::default()
            },
            langs: ALL,
        },
        Case {
            name: "redirect_loop_stops_at_max_redirs",
            command: r#"curl -L --max-redirs 2 "$BASE/loop""#,
            overrides: fast,
            langs: ALL,
        },
        Case {
            name: "connect_timeout_applied",
            command: r#"curl --connect-timeout 0.5 -d item=book "$BASE/orders""#,
            overrides: || Overrides {
                max_retries: Some(1),
                ..fast()
            },
            langs: CONNECT_TIMEOUT_LANGS,
        },
        Case {
            name: "proxy_from_the_environment",
            command: r#"curl "$BASE/items""#,
            overrides: fast,
            langs: PY,
        },
        Case {
            name: "proxy_from_the_environment_with_noproxy",
            command: r#"curl --noproxy other.example "$BASE/items""#,
            overrides: fast,
            langs: PY,
        },
        Case {
            name: "urllib3_1_26_retry",
            command: r#"curl --compressed -H "X-A: 1" -H "X-A: 2" "$BASE/items""#,
            overrides: fast,
            langs: PY,
        },
        Case {
            name: "urllib3_1_26_refused",
            command: r#"curl "$BASE/items""#,
            overrides: || Overrides {
                max_retries: Some(1),
                ..fast()
            },
            langs: PY,
        },
    ]
}

fn case(name: &str) -> Case {
    cases()
        .into_iter()
        .find(|c| c.name == name)
        .unwrap_or_else(|| panic!("no case {name}"))
}

/// The program of `case` in `lang`.
fn generate(case: &Case, lang: Lang) -> Result<String, String> {
    let options = Options {
        shell: Some(curl2code::Dialect::Bash),
        retry: (case.overrides)(),
        exact: programs::exact_from_env(),
        ..Default::default()
    };
    programs::generate(case.command, lang, &options).into_result(case.command)
}

/// Every Rust case, compiled (and linted) once into the `faults_defects` binary.
fn rust_build() -> &'static rustbuild::Build {
    static BUILD: OnceLock<rustbuild::Build> = OnceLock::new();
    BUILD.get_or_init(|| {
        let sources: BTreeMap<String, String> = cases()
            .iter()
            .filter(|c| c.langs.contains(&Lang::Rust))
            .filter_map(|c| Some((fixture::ident(c.name), generate(c, Lang::Rust).ok()?)))
            .collect();
        rustbuild::build("faults_defects", &sources)
    })
}

/// A runnable program of `case` in `lang`, written into `dir`.
fn program(case: &Case, lang: Lang, dir: &TempDir) -> Result<Runnable, String> {
    if lang == Lang::Rust {
        return rust_build().runnable(&fixture::ident(case.name));
    }
    let code = generate(case, lang)?;
    Ok(programs::write_script(dir.path(), case.name, lang, &code))
}

/// What one run of one program did.
struct Run {
    out: Outcome,
    /// Requests per server, in arrival order.
    requests: Vec<Vec<Recorded>>,
}

impl Run {
    fn stderr_lines(&self) -> Vec<String> {
        self.out.stderr_text().lines().map(str::to_string).collect()
    }

    fn error_lines(&self) -> Vec<String> {
        let lines = self.stderr_lines();
        lines
            .into_iter()
            .filter(|l| l.starts_with("error:"))
            .collect()
    }

    fn retry_lines(&self) -> usize {
        let lines = self.stderr_lines();
        lines.iter().filter(|l| l.starts_with("retry ")).count()
    }
}

/// Problems found in one run.
struct Check<'a> {
    run: &'a Run,
    problems: Vec<String>,
}

impl Check<'_> {
    fn exit(&mut self, code: i32) {
        if self.run.out.code != Some(code) {
            let got = self.run.out.describe_exit();
            self.problems
                .push(format!("expected exit {code}, got {got}"));
        }
    }

    fn requests(&mut self, server: usize, n: usize) {
        let got = self.run.requests.get(server).map_or(0, Vec::len);
        if got != n {
            let m = format!("server {server}: expected {n} request(s), got {got}");
            self.problems.push(m);
        }
    }

    fn stdout_is(&mut self, expected: &str) {
        let got = self.run.out.stdout_text();
        if got != expected {
            let m = format!("stdout {got:?}, expected {expected:?}");
            self.problems.push(m);
        }
    }

    /// Exactly one `error:` line, containing `piece`.
    fn final_line(&mut self, piece: &str) {
        let lines = self.run.error_lines();
        if lines.len() != 1 || !lines.iter().all(|l| l.contains(piece)) {
            let m = format!("expected one `error:` line containing {piece:?}, got {lines:?}");
            self.problems.push(m);
        }
    }

    fn no_final_line(&mut self) {
        let lines = self.run.error_lines();
        if !lines.is_empty() {
            self.problems
                .push(format!("unexpected error line(s) {lines:?}"));
        }
    }

    fn retries(&mut self, n: usize) {
        let got = self.run.retry_lines();
        if got != n {
            let m = format!("expected {n} retry line(s), got {got}");
            self.problems.push(m);
        }
    }

    /// No traceback, panic or uncaught exception: every failure is one `error:` line.
    fn no_crash(&mut self) {
        let err = self.run.out.stderr_text();
        for crash in ["Traceback", "panicked", "ValueError", "    at "] {
            if err.contains(crash) {
                self.problems.push(format!("the program crashed ({crash})"));
            }
        }
    }
}

/// Runs `case` in each of its languages in parallel: `servers` makes each run's servers,
/// `env` its environment from their origins, and `check` judges the result.
fn run_case(
    name: &str,
    servers: impl Fn() -> Vec<Server> + Sync,
    env: impl Fn(&[String]) -> Vec<(String, String)> + Sync,
    check: impl Fn(&mut Check) + Sync,
) {
    let case = case(name);
    if case.langs.contains(&Lang::Rust) {
        // Compile before any timing starts.
        let _ = rust_build();
    }
    // A flavour has no --exact output: an --exact run (CURL2CODE_EXACT=1) is for the core targets.
    let exact = programs::exact_from_env();
    let langs: Vec<Lang> = (case.langs.iter().copied())
        .filter(|lang| !exact || lang.target().core() == lang.target())
        .collect();
    let failures = process::in_parallel(&langs, |&lang| {
        let dir = TempDir::new("faults-defects");
        let program = match program(&case, lang, &dir) {
            Ok(p) => p,
            Err(e) => return Some(format!("=== {name} [{}] ===\n{e}", lang.name())),
        };
        let servers = servers();
        let origins: Vec<String> = servers.iter().map(Server::origin).collect();
        let out = program.run(dir.path(), &env(&origins), PROGRAM_TIMEOUT);
        let requests = servers.iter().map(Server::requests).collect();
        let run = Run { out, requests };
        let mut c = Check {
            run: &run,
            problems: Vec::new(),
        };
        check(&mut c);
        c.no_crash();
        (!c.problems.is_empty()).then(|| {
            format!(
                "=== {name} [{}] ===\n{}\nprogram: {}",
                lang.name(),
                c.problems.join("\n"),
                run.out.transcript()
            )
        })
    });
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// `BASE` = the first server's origin.
fn base(origins: &[String]) -> Vec<(String, String)> {
    vec![("BASE".into(), origins.first().cloned().unwrap_or_default())]
}

fn one(script: Vec<Action>, default: Action) -> impl Fn() -> Vec<Server> + Sync {
    move || vec![Server::with_default(script.clone(), default.clone())]
}

/// 200 after `SLOW`.
fn slow_ok() -> Action {
    Action::dynamic(|_| {
        std::thread::sleep(SLOW);
        Action::status(200).body("slow but fine\n")
    })
}

fn ok() -> Action {
    Action::status(200).body("all good\n")
}

/// Defect: JavaScript printed nothing when the last attempt's answer was a retryable status.
#[test]
fn the_final_body_is_printed_after_the_last_retry() {
    let gateway = Action::status(502).body("gateway body\n");
    run_case(
        "final_body_after_the_last_retry",
        one(Vec::new(), gateway),
        base,
        |c| {
            c.exit(1);
            c.requests(0, 2);
            c.stdout_is("gateway body\n");
            c.final_line("failed after 2 attempt(s): HTTP 502");
        },
    );
}

/// Defect: JavaScript's nodeFetch (every `--exact` program) followed redirects without end.
/// curl 7.88 with `-L --max-redirs 2` asks 3 times, then fails: "Maximum (2) redirects followed".
#[test]
fn a_redirect_loop_stops_at_max_redirs() {
    let again = Action::status(302)
        .header("Location", "/loop")
        .body("again\n");
    run_case(
        "redirect_loop_stops_at_max_redirs",
        one(Vec::new(), again),
        base,
        |c| {
            if c.run.out.code == Some(0) {
                c.problems.push("exit 0 after too many redirects".into());
            }
            c.requests(0, 3);
            c.retries(0);
            c.final_line("failed after 1 attempt(s)");
        },
    );
}

/// Defect: JavaScript ignored --connect-timeout (fetch's is fixed at 10 s; nodeFetch had none).
/// A listener whose accept queue is full never completes a handshake: each attempt must give up
/// after 0.5 s, as never sent, so even this POST is tried again (curl: exit 28 per attempt).
#[test]
fn connect_timeout_is_applied() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1");
    let addr = listener.local_addr().expect("local address");
    // Fill the accept queue (std listens with a backlog of 128): the next connect then hangs.
    let mut queued = Vec::new();
    for _ in 0..400 {
        match std::net::TcpStream::connect_timeout(&addr, Duration::from_millis(300)) {
            Ok(stream) => queued.push(stream),
            Err(_) => break,
        }
    }
    let origin = format!("http://{addr}");
    run_case(
        "connect_timeout_applied",
        Vec::new,
        |_| vec![("BASE".into(), origin.clone())],
        |c| {
            c.exit(1);
            c.retries(1);
            c.final_line("failed after 2 attempt(s)");
            // reqwest passes on tokio's words for its connect timeout: "deadline has elapsed".
            let err = c.run.out.stderr_text();
            if !err.contains("timed out") && !err.contains("deadline has elapsed") {
                c.problems.push("no attempt ended as timed out".into());
            }
            // Two attempts of 0.5 s and a short wait; fetch's fixed 10 s would take 20.
            if c.run.out.elapsed > Duration::from_secs(8) {
                let m = format!(
                    "took {:?}: the 0.5 s connect timeout was not applied",
                    c.run.out.elapsed
                );
                c.problems.push(m);
            }
        },
    );
    drop(queued);
}

/// The same when the program stops early because Retry-After would pass the deadline.
#[test]
fn the_final_body_is_printed_when_retry_after_passes_the_deadline() {
    let busy = Action::status(503)
        .header("Retry-After", "120")
        .body("busy body\n");
    run_case(
        "final_body_when_retry_after_passes_the_deadline",
        one(Vec::new(), busy),
        base,
        |c| {
            c.exit(1);
            c.requests(0, 1);
            c.stdout_is("busy body\n");
            c.final_line("failed after 1 attempt(s): HTTP 503");
        },
    );
}

fn cut_off() -> Action {
    Action::Truncated {
        declared: 100,
        body: b"0123456789".to_vec(),
    }
}

/// Defect: JavaScript took a GET whose connection dropped halfway through the body as final.
#[test]
fn a_get_cut_off_mid_body_is_retried() {
    run_case(
        "get_cut_off_mid_body",
        one(vec![cut_off()], ok()),
        base,
        |c| {
            c.exit(0);
            c.requests(0, 2);
            c.retries(1);
            c.no_final_line();
            c.stdout_is("all good\n");
        },
    );
}

/// A POST cut off mid-body may have done its work: it is not repeated.
#[test]
fn a_post_cut_off_mid_body_is_not_retried() {
    run_case(
        "post_cut_off_mid_body",
        one(vec![cut_off()], ok()),
        base,
        |c| {
            c.exit(1);
            c.requests(0, 1);
            c.retries(0);
            c.final_line("failed after 1 attempt(s)");
        },
    );
}

/// Defect: when the deadline is over by the time an attempt starts (a sleep that overshoots, or
/// here a deadline shorter than the program's own set-up), Python computed a negative timeout
/// and crashed with a ValueError; JavaScript and Rust used a 0 s timeout.
#[test]
fn a_deadline_over_before_an_attempt_is_not_a_crash() {
    run_case(
        "deadline_over_before_the_first_attempt",
        one(Vec::new(), ok()),
        base,
        |c| {
            // The one attempt gets the 1 ms floor: it may succeed or time out, never crash.
            let got = c.run.requests.first().map_or(0, Vec::len);
            if got > 1 {
                c.problems
                    .push(format!("{got} requests: no retry fits the deadline"));
            }
            c.retries(0);
            match c.run.out.code {
                Some(0) => c.no_final_line(),
                Some(1) => c.final_line("failed after 1 attempt(s)"),
                _ => c
                    .problems
                    .push(format!("exit {}", c.run.out.describe_exit())),
            }
        },
    );
}

/// Checks for a slow answer that a 0-second limit would have cut off.
fn slow_succeeds(requests: usize) -> impl Fn(&mut Check) + Sync {
    move |c| {
        c.exit(0);
        c.requests(0, requests);
        c.no_final_line();
        c.stdout_is("slow but fine\n");
        if c.run.out.elapsed < SLOW {
            c.problems
                .push("finished before the server answered".into());
        }
    }
}

/// Defect: curl's `-m 0` means no limit; the programs used a 0 s timeout.
#[test]
fn max_time_0_means_no_limit() {
    run_case(
        "max_time_0",
        one(Vec::new(), slow_ok()),
        base,
        slow_succeeds(1),
    );
}

#[test]
fn every_curl_limit_0_means_no_limit() {
    run_case(
        "every_curl_limit_0",
        one(vec![Action::status(502)], slow_ok()),
        base,
        slow_succeeds(2),
    );
}

#[test]
fn connect_timeout_and_retry_max_time_0_mean_no_limit() {
    run_case(
        "connect_timeout_and_retry_max_time_0",
        one(vec![Action::status(503)], slow_ok()),
        base,
        slow_succeeds(2),
    );
}

/// curl2code's own `--deadline 0 --timeout 0 --connect-timeout 0` mean no limit too.
#[test]
fn cli_limits_0_mean_no_limit() {
    run_case(
        "cli_limits_0",
        one(vec![Action::status(504)], slow_ok()),
        base,
        slow_succeeds(2),
    );
}

#[test]
fn max_time_0_without_retries_means_no_limit() {
    run_case(
        "max_time_0_without_retries",
        one(Vec::new(), slow_ok()),
        base,
        slow_succeeds(1),
    );
}

/// Defect: Python's `session.send` skipped the environment's proxy (and CA bundle) settings that
/// requests.get() applies when the call had options of its own (here `--noproxy` for another
/// host); curl honours `http_proxy` in both cases.
#[test]
fn python_uses_the_proxy_from_the_environment() {
    for name in [
        "proxy_from_the_environment",
        "proxy_from_the_environment_with_noproxy",
    ] {
        run_case(name, origin_and_proxy, proxy_env, |c| {
            c.exit(0);
            c.requests(0, 0);
            c.requests(1, 1);
            c.stdout_is("via the proxy\n");
            let first = c.run.requests.get(1).and_then(|r| r.first());
            let target = first.map(Recorded::target);
            let absolute = target
                .as_deref()
                .is_some_and(|t| t.starts_with("http://127.0.0.1:") && t.ends_with("/items"));
            if !absolute {
                c.problems.push(format!("proxy saw target {target:?}"));
            }
        });
    }
}

/// Server 0 is the origin, server 1 the proxy.
fn origin_and_proxy() -> Vec<Server> {
    let proxy_answer = Action::status(200).body("via the proxy\n");
    vec![
        Server::with_default(Vec::new(), ok()),
        Server::with_default(Vec::new(), proxy_answer),
    ]
}

/// BASE is server 0, `http_proxy` server 1.
fn proxy_env(origins: &[String]) -> Vec<(String, String)> {
    let mut env = base(origins);
    let proxy = origins.get(1).cloned().unwrap_or_default();
    env.push(("http_proxy".into(), proxy));
    // Loopback is often in NO_PROXY; nothing may bypass the proxy here.
    env.push(("NO_PROXY".into(), String::new()));
    env.push(("no_proxy".into(), String::new()));
    env
}

// Submodules live in tests/faults_defects/ (a crate root's modules would otherwise be looked
// for in tests/, where cargo takes every file for a test binary of its own).
#[path = "faults_defects/classify.rs"]
mod classify;
#[path = "faults_defects/sni.rs"]
mod sni;
#[path = "faults_defects/urllib3.rs"]
mod urllib3;

/// Every program of these cases passes the languages' linters (ruff, node --check, clippy).
#[test]
fn defect_programs_lint_clean() {
    let dir = TempDir::new("faults-defects-lint");
    let mut problems = Vec::new();
    for lang in Lang::INTERPRETED {
        let files: Vec<_> = cases()
            .iter()
            .filter(|c| c.langs.contains(&lang))
            .filter_map(|c| match program(c, lang, &dir) {
                Ok(Runnable::Script(_, f)) => Some(f),
                _ => None,
            })
            .collect();
        problems.extend(match lang {
            Lang::Python => programs::lint_python(&files),
            Lang::TypeScript => programs::lint_typescript(&files),
            _ => programs::lint_javascript(&files),
        });
    }
    let b = rust_build();
    for (m, e) in b.broken.iter().chain(&b.clippy) {
        problems.push(format!("=== {m} ===\n{e}"));
    }
    problems.extend(b.fatal.clone());
    assert!(problems.is_empty(), "{}", problems.join("\n\n"));
}

/// True when the CI environment variable is set: tools that are missing there are a failure.
fn in_ci() -> bool {
    std::env::var_os("CI").is_some_and(|v| !v.is_empty())
}
