//! What the default output's templates (requests: idiomatic.py; httpx: httpx.py) print above
//! `main()`: the docstring and the retry policy as constants.

use super::common::{float, gate_reason, gated, statuses};
use super::httpx::Flavour;
use crate::codegen::plan::Plan;
use crate::codegen::python::literal as lit;
use crate::policy::{Jitter, RetryPolicy};

/// The retry policy as both idiomatic templates (requests, httpx) print it.
pub(super) struct PolicyView {
    pub(super) retry: bool,
    pub(super) max_retries: u32,
    pub(super) fixed_delay: Option<String>,
    pub(super) base_delay: String,
    pub(super) max_delay: String,
    /// DEADLINE, CONNECT_TIMEOUT and ATTEMPT_TIMEOUT with their comment.
    pub(super) limits: String,
    pub(super) deadline_limited: bool,
    pub(super) retry_all_errors: bool,
    pub(super) retry_statuses: String,
    pub(super) gate: bool,
    pub(super) gate_reason: &'static str,
    /// Full jitter on a backoff (not on a fixed delay).
    pub(super) jitter: bool,
    /// The per-attempt (connect, read) timeouts within the deadline's time `left`.
    pub(super) connect_expr: &'static str,
    pub(super) read_expr: &'static str,
    pub(super) idempotency_key: bool,
}

impl PolicyView {
    pub(super) fn new(policy: &RetryPolicy) -> PolicyView {
        PolicyView {
            retry: policy.enabled,
            max_retries: policy.max_retries,
            fixed_delay: policy.fixed_delay.map(float),
            base_delay: float(policy.base_delay),
            max_delay: float(policy.max_delay),
            limits: limits(policy),
            deadline_limited: policy.deadline.is_some(),
            retry_all_errors: policy.retry_all_errors,
            retry_statuses: statuses(&policy.retry_statuses),
            gate: gated(policy),
            gate_reason: gate_reason(policy),
            jitter: policy.jitter == Jitter::Full && policy.fixed_delay.is_none(),
            connect_expr: if policy.connect_timeout.is_some() {
                "min(CONNECT_TIMEOUT, left)"
            } else {
                "left"
            },
            read_expr: if policy.attempt_timeout.is_some() {
                "min(ATTEMPT_TIMEOUT, left)"
            } else {
                "left"
            },
            idempotency_key: policy.idempotency_key,
        }
    }
}

/// The time limits in one assignment (None: 0 in the command, no limit), its comment at the
/// end when the line stays within the width.
fn limits(p: &RetryPolicy) -> String {
    let none = |x: Option<f64>| x.map_or("None".into(), float);
    let code = format!(
        "DEADLINE, CONNECT_TIMEOUT, ATTEMPT_TIMEOUT = {}, {}, {}",
        none(p.deadline),
        none(p.connect_timeout),
        none(p.attempt_timeout)
    );
    let comment = "# s: all, connect, read";
    if code.len() + 2 + comment.len() <= super::syntax::LINE_WIDTH {
        format!("{code}  {comment}")
    } else {
        format!("{comment}\n{code}")
    }
}

/// The docstring: what the program sends, how it retries, what to install.
pub(super) fn summary(plan: &Plan, socks: bool, flavour: Flavour, exact: bool) -> String {
    let what = match plan.calls.as_slice() {
        [one] => format!(
            "Sends a {} request",
            lit::comment(one.request.method.as_str())
        ),
        calls => format!("Sends {} requests in order", calls.len()),
    };
    // --exact: byte for byte.
    let (how_sent, source) = match (exact, plan.calls.len()) {
        (false, _) => ("", "from a curl command"),
        (true, 1) => (" as curl sends it", "as curl sends it"),
        (true, _) => (" as curl sends them", "as curl sends them"),
    };
    let package = match (flavour, socks) {
        (Flavour::Requests, false) => "requests",
        (Flavour::Requests, true) => "requests pysocks",
        (_, false) => "httpx",
        (_, true) => "httpx[socks]",
    };
    // One line when it fits (with the quotes), else two with the retry policy's parts.
    let short = if plan.policy.enabled {
        "retrying brief failures"
    } else {
        "without retries"
    };
    let line = format!("{what}{how_sent}, {short}. By curl2code; pip install {package}");
    if line.len() + 6 <= super::syntax::LINE_WIDTH {
        return line;
    }
    let how = if plan.policy.enabled {
        "retrying\nbrief failures (backoff, Retry-After, a deadline)"
    } else {
        "without\nretries"
    };
    format!("{what} {source} (made by curl2code), {how}. pip install {package}")
}
