//! Lint: every program the other modules run compiles and is ruff-clean.

use super::*;

#[test]
pub(super) fn generated_programs_pass_py_compile_and_ruff() {
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
    let mut head = with_method(get("/head"), Method::Head);
    head.transfer.fail = true;
    let mut failing = get("/failing");
    failing.transfer.fail = true;
    programs.push((vec![head.clone()], RetryPolicy::default()));
    programs.push((vec![head.clone(), failing.clone()], RetryPolicy::default()));
    programs.push((
        vec![with_method(get("/h"), Method::Head), get("/g")],
        RetryPolicy::default(),
    ));
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
    let mut idiomatic = Vec::new();
    for (i, (requests, policy)) in programs.iter().enumerate() {
        for mode in [Mode::Idiomatic, Mode::Exact] {
            let path = dir.path().join(format!("p{i}_{mode:?}.py"));
            std::fs::write(&path, render_in(mode, requests, policy)).expect("write");
            if mode == Mode::Idiomatic {
                idiomatic.push(path.clone());
            }
            paths.push(path);
        }
    }
    // Lines stay within black's 88 columns, comments and docstrings too (black leaves them).
    for path in &paths {
        let code = std::fs::read_to_string(path).unwrap_or_default();
        for line in code.lines() {
            assert!(line.chars().count() <= 88, "{}: {line}", path.display());
        }
    }
    let mut cmd = Command::new("python3");
    cmd.args(["-m", "py_compile"]).args(&paths);
    let compiled = run(cmd, dir.path(), b"", &[]);
    assert_eq!(compiled.code, 0, "{}", compiled.stderr);
    let ruff = Command::new("python3")
        .args(["-m", "ruff", "--version"])
        .output();
    if !process::tools_or_skip(
        ruff.map(|o| o.status.success()).unwrap_or(false),
        "ruff (pip install -r .ci/requirements.txt)",
    ) {
        return;
    }
    // ruff with these arguments passes, or the test fails with ruff's report.
    let ruff = |args: &[&str], files: &[_]| {
        let mut cmd = Command::new("python3");
        cmd.args(["-m", "ruff"])
            .args(args)
            .args(["--no-cache", "--isolated"])
            .args(files);
        let linted = run(cmd, dir.path(), b"", &[]);
        let report = String::from_utf8_lossy(&linted.stdout);
        assert_eq!(linted.code, 0, "ruff {args:?}: {report}{}", linted.stderr);
    };
    ruff(&["check"], &paths);
    // The default output also passes the stricter rule set the issue asks for.
    ruff(&["check", "--select", "E,F,W,B,UP,SIM"], &idiomatic);
    // Formatted as ruff format (black) would: users' formatters leave the program alone.
    ruff(&["format", "--check", "--diff"], &paths);
}
