//! Lowering tests: Transfer options: redirects, timeouts, TLS, proxies, output, retries, cookies.

use super::*;

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
fn tls_versions_ciphers_and_capath() {
    let (r, _) = one(&[
        "--tlsv1.3",
        "--tls-max",
        "1.3",
        "--ciphers",
        "ECDHE-ECDSA-AES128-GCM-SHA256",
        "--capath",
        "certs",
        "https://h.example/",
    ]);
    let tls = &r.transfer.tls;
    assert_eq!(tls.min, Some(crate::ir::TlsVersion::V1_3));
    assert_eq!(tls.max, Some(crate::ir::TlsVersion::V1_3));
    assert_eq!(tls.ciphers, Some(lit("ECDHE-ECDSA-AES128-GCM-SHA256")));
    assert_eq!(tls.capath, Some(lit("certs")));
    // `--tlsv1` is 1.0 or later; `--tls-max default` lifts the cap again.
    let (r, _) = one(&[
        "-1",
        "--tls-max",
        "1.1",
        "--tls-max",
        "default",
        "https://h.example/",
    ]);
    assert_eq!(r.transfer.tls.min, Some(crate::ir::TlsVersion::V1_0));
    assert_eq!(r.transfer.tls.max, None);
}

#[test]
fn tls_max_takes_versions_only() {
    let e = err(&["--tls-max", "1.4", "https://h.example/"]);
    assert!(
        e.message.contains("not a valid value for --tls-max"),
        "{}",
        e.message
    );
}

#[test]
fn plain_http_uses_no_tls_material() {
    // curl reads no certificate file for an http:// URL: `--cert c.pem --cacert ca.pem http://…`
    // works without the files. With -L a redirect may lead to https, so they stay.
    let tls = [
        "--cert",
        "c.pem",
        "--key",
        "k.pem",
        "--cacert",
        "ca.pem",
        "-k",
        "--tlsv1.3",
    ];
    let (r, _) = one(&[&tls[..], &["http://h.example/"]].concat());
    assert_eq!(r.transfer.cert, None);
    assert_eq!(r.transfer.key, None);
    assert_eq!(r.transfer.cacert, None);
    assert!(!r.transfer.insecure);
    assert!(r.transfer.tls.is_empty());
    let (r, _) = one(&[&tls[..], &["-L", "http://h.example/"]].concat());
    assert_eq!(r.transfer.cacert, Some(lit("ca.pem")));
    assert_eq!(r.transfer.tls.min, Some(crate::ir::TlsVersion::V1_3));
}
