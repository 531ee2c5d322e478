//! The option table against the generators: each row's status in each language is what a
//! conversion with that option does, in both modes. Applied: converts with no warning that it
//! was dropped. No effect: the program is the one without the option, with no new warning.
//! Refused: a warning, with the row's own reason where the parser gives it.

use curl2code::codegen::Target;
use curl2code::curl::opts::{OPTIONS, OptSpec, Status, Support};
use curl2code::{Options, convert};

const TARGETS: [(Target, &str); 6] = [
    (Target::Python, "python"),
    (Target::JavaScript, "javascript"),
    (Target::JavaScriptAxios, "javascript-axios"),
    (Target::TypeScript, "typescript"),
    (Target::Rust, "rust"),
    (Target::RustBlocking, "rust-blocking"),
];

/// Words in a warning that says an option (or what it asked for) is not carried out.
const DROPPED: [&str; 5] = [
    "not converted",
    "has no",
    "is ignored",
    "goes direct",
    "without credentials",
];

/// A value the option accepts, and the other options it needs to take effect.
fn sample(o: &OptSpec) -> (&'static str, &'static [&'static str]) {
    match o.long {
        "connect-timeout" | "max-time" | "max-redirs" | "retry" | "retry-delay"
        | "retry-max-time" | "continue-at" | "keepalive-time" | "keepalive-cnt" => ("1", &[]),
        "form" | "form-string" => ("a=1", &[]),
        "header" => ("X-A: 1", &[]),
        "proto-default" => ("https", &[]),
        "request" => ("PUT", &[]),
        "range" => ("0-1", &[]),
        "time-cond" => ("20231120", &[]),
        "cert-type" => ("PEM", &[]),
        "tls-max" => ("1.2", &[]),
        "url" => ("https://h.example/u", &[]),
        "key" => ("k.pem", &["--cert", "c.pem"]),
        "user" => ("a:b", &[]),
        "proxy-user" | "noproxy" => ("a:b", &["-x", "127.0.0.1:9"]),
        "proxy-header" => ("X-P: 1", &["-x", "127.0.0.1:9"]),
        "proxytunnel" | "proxy-digest" | "proxy-basic" | "proxy-anyauth" => {
            ("", &["-x", "127.0.0.1:9", "-U", "a:b"])
        }
        "proxy-insecure" | "proxy-cacert" => ("ca.pem", &["-x", "https://127.0.0.1:9"]),
        "aws-sigv4" => ("aws:amz:us-east-1:s3", &["-u", "a:b"]),
        "proxy" | "socks4" | "socks4a" | "socks5" | "socks5-hostname" => ("127.0.0.1:9", &[]),
        "digest" | "ntlm" | "basic" => ("", &["-u", "a:b"]),
        // Connection options (issue 13).
        "resolve" => ("h.example:443:127.0.0.1", &[]),
        "connect-to" => ("h.example:443:127.0.0.1:8443", &[]),
        "interface" => ("127.0.0.1", &[]),
        "local-port" => ("40000-40100", &[]),
        "unix-socket" | "abstract-unix-socket" => ("s.sock", &[]),
        "request-target" => ("*", &["-X", "OPTIONS"]),
        "post301" | "post302" | "post303" => ("", &["-L", "-d", "a=1"]),
        // Response options (issue 13).
        "max-filesize" => ("1M", &[]),
        _ => ("x=1", &[]),
    }
}

/// `curl … --OPTION [VALUE] URL` and the same command without the option.
fn commands(o: &OptSpec) -> (String, String) {
    let (value, extra) = sample(o);
    let extra = extra.join(" ");
    // --haproxy-protocol and the Unix sockets: the Python output does them on plain-http URLs
    // only (urllib3 has no public hook between connecting and TLS); it warns for https URLs.
    // (A Unix socket is nearly always used with http://, e.g. Docker's API.)
    let url = if matches!(
        o.long,
        "haproxy-protocol" | "unix-socket" | "abstract-unix-socket"
        // An https proxy's own TLS is what they set: reqwest (one TLS setting for both) and
        // urllib3 (one certificate check for a tunnel's two hops) refuse them for https URLs.
        | "proxy-insecure" | "proxy-cacert"
    ) {
        "http://h.example/f.txt"
    } else {
        "https://h.example/f.txt"
    };
    let opt = if o.takes_value() {
        format!("--{} '{value}'", o.long)
    } else {
        format!("--{}", o.long)
    };
    // `--next` starts a new section, which needs its own URL.
    let tail = if o.long == "next" {
        format!(" {url}")
    } else {
        String::new()
    };
    (
        format!("curl {extra} {url} {opt}{tail}"),
        format!("curl {extra} {url}"),
    )
}

#[test]
fn every_row_status_matches_what_each_generator_does() {
    let mut checked = 0;
    for o in OPTIONS {
        // The parser consumes these (tested with the parser) or refuses them outright.
        if matches!(o.support, Support::Parser)
            || matches!(o.long, "help" | "version" | "manual" | "dump-ca-embed")
        {
            continue;
        }
        let (with, without) = commands(o);
        for exact in [false, true] {
            let options = Options {
                exact,
                ..Options::default()
            };
            for (target, name) in TARGETS {
                // A flavour without an --exact mode: the pair is a usage error.
                if curl2code::usage_problem(target, &options).is_some() {
                    continue;
                }
                let base = convert(&without, target, &options).expect("the plain command");
                let conv = convert(&with, target, &options)
                    .unwrap_or_else(|e| panic!("--{} ({name}): {e}", o.long));
                let new: Vec<&str> = conv
                    .warnings
                    .iter()
                    .map(|w| w.message.as_str())
                    .filter(|m| !base.warnings.iter().any(|b| b.message == *m))
                    .collect();
                let dropped = new.iter().any(|m| DROPPED.iter().any(|d| m.contains(d)));
                let at = format!("--{} in {name} (exact: {exact}): {new:?}", o.long);
                match o.status(name) {
                    Status::Applied => assert!(!dropped, "applied, yet dropped: {at}"),
                    Status::NoEffect => {
                        assert!(new.is_empty(), "no effect, yet warns: {at}");
                        assert_eq!(conv.code, base.code, "no effect, yet changes: {at}");
                    }
                    Status::Refused(why) => match o.support {
                        Support::Unsupported(_) => {
                            assert!(new.iter().any(|m| m.contains(why)), "reason: {at}");
                        }
                        // A target's limit: the generator words the warning itself.
                        _ => assert!(dropped, "refused, yet no warning: {at}"),
                    },
                }
                checked += 1;
            }
        }
    }
    assert!(checked > 1800, "{checked}");
}
