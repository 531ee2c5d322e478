//! curl's proxy options against a loopback test proxy (tests/proxy_options/server.py): a plain
//! http proxy, the same over TLS (the committed test certificate of tests/fixtures/files/tls/) and
//! one that wants Digest credentials `u:p`; behind them a plain-http and a https origin. The
//! proxies answer absolute-form requests themselves and tunnel CONNECT to the origins; every
//! request head anyone sees is logged.
//!
//! Each command runs in curl 7.88 and in the generated program of every core language (default
//! output and `--exact`); what the proxy and the origin saw must be the same: the request line
//! (method and target: absolute-form, origin-form or CONNECT authority), Proxy-Authorization
//! (Basic as sent, Digest as valid or not and the `uri` it signs), and the command's own headers
//! (`X-H` by -H, `X-P` by --proxy-header); and so must the body printed and the exit status.
//!
//! The ports are picked before the programs are written, so the Rust programs compile once, as
//! modules of one binary, with the proxy's address in them, as a user's program would have it.

mod support;

use curl2code::{Options, Overrides};
use std::collections::BTreeMap;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;
use support::fixture;
use support::process::{self, Outcome, TempDir};
use support::programs::{self, Lang, Runnable};
use support::rustbuild;

/// A program that needs longer than this is hung.
const PROGRAM_TIMEOUT: Duration = Duration::from_secs(25);

/// The proxy and origin servers.
const SERVER: &str = include_str!("proxy_options/server.py");

/// One command (`{PROXY}`, `{TLS_PROXY}`, `{DIGEST_PROXY}`, `{HTTP}`, `{HTTPS}` stand for the
/// servers' ports) and the targets that refuse it (their library cannot do it).
struct Case {
    name: &'static str,
    command: &'static str,
    /// (language, exact) pairs left out: refused, with the reason in the options table.
    skip: &'static [(Lang, bool)],
}

/// reqwest's and httpx's limits (refused with a warning, see the options table): no CONNECT for
/// plain-http URLs, no Digest authentication for a proxy.
const RUST: &[(Lang, bool)] = &[
    (Lang::Rust, false),
    (Lang::Rust, true),
    (Lang::PythonHttpx, false),
    (Lang::PythonAsync, false),
];

fn cases() -> Vec<Case> {
    vec![
        Case {
            name: "http_url_goes_in_absolute_form",
            command: "curl -x http://127.0.0.1:{PROXY} -U a:b -H 'X-H: 1' 'http://127.0.0.1:{HTTP}/a?b=1'",
            skip: &[],
        },
        Case {
            name: "https_url_is_tunnelled",
            command: "curl -x 127.0.0.1:{PROXY} -U a:b -H 'X-H: 1' --cacert tls/ca.pem https://127.0.0.1:{HTTPS}/s",
            skip: &[],
        },
        Case {
            name: "proxy_header_follows_the_h_headers",
            command: "curl -x http://127.0.0.1:{PROXY} -H 'X-H: 1' --proxy-header 'X-P: 2' http://127.0.0.1:{HTTP}/ph",
            skip: &[],
        },
        Case {
            name: "proxy_header_goes_on_connect_alone",
            command: "curl -x 127.0.0.1:{PROXY} -H 'X-H: 1' --proxy-header 'X-P: 2' --cacert tls/ca.pem https://127.0.0.1:{HTTPS}/ph",
            skip: &[],
        },
        Case {
            name: "proxytunnel_connects_for_plain_http",
            command: "curl -p -x http://127.0.0.1:{PROXY} -U a:b -H 'X-H: 1' --proxy-header 'X-P: 2' 'http://127.0.0.1:{HTTP}/tun?x=1'",
            skip: RUST,
        },
        Case {
            name: "https_proxy_unverified_fails",
            command: "curl -x https://127.0.0.1:{TLS_PROXY} http://127.0.0.1:{HTTP}/n",
            skip: &[],
        },
        Case {
            name: "proxy_cacert_verifies_the_proxy",
            command: "curl -x https://127.0.0.1:{TLS_PROXY} --proxy-cacert tls/ca.pem -U a:b http://127.0.0.1:{HTTP}/c",
            skip: &[],
        },
        Case {
            name: "proxy_cacert_then_the_server_tunnelled",
            command: "curl -x https://127.0.0.1:{TLS_PROXY} --proxy-cacert tls/ca.pem --cacert tls/ca.pem https://127.0.0.1:{HTTPS}/c",
            skip: &[],
        },
        Case {
            name: "proxy_insecure_skips_the_check",
            command: "curl -x https://127.0.0.1:{TLS_PROXY} --proxy-insecure http://127.0.0.1:{HTTP}/i",
            skip: &[],
        },
        Case {
            name: "proxy_digest_absolute_form",
            command: "curl -x http://127.0.0.1:{DIGEST_PROXY} -U u:p --proxy-digest 'http://127.0.0.1:{HTTP}/d?q=1'",
            skip: RUST,
        },
        Case {
            name: "proxy_digest_on_connect",
            command: "curl -x http://127.0.0.1:{DIGEST_PROXY} -U u:p --proxy-digest --cacert tls/ca.pem https://127.0.0.1:{HTTPS}/d",
            skip: RUST,
        },
        Case {
            name: "proxy_anyauth_answers_the_digest_challenge",
            command: "curl -x http://127.0.0.1:{DIGEST_PROXY} -U u:p --proxy-anyauth 'http://127.0.0.1:{HTTP}/a?q=1'",
            skip: RUST,
        },
        Case {
            name: "proxy_anyauth_tunnel",
            command: "curl -x http://127.0.0.1:{DIGEST_PROXY} -U u:p --proxy-anyauth --cacert tls/ca.pem https://127.0.0.1:{HTTPS}/a",
            skip: RUST,
        },
        Case {
            name: "proxy_anyauth_sends_nothing_unasked",
            command: "curl -x http://127.0.0.1:{PROXY} -U u:p --proxy-anyauth http://127.0.0.1:{HTTP}/n",
            skip: RUST,
        },
    ]
}

/// The ports of one run, by placeholder.
struct Ports(Vec<(&'static str, u16)>);

impl Ports {
    fn pick() -> Ports {
        let names = [
            "{PROXY}",
            "{TLS_PROXY}",
            "{DIGEST_PROXY}",
            "{HTTP}",
            "{HTTPS}",
        ];
        let mut ports: Vec<(&'static str, u16)> = Vec::new();
        for name in names {
            // free_port releases the port at once: pick again on a repeat.
            let mut p = process::free_port();
            while ports.iter().any(|(_, q)| *q == p) {
                p = process::free_port();
            }
            ports.push((name, p));
        }
        Ports(ports)
    }

    fn fill(&self, command: &str) -> String {
        self.0.iter().fold(command.to_string(), |c, (name, port)| {
            c.replace(name, &port.to_string())
        })
    }
}

fn options(exact: bool) -> Options {
    Options {
        exact,
        retry: Overrides {
            no_retry: true, // one attempt, so the logs of curl and the program line up
            ..Overrides::default()
        },
        ..Options::default()
    }
}

fn generate(command: &str, lang: Lang, exact: bool) -> Result<String, String> {
    programs::generate(command, lang, &options(exact)).into_result(command)
}

fn module(case: &Case, exact: bool) -> String {
    let mode = if exact { "exact" } else { "default" };
    fixture::ident(&format!("{}_{mode}", case.name))
}

/// The proxy and origin servers, stopped when dropped.
fn start_servers(cwd: &Path, log: &Path, ports: &Ports) -> process::ServerProcess {
    let mut args = vec![
        "-c".to_string(),
        SERVER.to_string(),
        log.display().to_string(),
    ];
    args.extend(ports.0.iter().map(|(_, p)| p.to_string()));
    let child = Command::new("python3")
        .args(&args)
        .current_dir(cwd)
        .stdout(Stdio::null())
        .spawn()
        .expect("start the proxy servers");
    let ports: Vec<u16> = ports.0.iter().map(|(_, p)| *p).collect();
    process::ServerProcess::listening(child, &ports, "the proxy servers")
}

fn curl(command: &str, cwd: &Path) -> Outcome {
    let mut cmd = Command::new("bash");
    cmd.args([
        "-c",
        &format!("{} -sS", command.replacen("curl ", "curl -q ", 1)),
    ]);
    cmd.current_dir(cwd);
    process::clean_env(&mut cmd, cwd);
    process::run(cmd, b"", PROGRAM_TIMEOUT).expect("run curl")
}

/// What the servers saw, one line per request head, in the terms the test compares.
fn seen(log: &Path) -> Vec<String> {
    let text = std::fs::read_to_string(log).unwrap_or_default();
    text.lines()
        .map(|line| {
            let v: serde_json::Value = serde_json::from_str(line).expect("a JSON log line");
            let request = v["line"].as_str().unwrap_or_default();
            // The HTTP version is the library's (Python 3.11 sends CONNECT as HTTP/1.0).
            let request = request.rsplit_once(' ').map_or(request, |(r, _)| r);
            let headers = v["headers"].as_array().cloned().unwrap_or_default();
            // The order of header fields is not compared: libraries put their own first.
            let mut kept: Vec<String> = headers
                .iter()
                .filter_map(|h| {
                    let name = h[0].as_str().unwrap_or_default().to_ascii_lowercase();
                    let value = h[1].as_str().unwrap_or_default();
                    match name.as_str() {
                        "x-h" | "x-p" => Some(format!(" [{name}: {value}]")),
                        "proxy-authorization" => Some(format!(" [{}]", proxy_auth(value))),
                        _ => None,
                    }
                })
                .collect();
            kept.sort();
            format!(
                "{}: {request}{}",
                v["who"].as_str().unwrap_or_default(),
                kept.concat()
            )
        })
        .collect()
}

/// Basic credentials as sent; Digest ones by the user and `uri` they name (the nonce, cnonce and
/// so the response differ from run to run; the proxy checked the response).
fn proxy_auth(value: &str) -> String {
    let Some(params) = value.strip_prefix("Digest ") else {
        return format!("proxy-authorization: {value}");
    };
    let param = |key: &str| {
        params
            .split(',')
            .filter_map(|p| p.trim().split_once('='))
            .find(|(k, _)| k.eq_ignore_ascii_case(key))
            .map(|(_, v)| v.trim_matches('"').to_string())
            .unwrap_or_default()
    };
    format!(
        "proxy-authorization: Digest username={} uri={}",
        param("username"),
        param("uri")
    )
}

/// The body printed and whether the command succeeded.
fn result(out: &Outcome) -> String {
    format!(
        "exit {:?}, stdout {:?}",
        out.code == Some(0),
        out.stdout_text()
    )
}

#[test]
fn proxy_options_send_what_curl_sends() {
    if !process::tools_or_skip(
        process::have("python3") && process::have("node") && process::have("curl"),
        "python3, node and curl",
    ) {
        return;
    }
    let cases = cases();
    let ports = Ports::pick();
    let runs = |lang: Lang| {
        cases
            .iter()
            .flat_map(|c| [false, true].map(|exact| (c, exact)))
            .filter(move |(c, exact)| !c.skip.contains(&(lang, *exact)))
    };
    let sources: BTreeMap<String, String> = runs(Lang::Rust)
        .map(|(c, exact)| {
            let code = generate(&ports.fill(c.command), Lang::Rust, exact)
                .unwrap_or_else(|e| panic!("{e}"));
            (module(c, exact), code)
        })
        .collect();
    let build = rustbuild::build("proxy_options", &sources);

    let dir = TempDir::new("proxy");
    process::copy_tree(&fixture::files_dir(), dir.path()).expect("copy the fixture files");
    let log = dir.path().join("seen.jsonl");
    let _servers = start_servers(dir.path(), &log, &ports);

    let mut problems = Vec::new();
    let mut checked = 0;
    let mut scripts: BTreeMap<Lang, Vec<std::path::PathBuf>> = BTreeMap::new();
    let httpx = programs::httpx_or_skip();
    for case in &cases {
        let command = ports.fill(case.command);
        let _ = std::fs::remove_file(&log);
        let want = curl(&command, dir.path());
        let want_seen = seen(&log);
        // Every case but the unverified proxy reaches a server through the proxy.
        let fails = case.name.ends_with("_fails");
        assert!(
            want_seen.is_empty() == fails && (want.code == Some(0)) != fails,
            "{}: curl did not do what the case says:\n{}",
            case.name,
            want.transcript()
        );
        // The flavours whose library can (no --exact mode of their own): TypeScript (the fetch
        // program's nodeFetch with types), python-httpx and python-async (httpx.Proxy).
        let flavours = [Lang::TypeScript, Lang::PythonHttpx, Lang::PythonAsync];
        let langs = [Lang::Python, Lang::JavaScript, Lang::Rust];
        for lang in langs
            .into_iter()
            .chain(flavours.into_iter().filter(|_| httpx))
        {
            for exact in [false, true] {
                if case.skip.contains(&(lang, exact)) || (flavours.contains(&lang) && exact) {
                    continue;
                }
                let runnable = if lang == Lang::Rust {
                    let m = module(case, exact);
                    build.runnable(&m).unwrap_or_else(|e| panic!("{e}"))
                } else {
                    let code = generate(&command, lang, exact).unwrap_or_else(|e| panic!("{e}"));
                    let name = format!("{}_{}", module(case, exact), lang.name().replace('-', "_"));
                    let script = programs::write_script(dir.path(), &name, lang, &code);
                    if let Runnable::Script(_, path) = &script {
                        scripts.entry(lang).or_default().push(path.clone());
                    }
                    script
                };
                let _ = std::fs::remove_file(&log);
                let got = runnable.run(dir.path(), &[], PROGRAM_TIMEOUT);
                let got_seen = seen(&log);
                checked += 1;
                if got_seen != want_seen || result(&got) != result(&want) {
                    problems.push(format!(
                        "{} in {} (exact: {exact}):\n  curl:    {}\n           {:?}\n  program: {}\n           {:?}\n{}",
                        case.name,
                        lang.name(),
                        result(&want),
                        want_seen,
                        result(&got),
                        got_seen,
                        got.transcript()
                    ));
                }
            }
        }
    }
    // The programs are lint-clean too (ruff; node --check and eslint; tsc --strict; clippy).
    for (lang, files) in &scripts {
        problems.extend(match lang {
            l if l.is_python() => programs::lint_python(files),
            Lang::TypeScript => programs::lint_typescript(files),
            _ => programs::lint_javascript(files),
        });
    }
    if !build.clippy.is_empty() {
        problems.push(format!("clippy: {:?}", build.clippy));
    }
    assert!(problems.is_empty(), "{}", problems.join("\n\n"));
    // 14 cases in Python, JavaScript (both modes) and TypeScript; 8 in Rust (both modes) and
    // in each httpx flavour.
    let flavoured = if httpx { 8 * 2 } else { 0 };
    assert_eq!(checked, 14 * 5 + 8 * 2 + flavoured, "{checked} runs");
}
