//! [`Opt`]: one variant per option the lowering applies, carrying its typed argument.
//!
//! The argv parser builds these from the table rows ([`super::opts::Build`]); the lowering
//! matches on them exhaustively, so an applied option that nobody lowers does not compile.

use super::opts::OptSpec;
use crate::diagnostic::Span;
use crate::value::Value;

/// An option's argument as typed: the shell word turned into a [`Value`] (literal bytes and
/// `$NAME` references), with where it stands in the input.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Text {
    /// The argument's bytes and environment references.
    pub value: Value,
    /// Where the argument is in the input.
    pub span: Span,
}

/// One parsed option. Booleans carry `false` for their `--no-` form.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Opt {
    /// `--anyauth` (false for `--no-anyauth`).
    AnyAuth(bool),
    /// `--aws-sigv4`.
    AwsSigv4(Text),
    /// `--basic` (false for `--no-basic`).
    Basic(bool),
    /// `--cacert`.
    CaCert(Text),
    /// `--cert`.
    Cert(Text),
    /// `--cert-type`.
    CertType(Text),
    /// `--compressed` (false for `--no-compressed`).
    Compressed(bool),
    /// `--connect-timeout`.
    ConnectTimeout(Text),
    /// `--continue-at`.
    ContinueAt(Text),
    /// `--cookie`.
    Cookie(Text),
    /// `--cookie-jar`.
    CookieJar(Text),
    /// `--create-dirs` (false for `--no-create-dirs`).
    CreateDirs(bool),
    /// `--data`.
    Data(Text),
    /// `--data-ascii`.
    DataAscii(Text),
    /// `--data-binary`.
    DataBinary(Text),
    /// `--data-raw`.
    DataRaw(Text),
    /// `--data-urlencode`.
    DataUrlEncode(Text),
    /// `--digest` (false for `--no-digest`).
    Digest(bool),
    /// `--disallow-username-in-url` (false for `--no-disallow-username-in-url`).
    DisallowUsernameInUrl(bool),
    /// `--fail` (false for `--no-fail`).
    Fail(bool),
    /// `--fail-with-body` (false for `--no-fail-with-body`).
    FailWithBody(bool),
    /// `--form`.
    Form(Text),
    /// `--form-escape` (false for `--no-form-escape`).
    FormEscape(bool),
    /// `--form-string`.
    FormString(Text),
    /// `--get` (false for `--no-get`).
    Get(bool),
    /// `--globoff` (false for `--no-globoff`).
    GlobOff(bool),
    /// `--head` (false for `--no-head`).
    Head(bool),
    /// `--header`.
    Header(Text),
    /// `--http1.1`.
    Http11,
    /// `--insecure` (false for `--no-insecure`).
    Insecure(bool),
    /// `--json`.
    Json(Text),
    /// `--key`.
    Key(Text),
    /// `--location` (false for `--no-location`).
    Location(bool),
    /// `--location-trusted` (false for `--no-location-trusted`).
    LocationTrusted(bool),
    /// `--max-redirs`.
    MaxRedirs(Text),
    /// `--max-time`.
    MaxTime(Text),
    /// `--next`.
    Next,
    /// `--noproxy`.
    NoProxy(Text),
    /// `--ntlm` (false for `--no-ntlm`).
    Ntlm(bool),
    /// `--oauth2-bearer`.
    Oauth2Bearer(Text),
    /// `--output`.
    Output(Text),
    /// `--output-dir`.
    OutputDir(Text),
    /// `--path-as-is` (false for `--no-path-as-is`).
    PathAsIs(bool),
    /// `--proto-default`.
    ProtoDefault(Text),
    /// `--proxy`.
    Proxy(Text),
    /// `--proxy-user`.
    ProxyUser(Text),
    /// `--range`.
    Range(Text),
    /// `--referer`.
    Referer(Text),
    /// `--remote-name` (false for `--no-remote-name`).
    RemoteName(bool),
    /// `--remote-name-all` (false for `--no-remote-name-all`).
    RemoteNameAll(bool),
    /// `--request`.
    Request(Text),
    /// `--retry`.
    Retry(Text),
    /// `--retry-all-errors` (false for `--no-retry-all-errors`).
    RetryAllErrors(bool),
    /// `--retry-connrefused` (false for `--no-retry-connrefused`).
    RetryConnRefused(bool),
    /// `--retry-delay`.
    RetryDelay(Text),
    /// `--retry-max-time`.
    RetryMaxTime(Text),
    /// `--socks4`.
    Socks4(Text),
    /// `--socks4a`.
    Socks4a(Text),
    /// `--socks5`.
    Socks5(Text),
    /// `--socks5-hostname`.
    Socks5Hostname(Text),
    /// `--time-cond`.
    TimeCond(Text),
    /// `--upload-file`.
    UploadFile(Text),
    /// `--url`.
    Url(Text),
    /// `--url-query`.
    UrlQuery(Text),
    /// `--user`.
    User(Text),
    /// `--user-agent`.
    UserAgent(Text),
    // What the program does with the response (issue 13, response family).
    /// `--include` (false for `--no-include`).
    Include(bool),
    /// `--show-headers`, curl 8's name for `-i` (false for `--no-show-headers`).
    ShowHeaders(bool),
    /// `--dump-header`.
    DumpHeader(Text),
    /// `--etag-save`.
    EtagSave(Text),
    /// `-w`/`--write-out`.
    WriteOut(Text),
    /// `--etag-compare`.
    EtagCompare(Text),
    /// `--remote-header-name` (false for `--no-remote-header-name`).
    RemoteHeaderName(bool),
    /// `--clobber` (false for `--no-clobber`).
    Clobber(bool),
    /// `--max-filesize`.
    MaxFilesize(Text),
    /// `--remove-on-error` (false for `--no-remove-on-error`).
    RemoveOnError(bool),
    // Connection options (issue 13, helper B): where and how the program connects.
    /// `--resolve`.
    Resolve(Text),
    /// `--connect-to`.
    ConnectTo(Text),
    /// `--ipv4`.
    Ipv4,
    /// `--ipv6`.
    Ipv6,
    /// `--interface`.
    Interface(Text),
    /// `--local-port`.
    LocalPort(Text),
    /// `--unix-socket`.
    UnixSocket(Text),
    /// `--abstract-unix-socket`.
    AbstractUnixSocket(Text),
    /// `--request-target`.
    RequestTarget(Text),
    /// `--http1.0`.
    Http10,
    /// `--http2-prior-knowledge`.
    Http2PriorKnowledge,
    /// `--post301` (false for `--no-post301`).
    Post301(bool),
    /// `--post302` (false for `--no-post302`).
    Post302(bool),
    /// `--post303` (false for `--no-post303`).
    Post303(bool),
    // Credentials from a netrc file (issue 12/13).
    /// `--netrc` (false for `--no-netrc`).
    Netrc(bool),
    /// `--netrc-file`.
    NetrcFile(Text),
    /// `--netrc-optional` (false for `--no-netrc-optional`).
    NetrcOptional(bool),
    // TLS settings (issue 13).
    /// `--capath`.
    CaPath(Text),
    /// `--ciphers`.
    Ciphers(Text),
    /// `--tls-max`.
    TlsMax(Text),
    /// `--tlsv1` (0), `--tlsv1.0` (0) … `--tlsv1.3` (3): the lowest TLS 1.x version allowed.
    TlsMin(u8),
    /// `--haproxy-protocol` (false for `--no-haproxy-protocol`).
    HaproxyProtocol(bool),
    // Proxy options (issue 13, proxy family): what goes to the proxy and how.
    /// `--proxy-header`.
    ProxyHeader(Text),
    /// `--proxytunnel` (false for `--no-proxytunnel`).
    ProxyTunnel(bool),
    /// `--proxy-insecure` (false for `--no-proxy-insecure`).
    ProxyInsecure(bool),
    /// `--proxy-cacert`.
    ProxyCacert(Text),
    /// `--proxy-digest` (false for `--no-proxy-digest`).
    ProxyDigest(bool),
    /// `--proxy-basic` (false for `--no-proxy-basic`): Basic again after `--proxy-digest`.
    ProxyBasic(bool),
    /// `--proxy-anyauth` (false for `--no-proxy-anyauth`).
    ProxyAnyauth(bool),
    /// An option that does not change the request (`-s`, `-v`, `--http2`).
    NoEffect(&'static OptSpec),
    /// An option that would change the request but is not converted (the parser warned).
    Unsupported(&'static OptSpec),
}
