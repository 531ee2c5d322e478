//! What bash's `echo` and `printf` builtins print, for `echo … | curl -d @-`.

use super::escape::{Flavor, decode};
use crate::shell::cursor::PErr;
use nom::Parser;
use nom::bytes::complete::{take_while, take_while1};
use nom::character::complete::{anychar, char, digit0};
use nom::combinator::{opt, recognize};
use nom::sequence::preceded;

/// The output and anything that was only approximated.
#[derive(Debug, Default)]
pub(super) struct Printed {
    /// The bytes written to stdout.
    pub bytes: Vec<u8>,
    /// Approximations, one message each.
    pub notes: Vec<String>,
}

/// bash's `echo`: leading `-n`/`-e`/`-E` options, arguments joined by spaces, a final newline.
pub(super) fn echo(args: &[Vec<u8>]) -> Printed {
    let mut newline = true;
    let mut escapes = false;
    let mut i = 0;
    while let Some(arg) = args.get(i) {
        // Only words made entirely of n, e and E after one dash are options.
        let Some(flags) = arg.strip_prefix(b"-") else {
            break;
        };
        if flags.is_empty() || !flags.iter().all(|b| b"neE".contains(b)) {
            break;
        }
        for f in flags {
            match f {
                b'n' => newline = false,
                b'e' => escapes = true,
                _ => escapes = false,
            }
        }
        i += 1;
    }
    let mut out = Printed::default();
    for (k, arg) in args.iter().skip(i).enumerate() {
        if k > 0 {
            out.bytes.push(b' ');
        }
        if escapes {
            let d = decode(&String::from_utf8_lossy(arg), Flavor::Echo);
            out.bytes.extend_from_slice(&d.bytes);
            if d.stopped {
                return out;
            }
        } else {
            if arg.contains(&b'\\') {
                out.notes.push("bash's `echo` prints backslashes as they are (sh and zsh decode them); converted as bash".into());
            }
            out.bytes.extend_from_slice(arg);
        }
    }
    if newline {
        out.bytes.push(b'\n');
    }
    out
}

/// One piece of a printf format.
#[derive(Debug, PartialEq, Eq)]
enum Piece<'a> {
    /// Text with escapes.
    Text(&'a str),
    /// `%…X`.
    Directive {
        flags: &'a str,
        width: Option<usize>,
        precision: Option<usize>,
        conv: char,
    },
}

fn directive(i: &str) -> nom::IResult<&str, Piece<'_>, PErr<'_>> {
    let (i, _) = char('%')(i)?;
    let (i, flags) = take_while(|c| "-+ #0".contains(c))(i)?;
    let (i, width) = digit0(i)?;
    let (i, precision) = opt(preceded(char('.'), digit0)).parse(i)?;
    let (i, conv) = anychar(i)?;
    Ok((
        i,
        Piece::Directive {
            flags,
            width: width.parse().ok(),
            precision: precision.map(|p| p.parse().unwrap_or(0)),
            conv,
        },
    ))
}

fn pieces(format: &str) -> Vec<Piece<'_>> {
    let mut out = Vec::new();
    let mut rest = format;
    while !rest.is_empty() {
        if let Ok((after, text)) =
            recognize(take_while1::<_, _, PErr<'_>>(|c| c != '%')).parse(rest)
        {
            out.push(Piece::Text(text));
            rest = after;
        } else if let Some(after) = rest.strip_prefix("%%") {
            out.push(Piece::Text("%"));
            rest = after;
        } else if let Ok((after, d)) = directive(rest) {
            out.push(d);
            rest = after;
        } else {
            // A lone `%` at the end.
            out.push(Piece::Text(rest));
            break;
        }
    }
    out
}

/// bash's `printf FORMAT ARGS…`: the format is reused while arguments remain.
pub(super) fn printf(format: &str, args: &[Vec<u8>]) -> Printed {
    let pieces = pieces(format);
    let mut out = Printed::default();
    let mut next = 0;
    // Each pass consumes at least one argument, so this runs at most args.len() + 1 times.
    loop {
        let before = next;
        for piece in &pieces {
            match piece {
                Piece::Text(t) => out
                    .bytes
                    .extend_from_slice(&decode(t, Flavor::Printf).bytes),
                Piece::Directive {
                    flags,
                    width,
                    precision,
                    conv,
                } => {
                    let arg = args.get(next).map(Vec::as_slice);
                    next += 1;
                    let done = convert(*conv, arg, flags, *width, *precision, &mut out);
                    if done {
                        return out;
                    }
                }
            }
        }
        if next >= args.len() || next == before {
            break;
        }
    }
    out
}

/// One directive. Returns true when `%b` hit `\c` (all output stops).
fn convert(
    conv: char,
    arg: Option<&[u8]>,
    flags: &str,
    width: Option<usize>,
    precision: Option<usize>,
    out: &mut Printed,
) -> bool {
    let arg = arg.unwrap_or_default();
    let mut stop = false;
    let mut text: Vec<u8> = match conv {
        's' => arg.to_vec(),
        'b' => {
            let d = decode(&String::from_utf8_lossy(arg), Flavor::Echo);
            stop = d.stopped;
            d.bytes
        }
        'c' => arg.first().map(|b| vec![*b]).unwrap_or_default(),
        'd' | 'i' | 'u' | 'x' | 'X' | 'o' => integer(conv, arg, out),
        other => {
            out.notes.push(format!(
                "`printf %{other}` is approximated: the argument is printed as is"
            ));
            arg.to_vec()
        }
    };
    if let Some(p) = precision.filter(|_| matches!(conv, 's' | 'b')) {
        text.truncate(p);
    }
    let pad = width.unwrap_or(0).saturating_sub(text.len());
    let fill = if flags.contains('0') && !flags.contains('-') && conv != 's' {
        b'0'
    } else {
        b' '
    };
    if flags.contains('-') {
        out.bytes.extend_from_slice(&text);
        out.bytes.extend(std::iter::repeat_n(b' ', pad));
    } else {
        out.bytes.extend(std::iter::repeat_n(fill, pad));
        out.bytes.extend_from_slice(&text);
    }
    stop
}

fn integer(conv: char, arg: &[u8], out: &mut Printed) -> Vec<u8> {
    let text = String::from_utf8_lossy(arg);
    let text = text.trim();
    let value: i128 = if text.is_empty() {
        0
    } else if let Some(c) = text.strip_prefix(['\'', '"']) {
        c.chars().next().map_or(0, |c| c as i128)
    } else if let Some(h) = text.strip_prefix("0x").or_else(|| text.strip_prefix("0X")) {
        i128::from_str_radix(h, 16).unwrap_or(0)
    } else {
        match text.parse() {
            Ok(v) => v,
            Err(_) => {
                out.notes.push(format!(
                    "`printf %{conv}` got `{text}`, which is not a number; printed 0"
                ));
                0
            }
        }
    };
    let s = match conv {
        'x' => format!("{value:x}"),
        'X' => format!("{value:X}"),
        'o' => format!("{value:o}"),
        _ => value.to_string(),
    };
    s.into_bytes()
}
