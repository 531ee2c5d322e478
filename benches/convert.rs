//! Conversion speed over the fixture corpus: parse and render timed separately, per language, plus
//! parse time against input size up to 1 MiB. Run with `cargo bench --bench convert`.

use curl2code::codegen::{self, Program, Target};
use curl2code::{Options, Parsed};
use std::path::Path;

#[allow(dead_code)]
#[path = "../tests/support/fixture.rs"]
mod fixture;
use fixture::Fixture;

fn main() {
    divan::main();
}

/// Samples per benchmark: each sample converts the next fixture, so this is about ten passes over
/// the corpus, which keeps the mean steady from run to run on a shared machine.
const SAMPLES: u32 = 1500;

/// Every fixture input that converts (header lines dropped), loaded once.
fn corpus() -> &'static [(String, Options)] {
    static CORPUS: std::sync::OnceLock<Vec<(String, Options)>> = std::sync::OnceLock::new();
    CORPUS.get_or_init(|| {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
        let mut paths: Vec<_> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "sh"))
            .collect();
        paths.sort();
        paths
            .iter()
            .map(|p| Fixture::load(p))
            .filter(|fx| curl2code::parse(&fx.input, &fx.options()).is_ok())
            .map(|fx| {
                let options = fx.options();
                (fx.input, options)
            })
            .collect()
    })
}

fn parsed() -> &'static [Parsed] {
    static PARSED: std::sync::OnceLock<Vec<Parsed>> = std::sync::OnceLock::new();
    PARSED.get_or_init(|| {
        corpus()
            .iter()
            .map(|(input, options)| curl2code::parse(input, options).unwrap())
            .collect()
    })
}

/// Mean time to parse one fixture (tokenize → parse → lower → policy).
#[divan::bench(sample_count = SAMPLES)]
fn parse_one(bencher: divan::Bencher) {
    let corpus = corpus();
    let mut i = 0;
    bencher.bench_local(|| {
        let (input, options) = &corpus[i % corpus.len()];
        i += 1;
        divan::black_box(curl2code::parse(divan::black_box(input), options).ok())
    });
}

/// Mean time to render one parsed fixture.
#[divan::bench(args = ["python", "javascript", "rust"], sample_count = SAMPLES)]
fn render_one(bencher: divan::Bencher, lang: &str) {
    let target = Target::from_name(lang).unwrap();
    let parsed = parsed();
    let mut i = 0;
    bencher.bench_local(|| {
        let p = &parsed[i % parsed.len()];
        i += 1;
        let program = Program {
            requests: &p.requests,
            retry_policy: &p.policy,
            mode: Default::default(),
        };
        let mut warnings = Vec::new();
        divan::black_box(codegen::render(target, &program, &mut warnings))
    });
}

/// Mean time for a whole conversion (parse + render) of one fixture.
#[divan::bench(args = ["python", "javascript", "rust"], sample_count = SAMPLES)]
fn convert_one(bencher: divan::Bencher, lang: &str) {
    let target = Target::from_name(lang).unwrap();
    let corpus = corpus();
    let mut i = 0;
    bencher.bench_local(|| {
        let (input, options) = &corpus[i % corpus.len()];
        i += 1;
        divan::black_box(curl2code::convert(divan::black_box(input), target, options).ok())
    });
}

/// Parse time against input size: a JSON body of n bytes in one `-d` argument (growth must be linear).
#[divan::bench(args = [1_000, 10_000, 100_000, 1_000_000])]
fn parse_scaling(bencher: divan::Bencher, n: usize) {
    let body = "x".repeat(n.saturating_sub(64));
    let input =
        format!("curl https://api.example.com/bulk -H 'Content-Type: text/plain' -d '{body}'");
    bencher.bench_local(|| divan::black_box(curl2code::parse(&input, &Options::default()).ok()));
}
