//! The 502 playbook (issue 15) as both Python templates print it (templates/python/bases.py):
//! a `Bases` object that main() makes and passes to the retry helper, holding the fallback
//! origins, a circuit breaker per base and the health verdicts, so that an application can
//! keep one for its lifetime. None of it is printed without the flags.

use super::common::{fallbacks, float};
use super::httpx::Flavour;
use crate::codegen::python::literal as lit;
use crate::policy::RetryPolicy;

/// What templates/python/bases.py and the helpers print for the playbook.
pub(super) struct BasesView {
    /// Any of --fallback-url, --circuit-breaker, --health-check: the object exists.
    pub(super) on: bool,
    /// The constants above main(), as lines.
    pub(super) constants: String,
    pub(super) fallback: bool,
    pub(super) breaker: bool,
    pub(super) health: bool,
    /// The health check is an absolute URL (else a path relative to each base).
    pub(super) absolute: bool,
    /// --health-check-auth: the probe carries the call's credentials.
    pub(super) auth: bool,
    /// Library spellings.
    pub(super) var: &'static str,
    pub(super) error_class: &'static str,
    pub(super) timeout_error: &'static str,
    pub(super) network_error: &'static str,
    pub(super) no_redirects: &'static str,
    pub(super) headers: &'static str,
    /// `async ` / `await ` where the health probe sends (httpx's AsyncClient).
    pub(super) async_: &'static str,
    pub(super) await_: &'static str,
}

impl BasesView {
    pub(super) fn new(p: &RetryPolicy, flavour: Flavour) -> BasesView {
        let httpx = flavour != Flavour::Requests;
        let asynchronous = flavour == Flavour::Async && p.health_check.is_some();
        BasesView {
            on: p.circuit_breaker || !p.fallback_urls.is_empty() || p.health_check.is_some(),
            constants: constants(p),
            fallback: !p.fallback_urls.is_empty(),
            breaker: p.circuit_breaker,
            health: p.health_check.is_some(),
            absolute: p
                .health_check
                .as_deref()
                .is_some_and(|h| !h.starts_with('/')),
            auth: p.health_check_auth,
            var: flavour.var(),
            error_class: flavour.error(),
            timeout_error: if httpx {
                "httpx.TimeoutException"
            } else {
                "requests.Timeout"
            },
            network_error: if httpx {
                "httpx.NetworkError"
            } else {
                "requests.ConnectionError"
            },
            no_redirects: if httpx {
                "follow_redirects=False"
            } else {
                "allow_redirects=False"
            },
            headers: if httpx {
                "httpx.Headers(call.get(\"headers\")).items()"
            } else {
                "(call.get(\"headers\") or {}).items()"
            },
            async_: if asynchronous { "async " } else { "" },
            await_: if asynchronous { "await " } else { "" },
        }
    }
}

/// The playbook's constants, each group under a comment saying what it does.
fn constants(p: &RetryPolicy) -> String {
    let mut out = Vec::new();
    if let Some(urls) = fallbacks(p) {
        out.push(
            "# After a gateway error, a failed connection or a timeout the next attempt".into(),
        );
        out.push("# goes to the next base: the call's own origin, then these.".into());
        out.push(format!("FALLBACK_URLS = {urls}"));
        out.push("FAILOVER_STATUSES = {502, 503, 504, 521, 522, 524}".into());
    }
    if p.circuit_breaker {
        out.push(
            "# A base's circuit breaker opens after BREAKER_FAILURES failed attempts in".into(),
        );
        out.push("# a row; BREAKER_COOLDOWN seconds later one attempt may try it again.".into());
        out.push(format!(
            "BREAKER_FAILURES, BREAKER_COOLDOWN = {}, {}",
            p.breaker_failures,
            float(p.breaker_cooldown)
        ));
    }
    if let Some(check) = &p.health_check {
        let relative = if check.starts_with('/') {
            " (relative to it)"
        } else {
            ""
        };
        out.push(format!(
            "# Before the first call to a base, GET HEALTH_CHECK{relative}: a 2xx means"
        ));
        out.push("# healthy. Verdicts hold HEALTH_TTL seconds (None: for good).".into());
        let ttl = p.health_ttl.map_or("None".into(), float);
        let (check, timeout) = (lit::str_lit(check), float(p.health_timeout));
        let line = format!("HEALTH_CHECK, HEALTH_TIMEOUT, HEALTH_TTL = {check}, {timeout}, {ttl}");
        if line.len() <= super::syntax::LINE_WIDTH {
            out.push(line);
        } else {
            out.push(format!("HEALTH_CHECK = {check}"));
            out.push(format!("HEALTH_TIMEOUT, HEALTH_TTL = {timeout}, {ttl}"));
        }
        if !p.health_check_auth {
            out.push(
                "CREDENTIALS = {\"authorization\", \"cookie\", \"proxy-authorization\"}  # kept back"
                    .into(),
            );
        }
    }
    out.join("\n")
}
