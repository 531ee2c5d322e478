//! Randomness for the property suites (escaping, browser copies): a seeded splitmix64 generator
//! and the seed rule, so a red run replays from the one number it prints.

/// splitmix64: tiny, fast, well spread; the tests need no random-number crate.
#[derive(Clone, Debug)]
pub struct Rng(pub u64);

impl Rng {
    /// The generator of case `index` under `seed`: every case can be rebuilt on its own.
    pub fn for_case(seed: u64, index: usize) -> Rng {
        let mut r = Rng(seed ^ (index as u64).wrapping_mul(0xA076_1D64_78BD_642F));
        r.next();
        r
    }

    /// The next 64 random bits.
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (0 when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    /// Uniform in `lo..=hi`.
    pub fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi.saturating_sub(lo) + 1)
    }

    /// True `percent` times in 100.
    pub fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }

    /// One of `xs`, uniformly.
    pub fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len())]
    }
}

/// The seed CI uses: two CI runs of one commit test the same cases. A new fixed seed is a
/// deliberate commit, like a lockfile update.
pub const CI_SEED: u64 = 20_261_204;

/// `CURL2CODE_SEED` (decimal or 0x-hex); else [`CI_SEED`] when `CI` is set; else a fresh one from
/// the clock, so runs by hand keep exploring new cases.
pub fn seed() -> u64 {
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
