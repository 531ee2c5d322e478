//! The request part of the default Rust output: each call as one `RequestBuilder` chain in
//! `main` (URL, query pairs, headers, auth, body as data), and the `finish` call after it.

use super::*;

/// An argument that takes `&str`: a literal stays, a `String` is borrowed.
pub(super) fn borrowed(e: String) -> String {
    if e.starts_with('"') || e.starts_with("r#") || e.starts_with('&') {
        e
    } else {
        format!("&{e}")
    }
}

/// A `&str` inside a tuple (no coercion there): a literal stays, a `String` gets `.as_str()`.
fn as_str(e: String) -> String {
    if e.starts_with('"') || e.starts_with("r#") {
        e
    } else {
        format!("{e}.as_str()")
    }
}

/// The Content-Type curl sends with -F parts under the command's own type: `t` (a string
/// expression; `literal` when the command typed it) with `; boundary=` and `boundary` (an
/// expression) appended. Shared with `--exact`.
pub(in crate::codegen::rust) fn with_boundary(t: &str, literal: bool, boundary: &str) -> String {
    let ident = boundary
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b == b'_');
    let (b, arg) = if ident {
        (format!("{{{boundary}}}"), String::new())
    } else {
        ("{}".to_string(), format!(", {boundary}"))
    };
    if literal && t.starts_with('"') && !t.contains(['{', '}', '\\']) {
        let inner = &t[1..t.len() - 1];
        format!("format!(\"{inner}; boundary={b}\"{arg})")
    } else {
        format!("format!(\"{{}}; boundary={b}\", {t}{arg})")
    }
}

/// A JSON value as a `serde_json::json!` literal; `indent` is the column of the line it is on.
fn json_literal(j: &Json, indent: usize) -> String {
    let one_line = json_compact(j);
    if one_line.len() + indent <= 90 {
        return one_line;
    }
    let pad = " ".repeat(indent + 4);
    let close = " ".repeat(indent);
    match j {
        Json::Array(items) if !items.is_empty() => {
            let inner: Vec<String> = items
                .iter()
                .map(|v| format!("{pad}{}", json_literal(v, indent + 4)))
                .collect();
            format!("[\n{},\n{close}]", inner.join(",\n"))
        }
        Json::Object(members) if !members.is_empty() => {
            let inner: Vec<String> = members
                .iter()
                .map(|(k, v)| {
                    let key = str_literal(k);
                    let at = indent + 4 + key.len() + 2;
                    format!("{pad}{key}: {}", json_literal(v, at))
                })
                .collect();
            format!("{{\n{},\n{close}}}", inner.join(",\n"))
        }
        _ => one_line,
    }
}

fn json_compact(j: &Json) -> String {
    match j {
        Json::Null => "null".to_string(),
        Json::Bool(b) => b.to_string(),
        Json::Number(n) => {
            // An integer literal is an i32 unless told otherwise.
            let int = !n.contains(['.', 'e', 'E']);
            if int && n.parse::<i32>().is_err() {
                format!("{n}_i64")
            } else {
                n.clone()
            }
        }
        Json::String(s) => str_literal(s),
        Json::Array(items) => {
            let inner: Vec<String> = items.iter().map(json_compact).collect();
            format!("[{}]", inner.join(", "))
        }
        Json::Object(members) => {
            let inner: Vec<String> = members
                .iter()
                .map(|(k, v)| format!("{}: {}", str_literal(k), json_compact(v)))
                .collect();
            format!("{{{}}}", inner.join(", "))
        }
    }
}

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
                let p = self.text(request, path, "a file name", notes);
                format!("read({})?", borrowed(p))
            }
        }
    }

    /// A `-d`-style body that is neither JSON nor a form, as one expression.
    fn raw_body(
        &mut self,
        request: &Request,
        segments: &[Segment],
        notes: &mut Vec<String>,
    ) -> String {
        let mut parts: Vec<String> = Vec::new();
        for seg in segments {
            match seg {
                Segment::Text(v) => {
                    self.note_env(v);
                    let e = bytes_expr(v);
                    if segments.len() == 1 {
                        return e;
                    }
                    parts.push(if str_expr(v).is_some() {
                        format!("{e}.as_bytes()")
                    } else if v.literal().is_some() {
                        e
                    } else {
                        format!("{e}.as_slice()")
                    });
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
                    if segments.len() == 1 {
                        return e;
                    }
                    parts.push(format!("{e}.as_slice()"));
                }
            }
        }
        if parts.is_empty() {
            return "\"\"".to_string();
        }
        format!("[{}].concat()", parts.join(", "))
    }

    /// `&[("name", "value"), …]` for `.query()` and `.form()`.
    fn pairs(&mut self, pairs: &[Pair], indent: usize) -> String {
        let items: Vec<String> = pairs
            .iter()
            .map(|p| {
                self.note_env(&p.value);
                let v = str_expr(&p.value).unwrap_or_else(|| lossy_str_expr(&p.value).0);
                format!("({}, {})", str_literal(&p.name), as_str(v))
            })
            .collect();
        let one_line = format!("&[{}]", items.join(", "));
        if one_line.len() <= 61 && one_line.len() + indent <= 90 {
            return one_line;
        }
        let pad = " ".repeat(indent + 4);
        let close = " ".repeat(indent);
        let inner: Vec<String> = items.iter().map(|i| format!("{pad}{i},")).collect();
        format!("&[\n{}\n{close}]", inner.join("\n"))
    }

    fn multipart(
        &mut self,
        request: &Request,
        parts: &[crate::ir::Part],
        notes: &mut Vec<String>,
    ) -> Vec<String> {
        self.needs.multipart = true;
        let plain = |v: &Value| {
            v.literal().is_some_and(|b| {
                b.iter()
                    .all(|c| c.is_ascii_alphanumeric() || b"._-".contains(c))
            })
        };
        let mut setup = Vec::new();
        let mut chain = Vec::new();
        // Names and file names as typed, like curl (reqwest would percent-encode some).
        if !parts
            .iter()
            .all(|p| plain(&p.name) && p.filename.as_ref().is_none_or(plain))
        {
            chain.push(".percent_encode_noop()".to_string());
        }
        // A part that is not plain text (a file, a type, headers, a file name) gets a variable
        // of its own: numbered when there are several.
        let several = parts
            .iter()
            .filter(|p| {
                !matches!(&p.content, PartContent::Text(v) if str_expr(v).is_some())
                    || p.content_type.is_some()
                    || p.filename.is_some()
                    || !p.headers.is_empty()
            })
            .count()
            > 1;
        for (index, part) in parts.iter().enumerate() {
            let name = self.text(request, &part.name.form_escaped(), "a part name", notes);
            let mut extra = Vec::new();
            let mut header_pairs = Vec::new();
            if let Some(ct) = &part.content_type {
                match ct.literal() {
                    Some(b) if simple_mime(&b).is_some() => {
                        let s = simple_mime(&b).unwrap_or_default();
                        extra.push(format!(".mime_str({})?", str_literal(s)));
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
                extra.push(format!(".headers(part_headers(&[{}]))", pairs.join(", ")));
            }
            let filename = match (&part.filename, &part.content) {
                (Some(f), _) => Some(self.text(request, &f.form_escaped(), "a file name", notes)),
                (None, content) => part_file_name(content),
            };
            if let Some(f) = &filename {
                #[cfg(feature = "exact")]
                if self.exact {
                    self.backslash_warning(request, part, notes);
                }
                extra.insert(0, format!(".file_name({f})"));
            }
            let data = match &part.content {
                PartContent::Text(v) => {
                    self.note_env(v);
                    match str_expr(v) {
                        Some(s) if extra.is_empty() => {
                            chain.push(format!(".text({name}, {s})"));
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
            // A part with options is built on lines of its own, as rustfmt would lay it out.
            let var = if several {
                format!("part{}", index + 1)
            } else {
                "part".to_string()
            };
            setup.extend(statement(&format!("    let {var} = "), &data, &extra));
            chain.push(format!(".part({name}, {var})"));
        }
        setup.extend(statement("    let form = ", "Form::new()", &chain));
        setup
    }

    /// `.header(…)` lines for one request, without the Content-Type its body call sets itself.
    fn header_lines(&mut self, call: &Call, notes: &mut Vec<String>) -> Vec<String> {
        let request = call.request;
        let implied = match &call.body {
            BodyPlan::Json(j) if j.numbers_are_plain() => Some("application/json"),
            BodyPlan::Form(_) => Some("application/x-www-form-urlencoded"),
            BodyPlan::Multipart(_) => Some("multipart/form-data"),
            _ => None,
        };
        let mut lines = Vec::new();
        for h in &request.headers {
            if h.name.is("content-type") {
                if let Some(m) = implied {
                    let same = h
                        .value
                        .literal()
                        .is_some_and(|v| v.eq_ignore_ascii_case(m.as_bytes()));
                    // A multipart body sets its own, with the boundary (the user's type kept).
                    if same || matches!(call.body, BodyPlan::Multipart(_)) {
                        continue;
                    }
                }
            }
            if header_name(&h.name).is_none() {
                let m = format!(
                    "header name {} is not a valid token; it is left out",
                    comment(h.name.as_str())
                );
                notes.push(self.warn(request, &m));
                continue;
            }
            let name = str_literal(h.name.as_str());
            self.note_env(&h.value);
            let value = match h.value.literal() {
                Some(b) if b.iter().all(|&x| x == b'\t' || (0x20..0x7f).contains(&x)) => {
                    str_literal(&String::from_utf8_lossy(&b))
                }
                Some(b) if b.iter().any(|&x| (x < 0x20 && x != b'\t') || x == 0x7f) => {
                    let m = format!(
                        "header {} holds a line break or control byte, which reqwest refuses; it is left out",
                        comment(h.name.as_str())
                    );
                    notes.push(self.warn(request, &m));
                    continue;
                }
                Some(b) => {
                    self.uses.header_value = true;
                    format!("HeaderValue::from_bytes({})?", bytes_literal(&b))
                }
                None => match str_expr(&h.value) {
                    Some(s) => s,
                    None => {
                        self.uses.header_value = true;
                        format!(
                            "HeaderValue::from_bytes({})?",
                            borrowed(bytes_expr(&h.value))
                        )
                    }
                },
            };
            lines.push(format!(".header({name}, {value})"));
        }
        for removed in &request.removed_headers {
            if removed.is("accept") {
                notes.push(self.warn(request, "reqwest sends Accept: */* with every request that has none; -H 'Accept:' cannot remove it"));
            } else if removed.is("host")
                || removed.is("content-length")
                || removed.is("transfer-encoding")
            {
                let m = format!(
                    "reqwest always sends {0}; -H '{0}:' cannot remove it",
                    removed.as_str()
                );
                notes.push(self.warn(request, &m));
            }
        }
        #[cfg(feature = "exact")]
        if self.exact {
            lines.extend(self.accept_encoding(request));
        }
        if self.plan.policy.idempotency_key
            && self.plan.policy.enabled
            && request.header("idempotency-key").is_none()
        {
            self.needs.uuid = true;
            lines.push(
                "// One key for every attempt of this call, so the server can spot repeats."
                    .to_string(),
            );
            lines.push(".header(\"Idempotency-Key\", Uuid::new_v4().to_string())".to_string());
        }
        lines
    }

    /// The lines of `main` that build and send one request.
    pub(super) fn request_lines(
        &mut self,
        index: usize,
        call: &Call,
        finish_output: bool,
        finish_fail: bool,
    ) -> Vec<String> {
        let request = call.request;
        let total = self.plan.calls.len();
        let mut notes = Vec::new();
        let mut lines = Vec::new();
        if total > 1 {
            let label = format!("{} {}", request.method.as_str(), request.url.display());
            lines.push(format!(
                "    // Request {} of {total}: {}",
                index + 1,
                comment(&label)
            ));
        }
        let url_value = if call.url.query.is_some() {
            &call.url.base
        } else {
            &request.url
        };
        // reqwest takes any IntoUrl: a literal, or the String built at run time.
        let url = self.text(request, url_value, "the URL", &mut notes);
        let start = match &request.method {
            Method::Get => format!("client.get({url})"),
            Method::Post => format!("client.post({url})"),
            Method::Put => format!("client.put({url})"),
            Method::Patch => format!("client.patch({url})"),
            Method::Delete => format!("client.delete({url})"),
            Method::Head => format!("client.head({url})"),
            Method::Options | Method::Trace => {
                self.uses_method = true;
                format!("client.request(Method::{}, {url})", request.method.as_str())
            }
            Method::Custom(m) => {
                self.uses_method = true;
                format!(
                    "client.request(Method::from_bytes({})?, {url})",
                    bytes_literal(m.as_bytes())
                )
            }
        };
        #[cfg(feature = "exact")]
        if self.exact {
            self.url_warning(request, &mut notes);
        }
        let mut chain = super::super::connect::version_line(call.request);
        let mut setup = Vec::new();
        let mut body_chain = Vec::new();
        if let Some(q) = &call.url.query {
            self.needs.query = true;
            chain.push(format!(".query({})", self.pairs(q, 8)));
        }
        chain.extend(self.header_lines(call, &mut notes));
        let mut netrc = None;
        match &request.auth {
            None => {}
            Some(Auth::Netrc { file, host }) => {
                // Read when the program runs: the file's secrets stay out of the code.
                self.uses.netrc = true;
                let file = match file {
                    Some(f) => self.text(request, f, "the netrc file name", &mut notes),
                    None => super::super::HOME_NETRC.to_string(),
                };
                let host = self.text(request, host, "the host name", &mut notes);
                netrc = Some(format!(
                    "    let request = netrc_auth(request, {file}, {});",
                    borrowed(host)
                ));
            }
            Some(Auth::Basic { user, password }) => {
                let u = self.text(request, user, "the user name", &mut notes);
                let p = self.text(request, password, "the password", &mut notes);
                chain.push(format!(".basic_auth({u}, Some({p}))"));
            }
            Some(Auth::Bearer { token }) => {
                let t = self.text(request, token, "the bearer token", &mut notes);
                chain.push(format!(".bearer_auth({t})"));
            }
            Some(Auth::Digest { .. }) => notes.push(self.warn(
                request,
                "reqwest has no Digest authentication: the request is sent without credentials",
            )),
            Some(Auth::Ntlm { .. }) => notes.push(self.warn(
                request,
                "reqwest has no NTLM authentication: the request is sent without credentials",
            )),
            Some(Auth::AwsSigV4 { .. }) => notes.push(self.warn(
                request,
                "AWS SigV4 signing is not converted: the request is sent unsigned",
            )),
        }
        match &call.body {
            BodyPlan::None => {}
            BodyPlan::Json(j) if j.numbers_are_plain() => {
                self.needs.json = true;
                chain.push(format!(".json(&serde_json::json!({}))", json_literal(j, 8)));
            }
            BodyPlan::Form(pairs) => {
                self.needs.form = true;
                chain.push(format!(".form({})", self.pairs(pairs, 8)));
            }
            BodyPlan::Json(_) | BodyPlan::Raw(_) => {
                if let Some(crate::ir::Body::Data(segments)) = &request.body {
                    let e = self.raw_body(request, segments, &mut notes);
                    chain.push(format!(".body({e})"));
                }
            }
            BodyPlan::Upload(source) => {
                let e = self.source_bytes(request, source, &mut notes);
                chain.push(format!(".body({e})"));
            }
            #[cfg(feature = "exact")]
            BodyPlan::Multipart(parts)
                if self.exact && request.part_disposition() == "attachment" =>
            {
                setup.extend(self.attachments(request, parts, &mut notes));
                body_chain.push(".header(\"Content-Type\", content_type)".to_string());
                body_chain.push(".body(body)".to_string());
            }
            BodyPlan::Multipart(parts) => {
                // reqwest streams a form, and a stream cannot be sent twice: the program
                // builds the form's bytes first, so every attempt sends them again.
                let form = self.multipart(request, parts, &mut notes);
                setup.push(
                    "    // A form is a stream, sent once: its bytes, built up front, can be sent again."
                        .to_string(),
                );
                setup.extend(form);
                let user_type = request
                    .headers
                    .iter()
                    .rev()
                    .find(|h| h.name.is("content-type"))
                    .map(|h| h.value.clone());
                // curl sends the user's multipart type with `; boundary=…` appended.
                let content_type = match user_type {
                    None => {
                        "format!(\"multipart/form-data; boundary={}\", form.boundary())".to_string()
                    }
                    Some(v) => {
                        let t = self.text(request, &v, "the Content-Type", &mut notes);
                        with_boundary(&t, v.literal().is_some(), "form.boundary()")
                    }
                };
                setup.push(format!("    let content_type = {content_type};"));
                self.uses_form_buffer = true;
                if self.blocking {
                    setup.push("    let mut body = Vec::new();".to_string());
                    setup.push("    form.into_reader().read_to_end(&mut body)?;".to_string());
                    body_chain.push(".header(\"Content-Type\", content_type)".to_string());
                    body_chain.push(".body(body)".to_string());
                } else {
                    setup.push(
                        "    let body: Vec<_> = form.into_stream().try_collect().await?;"
                            .to_string(),
                    );
                    body_chain.push(".header(\"Content-Type\", content_type)".to_string());
                    body_chain.push(".body(body.concat())".to_string());
                }
            }
        }
        lines.extend(notes);
        lines.extend(self.etag_compare(request, &mut chain));
        // The request first; a body built in steps (a form's bytes) after it.
        lines.extend(statement("    let request = ", &start, &chain));
        lines.extend(netrc);
        if !body_chain.is_empty() {
            lines.extend(setup);
            lines.extend(statement("    let request = ", "request", &body_chain));
        }
        let helper = "send_with_retry";
        let policy = self.plan.policy;
        let send = if policy.circuit_breaker || policy.health_check.is_some() {
            format!("{helper}(request, &upstreams)")
        } else {
            format!("{helper}(request)")
        };
        let aw = if self.blocking { "" } else { ".await" };
        if self.inline_finish {
            lines.push(format!("    let Ok(response) = {send}{aw} else {{"));
            lines.push(format!(
                "        return Ok(ExitCode::FAILURE); // {helper} logged why"
            ));
            lines.push("    };".to_string());
            lines.push("    let status = response.status().as_u16();".to_string());
            lines.push(format!(
                "    std::io::stdout().write_all(&response.bytes(){aw}?)?; // for an HTTP error too, like curl"
            ));
            lines.push("    Ok(ExitCode::from(u8::from(status >= 400)))".to_string());
            return lines;
        }
        let saved = self.saving(request);
        let write_out = self.write_out(request);
        let mut args = vec![if saved.is_empty()
            && write_out.is_empty()
            && request.transfer.saving.max_filesize.is_none()
            && !request.transfer.saving.remote_header_name
        {
            format!("{send}{aw}")
        } else {
            lines.push(format!("    let result = {send}{aw};"));
            lines.extend(saved);
            lines.extend(write_out.iter().cloned());
            "result".to_string()
        }];
        if finish_output {
            let mut out_notes = Vec::new();
            let out = match &request.transfer.output {
                Output::Stdout => "None".to_string(),
                Output::File(v) => {
                    let e = self.text(request, v, "the output file name", &mut out_notes);
                    self.free_name(request, borrowed(e))
                }
                Output::RemoteName => match request.url.literal().and_then(|u| remote_name(&u)) {
                    Some(name) => {
                        let name = self.header_name(request, str_literal(&name), &mut out_notes);
                        self.free_name(request, name)
                    }
                    None => {
                        out_notes.push(self.warn(request, "-O needs a file name at the end of a literal URL; the body goes to stdout"));
                        "None".to_string()
                    }
                },
            };
            args.push(out);
            lines.extend(out_notes);
        }
        if finish_fail {
            args.push(request.transfer.fail.to_string());
        }
        if self
            .plan
            .calls
            .iter()
            .any(|c| c.request.transfer.saving.include)
        {
            if request.transfer.saving.include {
                self.uses_head_of = true;
            }
            args.push(request.transfer.saving.include.to_string());
        }
        let finish = format!("finish({}){aw}?", args.join(", "));
        match request.transfer.saving.max_filesize {
            None => lines.push(format!("    let code = {finish};")),
            Some(n) => {
                // reqwest's content_length is the buffered body's exact size.
                lines.push(format!(
                    "    let too_big = matches!(&result, Ok(r) if r.content_length().is_some_and(|n| n > {n}));"
                ));
                lines.push("    let code = if too_big {".to_string());
                lines.push(format!(
                    "        eprintln!(\"error: Maximum file size exceeded (--max-filesize {n})\");"
                ));
                lines.push(
                    "        ExitCode::from(63) // --max-filesize: no body, curl's exit status"
                        .to_string(),
                );
                lines.push("    } else {".to_string());
                lines.push(format!("        {finish}"));
                lines.push("    };".to_string());
            }
        }
        if !write_out.is_empty() {
            lines.push("    print!(\"{write_out}\");".to_string());
        }
        lines
    }
}

/// `{lead}{start}` and its method chain, as rustfmt lays it out: on one line when the chain is
/// short (60 columns) and nothing in it carries a comment, else one call a line.
pub(super) fn statement(lead: &str, start: &str, chain: &[String]) -> Vec<String> {
    let one_line = format!("{start}{}", chain.concat());
    let commented = chain.iter().any(|c| c.contains("//") || c.contains('\n'));
    if !commented && one_line.len() <= 60 && lead.len() + one_line.len() < 100 {
        return vec![format!("{lead}{one_line};")];
    }
    let pad = " ".repeat(lead.len() - lead.trim_start().len() + 4);
    // rustfmt breaks before the first call too (`client` then `.get(…)`), not after a path call.
    let (root, first) = match start.split_once('.') {
        Some((root, call)) if !root.contains("::") => (root.to_string(), Some(format!(".{call}"))),
        _ => (start.to_string(), None),
    };
    let mut out = vec![format!("{lead}{root}")];
    out.extend(first.map(|f| format!("{pad}{f}")));
    out.extend(chain.iter().map(|c| format!("{pad}{c}")));
    if let Some(last) = out.last_mut() {
        last.push(';');
    }
    out
}
