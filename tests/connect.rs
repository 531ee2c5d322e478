//! Connection options (issue 13) run for real: each generated program (Python, JavaScript,
//! Rust; default and `--exact`) must reach the loopback server the way curl would: a fake host
//! pinned with --resolve or --connect-to keeps its name in the Host header, --unix-socket talks
//! over a real Unix socket, --request-target, --post301 and --haproxy-protocol change what the
//! server sees.
//! Real curl 7.88 runs each command too, and must see the same thing.

mod support;

use curl2code::Options;
use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::os::linux::net::SocketAddrExt;
use std::os::unix::net::{SocketAddr, UnixListener};
use std::process::Command;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use support::fixture;
use support::process::{self, TempDir};
use support::programs::{self, Generated, Lang, Runnable};
use support::rustbuild;
use support::server::{Action, Recorded, Server};

const TIMEOUT: Duration = Duration::from_secs(25);
const ALL: &[Lang] = &[
    Lang::Python,
    Lang::JavaScript,
    Lang::Rust,
    Lang::TypeScript,
    Lang::RustBlocking,
];
/// reqwest sends no other request target and cannot keep a POST on a 301.
const NOT_RUST: &[Lang] = &[Lang::Python, Lang::JavaScript, Lang::TypeScript];

/// What a server saw, in a form both kinds of server give: request line and Host header.
#[derive(Clone, Debug, PartialEq)]
struct Seen {
    /// A PROXY protocol line before the request, its ports left out (they differ per run).
    proxy: String,
    line: String,
    host: String,
    body: String,
}

/// One command; `{PORT}` and `{SOCK}` are filled in when the servers run.
struct Case {
    name: &'static str,
    command: &'static str,
    langs: &'static [Lang],
    /// What the server must see (besides being what curl made it see).
    expect: &'static [(&'static str, &'static str)],
}

fn cases() -> Vec<Case> {
    vec![
        Case {
            name: "resolve_pins_a_fake_host",
            command: "curl -s --resolve fake.test:{PORT}:127.0.0.1 http://fake.test:{PORT}/pinned",
            langs: ALL,
            expect: &[("GET /pinned HTTP/1.1", "fake.test:{PORT}")],
        },
        Case {
            name: "connect_to_moves_host_and_port",
            command: "curl -s --connect-to fake.test:80:127.0.0.1:{PORT} http://fake.test/moved",
            langs: ALL,
            expect: &[("GET /moved HTTP/1.1", "fake.test")],
        },
        Case {
            name: "ipv4_from_a_local_address",
            command: "curl -s -4 --interface 127.0.0.1 http://localhost:{PORT}/v4",
            langs: ALL,
            expect: &[("GET /v4 HTTP/1.1", "localhost:{PORT}")],
        },
        Case {
            name: "unix_socket",
            command: "curl -s --unix-socket {SOCK} http://sock.test/over-unix",
            langs: ALL,
            expect: &[("GET /over-unix HTTP/1.1", "sock.test")],
        },
        Case {
            name: "request_target_asterisk",
            command: "curl -s -X OPTIONS --request-target '*' http://127.0.0.1:{PORT}/",
            langs: NOT_RUST,
            expect: &[("OPTIONS * HTTP/1.1", "127.0.0.1:{PORT}")],
        },
        Case {
            name: "post301_keeps_the_post",
            command: "curl -s -L --post301 -d a=1 http://127.0.0.1:{PORT}/old",
            langs: NOT_RUST,
            expect: &[
                ("POST /old HTTP/1.1", "127.0.0.1:{PORT}"),
                ("POST /new HTTP/1.1", "127.0.0.1:{PORT}"),
            ],
        },
        Case {
            name: "haproxy_protocol_line",
            command: "curl -s --haproxy-protocol http://127.0.0.1:{RAW}/behind-haproxy",
            langs: NOT_RUST,
            expect: &[("GET /behind-haproxy HTTP/1.1", "127.0.0.1:{RAW}")],
        },
        Case {
            name: "abstract_unix_socket",
            command: "curl -s --abstract-unix-socket {ABS} http://sock.test/abstract",
            langs: &[Lang::Python],
            expect: &[("GET /abstract HTTP/1.1", "sock.test")],
        },
        Case {
            name: "http10_request_line",
            command: "curl -s --http1.0 http://127.0.0.1:{PORT}/v10",
            langs: &[Lang::Rust, Lang::RustBlocking],
            expect: &[("GET /v10 HTTP/1.0", "127.0.0.1:{PORT}")],
        },
    ]
}

/// A Unix-socket HTTP server: answers every request 200 and records what it saw.
fn unix_server(addr: &SocketAddr) -> Arc<Mutex<Vec<Seen>>> {
    let listener = UnixListener::bind_addr(addr).expect("bind the Unix socket");
    let seen = Arc::new(Mutex::new(Vec::new()));
    let log = Arc::clone(&seen);
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            answer(stream, &log);
        }
    });
    seen
}

/// The same on TCP, where a request may start with a PROXY protocol line.
fn tcp_server() -> (u16, Arc<Mutex<Vec<Seen>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1:0");
    let port = listener.local_addr().expect("an address").port();
    let seen = Arc::new(Mutex::new(Vec::new()));
    let log = Arc::clone(&seen);
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            answer(stream, &log);
        }
    });
    (port, seen)
}

/// Reads one request from `stream`, records it and answers 200.
fn answer<S: Read + Write>(stream: S, log: &Mutex<Vec<Seen>>) {
    let mut reader = BufReader::new(stream);
    let mut line = String::new();
    let _ = reader.read_line(&mut line);
    let mut proxy = String::new();
    if line.starts_with("PROXY ") {
        // `PROXY TCP4 src dst sport dport`: the ports change from run to run.
        let words: Vec<&str> = line.split_whitespace().take(4).collect();
        proxy = words.join(" ");
        line.clear();
        let _ = reader.read_line(&mut line);
    }
    let (mut host, mut length) = (String::new(), 0);
    loop {
        let mut h = String::new();
        if reader.read_line(&mut h).unwrap_or(0) == 0 || h.trim().is_empty() {
            break;
        }
        let (name, value) = h.split_once(':').unwrap_or((&h, ""));
        match name.to_ascii_lowercase().as_str() {
            "host" => host = value.trim().to_string(),
            "content-length" => length = value.trim().parse().unwrap_or(0),
            _ => {}
        }
    }
    let mut body = vec![0; length];
    let _ = reader.read_exact(&mut body);
    log.lock().unwrap().push(Seen {
        proxy,
        line: line.trim_end().to_string(),
        host,
        body: String::from_utf8_lossy(&body).into_owned(),
    });
    let mut stream = reader.into_inner();
    let _ =
        stream.write_all(b"HTTP/1.1 200 OK\r\nContent-Length: 3\r\nConnection: close\r\n\r\nok\n");
}

fn seen_tcp(r: &Recorded) -> Seen {
    Seen {
        proxy: String::new(),
        line: format!(
            "{} {} {}",
            r.method(),
            r.target(),
            String::from_utf8_lossy(&r.version)
        ),
        host: r.header("host").unwrap_or_default(),
        body: String::from_utf8_lossy(&r.body).into_owned(),
    }
}

#[test]
fn connection_options_reach_the_server_as_curl_does() {
    if !process::have("curl") || !process::have("node") || !process::have("python3") {
        assert!(!programs::strict(), "curl, node and python3 are needed");
        return;
    }
    let dir = TempDir::new("connect");
    let sock = dir.path().join("s.sock");
    let unix = unix_server(&SocketAddr::from_pathname(&sock).expect("a socket path"));
    // An abstract socket (Linux): a name no other run uses.
    let abs = format!("curl2code-connect-{}", std::process::id());
    let abstract_log = unix_server(&SocketAddr::from_abstract_name(&abs).expect("a name"));
    // A raw TCP server: the capture server does not read PROXY protocol lines.
    let (raw, raw_log) = tcp_server();
    // 301 from /old to /new (curl's --post301 keeps the POST), 200 for everything else.
    let server = Server::with_default(
        Vec::new(),
        Action::dynamic(|r| {
            if r.target() == "/old" {
                Action::status(301).header("Location", "/new")
            } else {
                Action::status(200).body("ok\n")
            }
        }),
    );
    let port = server.port().to_string();
    let fill = |s: &str| {
        s.replace("{PORT}", &port)
            .replace("{SOCK}", &sock.display().to_string())
            .replace("{ABS}", &abs)
            .replace("{RAW}", &raw.to_string())
    };
    let take = |case: &Case| -> Vec<Seen> {
        if case.command.contains("{SOCK}") {
            std::mem::take(&mut *unix.lock().unwrap())
        } else if case.command.contains("{RAW}") {
            std::mem::take(&mut *raw_log.lock().unwrap())
        } else if case.command.contains("{ABS}") {
            std::mem::take(&mut *abstract_log.lock().unwrap())
        } else {
            server.take_requests().iter().map(seen_tcp).collect()
        }
    };

    // Every program first: the Rust ones build once, as modules of one binary.
    let mut code: BTreeMap<(String, Lang, bool), String> = BTreeMap::new();
    let mut failures = Vec::new();
    for case in cases() {
        for &lang in case.langs {
            for exact in [false, true] {
                let options = Options {
                    exact,
                    ..Options::default()
                };
                // The flavours have no --exact mode.
                if curl2code::usage_problem(lang.target(), &options).is_some() {
                    continue;
                }
                match programs::generate(&fill(case.command), lang, &options) {
                    Generated::Code(c) => {
                        code.insert((case.name.to_string(), lang, exact), c);
                    }
                    other => failures.push(format!("{} {lang:?}: {other:?}", case.name)),
                }
            }
        }
    }
    let rust: BTreeMap<String, String> = code
        .iter()
        .filter(|((_, lang, _), _)| lang.is_rust())
        .map(|((name, lang, exact), c)| (module(name, *lang, *exact), c.clone()))
        .collect();
    let build = rustbuild::build("connect", &rust);
    assert!(build.clippy.is_empty(), "clippy: {:?}", build.clippy);

    let mut ran = 0;
    let mut scripts: BTreeMap<Lang, Vec<std::path::PathBuf>> = BTreeMap::new();
    for case in cases() {
        let curl = Command::new("bash")
            .arg("-c")
            .arg(fill(case.command))
            .output()
            .expect("curl runs");
        assert!(curl.status.success(), "{}: curl failed", case.name);
        let by_curl = take(&case);
        let wanted: Vec<(String, String)> = case
            .expect
            .iter()
            .map(|(l, h)| (fill(l), fill(h)))
            .collect();
        let got: Vec<(String, String)> = by_curl
            .iter()
            .map(|s| (s.line.clone(), s.host.clone()))
            .collect();
        assert_eq!(got, wanted, "{}: what curl sent", case.name);
        if case.command.contains("--haproxy-protocol") {
            assert_eq!(by_curl[0].proxy, "PROXY TCP4 127.0.0.1 127.0.0.1");
        }
        for ((name, lang, exact), program) in &code {
            if name != case.name {
                continue;
            }
            let m = module(name, *lang, *exact);
            let run = if lang.is_rust() {
                build.runnable(&m).unwrap_or_else(Runnable::Broken)
            } else {
                let script = programs::write_script(dir.path(), &m, *lang, program);
                if let Runnable::Script(_, path) = &script {
                    scripts.entry(*lang).or_default().push(path.clone());
                }
                script
            };
            let out = run.run(dir.path(), &[], TIMEOUT);
            ran += 1;
            let by_program = take(&case);
            let at = format!("{name} {lang:?} exact={exact}");
            if out.code != Some(0) {
                failures.push(format!("{at}: {}", out.transcript()));
            } else if by_program != by_curl {
                failures.push(format!("{at}: curl {by_curl:?}, program {by_program:?}"));
            }
        }
    }
    // The programs are lint-clean too (ruff; node --check and eslint; tsc --strict).
    for (lang, files) in &scripts {
        failures.extend(match lang {
            Lang::Python => programs::lint_python(files),
            Lang::TypeScript => programs::lint_typescript(files),
            _ => programs::lint_javascript(files),
        });
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
    // Core languages in both modes, flavours in the default one: 4 cases × 8 programs,
    // 3 × 5, abstract sockets × 2 (Python), HTTP/1.0 × 3 (Rust).
    assert_eq!(ran, 52);
}

fn module(name: &str, lang: Lang, exact: bool) -> String {
    let mode = if exact { "_exact" } else { "" };
    fixture::ident(&format!("{name}_{}{mode}", lang.name()))
}
