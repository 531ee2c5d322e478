//! The client part of the default Rust output: `Client::builder()` with the User-Agent, timeouts,
//! redirects, cookies, TLS options and proxy the command asks for.

use super::request::borrowed;
use super::*;

impl Builder<'_, '_> {
    /// The client builder and what it needs, as lines of `main`.
    pub(super) fn client_lines(&mut self, teardown: &mut Vec<String>) -> Vec<String> {
        let requests: Vec<&Request> = self.plan.calls.iter().map(|c| c.request).collect();
        let mut setup = Vec::new();
        let exact = self.exact;
        // --exact sends curl's own User-Agent; neither mode sends one when the command removes it
        // (-A '' or -H 'User-Agent:'): reqwest sends none unless told.
        let removes_agent = requests
            .iter()
            .any(|r| r.removed_headers.iter().any(|h| h.is("user-agent")));
        let mut chain = match (exact, removes_agent) {
            (_, true) => Vec::new(),
            (true, false) => vec![".user_agent(\"curl/7.88.1\")".to_string()],
            _ => vec![format!(
                ".user_agent(\"curl2code/{}\")",
                env!("CARGO_PKG_VERSION")
            )],
        };
        if self.plan.policy.connect_timeout.is_some() {
            chain.push(".connect_timeout(CONNECT_TIMEOUT)".to_string());
        }
        let policy = self.plan.policy;
        if self.blocking && policy.attempt_timeout.is_none() && policy.deadline.is_none() {
            // No attempt sets its own timeout, and the blocking client's default is 30 s.
            chain.push(".timeout(None) // no time limit, as in the command".to_string());
        }
        let any = |f: &dyn Fn(&Request) -> bool| requests.iter().any(|r| f(r));

        if self.plan.features.cookie_files {
            self.needs.cookies = true;
            setup.push("    // -b/-c FILE turn on curl's cookie engine: cookies a response sets go with the next requests.".to_string());
            // --exact: the Jar sends cookies in curl's order; its store is `cookies.0`.
            let (store, cookies) = if exact {
                ("&cookies.0", "    let cookies = Arc::new(Jar::default());")
            } else {
                (
                    "&cookies",
                    "    let cookies = Arc::new(CookieStoreMutex::default());",
                )
            };
            setup.push(cookies.to_string());
            let mut files: Vec<(&Request, &Value)> = Vec::new();
            for r in &requests {
                for f in &r.transfer.cookie_files {
                    if !files.iter().any(|(_, seen)| *seen == f) {
                        files.push((r, f));
                    }
                }
            }
            for (r, f) in &files {
                let mut notes = Vec::new();
                let arg = borrowed(self.text(r, f, "a cookie file name", &mut notes));
                setup.extend(notes);
                setup.push(format!("    load_cookies({store}, {arg});"));
            }
            self.uses.cookie_load = !files.is_empty();
            if let Some((r, jar)) = requests
                .iter()
                .rev()
                .find_map(|r| r.transfer.cookie_jar.as_ref().map(|j| (*r, j)))
            {
                self.cookie_save = true;
                let mut notes = Vec::new();
                let arg = borrowed(self.text(r, jar, "the cookie jar file name", &mut notes));
                teardown.push(
                    "    // -c FILE: write every cookie back, as curl does when it is done."
                        .to_string(),
                );
                teardown.extend(notes);
                teardown.push(format!("    save_cookies({store}, {arg})?;"));
            }
            chain.push(".cookie_provider(Arc::clone(&cookies))".to_string());
        }
        match requests.iter().find(|r| r.transfer.follow_redirects) {
            Some(r) => {
                let max = r.transfer.max_redirects.unwrap_or(50);
                chain.push(format!(".redirect(Policy::limited({max})) // -L"));
                if exact {
                    chain
                        .push(".referer(false) // curl sets no Referer when it follows one".into());
                }
                if any(&|r| !r.transfer.follow_redirects) {
                    let n = self.warn(r, "some requests follow redirects (-L) and others do not; the shared client follows them for all");
                    setup.push(n);
                }
            }
            None => chain.push(
                ".redirect(Policy::none()) // curl follows no redirects without -L".to_string(),
            ),
        }
        if any(&|r| r.transfer.compressed) {
            // reqwest asks for compressed answers and decodes them once its features are on.
            self.needs.compressed = true;
        } else if exact {
            // No compression without --compressed, as in curl (even if another crate turns on
            // reqwest's decoders).
            chain.extend(
                [".no_gzip()", ".no_brotli()", ".no_deflate()", ".no_zstd()"].map(String::from),
            );
        }
        if any(&|r| r.transfer.insecure) {
            chain.push("// !!! DANGER (-k): TLS certificates are NOT verified; remove this line for real use.".to_string());
            chain.push(".danger_accept_invalid_certs(true)".to_string());
        }
        if let Some((r, ca)) = requests
            .iter()
            .find_map(|r| r.transfer.cacert.as_ref().map(|c| (*r, c)))
        {
            let mut notes = Vec::new();
            let arg = self.text(r, ca, "the CA file name", &mut notes);
            setup.extend(notes);
            if super::super::uses::direct_tls(&requests) {
                self.uses.tls_file = true;
                let arg = borrowed(arg);
                setup.push("    // --cacert: trust only these CAs, as curl does.".to_string());
                setup.push(format!(
                    "    let ca = tls_file(&[{arg}], Certificate::from_pem_bundle)?;"
                ));
            } else {
                setup.push("    // --cacert: trust only these CAs, as curl does; curl reads the file only when -L".to_string());
                setup.push("    // reaches HTTPS: without it there are none (HTTPS fails, plain HTTP works).".to_string());
                setup.push(format!("    let ca = std::fs::read({arg}).map_or(Ok(Vec::new()), |pem| Certificate::from_pem_bundle(&pem))?;"));
            }
            chain.push(".tls_certs_only(ca)".to_string());
        }
        if let Some(r) = requests.iter().find(|r| !r.transfer.tls.is_empty()) {
            let tls = &r.transfer.tls;
            let mut notes = Vec::new();
            chain.extend(super::super::tls_versions(tls, &mut |m| {
                notes.push(m.to_string())
            }));
            for m in notes {
                let n = self.warn(r, &m);
                setup.push(n);
            }
            match (&tls.capath, &r.transfer.cacert) {
                (Some(dir), None) => {
                    let mut notes = Vec::new();
                    let dir = borrowed(self.text(r, dir, "the CA directory name", &mut notes));
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
            .find_map(|r| r.transfer.cert.as_ref().map(|c| (*r, c)))
        {
            self.uses.tls_file = true;
            let mut notes = Vec::new();
            let c = borrowed(self.text(r, cert, "the certificate file name", &mut notes));
            let files = match &r.transfer.key {
                Some(k) => {
                    let k = borrowed(self.text(r, k, "the key file name", &mut notes));
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
                "    let identity = tls_file(&[{files}], Identity::from_pem)?;"
            ));
            chain.push(".identity(identity)".to_string());
        }
        if let Some((r, proxy)) = requests
            .iter()
            .find_map(|r| r.transfer.proxy.as_ref().map(|p| (*r, p)))
        {
            let mut notes = Vec::new();
            let url = self.text(r, &proxy.url, "the proxy URL", &mut notes);
            if proxy
                .url
                .literal()
                .is_some_and(|u| u.to_ascii_lowercase().starts_with(b"socks"))
            {
                self.needs.socks = true;
            }
            let mut line = format!("    let proxy = Proxy::all({url})?");
            if let Some(user) = &proxy.user {
                let u = borrowed(self.text(r, user, "the proxy user", &mut notes));
                let p = match &proxy.password {
                    Some(p) => borrowed(self.text(r, p, "the proxy password", &mut notes)),
                    None => "\"\"".to_string(),
                };
                line.push_str(&format!(".basic_auth({u}, {p})"));
            }
            if let Some(np) = &r.transfer.noproxy {
                let list = borrowed(self.text(r, np, "the --noproxy list", &mut notes));
                line.push_str(&format!(".no_proxy(NoProxy::from_string({list}))"));
            }
            setup.extend(notes);
            setup.push(line + ";");
            // --proxy-header, the https proxy's TLS (nothing when not used).
            let px = super::super::proxying::parts(&requests);
            setup.extend(px.proxy_lines);
            if let Some(ca) = px.ca {
                setup.push(format!("    let proxy_ca = reqwest::Certificate::from_pem_bundle(&std::fs::read({ca})?)?;"));
            }
            chain.extend(px.chain);
            for why in px.refused {
                let n = self.warn(r, &why);
                setup.push(n);
            }
            chain.push(".proxy(proxy)".to_string());
        } else if let Some((r, np)) = requests
            .iter()
            .find_map(|r| r.transfer.noproxy.as_ref().map(|n| (*r, n)))
        {
            if np.literal().as_deref() == Some(b"*") {
                chain.push(".no_proxy() // --noproxy '*'".to_string());
            } else {
                let n = self.warn(r, "--noproxy without -x applies to proxies from the environment; reqwest reads NO_PROXY instead");
                setup.push(n);
            }
        }
        // --resolve, --connect-to, -4/-6, --interface, --unix-socket … (nothing when not used).
        let (connect, refused) = super::super::connect::client_chain(&requests);
        chain.extend(connect);
        for why in refused {
            let n = self.warn(requests[0], &why);
            setup.push(n);
        }
        let mut lines = setup;
        lines.push("    let client = Client::builder()".to_string());
        lines.extend(chain.into_iter().map(|c| format!("        {c}")));
        lines.push("        .build()?;".to_string());
        lines
    }
}
