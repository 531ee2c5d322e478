//! Guesses which shell pasted text was written for, from the marks each one leaves: line
//! continuations (`\`, `^`, `` ` ``), Chrome's `^"` quoting, `$env:`, `$'…'`.

use super::Dialect;

/// Evidence for each dialect.
#[derive(Debug, Default)]
struct Score {
    bash: u32,
    cmd: u32,
    powershell: u32,
}

/// The dialect `src` most likely uses; bash when nothing points elsewhere.
pub fn detect(src: &str) -> Dialect {
    let mut s = Score::default();
    continuations(src, &mut s);
    markers(src, &mut s);
    if s.cmd > s.bash && s.cmd >= s.powershell {
        Dialect::Cmd
    } else if s.powershell > s.bash && s.powershell > s.cmd {
        Dialect::PowerShell
    } else {
        Dialect::Bash
    }
}

/// Each line ending in a continuation character is strong evidence; a continuation broken by
/// trailing spaces still counts a little.
fn continuations(src: &str, s: &mut Score) {
    for line in src.lines() {
        let exact = line.trim_end_matches('\r');
        let loose = exact.trim_end();
        let (strong, weak) = (3, 1);
        for (ch, score) in [
            ('\\', &mut s.bash),
            ('^', &mut s.cmd),
            ('`', &mut s.powershell),
        ] {
            // Strong: the character alone on its line, or after a blank.
            let strict = exact
                .strip_suffix(ch)
                .is_some_and(|rest| rest.is_empty() || rest.ends_with(' '));
            if strict {
                *score += strong;
            } else if loose.ends_with(ch) {
                *score += weak;
            }
        }
    }
}

/// Marks that only one dialect makes.
fn markers(src: &str, s: &mut Score) {
    // Most markers need one of a few characters; looking for those first (one fast byte search
    // each) spares the longer searches on the plain commands most inputs are.
    let (caret, dollar, backtick) = (src.contains('^'), src.contains('$'), src.contains('`'));
    let lower = src.to_ascii_lowercase();
    if caret && src.contains("^\"") {
        s.cmd += 4;
    }
    if caret && (src.contains("^\\^\"") || lower.contains("curl ^\"")) {
        s.cmd += 5;
    }
    if dollar && (lower.contains("$env:") || lower.contains("${env:")) {
        s.powershell += 5;
    }
    if lower.contains("invoke-webrequest") || lower.contains("invoke-restmethod") {
        s.powershell += 5;
    }
    // Windows users type `curl.exe` mostly in PowerShell, where plain `curl` is an alias;
    // single quotes are not quotes in cmd.
    if lower.contains("curl.exe") {
        s.powershell += 2;
        if src.contains('\'') {
            s.powershell += 1;
        }
    }
    if src.contains("@'\n") || src.contains("@'\r\n") || (backtick && backtick_quote(src)) {
        s.powershell += 2;
    }
    if src.contains("\"\"") && doubled_quote_inside_word(src) {
        s.cmd += 4;
    }
    if src.contains('%') && percent_variable(src) {
        s.cmd += 3;
    }
    // ANSI-C quoting and the `'\''` idiom exist only in bash (and other POSIX-like shells):
    // strong enough to outweigh one doubled quote or one `%NAME%`.
    if dollar && src.contains("$'") {
        s.bash += 5;
        // A whole word quoted `$'…'` (as Firefox and Chrome write bodies with control bytes): its
        // contents may hold `^"`, `""` and `%…%` that would otherwise outvote it for cmd.
        if src.match_indices("$'").any(|(i, _)| {
            src[..i]
                .chars()
                .next_back()
                .is_none_or(|c| c.is_whitespace())
        }) {
            s.bash += 8;
        }
    }
    if src.contains("'\\''") {
        s.bash += 5;
    }
    if src.contains(" '") {
        s.bash += 1;
    }
    if src.contains('\\') && (src.contains("\\\"") || src.contains("\\$") || src.contains("\\`")) {
        s.bash += 1;
    }
    // `` `date` `` (often inside double quotes: `-H "X-Time: `date`"`) is bash's command
    // substitution; PowerShell's backtick escapes one character and is never paired like that.
    if backtick && backtick_substitution(src) {
        s.bash += 3;
    }
}

/// A pair of backticks on one line around something that reads as a command (`` `date` ``,
/// `` `cat token.txt` ``): a letter first, no quote inside.
fn backtick_substitution(src: &str) -> bool {
    src.lines().any(|line| {
        let mut pieces = line.split('`');
        pieces.next(); // before the first backtick
        // Pieces alternate inside / outside a pair; a last piece after an odd backtick is outside.
        let pieces: Vec<&str> = pieces.collect();
        pieces.chunks(2).any(|pair| match pair {
            [inside, _] => {
                inside.len() >= 2
                    && inside.starts_with(|c: char| c.is_ascii_lowercase())
                    && inside
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || " -_./$:=|+%".contains(c))
            }
            _ => false,
        })
    })
}

/// `` `" `` as PowerShell escapes a quote (not bash's `` \` `` followed by a quote, nor the closing
/// backtick of bash's `` `cmd` `` before a closing quote).
fn backtick_quote(src: &str) -> bool {
    src.match_indices("`\"").any(|(i, _)| {
        let before = src.get(..i).unwrap_or_default();
        let line = before.rsplit('\n').next().unwrap_or_default();
        !before.ends_with('\\') && line.matches('`').count() % 2 == 0
    })
}

/// `""` glued between other characters (`"{""a"":1}"`): how older browsers escaped a quote for
/// cmd.exe; bash users practically never write it, except inside single quotes (`-d 'a=""'`),
/// which cmd does not have but then bash reads them literally: those are skipped, as is `\""`.
fn doubled_quote_inside_word(src: &str) -> bool {
    let single = single_quoted_ranges(src);
    src.match_indices("\"\"").any(|(i, _)| {
        // The ranges are sorted and disjoint: the one that could hold `i` is the last to start
        // at or before it.
        let k = single.partition_point(|r| r.start <= i);
        if k.checked_sub(1)
            .and_then(|k| single.get(k))
            .is_some_and(|r| r.contains(&i))
        {
            return false;
        }
        let before = src.get(..i).and_then(|s| s.chars().next_back());
        let after = src.get(i + 2..).and_then(|s| s.chars().next());
        // After a backslash it is bash's `\"` and then the closing quote (`"a \""`).
        before.is_some_and(|c| !c.is_whitespace() && c != '"' && c != '\\')
            && after.is_some_and(|c| !c.is_whitespace() && c != '"')
    })
}

/// Byte ranges inside bash single quotes (`'…'` outside double quotes; `$'…'` counts too, as
/// its `\'` does not matter for spotting `""`).
fn single_quoted_ranges(src: &str) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut open: Option<usize> = None;
    let mut double = false;
    for (i, c) in src.char_indices() {
        match (c, open, double) {
            ('\'', None, false) => open = Some(i),
            ('\'', Some(o), _) => {
                out.push(o..i);
                open = None;
            }
            ('"', None, _) => double = !double,
            _ => {}
        }
    }
    out
}

/// `%NAME%` with a name that cannot be percent-encoding (`%TOKEN%`, not `%ABC%`, nor
/// `%ee6t%3c` where both `%` start an escape).
fn percent_variable(src: &str) -> bool {
    let parts: Vec<&str> = src.split('%').collect();
    let escape = |p: &str| p.len() >= 2 && p.bytes().take(2).all(|b| b.is_ascii_hexdigit());
    // Only the parts between two `%` can be names.
    let inner = parts
        .get(1..parts.len().saturating_sub(1))
        .unwrap_or_default();
    inner.iter().enumerate().any(|(k, name)| {
        let next_escapes = parts.get(k + 2).is_some_and(|p| escape(p));
        !(escape(name) && next_escapes)
            && name.len() >= 2
            && name.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
            && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
            && name.chars().any(|c| !c.is_ascii_hexdigit())
    })
}
