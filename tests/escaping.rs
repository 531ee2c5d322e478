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
//! (src/codegen/<lang>/literal.rs) read back exactly under that language's literal rules
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
use support::rng::{Rng, seed};
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

#[path = "escaping/quoting.rs"]
mod quoting;
use quoting::*;
#[path = "escaping/text.rs"]
mod text;
use text::*;
#[path = "escaping/cases.rs"]
mod cases;
use cases::*;
#[path = "escaping/run.rs"]
mod run;
use run::*;
#[path = "escaping/props.rs"]
mod props;

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

#[path = "escaping/literals.rs"]
mod literals;
