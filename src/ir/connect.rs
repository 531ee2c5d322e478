//! What the connection options mean for one request's URL: the host and port it connects to.
//! The generators pin the command's own URLs; a rule is looked up the way curl looks it up.

use super::{Connect, Request, Route};

/// A connection to `host:port` that goes elsewhere.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pin {
    /// The URL's host (lowercase; an IPv6 address without brackets).
    pub host: String,
    /// The URL's port (the scheme's default when it names none).
    pub port: u16,
    /// Whether the URL names the port itself.
    pub explicit_port: bool,
    /// Where to connect instead.
    pub to_host: String,
    /// The port to connect to instead.
    pub to_port: u16,
}

impl Connect {
    /// The options set here besides `--resolve`/`--connect-to`, by the name a refusal names.
    pub fn options_used(&self) -> Vec<&'static str> {
        [
            (self.family.is_some(), "-4/-6"),
            (
                self.local_address.is_some() || self.interface.is_some(),
                "--interface",
            ),
            (self.local_port.is_some(), "--local-port"),
            (self.unix_socket.is_some(), "--unix-socket"),
            (self.request_target.is_some(), "--request-target"),
            (!self.keep_post.is_empty(), "--post301/--post302/--post303"),
            (self.haproxy, "--haproxy-protocol"),
        ]
        .into_iter()
        .filter_map(|(used, name)| used.then_some(name))
        .collect()
    }

    /// The first rule for `host:port`, as curl tries them.
    pub fn route(&self, host: &str, port: u16) -> Option<&Route> {
        self.routes.iter().find(|r| {
            r.host.as_deref().is_none_or(|h| h == host) && r.port.is_none_or(|p| p == port)
        })
    }

    /// Whether any option of the family changes how the program connects.
    pub fn is_set(&self) -> bool {
        *self != Connect::default()
    }

    /// The opposite of [`Connect::is_set`] (serde's `skip_serializing_if` takes a function).
    pub fn is_unset(&self) -> bool {
        !self.is_set()
    }
}

impl Request {
    /// The URL's host and port, and whether the port was written, when the URL is literal.
    pub fn host_port(&self) -> Option<(String, u16, bool)> {
        let url = String::from_utf8(self.url.literal()?).ok()?;
        let (scheme, rest) = url.split_once("://")?;
        let authority = rest.split(['/', '?', '#']).next()?;
        let authority = authority.rsplit_once('@').map_or(authority, |(_, a)| a);
        let (host, port) = match authority.strip_prefix('[') {
            Some(v6) => {
                let (h, p) = v6.split_once(']')?;
                (h, p.strip_prefix(':'))
            }
            None => match authority.rsplit_once(':') {
                Some((h, p)) => (h, Some(p)),
                None => (authority, None),
            },
        };
        let default = if scheme.eq_ignore_ascii_case("https") {
            443
        } else {
            80
        };
        let port = port.filter(|p| !p.is_empty());
        let number = match port {
            Some(p) => p.parse().ok()?,
            None => default,
        };
        Some((host.to_ascii_lowercase(), number, port.is_some()))
    }

    /// Where this request's own URL connects to under `--resolve`/`--connect-to`, if a rule
    /// applies to it.
    pub fn pin(&self) -> Option<Pin> {
        let (host, port, explicit_port) = self.host_port()?;
        let r = self.transfer.connect.route(&host, port)?;
        Some(Pin {
            to_host: r.to_host.clone().unwrap_or_else(|| host.clone()),
            to_port: r.to_port.unwrap_or(port),
            host,
            port,
            explicit_port,
        })
    }
}
