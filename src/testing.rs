//! Seeds for the randomised unit tests: fixed in CI (two runs of one commit test the same cases),
//! fresh by hand (runs keep exploring), always printed with the command that replays them.

/// The seed of the randomised test `name`: `CURL2CODE_SEED` when set (decimal or 0x-hex), else
/// `fixed` when `CI` is set, else a fresh one. The test harness shows what this prints when the
/// test fails.
pub(crate) fn seed(name: &str, fixed: u64) -> u64 {
    let seed = match std::env::var("CURL2CODE_SEED") {
        Ok(s) => {
            let s = s.trim();
            let parsed = match s.strip_prefix("0x") {
                Some(hex) => u64::from_str_radix(hex, 16),
                None => s.parse(),
            };
            parsed.unwrap_or_else(|_| panic!("CURL2CODE_SEED={s:?} is not a number"))
        }
        Err(_) if std::env::var_os("CI").is_some_and(|v| !v.is_empty()) => fixed,
        Err(_) => fresh(),
    };
    eprintln!("{name}: seed {seed} (rerun: CURL2CODE_SEED={seed} cargo test --lib {name})");
    seed
}

/// A small deterministic generator (xorshift64*) for the randomised unit tests: one seed replays
/// a failure exactly, and no crate is needed for a few thousand cases.
pub(crate) struct Rng(u64);

impl Rng {
    /// A generator from `seed` (0 is moved to 1: xorshift stays at 0 forever).
    pub(crate) fn new(seed: u64) -> Rng {
        Rng(seed | 1)
    }

    /// The next 64 random bits.
    pub(crate) fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number below `n` (0 when `n` is 0).
    pub(crate) fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// A seed from the clock and the process id, small enough to type back in; never 0 (the
/// xorshift generators of the tests stay at 0 forever).
fn fresh() -> u64 {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos() as u64);
    let mut z = nanos ^ u64::from(std::process::id()).rotate_left(32);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    (z ^ (z >> 31)) % 1_000_000_000 + 1
}

/// True when `tool` runs (`tool --version`). When it does not, a test in CI (the `CI` variable
/// set) fails: a CI machine without the tool must not go green having proven nothing; by hand the
/// test is skipped with one line.
pub(crate) fn have(tool: &str) -> bool {
    let ok = std::process::Command::new(tool)
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !ok {
        assert!(
            std::env::var_os("CI").is_none_or(|v| v.is_empty()),
            "{tool} is needed by this test in CI: install it (.ci/run does)"
        );
        eprintln!("{tool} is not installed: skipped (CI fails here)");
    }
    ok
}

/// `q=` and `$Q` encoded as `--data-urlencode` encodes it (upper-case hex): a value the
/// literal modules must hand to the program's urlencode helper.
pub(crate) fn encoded_env_value() -> crate::ir::Value {
    let mut v = crate::ir::Value::bytes("q=");
    v.0.push(crate::ir::Piece::EnvEncoded {
        name: "Q".into(),
        hex: crate::ir::HexCase::Upper,
    });
    v
}

/// `x=` and the file q.txt read into the query (`--url-query x@q.txt` and friends): what the
/// literal modules must hand to the program's query-file helper.
pub(crate) fn query_file_value(read: crate::ir::QueryRead) -> crate::ir::Value {
    let mut v = crate::ir::Value::bytes("x=");
    v.0.push(crate::ir::Piece::QueryFile {
        path: crate::ir::Value::bytes("q.txt"),
        read,
    });
    v
}

/// A POST whose URL ends in `$Q` encoded as `--url-query` encodes it (lower-case hex) and whose
/// body is `a=` and `$A` encoded as `--data-urlencode` does: what the generators must hand to
/// their urlencode helpers at run time.
pub(crate) fn encoded_env_request() -> crate::ir::Request {
    use crate::ir::{Body, HexCase, Method, Piece, Request, Segment, Value};
    let enc = |name: &str, hex| Piece::EnvEncoded {
        name: name.into(),
        hex,
    };
    let mut r = Request::get("https://x.example/s?q=");
    r.url.0.push(enc("Q", HexCase::Lower));
    r.method = Method::Post;
    r.body = Some(Body::Data(vec![Segment::Text(Value(vec![
        Piece::Bytes(b"a=".to_vec()),
        enc("A", HexCase::Upper),
    ]))]));
    r
}
