//! Runs generated python programs against a loopback server: what they send is compared with what
//! curl sends for the same command, and the retry helper is checked against scripted failures.
//!
//! Needs python3 with requests, and curl; without them the tests say so and pass.

use curl2code::codegen::plan::Mode;
use curl2code::codegen::{Program, python};
use curl2code::ir::*;
use curl2code::policy::{Jitter, NonIdempotentRetry, RetryPolicy};
use std::path::Path;
use std::process::Command;
use std::thread;
use std::time::Duration;

mod support;

use support::compare::{self, Rules, Verdict};
use support::process::{self, TempDir};
use support::server::{Action, Recorded, Server};

// ---------------------------------------------------------------------------------------------
// Servers, processes and comparison come from tests/support (the wire suite's harness).

/// `status` with the harness's small body, `status N\n`.
fn reply(status: u16) -> Action {
    Action::status(status)
}

/// A server answering `script` in order, its last answer forever after.
fn server(mut script: Vec<Action>) -> Server {
    let last = script.pop().unwrap_or_else(|| reply(200));
    Server::with_default(script, last)
}

/// An answer that comes after `delay` (to trigger read timeouts).
fn slow(delay: Duration) -> Action {
    Action::dynamic(move |_| {
        thread::sleep(delay);
        reply(200)
    })
}

/// The interpreter that runs the programs: `CURL2CODE_PYTHON` (e.g. a python3.8, to check the
/// programs' oldest supported Python) or `python3`.
fn python() -> String {
    std::env::var("CURL2CODE_PYTHON").unwrap_or_else(|_| "python3".to_string())
}

fn tools_present() -> bool {
    let ok = |cmd: &str, args: &[&str]| {
        Command::new(cmd)
            .args(args)
            .output()
            .map(|o| o.status.success())
            .unwrap_or(false)
    };
    let present = ok(
        &python(),
        &[
            "-c",
            "import requests, urllib3; assert urllib3.__version__ >= '2'",
        ],
    ) && ok("curl", &["--version"]);
    process::tools_or_skip(present, "python3 with requests and urllib3 2, or curl")
}

/// A fresh directory with the files the commands refer to.
fn workdir(name: &str) -> TempDir {
    let dir = TempDir::new(&format!("py-{name}"));
    let files: [(&str, &[u8]); 4] = [
        ("f.txt", b"hello\nworld\r\n"),
        ("s.txt", b"a b+c\n~*"),
        ("p.png", b"\x89PNG\x00\xff binary"),
        (
            "jar.txt",
            b"127.0.0.1\tFALSE\t/\tFALSE\t0\tsid\tabc\n\
              #HttpOnly_127.0.0.1\tFALSE\t/\tFALSE\t0\thid\txyz\n",
        ),
    ];
    for (name, data) in files {
        std::fs::write(dir.path().join(name), data).expect("fixture file");
    }
    dir
}

struct Run {
    code: i32,
    stdout: Vec<u8>,
    stderr: String,
}

/// Runs `cmd` in `dir` with a time limit, feeding `stdin`.
fn run(mut cmd: Command, dir: &Path, stdin: &[u8], env: &[(&str, &str)]) -> Run {
    process::clean_env(&mut cmd, dir);
    cmd.current_dir(dir).envs(env.iter().copied());
    let out = process::run(cmd, stdin, Duration::from_secs(60)).expect("spawn");
    assert!(!out.timed_out, "child timed out: {}", out.stderr_text());
    Run {
        code: out.code.unwrap_or(-1),
        stderr: out.stderr_text(),
        stdout: out.stdout,
    }
}

fn render(requests: &[Request], policy: &RetryPolicy) -> String {
    render_in(Mode::Idiomatic, requests, policy)
}

/// The program for `requests` in `mode`: the byte comparisons with curl use `--exact`.
fn render_in(mode: Mode, requests: &[Request], policy: &RetryPolicy) -> String {
    let mut warnings = Vec::new();
    python::render(
        &Program {
            requests,
            retry_policy: policy,
            mode,
        },
        &mut warnings,
    )
}

/// Writes the program for `requests` into `dir` and runs it.
fn run_python(
    dir: &Path,
    requests: &[Request],
    policy: &RetryPolicy,
    stdin: &[u8],
    env: &[(&str, &str)],
) -> Run {
    run_python_in(Mode::Idiomatic, dir, requests, policy, stdin, env)
}

/// [`run_python`] with the program in `mode`.
fn run_python_in(
    mode: Mode,
    dir: &Path,
    requests: &[Request],
    policy: &RetryPolicy,
    stdin: &[u8],
    env: &[(&str, &str)],
) -> Run {
    let code = render_in(mode, requests, policy);
    let path = dir.join("request.py");
    std::fs::write(&path, &code).expect("write program");
    let mut cmd = Command::new(python());
    cmd.arg(&path);
    run(cmd, dir, stdin, env)
}

fn run_curl(dir: &Path, args: &[&str], stdin: &[u8]) -> Run {
    let mut cmd = Command::new("curl");
    cmd.args(["-s", "-S"]).args(args);
    run(cmd, dir, stdin, &[])
}

/// Runs curl with `args` and the program for `requests` against servers answering 200, and
/// asserts that they sent the same requests.
fn same_as_curl(name: &str, requests: Vec<Request>, args: &[&str], stdin: &[u8]) -> Run {
    same_as_curl_with(name, vec![reply(200)], requests, args, stdin)
}

/// [`same_as_curl`] with both servers answering `script`. The harness's rules apply (headers
/// every client adds are compared only when the command sets them), and more strictly: Accept,
/// Accept-Encoding and Connection too, since the programs copy curl's defaults.
fn same_as_curl_with(
    name: &str,
    script: Vec<Action>,
    requests: Vec<Request>,
    args: &[&str],
    stdin: &[u8],
) -> Run {
    let dir = workdir(name);
    let curl_server = server(script.clone());
    let args: Vec<String> = args
        .iter()
        .map(|a| a.replace("ORIGIN", &curl_server.origin()))
        .collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let curl = run_curl(dir.path(), &args, stdin);
    assert_eq!(curl.code, 0, "{name}: curl failed: {}", curl.stderr);

    let py_server = server(script);
    let requests: Vec<Request> = requests
        .into_iter()
        .map(|mut r| {
            r.url = retarget(&r.url, &py_server.origin());
            if let Some(p) = &mut r.transfer.proxy {
                p.url = Value::bytes(py_server.origin());
            }
            r
        })
        .collect();
    // Byte for byte: the `--exact` program copies curl's defaults.
    let py = run_python_in(
        Mode::Exact,
        dir.path(),
        &requests,
        &RetryPolicy::default(),
        stdin,
        &[("TOKEN", "s3cret")],
    );
    assert_eq!(py.code, 0, "{name}: program failed: {}", py.stderr);

    let mut rules = Rules::from_input(&format!("curl {}", shell_words::join(&args)));
    for strict in ["accept", "connection", "accept-encoding"] {
        if !rules.presence_only.contains(strict) {
            rules.compared.insert(strict.into());
        }
    }
    // curl announces keep-alive to proxies; requests does not, and it changes nothing.
    let mut want = curl_server.requests();
    for r in &mut want {
        r.headers
            .retain(|(n, _)| !n.eq_ignore_ascii_case(b"proxy-connection"));
    }
    match compare::compare(&want, &py_server.requests(), &rules) {
        Verdict::Mismatch(why) => {
            panic!("{name}: the program's requests differ from curl's:\n{why}")
        }
        Verdict::Exact | Verdict::Equivalent(_) => {}
    }
    py
}

/// Replaces `https://api.example.com` with the server's origin.
fn retarget(url: &Value, origin: &str) -> Value {
    let mut out = Value::default();
    for p in &url.0 {
        match p {
            Piece::Bytes(b) => match std::str::from_utf8(b) {
                Ok(s) => out.push_bytes(s.replace("https://api.example.com", origin).as_bytes()),
                Err(_) => out.push_bytes(b),
            },
            Piece::Env(_) | Piece::EnvEncoded { .. } | Piece::QueryFile { .. } => {
                out.0.push(p.clone())
            }
        }
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Building requests.

const API: &str = "https://api.example.com";

fn get(path: &str) -> Request {
    Request::get(format!("{API}{path}"))
}

fn with_method(mut r: Request, m: Method) -> Request {
    r.method = m;
    r
}

fn header(r: &mut Request, name: &str, value: impl Into<Vec<u8>>) {
    r.headers.push(Header {
        name: HeaderName::new(name),
        value: Value::bytes(value),
    });
}

fn text(s: &str) -> Segment {
    Segment::Text(Value::bytes(s))
}

fn file(path: &str) -> Source {
    Source::File(Value::bytes(path))
}

fn fast_policy() -> RetryPolicy {
    RetryPolicy {
        base_delay: 0.05,
        max_delay: 0.2,
        jitter: Jitter::None,
        ..RetryPolicy::default()
    }
}

#[path = "python_programs/faults.rs"]
mod faults;
#[path = "python_programs/lint.rs"]
mod lint;
#[path = "python_programs/wire.rs"]
mod wire;
