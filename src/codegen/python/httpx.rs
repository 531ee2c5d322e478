//! The httpx flavours of the default output (issue 14): the same plan, `main()` writer and
//! template as requests (idiomatic.rs, templates/python/idiomatic.py), mapped to httpx's
//! `Client` or, with asyncio, its `AsyncClient`. `--exact` stays with requests.

use super::idiomatic::Writer;
use super::syntax::{Lines, Py};
use crate::codegen::python::literal as lit;
use crate::ir::{Method, Request};

/// The HTTP library of a Python program.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Flavour {
    /// requests' `Session` (the core target).
    Requests,
    /// httpx's `Client`.
    Httpx,
    /// httpx's `AsyncClient` under `asyncio.run`.
    Async,
}

impl Flavour {
    /// The variable holding the session or client.
    pub(super) fn var(self) -> &'static str {
        match self {
            Flavour::Requests => "session",
            Flavour::Httpx | Flavour::Async => "client",
        }
    }

    /// The exception class the helper raises.
    pub(super) fn error(self) -> &'static str {
        match self {
            Flavour::Requests => "requests.RequestException",
            Flavour::Httpx | Flavour::Async => "httpx.RequestError",
        }
    }

    /// The condition for a final status below 400, and its negation.
    pub(super) fn ok(self) -> (&'static str, &'static str) {
        match self {
            Flavour::Requests => ("response.ok", "not response.ok"),
            Flavour::Httpx | Flavour::Async => {
                ("response.status_code < 400", "response.status_code >= 400")
            }
        }
    }

    /// `await ` before a call of the helper, in the async flavour.
    pub(super) fn awaits(self) -> &'static str {
        if self == Flavour::Async { "await " } else { "" }
    }

    /// The cookie jar of the session or client (httpx wraps a `CookieJar` in `Cookies`).
    pub(super) fn jar(self) -> &'static str {
        match self {
            Flavour::Requests => "session.cookies",
            Flavour::Httpx | Flavour::Async => "client.cookies.jar",
        }
    }
}

impl Writer<'_> {
    /// Maps a call's requests keywords to httpx's: raw bodies (`encode_parts`' multipart bytes
    /// too) as `content=`, a form with a repeated name as a dict of lists, Digest auth as
    /// `httpx.DigestAuth`; TLS and proxy options go to the client (httpx has them per client,
    /// not per request).
    pub(super) fn httpx_call(
        &mut self,
        out: &mut Lines,
        indent: usize,
        request: &Request,
        args: &mut Vec<(Option<&'static str>, Py)>,
    ) {
        if let Method::Custom(m) = &request.method {
            if m.to_ascii_uppercase() != *m {
                let msg = "httpx upper-cases the method: it is sent in capitals".into();
                self.g.unsupported(out, indent, request, msg);
            }
        }
        let proxy = request
            .transfer
            .proxy
            .as_ref()
            .and_then(|p| p.url.literal());
        if proxy.is_some_and(|u| u.starts_with(b"socks4")) {
            let m =
                "httpx has no SOCKS4 proxies (SOCKS5 only): the proxy is set as given and fails"
                    .into();
            self.g.unsupported(out, indent, request, m);
        }
        let mut kept = Vec::with_capacity(args.len());
        for (key, value) in args.drain(..) {
            match (key, value) {
                (Some("headers"), headers) => {
                    if let Some(h) = self.removed_defaults(out, indent, request, headers) {
                        kept.push((Some("headers"), h));
                    }
                }
                (Some("data"), Py::List(pairs)) => kept.push((Some("data"), grouped(pairs))),
                (Some("data"), v @ Py::Dict(_)) => kept.push((Some("data"), v)),
                (Some("data"), v) => kept.push((Some("content"), v)),
                (Some("auth"), Py::Call(name, a)) if name == "HTTPDigestAuth" => {
                    self.g.imports.forget_third("requests.auth");
                    kept.push((Some("auth"), Py::Call("httpx.DigestAuth".into(), a)));
                }
                (Some("proxies"), Py::Dict(entries)) => {
                    let no_proxy = entries.iter().any(|(k, _)| k.flat() == "\"no_proxy\"");
                    if no_proxy {
                        let m = "--noproxy is not converted for httpx: the environment's proxy settings apply".into();
                        self.g.unsupported(out, indent, request, m);
                    } else {
                        let proxy = self.httpx_proxy(request);
                        self.client_option(out, indent, request, "proxy", proxy);
                    }
                }
                (Some(k @ ("verify" | "cert" | "follow_redirects")), v) => {
                    self.client_option(out, indent, request, k, v);
                }
                (k, v) => kept.push((k, v)),
            }
        }
        *args = kept;
    }

    /// The client's `proxy=`: the URL, or an `httpx.Proxy` with the --proxy-header lines and the
    /// TLS of an https proxy (--proxy-insecure, --proxy-cacert), which httpx keeps to that hop.
    fn httpx_proxy(&mut self, request: &Request) -> Py {
        let p = &request.transfer.proxying;
        let mut args = vec![(None, Py::atom("proxy"))];
        if !p.headers.is_empty() {
            let pairs = p
                .headers
                .iter()
                .map(|h| {
                    (
                        Py::atom(super::literal::str_lit(h.name.as_str())),
                        self.g.text(&h.value),
                    )
                })
                .collect();
            args.push((Some("headers"), Py::Dict(pairs)));
        }
        let https_proxy = request
            .transfer
            .proxy
            .as_ref()
            .and_then(|x| x.url.literal())
            .is_some_and(|u| u.to_ascii_lowercase().starts_with(b"https:"));
        if https_proxy && p.insecure {
            let ctx = Py::atom("httpx.create_ssl_context(verify=False)  # --proxy-insecure");
            args.push((Some("ssl_context"), ctx));
        } else if let (true, Some(ca)) = (https_proxy, &p.cacert) {
            self.g.imports.std("ssl", "");
            let ca = self.g.text(ca);
            let ctx = Py::Call(
                "ssl.create_default_context".into(),
                vec![(Some("cafile"), ca)],
            );
            args.push((Some("ssl_context"), ctx));
        }
        if args.len() == 1 {
            return Py::atom("proxy");
        }
        Py::Call("httpx.Proxy".into(), args)
    }

    /// The headers without the entries that remove a default (`-H 'Name:'`, None or
    /// SKIP_HEADER for requests): httpx takes them off the client's defaults instead.
    fn removed_defaults(
        &mut self,
        out: &mut Lines,
        indent: usize,
        request: &Request,
        headers: Py,
    ) -> Option<Py> {
        let removes = |v: &Py| matches!(v.flat().as_str(), "None" | "SKIP_HEADER");
        // A dict, or a list of (name, value) pairs when a name repeats.
        let (entries, pairs) = match headers {
            Py::Dict(entries) => (entries, false),
            Py::List(items)
                if items
                    .iter()
                    .all(|i| matches!(i, Py::Tuple(kv) if kv.len() == 2)) =>
            {
                let entries = items.into_iter().filter_map(|item| match item {
                    Py::Tuple(mut kv) => Some((kv.remove(0), kv.remove(0))),
                    _ => None,
                });
                (entries.collect(), true)
            }
            other => return Some(other),
        };
        let (off, kept): (Vec<_>, Vec<_>) = entries.into_iter().partition(|(_, v)| removes(v));
        if !off.is_empty() {
            self.g.imports.forget_third("urllib3.util");
        }
        for (name, _) in off {
            if name.flat().eq_ignore_ascii_case("\"host\"") {
                let m = "httpx always sends a Host header: -H 'Host:' is not converted".into();
                self.g.unsupported(out, indent, request, m);
            } else {
                let var = self.flavour.var();
                let n = name.flat();
                out.line(
                    indent,
                    &format!(
                        "{var}.headers.pop({n}, None)  # the command sends no {}",
                        lit::comment(&n[1..n.len() - 1])
                    ),
                );
            }
        }
        (!kept.is_empty()).then(|| match pairs {
            true => Py::List(
                kept.into_iter()
                    .map(|(n, v)| Py::Tuple(vec![n, v]))
                    .collect(),
            ),
            false => Py::Dict(kept),
        })
    }

    /// Sets a client option; a later call that wants another value gets a warning.
    fn client_option(
        &mut self,
        out: &mut Lines,
        indent: usize,
        request: &Request,
        key: &'static str,
        value: Py,
    ) {
        match self.client.iter().find(|(k, _)| *k == Some(key)) {
            None => self.client.push((Some(key), value)),
            Some((_, v)) if v.flat() == value.flat() => {}
            Some(_) => {
                let m = format!("httpx sets {key}= per client: the first request's is used");
                self.g.unsupported(out, indent, request, m);
            }
        }
    }
}

/// Form pairs with a repeated name as the dict of lists httpx takes (names in first-seen order).
fn grouped(pairs: Vec<Py>) -> Py {
    let mut groups: Vec<(String, Py, Vec<Py>)> = Vec::new();
    for pair in pairs {
        let Py::Tuple(mut kv) = pair else { continue };
        let (Some(v), Some(k)) = (kv.pop(), kv.pop()) else {
            continue;
        };
        let name = k.flat();
        match groups.iter_mut().find(|(n, ..)| *n == name) {
            Some((.., values)) => values.push(v),
            None => groups.push((name, k, vec![v])),
        }
    }
    Py::Dict(
        groups
            .into_iter()
            .map(|(_, k, values)| (k, Py::List(values)))
            .collect(),
    )
}
