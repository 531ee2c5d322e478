//! The body keyword argument both output modes pass to requests: `data=` with the bytes curl
//! sends (files and stdin read when the program runs), or `files=` for `-F` parts
//! (`encode_parts` when the command names its own multipart type).

use super::common::*;
use super::syntax::Py;
use crate::codegen::python::literal::{self as lit, Kind};
use crate::ir::{Body, PartContent, Request, Segment, Source, Transform};

impl Gen<'_> {
    /// The body keyword argument (`data` or `files`).
    pub(super) fn body(&mut self, request: &Request) -> Option<(&'static str, Py)> {
        let body = match request.body.as_ref()? {
            Body::Data(segments) => {
                let mut parts = Vec::new();
                for s in segments {
                    match s {
                        Segment::Text(v) if v.is_empty() => {}
                        Segment::Text(v) => parts.push(self.value(v, Kind::Bytes).flat()),
                        Segment::Read { source, transform } => {
                            let data = self.read(source);
                            parts.push(match transform {
                                Transform::Raw => data,
                                Transform::StripNewlines => {
                                    self.uses_strip_newlines = true;
                                    format!("strip_newlines({data})")
                                }
                                Transform::UrlEncode => {
                                    self.uses_urlencode = true;
                                    format!("urlencode({data})")
                                }
                            });
                        }
                    }
                }
                if parts.is_empty() {
                    parts.push("b\"\"".into());
                }
                ("data", Py::atom(parts.join(" + ")))
            }
            Body::Upload(Source::Stdin) => {
                // curl sends it chunked (--exact; the default output sends `stdin`).
                self.uses_chunked = true;
                (
                    "data",
                    Py::atom(format!("Chunked({})", self.read(&Source::Stdin))),
                )
            }
            Body::Upload(source) => ("data", Py::atom(self.read(source))),
            Body::Multipart(parts) => {
                let mut items = Vec::new();
                for part in parts {
                    let data = match &part.content {
                        PartContent::Text(v) => self.value(v, Kind::Text),
                        PartContent::File(s) | PartContent::FileContents(s) => {
                            Py::atom(self.read(s))
                        }
                    };
                    let filename = match &part.filename {
                        Some(f) => self.value(f, Kind::Text),
                        None => Py::atom("None"),
                    };
                    let mut tuple = vec![filename, data];
                    if part.content_type.is_some() || !part.headers.is_empty() {
                        tuple.push(match &part.content_type {
                            Some(ct) => self.value(ct, Kind::Text),
                            None => Py::atom("None"),
                        });
                    }
                    if !part.headers.is_empty() {
                        let headers = part
                            .headers
                            .iter()
                            .map(|h| {
                                (
                                    Py::atom(lit::str_lit(h.name.as_str())),
                                    self.value(&h.value, Kind::Header),
                                )
                            })
                            .collect();
                        tuple.push(Py::Dict(headers));
                    }
                    items.push(Py::Tuple(vec![
                        self.value(&part.name, Kind::Text),
                        Py::Tuple(tuple),
                    ]));
                }
                if self.encodes_parts(request) {
                    // requests and httpx write files= as form-data parts only.
                    self.uses_encode_parts = true;
                    (
                        "data",
                        Py::Call("encode_parts".into(), vec![(None, Py::List(items))]),
                    )
                } else {
                    ("files", Py::List(items))
                }
            }
        };
        Some(body)
    }
}
