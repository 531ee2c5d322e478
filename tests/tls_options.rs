//! curl's TLS options against a real TLS server: a Python `ssl` server on 127.0.0.1 that speaks
//! TLS 1.2 at most, with the test certificate of tests/fixtures/files/tls/ (signed by its ca.pem).
//! Each command runs in curl 7.88 and in the generated program of every core language (default
//! output and `--exact`); both must succeed (body "tls ok", exit 0) or both fail (no body, exit
//! not 0): `--tlsv1.3` and `--tls-max 1.1` cannot reach a TLS 1.2 server, `--tlsv1.2` can. A
//! missing or broken certificate, key or CA file stops the program with one line naming it (curl
//! exits 58 or 77), in every target and flavour.
//!
//! The URL comes from `$BASE`, read by the program when it runs, so the Rust programs compile
//! once, as modules of one binary, before the server listens.

mod support;

use curl2code::{Options, Overrides};
use std::collections::BTreeMap;

use std::process::{Command, Stdio};
use std::time::Duration;
use support::fixture;
use support::process::{self, Outcome, TempDir};
use support::programs::{self, Lang, Runnable};
use support::rustbuild;

/// A program that needs longer than this is hung.
const PROGRAM_TIMEOUT: Duration = Duration::from_secs(25);

/// The server: HTTPS on the port given, TLS 1.2 at most, "tls ok" for every GET.
const SERVER: &str = r#"
import http.server, ssl, sys
class Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        self.send_response(200)
        self.send_header("Content-Length", "7")
        self.end_headers()
        self.wfile.write(b"tls ok\n")
    def log_message(self, *args):
        pass
context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
context.load_cert_chain("tls/server.pem", "tls/server.key")
context.maximum_version = ssl.TLSVersion.TLSv1_2
server = http.server.HTTPServer(("127.0.0.1", int(sys.argv[1])), Handler)
server.socket = context.wrap_socket(server.socket, server_side=True)
server.serve_forever()
"#;

/// One command, and whether it reaches the TLS 1.2 server.
struct Case {
    name: &'static str,
    command: &'static str,
    reaches: bool,
    /// Languages whose library cannot do it (refused in the options table).
    skip: &'static [Lang],
    /// A file the command names that is missing or broken: the program must stop with one
    /// error line naming it (curl's exit 58 or 77), no traceback or panic, nothing sent.
    names: Option<&'static str>,
}

fn cases() -> Vec<Case> {
    vec![
        Case {
            name: "tlsv1_2_reaches_a_tls_1_2_server",
            command: r#"curl --cacert tls/ca.pem --tlsv1.2 "$BASE/""#,
            reaches: true,
            skip: &[],
            names: None,
        },
        Case {
            name: "tlsv1_3_does_not",
            command: r#"curl --cacert tls/ca.pem --tlsv1.3 "$BASE/""#,
            reaches: false,
            skip: &[],
            names: None,
        },
        Case {
            name: "tls_max_1_1_does_not",
            command: r#"curl --cacert tls/ca.pem --tls-max 1.1 "$BASE/""#,
            reaches: false,
            skip: &[],
            names: None,
        },
        Case {
            name: "tls_max_1_2_does",
            command: r#"curl --cacert tls/ca.pem --tlsv1 --tls-max 1.2 "$BASE/""#,
            reaches: true,
            skip: &[],
            names: None,
        },
        Case {
            name: "ciphers_the_server_has",
            command: r#"curl --cacert tls/ca.pem --ciphers ECDHE-ECDSA-AES128-GCM-SHA256 "$BASE/""#,
            reaches: true,
            skip: &[Lang::Rust],
            names: None,
        },
        Case {
            name: "ciphers_the_server_lacks",
            command: r#"curl --cacert tls/ca.pem --ciphers AES256-SHA "$BASE/""#,
            reaches: false,
            skip: &[Lang::Rust],
            names: None,
        },
        Case {
            name: "capath_trusts_the_directory",
            command: r#"curl --capath tls/capath "$BASE/""#,
            reaches: true,
            skip: &[],
            names: None,
        },
        Case {
            name: "client_certificate_and_key",
            command: r#"curl --cacert tls/ca.pem --cert tls/server.pem --key tls/server.key "$BASE/""#,
            reaches: true,
            skip: &[],
            names: None,
        },
        Case {
            name: "missing_client_certificate",
            command: r#"curl --cacert tls/ca.pem --cert tls/missing.pem "$BASE/""#,
            reaches: false,
            skip: &[],
            names: Some("tls/missing.pem"),
        },
        Case {
            name: "missing_ca_file",
            command: r#"curl --cacert tls/missing-ca.pem "$BASE/""#,
            reaches: false,
            skip: &[],
            names: Some("tls/missing-ca.pem"),
        },
        Case {
            name: "broken_ca_file",
            command: r#"curl --cacert tls/broken.pem "$BASE/""#,
            reaches: false,
            skip: &[],
            names: Some("tls/broken.pem"),
        },
        Case {
            name: "broken_client_certificate",
            command: r#"curl --cacert tls/ca.pem --cert tls/broken.pem --key tls/server.key "$BASE/""#,
            reaches: false,
            skip: &[],
            names: Some("tls/broken.pem"),
        },
        Case {
            name: "broken_key",
            command: r#"curl --cacert tls/ca.pem --cert tls/server.pem --key tls/broken.pem "$BASE/""#,
            reaches: false,
            skip: &[],
            names: Some("tls/broken.pem"),
        },
        Case {
            name: "no_ca_no_trust",
            command: r#"curl --tlsv1.2 "$BASE/""#,
            reaches: false,
            skip: &[],
            names: None,
        },
    ]
}

fn options(exact: bool) -> Options {
    Options {
        exact,
        retry: Overrides {
            no_retry: true, // a handshake that fails, fails again
            ..Overrides::default()
        },
        ..Options::default()
    }
}

fn generate(case: &Case, lang: Lang, exact: bool) -> Result<String, String> {
    programs::generate(case.command, lang, &options(exact)).into_result(case.command)
}

fn module(case: &Case, exact: bool) -> String {
    let mode = if exact { "exact" } else { "default" };
    fixture::ident(&format!("{}_{mode}", case.name))
}

/// The TLS server, stopped when dropped.
fn start_tls_server(cwd: &std::path::Path, port: u16) -> process::ServerProcess {
    let child = Command::new("python3")
        .args(["-c", SERVER, &port.to_string()])
        .current_dir(cwd)
        .stdout(Stdio::null())
        .spawn()
        .expect("start the TLS server");
    process::ServerProcess::listening(child, &[port], "the TLS server")
}

/// Runs `runnable` (or curl) in `cwd` with `$BASE` set to the server.
fn run(runnable: &Runnable, cwd: &std::path::Path, base: &str) -> Outcome {
    runnable.run(
        cwd,
        &[("BASE".to_string(), base.to_string())],
        PROGRAM_TIMEOUT,
    )
}

fn curl(command: &str, cwd: &std::path::Path, base: &str) -> Outcome {
    let mut cmd = Command::new("bash");
    cmd.args([
        "-c",
        &format!("{} -sS", command.replacen("curl ", "curl -q ", 1)),
    ]);
    cmd.current_dir(cwd).env("BASE", base);
    process::clean_env(&mut cmd, cwd);
    process::run(cmd, b"", PROGRAM_TIMEOUT).expect("run curl")
}

/// "reached" (exit 0 and the body) or "failed" (no body, exit not 0), else what happened.
fn verdict(out: &Outcome) -> &'static str {
    match (out.code, out.stdout_text().as_str()) {
        (Some(0), "tls ok\n") => "reached",
        (Some(c), "") if c != 0 => "failed",
        _ => "something else",
    }
}

#[test]
fn tls_versions_ciphers_and_capath_against_a_tls_1_2_server() {
    if !process::tools_or_skip(
        process::have("python3") && process::have("node"),
        "python3 and node",
    ) {
        return;
    }
    let cases = cases();
    let sources: BTreeMap<String, String> = cases
        .iter()
        .filter(|c| !c.skip.contains(&Lang::Rust))
        .flat_map(|c| [false, true].map(|exact| (c, exact)))
        .filter_map(|(c, exact)| Some((module(c, exact), generate(c, Lang::Rust, exact).ok()?)))
        .collect();
    let build = rustbuild::build("tls_options", &sources);

    let dir = TempDir::new("tls");
    process::copy_tree(&fixture::files_dir(), dir.path()).expect("copy the fixture files");
    std::fs::write(dir.path().join("tls/broken.pem"), "not a certificate\n").expect("write");
    let port = process::free_port();
    let _server = start_tls_server(dir.path(), port);
    let base = format!("https://127.0.0.1:{port}");
    let have_curl = process::have("curl");

    let mut problems = Vec::new();
    let mut checked = 0;
    for case in &cases {
        let want = if case.reaches { "reached" } else { "failed" };
        if have_curl {
            let got = curl(case.command, dir.path(), &base);
            if verdict(&got) != want {
                problems.push(format!(
                    "{}: curl {}, not {want}:\n{}",
                    case.name,
                    verdict(&got),
                    got.transcript()
                ));
            }
        }
        for lang in Lang::ALL {
            if case.skip.contains(&lang) {
                continue;
            }
            for exact in [false, true] {
                let runnable = if lang == Lang::Rust {
                    let m = module(case, exact);
                    build.runnable(&m).unwrap_or_else(|e| panic!("{e}"))
                } else {
                    let code = generate(case, lang, exact).unwrap_or_else(|e| panic!("{e}"));
                    programs::write_script(dir.path(), &module(case, exact), lang, &code)
                };
                let out = run(&runnable, dir.path(), &base);
                checked += 1;
                if let Some(why) = case.names.and_then(|file| named_once(&out, file)) {
                    let m = format!(
                        "{} in {} (exact: {exact}): {why}:\n{}",
                        case.name,
                        lang.name(),
                        out.transcript()
                    );
                    problems.push(m);
                }
                if verdict(&out) != want {
                    problems.push(format!(
                        "{} in {} (exact: {exact}): {}, curl {want}:\n{}",
                        case.name,
                        lang.name(),
                        verdict(&out),
                        out.transcript()
                    ));
                }
            }
        }
    }
    // The flavours load TLS files their own ways (httpx: an SSLContext; axios: an https.Agent).
    for case in cases.iter().filter(|c| c.names.is_some() || c.reaches) {
        for lang in FLAVOURS {
            let code = generate(case, lang, false).unwrap_or_else(|e| panic!("{e}"));
            let runnable = programs::write_script(dir.path(), &module(case, false), lang, &code);
            let out = run(&runnable, dir.path(), &base);
            checked += 1;
            let want = if case.reaches { "reached" } else { "failed" };
            let named = case.names.and_then(|file| named_once(&out, file));
            if verdict(&out) != want || named.is_some() {
                problems.push(format!(
                    "{} in {}: {}, curl {want}; {}:\n{}",
                    case.name,
                    lang.name(),
                    verdict(&out),
                    named.unwrap_or_default(),
                    out.transcript()
                ));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n\n"));
    assert!(checked >= 100, "{checked} runs");
}

/// The flavours run too: their TLS code differs from their core language's.
const FLAVOURS: [Lang; 4] = [
    Lang::PythonHttpx,
    Lang::PythonAsync,
    Lang::JavaScriptAxios,
    Lang::TypeScript,
];

/// What is wrong with how a program reported a missing or broken `file`, if anything: it must
/// print one line that names the file, with no traceback or panic.
fn named_once(out: &Outcome, file: &str) -> Option<String> {
    let stderr = out.stderr_text();
    let lines: Vec<&str> = stderr.lines().filter(|l| !l.trim().is_empty()).collect();
    if !stderr.contains(file) {
        Some(format!("the error does not name {file}"))
    } else if stderr.contains("Traceback") || stderr.contains("panicked") {
        Some("a traceback or panic instead of one line".into())
    } else if lines.len() != 1 {
        Some(format!("{} lines on stderr, not 1", lines.len()))
    } else {
        None
    }
}
