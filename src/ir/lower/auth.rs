//! Authentication and proxies: which credentials curl sends on the first request, and through what.

use super::*;

impl Group {
    pub(super) fn auth(
        &self,
        userinfo: Option<(Value, Value)>,
        headers: &[Header],
        host: Option<Value>,
        url_span: Span,
        cx: &mut Ctx,
    ) -> Option<Auth> {
        let has_authorization =
            headers.iter().any(|h| h.name.is("Authorization")) || self.user_has("Authorization");
        let overridden = |cx: &mut Ctx, what: &str, span: Span| {
            cx.warn(
                Diagnostic::warning(format!(
                    "{what} is not sent: the -H Authorization header takes its place, as in curl"
                ))
                .with_span(span)
                .with_help("keep only one way of authenticating"),
            );
        };
        // curl's rule: the schemes asked for form a mask (none asked: Basic). One scheme is used
        // on the first request; with several, libcurl sends no credentials until a 401 names the
        // scheme to pick (lib/http.c: the picked scheme must equal a single bit).
        let mask = self.auth_bits
            | if self.bearer.is_some() {
                AUTH_BEARER
            } else {
                0
            };
        if mask == AUTH_BEARER {
            let token = self.bearer.clone().unwrap_or_default();
            if has_authorization {
                overridden(cx, "--oauth2-bearer", url_span);
                return None;
            }
            return Some(Auth::Bearer { token });
        }
        let creds = match &self.user {
            Some((user, pass, span)) => {
                let pass = match pass {
                    Some(p) => p.clone(),
                    None => {
                        cx.warn(
                            Diagnostic::warning(
                                "-u without `:password`: curl would prompt for the password; the generated code sends an empty one",
                            )
                            .with_span(*span)
                            .with_label("no colon here")
                            .with_help("write -u 'user:password' (the password may come from an environment variable: -u \"user:$PASSWORD\")"),
                        );
                        Value::default()
                    }
                };
                Some((user.clone(), pass, *span))
            }
            None => {
                if userinfo.is_some() && self.netrc == Some(false) {
                    cx.warn(
                        Diagnostic::warning(
                            "-n/--netrc-file with credentials in the URL: curl 7.88 would take the password from the netrc file; the program sends the URL's",
                        )
                        .with_span(url_span)
                        .with_help("add --netrc-optional to use the URL's credentials, as the program does"),
                    );
                }
                userinfo.map(|(u, p)| (u, p, url_span))
            }
        };
        if let Some((provider, span)) = &self.aws {
            cx.warn(
                Diagnostic::warning("--aws-sigv4 request signing is not converted")
                    .with_span(*span)
                    .with_help("sign the request with the AWS SDK (boto3, @aws-sdk, aws-sigv4)"),
            );
            let (user, password) = creds.map(|(u, p, _)| (u, p)).unwrap_or_default();
            return Some(Auth::AwsSigV4 {
                provider: provider.clone(),
                user,
                password,
            });
        }
        let Some((user, password, span)) = creds else {
            if let Some(netrc) = self.netrc_for(mask, has_authorization, host, url_span, cx) {
                return Some(netrc);
            }
            if mask & AUTH_BEARER != 0 {
                cx.warn(
                    Diagnostic::warning(
                        "--oauth2-bearer with other authentication schemes: curl sends no credentials until the server's 401 names one; neither does the program",
                    )
                    .with_span(url_span)
                    .with_help("keep only --oauth2-bearer to send the token"),
                );
            }
            return None;
        };
        let bits = mask;
        if bits == 0 || bits == AUTH_BASIC {
            if has_authorization {
                overridden(cx, "the -u user", span);
                return None;
            }
            return Some(Auth::Basic { user, password });
        }
        if bits == AUTH_DIGEST {
            return Some(Auth::Digest { user, password });
        }
        if bits == AUTH_NTLM {
            cx.warn(
                Diagnostic::warning("NTLM authentication is not converted")
                    .with_span(span)
                    .with_help("use requests-ntlm (Python) or a proxy that speaks NTLM"),
            );
            return Some(Auth::Ntlm { user, password });
        }
        // Several schemes: curl's first request carries no credentials. Digest behaves the same
        // way (it answers the server's challenge), so it stands in when it is one of them.
        let digest = bits & AUTH_DIGEST != 0;
        cx.warn(
            Diagnostic::warning(if digest {
                "several authentication schemes: curl sends no credentials until the server's 401 names one; the program answers a Digest challenge"
            } else {
                "several authentication schemes: curl sends no credentials until the server's 401 names one; neither does the program"
            })
            .with_span(span)
            .with_help("keep the one scheme the server uses (--basic, --digest or --oauth2-bearer)"),
        );
        if digest && !has_authorization {
            return Some(Auth::Digest { user, password });
        }
        None
    }

    /// `-n`, `--netrc-file`, `--netrc-optional` when no -u or URL credentials are given: curl
    /// then reads the login and password from the netrc file, for Basic only.
    fn netrc_for(
        &self,
        mask: u8,
        has_authorization: bool,
        host: Option<Value>,
        span: Span,
        cx: &mut Ctx,
    ) -> Option<Auth> {
        if self.netrc.is_none() && self.netrc_file.is_none() {
            return None;
        }
        let warn = |cx: &mut Ctx, why: &str| {
            cx.warn(
                Diagnostic::warning(format!("the netrc credentials are not used: {why}"))
                    .with_span(span)
                    .with_help("give the credentials with -u 'user:password' instead"),
            );
        };
        if has_authorization {
            // curl sends the user's own header; the netrc file is not even needed.
            return None;
        }
        if mask != 0 && mask != AUTH_BASIC {
            warn(cx, "the program reads them for Basic authentication only");
            return None;
        }
        let Some(host) = host else {
            warn(cx, "the URL's host is only known at run time");
            return None;
        };
        Some(Auth::Netrc {
            file: self.netrc_file.clone(),
            host,
        })
    }

    pub(super) fn proxy_for(&self, cx: &mut Ctx, noproxy: &mut Option<Value>) -> Option<Proxy> {
        let Some((v, kind, _)) = &self.proxy else {
            if let Some((_, _, span)) = &self.proxy_user {
                cx.warn(
                    Diagnostic::warning(
                        "-U without -x: curl uses it with a proxy from the environment (http_proxy …); it is not converted",
                    )
                    .with_span(*span)
                    .with_help("add -x with the proxy URL"),
                );
            }
            return None;
        };
        if v.is_empty() {
            // `-x ''` turns proxies off, the environment's included.
            *noproxy = Some(Value::bytes("*"));
            return None;
        }
        let has_scheme = v
            .0
            .iter()
            .any(|p| matches!(p, crate::ir::Piece::Bytes(b) if b.windows(3).any(|w| w == b"://")));
        let url = if has_scheme {
            v.clone()
        } else {
            let mut u = Value::bytes(format!("{}://", kind.0));
            u.push_value(v);
            u
        };
        let (user, password) = match &self.proxy_user {
            Some((u, p, span)) => {
                if p.is_none() {
                    cx.warn(
                        Diagnostic::warning(
                            "-U without `:password`: curl would prompt for the proxy password; none is sent",
                        )
                        .with_span(*span)
                        .with_help("write -U 'user:password'"),
                    );
                }
                (Some(u.clone()), p.clone())
            }
            None => (None, None),
        };
        Some(Proxy {
            url,
            user,
            password,
        })
    }
}
