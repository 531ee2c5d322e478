//! Unit tests for lowering, on hand-built [`CurlArgs`].
//!
//! Tests marked "verified" were checked against the real curl 7.88.1 installed here, by reading
//! the raw request it sent to a loopback listener.

use super::*;
use crate::curl::OptSpec;
use crate::ir::{HexCase, Part, PartContent, Piece, Transform};
use crate::shell::WordPart;

// ---------------------------------------------------------------------------------------------
// builder

/// Options that take a value, by long name (the rest are booleans).
const VALUED: &[&str] = &[
    "aws-sigv4",
    "cacert",
    "capath",
    "cert",
    "connect-timeout",
    "cookie",
    "cookie-jar",
    "data",
    "data-ascii",
    "data-binary",
    "data-raw",
    "data-urlencode",
    "form",
    "form-string",
    "header",
    "json",
    "key",
    "max-redirs",
    "max-time",
    "noproxy",
    "oauth2-bearer",
    "output",
    "output-dir",
    "proto-default",
    "proxy",
    "proxy-user",
    "proxy1.0",
    "range",
    "referer",
    "request",
    "retry",
    "retry-delay",
    "retry-max-time",
    "socks4",
    "socks4a",
    "socks5",
    "socks5-hostname",
    "upload-file",
    "url",
    "url-query",
    "user",
    "user-agent",
    "write-out",
];

const SHORT: &[(char, &str)] = &[
    ('A', "user-agent"),
    ('b', "cookie"),
    ('c', "cookie-jar"),
    ('d', "data"),
    ('E', "cert"),
    ('e', "referer"),
    ('F', "form"),
    ('f', "fail"),
    ('G', "get"),
    ('g', "globoff"),
    ('H', "header"),
    ('I', "head"),
    ('k', "insecure"),
    ('L', "location"),
    ('m', "max-time"),
    ('O', "remote-name"),
    ('o', "output"),
    ('r', "range"),
    ('s', "silent"),
    ('T', "upload-file"),
    ('U', "proxy-user"),
    ('u', "user"),
    ('v', "verbose"),
    ('w', "write-out"),
    ('X', "request"),
    ('x', "proxy"),
];

/// Options the fake table classifies as not touching the wire, or as unsupported.
const NO_EFFECT: &[&str] = &["silent", "verbose", "show-error"];
const UNSUPPORTED: &[&str] = &["write-out"];

fn spec(long: &str) -> &'static OptSpec {
    let support = if NO_EFFECT.contains(&long) {
        Support::NoEffect
    } else if UNSUPPORTED.contains(&long) {
        Support::Unsupported
    } else {
        Support::Applied
    };
    let takes_value = VALUED.contains(&long);
    Box::leak(Box::new(OptSpec {
        long: Box::leak(long.to_string().into_boxed_str()),
        short: SHORT.iter().find(|(_, l)| *l == long).map(|(c, _)| *c),
        takes_value,
        negatable: !takes_value,
        support,
        inverted: false,
    }))
}

/// A word; `${NAME}` inside it becomes an environment reference.
fn word(s: &str, span: Span) -> Word {
    let mut parts = Vec::new();
    let mut rest = s;
    while let Some(i) = rest.find("${") {
        let Some(j) = rest[i..].find('}') else { break };
        if i > 0 {
            parts.push(WordPart::Lit(rest.as_bytes()[..i].to_vec()));
        }
        parts.push(WordPart::Env(rest[i + 2..i + j].to_string()));
        rest = &rest[i + j + 1..];
    }
    if !rest.is_empty() || parts.is_empty() {
        parts.push(WordPart::Lit(rest.as_bytes().to_vec()));
    }
    Word { parts, span }
}

/// Builds `curl argv…` as if typed on one line with single spaces: spans point into that line.
fn cmd_with(argv: &[&str], stdin: Option<Stdin>) -> CurlArgs {
    let mut pos = "curl ".len();
    let mut spans = Vec::new();
    for a in argv {
        spans.push(Span::new(pos, pos + a.len()));
        pos += a.len() + 1;
    }
    let mut items = Vec::new();
    let mut i = 0;
    while i < argv.len() {
        let a = argv[i];
        let span = spans[i];
        let (long, negated) = if let Some(l) = a.strip_prefix("--no-") {
            (Some(l.to_string()), true)
        } else if let Some(l) = a.strip_prefix("--") {
            (Some(l.to_string()), false)
        } else if a.len() == 2 && a.starts_with('-') {
            let c = a.chars().nth(1).unwrap_or('?');
            let l = SHORT
                .iter()
                .find(|(s, _)| *s == c)
                .map(|(_, l)| l.to_string());
            assert!(l.is_some(), "unknown short option {a}");
            (l, false)
        } else {
            (None, false)
        };
        match long {
            Some(l) => {
                let spec = spec(&l);
                let value = if spec.takes_value {
                    i += 1;
                    Some(word(argv[i], spans[i]))
                } else {
                    None
                };
                items.push(Item::Opt(Arg {
                    spec,
                    value,
                    negated,
                    span,
                }));
            }
            None => items.push(Item::Url(word(a, span))),
        }
        i += 1;
    }
    CurlArgs {
        items,
        files: Default::default(),
        stdin,
        span: Span::new(0, pos.saturating_sub(1)),
    }
}

fn cmd(argv: &[&str]) -> CurlArgs {
    cmd_with(argv, None)
}

/// Lowers and returns the result with the warnings.
fn run_with(
    argv: &[&str],
    stdin: Option<Stdin>,
) -> (Result<Vec<Request>, Diagnostic>, Vec<Diagnostic>) {
    let mut w = Vec::new();
    let r = lower(&cmd_with(argv, stdin), &mut w);
    (r, w)
}

/// Lowers a command that must give exactly one request.
fn one_with(argv: &[&str], stdin: Option<Stdin>) -> (Request, Vec<Diagnostic>) {
    let (r, w) = run_with(argv, stdin);
    let mut reqs = r.unwrap_or_else(|e| panic!("unexpected error: {e:?}"));
    assert_eq!(reqs.len(), 1, "expected one request");
    (reqs.remove(0), w)
}

fn one(argv: &[&str]) -> (Request, Vec<Diagnostic>) {
    one_with(argv, None)
}

/// Lowers a command that must fail.
fn err(argv: &[&str]) -> Diagnostic {
    match run_with(argv, None).0 {
        Ok(r) => panic!("expected an error, got {r:?}"),
        Err(e) => e,
    }
}

/// Text of a span in the command line the builder pretends was typed.
fn at(argv: &[&str], span: Option<Span>) -> String {
    let line = format!("curl {}", argv.join(" "));
    let s = span.expect("diagnostic has a span");
    line[s.start..s.end].to_string()
}

/// A literal value in the canonical form lowering produces (no empty pieces).
fn lit(s: &str) -> Value {
    let mut v = Value::default();
    v.push_bytes(s.as_bytes());
    v
}

fn url(r: &Request) -> String {
    r.url.display()
}

fn hdrs(r: &Request) -> Vec<(String, String)> {
    r.headers
        .iter()
        .map(|h| (h.name.as_str().to_string(), h.value.display()))
        .collect()
}

fn h(n: &str, v: &str) -> (String, String) {
    (n.to_string(), v.to_string())
}

fn data(r: &Request) -> Vec<Segment> {
    match &r.body {
        Some(Body::Data(s)) => s.clone(),
        other => panic!("expected a data body, got {other:?}"),
    }
}

fn parts(r: &Request) -> Vec<Part> {
    match &r.body {
        Some(Body::Multipart(p)) => p.clone(),
        other => panic!("expected a multipart body, got {other:?}"),
    }
}

fn text(s: &str) -> Segment {
    Segment::Text(lit(s))
}

fn has_warning(w: &[Diagnostic], needle: &str) -> bool {
    w.iter().any(|d| d.message.contains(needle))
}

/// A file under a per-process temporary folder; returns its absolute path.
fn tmp(name: &str, bytes: &[u8]) -> String {
    let dir = std::env::temp_dir().join(format!("curl2code-lower-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let p = dir.join(name);
    std::fs::write(&p, bytes).expect("temp file");
    p.to_string_lossy().into_owned()
}

// ---------------------------------------------------------------------------------------------
// URLs

#[test]
fn plain_get_has_no_extra_headers_or_body() {
    let (r, w) = one(&["https://api.example.com/v1/users?id=7"]);
    assert_eq!(r.method, Method::Get);
    assert_eq!(url(&r), "https://api.example.com/v1/users?id=7");
    assert!(r.headers.is_empty() && r.removed_headers.is_empty());
    assert_eq!(r.body, None);
    assert_eq!(r.auth, None);
    assert_eq!(r.span, cmd(&["https://api.example.com/v1/users?id=7"]).span);
    assert!(w.is_empty());
}

#[test]
fn missing_scheme_becomes_http() {
    let (r, _) = one(&["api.example.com/x"]);
    assert_eq!(url(&r), "http://api.example.com/x");
}

#[test]
fn ftp_host_is_guessed_as_ftp_and_refused() {
    // verified: curl 7.88 tries FTP for `ftp.example.com`.
    let e = err(&["ftp.example.com/file"]);
    assert!(e.message.contains("ftp://"), "{}", e.message);
    assert_eq!(
        at(&["ftp.example.com/file"], e.span),
        "ftp.example.com/file"
    );
}

#[test]
fn proto_default_sets_the_scheme() {
    let (r, _) = one(&["--proto-default", "https", "api.example.com"]);
    assert_eq!(url(&r), "https://api.example.com/");
}

#[test]
fn url_without_path_gets_a_slash() {
    // verified: `http://h?q=1` goes out as `GET /?q=1`.
    assert_eq!(url(&one(&["https://h.example"]).0), "https://h.example/");
    assert_eq!(
        url(&one(&["https://h.example?q=1"]).0),
        "https://h.example/?q=1"
    );
    assert_eq!(
        url(&one(&["https://h.example:8443"]).0),
        "https://h.example:8443/"
    );
}

#[test]
fn scheme_is_lowercased_and_host_kept() {
    // verified: curl sends `Host: LOCALHOST:port` as typed.
    let (r, _) = one(&["HTTPS://API.Example.com/Path"]);
    assert_eq!(url(&r), "https://API.Example.com/Path");
}

#[test]
fn fragment_is_not_sent() {
    // verified: `/p?x=1#f` goes out as `/p?x=1`.
    assert_eq!(
        url(&one(&["https://h.example/p?x=1#frag"]).0),
        "https://h.example/p?x=1"
    );
    assert_eq!(
        url(&one(&["https://h.example/p#frag"]).0),
        "https://h.example/p"
    );
}

#[test]
fn userinfo_becomes_basic_auth_percent_decoded() {
    // verified: `u%40x:p%3Aw@` sends `Authorization: Basic dUB4OnA6dw==` (u@x:p:w).
    let (r, _) = one(&["https://u%40x:p%3Aw@api.example.com/a"]);
    assert_eq!(url(&r), "https://api.example.com/a");
    assert_eq!(
        r.auth,
        Some(Auth::Basic {
            user: lit("u@x"),
            password: lit("p:w")
        })
    );
}

#[test]
fn userinfo_without_password_sends_an_empty_one() {
    // verified: `http://x@h` sends Basic eDo= ("x:").
    let (r, _) = one(&["https://x@h.example/"]);
    assert_eq!(
        r.auth,
        Some(Auth::Basic {
            user: lit("x"),
            password: lit("")
        })
    );
}

#[test]
fn user_option_beats_url_userinfo() {
    // verified: `-u a:b` with `x:y@` in the URL sends a:b.
    let (r, _) = one(&["-u", "a:b", "https://x:y@h.example/"]);
    assert_eq!(
        r.auth,
        Some(Auth::Basic {
            user: lit("a"),
            password: lit("b")
        })
    );
    assert_eq!(url(&r), "https://h.example/");
}

#[test]
fn dot_segments_are_removed_unless_path_as_is() {
    // verified: `/A/../b/./c` goes out as `/b/c`; `%2e%2E` is left alone.
    assert_eq!(
        url(&one(&["https://h.example/A/../b/./c"]).0),
        "https://h.example/b/c"
    );
    assert_eq!(
        url(&one(&["https://h.example/a/%2e%2E/b"]).0),
        "https://h.example/a/%2e%2E/b"
    );
    assert_eq!(
        url(&one(&["--path-as-is", "https://h.example/A/../b"]).0),
        "https://h.example/A/../b"
    );
}

#[test]
fn non_ascii_path_bytes_are_percent_encoded_query_kept() {
    // verified: curl 7.88 sends `/%c3%a9?é` (lower-case hex in the path, raw bytes in the query).
    let (r, _) = one(&["https://h.example/é?q=é"]);
    assert_eq!(r.url, lit("https://h.example/%c3%a9?q=é"));
}

#[test]
fn percent_escapes_and_odd_characters_are_kept() {
    // verified: `/a%2fb%zz` and `a"<>{}|^\`b` are sent as typed (with -g).
    let (r, _) = one(&["-g", "https://h.example/a%2fb%zz/x\"<>|^`?c=\"<>"]);
    assert_eq!(url(&r), "https://h.example/a%2fb%zz/x\"<>|^`?c=\"<>");
}

#[test]
fn space_in_url_is_an_error() {
    // verified: curl 7.88 exits 3 ("URL rejected: Malformed input to a URL function").
    let argv = ["https://h.example/a b"];
    let e = err(&argv);
    assert!(e.message.contains("space"));
    assert_eq!(at(&argv, e.span), "https://h.example/a b");
    assert!(e.help.unwrap_or_default().contains("%20"));
}

#[test]
fn url_with_empty_host_is_an_error() {
    let e = err(&["https:///path"]);
    assert!(e.message.contains("no host"));
}

#[test]
fn glob_patterns_warn_unless_globoff() {
    let (r, w) = one(&["https://h.example/{a,b}/[1-3]"]);
    assert_eq!(url(&r), "https://h.example/{a,b}/[1-3]");
    assert!(has_warning(&w, "globbing"));
    let (_, w) = one(&["-g", "https://h.example/{a,b}"]);
    assert!(w.is_empty());
}

#[test]
fn ipv6_host_brackets_do_not_count_as_globs() {
    let (r, w) = one(&["http://[::1]:8080/x"]);
    assert_eq!(url(&r), "http://[::1]:8080/x");
    assert!(w.is_empty());
}

#[test]
fn url_starting_with_env_is_kept_as_typed() {
    let (r, w) = one(&["${BASE}/api/users"]);
    assert_eq!(
        r.url,
        Value(vec![
            Piece::Env("BASE".into()),
            Piece::Bytes(b"/api/users".to_vec())
        ])
    );
    assert!(w.is_empty());
}

#[test]
fn env_in_host_and_query_survives() {
    let (r, _) = one(&["https://${HOST}/v1?key=${KEY}#x"]);
    assert_eq!(
        r.url,
        Value(vec![
            Piece::Bytes(b"https://".to_vec()),
            Piece::Env("HOST".into()),
            Piece::Bytes(b"/v1?key=".to_vec()),
            Piece::Env("KEY".into()),
        ])
    );
}

#[test]
fn url_option_is_a_url() {
    let (r, _) = one(&["--url", "https://h.example/u"]);
    assert_eq!(url(&r), "https://h.example/u");
}

#[test]
fn several_urls_share_the_options() {
    let (r, _) = run_with(
        &["-H", "X-A: 1", "https://h.example/a", "https://h.example/b"],
        None,
    );
    let r = r.expect("ok");
    assert_eq!(r.len(), 2);
    assert_eq!(url(&r[1]), "https://h.example/b");
    assert_eq!(hdrs(&r[0]), vec![h("X-A", "1")]);
    assert_eq!(hdrs(&r[1]), vec![h("X-A", "1")]);
}

#[test]
fn next_starts_a_fresh_option_group() {
    // verified: options before --next do not reach the URL after it.
    let (r, _) = run_with(
        &[
            "-H",
            "X-A: 1",
            "-d",
            "a=1",
            "https://h.example/a",
            "--next",
            "https://h.example/b",
        ],
        None,
    );
    let r = r.expect("ok");
    assert_eq!(r[0].method, Method::Post);
    assert_eq!(r[1].method, Method::Get);
    assert!(r[1].headers.is_empty() && r[1].body.is_none());
}

#[test]
fn next_without_url_is_an_error_at_next() {
    // verified: `curl URL --next` says "no URL specified!".
    let argv = ["https://h.example/", "--next", "-H", "X: 1"];
    let e = err(&argv);
    assert_eq!(e.message, "no URL specified");
    assert_eq!(at(&argv, e.span), "--next");
}

#[test]
fn missing_url_is_an_error_on_the_command() {
    let argv = ["-H", "X: 1"];
    let e = err(&argv);
    assert_eq!(e.span, Some(cmd(&argv).span));
    assert_eq!(e.label.as_deref(), Some("this curl command has no URL"));
    assert_eq!(
        e.help.as_deref(),
        Some("add the URL, e.g. curl https://example.com")
    );
}

#[test]
fn url_query_appends_encoded_pairs() {
    // verified: `?a=1` + `--url-query 'b=x y&z'` + `@file` + `n@file` →
    // `?a=1&b=x+y%26z&d&n=hello%0d%0aworld%0a` (7.88 lower-cases the appended escapes).
    let f = tmp("uq.txt", b"hello\r\nworld\n");
    let (r, _) = one(&[
        "https://h.example/?a=1",
        "--url-query",
        "b=x y&z",
        "--url-query",
        &format!("n@{f}"),
    ]);
    assert_eq!(
        url(&r),
        "https://h.example/?a=1&b=x+y%26z&n=hello%0d%0aworld%0a"
    );
}

#[test]
fn url_query_plus_is_raw_and_starts_the_query() {
    // verified: `+b=%3A` is appended unencoded (as `%3a` by curl 7.88).
    let (r, _) = one(&["https://h.example/p", "--url-query", "+b=%3A"]);
    assert_eq!(url(&r), "https://h.example/p?b=%3a");
}

#[test]
fn url_query_goes_before_a_dropped_fragment() {
    let (r, _) = one(&["https://h.example/p#top", "--url-query", "x=1"]);
    assert_eq!(url(&r), "https://h.example/p?x=1");
}

#[test]
fn url_query_with_env_url_appends_after_question_mark_check() {
    let (r, _) = one(&["${BASE}/s?q=1", "--url-query", "x=2"]);
    assert_eq!(r.url.display(), "$BASE/s?q=1&x=2");
}

// ---------------------------------------------------------------------------------------------
// -G

#[test]
fn get_moves_data_into_the_query() {
    // verified: `-G -d x=1 -d y=2` sends `GET /?x=1&y=2` with no body.
    let (r, _) = one(&["-G", "-d", "x=1", "-d", "y=2", "https://h.example"]);
    assert_eq!(r.method, Method::Get);
    assert_eq!(url(&r), "https://h.example/?x=1&y=2");
    assert_eq!(r.body, None);
    assert!(r.header("Content-Type").is_none());
}

#[test]
fn get_appends_to_an_existing_query_and_lowercases_escapes() {
    // verified: `/p?q` + `-G --data-urlencode 'n=a b/c~é' -d k=%2F` → `/p?q&n=a+b%2fc~%c3%a9&k=%2f`.
    let (r, _) = one(&[
        "https://h.example/p?q",
        "-G",
        "--data-urlencode",
        "n=a b/c~é",
        "-d",
        "k=%2F",
    ]);
    assert_eq!(url(&r), "https://h.example/p?q&n=a+b%2fc~%c3%a9&k=%2f");
}

#[test]
fn get_with_head_is_head() {
    // verified: `-G -I -d a=1` sends `HEAD /?a=1`.
    let (r, _) = one(&["-G", "-I", "-d", "a=1", "https://h.example/"]);
    assert_eq!(r.method, Method::Head);
    assert_eq!(url(&r), "https://h.example/?a=1");
}

#[test]
fn get_with_data_ignores_url_query() {
    // verified: curl 7.88 drops --url-query when -G has data (curl 8 too: append2query gets
    // `httpgetfields ? httpgetfields : config->query`).
    let (r, w) = one(&[
        "https://h.example/p?z",
        "-G",
        "-d",
        "a=1",
        "--url-query",
        "b=2",
    ]);
    assert_eq!(url(&r), "https://h.example/p?z&a=1");
    assert!(has_warning(&w, "ignores --url-query"));
}

#[test]
fn get_without_data_keeps_url_query() {
    let (r, _) = one(&["-G", "https://h.example/p", "--url-query", "b=2"]);
    assert_eq!(url(&r), "https://h.example/p?b=2");
}

#[test]
fn get_reads_data_files_at_conversion_time() {
    let f = tmp("g.txt", b"a=1\r\n&b=2\n");
    let (r, _) = one(&["-G", "-d", &format!("@{f}"), "https://h.example/s"]);
    assert_eq!(url(&r), "https://h.example/s?a=1&b=2");
}

#[test]
fn get_with_unreadable_data_file_is_an_error_on_the_value() {
    let argv = [
        "-G",
        "-d",
        "@/nonexistent/curl2code/x",
        "https://h.example/",
    ];
    let e = err(&argv);
    assert!(e.message.contains("cannot read"));
    assert_eq!(at(&argv, e.span), "@/nonexistent/curl2code/x");
}

#[test]
fn get_with_stdin_data_uses_known_bytes() {
    let (r, _) = one_with(
        &["-G", "-d", "@-", "https://h.example/"],
        Some(Stdin::Bytes(b"q=1\n".to_vec())),
    );
    assert_eq!(url(&r), "https://h.example/?q=1");
}

#[test]
fn get_with_unknown_stdin_is_an_error() {
    let e = err(&["-G", "-d", "@-", "https://h.example/"]);
    assert!(e.message.contains("stdin"));
}

// ---------------------------------------------------------------------------------------------
// methods

#[test]
fn data_makes_a_post() {
    let (r, _) = one(&["-d", "a=1", "https://h.example/"]);
    assert_eq!(r.method, Method::Post);
}

#[test]
fn form_makes_a_post() {
    let (r, _) = one(&["-F", "a=1", "https://h.example/"]);
    assert_eq!(r.method, Method::Post);
}

#[test]
fn upload_makes_a_put() {
    let (r, _) = one(&["-T", "up.bin", "https://h.example/x"]);
    assert_eq!(r.method, Method::Put);
    assert_eq!(r.body, Some(Body::Upload(Source::File(lit("up.bin")))));
}

#[test]
fn head_makes_a_head() {
    let (r, _) = one(&["-I", "https://h.example/"]);
    assert_eq!(r.method, Method::Head);
    let (r, _) = one(&["-I", "--no-head", "https://h.example/"]);
    assert_eq!(r.method, Method::Get);
}

#[test]
fn request_overrides_the_method_on_the_wire() {
    // verified: `-T file -X POST` sends `POST`.
    let (r, w) = one(&["-X", "PATCH", "-d", "a=1", "https://h.example/"]);
    assert_eq!(r.method, Method::Patch);
    assert_eq!(data(&r), vec![text("a=1")]);
    assert!(w.is_empty());
    let (r, _) = one(&["-T", "f.bin", "-X", "POST", "https://h.example/x"]);
    assert_eq!(r.method, Method::Post);
}

#[test]
fn custom_methods_are_kept_verbatim() {
    let (r, _) = one(&["-X", "purge", "https://h.example/"]);
    assert_eq!(r.method, Method::Custom("purge".into()));
    let (r, _) = one(&["-X", "PROPFIND", "https://h.example/"]);
    assert_eq!(r.method.as_str(), "PROPFIND");
}

#[test]
fn get_with_a_body_is_faithful_and_warned() {
    let (r, w) = one(&["-X", "GET", "-d", "a=1", "https://h.example/"]);
    assert_eq!(r.method, Method::Get);
    assert_eq!(data(&r), vec![text("a=1")]);
    assert!(has_warning(&w, "with a body"));
}

#[test]
fn request_head_without_head_option_warns() {
    let argv = ["-X", "HEAD", "https://h.example/"];
    let (r, w) = one(&argv);
    assert_eq!(r.method, Method::Head);
    assert!(has_warning(&w, "never comes"));
    assert_eq!(at(&argv, w[0].span), "HEAD");
}

#[test]
fn head_with_other_request_method_warns() {
    let (r, w) = one(&["-I", "-X", "GET", "https://h.example/"]);
    assert_eq!(r.method, Method::Get);
    assert!(has_warning(&w, "does not read a response body"));
}

#[test]
fn post_without_data_has_no_body() {
    let (r, _) = one(&["-X", "POST", "https://h.example/"]);
    assert_eq!(r.method, Method::Post);
    assert_eq!(r.body, None);
    assert!(r.headers.is_empty());
}

#[test]
fn data_and_form_conflict() {
    // verified: "You can only select one HTTP request method! You asked for both POST (-d,
    // --data) and multipart formpost (-F, --form)." in either order.
    let argv = ["-d", "a=1", "-F", "b=2", "https://h.example/"];
    let e = err(&argv);
    assert!(
        e.message
            .starts_with("You can only select one HTTP request method!")
    );
    assert!(e.message.contains("POST (-d, --data)"));
    assert_eq!(at(&argv, e.span), "-F");
}

#[test]
fn head_and_data_conflict() {
    // verified: `-I -d a=1` is refused.
    let argv = ["-I", "-d", "a=1", "https://h.example/"];
    let e = err(&argv);
    assert!(e.message.contains("HEAD (-I, --head)"));
    assert_eq!(at(&argv, e.span), "a=1");
}

#[test]
fn upload_and_data_conflict() {
    // verified: `-T file -d a=1` is refused (PUT and POST).
    let e = err(&["-T", "f", "-d", "a=1", "https://h.example/"]);
    assert!(e.message.contains("PUT (-T, --upload-file)"));
}

#[test]
fn get_data_and_form_conflict() {
    // verified: `-G -d a=1 -F b=2` is refused.
    let e = err(&["-G", "-d", "a=1", "-F", "b=2", "https://h.example/"]);
    assert!(e.message.contains("GET (-G, --get)"));
}

#[test]
fn get_with_form_only_is_a_multipart_post() {
    // verified: `-G -F b=2` sends a multipart POST.
    let (r, _) = one(&["-G", "-F", "b=2", "https://h.example/"]);
    assert_eq!(r.method, Method::Post);
    assert_eq!(parts(&r).len(), 1);
}

// ---------------------------------------------------------------------------------------------
// headers

#[test]
fn headers_keep_order_and_duplicates() {
    // verified: `-H 'X-A: 1' -H 'X-A:' -H 'X-A: 2'` sends both X-A lines.
    let (r, _) = one(&[
        "-H",
        "X-A: 1",
        "-H",
        "X-B: b",
        "-H",
        "X-A:",
        "-H",
        "X-A: 2",
        "https://h.example/",
    ]);
    assert_eq!(hdrs(&r), vec![h("X-A", "1"), h("X-B", "b"), h("X-A", "2")]);
    assert_eq!(r.removed_headers, vec![HeaderName::new("X-A")]);
}

#[test]
fn semicolon_header_is_sent_empty() {
    // verified: `-H 'X-Empty;'` sends `X-Empty:`.
    let (r, _) = one(&["-H", "X-Empty;", "https://h.example/"]);
    assert_eq!(hdrs(&r), vec![h("X-Empty", "")]);
}

#[test]
fn colon_header_removes_curls_own() {
    // verified: `-H 'User-Agent:' -H 'Accept:'` sends neither.
    let (r, _) = one(&[
        "-H",
        "User-Agent:",
        "-H",
        "accept:   ",
        "https://h.example/",
    ]);
    assert!(r.headers.is_empty());
    assert_eq!(
        r.removed_headers,
        vec![HeaderName::new("User-Agent"), HeaderName::new("Accept")]
    );
}

#[test]
fn semicolon_then_blanks_removes_and_sends_nothing() {
    // verified: `-H 'Y; '` is not sent.
    let (r, _) = one(&["-H", "Y; ", "https://h.example/"]);
    assert!(r.headers.is_empty());
    assert_eq!(r.removed_headers, vec![HeaderName::new("Y")]);
}

#[test]
fn header_without_colon_is_not_sent() {
    // verified: `-H NoColon`, `-H 'Z; q'` and `-H ': v'` send nothing.
    let argv = [
        "-H",
        "NoColon",
        "-H",
        "Z; q",
        "-H",
        ": v",
        "https://h.example/",
    ];
    let (r, w) = one(&argv);
    assert!(r.headers.is_empty());
    assert_eq!(w.len(), 3);
    assert_eq!(at(&argv, w[0].span), "NoColon");
}

#[test]
fn header_value_blanks_are_trimmed() {
    // verified: curl sends `x-b:   spaced  ` as typed; the value is "spaced".
    let (r, _) = one(&[
        "-H",
        "x-b:   spaced  ",
        "-H",
        "X-C:no",
        "https://h.example/",
    ]);
    assert_eq!(hdrs(&r), vec![h("x-b", "spaced"), h("X-C", "no")]);
}

#[test]
fn bad_header_name_warns_but_is_kept() {
    let (r, w) = one(&["-H", "Bad Name: 1", "https://h.example/"]);
    assert_eq!(hdrs(&r), vec![h("Bad Name", "1")]);
    assert!(has_warning(&w, "not a valid header name"));
}

#[test]
fn header_value_keeps_env_references() {
    let (r, w) = one(&["-H", "Authorization: Bearer ${TOKEN}", "https://h.example/"]);
    assert_eq!(
        r.headers[0].value,
        Value(vec![
            Piece::Bytes(b"Bearer ".to_vec()),
            Piece::Env("TOKEN".into())
        ])
    );
    assert!(w.is_empty());
}

#[test]
fn header_entirely_from_env_is_warned_and_dropped() {
    let (r, w) = one(&["-H", "${HDR}", "https://h.example/"]);
    assert!(r.headers.is_empty());
    assert!(has_warning(&w, "comes from `$HDR`"));
}

#[test]
fn header_file_is_read_line_by_line() {
    let f = tmp("h.txt", b"X-One: 1\r\nX-Two;\n\nAccept:\n");
    let (r, w) = one(&[
        "-H",
        &format!("@{f}"),
        "-H",
        "X-Three: 3",
        "https://h.example/",
    ]);
    assert_eq!(
        hdrs(&r),
        vec![h("X-One", "1"), h("X-Two", ""), h("X-Three", "3")]
    );
    assert_eq!(r.removed_headers, vec![HeaderName::new("Accept")]);
    assert!(w.is_empty());
}

#[test]
fn missing_header_file_is_an_error_on_the_value() {
    let argv = ["-H", "@/nonexistent/curl2code/h", "https://h.example/"];
    let e = err(&argv);
    assert!(e.is_error());
    assert_eq!(at(&argv, e.span), "@/nonexistent/curl2code/h");
    assert!(e.label.is_some() && e.help.is_some());
}

#[test]
fn header_from_stdin_uses_known_bytes() {
    let (r, _) = one_with(
        &["-H", "@-", "https://h.example/"],
        Some(Stdin::Bytes(b"X-In: 1\n".to_vec())),
    );
    assert_eq!(hdrs(&r), vec![h("X-In", "1")]);
}

#[test]
fn user_agent_referer_cookie_come_first_in_curls_order() {
    // verified: curl sends User-Agent, Referer, Cookie, then the -H headers.
    let (r, _) = one(&[
        "-H",
        "X-A: 1",
        "-A",
        "ua/1",
        "-e",
        "https://ref.example/",
        "-b",
        "c=1",
        "https://h.example/",
    ]);
    assert_eq!(
        hdrs(&r),
        vec![
            h("User-Agent", "ua/1"),
            h("Referer", "https://ref.example/"),
            h("Cookie", "c=1"),
            h("X-A", "1"),
        ]
    );
}

#[test]
fn empty_user_agent_removes_it() {
    // verified: `-A ''` sends no User-Agent at all.
    let (r, _) = one(&["-A", "", "https://h.example/"]);
    assert!(r.headers.is_empty());
    assert_eq!(r.removed_headers, vec![HeaderName::new("User-Agent")]);
}

#[test]
fn custom_headers_beat_user_agent_referer_and_cookie_options() {
    // verified: `-A ua -H 'user-agent: x' -e r -H 'Referer:' -b c=1 -H 'Cookie: z=9'` sends only
    // `user-agent: x` and `Cookie: z=9`.
    let (r, _) = one(&[
        "-A",
        "ua",
        "-H",
        "user-agent: x",
        "-e",
        "r",
        "-H",
        "Referer:",
        "-b",
        "c=1",
        "-H",
        "Cookie: z=9",
        "https://h.example/",
    ]);
    assert_eq!(hdrs(&r), vec![h("user-agent", "x"), h("Cookie", "z=9")]);
    assert_eq!(r.removed_headers, vec![HeaderName::new("Referer")]);
}

#[test]
fn referer_auto_suffix_is_stripped() {
    // verified: `-e 'http://r/;auto'` sends `Referer: http://r/`.
    let (r, _) = one(&["-e", "http://r.example/;auto", "https://h.example/"]);
    assert_eq!(hdrs(&r), vec![h("Referer", "http://r.example/")]);
    let (r, _) = one(&["-e", ";auto", "https://h.example/"]);
    assert!(r.headers.is_empty());
}

#[test]
fn referer_auto_with_location_warns() {
    let (_, w) = one(&["-L", "-e", "https://r.example/;auto", "https://h.example/"]);
    assert!(has_warning(&w, ";auto"));
}

#[test]
fn cookie_strings_are_joined_with_a_bare_semicolon() {
    // verified: `-b c=1 -b d=2` sends `Cookie: c=1;d=2`.
    let (r, _) = one(&["-b", "c=1", "-b", "d=2; e=3", "https://h.example/"]);
    assert_eq!(hdrs(&r), vec![h("Cookie", "c=1;d=2; e=3")]);
    assert!(r.transfer.cookie_files.is_empty());
}

#[test]
fn cookie_without_equals_is_a_file() {
    let (r, _) = one(&["-b", "jar.txt", "-b", "", "https://h.example/"]);
    assert!(r.headers.is_empty());
    assert_eq!(r.transfer.cookie_files, vec![lit("jar.txt")]);
}

#[test]
fn cookie_from_env_only_is_read_as_text_with_a_warning() {
    let (r, w) = one(&["-b", "${COOKIES}", "https://h.example/"]);
    assert_eq!(r.header("Cookie"), Some(&Value::env("COOKIES")));
    assert!(has_warning(&w, "cookie text"));
}

#[test]
fn data_adds_form_content_type_after_custom_headers() {
    // verified: `-H 'X-A: 1' -d a=1` sends X-A then Content-Type: application/x-www-form-urlencoded.
    let (r, _) = one(&["-H", "X-A: 1", "-d", "a=1", "https://h.example/"]);
    assert_eq!(
        hdrs(&r),
        vec![
            h("X-A", "1"),
            h("Content-Type", "application/x-www-form-urlencoded")
        ]
    );
}

#[test]
fn user_content_type_replaces_the_form_default() {
    // verified: two -H Content-Type lines are both sent, and no default is added.
    let (r, _) = one(&[
        "-H",
        "Content-Type: text/x",
        "-d",
        "q",
        "-H",
        "content-type: text/y",
        "https://h.example/",
    ]);
    assert_eq!(
        hdrs(&r),
        vec![h("Content-Type", "text/x"), h("content-type", "text/y")]
    );
}

#[test]
fn removed_content_type_sends_none() {
    // verified: `-H 'Content-Type:' -d q` sends no Content-Type.
    let (r, _) = one(&["-H", "Content-Type:", "-d", "q", "https://h.example/"]);
    assert!(r.headers.is_empty());
    assert_eq!(r.removed_headers, vec![HeaderName::new("Content-Type")]);
}

#[test]
fn json_adds_content_type_and_accept() {
    // verified: `--json '{}'` sends Content-Type: application/json and Accept: application/json
    // after the -H headers.
    let (r, _) = one(&["-H", "X-A: 1", "--json", "{}", "https://h.example/"]);
    assert_eq!(r.method, Method::Post);
    assert_eq!(
        hdrs(&r),
        vec![
            h("X-A", "1"),
            h("Content-Type", "application/json"),
            h("Accept", "application/json"),
        ]
    );
    assert_eq!(data(&r), vec![text("{}")]);
}

#[test]
fn json_keeps_the_users_accept_and_content_type() {
    // verified: only `Accept: application/vnd.x+json` and `Content-Type:` (empty) are sent.
    let (r, _) = one(&[
        "--json",
        "{}",
        "-H",
        "Accept: application/vnd.x+json",
        "-H",
        "Content-Type;",
        "https://h.example/",
    ]);
    assert_eq!(
        hdrs(&r),
        vec![h("Accept", "application/vnd.x+json"), h("Content-Type", "")]
    );
}

#[test]
fn compressed_sets_the_flag_and_leaves_accept_encoding_to_codegen() {
    // curl 7.88 here sends `Accept-Encoding: deflate, gzip, br, zstd`; the list depends on the
    // build, so the header is left to each target (transfer.compressed).
    let (r, _) = one(&["--compressed", "https://h.example/"]);
    assert!(r.transfer.compressed);
    assert!(r.headers.is_empty());
    let (r, _) = one(&["--compressed", "--no-compressed", "https://h.example/"]);
    assert!(!r.transfer.compressed);
}

// ---------------------------------------------------------------------------------------------
// -d family

#[test]
fn data_options_are_joined_with_ampersands() {
    let (r, _) = one(&[
        "-d",
        "a=1",
        "--data-raw",
        "@b",
        "--data-ascii",
        "c=3",
        "https://h.example/",
    ]);
    assert_eq!(data(&r), vec![text("a=1&@b&c=3")]);
}

#[test]
fn leading_empty_data_still_gets_its_separator() {
    // curl appends `&` whenever an earlier data option was given, even an empty one (checked
    // against curl 7.88 on a loopback listener).
    let (r, _) = one(&["-d", "", "-d", "b", "https://h.example/"]);
    assert_eq!(data(&r), vec![text("&b")]);
    let (r, _) = one(&["-d", "", "-d", "", "https://h.example/"]);
    assert_eq!(data(&r), vec![text("&")]);
    let (r, _) = one(&["--json", "", "-d", "b", "https://h.example/"]);
    assert_eq!(data(&r), vec![text("&b")]);
    // `--json` itself never gets one.
    let (r, _) = one(&["-d", "", "--json", "x", "https://h.example/"]);
    assert_eq!(data(&r), vec![text("x")]);
    let (r, _) = one(&["-d", "a", "-d", "", "https://h.example/"]);
    assert_eq!(data(&r), vec![text("a&")]);
    let (r, _) = one(&["-d", "", "https://h.example/"]);
    assert_eq!(r.body, Some(Body::Data(vec![])));
    assert_eq!(r.method, Method::Post);
}

#[test]
fn data_at_file_strips_newlines_at_run_time() {
    let (r, _) = one(&["-d", "@body.txt", "-d", "x=1", "https://h.example/"]);
    assert_eq!(
        data(&r),
        vec![
            Segment::Read {
                source: Source::File(lit("body.txt")),
                transform: Transform::StripNewlines
            },
            text("&x=1"),
        ]
    );
}

#[test]
fn data_binary_and_json_at_file_are_raw() {
    let (r, _) = one(&["--data-binary", "@b.bin", "https://h.example/"]);
    assert_eq!(
        data(&r),
        vec![Segment::Read {
            source: Source::File(lit("b.bin")),
            transform: Transform::Raw
        }]
    );
    let (r, _) = one(&["--json", "@b.json", "https://h.example/"]);
    assert_eq!(
        data(&r),
        vec![Segment::Read {
            source: Source::File(lit("b.json")),
            transform: Transform::Raw
        }]
    );
}

#[test]
fn data_raw_has_no_at_meaning() {
    let (r, _) = one(&["--data-raw", "@not-a-file", "https://h.example/"]);
    assert_eq!(data(&r), vec![text("@not-a-file")]);
}

#[test]
fn data_at_stdin_uses_known_bytes_stripped() {
    // verified: `-d @-` with "st\ndin" on stdin sends `stdin`; --data-binary keeps newlines.
    let stdin = Some(Stdin::Bytes(b"st\r\ndin\n".to_vec()));
    let (r, _) = one_with(&["-d", "@-", "https://h.example/"], stdin.clone());
    assert_eq!(data(&r), vec![text("stdin")]);
    let (r, _) = one_with(&["--data-binary", "@-", "https://h.example/"], stdin);
    assert_eq!(data(&r), vec![text("st\r\ndin\n")]);
}

#[test]
fn data_at_stdin_from_a_file_redirect_reads_that_file() {
    let stdin = Some(Stdin::File(word("in.txt", Span::default())));
    let (r, _) = one_with(&["-d", "@-", "https://h.example/"], stdin);
    assert_eq!(
        data(&r),
        vec![Segment::Read {
            source: Source::File(lit("in.txt")),
            transform: Transform::StripNewlines
        }]
    );
}

#[test]
fn data_at_stdin_unknown_reads_the_programs_stdin() {
    let (r, _) = one(&["--data-binary", "@-", "https://h.example/"]);
    assert_eq!(
        data(&r),
        vec![Segment::Read {
            source: Source::Stdin,
            transform: Transform::Raw
        }]
    );
}

#[test]
fn data_urlencode_content_forms() {
    // verified: the first `=` splits, so 'plain +&=x' is the name "plain +&" (sent as is) with
    // content "x"; `=lead` → `lead`; `a@b=c` → `a@b=c` (the `=` wins over the `@`).
    let (r, _) = one(&[
        "--data-urlencode",
        "plain +&=x",
        "--data-urlencode",
        "=lead",
        "--data-urlencode",
        "a@b=c",
        "--data-urlencode",
        "no name here",
        "https://h.example/",
    ]);
    assert_eq!(data(&r), vec![text("plain +&=x&lead&a@b=c&no+name+here")]);
}

#[test]
fn data_urlencode_name_is_not_encoded_content_is() {
    // verified: 'n=a b/c~é' → `n=a+b%2Fc~%C3%A9` (upper-case hex in the body).
    let (r, _) = one(&["--data-urlencode", "n=a b/c~é", "https://h.example/"]);
    assert_eq!(data(&r), vec![text("n=a+b%2Fc~%C3%A9")]);
}

#[test]
fn data_urlencode_file_forms_read_at_run_time() {
    let (r, _) = one(&[
        "--data-urlencode",
        "n@a.txt",
        "--data-urlencode",
        "@b.dat",
        "https://h.example/",
    ]);
    assert_eq!(
        data(&r),
        vec![
            text("n="),
            Segment::Read {
                source: Source::File(lit("a.txt")),
                transform: Transform::UrlEncode
            },
            text("&"),
            Segment::Read {
                source: Source::File(lit("b.dat")),
                transform: Transform::UrlEncode
            },
        ]
    );
}

#[test]
fn data_urlencode_stdin_known_is_encoded_now() {
    let (r, _) = one_with(
        &["--data-urlencode", "q@-", "https://h.example/"],
        Some(Stdin::Bytes(b"a b\n".to_vec())),
    );
    assert_eq!(data(&r), vec![text("q=a+b%0A")]);
}

/// The value of `$name`, percent-encoded at run time with `hex` digits.
fn encoded(name: &str, hex: HexCase) -> Piece {
    Piece::EnvEncoded {
        name: name.into(),
        hex,
    }
}

#[test]
fn data_urlencode_env_is_encoded_at_run_time() {
    // verified: with MSG='a&b/é', 'msg=hi ${MSG}' → `msg=hi+a%26b%2F%C3%A9`: curl encodes the
    // variable's value (upper-case hex in the body), so the program must too.
    let argv = ["--data-urlencode", "msg=hi ${MSG}!", "https://h.example/"];
    let (r, w) = one(&argv);
    assert_eq!(
        data(&r),
        vec![Segment::Text(Value(vec![
            Piece::Bytes(b"msg=hi+".to_vec()),
            encoded("MSG", HexCase::Upper),
            Piece::Bytes(b"%21".to_vec()),
        ]))]
    );
    assert!(w.is_empty(), "{w:?}");
}

#[test]
fn data_urlencode_env_name_is_not_encoded() {
    // Only the content is encoded; a `$VAR` before the `=` is sent as is.
    let (r, _) = one(&[
        "--data-urlencode",
        "${KEY}=${VAL}",
        "-d",
        "x=1",
        "https://h.example/",
    ]);
    assert_eq!(
        data(&r),
        vec![Segment::Text(Value(vec![
            Piece::Env("KEY".into()),
            Piece::Bytes(b"=".to_vec()),
            encoded("VAL", HexCase::Upper),
            Piece::Bytes(b"&x=1".to_vec()),
        ]))]
    );
}

#[test]
fn url_query_env_is_encoded_with_lower_case_hex() {
    // verified: `--url-query 'tag=${TAG}'` with TAG='a b/c' → `?tag=a+b%2fc` (7.88 lower-cases
    // the appended escapes, those of the variable's value too).
    let (r, w) = one(&["https://h.example/items", "--url-query", "tag=${TAG}"]);
    assert_eq!(
        r.url,
        Value(vec![
            Piece::Bytes(b"https://h.example/items?tag=".to_vec()),
            encoded("TAG", HexCase::Lower),
        ])
    );
    assert!(w.is_empty(), "{w:?}");
}

#[test]
fn get_data_urlencode_env_is_encoded_with_lower_case_hex() {
    // A raw `-d` env reference stays raw; only the --data-urlencode one is encoded.
    let (r, w) = one(&[
        "-G",
        "https://h.example/s",
        "--data-urlencode",
        "q=${Q}",
        "-d",
        "raw=${R}",
    ]);
    assert_eq!(
        r.url,
        Value(vec![
            Piece::Bytes(b"https://h.example/s?q=".to_vec()),
            encoded("Q", HexCase::Lower),
            Piece::Bytes(b"&raw=".to_vec()),
            Piece::Env("R".into()),
        ])
    );
    assert_eq!(r.body, None);
    assert!(w.is_empty(), "{w:?}");
}

#[test]
fn encoded_env_serialises_readably() {
    let (r, _) = one(&["https://h.example/", "--url-query", "t=${T}"]);
    assert_eq!(
        serde_json::to_string(&r.url).unwrap(),
        r#"[{"text":"https://h.example/?t="},{"env_urlencoded":"T","hex_case":"lower"}]"#
    );
    let (r, _) = one(&["https://h.example/", "--data-urlencode", "${T}"]);
    assert_eq!(
        serde_json::to_string(&r.body).unwrap(),
        r#"{"data":[{"text":[{"env_urlencoded":"T"}]}]}"#
    );
}

#[test]
fn json_pieces_are_concatenated_without_separator() {
    // verified: `--json '{"a":1}' --json '[2]' -d z=1` sends `{"a":1}[2]&z=1`, and
    // `-d z=1 --json '[2]'` sends `z=1[2]`.
    let (r, _) = one(&[
        "--json",
        "{\"a\":1}",
        "--json",
        "[2]",
        "-d",
        "z=1",
        "https://h.example/",
    ]);
    assert_eq!(data(&r), vec![text("{\"a\":1}[2]&z=1")]);
    assert_eq!(r.header("Content-Type"), Some(&lit("application/json")));
    let (r, _) = one(&["-d", "z=1", "--json", "[2]", "https://h.example/"]);
    assert_eq!(data(&r), vec![text("z=1[2]")]);
}

#[test]
fn data_keeps_env_references() {
    let (r, _) = one(&["-d", "token=${TOKEN}", "https://h.example/"]);
    assert_eq!(
        data(&r),
        vec![Segment::Text(Value(vec![
            Piece::Bytes(b"token=".to_vec()),
            Piece::Env("TOKEN".into())
        ]))]
    );
}

// ---------------------------------------------------------------------------------------------
// -F

fn part(name: &str, content: PartContent) -> Part {
    Part {
        name: lit(name),
        content,
        filename: None,
        content_type: None,
        headers: vec![],
    }
}

#[test]
fn form_text_part_has_no_content_type() {
    // verified: `-F k= spaced ` sends `spaced` (blanks trimmed), no Content-Type.
    let (r, _) = one(&["-F", "a=1", "-F", "k= spaced ", "https://h.example/"]);
    assert_eq!(
        parts(&r),
        vec![
            part("a", PartContent::Text(lit("1"))),
            part("k", PartContent::Text(lit("spaced")))
        ]
    );
    assert!(r.headers.is_empty());
}

#[test]
fn form_file_part_gets_base_name_and_guessed_type() {
    // verified: `-F g=@p.png` sends filename="p.png", Content-Type: image/png.
    let (r, _) = one(&["-F", "g=@dir/p.png", "https://h.example/"]);
    let p = &parts(&r)[0];
    assert_eq!(p.content, PartContent::File(Source::File(lit("dir/p.png"))));
    assert_eq!(p.filename, Some(lit("p.png")));
    assert_eq!(p.content_type, Some(lit("image/png")));
}

#[test]
fn form_file_with_unknown_extension_is_octet_stream() {
    // verified: `-F g=@a.dat` sends application/octet-stream.
    let (r, _) = one(&["-F", "g=@a.dat", "https://h.example/"]);
    assert_eq!(
        parts(&r)[0].content_type,
        Some(lit("application/octet-stream"))
    );
}

#[test]
fn form_type_guess_uses_filename_then_path_case_insensitive() {
    // verified: `@a.txt;filename=x.dat` → text/plain (from the path); `@a.dat;filename=X.JPG`
    // → image/jpeg.
    let (r, _) = one(&[
        "-F",
        "h=@a.txt;filename=x.dat",
        "-F",
        "i=@a.dat;filename=X.JPG",
        "https://h.example/",
    ]);
    let p = parts(&r);
    assert_eq!(p[0].filename, Some(lit("x.dat")));
    assert_eq!(p[0].content_type, Some(lit("text/plain")));
    assert_eq!(p[1].content_type, Some(lit("image/jpeg")));
}

#[test]
fn form_text_part_with_filename_gets_a_type() {
    // verified: `-F 'h=hi;filename=x.txt'` sends filename="x.txt", Content-Type: text/plain.
    let (r, _) = one(&["-F", "h=hi;filename=x.txt", "https://h.example/"]);
    let p = &parts(&r)[0];
    assert_eq!(p.content, PartContent::Text(lit("hi")));
    assert_eq!(p.filename, Some(lit("x.txt")));
    assert_eq!(p.content_type, Some(lit("text/plain")));
}

#[test]
fn form_contents_part_has_no_filename_and_drops_text_plain() {
    // verified: `-F 'f=<a.txt'` sends no filename and no Content-Type; `-F 'f=<p.png'` sends
    // Content-Type: image/png.
    let (r, _) = one(&["-F", "f=<a.txt", "-F", "g=<p.png", "https://h.example/"]);
    let p = parts(&r);
    assert_eq!(
        p[0],
        part("f", PartContent::FileContents(Source::File(lit("a.txt"))))
    );
    assert_eq!(p[1].filename, None);
    assert_eq!(p[1].content_type, Some(lit("image/png")));
}

#[test]
fn form_explicit_type_keeps_its_parameters() {
    // verified: sends `Content-Type: text/plain; charset=utf-8` and filename="m.txt".
    let (r, _) = one(&[
        "-F",
        "m=@a.bin;type=text/plain; charset=utf-8;filename=m.txt",
        "https://h.example/",
    ]);
    let p = &parts(&r)[0];
    assert_eq!(p.content_type, Some(lit("text/plain; charset=utf-8")));
    assert_eq!(p.filename, Some(lit("m.txt")));
}

#[test]
fn form_quoted_value_keeps_semicolons_and_escaped_quotes() {
    // verified: `-F 'q="a;b\"c";type=text/x'` sends `a;b"c` with Content-Type: text/x.
    let (r, _) = one(&["-F", "q=\"a;b\\\"c\";type=text/x", "https://h.example/"]);
    let p = &parts(&r)[0];
    assert_eq!(p.content, PartContent::Text(lit("a;b\"c")));
    assert_eq!(p.content_type, Some(lit("text/x")));
}

#[test]
fn form_quoted_file_name_may_hold_separators() {
    // verified: `-F 'k=@"a.dat";filename="q;r"'` sends filename="q;r".
    let (r, _) = one(&[
        "-F",
        "k=@\"a,b.dat\";filename=\"q;r\"",
        "https://h.example/",
    ]);
    let p = &parts(&r)[0];
    assert_eq!(p.content, PartContent::File(Source::File(lit("a,b.dat"))));
    assert_eq!(p.filename, Some(lit("q;r")));
}

#[test]
fn form_string_is_literal() {
    let (r, _) = one(&["--form-string", "a=@x;type=y", "https://h.example/"]);
    assert_eq!(
        parts(&r),
        vec![part("a", PartContent::Text(lit("@x;type=y")))]
    );
}

#[test]
fn form_part_headers_inline() {
    // verified: `-F 'm=v;headers="X-A: 1";headers=X-B: 2'` sends both part headers.
    let (r, _) = one(&[
        "-F",
        "m=v;headers=\"X-A: 1\";headers=X-B: 2",
        "https://h.example/",
    ]);
    let p = &parts(&r)[0];
    assert_eq!(
        p.headers,
        vec![header("X-A", lit("1")), header("X-B", lit("2"))]
    );
}

#[test]
fn form_part_header_content_type_becomes_the_type() {
    // verified: the part carries one `Content-Type: text/q`; with `;type=text/z` too, only text/z.
    let (r, _) = one(&[
        "-F",
        "m=v;headers=Content-Type: text/q",
        "https://h.example/",
    ]);
    let p = &parts(&r)[0];
    assert_eq!(p.content_type, Some(lit("text/q")));
    assert!(p.headers.is_empty());
}

#[test]
fn form_part_headers_from_file_fold_and_skip_comments() {
    let f = tmp("ph.txt", b"# comment\nX-A: 1\n  continued\r\nX-B: 2\n");
    let (r, _) = one(&["-F", &format!("m=v;headers=@{f}"), "https://h.example/"]);
    let p = &parts(&r)[0];
    assert_eq!(
        p.headers,
        vec![header("X-A", lit("1  continued")), header("X-B", lit("2"))]
    );
}

#[test]
fn form_part_headers_file_missing_warns() {
    let (r, w) = one(&["-F", "m=v;headers=@/nonexistent/ph", "https://h.example/"]);
    assert!(parts(&r)[0].headers.is_empty());
    assert!(has_warning(&w, "cannot read"));
}

#[test]
fn form_without_equals_is_an_error() {
    let argv = ["-F", "novalue", "https://h.example/"];
    let e = err(&argv);
    assert!(e.message.contains("Illegally formatted input field"));
    assert_eq!(at(&argv, e.span), "novalue");
}

#[test]
fn form_bad_type_is_an_error() {
    let e = err(&["-F", "a=@f;type=nonsense", "https://h.example/"]);
    assert!(e.message.contains("content-type"));
}

#[test]
fn form_several_files_keep_the_first_and_warn() {
    let (r, w) = one(&["-F", "f=@a.png,b.png", "https://h.example/"]);
    assert_eq!(
        parts(&r)[0].content,
        PartContent::File(Source::File(lit("a.png")))
    );
    assert!(has_warning(&w, "several files"));
}

#[test]
fn form_encoder_and_unknown_parameters_warn() {
    let (r, w) = one(&[
        "-F",
        "a=1;encoder=base64",
        "-F",
        "msg=hello; world",
        "https://h.example/",
    ]);
    assert_eq!(parts(&r)[1].content, PartContent::Text(lit("hello")));
    assert!(has_warning(&w, "encoder=base64"));
    assert!(has_warning(&w, "unknown form parameter `world`"));
}

#[test]
fn form_without_name_sends_none() {
    // verified: `-F =noname` sends `Content-Disposition: form-data` with no name.
    let (r, _) = one(&["-F", "=noname", "https://h.example/"]);
    assert_eq!(parts(&r)[0].name, Value::default());
}

#[test]
fn form_file_from_stdin() {
    let (r, _) = one(&["-F", "f=@-", "https://h.example/"]);
    let p = &parts(&r)[0];
    assert_eq!(p.content, PartContent::File(Source::Stdin));
    assert_eq!(p.filename, Some(lit("-")));
    let (r, _) = one_with(
        &["-F", "f=<-", "https://h.example/"],
        Some(Stdin::Bytes(b"xyz".to_vec())),
    );
    assert_eq!(parts(&r)[0].content, PartContent::Text(lit("xyz")));
}

#[test]
fn form_nested_multipart_is_skipped_with_a_warning() {
    let (r, w) = one(&[
        "-F",
        "a=1",
        "-F",
        "b=(;type=multipart/mixed",
        "https://h.example/",
    ]);
    assert_eq!(parts(&r).len(), 1);
    assert!(has_warning(&w, "nested"));
}

#[test]
fn form_with_user_multipart_content_type_keeps_it() {
    // verified: curl appends `; boundary=…` to the user's Content-Type (left to codegen).
    let (r, _) = one(&[
        "-H",
        "Content-Type: multipart/mixed",
        "-F",
        "a=1",
        "https://h.example/",
    ]);
    assert_eq!(hdrs(&r), vec![h("Content-Type", "multipart/mixed")]);
}

// ---------------------------------------------------------------------------------------------
// -T

#[test]
fn upload_to_a_directory_url_appends_the_encoded_base_name() {
    // verified: `-T 'sp ace#.dat' http://h` sends `PUT /sp%20ace%23.dat`; `/dir/?q=1` with
    // `-T ./a.dat` sends `PUT /dir/a.dat?q=1`.
    let (r, _) = one(&["-T", "sp ace#.dat", "https://h.example"]);
    assert_eq!(url(&r), "https://h.example/sp%20ace%23.dat");
    let (r, _) = one(&["-T", "./a.dat", "https://h.example/dir/?q=1"]);
    assert_eq!(url(&r), "https://h.example/dir/a.dat?q=1");
}

#[test]
fn upload_to_a_file_url_keeps_it() {
    let (r, _) = one(&["-T", "a.dat", "https://h.example/target"]);
    assert_eq!(url(&r), "https://h.example/target");
}

#[test]
fn upload_from_stdin_adds_no_name() {
    // verified: `-T -` to `/d/` sends `PUT /d/`.
    let (r, _) = one(&["-T", "-", "https://h.example/d/"]);
    assert_eq!(url(&r), "https://h.example/d/");
    assert_eq!(r.body, Some(Body::Upload(Source::Stdin)));
    let (r, _) = one_with(
        &["-T", "-", "https://h.example/d/"],
        Some(Stdin::Bytes(b"hi".to_vec())),
    );
    assert_eq!(r.body, Some(Body::Data(vec![text("hi")])));
    assert_eq!(r.method, Method::Put);
    assert!(r.headers.is_empty());
}

#[test]
fn upload_files_go_to_urls_in_order() {
    let (r, _) = run_with(
        &[
            "-T",
            "a.txt",
            "https://h.example/1/",
            "https://h.example/2/",
        ],
        None,
    );
    let r = r.expect("ok");
    assert_eq!(url(&r[0]), "https://h.example/1/a.txt");
    assert_eq!(r[0].method, Method::Put);
    assert_eq!(url(&r[1]), "https://h.example/2/");
    assert_eq!(r[1].method, Method::Get);
}

#[test]
fn empty_upload_name_means_no_upload() {
    let (r, _) = one(&["-T", "", "https://h.example/"]);
    assert_eq!(r.method, Method::Get);
    assert_eq!(r.body, None);
}

// ---------------------------------------------------------------------------------------------
// auth

#[test]
fn user_splits_at_the_first_colon() {
    let (r, _) = one(&["-u", "me:pa:ss", "https://h.example/"]);
    assert_eq!(
        r.auth,
        Some(Auth::Basic {
            user: lit("me"),
            password: lit("pa:ss")
        })
    );
}

#[test]
fn user_without_password_warns_and_sends_empty() {
    // verified: `-u user` prompts; with an empty answer curl sends Basic dXNlcjo= ("user:").
    let argv = ["-u", "user", "https://h.example/"];
    let (r, w) = one(&argv);
    assert_eq!(
        r.auth,
        Some(Auth::Basic {
            user: lit("user"),
            password: lit("")
        })
    );
    assert!(has_warning(&w, "prompt"));
    assert_eq!(at(&argv, w[0].span), "user");
}

#[test]
fn user_with_env_pieces_splits_on_the_literal_colon() {
    let (r, _) = one(&["-u", "${USER}:${PASS}", "https://h.example/"]);
    assert_eq!(
        r.auth,
        Some(Auth::Basic {
            user: Value::env("USER"),
            password: Value::env("PASS")
        })
    );
}

#[test]
fn digest_ntlm_negotiate() {
    // verified: `--digest -u a:b` sends no Authorization on the first request (it waits for the
    // challenge): the IR says Digest and the target handles the handshake.
    let (r, _) = one(&["--digest", "-u", "a:b", "https://h.example/"]);
    assert_eq!(
        r.auth,
        Some(Auth::Digest {
            user: lit("a"),
            password: lit("b")
        })
    );
    let (r, w) = one(&["--ntlm", "-u", "a:b", "https://h.example/"]);
    assert!(matches!(r.auth, Some(Auth::Ntlm { .. })));
    assert!(has_warning(&w, "NTLM"));
    let (r, w) = one(&["--negotiate", "-u", ":", "https://h.example/"]);
    assert_eq!(r.auth, None);
    assert!(has_warning(&w, "Negotiate"));
    let (r, _) = one(&["--digest", "--no-digest", "-u", "a:b", "https://h.example/"]);
    assert!(matches!(r.auth, Some(Auth::Basic { .. })));
}

/// Verified against curl 7.88 on loopback: with several schemes the first request carries no
/// Authorization header (curl waits for the 401 to pick one); Digest, which also waits for the
/// challenge, stands in when it is one of them.
#[test]
fn several_schemes_send_no_credentials_first() {
    let (r, w) = one(&["--anyauth", "-u", "a:b", "https://h.example/"]);
    assert!(matches!(r.auth, Some(Auth::Digest { .. })));
    assert!(has_warning(&w, "401"));
    let (r, w) = one(&[
        "--oauth2-bearer",
        "T",
        "--user",
        "user:pass",
        "--no-basic",
        "--digest",
        "https://h.example/",
    ]);
    assert!(matches!(r.auth, Some(Auth::Digest { .. })), "{:?}", r.auth);
    assert!(has_warning(&w, "401"));
    for args in [
        &[
            "--oauth2-bearer",
            "T",
            "--basic",
            "-u",
            "a:b",
            "https://h.example/",
        ][..],
        &["--basic", "--ntlm", "-u", "a:b", "https://h.example/"][..],
        &["--oauth2-bearer", "T", "--digest", "https://h.example/"][..],
    ] {
        let (r, w) = one(args);
        assert_eq!(r.auth, None, "{args:?}");
        assert!(has_warning(&w, "401"), "{args:?}");
    }
    // One scheme: used at once.
    let (r, _) = one(&["--oauth2-bearer", "T", "-u", "a:b", "https://h.example/"]);
    assert!(matches!(r.auth, Some(Auth::Bearer { .. })));
}

#[test]
fn bearer_beats_user() {
    // verified: `--oauth2-bearer tok -u a:b` (either order) sends `Bearer tok`.
    let (r, _) = one(&["-u", "a:b", "--oauth2-bearer", "tok", "https://h.example/"]);
    assert_eq!(r.auth, Some(Auth::Bearer { token: lit("tok") }));
}

#[test]
fn authorization_header_beats_user() {
    // verified: `-H 'Authorization: Bearer t' -u a:b` sends only the header.
    let (r, w) = one(&[
        "-H",
        "Authorization: Bearer t",
        "-u",
        "a:b",
        "https://h.example/",
    ]);
    assert_eq!(r.auth, None);
    assert_eq!(hdrs(&r), vec![h("Authorization", "Bearer t")]);
    assert!(has_warning(&w, "-H Authorization"));
}

#[test]
fn aws_sigv4_is_kept_and_warned() {
    let (r, w) = one(&[
        "--aws-sigv4",
        "aws:amz:us-east-1:s3",
        "-u",
        "AK:SK",
        "https://h.example/",
    ]);
    assert_eq!(
        r.auth,
        Some(Auth::AwsSigV4 {
            provider: lit("aws:amz:us-east-1:s3"),
            user: lit("AK"),
            password: lit("SK")
        })
    );
    assert!(has_warning(&w, "aws-sigv4"));
}

// ---------------------------------------------------------------------------------------------
// transfer

#[test]
fn redirects() {
    let (r, _) = one(&["-L", "--max-redirs", "5", "https://h.example/"]);
    assert!(r.transfer.follow_redirects);
    assert_eq!(r.transfer.max_redirects, Some(5));
    let (r, _) = one(&["--max-redirs", "-1", "https://h.example/"]);
    assert_eq!(r.transfer.max_redirects, Some(u32::MAX));
    let (r, _) = one(&["-L", "--no-location", "https://h.example/"]);
    assert!(!r.transfer.follow_redirects);
    let (r, _) = one(&["https://h.example/"]);
    assert!(!r.transfer.follow_redirects);
}

#[test]
fn location_trusted_follows_and_warns() {
    let (r, w) = one(&["--location-trusted", "https://h.example/"]);
    assert!(r.transfer.follow_redirects);
    assert!(has_warning(&w, "credentials"));
}

#[test]
fn timeouts_take_decimal_seconds() {
    let (r, _) = one(&["-m", "2.5", "--connect-timeout", ".5", "https://h.example/"]);
    assert_eq!(r.transfer.timeout, Some(2.5));
    assert_eq!(r.transfer.connect_timeout, Some(0.5));
}

#[test]
fn invalid_timeout_is_an_error_on_the_value() {
    let argv = ["-m", "10s", "https://h.example/"];
    let e = err(&argv);
    assert_eq!(at(&argv, e.span), "10s");
    assert!(e.message.contains("--max-time"));
    assert!(e.label.is_some() && e.help.is_some());
}

#[test]
fn timeout_from_env_is_ignored_with_a_warning() {
    let (r, w) = one(&["-m", "${T}", "https://h.example/"]);
    assert_eq!(r.transfer.timeout, None);
    assert!(has_warning(&w, "environment"));
}

#[test]
fn tls_options() {
    let (r, w) = one(&[
        "-k",
        "--cacert",
        "ca.pem",
        "--cert",
        "client.pem:secret",
        "--key",
        "k.pem",
        "https://h.example/",
    ]);
    assert!(r.transfer.insecure);
    assert_eq!(r.transfer.cacert, Some(lit("ca.pem")));
    assert_eq!(r.transfer.cert, Some(lit("client.pem")));
    assert_eq!(r.transfer.key, Some(lit("k.pem")));
    assert!(has_warning(&w, "passphrase"));
}

#[test]
fn proxies() {
    let (r, _) = one(&[
        "-x",
        "proxy.example:3128",
        "-U",
        "pu:pp",
        "https://h.example/",
    ]);
    assert_eq!(
        r.transfer.proxy,
        Some(Proxy {
            url: lit("http://proxy.example:3128"),
            user: Some(lit("pu")),
            password: Some(lit("pp")),
        })
    );
    let (r, _) = one(&["--socks5-hostname", "s.example:1080", "https://h.example/"]);
    assert_eq!(
        r.transfer.proxy.map(|p| p.url),
        Some(lit("socks5h://s.example:1080"))
    );
    let (r, _) = one(&["--socks4a", "s.example", "https://h.example/"]);
    assert_eq!(
        r.transfer.proxy.map(|p| p.url),
        Some(lit("socks4a://s.example"))
    );
    let (r, _) = one(&["-x", "https://p.example:443", "https://h.example/"]);
    assert_eq!(
        r.transfer.proxy.map(|p| p.url),
        Some(lit("https://p.example:443"))
    );
}

#[test]
fn empty_proxy_turns_proxies_off() {
    let (r, _) = one(&["-x", "", "https://h.example/"]);
    assert_eq!(r.transfer.proxy, None);
    assert_eq!(r.transfer.noproxy, Some(lit("*")));
}

#[test]
fn noproxy_and_proxy_user_without_proxy() {
    let (r, w) = one(&[
        "--noproxy",
        "localhost,.internal",
        "-U",
        "a:b",
        "https://h.example/",
    ]);
    assert_eq!(r.transfer.noproxy, Some(lit("localhost,.internal")));
    assert!(has_warning(&w, "-U without -x"));
}

#[test]
fn outputs_go_to_urls_in_order() {
    let (r, _) = run_with(
        &[
            "-o",
            "a.out",
            "https://h.example/a",
            "-O",
            "https://h.example/dir/b.json",
            "https://h.example/c",
        ],
        None,
    );
    let r = r.expect("ok");
    assert_eq!(r[0].transfer.output, Output::File(lit("a.out")));
    assert_eq!(r[1].transfer.output, Output::RemoteName);
    assert_eq!(r[2].transfer.output, Output::Stdout);
}

#[test]
fn remote_name_all_and_output_dir() {
    let (r, _) = run_with(
        &[
            "--remote-name-all",
            "--output-dir",
            "dl",
            "-o",
            "-",
            "https://h.example/x",
            "https://h.example/dir/b.json",
        ],
        None,
    );
    let r = r.expect("ok");
    assert_eq!(r[0].transfer.output, Output::Stdout);
    assert_eq!(r[1].transfer.output, Output::File(lit("dl/b.json")));
    let (r, _) = one(&["--output-dir", "d", "-o", "f.txt", "https://h.example/"]);
    assert_eq!(r.transfer.output, Output::File(lit("d/f.txt")));
}

#[test]
fn fail_and_cookie_jar() {
    let (r, _) = one(&["-f", "-c", "jar.txt", "https://h.example/"]);
    assert!(r.transfer.fail);
    assert_eq!(r.transfer.cookie_jar, Some(lit("jar.txt")));
    let (r, _) = one(&["--fail-with-body", "https://h.example/"]);
    assert!(r.transfer.fail);
}

#[test]
fn curl_retry_flags() {
    let (r, _) = one(&[
        "--retry",
        "5",
        "--retry-delay",
        "2",
        "--retry-max-time",
        "60",
        "--retry-all-errors",
        "--retry-connrefused",
        "https://h.example/",
    ]);
    assert_eq!(
        r.retry,
        CurlRetry {
            retry: Some(5),
            delay: Some(2.0),
            max_time: Some(60.0),
            all_errors: true,
            connrefused: true,
        }
    );
}

#[test]
fn invalid_retry_count_is_an_error() {
    let argv = ["--retry", "-3", "https://h.example/"];
    let e = err(&argv);
    assert_eq!(at(&argv, e.span), "-3");
}

#[test]
fn no_effect_and_unsupported_options_are_silent_here() {
    // The parser already warned about unsupported options: no second warning.
    let (r, w) = one(&["-s", "-v", "-w", "%{http_code}", "https://h.example/"]);
    assert_eq!(r.method, Method::Get);
    assert!(w.is_empty());
}

#[test]
fn applied_options_without_a_rule_warn() {
    let argv = ["--http2", "https://h.example/"];
    let (_, w) = one(&argv);
    assert!(has_warning(&w, "--http2 is not converted"));
    assert_eq!(at(&argv, w[0].span), "--http2");
}

#[test]
fn later_values_win() {
    let (r, _) = one(&[
        "-A",
        "one",
        "-A",
        "two",
        "-m",
        "1",
        "-m",
        "2",
        "-X",
        "PUT",
        "-X",
        "DELETE",
        "https://h.example/",
    ]);
    assert_eq!(hdrs(&r), vec![h("User-Agent", "two")]);
    assert_eq!(r.transfer.timeout, Some(2.0));
    assert_eq!(r.method, Method::Delete);
}

#[test]
fn warnings_point_at_their_option() {
    let argv = ["-H", "bogus", "https://h.example/"];
    let (_, w) = one(&argv);
    let d = &w[0];
    assert_eq!(d.severity, Severity::Warning);
    assert!(d.label.is_some() && d.help.is_some());
    assert_eq!(at(&argv, d.span), "bogus");
}

#[test]
fn extra_outputs_warn() {
    let (r, w) = one(&["-o", "a", "-o", "b", "https://h.example/"]);
    assert_eq!(r.transfer.output, Output::File(lit("a")));
    assert!(has_warning(&w, "more -o/-O options than URLs"));
}

#[test]
fn header_value_with_line_break_warns() {
    let (r, w) = one(&["-H", "X: a\r\nY: b", "https://h.example/"]);
    assert_eq!(r.headers.len(), 1);
    assert!(has_warning(&w, "line break"));
}

#[test]
fn explicit_part_type_beats_part_header_content_type() {
    // verified: `-F 'm=v;type=text/z;headers=Content-Type: text/q'` sends only text/z.
    let (r, _) = one(&[
        "-F",
        "m=v;type=text/z;headers=Content-Type: text/q",
        "https://h.example/",
    ]);
    let p = &parts(&r)[0];
    assert_eq!(p.content_type, Some(lit("text/z")));
    assert!(p.headers.is_empty());
}

#[test]
fn range_header_on_requests_without_a_body() {
    // verified: `-r 0-99` sends `Range: bytes=0-99` before User-Agent; `-r 5` sends `bytes=5-`;
    // with -d or -T curl sends Content-Range instead.
    let (r, _) = one(&["-A", "ua", "-r", "0-99", "https://h.example/"]);
    assert_eq!(
        hdrs(&r),
        vec![h("Range", "bytes=0-99"), h("User-Agent", "ua")]
    );
    let (r, _) = one(&["-r", "5", "https://h.example/"]);
    assert_eq!(hdrs(&r), vec![h("Range", "bytes=5-")]);
    let (r, w) = one(&["-r", "0-9", "-d", "x", "https://h.example/"]);
    assert!(r.header("Range").is_none());
    assert!(has_warning(&w, "Content-Range"));
    let (r, _) = one(&["-r", "0-9", "-H", "Range: bytes=1-2", "https://h.example/"]);
    assert_eq!(hdrs(&r), vec![h("Range", "bytes=1-2")]);
}

#[test]
fn form_escape_warns_only_when_it_matters() {
    let (_, w) = one(&["--form-escape", "-F", "a=1", "https://h.example/"]);
    assert!(w.is_empty());
    let (_, w) = one(&["--form-escape", "-F", "a\"b=1", "https://h.example/"]);
    assert!(has_warning(&w, "--form-escape"));
}

#[test]
fn every_applied_option_of_the_real_table_has_a_rule() {
    // The option table lists what it classes Applied; each must be handled here rather than
    // fall through to "is not converted".
    for long in crate::curl::opts::APPLIED {
        if crate::curl::opts::PARSER_HANDLED.contains(long) || *long == "next" {
            continue;
        }
        let spec =
            crate::curl::opts::by_long(long).unwrap_or_else(|| panic!("{long} not in table"));
        let value = match *long {
            "connect-timeout" | "max-time" | "max-redirs" | "retry" | "retry-delay"
            | "retry-max-time" => "1",
            "form" | "form-string" => "a=1",
            "header" => "X: 1",
            "proto-default" => "https",
            "request" => "GET",
            "range" => "0-1",
            "continue-at" => "100",
            "time-cond" => "20231120",
            "cert-type" => "PEM",
            "url" => "https://h.example/u",
            _ => "x=1",
        };
        let args = CurlArgs {
            items: vec![
                Item::Opt(Arg {
                    spec,
                    value: spec.takes_value.then(|| word(value, Span::default())),
                    negated: false,
                    span: Span::default(),
                }),
                Item::Url(word("https://h.example/", Span::default())),
            ],
            files: Default::default(),
            stdin: None,
            span: Span::default(),
        };
        let mut w = Vec::new();
        let r = lower(&args, &mut w);
        assert!(r.is_ok(), "--{long}: {r:?}");
        let generic = format!("--{long} is not converted");
        assert!(
            !w.iter().any(|d| d.message == generic),
            "--{long} has no lowering rule: {w:?}"
        );
    }
}

// ---------------------------------------------------------------------------------------------
// end to end through the real option table and argv parser

/// Splits `line` with shell quoting, parses it with `curl::parse`, then lowers it.
fn e2e_with(
    line: &str,
    stdin: Option<Stdin>,
) -> (Result<Vec<Request>, Diagnostic>, Vec<Diagnostic>) {
    let argv = shell_words::split(line).expect("test line has balanced quotes");
    let mut pos = 0;
    let words = argv
        .iter()
        .map(|a| {
            let w = Word::lit(a.as_bytes(), Span::new(pos, pos + a.len()));
            pos += a.len() + 1;
            w
        })
        .collect();
    let cmd = crate::shell::Command {
        words,
        stdin,
        span: Span::new(0, line.len()),
    };
    let mut w = Vec::new();
    let r = crate::curl::parse(&cmd, &mut w).and_then(|args| lower(&args, &mut w));
    (r, w)
}

fn e2e(line: &str) -> (Request, Vec<Diagnostic>) {
    let (r, w) = e2e_with(line, None);
    let mut r = r.unwrap_or_else(|e| panic!("{line}: {e:?}"));
    assert_eq!(r.len(), 1, "{line}");
    (r.remove(0), w)
}

#[test]
fn e2e_chrome_copy_as_curl_post() {
    let (r, w) = e2e(
        r#"curl 'https://api.example.com/v1/items' -H 'accept: application/json' -H 'content-type: application/json' --data-raw '{"name":"a b"}' --compressed"#,
    );
    assert_eq!(r.method, Method::Post);
    assert_eq!(
        hdrs(&r),
        vec![
            h("accept", "application/json"),
            h("content-type", "application/json")
        ]
    );
    assert_eq!(data(&r), vec![text(r#"{"name":"a b"}"#)]);
    assert!(r.transfer.compressed);
    assert!(w.is_empty(), "{w:?}");
}

#[test]
fn e2e_bundled_and_attached_short_options() {
    let (r, _) = e2e("curl -sSLk -XPUT -HX-A:1 -d@body.json https://h.example/x");
    assert_eq!(r.method, Method::Put);
    assert!(r.transfer.follow_redirects && r.transfer.insecure);
    assert_eq!(hdrs(&r)[0], h("X-A", "1"));
    assert_eq!(
        data(&r),
        vec![Segment::Read {
            source: Source::File(lit("body.json")),
            transform: Transform::StripNewlines
        }]
    );
}

#[test]
fn e2e_stripe_style_form_post_with_user() {
    let (r, w) = e2e(
        "curl https://api.stripe.example/v1/charges -u sk_test_123: -d amount=2000 -d currency=usd -d 'description=Charge for x'",
    );
    assert_eq!(
        r.auth,
        Some(Auth::Basic {
            user: lit("sk_test_123"),
            password: lit("")
        })
    );
    assert_eq!(
        data(&r),
        vec![text("amount=2000&currency=usd&description=Charge for x")]
    );
    assert_eq!(
        r.header("Content-Type"),
        Some(&lit("application/x-www-form-urlencoded"))
    );
    assert!(w.is_empty(), "{w:?}");
}

#[test]
fn e2e_long_equals_value_and_negation() {
    let (r, _) =
        e2e("curl --header=X-A:1 --location --no-location --max-time=2.5 https://h.example/");
    assert_eq!(hdrs(&r), vec![h("X-A", "1")]);
    assert!(!r.transfer.follow_redirects);
    assert_eq!(r.transfer.timeout, Some(2.5));
}

#[test]
fn e2e_data_and_form_conflict() {
    let (r, _) = e2e_with("curl -d a=1 -F b=2 https://h.example/", None);
    let e = r.expect_err("conflict");
    assert!(
        e.message
            .contains("You can only select one HTTP request method!")
    );
}

#[test]
fn e2e_unsupported_option_is_warned_once() {
    let (_, w) = e2e("curl --resolve h.example:443:127.0.0.1 https://h.example/");
    assert_eq!(w.len(), 1, "{w:?}");
}

#[test]
fn e2e_no_effect_options_are_silent() {
    let (_, w) = e2e("curl -s -v -i --http2 -o out.json https://h.example/");
    assert!(w.is_empty(), "{w:?}");
}

#[test]
fn e2e_next_and_several_urls() {
    let (r, _) = e2e_with(
        "curl -H X:1 https://h.example/a https://h.example/b --next -X DELETE https://h.example/c",
        None,
    );
    let r = r.expect("ok");
    assert_eq!(r.len(), 3);
    assert_eq!(r[1].headers.len(), 1);
    assert_eq!(r[2].method, Method::Delete);
    assert!(r[2].headers.is_empty());
}

#[test]
fn e2e_get_with_urlencode_and_upload() {
    let (r, _) = e2e("curl -G --data-urlencode 'q=a b' https://h.example/search");
    assert_eq!(url(&r), "https://h.example/search?q=a+b");
    let (r, _) = e2e("curl -T ./report.pdf https://h.example/files/");
    assert_eq!(url(&r), "https://h.example/files/report.pdf");
    assert_eq!(r.method, Method::Put);
}

#[test]
fn e2e_form_upload_and_json() {
    let (r, _) =
        e2e("curl -F 'photo=@img/cat.jpg;type=image/webp' -F caption=hi https://h.example/up");
    let p = parts(&r);
    assert_eq!(p[0].filename, Some(lit("cat.jpg")));
    assert_eq!(p[0].content_type, Some(lit("image/webp")));
    assert_eq!(p[1].content, PartContent::Text(lit("hi")));
    let (r, _) = e2e(r#"curl --json '{"a":1}' https://h.example/j"#);
    assert_eq!(r.header("Accept"), Some(&lit("application/json")));
}

#[test]
fn e2e_stdin_data_from_a_pipe() {
    let (r, _) = e2e_with(
        "curl --data-binary @- https://h.example/in",
        Some(Stdin::Bytes(b"line1\nline2\n".to_vec())),
    );
    let r = r.expect("ok");
    assert_eq!(data(&r[0]), vec![text("line1\nline2\n")]);
}
