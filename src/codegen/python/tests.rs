//! Unit tests of the python generator.

use super::common::*;
use super::render;
use super::syntax::*;
use crate::codegen::Program;
use crate::codegen::plan::Mode;
use crate::diagnostic::Diagnostic;
use crate::ir::*;
use crate::ir::{HeaderName, Part, Proxy};
use crate::policy::RetryPolicy;

/// The `--exact` program for one request: most tests here pin its curl-copying details.
fn render_one(r: Request, p: &RetryPolicy) -> (String, Vec<Diagnostic>) {
    render_in(Mode::Exact, r, p)
}

fn render_in(mode: Mode, r: Request, p: &RetryPolicy) -> (String, Vec<Diagnostic>) {
    let mut warnings = Vec::new();
    let requests = [r];
    let code = render(
        &Program {
            requests: &requests,
            retry_policy: p,
            mode,
        },
        &mut warnings,
    );
    (code, warnings)
}

#[test]
fn urllib3_would_change_only_some_targets() {
    let t = |u: &str| needs_exact_target(&Value::bytes(u));
    assert!(!t("https://x.example/a/b?c=d&e=%2F"));
    assert!(!t("https://x.example"));
    assert!(!t("https://x.example/~user/a:b@c;d=e,f'g(h)*!$"));
    assert!(
        t("https://x.example/a%2fb"),
        "lower-case escapes are upper-cased"
    );
    assert!(t("https://x.example/{x}"));
    assert!(t("https://x.example/a?b=|"));
    assert!(t("https://x.example/a[1]"));
    assert!(
        t("https://x.example/100%"),
        "a stray % makes every % encoded"
    );
    assert!(!t("https://x.example/a?b=?c"), "? is fine in the query");
    assert!(!t("https://x.example/a#{frag}"), "fragments are not sent");
    assert!(!needs_exact_target(&Value::env("URL")));
    let mut encoded = Value::bytes("https://x.example/?q=");
    encoded.0.push(Piece::EnvEncoded {
        name: "Q".into(),
        hex: HexCase::Lower,
    });
    assert!(needs_exact_target(&encoded), "its escapes are lower case");
}

#[test]
fn an_empty_query_is_put_back_without_a_warning() {
    let (code, warnings) = render_one(
        Request::get("https://x.example/search?"),
        &RetryPolicy::default(),
    );
    assert!(warnings.is_empty(), "{warnings:?}");
    // TypedTargets sends the target as typed, "?" included, without patching requests.
    assert!(
        code.contains("class TypedTargets(requests.adapters.HTTPAdapter):"),
        "{code}"
    );
    assert!(!code.contains("request.url = url"), "{code}");
    assert!(
        !code.contains("requests.adapters.HTTPAdapter.request_url ="),
        "{code}"
    );
}

#[test]
fn encoded_env_values_go_through_the_urlencode_helpers() {
    let mut r = crate::testing::encoded_env_request();
    let (code, warnings) = render_one(r.clone(), &RetryPolicy::default());
    assert!(warnings.is_empty(), "{warnings:?}");
    for part in [
        r#""https://x.example/s?q=" + urlencode_query(env("Q"))"#,
        r#"body = b"a=" + urlencode(env("A").encode())"#,
        "def env(",
        "def urlencode(",
        "def urlencode_query(",
        "import re\n",
        "from urllib.parse import quote_plus",
        "class TypedConnection:",
    ] {
        assert!(code.contains(part), "{part} not in:\n{code}");
    }
    // Upper-case hex alone needs neither urlencode_query nor re.
    r.url = Value::bytes("https://x.example/s");
    let (code, _) = render_one(r, &RetryPolicy::default());
    assert!(code.contains("def urlencode("));
    assert!(!code.contains("urlencode_query") && !code.contains("import re\n"));
}

#[test]
fn url_helpers() {
    assert_eq!(
        remote_name(b"https://x.example/dir/file.tar.gz?x=1"),
        Some(b"file.tar.gz".to_vec())
    );
    assert_eq!(remote_name(b"https://x.example/dir/"), None);
    assert_eq!(remote_name(b"https://x.example"), None);
    assert_eq!(host_of(b"http://u:p@[::1]:80/x").as_deref(), Some("::1"));
    assert_eq!(
        host_of(b"https://API.Example.com:8443").as_deref(),
        Some("api.example.com")
    );
    assert!(bypasses(b"*", b"http://a.example/"));
    assert!(bypasses(
        b"other.test, example.com",
        b"http://api.example.com/"
    ));
    assert!(bypasses(b".example.com", b"http://example.com/"));
    assert!(!bypasses(b"ample.com", b"http://example.com/"));
    assert_eq!(percent_escapes(b"%41%%4x%4a"), vec![0, 7]);
}

#[test]
fn long_calls_break_one_argument_per_line() {
    let call = Py::Call(
        "prepare".into(),
        vec![
            (None, Py::atom("session")),
            (
                Some("headers"),
                Py::Dict(vec![(Py::atom("\"A\""), Py::atom("\"b\""))]),
            ),
        ],
    );
    assert_eq!(
        call.render(4, 0, 0),
        r#"prepare(session, headers={"A": "b"})"#
    );
    let long = Py::Call("f".into(), vec![(None, Py::atom("x".repeat(100)))]);
    assert_eq!(
        long.render(4, 0, 0),
        format!("f(\n        {},\n    )", "x".repeat(100))
    );
    assert_eq!(Py::Tuple(vec![Py::atom("1")]).flat(), "(1,)");
}

#[test]
fn imports_are_grouped_and_sorted_like_isort() {
    let mut i = Imports::default();
    i.third("urllib3.util", "make_headers");
    i.third("urllib3.util", "SKIP_HEADER");
    i.std("sys", "");
    i.std("http.cookiejar", "MozillaCookieJar");
    i.std("http.cookiejar", "CookieJar");
    i.third("requests", "");
    assert_eq!(
        i.render(),
        "from __future__ import annotations\n\nimport sys\nfrom http.cookiejar import CookieJar, \
         MozillaCookieJar\n\nimport requests\nfrom urllib3.util import SKIP_HEADER, make_headers"
    );
}

#[test]
fn unsupported_features_warn_and_leave_a_comment() {
    let mut r = Request::get("https://x.example/ä b/");
    r.auth = Some(Auth::Ntlm {
        user: Value::bytes("u"),
        password: Value::bytes("p"),
    });
    r.transfer.output = Output::RemoteName;
    let (code, warnings) = render_one(r, &RetryPolicy::default());
    assert_eq!(warnings.len(), 3, "{warnings:?}");
    assert!(code.contains("# curl2code: NTLM"));
    assert!(code.contains(r#""https://x.example/%C3%A4%20b/""#));
    assert!(
        code.contains("sys.stdout.buffer.write"),
        "-O without a name writes to stdout"
    );
}

#[test]
fn only_what_the_program_uses_is_emitted() {
    let (code, warnings) = render_one(Request::get("https://x.example/"), &RetryPolicy::default());
    assert!(warnings.is_empty());
    for absent in [
        "def env(",
        "read_file",
        "HTTPHeaderDict",
        "uuid",
        "circuit",
        "FALLBACK",
        "TypedConnection",
        "urlencode",
        "import re\n",
    ] {
        assert!(!code.contains(absent), "{absent} in:\n{code}");
    }
    let off = RetryPolicy {
        enabled: false,
        ..RetryPolicy::default()
    };
    // The same helper as with retries, told to make one attempt.
    let (code, _) = render_one(Request::get("https://x.example/"), &off);
    assert!(
        code.contains("MAX_RETRIES = 0  # retries are off"),
        "{code}"
    );
}

#[test]
fn nothing_panics_on_odd_requests() {
    let mut r = Request::get(*b"\xff\x00\n\"\\");
    r.url.0.push(Piece::Env("U".into()));
    r.method = Method::Custom("\n\u{2028}x".into());
    r.headers.push(Header {
        name: HeaderName::new("X\n"),
        value: Value::env("H"),
    });
    r.removed_headers.push(HeaderName::new("Host"));
    r.body = Some(Body::Multipart(vec![Part {
        name: Value::bytes(*b"\xff"),
        content: PartContent::FileContents(Source::Stdin),
        filename: Some(Value::env("F")),
        content_type: None,
        headers: vec![Header {
            name: HeaderName::new("X"),
            value: Value::default(),
        }],
    }]));
    r.transfer.proxy = Some(Proxy {
        url: Value::env("P"),
        user: Some(Value::env("U")),
        password: None,
    });
    r.transfer.noproxy = Some(Value::env("N"));
    r.transfer.cookie_jar = Some(Value::default());
    r.transfer.key = Some(Value::bytes("k"));
    let p = RetryPolicy {
        fallback_urls: vec!["\"".into()],
        base_delay: f64::NAN,
        ..RetryPolicy::default()
    };
    for mode in [Mode::Exact, Mode::Idiomatic] {
        let (code, _) = render_in(mode, r.clone(), &p);
        assert!(code.contains("def main() -> int"));
    }
    let mut warnings = Vec::new();
    let none = render(
        &Program {
            requests: &[],
            retry_policy: &p,
            mode: Default::default(),
        },
        &mut warnings,
    );
    assert!(none.contains("return 0"));
}

#[test]
fn the_default_output_writes_the_request_as_data() {
    let mut r = Request::get("https://x.example/items?page=2&tag=a&tag=b");
    r.method = Method::Post;
    r.headers.push(Header {
        name: HeaderName::new("Content-Type"),
        value: Value::bytes("application/json"),
    });
    r.body = Some(Body::Data(vec![Segment::Text(Value::bytes(
        r#"{"n":12345678901234567890,"ok":true,"none":null,"f":0.5}"#,
    ))]));
    let (code, warnings) = render_in(Mode::Idiomatic, r, &RetryPolicy::default());
    assert!(warnings.is_empty(), "{warnings:?}");
    for part in [
        r#"url = "https://x.example/items""#,
        r#"params = [("page", "2"), ("tag", "a"), ("tag", "b")]"#,
        r#"body = {"n": 12345678901234567890, "ok": True, "none": None, "f": 0.5}"#,
        "params=params, json=body,",
        "with requests.Session() as session:",
        "def request_with_retries(session, method: str, url: str, **kwargs) -> requests.Response:",
        "session.request(method, url, **kwargs)",
        "log.warning(",
    ] {
        assert!(code.contains(part), "{part} not in:\n{code}");
    }
    // requests writes the JSON Content-Type itself; nothing of curl's own is copied.
    for absent in [
        "Content-Type",
        "curl/7.88.1",
        "SKIP_HEADER",
        "prepare(",
        "print(f\"retry",
    ] {
        assert!(!code.contains(absent), "{absent} in:\n{code}");
    }
}

#[test]
fn a_json_looking_form_stays_a_form_with_a_hint() {
    let mut r = Request::get("https://x.example/");
    r.method = Method::Post;
    r.headers.push(Header {
        name: HeaderName::new("Content-Type"),
        value: Value::bytes("application/x-www-form-urlencoded"),
    });
    r.body = Some(Body::Data(vec![Segment::Text(Value::bytes(r#"{"a":1}"#))]));
    let (code, _) = render_in(Mode::Idiomatic, r, &RetryPolicy::default());
    assert!(code.contains("--json was probably meant"), "{code}");
    assert!(
        code.contains(r#""Content-Type": "application/x-www-form-urlencoded""#),
        "{code}"
    );
    assert!(code.contains(r#"body = b'{"a":1}'"#), "{code}");
    assert!(code.contains("data=body"), "{code}");
}

/// A long string or bytes literal is cut into literals that fit the line, never inside an
/// escape sequence, and together they hold the same text.
#[test]
fn long_literals_are_cut_between_escapes_and_fit_the_line() {
    use crate::codegen::python::literal as lit;
    let mut long = b"{\"text\": \"caf\xc3\xa9 \\ \x00\x01\x7f 'quoted' \\\"x\\\"\"}\r\n".repeat(6);
    long.extend_from_slice("\u{200b}\u{1f600} ünïcödé\n".repeat(5).as_bytes());
    let text = String::from_utf8_lossy(&long).into_owned();
    for whole in [lit::bytes_lit(&long), lit::str_lit(&text)] {
        let code = Py::atom(whole.clone()).render(4, "body = ".len(), 0);
        assert!(code.starts_with("(\n") && code.ends_with(')'), "{code}");
        let prefix = if whole.starts_with('b') { "b" } else { "" };
        // Each part takes its own quotes, as ruff format would; quote escapes aside, the text
        // is the same.
        let plain = |inner: &str| inner.replace("\\\"", "\"").replace("\\'", "'");
        let mut joined = String::new();
        for line in code.lines().skip(1).filter(|l| l.trim() != ")") {
            assert!(line.chars().count() <= 88, "{line}");
            let literal = line.trim().strip_prefix(prefix).unwrap_or_default();
            let quote = &literal[..1];
            let inner = literal
                .strip_prefix(quote)
                .and_then(|l| l.strip_suffix(quote))
                .filter(|_| quote == "'" || quote == "\"")
                .unwrap_or_else(|| panic!("not one literal: {line}"));
            let (doubles, singles) = (inner.matches('"').count(), inner.matches('\'').count());
            assert_eq!(
                quote == "'",
                doubles > singles,
                "quotes as ruff format: {line}"
            );
            let slashes = inner.len() - inner.trim_end_matches('\\').len();
            assert!(slashes % 2 == 0, "cut inside an escape: {line}");
            for cut in ["\\x", "\\u", "\\U"] {
                let tail = inner.rsplit(cut).next().unwrap_or_default();
                assert!(
                    !inner.contains(cut) || tail.len() >= 2,
                    "cut escape: {line}"
                );
            }
            joined.push_str(&plain(inner));
        }
        assert_eq!(joined, plain(&whole[prefix.len() + 1..whole.len() - 1]));
    }
    // What fits stays one literal, and an expression is never cut.
    assert_eq!(Py::atom("b'short'").render(4, 7, 0), "b'short'");
    let sum = format!("{} + x", lit::bytes_lit(&long));
    assert_eq!(Py::atom(sum.clone()).render(4, 7, 0), sum);
}
