//! Options into the section's `Group`: one match arm per [`Opt`] variant, exhaustive, so an
//! applied option without a lowering does not compile.

use super::*;
use crate::ir::TlsVersion;

impl Group {
    /// Applies one option, in command-line order.
    pub(super) fn option(&mut self, arg: &Arg, cx: &mut Ctx) -> Result<(), Diagnostic> {
        match &arg.opt {
            Opt::Url(t) => self.add_url(t.value.clone(), t.span),
            Opt::Header(t) => self.header(t, cx)?,
            Opt::UserAgent(t) => self.user_agent = Some(t.value.clone()),
            Opt::Referer(t) => {
                let f = Flat::new(&t.value);
                let (text, auto) = match f.bytes.strip_suffix(b";auto") {
                    Some(rest) => (f.value(rest), true),
                    None => (t.value.clone(), false),
                };
                self.referer = Some((text, auto));
            }
            Opt::Cookie(t) => self.cookie(t, cx),
            Opt::CookieJar(t) => self.transfer.cookie_jar = Some(t.value.clone()),
            Opt::Data(t) | Opt::DataAscii(t) => self.data(DataKind::Ascii, t, cx),
            Opt::DataBinary(t) => self.data(DataKind::Binary, t, cx),
            Opt::DataRaw(t) => self.data(DataKind::Raw, t, cx),
            Opt::DataUrlEncode(t) => self.data(DataKind::UrlEncode, t, cx),
            Opt::Json(t) => self.data(DataKind::Json, t, cx),
            Opt::Form(t) => self.form(arg, t, false, cx)?,
            Opt::FormString(t) => self.form(arg, t, true, cx)?,
            Opt::Get(on) => self.use_get = *on,
            Opt::Head(on) => self.head = on.then_some(arg.span),
            Opt::Request(t) => self.custom_method = Some((t.value.clone(), t.span)),
            Opt::UploadFile(t) => self.set_upload(t.value.clone(), t.span),
            Opt::User(t) => self.user = Some(credentials(t)),
            Opt::Basic(on) => toggle(&mut self.auth_bits, AUTH_BASIC, *on),
            Opt::Digest(on) => toggle(&mut self.auth_bits, AUTH_DIGEST, *on),
            Opt::Ntlm(on) => toggle(&mut self.auth_bits, AUTH_NTLM, *on),
            Opt::AnyAuth(_) => {
                self.auth_bits = AUTH_BASIC | AUTH_DIGEST | AUTH_NTLM | AUTH_NEGOTIATE;
            }
            Opt::Oauth2Bearer(t) => self.bearer = Some(t.value.clone()),
            // Credentials from a netrc file.
            Opt::Netrc(on) => self.netrc = on.then_some(false),
            Opt::NetrcOptional(on) => self.netrc = on.then_some(true),
            Opt::NetrcFile(t) => self.netrc_file = Some(t.value.clone()),
            // TLS settings.
            Opt::CaPath(t) => self.transfer.tls.capath = Some(t.value.clone()),
            Opt::Ciphers(t) => self.transfer.tls.ciphers = Some(t.value.clone()),
            Opt::TlsMin(minor) => self.transfer.tls.min = Some(tls_version(*minor)),
            Opt::TlsMax(t) => {
                self.transfer.tls.max = match t.value.literal().as_deref() {
                    Some(b"default") => None,
                    Some(b"1.0") => Some(TlsVersion::V1_0),
                    Some(b"1.1") => Some(TlsVersion::V1_1),
                    Some(b"1.2") => Some(TlsVersion::V1_2),
                    Some(b"1.3") => Some(TlsVersion::V1_3),
                    _ => return Err(bad_number(arg, t.span, "default, 1.0, 1.1, 1.2 or 1.3")),
                }
            }
            Opt::AwsSigv4(t) => self.aws = Some((t.value.clone(), t.span)),
            Opt::Location(on) => self.transfer.follow_redirects = *on,
            Opt::LocationTrusted(on) => {
                self.transfer.follow_redirects = *on;
                self.location_trusted = on.then_some(arg.span);
            }
            Opt::MaxRedirs(t) => {
                let f = Flat::new(&t.value);
                if let Some(b) = literal_number(&f, t.span, arg, cx) {
                    self.transfer.max_redirects = match values::signed(&b) {
                        Some(-1) => Some(u32::MAX),
                        Some(n) if n >= 0 => Some(u32::try_from(n).unwrap_or(u32::MAX)),
                        _ => {
                            return Err(bad_number(
                                arg,
                                t.span,
                                "a whole number, or -1 for no limit",
                            ));
                        }
                    };
                }
            }
            Opt::MaxTime(t) => {
                self.transfer.timeout = secs(arg, t, cx)?.or(self.transfer.timeout);
            }
            Opt::ConnectTimeout(t) => {
                self.transfer.connect_timeout = secs(arg, t, cx)?.or(self.transfer.connect_timeout);
            }
            Opt::Insecure(on) => self.transfer.insecure = *on,
            Opt::CaCert(t) => self.transfer.cacert = Some(t.value.clone()),
            Opt::Cert(t) => {
                let (cert, pass) = values::cert(&Flat::new(&t.value));
                if pass.is_some() {
                    cx.warn(
                        Diagnostic::warning(
                            "the passphrase after `:` in --cert is not converted",
                        )
                        .with_span(t.span)
                        .with_label("certificate:passphrase")
                        .with_help("use an unencrypted key, or load it with the passphrase in the generated code"),
                    );
                }
                self.transfer.cert = Some(cert);
            }
            Opt::Key(t) => self.transfer.key = Some(t.value.clone()),
            Opt::Proxy(t) => self.proxy = Some(proxy_of(t, "http")),
            Opt::Socks4(t) => self.proxy = Some(proxy_of(t, "socks4")),
            Opt::Socks4a(t) => self.proxy = Some(proxy_of(t, "socks4a")),
            Opt::Socks5(t) => self.proxy = Some(proxy_of(t, "socks5")),
            Opt::Socks5Hostname(t) => self.proxy = Some(proxy_of(t, "socks5h")),
            Opt::ProxyUser(t) => self.proxy_user = Some(credentials(t)),
            Opt::NoProxy(t) => self.transfer.noproxy = Some(t.value.clone()),
            Opt::Compressed(on) => self.transfer.compressed = *on,
            Opt::Output(t) => {
                self.set_output(if t.value.literal().as_deref() == Some(b"-") {
                    Output::Stdout
                } else {
                    Output::File(t.value.clone())
                });
            }
            Opt::RemoteName(on) => {
                if *on {
                    self.set_output(Output::RemoteName);
                } else if self.remote_name_all {
                    self.set_output(Output::Stdout);
                }
            }
            Opt::RemoteNameAll(on) => self.remote_name_all = *on,
            Opt::OutputDir(t) => self.output_dir = Some(t.value.clone()),
            Opt::Fail(on) | Opt::FailWithBody(on) => self.transfer.fail = *on,
            Opt::Retry(t) => {
                let f = Flat::new(&t.value);
                if let Some(b) = literal_number(&f, t.span, arg, cx) {
                    let n = values::unsigned(&b)
                        .ok_or_else(|| bad_number(arg, t.span, "a whole number of retries"))?;
                    self.retry.retry = Some(u32::try_from(n).unwrap_or(u32::MAX));
                }
            }
            Opt::RetryDelay(t) => self.retry.delay = secs(arg, t, cx)?.or(self.retry.delay),
            Opt::RetryMaxTime(t) => {
                self.retry.max_time = secs(arg, t, cx)?.or(self.retry.max_time);
            }
            Opt::RetryAllErrors(on) => self.retry.all_errors = *on,
            Opt::RetryConnRefused(on) => self.retry.connrefused = *on,
            Opt::GlobOff(on) => self.globoff = *on,
            Opt::DisallowUsernameInUrl(on) => self.disallow_userinfo = *on,
            Opt::ContinueAt(t) => self.continue_at(arg, t, cx)?,
            Opt::TimeCond(t) => self.time_cond(t, cx),
            Opt::CertType(t) => cert_type(t, cx),
            Opt::PathAsIs(on) => self.path_as_is = *on,
            Opt::ProtoDefault(t) => self.proto_default = Some(t.value.display()),
            Opt::UrlQuery(t) => self.url_query(t, cx)?,
            Opt::Range(t) => {
                let f = Flat::new(&t.value);
                // curl turns a lone number into an open range (with a warning of its own).
                let v = match f.literal_bytes(&f.bytes) {
                    Some(b) if !b.is_empty() && b.iter().all(u8::is_ascii_digit) => {
                        let mut v = f.value(&f.bytes);
                        v.push_bytes(b"-");
                        v
                    }
                    _ => f.value(&f.bytes),
                };
                self.range = Some((v, t.span));
            }
            Opt::FormEscape(on) => self.form_escape = on.then_some(arg.span),
            // What the program does with the response (issue 13, response family).
            Opt::Include(on) | Opt::ShowHeaders(on) => self.transfer.saving.include = *on,
            Opt::DumpHeader(t) => {
                self.transfer.saving.dump_header = Some(match t.value.literal().as_deref() {
                    Some(b"-") => Output::Stdout,
                    _ => Output::File(t.value.clone()),
                });
            }
            Opt::EtagSave(t) => self.transfer.saving.etag_save = Some(t.value.clone()),
            Opt::WriteOut(t) => self.transfer.saving.write_out = super::write_out::parse(t, cx),
            Opt::EtagCompare(t) => self.transfer.saving.etag_compare = Some(t.value.clone()),
            // Every program writes its output file only once the whole body has arrived (and
            // after -f's check): a failed transfer leaves no file behind, as this asks.
            Opt::RemoveOnError(_) => {}
            Opt::Clobber(on) => self.transfer.saving.no_clobber = !*on,
            Opt::RemoteHeaderName(on) => self.transfer.saving.remote_header_name = *on,
            Opt::MaxFilesize(t) => {
                let f = Flat::new(&t.value);
                if let Some(b) = literal_number(&f, t.span, arg, cx) {
                    // curl's size: whole bytes, or k, m, g (1024-based); 0 means no limit.
                    let n = size(&b).ok_or_else(|| {
                        bad_number(
                            arg,
                            t.span,
                            "a whole number of bytes, with k, M or G after it",
                        )
                    })?;
                    self.transfer.saving.max_filesize = (n > 0).then_some(n);
                }
            }
            // It does not change the request: directories for -o are made by the generated code
            // anyway.
            Opt::CreateDirs(_) => {}
            // Connection options (issue 13): where and how the program connects.
            Opt::Resolve(_)
            | Opt::ConnectTo(_)
            | Opt::Ipv4
            | Opt::Ipv6
            | Opt::Interface(_)
            | Opt::LocalPort(_)
            | Opt::UnixSocket(_)
            | Opt::AbstractUnixSocket(_)
            | Opt::RequestTarget(_)
            | Opt::Http10
            | Opt::Http11
            | Opt::Http2PriorKnowledge
            | Opt::Post301(_)
            | Opt::Post302(_)
            | Opt::Post303(_)
            | Opt::HaproxyProtocol(_) => self.connect(arg, cx)?,
            // Proxy options (issue 13, proxy family): what goes to the proxy and how.
            Opt::ProxyHeader(t) => self.proxy_header(t, cx),
            Opt::ProxyTunnel(on) => self.transfer.proxying.tunnel = *on,
            Opt::ProxyInsecure(on) => self.transfer.proxying.insecure = *on,
            Opt::ProxyCacert(t) => self.transfer.proxying.cacert = Some(t.value.clone()),
            Opt::ProxyDigest(on) => {
                self.transfer.proxying.digest = *on;
                self.transfer.proxying.any = false;
            }
            // curl: --proxy-basic sets Basic as the one method, so it undoes --proxy-digest.
            Opt::ProxyBasic(on) => {
                self.transfer.proxying.digest &= !*on;
                self.transfer.proxying.any &= !*on;
            }
            // --proxy-anyauth: no credentials until a 407 says which method (Digest or Basic).
            Opt::ProxyAnyauth(on) => {
                self.transfer.proxying.digest = *on;
                self.transfer.proxying.any = *on;
            }
            // `lower` splits the sections at `--next` before options reach a group.
            Opt::Next => {}
            // The parser already warned about unsupported options; the others do not touch
            // the wire.
            Opt::NoEffect(_) | Opt::Unsupported(_) => {}
        }
        Ok(())
    }

    /// `-b`: cookie text, or a cookie file to read when the program runs.
    fn cookie(&mut self, t: &Text, cx: &mut Ctx) {
        match values::cookie(&Flat::new(&t.value)) {
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
                    .with_span(t.span)
                    .with_label("cookie text or cookie file?")
                    .with_help("write the `name=` part out in the command"),
                );
                self.cookies.push(v);
            }
        }
    }

    /// `-C N`: resume at byte N, read as curl reads it (`010` is 8); `-C 0` resumes nowhere, so
    /// curl sends no Range for it (and `-r` applies again). `-C -` needs the output file's size,
    /// known only at run time.
    fn continue_at(&mut self, arg: &Arg, t: &Text, cx: &mut Ctx) -> Result<(), Diagnostic> {
        let f = Flat::new(&t.value);
        let Some(b) = literal_number(&f, t.span, arg, cx) else {
            return Ok(());
        };
        if b == b"-" {
            // curl forgets an earlier offset: the file's size replaces it.
            self.continue_at = None;
            cx.warn(
                Diagnostic::warning(
                    "`-C -` resumes from the size of the output file, which only the running program knows; not converted",
                )
                .with_span(t.span)
                .with_help("give the byte offset: -C 1048576"),
            );
            return Ok(());
        }
        let why = match values::byte_offset(&b) {
            values::Offset::At(n) => {
                self.continue_at = (n > 0).then_some((n, t.span));
                return Ok(());
            }
            values::Offset::Negative => "expected a positive numerical parameter",
            values::Offset::TooLarge => "too large number",
            values::Offset::Bad => "expected a proper numerical parameter",
        };
        Err(Diagnostic::error(format!(
            "-C needs a byte offset or `-`: curl stops with \"{why}\""
        ))
        .with_span(t.span)
        .with_label("not a byte offset")
        .with_help(
            "write the offset in bytes, e.g. -C 1024, or -C - to resume where the output file ends",
        ))
    }

    pub(super) fn data(&mut self, kind: DataKind, t: &Text, cx: &mut Ctx) {
        self.data
            .get_or_insert_with(Data::default)
            .add(kind, &t.value, t.span, cx);
    }

    pub(super) fn form(
        &mut self,
        arg: &Arg,
        t: &Text,
        literal: bool,
        cx: &mut Ctx,
    ) -> Result<(), Diagnostic> {
        let (f, span) = (Flat::new(&t.value), t.span);
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

    pub(super) fn header(&mut self, t: &Text, cx: &mut Ctx) -> Result<(), Diagnostic> {
        let (f, span) = (Flat::new(&t.value), t.span);
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

    pub(super) fn url_query(&mut self, t: &Text, cx: &mut Ctx) -> Result<(), Diagnostic> {
        let (f, span) = (Flat::new(&t.value), t.span);
        let v = match values::url_query(&f) {
            values::UrlQueryArg::Raw(v) => v,
            values::UrlQueryArg::Encoded(_) => {
                let mut segs = Vec::new();
                body::urlencode_pieces(&f, cx, &mut segs);
                query_value(&segs, span, "--url-query @file", cx)?
            }
        };
        self.url_query.push(v);
        Ok(())
    }

    /// `-z [+-=]DATE`: If-Modified-Since, If-Unmodified-Since or (with `=`) Last-Modified, as
    /// curl 7.88 sends them.
    pub(super) fn time_cond(&mut self, t: &Text, cx: &mut Ctx) {
        let (v, span) = (&t.value, t.span);
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
                        "-z: `{rest}` is not a date, so curl takes it as a file and sends that file's modification time (no condition if there is no such file); the file form is not supported, not converted"
                    ))
                    .with_span(span)
                    .with_help("write the date out, e.g. -z 'Mon, 20 Nov 2023 00:00:00 GMT' or -z 20231120"),
                );
            }
        }
    }
}

/// `--cert-type`: PEM, curl's default and what every target loads, changes nothing; the other
/// types are named with why they are not converted (the program still loads the file as PEM, so
/// it fails loudly rather than sending without a client certificate).
fn cert_type(t: &Text, cx: &mut Ctx) {
    let kind = t.value.literal().map(|b| b.to_ascii_uppercase());
    let (why, help) = match kind.as_deref() {
        Some(b"PEM") => return,
        Some(b"DER") => (
            "a DER certificate is not converted: the generated code loads client certificates as PEM",
            "convert it once: openssl x509 -inform DER -in cert.der -out cert.pem",
        ),
        Some(b"P12") => (
            "a PKCS#12 bundle is not converted: the generated code loads client certificates as PEM",
            "split it once: openssl pkcs12 -in cert.p12 -out cert.pem -nodes (then --cert cert.pem)",
        ),
        Some(b"ENG") => (
            "a certificate held by an OpenSSL engine is not converted: the generated code loads client certificates from PEM files",
            "export the certificate and key to PEM files and pass them with --cert and --key",
        ),
        Some(_) => (
            "curl knows no such certificate type (PEM, DER, ENG, P12) and refuses it with a certificate (exit 58); not converted",
            "drop --cert-type: PEM is the default",
        ),
        None => (
            "--cert-type from the environment is not converted: the generated code loads client certificates as PEM",
            "write the type out, or drop --cert-type for PEM",
        ),
    };
    cx.warn(Diagnostic::warning(why).with_span(t.span).with_help(help));
}

/// Seconds for `-m`, `--connect-timeout`, `--retry-delay`, `--retry-max-time`.
fn secs(arg: &Arg, t: &Text, cx: &mut Ctx) -> Result<Option<f64>, Diagnostic> {
    let Some(b) = literal_number(&Flat::new(&t.value), t.span, arg, cx) else {
        return Ok(None);
    };
    values::seconds(&b)
        .map(Some)
        .ok_or_else(|| bad_number(arg, t.span, "a number of seconds such as 10 or 2.5"))
}

/// `-u` / `-U`: user and password, split at the first `:`.
fn credentials(t: &Text) -> (Value, Option<Value>, Span) {
    let (user, pass) = values::user_password(&Flat::new(&t.value));
    (user, pass, t.span)
}

/// A size as curl's `--max-filesize` reads it: digits and an optional k, m or g (either case,
/// powers of 1024).
fn size(b: &[u8]) -> Option<u64> {
    let (digits, unit) = match b.last()?.to_ascii_lowercase() {
        b'k' => (&b[..b.len() - 1], 1u64 << 10),
        b'm' => (&b[..b.len() - 1], 1 << 20),
        b'g' => (&b[..b.len() - 1], 1 << 30),
        _ => (b, 1),
    };
    if digits.is_empty() || !digits.iter().all(u8::is_ascii_digit) {
        return None;
    }
    std::str::from_utf8(digits)
        .ok()?
        .parse::<u64>()
        .ok()?
        .checked_mul(unit)
}

/// `--tlsv1.N`'s version (`--tlsv1` is 1.0).
fn tls_version(minor: u8) -> TlsVersion {
    match minor {
        0 => TlsVersion::V1_0,
        1 => TlsVersion::V1_1,
        2 => TlsVersion::V1_2,
        _ => TlsVersion::V1_3,
    }
}
