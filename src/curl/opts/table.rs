//! The table itself: every long option of curl 8, one row each (see [`super`] for the classes).

use super::reasons::*;
use super::{N, OptSpec, P, U, flag, no_flag, on, plain, switch, val, value};
use crate::curl::Opt;

/// Applied options fetch cannot carry out: Node's fetch speaks no SOCKS.
const NO_FETCH_SOCKS: &[(&str, &str)] = &[
    ("javascript", "fetch has no SOCKS proxy support"),
    ("javascript-axios", "axios has no SOCKS proxy support"),
];

/// fetch and reqwest (async or blocking) have no Digest authentication.
const NO_DIGEST: &[(&str, &str)] = &[
    ("javascript", "fetch has no Digest authentication"),
    ("javascript-axios", "axios has no Digest authentication"),
    ("rust", "reqwest has no Digest authentication"),
    ("rust-blocking", "reqwest has no Digest authentication"),
];

// Connection options (issue 13, helper B): the flavours and languages whose library cannot do them.
const HTTPX_ROUTES: (&str, &str) = (
    "python-httpx",
    "httpx has no public hook to connect elsewhere than the URL's host; use the requests output (--lang python)",
);
const HTTPX_ASYNC_ROUTES: (&str, &str) = (
    "python-async",
    "httpx has no public hook to connect elsewhere than the URL's host; use the requests output (--lang python)",
);
const AXIOS_ROUTES: (&str, &str) = (
    "javascript-axios",
    "the axios output keeps axios's own connection handling; use the fetch output (--lang javascript), whose nodeFetch can",
);
/// --resolve, --connect-to, -4/-6, --interface, --unix-socket: every core language does them.
const CONNECT_FLAVOURS: &[(&str, &str)] = &[HTTPX_ROUTES, HTTPX_ASYNC_ROUTES, AXIOS_ROUTES];
/// --abstract-unix-socket: std's Unix socket paths (and so reqwest's) cannot start with a NUL
/// byte; Node 20's libuv cuts a socket path at its first NUL byte.
const NO_ABSTRACT: &[(&str, &str)] = &[
    HTTPX_ROUTES,
    HTTPX_ASYNC_ROUTES,
    (
        "javascript",
        "Node 20 cuts a Unix socket path at its first NUL byte, so it cannot name an abstract socket; use a socket file (--unix-socket)",
    ),
    (
        "rust",
        "reqwest's unix_socket takes a file path, and std cannot make one that names an abstract socket; use a socket file (--unix-socket)",
    ),
    (
        "rust-blocking",
        "reqwest's unix_socket takes a file path, and std cannot make one that names an abstract socket; use a socket file (--unix-socket)",
    ),
];
/// --local-port: reqwest's connector picks the local port itself.
const NO_RUST_LOCAL_PORT: &[(&str, &str)] = &[
    HTTPX_ROUTES,
    HTTPX_ASYNC_ROUTES,
    AXIOS_ROUTES,
    (
        "rust",
        "reqwest has no setting for the local port (only local_address); leave the port to the system",
    ),
    (
        "rust-blocking",
        "reqwest has no setting for the local port (only local_address); leave the port to the system",
    ),
];
/// --request-target: reqwest always sends the URL's path and query.
const NO_RUST_TARGET: &[(&str, &str)] = &[
    HTTPX_ROUTES,
    HTTPX_ASYNC_ROUTES,
    AXIOS_ROUTES,
    (
        "rust",
        "reqwest (hyper) always sends the URL's path and query as the request target; use the Python or JavaScript output",
    ),
    (
        "rust-blocking",
        "reqwest (hyper) always sends the URL's path and query as the request target; use the Python or JavaScript output",
    ),
];
/// --haproxy-protocol: reqwest's connector has no hook between connecting and sending.
const NO_RUST_HAPROXY: &[(&str, &str)] = &[
    HTTPX_ROUTES,
    HTTPX_ASYNC_ROUTES,
    AXIOS_ROUTES,
    (
        "rust",
        "reqwest has no hook to write the PROXY line between connecting and sending; put the PROXY header in a custom connector",
    ),
    (
        "rust-blocking",
        "reqwest has no hook to write the PROXY line between connecting and sending; put the PROXY header in a custom connector",
    ),
];
/// --http1.0 / --http2-prior-knowledge: only reqwest lets the program pick the version.
const ONLY_RUST_VERSION: &[(&str, &str)] = &[
    (
        "python",
        "requests (http.client) always speaks HTTP/1.1; use the Rust output for another version",
    ),
    (
        "javascript",
        "fetch and node:http always speak HTTP/1.1 (node:http2 is another API); use the Rust output",
    ),
];
/// --post301/302/303: reqwest's redirect policy can only follow or stop, not keep the method.
const NO_RUST_POST: &[(&str, &str)] = &[
    HTTPX_ROUTES,
    HTTPX_ASYNC_ROUTES,
    AXIOS_ROUTES,
    (
        "rust",
        "reqwest turns a POST into a GET on 301/302/303 and its redirect Policy can only follow or stop; drop -L and follow the Location yourself",
    ),
    (
        "rust-blocking",
        "reqwest turns a POST into a GET on 301/302/303 and its redirect Policy can only follow or stop; drop -L and follow the Location yourself",
    ),
];

// The proxy family (issue 13): what a flavour's library cannot do with the proxy.
/// axios's `proxy` config is a host, a port and Basic credentials: nothing else reaches the proxy.
const AXIOS_PROXY: (&str, &str) = (
    "javascript-axios",
    "axios's proxy config has no headers, CONNECT option, proxy TLS or Digest; use the fetch output (--lang javascript)",
);
/// The httpx flavours write the proxy URL alone.
const HTTPX_PROXY: &str = "the httpx outputs pass httpx the proxy URL alone (httpx.Proxy's headers/ssl_context are not written); use the requests output (--lang python)";
const HTTPX_NO_TUNNEL: &str = "httpx sends plain-http URLs to an http proxy in absolute form, with no CONNECT option; use the requests output (--lang python)";
const HTTPX_NO_DIGEST: &str = "httpx.DigestAuth answers a server's 401, not a proxy's 407; use the requests output (--lang python)";
const RUST_NO_TUNNEL: &str = "reqwest sends plain-http URLs to an http proxy in absolute form, with no CONNECT option for them; use the Python or JavaScript output";
const RUST_NO_DIGEST: &str =
    "reqwest has no Digest authentication, for proxies either; use the Python or JavaScript output";
const NO_PROXY_OPTIONS: &[(&str, &str)] = &[
    ("python-httpx", HTTPX_PROXY),
    ("python-async", HTTPX_PROXY),
    AXIOS_PROXY,
];
const NO_PROXY_TUNNEL: &[(&str, &str)] = &[
    ("python-httpx", HTTPX_NO_TUNNEL),
    ("python-async", HTTPX_NO_TUNNEL),
    AXIOS_PROXY,
    ("rust", RUST_NO_TUNNEL),
    ("rust-blocking", RUST_NO_TUNNEL),
];
const NO_PROXY_DIGEST: &[(&str, &str)] = &[
    ("python-httpx", HTTPX_NO_DIGEST),
    ("python-async", HTTPX_NO_DIGEST),
    AXIOS_PROXY,
    ("rust", RUST_NO_DIGEST),
    ("rust-blocking", RUST_NO_DIGEST),
];

/// httpx takes TLS versions and ciphers only inside an `ssl.SSLContext`: not converted there.
const HTTPX_TLS: &str =
    "httpx takes TLS versions and ciphers only inside an ssl.SSLContext (verify=); not converted";
const NO_HTTPX_TLS: &[(&str, &str)] = &[("python-httpx", HTTPX_TLS), ("python-async", HTTPX_TLS)];

/// rustls (reqwest's TLS) has no cipher lists: it offers its own modern suites only.
const NO_CIPHER_LIST: &[(&str, &str)] = &[
    ("python-httpx", HTTPX_TLS),
    ("python-async", HTTPX_TLS),
    (
        "rust",
        "rustls (reqwest's TLS) has no cipher lists: it offers only its own modern suites",
    ),
    (
        "rust-blocking",
        "rustls (reqwest's TLS) has no cipher lists: it offers only its own modern suites",
    ),
];

/// Every long option of curl 8, sorted by long name (byte order, like curl's own table): names,
/// argument kind, what curl2code does with it (the [`Opt`] it becomes, or why not) and curl's
/// help line.
///
/// `anyauth` and `ftp-pasv` accept `--no-` as they did in curl 7 (curl 8 made them plain
/// switches); debug-build-only options (`--test-event`) are left out.
#[rustfmt::skip]
pub static OPTIONS: &[OptSpec] = &[
    value("abstract-unix-socket", ' ', val(Opt::AbstractUnixSocket), "Connect via abstract Unix domain socket").except(NO_ABSTRACT),
    no_flag("alpn", ' ', N, "Disable the ALPN TLS extension"),
    value("alt-svc", ' ', U(CACHE_FILE), "Enable alt-svc with this cache file"),
    flag("anyauth", ' ', on(Opt::AnyAuth), "Pick any authentication method"),
    flag("append", 'a', U(FTP), "Append to target file when uploading"),
    value("aws-sigv4", ' ', val(Opt::AwsSigv4), "Use AWS V4 signature authentication").except(&[("*", AWS)]),
    flag("basic", ' ', on(Opt::Basic), "Use HTTP Basic Authentication"),
    no_flag("buffer", 'N', N, "Disable buffering of the output stream"),
    flag("ca-native", ' ', U(CA_BUNDLE), "Use the CA store of the operating system"),
    value("cacert", ' ', val(Opt::CaCert), "CA certificate to verify peer against"),
    value("capath", ' ', val(Opt::CaPath), "CA directory to verify peer against"),
    value("cert", 'E', val(Opt::Cert), "Client certificate file and password"),
    flag("cert-status", ' ', U(TLS_DEFAULTS), "Verify the status of the server cert via OCSP-staple"),
    value("cert-type", ' ', val(Opt::CertType), "Certificate type (DER/PEM/ENG/P12)"),
    value("ciphers", ' ', val(Opt::Ciphers), "SSL ciphers to use").except(NO_CIPHER_LIST),
    no_flag("clobber", ' ', on(Opt::Clobber), "Do not overwrite files that already exist"),
    flag("compressed", ' ', on(Opt::Compressed), "Request compressed response"),
    flag("compressed-ssh", ' ', U(SSH), "Enable SSH compression"),
    value("config", 'K', P, "Read config from a file"),
    value("connect-timeout", ' ', val(Opt::ConnectTimeout), "Maximum time allowed for connection"),
    value("connect-to", ' ', val(Opt::ConnectTo), "Connect to host").except(CONNECT_FLAVOURS),
    value("continue-at", 'C', val(Opt::ContinueAt), "Resumed transfer offset"),
    value("cookie", 'b', val(Opt::Cookie), "Send cookies from string/file"),
    value("cookie-jar", 'c', val(Opt::CookieJar), "Write cookies to <filename> after operation"),
    flag("create-dirs", ' ', on(Opt::CreateDirs), "Create necessary local directory hierarchy"),
    value("create-file-mode", ' ', N, "File mode for created files"),
    flag("crlf", ' ', U(FTP), "Convert LF to CRLF in upload"),
    value("crlfile", ' ', U(CA_BUNDLE), "Use this CRL list"),
    value("curves", ' ', U(TLS_DEFAULTS), "(EC) TLS key exchange algorithm(s) to request"),
    value("data", 'd', val(Opt::Data), "HTTP POST data"),
    value("data-ascii", ' ', val(Opt::DataAscii), "HTTP POST ASCII data"),
    value("data-binary", ' ', val(Opt::DataBinary), "HTTP POST binary data"),
    value("data-raw", ' ', val(Opt::DataRaw), "HTTP POST data, '@' allowed"),
    value("data-urlencode", ' ', val(Opt::DataUrlEncode), "HTTP POST data URL encoded"),
    value("delegation", ' ', U(AUTH_METHOD), "GSS-API delegation permission"),
    flag("digest", ' ', on(Opt::Digest), "Use HTTP Digest Authentication").except(NO_DIGEST),
    flag("disable", 'q', N, "Disable .curlrc"),
    flag("disable-eprt", ' ', U(FTP), "Inhibit using EPRT or LPRT"),
    flag("disable-epsv", ' ', U(FTP), "Inhibit using EPSV"),
    flag("disallow-username-in-url", ' ', on(Opt::DisallowUsernameInUrl), "Disallow username in URL"),
    value("dns-interface", ' ', U(RESOLVE), "Interface to use for DNS requests"),
    value("dns-ipv4-addr", ' ', U(RESOLVE), "IPv4 address to use for DNS requests"),
    value("dns-ipv6-addr", ' ', U(RESOLVE), "IPv6 address to use for DNS requests"),
    value("dns-servers", ' ', U(RESOLVE), "DNS server addrs to use"),
    flag("doh-cert-status", ' ', N, "Verify the status of the DoH server cert via OCSP-staple"),
    flag("doh-insecure", ' ', N, "Allow insecure DoH server connections"),
    value("doh-url", ' ', U(RESOLVE), "Resolve host names over DoH"),
    plain("dump-ca-embed", ' ', U(PRINTS), "Print the CA certificates embedded in curl"),
    value("dump-header", 'D', val(Opt::DumpHeader), "Write the received headers to <filename>"),
    value("ech", ' ', U(TLS_DEFAULTS), "Configure Encrypted Client Hello"),
    value("egd-file", ' ', N, "EGD socket path for random data"),
    value("engine", ' ', U(TLS_DEFAULTS), "Crypto engine to use"),
    flag("eprt", ' ', U(FTP), "Use EPRT for active FTP"),
    flag("epsv", ' ', U(FTP), "Use EPSV for passive FTP"),
    value("etag-compare", ' ', val(Opt::EtagCompare), "Pass an ETag from a file as a custom header"),
    value("etag-save", ' ', val(Opt::EtagSave), "Parse ETag from a request and save it to a file"),
    value("expect100-timeout", ' ', N, "How long to wait for 100-continue"),
    flag("fail", 'f', on(Opt::Fail), "Fail fast with no output on HTTP errors"),
    flag("fail-early", ' ', N, "Fail on first transfer error, do not continue"),
    flag("fail-with-body", ' ', on(Opt::FailWithBody), "Fail on HTTP errors but save the body"),
    flag("false-start", ' ', N, "Enable TLS False Start"),
    flag("follow", ' ', U(REDIRECT_METHOD), "Follow redirects per the HTTP method rules"),
    value("form", 'F', val(Opt::Form), "Specify multipart MIME data"),
    flag("form-escape", ' ', on(Opt::FormEscape), "Escape multipart form field/file names using backslash"),
    value("form-string", ' ', val(Opt::FormString), "Specify multipart MIME data"),
    value("ftp-account", ' ', U(FTP), "Account data string"),
    value("ftp-alternative-to-user", ' ', U(FTP), "String to replace USER [name]"),
    flag("ftp-create-dirs", ' ', U(FTP), "Create the remote dirs if not present"),
    value("ftp-method", ' ', U(FTP), "Control CWD usage"),
    flag("ftp-pasv", ' ', U(FTP), "Use PASV/EPSV instead of PORT"),
    value("ftp-port", 'P', U(FTP), "Use PORT instead of PASV"),
    flag("ftp-pret", ' ', U(FTP), "Send PRET before PASV"),
    flag("ftp-skip-pasv-ip", ' ', U(FTP), "Skip the IP address for PASV"),
    flag("ftp-ssl", ' ', U(FTP), "Try SSL/TLS (old name of --ssl)"),
    flag("ftp-ssl-ccc", ' ', U(FTP), "Send CCC after authenticating"),
    value("ftp-ssl-ccc-mode", ' ', U(FTP), "Set CCC mode"),
    flag("ftp-ssl-control", ' ', U(FTP), "Require SSL/TLS for FTP login, clear for transfer"),
    flag("ftp-ssl-reqd", ' ', U(FTP), "Require SSL/TLS (old name of --ssl-reqd)"),
    flag("get", 'G', on(Opt::Get), "Put the post data in the URL and use GET"),
    flag("globoff", 'g', on(Opt::GlobOff), "Disable URL sequences and ranges using {} and []"),
    value("happy-eyeballs-timeout-ms", ' ', N, "Time for IPv6 before trying IPv4"),
    value("haproxy-clientip", ' ', U(HAPROXY), "Set the client IP in the HAProxy PROXY protocol header"),
    flag("haproxy-protocol", ' ', on(Opt::HaproxyProtocol), "Send HAProxy PROXY protocol v1 header").except(NO_RUST_HAPROXY),
    flag("head", 'I', on(Opt::Head), "Show document info only"),
    value("header", 'H', val(Opt::Header), "Pass custom header(s) to server"),
    flag("help", 'h', U(PRINTS), "Get help for commands"),
    value("hostpubmd5", ' ', U(SSH), "Acceptable MD5 hash of the host public key"),
    value("hostpubsha256", ' ', U(SSH), "Acceptable SHA256 hash of the host public key"),
    value("hsts", ' ', U(CACHE_FILE), "Enable HSTS with this cache file"),
    flag("http0.9", ' ', N, "Allow HTTP 0.9 responses"),
    plain("http1.0", '0', switch(|| Opt::Http10), "Use HTTP 1.0").except(ONLY_RUST_VERSION),
    plain("http1.1", ' ', switch(|| Opt::Http11), "Use HTTP 1.1"),
    plain("http2", ' ', N, "Use HTTP 2"),
    plain("http2-prior-knowledge", ' ', switch(|| Opt::Http2PriorKnowledge), "Use HTTP 2 without HTTP/1.1 Upgrade").except(ONLY_RUST_VERSION),
    plain("http3", ' ', N, "Use HTTP v3"),
    plain("http3-only", ' ', U(HTTP_VERSION), "Use HTTP v3 only"),
    flag("ignore-content-length", ' ', N, "Ignore the size of the remote resource"),
    flag("include", ' ', on(Opt::Include), "Include protocol response headers in the output"),
    flag("insecure", 'k', on(Opt::Insecure), "Allow insecure server connections"),
    value("interface", ' ', val(Opt::Interface), "Use network INTERFACE (or address)").except(CONNECT_FLAVOURS),
    value("ip-tos", ' ', N, "Set the IP Type of Service or traffic class"),
    value("ipfs-gateway", ' ', U(IPFS), "Gateway for IPFS"),
    plain("ipv4", '4', switch(|| Opt::Ipv4), "Resolve names to IPv4 addresses").except(CONNECT_FLAVOURS),
    plain("ipv6", '6', switch(|| Opt::Ipv6), "Resolve names to IPv6 addresses").except(CONNECT_FLAVOURS),
    value("json", ' ', val(Opt::Json), "HTTP POST JSON"),
    flag("junk-session-cookies", 'j', U(JUNK_COOKIES), "Ignore session cookies read from file"),
    no_flag("keepalive", ' ', N, "Disable TCP keepalive on the connection"),
    value("keepalive-cnt", ' ', N, "Maximum number of keepalive probes"),
    value("keepalive-time", ' ', N, "Interval time for keepalive probes"),
    value("key", ' ', val(Opt::Key), "Private key file name"),
    value("key-type", ' ', U(TLS_DEFAULTS), "Private key file type (DER/PEM/ENG)"),
    value("knownhosts", ' ', U(SSH), "Specify the knownhosts file"),
    value("krb", ' ', U(AUTH_METHOD), "Enable Kerberos with security <level>"),
    value("krb4", ' ', U(AUTH_METHOD), "Enable Kerberos with security <level> (old name of --krb)"),
    value("libcurl", ' ', N, "Dump libcurl equivalent code of this command line"),
    value("limit-rate", ' ', N, "Limit transfer speed to RATE"),
    flag("list-only", 'l', U(FTP), "List only mode"),
    value("local-port", ' ', val(Opt::LocalPort), "Force use of RANGE for local port numbers").except(NO_RUST_LOCAL_PORT),
    flag("location", 'L', on(Opt::Location), "Follow redirects"),
    flag("location-trusted", ' ', on(Opt::LocationTrusted), "Like --location, and send auth to other hosts"),
    value("login-options", ' ', U(MAIL), "Server login options"),
    value("mail-auth", ' ', U(MAIL), "Originator address of the original email"),
    value("mail-from", ' ', U(MAIL), "Mail from this address"),
    value("mail-rcpt", ' ', U(MAIL), "Mail to this address"),
    flag("mail-rcpt-allowfails", ' ', U(MAIL), "Allow RCPT TO command to fail for some recipients"),
    flag("manual", 'M', U(PRINTS), "Display the full manual"),
    value("max-filesize", ' ', val(Opt::MaxFilesize), "Maximum file size to download"),
    value("max-redirs", ' ', val(Opt::MaxRedirs), "Maximum number of redirects allowed"),
    value("max-time", 'm', val(Opt::MaxTime), "Maximum time allowed for transfer"),
    flag("metalink", ' ', N, "Process given URLs as metalink XML file"),
    flag("mptcp", ' ', N, "Enable Multipath TCP"),
    flag("negotiate", ' ', U(AUTH_METHOD), "Use HTTP Negotiate (SPNEGO) authentication"),
    flag("netrc", 'n', on(Opt::Netrc), "Must read .netrc for user name and password"),
    value("netrc-file", ' ', val(Opt::NetrcFile), "Specify FILE for netrc"),
    flag("netrc-optional", ' ', on(Opt::NetrcOptional), "Use either .netrc or URL"),
    plain("next", ':', switch(|| Opt::Next), "Make next URL use its separate set of options"),
    value("noproxy", ' ', val(Opt::NoProxy), "List of hosts which do not use proxy"),
    no_flag("npn", ' ', N, "Disable the NPN TLS extension"),
    flag("ntlm", ' ', on(Opt::Ntlm), "Use HTTP NTLM authentication").except(&[("*", NTLM)]),
    flag("ntlm-wb", ' ', U(AUTH_METHOD), "Use HTTP NTLM authentication with winbind"),
    value("oauth2-bearer", ' ', val(Opt::Oauth2Bearer), "OAuth 2 Bearer Token"),
    flag("out-null", ' ', N, "Discard the response output"),
    value("output", 'o', val(Opt::Output), "Write to file instead of stdout"),
    value("output-dir", ' ', val(Opt::OutputDir), "Directory to save files in"),
    flag("parallel", 'Z', N, "Perform transfers in parallel"),
    flag("parallel-immediate", ' ', N, "Do not wait for multiplexing (with --parallel)"),
    value("parallel-max", ' ', N, "Maximum concurrency for parallel transfers"),
    value("parallel-max-host", ' ', N, "Maximum parallel connections per host"),
    value("pass", ' ', U(TLS_DEFAULTS), "Pass phrase for the private key"),
    flag("path-as-is", ' ', on(Opt::PathAsIs), "Do not squash .. sequences in URL path"),
    value("pinnedpubkey", ' ', U(PIN), "FILE/HASHES Public key to verify peer against"),
    flag("post301", ' ', on(Opt::Post301), "Do not switch to GET after following a 301").except(NO_RUST_POST),
    flag("post302", ' ', on(Opt::Post302), "Do not switch to GET after following a 302").except(NO_RUST_POST),
    flag("post303", ' ', on(Opt::Post303), "Do not switch to GET after following a 303").except(NO_RUST_POST),
    value("preproxy", ' ', U(PROXY_KIND), "[protocol://]host[:port] Use this proxy first"),
    flag("progress-bar", '#', N, "Display transfer progress as a bar"),
    no_flag("progress-meter", ' ', N, "Do not show the progress meter"),
    value("proto", ' ', N, "Enable/disable PROTOCOLS"),
    value("proto-default", ' ', val(Opt::ProtoDefault), "Use PROTOCOL for any URL missing a scheme"),
    value("proto-redir", ' ', N, "Enable/disable PROTOCOLS on redirect"),
    value("proxy", 'x', val(Opt::Proxy), "[protocol://]host[:port] Use this proxy"),
    flag("proxy-anyauth", ' ', U(PROXY_TLS), "Pick any proxy authentication method"),
    flag("proxy-basic", ' ', on(Opt::ProxyBasic), "Use Basic authentication on the proxy"),
    flag("proxy-ca-native", ' ', U(PROXY_TLS), "Use the CA store of the operating system for the proxy"),
    value("proxy-cacert", ' ', val(Opt::ProxyCacert), "CA certificate to verify peer against for proxy").except(NO_PROXY_OPTIONS),
    value("proxy-capath", ' ', U(PROXY_TLS), "CA directory to verify peer against for proxy"),
    value("proxy-cert", ' ', U(PROXY_TLS), "Set client certificate for proxy"),
    value("proxy-cert-type", ' ', U(PROXY_TLS), "Client certificate type for HTTPS proxy"),
    value("proxy-ciphers", ' ', U(PROXY_TLS), "SSL ciphers to use for proxy"),
    value("proxy-crlfile", ' ', U(PROXY_TLS), "Set a CRL list for proxy"),
    flag("proxy-digest", ' ', on(Opt::ProxyDigest), "Use Digest authentication on the proxy").except(NO_PROXY_DIGEST),
    value("proxy-header", ' ', val(Opt::ProxyHeader), "Pass custom header(s) to proxy").except(NO_PROXY_OPTIONS),
    flag("proxy-http2", ' ', N, "Use HTTP/2 with the HTTPS proxy"),
    flag("proxy-insecure", ' ', on(Opt::ProxyInsecure), "Do HTTPS proxy connections without verifying the proxy").except(NO_PROXY_OPTIONS),
    value("proxy-key", ' ', U(PROXY_TLS), "Private key for HTTPS proxy"),
    value("proxy-key-type", ' ', U(PROXY_TLS), "Private key file type for proxy"),
    flag("proxy-negotiate", ' ', U(PROXY_TLS), "Use HTTP Negotiate (SPNEGO) authentication on the proxy"),
    flag("proxy-ntlm", ' ', U(PROXY_TLS), "Use NTLM authentication on the proxy"),
    value("proxy-pass", ' ', U(PROXY_TLS), "Pass phrase for the private key for HTTPS proxy"),
    value("proxy-pinnedpubkey", ' ', U(PROXY_TLS), "FILE/HASHES public key to verify proxy with"),
    value("proxy-service-name", ' ', U(PROXY_TLS), "SPNEGO proxy service name"),
    flag("proxy-ssl-allow-beast", ' ', N, "Allow security flaw for interop for HTTPS proxy"),
    flag("proxy-ssl-auto-client-cert", ' ', U(PROXY_TLS), "Use auto client certificate for proxy (Schannel)"),
    value("proxy-tls13-ciphers", ' ', U(PROXY_TLS), "TLS 1.3 proxy cipher suites"),
    value("proxy-tlsauthtype", ' ', U(PROXY_TLS), "TLS authentication type for HTTPS proxy"),
    value("proxy-tlspassword", ' ', U(PROXY_TLS), "TLS password for HTTPS proxy"),
    value("proxy-tlsuser", ' ', U(PROXY_TLS), "TLS username for HTTPS proxy"),
    plain("proxy-tlsv1", ' ', N, "Use TLSv1 for HTTPS proxy"),
    value("proxy-user", 'U', val(Opt::ProxyUser), "Proxy user and password"),
    value("proxy1.0", ' ', U(PROXY_KIND), "Use HTTP/1.0 proxy on given port"),
    flag("proxytunnel", 'p', on(Opt::ProxyTunnel), "Operate through an HTTP proxy tunnel (using CONNECT)").except(NO_PROXY_TUNNEL),
    value("pubkey", ' ', U(SSH), "SSH Public key file name"),
    value("quote", 'Q', U(FTP), "Send command(s) to server before transfer"),
    value("random-file", ' ', N, "File for reading random data from"),
    value("range", 'r', val(Opt::Range), "Retrieve only the bytes within RANGE"),
    value("rate", ' ', N, "Request rate for serial transfers"),
    flag("raw", ' ', N, "Do HTTP \"raw\"; no transfer decoding"),
    value("referer", 'e', val(Opt::Referer), "Referrer URL"),
    flag("remote-header-name", 'J', on(Opt::RemoteHeaderName), "Use the header-provided filename"),
    flag("remote-name", 'O', on(Opt::RemoteName), "Write output to a file named as the remote file"),
    flag("remote-name-all", ' ', on(Opt::RemoteNameAll), "Use the remote file name for all URLs"),
    flag("remote-time", 'R', N, "Set the remote file's time on the local output"),
    flag("remove-on-error", ' ', on(Opt::RemoveOnError), "Remove output file on errors"),
    value("request", 'X', val(Opt::Request), "Specify request method to use"),
    value("request-target", ' ', val(Opt::RequestTarget), "Specify the target for this request").except(NO_RUST_TARGET),
    value("resolve", ' ', val(Opt::Resolve), "Resolve the host+port to this address").except(CONNECT_FLAVOURS),
    value("retry", ' ', val(Opt::Retry), "Retry request if transient problems occur"),
    flag("retry-all-errors", ' ', on(Opt::RetryAllErrors), "Retry all errors (use with --retry)"),
    flag("retry-connrefused", ' ', on(Opt::RetryConnRefused), "Retry on connection refused (use with --retry)"),
    value("retry-delay", ' ', val(Opt::RetryDelay), "Wait time between retries"),
    value("retry-max-time", ' ', val(Opt::RetryMaxTime), "Retry only within this period"),
    value("sasl-authzid", ' ', U(MAIL), "Identity for SASL PLAIN authentication"),
    flag("sasl-ir", ' ', U(MAIL), "Enable initial response in SASL authentication"),
    value("service-name", ' ', U(AUTH_METHOD), "SPNEGO service name"),
    no_flag("sessionid", ' ', N, "Disable SSL session-ID reusing"),
    flag("show-error", 'S', N, "Show error even when -s is used"),
    flag("show-headers", 'i', on(Opt::ShowHeaders), "Show response headers in the output"),
    value("sigalgs", ' ', U(TLS_DEFAULTS), "TLS signature algorithms to use"),
    flag("silent", 's', N, "Silent mode"),
    flag("skip-existing", ' ', U(SKIP_EXISTING), "Skip the download if the local file already exists"),
    value("socks4", ' ', val(Opt::Socks4), "SOCKS4 proxy on given host + port").except(NO_FETCH_SOCKS),
    value("socks4a", ' ', val(Opt::Socks4a), "SOCKS4a proxy on given host + port").except(NO_FETCH_SOCKS),
    value("socks5", ' ', val(Opt::Socks5), "SOCKS5 proxy on given host + port").except(NO_FETCH_SOCKS),
    flag("socks5-basic", ' ', N, "Enable username/password auth for SOCKS5 proxies"),
    flag("socks5-gssapi", ' ', U(PROXY_KIND), "Enable GSS-API auth for SOCKS5 proxies"),
    flag("socks5-gssapi-nec", ' ', U(PROXY_KIND), "Compatibility with NEC SOCKS5 server"),
    value("socks5-gssapi-service", ' ', U(PROXY_KIND), "SOCKS5 proxy service name for GSS-API"),
    value("socks5-hostname", ' ', val(Opt::Socks5Hostname), "SOCKS5 proxy, pass host name to proxy").except(NO_FETCH_SOCKS),
    value("speed-limit", 'Y', N, "Stop transfers slower than this"),
    value("speed-time", 'y', N, "Trigger 'speed-limit' abort after this time"),
    flag("ssl", ' ', U(STARTTLS), "Try SSL/TLS"),
    flag("ssl-allow-beast", ' ', N, "Allow security flaw to improve interop"),
    flag("ssl-auto-client-cert", ' ', U(TLS_DEFAULTS), "Use auto client certificate (Schannel)"),
    flag("ssl-no-revoke", ' ', N, "Disable cert revocation checks (Schannel)"),
    flag("ssl-reqd", ' ', U(STARTTLS), "Require SSL/TLS"),
    flag("ssl-revoke-best-effort", ' ', N, "Ignore missing/offline cert CRL dist points"),
    value("ssl-sessions", ' ', N, "Load and save SSL session tickets from a file"),
    plain("sslv2", '2', N, "Use SSLv2"),
    plain("sslv3", '3', N, "Use SSLv3"),
    value("stderr", ' ', N, "Where to redirect stderr"),
    flag("styled-output", ' ', N, "Enable styled output for HTTP headers"),
    flag("suppress-connect-headers", ' ', N, "Suppress proxy CONNECT response headers"),
    flag("tcp-fastopen", ' ', N, "Use TCP Fast Open"),
    flag("tcp-nodelay", ' ', N, "Use the TCP_NODELAY option"),
    value("telnet-option", 't', U(TELNET_TFTP), "Set telnet option"),
    value("tftp-blksize", ' ', U(TELNET_TFTP), "Set TFTP BLKSIZE option"),
    flag("tftp-no-options", ' ', U(TELNET_TFTP), "Do not send any TFTP options"),
    value("time-cond", 'z', val(Opt::TimeCond), "Transfer based on a time condition"),
    flag("tls-earlydata", ' ', N, "Allow use of TLS early data"),
    value("tls-max", ' ', val(Opt::TlsMax), "Set maximum allowed TLS version").except(NO_HTTPX_TLS),
    value("tls13-ciphers", ' ', U(TLS_DEFAULTS), "TLS 1.3 cipher suites to use"),
    value("tlsauthtype", ' ', U(TLS_DEFAULTS), "TLS authentication type"),
    value("tlspassword", ' ', U(TLS_DEFAULTS), "TLS password"),
    value("tlsuser", ' ', U(TLS_DEFAULTS), "TLS user name"),
    plain("tlsv1", '1', switch(|| Opt::TlsMin(0)), "Use TLSv1.0 or greater").except(NO_HTTPX_TLS),
    plain("tlsv1.0", ' ', switch(|| Opt::TlsMin(0)), "Use TLSv1.0 or greater").except(NO_HTTPX_TLS),
    plain("tlsv1.1", ' ', switch(|| Opt::TlsMin(1)), "Use TLSv1.1 or greater").except(NO_HTTPX_TLS),
    plain("tlsv1.2", ' ', switch(|| Opt::TlsMin(2)), "Use TLSv1.2 or greater").except(NO_HTTPX_TLS),
    plain("tlsv1.3", ' ', switch(|| Opt::TlsMin(3)), "Use TLSv1.3 or greater").except(NO_HTTPX_TLS),
    flag("tr-encoding", ' ', U(TE), "Request compressed transfer encoding"),
    value("trace", ' ', N, "Write a debug trace to FILE"),
    value("trace-ascii", ' ', N, "Like --trace, but without hex output"),
    value("trace-config", ' ', N, "Details to log in the trace and verbose output"),
    flag("trace-ids", ' ', N, "Add transfer and connection identifiers to the trace and verbose output"),
    flag("trace-time", ' ', N, "Add time stamps to trace/verbose output"),
    value("unix-socket", ' ', val(Opt::UnixSocket), "Connect through this Unix domain socket").except(CONNECT_FLAVOURS),
    value("upload-file", 'T', val(Opt::UploadFile), "Transfer local FILE to destination"),
    value("upload-flags", ' ', U(MAIL), "IMAP upload behavior flags"),
    value("url", ' ', val(Opt::Url), "URL to work with"),
    value("url-query", ' ', val(Opt::UrlQuery), "Add a URL query part"),
    flag("use-ascii", 'B', U(FTP), "Use ASCII/text transfer"),
    value("user", 'u', val(Opt::User), "Server user and password"),
    value("user-agent", 'A', val(Opt::UserAgent), "Send User-Agent <name> to server"),
    value("variable", ' ', P, "Set a variable for --expand- options"),
    flag("verbose", 'v', N, "Make the operation more talkative"),
    flag("version", 'V', U(PRINTS), "Show version number and quit"),
    value("vlan-priority", ' ', N, "Set the VLAN priority"),
    value("write-out", 'w', N, "Use output FORMAT after completion"),
    flag("xattr", ' ', N, "Store metadata in extended file attributes"),
];
