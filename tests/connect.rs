//! Connection options (issue 13) run for real: each generated program (Python, JavaScript,
//! Rust; default and `--exact`) must reach the loopback server the way curl would: a fake host
//! pinned with --resolve or --connect-to keeps its name in the Host header, --unix-socket talks
//! over a real Unix socket, --request-target and --post301 change what the server sees.
//! Real curl 7.88 runs each command too, and must see the same thing.

mod support;

use curl2code::Options;
use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::os::unix::net::UnixListener;
use std::process::Command;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use support::fixture;
use support::process::{self, TempDir};
use support::programs::{self, Generated, Lang, Runnable};
use support::rustbuild;
use support::server::{Action, Recorded, Server};

const TIMEOUT: Duration = Duration::from_secs(25);
const ALL: &[Lang] = &[Lang::Python, Lang::JavaScript, Lang::Rust];
/// reqwest sends no other request target and cannot keep a POST on a 301.
const NOT_RUST: &[Lang] = &[Lang::Python, Lang::JavaScript];

/// What a server saw, in a form both kinds of server give: request line and Host header.
#[derive(Clone, Debug, PartialEq)]
struct Seen {
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
            name: "http10_request_line",
            command: "curl -s --http1.0 http://127.0.0.1:{PORT}/v10",
            langs: &[Lang::Rust],
            expect: &[("GET /v10 HTTP/1.0", "127.0.0.1:{PORT}")],
        },
    ]
}

/// A Unix-socket HTTP server: answers every request 200 and records what it saw.
fn unix_server(path: &std::path::Path) -> Arc<Mutex<Vec<Seen>>> {
    let listener = UnixListener::bind(path).expect("bind the Unix socket");
    let seen = Arc::new(Mutex::new(Vec::new()));
    let log = Arc::clone(&seen);
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let mut reader = BufReader::new(stream);
            let mut line = String::new();
            let _ = reader.read_line(&mut line);
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
                line: line.trim_end().to_string(),
                host,
                body: String::from_utf8_lossy(&body).into_owned(),
            });
            let mut stream = reader.into_inner();
            let _ = stream.write_all(
                b"HTTP/1.1 200 OK\r\nContent-Length: 3\r\nConnection: close\r\n\r\nok\n",
            );
        }
    });
    seen
}

fn seen_tcp(r: &Recorded) -> Seen {
    Seen {
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
    let unix = unix_server(&sock);
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
    };
    let take = |case: &Case| -> Vec<Seen> {
        if case.command.contains("{SOCK}") {
            std::mem::take(&mut *unix.lock().unwrap())
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
        .filter(|((_, lang, _), _)| *lang == Lang::Rust)
        .map(|((name, _, exact), c)| (module(name, *exact), c.clone()))
        .collect();
    let build = rustbuild::build("connect", &rust);
    assert!(build.clippy.is_empty(), "clippy: {:?}", build.clippy);

    let mut ran = 0;
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
        for ((name, lang, exact), program) in &code {
            if name != case.name {
                continue;
            }
            let run = if *lang == Lang::Rust {
                match (&build.bin, build.broken.get(&module(name, *exact))) {
                    (_, Some(e)) => Runnable::Broken(e.clone()),
                    (Some(bin), None) => Runnable::RustModule(bin.clone(), module(name, *exact)),
                    (None, None) => Runnable::Broken(build.fatal.clone().unwrap_or_default()),
                }
            } else {
                programs::write_script(dir.path(), &module(name, *exact), *lang, program)
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
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
    // 4 cases in 3 languages, 2 in 2 and 1 in 1, each in both modes.
    assert_eq!(ran, 34);
}

fn module(name: &str, exact: bool) -> String {
    fixture::ident(&format!("{name}{}", if exact { "_exact" } else { "" }))
}
