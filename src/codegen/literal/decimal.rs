//! Numbers of seconds as decimal text (`1`, `0.05`, `86400`), written with integer arithmetic:
//! the policy's numbers come from decimal text the user typed, so the shortest decimal that reads
//! back as the same `f64` has at most a few fraction digits. Formatting floats with `{:?}` would
//! pull core's general float printer (about 7 KB of the web page's gzipped WebAssembly) for it.

/// The shortest decimal text with at most nine fraction digits whose value parses back to `x`
/// (`x` non-negative and finite); `None` when there is none, or `x` is out of range.
pub fn decimal(x: f64) -> Option<(u64, String)> {
    if !x.is_finite() || !(0.0..1e15).contains(&x) {
        return None;
    }
    let mut scale = 1.0_f64;
    for digits in 0..=9usize {
        let scaled = (x * scale).round();
        // A large whole part with many fraction digits would not fit in a u64.
        if scaled >= 1.8e19 {
            return None;
        }
        if scaled / scale == x {
            let n = scaled as u64;
            let pow = 10u64.pow(digits as u32);
            let (int, frac) = (n / pow, n % pow);
            let frac = if digits == 0 {
                String::new()
            } else {
                let mut f = format!("{frac:0digits$}");
                while f.ends_with('0') {
                    f.pop();
                }
                f
            };
            return Some((int, frac));
        }
        scale *= 10.0;
    }
    None
}

/// `x` as a float literal with a decimal point (`1.0`, `0.05`): Python, Rust. Values that are
/// not a short decimal (never a policy's) get their exact decimal value in scientific notation,
/// which reads back as the same `f64`.
pub fn float_text(x: f64) -> String {
    match decimal(x) {
        Some((int, frac)) if frac.is_empty() => format!("{int}.0"),
        Some((int, frac)) => format!("{int}.{frac}"),
        None if x.is_nan() => "0.0".to_string(),
        None => exact_text(x),
    }
}

/// The exact decimal value of a finite `x` as `d.ddde±n` (every digit of it: long for extreme
/// values, and exactly `x` when read back), by integer arithmetic on the bits.
pub fn exact_text(x: f64) -> String {
    let bits = x.to_bits();
    let sign = if bits >> 63 == 1 { "-" } else { "" };
    let biased = ((bits >> 52) & 0x7ff) as i64;
    let fraction = bits & ((1u64 << 52) - 1);
    if biased == 0x7ff {
        return "0.0".to_string(); // inf and nan have no literal; callers keep them out
    }
    let (mant, exp) = if biased == 0 {
        (fraction, -1074i64)
    } else {
        (fraction | (1u64 << 52), biased - 1075)
    };
    if mant == 0 {
        return format!("{sign}0.0");
    }
    // x = mant × 2^exp = digits × 10^(-shift): for exp < 0, mant × 5^-exp / 10^-exp.
    let mut big = Big::from(mant);
    let shift = if exp >= 0 {
        for _ in 0..exp {
            big.mul_small(2);
        }
        0
    } else {
        for _ in 0..-exp {
            big.mul_small(5);
        }
        -exp
    };
    let digits = big.decimal();
    let digits = digits.trim_end_matches('0');
    let trailing = big.decimal().len() - digits.len();
    // value = digits × 10^(trailing - shift); in scientific notation the point follows digit 1.
    let e = digits.len() as i64 - 1 + trailing as i64 - shift;
    let (first, rest) = digits.split_at(1);
    let rest = if rest.is_empty() { "0" } else { rest };
    format!("{sign}{first}.{rest}e{e}")
}

/// A non-negative big integer in base 10^9, least significant limb first.
struct Big(Vec<u32>);

impl Big {
    fn from(n: u64) -> Big {
        Big(vec![
            (n % 1_000_000_000) as u32,
            (n / 1_000_000_000 % 1_000_000_000) as u32,
            (n / 1_000_000_000_000_000_000) as u32,
        ])
    }

    fn mul_small(&mut self, m: u32) {
        let mut carry = 0u64;
        for limb in &mut self.0 {
            let v = u64::from(*limb) * u64::from(m) + carry;
            *limb = (v % 1_000_000_000) as u32;
            carry = v / 1_000_000_000;
        }
        if carry > 0 {
            self.0.push(carry as u32);
        }
    }

    fn decimal(&self) -> String {
        let mut limbs = self.0.iter().rev().skip_while(|&&l| l == 0);
        let mut out = match limbs.next() {
            Some(top) => top.to_string(),
            None => return "0".to_string(),
        };
        for l in limbs {
            out.push_str(&format!("{l:09}"));
        }
        out
    }
}

/// A Rust `Duration` expression for `seconds`: `Duration::from_secs(30)` when whole,
/// `Duration::from_millis(12500)` otherwise.
pub fn duration_expr(seconds: f64) -> String {
    match decimal(seconds) {
        Some((int, frac)) if frac.is_empty() => format!("Duration::from_secs({int})"),
        _ => format!(
            "Duration::from_millis({})",
            (seconds * 1000.0).round().clamp(0.0, 1.8e19) as u64
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shortest_text_that_reads_back() {
        for (x, f) in [
            (0.0, "0.0"),
            (1.0, "1.0"),
            (0.05, "0.05"),
            (0.1, "0.1"),
            (30.0, "30.0"),
            (2.5, "2.5"),
            (0.001, "0.001"),
            (86400.0, "86400.0"),
            (1.234567891, "1.234567891"),
        ] {
            assert_eq!(float_text(x), f, "{x}");
            assert_eq!(f.parse::<f64>().unwrap(), x);
        }
        // Every decimal a user could type with up to six fraction digits round-trips.
        for i in (0..2_000_000u64).step_by(997) {
            let text = format!("{}.{:06}", i / 1_000_000 * 7, i % 1_000_000);
            let x: f64 = text.parse().unwrap();
            assert_eq!(float_text(x).parse::<f64>().unwrap(), x, "{text}");
        }
    }

    #[test]
    fn durations() {
        assert_eq!(duration_expr(30.0), "Duration::from_secs(30)");
        assert_eq!(duration_expr(12.5), "Duration::from_millis(12500)");
    }

    #[test]
    fn any_other_value_reads_back_exactly() {
        let mut state = 0x9E37_79B9_7F4A_7C15u64;
        for _ in 0..3000 {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            let x = f64::from_bits(state);
            if !x.is_finite() {
                continue;
            }
            let text = exact_text(x);
            assert_eq!(
                text.parse::<f64>().unwrap().to_bits(),
                x.to_bits(),
                "{text}"
            );
        }
        for x in [1.0 / 3.0, f64::MAX, f64::MIN_POSITIVE, 5e-324, -2.5, 1e300] {
            assert_eq!(float_text(x).parse::<f64>().unwrap(), x);
        }
        assert_eq!(exact_text(0.5), "5.0e-1");
        assert_eq!(exact_text(1024.0), "1.024e3");
        assert_eq!(float_text(f64::NAN), "0.0");
    }
}
