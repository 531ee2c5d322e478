//! What both output modes share while writing `main()`: the generator's state (imports, the
//! support functions a program needs) and the pieces that read the same in both: literals,
//! environment variables, files and stdin, auth, proxies; and small URL helpers.

use super::syntax::{Imports, LINE_WIDTH, Lines, Py};
use crate::codegen::python::literal::{self as lit, Kind};
use crate::diagnostic::Diagnostic;
use crate::ir::{
    Auth, Body, HexCase, PartContent, Piece, QueryRead, Request, Segment, Source, Tls, TlsVersion,
    Value,
};
use crate::policy::{NonIdempotentRetry, RetryPolicy};
use percent_encoding::{AsciiSet, CONTROLS, NON_ALPHANUMERIC};

/// State gathered while writing `main()`: which helpers and imports the program needs.
pub(super) struct Gen<'a> {
    pub(super) policy: &'a RetryPolicy,
    pub(super) warnings: &'a mut Vec<Diagnostic>,
    pub(super) imports: Imports,
    pub(super) uses_env: bool,
    pub(super) uses_read_file: bool,
    pub(super) uses_strip_newlines: bool,
    /// --exact -T -: standard input sent chunked on every attempt (support.py's `Chunked`).
    pub(super) uses_chunked: bool,
    pub(super) uses_urlencode: bool,
    pub(super) uses_urlencode_query: bool,
    /// `read_query`: a file read into the URL's query (`--url-query @file`, `-G -d @file`).
    pub(super) uses_read_query: bool,
    pub(super) uses_load_cookies: bool,
    /// `encode_parts` and `BOUNDARY`: -F parts under the command's own multipart type.
    pub(super) uses_encode_parts: bool,
    /// -i or -D: the program needs `head_of()` (response.rs).
    pub(super) uses_head_of: bool,
    /// --no-clobber: the program needs `free_name()` (response.rs).
    pub(super) uses_free_name: bool,
    pub(super) uses_netrc: bool,
    /// --cacert, --capath, --cert on https: `load_tls()` names a missing or broken file.
    pub(super) uses_load_tls: bool,
    /// --tlsv1.x, --tls-max, --ciphers: the TLSAdapter (support.py).
    pub(super) uses_tls_adapter: bool,
    /// -J: the program needs `header_name()` (response.rs).
    pub(super) uses_header_name: bool,
    /// --exact --compressed: the program needs `ACCEPT_ENCODING`.
    pub(super) compressed: bool,
    pub(super) socks: bool,
    /// How to connect (--resolve, --unix-socket …): `templates/python/connect.py`.
    pub(super) connect: super::connect::ConnectView,
}

impl<'a> Gen<'a> {
    /// A generator with nothing used yet: both output modes start here.
    pub(super) fn new(policy: &'a RetryPolicy, warnings: &'a mut Vec<Diagnostic>) -> Gen<'a> {
        Gen {
            policy,
            warnings,
            imports: Imports::default(),
            uses_env: false,
            uses_read_file: false,
            uses_strip_newlines: false,
            uses_chunked: false,
            uses_urlencode: false,
            uses_urlencode_query: false,
            uses_read_query: false,
            uses_load_cookies: false,
            uses_encode_parts: false,
            uses_head_of: false,
            uses_free_name: false,
            uses_netrc: false,
            uses_load_tls: false,
            uses_tls_adapter: false,
            uses_header_name: false,
            compressed: false,
            socks: false,
            connect: Default::default(),
        }
    }
}

impl Gen<'_> {
    /// True when `request`'s -F parts go out under a Content-Type of the command's own
    /// (multipart/related): `encode_parts` writes them, with `BOUNDARY`.
    pub(super) fn encodes_parts(&self, request: &Request) -> bool {
        matches!(request.body, Some(Body::Multipart(_)))
            && request.part_disposition() == "attachment"
    }

    /// The command's multipart Content-Type with the program's boundary added, as curl adds its.
    pub(super) fn multipart_type(&mut self, value: &Value) -> Py {
        let mut v = value.clone();
        v.push_bytes(b"; boundary=");
        Py::atom(format!(
            "{} + BOUNDARY",
            self.value(&v, Kind::Header).flat()
        ))
    }

    /// `load_tls(...)` with `request`'s TLS files (-k as `verify=False`), when it names any and
    /// its URL is not plain http: a program loads them once up front, so that a missing or
    /// broken file ends it with one line that names the file, as curl's exit 58 or 77 does (a
    /// library would fail later, with a traceback or as "connection reset"). With -L from plain
    /// http, they are left to the library: curl loads them only if a redirect reaches https.
    pub(super) fn load_tls(&mut self, request: &Request) -> Option<Py> {
        let t = &request.transfer;
        let plain_http = request
            .url
            .literal()
            .is_some_and(|u| u.to_ascii_lowercase().starts_with(b"http:"));
        let mut args = Vec::new();
        if !t.insecure {
            if let Some(ca) = &t.cacert {
                args.push((Some("cafile"), self.value(ca, Kind::Text)));
            } else if let Some(dir) = &t.tls.capath {
                args.push((Some("capath"), self.value(dir, Kind::Text)));
            }
        }
        if let Some(cert) = &t.cert {
            args.push((Some("cert"), self.value(cert, Kind::Text)));
            if let Some(key) = &t.key {
                args.push((Some("key"), self.value(key, Kind::Text)));
            }
            if t.insecure {
                args.push((Some("verify"), Py::atom("False")));
            }
        }
        if args.is_empty() || plain_http {
            return None;
        }
        self.uses_load_tls = true;
        self.imports.std("ssl", "");
        Some(Py::Call("load_tls".into(), args))
    }

    /// The imports of the support functions (support.py) used so far; `requests`: its
    /// load_cookies (the httpx flavours have their own).
    pub(super) fn support_imports(&mut self, requests: bool) {
        let i = &mut self.imports;
        if self.uses_env {
            i.std("os", "");
        }
        if self.uses_urlencode {
            i.std("urllib.parse", "quote_plus");
        }
        if self.uses_urlencode_query || self.uses_read_query {
            i.std("re", "");
        }
        if self.uses_read_query {
            i.std("urllib.parse", "quote");
            i.std("urllib.parse", "quote_plus");
        }
        if self.uses_encode_parts {
            i.std("uuid", "");
        }
        if self.uses_load_cookies && requests {
            i.std("http.cookiejar", "CookieJar");
            i.third("requests.cookies", "create_cookie");
        }
    }

    pub(super) fn unsupported(
        &mut self,
        out: &mut Lines,
        indent: usize,
        request: &Request,
        message: String,
    ) {
        // Wrapped at the line width: these messages are long.
        let mut line = String::from("# curl2code:");
        for word in lit::comment(&message).split(' ') {
            if indent + line.len() + 1 + word.len() > LINE_WIDTH {
                out.line(indent, &line);
                line = String::from("#");
            }
            line.push(' ');
            line.push_str(word);
        }
        out.line(indent, &line);
        self.warnings
            .push(Diagnostic::warning(message).with_span(request.span));
    }

    pub(super) fn value(&mut self, v: &Value, kind: Kind) -> Py {
        self.note_env(v);
        Py::atom(lit::value(v, kind))
    }

    pub(super) fn text(&mut self, v: &Value) -> Py {
        self.note_env(v);
        Py::atom(lit::text(v))
    }

    /// Records the helpers `v`'s environment references need.
    pub(super) fn note_env(&mut self, v: &Value) {
        self.uses_env |= v.env_names().next().is_some();
        for hex in v.env_encodings() {
            self.note_encoding(hex);
        }
        for (_, read) in v.query_files() {
            self.uses_read_query |= read != QueryRead::Text;
            self.uses_read_file = true;
        }
    }

    /// `urlencode_query` is `urlencode` with lower-case hex, so it needs both.
    pub(super) fn note_encoding(&mut self, hex: HexCase) {
        self.uses_urlencode = true;
        self.uses_urlencode_query |= hex == HexCase::Lower;
    }

    /// The expression that reads `source`'s bytes.
    pub(super) fn read(&mut self, source: &Source) -> String {
        match source {
            Source::Stdin => "stdin".into(),
            Source::File(path) => {
                self.uses_read_file = true;
                format!("read_file({})", self.value(path, Kind::Text).flat())
            }
        }
    }

    /// The `auth=` argument, or a comment and warning for schemes requests lacks.
    pub(super) fn auth(&mut self, out: &mut Lines, indent: usize, request: &Request) -> Option<Py> {
        if request.headers.iter().any(|h| h.name.is("Authorization")) {
            return None; // curl sends the user's own header instead
        }
        match request.auth.as_ref()? {
            Auth::Basic { user, password } => Some(Py::Tuple(vec![
                self.value(user, Kind::Header),
                self.value(password, Kind::Header),
            ])),
            Auth::Digest { user, password } => {
                self.imports.third("requests.auth", "HTTPDigestAuth");
                let args = vec![
                    (None, self.value(user, Kind::Header)),
                    (None, self.value(password, Kind::Header)),
                ];
                Some(Py::Call("HTTPDigestAuth".into(), args))
            }
            Auth::Bearer { .. } => None, // an Authorization header
            Auth::Netrc { file, host } => {
                // Read when the program runs: the file's secrets stay out of the code.
                self.uses_netrc = true;
                self.imports.std("netrc", "");
                let path = match file {
                    Some(f) => self.value(f, Kind::Text),
                    None => {
                        self.imports.std("os", "");
                        Py::atom("os.path.expanduser(\"~/.netrc\")")
                    }
                };
                let host = self.value(host, Kind::Text);
                Some(Py::Call(
                    "netrc_auth".into(),
                    vec![(None, path), (None, host)],
                ))
            }
            Auth::Ntlm { .. } => {
                let m = "NTLM authentication (--ntlm) is not converted: requests has no NTLM (the requests-ntlm package adds it); the request is sent without credentials";
                self.unsupported(out, indent, request, m.into());
                None
            }
            Auth::AwsSigV4 { .. } => {
                let m = "AWS Signature Version 4 (--aws-sigv4) is not converted (botocore or requests-aws4auth can sign requests); the request is sent unsigned";
                self.unsupported(out, indent, request, m.into());
                None
            }
        }
    }

    /// The `TLSAdapter(…)` call for --tlsv1.x, --tls-max and --ciphers (create_urllib3_context()
    /// arguments), with a comment naming the options; None when none is given.
    pub(super) fn tls_adapter(&mut self, tls: &Tls) -> Option<(Py, String)> {
        let version = |v: TlsVersion| {
            Py::atom(match v {
                TlsVersion::V1_0 => "ssl.TLSVersion.TLSv1",
                TlsVersion::V1_1 => "ssl.TLSVersion.TLSv1_1",
                TlsVersion::V1_2 => "ssl.TLSVersion.TLSv1_2",
                TlsVersion::V1_3 => "ssl.TLSVersion.TLSv1_3",
            })
        };
        let mut args = Vec::new();
        let mut named = Vec::new();
        if let Some(v) = tls.min {
            args.push((Some("ssl_minimum_version"), version(v)));
            named.push(format!("--tlsv{}", v.number()));
        }
        if let Some(v) = tls.max {
            args.push((Some("ssl_maximum_version"), version(v)));
            named.push(format!("--tls-max {}", v.number()));
        }
        if let Some(c) = &tls.ciphers {
            args.push((Some("ciphers"), self.value(c, Kind::Text)));
            named.push("--ciphers".to_string());
        }
        if args.is_empty() {
            return None;
        }
        if tls.min.is_some() || tls.max.is_some() {
            self.imports.std("ssl", "");
        }
        self.uses_tls_adapter = true;
        self.imports.third("urllib3.util", "create_urllib3_context");
        Some((Py::Call("TLSAdapter".into(), args), named.join(", ")))
    }

    /// The `proxies=` argument: curl's -x for every scheme, credentials from -U in the URL.
    pub(super) fn proxies(
        &mut self,
        out: &mut Lines,
        indent: usize,
        request: &Request,
    ) -> Option<Py> {
        let t = &request.transfer;
        // --noproxy: requests applies a "no_proxy" entry to the environment's proxies only, so
        // for -x the choice is made here, from the literal URL.
        let no_proxy = t.noproxy.as_ref().map(|n| {
            let entry = (Py::atom("\"no_proxy\""), self.text(n));
            (
                entry,
                n.literal()
                    .zip(request.url.literal())
                    .map(|(list, url)| bypasses(&list, &url)),
            )
        });
        let proxy = match (&t.proxy, no_proxy) {
            (None, None) => return None,
            (None, Some((entry, _))) | (Some(_), Some((entry, Some(true)))) => {
                return Some(Py::Dict(vec![entry]));
            }
            (Some(proxy), Some((_, None))) => {
                let m = "--noproxy with environment variables is not converted: the proxy is always used";
                self.unsupported(out, indent, request, m.into());
                proxy
            }
            (Some(proxy), _) => proxy,
        };
        self.socks |= proxy.url.literal().is_some_and(|u| u.starts_with(b"socks"));
        let mut url = Vec::new();
        // --proxy-digest: the credentials answer the proxy's challenge (proxying.rs), not Basic.
        let user = proxy.user.as_ref().filter(|_| !t.proxying.digest);
        match user {
            None => self.bits(&mut url, &proxy.url, false),
            Some(user) => {
                let (scheme, rest) = split_scheme(&proxy.url);
                self.bits(&mut url, &scheme, false);
                self.bits(&mut url, user, true);
                url.push(Bit::Lit(b":".to_vec()));
                self.bits(
                    &mut url,
                    proxy.password.as_ref().unwrap_or(&Value::default()),
                    true,
                );
                url.push(Bit::Lit(b"@".to_vec()));
                self.bits(&mut url, &rest, false);
            }
        }
        if user.is_some() {
            out.line(
                indent,
                "# The proxy credentials (-U) go in the proxy URL, percent-encoded.",
            );
        }
        out.line(indent, &format!("proxy = {}", concat(url)));
        let entries = vec![
            (Py::atom("\"http\""), Py::atom("proxy")),
            (Py::atom("\"https\""), Py::atom("proxy")),
        ];
        Some(Py::Dict(entries))
    }

    /// Appends `v` as `str` code; with `userinfo`, percent-encoded (literal bytes now, env values
    /// at run time with `quote`).
    pub(super) fn bits(&mut self, out: &mut Vec<Bit>, v: &Value, userinfo: bool) {
        for p in &v.0 {
            match p {
                Piece::Bytes(b) if userinfo => {
                    out.push(Bit::Lit(percent_encode(b, NOT_UNRESERVED)))
                }
                Piece::Bytes(b) => out.push(Bit::Lit(b.clone())),
                Piece::Env(_) | Piece::EnvEncoded { .. } | Piece::QueryFile { .. } => {
                    let code = self.text(&Value(vec![p.clone()])).flat();
                    if userinfo {
                        self.imports.std("urllib.parse", "quote");
                        out.push(Bit::Code(format!("quote({code}, safe=\"\")")));
                    } else {
                        out.push(Bit::Code(code));
                    }
                }
            }
        }
    }
}

/// True when POST, PATCH and custom methods are retried only if they never left: nothing in the
/// policy says repeating them is safe.
pub(super) fn gated(p: &RetryPolicy) -> bool {
    p.non_idempotent == NonIdempotentRetry::Never && !p.idempotency_key
}

/// Why every method is retried, for the comment that replaces the method gate.
pub(super) fn gate_reason(p: &RetryPolicy) -> &'static str {
    match p.non_idempotent {
        NonIdempotentRetry::CurlRetryFlag => "as curl's --retry does",
        NonIdempotentRetry::Requested => "as asked with --retry-non-idempotent",
        NonIdempotentRetry::Never => "since every call sends an Idempotency-Key",
    }
}

/// A Python float literal: `1.0`, `0.25`.
pub(super) fn float(x: f64) -> String {
    if x.is_nan() {
        "0.0".to_string()
    } else if x.is_infinite() {
        "float(\"inf\")".to_string()
    } else if x < 0.0 {
        format!("-{}", crate::codegen::literal::decimal::float_text(-x))
    } else {
        crate::codegen::literal::decimal::float_text(x)
    }
}

/// A Python set literal of statuses.
pub(super) fn statuses(s: &[u16]) -> String {
    if s.is_empty() {
        return "set()".to_string();
    }
    let items: Vec<String> = s.iter().map(u16::to_string).collect();
    format!("{{{}}}", items.join(", "))
}

/// The FALLBACK_URLS list literal, trailing slashes dropped (the path is appended to them).
pub(super) fn fallbacks(p: &RetryPolicy) -> Option<String> {
    if p.fallback_urls.is_empty() {
        return None;
    }
    let items: Vec<String> = p
        .fallback_urls
        .iter()
        .map(|u| lit::str_lit(u.trim_end_matches('/')))
        .collect();
    Some(format!("[{}]", items.join(", ")))
}

/// A piece of `str` code: literal bytes or an expression.
pub(super) enum Bit {
    Lit(Vec<u8>),
    Code(String),
}

/// `bits` joined with `+`, adjacent literals merged into one.
pub(super) fn concat(bits: Vec<Bit>) -> String {
    let mut merged: Vec<Bit> = Vec::new();
    for bit in bits {
        match (merged.last_mut(), bit) {
            (_, Bit::Lit(b)) if b.is_empty() => {}
            (Some(Bit::Lit(last)), Bit::Lit(b)) => last.extend_from_slice(&b),
            (_, bit) => merged.push(bit),
        }
    }
    let code: Vec<String> = merged
        .into_iter()
        .map(|b| match b {
            Bit::Lit(b) => lit::str_lit(&String::from_utf8_lossy(&b)),
            Bit::Code(c) => c,
        })
        .collect();
    if code.is_empty() {
        "\"\"".to_string()
    } else {
        code.join(" + ")
    }
}

/// Bytes http.client cannot send in a request target (controls, space, non-ASCII), which
/// [`percent_encode`] writes as `%XX`.
pub(super) const UNSENDABLE: &AsciiSet = &CONTROLS.add(b' ');

/// Everything but RFC 3986's unreserved characters: what a userinfo part becomes.
pub(super) const NOT_UNRESERVED: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// `b` with every byte of `set` (and every non-ASCII byte) written as upper-case `%XX`.
pub(super) fn percent_encode(b: &[u8], set: &'static AsciiSet) -> Vec<u8> {
    percent_encoding::percent_encode(b, set)
        .collect::<String>()
        .into_bytes()
}

/// True when the request reads standard input.
pub(super) fn uses_stdin(r: &Request) -> bool {
    match &r.body {
        Some(Body::Data(segments)) => segments.iter().any(|s| {
            matches!(
                s,
                Segment::Read {
                    source: Source::Stdin,
                    ..
                }
            )
        }),
        Some(Body::Upload(Source::Stdin)) => true,
        Some(Body::Multipart(parts)) => parts.iter().any(|p| {
            matches!(
                p.content,
                PartContent::File(Source::Stdin) | PartContent::FileContents(Source::Stdin)
            )
        }),
        _ => false,
    }
}

/// `scheme://` and the rest of a proxy URL.
pub(super) fn split_scheme(url: &Value) -> (Value, Value) {
    let mut scheme = Value::default();
    let mut rest = Value::default();
    let mut found = false;
    for p in &url.0 {
        match p {
            Piece::Bytes(b) if !found => {
                if let Some(i) = b.windows(3).position(|w| w == b"://") {
                    scheme.push_bytes(&b[..i + 3]);
                    rest.push_bytes(&b[i + 3..]);
                    found = true;
                } else {
                    scheme.push_bytes(b);
                }
            }
            Piece::Bytes(b) => rest.push_bytes(b),
            Piece::Env(_) | Piece::EnvEncoded { .. } | Piece::QueryFile { .. } if !found => {
                scheme.0.push(p.clone())
            }
            Piece::Env(_) | Piece::EnvEncoded { .. } | Piece::QueryFile { .. } => {
                rest.0.push(p.clone())
            }
        }
    }
    if found {
        (scheme, rest)
    } else {
        (Value::bytes("http://"), url.clone())
    }
}

/// The host of a literal URL, lower-cased, without port or brackets.
pub(super) fn host_of(url: &[u8]) -> Option<String> {
    let rest = url
        .windows(3)
        .position(|w| w == b"://")
        .map_or(url, |i| &url[i + 3..]);
    let authority = rest
        .split(|&c| c == b'/' || c == b'?' || c == b'#')
        .next()?;
    let host_port = authority.rsplit(|&c| c == b'@').next()?;
    let host = if host_port.starts_with(b"[") {
        host_port.split(|&c| c == b']').next().map(|h| &h[1..])?
    } else {
        host_port.split(|&c| c == b':').next()?
    };
    Some(String::from_utf8_lossy(host).to_ascii_lowercase())
}

/// curl's --noproxy: `*`, or a comma-separated list of hosts and domain suffixes.
pub(super) fn bypasses(list: &[u8], url: &[u8]) -> bool {
    let Some(host) = host_of(url) else {
        return false;
    };
    String::from_utf8_lossy(list)
        .split(',')
        .map(str::trim)
        .any(|entry| {
            let entry = entry.trim_start_matches('.').to_ascii_lowercase();
            entry == "*"
                || (!entry.is_empty() && (host == entry || host.ends_with(&format!(".{entry}"))))
        })
}

/// curl -O's file name: the URL path's last segment, or None when it is empty.
pub(super) fn remote_name(url: &[u8]) -> Option<Vec<u8>> {
    let rest = url
        .windows(3)
        .position(|w| w == b"://")
        .map_or(url, |i| &url[i + 3..]);
    let rest = rest.split(|&c| c == b'?' || c == b'#').next()?;
    let path = &rest[rest.iter().position(|&c| c == b'/')?..];
    let name = path.rsplit(|&c| c == b'/').next()?;
    (!name.is_empty()).then(|| name.to_vec())
}

/// True when urllib3 would change this URL's request target (it percent-encodes characters
/// outside RFC 3986's sets and upper-cases `%xx`), so the program must switch that off.
pub(super) fn needs_exact_target(url: &Value) -> bool {
    // A value encoded at run time with lower-case hex (`--url-query "q=$Q"`, a file read into
    // the query) has escapes urllib3 would upper-case.
    if url.env_encodings().any(|hex| hex == HexCase::Lower) || url.query_files().next().is_some() {
        return true;
    }
    let Some(url) = url.literal() else {
        return false;
    };
    let rest = url
        .windows(3)
        .position(|w| w == b"://")
        .map_or(&url[..], |i| &url[i + 3..]);
    let Some(start) = rest
        .iter()
        .position(|&c| c == b'/' || c == b'?' || c == b'#')
    else {
        return false;
    };
    let target = rest[start..]
        .split(|&c| c == b'#')
        .next()
        .unwrap_or_default();
    let (path, query) = match target.iter().position(|&c| c == b'?') {
        Some(i) => (&target[..i], Some(&target[i + 1..])),
        None => (target, None),
    };
    let keeps = |part: &[u8], extra: &[u8]| {
        let escapes = percent_escapes(part);
        let all_escaped = escapes.len() == part.iter().filter(|&&c| c == b'%').count();
        let lower = escapes
            .iter()
            .any(|&i| part[i + 1..i + 3].iter().any(u8::is_ascii_lowercase));
        let plain = part.iter().all(|&c| {
            c.is_ascii_alphanumeric()
                || b"-._~!$&'()*+,;=:@/".contains(&c)
                || extra.contains(&c)
                || (c == b'%' && all_escaped)
        });
        plain && !lower
    };
    !(keeps(path, b"") && query.is_none_or(|q| keeps(q, b"?")))
}

/// Positions of `%` + two hex digits, scanned left to right without overlaps (as a regex would).
pub(super) fn percent_escapes(s: &[u8]) -> Vec<usize> {
    let mut found = Vec::new();
    let mut i = 0;
    while i + 2 < s.len() {
        if s[i] == b'%' && s[i + 1].is_ascii_hexdigit() && s[i + 2].is_ascii_hexdigit() {
            found.push(i);
            i += 3;
        } else {
            i += 1;
        }
    }
    found
}
