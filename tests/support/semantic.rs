//! Semantic equality (shared/SEMANTIC-EQUALITY.md): does the default, idiomatic program send the
//! request the curl command *means*? Method; path after percent-decoding; query pairs in any order;
//! every header the command set (client defaults aside); no added headers; the body as bytes, as a
//! JSON value, as form pairs or as multipart parts.

use super::compare::{Rules, Verdict, show};
use super::multipart;
use super::server::Recorded;
use std::collections::BTreeMap;

/// Headers a client adds by itself: compared only when the command set them.
const CLIENT_DEFAULTS: [&str; 11] = [
    "user-agent",
    "accept",
    "accept-encoding",
    "accept-language",
    "connection",
    "keep-alive",
    "expect",
    "sec-fetch-mode",
    "host",
    "content-length",
    "transfer-encoding",
];

/// Conditional headers, beside which fetch adds `cache-control` / `pragma: no-cache`.
const CONDITIONAL: [&str; 5] = [
    "if-none-match",
    "if-modified-since",
    "if-match",
    "if-unmodified-since",
    "if-range",
];

/// Compares curl's requests with the program's, in order, under the semantic rules.
pub fn compare(curl: &[Recorded], program: &[Recorded], rules: &Rules) -> Verdict {
    if let Some(v) = super::compare::count_mismatch(curl, program) {
        return v;
    }
    let mut diffs = Vec::new();
    for (i, (c, p)) in curl.iter().zip(program).enumerate() {
        let d = compare_one(c, p, rules);
        if !d.is_empty() {
            diffs.push(format!(
                "request {} of {} ({}):\n  {}",
                i + 1,
                curl.len(),
                c.summary(),
                d.join("\n  ")
            ));
        }
    }
    if diffs.is_empty() {
        Verdict::Equivalent(vec!["semantically equal".to_string()])
    } else {
        Verdict::Mismatch(diffs.join("\n"))
    }
}

/// The differences between two requests under the semantic rules (empty: equal).
pub fn compare_one(curl: &Recorded, program: &Recorded, rules: &Rules) -> Vec<String> {
    let mut diffs = Vec::new();
    if curl.method != program.method {
        diffs.push(format!(
            "method: curl {}, program {}",
            curl.method(),
            program.method()
        ));
    }
    let (cp, cq) = split_target(&curl.target);
    let (pp, pq) = split_target(&program.target);
    if percent_decode(cp) != percent_decode(pp) {
        diffs.push(format!("path: curl {}, program {}", show(cp), show(pp)));
    }
    let (mut cpairs, mut ppairs) = (form_pairs(cq), form_pairs(pq));
    cpairs.sort();
    ppairs.sort();
    if cpairs != ppairs {
        diffs.push(format!(
            "query pairs: curl {}, program {}",
            show(cq),
            show(pq)
        ));
    }
    diffs.extend(compare_headers(curl, program, rules));
    diffs.extend(compare_bodies(curl, program));
    diffs
}

fn split_target(t: &[u8]) -> (&[u8], &[u8]) {
    match t.iter().position(|&c| c == b'?') {
        Some(i) => (&t[..i], &t[i + 1..]),
        None => (t, b""),
    }
}

/// `%XX` decoded; anything else kept.
pub fn percent_decode(b: &[u8]) -> Vec<u8> {
    multipart::percent_decode(b)
}

/// `a=1&b=x+y` as decoded pairs (`+` is a space), empty segments ignored.
pub fn form_pairs(b: &[u8]) -> Vec<(Vec<u8>, Vec<u8>)> {
    b.split(|&c| c == b'&')
        .filter(|s| !s.is_empty())
        .map(|s| {
            let plus: Vec<u8> = s
                .iter()
                .map(|&c| if c == b'+' { b' ' } else { c })
                .collect();
            match plus.iter().position(|&c| c == b'=') {
                Some(i) => (percent_decode(&plus[..i]), percent_decode(&plus[i + 1..])),
                None => (percent_decode(&plus), Vec::new()),
            }
        })
        .collect()
}

/// Header values by lower-case name, in arrival order.
fn by_name(r: &Recorded) -> BTreeMap<String, Vec<Vec<u8>>> {
    let mut m: BTreeMap<String, Vec<Vec<u8>>> = BTreeMap::new();
    for (n, v) in &r.headers {
        m.entry(String::from_utf8_lossy(n).to_ascii_lowercase())
            .or_default()
            .push(v.clone());
    }
    m
}

/// A header value in the form two equal values share: Cookie pairs sorted; Content-Type in
/// lower case, no spaces around `;`, no boundary.
fn normalise(name: &str, values: &[Vec<u8>]) -> Vec<Vec<u8>> {
    let mut out: Vec<Vec<u8>> = match name {
        "cookie" => {
            let mut pairs: Vec<Vec<u8>> = values
                .iter()
                .flat_map(|v| v.split(|&c| c == b';'))
                .map(|p| p.trim_ascii().to_vec())
                .filter(|p| !p.is_empty())
                .collect();
            pairs.sort();
            pairs
        }
        "content-type" => values
            .iter()
            .map(|v| {
                let text = String::from_utf8_lossy(v).to_ascii_lowercase();
                text.split(';')
                    .map(str::trim)
                    .filter(|p| !p.is_empty() && !p.starts_with("boundary="))
                    .collect::<Vec<_>>()
                    .join(";")
                    .into_bytes()
            })
            .collect(),
        _ => values.to_vec(),
    };
    if name != "cookie" {
        out.sort();
    }
    out
}

fn compare_headers(curl: &Recorded, program: &Recorded, rules: &Rules) -> Vec<String> {
    let mut diffs = Vec::new();
    let (c, p) = (by_name(curl), by_name(program));
    let set_by_command = |n: &str| rules.compared.contains(n);
    let ignored = |n: &str| CLIENT_DEFAULTS.contains(&n) && !set_by_command(n);
    for (name, cv) in &c {
        if ignored(name) {
            continue;
        }
        match p.get(name) {
            None => diffs.push(format!(
                "header {name}: curl sent {}, the program none",
                show(&cv.join(&b", "[..]))
            )),
            Some(pv) if normalise(name, cv) != normalise(name, pv) => diffs.push(format!(
                "header {name}: curl {}, program {}",
                show(&cv.join(&b", "[..])),
                show(&pv.join(&b", "[..]))
            )),
            Some(_) => {}
        }
    }
    if rules.presence_only.contains("accept-encoding") {
        let offers_gzip = p.get("accept-encoding").is_some_and(|vs| {
            vs.iter().any(|v| {
                String::from_utf8_lossy(v)
                    .to_ascii_lowercase()
                    .contains("gzip")
            })
        });
        if !offers_gzip {
            diffs.push("--compressed: the program's Accept-Encoding does not offer gzip".into());
        }
    }
    let conditional = CONDITIONAL.iter().any(|h| c.contains_key(*h));
    for (name, pv) in &p {
        if c.contains_key(name) || ignored(name) {
            continue;
        }
        let fetch_no_cache = conditional
            && matches!(name.as_str(), "cache-control" | "pragma")
            && pv.iter().all(|v| v == b"no-cache");
        if !fetch_no_cache {
            diffs.push(format!(
                "header {name}: the program added {}",
                show(&pv.join(&b", "[..]))
            ));
        }
    }
    diffs
}

fn content_type(r: &Recorded) -> String {
    r.header("content-type")
        .unwrap_or_default()
        .to_ascii_lowercase()
}

fn compare_bodies(curl: &Recorded, program: &Recorded) -> Vec<String> {
    if curl.body == program.body {
        return Vec::new();
    }
    let ct = content_type(curl);
    let media = ct.split(';').next().unwrap_or_default().trim().to_string();
    let mismatch = || {
        vec![format!(
            "body: curl {}, program {}",
            show(&curl.body),
            show(&program.body)
        )]
    };
    if media == "application/json" || media.ends_with("+json") {
        let parse = |b: &[u8]| serde_json::from_slice::<serde_json::Value>(b).ok();
        return match (parse(&curl.body), parse(&program.body)) {
            (Some(a), Some(b)) if json_equal(&a, &b) => Vec::new(),
            _ => mismatch(),
        };
    }
    if media == "application/x-www-form-urlencoded" {
        return if form_pairs(&curl.body) == form_pairs(&program.body) {
            Vec::new()
        } else {
            mismatch()
        };
    }
    if media.starts_with("multipart/") {
        // The boundary keeps its case (RFC 2046: it is compared byte for byte).
        let parts = |r: &Recorded| {
            multipart::boundary(r.header("content-type").unwrap_or_default().as_bytes())
                .and_then(|b| multipart::parse(&r.body, &b).ok())
        };
        return match (parts(curl), parts(program)) {
            (Some(c), Some(p)) => compare_parts(&c, &p),
            _ => mismatch(),
        };
    }
    mismatch()
}

/// JSON values equal, numbers by value (`1.0` = `1`).
fn json_equal(a: &serde_json::Value, b: &serde_json::Value) -> bool {
    use serde_json::Value as J;
    match (a, b) {
        (J::Number(x), J::Number(y)) => x == y || x.as_f64() == y.as_f64(),
        (J::Array(x), J::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(a, b)| json_equal(a, b))
        }
        (J::Object(x), J::Object(y)) => {
            x.len() == y.len()
                && x.iter()
                    .all(|(k, v)| y.get(k).is_some_and(|w| json_equal(v, w)))
        }
        _ => a == b,
    }
}

fn compare_parts(curl: &[multipart::Part], program: &[multipart::Part]) -> Vec<String> {
    if curl.len() != program.len() {
        return vec![format!(
            "multipart: curl sent {} part(s), the program {}",
            curl.len(),
            program.len()
        )];
    }
    let mut diffs = Vec::new();
    for (i, (c, p)) in curl.iter().zip(program).enumerate() {
        let label = format!("part {}", i + 1);
        if c.name != p.name || c.filename != p.filename || c.data != p.data {
            diffs.push(format!(
                "{label}: curl name {:?} filename {:?} data {}, program name {:?} filename {:?} data {}",
                c.name.as_deref().map(String::from_utf8_lossy),
                c.filename.as_deref().map(String::from_utf8_lossy),
                show(&c.data),
                p.name.as_deref().map(String::from_utf8_lossy),
                p.filename.as_deref().map(String::from_utf8_lossy),
                show(&p.data)
            ));
        }
        // curl's own defaults for a part's type may differ by library; a type the command
        // chose must arrive.
        let curl_default = c.content_type.as_deref().is_none_or(|t| {
            let t = String::from_utf8_lossy(t).to_ascii_lowercase();
            t == "application/octet-stream" || t == "text/plain"
        });
        if !curl_default && c.content_type != p.content_type {
            diffs.push(format!(
                "{label}: content type curl {:?}, program {:?}",
                c.content_type.as_deref().map(String::from_utf8_lossy),
                p.content_type.as_deref().map(String::from_utf8_lossy)
            ));
        }
    }
    diffs
}
