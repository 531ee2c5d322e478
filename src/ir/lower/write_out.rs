//! `-w FORMAT`: curl's write-out format, read into the pieces every generator prints after the body.
//!
//! curl 7.88 decodes `\n`, `\r`, `\t` and `%%`, replaces `%{variable}` and `%header{name}`, and
//! keeps every other byte (a lone `%` or `\` included). Variables the programs cannot know (timings,
//! sizes, addresses …) print nothing, as curl does for a name it does not know, and a warning
//! names each one.

use super::Ctx;
use crate::curl::Text;
use crate::diagnostic::Diagnostic;
use crate::ir::WriteOut;

/// The format's pieces; empty (with a warning) when it cannot be known while converting.
pub(super) fn parse(t: &Text, cx: &mut Ctx) -> Vec<WriteOut> {
    let Some(raw) = t.value.literal() else {
        cx.warn(
            Diagnostic::warning(
                "-w reads its format from the environment; curl2code needs it while converting, so nothing is written after the body",
            )
            .with_span(t.span)
            .with_help("write the format out in the command"),
        );
        return Vec::new();
    };
    // `@file` and `@-` are read now, as curl reads them while parsing its arguments (and as
    // `-H @file` is).
    let raw = match raw.strip_prefix(b"@") {
        Some(path) => {
            let read = if path == b"-" {
                cx.stdin_now(t.span, "-w @-")
            } else {
                cx.read_file(&crate::value::Value::bytes(path), t.span, "-w @file")
            };
            match read {
                Ok(bytes) => bytes,
                Err(e) => {
                    cx.warn(e);
                    return Vec::new();
                }
            }
        }
        None => raw,
    };
    let Ok(format) = String::from_utf8(raw) else {
        cx.warn(
            Diagnostic::warning(
                "-w holds bytes that are not UTF-8: nothing is written after the body",
            )
            .with_span(t.span)
            .with_help("write the format in UTF-8"),
        );
        return Vec::new();
    };
    let (pieces, unknown) = pieces(&format);
    for name in unknown {
        cx.warn(
            Diagnostic::warning(format!(
                "`{name}` in -w is not converted: the program writes nothing in its place"
            ))
            .with_span(t.span)
            .with_help(
                "the programs know %{http_code}, %{response_code}, %{content_type}, %{url_effective} and %header{name}",
            ),
        );
    }
    pieces
}

/// The pieces of `format` and the variables left out (as written, e.g. `%{time_total}`).
fn pieces(format: &str) -> (Vec<WriteOut>, Vec<String>) {
    let (mut out, mut unknown, mut text) = (Vec::new(), Vec::new(), String::new());
    let mut rest = format;
    while let Some(c) = rest.chars().next() {
        rest = &rest[c.len_utf8()..];
        let escaped = match (c, rest.chars().next()) {
            ('\\', Some('n')) => Some('\n'),
            ('\\', Some('r')) => Some('\r'),
            ('\\', Some('t')) => Some('\t'),
            ('%', Some('%')) => Some('%'),
            _ => None,
        };
        if let Some(e) = escaped {
            text.push(e);
            rest = &rest[1..];
            continue;
        }
        let Some((name, is_header, after)) = (c == '%').then(|| variable(rest)).flatten() else {
            text.push(c);
            continue;
        };
        rest = after;
        let piece = match (is_header, name) {
            // A name that is no HTTP token names no header: curl writes nothing for it.
            (true, _) if !crate::curl::values::is_token(name.as_bytes()) => continue,
            (true, _) => WriteOut::Header(name.to_string()),
            (false, "http_code" | "response_code") => WriteOut::Status,
            (false, "content_type") => WriteOut::ContentType,
            (false, "url_effective") => WriteOut::Url,
            _ => {
                unknown.push(format!("%{{{name}}}"));
                continue;
            }
        };
        if !text.is_empty() {
            out.push(WriteOut::Text(std::mem::take(&mut text)));
        }
        out.push(piece);
    }
    if !text.is_empty() {
        out.push(WriteOut::Text(text));
    }
    (out, unknown)
}

/// After a `%`: `{name}` or `header{name}`, as (name, whether a header, what follows).
fn variable(tail: &str) -> Option<(&str, bool, &str)> {
    let (is_header, tail) = match tail.strip_prefix("header{") {
        Some(t) => (true, t),
        None => (false, tail.strip_prefix('{')?),
    };
    let end = tail.find('}')?;
    Some((&tail[..end], is_header, &tail[end + 1..]))
}

#[cfg(test)]
mod tests {
    use super::*;
    use WriteOut::*;

    fn text(s: &str) -> WriteOut {
        Text(s.to_string())
    }

    #[test]
    fn variables_escapes_and_text_as_curl_reads_them() {
        let (p, unknown) = pieces(r"code=%{http_code}\n%%\t%{content_type}|%header{ETag}\r\x");
        assert_eq!(
            p,
            vec![
                text("code="),
                Status,
                text("\n%\t"),
                ContentType,
                text("|"),
                Header("ETag".into()),
                text("\r\\x"),
            ]
        );
        assert!(unknown.is_empty());
    }

    #[test]
    fn unknown_variables_are_named_and_print_nothing() {
        let (p, unknown) = pieces("%{time_total} %{response_code}%{url_effective}");
        assert_eq!(p, vec![text(" "), Status, Url]);
        assert_eq!(unknown, vec!["%{time_total}".to_string()]);
    }

    #[test]
    fn a_lone_percent_or_an_open_brace_is_text() {
        let (p, unknown) = pieces("100% %{open");
        assert_eq!(p, vec![text("100% %{open")]);
        assert!(unknown.is_empty());
    }
}
