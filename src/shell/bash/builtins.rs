//! bash rules for the assembler: wrappers (`sudo`, `time`, `VAR=x …`) are stripped so argv[0]
//! is the program, and `echo`/`printf`/`cat` feeding a pipe become the next command's stdin.

use super::dollar::name;
use super::printf::{Printed, echo, printf};
use crate::diagnostic::Diagnostic;
use crate::shell::script::{Element, Feed, Shell};
use crate::shell::{Stdin, Word};
use nom::Parser;
use nom::character::complete::char;
use nom::sequence::terminated;

/// The bash dialect's assembler hooks; keeps the source to see how a word was quoted.
pub(super) struct Bash<'a> {
    pub src: &'a str,
}

/// Wrapper commands that run their arguments as a command, and their options that take a value.
const WRAPPERS: &[(&str, &[&str])] = &[
    (
        "sudo",
        &[
            "-u", "-g", "-h", "-p", "-U", "-C", "-D", "-r", "-t", "-T", "--user", "--group",
        ],
    ),
    ("time", &[]),
    ("command", &[]),
    ("exec", &["-a"]),
    ("noglob", &[]),
    ("nohup", &[]),
    ("builtin", &[]),
    ("env", &["-u", "-C", "-S", "--unset", "--chdir"]),
    ("nice", &["-n", "--adjustment"]),
    ("timeout", &["-s", "-k", "--signal", "--kill-after"]),
];

impl Bash<'_> {
    /// `NAME=value` written unquoted at the start of the word.
    fn is_assignment(&self, w: &Word) -> bool {
        let raw = self.src.get(w.span.start..w.span.end).unwrap_or("");
        terminated(name, char('=')).parse(raw).is_ok()
    }

    /// Skips the `NAME=value` words at `i` (with a warning) unless nothing else follows.
    fn skip_assignments(&self, words: &[Word], i: usize, warnings: &mut Vec<Diagnostic>) -> usize {
        let rest = words.get(i..).unwrap_or_default();
        let count = rest.iter().take_while(|w| self.is_assignment(w)).count();
        if count == 0 || count == rest.len() {
            return i;
        }
        for w in rest.get(..count).unwrap_or_default() {
            let shown = w.display();
            let var = shown.split('=').next().unwrap_or_default().to_string();
            warnings.push(
                Diagnostic::warning(format!("`{var}=…` before the command only sets the variable for that command; dropped"))
                    .with_span(w.span)
                    .with_label("this assignment is ignored")
                    .with_help(format!("if the command reads ${var}, set it in the environment before running the generated program")),
            );
        }
        i + count
    }

    /// If `words[i]` is a wrapper, the index of the command it wraps.
    fn skip_wrapper(
        &self,
        words: &[Word],
        i: usize,
        warnings: &mut Vec<Diagnostic>,
    ) -> Option<usize> {
        let first = words.get(i)?.literal()?;
        let (wrapper, valued) = WRAPPERS
            .iter()
            .find(|(w, _)| w.as_bytes() == first.as_slice())?;
        let mut j = i + 1;
        while let Some(opt) = words.get(j).and_then(Word::literal) {
            if opt == b"--" {
                j += 1;
                break;
            }
            if !opt.starts_with(b"-") || opt.len() < 2 {
                break;
            }
            j += 1;
            if valued.iter().any(|v| v.as_bytes() == opt.as_slice()) {
                j += 1;
            }
        }
        if *wrapper == "timeout" {
            let duration = words.get(j)?;
            warnings.push(
                Diagnostic::warning(format!("`timeout {}` is dropped", duration.display()))
                    .with_span(words.get(i)?.span.join(duration.span))
                    .with_label("the time limit is not converted")
                    .with_help("use curl's own `-m SECONDS` (--max-time) to limit the transfer"),
            );
            j += 1;
        }
        // A wrapper with nothing after it is the command itself.
        (j < words.len()).then_some(j)
    }
}

impl Shell for Bash<'_> {
    fn prepare(&self, el: &mut Element, warnings: &mut Vec<Diagnostic>) {
        // Each round skips one layer (`sudo env X=1 time curl …`); every layer moves past at
        // least one word, so this ends. The words go in one drain, not one removal per word.
        let mut i = 0;
        loop {
            i = self.skip_assignments(&el.words, i, warnings);
            match self.skip_wrapper(&el.words, i, warnings) {
                Some(next) => i = next,
                None => break,
            }
        }
        el.words.drain(..i.min(el.words.len()));
    }

    fn produce(
        &self,
        el: &Element,
        stdin: Option<&Stdin>,
        warnings: &mut Vec<Diagnostic>,
    ) -> Option<Feed> {
        let program = el.words.first()?.literal()?;
        let args = el.words.get(1..).unwrap_or_default();
        match program.as_slice() {
            b"echo" => Some(printed(el, args, warnings, echo)),
            b"printf" => Some(printed(el, args, warnings, |a| match a.split_first() {
                Some((format, rest)) => printf(&String::from_utf8_lossy(format), rest),
                None => Printed::default(),
            })),
            b"cat" => Some(cat(el, args, stdin, warnings)),
            _ => None,
        }
    }
}

/// Runs an `echo`/`printf` emulation if every argument is literal.
fn printed(
    el: &Element,
    args: &[Word],
    warnings: &mut Vec<Diagnostic>,
    run: impl Fn(&[Vec<u8>]) -> Printed,
) -> Feed {
    let span = el.span.unwrap_or_default();
    let program = el.program().unwrap_or_default();
    let literal: Option<Vec<Vec<u8>>> = args.iter().map(Word::literal).collect();
    let Some(literal) = literal else {
        warnings.push(
            Diagnostic::warning(format!(
                "`{program}` prints an environment variable; the piped stdin is unknown"
            ))
            .with_span(span)
            .with_label("stdin is not converted")
            .with_help(
                "write the value literally, or save it to a file and use `--data-binary @file`",
            ),
        );
        return Feed::Unknown;
    };
    if program == "printf" && literal.first().is_some_and(|f| f.starts_with(b"-")) {
        warnings.push(
            Diagnostic::warning("`printf` options are not supported; the piped stdin is unknown")
                .with_span(span)
                .with_label("stdin is not converted")
                .with_help("use `printf FORMAT ARGS…`"),
        );
        return Feed::Unknown;
    }
    let out = run(&literal);
    for note in out.notes {
        warnings.push(
            Diagnostic::warning(note)
                .with_span(span)
                .with_label("piped into the next command")
                .with_help("check the generated body"),
        );
    }
    Feed::Known(Stdin::Bytes(out.bytes))
}

/// `cat FILE` reads a file; `cat` and `cat -` pass their own stdin through.
fn cat(el: &Element, args: &[Word], stdin: Option<&Stdin>, warnings: &mut Vec<Diagnostic>) -> Feed {
    let span = el.span.unwrap_or_default();
    match args {
        [] => {}
        [one] if one.literal().as_deref() == Some(b"-") => {}
        [file] if !file.literal().is_some_and(|l| l.starts_with(b"-")) => {
            return Feed::Known(Stdin::File(file.clone()));
        }
        _ => {
            warnings.push(
                Diagnostic::warning(
                    "only `cat FILE` feeding a pipe is understood; the piped stdin is unknown",
                )
                .with_span(span)
                .with_label("stdin is not converted")
                .with_help("use `--data-binary @FILE` (or `-T FILE`) instead of the pipe"),
            );
            return Feed::Unknown;
        }
    }
    match stdin {
        Some(s) => Feed::Known(s.clone()),
        None => {
            warnings.push(
                Diagnostic::warning("`cat` reads the terminal here; the piped stdin is unknown")
                    .with_span(span)
                    .with_label("stdin is not converted")
                    .with_help("give `cat` a file name, or use a heredoc"),
            );
            Feed::Unknown
        }
    }
}
