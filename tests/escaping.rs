//! Escaping property tests: random requests full of quotes, backslashes, `${`, `#{`, `*/`, `"""`,
//! emoji, U+2028 and raw bytes go through the real curl and through the generated Python,
//! JavaScript and Rust programs to the loopback capture server, and every request must match under
//! the wire-fidelity rules of tests/support/compare.rs (method, target, header multiset, body /
//! multipart parts).
//!
//! Fast by batching: cases are cut into batches of [`BATCH`], and each batch is ONE curl command
//! line (`curl <case 0> --next <case 1> --next …`, written to a script that bash runs), converted
//! into ONE program per language. curl runs once per batch for all three languages; each language
//! then runs its batch programs against its own capture server, in parallel with the others; the
//! Rust batch programs are modules of one binary of the shared generated-Rust project
//! (tests/support/rustbuild.rs), built once (up to 20 per cargo build). Request k of a batch
//! belongs to case k. Conversions are told the input is bash; detection has its own property.
//! A language whose generator is still a placeholder is reported as pending.
//!
//! A mismatch fails the test unless curl2code warned about that case (any warning but the shell
//! lexer's notes about quoting): such declared limitations are counted and listed in the summary.
//!
//! Arguments are quoted for bash in three styles: shell-words' `quote` (the oracle), double quotes,
//! and ANSI-C `$'…'`; bytes that cannot be in a `&str` command or that a shell would eat (invalid
//! UTF-8, control characters) always go through `$'\xHH'`. Binary bodies (NUL included) go through
//! generated files.
//!
//! Knobs: `CURL2CODE_SEED=N` (decimal or 0x-hex) replays a run (the seed is printed first);
//! `CURL2CODE_CASES=N` runs N cases instead of 1,000; `CURL2CODE_CASE=I` runs only case I of the
//! seed; `CURL2CODE_CLIPPY=1` also runs clippy on the Rust batch programs; `CURL2CODE_STRICT=1`
//! fails while a generator is still a placeholder; `CURL2CODE_KEEP_TMP=1` keeps the scratch
//! directory (batch scripts, programs, files). A report per language goes to
//! target/test-reports/escaping-<lang>.txt.
//!
//! Fast properties that need no interpreter: the bash quoting of random words comes back
//! byte-exact out of curl2code's shell lexer (and out of shell-words' `split` for the words it
//! quoted itself; `printf` in one bash run checks the test's quoting); commands using bash-only
//! quoting are detected as bash; random strings, bytes and Values through each literal module
//! (src/codegen/literal/*.rs) read back exactly under that language's literal rules
//! (tests/escaping/decode.rs).

#[path = "escaping/decode.rs"]
mod decode;
mod support;

use curl2code::Dialect;
use curl2code::shell::WordPart;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::Write as _;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};
use support::compare::{self, Rules};
use support::fixture;
use support::process::{self, TempDir};
use support::programs::{self, Generated, Lang, Runnable};
use support::rustbuild;
use support::server::{Recorded, Server};

/// Cases per language in a default run.
const DEFAULT_CASES: usize = 1000;
/// Cases per batch: one curl process and one program per language each.
const BATCH: usize = 100;
/// A batch of 100 small requests takes a program well under a second; this is a hang.
const RUN_TIMEOUT: Duration = Duration::from_secs(90);
/// Rust batch programs per cargo build (compile memory grows fast with the crate's size).
const RUST_BATCHES_PER_BUILD: usize = 20;
/// Failures printed in full per language (the rest are listed in one line each).
const SHOWN: usize = 12;
/// Failures re-run alone (Python and JavaScript only: a lone Rust case costs a cargo build).
const RERUN_ALONE: usize = 4;

// ---------------------------------------------------------------------------------------------
// Seed and a small deterministic PRNG.

/// splitmix64: tiny, fast, well spread; the tests must not need a random-number crate.
#[derive(Clone, Debug)]
struct Rng(u64);

impl Rng {
    /// The generator of case `index` under `seed`: every case can be rebuilt on its own.
    fn for_case(seed: u64, index: usize) -> Rng {
        let mut r = Rng(seed ^ (index as u64).wrapping_mul(0xA076_1D64_78BD_642F));
        r.next();
        r
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (0 when `n` is 0).
    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }

    /// Uniform in `lo..=hi`.
    fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi.saturating_sub(lo) + 1)
    }

    /// True `percent` times in 100.
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }

    fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len())]
    }
}

/// The seed CI uses: two CI runs of one commit test the same cases. A new fixed seed is a
/// deliberate commit, like a lockfile update.
const CI_SEED: u64 = 20_261_204;

/// `CURL2CODE_SEED` (decimal or 0x-hex); else [`CI_SEED`] when `CI` is set; else a fresh one from
/// the clock, so runs by hand keep exploring new cases.
fn seed() -> u64 {
    if let Ok(s) = std::env::var("CURL2CODE_SEED") {
        let s = s.trim();
        let parsed = match s.strip_prefix("0x") {
            Some(hex) => u64::from_str_radix(hex, 16),
            None => s.parse(),
        };
        return parsed.unwrap_or_else(|_| panic!("CURL2CODE_SEED={s:?} is not a number"));
    }
    if std::env::var_os("CI").is_some_and(|v| !v.is_empty()) {
        return CI_SEED;
    }
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos() as u64);
    // Small enough to type back in.
    Rng(nanos ^ u64::from(std::process::id())).next() % 1_000_000_000
}

/// Every input here is bash: conversions say so, and dialect detection gets its own property
/// ([`bash_only_quoting_is_detected_as_bash`]) instead of blurring the escaping results.
fn bash_options() -> curl2code::Options {
    // Byte equality is what this suite checks: the `--exact` output.
    curl2code::Options {
        shell: Some(Dialect::Bash),
        exact: true,
        ..Default::default()
    }
}

/// `CURL2CODE_CLIPPY=1`: also lint the Rust batch programs (about 30 s more; the wire suite lints
/// every fixture's program anyway).
fn clippy() -> bool {
    std::env::var("CURL2CODE_CLIPPY").is_ok_and(|v| v == "1")
}

fn env_usize(name: &str) -> Option<usize> {
    std::env::var(name).ok().map(|v| {
        v.trim()
            .parse()
            .unwrap_or_else(|_| panic!("{name}={v:?} is not a number"))
    })
}

// ---------------------------------------------------------------------------------------------
// Bash quoting.

/// How one argument is quoted in the command text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Style {
    /// `shell_words::quote` (single quotes, `'\''`), the quoting oracle.
    Oracle,
    /// `"…"` with `\$ \` \" \\`.
    Double,
    /// `$'…'` for the whole word.
    AnsiC,
}

fn style(rng: &mut Rng) -> Style {
    match rng.below(10) {
        0..=5 => Style::Oracle,
        6 | 7 => Style::Double,
        _ => Style::AnsiC,
    }
}

/// Characters no quote but `$'…'` can carry through a shell: control characters other than TAB
/// and LF (bash keeps CR in quotes, but a pasted CR is easily a line ending; `$'\r'` says what it is).
fn needs_ansi_c(c: char) -> bool {
    (c < ' ' && c != '\n' && c != '\t') || c == '\u{7f}'
}

/// `s` quoted by shell-words. It leaves `{a,b}` unquoted, which bash brace-expands into two words:
/// braces are single-quoted here.
fn oracle_quote(s: &str) -> String {
    let q = shell_words::quote(s);
    if q == s && s.contains(['{', '}']) {
        format!("'{s}'")
    } else {
        q.into_owned()
    }
}

fn double_quote(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        if matches!(c, '$' | '`' | '"' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('"');
    out
}

/// `$'…'`: printable ASCII and other UTF-8 as is, `\\` and `\'` escaped, every other byte `\xHH`.
fn ansi_c_quote(b: &[u8]) -> String {
    let mut out = String::from("$'");
    for chunk in b.utf8_chunks() {
        for c in chunk.valid().chars() {
            match c {
                '\\' => out.push_str("\\\\"),
                '\'' => out.push_str("\\'"),
                c if c.is_ascii() && !c.is_ascii_control() => out.push(c),
                c if !c.is_ascii() => out.push(c),
                c => {
                    let _ = write!(out, "\\x{:02x}", c as u32);
                }
            }
        }
        for byte in chunk.invalid() {
            let _ = write!(out, "\\x{byte:02x}");
        }
    }
    out.push('\'');
    out
}

/// One shell word holding exactly `b`: runs of plain text in `style`, and `$'\xHH'` pieces for
/// what only ANSI-C quoting can carry, concatenated (`'a b'$'\xff''c'`).
fn quote(b: &[u8], style: Style) -> String {
    if style == Style::AnsiC {
        return ansi_c_quote(b);
    }
    let plain = |s: &str| match style {
        Style::Double => double_quote(s),
        _ => oracle_quote(s),
    };
    if b.is_empty() {
        return plain("");
    }
    let mut out = String::new();
    let mut run = String::new();
    let mut special: Vec<u8> = Vec::new();
    let flush_run = |out: &mut String, run: &mut String| {
        if !run.is_empty() {
            out.push_str(&plain(run));
            run.clear();
        }
    };
    let flush_special = |out: &mut String, special: &mut Vec<u8>| {
        if !special.is_empty() {
            out.push_str(&ansi_c_quote(special));
            special.clear();
        }
    };
    for chunk in b.utf8_chunks() {
        for c in chunk.valid().chars() {
            if needs_ansi_c(c) {
                flush_run(&mut out, &mut run);
                special.extend_from_slice(c.encode_utf8(&mut [0; 4]).as_bytes());
            } else {
                flush_special(&mut out, &mut special);
                run.push(c);
            }
        }
        if !chunk.invalid().is_empty() {
            flush_run(&mut out, &mut run);
            special.extend_from_slice(chunk.invalid());
        }
    }
    flush_run(&mut out, &mut run);
    flush_special(&mut out, &mut special);
    out
}

// ---------------------------------------------------------------------------------------------
// Text generators.

/// ASCII pieces that break naive quoting in some target language (or in the shell).
const NASTY: [&str; 44] = [
    "\"",
    "'",
    "\\",
    "\\\\",
    "\\\"",
    "\\'",
    "$",
    "${",
    "${HOME}",
    "$HOME",
    "$(id)",
    "`id`",
    "`",
    "#{",
    "#{x}",
    "{",
    "}",
    "{}",
    "{{",
    "}}",
    "{0}",
    "*/",
    "/*",
    "//",
    "\"\"\"",
    "'''",
    "%",
    "%s",
    "%d",
    "%%",
    "\\n",
    "\\x00",
    "\\u0000",
    "\\u{0}",
    "</script>",
    "<!--",
    "r#\"",
    "\"#",
    "#",
    ";",
    "--",
    "'\\''",
    "\\\n",
    "?>",
];

/// UTF-8 pieces: accents, CJK, emoji (4-byte, with modifiers), line and paragraph separators,
/// NEL, no-break and zero-width spaces, BOM, a bidi override, the last scalar values.
const UTF8: [&str; 22] = [
    "é",
    "ü",
    "ß",
    "Ω",
    "中文",
    "日本語",
    "😀",
    "🦀",
    "👍🏽",
    "\u{2028}",
    "\u{2029}",
    "\u{85}",
    "\u{a0}",
    "\u{feff}",
    "\u{200b}",
    "\u{202e}",
    "\u{ff}",
    "\u{100}",
    "\u{fffd}",
    "\u{10ffff}",
    "\u{301}",
    "a\u{301}",
];

/// What a piece of generated text may contain.
#[derive(Clone, Copy)]
struct Chars {
    /// LF, CR LF and lone CR.
    newlines: bool,
    /// Bytes 0x80-0xFF, most of them not UTF-8.
    raw: bool,
    /// Control characters other than TAB, LF and CR (never NUL: argv cannot hold it).
    controls: bool,
    /// Characters left out (e.g. `;` in unquoted `-F` values, `=` in form names).
    forbid: &'static [char],
}

const HEADER_VALUE: Chars = Chars {
    newlines: false,
    raw: true,
    controls: false,
    forbid: &[],
};
const DATA: Chars = Chars {
    newlines: true,
    raw: true,
    controls: true,
    forbid: &[],
};
/// Form names and text values stay UTF-8: requests/urllib3 decode names as UTF-8 and fetch's
/// FormData holds strings; arbitrary bytes go through file parts instead.
const FORM_NAME: Chars = Chars {
    newlines: false,
    raw: false,
    controls: false,
    forbid: &['='],
};
const FORM_VALUE: Chars = Chars {
    newlines: false,
    raw: false,
    controls: false,
    forbid: &[';'],
};
const FORM_STRING: Chars = Chars {
    newlines: true,
    raw: false,
    controls: false,
    forbid: &[],
};
const TEXT: Chars = Chars {
    newlines: true,
    raw: false,
    controls: false,
    forbid: &[],
};

fn alnum(rng: &mut Rng) -> char {
    *rng.pick(&[
        'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l', 'm', 'n', 'o', 'p', 'q', 'r',
        's', 't', 'u', 'v', 'w', 'x', 'y', 'z', 'A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I', 'J',
        'K', 'L', 'M', 'N', 'O', 'P', 'Q', 'R', 'S', 'T', 'U', 'V', 'W', 'X', 'Y', 'Z', '0', '1',
        '2', '3', '4', '5', '6', '7', '8', '9',
    ])
}

fn word(rng: &mut Rng, max: usize) -> String {
    (0..rng.range(1, max)).map(|_| alnum(rng)).collect()
}

/// Up to `max` random pieces of text allowed by `chars`.
fn text(rng: &mut Rng, chars: Chars, max: usize) -> Vec<u8> {
    let mut out = Vec::new();
    for _ in 0..rng.range(0, max) {
        let piece: Vec<u8> = match rng.below(100) {
            0..=34 => vec![rng.range(0x20, 0x7e) as u8],
            35..=47 => word(rng, 8).into_bytes(),
            48..=67 => rng.pick(&NASTY).as_bytes().to_vec(),
            68..=82 => rng.pick(&UTF8).as_bytes().to_vec(),
            83..=87 => rng.pick(&[" ", "  ", "\t", " \t "]).as_bytes().to_vec(),
            88..=91 if chars.newlines => rng
                .pick(&["\n", "\n", "\r\n", "\r", "\n\n"])
                .as_bytes()
                .to_vec(),
            92..=93 if chars.controls => {
                vec![*rng.pick(&[1u8, 7, 8, 0x0b, 0x0c, 0x1b, 0x1f, 0x7f])]
            }
            94..=99 if chars.raw => (0..rng.range(1, 3))
                .map(|_| rng.range(0x80, 0xff) as u8)
                .collect(),
            _ => word(rng, 4).into_bytes(),
        };
        let allowed = |p: &[u8]| {
            let s = String::from_utf8_lossy(p);
            !s.contains(chars.forbid)
                && (chars.newlines || !s.contains(['\n', '\r']))
                && (chars.controls || !s.chars().any(|c| needs_ansi_c(c) && c != '\r'))
        };
        if allowed(&piece) {
            out.extend(piece);
        }
    }
    out
}

/// Any bytes a command-line argument can hold (everything but NUL).
fn any_bytes(rng: &mut Rng, max: usize) -> Vec<u8> {
    text(rng, DATA, max)
}

// ---------------------------------------------------------------------------------------------
// The request generators.

/// Header names that curl, the client libraries or the comparison treat specially: a random token
/// hitting one would test that feature, not escaping.
const RESERVED_HEADERS: [&str; 26] = [
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
fn header_name(rng: &mut Rng, used: &mut Vec<String>) -> String {
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
fn url_target(rng: &mut Rng) -> String {
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

fn url_text(rng: &mut Rng, query: bool, max: usize) -> String {
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

fn is_dot_segment(seg: &str) -> bool {
    let dots = seg.to_ascii_lowercase().replace("%2e", ".");
    dots == "." || dots == ".."
}

/// One argv entry of a case.
#[derive(Clone, Debug)]
struct Arg {
    bytes: Vec<u8>,
    style: Style,
    /// The bytes are the URL's path and query: the origin is put in front when rendered.
    url: bool,
}

impl Arg {
    fn new(bytes: impl Into<Vec<u8>>, rng: &mut Rng) -> Arg {
        Arg {
            bytes: bytes.into(),
            style: style(rng),
            url: false,
        }
    }

    /// Options are plain words: written bare, as people type them.
    fn opt(name: &str) -> Arg {
        Arg {
            bytes: name.as_bytes().to_vec(),
            style: Style::Oracle,
            url: false,
        }
    }

    fn render(&self, origin: &str) -> String {
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
struct Case {
    index: usize,
    groups: Vec<Vec<Arg>>,
    /// Files to create in the working directory: (name, contents).
    files: Vec<(String, Vec<u8>)>,
    /// What it exercises, for reports (`PURGE, 3 headers, multipart(2)`).
    kind: String,
}

impl Case {
    /// The arguments after `curl`, quoted for bash.
    fn shell(&self, origin: &str) -> String {
        let words: Vec<String> = self
            .groups
            .iter()
            .flatten()
            .map(|a| a.render(origin))
            .collect();
        words.join(" ")
    }

    /// The case alone as a curl command.
    fn command(&self, origin: &str) -> String {
        format!("curl {}\n", self.shell(origin))
    }

    /// The files, shown escaped, for reports.
    fn describe_files(&self) -> String {
        self.files
            .iter()
            .map(|(n, b)| format!("\n  file {n:?}: {}", compare::show(b)))
            .collect()
    }
}

/// ONE curl command for several cases: `curl <case> \ --next <case> …`.
fn batch_command(cases: &[&Case], origin: &str) -> String {
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
fn file_name(rng: &mut Rng, index: usize, n: usize, ext: &str) -> String {
    let odd = if rng.chance(30) {
        *rng.pick(&[" odd name", " 'q' $x", " (é) & 😀", "_ü!", " \u{2028}"])
    } else {
        ""
    };
    format!("c{index:05}-{n}{odd}{ext}")
}

/// A `filename=` for a file part: odd names in quoted (`\"`, `\\` escaped) or bare form.
fn part_filename(rng: &mut Rng) -> String {
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
fn custom_method(rng: &mut Rng) -> String {
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
fn json_text(rng: &mut Rng, depth: usize) -> String {
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

fn json_string(rng: &mut Rng) -> String {
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
fn file_bytes(rng: &mut Rng) -> Vec<u8> {
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
fn fgets_safe(mut b: Vec<u8>) -> Vec<u8> {
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
fn generate_case(seed: u64, index: usize) -> Case {
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
// Running curl and the programs.

/// What a case ran into in one language.
struct Failure {
    /// Case indices concerned (empty: the whole batch).
    cases: Vec<usize>,
    /// Short description for the one-line list.
    headline: String,
    /// Everything needed to reproduce and understand it.
    detail: String,
}

#[derive(Default)]
struct LangReport {
    compared: usize,
    exact: usize,
    equivalent: usize,
    /// Tolerated differences (Node's extra headers, multipart framing) and how often.
    notes: BTreeMap<String, usize>,
    failures: Vec<Failure>,
    /// Mismatches the generator warned about (a limitation it declares): warning → cases.
    declared: BTreeMap<String, Vec<usize>>,
    /// Details of the declared mismatches, for the report file.
    declared_details: Vec<Failure>,
    /// Cases never compared (their batch stopped and the rounds ran out).
    not_run: usize,
    pending: Option<String>,
    elapsed: Duration,
    programs: usize,
}

struct Corpus {
    seed: u64,
    cases: Vec<Case>,
    /// Where the files, scripts and programs are (programs run here too).
    dir: TempDir,
    /// What curl sent, one request per case (same order as `cases`).
    curl: Vec<Recorded>,
    /// How long generating the files and running curl took.
    curl_elapsed: Duration,
}

fn bash(script: &Path, cwd: &Path) -> process::Outcome {
    let mut cmd = Command::new("bash");
    cmd.arg(script).current_dir(cwd);
    process::clean_env(&mut cmd, cwd);
    process::run(cmd, b"", RUN_TIMEOUT).unwrap_or_else(|e| panic!("could not run bash: {e}"))
}

/// Generates the cases, writes their files, and records what curl sends for each.
fn corpus(seed: u64, indices: &[usize]) -> Corpus {
    let cases: Vec<Case> = indices.iter().map(|&i| generate_case(seed, i)).collect();
    let dir = TempDir::new("escaping");
    for c in &cases {
        for (name, bytes) in &c.files {
            std::fs::write(dir.path().join(name), bytes)
                .unwrap_or_else(|e| panic!("write {name:?}: {e}"));
        }
    }
    let start = Instant::now();
    let server = Server::new();
    let mut curl = Vec::new();
    for (b, batch) in cases.chunks(BATCH).enumerate() {
        let refs: Vec<&Case> = batch.iter().collect();
        let script = dir.path().join(format!("curl-{b:02}.sh"));
        std::fs::write(&script, batch_command(&refs, &server.origin())).expect("write script");
        server.take_requests();
        let out = bash(&script, dir.path());
        let got = server.take_requests();
        if out.code == Some(0) && got.len() == batch.len() {
            curl.extend(got);
            continue;
        }
        // The generator made something curl does not take: find the case, alone.
        let mut culprits = String::new();
        for c in batch {
            let one = dir.path().join("curl-alone.sh");
            std::fs::write(&one, c.command(&server.origin())).expect("write script");
            server.take_requests();
            let o = bash(&one, dir.path());
            let n = server.take_requests().len();
            if o.code != Some(0) || n != 1 {
                let _ = write!(
                    culprits,
                    "\ncase {} sent {n} request(s), curl {}:\n{}{}\n{}",
                    c.index,
                    o.describe_exit(),
                    c.command(&server.origin()),
                    c.describe_files(),
                    o.stderr_text()
                );
            }
        }
        panic!(
            "escaping: seed {seed}: curl does not take batch {b} as generated ({} request(s) for {} \
             cases, {}): a bug in the test's generator{culprits}\n{}",
            got.len(),
            batch.len(),
            out.describe_exit(),
            out.stderr_text()
        );
    }
    Corpus {
        seed,
        cases,
        dir,
        curl,
        curl_elapsed: start.elapsed(),
    }
}

/// Converts `cases` as one batch. `Err` when the language is pending. Cases curl2code refuses are
/// reported and left out (found by converting each alone).
fn generate_batch(
    cases: &[&Case],
    lang: Lang,
    origin: &str,
    seed: u64,
    report: &mut LangReport,
) -> Result<Option<(Vec<usize>, String)>, String> {
    let input = batch_command(cases, origin);
    match programs::generate(&input, lang, &bash_options()) {
        Generated::Code(code) => {
            return Ok(Some((cases.iter().map(|c| c.index).collect(), code)));
        }
        Generated::Pending(why) => return Err(why),
        // Found below, one case at a time.
        Generated::Refused(_) => {}
    }
    let mut kept = Vec::new();
    for c in cases {
        match programs::generate(&c.command(origin), lang, &bash_options()) {
            Generated::Refused(diag) => report.failures.push(Failure {
                cases: vec![c.index],
                headline: format!(
                    "case {}: curl2code refused it: {}",
                    c.index,
                    diag.lines().next().unwrap_or_default()
                ),
                detail: format!(
                    "{}curl2code refused it:\n{diag}",
                    case_header(seed, c, origin)
                ),
            }),
            Generated::Pending(why) => return Err(why),
            Generated::Code(_) => kept.push(*c),
        }
    }
    if kept.is_empty() {
        return Ok(None);
    }
    let input = batch_command(&kept, origin);
    match programs::generate(&input, lang, &bash_options()) {
        Generated::Code(code) => Ok(Some((kept.iter().map(|c| c.index).collect(), code))),
        Generated::Pending(why) => Err(why),
        Generated::Refused(diag) => {
            report.failures.push(Failure {
                cases: Vec::new(),
                headline: format!(
                    "cases {}..={}: refused as one batch, accepted one by one",
                    kept.first().map_or(0, |c| c.index),
                    kept.last().map_or(0, |c| c.index)
                ),
                detail: format!(
                    "seed {seed}: curl2code refuses the batch but takes each case alone:\n{diag}\n\
                     first diagnostic only; first 2,000 characters of the input:\n{}",
                    process::shorten(&input, 2000)
                ),
            });
            report.not_run += kept.len();
            Ok(None)
        }
    }
}

/// The warnings converting `input` gives, minus the shell lexer's notes about quoting (a raw byte
/// in `$'…'`, a look-alike space): what curl2code says it does not convert or the target cannot
/// express. A mismatch with such a warning is a declared limitation, not a silent bug.
fn declared_warnings(input: &str, lang: Lang) -> Vec<String> {
    let Ok(conversion) = curl2code::convert(input, lang.target(), &bash_options()) else {
        return Vec::new();
    };
    let mut lexer = Vec::new();
    let _ = curl2code::shell::tokenize(input, Some(Dialect::Bash), &mut lexer);
    let lexer: Vec<String> = lexer.into_iter().map(|d| d.message).collect();
    let own: std::collections::BTreeSet<String> = conversion
        .warnings
        .into_iter()
        .map(|d| d.message)
        .filter(|m| !lexer.contains(m))
        .collect();
    own.into_iter().collect()
}

/// The reproduction header of a failure message.
fn case_header(seed: u64, c: &Case, origin: &str) -> String {
    format!(
        "seed {seed}, case {} ({}); rerun it alone with: CURL2CODE_SEED={seed} CURL2CODE_CASE={} \
         cargo test --test escaping escaping_curl_and_programs\n\
         command:\n  {}{}\n",
        c.index,
        c.kind,
        c.index,
        c.command(origin).trim_end().replace('\n', "\n  "),
        c.describe_files()
    )
}

/// Module names for the Rust batch programs.
fn module_name(round: usize, batch: usize) -> String {
    fixture::ident(&format!("escaping_r{round}_b{batch:02}"))
}

/// The cases a compiler or clippy message points at: those whose program, converted alone,
/// contains a source line quoted in the message. Lines most programs share (the retry helper,
/// imports) say nothing about a case and are skipped.
fn culprits(message: &str, cases: &[&Case], origin: &str) -> Vec<usize> {
    let snippets: Vec<&str> = message
        .lines()
        .filter_map(|l| {
            let (num, code) = l.split_once('|')?;
            num.trim().parse::<usize>().ok()?;
            let code = code.trim();
            (code.len() > 6).then_some(code)
        })
        .collect();
    let programs: Vec<(usize, String)> = cases
        .iter()
        .filter_map(
            |c| match programs::generate(&c.command(origin), Lang::Rust, &bash_options()) {
                Generated::Code(code) => Some((c.index, code)),
                _ => None,
            },
        )
        .collect();
    let mut found = std::collections::BTreeSet::new();
    for s in snippets {
        let hits: Vec<usize> = programs
            .iter()
            .filter(|(_, code)| code.contains(s))
            .map(|(i, _)| *i)
            .collect();
        if !hits.is_empty() && hits.len() * 2 <= programs.len().max(2) {
            found.extend(hits);
        }
    }
    found.into_iter().collect()
}

/// Runs every case in `lang` and compares with curl.
fn run_language(lang: Lang, corpus: &Corpus) -> LangReport {
    let start = Instant::now();
    let mut report = LangReport::default();
    let server = Server::new();
    let origin = server.origin();
    let seed = corpus.seed;
    let by_index: BTreeMap<usize, (&Case, &Recorded)> = corpus
        .cases
        .iter()
        .zip(&corpus.curl)
        .map(|(c, r)| (c.index, (c, r)))
        .collect();
    let case = |i: usize| by_index.get(&i).map(|(c, _)| *c).expect("known case");
    // Python and JavaScript rerun what follows a crash (cheap); Rust rebuilds once at most.
    let rounds = if lang == Lang::Rust { 2 } else { 4 };
    let mut todo: Vec<Vec<usize>> = corpus
        .cases
        .chunks(BATCH)
        .map(|b| b.iter().map(|c| c.index).collect())
        .collect();
    let mut problems_seen = 0;
    for round in 0..rounds {
        if todo.is_empty() {
            break;
        }
        let mut all_batches = Vec::new();
        for idxs in &todo {
            let cases: Vec<&Case> = idxs.iter().map(|&i| case(i)).collect();
            match generate_batch(&cases, lang, &origin, seed, &mut report) {
                Ok(Some(b)) => all_batches.push(b),
                Ok(None) => {}
                Err(why) => {
                    report.pending = Some(why);
                    report.elapsed = start.elapsed();
                    return report;
                }
            }
        }
        // Programs: Rust ones built a few dozen modules at a time (one crate of 200 batch
        // programs needs more than 12 GB to compile).
        let per_build = if lang == Lang::Rust {
            RUST_BATCHES_PER_BUILD
        } else {
            all_batches.len().max(1)
        };
        let mut next = Vec::new();
        for (chunk, batches) in all_batches.chunks(per_build).enumerate() {
            let first = chunk * per_build;
            let runnables: Vec<Runnable> = if lang == Lang::Rust {
                let sources: BTreeMap<String, String> = batches
                    .iter()
                    .enumerate()
                    .map(|(b, (_, code))| (module_name(round, first + b), code.clone()))
                    .collect();
                let build = rustbuild::build_with("escaping", &sources, round == 0 && clippy());
                let _ = writeln!(
                    std::io::stderr(),
                    "escaping rust: built {} batch program(s) in {:.1} s",
                    sources.len(),
                    build.elapsed.as_secs_f64()
                );
                if let Some(fatal) = &build.fatal {
                    report.failures.push(Failure {
                        cases: Vec::new(),
                        headline: "the generated Rust project does not build".to_string(),
                        detail: format!("seed {seed}:\n{fatal}"),
                    });
                }
                for (module, msg) in &build.clippy {
                    let cases: Vec<&Case> = batches
                        .iter()
                        .enumerate()
                        .filter(|(b, _)| module_name(round, first + *b) == *module)
                        .flat_map(|(_, (idxs, _))| idxs.iter().map(|&i| case(i)))
                        .collect();
                    let found = culprits(msg, &cases, &origin);
                    report.failures.push(Failure {
                    headline: format!("clippy -D warnings on cases {found:?}"),
                    detail: format!(
                        "seed {seed}: clippy on {module} (cases {found:?} contain the lines it quotes):\n{}{}",
                        found
                            .first()
                            .map(|&i| case_header(seed, case(i), &origin))
                            .unwrap_or_default(),
                        process::shorten(msg, 4000)
                    ),
                    cases: found,
                });
                }
                batches
                    .iter()
                    .enumerate()
                    .map(|(b, _)| {
                        let module = module_name(round, first + b);
                        match (&build.bin, build.broken.get(&module)) {
                            (_, Some(err)) => Runnable::Broken(err.clone()),
                            (Some(bin), None) => Runnable::RustModule(bin.clone(), module),
                            (None, None) => {
                                Runnable::Broken(build.fatal.clone().unwrap_or_default())
                            }
                        }
                    })
                    .collect()
            } else {
                batches
                    .iter()
                    .enumerate()
                    .map(|(b, (_, code))| {
                        programs::write_script(
                            corpus.dir.path(),
                            &format!("{}-r{round}-b{:02}", lang.name(), first + b),
                            lang,
                            code,
                        )
                    })
                    .collect()
            };
            report.programs += runnables.len();

            for ((idxs, _), program) in batches.iter().zip(&runnables) {
                if let Runnable::Broken(msg) = program {
                    // Find the cases the compiler complains about; the others go to the next round.
                    let cases: Vec<&Case> = idxs.iter().map(|&i| case(i)).collect();
                    let found = culprits(msg, &cases, &origin);
                    report.failures.push(Failure {
                    headline: format!("does not compile: cases {found:?}"),
                    detail: format!(
                        "seed {seed}: the Rust program of cases {}..={} does not compile; cases \
                         {found:?} contain the lines rustc quotes:\n{}{}",
                        idxs.first().copied().unwrap_or(0),
                        idxs.last().copied().unwrap_or(0),
                        found
                            .first()
                            .map(|&i| case_header(seed, case(i), &origin))
                            .unwrap_or_default(),
                        process::shorten(msg, 4000)
                    ),
                    cases: found.clone(),
                });
                    let rest: Vec<usize> = idxs
                        .iter()
                        .copied()
                        .filter(|i| !found.contains(i))
                        .collect();
                    if found.is_empty() || rest.is_empty() {
                        report.not_run += rest.len();
                    } else {
                        next.push(rest);
                    }
                    continue;
                }
                server.take_requests();
                let out = program.run(corpus.dir.path(), &[], RUN_TIMEOUT);
                let got = server.take_requests();
                let problems = server.problems();
                let new_problems = problems.get(problems_seen..).unwrap_or_default().join("\n");
                problems_seen = problems.len();
                for (i, p) in idxs.iter().zip(&got) {
                    let (c, curl) = by_index[i];
                    report.compared += 1;
                    let rules = Rules::from_input(&c.command(&origin));
                    let (diffs, notes) = compare::compare_one(curl, p, &rules);
                    if !diffs.is_empty() {
                        let warned = declared_warnings(&c.command(&origin), lang);
                        let failure = Failure {
                            cases: vec![*i],
                            headline: format!(
                                "case {i} ({}): {}",
                                c.kind,
                                diffs
                                    .first()
                                    .map_or("", |d| d.lines().next().unwrap_or_default())
                            ),
                            detail: format!(
                                "{}differences (curl vs {}):\n  {}",
                                case_header(seed, c, &origin),
                                lang.name(),
                                diffs.join("\n  ")
                            ),
                        };
                        if warned.is_empty() {
                            report.failures.push(failure);
                        } else {
                            for w in &warned {
                                report.declared.entry(w.clone()).or_default().push(*i);
                            }
                            report.declared_details.push(failure);
                        }
                    } else if notes.is_empty() {
                        report.exact += 1;
                    } else {
                        report.equivalent += 1;
                        for n in notes {
                            *report.notes.entry(note_kind(&n)).or_default() += 1;
                        }
                    }
                }
                if got.len() > idxs.len() {
                    report.failures.push(Failure {
                        cases: Vec::new(),
                        headline: format!(
                            "the program of cases {:?}.. sent {} requests for {} cases",
                            idxs.first(),
                            got.len(),
                            idxs.len()
                        ),
                        detail: format!(
                            "seed {seed}: extra requests: {}\n{}",
                            got.iter()
                                .skip(idxs.len())
                                .map(Recorded::summary)
                                .collect::<Vec<_>>()
                                .join(", "),
                            out.transcript()
                        ),
                    });
                } else if let Some(&stuck) = idxs.get(got.len()) {
                    let c = case(stuck);
                    report.failures.push(Failure {
                        cases: vec![stuck],
                        headline: format!(
                            "case {stuck} ({}): the program stopped before sending it ({})",
                            c.kind,
                            out.describe_exit()
                        ),
                        detail: format!(
                            "{}the {} program sent the requests of the {} case(s) before this one, \
                         then none:\n{}{}",
                            case_header(seed, c, &origin),
                            lang.name(),
                            got.len(),
                            if new_problems.is_empty() {
                                String::new()
                            } else {
                                format!("capture server: {new_problems}\n")
                            },
                            out.transcript()
                        ),
                    });
                    let rest: Vec<usize> = idxs.get(got.len() + 1..).unwrap_or_default().to_vec();
                    if !rest.is_empty() {
                        next.push(rest);
                    }
                } else if out.code != Some(0) {
                    report.failures.push(Failure {
                        cases: Vec::new(),
                        headline: format!(
                            "the program of cases {:?}.. sent every request, then failed",
                            idxs.first()
                        ),
                        detail: format!("seed {seed}:\n{}", out.transcript()),
                    });
                }
            }
        }
        todo = next;
    }
    report.not_run += todo.iter().map(Vec::len).sum::<usize>();
    if lang != Lang::Rust {
        rerun_alone(lang, corpus, &by_index, &server, &mut report);
    }
    report.elapsed = start.elapsed();
    report
}

/// Groups tolerated differences by kind: "program added `sec-fetch-mode: cors` (…)" → "program
/// added `sec-fetch-mode`".
fn note_kind(note: &str) -> String {
    if let Some((head, _)) = note.split_once(':') {
        if head.contains('`') {
            return format!("{head}`");
        }
    }
    note.split('(').next().unwrap_or(note).trim().to_string()
}

/// Reruns the first failing cases alone (curl, then the program) to show the minimal reproduction.
fn rerun_alone(
    lang: Lang,
    corpus: &Corpus,
    by_index: &BTreeMap<usize, (&Case, &Recorded)>,
    server: &Server,
    report: &mut LangReport,
) {
    let origin = server.origin();
    // The smallest single-case failure of each kind.
    let mut picked: BTreeMap<String, usize> = BTreeMap::new();
    for (i, f) in report.failures.iter().enumerate() {
        if f.cases.len() == 1 {
            let best = picked.entry(signature(&f.headline)).or_insert(i);
            if size(f) < size(&report.failures[*best]) {
                *best = i;
            }
        }
    }
    let picked: Vec<usize> = picked.into_values().take(RERUN_ALONE).collect();
    for f in report
        .failures
        .iter_mut()
        .enumerate()
        .filter(|(i, _)| picked.contains(i))
        .map(|(_, f)| f)
    {
        let Some((c, _)) = by_index.get(&f.cases[0]) else {
            continue;
        };
        let input = c.command(&origin);
        let code = match programs::generate(&input, lang, &bash_options()) {
            Generated::Code(code) => code,
            _ => continue,
        };
        let script = corpus.dir.path().join("alone.sh");
        std::fs::write(&script, &input).expect("write script");
        server.take_requests();
        let _ = bash(&script, corpus.dir.path());
        let curl = server.take_requests();
        let program = programs::write_script(corpus.dir.path(), "alone", lang, &code);
        let out = program.run(corpus.dir.path(), &[], RUN_TIMEOUT);
        let got = server.take_requests();
        let verdict = compare::compare(&curl, &got, &Rules::from_input(&input));
        let alone = match verdict {
            compare::Verdict::Mismatch(d) => format!(
                "it fails too:\n  {}\n{}",
                d.replace('\n', "\n  "),
                process::shorten(&out.stderr_text(), 1500)
            ),
            _ if out.code != Some(0) => format!(
                "the request matches but the program fails:\n{}",
                out.transcript()
            ),
            _ => "it PASSES: it fails only inside a batch".to_string(),
        };
        let _ = write!(f.detail, "{RERUN_NOTE}{alone}");
    }
}

fn write_report(lang: Lang, summary: &str, report: &LangReport) {
    let dir = rustbuild::project_dir().with_file_name("test-reports");
    if std::fs::create_dir_all(&dir).is_ok() {
        let mut text = format!("{summary}\n\n");
        for (sig, fs) in grouped(&report.failures) {
            let _ = writeln!(text, "##### ×{} {sig}\n", fs.len());
            for f in fs {
                let _ = writeln!(text, "=== {} ===\n{}\n", f.headline, f.detail);
            }
        }
        for f in &report.declared_details {
            let _ = writeln!(text, "=== declared: {} ===\n{}\n", f.headline, f.detail);
        }
        let path = dir.join(format!("escaping-{}.txt", lang.name()));
        let _ = std::fs::write(&path, text);
    }
}

/// What kind of failure a headline describes: the case number and kind dropped, numbers and
/// quoted bytes blanked, so one bug seen in fifty cases is reported once.
fn signature(headline: &str) -> String {
    let rest = match headline.strip_prefix("case ") {
        Some(r) => r
            .find("): ")
            .map(|i| &r[i + 3..])
            .or_else(|| r.split_once(": ").map(|(_, x)| x))
            .unwrap_or(r),
        None => headline,
    };
    let mut out = String::new();
    let mut chars = rest.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' => {
                out.push_str("\"…\"");
                while let Some(n) = chars.next() {
                    match n {
                        '\\' => {
                            chars.next();
                        }
                        '"' => break,
                        _ => {}
                    }
                }
            }
            // Numbers (`37 bytes`), not digits inside words (`curl2code`); `byte 0` stays.
            c if c.is_ascii_digit()
                && !out.ends_with(|p: char| p.is_ascii_alphanumeric())
                && (c != '0' || chars.peek().is_some_and(char::is_ascii_digit)) =>
            {
                while chars.peek().is_some_and(char::is_ascii_digit) {
                    chars.next();
                }
                out.push('N');
            }
            c => out.push(c),
        }
    }
    out
}

/// How big a failure's example is (its text before any rerun note): the smallest is shown.
fn size(f: &Failure) -> usize {
    f.detail.find(RERUN_NOTE).unwrap_or(f.detail.len())
}

/// Starts the note [`rerun_alone`] appends.
const RERUN_NOTE: &str = "\nrun alone, ";

/// Failures grouped by [`signature`], each group with its smallest example first.
fn grouped(failures: &[Failure]) -> Vec<(String, Vec<&Failure>)> {
    let mut groups: BTreeMap<String, Vec<&Failure>> = BTreeMap::new();
    for f in failures {
        groups.entry(signature(&f.headline)).or_default().push(f);
    }
    let mut out: Vec<(String, Vec<&Failure>)> = groups.into_iter().collect();
    for (_, fs) in &mut out {
        fs.sort_by_key(|f| size(f));
    }
    out.sort_by_key(|(_, fs)| std::cmp::Reverse(fs.len()));
    out
}

/// One line per language (plus the tolerated differences).
fn summarize(lang: Lang, r: &LangReport, cases: usize, seed: u64) -> String {
    if let Some(why) = &r.pending {
        return format!("escaping {}: pending ({why})", lang.name());
    }
    let mut s = format!(
        "escaping {}: {cases} case(s), {} compared ({} exact, {} equivalent, {} declared by a \
         warning), {} failure(s), {} not run, {} program(s), {:.1} s; seed {seed}",
        lang.name(),
        r.compared,
        r.exact,
        r.equivalent,
        r.declared_details.len(),
        r.failures.len(),
        r.not_run,
        r.programs,
        r.elapsed.as_secs_f64(),
    );
    for (warning, cases) in &r.declared {
        let _ = write!(
            s,
            "\n  declared ×{}: {warning} (e.g. case {})",
            cases.len(),
            cases.first().copied().unwrap_or(0)
        );
    }
    if !r.notes.is_empty() {
        let notes: Vec<String> = r.notes.iter().map(|(k, n)| format!("{k} ×{n}")).collect();
        let _ = write!(s, "\n  tolerated: {}", notes.join("; "));
    }
    s
}

/// Only the curl half, for working on the generator with many cases:
/// `CURL2CODE_CASES=20000 cargo test --test escaping -- --ignored curl_takes`.
#[test]
#[ignore = "a check of the test's generator; the wire property runs curl anyway"]
fn curl_takes_every_generated_case() {
    let seed = seed();
    let n = env_usize("CURL2CODE_CASES").unwrap_or(DEFAULT_CASES);
    let corpus = corpus(seed, &(0..n).collect::<Vec<_>>());
    let _ = writeln!(
        std::io::stderr(),
        "escaping: seed {seed}: curl sent one request for each of {n} case(s) in {:.1} s",
        corpus.curl_elapsed.as_secs_f64()
    );
}

/// The wire property: curl and every generated program send the same requests.
#[test]
fn escaping_curl_and_programs_send_the_same_requests() {
    let seed = seed();
    let indices: Vec<usize> = match env_usize("CURL2CODE_CASE") {
        Some(i) => vec![i],
        None => (0..env_usize("CURL2CODE_CASES").unwrap_or(DEFAULT_CASES)).collect(),
    };
    let _ = writeln!(
        std::io::stderr(),
        "escaping: seed {seed} ({} case(s), batches of {BATCH}; \
         `CURL2CODE_SEED={seed} cargo test --test escaping` replays this run)",
        indices.len()
    );
    let corpus = corpus(seed, &indices);
    let _ = writeln!(
        std::io::stderr(),
        "escaping: curl sent {} request(s) in {:.1} s",
        corpus.curl.len(),
        corpus.curl_elapsed.as_secs_f64()
    );
    let reports: Vec<(Lang, LangReport, String)> = std::thread::scope(|s| {
        let handles: Vec<_> = Lang::ALL
            .iter()
            .map(|&lang| {
                let corpus = &corpus;
                let n = indices.len();
                s.spawn(move || {
                    let r = run_language(lang, corpus);
                    let summary = summarize(lang, &r, n, seed);
                    let _ = writeln!(std::io::stderr(), "{summary}");
                    write_report(lang, &summary, &r);
                    (lang, r, summary)
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("language thread"))
            .collect()
    });

    let mut failed = Vec::new();
    let mut pending = Vec::new();
    let mut summaries = Vec::new();
    for (lang, r, summary) in &reports {
        if r.pending.is_some() {
            pending.push(lang.name());
        }
        if !r.failures.is_empty() {
            let mut text = format!("{summary}\n");
            for (i, (sig, fs)) in grouped(&r.failures).iter().enumerate() {
                let cases: Vec<usize> = fs.iter().flat_map(|f| f.cases.iter().copied()).collect();
                let _ = write!(
                    text,
                    "\n=== [{}] ×{} {sig} (cases {}) ===\n",
                    lang.name(),
                    fs.len(),
                    process::shorten(&format!("{cases:?}"), 120)
                );
                if i < SHOWN {
                    let _ = writeln!(text, "smallest example:\n{}", fs[0].detail);
                }
            }
            failed.push(text);
        }
        summaries.push(summary.clone());
    }
    let summary = summaries.join("\n");
    assert!(
        failed.is_empty(),
        "{}\n\n{summary}\n(reports in target/test-reports/escaping-*.txt)",
        failed.join("\n\n")
    );
    assert!(
        !programs::strict() || pending.is_empty(),
        "{summary}\nCURL2CODE_STRICT=1 and {} pending",
        pending.join(", ")
    );
}

// ---------------------------------------------------------------------------------------------
// Pure-Rust properties (no interpreter).

/// Salt so the lexer property does not draw the same numbers as the wire cases.
const LEXER_SALT: u64 = 0x5EED_1E8E;

/// Random words quoted for bash come back byte-exact out of curl2code's shell lexer (and out of
/// shell-words' `split` when only the oracle quoted them).
#[test]
fn data_at_file_content_avoids_curls_fgets_quirks() {
    assert_eq!(fgets_safe(b"a\rb\r\nc\0d\r".to_vec()), b"a\nb\r\ncd\n");
    assert_eq!(fgets_safe(b"\r\r\n".to_vec()), b"\n\r\n");
}

#[test]
fn bash_quoting_round_trips_through_the_lexer() {
    let seed = seed();
    let n = env_usize("CURL2CODE_CASES").unwrap_or(DEFAULT_CASES) * 3;
    let mut failures = Vec::new();
    let pending = match curl2code::shell::tokenize("curl x", Some(Dialect::Bash), &mut Vec::new()) {
        Err(d) if d.message.contains("not written yet") => Some(d.message),
        _ => None,
    };
    for i in 0..n {
        let mut rng = Rng::for_case(seed ^ LEXER_SALT, i);
        let words: Vec<(Vec<u8>, Style)> = (0..rng.range(1, 6))
            .map(|_| {
                let mut w = any_bytes(&mut rng, 8);
                if rng.chance(10) {
                    // Words that look like options, comments, assignments or home directories.
                    let lead = *rng.pick(&["-", "--", "#", "~", "=", "$", "@", "!"]);
                    w.splice(0..0, lead.bytes());
                }
                let s = style(&mut rng);
                (w, s)
            })
            .collect();
        let mut text = String::from("curl");
        for (w, s) in &words {
            text.push_str(if rng.chance(15) { " \\\n  " } else { " " });
            text.push_str(&quote(w, *s));
        }
        text.push('\n');

        // The test's own quoting, checked against the oracle where the oracle applies.
        let oracle_only = words.iter().all(|(w, s)| {
            *s == Style::Oracle
                && std::str::from_utf8(w).is_ok_and(|t| !t.chars().any(needs_ansi_c))
        });
        if oracle_only {
            let split = shell_words::split(&text).expect("shell-words splits its own quoting");
            let expected: Vec<String> = std::iter::once("curl".to_string())
                .chain(
                    words
                        .iter()
                        .map(|(w, _)| String::from_utf8_lossy(w).into_owned()),
                )
                .collect();
            assert_eq!(
                split, expected,
                "seed {seed}, case {i}: quoting disagrees with shell-words"
            );
        }

        if pending.is_some() {
            continue;
        }
        let mut warnings = Vec::new();
        match curl2code::shell::tokenize(&text, Some(Dialect::Bash), &mut warnings) {
            Err(d) => failures.push(format!(
                "case {i}: refused: {}\n  input: {}",
                d.message,
                text.escape_debug()
            )),
            Ok(script) => {
                let got: Option<Vec<Vec<u8>>> = script.commands.first().map(|c| {
                    c.words
                        .iter()
                        .map(|w| {
                            w.parts
                                .iter()
                                .flat_map(|p| match p {
                                    WordPart::Lit(b) => b.clone(),
                                    WordPart::Env(n) => format!("${{{n}}}").into_bytes(),
                                })
                                .collect()
                        })
                        .collect()
                });
                let expected: Vec<Vec<u8>> = std::iter::once(b"curl".to_vec())
                    .chain(words.iter().map(|(w, _)| w.clone()))
                    .collect();
                if script.commands.len() != 1 || got.as_ref() != Some(&expected) {
                    failures.push(format!(
                        "case {i}: {} command(s)\n  input:    {}\n  expected: {:?}\n  got:      {:?}",
                        script.commands.len(),
                        text.escape_debug(),
                        expected.iter().map(|w| compare::show(w)).collect::<Vec<_>>(),
                        got.unwrap_or_default()
                            .iter()
                            .map(|w| compare::show(w))
                            .collect::<Vec<_>>()
                    ));
                }
            }
        }
        if failures.len() >= 20 {
            break;
        }
    }
    if let Some(why) = pending {
        let _ = writeln!(
            std::io::stderr(),
            "escaping lexer: {n} quoted commands agree with shell-words; the lexer is pending ({why})"
        );
        assert!(
            !programs::strict(),
            "CURL2CODE_STRICT=1 and the lexer is pending"
        );
        return;
    }
    let _ = writeln!(
        std::io::stderr(),
        "escaping lexer: {n} quoted commands, {} failure(s); seed {seed}",
        failures.len()
    );
    assert!(
        failures.is_empty(),
        "seed {seed} (rerun: CURL2CODE_SEED={seed} cargo test --test escaping bash_quoting):\n{}",
        failures.join("\n")
    );
}

/// A command that uses bash-only quoting (`$'…'`, `'\''`) is detected as bash (the escaping
/// test forces bash and leaves detection to this property).
#[test]
fn bash_only_quoting_is_detected_as_bash() {
    let seed = seed();
    let mut wrong: Vec<(String, String)> = Vec::new();
    let mut checked = 0;
    for i in 0..env_usize("CURL2CODE_CASES").unwrap_or(DEFAULT_CASES) {
        let input = generate_case(seed, i).command("http://127.0.0.1:8080");
        if !(input.contains("$'") || input.contains("'\\''")) {
            continue;
        }
        checked += 1;
        let got = match curl2code::shell::tokenize(&input, None, &mut Vec::new()) {
            Ok(script) if script.dialect == Dialect::Bash => continue,
            Ok(script) => format!("detected as {:?}", script.dialect),
            Err(d) => format!("refused: {}", d.message),
        };
        wrong.push((input, got));
    }
    wrong.sort_by_key(|(input, _)| input.len());
    let _ = writeln!(
        std::io::stderr(),
        "escaping detection: {checked} bash-only commands, {} not detected as bash; seed {seed}",
        wrong.len()
    );
    assert!(
        wrong.is_empty(),
        "seed {seed} (rerun: CURL2CODE_SEED={seed} cargo test --test escaping detected_as_bash): \
         {} of {checked} commands with `$'…'` or `'\\''` are not detected as bash; \
         the shortest:\n{}",
        wrong.len(),
        wrong
            .iter()
            .take(3)
            .map(|(input, got)| format!("  {got}:\n    {}", input.trim_end()))
            .collect::<Vec<_>>()
            .join("\n")
    );
}

/// The test's own quoting, checked against bash itself: `printf '%s\0'` over random quoted words
/// must print exactly the words (one bash process for all of them).
#[test]
fn bash_agrees_with_the_test_quoting() {
    let seed = seed();
    let mut rng = Rng::for_case(seed ^ LEXER_SALT, usize::MAX);
    let words: Vec<Vec<u8>> = (0..2000).map(|_| any_bytes(&mut rng, 8)).collect();
    let mut script = String::from("printf '%s\\0'");
    for w in &words {
        script.push(' ');
        script.push_str(&quote(w, style(&mut rng)));
    }
    script.push('\n');
    let dir = TempDir::new("escaping-quoting");
    let path = dir.path().join("quoting.sh");
    std::fs::write(&path, &script).expect("write script");
    let out = bash(&path, dir.path());
    assert_eq!(out.code, Some(0), "seed {seed}: {}", out.transcript());
    let mut got: Vec<&[u8]> = out.stdout.split(|b| *b == 0).collect();
    assert_eq!(
        got.pop(),
        Some(&b""[..]),
        "seed {seed}: output ends with NUL"
    );
    assert_eq!(got.len(), words.len(), "seed {seed}: word count");
    for (i, (g, w)) in got.iter().zip(&words).enumerate() {
        assert_eq!(
            compare::show(g),
            compare::show(w),
            "seed {seed}: word {i} quoted as {}",
            quote(w, Style::Oracle)
        );
    }
}

/// Every feature and every nasty piece the brief names shows up in a default run (a check of the
/// test's generator, so a refactoring cannot quietly stop testing something).
#[test]
fn generated_cases_cover_every_feature() {
    let seed = seed();
    let cases: Vec<Case> = (0..DEFAULT_CASES).map(|i| generate_case(seed, i)).collect();
    let kinds = |needle: &str| cases.iter().filter(|c| c.kind.contains(needle)).count();
    let args = |pred: &dyn Fn(&[u8]) -> bool| {
        cases
            .iter()
            .filter(|c| c.groups.iter().flatten().any(|a| pred(&a.bytes)))
            .count()
    };
    let has = |needle: &'static str| {
        move |b: &[u8]| b.windows(needle.len()).any(|w| w == needle.as_bytes())
    };
    let files_with_nul = cases
        .iter()
        .filter(|c| c.files.iter().any(|(_, b)| b.contains(&0)))
        .count();
    let custom_methods = cases
        .iter()
        .filter(|c| {
            c.groups.iter().any(|g| {
                matches!(g.first(), Some(a) if a.bytes == b"-X" || a.bytes == b"--request")
                    && g.get(1).is_some_and(|m| {
                        !["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]
                            .contains(&String::from_utf8_lossy(&m.bytes).as_ref())
                    })
            })
        })
        .count();
    for (what, n) in [
        ("headers", kinds("header")),
        ("inline data", kinds("data(")),
        ("--data-binary @file", kinds("--data-binary @file")),
        ("-d @file", kinds("-d @file")),
        ("--json", kinds("--json")),
        ("JSON with --data-raw", kinds("json --data-raw")),
        ("multipart", kinds("multipart")),
        ("custom methods", custom_methods),
        ("files with NUL", files_with_nul),
        ("--form-string", args(&has("--form-string"))),
        ("--data-urlencode", args(&has("--data-urlencode"))),
        (";filename=", args(&has(";filename="))),
        (
            "non-UTF-8 arguments",
            args(&|b| std::str::from_utf8(b).is_err()),
        ),
        ("`\"\"\"`", args(&has("\"\"\""))),
        ("`${`", args(&has("${"))),
        ("`#{`", args(&has("#{"))),
        ("`*/`", args(&has("*/"))),
        ("backticks", args(&has("`"))),
        ("backslashes", args(&has("\\"))),
        ("U+2028", args(&has("\u{2028}"))),
        ("emoji", args(&has("😀"))),
        ("newlines", args(&has("\n"))),
    ] {
        assert!(n >= 10, "seed {seed}: only {n} case(s) with {what}");
    }
}

// ---------------------------------------------------------------------------------------------
// Literal modules (src/codegen/literal/*.rs): random bytes, strings and Values must decode back
// to exactly themselves under each language's literal rules (tests/escaping/decode.rs).

mod literals {
    use super::decode::{self, Val};
    use super::{DATA, Rng, env_usize, seed, text};
    use curl2code::codegen::literal::{javascript, python, rust};
    use curl2code::ir::{HexCase, Piece, Value};
    use std::io::Write as _;

    /// Salt so these draws differ from the wire cases'.
    const SALT: u64 = 0x117E_8A15;

    /// The fake environment every `env("NAME")` reads.
    fn env(name: &str) -> String {
        format!("<{name}>")
    }

    /// Bytes of every kind: the wire generator's nasty text, NUL, and uniformly random bytes.
    fn bytes(rng: &mut Rng) -> Vec<u8> {
        match rng.below(4) {
            0 => (0..rng.range(0, 12))
                .map(|_| rng.below(256) as u8)
                .collect(),
            1 => {
                let mut b = text(rng, DATA, 8);
                b.insert(rng.below(b.len() + 1), 0);
                b
            }
            _ => text(rng, DATA, 8),
        }
    }

    /// Characters of every kind: controls, Latin-1, the invisible and bidi ones the modules must
    /// escape, noncharacters, tags, astral planes.
    fn string(rng: &mut Rng) -> String {
        (0..rng.range(0, 12))
            .map(|_| {
                let n = match rng.below(8) {
                    0 => rng.range(0, 0x7f) as u32,
                    1 => rng.range(0x80, 0xff) as u32,
                    2 => *rng.pick(&[
                        0xad, 0x34f, 0x61c, 0x200b, 0x200d, 0x200e, 0x2028, 0x2029, 0x202a, 0x202e,
                        0x2066, 0x2069, 0xfeff, 0xfff9, 0xfffe, 0xffff, 0xe0001, 0x10ffff,
                    ]),
                    3 => rng.range(0x100, 0xd7ff) as u32,
                    4 => rng.range(0xe000, 0xffff) as u32,
                    5 => rng.range(0x10000, 0x10ffff) as u32,
                    _ => u32::from(*rng.pick(b"\"'\\`${}#*/ \n\r\t%0")),
                };
                char::from_u32(n).unwrap_or('?')
            })
            .collect()
    }

    /// A Value as lowering builds them: literal runs merged, env references between them.
    fn value(rng: &mut Rng) -> Value {
        let mut v = Value::default();
        for _ in 0..rng.range(0, 4) {
            if rng.chance(25) {
                let mut name = String::from(*rng.pick(&["TOKEN", "A", "_X", "API_KEY_2"]));
                if rng.chance(50) {
                    name.push_str(&super::word(rng, 4).to_ascii_uppercase());
                }
                v.0.push(Piece::Env(name));
            } else if rng.chance(50) {
                v.push_bytes(string(rng).as_bytes());
            } else {
                v.push_bytes(&bytes(rng));
            }
        }
        v
    }

    /// The bytes `v` stands for under the fake environment.
    fn expected(v: &Value) -> Vec<u8> {
        let mut out = Vec::new();
        for p in &v.0 {
            match p {
                Piece::Bytes(b) => out.extend_from_slice(b),
                Piece::Env(n) => out.extend_from_slice(env(n).as_bytes()),
                Piece::EnvEncoded { name, hex } => out.extend(encoded(name, *hex)),
            }
        }
        out
    }

    /// `--data-urlencode "q=$Q"`'s bytes: the variable's value encoded as curl encodes it.
    fn encoded(name: &str, hex: HexCase) -> Vec<u8> {
        let e = curl2code::curl::values::urlencode_form(env(name).as_bytes());
        match hex {
            HexCase::Upper => e,
            // Only the two digits after each `%` change case.
            HexCase::Lower => {
                let mut out = e;
                let mut i = 0;
                while let Some(at) = out.get(i..).and_then(|r| r.iter().position(|&c| c == b'%')) {
                    for c in out.iter_mut().skip(i + at + 1).take(2) {
                        c.make_ascii_lowercase();
                    }
                    i += at + 3;
                }
                out
            }
        }
    }

    /// The literal bytes of `v` with invalid UTF-8 replaced, env references expanded.
    fn expected_lossy(v: &Value) -> String {
        v.0.iter()
            .map(|p| match p {
                Piece::Bytes(b) => String::from_utf8_lossy(b).into_owned(),
                Piece::Env(n) => env(n),
                Piece::EnvEncoded { name, hex } => {
                    String::from_utf8_lossy(&encoded(name, *hex)).into_owned()
                }
            })
            .collect()
    }

    fn literal_bytes_are_utf8(v: &Value) -> bool {
        v.0.iter()
            .all(|p| !matches!(p, Piece::Bytes(b) if std::str::from_utf8(b).is_err()))
    }

    /// Runs `check` on many draws; collects the first failures with the seed.
    fn property(name: &str, check: impl Fn(&mut Rng) -> Result<(), String>) {
        let seed = seed();
        let n = env_usize("CURL2CODE_CASES").unwrap_or(super::DEFAULT_CASES) * 2;
        let mut failures = Vec::new();
        for i in 0..n {
            let mut rng = Rng::for_case(seed ^ SALT, i);
            if let Err(e) = check(&mut rng) {
                failures.push(format!("draw {i}: {e}"));
                if failures.len() >= 12 {
                    break;
                }
            }
        }
        let _ = writeln!(
            std::io::stderr(),
            "escaping literals {name}: {n} draws, {} failure(s); seed {seed}",
            failures.len()
        );
        assert!(
            failures.is_empty(),
            "{name}: seed {seed} (rerun: CURL2CODE_SEED={seed} cargo test --test escaping literal):\n{}",
            failures.join("\n")
        );
    }

    fn same(
        what: &str,
        code: &str,
        got: Result<Vec<u8>, String>,
        want: &[u8],
    ) -> Result<(), String> {
        match got {
            Ok(g) if g == want => Ok(()),
            Ok(g) => Err(format!(
                "{what}: {code}\n    means {}\n    wanted {}",
                super::compare::show(&g),
                super::compare::show(want)
            )),
            Err(e) => Err(format!("{what}: {code}\n    does not read back: {e}")),
        }
    }

    /// Comments: one line, nothing invisible or reordering.
    fn one_line_comment(what: &str, c: &str) -> Result<(), String> {
        match c
            .chars()
            .find(|&ch| ch == '\n' || ch == '\r' || decode::hidden(ch))
        {
            Some(ch) => Err(format!("{what} keeps {ch:?} raw: {c:?}")),
            None => Ok(()),
        }
    }

    #[test]
    fn python_literals_read_back_exactly() {
        property("python", |rng| {
            let s = string(rng);
            let lit = python::str_lit(&s);
            same(
                "str_lit",
                &lit,
                decode::python::decode(&lit).map(|v| v.utf8()),
                s.as_bytes(),
            )?;
            if !matches!(decode::python::decode(&lit), Ok(Val::Str(_))) {
                return Err(format!("str_lit is not a str: {lit}"));
            }
            let b = bytes(rng);
            let lit = python::bytes_lit(&b);
            match decode::python::decode(&lit) {
                Ok(Val::Bytes(got)) if got == b => {}
                other => return Err(format!("bytes_lit: {lit} means {other:?}")),
            }
            let e = python::bytes_expr(&b);
            match decode::python::eval(&e, &env) {
                Ok(Val::Bytes(got)) if got == b => {}
                other => return Err(format!("bytes_expr: {e} means {other:?}")),
            }
            one_line_comment("comment", &python::comment(&s))?;

            let v = value(rng);
            let want = expected(&v);
            for kind in [
                python::Kind::Text,
                python::Kind::Header,
                python::Kind::Bytes,
            ] {
                let e = python::value(&v, kind);
                let got = decode::python::eval(&e, &env);
                same(
                    &format!("value({kind:?})"),
                    &e,
                    got.clone().map(|v| v.utf8()),
                    &want,
                )?;
                // str where the module promises it (http.client sends str headers as Latin-1).
                let literal_ok = v.0.iter().all(|p| match p {
                    Piece::Bytes(b) => match kind {
                        python::Kind::Text => std::str::from_utf8(b).is_ok(),
                        python::Kind::Header => b.is_ascii(),
                        python::Kind::Bytes => false,
                    },
                    Piece::Env(_) | Piece::EnvEncoded { .. } => true,
                });
                let is_str = matches!(got, Ok(Val::Str(_)));
                if is_str != (kind != python::Kind::Bytes && literal_ok) {
                    return Err(format!("value({kind:?}) of {v:?} is {got:?}: {e}"));
                }
            }
            let e = python::text(&v);
            match decode::python::eval(&e, &env) {
                Ok(Val::Str(got)) if got == expected_lossy(&v) => Ok(()),
                other => Err(format!("text: {e} means {other:?}")),
            }
        });
    }

    #[test]
    fn javascript_literals_read_back_exactly() {
        property("javascript", |rng| {
            let s = string(rng);
            let lit = javascript::string(&s);
            same(
                "string",
                &lit,
                decode::javascript::eval_text(&lit, &env).map(String::into_bytes),
                s.as_bytes(),
            )?;
            let b = bytes(rng);
            let lit = javascript::byte_string(&b);
            same(
                "byte_string",
                &lit,
                decode::javascript::eval_byte_string(&lit, &env),
                &b,
            )?;
            let lit = javascript::bytes(&b);
            same("bytes", &lit, decode::javascript::eval_uint8array(&lit), &b)?;

            let v = value(rng);
            let want = expected(&v);
            match (javascript::text(&v), literal_bytes_are_utf8(&v)) {
                (Some(e), true) => same(
                    "text",
                    &e,
                    decode::javascript::eval_text(&e, &env).map(String::into_bytes),
                    &want,
                )?,
                (None, false) => {}
                (e, _) => return Err(format!("text({v:?}) = {e:?}")),
            }
            let (e, lossy) = javascript::text_lossy(&v);
            same(
                "text_lossy",
                &e,
                decode::javascript::eval_text(&e, &env).map(String::into_bytes),
                expected_lossy(&v).as_bytes(),
            )?;
            if lossy == literal_bytes_are_utf8(&v) {
                return Err(format!("text_lossy({v:?}) says lossy = {lossy}"));
            }
            let e = javascript::byte_text(&v);
            same(
                "byte_text",
                &e,
                decode::javascript::eval_byte_string(&e, &env),
                &want,
            )?;
            let chunks = javascript::chunks(&v);
            let mut got = Vec::new();
            for c in &chunks {
                let part = if c.starts_with("Uint8Array.of(") {
                    decode::javascript::eval_uint8array(c)
                } else {
                    decode::javascript::eval_text(c, &env).map(String::into_bytes)
                };
                match part {
                    Ok(p) => got.extend(p),
                    Err(e) => return Err(format!("chunks: {c} does not read back: {e}")),
                }
            }
            same("chunks", &chunks.join(", "), Ok(got), &want)?;
            let x = f64::from_bits(rng.next());
            let n = javascript::number(x);
            let back: Option<f64> = match n.as_str() {
                "Infinity" => Some(f64::INFINITY),
                "-Infinity" => Some(f64::NEG_INFINITY),
                t => t.parse().ok(),
            };
            match back {
                Some(y) if y == x || (x.is_nan() && y == 0.0) => Ok(()),
                _ => Err(format!("number({x:?}) = {n}")),
            }
        });
    }

    #[test]
    fn rust_literals_read_back_exactly() {
        property("rust", |rng| {
            let s = string(rng);
            let lit = rust::str_literal(&s);
            match decode::rust::decode(&lit) {
                Ok(Val::Str(got)) if got == s => {}
                other => return Err(format!("str_literal({s:?}) = {lit} means {other:?}")),
            }
            let b = bytes(rng);
            let lit = rust::bytes_literal(&b);
            match decode::rust::decode(&lit) {
                Ok(Val::Bytes(got)) if got == b => {}
                other => return Err(format!("bytes_literal: {lit} means {other:?}")),
            }
            one_line_comment("comment", &rust::comment(&s))?;

            let v = value(rng);
            let want = expected(&v);
            match (rust::str_expr(&v), literal_bytes_are_utf8(&v)) {
                (Some(e), true) => match decode::rust::eval(&e, &env) {
                    Ok(Val::Str(got)) if got.as_bytes() == want => {}
                    other => return Err(format!("str_expr({v:?}) = {e} means {other:?}")),
                },
                (None, false) => {}
                (e, _) => return Err(format!("str_expr({v:?}) = {e:?}")),
            }
            if let Some(e) = rust::str_arg(&v) {
                match decode::rust::eval(&e, &env) {
                    Ok(Val::Str(got)) if got.as_bytes() == want => {}
                    other => return Err(format!("str_arg({v:?}) = {e} means {other:?}")),
                }
            }
            let e = rust::bytes_expr(&v);
            same(
                "bytes_expr",
                &e,
                decode::rust::eval(&e, &env).map(|v| v.utf8()),
                &want,
            )?;
            let (e, lossy) = rust::lossy_str_expr(&v);
            match decode::rust::eval(&e, &env) {
                Ok(Val::Str(got)) if got == expected_lossy(&v) => {}
                other => return Err(format!("lossy_str_expr({v:?}) = {e} means {other:?}")),
            }
            if lossy == literal_bytes_are_utf8(&v) {
                return Err(format!("lossy_str_expr({v:?}) says lossy = {lossy}"));
            }
            // Finite only: lowering and the CLI refuse `inf` and `nan` for every duration.
            let x = f64::from_bits(rng.next());
            let x = if x.is_finite() { x } else { 0.25 };
            let lit = rust::f64_literal(x);
            if lit.parse::<f64>().ok() == Some(x) && lit.contains(['.', 'e', 'E']) {
                Ok(())
            } else {
                Err(format!("f64_literal({x:?}) = {lit}"))
            }
        });
    }
}
