//! Tests of the Rust generator: both modes, over sample programs covering every feature.

use super::names::url_changes;
use super::{cargo_dependencies, render};
use crate::codegen::Program;
use crate::codegen::plan::Mode;
use crate::diagnostic::Diagnostic;
use crate::ir::{
    Auth, Body, Header, HeaderName, HexCase, Method, Output, Part, PartContent, Piece, Proxy,
    Request, Segment, Source, Transform, Value,
};
use crate::policy::Jitter;
use crate::policy::RetryPolicy;

fn header(name: &str, value: Value) -> Header {
    Header {
        name: HeaderName::new(name),
        value,
    }
}

fn post(url: &str, body: Body) -> Request {
    let mut r = Request::get(url);
    r.method = Method::Post;
    r.body = Some(body);
    r
}

/// Programs covering every feature, by name: rendered by the tests, and dumped for the
/// compile-and-run check when `C2C_RUST_DUMP` names a directory.
pub(crate) fn samples() -> Vec<(&'static str, Vec<Request>, RetryPolicy)> {
    let p = RetryPolicy::default;
    let get = Request::get("http://api.example.com/users?q=1&x='y'");

    let mut form = post(
        "http://api.example.com/form",
        Body::Data(vec![Segment::Text(Value::bytes("a=1&b=two%20"))]),
    );
    form.headers.push(header(
        "Content-Type",
        Value::bytes("application/x-www-form-urlencoded"),
    ));

    let mut json = post(
        "http://api.example.com/json",
        Body::Data(vec![Segment::Text(Value::bytes(r#"{"name":"x","n":1}"#))]),
    );
    json.headers
        .push(header("Content-Type", Value::bytes("application/json")));
    let mut bearer = Value::bytes("Bearer ");
    bearer.0.push(Piece::Env("TOKEN".into()));
    json.headers.push(header("Authorization", bearer));
    json.headers.push(header("X-Dup", Value::bytes("1")));
    json.headers.push(header("X-Dup", Value::bytes("2")));
    json.headers.push(header("X-Empty", Value::bytes("")));
    json.headers
        .push(header("X-Latin", Value::bytes(b"caf\xe9".to_vec())));

    let multipart = post(
        "http://api.example.com/upload",
        Body::Multipart(vec![
            Part {
                name: Value::bytes("title"),
                content: PartContent::Text(Value::bytes("hello")),
                filename: None,
                content_type: None,
                headers: vec![],
            },
            Part {
                name: Value::bytes("photo"),
                content: PartContent::File(Source::File(Value::bytes("photo.png"))),
                filename: Some(Value::bytes("photo.png")),
                content_type: Some(Value::bytes("image/png")),
                headers: vec![header("X-Part", Value::bytes("yes"))],
            },
            Part {
                name: Value::bytes("notes"),
                content: PartContent::FileContents(Source::File(Value::bytes("notes.txt"))),
                filename: None,
                content_type: Some(Value::bytes("Text/Plain; charset=UTF-8")),
                headers: vec![],
            },
        ]),
    );

    let mut upload = Request::get("http://api.example.com/put/upload.txt");
    upload.method = Method::Put;
    upload.body = Some(Body::Upload(Source::File(Value::bytes("upload.txt"))));

    let mut custom = Request::get("http://api.example.com/cache");
    custom.method = Method::Custom("PURGE".into());

    let mut basic = Request::get("http://api.example.com/me");
    basic.auth = Some(Auth::Basic {
        user: Value::bytes("user"),
        password: Value::env("PASSWORD"),
    });

    let mut cookies = Request::get("http://api.example.com/cookies");
    cookies
        .transfer
        .cookie_files
        .push(Value::bytes("cookies.txt"));
    cookies.transfer.cookie_jar = Some(Value::bytes("jar.txt"));
    let mut cookies2 = cookies.clone();
    cookies2.url = Value::bytes("http://api.example.com/again");

    let mut files = post(
        "http://api.example.com/files",
        Body::Data(vec![
            Segment::Read {
                source: Source::File(Value::bytes("data.txt")),
                transform: Transform::StripNewlines,
            },
            Segment::Text(Value::bytes("&name=")),
            Segment::Read {
                source: Source::File(Value::bytes("text.txt")),
                transform: Transform::UrlEncode,
            },
            Segment::Text(Value::bytes("&in=")),
            Segment::Read {
                source: Source::Stdin,
                transform: Transform::Raw,
            },
        ]),
    );
    files.headers.push(header(
        "Content-Type",
        Value::bytes("application/x-www-form-urlencoded"),
    ));

    let mut transfer = Request::get("http://api.example.com/download/file.bin");
    transfer.transfer.follow_redirects = true;
    transfer.transfer.max_redirects = Some(3);
    transfer.transfer.insecure = true;
    transfer.transfer.compressed = true;
    transfer.transfer.output = Output::File(Value::bytes("out.bin"));
    transfer.transfer.fail = true;
    transfer.removed_headers.push(HeaderName::new("Accept"));
    transfer.removed_headers.push(HeaderName::new("User-Agent"));
    let mut remote = Request::get("http://api.example.com/download/remote.txt");
    remote.transfer.output = Output::RemoteName;

    let mut proxied = Request::get("http://api.example.com/via-proxy");
    proxied.transfer.proxy = Some(Proxy {
        url: Value::bytes("http://127.0.0.1:9"),
        user: Some(Value::bytes("pu")),
        password: Some(Value::env("PROXY_PASSWORD")),
    });
    proxied.transfer.noproxy = Some(Value::bytes("localhost,127.0.0.1"));

    let mut tls = Request::get("https://api.example.com/tls");
    tls.transfer.cacert = Some(Value::bytes("ca.pem"));
    tls.transfer.cert = Some(Value::bytes("client.pem"));
    tls.transfer.key = Some(Value::bytes("client.key"));

    let opt_ins = RetryPolicy {
        jitter: Jitter::None,
        fixed_delay: Some(0.2),
        retry_all_errors: true,
        circuit_breaker: true,
        idempotency_key: true,
        fallback_urls: vec!["http://127.0.0.1:9".into()],
        ..p()
    };
    let no_retry = RetryPolicy {
        enabled: false,
        max_retries: 0,
        circuit_breaker: true,
        ..p()
    };
    let mut env_url = Request::get("");
    env_url.url = Value(vec![
        Piece::Bytes(b"http://".to_vec()),
        Piece::Env("HOST".into()),
        Piece::Bytes(b"/env".to_vec()),
    ]);

    let mut odd = post(
        "http://api.example.com/odd/a b/\u{e9}?q=\"x\"#frag",
        Body::Multipart(vec![Part {
            name: Value::bytes(b"na\"me\r\n\xff".to_vec()),
            content: PartContent::Text(Value(vec![
                Piece::Bytes(b"\xfe\"".to_vec()),
                Piece::Env("TOKEN".into()),
            ])),
            filename: Some(Value::bytes("a\\b\".txt")),
            content_type: Some(Value::bytes("text/plain; charset=\"utf-8\"")),
            headers: vec![header("X-Env", Value::env("TOKEN"))],
        }]),
    );
    odd.method = Method::Custom("get".into());
    odd.headers.push(header(
        "X-Raw",
        Value(vec![
            Piece::Bytes(b"\xe9 ".to_vec()),
            Piece::Env("TOKEN".into()),
        ]),
    ));
    odd.headers.push(header("Bad Name", Value::bytes("x")));
    odd.headers
        .push(header("X-Newline", Value::bytes("a\r\nb")));
    odd.removed_headers.push(HeaderName::new("Host"));
    odd.auth = Some(Auth::Digest {
        user: Value::bytes("u"),
        password: Value::bytes("p"),
    });

    vec![
        ("odd", vec![odd], p()),
        ("get", vec![get.clone()], p()),
        ("post_form", vec![form.clone()], p()),
        ("json_env", vec![json], p()),
        ("multipart", vec![multipart], p()),
        ("upload", vec![upload], p()),
        ("custom_method", vec![custom], p()),
        ("basic_auth", vec![basic], p()),
        ("cookies", vec![cookies, cookies2], p()),
        ("data_files", vec![files], p()),
        ("transfer", vec![transfer, remote], p()),
        ("proxy", vec![proxied], p()),
        ("tls", vec![tls], p()),
        ("opt_ins", vec![form.clone(), get.clone()], opt_ins),
        ("no_retry", vec![get, form.clone()], no_retry),
        ("env_url", vec![env_url], p()),
    ]
}

fn render_sample(requests: &[Request], policy: &RetryPolicy) -> (String, Vec<Diagnostic>) {
    render_in(Mode::Exact, requests, policy)
}

fn render_in(mode: Mode, requests: &[Request], policy: &RetryPolicy) -> (String, Vec<Diagnostic>) {
    let mut warnings = Vec::new();
    let program = Program {
        requests,
        retry_policy: policy,
        mode,
    };
    (render(&program, false, &mut warnings), warnings)
}

#[test]
fn every_sample_renders() {
    for (name, requests, policy) in samples() {
        for mode in [Mode::Exact, Mode::Idiomatic] {
            let (code, _) = render_in(mode, &requests, &policy);
            assert!(code.contains("async fn main()"), "{name}");
            assert!(
                !code.contains("#!["),
                "{name}: crate attributes break the harness"
            );
        }
    }
}

#[test]
fn gate_only_for_non_idempotent_methods() {
    let s = samples();
    let find = |n: &str| {
        s.iter()
            .find(|(name, ..)| *name == n)
            .map(|(_, r, p)| render_sample(r, p).0)
            .unwrap()
    };
    assert!(find("post_form").contains("let repeatable"));
    assert!(!find("get").contains("let repeatable"));
    assert!(!find("opt_ins").contains("let repeatable"));
    // --no-retry with --exact is the default's helper run once (MAX_RETRIES = 0); a breaker
    // still picks the base through the Upstreams object.
    let no_retry = find("no_retry");
    assert!(
        no_retry.contains("const MAX_RETRIES: u32 = 0;") && no_retry.contains("upstreams.pick(")
    );
    let (_, requests, policy) = s.iter().find(|(name, ..)| *name == "no_retry").unwrap();
    let plain = RetryPolicy {
        circuit_breaker: false,
        ..policy.clone()
    };
    let plain = render_sample(requests, &plain).0;
    assert!(plain.contains("const MAX_RETRIES: u32 = 0;") && !plain.contains("upstreams"));
}

#[test]
fn encoded_env_values_go_through_the_urlencode_helpers() {
    let enc = |name: &str, hex| Piece::EnvEncoded {
        name: name.into(),
        hex,
    };
    let mut url = Value::bytes("https://x.example/s?q=");
    url.0.push(enc("Q", HexCase::Lower));
    let mut r = post(
        "https://x.example/s",
        Body::Data(vec![Segment::Text(Value(vec![
            Piece::Bytes(b"a=".to_vec()),
            enc("A", HexCase::Upper),
        ]))]),
    );
    r.url = url;
    let (code, warnings) = render_sample(&[r.clone()], &RetryPolicy::default());
    assert!(warnings.is_empty(), "{warnings:?}");
    for part in [
        r#"["https://x.example/s?q=", &urlencode_query(&env("Q")?)].concat()"#,
        r#"["a=", &urlencode_text(&env("A")?)].concat()"#,
        "fn env(",
        "fn urlencode(",
        "fn urlencode_text(",
        "fn urlencode_query(",
    ] {
        assert!(code.contains(part), "{part} not in:\n{code}");
    }
    r.url = Value::bytes("https://x.example/s");
    let (code, _) = render_sample(&[r], &RetryPolicy::default());
    assert!(code.contains("fn urlencode_text(") && !code.contains("urlencode_query"));
    let (code, _) = render_sample(
        &[Request::get("https://x.example/")],
        &RetryPolicy::default(),
    );
    assert!(!code.contains("urlencode"));
}

#[test]
fn a_failed_request_does_not_stop_the_next_ones() {
    let requests = vec![
        Request::get("https://a.example/1"),
        Request::get("https://a.example/2"),
    ];
    let (code, _) = render_sample(&requests, &RetryPolicy::default());
    assert!(code.contains("async fn main() -> Result<ExitCode, Box<dyn Error>>"));
    // Each request records its failure and the program goes on; main returns the code at the end.
    assert_eq!(code.matches("        exit = code;\n").count(), 2);
    assert!(code.contains("    Ok(exit)\n}"));
    // Only set-up errors (a missing variable, an unreadable file) end the program early, and
    // through main's `?`: no helper exits.
    assert!(!code.contains("exit(") && !code.contains("fn fail("));
}

#[test]
fn dependencies_list_only_used_features() {
    let s = samples();
    let find = |n: &str| {
        s.iter()
            .find(|(name, ..)| *name == n)
            .map(|(_, r, p)| render_sample(r, p).0)
            .unwrap()
    };
    assert!(!find("get").contains("multipart\""));
    assert!(find("multipart").contains("\"multipart\""));
    assert!(find("cookies").contains("reqwest_cookie_store"));
    let all = cargo_dependencies(true);
    for f in [
        "cookies",
        "gzip",
        "multipart",
        "socks",
        "httpdate",
        "cookie_store",
        "\"fs\"",
    ] {
        assert!(all.contains(f), "{f}");
    }
}

#[test]
fn url_characters_the_url_crate_rewrites_are_named() {
    assert_eq!(url_changes(b"http://h/a%41/[x]|y?q=[1]|^`{}&r=%27"), None);
    assert_eq!(
        url_changes(b"http://h/p?x='y'"),
        Some("`'` as %27".to_string())
    );
    assert_eq!(
        url_changes(b"http://h/a b{}?q=\"#'"),
        Some("spaces as %20, `{` as %7B, `}` as %7D, `\"` as %22".to_string())
    );
    // url 2.5.9 added `^` to the path percent-encode set; the query keeps it.
    assert_eq!(
        url_changes(b"http://h/a^b?c=^"),
        Some("`^` as %5E".to_string())
    );
    assert_eq!(
        url_changes(b"http://h/a\\b/\xc3\xa9"),
        Some("`\\` as `/`, non-ASCII or control characters as %XX (UTF-8)".to_string())
    );
}

#[test]
fn warnings_for_what_reqwest_cannot_do() {
    let mut r = Request::get("http://x/");
    r.auth = Some(Auth::Ntlm {
        user: Value::bytes("u"),
        password: Value::bytes("p"),
    });
    r.headers.push(header("X-Bad", Value::bytes("a\nb")));
    let (code, warnings) = render_sample(&[r], &RetryPolicy::default());
    assert_eq!(warnings.len(), 2);
    assert!(code.contains("// NOTE: reqwest has no NTLM"));
}

#[test]
fn odd_bytes_everywhere_never_panic() {
    let mut state = 7u64;
    let mut next = || {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (state >> 33) as usize
    };
    let alphabet: &[u8] = b"a:/?#[]'\"\\ \r\n\x00\xff\xc3%{}@;=";
    for _ in 0..300 {
        let mut bytes = || -> Value {
            let len = next() % 12;
            let b: Vec<u8> = (0..len)
                .map(|_| alphabet[next() % alphabet.len()])
                .collect();
            let mut v = Value::bytes(b);
            if next() % 4 == 0 {
                v.0.push(Piece::Env("E".into()));
            }
            v
        };
        let mut r = Request::get("");
        r.url = bytes();
        r.method =
            Method::Custom(String::from_utf8_lossy(&bytes().literal().unwrap_or_default()).into());
        r.headers = vec![
            header("X-A", bytes()),
            header("b a\r", bytes()),
            header("", bytes()),
        ];
        r.body = Some(Body::Multipart(vec![Part {
            name: bytes(),
            content: PartContent::File(Source::File(bytes())),
            filename: Some(bytes()),
            content_type: Some(bytes()),
            headers: vec![header("Content-Type", bytes())],
        }]));
        r.transfer.output = Output::RemoteName;
        r.transfer.proxy = Some(Proxy {
            url: bytes(),
            user: Some(bytes()),
            password: None,
        });
        r.transfer.cookie_jar = Some(bytes());
        let mut d = r.clone();
        d.body = Some(Body::Data(vec![
            Segment::Text(bytes()),
            Segment::Read {
                source: Source::File(bytes()),
                transform: Transform::UrlEncode,
            },
        ]));
        let policy = RetryPolicy {
            deadline: Some(f64::NAN),
            attempt_timeout: Some(-1.0),
            base_delay: f64::INFINITY,
            ..RetryPolicy::default()
        };
        let (code, _) = render_sample(&[r.clone(), d.clone()], &policy);
        assert!(code.contains("fn main"));
        let (code, _) = render_in(Mode::Idiomatic, &[r, d], &policy);
        assert!(code.contains("fn main"));
    }
}

/// Writes every sample program to `$C2C_RUST_DUMP/<name>.rs` (for the scratch cargo project).
#[test]
fn dump_samples() {
    let Ok(dir) = std::env::var("C2C_RUST_DUMP") else {
        return;
    };
    std::fs::create_dir_all(&dir).unwrap();
    for (name, requests, policy) in samples() {
        let (code, _) = render_sample(&requests, &policy);
        std::fs::write(format!("{dir}/{name}.rs"), code).unwrap();
        let (code, _) = render_in(Mode::Idiomatic, &requests, &policy);
        std::fs::write(format!("{dir}/{name}_default.rs"), code).unwrap();
    }
}
