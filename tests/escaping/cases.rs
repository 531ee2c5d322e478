//! The request generators: one random curl command per case.

use super::*;

// The request generators.

/// Header names that curl, the client libraries or the comparison treat specially: a random token
/// hitting one would test that feature, not escaping.
pub(super) const RESERVED_HEADERS: [&str; 26] = [
    "host",
    "content-length",
    "content-type",
    "content-disposition",
    "transfer-encoding",
    "expect",
    "connection",
    "keep-alive",
    "upgrade",
    "te",
    "trailer",
    "user-agent",
    "accept",
    "accept-encoding",
    "accept-language",
    "accept-charset",
    "cookie",
    "cookie2",
    "authorization",
    "referer",
    "range",
    "origin",
    "date",
    "via",
    "idempotency-key",
    "sec-fetch-mode",
];

/// A header name: an RFC 9110 token (`!#$%&'*+-.^_\`|~`, digits, letters), distinct from `used`.
pub(super) fn header_name(rng: &mut Rng, used: &mut Vec<String>) -> String {
    loop {
        let name: String = (0..rng.range(1, 16))
            .map(|_| {
                if rng.chance(75) {
                    alnum(rng)
                } else {
                    *rng.pick(&[
                        '!', '#', '$', '%', '&', '\'', '*', '+', '-', '.', '^', '_', '`', '|', '~',
                    ])
                }
            })
            .collect();
        let lower = name.to_ascii_lowercase();
        let reserved = RESERVED_HEADERS.contains(&lower.as_str())
            || lower.starts_with("proxy-")
            || lower.starts_with("sec-");
        if !reserved && !used.contains(&lower) {
            used.push(lower);
            return name;
        }
    }
}

/// The path and query of a URL, made only of bytes that curl sends unchanged and that WHATWG URL
/// parsers (Node's fetch, the url crate under reqwest) leave alone: ALPHA DIGIT `-._~`, sub-delims
/// `!$&'()*+,;=`, `:@`, `/` between segments, `?` in the query, `%XX` escapes of any byte with
/// either case of hex digits, and `^` `|` (both), `` ` `` `\` (query only). Python's requests DOES
/// rewrite some of these (it decodes `%41`, upper-cases `%2f`, encodes `^`, drops an empty `?`):
/// that is for the generator to avoid or declare, so they stay.
///
/// Left out, checked with curl 7.88 (request line on the wire) and Node 20 (`new URL`):
/// - ` ` (curl refuses the URL); `#` (starts the fragment, which curl does not send);
/// - `{` `}` `[` `]` (curl globbing expands them; with `-g` curl sends them raw but WHATWG encodes
///   `{}` in paths);
/// - `"` `<` `>` (WHATWG percent-encodes them in paths and queries; curl sends them raw);
/// - `` ` `` and `\` in paths (WHATWG encodes `` ` `` and reads `\` as `/`; both fine in queries);
/// - `'` in the query (WHATWG encodes it as `%27` in special-scheme queries; kept in paths);
/// - non-ASCII (curl percent-encodes it in lower case in paths and sends it raw in queries, WHATWG
///   percent-encodes it in upper case);
/// - dot segments `.`, `..` and their `%2e` spellings (curl removes `.`/`..`; WHATWG also
///   removes `%2e`/`.%2E`… while curl sends those as typed).
pub(super) fn url_target(rng: &mut Rng) -> String {
    let mut s = String::new();
    let segments = rng.range(0, 4);
    if segments == 0 {
        s.push('/');
    }
    for _ in 0..segments {
        s.push('/');
        loop {
            let seg = url_text(rng, false, 6);
            if !is_dot_segment(&seg) {
                s.push_str(&seg);
                break;
            }
        }
    }
    if rng.chance(60) {
        s.push('?');
        if !rng.chance(8) {
            s.push_str(&url_text(rng, true, 10));
        }
    }
    s
}

pub(super) fn url_text(rng: &mut Rng, query: bool, max: usize) -> String {
    let mut s = String::new();
    for _ in 0..rng.range(0, max) {
        match rng.below(10) {
            0..=3 => s.push_str(&word(rng, 5)),
            4 => s.push(*rng.pick(&['-', '.', '_', '~'])),
            5 | 6 => {
                let sub = *rng.pick(&['!', '$', '&', '\'', '(', ')', '*', '+', ',', ';', '=']);
                if !(query && sub == '\'') {
                    s.push(sub);
                }
            }
            7 => {
                let c = *rng.pick(&[':', '@', '/', '?', '^', '|', '`', '\\']);
                if query || matches!(c, ':' | '@' | '^' | '|') {
                    s.push(c);
                }
            }
            _ => {
                let byte = rng.range(0, 255);
                let hex = format!("{byte:02x}");
                s.push('%');
                for h in hex.chars() {
                    s.push(if rng.chance(50) {
                        h.to_ascii_uppercase()
                    } else {
                        h
                    });
                }
            }
        }
    }
    s
}

pub(super) fn is_dot_segment(seg: &str) -> bool {
    let dots = seg.to_ascii_lowercase().replace("%2e", ".");
    dots == "." || dots == ".."
}

/// One argv entry of a case.
#[derive(Clone, Debug)]
pub(super) struct Arg {
    pub(super) bytes: Vec<u8>,
    pub(super) style: Style,
    /// The bytes are the URL's path and query: the origin is put in front when rendered.
    pub(super) url: bool,
}

impl Arg {
    pub(super) fn new(bytes: impl Into<Vec<u8>>, rng: &mut Rng) -> Arg {
        Arg {
            bytes: bytes.into(),
            style: style(rng),
            url: false,
        }
    }

    /// Options are plain words: written bare, as people type them.
    pub(super) fn opt(name: &str) -> Arg {
        Arg {
            bytes: name.as_bytes().to_vec(),
            style: Style::Oracle,
            url: false,
        }
    }

    pub(super) fn render(&self, origin: &str) -> String {
        if self.url {
            let mut b = origin.as_bytes().to_vec();
            b.extend_from_slice(&self.bytes);
            quote(&b, self.style)
        } else {
            quote(&self.bytes, self.style)
        }
    }
}

/// One generated request: curl's arguments (in groups: an option and its value, or the URL) and
/// the files they read.
#[derive(Clone, Debug)]
pub(super) struct Case {
    pub(super) index: usize,
    pub(super) groups: Vec<Vec<Arg>>,
    /// Files to create in the working directory: (name, contents).
    pub(super) files: Vec<(String, Vec<u8>)>,
    /// What it exercises, for reports (`PURGE, 3 headers, multipart(2)`).
    pub(super) kind: String,
}

impl Case {
    /// The arguments after `curl`, quoted for bash.
    pub(super) fn shell(&self, origin: &str) -> String {
        let words: Vec<String> = self
            .groups
            .iter()
            .flatten()
            .map(|a| a.render(origin))
            .collect();
        words.join(" ")
    }

    /// The case alone as a curl command.
    pub(super) fn command(&self, origin: &str) -> String {
        format!("curl {}\n", self.shell(origin))
    }

    /// The files, shown escaped, for reports.
    pub(super) fn describe_files(&self) -> String {
        self.files
            .iter()
            .map(|(n, b)| format!("\n  file {n:?}: {}", compare::show(b)))
            .collect()
    }
}

/// ONE curl command for several cases: `curl <case> \ --next <case> …`.
pub(super) fn batch_command(cases: &[&Case], origin: &str) -> String {
    let mut s = String::from("curl");
    for (i, c) in cases.iter().enumerate() {
        if i > 0 {
            s.push_str(" \\\n  --next");
        }
        s.push(' ');
        s.push_str(&c.shell(origin));
    }
    s.push('\n');
    s
}

/// A local file name: plain, or with spaces, quotes, `$`, parentheses and UTF-8 (never `;`, `,`
/// or `"`, which `-F name=@file` would parse).
pub(super) fn file_name(rng: &mut Rng, index: usize, n: usize, ext: &str) -> String {
    let odd = if rng.chance(30) {
        *rng.pick(&[" odd name", " 'q' $x", " (é) & 😀", "_ü!", " \u{2028}"])
    } else {
        ""
    };
    format!("c{index:05}-{n}{odd}{ext}")
}

/// A `filename=` for a file part: odd names in quoted (`\"`, `\\` escaped) or bare form.
pub(super) fn part_filename(rng: &mut Rng) -> String {
    let stem: String = match rng.below(4) {
        0 => "odd name \"q\"".to_string(),
        1 => word(rng, 8),
        _ => {
            let t = text(rng, FORM_NAME, 5);
            String::from_utf8_lossy(&t).trim().to_string()
        }
    };
    let ext = *rng.pick(&[
        ".txt", ".TXT", ".json", ".png", ".html", ".pdf", ".xml", ".svg", ".bin", ".tar.gz", "",
    ]);
    let name = format!("{stem}{ext}");
    let name = if name.trim().is_empty() {
        "x.txt".to_string()
    } else {
        name
    };
    // curl reads a bare word up to `;` or `,`, trims it, and unquotes a word starting with `"`.
    let bare_ok = !name.contains([';', ',', '\\'])
        && !name.starts_with('"')
        && name.trim() == name
        && !name.contains(['\n', '\r']);
    if bare_ok && rng.chance(50) {
        name
    } else {
        let mut q = String::from("\"");
        for c in name.chars() {
            if c == '"' || c == '\\' {
                q.push('\\');
            }
            q.push(c);
        }
        q.push('"');
        q
    }
}

/// A method token that every target can send as typed. Node's fetch upper-cases `get`, `post`,
/// `put`, `delete`, `head`, `options` (any case) and refuses CONNECT, TRACE and TRACK, so no
/// spelling of those nine is generated; `HEAD` also makes curl wait for a body that never comes.
pub(super) fn custom_method(rng: &mut Rng) -> String {
    const FETCH_SPECIAL: [&str; 9] = [
        "get", "post", "put", "delete", "head", "options", "connect", "trace", "track",
    ];
    loop {
        let m: String = match rng.below(4) {
            0 => rng
                .pick(&[
                    "PURGE", "LINK", "M-SEARCH", "PROPFIND", "patch", "Patch", "MKCOL",
                ])
                .to_string(),
            _ => (0..rng.range(1, 10))
                .map(|_| {
                    if rng.chance(80) {
                        alnum(rng)
                    } else {
                        *rng.pick(&[
                            '!', '#', '$', '%', '&', '\'', '*', '+', '-', '.', '^', '_', '`', '|',
                            '~',
                        ])
                    }
                })
                .collect(),
        };
        if !FETCH_SPECIAL.contains(&m.to_ascii_lowercase().as_str()) {
            return m;
        }
    }
}

/// A JSON text with nasty strings, escapes, odd numbers and odd whitespace: sent byte-exact.
pub(super) fn json_text(rng: &mut Rng, depth: usize) -> String {
    let ws = |rng: &mut Rng| {
        rng.pick(&["", "", " ", "\n", "\n  ", "\t", "\r\n"])
            .to_string()
    };
    let kind = if depth == 0 {
        rng.below(2) + 4
    } else {
        rng.below(6)
    };
    match kind {
        0 => json_string(rng),
        1 => rng
            .pick(&[
                "0",
                "-0",
                "1",
                "-1.5",
                "1e400",
                "1E+2",
                "12345678901234567890123",
                "0.1000",
                "3.14159",
            ])
            .to_string(),
        2 => rng.pick(&["true", "false", "null"]).to_string(),
        3 if depth >= 3 => json_string(rng),
        3 | 4 => {
            let items: Vec<String> = (0..rng.range(0, 4))
                .map(|_| format!("{}{}{}", ws(rng), json_text(rng, depth + 1), ws(rng)))
                .collect();
            format!("[{}]", items.join(","))
        }
        _ => {
            let items: Vec<String> = (0..rng.range(0, 4))
                .map(|_| {
                    format!(
                        "{}{}{}:{}{}",
                        ws(rng),
                        json_string(rng),
                        ws(rng),
                        json_text(rng, (depth + 1).max(1)),
                        ws(rng)
                    )
                })
                .collect();
            format!("{{{}}}", items.join(","))
        }
    }
}

pub(super) fn json_string(rng: &mut Rng) -> String {
    let raw = text(rng, TEXT, 6);
    let s = String::from_utf8_lossy(&raw);
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '/' if rng.chance(30) => out.push_str("\\/"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c if !c.is_ascii() && rng.chance(30) => {
                let mut units = [0u16; 2];
                for u in c.encode_utf16(&mut units) {
                    let _ = write!(out, "\\u{:04X}", u);
                }
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Random bytes of every value, NUL, CR and LF included (or sometimes plain text).
pub(super) fn file_bytes(rng: &mut Rng) -> Vec<u8> {
    if rng.chance(25) {
        return text(rng, TEXT, 12);
    }
    (0..rng.range(0, 300))
        .map(|_| match rng.below(10) {
            0 => 0,
            1 => *rng.pick(b"\r\n"),
            _ => rng.below(256) as u8,
        })
        .collect()
}

/// `-d @file` content whose newlines curl and curl2code remove alike. curl reads the file with
/// `fgets` into 256-byte chunks and cuts EACH CHUNK at its first CR or LF: a CR not followed by
/// LF drops the rest of its line (`a\rb\n` sends `a`), and a NUL ends the data. curl2code drops
/// every CR and LF instead (a known difference), so the generator leaves those two out:
/// a lone CR becomes LF and NUL goes.
pub(super) fn fgets_safe(mut b: Vec<u8>) -> Vec<u8> {
    b.retain(|&c| c != 0);
    let lone: Vec<usize> = b
        .iter()
        .enumerate()
        .filter(|&(i, &c)| c == b'\r' && b.get(i + 1) != Some(&b'\n'))
        .map(|(i, _)| i)
        .collect();
    for i in lone {
        if let Some(c) = b.get_mut(i) {
            *c = b'\n';
        }
    }
    b
}

/// Case `index` of `seed`.
pub(super) fn generate_case(seed: u64, index: usize) -> Case {
    let mut rng = Rng::for_case(seed, index);
    let rng = &mut rng;
    let mut groups: Vec<Vec<Arg>> = Vec::new();
    let mut files = Vec::new();
    let mut kind = Vec::new();
    let mut used = Vec::new();

    let headers = rng.range(0, 4);
    for _ in 0..headers {
        let name = header_name(rng, &mut used);
        let value = text(rng, HEADER_VALUE, 8);
        let blank = value.iter().all(|b| *b == b' ' || *b == b'\t');
        let mut line = name.clone().into_bytes();
        if blank || rng.chance(4) {
            // `Name;` sends the header with an empty value (`Name:` alone would remove it).
            line.push(b';');
        } else {
            line.push(b':');
            line.extend_from_slice(rng.pick(&["", " ", " ", "  ", "\t"]).as_bytes());
            line.extend(value);
        }
        groups.push(match rng.below(10) {
            0 => vec![Arg::opt("--header"), Arg::new(line, rng)],
            1 => {
                let mut attached = b"-H".to_vec();
                attached.extend(line);
                vec![Arg::new(attached, rng)]
            }
            _ => vec![Arg::opt("-H"), Arg::new(line, rng)],
        });
    }
    if headers > 0 {
        kind.push(format!("{headers} header(s)"));
    }
    let body = rng.below(100);
    let has_body = body >= 30;
    if (30..60).contains(&body) && rng.chance(10) {
        // Only with `-d`-style bodies: a custom type on multipart or `--json` tests other rules.
        let ct = *rng.pick(&[
            "Content-Type: text/plain; charset=utf-8",
            "Content-Type: application/x-odd",
        ]);
        groups.push(vec![Arg::opt("-H"), Arg::new(ct, rng)]);
        kind.push("content-type".to_string());
    }
    match body {
        0..=29 => {}
        30..=49 => {
            // Inline data, joined by `&` when there are several.
            let n = rng.range(1, 3);
            for _ in 0..n {
                let mut data = any_bytes(rng, 10);
                let opt = *rng.pick(&[
                    "-d",
                    "--data",
                    "--data-raw",
                    "--data-binary",
                    "--data-ascii",
                    "--data-urlencode",
                ]);
                if opt == "--data-urlencode" {
                    // `name=content`: only the content is encoded.
                    let mut d = word(rng, 6).into_bytes();
                    d.push(b'=');
                    d.extend(data);
                    data = d;
                } else if opt != "--data-raw" && data.first() == Some(&b'@') {
                    // `@` would read a file.
                    data.insert(0, b'x');
                }
                groups.push(vec![Arg::opt(opt), Arg::new(data, rng)]);
            }
            kind.push(format!("data({n})"));
        }
        50..=59 => {
            // Binary file, NUL included, sent byte-exact; or a text file `-d @` strips of newlines.
            let strip = rng.chance(25);
            let name = file_name(rng, index, files.len(), ".bin");
            let contents = if strip {
                fgets_safe(text(rng, TEXT, 14))
            } else {
                file_bytes(rng)
            };
            files.push((name.clone(), contents));
            let opt = if strip { "-d" } else { "--data-binary" };
            groups.push(vec![Arg::opt(opt), Arg::new(format!("@{name}"), rng)]);
            kind.push(
                if strip {
                    "-d @file"
                } else {
                    "--data-binary @file"
                }
                .to_string(),
            );
        }
        60..=74 => {
            let json = json_text(rng, 0);
            match rng.below(4) {
                0 => {
                    let name = file_name(rng, index, files.len(), ".json");
                    files.push((name.clone(), json.into_bytes()));
                    groups.push(vec![Arg::opt("--json"), Arg::new(format!("@{name}"), rng)]);
                    kind.push("--json @file".to_string());
                }
                1 => {
                    groups.push(vec![
                        Arg::opt("-H"),
                        Arg::new("Content-Type: application/json", rng),
                    ]);
                    groups.push(vec![Arg::opt("--data-raw"), Arg::new(json, rng)]);
                    kind.push("json --data-raw".to_string());
                }
                _ => {
                    groups.push(vec![Arg::opt("--json"), Arg::new(json, rng)]);
                    kind.push("--json".to_string());
                }
            }
        }
        _ => {
            let n = rng.range(1, 4);
            for _ in 0..n {
                let mut name = String::from_utf8_lossy(&text(rng, FORM_NAME, 4))
                    .replace('=', "")
                    .to_string();
                if name.is_empty() || name.starts_with(['-', '@', '<']) {
                    name.insert_str(0, &word(rng, 4));
                }
                let part: Vec<Arg> = match rng.below(5) {
                    0 => {
                        // Bare value: no `;` (curl parses `;type=` after it), and not starting
                        // with `@`, `<` (files) or `"` (a quoted value).
                        let mut v = String::from_utf8_lossy(&text(rng, FORM_VALUE, 6)).to_string();
                        if v.starts_with(['@', '<', '"']) {
                            v.insert(0, 'v');
                        }
                        vec![Arg::opt("-F"), Arg::new(format!("{name}={v}"), rng)]
                    }
                    1 => {
                        // Quoted value: `"…"` with `\"` and `\\`, may hold `;` and `,`.
                        let v = String::from_utf8_lossy(&text(rng, FORM_STRING, 6))
                            .replace(['\n', '\r'], " ");
                        let mut q = String::from("\"");
                        for c in v.chars() {
                            if c == '"' || c == '\\' {
                                q.push('\\');
                            }
                            q.push(c);
                        }
                        q.push('"');
                        vec![Arg::opt("-F"), Arg::new(format!("{name}={q}"), rng)]
                    }
                    2 => {
                        let v = String::from_utf8_lossy(&text(rng, FORM_STRING, 8)).to_string();
                        vec![
                            Arg::opt("--form-string"),
                            Arg::new(format!("{name}={v}"), rng),
                        ]
                    }
                    _ => {
                        let local = file_name(rng, index, files.len(), ".dat");
                        files.push((local.clone(), file_bytes(rng)));
                        let mut spec = format!("{name}=@{local}");
                        if rng.chance(75) {
                            spec.push_str(";filename=");
                            spec.push_str(&part_filename(rng));
                        }
                        if rng.chance(15) {
                            spec.push_str(";type=application/x-odd");
                        }
                        vec![Arg::opt("-F"), Arg::new(spec, rng)]
                    }
                };
                groups.push(part);
            }
            kind.push(format!("multipart({n})"));
        }
    }

    // The method: default, or -X with one every target can send (fetch refuses GET with a body).
    let method = match rng.below(10) {
        0..=5 => None,
        6 | 7 => Some(if has_body {
            rng.pick(&["PUT", "PATCH", "DELETE", "POST"]).to_string()
        } else {
            rng.pick(&["DELETE", "OPTIONS", "PUT", "POST", "PATCH"])
                .to_string()
        }),
        _ => Some(custom_method(rng)),
    };
    if let Some(m) = method {
        let at = rng.range(0, groups.len());
        let opt = *rng.pick(&["-X", "--request"]);
        kind.insert(0, m.clone());
        groups.insert(at, vec![Arg::opt(opt), Arg::new(m, rng)]);
    }

    let url = Arg {
        bytes: url_target(rng).into_bytes(),
        style: if rng.chance(70) {
            Style::Oracle
        } else {
            Style::Double
        },
        url: true,
    };
    let at = rng.range(0, groups.len());
    groups.insert(at, vec![url]);
    Case {
        index,
        groups,
        files,
        kind: if kind.is_empty() {
            "GET".to_string()
        } else {
            kind.join(", ")
        },
    }
}

// ---------------------------------------------------------------------------------------------
