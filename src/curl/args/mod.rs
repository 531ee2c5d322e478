//! argv → [`CurlArgs`]: long options and unambiguous prefixes, `--no-`, bundled short flags, attached values, `-K`.
//!
//! The rules follow curl's own parser (`src/tool_getparam.c`), accepting what any curl since
//! 7.x accepts and warning where current curl would not:
//! - `--name` matches exactly; an unambiguous prefix (`--sil`) or another letter case (`--SILENT`)
//!   is accepted with a warning, because curl up to 8.5 allowed it and 8.6 dropped it.
//! - `--name=value` is accepted (curl 8.16 added it); `--no-name` turns a boolean off;
//!   `--expand-name` expands `{{var}}` references set by `--variable`.
//! - `-abc` bundles short flags; a short option that takes a value takes the rest of the word
//!   (`-XPOST`) or, at the end of the word, the next word, whatever it looks like (`-d -x`).
//! - `--` ends the options; every later word is a URL. A lone `-` is an unknown option.
//! - `-K file` is read now and its options are inlined where the `-K` stood.

use std::collections::HashMap;

use super::opts::{self, OPTIONS, OptSpec, Support};
use super::{Arg, CurlArgs, Item, Text};
use crate::diagnostic::{Diagnostic, Span};
use crate::files::{Files, MAX_INPUT};
use crate::shell::{Command, Stdin, Word, WordPart};
use crate::value::Value;

/// curl's own limit on nested `-K` files (`CONFIG_MAX_LEVELS`).
const MAX_CONFIG_DEPTH: usize = 5;

/// Upper bound on config bytes read in one command: a file that includes itself many times per
/// line would otherwise grow exponentially within the depth limit.
const MAX_CONFIG_BYTES: usize = 4 * MAX_INPUT;

/// Options that make curl print something and exit instead of sending a request.
const PRINTS_INSTEAD: &[&str] = &["dump-ca-embed", "help", "manual", "version"];

/// Parses one shell command whose first word is `curl` (or `curl.exe`).
pub fn parse(cmd: &Command, warnings: &mut Vec<Diagnostic>) -> Result<CurlArgs, Diagnostic> {
    parse_with(cmd, &Files::default(), warnings)
}

/// [`parse`], reading the files the options name (`-K`, `--variable name@file`) through `files`;
/// the lowering reads its files through the same seam ([`CurlArgs::files`]).
pub fn parse_with(
    cmd: &Command,
    files: &Files,
    warnings: &mut Vec<Diagnostic>,
) -> Result<CurlArgs, Diagnostic> {
    let Some((program, args)) = cmd.words.split_first() else {
        return Err(Diagnostic::error("empty command")
            .with_span(cmd.span)
            .with_help("paste a command that starts with `curl`"));
    };
    check_program(program)?;
    let mut parser = Parser {
        warnings,
        files,
        items: Vec::new(),
        stdin: cmd.stdin.clone(),
        vars: HashMap::new(),
        config_bytes: 0,
    };
    parser.argv(args)?;
    Ok(CurlArgs {
        items: parser.items,
        files: files.clone(),
        stdin: parser.stdin.map(|s| match s {
            Stdin::Bytes(b) => super::Stdin::Bytes(b),
            Stdin::File(w) => super::Stdin::File(Value::from(&w)),
            Stdin::Text(w) => super::Stdin::Text(Value::from(&w)),
        }),
        span: cmd.span,
    })
}

/// Parses a command given as literal words (`curl` first), spans as if the words were joined by
/// single spaces, with `stdin` bytes piped in: lets the later stages' tests start from argv
/// without the shell's types.
#[cfg(test)]
pub(crate) fn parse_argv(
    argv: &[String],
    stdin: Option<Vec<u8>>,
    warnings: &mut Vec<Diagnostic>,
) -> Result<CurlArgs, Diagnostic> {
    let mut pos = 0;
    let words: Vec<Word> = argv
        .iter()
        .map(|a| {
            let w = Word::lit(a.as_bytes(), Span::new(pos, pos + a.len()));
            pos += a.len() + 1;
            w
        })
        .collect();
    let cmd = Command {
        words,
        stdin: stdin.map(Stdin::Bytes),
        span: Span::new(0, pos.saturating_sub(1)),
    };
    parse(&cmd, warnings)
}

/// Refuses commands that do not run curl, with a hint for the usual suspects.
pub fn check_program(program: &Word) -> Result<(), Diagnostic> {
    // The usual case, a plain `curl`, needs no name built (this runs for every command).
    if let [WordPart::Lit(b)] = program.parts.as_slice() {
        if b == b"curl" {
            return Ok(());
        }
    }
    let name = program.display();
    let base = name.rsplit(['/', '\\']).next().unwrap_or(&name);
    if base == "curl" || base.eq_ignore_ascii_case("curl.exe") {
        return Ok(());
    }
    let help = match base {
        "wget" | "wget.exe" => {
            "curl2code converts curl commands; for wget, write the same request with curl first \
             (`wget URL` is `curl -O URL`)"
                .to_string()
        }
        "http" | "https" | "xh" | "xhs" => {
            "curl2code converts curl commands; HTTPie and xh can print the equivalent curl \
             command (`xh --curl …`)"
                .to_string()
        }
        "Invoke-WebRequest" | "Invoke-RestMethod" | "iwr" | "irm" => {
            "curl2code converts curl commands; in PowerShell call `curl.exe`, not the \
             Invoke-WebRequest alias"
                .to_string()
        }
        "sudo" | "time" | "env" | "nohup" | "exec" | "command" | "nice" | "timeout" => {
            format!("drop `{base}` and start the command with `curl`")
        }
        _ => "curl2code converts curl commands: start the command with `curl`".to_string(),
    };
    Err(Diagnostic::error(format!("`{name}` is not curl"))
        .with_span(program.span)
        .with_label("not curl")
        .with_help(help))
}

/// Where an option word came from: the command line, or a line of a `-K` file.
#[derive(Clone, Copy)]
enum Origin {
    /// A shell word.
    Argv,
    /// A config file line; `dashless` when the line wrote the long name without `--`.
    Config { dashless: bool },
}

/// The state of one command's parse.
struct Parser<'w> {
    warnings: &'w mut Vec<Diagnostic>,
    /// Where `-K` and `--variable name@file` files resolve.
    files: &'w Files,
    items: Vec<Item>,
    /// The command's stdin, until `-K -` consumes it.
    stdin: Option<Stdin>,
    /// `--variable` values: the parts they expand to.
    vars: HashMap<String, Vec<WordPart>>,
    /// Bytes of config files read so far (see [`MAX_CONFIG_BYTES`]).
    config_bytes: usize,
}

/// An option name resolved against the table.
struct Resolved {
    spec: &'static OptSpec,
    negated: bool,
    expand: bool,
}

impl Parser<'_> {
    /// The command line after the program name.
    fn argv(&mut self, words: &[Word]) -> Result<(), Diagnostic> {
        let mut i = 0;
        let mut options_end = false;
        while let Some(word) = words.get(i) {
            i += 1;
            let lead = lead(word);
            if options_end || !lead.starts_with(b"-") {
                self.items.push(Item::Url(text(word)));
            } else if lead == b"--" && word.parts.len() == 1 {
                // curl: "--" ends the options, so a later URL may start with a dash.
                options_end = true;
            } else if self.option(word, words.get(i), Origin::Argv, 0)? {
                i += 1;
            }
        }
        Ok(())
    }

    /// One option word (and maybe the next word as its value). Returns true when the next
    /// word was used.
    fn option(
        &mut self,
        word: &Word,
        next: Option<&Word>,
        origin: Origin,
        depth: usize,
    ) -> Result<bool, Diagnostic> {
        let lead = lead(word);
        match origin {
            Origin::Config { dashless: true } => self.long(word, 0, next, origin, depth),
            _ if lead.starts_with(b"--") => self.long(word, 2, next, origin, depth),
            _ => self.short(word, next, origin, depth),
        }
    }

    /// `--name`, `--name=value`, `--no-name`, `--expand-name` (`skip` = dashes to pass).
    fn long(
        &mut self,
        word: &Word,
        skip: usize,
        next: Option<&Word>,
        origin: Origin,
        depth: usize,
    ) -> Result<bool, Diagnostic> {
        let lead = lead(word);
        let body = lead.get(skip..).unwrap_or_default();
        let (name_end, attached) = match body.iter().position(|&b| b == b'=') {
            Some(eq) => {
                let at = skip + eq + 1;
                (skip + eq, Some(rest_of_word(word, at)))
            }
            None if word.parts.len() > 1 => {
                return Err(Diagnostic::error(format!(
                    "cannot tell which option `{}` is",
                    word.display()
                ))
                .with_span(word.span)
                .with_label("the option name contains a variable")
                .with_help("write the option name literally"));
            }
            None => (lead.len(), None),
        };
        let span = sub_span(word, 0, name_end);
        let typed = String::from_utf8_lossy(lead.get(..name_end).unwrap_or_default());
        let name = String::from_utf8_lossy(body.get(..name_end - skip).unwrap_or_default());
        let resolved = self.resolve(&name, &typed, span)?;
        let spec = resolved.spec;
        let (value, used_next) = if !spec.takes_value() {
            if let Some(extra) = &attached {
                self.warnings.push(
                    Diagnostic::warning(format!(
                        "`{}` takes no value; curl ignores `={}`",
                        spec.display(resolved.negated),
                        extra.display()
                    ))
                    .with_span(word.span),
                );
            }
            (None, false)
        } else if let Some(v) = attached {
            (Some(v), false)
        } else if let Some(n) = next {
            (Some(n.clone()), true)
        } else {
            return Err(missing_value(spec, span, origin));
        };
        self.apply(resolved, value, span, depth)?;
        Ok(used_next)
    }

    /// `-abc`: bundled short flags; a value-taking letter ends the bundle.
    fn short(
        &mut self,
        word: &Word,
        next: Option<&Word>,
        origin: Origin,
        depth: usize,
    ) -> Result<bool, Diagnostic> {
        let lead = lead(word);
        if lead.len() <= 1 && word.parts.len() == 1 {
            return Err(Diagnostic::error("unknown option `-`")
                .with_span(word.span)
                .with_label("curl rejects a lone dash")
                .with_help("curl reads no URL or data from a bare `-`; remove it"));
        }
        let text = String::from_utf8_lossy(lead);
        let mut parsed = Vec::new();
        // Walk by char so a stray non-ASCII letter is reported whole, not as a broken byte.
        for (offset, letter) in text.char_indices().skip(1) {
            // The first letter's span takes the dash along: `-s` reads better than `s`.
            let start = if offset == 1 { 0 } else { offset };
            let span = sub_span(word, start, offset + letter.len_utf8());
            let Some(spec) = opts::by_short(letter) else {
                return Err(unknown_short(letter, span, &text));
            };
            let negated = spec.inverted();
            if PRINTS_INSTEAD.contains(&spec.long) {
                return Err(prints_instead(spec, span));
            }
            if spec.takes_value() {
                let at = offset + letter.len_utf8();
                let value = if at < lead.len() || word.parts.len() > 1 {
                    rest_of_word(word, at)
                } else if let Some(n) = next {
                    parsed.push((spec, negated, Some(n.clone()), span));
                    self.bundle_hint(word, &text, &parsed);
                    return self.apply_all(parsed, depth).map(|()| true);
                } else {
                    return Err(missing_value(spec, span, origin));
                };
                parsed.push((spec, negated, Some(value), span));
                self.bundle_hint(word, &text, &parsed);
                return self.apply_all(parsed, depth).map(|()| false);
            }
            parsed.push((spec, negated, None, span));
        }
        if word.parts.len() > 1 {
            return Err(Diagnostic::error(format!(
                "cannot tell which options `{}` holds",
                word.display()
            ))
            .with_span(word.span)
            .with_label("part of these flags comes from a variable")
            .with_help("write the flags literally"));
        }
        self.bundle_hint(word, &text, &parsed);
        self.apply_all(parsed, depth).map(|()| false)
    }

    /// Warns when a single-dash word spells a long option (`-data` is `-d ata` to curl).
    fn bundle_hint(
        &mut self,
        word: &Word,
        text: &str,
        parsed: &[(&'static OptSpec, bool, Option<Word>, Span)],
    ) {
        let body = text.get(1..).unwrap_or_default();
        if let Some(spec) = opts::by_long(body).filter(|_| body.len() > 1) {
            let seen: Vec<String> = parsed
                .iter()
                .map(|(s, _, v, _)| match v {
                    Some(v) => format!("-{} {}", s.short.unwrap_or('?'), v.display()),
                    None => format!("-{}", s.short.unwrap_or('?')),
                })
                .collect();
            self.warnings.push(
                Diagnostic::warning(format!(
                    "`{text}` has one dash, so curl reads it as `{}`",
                    seen.join(" ")
                ))
                .with_span(word.span)
                .with_help(format!("did you mean `--{}`?", spec.long)),
            );
        }
    }

    fn apply_all(
        &mut self,
        parsed: Vec<(&'static OptSpec, bool, Option<Word>, Span)>,
        depth: usize,
    ) -> Result<(), Diagnostic> {
        for (spec, negated, value, span) in parsed {
            let resolved = Resolved {
                spec,
                negated,
                expand: false,
            };
            self.apply(resolved, value, span, depth)?;
        }
        Ok(())
    }

    /// Records one resolved option: inlines `-K`, keeps `--variable`, warns on unsupported ones.
    fn apply(
        &mut self,
        resolved: Resolved,
        value: Option<Word>,
        span: Span,
        depth: usize,
    ) -> Result<(), Diagnostic> {
        let Resolved {
            spec,
            negated,
            expand,
        } = resolved;
        if PRINTS_INSTEAD.contains(&spec.long) && !negated {
            return Err(prints_instead(spec, span));
        }
        let value = match value {
            Some(v) if expand => Some(self.expand(&v, span)),
            other => other,
        };
        if let Support::Unsupported(why) = spec.support {
            self.warnings.push(unsupported(spec, why, negated, span));
        }
        let typed = value.as_ref().map(text);
        match spec.build(typed.clone(), negated) {
            Some(opt) => self.items.push(Item::Opt(Arg {
                spec,
                opt,
                value: typed,
                negated,
                span,
            })),
            // The parser's own options; both take a value, so the parser gave them one.
            None => match (spec.long, value) {
                // Inlined options point at the whole `-K file`.
                ("config", Some(file)) => return self.config(&file, span.join(file.span), depth),
                ("variable", Some(v)) => return self.variable(&v, span),
                _ => {}
            },
        }
        Ok(())
    }

    /// Resolves a long name (without dashes; `typed` is what the user wrote, for messages).
    fn resolve(&mut self, name: &str, typed: &str, span: Span) -> Result<Resolved, Diagnostic> {
        if let Some(rest) = name.strip_prefix("no-") {
            // Like curl, `--no-` takes exact names only (`--no-bu` is unknown even to curl 7).
            let spec = opts::by_long(rest).or_else(|| self.case_fold(rest, typed, span));
            return match spec {
                Some(spec) if spec.negatable() => Ok(Resolved {
                    spec,
                    negated: true,
                    expand: false,
                }),
                Some(spec) => Err(not_boolean(spec, typed, span)),
                None => Err(unknown_long(name, typed, span)),
            };
        }
        let (name, expand) = match name.strip_prefix("expand-") {
            Some(rest) => (rest, true),
            None => (name, false),
        };
        if let Some(spec) = opts::by_long(name).or_else(|| self.case_fold(name, typed, span)) {
            return Ok(Resolved {
                spec,
                negated: false,
                expand,
            });
        }
        let lower = name.to_ascii_lowercase();
        let candidates: Vec<&'static OptSpec> = if lower.is_empty() {
            Vec::new()
        } else {
            OPTIONS
                .iter()
                .filter(|o| o.long.starts_with(&lower))
                .collect()
        };
        match candidates.as_slice() {
            [] => Err(unknown_long(name, typed, span)),
            [spec] => {
                self.warnings.push(
                    Diagnostic::warning(format!(
                        "`{typed}` is an abbreviation of `--{}`; curl 8.6 and later reject \
                         abbreviated options",
                        spec.long
                    ))
                    .with_span(span)
                    .with_help(format!("write `--{}`", spec.long)),
                );
                Ok(Resolved {
                    spec,
                    negated: false,
                    expand,
                })
            }
            many => Err(ambiguous(typed, many, span)),
        }
    }

    /// curl up to 8.5 matched option names case-insensitively; accept that with a warning.
    fn case_fold(&mut self, name: &str, typed: &str, span: Span) -> Option<&'static OptSpec> {
        let spec = opts::by_long(&name.to_ascii_lowercase())?;
        self.warnings.push(
            Diagnostic::warning(format!(
                "`{typed}` means `--{}`; curl 8.6 and later match option names case-sensitively",
                spec.long
            ))
            .with_span(span)
            .with_help(format!("write `--{}`", spec.long)),
        );
        Some(spec)
    }
}

// ---------------------------------------------------------------------------------------------
// Words and spans
// ---------------------------------------------------------------------------------------------

/// A shell word as an option argument: its value and span (the shell's words end here).
fn text(word: &Word) -> Text {
    Text {
        value: Value::from(word),
        span: word.span,
    }
}

/// The literal bytes a word starts with (empty when it starts with a variable).
fn lead(word: &Word) -> &[u8] {
    match word.parts.first() {
        Some(WordPart::Lit(bytes)) => bytes,
        _ => &[],
    }
}

/// The span of bytes `start..end` of the word's literal start, when the source text holds them
/// unchanged (no quotes or escapes: then the source is exactly as long); else the whole word.
fn sub_span(word: &Word, start: usize, end: usize) -> Span {
    let source_len = word.span.end.saturating_sub(word.span.start);
    if word.parts.len() == 1 && source_len == lead(word).len() && start <= end && end <= source_len
    {
        Span::new(word.span.start + start, word.span.start + end)
    } else {
        word.span
    }
}

/// The word from byte `at` of its literal start on: the value attached to `-XPOST` or `--data=x`.
fn rest_of_word(word: &Word, at: usize) -> Word {
    let lead = lead(word);
    let mut parts = Vec::new();
    if let Some(rest) = lead.get(at..).filter(|r| !r.is_empty()) {
        parts.push(WordPart::Lit(rest.to_vec()));
    }
    parts.extend(word.parts.iter().skip(1).cloned());
    if parts.is_empty() {
        parts.push(WordPart::Lit(Vec::new()));
    }
    let span = if word.parts.len() == 1 {
        sub_span(word, at, lead.len())
    } else {
        word.span
    };
    Word { parts, span }
}

mod config;
mod diagnostics;
#[cfg(test)]
mod tests;
mod variables;

use config::*;
use diagnostics::*;
