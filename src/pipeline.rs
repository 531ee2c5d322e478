//! The whole pipeline behind the crate's face: shell text → requests → plan → code, with the
//! options a caller sets (lib.rs re-exports it; stages never import it).

use crate::diagnostic::{Diagnostic, Error};
use crate::files::MAX_INPUT;
use crate::ir::Request;
use crate::policy::{Overrides, RetryPolicy};
use crate::shell::Dialect;
use crate::{codegen, curl, files, ir, policy, shell};
use codegen::Target;

/// Conversion settings.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// Force a shell dialect; `None` detects it.
    pub shell: Option<Dialect>,
    /// Retry settings that override the pasted command's.
    pub retry: Overrides,
    /// `--exact`: reproduce curl's bytes (its default headers, header order, raw bodies) instead
    /// of the idiomatic program.
    pub exact: bool,
    /// `--env-secrets`: credentials in the command (Authorization, `-u` passwords, tokens,
    /// cookies, secret-looking headers, query parameters and form fields) become environment
    /// variable reads in the program.
    pub env_secrets: bool,
    /// Where the files a command names while converting (`-K`, `-H @file`, `-G -d @file`)
    /// resolve; `None`: the working directory, as for curl.
    pub base_dir: Option<std::path::PathBuf>,
}

/// The parsed input: every request and the policy that applies to them.
#[derive(Clone, Debug)]
pub struct Parsed {
    /// Requests in order.
    pub requests: Vec<Request>,
    /// The resolved retry policy.
    pub policy: RetryPolicy,
    /// Warnings about the input.
    pub warnings: Vec<Diagnostic>,
    /// With `--env-secrets`: the credentials moved into environment variables, with the values
    /// the variables must hold (for tests and tools; never printed).
    pub secrets: Vec<ir::secrets::Secret>,
}

/// A successful conversion.
#[derive(Clone, Debug)]
pub struct Conversion {
    /// The generated program.
    pub code: String,
    /// Warnings about the input or about what the target cannot express.
    pub warnings: Vec<Diagnostic>,
}

fn fail(source: &str, error: Diagnostic, mut warnings: Vec<Diagnostic>) -> Error {
    warnings.insert(0, error);
    Error {
        source: source.to_string(),
        diagnostics: warnings,
    }
}

/// Parses `input` into requests without generating code.
pub fn parse(input: &str, options: &Options) -> Result<Parsed, Error> {
    let mut warnings = Vec::new();
    if input.len() > MAX_INPUT {
        let e = Diagnostic::error(format!(
            "input is {} bytes; the limit is {} bytes (1 MiB)",
            input.len(),
            MAX_INPUT
        ))
        .with_help("paste one curl command at a time");
        // Carets into a megabyte of text help nobody: report against an empty source.
        return Err(fail("", e, warnings));
    }
    if input.trim().is_empty() {
        let e = Diagnostic::error("the input is empty")
            .with_help("paste a curl command, e.g. curl https://example.com");
        return Err(fail(input, e, warnings));
    }
    let script = shell::tokenize(input, options.shell, &mut warnings)
        .map_err(|e| fail(input, e, warnings.clone()))?;
    let runs_curl = |c: &shell::Command| {
        c.words
            .first()
            .is_some_and(|w| curl::check_program(w).is_ok())
    };
    // Around the curl commands people paste `export TOKEN=…` or `| jq .`: skip those with a
    // warning; only an input with no curl at all is an error (the parser explains it).
    let curl: Vec<bool> = script.commands.iter().map(runs_curl).collect();
    let any_curl = curl.contains(&true);
    let mut requests = Vec::new();
    for (command, is_curl) in script.commands.iter().zip(curl) {
        if any_curl && !is_curl {
            let name = command
                .words
                .first()
                .map(|w| w.display())
                .unwrap_or_default();
            warnings.push(
                Diagnostic::warning(format!("`{name}` is not curl: skipped"))
                    .with_span(command.span)
                    .with_label("not converted"),
            );
            continue;
        }
        let files = files::Files::new(options.base_dir.clone());
        let args = curl::parse_with(command, &files, &mut warnings)
            .map_err(|e| fail(input, e, warnings.clone()))?;
        let lowered =
            ir::lower(&args, &mut warnings).map_err(|e| fail(input, e, warnings.clone()))?;
        requests.extend(lowered);
    }
    if requests.is_empty() {
        let e = Diagnostic::error("no curl command found in the input")
            .with_help("paste a command that starts with `curl`");
        return Err(fail(input, e, warnings));
    }
    let policy = policy::resolve(&requests, &options.retry);
    let secrets = secrets(&mut requests, options.env_secrets, &mut warnings);
    Ok(Parsed {
        requests,
        policy,
        warnings,
        secrets,
    })
}

/// With `--env-secrets`, moves the credentials into environment variables and says which
/// (names and placeholders only); without it, warns that the program will carry them.
fn secrets(
    requests: &mut [Request],
    move_them: bool,
    warnings: &mut Vec<Diagnostic>,
) -> Vec<ir::secrets::Secret> {
    if move_them {
        let moved = ir::secrets::move_to_env(requests);
        if !moved.is_empty() {
            let exports: Vec<String> = moved.iter().map(|s| format!("{}=…", s.var)).collect();
            let list: Vec<String> = moved
                .iter()
                .map(|s| format!("{} ({})", s.var, s.what))
                .collect();
            warnings.push(
                Diagnostic::warning(format!(
                    "--env-secrets: the program reads {} from the environment",
                    list.join(", ")
                ))
                .with_help(format!("before running it: export {}", exports.join(" "))),
            );
        }
        return moved;
    }
    let found = ir::secrets::find(requests);
    if !found.is_empty() {
        let what: Vec<&str> = found.iter().map(|s| s.what.as_str()).collect();
        warnings.push(
            Diagnostic::warning(format!(
                "the command holds credentials ({}); the program carries them as they are",
                what.join(", ")
            ))
            .with_help("add --env-secrets to read them from environment variables instead"),
        );
    }
    Vec::new()
}

/// A curl2code option `target` cannot honour (a usage error, exit status 2 in the CLI), or `None`.
/// The CLI and the web page both ask before converting, so neither ignores an option silently.
pub fn usage_problem(target: Target, options: &Options) -> Option<String> {
    if options.exact && !cfg!(feature = "exact") {
        return Some(codegen::NO_EXACT.to_string());
    }
    (options.exact && target.core() != target).then(|| {
        format!(
            "--exact is not available for {}: use --lang {} --exact for curl's exact bytes",
            target.name(),
            target.core().name()
        )
    })
}

/// Converts `input` (one or more curl commands) into a program in `target`.
pub fn convert(input: &str, target: Target, options: &Options) -> Result<Conversion, Error> {
    let Parsed {
        requests,
        policy,
        mut warnings,
        ..
    } = parse(input, options)?;
    if options.exact && target.core() != target {
        let e = Diagnostic::error(format!(
            "--exact is not available for {}: only the core target sends curl's exact bytes",
            target.name()
        ))
        .with_help(format!("use --lang {} --exact", target.core().name()));
        return Err(fail("", e, warnings));
    }
    let program = codegen::Program {
        requests: &requests,
        retry_policy: &policy,
        mode: if options.exact {
            codegen::plan::Mode::Exact
        } else {
            codegen::plan::Mode::Idiomatic
        },
    };
    let code = codegen::render(target, &program, &mut warnings);
    Ok(Conversion { code, warnings })
}
