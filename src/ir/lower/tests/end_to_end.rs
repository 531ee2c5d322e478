//! Lowering tests: End to end through the real option table and argv parser.

use super::*;

/// Splits `line` with shell quoting, parses it with the real argv parser, then lowers it.
fn e2e_with(
    line: &str,
    stdin: Option<Vec<u8>>,
) -> (Result<Vec<Request>, Diagnostic>, Vec<Diagnostic>) {
    let argv = shell_words::split(line).expect("test line has balanced quotes");
    let mut w = Vec::new();
    let r = crate::curl::args::parse_argv(&argv, stdin, &mut w).and_then(|a| lower(&a, &mut w));
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
    let (_, w) = e2e("curl --dns-servers 127.0.0.1 https://h.example/");
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
        Some(b"line1\nline2\n".to_vec()),
    );
    let r = r.expect("ok");
    assert_eq!(data(&r[0]), vec![text("line1\nline2\n")]);
}
