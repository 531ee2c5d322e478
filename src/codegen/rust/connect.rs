//! Connection settings of both Rust outputs: `--resolve`/`--connect-to` as reqwest's `resolve`,
//! `-4`/`-6`/`--interface` as the local address, `--unix-socket`, the HTTP version; and what
//! reqwest cannot do, as warnings.

use crate::ir::{Connect, HttpVersion, Request};

/// The client builder's lines (each a `.method(…)` or a `//` comment) and the warnings for what
/// is not converted. Nothing when no connection option is used.
pub(super) fn client_chain(requests: &[&Request]) -> (Vec<String>, Vec<String>) {
    let (mut chain, mut warnings) = (Vec::new(), Vec::new());
    let Some(c) = requests
        .iter()
        .map(|r| &r.transfer.connect)
        .find(|c| c.is_set())
    else {
        return (chain, warnings);
    };
    let mut pinned: Vec<String> = Vec::new();
    for r in requests {
        let Some(pin) = r.pin() else { continue };
        if pinned.contains(&pin.host) {
            continue;
        }
        pinned.push(pin.host.clone());
        // reqwest connects to the URL's port when the URL names one.
        if pin.explicit_port && pin.to_port != pin.port {
            warnings.push(format!(
                "reqwest connects to the port the URL names ({}); --connect-to's port {} is not converted",
                pin.port, pin.to_port
            ));
        }
        let port = if pin.explicit_port { 0 } else { pin.to_port };
        chain.push(format!(
            "// --resolve/--connect-to: connect to {} instead; the URL, Host and SNI keep {}.",
            join(&pin.to_host, pin.to_port),
            pin.host
        ));
        chain.push(match pin.to_host.parse::<std::net::IpAddr>() {
            Ok(ip) => format!(
                ".resolve({:?}, std::net::SocketAddr::from(({}, {port})))",
                pin.host,
                ip_array(ip)
            ),
            Err(_) => format!(
                ".resolve_to_addrs({:?}, &std::net::ToSocketAddrs::to_socket_addrs(&({:?}, {port})).map_or(Vec::new(), Iterator::collect))",
                pin.host, pin.to_host
            ),
        });
    }
    if let Some(ip) = &c.local_address {
        chain.push(format!(
            ".local_address({}) // --interface",
            ip_from(ip.parse().unwrap_or(std::net::Ipv4Addr::UNSPECIFIED.into()))
        ));
    } else if let Some(family) = c.family {
        let any = if family == 4 { "[0u8; 4]" } else { "[0u16; 8]" };
        chain.push(format!(
            ".local_address(std::net::IpAddr::from({any})) // -{family}: IPv{family} addresses only"
        ));
    }
    if let Some(name) = &c.interface {
        chain.push(format!(
            ".interface({name:?}) // --interface (Linux, Android, Apple systems)"
        ));
    }
    if let Some(s) = &c.unix_socket {
        if s.abstract_name {
            warnings.push("reqwest has no abstract Unix sockets (std cannot name one by path); --abstract-unix-socket is not converted".to_string());
        } else {
            chain.push(format!(
                ".unix_socket({:?}) // --unix-socket: HTTP over this socket, not TCP",
                s.path
            ));
        }
    }
    if c.version == Some(HttpVersion::Http2PriorKnowledge) {
        chain.push(".http2_prior_knowledge() // HTTP/2 from the first byte".to_string());
    }
    warnings.extend(refused(c));
    (chain, warnings)
}

/// What reqwest has no setting for.
fn refused(c: &Connect) -> Vec<String> {
    let mut out = Vec::new();
    if c.local_port.is_some() {
        out.push(
            "reqwest has no setting for the local port; --local-port is not converted".to_string(),
        );
    }
    if c.request_target.is_some() {
        out.push(
            "reqwest always sends the URL's path and query; --request-target is not converted"
                .to_string(),
        );
    }
    if c.haproxy {
        out.push("reqwest has no hook between connecting and sending; --haproxy-protocol is not converted".to_string());
    }
    if !c.keep_post.is_empty() {
        out.push("reqwest has no way to keep a POST on 301/302/303 redirects; --post301/--post302/--post303 are not converted".to_string());
    }
    out
}

/// The start of a request builder's chain: `.version(…)` for `--http1.0`, else nothing.
pub(super) fn version_line(r: &Request) -> Vec<String> {
    let http10 = r.transfer.connect.version == Some(HttpVersion::Http10);
    http10
        .then(|| ".version(reqwest::Version::HTTP_10)".to_string())
        .into_iter()
        .collect()
}

fn join(host: &str, port: u16) -> String {
    if host.contains(':') {
        format!("[{host}]:{port}")
    } else {
        format!("{host}:{port}")
    }
}

/// `[127, 0, 0, 1]` or `[0, 0, …, 1]`: what `SocketAddr::from((…, port))` takes.
fn ip_array(ip: std::net::IpAddr) -> String {
    match ip {
        std::net::IpAddr::V4(v4) => suffixed(&v4.octets(), "u8"),
        std::net::IpAddr::V6(v6) => suffixed(&v6.segments(), "u16"),
    }
}

fn ip_from(ip: std::net::IpAddr) -> String {
    format!("std::net::IpAddr::from({})", ip_array(ip))
}

/// `[127u8, 0, 0, 1]`: the first number typed, so the array's type is known.
fn suffixed<T: std::fmt::Display>(parts: &[T], suffix: &str) -> String {
    let list: Vec<String> = parts.iter().map(ToString::to_string).collect();
    format!("[{}{suffix}, {}]", list[0], list[1..].join(", "))
}
