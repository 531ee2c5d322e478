//! Lowering tests: connection options (--resolve, --connect-to, -4/-6, --interface,
//! --local-port, --unix-socket, --request-target, HTTP version, --post30x).

use super::*;
use crate::ir::{HttpVersion, Route, UnixSocket};

fn route(h: Option<&str>, p: Option<u16>, th: Option<&str>, tp: Option<u16>) -> Route {
    Route {
        host: h.map(str::to_string),
        port: p,
        to_host: th.map(str::to_string),
        to_port: tp,
    }
}

#[test]
fn resolve_and_connect_to_become_routes_connect_to_first() {
    let (r, w) = one(&[
        "--resolve",
        "Fake.test:80:127.0.0.1,127.0.0.2",
        "--connect-to",
        "::other.test:8080",
        "--resolve",
        "+v6.test:443:[::1]",
        "http://fake.test/",
    ]);
    assert_eq!(
        r.transfer.connect.routes,
        vec![
            route(None, None, Some("other.test"), Some(8080)),
            route(Some("fake.test"), Some(80), Some("127.0.0.1"), None),
            route(Some("v6.test"), Some(443), Some("::1"), None),
        ]
    );
    assert!(has_warning(&w, "only the first address"));
}

#[test]
fn resolve_minus_removes_an_earlier_rule_and_star_matches_any_host() {
    let (r, _) = one(&[
        "--resolve",
        "a.test:80:127.0.0.1",
        "--resolve",
        "-a.test:80",
        "--resolve",
        "*:80:127.0.0.3",
        "http://a.test/",
    ]);
    assert_eq!(
        r.transfer.connect.routes,
        vec![route(None, Some(80), Some("127.0.0.3"), None)]
    );
}

#[test]
fn bad_routes_are_errors_on_the_value() {
    for argv in [
        ["--resolve", "a.test:http:127.0.0.1", "http://a.test/"],
        ["--resolve", "a.test:80:not-an-address", "http://a.test/"],
        ["--connect-to", "a.test:80", "http://a.test/"],
        ["--local-port", "9-3", "http://a.test/"],
    ] {
        let e = err(&argv);
        assert_eq!(at(&argv, e.span), argv[1], "{argv:?}");
    }
}

#[test]
fn family_interface_and_local_port() {
    let (r, _) = one(&[
        "-6",
        "-4",
        "--interface",
        "127.0.0.1",
        "--local-port",
        "4000-4010",
        "http://a.test/",
    ]);
    let c = &r.transfer.connect;
    assert_eq!(c.family, Some(4));
    assert_eq!(c.local_address.as_deref(), Some("127.0.0.1"));
    assert_eq!(c.interface, None);
    assert_eq!(c.local_port, Some((4000, 4010)));
    let (r, _) = one(&["--interface", "eth0", "http://a.test/"]);
    assert_eq!(r.transfer.connect.interface.as_deref(), Some("eth0"));
    let (r, _) = one(&["--interface", "host!::1", "http://a.test/"]);
    assert_eq!(r.transfer.connect.local_address.as_deref(), Some("::1"));
}

#[test]
fn sockets_target_version_and_post() {
    let (r, _) = one(&[
        "--unix-socket",
        "/tmp/s.sock",
        "--abstract-unix-socket",
        "name",
        "--request-target",
        "*",
        "--http1.0",
        "--post303",
        "--post301",
        "--post302",
        "--no-post302",
        "-X",
        "OPTIONS",
        "http://a.test/",
    ]);
    let c = &r.transfer.connect;
    let abs = UnixSocket {
        path: "name".into(),
        abstract_name: true,
    };
    assert_eq!(c.unix_socket, Some(abs));
    assert_eq!(c.request_target.as_deref(), Some("*"));
    assert_eq!(c.version, Some(HttpVersion::Http10));
    assert_eq!(c.keep_post, vec![301, 303]);
    assert!(!c.haproxy);
    let (r, _) = one(&[
        "--http2-prior-knowledge",
        "--http1.1",
        "--haproxy-protocol",
        "http://a.test/",
    ]);
    assert_eq!(r.transfer.connect.version, None);
    assert!(r.transfer.connect.haproxy);
}

#[test]
fn an_unused_option_changes_nothing() {
    let (r, _) = one(&["http://a.test/"]);
    assert_eq!(r.transfer.connect, crate::ir::Connect::default());
}

#[test]
fn routes_from_the_environment_are_refused() {
    let argv = ["--resolve", "${PIN}", "http://a.test/"];
    let e = err(&argv);
    assert!(e.message.contains("environment"), "{}", e.message);
}
