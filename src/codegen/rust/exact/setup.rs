//! The `--exact` program's set-up: the client builder (cookies, redirects, TLS, proxy) and the
//! `use` lines of what the program names.

use super::*;

impl Builder<'_, '_> {
    /// The client builder and what it needs, as lines of `main`.
    pub(super) fn client_lines(&mut self, teardown: &mut Vec<String>) -> Vec<String> {
        let requests = self.program.requests;
        let mut setup = Vec::new();
        let mut chain = Vec::new();
        let any = |f: &dyn Fn(&Request) -> bool| requests.iter().any(f);

        if any(&|r| !r.transfer.cookie_files.is_empty() || r.transfer.cookie_jar.is_some()) {
            self.needs.cookies = true;
            setup.push("    // -b/-c FILE turn on curl's cookie engine: cookies a response sets go with the next requests.".to_string());
            setup.push("    let cookies = Arc::new(Jar::default());".to_string());
            let mut files: Vec<(&Request, &Value)> = Vec::new();
            for r in requests {
                for f in &r.transfer.cookie_files {
                    if !files.iter().any(|(_, seen)| *seen == f) {
                        files.push((r, f));
                    }
                }
            }
            for (r, f) in &files {
                let mut notes = Vec::new();
                let arg = self.text_arg(r, f, "a cookie file name", &mut notes);
                setup.extend(notes);
                setup.push(format!("    load_cookies(&cookies, {arg});"));
            }
            self.uses.cookie_load = !files.is_empty();
            if let Some((r, jar)) = requests
                .iter()
                .rev()
                .find_map(|r| r.transfer.cookie_jar.as_ref().map(|j| (r, j)))
            {
                self.needs.cookie_save = true;
                let mut notes = Vec::new();
                let arg = self.text_arg(r, jar, "the cookie jar file name", &mut notes);
                teardown.push(String::new());
                teardown.push(
                    "    // -c FILE: write every cookie back, as curl does when it is done."
                        .to_string(),
                );
                teardown.extend(notes);
                teardown.push(format!("    save_cookies(&cookies, {arg});"));
            }
            chain.push(".cookie_provider(Arc::clone(&cookies))".to_string());
        }

        let follow = requests.iter().find(|r| r.transfer.follow_redirects);
        match follow {
            Some(r) => {
                let max = r.transfer.max_redirects.unwrap_or(50);
                chain.push(format!("// -L: follow up to {max} redirects, like curl."));
                chain.push(format!(".redirect(Policy::limited({max}))"));
                chain.push("// curl sets no Referer when it follows a redirect.".to_string());
                chain.push(".referer(false)".to_string());
                if any(&|r| !r.transfer.follow_redirects) {
                    let m = "some requests follow redirects (-L) and others do not; the shared client follows them for all";
                    let n = self.warn(r, m);
                    setup.push(n);
                }
            }
            None => {
                chain.push("// curl follows no redirects without -L.".to_string());
                chain.push(".redirect(Policy::none())".to_string());
            }
        }
        if self.program.retry_policy.connect_timeout.is_some() {
            chain.push(".connect_timeout(Duration::from_secs_f64(CONNECT_TIMEOUT))".to_string());
        }

        if any(&|r| r.transfer.compressed) {
            self.needs.compressed = true;
        } else {
            chain.push(
                "// No compression without --compressed, as in curl (even if another crate turns on"
                    .to_string(),
            );
            chain.push("// reqwest's decoders).".to_string());
            chain.push(".no_gzip().no_brotli().no_deflate().no_zstd()".to_string());
        }
        if any(&|r| r.transfer.insecure) {
            chain.push("// !!! DANGER (-k): TLS certificates are NOT verified. Anyone on the network path can read".to_string());
            chain.push("// !!! and change this traffic, credentials included. Remove this line for real use.".to_string());
            chain.push(".danger_accept_invalid_certs(true)".to_string());
        }
        if let Some((r, ca)) = requests
            .iter()
            .find_map(|r| r.transfer.cacert.as_ref().map(|c| (r, c)))
        {
            self.needs.fs = true;
            let mut notes = Vec::new();
            let arg = self.text_arg(r, ca, "the CA file name", &mut notes);
            setup.extend(notes);
            if super::super::uses::direct_tls(requests) {
                self.uses.tls_file = true;
                setup.push("    // --cacert: trust only these CAs, as curl does.".to_string());
                setup.push(format!("    let ca = tls_file(&[{arg}], Certificate::from_pem_bundle).unwrap_or_else(|e| fail(&e));"));
            } else {
                setup.extend([
                "    // --cacert: trust only these CAs, as curl does. curl reads the file only when -L".to_string(),
                "    // reaches HTTPS: without it there are none (HTTPS fails, plain HTTP works).".to_string(),
                format!("    let ca = match tokio::fs::read({arg}).await {{"),
                "        Ok(pem) => Certificate::from_pem_bundle(&pem)".to_string(),
                "            .unwrap_or_else(|e| fail(&format!(\"cannot use the CA file: {e}\"))),".to_string(),
                "        Err(e) => {".to_string(),
                "            eprintln!(\"warning: cannot read the CA file: {e}\");".to_string(),
                "            Vec::new()".to_string(),
                "        }".to_string(),
                "    };".to_string(),
                ]);
            }
            chain.push(".tls_certs_only(ca)".to_string());
        }
        if let Some(r) = requests.iter().find(|r| !r.transfer.tls.is_empty()) {
            let tls = &r.transfer.tls;
            let mut notes = Vec::new();
            let calls = super::super::tls_versions(tls, &mut |m| notes.push(m.to_string()));
            for m in notes {
                let n = self.warn(r, &m);
                setup.push(n);
            }
            for call in calls {
                let (call, why) = call.split_once(" // ").unwrap_or((&call, ""));
                chain.push(format!("// {why}"));
                chain.push(call.to_string());
            }
            match (&tls.capath, &r.transfer.cacert) {
                (Some(dir), None) => {
                    let mut notes = Vec::new();
                    let dir = self.text_arg(r, dir, "the CA directory name", &mut notes);
                    setup.extend(notes);
                    setup.extend(super::super::capath_lines(&dir));
                    chain.push(".tls_certs_only(ca)".to_string());
                }
                (Some(_), Some(_)) => {
                    let n = self.warn(r, "--capath with --cacert is not converted: only the --cacert file is trusted");
                    setup.push(n);
                }
                _ => {}
            }
        }
        if let Some((r, cert)) = requests
            .iter()
            .find_map(|r| r.transfer.cert.as_ref().map(|c| (r, c)))
        {
            self.uses.tls_file = true;
            let mut notes = Vec::new();
            let c = self.text_arg(r, cert, "the certificate file name", &mut notes);
            let files = match &r.transfer.key {
                Some(k) => {
                    let k = self.text_arg(r, k, "the key file name", &mut notes);
                    format!("{c}, {k}")
                }
                None => c,
            };
            setup.extend(notes);
            setup.push(
                "    // --cert/--key: a client certificate and its private key, both PEM."
                    .to_string(),
            );
            setup.push(format!(
                "    let identity = tls_file(&[{files}], Identity::from_pem)"
            ));
            setup.push("        .unwrap_or_else(|e| fail(&e));".to_string());
            chain.push(".identity(identity)".to_string());
        }
        if let Some((r, proxy)) = requests
            .iter()
            .find_map(|r| r.transfer.proxy.as_ref().map(|p| (r, p)))
        {
            let mut notes = Vec::new();
            let url = self.text_arg(r, &proxy.url, "the proxy URL", &mut notes);
            if proxy
                .url
                .literal()
                .is_some_and(|u| u.to_ascii_lowercase().starts_with(b"socks"))
            {
                self.needs.socks = true;
            }
            setup.extend(notes);
            setup.push(format!("    let proxy = Proxy::all({url}).unwrap_or_else(|e| fail(&format!(\"bad proxy URL: {{e}}\")));"));
            if let Some(user) = &proxy.user {
                let mut notes = Vec::new();
                let u = self.text_arg(r, user, "the proxy user", &mut notes);
                let p = match &proxy.password {
                    Some(p) => self.text_arg(r, p, "the proxy password", &mut notes),
                    None => "\"\"".to_string(),
                };
                setup.extend(notes);
                setup.push(format!("    let proxy = proxy.basic_auth({u}, {p});"));
            }
            if let Some(np) = &r.transfer.noproxy {
                let mut notes = Vec::new();
                let list = self.text_arg(r, np, "the --noproxy list", &mut notes);
                setup.extend(notes);
                setup.push("    // --noproxy: hosts reached directly.".to_string());
                setup.push(format!(
                    "    let proxy = proxy.no_proxy(NoProxy::from_string({list}));"
                ));
            }
            // --proxy-header, the https proxy's TLS (nothing when not used).
            let all: Vec<&Request> = requests.iter().collect();
            let px = super::super::proxying::parts(&all);
            setup.extend(px.proxy_lines);
            if let Some(ca) = px.ca {
                self.needs.fs = true;
                setup.push(format!(
                    "    let proxy_ca = tokio::fs::read({ca}).await.map_err(|e| e.to_string())"
                ));
                setup.push("        .and_then(|pem| reqwest::Certificate::from_pem_bundle(&pem).map_err(|e| e.to_string()))".to_string());
                setup.push("        .unwrap_or_else(|e| fail(&format!(\"cannot use the proxy's CA file: {e}\")));".to_string());
            }
            chain.extend(px.chain);
            for why in px.refused {
                let n = self.warn(r, &why);
                setup.push(n);
            }
            chain.push(".proxy(proxy)".to_string());
        } else if let Some((r, np)) = requests
            .iter()
            .find_map(|r| r.transfer.noproxy.as_ref().map(|n| (r, n)))
        {
            if np.literal().as_deref() == Some(b"*") {
                chain.push("// --noproxy '*': no proxy from the environment either.".to_string());
                chain.push(".no_proxy()".to_string());
            } else {
                let n = self.warn(r, "--noproxy without -x applies to proxies from the environment; reqwest reads NO_PROXY instead");
                setup.push(n);
            }
        }
        // --resolve, --connect-to, -4/-6, --interface, --unix-socket … (nothing when not used).
        let refs: Vec<&Request> = requests.iter().collect();
        let (connect, refused) = super::super::connect::client_chain(&refs);
        chain.extend(connect);
        for why in refused {
            let n = self.warn(&requests[0], &why);
            setup.push(n);
        }

        let mut lines = setup;
        lines.push("    let client = Client::builder()".to_string());
        lines.extend(chain.into_iter().map(|c| format!("        {c}")));
        lines.push("        .build()".to_string());
        lines.push(
            "        .unwrap_or_else(|e| fail(&format!(\"cannot set up the HTTP client: {e}\")));"
                .to_string(),
        );
        let policy = self.program.retry_policy;
        if policy.circuit_breaker || policy.health_check.is_some() {
            // One for the program's lifetime, like the client: every call shares what it learns.
            lines.push("    let upstreams = Upstreams::default();".to_string());
        }
        lines
    }

    /// The `use` lines: exactly what the emitted code names.
    pub(super) fn uses(
        &self,
        retry: bool,
        jitter: bool,
        idempotency_key: bool,
        upstreams: bool,
    ) -> Vec<String> {
        let policy = self.program.retry_policy;
        let breaker = upstreams; // the Upstreams object's Mutex and Instant
        let auth = policy.health_check.is_some() && policy.health_check_auth;
        // A timeout call names Duration even without retries.
        let limited = policy.connect_timeout.is_some() || policy.attempt_timeout.is_some();
        // RandomState seeds the jitter, the idempotency key and a multipart boundary.
        let random = jitter || idempotency_key || self.uses_attachments;
        let list = |items: Vec<(bool, &'static str)>| -> Vec<&'static str> {
            items
                .into_iter()
                .filter(|(on, _)| *on)
                .map(|(_, s)| s)
                .collect()
        };
        // Built by hand rather than with format! and join: this runs for ~15 groups per program.
        let group = |path: &str, items: Vec<&str>| -> Option<String> {
            let (first, rest) = items.split_first()?;
            let len = path.len() + 9 + items.iter().map(|i| i.len() + 2).sum::<usize>();
            let mut out = String::with_capacity(len);
            out.push_str("use ");
            out.push_str(path);
            out.push_str("::");
            if rest.is_empty() {
                out.push_str(first);
            } else {
                out.push('{');
                out.push_str(first);
                for item in rest {
                    out.push_str(", ");
                    out.push_str(item);
                }
                out.push('}');
            }
            out.push(';');
            Some(out)
        };
        let cookies = self.needs.cookies;
        let mut std_uses = vec![
            group("std::cmp", list(vec![(cookies, "Reverse")])),
            group("std::collections", list(vec![(upstreams, "HashMap")])),
            // The health probe names an error's cause (`source()`).
            group(
                "std::error",
                list(vec![(policy.health_check.is_some(), "Error")]),
            ),
            group(
                "std::hash",
                list(vec![
                    (random, "BuildHasher"),
                    (random, "Hasher"),
                    (random, "RandomState"),
                ]),
            ),
            group(
                "std::io",
                list(vec![
                    (true, "ErrorKind"),
                    (self.uses.stdin, "Read"),
                    (true, "Write"),
                ]),
            ),
            group("std::process", vec!["ExitCode"]),
            group(
                "std::sync",
                list(vec![
                    (cookies, "Arc"),
                    (breaker, "Mutex"),
                    (breaker || cookies, "PoisonError"),
                ]),
            ),
            group(
                "std::time",
                list(vec![
                    (retry || breaker || limited, "Duration"),
                    (breaker || retry && policy.deadline.is_some(), "Instant"),
                    (retry || self.uses.cookie_load, "SystemTime"),
                    (self.uses.cookie_load, "UNIX_EPOCH"),
                ]),
            ),
        ];
        let header_value =
            self.uses_header_value_type || idempotency_key || self.uses.header_value || cookies;
        let reqwest_items = list(vec![
            (
                self.program
                    .requests
                    .iter()
                    .any(|r| r.transfer.cacert.is_some() || r.transfer.tls.capath.is_some()),
                "Certificate",
            ),
            (true, "Client"),
            (
                self.program
                    .requests
                    .iter()
                    .any(|r| r.transfer.cert.is_some()),
                "Identity",
            ),
            (true, "Method"),
            (
                self.program
                    .requests
                    .iter()
                    .any(|r| r.transfer.proxy.as_ref().is_some() && r.transfer.noproxy.is_some()),
                "NoProxy",
            ),
            (
                self.program
                    .requests
                    .iter()
                    .any(|r| r.transfer.proxy.is_some()),
                "Proxy",
            ),
            (retry, "Request"),
            (true, "RequestBuilder"),
            (true, "Url"),
        ]);
        let mut crate_uses = vec![
            group(
                "cookie_store",
                list(vec![
                    (self.needs.cookie_save, "CookieDomain"),
                    (self.needs.cookie_save, "CookieExpiration"),
                ]),
            ),
            group(
                "reqwest::header",
                list(vec![
                    (self.uses_header_map || auth, "HeaderMap"),
                    (self.uses.part_headers, "HeaderName"),
                    (header_value, "HeaderValue"),
                    (auth, "AUTHORIZATION"),
                    (auth, "COOKIE"),
                    (auth, "PROXY_AUTHORIZATION"),
                    (retry, "RETRY_AFTER"),
                ]),
            ),
            group("reqwest::cookie", list(vec![(cookies, "CookieStore")])),
            group(
                "reqwest::multipart",
                list(vec![
                    (self.needs.multipart, "Form"),
                    (self.uses.part, "Part"),
                ]),
            ),
            group("reqwest::redirect", vec!["Policy"]),
            group("reqwest", reqwest_items),
            group(
                "reqwest_cookie_store",
                list(vec![(cookies, "CookieStoreMutex")]),
            ),
        ];
        let mut out = vec![String::new()];
        out.extend(std_uses.drain(..).flatten());
        out.push(String::new());
        out.extend(crate_uses.drain(..).flatten());
        out
    }
}
