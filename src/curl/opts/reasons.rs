//! Why an unsupported option is not converted: the texts the table's rows share.

/// FTP-only options.
pub const FTP: &str = "it applies to FTP, which the generated code does not speak";
/// SMTP, IMAP and POP3 options.
pub const MAIL: &str = "it applies to SMTP, IMAP and POP3, which the generated code does not speak";
/// `--ssl`, `--ssl-reqd`.
pub const STARTTLS: &str = "it applies to upgrading FTP and mail connections to TLS";
/// TELNET and TFTP options.
pub const TELNET_TFTP: &str = "it applies to TELNET and TFTP";
/// SCP and SFTP options.
pub const SSH: &str = "it applies to SCP and SFTP";
/// Name resolution overrides.
pub const RESOLVE: &str =
    "the generated code resolves host names the usual way and connects to the URL's host";
/// Proxies other than `-x` and `--socks*`.
pub const PROXY_KIND: &str = "the generated code only uses the proxy given with -x/--socks*";
/// Proxy TLS and proxy authentication.
pub const PROXY_TLS: &str =
    "the generated code uses the proxy with default TLS and Basic authentication";
/// Negotiate, Kerberos, winbind NTLM.
pub const AUTH_METHOD: &str = "this authentication method is not converted";
/// `--tr-encoding`.
pub const TE: &str = "the generated code sends no TE header";
/// Forced protocol versions.
pub const HTTP_VERSION: &str = "the generated code lets the HTTP library pick the protocol version";
/// `--post30x`, `--follow`.
pub const REDIRECT_METHOD: &str = "redirects follow the HTTP library's method rules";
/// `--alt-svc`, `--hsts`.
pub const CACHE_FILE: &str =
    "the generated code does not read curl's cache file, which can change where it connects";
/// The HAProxy PROXY protocol.
pub const HAPROXY: &str = "the generated code sends no PROXY protocol header";
/// `-j`.
pub const JUNK_COOKIES: &str = "session cookies from the cookie file are kept";
/// `--skip-existing`.
pub const SKIP_EXISTING: &str =
    "the generated code sends the request even when the output file exists";
/// `--ipfs-gateway`.
pub const IPFS: &str = "ipfs:// URLs are not converted";
/// `--pinnedpubkey`.
pub const PIN: &str = "the generated code does not pin the server's public key";
/// Other CA stores.
pub const CA_BUNDLE: &str =
    "the generated code trusts the default CA bundle (and --cacert), not this one";
/// TLS tuning that can change the connection.
pub const TLS_DEFAULTS: &str =
    "the generated code uses the TLS library's defaults, so the connection may differ from curl's";
/// `--help`, `--version`, `--manual`, `--dump-ca-embed` (the parser refuses them).
pub const PRINTS: &str = "curl prints something and exits instead of sending a request";
/// `--out-null` (curl 8.16): the body would be printed where curl prints nothing.
pub const OUT_NULL: &str = "the program would print the body; write -o /dev/null to discard it";
/// `--aws-sigv4` in every target.
pub const AWS: &str = "AWS request signing is not converted; sign with the AWS SDK";
/// `--ntlm` in every target.
pub const NTLM: &str = "NTLM authentication is not converted";
