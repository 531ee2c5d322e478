//! The Rust target (reqwest + tokio): the default output (`idiomatic`: what a Rust developer
//! would write, judged by semantic equality) and `--exact` (`exact`: curl's bytes). The
//! `rust-blocking` flavour is the default output on reqwest::blocking (same view, the template's
//! blocking switch); it has no `--exact` mode.

mod exact;
mod idiomatic;

/// `-n`'s file in the generated code: `$HOME/.netrc`, as curl reads it.
const HOME_NETRC: &str = "format!(\"{}/.netrc\", std::env::var(\"HOME\").unwrap_or_default())";
pub mod literal;
mod playbook;

use super::Program;
use super::plan::Mode;
use crate::diagnostic::Diagnostic;

/// Renders a complete rust program in the program's mode; `blocking` for `rust-blocking`.
pub fn render(program: &Program, blocking: bool, warnings: &mut Vec<Diagnostic>) -> String {
    match program.mode {
        Mode::Exact if blocking => {
            // The CLI and the web page refuse this pair up front (`usage_problem`); a library
            // caller gets the blocking default output and a warning that says so.
            warnings.push(Diagnostic::warning(format!(
                "rust-blocking: {EXACT_NEEDS_RUST}; this is the default output"
            )));
            idiomatic::render(program, true, warnings)
        }
        Mode::Idiomatic => idiomatic::render(program, blocking, warnings),
        Mode::Exact => exact::render(program, warnings),
    }
}

/// Why `--exact` and `rust-blocking` do not go together (the usage error's words).
pub const EXACT_NEEDS_RUST: &str =
    "--exact is only available for `rust` (reqwest with tokio), not for `rust-blocking`";

/// The `[dependencies]` lines a project compiling generated programs needs. With
/// `all_features`, the union over both modes and every feature (the test suites build every
/// program in one project); without, only what every `--exact` program needs.
pub fn cargo_dependencies(all_features: bool) -> String {
    let needs = exact::Needs {
        cookies: all_features,
        cookie_save: all_features,
        compressed: all_features,
        multipart: all_features,
        socks: all_features,
        retry: all_features,
        fs: all_features,
    };
    let mut lines = needs.dependency_lines();
    if all_features {
        // One line per crate: the default output's reqwest features and crates join --exact's.
        let default = idiomatic::Needs::all().dependency_lines();
        for line in &mut lines {
            if line.starts_with("reqwest =") {
                *line = idiomatic::REQWEST_SUPERSET.to_string();
            } else if line.starts_with("tokio =") {
                *line = "tokio = { version = \"1\", features = [\"fs\", \"macros\", \"rt\", \"rt-multi-thread\", \"time\"] }".to_string();
            }
        }
        let named = |l: &str| l.split('=').next().unwrap_or_default().trim().to_string();
        let known: Vec<String> = lines.iter().map(|l| named(l)).collect();
        lines.extend(default.into_iter().filter(|l| !known.contains(&named(l))));
    }
    lines.join("\n") + "\n"
}

#[cfg(test)]
mod tests;
