//! Randomized round trips (argv → quoted text → tokenize → the same argv) with independent
//! quoters as oracles, and a no-panic sweep over hostile inputs.

use super::cmd::{chrome_received, chrome_win, chrome_win_2020, quote_quote_win};
use super::*;
use crate::shell::detect;
use std::time::{Duration, Instant};

use crate::testing::Rng;

/// What the round trips draw: picks, strings and argv from an alphabet.
impl Rng {
    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())]
    }

    fn string(&mut self, alphabet: &[&str], max: usize) -> String {
        let len = self.below(max + 1);
        (0..len).map(|_| self.pick(alphabet)).collect()
    }

    fn argv(&mut self, alphabet: &[&str]) -> Vec<String> {
        let n = 1 + self.below(5);
        (0..n).map(|_| self.string(alphabet, 12)).collect()
    }
}

const BASH_ALPHABET: &[&str] = &[
    "a", "b", "Z", "0", " ", "\t", "'", "\"", "$", "\\", "\n", "é", "☃", "😀", "*", "?", "&", ";",
    "|", "#", "~", "=", "{", "}", "(", ")", "<", ">", "!", "%", "^", "`", "-", "$HOME", "${X}",
    "$'", "\\n", "\r\n",
];

fn words_of(src: &str, dialect: Dialect) -> Vec<String> {
    let mut warnings = Vec::new();
    let script =
        tokenize(src, Some(dialect), &mut warnings).unwrap_or_else(|e| panic!("{src:?}: {e:?}"));
    assert_eq!(script.commands.len(), 1, "{src:?} gave {script:?}");
    script.commands[0]
        .words
        .iter()
        .map(|w| String::from_utf8(bytes(w)).expect("utf-8"))
        .collect()
}

#[test]
fn bash_round_trips_shell_words_join() {
    let mut rng = Rng::new(crate::testing::seed(
        "bash_round_trips_shell_words_join",
        0x5eed_0001,
    ));
    for _ in 0..500 {
        let mut argv = vec!["curl".to_string()];
        argv.extend(rng.argv(BASH_ALPHABET));
        let src = shell_words::join(&argv);
        // `\r\n` inside single quotes is read as a newline (pasted Windows line ends).
        let expected: Vec<String> = argv.iter().map(|a| a.replace("\r\n", "\n")).collect();
        assert_eq!(words_of(&src, Dialect::Bash), expected, "source: {src:?}");
    }
}

#[test]
fn bash_agrees_with_shell_words_split() {
    // shell-words knows quotes and backslashes but not `$`, `~`, comments or operators.
    let alphabet = [
        "a",
        "b",
        " ",
        "'",
        "\"",
        "\\",
        "é",
        "x\\ y",
        "'q r'",
        "\"s\\\"t\"",
        "-",
    ];
    let mut rng = Rng::new(crate::testing::seed(
        "bash_agrees_with_shell_words_split",
        0x5eed_0002,
    ));
    let mut checked = 0;
    for _ in 0..2000 {
        let src = format!("curl {}", rng.string(&alphabet, 10));
        let Ok(expected) = shell_words::split(&src) else {
            continue;
        };
        assert_eq!(words_of(&src, Dialect::Bash), expected, "source: {src:?}");
        checked += 1;
    }
    assert!(checked > 500, "only {checked} inputs were valid");
}

/// Builds a bash word from random segments whose value is known.
fn bash_segment(rng: &mut Rng, value: &mut String) -> String {
    match rng.below(5) {
        0 => {
            let s = rng.string(
                &[
                    "a", "b", "-", "=", ".", "/", ":", "é", "?", "[", "]", "{", "}", ",",
                ],
                4,
            );
            value.push_str(&s);
            s
        }
        1 => {
            let s = rng.string(
                &["a", " ", "\"", "\\", "$", "`", "\n", "&", "|", ";", "#"],
                5,
            );
            value.push_str(&s);
            format!("'{s}'")
        }
        2 => {
            let s = rng.string(&["a", " ", "'", "\"", "\\", "$", "`", "\n", "&", "é"], 5);
            value.push_str(&s);
            let escaped: String = s
                .chars()
                .map(|c| {
                    if "\"\\$`".contains(c) {
                        format!("\\{c}")
                    } else {
                        c.to_string()
                    }
                })
                .collect();
            format!("\"{escaped}\"")
        }
        3 => {
            let c = rng.pick(&["a", " ", "'", "\"", "\\", "$", "&", "|", ";", "<", "#", "é"]);
            value.push_str(c);
            format!("\\{c}")
        }
        _ => {
            let (code, decoded) = rng.pick(&[
                ("\\n", "\n"),
                ("\\x41", "A"),
                ("\\'", "'"),
                ("\\\\", "\\"),
                ("\\u00e9", "é"),
                ("\\t", "\t"),
                ("q", "q"),
            ]);
            value.push_str(decoded);
            format!("$'{code}'")
        }
    }
}

#[test]
fn bash_segments_glue_into_known_words() {
    let mut rng = Rng::new(crate::testing::seed(
        "bash_segments_glue_into_known_words",
        0x5eed_0003,
    ));
    for _ in 0..500 {
        let mut src = String::from("curl");
        let mut expected = vec!["curl".to_string()];
        for _ in 0..1 + rng.below(4) {
            let mut value = String::new();
            let mut word = String::new();
            for _ in 0..1 + rng.below(4) {
                word.push_str(&bash_segment(&mut rng, &mut value));
            }
            if word.is_empty() || word.starts_with('#') || word.starts_with('~') {
                continue;
            }
            src.push_str(rng.pick(&[" ", "  ", " \\\n  ", "\t"]));
            src.push_str(&word);
            expected.push(value);
        }
        assert_eq!(words_of(&src, Dialect::Bash), expected, "source: {src:?}");
    }
}

const WIN_ALPHABET: &[&str] = &[
    "a", "B", "7", " ", "\t", "\"", "\\", "%", "&", "|", "<", ">", "^", "!", "é", "☃", "{", "}",
    "[", "]", "@", "$", "'", "(", ")", "*", "?", "=", ":", "/", "%PATH%", "%A", "\\\"", "`",
];

#[test]
fn cmd_round_trips_chrome_output() {
    let mut rng = Rng::new(crate::testing::seed(
        "cmd_round_trips_chrome_output",
        0x5eed_0004,
    ));
    let mut alphabet = WIN_ALPHABET.to_vec();
    alphabet.push("\n");
    for _ in 0..500 {
        let argv = rng.argv(&alphabet);
        let src = format!(
            "curl {}",
            argv.iter()
                .map(|a| chrome_win(a))
                .collect::<Vec<_>>()
                .join(" ^\n  ")
        );
        let mut expected = vec!["curl".to_string()];
        expected.extend(argv.iter().map(|a| chrome_received(a)));
        assert_eq!(words_of(&src, Dialect::Cmd), expected, "source: {src:?}");
        assert_eq!(detect(&src), Dialect::Cmd, "{src:?}");
    }
}

#[test]
fn cmd_round_trips_old_chrome_output() {
    let mut rng = Rng::new(crate::testing::seed(
        "cmd_round_trips_old_chrome_output",
        0x5eed_0005,
    ));
    for _ in 0..500 {
        let argv = rng.argv(WIN_ALPHABET);
        // Real pastes carry a sec-ch-ua header, whose quotes show the old caret style.
        let header = chrome_win_2020("sec-ch-ua: \"Chromium\";v=\"124\"");
        let args: Vec<String> = argv.iter().map(|a| chrome_win_2020(a)).collect();
        let src = format!("curl -H {header} {}", args.join(" ^\n  "));
        let mut expected = vec![
            "curl".to_string(),
            "-H".into(),
            "sec-ch-ua: \"Chromium\";v=\"124\"".into(),
        ];
        expected.extend(argv.iter().map(|a| chrome_received(a)));
        assert_eq!(words_of(&src, Dialect::Cmd), expected, "source: {src:?}");
    }
}

#[test]
fn cmd_round_trips_double_quote_style() {
    let mut rng = Rng::new(crate::testing::seed(
        "cmd_round_trips_double_quote_style",
        0x5eed_0006,
    ));
    let alphabet: Vec<&str> = WIN_ALPHABET
        .iter()
        .copied()
        .filter(|s| !s.contains(['\\', '^']))
        .collect();
    for _ in 0..500 {
        let argv = rng.argv(&alphabet);
        let src = format!(
            "curl {}",
            argv.iter()
                .map(|a| quote_quote_win(a))
                .collect::<Vec<_>>()
                .join(" ")
        );
        let mut expected = vec!["curl".to_string()];
        expected.extend(argv.iter().cloned());
        assert_eq!(words_of(&src, Dialect::Cmd), expected, "source: {src:?}");
    }
}

#[test]
fn msvcrt_round_trips_its_own_quoting() {
    let mut rng = Rng::new(crate::testing::seed(
        "msvcrt_round_trips_its_own_quoting",
        0x5eed_0007,
    ));
    for _ in 0..500 {
        let argv = rng.argv(&["a", " ", "\t", "\"", "\\", "é", "\\\\\"", "x"]);
        let line = argv
            .iter()
            .map(|a| crate::shell::msvcrt::quote(a))
            .collect::<Vec<_>>()
            .join(" ");
        let elems = crate::shell::cmd::percent(&line, 0);
        let words: Vec<String> = crate::shell::msvcrt::split(&elems, false)
            .unwrap()
            .iter()
            .map(|w| String::from_utf8(bytes(w)).unwrap())
            .collect();
        assert_eq!(words, argv, "line: {line:?}");
    }
}

#[test]
fn powershell_round_trips_single_quotes() {
    let alphabet = [
        "a", "b", " ", "\t", "'", "\"", "\\", "$", "`", "&", "|", ";", "é", "#", "@", "(", "{",
        "%", "\n", "$env:X",
    ];
    let mut rng = Rng::new(crate::testing::seed(
        "powershell_round_trips_single_quotes",
        0x5eed_0008,
    ));
    for _ in 0..500 {
        let argv: Vec<String> = rng
            .argv(&alphabet)
            .into_iter()
            .filter(|a| !a.contains("\\\""))
            .collect();
        let src = format!(
            "curl.exe {}",
            argv.iter()
                .map(|a| format!("'{}'", a.replace('\'', "''")))
                .collect::<Vec<_>>()
                .join(" `\n  ")
        );
        let mut expected = vec!["curl.exe".to_string()];
        expected.extend(argv);
        assert_eq!(
            words_of(&src, Dialect::PowerShell),
            expected,
            "source: {src:?}"
        );
    }
}

const HOSTILE: &[&str] = &[
    "'", "\"", "`", "$", "\\", "^", "%", "&", "|", ";", "<", ">", "(", ")", "{", "}", "$(", "${",
    "$'", "<<", "<<-", "<<<", "EOF", "\n", "\r\n", "\r", " ", "\t", "#", "@'", "@\"", "'@", "\"@",
    "--%", "$env:", "é", "😀", "\u{2018}", "\u{201C}", "curl", "echo", "printf", "%s", "cat",
    "sudo", "A=", "\\x", "\\u", "\\U", "\\c", "\\0", "2>&1", "<#", "#>", "rem ", "::", "C:\\>",
    "\u{a0}", "\u{1}",
];

#[test]
fn hostile_inputs_never_panic() {
    let mut rng = Rng::new(crate::testing::seed(
        "hostile_inputs_never_panic",
        0x5eed_0009,
    ));
    let start = Instant::now();
    for _ in 0..3000 {
        let src = rng.string(HOSTILE, 40);
        for dialect in [
            None,
            Some(Dialect::Bash),
            Some(Dialect::Cmd),
            Some(Dialect::PowerShell),
        ] {
            let mut warnings = Vec::new();
            match tokenize(&src, dialect, &mut warnings) {
                Ok(script) => {
                    for c in &script.commands {
                        for w in &c.words {
                            assert!(
                                src.get(w.span.start..w.span.end).is_some(),
                                "bad span {:?} in {src:?}",
                                w.span
                            );
                        }
                    }
                }
                Err(e) => {
                    assert!(e.label.is_some() && e.help.is_some(), "{e:?}");
                    let span = e.span.expect("errors have spans");
                    assert!(
                        span.end <= src.len() && span.start <= span.end,
                        "bad span {span:?} in {src:?}"
                    );
                }
            }
            for w in &warnings {
                assert!(w.label.is_some() && w.help.is_some(), "{w:?}");
                let span = w.span.expect("warnings have spans");
                assert!(
                    span.end <= src.len() && span.start <= span.end,
                    "bad span {span:?} in {src:?}"
                );
            }
        }
    }
    assert!(start.elapsed() < Duration::from_secs(60));
}

/// Runs every dialect on `src` and checks it finishes in reasonable time without panicking.
fn survives(src: &str) {
    for dialect in [
        None,
        Some(Dialect::Bash),
        Some(Dialect::Cmd),
        Some(Dialect::PowerShell),
    ] {
        let start = Instant::now();
        let mut warnings = Vec::new();
        let _ = tokenize(src, dialect, &mut warnings);
        let elapsed = start.elapsed();
        assert!(
            elapsed < Duration::from_secs(20),
            "{dialect:?} took {elapsed:?} on {} bytes starting {:?}",
            src.len(),
            &src[..src.len().min(40)]
        );
    }
}

#[test]
fn deep_nesting_does_not_overflow() {
    survives(&"$(".repeat(10_000));
    survives(&format!(
        "echo {}{}",
        "$(".repeat(10_000),
        ")".repeat(10_000)
    ));
    survives(&format!("echo \"{}\"", "${".repeat(10_000)));
    survives(&"\"$(\"".repeat(10_000));
    survives(&format!(
        "curl.exe {}{}",
        "$(".repeat(10_000),
        ")".repeat(10_000)
    ));
    survives(&"(".repeat(10_000));
}

#[test]
fn a_mebibyte_of_text() {
    let line = "curl 'https://x/?a=1' -H \"b: $C\" \\\n";
    survives(&line.repeat((1 << 20) / line.len()));
    // Everything scales linearly; a quarter of that keeps the other cases quick in debug builds.
    let size = 1 << 18;
    survives(&"a&b=".repeat(size / 4));
    survives(&format!("x?{}", "&a".repeat(size / 2)));
    survives(&"^\"a^\" ^\n".repeat(size / 8));
    survives(&"\"".repeat(size));
    survives(&"'".repeat(size));
    survives(&"\\".repeat(size));
    survives(&"%A".repeat(size / 2));
    survives(&"`".repeat(size));
    survives(&"<<A\n".repeat(size / 4));
    survives(&"echo a | ".repeat(size / 9));
    survives(&"$'\\u".repeat(size / 4));
    survives(&"é".repeat(size / 2));
}

/// Looks for accidentally quadratic paths: each hostile token repeated 20 000 vs 80 000 bytes.
/// Slow (a minute in debug builds), so run by hand: `cargo test --lib quadratic_probe -- --ignored --nocapture`.
#[test]
#[ignore]
fn quadratic_probe() {
    let time = |src: &str, d| {
        let start = Instant::now();
        let _ = tokenize(src, Some(d), &mut Vec::new());
        start.elapsed().as_secs_f64()
    };
    for a in HOSTILE {
        for b in ["", "a", " ", "x?=", "\n"] {
            let unit = format!("{a}{b}");
            for d in [Dialect::Bash, Dialect::Cmd, Dialect::PowerShell] {
                let small = unit.repeat(20_000 / unit.len().max(1));
                let big = unit.repeat(80_000 / unit.len().max(1));
                let (ts, tb) = (time(&small, d), time(&big, d));
                if tb > 0.05 && tb / ts.max(1e-6) > 8.0 {
                    eprintln!("SUSPECT {d:?} {unit:?} small {ts:.4} big {tb:.4}");
                }
            }
        }
    }
}
