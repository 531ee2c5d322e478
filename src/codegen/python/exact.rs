//! What `--exact` writes differently in `main()` (idiomatic.rs writes the rest, and the
//! template's `CurlSession` sends it): the URL as typed and the headers in curl's order.

use super::common::*;
use super::syntax::{Entry, Lines, Py};
use crate::codegen::python::literal::{self as lit, Kind};
use crate::ir::{Auth, Body, Header, Piece, Request, Value};

impl Gen<'_> {
    /// The URL expression; bytes http.client cannot send are percent-encoded (with a warning).
    pub(super) fn url(&mut self, out: &mut Lines, indent: usize, request: &Request) -> Py {
        // http.client refuses spaces and control characters, and sends only ASCII.
        let sendable = |c: u8| c > b' ' && c < 0x7f; // what UNSENDABLE leaves alone
        let mut url = Value::default();
        let mut changed = false;
        for piece in &request.url.0 {
            match piece {
                Piece::Bytes(b) => {
                    changed |= !b.iter().all(|&c| sendable(c));
                    url.push_bytes(&percent_encode(b, UNSENDABLE));
                }
                Piece::Env(_) | Piece::EnvEncoded { .. } | Piece::QueryFile { .. } => {
                    url.0.push(piece.clone())
                }
            }
        }
        if changed {
            self.unsupported(
                out,
                indent,
                request,
                "the URL has spaces, control characters or non-ASCII bytes, which python's http.client cannot send: they are percent-encoded".into(),
            );
        }
        // Variables or a file read into the query make a sum: broken one operand a line where
        // it is long, as ruff does.
        match lit::text_parts(&url) {
            parts if parts.len() > 1 => {
                self.note_env(&url);
                Py::Sum(parts)
            }
            _ => self.text(&url),
        }
    }

    /// The headers in curl's order, a repeated name once a value (`headers_literal` makes
    /// them an HTTPHeaderDict, which `CurlSession` sends one line each).
    pub(super) fn exact_headers(
        &mut self,
        out: &mut Lines,
        indent: usize,
        request: &Request,
    ) -> Vec<Entry> {
        let t = &request.transfer;
        let multipart = matches!(request.body, Some(Body::Multipart(_)));
        let mut entries = Vec::new();
        for Header { name, value } in &request.headers {
            if name.is("Content-Type") && self.encodes_parts(request) {
                let entry = (
                    Py::atom(lit::str_lit(name.as_str())),
                    self.multipart_type(value),
                );
                entries.push(entry);
                continue;
            }
            if multipart && name.is("Content-Type") {
                let v = value.literal().unwrap_or_default();
                if v.trim_ascii().eq_ignore_ascii_case(b"multipart/form-data") {
                    // requests writes it with the boundary, as curl does.
                    continue;
                }
                self.unsupported(
                    out,
                    indent,
                    request,
                    "requests adds no multipart boundary to a custom Content-Type: it is sent as given".into(),
                );
            }
            let entry = (
                Py::atom(lit::str_lit(name.as_str())),
                self.value(value, Kind::Header),
            );
            entries.push(entry);
        }
        let has = |n: &str| request.headers.iter().any(|h| h.name.is(n));
        if let Some(Auth::Bearer { token }) = &request.auth {
            if !has("Authorization") {
                let mut v = Value::bytes("Bearer ");
                v.push_value(token);
                entries.push((Py::atom("\"Authorization\""), self.value(&v, Kind::Header)));
            }
        }
        let removed = |n: &str| request.removed_headers.iter().any(|h| h.is(n));
        if t.compressed && !has("Accept-Encoding") && !removed("Accept-Encoding") {
            self.compressed = true;
            entries.push((Py::atom("\"Accept-Encoding\""), Py::atom("ACCEPT_ENCODING")));
        }
        let mut removes = false;
        for name in &request.removed_headers {
            if has(name.as_str()) || (name.is("Accept-Encoding") && !t.compressed) {
                continue; // set after all, or already off in the session
            }
            if !removes {
                removes = true;
                out.line(
                    indent,
                    "# -H 'Name:' removed these: None drops a session default, SKIP_HEADER",
                );
                out.line(
                    indent,
                    "# also stops urllib3 and http.client from adding their own.",
                );
            }
            let off = ["Host", "User-Agent", "Accept-Encoding"]
                .iter()
                .any(|n| name.is(n));
            entries.push((
                Py::atom(lit::str_lit(name.as_str())),
                Py::atom(if off { "SKIP_HEADER" } else { "None" }),
            ));
        }
        entries
    }
}
