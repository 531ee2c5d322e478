//! Decimal digits (`2.5`, `.75`, `10`) to the nearest `f64`, rounded exactly as `str::parse` rounds.
//!
//! Why not `str::parse::<f64>`: std's parser links a 10 KB table of powers of five, which was 6% of
//! the web page's gzipped WebAssembly. curl's seconds are only digits and a dot, and a command holds
//! a handful of them, so schoolbook arithmetic on decimal digits is enough: halve or double the
//! number until it lies in [0.5, 1), then double it 53 more times, reading one bit each time.
//! Every step is exact, so the result is correctly rounded (ties to even), like std's.

use std::cmp::Ordering;

/// Significant digits kept. Further digits can only matter when the kept ones sit exactly on a
/// halfway point between two doubles, and such a point has at most 767 significant digits; so
/// past 800 it is enough to know whether anything non-zero was cut off (std keeps 768).
const MAX_DIGITS: usize = 800;

/// `0.d₁d₂d₃… × 10^point`, digits 0–9 with no leading or trailing zeros (empty is zero).
struct Decimal {
    digits: Vec<u8>,
    point: i64,
}

impl Decimal {
    fn double(&mut self) {
        let mut carry = 0;
        for d in self.digits.iter_mut().rev() {
            let v = *d * 2 + carry;
            *d = v % 10;
            carry = v / 10;
        }
        if carry > 0 {
            self.digits.insert(0, carry);
            self.point += 1;
        }
        if self.digits.last() == Some(&0) {
            self.digits.pop();
        }
    }

    fn halve(&mut self) {
        let mut rest = 0;
        for d in &mut self.digits {
            let v = rest * 10 + *d;
            *d = v / 2;
            rest = v % 2;
        }
        if rest > 0 {
            self.digits.push(5);
        }
        if self.digits.first() == Some(&0) {
            self.digits.remove(0);
            self.point -= 1;
        }
    }

    /// Removes the integer part (0 or 1: callers keep the number below 2) and returns it.
    fn take_integer(&mut self) -> u64 {
        if self.point <= 0 {
            return 0;
        }
        self.digits.remove(0);
        self.point = 0;
        while self.digits.first() == Some(&0) {
            self.digits.remove(0);
            self.point -= 1;
        }
        1
    }

    /// How the number compares with 0.5.
    fn cmp_half(&self) -> Ordering {
        match (self.point, self.digits.as_slice()) {
            (_, []) => Ordering::Less,
            // A point above 0 means at least 0.1 × 10 = 1; below 0, less than 0.01 × 10 = 0.1.
            (p, _) if p != 0 => p.cmp(&0),
            (_, [first, more @ ..]) => first.cmp(&5).then(if more.is_empty() {
                Ordering::Equal
            } else {
                Ordering::Greater
            }),
        }
    }
}

/// The `f64` nearest to the decimal number `int.frac` (both ASCII digits, either may be empty).
pub(crate) fn to_f64(int: &[u8], frac: &[u8]) -> f64 {
    let int_zeros = int.iter().take_while(|&&c| c == b'0').count();
    let int_len = (int.len() - int_zeros) as i64;
    let all = int.iter().chain(frac).skip(int_zeros);
    let leading_zeros = all.clone().take_while(|&&c| c == b'0').count();
    // With no integer digits left, the zeros after the dot move the point to the left.
    let point = if int_len > 0 {
        int_len
    } else {
        -(leading_zeros as i64)
    };
    // Out of range either way: at least 10^310 overflows, below 10^-330 is under half the
    // smallest subnormal (about 2.5e-324).
    if point > 310 {
        return f64::INFINITY;
    }
    if point < -330 {
        return 0.0;
    }
    let mut significant = all.skip(leading_zeros).map(|c| c - b'0');
    let mut digits: Vec<u8> = significant.by_ref().take(MAX_DIGITS).collect();
    let sticky = significant.any(|d| d != 0);
    while digits.last() == Some(&0) {
        digits.pop();
    }
    if digits.is_empty() {
        return 0.0;
    }
    let mut x = Decimal { digits, point };

    // The value is x × 2^exp; bring x into [0.5, 1).
    let mut exp: i64 = 0;
    while x.point > 0 {
        x.halve();
        exp += 1;
    }
    while x.cmp_half() == Ordering::Less {
        x.double();
        exp -= 1;
    }
    // A double holds 53 significant bits, fewer below 2^-1022 (subnormals): its last bit is
    // worth at least 2^-1074. Below 2^-1075 everything rounds to zero.
    let bits = (exp + 1074).min(53);
    if bits < 0 {
        return 0.0;
    }
    let mut m: u64 = 0;
    for _ in 0..bits {
        x.double();
        m = m * 2 + x.take_integer();
    }
    // Round to nearest, ties to even; digits cut off past MAX_DIGITS put a tie just above.
    let up = match x.cmp_half() {
        Ordering::Greater => true,
        Ordering::Less => false,
        Ordering::Equal => sticky || m % 2 == 1,
    };
    let m = m + u64::from(up);
    if bits < 53 {
        // A subnormal is m × 2^-1074, which is its bit pattern; a carry to 2^52 is the smallest
        // normal number, whose bit pattern is 2^52 as well.
        return f64::from_bits(m);
    }
    // A normal number: m × 2^(exp-53) with m in [2^52, 2^53] (2^53 after a carry).
    let (m, exp) = if m == 1 << 53 {
        (m / 2, exp + 1)
    } else {
        (m, exp)
    };
    let biased = exp + 1022;
    if biased >= 2047 {
        return f64::INFINITY;
    }
    f64::from_bits(((biased as u64) << 52) | (m & ((1 << 52) - 1)))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Compares with std on `text` (digits with at most one dot) bit for bit.
    fn check(text: &str) {
        let (int, frac) = text.split_once('.').unwrap_or((text, ""));
        let ours = to_f64(int.as_bytes(), frac.as_bytes());
        let std: f64 = text
            .parse()
            .unwrap_or_else(|_| panic!("std refuses {text}"));
        assert_eq!(ours.to_bits(), std.to_bits(), "{text}: {ours:e} vs {std:e}");
    }

    /// Every digit of `x` (1100 decimals hold the longest one, 2^-1074, exactly).
    fn exact(x: f64) -> String {
        format!("{x:.1100}")
    }

    /// The exact midpoint of two doubles.
    fn midpoint(a: f64, b: f64) -> String {
        half(&add(&exact(a), &exact(b)))
    }

    /// Schoolbook sum of two decimals with the same number of decimals.
    fn add(a: &str, b: &str) -> String {
        let width = a.len().max(b.len());
        let (a, b) = (format!("{a:0>width$}"), format!("{b:0>width$}"));
        let mut sum = Vec::new();
        let mut carry = 0;
        for (x, y) in a.bytes().rev().zip(b.bytes().rev()) {
            if x == b'.' {
                sum.push(b'.');
                continue;
            }
            let v = (x - b'0') + (y - b'0') + carry;
            sum.push(b'0' + v % 10);
            carry = v / 10;
        }
        sum.push(b'0' + carry);
        sum.reverse();
        String::from_utf8(sum).unwrap()
    }

    /// Schoolbook half of a decimal.
    fn half(text: &str) -> String {
        let mut out = String::new();
        let mut rest = 0;
        for c in text.bytes() {
            if c == b'.' {
                out.push('.');
                continue;
            }
            let v = rest * 10 + (c - b'0');
            out.push(char::from(b'0' + v / 2));
            rest = v % 2;
        }
        if rest > 0 {
            out.push('5');
        }
        out
    }

    /// A number just below `text` (a decimal with a dot): one less in its last decimal, then a long
    /// tail of nines.
    fn just_below(text: &str) -> String {
        let mut digits = text.as_bytes().to_vec();
        for d in digits.iter_mut().rev().filter(|d| **d != b'.') {
            if *d == b'0' {
                *d = b'9';
            } else {
                *d -= 1;
                break;
            }
        }
        format!("{}{}", String::from_utf8(digits).unwrap(), "9".repeat(900))
    }

    /// The halfway point above `a` and its neighbours, where rounding is decided.
    fn check_around(a: f64) {
        check(&exact(a));
        let mid = if a == f64::MAX {
            // Halfway to 2^1024, which is no double: MAX plus half its last bit (2^970).
            add(&exact(a), &exact(2f64.powi(970)))
        } else {
            midpoint(a, f64::from_bits(a.to_bits() + 1))
        };
        check(&mid);
        check(&just_below(&mid));
        check(&format!("{mid}{}1", "0".repeat(900)));
    }

    #[test]
    fn short_numbers() {
        for text in [
            "0",
            "00",
            "0.0",
            ".5",
            "10",
            "2.5",
            "0.1",
            "0.3",
            "1",
            "30",
            "60.000",
            "007.25",
            "123456789.987654321",
            "9007199254740993",
            "9007199254740995",
            "0.000001",
            "4294967296.5",
            "18446744073709551616",
            "1.7976931348623157",
        ] {
            check(text);
        }
    }

    #[test]
    fn halfway_points_round_to_even() {
        for a in [
            1.0,
            0.1,
            2.5,
            9007199254740992.0,
            f64::MAX,
            f64::from_bits(f64::MAX.to_bits() - 1),
            f64::MIN_POSITIVE,
            f64::from_bits(f64::MIN_POSITIVE.to_bits() - 1),
            f64::from_bits(1),
            f64::from_bits(2),
            0.0,
        ] {
            check_around(a);
        }
    }

    #[test]
    fn extremes() {
        check(&format!("1{}", "0".repeat(400)));
        check(&format!("0.{}1", "0".repeat(400)));
        check(&format!("0.{}1", "0".repeat(323)));
        check(&format!("0.{}247", "0".repeat(323)));
        check(&format!("0.{}248", "0".repeat(323)));
        check(&format!("{}.{}", "9".repeat(309), "9".repeat(50)));
        check(&"1".repeat(2000));
        check(&format!("0.{}", "3".repeat(2000)));
    }

    /// xorshift64: a fixed sequence of pseudo-random numbers.
    fn random(state: &mut u64) -> u64 {
        *state ^= *state << 13;
        *state ^= *state >> 7;
        *state ^= *state << 17;
        *state
    }

    #[test]
    fn random_doubles_and_their_halfway_points() {
        let mut state = 0x2545_f491_4f6c_dd1d;
        for _ in 0..100 {
            // Any bit pattern of a finite positive double.
            let a = f64::from_bits(random(&mut state) % f64::MAX.to_bits());
            check_around(a);
            check(&format!("{a}"));
        }
    }

    #[test]
    fn random_digit_strings() {
        let mut state = 0x9e37_79b9_7f4a_7c15;
        for round in 0..2000 {
            // Mostly short numbers like people type, some long enough to need the sticky digit.
            let max = if round % 10 == 0 { 1000 } else { 25 };
            let int_len = random(&mut state) % max;
            let frac_len = random(&mut state) % max;
            let mut digits = |n: u64| -> String {
                (0..n)
                    .map(|_| char::from(b'0' + (random(&mut state) % 10) as u8))
                    .collect()
            };
            let int = digits(int_len);
            let frac = digits(frac_len);
            if !(int.is_empty() && frac.is_empty()) {
                check(&format!("{int}.{frac}"));
            }
            check(&format!("{int}1"));
        }
    }
}
