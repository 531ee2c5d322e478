//! What plain fetch cannot send as curl means it, so that the default output sends that request
//! through its `nodeFetch` support function (node:http) instead.

use super::{
    FETCH_BAD_PORTS, UNDICI_REFUSES, bad_connection, fetch_method_problem, flavour, port_of,
};
use crate::ir::Request;

/// Headers fetch adds by itself and cannot leave out: a command that removes one needs nodeFetch.
const FETCH_DEFAULTS: [&str; 5] = [
    "accept",
    "accept-language",
    "accept-encoding",
    "sec-fetch-mode",
    "user-agent",
];

/// Why `--exact` programs send through nodeFetch (fetch adds and joins headers, re-encodes URLs).
pub(super) const EXACT: &str = "curl's exact bytes";

/// Why fetch cannot send this request as curl means it, if it cannot.
pub(super) fn needs_node(r: &Request, has_body: bool) -> Option<&'static str> {
    let plain_http = r
        .url
        .literal()
        .is_some_and(|u| u.to_ascii_lowercase().starts_with(b"http:"));
    if flavour::needs_tls(r) && !plain_http {
        return Some("TLS options");
    }
    if fetch_method_problem(&r.method, has_body).is_some() {
        return Some("this method or a body with it");
    }
    let mut seen: Vec<String> = Vec::new();
    for h in &r.headers {
        let lower = h.name.as_str().to_ascii_lowercase();
        if lower == "host" || UNDICI_REFUSES.contains(&lower.as_str()) || bad_connection(h) {
            return Some("a header fetch sets itself or refuses");
        }
        // fetch sends its request's mode, `cors`, whatever the command says (Firefox copies a
        // page load as `navigate`).
        let cors = h
            .value
            .literal()
            .is_some_and(|v| v.eq_ignore_ascii_case(b"cors"));
        if lower == "sec-fetch-mode" && !cors {
            return Some("a Sec-Fetch-Mode other than fetch's own `cors`");
        }
        if seen.contains(&lower) {
            return Some("a repeated header, which fetch joins into one line");
        }
        seen.push(lower);
    }
    if r.removed_headers.iter().any(|h| {
        FETCH_DEFAULTS.contains(&h.as_str().to_ascii_lowercase().as_str())
            && !r.headers.iter().any(|x| x.name.is(h.as_str()))
    }) {
        return Some("a default header the command removed");
    }
    let port = r
        .url
        .literal()
        .and_then(|u| port_of(&String::from_utf8_lossy(&u)));
    if port.is_some_and(|p| FETCH_BAD_PORTS.contains(&p)) {
        return Some("a port fetch blocks");
    }
    let t = &r.transfer;
    if t.follow_redirects && t.max_redirects.is_some_and(|n| n != 0 && n != 20) {
        return Some("a redirect limit other than its 20");
    }
    super::connect::needs_node(r).then_some("connection options")
}
