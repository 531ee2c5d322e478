//! The `curl2code` command line: reads a curl command, prints the program on stdout and diagnostics on stderr.

use clap::{CommandFactory, Parser, ValueHint};
use curl2code::{Dialect, Options, Overrides, Target, policy::Jitter, report};
use std::io::{IsTerminal, Read, Write};
use std::process::ExitCode;

const AFTER_HELP: &str = "\
Examples:
  curl2code --lang python 'curl -X POST https://api.example.com/v1/items -d name=x'
  curl2code -l js -- curl -H 'Authorization: Bearer $TOKEN' https://api.example.com/me
  pbpaste | curl2code -l rust                # read the command from stdin
  curl2code -l py --input cmd.txt --output client.py
  curl2code -l py --max-retries 5 --jitter none 'curl https://example.com'

The generated program retries 408, 429, 500, 502, 503, 504, 521, 522 and 524 and transport
errors with exponential backoff and full jitter (base 1 s, cap 30 s, 3 retries, 60 s deadline),
honours Retry-After, and only retries POST/PATCH when that is safe (Idempotency-Key, a request
that never left, or --retry-non-idempotent). curl's own --retry flags in the pasted command set
the policy; the flags below override both.

Exit status: 0 converted, 1 the command could not be converted, 2 usage error.";

/// Turn a curl command into a Python, JavaScript or Rust program with production-grade retries.
#[derive(Parser, Debug)]
#[command(name = "curl2code", version, about, after_help = AFTER_HELP)]
struct Cli {
    /// Output language: python (py), javascript (js), rust (rs) or json (the parsed requests).
    #[arg(short, long, default_value = "python", value_name = "LANG")]
    lang: String,

    /// Shell the command was written for; detected when not given.
    #[arg(long, value_name = "bash|cmd|powershell")]
    shell: Option<Dialect>,

    /// Read the command from FILE instead of the arguments or stdin.
    #[arg(short, long, value_name = "FILE", value_hint = ValueHint::FilePath)]
    input: Option<std::path::PathBuf>,

    /// Write the program to FILE instead of stdout.
    #[arg(short, long, value_name = "FILE", value_hint = ValueHint::FilePath)]
    output: Option<std::path::PathBuf>,

    /// List the output languages and exit.
    #[arg(long)]
    list_languages: bool,

    /// List every curl option with what each output language does with it (applied, no
    /// effect, or refused and why), then the counts, and exit.
    #[arg(long)]
    list_options: bool,

    /// Read the credentials the command holds (Authorization values, -u passwords, tokens,
    /// cookies, secret-looking headers, query parameters and form fields) from environment
    /// variables in the program instead of writing them into it.
    #[arg(long)]
    env_secrets: bool,

    /// Reproduce curl's exact bytes (its User-Agent and Accept, header order, raw bodies) instead
    /// of the idiomatic program; for servers that must see what curl sends.
    #[arg(long)]
    exact: bool,

    /// Colour diagnostics: auto (when stderr is a terminal), always or never.
    #[arg(long, default_value = "auto", value_name = "WHEN")]
    color: String,

    /// Retries after the first attempt (default 3, or curl's --retry N).
    #[arg(long, value_name = "N", help_heading = "Retry policy")]
    max_retries: Option<u32>,

    /// First backoff delay in seconds; doubles each retry (default 1).
    #[arg(long, value_name = "S", help_heading = "Retry policy", value_parser = seconds)]
    base_delay: Option<f64>,

    /// Cap on one backoff delay in seconds (default 30).
    #[arg(long, value_name = "S", help_heading = "Retry policy", value_parser = seconds)]
    max_delay: Option<f64>,

    /// full: random delay between 0 and the backoff (default); none: exactly the backoff.
    #[arg(long, value_name = "full|none", help_heading = "Retry policy")]
    jitter: Option<Jitter>,

    /// Total time for all attempts and waits in seconds, 0 = no limit (default 60, or curl's
    /// --retry-max-time).
    #[arg(long, value_name = "S", help_heading = "Retry policy", value_parser = seconds)]
    deadline: Option<f64>,

    /// Timeout of one attempt in seconds, 0 = no limit (default 30, or curl's -m).
    #[arg(long, value_name = "S", help_heading = "Retry policy", value_parser = seconds)]
    timeout: Option<f64>,

    /// Connect timeout of one attempt in seconds, 0 = no limit (default 10, or curl's
    /// --connect-timeout).
    #[arg(long, value_name = "S", help_heading = "Retry policy", value_parser = seconds)]
    connect_timeout: Option<f64>,

    /// Retry POST, PATCH and custom methods on statuses and timeouts too.
    #[arg(long, help_heading = "Retry policy")]
    retry_non_idempotent: bool,

    /// One attempt: the helper keeps its shape with MAX_RETRIES = 0 (with --exact: plain code).
    #[arg(long, help_heading = "Retry policy")]
    no_retry: bool,

    /// A circuit breaker: after FAILURES consecutive failed calls, fail fast for SECONDS, then let
    /// one probe through (default 5/30).
    #[arg(
        long,
        value_name = "FAILURES/SECONDS",
        help_heading = "Retry policy",
        num_args = 0..=1,
        require_equals = true,
        default_missing_value = "5/30",
        value_parser = curl2code::policy::parse_breaker
    )]
    circuit_breaker: Option<(u32, f64)>,

    /// Send one Idempotency-Key UUID per call on every attempt (makes POST retryable).
    #[arg(long, help_heading = "Retry policy")]
    idempotency_key: bool,

    /// Another base URL to try after a gateway status or connection error (repeatable).
    #[arg(
        long,
        value_name = "URL",
        help_heading = "Retry policy",
        value_hint = ValueHint::Url,
        value_parser = http_url
    )]
    fallback_url: Vec<String>,

    /// Probe each base URL (the primary and every --fallback-url) with a GET to PATH (relative to
    /// the base) or URL before its first call; a 2xx means healthy, others are skipped.
    #[arg(
        long,
        value_name = "PATH_OR_URL",
        help_heading = "Retry policy",
        value_parser = curl2code::policy::parse_health_check
    )]
    health_check: Option<String>,

    /// Seconds a health probe may take (default 2).
    #[arg(long, value_name = "S", help_heading = "Retry policy", requires = "health_check",
        value_parser = positive_seconds)]
    health_timeout: Option<f64>,

    /// Seconds a probe's verdict is remembered (default: the program's lifetime).
    #[arg(long, value_name = "S", help_heading = "Retry policy", requires = "health_check",
        value_parser = curl2code::policy::parse_seconds)]
    health_ttl: Option<f64>,

    /// Let health probes carry the request's credentials (Authorization, cookies, -u).
    #[arg(long, help_heading = "Retry policy", requires = "health_check")]
    health_check_auth: bool,

    /// Print the completion script for SHELL and exit.
    #[arg(long, value_name = "SHELL", help_heading = "Installation")]
    completions: Option<clap_complete::Shell>,

    /// Print the man page (roff) and exit (e.g. `curl2code --man | man -l -`).
    #[arg(long, help_heading = "Installation")]
    man: bool,

    /// The curl command: one quoted string, `-` for stdin, or after `--` the words curl would get.
    #[arg(
        value_name = "COMMAND",
        trailing_var_arg = true,
        allow_hyphen_values = true
    )]
    command: Vec<String>,
}

/// `--list-options`: one line per curl option, its status in each target (a flavour is named
/// only where it differs from its core language), then the applied counts per target.
fn option_listing() -> String {
    use curl2code::codegen::Target;
    use curl2code::curl::opts::{OPTIONS, Status, status};
    let targets: Vec<Target> = Target::ALL
        .iter()
        .map(|(t, ..)| *t)
        .filter(|t| t.is_program())
        .collect();
    let mut applied = vec![0usize; targets.len()];
    let mut out = String::new();
    let text = |s: &Status| match s {
        Status::Applied => "applied".to_string(),
        Status::NoEffect => "no effect".to_string(),
        Status::Refused(why) => format!("refused: {why}"),
    };
    for spec in OPTIONS {
        let short = spec.short.map(|c| format!("-{c}, ")).unwrap_or_default();
        let statuses: Vec<Status> = targets.iter().map(|t| status(spec, t.name())).collect();
        for (n, s) in applied.iter_mut().zip(&statuses) {
            *n += usize::from(*s == Status::Applied);
        }
        let line = if statuses.iter().all(|s| *s == statuses[0]) {
            text(&statuses[0])
        } else {
            let core_status = |t: &Target| status(spec, t.core().name());
            targets
                .iter()
                .zip(&statuses)
                .filter(|(t, s)| t.core() == **t || **s != core_status(t))
                .map(|(t, s)| format!("{} {}", t.name(), text(s)))
                .collect::<Vec<_>>()
                .join("; ")
        };
        out.push_str(&format!(
            "{:<34} {line}\n",
            format!("{short}--{}", spec.long)
        ));
    }
    let counts: Vec<String> = targets
        .iter()
        .zip(&applied)
        .map(|(t, n)| format!("{} {n}", t.name()))
        .collect();
    out.push_str(&format!("applied: {}\n", counts.join(", ")));
    out
}

/// `--health-timeout`: more than 0 seconds, at most a day.
fn positive_seconds(s: &str) -> Result<f64, String> {
    match curl2code::policy::parse_seconds(s) {
        Ok(0.0) => Err("a health probe needs more than 0 seconds".to_string()),
        other => other,
    }
}

/// A `--fallback-url`: an absolute http(s) URL with a host.
fn http_url(s: &str) -> Result<String, String> {
    let rest = s
        .strip_prefix("https://")
        .or_else(|| s.strip_prefix("http://"))
        .ok_or_else(|| format!("`{s}` is not an http:// or https:// URL"))?;
    if rest.is_empty() || rest.starts_with(['/', '?', '#']) || s.contains(char::is_whitespace) {
        return Err(format!("`{s}` has no host name"));
    }
    Ok(s.to_string())
}

fn seconds(s: &str) -> Result<f64, String> {
    match s.parse::<f64>() {
        Ok(v) if v.is_finite() && v >= 0.0 => Ok(v),
        _ => Err(format!("`{s}` is not a number of seconds (e.g. 0.5 or 30)")),
    }
}

fn usage_error(message: &str) -> ExitCode {
    eprintln!("error: {message}");
    eprintln!("\nFor more information, try '--help'.");
    ExitCode::from(2)
}

fn read_input(cli: &Cli) -> Result<String, String> {
    let bytes = if let Some(path) = &cli.input {
        std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?
    } else if cli.command.is_empty() || cli.command == ["-"] {
        let mut buf = Vec::new();
        if std::io::stdin().is_terminal() {
            eprintln!("curl2code: reading a curl command from stdin (Ctrl-D to finish)…");
        }
        std::io::stdin()
            .take(curl2code::MAX_INPUT as u64 + 1)
            .read_to_end(&mut buf)
            .map_err(|e| format!("cannot read stdin: {e}"))?;
        buf
    } else if cli.command.len() == 1 {
        return Ok(cli.command[0].clone());
    } else {
        // argv as curl would receive it: quote it back into one bash command line.
        return Ok(shell_words::join(&cli.command));
    };
    String::from_utf8(bytes).map_err(|e| {
        format!(
            "the input is not UTF-8 text (invalid byte at offset {})",
            e.utf8_error().valid_up_to()
        )
    })
}

/// The completion script or the man page, built from the same clap definition as `--help` so
/// the three never disagree. Rendered into memory first: clap_complete panics on a failed write,
/// and `curl2code --man | head` closes the pipe early.
fn installation_text(cli: &Cli) -> Option<std::io::Result<Vec<u8>>> {
    let mut text = Vec::new();
    if let Some(shell) = cli.completions {
        clap_complete::generate(shell, &mut Cli::command(), "curl2code", &mut text);
    } else if cli.man {
        if let Err(e) = clap_mangen::Man::new(Cli::command()).render(&mut text) {
            return Some(Err(e));
        }
    } else {
        return None;
    }
    Some(Ok(text))
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    if let Some(text) = installation_text(&cli) {
        return match text.and_then(|t| std::io::stdout().write_all(&t)) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("error: cannot write to stdout: {e}");
                ExitCode::from(1)
            }
        };
    }
    if cli.list_languages {
        for (_, name, aliases, about) in Target::ALL {
            let aliases = if aliases.is_empty() {
                String::new()
            } else {
                format!(" ({})", aliases.join(", "))
            };
            println!("{:<20} {about}", format!("{name}{aliases}"));
        }
        return ExitCode::SUCCESS;
    }
    if cli.list_options {
        print!("{}", option_listing());
        return ExitCode::SUCCESS;
    }
    let target = match cli.lang.parse::<Target>() {
        Ok(t) => t,
        Err(e) => return usage_error(&e),
    };
    let color = match cli.color.as_str() {
        "always" => true,
        "never" => false,
        "auto" => std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
        other => {
            return usage_error(&format!(
                "--color takes auto, always or never, not `{other}`"
            ));
        }
    };
    if cli.input.is_some() && !cli.command.is_empty() {
        return usage_error("give the command either as arguments or with --input, not both");
    }
    let input = match read_input(&cli) {
        Ok(s) => s,
        Err(e) => return usage_error(&e),
    };
    let options = Options {
        shell: cli.shell,
        exact: cli.exact,
        env_secrets: cli.env_secrets,
        base_dir: None,
        retry: Overrides {
            max_retries: cli.max_retries,
            base_delay: cli.base_delay,
            max_delay: cli.max_delay,
            jitter: cli.jitter,
            deadline: cli.deadline,
            timeout: cli.timeout,
            connect_timeout: cli.connect_timeout,
            retry_non_idempotent: cli.retry_non_idempotent,
            no_retry: cli.no_retry,
            circuit_breaker: cli.circuit_breaker.is_some(),
            breaker: cli.circuit_breaker,
            idempotency_key: cli.idempotency_key,
            fallback_urls: cli.fallback_url.clone(),
            health_check: cli.health_check.clone(),
            health_timeout: cli.health_timeout,
            health_ttl: cli.health_ttl,
            health_check_auth: cli.health_check_auth,
        },
    };
    if let Some(problem) = curl2code::usage_problem(target, &options) {
        return usage_error(&problem);
    }
    match curl2code::convert(&input, target, &options) {
        Ok(conv) => {
            if !conv.warnings.is_empty() {
                eprint!("{}", report::render(&input, &conv.warnings, color));
            }
            let written = match &cli.output {
                Some(path) => std::fs::write(path, &conv.code)
                    .map(|_| eprintln!("curl2code: wrote {}", path.display()))
                    .map_err(|e| format!("cannot write {}: {e}", path.display())),
                None => std::io::stdout()
                    .write_all(conv.code.as_bytes())
                    .map_err(|e| format!("cannot write to stdout: {e}")),
            };
            match written {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("error: {e}");
                    ExitCode::from(1)
                }
            }
        }
        Err(err) => {
            eprint!("{}", report::render(&err.source, &err.diagnostics, color));
            ExitCode::from(1)
        }
    }
}
