//! The default program's access settings: the Authorization header, an http proxy for nodeFetch,
//! and the TLS options nodeFetch applies.

use super::idiomatic::Context;
use super::{bypasses, host_of, percent_decode};
use crate::codegen::javascript::literal as lit;
use crate::ir::{Auth, Request, TlsVersion, Value};

/// The Authorization header (or a note saying why there is none).
pub(super) fn auth_header(
    cx: &mut Context,
    auth: &Auth,
    overridden: bool,
    headers: &mut Vec<(String, String, String)>,
    notes: &mut Vec<String>,
) {
    if overridden {
        if matches!(auth, Auth::Basic { .. } | Auth::Bearer { .. }) {
            notes.push("The command's own Authorization header wins over -u, as with curl.".into());
        }
        return;
    }
    let name = "\"Authorization\"".to_string();
    match auth {
        Auth::Basic { user, password } => {
            let mut pair = user.clone();
            pair.push_bytes(b":");
            pair.push_value(password);
            let pair = cx.byte_text(&pair);
            headers.push((name, format!("`Basic ${{btoa({pair})}}`"), "-u".into()));
        }
        Auth::Bearer { token } => {
            let mut v = Value::bytes("Bearer ");
            v.push_value(token);
            headers.push((name, cx.byte_text(&v), String::new()));
        }
        Auth::Netrc { file, host } => {
            // Read when the program runs: the file's secrets stay out of the code.
            cx.netrc = true;
            cx.read_file = true;
            let file = match file {
                Some(f) => cx.text(f, "netrc file name"),
                None => "`${process.env.HOME}/.netrc`".to_string(),
            };
            let host = cx.text(host, "host name");
            let call = format!("await netrcAuth({file}, {host})");
            // An entry without a name: spread into the headers.
            headers.push((String::new(), call, String::new()));
        }
        Auth::Digest { .. } if cx.flavour == super::Flavour::Axios => {
            cx.warn(
                "axios has no Digest authentication; the request is sent without credentials"
                    .into(),
            );
            notes.push(
                "--digest: axios has no Digest authentication, so no credentials are sent.".into(),
            );
        }
        Auth::Digest { .. } => {
            cx.warn("fetch has no Digest authentication; the request is sent without credentials (npm packages such as digest-fetch add it)".into());
            notes.push(
                "--digest: fetch has no Digest authentication, so no credentials are sent.".into(),
            );
        }
        Auth::Ntlm { .. } => notes.push(format!(
            "--ntlm: {} has no NTLM authentication, so no credentials are sent.",
            if cx.flavour == super::Flavour::Axios {
                "axios"
            } else {
                "fetch"
            }
        )),
        Auth::AwsSigV4 { .. } => notes.push(
            "--aws-sigv4: not converted; sign the request with @aws-sdk/signature-v4.".into(),
        ),
    }
}

/// `{ origin, authorization }` for an http proxy nodeFetch can use, or a note saying why not.
pub(super) fn proxy_object(
    cx: &mut Context,
    r: &Request,
    proxy: &crate::ir::Proxy,
    notes: &mut Vec<String>,
) -> Option<String> {
    if cx.flavour == super::Flavour::Axios && !r.transfer.proxying.is_unset() {
        cx.warn("axios's proxy config has no headers, CONNECT option, proxy TLS or Digest: the proxy options are not converted (use --lang javascript)".into());
    }
    let Some(url) = proxy.url.literal() else {
        cx.warn("a proxy given through an environment variable is not converted".into());
        notes.push("-x: a proxy from an environment variable is not converted.".into());
        return None;
    };
    let url = String::from_utf8_lossy(&url).into_owned();
    let (scheme, rest) = url.split_once("://").unwrap_or(("http", url.as_str()));
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let (userinfo, host) = match authority.rsplit_once('@') {
        Some((u, h)) => (Some(u), h),
        None => (None, authority),
    };
    let noproxy = r.transfer.noproxy.as_ref().and_then(Value::literal);
    if let (Some(list), Some(target)) = (noproxy, r.url.literal()) {
        let host = host_of(&String::from_utf8_lossy(&target));
        if bypasses(&String::from_utf8_lossy(&list), &host) {
            notes.push(format!(
                "--noproxy: {host} is reached directly, not through -x."
            ));
            return None;
        }
    }
    let https = scheme.eq_ignore_ascii_case("https") && cx.flavour != super::Flavour::Axios;
    if !scheme.eq_ignore_ascii_case("http") && !https {
        cx.warn(format!(
            "Node has no {scheme} proxy support built in; the request goes direct (socks-proxy-agent can do it)"
        ));
        notes.push(format!(
            "-x {scheme}: not supported here, so the request goes direct."
        ));
        return None;
    }
    if cx.flavour == super::Flavour::Axios {
        return Some(axios_proxy(cx, proxy, host, userinfo));
    }
    let creds = match (&proxy.user, userinfo) {
        (Some(user), _) => {
            let mut v = user.clone();
            v.push_bytes(b":");
            if let Some(p) = &proxy.password {
                v.push_value(p);
            }
            Some(v)
        }
        (None, Some(u)) => Some(Value::bytes(percent_decode(u))),
        (None, None) => None,
    };
    let digest = r.transfer.proxying.digest && creds.is_some();
    let authorization = match creds {
        // --proxy-digest: the credentials answer the proxy's challenge (proxying.rs).
        Some(c) if digest => super::proxying::digest_credentials(cx, r, &c),
        Some(c) => format!(", authorization: `Basic ${{btoa({})}}`", cx.byte_text(&c)),
        None => String::new(),
    };
    // curl's default proxy port is 1080 (443 for an https proxy).
    let has_port = host.rsplit_once(']').map_or(host, |(_, p)| p).contains(':');
    let origin = match (has_port, https) {
        (true, _) => format!("{}://{host}", scheme.to_ascii_lowercase()),
        (false, false) => format!("http://{host}:1080"),
        (false, true) => format!("https://{host}:443"),
    };
    let more = super::proxying::fields(cx, r, https);
    Some(format!(
        "{{ origin: {}{authorization}{more} }}",
        lit::string(&origin)
    ))
}

/// The `TLS` object (node:https options) for --cacert, --cert, --key and -k: the first request's.
pub(super) fn tls_options(cx: &mut Context, requests: &[Request]) -> Option<String> {
    let first = requests.iter().find(|r| {
        let plain_http = r
            .url
            .literal()
            .is_some_and(|u| u.to_ascii_lowercase().starts_with(b"http:"));
        super::flavour::needs_tls(r) && !plain_http
    })?;
    let t = &first.transfer;
    let mut parts = Vec::new();
    for (key, file) in [("ca", &t.cacert), ("cert", &t.cert), ("key", &t.key)] {
        if let Some(f) = file {
            cx.read_sync = true;
            cx.read_pem = true;
            let path = cx.text(f, "certificate file name");
            parts.push(format!("{key}: readPem({path}, \"{key}\")"));
        }
    }
    if let Some(dir) = &t.tls.capath {
        // --capath: every file of the directory is a CA (with --cacert's, if any).
        cx.read_sync = true;
        cx.read_dir = true;
        let dir = cx.text(dir, "CA directory name");
        let file = match dir.strip_suffix('"') {
            Some(open) if dir.starts_with('"') => format!("{open}/\" + name"),
            _ => format!("{dir} + \"/\" + name"),
        };
        let all = format!("readdirSync({dir}).map((name) => readFileSync({file}))");
        match parts.iter_mut().find(|p| p.starts_with("ca: ")) {
            Some(ca) => *ca = format!("ca: [{}, ...{all}]", &ca[4..]),
            None => parts.push(format!("ca: {all}")),
        }
    }
    // TypeScript widens a string to `string`; node:tls wants its SecureVersion names.
    let typed = if cx.flavour == super::Flavour::TypeScript {
        " as const"
    } else {
        ""
    };
    let version = |v: TlsVersion| {
        let name = match v {
            TlsVersion::V1_0 => "\"TLSv1\"",
            TlsVersion::V1_1 => "\"TLSv1.1\"",
            TlsVersion::V1_2 => "\"TLSv1.2\"",
            TlsVersion::V1_3 => "\"TLSv1.3\"",
        };
        format!("{name}{typed}")
    };
    if let Some(v) = t.tls.min {
        parts.push(format!(
            "minVersion: {} /* --tlsv{} */",
            version(v),
            v.number()
        ));
    }
    if let Some(v) = t.tls.max {
        parts.push(format!("maxVersion: {} /* --tls-max */", version(v)));
    }
    if let Some(c) = &t.tls.ciphers {
        let c = cx.text(c, "cipher list");
        parts.push(format!("ciphers: {c} /* --ciphers */"));
    }
    if t.insecure {
        cx.insecure = true;
        cx.span = first.span;
        cx.warn("-k/--insecure: the program does not verify TLS certificates either (marked with a WARNING comment)".into());
        parts.push("rejectUnauthorized: false /* -k: INSECURE, see the WARNING above */".into());
    }
    Some(parts.join(", "))
}

/// axios's `proxy` config for an http proxy at `host` (`name[:port]`): axios sends plain-http
/// requests to it and tunnels https ones with CONNECT.
fn axios_proxy(
    cx: &mut Context,
    proxy: &crate::ir::Proxy,
    host: &str,
    userinfo: Option<&str>,
) -> String {
    let (name, port) = match host.rsplit_once(':') {
        Some((n, p)) if !p.contains(']') => (n, p.parse().unwrap_or(1080)),
        _ => (host, 1080), // curl's default proxy port
    };
    let name = name.trim_start_matches('[').trim_end_matches(']');
    let creds = match (&proxy.user, userinfo) {
        (Some(user), _) => Some((
            cx.byte_text(user),
            proxy
                .password
                .as_ref()
                .map_or_else(|| "\"\"".to_string(), |p| cx.byte_text(p)),
        )),
        (None, Some(u)) => {
            let (user, password) = u.split_once(':').unwrap_or((u, ""));
            Some((
                cx.byte_text(&Value::bytes(percent_decode(user))),
                cx.byte_text(&Value::bytes(percent_decode(password))),
            ))
        }
        (None, None) => None,
    };
    let auth = creds
        .map(|(u, p)| format!(", auth: {{ username: {u}, password: {p} }}"))
        .unwrap_or_default();
    format!(
        "{{ protocol: \"http\", host: {}, port: {port}{auth} }}",
        lit::string(name)
    )
}
