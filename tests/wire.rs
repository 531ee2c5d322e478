//! Wire fidelity: for every fixture, the real curl and the generated Python, JavaScript and Rust
//! programs send their requests to a loopback capture server, and the requests must match under
//! BRIEF.md's rules (method, target, header multiset, body / multipart parts).
//!
//! How a fixture runs (per language, on that language's own capture server so the three run in
//! parallel): every `http(s)://host[:port]` of the input is rewritten to the server; curl runs in a
//! scratch copy of tests/fixtures/files/ with the fixture's `# env:` — bash fixtures as
//! `bash -c <input>` (pipes and heredocs included); cmd/powershell fixtures are split into argv by
//! curl2code's own `shell::tokenize` and curl is exec'd directly (no Windows shell here). Then the
//! generated program runs the same way with an empty stdin (piped stdin is part of the input text).
//!
//! Knobs: `CURL2CODE_FIXTURES=a,b` runs only fixtures whose name contains a or b;
//! `CURL2CODE_HANDWRITTEN=DIR` runs hand-written programs instead of generated ones;
//! `CURL2CODE_STRICT=1` fails on generators that are still placeholders; `CURL2CODE_KEEP_TMP=1`
//! keeps scratch directories. A report per language goes to target/test-reports/wire-<lang>.txt.

mod support;

use curl2code::shell::{Stdin, WordPart};
use curl2code::{Dialect, Options};
use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;
use std::process::Command;
use std::sync::OnceLock;
use std::time::{Duration, Instant};
use support::compare::{self, Rules, Verdict};
use support::fixture::{self, Fixture};
use support::process::{self, Outcome, TempDir};
use support::programs::{self, Generated, Lang, Runnable};
use support::rustbuild;
use support::semantic;
use support::server::Server;

const CURL_TIMEOUT: Duration = Duration::from_secs(15);
/// The server answers 200 at once, so a program needs only its start-up time.
const PROGRAM_TIMEOUT: Duration = Duration::from_secs(30);

/// What happened to one fixture in one language.
enum Outcome1 {
    Compared(Verdict),
    Pending(String),
}

/// Fixtures the wire suite runs, and the `# wire: skip` ones with their reasons.
fn wire_fixtures() -> (Vec<Fixture>, Vec<(String, String)>) {
    let mut run = Vec::new();
    let mut skipped = Vec::new();
    for f in fixture::load_all() {
        if f.expect_error {
            continue;
        }
        match &f.wire_skip {
            Some(reason) => skipped.push((f.name.clone(), reason.clone())),
            None => run.push(f),
        }
    }
    (run, skipped)
}

/// The two outputs and their yardsticks: the default program must mean what curl means
/// (semantic equality), the `--exact` one must send curl's bytes (byte equality).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Mode {
    Default,
    Exact,
}

impl Mode {
    fn label(self) -> &'static str {
        match self {
            Mode::Default => "",
            Mode::Exact => " --exact",
        }
    }
}

fn options(f: &Fixture, mode: Mode) -> Options {
    // The default retry policy: the server answers 200, so it never comes into play.
    Options {
        exact: mode == Mode::Exact,
        ..f.options()
    }
}

/// A scratch cwd holding a copy of tests/fixtures/files/.
fn workdir(prefix: &str) -> TempDir {
    let tmp = TempDir::new(prefix);
    let files = fixture::files_dir();
    if files.is_dir() {
        process::copy_tree(&files, tmp.path()).expect("copy tests/fixtures/files");
    }
    tmp
}

/// The fixture's shell: its `# shell:` header, else what curl2code's tokenizer detects, else bash.
fn dialect(f: &Fixture, input: &str) -> Dialect {
    f.shell
        .or_else(|| {
            curl2code::shell::tokenize(input, None, &mut Vec::new())
                .ok()
                .map(|s| s.dialect)
        })
        .unwrap_or(Dialect::Bash)
}

/// What bash runs: the input minus what a paste carries but a shell must not see, which the
/// converter strips too: a `$ ` prompt at the start of a line, and `sudo`.
fn runnable_in_bash(input: &str) -> String {
    input
        .split_inclusive('\n')
        .map(|line| {
            let t = line.trim_start();
            let t = t.strip_prefix("$ ").unwrap_or(t);
            let t = t.strip_prefix("sudo ").unwrap_or(t);
            if t.len() == line.trim_start().len() {
                line.to_string()
            } else {
                t.to_string()
            }
        })
        .collect()
}

/// Runs the fixture's input with the real curl in `cwd`.
fn run_curl(f: &Fixture, input: &str, cwd: &Path) -> Result<Vec<Outcome>, String> {
    let env = |cmd: &mut Command| {
        cmd.current_dir(cwd);
        process::clean_env(cmd, cwd);
        for (k, v) in &f.env {
            cmd.env(k, v);
        }
    };
    let dialect = dialect(f, input);
    if dialect == Dialect::Bash {
        let mut cmd = Command::new("bash");
        cmd.arg("-c").arg(runnable_in_bash(input));
        env(&mut cmd);
        return process::run(cmd, b"", CURL_TIMEOUT)
            .map(|o| vec![o])
            .map_err(|e| format!("could not run bash: {e}"));
    }
    // No cmd.exe or PowerShell here: take argv from curl2code's own tokenizer and exec curl.
    let mut warnings = Vec::new();
    let script = curl2code::shell::tokenize(input, Some(dialect), &mut warnings)
        .map_err(|d| format!("shell::tokenize failed: {}", d.message))?;
    let lookup = |name: &str| -> Vec<u8> {
        f.env
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone().into_bytes())
            .or_else(|| std::env::var(name).ok().map(String::into_bytes))
            .unwrap_or_default()
    };
    let expand = |w: &curl2code::shell::Word| {
        let mut bytes = Vec::new();
        for p in &w.parts {
            match p {
                WordPart::Lit(b) => bytes.extend_from_slice(b),
                WordPart::Env(n) => bytes.extend(lookup(n)),
            }
        }
        bytes
    };
    let mut outcomes = Vec::new();
    for command in &script.commands {
        use std::os::unix::ffi::OsStringExt;
        let argv: Vec<std::ffi::OsString> = command
            .words
            .iter()
            .skip(1) // curl / curl.exe
            .map(|w| std::ffi::OsString::from_vec(expand(w)))
            .collect();
        let stdin = match &command.stdin {
            Some(Stdin::Bytes(b)) => b.clone(),
            Some(Stdin::Text(w)) => expand(w),
            Some(Stdin::File(w)) => std::fs::read(cwd.join(w.display())).unwrap_or_default(),
            None => Vec::new(),
        };
        let mut cmd = Command::new("curl");
        cmd.args(argv);
        env(&mut cmd);
        outcomes.push(
            process::run(cmd, &stdin, CURL_TIMEOUT)
                .map_err(|e| format!("could not run curl: {e}"))?,
        );
    }
    Ok(outcomes)
}

/// Runs one fixture: curl, then the program, and compares what the server saw.
fn run_fixture(
    f: &Fixture,
    input: &str,
    program: &Runnable,
    server: &Server,
    mode: Mode,
) -> Verdict {
    server.take_requests();
    let curl_dir = workdir("wire-curl");
    let curl = match run_curl(f, input, curl_dir.path()) {
        Ok(o) => o,
        Err(e) => return Verdict::Mismatch(format!("could not run curl: {e}")),
    };
    let curl_requests = server.take_requests();
    let curl_ok = curl.iter().all(|o| o.code == Some(0));
    let curl_transcript = || {
        curl.iter()
            .map(Outcome::transcript)
            .collect::<Vec<_>>()
            .join("\n")
    };
    if curl_requests.is_empty() {
        return Verdict::Mismatch(format!(
            "curl sent no request: is the fixture right (a URL without http(s):// is not rewritten)?\n\
             rewritten input:\n{input}\ncurl: {}",
            curl_transcript()
        ));
    }
    let prog_dir = workdir("wire-prog");
    // `--env-secrets` programs read the credentials from variables holding the command's values.
    let mut env = f.env.clone();
    if f.env_secrets {
        let parsed = curl2code::parse(input, &options(f, mode)).expect("the fixture converts");
        env.extend(
            parsed
                .secrets
                .into_iter()
                .map(|s| (s.var, String::from_utf8_lossy(&s.value).into_owned())),
        );
    }
    let out = program.run(prog_dir.path(), &env, PROGRAM_TIMEOUT);
    let program_requests = server.take_requests();
    let rules = Rules::from_input(input);
    let verdict = match mode {
        Mode::Exact => compare::compare(&curl_requests, &program_requests, &rules),
        Mode::Default => semantic::compare(&curl_requests, &program_requests, &rules),
    };
    let program_ok = out.code == Some(0);
    match verdict {
        Verdict::Mismatch(d) => Verdict::Mismatch(format!("{d}\nprogram: {}", out.transcript())),
        _ if curl_ok && !program_ok => Verdict::Mismatch(format!(
            "same requests, but curl succeeded and the program did not:\nprogram: {}",
            out.transcript()
        )),
        v => v,
    }
}

/// Generates every fixture's program for `lang` against `origin`.
fn generate_all(
    fixtures: &[Fixture],
    lang: Lang,
    origin: &str,
    mode: Mode,
) -> Vec<(String, Result<String, Outcome1>)> {
    fixtures
        .iter()
        .map(|f| {
            let input = fixture::rewrite_urls(&f.input, origin);
            if let Some(code) = handwritten(f, lang, origin) {
                return (input, Ok(code));
            }
            let code = match programs::generate(&input, lang, &options(f, mode)) {
                Generated::Code(c) => Ok(c),
                Generated::Pending(why) => Err(Outcome1::Pending(why)),
                Generated::Refused(diag) => Err(Outcome1::Compared(Verdict::Mismatch(format!(
                    "curl2code refused the input:\n{diag}"
                )))),
            };
            (input, code)
        })
        .collect()
}

/// `CURL2CODE_HANDWRITTEN=DIR`: use `DIR/<fixture>.<py|mjs|rs>` (with `{ORIGIN}` replaced by the
/// server's origin) instead of the generated program, to check the harness itself.
fn handwritten(f: &Fixture, lang: Lang, origin: &str) -> Option<String> {
    let dir = std::env::var_os("CURL2CODE_HANDWRITTEN")?;
    let path = Path::new(&dir).join(format!("{}.{}", f.name, lang.ext()));
    let code = std::fs::read_to_string(path).ok()?;
    Some(code.replace("{ORIGIN}", origin))
}

/// The shared Rust side: one server, every fixture's program compiled into one binary.
struct RustWire {
    server: Server,
    inputs: Vec<String>,
    runnables: Vec<Result<Runnable, Outcome1>>,
    build: rustbuild::Build,
}

/// `lang` is [`Lang::Rust`] (both modes) or [`Lang::RustBlocking`] (the default mode: the flavour
/// has no `--exact`); each pair is one binary of the generated project.
fn rust_wire(lang: Lang, mode: Mode) -> &'static RustWire {
    static DEFAULT: OnceLock<RustWire> = OnceLock::new();
    static EXACT: OnceLock<RustWire> = OnceLock::new();
    static BLOCKING: OnceLock<RustWire> = OnceLock::new();
    let (cell, suite) = match (lang, mode) {
        (Lang::RustBlocking, _) => (&BLOCKING, "wire_blocking"),
        (_, Mode::Default) => (&DEFAULT, "wire"),
        (_, Mode::Exact) => (&EXACT, "wire_exact"),
    };
    cell.get_or_init(|| {
        let (fixtures, _) = wire_fixtures();
        let server = Server::new();
        let generated = generate_all(&fixtures, lang, &server.origin(), mode);
        let mut sources = BTreeMap::new();
        for (f, (_, code)) in fixtures.iter().zip(&generated) {
            if let Ok(code) = code {
                sources.insert(fixture::ident(&f.name), code.clone());
            }
        }
        let build = if sources.is_empty() {
            rustbuild::Build::default()
        } else {
            rustbuild::build(suite, &sources)
        };
        let mut inputs = Vec::new();
        let mut runnables = Vec::new();
        for (f, (input, code)) in fixtures.iter().zip(generated) {
            inputs.push(input);
            let module = fixture::ident(&f.name);
            runnables.push(code.map(|_| build.runnable(&module).unwrap_or_else(Runnable::Broken)));
        }
        RustWire {
            server,
            inputs,
            runnables,
            build,
        }
    })
}

/// Runs the suite for `lang` and fails with every mismatch.
fn run_language(lang: Lang, mode: Mode) {
    let start = Instant::now();
    let (fixtures, skipped) = wire_fixtures();
    let own_server;
    let scripts_dir = TempDir::new(&format!("wire-{}-programs", lang.name()));
    let (server, inputs, runnables): (&Server, Vec<String>, Vec<Result<Runnable, Outcome1>>) =
        if lang.is_rust() {
            let r = rust_wire(lang, mode);
            let runnables = r
                .runnables
                .iter()
                .map(|x| match x {
                    Ok(run) => Ok(run.clone()),
                    Err(Outcome1::Pending(p)) => Err(Outcome1::Pending(p.clone())),
                    Err(Outcome1::Compared(v)) => Err(Outcome1::Compared(v.clone())),
                })
                .collect();
            (&r.server, r.inputs.clone(), runnables)
        } else {
            own_server = Server::new();
            let generated = generate_all(&fixtures, lang, &own_server.origin(), mode);
            let mut inputs = Vec::new();
            let mut runnables = Vec::new();
            for (f, (input, code)) in fixtures.iter().zip(generated) {
                inputs.push(input);
                runnables.push(
                    code.map(|c| programs::write_script(scripts_dir.path(), &f.name, lang, &c)),
                );
            }
            (&own_server, inputs, runnables)
        };

    let mut counts = BTreeMap::<&str, usize>::new();
    let mut report = String::new();
    let mut failures = Vec::new();
    for ((f, input), runnable) in fixtures.iter().zip(&inputs).zip(runnables) {
        let outcome = match runnable {
            Ok(program) => Outcome1::Compared(run_fixture(f, input, &program, server, mode)),
            Err(o) => o,
        };
        let (kind, line) = match outcome {
            Outcome1::Compared(Verdict::Exact) => ("exact", String::new()),
            Outcome1::Compared(Verdict::Equivalent(notes)) => ("equivalent", notes.join("; ")),
            Outcome1::Compared(Verdict::Mismatch(_)) if known(f, lang, mode).is_some() => (
                "known",
                known(f, lang, mode).unwrap_or_default().to_string(),
            ),
            Outcome1::Compared(Verdict::Mismatch(diff)) => {
                failures.push(format!(
                    "=== {} [{}{}] ({}) ===\n{}",
                    f.name,
                    lang.name(),
                    mode.label(),
                    f.path().display(),
                    diff
                ));
                (
                    "mismatch",
                    diff.lines().next().unwrap_or_default().to_string(),
                )
            }
            Outcome1::Pending(why) => ("pending", why),
        };
        *counts.entry(kind).or_default() += 1;
        report.push_str(&format!("{kind:10} {} {line}\n", f.name));
    }
    for (name, reason) in &skipped {
        report.push_str(&format!("{:10} {name} {reason}\n", "skipped"));
    }
    let n = |k: &str| counts.get(k).copied().unwrap_or(0);
    let summary = format!(
        "{}{}: {} compared, {} exact, {} equivalent, {} known difference, {} mismatch ({} pending, {} skipped by `# wire: skip`) in {:.1} s",
        lang.name(),
        mode.label(),
        n("exact") + n("equivalent") + n("known") + n("mismatch"),
        n("exact"),
        n("equivalent"),
        n("known"),
        n("mismatch"),
        n("pending"),
        skipped.len(),
        start.elapsed().as_secs_f64()
    );
    // Straight to stderr, past the test harness capture: the summary shows even when tests pass.
    let _ = writeln!(std::io::stderr(), "{summary}");
    write_report(lang, mode, &summary, &report, &failures);
    if fixtures.is_empty() {
        eprintln!("note: no fixtures in tests/fixtures/");
    }
    assert!(
        failures.is_empty(),
        "{summary}\n\n{}\n\n{summary}",
        failures.join("\n\n")
    );
    assert!(
        !(programs::strict() && n("pending") > 0),
        "{summary}: CURL2CODE_STRICT=1 and {} fixture(s) are pending",
        n("pending")
    );
}

/// A fixture's documented difference for `lang` (`# known: rust …`), or for its `--exact` mode
/// alone (`# known: rust-exact …`). `rust-blocking` shares `rust`'s: the same reqwest requests.
fn known(f: &Fixture, lang: Lang, mode: Mode) -> Option<&str> {
    let exact = format!("{}-exact", lang.name());
    f.known_difference(lang.name())
        .or_else(|| f.known_difference(&exact).filter(|_| mode == Mode::Exact))
        .or_else(|| (lang == Lang::RustBlocking).then(|| known(f, Lang::Rust, mode))?)
}

fn write_report(lang: Lang, mode: Mode, summary: &str, report: &str, failures: &[String]) {
    let dir = rustbuild::project_dir().with_file_name("test-reports");
    if std::fs::create_dir_all(&dir).is_ok() {
        let suffix = if mode == Mode::Exact { "-exact" } else { "" };
        let path = dir.join(format!("wire-{}{suffix}.txt", lang.name()));
        let _ = std::fs::write(
            &path,
            format!("{summary}\n\n{report}\n{}\n", failures.join("\n\n")),
        );
        eprintln!("report: {}", path.display());
    }
}

#[test]
fn wire_python() {
    run_language(Lang::Python, Mode::Default);
}

#[test]
fn wire_javascript() {
    run_language(Lang::JavaScript, Mode::Default);
}

#[test]
fn wire_javascript_axios() {
    run_language(Lang::JavaScriptAxios, Mode::Default);
}

#[test]
fn wire_typescript() {
    run_language(Lang::TypeScript, Mode::Default);
}

#[test]
fn wire_rust() {
    run_language(Lang::Rust, Mode::Default);
}

#[test]
fn wire_python_httpx() {
    if programs::httpx_or_skip() {
        run_language(Lang::PythonHttpx, Mode::Default);
    }
}

#[test]
fn wire_python_async() {
    if programs::httpx_or_skip() {
        run_language(Lang::PythonAsync, Mode::Default);
    }
}

#[test]
fn wire_rust_blocking() {
    run_language(Lang::RustBlocking, Mode::Default);
}

#[test]
fn wire_python_exact() {
    run_language(Lang::Python, Mode::Exact);
}

#[test]
fn wire_javascript_exact() {
    run_language(Lang::JavaScript, Mode::Exact);
}

#[test]
fn wire_rust_exact() {
    run_language(Lang::Rust, Mode::Exact);
}

/// Programs for linting: the rewritten origin does not change the code's shape.
fn lintable(lang: Lang, dir: &Path) -> (Vec<std::path::PathBuf>, usize) {
    // `# wire: skip` fixtures still produce programs that must lint clean.
    let all: Vec<Fixture> = fixture::load_all()
        .into_iter()
        .filter(|f| !f.expect_error)
        .collect();
    let mut files = Vec::new();
    let mut pending = 0;
    // A flavour has no --exact (a usage error): its default programs only.
    let modes: &[Mode] = if lang.target().core() == lang.target() {
        &[Mode::Default, Mode::Exact]
    } else {
        &[Mode::Default]
    };
    for (f, mode) in all.iter().flat_map(|f| modes.iter().map(move |m| (f, *m))) {
        let input = fixture::rewrite_urls(&f.input, "http://127.0.0.1:9");
        let name = match mode {
            Mode::Default => f.name.clone(),
            Mode::Exact => format!("{}_exact", f.name),
        };
        match programs::generate(&input, lang, &options(f, mode)) {
            Generated::Code(c) => {
                if let Runnable::Script(_, p) = programs::write_script(dir, &name, lang, &c) {
                    files.push(p);
                }
            }
            Generated::Pending(_) => pending += 1,
            // The wire tests report refusals.
            Generated::Refused(_) => {}
        }
    }
    (files, pending)
}

#[test]
fn generated_python_passes_py_compile_and_ruff() {
    let dir = TempDir::new("lint-python");
    let (mut files, mut pending) = lintable(Lang::Python, dir.path());
    // The httpx flavours too (their --exact is refused, so only the default programs).
    for flavour in [Lang::PythonHttpx, Lang::PythonAsync] {
        let sub = dir.path().join(flavour.name());
        let _ = std::fs::create_dir_all(&sub);
        let (more, more_pending) = lintable(flavour, &sub);
        files.extend(more);
        pending += more_pending;
    }
    let mut problems = programs::lint_python(&files);
    if problems.is_empty() {
        // The default programs (every flavour) also meet the stricter rules and ruff's format.
        let default: Vec<_> = files
            .iter()
            .filter(|f| !f.to_string_lossy().contains("_exact"))
            .cloned()
            .collect();
        problems = programs::lint_python_strict(&default);
    }
    eprintln!(
        "python lint: {} programs checked, {pending} pending",
        files.len()
    );
    assert!(problems.is_empty(), "{}", problems.join("\n\n"));
}

#[test]
fn generated_javascript_passes_node_check() {
    let dir = TempDir::new("lint-javascript");
    let (files, pending) = lintable(Lang::JavaScript, dir.path());
    let problems = programs::lint_javascript(&files);
    eprintln!(
        "javascript lint: {} programs checked, {pending} pending",
        files.len()
    );
    assert!(problems.is_empty(), "{}", problems.join("\n\n"));
}

#[test]
fn generated_javascript_axios_passes_node_check_and_eslint() {
    let dir = TempDir::new("lint-javascript-axios");
    let (files, pending) = lintable(Lang::JavaScriptAxios, dir.path());
    let problems = programs::lint_javascript(&files);
    eprintln!(
        "javascript-axios lint: {} programs checked, {pending} pending",
        files.len()
    );
    assert!(problems.is_empty(), "{}", problems.join("\n\n"));
}

#[test]
fn generated_typescript_passes_tsc_strict_and_eslint() {
    let dir = TempDir::new("lint-typescript");
    let (files, pending) = lintable(Lang::TypeScript, dir.path());
    let problems = programs::lint_typescript(&files);
    eprintln!(
        "typescript lint: {} programs checked, {pending} pending",
        files.len()
    );
    assert!(problems.is_empty(), "{}", problems.join("\n\n"));
}

#[test]
fn generated_rust_compiles_and_is_clippy_clean() {
    let mut problems = Vec::new();
    for (lang, mode) in [
        (Lang::Rust, Mode::Default),
        (Lang::Rust, Mode::Exact),
        (Lang::RustBlocking, Mode::Default),
    ] {
        problems.extend(rust_build_problems(lang, mode));
    }
    assert!(problems.is_empty(), "{}", problems.join("\n\n"));
}

fn rust_build_problems(lang: Lang, mode: Mode) -> Vec<String> {
    let r = rust_wire(lang, mode);
    let b = &r.build;
    eprintln!(
        "{}{} build: {} programs, {} did not compile, {} with clippy findings, in {:.1} s",
        lang.name(),
        mode.label(),
        r.runnables.iter().filter(|x| x.is_ok()).count(),
        b.broken.len(),
        b.clippy.len(),
        b.elapsed.as_secs_f64()
    );
    if !b.undeclared_dependencies.is_empty() {
        eprintln!(
            "note: {} program(s) name no [dependencies] in their header; used the fallback list",
            b.undeclared_dependencies.len()
        );
    }
    let mut problems = Vec::new();
    if let Some(f) = &b.fatal {
        problems.push(f.clone());
    }
    for (m, e) in &b.broken {
        problems.push(format!("=== {m}: does not compile ===\n{e}"));
    }
    for (m, e) in &b.clippy {
        problems.push(format!("=== {m}: clippy -D warnings ===\n{e}"));
    }
    problems
}
