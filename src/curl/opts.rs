//! curl's options as data: one row per long option with its short form, whether it takes a value, and its support class.
//!
//! The rows mirror the option table of curl 8.x (`src/tool_getparam.c`), which is a superset of
//! curl 7.x's. How each option is classed:
//! - [`Support::Applied`]: changes the request and the later stages carry it into the code
//!   (the names are listed in [`APPLIED`] so the lowering can match on them), or the parser
//!   itself consumes it ([`PARSER_HANDLED`]: `-K` files are inlined, `--variable`s expanded).
//! - [`Support::NoEffect`]: does not change the request that is sent: output and progress
//!   (`-s`, `-v`, `-i`, `-D`, `-w`, `--no-clobber`, `-J`), transport tuning that keeps the same
//!   request (`--http2`, `--tcp-nodelay`, `--tlsv1.2`, which modern libraries satisfy anyway),
//!   and options curl 8 itself ignores (`--metalink`, `--npn`, `--sslv3`).
//! - [`Support::Unsupported`]: would change the bytes sent, where they go, who is trusted or
//!   whether the request is sent at all, and is not converted: FTP/mail/SSH options, name
//!   resolution overrides, proxy TLS, Negotiate/Kerberos, `--time-cond`, `--resolve`, ….
//!   `--help`, `--version`, `--manual` and `--dump-ca-embed` are in this class too; the parser
//!   refuses them because curl prints instead of sending anything.

use serde::Serialize;

/// What curl2code does with an option.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Support {
    /// Changes the request and is carried into the generated code.
    Applied,
    /// Does not change what goes on the wire (`-s`, `-v`, `--progress-bar`): accepted silently.
    NoEffect,
    /// Would change the request but is not converted: a warning, the conversion goes on.
    Unsupported,
}

/// One row of curl's option table.
#[derive(Debug, PartialEq, Eq, Serialize)]
pub struct OptSpec {
    /// The long name without dashes, e.g. `data-binary`.
    pub long: &'static str,
    /// The short letter, e.g. `d`.
    pub short: Option<char>,
    /// True when the option takes a value.
    pub takes_value: bool,
    /// True for boolean options that accept a `--no-` prefix.
    pub negatable: bool,
    /// What curl2code does with it.
    pub support: Support,
    /// A boolean curl documents by its `--no-` form (`--no-buffer`, `--no-keepalive`): its short
    /// letter, if any, means the `--no-` form (`-N` is `--no-buffer`).
    pub inverted: bool,
}

impl OptSpec {
    /// The option as a user would write it: `--data`, or `--no-buffer` when `negated`.
    pub fn display(&self, negated: bool) -> String {
        if negated {
            format!("--no-{}", self.long)
        } else {
            format!("--{}", self.long)
        }
    }

    /// The name curl's manual lists it under: `--no-buffer` for an inverted boolean.
    pub fn documented(&self) -> String {
        self.display(self.inverted)
    }
}

/// Converts the table's `' '` (curl's own marker for "no short letter") into an `Option`.
const fn letter(short: char) -> Option<char> {
    if short == ' ' { None } else { Some(short) }
}

/// An option that takes a value (curl's `ARG_STRG` / `ARG_FILE`).
const fn value(long: &'static str, short: char, support: Support) -> OptSpec {
    OptSpec {
        long,
        short: letter(short),
        takes_value: true,
        negatable: false,
        support,
        inverted: false,
    }
}

/// A boolean that also accepts `--no-NAME` (curl's `ARG_BOOL`).
const fn flag(long: &'static str, short: char, support: Support) -> OptSpec {
    OptSpec {
        long,
        short: letter(short),
        takes_value: false,
        negatable: true,
        support,
        inverted: false,
    }
}

/// A switch without a `--no-` form (curl's `ARG_NONE`).
const fn plain(long: &'static str, short: char, support: Support) -> OptSpec {
    OptSpec {
        long,
        short: letter(short),
        takes_value: false,
        negatable: false,
        support,
        inverted: false,
    }
}

/// A boolean documented as `--no-NAME` (curl's `ARG_BOOL|ARG_NO`).
const fn no_flag(long: &'static str, short: char, support: Support) -> OptSpec {
    OptSpec {
        long,
        short: letter(short),
        takes_value: false,
        negatable: true,
        support,
        inverted: true,
    }
}

use Support::{Applied as A, NoEffect as N, Unsupported as U};

/// Every long option of curl 8, sorted by long name (byte order, like curl's own table).
///
/// `anyauth` and `ftp-pasv` accept `--no-` as they did in curl 7 (curl 8 made them plain
/// switches); debug-build-only options (`--test-event`) are left out.
#[rustfmt::skip]
pub static OPTIONS: &[OptSpec] = &[
    value("abstract-unix-socket", ' ', U),
    no_flag("alpn", ' ', N),
    value("alt-svc", ' ', U),
    flag("anyauth", ' ', A),
    flag("append", 'a', U),
    value("aws-sigv4", ' ', A),
    flag("basic", ' ', A),
    no_flag("buffer", 'N', N),
    flag("ca-native", ' ', U),
    value("cacert", ' ', A),
    value("capath", ' ', U),
    value("cert", 'E', A),
    flag("cert-status", ' ', U),
    value("cert-type", ' ', A),
    value("ciphers", ' ', U),
    no_flag("clobber", ' ', N),
    flag("compressed", ' ', A),
    flag("compressed-ssh", ' ', U),
    value("config", 'K', A),
    value("connect-timeout", ' ', A),
    value("connect-to", ' ', U),
    value("continue-at", 'C', A),
    value("cookie", 'b', A),
    value("cookie-jar", 'c', A),
    flag("create-dirs", ' ', A),
    value("create-file-mode", ' ', N),
    flag("crlf", ' ', U),
    value("crlfile", ' ', U),
    value("curves", ' ', U),
    value("data", 'd', A),
    value("data-ascii", ' ', A),
    value("data-binary", ' ', A),
    value("data-raw", ' ', A),
    value("data-urlencode", ' ', A),
    value("delegation", ' ', U),
    flag("digest", ' ', A),
    flag("disable", 'q', N),
    flag("disable-eprt", ' ', U),
    flag("disable-epsv", ' ', U),
    flag("disallow-username-in-url", ' ', A),
    value("dns-interface", ' ', U),
    value("dns-ipv4-addr", ' ', U),
    value("dns-ipv6-addr", ' ', U),
    value("dns-servers", ' ', U),
    flag("doh-cert-status", ' ', N),
    flag("doh-insecure", ' ', N),
    value("doh-url", ' ', U),
    plain("dump-ca-embed", ' ', U),
    value("dump-header", 'D', N),
    value("ech", ' ', U),
    value("egd-file", ' ', N),
    value("engine", ' ', U),
    flag("eprt", ' ', U),
    flag("epsv", ' ', U),
    value("etag-compare", ' ', U),
    value("etag-save", ' ', N),
    value("expect100-timeout", ' ', N),
    flag("fail", 'f', A),
    flag("fail-early", ' ', N),
    flag("fail-with-body", ' ', A),
    flag("false-start", ' ', N),
    flag("follow", ' ', U),
    value("form", 'F', A),
    flag("form-escape", ' ', A),
    value("form-string", ' ', A),
    value("ftp-account", ' ', U),
    value("ftp-alternative-to-user", ' ', U),
    flag("ftp-create-dirs", ' ', U),
    value("ftp-method", ' ', U),
    flag("ftp-pasv", ' ', U),
    value("ftp-port", 'P', U),
    flag("ftp-pret", ' ', U),
    flag("ftp-skip-pasv-ip", ' ', U),
    flag("ftp-ssl", ' ', U),
    flag("ftp-ssl-ccc", ' ', U),
    value("ftp-ssl-ccc-mode", ' ', U),
    flag("ftp-ssl-control", ' ', U),
    flag("ftp-ssl-reqd", ' ', U),
    flag("get", 'G', A),
    flag("globoff", 'g', A),
    value("happy-eyeballs-timeout-ms", ' ', N),
    value("haproxy-clientip", ' ', U),
    flag("haproxy-protocol", ' ', U),
    flag("head", 'I', A),
    value("header", 'H', A),
    flag("help", 'h', U),
    value("hostpubmd5", ' ', U),
    value("hostpubsha256", ' ', U),
    value("hsts", ' ', U),
    flag("http0.9", ' ', N),
    plain("http1.0", '0', U),
    plain("http1.1", ' ', A),
    plain("http2", ' ', N),
    plain("http2-prior-knowledge", ' ', U),
    plain("http3", ' ', N),
    plain("http3-only", ' ', U),
    flag("ignore-content-length", ' ', N),
    flag("include", ' ', N),
    flag("insecure", 'k', A),
    value("interface", ' ', U),
    value("ip-tos", ' ', N),
    value("ipfs-gateway", ' ', U),
    plain("ipv4", '4', N),
    plain("ipv6", '6', N),
    value("json", ' ', A),
    flag("junk-session-cookies", 'j', U),
    no_flag("keepalive", ' ', N),
    value("keepalive-cnt", ' ', N),
    value("keepalive-time", ' ', N),
    value("key", ' ', A),
    value("key-type", ' ', U),
    value("knownhosts", ' ', U),
    value("krb", ' ', U),
    value("krb4", ' ', U),
    value("libcurl", ' ', N),
    value("limit-rate", ' ', N),
    flag("list-only", 'l', U),
    value("local-port", ' ', U),
    flag("location", 'L', A),
    flag("location-trusted", ' ', A),
    value("login-options", ' ', U),
    value("mail-auth", ' ', U),
    value("mail-from", ' ', U),
    value("mail-rcpt", ' ', U),
    flag("mail-rcpt-allowfails", ' ', U),
    flag("manual", 'M', U),
    value("max-filesize", ' ', N),
    value("max-redirs", ' ', A),
    value("max-time", 'm', A),
    flag("metalink", ' ', N),
    flag("mptcp", ' ', N),
    flag("negotiate", ' ', U),
    flag("netrc", 'n', U),
    value("netrc-file", ' ', U),
    flag("netrc-optional", ' ', U),
    plain("next", ':', A),
    value("noproxy", ' ', A),
    no_flag("npn", ' ', N),
    flag("ntlm", ' ', A),
    flag("ntlm-wb", ' ', U),
    value("oauth2-bearer", ' ', A),
    flag("out-null", ' ', N),
    value("output", 'o', A),
    value("output-dir", ' ', A),
    flag("parallel", 'Z', N),
    flag("parallel-immediate", ' ', N),
    value("parallel-max", ' ', N),
    value("parallel-max-host", ' ', N),
    value("pass", ' ', U),
    flag("path-as-is", ' ', A),
    value("pinnedpubkey", ' ', U),
    flag("post301", ' ', U),
    flag("post302", ' ', U),
    flag("post303", ' ', U),
    value("preproxy", ' ', U),
    flag("progress-bar", '#', N),
    no_flag("progress-meter", ' ', N),
    value("proto", ' ', N),
    value("proto-default", ' ', A),
    value("proto-redir", ' ', N),
    value("proxy", 'x', A),
    flag("proxy-anyauth", ' ', U),
    flag("proxy-basic", ' ', N),
    flag("proxy-ca-native", ' ', U),
    value("proxy-cacert", ' ', U),
    value("proxy-capath", ' ', U),
    value("proxy-cert", ' ', U),
    value("proxy-cert-type", ' ', U),
    value("proxy-ciphers", ' ', U),
    value("proxy-crlfile", ' ', U),
    flag("proxy-digest", ' ', U),
    value("proxy-header", ' ', U),
    flag("proxy-http2", ' ', N),
    flag("proxy-insecure", ' ', U),
    value("proxy-key", ' ', U),
    value("proxy-key-type", ' ', U),
    flag("proxy-negotiate", ' ', U),
    flag("proxy-ntlm", ' ', U),
    value("proxy-pass", ' ', U),
    value("proxy-pinnedpubkey", ' ', U),
    value("proxy-service-name", ' ', U),
    flag("proxy-ssl-allow-beast", ' ', N),
    flag("proxy-ssl-auto-client-cert", ' ', U),
    value("proxy-tls13-ciphers", ' ', U),
    value("proxy-tlsauthtype", ' ', U),
    value("proxy-tlspassword", ' ', U),
    value("proxy-tlsuser", ' ', U),
    plain("proxy-tlsv1", ' ', N),
    value("proxy-user", 'U', A),
    value("proxy1.0", ' ', U),
    flag("proxytunnel", 'p', U),
    value("pubkey", ' ', U),
    value("quote", 'Q', U),
    value("random-file", ' ', N),
    value("range", 'r', A),
    value("rate", ' ', N),
    flag("raw", ' ', N),
    value("referer", 'e', A),
    flag("remote-header-name", 'J', N),
    flag("remote-name", 'O', A),
    flag("remote-name-all", ' ', A),
    flag("remote-time", 'R', N),
    flag("remove-on-error", ' ', N),
    value("request", 'X', A),
    value("request-target", ' ', U),
    value("resolve", ' ', U),
    value("retry", ' ', A),
    flag("retry-all-errors", ' ', A),
    flag("retry-connrefused", ' ', A),
    value("retry-delay", ' ', A),
    value("retry-max-time", ' ', A),
    value("sasl-authzid", ' ', U),
    flag("sasl-ir", ' ', U),
    value("service-name", ' ', U),
    no_flag("sessionid", ' ', N),
    flag("show-error", 'S', N),
    flag("show-headers", 'i', N),
    value("sigalgs", ' ', U),
    flag("silent", 's', N),
    flag("skip-existing", ' ', U),
    value("socks4", ' ', A),
    value("socks4a", ' ', A),
    value("socks5", ' ', A),
    flag("socks5-basic", ' ', N),
    flag("socks5-gssapi", ' ', U),
    flag("socks5-gssapi-nec", ' ', U),
    value("socks5-gssapi-service", ' ', U),
    value("socks5-hostname", ' ', A),
    value("speed-limit", 'Y', N),
    value("speed-time", 'y', N),
    flag("ssl", ' ', U),
    flag("ssl-allow-beast", ' ', N),
    flag("ssl-auto-client-cert", ' ', U),
    flag("ssl-no-revoke", ' ', N),
    flag("ssl-reqd", ' ', U),
    flag("ssl-revoke-best-effort", ' ', N),
    value("ssl-sessions", ' ', N),
    plain("sslv2", '2', N),
    plain("sslv3", '3', N),
    value("stderr", ' ', N),
    flag("styled-output", ' ', N),
    flag("suppress-connect-headers", ' ', N),
    flag("tcp-fastopen", ' ', N),
    flag("tcp-nodelay", ' ', N),
    value("telnet-option", 't', U),
    value("tftp-blksize", ' ', U),
    flag("tftp-no-options", ' ', U),
    value("time-cond", 'z', A),
    flag("tls-earlydata", ' ', N),
    value("tls-max", ' ', U),
    value("tls13-ciphers", ' ', U),
    value("tlsauthtype", ' ', U),
    value("tlspassword", ' ', U),
    value("tlsuser", ' ', U),
    plain("tlsv1", '1', N),
    plain("tlsv1.0", ' ', N),
    plain("tlsv1.1", ' ', N),
    plain("tlsv1.2", ' ', N),
    plain("tlsv1.3", ' ', U),
    flag("tr-encoding", ' ', U),
    value("trace", ' ', N),
    value("trace-ascii", ' ', N),
    value("trace-config", ' ', N),
    flag("trace-ids", ' ', N),
    flag("trace-time", ' ', N),
    value("unix-socket", ' ', U),
    value("upload-file", 'T', A),
    value("upload-flags", ' ', U),
    value("url", ' ', A),
    value("url-query", ' ', A),
    flag("use-ascii", 'B', U),
    value("user", 'u', A),
    value("user-agent", 'A', A),
    value("variable", ' ', A),
    flag("verbose", 'v', N),
    flag("version", 'V', U),
    value("vlan-priority", ' ', N),
    value("write-out", 'w', N),
    flag("xattr", ' ', N),
];

/// Long names of the [`Support::Applied`] options the lowering handles; it matches on these.
pub const APPLIED: &[&str] = &[
    "anyauth",
    "aws-sigv4",
    "basic",
    "cacert",
    "cert",
    "cert-type",
    "compressed",
    "connect-timeout",
    "continue-at",
    "cookie",
    "cookie-jar",
    "create-dirs",
    "data",
    "data-ascii",
    "data-binary",
    "data-raw",
    "data-urlencode",
    "digest",
    "disallow-username-in-url",
    "fail",
    "fail-with-body",
    "form",
    "form-escape",
    "form-string",
    "get",
    "globoff",
    "head",
    "header",
    "http1.1",
    "insecure",
    "json",
    "key",
    "location",
    "location-trusted",
    "max-redirs",
    "max-time",
    "next",
    "noproxy",
    "ntlm",
    "oauth2-bearer",
    "output",
    "output-dir",
    "path-as-is",
    "proto-default",
    "proxy",
    "proxy-user",
    "range",
    "referer",
    "remote-name",
    "remote-name-all",
    "request",
    "retry",
    "retry-all-errors",
    "retry-connrefused",
    "retry-delay",
    "retry-max-time",
    "socks4",
    "socks4a",
    "socks5",
    "socks5-hostname",
    "time-cond",
    "upload-file",
    "url",
    "url-query",
    "user",
    "user-agent",
];

/// [`Support::Applied`] options the argv parser consumes itself, so they never reach the
/// lowering: `config` (the file's options are inlined) and `variable` (expanded into
/// `--expand-*` values).
pub const PARSER_HANDLED: &[&str] = &["config", "variable"];

/// Looks an option up by its exact long name.
pub fn by_long(name: &str) -> Option<&'static OptSpec> {
    OPTIONS
        .binary_search_by(|o| o.long.cmp(name))
        .ok()
        .and_then(|i| OPTIONS.get(i))
}

/// Looks an option up by its short letter (`d` → `data`).
pub fn by_short(letter: char) -> Option<&'static OptSpec> {
    OPTIONS.iter().find(|o| o.short == Some(letter))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn table_is_sorted_without_duplicate_long_names() {
        for pair in OPTIONS.windows(2) {
            assert!(
                pair[0].long < pair[1].long,
                "{} before {}",
                pair[0].long,
                pair[1].long
            );
        }
    }

    #[test]
    fn short_letters_are_unique_and_ascii() {
        let mut seen = HashSet::new();
        for o in OPTIONS {
            if let Some(c) = o.short {
                assert!(c.is_ascii_graphic(), "{}", o.long);
                assert!(seen.insert(c), "-{c} is used twice");
            }
        }
    }

    #[test]
    fn applied_options_are_exactly_the_lists() {
        for o in OPTIONS.iter().filter(|o| o.support == Support::Applied) {
            assert!(
                APPLIED.contains(&o.long) || PARSER_HANDLED.contains(&o.long),
                "{} is Applied but in no list",
                o.long
            );
        }
        for name in APPLIED.iter().chain(PARSER_HANDLED) {
            let o = by_long(name).unwrap_or_else(|| panic!("{name} is not in the table"));
            assert_eq!(o.support, Support::Applied, "{name}");
        }
        let unique: HashSet<_> = APPLIED.iter().collect();
        assert_eq!(unique.len(), APPLIED.len());
    }

    #[test]
    fn value_options_are_never_negatable() {
        for o in OPTIONS {
            assert!(!(o.takes_value && o.negatable), "{}", o.long);
            assert!(!o.inverted || o.negatable, "{}", o.long);
            assert!(
                !o.long.starts_with("no-"),
                "{} must be stored without no-",
                o.long
            );
        }
    }

    #[test]
    fn lookups_find_common_options() {
        assert_eq!(by_long("data").map(|o| o.short), Some(Some('d')));
        assert_eq!(by_short('X').map(|o| o.long), Some("request"));
        assert_eq!(
            by_short('N').map(|o| o.documented()),
            Some("--no-buffer".to_string())
        );
        assert!(by_long("nope").is_none());
        assert!(by_long("http1.1").is_some_and(|o| !o.negatable && !o.takes_value));
        assert!(OPTIONS.len() > 250);
    }
}

/// Why an [`Support::Unsupported`] option is not converted, for its warning and `--list-options`.
pub fn refusal_reason(name: &str) -> &'static str {
    match name {
        _ if name.starts_with("ftp-")
            || matches!(
                name,
                "append"
                    | "crlf"
                    | "disable-eprt"
                    | "disable-epsv"
                    | "eprt"
                    | "epsv"
                    | "list-only"
                    | "quote"
                    | "use-ascii"
            ) =>
        {
            "it applies to FTP, which the generated code does not speak"
        }
        _ if name.starts_with("mail-")
            || name.starts_with("sasl-")
            || name == "login-options"
            || name == "upload-flags" =>
        {
            "it applies to SMTP, IMAP and POP3, which the generated code does not speak"
        }
        "ssl" | "ssl-reqd" => "it applies to upgrading FTP and mail connections to TLS",
        "telnet-option" | "tftp-blksize" | "tftp-no-options" => "it applies to TELNET and TFTP",
        "hostpubmd5" | "hostpubsha256" | "pubkey" | "compressed-ssh" | "knownhosts" => {
            "it applies to SCP and SFTP"
        }
        "resolve" | "connect-to" | "dns-interface" | "dns-ipv4-addr" | "dns-ipv6-addr"
        | "dns-servers" | "doh-url" => {
            "the generated code resolves host names the usual way and connects to the URL's host"
        }
        "interface" | "local-port" => {
            "the generated code lets the system pick the local address and port"
        }
        "unix-socket" | "abstract-unix-socket" => {
            "the generated code connects over TCP, not a Unix socket"
        }
        "preproxy"
        | "proxy1.0"
        | "proxytunnel"
        | "proxy-header"
        | "socks5-gssapi"
        | "socks5-gssapi-nec"
        | "socks5-gssapi-service" => {
            "the generated code only uses the proxy given with -x/--socks*"
        }
        _ if name.starts_with("proxy-") => {
            "the generated code uses the proxy with default TLS and Basic authentication"
        }
        "negotiate" | "krb" | "krb4" | "delegation" | "service-name" | "ntlm-wb" => {
            "this authentication method is not converted"
        }
        "netrc" | "netrc-file" | "netrc-optional" => {
            "the generated code takes no credentials from .netrc"
        }
        "etag-compare" => "the generated code sends no If-None-Match header",
        "tr-encoding" => "the generated code sends no TE header",
        "request-target" => "the generated code sends the URL's own path as the request target",
        "http1.0" | "http2-prior-knowledge" | "http3-only" => {
            "the generated code lets the HTTP library pick the protocol version"
        }
        "post301" | "post302" | "post303" | "follow" => {
            "redirects follow the HTTP library's method rules"
        }
        "alt-svc" | "hsts" => {
            "the generated code does not read curl's cache file, which can change where it connects"
        }
        "haproxy-protocol" | "haproxy-clientip" => {
            "the generated code sends no PROXY protocol header"
        }
        "junk-session-cookies" => "session cookies from the cookie file are kept",
        "skip-existing" => "the generated code sends the request even when the output file exists",
        "ipfs-gateway" => "ipfs:// URLs are not converted",
        "pinnedpubkey" => "the generated code does not pin the server's public key",
        "capath" | "crlfile" | "ca-native" => {
            "the generated code trusts the default CA bundle (and --cacert), not this one"
        }
        _ => {
            "the generated code uses the TLS library's defaults, so the connection may differ from curl's"
        }
    }
}

/// What curl2code does with one option in one target language.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    /// The program sends what curl sends.
    Applied,
    /// Does not change the request: accepted silently.
    NoEffect,
    /// Not converted (a warning at conversion time), with the reason.
    Refused(&'static str),
}

/// Applied options that one target's library cannot carry out: (option, target, reason). The
/// lowering accepts them; the generator warns.
const TARGET_LIMITS: &[(&str, &str, &str)] = &[
    (
        "aws-sigv4",
        "*",
        "AWS request signing is not converted; sign with the AWS SDK",
    ),
    ("ntlm", "*", "NTLM authentication is not converted"),
    ("digest", "javascript", "fetch has no Digest authentication"),
    ("digest", "rust", "reqwest has no Digest authentication"),
    ("socks4", "javascript", "fetch has no SOCKS proxy support"),
    ("socks4a", "javascript", "fetch has no SOCKS proxy support"),
    ("socks5", "javascript", "fetch has no SOCKS proxy support"),
    (
        "socks5-hostname",
        "javascript",
        "fetch has no SOCKS proxy support",
    ),
];

/// The status of `spec` for the target named `target` (`python`, `javascript`, `rust`).
pub fn status(spec: &OptSpec, target: &str) -> Status {
    match spec.support {
        Support::NoEffect => Status::NoEffect,
        Support::Unsupported => Status::Refused(refusal_reason(spec.long)),
        Support::Applied => TARGET_LIMITS
            .iter()
            .find(|(o, t, _)| *o == spec.long && (*t == "*" || *t == target))
            .map_or(Status::Applied, |(_, _, why)| Status::Refused(why)),
    }
}
