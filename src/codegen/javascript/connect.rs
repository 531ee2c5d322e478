//! Connection settings of the JavaScript outputs: nodeFetch's `CONNECT` options (`-4`/`-6`,
//! `--interface`, `--local-port`, `--unix-socket`), its request target, its `PINS` table
//! (`--resolve`/`--connect-to`: where the command's host:port connects instead) and the statuses
//! `--post30x` keep the method on; and warnings for what Node or axios cannot do.

use super::Flavour;
use super::idiomatic::Context;
use super::literal as lit;
use crate::ir::Request;

/// What the template prints: each `None` when not used.
#[derive(Default)]
pub(super) struct View {
    /// The `CONNECT` object's fields, spread into nodeFetch's request options.
    pub(super) options: Option<String>,
    /// The `PINS` object's entries: `"host:port": ["address", port]`.
    pub(super) pins: Option<String>,
    /// The statuses whose redirects keep the method and body, as an array literal.
    pub(super) keep_post: Option<String>,
    /// `--request-target`, as a string literal.
    pub(super) target: Option<String>,
    /// `--haproxy-protocol`: nodeFetch makes its own connections (needs node:net and node:tls).
    pub(super) haproxy: bool,
}

/// Whether `r` needs nodeFetch for its connection settings (fetch has none).
pub(super) fn needs_node(r: &Request) -> bool {
    let c = &r.transfer.connect;
    r.pin().is_some()
        || c.family.is_some()
        || c.local_address.is_some()
        || c.local_port.is_some()
        || c.unix_socket.as_ref().is_some_and(|s| !s.abstract_name)
        || c.request_target.is_some()
        || (r.transfer.follow_redirects && !c.keep_post.is_empty())
        || c.haproxy
}

/// The settings of the first request that has some (they are the command's, shared by its
/// requests), with warnings for what is not converted.
pub(super) fn view(cx: &mut Context, requests: &[Request], flavour: Flavour) -> View {
    let Some(first) = requests.iter().find(|r| r.transfer.connect.is_set()) else {
        return View::default();
    };
    let c = &first.transfer.connect;
    cx.span = first.span;
    if c.version.is_some() {
        cx.warn("node:http and fetch always speak HTTP/1.1; --http1.0/--http2-prior-knowledge is not converted".into());
    }
    if flavour == Flavour::Axios {
        let mut used = c.options_used();
        used.extend(
            requests
                .iter()
                .any(|r| r.pin().is_some())
                .then_some("--resolve/--connect-to"),
        );
        for name in used {
            cx.warn(format!("the axios output keeps axios's own connections; {name} is not converted (use --lang javascript)"));
        }
        return View::default();
    }
    if let Some(name) = &c.interface {
        cx.warn(format!("Node has no setting for a network interface; --interface {name} is not converted (give its address instead)"));
    }
    let mut fields = Vec::new();
    if let Some(f) = c.family {
        fields.push(format!("family: {f}"));
    }
    if let Some(ip) = &c.local_address {
        fields.push(format!("localAddress: {}", lit::string(ip)));
    }
    if let Some((low, high)) = c.local_port {
        if low != high {
            cx.warn(format!(
                "Node binds one local port: --local-port {low}-{high} uses {low} only"
            ));
        }
        fields.push(format!("localPort: {low}"));
    }
    match &c.unix_socket {
        Some(s) if s.abstract_name => cx.warn("Node 20 cuts a Unix socket path at its first NUL byte: --abstract-unix-socket is not converted (use a socket file)".into()),
        Some(s) => fields.push(format!("socketPath: {}", lit::string(&s.path))),
        None => {}
    }

    let mut pins: Vec<String> = Vec::new();
    for r in requests {
        if let Some(p) = r.pin() {
            let host = if p.host.contains(':') {
                format!("[{}]", p.host)
            } else {
                p.host
            };
            let entry = format!(
                "{}: [{}, {}]",
                lit::string(&format!("{host}:{}", p.port)),
                lit::string(&p.to_host),
                p.to_port
            );
            if !pins.contains(&entry) {
                pins.push(entry);
            }
        }
    }
    let follows = requests.iter().any(|r| r.transfer.follow_redirects);
    View {
        options: (!fields.is_empty()).then(|| fields.join(", ")),
        pins: (!pins.is_empty()).then(|| pins.join(", ")),
        haproxy: c.haproxy,
        target: c.request_target.as_deref().map(lit::string),
        keep_post: (follows && !c.keep_post.is_empty()).then(|| {
            let list: Vec<String> = c.keep_post.iter().map(u16::to_string).collect();
            format!("[{}]", list.join(", "))
        }),
    }
}
