//! Tests of the test machinery itself (tests/support): the capture server against the real curl,
//! the multipart parser and comparison against curl and Python requests, URL rewriting, child
//! process timeouts, and the generated-Rust project helpers. If these fail, the wire and fault
//! suites cannot be trusted.

mod support;

use std::process::Command;
use std::time::{Duration, Instant, SystemTime};
use support::compare::{self, Rules, Verdict};
use support::fixture::rewrite_urls;
use support::process::{self, TempDir};
use support::server::{self, Action, Server};
use support::{multipart, rustbuild};

fn curl(args: &[&str], stdin: &[u8]) -> process::Outcome {
    let tmp = TempDir::new("selftest-curl");
    let mut c = Command::new("curl");
    c.args(args).current_dir(tmp.path());
    process::clean_env(&mut c, tmp.path());
    process::run(c, stdin, Duration::from_secs(10)).expect("run curl")
}

fn python(code: &str) -> process::Outcome {
    let tmp = TempDir::new("selftest-python");
    let path = tmp.path().join("p.py");
    std::fs::write(&path, code).expect("write");
    std::fs::write(tmp.path().join("note.txt"), "hello\r\nworld\n").expect("write");
    let mut c = Command::new("python3");
    c.arg(&path).current_dir(tmp.path());
    process::clean_env(&mut c, tmp.path());
    process::run(c, b"", Duration::from_secs(10)).expect("run python")
}

#[test]
fn records_method_target_headers_and_body_byte_exact() {
    let s = Server::new();
    let out = curl(
        &[
            "-s",
            "-X",
            "PATCH",
            &s.url("/a%20b/c?x=1&y=%zz"),
            "-H",
            "X-One: a",
            "-H",
            "x-one: b",
            "--data-binary",
            "raw\x01bytes",
        ],
        b"",
    );
    assert_eq!(out.code, Some(0), "{}", out.transcript());
    assert_eq!(out.stdout, server::DEFAULT_BODY);
    let r = s.requests();
    assert_eq!(r.len(), 1);
    assert_eq!(r[0].method(), "PATCH");
    assert_eq!(r[0].target, b"/a%20b/c?x=1&y=%zz");
    assert_eq!(r[0].headers_named("x-one"), vec![&b"a"[..], &b"b"[..]]);
    assert_eq!(r[0].body, b"raw\x01bytes");
}

#[test]
fn keep_alive_carries_several_requests_on_one_connection() {
    let s = Server::new();
    let out = curl(&["-s", &s.url("/1"), &s.url("/2"), &s.url("/3")], b"");
    assert_eq!(out.code, Some(0), "{}", out.transcript());
    let r = s.requests();
    assert_eq!(
        r.iter().map(|r| r.target()).collect::<Vec<_>>(),
        ["/1", "/2", "/3"]
    );
    assert!(
        r.iter().all(|x| x.connection == r[0].connection),
        "curl reuses the connection"
    );
    assert!(r.windows(2).all(|w| w[0].arrived <= w[1].arrived));
}

#[test]
fn chunked_uploads_and_expect_100_continue_are_read() {
    let s = Server::new();
    // -T - sends stdin chunked.
    let out = curl(&["-s", "-T", "-", &s.url("/up")], b"streamed body");
    assert_eq!(out.code, Some(0), "{}", out.transcript());
    // curl waits up to 1 s for 100 Continue: a fast run proves the server sent it.
    let big = vec![b'x'; 2 << 20];
    let start = Instant::now();
    let tmp = TempDir::new("selftest-expect");
    std::fs::write(tmp.path().join("big.bin"), &big).unwrap();
    let mut c = Command::new("curl");
    c.args([
        "-s",
        "-H",
        "Expect: 100-continue",
        "--data-binary",
        "@big.bin",
        &s.url("/big"),
    ])
    .current_dir(tmp.path());
    let o = process::run(c, b"", Duration::from_secs(10)).unwrap();
    assert_eq!(o.code, Some(0), "{}", o.transcript());
    assert!(
        start.elapsed() < Duration::from_millis(900),
        "100 Continue was not sent"
    );
    let r = s.requests();
    assert!(r[0].chunked);
    assert_eq!(r[0].body, b"streamed body");
    assert_eq!(r[1].body.len(), big.len());
    assert_eq!(r[1].header("expect").as_deref(), Some("100-continue"));
}

#[test]
fn script_then_default_hang_and_close() {
    let s = Server::with_default(
        vec![
            Action::status(502).header("Retry-After", "3"),
            Action::Close,
            Action::Hang,
        ],
        Action::status(418).body("teapot"),
    );
    let o = curl(&["-s", "-i", &s.url("/")], b"");
    assert!(
        o.stdout_text().starts_with("HTTP/1.1 502"),
        "{}",
        o.stdout_text()
    );
    assert!(o.stdout_text().contains("Retry-After: 3"));
    assert_eq!(
        curl(&["-s", &s.url("/")], b"").code,
        Some(52),
        "Close: empty reply"
    );
    let hung = curl(&["-s", "-m", "0.3", &s.url("/")], b"");
    assert_eq!(hung.code, Some(28), "Hang: curl times out");
    let o = curl(&["-s", "-w", "%{http_code}", &s.url("/")], b"");
    assert_eq!(o.stdout_text(), "teapot418");
    assert_eq!(s.requests().len(), 4);
    // Dropping a server that holds a hung socket is quick.
    let start = Instant::now();
    drop(s);
    assert!(start.elapsed() < Duration::from_secs(1));
}

#[test]
fn dynamic_answers_see_the_request() {
    let s = Server::scripted(vec![Action::dynamic(|r| {
        Action::status(200).body(format!("you asked for {}", r.target()))
    })]);
    assert_eq!(
        curl(&["-s", &s.url("/x?y")], b"").stdout_text(),
        "you asked for /x?y"
    );
}

#[test]
fn many_connections_at_once() {
    let s = Server::new();
    let urls: Vec<String> = (0..8).map(|i| s.url(&format!("/p{i}"))).collect();
    let handles: Vec<_> = urls
        .into_iter()
        .map(|u| std::thread::spawn(move || curl(&["-s", &u], b"").code))
        .collect();
    for h in handles {
        assert_eq!(h.join().unwrap(), Some(0));
    }
    assert_eq!(s.requests().len(), 8);
    assert_eq!(s.take_requests().len(), 8);
    assert!(
        s.take_requests().is_empty(),
        "take_requests hands out each request once"
    );
}

#[test]
fn http_date_formats_rfc_9110() {
    let t = SystemTime::UNIX_EPOCH + Duration::from_secs(784_111_777);
    assert_eq!(server::http_date(t), "Sun, 06 Nov 1994 08:49:37 GMT");
    let t = SystemTime::UNIX_EPOCH + Duration::from_secs(951_782_400); // 2000-02-29
    assert_eq!(server::http_date(t), "Tue, 29 Feb 2000 00:00:00 GMT");
}

#[test]
fn curl_and_python_requests_compare_exact_and_equivalent() {
    // The same request from curl and from a hand-written requests script.
    let s = Server::new();
    let cmd = format!("curl {} -H 'X-Id: 7' -d 'a=1&b=2'", s.url("/form?q=1"));
    let o = curl(
        &["-s", &s.url("/form?q=1"), "-H", "X-Id: 7", "-d", "a=1&b=2"],
        b"",
    );
    assert_eq!(o.code, Some(0));
    let from_curl = s.take_requests();
    let o = python(&format!(
        "import requests\nrequests.post('{}', data=b'a=1&b=2', headers={{'X-Id': '7', 'Content-Type': 'application/x-www-form-urlencoded'}})\n",
        s.url("/form?q=1")
    ));
    assert_eq!(o.code, Some(0), "{}", o.transcript());
    let from_python = s.take_requests();
    assert_eq!(
        compare::compare(&from_curl, &from_python, &Rules::from_input(&cmd)),
        Verdict::Exact
    );

    // Multipart: different boundaries, same parts → equivalent.
    let tmp = TempDir::new("selftest-form");
    std::fs::write(tmp.path().join("note.txt"), "hello\r\nworld\n").unwrap();
    let mut c = Command::new("curl");
    c.args([
        "-s",
        &s.url("/up"),
        "-F",
        "title=Hi",
        "-F",
        "doc=@note.txt;type=text/plain",
    ])
    .current_dir(tmp.path());
    assert_eq!(
        process::run(c, b"", Duration::from_secs(10)).unwrap().code,
        Some(0)
    );
    let from_curl = s.take_requests();
    python(&format!(
        "import requests\nrequests.post('{}', files={{'title': (None, 'Hi'), 'doc': ('note.txt', open('note.txt', 'rb'), 'text/plain')}})\n",
        s.url("/up")
    ));
    let from_python = s.take_requests();
    let rules = Rules::from_input("curl -F title=Hi");
    match compare::compare(&from_curl, &from_python, &rules) {
        Verdict::Equivalent(notes) => assert!(notes[0].contains("2 part(s) equal"), "{notes:?}"),
        other => panic!("expected equivalent, got {other:?}"),
    }

    // A wrong part is a readable mismatch.
    python(&format!(
        "import requests\nrequests.post('{}', files={{'title': (None, 'Ho'), 'doc': ('other.txt', b'hello', 'text/plain')}})\n",
        s.url("/up")
    ));
    let wrong = s.take_requests();
    let Verdict::Mismatch(diff) = compare::compare(&from_curl, &wrong, &rules) else {
        panic!("expected a mismatch");
    };
    assert!(
        diff.contains("part 1 (\"title\"): body: curl 2 bytes, program 2 bytes"),
        "{diff}"
    );
    assert!(
        diff.contains("part 2 (\"doc\"): filename curl \"note.txt\", program \"other.txt\""),
        "{diff}"
    );
}

#[test]
fn ignored_headers_count_only_when_the_command_sets_them() {
    let s = Server::new();
    curl(&["-s", &s.url("/"), "-A", "agent/1"], b"");
    let from_curl = s.take_requests();
    python(&format!(
        "import requests\nrequests.get('{}')\n",
        s.url("/")
    ));
    let from_python = s.take_requests();
    // Without -A, User-Agent/Accept/Connection/Accept-Encoding differences are ignored…
    assert_eq!(
        compare::compare(&from_curl, &from_python, &Rules::from_input("curl URL")),
        Verdict::Exact
    );
    // …with -A, User-Agent is compared.
    let Verdict::Mismatch(d) = compare::compare(
        &from_curl,
        &from_python,
        &Rules::from_input("curl URL -A agent/1"),
    ) else {
        panic!("user-agent must be compared");
    };
    assert!(
        d.contains("header only curl sent:        user-agent: agent/1"),
        "{d}"
    );
    let rules = Rules::from_input("curl -H 'X-Forwarded-Host: a' -H 'Accept;' URL");
    assert!(!rules.compared.contains("host") && rules.compared.contains("accept"));
}

#[test]
fn count_mismatch_lists_both_sides() {
    let s = Server::new();
    curl(&["-s", &s.url("/1"), &s.url("/2")], b"");
    let two = s.take_requests();
    let Verdict::Mismatch(d) = compare::compare(&two, &two[..1], &Rules::default()) else {
        panic!()
    };
    assert!(
        d.starts_with("curl sent 2 request(s), the program sent 1"),
        "{d}"
    );
    assert!(d.contains("  GET /2"), "{d}");
}

#[test]
fn multipart_parser_handles_empty_and_headerless_parts() {
    let body = b"preamble\r\n--XY\r\nContent-Disposition: form-data; name=\"a\"; filename=\"q\\\"t.txt\"\r\nContent-Type: text/plain\r\nX-Extra: 1\r\n\r\n\r\n--XY\r\n\r\nraw\r\n--XY\r\nContent-Disposition: form-data; name=\"c\"; filename*=utf-8''%C3%A9.txt\r\n\r\nv\r\n--XY--\r\n";
    let parts = multipart::parse(body, b"XY").unwrap();
    assert_eq!(parts.len(), 3);
    assert_eq!(parts[0].name.as_deref(), Some(&b"a"[..]));
    assert_eq!(parts[0].filename.as_deref(), Some(&b"q\"t.txt"[..]));
    assert_eq!(parts[0].data, b"");
    assert_eq!(
        parts[0].extra_headers,
        vec![("x-extra".to_string(), b"1".to_vec())]
    );
    assert_eq!(parts[1].name, None);
    assert_eq!(parts[1].data, b"raw");
    assert_eq!(parts[2].filename.as_deref(), Some("é.txt".as_bytes()));
    assert!(multipart::parse(b"--XY\r\nno end", b"XY").is_err());
    assert_eq!(
        multipart::boundary(b"multipart/form-data; boundary=\"a b\"").as_deref(),
        Some(&b"a b"[..])
    );
}

#[test]
fn rewrite_urls_keeps_everything_but_the_origin() {
    let o = "http://127.0.0.1:4000";
    let cases = [
        (
            "curl https://api.example.com/v1?q=1#f",
            "curl http://127.0.0.1:4000/v1?q=1#f",
        ),
        (
            "curl 'HTTPS://u:p%40@api.example.com:8443'",
            "curl 'http://u:p%40@127.0.0.1:4000'",
        ),
        (
            "curl -e http://x.test/a https://y/b",
            "curl -e http://127.0.0.1:4000/a http://127.0.0.1:4000/b",
        ),
        (
            "curl ^\"https://api.example.com/x^\"",
            "curl ^\"http://127.0.0.1:4000/x^\"",
        ),
        (
            "curl \"localhost:9200/i/_search?pretty\"",
            "curl \"127.0.0.1:4000/i/_search?pretty\"",
        ),
        ("curl api.example.com/plain", "curl 127.0.0.1:4000/plain"),
        (
            "curl -H 'Host: api.example.com' http://a/",
            "curl -H 'Host: api.example.com' http://127.0.0.1:4000/",
        ),
        ("curl https://$HOST/x", "curl http://127.0.0.1:4000/x"),
        ("no url here", "no url here"),
    ];
    for (input, want) in cases {
        assert_eq!(rewrite_urls(input, o), want, "input {input:?}");
    }
}

#[test]
fn child_processes_are_killed_on_timeout_with_their_children() {
    let mut c = Command::new("bash");
    c.arg("-c").arg("sleep 30 & sleep 30; echo never");
    let start = Instant::now();
    let o = process::run(c, b"", Duration::from_millis(300)).unwrap();
    assert!(o.timed_out && o.code.is_none());
    assert!(
        start.elapsed() < Duration::from_secs(3),
        "the backgrounded sleep held the pipes"
    );
    let mut c = Command::new("bash");
    c.arg("-c").arg("cat; echo err >&2; exit 3");
    let o = process::run(c, b"in", Duration::from_secs(5)).unwrap();
    assert_eq!(
        (o.code, o.stdout.as_slice(), o.stderr_text().as_str()),
        (Some(3), &b"in"[..], "err\n")
    );
}

#[test]
fn free_port_refuses_connections() {
    let port = process::free_port();
    assert!(std::net::TcpStream::connect(("127.0.0.1", port)).is_err());
}

#[test]
fn rust_programs_become_modules() {
    let code = "//! Example.\n//!\n//! [dependencies]\n//! reqwest = { version = \"0.12\", features = [\"json\"] }\n//! tokio = { version = \"1\", features = [\"full\"] }\n//!\n//! Run: cargo run\n\n#[tokio::main]\nasync fn main() {}\nfn helper() {}\n";
    let deps = rustbuild::declared_dependencies(code);
    assert_eq!(deps.len(), 2, "{deps:?}");
    assert_eq!(deps[0].0, "reqwest");
    assert!(deps[0].1.contains("\"json\""));
    let public = rustbuild::make_main_public(code);
    assert!(public.contains("#[tokio::main]\npub async fn main() {}\nfn helper"));
    let plain = "// [dependencies]\n// ureq = \"2\"\nfn main() {}\n";
    assert_eq!(
        rustbuild::declared_dependencies(plain),
        vec![("ureq".into(), "\"2\"".into())]
    );
    assert!(rustbuild::make_main_public(plain).ends_with("pub fn main() {}\n"));
}

/// A request as the capture server records it, for the comparison tests.
fn req(method: &str, target: &str, headers: &[(&str, &str)], body: &[u8]) -> server::Recorded {
    server::Recorded {
        index: 0,
        connection: 0,
        arrived: Instant::now(),
        arrived_wall: SystemTime::now(),
        method: method.as_bytes().to_vec(),
        target: target.as_bytes().to_vec(),
        version: b"HTTP/1.1".to_vec(),
        headers: headers
            .iter()
            .map(|(n, v)| (n.as_bytes().to_vec(), v.as_bytes().to_vec()))
            .collect(),
        body: body.to_vec(),
        chunked: false,
    }
}

fn semantic(curl: server::Recorded, program: server::Recorded, input: &str) -> Verdict {
    support::semantic::compare(&[curl], &[program], &Rules::from_input(input))
}

#[test]
fn semantic_equality_accepts_what_means_the_same() {
    let curl = req(
        "POST",
        "/a%5Eb/items?q=a+b&page=2",
        &[
            ("Host", "h"),
            ("User-Agent", "curl/7.88.1"),
            ("Accept", "*/*"),
            ("Content-Type", "application/json"),
            ("Authorization", "Bearer t"),
            ("Cookie", "a=1; b=2"),
        ],
        br#"{"name":"widget","qty":2,"price":1.0}"#,
    );
    let program = req(
        "POST",
        "/a^b/items?page=2&q=a%20b",
        &[
            ("host", "h"),
            ("user-agent", "python-requests/2.34"),
            ("accept-encoding", "gzip, deflate"),
            ("connection", "keep-alive"),
            ("content-type", "application/json"),
            ("authorization", "Bearer t"),
            ("cookie", "b=2; a=1"),
        ],
        br#"{"qty": 2, "name": "widget", "price": 1}"#,
    );
    let v = semantic(
        curl,
        program,
        "curl -H 'Authorization: Bearer t' -H 'Content-Type: application/json' -d …",
    );
    assert!(matches!(v, Verdict::Equivalent(_)), "{v:?}");

    let form = |body: &[u8], ct: &str| req("POST", "/", &[("Content-Type", ct)], body);
    let v = semantic(
        form(b"a=1&b=x%26y&c=a+b", "application/x-www-form-urlencoded"),
        form(b"a=1&b=x%26y&c=a%20b", "application/x-www-form-urlencoded"),
        "curl -d …",
    );
    assert!(matches!(v, Verdict::Equivalent(_)), "{v:?}");
}

#[test]
fn semantic_equality_catches_what_changes_the_meaning() {
    let base = || req("GET", "/p?a=1", &[("X-Key", "k")], b"");
    let cases: Vec<(server::Recorded, &str)> = vec![
        (req("POST", "/p?a=1", &[("X-Key", "k")], b""), "method"),
        (req("GET", "/q?a=1", &[("X-Key", "k")], b""), "path"),
        (req("GET", "/p?a=2", &[("X-Key", "k")], b""), "query"),
        (
            req("GET", "/p?a=1", &[("X-Key", "other")], b""),
            "header value",
        ),
        (req("GET", "/p?a=1", &[], b""), "missing header"),
        (
            req("GET", "/p?a=1", &[("X-Key", "k"), ("X-Extra", "1")], b""),
            "added header",
        ),
        (req("GET", "/p?a=1", &[("X-Key", "k")], b"x"), "body"),
    ];
    for (program, what) in cases {
        let v = semantic(base(), program, "curl -H 'X-Key: k' …");
        assert!(matches!(v, Verdict::Mismatch(_)), "{what}: {v:?}");
    }
    // A JSON-looking body that curl sends as a form must stay a form.
    let curl = req(
        "POST",
        "/",
        &[("Content-Type", "application/x-www-form-urlencoded")],
        br#"{"a":1}"#,
    );
    let program = req(
        "POST",
        "/",
        &[("Content-Type", "application/json")],
        br#"{"a": 1}"#,
    );
    let v = semantic(curl, program, "curl -d …");
    assert!(matches!(v, Verdict::Mismatch(_)), "{v:?}");
    // A User-Agent the command set is compared.
    let v = semantic(
        req("GET", "/", &[("User-Agent", "my-agent")], b""),
        req("GET", "/", &[("User-Agent", "python-requests/2.34")], b""),
        "curl -A my-agent …",
    );
    assert!(matches!(v, Verdict::Mismatch(_)), "{v:?}");
}
