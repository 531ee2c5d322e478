//! The 502 playbook's settings (issue 15) as both Rust templates print them: the `Upstreams`
//! object of `templates/rust/upstreams.rs.askama` (a circuit breaker per base, health verdicts),
//! which the default output and `--exact` include alike.

use crate::codegen::literal::decimal::duration_expr;
use crate::codegen::rust::literal::str_literal;
use crate::policy::RetryPolicy;

/// What `upstreams.rs.askama` reads (as `pb.…`).
pub(super) struct Playbook {
    /// The `Upstreams` object exists: a breaker or a health check.
    pub upstreams: bool,
    pub breaker: bool,
    /// Fallback origins (retries on).
    pub fallback: bool,
    pub health: bool,
    /// The probe path or absolute URL, as a string literal.
    pub health_check: String,
    pub health_timeout: String,
    /// None: a verdict lasts for the program's lifetime.
    pub health_ttl: Option<String>,
    /// --health-check-auth: probes carry the request's credentials.
    pub health_auth: bool,
    /// `async ` and `.await`, or nothing for reqwest::blocking.
    pub async_: &'static str,
    pub await_: &'static str,
}

impl Playbook {
    pub(super) fn new(policy: &RetryPolicy, blocking: bool) -> Playbook {
        let health = policy.health_check.is_some();
        Playbook {
            upstreams: policy.circuit_breaker || health,
            breaker: policy.circuit_breaker,
            fallback: policy.enabled && !policy.fallback_urls.is_empty(),
            health,
            health_check: str_literal(policy.health_check.as_deref().unwrap_or_default()),
            health_timeout: duration_expr(policy.health_timeout),
            health_ttl: policy.health_ttl.map(duration_expr),
            health_auth: health && policy.health_check_auth,
            async_: if blocking { "" } else { "async " },
            await_: if blocking { "" } else { ".await" },
        }
    }
}
