//! The JavaScript proxy tunnel's TLS ClientHello: a loopback "proxy" grants the CONNECT, reads the
//! ClientHello that follows and reports its server_name (SNI), then hangs up.

use crate::support::programs::{self, Generated, Lang};
use crate::{PROGRAM_TIMEOUT, TempDir};
use curl2code::{Options, Overrides};
use std::io::{ErrorKind, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::time::{Duration, Instant};

/// How long the fake proxy waits for the program, in total.
const PATIENCE: Duration = Duration::from_secs(15);

/// What the fake proxy saw.
#[derive(Debug, Default)]
struct Seen {
    /// The request line of the CONNECT.
    connect: String,
    /// True when a TLS ClientHello followed.
    client_hello: bool,
    /// Its server_name, if it had one.
    sni: Option<String>,
}

/// Accepts one connection on `listener` and plays the proxy; every wait is bounded by PATIENCE.
fn fake_proxy(listener: TcpListener) -> Seen {
    let mut seen = Seen::default();
    let deadline = Instant::now() + PATIENCE;
    let _ = listener.set_nonblocking(true);
    let mut stream = loop {
        match listener.accept() {
            Ok((s, _)) => break s,
            Err(e) if e.kind() == ErrorKind::WouldBlock && Instant::now() < deadline => {
                std::thread::sleep(Duration::from_millis(10));
            }
            Err(_) => return seen,
        }
    };
    let _ = stream.set_nonblocking(false);
    let _ = stream.set_read_timeout(Some(Duration::from_millis(100)));
    let head = read_until(&mut stream, deadline, |b| {
        b.windows(4).any(|w| w == b"\r\n\r\n")
    });
    seen.connect = String::from_utf8_lossy(&head)
        .lines()
        .next()
        .unwrap_or_default()
        .to_string();
    if stream
        .write_all(b"HTTP/1.1 200 Connection established\r\n\r\n")
        .is_err()
    {
        return seen;
    }
    // One TLS record: 5 header bytes, then the length they announce.
    let hello = read_until(&mut stream, deadline, |b| {
        b.len() >= 5 && b.len() >= 5 + usize::from(u16::from_be_bytes([b[3], b[4]]))
    });
    seen.client_hello = hello.first() == Some(&0x16) && hello.get(5) == Some(&0x01);
    seen.sni = server_name(&hello);
    seen
}

/// Reads until `done(bytes so far)` or the deadline (at most 64 KiB).
fn read_until(s: &mut TcpStream, deadline: Instant, done: impl Fn(&[u8]) -> bool) -> Vec<u8> {
    let mut buf = Vec::new();
    let mut chunk = [0u8; 4096];
    while !done(&buf) && Instant::now() < deadline && buf.len() < 1 << 16 {
        match s.read(&mut chunk) {
            Ok(0) => break,
            Ok(n) => buf.extend_from_slice(chunk.get(..n).unwrap_or_default()),
            Err(e) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => {}
            Err(_) => break,
        }
    }
    buf
}

/// The host name of a ClientHello's server_name extension (RFC 6066 §3), if any.
fn server_name(record: &[u8]) -> Option<String> {
    let hello = record.get(9..)?; // record header (5), handshake type (1) and length (3)
    // client_version (2) + random (32), then session_id, cipher_suites, compression_methods.
    let mut at = 34;
    let len8 = |at: usize| hello.get(at).map(|&n| usize::from(n));
    let len16 = |at: usize| {
        Some(usize::from(u16::from_be_bytes([
            *hello.get(at)?,
            *hello.get(at + 1)?,
        ])))
    };
    at += 1 + len8(at)?;
    at += 2 + len16(at)?;
    at += 1 + len8(at)?;
    let end = at + 2 + len16(at)?;
    at += 2;
    while at + 4 <= end {
        let kind = len16(at)?;
        let size = len16(at + 2)?;
        let data = hello.get(at + 4..at + 4 + size)?;
        if kind == 0 {
            // server_name_list length (2), name_type (1), host_name length (2), host_name.
            let name = data.get(5..)?;
            return Some(String::from_utf8_lossy(name).into_owned());
        }
        at += 4 + size;
    }
    None
}

/// The JavaScript program of `curl -x http://127.0.0.1:PORT https://{host}:8443/x` (no retries).
fn javascript(proxy: &str, host: &str) -> String {
    let options = Options {
        shell: Some(curl2code::Dialect::Bash),
        retry: Overrides {
            no_retry: true,
            ..Overrides::default()
        },
        exact: false,
        ..Default::default()
    };
    let command = format!("curl -x {proxy} https://{host}:8443/x");
    match programs::generate(&command, Lang::JavaScript, &options) {
        Generated::Code(code) => code,
        other => panic!("{command}: {other:?}"),
    }
}

/// Runs the program for `host` through the fake proxy.
fn tunnel(host: &str) -> (Seen, String) {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1:0");
    let proxy = format!("http://{}", listener.local_addr().expect("local addr"));
    let proxy_thread = std::thread::spawn(move || fake_proxy(listener));
    let dir = TempDir::new("faults-defects-sni");
    let code = javascript(&proxy, host);
    let program = programs::write_script(dir.path(), "sni", Lang::JavaScript, &code);
    let out = program.run(dir.path(), &[], PROGRAM_TIMEOUT);
    let seen = proxy_thread.join().unwrap_or_default();
    (seen, out.transcript())
}

/// Defect: the tunnel wrapped the socket in TLS without `servername`, so no SNI was sent and
/// servers that host several names answered with the wrong certificate.
#[test]
fn javascript_tunnel_sends_the_target_host_as_sni() {
    let (seen, transcript) = tunnel("sni.test");
    assert_eq!(
        seen.connect, "CONNECT sni.test:8443 HTTP/1.1",
        "{transcript}"
    );
    assert!(seen.client_hello, "no ClientHello: {seen:?}\n{transcript}");
    assert_eq!(seen.sni.as_deref(), Some("sni.test"), "{transcript}");
}

/// An IP address is never sent as SNI (RFC 6066 §3).
#[test]
fn javascript_tunnel_sends_no_sni_for_an_ip_address() {
    let (seen, transcript) = tunnel("127.0.0.2");
    assert_eq!(
        seen.connect, "CONNECT 127.0.0.2:8443 HTTP/1.1",
        "{transcript}"
    );
    assert!(seen.client_hello, "no ClientHello: {seen:?}\n{transcript}");
    assert_eq!(seen.sni, None, "{transcript}");
}

#[test]
fn server_name_parser_reads_a_client_hello() {
    // A minimal ClientHello: no session id, one cipher suite, one compression method, SNI "a.b".
    let ext = [0, 0, 0, 8, 0, 6, 0, 0, 3, b'a', b'.', b'b'];
    let mut body = vec![3, 3];
    body.extend([0; 32]);
    body.extend([0, 0, 2, 0x13, 0x01, 1, 0]);
    body.extend(u16::try_from(ext.len()).unwrap_or(0).to_be_bytes());
    body.extend(ext);
    let mut record = vec![0x16, 3, 1, 0, 0, 1, 0, 0, 0];
    record[8] = u8::try_from(body.len()).unwrap_or(0);
    record.extend(body);
    assert_eq!(server_name(&record).as_deref(), Some("a.b"));
    assert_eq!(server_name(&record[..40]), None);
}

/// The generated tunnel names the server for TLS, except when it is an IP address.
#[test]
fn javascript_tunnel_sets_servername_unless_the_host_is_an_ip() {
    let code = javascript("http://127.0.0.1:9", "sni.test");
    assert!(code.contains("servername"), "{code}");
    assert!(code.contains("net.isIP("), "{code}");
}
