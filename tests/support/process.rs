//! Child processes with a hard timeout, captured output, and a scratch directory that removes itself.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicU32, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

/// What a finished (or killed) child did.
#[derive(Clone, Debug)]
pub struct Outcome {
    /// Exit code; `None` when killed by a signal (including our timeout).
    pub code: Option<i32>,
    /// Everything it wrote to stdout.
    pub stdout: Vec<u8>,
    /// Everything it wrote to stderr.
    pub stderr: Vec<u8>,
    /// Wall time from spawn to exit.
    pub elapsed: Duration,
    /// True when we killed it because it ran past the timeout.
    pub timed_out: bool,
}

impl Outcome {
    /// stderr as text (lossy), for messages and line checks.
    pub fn stderr_text(&self) -> String {
        String::from_utf8_lossy(&self.stderr).into_owned()
    }

    /// stdout as text (lossy).
    pub fn stdout_text(&self) -> String {
        String::from_utf8_lossy(&self.stdout).into_owned()
    }

    /// A one-line description of how it ended: `exit 0`, `killed after 10.0 s timeout`, `signal`.
    pub fn describe_exit(&self) -> String {
        match (self.timed_out, self.code) {
            (true, _) => format!("killed after {:.1} s timeout", self.elapsed.as_secs_f64()),
            (false, Some(c)) => format!("exit {c}"),
            (false, None) => "killed by a signal".to_string(),
        }
    }

    /// stdout and stderr, shortened, for failure messages.
    pub fn transcript(&self) -> String {
        format!(
            "{} after {:.2} s\n--- stdout ---\n{}\n--- stderr ---\n{}",
            self.describe_exit(),
            self.elapsed.as_secs_f64(),
            shorten(&self.stdout_text(), 1500),
            shorten(&self.stderr_text(), 3000)
        )
    }
}

/// Keeps the first two thirds and the last third of `max` characters of `s`, saying how much was
/// cut: tool output puts its verdict last (a linker's reason follows pages of its command line).
pub fn shorten(s: &str, max: usize) -> String {
    let count = s.chars().count();
    if count <= max {
        return s.to_string();
    }
    let tail_len = max / 3;
    let head: String = s.chars().take(max - tail_len).collect();
    let tail: String = s.chars().skip(count - tail_len).collect();
    format!("{head}… [{} characters left out] …{tail}", count - max)
}

/// Runs `cmd` with `stdin` as its standard input, killing it (and its process group, so `bash -c`'s
/// children go too) when it runs longer than `timeout`.
pub fn run(mut cmd: Command, stdin: &[u8], timeout: Duration) -> std::io::Result<Outcome> {
    use std::os::unix::process::CommandExt;
    cmd.stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        // Its own process group, so a timeout kills grandchildren that hold our pipes open.
        .process_group(0);
    let start = Instant::now();
    let mut child = cmd.spawn()?;
    let pid = child.id();
    let mut input = child.stdin.take();
    let data = stdin.to_vec();
    // Feed stdin on a thread: a child that does not read it must not block us.
    let writer = std::thread::spawn(move || {
        if let Some(mut w) = input.take() {
            let _ = w.write_all(&data);
        }
    });
    let out_reader = reader_thread(child.stdout.take());
    let err_reader = reader_thread(child.stderr.take());
    let mut timed_out = false;
    let status = loop {
        if let Some(status) = child.try_wait()? {
            break Some(status);
        }
        if start.elapsed() > timeout {
            timed_out = true;
            kill_group(pid);
            let _ = child.kill();
            break child.wait().ok();
        }
        std::thread::sleep(Duration::from_millis(3));
    };
    let elapsed = start.elapsed();
    // A grandchild may still hold the pipes after the child exits; kill the group so readers end.
    kill_group(pid);
    let _ = writer.join();
    let stdout = out_reader.join().unwrap_or_default();
    let stderr = err_reader.join().unwrap_or_default();
    Ok(Outcome {
        code: status.and_then(|s| s.code()),
        stdout,
        stderr,
        elapsed,
        timed_out,
    })
}

fn reader_thread<R: Read + Send + 'static>(r: Option<R>) -> std::thread::JoinHandle<Vec<u8>> {
    std::thread::spawn(move || {
        let mut buf = Vec::new();
        if let Some(mut r) = r {
            let _ = r.read_to_end(&mut buf);
        }
        buf
    })
}

fn kill_group(pid: u32) {
    // No libc dependency: the kill(1) utility takes a negative pid for a process group.
    let _ = Command::new("kill")
        .arg("-KILL")
        .arg("--")
        .arg(format!("-{pid}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status();
}

/// A port on 127.0.0.1 where nothing listens, for "connection refused" (or for a server the test
/// starts on it). It is taken below the kernel's ephemeral range, so that no server binding port 0
/// can be handed it later: a port bound and released at once was, in one CI run, the port of
/// another scenario's server a moment later. Each call gives another port (from an offset of the
/// process id), once a connection to it is refused.
pub fn free_port() -> u16 {
    static NEXT: AtomicU32 = AtomicU32::new(0);
    const FIRST: u32 = 10_000;
    let low = std::fs::read_to_string("/proc/sys/net/ipv4/ip_local_port_range")
        .ok()
        .and_then(|r| r.split_whitespace().next()?.parse::<u32>().ok())
        .unwrap_or(32_768);
    let span = low.saturating_sub(FIRST);
    if span < 1_000 {
        // An unusual range: fall back to a port the kernel picks and releases.
        let l = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1:0");
        return l.local_addr().expect("local addr").port();
    }
    let offset = std::process::id().wrapping_mul(97);
    for _ in 0..span {
        let i = NEXT.fetch_add(1, Ordering::Relaxed);
        let port = u16::try_from(FIRST + offset.wrapping_add(i) % span).expect("a port");
        let addr = std::net::SocketAddr::from(([127, 0, 0, 1], port));
        match TcpStream::connect_timeout(&addr, Duration::from_millis(500)) {
            Err(e) if e.kind() == std::io::ErrorKind::ConnectionRefused => return port,
            _ => continue,
        }
    }
    panic!("no port below the ephemeral range ({low}) refuses connections on 127.0.0.1");
}

/// True when `program --version` runs: used to skip optional linters such as ruff.
pub fn have(program: &str) -> bool {
    Command::new(program)
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// A directory under the system temp dir, removed on drop (kept when `CURL2CODE_KEEP_TMP` is set, to debug).
pub struct TempDir {
    path: PathBuf,
}

impl TempDir {
    /// A fresh empty directory whose name starts with `prefix`.
    pub fn new(prefix: &str) -> TempDir {
        static COUNTER: AtomicUsize = AtomicUsize::new(0);
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        let path = std::env::temp_dir().join(format!(
            "curl2code-{prefix}-{}-{n}-{}",
            std::process::id(),
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.subsec_nanos())
        ));
        std::fs::create_dir_all(&path).expect("create temp dir");
        TempDir { path }
    }

    /// The directory.
    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        if std::env::var_os("CURL2CODE_KEEP_TMP").is_none() {
            let _ = std::fs::remove_dir_all(&self.path);
        }
    }
}

/// Copies the directory tree `from` into `to` (files and folders; symlinks are followed).
pub fn copy_tree(from: &Path, to: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(to)?;
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_tree(&entry.path(), &target)?;
        } else {
            std::fs::copy(entry.path(), &target)?;
        }
    }
    Ok(())
}

/// The environment every child gets: ours minus proxy settings (a proxy would take the loopback
/// traffic away from the capture server) and minus a user's ~/.curlrc (CURL_HOME points elsewhere).
pub fn clean_env(cmd: &mut Command, curl_home: &Path) {
    for name in [
        "http_proxy",
        "https_proxy",
        "HTTP_PROXY",
        "HTTPS_PROXY",
        "all_proxy",
        "ALL_PROXY",
        "no_proxy",
        "NO_PROXY",
        "CURL_CA_BUNDLE",
        "REQUESTS_CA_BUNDLE",
        "NODE_OPTIONS",
        "RUST_LOG",
    ] {
        cmd.env_remove(name);
    }
    cmd.env("CURL_HOME", curl_home)
        .env("PYTHONDONTWRITEBYTECODE", "1")
        .env("PYTHONUNBUFFERED", "1");
}

/// Whether a test's tools are there (`present`). When they are not, a test in CI (the `CI`
/// variable set) fails with `what`, since a CI machine without them must not go green having
/// proven nothing; by hand the test is skipped with one line.
pub fn tools_or_skip(present: bool, what: &str) -> bool {
    if !present {
        assert!(
            std::env::var_os("CI").is_none_or(|v| v.is_empty()),
            "{what} is missing, and CI must run this test: .ci/run installs it"
        );
        eprintln!("{what} is missing: skipped (CI fails here)");
    }
    present
}

/// A helper server process (a Python TLS server, a test proxy), killed when dropped.
pub struct ServerProcess(Child);

impl ServerProcess {
    /// `child` once it listens on every one of `ports` on 127.0.0.1 (at most 10 s; `what` names
    /// it in the failure). The child is killed even when the wait fails.
    pub fn listening(child: Child, ports: &[u16], what: &str) -> ServerProcess {
        let server = ServerProcess(child);
        let until = Instant::now() + Duration::from_secs(10);
        for &port in ports {
            while TcpStream::connect(("127.0.0.1", port)).is_err() {
                assert!(Instant::now() < until, "{what} did not start");
                std::thread::sleep(Duration::from_millis(50));
            }
        }
        server
    }
}

impl Drop for ServerProcess {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Runs `check` for every item, each on a thread of its own, and returns the reports of those
/// that found problems (a run that panicked is one), in the items' order.
pub fn in_parallel<T: Sync>(
    items: &[T],
    check: impl Fn(&T) -> Option<String> + Sync,
) -> Vec<String> {
    std::thread::scope(|scope| {
        let check = &check;
        let handles: Vec<_> = items
            .iter()
            .map(|item| scope.spawn(move || check(item)))
            .collect();
        handles
            .into_iter()
            .filter_map(|h| h.join().unwrap_or_else(|_| Some("a run panicked".into())))
            .collect()
    })
}
