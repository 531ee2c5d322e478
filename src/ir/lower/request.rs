//! A section's `Group` into requests: URL, method, body, headers in curl's order, output.

use super::*;
use crate::ir::Tls;

impl Group {
    /// Builds the section's requests.
    pub(super) fn finish(
        mut self,
        command: Span,
        opened_by: Option<Span>,
        cx: &mut Ctx,
    ) -> Result<Vec<Request>, Diagnostic> {
        if !self.nodes.iter().any(|n| n.url.is_some()) {
            let (span, label) = match opened_by {
                Some(s) => (s, "no URL follows this --next"),
                None => (command, "this curl command has no URL"),
            };
            return Err(Diagnostic::error("no URL specified")
                .with_span(span)
                .with_label(label)
                .with_help("add the URL, e.g. curl https://example.com"));
        }
        if let Some((_, span)) = self.nodes.iter().find_map(|n| {
            n.url
                .is_none()
                .then_some(n.upload.as_ref())
                .flatten()
                .cloned()
        }) {
            cx.warn(
                Diagnostic::warning("more -T files than URLs: curl ignores the extra ones")
                    .with_span(span)
                    .with_help("give each -T its own URL"),
            );
        }
        if self
            .nodes
            .iter()
            .any(|n| n.url.is_none() && n.output.is_some())
        {
            cx.warn(
                Diagnostic::warning(
                    "more -o/-O options than URLs: curl warns \"Got more output options than URLs\" and ignores the extra ones",
                )
                .with_span(command)
                .with_help("give each -o its own URL"),
            );
        }
        if self.remote_name_all {
            for n in &mut self.nodes {
                n.output.get_or_insert(Output::RemoteName);
            }
        }
        if let Some(span) = self.location_trusted {
            cx.warn(
                Diagnostic::warning(
                    "--location-trusted: curl also sends the credentials to other hosts when redirected; the generated code follows redirects like -L",
                )
                .with_span(span)
                .with_help("check which hosts should see the credentials"),
            );
        }
        let nodes = std::mem::take(&mut self.nodes);
        let mut out = Vec::new();
        for node in nodes {
            let Some((url, url_span)) = node.url.clone() else {
                continue;
            };
            out.push(self.request(node, url, url_span, command, cx)?);
        }
        Ok(out)
    }

    pub(super) fn request(
        &self,
        node: Node,
        url_word: Value,
        url_span: Span,
        command: Span,
        cx: &mut Ctx,
    ) -> Result<Request, Diagnostic> {
        let opts = url::UrlOptions {
            proto_default: self.proto_default.as_deref(),
            path_as_is: self.path_as_is,
            globoff: self.globoff,
        };
        let parsed = url::parse(&url_word, url_span, &opts, cx)?;
        if self.disallow_userinfo && parsed.userinfo.is_some() {
            return Err(Diagnostic::error(
                "--disallow-username-in-url: the URL holds a user name, and curl refuses it (\"curl: (67) Login denied\")",
            )
            .with_span(url_span)
            .with_label("user name here")
            .with_help("pass the credentials with -u instead, or drop --disallow-username-in-url"));
        }
        let mut u = parsed.url;

        // -T: an empty name means "no upload for this URL"; `-` and `.` are stdin.
        let mut upload: Option<(Body, Span)> = None;
        if let Some((path, span)) = &node.upload {
            let lit = path.literal();
            match lit.as_deref() {
                Some(b"") => {}
                Some(b"-") | Some(b".") => {
                    let b = match &cx.stdin {
                        StdinSource::Bytes(b) => Body::Data(if b.is_empty() {
                            Vec::new()
                        } else {
                            vec![Segment::Text(Value::bytes(b.clone()))]
                        }),
                        StdinSource::Text(v) => Body::Data(vec![Segment::Text(v.clone())]),
                        StdinSource::File(v) => Body::Upload(Source::File(v.clone())),
                        StdinSource::Program => Body::Upload(Source::Stdin),
                    };
                    upload = Some((b, *span));
                }
                _ => {
                    if u.path_is_dir() {
                        u.push_path(&url::upload_name(path));
                    }
                    upload = Some((Body::Upload(Source::File(path.clone())), *span));
                }
            }
        }

        // curl's SetHTTPrequest: each of these picks a method, and two different ones are an error.
        let mut kinds: Vec<(Kind, Span)> = Vec::new();
        if let Some(s) = self.head {
            kinds.push((Kind::Head, s));
        }
        if let Some(s) = self.form_span {
            kinds.push((Kind::Mime, s));
        }
        if let Some(d) = &self.data {
            let s = d.span.unwrap_or(command);
            match (self.use_get, self.head.is_some()) {
                (true, true) => kinds.push((Kind::Head, s)),
                (true, false) => kinds.push((Kind::Get, s)),
                (false, _) => kinds.push((Kind::Post, s)),
            }
        }
        if let Some((_, s)) = &upload {
            kinds.push((Kind::Put, *s));
        }
        crate::sort::sort_by_key(&mut kinds, |(_, s)| s.start);
        if let Some(((first, _), (second, span))) = kinds
            .iter()
            .zip(kinds.iter().skip(1))
            .find(|(a, b)| a.0 != b.0)
            .map(|(a, b)| (*a, *b))
        {
            return Err(Diagnostic::error(format!(
                "You can only select one HTTP request method! You asked for both {} and {}.",
                second.curl_name(),
                first.curl_name()
            ))
            .with_span(span)
            .with_label(format!("conflicts with {}", first.curl_name()))
            .with_help(match (first, second) {
                (Kind::Post, Kind::Mime) | (Kind::Mime, Kind::Post) => {
                    "use -F for every field of a multipart form, or -d for every field of a urlencoded one"
                }
                (Kind::Head, _) | (_, Kind::Head) => {
                    "drop -I to send the body, or add -G to put the data in the URL of the HEAD request"
                }
                _ => "keep only one of these options",
            }));
        }
        let mut method = match kinds.first().map(|k| k.0) {
            Some(Kind::Head) => Method::Head,
            Some(Kind::Get) | None => Method::Get,
            Some(Kind::Post) | Some(Kind::Mime) => Method::Post,
            Some(Kind::Put) => Method::Put,
        };

        // -G moves the data into the query; curl then ignores --url-query (curl 7.88 and 8 alike).
        let get_data = self.data.as_ref().filter(|_| self.use_get);
        if let Some(d) = get_data {
            let span = d.span.unwrap_or(command);
            let text = query_value(&d.segments, span, "-G with @file data", cx)?;
            if !self.url_query.is_empty() {
                cx.warn(
                    Diagnostic::warning("curl ignores --url-query when -G puts -d data in the URL")
                        .with_span(span)
                        .with_help("use either -G with -d, or --url-query"),
                );
            }
            u.append_query(&url::lower_escapes(&text));
        } else if !self.url_query.is_empty() {
            let mut q = Value::default();
            for (i, v) in self.url_query.iter().enumerate() {
                if i > 0 {
                    q.push_bytes(b"&");
                }
                q.push_value(v);
            }
            u.append_query(&url::lower_escapes(&q));
        }

        let body = if get_data.is_none() {
            if let Some(d) = &self.data {
                Some(Body::Data(d.segments.clone()))
            } else if self.form_span.is_some() {
                Some(Body::Multipart(self.form.clone()))
            } else {
                upload.map(|(b, _)| b)
            }
        } else if self.form_span.is_some() {
            Some(Body::Multipart(self.form.clone()))
        } else {
            upload.map(|(b, _)| b)
        };

        if let Some((m, span)) = &self.custom_method {
            match m.literal().and_then(|b| String::from_utf8(b).ok()) {
                Some(text) => {
                    let custom = Method::from_token(&text);
                    self.method_warnings(&custom, body.is_some(), *span, cx);
                    method = custom;
                }
                None => cx.warn(
                    Diagnostic::warning(format!(
                        "the method `{}` is only known at run time: the request is sent as {}",
                        m.display(),
                        method.as_str()
                    ))
                    .with_span(*span)
                    .with_help("write the method out in the command"),
                ),
            }
        }

        let resumed = self.continue_at.map(|(_, span)| ("-C", span));
        let ranged = resumed.or(self.range.as_ref().map(|(_, span)| ("-r", *span)));
        if let (Some((opt, span)), Some(_)) = (ranged, &body) {
            cx.warn(
                Diagnostic::warning(format!(
                    "{opt} with a request body: curl sends a Content-Range header instead of Range; it is not converted",
                ))
                .with_span(span)
                .with_help(format!("drop {opt}, or send the Content-Range header with -H")),
            );
        }
        if let (Some(span), Some(Body::Multipart(parts))) = (self.form_escape, &body) {
            let special = |v: &Value| {
                v.0.iter().any(|p| {
                    matches!(p, crate::ir::Piece::Bytes(b) if b.iter().any(|c| b"\"\\\r\n".contains(c)))
                })
            };
            if parts
                .iter()
                .any(|p| special(&p.name) || p.filename.as_ref().is_some_and(special))
            {
                cx.warn(
                    Diagnostic::warning(
                        "--form-escape (backslash-escaping of quotes in field and file names) is not converted",
                    )
                    .with_span(span)
                    .with_help("the generated code escapes them the HTML way (%22, %0D, %0A), as curl does without --form-escape"),
                );
            }
        }
        let (headers, removed_headers) = self.headers_for(&body);
        let auth = self.auth(parsed.userinfo, &headers, u.host(), url_span, cx);
        let mut transfer = self.transfer.clone();
        if u.is_plain_http() && !transfer.follow_redirects {
            // curl uses TLS settings for https only: a plain-http URL (not redirected to https)
            // reads none of the certificate files, so the program must not either.
            transfer.insecure = false;
            transfer.cacert = None;
            transfer.cert = None;
            transfer.key = None;
            transfer.tls = Tls::default();
        }
        transfer.output = self.output_for(node.output, &u, cx, url_span);
        transfer.proxy = self.proxy_for(cx, &mut transfer.noproxy);
        transfer.proxying = self.proxying_for(transfer.proxy.as_ref(), cx, url_span);
        if self.transfer.follow_redirects {
            if let Some((_, true)) = &self.referer {
                cx.warn(
                    Diagnostic::warning("`;auto` in -e (Referer on redirects) is not converted")
                        .with_span(url_span)
                        .with_help("the first request carries the Referer; redirects do not"),
                );
            }
        }
        Ok(Request {
            method,
            url: u.value(),
            headers,
            removed_headers,
            body,
            auth,
            transfer,
            retry: self.retry.clone(),
            span: command,
        })
    }

    pub(super) fn method_warnings(
        &self,
        custom: &Method,
        has_body: bool,
        span: Span,
        cx: &mut Ctx,
    ) {
        let head = self.head.is_some();
        if matches!(custom, Method::Get | Method::Head) && has_body {
            cx.warn(
                Diagnostic::warning(format!(
                    "curl sends this {} with a body; many servers and proxies drop or refuse it",
                    custom.as_str()
                ))
                .with_span(span)
                .with_label("method set here")
                .with_help("use -G to put the data in the URL instead"),
            );
        } else if *custom == Method::Head && !head {
            cx.warn(
                Diagnostic::warning(
                    "-X HEAD without -I: curl waits for a response body that never comes",
                )
                .with_span(span)
                .with_label("method set here")
                .with_help("use -I (--head) to send a HEAD request"),
            );
        } else if head && *custom != Method::Head {
            cx.warn(
                Diagnostic::warning(format!(
                    "-I with -X {}: curl sends {} but does not read a response body",
                    custom.as_str(),
                    custom.as_str()
                ))
                .with_span(span)
                .with_help("drop -I to read the body, or -X to send HEAD"),
            );
        }
    }

    pub(super) fn user_has(&self, name: &str) -> bool {
        self.headers.iter().any(|h| match h {
            UserHeader::Send(h) => h.name.is(name),
            UserHeader::Remove(n) => n.is(name),
        })
    }

    /// Headers in curl's order: User-Agent, Referer, Cookie, the custom ones, `--json`'s two, and
    /// the form Content-Type libcurl adds for `-d`.
    pub(super) fn headers_for(&self, body: &Option<Body>) -> (Vec<Header>, Vec<HeaderName>) {
        let mut headers = Vec::new();
        let mut removed: Vec<HeaderName> = Vec::new();
        // libcurl sends `Range: bytes=…` first, and only on requests without a body; `-C N`
        // (an open range from N) wins over `-r`.
        let resume = self.continue_at.map(|(n, _)| Value::bytes(format!("{n}-")));
        if let Some(r) = resume.as_ref().or(self.range.as_ref().map(|(r, _)| r)) {
            if body.is_none() && !self.user_has("Range") {
                let mut v = Value::bytes("bytes=");
                v.push_value(r);
                headers.push(header("Range", v));
            }
        }
        let remove = |n: HeaderName, removed: &mut Vec<HeaderName>| {
            if !removed.contains(&n) {
                removed.push(n);
            }
        };
        if let Some(ua) = &self.user_agent {
            if !self.user_has("User-Agent") {
                if ua.is_empty() {
                    // `-A ''`: curl sends no User-Agent at all.
                    remove(HeaderName::new("User-Agent"), &mut removed);
                } else {
                    headers.push(header("User-Agent", ua.clone()));
                }
            }
        }
        if let Some((r, _)) = &self.referer {
            if !r.is_empty() && !self.user_has("Referer") {
                headers.push(header("Referer", r.clone()));
            }
        }
        if !self.cookies.is_empty() && !self.user_has("Cookie") {
            // curl joins several -b strings with a bare `;`.
            let mut v = Value::default();
            for (i, c) in self.cookies.iter().enumerate() {
                if i > 0 {
                    v.push_bytes(b";");
                }
                v.push_value(c);
            }
            headers.push(header("Cookie", v));
        }
        if let Some((name, date)) = &self.time_cond {
            if !self.user_has(name) {
                headers.push(header(name, Value::bytes(date.as_str())));
            }
        }
        for h in &self.headers {
            match h {
                UserHeader::Send(h) => headers.push(h.clone()),
                UserHeader::Remove(n) => remove(n.clone(), &mut removed),
            }
        }
        let json = self.data.as_ref().is_some_and(|d| d.json);
        if json {
            if !self.user_has("Content-Type") {
                headers.push(header("Content-Type", Value::bytes("application/json")));
            }
            if !self.user_has("Accept") {
                headers.push(header("Accept", Value::bytes("application/json")));
            }
        }
        if matches!(body, Some(Body::Data(_)))
            && self.data.is_some()
            && !json
            && !self.user_has("Content-Type")
        {
            headers.push(header(
                "Content-Type",
                Value::bytes("application/x-www-form-urlencoded"),
            ));
        }
        (headers, removed)
    }

    pub(super) fn output_for(
        &self,
        out: Option<Output>,
        u: &url::Url,
        cx: &mut Ctx,
        span: Span,
    ) -> Output {
        let out = out.unwrap_or_default();
        let Some(dir) = &self.output_dir else {
            return out;
        };
        let join = |name: &Value| {
            let mut v = dir.clone();
            v.push_bytes(b"/");
            v.push_value(name);
            v
        };
        match out {
            Output::File(f) => Output::File(join(&f)),
            Output::RemoteName => match u.file_name() {
                Some(name) => Output::File(join(&name)),
                None => {
                    cx.warn(
                        Diagnostic::warning(
                            "-O with --output-dir: the URL has no file name to save under",
                        )
                        .with_span(span)
                        .with_help("use -o to name the output file"),
                    );
                    Output::RemoteName
                }
            },
            Output::Stdout => Output::Stdout,
        }
    }
}
