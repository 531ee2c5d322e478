//! The default output's end of a call: the body to stdout or a file, and the exit status.

use super::common::*;
use super::httpx::Flavour;
use super::idiomatic::{FAILED_RESPONSE, Writer};
use super::response::{line_wrapped, too_big};
use super::syntax::Lines;
use crate::codegen::python::literal::{self as lit, Kind};
use crate::ir::{Method, Output, Request, Value};

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
                out.line(indent + 4, FAILED_RESPONSE);
                out.line(indent + 4, "return 22");
                body(out, indent);
                out.line(indent, "return 0");
            }
            (false, false) => {
                out.line(indent, "else:");
                save(out, indent + 4);
                let at = too_big(out, indent + 4, limit, false);
                body(out, at);
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
            }
        }
    }
}
