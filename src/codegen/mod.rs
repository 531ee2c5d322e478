//! Code generation: the [`Target`] languages, and dispatch from requests + policy to a view model and template.

use crate::diagnostic::Diagnostic;
use crate::ir::Request;
use crate::policy::RetryPolicy;
use serde::Serialize;

#[cfg(feature = "javascript")]
pub mod javascript;
pub mod literal;
pub mod plan;
#[cfg(feature = "python")]
pub mod python;
#[cfg(feature = "rust")]
pub mod rust;

/// An output language.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Target {
    /// Python 3 with requests.
    Python,
    /// Python 3.10+ with httpx's `Client` (a flavour of the Python target).
    #[cfg(feature = "python")]
    PythonHttpx,
    /// Python 3.10+ with httpx's `AsyncClient` and asyncio (a flavour of the Python target).
    #[cfg(feature = "python")]
    PythonAsync,
    /// JavaScript (ES module) with fetch: Node 18+ and browsers.
    JavaScript,
    /// JavaScript (ES module, Node 20) with axios 1.x: a flavour of [`Target::JavaScript`].
    #[cfg(feature = "javascript")]
    #[serde(rename = "javascript-axios")]
    JavaScriptAxios,
    /// TypeScript (ES module, Node 20) with fetch: a flavour of [`Target::JavaScript`].
    #[cfg(feature = "javascript")]
    TypeScript,
    /// Rust with reqwest and tokio.
    Rust,
    /// Rust with reqwest's blocking client: no async runtime, `std::thread::sleep` between
    /// attempts. A flavour of the `rust` target (same view code, the template's blocking switch).
    #[cfg(feature = "rust")]
    #[serde(rename = "rust-blocking")]
    RustBlocking,
    /// The parsed requests and policy as JSON, for tooling and debugging (cargo feature `json`).
    #[cfg(feature = "json")]
    Json,
}

impl Target {
    /// Every target with its canonical name, aliases and a one-line description.
    pub const ALL: &'static [(Target, &'static str, &'static [&'static str], &'static str)] = &[
        (
            Target::Python,
            "python",
            &["py"],
            "Python 3 + requests, one Session",
        ),
        #[cfg(feature = "python")]
        (
            Target::PythonHttpx,
            "python-httpx",
            &["httpx"],
            "Python 3.10+ + httpx, one Client (pip install httpx)",
        ),
        #[cfg(feature = "python")]
        (
            Target::PythonAsync,
            "python-async",
            &["python-asyncio", "httpx-async"],
            "Python 3.10+ + httpx AsyncClient with asyncio (pip install httpx)",
        ),
        (
            Target::JavaScript,
            "javascript",
            &["js", "node"],
            "JavaScript ES module with fetch (Node 18+ and browsers)",
        ),
        #[cfg(feature = "javascript")]
        (
            Target::JavaScriptAxios,
            "javascript-axios",
            &["axios"],
            "JavaScript ES module with axios 1.x (Node 20)",
        ),
        #[cfg(feature = "javascript")]
        (
            Target::TypeScript,
            "typescript",
            &["ts"],
            "TypeScript with fetch (Node 20; tsc --strict clean, runs with tsx)",
        ),
        (Target::Rust, "rust", &["rs"], "Rust + reqwest + tokio"),
        #[cfg(feature = "rust")]
        (
            Target::RustBlocking,
            "rust-blocking",
            &[],
            "Rust + reqwest::blocking (no async runtime)",
        ),
        #[cfg(feature = "json")]
        (Target::Json, "json", &[], "the parsed requests as JSON"),
    ];

    /// Looks a target up by name or alias, case-insensitively.
    pub fn from_name(name: &str) -> Option<Target> {
        let name = name.to_ascii_lowercase();
        Target::ALL
            .iter()
            .find(|(_, n, aliases, _)| *n == name || aliases.contains(&name.as_str()))
            .map(|(t, ..)| *t)
    }

    /// The canonical name.
    pub fn name(self) -> &'static str {
        Target::ALL
            .iter()
            .find(|(t, ..)| *t == self)
            .map_or("", |(_, n, ..)| n)
    }

    /// The core language a flavour belongs to (`javascript` for `typescript`); itself otherwise.
    /// The option table's per-language limits are the core language's.
    pub fn core(self) -> Target {
        match self {
            #[cfg(feature = "python")]
            Target::PythonHttpx | Target::PythonAsync => Target::Python,
            #[cfg(feature = "javascript")]
            Target::JavaScriptAxios | Target::TypeScript => Target::JavaScript,
            #[cfg(feature = "rust")]
            Target::RustBlocking => Target::Rust,
            other => other,
        }
    }

    /// Whether the target emits a program (every target but `json`, which dumps the IR).
    pub fn is_program(self) -> bool {
        self.extension() != "json"
    }

    /// The usual file extension of a generated program.
    pub fn extension(self) -> &'static str {
        match self {
            Target::Python => "py",
            #[cfg(feature = "python")]
            Target::PythonHttpx | Target::PythonAsync => "py",
            Target::JavaScript => "mjs",
            #[cfg(feature = "javascript")]
            Target::JavaScriptAxios => "mjs",
            #[cfg(feature = "javascript")]
            Target::TypeScript => "ts",
            Target::Rust => "rs",
            #[cfg(feature = "rust")]
            Target::RustBlocking => "rs",
            #[cfg(feature = "json")]
            Target::Json => "json",
        }
    }
}

impl std::str::FromStr for Target {
    type Err = String;
    fn from_str(s: &str) -> Result<Target, String> {
        let names: Vec<&str> = Target::ALL.iter().map(|(_, n, ..)| *n).collect();
        let expected = match names.split_last() {
            Some((last, rest)) if !rest.is_empty() => format!("{} or {last}", rest.join(", ")),
            _ => names.join(""),
        };
        Target::from_name(s).ok_or_else(|| format!("unknown language `{s}` (expected {expected})"))
    }
}

/// What a generator gets: every request of the input in order, and the retry policy.
#[derive(Clone, Debug, Serialize)]
pub struct Program<'a> {
    /// Requests in the order curl would send them.
    pub requests: &'a [Request],
    /// The retry policy shared by every call.
    pub retry_policy: &'a RetryPolicy,
    /// Idiomatic output, or curl's exact bytes (`--exact`).
    #[serde(skip)]
    pub mode: plan::Mode,
}

impl Program<'_> {
    /// The shared plan of this program: built once, mapped by each generator.
    pub fn plan(&self) -> plan::Plan<'_> {
        plan::build(self.requests, self.retry_policy, self.mode)
    }
}

/// Why a build without the `exact` feature (the web page's default modules) refuses `--exact`.
pub const NO_EXACT: &str = "this build of curl2code has no --exact generators";

/// The refusal of a default-mode conversion by a build with only the `--exact` generators.
pub const ONLY_EXACT: &str = "this build of curl2code has only the --exact generators";

/// Renders `program` in `target`. What the target cannot express becomes a warning.
#[allow(unused_variables)] // `program` with no language built in (only in per-language builds)
pub fn render(target: Target, program: &Program, warnings: &mut Vec<Diagnostic>) -> String {
    if program.mode == plan::Mode::Exact && !cfg!(feature = "exact") {
        warnings.push(Diagnostic::error(NO_EXACT));
        return String::new();
    }
    if program.mode != plan::Mode::Exact && cfg!(feature = "exact-only") {
        warnings.push(Diagnostic::error(ONLY_EXACT));
        return String::new();
    }
    match target {
        #[cfg(feature = "python")]
        Target::Python => python::render(program, warnings),
        #[cfg(feature = "python")]
        Target::PythonHttpx => python::render_httpx(program, false, warnings),
        #[cfg(feature = "python")]
        Target::PythonAsync => python::render_httpx(program, true, warnings),
        #[cfg(feature = "javascript")]
        Target::JavaScript => javascript::render(program, warnings),
        #[cfg(feature = "javascript")]
        Target::JavaScriptAxios => {
            javascript::render_flavour(program, javascript::Flavour::Axios, warnings)
        }
        #[cfg(feature = "javascript")]
        Target::TypeScript => {
            javascript::render_flavour(program, javascript::Flavour::TypeScript, warnings)
        }
        #[cfg(feature = "rust")]
        Target::Rust => rust::render(program, false, warnings),
        #[cfg(feature = "rust")]
        Target::RustBlocking => rust::render(program, true, warnings),
        // Behind a feature: serde_json is about 5 KB of the web page's gzipped WebAssembly, and
        // the page has no JSON target.
        #[cfg(feature = "json")]
        Target::Json => {
            let mut s = serde_json::to_string_pretty(program).unwrap_or_default();
            s.push('\n');
            s
        }
        // A build without this language (the web page's per-language modules).
        #[allow(unreachable_patterns)]
        other => {
            warnings.push(Diagnostic::error(format!(
                "this build of curl2code has no {} generator",
                other.name()
            )));
            String::new()
        }
    }
}
