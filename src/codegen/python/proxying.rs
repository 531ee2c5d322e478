//! The proxy options family in the requests outputs (both modes): `templates/python/proxying.py`'s
//! `Proxied` adapter, through HTTPAdapter's hooks for subclasses: `--proxy-header`
//! (proxy_headers), the TLS of an https proxy (cert_verify for plain-http URLs, whose proxy
//! requests would not verify at all; proxy_manager_for for tunnels), `-p` (a CONNECT tunnel for
//! plain-http URLs) and `--proxy-digest` (the 407 challenge answered).

use super::common::Gen;
use super::syntax::Py;
use crate::diagnostic::Diagnostic;
use crate::ir::Request;

/// What `templates/python/proxying.py` prints; `on` is false when nothing is needed.
#[derive(Clone, Debug, Default)]
pub(super) struct ProxyView {
    pub(super) on: bool,
    /// `Proxied`'s base class (`Connected` then derives from `Proxied`).
    pub(super) base: &'static str,
    pub(super) headers: bool,
    /// An https proxy for plain-http URLs: verified as curl does (cert_verify).
    pub(super) verify: bool,
    /// An https proxy tunnelling to https URLs: its own CAs (proxy_manager_for).
    pub(super) context: bool,
    pub(super) tunnel: bool,
    pub(super) digest: bool,
    /// `--proxy-anyauth`: a Basic challenge is answered too.
    pub(super) any: bool,
    /// `--proxy-digest` for a CONNECT: the challenge is fetched first (`connect_challenge`).
    pub(super) probe: bool,
    /// `--proxy-insecure` on a plain-http URL: urllib3's warning about it is silenced.
    pub(super) quiet: bool,
    /// The adapter's arguments, as Python code.
    pub(super) args: String,
}

impl Gen<'_> {
    /// Settles the proxy options of `requests`; `base` is the adapter class `Proxied` extends.
    pub(super) fn proxying(
        &mut self,
        requests: &[&Request],
        base: &'static str,
        httpx: bool,
    ) -> ProxyView {
        let mut v = ProxyView {
            base,
            ..ProxyView::default()
        };
        let Some((r, proxy)) = requests
            .iter()
            .find_map(|r| r.transfer.proxy.as_ref().map(|p| (*r, p)))
        else {
            return v;
        };
        let p = &r.transfer.proxying;
        let url = proxy.url.literal().unwrap_or_default().to_ascii_lowercase();
        let https_proxy = url.starts_with(b"https:");
        let scheme_of = |r: &&&Request| r.url.literal().unwrap_or_default().to_ascii_lowercase();
        let plain = requests.iter().any(|r| scheme_of(&r).starts_with(b"http:"));
        let tls_urls = requests
            .iter()
            .any(|r| scheme_of(&r).starts_with(b"https:"));
        let mut refused = Vec::new();
        if httpx {
            // --proxy-header and the proxy's TLS go in httpx.Proxy (httpx.rs).
            if p.tunnel {
                refused.push("httpx sends plain-http URLs to an http proxy in absolute form, with no CONNECT option: -p is not converted (use --lang python)".to_string());
            }
            if p.digest {
                refused.push("httpx.DigestAuth answers a server's 401, not a proxy's 407: --proxy-digest is not converted (use --lang python)".to_string());
            }
            self.refuse_all(r, refused);
            return v;
        }
        let mut args = Vec::new();
        if !p.headers.is_empty() {
            let pairs: Vec<(Py, Py)> = p
                .headers
                .iter()
                .map(|h| {
                    (
                        Py::atom(super::literal::str_lit(h.name.as_str())),
                        self.text(&h.value),
                    )
                })
                .collect();
            args.push(format!("headers={}", Py::Dict(pairs).flat()));
            v.headers = true;
        }
        if https_proxy && plain {
            // requests verifies nothing on the way to an https proxy for a plain-http URL.
            v.quiet = p.insecure;
            if p.insecure {
                self.imports.third("urllib3", ""); // its warning is silenced
            }
            let verify = match (&p.cacert, p.insecure) {
                (_, true) => "(\"CERT_NONE\", None)".to_string(),
                (Some(ca), false) => format!("(\"CERT_REQUIRED\", {})", self.text(ca).flat()),
                (None, false) => {
                    "(\"CERT_REQUIRED\", requests.utils.DEFAULT_CA_BUNDLE_PATH)".to_string()
                }
            };
            args.push(format!("verify={verify}"));
            v.verify = true;
        }
        if https_proxy && tls_urls && p.tls_used() {
            if p.insecure && !r.transfer.insecure {
                refused.push("urllib3 checks an https proxy that tunnels to an https URL with the server's verify settings: --proxy-insecure is not converted for https URLs (use --lang javascript)".to_string());
            } else if let Some(ca) = &p.cacert {
                self.imports.std("ssl", "");
                args.push(format!(
                    "context=ssl.create_default_context(cafile={})",
                    self.text(ca).flat()
                ));
                v.context = true;
            }
        }
        if p.tunnel && plain && https_proxy {
            refused.push("the requests output tunnels plain-http URLs with http.client's set_tunnel, which speaks plain TCP to the proxy: -p with an https proxy is not converted (use --lang javascript)".to_string());
        } else if p.tunnel && plain {
            v.tunnel = true;
            self.imports.third("urllib3", "");
        }
        if p.digest {
            if let Some(user) = &proxy.user {
                let password = proxy.password.clone().unwrap_or_default();
                args.push(format!(
                    "digest=({}, {})",
                    self.text(user).flat(),
                    self.text(&password).flat()
                ));
                v.digest = true;
                v.any = p.any;
                if p.any {
                    self.imports.std("base64", "");
                }
                self.imports.std("hashlib", "");
                self.imports.std("os", "");
                if tls_urls || v.tunnel {
                    v.probe = true;
                    self.imports.std("http.client", "");
                    self.imports.third("urllib3", "");
                }
                if https_proxy && (tls_urls || v.tunnel) {
                    refused.push("--proxy-digest through an https proxy's CONNECT is not converted for requests (use --lang javascript)".to_string());
                }
            }
        }
        self.refuse_all(r, refused);
        v.on = v.headers || v.verify || v.context || v.tunnel || v.digest;
        v.args = args.join(", ");
        v
    }

    fn refuse_all(&mut self, r: &Request, messages: Vec<String>) {
        for m in messages {
            self.warnings.push(Diagnostic::warning(m).with_span(r.span));
        }
    }
}
