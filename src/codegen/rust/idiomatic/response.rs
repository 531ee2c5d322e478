//! What a Rust program does with the response besides its body (issue 13's response family):
//! `-D` and `--etag-save` after the call, `--etag-compare` before it; `-i` is `finish`'s (the
//! template's `include`). An option not given adds nothing.

use super::Builder;
use super::request::borrowed;
use crate::codegen::rust::literal::{str_expr, str_literal};
use crate::codegen::rust::uses::etag_compare_lines;
use crate::ir::{Output, Request, Value, WriteOut};

impl Builder<'_, '_> {
    /// `-J`: the `-O` name from Content-Disposition, read off the result before `finish` takes
    /// it (the lines go to `lines`); `name` is the URL's, the fallback.
    pub(super) fn header_name(
        &mut self,
        request: &Request,
        name: String,
        lines: &mut Vec<String>,
    ) -> String {
        if !request.transfer.saving.remote_header_name {
            return name;
        }
        self.uses_header_name = true;
        lines.push("    // -J: the file name the server gives, else the URL's.".into());
        lines.push(
            "    let disposition = result.as_ref().ok().and_then(|r| r.headers().get(\"content-disposition\"));"
                .into(),
        );
        lines.push(format!(
            "    let name = header_name(disposition.and_then(|v| v.to_str().ok()), {name});"
        ));
        "&name".into()
    }

    /// `finish`'s output argument for a `&str` path: through `free_name` with `--no-clobber`.
    pub(super) fn free_name(&mut self, request: &Request, path: String) -> String {
        if !request.transfer.saving.no_clobber {
            return format!("Some({path})");
        }
        self.uses_free_name = true;
        format!("Some(&free_name({path}))")
    }

    /// A file name as a `&str` expression, and the text that names it in an error message.
    fn path(
        &mut self,
        request: &Request,
        v: &Value,
        what: &str,
        notes: &mut Vec<String>,
    ) -> (String, String) {
        let e = borrowed(self.text(request, v, what, notes));
        let plain = e.starts_with('"') && !e.contains(['{', '}', '\\']);
        let error = if plain {
            format!("format!(\"writing {}: {{e}}\")", &e[1..e.len() - 1])
        } else {
            format!("format!(\"writing {{}}: {{e}}\", {e})")
        };
        (e, error)
    }

    /// `--etag-compare`: the lines that read the saved ETag before the call, and its header.
    pub(super) fn etag_compare(
        &mut self,
        request: &Request,
        chain: &mut Vec<String>,
    ) -> Vec<String> {
        let s = &request.transfer.saving;
        let Some(file) = &s.etag_compare else {
            return Vec::new();
        };
        let mut lines = Vec::new();
        let path = borrowed(self.text(request, file, "the ETag file name", &mut lines));
        lines.extend(etag_compare_lines(
            &mut self.uses,
            &path,
            s.etag_save.is_some(),
            &format!("read({path})?"),
        ));
        chain.push(".header(\"If-None-Match\", saved_etag)".into());
        lines
    }

    /// `-D` and `--etag-save`: written once a response is in, before `finish` checks -f, as curl
    /// writes them while the headers arrive.
    pub(super) fn saving(&mut self, request: &Request) -> Vec<String> {
        let s = &request.transfer.saving;
        let mut inner = Vec::new();
        let mut notes = Vec::new();
        match &s.dump_header {
            None => {}
            Some(Output::File(v)) => {
                self.uses_head_of = true;
                let (path, error) = self.path(request, v, "the header file name", &mut notes);
                inner.push("        let head = head_of(response); // -D".into());
                inner.push(format!(
                    "        std::fs::write({path}, head).map_err(|e| {error})?;"
                ));
            }
            Some(_) => {
                self.uses_head_of = true;
                inner.push(
                    "        std::io::stdout().write_all(&head_of(response))?; // -D -".into(),
                );
            }
        }
        if let Some(v) = &s.etag_save {
            let (path, error) = self.path(request, v, "the ETag file name", &mut notes);
            inner.push(
                "        // --etag-save: the ETag and a newline; an empty file if there is none."
                    .into(),
            );
            inner.push("        let etag = response.headers().get(\"etag\");".into());
            inner.push("        let etag = etag.map_or(Vec::new(), |v| [v.as_bytes(), b\"\\n\"].concat());".into());
            inner.push(format!(
                "        std::fs::write({path}, etag).map_err(|e| {error})?;"
            ));
        }
        if inner.is_empty() {
            return notes;
        }
        notes.push("    if let Ok(response) = &result {".into());
        notes.extend(inner);
        notes.push("    }".into());
        notes
    }

    /// `-w`: the write-out text, made from the result before `finish` takes it and printed after
    /// the body (`000` for the status when no response came, nothing for its headers). Empty
    /// without `-w`.
    pub(super) fn write_out(&mut self, request: &Request) -> Vec<String> {
        let pieces = &request.transfer.saving.write_out;
        if pieces.is_empty() {
            return Vec::new();
        }
        // The helper's response is rebuilt from the body it read, which drops the final URL:
        // the program writes the URL it asked for (the same unless -L followed a redirect).
        if pieces.contains(&WriteOut::Url) && request.transfer.follow_redirects {
            self.warn(
                request,
                "-w %{url_effective} is the URL asked for, not the one a redirect led to",
            );
        }
        // A URL with variables in it is read again, as the request did.
        let url = match request.url_text() {
            Some(text) => (false, text),
            None => (
                true,
                str_expr(&request.url).unwrap_or_else(|| "\"\"".into()),
            ),
        };
        // Each arm as (is an expression, text) parts, as the Python and JavaScript views do.
        let (mut ok, mut failed) = (Vec::new(), Vec::new());
        for piece in pieces {
            let (with, without) = match piece {
                WriteOut::Text(t) => ((false, t.clone()), Some((false, t.clone()))),
                WriteOut::Url => (url.clone(), Some(url.clone())),
                WriteOut::Status => (
                    (true, "response.status().as_u16()".into()),
                    Some((false, "000".into())),
                ),
                WriteOut::ContentType => (
                    (true, "header(\"content-type\").unwrap_or(\"\")".into()),
                    None,
                ),
                WriteOut::Header(n) => {
                    let name = str_literal(&n.to_ascii_lowercase());
                    ((true, format!("header({name}).unwrap_or(\"\")")), None)
                }
            };
            ok.push(with);
            failed.extend(without);
        }
        let header = pieces
            .iter()
            .any(|p| matches!(p, WriteOut::ContentType | WriteOut::Header(_)));
        let response = header || pieces.contains(&WriteOut::Status);
        let mut lines = vec![
            "    // -w: written after the body.".to_string(),
            "    let write_out = match &result {".to_string(),
        ];
        if header {
            lines.push("        Ok(response) => {".to_string());
            lines.push(
                "            let header = |name: &str| response.headers().get(name).and_then(|v| v.to_str().ok());"
                    .to_string(),
            );
            lines.extend(text_expr("            ", "", &ok, ""));
            lines.push("        }".to_string());
        } else {
            let lead = if response {
                "Ok(response) => "
            } else {
                "Ok(_) => "
            };
            lines.extend(text_expr("        ", lead, &ok, ","));
        }
        lines.extend(text_expr("        ", "Err(_) => ", &failed, ","));
        lines.push("    };".to_string());
        lines
    }
}

/// `{lead}` and a `String` of `parts` at `indent`: a literal's `.to_string()` when no expression
/// is in it, else `format!` (text braces doubled), laid out as rustfmt does.
fn text_expr(indent: &str, lead: &str, parts: &[(bool, String)], end: &str) -> Vec<String> {
    let args: Vec<&str> = parts.iter().filter(|p| p.0).map(|p| p.1.as_str()).collect();
    if args.is_empty() {
        let text: String = parts.iter().map(|p| p.1.as_str()).collect();
        return vec![format!(
            "{indent}{lead}{}.to_string(){end}",
            str_literal(&text)
        )];
    }
    let format: String = parts
        .iter()
        .map(|(is_expr, t)| match is_expr {
            true => "{}".to_string(),
            false => t.replace('{', "{{").replace('}', "}}"),
        })
        .collect();
    format_call(indent, lead, &str_literal(&format), &args, end)
}

/// `{lead}format!(…){end}` at `indent`, as rustfmt lays it out: on one line when it fits in 100
/// columns, else one argument a line.
fn format_call(indent: &str, lead: &str, format: &str, args: &[&str], end: &str) -> Vec<String> {
    let one = format!("{indent}{lead}format!({format}, {}){end}", args.join(", "));
    if one.len() <= 100 {
        return vec![one];
    }
    let mut lines = vec![format!("{indent}{lead}format!(")];
    lines.push(format!("{indent}    {format},"));
    lines.extend(args.iter().map(|a| format!("{indent}    {a},")));
    lines.push(format!("{indent}){end}"));
    lines
}
