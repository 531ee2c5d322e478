//! Connection settings of the requests outputs (both modes): `templates/python/connect.py`'s
//! `Connected` adapter (`--resolve`/`--connect-to` pins, the source address of `-4`/`-6`,
//! `--interface` and `--local-port`, `--unix-socket`, `--request-target`) and its `KeepPost`
//! session (`--post301/302/303`), through requests' and urllib3's public hooks; warnings for
//! what httpx or requests cannot do.

use super::common::Gen;
use super::literal as lit;
use crate::diagnostic::Diagnostic;
use crate::ir::{Connect, Request};

/// What `templates/python/connect.py` prints; `on` is false when no option is used.
#[derive(Clone, Debug, Default)]
pub(super) struct ConnectView {
    /// The `Connected` adapter is defined and mounted.
    pub(super) on: bool,
    /// Its base class: `TypedTargets` in `--exact` programs (request targets as typed).
    pub(super) base: &'static str,
    /// Module-level constants (`PINS = …`), one per line.
    pub(super) constants: String,
    pub(super) pins: bool,
    pub(super) source: bool,
    pub(super) unix: bool,
    pub(super) target: bool,
    /// `--haproxy-protocol` (plain-http connections).
    pub(super) haproxy: bool,
    /// `--post30x` with `-L`: the statuses as a set literal; the session is a `KeepPost`.
    pub(super) keep_post: Option<String>,
    /// `KeepPost`'s base class.
    pub(super) session_base: &'static str,
    /// The proxy options' `Proxied` adapter (proxying.rs); `Connected` extends it when both are on.
    pub(super) px: super::proxying::ProxyView,
}

impl Gen<'_> {
    /// Settles the connection settings of `requests` into `self.connect` and returns the lines
    /// that mount the adapter on `session` (none when not needed).
    pub(super) fn connect(
        &mut self,
        requests: &[&Request],
        exact: bool,
        httpx: bool,
    ) -> Vec<String> {
        let base = if exact {
            "TypedTargets"
        } else {
            "requests.adapters.HTTPAdapter"
        };
        let px = self.proxying(requests, base, httpx);
        let Some(first) = requests.iter().find(|r| r.transfer.connect.is_set()) else {
            let lines = mounts("Proxied", &px, px.on);
            self.connect.px = px;
            return lines;
        };
        let c = &first.transfer.connect;
        let mut refused: Vec<String> = Vec::new();
        if c.version.is_some() {
            refused.push("requests (http.client) always speaks HTTP/1.1; --http1.0/--http2-prior-knowledge is not converted".into());
        }
        if httpx {
            for name in used(c, requests) {
                refused.push(format!(
                    "httpx has no public hook for it: {name} is not converted (use --lang python)"
                ));
            }
            self.refuse(first, refused);
            return Vec::new();
        }
        let mut v = ConnectView {
            base: if px.on { "Proxied" } else { base },
            session_base: "requests.Session",
            ..ConnectView::default()
        };
        let https = requests.iter().any(|r| {
            let url = r.url.literal().unwrap_or_default();
            url.to_ascii_lowercase().starts_with(b"https:")
        });
        let mut consts = Vec::new();
        let mut pins = Vec::new();
        for r in requests {
            if let Some(p) = r.pin() {
                let entry = format!(
                    "{}: ({}, {})",
                    lit::str_lit(&format!("{}:{}", p.host, p.port)),
                    lit::str_lit(&p.to_host),
                    p.to_port
                );
                if !pins.contains(&entry) {
                    pins.push(entry);
                }
            }
        }
        if !pins.is_empty() {
            consts.push("# --resolve/--connect-to: where a host:port connects instead; the URL, Host and TLS".to_string());
            consts.push("# name keep the host.".to_string());
            consts.push(format!("PINS = {{{}}}", pins.join(", ")));
            v.pins = true;
            self.imports.std("urllib.parse", "urlsplit");
        }
        if let Some(name) = &c.interface {
            refused.push(format!("requests has no setting for a network interface; --interface {name} is not converted (give its address instead)"));
        }
        let (low, high) = c.local_port.unwrap_or((0, 0));
        if low != high {
            refused.push(format!(
                "urllib3 binds one local port: --local-port {low}-{high} uses {low} only"
            ));
        }
        let address = match (&c.local_address, c.family) {
            (Some(ip), _) => Some(ip.as_str()),
            (None, Some(4)) => Some("0.0.0.0"),
            (None, Some(_)) => Some("::"),
            (None, None) => (low > 0).then_some(""),
        };
        if let Some(address) = address {
            let why = match (&c.local_address, c.family) {
                (Some(_), _) => "--interface: connect from this address",
                (None, Some(4)) => "-4: an IPv4 source, so IPv4 addresses only",
                (None, Some(_)) => "-6: an IPv6 source, so IPv6 addresses only",
                (None, None) => "--local-port",
            };
            consts.push(format!(
                "SOURCE_ADDRESS = ({}, {low})  # {why}",
                lit::str_lit(address)
            ));
            v.source = true;
        }
        if c.unix_socket.is_some() && https {
            refused.push("urllib3 has no public hook for TLS over a Unix socket: an https URL goes over --unix-socket as plain HTTP (TLS is not converted)".into());
        }
        if let Some(s) = &c.unix_socket {
            let path = if s.abstract_name {
                format!("\0{}", s.path)
            } else {
                s.path.clone()
            };
            let what = if s.abstract_name {
                "--abstract-unix-socket (a NUL byte, then the name)"
            } else {
                "--unix-socket"
            };
            consts.push(format!("UNIX_SOCKET = {}  # {what}", lit::str_lit(&path)));
            v.unix = true;
            self.imports.std("socket", "");
            self.imports.third("urllib3", "");
        }
        if c.haproxy {
            if https || c.unix_socket.is_some() {
                refused.push("urllib3 has no public hook between connecting and TLS (or for a Unix socket): --haproxy-protocol is not converted here; it is for plain-http URLs".into());
            } else {
                v.haproxy = true;
                self.imports.third("urllib3", "");
            }
        }
        if let Some(t) = &c.request_target {
            consts.push(format!(
                "REQUEST_TARGET = {}  # --request-target: sent instead of the URL's path",
                lit::str_lit(t)
            ));
            v.target = true;
        }
        if requests.iter().any(|r| r.transfer.follow_redirects) && !c.keep_post.is_empty() {
            let list: Vec<String> = c.keep_post.iter().map(u16::to_string).collect();
            v.keep_post = Some(format!("{{{}}}", list.join(", ")));
        }
        self.refuse(first, refused);
        v.on = v.pins || v.source || v.unix || v.target || v.haproxy;
        v.constants = consts.join("\n");
        let lines = if v.on && px.on {
            mounts("Connected", &px, true)
        } else if px.on {
            mounts("Proxied", &px, true)
        } else if v.on {
            let note = if exact {
                "  # and request targets as typed"
            } else {
                "  # how to connect"
            };
            vec![
                format!("session.mount(\"http://\", Connected()){note}"),
                "session.mount(\"https://\", Connected())".to_string(),
            ]
        } else {
            Vec::new()
        };
        v.px = px;
        self.connect = v;
        lines
    }

    fn refuse(&mut self, r: &Request, messages: Vec<String>) {
        for m in messages {
            self.warnings.push(Diagnostic::warning(m).with_span(r.span));
        }
    }
}

/// One adapter of class `class` with the proxy options' arguments, mounted for both schemes.
fn mounts(class: &str, px: &super::proxying::ProxyView, on: bool) -> Vec<String> {
    if !on {
        return Vec::new();
    }
    let quiet =
        "urllib3.disable_warnings(urllib3.exceptions.InsecureRequestWarning)  # --proxy-insecure";
    let quiet = px.quiet.then(|| quiet.to_string());
    quiet
        .into_iter()
        .chain([
            "# How to talk to the proxy (and connect):".to_string(),
            format!("adapter = {class}({})", px.args),
            "session.mount(\"http://\", adapter)".to_string(),
            "session.mount(\"https://\", adapter)".to_string(),
        ])
        .collect()
}

/// The options in `c` (and pins of `requests`) by name, for httpx's warning.
fn used(c: &Connect, requests: &[&Request]) -> Vec<&'static str> {
    let pins = requests.iter().any(|r| r.pin().is_some());
    let mut used = if pins {
        vec!["--resolve/--connect-to"]
    } else {
        Vec::new()
    };
    used.extend(c.options_used());
    used
}
