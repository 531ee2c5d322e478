//! Text generators: the nasty strings, bytes and words the cases are made of.

use super::*;

// Text generators.

/// ASCII pieces that break naive quoting in some target language (or in the shell).
pub(super) const NASTY: [&str; 44] = [
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
pub(super) const UTF8: [&str; 22] = [
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
pub(super) struct Chars {
    /// LF, CR LF and lone CR.
    pub(super) newlines: bool,
    /// Bytes 0x80-0xFF, most of them not UTF-8.
    pub(super) raw: bool,
    /// Control characters other than TAB, LF and CR (never NUL: argv cannot hold it).
    pub(super) controls: bool,
    /// Characters left out (e.g. `;` in unquoted `-F` values, `=` in form names).
    pub(super) forbid: &'static [char],
}

pub(super) const HEADER_VALUE: Chars = Chars {
    newlines: false,
    raw: true,
    controls: false,
    forbid: &[],
};
pub(super) const DATA: Chars = Chars {
    newlines: true,
    raw: true,
    controls: true,
    forbid: &[],
};
/// Form names and text values stay UTF-8: requests/urllib3 decode names as UTF-8 and fetch's
/// FormData holds strings; arbitrary bytes go through file parts instead.
pub(super) const FORM_NAME: Chars = Chars {
    newlines: false,
    raw: false,
    controls: false,
    forbid: &['='],
};
pub(super) const FORM_VALUE: Chars = Chars {
    newlines: false,
    raw: false,
    controls: false,
    forbid: &[';'],
};
pub(super) const FORM_STRING: Chars = Chars {
    newlines: true,
    raw: false,
    controls: false,
    forbid: &[],
};
pub(super) const TEXT: Chars = Chars {
    newlines: true,
    raw: false,
    controls: false,
    forbid: &[],
};

pub(super) fn alnum(rng: &mut Rng) -> char {
    *rng.pick(&[
        'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l', 'm', 'n', 'o', 'p', 'q', 'r',
        's', 't', 'u', 'v', 'w', 'x', 'y', 'z', 'A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I', 'J',
        'K', 'L', 'M', 'N', 'O', 'P', 'Q', 'R', 'S', 'T', 'U', 'V', 'W', 'X', 'Y', 'Z', '0', '1',
        '2', '3', '4', '5', '6', '7', '8', '9',
    ])
}

pub(super) fn word(rng: &mut Rng, max: usize) -> String {
    (0..rng.range(1, max)).map(|_| alnum(rng)).collect()
}

/// Up to `max` random pieces of text allowed by `chars`.
pub(super) fn text(rng: &mut Rng, chars: Chars, max: usize) -> Vec<u8> {
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
pub(super) fn any_bytes(rng: &mut Rng, max: usize) -> Vec<u8> {
    text(rng, DATA, max)
}

// ---------------------------------------------------------------------------------------------
