//! Compares what curl sent with what a generated program sent, and explains the difference.
//!
//! The rules are BRIEF.md's "wire fidelity": method and target byte-exact; headers as a multiset
//! with case-insensitive names, where the headers every client adds on its own (user-agent, accept,
//! accept-encoding, connection, host, content-length, expect) are ignored unless the command set them;
//! body bytes exact, multipart part by part.

use super::multipart;
use super::server::Recorded;
use std::collections::BTreeSet;

/// Headers each HTTP client adds by itself; compared only when the command sets them.
pub const IGNORED_UNLESS_SET: [&str; 7] = [
    "user-agent",
    "accept",
    "accept-encoding",
    "connection",
    "host",
    "content-length",
    "expect",
];

/// Framing, not content: a chunked upload and a Content-Length upload carry the same body, which is
/// compared after de-chunking. A difference is reported as "equivalent", not ignored silently.
const FRAMING: &str = "transfer-encoding";

/// The outcome of comparing two request sequences.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// Same requests under the wire-fidelity rules, byte for byte.
    Exact,
    /// Same meaning, different bytes in ways the rules allow (multipart boundary, framing, …).
    Equivalent(Vec<String>),
    /// A real difference, explained.
    Mismatch(String),
}

/// Which of the usually ignored headers a command sets, decided from its text.
#[derive(Clone, Debug, Default)]
pub struct Rules {
    /// Lower-case names compared in full.
    pub compared: BTreeSet<String>,
    /// Lower-case names whose presence is compared but not their value (`--compressed`: every
    /// library has its own list of encodings).
    pub presence_only: BTreeSet<String>,
}

impl Rules {
    /// Decides from the pasted input (after URL rewriting) which headers the command sets: a header
    /// name followed by `:` or `;` (as in `-H 'Accept: x'` / `-H 'Accept;'`), `-A`/`--user-agent`,
    /// `--json` (sets Accept) and `--compressed` (Accept-Encoding: presence only).
    /// Over-approximating only makes the comparison stricter.
    pub fn from_input(input: &str) -> Rules {
        let lower = input.to_ascii_lowercase();
        let mut rules = Rules::default();
        // The semantic rules (support/semantic.rs) ignore a few more client defaults.
        let names = IGNORED_UNLESS_SET
            .iter()
            .chain(&["accept-language", "keep-alive", "sec-fetch-mode"])
            .chain(std::iter::once(&FRAMING));
        for name in names {
            if mentions_header(&lower, name) {
                rules.compared.insert(name.to_string());
            }
        }
        if input.contains(" -A") || input.contains("--user-agent") {
            rules.compared.insert("user-agent".into());
        }
        if lower.contains("--json") {
            rules.compared.insert("accept".into());
        }
        if lower.contains("--compressed") && !rules.compared.contains("accept-encoding") {
            rules.presence_only.insert("accept-encoding".into());
        }
        rules
    }

    fn ignored(&self, name: &str) -> bool {
        IGNORED_UNLESS_SET.contains(&name)
            && !self.compared.contains(name)
            && !self.presence_only.contains(name)
    }
}

/// `name:` or `name;` in `lower`, not preceded by a name character (so `x-forwarded-host:` is not `host:`).
fn mentions_header(lower: &str, name: &str) -> bool {
    let bytes = lower.as_bytes();
    let mut from = 0;
    while let Some(i) = lower.get(from..).and_then(|s| s.find(name)) {
        let at = from + i;
        let before_ok = at == 0
            || !bytes
                .get(at - 1)
                .is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'-' || *b == b'_');
        let after = bytes.get(at + name.len());
        if before_ok && matches!(after, Some(b':') | Some(b';')) {
            return true;
        }
        from = at + name.len();
    }
    false
}

/// Compares the requests curl sent with the ones a program sent, in order.
pub fn compare(curl: &[Recorded], program: &[Recorded], rules: &Rules) -> Verdict {
    if let Some(v) = count_mismatch(curl, program) {
        return v;
    }
    let mut diffs = Vec::new();
    let mut notes = Vec::new();
    for (i, (c, p)) in curl.iter().zip(program).enumerate() {
        let (d, n) = compare_one(c, p, rules);
        let label = if curl.len() > 1 {
            format!("request {} of {} ({})", i + 1, curl.len(), c.summary())
        } else {
            format!("request ({})", c.summary())
        };
        if !d.is_empty() {
            diffs.push(format!("{label}:\n  {}", d.join("\n  ")));
        }
        notes.extend(n.into_iter().map(|n| {
            if curl.len() > 1 {
                format!("request {}: {n}", i + 1)
            } else {
                n
            }
        }));
    }
    if !diffs.is_empty() {
        Verdict::Mismatch(diffs.join("\n"))
    } else if notes.is_empty() {
        Verdict::Exact
    } else {
        Verdict::Equivalent(notes)
    }
}

/// The mismatch when the two sides sent different numbers of requests (both comparisons start here).
pub fn count_mismatch(curl: &[Recorded], program: &[Recorded]) -> Option<Verdict> {
    if curl.len() == program.len() {
        return None;
    }
    let list = |rs: &[Recorded]| {
        if rs.is_empty() {
            "  (none)".to_string()
        } else {
            rs.iter()
                .map(|r| format!("  {}", r.summary()))
                .collect::<Vec<_>>()
                .join("\n")
        }
    };
    Some(Verdict::Mismatch(format!(
        "curl sent {} request(s), the program sent {}\ncurl:\n{}\nprogram:\n{}",
        curl.len(),
        program.len(),
        list(curl),
        list(program)
    )))
}

/// Differences and tolerated differences between two requests.
pub fn compare_one(
    curl: &Recorded,
    program: &Recorded,
    rules: &Rules,
) -> (Vec<String>, Vec<String>) {
    let mut diffs = Vec::new();
    let mut notes = Vec::new();
    differ(&mut diffs, "method:", &curl.method, &program.method, |v| {
        show(v)
    });
    differ(&mut diffs, "target:", &curl.target, &program.target, |v| {
        show(v)
    });
    let curl_boundary = content_type(curl).and_then(|ct| multipart::boundary(&ct));
    let program_boundary = content_type(program).and_then(|ct| multipart::boundary(&ct));
    let both_multipart = curl_boundary.is_some() && program_boundary.is_some();

    let normalise = |r: &Recorded| -> Vec<(String, Vec<u8>)> {
        let mut hs: Vec<(String, Vec<u8>)> = r
            .headers
            .iter()
            .map(|(n, v)| (String::from_utf8_lossy(n).to_ascii_lowercase(), v.clone()))
            .filter(|(n, _)| !rules.ignored(n))
            .map(|(n, v)| {
                if both_multipart && n == "content-type" {
                    (n, without_boundary(&v))
                } else if rules.presence_only.contains(&n) {
                    (n, b"(any value)".to_vec())
                } else {
                    (n, v)
                }
            })
            .collect();
        hs.sort();
        hs
    };
    let ch = normalise(curl);
    let ph = normalise(program);
    let only_curl = multiset_minus(&ch, &ph);
    let mut only_program = multiset_minus(&ph, &ch);
    // Chunked vs Content-Length framing with equal bodies: equivalent.
    let framing = |hs: &mut Vec<(String, Vec<u8>)>, who: &str, notes: &mut Vec<String>| {
        hs.retain(|(n, v)| {
            if n == FRAMING && !rules.compared.contains(FRAMING) {
                notes.push(format!(
                    "only {who} sent `transfer-encoding: {}`",
                    show_plain(v)
                ));
                false
            } else {
                true
            }
        });
    };
    let mut only_curl = only_curl;
    framing(&mut only_curl, "curl", &mut notes);
    framing(&mut only_program, "the program", &mut notes);
    for (n, v) in &only_curl {
        diffs.push(format!(
            "header only curl sent:        {n}: {}",
            show_plain(v)
        ));
    }
    for (n, v) in &only_program {
        diffs.push(format!(
            "header only the program sent: {n}: {}",
            show_plain(v)
        ));
    }

    if curl.body != program.body {
        match (&curl_boundary, &program_boundary) {
            (Some(cb), Some(pb)) => match (
                multipart::parse(&curl.body, cb),
                multipart::parse(&program.body, pb),
            ) {
                (Ok(cp), Ok(pp)) => {
                    let part_diffs = compare_parts(&cp, &pp);
                    if part_diffs.is_empty() {
                        notes.push(format!(
                            "multipart bodies differ only in framing/boundary ({} part(s) equal)",
                            cp.len()
                        ));
                    } else {
                        diffs.extend(part_diffs);
                    }
                }
                (Err(e), _) => diffs.push(format!("curl's multipart body does not parse: {e}")),
                (_, Err(e)) => diffs.push(format!(
                    "the program's multipart body does not parse: {e}\n  body: {}",
                    show(&program.body)
                )),
            },
            _ => diffs.push(body_diff(&curl.body, &program.body)),
        }
    }
    (diffs, notes)
}

fn content_type(r: &Recorded) -> Option<Vec<u8>> {
    r.headers_named("content-type").first().map(|v| v.to_vec())
}

/// `multipart/form-data; boundary=xyz` → `multipart/form-data; boundary=(boundary)`.
fn without_boundary(v: &[u8]) -> Vec<u8> {
    let text = String::from_utf8_lossy(v);
    let lower = text.to_ascii_lowercase();
    match lower.find("boundary=") {
        Some(i) => {
            let head = text.get(..i).unwrap_or_default();
            let rest = text.get(i..).unwrap_or_default();
            let tail = rest
                .find(';')
                .map_or("", |j| rest.get(j..).unwrap_or_default());
            format!("{head}boundary=(boundary){tail}").into_bytes()
        }
        None => v.to_vec(),
    }
}

fn multiset_minus(a: &[(String, Vec<u8>)], b: &[(String, Vec<u8>)]) -> Vec<(String, Vec<u8>)> {
    let mut rest = b.to_vec();
    let mut out = Vec::new();
    for x in a {
        if let Some(i) = rest.iter().position(|y| y == x) {
            rest.remove(i);
        } else {
            out.push(x.clone());
        }
    }
    out
}

fn compare_parts(curl: &[multipart::Part], program: &[multipart::Part]) -> Vec<String> {
    let mut diffs = Vec::new();
    if curl.len() != program.len() {
        diffs.push(format!(
            "multipart: curl sent {} part(s) {:?}, the program {} {:?}",
            curl.len(),
            curl.iter().map(|p| show_opt(&p.name)).collect::<Vec<_>>(),
            program.len(),
            program
                .iter()
                .map(|p| show_opt(&p.name))
                .collect::<Vec<_>>()
        ));
    }
    for (i, (c, p)) in curl.iter().zip(program).enumerate() {
        let label = format!("part {} ({})", i + 1, show_opt(&c.name));
        // Byte equality up to the boundary: `form-data` and `attachment` parts differ.
        differ(
            &mut diffs,
            &format!("{label}: disposition"),
            &c.disposition,
            &p.disposition,
            show_opt,
        );
        differ(
            &mut diffs,
            &format!("{label}: name"),
            &c.name,
            &p.name,
            show_opt,
        );
        differ(
            &mut diffs,
            &format!("{label}: filename"),
            &c.filename,
            &p.filename,
            show_opt,
        );
        differ(
            &mut diffs,
            &format!("{label}: content type"),
            &c.content_type,
            &p.content_type,
            show_opt,
        );
        let mut ce = c.extra_headers.clone();
        let mut pe = p.extra_headers.clone();
        ce.sort();
        pe.sort();
        if ce != pe {
            diffs.push(format!(
                "{label}: extra part headers curl {:?}, program {:?}",
                ce.iter()
                    .map(|(n, v)| format!("{n}: {}", show_plain(v)))
                    .collect::<Vec<_>>(),
                pe.iter()
                    .map(|(n, v)| format!("{n}: {}", show_plain(v)))
                    .collect::<Vec<_>>()
            ));
        }
        if c.data != p.data {
            diffs.push(format!("{label}: {}", body_diff(&c.data, &p.data)));
        }
    }
    diffs
}

/// "body: curl 12 bytes, program 13 bytes; first difference at byte 5: …".
pub fn body_diff(curl: &[u8], program: &[u8]) -> String {
    let at = curl
        .iter()
        .zip(program)
        .position(|(a, b)| a != b)
        .unwrap_or(curl.len().min(program.len()));
    let from = at.saturating_sub(20);
    let window = |b: &[u8]| show(b.get(from..(at + 40).min(b.len())).unwrap_or_default());
    format!(
        "body: curl {} bytes, program {} bytes; first difference at byte {at}:\n    curl:    …{}\n    program: …{}\n    (curl's whole body: {})",
        curl.len(),
        program.len(),
        window(curl),
        window(program),
        show(curl)
    )
}

/// Bytes as a quoted, escaped string, shortened.
pub fn show(b: &[u8]) -> String {
    let s = format!("\"{}\"", b.escape_ascii());
    super::process::shorten(&s, 300)
}

fn show_plain(b: &[u8]) -> String {
    super::process::shorten(&b.escape_ascii().to_string(), 200)
}

/// Records `WHAT curl X, program Y` when the two values differ.
fn differ<T: PartialEq>(
    diffs: &mut Vec<String>,
    what: &str,
    curl: &T,
    program: &T,
    show: impl Fn(&T) -> String,
) {
    if curl != program {
        diffs.push(format!(
            "{what} curl {}, program {}",
            show(curl),
            show(program)
        ));
    }
}

fn show_opt(b: &Option<Vec<u8>>) -> String {
    b.as_ref().map_or("(none)".to_string(), |b| show(b))
}
