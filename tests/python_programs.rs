//! Runs generated python programs against a loopback server: what they send is compared with what
//! curl sends for the same command, and the retry helper is checked against scripted failures.
//!
//! Needs python3 with requests, and curl; without them the tests say so and pass.

use curl2code::codegen::{Program, python};
use curl2code::ir::*;
use curl2code::policy::{Jitter, NonIdempotentRetry, RetryPolicy};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

// ---------------------------------------------------------------------------------------------
// A loopback HTTP/1.1 server that records requests and answers from a script.

/// One scripted answer.
#[derive(Clone)]
struct Reply {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
    /// Wait this long before answering (to trigger read timeouts).
    delay: Duration,
}

fn reply(status: u16) -> Reply {
    Reply {
        status,
        headers: Vec::new(),
        body: format!("body {status}\n").into_bytes(),
        delay: Duration::ZERO,
    }
}

/// One request as it arrived.
#[derive(Clone, Debug)]
struct Captured {
    line: String,
    headers: Vec<(String, Vec<u8>)>,
    body: Vec<u8>,
}

impl Captured {
    fn header(&self, name: &str) -> Option<String> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| String::from_utf8_lossy(v).into_owned())
    }
}

struct Server {
    port: u16,
    log: Arc<Mutex<Vec<Captured>>>,
    stop: Arc<AtomicBool>,
}

impl Server {
    fn start(script: Vec<Reply>) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind loopback");
        listener.set_nonblocking(true).expect("nonblocking");
        let port = listener.local_addr().expect("addr").port();
        let log = Arc::new(Mutex::new(Vec::new()));
        let stop = Arc::new(AtomicBool::new(false));
        let count = Arc::new(AtomicUsize::new(0));
        let script = Arc::new(script);
        let (log2, stop2) = (log.clone(), stop.clone());
        thread::spawn(move || {
            let deadline = Instant::now() + Duration::from_secs(120);
            while !stop2.load(Ordering::SeqCst) && Instant::now() < deadline {
                match listener.accept() {
                    Ok((stream, _)) => {
                        let (log, script, count) = (log2.clone(), script.clone(), count.clone());
                        thread::spawn(move || serve(stream, &log, &script, &count));
                    }
                    Err(_) => thread::sleep(Duration::from_millis(5)),
                }
            }
        });
        Server { port, log, stop }
    }

    fn origin(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    fn requests(&self) -> Vec<Captured> {
        self.log.lock().map(|l| l.clone()).unwrap_or_default()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
    }
}

fn serve(stream: TcpStream, log: &Mutex<Vec<Captured>>, script: &[Reply], count: &AtomicUsize) {
    let _ = stream.set_read_timeout(Some(Duration::from_secs(10)));
    let mut writer = match stream.try_clone() {
        Ok(w) => w,
        Err(_) => return,
    };
    let mut reader = BufReader::new(stream);
    for _ in 0..100 {
        let mut line = String::new();
        if reader.read_line(&mut line).unwrap_or(0) == 0 {
            return;
        }
        let mut headers = Vec::new();
        loop {
            let mut raw = Vec::new();
            if reader.read_until(b'\n', &mut raw).unwrap_or(0) == 0 {
                return;
            }
            let raw = raw.strip_suffix(b"\r\n").unwrap_or(&raw).to_vec();
            if raw.is_empty() {
                break;
            }
            let colon = raw.iter().position(|&c| c == b':').unwrap_or(raw.len());
            let name = String::from_utf8_lossy(&raw[..colon]).into_owned();
            let value = raw
                .get(colon + 1..)
                .unwrap_or_default()
                .trim_ascii()
                .to_vec();
            headers.push((name, value));
        }
        let get = |n: &str| {
            headers
                .iter()
                .find(|(k, _): &&(String, Vec<u8>)| k.eq_ignore_ascii_case(n))
                .map(|(_, v)| String::from_utf8_lossy(v).to_ascii_lowercase())
        };
        if get("expect").as_deref() == Some("100-continue") {
            let _ = writer.write_all(b"HTTP/1.1 100 Continue\r\n\r\n");
        }
        let mut body = Vec::new();
        if get("transfer-encoding").as_deref() == Some("chunked") {
            loop {
                let mut size = String::new();
                if reader.read_line(&mut size).unwrap_or(0) == 0 {
                    return;
                }
                let n = usize::from_str_radix(size.trim().split(';').next().unwrap_or("0"), 16)
                    .unwrap_or(0);
                let mut chunk = vec![0; n + 2];
                if reader.read_exact(&mut chunk).is_err() {
                    return;
                }
                body.extend_from_slice(&chunk[..n]);
                if n == 0 {
                    break;
                }
            }
        } else if let Some(n) = get("content-length").and_then(|v| v.parse::<usize>().ok()) {
            body = vec![0; n];
            if reader.read_exact(&mut body).is_err() {
                return;
            }
        }
        let n = count.fetch_add(1, Ordering::SeqCst);
        if let Ok(mut l) = log.lock() {
            l.push(Captured {
                line: line.trim_end().to_string(),
                headers,
                body,
            });
        }
        let r = &script[n.min(script.len() - 1)];
        thread::sleep(r.delay);
        let mut head = format!(
            "HTTP/1.1 {} X\r\nContent-Length: {}\r\n",
            r.status,
            r.body.len()
        );
        for (k, v) in &r.headers {
            head.push_str(&format!("{k}: {v}\r\n"));
        }
        head.push_str("\r\n");
        if writer.write_all(head.as_bytes()).is_err() || writer.write_all(&r.body).is_err() {
            return;
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Running programs.

fn tools_present() -> bool {
    let ok = |cmd: &str, args: &[&str]| {
        Command::new(cmd)
            .args(args)
            .output()
            .map(|o| o.status.success())
            .unwrap_or(false)
    };
    let present = ok(
        "python3",
        &[
            "-c",
            "import requests, urllib3; assert urllib3.__version__ >= '2'",
        ],
    ) && ok("curl", &["--version"]);
    if !present {
        eprintln!("python3 with requests and urllib3 2, or curl, is missing: skipping");
    }
    present
}

/// A temporary directory, removed when dropped.
struct Dir(PathBuf);

impl std::ops::Deref for Dir {
    type Target = Path;
    fn deref(&self) -> &Path {
        &self.0
    }
}

impl Drop for Dir {
    fn drop(&mut self) {
        if !thread::panicking() {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }
}

/// A fresh directory with the fixture files the commands refer to (kept when a test fails).
fn workdir(name: &str) -> Dir {
    let dir = std::env::temp_dir().join(format!("c2c-py-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    let files: [(&str, &[u8]); 5] = [
        ("f.txt", b"hello\nworld\r\n"),
        ("s.txt", b"a b+c\n~*"),
        ("p.png", b"\x89PNG\x00\xff binary"),
        ("body.json", b"{\"name\": \"J\xc3\xb3 \\\"q\\\"\"}\n"),
        ("jar.txt", b"127.0.0.1\tFALSE\t/\tFALSE\t0\tsid\tabc\n#HttpOnly_127.0.0.1\tFALSE\t/\tFALSE\t0\thid\txyz\n"),
    ];
    for (name, data) in files {
        std::fs::write(dir.join(name), data).expect("fixture file");
    }
    Dir(dir)
}

struct Run {
    code: i32,
    stdout: Vec<u8>,
    stderr: String,
}

/// Runs `cmd` in `dir` with a time limit, feeding `stdin`.
fn run(mut cmd: Command, dir: &Path, stdin: &[u8], env: &[(&str, &str)]) -> Run {
    // No proxy from the environment: the tests choose proxies explicitly.
    for var in ["http_proxy", "https_proxy", "all_proxy", "no_proxy"] {
        cmd.env_remove(var).env_remove(var.to_ascii_uppercase());
    }
    cmd.current_dir(dir).envs(env.iter().copied());
    cmd.stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = cmd.spawn().expect("spawn");
    if let Some(mut input) = child.stdin.take() {
        let _ = input.write_all(stdin);
    }
    let (mut out, mut err) = (
        child.stdout.take().expect("stdout"),
        child.stderr.take().expect("stderr"),
    );
    let out_thread = thread::spawn(move || {
        let mut b = Vec::new();
        let _ = out.read_to_end(&mut b);
        b
    });
    let err_thread = thread::spawn(move || {
        let mut b = Vec::new();
        let _ = err.read_to_end(&mut b);
        b
    });
    let deadline = Instant::now() + Duration::from_secs(60);
    let status = loop {
        if let Ok(Some(s)) = child.try_wait() {
            break s;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("child timed out");
        }
        thread::sleep(Duration::from_millis(10));
    };
    Run {
        code: status.code().unwrap_or(-1),
        stdout: out_thread.join().unwrap_or_default(),
        stderr: String::from_utf8_lossy(&err_thread.join().unwrap_or_default()).into_owned(),
    }
}

fn render(requests: &[Request], policy: &RetryPolicy) -> String {
    let mut warnings = Vec::new();
    python::render(
        &Program {
            requests,
            retry_policy: policy,
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
    let code = render(requests, policy);
    let path = dir.join("request.py");
    std::fs::write(&path, &code).expect("write program");
    let mut cmd = Command::new("python3");
    cmd.arg(&path);
    run(cmd, dir, stdin, env)
}

fn run_curl(dir: &Path, args: &[&str], stdin: &[u8]) -> Run {
    let mut cmd = Command::new("curl");
    cmd.args(["-s", "-S"]).args(args);
    run(cmd, dir, stdin, &[])
}

// ---------------------------------------------------------------------------------------------
// Comparing requests.

/// Request line, sorted headers, body parts.
type Normalized = (String, Vec<(String, Vec<u8>)>, Vec<Vec<u8>>);

/// A request reduced to what must match: line, headers as a sorted multiset, body (multipart
/// bodies as their parts, since boundaries are random).
fn normalize(c: &Captured, ignore: &[&str]) -> Normalized {
    let boundary = c.header("content-type").and_then(|ct| {
        ct.split("boundary=")
            .nth(1)
            .map(|b| b.trim_matches('"').to_string())
    });
    let mut ignore: Vec<String> = ignore.iter().map(|s| s.to_ascii_lowercase()).collect();
    ignore.extend(["user-agent".into(), "expect".into()]);
    if boundary.is_some() {
        ignore.push("content-length".into());
    }
    let mut headers: Vec<(String, Vec<u8>)> = c
        .headers
        .iter()
        .map(|(k, v)| (k.to_ascii_lowercase(), v.clone()))
        .filter(|(k, _)| !ignore.contains(k))
        .map(|(k, v)| {
            if k == "content-type" && boundary.is_some() {
                (k, b"multipart/form-data".to_vec())
            } else if k == "cookie" {
                // Cookie order is not part of the contract (RFC 6265 §5.4 leaves it loose).
                let mut pairs: Vec<&[u8]> = split(&v, b"; ");
                pairs.sort();
                (k, pairs.join(&b"; "[..]))
            } else if k == "host" {
                // The two servers listen on different ports.
                (k, b"127.0.0.1:PORT".to_vec())
            } else {
                (k, v)
            }
        })
        .collect();
    headers.sort();
    let body = match boundary {
        Some(b) => {
            let sep = format!("--{b}");
            let text = c.body.clone();
            split(&text, sep.as_bytes())
                .into_iter()
                .filter(|p| !p.is_empty() && *p != b"--\r\n")
                .map(|p| p.to_vec())
                .collect()
        }
        None => vec![c.body.clone()],
    };
    (c.line.clone(), headers, body)
}

fn split<'a>(s: &'a [u8], sep: &[u8]) -> Vec<&'a [u8]> {
    let mut out = Vec::new();
    let mut rest = s;
    while let Some(i) = rest.windows(sep.len()).position(|w| w == sep) {
        out.push(&rest[..i]);
        rest = &rest[i + sep.len()..];
    }
    out.push(rest);
    out
}

fn show(c: &Captured) -> String {
    let mut s = format!("{}\n", c.line);
    for (k, v) in &c.headers {
        s.push_str(&format!("{k}: {}\n", String::from_utf8_lossy(v)));
    }
    s.push_str(&format!("{:?}\n", String::from_utf8_lossy(&c.body)));
    s
}

/// Runs curl with `args` and the program for `requests` against servers answering `script`, and
/// asserts that they sent the same requests.
fn same_as_curl(
    name: &str,
    requests: Vec<Request>,
    args: &[&str],
    stdin: &[u8],
    ignore: &[&str],
) -> Run {
    same_as_curl_with(name, vec![reply(200)], requests, args, stdin, ignore)
}

/// [`same_as_curl`] with both servers answering `script`.
fn same_as_curl_with(
    name: &str,
    script: Vec<Reply>,
    requests: Vec<Request>,
    args: &[&str],
    stdin: &[u8],
    ignore: &[&str],
) -> Run {
    let dir = workdir(name);
    let curl_server = Server::start(script.clone());
    let args: Vec<String> = args
        .iter()
        .map(|a| a.replace("ORIGIN", &curl_server.origin()))
        .collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let curl = run_curl(&dir, &args, stdin);
    assert_eq!(curl.code, 0, "{name}: curl failed: {}", curl.stderr);

    let py_server = Server::start(script);
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
    let py = run_python(
        &dir,
        &requests,
        &RetryPolicy::default(),
        stdin,
        &[("TOKEN", "s3cret")],
    );
    assert_eq!(py.code, 0, "{name}: program failed: {}", py.stderr);

    let (want, got) = (curl_server.requests(), py_server.requests());
    assert_eq!(want.len(), got.len(), "{name}: request count");
    for (w, g) in want.iter().zip(&got) {
        let (wn, gn) = (normalize(w, ignore), normalize(g, ignore));
        assert!(
            wn == gn,
            "{name}: requests differ\ncurl:\n{}\npython:\n{}",
            show(w),
            show(g)
        );
    }
    py
}

/// Replaces `https://api.example.com` with the server's origin.
fn retarget(url: &Value, origin: &str) -> Value {
    let mut out = Value::default();
    for p in &url.0 {
        match p {
            Piece::Bytes(b) => {
                let s = String::from_utf8_lossy(b).replace("https://api.example.com", origin);
                let mut bytes = s.into_bytes();
                if !String::from_utf8_lossy(b).contains("https://api.example.com") {
                    bytes = b.clone();
                }
                out.push_bytes(&bytes);
            }
            Piece::Env(n) => out.0.push(Piece::Env(n.clone())),
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

// ---------------------------------------------------------------------------------------------
// Wire fidelity: the program sends what curl sends.

#[test]
fn get_with_odd_url_bytes() {
    if !tools_present() {
        return;
    }
    let path = "/a%2fb/x{}|y/%7e'[]?q=%e2%82%ac&b=|&c=%zz";
    same_as_curl(
        "odd-url",
        vec![get(path)],
        &["-g", &format!("ORIGIN{path}")],
        b"",
        &[],
    );
}

#[test]
fn post_form_and_json_with_env_token() {
    if !tools_present() {
        return;
    }
    let mut form = with_method(get("/form"), Method::Post);
    header(
        &mut form,
        "Content-Type",
        "application/x-www-form-urlencoded",
    );
    form.body = Some(Body::Data(vec![text("a=1&b=two words&c=%41")]));

    let mut json = with_method(get("/json"), Method::Post);
    header(&mut json, "Content-Type", "application/json");
    header(&mut json, "Accept", "application/json");
    json.headers.push(Header {
        name: HeaderName::new("Authorization"),
        value: Value(vec![
            Piece::Bytes(b"Bearer ".to_vec()),
            Piece::Env("TOKEN".into()),
        ]),
    });
    json.body = Some(Body::Data(vec![text(r#"{"name": "José", "q": "\"x\""}"#)]));
    same_as_curl(
        "form-json",
        vec![form, json],
        &[
            "ORIGIN/form",
            "-d",
            "a=1&b=two words&c=%41",
            "--next",
            "ORIGIN/json",
            "--json",
            r#"{"name": "José", "q": "\"x\""}"#,
            "-H",
            "Authorization: Bearer s3cret",
        ],
        b"",
        &[],
    );
}

#[test]
fn data_from_files_and_stdin() {
    if !tools_present() {
        return;
    }
    let mut r = with_method(get("/data"), Method::Post);
    header(&mut r, "Content-Type", "application/x-www-form-urlencoded");
    r.body = Some(Body::Data(vec![
        Segment::Read {
            source: file("f.txt"),
            transform: Transform::StripNewlines,
        },
        text("&"),
        Segment::Read {
            source: file("s.txt"),
            transform: Transform::UrlEncode,
        },
        text("&n="),
        Segment::Read {
            source: file("f.txt"),
            transform: Transform::UrlEncode,
        },
        text("&"),
        Segment::Read {
            source: file("p.png"),
            transform: Transform::Raw,
        },
        text("&"),
        Segment::Read {
            source: Source::Stdin,
            transform: Transform::Raw,
        },
    ]));
    same_as_curl(
        "data-files",
        vec![r],
        &[
            "ORIGIN/data",
            "-d",
            "@f.txt",
            "--data-urlencode",
            "@s.txt",
            "--data-urlencode",
            "n@f.txt",
            "--data-binary",
            "@p.png",
            "--data-binary",
            "@-",
        ],
        b"from stdin\n",
        &[],
    );
}

#[test]
fn multipart_text_file_and_contents() {
    if !tools_present() {
        return;
    }
    let part = |name: &str, content: PartContent, filename: Option<&str>, ct: Option<&str>| Part {
        name: Value::bytes(name),
        content,
        filename: filename.map(Value::bytes),
        content_type: ct.map(Value::bytes),
        headers: Vec::new(),
    };
    let mut headed = part("h", PartContent::Text(Value::bytes("v")), None, None);
    headed.headers.push(Header {
        name: HeaderName::new("X-P"),
        value: Value::bytes("1"),
    });
    let mut r = with_method(get("/upload"), Method::Post);
    r.body = Some(Body::Multipart(vec![
        part("a", PartContent::Text(Value::bytes("b")), None, None),
        part(
            "file",
            PartContent::File(file("p.png")),
            Some("p.png"),
            Some("image/png"),
        ),
        part("txt", PartContent::FileContents(file("f.txt")), None, None),
        part("q\"x", PartContent::Text(Value::bytes("y")), None, None),
        part(
            "n",
            PartContent::File(file("f.txt")),
            Some("o\"t.txt"),
            Some("text/x"),
        ),
        headed,
        part("é", PartContent::Text(Value::bytes("ü")), None, None),
    ]));
    same_as_curl(
        "multipart",
        vec![r],
        &[
            "ORIGIN/upload",
            "-F",
            "a=b",
            "-F",
            "file=@p.png",
            "-F",
            "txt=<f.txt",
            "-F",
            "q\"x=y",
            "-F",
            "n=@f.txt;type=text/x;filename=o\"t.txt",
            "-F",
            "h=v;headers=\"X-P: 1\"",
            "-F",
            "é=ü",
        ],
        b"",
        &[],
    );
}

#[test]
fn upload_file_and_stdin() {
    if !tools_present() {
        return;
    }
    let mut up = with_method(get("/put/p.png"), Method::Put);
    up.body = Some(Body::Upload(file("p.png")));
    let mut stdin = with_method(get("/put/stdin"), Method::Put);
    stdin.body = Some(Body::Upload(Source::Stdin));
    same_as_curl(
        "upload",
        vec![up, stdin],
        &[
            "-T",
            "p.png",
            "ORIGIN/put/p.png",
            "--next",
            "-T",
            "-",
            "ORIGIN/put/stdin",
        ],
        b"streamed \x00 bytes",
        &[],
    );
}

#[test]
fn custom_method_headers_and_basic_auth() {
    if !tools_present() {
        return;
    }
    let mut r = with_method(get("/purge"), Method::Custom("purge".into()));
    header(&mut r, "X-A", "1");
    header(&mut r, "X-A", "2");
    header(&mut r, "X-Empty", "");
    header(&mut r, "X-Bin", b"caf\xc3\xa9 \xff".to_vec());
    r.removed_headers.push(HeaderName::new("Accept"));
    r.auth = Some(Auth::Basic {
        user: Value::bytes("user"),
        password: Value::bytes("pässword:x"),
    });
    let mut no_ua = get("/no-ua");
    no_ua.removed_headers.push(HeaderName::new("User-Agent"));
    same_as_curl(
        "custom",
        vec![r, no_ua],
        &[
            "-X",
            "purge",
            "ORIGIN/purge",
            "-H",
            "X-A: 1",
            "-H",
            "X-A: 2",
            "-H",
            "X-Empty;",
            "-H",
            "X-Bin: caf\u{e9} \u{fffd}",
            "-H",
            "Accept:",
            "-u",
            "user:pässword:x",
            "--next",
            "ORIGIN/no-ua",
            "-H",
            "User-Agent:",
        ],
        b"",
        // requests sends Content-Length: 0 without a body; the harness ignores it too.
        &["x-bin", "content-length"],
    );
}

#[test]
fn cookie_file_and_jar() {
    if !tools_present() {
        return;
    }
    let mut r = get("/cookies");
    r.transfer.cookie_files.push(Value::bytes("jar.txt"));
    r.transfer.cookie_jar = Some(Value::bytes("out.txt"));
    same_as_curl(
        "cookies",
        vec![r],
        &["ORIGIN/cookies", "-b", "jar.txt", "-c", "curl-out.txt"],
        b"",
        &[],
    );
}

#[test]
fn compressed_output_file_and_head() {
    if !tools_present() {
        return;
    }
    let mut r = get("/gz");
    r.transfer.compressed = true;
    r.transfer.output = Output::File(Value::bytes("out.bin"));
    let head = with_method(get("/head"), Method::Head);
    let dir_run = same_as_curl(
        "compressed",
        vec![r, head],
        &[
            "--compressed",
            "ORIGIN/gz",
            "-o",
            "curl.bin",
            "--next",
            "-I",
            "ORIGIN/head",
        ],
        b"",
        &["accept-encoding"],
    );
    assert!(dir_run.stdout.is_empty(), "HEAD and -o print nothing");
    let dir = workdir("compressed-out");
    let server = Server::start(vec![reply(200)]);
    let mut r = get("/gz");
    r.url = retarget(&r.url, &server.origin());
    r.transfer.output = Output::File(Value::bytes("out.bin"));
    let run = run_python(&dir, &[r], &RetryPolicy::default(), b"", &[]);
    assert_eq!(run.code, 0);
    assert_eq!(
        std::fs::read(dir.join("out.bin")).unwrap_or_default(),
        b"body 200\n"
    );
}

#[test]
fn proxy_with_credentials_and_noproxy() {
    if !tools_present() {
        return;
    }
    // The capture server plays the proxy: requests arrive in absolute form.
    let mut r = Request::get("http://api.example.org/via-proxy?q=1");
    r.transfer.proxy = Some(Proxy {
        url: Value::bytes("PROXY"),
        user: Some(Value::bytes("bob")),
        password: Some(Value::bytes("p@ss:w")),
    });
    same_as_curl(
        "proxy",
        vec![r],
        &[
            "-x",
            "ORIGIN",
            "-U",
            "bob:p@ss:w",
            "http://api.example.org/via-proxy?q=1",
        ],
        b"",
        // curl adds Proxy-Connection; requests does not.
        &["proxy-connection"],
    );

    // --noproxy naming the host: curl and the program go straight to the server.
    let mut direct = get("/direct");
    direct.transfer.proxy = Some(Proxy {
        url: Value::bytes("http://127.0.0.1:9"),
        user: None,
        password: None,
    });
    direct.transfer.noproxy = Some(Value::bytes("example.com,127.0.0.1"));
    let mut bare = get("/no-proxy-flag-alone");
    bare.transfer.noproxy = Some(Value::bytes("*"));
    same_as_curl(
        "noproxy",
        vec![direct, bare],
        &[
            "-x",
            "http://127.0.0.1:9",
            "--noproxy",
            "example.com,127.0.0.1",
            "ORIGIN/direct",
            "--next",
            "--noproxy",
            "*",
            "ORIGIN/no-proxy-flag-alone",
        ],
        b"",
        &[],
    );
}

#[test]
fn redirects_followed_with_location_only() {
    if !tools_present() {
        return;
    }
    let moved = |status: u16, to: &str| Reply {
        headers: vec![("Location".into(), to.into())],
        ..reply(status)
    };
    let script = vec![
        moved(302, "/after-302"),
        reply(200),
        moved(307, "/after-307"),
        reply(200),
        moved(302, "/not-followed"),
    ];
    let mut post = with_method(get("/form"), Method::Post);
    header(
        &mut post,
        "Content-Type",
        "application/x-www-form-urlencoded",
    );
    post.body = Some(Body::Data(vec![text("a=1")]));
    post.transfer.follow_redirects = true;
    let mut put = with_method(get("/put"), Method::Put);
    put.body = Some(Body::Data(vec![text("b=2")]));
    put.transfer.follow_redirects = true;
    put.transfer.max_redirects = Some(3);
    let not_followed = get("/stay");
    let run = same_as_curl_with(
        "redirects",
        script,
        vec![post, put, not_followed],
        &[
            "-L",
            "-d",
            "a=1",
            "ORIGIN/form",
            "--next",
            "-L",
            "--max-redirs",
            "3",
            "-X",
            "PUT",
            "-d",
            "b=2",
            "-H",
            "Content-Type:",
            "ORIGIN/put",
            "--next",
            "ORIGIN/stay",
        ],
        b"",
        &[],
    );
    assert_eq!(run.stdout, b"body 200\nbody 200\nbody 302\n");
}

// ---------------------------------------------------------------------------------------------
// The retry helper against scripted failures.

fn fault(
    name: &str,
    script: Vec<Reply>,
    request: Request,
    policy: &RetryPolicy,
) -> (Run, Vec<Captured>) {
    let dir = workdir(name);
    let server = Server::start(script);
    let mut request = request;
    request.url = retarget(&request.url, &server.origin());
    let run = run_python(&dir, &[request], policy, b"", &[]);
    (run, server.requests())
}

fn retry_lines(run: &Run) -> Vec<&str> {
    run.stderr
        .lines()
        .filter(|l| l.starts_with("retry "))
        .collect()
}

#[test]
fn gateway_errors_are_retried_then_the_body_printed() {
    if !tools_present() {
        return;
    }
    let (run, reqs) = fault(
        "502-502-200",
        vec![reply(502), reply(502), reply(200)],
        get("/x?secret=1"),
        &fast_policy(),
    );
    assert_eq!(reqs.len(), 3);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stdout, b"body 200\n");
    let lines = retry_lines(&run);
    assert_eq!(lines.len(), 2, "{}", run.stderr);
    assert!(
        lines[0].starts_with("retry 1/4: GET http://127.0.0.1:"),
        "{}",
        lines[0]
    );
    assert!(
        lines[0].ends_with("/x -> HTTP 502; waiting 0.05s"),
        "{}",
        lines[0]
    );
    assert!(
        lines[1].ends_with("/x -> HTTP 502; waiting 0.10s"),
        "{}",
        lines[1]
    );
    assert!(!run.stderr.contains("secret"));
}

#[test]
fn a_404_is_final() {
    if !tools_present() {
        return;
    }
    let (run, reqs) = fault("404", vec![reply(404)], get("/missing"), &fast_policy());
    assert_eq!(reqs.len(), 1);
    assert_eq!(run.code, 1);
    assert_eq!(run.stdout, b"body 404\n", "curl prints error bodies too");
    assert!(
        run.stderr
            .trim_end()
            .ends_with("/missing failed after 1 attempt(s): HTTP 404"),
        "{}",
        run.stderr
    );

    let mut failing = get("/missing");
    failing.transfer.fail = true;
    let (run, _) = fault("404-f", vec![reply(404)], failing, &fast_policy());
    assert_eq!(
        (run.code, run.stdout.len()),
        (22, 0),
        "-f: exit 22, no body"
    );
}

#[test]
fn retries_exhausted_print_the_last_body_and_fail() {
    if !tools_present() {
        return;
    }
    let (run, reqs) = fault("503x4", vec![reply(503)], get("/busy"), &fast_policy());
    assert_eq!(reqs.len(), 4);
    assert_eq!(run.code, 1);
    assert_eq!(retry_lines(&run).len(), 3);
    assert!(
        run.stderr
            .contains("/busy failed after 4 attempt(s): HTTP 503"),
        "{}",
        run.stderr
    );
}

#[test]
fn post_is_not_retried_on_status_unless_allowed() {
    if !tools_present() {
        return;
    }
    let mut post = with_method(get("/charge"), Method::Post);
    post.body = Some(Body::Data(vec![text("amount=1")]));
    let (run, reqs) = fault(
        "post-503",
        vec![reply(503), reply(200)],
        post.clone(),
        &fast_policy(),
    );
    assert_eq!((reqs.len(), run.code), (1, 1), "{}", run.stderr);

    let mut keyed = post.clone();
    header(&mut keyed, "Idempotency-Key", "k1");
    let (run, reqs) = fault(
        "post-503-key",
        vec![reply(503), reply(200)],
        keyed,
        &fast_policy(),
    );
    assert_eq!((reqs.len(), run.code), (2, 0), "{}", run.stderr);

    let generated = RetryPolicy {
        idempotency_key: true,
        ..fast_policy()
    };
    let (run, reqs) = fault(
        "post-503-genkey",
        vec![reply(503), reply(200)],
        post.clone(),
        &generated,
    );
    assert_eq!((reqs.len(), run.code), (2, 0), "{}", run.stderr);
    let keys: Vec<String> = reqs
        .iter()
        .filter_map(|r| r.header("Idempotency-Key"))
        .collect();
    assert_eq!(keys.len(), 2);
    assert_eq!(keys[0], keys[1], "one key for every attempt of a call");
    assert_eq!(keys[0].len(), 36);

    let curl_retry = RetryPolicy {
        non_idempotent: NonIdempotentRetry::CurlRetryFlag,
        ..fast_policy()
    };
    let (run, reqs) = fault(
        "post-503-retry",
        vec![reply(503), reply(200)],
        post,
        &curl_retry,
    );
    assert_eq!((reqs.len(), run.code), (2, 0), "{}", run.stderr);
}

#[test]
fn connection_refused_is_retried_even_for_post() {
    if !tools_present() {
        return;
    }
    // A port that was just free: nothing listens there.
    let port = TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .unwrap_or(9);
    let dir = workdir("refused");
    let mut post = with_method(
        Request::get(format!("http://127.0.0.1:{port}/x?token=1")),
        Method::Post,
    );
    post.body = Some(Body::Data(vec![text("a=1")]));
    let run = run_python(&dir, &[post], &fast_policy(), b"", &[]);
    assert_eq!(run.code, 1);
    let lines = retry_lines(&run);
    assert_eq!(lines.len(), 3, "{}", run.stderr);
    assert!(
        lines[0].contains("-> connection refused; waiting 0.05s"),
        "{}",
        lines[0]
    );
    assert!(
        run.stderr
            .contains("failed after 4 attempt(s): connection refused"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("token"));
}

#[test]
fn read_timeouts_retry_get_but_not_post() {
    if !tools_present() {
        return;
    }
    let slow = Reply {
        delay: Duration::from_millis(1500),
        ..reply(200)
    };
    let policy = RetryPolicy {
        attempt_timeout: 0.4,
        max_retries: 1,
        ..fast_policy()
    };
    let (run, reqs) = fault(
        "timeout-get",
        vec![slow.clone(), reply(200)],
        get("/slow"),
        &policy,
    );
    assert_eq!((reqs.len(), run.code), (2, 0), "{}", run.stderr);
    assert!(
        retry_lines(&run)[0].contains("-> timed out;"),
        "{}",
        run.stderr
    );

    let post = with_method(get("/slow"), Method::Post);
    let (run, reqs) = fault("timeout-post", vec![slow, reply(200)], post, &policy);
    assert_eq!((reqs.len(), run.code), (1, 1), "{}", run.stderr);
    assert!(
        run.stderr.contains("failed after 1 attempt(s): timed out"),
        "{}",
        run.stderr
    );
}

#[test]
fn retry_after_is_honoured_and_checked_against_the_deadline() {
    if !tools_present() {
        return;
    }
    let mut busy = reply(429);
    busy.headers.push(("Retry-After".into(), "1".into()));
    let (run, reqs) = fault(
        "retry-after",
        vec![busy, reply(200)],
        get("/limited"),
        &fast_policy(),
    );
    assert_eq!((reqs.len(), run.code), (2, 0), "{}", run.stderr);
    let lines = retry_lines(&run);
    assert!(
        lines[0].ends_with("-> HTTP 429; waiting 1.00s (Retry-After)"),
        "{}",
        lines[0]
    );

    let mut far = reply(503);
    far.headers.push(("Retry-After".into(), "120".into()));
    let (run, reqs) = fault(
        "retry-after-far",
        vec![far],
        get("/limited"),
        &fast_policy(),
    );
    assert_eq!((reqs.len(), run.code), (1, 1), "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "failed after 1 attempt(s): HTTP 503; Retry-After 120s would pass the deadline"
        ),
        "{}",
        run.stderr
    );

    let mut dated = reply(503);
    dated
        .headers
        .push(("Retry-After".into(), "Wed, 21 Oct 2015 07:28:00 GMT".into()));
    let (run, reqs) = fault(
        "retry-after-date",
        vec![dated, reply(200)],
        get("/limited"),
        &fast_policy(),
    );
    assert_eq!(
        (reqs.len(), run.code),
        (2, 0),
        "a date in the past means now: {}",
        run.stderr
    );
    assert!(
        retry_lines(&run)[0].ends_with("waiting 0.00s (Retry-After)"),
        "{}",
        run.stderr
    );
}

#[test]
fn the_deadline_stops_backoff() {
    if !tools_present() {
        return;
    }
    let policy = RetryPolicy {
        base_delay: 0.3,
        max_delay: 5.0,
        deadline: 0.5,
        ..fast_policy()
    };
    let (run, reqs) = fault("deadline", vec![reply(502)], get("/x"), &policy);
    assert_eq!(reqs.len(), 2, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("failed after 2 attempt(s): HTTP 502; deadline of 0.5s reached"),
        "{}",
        run.stderr
    );
}

#[test]
fn fixed_delay_full_jitter_and_no_retry() {
    if !tools_present() {
        return;
    }
    let fixed = RetryPolicy {
        fixed_delay: Some(0.07),
        ..fast_policy()
    };
    let (run, _) = fault("fixed", vec![reply(500), reply(200)], get("/x"), &fixed);
    assert!(
        retry_lines(&run)[0].ends_with("waiting 0.07s"),
        "{}",
        run.stderr
    );

    let jitter = RetryPolicy {
        jitter: Jitter::Full,
        ..fast_policy()
    };
    let (run, reqs) = fault(
        "jitter",
        vec![reply(500), reply(500), reply(200)],
        get("/x"),
        &jitter,
    );
    assert_eq!((reqs.len(), run.code), (3, 0), "{}", run.stderr);

    let off = RetryPolicy {
        enabled: false,
        max_retries: 0,
        ..fast_policy()
    };
    let (run, reqs) = fault("no-retry", vec![reply(502), reply(200)], get("/x"), &off);
    assert_eq!((reqs.len(), run.code), (1, 1), "{}", run.stderr);
    assert!(
        run.stderr.contains("failed after 1 attempt(s): HTTP 502"),
        "{}",
        run.stderr
    );
}

#[test]
fn files_are_read_again_for_each_attempt() {
    if !tools_present() {
        return;
    }
    let mut r = with_method(get("/up"), Method::Put);
    r.body = Some(Body::Upload(file("p.png")));
    let (run, reqs) = fault("reread", vec![reply(503), reply(200)], r, &fast_policy());
    assert_eq!((reqs.len(), run.code), (2, 0), "{}", run.stderr);
    assert_eq!(reqs[0].body, reqs[1].body);
    assert_eq!(reqs[1].body, b"\x89PNG\x00\xff binary");
}

#[test]
fn fallback_origins_take_over_after_gateway_errors() {
    if !tools_present() {
        return;
    }
    let backup = Server::start(vec![reply(200)]);
    let policy = RetryPolicy {
        fallback_urls: vec![backup.origin()],
        ..fast_policy()
    };
    let (run, reqs) = fault("fallback", vec![reply(502)], get("/path?q=1"), &policy);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(reqs.len(), 1);
    let moved = backup.requests();
    assert_eq!(moved.len(), 1);
    assert_eq!(moved[0].line, "GET /path?q=1 HTTP/1.1");
}

#[test]
fn the_circuit_breaker_opens_after_five_failed_calls() {
    if !tools_present() {
        return;
    }
    let dir = workdir("breaker");
    let server = Server::start(vec![reply(500)]);
    let policy = RetryPolicy {
        circuit_breaker: true,
        max_retries: 0,
        ..fast_policy()
    };
    let mut r = get("/x");
    r.url = retarget(&r.url, &server.origin());
    std::fs::write(dir.join("request.py"), render(&[r], &policy)).expect("write");
    // Import the program and call its helper in a loop, as a user reusing it would.
    let driver = "import request, requests\n\
                  s = requests.Session()\n\
                  p = s.prepare_request(requests.Request('GET', URL))\n\
                  for _ in range(7):\n\
                  \x20   request.send(s, p)\n";
    let driver = driver.replace("URL", &format!("'{}/x'", server.origin()));
    std::fs::write(dir.join("driver.py"), driver).expect("write");
    let mut cmd = Command::new("python3");
    cmd.arg("driver.py");
    let run = run(cmd, &dir, b"", &[]);
    assert_eq!(server.requests().len(), 5, "{}", run.stderr);
    assert_eq!(
        run.stderr.matches("circuit open").count(),
        2,
        "{}",
        run.stderr
    );
}

// ---------------------------------------------------------------------------------------------
// Lint: every program above compiles and is ruff-clean.

#[test]
fn generated_programs_pass_py_compile_and_ruff() {
    if !tools_present() {
        return;
    }
    let dir = workdir("lint");
    let mut programs: Vec<(Vec<Request>, RetryPolicy)> = Vec::new();
    let mut everything = with_method(get("/x"), Method::Custom("purge".into()));
    header(&mut everything, "X-A", "1");
    header(&mut everything, "x-a", "2");
    everything
        .removed_headers
        .push(HeaderName::new("User-Agent"));
    everything.body = Some(Body::Data(vec![
        Segment::Read {
            source: file("f.txt"),
            transform: Transform::UrlEncode,
        },
        Segment::Read {
            source: Source::Stdin,
            transform: Transform::StripNewlines,
        },
    ]));
    everything.auth = Some(Auth::Digest {
        user: Value::env("USER"),
        password: Value::bytes("p"),
    });
    everything.transfer = Transfer {
        follow_redirects: true,
        insecure: true,
        cert: Some(Value::bytes("c.pem")),
        key: Some(Value::bytes("k.pem")),
        proxy: Some(Proxy {
            url: Value::bytes("http://proxy:3128"),
            user: Some(Value::env("PROXY_USER")),
            password: Some(Value::bytes("p@ss")),
        }),
        compressed: true,
        output: Output::RemoteName,
        fail: true,
        cookie_files: vec![Value::bytes("jar.txt")],
        cookie_jar: Some(Value::bytes("out.txt")),
        ..Transfer::default()
    };
    let mut ntlm = get("/ntlm");
    ntlm.auth = Some(Auth::Ntlm {
        user: Value::bytes("u"),
        password: Value::bytes("p"),
    });
    let all_on = RetryPolicy {
        circuit_breaker: true,
        idempotency_key: true,
        fallback_urls: vec!["https://backup.example.com/".into()],
        jitter: Jitter::Full,
        ..RetryPolicy::default()
    };
    programs.push((vec![get("/plain")], RetryPolicy::default()));
    programs.push((vec![everything.clone(), ntlm.clone()], all_on));
    programs.push((
        vec![everything.clone()],
        RetryPolicy {
            fixed_delay: Some(2.0),
            retry_all_errors: true,
            ..RetryPolicy::default()
        },
    ));
    programs.push((
        vec![everything, ntlm],
        RetryPolicy {
            enabled: false,
            max_retries: 0,
            ..RetryPolicy::default()
        },
    ));
    programs.push((
        vec![],
        RetryPolicy {
            non_idempotent: NonIdempotentRetry::Requested,
            ..RetryPolicy::default()
        },
    ));
    let mut paths = Vec::new();
    for (i, (requests, policy)) in programs.iter().enumerate() {
        let path = dir.join(format!("p{i}.py"));
        std::fs::write(&path, render(requests, policy)).expect("write");
        // The shebang asks for an executable file (ruff EXE001).
        let _ = Command::new("chmod").arg("+x").arg(&path).status();
        paths.push(path);
    }
    let mut cmd = Command::new("python3");
    cmd.args(["-m", "py_compile"]).args(&paths);
    let compiled = run(cmd, &dir, b"", &[]);
    assert_eq!(compiled.code, 0, "{}", compiled.stderr);
    let ruff = Command::new("python3")
        .args(["-m", "ruff", "--version"])
        .output();
    if !ruff.map(|o| o.status.success()).unwrap_or(false) {
        eprintln!("ruff is not installed (pip install ruff): lint skipped");
        return;
    }
    let mut cmd = Command::new("python3");
    cmd.args(["-m", "ruff", "check", "--no-cache", "--isolated"])
        .args(&paths);
    let linted = run(cmd, &dir, b"", &[]);
    assert_eq!(
        linted.code,
        0,
        "{}{}",
        String::from_utf8_lossy(&linted.stdout),
        linted.stderr
    );
}
