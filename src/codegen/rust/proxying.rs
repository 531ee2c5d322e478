//! The proxy options family in the reqwest outputs (both modes): `--proxy-header` through
//! `Proxy::headers`, and the TLS of an https proxy, which reqwest takes from the client's own
//! TLS settings, so it is converted when no URL needs TLS of its own; refusals for what reqwest
//! cannot do (`-p` for plain-http URLs, Digest).

use super::literal::str_literal;
use crate::ir::Request;

/// What the proxy family adds to the client set-up.
#[derive(Debug, Default)]
pub(super) struct ProxyParts {
    /// `let proxy = proxy….;` lines, after the proxy is made.
    pub(super) proxy_lines: Vec<String>,
    /// Client builder calls (the proxy's TLS).
    pub(super) chain: Vec<String>,
    /// The `--proxy-cacert` file as a `&str` literal: read into `proxy_ca` first.
    pub(super) ca: Option<String>,
    /// Warnings: what reqwest cannot do.
    pub(super) refused: Vec<String>,
}

/// The family's parts for the first request with a proxy.
pub(super) fn parts(requests: &[&Request]) -> ProxyParts {
    let mut out = ProxyParts::default();
    let Some(r) = requests.iter().find(|r| r.transfer.proxy.is_some()) else {
        return out;
    };
    let p = &r.transfer.proxying;
    let plain_http = |r: &&Request| {
        r.url
            .literal()
            .is_some_and(|u| u.to_ascii_lowercase().starts_with(b"http:"))
    };
    if !p.headers.is_empty() {
        let mut pairs = Vec::new();
        for h in &p.headers {
            let name = h.name.as_str().to_ascii_lowercase();
            let value = h.value.literal();
            let valid = value
                .as_ref()
                .is_some_and(|v| v.iter().all(|&b| b == b'\t' || (0x20..0x7f).contains(&b)));
            match value {
                Some(v) if valid && crate::curl::values::is_token(name.as_bytes()) => {
                    pairs.push(format!(
                        "        (reqwest::header::HeaderName::from_static({}), reqwest::header::HeaderValue::from_static({})),",
                        str_literal(&name),
                        str_literal(&String::from_utf8_lossy(&v))
                    ));
                }
                _ => out.refused.push(format!(
                    "--proxy-header {}: only a literal ASCII name and value are converted for reqwest",
                    h.name.as_str()
                )),
            }
        }
        if !pairs.is_empty() {
            out.proxy_lines.push(
                "    // --proxy-header: for the proxy alone (CONNECT, and plain-http requests to it)."
                    .to_string(),
            );
            out.proxy_lines.push(
                "    let proxy = proxy.headers(reqwest::header::HeaderMap::from_iter([".to_string(),
            );
            out.proxy_lines.extend(pairs);
            out.proxy_lines.push("    ]));".to_string());
        }
    }
    if p.tunnel {
        out.refused.push("reqwest sends plain-http URLs to an http proxy in absolute form and has no CONNECT option for them: -p is not converted (https URLs are tunnelled anyway; for http ones use --lang python or javascript)".to_string());
    }
    if p.digest {
        out.refused.push("reqwest has no Digest authentication, for proxies either: --proxy-digest is not converted (use --lang python or javascript)".to_string());
    }
    if p.tls_used() {
        // reqwest's proxy TLS is the client's: converted only while no URL has TLS of its own.
        let own_tls = requests
            .iter()
            .any(|r| !plain_http(r) || r.transfer.follow_redirects);
        if own_tls {
            out.refused.push("reqwest verifies an https proxy with the server's TLS settings: --proxy-insecure/--proxy-cacert are converted only for plain-http URLs without -L (use --lang python or javascript)".to_string());
        } else {
            if let Some(ca) = p.cacert.as_ref().and_then(|c| c.literal()) {
                out.ca = Some(str_literal(&String::from_utf8_lossy(&ca)));
                out.chain.push(
                    ".tls_certs_only(proxy_ca) // --proxy-cacert: the https proxy's CAs"
                        .to_string(),
                );
            } else if p.cacert.is_some() {
                out.refused.push(
                    "--proxy-cacert from an environment variable is not converted for reqwest"
                        .to_string(),
                );
            }
            if p.insecure {
                out.chain.push("// !!! DANGER (--proxy-insecure): the https proxy's certificate is NOT verified.".to_string());
                out.chain
                    .push(".danger_accept_invalid_certs(true)".to_string());
            }
        }
    }
    out
}
