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

/// `x` as a float literal with a decimal point (`1.0`, `0.05`): Python, Rust.
pub fn float_text(x: f64) -> String {
    match decimal(x) {
        Some((int, frac)) if frac.is_empty() => format!("{int}.0"),
        Some((int, frac)) => format!("{int}.{frac}"),
        // Not from decimal input (or huge): nine digits are plenty for seconds.
        None if x.is_finite() && x >= 0.0 => {
            let ms = (x * 1e9).round();
            if ms < 1.8e19 {
                let n = ms as u64;
                format!("{}.{:09}", n / 1_000_000_000, n % 1_000_000_000)
            } else {
                "1e15".to_string()
            }
        }
        None => "0.0".to_string(),
    }
}

/// `x` as a number literal without a needless `.0` (`1`, `0.05`): JavaScript.
pub fn number_text(x: f64) -> String {
    match decimal(x) {
        Some((int, frac)) if frac.is_empty() => format!("{int}"),
        _ => float_text(x),
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
        for (x, f, n) in [
            (0.0, "0.0", "0"),
            (1.0, "1.0", "1"),
            (0.05, "0.05", "0.05"),
            (0.1, "0.1", "0.1"),
            (30.0, "30.0", "30"),
            (2.5, "2.5", "2.5"),
            (0.001, "0.001", "0.001"),
            (86400.0, "86400.0", "86400"),
            (1.234567891, "1.234567891", "1.234567891"),
        ] {
            assert_eq!(float_text(x), f, "{x}");
            assert_eq!(number_text(x), n, "{x}");
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
    fn odd_values_still_give_valid_literals() {
        assert_eq!(float_text(1.0 / 3.0), "0.333333333");
        assert_eq!(float_text(f64::NAN), "0.0");
        assert_eq!(float_text(-1.0), "0.0");
    }
}
