//! The httpx flavours of the default output (issue 14): the same plan and `main()` writer as
//! requests (idiomatic.rs), mapped to httpx's `Client` or, with asyncio, its `AsyncClient`
//! (templates/python/httpx.py). `--exact` stays with requests.

use super::idiomatic::{Writer, write};
use super::policy_view::{PolicyView, summary};
use super::syntax::{Lines, Py};
use crate::codegen::Program;
use crate::codegen::literal::python as lit;
use crate::diagnostic::Diagnostic;
use crate::ir::{Method, Request};
use askama::Template;

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

/// Everything `templates/python/httpx.py` prints.
#[derive(Template)]
#[template(path = "python/httpx.py", escape = "none")]
struct View {
    summary: String,
    imports: String,
    p: PolicyView,
    async_: &'static str,
    /// The helper's first line (the async one within 88 columns).
    signature: &'static str,
    await_: &'static str,
    sleep: &'static str,
    run_main: &'static str,
    uses_env: bool,
    uses_read_file: bool,
    uses_strip_newlines: bool,
    uses_urlencode: bool,
    uses_urlencode_query: bool,
    /// support.py's requests version of load_cookies: never in an httpx program.
    uses_load_cookies: bool,
    uses_httpx_cookies: bool,
    main: String,
}

/// Renders the program with httpx's `Client`, or with `AsyncClient` when `asynchronous`.
pub(super) fn render(
    program: &Program,
    asynchronous: bool,
    warnings: &mut Vec<Diagnostic>,
) -> String {
    let policy = program.retry_policy;
    let plan = program.plan();
    let flavour = if asynchronous {
        Flavour::Async
    } else {
        Flavour::Httpx
    };
    let (w, main) = write(&plan, policy, warnings, flavour);
    let g = &w.g;
    let view = View {
        summary: summary(&plan, g.socks, flavour),
        imports: g.imports.render(),
        p: PolicyView::new(policy),
        async_: if asynchronous { "async " } else { "" },
        signature: if asynchronous {
            "async def request_with_retries(client, method, url, **kwargs) -> httpx.Response:"
        } else {
            "def request_with_retries(client, method: str, url: str, **kwargs) -> httpx.Response:"
        },
        await_: if asynchronous { "await " } else { "" },
        sleep: if asynchronous {
            "await asyncio.sleep"
        } else {
            "time.sleep"
        },
        run_main: if asynchronous {
            "asyncio.run(main())"
        } else {
            "main()"
        },
        uses_env: g.uses_env,
        uses_read_file: g.uses_read_file,
        uses_strip_newlines: g.uses_strip_newlines,
        uses_urlencode: g.uses_urlencode,
        uses_urlencode_query: g.uses_urlencode_query,
        uses_load_cookies: false,
        uses_httpx_cookies: g.uses_load_cookies,
        main,
    };
    let mut code = String::with_capacity(View::SIZE_HINT + view.main.len() + 1);
    match view.render_into(&mut code) {
        // askama drops the template's final newline.
        Ok(()) => {
            code.push('\n');
            code
        }
        Err(e) => format!("# curl2code could not render this program: {e}\n"),
    }
}

impl Writer<'_> {
    /// Maps a call's requests keywords to httpx's: raw bodies as `content=`, a form with a
    /// repeated name as a dict of lists, Digest auth as `httpx.DigestAuth`; TLS and proxy
    /// options go to the client (httpx has them per client, not per request).
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
                        self.client_option(out, indent, request, "proxy", Py::atom("proxy"));
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
        let Py::Dict(entries) = headers else {
            return Some(headers);
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
                        "{var}.headers.pop({n}, None)  # curl -H '{}:'",
                        lit::comment(&n[1..n.len() - 1])
                    ),
                );
            }
        }
        (!kept.is_empty()).then_some(Py::Dict(kept))
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
