//! Generating programs with `curl2code::convert` and running them (python3, node, or the shared Rust binary).

use super::process::{self, Outcome};
use curl2code::{Options, Target};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

/// A language whose programs the suites run.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Lang {
    /// `python3 prog.py`.
    Python,
    /// `node prog.mjs`.
    JavaScript,
    /// A module of the shared generated-Rust binary.
    Rust,
    /// `python3 prog.py`: the python-httpx flavour (not in [`Lang::ALL`]).
    PythonHttpx,
    /// `python3 prog.py`: the python-async flavour (not in [`Lang::ALL`]).
    PythonAsync,
    /// `node prog.mjs` with axios (tests/support/js-tools).
    JavaScriptAxios,
    /// `tsx prog.ts` (tests/support/js-tools).
    TypeScript,
    /// The `rust-blocking` flavour: a module of its own generated-Rust binary. Not in [`Lang::ALL`]:
    /// the wire and fault suites run it, the others keep to the core targets.
    RustBlocking,
}

impl Lang {
    /// All three, in report order.
    pub const ALL: [Lang; 3] = [Lang::Python, Lang::JavaScript, Lang::Rust];

    /// Every target, flavours included.
    pub const EVERY: [Lang; 8] = [
        Lang::Python,
        Lang::PythonHttpx,
        Lang::PythonAsync,
        Lang::JavaScript,
        Lang::JavaScriptAxios,
        Lang::TypeScript,
        Lang::Rust,
        Lang::RustBlocking,
    ];

    /// The targets whose programs are linted without a build: python and the fetch, axios and
    /// TypeScript programs (Rust's go through clippy in the shared generated-Rust project).
    pub const INTERPRETED: [Lang; 4] = [
        Lang::Python,
        Lang::JavaScript,
        Lang::JavaScriptAxios,
        Lang::TypeScript,
    ];

    /// Every target but `rust-blocking`, whose requests are `rust`'s (the same reqwest calls).
    pub fn distinct() -> Vec<Lang> {
        Lang::EVERY
            .into_iter()
            .filter(|&l| l != Lang::RustBlocking)
            .collect()
    }

    /// `python`, `javascript`, `rust`.
    pub fn name(self) -> &'static str {
        match self {
            Lang::Python => "python",
            Lang::JavaScript => "javascript",
            Lang::Rust => "rust",
            Lang::PythonHttpx => "python-httpx",
            Lang::PythonAsync => "python-async",
            Lang::JavaScriptAxios => "javascript-axios",
            Lang::TypeScript => "typescript",
            Lang::RustBlocking => "rust-blocking",
        }
    }

    /// True for Python and its flavours (run by python3, linted by ruff).
    pub fn is_python(self) -> bool {
        matches!(self, Lang::Python | Lang::PythonHttpx | Lang::PythonAsync)
    }

    /// The library's target.
    pub fn target(self) -> Target {
        match self {
            Lang::Python => Target::Python,
            Lang::JavaScript => Target::JavaScript,
            Lang::Rust => Target::Rust,
            Lang::PythonHttpx => Target::PythonHttpx,
            Lang::PythonAsync => Target::PythonAsync,
            Lang::JavaScriptAxios => Target::JavaScriptAxios,
            Lang::TypeScript => Target::TypeScript,
            Lang::RustBlocking => Target::RustBlocking,
        }
    }

    /// File extension of a program.
    pub fn ext(self) -> &'static str {
        match self {
            Lang::Python | Lang::PythonHttpx | Lang::PythonAsync => "py",
            Lang::JavaScript | Lang::JavaScriptAxios => "mjs",
            Lang::TypeScript => "ts",
            Lang::Rust | Lang::RustBlocking => "rs",
        }
    }

    /// True for the languages whose programs are compiled into a generated-Rust binary.
    pub fn is_rust(self) -> bool {
        matches!(self, Lang::Rust | Lang::RustBlocking)
    }
}

/// What `convert` gave.
#[derive(Clone, Debug)]
pub enum Generated {
    /// A program.
    Code(String),
    /// A pipeline stage is still the skeleton's placeholder ("not written yet"): nothing to test.
    Pending(String),
    /// `convert` refused the input: the rendered diagnostics.
    Refused(String),
}

impl Generated {
    /// The program, or why there is none (`command` names a refused input).
    pub fn into_result(self, command: &str) -> Result<String, String> {
        match self {
            Generated::Code(code) => Ok(code),
            Generated::Pending(p) => Err(p),
            Generated::Refused(d) => Err(format!("curl2code refused `{command}`:\n{d}")),
        }
    }
}

/// True when `CURL2CODE_EXACT=1` asks a suite to run the `--exact` output instead of the default.
pub fn exact_from_env() -> bool {
    std::env::var_os("CURL2CODE_EXACT").is_some_and(|v| v == "1")
}

/// Case `name`'s program in `lang`: a module of the suite's Rust binary (`rust_build`), or a
/// script written into `dir` from `generate`'s code.
pub fn case_program(
    dir: &Path,
    name: &str,
    lang: Lang,
    rust_build: impl FnOnce() -> &'static super::rustbuild::Build,
    generate: impl FnOnce(&str, Lang) -> Result<String, String>,
) -> Result<Runnable, String> {
    if lang == Lang::Rust {
        return rust_build().runnable(&super::fixture::ident(name));
    }
    Ok(write_script(dir, name, lang, &generate(name, lang)?))
}

/// True when the suites must fail on pending stages too (`CURL2CODE_STRICT=1`; CI sets it once
/// every generator has landed).
pub fn strict() -> bool {
    std::env::var("CURL2CODE_STRICT").is_ok_and(|v| v == "1")
}

/// Converts `input` to `lang`. Conversion reads `-K` and `-H @file` files relative to
/// tests/fixtures/files (unless the options name another base), as the fixtures' commands do.
pub fn generate(input: &str, lang: Lang, options: &Options) -> Generated {
    let options = Options {
        base_dir: options
            .base_dir
            .clone()
            .or_else(|| Some(super::fixture::files_dir())),
        ..options.clone()
    };
    match curl2code::convert(input, lang.target(), &options) {
        Ok(c) if is_placeholder(&c.code) => {
            Generated::Pending(format!("the {} generator is not written yet", lang.name()))
        }
        Ok(c) => Generated::Code(c.code),
        Err(e) => {
            let rendered = curl2code::report::render(&e.source, &e.diagnostics, false);
            if rendered.contains("not written yet") {
                Generated::Pending(first_line(&rendered))
            } else {
                Generated::Refused(rendered)
            }
        }
    }
}

fn is_placeholder(code: &str) -> bool {
    code.trim_start().starts_with("# not written yet")
        || code.trim_start().starts_with("// not written yet")
        || code.len() < 40 && code.contains("not written yet")
}

fn first_line(s: &str) -> String {
    s.lines()
        .find(|l| !l.trim().is_empty())
        .unwrap_or_default()
        .trim()
        .to_string()
}

/// How to start one generated program.
#[derive(Clone, Debug)]
pub enum Runnable {
    /// A Python or JavaScript file.
    Script(Lang, PathBuf),
    /// `bin <module>`: a module of the shared Rust binary.
    RustModule(PathBuf, String),
    /// A Rust program that did not compile: the compiler's message.
    Broken(String),
}

impl Runnable {
    /// Runs it in `cwd` with `env` on top of the clean environment and an empty stdin.
    pub fn run(&self, cwd: &Path, env: &[(String, String)], timeout: Duration) -> Outcome {
        let mut cmd = match self {
            Runnable::Script(lang, p) if lang.is_python() => {
                let mut c = Command::new("python3");
                c.arg(p);
                c
            }
            Runnable::Script(Lang::TypeScript, p) => {
                let mut c = Command::new(js_tools().join("node_modules/.bin/tsx"));
                c.arg(p);
                c
            }
            Runnable::Script(_, p) => {
                let mut c = Command::new("node");
                c.arg(p);
                c
            }
            Runnable::RustModule(bin, module) => {
                let mut c = Command::new(bin);
                c.arg(module);
                c
            }
            Runnable::Broken(msg) => {
                return Outcome {
                    code: Some(101),
                    stdout: Vec::new(),
                    stderr: format!("the generated Rust program did not compile:\n{msg}")
                        .into_bytes(),
                    elapsed: Duration::ZERO,
                    timed_out: false,
                };
            }
        };
        cmd.current_dir(cwd);
        process::clean_env(&mut cmd, cwd);
        for (k, v) in env {
            cmd.env(k, v);
        }
        process::run(cmd, b"", timeout).unwrap_or_else(|e| Outcome {
            code: None,
            stdout: Vec::new(),
            stderr: format!("could not start the program: {e}").into_bytes(),
            elapsed: Duration::ZERO,
            timed_out: false,
        })
    }
}

/// Writes a Python or JavaScript program as `dir/<name>.<ext>`.
pub fn write_script(dir: &Path, name: &str, lang: Lang, code: &str) -> Runnable {
    let path = dir.join(format!("{name}.{}", lang.ext()));
    std::fs::write(&path, code).expect("write program");
    // axios and the TypeScript types resolve from the program's own directory, as in a project
    // that installed them.
    if matches!(lang, Lang::JavaScriptAxios | Lang::TypeScript) {
        let link = dir.join("node_modules");
        if !link.exists() {
            let _ = std::os::unix::fs::symlink(js_tools().join("node_modules"), link);
        }
    }
    Runnable::Script(lang, path)
}

/// `python3 -m py_compile` and (when installed) `ruff check` over `files`; problems as text.
pub fn lint_python(files: &[PathBuf]) -> Vec<String> {
    let mut problems = Vec::new();
    if files.is_empty() {
        return problems;
    }
    for f in files {
        let mut c = Command::new("python3");
        c.arg("-m").arg("py_compile").arg(f);
        c.env("PYTHONDONTWRITEBYTECODE", "1")
            .env("PYTHONPYCACHEPREFIX", std::env::temp_dir());
        match process::run(c, b"", Duration::from_secs(30)) {
            Ok(o) if o.code == Some(0) => {}
            Ok(o) => problems.push(format!("py_compile {}:\n{}", f.display(), o.stderr_text())),
            Err(e) => problems.push(format!("py_compile could not run: {e}")),
        }
    }
    // `python3 -m ruff`: pip puts the module where python3 finds it, while a `ruff` command on
    // PATH depends on how the machine's Python was installed (pyenv shims need a rehash).
    let have_ruff = Command::new("python3")
        .args(["-m", "ruff", "--version"])
        .output()
        .is_ok_and(|o| o.status.success());
    if have_ruff {
        problems.extend(ruff(&["check", "--output-format=concise"], files));
    } else {
        process::tools_or_skip(false, "ruff (pip install -r .ci/requirements.txt)");
    }
    problems
}

/// The default output's stricter bar (issue 11): `ruff check --select E,F,W,B,UP,SIM` and
/// `ruff format --check` (a user's formatter leaves the program alone); problems as text.
pub fn lint_python_strict(files: &[PathBuf]) -> Vec<String> {
    if files.is_empty() {
        return Vec::new();
    }
    let checks: [&[&str]; 2] = [
        &[
            "check",
            "--select",
            "E,F,W,B,UP,SIM",
            "--output-format=concise",
        ],
        &["format", "--check", "--diff"],
    ];
    checks.iter().filter_map(|args| ruff(args, files)).collect()
}

/// `python3 -m ruff ARGS --no-cache --isolated FILES`: its report when it fails.
fn ruff(args: &[&str], files: &[PathBuf]) -> Option<String> {
    let mut c = Command::new("python3");
    c.args(["-m", "ruff"])
        .args(args)
        .args(["--no-cache", "--isolated"])
        .args(files);
    match process::run(c, b"", Duration::from_secs(60)) {
        Ok(o) if o.code == Some(0) => None,
        Ok(o) => Some(format!(
            "ruff {args:?}:\n{}{}",
            o.stdout_text(),
            o.stderr_text()
        )),
        Err(e) => Some(format!("ruff could not run: {e}")),
    }
}

/// `node --check` over `files`; problems as text.
pub fn lint_javascript(files: &[PathBuf]) -> Vec<String> {
    let mut problems = Vec::new();
    for f in files {
        let mut c = Command::new("node");
        c.arg("--check").arg(f);
        match process::run(c, b"", Duration::from_secs(30)) {
            Ok(o) if o.code == Some(0) => {}
            Ok(o) => problems.push(format!(
                "node --check {}:\n{}",
                f.display(),
                o.stderr_text()
            )),
            Err(e) => problems.push(format!("node could not run: {e}")),
        }
    }
    problems.extend(eslint(files));
    problems
}

/// tests/support/js-tools/: eslint, axios, tsc and tsx, installed with `npm ci` (.ci/run).
pub fn js_tools() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/support/js-tools")
}

/// A command running `tool` of tests/support/js-tools in the directory of `files`; `None` when
/// there is nothing to check or the tool is missing (skipped by hand, a failure in CI).
fn js_tool(tool: &str, files: &[PathBuf]) -> Option<Command> {
    let bin = js_tools().join("node_modules/.bin").join(tool);
    let what = format!("{tool} (npm ci in tests/support/js-tools)");
    if files.is_empty() || !process::tools_or_skip(bin.exists(), &what) {
        return None;
    }
    let mut c = Command::new(&bin);
    if let Some(dir) = files[0].parent() {
        c.current_dir(dir);
    }
    Some(c)
}

/// eslint's recommended rules (tests/support/js-tools/eslint.config.js) over the programs, in one
/// run. Without the tools the check is skipped by hand and fails in CI.
pub fn eslint(files: &[PathBuf]) -> Vec<String> {
    // eslint lints only files under its working directory (the rest it ignores with a warning,
    // which --max-warnings=0 turns into a failure): the programs' own directory.
    let Some(mut c) = js_tool("eslint", files) else {
        return Vec::new();
    };
    c.arg("--max-warnings=0")
        .arg("-c")
        .arg(js_tools().join("eslint.config.js"))
        .args(files);
    match process::run(c, b"", Duration::from_secs(300)) {
        Ok(o) if o.code == Some(0) => Vec::new(),
        Ok(o) => vec![format!("eslint:\n{}{}", o.stdout_text(), o.stderr_text())],
        Err(e) => vec![format!("eslint could not run: {e}")],
    }
}

/// Whether python3 imports httpx (the python-httpx and python-async flavours' library). In CI a
/// missing httpx fails the test (see [`process::tools_or_skip`]).
pub fn httpx_or_skip() -> bool {
    let present = Command::new("python3")
        .args(["-c", "import httpx"])
        .output()
        .is_ok_and(|o| o.status.success());
    process::tools_or_skip(
        present,
        "httpx for python3 (pip install -r .ci/requirements.txt)",
    )
}

/// `tsc --noEmit --strict` over the TypeScript programs, in one run (with @types/node from
/// tests/support/js-tools). Without the tools the check is skipped by hand and fails in CI.
pub fn lint_typescript(files: &[PathBuf]) -> Vec<String> {
    let Some(mut c) = js_tool("tsc", files) else {
        return Vec::new();
    };
    c.args([
        "--noEmit",
        "--strict",
        "--target",
        "es2022",
        "--module",
        "nodenext",
        "--types",
        "node",
        "--skipLibCheck",
    ])
    .args(files);
    match process::run(c, b"", Duration::from_secs(300)) {
        Ok(o) if o.code == Some(0) => Vec::new(),
        Ok(o) => vec![format!(
            "tsc --noEmit --strict:\n{}{}",
            o.stdout_text(),
            o.stderr_text()
        )],
        Err(e) => vec![format!("tsc could not run: {e}")],
    }
}

/// The languages of `all` a run covers: the flavours have no `--exact` output, and the httpx
/// flavours need httpx (without it: skipped with one line, or a failure in CI).
pub fn covered(all: &[Lang], exact: bool) -> Vec<Lang> {
    all.iter()
        .copied()
        .filter(|l| !exact || l.target().core() == l.target())
        .filter(|l| !matches!(l, Lang::PythonHttpx | Lang::PythonAsync) || httpx_or_skip())
        .collect()
}
