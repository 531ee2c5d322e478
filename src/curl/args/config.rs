//! `-K` / `--config` files: curl's config syntax, read through the conversion's file seam.

use super::*;

/// One meaningful line of a config file.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct ConfigLine {
    /// 1-based line number, for messages.
    pub(super) number: usize,
    /// The option as written: `--data`, `-d` or `data`.
    pub(super) option: Vec<u8>,
    /// The parameter after unquoting, if the line has one.
    pub(super) param: Option<Vec<u8>>,
    /// True when an unquoted parameter was followed by more text, which curl ignores.
    pub(super) trailing: bool,
}

/// Whitespace as C's `isspace` sees it.
pub(super) fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c)
}

/// Splits a config file into option lines the way curl's `parseconfig` does.
pub(super) fn config_lines(text: &[u8]) -> Vec<ConfigLine> {
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
pub(super) fn unquote(quoted: &[u8]) -> Vec<u8> {
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
    pub(super) fn config(
        &mut self,
        file: &Word,
        span: Span,
        depth: usize,
    ) -> Result<(), Diagnostic> {
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
    pub(super) fn config_stdin(&mut self, file: &Word) -> Result<Vec<u8>, Diagnostic> {
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

pub(super) fn is_empty_part(part: &WordPart) -> bool {
    matches!(part, WordPart::Lit(b) if b.is_empty())
}

/// Reads a file named in the command while converting (config files, `--variable name@file`).
pub(super) fn read_file(
    files: &Files,
    path: &[u8],
    what: &str,
    span: Span,
) -> Result<Vec<u8>, Diagnostic> {
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
