//! Tests of the `--exact` JavaScript program (the default generator with every call through
//! nodeFetch): every feature renders, and passes `node --check`.

use super::*;
use crate::codegen::Program;
use crate::diagnostic::Diagnostic;
use crate::ir::{
    Auth, Body, Header, HeaderName, Method, Output, Part, PartContent, Piece, Proxy, Request,
    Segment, Source, Transform, Value,
};
use crate::policy::{Jitter, RetryPolicy};

fn header(name: &str, value: &str) -> Header {
    Header {
        name: HeaderName::new(name),
        value: Value::bytes(value),
    }
}

fn render_one(requests: &[Request], policy: &RetryPolicy) -> (String, Vec<Diagnostic>) {
    let mut warnings = Vec::new();
    let program = Program {
        requests,
        retry_policy: policy,
        mode: Default::default(),
    };
    (idiomatic::render(&program, true, &mut warnings), warnings)
}

/// Programs covering every feature, by name; `tests/javascript_run.rs`-style checks run them.
pub(crate) fn samples(base: &str) -> Vec<(&'static str, Vec<Request>, RetryPolicy)> {
    let p = RetryPolicy::default();
    let mut out = Vec::new();
    let mut get = Request::get(format!("{base}/users?page=2&q='x'|[1]"));
    get.headers.push(header("Accept", "application/json"));
    get.headers.push(header("X-Dup", "1"));
    get.headers.push(header("X-Dup", "2"));
    get.headers.push(header("X-Empty", ""));
    out.push(("get", vec![get], p.clone()));

    let mut form = Request::get(format!("{base}/login"));
    form.method = Method::Post;
    form.headers
        .push(header("Content-Type", "application/x-www-form-urlencoded"));
    form.body = Some(Body::Data(vec![Segment::Text(Value::bytes(
        "user=a&pass=b%20c",
    ))]));
    out.push(("post_form", vec![form], p.clone()));

    let mut json = Request::get(format!("{base}/items"));
    json.method = Method::Post;
    json.headers
        .push(header("Content-Type", "application/json"));
    json.headers.push(header("Accept", "application/json"));
    let mut auth = Value::bytes("Bearer ");
    auth.0.push(Piece::Env("TOKEN".into()));
    json.headers.push(Header {
        name: HeaderName::new("Authorization"),
        value: auth,
    });
    json.body = Some(Body::Data(vec![Segment::Text(Value::bytes(
        "{\"name\":\"caf\u{e9} \u{1f642}\",\"n\":1}",
    ))]));
    out.push(("json_env", vec![json], p.clone()));

    let mut mp = Request::get(format!("{base}/upload"));
    mp.method = Method::Post;
    mp.body = Some(Body::Multipart(vec![
        Part {
            name: Value::bytes("photo"),
            content: PartContent::File(Source::File(Value::bytes("photo.png"))),
            filename: Some(Value::bytes("photo.png")),
            content_type: Some(Value::bytes("image/png")),
            headers: vec![],
        },
        Part {
            name: Value::bytes("note"),
            content: PartContent::Text(Value::bytes("line1\nline2")),
            filename: None,
            content_type: None,
            headers: vec![header("X-Part", "1")],
        },
        Part {
            name: Value::bytes("q\"n"),
            content: PartContent::FileContents(Source::File(Value::bytes("note.txt"))),
            filename: None,
            content_type: None,
            headers: vec![],
        },
    ]));
    out.push(("multipart", vec![mp], p.clone()));

    let mut up = Request::get(format!("{base}/files/up.bin"));
    up.method = Method::Put;
    up.body = Some(Body::Upload(Source::File(Value::bytes("up.bin"))));
    out.push(("upload", vec![up], p.clone()));

    let mut custom = Request::get(format!("{base}/thing"));
    custom.method = Method::Custom("PURGE".into());
    out.push(("custom", vec![custom], p.clone()));

    let mut basic = Request::get(format!("{base}/me"));
    basic.auth = Some(Auth::Basic {
        user: Value::bytes("alice"),
        password: Value::bytes("s3cr\u{e9}t"),
    });
    basic.removed_headers.push(HeaderName::new("Accept"));
    basic.headers.push(header("User-Agent", "my-agent/1.0"));
    out.push(("basic", vec![basic], p.clone()));

    let mut login = Request::get(format!("{base}/login"));
    login.method = Method::Post;
    login.transfer.cookie_jar = Some(Value::bytes("jar.txt"));
    login
        .transfer
        .cookie_files
        .push(Value::bytes("cookies.txt"));
    let mut after = Request::get(format!("{base}/account"));
    after.transfer.cookie_files.push(Value::bytes("jar.txt"));
    after.transfer.output = Output::File(Value::bytes("account.out"));
    out.push(("cookies", vec![login, after], p.clone()));

    let mut data = Request::get(format!("{base}/data"));
    data.method = Method::Post;
    data.headers
        .push(header("Content-Type", "application/x-www-form-urlencoded"));
    data.body = Some(Body::Data(vec![
        Segment::Text(Value::bytes("a=")),
        Segment::Read {
            source: Source::File(Value::bytes("note.txt")),
            transform: Transform::UrlEncode,
        },
        Segment::Text(Value::bytes(b"&b=\xff\x01&".to_vec())),
        Segment::Read {
            source: Source::File(Value::bytes("note.txt")),
            transform: Transform::StripNewlines,
        },
        Segment::Text(Value::bytes("&")),
        Segment::Read {
            source: Source::Stdin,
            transform: Transform::Raw,
        },
    ]));
    out.push(("data_segments", vec![data], p.clone()));

    let mut stdin_up = Request::get(format!("{base}/stdin"));
    stdin_up.method = Method::Put;
    stdin_up.body = Some(Body::Upload(Source::Stdin));
    out.push(("upload_stdin", vec![stdin_up], p.clone()));

    let mut misc = Request::get(format!("{base}/misc/%7e/a%20b"));
    misc.method = Method::Trace;
    misc.headers.push(header("Host", "example.org"));
    misc.headers.push(header("Expect", "100-continue"));
    misc.headers.push(header("X-Bytes", "caf\u{e9}"));
    misc.transfer.compressed = true;
    misc.transfer.fail = true;
    misc.transfer.follow_redirects = true;
    out.push(("misc", vec![misc], p.clone()));

    let mut head = Request::get(format!("{base}/head"));
    head.method = Method::Head;
    let mut proxied = Request::get("http://api.example.com/via-proxy?x=1");
    proxied.transfer.proxy = Some(Proxy {
        url: Value::bytes(base.to_string()),
        user: Some(Value::bytes("u")),
        password: Some(Value::bytes("p")),
    });
    out.push(("head_and_proxy", vec![head, proxied], p.clone()));

    let mut opt = RetryPolicy {
        jitter: Jitter::None,
        circuit_breaker: true,
        idempotency_key: true,
        fallback_urls: vec!["http://127.0.0.1:18101".into()],
        fixed_delay: Some(0.5),
        ..RetryPolicy::default()
    };
    opt.retry_all_errors = true;
    let mut post = Request::get(format!("{base}/pay"));
    post.method = Method::Post;
    out.push(("opt_ins", vec![post.clone()], opt));

    let off = RetryPolicy {
        enabled: false,
        max_retries: 0,
        ..RetryPolicy::default()
    };
    out.push(("no_retry", vec![post], off));

    let quick = RetryPolicy {
        attempt_timeout: Some(1.0),
        deadline: Some(2.5),
        base_delay: 0.2,
        jitter: Jitter::None,
        ..RetryPolicy::default()
    };
    out.push((
        "timeouts",
        vec![Request::get(format!("{base}/slow"))],
        quick,
    ));

    let tls_base = base
        .replace("http://", "https://")
        .replace("18100", "18443");
    let mut insecure = Request::get(format!("{tls_base}/insecure"));
    insecure.transfer.insecure = true;
    out.push(("tls_insecure", vec![insecure], p.clone()));
    let mut ca = Request::get(format!("{tls_base}/ca"));
    ca.transfer.cacert = Some(Value::bytes("cert.pem"));
    out.push(("tls_cacert", vec![ca.clone()], p.clone()));
    ca.transfer.cacert = None;
    out.push(("tls_plain", vec![ca], p.clone()));

    let mut failing = Request::get(format!("{base}/missing"));
    failing.transfer.fail = true;
    let mut lower = Request::get(format!("{base}/lower"));
    lower.method = Method::Custom("post".into());
    lower.transfer.cookie_jar = Some(Value::bytes("jar.txt"));
    let mut get_body = Request::get(format!("{base}/get-body"));
    get_body.body = Some(Body::Data(vec![Segment::Text(Value::bytes("q=1"))]));
    let off = RetryPolicy {
        enabled: false,
        max_retries: 0,
        ..RetryPolicy::default()
    };
    out.push(("no_retry_mix", vec![get_body, lower, failing], off));
    out
}

#[test]
fn every_sample_renders_without_template_leftovers() {
    for (name, requests, policy) in samples("http://127.0.0.1:8080") {
        let (code, _) = render_one(&requests, &policy);
        assert!(!code.contains("{%") && !code.contains("{{"), "{name}");
        assert!(code.contains("async function nodeFetch("), "{name}");
        assert!(
            !code.contains("undici") && !code.contains("Symbol.for("),
            "{name}"
        );
    }
}

#[test]
fn encoded_env_values_go_through_the_urlencode_helpers() {
    let mut r = crate::testing::encoded_env_request();
    let (code, warnings) = render_one(&[r.clone()], &RetryPolicy::default());
    assert!(warnings.is_empty(), "{warnings:?}");
    for part in [
        r#"`https://x.example/s?q=${urlencodeQuery(env("Q"))}`"#,
        r#"`a=${urlencode(new TextEncoder().encode(env("A")))}`"#,
        "function env(",
        "function urlencode(",
        "function urlencodeQuery(",
    ] {
        assert!(code.contains(part), "{part} not in:\n{code}");
    }
    r.url = Value::bytes("https://x.example/s");
    let (code, _) = render_one(&[r], &RetryPolicy::default());
    assert!(code.contains("function urlencode(") && !code.contains("urlencodeQuery"));
    let (code, _) = render_one(
        &[Request::get("https://x.example/")],
        &RetryPolicy::default(),
    );
    assert!(!code.contains("urlencode"));
}

#[test]
fn small_helpers() {
    assert_eq!(
        remote_name("https://x.example/files/report.csv?x=1"),
        "report.csv"
    );
    assert_eq!(remote_name("https://x.example"), "");
    assert_eq!(port_of("http://u:p@[::1]:8080/x"), Some(8080));
    assert_eq!(port_of("http://[::1]/x"), None);
    assert_eq!(
        host_of("https://u@API.example.com:443/x"),
        "API.example.com"
    );
    assert!(bypasses("*", "a.example"));
    assert!(bypasses("example.com, .other", "api.example.com"));
    assert!(!bypasses("example.com", "badexample.com"));
    assert_eq!(percent_decode("a%3Ab%zz%4"), b"a:b%zz%4");
    assert_eq!(
        fetch_method_problem(&Method::Trace, false),
        Some("fetch refuses this method")
    );
    assert!(fetch_method_problem(&Method::Get, true).is_some());
    assert!(fetch_method_problem(&Method::Custom("post".into()), false).is_some());
    assert!(fetch_method_problem(&Method::Custom("PURGE".into()), true).is_none());
}

#[test]
fn headers_keep_order_duplicates_and_removals() {
    let mut r = Request::get("https://api.example.com/x");
    r.headers.push(header("X-B", "2"));
    r.headers.push(header("X-A", "1"));
    r.headers.push(header("x-b", "3"));
    r.headers.push(header("Expect", "100-continue"));
    r.removed_headers.push(HeaderName::new("User-Agent"));
    let (code, _) = render_one(&[r], &RetryPolicy::default());
    let b2 = code.find(r#"["X-B", "2"]"#).unwrap();
    let a1 = code.find(r#"["X-A", "1"]"#).unwrap();
    let b3 = code.find(r#"["x-b", "3"]"#).unwrap();
    let expect = code.find(r#"["Expect", "100-continue"]"#).unwrap();
    assert!(b2 < a1 && a1 < b3 && b3 < expect);
    // node:http adds no User-Agent: removing it needs nothing.
    assert!(!code.contains("User-Agent"));
}

#[test]
fn proxy_gets_curls_default_port_and_basic_auth() {
    let mut r = Request::get("https://api.example.com/x");
    r.transfer.proxy = Some(Proxy {
        url: Value::bytes("http://proxy.example.com"),
        user: Some(Value::bytes("u")),
        password: Some(Value::bytes("p")),
    });
    let (code, _) = render_one(&[r.clone()], &RetryPolicy::default());
    assert!(
        code.contains(r#"origin: "http://proxy.example.com:1080""#),
        "{code}"
    );
    assert!(code.contains(r#"btoa("u:p")"#), "{code}");
    assert!(code.contains("import net from \"node:net\""));
    r.transfer.noproxy = Some(Value::bytes("example.com"));
    let (code, _) = render_one(&[r], &RetryPolicy::default());
    assert!(!code.contains("proxy: {") && !code.contains("node:net"));
}

#[test]
fn policy_shapes_the_helper() {
    let r = Request::get("https://api.example.com/x");
    let off = RetryPolicy {
        enabled: false,
        ..RetryPolicy::default()
    };
    let (code, _) = render_one(std::slice::from_ref(&r), &off);
    assert!(code.contains("const MAX_RETRIES = 0;"), "{code}");
    let fixed = RetryPolicy {
        fixed_delay: Some(2.0),
        jitter: Jitter::None,
        ..RetryPolicy::default()
    };
    let (code, _) = render_one(std::slice::from_ref(&r), &fixed);
    assert!(code.contains("const FIXED_DELAY = 2.0;") && !code.contains("BASE_DELAY"));
    assert!(!code.contains("Math.random"));
    let (code, _) = render_one(std::slice::from_ref(&r), &RetryPolicy::default());
    assert!(code.contains("Math.random") && !code.contains("BREAKER"));
    assert!(!code.contains("function env(") && !code.contains("node:fs"));
}

/// Every sample must be a valid ES module: `node --check` on each (skipped without node).
#[test]
fn every_sample_passes_node_check() {
    if !crate::testing::have("node") {
        return;
    }
    let dir = std::env::temp_dir().join(format!("curl2code-js-check-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    for (name, requests, policy) in samples("https://api.example.com") {
        let (code, _) = render_one(&requests, &policy);
        node_check(&dir, name, &code);
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// `node --check` on `code` written to `dir/NAME.mjs`; fails the test with node's message.
pub(super) fn node_check(dir: &std::path::Path, name: &str, code: &str) {
    let file = dir.join(format!("{name}.mjs"));
    std::fs::write(&file, code).unwrap();
    let out = std::process::Command::new("timeout")
        .args(["20", "node", "--check"])
        .arg(&file)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{name}: {}\n{code}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
#[ignore = "writes the samples to $JS_SAMPLES for manual runs"]
fn write_samples() {
    let dir = std::env::var("JS_SAMPLES").unwrap_or_else(|_| "/tmp/js-samples".into());
    let base = std::env::var("JS_BASE").unwrap_or_else(|_| "http://127.0.0.1:8080".into());
    std::fs::create_dir_all(&dir).unwrap();
    for (name, requests, policy) in samples(&base) {
        let (code, warnings) = render_one(&requests, &policy);
        std::fs::write(format!("{dir}/{name}.mjs"), code).unwrap();
        for w in warnings {
            eprintln!("{name}: {}", w.message);
        }
    }
}
