//! The default output's end of a call: the body to stdout or a file, and the exit status.

use super::common::*;
use super::httpx::Flavour;
use super::idiomatic::{FAILED_RESPONSE, Writer};
use super::response::{line_wrapped, too_big};
use super::syntax::{Lines, Py};
use crate::codegen::python::literal::{self as lit, Kind};
use crate::ir::{Method, Output, Request, Value, WriteOut};

impl Writer<'_> {
    /// Writes the body to stdout or a file and sets the exit status: 1 for a status >= 400
    /// (22 with -f, which prints no body then).
    pub(super) fn output(
        &mut self,
        out: &mut Lines,
        indent: usize,
        request: &Request,
        single: bool,
    ) {
        let t = &request.transfer;
        let file = match &t.output {
            Output::Stdout => None,
            Output::File(path) => Some(self.g.value(path, Kind::Text).flat()),
            Output::RemoteName => match request.url.literal().map(|u| remote_name(&u)) {
                Some(Some(name)) => Some(lit::value(&Value::bytes(name), Kind::Text)),
                _ => {
                    let m = "-O needs a file name at the end of a literal URL path: the body goes to stdout";
                    self.g.unsupported(out, indent, request, m.into());
                    None
                }
            },
        };
        let content = self.g.content(request);
        let (file, mode) = match file {
            Some(path) => {
                let (path, mode) = self.g.output_path(request, path);
                (Some(path), mode)
            }
            None => (None, "wb"),
        };
        let write = match &file {
            // A HEAD response has no body (with -i, its headers still go out).
            _ if request.method == Method::Head && !t.saving.include => vec![],
            None => vec![format!("sys.stdout.buffer.write({content})")],
            Some(path) if self.flavour == Flavour::Async => {
                // Off the event loop: a file write blocks.
                self.g.imports.std("pathlib", "Path");
                let write = format!("Path({path}).write_bytes, {content}");
                vec![format!("await asyncio.to_thread({write})")]
            }
            Some(path) => vec![
                format!("with open({path}, \"{mode}\") as file:"),
                format!("    file.write({content})"),
            ],
        };
        let saving = self.g.saving(request, self.flavour == Flavour::Async);
        let failed_head = if t.fail {
            self.g.failed_head(request)
        } else {
            None
        };
        let body =
            |out: &mut Lines, indent| write.iter().for_each(|l| line_wrapped(out, indent, l));
        let save =
            |out: &mut Lines, indent| saving.iter().for_each(|l| line_wrapped(out, indent, l));
        let (ok, failed) = self.flavour.ok();
        let limit = t.saving.max_filesize;
        match (single, t.fail) {
            (true, false) => {
                save(out, indent);
                too_big(out, indent, limit, true);
                body(out, indent);
                write_out(out, indent, request, false);
                let line = format!("return 0 if {ok} else f\"error: {{response.failure}}\"");
                out.line(indent, &line);
            }
            (true, true) => {
                save(out, indent);
                too_big(out, indent, limit, true);
                out.line(
                    indent,
                    &format!("if {failed}:  # -f: no body, exit status 22"),
                );
                failed_head.iter().for_each(|l| out.line(indent + 4, l));
                write_out(out, indent + 4, request, false);
                out.line(indent + 4, FAILED_RESPONSE);
                out.line(indent + 4, "return 22");
                body(out, indent);
                write_out(out, indent, request, false);
                out.line(indent, "return 0");
            }
            (false, false) => {
                out.line(indent, "else:");
                save(out, indent + 4);
                let at = too_big(out, indent + 4, limit, false);
                body(out, at);
                write_out(out, at, request, false);
                out.line(at, &format!("if {failed}:"));
                out.line(at + 4, FAILED_RESPONSE);
                out.line(at + 4, "exit_code = 1");
            }
            (false, true) => {
                out.line(indent, "else:");
                save(out, indent + 4);
                let at = too_big(out, indent + 4, limit, false);
                let line = format!("if {failed}:  # -f: no body, exit status 22");
                out.line(at, &line);
                failed_head.iter().for_each(|l| out.line(at + 4, l));
                out.line(at + 4, FAILED_RESPONSE);
                out.line(at + 4, "exit_code = 22");
                if !write.is_empty() {
                    out.line(at, "else:");
                    body(out, at + 4);
                }
                write_out(out, at, request, false);
            }
        }
    }
}

/// `-w`: curl's write-out after the transfer, as one `print` of an f-string, flushed so that it
/// stays behind the body (written to the buffer beneath print's text layer). `failed`: no
/// response came; curl writes `000` for the status and nothing for the rest.
pub(super) fn write_out(out: &mut Lines, indent: usize, request: &Request, failed: bool) {
    let pieces = &request.transfer.saving.write_out;
    // `'` is a token character, so a header name may hold it: the f-string is then `'`-quoted.
    let single = pieces
        .iter()
        .any(|p| matches!(p, WriteOut::Header(n) if n.contains('\'')));
    let (outer, inner) = if single { ('\'', '"') } else { ('"', '\'') };
    let get = |name: &str| format!("response.headers.get({inner}{name}{inner}, {inner}{inner})");
    let mut parts: Vec<(bool, String)> = Vec::new();
    for piece in pieces {
        parts.push(match (piece, failed) {
            (WriteOut::Text(t), _) => (false, t.clone()),
            (WriteOut::Status, true) => (false, "000".into()),
            (WriteOut::Url, true) => (false, request.url_text().unwrap_or_default()),
            (_, true) => continue,
            (WriteOut::Status, false) => (true, "response.status_code".into()),
            (WriteOut::ContentType, false) => (true, get("Content-Type")),
            (WriteOut::Url, false) => (true, "response.url".into()),
            (WriteOut::Header(n), false) => (true, get(n)),
        });
    }
    // print's own newline where the format ends with one.
    let newline = matches!(parts.last_mut(), Some((false, t)) if t.ends_with('\n'));
    if newline {
        if let Some((_, t)) = parts.last_mut() {
            t.pop();
        }
    }
    if parts.iter().all(|(e, t)| !e && t.is_empty()) && !newline {
        return;
    }
    let literal = |parts: &[(bool, String)]| {
        if parts.iter().any(|(e, _)| *e) {
            lit::f_string(parts, outer)
        } else {
            lit::str_lit(&parts.iter().map(|(_, t)| t.as_str()).collect::<String>())
        }
    };
    let text = literal(&parts);
    // `print(TEXT, end="", flush=True)` past the width: the text goes first into a variable, as
    // literals side by side that each fit (ruff format cannot break a string).
    let text = if indent + text.len() + 27 > super::syntax::LINE_WIDTH {
        let room = super::syntax::LINE_WIDTH
            .saturating_sub(indent + 4 + 3)
            .max(20);
        let mut chunks: Vec<String> = Vec::new();
        let mut chunk: Vec<(bool, String)> = Vec::new();
        for (is_expr, part) in &parts {
            let pieces: Vec<String> = if *is_expr {
                vec![part.clone()]
            } else {
                // Text in runs of at most 20 characters, so a chunk can be filled up.
                let chars: Vec<char> = part.chars().collect();
                chars.chunks(20).map(|c| c.iter().collect()).collect()
            };
            for piece in pieces {
                let mut grown = chunk.clone();
                grown.push((*is_expr, piece.clone()));
                if !chunk.is_empty() && literal(&grown).len() > room {
                    chunks.push(literal(&chunk));
                    chunk = vec![(*is_expr, piece)];
                } else {
                    chunk = grown;
                }
            }
        }
        chunks.push(literal(&chunk));
        out.stmt(indent, "write_out = ", &Py::Concat(chunks));
        "write_out".to_string()
    } else {
        text
    };
    let mut args = vec![(None, Py::atom(text))];
    if !newline {
        args.push((Some("end"), Py::atom("\"\"")));
    }
    args.push((Some("flush"), Py::atom("True")));
    out.stmt(indent, "", &Py::Call("print".into(), args));
}
