//! The proxy options family (issue 13): `--proxy-header` lines, and dropping the family when no
//! `-x` names a proxy (curl would apply it to a proxy from the environment, which the generated
//! programs leave alone).

use super::*;

impl Group {
    /// `--proxy-header 'Name: value'` (or `Name;`): a header for the proxy alone.
    pub(super) fn proxy_header(&mut self, t: &Text, cx: &mut Ctx) {
        let f = Flat::new(&t.value);
        let (name, value) = match values::header(&f) {
            HeaderArg::Line { name, value } => (name, value),
            HeaderArg::Empty { name } => (name, Value::default()),
            _ => {
                cx.warn(
                    Diagnostic::warning(format!(
                        "--proxy-header `{}` is not converted: only 'Name: value' and 'Name;' are",
                        t.value.display()
                    ))
                    .with_span(t.span)
                    .with_help("write the header line out in the command"),
                );
                return;
            }
        };
        let name = HeaderName::new(name.display());
        self.transfer.proxying.headers.push(Header { name, value });
    }

    /// The family as a request with `proxy` keeps it: nothing without a proxy.
    pub(super) fn proxying_for(
        &self,
        proxy: Option<&Proxy>,
        cx: &mut Ctx,
        span: Span,
    ) -> ProxyOptions {
        let p = &self.transfer.proxying;
        if proxy.is_some() || p.is_unset() {
            return p.clone();
        }
        cx.warn(
            Diagnostic::warning(
                "the proxy options (--proxy-header, -p, --proxy-insecure …) without -x: curl applies them to a proxy from the environment (http_proxy …); they are not converted",
            )
            .with_span(span)
            .with_help("add -x with the proxy URL"),
        );
        ProxyOptions::default()
    }
}
