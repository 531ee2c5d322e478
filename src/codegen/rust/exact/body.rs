//! The `--exact` program's request bodies: `-d` segments (text, files, stdin, with curl's
//! transforms) and multipart forms, as curl sends them.

use super::*;

impl Builder<'_, '_> {
    /// The bytes of a run-time source, as a `Vec<u8>` expression.
    pub(super) fn source_bytes(
        &mut self,
        request: &Request,
        source: &Source,
        notes: &mut Vec<String>,
    ) -> String {
        match source {
            Source::Stdin => {
                self.uses.stdin = true;
                "stdin.clone()".to_string()
            }
            Source::File(path) => {
                self.uses.read = true;
                self.needs.fs = true;
                let p = self.text_arg(request, path, "a file name", notes);
                format!("read({p}).await")
            }
        }
    }

    fn segment(
        &mut self,
        request: &Request,
        seg: &Segment,
        notes: &mut Vec<String>,
    ) -> (String, bool) {
        match seg {
            Segment::Text(v) => {
                self.note_env(v);
                (bytes_expr(v), false)
            }
            Segment::Read { source, transform } => {
                let raw = self.source_bytes(request, source, notes);
                let e = match transform {
                    Transform::Raw => raw,
                    Transform::StripNewlines => {
                        self.uses.strip = true;
                        format!("strip_newlines({raw})")
                    }
                    Transform::UrlEncode => {
                        self.uses.urlencode = true;
                        let arg = raw
                            .strip_suffix(".clone()")
                            .map_or(format!("&{raw}"), |s| format!("&{s}"));
                        format!("urlencode({arg})")
                    }
                };
                (e, true)
            }
        }
    }

    /// The body expression, and whether it must be built inside the attempt (it reads files or stdin).
    pub(super) fn data_body(
        &mut self,
        request: &Request,
        segments: &[Segment],
        notes: &mut Vec<String>,
    ) -> (String, bool) {
        let parts: Vec<(String, bool, &Segment)> = segments
            .iter()
            .map(|s| {
                let (e, dynamic) = self.segment(request, s, notes);
                (e, dynamic, s)
            })
            .collect();
        let dynamic = parts.iter().any(|p| p.1);
        match parts.as_slice() {
            [] => ("\"\"".to_string(), false),
            [(e, d, _)] => (e.clone(), *d),
            _ => {
                let slices: Vec<String> = parts
                    .iter()
                    .map(|(e, d, s)| match s {
                        Segment::Text(v) if v.literal().is_some() && str_expr(v).is_some() => {
                            format!("{e}.as_bytes()")
                        }
                        Segment::Text(v) if v.literal().is_some() => e.clone(),
                        Segment::Text(v) if str_expr(v).is_some() => format!("{e}.as_bytes()"),
                        _ if *d => format!("{e}.as_slice()"),
                        _ => format!("{e}.as_slice()"),
                    })
                    .collect();
                (format!("[{}].concat()", slices.join(", ")), dynamic)
            }
        }
    }

    pub(super) fn multipart(
        &mut self,
        request: &Request,
        parts: &[crate::ir::Part],
        notes: &mut Vec<String>,
    ) -> Vec<String> {
        self.needs.multipart = true;
        let mut lines = vec![
            "Form::new()".to_string(),
            "    // Names and file names as typed, like curl (reqwest would percent-encode some)."
                .to_string(),
            "    .percent_encode_noop()".to_string(),
        ];
        for part in parts {
            let name = self.text_expr(request, &form_escape(&part.name), "a part name", notes);
            let mut extra = Vec::new();
            let mut header_pairs = Vec::new();
            if let Some(ct) = &part.content_type {
                match ct.literal() {
                    Some(b) if simple_mime(&b).is_some() => {
                        let s = simple_mime(&b).unwrap_or_default();
                        extra.push(format!(".mime_str({})", str_literal(s)));
                        extra.push(".expect(\"curl2code checked this content type\")".to_string());
                    }
                    _ => header_pairs.push((HeaderName::new("content-type"), ct.clone())),
                }
            }
            header_pairs.extend(
                part.headers
                    .iter()
                    .map(|h| (h.name.clone(), h.value.clone())),
            );
            let mut pairs = Vec::new();
            for (hname, hvalue) in &header_pairs {
                let lit = hvalue.literal();
                match (
                    header_name(hname),
                    lit.as_deref().and_then(|b| std::str::from_utf8(b).ok()),
                ) {
                    (Some(n), Some(v))
                        if v.bytes().all(|b| b == b'\t' || (0x20..0x7f).contains(&b)) =>
                    {
                        pairs.push(format!("({}, {})", str_literal(&n), str_literal(v)));
                    }
                    _ => {
                        let m = format!(
                            "part header {} is not plain ASCII text known in advance; it is left out",
                            comment(hname.as_str())
                        );
                        notes.push(self.warn(request, &m));
                    }
                }
            }
            if !pairs.is_empty() {
                self.uses.part_headers = true;
                self.uses_header_map = true;
                self.uses_header_value_type = true;
                extra.push(format!(".headers(part_headers(&[{}]))", pairs.join(", ")));
            }
            let filename = self.file_name(request, part, notes, false);
            if let Some(f) = &filename {
                let backslash = part
                    .filename
                    .as_ref()
                    .and_then(|v| v.literal())
                    .is_some_and(|b| b.contains(&b'\\'));
                if backslash {
                    notes.push(self.warn(request, "reqwest escapes a backslash in a file name as \\\\; curl sends it as it is"));
                }
                extra.insert(0, format!(".file_name({f})"));
            }
            let data = match &part.content {
                PartContent::Text(v) => {
                    self.note_env(v);
                    match str_expr(v) {
                        Some(s) if extra.is_empty() => {
                            lines.push(format!("    .text({name}, {s})"));
                            continue;
                        }
                        Some(s) => format!("Part::text({s})"),
                        None => format!("Part::bytes({})", bytes_expr(v)),
                    }
                }
                PartContent::File(src) | PartContent::FileContents(src) => {
                    format!("Part::bytes({})", self.source_bytes(request, src, notes))
                }
            };
            self.uses.part = true;
            if extra.is_empty() {
                lines.push(format!("    .part({name}, {data})"));
            } else {
                lines.push("    .part(".to_string());
                lines.push(format!("        {name},"));
                lines.push(format!("        {data}"));
                let last = extra.len() - 1;
                for (i, e) in extra.iter().enumerate() {
                    let comma = if i == last { "," } else { "" };
                    lines.push(format!("            {e}{comma}"));
                }
                lines.push("    )".to_string());
            }
        }
        lines
    }

    /// A part's file name as curl sends it (escaped; a file's own name when -F names none), as
    /// a string expression, or a `&str` argument when `arg`.
    fn file_name(
        &mut self,
        request: &Request,
        part: &crate::ir::Part,
        notes: &mut Vec<String>,
        arg: bool,
    ) -> Option<String> {
        match (&part.filename, &part.content) {
            (Some(f), _) if arg => {
                Some(self.text_arg(request, &form_escape(f), "a file name", notes))
            }
            (Some(f), _) => Some(self.text_expr(request, &form_escape(f), "a file name", notes)),
            (None, content) => part_file_name(content),
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
            let name = self.text_arg(request, &form_escape(&part.name), "a part name", notes);
            let file = match self.file_name(request, part, notes, true) {
                Some(f) => format!("Some({f})"),
                None => "None".to_string(),
            };
            let mut headers = Vec::new();
            let typed = part
                .content_type
                .iter()
                .map(|t| (HeaderName::new("Content-Type"), t));
            let own = part.headers.iter().map(|h| (h.name.clone(), &h.value));
            for (hname, value) in typed.chain(own).collect::<Vec<_>>() {
                let v = self.text_arg(request, value, "a part header", notes);
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
        let t = self.text_expr(request, &user_type, "the Content-Type", notes);
        let content_type =
            super::super::idiomatic::with_boundary(&t, user_type.literal().is_some(), "boundary");
        lines.push(format!("    let content_type = {content_type};"));
        lines
    }
}
