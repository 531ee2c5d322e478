//! The target-neutral plan: what every generator decides alike, decided once from the requests
//! and the retry policy — each call's URL split into base and query pairs, its body kind (JSON
//! value, form pairs, multipart, raw), its retry decision, and the features the program needs.
//! A generator maps the plan to its template's view and decides nothing of this again.

pub mod json;
pub mod pairs;

use crate::ir::{Body, Method, Part, Piece, Request, Segment, Source, Value};
use crate::policy::{NonIdempotentRetry, RetryPolicy};
use json::Json;
use pairs::Pair;
use std::collections::BTreeSet;

/// Which output a program is written for.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Mode {
    /// What an expert would write: the library's own defaults, bodies and queries as data, sent
    /// with the meaning curl gives them (semantic equality).
    #[default]
    Idiomatic,
    /// `--exact`: curl's bytes, header order and default headers (byte equality).
    Exact,
}

/// Everything the generators share about one program.
#[derive(Clone, Debug)]
pub struct Plan<'a> {
    /// One entry per request, in curl's order.
    pub calls: Vec<Call<'a>>,
    /// The retry policy every call uses.
    pub policy: &'a RetryPolicy,
    /// Idiomatic or exact output.
    pub mode: Mode,
    /// What the program as a whole needs.
    pub features: Features,
}

/// One request and what was decided about it.
#[derive(Clone, Debug)]
pub struct Call<'a> {
    /// The request as lowered.
    pub request: &'a Request,
    /// Its URL, split when the query can go as pairs.
    pub url: UrlPlan,
    /// Its body, by kind.
    pub body: BodyPlan<'a>,
    /// Whether a failed attempt may be repeated, and why.
    pub retry: RetryDecision,
}

/// A URL as the idiomatic output writes it.
#[derive(Clone, Debug, PartialEq)]
pub struct UrlPlan {
    /// The whole URL as curl sends it (userinfo removed, dot segments resolved).
    pub full: Value,
    /// `scheme://authority/path`: the URL without its query, when the query is in [`Self::query`].
    pub base: Value,
    /// The query as pairs, when a library's encoder gives the server the same pairs back;
    /// `None` keeps the query inside [`Self::base`] (which is then the full URL).
    pub query: Option<Vec<Pair>>,
}

/// A request body by kind.
#[derive(Clone, Debug, PartialEq)]
pub enum BodyPlan<'a> {
    /// No body.
    None,
    /// A literal JSON text sent with a JSON Content-Type: a native literal in the program.
    Json(Json),
    /// A literal (or `--data-urlencode $VAR`) form body sent as
    /// `application/x-www-form-urlencoded`: the library encodes the pairs.
    Form(Vec<Pair>),
    /// Multipart parts (`-F`).
    Multipart(&'a [Part]),
    /// Anything else sent by `-d`-style options: text, bytes, files, stdin, as today.
    Raw(&'a [Segment]),
    /// `-T`: a file or stdin sent as it is.
    Upload(&'a Source),
}

/// The retry rule for one call (RFC 9110 §9.2.2).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RetryDecision {
    /// The method is idempotent, so statuses and timeouts may be retried.
    pub idempotent: bool,
    /// The call is retried on statuses and timeouts although its method is not idempotent.
    pub repeatable_anyway: bool,
    /// Why the answer is what it is, for a comment.
    pub why: &'static str,
}

impl RetryDecision {
    /// True when a retryable status or a timeout after sending leads to another attempt.
    pub fn repeatable(&self) -> bool {
        self.idempotent || self.repeatable_anyway
    }
}

/// What the program as a whole needs, for imports, dependencies and helper functions.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Features {
    /// Environment variables read, in first-use order without repeats.
    pub env_vars: Vec<String>,
    /// Some call has a JSON body literal.
    pub json: bool,
    /// Some call has form pairs.
    pub form: bool,
    /// Some call has query pairs.
    pub query: bool,
    /// Some call has a multipart body.
    pub multipart: bool,
    /// Some call reads a file at run time (body, upload, multipart part, the URL's query).
    pub reads_files: bool,
    /// Some call reads the program's stdin.
    pub reads_stdin: bool,
    /// Some call reads or writes a cookie jar file.
    pub cookie_files: bool,
    /// Some call goes through a proxy.
    pub proxy: bool,
    /// Some call uses TLS options (CA file, client certificate, `-k`).
    pub tls_options: bool,
    /// Some call follows redirects.
    pub follows_redirects: bool,
    /// Some call writes its body to a file.
    pub writes_files: bool,
}

/// Builds the plan of `requests` under `policy`.
pub fn build<'a>(requests: &'a [Request], policy: &'a RetryPolicy, mode: Mode) -> Plan<'a> {
    let mut features = Features::default();
    let mut env = EnvNames::default();
    let calls = requests
        .iter()
        .map(|r| {
            let call = Call {
                request: r,
                url: url_plan(&r.url),
                body: body_plan(r),
                retry: retry_decision(r, policy),
            };
            note_features(&call, &mut features, &mut env);
            call
        })
        .collect();
    features.env_vars = env.order;
    Plan {
        calls,
        policy,
        mode,
        features,
    }
}

/// Environment names in first-use order.
#[derive(Default)]
struct EnvNames {
    seen: BTreeSet<String>,
    order: Vec<String>,
}

impl EnvNames {
    fn add(&mut self, v: &Value) {
        for n in v.env_names() {
            if self.seen.insert(n.to_string()) {
                self.order.push(n.to_string());
            }
        }
    }
}

fn note_features(call: &Call, f: &mut Features, env: &mut EnvNames) {
    let r = call.request;
    env.add(&r.url);
    f.reads_files |= r.url.query_files().next().is_some();
    for h in &r.headers {
        env.add(&h.value);
    }
    if let Some(auth) = &r.auth {
        match auth {
            crate::ir::Auth::Basic { user, password }
            | crate::ir::Auth::Digest { user, password }
            | crate::ir::Auth::Ntlm { user, password } => {
                env.add(user);
                env.add(password);
            }
            crate::ir::Auth::Bearer { token } => env.add(token),
            crate::ir::Auth::Netrc { file, host } => {
                env.add(host);
                if let Some(file) = file {
                    env.add(file);
                }
            }
            crate::ir::Auth::AwsSigV4 {
                provider,
                user,
                password,
            } => {
                env.add(provider);
                env.add(user);
                env.add(password);
            }
        }
    }
    let source = |s: &Source, f: &mut Features, env: &mut EnvNames| match s {
        Source::File(path) => {
            f.reads_files = true;
            env.add(path);
        }
        Source::Stdin => f.reads_stdin = true,
    };
    match &r.body {
        None => {}
        Some(Body::Data(segments)) => {
            for s in segments {
                match s {
                    Segment::Text(v) => env.add(v),
                    Segment::Read { source: s, .. } => source(s, f, env),
                }
            }
        }
        Some(Body::Multipart(parts)) => {
            for p in parts {
                env.add(&p.name);
                match &p.content {
                    crate::ir::PartContent::Text(v) => env.add(v),
                    crate::ir::PartContent::File(s) | crate::ir::PartContent::FileContents(s) => {
                        source(s, f, env)
                    }
                }
            }
        }
        Some(Body::Upload(s)) => source(s, f, env),
    }
    match &call.body {
        BodyPlan::Json(_) => f.json = true,
        BodyPlan::Form(_) => f.form = true,
        BodyPlan::Multipart(_) => f.multipart = true,
        BodyPlan::None | BodyPlan::Raw(_) | BodyPlan::Upload(_) => {}
    }
    f.query |= call.url.query.is_some();
    let t = &r.transfer;
    f.cookie_files |= !t.cookie_files.is_empty() || t.cookie_jar.is_some();
    f.proxy |= t.proxy.is_some();
    f.tls_options |= t.insecure || t.cacert.is_some() || t.cert.is_some() || t.key.is_some();
    f.follows_redirects |= t.follow_redirects;
    f.writes_files |= !matches!(t.output, crate::ir::Output::Stdout);
}

/// Splits a literal `scheme://authority/path?query` URL; keeps anything else whole.
pub fn url_plan(url: &Value) -> UrlPlan {
    let whole = UrlPlan {
        full: url.clone(),
        base: url.clone(),
        query: None,
    };
    // Only a URL whose scheme and host are literal text is split: `$BASE/x?y` stays as typed.
    let Some(Piece::Bytes(first)) = url.0.first() else {
        return whole;
    };
    if !first.windows(3).any(|w| w == b"://") {
        return whole;
    }
    // The `?` must be in a literal piece; everything after it is the query.
    let mut base = Value::default();
    let mut query = Value::default();
    let mut in_query = false;
    for p in &url.0 {
        match p {
            Piece::Bytes(b) if !in_query => match b.iter().position(|&c| c == b'?') {
                Some(i) => {
                    base.push_bytes(&b[..i]);
                    query.push_bytes(&b[i + 1..]);
                    in_query = true;
                }
                None => base.push_bytes(b),
            },
            _ if in_query => query.0.push(p.clone()),
            _ => base.0.push(p.clone()),
        }
    }
    if !in_query || query.is_empty() {
        return whole;
    }
    match pairs::decode(&query) {
        Some(pairs) => UrlPlan {
            full: url.clone(),
            base,
            query: Some(pairs),
        },
        None => whole,
    }
}

/// The media type of a Content-Type value, lower case, without parameters.
fn media_type(v: &Value) -> Option<String> {
    let b = v.literal()?;
    let s = std::str::from_utf8(&b).ok()?;
    Some(s.split(';').next()?.trim().to_ascii_lowercase())
}

fn body_plan(r: &Request) -> BodyPlan<'_> {
    match &r.body {
        None => BodyPlan::None,
        Some(Body::Multipart(parts)) => BodyPlan::Multipart(parts),
        Some(Body::Upload(s)) => BodyPlan::Upload(s),
        Some(Body::Data(segments)) => {
            let text = match segments.as_slice() {
                [Segment::Text(v)] => v,
                _ => return BodyPlan::Raw(segments),
            };
            let media = r.header("content-type").and_then(media_type);
            match media.as_deref() {
                Some(m) if m == "application/json" || m.ends_with("+json") => text
                    .literal()
                    .and_then(|b| String::from_utf8(b).ok())
                    .and_then(|s| json::parse(&s))
                    .filter(|j| matches!(j, Json::Object(_) | Json::Array(_)))
                    .map_or(BodyPlan::Raw(segments), BodyPlan::Json),
                Some("application/x-www-form-urlencoded") => {
                    pairs::decode(text).map_or(BodyPlan::Raw(segments), BodyPlan::Form)
                }
                _ => BodyPlan::Raw(segments),
            }
        }
    }
}

fn retry_decision(r: &Request, policy: &RetryPolicy) -> RetryDecision {
    let idempotent = r.method.is_idempotent();
    let keyed = policy.idempotency_key || r.header("idempotency-key").is_some();
    let (repeatable_anyway, why) = if idempotent {
        (false, "idempotent method (RFC 9110 §9.2.2)")
    } else if policy.retry_all_errors {
        (true, "curl's --retry-all-errors")
    } else if keyed {
        (true, "the request carries an Idempotency-Key")
    } else {
        match policy.non_idempotent {
            NonIdempotentRetry::CurlRetryFlag => (true, "curl's --retry retries every method"),
            NonIdempotentRetry::Requested => (true, "--retry-non-idempotent"),
            NonIdempotentRetry::Never => (
                false,
                "not idempotent: retried only when it surely never reached the server",
            ),
        }
    };
    RetryDecision {
        idempotent: idempotent && !matches!(r.method, Method::Custom(_)),
        repeatable_anyway,
        why,
    }
}

#[cfg(test)]
mod tests;
