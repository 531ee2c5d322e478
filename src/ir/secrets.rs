//! `--env-secrets`: the credentials a pasted command carries (Authorization values, `-u`
//! passwords, bearer tokens, cookies, secret-looking headers, query parameters and form fields)
//! become environment variable reads, so the program can be committed without them.
//!
//! Each secret's variable holds exactly the bytes the command had, so a program run with the
//! variables set sends what curl sends. Values that already read a variable are left alone.

use super::{Auth, Body, Request, Segment};
use crate::value::{Piece, Value};

/// One credential moved out of the program.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Secret {
    /// The environment variable the program reads (`API_TOKEN`).
    pub var: String,
    /// What it was, for messages (`the Authorization header`).
    pub what: String,
    /// The original bytes: what the variable must hold for the program to send curl's request.
    /// Never printed.
    pub value: Vec<u8>,
}

/// Name parts that make a header, query parameter or form field a secret.
const SECRET_WORDS: [&str; 12] = [
    "token",
    "key",
    "secret",
    "password",
    "passwd",
    "auth",
    "session",
    "sig",
    "signature",
    "credential",
    "apikey",
    "jwt",
];

/// Names that contain a secret word but carry none: an idempotency key is a request id, meant
/// to be sent again; `Keep-Alive` and `keyword` are not keys.
const NOT_SECRET: [&str; 4] = ["idempotency", "keep-alive", "keyword", "author"];

/// True for a name that looks like it carries a secret (`api_key`, `X-Auth-Token`, `sessionid`).
pub fn secret_name(name: &str) -> bool {
    secret_bytes(name.as_bytes())
}

/// [`secret_name`] on bytes (query and form names need not be UTF-8).
fn secret_bytes(name: &[u8]) -> bool {
    has_word(name, &SECRET_WORDS) && !has_word(name, &NOT_SECRET)
}

/// True when one of the lower-case `words` occurs in `name`, in any case. It runs for every
/// header, query parameter and form field of every conversion, so it neither allocates nor
/// compares more than a first letter at most places.
fn has_word(name: &[u8], words: &[&str]) -> bool {
    words.iter().any(|w| {
        let w = w.as_bytes();
        name.windows(w.len())
            .any(|at| at[0].to_ascii_lowercase() == w[0] && at.eq_ignore_ascii_case(w))
    })
}

/// `X-Api-Key` → `X_API_KEY`: an environment variable name.
fn var_name(name: &str) -> String {
    let mut out: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_uppercase()
            } else {
                '_'
            }
        })
        .collect();
    if out.is_empty() || out.starts_with(|c: char| c.is_ascii_digit()) {
        out.insert_str(0, "SECRET_");
    }
    out
}

/// Collects secrets and hands out variable names, one per distinct value.
#[derive(Default)]
struct Vault {
    secrets: Vec<Secret>,
    /// Only find the secrets; leave the requests as they are ([`find`]).
    dry: bool,
}

impl Vault {
    /// The variable for `value` (reused when the same value was seen under the same base name).
    fn var(&mut self, base: &str, what: &str, value: &[u8]) -> String {
        let base = var_name(base);
        if let Some(s) = self
            .secrets
            .iter()
            .find(|s| s.value == value && (s.var == base || s.var.starts_with(&format!("{base}_"))))
        {
            return s.var.clone();
        }
        let mut var = base.clone();
        let mut n = 2;
        while self.secrets.iter().any(|s| s.var == var) {
            var = format!("{base}_{n}");
            n += 1;
        }
        self.secrets.push(Secret {
            var: var.clone(),
            what: what.to_string(),
            value: value.to_vec(),
        });
        var
    }

    /// `value` as a variable read, when it is a non-empty literal.
    fn replace(&mut self, v: &mut Value, base: &str, what: &str) {
        if let Some(b) = v.literal().filter(|b| !b.is_empty()) {
            let var = self.var(base, what, &b);
            if !self.dry {
                *v = Value::env(var);
            }
        }
    }
}

/// Moves every credential of `requests` into environment variables; returns them in the order
/// found.
pub fn move_to_env(requests: &mut [Request]) -> Vec<Secret> {
    walk(requests, Vault::default())
}

/// The credentials [`move_to_env`] would move, without moving them (and without copying the
/// requests: this runs on every conversion, for the warning).
pub fn find(requests: &mut [Request]) -> Vec<Secret> {
    walk(
        requests,
        Vault {
            dry: true,
            ..Vault::default()
        },
    )
}

fn walk(requests: &mut [Request], mut vault: Vault) -> Vec<Secret> {
    for r in requests.iter_mut() {
        for h in &mut r.headers {
            let (name, value) = (h.name.as_str(), &mut h.value);
            if h.name.is("authorization") || h.name.is("proxy-authorization") {
                let base = if h.name.is("authorization") {
                    ""
                } else {
                    "PROXY_"
                };
                scheme_value(&mut vault, value, base, name);
            } else if h.name.is("cookie") {
                vault.replace(value, "COOKIE", "the Cookie header");
            } else if secret_name(name) {
                vault.replace(value, name, &format!("the {name} header"));
            }
        }
        match &mut r.auth {
            Some(Auth::Bearer { token }) => vault.replace(token, "API_TOKEN", "the bearer token"),
            Some(
                Auth::Basic { user, password }
                | Auth::Digest { user, password }
                | Auth::Ntlm { user, password },
            ) => {
                // `-u sk_live_…:` (a key as the user name, Stripe-style) has no password.
                if password.is_empty() {
                    vault.replace(user, "BASIC_AUTH_USER", "the -u user name");
                } else {
                    vault.replace(password, "BASIC_AUTH_PASSWORD", "the -u password");
                }
            }
            Some(Auth::AwsSigV4 { password, .. }) => {
                vault.replace(password, "AWS_SECRET_ACCESS_KEY", "the AWS secret key")
            }
            // The netrc file holds the secrets; the program only names it.
            Some(Auth::Netrc { .. }) | None => {}
        }
        if let Some(proxy) = &mut r.transfer.proxy {
            if let Some(p) = &mut proxy.password {
                vault.replace(p, "PROXY_PASSWORD", "the proxy password");
            }
        }
        if let Some(url) = pairs_to_env(&mut vault, &r.url, b'?', "query parameter") {
            r.url = url;
        }
        let form = r
            .header("content-type")
            .and_then(Value::literal)
            .is_some_and(|ct| {
                ct.to_ascii_lowercase()
                    .starts_with(b"application/x-www-form-urlencoded")
            });
        if let (true, Some(Body::Data(segments))) = (form, &mut r.body) {
            for s in segments.iter_mut() {
                if let Segment::Text(v) = s {
                    if let Some(moved) = pairs_to_env(&mut vault, v, 0, "form field") {
                        *v = moved;
                    }
                }
            }
        }
    }
    vault.secrets
}

/// `Bearer abc` → `Bearer $API_TOKEN`; `Basic …` → `Basic $BASIC_AUTH`; anything else whole.
fn scheme_value(vault: &mut Vault, v: &mut Value, prefix: &str, header: &str) {
    let Some(b) = v.literal() else {
        return;
    };
    let what = format!("the {header} header");
    let split = b.iter().position(|&c| c == b' ');
    match split.map(|i| b.split_at(i + 1)) {
        Some((scheme, rest)) if !rest.is_empty() => {
            let base = match scheme.trim_ascii().to_ascii_lowercase().as_slice() {
                b"bearer" => format!("{prefix}API_TOKEN"),
                b"basic" => format!("{prefix}BASIC_AUTH"),
                _ => format!("{prefix}AUTHORIZATION"),
            };
            let var = vault.var(&base, &what, rest);
            if !vault.dry {
                let mut out = Value::bytes(scheme);
                out.0.push(Piece::Env(var));
                *v = out;
            }
        }
        _ if !b.is_empty() => {
            let var = vault.var(&format!("{prefix}AUTHORIZATION"), &what, &b);
            if !vault.dry {
                *v = Value::env(var);
            }
        }
        _ => {}
    }
}

/// In literal `name=value&…` text (after the first `start` byte when it is not 0: the query of a
/// URL), the values of secret-looking names become variables: the new value, or None when
/// nothing moved or the vault only looks ([`find`]).
fn pairs_to_env(vault: &mut Vault, v: &Value, start: u8, what: &str) -> Option<Value> {
    let b = v.literal()?;
    let from = if start == 0 {
        0
    } else {
        b.iter().position(|&c| c == start)? + 1
    };
    // Each secret value's place in `b`, and its variable.
    let mut moved = Vec::new();
    let mut at = from;
    for seg in b[from..].split(|&c| c == b'&') {
        match seg.iter().position(|&c| c == b'=') {
            Some(eq) if eq + 1 < seg.len() && secret_bytes(&seg[..eq]) => {
                let name = String::from_utf8_lossy(&seg[..eq]);
                let var = vault.var(&name, &format!("the {what} {name}"), &seg[eq + 1..]);
                moved.push((at + eq + 1..at + seg.len(), var));
            }
            _ => {}
        }
        at += seg.len() + 1;
    }
    if moved.is_empty() || vault.dry {
        return None;
    }
    let mut out = Value::default();
    let mut done = 0;
    for (range, var) in moved {
        out.push_bytes(&b[done..range.start]);
        out.0.push(Piece::Env(var));
        done = range.end;
    }
    out.push_bytes(&b[done..]);
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pipeline::{Options, parse};

    fn moved(command: &str) -> (Vec<Request>, Vec<Secret>) {
        let mut parsed = parse(command, &Options::default()).expect("converts");
        let secrets = move_to_env(&mut parsed.requests);
        (parsed.requests, secrets)
    }

    fn vars(s: &[Secret]) -> Vec<(&str, &[u8])> {
        s.iter()
            .map(|s| (s.var.as_str(), s.value.as_slice()))
            .collect()
    }

    #[test]
    fn headers_auth_cookies_query_and_form() {
        let (r, s) = moved(
            "curl 'https://h.example/x?api_key=k1&page=2' -H 'Authorization: Bearer t0k' \
             -H 'X-Api-Key: k2' -H 'Accept: a' -b 'sid=abc' -u alice:pw -d 'user=al&password=p%40ss'",
        );
        assert_eq!(
            vars(&s),
            // Headers in curl's order (Cookie first); -u is not sent beside -H Authorization.
            vec![
                ("COOKIE", &b"sid=abc"[..]),
                ("API_TOKEN", b"t0k"),
                ("X_API_KEY", b"k2"),
                ("API_KEY", b"k1"),
                ("PASSWORD", b"p%40ss"),
            ]
        );
        let r = &r[0];
        assert_eq!(
            r.url.display(),
            "https://h.example/x?api_key=$API_KEY&page=2"
        );
        assert_eq!(
            r.header("authorization").unwrap().display(),
            "Bearer $API_TOKEN"
        );
        assert_eq!(r.header("accept").unwrap().display(), "a");
        let Some(Body::Data(segs)) = &r.body else {
            panic!()
        };
        assert!(
            matches!(&segs[0], Segment::Text(v) if v.display() == "user=al&password=$PASSWORD")
        );
    }

    #[test]
    fn stripe_style_key_as_user_and_bearer_flag() {
        let (_, s) =
            moved("curl https://api.stripe.example/v1/charges -u sk_test_123: -d amount=1");
        assert_eq!(vars(&s), vec![("BASIC_AUTH_USER", &b"sk_test_123"[..])]);
        let (_, s) = moved("curl --oauth2-bearer T https://h.example/");
        assert_eq!(vars(&s), vec![("API_TOKEN", &b"T"[..])]);
    }

    #[test]
    fn variables_already_read_and_same_values_are_reused() {
        let (_, s) = moved(r#"curl -H "Authorization: Bearer $TOKEN" https://h.example/"#);
        assert!(s.is_empty());
        let (_, s) = moved(
            "curl -H 'Authorization: Bearer a' https://h.example/ --next -H 'Authorization: Bearer a' https://h.example/2 --next -H 'Authorization: Bearer b' https://h.example/3",
        );
        assert_eq!(
            vars(&s),
            vec![("API_TOKEN", &b"a"[..]), ("API_TOKEN_2", b"b")]
        );
    }

    #[test]
    fn find_names_the_same_secrets_and_changes_nothing() {
        let command = "curl 'https://h.example/x?api_key=k1' -H 'Authorization: Bearer t' -b 'a=1' -u u:p -d 'password=x'";
        let mut parsed = parse(command, &Options::default()).unwrap();
        let before = parsed.requests.clone();
        let found = find(&mut parsed.requests);
        assert_eq!(parsed.requests, before);
        let (_, moved) = moved(command);
        assert_eq!(found, moved);
    }

    #[test]
    fn names() {
        assert!(secret_name("access_token") && secret_name("X-Auth-Token") && secret_name("sig"));
        assert!(!secret_name("page") && !secret_name("q"));
        assert!(
            !secret_name("Idempotency-Key") && !secret_name("keyword") && !secret_name("author")
        );
        assert!(secret_name("x-auth-token") && secret_name("authkey"));
        assert_eq!(var_name("x-api-key"), "X_API_KEY");
        assert_eq!(var_name("2fa"), "SECRET_2FA");
    }
}
