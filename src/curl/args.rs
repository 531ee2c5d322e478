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
use super::{Arg, CurlArgs, Item};
use crate::diagnostic::{Diagnostic, Span};
use crate::files::{Files, MAX_INPUT};
use crate::shell::{Command, Stdin, Word, WordPart};

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
        stdin: parser.stdin,
        span: cmd.span,
    })
}

/// Refuses commands that do not run curl, with a hint for the usual suspects.
pub fn check_program(program: &Word) -> Result<(), Diagnostic> {
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
                self.items.push(Item::Url(word.clone()));
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
        let typed = String::from_utf8_lossy(lead.get(..name_end).unwrap_or_default()).into_owned();
        let name = String::from_utf8_lossy(body.get(..name_end - skip).unwrap_or_default());
        let resolved = self.resolve(&name, &typed, span)?;
        let spec = resolved.spec;
        let (value, used_next) = if !spec.takes_value {
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
            let negated = spec.inverted;
            if PRINTS_INSTEAD.contains(&spec.long) {
                return Err(prints_instead(spec, span));
            }
            if spec.takes_value {
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
        match (spec.long, value) {
            // Inlined options point at the whole `-K file`.
            ("config", Some(file)) => return self.config(&file, span.join(file.span), depth),
            ("variable", Some(v)) => return self.variable(&v, span),
            (_, value) => {
                if spec.support == Support::Unsupported {
                    self.warnings.push(unsupported(spec, negated, span));
                }
                self.items.push(Item::Opt(Arg {
                    spec,
                    value,
                    negated,
                    span,
                }));
            }
        }
        Ok(())
    }

    /// Resolves a long name (without dashes; `typed` is what the user wrote, for messages).
    fn resolve(&mut self, name: &str, typed: &str, span: Span) -> Result<Resolved, Diagnostic> {
        if let Some(rest) = name.strip_prefix("no-") {
            // Like curl, `--no-` takes exact names only (`--no-bu` is unknown even to curl 7).
            let spec = opts::by_long(rest).or_else(|| self.case_fold(rest, typed, span));
            return match spec {
                Some(spec) if spec.negatable => Ok(Resolved {
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
// -K / --config files
// ---------------------------------------------------------------------------------------------

/// One meaningful line of a config file.
#[derive(Debug, PartialEq, Eq)]
struct ConfigLine {
    /// 1-based line number, for messages.
    number: usize,
    /// The option as written: `--data`, `-d` or `data`.
    option: Vec<u8>,
    /// The parameter after unquoting, if the line has one.
    param: Option<Vec<u8>>,
    /// True when an unquoted parameter was followed by more text, which curl ignores.
    trailing: bool,
}

/// Whitespace as C's `isspace` sees it.
fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c)
}

/// Splits a config file into option lines the way curl's `parseconfig` does.
fn config_lines(text: &[u8]) -> Vec<ConfigLine> {
    let mut out = Vec::new();
    for (index, raw) in text.split(|&b| b == b'\n').enumerate() {
        let start = raw.iter().position(|&b| !is_space(b)).unwrap_or(raw.len());
        let line = raw.get(start..).unwrap_or_default();
        if line.is_empty() || line.starts_with(b"#") {
            continue;
        }
        // Without a leading dash, `=` and `:` also end the name (`url = …`, `header: …`).
        let dashed = line.starts_with(b"-");
        let is_sep = |b: u8| !dashed && (b == b'=' || b == b':');
        let name_len = line
            .iter()
            .position(|&b| is_space(b) || is_sep(b))
            .unwrap_or(line.len());
        let (option, rest) = line.split_at(name_len);
        let skip = rest
            .iter()
            .position(|&b| !(is_space(b) || is_sep(b)))
            .unwrap_or(rest.len());
        let rest = rest.get(skip..).unwrap_or_default();
        let (param, trailing) = match rest.split_first() {
            Some((b'"', quoted)) => (Some(unquote(quoted)), false),
            _ => {
                let end = rest.iter().position(|&b| is_space(b)).unwrap_or(rest.len());
                let (param, after) = rest.split_at(end);
                let after = after
                    .iter()
                    .position(|&b| !is_space(b))
                    .map(|p| &after[p..]);
                let trailing = after.is_some_and(|a| !a.starts_with(b"#"));
                ((!param.is_empty()).then(|| param.to_vec()), trailing)
            }
        };
        out.push(ConfigLine {
            number: index + 1,
            option: option.to_vec(),
            param,
            trailing,
        });
    }
    out
}

/// The inside of a double-quoted config parameter, up to the closing quote.
fn unquote(quoted: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(quoted.len());
    let mut bytes = quoted.iter();
    while let Some(&b) = bytes.next() {
        match b {
            b'"' => break,
            b'\\' => match bytes.next() {
                Some(b't') => out.push(b'\t'),
                Some(b'n') => out.push(b'\n'),
                Some(b'r') => out.push(b'\r'),
                Some(b'v') => out.push(0x0b),
                // `\\`, `\"` and any other escaped byte stand for themselves.
                Some(&other) => out.push(other),
                None => break,
            },
            _ => out.push(b),
        }
    }
    out
}

impl Parser<'_> {
    /// Reads a `-K` file (or stdin for `-K -`) and parses its options in place.
    fn config(&mut self, file: &Word, span: Span, depth: usize) -> Result<(), Diagnostic> {
        if depth >= MAX_CONFIG_DEPTH {
            return Err(Diagnostic::error(format!(
                "config files are nested more than {MAX_CONFIG_DEPTH} levels deep"
            ))
            .with_span(span)
            .with_help("curl stops at the same depth; a config file probably includes itself"));
        }
        let Some(path) = file.literal() else {
            return Err(Diagnostic::error(format!(
                "cannot read config file `{}`: its name comes from an environment variable",
                file.display()
            ))
            .with_span(file.span)
            .with_help("curl2code reads -K files while converting; write the path literally"));
        };
        let shown = String::from_utf8_lossy(&path).into_owned();
        let text = if path == b"-" {
            self.config_stdin(file)?
        } else {
            read_file(self.files, &path, "config file", file.span)?
        };
        self.config_bytes = self.config_bytes.saturating_add(text.len());
        if self.config_bytes > MAX_CONFIG_BYTES {
            return Err(Diagnostic::error("config files add up to more than 4 MiB")
                .with_span(span)
                .with_help("a config file probably includes itself"));
        }
        for line in config_lines(&text) {
            let in_file = |d: Diagnostic| Diagnostic {
                message: format!("{shown}:{}: {}", line.number, d.message),
                ..d
            };
            let dashless = !line.option.starts_with(b"-");
            let option = Word::lit(line.option.clone(), span);
            let param = line.param.clone().map(|p| Word::lit(p, span));
            let used = self
                .option(
                    &option,
                    param.as_ref(),
                    Origin::Config { dashless },
                    depth + 1,
                )
                .map_err(in_file)?;
            if param
                .as_ref()
                .is_some_and(|p| !p.parts.iter().all(is_empty_part))
                && !used
            {
                let opt = String::from_utf8_lossy(&line.option).into_owned();
                self.warnings.push(in_file(
                    Diagnostic::warning(format!(
                        "`{opt}` takes no value; the rest of the line is ignored"
                    ))
                    .with_span(span),
                ));
            }
            if line.trailing {
                let opt = String::from_utf8_lossy(&line.option).into_owned();
                self.warnings.push(in_file(
                    Diagnostic::warning(format!(
                        "`{opt}` has unquoted white space in its value; curl ignores what follows it"
                    ))
                    .with_span(span)
                    .with_help("put the value in double quotes"),
                ));
            }
        }
        Ok(())
    }

    /// The bytes behind `-K -`: the command's stdin, which this consumes.
    fn config_stdin(&mut self, file: &Word) -> Result<Vec<u8>, Diagnostic> {
        match self.stdin.take() {
            Some(Stdin::Bytes(bytes)) => Ok(bytes),
            Some(Stdin::File(source)) => match source.literal() {
                Some(path) => read_file(self.files, &path, "config file", source.span),
                None => Err(Diagnostic::error(
                    "cannot read the config file on stdin: its name comes from an environment variable",
                )
                .with_span(source.span)),
            },
            Some(Stdin::Text(text)) => Err(Diagnostic::error(
                "cannot read the config file on stdin: the here-string reads environment variables",
            )
            .with_span(text.span)
            .with_help("write the options out in the here-string, or put them in a file for -K")),
            None => Err(Diagnostic::error("`-K -` reads options from stdin, and the command gives none")
                .with_span(file.span)
                .with_help("pipe the options in (`printf 'url = …' | curl -K -`) or write them on the command line")),
        }
    }
}

fn is_empty_part(part: &WordPart) -> bool {
    matches!(part, WordPart::Lit(b) if b.is_empty())
}

/// Reads a file named in the command while converting (config files, `--variable name@file`).
fn read_file(files: &Files, path: &[u8], what: &str, span: Span) -> Result<Vec<u8>, Diagnostic> {
    let shown = String::from_utf8_lossy(path).into_owned();
    let fail = |reason: String| {
        Diagnostic::error(format!("cannot read {what} `{shown}`: {reason}"))
            .with_span(span)
            .with_help(format!(
                "curl2code reads the {what} while converting: run it where the file is, or put its options on the command line"
            ))
    };
    files.read(&shown).map_err(fail)
}

// ---------------------------------------------------------------------------------------------
// --variable and --expand-*
// ---------------------------------------------------------------------------------------------

fn is_var_char(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

impl Parser<'_> {
    /// `--variable name=text`, `name@file`, `%ENV`, `%ENV=default`.
    fn variable(&mut self, value: &Word, span: Span) -> Result<(), Diagnostic> {
        let lead = lead(value);
        let (env, from) = match lead.first() {
            Some(b'%') => (true, 1),
            _ => (false, 0),
        };
        let name_len = lead
            .get(from..)
            .unwrap_or_default()
            .iter()
            .take_while(|&&b| is_var_char(b))
            .count();
        let name_end = from + name_len;
        let name =
            String::from_utf8_lossy(lead.get(from..name_end).unwrap_or_default()).into_owned();
        let bad = || {
            Diagnostic::error(format!("bad variable `{}`", value.display()))
                .with_span(value.span)
                .with_help("write `--variable name=text`, `name@file` or `%ENV_NAME`; names use a-z, A-Z, 0-9 and _")
        };
        if name.is_empty() || name.len() > 128 {
            return Err(bad());
        }
        let sep = lead.get(name_end).copied();
        if env {
            if sep.is_some() || value.parts.len() > 1 {
                self.warnings.push(
                    Diagnostic::warning(format!("the default of `%{name}` is not converted"))
                        .with_span(value.span)
                        .with_help(format!("the generated code requires ${name} to be set")),
                );
            }
            self.vars.insert(name.clone(), vec![WordPart::Env(name)]);
            return Ok(());
        }
        let parts = match sep {
            Some(b'=') => rest_of_word(value, name_end + 1).parts,
            Some(b'@') => {
                let file = rest_of_word(value, name_end + 1);
                let Some(path) = file.literal() else {
                    return Err(Diagnostic::error(
                        "cannot read a variable file named by an environment variable",
                    )
                    .with_span(value.span));
                };
                let bytes = if path == b"-" {
                    match &self.stdin {
                        Some(Stdin::Bytes(b)) => b.clone(),
                        _ => {
                            return Err(Diagnostic::error(format!(
                                "`--variable {name}@-` reads stdin, and the command gives no known bytes on it"
                            ))
                            .with_span(value.span));
                        }
                    }
                } else {
                    read_file(self.files, &path, "variable file", value.span)?
                };
                vec![WordPart::Lit(bytes)]
            }
            Some(b'[') => {
                self.warnings.push(
                    Diagnostic::warning(format!(
                        "the byte range of variable `{name}` is not converted"
                    ))
                    .with_span(span)
                    .with_help("the variable is left unset"),
                );
                return Ok(());
            }
            _ => return Err(bad()),
        };
        self.vars.insert(name, parts);
        Ok(())
    }

    /// Replaces `{{name[:function…]}}` in a `--expand-*` value; `\{{` stays a literal `{{`.
    fn expand(&mut self, value: &Word, span: Span) -> Word {
        let mut out: Vec<WordPart> = Vec::new();
        for part in &value.parts {
            let WordPart::Lit(bytes) = part else {
                push_part(&mut out, part.clone());
                continue;
            };
            let mut lit = Vec::new();
            let mut i = 0;
            while i < bytes.len() {
                let rest = bytes.get(i..).unwrap_or_default();
                if rest.starts_with(b"\\{{") {
                    lit.extend_from_slice(b"{{");
                    i += 3;
                    continue;
                }
                let close = find(rest, b"}}").filter(|_| rest.starts_with(b"{{"));
                if let Some(close) = close {
                    let inner = rest.get(2..close).unwrap_or_default();
                    if let Some(parts) = self.expand_one(inner, span) {
                        push_part(&mut out, WordPart::Lit(std::mem::take(&mut lit)));
                        for p in parts {
                            push_part(&mut out, p);
                        }
                        i += close + 2;
                        continue;
                    }
                }
                lit.push(bytes[i]);
                i += 1;
            }
            push_part(&mut out, WordPart::Lit(lit));
        }
        if out.is_empty() {
            out.push(WordPart::Lit(Vec::new()));
        }
        Word {
            parts: out,
            span: value.span,
        }
    }

    /// The expansion of `name:fn:fn`, or `None` when it is not a variable reference.
    fn expand_one(&mut self, inner: &[u8], span: Span) -> Option<Vec<WordPart>> {
        let text = std::str::from_utf8(inner).ok()?;
        let mut pieces = text.split(':');
        let name = pieces.next()?;
        if name.is_empty() || !name.bytes().all(is_var_char) {
            return None;
        }
        let functions: Vec<&str> = pieces.collect();
        let Some(parts) = self.vars.get(name).cloned() else {
            self.warnings.push(
                Diagnostic::warning(format!(
                    "variable `{name}` is not set; curl expands it to nothing"
                ))
                .with_span(span),
            );
            return Some(Vec::new());
        };
        if functions.is_empty() {
            return Some(parts);
        }
        let literal: Option<Vec<u8>> = parts.iter().try_fold(Vec::new(), |mut acc, p| match p {
            WordPart::Lit(b) => {
                acc.extend_from_slice(b);
                Some(acc)
            }
            WordPart::Env(_) => None,
        });
        let Some(mut bytes) = literal else {
            self.warnings.push(
                Diagnostic::warning(format!(
                    "`{{{{{text}}}}}`: functions on an environment variable are not converted; \
                     the value is inserted as is"
                ))
                .with_span(span),
            );
            return Some(parts);
        };
        for function in functions {
            bytes = match function {
                "trim" => trim(&bytes).to_vec(),
                "json" => json_escape(&bytes),
                "url" => url_escape(&bytes),
                "b64" => base64_encode(&bytes),
                "64dec" => base64_decode(&bytes).unwrap_or_else(|| b"[64dec-fail]".to_vec()),
                other => {
                    self.warnings.push(
                        Diagnostic::warning(format!("unknown expansion function `{other}`"))
                            .with_span(span)
                            .with_help("curl knows trim, json, url, b64 and 64dec"),
                    );
                    return Some(Vec::new());
                }
            };
        }
        Some(vec![WordPart::Lit(bytes)])
    }
}

/// Appends a part, merging adjacent literals and dropping empty ones.
fn push_part(out: &mut Vec<WordPart>, part: WordPart) {
    match (out.last_mut(), part) {
        (_, WordPart::Lit(b)) if b.is_empty() => {}
        (Some(WordPart::Lit(last)), WordPart::Lit(b)) => last.extend_from_slice(&b),
        (_, part) => out.push(part),
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

fn trim(bytes: &[u8]) -> &[u8] {
    let start = bytes
        .iter()
        .position(|&b| !is_space(b))
        .unwrap_or(bytes.len());
    let end = bytes
        .iter()
        .rposition(|&b| !is_space(b))
        .map_or(start, |e| e + 1);
    bytes.get(start..end).unwrap_or_default()
}

fn json_escape(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len());
    for &b in bytes {
        match b {
            b'"' => out.extend_from_slice(b"\\\""),
            b'\\' => out.extend_from_slice(b"\\\\"),
            b'\n' => out.extend_from_slice(b"\\n"),
            b'\r' => out.extend_from_slice(b"\\r"),
            b'\t' => out.extend_from_slice(b"\\t"),
            0x08 => out.extend_from_slice(b"\\b"),
            0x0c => out.extend_from_slice(b"\\f"),
            b if b < 0x20 => out.extend_from_slice(format!("\\u{b:04x}").as_bytes()),
            b => out.push(b),
        }
    }
    out
}

fn url_escape(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len());
    for &b in bytes {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(b);
        } else {
            out.extend_from_slice(format!("%{b:02X}").as_bytes());
        }
    }
    out
}

const B64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

fn base64_encode(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |acc, (i, &b)| acc | (u32::from(b) << (16 - 8 * i)));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(B64[((n >> (18 - 6 * i)) & 63) as usize]);
            } else {
                out.push(b'=');
            }
        }
    }
    out
}

fn base64_decode(bytes: &[u8]) -> Option<Vec<u8>> {
    if bytes.len() % 4 != 0 {
        return None;
    }
    let mut out = Vec::with_capacity(bytes.len() / 4 * 3);
    for chunk in bytes.chunks(4) {
        let pad = chunk.iter().rev().take_while(|&&b| b == b'=').count();
        if pad > 2 {
            return None;
        }
        let mut n = 0u32;
        for (i, &b) in chunk.iter().enumerate() {
            let v = if i >= 4 - pad {
                0
            } else {
                B64.iter().position(|&c| c == b)? as u32
            };
            n |= v << (18 - 6 * i);
        }
        for i in 0..3 - pad {
            out.push((n >> (16 - 8 * i)) as u8);
        }
    }
    Some(out)
}

// ---------------------------------------------------------------------------------------------
// Words and spans
// ---------------------------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------------------------
// Diagnostics
// ---------------------------------------------------------------------------------------------

fn missing_value(spec: &OptSpec, span: Span, origin: Origin) -> Diagnostic {
    let how = match origin {
        Origin::Argv => format!(
            "put the value in the next word: `{} <value>`",
            spec.display(false)
        ),
        Origin::Config { .. } => {
            format!("write the value on the same line: `{} = \"…\"`", spec.long)
        }
    };
    Diagnostic::error(format!("option `{}` needs a value", spec.display(false)))
        .with_span(span)
        .with_label("no value after this")
        .with_help(how)
}

fn prints_instead(spec: &OptSpec, span: Span) -> Diagnostic {
    let what = match spec.long {
        "help" => "its help text",
        "manual" => "its manual",
        "version" => "its version",
        _ => "its CA certificates",
    };
    Diagnostic::error(format!(
        "`{}` makes curl print {what}, not send a request",
        spec.display(false)
    ))
    .with_span(span)
    .with_help("remove it to convert the request")
}

fn not_boolean(spec: &OptSpec, typed: &str, span: Span) -> Diagnostic {
    let help = match spec.long {
        "proxy" => "to skip the proxy for some hosts, use `--noproxy <hosts>`".to_string(),
        _ if spec.takes_value => format!(
            "remove `{typed}`: `--{}` takes a value and has no off switch",
            spec.long
        ),
        _ => format!("remove `{typed}`: `--{}` has no off switch", spec.long),
    };
    Diagnostic::error(format!(
        "`{typed}`: `--{}` is not an on/off option, so it has no `--no-` form",
        spec.long
    ))
    .with_span(span)
    .with_help(help)
}

fn ambiguous(typed: &str, many: &[&'static OptSpec], span: Span) -> Diagnostic {
    const SHOWN: usize = 6;
    let mut list: Vec<String> = many
        .iter()
        .take(SHOWN)
        .map(|o| format!("`--{}`", o.long))
        .collect();
    if many.len() > SHOWN {
        list.push(format!("and {} more", many.len() - SHOWN));
    }
    Diagnostic::error(format!(
        "`{typed}` is ambiguous: it could be {}",
        list.join(", ")
    ))
    .with_span(span)
    .with_label("ambiguous option")
    .with_help("write the option name in full")
}

fn unknown_long(name: &str, typed: &str, span: Span) -> Diagnostic {
    let d = Diagnostic::error(format!("unknown option `{typed}`"))
        .with_span(span)
        .with_label("curl has no such option");
    match suggest(name) {
        Some(s) => d.with_help(format!("did you mean `{s}`?")),
        None => d.with_help("`curl --help all` lists every option"),
    }
}

fn unknown_short(letter: char, span: Span, word: &str) -> Diagnostic {
    let other = if letter.is_ascii_lowercase() {
        letter.to_ascii_uppercase()
    } else {
        letter.to_ascii_lowercase()
    };
    let d = Diagnostic::error(format!("unknown option `-{letter}` in `{word}`"))
        .with_span(span)
        .with_label("curl has no such short option");
    match opts::by_short(other).filter(|_| other != letter) {
        Some(spec) => d.with_help(format!(
            "short options are case-sensitive: did you mean `-{other}` ({})?",
            spec.documented()
        )),
        None => match word.get(1..).and_then(suggest) {
            Some(s) => d.with_help(format!("long options take two dashes: did you mean `{s}`?")),
            None => d.with_help("`curl --help all` lists every option"),
        },
    }
}

/// The closest option name for a did-you-mean, by edit distance.
fn suggest(name: &str) -> Option<String> {
    if name.is_empty() || name.len() > 64 {
        return None;
    }
    let name = name.to_ascii_lowercase();
    let mut best: Option<(usize, String)> = None;
    for o in OPTIONS {
        let mut forms = vec![o.long.to_string()];
        if o.negatable {
            forms.push(format!("no-{}", o.long));
        }
        for form in forms {
            let d = strsim::levenshtein(&name, &form);
            if best.as_ref().is_none_or(|(bd, _)| d < *bd) {
                best = Some((d, form));
            }
        }
    }
    let (d, form) = best?;
    // Close enough to be a typo: two edits, or a third of a long name.
    (d <= 2.max(name.len() / 3)).then(|| format!("--{form}"))
}

/// The warning for an option that would change the request but is not converted.
fn unsupported(spec: &OptSpec, negated: bool, span: Span) -> Diagnostic {
    let why = super::opts::refusal_reason(spec.long);
    Diagnostic::warning(format!(
        "`{}` is not converted: {why}",
        spec.display(negated)
    ))
    .with_span(span)
    .with_label("not converted")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Severity;

    /// Builds a command from shell text. Spans are fake: words as if joined by one space,
    /// each as long as its literal, so sub-spans of bundled flags are exercised too.
    fn cmd(text: &str) -> Command {
        let mut words = Vec::new();
        let mut at = 0;
        for w in shell_words::split(text).expect("test input splits") {
            let len = w.len();
            words.push(Word::lit(w, Span::new(at, at + len)));
            at += len + 1;
        }
        Command {
            words,
            stdin: None,
            span: Span::new(0, at.saturating_sub(1)),
        }
    }

    fn run(text: &str) -> (Result<CurlArgs, Diagnostic>, Vec<Diagnostic>) {
        let mut warnings = Vec::new();
        let result = parse(&cmd(text), &mut warnings);
        (result, warnings)
    }

    fn ok(text: &str) -> (CurlArgs, Vec<Diagnostic>) {
        let (result, warnings) = run(text);
        match result {
            Ok(args) => (args, warnings),
            Err(e) => panic!("{text}: {e:?}"),
        }
    }

    fn err(text: &str) -> Diagnostic {
        match run(text).0 {
            Ok(args) => panic!("{text} parsed: {:?}", summary(&args)),
            Err(e) => e,
        }
    }

    /// Items as short strings: `--data=x`, `--no-buffer`, `url:https://a`.
    fn summary(args: &CurlArgs) -> Vec<String> {
        args.items
            .iter()
            .map(|item| match item {
                Item::Url(w) => format!("url:{}", w.display()),
                Item::Opt(a) => match &a.value {
                    Some(v) => format!("{}={}", a.spec.display(a.negated), v.display()),
                    None => a.spec.display(a.negated),
                },
            })
            .collect()
    }

    fn items(text: &str) -> Vec<String> {
        summary(&ok(text).0)
    }

    fn opt(args: &CurlArgs, index: usize) -> &Arg {
        match args.items.get(index) {
            Some(Item::Opt(a)) => a,
            other => panic!("item {index} is {other:?}"),
        }
    }

    #[test]
    fn plain_url_and_long_options() {
        assert_eq!(
            items("curl -X POST --data 'a b' https://api.example.com/x"),
            [
                "--request=POST",
                "--data=a b",
                "url:https://api.example.com/x"
            ]
        );
    }

    #[test]
    fn program_may_be_a_path_or_curl_exe() {
        for text in [
            "/usr/bin/curl a",
            "curl.exe a",
            "CURL.EXE a",
            r"C:\\tools\\curl.exe a",
        ] {
            assert_eq!(items(text), ["url:a"], "{text}");
        }
    }

    #[test]
    fn other_programs_are_refused() {
        let e = err("wget https://example.com");
        assert_eq!(e.message, "`wget` is not curl");
        assert_eq!(e.span, Some(Span::new(0, 4)));
        assert!(e.help.unwrap().contains("curl -O"));
        assert!(err("sudo curl x").help.unwrap().contains("drop `sudo`"));
        assert!(
            err("curly x")
                .help
                .unwrap()
                .contains("start the command with `curl`")
        );
    }

    #[test]
    fn empty_command_is_an_error() {
        let mut w = Vec::new();
        let c = Command {
            words: vec![],
            stdin: None,
            span: Span::new(0, 0),
        };
        assert!(parse(&c, &mut w).is_err());
    }

    #[test]
    fn unambiguous_prefix_is_accepted_with_a_warning() {
        let (args, warnings) = ok("curl --sil --insec u");
        assert_eq!(summary(&args), ["--silent", "--insecure", "url:u"]);
        assert_eq!(warnings.len(), 2);
        assert!(warnings[0].message.contains("abbreviation of `--silent`"));
        assert_eq!(warnings[0].severity, Severity::Warning);
    }

    #[test]
    fn exact_name_wins_over_longer_names() {
        let (args, warnings) = ok("curl --proxy p --http2 --trace f u");
        assert_eq!(
            summary(&args),
            ["--proxy=p", "--http2", "--trace=f", "url:u"]
        );
        assert!(warnings.is_empty());
    }

    #[test]
    fn ambiguous_prefix_lists_candidates() {
        let e = err("curl --http1 u");
        assert!(e.message.contains("ambiguous"), "{}", e.message);
        assert!(e.message.contains("`--http1.0`") && e.message.contains("`--http1.1`"));
        let e = err("curl --co u");
        assert!(e.message.contains("more"), "{}", e.message);
    }

    #[test]
    fn upper_case_long_name_is_accepted_with_a_warning() {
        let (args, warnings) = ok("curl --SILENT u");
        assert_eq!(summary(&args), ["--silent", "url:u"]);
        assert!(warnings[0].message.contains("case-sensitively"));
    }

    #[test]
    fn bundled_short_flags_with_trailing_value() {
        let (args, _) = ok("curl -sSLXPOST u");
        assert_eq!(
            summary(&args),
            [
                "--silent",
                "--show-error",
                "--location",
                "--request=POST",
                "url:u"
            ]
        );
        // Sub-spans: `-sSLXPOST` starts at byte 5; `X` is its fifth byte.
        assert_eq!(opt(&args, 3).span, Span::new(9, 10));
        assert_eq!(
            opt(&args, 3).value.as_ref().unwrap().span,
            Span::new(10, 14)
        );
        assert_eq!(opt(&args, 0).span, Span::new(5, 7));
    }

    #[test]
    fn value_option_at_end_of_bundle_takes_next_word() {
        assert_eq!(
            items("curl -sd @body.json u"),
            ["--silent", "--data=@body.json", "url:u"]
        );
    }

    #[test]
    fn attached_short_value() {
        let (args, _) = ok("curl '-HX-Token: 1' u");
        assert_eq!(summary(&args), ["--header=X-Token: 1", "url:u"]);
        let value = opt(&args, 0).value.as_ref().unwrap();
        assert_eq!(value.literal().unwrap(), b"X-Token: 1");
    }

    #[test]
    fn next_word_is_taken_even_if_it_looks_like_an_option() {
        assert_eq!(items("curl -d -x u"), ["--data=-x", "url:u"]);
        assert_eq!(items("curl -H -- u"), ["--header=--", "url:u"]);
    }

    #[test]
    fn long_option_with_equals_value() {
        let (args, warnings) = ok("curl --data=a=b --user-agent= u");
        assert_eq!(summary(&args), ["--data=a=b", "--user-agent=", "url:u"]);
        assert!(warnings.is_empty());
        assert_eq!(opt(&args, 0).span, Span::new(5, 11));
        assert_eq!(
            opt(&args, 0).value.as_ref().unwrap().span,
            Span::new(12, 15)
        );
    }

    #[test]
    fn boolean_with_equals_value_warns() {
        let (args, warnings) = ok("curl --silent=yes u");
        assert_eq!(summary(&args), ["--silent", "url:u"]);
        assert!(warnings[0].message.contains("takes no value"));
    }

    #[test]
    fn no_prefix_negates_booleans() {
        let (args, _) = ok("curl --no-location --no-buffer -N u");
        assert_eq!(
            summary(&args),
            ["--no-location", "--no-buffer", "--no-buffer", "url:u"]
        );
        assert!(opt(&args, 0).negated);
        assert!(opt(&args, 2).negated, "-N means --no-buffer");
        assert!(!opt(&args, 0).spec.takes_value);
    }

    #[test]
    fn no_prefix_on_value_option_is_an_error() {
        let e = err("curl --no-header x u");
        assert!(e.message.contains("no `--no-` form"), "{}", e.message);
        assert!(err("curl --no-proxy u").help.unwrap().contains("--noproxy"));
        assert!(err("curl --no-http1.1 u").message.contains("`--http1.1`"));
    }

    #[test]
    fn no_prefix_takes_no_abbreviation() {
        let e = err("curl --no-bu u");
        assert_eq!(e.message, "unknown option `--no-bu`");
    }

    #[test]
    fn missing_value_points_at_the_option() {
        let e = err("curl u --header");
        assert_eq!(e.message, "option `--header` needs a value");
        assert_eq!(e.span, Some(Span::new(7, 15)));
        let e = err("curl u -sH");
        assert_eq!(e.message, "option `--header` needs a value");
        assert_eq!(e.span, Some(Span::new(9, 10)));
        assert_eq!(err("curl u -H").span, Some(Span::new(7, 9)));
    }

    #[test]
    fn unknown_long_option_suggests_the_closest() {
        let e = err("curl --lcation u");
        assert_eq!(e.message, "unknown option `--lcation`");
        assert_eq!(e.help.as_deref(), Some("did you mean `--location`?"));
        assert_eq!(
            err("curl --data-binray x u").help.as_deref(),
            Some("did you mean `--data-binary`?")
        );
        assert_eq!(
            err("curl --no-progres-meter u").help.as_deref(),
            Some("did you mean `--no-progress-meter`?")
        );
        assert!(
            err("curl --zzzzzzzzzzzz u")
                .help
                .unwrap()
                .contains("--help all")
        );
    }

    #[test]
    fn unknown_short_option() {
        let e = err("curl -sW u");
        assert_eq!(e.message, "unknown option `-W` in `-sW`");
        assert_eq!(e.span, Some(Span::new(7, 8)));
        assert!(e.help.unwrap().contains("`-w`"));
    }

    #[test]
    fn lone_dash_is_an_unknown_option_like_curl() {
        assert_eq!(err("curl - u").message, "unknown option `-`");
    }

    #[test]
    fn double_dash_ends_options() {
        assert_eq!(
            items("curl -s -- -weird --data"),
            ["--silent", "url:-weird", "url:--data"]
        );
    }

    #[test]
    fn single_dash_long_name_warns() {
        let (args, warnings) = ok("curl -data x u");
        assert_eq!(summary(&args), ["--data=ata", "url:x", "url:u"]);
        assert!(
            warnings[0].help.as_deref() == Some("did you mean `--data`?"),
            "{warnings:?}"
        );
    }

    #[test]
    fn unsupported_option_warns_and_is_kept() {
        let (args, warnings) = ok("curl --resolve a:443:1.2.3.4 -s u");
        assert_eq!(
            summary(&args),
            ["--resolve=a:443:1.2.3.4", "--silent", "url:u"]
        );
        assert_eq!(warnings.len(), 1);
        assert!(
            warnings[0]
                .message
                .starts_with("`--resolve` is not converted")
        );
        assert_eq!(warnings[0].span, Some(Span::new(5, 14)));
    }

    #[test]
    fn no_effect_options_are_silent() {
        let (_, warnings) = ok("curl -s -v --progress-bar --http2 -i --no-progress-meter u");
        assert!(warnings.is_empty(), "{warnings:?}");
    }

    #[test]
    fn help_and_version_are_refused() {
        assert!(err("curl -h").message.contains("print its help"));
        assert!(
            err("curl u --version")
                .message
                .contains("print its version")
        );
        assert!(err("curl -sM").message.contains("manual"));
    }

    #[test]
    fn next_is_kept_in_order() {
        assert_eq!(
            items("curl a -: -d x b"),
            ["url:a", "--next", "--data=x", "url:b"]
        );
    }

    #[test]
    fn env_parts_in_values_are_kept() {
        let mut c = cmd("curl -H u");
        let h = Word {
            parts: vec![
                WordPart::Lit(b"-HAuthorization: ".to_vec()),
                WordPart::Env("TOKEN".into()),
            ],
            span: Span::new(5, 30),
        };
        c.words[1] = h;
        let mut w = Vec::new();
        let args = parse(&c, &mut w).unwrap();
        let value = opt(&args, 0).value.as_ref().unwrap();
        assert_eq!(
            value.parts,
            vec![
                WordPart::Lit(b"Authorization: ".to_vec()),
                WordPart::Env("TOKEN".into())
            ]
        );
        assert_eq!(value.span, Span::new(5, 30));
    }

    #[test]
    fn url_from_env_is_a_url() {
        let mut c = cmd("curl x");
        c.words[1] = Word {
            parts: vec![WordPart::Env("URL".into())],
            span: Span::new(5, 9),
        };
        let mut w = Vec::new();
        let args = parse(&c, &mut w).unwrap();
        assert!(matches!(&args.items[0], Item::Url(_)));
    }

    #[test]
    fn config_lines_follow_curl_syntax() {
        let text = b"# comment\n  \n--silent\nurl = \"https://a/b c\"\nheader: X: 1\n-d \"q\\\"\\t\\n\\\\\\x\"\nuser-agent ua extra\n";
        let lines = config_lines(text);
        let shown: Vec<(String, Option<String>, bool)> = lines
            .iter()
            .map(|l| {
                (
                    String::from_utf8_lossy(&l.option).into_owned(),
                    l.param
                        .as_ref()
                        .map(|p| String::from_utf8_lossy(p).into_owned()),
                    l.trailing,
                )
            })
            .collect();
        assert_eq!(
            shown,
            [
                ("--silent".into(), None, false),
                ("url".into(), Some("https://a/b c".into()), false),
                ("header".into(), Some("X:".into()), true),
                ("-d".into(), Some("q\"\t\n\\x".into()), false),
                ("user-agent".into(), Some("ua".into()), true),
            ]
        );
        assert_eq!(lines[1].number, 4);
    }

    /// A fresh directory under the system temp dir for one test.
    fn temp_dir(name: &str) -> std::path::PathBuf {
        let dir =
            std::env::temp_dir().join(format!("curl2code-args-{}-{name}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn config_file_is_inlined_where_k_stood() {
        let dir = temp_dir("inline");
        let file = dir.join("opts.txt");
        std::fs::write(&file, "# defaults\nsilent\n--header \"Accept: text/plain\"\nurl = https://a.example/\n-XPUT\n").unwrap();
        let text = format!("curl -v -K {} https://b.example/", file.display());
        let (args, warnings) = ok(&text);
        assert!(warnings.is_empty(), "{warnings:?}");
        assert_eq!(
            summary(&args),
            [
                "--verbose",
                "--silent",
                "--header=Accept: text/plain",
                "--url=https://a.example/",
                "--request=PUT",
                "url:https://b.example/"
            ]
        );
        // Every inlined option points at the `-K` word.
        let k_end = 11 + file.display().to_string().len();
        assert_eq!(opt(&args, 1).span, Span::new(8, k_end));
    }

    #[test]
    fn nested_config_files_and_depth_limit() {
        let dir = temp_dir("nested");
        let inner = dir.join("inner.txt");
        let outer = dir.join("outer.txt");
        std::fs::write(&inner, "compressed\n").unwrap();
        std::fs::write(&outer, format!("config = \"{}\"\n", inner.display())).unwrap();
        assert_eq!(
            items(&format!("curl --config {} u", outer.display())),
            ["--compressed", "url:u"]
        );

        let selfref = dir.join("self.txt");
        std::fs::write(&selfref, format!("-K {}\n", selfref.display())).unwrap();
        let e = err(&format!("curl -K {} u", selfref.display()));
        assert!(e.message.contains("nested more than 5"), "{}", e.message);
    }

    #[test]
    fn config_errors_name_the_file_line() {
        let dir = temp_dir("errors");
        let file = dir.join("bad.txt");
        std::fs::write(&file, "silent\nhttps://example.com\n").unwrap();
        let e = err(&format!("curl -K {} u", file.display()));
        assert!(
            e.message.ends_with(":2: unknown option `https`"),
            "{}",
            e.message
        );
    }

    #[test]
    fn config_flag_with_value_warns() {
        let dir = temp_dir("flagvalue");
        let file = dir.join("f.txt");
        std::fs::write(&file, "silent yes\n").unwrap();
        let (args, warnings) = ok(&format!("curl -K {} u", file.display()));
        assert_eq!(summary(&args), ["--silent", "url:u"]);
        assert!(
            warnings[0].message.contains("takes no value"),
            "{warnings:?}"
        );
    }

    #[test]
    fn missing_config_file_is_an_error() {
        let e = err("curl -K /nonexistent/curl2code.cfg u");
        assert!(
            e.message
                .starts_with("cannot read config file `/nonexistent/curl2code.cfg`"),
            "{}",
            e.message
        );
        assert_eq!(e.span, Some(Span::new(8, 34)));
    }

    #[test]
    fn config_from_stdin_bytes() {
        let mut c = cmd("curl -K - u");
        c.stdin = Some(Stdin::Bytes(b"data = \"x=1\"\n".to_vec()));
        let mut w = Vec::new();
        let args = parse(&c, &mut w).unwrap();
        assert_eq!(summary(&args), ["--data=x=1", "url:u"]);
        assert!(args.stdin.is_none(), "-K - consumes stdin");
        assert!(err("curl -K - u").message.contains("gives none"));
    }

    #[test]
    fn variables_expand_into_values() {
        let (args, warnings) = ok(
            "curl --variable name=Jo --variable %HOME --expand-data '{{name}}:{{HOME}}' --expand-url 'https://a/{{name:url}}?q={{missing}}' \\{{x}}",
        );
        assert_eq!(summary(&args)[0], "--data=Jo:$HOME");
        assert_eq!(summary(&args)[1], "--url=https://a/Jo?q=");
        assert_eq!(summary(&args)[2], "url:{{x}}");
        assert!(
            warnings
                .iter()
                .any(|w| w.message.contains("`missing` is not set"))
        );
        if let Item::Opt(a) = &args.items[0] {
            assert_eq!(
                a.value.as_ref().unwrap().parts[1],
                WordPart::Env("HOME".into())
            );
        }
    }

    #[test]
    fn expansion_functions() {
        let cases = [
            ("trim", " a b \n", "a b"),
            ("json", "a\"\\\n", "a\\\"\\\\\\n"),
            ("url", "a b/é", "a%20b%2F%C3%A9"),
            ("b64", "hello", "aGVsbG8="),
            ("64dec", "aGVsbG8=", "hello"),
            ("trim:b64", " hi ", "aGk="),
        ];
        for (f, input, want) in cases {
            let mut c = cmd("curl --variable v --expand-data d");
            c.words[2] = Word::lit(format!("v={input}"), Span::new(0, 0));
            c.words[4] = Word::lit(format!("{{{{v:{f}}}}}"), Span::new(0, 0));
            let mut w = Vec::new();
            let args = parse(&c, &mut w).unwrap();
            assert_eq!(opt(&args, 0).value.as_ref().unwrap().display(), want, "{f}");
        }
        assert_eq!(base64_decode(b"a"), None);
    }

    #[test]
    fn escaped_braces_stay_literal() {
        assert_eq!(
            items("curl --variable a=1 --expand-data '\\{{a}}{{a}}' u")[0],
            "--data={{a}}1"
        );
    }

    #[test]
    fn every_option_round_trips_by_its_full_name() {
        for o in OPTIONS {
            if PRINTS_INSTEAD.contains(&o.long) || PARSER_HANDLED_NEEDS_FILE.contains(&o.long) {
                continue;
            }
            let text = if o.takes_value {
                format!("curl --{} v u", o.long)
            } else {
                format!("curl --{} u", o.long)
            };
            let (args, warnings) = ok(&text);
            let a = opt(&args, 0);
            assert_eq!(a.spec.long, o.long);
            assert_eq!(
                warnings.len(),
                usize::from(o.support == Support::Unsupported),
                "{}",
                o.long
            );
            if let Some(c) = o.short {
                let text = if o.takes_value {
                    format!("curl -{c} v u")
                } else {
                    format!("curl -{c} u")
                };
                assert_eq!(opt(&ok(&text).0, 0).spec.long, o.long);
            }
        }
    }

    /// Options the parser consumes instead of keeping (tested on their own).
    const PARSER_HANDLED_NEEDS_FILE: &[&str] = &["config", "variable"];
}
