//! Options into the section's `Group`, one match arm per applied option.

use super::*;

impl Group {
    /// Applies one option, in command-line order.
    pub(super) fn option(&mut self, arg: &Arg, cx: &mut Ctx) -> Result<(), Diagnostic> {
        // The parser already warned about unsupported options; the others do not touch the wire.
        if arg.spec.support != Support::Applied {
            return Ok(());
        }
        let on = !arg.negated;
        match arg.spec.long {
            "url" => {
                let (v, s) = value_of(arg);
                self.add_url(v, s);
            }
            "header" => self.header(arg, cx)?,
            "user-agent" => self.user_agent = Some(value_of(arg).0),
            "referer" => {
                let (v, _) = value_of(arg);
                let f = Flat::new(&v);
                let (text, auto) = match f.bytes.strip_suffix(b";auto") {
                    Some(t) => (f.value(t), true),
                    None => (v, false),
                };
                self.referer = Some((text, auto));
            }
            "cookie" => {
                let (f, span) = word_flat(arg);
                match values::cookie(&f) {
                    CookieArg::Cookies(v) => self.cookies.push(v),
                    CookieArg::File(v) => {
                        // `-b ''` only switches the cookie engine on: nothing to read.
                        if !v.is_empty() {
                            self.transfer.cookie_files.push(v);
                        }
                    }
                    CookieArg::Unknown(v) => {
                        cx.warn(
                            Diagnostic::warning(format!(
                                "`{}` is read as cookie text (`name=value`); curl reads it as a cookie file if its value has no `=`",
                                v.display()
                            ))
                            .with_span(span)
                            .with_label("cookie text or cookie file?")
                            .with_help("write the `name=` part out in the command"),
                        );
                        self.cookies.push(v);
                    }
                }
            }
            "cookie-jar" => self.transfer.cookie_jar = Some(value_of(arg).0),
            "data" | "data-ascii" => self.data(DataKind::Ascii, arg, cx),
            "data-binary" => self.data(DataKind::Binary, arg, cx),
            "data-raw" => self.data(DataKind::Raw, arg, cx),
            "data-urlencode" => self.data(DataKind::UrlEncode, arg, cx),
            "json" => self.data(DataKind::Json, arg, cx),
            "form" | "form-string" => self.form(arg, cx)?,
            "get" => self.use_get = on,
            "head" => self.head = on.then_some(arg.span),
            "request" => {
                let (v, s) = value_of(arg);
                self.custom_method = Some((v, s));
            }
            "upload-file" => {
                let (v, s) = value_of(arg);
                self.set_upload(v, s);
            }
            "user" => {
                let (f, span) = word_flat(arg);
                let (user, pass) = values::user_password(&f);
                self.user = Some((user, pass, span));
            }
            "basic" => toggle(&mut self.auth_bits, AUTH_BASIC, on),
            "digest" => toggle(&mut self.auth_bits, AUTH_DIGEST, on),
            "ntlm" => toggle(&mut self.auth_bits, AUTH_NTLM, on),
            "negotiate" => toggle(&mut self.auth_bits, AUTH_NEGOTIATE, on),
            "anyauth" => self.auth_bits = AUTH_BASIC | AUTH_DIGEST | AUTH_NTLM | AUTH_NEGOTIATE,
            "oauth2-bearer" => self.bearer = Some(value_of(arg).0),
            "aws-sigv4" => self.aws = Some(value_of(arg)),
            "location" => self.transfer.follow_redirects = on,
            "location-trusted" => {
                self.transfer.follow_redirects = on;
                self.location_trusted = on.then_some(arg.span);
            }
            "max-redirs" => {
                let (f, span) = word_flat(arg);
                if let Some(b) = literal_number(&f, span, arg, cx) {
                    self.transfer.max_redirects = match values::signed(&b) {
                        Some(-1) => Some(u32::MAX),
                        Some(n) if n >= 0 => Some(u32::try_from(n).unwrap_or(u32::MAX)),
                        _ => {
                            return Err(bad_number(
                                arg,
                                span,
                                "a whole number, or -1 for no limit",
                            ));
                        }
                    };
                }
            }
            "max-time" => self.transfer.timeout = self.secs(arg, cx)?.or(self.transfer.timeout),
            "connect-timeout" => {
                self.transfer.connect_timeout =
                    self.secs(arg, cx)?.or(self.transfer.connect_timeout)
            }
            "insecure" => self.transfer.insecure = on,
            "cacert" => self.transfer.cacert = Some(value_of(arg).0),
            "cert" => {
                let (f, span) = word_flat(arg);
                let (cert, pass) = values::cert(&f);
                if pass.is_some() {
                    cx.warn(
                        Diagnostic::warning(
                            "the passphrase after `:` in --cert is not converted",
                        )
                        .with_span(span)
                        .with_label("certificate:passphrase")
                        .with_help("use an unencrypted key, or load it with the passphrase in the generated code"),
                    );
                }
                self.transfer.cert = Some(cert);
            }
            "key" => self.transfer.key = Some(value_of(arg).0),
            "proxy" => self.proxy = Some(proxy_of(arg, "http")),
            "socks4" => self.proxy = Some(proxy_of(arg, "socks4")),
            "socks4a" => self.proxy = Some(proxy_of(arg, "socks4a")),
            "socks5" => self.proxy = Some(proxy_of(arg, "socks5")),
            "socks5-hostname" => self.proxy = Some(proxy_of(arg, "socks5h")),
            "proxy1.0" => {
                cx.warn(
                    Diagnostic::warning("--proxy1.0 is converted as an ordinary HTTP proxy")
                        .with_span(arg.span)
                        .with_help("the generated code talks HTTP/1.1 to the proxy"),
                );
                self.proxy = Some(proxy_of(arg, "http"));
            }
            "proxy-user" => {
                let (f, span) = word_flat(arg);
                let (user, pass) = values::user_password(&f);
                self.proxy_user = Some((user, pass, span));
            }
            "noproxy" => self.transfer.noproxy = Some(value_of(arg).0),
            "compressed" => self.transfer.compressed = on,
            "output" => {
                let (v, _) = value_of(arg);
                self.set_output(if v.literal().as_deref() == Some(b"-") {
                    Output::Stdout
                } else {
                    Output::File(v)
                });
            }
            "remote-name" => {
                if on {
                    self.set_output(Output::RemoteName);
                } else if self.remote_name_all {
                    self.set_output(Output::Stdout);
                }
            }
            "remote-name-all" => self.remote_name_all = on,
            "output-dir" => self.output_dir = Some(value_of(arg).0),
            "fail" | "fail-with-body" => self.transfer.fail = on,
            "retry" => {
                let (f, span) = word_flat(arg);
                if let Some(b) = literal_number(&f, span, arg, cx) {
                    let n = values::unsigned(&b)
                        .ok_or_else(|| bad_number(arg, span, "a whole number of retries"))?;
                    self.retry.retry = Some(u32::try_from(n).unwrap_or(u32::MAX));
                }
            }
            "retry-delay" => self.retry.delay = self.secs(arg, cx)?.or(self.retry.delay),
            "retry-max-time" => self.retry.max_time = self.secs(arg, cx)?.or(self.retry.max_time),
            "retry-all-errors" => self.retry.all_errors = on,
            "retry-connrefused" => self.retry.connrefused = on,
            "globoff" => self.globoff = on,
            "disallow-username-in-url" => self.disallow_userinfo = on,
            "continue-at" => {
                let (f, span) = word_flat(arg);
                match f.literal_bytes(&f.bytes) {
                    Some(b) if !b.is_empty() && b.iter().all(u8::is_ascii_digit) => {
                        self.continue_at = Some((f.value(&f.bytes), span));
                    }
                    Some(b) if b == b"-" => cx.warn(
                        Diagnostic::warning(
                            "`-C -` resumes from the size of the output file, which only the running program knows; not converted",
                        )
                        .with_span(span)
                        .with_help("give the byte offset: -C 1048576"),
                    ),
                    _ => {
                        return Err(Diagnostic::error("-C needs a byte offset or `-`")
                            .with_span(span)
                            .with_label("curl: (2) expected a number")
                            .with_help("write the offset in bytes, e.g. -C 1024"));
                    }
                }
            }
            "time-cond" => self.time_cond(arg, cx),
            "cert-type" => {
                let (v, span) = value_of(arg);
                let pem = v.literal().is_some_and(|b| b.eq_ignore_ascii_case(b"PEM"));
                if !pem {
                    cx.warn(
                        Diagnostic::warning(
                            "only PEM client certificates are converted; the program loads the file as PEM",
                        )
                        .with_span(span)
                        .with_help("convert it once: openssl x509 -inform DER -in cert.der -out cert.pem"),
                    );
                }
            }
            "path-as-is" => self.path_as_is = on,
            "proto-default" => {
                let (v, _) = value_of(arg);
                self.proto_default = Some(v.display());
            }
            "url-query" => self.url_query(arg, cx)?,
            "range" => {
                let (f, span) = word_flat(arg);
                // curl turns a lone number into an open range (with a warning of its own).
                let v = match f.literal_bytes(&f.bytes) {
                    Some(b) if !b.is_empty() && b.iter().all(u8::is_ascii_digit) => {
                        let mut v = f.value(&f.bytes);
                        v.push_bytes(b"-");
                        v
                    }
                    _ => f.value(&f.bytes),
                };
                self.range = Some((v, span));
            }
            "form-escape" => self.form_escape = on.then_some(arg.span),
            // Neither changes the request: directories for -o are made by the generated code
            // anyway, and every target speaks HTTP/1.1.
            "create-dirs" | "http1.1" => {}
            other => cx.warn(
                Diagnostic::warning(format!("--{other} is not converted"))
                    .with_span(arg.span)
                    .with_label("ignored")
                    .with_help("the generated code sends the request without it"),
            ),
        }
        Ok(())
    }

    pub(super) fn data(&mut self, kind: DataKind, arg: &Arg, cx: &mut Ctx) {
        let (v, span) = value_of(arg);
        self.data
            .get_or_insert_with(Data::default)
            .add(kind, &v, span, cx);
    }

    pub(super) fn form(&mut self, arg: &Arg, cx: &mut Ctx) -> Result<(), Diagnostic> {
        let (f, span) = word_flat(arg);
        let literal = arg.spec.long == "form-string";
        let parsed = values::form(&f, literal).map_err(|e| match e {
            values::FormError::NoEquals => Diagnostic::error(
                "this form field has no `=`: curl refuses it (\"Illegally formatted input field!\")",
            )
            .with_span(span)
            .with_label("expected name=value")
            .with_help("write it as name=value, name=@file or name=<file"),
            values::FormError::BadType(t) => Diagnostic::error(format!(
                "`type={}` is not a media type: curl refuses it (\"Illegally formatted content-type field!\")",
                t.display()
            ))
            .with_span(span)
            .with_label("expected type=major/minor")
            .with_help("write the type as e.g. ;type=image/png"),
        })?;
        self.form_span.get_or_insert(arg.span);
        if let Some(part) = body::form_part(parsed, span, cx) {
            self.form.push(part);
        }
        Ok(())
    }

    pub(super) fn header(&mut self, arg: &Arg, cx: &mut Ctx) -> Result<(), Diagnostic> {
        let (f, span) = word_flat(arg);
        match values::header(&f) {
            HeaderArg::File(path) => {
                let text = if path.literal().as_deref() == Some(b"-") {
                    cx.stdin_now(span, "-H @-")?
                } else {
                    cx.read_file(&path, span, "-H @file")?
                };
                for line in values::header_file_lines(&text) {
                    let lf = Flat::literal(line);
                    if !line.iter().all(|&c| values::is_space(c)) {
                        self.header_item(values::header_line(&lf, line), &lf, span, cx);
                    }
                }
            }
            h => self.header_item(h, &f, span, cx),
        }
        Ok(())
    }

    pub(super) fn header_item(&mut self, h: HeaderArg, f: &Flat, span: Span, cx: &mut Ctx) {
        let name_of = |name: &Value, cx: &mut Ctx| {
            if let Some(e) = name.env_names().next() {
                cx.warn(
                    Diagnostic::warning(format!(
                        "the header name reads `${e}`: it is converted as the literal text `{}`",
                        name.display()
                    ))
                    .with_span(span)
                    .with_help("write the header name out in the command"),
                );
            } else if !name.literal().is_some_and(|n| values::is_token(&n)) {
                cx.warn(
                    Diagnostic::warning(format!(
                        "`{}` is not a valid header name; HTTP libraries may refuse it",
                        name.display()
                    ))
                    .with_span(span)
                    .with_label("header names are letters, digits and !#$%&'*+-.^_`|~")
                    .with_help("check the spelling; a name must not contain spaces"),
                );
            }
            HeaderName::new(name.display())
        };
        match h {
            HeaderArg::Line { name, value } => {
                let name = name_of(&name, cx);
                if value
                    .0
                    .iter()
                    .any(|p| matches!(p, crate::ir::Piece::Bytes(b) if b.contains(&b'\n') || b.contains(&b'\r')))
                {
                    cx.warn(
                        Diagnostic::warning(format!(
                            "the value of `{}` contains a line break: curl sends it as typed, HTTP libraries refuse it",
                            name.as_str()
                        ))
                        .with_span(span)
                        .with_label("line break in a header value")
                        .with_help("use one -H per header line"),
                    );
                }
                self.headers.push(UserHeader::Send(Header { name, value }));
            }
            HeaderArg::Empty { name } => {
                let name = name_of(&name, cx);
                self.headers.push(UserHeader::Send(Header {
                    name,
                    value: Value::default(),
                }));
            }
            HeaderArg::Remove { name } => self
                .headers
                .push(UserHeader::Remove(HeaderName::new(name.display()))),
            HeaderArg::File(_) | HeaderArg::Invalid => {
                let text = f.value(&f.bytes);
                let msg = if f.bytes.first() == Some(&0) && !f.bytes.contains(&b':') {
                    format!(
                        "the whole header comes from `{}`: curl2code cannot split it into name and value, so it is not sent",
                        text.display()
                    )
                } else {
                    format!(
                        "`{}` does not look like a header: curl does not send it",
                        text.display()
                    )
                };
                cx.warn(
                    Diagnostic::warning(msg)
                        .with_span(span)
                        .with_label("not sent")
                        .with_help("write headers as 'Name: value' ('Name;' sends an empty value)"),
                );
            }
        }
    }

    pub(super) fn url_query(&mut self, arg: &Arg, cx: &mut Ctx) -> Result<(), Diagnostic> {
        let (f, span) = word_flat(arg);
        let v = match values::url_query(&f) {
            values::UrlQueryArg::Raw(v) => v,
            values::UrlQueryArg::Encoded(_) => {
                let mut segs = Vec::new();
                body::urlencode_pieces(&f, cx, &mut segs);
                inline(&segs, span, "--url-query @file", cx)?
            }
        };
        self.url_query.push(v);
        Ok(())
    }

    /// Seconds for `-m`, `--connect-timeout`, `--retry-delay`, `--retry-max-time`.
    pub(super) fn secs(&self, arg: &Arg, cx: &mut Ctx) -> Result<Option<f64>, Diagnostic> {
        let (f, span) = word_flat(arg);
        let Some(b) = literal_number(&f, span, arg, cx) else {
            return Ok(None);
        };
        values::seconds(&b)
            .map(Some)
            .ok_or_else(|| bad_number(arg, span, "a number of seconds such as 10 or 2.5"))
    }

    /// True when the user typed a header of this name in any form (`Name: v`, `Name;`, `Name:`):
    /// libcurl then leaves out its own (`Curl_checkheaders`).
    /// `-z [+-=]DATE`: If-Modified-Since, If-Unmodified-Since or (with `=`) Last-Modified, as
    /// curl 7.88 sends them.
    pub(super) fn time_cond(&mut self, arg: &Arg, cx: &mut Ctx) {
        let (v, span) = value_of(arg);
        let text = v
            .literal()
            .map(|b| String::from_utf8_lossy(&b).into_owned());
        let Some(text) = text else {
            cx.warn(
                Diagnostic::warning("-z with an environment variable: the date must be known while converting; not converted")
                    .with_span(span)
                    .with_help("write the date out, e.g. -z 'Mon, 20 Nov 2023 00:00:00 GMT'"),
            );
            return;
        };
        let (name, rest) = match text.as_bytes().first() {
            Some(b'-') => ("If-Unmodified-Since", &text[1..]),
            Some(b'=') => ("Last-Modified", &text[1..]),
            Some(b'+') => ("If-Modified-Since", &text[1..]),
            _ => ("If-Modified-Since", &text[..]),
        };
        match date::parse(rest) {
            Some(t) => self.time_cond = Some((name, date::http_date(t))),
            None => {
                self.time_cond = None;
                cx.warn(
                    Diagnostic::warning(format!(
                        "-z: `{rest}` is not a date curl reads, so curl takes the modification time of a file of that name (or sends no condition); not converted"
                    ))
                    .with_span(span)
                    .with_help("write the date out, e.g. -z 'Mon, 20 Nov 2023 00:00:00 GMT' or -z 20231120"),
                );
            }
        }
    }
}
