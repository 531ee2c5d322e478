//! What a Rust program does with the response besides its body (issue 13's response family):
//! `-D` and `--etag-save` after the call, `--etag-compare` before it; `-i` is `finish`'s (the
//! template's `include`). An option not given adds nothing.

use super::Builder;
use super::request::borrowed;
use crate::codegen::rust::uses::etag_compare_lines;
use crate::ir::{Output, Request, Value};

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
}
