//! The proxy options family: what `--proxy-header`, `-p`, `--proxy-insecure`, `--proxy-cacert`,
//! `--proxy-digest` and `--proxy-basic` leave in `Transfer::proxying`.

use super::*;
use crate::ir::ProxyOptions;

#[test]
fn proxy_options_are_kept_with_a_proxy() {
    let (r, w) = one(&[
        "-x",
        "https://p.example:8443",
        "--proxy-header",
        "X-P: 2",
        "--proxy-header",
        "X-Empty;",
        "-p",
        "--proxy-insecure",
        "--proxy-cacert",
        "pca.pem",
        "--proxy-digest",
        "http://h.example/",
    ]);
    assert!(w.is_empty(), "{w:?}");
    let p = r.transfer.proxying;
    let names: Vec<&str> = p.headers.iter().map(|h| h.name.as_str()).collect();
    assert_eq!(names, ["X-P", "X-Empty"]);
    assert_eq!(p.headers[0].value, lit("2"));
    assert!(p.headers[1].value.is_empty());
    assert!(p.tunnel && p.insecure && p.digest);
    assert_eq!(p.cacert, Some(lit("pca.pem")));
    // --proxy-cacert is the proxy's: a plain-http URL keeps it (its --cacert is dropped).
    assert_eq!(r.transfer.cacert, None);
}

#[test]
fn proxy_basic_undoes_proxy_digest_and_no_forms_turn_off() {
    let (r, _) = one(&[
        "-x",
        "p.example:3128",
        "--proxy-digest",
        "--proxy-basic",
        "-p",
        "--no-proxytunnel",
        "https://h.example/",
    ]);
    assert!(!r.transfer.proxying.digest && !r.transfer.proxying.tunnel);
}

#[test]
fn without_a_proxy_they_are_dropped_with_a_warning() {
    let (r, w) = one(&["--proxy-header", "X-P: 2", "-p", "https://h.example/"]);
    assert_eq!(r.transfer.proxying, ProxyOptions::default());
    assert!(has_warning(&w, "without -x"));
    // `Name:` (removing a header curl adds to CONNECT) is not converted.
    let (r, w) = one(&[
        "-x",
        "p.example",
        "--proxy-header",
        "User-Agent:",
        "https://h.example/",
    ]);
    assert!(r.transfer.proxying.headers.is_empty());
    assert!(has_warning(&w, "is not converted"));
}
