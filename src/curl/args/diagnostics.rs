//! The argv parser's diagnostics: missing values, unknown options with a did-you-mean, options
//! curl2code does not convert.

use super::*;

pub(super) fn missing_value(spec: &OptSpec, span: Span, origin: Origin) -> Diagnostic {
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

pub(super) fn prints_instead(spec: &OptSpec, span: Span) -> Diagnostic {
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

pub(super) fn not_boolean(spec: &OptSpec, typed: &str, span: Span) -> Diagnostic {
    let help = match spec.long {
        "proxy" => "to skip the proxy for some hosts, use `--noproxy <hosts>`".to_string(),
        _ if spec.takes_value() => format!(
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

pub(super) fn ambiguous(typed: &str, many: &[&'static OptSpec], span: Span) -> Diagnostic {
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

pub(super) fn unknown_long(name: &str, typed: &str, span: Span) -> Diagnostic {
    let d = Diagnostic::error(format!("unknown option `{typed}`"))
        .with_span(span)
        .with_label("curl has no such option");
    match suggest(name) {
        Some(s) => d.with_help(format!("did you mean `{s}`?")),
        None => d.with_help("`curl --help all` lists every option"),
    }
}

pub(super) fn unknown_short(letter: char, span: Span, word: &str) -> Diagnostic {
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
pub(super) fn suggest(name: &str) -> Option<String> {
    if name.is_empty() || name.len() > 64 {
        return None;
    }
    let name = name.to_ascii_lowercase();
    let mut best: Option<(usize, String)> = None;
    for o in OPTIONS {
        let mut forms = vec![o.long.to_string()];
        if o.negatable() {
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
pub(super) fn unsupported(spec: &OptSpec, why: &str, negated: bool, span: Span) -> Diagnostic {
    Diagnostic::warning(format!(
        "`{}` is not converted: {why}",
        spec.display(negated)
    ))
    .with_span(span)
    .with_label("not converted")
}
