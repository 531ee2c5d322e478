//! What only `--exact` writes in the shared Rust output: curl's Accept-Encoding with
//! --compressed, -F parts as curl's "attachment" parts under a multipart type other than
//! form-data, and the warnings for what reqwest sends differently from curl.

use super::request::{borrowed, with_boundary};
use super::*;
use crate::codegen::rust::names::url_changes;

impl Builder<'_, '_> {
    /// A warning when reqwest's URL parser would send the literal URL differently from curl.
    pub(super) fn url_warning(&mut self, request: &Request, notes: &mut Vec<String>) {
        if let Some(changed) = request.url.literal().as_deref().and_then(url_changes) {
            let m = format!(
                "reqwest's URL parser (the url crate, WHATWG rules) sends {changed}; curl sends the URL as typed (servers decode both alike)"
            );
            notes.push(self.warn(request, &m));
        }
    }

    /// `--compressed`: curl's Accept-Encoding (reqwest decodes the answer), unless the command
    /// sets its own.
    pub(super) fn accept_encoding(&mut self, request: &Request) -> Vec<String> {
        if !request.transfer.compressed || request.header("accept-encoding").is_some() {
            return Vec::new();
        }
        vec![
            "// --compressed: curl's Accept-Encoding; reqwest decodes the answer.".into(),
            ".header(\"Accept-Encoding\", \"deflate, gzip, br, zstd\")".into(),
        ]
    }

    /// reqwest escapes a backslash in a part's file name; curl does not.
    pub(super) fn backslash_warning(
        &mut self,
        request: &Request,
        part: &crate::ir::Part,
        notes: &mut Vec<String>,
    ) {
        let literal = part.filename.as_ref().and_then(|v| v.literal());
        if literal.is_some_and(|b| b.contains(&b'\\')) {
            let m = "reqwest escapes a backslash in a file name as \\\\; curl sends it as it is";
            notes.push(self.warn(request, m));
        }
    }

    /// The lines that build the body of -F parts under a multipart type other than form-data
    /// (e.g. multipart/related): curl writes them as "attachment" parts, which reqwest's Form
    /// cannot, so the program writes them itself around a random boundary, once (every attempt
    /// sends the same bytes); then `content_type`, the command's type with that boundary.
    pub(super) fn attachments(
        &mut self,
        request: &Request,
        parts: &[crate::ir::Part],
        notes: &mut Vec<String>,
    ) -> Vec<String> {
        self.uses_attachments = true;
        let mut lines = vec![
            "    // curl writes these parts as \"attachment\" parts (reqwest's Form writes form-data)."
                .to_string(),
            "    let boundary = boundary();".to_string(),
            "    let body = [".to_string(),
        ];
        for part in parts {
            let name =
                borrowed(self.text(request, &part.name.form_escaped(), "a part name", notes));
            let file = match (&part.filename, &part.content) {
                (Some(f), _) => Some(borrowed(self.text(
                    request,
                    &f.form_escaped(),
                    "a file name",
                    notes,
                ))),
                (None, content) => part_file_name(content),
            };
            let file = file.map_or("None".to_string(), |f| format!("Some({f})"));
            let mut headers = Vec::new();
            let typed = part
                .content_type
                .iter()
                .map(|t| (HeaderName::new("Content-Type"), t));
            let own = part.headers.iter().map(|h| (h.name.clone(), &h.value));
            for (hname, value) in typed.chain(own).collect::<Vec<_>>() {
                let v = borrowed(self.text(request, value, "a part header", notes));
                headers.push(format!("({}, {v})", str_literal(hname.as_str())));
            }
            let data = match &part.content {
                PartContent::Text(v) => {
                    self.note_env(v);
                    bytes_expr(v)
                }
                PartContent::File(src) | PartContent::FileContents(src) => {
                    self.source_bytes(request, src, notes)
                }
            };
            lines.push(format!(
                "        attachment(&boundary, {name}, {file}, &[{}], {data}),",
                headers.join(", ")
            ));
        }
        lines.push("        format!(\"--{boundary}--\\r\\n\").into_bytes(),".to_string());
        lines.push("    ]".to_string());
        lines.push("    .concat();".to_string());
        let user_type = request
            .headers
            .iter()
            .rev()
            .find(|h| h.name.is("content-type"))
            .map(|h| h.value.clone())
            .unwrap_or_default();
        let t = self.text(request, &user_type, "the Content-Type", notes);
        let content_type = with_boundary(&t, user_type.literal().is_some(), "boundary");
        lines.push(format!("    let content_type = {content_type};"));
        lines
    }
}
