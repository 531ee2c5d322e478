//! Connection options into [`crate::ir::Connect`]: `--resolve`, `--connect-to`, `-4`/`-6`,
//! `--interface`, `--local-port`, `--unix-socket`, `--request-target`, the HTTP version and
//! `--post30x`, read as curl 7.88 reads them.

use super::*;
use crate::ir::{HttpVersion, Route, UnixSocket};

impl Group {
    /// Applies one connection option (the caller matched the variants).
    pub(super) fn connect(&mut self, arg: &Arg, cx: &mut Ctx) -> Result<(), Diagnostic> {
        let front = self.connect_to_rules; // routes before this index came from --connect-to
        let c = &mut self.transfer.connect;
        match &arg.opt {
            Opt::Resolve(t) => {
                let text = literal(arg, t)?;
                match resolve_rule(&text) {
                    Some(ResolveRule::Add(route, extra)) => {
                        if extra {
                            cx.warn(
                                Diagnostic::warning("only the first address of this --resolve rule is used; curl tries the others when it cannot connect")
                                    .with_span(t.span)
                                    .with_help("give the address that answers first"),
                            );
                        }
                        // A later rule for the same host and port replaces an earlier one.
                        forget(&mut c.routes, front, &route);
                        c.routes.push(route);
                    }
                    Some(ResolveRule::Remove(route)) => forget(&mut c.routes, front, &route),
                    None => return Err(bad(arg, t, "HOST:PORT:ADDRESS[,ADDRESS]")),
                }
            }
            Opt::ConnectTo(t) => {
                let text = literal(arg, t)?;
                let route =
                    connect_to_rule(&text).ok_or_else(|| bad(arg, t, "HOST1:PORT1:HOST2:PORT2"))?;
                // curl applies --connect-to before --resolve: connect-to rules go first.
                c.routes.insert(front, route);
                self.connect_to_rules += 1;
            }
            Opt::Ipv4 => c.family = Some(4),
            Opt::Ipv6 => c.family = Some(6),
            Opt::Interface(t) => {
                let text = literal(arg, t)?;
                // curl's `if!NAME` is an interface, `host!ADDR` an address; a plain word is an
                // address when it reads as one.
                if let Some(name) = text.strip_prefix("if!") {
                    (c.interface, c.local_address) = (Some(name.to_string()), None);
                } else {
                    let addr = text.strip_prefix("host!").unwrap_or(&text);
                    let bare = addr.trim_start_matches('[').trim_end_matches(']');
                    if bare.parse::<std::net::IpAddr>().is_ok() {
                        (c.interface, c.local_address) = (None, Some(bare.to_string()));
                    } else {
                        (c.interface, c.local_address) = (Some(addr.to_string()), None);
                    }
                }
            }
            Opt::LocalPort(t) => {
                let text = literal(arg, t)?;
                let (a, b) = text.split_once('-').unwrap_or((&text, &text));
                let port = |s: &str| s.trim().parse::<u16>().ok().filter(|p| *p > 0);
                match (port(a), port(b)) {
                    (Some(a), Some(b)) if a <= b => c.local_port = Some((a, b)),
                    _ => return Err(bad(arg, t, "a port or a range of ports, e.g. 4000-4100")),
                }
            }
            Opt::UnixSocket(t) | Opt::AbstractUnixSocket(t) => {
                let path = literal(arg, t)?;
                let abstract_name = matches!(arg.opt, Opt::AbstractUnixSocket(_));
                c.unix_socket = Some(UnixSocket {
                    path,
                    abstract_name,
                });
            }
            Opt::RequestTarget(t) => c.request_target = Some(literal(arg, t)?),
            Opt::Http10 => c.version = Some(HttpVersion::Http10),
            Opt::Http2PriorKnowledge => c.version = Some(HttpVersion::Http2PriorKnowledge),
            Opt::Http11 => c.version = None,
            Opt::HaproxyProtocol(on) => c.haproxy = *on,
            Opt::Post301(on) | Opt::Post302(on) | Opt::Post303(on) => {
                let status = match arg.opt {
                    Opt::Post301(_) => 301,
                    Opt::Post302(_) => 302,
                    _ => 303,
                };
                c.keep_post.retain(|s| *s != status);
                if *on {
                    c.keep_post.push(status);
                    crate::sort::sort_by(&mut c.keep_post, |a, b| a < b);
                }
            }
            _ => {}
        }
        Ok(())
    }
}

/// The option's text; these options are needed while converting, so `$VAR` is refused.
fn literal(arg: &Arg, t: &Text) -> Result<String, Diagnostic> {
    match t.value.literal() {
        Some(b) => String::from_utf8(b).map_err(|_| {
            Diagnostic::error(format!("--{} needs UTF-8 text", arg.spec.long)).with_span(t.span)
        }),
        None => Err(Diagnostic::error(format!(
            "--{} reads its value from the environment; curl2code needs it while converting",
            arg.spec.long
        ))
        .with_span(t.span)
        .with_label("an environment variable")
        .with_help("write the value out in the command")),
    }
}

fn bad(arg: &Arg, t: &Text, expected: &str) -> Diagnostic {
    Diagnostic::error(format!(
        "`{}` is not a valid value for --{}",
        t.value.display(),
        arg.spec.long
    ))
    .with_span(t.span)
    .with_label(format!("expected {expected}"))
    .with_help(format!("curl refuses it too; write {expected}"))
}

/// Drops the --resolve rule (at `front` or after) for `route`'s host and port.
fn forget(routes: &mut Vec<Route>, front: usize, route: &Route) {
    let mut i = 0;
    routes.retain(|r| {
        i += 1;
        i <= front || r.host != route.host || r.port != route.port
    });
}

/// A parsed `--resolve` value.
#[derive(Debug, PartialEq)]
pub(super) enum ResolveRule {
    /// `[+]HOST:PORT:ADDR[,ADDR…]`; true when more than one address was given.
    Add(Route, bool),
    /// `-HOST:PORT`.
    Remove(Route),
}

/// `[+]HOST:PORT:ADDR[,ADDR…]` or `-HOST:PORT`; HOST `*` matches any host (curl 7.64).
pub(super) fn resolve_rule(text: &str) -> Option<ResolveRule> {
    let (remove, rest) = match text.strip_prefix('-') {
        Some(r) => (true, r),
        None => (false, text.strip_prefix('+').unwrap_or(text)),
    };
    let (host, rest) = rest.split_once(':')?;
    let (port, addrs) = match rest.split_once(':') {
        Some((p, a)) => (p, Some(a)),
        None => (rest, None),
    };
    let port: u16 = port.parse().ok()?;
    let host = (host != "*").then(|| host.to_ascii_lowercase());
    if host.as_deref() == Some("") {
        return None;
    }
    let mut route = Route {
        host,
        port: Some(port),
        to_host: None,
        to_port: None,
    };
    if remove {
        return Some(ResolveRule::Remove(route));
    }
    let list: Vec<&str> = addrs?.split(',').map(str::trim).collect();
    let first = unbracket(list.first()?);
    first.parse::<std::net::IpAddr>().ok()?;
    route.to_host = Some(first.to_string());
    Some(ResolveRule::Add(route, list.len() > 1))
}

/// `HOST1:PORT1:HOST2:PORT2`; an empty part means any (1) or the same (2).
pub(super) fn connect_to_rule(text: &str) -> Option<Route> {
    let (host1, rest) = split_host(text)?;
    let (port1, rest) = rest.split_once(':')?;
    let (host2, port2) = split_host(rest)?;
    let port = |p: &str| -> Option<Option<u16>> {
        if p.is_empty() {
            Some(None)
        } else {
            p.parse().ok().map(Some)
        }
    };
    let name = |h: &str| (!h.is_empty()).then(|| h.to_ascii_lowercase());
    Some(Route {
        host: name(host1),
        port: port(port1)?,
        to_host: name(host2),
        to_port: port(port2)?,
    })
}

/// `HOST:rest` where HOST may be a bracketed IPv6 address (returned without brackets).
fn split_host(text: &str) -> Option<(&str, &str)> {
    if let Some(inner) = text.strip_prefix('[') {
        let (host, rest) = inner.split_once(']')?;
        Some((host, rest.strip_prefix(':')?))
    } else {
        text.split_once(':')
    }
}

fn unbracket(s: &str) -> &str {
    s.strip_prefix('[')
        .and_then(|s| s.strip_suffix(']'))
        .unwrap_or(s)
}
