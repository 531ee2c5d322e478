//! The proxy options family in nodeFetch's `proxy` object: `--proxy-header` lines, `-p` (CONNECT
//! for plain-http URLs too), the TLS of an https proxy (`--proxy-insecure`, `--proxy-cacert`)
//! and `--proxy-digest` credentials; and which parts of nodeFetch they need.

use super::idiomatic::Context;
use crate::codegen::javascript::literal as lit;
use crate::ir::{Request, Value};

/// The parts of nodeFetch's proxy code some call needs (nothing when no option is used).
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct ProxyView {
    /// `--proxy-header`.
    pub(super) headers: bool,
    /// `-p`.
    pub(super) tunnel: bool,
    /// An https proxy (its own TLS options with `--proxy-insecure`/`--proxy-cacert`).
    pub(super) https: bool,
    /// `--proxy-digest`: the challenge and answer (node:crypto).
    pub(super) digest: bool,
    /// `--proxy-anyauth`: a Basic challenge is answered too.
    pub(super) any: bool,
}

/// `, digest: "user:password"`: nodeFetch answers the proxy's 407 challenge with them (Digest,
/// or also Basic with --proxy-anyauth: `any: true`).
pub(super) fn digest_credentials(cx: &mut Context, r: &Request, credentials: &Value) -> String {
    cx.px.digest = true;
    let any = if r.transfer.proxying.any {
        cx.px.any = true;
        ", any: true"
    } else {
        ""
    };
    format!(", digest: {}{any}", cx.byte_text(credentials))
}

/// The proxy object's fields past `origin` and the credentials, for `r`'s options.
pub(super) fn fields(cx: &mut Context, r: &Request, https: bool) -> String {
    let p = &r.transfer.proxying;
    let mut out = String::new();
    if !p.headers.is_empty() {
        cx.px.headers = true;
        let pairs: Vec<String> = p
            .headers
            .iter()
            .map(|h| {
                format!(
                    "[{}, {}]",
                    lit::string(h.name.as_str()),
                    cx.byte_text(&h.value)
                )
            })
            .collect();
        out.push_str(&format!(", headers: [{}]", pairs.join(", ")));
    }
    let plain_http = r
        .url
        .literal()
        .is_some_and(|u| u.to_ascii_lowercase().starts_with(b"http:"));
    if p.tunnel && plain_http {
        cx.px.tunnel = true;
        out.push_str(", tunnel: true");
    }
    if https {
        cx.px.https = true;
        let mut tls = Vec::new();
        if let Some(ca) = &p.cacert {
            cx.read_sync = true;
            cx.read_pem = true;
            let path = cx.text(ca, "certificate file name");
            tls.push(format!("ca: readPem({path}, \"ca\")"));
        }
        if p.insecure {
            tls.push("rejectUnauthorized: false /* --proxy-insecure */".to_string());
        }
        if !tls.is_empty() {
            out.push_str(&format!(", tls: {{ {} }}", tls.join(", ")));
        }
    }
    out
}
