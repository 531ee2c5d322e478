//! The Rust target (reqwest + tokio): the default output (`idiomatic`: what a Rust developer
//! would write, judged by semantic equality) and `--exact` (curl's bytes: the same view and
//! template with its `exact` switch, only the request differs). The `rust-blocking` flavour is
//! the default output on reqwest::blocking (the template's blocking switch); it has no `--exact`.

mod connect;
mod idiomatic;

/// The client builder calls for --tlsv1.x and --tls-max (reqwest's rustls speaks TLS 1.2 and
/// 1.3 only, so a lower minimum changes nothing), and warnings for what rustls cannot do.
fn tls_versions(tls: &crate::ir::Tls, warn: &mut dyn FnMut(&str)) -> Vec<String> {
    use crate::ir::TlsVersion;
    let name = |v: TlsVersion| match v {
        TlsVersion::V1_0 => "TLS_1_0",
        TlsVersion::V1_1 => "TLS_1_1",
        TlsVersion::V1_2 => "TLS_1_2",
        TlsVersion::V1_3 => "TLS_1_3",
    };
    let mut chain = Vec::new();
    if let Some(v) = tls.min {
        chain.push(format!(
            ".tls_version_min(reqwest::tls::Version::{}) // --tlsv{}",
            name(v),
            v.number()
        ));
    }
    if let Some(v) = tls.max {
        if v < TlsVersion::V1_2 {
            warn(
                "--tls-max below 1.2: reqwest's rustls has no TLS 1.0 or 1.1, so the client cannot be built",
            );
        }
        chain.push(format!(
            ".tls_version_max(reqwest::tls::Version::{}) // --tls-max",
            name(v)
        ));
    }
    if tls.ciphers.is_some() {
        warn(
            "--ciphers is not converted: rustls (reqwest's TLS) has no cipher lists, it offers only its own modern suites",
        );
    }
    chain
}

/// The setup lines for --capath `dir` (a Rust `&str` expression): `ca`, the certificates of
/// every file in the directory (files that hold none are skipped, as OpenSSL's lookup does).
fn capath_lines(dir: &str) -> Vec<String> {
    vec![
        "    // --capath: trust only the CAs in this directory's files, as curl does.".to_string(),
        format!("    let ca: Vec<Certificate> = std::fs::read_dir({dir})"),
        "        .into_iter()".to_string(),
        "        .flatten()".to_string(),
        "        .filter_map(|file| std::fs::read(file.ok()?.path()).ok())".to_string(),
        "        .flat_map(|pem| Certificate::from_pem_bundle(&pem).unwrap_or_default())"
            .to_string(),
        "        .collect();".to_string(),
    ]
}

/// `-n`'s file in the generated code: `$HOME/.netrc`, as curl reads it.
const HOME_NETRC: &str = "format!(\"{}/.netrc\", std::env::var(\"HOME\").unwrap_or_default())";
pub mod literal;
mod names;
mod playbook;
mod proxying;
mod uses;

use super::Program;
use crate::diagnostic::Diagnostic;

/// Renders a complete rust program in the program's mode; `blocking` for `rust-blocking`.
pub fn render(program: &Program, blocking: bool, warnings: &mut Vec<Diagnostic>) -> String {
    // Without the `exact` feature codegen::render refuses Mode::Exact before it gets here.
    // With `exact-only` the condition is constant: the default output is dead code, left out.
    #[cfg(feature = "exact")]
    if program.mode == super::plan::Mode::Exact || cfg!(feature = "exact-only") {
        if !blocking || cfg!(feature = "exact-only") {
            return idiomatic::render_exact(program, warnings);
        }
        // The CLI and the web page refuse this pair up front (`usage_problem`); a library
        // caller gets the blocking default output and a warning that says so.
        warnings.push(Diagnostic::warning(format!(
            "rust-blocking: {EXACT_NEEDS_RUST}; this is the default output"
        )));
    }
    idiomatic::render(program, blocking, warnings)
}

/// Why `--exact` and `rust-blocking` do not go together (the usage error's words).
pub const EXACT_NEEDS_RUST: &str =
    "--exact is only available for `rust` (reqwest with tokio), not for `rust-blocking`";

/// The `[dependencies]` lines a project compiling generated programs needs. With
/// `all_features`, the union over both modes and every feature (the test suites build every
/// program in one project); without, only what every program needs.
#[cfg(feature = "exact")]
pub fn cargo_dependencies(all_features: bool) -> String {
    if !all_features {
        return idiomatic::Needs::default().dependency_lines().join("\n") + "\n";
    }
    // The reqwest line of both modes and tokio with every feature a program has used; then every
    // other crate. No second TLS provider: one in the build is what users' projects link too.
    let mut lines = vec![
        idiomatic::REQWEST_SUPERSET.to_string(),
        "tokio = { version = \"1\", features = [\"fs\", \"macros\", \"rt\", \"rt-multi-thread\", \"time\"] }".to_string(),
    ];
    let named = |l: &str| l.split('=').next().unwrap_or_default().trim().to_string();
    let known: Vec<String> = lines.iter().map(|l| named(l)).collect();
    let default = idiomatic::Needs::all().dependency_lines();
    lines.extend(default.into_iter().filter(|l| !known.contains(&named(l))));
    lines.join("\n") + "\n"
}

#[cfg(test)]
mod tests;
