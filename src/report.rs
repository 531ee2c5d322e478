//! Renders diagnostics like rustc: the message, the input line, a caret under the culprit, a hint.

use crate::diagnostic::{Diagnostic, Severity};
use std::fmt::Write;

/// Renders every diagnostic against `source`, one block each, separated by blank lines.
/// With `color`, the severity and carets get ANSI colours.
pub fn render(source: &str, diagnostics: &[Diagnostic], color: bool) -> String {
    let mut out = String::new();
    for (i, d) in diagnostics.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        render_one(&mut out, source, d, color);
    }
    out
}

fn paint(color: bool, code: &str, text: &str) -> String {
    if color {
        format!("\x1b[{code}m{text}\x1b[0m")
    } else {
        text.to_string()
    }
}

fn render_one(out: &mut String, source: &str, d: &Diagnostic, color: bool) {
    let (word, code) = match d.severity {
        Severity::Error => ("error", "1;31"),
        Severity::Warning => ("warning", "1;33"),
    };
    let _ = writeln!(out, "{}: {}", paint(color, code, word), d.message);
    if let Some(span) = d.span {
        let start = floor_char_boundary(source, span.start.min(source.len()));
        let end = floor_char_boundary(source, span.end.min(source.len())).max(start);
        let line_start = source[..start].rfind('\n').map_or(0, |i| i + 1);
        let line_end = source[start..]
            .find('\n')
            .map_or(source.len(), |i| start + i);
        let line_no = source[..start].matches('\n').count() + 1;
        let col = source[line_start..start].chars().count() + 1;
        let gutter = " ".repeat(line_no.to_string().len());
        let line = printable(&source[line_start..line_end]);
        let _ = writeln!(out, "{gutter}--> input:{line_no}:{col}");
        let _ = writeln!(out, "{gutter} |");
        let _ = writeln!(out, "{line_no} | {line}");
        // Carets stop at the end of the first line: a span across lines is shown by its start.
        let caret_end = end.min(line_end);
        let pad = printable(&source[line_start..start]).chars().count();
        let width = printable(&source[start..caret_end]).chars().count().max(1);
        let carets = paint(color, code, &"^".repeat(width));
        match &d.label {
            Some(label) => {
                let _ = writeln!(out, "{gutter} | {}{carets} {label}", " ".repeat(pad));
            }
            None => {
                let _ = writeln!(out, "{gutter} | {}{carets}", " ".repeat(pad));
            }
        }
        if let Some(help) = &d.help {
            let _ = writeln!(out, "{gutter} = help: {help}");
        }
    } else if let Some(help) = &d.help {
        let _ = writeln!(out, "  = help: {help}");
    }
}

/// Tabs and control characters would break caret alignment: show them as one visible character.
fn printable(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_control() { '\u{2423}' } else { c })
        .collect()
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// An error prints as its rendered diagnostics (without colour). The impl lives with the
/// renderer: the data in `diagnostic` does not know how it is drawn.
impl std::fmt::Display for crate::diagnostic::Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&render(&self.source, &self.diagnostics, false))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Span;

    #[test]
    fn caret_under_the_culprit_with_help() {
        let src = "curl --lcation https://x";
        let d = Diagnostic::error("unknown option `--lcation`")
            .with_span(Span::new(5, 14))
            .with_label("not a curl option")
            .with_help("did you mean `--location`?");
        let text = render(src, &[d], false);
        assert_eq!(
            text,
            "error: unknown option `--lcation`\n --> input:1:6\n  |\n1 | curl --lcation https://x\n  |      ^^^^^^^^^ not a curl option\n  = help: did you mean `--location`?\n"
        );
    }

    #[test]
    fn second_line_and_multibyte_columns() {
        let src = "curl é \\\n  -Q x";
        let d = Diagnostic::warning("w").with_span(Span::new(src.find("-Q").unwrap(), src.len()));
        let text = render(src, &[d], false);
        assert!(text.contains("--> input:2:3"), "{text}");
        assert!(text.contains("2 |   -Q x\n  |   ^^^^\n"), "{text}");
    }

    #[test]
    fn span_past_the_end_does_not_panic() {
        let d = Diagnostic::error("e").with_span(Span::new(50, 60));
        assert!(render("curl", &[d], true).contains("input:1:5"));
    }
}
