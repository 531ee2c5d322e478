//! Bash quoting of generated words: the oracle's, double quotes and ANSI-C `$'…'`.

use super::*;

// Bash quoting.

/// How one argument is quoted in the command text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Style {
    /// `shell_words::quote` (single quotes, `'\''`), the quoting oracle.
    Oracle,
    /// `"…"` with `\$ \` \" \\`.
    Double,
    /// `$'…'` for the whole word.
    AnsiC,
}

pub(super) fn style(rng: &mut Rng) -> Style {
    match rng.below(10) {
        0..=5 => Style::Oracle,
        6 | 7 => Style::Double,
        _ => Style::AnsiC,
    }
}

/// Characters no quote but `$'…'` can carry through a shell: control characters other than TAB
/// and LF (bash keeps CR in quotes, but a pasted CR is easily a line ending; `$'\r'` says what it is).
pub(super) fn needs_ansi_c(c: char) -> bool {
    (c < ' ' && c != '\n' && c != '\t') || c == '\u{7f}'
}

/// `s` quoted by shell-words. It leaves `{a,b}` unquoted, which bash brace-expands into two words:
/// braces are single-quoted here.
pub(super) fn oracle_quote(s: &str) -> String {
    let q = shell_words::quote(s);
    if q == s && s.contains(['{', '}']) {
        format!("'{s}'")
    } else {
        q.into_owned()
    }
}

pub(super) fn double_quote(s: &str) -> String {
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
pub(super) fn ansi_c_quote(b: &[u8]) -> String {
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
pub(super) fn quote(b: &[u8], style: Style) -> String {
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
