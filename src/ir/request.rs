//! [`Request`] and its parts: enums and newtypes for exactly what curl would put on the wire.

use serde::{Serialize, Serializer};

pub use crate::value::{HexCase, Piece, QueryRead, Value};

/// The request method.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Method {
    /// GET
    Get,
    /// HEAD
    Head,
    /// POST
    Post,
    /// PUT
    Put,
    /// PATCH
    Patch,
    /// DELETE
    Delete,
    /// OPTIONS
    Options,
    /// TRACE
    Trace,
    /// Anything else, verbatim as typed (methods are case-sensitive).
    Custom(String),
}

impl Method {
    /// Parses a method as curl sends it: known names only when spelled in upper case.
    pub fn from_token(s: &str) -> Method {
        match s {
            "GET" => Method::Get,
            "HEAD" => Method::Head,
            "POST" => Method::Post,
            "PUT" => Method::Put,
            "PATCH" => Method::Patch,
            "DELETE" => Method::Delete,
            "OPTIONS" => Method::Options,
            "TRACE" => Method::Trace,
            other => Method::Custom(other.to_string()),
        }
    }

    /// The method as it goes on the wire.
    pub fn as_str(&self) -> &str {
        match self {
            Method::Get => "GET",
            Method::Head => "HEAD",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Patch => "PATCH",
            Method::Delete => "DELETE",
            Method::Options => "OPTIONS",
            Method::Trace => "TRACE",
            Method::Custom(s) => s,
        }
    }

    /// RFC 9110 §9.2.2: repeating the request has the same effect as sending it once.
    pub fn is_idempotent(&self) -> bool {
        matches!(
            self,
            Method::Get
                | Method::Head
                | Method::Options
                | Method::Trace
                | Method::Put
                | Method::Delete
        )
    }
}

impl Serialize for Method {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// A header name: compared case-insensitively, spelled as typed.
#[derive(Clone, Debug, Eq, Serialize)]
#[serde(transparent)]
pub struct HeaderName(pub String);

impl HeaderName {
    /// A header name as typed.
    pub fn new(s: impl Into<String>) -> HeaderName {
        HeaderName(s.into())
    }

    /// The name as typed.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Case-insensitive comparison with a plain name.
    pub fn is(&self, other: &str) -> bool {
        self.0.eq_ignore_ascii_case(other)
    }
}

impl PartialEq for HeaderName {
    fn eq(&self, other: &HeaderName) -> bool {
        self.0.eq_ignore_ascii_case(&other.0)
    }
}

impl std::hash::Hash for HeaderName {
    fn hash<H: std::hash::Hasher>(&self, h: &mut H) {
        self.0.to_ascii_lowercase().hash(h)
    }
}

/// One header line to send.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Header {
    /// Name.
    pub name: HeaderName,
    /// Value bytes (may be empty: `-H 'X;'`).
    pub value: Value,
}

/// Where run-time bytes come from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Source {
    /// A local file, read when the program runs.
    File(Value),
    /// The program's standard input, read once and buffered.
    Stdin,
}

/// What is done to bytes read at run time before they go into a `-d`-style body.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Transform {
    /// Sent unchanged (`--data-binary @f`, `--json @f`).
    Raw,
    /// CR and LF removed (`-d @f`, `--data-ascii @f`).
    StripNewlines,
    /// Percent-encoded as curl's `--data-urlencode` does.
    UrlEncode,
}

/// A piece of a `-d`-style body.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Segment {
    /// Bytes known now (after any encoding curl applies).
    Text(Value),
    /// Bytes read at run time.
    Read {
        /// File or stdin.
        source: Source,
        /// What happens to them.
        transform: Transform,
    },
}

/// What a multipart part carries.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PartContent {
    /// `name=value`, `--form-string`.
    Text(Value),
    /// `name=@file`: a file upload (filename defaults to the file's base name).
    File(Source),
    /// `name=<file`: the file's contents as a text field.
    FileContents(Source),
}

/// One `-F` part.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Part {
    /// Field name.
    pub name: Value,
    /// Its data.
    pub content: PartContent,
    /// `filename=` in Content-Disposition, when curl sends one.
    pub filename: Option<Value>,
    /// The part's Content-Type, when curl sends one (explicit `;type=` or curl's guess for files).
    pub content_type: Option<Value>,
    /// `;headers=` extra part headers.
    pub headers: Vec<Header>,
}

/// The request body.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Body {
    /// `-d`, `--data-*`, `--json`: segments concatenated in order (several `-d` already joined by `&`).
    Data(Vec<Segment>),
    /// `-F`, `--form-string`: multipart/form-data.
    Multipart(Vec<Part>),
    /// `-T`: a file (or stdin) as the body.
    Upload(Source),
}

/// Authentication.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "scheme")]
pub enum Auth {
    /// `-u user:pass` or userinfo in the URL: `Authorization: Basic …`.
    Basic {
        /// User (percent-decoded when it came from the URL).
        user: Value,
        /// Password; curl sends an empty one when absent.
        password: Value,
    },
    /// `--digest -u`.
    Digest {
        /// User.
        user: Value,
        /// Password.
        password: Value,
    },
    /// `--ntlm -u` (not converted: warned).
    Ntlm {
        /// User.
        user: Value,
        /// Password.
        password: Value,
    },
    /// `--oauth2-bearer`: `Authorization: Bearer …`.
    Bearer {
        /// The token.
        token: Value,
    },
    /// `-n`, `--netrc-file`, `--netrc-optional`: Basic credentials the program reads from a
    /// netrc file when it runs (the `machine` entry for the host, else `default`); none when the
    /// file or the entry is missing, as curl.
    Netrc {
        /// `--netrc-file`; `None` for `~/.netrc`.
        file: Option<Value>,
        /// The URL's host name: the `machine` looked up.
        host: Value,
    },
    /// `--aws-sigv4` (not converted: warned).
    AwsSigV4 {
        /// The provider string as typed.
        provider: Value,
        /// User (access key).
        user: Value,
        /// Password (secret key).
        password: Value,
    },
}

/// Where the response body goes.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Output {
    /// stdout (curl's default).
    #[default]
    Stdout,
    /// `-o FILE`.
    File(Value),
    /// `-O`: the last path segment of the URL.
    RemoteName,
}

/// A proxy.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Proxy {
    /// `-x` URL, scheme included (`http://` added when missing; `socks5h://` … kept).
    pub url: Value,
    /// `-U user:pass`.
    pub user: Option<Value>,
    /// Password for `-U`.
    pub password: Option<Value>,
}

/// A TLS protocol version, as curl's `--tlsv1.x` and `--tls-max` name them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub enum TlsVersion {
    /// TLS 1.0 (also `--tlsv1`).
    #[serde(rename = "1.0")]
    V1_0,
    /// TLS 1.1.
    #[serde(rename = "1.1")]
    V1_1,
    /// TLS 1.2.
    #[serde(rename = "1.2")]
    V1_2,
    /// TLS 1.3.
    #[serde(rename = "1.3")]
    V1_3,
}

impl TlsVersion {
    /// `1.2` for TLS 1.2.
    pub fn number(self) -> &'static str {
        match self {
            TlsVersion::V1_0 => "1.0",
            TlsVersion::V1_1 => "1.1",
            TlsVersion::V1_2 => "1.2",
            TlsVersion::V1_3 => "1.3",
        }
    }
}

/// TLS settings beyond the certificates (issue 13): versions, ciphers, a CA directory. Only for
/// https: lowering leaves them (and --cacert, --cert, --key, -k) out for a plain-http URL.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Tls {
    /// `--tlsv1`, `--tlsv1.0` … `--tlsv1.3`: the lowest version allowed.
    pub min: Option<TlsVersion>,
    /// `--tls-max`: the highest version allowed.
    pub max: Option<TlsVersion>,
    /// `--ciphers`: an OpenSSL cipher list (TLS 1.2 and older).
    pub ciphers: Option<Value>,
    /// `--capath`: a directory of CA certificates (OpenSSL's hashed names).
    pub capath: Option<Value>,
}

impl Tls {
    /// No TLS setting given.
    pub fn is_empty(&self) -> bool {
        *self == Tls::default()
    }
}

/// How the transfer is made, apart from what is sent.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Transfer {
    /// `-L`.
    pub follow_redirects: bool,
    /// `--max-redirs` (curl's default is 50 when following).
    pub max_redirects: Option<u32>,
    /// `-m`: whole-transfer timeout, seconds.
    pub timeout: Option<f64>,
    /// `--connect-timeout`, seconds.
    pub connect_timeout: Option<f64>,
    /// `-k`.
    pub insecure: bool,
    /// `--cacert`.
    pub cacert: Option<Value>,
    /// `--cert` (client certificate, PEM).
    pub cert: Option<Value>,
    /// `--key`.
    pub key: Option<Value>,
    /// `-x`.
    pub proxy: Option<Proxy>,
    /// `--noproxy`.
    pub noproxy: Option<Value>,
    /// `--compressed`: ask for and decode gzip/deflate/br.
    pub compressed: bool,
    /// `-o` / `-O`.
    pub output: Output,
    /// `-f`: fail on HTTP errors.
    pub fail: bool,
    /// `-b FILE`: Netscape cookie jars read before the request.
    pub cookie_files: Vec<Value>,
    /// `-c FILE`: cookie jar written after the request.
    pub cookie_jar: Option<Value>,
    /// `-i`, `-D`, `--etag-*`: what else the program does with the response.
    #[serde(skip_serializing_if = "Saving::is_unused")]
    pub saving: Saving,
    /// Where and how to connect: --resolve, --connect-to, -4/-6, --unix-socket …. Left out of
    /// the IR dump when unused (the snapshots of other commands stay as they were).
    #[serde(skip_serializing_if = "Connect::is_unset")]
    pub connect: Connect,
    /// `--tlsv1.x`, `--tls-max`, `--ciphers`, `--capath` (https only).
    #[serde(skip_serializing_if = "Tls::is_empty")]
    pub tls: Tls,
    /// How to talk to the proxy: `--proxy-header`, `-p`, `--proxy-insecure` … (only with `-x`).
    #[serde(skip_serializing_if = "ProxyOptions::is_unset")]
    pub proxying: ProxyOptions,
}

/// The proxy options family (issue 13): what goes to the proxy alone and how its connection is
/// made. Empty without a proxy (curl would apply them to a proxy from the environment).
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct ProxyOptions {
    /// `--proxy-header`: sent to the proxy alone (on CONNECT, and on an absolute-form request
    /// after the -H headers), never to the server through a tunnel.
    pub headers: Vec<Header>,
    /// `-p`/`--proxytunnel`: a plain-http URL goes through CONNECT too (origin-form inside).
    pub tunnel: bool,
    /// `--proxy-insecure`: an https proxy's certificate is not verified.
    pub insecure: bool,
    /// `--proxy-cacert`: the CA bundle that verifies an https proxy.
    pub cacert: Option<Value>,
    /// `--proxy-digest`: Digest credentials (-U) after the proxy's 407 challenge.
    pub digest: bool,
    /// `--proxy-anyauth` (with `digest`): the 407 challenge picks Digest or Basic.
    pub any: bool,
}

impl ProxyOptions {
    /// No proxy option given.
    pub fn is_unset(&self) -> bool {
        *self == ProxyOptions::default()
    }

    /// The options that matter for an https proxy's TLS only.
    pub fn tls_used(&self) -> bool {
        self.insecure || self.cacert.is_some()
    }
}

/// What the program does with the response besides writing its body (issue 13's response
/// family): the status line and headers, the ETag. Kept apart so that an option not used adds
/// nothing to a program.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Saving {
    /// `-i`: the status line and headers go first, wherever the body goes.
    pub include: bool,
    /// `-D FILE`: the status line and headers written to a file (`Output::Stdout` for `-D -`).
    pub dump_header: Option<Output>,
    /// `--etag-save FILE`: the response's ETag (quotes kept) and a newline; empty without one.
    pub etag_save: Option<Value>,
    /// `--etag-compare FILE`: `If-None-Match` with the file's content, read when the program
    /// runs (CR and LF dropped; `""` for an empty file).
    pub etag_compare: Option<Value>,
    /// `--max-filesize`: a larger body fails the call (curl's exit status 63) and is not written.
    pub max_filesize: Option<u64>,
    /// `--no-clobber`: `-o`/`-O` never replace a file: the first free name of FILE, FILE.1 …
    /// FILE.100 is written (curl fails with exit status 23 when none is).
    pub no_clobber: bool,
    /// `-J` (with `-O`): the file name from the response's Content-Disposition `filename=`,
    /// without any directory part; the URL's name when there is none.
    pub remote_header_name: bool,
    /// `-w FORMAT`: written to stdout after the body (after a failed transfer too); empty
    /// without `-w`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub write_out: Vec<WriteOut>,
}

/// One piece of a `-w` format, in the order written.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub enum WriteOut {
    /// Text as it is (curl's `\n`, `\r`, `\t` and `%%` already decoded).
    Text(String),
    /// `%{http_code}` / `%{response_code}`: the status as 3 digits; `000` without a response.
    Status,
    /// `%{content_type}`: the response's Content-Type; empty without one.
    ContentType,
    /// `%{url_effective}`: the URL of the last request (after redirects); the URL tried when no
    /// response came.
    Url,
    /// `%header{name}` (an HTTP token): the response header's value (several joined by `, `);
    /// empty without one.
    Header(String),
}

impl Saving {
    /// No option of the family was given.
    pub fn is_unused(&self) -> bool {
        *self == Saving::default()
    }

    /// The status line and headers are written somewhere.
    pub fn head(&self) -> bool {
        self.include || self.dump_header.is_some()
    }
}

/// Where and how the program connects, apart from proxies and TLS (issue 13's connection family).
/// The default value changes nothing: an option not used adds nothing to a program.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Connect {
    /// `--connect-to` then `--resolve` rules, in the order they are tried (the first that
    /// matches the URL's host and port wins).
    pub routes: Vec<Route>,
    /// `-4` / `-6`: resolve the host to this address family only (4 or 6).
    pub family: Option<u8>,
    /// `--interface` given as an IP address: the local address to connect from.
    pub local_address: Option<String>,
    /// `--interface` given as a network interface name.
    pub interface: Option<String>,
    /// `--local-port N[-M]`: the local port range to connect from.
    pub local_port: Option<(u16, u16)>,
    /// `--unix-socket` / `--abstract-unix-socket`: connect to this socket instead of TCP.
    pub unix_socket: Option<UnixSocket>,
    /// `--request-target`: sent in the request line instead of the URL's path and query.
    pub request_target: Option<String>,
    /// `--http1.0` / `--http2-prior-knowledge` (`--http1.1` resets it).
    pub version: Option<HttpVersion>,
    /// `--post301`, `--post302`, `--post303`: redirects with these statuses keep the method
    /// and body (with -L).
    pub keep_post: Vec<u16>,
    /// `--haproxy-protocol`: a PROXY protocol v1 line before the request.
    pub haproxy: bool,
}

/// One `--connect-to` or `--resolve` rule: a connection to `host:port` goes to `to_host:to_port`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Route {
    /// The URL's host it applies to; `None`: any host.
    pub host: Option<String>,
    /// The URL's port it applies to; `None`: any port.
    pub port: Option<u16>,
    /// Where to connect instead (an address or a host name); `None`: the same host.
    pub to_host: Option<String>,
    /// The port to connect to; `None`: the same port.
    pub to_port: Option<u16>,
}

/// `--unix-socket PATH` or `--abstract-unix-socket NAME`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct UnixSocket {
    /// The socket's path, or its abstract name (without the leading NUL).
    pub path: String,
    /// An abstract socket (Linux): its address is a NUL byte and the name.
    pub abstract_name: bool,
}

/// The HTTP version the command asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum HttpVersion {
    /// `--http1.0`.
    Http10,
    /// `--http2-prior-knowledge`: HTTP/2 from the first byte, without an upgrade.
    Http2PriorKnowledge,
}

/// curl's own `--retry*` flags, as typed.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct CurlRetry {
    /// `--retry N`.
    pub retry: Option<u32>,
    /// `--retry-delay S`.
    pub delay: Option<f64>,
    /// `--retry-max-time S`.
    pub max_time: Option<f64>,
    /// `--retry-all-errors`.
    pub all_errors: bool,
    /// `--retry-connrefused`.
    pub connrefused: bool,
}

/// One request exactly as curl would send it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Request {
    /// Method on the wire.
    pub method: Method,
    /// Full URL: scheme added when missing, userinfo removed (moved to `auth`), `-G` data and
    /// `--url-query` already in the query, path and query otherwise byte-exact.
    pub url: Value,
    /// Headers in the order curl sends them, duplicates kept. Includes what curl adds for the body
    /// (Content-Type for `-d`, `--json`'s two headers) and `-A`, `-e`, `-b 'a=b'` as User-Agent,
    /// Referer and Cookie. Excludes Host, Content-Length and curl's default User-Agent and Accept.
    pub headers: Vec<Header>,
    /// Default headers suppressed with `-H 'Name:'` (e.g. User-Agent, Accept).
    pub removed_headers: Vec<HeaderName>,
    /// The body.
    pub body: Option<Body>,
    /// Authentication.
    pub auth: Option<Auth>,
    /// Transfer settings.
    pub transfer: Transfer,
    /// curl's `--retry*` flags.
    pub retry: CurlRetry,
    /// The curl command this request came from, for diagnostics.
    #[serde(skip)]
    pub span: crate::diagnostic::Span,
}

impl Request {
    /// A GET of `url` with no headers or body.
    pub fn get(url: impl Into<Vec<u8>>) -> Request {
        Request {
            method: Method::Get,
            url: Value::bytes(url),
            headers: Vec::new(),
            removed_headers: Vec::new(),
            body: None,
            auth: None,
            transfer: Transfer::default(),
            retry: CurlRetry::default(),
            span: crate::diagnostic::Span::default(),
        }
    }

    /// `-w`'s `%{url_effective}` when no response came: the URL as curl tried it, when it is
    /// literal text (with environment variables in it, the programs write nothing).
    pub fn url_text(&self) -> Option<String> {
        self.url
            .literal()
            .map(|b| String::from_utf8_lossy(&b).into_owned())
    }

    /// The value of the first header called `name`.
    pub fn header(&self, name: &str) -> Option<&Value> {
        self.headers
            .iter()
            .find(|h| h.name.is(name))
            .map(|h| &h.value)
    }

    /// The Content-Disposition type of `-F` parts, as curl picks it: `form-data` under curl's own
    /// `multipart/form-data`, `attachment` when the command sets another Content-Type (e.g.
    /// `multipart/related`).
    pub fn part_disposition(&self) -> &'static str {
        let own = self.header("Content-Type").and_then(|v| v.literal());
        match own {
            Some(v) => {
                let media = v.split(|&b| b == b';').next().unwrap_or_default();
                if media
                    .trim_ascii()
                    .eq_ignore_ascii_case(b"multipart/form-data")
                {
                    "form-data"
                } else {
                    "attachment"
                }
            }
            None => "form-data",
        }
    }
}
