//! A loopback HTTP/1.1 capture server: records every raw request and answers from a script.
//!
//! std only: one thread accepts, one thread per connection. Every read has a short timeout so
//! threads notice when the server is dropped, and dropping joins them all: nothing outlives a test.

use std::collections::VecDeque;
use std::io::{ErrorKind, Read, Write};
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant, SystemTime};

/// How often blocked reads wake up to check whether the server is stopping.
const TICK: Duration = Duration::from_millis(20);
/// A connection with no bytes for this long is closed (bounds threads of forgotten clients).
const IDLE_LIMIT: Duration = Duration::from_secs(120);
/// Request heads larger than this are refused with 431.
const MAX_HEAD: usize = 1 << 20;
/// Bodies larger than this are refused with 413 (fixtures upload small files).
const MAX_BODY: usize = 64 << 20;

/// One request exactly as it arrived.
#[derive(Clone, Debug)]
pub struct Recorded {
    /// 0-based position among all requests this server received.
    pub index: usize,
    /// Which connection carried it (0-based, in accept order).
    pub connection: usize,
    /// When its first byte arrived.
    pub arrived: Instant,
    /// The wall-clock time of arrival (for HTTP-date arithmetic).
    pub arrived_wall: SystemTime,
    /// The method token.
    pub method: Vec<u8>,
    /// The request target, byte-exact (`/path?query`, or absolute-form through a proxy).
    pub target: Vec<u8>,
    /// `HTTP/1.1`.
    pub version: Vec<u8>,
    /// Header lines in order: raw name and value bytes (value without surrounding whitespace).
    pub headers: Vec<(Vec<u8>, Vec<u8>)>,
    /// The body after removing any chunked framing.
    pub body: Vec<u8>,
    /// True when the body came chunked.
    pub chunked: bool,
}

impl Recorded {
    /// The method as text.
    pub fn method(&self) -> String {
        String::from_utf8_lossy(&self.method).into_owned()
    }

    /// The target as text.
    pub fn target(&self) -> String {
        String::from_utf8_lossy(&self.target).into_owned()
    }

    /// Values of every header called `name` (case-insensitive), in order.
    pub fn headers_named(&self, name: &str) -> Vec<&[u8]> {
        self.headers
            .iter()
            .filter(|(n, _)| n.eq_ignore_ascii_case(name.as_bytes()))
            .map(|(_, v)| v.as_slice())
            .collect()
    }

    /// The first header called `name`, as text.
    pub fn header(&self, name: &str) -> Option<String> {
        self.headers_named(name)
            .first()
            .map(|v| String::from_utf8_lossy(v).into_owned())
    }

    /// `METHOD target` for messages.
    pub fn summary(&self) -> String {
        format!("{} {}", self.method(), self.target().escape_debug())
    }
}

/// A function that picks the answer when the request arrives (e.g. an HTTP-date computed then).
pub type Responder = Arc<dyn Fn(&Recorded) -> Action + Send + Sync>;

/// What the server does with one request.
#[derive(Clone)]
pub enum Action {
    /// Answer with this status, these headers (Content-Length is added unless given) and body.
    Respond {
        /// Status code.
        status: u16,
        /// Header lines, in order.
        headers: Vec<(String, String)>,
        /// Body (not sent for HEAD, 1xx, 204, 304).
        body: Vec<u8>,
    },
    /// Read the request, never answer, hold the socket open until the server is dropped.
    Hang,
    /// Drop the connection without answering.
    Close,
    /// Answer 200 with `Content-Length: declared` but send only `body`, then close: a connection
    /// lost halfway through the response body.
    Truncated {
        /// The Content-Length announced.
        declared: usize,
        /// The bytes actually sent (fewer than `declared`).
        body: Vec<u8>,
    },
    /// Decide when the request arrives.
    Dynamic(Responder),
}

impl std::fmt::Debug for Action {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Action::Respond { status, .. } => write!(f, "Respond({status})"),
            Action::Hang => write!(f, "Hang"),
            Action::Close => write!(f, "Close"),
            Action::Truncated { declared, body } => {
                write!(f, "Truncated({} of {declared})", body.len())
            }
            Action::Dynamic(_) => write!(f, "Dynamic"),
        }
    }
}

impl Action {
    /// `status` with a small text body naming it.
    pub fn status(status: u16) -> Action {
        Action::Respond {
            status,
            headers: vec![("Content-Type".into(), "text/plain".into())],
            body: format!("status {status}\n").into_bytes(),
        }
    }

    /// Adds a response header.
    pub fn header(mut self, name: &str, value: &str) -> Action {
        if let Action::Respond { headers, .. } = &mut self {
            headers.push((name.to_string(), value.to_string()));
        }
        self
    }

    /// Replaces the response body.
    pub fn body(mut self, new: impl Into<Vec<u8>>) -> Action {
        if let Action::Respond { body, .. } = &mut self {
            *body = new.into();
        }
        self
    }

    /// Decides when the request arrives.
    pub fn dynamic(f: impl Fn(&Recorded) -> Action + Send + Sync + 'static) -> Action {
        Action::Dynamic(Arc::new(f))
    }
}

/// The body of the default answer (200) once the script is exhausted.
pub const DEFAULT_BODY: &[u8] = b"ok from curl2code test server\n";

struct Shared {
    stop: AtomicBool,
    requests: Mutex<Vec<Recorded>>,
    /// Index of the first request not yet handed out by `take_requests`.
    taken: AtomicUsize,
    script: Mutex<VecDeque<Action>>,
    default: Action,
    next_connection: AtomicUsize,
    connections: Mutex<Vec<JoinHandle<()>>>,
    /// Malformed requests, for failure messages.
    problems: Mutex<Vec<String>>,
}

/// The capture server. Dropping it stops every thread.
pub struct Server {
    addr: SocketAddr,
    shared: Arc<Shared>,
    acceptor: Option<JoinHandle<()>>,
}

impl Server {
    /// Answers 200 to everything.
    pub fn new() -> Server {
        Server::scripted(Vec::new())
    }

    /// Answers request i with `script[i]`, then 200.
    pub fn scripted(script: Vec<Action>) -> Server {
        Server::with_default(script, Action::status(200).body(DEFAULT_BODY))
    }

    /// Answers request i with `script[i]`, then `default` forever (e.g. 502 forever).
    pub fn with_default(script: Vec<Action>, default: Action) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1:0");
        let addr = listener.local_addr().expect("local addr");
        let shared = Arc::new(Shared {
            stop: AtomicBool::new(false),
            requests: Mutex::new(Vec::new()),
            taken: AtomicUsize::new(0),
            script: Mutex::new(script.into()),
            default,
            next_connection: AtomicUsize::new(0),
            connections: Mutex::new(Vec::new()),
            problems: Mutex::new(Vec::new()),
        });
        let s = shared.clone();
        let acceptor = std::thread::Builder::new()
            .name(format!("capture-accept-{}", addr.port()))
            .spawn(move || accept_loop(listener, s))
            .expect("spawn acceptor");
        Server {
            addr,
            shared,
            acceptor: Some(acceptor),
        }
    }

    /// The port it listens on.
    pub fn port(&self) -> u16 {
        self.addr.port()
    }

    /// `http://127.0.0.1:PORT` (no trailing slash).
    pub fn origin(&self) -> String {
        format!("http://127.0.0.1:{}", self.addr.port())
    }

    /// `origin` + `path`.
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.origin())
    }

    /// Every request received so far.
    pub fn requests(&self) -> Vec<Recorded> {
        lock(&self.shared.requests).clone()
    }

    /// Requests received since the last call (the wire suite runs one command after another).
    pub fn take_requests(&self) -> Vec<Recorded> {
        let all = lock(&self.shared.requests);
        let from = self.shared.taken.swap(all.len(), Ordering::SeqCst);
        all.get(from..)
            .map(<[Recorded]>::to_vec)
            .unwrap_or_default()
    }

    /// Waits up to `timeout` until at least `n` requests arrived; returns them all.
    pub fn wait_for(&self, n: usize, timeout: Duration) -> Vec<Recorded> {
        let start = Instant::now();
        loop {
            let got = self.requests();
            if got.len() >= n || start.elapsed() > timeout {
                return got;
            }
            std::thread::sleep(Duration::from_millis(5));
        }
    }

    /// Malformed requests seen so far (the server answered them 400/413/431).
    pub fn problems(&self) -> Vec<String> {
        lock(&self.shared.problems).clone()
    }
}

impl Default for Server {
    fn default() -> Server {
        Server::new()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.shared.stop.store(true, Ordering::SeqCst);
        // Wake the blocking accept with a connection of our own.
        let _ = TcpStream::connect_timeout(&self.addr, Duration::from_secs(1));
        if let Some(a) = self.acceptor.take() {
            let _ = a.join();
        }
        let handles = std::mem::take(&mut *lock(&self.shared.connections));
        for h in handles {
            let _ = h.join();
        }
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    // A panicking connection thread must not take the whole test down with a poisoned lock.
    m.lock().unwrap_or_else(|e| e.into_inner())
}

fn accept_loop(listener: TcpListener, shared: Arc<Shared>) {
    for stream in listener.incoming() {
        if shared.stop.load(Ordering::SeqCst) {
            break;
        }
        let Ok(stream) = stream else { continue };
        let id = shared.next_connection.fetch_add(1, Ordering::SeqCst);
        let s = shared.clone();
        if let Ok(h) = std::thread::Builder::new()
            .name(format!("capture-conn-{id}"))
            .spawn(move || serve(stream, id, &s))
        {
            let mut conns = lock(&shared.connections);
            // Reap finished threads so a long run does not pile up handles.
            let (done, running): (Vec<_>, Vec<_>) = std::mem::take(&mut *conns)
                .into_iter()
                .partition(|h| h.is_finished());
            for d in done {
                let _ = d.join();
            }
            *conns = running;
            conns.push(h);
        }
    }
}

/// Why a connection stopped being read.
enum End {
    /// The peer closed, the server is stopping, or the connection idled out.
    Closed,
    /// The request was malformed: answer with this status and close.
    Bad(u16, String),
}

struct Conn<'a> {
    stream: TcpStream,
    buf: Vec<u8>,
    shared: &'a Shared,
    last_data: Instant,
}

impl Conn<'_> {
    /// Reads more bytes into `buf`; waits through read timeouts until data, EOF or stop.
    fn fill(&mut self) -> Result<(), End> {
        let mut chunk = [0u8; 64 * 1024];
        loop {
            if self.shared.stop.load(Ordering::SeqCst) || self.last_data.elapsed() > IDLE_LIMIT {
                return Err(End::Closed);
            }
            match self.stream.read(&mut chunk) {
                Ok(0) => return Err(End::Closed),
                Ok(n) => {
                    self.buf
                        .extend_from_slice(chunk.get(..n).unwrap_or_default());
                    self.last_data = Instant::now();
                    return Ok(());
                }
                Err(e)
                    if matches!(
                        e.kind(),
                        ErrorKind::WouldBlock | ErrorKind::TimedOut | ErrorKind::Interrupted
                    ) => {}
                Err(_) => return Err(End::Closed),
            }
        }
    }

    /// Ensures `buf` holds at least `n` bytes.
    fn need(&mut self, n: usize) -> Result<(), End> {
        while self.buf.len() < n {
            self.fill()?;
        }
        Ok(())
    }

    /// Reads up to and including the next CRLF; returns the line without it.
    fn line(&mut self, limit: usize) -> Result<Vec<u8>, End> {
        loop {
            if let Some(i) = find(&self.buf, b"\r\n") {
                let line = self.buf.drain(..i + 2).take(i).collect();
                return Ok(line);
            }
            if self.buf.len() > limit {
                return Err(End::Bad(400, "line too long".into()));
            }
            self.fill()?;
        }
    }

    fn take(&mut self, n: usize) -> Result<Vec<u8>, End> {
        self.need(n)?;
        Ok(self.buf.drain(..n).collect())
    }
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

fn trim(v: &[u8]) -> &[u8] {
    let start = v
        .iter()
        .position(|b| !matches!(b, b' ' | b'\t'))
        .unwrap_or(v.len());
    let end = v
        .iter()
        .rposition(|b| !matches!(b, b' ' | b'\t'))
        .map_or(start, |i| i + 1);
    v.get(start..end).unwrap_or_default()
}

fn serve(stream: TcpStream, connection: usize, shared: &Shared) {
    let _ = stream.set_read_timeout(Some(TICK));
    let _ = stream.set_write_timeout(Some(Duration::from_secs(10)));
    let _ = stream.set_nodelay(true);
    let mut conn = Conn {
        stream,
        buf: Vec::new(),
        shared,
        last_data: Instant::now(),
    };
    loop {
        match one_request(&mut conn, connection) {
            Ok(true) => {}
            Ok(false) | Err(End::Closed) => break,
            Err(End::Bad(status, why)) => {
                lock(&shared.problems).push(format!("connection {connection}: {why}"));
                let _ = write_response(&mut conn.stream, status, &[], why.as_bytes(), false);
                break;
            }
        }
    }
    let _ = conn.stream.shutdown(Shutdown::Both);
}

/// Handles one request; `Ok(true)` when the connection stays open for another.
fn one_request(conn: &mut Conn, connection: usize) -> Result<bool, End> {
    // Wait for the first byte so `arrived` is when the request started, not when we got ready.
    while conn.buf.is_empty() {
        conn.fill()?;
    }
    let arrived = Instant::now();
    let arrived_wall = SystemTime::now();
    let request_line = conn.line(MAX_HEAD)?;
    let mut words = request_line.split(|b| *b == b' ');
    let method = words.next().unwrap_or_default().to_vec();
    let target = words.next().unwrap_or_default().to_vec();
    let version = words.next().unwrap_or_default().to_vec();
    if method.is_empty() || target.is_empty() || !version.starts_with(b"HTTP/") {
        return Err(End::Bad(
            400,
            format!(
                "bad request line {:?}",
                String::from_utf8_lossy(&request_line)
            ),
        ));
    }
    let mut headers = Vec::new();
    let mut head_size = request_line.len();
    loop {
        let line = conn.line(MAX_HEAD)?;
        if line.is_empty() {
            break;
        }
        head_size += line.len();
        if head_size > MAX_HEAD {
            return Err(End::Bad(431, "request head too large".into()));
        }
        let Some(colon) = line.iter().position(|b| *b == b':') else {
            return Err(End::Bad(
                400,
                format!(
                    "header line without colon {:?}",
                    String::from_utf8_lossy(&line)
                ),
            ));
        };
        let (name, value) = line.split_at(colon);
        headers.push((
            name.to_vec(),
            trim(value.get(1..).unwrap_or_default()).to_vec(),
        ));
    }
    let get = |name: &str| {
        headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name.as_bytes()))
            .map(|(_, v)| String::from_utf8_lossy(v).to_ascii_lowercase())
    };
    let chunked = get("transfer-encoding").is_some_and(|v| v.contains("chunked"));
    let length = match get("content-length") {
        Some(v) => Some(
            v.trim()
                .parse::<usize>()
                .map_err(|_| End::Bad(400, format!("bad Content-Length {v:?}")))?,
        ),
        None => None,
    };
    if length.is_some_and(|n| n > MAX_BODY) {
        return Err(End::Bad(413, "body too large".into()));
    }
    let has_body = chunked || length.is_some_and(|n| n > 0);
    if has_body && get("expect").is_some_and(|v| v.contains("100-continue")) {
        conn.stream
            .write_all(b"HTTP/1.1 100 Continue\r\n\r\n")
            .map_err(|_| End::Closed)?;
    }
    let body = if chunked {
        read_chunked(conn)?
    } else {
        conn.take(length.unwrap_or(0))?
    };
    let close_after = get("connection").is_some_and(|v| v.contains("close"))
        || (version == b"HTTP/1.0" && !get("connection").is_some_and(|v| v.contains("keep-alive")));
    let is_head = method == b"HEAD";
    let recorded = {
        let mut all = lock(&conn.shared.requests);
        let r = Recorded {
            index: all.len(),
            connection,
            arrived,
            arrived_wall,
            method,
            target,
            version,
            headers,
            body,
            chunked,
        };
        all.push(r.clone());
        r
    };
    let mut action = lock(&conn.shared.script)
        .pop_front()
        .unwrap_or_else(|| conn.shared.default.clone());
    // A responder may itself return a responder; two levels is plenty, more is a test bug.
    for _ in 0..4 {
        match action {
            Action::Dynamic(f) => action = f(&recorded),
            _ => break,
        }
    }
    match action {
        Action::Respond {
            status,
            headers,
            body,
        } => {
            let body: &[u8] = if is_head { &[] } else { &body };
            write_response(&mut conn.stream, status, &headers, body, close_after)
                .map_err(|_| End::Closed)?;
            Ok(!close_after)
        }
        Action::Hang => {
            while !conn.shared.stop.load(Ordering::SeqCst) {
                std::thread::sleep(TICK);
            }
            Ok(false)
        }
        Action::Truncated { declared, body } => {
            let length = ("Content-Length".to_string(), declared.to_string());
            // "Connection: close", then serve() shuts the socket down: the client sees the body
            // end early (undici reports a Content-Length mismatch, not a reset).
            let _ = write_response(&mut conn.stream, 200, &[length], &body, true);
            Ok(false)
        }
        Action::Close | Action::Dynamic(_) => Ok(false),
    }
}

fn read_chunked(conn: &mut Conn) -> Result<Vec<u8>, End> {
    let mut body = Vec::new();
    loop {
        let line = conn.line(4096)?;
        let size_text = String::from_utf8_lossy(&line);
        let size_text = size_text.split(';').next().unwrap_or_default().trim();
        let size = usize::from_str_radix(size_text, 16)
            .map_err(|_| End::Bad(400, format!("bad chunk size {size_text:?}")))?;
        if size == 0 {
            // Trailer fields until the empty line.
            while !conn.line(MAX_HEAD)?.is_empty() {}
            return Ok(body);
        }
        if body.len() + size > MAX_BODY {
            return Err(End::Bad(413, "chunked body too large".into()));
        }
        body.extend(conn.take(size)?);
        if conn.take(2)? != b"\r\n" {
            return Err(End::Bad(400, "chunk not followed by CRLF".into()));
        }
    }
}

fn reason(status: u16) -> &'static str {
    match status {
        100 => "Continue",
        200 => "OK",
        201 => "Created",
        204 => "No Content",
        301 => "Moved Permanently",
        302 => "Found",
        304 => "Not Modified",
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        408 => "Request Timeout",
        413 => "Content Too Large",
        429 => "Too Many Requests",
        431 => "Request Header Fields Too Large",
        500 => "Internal Server Error",
        501 => "Not Implemented",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        _ => "Status",
    }
}

fn write_response(
    stream: &mut TcpStream,
    status: u16,
    headers: &[(String, String)],
    body: &[u8],
    close: bool,
) -> std::io::Result<()> {
    let mut out = format!("HTTP/1.1 {status} {}\r\n", reason(status)).into_bytes();
    let has = |n: &str| headers.iter().any(|(h, _)| h.eq_ignore_ascii_case(n));
    for (n, v) in headers {
        out.extend_from_slice(format!("{n}: {v}\r\n").as_bytes());
    }
    let bodiless = status < 200 || status == 204 || status == 304;
    if !bodiless && !has("content-length") && !has("transfer-encoding") {
        // HEAD answers carry the length of the body a GET would get; we send none, so 0 is honest.
        out.extend_from_slice(format!("Content-Length: {}\r\n", body.len()).as_bytes());
    }
    if close {
        out.extend_from_slice(b"Connection: close\r\n");
    }
    out.extend_from_slice(b"\r\n");
    if !bodiless {
        out.extend_from_slice(body);
    }
    stream.write_all(&out)?;
    stream.flush()
}

/// Formats `t` as an HTTP-date (RFC 9110 §5.6.7), e.g. `Sun, 06 Nov 1994 08:49:37 GMT`.
pub fn http_date(t: SystemTime) -> String {
    let secs = t
        .duration_since(SystemTime::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let days = secs / 86_400;
    let rem = secs % 86_400;
    let (h, m, s) = (rem / 3600, rem % 3600 / 60, rem % 60);
    // 1970-01-01 was a Thursday.
    let weekday = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"][(days % 7) as usize];
    // Civil-from-days (Howard Hinnant's algorithm).
    let z = days as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    let months = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    format!(
        "{weekday}, {day:02} {} {year} {h:02}:{m:02}:{s:02} GMT",
        months[(month - 1) as usize]
    )
}
