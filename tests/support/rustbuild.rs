//! Builds every generated Rust program of a suite as modules of ONE binary in ONE cargo project
//! (target/generated-rust/), so reqwest and tokio compile once for the wire and fault suites together.
//!
//! Layout: `target/generated-rust/Cargo.toml` (own `[workspace]`, dependencies = union of the
//! programs' `[dependencies]` header lines), `src/bin/<suite>/main.rs` (dispatch on argv[1]) and
//! `src/bin/<suite>/f_<name>.rs` (one generated program each, its `fn main` made `pub`). The cargo
//! target dir is `target/generated-rust/target`, kept between runs so CI pays for the deps once.
//!
//! Its dependencies are resolved once, deliberately: the committed lockfile
//! `tests/support/generated-rust/Cargo.lock` is copied into the project before every build, and
//! cargo runs with `--locked`, so a new machine builds the same crate versions as the last green
//! run (a newer `url` once changed what the programs send). `CURL2CODE_UPDATE_LOCKS=1` resolves
//! afresh and writes the new lockfile back into the repository, for a commit of its own.

use super::fixture::repo_root;
use super::process;
use super::programs::Runnable;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant, SystemTime};

/// The project's dependencies: the Rust generator's superset (every feature any program may use),
/// so the manifest is the same for every suite and reqwest compiles once.
fn superset_dependencies() -> BTreeMap<String, Spec> {
    curl2code::codegen::rust::cargo_dependencies(true)
        .lines()
        .filter_map(dependency_line)
        .map(|(name, spec)| (name, parse_spec(&spec)))
        .collect()
}

/// The result of building one suite's binary.
#[derive(Debug, Default)]
pub struct Build {
    /// The binary (when cargo produced one).
    pub bin: Option<PathBuf>,
    /// Modules that did not compile, with the compiler's messages; they were stubbed out.
    pub broken: BTreeMap<String, String>,
    /// clippy `-D warnings` findings per module (`main` for the dispatcher).
    pub clippy: BTreeMap<String, String>,
    /// A failure of the build itself (cargo missing, dependency resolution, the dispatcher…).
    pub fatal: Option<String>,
    /// Programs whose header names no dependency lines (a generator bug: users could not build them).
    pub undeclared_dependencies: Vec<String>,
    /// How long building and linting took.
    pub elapsed: Duration,
}

impl Build {
    /// How to run `module` of this build: the binary's module, its compile error, or why the
    /// build failed as a whole.
    pub fn runnable(&self, module: &str) -> Result<Runnable, String> {
        match (&self.bin, self.broken.get(module)) {
            (_, Some(e)) => Ok(Runnable::Broken(e.clone())),
            (Some(bin), None) => Ok(Runnable::RustModule(bin.clone(), module.to_string())),
            (None, None) => Err(self.fatal.clone().unwrap_or_default()),
        }
    }
}

/// The Rust programs of a suite's named cases compiled into one binary, `suite` (or
/// `suite_exact` when `CURL2CODE_EXACT=1`); a case `generate` has no program for is left out.
pub fn build_cases<'a>(
    suite: &str,
    names: impl Iterator<Item = &'a str>,
    generate: impl Fn(&str) -> Option<String>,
) -> Build {
    let exact = if super::programs::exact_from_env() {
        "_exact"
    } else {
        ""
    };
    let sources: BTreeMap<String, String> = names
        .filter_map(|n| Some((super::fixture::ident(n), generate(n)?)))
        .collect();
    build(&format!("{suite}{exact}"), &sources)
}

/// The committed lockfile of the generated project.
pub fn committed_lockfile() -> PathBuf {
    repo_root()
        .join("tests")
        .join("support")
        .join("generated-rust")
        .join("Cargo.lock")
}

/// `CURL2CODE_UPDATE_LOCKS=1`: resolve the generated project's dependencies afresh and write the
/// result back to [`committed_lockfile`].
fn updating_locks() -> bool {
    std::env::var_os("CURL2CODE_UPDATE_LOCKS").is_some_and(|v| !v.is_empty() && v != "0")
}

/// Puts the committed lockfile into the project (or, when updating, leaves cargo free to resolve).
fn install_lockfile(dir: &Path) -> Result<(), String> {
    if updating_locks() {
        return Ok(());
    }
    let committed = committed_lockfile();
    let lock = std::fs::read_to_string(&committed)
        .map_err(|e| format!("cannot read {}: {e}", committed.display()))?;
    write_if_changed(&dir.join("Cargo.lock"), &lock);
    Ok(())
}

/// After an updating build: the resolved lockfile goes back into the repository.
fn save_lockfile(dir: &Path) {
    if !updating_locks() {
        return;
    }
    let committed = committed_lockfile();
    if let Some(parent) = committed.parent() {
        let _ = std::fs::create_dir_all(parent);
    }
    match std::fs::copy(dir.join("Cargo.lock"), &committed) {
        Ok(_) => eprintln!("generated-rust: wrote {}", committed.display()),
        Err(e) => eprintln!(
            "generated-rust: could not write {}: {e}",
            committed.display()
        ),
    }
}

/// Where the generated project lives: `<target dir>/generated-rust`.
pub fn project_dir() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .map(|p| {
            if p.is_absolute() {
                p
            } else {
                repo_root().join(p)
            }
        })
        .unwrap_or_else(|| repo_root().join("target"));
    target.join("generated-rust")
}

/// Makes `fn main(` / `async fn main(` public so the dispatcher can call it.
pub fn make_main_public(code: &str) -> String {
    let mut out = String::with_capacity(code.len() + 8);
    for line in code.split_inclusive('\n') {
        let trimmed = line.trim_start();
        let indent = line.get(..line.len() - trimmed.len()).unwrap_or_default();
        if trimmed.starts_with("async fn main(") || trimmed.starts_with("fn main(") {
            out.push_str(indent);
            out.push_str("pub ");
            out.push_str(trimmed);
        } else {
            out.push_str(line);
        }
    }
    out
}

/// The `[dependencies]` lines in a program's leading comment block, e.g.
/// `//   reqwest = { version = "0.12", features = ["json"] }` after a `// [dependencies]` line.
pub fn declared_dependencies(code: &str) -> Vec<(String, String)> {
    let mut deps = Vec::new();
    let mut inside = false;
    for line in code.lines() {
        let t = line.trim();
        let Some(comment) = t
            .strip_prefix("//!")
            .or_else(|| t.strip_prefix("///"))
            .or_else(|| t.strip_prefix("//"))
        else {
            if t.is_empty() || t.starts_with("#!") {
                continue;
            }
            break; // The header comment ended.
        };
        let c = comment.trim();
        if c.starts_with("[dependencies]") || c.starts_with("```toml") {
            inside = true;
            continue;
        }
        if inside && c.starts_with("```") {
            inside = false;
        } else if inside {
            match dependency_line(c) {
                Some(d) => deps.push(d),
                None if deps.is_empty() && c.is_empty() => {}
                None => inside = false,
            }
        }
    }
    deps
}

fn dependency_line(c: &str) -> Option<(String, String)> {
    let (name, spec) = c.split_once('=')?;
    let name = name.trim();
    let ok = !name.is_empty()
        && name
            .chars()
            .all(|ch| ch.is_ascii_alphanumeric() || ch == '-' || ch == '_');
    let spec = spec.trim();
    (ok && (spec.starts_with('"') || spec.starts_with('{')))
        .then(|| (name.to_string(), spec.to_string()))
}

/// One dependency's spec, parsed just enough to merge features.
#[derive(Clone, Debug, Default, PartialEq)]
struct Spec {
    version: Option<String>,
    features: BTreeSet<String>,
    default_features: bool,
    /// Other keys, verbatim.
    other: BTreeMap<String, String>,
}

fn parse_spec(spec: &str) -> Spec {
    let mut s = Spec {
        default_features: true,
        ..Spec::default()
    };
    let spec = spec.trim();
    if let Some(v) = spec.strip_prefix('"') {
        s.version = Some(v.trim_end_matches('"').to_string());
        return s;
    }
    let inner = spec.trim_start_matches('{').trim_end_matches('}');
    // Split on commas outside brackets and quotes.
    let (mut depth, mut quoted, mut start) = (0i32, false, 0usize);
    let mut items = Vec::new();
    for (i, ch) in inner.char_indices() {
        match ch {
            '"' => quoted = !quoted,
            '[' if !quoted => depth += 1,
            ']' if !quoted => depth -= 1,
            ',' if !quoted && depth == 0 => {
                items.push(inner.get(start..i).unwrap_or_default());
                start = i + 1;
            }
            _ => {}
        }
    }
    items.push(inner.get(start..).unwrap_or_default());
    for item in items {
        let Some((k, v)) = item.split_once('=') else {
            continue;
        };
        let (k, v) = (k.trim(), v.trim());
        match k {
            "version" => s.version = Some(v.trim_matches('"').to_string()),
            "features" => {
                s.features = v
                    .trim_start_matches('[')
                    .trim_end_matches(']')
                    .split(',')
                    .map(|f| f.trim().trim_matches('"').to_string())
                    .filter(|f| !f.is_empty())
                    .collect();
            }
            "default-features" | "default_features" => s.default_features = v != "false",
            "" => {}
            _ => {
                s.other.insert(k.to_string(), v.to_string());
            }
        }
    }
    s
}

fn render_spec(s: &Spec) -> String {
    let mut items = Vec::new();
    if let Some(v) = &s.version {
        items.push(format!("version = \"{v}\""));
    }
    if !s.default_features {
        items.push("default-features = false".to_string());
    }
    if !s.features.is_empty() {
        let fs: Vec<String> = s.features.iter().map(|f| format!("\"{f}\"")).collect();
        items.push(format!("features = [{}]", fs.join(", ")));
    }
    for (k, v) in &s.other {
        items.push(format!("{k} = {v}"));
    }
    format!("{{ {} }}", items.join(", "))
}

/// A lock file so two test binaries never write the project at once (cargo locks the build itself).
struct ProjectLock(PathBuf);

impl ProjectLock {
    fn acquire(dir: &Path) -> ProjectLock {
        let path = dir.join(".harness-lock");
        let start = Instant::now();
        loop {
            match std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(&path)
            {
                Ok(_) => return ProjectLock(path),
                Err(_) => {
                    // A lock older than 30 minutes belongs to a run that was killed.
                    let stale = std::fs::metadata(&path)
                        .and_then(|m| m.modified())
                        .ok()
                        .and_then(|t| SystemTime::now().duration_since(t).ok())
                        .is_some_and(|age| age > Duration::from_secs(1800));
                    if stale || start.elapsed() > Duration::from_secs(1800) {
                        let _ = std::fs::remove_file(&path);
                    }
                    std::thread::sleep(Duration::from_millis(200));
                }
            }
        }
    }
}

impl Drop for ProjectLock {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

fn write_if_changed(path: &Path, content: &str) {
    // Unchanged files keep their mtime, so cargo's incremental build skips them.
    if std::fs::read_to_string(path).ok().as_deref() != Some(content) {
        std::fs::write(path, content).unwrap_or_else(|e| panic!("write {}: {e}", path.display()));
    }
}

/// Builds `programs` (module name → code) as binary `suite`, then runs clippy on it.
/// Module names must be Rust identifiers (see `fixture::ident`).
pub fn build(suite: &str, programs: &BTreeMap<String, String>) -> Build {
    build_with(suite, programs, true)
}

/// Like [`build`]; `lint: false` skips the clippy pass (suites that rebuild several times and
/// only need the binary).
pub fn build_with(suite: &str, programs: &BTreeMap<String, String>, lint: bool) -> Build {
    let start = Instant::now();
    let mut result = Build::default();
    let dir = project_dir();
    let bin_dir = dir.join("src").join("bin").join(suite);
    std::fs::create_dir_all(&bin_dir).expect("create generated-rust project");
    let _lock = ProjectLock::acquire(&dir);

    // Dependencies: the generator's superset; each program must still declare its own.
    let toml_path = dir.join("Cargo.toml");
    let deps = superset_dependencies();
    for (name, code) in programs {
        if declared_dependencies(code).is_empty() {
            result.undeclared_dependencies.push(name.clone());
        }
    }
    let mut toml = String::from(
        "# Written by tests/support/rustbuild.rs: every generated Rust program of the test suites.\n\
         [package]\nname = \"generated-programs\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\n\
         # Its own workspace: it lives inside curl2code's target/ directory.\n[workspace]\n\n\
         # No debug info and no incremental cache: each suite's binary links in a fifth of the disk\n\
         # and memory (a CI machine once failed to link the third of them).\n\
         [profile.dev]\ndebug = false\nincremental = false\n\n[dependencies]\n",
    );
    for (name, spec) in &deps {
        toml.push_str(&format!("{name} = {}\n", render_spec(spec)));
    }
    write_if_changed(&toml_path, &toml);
    if let Err(e) = install_lockfile(&dir) {
        result.fatal = Some(e);
        result.elapsed = start.elapsed();
        return result;
    }

    // Sources: only this suite's directory is touched.
    let mut modules: BTreeMap<String, String> = programs
        .iter()
        .map(|(n, c)| (n.clone(), make_main_public(c)))
        .collect();
    if let Ok(entries) = std::fs::read_dir(&bin_dir) {
        for e in entries.flatten() {
            let file = e.file_name().to_string_lossy().into_owned();
            let stem = file.trim_end_matches(".rs");
            if file != "main.rs" && !modules.contains_key(stem) {
                let _ = std::fs::remove_file(e.path());
            }
        }
    }
    let target_dir = dir.join("target");
    // Stub out modules that fail to compile and try again, so one bad program does not hide the rest.
    for _round in 0..4 {
        for (name, code) in &modules {
            write_if_changed(&bin_dir.join(format!("{name}.rs")), code);
        }
        write_if_changed(&bin_dir.join("main.rs"), &dispatcher(modules.keys()));
        let out = cargo(&dir, &target_dir, "build", suite);
        let messages = compiler_messages(&out.stdout, suite);
        let bad: BTreeMap<String, String> = messages
            .into_iter()
            .filter(|(_, level, _)| level == "error")
            .fold(BTreeMap::new(), |mut acc, (module, _, text)| {
                acc.entry(module)
                    .or_insert_with(String::new)
                    .push_str(&text);
                acc
            });
        if out.code == Some(0) {
            result.bin = Some(target_dir.join("debug").join(suite));
            save_lockfile(&dir);
            break;
        }
        let stubbable: Vec<String> = bad
            .keys()
            .filter(|m| modules.contains_key(*m) && !result.broken.contains_key(*m))
            .cloned()
            .collect();
        if stubbable.is_empty() {
            let stderr = out.stderr_text();
            // `--locked` refuses a manifest the committed lockfile does not match.
            let hint = if stderr.contains("--locked") || stderr.contains("lock file") {
                format!(
                    "\nThe generated programs' dependencies changed: rerun once with \
                     CURL2CODE_UPDATE_LOCKS=1 and commit {}.",
                    committed_lockfile().display()
                )
            } else if stderr.contains("linking with")
                || bad.values().any(|m| m.contains("linking with"))
            {
                // A linker that fails on a machine where it passed elsewhere is mostly out of room.
                format!("\nspace where it links:\n{}", disk_free(&target_dir))
            } else {
                String::new()
            };
            result.fatal = Some(format!(
                "cargo build of {} failed:\n{}\n{}{hint}",
                dir.display(),
                process::shorten(&bad.values().cloned().collect::<String>(), 8000),
                process::shorten(&stderr, 8000)
            ));
            break;
        }
        for m in stubbable {
            let msg = bad.get(&m).cloned().unwrap_or_default();
            result.broken.insert(m.clone(), msg);
            modules.insert(
                m,
                "pub fn main() {\n    eprintln!(\"this generated program did not compile\");\n    std::process::exit(101);\n}\n".to_string(),
            );
        }
    }
    if lint && result.bin.is_some() {
        let out = cargo(&dir, &target_dir, "clippy", suite);
        for (module, level, text) in compiler_messages(&out.stdout, suite) {
            if level == "warning" || level == "error" {
                if result.broken.contains_key(&module) {
                    continue;
                }
                result.clippy.entry(module).or_default().push_str(&text);
            }
        }
        if out.code != Some(0) && result.clippy.is_empty() {
            result.clippy.insert(
                "(cargo)".to_string(),
                process::shorten(&out.stderr_text(), 4000),
            );
        }
    }
    result.elapsed = start.elapsed();
    result
}

/// `df -h` of `dir` and `free -m`, for a failure that may be the machine's limits.
fn disk_free(dir: &Path) -> String {
    let mut text = String::new();
    for (tool, args) in [
        ("df", vec!["-h".as_ref(), dir.as_os_str()]),
        ("free", vec!["-m".as_ref()]),
    ] {
        let mut c = Command::new(tool);
        c.args(args);
        match process::run(c, b"", Duration::from_secs(10)) {
            Ok(out) => text.push_str(&String::from_utf8_lossy(&out.stdout)),
            Err(e) => text.push_str(&format!("{tool}: {e}\n")),
        }
    }
    text
}

fn cargo(dir: &Path, target_dir: &Path, cmd: &str, suite: &str) -> process::Outcome {
    let mut c = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_string()));
    c.arg(cmd)
        .arg("--quiet")
        .arg("--bin")
        .arg(suite)
        .arg("--message-format=json-diagnostic-rendered-ansi")
        .args((!updating_locks()).then_some("--locked"))
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", target_dir)
        .env_remove("CARGO_BUILD_TARGET_DIR")
        .env_remove("RUSTFLAGS")
        .env_remove("CARGO_ENCODED_RUSTFLAGS")
        // .ci/run's profile setting would override the project's own `debug = false`.
        .env_remove("CARGO_PROFILE_DEV_DEBUG")
        .env("CARGO_TERM_COLOR", "never");
    if cmd == "clippy" {
        c.arg("--").arg("-D").arg("warnings");
    }
    eprintln!(
        "generated-rust: cargo {cmd} --bin {suite} in {} …",
        dir.display()
    );
    // The first build compiles reqwest and tokio: allow a slow machine plenty of time.
    process::run(c, b"", Duration::from_secs(1500)).unwrap_or_else(|e| process::Outcome {
        code: None,
        stdout: Vec::new(),
        stderr: format!("could not run cargo: {e}").into_bytes(),
        elapsed: Duration::ZERO,
        timed_out: false,
    })
}

/// (module, level, rendered text) for every compiler message; module is the file stem under `src/bin/<suite>/`.
fn compiler_messages(stdout: &[u8], suite: &str) -> Vec<(String, String, String)> {
    let mut out = Vec::new();
    for line in String::from_utf8_lossy(stdout).lines() {
        let Ok(v) = serde_json::from_str::<serde_json::Value>(line) else {
            continue;
        };
        if v.get("reason").and_then(|r| r.as_str()) != Some("compiler-message") {
            continue;
        }
        let Some(msg) = v.get("message") else {
            continue;
        };
        let level = msg
            .get("level")
            .and_then(|l| l.as_str())
            .unwrap_or_default()
            .to_string();
        let rendered = msg
            .get("rendered")
            .and_then(|r| r.as_str())
            .map(strip_ansi)
            .unwrap_or_default();
        let file = msg
            .get("spans")
            .and_then(|s| s.as_array())
            .and_then(|spans| {
                spans
                    .iter()
                    .find(|s| s.get("is_primary").and_then(|p| p.as_bool()) == Some(true))
                    .or_else(|| spans.first())
            })
            .and_then(|s| s.get("file_name"))
            .and_then(|f| f.as_str())
            .unwrap_or_default()
            .to_string();
        let prefix = format!("src/bin/{suite}/");
        let module = match file.strip_prefix(&prefix) {
            Some(f) => f.trim_end_matches(".rs").to_string(),
            None => "(no file)".to_string(),
        };
        out.push((module, level, rendered));
    }
    out
}

fn strip_ansi(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' && chars.peek() == Some(&'[') {
            for n in chars.by_ref() {
                if n.is_ascii_alphabetic() {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

fn dispatcher<'a>(modules: impl Iterator<Item = &'a String>) -> String {
    let modules: Vec<&String> = modules.collect();
    let mut s = String::from(
        "//! Runs one generated program: `<binary> <module>` calls `<module>::main()`.\n\
         //! Written by tests/support/rustbuild.rs.\n\n",
    );
    for m in &modules {
        s.push_str(&format!("mod {m};\n"));
    }
    s.push_str(
        "\nuse std::process::{ExitCode, Termination};\n\n\
         // `main()` of a generated program returns () or a Result: `report` handles both.
         #[allow(clippy::unit_arg)]
         fn main() -> ExitCode {\n    let name = std::env::args().nth(1).unwrap_or_default();\n    match name.as_str() {\n",
    );
    for m in &modules {
        s.push_str(&format!("        \"{m}\" => {m}::main().report(),\n"));
    }
    s.push_str(
        "        other => {\n            eprintln!(\"no generated program named {other:?}\");\n            ExitCode::from(2)\n        }\n    }\n}\n",
    );
    s
}
