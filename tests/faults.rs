//! Fault injection: each scenario scripts a loopback server (502s, Retry-After, hangs, nothing
//! listening…), turns a curl command into a program with small retry delays, runs it, and checks the
//! exit code, the requests the server saw, the delays between them (measured at the server) and the
//! stderr lines against BRIEF.md's retry contract.
//!
//! Every language runs every scenario; scenarios of one language run in parallel (they mostly
//! sleep), so timing checks use tight lower bounds and generous upper bounds. Rust programs are
//! compiled as modules of one binary in the same cargo project as the wire suite's (reqwest compiles
//! once). `faults_reference_program` runs the same scenarios against a hand-written Python program
//! (tests/support/reference_retry.py) that implements the contract: it proves the checks themselves.
//!
//! Knobs: `CURL2CODE_SCENARIOS=a,b` runs only scenarios whose name contains a or b;
//! `CURL2CODE_STRICT=1` fails on generators that are still placeholders.

mod support;

use curl2code::policy::Jitter;
use curl2code::{Options, Overrides};
use std::collections::BTreeMap;
use std::io::Write;
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, Instant, SystemTime};
use support::fixture;
use support::process::{self, Outcome, TempDir};
use support::programs::{self, Generated, Lang, Runnable};
use support::rustbuild;
use support::server::{self, Action, Recorded, Server};

/// Backoff used by most scenarios: small, so the suite is fast, but measurable.
const BASE: f64 = 0.05;
const MAX: f64 = 0.4;
/// Upper slack on any measured delay: two cores shared by parallel programs and compilers.
const SLACK_UP: f64 = 0.75;
/// Lower slack: a program may not wait less than it said (clock reads, rounding to 0.01 s).
const SLACK_DOWN: f64 = 0.03;
/// How late the server may stamp one request's arrival under load (see `attempt_gaps_at_least`).
const ARRIVAL_LAG: f64 = 0.25;
/// A program that needs longer than this is hung.
const PROGRAM_TIMEOUT: Duration = Duration::from_secs(25);
/// Parallel scenario runs per language.
const WORKERS: usize = 6;

/// A scripted server: answers `script` in order, then `default` forever.
#[derive(Clone)]
struct ServerSpec {
    script: Vec<Action>,
    default: Action,
}

fn forever(a: Action) -> ServerSpec {
    ServerSpec {
        script: Vec::new(),
        default: a,
    }
}

fn then_ok(script: Vec<Action>) -> ServerSpec {
    ServerSpec {
        script,
        default: Action::status(200).body("all good\n"),
    }
}

/// One fault scenario.
struct Scenario {
    name: &'static str,
    /// Servers to start; `{S0}`, `{S1}` in the command are their origins, `{H0}` is server 0's
    /// `127.0.0.1:port`, `{DEAD}` an origin where nothing listens.
    servers: Vec<ServerSpec>,
    command: &'static str,
    overrides: Overrides,
    check: fn(&mut Check),
}

fn fast() -> Overrides {
    Overrides {
        base_delay: Some(BASE),
        max_delay: Some(MAX),
        ..Overrides::default()
    }
}

fn fast_with(f: impl FnOnce(&mut Overrides)) -> Overrides {
    let mut o = fast();
    f(&mut o);
    o
}

/// The origins of one instantiation of a scenario.
struct Ctx {
    origins: Vec<String>,
    dead: String,
}

impl Ctx {
    fn fill(&self, template: &str) -> String {
        let mut s = template.replace("{DEAD}", &self.dead);
        for (i, o) in self.origins.iter().enumerate() {
            s = s.replace(&format!("{{S{i}}}"), o);
            s = s.replace(&format!("{{H{i}}}"), o.trim_start_matches("http://"));
        }
        s
    }
}

#[path = "faults/check.rs"]
mod check;
#[path = "faults/playbook.rs"]
mod playbook;
#[path = "faults/scenarios.rs"]
mod scenarios;
use check::*;
use scenarios::*;

/// A scenario ready to run in one language: its servers are listening, its program exists.
struct Prepared {
    scenario: usize,
    servers: Vec<Server>,
    ctx: Ctx,
    program: Result<Runnable, String>,
    pending: Option<String>,
}

/// Starts the scenario's servers and converts its command for `lang` (or the reference program).
fn prepare(
    index: usize,
    s: &Scenario,
    lang: Option<Lang>,
    dir: &std::path::Path,
) -> (Prepared, Option<String>) {
    let servers: Vec<Server> = s
        .servers
        .iter()
        .map(|spec| Server::with_default(spec.script.clone(), spec.default.clone()))
        .collect();
    let dead_port = process::free_port();
    let ctx = Ctx {
        origins: servers.iter().map(Server::origin).collect(),
        dead: format!("http://127.0.0.1:{dead_port}"),
    };
    let command = ctx
        .fill(s.command)
        .replace("{DEAD_HOST}", &format!("127.0.0.1:{dead_port}"));
    let mut overrides = s.overrides.clone();
    overrides.fallback_urls = overrides
        .fallback_urls
        .iter()
        .map(|u| ctx.fill(u))
        .collect();
    overrides.health_check = overrides.health_check.as_deref().map(|h| ctx.fill(h));
    let options = Options {
        shell: Some(curl2code::Dialect::Bash),
        retry: overrides,
        exact: programs::exact_from_env(),
        ..Default::default()
    };
    let (program, pending, code) = match lang {
        None => (
            Ok(reference_program(dir, s.name, &command, &options.retry)),
            None,
            None,
        ),
        Some(lang) => match programs::generate(&command, lang, &options) {
            Generated::Code(code) if lang.is_rust() => (Err(String::new()), None, Some(code)),
            Generated::Code(code) => (
                Ok(programs::write_script(dir, s.name, lang, &code)),
                None,
                None,
            ),
            Generated::Pending(p) => (Err(p.clone()), Some(p), None),
            Generated::Refused(d) => (
                Err(format!("curl2code refused `{command}`:\n{d}")),
                None,
                None,
            ),
        },
    };
    (
        Prepared {
            scenario: index,
            servers,
            ctx,
            program,
            pending,
        },
        code,
    )
}

/// The reference program: tests/support/reference_retry.py with the command and overrides.
fn reference_program(dir: &std::path::Path, name: &str, command: &str, o: &Overrides) -> Runnable {
    let script = fixture::repo_root().join("tests/support/reference_retry.py");
    let config = serde_json::json!({
        "command": command,
        "max_retries": o.max_retries,
        "base_delay": o.base_delay,
        "max_delay": o.max_delay,
        "jitter": o.jitter.map(|j| if j == Jitter::None { "none" } else { "full" }),
        "deadline": o.deadline,
        "timeout": o.timeout,
        "retry_non_idempotent": o.retry_non_idempotent,
        "no_retry": o.no_retry,
        "circuit_breaker": o.circuit_breaker,
        "idempotency_key": o.idempotency_key,
        "fallback_urls": o.fallback_urls,
        "breaker": o.breaker,
        "health_check": o.health_check,
        "health_timeout": o.health_timeout,
        "health_ttl": o.health_ttl,
        "health_check_auth": o.health_check_auth,
    });
    // A tiny launcher per scenario keeps Runnable::Script's "python3 file" shape.
    let launcher = format!(
        "import runpy, sys\nsys.argv = [{script:?}, {config:?}]\nrunpy.run_path({script:?}, run_name='__main__')\n",
        script = script.display().to_string(),
        config = config.to_string()
    );
    programs::write_script(dir, name, Lang::Python, &launcher)
}

/// Runs every prepared scenario on `WORKERS` threads and returns the problems per scenario.
fn run_all(
    prepared: Vec<Prepared>,
    all: &[Scenario],
) -> BTreeMap<usize, Result<Vec<String>, String>> {
    let queue = Arc::new(Mutex::new(prepared));
    let results = Arc::new(Mutex::new(BTreeMap::new()));
    std::thread::scope(|scope| {
        for _ in 0..WORKERS {
            let queue = queue.clone();
            let results = results.clone();
            scope.spawn(move || {
                loop {
                    let next = queue.lock().unwrap_or_else(|e| e.into_inner()).pop();
                    let Some(p) = next else { break };
                    let Some(s) = all.get(p.scenario) else {
                        continue;
                    };
                    let outcome = match (&p.program, &p.pending) {
                        (_, Some(pending)) => Err(pending.clone()),
                        (Err(e), None) => Ok(vec![e.clone()]),
                        (Ok(program), None) => {
                            let cwd = TempDir::new("faults");
                            let out = program.run(cwd.path(), &[], PROGRAM_TIMEOUT);
                            // Hung connections may still be open; what arrived is what counts.
                            let requests = p.servers.iter().map(Server::requests).collect();
                            let run = RunResult { out, requests };
                            let mut c = Check {
                                run: &run,
                                ctx: &p.ctx,
                                overrides: &s.overrides,
                                problems: Vec::new(),
                            };
                            (s.check)(&mut c);
                            if c.problems.is_empty() {
                                Ok(Vec::new())
                            } else {
                                let mut problems = c.problems;
                                problems.push(format!("program: {}", run.out.transcript()));
                                Ok(problems)
                            }
                        }
                    };
                    results
                        .lock()
                        .unwrap_or_else(|e| e.into_inner())
                        .insert(p.scenario, outcome);
                    drop(p.servers);
                }
            });
        }
    });
    Arc::try_unwrap(results)
        .map(|m| m.into_inner().unwrap_or_else(|e| e.into_inner()))
        .unwrap_or_default()
}

/// The scenarios every language runs, the reference program too: the basics, then the 502
/// playbook (health checks, fallbacks that choose, a breaker per base).
fn all_scenarios() -> Vec<Scenario> {
    let mut all = scenarios();
    all.extend(playbook::playbook());
    all
}

fn selected(all: &[Scenario]) -> Vec<usize> {
    let filter = fixture::env_list("CURL2CODE_SCENARIOS");
    (0..all.len())
        .filter(|i| {
            filter.is_empty()
                || all
                    .get(*i)
                    .is_some_and(|s| filter.iter().any(|f| s.name.contains(f.as_str())))
        })
        .collect()
}

/// The Rust programs of every scenario, compiled once into the `faults` binary (the
/// `rust-blocking` flavour's into `faults_blocking`).
struct RustFaults {
    prepared: Mutex<Vec<Prepared>>,
    build: rustbuild::Build,
}

/// The Rust languages this run compiles: `rust-blocking` has no `--exact` output.
fn rust_langs() -> Vec<Lang> {
    if programs::exact_from_env() {
        vec![Lang::Rust]
    } else {
        vec![Lang::Rust, Lang::RustBlocking]
    }
}

fn rust_faults(lang: Lang) -> &'static RustFaults {
    static RUST: OnceLock<RustFaults> = OnceLock::new();
    static BLOCKING: OnceLock<RustFaults> = OnceLock::new();
    let (cell, suite) = match lang {
        Lang::RustBlocking => (&BLOCKING, "faults_blocking"),
        _ => (&RUST, "faults"),
    };
    cell.get_or_init(|| {
        let all = all_scenarios();
        let dir = TempDir::new("faults-rust-unused");
        let mut prepared = Vec::new();
        let mut sources = BTreeMap::new();
        for i in selected(&all) {
            let Some(s) = all.get(i) else { continue };
            let (p, code) = prepare(i, s, Some(lang), dir.path());
            if let Some(code) = code {
                sources.insert(fixture::ident(s.name), code);
            }
            prepared.push(p);
        }
        let build = if sources.is_empty() {
            rustbuild::Build::default()
        } else {
            rustbuild::build(suite, &sources)
        };
        for p in &mut prepared {
            let Some(s) = all.get(p.scenario) else {
                continue;
            };
            let module = fixture::ident(s.name);
            if !sources.contains_key(&module) {
                continue;
            }
            p.program = build.runnable(&module);
        }
        RustFaults {
            prepared: Mutex::new(prepared),
            build,
        }
    })
}

/// Runs every scenario in `lang` (None: the reference program) and fails with every problem.
fn run_language(lang: Option<Lang>) {
    // Compile the Rust programs first: a cargo build on both cores while other languages run
    // would stretch the delays those scenarios measure.
    for rust in rust_langs() {
        let _ = rust_faults(rust);
    }
    let start = Instant::now();
    let all = all_scenarios();
    let name = lang.map_or("reference", Lang::name);
    let dir = TempDir::new(&format!("faults-{name}"));
    let prepared: Vec<Prepared> = match lang {
        Some(rust) if rust.is_rust() => std::mem::take(
            &mut *rust_faults(rust)
                .prepared
                .lock()
                .unwrap_or_else(|e| e.into_inner()),
        ),
        _ => selected(&all)
            .into_iter()
            .filter_map(|i| all.get(i).map(|s| prepare(i, s, lang, dir.path()).0))
            .collect(),
    };
    let results = run_all(prepared, &all);
    let mut failures = Vec::new();
    let (mut passed, mut pending) = (0, 0);
    for (i, r) in &results {
        let s_name = all.get(*i).map_or("?", |s| s.name);
        match r {
            Ok(problems) if problems.is_empty() => passed += 1,
            Ok(problems) => failures.push(format!(
                "=== {s_name} [{name}] ===\n{}",
                problems.join("\n")
            )),
            Err(_) => pending += 1,
        }
    }
    let summary = format!(
        "faults {name}: {} scenarios, {passed} passed, {} failed, {pending} pending, in {:.1} s",
        results.len(),
        failures.len(),
        start.elapsed().as_secs_f64()
    );
    // Straight to stderr, past the test harness capture: the summary shows even when tests pass.
    let _ = writeln!(std::io::stderr(), "{summary}");
    assert!(
        failures.is_empty(),
        "{summary}\n\n{}\n\n{summary}",
        failures.join("\n\n")
    );
    assert!(
        !(programs::strict() && pending > 0),
        "{summary}: CURL2CODE_STRICT=1 and {pending} scenario(s) are pending"
    );
}

#[test]
fn faults_python() {
    run_language(Some(Lang::Python));
}

/// The httpx flavours run the same scenarios; they have no `--exact` (CURL2CODE_EXACT=1 skips).
#[test]
fn faults_python_httpx() {
    if !programs::exact_from_env() && programs::httpx_or_skip() {
        run_language(Some(Lang::PythonHttpx));
    }
}

#[test]
fn faults_python_async() {
    if !programs::exact_from_env() && programs::httpx_or_skip() {
        run_language(Some(Lang::PythonAsync));
    }
}

#[test]
fn faults_javascript() {
    run_language(Some(Lang::JavaScript));
}

#[test]
fn faults_javascript_axios() {
    if programs::exact_from_env() {
        eprintln!("faults_javascript_axios: skipped, the flavour has no --exact output");
        return;
    }
    run_language(Some(Lang::JavaScriptAxios));
}

#[test]
fn faults_typescript() {
    if programs::exact_from_env() {
        eprintln!("faults_typescript: skipped, the flavour has no --exact output");
        return;
    }
    run_language(Some(Lang::TypeScript));
}

#[test]
fn faults_rust() {
    run_language(Some(Lang::Rust));
}

#[test]
fn faults_rust_blocking() {
    if programs::exact_from_env() {
        eprintln!("faults rust-blocking: skipped, the flavour has no --exact output");
        return;
    }
    run_language(Some(Lang::RustBlocking));
}

/// The checks themselves, against a hand-written implementation of the contract.
#[test]
fn faults_reference_program() {
    run_language(None);
}

#[test]
fn fault_programs_lint_clean() {
    let mut problems = Vec::new();
    for lang in Lang::INTERPRETED {
        let all = all_scenarios();
        let dir = TempDir::new("faults-lint");
        let mut files = Vec::new();
        for i in selected(&all) {
            let Some(s) = all.get(i) else { continue };
            let (p, _) = prepare(i, s, Some(lang), dir.path());
            if let Ok(Runnable::Script(_, f)) = p.program {
                files.push(f);
            }
        }
        problems.extend(match lang {
            Lang::Python => programs::lint_python(&files),
            Lang::TypeScript => programs::lint_typescript(&files),
            _ => programs::lint_javascript(&files),
        });
    }
    for rust in rust_langs() {
        let b = &rust_faults(rust).build;
        let name = rust.name();
        for (m, e) in &b.broken {
            problems.push(format!("=== {m} ({name}): does not compile ===\n{e}"));
        }
        for (m, e) in &b.clippy {
            problems.push(format!("=== {m} ({name}): clippy -D warnings ===\n{e}"));
        }
        if let Some(f) = &b.fatal {
            problems.push(f.clone());
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n\n"));
}

#[test]
fn retry_line_parser_accepts_the_contract_shape_only() {
    let l = parse_retry_line("retry 2/4: POST http://127.0.0.1:9/x -> HTTP 502; waiting 0.10s")
        .unwrap();
    assert_eq!(
        (l.k, l.n, l.method.as_str(), l.wait, l.retry_after),
        (2, 4, "POST", 0.1, false)
    );
    let l = parse_retry_line("retry 1/4: GET http://h/x -> HTTP 503; waiting 1.52s (Retry-After)")
        .unwrap();
    assert!(l.retry_after && l.reason == "HTTP 503");
    assert!(parse_retry_line("retry 1/4: GET http://h/x -> HTTP 503; waiting 1.5s").is_err());
    assert!(parse_retry_line("retry 1/4 GET http://h/x -> HTTP 503; waiting 1.50s").is_err());
    let _ = SystemTime::now();
}
